//! Member-supplied text as data: sanitised on the way in, bounded, and redacted in `Debug` so it
//! never reaches a log by accident (`UserText`, `DisplayName`, quoted echoes).

use ecow::EcoString;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest display name kept; longer names are cut (they come from the platform, not a command).
pub const MAX_NAME_CHARS: usize = 64;

/// Removes what must never travel from one member's keyboard to another's screen: control
/// characters, bidirectional overrides and isolates, zero-width tricks. Whitespace runs fold to one
/// space. The zero-width joiner stays, because emoji sequences need it.
pub fn sanitize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(4096));
    out.extend(sanitized(raw));
    out
}

/// [`sanitize`] one character at a time, for callers that keep only the start of a long text.
pub fn sanitized(raw: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = raw.chars();
    let mut started = false;
    let mut after_space: Option<char> = None;
    std::iter::from_fn(move || {
        if let Some(c) = after_space.take() {
            return Some(c);
        }
        let mut space = false;
        for c in chars.by_ref() {
            if c.is_whitespace() {
                space = started;
                continue;
            }
            if is_forbidden(c) {
                continue;
            }
            started = true;
            if space {
                // One space for the run, then the character after it.
                after_space = Some(c);
                return Some(' ');
            }
            return Some(c);
        }
        None
    })
}

/// A character no member text may carry (controls, direction overrides, zero-width tricks, the
/// echo markers).
pub(crate) fn is_forbidden(c: char) -> bool {
    c == ECHO_START
        || c == ECHO_END
        || c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Marks where member input echoed inside an error string starts and ends (private-use
/// characters that `sanitize` strips from every input, so a member cannot forge them).
pub const ECHO_START: char = '\u{E000}';
pub const ECHO_END: char = '\u{E001}';

/// Member input quoted back in a message: sanitised, cut to 40 characters, in quotes, and marked so
/// that [`spans_of`] turns it into member text (`Span::User`) that every adapter escapes.
pub fn echo(raw: &str) -> String {
    echo_n(raw, 40)
}

/// [`echo`] keeping up to `max` characters.
pub fn echo_n(raw: &str, max: usize) -> String {
    let clean = sanitize(raw);
    let mut shown: String = clean.chars().take(max).collect();
    if clean.chars().count() > max {
        shown.push('…');
    }
    format!("“{ECHO_START}{shown}{ECHO_END}”")
}

/// Text a member typed (a check-in word, a session name, crisis resources). Sanitised and bounded
/// on construction; `Debug` prints `<redacted>` so it can never leak into logs by accident.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserText(Box<str>);

/// Why member text was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    Empty,
    TooLong { max: usize, found: usize },
}

impl UserText {
    /// Sanitises `raw`; refuses empty results and results longer than `max_chars` characters.
    pub fn new(raw: &str, max_chars: usize) -> Result<UserText, TextError> {
        let clean = sanitize(raw);
        let n = clean.chars().count();
        if n == 0 {
            return Err(TextError::Empty);
        }
        if n > max_chars {
            return Err(TextError::TooLong {
                max: max_chars,
                found: n,
            });
        }
        Ok(UserText(clean.into_boxed_str()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UserText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A member's display name as the platform gave it: sanitised, cut to [`MAX_NAME_CHARS`]. Up to
/// 15 bytes it is held inline (no allocation), in the 16 bytes a boxed `str` takes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DisplayName(EcoString);

impl DisplayName {
    pub fn new(raw: &str) -> DisplayName {
        let clean = sanitize(raw);
        let cut: String = clean.chars().take(MAX_NAME_CHARS).collect();
        if cut.is_empty() {
            DisplayName("someone".into())
        } else {
            DisplayName(cut.as_str().into())
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
