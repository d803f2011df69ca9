//! What a session keeps about a member and how it lets go of it: the facts `my-data` tells, a
//! member forgotten, every member the session mentions, and the words said about erasure.

use super::ids::MemberId;
use super::session::Session;
use super::text::{say, Message, Say, Span};
use crate::say;

/// Something stored about a member in one place, for `my-data`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberFacts {
    pub lines: Vec<Vec<Span>>,
}

/// What the bot says about check-in words when a session closes: what it erased and what stays.
/// True on every platform: no post carries a word, the live status message that showed them is
/// rewritten at the close, and a member's own message (a typed `!checkin word` on Matrix or in
/// the console; Discord's slash command shows nobody its word) is theirs, not the bot's.
/// This is the key of those words in the message files (`privacy.ftl`): see [`erased_at_close`].
pub const ERASED_AT_CLOSE: &str = "privacy-erased-at-close";

/// The words about check-in words at the close ([`ERASED_AT_CLOSE`]).
pub fn erased_at_close() -> Span {
    Span::Say(Box::new(Say::new(ERASED_AT_CLOSE, vec![])))
}

/// The `my-data` label of the place the member asks in.
pub fn here_label() -> Span {
    say!("privacy-here")
}

/// The `my-data` label of another place the member is known in (`place`, its id).
pub fn elsewhere_label(place: &str) -> Span {
    say!("privacy-elsewhere", place = say::t(place))
}

/// `my-data`'s answer from the facts of every place that knows the member, each under its label
/// (the bot's words, shown emphasised: [`here_label`], [`elsewhere_label`]).
pub fn my_data_message(places: Vec<(Span, MemberFacts)>) -> Message {
    if places.is_empty() {
        return Message::say(say!("privacy-nothing-stored"));
    }
    let mut msg = Message::say(say!("privacy-everything-stored"));
    for (label, facts) in places {
        msg = msg
            .then_line(vec![say::strong_say(label)])
            .then_list(facts.lines);
    }
    msg.then_line(vec![say!(
        "privacy-erase-all",
        forget = say::cmd("forget-me")
    )])
}

pub fn forgotten_message() -> Message {
    Message::say(say!("privacy-forgotten"))
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
            // The word is not echoed: this answer may stay in a direct room after it is gone.
            let how = if c.listening {
                "listening"
            } else if c.word.is_some() {
                "word"
            } else {
                "plain"
            };
            lines.push(vec![say!(
                "privacy-checked-in",
                at = say::clock(c.at),
                how = how
            )]);
        }
        if let Some(e) = self.queue.iter().find(|e| &e.member == id) {
            lines.push(vec![say!(
                "privacy-hand-up",
                since = say::clock(e.raised_at)
            )]);
        }
        if self.shared.contains(id) {
            lines.push(vec![say!("privacy-shared")]);
        }
        if let Some(r) = &self.round {
            if r.lineup.contains(id) {
                lines.push(vec![say!("privacy-in-order")]);
            }
            if r.passes.contains(id) {
                lines.push(vec![say!("privacy-passed")]);
            }
        }
        for (role, m) in &self.servants {
            if m == id {
                let name = say::t(role_name(role));
                lines.push(vec![say!("privacy-serving", role = name)]);
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

    /// Every member the session mentions, added to `found` (repeats included).
    pub(crate) fn members_mentioned<'a>(&'a self, found: &mut Vec<&'a MemberId>) {
        found.extend(self.members.keys());
        found.extend(self.checkins.iter().map(|c| &c.member));
        found.extend(self.queue.iter().map(|e| &e.member));
        found.extend(self.shared.iter());
        found.extend(self.servants.values());
        if let Some(r) = &self.round {
            r.members_mentioned(found);
        }
    }
}
