//! Which language each post is read in: the place's language (`settings language`) for what
//! everyone sees, and for what one member reads alone, their own choice here (`language de`),
//! else their client's language, else the place's. A member's choice is stored data about them:
//! `my-data` shows it and `forget-me` erases it.

use std::collections::BTreeMap;

use super::ids::{Actor, Member, MemberId};
use super::lang::Lang;
use super::outcome::{Audience, Outcome, Rejection};
use super::reply::{Out, Res};
use super::text::{say, Message, Span};
use crate::say;

/// A place's members' own languages, with the place's.
pub(crate) struct Languages<'a> {
    pub(crate) chosen: &'a mut BTreeMap<MemberId, Lang>,
    pub(crate) place: Lang,
}

/// The language for `audience`, when `actor` (if any) caused the post.
pub(crate) fn lang_for(
    chosen: &BTreeMap<MemberId, Lang>,
    place: Lang,
    audience: &Audience,
    actor: Option<&Actor>,
) -> Lang {
    match audience {
        Audience::Place | Audience::Floor(_) => place,
        Audience::Reply(id) | Audience::Private(id) => chosen
            .get(id)
            .copied()
            .or_else(|| {
                actor
                    .filter(|a| &a.member.id == id)
                    .and_then(|a| a.locale.member)
            })
            .unwrap_or(place),
    }
}

/// Sets every post's language: each is read in the language of whom it is for.
pub(crate) fn choose(
    chosen: &BTreeMap<MemberId, Lang>,
    place: Lang,
    outcome: &mut Outcome,
    actor: Option<&Actor>,
) {
    for p in &mut outcome.posts {
        p.lang = lang_for(chosen, place, &p.audience, actor);
    }
}

/// A refusal is read by the member who asked.
pub(crate) fn choose_refusal(
    chosen: &BTreeMap<MemberId, Lang>,
    place: Lang,
    mut r: Rejection,
    actor: &Actor,
) -> Rejection {
    r.lang = lang_for(
        chosen,
        place,
        &Audience::Private(actor.member.id.clone()),
        Some(actor),
    );
    r
}

/// The languages to choose from, each with the command that chooses it.
pub(crate) fn choices() -> Message {
    Message::say(say!("language-choose")).then_list(
        Lang::ALL
            .iter()
            .map(|l| {
                vec![
                    say::cmd(format!("language {}", l.code())),
                    say::t(" — "),
                    name(*l),
                ]
            })
            .collect(),
    )
}

/// A language named in running text, in the reader's language ("auf Spanisch").
pub(crate) fn named(lang: Lang) -> Span {
    say!("language-named", code = lang.code())
}

/// A language's name in itself, as a member looks for it in a list ("Español").
pub(crate) fn name(lang: Lang) -> Span {
    say!("language-name", code = lang.code())
}

impl Languages<'_> {
    /// `language`: the language the member reads here (chosen, their app's — `app`, as the
    /// platform reports it — or the place's) and the ones to choose from.
    pub(crate) fn show(&self, me: &Member, app: Option<Lang>) -> Res {
        let line = match (self.chosen.get(&me.id), app) {
            (Some(l), _) => say!("language-yours", language = named(*l)),
            (None, Some(l)) => say!("language-yours-app", language = named(l)),
            (None, None) => say!("language-yours-default", language = named(self.place)),
        };
        Out::replying(me, Message::say(line).append(choices()))
    }

    /// `language CODE`: what this member reads alone here is in `lang` from now on.
    pub(crate) fn set(&mut self, me: &Member, lang: Lang) -> Res {
        self.chosen.insert(me.id.clone(), lang);
        let mut out = Out::new();
        out.stored();
        out.reply(
            me,
            Message::say(say!(
                "language-set",
                language = named(lang),
                reset = say::cmd("language reset")
            )),
        );
        out.done()
    }

    /// `language reset`: back to the client's or the place's language; nothing is kept.
    pub(crate) fn reset(&mut self, me: &Member) -> Res {
        let had = self.chosen.remove(&me.id).is_some();
        let mut out = Out::new();
        if had {
            out.stored();
        }
        out.reply(me, Message::say(say!("language-reset")));
        out.done()
    }
}

/// What `my-data` says about a member's language choice here.
pub(crate) fn facts(chosen: &BTreeMap<MemberId, Lang>, id: &MemberId) -> Option<Vec<Span>> {
    chosen
        .get(id)
        .map(|l| vec![say!("language-fact", language = named(*l))])
}
