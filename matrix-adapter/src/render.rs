//! Renders the core's structured messages as Matrix `m.room.message` content: a plain `body`, an
//! escaped HTML `formatted_body`, and an explicit `m.mentions` that lists exactly the members the
//! message calls (pills). Text that came from members is escaped and never read as markup.

use bot_core::domain::{calendar, Block, Lang, MemberId, Message, Span, TimeStyle, Timestamp};
use serde_json::{json, Map, Value};

/// Longest `body` / `formatted_body` sent, in characters. Matrix events are at most 64 KiB; the
/// core already bounds what members type, so this only guards against surprises.
pub const MAX_TEXT_CHARS: usize = 16_000;

/// A message ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub body: String,
    pub html: String,
    /// Matrix user ids pinged (from `Mention` spans only), without duplicates, in order.
    pub mentions: Vec<String>,
}

impl Rendered {
    /// The `m.room.message` content. Messages that ping someone are `m.text` (a notice would be
    /// muted by the default `.m.rule.suppress_notices` push rule); all others are `m.notice`, as
    /// bots' messages should be.
    pub fn content(&self) -> Value {
        let mut c = self.inner_content();
        if let Some(obj) = c.as_object_mut() {
            obj.insert("m.mentions".into(), self.mentions_value());
        }
        c
    }

    /// Content that replaces `original` (an `m.replace` edit). Edits never ping anyone.
    pub fn edit_of(&self, original: &str) -> Value {
        let mut new_content = self.inner_content();
        if let Some(obj) = new_content.as_object_mut() {
            obj.insert("m.mentions".into(), json!({}));
        }
        json!({
            "msgtype": "m.notice",
            "body": format!("* {}", self.body),
            "format": "org.matrix.custom.html",
            "formatted_body": format!("* {}", self.html),
            "m.new_content": new_content,
            "m.relates_to": { "rel_type": "m.replace", "event_id": original },
            "m.mentions": {},
        })
    }

    fn inner_content(&self) -> Value {
        let msgtype = if self.mentions.is_empty() {
            "m.notice"
        } else {
            "m.text"
        };
        json!({
            "msgtype": msgtype,
            "body": self.body,
            "format": "org.matrix.custom.html",
            "formatted_body": self.html,
        })
    }

    fn mentions_value(&self) -> Value {
        if self.mentions.is_empty() {
            Value::Object(Map::new())
        } else {
            json!({ "user_ids": self.mentions })
        }
    }
}

/// The Matrix user id inside a member id `matrix:@user:server`.
pub fn user_id_of(member: &MemberId) -> Option<&str> {
    member
        .as_str()
        .strip_prefix("matrix:")
        .filter(|u| u.starts_with('@') && u.contains(':'))
}

/// Renders `m` with the command `prefix`; `now` turns relative times into "in 3 minutes".
pub fn render(m: &Message, prefix: &str, now: Timestamp) -> Rendered {
    render_in(m, Lang::En, prefix, now, "UTC")
}

/// [`render`] in `lang`, with clock times in the meeting's zone (`tz`, its `timezone` setting),
/// named by its abbreviation: Matrix cannot show each reader their own local time.
pub fn render_in(m: &Message, lang: Lang, prefix: &str, now: Timestamp, tz: &str) -> Rendered {
    let m = &bot_core::i18n::localize(m, lang);
    let mut body_lines: Vec<String> = Vec::new();
    let mut html = String::new();
    let mut mentions: Vec<String> = Vec::new();
    let mut after_line = false;
    for block in &m.blocks {
        match block {
            Block::Line(spans) => {
                let (b, h) = spans_out(spans, lang, prefix, now, tz, &mut mentions);
                body_lines.push(b);
                if after_line {
                    html.push_str("<br>");
                }
                html.push_str(&h);
                after_line = true;
            }
            Block::List(items) => {
                html.push_str("<ul>");
                for item in items {
                    let (b, h) = spans_out(item, lang, prefix, now, tz, &mut mentions);
                    body_lines.push(format!("• {b}"));
                    html.push_str("<li>");
                    html.push_str(&h);
                    html.push_str("</li>");
                }
                html.push_str("</ul>");
                after_line = false;
            }
            Block::Code(text) => {
                body_lines.push(text.clone());
                html.push_str("<pre><code>");
                html.push_str(&escape(text));
                html.push_str("</code></pre>");
                after_line = false;
            }
        }
    }
    let body = body_lines.join("\n");
    if body.chars().count() > MAX_TEXT_CHARS || html.chars().count() > MAX_TEXT_CHARS {
        // Cutting HTML could leave a tag open: send the plain text, escaped, cut so that the
        // escaped form fits too (escaping can make it five times longer), "…" only if cut.
        let mut cut = String::new();
        let (mut chars, mut html_chars) = (0usize, 0usize);
        for c in body.chars() {
            let escaped = match c {
                '&' | '\'' => 5,
                '<' | '>' | '\n' => 4,
                '"' => 6,
                _ => 1,
            };
            if chars + 1 > MAX_TEXT_CHARS - 1 || html_chars + escaped > MAX_TEXT_CHARS - 1 {
                cut.push('…');
                break;
            }
            cut.push(c);
            chars += 1;
            html_chars += escaped;
        }
        return Rendered {
            html: escape(&cut).replace('\n', "<br>"),
            body: cut,
            mentions,
        };
    }
    Rendered {
        body,
        html,
        mentions,
    }
}

fn spans_out(
    spans: &[Span],
    lang: Lang,
    prefix: &str,
    now: Timestamp,
    meeting_zone: &str,
    mentions: &mut Vec<String>,
) -> (String, String) {
    let mut b = String::new();
    let mut h = String::new();
    for span in spans {
        match span {
            Span::Text(t) => {
                b.push_str(t);
                h.push_str(&escape(t));
            }
            Span::Strong(t) => {
                b.push_str(t);
                h.push_str("<strong>");
                h.push_str(&escape(t));
                h.push_str("</strong>");
            }
            Span::User(u) => {
                b.push_str(u.as_str());
                h.push_str(&escape(u.as_str()));
            }
            Span::Name(_, name) => {
                b.push_str(name.as_str());
                h.push_str(&escape(name.as_str()));
            }
            Span::Mention(id, name) => match user_id_of(id) {
                Some(user) => {
                    b.push_str(name.as_str());
                    h.push_str("<a href=\"https://matrix.to/#/");
                    h.push_str(&escape(&url_path_escape(user)));
                    h.push_str("\">");
                    h.push_str(&escape(name.as_str()));
                    h.push_str("</a>");
                    if !mentions.iter().any(|m| m == user) {
                        mentions.push(user.to_string());
                    }
                }
                None => {
                    b.push_str(name.as_str());
                    h.push_str(&escape(name.as_str()));
                }
            },
            Span::Command(c) => {
                let full = format!("{prefix}{c}");
                b.push('`');
                b.push_str(&full);
                b.push('`');
                h.push_str("<code>");
                h.push_str(&escape(&full));
                h.push_str("</code>");
            }
            Span::Time(at, TimeStyle::Clock) => {
                let t = calendar::format_clock(*at, meeting_zone);
                b.push_str(&t);
                h.push_str(&escape(&t));
            }
            Span::Time(at, TimeStyle::ClockFrom) => {
                let t = calendar::local_time(*at, meeting_zone);
                b.push_str(&t);
                h.push_str(&escape(&t));
            }
            Span::Time(at, TimeStyle::Relative) => {
                let t = bot_core::i18n::relative(lang, *at, now);
                b.push_str(&t);
                h.push_str(&escape(&t));
            }
            // Localized before rendering: no words by key are left.
            Span::Say(_) => {}
            Span::Duration(d) => {
                let t = bot_core::i18n::duration(lang, *d);
                b.push_str(&t);
                h.push_str(&escape(&t));
            }
            Span::ZonedTime(at, tz) => {
                let t = calendar::format_zoned(*at, tz, lang);
                b.push_str(&t);
                h.push_str(&escape(&t));
            }
        }
    }
    (b, h)
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes what may not appear literally in a matrix.to link's path.
fn url_path_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"@:.-_=+/~!$,;".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use bot_core::domain::{text::say, Member, UserText};

    const NOW: Timestamp = Timestamp(1_700_000_000_000);

    #[test]
    fn mentions_are_pills_and_only_mentions_ping() {
        let ana = Member::new("matrix:@ana:localhost", "Ana");
        let ben = Member::new("matrix:@ben:localhost", "Ben");
        let m = Message::line(vec![
            say::mention(&ana),
            say::t(", you have the floor. Up next: "),
            say::name(&ben),
            say::t("."),
        ]);
        let r = render(&m, "!", NOW);
        assert_eq!(r.body, "Ana, you have the floor. Up next: Ben.");
        assert_eq!(
            r.html,
            "<a href=\"https://matrix.to/#/@ana:localhost\">Ana</a>, you have the floor. Up next: Ben."
        );
        assert_eq!(r.mentions, vec!["@ana:localhost".to_string()]);
        let c = r.content();
        assert_eq!(c["msgtype"], "m.text");
        assert_eq!(c["m.mentions"], json!({ "user_ids": ["@ana:localhost"] }));
    }

    #[test]
    fn nobody_pinged_means_an_empty_mentions_object_and_a_notice() {
        let r = render(&Message::text("Session closed."), "!", NOW);
        let c = r.content();
        assert_eq!(c["m.mentions"], json!({}));
        assert_eq!(c["msgtype"], "m.notice");
        assert_eq!(c["format"], "org.matrix.custom.html");
    }

    #[test]
    fn user_text_and_names_are_escaped() {
        let evil = Member::new(
            "matrix:@eve:localhost",
            "<a href=\"https://matrix.to/#/@room\">@room</a><b>",
        );
        let word = UserText::new("<img src=x onerror=alert(1)>&amp;", 80).unwrap();
        let m = Message::line(vec![say::name(&evil), say::t(" — "), say::user(&word)]);
        let r = render(&m, "!", NOW);
        assert!(!r.html.contains('<'), "{}", r.html);
        assert!(r
            .html
            .contains("&lt;img src=x onerror=alert(1)&gt;&amp;amp;"));
        assert!(r.mentions.is_empty());
        // A mention span with a hostile name pings only its own member.
        let m = Message::line(vec![say::mention(&evil)]);
        let r = render(&m, "!", NOW);
        assert_eq!(r.mentions, vec!["@eve:localhost".to_string()]);
        assert_eq!(r.html.matches("<a ").count(), 1);
    }

    #[test]
    fn commands_get_the_prefix_and_lists_are_lists() {
        let m = Message::line(vec![say::t("Try "), say::cmd("round start 3m")])
            .then_list(vec![vec![say::t("one")], vec![say::strong("two")]])
            .then_line(vec![say::t("end")]);
        let r = render(&m, "?", NOW);
        assert_eq!(r.body, "Try `?round start 3m`\n• one\n• two\nend");
        assert_eq!(
            r.html,
            "Try <code>?round start 3m</code><ul><li>one</li><li><strong>two</strong></li></ul>end"
        );
    }

    #[test]
    fn times_say_their_zone_and_relative_times_use_now() {
        let at = NOW.plus(bot_core::domain::Millis::mins(2));
        let m = Message::line(vec![
            say::clock(at),
            say::t(" ("),
            say::relative(at),
            say::t(")"),
        ]);
        let r = render(&m, "!", NOW);
        assert!(r.body.ends_with(" UTC (in 2 minutes)"), "{}", r.body);
        // In the meeting's zone, named by its abbreviation.
        let at = Timestamp(1_700_000_000_000); // 22:13:20 UTC
        let m = Message::line(vec![say::t("until "), say::clock(at)]);
        let r = render_in(&m, Lang::En, "!", NOW, "Europe/Berlin");
        assert_eq!(r.body, "until 23:13:20 CET");
        assert_eq!(r.html, "until 23:13:20 CET");
    }

    #[test]
    fn edits_replace_and_never_ping() {
        let ana = Member::new("matrix:@ana:localhost", "Ana");
        let r = render(&Message::line(vec![say::mention(&ana)]), "!", NOW);
        let e = r.edit_of("$orig");
        assert_eq!(e["m.relates_to"]["rel_type"], "m.replace");
        assert_eq!(e["m.relates_to"]["event_id"], "$orig");
        assert_eq!(e["m.mentions"], json!({}));
        assert_eq!(e["m.new_content"]["m.mentions"], json!({}));
        assert_eq!(e["m.new_content"]["body"], "Ana");
    }

    #[test]
    fn oversized_messages_are_cut_as_escaped_plain_text() {
        let long = "<b>".repeat(MAX_TEXT_CHARS);
        let r = render(&Message::text(long), "!", NOW);
        assert!(r.body.chars().count() <= MAX_TEXT_CHARS && r.body.ends_with("<b…"));
        assert!(!r.html.contains("<b>"));
        assert!(
            r.html.chars().count() <= MAX_TEXT_CHARS,
            "the escaped form fits too"
        );
        // Found by fuzzing: text that fits but escapes to more than the limit is not marked cut
        // when it was not, and its escaped form is bounded.
        let r = render(&Message::text("&".repeat(3_000)), "!", NOW);
        assert!(!r.body.ends_with('…'), "3,000 characters fit: nothing cut");
        assert_eq!(r.html.chars().count(), 15_000);
        let r = render(&Message::text("&".repeat(MAX_TEXT_CHARS - 10)), "!", NOW);
        assert!(r.body.ends_with('…'));
        assert!(r.html.chars().count() <= MAX_TEXT_CHARS);
    }

    #[test]
    fn member_ids_map_to_user_ids() {
        assert_eq!(user_id_of(&MemberId::new("matrix:@a:b")), Some("@a:b"));
        assert_eq!(user_id_of(&MemberId::new("discord:1")), None);
    }

    mod fuzz {
        //! The renderer under random member text (proptest stands in for cargo-fuzz on stable):
        //! whatever a member typed, the HTML holds only the renderer's own tags, no pill and no
        //! `m.mentions` entry comes from it, and the plain body keeps it as text.
        use super::*;
        use bot_core::domain::text::DisplayName;
        use bot_core::domain::{MemberId, UserText};
        use proptest::prelude::*;

        fn nasty() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("<b>bold</b>".to_string()),
                Just("<a href=\"https://matrix.to/#/@x:y\">x</a>".to_string()),
                Just("<img src=x onerror=alert(1)>".to_string()),
                Just("@room".to_string()),
                Just("&lt;script&gt;".to_string()),
                Just("\"'><".to_string()),
                "\\PC{0,40}",
                any::<String>(),
                "[<>&\"'a-z@: ]{0,3000}",
            ]
        }

        fn span() -> impl Strategy<Value = Span> {
            prop_oneof![
                nasty()
                    .prop_filter_map("empty", |s| UserText::new(&s, 4000).ok())
                    .prop_map(Span::User),
                nasty().prop_map(|s| Span::Name(
                    MemberId::new("matrix:@x:localhost"),
                    DisplayName::new(&s)
                )),
                Just(Span::Text("Welcome, ".into())),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

            #[test]
            fn member_text_never_becomes_markup_or_a_mention(lines in prop::collection::vec(prop::collection::vec(span(), 1..6), 1..10)) {
                let msg = Message { blocks: lines.into_iter().map(Block::Line).collect() };
                let r = render(&msg, "!", Timestamp(0));
                prop_assert!(r.mentions.is_empty(), "nobody is pinged");
                let mut html = r.html.clone();
                for tag in ["<br>", "<ul>", "</ul>", "<li>", "</li>", "<strong>", "</strong>", "<code>", "</code>"] {
                    html = html.replace(tag, "");
                }
                prop_assert!(!html.contains('<') && !html.contains('>'), "markup from member text in {:?}", r.html);
                prop_assert!(r.body.chars().count() <= MAX_TEXT_CHARS);
            }
        }
    }
}
