//! A place's standing configuration: the settings, the one table of their limits (which also
//! words each refusal), applying a `settings …` change, and the settings listing.

use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use super::ids::Millis;
use super::lang::Lang;
use super::language::named as language_name;
use super::outcome::{Rejection, RejectionCode as Code};
use super::reply::reject;
use super::request::{Crosstalk, SettingChange};
use super::text::{say, Message, Say, Span, UserText};
use crate::say;

/// The standing configuration of a place's meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub share_time: Millis,
    /// Offsets before the end of a turn, largest first.
    pub warnings: Vec<Millis>,
    pub grace: Millis,
    pub auto_advance: bool,
    pub fairness: bool,
    pub crosstalk: Crosstalk,
    pub host_role: Option<UserText>,
    pub crisis_text: Option<UserText>,
    pub idle_close: Millis,
    /// IANA zone for schedules (default for new ones) and attendance dates.
    pub timezone: String,
    /// Record the date of each check-in (opt-in).
    pub attendance: bool,
    /// How many days attendance dates are kept.
    pub retention_days: u32,
    /// How late a scheduled post may still go out after downtime.
    pub schedule_grace: Millis,
    /// The shortest share the time until the closing is divided into (a format's share part):
    /// below it, not everyone fits and hands are taken instead.
    #[serde(skip_serializing_if = "is_default_min_share")]
    pub min_share: Millis,
    /// Welcome a member privately the first time they check in (on unless turned off).
    #[serde(skip_serializing_if = "is_on")]
    pub welcome: bool,
    /// The admins' own welcome, line by line (none: the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub welcome_text: Option<Vec<UserText>>,
    /// The language everything posted here is in (and, unless a member chose otherwise, what
    /// they read alone).
    #[serde(skip_serializing_if = "is_english")]
    pub language: Lang,
}

fn is_english(l: &Lang) -> bool {
    *l == Lang::En
}

fn is_on(b: &bool) -> bool {
    *b
}

/// The default shortest share of a format's time until the closing.
pub const DEFAULT_MIN_SHARE: Millis = Millis(60_000);

fn is_default_min_share(d: &Millis) -> bool {
    *d == DEFAULT_MIN_SHARE
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            share_time: Millis::mins(3),
            warnings: vec![Millis::mins(1), Millis::secs(30)],
            grace: Millis::secs(10),
            auto_advance: true,
            fairness: true,
            crosstalk: Crosstalk::None,
            host_role: None,
            crisis_text: None,
            idle_close: Millis::mins(180),
            timezone: "UTC".to_string(),
            attendance: false,
            retention_days: 30,
            schedule_grace: Millis::mins(10),
            min_share: DEFAULT_MIN_SHARE,
            welcome: true,
            welcome_text: None,
            language: Lang::En,
        }
    }
}

/// A place's settings, shared with every place whose settings are the same defaults (most
/// places never change a setting): one allocation for all of them instead of ~220 bytes each. A
/// change copies them first ([`Arc::make_mut`]). Stored, the defaults are `{}` (see [`shared`]).
pub type SharedSettings = Arc<Settings>;

/// The defaults every new place starts from, shared.
pub fn default_settings() -> SharedSettings {
    static DEFAULT: LazyLock<SharedSettings> = LazyLock::new(|| Arc::new(Settings::default()));
    DEFAULT.clone()
}

/// Serde for [`SharedSettings`]: written as the settings themselves, except the defaults (most
/// places), written as `{}`, which every version reads back as the defaults (each field of
/// [`Settings`] has its default): 330 bytes less to write at every commit of such a place (a
/// sixth of a meeting of ten's state).
/// Read back, the defaults are shared again.
pub(crate) mod shared {
    use super::*;
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(settings: &SharedSettings, s: S) -> Result<S::Ok, S::Error> {
        let default = default_settings();
        if Arc::ptr_eq(settings, &default) || **settings == *default {
            return s.serialize_map(Some(0))?.end();
        }
        Settings::serialize(settings, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SharedSettings, D::Error> {
        Settings::deserialize(d).map(share)
    }
}

/// `settings`, shared with other places if they are the defaults.
pub fn share(settings: Settings) -> SharedSettings {
    let default = default_settings();
    if settings == *default {
        default
    } else {
        Arc::new(settings)
    }
}

/// Shown by `crisis` when a place has not configured its own resources: the key of the default
/// text in the message files (`settings.ftl`), which names each language's regions' numbers.
pub const DEFAULT_CRISIS_TEXT: &str = "settings-crisis-default";

/// A duration with a limit: a setting, or how long a scheduled meeting lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bounded {
    ShareTime,
    Grace,
    ScheduleGrace,
    IdleClose,
    MeetingLength,
}

/// Which side of a value a limit bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    AtLeast(Millis),
    AtMost(Millis),
}

/// One setting's limit and how a refusal words it: `refusal` is the key of its words in the
/// message files (`settings.ftl`), with `$limit` the limit (a duration) and `$example` a form
/// that works (`example`, a command).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bound {
    pub setting: Bounded,
    pub limit: Limit,
    pub refusal: &'static str,
    pub example: &'static str,
}

/// The limits, in the order of [`Bounded`]: the only place each one is written, in code and in
/// words.
pub const BOUNDS: [Bound; 5] = [
    Bound {
        setting: Bounded::ShareTime,
        limit: Limit::AtLeast(Millis(10_000)),
        refusal: "settings-share-time-too-short",
        example: "settings share-time 3m",
    },
    Bound {
        setting: Bounded::Grace,
        limit: Limit::AtMost(Millis(10 * 60_000)),
        refusal: "settings-grace-too-long",
        example: "settings grace 10s",
    },
    Bound {
        setting: Bounded::ScheduleGrace,
        limit: Limit::AtMost(Millis(60 * 60_000)),
        refusal: "settings-schedule-grace-too-long",
        example: "settings schedule-grace 10m",
    },
    Bound {
        setting: Bounded::IdleClose,
        limit: Limit::AtLeast(Millis(15 * 60_000)),
        refusal: "settings-idle-close-too-short",
        example: "settings idle-close 3h",
    },
    Bound {
        setting: Bounded::MeetingLength,
        limit: Limit::AtLeast(Millis(5 * 60_000)),
        refusal: "settings-meeting-too-short",
        example: "schedule add tuesday weekly tue 19:00 1h",
    },
];

impl Bounded {
    pub fn bound(self) -> &'static Bound {
        &BOUNDS[self as usize]
    }

    /// `value` if it is inside the limit, else a refusal suggesting the setting's own example.
    pub(crate) fn check(self, value: Millis) -> Result<Millis, Rejection> {
        self.check_suggesting(value, self.bound().example)
    }

    /// Like [`Bounded::check`], suggesting `example` (a command other than `settings` that takes
    /// the same value).
    pub(crate) fn check_suggesting(
        self,
        value: Millis,
        example: &str,
    ) -> Result<Millis, Rejection> {
        let bound = self.bound();
        let (inside, limit) = match bound.limit {
            Limit::AtLeast(min) => (value >= min, min),
            Limit::AtMost(max) => (value <= max, max),
        };
        if inside {
            return Ok(value);
        }
        let refusal = Say::new(
            bound.refusal,
            vec![
                ("limit", say::dur(limit).into()),
                ("example", say::cmd(example).into()),
            ],
        );
        Err(reject(
            Code::InvalidSetting,
            vec![Span::Say(Box::new(refusal))],
        ))
    }
}

/// Whether a change alters what a live status view shows while a session is open (a running
/// round's plan, or the queue's order).
pub(crate) fn shows_in_status(change: &SettingChange) -> bool {
    matches!(
        change,
        SettingChange::Grace(_) | SettingChange::AutoAdvance(_) | SettingChange::Fairness(_)
    )
}

impl Settings {
    /// Applies a change and says what it now means. What else the change touches (the queue's
    /// order, attendance kept so far) is the place's to do.
    pub(crate) fn change(&mut self, change: SettingChange) -> Result<Vec<Span>, Rejection> {
        Ok(match change {
            SettingChange::ShareTime(d) => {
                self.share_time = Bounded::ShareTime.check(d)?;
                vec![say!("settings-share-time-set", time = say::dur(d))]
            }
            SettingChange::Warnings(mut ws) => {
                ws.sort_by(|a, b| b.cmp(a));
                ws.dedup();
                self.warnings = ws.clone();
                let mut each = ws.iter().map(|w| say::dur(*w));
                match each.next() {
                    None => vec![say!("settings-warnings-none")],
                    Some(first) => {
                        let all = each.fold(first, |all, next| {
                            say!("settings-warnings-and", all = all, next = next)
                        });
                        vec![say!("settings-warnings-set", warnings = all)]
                    }
                }
            }
            SettingChange::Grace(d) => {
                self.grace = Bounded::Grace.check(d)?;
                vec![say!("settings-grace-set", grace = say::dur(d))]
            }
            SettingChange::AutoAdvance(on) => {
                self.auto_advance = on;
                vec![say!(
                    "settings-auto-advance-set",
                    on = on,
                    next = say::cmd("next")
                )]
            }
            SettingChange::Fairness(on) => {
                self.fairness = on;
                vec![say!("settings-fairness-set", on = on)]
            }
            SettingChange::Crosstalk(c) => {
                self.crosstalk = c;
                vec![say!("settings-crosstalk-set", policy = c.as_str())]
            }
            SettingChange::HostRole(r) => {
                self.host_role = Some(r.clone());
                vec![say!("settings-host-role-set", role = say::user(&r))]
            }
            SettingChange::Timezone(z) => {
                self.timezone = z.clone();
                vec![say!("settings-timezone-set", zone = say::t(z))]
            }
            SettingChange::Welcome(on) => {
                self.welcome = on;
                vec![say!("settings-welcome-set", on = on)]
            }
            SettingChange::Attendance(on) => {
                self.attendance = on;
                if on {
                    vec![say!(
                        "settings-attendance-on",
                        days = self.retention_days,
                        my_data = say::cmd("my-data")
                    )]
                } else {
                    vec![say!("settings-attendance-off")]
                }
            }
            SettingChange::MinShare(d) => {
                self.min_share = Bounded::ShareTime.check_suggesting(d, "settings min-share 1m")?;
                vec![say!("settings-min-share-set", least = say::dur(d))]
            }
            SettingChange::ScheduleGrace(d) => {
                self.schedule_grace = Bounded::ScheduleGrace.check(d)?;
                vec![say!("settings-schedule-grace-set", grace = say::dur(d))]
            }
            SettingChange::Language(l) => {
                self.language = l;
                vec![say!("language-place-set", language = language_name(l))]
            }
            SettingChange::RetentionDays(n) => {
                self.retention_days = n;
                vec![say!("settings-retention-set", days = n)]
            }
            SettingChange::IdleClose(d) => {
                self.idle_close = Bounded::IdleClose.check(d)?;
                vec![say!("settings-idle-close-set", idle = say::dur(d))]
            }
        })
    }

    /// `crisis set` (`text`) or `crisis reset` (`None`), and what it now means.
    pub(crate) fn set_crisis(&mut self, text: Option<UserText>) -> Message {
        let own = text.is_some();
        self.crisis_text = text;
        Message::say(say!(
            "settings-crisis-saved",
            own = own,
            crisis = say::cmd("crisis")
        ))
    }

    /// What `crisis` shows.
    pub(crate) fn crisis_message(&self) -> Message {
        Message::line(match &self.crisis_text {
            Some(t) => vec![say::user(t)],
            None => vec![Span::Say(Box::new(Say::new(DEFAULT_CRISIS_TEXT, vec![])))],
        })
    }

    /// The `settings` listing: each setting by the name an admin types, with its value as typed
    /// (`3m`, `on`).
    pub(crate) fn message(&self) -> Message {
        let on = |b: bool| if b { "on" } else { "off" };
        let typed = |v: String| say::t(v);
        let warnings = if self.warnings.is_empty() {
            say!("settings-list-no-warnings")
        } else {
            typed(
                self.warnings
                    .iter()
                    .map(|w| w.compact())
                    .collect::<Vec<_>>()
                    .join(","),
            )
        };
        let host_role = match &self.host_role {
            Some(r) => say::user(r),
            None => say!("settings-list-not-set"),
        };
        let items = vec![
            say!(
                "settings-list-share-time",
                value = typed(self.share_time.compact())
            ),
            say!("settings-list-warnings", value = warnings),
            say!("settings-list-grace", value = typed(self.grace.compact())),
            say!("settings-list-auto-advance", on = on(self.auto_advance)),
            say!("settings-list-fairness", on = on(self.fairness)),
            say!("settings-list-crosstalk", policy = self.crosstalk.as_str()),
            say!(
                "settings-list-idle-close",
                value = typed(self.idle_close.compact())
            ),
            say!("settings-list-host-role", value = host_role),
            say!(
                "settings-list-timezone",
                zone = typed(self.timezone.clone())
            ),
            say!("settings-list-attendance", on = on(self.attendance)),
            say!(
                "settings-list-welcome",
                on = on(self.welcome),
                own = self.welcome_text.is_some()
            ),
            say!("settings-list-retention", days = self.retention_days),
            say!(
                "settings-list-schedule-grace",
                value = typed(self.schedule_grace.compact())
            ),
            say!(
                "settings-list-min-share",
                value = typed(self.min_share.compact())
            ),
            say!("settings-list-crisis", own = self.crisis_text.is_some()),
        ];
        Message::say(say!("settings-list-heading"))
            .then_list(items.into_iter().map(|i| vec![i]).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render;

    #[test]
    fn the_table_is_in_the_order_of_its_settings() {
        for (i, b) in BOUNDS.iter().enumerate() {
            assert_eq!(b.setting as usize, i, "{:?} is out of place", b.setting);
            assert_eq!(b.setting.bound(), b);
        }
    }

    #[test]
    fn every_refusal_and_the_crisis_text_are_english_messages() {
        for b in &BOUNDS {
            assert!(crate::i18n::has(Lang::En, b.refusal), "{}", b.refusal);
        }
        assert!(crate::i18n::has(Lang::En, DEFAULT_CRISIS_TEXT));
    }

    #[test]
    fn a_refusal_states_the_limit_from_the_table() {
        let refused = |b: Bounded, v: Millis| {
            let e = b.check(v).expect_err("outside the limit");
            render::plain(&crate::i18n::localize(&e.message, Lang::En))
        };
        assert_eq!(
            refused(Bounded::ShareTime, Millis::secs(9)),
            "A share time under 10 seconds is too short to share anything. Try `settings share-time 3m`."
        );
        assert_eq!(
            refused(Bounded::ScheduleGrace, Millis::mins(61)),
            "The schedule grace can be at most 1 hour. Try `settings schedule-grace 10m`."
        );
        assert_eq!(
            refused(Bounded::MeetingLength, Millis::mins(4)),
            "A meeting must last at least 5 minutes. Try `schedule add tuesday weekly tue 19:00 1h`."
        );
        assert_eq!(Bounded::Grace.check(Millis::mins(10)), Ok(Millis::mins(10)));
        assert_eq!(
            Bounded::IdleClose.check(Millis::mins(15)),
            Ok(Millis::mins(15))
        );
        assert!(Bounded::IdleClose.check(Millis::mins(14)).is_err());
    }
}
