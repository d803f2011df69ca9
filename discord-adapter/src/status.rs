//! The live status message: one message per place, posted when a session opens and edited when an
//! action changes it (the round's plan with `<t:UNIX:t>`/`<t:UNIX:R>` times, the queue with hand
//! age, the check-in count) — never by the clock alone — with the
//! ✋ Raise hand / Lower hand / ✅ Done / ⏭ Pass buttons. Edits for a place are serialised and
//! coalesced: only the newest view (by the version of the state it shows) is sent; a command's
//! view is shown as the engine returned it. The message's id is kept in the database (the store's
//! `status_messages`), so after a restart or a takeover the next change edits the message members
//! already see; a message left from an earlier session is closed before a new one is posted. While
//! the database cannot say where the message is, nothing is posted (the next change tries again).
//! A status post carries a nonce derived from the place and the session (with `enforce_nonce`),
//! so a retry after Discord created the message but its answer was lost gets the first message
//! back instead of a second one; edits and the closing edit are idempotent by themselves.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use bot_core::domain::{Command, PlaceId, RollEntry, RoundView, StatusView, Timestamp, TurnWhen};
use bot_core::engine::{Engine, LiveStatus};
use bot_core::store::StatusMessage;
use bot_core::telemetry::{self, DeliveryKind};
use serenity::all::{
    ButtonStyle, ChannelId, CreateActionRow, CreateButton, CreateMessage, EditMessage, Http,
    MessageFlags, MessageId, Nonce,
};

use crate::inflight::InFlight;
use crate::render::{allowed_mentions, escape_user, unix, CONTENT_MAX, NAME_MAX, USER_TEXT_MAX};
use crate::retry::{status_of, with_backoff, Backoff};

/// Button custom ids and the core commands they run.
pub const BUTTONS: &[(&str, &str, char, ButtonStyle)] = &[
    ("sc:hand", "Raise hand", '✋', ButtonStyle::Primary),
    ("sc:hand-down", "Lower hand", '👇', ButtonStyle::Secondary),
    ("sc:done", "Done", '✅', ButtonStyle::Success),
    ("sc:pass", "Pass", '⏭', ButtonStyle::Secondary),
];

/// The core command behind a button.
pub fn button_command(custom_id: &str) -> Option<Command> {
    match custom_id {
        "sc:hand" => Some(Command::Hand),
        "sc:hand-down" => Some(Command::HandDown),
        "sc:done" => Some(Command::Done),
        "sc:pass" => Some(Command::Pass),
        _ => None,
    }
}

/// The buttons under the status message.
pub fn buttons() -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(
        BUTTONS
            .iter()
            .map(|(id, label, emoji, style)| {
                CreateButton::new(*id)
                    .label(*label)
                    .emoji(*emoji)
                    .style(*style)
            })
            .collect(),
    )]
}

/// The channel of a place id `discord:GUILD:CHANNEL`.
pub fn channel_of(place: &PlaceId) -> Option<ChannelId> {
    let mut parts = place.as_str().split(':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("discord"), Some(_), Some(c)) => {
            c.parse::<u64>().ok().filter(|c| *c > 0).map(ChannelId::new)
        }
        _ => None,
    }
}

/// The status message's text for an open session (at most 2000 characters).
pub fn status_content(view: &StatusView) -> String {
    let name = |m: &bot_core::domain::Member| escape_user(m.name.as_str(), NAME_MAX);
    let mut head = String::from("🟢 **Session open**");
    if let Some(n) = &view.name {
        head.push_str(": ");
        head.push_str(&escape_user(n.as_str(), USER_TEXT_MAX.min(100)));
    }
    head.push_str(&format!(" · since <t:{}:t>", unix(view.opened_at)));
    let mut lines = vec![head];
    let budget = CONTENT_MAX - 100;
    match &view.round {
        Some(round) => plan_lines(round, &mut lines, budget * 2 / 3),
        None => lines.push("No share round is running.".into()),
    }
    let closed = if view.queue_closed { " · closed" } else { "" };
    let tail = roll_line(&view.checkins, ROLL_MAX);
    if view.queue.is_empty() {
        lines.push(format!("✋ **Queue:** no hands up{closed}"));
    } else {
        lines.push(format!("✋ **Queue** ({}){closed}:", view.queue.len()));
        let mut used: usize =
            lines.iter().map(|l| l.chars().count() + 1).sum::<usize>() + tail.chars().count();
        for (i, (m, raised)) in view.queue.iter().enumerate() {
            let line = format!("{}. {} · hand up <t:{}:R>", i + 1, name(m), unix(*raised));
            let n = line.chars().count() + 1;
            if used + n > budget {
                lines.push(format!(
                    "… and {} more: `/queue show`",
                    view.queue.len() - i
                ));
                break;
            }
            used += n;
            lines.push(line);
        }
    }
    lines.push(tail);
    let text = lines.join("\n");
    if text.chars().count() > CONTENT_MAX {
        text.chars().take(CONTENT_MAX - 1).collect::<String>() + "…"
    } else {
        text
    }
}

/// Most characters the roll of check-ins takes in the status message.
const ROLL_MAX: usize = 600;

/// Who checked in, with their feeling words: shown here because this message is rewritten when
/// the session closes, and Discord shows members no earlier version of an edited message, so
/// the words are really gone then. At most `max` characters ("… and N more" past it).
fn roll_line(roll: &[RollEntry], max: usize) -> String {
    let head = format!("👥 **Checked in** ({})", roll.len());
    if roll.is_empty() {
        return "👥 Checked in: nobody yet".into();
    }
    let mut line = head + ": ";
    for (i, c) in roll.iter().enumerate() {
        let mut entry = escape_user(c.member.name.as_str(), NAME_MAX);
        if c.listening {
            entry.push_str(" (listening)");
        } else if let Some(w) = &c.word {
            entry.push_str(" — *");
            entry.push_str(&escape_user(w.as_str(), WORD_MAX));
            entry.push('*');
        }
        let sep = if i == 0 { "" } else { " · " };
        let more = format!(" · … and {} more", roll.len() - i);
        let room = max.saturating_sub(more.chars().count());
        if line.chars().count() + sep.len() + entry.chars().count() > room && i + 1 < roll.len() {
            line.push_str(&more);
            return line;
        }
        line.push_str(sep);
        line.push_str(&entry);
    }
    line
}

/// Most characters of one feeling word shown on the roll.
const WORD_MAX: usize = 40;

/// The round's plan: a headline, then one line per turn. Planned times are `<t:UNIX:t>` (each
/// reader's clock) and `<t:UNIX:R>` (kept live by Discord), so the message stays true as the
/// round moves on by itself without being edited. Lines stop before `budget` characters in all.
fn plan_lines(round: &RoundView, lines: &mut Vec<String>, budget: usize) {
    let each = round.share_time.spoken();
    lines.push(if round.paused {
        format!("⏸️ **Share round paused** · {each} each, in this order:")
    } else if round.auto_advance {
        format!("🔁 **Share round** · {each} each; the plan if everyone takes their full time:")
    } else {
        format!("🔁 **Share round** · {each} each; the host calls each speaker, in this order:")
    });
    if round.turns.is_empty() {
        lines.push("Nobody else is waiting to share.".into());
        return;
    }
    let mut used: usize = lines.iter().map(|l| l.chars().count() + 1).sum();
    for (i, turn) in round.turns.iter().enumerate() {
        let who = escape_user(turn.member.name.as_str(), NAME_MAX);
        let line = match turn.when {
            TurnWhen::Planned { starts_at, ends_at } => format!(
                "{}. {who} · <t:{}:t>–<t:{}:t> (<t:{}:R>)",
                i + 1,
                unix(starts_at),
                unix(ends_at),
                unix(starts_at)
            ),
            TurnWhen::Paused => format!("{}. {who} · ⏸️ paused", i + 1),
            TurnWhen::TimeUp => format!("{}. {who} · time is up", i + 1),
            TurnWhen::Unplanned => format!("{}. {who}", i + 1),
        };
        let n = line.chars().count() + 1;
        if used + n > budget {
            lines.push(format!("… and {} more", round.turns.len() - i));
            return;
        }
        used += n;
        lines.push(line);
    }
}

/// The idempotency nonce of the status message of the session opened at `opened_at` in `place`:
/// the same for every attempt to post it (also from another process), different for every
/// (place, session), and at most 25 characters as Discord requires (`st-` and 16 hex digits of
/// a 64-bit FNV-1a hash, which does not change between Rust versions).
pub fn status_nonce(place: &PlaceId, opened_at: Timestamp) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = place
        .as_str()
        .bytes()
        .chain([0])
        .chain(opened_at.0.to_le_bytes());
    for b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("st-{hash:016x}")
}

/// The status message's text once the session has closed.
pub const CLOSED_CONTENT: &str = "⚪ **Session closed.** Thank you for being here.";

/// A status message: its id and the session it shows (that session's `opened_at`).
type Shown = (MessageId, Timestamp);

#[derive(Default)]
struct Applied {
    /// The state version of the view Discord shows (`None`: none shown by this process yet).
    version: Option<i64>,
    /// Whether `message` was read from the store (once per place and process).
    loaded: bool,
    message: Option<Shown>,
}

#[derive(Default)]
struct PlaceStatus {
    /// The newest status the board was given, the next to show.
    newest: Mutex<Option<LiveStatus>>,
    /// What Discord shows; held while a request is in flight, so edits never overtake each other.
    applied: tokio::sync::Mutex<Applied>,
}

/// Every place's status message.
pub struct StatusBoard {
    http: Arc<Http>,
    places: Mutex<HashMap<PlaceId, Arc<PlaceStatus>>>,
    work: Arc<InFlight>,
}

impl StatusBoard {
    /// A board whose updates count as `work` under way (a shutdown waits for them, so that
    /// each message's id is recorded for the next start).
    pub fn new(http: Arc<Http>, work: Arc<InFlight>) -> Self {
        StatusBoard {
            http,
            places: Mutex::new(HashMap::new()),
            work,
        }
    }

    fn place(&self, place: &PlaceId) -> Arc<PlaceStatus> {
        self.places
            .lock()
            .expect("status lock")
            .entry(place.clone())
            .or_default()
            .clone()
    }

    /// Brings the place's status message up to date with the engine's current view (no session:
    /// the message says the session closed and loses its buttons). See [`StatusBoard::show`].
    pub async fn update(&self, engine: &Engine, place: &PlaceId) {
        let _busy = self.work.busy();
        match engine.live_status(place).await {
            Ok(status) => self.show(engine, place, status).await,
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "could not read the status of a place")
            }
        }
    }

    /// Shows `status` (a command's, as the engine returned it), unless a newer one was shown or
    /// is waiting. Concurrent calls coalesce: each returns once Discord shows a view at least as
    /// new as `status`, or the update failed for good (logged; the next change tries again).
    pub async fn show(&self, engine: &Engine, place: &PlaceId, status: LiveStatus) {
        let _busy = self.work.busy();
        let Some(channel) = channel_of(place) else {
            return;
        };
        let st = self.place(place);
        {
            let mut newest = st.newest.lock().expect("status lock");
            if newest.as_ref().is_none_or(|n| status.version > n.version) {
                *newest = Some(status);
            }
        }
        let mut applied = st.applied.lock().await;
        let Some(LiveStatus { version, view }) = st.newest.lock().expect("status lock").clone()
        else {
            return;
        };
        if applied.version.is_some_and(|shown| shown >= version) {
            return; // a view at least as new went out while this one waited
        }
        if !applied.loaded {
            match engine.status_message(place).await {
                Ok(found) => {
                    applied.message = found.and_then(|m| {
                        let id = m.message_id.parse::<u64>().ok().filter(|id| *id > 0)?;
                        Some((MessageId::new(id), m.opened_at))
                    });
                    applied.loaded = true;
                }
                Err(e) => {
                    // Posting now could put a second status message beside the one members
                    // see; the next change tries again.
                    tracing::warn!(place = %place, error = %e, "could not read where the status message is");
                    return;
                }
            }
        }
        match self
            .apply(place, channel, applied.message, view.as_ref())
            .await
        {
            Ok(message) => {
                if message != applied.message {
                    let record = message.map(|(id, opened_at)| StatusMessage {
                        message_id: id.get().to_string(),
                        opened_at,
                    });
                    if let Err(e) = engine.set_status_message(place, record.as_ref()).await {
                        tracing::warn!(place = %place, error = %e, "could not record where the status message is");
                    }
                }
                applied.message = message;
                applied.version = Some(version);
            }
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "the status message could not be updated");
            }
        }
    }

    /// Sends one view; returns the message id to keep (none once closed).
    async fn apply(
        &self,
        place: &PlaceId,
        channel: ChannelId,
        message: Option<Shown>,
        view: Option<&StatusView>,
    ) -> serenity::Result<Option<Shown>> {
        match (view, message) {
            (Some(v), Some((id, shown))) if shown == v.opened_at => {
                match self.edit_open(channel, id, &status_content(v)).await {
                    Ok(()) => Ok(Some((id, shown))),
                    Err(e) if status_of(&e) == Some(404) => self.post(place, channel, v).await,
                    Err(e) => Err(e),
                }
            }
            (Some(v), Some((id, _))) => {
                // The message of an earlier session that never got its last edit (the process
                // stopped first): close it, then give this session its own.
                if let Err(e) = self.close(channel, id).await {
                    tracing::warn!(error = %e, "an earlier session's status message could not be closed");
                }
                self.post(place, channel, v).await
            }
            (Some(v), None) => self.post(place, channel, v).await,
            (None, Some((id, _))) => self.close(channel, id).await.map(|()| None),
            (None, None) => Ok(None),
        }
    }

    /// The last edit of a status message: the session has closed (gone already is fine too).
    async fn close(&self, channel: ChannelId, id: MessageId) -> serenity::Result<()> {
        let http = &*self.http;
        let edit = || {
            let b = EditMessage::new()
                .content(CLOSED_CONTENT)
                .allowed_mentions(allowed_mentions(&[]))
                .components(vec![]);
            channel.edit_message(http, id, b)
        };
        let closed = with_backoff("close status message", Backoff::MESSAGES, edit).await;
        match telemetry::count_delivery("discord", DeliveryKind::Status, closed) {
            Ok(_) => Ok(()),
            Err(e) if status_of(&e) == Some(404) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn post(
        &self,
        place: &PlaceId,
        channel: ChannelId,
        view: &StatusView,
    ) -> serenity::Result<Option<Shown>> {
        let http = &*self.http;
        let content = status_content(view);
        let nonce = status_nonce(place, view.opened_at);
        let send = || {
            // A retry after a lost answer gets the message Discord created the first time.
            let b = CreateMessage::new()
                .content(content.clone())
                .allowed_mentions(allowed_mentions(&[]))
                .flags(MessageFlags::SUPPRESS_EMBEDS)
                .components(buttons())
                .nonce(Nonce::String(nonce.clone()))
                .enforce_nonce(true);
            channel.send_message(http, b)
        };
        let posted = with_backoff("post status message", Backoff::MESSAGES, send).await;
        let posted = telemetry::count_delivery("discord", DeliveryKind::Status, posted)?;
        if posted.content != content {
            // Discord answered with this session's message from an earlier post (same nonce),
            // which has been edited since (closed, or an older view): bring it up to date.
            self.edit_open(channel, posted.id, &content).await?;
        }
        Ok(Some((posted.id, view.opened_at)))
    }

    /// Shows `content` with the buttons on the status message `id`.
    async fn edit_open(
        &self,
        channel: ChannelId,
        id: MessageId,
        content: &str,
    ) -> serenity::Result<()> {
        let http = &*self.http;
        let edit = || {
            let b = EditMessage::new()
                .content(content)
                .allowed_mentions(allowed_mentions(&[]))
                .components(buttons());
            channel.edit_message(http, id, b)
        };
        let edited = with_backoff("edit status message", Backoff::MESSAGES, edit).await;
        telemetry::count_delivery("discord", DeliveryKind::Status, edited).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bot_core::domain::{Member, Millis, PlannedTurn, Timestamp};

    fn round(turns: usize, auto_advance: bool) -> RoundView {
        RoundView {
            share_time: Millis::mins(3),
            auto_advance,
            paused: false,
            turns: (0..turns)
                .map(|i| {
                    let starts_at = Timestamp(1_000_000 + i as i64 * 190_000);
                    PlannedTurn {
                        member: if i == 0 {
                            Member::new("discord:1", "Ann **bold** @everyone <t:1:R>")
                        } else {
                            Member::new(format!("discord:{}", i + 1), &format!("Bo{i}"))
                        },
                        when: TurnWhen::Planned {
                            starts_at,
                            ends_at: Timestamp(starts_at.0 + 180_000),
                        },
                    }
                })
                .collect(),
        }
    }

    fn view(queue: usize, round: Option<RoundView>) -> StatusView {
        StatusView {
            name: None,
            opened_at: Timestamp(1_000_000),
            round,
            queue: (0..queue)
                .map(|i| {
                    (
                        Member::new(format!("discord:{i}"), &"n".repeat(64)),
                        Timestamp(1_000_000),
                    )
                })
                .collect(),
            queue_closed: false,
            checkins: (0..3)
                .map(|i| RollEntry {
                    member: Member::new(format!("discord:{}", 100 + i), &format!("Cy{i}")),
                    word: (i == 1)
                        .then(|| bot_core::domain::UserText::new("tangerine *", 64).unwrap()),
                    listening: i == 2,
                })
                .collect(),
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_second_status_message_while_the_database_cannot_say_where_the_first_is() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("s.db").display());
        let store = bot_core::store::SqliteStore::open(&url, 2).await.unwrap();
        let pool = store.pool().clone();
        let c = Channel::on(Arc::new(store)).await;
        let (engine, place) = (&c.engine, &c.place);
        c.run("!open").await;
        StatusBoard::new(c.http.clone(), Arc::default())
            .update(engine, place)
            .await;
        let statuses = || c.double.messages_in(c.channel);
        let [shown] = statuses().try_into().expect("one status message");

        // A new process (a fresh board) whose database cannot say where the message is: it
        // leaves the channel alone rather than post a second one beside it.
        let board = StatusBoard::new(c.http.clone(), Arc::default());
        let rename = |from: &str, to: &str| {
            let sql = format!("ALTER TABLE {from} RENAME TO {to}");
            let pool = pool.clone();
            async move {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&pool)
                    .await
                    .unwrap();
            }
        };
        rename("status_messages", "away").await;
        c.run("!hand").await;
        board.update(engine, place).await;
        assert_eq!(statuses().len(), 1, "{:?}", statuses());
        assert!(
            !statuses()[0].content.contains("**Queue** (1)"),
            "not edited blind"
        );

        // Once it can, the next change edits the message members see.
        rename("away", "status_messages").await;
        c.run("!checkin").await;
        board.update(engine, place).await;
        let [edited] = statuses().try_into().expect("still one status message");
        assert_eq!(edited.id, shown.id);
        assert!(
            edited.content.contains("**Queue** (1)"),
            "{}",
            edited.content
        );
        assert!(
            c.double.violations().is_empty(),
            "{:?}",
            c.double.violations()
        );
    }

    /// A channel on the Discord double, with an engine on a fixed clock and an admin to act.
    struct Channel {
        double: discord_double::DiscordDouble,
        channel: u64,
        place: PlaceId,
        http: Arc<Http>,
        engine: Engine,
        host: bot_core::domain::Actor,
    }

    impl Channel {
        async fn start() -> Channel {
            Channel::on(Arc::new(bot_core::store::MemoryStore::new())).await
        }

        /// The same, with the engine on `store`.
        async fn on(store: Arc<dyn bot_core::store::Store>) -> Channel {
            use discord_double::{DiscordDouble, DoubleConfig, GuildSpec};
            const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GdoubLe.sharecircle-status-test-00000";
            let mut g = GuildSpec::new("Circle");
            let channel = g.add_text_channel("meeting");
            let place = PlaceId::new(format!("discord:{}:{channel}", g.id));
            let double = DiscordDouble::start(DoubleConfig::new(TOKEN).guild(g)).await;
            let http = Arc::new(crate::http_client(TOKEN, 0, Some(&double.http_url())));
            let engine = Engine::new(
                store,
                Arc::new(bot_core::engine::ManualClock::new(Timestamp(
                    1_700_000_000_000,
                ))),
                "!",
            );
            let host = bot_core::domain::Actor {
                member: Member::new("discord:1", "Rosa"),
                role: bot_core::domain::Role::Admin,
                platform_roles: Vec::new(),
            };
            Channel {
                double,
                channel,
                place,
                http,
                engine,
                host,
            }
        }

        /// The admin types `text` in the channel; it is accepted.
        async fn run(&self, text: &str) {
            let done = (self
                .engine
                .handle_text(&self.place, self.host.clone(), text)
                .await)
                .unwrap();
            assert!(done.is_some_and(|d| d.rejected.is_none()), "{text} refused");
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_status_post_whose_answer_was_lost_is_posted_once() {
        use discord_double::Failure;
        let c = Channel::start().await;
        c.run("!open").await;
        let Channel {
            double,
            channel,
            place,
            http,
            engine,
            ..
        } = c;

        // Discord creates the message, but the answer is lost (502): the retry, with the same
        // nonce and enforce_nonce, gets that message back instead of making a second one.
        double.fail_next("POST", "/channels/*/messages", Failure::answer_lost());
        StatusBoard::new(http, Arc::default())
            .update(&engine, &place)
            .await;
        let [shown] = double
            .messages_in(channel)
            .try_into()
            .expect("one status message");
        let hits = double.nonce_hits();
        assert_eq!(
            hits.len(),
            1,
            "the retry was answered with the first message"
        );
        assert_eq!(hits[0].message_id, shown.id);
        let opened_at = engine.status_view(&place).await.unwrap().unwrap().opened_at;
        assert_eq!(hits[0].nonce, status_nonce(&place, opened_at));
        let recorded = engine
            .status_message(&place)
            .await
            .unwrap()
            .expect("recorded");
        assert_eq!(recorded.message_id, shown.id.to_string());
        assert!(double.violations().is_empty(), "{:?}", double.violations());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_post_answered_with_the_sessions_earlier_message_brings_it_up_to_date() {
        let c = Channel::start().await;
        let (double, channel, http) = (&c.double, c.channel, &c.http);
        let (engine, place) = (&c.engine, &c.place);
        c.run("!open").await;
        StatusBoard::new(http.clone(), Arc::default())
            .update(engine, place)
            .await;
        let [shown] = double
            .messages_in(channel)
            .try_into()
            .expect("one status message");

        // The record is lost and the message shows something else (here: closed), as when a
        // process stopped between Discord's answer and the record. The next post carries the
        // session's nonce, gets that message back, and shows the session on it.
        engine.set_status_message(place, None).await.unwrap();
        StatusBoard::new(http.clone(), Arc::default())
            .close(ChannelId::new(channel), MessageId::new(shown.id))
            .await
            .unwrap();
        c.run("!hand").await;
        StatusBoard::new(http.clone(), Arc::default())
            .update(engine, place)
            .await;
        let [again] = double.messages_in(channel).try_into().expect("still one");
        assert_eq!(again.id, shown.id);
        assert!(again.content.contains("**Queue** (1)"), "{}", again.content);
        assert_eq!(again.custom_ids().len(), BUTTONS.len(), "{again:?}");
        let recorded = engine
            .status_message(place)
            .await
            .unwrap()
            .expect("recorded");
        assert_eq!(recorded.message_id, shown.id.to_string());
        assert!(double.violations().is_empty(), "{:?}", double.violations());
    }

    #[test]
    fn a_status_nonce_is_short_stable_and_per_session() {
        let a = PlaceId::new("discord:1234567890123456789:9876543210987654321");
        let b = PlaceId::new("discord:1234567890123456789:9876543210987654322");
        let t = Timestamp(1_772_478_000_000);
        let n = status_nonce(&a, t);
        assert!(n.len() <= 25, "{n}");
        // The same in every process and every build: a restarted or standby process must send
        // the nonce the first attempt carried (FNV-1a, checked against an independent
        // implementation).
        assert_eq!(n, "st-fa85c44e4e991e95");
        assert_ne!(n, status_nonce(&b, t), "another channel");
        assert_ne!(n, status_nonce(&a, Timestamp(t.0 + 1)), "another session");
    }

    #[test]
    fn shows_the_plan_with_live_times_and_the_queue() {
        let c = status_content(&view(2, Some(round(3, true))));
        assert!(
            c.contains(
                "🔁 **Share round** · 3 minutes each; the plan if everyone takes their full time:"
            ),
            "{c}"
        );
        // Each turn: its start and end in the reader's clock, and its start kept live.
        assert!(
            c.contains(" · <t:1000:t>–<t:1180:t> (<t:1000:R>)\n2. Bo1 · <t:1190:t>–<t:1370:t> (<t:1190:R>)\n3. Bo2 · <t:1380:t>–<t:1560:t> (<t:1380:R>)"),
            "{c}"
        );
        assert!(c.contains("1. nnnn"));
        assert!(c.contains("hand up <t:1000:R>"));
        // Nothing that goes stale: no "speaking now", no countdown of its own.
        assert!(!c.contains("Speaking") && !c.contains("Up next"), "{c}");
        // Member text stays inert.
        assert!(
            c.contains("1. Ann \\*\\*bold\\*\\* @\u{200B}everyone <\u{200B}t:1:R\\>"),
            "{c}"
        );
        assert!(!c.contains("@everyone") && !c.contains("<t:1:R>"), "{c}");
    }

    #[test]
    fn the_roll_shows_names_and_feeling_words_inert_and_bounded() {
        let c = status_content(&view(0, None));
        assert!(
            c.contains("👥 **Checked in** (3): Cy0 · Cy1 — *tangerine \\** · Cy2 (listening)"),
            "{c}"
        );
        let mut v = view(0, None);
        v.checkins = (0..200)
            .map(|i| RollEntry {
                member: Member::new(format!("discord:{i}"), &"m".repeat(64)),
                word: Some(bot_core::domain::UserText::new(&"w".repeat(64), 64).unwrap()),
                listening: false,
            })
            .collect();
        let c = status_content(&v);
        let roll = c.lines().last().unwrap();
        assert!(roll.chars().count() <= ROLL_MAX, "{}", roll.chars().count());
        assert!(roll.ends_with(" more"), "{roll}");
        assert!(c.chars().count() <= CONTENT_MAX);
        v.checkins.clear();
        assert!(status_content(&v).ends_with("👥 Checked in: nobody yet"));
    }

    #[test]
    fn paused_and_host_paced_rounds_show_the_order_without_future_times() {
        let mut r = round(3, true);
        r.paused = true;
        r.turns[0].when = TurnWhen::Paused;
        for t in &mut r.turns[1..] {
            t.when = TurnWhen::Unplanned;
        }
        let c = status_content(&view(0, Some(r)));
        assert!(
            c.contains("⏸️ **Share round paused** · 3 minutes each, in this order:"),
            "{c}"
        );
        assert!(
            c.contains("· ⏸️ paused\n2. Bo1\n3. Bo2\n✋ **Queue:** no hands up"),
            "{c}"
        );
        let mut r = round(2, false);
        r.turns[1].when = TurnWhen::Unplanned;
        let c = status_content(&view(0, Some(r)));
        assert!(
            c.contains("the host calls each speaker, in this order:"),
            "{c}"
        );
        assert!(
            c.contains("<t:1000:t>–<t:1180:t> (<t:1000:R>)\n2. Bo1\n"),
            "{c}"
        );
        let c = status_content(&view(0, None));
        assert!(c.contains("No share round is running."), "{c}");
    }

    #[test]
    fn a_long_queue_and_a_long_round_stay_within_the_limit() {
        let c = status_content(&view(200, Some(round(3, true))));
        assert!(c.chars().count() <= CONTENT_MAX);
        assert!(c.contains("more: `/queue show`"));
        let c = status_content(&view(200, Some(round(200, true))));
        assert!(c.chars().count() <= CONTENT_MAX, "{}", c.chars().count());
        assert!(c.contains("more\n✋ **Queue** (200)"), "{c}");
        assert!(c.contains("1. nnnn"), "the queue still shows: {c}");
        assert!(
            c.ends_with("👥 **Checked in** (3): Cy0 · Cy1 — *tangerine \\** · Cy2 (listening)"),
            "{c}"
        );
    }

    #[test]
    fn place_ids_name_their_channel() {
        assert_eq!(
            channel_of(&PlaceId::new("discord:1:22")),
            Some(ChannelId::new(22))
        );
        assert_eq!(channel_of(&PlaceId::new("matrix:!x:y")), None);
    }
}
