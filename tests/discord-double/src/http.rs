//! HTTP routes: the REST API v10 under `/api/v10` (gateway discovery, users, applications and commands, interaction callbacks, webhooks, channel messages, guild reads), every request recorded, unknown routes answered 404 and recorded as violations.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{RawQuery, State as AxumState};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use crate::failure::{Attempt, Injected};
use crate::gateway::serve_connection;
use crate::interactions::interaction_type;
use crate::model::{perms, snowflake, unix_ms};
use crate::ratelimit::{self, Taken};
use crate::recording::{
    NonceHit, RecordedCallback, RecordedRequest, Shared, State, StoredFile, StoredMessage,
};
use crate::validation::{
    self, ApiError, FormErrors, FLAG_COMPONENTS_V2, FLAG_EPHEMERAL, FLAG_LOADING,
};
use crate::voice;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/gateway", get(gateway_ws))
        .fallback(api)
        .with_state(shared)
}

async fn gateway_ws(
    AxumState(shared): AxumState<Arc<Shared>>,
    RawQuery(query): RawQuery,
    ws: WebSocketUpgrade,
) -> Response {
    let query = query.unwrap_or_default();
    ws.max_message_size(4096 * 1024)
        .on_upgrade(move |socket| serve_connection(shared, socket, query))
}

/// A successful answer.
enum Reply {
    Json(u16, Value),
    NoContent,
    /// A file's bytes (an attachment served at its URL), with its content type.
    Bytes(String, Vec<u8>),
}

impl Reply {
    fn ok(v: Value) -> Result<Self, ApiError> {
        Ok(Self::Json(200, v))
    }

    /// A voice route's answer: 200 with JSON, or 204.
    fn voice(v: Option<Value>) -> Self {
        v.map_or(Self::NoContent, |v| Self::Json(200, v))
    }
}

type Answer = Result<Reply, ApiError>;

/// Everything a route needs to know about the request.
struct Req<'a> {
    method: &'a Method,
    path: &'a str,
    query: &'a [(String, String)],
    body: Option<&'a Value>,
    /// Whether the body was multipart/form-data (its `payload_json` is `body`).
    multipart: bool,
    /// The `files[n]` parts of a multipart body.
    files: &'a [FormPart],
}

impl Req<'_> {
    fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Result<&Value, ApiError> {
        self.body.ok_or_else(|| {
            let mut e = FormErrors::default();
            e.add("", "BASE_TYPE_REQUIRED", "A JSON body is required");
            e.into_result().expect_err("an error was added")
        })
    }
}

fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

/// One part of a multipart/form-data body.
#[derive(Clone, Debug)]
pub(crate) struct FormPart {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A `Content-Disposition` parameter (`name="files[0]"`).
fn disposition_param(headers: &str, key: &str) -> Option<String> {
    let line = headers
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
    line.split(';').skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// The parts of a multipart/form-data body (binary-safe); `None` when it is not well formed.
fn multipart_parts(content_type: &str, body: &[u8]) -> Option<Vec<FormPart>> {
    let boundary = content_type
        .split("boundary=")
        .nth(1)?
        .split(';')
        .next()?
        .trim()
        .trim_matches('"');
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find_bytes(body, &delimiter, 0)? + delimiter.len();
    loop {
        if body[pos..].starts_with(b"--") {
            return Some(parts);
        }
        let start = pos
            + if body[pos..].starts_with(b"\r\n") {
                2
            } else {
                0
            };
        let next = find_bytes(body, &delimiter, start)?;
        let part = &body[start..next];
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let head_end = find_bytes(part, b"\r\n\r\n", 0)?;
        let headers = String::from_utf8_lossy(&part[..head_end]).into_owned();
        let content_type = headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-type")
                .then(|| v.trim().to_owned())
        });
        parts.push(FormPart {
            name: disposition_param(&headers, "name")?,
            filename: disposition_param(&headers, "filename"),
            content_type,
            data: part[head_end + 4..].to_vec(),
        });
        pos = next + delimiter.len();
    }
}

async fn api(
    AxumState(shared): AxumState<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let at = Instant::now();
    let path = uri.path().to_owned();
    let raw_query = uri.query().unwrap_or("").to_owned();
    let query = parse_query(&raw_query);
    let header_map: BTreeMap<String, String> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let content_type = header_map.get("content-type").cloned().unwrap_or_default();
    let multipart = content_type.starts_with("multipart/form-data");
    let mut files: Vec<FormPart> = Vec::new();
    let (json_body, raw_body) = if body.is_empty() {
        (None, None)
    } else if multipart {
        let parts = multipart_parts(&content_type, &body).unwrap_or_default();
        let payload = parts
            .iter()
            .find(|p| p.name == "payload_json")
            .and_then(|p| serde_json::from_slice::<Value>(&p.data).ok());
        files = parts
            .into_iter()
            .filter(|p| p.name != "payload_json")
            .collect();
        (payload, Some(String::from_utf8_lossy(&body).into_owned()))
    } else {
        match serde_json::from_slice::<Value>(&body) {
            Ok(v) => (Some(v), None),
            Err(_) => (None, Some(String::from_utf8_lossy(&body).into_owned())),
        }
    };

    let served: std::cell::RefCell<Option<(String, Vec<u8>)>> = Default::default();
    let (status, response, extra_headers) = shared.with(|st| {
        let mut extra: Vec<(String, String)> = Vec::new();
        // `consequence`: the request repeats one whose answer was lost, so an error it gets
        // (a second callback refused, a deleted message gone) follows from what the first
        // attempt did, not from a rule the client broke.
        let carry_out = |st: &mut State, consequence: bool| {
            let req = Req {
                method: &method,
                path: &path,
                query: &query,
                body: json_body.as_ref(),
                multipart,
                files: &files,
            };
            let answer = authorize(
                &shared,
                &req,
                header_map.get("authorization").map(String::as_str),
            )
            .and_then(|()| route(&shared, st, &req));
            match answer {
                Ok(Reply::Json(status, v)) => (status, Some(v)),
                Ok(Reply::NoContent) => (204, None),
                Ok(Reply::Bytes(kind, bytes)) => {
                    *served.borrow_mut() = Some((kind, bytes));
                    (200, None)
                }
                Err(e) => {
                    if !consequence {
                        st.violation(format!("{method} {path}: {}", e.summary()));
                    }
                    (e.status, Some(e.body))
                }
            }
        };
        let index = st.requests.len();
        let mut repeats = None;
        // The bucket of a rate-limited route (its headers go on every answer of the route).
        let mut bucket_headers = None;
        let (status, response, injected) =
            if let Some(inj) = st.failures.check(method.as_str(), &path) {
                if let Some(v) = inj.violation {
                    st.violation(v);
                }
                if inj.carried_out {
                    // Done, but the client never learns the result.
                    let _ = carry_out(st, false);
                }
                extra = inj.headers;
                (inj.status, Some(inj.body), true)
            } else if let Some(Taken::Limited {
                headers,
                body,
                knew,
                retry_after,
            }) = ratelimit::classify(method.as_str(), &path).map(|(route, major)| {
                let taken = st
                    .buckets
                    .take(&shared.config.rate_limits, route, major, at);
                if let Taken::Allowed(h) = &taken {
                    bucket_headers = Some(h.clone());
                }
                taken
            }) {
                if knew {
                    st.violation(format!(
                        "{method} {path}: sent into a rate-limit bucket the client was told is empty (X-RateLimit-Remaining: 0), {retry_after:.3}s before its reset"
                    ));
                }
                bucket_headers = Some(headers);
                (429, Some(body), false)
            } else {
                let body = json_body
                    .as_ref()
                    .map(Value::to_string)
                    .or_else(|| raw_body.clone())
                    .unwrap_or_default();
                let request = format!("{method} {path}?{raw_query} {body}");
                match st.failures.attempt(method.as_str(), request, index) {
                    Attempt::Lose => {
                        // Done, but the client never learns the result.
                        let _ = carry_out(st, false);
                        let lost = Injected::lost();
                        (lost.status, Some(lost.body), true)
                    }
                    Attempt::Repeat(first) => {
                        repeats = Some(first);
                        let (status, response) = carry_out(st, true);
                        (status, response, false)
                    }
                    Attempt::Usual => {
                        let (status, response) = carry_out(st, false);
                        (status, response, false)
                    }
                }
            };
        st.requests.push(RecordedRequest {
            index,
            method: method.as_str().to_owned(),
            path: path.clone(),
            query: raw_query.clone(),
            query_pairs: query.clone(),
            headers: header_map.clone(),
            body: json_body.clone(),
            raw_body: raw_body.clone(),
            at,
            since_start: at.duration_since(shared.started),
            status,
            response: response.clone(),
            injected,
            repeats,
        });
        if let Some(h) = bucket_headers {
            extra.extend(h);
        } else if status != 429 {
            let reset_after = 1.0;
            extra.push(("X-RateLimit-Limit".into(), "5".into()));
            extra.push(("X-RateLimit-Remaining".into(), "4".into()));
            extra.push((
                "X-RateLimit-Reset".into(),
                format!("{:.3}", unix_ms() as f64 / 1000.0 + reset_after),
            ));
            extra.push((
                "X-RateLimit-Reset-After".into(),
                format!("{reset_after:.3}"),
            ));
            extra.push(("X-RateLimit-Bucket".into(), "d0ub1e".into()));
        }
        (status, response, extra)
    });
    tracing::debug!(target: "discord_double", "{method} {path} -> {status}");

    let mut res = match (response, served.into_inner()) {
        (_, Some((kind, bytes))) => {
            ([(axum::http::header::CONTENT_TYPE, kind)], bytes).into_response()
        }
        (Some(v), None) => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            axum::Json(v),
        )
            .into_response(),
        (None, None) => StatusCode::from_u16(status)
            .unwrap_or(StatusCode::NO_CONTENT)
            .into_response(),
    };
    for (k, v) in extra_headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            res.headers_mut().insert(k, v);
        }
    }
    res
}

/// Bot-authenticated routes need `Authorization: Bot <token>`; interaction and webhook routes
/// are authenticated by their token, and `GET /gateway` by nothing.
fn authorize(shared: &Shared, req: &Req<'_>, auth: Option<&str>) -> Result<(), ApiError> {
    let route = req.path.strip_prefix("/api/v10").unwrap_or(req.path);
    let open = route == "/gateway"
        || route.starts_with("/attachments/")
        || route.starts_with("/interactions/")
        || route.starts_with("/webhooks/");
    if open {
        return Ok(());
    }
    let expected = format!("Bot {}", shared.config.token);
    if auth == Some(expected.as_str()) {
        Ok(())
    } else {
        Err(ApiError::unauthorized())
    }
}

fn id_of(s: &str) -> Option<u64> {
    s.parse().ok()
}

fn route(shared: &Shared, st: &mut State, req: &Req<'_>) -> Answer {
    if let Some(rest) = req.path.strip_prefix("/attachments/") {
        return serve_file(st, req, rest);
    }
    if req.multipart && req.body.is_none() {
        // Discord reads the JSON of a multipart request from its `payload_json` part.
        return Err(ApiError::new(
            400,
            50109,
            "The request body contains invalid JSON.",
        ));
    }
    let Some(rest) = req.path.strip_prefix("/api/v10/") else {
        return Err(ApiError::not_found());
    };
    let segs: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let cfg = &shared.config;
    let m = req.method;
    let app_ok = |app: &str| id_of(app) == Some(cfg.application_id);
    match (m, segs.as_slice()) {
        (&Method::GET, ["gateway"]) => Reply::ok(json!({ "url": shared.ws_url })),
        (&Method::GET, ["gateway", "bot"]) => Reply::ok(json!({
            "url": shared.ws_url,
            "shards": cfg.recommended_shards,
            "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1 },
        })),
        (&Method::GET, ["users", "@me"]) => {
            let mut u = cfg.bot_user.to_json();
            u["verified"] = json!(true);
            u["mfa_enabled"] = json!(false);
            u["email"] = Value::Null;
            u["locale"] = json!("en-US");
            Reply::ok(u)
        }
        (&Method::GET, ["users", id]) => id_of(id)
            .and_then(|id| cfg.find_user(id))
            .map(|u| Reply::Json(200, u.to_json()))
            .ok_or_else(ApiError::unknown_user),
        (&Method::GET, ["oauth2", "applications", "@me"] | ["applications", "@me"]) => {
            Reply::ok(application_json(shared))
        }
        (_, ["applications", app, "commands", ..])
        | (_, ["applications", app, "guilds", _, "commands", ..])
            if !app_ok(app) =>
        {
            Err(ApiError::new(403, 50001, "Missing Access"))
        }
        (_, ["applications", _, "commands"]) => commands(shared, st, req, None),
        (_, ["applications", _, "guilds", gid, "commands"]) => {
            let gid = id_of(gid)
                .filter(|g| st.guild(*g).is_some())
                .ok_or_else(ApiError::unknown_guild)?;
            commands(shared, st, req, Some(gid))
        }
        (_, ["applications", _, "commands", cid]) => command_by_id(st, req, None, cid),
        (_, ["applications", _, "guilds", gid, "commands", cid]) => {
            let gid = id_of(gid)
                .filter(|g| st.guild(*g).is_some())
                .ok_or_else(ApiError::unknown_guild)?;
            command_by_id(st, req, Some(gid), cid)
        }
        (&Method::POST, ["interactions", id, token, "callback"]) => {
            callback(shared, st, req, id, token)
        }
        (&Method::POST, ["webhooks", app, token]) if app_ok(app) => {
            followup(shared, st, req, token)
        }
        (_, ["webhooks", app, token, "messages", mid]) if app_ok(app) => {
            webhook_message(shared, st, req, token, mid)
        }
        (_, ["webhooks", ..]) => Err(ApiError::unknown_webhook()),
        (&Method::GET, ["channels", cid]) => {
            let cid = id_of(cid).ok_or_else(ApiError::unknown_channel)?;
            let g = st
                .guild_of_channel(cid)
                .ok_or_else(ApiError::unknown_channel)?;
            Reply::ok(g.channel(cid).expect("found").to_json(g.id))
        }
        (_, ["channels", cid, "messages", ..]) | (&Method::POST, ["channels", cid, "typing"]) => {
            let cid = id_of(cid)
                .filter(|c| st.guild_of_channel(*c).is_some())
                .ok_or_else(ApiError::unknown_channel)?;
            channel_messages(shared, st, req, cid, &segs[2..])
        }
        (&Method::PATCH, ["guilds", gid, "members", uid]) if id_of(uid).is_some() => {
            let body = req.json()?;
            voice::patch_member(st, cfg.bot_user.id, gid, uid, body).map(Reply::voice)
        }
        (&Method::GET, ["guilds", gid, "voice-states", uid]) => {
            voice::get_state(st, cfg.bot_user.id, gid, uid).map(Reply::voice)
        }
        (&Method::PATCH, ["guilds", gid, "voice-states", uid]) => {
            let body = req.json()?;
            voice::patch_state(st, cfg.bot_user.id, gid, uid, body).map(Reply::voice)
        }
        (&Method::POST, ["stage-instances"]) => {
            let body = req.json()?;
            voice::create_stage(st, cfg.bot_user.id, body).map(Reply::voice)
        }
        (&Method::GET | &Method::PATCH | &Method::DELETE, ["stage-instances", cid]) => {
            if *req.method == Method::PATCH {
                req.json()?;
            }
            voice::stage_instance(st, cfg.bot_user.id, req.method.as_str(), cid, req.body)
                .map(Reply::voice)
        }
        (&Method::GET, ["guilds", gid, ..]) => {
            let g = id_of(gid)
                .and_then(|g| st.guild(g))
                .ok_or_else(ApiError::unknown_guild)?;
            match &segs[2..] {
                [] => {
                    let mut v = g.guild_json();
                    if req.param("with_counts") == Some("true") {
                        v["approximate_member_count"] = json!(g.members.len());
                        v["approximate_presence_count"] = json!(0);
                    }
                    Reply::ok(v)
                }
                ["channels"] => Reply::ok(json!(g
                    .channels
                    .iter()
                    .map(|c| c.to_json(g.id))
                    .collect::<Vec<_>>())),
                ["roles"] => Reply::ok(json!(g
                    .roles
                    .iter()
                    .map(|r| r.to_json())
                    .collect::<Vec<_>>())),
                ["members"] => {
                    if cfg.allowed_privileged_intents & crate::model::intents::GUILD_MEMBERS == 0 {
                        return Err(ApiError::missing_access());
                    }
                    let limit = req
                        .param("limit")
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(1usize);
                    let after = req.param("after").and_then(id_of).unwrap_or(0);
                    let mut members: Vec<_> =
                        g.members.iter().filter(|m| m.user.id > after).collect();
                    members.sort_by_key(|m| m.user.id);
                    Reply::ok(json!(members
                        .iter()
                        .take(limit)
                        .map(|m| m.to_json())
                        .collect::<Vec<_>>()))
                }
                ["members", uid] => id_of(uid)
                    .and_then(|u| g.member(u))
                    .map(|m| Reply::Json(200, m.to_json()))
                    .ok_or_else(ApiError::unknown_member),
                _ => Err(ApiError::not_found()),
            }
        }
        _ => Err(ApiError::not_found()),
    }
}

fn application_json(shared: &Shared) -> Value {
    let cfg = &shared.config;
    json!({
        "id": cfg.application_id.to_string(),
        "name": cfg.bot_user.username,
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "bot_public": true,
        "bot_require_code_grant": false,
        "verify_key": "d0ub1e".repeat(10) + "abcd",
        "flags": cfg.application_flags,
        "owner": { "id": "1", "username": "app-owner", "discriminator": "0", "global_name": null, "avatar": null, "public_flags": 0, "flags": 0 },
        "team": null,
        "bot": cfg.bot_user.to_json(),
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "tags": [],
        "approximate_guild_count": cfg.guilds.len(),
        "approximate_user_install_count": 0,
    })
}

// ---------------------------------------------------------------- application commands

fn stored_command(shared: &Shared, body: &Value, guild: Option<u64>, existing: &[Value]) -> Value {
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(1);
    let name = body.get("name").and_then(Value::as_str).unwrap_or_default();
    let id = existing
        .iter()
        .find(|c| {
            c.get("name").and_then(Value::as_str) == Some(name)
                && c.get("type").and_then(Value::as_u64) == Some(kind)
        })
        .and_then(|c| c.get("id").cloned())
        .unwrap_or_else(|| json!(snowflake().to_string()));
    let mut c = json!({
        "id": id,
        "application_id": shared.config.application_id.to_string(),
        "version": snowflake().to_string(),
        "default_member_permissions": body.get("default_member_permissions").cloned().unwrap_or(Value::Null),
        "type": kind,
        "name": name,
        "name_localizations": body.get("name_localizations").cloned().unwrap_or(Value::Null),
        "description": body.get("description").cloned().unwrap_or(json!("")),
        "description_localizations": body.get("description_localizations").cloned().unwrap_or(Value::Null),
        "nsfw": body.get("nsfw").cloned().unwrap_or(json!(false)),
        "integration_types": body.get("integration_types").cloned().unwrap_or(json!([0])),
        "contexts": body.get("contexts").cloned().unwrap_or(Value::Null),
    });
    if let Some(o) = body
        .get("options")
        .filter(|o| o.as_array().is_some_and(|a| !a.is_empty()))
    {
        c["options"] = o.clone();
    }
    match guild {
        Some(g) => c["guild_id"] = json!(g.to_string()),
        None => c["dm_permission"] = body.get("dm_permission").cloned().unwrap_or(json!(true)),
    }
    c
}

fn commands(shared: &Shared, st: &mut State, req: &Req<'_>, guild: Option<u64>) -> Answer {
    let current = match guild {
        Some(g) => st.guild_commands.get(&g).cloned().unwrap_or_default(),
        None => st.global_commands.clone(),
    };
    let store = |st: &mut State, list: Vec<Value>| match guild {
        Some(g) => {
            st.guild_commands.insert(g, list);
        }
        None => st.global_commands = list,
    };
    match *req.method {
        Method::GET => Reply::ok(json!(current)),
        Method::PUT => {
            let body = req.json()?;
            validation::command_list(body)?;
            let list: Vec<Value> = body
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| stored_command(shared, c, guild, &current))
                .collect();
            store(st, list.clone());
            Reply::ok(json!(list))
        }
        Method::POST => {
            let body = req.json()?;
            let mut errs = FormErrors::default();
            validation::command(body, &mut errs, "");
            errs.into_result()?;
            let cmd = stored_command(shared, body, guild, &current);
            let mut list = current.clone();
            let existed = if let Some(slot) = list.iter_mut().find(|c| c.get("id") == cmd.get("id"))
            {
                *slot = cmd.clone();
                true
            } else {
                list.push(cmd.clone());
                false
            };
            if list
                .iter()
                .filter(|c| c.get("type").and_then(Value::as_u64) == Some(1))
                .count()
                > 100
            {
                return Err(ApiError::new(
                    400,
                    30032,
                    "Maximum number of application commands reached (100)",
                ));
            }
            store(st, list);
            Ok(Reply::Json(if existed { 200 } else { 201 }, cmd))
        }
        _ => Err(ApiError::new(405, 0, "405: Method Not Allowed")),
    }
}

fn command_by_id(st: &mut State, req: &Req<'_>, guild: Option<u64>, cid: &str) -> Answer {
    let list = match guild {
        Some(g) => st.guild_commands.entry(g).or_default(),
        None => &mut st.global_commands,
    };
    let idx = list
        .iter()
        .position(|c| c.get("id").and_then(Value::as_str) == Some(cid))
        .ok_or_else(ApiError::unknown_command)?;
    match *req.method {
        Method::GET => Reply::ok(list[idx].clone()),
        Method::DELETE => {
            list.remove(idx);
            Ok(Reply::NoContent)
        }
        Method::PATCH => {
            let body = req.json()?;
            let mut merged = list[idx].clone();
            for (k, v) in body.as_object().into_iter().flatten() {
                merged[k] = v.clone();
            }
            let mut errs = FormErrors::default();
            validation::command(&merged, &mut errs, "");
            errs.into_result()?;
            merged["version"] = json!(snowflake().to_string());
            list[idx] = merged.clone();
            Reply::ok(merged)
        }
        _ => Err(ApiError::new(405, 0, "405: Method Not Allowed")),
    }
}

// ---------------------------------------------------------------- files

/// Most files a message takes.
pub const FILES_MAX: usize = 10;
/// Longest file name and description of an `attachments` entry.
const FILENAME_MAX: usize = 1024;

/// `GET /attachments/{channel}/{id}/{filename}`: a file's bytes, as Discord's CDN serves them.
fn serve_file(st: &State, req: &Req<'_>, rest: &str) -> Answer {
    if *req.method != Method::GET {
        return Err(ApiError::new(405, 0, "405: Method Not Allowed"));
    }
    let segs: Vec<&str> = rest.split('/').collect();
    let file = match segs.as_slice() {
        [_, id, name] => id_of(id)
            .and_then(|id| st.files.get(&id))
            .filter(|f| f.filename == *name),
        _ => None,
    };
    let file = file.ok_or_else(|| ApiError::new(404, 0, "404: Not Found"))?;
    let kind = file
        .content_type
        .clone()
        .unwrap_or_else(|| "application/octet-stream".into());
    Ok(Reply::Bytes(kind, file.bytes.clone()))
}

/// An attachment `id` as a payload gives it (a number or a string of digits).
fn attachment_id(v: &Value) -> Option<u64> {
    v.get("id")
        .and_then(|i| i.as_u64().or_else(|| i.as_str().and_then(id_of)))
}

/// The files of a message create or edit, checked like Discord checks them: every `files[n]`
/// part has a filename and an `attachments` entry of the payload with the same `id`, at most
/// [`FILES_MAX`] files, and every `attachments` entry names an uploaded part or (on an edit) an
/// attachment the message has. The new files are stored (served at their URL); the answer is
/// the message's attachments: the kept ones, then the new ones. `None`: the payload says nothing
/// about attachments (an edit keeps them).
fn message_files(
    shared: &Shared,
    st: &mut State,
    req: &Req<'_>,
    payload: &Value,
    channel_id: u64,
    existing: &[StoredFile],
) -> Result<Option<Vec<StoredFile>>, ApiError> {
    let entries = payload.get("attachments").and_then(Value::as_array);
    if req.files.is_empty() && entries.is_none() {
        return Ok(None);
    }
    let entries = entries.cloned().unwrap_or_default();
    let mut errs = FormErrors::default();
    if req.files.len() > FILES_MAX {
        errs.add(
            "files",
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {FILES_MAX} or fewer in length."),
        );
    }
    if entries.len() > FILES_MAX {
        errs.add(
            "attachments",
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {FILES_MAX} or fewer in length."),
        );
    }
    // The spec's `MessageAttachmentRequest`: filename 1–1024, description at most 1024.
    for (k, e) in entries.iter().enumerate() {
        let len = |key: &str| {
            e.get(key)
                .and_then(Value::as_str)
                .map(|t| t.chars().count())
        };
        if len("filename").is_some_and(|n| n == 0 || n > FILENAME_MAX) {
            errs.add(
                &format!("attachments.{k}.filename"),
                "BASE_TYPE_BAD_LENGTH",
                format!("Must be between 1 and {FILENAME_MAX} in length."),
            );
        }
        if len("description").is_some_and(|n| n > FILENAME_MAX) {
            errs.add(
                &format!("attachments.{k}.description"),
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {FILENAME_MAX} or fewer in length."),
            );
        }
    }
    let mut new = Vec::new();
    for part in req.files {
        let index = part
            .name
            .strip_prefix("files[")
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|n| n.parse::<u64>().ok());
        let Some(index) = index else {
            errs.add(
                &part.name,
                "UNKNOWN_FIELD",
                "A form part must be `payload_json` or `files[n]`.",
            );
            continue;
        };
        let entry = entries.iter().find(|e| attachment_id(e) == Some(index));
        let Some(entry) = entry else {
            errs.add(
                &format!("files[{index}]"),
                "ATTACHMENT_NOT_FOUND",
                format!("No `attachments` entry has the id {index}."),
            );
            continue;
        };
        let filename = entry
            .get("filename")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| part.filename.clone())
            .filter(|f| !f.trim().is_empty());
        let Some(filename) = filename else {
            errs.add(
                &format!("files[{index}]"),
                "BASE_TYPE_REQUIRED",
                "A file needs a filename.",
            );
            continue;
        };
        new.push((index, filename, entry.clone(), part));
    }
    let mut kept = Vec::new();
    for (k, e) in entries.iter().enumerate() {
        let id = attachment_id(e);
        if new.iter().any(|(i, ..)| Some(*i) == id) {
            continue;
        }
        match id.and_then(|id| existing.iter().find(|f| f.id == id)) {
            Some(f) => kept.push(f.clone()),
            None => errs.add(
                &format!("attachments.{k}.id"),
                "ATTACHMENT_NOT_FOUND",
                "Unknown attachment: no uploaded file or existing attachment has this id.",
            ),
        }
    }
    if kept.len() + new.len() > FILES_MAX {
        errs.add(
            "attachments",
            "BASE_TYPE_MAX_LENGTH",
            format!("Must be {FILES_MAX} or fewer in length."),
        );
    }
    errs.into_result()?;
    for (_, filename, entry, part) in new {
        let id = snowflake();
        let file = StoredFile {
            id,
            url: format!(
                "{}/attachments/{channel_id}/{id}/{filename}",
                shared.http_url
            ),
            filename,
            description: entry
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            content_type: part.content_type.clone(),
            bytes: part.data.clone(),
        };
        st.files.insert(id, file.clone());
        kept.push(file);
    }
    Ok(Some(kept))
}

// ---------------------------------------------------------------- messages

fn normalize_embeds(v: Option<&Value>) -> Vec<Value> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|e| {
                    let mut e = e.clone();
                    if e.get("type").is_none() {
                        e["type"] = json!("rich");
                    }
                    e["content_scan_version"] = json!(0);
                    e
                })
                .collect()
        })
        .unwrap_or_default()
}

fn array(v: Option<&Value>) -> Vec<Value> {
    v.and_then(Value::as_array).cloned().unwrap_or_default()
}

/// Validates a create payload and builds the message (not stored yet).
fn new_message(
    shared: &Shared,
    st: &mut State,
    channel_id: u64,
    body: &Value,
    allowed_flags: u64,
    kind: u8,
    req: &Req<'_>,
) -> Result<StoredMessage, ApiError> {
    let mut errs = FormErrors::default();
    validation::message_payload(body, &mut errs, "", false);
    errs.into_result()?;
    let attachments = message_files(shared, st, req, body, channel_id, &[])?.unwrap_or_default();
    let content = body
        .get("content")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let embeds = normalize_embeds(body.get("embeds"));
    let components = array(body.get("components"));
    if validation::message_is_empty(&content, &embeds, &components)
        && attachments.is_empty()
        && body.get("sticker_ids").is_none()
        && body.get("poll").is_none()
    {
        return Err(ApiError::empty_message());
    }
    let flags = body.get("flags").and_then(Value::as_u64).unwrap_or(0);
    if flags & !allowed_flags != 0 {
        st.violation(format!(
            "message flags {:#x} are not allowed here and Discord ignores them (allowed: {allowed_flags:#x})",
            flags & !allowed_flags
        ));
    }
    let id = snowflake();
    Ok(StoredMessage {
        id,
        channel_id,
        guild_id: st.guild_of_channel(channel_id).map(|g| g.id),
        author: shared.config.bot_user.clone(),
        content,
        embeds,
        components,
        flags: flags & allowed_flags,
        kind,
        interaction_id: None,
        webhook_id: None,
        allowed_mentions: body.get("allowed_mentions").cloned(),
        message_reference: body
            .get("message_reference")
            .cloned()
            .filter(|v| !v.is_null()),
        edits: 0,
        created_ms: id_ms(id),
        edited_ms: None,
        nonce: None,
        attachments,
    })
}

fn id_ms(id: u64) -> u64 {
    (id >> 22) + crate::model::DISCORD_EPOCH_MS
}

/// Applies an edit payload; the result must not be empty.
fn apply_edit(
    shared: &Shared,
    st: &mut State,
    req: &Req<'_>,
    mid: u64,
    body: &Value,
) -> Result<StoredMessage, ApiError> {
    let mut errs = FormErrors::default();
    validation::message_payload(body, &mut errs, "", true);
    errs.into_result()?;
    let msg = st
        .messages
        .get(&mid)
        .ok_or_else(ApiError::unknown_message)?;
    let (channel_id, existing) = (msg.channel_id, msg.attachments.clone());
    let files = message_files(shared, st, req, body, channel_id, &existing)?;
    let msg = st.messages.get_mut(&mid).expect("checked");
    let mut next = msg.clone();
    if let Some(files) = files {
        next.attachments = files;
    }
    if let Some(c) = body.get("content") {
        next.content = c.as_str().unwrap_or_default().to_owned();
    }
    if body.get("embeds").is_some() {
        next.embeds = normalize_embeds(body.get("embeds"));
    }
    if body.get("components").is_some() {
        next.components = array(body.get("components"));
    }
    if let Some(am) = body.get("allowed_mentions") {
        next.allowed_mentions = Some(am.clone());
    }
    if let Some(f) = body.get("flags").and_then(Value::as_u64) {
        // Only SUPPRESS_EMBEDS can be toggled on edit.
        next.flags = (next.flags & !4) | (f & 4);
    }
    if validation::message_is_empty(&next.content, &next.embeds, &next.components)
        && next.attachments.is_empty()
    {
        return Err(ApiError::empty_message());
    }
    next.flags &= !FLAG_LOADING;
    next.edits += 1;
    next.edited_ms = Some(unix_ms());
    *msg = next.clone();
    Ok(next)
}

fn message_json(shared: &Shared, st: &State, msg: &StoredMessage) -> Value {
    let meta = msg
        .interaction_id
        .and_then(|i| st.interactions.get(&i))
        .and_then(|rec| {
            shared
                .config
                .find_user(rec.r.user_id)
                .map(|u| rec.metadata_json(u))
        });
    msg.to_json(&shared.config, meta.as_ref())
}

fn channel_messages(
    shared: &Shared,
    st: &mut State,
    req: &Req<'_>,
    channel_id: u64,
    rest: &[&str],
) -> Answer {
    let cfg = &shared.config;
    let bot_perms = st
        .guild_of_channel(channel_id)
        .expect("checked by caller")
        .channel_permissions(cfg.bot_user.id, channel_id);
    let need = |p: u64| -> Result<(), ApiError> {
        if bot_perms & perms::VIEW_CHANNEL == 0 {
            Err(ApiError::missing_access())
        } else if bot_perms & p != p {
            Err(ApiError::missing_permissions())
        } else {
            Ok(())
        }
    };
    match (req.method, rest) {
        (&Method::POST, ["typing"]) => {
            need(perms::SEND_MESSAGES)?;
            Ok(Reply::NoContent)
        }
        (&Method::POST, ["messages"]) => {
            need(perms::SEND_MESSAGES)?;
            let body = req.json()?;
            let reply = body.get("message_reference").filter(|r| !r.is_null());
            if let Some(r) = reply {
                let target = r
                    .get("message_id")
                    .and_then(|v| v.as_str().and_then(id_of).or(v.as_u64()));
                if target.is_none_or(|t| !st.messages.contains_key(&t)) {
                    let mut e = FormErrors::default();
                    e.add(
                        "message_reference",
                        "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                        "Unknown message",
                    );
                    e.into_result()?;
                }
            }
            let kind = if reply.is_some() { 19 } else { 0 };
            let (nonce, enforce) = validation::message_nonce(body)?;
            let mut msg = new_message(
                shared,
                st,
                channel_id,
                body,
                4 | 4096 | FLAG_COMPONENTS_V2,
                kind,
                req,
            )?;
            let now = Instant::now();
            if let Some(nonce) = &nonce {
                // Discord: with `enforce_nonce`, a message the bot created in this channel with
                // the same nonce in the past few minutes is returned instead of a new one.
                let window = cfg.nonce_window;
                st.nonces
                    .retain(|_, (_, at)| now.duration_since(*at) < window);
                let earlier = st
                    .nonces
                    .get(&(channel_id, nonce.clone()))
                    .map(|(id, _)| *id)
                    .filter(|id| st.messages.contains_key(id));
                if let Some(first) = earlier.filter(|_| enforce) {
                    st.nonce_hits.push(NonceHit {
                        channel_id,
                        nonce: nonce.clone(),
                        message_id: first,
                    });
                    let mut v = message_json(shared, st, &st.messages[&first]);
                    v["nonce"] = body["nonce"].clone();
                    return Reply::ok(v);
                }
                msg.nonce = Some(nonce.clone());
                st.nonces.insert((channel_id, nonce.clone()), (msg.id, now));
            }
            let mut v = message_json(shared, st, &msg);
            if msg.nonce.is_some() {
                // Discord echoes the nonce in the create answer (only there).
                v["nonce"] = body["nonce"].clone();
            }
            st.messages.insert(msg.id, msg);
            Reply::ok(v)
        }
        (&Method::GET, ["messages"]) => {
            need(perms::READ_MESSAGE_HISTORY)?;
            let limit = req
                .param("limit")
                .and_then(|l| l.parse().ok())
                .unwrap_or(50usize)
                .min(100);
            let list: Vec<Value> = st
                .messages
                .values()
                .rev()
                .filter(|m| m.channel_id == channel_id && !m.is_ephemeral())
                .take(limit)
                .map(|m| message_json(shared, st, m))
                .collect();
            Reply::ok(json!(list))
        }
        (_, ["messages", mid]) => {
            let mid = id_of(mid)
                .filter(|m| {
                    st.messages
                        .get(m)
                        .is_some_and(|m| m.channel_id == channel_id && !m.is_ephemeral())
                })
                .ok_or_else(ApiError::unknown_message)?;
            match *req.method {
                Method::GET => {
                    need(perms::READ_MESSAGE_HISTORY)?;
                    Reply::ok(message_json(shared, st, &st.messages[&mid]))
                }
                Method::PATCH => {
                    let body = req.json()?;
                    misplaced_nonce(st, req, body);
                    if st.messages[&mid].author.id != cfg.bot_user.id {
                        return Err(ApiError::not_author());
                    }
                    let msg = apply_edit(shared, st, req, mid, body)?;
                    Reply::ok(message_json(shared, st, &msg))
                }
                Method::DELETE => {
                    if st.messages[&mid].author.id != cfg.bot_user.id {
                        need(perms::MANAGE_MESSAGES)?;
                    }
                    st.messages.remove(&mid);
                    Ok(Reply::NoContent)
                }
                _ => Err(ApiError::new(405, 0, "405: Method Not Allowed")),
            }
        }
        _ => Err(ApiError::not_found()),
    }
}

/// `nonce` and `enforce_nonce` belong to a channel message create only (the OpenAPI spec's
/// `create_message`; `execute_webhook`, the interaction callback and the edits do not list
/// them): elsewhere Discord ignores them, so a client relying on them gets no idempotency.
fn misplaced_nonce(st: &mut State, req: &Req<'_>, body: &Value) {
    let set = |k: &str| body.get(k).is_some_and(|v| !v.is_null());
    if set("nonce") || set("enforce_nonce") {
        st.violation(format!(
            "{} {}: `nonce`/`enforce_nonce` are only taken by a channel message create; Discord ignores them here (no idempotency)",
            req.method, req.path
        ));
    }
}

// ---------------------------------------------------------------- interactions

/// Callback types valid for each interaction type.
fn allowed_callbacks(interaction: u8) -> &'static [u8] {
    match interaction {
        interaction_type::PING => &[1],
        interaction_type::APPLICATION_COMMAND => &[4, 5, 9],
        interaction_type::MESSAGE_COMPONENT => &[4, 5, 6, 7, 9],
        interaction_type::AUTOCOMPLETE => &[8],
        interaction_type::MODAL_SUBMIT => &[4, 5, 6, 7],
        _ => &[],
    }
}

fn response_message_kind(interaction: u8, command_type: u8) -> u8 {
    match (interaction, command_type) {
        (interaction_type::APPLICATION_COMMAND, 1) => 20,
        (interaction_type::APPLICATION_COMMAND, _) => 23,
        _ => 19,
    }
}

fn callback(shared: &Shared, st: &mut State, req: &Req<'_>, id: &str, token: &str) -> Answer {
    let body = req.body.cloned().unwrap_or(Value::Null);
    let response_type = body.get("type").and_then(Value::as_u64).unwrap_or(0) as u8;
    let data = body.get("data").cloned().unwrap_or(Value::Null);
    let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0);
    let rec = id_of(id)
        .and_then(|i| st.interactions.get(&i))
        .filter(|r| r.r.token == token)
        .cloned();
    let mut record = RecordedCallback {
        interaction_id: id_of(id).unwrap_or(0),
        interaction_type: rec.as_ref().map_or(0, |r| r.r.kind),
        response_type,
        data: data.clone(),
        flags,
        allowed_mentions: data.get("allowed_mentions").cloned(),
        status: 204,
        error: None,
        elapsed: rec
            .as_ref()
            .map_or_else(Default::default, |r| r.dispatched_at.elapsed()),
    };
    let result = accept_callback(shared, st, req, rec.as_ref(), response_type, &data);
    match &result {
        Ok(Reply::Json(s, _)) => record.status = *s,
        Ok(Reply::NoContent | Reply::Bytes(..)) => record.status = 204,
        Err(e) => {
            record.status = e.status;
            record.error = Some(e.body.clone());
        }
    }
    st.callbacks.push(record);
    result
}

fn accept_callback(
    shared: &Shared,
    st: &mut State,
    req: &Req<'_>,
    rec: Option<&crate::recording::InteractionRecord>,
    response_type: u8,
    data: &Value,
) -> Answer {
    let rec = rec.ok_or_else(ApiError::unknown_interaction)?;
    if rec.acked.is_some() {
        return Err(ApiError::already_acknowledged());
    }
    let elapsed = rec.dispatched_at.elapsed();
    if elapsed > shared.config.interaction_window {
        st.violation(format!(
            "interaction {} answered after {} ms, window is {} ms",
            rec.r.id,
            elapsed.as_millis(),
            shared.config.interaction_window.as_millis()
        ));
        return Err(ApiError::unknown_interaction());
    }
    if !allowed_callbacks(rec.r.kind).contains(&response_type) {
        let mut e = FormErrors::default();
        e.add(
            "type",
            "INTERACTION_RESPONSE_TYPE_INVALID",
            format!(
                "Callback type {response_type} is not valid for interaction type {} (allowed: {:?})",
                rec.r.kind,
                allowed_callbacks(rec.r.kind)
            ),
        );
        return e.into_result().map(|()| Reply::NoContent);
    }
    misplaced_nonce(st, req, data);
    let mut errs = FormErrors::default();
    match response_type {
        4 | 7 => validation::message_payload(data, &mut errs, "data", response_type == 7),
        8 => validation::autocomplete_result(data, &mut errs),
        9 => validation::modal(data, &mut errs),
        _ => {}
    }
    errs.into_result()?;
    let flags = data.get("flags").and_then(Value::as_u64).unwrap_or(0);
    let ephemeral = flags & FLAG_EPHEMERAL != 0;
    let kind = response_message_kind(rec.r.kind, rec.command_type);
    let mut original = None;
    match response_type {
        4 => {
            let mut msg = new_message(
                shared,
                st,
                rec.r.channel_id,
                data,
                4 | 64 | 4096 | FLAG_COMPONENTS_V2,
                kind,
                req,
            )?;
            msg.interaction_id = Some(rec.r.id);
            msg.webhook_id = Some(shared.config.application_id);
            original = Some(msg.id);
            st.messages.insert(msg.id, msg);
        }
        5 => {
            let id = snowflake();
            st.messages.insert(
                id,
                StoredMessage {
                    id,
                    channel_id: rec.r.channel_id,
                    guild_id: Some(rec.r.guild_id),
                    author: shared.config.bot_user.clone(),
                    content: String::new(),
                    embeds: Vec::new(),
                    components: Vec::new(),
                    flags: FLAG_LOADING | (flags & FLAG_EPHEMERAL),
                    kind,
                    interaction_id: Some(rec.r.id),
                    webhook_id: Some(shared.config.application_id),
                    allowed_mentions: None,
                    message_reference: None,
                    edits: 0,
                    created_ms: id_ms(id),
                    edited_ms: None,
                    nonce: None,
                    attachments: Vec::new(),
                },
            );
            original = Some(id);
        }
        6 => original = rec.r.message_id,
        7 => {
            let mid = rec.r.message_id.ok_or_else(ApiError::unknown_message)?;
            apply_edit(shared, st, req, mid, data)?;
            original = Some(mid);
        }
        _ => {}
    }
    let r = st.interactions.get_mut(&rec.r.id).expect("exists");
    r.acked = Some(response_type);
    r.ephemeral = ephemeral;
    r.original_message = original;
    if req.param("with_response") == Some("true") {
        let msg = original
            .and_then(|m| st.messages.get(&m))
            .map(|m| message_json(shared, st, m));
        let mut resource = json!({ "type": response_type });
        if let Some(m) = &msg {
            resource["message"] = m.clone();
        }
        return Reply::ok(json!({
            "interaction": {
                "id": rec.r.id.to_string(),
                "type": rec.r.kind,
                "activity_instance_id": null,
                "response_message_id": original.map(|m| m.to_string()),
                "response_message_loading": response_type == 5,
                "response_message_ephemeral": ephemeral,
            },
            "resource": resource,
        }));
    }
    Ok(Reply::NoContent)
}

/// The interaction behind a webhook token, which must have been acknowledged.
fn acked_interaction(
    st: &State,
    token: &str,
) -> Result<crate::recording::InteractionRecord, ApiError> {
    let rec = st
        .interaction_by_token(token)
        .cloned()
        .ok_or_else(ApiError::unknown_webhook)?;
    if rec.acked.is_none() {
        return Err(ApiError::new(
            404,
            10015,
            "Unknown Webhook (the interaction has not been acknowledged yet)",
        ));
    }
    Ok(rec)
}

fn followup(shared: &Shared, st: &mut State, req: &Req<'_>, token: &str) -> Answer {
    let rec = acked_interaction(st, token)?;
    let body = req.json()?;
    misplaced_nonce(st, req, body);
    if rec.acked == Some(8) {
        return Err(ApiError::new(
            400,
            40060,
            "Interaction has already been acknowledged.",
        ));
    }
    // Right after a deferred response, the first follow-up edits the deferred message.
    if rec.acked == Some(5) {
        if let Some(orig) = rec
            .original_message
            .filter(|m| st.messages.get(m).is_some_and(StoredMessage::is_loading))
        {
            let msg = apply_edit(shared, st, req, orig, body)?;
            return Reply::ok(message_json(shared, st, &msg));
        }
    }
    let kind = response_message_kind(rec.r.kind, rec.command_type);
    let mut msg = new_message(
        shared,
        st,
        rec.r.channel_id,
        body,
        4 | 64 | 4096 | FLAG_COMPONENTS_V2,
        kind,
        req,
    )?;
    msg.interaction_id = Some(rec.r.id);
    msg.webhook_id = Some(shared.config.application_id);
    let v = message_json(shared, st, &msg);
    let id = msg.id;
    st.messages.insert(id, msg);
    if let Some(r) = st.interactions.get_mut(&rec.r.id) {
        r.followups.push(id);
    }
    Reply::ok(v)
}

fn webhook_message(
    shared: &Shared,
    st: &mut State,
    req: &Req<'_>,
    token: &str,
    mid: &str,
) -> Answer {
    let rec = acked_interaction(st, token)?;
    let target = if mid == "@original" {
        rec.original_message.ok_or_else(ApiError::unknown_message)?
    } else {
        id_of(mid)
            .filter(|m| rec.followups.contains(m) || rec.original_message == Some(*m))
            .ok_or_else(ApiError::unknown_message)?
    };
    if !st.messages.contains_key(&target) {
        return Err(ApiError::unknown_message());
    }
    match *req.method {
        Method::GET => Reply::ok(message_json(shared, st, &st.messages[&target])),
        Method::PATCH => {
            let body = req.json()?;
            misplaced_nonce(st, req, body);
            let msg = apply_edit(shared, st, req, target, body)?;
            Reply::ok(message_json(shared, st, &msg))
        }
        Method::DELETE => {
            st.messages.remove(&target);
            Ok(Reply::NoContent)
        }
        _ => Err(ApiError::new(405, 0, "405: Method Not Allowed")),
    }
}
