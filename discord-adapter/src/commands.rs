//! Slash commands generated from the core's catalogue: where each catalogue entry lives among the
//! slash commands, the registration payload, options back into core commands, and the `/` form of
//! a command as the bot shows it.
//!
//! The rule: words `a b` become `/a b` (subcommand `b` of `a`); a one-word entry whose word also
//! starts multi-word entries (`hand` next to `hand down`) becomes the subcommand named by its
//! two-word alias (`hand up`), because Discord cannot run a command that has subcommands.

use bot_core::domain::command::{build, match_words};
use bot_core::domain::{
    parse_arg, ArgKind, ArgSpec, ArgValue, Command, CommandSpec, MemberRef, Role, CATALOGUE,
};
use serenity::all::{
    CommandDataOption, CommandDataOptionValue, CommandOptionType, CreateCommand,
    CreateCommandOption, InteractionContext, Permissions,
};

/// Discord's limit on descriptions (commands, options).
pub const DESCRIPTION_MAX: usize = 100;
/// Discord's limit on choices and autocomplete results.
pub const CHOICES_MAX: usize = 25;
/// The subcommand a grouped one-word entry gets when the catalogue has no two-word alias for it.
const FALLBACK_SUB: &str = "show";

/// Where a catalogue entry lives: `/command [group] [sub]`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SlashPath {
    pub command: String,
    pub group: Option<String>,
    pub sub: Option<String>,
}

impl SlashPath {
    /// `/queue move`
    pub fn display(&self) -> String {
        let mut s = format!("/{}", self.command);
        for part in [&self.group, &self.sub].into_iter().flatten() {
            s.push(' ');
            s.push_str(part);
        }
        s
    }
}

/// A name Discord accepts for commands and options: lower case, `[-_\p{L}\p{N}]`, 1–32 chars.
pub fn slash_name(raw: &str) -> String {
    let mut out: String = raw
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c == '-' || c == '_' || c.is_alphanumeric() {
                c
            } else {
                '-'
            }
        })
        .take(32)
        .collect();
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Cuts to `max` characters, ending with `…` when something was cut; never empty.
pub fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "-".to_string();
    }
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

fn first_word(words: &str) -> &str {
    words.split(' ').next().unwrap_or(words)
}

/// Whether some multi-word entry starts with `word`.
fn has_group(word: &str) -> bool {
    CATALOGUE
        .iter()
        .any(|s| s.words.contains(' ') && first_word(s.words) == word)
}

/// The slash path of a catalogue entry (see the module docs for the rule).
pub fn slash_path(spec: &CommandSpec) -> SlashPath {
    let words: Vec<&str> = spec.words.split(' ').filter(|w| !w.is_empty()).collect();
    let command = slash_name(words.first().copied().unwrap_or(spec.words));
    match words.len() {
        0 | 1 => {
            if !has_group(spec.words) {
                return SlashPath {
                    command,
                    group: None,
                    sub: None,
                };
            }
            let sub = spec
                .aliases
                .iter()
                .filter_map(|a| {
                    let parts: Vec<&str> = a.split(' ').collect();
                    (parts.len() == 2 && parts[0] == spec.words).then(|| parts[1])
                })
                .next()
                .unwrap_or(FALLBACK_SUB);
            SlashPath {
                command,
                group: None,
                sub: Some(slash_name(sub)),
            }
        }
        2 => SlashPath {
            command,
            group: None,
            sub: Some(slash_name(words[1])),
        },
        _ => SlashPath {
            command,
            group: Some(slash_name(words[1])),
            sub: Some(slash_name(&words[2..].join("-"))),
        },
    }
}

/// The catalogue entry a slash path runs.
pub fn spec_for_path(path: &SlashPath) -> Option<&'static CommandSpec> {
    CATALOGUE.iter().find(|s| &slash_path(s) == path)
}

fn option_for(spec: &CommandSpec, arg: &ArgSpec) -> CreateCommandOption {
    let name = slash_name(arg.name);
    let description = clip(arg.help, DESCRIPTION_MAX);
    let string = |autocomplete: bool| {
        CreateCommandOption::new(CommandOptionType::String, name.clone(), description.clone())
            .set_autocomplete(autocomplete)
    };
    #[allow(unreachable_patterns)]
    let option = match arg.kind {
        // A member the session lists (the core offers the candidates): autocompleted text.
        ArgKind::Member if spec.kind.member_list().is_some() => string(true),
        ArgKind::Member => {
            CreateCommandOption::new(CommandOptionType::User, name.clone(), description.clone())
        }
        ArgKind::Position => CreateCommandOption::new(
            CommandOptionType::Integer,
            name.clone(),
            description.clone(),
        )
        .min_int_value(1),
        ArgKind::Choice(choices) if choices.len() <= CHOICES_MAX => {
            choices.iter().fold(string(false), |o, c| {
                o.add_string_choice(clip(c, 100), clip(c, 100))
            })
        }
        ArgKind::Choice(_) | ArgKind::Topic => string(true),
        ArgKind::Text { max } | ArgKind::LongText { max } => {
            string(false).max_length(max.clamp(1, 6000) as u16)
        }
        // Durations, lists, and every kind added later: a string the core parses.
        _ => string(false),
    };
    option.required(arg.required)
}

fn arg_options(spec: &CommandSpec) -> Vec<CreateCommandOption> {
    spec.args.iter().map(|a| option_for(spec, a)).collect()
}

/// The top-level commands in catalogue order, each with the entries under it.
pub fn grouped() -> Vec<(String, Vec<&'static CommandSpec>)> {
    let mut out: Vec<(String, Vec<&'static CommandSpec>)> = Vec::new();
    for spec in CATALOGUE {
        let name = slash_path(spec).command;
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(spec),
            None => out.push((name, vec![spec])),
        }
    }
    out
}

fn group_description(name: &str, specs: &[&'static CommandSpec]) -> String {
    if let Some(single) = specs.iter().find(|s| !s.words.contains(' ')) {
        return clip(single.summary, DESCRIPTION_MAX);
    }
    let subs: Vec<String> = specs
        .iter()
        .filter_map(|s| slash_path(s).sub)
        .collect::<Vec<_>>();
    clip(&format!("{name}: {}", subs.join(", ")), DESCRIPTION_MAX)
}

/// The registration payload: one slash command per top-level word.
pub fn registration() -> Vec<CreateCommand> {
    grouped()
        .into_iter()
        .map(|(name, specs)| {
            let mut cmd = CreateCommand::new(name.clone())
                .description(group_description(&name, &specs))
                .contexts(vec![InteractionContext::Guild]);
            if specs.iter().all(|s| s.role == Role::Admin) {
                cmd = cmd.default_member_permissions(Permissions::MANAGE_GUILD);
            }
            let top_level = specs.len() == 1 && slash_path(specs[0]).sub.is_none();
            if top_level {
                return cmd.set_options(arg_options(specs[0]));
            }
            let mut options: Vec<CreateCommandOption> = Vec::new();
            let mut groups: Vec<(String, Vec<CreateCommandOption>)> = Vec::new();
            for spec in &specs {
                let path = slash_path(spec);
                let sub = CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    path.sub.clone().unwrap_or_else(|| FALLBACK_SUB.to_string()),
                    clip(spec.summary, DESCRIPTION_MAX),
                )
                .set_sub_options(arg_options(spec));
                match path.group {
                    None => options.push(sub),
                    Some(g) => match groups.iter_mut().find(|(n, _)| *n == g) {
                        Some((_, v)) => v.push(sub),
                        None => groups.push((g, vec![sub])),
                    },
                }
            }
            for (g, subs) in groups {
                options.push(
                    CreateCommandOption::new(
                        CommandOptionType::SubCommandGroup,
                        g.clone(),
                        clip(&format!("{name} {g}"), DESCRIPTION_MAX),
                    )
                    .set_sub_options(subs),
                );
            }
            cmd.set_options(options)
        })
        .collect()
}

/// An interaction's command: the path and the leaf options.
pub fn path_of(name: &str, options: &[CommandDataOption]) -> (SlashPath, Vec<CommandDataOption>) {
    let mut path = SlashPath {
        command: name.to_string(),
        group: None,
        sub: None,
    };
    let mut leaf = options.to_vec();
    if let Some(first) = options.first() {
        match &first.value {
            CommandDataOptionValue::SubCommand(inner) => {
                path.sub = Some(first.name.clone());
                leaf = inner.clone();
            }
            CommandDataOptionValue::SubCommandGroup(inner) => {
                path.group = Some(first.name.clone());
                leaf = Vec::new();
                if let Some(sub) = inner.first() {
                    path.sub = Some(sub.name.clone());
                    if let CommandDataOptionValue::SubCommand(o) = &sub.value {
                        leaf = o.clone();
                    }
                }
            }
            _ => {}
        }
    }
    (path, leaf)
}

/// A member as an option value names them: a user option's id, or text from autocomplete (an id
/// like `discord:123`, a typed `<@123>`, or a display name).
pub fn member_ref_from_text(raw: &str) -> String {
    let t = raw.trim();
    let inner = t
        .strip_prefix("<@")
        .and_then(|r| r.strip_suffix('>'))
        .map(|r| r.trim_start_matches('!'));
    match inner {
        Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) => {
            format!("discord:{id}")
        }
        _ if !t.is_empty() && t.len() >= 15 && t.chars().all(|c| c.is_ascii_digit()) => {
            format!("discord:{t}")
        }
        _ => t.to_string(),
    }
}

/// Why typed options did not make a command: the option, what was wrong, and the spec (for an
/// example that works).
#[derive(Clone, Debug)]
pub struct OptionError {
    pub spec: &'static CommandSpec,
    pub option: Option<&'static str>,
    pub why: String,
}

/// Typed options → the core command, every value parsed by the core.
pub fn command_from_options(
    spec: &'static CommandSpec,
    options: &[CommandDataOption],
) -> Result<Command, OptionError> {
    let mut values: Vec<Option<ArgValue>> = Vec::with_capacity(spec.args.len());
    for arg in spec.args {
        let name = slash_name(arg.name);
        let Some(opt) = options.iter().find(|o| o.name == name) else {
            values.push(None);
            continue;
        };
        let fail = |why: String| OptionError {
            spec,
            option: Some(arg.name),
            why,
        };
        #[allow(unreachable_patterns)]
        let value = match (&opt.value, arg.kind) {
            (CommandDataOptionValue::User(id), ArgKind::Member) => {
                ArgValue::Member(MemberRef(format!("discord:{id}")))
            }
            (CommandDataOptionValue::String(s), ArgKind::Member) => {
                parse_arg(arg, &member_ref_from_text(s)).map_err(fail)?
            }
            (v, _) => {
                let raw = match v {
                    CommandDataOptionValue::String(s) => s.clone(),
                    CommandDataOptionValue::Integer(i) => i.to_string(),
                    CommandDataOptionValue::Number(n) => n.to_string(),
                    CommandDataOptionValue::Boolean(b) => if *b { "on" } else { "off" }.to_string(),
                    CommandDataOptionValue::User(id) => format!("discord:{id}"),
                    CommandDataOptionValue::Role(id) => id.to_string(),
                    CommandDataOptionValue::Channel(id) => id.to_string(),
                    CommandDataOptionValue::Mentionable(id) => id.to_string(),
                    CommandDataOptionValue::Autocomplete { value, .. } => value.clone(),
                    _ => String::new(),
                };
                parse_arg(arg, &raw).map_err(fail)?
            }
        };
        values.push(Some(value));
    }
    build(spec.kind, values).map_err(|why| OptionError {
        spec,
        option: None,
        why,
    })
}

/// A command as the core writes it (`round start 3m checkin`) in Discord's form
/// (`/round start share-time:3m order:checkin`). Text that names no command comes back unchanged.
pub fn slash_form(text: &str) -> String {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let Some((spec, used)) = match_words(&tokens) else {
        return text.trim().to_string();
    };
    let mut out = slash_path(spec).display();
    let rest = &tokens[used..];
    // A usage line (`round start [share-time] [order]`, `queue move MEMBER POSITION`) keeps its
    // placeholders as they are.
    let placeholder = |t: &str| {
        t.starts_with('[')
            || spec.args.iter().any(|a| {
                t == a.name.to_uppercase() || t.trim_matches(|c| c == '[' || c == ']') == a.name
            })
    };
    if rest.iter().any(|t| placeholder(t)) {
        out.push(' ');
        out.push_str(&rest.join(" "));
        return out;
    }
    for (arg, value) in assign_args(spec, rest) {
        out.push(' ');
        out.push_str(&slash_name(arg.name));
        out.push(':');
        out.push_str(&value);
    }
    out
}

/// Splits the words after a command among its arguments the way the core's text parser does:
/// fixed-width arguments take a word each, the greedy one takes what is left between them, and an
/// optional argument that does not fit is skipped.
fn assign_args(spec: &CommandSpec, rest: &[&str]) -> Vec<(&'static ArgSpec, String)> {
    let mut out = Vec::new();
    if rest.is_empty() || spec.args.is_empty() {
        return out;
    }
    let greedy = spec.args.iter().position(|a| a.kind.is_greedy());
    let before = greedy.unwrap_or(spec.args.len());
    let mut i = 0;
    for (k, a) in spec.args.iter().enumerate().take(before) {
        let Some(tok) = rest.get(i) else { break };
        if parse_arg(a, tok).is_err() && !a.required && k + 1 < spec.args.len() {
            continue;
        }
        out.push((a, (*tok).to_string()));
        i += 1;
    }
    let rest = &rest[i.min(rest.len())..];
    if let Some(g) = greedy {
        let after = &spec.args[g + 1..];
        let take_after = after.len().min(rest.len().saturating_sub(1));
        let (mid, tail) = rest.split_at(rest.len() - take_after);
        if !mid.is_empty() {
            out.push((&spec.args[g], mid.join(" ")));
        }
        for (a, tok) in after.iter().zip(tail) {
            out.push((a, (*tok).to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_entry_has_its_own_path() {
        let mut seen = BTreeSet::new();
        for spec in CATALOGUE {
            let p = slash_path(spec);
            assert!(seen.insert(p.clone()), "two entries at {}", p.display());
            assert_eq!(spec_for_path(&p).map(|s| s.kind), Some(spec.kind));
        }
    }

    #[test]
    fn grouped_single_words_take_their_two_word_alias() {
        let path = |w: &str| slash_path(bot_core::domain::catalogue::lookup(w).unwrap()).display();
        assert_eq!(path("hand"), "/hand up");
        assert_eq!(path("hand down"), "/hand down");
        assert_eq!(path("queue"), "/queue show");
        assert_eq!(path("checkin"), "/checkin here");
        assert_eq!(path("checkin listen"), "/checkin listen");
        assert_eq!(path("round start"), "/round start");
        assert_eq!(path("done"), "/done");
        assert_eq!(path("settings"), "/settings show");
    }

    #[test]
    fn grouped_single_words_have_an_alias_not_the_fallback() {
        for spec in CATALOGUE {
            if !spec.words.contains(' ') && has_group(spec.words) {
                assert!(
                    spec.aliases
                        .iter()
                        .any(|a| a.split(' ').count() == 2 && first_word(a) == spec.words),
                    "{} has no two-word alias",
                    spec.words
                );
            }
        }
    }

    #[test]
    fn command_text_in_slash_form() {
        assert_eq!(
            slash_form("round start 3m checkin"),
            "/round start share-time:3m order:checkin"
        );
        assert_eq!(slash_form("round start queue"), "/round start order:queue");
        assert_eq!(slash_form("hand"), "/hand up");
        assert_eq!(slash_form("checkin listen"), "/checkin listen");
        assert_eq!(
            slash_form("queue move Mary Ann 2"),
            "/queue move member:Mary Ann position:2"
        );
        assert_eq!(slash_form("help"), "/help");
        assert_eq!(
            slash_form("round start [share-time] [order]"),
            "/round start [share-time] [order]"
        );
        assert_eq!(
            slash_form("queue move MEMBER POSITION"),
            "/queue move MEMBER POSITION"
        );
        assert_eq!(slash_form("help COMMAND"), "/help COMMAND");
        assert_eq!(slash_form("nonsense words"), "nonsense words");
    }

    #[test]
    fn member_text_becomes_an_id_when_it_is_one() {
        assert_eq!(member_ref_from_text("<@123>"), "discord:123");
        assert_eq!(member_ref_from_text("<@!123>"), "discord:123");
        assert_eq!(
            member_ref_from_text("123456789012345678"),
            "discord:123456789012345678"
        );
        assert_eq!(member_ref_from_text("discord:42"), "discord:42");
        assert_eq!(member_ref_from_text("Mary Ann"), "Mary Ann");
    }

    #[test]
    fn registration_respects_discord_limits() {
        let cmds = registration();
        assert!(cmds.len() <= 100);
        for c in &cmds {
            let v = serde_json::to_value(c).unwrap();
            let desc = v["description"].as_str().unwrap();
            assert!(!desc.is_empty() && desc.chars().count() <= 100);
            assert!(v["options"].as_array().map_or(0, Vec::len) <= 25);
        }
    }
}
