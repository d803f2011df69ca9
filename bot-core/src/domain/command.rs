//! The one text parser for the `!`-prefixed form, driven by the catalogue: matching a command's
//! words (also behind Discord's `/` forms), reading its arguments, and "did you mean". Commands
//! as values and the typed-argument builder live beside it and are re-exported here.

use super::args::{as_typed, quoted, syntax};
use super::catalogue::{ArgKind, ArgSpec, CommandSpec, CATALOGUE};
use super::text::{say, Message, Span};
use crate::say;

pub use super::args::{
    build, parse_arg, parse_duration, read_duration, ArgError, ArgValue, MAX_DURATION,
};
pub use super::request::{
    Command, Crosstalk, MemberRef, NewSchedule, ParseError, RoundOrder, SettingChange,
};

/// What a line of text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Not addressed to the bot (no prefix): ignored, never stored, never logged.
    NotACommand,
    Command(Command),
    Error(ParseError),
}

/// Parses a line of text. Lines without the prefix are not commands.
pub fn parse(prefix: &str, line: &str) -> Parsed {
    let trimmed = line.trim_start();
    let Some(rest) = trimmed.strip_prefix(prefix) else {
        return Parsed::NotACommand;
    };
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    if tokens.is_empty() {
        return Parsed::Error(ParseError::new(Message::say(say!(
            "parse-empty",
            help = say::cmd("help")
        ))));
    }
    let Some((spec, used)) = match_words(&tokens) else {
        return Parsed::Error(unknown_command(&tokens));
    };
    match parse_args(spec, &tokens[used..], after_tokens(rest, used)) {
        Ok(cmd) => Parsed::Command(cmd),
        Err(e) => Parsed::Error(e),
    }
}

/// The catalogue entry whose words (or an alias) match the most leading tokens, and how many
/// tokens it used. Every reader of command text (the `!` parser, Discord's `/` form) matches
/// through this one function.
pub fn match_words(tokens: &[&str]) -> Option<(&'static CommandSpec, usize)> {
    let lower: Vec<String> = tokens.iter().take(3).map(|t| t.to_lowercase()).collect();
    let mut best: Option<(&'static CommandSpec, usize)> = None;
    for spec in CATALOGUE {
        for phrase in std::iter::once(&spec.words).chain(spec.aliases.iter()) {
            let words: Vec<&str> = phrase.split(' ').collect();
            if words.len() <= lower.len()
                && words.iter().zip(&lower).all(|(w, t)| *w == t.as_str())
                && best.is_none_or(|(_, n)| words.len() > n)
            {
                best = Some((spec, words.len()));
            }
        }
    }
    best
}

/// How much of an unknown command the "did you mean" comparison reads.
const SUGGEST_CHARS: usize = 32;

fn unknown_command(tokens: &[&str]) -> ParseError {
    let typed = tokens
        .iter()
        .take(2)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let first = tokens[0].to_lowercase();
    // "Did you mean" weighs at most the first SUGGEST_CHARS characters (longer than any command):
    // a word of a thousand letters costs no more than a short one.
    let head = |s: &str| -> String { s.chars().take(SUGGEST_CHARS).collect() };
    let (typed_head, first_head) = (head(&typed), head(&first));
    let mut best: Option<(&str, f64)> = None;
    for spec in CATALOGUE {
        for phrase in std::iter::once(&spec.words).chain(spec.aliases.iter()) {
            let against = if phrase.contains(' ') {
                typed_head.as_str()
            } else {
                first_head.as_str()
            };
            let score = strsim::jaro_winkler(phrase, against);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((spec.words, score));
            }
        }
    }
    let shown = quoted(&first, 40);
    // A group word (`round`, `queue`, `settings`) without the word that follows it.
    let group: Vec<&str> = CATALOGUE
        .iter()
        .map(|s| s.words)
        .filter(|w| w.split(' ').next() == Some(first.as_str()) && w.contains(' '))
        .collect();
    if let Some((last, rest)) = group.split_last() {
        let choices = if rest.is_empty() {
            say::cmd(*last)
        } else {
            let mut items = Vec::new();
            for (i, w) in rest.iter().enumerate() {
                if i > 0 {
                    items.push(say::t(", "));
                }
                items.push(say::cmd(*w));
            }
            say!("parse-either", items = items, last = say::cmd(*last))
        };
        return ParseError::new(Message::say(say!(
            "parse-one-more-word",
            typed = shown,
            choices = choices
        )));
    }
    let help = say::cmd("help");
    let msg = match best {
        Some((words, score)) if score >= 0.75 => say!(
            "parse-unknown-command-suggest",
            typed = shown,
            command = say::cmd(words),
            help = help
        ),
        _ => say!("parse-unknown-command", typed = shown, help = help),
    };
    ParseError::new(Message::say(msg))
}

/// What is left of `text` after its first `n` whitespace-separated words, line breaks kept.
fn after_tokens(text: &str, n: usize) -> &str {
    let mut s = text.trim_start();
    for _ in 0..n {
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        s = s[end..].trim_start();
    }
    s
}

/// Reads a command's arguments from its words (`tokens`); `raw` is the same text with its line
/// breaks, which a long text (the last argument) keeps.
fn parse_args(
    spec: &'static CommandSpec,
    tokens: &[&str],
    raw: &str,
) -> Result<Command, ParseError> {
    let typed = std::iter::once(spec.words)
        .chain(tokens.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let bad = |why: Span| {
        ParseError::new(Message::say(say!(
            "parse-not-understood",
            typed = quoted(&typed, 60),
            why = why,
            example = say::cmd(spec.example)
        )))
    };
    let needs = |name: &str| say!("parse-needs", name = syntax(name));
    if spec.args.is_empty() {
        if !tokens.is_empty() {
            return Err(bad(say!(
                "parse-takes-nothing",
                command = as_typed(spec.words)
            )));
        }
        return build(spec.kind, vec![]).map_err(bad);
    }
    // Fixed-width arguments take one token each; the greedy one (at most one) takes what is left
    // between the ones before it and the ones after it.
    let greedy = spec.args.iter().position(|a| a.kind.is_greedy());
    let mut values: Vec<Option<ArgValue>> = vec![None; spec.args.len()];
    let mut rest: &[&str] = tokens;
    let before = greedy.unwrap_or(spec.args.len());
    for (i, a) in spec.args.iter().enumerate().take(before) {
        match rest.first() {
            Some(tok) => {
                match parse_arg(a, tok) {
                    Ok(v) => values[i] = Some(v),
                    // An optional argument that does not fit may be the next one (`round start queue`),
                    // unless the word is plainly meant for it (a number for a duration).
                    Err(_)
                        if !a.required
                            && i + 1 < spec.args.len()
                            && !(matches!(a.kind, ArgKind::Duration | ArgKind::TimeBox)
                                && tok.starts_with(|c: char| c.is_ascii_digit())) =>
                    {
                        continue
                    }
                    Err(e) => return Err(bad(e)),
                }
                rest = &rest[1..];
            }
            None if a.required => return Err(bad(needs(a.name))),
            None => {}
        }
    }
    if let Some(g) = greedy {
        let after = &spec.args[g + 1..];
        // The greedy argument takes the shortest non-empty prefix after which the remaining words
        // fit the arguments that follow it, in order (optional ones may be left out).
        let split = (1..=rest.len()).find_map(|i| fit_in_order(after, &rest[i..]).map(|v| (i, v)));
        let (mid, tail_values) = match split {
            Some((i, v)) => (&rest[..i], v),
            None if rest.is_empty() => (rest, vec![None; after.len()]),
            None => {
                let missing = after.iter().find(|a| a.required);
                return Err(bad(match (missing, rest.last()) {
                    (Some(a), Some(last)) if rest.len() > 1 => {
                        parse_arg(a, last).err().unwrap_or_else(|| needs(a.name))
                    }
                    (Some(a), _) => needs(a.name),
                    (None, Some(last)) => say!("parse-unexpected", typed = quoted(last, 40)),
                    (None, None) => say!("parse-missing"),
                }));
            }
        };
        if after
            .iter()
            .zip(&tail_values)
            .any(|(a, v)| a.required && v.is_none())
        {
            let a = after
                .iter()
                .zip(&tail_values)
                .find(|(a, v)| a.required && v.is_none())
                .map(|(a, _)| a.name);
            return Err(bad(match a {
                Some(a) => needs(a),
                None => say!("parse-missing"),
            }));
        }
        for (j, v) in tail_values.into_iter().enumerate() {
            values[g + 1 + j] = v;
        }
        let keeps_lines = matches!(
            spec.args[g].kind,
            ArgKind::LongText { .. } | ArgKind::Document { .. }
        );
        let joined = if keeps_lines && after.is_empty() {
            after_tokens(raw, tokens.len() - rest.len()).to_string()
        } else {
            mid.join(" ")
        };
        if joined.is_empty() {
            if spec.args[g].required {
                return Err(bad(needs(spec.args[g].name)));
            }
        } else {
            values[g] = Some(parse_arg(&spec.args[g], &joined).map_err(&bad)?);
        }
        rest = &[];
    }
    if !rest.is_empty() {
        return Err(bad(say!("parse-unexpected", typed = quoted(rest[0], 40))));
    }
    build(spec.kind, values).map_err(bad)
}

/// Assigns each word to the next argument that accepts it, skipping optional arguments; `None`
/// when a word fits nothing or a required argument is left without one.
fn fit_in_order(args: &[ArgSpec], words: &[&str]) -> Option<Vec<Option<ArgValue>>> {
    let mut out = vec![None; args.len()];
    let mut j = 0;
    for w in words {
        loop {
            let a = args.get(j)?;
            match parse_arg(a, w) {
                Ok(v) => {
                    out[j] = Some(v);
                    j += 1;
                    break;
                }
                Err(_) if !a.required => j += 1,
                Err(_) => return None,
            }
        }
    }
    if args[j..].iter().any(|a| a.required) {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::Millis;

    fn cmd(s: &str) -> Command {
        match parse("!", s) {
            Parsed::Command(c) => c,
            other => panic!("{s}: {other:?}"),
        }
    }
    fn err(s: &str) -> String {
        match parse("!", s) {
            Parsed::Error(e) => crate::render::plain(&e.message),
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn plain_text_is_not_a_command() {
        assert_eq!(parse("!", "hello everyone"), Parsed::NotACommand);
        assert_eq!(parse("?", "!hand"), Parsed::NotACommand);
        assert_eq!(parse("?", "?hand"), Parsed::Command(Command::Hand));
    }

    #[test]
    fn words_aliases_and_case() {
        assert_eq!(cmd("!hand"), Command::Hand);
        assert_eq!(cmd("!Hand Down"), Command::HandDown);
        assert_eq!(cmd("!raise"), Command::Hand);
        assert_eq!(cmd("!checkin listen"), Command::CheckInListen);
        assert_eq!(cmd("!checkin"), Command::CheckIn { word: None });
        match cmd("!checkin  a bit  tired ") {
            Command::CheckIn { word: Some(w) } => assert_eq!(w.as_str(), "a bit tired"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn round_start_arguments_in_any_combination() {
        assert_eq!(
            cmd("!round start"),
            Command::RoundStart {
                share_time: None,
                order: None
            }
        );
        assert_eq!(
            cmd("!round start 1m30s shuffle"),
            Command::RoundStart {
                share_time: Some(Millis(90_000)),
                order: Some(RoundOrder::Shuffle)
            }
        );
        assert_eq!(
            cmd("!round start queue"),
            Command::RoundStart {
                share_time: None,
                order: Some(RoundOrder::Queue)
            }
        );
    }

    #[test]
    fn helpful_errors() {
        assert_eq!(
            err("!round start 3x"),
            "I didn't understand “round start 3x”: “3x” is not a duration like `90s`, `3m` or `1m30s`. Try `round start 3m checkin`."
        );
        assert!(err("!extend 5").contains("“5” has no unit"));
        assert_eq!(
            err("!chekin"),
            "I don't know the command “chekin”. Did you mean `checkin`? Type `help` for the list."
        );
        // A very long word is weighed by its start only (and shown cut).
        let long = err(&format!("!checkin{}", "x".repeat(5000)));
        assert!(long.contains("Did you mean `checkin`?"), "{long}");
        assert!(long.contains("xxx…”"), "{long}");
        assert!(!err(&format!("!{}", "q".repeat(5000))).contains("Did you mean"));
        assert!(err("!done now").contains("takes nothing after it"));
        assert!(
            err("!queue move Sam").contains("“Sam” is not a position")
                || err("!queue move Sam").contains("needs")
        );
        assert!(err(&format!("!checkin {}", "x".repeat(3000))).contains("3000 characters"));
    }

    #[test]
    fn member_names_with_spaces_and_trailing_position() {
        assert_eq!(
            cmd("!queue move Mary Ann 2"),
            Command::QueueMove {
                member: MemberRef("Mary Ann".into()),
                position: 2
            }
        );
        assert_eq!(cmd("!skip"), Command::Skip { member: None });
    }

    #[test]
    fn settings_forms() {
        assert_eq!(
            cmd("!settings warnings 1m,30s"),
            Command::Set(SettingChange::Warnings(vec![
                Millis(60_000),
                Millis(30_000)
            ]))
        );
        assert_eq!(
            cmd("!settings warnings none"),
            Command::Set(SettingChange::Warnings(vec![]))
        );
        assert_eq!(
            cmd("!settings fairness off"),
            Command::Set(SettingChange::Fairness(false))
        );
        assert!(
            err("!settings crosstalk maybe").contains("is not one of `none`, `discussion`, `open`")
        );
        assert_eq!(cmd("!settings"), Command::Settings);
    }

    #[test]
    fn every_example_in_the_catalogue_parses() {
        for spec in CATALOGUE {
            match parse("!", &format!("!{}", spec.example)) {
                Parsed::Command(c) => assert_eq!(c.kind(), spec.kind, "{}", spec.example),
                other => panic!("{}: {other:?}", spec.example),
            }
        }
    }

    #[test]
    fn a_document_keeps_its_lines_and_loses_its_fences() {
        match cmd("!format import ```toml\nname = \"Ours\"\n\n[[part]]\nkind = \"text\"\n```") {
            Command::FormatImport { doc } => {
                assert_eq!(doc.0, "name = \"Ours\"\n\n[[part]]\nkind = \"text\"")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_long_text_keeps_its_lines() {
        match cmd("!format text 2 First line\n\n  Second   line\nThird") {
            Command::FormatEdit {
                part: 2,
                edit: crate::domain::format::PartEdit::Text(lines),
            } => {
                let shown: Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
                assert_eq!(shown, ["First line", "Second line", "Third"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(err("!format text 2").contains("it needs text"));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Ok(Millis(90_000)));
        assert_eq!(parse_duration("3m"), Ok(Millis(180_000)));
        assert_eq!(parse_duration("1m30s"), Ok(Millis(90_000)));
        assert_eq!(parse_duration("0s"), Ok(Millis(0)));
        assert!(parse_duration("48h").is_err());
    }
}
