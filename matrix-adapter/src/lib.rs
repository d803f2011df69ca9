//! Matrix adapter: runs sharecircle meetings in Matrix rooms on matrix-sdk — logs in once and keeps
//! its device (end-to-end encryption included), turns room events into core commands and renders
//! the core's messages, status message and private answers back into Matrix.
//!
//! ```text
//! start(engine, config, prefix) ─► session::login (restore or first login, crypto store)
//!                                 ├► engine.add_sink("matrix", MatrixSink)   (timers, redeliveries)
//!                                 ├► inbound::register handlers ─► Worker ─► Engine ─► Outbound
//!                                 └► sync loop (first sync with timeout 0 = ready; reconnects)
//! ```
//!
//! Modules: `session` (login, session and store files), `inbound` (events → commands),
//! `outbound` (deliveries → messages, direct rooms), `status` (the live status message's post,
//! edit and close; the engine's `StatusBoard` runs it), `render` (message → body /
//! formatted_body / m.mentions), `roles` (power levels → roles), `retry` (rate limits, network
//! failures), `dedupe` (each event once), `state` (✋ reactions on the status message, persisted),
//! `store_commits` (matrix-sdk's SQLite stores commit as the engine's: WAL, `synchronous=NORMAL`).

mod dedupe;
mod inbound;
mod lanes;
mod outbound;
pub mod render;
pub mod retry;
mod roles;
mod session;
mod state;
pub mod status;
mod store_commits;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use bot_core::domain::{PlaceId, StatusView, Timestamp};
use bot_core::engine::status::StatusBoard;
use bot_core::engine::{Delivery, Engine, Sink, SinkError};
use bot_core::store::StatusMessage;
use bot_core::telemetry::DeliveryKind;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::event_handler::EventHandlerHandle;
use matrix_sdk::ruma::api::client::filter::{
    Filter as PresenceFilter, FilterDefinition, RoomEventFilter, RoomFilter,
};
use matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter as SyncFilter;
use matrix_sdk::Client;
use sharecircle_config::MatrixConfig;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

pub use roles::role_for;
pub use session::stored_device_id;

/// Everything that can stop the adapter from starting.
#[derive(Debug, thiserror::Error)]
pub enum MatrixError {
    #[error("Matrix configuration: {0}")]
    Config(String),
    #[error("Matrix login failed: {0}")]
    Login(String),
    #[error("Matrix data directory: {0}")]
    Io(String),
    #[error("Matrix: {0}")]
    Sdk(#[from] matrix_sdk::Error),
    #[error("the Matrix adapter stopped before it was ready")]
    Stopped,
}

/// A running adapter.
pub struct MatrixHandle {
    client: Client,
    user_id: String,
    device_id: String,
    first_start: bool,
    ready: watch::Receiver<bool>,
    connected: Arc<AtomicBool>,
    out: Arc<outbound::Outbound>,
    lanes: Arc<lanes::Lanes>,
    handlers: std::sync::Mutex<Vec<EventHandlerHandle>>,
    /// The sync loop, then the worker that handles queued events.
    tasks: std::sync::Mutex<Vec<JoinHandle<()>>>,
}

impl MatrixHandle {
    /// Waits until the first sync is done: from then on new events are handled.
    pub async fn ready(&self) -> Result<(), MatrixError> {
        let mut rx = self.ready.clone();
        rx.wait_for(|r| *r)
            .await
            .map(|_| ())
            .map_err(|_| MatrixError::Stopped)
    }

    /// Whether the first sync is done.
    pub fn is_ready(&self) -> bool {
        *self.ready.borrow()
    }

    /// Whether the adapter's tasks run (for health checks; see also [`Self::is_connected`]).
    pub fn is_running(&self) -> bool {
        let tasks = self.tasks.lock().expect("tasks lock");
        !tasks.is_empty() && tasks.iter().all(|t| !t.is_finished())
    }

    /// Whether the last sync with the homeserver succeeded.
    pub fn is_connected(&self) -> bool {
        self.connected.load(Ordering::SeqCst)
    }

    /// The bot's user id.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// The bot's device id (kept across restarts).
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// Whether this start found no stored session (the first start with this data directory)
    /// rather than restoring the stored device.
    pub fn first_start(&self) -> bool {
        self.first_start
    }

    /// The matrix-sdk client (diagnostics and tests).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Stops syncing and handling events; posts the engine makes from now on stay in its outbox.
    /// Waits until the tasks have ended, so the stores can be opened again by a new start.
    /// Events already received are handled first and their answers sent (at most 5 s).
    pub async fn shutdown(&self) {
        let handlers = std::mem::take(&mut *self.handlers.lock().expect("handlers lock"));
        for h in handlers {
            // Drops the handler and its end of the worker's queue.
            self.client.remove_event_handler(h);
        }
        let tasks = std::mem::take(&mut *self.tasks.lock().expect("tasks lock"));
        let mut tasks = tasks.into_iter();
        if let Some(sync) = tasks.next() {
            sync.abort();
            let _ = sync.await;
        }
        let limit = tokio::time::Instant::now() + Duration::from_secs(5);
        for mut worker in tasks {
            // The queue is closed: the worker ends once it has handled what was queued.
            if tokio::time::timeout_at(limit, &mut worker).await.is_err() {
                tracing::warn!("events were still being handled at shutdown");
                worker.abort();
                let _ = worker.await;
            }
        }
        // Their answers go out (within the same 5 s).
        let left = limit.saturating_duration_since(tokio::time::Instant::now());
        if !self.lanes.settle(left).await {
            // Expected under a rate limit: posts for the meeting stay in the outbox for the next
            // start; acknowledgements and answers to one member are let go.
            tracing::info!("stopping with sends still queued behind the homeserver's rate limit");
        }
        self.out.stop();
        tracing::info!("Matrix adapter stopped");
    }
}

/// What the engine says on its own (timers, redeliveries) goes out through this.
struct MatrixSink {
    out: Arc<outbound::Outbound>,
    status: Arc<StatusBoard>,
    engine: Engine,
    lanes: Arc<lanes::Lanes>,
}

#[async_trait]
impl Sink for MatrixSink {
    /// In the room's lane: a turn's call, a warning or "time" before answers still waiting.
    async fn deliver(&self, delivery: &Delivery) -> Result<(), SinkError> {
        let priority = if delivery.post.kind.is_timing() {
            lanes::Priority::Meeting
        } else {
            lanes::Priority::Answer
        };
        let (out, d) = (self.out.clone(), delivery.clone());
        let sent = self
            .lanes
            .run(&delivery.place, priority, async move {
                out.deliver(&d, None, DeliveryKind::Timed).await.map(|_| ())
            })
            .await;
        match sent {
            Some(r) => r.map_err(|e| SinkError(e.to_string())),
            None => Err(SinkError("the delivery lane stopped".into())),
        }
    }

    /// Queued behind the room's earlier sends; the engine does not wait for the edit.
    async fn status_changed(&self, place: &PlaceId, _view: Option<StatusView>) {
        let (status, engine, p) = (self.status.clone(), self.engine.clone(), place.clone());
        self.lanes.push(
            place,
            lanes::Priority::Answer,
            Box::pin(async move { status.update(&engine, &p).await }),
        );
    }
}

/// Moves the status messages an adapter state file from before the store kept them names into
/// the store, so the next change edits the message the room already shows. A place the store
/// already knows keeps the store's record; one that cannot be written now stays in the file for
/// the next start.
async fn hand_over_status_messages(engine: &Engine, state: &state::AdapterState) {
    for (place, entry) in state.legacy_status() {
        let id = PlaceId::new(place.clone());
        let written = match engine.status_message(&id).await {
            Ok(Some(_)) => Ok(()),
            Ok(None) => {
                let record = StatusMessage {
                    message_id: entry.event_id,
                    opened_at: Timestamp(entry.opened_at),
                };
                engine.set_status_message(&id, Some(&record)).await
            }
            Err(e) => Err(e),
        };
        match written {
            Ok(()) => state.handed_over(&place),
            Err(e) => {
                tracing::warn!(place = %id, error = %e, "could not move a status message into the store")
            }
        }
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Starts the adapter: logs in (or restores the stored device), registers the `matrix` sink with
/// the engine, and syncs in the background. Events sent before this call never run as commands.
/// Once the first sync is done ([`MatrixHandle::ready`]) posts left in the engine's outbox are
/// delivered. The caller still runs `engine.resume()` / `engine.spawn_timers()` as usual.
pub async fn start(
    engine: Engine,
    config: MatrixConfig,
    prefix: String,
) -> Result<MatrixHandle, MatrixError> {
    let started_ms = now_ms();
    if prefix != engine.prefix() {
        tracing::warn!(
            "the Matrix prefix differs from the engine's: commands are parsed with the engine's \
             prefix but shown with the Matrix one"
        );
    }
    let logged_in = session::login(&config).await?;
    let client = logged_in.client;
    let user = client
        .user_id()
        .ok_or_else(|| MatrixError::Login("no user id after login".into()))?
        .to_owned();
    let device_id = client
        .device_id()
        .map(|d| d.to_string())
        .ok_or_else(|| MatrixError::Login("no device id after login".into()))?;

    let adapter_state = Arc::new(state::AdapterState::load(
        config.data_dir.join("adapter-state.json"),
    ));
    let (ready_tx, ready_rx) = watch::channel(false);
    let out = Arc::new(outbound::Outbound::new(
        client.clone(),
        engine.clone(),
        prefix,
        ready_rx.clone(),
    ));
    hand_over_status_messages(&engine, &adapter_state).await;
    let surface = status::MatrixStatus::new(out.clone(), adapter_state.clone());
    let status = Arc::new(StatusBoard::new(Arc::new(surface)));
    // A session that closed while no process was there to edit its status message (a stop
    // between the close and that edit) still shows "open": once the first sync knows the rooms,
    // those messages are closed. (A task that ends by itself: not one of the adapter's
    // long-running tasks, whose end would mean the adapter stopped.)
    tokio::spawn({
        let (status, engine, mut ready) = (status.clone(), engine.clone(), ready_rx.clone());
        async move {
            if ready.wait_for(|r| *r).await.is_ok() {
                status.close_stale(&engine, "matrix").await;
            }
        }
    });
    let lanes = Arc::new(lanes::Lanes::new());
    engine.add_sink(
        "matrix",
        Arc::new(MatrixSink {
            out: out.clone(),
            status: status.clone(),
            engine: engine.clone(),
            lanes: lanes.clone(),
        }),
    );

    let (tx, rx) = mpsc::unbounded_channel();
    let gate = Arc::new(dedupe::Gate::new(started_ms));
    let handlers = inbound::register(&client, tx, gate, user.clone());
    let cfg = config.clone();
    let worker = inbound::Worker {
        engine: engine.clone(),
        deliverer: inbound::Deliverer {
            engine: engine.clone(),
            out: out.clone(),
            status,
            state: adapter_state.clone(),
        },
        lanes: lanes.clone(),
        state: adapter_state,
        may_invite: Box::new(move |u| cfg.may_invite(u)),
        admin_level: config.admin_power_level,
        host_level: config.host_power_level,
    };
    let worker = tokio::spawn(worker.run(rx));
    let connected = Arc::new(AtomicBool::new(false));
    let sync = tokio::spawn(sync_loop(
        client.clone(),
        ready_tx,
        connected.clone(),
        engine,
    ));

    Ok(MatrixHandle {
        client,
        user_id: user.to_string(),
        device_id,
        first_start: logged_in.first_start,
        ready: ready_rx,
        connected,
        out,
        lanes,
        handlers: std::sync::Mutex::new(handlers),
        tasks: std::sync::Mutex::new(vec![sync, worker]),
    })
}

/// What the bot's `/sync` asks for: long-polls of `timeout`, without what the bot never reads —
/// presence, typing notices and read receipts (a room's ephemeral events) and rooms' account
/// data. Each of those would otherwise end a long-poll: the bot would process and store a sync
/// response, and the homeserver compute one, while a member's command may be on its way.
fn sync_settings(timeout: Duration) -> SyncSettings {
    let mut room = RoomFilter::default();
    room.ephemeral = RoomEventFilter::ignore_all();
    room.account_data = RoomEventFilter::ignore_all();
    let mut filter = FilterDefinition::default();
    filter.presence = PresenceFilter::ignore_all();
    filter.room = room;
    SyncSettings::default()
        .timeout(timeout)
        .filter(SyncFilter::FilterDefinition(filter))
}

/// Syncs forever. The first sync does not wait for new events (`timeout 0`); after it the adapter
/// is ready and the outbox is delivered. Failures (homeserver down or restarting) are retried
/// with backoff up to 5 s apart, so the bot reconnects soon after the homeserver is back.
async fn sync_loop(
    client: Client,
    ready: watch::Sender<bool>,
    connected: Arc<AtomicBool>,
    engine: Engine,
) {
    let first_delay = Duration::from_millis(200);
    let mut delay = first_delay;
    loop {
        match client.sync_once(sync_settings(Duration::ZERO)).await {
            Ok(_) => break,
            Err(e) => {
                tracing::warn!(error = %e, "first Matrix sync failed; retrying");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(5));
            }
        }
    }
    tracing::info!("Matrix sync is up");
    connected.store(true, Ordering::SeqCst);
    let _ = ready.send(true);
    let redeliver = engine.clone();
    tokio::spawn(async move {
        if let Err(e) = redeliver.redeliver_pending_for("matrix").await {
            tracing::warn!(error = %e, "redelivering the outbox failed");
        }
    });
    delay = first_delay;
    let mut failing = false;
    loop {
        match client
            .sync_once(sync_settings(Duration::from_secs(30)))
            .await
        {
            Ok(_) => {
                connected.store(true, Ordering::SeqCst);
                if failing {
                    tracing::info!("Matrix sync is back");
                }
                failing = false;
                delay = first_delay;
            }
            Err(e) => {
                connected.store(false, Ordering::SeqCst);
                if !failing {
                    tracing::warn!(error = %e, "Matrix sync failed; reconnecting");
                }
                failing = true;
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(5));
            }
        }
    }
}
