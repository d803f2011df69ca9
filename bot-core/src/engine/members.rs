//! A member's own data across places: what the bot holds about them (`my data`) and erasing it
//! on request (`forget me`), in every place that mentions them.

use super::{Delivery, Engine, EngineError, Executed, LiveStatus, MAX_ATTEMPTS};
use crate::domain::place::{elsewhere_label, forgotten_message, here_label, my_data_message};
use crate::domain::{Actor, Audience, Lang, MemberId, PlaceId, Post, PostKind};
use crate::store::StoreError;

impl Engine {
    /// The language `actor` reads an answer in here: their own choice in this place, else their
    /// client's, else the place's (a place not used yet: the community's, else English).
    pub async fn reply_lang(&self, place: &PlaceId, actor: &Actor) -> Result<Lang, EngineError> {
        let slot = self.slot(place);
        let mut g = slot.lock().await;
        self.refresh(place, &mut g).await?;
        let to = Audience::Private(actor.member.id.clone());
        Ok(match g.place.as_ref() {
            Some(p) => p.lang_for(&to, Some(actor)),
            None => actor.locale.reader(),
        })
    }

    async fn places_of(
        &self,
        here: &PlaceId,
        member: &MemberId,
    ) -> Result<Vec<PlaceId>, EngineError> {
        let mut places = self.inner.store.places_mentioning(member).await?;
        // Places changed in memory but never committed cannot mention anyone; the store's index
        // is complete. The asking place always counts.
        if !places.contains(here) {
            places.insert(0, here.clone());
        }
        Ok(places)
    }

    pub(super) async fn my_data(
        &self,
        here: &PlaceId,
        actor: &Actor,
    ) -> Result<Executed, EngineError> {
        let mut found = Vec::new();
        for place in self.places_of(here, &actor.member.id).await? {
            let slot = self.slot(&place);
            let mut g = slot.lock().await;
            self.refresh(&place, &mut g).await?;
            if let Some(facts) = g
                .place
                .as_ref()
                .and_then(|p| p.member_facts(&actor.member.id))
            {
                let label = if &place == here {
                    here_label()
                } else {
                    elsewhere_label(&place.to_string())
                };
                found.push((label, facts));
            }
        }
        let lang = self.reply_lang(here, actor).await?;
        Ok(Executed {
            deliveries: vec![Delivery {
                outbox_id: None,
                place: here.clone(),
                post: Post {
                    audience: Audience::Private(actor.member.id.clone()),
                    kind: PostKind::MyData,
                    message: my_data_message(found),
                    lang,
                },
            }],
            rejected: None,
            status: None,
        })
    }

    pub(super) async fn forget_me(
        &self,
        here: &PlaceId,
        actor: &Actor,
    ) -> Result<Executed, EngineError> {
        let id = &actor.member.id;
        let mut here_deliveries = Vec::new();
        let mut status = None;
        for place in self.places_of(here, id).await? {
            let slot = self.slot(&place);
            let mut g = slot.lock().await;
            let mut attempt = 0;
            let (outcome, deliveries) = loop {
                attempt += 1;
                self.refresh(&place, &mut g).await?;
                let now = g.time(self.now());
                let Some(state) = g.place.as_mut() else {
                    break (None, Vec::new());
                };
                let outcome = state.forget_member(now, id);
                // Commit even when nothing changed in the state, so the member index forgets them.
                match self.commit(&place, &mut g, now, &outcome.posts).await {
                    Err(EngineError::Store(StoreError::Conflict)) if attempt < MAX_ATTEMPTS => {}
                    r => break (Some(outcome), r?),
                }
            };
            let Some(outcome) = outcome else {
                continue;
            };
            let changed = outcome.status_changed.then(|| LiveStatus::of(&g));
            drop(g);
            if &place == here {
                here_deliveries = deliveries;
                status = changed;
            } else {
                if let Some(c) = changed {
                    self.status_to_sink(&place, c.view).await;
                }
                self.deliver_via_sinks(deliveries).await?;
            }
        }
        tracing::info!("a member's data was erased on request");
        let lang = self.reply_lang(here, actor).await?;
        here_deliveries.push(Delivery {
            outbox_id: None,
            place: here.clone(),
            post: Post {
                audience: Audience::Private(id.clone()),
                kind: PostKind::Forgotten,
                message: forgotten_message(),
                lang,
            },
        });
        Ok(Executed {
            deliveries: here_deliveries,
            rejected: None,
            status,
        })
    }
}
