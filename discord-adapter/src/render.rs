//! Core messages as Discord content: member text escaped and bounded, pings only for `Mention`
//! spans (and `allowed_mentions` saying exactly that), `<t:UNIX:…>` times, commands in `/` form,
//! and content split into pieces of at most 2000 characters.

use bot_core::domain::{Block, Lang, MemberId, Message, Span, TimeStyle, Timestamp};
use serenity::all::CreateAllowedMentions;

use crate::commands::slash_form_in;

/// Discord's limit on message content, in characters.
pub const CONTENT_MAX: usize = 2000;
/// The longest piece of member text shown in one span (the core bounds it too).
pub const USER_TEXT_MAX: usize = 1500;
/// The longest display name shown.
pub const NAME_MAX: usize = 64;

const ZWSP: char = '\u{200B}';

/// One Discord message's worth of content and who it may ping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub content: String,
    /// User ids of the `Mention` spans in this piece: the only pings allowed.
    pub users: Vec<u64>,
}

impl Piece {
    /// `allowed_mentions`: no `@everyone`, no roles, no users but the called ones.
    pub fn allowed_mentions(&self) -> CreateAllowedMentions {
        allowed_mentions(&self.users)
    }
}

/// `{"parse": [], "users": [...], "roles": []}`.
pub fn allowed_mentions(users: &[u64]) -> CreateAllowedMentions {
    CreateAllowedMentions::new()
        .users(users.iter().map(|u| serenity::all::UserId::new(*u)))
        .replied_user(false)
}

/// The Discord user id of a member id `discord:123`.
pub fn user_id(member: &MemberId) -> Option<u64> {
    member
        .as_str()
        .strip_prefix("discord:")
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|n| *n > 0)
}

/// Member-typed text, made inert: markdown characters escaped, `@` and `<` followed by a
/// zero-width space (so `@everyone`, `<@…>`, `<@&…>`, `<#…>`, `<t:…>` never form), line breaks
/// and invisible controls removed, cut to `max` characters.
pub fn escape_user(text: &str, max: usize) -> String {
    // One pass over what is kept (and one character more, to know whether it was cut).
    let mut clean = bot_core::domain::text::sanitized(text);
    let mut out = String::with_capacity(text.len().min(4 * max) + 8);
    for c in clean.by_ref().take(max) {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '-' | '[' | ']' | '(' | ')' => {
                out.push('\\');
                out.push(c);
            }
            '@' | '<' | '＠' | '﹫' => {
                out.push(c);
                out.push(ZWSP);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if clean.next().is_some() {
        out.push('…');
    }
    out
}

/// The bot's own words: markdown kept, but mention syntax defused all the same (core text can
/// quote what a member typed, e.g. in a parse error).
pub fn defuse(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        out.push(c);
        if matches!(c, '@' | '<' | '＠' | '﹫') {
            out.push(ZWSP);
        }
    }
    out
}

/// Unix seconds of a timestamp.
pub fn unix(at: Timestamp) -> i64 {
    at.0.div_euclid(1000)
}

/// A span as Discord markdown, in English. Mentions ping only through `allowed_mentions`,
/// which lists them.
pub fn span(s: &Span) -> String {
    span_in(s, Lang::En)
}

/// A span as Discord markdown for a reader of `lang`: a command is shown with its slash names in
/// that language (`/ronda empezar`), as the reader's Discord app lists it.
pub fn span_in(s: &Span, lang: Lang) -> String {
    #[allow(unreachable_patterns)]
    match s {
        Span::Text(t) => defuse(t),
        // Markdown closes `**` only right after a word: the space around strong words stays
        // outside the stars (`**Part 1 of 9:** Welcome`).
        Span::Strong(t) => {
            let lead = if t.starts_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            let trail = if t.ends_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            let inner = escape_user(t.trim(), USER_TEXT_MAX);
            if inner.is_empty() {
                // Nothing to make strong: `****` would show as stars.
                return format!("{lead}{trail}");
            }
            format!("{lead}**{inner}**{trail}")
        }
        Span::User(u) => escape_user(u.as_str(), USER_TEXT_MAX),
        Span::Name(_, n) => escape_user(n.as_str(), NAME_MAX),
        Span::Mention(id, n) => match user_id(id) {
            Some(uid) => format!("<@{uid}>"),
            None => escape_user(n.as_str(), NAME_MAX),
        },
        Span::Command(c) => {
            let form: String = slash_form_in(c, lang)
                .chars()
                .filter(|c| *c != '`')
                .collect();
            format!("`{}`", defuse(&form))
        }
        Span::Time(at, TimeStyle::Clock | TimeStyle::ClockFrom) => format!("<t:{}:t>", unix(*at)),
        Span::Time(at, TimeStyle::Relative) => format!("<t:{}:R>", unix(*at)),
        Span::Duration(d) => d.spoken(),
        // Localized before rendering: no words by key are left.
        Span::Say(_) => String::new(),
        Span::ZonedTime(at, _) => format!("<t:{}:F>", unix(*at)),
        other => escape_user(
            &bot_core::render::plain(&Message::line(vec![other.clone()])),
            USER_TEXT_MAX,
        ),
    }
}

fn spans(list: &[Span], lang: Lang) -> String {
    list.iter().map(|s| span_in(s, lang)).collect()
}

/// A document as fenced code blocks, each at most [`CONTENT_MAX`] characters with its fences, cut
/// at line breaks; a fence inside the text is broken with a zero-width space so it cannot end the
/// block.
fn code_pieces(text: &str) -> Vec<String> {
    const FENCES: usize = "```\n\n```".len();
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.replace("```", "`\u{200B}``").chars() {
        safe.push(c);
        // Nothing in a code block forms a mention, but a mention character stays defused
        // everywhere the bot writes member text (an import drops the zero-width space again).
        if matches!(c, '@' | '<' | '＠' | '﹫') {
            safe.push(ZWSP);
        }
    }
    split(
        safe.lines().map(str::to_string).collect(),
        CONTENT_MAX - FENCES,
    )
    .into_iter()
    .map(|piece| format!("```\n{piece}\n```"))
    .collect()
}

/// The message as lines of Discord markdown for a reader of `lang` (a list item per line).
pub fn lines(msg: &Message, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for b in &msg.blocks {
        #[allow(unreachable_patterns)]
        match b {
            Block::Line(s) => out.push(spans(s, lang)),
            Block::List(items) => out.extend(items.iter().map(|i| format!("- {}", spans(i, lang)))),
            Block::Code(text) => out.extend(code_pieces(text)),
            _ => {}
        }
    }
    out
}

/// The longest token of the bot's own in a line: `<@18446744073709551615>` (23 characters) or a
/// time `<t:-9223372036854776:F>`.
const TOKEN_MAX: usize = 26;

/// Where to cut an overlong line (as characters) so that the head and `…` fit in `max`
/// characters: at a space in the second half if there is one, and never inside an escape (`\x`)
/// pair, between a character and its zero-width space, or inside one of the bot's own `<@id>` /
/// `<t:…>` tokens (a cut ping is lost and shows as `@…>`). Always at least one character.
fn cut_point(chars: &[char], max: usize) -> usize {
    let mut end = max.saturating_sub(1).min(chars.len());
    if let Some(sp) = chars[..end].iter().rposition(|c| *c == ' ') {
        if sp > max / 2 {
            end = sp;
        }
    }
    // A `<` that member text or the bot's words hold is followed by a zero-width space; any other
    // `<` opens one of the bot's tokens. If the last one before the cut closes after it, cut
    // before it (or, at the very start of the line, after the whole token).
    let from = end.saturating_sub(TOKEN_MAX);
    if let Some(open) = chars[from..end]
        .iter()
        .rposition(|c| *c == '<')
        .map(|i| from + i)
    {
        let live = chars.get(open + 1) != Some(&ZWSP);
        let closed = chars[open..end].contains(&'>');
        if live && !closed {
            end = if open > 0 {
                open
            } else {
                chars
                    .iter()
                    .position(|c| *c == '>')
                    .map_or(end, |close| close + 1)
            };
        }
    }
    // A few steps back at most: a long run of escaped backslashes (`\\\\…`) is cut between two
    // pairs, never walked to its start.
    let wanted = end;
    for _ in 0..4 {
        let run = chars[..end]
            .iter()
            .rev()
            .take_while(|c| **c == '\\')
            .count();
        if run % 2 == 1 || (end > 0 && chars.get(end) == Some(&ZWSP)) {
            end -= 1;
        } else {
            break;
        }
    }
    if end == 0 {
        // Nothing safe to cut before: cut where asked, so the line always gets shorter.
        end = wanted.max(1);
    }
    end
}

/// An overlong line as lines of at most `max` characters, each cut one ending in `…`; the rest
/// of a cut line starts at its next non-space character. Linear in the line's length.
fn cut_line(line: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut rest = &chars[..];
    while rest.len() > max {
        let end = cut_point(rest, max);
        out.push(rest[..end].iter().collect::<String>() + "…");
        rest = &rest[end..];
        let blank = rest.iter().take_while(|c| c.is_whitespace()).count();
        rest = &rest[blank..];
    }
    if !rest.is_empty() {
        out.push(rest.iter().collect());
    }
    out
}

/// Splits lines into pieces of at most `max` characters, at line breaks where possible.
pub fn split(lines: Vec<String>, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0usize;
    let mut queue: std::collections::VecDeque<String> = lines.into();
    while let Some(line) = queue.pop_front() {
        let n = line.chars().count();
        if n > max {
            for part in cut_line(&line, max).into_iter().rev() {
                queue.push_front(part);
            }
            continue;
        }
        let extra = if cur.is_empty() { n } else { n + 1 };
        if cur_len + extra > max {
            pieces.push(std::mem::take(&mut cur));
            cur_len = 0;
        }
        if !cur.is_empty() {
            cur.push('\n');
            cur_len += 1;
        }
        cur.push_str(&line);
        cur_len += n;
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

/// A message without its documents (`Block::Code`), and the documents' text (joined by blank
/// lines when there are several): what goes out as a file rather than in fenced pieces.
pub fn split_document(msg: &Message) -> (Message, Option<String>) {
    let mut rest = Vec::with_capacity(msg.blocks.len());
    let mut docs: Vec<&str> = Vec::new();
    for b in &msg.blocks {
        match b {
            Block::Code(text) => docs.push(text),
            other => rest.push(other.clone()),
        }
    }
    let doc = (!docs.is_empty()).then(|| docs.join("\n\n"));
    (Message { blocks: rest }, doc)
}

/// A core message as Discord messages in `lang`: content pieces of at most 2000 characters,
/// each with exactly the pings its own `Mention` spans call for.
pub fn render(msg: &Message, lang: Lang) -> Vec<Piece> {
    let msg = &bot_core::i18n::localize(msg, lang);
    // One entry per Discord user, even when two member ids name the same one.
    let mut mentioned: Vec<u64> = Vec::new();
    for uid in msg.mentions().iter().filter_map(user_id) {
        if !mentioned.contains(&uid) {
            mentioned.push(uid);
        }
    }
    let pieces = split(lines(msg, lang), CONTENT_MAX);
    let pieces = if pieces.is_empty() {
        vec!["…".to_string()]
    } else {
        pieces
    };
    pieces
        .into_iter()
        .map(|content| {
            let users = mentioned
                .iter()
                .copied()
                .filter(|u| content.contains(&format!("<@{u}>")))
                .collect();
            Piece { content, users }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bot_core::domain::text::say;
    use bot_core::domain::{Member, Millis, UserText};

    #[test]
    fn commands_show_their_slash_names_in_the_reader_s_language() {
        let m = Message::line(vec![say::t("→ "), say::cmd("round start")]);
        assert_eq!(render(&m, Lang::En)[0].content, "→ `/round start`");
        assert_eq!(render(&m, Lang::Es)[0].content, "→ `/ronda empezar`");
        assert_eq!(render(&m, Lang::De)[0].content, "→ `/runde starten`");
    }

    #[test]
    fn member_text_cannot_ping_or_format() {
        let s = escape_user("@everyone <@&123> <@456> <#789> **x** @here", 200);
        assert!(!s.contains("@everyone") && !s.contains("@here"));
        assert!(!s.contains("<@") && !s.contains("<#"));
        assert!(s.contains("\\*\\*x\\*\\*"));
        let long = escape_user(&"y".repeat(3000), 40);
        assert_eq!(long.chars().count(), 41);
    }

    #[test]
    fn only_mentions_ping() {
        let a = Member::new("discord:11", "@everyone");
        let b = Member::new("discord:22", "Bo");
        let m = Message::line(vec![
            say::mention(&b),
            say::t(" then "),
            say::name(&a),
            say::t(" "),
            say::user(&UserText::new("<@&5> @here", 40).unwrap()),
        ]);
        let out = render(&m, Lang::En);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].users, vec![22]);
        assert!(out[0].content.starts_with("<@22> then @\u{200B}everyone"));
        assert!(!out[0].content.contains("<@&"));
    }

    #[test]
    fn times_durations_and_commands() {
        let m = Message::line(vec![
            say::relative(Timestamp(90_500)),
            say::t(" "),
            say::clock(Timestamp(90_000)),
            say::t(" "),
            say::dur(Millis(90_000)),
            say::t(" "),
            say::cmd("hand"),
        ]);
        assert_eq!(
            render(&m, Lang::En)[0].content,
            "<t:90:R> <t:90:t> 1 minute 30 seconds `/hand up`"
        );
    }

    #[test]
    fn a_long_document_goes_out_in_fenced_pieces_that_no_text_can_break() {
        let doc = format!(
            "name = \"@everyone ```\"\n{}",
            "text = \"a line\"\n".repeat(300)
        );
        let out = render(
            &Message {
                blocks: vec![Block::Code(doc)],
            },
            Lang::En,
        );
        assert!(out.len() >= 3, "{} pieces", out.len());
        for p in &out {
            assert!(p.content.chars().count() <= CONTENT_MAX);
            assert!(p.content.starts_with("```\n") && p.content.ends_with("\n```"));
            assert_eq!(p.content.matches("```").count(), 2, "{}", p.content);
            assert!(p.users.is_empty());
        }
        assert!(out[0].content.contains("@\u{200B}everyone"));
    }

    #[test]
    fn a_document_comes_apart_from_the_lines_before_it() {
        let msg = Message {
            blocks: vec![
                Block::Line(vec![say::t("Here it is:")]),
                Block::Code("name = \"x\"".into()),
            ],
        };
        let (rest, doc) = split_document(&msg);
        assert_eq!(doc.as_deref(), Some("name = \"x\""));
        assert_eq!(render(&rest, Lang::En)[0].content, "Here it is:");
        assert_eq!(split_document(&rest).1, None);
    }

    #[test]
    fn space_around_strong_words_stays_outside_the_stars() {
        let m = Message::line(vec![
            say::strong("Part 1 of 9: "),
            say::t("Welcome"),
            say::strong(" (now)"),
        ]);
        assert_eq!(
            render(&m, Lang::En)[0].content,
            "**Part 1 of 9:** Welcome **\\(now\\)**"
        );
    }

    #[test]
    fn long_messages_split_within_the_limit() {
        let items: Vec<Vec<Span>> = (0..200)
            .map(|i| vec![say::t(format!("entry number {i} with some words"))])
            .collect();
        let m = Message::text("List:").then_list(items);
        let out = render(&m, Lang::En);
        assert!(out.len() > 1);
        assert!(out.iter().all(|p| p.content.chars().count() <= CONTENT_MAX));
        let one_line = Message::text("z ".repeat(3000));
        let out = render(&one_line, Lang::En);
        assert!(out.iter().all(|p| p.content.chars().count() <= CONTENT_MAX));
    }

    #[test]
    fn a_long_run_of_backslashes_is_split_and_kept_whole() {
        // Found by fuzzing: escaping doubles 1,088 backslashes into a run longer than a message,
        // and the cut used to walk back to the run's start and never shorten the line.
        let text = UserText::new(&"\\".repeat(1088), 1500).unwrap();
        let m = Message::line(vec![say::user(&text)]);
        let out = render(&m, Lang::En);
        assert!(out.iter().all(|p| p.content.chars().count() <= CONTENT_MAX));
        let backslashes: usize = out
            .iter()
            .map(|p| p.content.chars().filter(|c| *c == '\\').count())
            .sum();
        assert_eq!(backslashes, 2 * 1088, "each escaped as a pair, none lost");
        for p in &out {
            let body = p.content.trim_end_matches('…');
            let run = body.chars().rev().take_while(|c| *c == '\\').count();
            assert_eq!(run % 2, 0, "no piece ends inside an escape pair");
        }
    }

    #[test]
    fn a_long_line_is_never_cut_inside_a_ping_or_a_time() {
        // Found by fuzzing: a line far over the limit was cut inside the called member's `<@id>`,
        // so one piece ended `<` and the next began `@8387388340795288969>`: the ping was lost.
        let called = Member::new("discord:8387388340795288969", "Ana");
        let ping = "<@8387388340795288969>";
        let at = Timestamp(1_700_000_000_000);
        let time = format!("<t:{}:t>", unix(at));
        let x = |n: usize| say::user(&UserText::new(&"x".repeat(n), 4000).unwrap());
        for filler in 1960..2010 {
            for (token, span) in [
                (ping, say::mention(&called)),
                (&time, Span::Time(at, TimeStyle::Clock)),
            ] {
                // The token starts at character `filler`, around the cut at 1999.
                let m = Message::line(vec![x(1500), x(filler - 1500), span, x(1500)]);
                let out = render(&m, Lang::En);
                let whole = out.iter().filter(|p| p.content.contains(token)).count();
                assert_eq!(whole, 1, "filler {filler}: {token} whole in one piece");
                for p in &out {
                    assert!(p.content.chars().count() <= CONTENT_MAX);
                    let pinged = p.content.contains(ping);
                    assert_eq!(
                        p.users,
                        if pinged {
                            vec![8387388340795288969]
                        } else {
                            vec![]
                        }
                    );
                    let body = p.content.trim_end_matches('…');
                    assert!(
                        !body.ends_with('<'),
                        "filler {filler}: a piece ends in {body:?}"
                    );
                    assert!(
                        !p.content.starts_with('@') && !p.content.starts_with("t:"),
                        "filler {filler}: a piece starts with the rest of a token"
                    );
                }
            }
        }
    }

    #[test]
    fn a_line_of_pings_is_cut_between_them() {
        let members: Vec<Member> = (1..=200u64)
            .map(|i| Member::new(format!("discord:{}", 10_000_000_000_000_000 + i), "M"))
            .collect();
        let m = Message::line(members.iter().map(say::mention).collect());
        let out = render(&m, Lang::En);
        assert!(out.len() > 1);
        let pinged: usize = out.iter().map(|p| p.users.len()).sum();
        assert_eq!(pinged, 200, "every called member pinged once");
        assert!(out.iter().all(|p| p.content.chars().count() <= CONTENT_MAX));
    }

    mod fuzz {
        //! The renderer under random member text (proptest stands in for cargo-fuzz on stable):
        //! nothing a member typed becomes a live mention, a timestamp or a role ping, and every
        //! piece fits Discord's limit.
        use super::*;
        use bot_core::domain::text::DisplayName;
        use bot_core::domain::{Block, MemberId, UserText};
        use proptest::prelude::*;

        fn nasty() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("@everyone".to_string()),
                Just("@here".to_string()),
                Just("<@123456789012345678>".to_string()),
                Just("<@&42>".to_string()),
                Just("<#42>".to_string()),
                Just("<t:0:R>".to_string()),
                Just("＠everyone".to_string()),
                Just("**bold** __u__ `code` > quote".to_string()),
                "\\PC{0,40}",
                any::<String>(),
                "[@<>*_`|~#a-z ]{0,3000}",
            ]
        }

        fn span() -> impl Strategy<Value = Span> {
            prop_oneof![
                nasty()
                    .prop_filter_map("empty", |s| UserText::new(&s, 4000).ok())
                    .prop_map(Span::User),
                nasty().prop_map(|s| Span::Name(MemberId::new("discord:99"), DisplayName::new(&s))),
                Just(Span::Text("Welcome, ".into())),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

            #[test]
            fn member_text_never_pings_or_overflows(lines in prop::collection::vec(prop::collection::vec(span(), 1..6), 1..12)) {
                let msg = Message { blocks: lines.into_iter().map(Block::Line).collect() };
                for piece in render(&msg, Lang::En) {
                    prop_assert!(piece.content.chars().count() <= CONTENT_MAX);
                    prop_assert!(piece.users.is_empty(), "nobody is called");
                    for live in ["@everyone", "@here", "<@", "<#", "<t:", "＠everyone"] {
                        prop_assert!(!piece.content.contains(live), "{live:?} is live in {:?}", piece.content);
                    }
                }
            }
        }
    }
}
