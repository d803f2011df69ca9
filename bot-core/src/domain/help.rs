//! `help`: the list of commands by who may use them, and one command's usage, arguments,
//! example and aliases — all from the catalogue, the words from `help.ftl` and `commands.ftl`.

use super::args::quoted;
use super::catalogue::{self, CATALOGUE};
use super::ids::{Member, Role};
use super::outcome::RejectionCode as Code;
use super::reply::{reject, Out, Res};
use super::text::{say, Message, Span};
use crate::say;

/// The answer to `help` (`topic`: a command's words).
pub(crate) fn help(me: &Member, topic: Option<&str>) -> Res {
    let mut out = Out::new();
    let msg = match topic {
        None => {
            let mut msg = Message::say(say!("help-list", help = say::cmd("help COMMAND")));
            for role in [Role::Member, Role::Host, Role::Admin] {
                msg = msg
                    .then_line(vec![say::strong_say(say!(
                        "help-heading",
                        who = role.as_str()
                    ))])
                    .then_list(
                        CATALOGUE
                            .iter()
                            .filter(|s| s.role == role)
                            .map(|s| vec![say::cmd(s.usage()), say::t(" — "), s.summary()])
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
                    vec![say!(
                        "help-unknown",
                        topic = quoted(t, 40),
                        help = say::cmd("help")
                    )],
                ));
            };
            let mut msg = Message::say(say!(
                "help-command",
                usage = say::cmd(spec.usage()),
                summary = spec.summary()
            ));
            if !spec.args.is_empty() {
                msg = msg.then_list(
                    spec.args
                        .iter()
                        .map(|a| {
                            // The argument's name is a word of the command's syntax, as typed.
                            vec![say!(
                                "help-arg",
                                name = Span::Text(a.name.to_string()),
                                help = spec.arg_help(a),
                                required = a.required
                            )]
                        })
                        .collect(),
                );
            }
            msg = msg.then_line(vec![say!(
                "help-who",
                who = spec.role.as_str(),
                example = say::cmd(spec.example)
            )]);
            if !spec.aliases.is_empty() {
                // Other words for the command, as typed (commands are not translated).
                msg = msg.then_line(vec![say!(
                    "help-aliases",
                    aliases = Span::Text(spec.aliases.join(", "))
                )]);
            }
            msg
        }
    };
    out.reply(me, msg);
    out.done()
}
