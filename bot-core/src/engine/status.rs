//! The live status message's lifecycle, the same on every platform: one message per session,
//! posted when it opens, edited when an action changes it, closed (the "closed" words, no more
//! controls) when it ends or a later session finds it, and where it is, kept in the store's
//! `status_messages` so a restarted or taking-over process edits it instead of posting another.
//! Changes for a place are serialised and coalesced: only the newest view (by the version of the
//! state it shows) is sent, and an edit that would change nothing is skipped. A platform only
//! posts, edits and closes ([`StatusSurface`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use super::{Engine, LiveStatus};
use crate::domain::{Lang, Message, PlaceId, StatusView, Timestamp};
use crate::status::{closed_message, status_message, StatusForm};
use crate::store::StatusMessage;

/// Why a platform did not show a status message.
#[derive(Debug, thiserror::Error)]
pub enum SurfaceError {
    /// The message is gone (deleted by someone): the session gets a new one.
    #[error("the status message is gone")]
    Gone,
    /// The platform cannot show this place now (the bot is not in the room): nothing is sent,
    /// nothing recorded; the next change tries again.
    #[error("the place cannot be shown now")]
    Absent,
    /// Anything else (logged; the next change tries again).
    #[error("{0}")]
    Failed(String),
}

impl SurfaceError {
    /// Any other error of the platform's.
    pub fn failed(e: impl std::fmt::Display) -> SurfaceError {
        SurfaceError::Failed(e.to_string())
    }
}

/// How one platform posts, edits and closes a place's status message.
#[async_trait]
pub trait StatusSurface: Send + Sync + 'static {
    /// What the platform can do, as far as the words depend on it.
    fn form(&self) -> StatusForm;
    /// Posts the status message of the session opened at `opened_at` and returns its id. Every
    /// attempt for one (place, session) must give the same message back (an idempotency key
    /// derived from both), so a post whose answer was lost is not made twice; the message it
    /// gives back shows `message`.
    async fn post(
        &self,
        place: &PlaceId,
        opened_at: Timestamp,
        message: &Message,
        lang: Lang,
    ) -> Result<String, SurfaceError>;
    /// Shows `message` on the status message `id` ([`SurfaceError::Gone`] if it was deleted).
    async fn edit(
        &self,
        place: &PlaceId,
        id: &str,
        message: &Message,
        lang: Lang,
    ) -> Result<(), SurfaceError>;
    /// The last edit of the status message `id`: `message` says the session closed, and the
    /// message loses its controls. A message already gone is closed too.
    async fn close(
        &self,
        place: &PlaceId,
        id: &str,
        message: &Message,
        lang: Lang,
    ) -> Result<(), SurfaceError>;
}

#[derive(Default)]
struct Applied {
    /// The state version of the view the platform shows (`None`: none shown by this process).
    version: Option<i64>,
    /// Whether `message` was read from the store (once per place and board).
    loaded: bool,
    message: Option<StatusMessage>,
    /// What `message` shows and in which language, when this board showed it.
    shown: Option<(Message, Lang)>,
}

#[derive(Default)]
struct PlaceStatus {
    /// The newest status the board was given, the next to show.
    newest: Mutex<Option<LiveStatus>>,
    /// The id of the message `applied` holds, once loaded: read without waiting for a request
    /// in flight.
    id: Mutex<Option<Option<String>>>,
    /// What the platform shows; held while a request is in flight, so edits never overtake
    /// each other.
    applied: tokio::sync::Mutex<Applied>,
}

/// Every place's status message on one platform.
pub struct StatusBoard {
    surface: Arc<dyn StatusSurface>,
    places: Mutex<HashMap<PlaceId, Arc<PlaceStatus>>>,
}

impl StatusBoard {
    pub fn new(surface: Arc<dyn StatusSurface>) -> StatusBoard {
        StatusBoard {
            surface,
            places: Mutex::new(HashMap::new()),
        }
    }

    fn place(&self, place: &PlaceId) -> Arc<PlaceStatus> {
        self.places
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(place.clone())
            .or_default()
            .clone()
    }

    /// Brings the place's status message up to date with the engine's current view (no
    /// session: the message says the session closed). See [`StatusBoard::show`].
    pub async fn update(&self, engine: &Engine, place: &PlaceId) {
        match engine.live_status(place).await {
            Ok(status) => self.show(engine, place, status).await,
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "could not read the status of a place")
            }
        }
    }

    /// Shows `status` (a command's, as the engine returned it), unless a newer one was shown or
    /// is waiting. Concurrent calls coalesce: each returns once the platform shows a view at
    /// least as new as `status`, or the update failed (logged; the next change tries again).
    /// While the store cannot say where the message is, nothing is posted.
    pub async fn show(&self, engine: &Engine, place: &PlaceId, status: LiveStatus) {
        let st = self.place(place);
        {
            let mut newest = st.newest.lock().unwrap_or_else(|e| e.into_inner());
            if newest.as_ref().is_none_or(|n| status.version > n.version) {
                *newest = Some(status);
            }
        }
        let mut applied = st.applied.lock().await;
        let newest = st.newest.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(LiveStatus { version, view }) = newest else {
            return;
        };
        if applied.version.is_some_and(|shown| shown >= version) {
            return; // a view at least as new went out while this one waited
        }
        if !applied.loaded {
            match engine.status_message(place).await {
                Ok(found) => {
                    applied.message = found;
                    applied.shown = None;
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
        let before = applied.message.clone();
        let lang = engine.language_of(place).await;
        match self.apply(place, lang, &mut applied, view.as_ref()).await {
            Ok(()) => applied.version = Some(version),
            Err(SurfaceError::Absent) => {
                tracing::debug!(place = %place, "the status message cannot be shown here now")
            }
            Err(e) => {
                tracing::warn!(place = %place, error = %e, "the status message could not be updated")
            }
        }
        *st.id.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(applied.message.as_ref().map(|m| m.message_id.clone()));
        if applied.message != before {
            let record = engine.set_status_message(place, applied.message.as_ref());
            if let Err(e) = record.await {
                tracing::warn!(place = %place, error = %e, "could not record where the status message is");
            }
        }
    }

    /// Sends one view and keeps what the platform shows in `applied`.
    async fn apply(
        &self,
        place: &PlaceId,
        lang: Lang,
        applied: &mut Applied,
        view: Option<&StatusView>,
    ) -> Result<(), SurfaceError> {
        if let Some(m) = &applied.message {
            if view.is_none_or(|v| v.opened_at != m.opened_at) {
                // The session closed, or the message is an earlier session's that never got
                // its last edit (the process stopped first): close it.
                let closed = closed_message(lang);
                match (
                    self.surface
                        .close(place, &m.message_id, &closed, lang)
                        .await,
                    view,
                ) {
                    (Ok(()), _) => {}
                    (Err(e @ SurfaceError::Absent), _) | (Err(e), None) => return Err(e),
                    (Err(e), Some(_)) => {
                        tracing::warn!(place = %place, error = %e, "an earlier session's status message could not be closed")
                    }
                }
                applied.message = None;
                applied.shown = None;
            }
        }
        let Some(view) = view else {
            return Ok(());
        };
        let message = status_message(view, &self.surface.form(), lang);
        if let Some(m) = &applied.message {
            if applied.shown.as_ref() == Some(&(message.clone(), lang)) {
                return Ok(()); // nothing visible changed: no edit
            }
            match self
                .surface
                .edit(place, &m.message_id, &message, lang)
                .await
            {
                Ok(()) => {
                    applied.shown = Some((message, lang));
                    return Ok(());
                }
                Err(SurfaceError::Gone) => {}
                Err(e) => return Err(e),
            }
        }
        let id = self
            .surface
            .post(place, view.opened_at, &message, lang)
            .await?;
        applied.message = Some(StatusMessage {
            message_id: id,
            opened_at: view.opened_at,
        });
        applied.shown = Some((message, lang));
        Ok(())
    }

    /// The id of the place's live status message, if it has one (without waiting for an
    /// update in flight).
    pub async fn message_of(&self, engine: &Engine, place: &PlaceId) -> Option<String> {
        let known = self
            .place(place)
            .id
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        match known {
            Some(id) => id,
            None => engine
                .status_message(place)
                .await
                .ok()?
                .map(|m| m.message_id),
        }
    }

    /// Forgets the place's status message without touching it (the bot left the place).
    pub async fn forget(&self, engine: &Engine, place: &PlaceId) {
        let st = self.place(place);
        let mut applied = st.applied.lock().await;
        *applied = Applied {
            loaded: true,
            ..Applied::default()
        };
        *st.id.lock().unwrap_or_else(|e| e.into_inner()) = Some(None);
        if let Err(e) = engine.set_status_message(place, None).await {
            tracing::warn!(place = %place, error = %e, "could not forget a status message");
        }
    }

    /// Closes the platform's status messages still showing a session that closed while no
    /// process was there to edit them, so that no feeling word stays on show.
    pub async fn close_stale(&self, engine: &Engine, platform: &str) {
        match engine.stale_status_messages(platform).await {
            Ok(places) => {
                for place in places {
                    self.update(engine, &place).await;
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not list the status messages to close"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Actor, Member, Role, Span};
    use crate::engine::{Clock, ManualClock};
    use crate::store::MemoryStore;

    /// A platform that records what it was asked to do.
    #[derive(Default)]
    struct Recorder {
        calls: Mutex<Vec<String>>,
        posts: std::sync::atomic::AtomicUsize,
    }

    impl Recorder {
        fn take(&self) -> Vec<String> {
            std::mem::take(&mut *self.calls.lock().unwrap())
        }
        fn note(&self, call: String) {
            self.calls.lock().unwrap().push(call);
        }
    }

    fn chars(spans: &[Span]) -> usize {
        crate::render::plain(&Message::line(spans.to_vec()))
            .chars()
            .count()
    }

    #[async_trait]
    impl StatusSurface for Recorder {
        fn form(&self) -> StatusForm {
            StatusForm {
                edits_keep_history: true,
                live_times: false,
                hand_by_reaction: false,
                max_listed: 25,
                max_chars: 4000,
                measure: chars,
            }
        }
        async fn post(
            &self,
            _: &PlaceId,
            opened_at: Timestamp,
            _: &Message,
            _: Lang,
        ) -> Result<String, SurfaceError> {
            self.note(format!("post {}", opened_at.0));
            let n = 1 + self.posts.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(format!("m{n}"))
        }
        async fn edit(
            &self,
            _: &PlaceId,
            id: &str,
            _: &Message,
            _: Lang,
        ) -> Result<(), SurfaceError> {
            self.note(format!("edit {id}"));
            Ok(())
        }
        async fn close(
            &self,
            _: &PlaceId,
            id: &str,
            m: &Message,
            lang: Lang,
        ) -> Result<(), SurfaceError> {
            assert_eq!(m, &closed_message(lang));
            self.note(format!("close {id}"));
            Ok(())
        }
    }

    struct Setup {
        engine: Engine,
        clock: Arc<ManualClock>,
        surface: Arc<Recorder>,
        board: StatusBoard,
        place: PlaceId,
    }

    impl Setup {
        fn new() -> Setup {
            let clock = Arc::new(ManualClock::new(Timestamp(1_700_000_000_000)));
            let engine = Engine::new(Arc::new(MemoryStore::new()), clock.clone(), "!");
            let surface = Arc::new(Recorder::default());
            let board = StatusBoard::new(surface.clone());
            let place = PlaceId::new("test:1");
            Setup {
                engine,
                clock,
                surface,
                board,
                place,
            }
        }

        /// The host types `text`; the board shows the status it left.
        async fn run(&self, text: &str) {
            let host = Actor {
                member: Member::new("test:host", "Rosa"),
                role: Role::Admin,
                platform_roles: Vec::new(),
                locale: Default::default(),
            };
            let done = self.engine.handle_text(&self.place, host, text).await;
            let done = done.unwrap().expect("a command");
            assert!(done.rejected.is_none(), "{text} refused");
            let status = done.status.expect("the status changed");
            self.board.show(&self.engine, &self.place, status).await;
        }

        async fn recorded(&self) -> Option<String> {
            let m = self.engine.status_message(&self.place).await.unwrap();
            m.map(|m| m.message_id)
        }
    }

    #[tokio::test]
    async fn one_message_per_session_posted_edited_closed_and_recorded() {
        let s = Setup::new();
        let opened = s.clock.now().0;
        s.run("!open").await;
        assert_eq!(s.surface.take(), vec![format!("post {opened}")]);
        assert_eq!(s.recorded().await.as_deref(), Some("m1"));
        s.run("!hand").await;
        assert_eq!(s.surface.take(), vec!["edit m1"]);
        // The same view again, or an older one: nothing to send.
        let old = s.engine.live_status(&s.place).await.unwrap();
        s.board.show(&s.engine, &s.place, old).await;
        s.board.update(&s.engine, &s.place).await;
        assert!(s.surface.take().is_empty());
        s.run("!close").await;
        assert_eq!(s.surface.take(), vec!["close m1"]);
        assert_eq!(s.recorded().await, None);
        s.clock.set(Timestamp(opened + 60_000));
        s.run("!open").await;
        assert_eq!(s.surface.take(), vec![format!("post {}", opened + 60_000)]);
        assert_eq!(s.recorded().await.as_deref(), Some("m2"));
    }

    #[tokio::test]
    async fn a_new_process_edits_the_recorded_message_and_closes_an_earlier_sessions() {
        let s = Setup::new();
        s.run("!open").await;
        assert_eq!(s.surface.take().len(), 1);
        // Another board (a restarted process) edits the message the store names.
        let again = StatusBoard::new(s.surface.clone());
        s.run("!hand").await;
        s.surface.take();
        again.update(&s.engine, &s.place).await;
        assert_eq!(s.surface.take(), vec!["edit m1"]);
        // The record is an earlier session's (the process stopped before its last edit): that
        // message is closed, then the session gets its own.
        let earlier = StatusMessage {
            message_id: "old".into(),
            opened_at: Timestamp(5),
        };
        s.engine
            .set_status_message(&s.place, Some(&earlier))
            .await
            .unwrap();
        let fresh = StatusBoard::new(s.surface.clone());
        fresh.update(&s.engine, &s.place).await;
        let calls = s.surface.take();
        assert_eq!(calls[0], "close old");
        assert!(calls[1].starts_with("post "), "{calls:?}");
        assert_eq!(s.recorded().await.as_deref(), Some("m2"));
        assert_eq!(
            fresh.message_of(&s.engine, &s.place).await.as_deref(),
            Some("m2")
        );
        // Stale: a recorded message whose session is no longer open is closed at start.
        let other = PlaceId::new("test:2");
        s.engine
            .set_status_message(&other, Some(&earlier))
            .await
            .unwrap();
        StatusBoard::new(s.surface.clone())
            .close_stale(&s.engine, "test")
            .await;
        assert_eq!(s.surface.take(), vec!["close old"]);
        assert_eq!(s.engine.status_message(&other).await.unwrap(), None);
    }
}
