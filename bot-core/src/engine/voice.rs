//! Voice: what a platform says about voice reaches the places that follow voice in that
//! community (found through the member index under [`community_key`]), each commits what it
//! changes and its floor changes go out through the outbox like posts; at shutdown every place
//! this process holds lifts the mutes it put on.

use super::{Engine, EngineError, Executed, LiveStatus, MAX_ATTEMPTS};
use crate::domain::{Input, MemberId, PlaceId, VoiceInput};
use crate::store::StoreError;

/// The index key under which a place that follows voice is found from its community (the
/// place id without its channel: `discord:GUILD`). No member id has this form.
pub(crate) fn community_key(place: &PlaceId) -> MemberId {
    MemberId::new(format!("voice-link:{}", community_of(place)))
}

/// A place's community: its id without the last part (`discord:GUILD:CHANNEL` →
/// `discord:GUILD`; `console:main` → `console`).
pub fn community_of(place: &PlaceId) -> &str {
    let id = place.as_str();
    id.rsplit_once(':').map_or(id, |(community, _)| community)
}

impl Engine {
    /// The places that follow voice in `community` (`discord:GUILD`): a linked channel, or
    /// mutes still to lift.
    pub async fn voice_places(&self, community: &str) -> Result<Vec<PlaceId>, EngineError> {
        let key = MemberId::new(format!("voice-link:{community}"));
        Ok(self.inner.store.places_mentioning(&key).await?)
    }

    /// Hands `input` to every place that follows voice in `community` and delivers what each
    /// says and changes. A place that fails is logged and the others still hear it.
    pub async fn voice_in(&self, community: &str, input: VoiceInput) -> Result<(), EngineError> {
        for place in self.voice_places(community).await? {
            match self.voice(&place, input.clone()).await {
                Ok(executed) => self.dispatch_voice(&place, executed).await?,
                Err(e) => {
                    tracing::warn!(place = %place, error = %e, "a voice change was not taken in")
                }
            }
        }
        Ok(())
    }

    /// Delivers what a voice input produced, and a changed live status.
    pub async fn dispatch_voice(
        &self,
        place: &PlaceId,
        executed: Executed,
    ) -> Result<(), EngineError> {
        if let Some(status) = &executed.status {
            self.status_to_sink(place, status.view.clone()).await;
        }
        self.deliver_via_sinks(executed.deliveries).await
    }

    /// Hands `input` to one place: its members' roles resolved as for a command, the new state
    /// committed with its posts and floor changes, which come back to deliver.
    pub async fn voice(&self, place: &PlaceId, input: VoiceInput) -> Result<Executed, EngineError> {
        let admin_role = self.admin_role_of(place);
        let slot = self.slot(place);
        let mut g = slot.lock().await;
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.refresh(place, &mut g).await?;
            let now = g.time(self.now());
            let Some(state) = g.place.as_mut() else {
                return Ok(Executed::default());
            };
            let mut input = input.clone();
            let resolve = |s: &mut crate::domain::VoiceState| {
                s.actor.role = state.role_of(&s.actor, admin_role.as_deref());
            };
            match &mut input {
                VoiceInput::State(s) => resolve(s),
                VoiceInput::Snapshot(all) => all.iter_mut().for_each(resolve),
                _ => {}
            }
            let outcome = state.handle(now, Input::Voice(input)).unwrap_or_default();
            if !outcome.state_changed {
                return Ok(Executed::default());
            }
            let deliveries = match self.commit(place, &mut g, now, &outcome.posts).await {
                Err(EngineError::Store(StoreError::Conflict)) if attempt < MAX_ATTEMPTS => continue,
                r => r?,
            };
            let status = outcome.status_changed.then(|| LiveStatus::of(&g));
            return Ok(Executed {
                deliveries,
                rejected: None,
                status,
            });
        }
    }

    /// The process is stopping: every place it holds that follows voice lifts the mutes it put
    /// on (they come back when voice states come in again and the round still runs).
    pub async fn release_voice(&self) {
        let places: Vec<PlaceId> = {
            let slots = self.inner.slots.lock().expect("slots lock");
            slots.keys().cloned().collect()
        };
        for place in places {
            let follows = {
                let slot = self.slot(&place);
                let g = slot.lock().await;
                g.place.as_ref().is_some_and(|p| p.follows_voice())
            };
            if !follows {
                continue;
            }
            match self.voice(&place, VoiceInput::Release).await {
                Ok(executed) => {
                    if let Err(e) = self.dispatch_voice(&place, executed).await {
                        tracing::warn!(place = %place, error = %e, "mutes could not be lifted at shutdown");
                    }
                }
                Err(e) => {
                    tracing::warn!(place = %place, error = %e, "mutes could not be lifted at shutdown")
                }
            }
        }
    }
}
