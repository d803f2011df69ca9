//! The platform metrics every adapter reports, named once here so that dashboards see the same
//! series from Discord and Matrix: messages delivered (posted or edited) by kind and outcome,
//! failed API requests by kind, and waits imposed by rate limits. Labels are the platform and
//! fixed words only: never a member, a place or any text.

use std::time::Duration;

/// Why a platform request did not succeed at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The platform asked us to slow down (HTTP 429, `M_LIMIT_EXCEEDED`); retried after a wait.
    RateLimited,
    /// A network failure or a server error (5xx); retried with backoff.
    Transient,
    /// Given up: retrying would not help, or the retries ran out.
    Failed,
}

impl ApiError {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiError::RateLimited => "rate_limited",
            ApiError::Transient => "transient",
            ApiError::Failed => "failed",
        }
    }
}

/// What a message the bot sends to a platform is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryKind {
    /// An answer to a member's command or gesture: a reply, a private (direct or ephemeral)
    /// answer, a refusal, and public posts the command caused.
    Answer,
    /// The live status message: its first post and every edit.
    Status,
    /// What the engine posts on its own: timers (warnings, "time", the next speaker), schedules,
    /// and posts redelivered after a restart.
    Timed,
    /// A reaction on a member's command: ✅ for their own action, 📬 for an answer sent to
    /// their direct room (Matrix).
    Reaction,
}

impl DeliveryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryKind::Answer => "answer",
            DeliveryKind::Status => "status",
            DeliveryKind::Timed => "timed",
            DeliveryKind::Reaction => "reaction",
        }
    }
}

/// Counts one message sent to `platform` — a post or an edit, each platform request that shows
/// members something, after its retries — by kind and outcome (`ok`, or `failed` when it was
/// given up): `sharecircle_deliveries_total{platform, kind, outcome}`.
pub fn delivery(platform: &'static str, kind: DeliveryKind, ok: bool) {
    let outcome = if ok { "ok" } else { "failed" };
    metrics::counter!("sharecircle_deliveries_total", "platform" => platform, "kind" => kind.as_str(), "outcome" => outcome)
        .increment(1);
}

/// [`delivery`] for the result of a send, which it passes on.
pub fn count_delivery<T, E>(
    platform: &'static str,
    kind: DeliveryKind,
    result: Result<T, E>,
) -> Result<T, E> {
    delivery(platform, kind, result.is_ok());
    result
}

/// Counts a failed request to `platform` (`sharecircle_platform_errors_total{platform, kind}`).
pub fn api_error(platform: &'static str, kind: ApiError) {
    metrics::counter!("sharecircle_platform_errors_total", "platform" => platform, "kind" => kind.as_str())
        .increment(1);
}

/// Records a wait imposed by `platform`'s rate limit (`sharecircle_rate_limit_waits_total` and
/// the histogram `sharecircle_rate_limit_wait_seconds`, both by platform).
pub fn rate_limit_wait(platform: &'static str, wait: Duration) {
    metrics::counter!("sharecircle_rate_limit_waits_total", "platform" => platform).increment(1);
    metrics::histogram!("sharecircle_rate_limit_wait_seconds", "platform" => platform)
        .record(wait.as_secs_f64());
}
