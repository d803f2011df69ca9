//! A place's standing configuration: the settings, the one table of their limits (which also
//! words each refusal), applying a `settings …` change, and the settings listing.

use serde::{Deserialize, Serialize};

use super::ids::Millis;
use super::lang::Lang;
use super::language::name as language_name;
use super::outcome::{Rejection, RejectionCode as Code};
use super::reply::reject;
use super::request::{Crosstalk, SettingChange};
use super::text::{say, Message, Span, UserText};
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

/// Shown by `crisis` when a place has not configured its own resources.
pub const DEFAULT_CRISIS_TEXT: &str = "If you are in danger or thinking about ending your life, please call your local emergency number now (112 in the EU, 911 in the US and Canada, 999 in the UK, 000 in Australia). You can find a free, confidential helpline in your country at findahelpline.com. You are not alone, and reaching out is a brave thing to do.";

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

/// One setting's limit and how a refusal words it: `{limit}` in `refusal` is the limit, spoken
/// ("10 seconds"), and `example` a form that works.
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
        refusal: "A share time under {limit} is too short to share anything",
        example: "settings share-time 3m",
    },
    Bound {
        setting: Bounded::Grace,
        limit: Limit::AtMost(Millis(10 * 60_000)),
        refusal: "The grace period can be at most {limit}",
        example: "settings grace 10s",
    },
    Bound {
        setting: Bounded::ScheduleGrace,
        limit: Limit::AtMost(Millis(60 * 60_000)),
        refusal: "The schedule grace can be at most {limit}",
        example: "settings schedule-grace 10m",
    },
    Bound {
        setting: Bounded::IdleClose,
        limit: Limit::AtLeast(Millis(15 * 60_000)),
        refusal: "Idle close must be at least {limit}",
        example: "settings idle-close 3h",
    },
    Bound {
        setting: Bounded::MeetingLength,
        limit: Limit::AtLeast(Millis(5 * 60_000)),
        refusal: "A meeting must last at least {limit}",
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
        let refusal = bound.refusal.replace("{limit}", &limit.spoken());
        Err(reject(
            Code::InvalidSetting,
            vec![
                say::t(format!("{refusal}. Try ")),
                say::cmd(example),
                say::t("."),
            ],
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
                vec![say::t("Share time is now "), say::dur(d), say::t(".")]
            }
            SettingChange::Warnings(mut ws) => {
                ws.sort_by(|a, b| b.cmp(a));
                ws.dedup();
                self.warnings = ws.clone();
                if ws.is_empty() {
                    vec![say::t("No warnings will be given before \"time\".")]
                } else {
                    let mut v = vec![say::t("Warnings will be given ")];
                    for (i, w) in ws.iter().enumerate() {
                        if i > 0 {
                            v.push(say::t(" and "));
                        }
                        v.push(say::dur(*w));
                    }
                    v.push(say::t(" before the end of a turn."));
                    v
                }
            }
            SettingChange::Grace(d) => {
                self.grace = Bounded::Grace.check(d)?;
                vec![
                    say::t("After \"time\", the next speaker is called after "),
                    say::dur(d),
                    say::t("."),
                ]
            }
            SettingChange::AutoAdvance(on) => {
                self.auto_advance = on;
                vec![say::t(if on {
                    "Rounds move to the next speaker by themselves after the grace period."
                } else {
                    "Rounds wait for the host's `next` after \"time\"."
                })]
            }
            SettingChange::Fairness(on) => {
                self.fairness = on;
                vec![say::t(if on {
                    "Fairness is on: members who already shared go behind those who have not."
                } else {
                    "Fairness is off: the queue keeps the order hands were raised."
                })]
            }
            SettingChange::Crosstalk(c) => {
                self.crosstalk = c;
                vec![say::t(format!(
                    "The crosstalk policy is now `{}`.",
                    c.as_str()
                ))]
            }
            SettingChange::HostRole(r) => {
                self.host_role = Some(r.clone());
                vec![
                    say::t("Members with the role "),
                    say::user(&r),
                    say::t(" are hosts here."),
                ]
            }
            SettingChange::Timezone(z) => {
                self.timezone = z.clone();
                vec![say::t(format!(
                    "This meeting's time zone is now {z}. Existing schedules keep their own zones."
                ))]
            }
            SettingChange::Welcome(on) => {
                self.welcome = on;
                vec![say::t(if on {
                    "Members checking in here for the first time get a private welcome."
                } else {
                    "No welcome is sent any more, and I keep no record of who checked in before."
                })]
            }
            SettingChange::Attendance(on) => {
                self.attendance = on;
                if on {
                    vec![say::t(format!("Attendance is on: each check-in records the date for that member, kept for {} days. Members can see theirs with `my-data`.", self.retention_days))]
                } else {
                    vec![say::t(
                        "Attendance is off, and the dates kept so far have been erased.",
                    )]
                }
            }
            SettingChange::MinShare(d) => {
                self.min_share = Bounded::ShareTime.check_suggesting(d, "settings min-share 1m")?;
                vec![
                    say::t(
                        "When a format shares the time until the closing, nobody gets less than ",
                    ),
                    say::dur(d),
                    say::t("; if not everyone fits, hands are taken instead."),
                ]
            }
            SettingChange::ScheduleGrace(d) => {
                self.schedule_grace = Bounded::ScheduleGrace.check(d)?;
                vec![
                    say::t("After downtime, a scheduled reminder or opening up to "),
                    say::dur(d),
                    say::t(" late still happens; older ones are skipped."),
                ]
            }
            SettingChange::Language(l) => {
                self.language = l;
                vec![say!("language-place-set", language = language_name(l))]
            }
            SettingChange::RetentionDays(n) => {
                self.retention_days = n;
                vec![say::t(format!("Attendance dates are kept for {n} days."))]
            }
            SettingChange::IdleClose(d) => {
                self.idle_close = Bounded::IdleClose.check(d)?;
                vec![
                    say::t("An open session with no activity is closed after "),
                    say::dur(d),
                    say::t("."),
                ]
            }
        })
    }

    /// `crisis set` (`text`) or `crisis reset` (`None`), and what it now means.
    pub(crate) fn set_crisis(&mut self, text: Option<UserText>) -> Message {
        let own = text.is_some();
        self.crisis_text = text;
        if own {
            Message::line(vec![
                say::t("Saved. "),
                say::cmd("crisis"),
                say::t(" now shows your text."),
            ])
        } else {
            Message::text("Saved. `crisis` shows the default resources again.")
        }
    }

    /// What `crisis` shows.
    pub(crate) fn crisis_message(&self) -> Message {
        Message::line(match &self.crisis_text {
            Some(t) => vec![say::user(t)],
            None => vec![say::t(DEFAULT_CRISIS_TEXT)],
        })
    }

    /// The `settings` listing.
    pub(crate) fn message(&self) -> Message {
        let on = |b: bool| if b { "on" } else { "off" };
        let warnings = if self.warnings.is_empty() {
            "none".to_string()
        } else {
            self.warnings
                .iter()
                .map(|w| w.compact())
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut items = vec![
            vec![say::t(format!("share-time: {}", self.share_time.compact()))],
            vec![say::t(format!("warnings: {warnings}"))],
            vec![say::t(format!("grace: {}", self.grace.compact()))],
            vec![say::t(format!("auto-advance: {}", on(self.auto_advance)))],
            vec![say::t(format!("fairness: {}", on(self.fairness)))],
            vec![say::t(format!("crosstalk: {}", self.crosstalk.as_str()))],
            vec![say::t(format!("idle-close: {}", self.idle_close.compact()))],
        ];
        items.push(match &self.host_role {
            Some(r) => vec![say::t("host-role: "), say::user(r)],
            None => vec![say::t("host-role: (not set)")],
        });
        items.push(vec![say::t(format!("timezone: {}", self.timezone))]);
        items.push(vec![say::t(format!("attendance: {}", on(self.attendance)))]);
        items.push(vec![say::t(format!(
            "welcome: {}{}",
            on(self.welcome),
            if self.welcome_text.is_some() {
                " (this meeting's own text)"
            } else {
                ""
            }
        ))]);
        items.push(vec![say::t(format!("retention: {}d", self.retention_days))]);
        items.push(vec![say::t(format!(
            "schedule-grace: {}",
            self.schedule_grace.compact()
        ))]);
        items.push(vec![say::t(format!(
            "min-share: {}",
            self.min_share.compact()
        ))]);
        items.push(vec![say::t(if self.crisis_text.is_some() {
            "crisis: this meeting's own text"
        } else {
            "crisis: the default text"
        })]);
        Message::text("This meeting's settings:").then_list(items)
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
    fn a_refusal_states_the_limit_from_the_table() {
        let refused = |b: Bounded, v: Millis| {
            let e = b.check(v).expect_err("outside the limit");
            render::plain(&e.message)
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
