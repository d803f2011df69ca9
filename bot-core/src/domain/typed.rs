//! Member input quoted back and words shown as they are typed, for the arguments of the bot's
//! words; a duration read with what is wrong with it. What argument parsing, the calendar and
//! the format share (below all three, so none of them imports another for these).

use super::ids::{parse_duration, Millis};
use super::text::{sanitize, say, Span, UserText};
use crate::say;

/// Member input quoted back (the message files put the quotation marks): sanitised, cut to `max`
/// characters (`…` marks a cut); "that name" where nothing is left to show.
pub(crate) fn quoted(raw: &str, max: usize) -> Span {
    let clean = sanitize(raw);
    let mut shown: String = clean.chars().take(max).collect();
    if clean.chars().count() > max {
        shown.push('…');
    }
    UserText::new(&shown, max + 1)
        .map(|u| say::user(&u))
        .unwrap_or_else(|_| say!("that-name"))
}

/// Words as they are typed (a command's, an argument's name, a setting's value), in backticks:
/// never translated.
pub(crate) fn as_typed(words: &str) -> Span {
    Span::Text(format!("`{words}`"))
}

/// A word of a command's syntax as typed (an argument's name), shown as it is.
pub(crate) fn syntax(word: &str) -> Span {
    Span::Text(word.to_string())
}

/// Reads a duration argument (`90s`, `3m`, `1m30s`), saying what is wrong in the member's words.
pub fn read_duration(raw: &str) -> Result<Millis, Span> {
    let s = raw.trim();
    parse_duration(s).map_err(|_| {
        if s.is_empty() {
            say!("parse-duration-missing")
        } else if s.chars().all(|c| c.is_ascii_digit()) {
            say!(
                "parse-duration-unit",
                typed = quoted(s, 40),
                n = quoted(s, 40)
            )
        } else if humantime::parse_duration(s).is_ok() {
            say!("parse-duration-too-long", typed = quoted(s, 40))
        } else {
            say!("parse-duration-bad", typed = quoted(s, 40))
        }
    })
}
