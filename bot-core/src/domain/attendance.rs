//! Attendance (opt-in): the dates members checked in, in the place's zone, kept for the
//! retention and purged daily; and the names the place keeps outside sessions, which only
//! attendees and volunteers need.

use std::collections::{BTreeMap, BTreeSet};

use super::calendar;
use super::ids::{Member, MemberId, Timestamp};
use super::rotation::ServiceRole;
use super::settings::Settings;
use super::text::{say, DisplayName, Span};
use crate::say;

/// A place's attendance dates with what they touch, borrowed from it.
pub(crate) struct Register<'a> {
    pub(crate) dates: &'a mut BTreeMap<MemberId, BTreeSet<String>>,
    pub(crate) people: &'a mut BTreeMap<MemberId, DisplayName>,
    pub(crate) last_purge: &'a mut Option<Timestamp>,
    pub(crate) roles: &'a BTreeMap<String, ServiceRole>,
    pub(crate) settings: &'a Settings,
}

impl Register<'_> {
    /// Records today's date for a member checking in, when attendance is on.
    pub(crate) fn record(&mut self, now: Timestamp, me: &Member) {
        if !self.settings.attendance {
            return;
        }
        let date = calendar::local_date(now, &self.settings.timezone);
        self.dates.entry(me.id.clone()).or_default().insert(date);
        self.people.insert(me.id.clone(), me.name.clone());
        self.last_purge.get_or_insert(now);
    }

    /// Erases every date kept (attendance turned off).
    pub(crate) fn clear(&mut self) {
        self.dates.clear();
        self.tidy_people();
    }

    /// Drops names of people the place no longer needs (no role, no attendance).
    pub(crate) fn tidy_people(&mut self) {
        let needed: BTreeSet<MemberId> = self
            .roles
            .values()
            .flat_map(|r| r.volunteers.iter().cloned().chain(r.next_override.clone()))
            .chain(self.dates.keys().cloned())
            .collect();
        self.people.retain(|id, _| needed.contains(id));
    }

    /// Removes attendance dates older than the retention (in the place's zone).
    pub(crate) fn purge(&mut self, now: Timestamp) {
        let today = calendar::local_date(now, &self.settings.timezone);
        let oldest_kept = calendar::date_minus_days(&today, self.settings.retention_days);
        for dates in self.dates.values_mut() {
            dates.retain(|d| d.as_str() >= oldest_kept.as_str());
        }
        self.dates.retain(|_, d| !d.is_empty());
        self.tidy_people();
    }
}

/// The `my-data` line about a member's attendance dates, if any are kept.
pub(crate) fn facts(
    dates: &BTreeMap<MemberId, BTreeSet<String>>,
    id: &MemberId,
    settings: &Settings,
) -> Option<Vec<Span>> {
    let dates = dates.get(id)?;
    let list: Vec<&str> = dates.iter().map(String::as_str).collect();
    // The dates are `YYYY-MM-DD`, the same in every language.
    Some(vec![say!(
        "privacy-attendance-dates",
        days = settings.retention_days,
        dates = say::t(list.join(", "))
    )])
}
