//! Retrying requests to the homeserver: on `M_LIMIT_EXCEEDED` wait the advertised `retry_after`
//! and try again (as often as it takes: nothing is dropped because of rate limits); on network
//! failures and 5xx answers back off exponentially for a bounded time. Anything else fails at once.
//! Sends ask matrix-sdk not to retry on its own (`send_once`), so every rate limit the
//! homeserver imposes comes back here, is counted in `/metrics` and starts at most one log line
//! a minute. Sends carry a transaction id, so a retry of a
//! request that did reach the server is deduplicated there.

use bot_core::telemetry::{self, ApiError};
use std::future::Future;
use std::time::Duration;

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// Rate limited: wait this long (or a default when the server gave no time).
    RateLimited(Option<Duration>),
    /// The server could not be reached or failed temporarily.
    Transient,
    /// Retrying will not help.
    Permanent,
}

/// Errors that know whether a retry may help.
pub trait Classify {
    fn hint(&self) -> Hint;
}

impl Classify for matrix_sdk::Error {
    fn hint(&self) -> Hint {
        use matrix_sdk::ruma::api::error::ErrorKind;
        if let Some(ErrorKind::LimitExceeded(limit)) = self.client_api_error_kind() {
            let after = limit.retry_after.as_ref().and_then(|r| match r {
                matrix_sdk::ruma::api::error::RetryAfter::Delay(d) => Some(*d),
                matrix_sdk::ruma::api::error::RetryAfter::DateTime(t) => {
                    t.duration_since(std::time::SystemTime::now()).ok()
                }
            });
            return Hint::RateLimited(after);
        }
        match self {
            matrix_sdk::Error::Http(e) => e.hint(),
            _ => Hint::Permanent,
        }
    }
}

impl Classify for matrix_sdk::HttpError {
    fn hint(&self) -> Hint {
        use matrix_sdk::ruma::api::error::ErrorKind;
        if let Some(ErrorKind::LimitExceeded(limit)) = self.client_api_error_kind() {
            let after = limit.retry_after.as_ref().and_then(|r| match r {
                matrix_sdk::ruma::api::error::RetryAfter::Delay(d) => Some(*d),
                matrix_sdk::ruma::api::error::RetryAfter::DateTime(t) => {
                    t.duration_since(std::time::SystemTime::now()).ok()
                }
            });
            return Hint::RateLimited(after);
        }
        match self {
            matrix_sdk::HttpError::Reqwest(_) => Hint::Transient,
            other => match other.as_client_api_error() {
                Some(api) if api.status_code.is_server_error() => Hint::Transient,
                _ => Hint::Permanent,
            },
        }
    }
}

/// How long to keep trying.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// First pause after a transient failure; doubles up to `max_delay`.
    pub first_delay: Duration,
    pub max_delay: Duration,
    /// Transient failures stop being retried after this much time in total.
    pub transient_budget: Duration,
    /// Used when a rate-limited answer has no `retry_after`.
    pub default_rate_wait: Duration,
}

/// For requests retried here: matrix-sdk is told not to retry them itself, so no rate limit goes
/// uncounted inside the SDK.
pub fn send_once() -> matrix_sdk::config::RequestConfig {
    matrix_sdk::config::RequestConfig::new().disable_retry()
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            first_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(5),
            transient_budget: Duration::from_secs(120),
            default_rate_wait: Duration::from_secs(1),
        }
    }
}

/// Rate-limit episodes: a busy meeting under a homeserver's limit waits many times a minute, and
/// a line for each wait would bury everything else in the log. One line starts an episode; the
/// waits are all counted in `/metrics` (`sharecircle_rate_limit_waits_total`).
struct Episodes {
    last_logged: std::sync::Mutex<Option<std::time::Instant>>,
}

/// A new episode starts after this long without a logged wait.
const EPISODE_GAP: Duration = Duration::from_secs(60);

static EPISODES: Episodes = Episodes {
    last_logged: std::sync::Mutex::new(None),
};

impl Episodes {
    /// Whether this wait starts a new episode (and is logged).
    fn starts_now(&self) -> bool {
        let mut last = self.last_logged.lock().expect("episodes lock");
        let now = std::time::Instant::now();
        if last.is_some_and(|t| now.duration_since(t) < EPISODE_GAP) {
            return false;
        }
        *last = Some(now);
        true
    }
}

/// Runs `op` until it succeeds, it fails permanently, or transient failures used up the budget.
pub async fn with_retry<T, E, F, Fut>(policy: Policy, what: &str, mut op: F) -> Result<T, E>
where
    E: Classify + std::fmt::Display,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut delay = policy.first_delay;
    let mut transient_spent = Duration::ZERO;
    loop {
        match op().await {
            Ok(v) => return Ok(v),
            Err(e) => match e.hint() {
                Hint::RateLimited(after) => {
                    let wait = after.unwrap_or(policy.default_rate_wait);
                    telemetry::api_error("matrix", ApiError::RateLimited);
                    telemetry::rate_limit_wait("matrix", wait);
                    if EPISODES.starts_now() {
                        tracing::info!(
                            what,
                            wait_ms = wait.as_millis() as u64,
                            "rate limited by the homeserver; waiting (further waits this minute are only counted in /metrics)"
                        );
                    }
                    tokio::time::sleep(wait).await;
                }
                Hint::Transient if transient_spent < policy.transient_budget => {
                    telemetry::api_error("matrix", ApiError::Transient);
                    tracing::warn!(what, error = %e, retry_in_ms = delay.as_millis() as u64, "request failed; retrying");
                    tokio::time::sleep(delay).await;
                    transient_spent += delay;
                    delay = (delay * 2).min(policy.max_delay);
                }
                _ => {
                    telemetry::api_error("matrix", ApiError::Failed);
                    return Err(e);
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Debug)]
    struct Fake(Hint);
    impl Classify for Fake {
        fn hint(&self) -> Hint {
            self.0
        }
    }
    impl std::fmt::Display for Fake {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }

    #[tokio::test(start_paused = true)]
    async fn rate_limits_wait_the_advertised_time_and_lose_nothing() {
        let calls = AtomicUsize::new(0);
        let start = tokio::time::Instant::now();
        let r: Result<u32, Fake> = with_retry(Policy::default(), "send", || {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            async move {
                if n < 5 {
                    Err(Fake(Hint::RateLimited(Some(Duration::from_millis(1500)))))
                } else {
                    Ok(7)
                }
            }
        })
        .await;
        assert_eq!(r.unwrap(), 7);
        assert_eq!(calls.load(Ordering::SeqCst), 6);
        assert_eq!(start.elapsed(), Duration::from_millis(7500));
    }

    #[tokio::test(start_paused = true)]
    async fn transient_failures_back_off_within_a_budget() {
        let calls = AtomicUsize::new(0);
        let policy = Policy {
            transient_budget: Duration::from_secs(3),
            ..Policy::default()
        };
        let r: Result<(), Fake> = with_retry(policy, "send", || {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Err(Fake(Hint::Transient)) }
        })
        .await;
        assert!(r.is_err());
        // 250 + 500 + 1000 + 2000 ms: the fifth failure is over budget
        assert_eq!(calls.load(Ordering::SeqCst), 5);
    }

    #[tokio::test(start_paused = true)]
    async fn permanent_failures_are_not_retried() {
        let calls = AtomicUsize::new(0);
        let r: Result<(), Fake> = with_retry(Policy::default(), "send", || {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Err(Fake(Hint::Permanent)) }
        })
        .await;
        assert!(r.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn sdk_rate_limit_errors_are_recognised() {
        use matrix_sdk::ruma::api::error::{
            ErrorBody, ErrorKind, LimitExceededErrorData, RetryAfter,
        };
        let mut data = LimitExceededErrorData::new();
        data.retry_after = Some(RetryAfter::Delay(Duration::from_millis(2500)));
        let api = matrix_sdk::ruma::api::error::Error::new(
            matrix_sdk::reqwest::StatusCode::TOO_MANY_REQUESTS,
            ErrorBody::Standard(matrix_sdk::ruma::api::error::StandardErrorBody::new(
                ErrorKind::LimitExceeded(data),
                "Too Many Requests".into(),
            )),
        );
        let http = matrix_sdk::HttpError::Api(Box::new(
            matrix_sdk::ruma::api::error::FromHttpResponseError::Server(
                matrix_sdk::RumaApiError::MatrixError(api),
            ),
        ));
        assert_eq!(
            http.hint(),
            Hint::RateLimited(Some(Duration::from_millis(2500)))
        );
        let e = matrix_sdk::Error::Http(Box::new(http));
        assert_eq!(
            e.hint(),
            Hint::RateLimited(Some(Duration::from_millis(2500)))
        );
    }
}
