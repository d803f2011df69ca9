//! Fuzzing, in proptest form (the stable toolchain has no cargo-fuzz): the command parser, the
//! duration and WHEN parsers never panic on any input, and whatever a member typed comes back in a
//! refusal only as member text (`Span::User`), never as the bot's own words, so no adapter can
//! turn it into a live mention or markup.

use bot_core::domain::calendar::{parse_when, parse_zone};
use bot_core::domain::{parse, parse_duration, Block, Parsed, Span, CATALOGUE};
use proptest::prelude::*;

/// Things a member might type to attack or confuse the bot.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<b>@everyone</b>".to_string()),
        Just("<@&123456>".to_string()),
        Just("@here".to_string()),
        Just("<a href=x>y</a>".to_string()),
        Just("\u{202E}evil\u{202C}".to_string()),
        Just("\u{E000}forged\u{E001}".to_string()),
        "\\PC{0,20}",
        any::<String>(),
    ]
}

/// A command line: a catalogue phrase (or garbage) followed by nasty words.
fn line() -> impl Strategy<Value = String> {
    let phrases: Vec<&'static str> = CATALOGUE.iter().map(|s| s.words).collect();
    (
        prop::sample::select(phrases),
        prop::collection::vec(nasty(), 0..4),
        any::<bool>(),
    )
        .prop_map(|(p, words, garble)| {
            let head = if garble {
                format!("{p}x")
            } else {
                p.to_string()
            };
            format!("!{head} {}", words.join(" "))
        })
}

fn text_spans(spans: &[Span]) -> String {
    spans
        .iter()
        .filter_map(|s| match s {
            Span::Text(t) | Span::Strong(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic(s in any::<String>()) {
        let _ = parse("!", &s);
        let _ = parse("!", &format!("!{s}"));
        let _ = parse_duration(&s);
        let _ = parse_when(&s);
        let _ = parse_zone(&s);
    }

    #[test]
    fn member_input_in_refusals_is_member_text_only(l in line()) {
        if let Parsed::Error(e) = parse("!", &l) {
            for b in &e.message.blocks {
                let spans: Vec<Span> = match b {
                    Block::Line(s) => s.clone(),
                    Block::List(items) => items.concat(),
                    // A document shown back is member text as a whole, escaped by adapters.
                    Block::Code(_) => vec![],
                };
                let bot_words = text_spans(&spans);
                for bad in ["<b>", "@everyone", "@here", "<@&", "<a href", "\u{202E}", "\u{E000}", "\u{E001}", "forged"] {
                    prop_assert!(!bot_words.contains(bad), "{bad:?} in the bot's own words: {bot_words:?} (from {l:?})");
                }
            }
        }
    }
}

/// Found by fuzzing: a cron field with an empty list item never matches, and proving that by
/// walking the calendar took seconds. It is refused at once.
#[test]
fn an_empty_cron_list_item_is_refused_at_once() {
    for when in [", * 2, * 2", "0 19,, * * *", ",5 * * * *"] {
        // Only the parse is timed (the first rendering loads the message files).
        let t = std::time::Instant::now();
        let refused = parse_when(when).unwrap_err();
        let took = t.elapsed();
        let why = bot_core::render::plain(&bot_core::domain::Message::line(vec![refused]));
        assert!(why.contains("empty item in a list"), "{when}: {why}");
        assert!(
            took < std::time::Duration::from_millis(100),
            "{when}: {took:?}"
        );
    }
}
