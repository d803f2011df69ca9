//! The live status message: one message per place, posted when a session opens and edited when an
//! action changes it (the round's plan with `<t:UNIX:t>`/`<t:UNIX:R>` times, the queue with hand
//! age, the check-in count) — never by the clock alone — with the
//! ✋ Raise hand / Lower hand / ✅ Done / ⏭ Pass buttons. Edits for a place are serialised and
//! coalesced: only the newest view is sent. The message's id is kept in the database (the store's
//! `status_messages`), so after a restart or a takeover the next change edits the message members
//! already see; a message left from an earlier session is closed before a new one is posted. While
//! the database cannot say where the message is, nothing is posted (the next change tries again).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bot_core::domain::{Command, PlaceId, RoundView, StatusView, Timestamp, TurnWhen};
use bot_core::engine::Engine;
use bot_core::store::StatusMessage;
use bot_core::telemetry::{self, DeliveryKind};
use serenity::all::{
    ButtonStyle, ChannelId, CreateActionRow, CreateButton, CreateMessage, EditMessage, Http,
    MessageFlags, MessageId,
};

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
    let tail = format!("👥 Checked in: {}", view.checked_in);
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

/// The status message's text once the session has closed.
pub const CLOSED_CONTENT: &str = "⚪ **Session closed.** Thank you for being here.";

/// A status message: its id and the session it shows (that session's `opened_at`).
type Shown = (MessageId, Timestamp);

#[derive(Default)]
struct Applied {
    version: u64,
    /// Whether `message` was read from the store (once per place and process).
    loaded: bool,
    message: Option<Shown>,
}

#[derive(Default)]
struct PlaceStatus {
    /// How many updates were asked for.
    wanted: AtomicU64,
    /// What Discord shows; held while a request is in flight, so edits never overtake each other.
    applied: tokio::sync::Mutex<Applied>,
}

/// Every place's status message.
pub struct StatusBoard {
    http: Arc<Http>,
    places: Mutex<HashMap<PlaceId, Arc<PlaceStatus>>>,
    in_flight: Arc<InFlight>,
}

/// Status updates under way, so that a stopping process lets them finish and record where each
/// message is (otherwise the next start would post a second one).
#[derive(Default)]
struct InFlight {
    count: AtomicU64,
    idle: tokio::sync::Notify,
}

/// Held while a status update is under way (see [`StatusBoard::busy`]).
pub struct Busy(Arc<InFlight>);

impl Drop for Busy {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl StatusBoard {
    pub fn new(http: Arc<Http>) -> Self {
        StatusBoard {
            http,
            places: Mutex::new(HashMap::new()),
            in_flight: Arc::default(),
        }
    }

    /// Counts an update as under way until the guard drops: taken before an update is spawned,
    /// so that a shutdown between the spawn and the update waits for it too.
    pub fn busy(&self) -> Busy {
        self.in_flight.count.fetch_add(1, Ordering::SeqCst);
        Busy(self.in_flight.clone())
    }

    /// Waits, at most `limit`, until no status update is under way; says whether none is.
    pub async fn settle(&self, limit: std::time::Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            // Created before the check: a `notify_waiters` after this point wakes it.
            let idle = self.in_flight.idle.notified();
            if self.in_flight.count.load(Ordering::SeqCst) == 0 {
                return true;
            }
            if tokio::time::timeout_at(deadline, idle).await.is_err() {
                return self.in_flight.count.load(Ordering::SeqCst) == 0;
            }
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
    /// the message says the session closed and loses its buttons). Concurrent calls coalesce:
    /// each returns once Discord shows a view at least as new as the state at its call, or the
    /// update failed for good (logged; the next change tries again).
    pub async fn update(&self, engine: &Engine, place: &PlaceId) {
        let _busy = self.busy();
        let Some(channel) = channel_of(place) else {
            return;
        };
        let st = self.place(place);
        st.wanted.fetch_add(1, Ordering::SeqCst);
        let mut applied = st.applied.lock().await;
        let version = st.wanted.load(Ordering::SeqCst);
        if version <= applied.version {
            return; // a newer update went out while this one waited
        }
        let view = match engine.status_view(place).await {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "could not read the status of a place");
                return;
            }
        };
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
        match self.apply(channel, applied.message, view.as_ref()).await {
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
                applied.version = version;
            }
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "the status message could not be updated");
            }
        }
    }

    /// Sends one view; returns the message id to keep (none once closed).
    async fn apply(
        &self,
        channel: ChannelId,
        message: Option<Shown>,
        view: Option<&StatusView>,
    ) -> serenity::Result<Option<Shown>> {
        let http = &*self.http;
        match (view, message) {
            (Some(v), Some((id, shown))) if shown == v.opened_at => {
                let content = status_content(v);
                let edit = || {
                    let b = EditMessage::new()
                        .content(content.clone())
                        .allowed_mentions(allowed_mentions(&[]))
                        .components(buttons());
                    channel.edit_message(http, id, b)
                };
                let edited = with_backoff("edit status message", Backoff::MESSAGES, edit).await;
                match telemetry::count_delivery("discord", DeliveryKind::Status, edited) {
                    Ok(_) => Ok(Some((id, shown))),
                    Err(e) if status_of(&e) == Some(404) => self.post(channel, v).await,
                    Err(e) => Err(e),
                }
            }
            (Some(v), Some((id, _))) => {
                // The message of an earlier session that never got its last edit (the process
                // stopped first): close it, then give this session its own.
                if let Err(e) = self.close(channel, id).await {
                    tracing::warn!(error = %e, "an earlier session's status message could not be closed");
                }
                self.post(channel, v).await
            }
            (Some(v), None) => self.post(channel, v).await,
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

    async fn post(&self, channel: ChannelId, view: &StatusView) -> serenity::Result<Option<Shown>> {
        let http = &*self.http;
        let content = status_content(view);
        let send = || {
            let b = CreateMessage::new()
                .content(content.clone())
                .allowed_mentions(allowed_mentions(&[]))
                .flags(MessageFlags::SUPPRESS_EMBEDS)
                .components(buttons());
            channel.send_message(http, b)
        };
        let posted = with_backoff("post status message", Backoff::MESSAGES, send).await;
        telemetry::count_delivery("discord", DeliveryKind::Status, posted)
            .map(|m| Some((m.id, view.opened_at)))
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
            checked_in: 3,
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_second_status_message_while_the_database_cannot_say_where_the_first_is() {
        use discord_double::{DiscordDouble, DoubleConfig, GuildSpec};
        const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GdoubLe.sharecircle-status-test-00000";
        let mut g = GuildSpec::new("Circle");
        let channel = g.add_text_channel("meeting");
        let place = PlaceId::new(format!("discord:{}:{channel}", g.id));
        let double = DiscordDouble::start(DoubleConfig::new(TOKEN).guild(g)).await;
        let http = || Arc::new(crate::http_client(TOKEN, 0, Some(&double.http_url())));
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("s.db").display());
        let store = bot_core::store::SqliteStore::open(&url, 2).await.unwrap();
        let pool = store.pool().clone();
        let engine = Engine::new(
            Arc::new(store),
            Arc::new(bot_core::engine::ManualClock::new(Timestamp(
                1_700_000_000_000,
            ))),
            "!",
        );
        let host = bot_core::domain::Actor {
            member: Member::new("discord:1", "Rosa"),
            role: bot_core::domain::Role::Admin,
        };
        let run = |text: &'static str| {
            let (engine, place, host) = (engine.clone(), place.clone(), host.clone());
            async move {
                let done = engine.handle_text(&place, host, text).await.unwrap();
                assert!(done.is_some_and(|d| d.rejected.is_none()), "{text} refused");
            }
        };
        run("!open").await;
        StatusBoard::new(http()).update(&engine, &place).await;
        let statuses = || double.messages_in(channel);
        let [shown] = statuses().try_into().expect("one status message");

        // A new process (a fresh board) whose database cannot say where the message is: it
        // leaves the channel alone rather than post a second one beside it.
        let board = StatusBoard::new(http());
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
        run("!hand").await;
        board.update(&engine, &place).await;
        assert_eq!(statuses().len(), 1, "{:?}", statuses());
        assert!(
            !statuses()[0].content.contains("**Queue** (1)"),
            "not edited blind"
        );

        // Once it can, the next change edits the message members see.
        rename("away", "status_messages").await;
        run("!checkin").await;
        board.update(&engine, &place).await;
        let [edited] = statuses().try_into().expect("still one status message");
        assert_eq!(edited.id, shown.id);
        assert!(
            edited.content.contains("**Queue** (1)"),
            "{}",
            edited.content
        );
        assert!(double.violations().is_empty(), "{:?}", double.violations());
    }

    #[tokio::test(start_paused = true)]
    async fn a_shutdown_waits_for_status_updates_under_way() {
        use std::time::Duration;
        let board = Arc::new(StatusBoard::new(Arc::new(Http::new(""))));
        assert!(
            board.settle(Duration::from_secs(5)).await,
            "nothing under way"
        );
        let busy = board.busy();
        let started = tokio::time::Instant::now();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(800)).await;
            drop(busy);
        });
        assert!(board.settle(Duration::from_secs(5)).await);
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(800),
            "until the update finished"
        );
        let _stuck = board.busy();
        assert!(
            !board.settle(Duration::from_secs(5)).await,
            "gives up after the limit"
        );
        assert_eq!(started.elapsed(), Duration::from_millis(5800));
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
        assert!(c.ends_with("👥 Checked in: 3"), "{c}");
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
