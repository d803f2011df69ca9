//! `help`: the list of commands by who may use them, and one command's usage, arguments,
//! example and aliases — all from the catalogue.

use super::catalogue::{self, CATALOGUE};
use super::ids::{Member, Role};
use super::outcome::RejectionCode as Code;
use super::reply::{reject, Out, Res};
use super::text::{say, Message};

/// The answer to `help` (`topic`: a command's words).
pub(crate) fn help(me: &Member, topic: Option<&str>) -> Res {
    let mut out = Out::new();
    let msg = match topic {
        None => {
            let mut msg = Message::line(vec![
                say::t("Commands (say "),
                say::cmd("help COMMAND"),
                say::t(" for more):"),
            ]);
            for (role, title) in [
                (Role::Member, "For everyone"),
                (Role::Host, "For hosts"),
                (Role::Admin, "For admins"),
            ] {
                msg = msg.then_line(vec![say::strong(title)]).then_list(
                    CATALOGUE
                        .iter()
                        .filter(|s| s.role == role)
                        .map(|s| vec![say::cmd(s.usage()), say::t(format!(" — {}", s.summary))])
                        .collect(),
                );
            }
            msg
        }
        Some(t) => {
            let spec = catalogue::lookup(t)
                .or_else(|| catalogue::lookup(t.split(' ').next().unwrap_or("")));
            let Some(spec) = spec else {
                return Err(reject(
                    Code::UnknownTopic,
                    vec![
                        say::t(format!(
                            "There is no command `{}`. Type ",
                            t.chars().take(40).collect::<String>()
                        )),
                        say::cmd("help"),
                        say::t(" for the list."),
                    ],
                ));
            };
            let mut msg = Message::line(vec![
                say::cmd(spec.usage()),
                say::t(format!(" — {}.", spec.summary)),
            ]);
            if !spec.args.is_empty() {
                msg = msg.then_list(
                    spec.args
                        .iter()
                        .map(|a| {
                            vec![say::t(format!(
                                "{}: {}{}",
                                a.name,
                                a.help,
                                if a.required { "" } else { " (optional)" }
                            ))]
                        })
                        .collect(),
                );
            }
            msg = msg.then_line(vec![
                say::t(format!("Who: {}. Example: ", spec.role.who_can())),
                say::cmd(spec.example),
            ]);
            if !spec.aliases.is_empty() {
                msg = msg.then_line(vec![say::t(format!("Also: {}", spec.aliases.join(", ")))]);
            }
            msg
        }
    };
    out.reply(me, msg);
    out.done()
}
