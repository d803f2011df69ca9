//! Voice and Stage: per-guild voice states (who is connected where, server mute and deafen, suppress, request to speak) and stage instances; their REST routes (member PATCH, voice-state GET and PATCH, stage instances) with Discord's checks; the test controls that play the humans; and the VOICE_STATE_UPDATE, GUILD_MEMBER_UPDATE, STAGE_INSTANCE_* dispatches.
//!
//! Field names, body fields, limits and success statuses come from Discord's OpenAPI spec (the
//! extract in `spec/voice-openapi.json`, checked against the constants below by a unit test);
//! the rules the spec does not carry (permissions, error codes, who starts suppressed) come from
//! Discord's documentation (resources/voice, resources/stage-instance, resources/guild "Modify
//! Guild Member", topics/opcodes-and-status-codes).

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::gateway::dispatch_for_intent;
use crate::model::{
    channel_type, intents, iso8601, parse_iso8601, perms, random_hex, snowflake, unix_ms,
    GuildSpec, OverwriteSpec,
};
use crate::recording::State;
use crate::validation::{ApiError, FormErrors};

/// The body fields of `update_guild_member` (PATCH `/guilds/{guild}/members/{user}`).
pub const MEMBER_PATCH_FIELDS: &[&str] = &[
    "nick",
    "roles",
    "mute",
    "deaf",
    "channel_id",
    "communication_disabled_until",
    "flags",
];
/// The body fields of `update_voice_state` (PATCH `/guilds/{guild}/voice-states/{user}`).
pub const VOICE_STATE_PATCH_FIELDS: &[&str] = &["suppress", "channel_id"];
/// The body fields of `update_self_voice_state` (PATCH `/guilds/{guild}/voice-states/@me`).
pub const SELF_VOICE_STATE_PATCH_FIELDS: &[&str] =
    &["request_to_speak_timestamp", "suppress", "channel_id"];
/// The body fields of `create_stage_instance` (POST `/stage-instances`).
pub const STAGE_CREATE_FIELDS: &[&str] = &[
    "topic",
    "channel_id",
    "privacy_level",
    "guild_scheduled_event_id",
    "send_start_notification",
];
/// The body fields of `update_stage_instance` (PATCH `/stage-instances/{channel}`).
pub const STAGE_PATCH_FIELDS: &[&str] = &["topic", "privacy_level"];
/// A stage topic's length (the spec's `minLength`/`maxLength`; twilight-validate agrees).
pub const STAGE_TOPIC_MIN: usize = 1;
pub const STAGE_TOPIC_MAX: usize = 120;
/// `StageInstancesPrivacyLevels`: 1 PUBLIC (deprecated), 2 GUILD_ONLY (the default).
pub const PRIVACY_LEVELS: &[u64] = &[1, 2];
pub const PRIVACY_GUILD_ONLY: u64 = 2;
/// `update_guild_member`: `nick` at most 32 characters, at most 350 `roles`.
pub const NICK_MAX: usize = 32;
pub const ROLES_MAX: usize = 350;
/// How far in the past a `request_to_speak_timestamp` may be (Discord: "any present or future
/// time"; the double allows this much clock skew between client and server).
pub const REQUEST_TO_SPEAK_SKEW_MS: u64 = 60_000;

/// One member's connection to a voice or Stage channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct VoiceState {
    pub guild_id: u64,
    pub user_id: u64,
    pub channel_id: u64,
    pub session_id: String,
    pub self_mute: bool,
    pub self_deaf: bool,
    pub self_video: bool,
    pub self_stream: bool,
    pub suppress: bool,
    /// Unix milliseconds of the request to speak (Stage), if any.
    pub request_to_speak_ms: Option<u64>,
}

/// A live Stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StageInstance {
    pub id: u64,
    pub guild_id: u64,
    pub channel_id: u64,
    pub topic: String,
    pub privacy_level: u64,
}

impl StageInstance {
    /// The v10 stage instance object (`StageInstanceResponse`).
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id.to_string(),
            "guild_id": self.guild_id.to_string(),
            "channel_id": self.channel_id.to_string(),
            "topic": self.topic,
            "privacy_level": self.privacy_level,
            "discoverable_disabled": false,
            "guild_scheduled_event_id": null,
        })
    }
}

/// Voice states by (guild, user) and stage instances by channel.
#[derive(Default, Debug)]
pub(crate) struct VoiceWorld {
    pub states: BTreeMap<(u64, u64), VoiceState>,
    pub stages: BTreeMap<u64, StageInstance>,
}

/// A successful answer: `Some` is 200 with JSON, `None` is 204.
pub(crate) type VoiceAnswer = Result<Option<Value>, ApiError>;

/// Whether a member joining `channel` starts suppressed: on a Stage everyone but its moderators
/// joins the audience; in a voice channel nobody is suppressed.
fn joins_suppressed(guild: &GuildSpec, user: u64, channel: u64) -> bool {
    guild
        .channel(channel)
        .is_some_and(|c| c.kind == channel_type::GUILD_STAGE_VOICE)
        && !guild.is_stage_moderator(user, channel)
}

/// The voice states of the members a guild spec puts in voice at start.
pub(crate) fn initial_states(guild: &GuildSpec) -> Vec<VoiceState> {
    guild
        .members
        .iter()
        .filter_map(|m| {
            let channel = m.voice_channel?;
            let c = guild.channel(channel)?;
            channel_type::is_voice(c.kind).then(|| VoiceState {
                guild_id: guild.id,
                user_id: m.user.id,
                channel_id: channel,
                session_id: random_hex(16),
                self_mute: false,
                self_deaf: false,
                self_video: false,
                self_stream: false,
                suppress: joins_suppressed(guild, m.user.id, channel),
                request_to_speak_ms: None,
            })
        })
        .collect()
}

/// The v10 voice state object. `in_guild_create`: the partial form of GUILD_CREATE's
/// `voice_states` (no `guild_id`, no `member`); otherwise the full one (REST answers and
/// VOICE_STATE_UPDATE). `channel`: the channel to show (`None` for a member who just left).
pub(crate) fn state_json(
    st: &State,
    vs: &VoiceState,
    channel: Option<u64>,
    in_guild_create: bool,
) -> Value {
    let member = st
        .guild(vs.guild_id)
        .and_then(|g| g.member(vs.user_id))
        .cloned();
    let (mute, deaf) = member.as_ref().map_or((false, false), |m| (m.mute, m.deaf));
    let mut v = json!({
        "channel_id": channel.map(|c| c.to_string()),
        "user_id": vs.user_id.to_string(),
        "session_id": vs.session_id,
        "deaf": deaf,
        "mute": mute,
        "self_deaf": vs.self_deaf,
        "self_mute": vs.self_mute,
        "self_stream": vs.self_stream,
        "self_video": vs.self_video,
        "suppress": vs.suppress,
        "request_to_speak_timestamp": vs.request_to_speak_ms.map(iso8601),
    });
    if !in_guild_create {
        v["guild_id"] = json!(vs.guild_id.to_string());
        if let Some(m) = member {
            v["member"] = m.to_json();
        }
    }
    v
}

/// The current voice state of a member as JSON (REST shape), if connected.
pub(crate) fn current_json(st: &State, guild: u64, user: u64) -> Option<Value> {
    let vs = st.voice.states.get(&(guild, user))?;
    Some(state_json(st, vs, Some(vs.channel_id), false))
}

/// VOICE_STATE_UPDATE for a member's current state (GUILD_VOICE_STATES intent).
fn dispatch_state(st: &mut State, guild: u64, user: u64) {
    if let Some(v) = current_json(st, guild, user) {
        dispatch_for_intent(st, "VOICE_STATE_UPDATE", v, intents::GUILD_VOICE_STATES);
    }
}

/// GUILD_MEMBER_UPDATE for a member (GUILD_MEMBERS intent).
fn dispatch_member(st: &mut State, guild: u64, user: u64) {
    let Some(mut v) = st
        .guild(guild)
        .and_then(|g| g.member(user))
        .map(|m| m.to_json())
    else {
        return;
    };
    v["guild_id"] = json!(guild.to_string());
    dispatch_for_intent(st, "GUILD_MEMBER_UPDATE", v, intents::GUILD_MEMBERS);
}

/// Removes a member's voice state and dispatches it with `channel_id: null`.
fn disconnect(st: &mut State, guild: u64, user: u64) -> Option<Value> {
    let vs = st.voice.states.get(&(guild, user))?.clone();
    let v = state_json(st, &vs, None, false);
    st.voice.states.remove(&(guild, user));
    dispatch_for_intent(
        st,
        "VOICE_STATE_UPDATE",
        v.clone(),
        intents::GUILD_VOICE_STATES,
    );
    Some(v)
}

/// Puts a connected member into `channel` (a move keeps the session; the Stage's suppress is
/// decided anew and a request to speak ends).
fn move_state(st: &mut State, guild: u64, user: u64, channel: u64) {
    let suppress = st
        .guild(guild)
        .is_some_and(|g| joins_suppressed(g, user, channel));
    if let Some(vs) = st.voice.states.get_mut(&(guild, user)) {
        vs.channel_id = channel;
        vs.suppress = suppress;
        vs.request_to_speak_ms = None;
    }
}

// ---------------------------------------------------------------- body checks

fn object<'a>(body: &'a Value, errs: &mut FormErrors) -> Option<&'a Map<String, Value>> {
    let o = body.as_object();
    if o.is_none() {
        errs.add(
            "",
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        );
    }
    o
}

fn unknown_fields(o: &Map<String, Value>, allowed: &[&str], errs: &mut FormErrors) {
    for k in o.keys().filter(|k| !allowed.contains(&k.as_str())) {
        errs.add(
            k,
            "UNKNOWN_FIELD",
            format!(
                "Unknown field `{k}` (this route takes {})",
                allowed.join(", ")
            ),
        );
    }
}

/// A present, non-null value of `key` (null means "unset" for the nullable fields).
fn given<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    o.get(key).filter(|v| !v.is_null())
}

fn check_bool(o: &Map<String, Value>, key: &str, errs: &mut FormErrors) -> Option<bool> {
    let v = given(o, key)?;
    let b = v.as_bool();
    if b.is_none() {
        errs.add(key, "BASE_TYPE_BOOLEAN", "Must be either true or false.");
    }
    b
}

fn snowflake_value(v: &Value) -> Option<u64> {
    match v {
        Value::String(s) if !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) => {
            s.parse().ok()
        }
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

fn check_snowflake(o: &Map<String, Value>, key: &str, errs: &mut FormErrors) -> Option<u64> {
    let v = given(o, key)?;
    let id = snowflake_value(v);
    if id.is_none() {
        errs.add(
            key,
            "NUMBER_TYPE_COERCE",
            format!(
                "Value \"{}\" is not snowflake.",
                v.as_str().map_or_else(|| v.to_string(), str::to_owned)
            ),
        );
    }
    id
}

fn check_datetime(o: &Map<String, Value>, key: &str, errs: &mut FormErrors) -> Option<u64> {
    let v = given(o, key)?;
    let ms = v.as_str().and_then(parse_iso8601);
    if ms.is_none() {
        errs.add(
            key,
            "DATE_TIME_TYPE_PARSE",
            format!("Could not parse {v}. Should be ISO8601."),
        );
    }
    ms
}

fn check_len(
    o: &Map<String, Value>,
    key: &str,
    min: usize,
    max: usize,
    required: bool,
    errs: &mut FormErrors,
) -> Option<String> {
    match o.get(key) {
        None | Some(Value::Null) => {
            if required {
                errs.add(key, "BASE_TYPE_REQUIRED", "This field is required");
            }
            None
        }
        Some(Value::String(s)) => {
            let n = s.chars().count();
            if n < min || n > max {
                if min == 0 {
                    errs.add(
                        key,
                        "BASE_TYPE_MAX_LENGTH",
                        format!("Must be {max} or fewer in length."),
                    );
                } else {
                    errs.add(
                        key,
                        "BASE_TYPE_BAD_LENGTH",
                        format!("Must be between {min} and {max} in length."),
                    );
                }
                None
            } else {
                Some(s.clone())
            }
        }
        Some(_) => {
            errs.add(
                key,
                "BASE_TYPE_STRING",
                "Could not interpret value as string.",
            );
            None
        }
    }
}

fn check_privacy(o: &Map<String, Value>, errs: &mut FormErrors) -> Option<u64> {
    let v = given(o, "privacy_level")?;
    match v.as_u64().filter(|p| PRIVACY_LEVELS.contains(p)) {
        Some(p) => Some(p),
        None => {
            errs.add(
                "privacy_level",
                "BASE_TYPE_CHOICES",
                "Value must be one of {1, 2}.",
            );
            None
        }
    }
}

/// The bot needs to see a channel (50001) and hold `needed` in it (50013).
fn bot_needs(guild: &GuildSpec, bot: u64, channel: u64, needed: u64) -> Result<(), ApiError> {
    let p = guild.channel_permissions(bot, channel);
    if p & perms::VIEW_CHANNEL == 0 {
        Err(ApiError::missing_access())
    } else if p & needed != needed {
        Err(ApiError::missing_permissions())
    } else {
        Ok(())
    }
}

fn not_connected() -> ApiError {
    ApiError::new(400, 40032, "Target user is not connected to voice.")
}

fn unknown_voice_state() -> ApiError {
    ApiError::new(404, 10065, "Unknown Voice State")
}

fn unknown_stage_instance() -> ApiError {
    ApiError::new(404, 10067, "Unknown Stage Instance")
}

fn wrong_channel_type() -> ApiError {
    ApiError::new(400, 50024, "Cannot execute action on this channel type")
}

fn id_of(s: &str) -> Option<u64> {
    s.parse().ok()
}

// ---------------------------------------------------------------- member PATCH

/// `PATCH /guilds/{guild}/members/{user}` (Modify Guild Member): `mute` and `deaf` (need
/// MUTE_MEMBERS / DEAFEN_MEMBERS in the member's voice channel; 400/40032 when the member is not
/// in voice), `channel_id` (a move: MOVE_MEMBERS, CONNECT in the target; null disconnects),
/// `nick` (MANAGE_NICKNAMES), `roles` (MANAGE_ROLES), `communication_disabled_until`
/// (MODERATE_MEMBERS), `flags`. Answers 200 with the member.
pub(crate) fn patch_member(
    st: &mut State,
    bot: u64,
    gid: &str,
    uid: &str,
    body: &Value,
) -> VoiceAnswer {
    let guild = id_of(gid)
        .and_then(|g| st.guild(g))
        .cloned()
        .ok_or_else(ApiError::unknown_guild)?;
    let user = id_of(uid)
        .filter(|u| guild.member(*u).is_some())
        .ok_or_else(ApiError::unknown_member)?;
    let mut errs = FormErrors::default();
    let Some(o) = object(body, &mut errs) else {
        return errs.into_result().map(|()| None);
    };
    unknown_fields(o, MEMBER_PATCH_FIELDS, &mut errs);
    let mute = check_bool(o, "mute", &mut errs);
    let deaf = check_bool(o, "deaf", &mut errs);
    let move_to = o
        .contains_key("channel_id")
        .then(|| check_snowflake(o, "channel_id", &mut errs));
    let nick = if o.contains_key("nick") {
        Some(check_len(o, "nick", 0, NICK_MAX, false, &mut errs))
    } else {
        None
    };
    let roles = match given(o, "roles") {
        None => None,
        Some(Value::Array(a)) => {
            if a.len() > ROLES_MAX {
                errs.add(
                    "roles",
                    "BASE_TYPE_MAX_LENGTH",
                    format!("Must be {ROLES_MAX} or fewer in length."),
                );
            }
            let mut ids = Vec::new();
            for (i, r) in a.iter().enumerate() {
                match snowflake_value(r) {
                    Some(id) if !ids.contains(&id) => ids.push(id),
                    Some(_) => {}
                    None => errs.add(
                        &format!("roles.{i}"),
                        "NUMBER_TYPE_COERCE",
                        format!("Value \"{r}\" is not snowflake."),
                    ),
                }
            }
            Some(ids)
        }
        Some(_) => {
            errs.add(
                "roles",
                "BASE_TYPE_LIST",
                "Only iterables may be used in a ListType",
            );
            None
        }
    };
    let timeout = o
        .contains_key("communication_disabled_until")
        .then(|| check_datetime(o, "communication_disabled_until", &mut errs));
    let flags = match given(o, "flags") {
        None => None,
        Some(v) => {
            if v.as_u64().is_none() {
                errs.add("flags", "NUMBER_TYPE_COERCE", "Value is not int.");
            }
            v.as_u64()
        }
    };
    errs.into_result()?;

    let base = guild.base_permissions(bot);
    let base_needs = |p: u64| -> Result<(), ApiError> {
        if base & p == p {
            Ok(())
        } else {
            Err(ApiError::missing_permissions())
        }
    };
    let current = st.voice.states.get(&(guild.id, user)).map(|v| v.channel_id);
    if mute.is_some() || deaf.is_some() {
        let channel = current.ok_or_else(not_connected)?;
        if mute.is_some() {
            bot_needs(&guild, bot, channel, perms::MUTE_MEMBERS)?;
        }
        if deaf.is_some() {
            bot_needs(&guild, bot, channel, perms::DEAFEN_MEMBERS)?;
        }
    }
    if let Some(target) = move_to {
        let channel = current.ok_or_else(not_connected)?;
        bot_needs(&guild, bot, channel, perms::MOVE_MEMBERS)?;
        if let Some(target) = target {
            let kind = guild
                .channel(target)
                .map(|c| c.kind)
                .ok_or_else(ApiError::unknown_channel)?;
            if !channel_type::is_voice(kind) {
                return Err(wrong_channel_type());
            }
            bot_needs(&guild, bot, target, perms::CONNECT)?;
        }
    }
    if nick.is_some() {
        base_needs(perms::MANAGE_NICKNAMES)?;
        if user == guild.owner() && user != bot {
            return Err(ApiError::missing_permissions());
        }
    }
    if let Some(roles) = &roles {
        base_needs(perms::MANAGE_ROLES)?;
        for r in roles {
            match guild.role(*r) {
                None => return Err(ApiError::new(404, 10011, "Unknown Role")),
                Some(role) if role.managed || role.id == guild.id => {
                    let had = guild.member(user).is_some_and(|m| m.roles.contains(r));
                    if !had {
                        return Err(ApiError::missing_permissions());
                    }
                }
                Some(_) => {}
            }
        }
    }
    if timeout.is_some() {
        base_needs(perms::MODERATE_MEMBERS)?;
        if guild.base_permissions(user) & perms::ADMINISTRATOR != 0 {
            return Err(ApiError::missing_permissions());
        }
    }
    if flags.is_some()
        && base & (perms::MANAGE_GUILD | perms::MANAGE_ROLES) == 0
        && base & (perms::MODERATE_MEMBERS | perms::KICK_MEMBERS | perms::BAN_MEMBERS)
            != perms::MODERATE_MEMBERS | perms::KICK_MEMBERS | perms::BAN_MEMBERS
    {
        return Err(ApiError::missing_permissions());
    }

    // Apply.
    let before = guild.member(user).cloned().expect("checked");
    let g = st.guild_mut(guild.id).expect("checked");
    let m = g.member_mut(user).expect("checked");
    if let Some(v) = mute {
        m.mute = v;
    }
    if let Some(v) = deaf {
        m.deaf = v;
    }
    if let Some(n) = nick {
        m.nick = n.filter(|n| !n.is_empty());
    }
    if let Some(r) = roles {
        m.roles = r;
    }
    if let Some(t) = timeout {
        m.communication_disabled_until = t.map(iso8601);
    }
    if let Some(f) = flags {
        m.flags = f;
    }
    let after = m.clone();
    let voice_changed = before.mute != after.mute || before.deaf != after.deaf;
    match move_to {
        Some(None) => {
            disconnect(st, guild.id, user);
        }
        Some(Some(target)) if current != Some(target) => {
            move_state(st, guild.id, user, target);
            dispatch_state(st, guild.id, user);
        }
        _ if voice_changed => dispatch_state(st, guild.id, user),
        _ => {}
    }
    if before != after {
        dispatch_member(st, guild.id, user);
    }
    Ok(Some(after.to_json()))
}

// ---------------------------------------------------------------- voice states

/// `GET /guilds/{guild}/voice-states/{user}` and `/@me`: the voice state (404/10065 when not
/// connected); another member's needs the bot to see and connect to their channel.
pub(crate) fn get_state(st: &State, bot: u64, gid: &str, uid: &str) -> VoiceAnswer {
    let guild = id_of(gid)
        .and_then(|g| st.guild(g))
        .ok_or_else(ApiError::unknown_guild)?;
    let user = if uid == "@me" {
        bot
    } else {
        id_of(uid)
            .filter(|u| guild.member(*u).is_some())
            .ok_or_else(ApiError::unknown_member)?
    };
    let vs = st
        .voice
        .states
        .get(&(guild.id, user))
        .ok_or_else(unknown_voice_state)?;
    if user != bot {
        bot_needs(guild, bot, vs.channel_id, perms::CONNECT)?;
    }
    Ok(Some(state_json(st, vs, Some(vs.channel_id), false)))
}

/// `PATCH /guilds/{guild}/voice-states/{user}` (Modify User Voice State, `suppress` and
/// `channel_id`) and `/@me` (Modify Current User Voice State, also `request_to_speak_timestamp`).
/// The member must be connected to a Stage channel (`channel_id`, when given, must be it);
/// suppressing or unsuppressing another member needs MUTE_MEMBERS, unsuppressing oneself too,
/// requesting to speak REQUEST_TO_SPEAK. An unsuppressed human gets a request-to-speak
/// timestamp (an invitation to speak), a suppressed member loses it. Answers 204.
pub(crate) fn patch_state(
    st: &mut State,
    bot: u64,
    gid: &str,
    uid: &str,
    body: &Value,
) -> VoiceAnswer {
    let guild = id_of(gid)
        .and_then(|g| st.guild(g))
        .cloned()
        .ok_or_else(ApiError::unknown_guild)?;
    let me = uid == "@me";
    let user = if me {
        bot
    } else {
        id_of(uid)
            .filter(|u| guild.member(*u).is_some())
            .ok_or_else(ApiError::unknown_member)?
    };
    let mut errs = FormErrors::default();
    let Some(o) = object(body, &mut errs) else {
        return errs.into_result().map(|()| None);
    };
    let allowed = if me {
        SELF_VOICE_STATE_PATCH_FIELDS
    } else {
        VOICE_STATE_PATCH_FIELDS
    };
    unknown_fields(o, allowed, &mut errs);
    let suppress = check_bool(o, "suppress", &mut errs);
    let channel = check_snowflake(o, "channel_id", &mut errs);
    let request = if me && o.contains_key("request_to_speak_timestamp") {
        let ms = check_datetime(o, "request_to_speak_timestamp", &mut errs);
        if ms.is_some_and(|ms| ms + REQUEST_TO_SPEAK_SKEW_MS < unix_ms()) {
            errs.add(
                "request_to_speak_timestamp",
                "BASE_TYPE_BAD_DATETIME",
                "Must be a present or future time.",
            );
        }
        Some(ms)
    } else {
        None
    };
    errs.into_result()?;

    let vs = st
        .voice
        .states
        .get(&(guild.id, user))
        .cloned()
        .filter(|vs| channel.is_none_or(|c| c == vs.channel_id))
        .ok_or_else(unknown_voice_state)?;
    let kind = guild.channel(vs.channel_id).map_or(0, |c| c.kind);
    if kind != channel_type::GUILD_STAGE_VOICE {
        return Err(wrong_channel_type());
    }
    match suppress {
        Some(_) if !me => bot_needs(&guild, bot, vs.channel_id, perms::MUTE_MEMBERS)?,
        Some(false) => bot_needs(&guild, bot, vs.channel_id, perms::MUTE_MEMBERS)?,
        _ => bot_needs(&guild, bot, vs.channel_id, 0)?,
    }
    if let Some(Some(_)) = request {
        bot_needs(&guild, bot, vs.channel_id, perms::REQUEST_TO_SPEAK)?;
    }

    let is_bot = guild.member(user).is_some_and(|m| m.user.bot);
    let mut next = vs.clone();
    match suppress {
        Some(false) => {
            next.suppress = false;
            if !me && !is_bot && vs.suppress {
                next.request_to_speak_ms = Some(unix_ms());
            }
        }
        Some(true) => {
            next.suppress = true;
            next.request_to_speak_ms = None;
        }
        None => {}
    }
    if let Some(r) = request {
        next.request_to_speak_ms = r;
    }
    if next != vs {
        st.voice.states.insert((guild.id, user), next);
        dispatch_state(st, guild.id, user);
    }
    Ok(None)
}

// ---------------------------------------------------------------- stage instances

/// The guild and channel of a Stage channel id, or Discord's error.
fn stage_channel(st: &State, channel: u64) -> Result<GuildSpec, ApiError> {
    let guild = st
        .guild_of_channel(channel)
        .cloned()
        .ok_or_else(ApiError::unknown_channel)?;
    let kind = guild.channel(channel).map_or(0, |c| c.kind);
    if kind != channel_type::GUILD_STAGE_VOICE {
        return Err(wrong_channel_type());
    }
    Ok(guild)
}

/// `POST /stage-instances`: the bot must moderate the Stage channel (MANAGE_CHANNELS,
/// MUTE_MEMBERS, MOVE_MEMBERS in it); one instance per channel (400/150006).
pub(crate) fn create_stage(st: &mut State, bot: u64, body: &Value) -> VoiceAnswer {
    let mut errs = FormErrors::default();
    let Some(o) = object(body, &mut errs) else {
        return errs.into_result().map(|()| None);
    };
    unknown_fields(o, STAGE_CREATE_FIELDS, &mut errs);
    let topic = check_len(
        o,
        "topic",
        STAGE_TOPIC_MIN,
        STAGE_TOPIC_MAX,
        true,
        &mut errs,
    );
    let channel = check_snowflake(o, "channel_id", &mut errs);
    if given(o, "channel_id").is_none() {
        errs.add("channel_id", "BASE_TYPE_REQUIRED", "This field is required");
    }
    let privacy = check_privacy(o, &mut errs);
    check_bool(o, "send_start_notification", &mut errs);
    let event = check_snowflake(o, "guild_scheduled_event_id", &mut errs);
    errs.into_result()?;
    let (Some(topic), Some(channel)) = (topic, channel) else {
        unreachable!("required fields were checked")
    };
    let guild = stage_channel(st, channel)?;
    bot_needs(&guild, bot, channel, perms::STAGE_MODERATOR)?;
    if st.voice.stages.contains_key(&channel) {
        return Err(ApiError::new(400, 150006, "The Stage is already open"));
    }
    if event.is_some() {
        // The double has no scheduled events.
        return Err(ApiError::new(404, 10070, "Unknown Guild Scheduled Event"));
    }
    let stage = StageInstance {
        id: snowflake(),
        guild_id: guild.id,
        channel_id: channel,
        topic,
        privacy_level: privacy.unwrap_or(PRIVACY_GUILD_ONLY),
    };
    let v = stage.to_json();
    st.voice.stages.insert(channel, stage);
    dispatch_for_intent(st, "STAGE_INSTANCE_CREATE", v.clone(), intents::GUILDS);
    Ok(Some(v))
}

/// `GET`, `PATCH` (topic, privacy level; moderators) and `DELETE` (moderators; 204) of
/// `/stage-instances/{channel}`; 404/10067 when the Stage is not live.
pub(crate) fn stage_instance(
    st: &mut State,
    bot: u64,
    method: &str,
    cid: &str,
    body: Option<&Value>,
) -> VoiceAnswer {
    let channel = id_of(cid).ok_or_else(ApiError::unknown_channel)?;
    let guild = stage_channel(st, channel)?;
    match method {
        "GET" => {
            bot_needs(&guild, bot, channel, 0)?;
            let stage = st
                .voice
                .stages
                .get(&channel)
                .ok_or_else(unknown_stage_instance)?;
            Ok(Some(stage.to_json()))
        }
        "PATCH" => {
            let body = body.cloned().unwrap_or(Value::Null);
            let mut errs = FormErrors::default();
            let Some(o) = object(&body, &mut errs) else {
                return errs.into_result().map(|()| None);
            };
            unknown_fields(o, STAGE_PATCH_FIELDS, &mut errs);
            let topic = check_len(
                o,
                "topic",
                STAGE_TOPIC_MIN,
                STAGE_TOPIC_MAX,
                false,
                &mut errs,
            );
            let privacy = check_privacy(o, &mut errs);
            errs.into_result()?;
            if !st.voice.stages.contains_key(&channel) {
                return Err(unknown_stage_instance());
            }
            bot_needs(&guild, bot, channel, perms::STAGE_MODERATOR)?;
            let stage = st.voice.stages.get_mut(&channel).expect("checked");
            let before = stage.clone();
            if let Some(t) = topic {
                stage.topic = t;
            }
            if let Some(p) = privacy {
                stage.privacy_level = p;
            }
            let (changed, v) = (*stage != before, stage.to_json());
            if changed {
                dispatch_for_intent(st, "STAGE_INSTANCE_UPDATE", v.clone(), intents::GUILDS);
            }
            Ok(Some(v))
        }
        "DELETE" => {
            if !st.voice.stages.contains_key(&channel) {
                return Err(unknown_stage_instance());
            }
            bot_needs(&guild, bot, channel, perms::STAGE_MODERATOR)?;
            let stage = st.voice.stages.remove(&channel).expect("checked");
            dispatch_for_intent(
                st,
                "STAGE_INSTANCE_DELETE",
                stage.to_json(),
                intents::GUILDS,
            );
            Ok(None)
        }
        _ => Err(ApiError::new(405, 0, "405: Method Not Allowed")),
    }
}

// ---------------------------------------------------------------- test controls (the humans)

/// A member connects to (or, if connected, moves to) a voice or Stage channel. They need
/// VIEW_CHANNEL and CONNECT there, as in Discord's client.
pub(crate) fn join(st: &mut State, guild: u64, user: u64, channel: u64) -> Result<Value, String> {
    let g = st
        .guild(guild)
        .ok_or_else(|| format!("unknown guild {guild}"))?;
    g.member(user)
        .ok_or_else(|| format!("user {user} is not a member of guild {guild}"))?;
    let kind = g
        .channel(channel)
        .map(|c| c.kind)
        .ok_or_else(|| format!("channel {channel} is not in guild {guild}"))?;
    if !channel_type::is_voice(kind) {
        return Err(format!(
            "channel {channel} is of type {kind}, not voice (2) or Stage (13)"
        ));
    }
    if !g.has_in_channel(user, channel, perms::VIEW_CHANNEL | perms::CONNECT) {
        return Err(format!(
            "user {user} may not connect to channel {channel} (VIEW_CHANNEL and CONNECT)"
        ));
    }
    let suppress = joins_suppressed(g, user, channel);
    match st.voice.states.entry((guild, user)) {
        Entry::Occupied(mut e) => {
            let vs = e.get_mut();
            vs.channel_id = channel;
            vs.suppress = suppress;
            vs.request_to_speak_ms = None;
        }
        Entry::Vacant(e) => {
            e.insert(VoiceState {
                guild_id: guild,
                user_id: user,
                channel_id: channel,
                session_id: random_hex(16),
                self_mute: false,
                self_deaf: false,
                self_video: false,
                self_stream: false,
                suppress,
                request_to_speak_ms: None,
            });
        }
    }
    dispatch_state(st, guild, user);
    Ok(current_json(st, guild, user).expect("just connected"))
}

/// A connected member moves to another voice or Stage channel.
pub(crate) fn move_member(
    st: &mut State,
    guild: u64,
    user: u64,
    channel: u64,
) -> Result<Value, String> {
    if !st.voice.states.contains_key(&(guild, user)) {
        return Err(format!(
            "user {user} is not connected to voice in guild {guild}"
        ));
    }
    join(st, guild, user, channel)
}

/// A member disconnects; returns the dispatched state (`channel_id: null`).
pub(crate) fn leave(st: &mut State, guild: u64, user: u64) -> Result<Value, String> {
    disconnect(st, guild, user)
        .ok_or_else(|| format!("user {user} is not connected to voice in guild {guild}"))
}

/// A human moderator server-mutes or unmutes a connected member.
pub(crate) fn moderator_mute(
    st: &mut State,
    guild: u64,
    user: u64,
    mute: bool,
) -> Result<Value, String> {
    if !st.voice.states.contains_key(&(guild, user)) {
        return Err(format!(
            "user {user} is not connected to voice in guild {guild}"
        ));
    }
    let m = st
        .guild_mut(guild)
        .and_then(|g| g.member_mut(user))
        .ok_or_else(|| format!("user {user} is not a member of guild {guild}"))?;
    if m.mute != mute {
        m.mute = mute;
        dispatch_state(st, guild, user);
        dispatch_member(st, guild, user);
    }
    Ok(current_json(st, guild, user).expect("connected"))
}

/// A member in a Stage's audience raises (`true`: the timestamp is now) or lowers their hand;
/// lowering it also accepts an invitation to speak.
pub(crate) fn request_to_speak(
    st: &mut State,
    guild: u64,
    user: u64,
    on: bool,
) -> Result<Value, String> {
    let channel = st
        .voice
        .states
        .get(&(guild, user))
        .map(|v| v.channel_id)
        .ok_or_else(|| format!("user {user} is not connected to voice in guild {guild}"))?;
    let kind = st
        .guild(guild)
        .and_then(|g| g.channel(channel))
        .map_or(0, |c| c.kind);
    if kind != channel_type::GUILD_STAGE_VOICE {
        return Err(format!("user {user} is in channel {channel}, not a Stage"));
    }
    let vs = st.voice.states.get_mut(&(guild, user)).expect("checked");
    let next = on.then(unix_ms);
    if vs.request_to_speak_ms.is_some() != next.is_some() || on {
        vs.request_to_speak_ms = next;
        dispatch_state(st, guild, user);
    }
    Ok(current_json(st, guild, user).expect("connected"))
}

/// Replaces a role's permissions; dispatches GUILD_ROLE_UPDATE.
pub(crate) fn set_role_permissions(
    st: &mut State,
    guild: u64,
    role: u64,
    permissions: u64,
) -> Result<(), String> {
    let r = st
        .guild_mut(guild)
        .and_then(|g| g.role_mut(role))
        .ok_or_else(|| format!("role {role} is not in guild {guild}"))?;
    r.permissions = permissions;
    let v = json!({ "guild_id": guild.to_string(), "role": r.to_json() });
    dispatch_for_intent(st, "GUILD_ROLE_UPDATE", v, intents::GUILDS);
    Ok(())
}

/// Replaces a channel's permission overwrites; dispatches CHANNEL_UPDATE.
pub(crate) fn set_channel_overwrites(
    st: &mut State,
    guild: u64,
    channel: u64,
    overwrites: Vec<OverwriteSpec>,
) -> Result<(), String> {
    let c = st
        .guild_mut(guild)
        .and_then(|g| g.channel_mut(channel))
        .ok_or_else(|| format!("channel {channel} is not in guild {guild}"))?;
    c.overwrites = overwrites;
    let v = c.to_json(guild);
    dispatch_for_intent(st, "CHANNEL_UPDATE", v, intents::GUILDS);
    Ok(())
}

/// Whether a recorded request is one of the voice routes (member PATCH, voice-state PATCH,
/// stage instances).
pub(crate) fn is_voice_request(method: &str, route: &str) -> bool {
    let segs: Vec<&str> = route.trim_matches('/').split('/').collect();
    matches!(
        (method, segs.as_slice()),
        (
            "PATCH",
            ["guilds", _, "members", _] | ["guilds", _, "voice-states", _]
        ) | (_, ["stage-instances", ..])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = include_str!("../spec/voice-openapi.json");

    fn spec() -> Value {
        serde_json::from_str(SPEC).expect("the spec extract is JSON")
    }

    /// The request body schema of an operation, `$ref`s resolved.
    fn request(spec: &Value, op: &str) -> Value {
        let r = &spec["operations"][op]["request"];
        match r.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap();
                spec["schemas"][name].clone()
            }
            None => r.clone(),
        }
    }

    fn fields(schema: &Value) -> Vec<String> {
        let mut v: Vec<String> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect();
        v.sort();
        v
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
        v.sort();
        v
    }

    fn required(spec: &Value, schema: &str) -> Vec<String> {
        spec["schemas"][schema]["required"]
            .as_array()
            .expect("required")
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn body_fields_and_limits_are_the_specs() {
        let spec = spec();
        assert_eq!(
            fields(&request(&spec, "update_guild_member")),
            sorted(MEMBER_PATCH_FIELDS)
        );
        assert_eq!(
            fields(&request(&spec, "update_voice_state")),
            sorted(VOICE_STATE_PATCH_FIELDS)
        );
        assert_eq!(
            fields(&request(&spec, "update_self_voice_state")),
            sorted(SELF_VOICE_STATE_PATCH_FIELDS)
        );
        assert_eq!(
            fields(&request(&spec, "create_stage_instance")),
            sorted(STAGE_CREATE_FIELDS)
        );
        assert_eq!(
            fields(&request(&spec, "update_stage_instance")),
            sorted(STAGE_PATCH_FIELDS)
        );
        let create = request(&spec, "create_stage_instance");
        assert_eq!(create["required"], json!(["topic", "channel_id"]));
        for op in ["create_stage_instance", "update_stage_instance"] {
            let topic = &request(&spec, op)["properties"]["topic"];
            assert_eq!(topic["minLength"], json!(STAGE_TOPIC_MIN), "{op}");
            assert_eq!(topic["maxLength"], json!(STAGE_TOPIC_MAX), "{op}");
        }
        let member = request(&spec, "update_guild_member");
        assert_eq!(member["properties"]["nick"]["maxLength"], json!(NICK_MAX));
        assert_eq!(member["properties"]["roles"]["maxItems"], json!(ROLES_MAX));
        let levels: Vec<u64> = spec["schemas"]["StageInstancesPrivacyLevels"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["const"].as_u64().unwrap())
            .collect();
        assert_eq!(levels, PRIVACY_LEVELS);
        let stage_type = spec["schemas"]["ChannelTypes"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["title"] == "GUILD_STAGE_VOICE")
            .unwrap()["const"]
            .clone();
        assert_eq!(stage_type, json!(channel_type::GUILD_STAGE_VOICE));
    }

    #[test]
    fn success_statuses_are_the_specs() {
        let spec = spec();
        let has =
            |op: &str, status: &str| spec["operations"][op]["responses"].get(status).is_some();
        // The double answers: member PATCH 200 with the member, voice-state PATCHes 204, stage
        // create/get/patch 200, delete 204.
        for (op, status) in [
            ("update_guild_member", "200"),
            ("update_voice_state", "204"),
            ("update_self_voice_state", "204"),
            ("get_voice_state", "200"),
            ("get_self_voice_state", "200"),
            ("create_stage_instance", "200"),
            ("get_stage_instance", "200"),
            ("update_stage_instance", "200"),
            ("delete_stage_instance", "204"),
        ] {
            assert!(has(op, status), "{op} does not answer {status} in the spec");
        }
        assert!(!has("update_voice_state", "200"));
    }

    #[test]
    fn objects_carry_every_field_the_spec_requires() {
        let spec = spec();
        let mut g = GuildSpec::new("g");
        let stage = g.add_stage_channel("stage");
        let m = g.add_member(crate::model::MemberSpec::new("m").in_voice(stage));
        let mut st = State {
            guilds: vec![g.clone()],
            ..State::default()
        };
        for vs in initial_states(&g) {
            st.voice.states.insert((vs.guild_id, vs.user_id), vs);
        }
        let v = current_json(&st, g.id, m).expect("in voice");
        for f in required(&spec, "VoiceStateResponse") {
            assert!(v.get(&f).is_some(), "voice state lacks {f}: {v}");
        }
        assert_eq!(v["suppress"], true, "a member joins a Stage's audience");
        let member = g.member(m).unwrap().to_json();
        for f in required(&spec, "GuildMemberResponse") {
            assert!(member.get(&f).is_some(), "member lacks {f}: {member}");
        }
        let s = StageInstance {
            id: 1,
            guild_id: g.id,
            channel_id: stage,
            topic: "t".into(),
            privacy_level: 2,
        }
        .to_json();
        for f in required(&spec, "StageInstanceResponse") {
            assert!(s.get(&f).is_some(), "stage instance lacks {f}: {s}");
        }
    }

    #[test]
    fn rate_limit_headers_are_the_specs() {
        let spec = spec();
        let headers: Vec<String> = spec["operations"]["update_guild_member"]["rate_limit_headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_owned())
            .collect();
        let mut b = crate::ratelimit::Buckets::default();
        let crate::ratelimit::Taken::Allowed(sent) = b.take(
            &crate::ratelimit::RateLimits::default(),
            crate::ratelimit::Route::MemberPatch,
            1,
            std::time::Instant::now(),
        ) else {
            panic!("first request refused")
        };
        let mut sent: Vec<String> = sent.into_iter().map(|(k, _)| k).collect();
        sent.sort();
        assert_eq!(sent, headers);
        let limited = &spec["schemas"]["RatelimitedResponse"]["allOf"][1];
        assert_eq!(limited["required"], json!(["retry_after", "global"]));
    }
}
