//! Executing inputs: each place's cached slot (state, version, time), parsing and executing
//! commands, a late speaker's call, and committing a new state with its posts before anything
//! is delivered.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{Delivery, Engine, EngineError, Executed, LiveStatus, MAX_ATTEMPTS};
use crate::domain::{
    parse, Actor, Audience, Command, Input, MemberId, Parsed, Place, PlaceId, Post, PostKind,
    RejectionCode, Timestamp,
};
use crate::store::{Commit, StoreError};

impl LiveStatus {
    pub(super) fn of(slot: &Slot) -> LiveStatus {
        LiveStatus {
            version: slot.version,
            view: slot.place.as_ref().and_then(Place::status_view),
        }
    }
}

#[derive(Default)]
pub(super) struct Slot {
    pub(super) loaded: bool,
    pub(super) place: Option<Place>,
    /// A digest of the members the store's index holds for this place, when known (saves
    /// rewriting it; a digest, not the set, so that a meeting's members are not held twice).
    pub(super) indexed: Option<u64>,
    /// The stored version `place` was read at (0: no row yet).
    pub(super) version: i64,
    /// Read from a shared database after another process (or an earlier run of this one) had
    /// committed it: posts it left undelivered go out before this process's own.
    pub(super) inherited: bool,
    /// The time of the last input handled: a place's time never runs backwards, also when a
    /// tick was handled a little ahead of the clock (see [`super::TICK_LEAD`]).
    not_before: i64,
}

impl Slot {
    /// The time an input is handled at: `now`, or the time of the last input if that was later
    /// (a place's time never runs backwards).
    pub(super) fn time(&mut self, now: Timestamp) -> Timestamp {
        self.not_before = self.not_before.max(now.0);
        Timestamp(self.not_before)
    }
}

impl Engine {
    /// Parses a line of text with the configured prefix and executes it. `None`: not a command
    /// (the text is not looked at further, stored or logged).
    pub async fn handle_text(
        &self,
        place: &PlaceId,
        actor: Actor,
        text: &str,
    ) -> Result<Option<Executed>, EngineError> {
        match parse(&self.inner.prefix, text) {
            Parsed::NotACommand => Ok(None),
            Parsed::Error(e) => {
                metrics_log_rejection(RejectionCode::Parse);
                let lang = self.reply_lang(place, &actor).await?;
                Ok(Some(Executed {
                    deliveries: vec![Delivery {
                        outbox_id: None,
                        place: place.clone(),
                        post: Post {
                            audience: Audience::Private(actor.member.id.clone()),
                            kind: PostKind::Refusal,
                            message: e.message,
                            lang,
                        },
                    }],
                    rejected: Some(RejectionCode::Parse),
                    status: None,
                }))
            }
            Parsed::Command(c) => self.execute(place, actor, c).await.map(Some),
        }
    }

    /// Executes one command for one place: the domain decides, the store commits, and the posts
    /// come back for the caller to deliver.
    pub async fn execute(
        &self,
        place: &PlaceId,
        actor: Actor,
        command: Command,
    ) -> Result<Executed, EngineError> {
        let kind = command.kind();
        match command {
            Command::MyData => return self.my_data(place, &actor).await,
            Command::ForgetMe => return self.forget_me(place, &actor).await,
            _ => {}
        }
        let admin_role = self.admin_role_of(place);
        let slot = self.slot(place);
        let mut g = slot.lock().await;
        let actor_id = actor.member.id.clone();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let checked = self.refresh_unless_trusted(place, &mut g, attempt).await?;
            let now = g.time(self.now());
            let state = g
                .place
                .get_or_insert_with(|| Place::new_for(self.next_seed(), &actor));
            // The actor's role here, from the place's host role as it is now.
            let mut actor = actor.clone();
            actor.role = state.role_of(&actor, admin_role.as_deref());
            let input = Input::Command {
                actor,
                command: command.clone(),
            };
            let result = state.handle(now, input);
            // An answer that commits nothing was read from the cache: only a current one counts.
            let commits = matches!(&result, Ok(o) if o.state_changed);
            if !commits && !self.may_answer(checked, place, &mut g).await? {
                continue;
            }
            return match result {
                Err(rejection) => {
                    count_command(kind, "refused");
                    metrics_log_rejection(rejection.code);
                    tracing::debug!(command = ?kind, code = rejection.code.as_str(), "command refused");
                    Ok(Executed {
                        deliveries: vec![Delivery {
                            outbox_id: None,
                            place: place.clone(),
                            post: Post {
                                audience: Audience::Private(actor_id),
                                kind: PostKind::Refusal,
                                message: rejection.message,
                                lang: rejection.lang,
                            },
                        }],
                        rejected: Some(rejection.code),
                        status: None,
                    })
                }
                Ok(outcome) => {
                    let deliveries = if outcome.state_changed {
                        match self.commit(place, &mut g, now, &outcome.posts).await {
                            Err(EngineError::Store(StoreError::Conflict))
                                if attempt < MAX_ATTEMPTS =>
                            {
                                continue
                            }
                            r => r?,
                        }
                    } else {
                        outcome
                            .posts
                            .iter()
                            .cloned()
                            .map(|post| Delivery {
                                outbox_id: None,
                                place: place.clone(),
                                post,
                            })
                            .collect()
                    };
                    count_command(kind, "accepted");
                    tracing::debug!(command = ?kind, "command accepted");
                    log_session_events(place, &outcome.posts);
                    let status = outcome.status_changed.then(|| LiveStatus::of(&g));
                    Ok(Executed {
                        deliveries,
                        rejected: None,
                        status,
                    })
                }
            };
        }
    }

    /// Called just before a speaker's call (a `RoundStarted` or `Turn` post naming who has the
    /// floor) is sent, maybe late because the platform held it back: a turn does not start
    /// before its call can be read, so when the call is late the turn moves to start now (the
    /// domain decides, [`crate::domain::Input::CallGoingOut`]) and the call comes back with its
    /// times moved the same way. Anything else comes back as it is.
    pub async fn call_going_out(&self, d: &Delivery) -> Result<Delivery, EngineError> {
        if !matches!(d.post.kind, PostKind::RoundStarted | PostKind::Turn) {
            return Ok(d.clone());
        }
        let Some(speaker) = d.post.message.mentions().into_iter().next() else {
            return Ok(d.clone());
        };
        let slot = self.slot(&d.place);
        let mut g = slot.lock().await;
        self.refresh(&d.place, &mut g).await?;
        // Inherited posts would be delivered by the commit, through the very sink that asks.
        if g.inherited {
            return Ok(d.clone());
        }
        let now = g.time(self.now());
        let Some(state) = g.place.as_mut() else {
            return Ok(d.clone());
        };
        let input = Input::CallGoingOut {
            speaker: speaker.clone(),
        };
        let mut moved_now = None;
        if let Some(outcome) = state.handle(now, input).ok().filter(|o| o.state_changed) {
            if let Err(e) = self.commit(&d.place, &mut g, now, &outcome.posts).await {
                // The cached state moved on without its commit: read it again next time.
                g.loaded = false;
                tracing::warn!(place = %d.place, error = %e, "a late call could not move its turn");
                return Ok(d.clone());
            }
            tracing::info!(place = %d.place, "a speaker's call went out late: the turn moved with it");
            moved_now = Some(g.place.as_ref().and_then(|p| p.status_view()));
        }
        // The call as committed, with the times of the turn as it is now (also on a retry after
        // the turn moved).
        let mut call = d.clone();
        if let Some((start, end, moved)) = g.place.as_ref().and_then(|p| p.current_call(&speaker)) {
            let (start0, end0) = (start.minus(moved), end.minus(moved));
            call.post.message = call.post.message.map_times(|t| match t {
                t if t == end0 => end,
                t if t == start0 => start,
                t => t,
            });
        }
        drop(g);
        if let Some(view) = moved_now {
            self.status_to_sink(&d.place, view).await;
        }
        Ok(call)
    }

    pub(super) fn slot(&self, place: &PlaceId) -> Arc<tokio::sync::Mutex<Slot>> {
        self.inner
            .slots
            .lock()
            .expect("slots lock")
            .entry(place.clone())
            .or_default()
            .clone()
    }

    /// [`Engine::refresh`], except on an input's first attempt with a shared database, where the
    /// cached state is used as it is: a commit computed from it lands only on the version it
    /// was read at (a conflict retries from a fresh read), so a lone command costs one round
    /// trip to the database, not two. Returns whether the state was checked against the store;
    /// an input that commits nothing passes that to [`Engine::may_answer`] before it answers.
    pub(super) async fn refresh_unless_trusted(
        &self,
        place: &PlaceId,
        slot: &mut Slot,
        attempt: usize,
    ) -> Result<bool, EngineError> {
        if attempt == 1 && slot.loaded && self.inner.shared {
            return Ok(false);
        }
        self.refresh(place, slot).await?;
        Ok(true)
    }

    /// Whether an answer computed from the slot's state, which commits nothing, may be given:
    /// always when the state was `checked` against the store (see
    /// [`Engine::refresh_unless_trusted`]); else only if the stored version is still the cached
    /// one. If not, the slot reads it again on the next attempt and the answer is dropped.
    pub(super) async fn may_answer(
        &self,
        checked: bool,
        place: &PlaceId,
        slot: &mut Slot,
    ) -> Result<bool, EngineError> {
        if checked || self.inner.store.version_of(place).await? == slot.version {
            return Ok(true);
        }
        slot.loaded = false;
        Ok(false)
    }

    /// Loads the place on first use and, when other processes share the database, again
    /// whenever the stored version moved on since it was cached.
    pub(super) async fn refresh(
        &self,
        place: &PlaceId,
        slot: &mut Slot,
    ) -> Result<(), EngineError> {
        // Another process may have committed this place since it was cached.
        if slot.loaded
            && self.inner.shared
            && self.inner.store.version_of(place).await? != slot.version
        {
            slot.loaded = false;
        }
        if !slot.loaded {
            let (state, version) = match self.inner.store.load_versioned(place).await? {
                Some((p, v)) => (Some(p), v),
                None => (None, 0),
            };
            slot.inherited = self.inner.shared && version > 0;
            self.note_zone(place, state.as_ref());
            slot.place = state;
            slot.version = version;
            slot.indexed = None;
            slot.loaded = true;
        }
        Ok(())
    }

    fn next_seed(&self) -> u64 {
        let mut s = self.inner.seed.lock().expect("seed lock");
        *s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *s
    }

    /// Commits the slot's place with its posts; on failure the slot reloads from the store next
    /// time, so memory never runs ahead of the database.
    pub(super) async fn commit(
        &self,
        place: &PlaceId,
        slot: &mut Slot,
        now: Timestamp,
        posts: &[Post],
    ) -> Result<Vec<Delivery>, EngineError> {
        let state = slot.place.as_ref().expect("commit needs a state");
        let next = state.next_deadline();
        // Voice changes of the community reach the places that follow them through this key.
        let key = state
            .follows_voice()
            .then(|| super::voice::community_key(place));
        let digest = state.members_digest(key.as_ref());
        // The index is written only when its members changed (rarely: a check-in, a forget-me);
        // the set is built only then.
        let members: Option<BTreeSet<MemberId>> = (slot.indexed != Some(digest)).then(|| {
            let mentioned = state.members_mentioned().into_iter().cloned();
            mentioned.chain(key).collect()
        });
        // Only what the meeting sees is kept for redelivery after a crash: an answer to one
        // member belongs to a request that is gone by then.
        let public: Vec<Post> = posts
            .iter()
            .filter(|p| p.audience.is_kept())
            .cloned()
            .collect();
        let result = self
            .inner
            .store
            .commit(Commit {
                place,
                state,
                next_deadline: next,
                members: members.as_ref(),
                now,
                session_open: state.session.is_some(),
                round_active: state.session.as_ref().is_some_and(|s| s.round.is_some()),
                posts: &public,
                base_version: slot.version,
                holder: self.inner.shared.then_some(self.process_id()),
            })
            .await;
        match result {
            Ok(entries) => {
                slot.version += 1;
                self.note_zone(place, Some(state));
                if std::mem::take(&mut slot.inherited) {
                    // A process that died may have left posts of this place undelivered: they
                    // were said first, so they go first (a live one delivering them too is
                    // harmless: the platform drops the repeat by its key).
                    let first_new = entries.first().map_or(i64::MAX, |e| e.id);
                    let older: Vec<Delivery> = self
                        .inner
                        .store
                        .pending_outbox_of(place)
                        .await?
                        .into_iter()
                        .filter(|e| e.id < first_new)
                        .map(Delivery::from)
                        .collect();
                    self.deliver_via_sinks(older).await?;
                }
                self.set_deadline(place, next);
                slot.indexed = Some(digest);
                let mut entries = entries.into_iter();
                Ok(posts
                    .iter()
                    .map(|post| match post.audience {
                        Audience::Place | Audience::Floor(_) => entries
                            .next()
                            .map(Delivery::from)
                            .expect("one entry per public post"),
                        _ => Delivery {
                            outbox_id: None,
                            place: place.clone(),
                            post: post.clone(),
                        },
                    })
                    .collect())
            }
            Err(e) => {
                slot.loaded = false;
                slot.place = None;
                slot.indexed = None;
                Err(e.into())
            }
        }
    }
}

fn metrics_log_rejection(code: RejectionCode) {
    metrics::counter!("sharecircle_rejections_total", "code" => code.as_str()).increment(1);
}

/// Commands by kind (the catalogue's words, `round_start`) and outcome; never who or what text.
fn count_command(kind: crate::domain::CommandKind, outcome: &'static str) {
    let label = crate::domain::catalogue::spec(kind)
        .words
        .replace([' ', '-'], "_");
    metrics::counter!("sharecircle_commands_total", "command" => label, "outcome" => outcome)
        .increment(1);
}

/// One INFO line per session event; never any member text or id.
pub(super) fn log_session_events(place: &PlaceId, posts: &[Post]) {
    for p in posts {
        let event = match p.kind {
            PostKind::SessionOpened => "session opened",
            PostKind::SessionClosed => "session closed",
            PostKind::RoundStarted => "round started",
            PostKind::RoundEnded => "round ended",
            _ => continue,
        };
        tracing::info!(place = %place, "{event}");
    }
}
