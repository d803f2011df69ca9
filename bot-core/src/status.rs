//! The live status message's words: one function from a session's `StatusView` to a `Message`,
//! shaped by what the platform showing it can do (`StatusForm`), and the words once it closed.
//! Both come out already in the reader's language: fitting the platform's limit measures the
//! words as they will be shown.

use crate::domain::agenda::{AgendaView, EntryState};
use crate::domain::text::say;
use crate::domain::{
    Block, Lang, Message, RollEntry, RoundView, Span, StatusView, TurnWhen, UserText,
};
use crate::{i18n, say};

/// What the platform that shows the status message can do, as far as the words depend on it.
#[derive(Clone, Copy, Debug)]
pub struct StatusForm {
    /// An edited message keeps what it replaced readable (Matrix's `m.replace`). Then the roll
    /// shows only a count: check-in words must be gone from every message once the session
    /// closes, and the last edit cannot take them out of the history. Where an edit keeps no
    /// visible history (Discord), the roll shows names and words, rewritten at the close.
    pub edits_keep_history: bool,
    /// The platform keeps relative times live for each reader (Discord's `<t:UNIX:R>`). Without
    /// it the message says nothing relative: it is not edited as time passes, so "in 3 minutes"
    /// would go stale.
    pub live_times: bool,
    /// A ✋ reaction on the message raises a hand (Matrix; Discord has buttons instead).
    pub hand_by_reaction: bool,
    /// Most entries listed per list (the round's turns, the queue).
    pub max_listed: usize,
    /// Most characters the platform takes in one message.
    pub max_chars: usize,
    /// How many characters the platform renders spans as; rendering span by span, so the
    /// length of two runs of spans is the sum of their lengths.
    pub measure: fn(&[Span]) -> usize,
}

/// Most characters the roll of check-ins with their words takes.
pub const ROLL_MAX: usize = 600;

/// Most characters of one feeling word shown on the roll.
pub const WORD_MAX: usize = 40;

/// Room kept for the platform's own cuts: the message's lines stay within `max_chars` less this.
const SLACK: usize = 100;

/// The status message for an open session: its name and start, the round's plan (absolute
/// times, so it stays true as the round moves on by itself), the queue and the roll; in `lang`.
pub fn status_message(view: &StatusView, form: &StatusForm, lang: Lang) -> Message {
    let open = say::strong_say(say!("status-session-open"));
    let since = say::clock(view.opened_at);
    let head = match &view.name {
        Some(n) => say!(
            "status-head-named",
            open = open,
            name = say::user(n),
            since = since
        ),
        None => say!("status-head", open = open, since = since),
    };
    let mut m = Lines::new(form, lang);
    m.line(vec![say::t("🟢 "), head]);
    if let Some(voice) = &view.voice {
        m.line(voice.clone());
    }
    if let Some(agenda) = &view.agenda {
        m.line(agenda_line(agenda));
    }
    let budget = form.max_chars.saturating_sub(SLACK);
    match &view.round {
        Some(round) => plan(&mut m, round, budget * 2 / 3),
        None => m.line(vec![say!("status-no-round")]),
    }
    let roll = roll(&view.checkins, form, lang, ROLL_MAX.min(budget / 3));
    let roll_chars = m.measure(&roll) + 1;
    queue(&mut m, view, budget.saturating_sub(roll_chars));
    m.line(roll);
    if form.hand_by_reaction {
        m.line(vec![say!("status-react-for-hand", hand = say::cmd("hand"))]);
    }
    m.message
}

/// What the status message says once the session closed, in `lang`.
pub fn closed_message(lang: Lang) -> Message {
    let closed = say::strong_say(say!("status-session-closed"));
    let line = Message::line(vec![say::t("⚪ "), say!("status-closed", closed = closed)]);
    i18n::localize(&line, lang)
}

/// Spans in `lang`: the bot's words and durations become the text they show.
fn localized(spans: Vec<Span>, lang: Lang) -> Vec<Span> {
    match i18n::localize(&Message::line(spans), lang).blocks.pop() {
        Some(Block::Line(spans)) => spans,
        _ => vec![],
    }
}

/// A message being built, with the characters it takes so far.
struct Lines<'a> {
    form: &'a StatusForm,
    lang: Lang,
    message: Message,
    used: usize,
    /// The list being built, if the last block is one.
    list: Option<Vec<Vec<Span>>>,
}

impl<'a> Lines<'a> {
    fn new(form: &'a StatusForm, lang: Lang) -> Self {
        Lines {
            form,
            lang,
            message: Message::default(),
            used: 0,
            list: None,
        }
    }

    fn measure(&self, spans: &[Span]) -> usize {
        (self.form.measure)(spans)
    }

    fn flush(&mut self) {
        if let Some(items) = self.list.take() {
            self.message = std::mem::take(&mut self.message).then_list(items);
        }
    }

    fn line(&mut self, spans: Vec<Span>) {
        let spans = localized(spans, self.lang);
        self.flush();
        self.used += self.measure(&spans) + 1;
        self.message = std::mem::take(&mut self.message).then_line(spans);
    }

    /// Adds a list item if it fits in `budget` characters in all (with its line break).
    fn item_within(&mut self, spans: Vec<Span>, budget: usize) -> bool {
        let spans = localized(spans, self.lang);
        let n = self.measure(&spans) + 1;
        if self.used + n > budget {
            return false;
        }
        self.used += n;
        self.list.get_or_insert_with(Vec::new).push(spans);
        true
    }

    /// Adds a list item whatever its length.
    fn item(&mut self, spans: Vec<Span>) {
        let spans = localized(spans, self.lang);
        self.used += self.measure(&spans) + 1;
        self.list.get_or_insert_with(Vec::new).push(spans);
    }

    /// Adds `items` in order while they fit in `budget` characters and the platform's count;
    /// the first that does not becomes `more(how many are left)`.
    fn list_within(
        &mut self,
        items: impl ExactSizeIterator<Item = Vec<Span>>,
        budget: usize,
        more: impl Fn(usize) -> Vec<Span>,
    ) {
        self.flush();
        let total = items.len();
        for (i, item) in items.enumerate() {
            if i >= self.form.max_listed || !self.item_within(item, budget) {
                self.item(more(total - i));
                break;
            }
        }
        self.flush();
    }
}

/// Where the meeting is in its agenda: the part under way with its times, and the next part.
fn agenda_line(agenda: &AgendaView) -> Vec<Span> {
    let entries = &agenda.entries;
    let Some(now) = entries.iter().find(|e| e.state == EntryState::Now) else {
        return vec![say::t("📋 "), say::strong_say(say!("agenda-over-short"))];
    };
    let mut l = vec![
        say::t("📋 "),
        say::strong_say(say!(
            "agenda-part-heading",
            n = now.number,
            total = entries.len()
        )),
        say::t(" "),
        say::user(&now.title),
    ];
    if let (Some(s), Some(e)) = (now.starts_at, now.ends_at) {
        l.extend([
            say::t(" · "),
            say!(
                "status-part-times",
                from = say::clock_from(s),
                to = say::clock(e),
                about = now.about
            ),
        ]);
    }
    let next = entries
        .iter()
        .find(|e| e.number > now.number && e.state == EntryState::ToCome);
    if let Some(n) = next {
        l.extend([
            say::t(" · "),
            say!("status-next-part", title = say::user(&n.title)),
        ]);
    }
    l
}

/// The round's plan: a headline, then one item per turn, within `budget` characters in all.
fn plan(m: &mut Lines, round: &RoundView, budget: usize) {
    let each = say::dur(round.share_time);
    let head = if round.paused {
        let paused = say::strong_say(say!("status-round-paused"));
        vec![
            say::t("⏸️ "),
            say!(
                "status-round-head",
                round = paused,
                each = each,
                how = "paused"
            ),
        ]
    } else {
        let running = say::strong_say(say!("round-share-round"));
        let how = if round.auto_advance { "auto" } else { "host" };
        vec![
            say::t("🔁 "),
            say!("status-round-head", round = running, each = each, how = how),
        ]
    };
    m.line(head);
    if round.turns.is_empty() {
        m.line(vec![say!("status-nobody-waiting")]);
        return;
    }
    let live = m.form.live_times;
    let turns = round.turns.iter().enumerate().map(|(i, turn)| {
        let (n, name) = (i + 1, say::name(&turn.member));
        vec![match turn.when {
            TurnWhen::Planned { starts_at, ends_at } if live => say!(
                "status-turn-live",
                n = n,
                name = name,
                from = say::clock_from(starts_at),
                to = say::clock(ends_at),
                relative = say::relative(starts_at)
            ),
            TurnWhen::Planned { starts_at, ends_at } => say!(
                "status-turn",
                n = n,
                name = name,
                from = say::clock_from(starts_at),
                to = say::clock(ends_at)
            ),
            TurnWhen::Paused => say!("status-turn-paused", n = n, name = name),
            TurnWhen::TimeUp => say!("status-turn-time-up", n = n, name = name),
            TurnWhen::Unplanned => say!("status-turn-unplanned", n = n, name = name),
        }]
    });
    m.list_within(turns, budget, |left| vec![say!("status-more", n = left)]);
}

/// The queue: a headline, then one item per raised hand, within `budget` characters in all.
fn queue(m: &mut Lines, view: &StatusView, budget: usize) {
    let closed = view.queue_closed;
    if view.queue.is_empty() {
        m.line(vec![
            say::t("✋ "),
            say!(
                "status-queue-empty",
                queue = say::strong_say(say!("status-queue-empty-heading")),
                closed = closed
            ),
        ]);
        return;
    }
    m.line(vec![
        say::t("✋ "),
        say!(
            "status-queue",
            queue = say::strong_say(say!("status-queue-heading")),
            n = view.queue.len(),
            closed = closed
        ),
    ]);
    let live = m.form.live_times;
    let hands = view.queue.iter().enumerate().map(|(i, (member, raised))| {
        let (n, name) = (i + 1, say::name(member));
        vec![if live {
            say!(
                "status-hand-live",
                n = n,
                name = name,
                raised = say::relative(*raised)
            )
        } else {
            say!(
                "status-hand",
                n = n,
                name = name,
                raised = say::clock(*raised)
            )
        }]
    });
    m.list_within(hands, budget, |left| {
        vec![say!(
            "status-more-hands",
            n = left,
            queue = say::cmd("queue")
        )]
    });
}

/// Who checked in. Where edits keep their history, a count (see [`StatusForm`]); else the
/// names with their feeling words, in at most `max` characters ("… and N more" past it).
fn roll(roll: &[RollEntry], form: &StatusForm, lang: Lang, max: usize) -> Vec<Span> {
    if form.edits_keep_history {
        return vec![say::t("👥 "), say!("status-roll-count", n = roll.len())];
    }
    if roll.is_empty() {
        return vec![say::t("👥 "), say!("status-roll-nobody")];
    }
    let measure = form.measure;
    let mut line = localized(
        vec![
            say::t("👥 "),
            say!(
                "status-roll",
                checked_in = say::strong_say(say!("status-roll-heading")),
                n = roll.len()
            ),
            say::t(" "),
        ],
        lang,
    );
    let mut used = measure(&line);
    for (i, c) in roll.iter().enumerate() {
        let name = say::name(&c.member);
        let entry = if c.listening {
            localized(vec![say!("status-roll-listening", name = name)], lang)
        } else if let Some(w) = &c.word {
            vec![name, say::t(" — *"), say::user(&shortened(w)), say::t("*")]
        } else {
            vec![name]
        };
        let sep = if i == 0 { vec![] } else { vec![say::t(" · ")] };
        let more = localized(
            vec![say::t(" · "), say!("status-more", n = roll.len() - i)],
            lang,
        );
        let room = max.saturating_sub(measure(&more));
        let n = measure(&sep) + measure(&entry);
        if used + n > room && i + 1 < roll.len() {
            line.extend(more);
            return line;
        }
        used += n;
        line.extend(sep);
        line.extend(entry);
    }
    line
}

/// A feeling word cut to [`WORD_MAX`] characters ("…" if cut).
fn shortened(word: &UserText) -> UserText {
    if word.as_str().chars().count() <= WORD_MAX {
        return word.clone();
    }
    let cut: String = word.as_str().chars().take(WORD_MAX).collect();
    UserText::new(&format!("{cut}…"), WORD_MAX + 1).unwrap_or_else(|_| word.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Member, Millis, PlannedTurn, Timestamp};
    use crate::render::plain;

    fn chars(spans: &[Span]) -> usize {
        plain(&Message::line(spans.to_vec())).chars().count()
    }

    fn form(edits_keep_history: bool) -> StatusForm {
        StatusForm {
            edits_keep_history,
            live_times: !edits_keep_history,
            hand_by_reaction: edits_keep_history,
            max_listed: if edits_keep_history { 25 } else { usize::MAX },
            max_chars: 2000,
            measure: chars,
        }
    }

    fn view(people: usize) -> StatusView {
        let member = |i: usize| Member::new(format!("p:{i}"), &format!("M{i}"));
        StatusView {
            name: None,
            opened_at: Timestamp(0),
            round: Some(RoundView {
                share_time: Millis::mins(3),
                auto_advance: true,
                paused: false,
                turns: (0..people)
                    .map(|i| PlannedTurn {
                        member: member(i),
                        when: TurnWhen::Planned {
                            starts_at: Timestamp(i as i64 * 190_000),
                            ends_at: Timestamp(i as i64 * 190_000 + 180_000),
                        },
                    })
                    .collect(),
            }),
            queue: (0..people).map(|i| (member(i), Timestamp(0))).collect(),
            queue_closed: false,
            checkins: (0..people)
                .map(|i| RollEntry {
                    member: member(i),
                    word: Some(UserText::new(&"w".repeat(64), 64).unwrap()),
                    listening: false,
                })
                .collect(),
            agenda: None,
            voice: None,
        }
    }

    #[test]
    fn feeling_words_show_only_where_edits_keep_no_history() {
        let v = view(2);
        let kept = plain(&status_message(&v, &form(true), Lang::En));
        assert!(!kept.contains("www"), "{kept}");
        assert!(kept.contains("👥 Checked in: 2"), "{kept}");
        let rewritten = plain(&status_message(&v, &form(false), Lang::En));
        assert!(
            rewritten.contains(&format!("M0 — *{}…*", "w".repeat(WORD_MAX))),
            "{rewritten}"
        );
    }

    #[test]
    fn relative_times_only_where_the_platform_keeps_them_live() {
        let relative = |m: &Message| {
            m.blocks.iter().any(|b| match b {
                crate::domain::Block::Line(s) => s.iter().any(is_relative),
                crate::domain::Block::List(items) => items.iter().flatten().any(is_relative),
                crate::domain::Block::Code(_) => false,
            })
        };
        fn is_relative(s: &Span) -> bool {
            matches!(s, Span::Time(_, crate::domain::TimeStyle::Relative))
        }
        assert!(!relative(&status_message(&view(3), &form(true), Lang::En)));
        assert!(relative(&status_message(&view(3), &form(false), Lang::En)));
    }

    #[test]
    fn long_lists_are_cut_by_count_and_by_length_and_name_nobody() {
        let m = status_message(&view(200), &form(true), Lang::En);
        assert!(m.mentions().is_empty());
        let text = plain(&m);
        assert!(text.contains("  • … and 175 more\n"), "{text}");
        assert!(text.contains("  • … and 175 more: `queue`\n"), "{text}");
        // Each line as the platform measures it, a list's items as lines of their own.
        let m = status_message(&view(200), &form(false), Lang::En);
        let lines: Vec<String> = (m.blocks.iter())
            .flat_map(|b| match b {
                crate::domain::Block::Line(s) => vec![s.clone()],
                crate::domain::Block::List(items) => items.clone(),
                crate::domain::Block::Code(_) => vec![],
            })
            .map(|s| plain(&Message::line(s)))
            .collect();
        let text = lines.join("\n");
        assert!(text.chars().count() <= 2000, "{}", text.chars().count());
        assert!(text.contains(" more\n✋ Queue (200):"), "{text}");
        assert!(text.ends_with(" more"), "the roll is cut too: {text}");
    }
}
