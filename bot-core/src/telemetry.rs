//! The platform metrics every adapter reports, named once here so that dashboards see the same
//! series from Discord and Matrix: failed API requests by kind, and waits imposed by rate limits.
//! Labels are the platform and a fixed kind only: never a member, a place or any text.

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
