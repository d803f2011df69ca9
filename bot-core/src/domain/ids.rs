//! Opaque identities and time for the domain: places, members, roles, timestamps.

use serde::{Deserialize, Serialize};
use std::fmt;

// `triomphe`'s `Arc` has no weak count: each id is one allocation 8 bytes smaller than std's.
use triomphe::Arc;

use super::lang::Lang;
use super::member_text::{echo, DisplayName};

/// Where a meeting lives: platform + community + channel, as one opaque string chosen by the adapter
/// (e.g. `discord:GUILD:CHANNEL`, `matrix:!room:server`, `console:main`).
///
/// The engine keeps a place's id in several indexes (its slot, its deadline, its zone): the
/// copies share one allocation, as cloning is a reference count.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceId(Arc<str>);

impl Serialize for PlaceId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PlaceId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(PlaceId::new(String::deserialize(d)?))
    }
}

impl PlaceId {
    pub fn new(id: impl Into<String>) -> Self {
        PlaceId(id.into().into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The platform part (`discord`, `matrix`, `console`), used to route deliveries.
    pub fn platform(&self) -> &str {
        self.0.split(':').next().unwrap_or("")
    }
}

impl fmt::Debug for PlaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PlaceId({})", self.0)
    }
}

impl fmt::Display for PlaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An opaque platform user id (Discord snowflake, Matrix user id, console name).
/// Its `Debug` does not print the id: logs never identify members.
///
/// A meeting names each member in many places (the session's members, check-ins, the round's
/// lineup, the queue, the newcomer days): the copies share one allocation (cloning is a
/// reference count), and a state read from the store shares them too
/// ([`MemberId::shared_while`]), so a meeting holds each id once.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MemberId(Arc<str>);

impl MemberId {
    pub fn new(id: impl Into<String>) -> Self {
        MemberId(id.into().into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Runs `decode` with every member id it deserializes on this thread made one allocation per
    /// distinct id (a place's state names each member several times).
    pub fn shared_while<T>(decode: impl FnOnce() -> T) -> T {
        let outer = SHARED_IDS.with(|s| s.borrow_mut().replace(Default::default()));
        let out = decode();
        SHARED_IDS.with(|s| *s.borrow_mut() = outer);
        out
    }
}

thread_local! {
    /// The ids decoded so far under [`MemberId::shared_while`] (`None`: not sharing).
    static SHARED_IDS: std::cell::RefCell<Option<std::collections::HashSet<Arc<str>>>> =
        const { std::cell::RefCell::new(None) };
}

impl Serialize for MemberId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MemberId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Id;
        impl serde::de::Visitor<'_> for Id {
            type Value = MemberId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member id")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<MemberId, E> {
                Ok(SHARED_IDS.with(|s| match s.borrow_mut().as_mut() {
                    Some(seen) => match seen.get(v) {
                        Some(id) => MemberId(id.clone()),
                        None => {
                            let id: Arc<str> = v.into();
                            seen.insert(id.clone());
                            MemberId(id)
                        }
                    },
                    None => MemberId(v.into()),
                }))
            }
        }
        d.deserialize_str(Id)
    }
}

impl fmt::Debug for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MemberId(<redacted>)")
    }
}

/// A member as the core sees one: an opaque id and the display name the platform gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub name: DisplayName,
}

impl Member {
    pub fn new(id: impl Into<String>, name: &str) -> Self {
        Member {
            id: MemberId::new(id),
            name: DisplayName::new(name),
        }
    }
}

/// What an actor may do. The platform grants some of it by itself (an actor's `role`); the core
/// raises it from the member's platform roles ([`Actor::role_in`]) and checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Member,
    Host,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Host => "host",
            Role::Admin => "admin",
        }
    }

    /// Who can do something that needs this role, said to a person.
    pub fn who_can(self) -> &'static str {
        match self {
            Role::Member => "anyone",
            Role::Host => "a host or an admin",
            Role::Admin => "an admin",
        }
    }
}

/// The member who sent a command, with what their platform says about them. The core turns
/// that into their role in the place ([`Actor::role_in`]): adapters report, they do not decide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub member: Member,
    /// The role the platform gives by itself: Discord's Manage Server or Administrator make an
    /// admin, Matrix power levels give their role, the console's `#role` its own.
    pub role: Role,
    /// The names of the member's roles on the platform (Discord roles), which name a place's
    /// host role and the configured admin role. Empty where roles have no names (Matrix).
    pub platform_roles: Vec<String>,
    /// The languages the platform reports (Discord: the member's client and the server's
    /// preferred locale), where they are ones the bot speaks.
    pub locale: Locale,
}

/// The languages a platform reports with a member's action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Locale {
    /// The member's own client language: what is addressed to them alone is in it, unless they
    /// chose another one here.
    pub member: Option<Lang>,
    /// The community's preferred language: a place first used by this action speaks it.
    pub community: Option<Lang>,
}

impl Locale {
    /// The languages a platform reports as Discord writes them (`es-ES`, `de`); one the bot
    /// does not speak is none.
    pub fn from_discord(member: &str, community: Option<&str>) -> Locale {
        Locale {
            member: Lang::from_discord(member),
            community: community.and_then(Lang::from_discord),
        }
    }

    /// What a member reads where no place has chosen for them: their app's language, else the
    /// community's, else English.
    pub fn reader(self) -> Lang {
        self.member.or(self.community).unwrap_or_default()
    }
}

impl Actor {
    /// The actor's role where `host_role` is the place's host role and `admin_role` the
    /// configured admin role: the platform's own grant, raised to admin or host by a platform
    /// role named like one of them.
    pub fn role_in(&self, host_role: Option<&str>, admin_role: Option<&str>) -> Role {
        let has = |wanted: Option<&str>| {
            wanted.is_some_and(|w| self.platform_roles.iter().any(|n| same_role_name(n, w)))
        };
        if has(admin_role) {
            Role::Admin
        } else if has(host_role) {
            self.role.max(Role::Host)
        } else {
            self.role
        }
    }
}

/// Role names compare case-insensitively, ignoring surrounding space and a leading `@`.
pub fn same_role_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().trim_start_matches('@').trim().to_lowercase();
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// An absolute UTC instant in milliseconds since the Unix epoch. The domain never reads a clock:
/// every `handle` call is given `now`, and every deadline is one of these, stored as is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }
    pub fn plus(self, d: Millis) -> Timestamp {
        Timestamp(self.0.saturating_add(d.0))
    }
    pub fn minus(self, d: Millis) -> Timestamp {
        Timestamp(self.0.saturating_sub(d.0))
    }
    /// The first whole second at or after this instant. Turns start and end on whole seconds,
    /// so the times a member is told (clocks show seconds) are the real deadlines.
    pub fn whole_second_up(self) -> Timestamp {
        Timestamp(
            self.0
                .div_euclid(1000)
                .saturating_add(i64::from(self.0.rem_euclid(1000) != 0))
                .saturating_mul(1000),
        )
    }
    /// `self - earlier`, never negative.
    pub fn since(self, earlier: Timestamp) -> Millis {
        Millis((self.0 - earlier.0).max(0))
    }
    pub fn to_rfc3339(self) -> String {
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(self.0)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_else(|| self.0.to_string())
    }
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| Timestamp(t.timestamp_millis()))
    }
}

/// A span of time in milliseconds (share times, warnings, grace).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Millis(pub i64);

impl Millis {
    pub const ZERO: Millis = Millis(0);
    pub fn is_zero(&self) -> bool {
        self.0 == 0
    }
    pub fn secs(s: i64) -> Millis {
        Millis(s * 1000)
    }
    pub fn mins(m: i64) -> Millis {
        Millis(m * 60_000)
    }
    pub fn from_std(d: std::time::Duration) -> Millis {
        Millis(i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }
    pub fn to_std(self) -> std::time::Duration {
        std::time::Duration::from_millis(self.0.max(0) as u64)
    }
    /// "3 minutes", "1 minute 30 seconds", "45 seconds": how the bot says a duration.
    pub fn spoken(self) -> String {
        let total = (self.0.max(0) + 500) / 1000;
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
        let mut parts = Vec::new();
        let unit = |n: i64, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        if h > 0 {
            parts.push(unit(h, "hour"));
        }
        if m > 0 {
            parts.push(unit(m, "minute"));
        }
        if s > 0 || parts.is_empty() {
            parts.push(unit(s, "second"));
        }
        parts.join(" ")
    }
    /// Compact form that the parser reads back: `3m`, `1m30s`, `45s`, `2h`.
    pub fn compact(self) -> String {
        let total = self.0.max(0) / 1000;
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
        let mut out = String::new();
        if h > 0 {
            out.push_str(&format!("{h}h"));
        }
        if m > 0 {
            out.push_str(&format!("{m}m"));
        }
        if s > 0 || out.is_empty() {
            out.push_str(&format!("{s}s"));
        }
        out
    }
}

/// Longest duration any command accepts (a share time of more than this is surely a typo).
pub const MAX_DURATION: Millis = Millis(24 * 3600 * 1000);

/// Parses a human duration (`90s`, `3m`, `1m30s`, `2h`) with humantime. A bare number is refused
/// because it is ambiguous (seconds? minutes?). Zero is a duration; commands that need more say so.
pub fn parse_duration(raw: &str) -> Result<Millis, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("a duration is missing".into());
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "{} has no unit: write `{s}s` for seconds or `{s}m` for minutes",
            echo(s)
        ));
    }
    match humantime::parse_duration(s) {
        Ok(d) => {
            let ms = Millis::from_std(d);
            if ms > MAX_DURATION {
                Err(format!("{} is longer than 24 hours", echo(s)))
            } else {
                Ok(ms)
            }
        }
        Err(_) => Err(format!(
            "{} is not a duration like `90s`, `3m` or `1m30s`",
            echo(s)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, names: &[&str]) -> Actor {
        Actor {
            member: Member::new("discord:1", "Rosa"),
            role,
            platform_roles: names.iter().map(|n| n.to_string()).collect(),
            locale: Default::default(),
        }
    }

    #[test]
    fn roles_by_platform_grant_and_role_name() {
        let names = ["Facilitators", "Stewards"];
        assert_eq!(actor(Role::Admin, &[]).role_in(None, None), Role::Admin);
        assert_eq!(
            actor(Role::Member, &names).role_in(None, Some("@stewards")),
            Role::Admin
        );
        assert_eq!(
            actor(Role::Member, &names).role_in(Some(" facilitators "), Some("admins")),
            Role::Host
        );
        assert_eq!(
            actor(Role::Member, &names).role_in(None, None),
            Role::Member
        );
        assert_eq!(
            actor(Role::Member, &[]).role_in(Some(""), None),
            Role::Member
        );
        // A role name never lowers what the platform grants.
        assert_eq!(
            actor(Role::Admin, &names).role_in(Some("stewards"), None),
            Role::Admin
        );
    }
}
