//! What a session keeps about a member and how it lets go of it: the facts `my-data` tells, a
//! member forgotten, every member the session mentions, and the words said about erasure.

use std::collections::BTreeSet;

use super::ids::MemberId;
use super::session::Session;
use super::text::{say, Message, Span};

/// Something stored about a member in one place, for `my-data`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberFacts {
    pub lines: Vec<Vec<Span>>,
}

/// What the bot says about check-in words when a session closes: what it erased and what stays.
/// True on every platform: no post carries a word, the live status message that showed them is
/// rewritten at the close, and a member's own message (a typed `!checkin word` on Matrix or in
/// the console; Discord's slash command shows nobody its word) is theirs, not the bot's.
pub const ERASED_AT_CLOSE: &str = concat!(
    "Check-in words are erased from my records and from every message I posted; ",
    "a word you typed in a message of your own stays there until you delete it."
);

/// `my-data`'s answer from the facts of every place that knows the member.
pub fn my_data_message(places: Vec<(String, MemberFacts)>) -> Message {
    if places.is_empty() {
        return Message::text("I store nothing about you right now. (Check-in words are erased when a session closes.)");
    }
    let mut msg = Message::text("This is everything I store about you:");
    for (label, facts) in places {
        msg = msg
            .then_line(vec![say::strong(label)])
            .then_list(facts.lines);
    }
    msg.then_line(vec![
        say::t("To erase all of it, use "),
        say::cmd("forget-me"),
        say::t("."),
    ])
}

pub fn forgotten_message() -> Message {
    Message::text("Done: I have erased everything I stored about you, in every place. Take care.")
}

impl Session {
    /// What the session keeps about a member, said to them; `role_name` names a service role by
    /// its key.
    pub(crate) fn facts(
        &self,
        id: &MemberId,
        role_name: impl Fn(&str) -> String,
    ) -> Vec<Vec<Span>> {
        let mut lines = Vec::new();
        if let Some(c) = self.checkins.iter().find(|c| &c.member == id) {
            let mut l = vec![say::t("checked in at "), say::clock(c.at)];
            if c.listening {
                l.push(say::t(", just listening"));
            } else if c.word.is_some() {
                // Not echoed: this answer may stay in a direct room after the word is gone.
                l.push(say::t(
                    ", with a feeling word (erased when the session closes)",
                ));
            }
            lines.push(l);
        }
        if let Some(e) = self.queue.iter().find(|e| &e.member == id) {
            lines.push(vec![say::t("hand up since "), say::clock(e.raised_at)]);
        }
        if self.shared.contains(id) {
            lines.push(vec![say::t(
                "you have shared in this session (kept for fairness until it closes)",
            )]);
        }
        if let Some(r) = &self.round {
            if r.lineup.contains(id) {
                lines.push(vec![say::t("you are in the current round's order")]);
            }
            if r.passes.contains(id) {
                lines.push(vec![say::t("you passed in this round")]);
            }
        }
        for (role, m) in &self.servants {
            if m == id {
                let name = role_name(role);
                lines.push(vec![say::t(format!("you serve as {name} in this session"))]);
            }
        }
        lines
    }

    /// Erases a member from the session (a speaker's turn must have moved on first).
    pub(crate) fn forget(&mut self, id: &MemberId) {
        self.members.remove(id);
        self.checkins.retain(|c| &c.member != id);
        self.queue.retain(|e| &e.member != id);
        self.shared.remove(id);
        self.servants.retain(|_, m| m != id);
        if let Some(r) = self.round.as_mut() {
            r.forget(id);
        }
    }

    /// Every member the session mentions, added to `set`.
    pub(crate) fn members_mentioned(&self, set: &mut BTreeSet<MemberId>) {
        set.extend(self.members.keys().cloned());
        set.extend(self.checkins.iter().map(|c| c.member.clone()));
        set.extend(self.queue.iter().map(|e| e.member.clone()));
        set.extend(self.shared.iter().cloned());
        set.extend(self.servants.values().cloned());
        if let Some(r) = &self.round {
            r.members_mentioned(set);
        }
    }
}
