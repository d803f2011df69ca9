//! The world a test builds (bot, guilds, channels, roles, members), snowflakes, permissions, and the Discord v10 JSON shapes of those objects.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::ratelimit::RateLimits;

/// Milliseconds between the Unix epoch and the Discord epoch (2015-01-01T00:00:00Z).
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

static LAST_SNOWFLAKE: AtomicU64 = AtomicU64::new(0);

/// A fresh, process-wide unique Discord snowflake (timestamp << 22 | worker | increment).
pub fn snowflake() -> u64 {
    let ms = unix_ms().saturating_sub(DISCORD_EPOCH_MS);
    // worker 1, process 0
    let candidate = (ms << 22) | (1 << 17);
    let mut last = LAST_SNOWFLAKE.load(Ordering::Relaxed);
    loop {
        let next = if candidate > last {
            candidate
        } else {
            last + 1
        };
        match LAST_SNOWFLAKE.compare_exchange(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(actual) => last = actual,
        }
    }
}

/// A pseudo-random 64-bit value (not cryptographic; good enough for tokens and session ids).
pub(crate) fn random_u64() -> u64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let seed = STATE.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
        ^ SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
    // splitmix64
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(crate) fn random_hex(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes * 2);
    while out.len() < bytes * 2 {
        out.push_str(&format!("{:016x}", random_u64()));
    }
    out.truncate(bytes * 2);
    out
}

pub(crate) fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The creation time of a snowflake, as an ISO-8601 timestamp.
pub fn snowflake_timestamp(id: u64) -> String {
    iso8601((id >> 22) + DISCORD_EPOCH_MS)
}

/// The current time as an ISO-8601 timestamp with a `+00:00` offset, as Discord writes them.
pub fn now_iso8601() -> String {
    iso8601(unix_ms())
}

/// Formats Unix milliseconds as `YYYY-MM-DDTHH:MM:SS.mmm000+00:00`.
pub fn iso8601(unix_ms: u64) -> String {
    let secs = unix_ms / 1000;
    let millis = unix_ms % 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (h, m, s) = (rem / 3600, (rem % 3600) / 60, rem % 60);
    // civil_from_days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if mo <= 2 { y + 1 } else { y };
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{m:02}:{s:02}.{millis:03}000+00:00")
}

/// Parses an ISO-8601 timestamp as Discord takes them (`YYYY-MM-DDTHH:MM:SS`, optional
/// fraction, then `Z` or `±HH:MM`) into Unix milliseconds; `None` when it is not one.
pub fn parse_iso8601(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let s = text.get(from..from + len)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, mi, s) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        let frac = &text[start..i.min(start + 3)];
        millis = format!("{frac:0<3}").parse::<i64>().ok()?;
    }
    let offset_min = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let m = num(i + 1, 2)? * 60 + num(i + 4, 2)?;
            if *sign == b'+' {
                m
            } else {
                -m
            }
        }
        _ => return None,
    };
    // days_from_civil (Howard Hinnant)
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + mi * 60 + s - offset_min * 60;
    u64::try_from(secs * 1000 + millis).ok()
}

/// Permission bits (Discord API v10), for role and overwrite specs.
pub mod perms {
    pub const CREATE_INSTANT_INVITE: u64 = 1 << 0;
    pub const KICK_MEMBERS: u64 = 1 << 1;
    pub const BAN_MEMBERS: u64 = 1 << 2;
    pub const ADMINISTRATOR: u64 = 1 << 3;
    pub const MANAGE_CHANNELS: u64 = 1 << 4;
    /// "Manage Server" in the client.
    pub const MANAGE_GUILD: u64 = 1 << 5;
    pub const ADD_REACTIONS: u64 = 1 << 6;
    pub const VIEW_AUDIT_LOG: u64 = 1 << 7;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const MANAGE_MESSAGES: u64 = 1 << 13;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const ATTACH_FILES: u64 = 1 << 15;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const MENTION_EVERYONE: u64 = 1 << 17;
    pub const USE_EXTERNAL_EMOJIS: u64 = 1 << 18;
    pub const CONNECT: u64 = 1 << 20;
    pub const SPEAK: u64 = 1 << 21;
    /// Server-mute members in voice; on a Stage, move members between speakers and audience.
    pub const MUTE_MEMBERS: u64 = 1 << 22;
    pub const DEAFEN_MEMBERS: u64 = 1 << 23;
    pub const MOVE_MEMBERS: u64 = 1 << 24;
    pub const CHANGE_NICKNAME: u64 = 1 << 26;
    pub const MANAGE_NICKNAMES: u64 = 1 << 27;
    pub const MANAGE_ROLES: u64 = 1 << 28;
    pub const USE_APPLICATION_COMMANDS: u64 = 1 << 31;
    /// Ask to speak on a Stage.
    pub const REQUEST_TO_SPEAK: u64 = 1 << 32;
    pub const MODERATE_MEMBERS: u64 = 1 << 40;
    pub const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;
    /// What makes a member a moderator of a Stage channel (all three, in the channel): needed to
    /// create, edit or delete its stage instance; a moderator joins a Stage as a speaker.
    pub const STAGE_MODERATOR: u64 = MANAGE_CHANNELS | MUTE_MEMBERS | MOVE_MEMBERS;
    /// Every permission bit currently defined by Discord (bits 0..=51, without the unused bit 48).
    pub const ALL: u64 = ((1 << 52) - 1) & !(1 << 48);
    /// What the @everyone role of a freshly created guild allows.
    pub const EVERYONE_DEFAULT: u64 = CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | MENTION_EVERYONE
        | USE_EXTERNAL_EMOJIS
        | CONNECT
        | SPEAK
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS;
    /// A typical bot invite: view, send, embed, read history, use commands.
    pub const BOT_DEFAULT: u64 = VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | READ_MESSAGE_HISTORY
        | USE_APPLICATION_COMMANDS;
}

/// Gateway intent bits.
pub mod intents {
    pub const GUILDS: u64 = 1 << 0;
    pub const GUILD_MEMBERS: u64 = 1 << 1;
    /// `voice_states` in GUILD_CREATE and the VOICE_STATE_UPDATE dispatch.
    pub const GUILD_VOICE_STATES: u64 = 1 << 7;
    pub const GUILD_PRESENCES: u64 = 1 << 8;
    pub const GUILD_MESSAGES: u64 = 1 << 9;
    pub const DIRECT_MESSAGES: u64 = 1 << 12;
    pub const MESSAGE_CONTENT: u64 = 1 << 15;
    /// The intents that must be switched on in the developer portal.
    pub const PRIVILEGED: u64 = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;
}

/// A Discord user (a human member or the bot).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSpec {
    pub id: u64,
    pub username: String,
    pub global_name: Option<String>,
    pub bot: bool,
    /// The client language Discord reports with this user's interactions (none: the double's
    /// `locale`).
    pub locale: Option<String>,
}

impl UserSpec {
    /// A human user with a fresh id.
    pub fn new(username: impl Into<String>) -> Self {
        Self {
            id: snowflake(),
            username: username.into(),
            global_name: None,
            bot: false,
            locale: None,
        }
    }

    /// A bot user with a fresh id.
    pub fn bot(username: impl Into<String>) -> Self {
        Self {
            bot: true,
            ..Self::new(username)
        }
    }

    pub fn id(mut self, id: u64) -> Self {
        self.id = id;
        self
    }

    pub fn global_name(mut self, name: impl Into<String>) -> Self {
        self.global_name = Some(name.into());
        self
    }

    /// The client language this user's interactions report (a Discord locale like `es-ES`).
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// The v10 user object.
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "id": self.id.to_string(),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": null,
            "banner": null,
            "accent_color": null,
            "avatar_decoration_data": null,
            "public_flags": 0,
            "flags": 0,
        });
        if self.bot {
            v["bot"] = json!(true);
        }
        v
    }
}

/// A guild member: a user plus guild-specific nick and roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberSpec {
    pub user: UserSpec,
    pub nick: Option<String>,
    /// Role ids (without the @everyone role, which every member has implicitly).
    pub roles: Vec<u64>,
    pub joined_at_ms: u64,
    /// Server mute and deafen (guild-wide: they stay when the member leaves voice).
    pub mute: bool,
    pub deaf: bool,
    /// The voice or Stage channel the member is connected to when the double starts.
    pub voice_channel: Option<u64>,
    /// The end of a timeout (ISO-8601), if the member is timed out.
    pub communication_disabled_until: Option<String>,
    /// Guild member flags.
    pub flags: u64,
}

impl MemberSpec {
    pub fn new(username: impl Into<String>) -> Self {
        Self::from_user(UserSpec::new(username))
    }

    pub fn from_user(user: UserSpec) -> Self {
        Self {
            user,
            nick: None,
            roles: Vec::new(),
            joined_at_ms: unix_ms(),
            mute: false,
            deaf: false,
            voice_channel: None,
            communication_disabled_until: None,
            flags: 0,
        }
    }

    pub fn id(mut self, id: u64) -> Self {
        self.user.id = id;
        self
    }

    /// The client language this member's interactions report (like `es-ES`).
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.user.locale = Some(locale.into());
        self
    }

    pub fn nick(mut self, nick: impl Into<String>) -> Self {
        self.nick = Some(nick.into());
        self
    }

    pub fn global_name(mut self, name: impl Into<String>) -> Self {
        self.user.global_name = Some(name.into());
        self
    }

    pub fn roles(mut self, roles: impl IntoIterator<Item = u64>) -> Self {
        self.roles = roles.into_iter().collect();
        self
    }

    /// Connected to this voice or Stage channel when the double starts (in GUILD_CREATE's
    /// `voice_states`).
    pub fn in_voice(mut self, channel: u64) -> Self {
        self.voice_channel = Some(channel);
        self
    }

    /// Server-muted from the start (a moderator's earlier mute).
    pub fn server_muted(mut self, mute: bool) -> Self {
        self.mute = mute;
        self
    }

    /// The v10 guild member object (with `user`), without `permissions`.
    pub fn to_json(&self) -> Value {
        json!({
            "user": self.user.to_json(),
            "nick": self.nick,
            "avatar": null,
            "banner": null,
            "roles": self.roles.iter().map(u64::to_string).collect::<Vec<_>>(),
            "joined_at": iso8601(self.joined_at_ms),
            "premium_since": null,
            "deaf": self.deaf,
            "mute": self.mute,
            "flags": self.flags,
            "pending": false,
            "communication_disabled_until": self.communication_disabled_until,
        })
    }
}

/// A guild role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleSpec {
    pub id: u64,
    pub name: String,
    pub permissions: u64,
    pub position: u16,
    pub managed: bool,
}

impl RoleSpec {
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "name": self.name,
            "color": 0,
            "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
            "hoist": false,
            "icon": null,
            "unicode_emoji": null,
            "position": self.position,
            "permissions": self.permissions.to_string(),
            "managed": self.managed,
            "mentionable": false,
            "flags": 0,
        })
    }
}

/// A channel permission overwrite (`kind` 0 = role, 1 = member).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverwriteSpec {
    pub id: u64,
    pub kind: u8,
    pub allow: u64,
    pub deny: u64,
}

/// Channel types used by the double.
pub mod channel_type {
    pub const GUILD_TEXT: u8 = 0;
    pub const GUILD_VOICE: u8 = 2;
    pub const GUILD_CATEGORY: u8 = 4;
    pub const GUILD_STAGE_VOICE: u8 = 13;

    /// Whether members can connect to a channel of this type (voice or Stage).
    pub fn is_voice(kind: u8) -> bool {
        matches!(kind, GUILD_VOICE | GUILD_STAGE_VOICE)
    }
}

/// A guild channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelSpec {
    pub id: u64,
    pub name: String,
    /// Discord channel type (0 text, 2 voice, 4 category, 13 Stage, ...).
    pub kind: u8,
    pub parent_id: Option<u64>,
    pub position: u16,
    pub overwrites: Vec<OverwriteSpec>,
}

impl ChannelSpec {
    /// The v10 channel object.
    pub fn to_json(&self, guild_id: u64) -> Value {
        let mut v = json!({
            "id": self.id.to_string(),
            "type": self.kind,
            "guild_id": guild_id.to_string(),
            "position": self.position,
            "permission_overwrites": self.overwrites.iter().map(|o| json!({
                "id": o.id.to_string(),
                "type": o.kind,
                "allow": o.allow.to_string(),
                "deny": o.deny.to_string(),
            })).collect::<Vec<_>>(),
            "name": self.name,
            "nsfw": false,
            "parent_id": self.parent_id.map(|p| p.to_string()),
            "flags": 0,
        });
        match self.kind {
            channel_type::GUILD_TEXT => {
                v["topic"] = Value::Null;
                v["last_message_id"] = Value::Null;
                v["rate_limit_per_user"] = json!(0);
            }
            channel_type::GUILD_VOICE | channel_type::GUILD_STAGE_VOICE => {
                v["bitrate"] = json!(64000);
                v["user_limit"] = json!(0);
                v["rtc_region"] = Value::Null;
                v["last_message_id"] = Value::Null;
                v["rate_limit_per_user"] = json!(0);
            }
            _ => {}
        }
        v
    }
}

/// A guild: its channels, roles (the first is always @everyone, whose id is the guild id) and members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuildSpec {
    pub id: u64,
    pub name: String,
    pub owner_id: u64,
    pub channels: Vec<ChannelSpec>,
    pub roles: Vec<RoleSpec>,
    pub members: Vec<MemberSpec>,
    pub preferred_locale: String,
}

impl GuildSpec {
    /// A guild with a fresh id, an @everyone role with Discord's default permissions and an owner
    /// member named "owner".
    pub fn new(name: impl Into<String>) -> Self {
        let id = snowflake();
        let owner = MemberSpec::new("owner");
        Self {
            id,
            name: name.into(),
            owner_id: owner.user.id,
            channels: Vec::new(),
            roles: vec![RoleSpec {
                id,
                name: "@everyone".into(),
                permissions: perms::EVERYONE_DEFAULT,
                position: 0,
                managed: false,
            }],
            members: vec![owner],
            preferred_locale: "en-US".into(),
        }
    }

    /// A guild (like [`GuildSpec::new`]) whose id puts it on shard `shard` of `total`:
    /// `(id >> 22) % total == shard`, as Discord assigns guilds to shards.
    pub fn on_shard(name: impl Into<String>, shard: u64, total: u64) -> Self {
        assert!(total > 0 && shard < total, "shard {shard} of {total}");
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let mut guild = Self::new(name);
        let ms = guild.id >> 22;
        let ms = ms + (shard + total - ms % total) % total;
        // Worker 2 (fresh snowflakes use worker 1) and a counter: unique within the process.
        let id = (ms << 22) | (2 << 17) | (NEXT.fetch_add(1, Ordering::Relaxed) & 0x1_ffff);
        guild.id = id;
        guild.roles[0].id = id;
        guild
    }

    /// The server's preferred locale (Discord: set in the community settings).
    pub fn preferred_locale(mut self, locale: impl Into<String>) -> Self {
        self.preferred_locale = locale.into();
        self
    }

    /// Adds a text channel, returning its id.
    pub fn add_text_channel(&mut self, name: impl Into<String>) -> u64 {
        self.add_channel(name, channel_type::GUILD_TEXT, Vec::new())
    }

    /// Adds a voice channel (no overwrites), returning its id.
    pub fn add_voice_channel(&mut self, name: impl Into<String>) -> u64 {
        self.add_channel(name, channel_type::GUILD_VOICE, Vec::new())
    }

    /// Adds a Stage channel (no overwrites), returning its id.
    pub fn add_stage_channel(&mut self, name: impl Into<String>) -> u64 {
        self.add_channel(name, channel_type::GUILD_STAGE_VOICE, Vec::new())
    }

    /// Adds a channel of any type with permission overwrites, returning its id.
    pub fn add_channel(
        &mut self,
        name: impl Into<String>,
        kind: u8,
        overwrites: Vec<OverwriteSpec>,
    ) -> u64 {
        let id = snowflake();
        self.channels.push(ChannelSpec {
            id,
            name: name.into(),
            kind,
            parent_id: None,
            position: self.channels.len() as u16,
            overwrites,
        });
        id
    }

    /// Adds a role (above the existing ones), returning its id.
    pub fn add_role(&mut self, name: impl Into<String>, permissions: u64) -> u64 {
        let id = snowflake();
        self.roles.push(RoleSpec {
            id,
            name: name.into(),
            permissions,
            position: self.roles.len() as u16,
            managed: false,
        });
        id
    }

    /// Adds a member, returning its user id.
    pub fn add_member(&mut self, member: MemberSpec) -> u64 {
        let id = member.user.id;
        self.members.push(member);
        id
    }

    /// Replaces the permissions of the @everyone role.
    pub fn everyone_permissions(&mut self, permissions: u64) {
        self.roles[0].permissions = permissions;
    }

    /// The owner member id.
    pub fn owner(&self) -> u64 {
        self.owner_id
    }

    pub fn member(&self, user_id: u64) -> Option<&MemberSpec> {
        self.members.iter().find(|m| m.user.id == user_id)
    }

    pub fn channel(&self, channel_id: u64) -> Option<&ChannelSpec> {
        self.channels.iter().find(|c| c.id == channel_id)
    }

    pub fn role(&self, role_id: u64) -> Option<&RoleSpec> {
        self.roles.iter().find(|r| r.id == role_id)
    }

    pub fn member_mut(&mut self, user_id: u64) -> Option<&mut MemberSpec> {
        self.members.iter_mut().find(|m| m.user.id == user_id)
    }

    pub fn channel_mut(&mut self, channel_id: u64) -> Option<&mut ChannelSpec> {
        self.channels.iter_mut().find(|c| c.id == channel_id)
    }

    pub fn role_mut(&mut self, role_id: u64) -> Option<&mut RoleSpec> {
        self.roles.iter_mut().find(|r| r.id == role_id)
    }

    /// Whether a member has every bit of `needed` in a channel ([`Self::channel_permissions`]).
    pub fn has_in_channel(&self, user_id: u64, channel_id: u64, needed: u64) -> bool {
        self.channel_permissions(user_id, channel_id) & needed == needed
    }

    /// Whether a member moderates a Stage channel ([`perms::STAGE_MODERATOR`] in it).
    pub fn is_stage_moderator(&self, user_id: u64, channel_id: u64) -> bool {
        self.has_in_channel(user_id, channel_id, perms::STAGE_MODERATOR)
    }

    /// Guild-level permissions of a member (Discord's algorithm: owner and Administrator get all).
    pub fn base_permissions(&self, user_id: u64) -> u64 {
        if user_id == self.owner_id {
            return perms::ALL;
        }
        let Some(member) = self.member(user_id) else {
            return 0;
        };
        let mut p = self.role(self.id).map_or(0, |r| r.permissions);
        for rid in &member.roles {
            if let Some(r) = self.role(*rid) {
                p |= r.permissions;
            }
        }
        if p & perms::ADMINISTRATOR != 0 {
            perms::ALL
        } else {
            p
        }
    }

    /// Permissions of a member in a channel, applying overwrites as Discord documents.
    pub fn channel_permissions(&self, user_id: u64, channel_id: u64) -> u64 {
        let base = self.base_permissions(user_id);
        if base & perms::ADMINISTRATOR != 0 {
            return perms::ALL;
        }
        let Some(channel) = self.channel(channel_id) else {
            return base;
        };
        let Some(member) = self.member(user_id) else {
            return base;
        };
        let mut p = base;
        if let Some(o) = channel
            .overwrites
            .iter()
            .find(|o| o.kind == 0 && o.id == self.id)
        {
            p &= !o.deny;
            p |= o.allow;
        }
        let (mut allow, mut deny) = (0, 0);
        for o in channel
            .overwrites
            .iter()
            .filter(|o| o.kind == 0 && member.roles.contains(&o.id))
        {
            allow |= o.allow;
            deny |= o.deny;
        }
        p &= !deny;
        p |= allow;
        if let Some(o) = channel
            .overwrites
            .iter()
            .find(|o| o.kind == 1 && o.id == user_id)
        {
            p &= !o.deny;
            p |= o.allow;
        }
        p
    }

    /// The v10 GUILD_CREATE payload (`full_members`: whether all members are listed, which
    /// Discord only does with the GUILD_MEMBERS intent; otherwise only `bot_id` is).
    pub fn guild_create_json(&self, full_members: bool, bot_id: u64) -> Value {
        let members: Vec<Value> = self
            .members
            .iter()
            .filter(|m| full_members || m.user.id == bot_id)
            .map(MemberSpec::to_json)
            .collect();
        let joined = self
            .member(bot_id)
            .map_or_else(now_iso8601, |m| iso8601(m.joined_at_ms));
        let mut v = self.guild_json();
        let extra = json!({
            "joined_at": joined,
            "large": false,
            "unavailable": false,
            "member_count": self.members.len(),
            "voice_states": [],
            "members": members,
            "channels": self.channels.iter().map(|c| {
                let mut c = c.to_json(self.id);
                c.as_object_mut().map(|o| o.remove("guild_id"));
                c
            }).collect::<Vec<_>>(),
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        });
        if let (Some(o), Value::Object(e)) = (v.as_object_mut(), extra) {
            o.extend(e);
        }
        v
    }

    /// The v10 guild object (as returned by `GET /guilds/{id}`).
    pub fn guild_json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "name": self.name,
            "icon": null,
            "icon_hash": null,
            "splash": null,
            "discovery_splash": null,
            "owner_id": self.owner_id.to_string(),
            "afk_channel_id": null,
            "afk_timeout": 300,
            "widget_enabled": false,
            "widget_channel_id": null,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": self.roles.iter().map(RoleSpec::to_json).collect::<Vec<_>>(),
            "emojis": [],
            "features": [],
            "mfa_level": 0,
            "application_id": null,
            "system_channel_id": null,
            "system_channel_flags": 0,
            "rules_channel_id": null,
            "max_presences": null,
            "max_members": 500000,
            "vanity_url_code": null,
            "description": null,
            "banner": null,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": self.preferred_locale,
            "public_updates_channel_id": null,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "nsfw_level": 0,
            "stickers": [],
            "premium_progress_bar_enabled": false,
            "safety_alerts_channel_id": null,
            "incidents_data": null,
        })
    }
}

/// Everything the double knows about the world. Build it with [`DoubleConfig::new`] and the
/// chained setters; the bot user is added as a member (with a managed role carrying
/// `bot_permissions`) to every guild when the double starts.
#[derive(Clone, Debug)]
pub struct DoubleConfig {
    /// The bot token (without the `Bot ` prefix).
    pub token: String,
    pub application_id: u64,
    pub bot_user: UserSpec,
    pub guilds: Vec<GuildSpec>,
    /// Sent in HELLO (Discord: 41250 ms).
    pub heartbeat_interval: Duration,
    /// How long after dispatch an interaction may be answered (Discord: 3 s).
    pub interaction_window: Duration,
    /// Permissions of the bot's managed role in every guild.
    pub bot_permissions: u64,
    /// Privileged intents "switched on in the developer portal"; asking for others closes 4014.
    pub allowed_privileged_intents: u64,
    /// User locale sent in interactions.
    pub locale: String,
    /// Application flags sent in READY.
    pub application_flags: u64,
    /// How long a channel message's nonce is remembered for `enforce_nonce` (Discord: "the
    /// past few minutes"; the double: 5 minutes).
    pub nonce_window: Duration,
    /// The shard count `GET /gateway/bot` recommends (Discord: one per ~1,000 guilds; the
    /// double: 1 unless set).
    pub recommended_shards: u32,
    /// Limits of the rate-limited voice and Stage routes (see [`RateLimits`]).
    pub rate_limits: RateLimits,
}

impl DoubleConfig {
    /// A config with fresh application and bot ids, no guilds and Discord's timing rules
    /// (41.25 s heartbeat, 3 s interaction window).
    pub fn new(token: impl Into<String>) -> Self {
        let application_id = snowflake();
        Self {
            token: token.into(),
            application_id,
            bot_user: UserSpec::bot("sharecircle-test").id(application_id),
            guilds: Vec::new(),
            heartbeat_interval: Duration::from_millis(41_250),
            interaction_window: Duration::from_secs(3),
            bot_permissions: perms::BOT_DEFAULT,
            allowed_privileged_intents: intents::PRIVILEGED,
            locale: "en-US".into(),
            application_flags: 0,
            nonce_window: Duration::from_secs(5 * 60),
            recommended_shards: 1,
            rate_limits: RateLimits::default(),
        }
    }

    pub fn guild(mut self, guild: GuildSpec) -> Self {
        self.guilds.push(guild);
        self
    }

    pub fn heartbeat_interval(mut self, interval: Duration) -> Self {
        self.heartbeat_interval = interval;
        self
    }

    pub fn interaction_window(mut self, window: Duration) -> Self {
        self.interaction_window = window;
        self
    }

    pub fn nonce_window(mut self, window: Duration) -> Self {
        self.nonce_window = window;
        self
    }

    /// The shard count `GET /gateway/bot` answers (at least 1).
    pub fn recommended_shards(mut self, shards: u32) -> Self {
        self.recommended_shards = shards.max(1);
        self
    }

    /// The limits of the rate-limited routes (shorten the windows to keep tests fast).
    pub fn rate_limits(mut self, limits: RateLimits) -> Self {
        self.rate_limits = limits;
        self
    }

    pub fn bot_permissions(mut self, permissions: u64) -> Self {
        self.bot_permissions = permissions;
        self
    }

    pub fn allowed_privileged_intents(mut self, mask: u64) -> Self {
        self.allowed_privileged_intents = mask;
        self
    }

    pub fn bot_name(mut self, username: impl Into<String>) -> Self {
        self.bot_user.username = username.into();
        self
    }

    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = locale.into();
        self
    }

    /// Adds the bot member and its managed role to every guild (idempotent).
    pub(crate) fn finalize(&mut self) {
        let bot = self.bot_user.clone();
        for g in &mut self.guilds {
            if g.member(bot.id).is_some() {
                continue;
            }
            let role = g.add_role(bot.username.clone(), self.bot_permissions);
            if let Some(r) = g.roles.iter_mut().find(|r| r.id == role) {
                r.managed = true;
            }
            g.add_member(MemberSpec::from_user(bot.clone()).roles([role]));
        }
    }

    pub fn find_guild(&self, guild_id: u64) -> Option<&GuildSpec> {
        self.guilds.iter().find(|g| g.id == guild_id)
    }

    /// The guild that owns a channel.
    pub fn guild_of_channel(&self, channel_id: u64) -> Option<&GuildSpec> {
        self.guilds.iter().find(|g| g.channel(channel_id).is_some())
    }

    pub fn find_user(&self, user_id: u64) -> Option<&UserSpec> {
        if self.bot_user.id == user_id {
            return Some(&self.bot_user);
        }
        self.guilds
            .iter()
            .flat_map(|g| g.members.iter())
            .map(|m| &m.user)
            .find(|u| u.id == user_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_formats_known_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000000+00:00");
        assert_eq!(
            iso8601(DISCORD_EPOCH_MS),
            "2015-01-01T00:00:00.000000+00:00"
        );
        assert_eq!(iso8601(951_782_400_123), "2000-02-29T00:00:00.123000+00:00");
    }

    #[test]
    fn iso8601_parses_what_it_formats_and_what_clients_send() {
        for ms in [0, DISCORD_EPOCH_MS, 951_782_400_123, unix_ms()] {
            assert_eq!(parse_iso8601(&iso8601(ms)), Some(ms));
        }
        // serenity (chrono) writes nanoseconds and `Z`; other clients write offsets.
        assert_eq!(
            parse_iso8601("2000-02-29T00:00:00.123456789Z"),
            Some(951_782_400_123)
        );
        assert_eq!(
            parse_iso8601("2000-02-29T01:30:00+01:30"),
            Some(951_782_400_000)
        );
        assert_eq!(parse_iso8601("2000-02-29T00:00:00"), None);
        assert_eq!(parse_iso8601("2000-13-01T00:00:00Z"), None);
        assert_eq!(parse_iso8601("yesterday"), None);
    }

    #[test]
    fn snowflakes_increase() {
        let a = snowflake();
        let b = snowflake();
        assert!(b > a);
        assert!((a >> 22) + DISCORD_EPOCH_MS <= unix_ms());
    }

    #[test]
    fn permissions_follow_discord_rules() {
        let mut g = GuildSpec::new("g");
        let mods = g.add_role("mods", perms::MANAGE_GUILD);
        let admin = g.add_role("admin", perms::ADMINISTRATOR);
        let a = g.add_member(MemberSpec::new("a").roles([mods]));
        let b = g.add_member(MemberSpec::new("b").roles([admin]));
        let c = g.add_member(MemberSpec::new("c"));
        assert_ne!(g.base_permissions(a) & perms::MANAGE_GUILD, 0);
        assert_eq!(g.base_permissions(b), perms::ALL);
        assert_eq!(g.base_permissions(c), perms::EVERYONE_DEFAULT);
        assert_eq!(g.base_permissions(g.owner()), perms::ALL);
        let ch = g.add_channel(
            "private",
            channel_type::GUILD_TEXT,
            vec![
                OverwriteSpec {
                    id: g.id,
                    kind: 0,
                    allow: 0,
                    deny: perms::VIEW_CHANNEL,
                },
                OverwriteSpec {
                    id: mods,
                    kind: 0,
                    allow: perms::VIEW_CHANNEL,
                    deny: 0,
                },
            ],
        );
        assert_eq!(g.channel_permissions(c, ch) & perms::VIEW_CHANNEL, 0);
        assert_ne!(g.channel_permissions(a, ch) & perms::VIEW_CHANNEL, 0);
    }
}
