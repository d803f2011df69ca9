//! Discord's side of the live status message: how the core's status words look (`content`,
//! `<t:UNIX:t>`/`<t:UNIX:R>` times, a list's items as numbered lines, at most 2000 characters),
//! and the post, edit and close behind the engine's `StatusBoard` (`DiscordStatus`), with the
//! ✋ Raise hand / Lower hand / ✅ Done / ⏭ Pass buttons. A status post carries a nonce derived
//! from the place and the session (with `enforce_nonce`), so a retry after Discord created the
//! message but its answer was lost gets the first message back instead of a second one; edits
//! and the closing edit are idempotent by themselves.

use std::sync::Arc;

use async_trait::async_trait;
use bot_core::domain::{Block, Command, Lang, Message, PlaceId, Say, Span, Timestamp};
use bot_core::engine::status::{StatusSurface, SurfaceError};
use bot_core::i18n;
use bot_core::status::StatusForm;
use bot_core::telemetry::{self, DeliveryKind};
use serenity::all::{
    ButtonStyle, ChannelId, CreateActionRow, CreateButton, CreateMessage, EditMessage, Http,
    MessageFlags, MessageId, Nonce,
};

use crate::render::{allowed_mentions, span, span_in, CONTENT_MAX};
use crate::retry::{status_of, with_backoff, Backoff};

/// Button custom ids, their labels' keys in the message files, and their looks.
pub const BUTTONS: &[(&str, &str, char, ButtonStyle)] = &[
    ("sc:hand", "button-hand", '✋', ButtonStyle::Primary),
    (
        "sc:hand-down",
        "button-hand-down",
        '👇',
        ButtonStyle::Secondary,
    ),
    ("sc:done", "button-done", '✅', ButtonStyle::Success),
    ("sc:pass", "button-pass", '⏭', ButtonStyle::Secondary),
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

/// The buttons under the status message, labelled in `lang`.
pub fn buttons(lang: Lang) -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(
        BUTTONS
            .iter()
            .map(|(id, key, emoji, style)| {
                CreateButton::new(*id)
                    .label(i18n::text(lang, &Say::new(key, Vec::new())))
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

/// What Discord's status message can do: an edit keeps no visible history (so the roll shows
/// the feeling words, rewritten at the close), `<t:UNIX:R>` times stay live, 2000 characters.
pub const FORM: StatusForm = StatusForm {
    edits_keep_history: false,
    live_times: true,
    hand_by_reaction: false,
    max_listed: usize::MAX,
    max_chars: CONTENT_MAX,
    measure: markdown_chars,
};

/// How many characters spans take as Discord markdown.
fn markdown_chars(spans: &[Span]) -> usize {
    spans.iter().map(|s| span(s).chars().count()).sum()
}

/// A status message as Discord content in `lang`: a list's items are lines of their own (they
/// carry their numbers), and the whole is cut to 2000 characters should the core's count fall
/// short.
pub fn content(m: &Message, lang: Lang) -> String {
    let m = &i18n::localize(m, lang);
    let mut lines = Vec::new();
    for b in &m.blocks {
        match b {
            Block::Line(s) => lines.push(s.iter().map(|s| span_in(s, lang)).collect::<String>()),
            Block::List(items) => lines.extend(
                items
                    .iter()
                    .map(|i| i.iter().map(|s| span_in(s, lang)).collect::<String>()),
            ),
            // A status message shows no documents.
            Block::Code(_) => {}
        }
    }
    let text = lines.join("\n");
    if text.chars().count() > CONTENT_MAX {
        text.chars().take(CONTENT_MAX - 1).collect::<String>() + "…"
    } else {
        text
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

/// Discord's side of the status message (the engine's `StatusBoard` decides what and when).
pub struct DiscordStatus {
    http: Arc<Http>,
}

impl DiscordStatus {
    pub fn new(http: Arc<Http>) -> DiscordStatus {
        DiscordStatus { http }
    }

    /// Shows `content` with the buttons on the status message `id`.
    async fn edit_open(
        &self,
        channel: ChannelId,
        id: MessageId,
        content: &str,
        lang: Lang,
    ) -> serenity::Result<()> {
        let http = &*self.http;
        let edit = || {
            let b = EditMessage::new()
                .content(content)
                .allowed_mentions(allowed_mentions(&[]))
                .components(buttons(lang));
            channel.edit_message(http, id, b)
        };
        let edited = with_backoff("edit status message", Backoff::MESSAGES, edit).await;
        telemetry::count_delivery("discord", DeliveryKind::Status, edited).map(|_| ())
    }
}

/// The channel and message of a status message.
fn target(place: &PlaceId, id: &str) -> Result<(ChannelId, MessageId), SurfaceError> {
    let channel = channel_of(place).ok_or(SurfaceError::Absent)?;
    let id = id.parse::<u64>().ok().filter(|id| *id > 0);
    Ok((channel, MessageId::new(id.ok_or(SurfaceError::Gone)?)))
}

#[async_trait]
impl StatusSurface for DiscordStatus {
    fn form(&self) -> StatusForm {
        FORM
    }

    /// Posted with the buttons and the session's nonce (`enforce_nonce`): a retry after Discord
    /// created the message but its answer was lost gets the first message back.
    async fn post(
        &self,
        place: &PlaceId,
        opened_at: Timestamp,
        message: &Message,
        lang: Lang,
    ) -> Result<String, SurfaceError> {
        let channel = channel_of(place).ok_or(SurfaceError::Absent)?;
        let http = &*self.http;
        let content = content(message, lang);
        let nonce = status_nonce(place, opened_at);
        let send = || {
            let b = CreateMessage::new()
                .content(content.clone())
                .allowed_mentions(allowed_mentions(&[]))
                .flags(MessageFlags::SUPPRESS_EMBEDS)
                .components(buttons(lang))
                .nonce(Nonce::String(nonce.clone()))
                .enforce_nonce(true);
            channel.send_message(http, b)
        };
        let posted = with_backoff("post status message", Backoff::MESSAGES, send).await;
        let posted = telemetry::count_delivery("discord", DeliveryKind::Status, posted);
        let posted = posted.map_err(SurfaceError::failed)?;
        if posted.content != content {
            // Discord answered with this session's message from an earlier post (same nonce),
            // which has been edited since (closed, or an older view): bring it up to date.
            self.edit_open(channel, posted.id, &content, lang)
                .await
                .map_err(SurfaceError::failed)?;
        }
        Ok(posted.id.get().to_string())
    }

    async fn edit(
        &self,
        place: &PlaceId,
        id: &str,
        message: &Message,
        lang: Lang,
    ) -> Result<(), SurfaceError> {
        let (channel, id) = target(place, id)?;
        match self
            .edit_open(channel, id, &content(message, lang), lang)
            .await
        {
            Ok(()) => Ok(()),
            Err(e) if status_of(&e) == Some(404) => Err(SurfaceError::Gone),
            Err(e) => Err(SurfaceError::failed(e)),
        }
    }

    /// The closing edit also takes the buttons away (gone already is fine too).
    async fn close(
        &self,
        place: &PlaceId,
        id: &str,
        message: &Message,
        lang: Lang,
    ) -> Result<(), SurfaceError> {
        let Ok((channel, id)) = target(place, id) else {
            return Ok(());
        };
        let http = &*self.http;
        let content = content(message, lang);
        let edit = || {
            let b = EditMessage::new()
                .content(content.clone())
                .allowed_mentions(allowed_mentions(&[]))
                .components(vec![]);
            channel.edit_message(http, id, b)
        };
        let closed = with_backoff("close status message", Backoff::MESSAGES, edit).await;
        match telemetry::count_delivery("discord", DeliveryKind::Status, closed) {
            Ok(_) => Ok(()),
            Err(e) if status_of(&e) == Some(404) => Ok(()),
            Err(e) => Err(SurfaceError::failed(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bot_core::domain::StatusView;
    use bot_core::domain::{
        Member, Millis, PlannedTurn, RollEntry, RoundView, Timestamp, TurnWhen,
    };
    use bot_core::engine::status::StatusBoard;
    use bot_core::engine::Engine;
    use bot_core::status::{closed_message, status_message, ROLL_MAX};

    /// The status message's text for an open session.
    fn status_content(view: &StatusView) -> String {
        content(&status_message(view, &FORM, Lang::En), Lang::En)
    }

    /// A board as a process starts with: nothing known yet.
    fn board(http: &Arc<Http>) -> StatusBoard {
        StatusBoard::new(Arc::new(DiscordStatus::new(http.clone())))
    }

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
            agenda: None,
            voice: None,
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
        board(&c.http).update(engine, place).await;
        let statuses = || c.double.messages_in(c.channel);
        let [shown] = statuses().try_into().expect("one status message");

        // A new process (a fresh board) whose database cannot say where the message is: it
        // leaves the channel alone rather than post a second one beside it.
        let board = board(&c.http);
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
                locale: Default::default(),
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
        board(&http).update(&engine, &place).await;
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
        board(http).update(engine, place).await;
        let [shown] = double
            .messages_in(channel)
            .try_into()
            .expect("one status message");

        // The record is lost and the message shows something else (here: closed), as when a
        // process stopped between Discord's answer and the record. The next post carries the
        // session's nonce, gets that message back, and shows the session on it.
        engine.set_status_message(place, None).await.unwrap();
        DiscordStatus::new(http.clone())
            .close(
                place,
                &shown.id.to_string(),
                &closed_message(Lang::En),
                Lang::En,
            )
            .await
            .unwrap();
        c.run("!hand").await;
        board(http).update(engine, place).await;
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
