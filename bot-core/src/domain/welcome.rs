//! The newcomer welcome: a private word to a member the first time they check in to a place —
//! the admins' own text, or a default that says how the meeting works, how to pass, where to find
//! crisis help and what the bot keeps — and what remembers that they came: the date of their
//! last check-in, the minimum needed, kept for the retention like attendance and purged with it.

use std::collections::BTreeMap;

use super::calendar;
use super::ids::{Member, MemberId, Timestamp};
use super::outcome::PostKind;
use super::reply::Out;
use super::settings::Settings;
use super::text::{say, Message, Span};
use crate::say;

/// Who came before, by the day of their last check-in (a day number in the place's zone:
/// [`calendar::local_day`]).
pub(crate) struct Welcomes<'a> {
    pub(crate) seen: &'a mut BTreeMap<MemberId, i32>,
    pub(crate) last_purge: &'a mut Option<Timestamp>,
    pub(crate) settings: &'a Settings,
}

impl Welcomes<'_> {
    /// A member checks in: the first time here (or the first time since the retention
    /// forgot them), they are welcomed privately; each check-in keeps the date of the last one.
    /// With the welcome off nothing is kept.
    pub(crate) fn checked_in(&mut self, now: Timestamp, me: &Member, out: &mut Out) {
        if !self.settings.welcome {
            return;
        }
        let today = calendar::local_day(now, &self.settings.timezone);
        let first = self.seen.insert(me.id.clone(), today).is_none();
        self.last_purge.get_or_insert(now);
        if first {
            out.private(me, PostKind::Welcome, message(self.settings));
        }
    }

    /// Forgets the dates older than the retention (with attendance's daily purge).
    pub(crate) fn purge(&mut self, now: Timestamp) {
        let today = calendar::local_day(now, &self.settings.timezone);
        let oldest_kept = today - self.settings.retention_days as i32;
        self.seen.retain(|_, d| *d >= oldest_kept);
    }
}

/// The welcome a newcomer gets here: the admins' text, or the default; with what the bot keeps.
pub fn message(settings: &Settings) -> Message {
    let mut message = match &settings.welcome_text {
        Some(lines) => Message::lines(lines.iter().map(|l| vec![say::user(l)])),
        None => default_message(),
    };
    if settings.welcome_text.is_some() {
        message = message.then_line(keeps());
    }
    message
}

/// What the bot keeps and how to see or erase it: closes every welcome.
fn keeps() -> Vec<Span> {
    vec![say!(
        "welcome-keeps",
        my_data = say::cmd("my-data"),
        forget = say::cmd("forget-me")
    )]
}

/// The default welcome: how this meeting works, how to pass, where to find crisis help, what the
/// bot keeps.
fn default_message() -> Message {
    Message::say(say!("welcome-hello"))
        .then_list(vec![
            vec![say!("welcome-turns")],
            vec![say!(
                "welcome-pass",
                pass = say::cmd("pass"),
                listen = say::cmd("checkin listen")
            )],
            vec![say!("welcome-hand", hand = say::cmd("hand"))],
            vec![say!("welcome-crisis", crisis = say::cmd("crisis"))],
            vec![say!("welcome-kept")],
        ])
        .then_line(keeps())
}

/// `welcome`: what a newcomer gets, and whether it is sent.
pub(crate) fn show(settings: &Settings) -> Message {
    let head = if settings.welcome {
        Message::say(say!(
            "welcome-show-on",
            off = say::cmd("settings welcome off")
        ))
    } else {
        Message::say(say!(
            "welcome-show-off",
            on = say::cmd("settings welcome on")
        ))
    };
    head.append(message(settings))
}

/// The `my-data` line about a member's last check-in, if one is kept.
pub(crate) fn facts(
    seen: &BTreeMap<MemberId, i32>,
    id: &MemberId,
    settings: &Settings,
) -> Option<Vec<Span>> {
    let date = calendar::day_text(*seen.get(id)?);
    Some(vec![say!(
        "welcome-fact",
        date = say::t(date),
        days = settings.retention_days
    )])
}
