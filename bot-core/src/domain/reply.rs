//! How every part of a place words its answers: the outcome an input builds up (`Out`), the
//! refusals several parts share, members' names as the place knows them (and a typed name
//! resolved to a member), and a small wording helper (a typed name echoed back).

use std::collections::BTreeMap;

use super::catalogue::CommandSpec;
use super::ids::{Member, MemberId, Role};
use super::lang::Lang;
use super::outcome::{Audience, Outcome, Post, PostKind, Rejection, RejectionCode as Code};
use super::request::MemberRef;
use super::text::{say, DisplayName, Message, Span, UserText};
use crate::say;

/// What handling one input gives: posts and flags, or a refusal that changes nothing.
pub(crate) type Res = Result<Outcome, Rejection>;

/// A refusal with one line of text.
pub(crate) fn reject(code: Code, spans: Vec<Span>) -> Rejection {
    Rejection::new(code, Message::line(spans))
}

/// What a member typed to name someone, echoed back as member text (escaped by every adapter).
pub(crate) fn typed(r: &MemberRef) -> Span {
    let shown: String = r.0.chars().take(40).collect();
    UserText::new(&shown, 40)
        .map(|u| say::user(&u))
        .unwrap_or_else(|_| say!("that-name"))
}

pub(crate) fn no_session() -> Rejection {
    reject(
        Code::NoSession,
        vec![say!("no-session", open = say::cmd("open"))],
    )
}

pub(crate) fn no_round() -> Rejection {
    reject(
        Code::NoRound,
        vec![say!("no-round", start = say::cmd("round start"))],
    )
}

pub(crate) fn not_allowed(spec: &CommandSpec, _role: Role) -> Rejection {
    reject(
        Code::NotAllowed,
        vec![say!(
            "not-allowed",
            who = spec.role.as_str(),
            command = say::cmd(spec.words)
        )],
    )
}

/// The display names a session knows, to name members in what it says ("someone" for a member
/// it does not know).
#[derive(Clone, Copy)]
pub(crate) struct Names<'a>(pub(crate) &'a BTreeMap<MemberId, DisplayName>);

impl Names<'_> {
    pub(crate) fn member(&self, id: &MemberId) -> Member {
        let name = self
            .0
            .get(id)
            .cloned()
            .unwrap_or_else(|| DisplayName::new("someone"));
        Member {
            id: id.clone(),
            name,
        }
    }

    pub(crate) fn name_of(&self, id: &MemberId) -> Span {
        say::name(&self.member(id))
    }
}

/// Finds a member by platform id, by display name (case-insensitive), or `@name`: among the
/// open session's members (`session`) first, then the people the place knows outside sessions.
pub(crate) fn resolve(
    people: &BTreeMap<MemberId, DisplayName>,
    session: Option<&BTreeMap<MemberId, DisplayName>>,
    r: &MemberRef,
) -> Result<MemberId, Rejection> {
    let mut known: BTreeMap<&MemberId, &DisplayName> = people.iter().collect();
    if let Some(members) = session {
        known.extend(members.iter());
    }
    let raw = r.0.trim();
    if let Some((id, _)) = known.iter().find(|(id, _)| id.as_str() == raw) {
        return Ok((*id).clone());
    }
    let wanted = raw.trim_start_matches('@').to_lowercase();
    let hits: Vec<&MemberId> = known
        .iter()
        .filter(|(_, n)| n.as_str().to_lowercase() == wanted)
        .map(|(id, _)| *id)
        .collect();
    match hits.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(reject(
            Code::UnknownMember,
            vec![say!("unknown-member", name = typed(r))],
        )),
        _ => Err(reject(
            Code::AmbiguousMember,
            vec![say!("ambiguous-member", name = typed(r))],
        )),
    }
}

/// Collects what one input says and whether it changed anything.
pub(crate) struct Out {
    pub(crate) outcome: Outcome,
}

impl Out {
    pub(crate) fn new() -> Self {
        Out {
            outcome: Outcome::default(),
        }
    }
    pub(crate) fn post(&mut self, audience: Audience, kind: PostKind, message: Message) {
        self.outcome.posts.push(Post {
            audience,
            kind,
            message,
            lang: Lang::En,
        });
    }
    pub(crate) fn public(&mut self, kind: PostKind, message: Message) {
        self.post(Audience::Place, kind, message);
    }
    /// An answer to the member who asked, in the place.
    pub(crate) fn reply(&mut self, to: &Member, message: Message) {
        self.post(Audience::Reply(to.id.clone()), PostKind::Reply, message);
    }
    /// An acknowledgement to the member who asked.
    pub(crate) fn ack(&mut self, to: &Member, message: Message) {
        self.post(Audience::Reply(to.id.clone()), PostKind::Ack, message);
    }
    /// Said to the member alone.
    pub(crate) fn private(&mut self, to: &Member, kind: PostKind, message: Message) {
        self.post(Audience::Private(to.id.clone()), kind, message);
    }
    /// The state changed, and so did what the live status view shows.
    pub(crate) fn changed(&mut self) {
        self.outcome.state_changed = true;
        self.outcome.status_changed = true;
    }
    /// The state changed; the status view shows nothing new.
    pub(crate) fn stored(&mut self) {
        self.outcome.state_changed = true;
    }
    pub(crate) fn done(self) -> Res {
        Ok(self.outcome)
    }
    /// One reply to a change the status view does not show.
    pub(crate) fn saved(to: &Member, message: Message) -> Res {
        let mut out = Out::new();
        out.stored();
        out.reply(to, message);
        out.done()
    }
    /// One reply, nothing changed.
    pub(crate) fn replying(to: &Member, message: Message) -> Res {
        let mut out = Out::new();
        out.reply(to, message);
        out.done()
    }
}
