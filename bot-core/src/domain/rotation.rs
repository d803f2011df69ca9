//! Service roles (chair, timekeeper, reader…) that rotate between volunteers: the roles commands,
//! who serves next, and assigning today's servants when a session opens.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::format::echoed;
use super::ids::{Member, MemberId};
use super::outcome::{PostKind, Rejection, RejectionCode as Code};
use super::reply::{reject, Out, Res};
use super::session::Session;
use super::text::{say, DisplayName, Message, Span};
use crate::say;

/// Most service roles a place may have.
pub const MAX_ROLES: usize = 10;
/// Servants of these roles act as hosts for their session.
pub const HOSTING_ROLES: &[&str] = &["chair", "timekeeper"];

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRole {
    pub name: String,
    /// In rotation order.
    pub volunteers: Vec<MemberId>,
    /// Index of the next volunteer to serve.
    pub next: usize,
    /// A swap made before the session: serves next instead of the rotation, once.
    pub next_override: Option<MemberId>,
}

impl ServiceRole {
    pub fn upcoming(&self) -> Option<MemberId> {
        self.next_override.clone().or_else(|| {
            (!self.volunteers.is_empty())
                .then(|| self.volunteers[self.next % self.volunteers.len()].clone())
        })
    }

    /// Who serves now; the rotation moves on (an override is used up instead).
    fn take(&mut self) -> Option<MemberId> {
        if let Some(o) = self.next_override.take() {
            return Some(o);
        }
        if self.volunteers.is_empty() {
            return None;
        }
        let i = self.next % self.volunteers.len();
        self.next = (i + 1) % self.volunteers.len();
        Some(self.volunteers[i].clone())
    }

    /// Removes a volunteer, keeping whoever was next still next.
    pub fn remove(&mut self, id: &MemberId) -> bool {
        if self.next_override.as_ref() == Some(id) {
            self.next_override = None;
        }
        let Some(i) = self.volunteers.iter().position(|m| m == id) else {
            return false;
        };
        self.volunteers.remove(i);
        if i < self.next {
            self.next -= 1;
        }
        if self.volunteers.is_empty() {
            self.next = 0;
        } else {
            self.next %= self.volunteers.len();
        }
        true
    }
}

/// Who serves, for a list of (role, member) pairs: "chair: @Ana, timekeeper: @Ben".
pub(crate) fn servant_spans(servants: &[(String, Member)], ping: bool) -> Vec<Span> {
    let mut v = Vec::new();
    for (i, (role, m)) in servants.iter().enumerate() {
        if i > 0 {
            v.push(say::t(", "));
        }
        v.push(say::t(format!("{role}: ")));
        v.push(if ping { say::mention(m) } else { say::name(m) });
    }
    v
}

/// The `my-data` line about the roles a member volunteers for, if any.
pub(crate) fn volunteer_facts(
    roles: &BTreeMap<String, ServiceRole>,
    id: &MemberId,
) -> Option<Vec<Span>> {
    let names: Vec<String> = roles
        .values()
        .filter(|r| r.volunteers.contains(id) || r.next_override.as_ref() == Some(id))
        .map(|r| r.name.clone())
        .collect();
    (!names.is_empty()).then(|| {
        vec![say!(
            "rotation-volunteer-fact",
            roles = say::t(names.join(", "))
        )]
    })
}

/// Whether the member serves in a hosting role (chair, timekeeper) in the session.
pub(crate) fn serves_as_host(session: &Session, id: &MemberId) -> bool {
    session
        .servants
        .iter()
        .any(|(role, m)| m == id && HOSTING_ROLES.contains(&role.as_str()))
}

/// A place's service roles with what they touch: the open session's servants and names, and the
/// names of people the place keeps outside sessions (volunteers). Tidying those names after a
/// volunteer leaves is the place's to do.
pub(crate) struct Rota<'a> {
    pub(crate) roles: &'a mut BTreeMap<String, ServiceRole>,
    pub(crate) session: Option<&'a mut Session>,
    pub(crate) people: &'a mut BTreeMap<MemberId, DisplayName>,
}

impl Rota<'_> {
    fn role_key(name: &str) -> String {
        name.to_lowercase()
    }

    /// "There is no service role “name”." with the roles there are; the name typed is echoed as
    /// member text.
    fn unknown_role(&self, name: &str) -> Rejection {
        let known: Vec<&str> = self.roles.values().map(|r| r.name.as_str()).collect();
        reject(
            Code::InvalidSetting,
            vec![say!(
                "rotation-unknown",
                name = echoed(name),
                known = say::t(known.join(", ")),
                any = !known.is_empty(),
                add = say::cmd("roles add chair")
            )],
        )
    }

    /// A member by id with the best name known for them.
    pub(crate) fn known_member(&self, id: &MemberId) -> Member {
        let name = self
            .session
            .as_deref()
            .and_then(|s| s.members.get(id).cloned())
            .or_else(|| self.people.get(id).cloned())
            .unwrap_or_else(|| DisplayName::new("someone"));
        Member {
            id: id.clone(),
            name,
        }
    }

    /// Who would serve at the next session, per role (without moving the rotation).
    pub(crate) fn upcoming_servants(&self) -> Vec<(String, Member)> {
        self.roles
            .values()
            .filter_map(|r| {
                r.upcoming()
                    .map(|m| (r.name.clone(), self.known_member(&m)))
            })
            .collect()
    }

    /// Gives each role its next servant for the open session; returns the announcement line.
    pub(crate) fn assign_servants(&mut self) -> Option<Vec<Span>> {
        let mut today = Vec::new();
        for r in self.roles.values_mut() {
            if let Some(m) = r.take() {
                today.push((r.name.clone(), m));
            }
        }
        if today.is_empty() {
            return None;
        }
        let named: Vec<(String, Member)> = today
            .iter()
            .map(|(r, m)| (r.clone(), self.known_member(m)))
            .collect();
        if let Some(s) = self.session.as_deref_mut() {
            for (role, m) in &named {
                s.servants.insert(Self::role_key(role), m.id.clone());
                s.members.insert(m.id.clone(), m.name.clone());
            }
        }
        Some(vec![say!(
            "rotation-serving-today",
            serving = servant_spans(&named, true)
        )])
    }

    pub(crate) fn roles_add(&mut self, me: &Member, name: String) -> Res {
        let key = Self::role_key(&name);
        if self.roles.contains_key(&key) {
            return Err(reject(
                Code::InvalidSetting,
                vec![say!("rotation-exists", name = say::t(name))],
            ));
        }
        if self.roles.len() >= MAX_ROLES {
            return Err(reject(
                Code::InvalidSetting,
                vec![say!("rotation-too-many", max = MAX_ROLES)],
            ));
        }
        self.roles.insert(
            key,
            ServiceRole {
                name: name.clone(),
                ..ServiceRole::default()
            },
        );
        Out::saved(
            me,
            Message::say(say!(
                "rotation-added",
                name = say::strong(name.clone()),
                volunteer = say::cmd(format!("roles volunteer {name}"))
            )),
        )
    }

    pub(crate) fn roles_remove(&mut self, me: &Member, name: &str) -> Res {
        let key = Self::role_key(name);
        let Some(role) = self.roles.remove(&key) else {
            return Err(self.unknown_role(name));
        };
        if let Some(s) = self.session.as_deref_mut() {
            s.servants.remove(&key);
        }
        let mut out = Out::new();
        out.changed();
        out.reply(
            me,
            Message::say(say!("rotation-removed", name = say::strong(role.name))),
        );
        out.done()
    }

    pub(crate) fn roles_volunteer(&mut self, me: &Member, name: &str) -> Res {
        let key = Self::role_key(name);
        let Some(role) = self.roles.get_mut(&key) else {
            return Err(self.unknown_role(name));
        };
        if role.volunteers.contains(&me.id) {
            return Err(reject(
                Code::AlreadyQueued,
                vec![say!(
                    "rotation-already-volunteer",
                    role = say::t(role.name.clone())
                )],
            ));
        }
        // Join just before whoever serves next, so a new volunteer waits a full turn of the rotation.
        let at = if role.volunteers.is_empty() {
            0
        } else {
            role.next % role.volunteers.len()
        };
        role.volunteers.insert(at, me.id.clone());
        if role.volunteers.len() > 1 {
            role.next = (at + 1) % role.volunteers.len();
        }
        let (role_name, count) = (role.name.clone(), role.volunteers.len());
        self.people.insert(me.id.clone(), me.name.clone());
        Out::saved(
            me,
            Message::say(say!(
                "rotation-volunteered",
                role = say::t(role_name),
                count = count
            )),
        )
    }

    pub(crate) fn roles_unvolunteer(&mut self, me: &Member, name: &str) -> Res {
        let key = Self::role_key(name);
        let Some(role) = self.roles.get_mut(&key) else {
            return Err(self.unknown_role(name));
        };
        if !role.remove(&me.id) {
            return Err(reject(
                Code::NotQueued,
                vec![say!(
                    "rotation-not-volunteer",
                    role = say::t(role.name.clone())
                )],
            ));
        }
        let role_name = role.name.clone();
        let mut stepped_down = false;
        if let Some(s) = self.session.as_deref_mut() {
            if s.servants.get(&key) == Some(&me.id) {
                s.servants.remove(&key);
                stepped_down = true;
            }
        }
        let mut out = Out::new();
        out.changed();
        out.reply(
            me,
            Message::say(say!(
                "rotation-left",
                role = say::t(role_name),
                today = stepped_down
            )),
        );
        out.done()
    }

    pub(crate) fn roles_list(&self, me: &Member) -> Res {
        let mut out = Out::new();
        let msg = if self.roles.is_empty() {
            Message::say(say!("rotation-none", add = say::cmd("roles add chair")))
        } else {
            let today = self
                .session
                .as_deref()
                .map(|s| s.servants.clone())
                .unwrap_or_default();
            Message::say(say!("rotation-list-heading")).then_list(
                self.roles
                    .iter()
                    .map(|(key, r)| {
                        let mut l = vec![say::strong(r.name.clone()), say::t(": ")];
                        if r.volunteers.is_empty() {
                            l.push(say!("rotation-no-volunteers"));
                        } else {
                            // In the order they will serve, starting with the next in the rotation.
                            let n = r.volunteers.len();
                            for i in 0..n {
                                if i > 0 {
                                    l.push(say::t(", "));
                                }
                                l.push(say::name(
                                    &self.known_member(&r.volunteers[(r.next + i) % n]),
                                ));
                            }
                        }
                        if let Some(m) = today.get(key) {
                            l.push(say::t(" — "));
                            l.push(say!(
                                "rotation-list-today",
                                who = say::name(&self.known_member(m))
                            ));
                        }
                        if let Some(m) = r.upcoming() {
                            l.push(say::t(" — "));
                            l.push(say!(
                                "rotation-list-next",
                                who = say::name(&self.known_member(&m))
                            ));
                        }
                        l
                    })
                    .collect(),
            )
        };
        out.reply(me, msg);
        out.done()
    }

    /// `who` is the member named, as the place resolved them.
    pub(crate) fn roles_swap(&mut self, name: &str, who: Result<MemberId, Rejection>) -> Res {
        let key = Self::role_key(name);
        if !self.roles.contains_key(&key) {
            return Err(self.unknown_role(name));
        }
        let id = who?;
        let m = self.known_member(&id);
        let role_name = self.roles[&key].name.clone();
        self.people.insert(m.id.clone(), m.name.clone());
        let mut out = Out::new();
        out.changed();
        if let Some(s) = self.session.as_deref_mut() {
            s.servants.insert(key, m.id.clone());
            s.members.insert(m.id.clone(), m.name.clone());
            out.public(
                PostKind::Notice,
                Message::say(say!(
                    "rotation-swapped-today",
                    role = say::t(role_name),
                    who = say::mention(&m)
                )),
            );
        } else {
            if let Some(role) = self.roles.get_mut(&key) {
                role.next_override = Some(m.id.clone());
            }
            out.public(
                PostKind::Notice,
                Message::say(say!(
                    "rotation-swapped-next",
                    role = say::t(role_name),
                    who = say::mention(&m)
                )),
            );
        }
        out.done()
    }

    pub(crate) fn roles_rotate(&mut self) -> Res {
        if self.roles.values().all(|r| r.volunteers.is_empty()) {
            return Err(reject(
                Code::NobodyToCall,
                vec![say!(
                    "rotation-nobody",
                    volunteer = say::cmd("roles volunteer chair")
                )],
            ));
        }
        let mut out = Out::new();
        out.changed();
        if self.session.is_some() {
            if let Some(line) = self.assign_servants() {
                out.public(PostKind::Notice, Message::line(line));
            }
        } else {
            // Each role's upcoming servant moves on by one: a swap made for next time is dropped,
            // otherwise the rotation skips ahead.
            for r in self.roles.values_mut() {
                if r.next_override.take().is_none() {
                    r.take();
                }
            }
            let next = self.upcoming_servants();
            out.public(
                PostKind::Notice,
                Message::say(say!(
                    "rotation-rotated",
                    serving = servant_spans(&next, false)
                )),
            );
        }
        out.done()
    }
}
