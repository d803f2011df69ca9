//! Puts the bot's words into a reader's language: the message files (Project Fluent, one folder
//! per language under `bot-core/locales`, each file named in `FILES` and shipped in the binary),
//! localizing a message's [`Span::Say`] words and its durations, and spoken relative times.
//!
//! Fluent was chosen (over hand-written tables) for its plural and select forms, which Spanish,
//! Portuguese, German and French need for counts and ordinals, and because translators know it.
//! The `fluent-bundle` crate is used directly: the bundles are built once from the embedded files,
//! and `fluent-templates` / `i18n-embed` would add a loader and a second way to look up a key
//! for nothing the core needs.
//!
//! Member text never passes through Fluent: an argument that is a span (a name, a mention, a
//! command, a time, member text) is formatted as a private-use marker, and the formatted words
//! are split at the markers, so each renderer still escapes member text exactly as before.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::{Arg, Block, Lang, Message, Millis, Say, Span, Timestamp};

/// Every message file of one language, by name: (language code, file name, contents). Paths are
/// relative to this source file, so a build reads the files of the checkout it compiles and is
/// rebuilt when one changes.
macro_rules! language_files {
    ($lang:literal, [$($name:literal),*]) => {
        [$((
            $lang,
            concat!($name, ".ftl"),
            include_str!(concat!("../locales/", $lang, "/", $name, ".ftl")),
        )),*]
    };
}

/// The same files for every language (a file missing in one language does not compile).
macro_rules! shipped {
    ($names:tt) => {
        [
            language_files!("en", $names),
            language_files!("es", $names),
            language_files!("pt-BR", $names),
            language_files!("de", $names),
            language_files!("fr", $names),
        ]
    };
}

/// The message files, one list per language in the order of [`Lang::ALL`]; a new file is named
/// here (`bot-core/tests/messages.rs` fails on a file in a folder that is not).
static FILES: LazyLock<Vec<(&'static str, &'static str, &'static str)>> = LazyLock::new(|| {
    shipped!([
        "agenda",
        "calendar",
        "commands",
        "core",
        "format-input",
        "format",
        "forms",
        "help",
        "language",
        "meeting",
        "parse",
        "place",
        "privacy",
        "rotation",
        "schedule",
        "settings",
        "slash",
        "status",
        "voice",
        "welcome"
    ])
    .into_iter()
    .flatten()
    .collect()
});

type Bundle = FluentBundle<FluentResource>;

/// The message files as shipped: (language code, file name, contents).
pub fn files() -> &'static [(&'static str, &'static str, &'static str)] {
    &FILES
}

struct Bundles {
    /// In the order of [`Lang::ALL`].
    langs: Vec<Bundle>,
    /// English with every word transformed: shows what did not come from the message files.
    pseudo: Bundle,
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| Bundles {
    langs: Lang::ALL.iter().map(|l| bundle(*l, false)).collect(),
    pseudo: bundle(Lang::En, true),
});

fn bundle(lang: Lang, pseudo: bool) -> Bundle {
    let id = lang.code().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // Renderers add no bidi isolation marks around arguments: the markers are split out.
    b.set_use_isolating(false);
    // NUMBER(), for ordinal plural forms ("21st").
    if let Err(e) = b.add_builtins() {
        tracing::error!(lang = lang.code(), ?e, "Fluent built-in functions");
    }
    if pseudo {
        b.set_transform(Some(pseudo_words));
    }
    #[cfg(test)]
    if lang == Lang::En {
        let res = FluentResource::try_new(TEST_MESSAGES.to_string()).expect("test messages");
        b.add_resource(res).expect("test messages");
    }
    for (_, name, text) in FILES.iter().filter(|(code, _, _)| *code == lang.code()) {
        // A file with a syntax error keeps the messages it could read; the message file tests
        // fail on any error, so a shipped file has none.
        let res = FluentResource::try_new(text.to_string()).unwrap_or_else(|(res, errors)| {
            tracing::error!(
                lang = lang.code(),
                file = name,
                ?errors,
                "message file errors"
            );
            res
        });
        if let Err(errors) = b.add_resource(res) {
            tracing::error!(
                lang = lang.code(),
                file = name,
                ?errors,
                "message file errors"
            );
        }
    }
    b
}

/// Messages only the unit tests use, in English only (so other languages fall back to them).
#[cfg(test)]
const TEST_MESSAGES: &str = "test-greeting = Hello { $who }, { $n ->
    [one] one hand
   *[other] { $n } hands
}
test-english-only = Only in English.
";

/// Accents every letter it can, so a word not from the message files stands out.
fn pseudo_words(s: &str) -> Cow<'_, str> {
    const FROM: &str = "aeiouyAEIOUYcnCNsSzZ";
    const TO: &str = "áéíóúýÁÉÍÓÚÝçñÇÑšŠžŽ";
    Cow::Owned(
        s.chars()
            .map(|c| match FROM.find(c) {
                Some(i) => TO.chars().nth(FROM[..i].chars().count()).unwrap_or(c),
                None => c,
            })
            .collect(),
    )
}

/// The message in `lang`: the bot's words from that language's files (English where one is
/// missing), durations spoken in it; member text and every other span kept as they are.
pub fn localize(m: &Message, lang: Lang) -> Message {
    Localizer::Lang(lang).message(m)
}

/// The message in the pseudo-language: English words with every letter accented. A plain
/// letter left in a rendered pseudo message is a word that bypassed the message files.
pub fn pseudo(m: &Message) -> Message {
    Localizer::Pseudo.message(m)
}

/// One message by key with its arguments, as plain text in `lang` (a slash command's
/// description, a line outside any message).
pub fn text(lang: Lang, say: &Say) -> String {
    let spans = Localizer::Lang(lang).say(say);
    crate::render::plain(&Message::line(spans))
}

/// Whether `lang`'s files have the message itself (no fallback to English).
pub fn has(lang: Lang, key: &str) -> bool {
    Localizer::Lang(lang).bundle().has_message(key)
}

/// A duration spoken in `lang` ("3 minutes", "1 Stunde 30 Minuten").
pub fn duration(lang: Lang, d: Millis) -> String {
    Localizer::Lang(lang).duration(d)
}

/// "in 3 minutes" or "3 minutes ago" in `lang`, for renderers that cannot keep a time live.
pub fn relative(lang: Lang, at: Timestamp, now: Timestamp) -> String {
    let (key, d) = if at >= now {
        ("time-in", Millis(at.0 - now.0))
    } else {
        ("time-ago", Millis(now.0 - at.0))
    };
    text(
        lang,
        &Say::new(key, vec![("duration", Arg::Span(Span::Duration(d)))]),
    )
}

#[derive(Clone, Copy)]
enum Localizer {
    Lang(Lang),
    Pseudo,
}

/// Argument spans are formatted as these characters (one per argument, in order), then split out.
const MARKER_BASE: u32 = 0xF0000;

fn marker_index(c: char) -> Option<usize> {
    let n = c as u32;
    (MARKER_BASE..MARKER_BASE + 0xFFFE)
        .contains(&n)
        .then(|| (n - MARKER_BASE) as usize)
}

impl Localizer {
    fn bundle(self) -> &'static Bundle {
        match self {
            Localizer::Lang(l) => {
                let i = Lang::ALL.iter().position(|x| *x == l).unwrap_or(0);
                &BUNDLES.langs[i]
            }
            Localizer::Pseudo => &BUNDLES.pseudo,
        }
    }

    fn english(self) -> Localizer {
        match self {
            Localizer::Lang(_) => Localizer::Lang(Lang::En),
            Localizer::Pseudo => Localizer::Pseudo,
        }
    }

    fn message(self, m: &Message) -> Message {
        Message {
            blocks: m
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Line(spans) => Block::Line(self.spans(spans)),
                    Block::List(items) => {
                        Block::List(items.iter().map(|i| self.spans(i)).collect())
                    }
                    Block::Code(c) => Block::Code(c.clone()),
                })
                .collect(),
        }
    }

    fn spans(self, spans: &[Span]) -> Vec<Span> {
        let mut out = Vec::with_capacity(spans.len());
        for s in spans {
            self.span(s, &mut out);
        }
        out
    }

    fn span(self, s: &Span, out: &mut Vec<Span>) {
        match s {
            Span::Say(say) => out.extend(self.say(say)),
            Span::Duration(d) => push_text(out, self.duration(*d), false),
            other => out.push(other.clone()),
        }
    }

    /// The words of one `Say`, in this language or else in English; the key itself (which
    /// holds no member data) only if English lacks it too, which the message file tests forbid.
    fn say(self, say: &Say) -> Vec<Span> {
        let formatted = self.formatted(say);
        let mut out = Vec::with_capacity(say.args.len() * 2 + 1);
        let mut words = String::new();
        for c in formatted.chars() {
            match marker_index(c).and_then(|i| say.args.get(i)) {
                Some((_, Arg::Span(arg))) => {
                    push_text(&mut out, std::mem::take(&mut words), say.strong);
                    self.arg_span(arg, say.strong, &mut out);
                }
                Some((_, Arg::Spans(args))) => {
                    push_text(&mut out, std::mem::take(&mut words), say.strong);
                    for arg in args {
                        self.arg_span(arg, say.strong, &mut out);
                    }
                }
                _ => words.push(c),
            }
        }
        push_text(&mut out, words, say.strong);
        out
    }

    fn arg_span(self, arg: &Span, strong: bool, out: &mut Vec<Span>) {
        if strong {
            self.strong_span(arg, out);
        } else {
            self.span(arg, out);
        }
    }

    /// An argument inside emphasised words: the bot's words in it are emphasised too.
    fn strong_span(self, s: &Span, out: &mut Vec<Span>) {
        match s {
            Span::Say(inner) if !inner.strong => {
                let mut inner = inner.clone();
                inner.strong = true;
                out.extend(self.say(&inner));
            }
            Span::Text(t) => push_text(out, t.clone(), true),
            Span::Duration(d) => push_text(out, self.duration(*d), true),
            other => self.span(other, out),
        }
    }

    fn format(self, say: &Say) -> Option<String> {
        let bundle = self.bundle();
        let pattern = bundle.get_message(&say.key)?.value()?;
        let mut args = FluentArgs::with_capacity(say.args.len());
        for (i, (name, arg)) in say.args.iter().enumerate() {
            let value = match arg {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Word(w) => FluentValue::from(w.as_ref()),
                Arg::Span(_) | Arg::Spans(_) => {
                    let marker = char::from_u32(MARKER_BASE + i as u32).unwrap_or('\u{FFFD}');
                    FluentValue::from(marker.to_string())
                }
            };
            args.set(name.as_ref(), value);
        }
        let mut errors = Vec::new();
        let s = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if errors.is_empty() {
            Some(s.into_owned())
        } else {
            tracing::warn!(key = %say.key, ?errors, "a message could not be formatted");
            None
        }
    }

    /// The formatted words (span arguments as markers), in this language or else in English.
    fn formatted(self, say: &Say) -> String {
        self.format(say)
            .or_else(|| self.english().format(say))
            .unwrap_or_else(|| {
                tracing::warn!(key = %say.key, "no such message in any language");
                say.key.to_string()
            })
    }

    fn duration(self, d: Millis) -> String {
        let total = (d.0.max(0) + 500) / 1000;
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
        let mut parts = Vec::new();
        // A part has no span arguments: its formatted words are all there is to it.
        let mut part = |key: &'static str, n: i64| {
            parts.push(self.formatted(&Say::new(key, vec![("n", Arg::Num(n))])))
        };
        if h > 0 {
            part("duration-hours", h);
        }
        if m > 0 {
            part("duration-minutes", m);
        }
        if s > 0 || (h == 0 && m == 0) {
            part("duration-seconds", s);
        }
        parts.join(" ")
    }
}

/// Adds words, joined to the words before them when they look the same.
fn push_text(out: &mut Vec<Span>, words: String, strong: bool) {
    if words.is_empty() {
        return;
    }
    match (out.last_mut(), strong) {
        (Some(Span::Text(t)), false) | (Some(Span::Strong(t)), true) => t.push_str(&words),
        _ => out.push(if strong {
            Span::Strong(words)
        } else {
            Span::Text(words)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::say;
    use crate::domain::Member;

    #[test]
    fn member_text_is_placed_not_formatted() {
        let ann = Member::new("a1", "{ $n } \u{F0000} Ann");
        let m = Message::say(crate::say!(
            "test-greeting",
            who = say::mention(&ann),
            n = 2usize
        ));
        let out = localize(&m, Lang::En);
        assert_eq!(out.mentions(), vec![ann.id.clone()]);
        match &out.blocks[0] {
            Block::Line(spans) => assert!(
                spans.contains(&say::mention(&ann)),
                "the mention is kept as a span: {spans:?}"
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn durations_are_spoken_in_the_language() {
        let d = Millis(90 * 60_000 + 1_000);
        assert_eq!(duration(Lang::En, d), "1 hour 30 minutes 1 second");
        assert_eq!(duration(Lang::En, Millis(0)), "0 seconds");
        assert_eq!(duration(Lang::De, Millis(60_000)), "1 Minute");
        assert_eq!(duration(Lang::Es, Millis(120_000)), "2 minutos");
    }

    #[test]
    fn ordinals_follow_each_language() {
        let show = |lang, n: usize| {
            crate::render::plain(&localize(
                &Message::say(crate::say!("ordinal", n = n)),
                lang,
            ))
        };
        let en: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111]
            .iter()
            .map(|n| show(Lang::En, *n))
            .collect();
        assert_eq!(
            en,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
        assert_eq!(show(Lang::Fr, 1), "1er");
        assert_eq!(show(Lang::Fr, 2), "2e");
        assert_eq!(show(Lang::De, 3), "3.");
    }

    #[test]
    fn a_missing_translation_falls_back_to_english_never_a_key() {
        // Only English has this test message: every other language falls back to it.
        let m = Message::say(crate::say!("test-english-only"));
        for l in Lang::ALL {
            let shown = crate::render::plain(&localize(&m, l));
            assert_eq!(shown, "Only in English.", "{l:?}");
        }
        assert!(!has(Lang::Es, "test-english-only"));
    }

    #[test]
    fn pseudo_accents_the_words_only() {
        let ann = Member::new("a1", "Ann");
        let m = Message::say(crate::say!(
            "test-greeting",
            who = say::name(&ann),
            n = 1usize
        ));
        let shown = crate::render::plain(&pseudo(&m));
        assert!(shown.contains("Ann"), "{shown}");
        assert!(!shown.contains("Hello"), "{shown}");
    }
}
