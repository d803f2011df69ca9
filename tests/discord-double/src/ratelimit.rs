//! Per-route rate limits like Discord's for the voice and Stage routes: buckets keyed by route and major parameter (the guild, or the Stage channel), `X-RateLimit-*` headers on every answer of a limited route, a 429 with `retry_after` when a bucket is empty, and a violation when a client sends into a bucket it was told is empty.
//!
//! Discord documents the headers and the 429 body (developers/topics/rate-limits) but not the
//! numbers, and asks clients to read the headers instead of hard-coding limits; the double's
//! defaults ([`RateLimits::default`]) are of the same order as what Discord answers, and tests
//! shorten the windows.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::model::unix_ms;

/// How many requests a bucket takes per window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteLimit {
    pub limit: u32,
    pub window: Duration,
}

impl RouteLimit {
    pub fn new(limit: u32, window: Duration) -> Self {
        Self { limit, window }
    }
}

/// The limits of the rate-limited routes (each bucket counts per major parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    /// `PATCH /guilds/{guild}/members/{user}`, per guild (default 10 per 10 s).
    pub member_patch: RouteLimit,
    /// `PATCH /guilds/{guild}/voice-states/{user}` and `/@me`, per guild (default 10 per 10 s).
    pub voice_state_patch: RouteLimit,
    /// `GET /guilds/{guild}/voice-states/{user}` and `/@me`, per guild (default 5 per 1 s).
    pub voice_state_get: RouteLimit,
    /// `POST /stage-instances` (one bucket) and `GET/PATCH/DELETE /stage-instances/{channel}`
    /// (per channel) (default 5 per 5 s each).
    pub stage_instance: RouteLimit,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            member_patch: RouteLimit::new(10, Duration::from_secs(10)),
            voice_state_patch: RouteLimit::new(10, Duration::from_secs(10)),
            voice_state_get: RouteLimit::new(5, Duration::from_secs(1)),
            stage_instance: RouteLimit::new(5, Duration::from_secs(5)),
        }
    }
}

/// A rate-limited route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Route {
    MemberPatch,
    VoiceStatePatch,
    VoiceStateGet,
    StageInstanceCreate,
    StageInstance,
}

impl Route {
    fn limit(self, limits: &RateLimits) -> RouteLimit {
        match self {
            Route::MemberPatch => limits.member_patch,
            Route::VoiceStatePatch => limits.voice_state_patch,
            Route::VoiceStateGet => limits.voice_state_get,
            Route::StageInstanceCreate | Route::StageInstance => limits.stage_instance,
        }
    }

    /// The `X-RateLimit-Bucket` value: one per route, the same for every major parameter
    /// (Discord: "non-inclusive of top-level resources in the path").
    fn bucket_hash(self) -> &'static str {
        match self {
            Route::MemberPatch => "8d1c9e2f4b6a0735d0b1e001",
            Route::VoiceStatePatch => "3f7a2b9c1e5d8064d0b1e002",
            Route::VoiceStateGet => "b6e04a3d9f2c7158d0b1e003",
            Route::StageInstanceCreate => "51c8f7e2a09b3d46d0b1e004",
            Route::StageInstance => "e9a3d6b1c4f70825d0b1e005",
        }
    }
}

/// The rate-limited route of a request and its major parameter, if it has one.
pub(crate) fn classify(method: &str, path: &str) -> Option<(Route, u64)> {
    let rest = path.strip_prefix("/api/v10/")?;
    let segs: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let id = |s: &str| s.parse::<u64>().ok();
    match (method, segs.as_slice()) {
        ("PATCH", ["guilds", g, "members", u]) if u.parse::<u64>().is_ok() => {
            Some((Route::MemberPatch, id(g)?))
        }
        ("PATCH", ["guilds", g, "voice-states", _]) => Some((Route::VoiceStatePatch, id(g)?)),
        ("GET", ["guilds", g, "voice-states", _]) => Some((Route::VoiceStateGet, id(g)?)),
        ("POST", ["stage-instances"]) => Some((Route::StageInstanceCreate, 0)),
        ("GET" | "PATCH" | "DELETE", ["stage-instances", c]) => {
            Some((Route::StageInstance, id(c)?))
        }
        _ => None,
    }
}

#[derive(Clone, Debug)]
struct Bucket {
    limit: u32,
    remaining: u32,
    reset_at: Instant,
    /// The same instant as Unix seconds (for `X-RateLimit-Reset`).
    reset_unix: f64,
    /// Whether an answer already told the client `X-RateLimit-Remaining: 0` in this window.
    told_empty: bool,
}

impl Bucket {
    fn headers(&self, route: Route, now: Instant) -> Vec<(String, String)> {
        let after = self.reset_at.saturating_duration_since(now).as_secs_f64();
        vec![
            ("X-RateLimit-Limit".into(), self.limit.to_string()),
            ("X-RateLimit-Remaining".into(), self.remaining.to_string()),
            (
                "X-RateLimit-Reset".into(),
                format!("{:.3}", self.reset_unix),
            ),
            ("X-RateLimit-Reset-After".into(), format!("{after:.3}")),
            ("X-RateLimit-Bucket".into(), route.bucket_hash().into()),
        ]
    }
}

/// What a bucket decided about a request.
pub(crate) enum Taken {
    /// Goes through; answer with these headers.
    Allowed(Vec<(String, String)>),
    /// Refused with 429: headers, body, and whether the client had been told the bucket was
    /// empty (a violation).
    Limited {
        headers: Vec<(String, String)>,
        body: Value,
        knew: bool,
        retry_after: f64,
    },
}

/// Every bucket in use, by route and major parameter.
#[derive(Default, Debug)]
pub(crate) struct Buckets {
    map: HashMap<(Route, u64), Bucket>,
}

impl Buckets {
    /// Counts a request against its bucket (a window opens with the first request after the
    /// previous one reset), or refuses it when the bucket is empty.
    pub fn take(&mut self, limits: &RateLimits, route: Route, major: u64, now: Instant) -> Taken {
        let RouteLimit { limit, window } = route.limit(limits);
        let fresh = || Bucket {
            limit,
            remaining: limit,
            reset_at: now + window,
            reset_unix: unix_ms() as f64 / 1000.0 + window.as_secs_f64(),
            told_empty: false,
        };
        let bucket = self.map.entry((route, major)).or_insert_with(fresh);
        if now >= bucket.reset_at {
            *bucket = fresh();
        }
        if bucket.remaining == 0 {
            let knew = bucket.told_empty;
            bucket.told_empty = true;
            let retry_after = bucket.reset_at.saturating_duration_since(now).as_secs_f64();
            // Discord gives `retry_after` in seconds with millisecond precision.
            let retry_after = (retry_after * 1000.0).ceil() / 1000.0;
            let mut headers = bucket.headers(route, now);
            headers.push((
                "Retry-After".into(),
                format!("{}", retry_after.ceil() as u64),
            ));
            headers.push(("X-RateLimit-Scope".into(), "user".into()));
            return Taken::Limited {
                headers,
                body: json!({
                    "message": "You are being rate limited.",
                    "retry_after": retry_after,
                    "global": false,
                }),
                knew,
                retry_after,
            };
        }
        bucket.remaining -= 1;
        if bucket.remaining == 0 {
            bucket.told_empty = true;
        }
        Taken::Allowed(bucket.headers(route, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header<'a>(h: &'a [(String, String)], name: &str) -> &'a str {
        h.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} in {h:?}"))
    }

    #[test]
    fn routes_and_major_parameters() {
        assert_eq!(
            classify("PATCH", "/api/v10/guilds/1/members/2"),
            Some((Route::MemberPatch, 1))
        );
        assert_eq!(classify("PATCH", "/api/v10/guilds/1/members/@me"), None);
        assert_eq!(classify("GET", "/api/v10/guilds/1/members/2"), None);
        assert_eq!(
            classify("PATCH", "/api/v10/guilds/7/voice-states/@me"),
            Some((Route::VoiceStatePatch, 7))
        );
        assert_eq!(
            classify("GET", "/api/v10/guilds/7/voice-states/3"),
            Some((Route::VoiceStateGet, 7))
        );
        assert_eq!(
            classify("POST", "/api/v10/stage-instances"),
            Some((Route::StageInstanceCreate, 0))
        );
        assert_eq!(
            classify("DELETE", "/api/v10/stage-instances/9"),
            Some((Route::StageInstance, 9))
        );
        assert_eq!(classify("POST", "/api/v10/channels/1/messages"), None);
    }

    #[test]
    fn a_bucket_counts_down_refuses_then_resets_per_guild() {
        let limits = RateLimits {
            member_patch: RouteLimit::new(2, Duration::from_millis(200)),
            ..RateLimits::default()
        };
        let mut b = Buckets::default();
        let t0 = Instant::now();
        let Taken::Allowed(h) = b.take(&limits, Route::MemberPatch, 1, t0) else {
            panic!("first request refused")
        };
        assert_eq!(header(&h, "X-RateLimit-Limit"), "2");
        assert_eq!(header(&h, "X-RateLimit-Remaining"), "1");
        assert_eq!(header(&h, "X-RateLimit-Reset-After"), "0.200");
        let Taken::Allowed(h) = b.take(&limits, Route::MemberPatch, 1, t0) else {
            panic!("second request refused")
        };
        assert_eq!(header(&h, "X-RateLimit-Remaining"), "0");
        // Another guild has its own count, under the same bucket hash.
        let Taken::Allowed(other) = b.take(&limits, Route::MemberPatch, 2, t0) else {
            panic!("another guild refused")
        };
        assert_eq!(header(&other, "X-RateLimit-Remaining"), "1");
        assert_eq!(
            header(&other, "X-RateLimit-Bucket"),
            header(&h, "X-RateLimit-Bucket")
        );
        let t1 = t0 + Duration::from_millis(50);
        match b.take(&limits, Route::MemberPatch, 1, t1) {
            Taken::Limited {
                headers,
                body,
                knew,
                retry_after,
            } => {
                assert!(knew, "the previous answer said Remaining 0");
                assert!((retry_after - 0.15).abs() < 1e-9, "{retry_after}");
                assert_eq!(body["retry_after"], 0.15);
                assert_eq!(body["global"], false);
                assert_eq!(header(&headers, "Retry-After"), "1");
                assert_eq!(header(&headers, "X-RateLimit-Scope"), "user");
            }
            Taken::Allowed(h) => panic!("third request allowed: {h:?}"),
        }
        let t2 = t0 + Duration::from_millis(200);
        assert!(matches!(
            b.take(&limits, Route::MemberPatch, 1, t2),
            Taken::Allowed(_)
        ));
    }

    #[test]
    fn a_zero_limit_refuses_without_blaming_the_client_the_first_time() {
        let limits = RateLimits {
            voice_state_patch: RouteLimit::new(0, Duration::from_secs(1)),
            ..RateLimits::default()
        };
        let mut b = Buckets::default();
        let now = Instant::now();
        assert!(matches!(
            b.take(&limits, Route::VoiceStatePatch, 1, now),
            Taken::Limited { knew: false, .. }
        ));
        assert!(matches!(
            b.take(&limits, Route::VoiceStatePatch, 1, now),
            Taken::Limited { knew: true, .. }
        ));
    }
}
