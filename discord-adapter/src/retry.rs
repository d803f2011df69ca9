//! The adapter's own retry for Discord REST calls: a 429 (or a 5xx) is retried with exponential
//! backoff (1 s, doubling, capped at 30 s, a bounded number of attempts).
//!
//! A 5xx does not say whether Discord acted (it may have created the message and lost the
//! answer), so only requests that are safe to repeat retry it: edits, creates with an enforced
//! nonce, interaction callbacks (a repeat is refused as already acknowledged). A request that
//! would act twice (a follow-up: Discord's `execute_webhook` takes no nonce) retries only a 429,
//! which Discord answers without acting.
//!
//! In production serenity's rate limiter waits out `retry_after` itself. With `HttpBuilder::proxy`
//! (tests) the rate limiter is off and serenity hands a 429 back as an `UnsuccessfulRequest` whose
//! body it could not decode, so `retry_after` is unknown: the backoff starts at 1 s, which is at
//! least Discord's usual per-route `retry_after`, and doubles until the request lands.

use std::future::Future;
use std::time::Duration;

use bot_core::telemetry::{self, ApiError};
use serenity::all::HttpError;

/// How retries are spaced and bounded.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    pub first: Duration,
    pub cap: Duration,
    pub attempts: u32,
    /// Whether a 5xx is retried: only for requests that are safe to repeat (see the module).
    pub server_errors: bool,
}

impl Backoff {
    /// Messages that are safe to repeat (edits, creates with an enforced nonce): 1 s, 2 s,
    /// 4 s … 30 s, 8 attempts (about 2 minutes).
    pub const MESSAGES: Backoff = Backoff {
        first: Duration::from_secs(1),
        cap: Duration::from_secs(30),
        attempts: 8,
        server_errors: true,
    };
    /// Requests that would act twice if repeated (follow-ups): as [`Backoff::MESSAGES`], but
    /// only 429s are retried.
    pub const ONCE: Backoff = Backoff {
        server_errors: false,
        ..Backoff::MESSAGES
    };
    /// Interaction callbacks, which are only valid for 3 seconds: one retry after 1 s.
    pub const CALLBACK: Backoff = Backoff {
        first: Duration::from_secs(1),
        cap: Duration::from_secs(1),
        attempts: 2,
        server_errors: true,
    };

    /// The wait before retry number `n` (1-based).
    pub fn delay(&self, n: u32) -> Duration {
        let factor = 1u32.checked_shl(n.saturating_sub(1)).unwrap_or(u32::MAX);
        self.first.saturating_mul(factor).min(self.cap)
    }
}

/// The HTTP status of a failed request, if the error is one.
pub fn status_of(err: &serenity::Error) -> Option<u16> {
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => Some(r.status_code.as_u16()),
        _ => None,
    }
}

/// Discord's JSON error code of a failed request (e.g. 40060), if it has one.
pub fn code_of(err: &serenity::Error) -> Option<isize> {
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => Some(r.error.code),
        _ => None,
    }
}

/// "Interaction has already been acknowledged": a second callback for one interaction.
pub const ALREADY_ACKNOWLEDGED: isize = 40060;

/// Whether trying again later may succeed: rate limited, or Discord had a server error.
pub fn is_transient(err: &serenity::Error) -> bool {
    matches!(status_of(err), Some(429 | 500 | 502 | 503 | 504))
}

impl Backoff {
    /// Whether `err` is retried under this backoff.
    fn retries(&self, err: &serenity::Error) -> bool {
        is_transient(err) && (self.server_errors || status_of(err) == Some(429))
    }
}

/// Runs `op` until it succeeds, fails for good, or the attempts run out.
pub async fn with_backoff<T, F, Fut>(what: &str, backoff: Backoff, mut op: F) -> serenity::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<T>>,
{
    let mut attempt = 1;
    loop {
        match op().await {
            Ok(v) => return Ok(v),
            Err(e) if backoff.retries(&e) && attempt < backoff.attempts => {
                let wait = backoff.delay(attempt);
                if status_of(&e) == Some(429) {
                    telemetry::api_error("discord", ApiError::RateLimited);
                    telemetry::rate_limit_wait("discord", wait);
                } else {
                    telemetry::api_error("discord", ApiError::Transient);
                }
                tracing::warn!(
                    request = what,
                    status = status_of(&e),
                    attempt,
                    wait_ms = wait.as_millis() as u64,
                    "Discord asked us to slow down (or failed); retrying"
                );
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            Err(e) => {
                telemetry::api_error("discord", ApiError::Failed);
                return Err(e);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let b = Backoff::MESSAGES;
        let waits: Vec<u64> = (1..=7).map(|n| b.delay(n).as_secs()).collect();
        assert_eq!(waits, vec![1, 2, 4, 8, 16, 30, 30]);
        assert_eq!(b.delay(100).as_secs(), 30);
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_the_attempts_on_other_errors_at_once() {
        let mut calls = 0;
        let r: serenity::Result<()> = with_backoff("test", Backoff::MESSAGES, || {
            calls += 1;
            async { Err(serenity::Error::Other("nope")) }
        })
        .await;
        assert!(r.is_err());
        assert_eq!(calls, 1);
    }
}
