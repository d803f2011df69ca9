//! Failure injection: answer the next matching REST request with a 429 (with Discord's body and `X-RateLimit-*` headers) or another error, and keep the rate limit in force until `retry_after` has passed; or carry the request out and lose its answer — once, or for the first attempt of every state-changing request (`lose_first_answers`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// What to answer a matching request with.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// 429 with `{"message": "You are being rate limited.", "retry_after": x, "global": g}` and
    /// the headers `Retry-After`, `X-RateLimit-Limit/-Remaining/-Reset/-Reset-After/-Bucket/-Scope`
    /// (and `X-RateLimit-Global` when global). Until `retry_after` has passed, further requests
    /// to the same route (any route when global) get 429 again and are recorded as violations.
    RateLimited { retry_after: f64, global: bool },
    /// Any status with a Discord error body `{"code": code, "message": message}`.
    Status {
        status: u16,
        code: i64,
        message: String,
    },
    /// The request is carried out as usual (a message is created, an edit applied), but the
    /// client gets this status and Discord error body instead of the result, as when Discord's
    /// edge times out after the API acted: the client cannot tell that it landed.
    AnswerLost {
        status: u16,
        code: i64,
        message: String,
    },
}

impl Failure {
    pub fn rate_limited(retry_after: f64) -> Self {
        Self::RateLimited {
            retry_after,
            global: false,
        }
    }

    /// A 500 like Discord's occasional internal errors.
    pub fn internal_error() -> Self {
        Self::Status {
            status: 500,
            code: 0,
            message: "500: Internal Server Error".into(),
        }
    }

    /// Carried out, then answered 502 Bad Gateway (see [`Failure::AnswerLost`]).
    pub fn answer_lost() -> Self {
        Self::AnswerLost {
            status: 502,
            code: 0,
            message: "502: Bad Gateway".into(),
        }
    }
}

#[derive(Clone, Debug)]
struct Pending {
    method: String,
    pattern: String,
    failure: Failure,
}

#[derive(Clone, Debug)]
struct ActiveLimit {
    method: String,
    path: String,
    global: bool,
    until: Instant,
    bucket: String,
}

#[derive(Default)]
pub(crate) struct FailureState {
    pending: Vec<Pending>,
    limits: Vec<ActiveLimit>,
    /// Whether the first attempt of every state-changing request loses its answer.
    lose_first: bool,
    /// Requests whose answer was lost (method, path, query and body) → their index in the log.
    lost: HashMap<String, usize>,
}

/// What the lost-answers mode does with a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Attempt {
    /// Answered as usual: the mode is off, or the request changes nothing (GET, HEAD).
    Usual,
    /// The first attempt: carried out, then answered 502 (see [`Failure::answer_lost`]).
    Lose,
    /// The same request again after its answer was lost (the index of that first attempt):
    /// answered as Discord answers it now.
    Repeat(usize),
}

/// An answer decided by failure injection.
pub(crate) struct Injected {
    pub status: u16,
    pub body: Value,
    pub headers: Vec<(String, String)>,
    /// Set when the request came while a previous 429 was still in force.
    pub violation: Option<String>,
    /// Whether the request is carried out before this answer replaces the real one.
    pub carried_out: bool,
}

impl Injected {
    /// The answer to a request that was carried out but whose answer is lost (502, see
    /// [`Failure::answer_lost`]).
    pub(crate) fn lost() -> Injected {
        let Failure::AnswerLost {
            status,
            code,
            message,
        } = Failure::answer_lost()
        else {
            unreachable!("answer_lost is an AnswerLost")
        };
        Injected {
            status,
            body: json!({ "code": code, "message": message }),
            headers: Vec::new(),
            violation: None,
            carried_out: true,
        }
    }
}

fn strip_api(path: &str) -> &str {
    path.strip_prefix("/api/v10").unwrap_or(path)
}

/// `*` matches one path segment, `**` the rest; a pattern may include or omit `/api/v10`.
pub(crate) fn path_matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = strip_api(pattern).trim_matches('/').split('/').collect();
    let segs: Vec<&str> = strip_api(path).trim_matches('/').split('/').collect();
    let mut i = 0;
    for p in &pat {
        if *p == "**" {
            return true;
        }
        match segs.get(i) {
            Some(s) if *p == "*" || p == s => i += 1,
            _ => return false,
        }
    }
    i == segs.len()
}

fn rate_limit_answer(retry_after: f64, global: bool, bucket: &str) -> Injected {
    let reset = crate::model::unix_ms() as f64 / 1000.0 + retry_after;
    let mut headers = vec![
        (
            "Retry-After".to_owned(),
            format!("{}", retry_after.ceil() as u64),
        ),
        ("X-RateLimit-Limit".to_owned(), "5".to_owned()),
        ("X-RateLimit-Remaining".to_owned(), "0".to_owned()),
        ("X-RateLimit-Reset".to_owned(), format!("{reset:.3}")),
        (
            "X-RateLimit-Reset-After".to_owned(),
            format!("{retry_after:.3}"),
        ),
        ("X-RateLimit-Bucket".to_owned(), bucket.to_owned()),
        (
            "X-RateLimit-Scope".to_owned(),
            if global { "global" } else { "user" }.to_owned(),
        ),
    ];
    if global {
        headers.push(("X-RateLimit-Global".to_owned(), "true".to_owned()));
    }
    Injected {
        status: 429,
        body: json!({
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": global,
        }),
        headers,
        violation: None,
        carried_out: false,
    }
}

impl FailureState {
    pub fn set_lose_first(&mut self, on: bool) {
        self.lose_first = on;
    }

    /// In the lost-answers mode, whether `request` (method, path, query and body) is the first
    /// attempt of a state-changing request (its answer is lost; `index` is its place in the log)
    /// or repeats one whose answer was lost.
    pub fn attempt(&mut self, method: &str, request: String, index: usize) -> Attempt {
        if !self.lose_first || matches!(method, "GET" | "HEAD" | "OPTIONS") {
            return Attempt::Usual;
        }
        match self.lost.get(&request) {
            Some(first) => Attempt::Repeat(*first),
            None => {
                self.lost.insert(request, index);
                Attempt::Lose
            }
        }
    }

    pub fn push(&mut self, method: &str, pattern: &str, failure: Failure) {
        self.pending.push(Pending {
            method: method.to_ascii_uppercase(),
            pattern: pattern.to_owned(),
            failure,
        });
    }

    /// Decides whether this request is answered by an injected failure.
    pub fn check(&mut self, method: &str, path: &str) -> Option<Injected> {
        let now = Instant::now();
        self.limits.retain(|l| l.until > now);
        if let Some(l) = self
            .limits
            .iter()
            .find(|l| l.global || (l.method == method && l.path == path))
        {
            let left = (l.until - now).as_secs_f64();
            let mut answer = rate_limit_answer(left, l.global, &l.bucket);
            answer.violation = Some(format!(
                "{method} {path}: sent {left:.3}s before the 429's retry_after had passed"
            ));
            return Some(answer);
        }
        let idx = self
            .pending
            .iter()
            .position(|p| p.method == method && path_matches(&p.pattern, path))?;
        let pending = self.pending.remove(idx);
        Some(match pending.failure {
            Failure::RateLimited {
                retry_after,
                global,
            } => {
                let bucket = crate::model::random_hex(16);
                self.limits.push(ActiveLimit {
                    method: method.to_owned(),
                    path: path.to_owned(),
                    global,
                    until: now + Duration::from_secs_f64(retry_after.max(0.0)),
                    bucket: bucket.clone(),
                });
                rate_limit_answer(retry_after, global, &bucket)
            }
            Failure::Status {
                status,
                code,
                message,
            } => Injected {
                status,
                body: json!({ "code": code, "message": message }),
                headers: Vec::new(),
                violation: None,
                carried_out: false,
            },
            Failure::AnswerLost {
                status,
                code,
                message,
            } => Injected {
                status,
                body: json!({ "code": code, "message": message }),
                headers: Vec::new(),
                violation: None,
                carried_out: true,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(path_matches(
            "/channels/*/messages/*",
            "/api/v10/channels/1/messages/2"
        ));
        assert!(path_matches(
            "/api/v10/channels/*/messages/*",
            "/api/v10/channels/1/messages/2"
        ));
        assert!(!path_matches(
            "/channels/*/messages",
            "/api/v10/channels/1/messages/2"
        ));
        assert!(path_matches(
            "/webhooks/**",
            "/api/v10/webhooks/1/abc/messages/@original"
        ));
    }

    #[test]
    fn rate_limit_stays_in_force() {
        let mut f = FailureState::default();
        f.push(
            "patch",
            "/channels/*/messages/*",
            Failure::rate_limited(0.05),
        );
        let a = f.check("PATCH", "/api/v10/channels/1/messages/2").unwrap();
        assert_eq!(a.status, 429);
        assert!(a.violation.is_none());
        let b = f.check("PATCH", "/api/v10/channels/1/messages/2").unwrap();
        assert!(b.violation.is_some());
        assert!(f.check("PATCH", "/api/v10/channels/1/messages/3").is_none());
        std::thread::sleep(Duration::from_millis(60));
        assert!(f.check("PATCH", "/api/v10/channels/1/messages/2").is_none());
    }
}
