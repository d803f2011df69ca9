//! Delivery: the posts on their way out, the sinks adapters register per platform, and the
//! outbox's undelivered posts (redelivered until acknowledged, except those a tick is about to
//! send).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};

use async_trait::async_trait;

use super::{Engine, EngineError, Executed};
use crate::domain::{PlaceId, Post, StatusView};
use crate::store::{OutboxEntry, StoreError};

/// A post on its way out. `outbox_id` is set when the post was committed with the state (it is
/// redelivered after a crash until acknowledged); answers that changed nothing have none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub outbox_id: Option<i64>,
    pub place: PlaceId,
    pub post: Post,
}

impl Delivery {
    /// An idempotency key for platforms that accept one.
    pub fn key(&self) -> Option<String> {
        self.outbox_id.map(|id| format!("sc-{id}"))
    }
}

impl From<OutboxEntry> for Delivery {
    fn from(e: OutboxEntry) -> Self {
        Delivery {
            outbox_id: Some(e.id),
            place: e.place,
            post: e.post,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("delivery failed: {0}")]
pub struct SinkError(pub String);

/// Where an adapter receives what the engine says on its own (timers, redeliveries, other places
/// touched by a command). One sink per platform, chosen by the place id's platform prefix.
#[async_trait]
pub trait Sink: Send + Sync + 'static {
    async fn deliver(&self, delivery: &Delivery) -> Result<(), SinkError>;
    /// The live status of a place changed (`None`: no session any more).
    async fn status_changed(&self, _place: &PlaceId, _view: Option<StatusView>) {}
}

/// The delivery state: the sink of each platform and the outbox ids a tick is about to send.
#[derive(Default)]
pub(super) struct Outbox {
    sinks: RwLock<HashMap<String, Arc<dyn Sink>>>,
    /// Outbox ids of timer posts committed and waiting for their deadline to go out: the
    /// periodic redelivery leaves them to the tick that is about to send them.
    in_flight: Mutex<HashSet<i64>>,
}

impl Outbox {
    fn sink_for(&self, place: &PlaceId) -> Option<Arc<dyn Sink>> {
        let sinks = self.sinks.read().expect("sinks lock");
        sinks.get(place.platform()).cloned()
    }

    /// A tick is about to send these posts: redelivery leaves them alone.
    pub(super) fn hold(&self, ids: &[i64]) {
        let mut f = self.in_flight.lock().expect("in-flight lock");
        f.extend(ids.iter().copied());
    }

    /// The tick sent (or failed to send) these posts.
    pub(super) fn release(&self, ids: &[i64]) {
        let mut f = self.in_flight.lock().expect("in-flight lock");
        for id in ids {
            f.remove(id);
        }
    }

    /// Leaves out posts a tick is about to send.
    fn not_in_flight(&self, pending: Vec<OutboxEntry>) -> Vec<OutboxEntry> {
        let f = self.in_flight.lock().expect("in-flight lock");
        if f.is_empty() {
            return pending;
        }
        pending.into_iter().filter(|e| !f.contains(&e.id)).collect()
    }
}

impl Engine {
    /// Routes deliveries for places whose id starts with `platform:` to `sink`.
    pub fn add_sink(&self, platform: &str, sink: Arc<dyn Sink>) {
        let mut sinks = self.inner.outbox.sinks.write().expect("sinks lock");
        sinks.insert(platform.to_string(), sink);
    }

    /// Delivers every post still in the outbox (oldest first) through the sinks.
    pub async fn redeliver_pending(&self) -> Result<usize, EngineError> {
        let pending = self.pending().await?;
        let n = pending.len();
        if n > 0 {
            tracing::info!(posts = n, "delivering posts left in the outbox");
        }
        self.deliver_via_sinks(pending.into_iter().map(Delivery::from).collect())
            .await?;
        Ok(n)
    }

    /// Delivers the posts still in the outbox for one platform's places (an adapter calls this
    /// once it is connected).
    pub async fn redeliver_pending_for(&self, platform: &str) -> Result<usize, EngineError> {
        let pending: Vec<Delivery> = self
            .pending()
            .await?
            .into_iter()
            .filter(|e| e.place.platform() == platform)
            .map(Delivery::from)
            .collect();
        let n = pending.len();
        self.deliver_via_sinks(pending).await?;
        Ok(n)
    }

    /// The caller delivered these posts: they leave the outbox.
    pub async fn acknowledge(&self, deliveries: &[Delivery]) -> Result<(), EngineError> {
        let ids: Vec<i64> = deliveries.iter().filter_map(|d| d.outbox_id).collect();
        self.inner.store.mark_delivered(&ids).await?;
        Ok(())
    }

    /// Delivers an execution's posts through the sinks (for adapters with no reply channel of
    /// their own, like the console) and acknowledges them.
    pub async fn dispatch(&self, executed: Executed) -> Result<(), EngineError> {
        if let Some(status) = &executed.status {
            if let Some(place) = executed.deliveries.first().map(|d| d.place.clone()) {
                self.status_to_sink(&place, status.view.clone()).await;
            }
        }
        self.deliver_via_sinks(executed.deliveries).await
    }

    /// The undelivered posts this process answers for: all of them, or with a shared database
    /// those of the places it holds; never those a tick is about to send.
    async fn pending(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        let pending = if self.inner.shared {
            let me = self.process_id();
            self.inner.store.pending_outbox_held_by(me).await?
        } else {
            self.inner.store.pending_outbox().await?
        };
        Ok(self.inner.outbox.not_in_flight(pending))
    }

    /// The sink of a place's platform, if an adapter registered one.
    pub(super) fn sink_for(&self, place: &PlaceId) -> Option<Arc<dyn Sink>> {
        self.inner.outbox.sink_for(place)
    }

    pub(super) async fn status_to_sink(&self, place: &PlaceId, view: Option<StatusView>) {
        if let Some(sink) = self.sink_for(place) {
            sink.status_changed(place, view).await;
        }
    }

    pub(super) async fn deliver_via_sinks(
        &self,
        deliveries: Vec<Delivery>,
    ) -> Result<(), EngineError> {
        let delivered = self.hand_to_sinks(&deliveries).await;
        self.inner.store.mark_delivered(&delivered).await?;
        Ok(())
    }

    /// Hands each post to its platform's sink; returns the outbox ids of those delivered (for
    /// the caller to acknowledge). A post no sink took stays in the outbox for a retry.
    pub(super) async fn hand_to_sinks(&self, deliveries: &[Delivery]) -> Vec<i64> {
        let mut delivered = Vec::new();
        for d in deliveries {
            let Some(sink) = self.sink_for(&d.place) else {
                tracing::warn!(
                    platform = d.place.platform(),
                    "no adapter for this platform; post kept for later"
                );
                continue;
            };
            // Sinks count what they send (`telemetry::delivery`): a post may be several messages.
            match sink.deliver(d).await {
                Ok(()) => delivered.extend(d.outbox_id),
                Err(e) => tracing::warn!(error = %e, "delivery failed; post kept for a retry"),
            }
        }
        delivered
    }
}
