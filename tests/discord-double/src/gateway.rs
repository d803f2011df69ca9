//! Gateway: the websocket at `/gateway` (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, sequence numbers, RESUME with replay and RESUMED, RECONNECT, INVALID_SESSION, abrupt drops).
//!
//! Sharding as on Discord: a session identified with `shard: [id, total]` gets the guilds with
//! `(guild_id >> 22) % total == id`, and every dispatch about a guild (interactions, member
//! chunks, `dispatch_event` with a `guild_id`) goes to the newest session whose shard serves that
//! guild; a session without a shard serves every guild.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::model::{intents, random_hex, GuildSpec, MemberSpec};
use crate::recording::{Shared, State};
use crate::voice;

/// How to end the current gateway connection from the double's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropMode {
    /// Close the TCP connection without a close frame (the client sees 1006 "abnormal closure").
    Abrupt,
    /// Send a close frame with this code (e.g. 4000 "unknown error", resumable) and close.
    CloseCode(u16),
}

/// One websocket connection the double accepted.
#[derive(Clone, Debug)]
pub struct GatewayConnection {
    pub id: u64,
    /// The query string of the upgrade request (serenity sends `v=10`).
    pub query: String,
    pub opened_at: Instant,
    pub closed_at: Option<Instant>,
    /// The close code the client sent, if it closed cleanly.
    pub client_close_code: Option<u16>,
    /// The close code the connection ended with (`None` while open): the client's close frame
    /// (1005 when it had no code), the double's own close frame, or 1006 ("abnormal closure")
    /// when the TCP connection ended without a close frame — as Discord sees it.
    pub close_code: Option<u16>,
    /// Opcodes the client sent on this connection, in order.
    pub ops: Vec<u64>,
}

#[derive(Debug)]
pub(crate) enum ConnCmd {
    /// A non-dispatch payload (HELLO is sent directly; ACK, RECONNECT, INVALID_SESSION).
    Text(String),
    /// A dispatch of `session` with sequence `seq`.
    Dispatch {
        session: String,
        seq: u64,
        text: String,
    },
    Drop(DropMode),
    Close(u16, &'static str),
}

#[derive(Debug)]
pub(crate) struct Session {
    pub seq: u64,
    /// Every dispatch of the session, for replay on RESUME.
    pub events: Vec<(u64, String)>,
    /// The connection the session is attached to.
    pub conn: Option<u64>,
    /// Highest sequence number written to a socket.
    pub written_seq: u64,
    /// Sequence number of READY and the number of GUILD_CREATEs that followed it.
    pub ready_seq: u64,
    pub guild_creates: u64,
    pub intents: u64,
    /// `[id, total]` from IDENTIFY; `None`: the session serves every guild.
    pub shard: Option<(u64, u64)>,
    /// When the session was last identified or resumed (a counter): among sessions serving the
    /// same guild, the newest gets its dispatches.
    pub attached: u64,
}

/// Whether a session with `shard` gets the events of `guild`, as Discord routes them.
pub(crate) fn serves(shard: Option<(u64, u64)>, guild: u64) -> bool {
    shard.is_none_or(|(id, total)| total > 0 && (guild >> 22) % total == id)
}

#[derive(Default, Debug)]
pub(crate) struct GatewayState {
    pub sessions: HashMap<String, Session>,
    /// The session of the latest IDENTIFY (dispatch helpers target it).
    pub current_session: Option<String>,
    pub live: HashMap<u64, mpsc::UnboundedSender<ConnCmd>>,
    pub connections: Vec<GatewayConnection>,
    pub identifies: Vec<Value>,
    pub resumes: Vec<Value>,
    /// Every payload a client sent (including heartbeats).
    pub received: Vec<Value>,
    pub heartbeats: u64,
    pub heartbeat_acks: u64,
    pub ready_sent: u64,
    pub resumed_sent: u64,
    next_conn: u64,
    /// Counter behind [`Session::attached`].
    attach_seq: u64,
}

impl GatewayState {
    fn send(&self, conn: u64, cmd: ConnCmd) {
        if let Some(tx) = self.live.get(&conn) {
            let _ = tx.send(cmd);
        }
    }

    /// The connection the current session is attached to.
    pub fn current_conn(&self) -> Option<u64> {
        let s = self.current_session.as_ref()?;
        self.sessions.get(s)?.conn
    }

    fn next_attach(&mut self) -> u64 {
        self.attach_seq += 1;
        self.attach_seq
    }

    /// The newest session whose shard serves `guild`.
    pub fn session_for_guild(&self, guild: u64) -> Option<&String> {
        self.sessions
            .iter()
            .filter(|(_, s)| serves(s.shard, guild))
            .max_by_key(|(_, s)| s.attached)
            .map(|(id, _)| id)
    }

    /// The newest session identified with exactly `shard`.
    pub fn session_for_shard(&self, shard: Option<(u64, u64)>) -> Option<&String> {
        self.sessions
            .iter()
            .filter(|(_, s)| s.shard == shard)
            .max_by_key(|(_, s)| s.attached)
            .map(|(id, _)| id)
    }
}

/// The guild a dispatch is about (`d.guild_id`, a string or a number), if any.
fn guild_of(d: &Value) -> Option<u64> {
    let g = d.get("guild_id")?;
    g.as_str()
        .and_then(|s| s.parse().ok())
        .or_else(|| g.as_u64())
}

/// Appends a dispatch to a session (sending it if the session has a connection).
pub(crate) fn dispatch_in(st: &mut State, session_id: &str, t: &str, d: Value) -> Option<u64> {
    let gw = &mut st.gateway;
    let session = gw.sessions.get_mut(session_id)?;
    session.seq += 1;
    let seq = session.seq;
    let text = json!({ "op": 0, "s": seq, "t": t, "d": d }).to_string();
    session.events.push((seq, text.clone()));
    if let Some(conn) = session.conn {
        let cmd = ConnCmd::Dispatch {
            session: session_id.to_owned(),
            seq,
            text,
        };
        gw.send(conn, cmd);
    }
    Some(seq)
}

/// Appends a dispatch to the session that serves its guild (`d.guild_id`), or to the current
/// session when it is about no guild.
pub(crate) fn dispatch(st: &mut State, t: &str, d: Value) -> Result<u64, String> {
    let gw = &st.gateway;
    if gw.sessions.is_empty() {
        return Err("no gateway session: no client has identified yet".to_owned());
    }
    let sid = match guild_of(&d) {
        Some(guild) => gw.session_for_guild(guild).cloned().ok_or_else(|| {
            let shards: Vec<String> = gw
                .sessions
                .values()
                .map(|s| {
                    s.shard
                        .map_or("none".to_owned(), |(i, t)| format!("[{i}, {t}]"))
                })
                .collect();
            format!(
                "no gateway session serves guild {guild} (sessions' shards: {})",
                shards.join(", ")
            )
        })?,
        None => gw
            .current_session
            .clone()
            .ok_or_else(|| "no gateway session: no client has identified yet".to_owned())?,
    };
    dispatch_in(st, &sid, t, d).ok_or_else(|| "the gateway session is gone".to_owned())
}

/// Dispatches an event about a guild (`d.guild_id`) to the session that serves the guild, only
/// if that session identified with `intent` (Discord sends nothing otherwise); `None` when
/// nothing was sent (no such session, or not the intent).
pub(crate) fn dispatch_for_intent(st: &mut State, t: &str, d: Value, intent: u64) -> Option<u64> {
    let guild = guild_of(&d)?;
    let sid = st.gateway.session_for_guild(guild)?.clone();
    if st.gateway.sessions.get(&sid)?.intents & intent == 0 {
        return None;
    }
    dispatch_in(st, &sid, t, d)
}

/// Sends a command to the connection of the current session; false if there is none.
pub(crate) fn control(st: &mut State, cmd: ConnCmd) -> bool {
    match st.gateway.current_conn() {
        Some(conn) if st.gateway.live.contains_key(&conn) => {
            st.gateway.send(conn, cmd);
            true
        }
        _ => false,
    }
}

fn op(op: u8, d: Value) -> String {
    json!({ "op": op, "d": d, "s": null, "t": null }).to_string()
}

/// Serves one websocket connection until it ends.
pub(crate) async fn serve_connection(shared: Arc<Shared>, mut socket: WebSocket, query: String) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let conn = shared.with(|st| {
        check_query(st, &query);
        let gw = &mut st.gateway;
        gw.next_conn += 1;
        let id = gw.next_conn;
        gw.live.insert(id, tx.clone());
        gw.connections.push(GatewayConnection {
            id,
            query: query.clone(),
            opened_at: Instant::now(),
            closed_at: None,
            client_close_code: None,
            close_code: None,
            ops: Vec::new(),
        });
        id
    });
    let interval = shared.config.heartbeat_interval.as_millis() as u64;
    let hello = op(
        10,
        json!({ "heartbeat_interval": interval, "_trace": ["discord-double"] }),
    );
    let mut client_close = None;
    // Without a close frame either way, the connection ended abnormally.
    let mut ended = 1006;
    if socket.send(Message::Text(hello.into())).await.is_ok() {
        let mut identified = false;
        loop {
            tokio::select! {
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        handle_payload(&shared, conn, &tx, text.as_str(), &mut identified);
                    }
                    Some(Ok(Message::Binary(_))) => {
                        shared.with(|st| st.violation("gateway: binary (ETF/compressed) frame from client; the double speaks JSON text"));
                        let _ = tx.send(ConnCmd::Close(4002, "Error while decoding payload."));
                    }
                    Some(Ok(Message::Close(frame))) => {
                        let code = frame.map_or(1005, |f| f.code);
                        client_close = Some(code);
                        ended = code;
                        // Reading on sends the close reply the client waits for, until it ends
                        // the TCP connection.
                        let reply = async { while let Some(Ok(_)) = socket.recv().await {} };
                        let _ = tokio::time::timeout(std::time::Duration::from_secs(1), reply).await;
                        break;
                    }
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => break,
                },
                cmd = rx.recv() => match cmd {
                    Some(ConnCmd::Text(text)) => {
                        if socket.send(Message::Text(text.into())).await.is_err() { break; }
                    }
                    Some(ConnCmd::Dispatch { session, seq, text }) => {
                        if socket.send(Message::Text(text.into())).await.is_err() { break; }
                        shared.with(|st| {
                            if let Some(s) = st.gateway.sessions.get_mut(&session) {
                                s.written_seq = s.written_seq.max(seq);
                            }
                        });
                    }
                    Some(ConnCmd::Drop(DropMode::Abrupt)) | None => break,
                    Some(ConnCmd::Drop(DropMode::CloseCode(code))) => {
                        if socket.send(Message::Close(Some(CloseFrame { code, reason: "".into() }))).await.is_ok() {
                            ended = code;
                        }
                        break;
                    }
                    Some(ConnCmd::Close(code, reason)) => {
                        if socket.send(Message::Close(Some(CloseFrame { code, reason: reason.into() }))).await.is_ok() {
                            ended = code;
                        }
                        break;
                    }
                },
            }
        }
    }
    drop(socket);
    shared.with(|st| {
        let gw = &mut st.gateway;
        gw.live.remove(&conn);
        for s in gw.sessions.values_mut() {
            if s.conn == Some(conn) {
                s.conn = None;
            }
        }
        if let Some(c) = gw.connections.iter_mut().find(|c| c.id == conn) {
            c.closed_at = Some(Instant::now());
            c.client_close_code = client_close;
            c.close_code = Some(ended);
        }
    });
}

fn check_query(st: &mut State, query: &str) {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "v" if v != "10" => st.violation(format!(
                "gateway: connected with API version v={v}, expected 10"
            )),
            "encoding" if v != "json" => st.violation(format!(
                "gateway: encoding={v} is not supported by the double (json only)"
            )),
            "compress" => st.violation(format!(
                "gateway: transport compression {v} is not supported by the double"
            )),
            _ => {}
        }
    }
}

fn handle_payload(
    shared: &Shared,
    conn: u64,
    tx: &mpsc::UnboundedSender<ConnCmd>,
    text: &str,
    identified: &mut bool,
) {
    let payload: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            shared.with(|st| st.violation(format!("gateway: undecodable payload ({e}): {text}")));
            let _ = tx.send(ConnCmd::Close(4002, "Error while decoding payload."));
            return;
        }
    };
    let opcode = payload.get("op").and_then(Value::as_u64);
    let d = payload.get("d").cloned().unwrap_or(Value::Null);
    shared.with(|st| {
        st.gateway.received.push(payload.clone());
        if let Some(c) = st.gateway.connections.iter_mut().find(|c| c.id == conn) {
            c.ops.push(opcode.unwrap_or(u64::MAX));
        }
        match opcode {
            Some(1) => {
                st.gateway.heartbeats += 1;
                st.gateway.heartbeat_acks += 1;
                let _ = tx.send(ConnCmd::Text(op(11, Value::Null)));
            }
            Some(2) => {
                if *identified {
                    st.violation("gateway: IDENTIFY sent twice on one connection");
                    let _ = tx.send(ConnCmd::Close(4005, "Already authenticated."));
                    return;
                }
                if identify(shared, st, conn, tx, &d) {
                    *identified = true;
                }
            }
            Some(6) => {
                if resume(shared, st, conn, tx, &d) {
                    *identified = true;
                }
            }
            Some(3 | 4 | 31) if *identified => {}
            Some(8) if *identified => request_members(st, conn, &d),
            Some(3 | 4 | 8 | 31) => {
                st.violation(format!(
                    "gateway: op {} sent before IDENTIFY",
                    opcode.unwrap_or(0)
                ));
                let _ = tx.send(ConnCmd::Close(4003, "Not authenticated."));
            }
            other => {
                st.violation(format!("gateway: unknown opcode {other:?}"));
                let _ = tx.send(ConnCmd::Close(4001, "Unknown opcode."));
            }
        }
    });
}

fn token_ok(shared: &Shared, token: Option<&str>) -> bool {
    token.map(|t| t.strip_prefix("Bot ").unwrap_or(t)) == Some(shared.config.token.as_str())
}

fn identify(
    shared: &Shared,
    st: &mut State,
    conn: u64,
    tx: &mpsc::UnboundedSender<ConnCmd>,
    d: &Value,
) -> bool {
    st.gateway.identifies.push(d.clone());
    if !token_ok(shared, d.get("token").and_then(Value::as_str)) {
        st.violation("gateway: IDENTIFY with an invalid token");
        let _ = tx.send(ConnCmd::Close(4004, "Authentication failed."));
        return false;
    }
    let Some(intent_bits) = d.get("intents").and_then(Value::as_u64) else {
        st.violation("gateway: IDENTIFY without integer intents");
        let _ = tx.send(ConnCmd::Close(4013, "Invalid intent(s)."));
        return false;
    };
    let disallowed = intent_bits & intents::PRIVILEGED & !shared.config.allowed_privileged_intents;
    if disallowed != 0 {
        st.violation(format!("gateway: IDENTIFY asked for privileged intents {disallowed:#x} not enabled for the app"));
        let _ = tx.send(ConnCmd::Close(4014, "Disallowed intent(s)."));
        return false;
    }
    let shard = d.get("shard").and_then(Value::as_array).map(|a| {
        (
            a.first().and_then(Value::as_u64).unwrap_or(0),
            a.get(1).and_then(Value::as_u64).unwrap_or(1),
        )
    });
    if let Some((id, total)) = shard {
        if total == 0 || id >= total {
            st.violation(format!("gateway: invalid shard [{id}, {total}]"));
            let _ = tx.send(ConnCmd::Close(4010, "Invalid shard."));
            return false;
        }
    }
    let props = d.get("properties");
    if ["os", "browser", "device"].iter().any(|k| {
        props
            .and_then(|p| p.get(k))
            .and_then(Value::as_str)
            .is_none()
    }) {
        st.violation("gateway: IDENTIFY properties must carry os, browser and device");
    }

    let session_id = random_hex(16);
    let cfg = &shared.config;
    let mut user = cfg.bot_user.to_json();
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    user["email"] = Value::Null;
    let guilds: Vec<GuildSpec> = st
        .guilds
        .iter()
        .filter(|g| serves(shard, g.id))
        .cloned()
        .collect();
    let mut ready = json!({
        "v": 10,
        "user": user,
        "guilds": guilds.iter().map(|g| json!({ "id": g.id.to_string(), "unavailable": true })).collect::<Vec<_>>(),
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": shared.ws_url,
        "application": { "id": cfg.application_id.to_string(), "flags": cfg.application_flags },
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        "user_settings": {},
        "auth": {},
        "_trace": ["discord-double"],
    });
    if let Some((id, total)) = shard {
        ready["shard"] = json!([id, total]);
    }
    st.gateway.current_session = Some(session_id.clone());
    // A new session of a shard replaces the older ones of the same shard (other shards' sessions
    // keep their connections: several processes may each run some shards).
    for s in st.gateway.sessions.values_mut() {
        if s.shard == shard {
            s.conn = None;
        }
    }
    let attached = st.gateway.next_attach();
    st.gateway.sessions.insert(
        session_id.clone(),
        Session {
            seq: 0,
            events: Vec::new(),
            conn: Some(conn),
            written_seq: 0,
            ready_seq: 0,
            guild_creates: 0,
            intents: intent_bits,
            shard,
            attached,
        },
    );
    let ready_seq = dispatch_in(st, &session_id, "READY", ready).unwrap_or(0);
    let mut creates = 0;
    if intent_bits & intents::GUILDS != 0 {
        let full = intent_bits & intents::GUILD_MEMBERS != 0;
        for g in &guilds {
            let create = guild_create(st, g, full, intent_bits, cfg.bot_user.id);
            dispatch_in(st, &session_id, "GUILD_CREATE", create);
            creates += 1;
        }
    }
    if let Some(s) = st.gateway.sessions.get_mut(&session_id) {
        s.ready_seq = ready_seq;
        s.guild_creates = creates;
    }
    st.gateway.ready_sent += 1;
    true
}

/// GUILD_CREATE as the session's intents shape it: `voice_states` (partial: no `guild_id`, no
/// `member`) only with GUILD_VOICE_STATES, and then the members in voice listed alongside the
/// bot when the members are not all listed; `stage_instances` always.
fn guild_create(st: &State, g: &GuildSpec, full: bool, intent_bits: u64, bot: u64) -> Value {
    let mut v = g.guild_create_json(full, bot);
    let states: Vec<_> = st
        .voice
        .states
        .values()
        .filter(|vs| vs.guild_id == g.id)
        .collect();
    if intent_bits & intents::GUILD_VOICE_STATES != 0 {
        v["voice_states"] = json!(states
            .iter()
            .map(|vs| voice::state_json(st, vs, Some(vs.channel_id), true))
            .collect::<Vec<_>>());
        if !full {
            if let Some(members) = v["members"].as_array_mut() {
                members.extend(
                    states
                        .iter()
                        .filter(|vs| vs.user_id != bot)
                        .filter_map(|vs| g.member(vs.user_id))
                        .map(MemberSpec::to_json),
                );
            }
        }
    }
    v["stage_instances"] = json!(st
        .voice
        .stages
        .values()
        .filter(|s| s.guild_id == g.id)
        .map(voice::StageInstance::to_json)
        .collect::<Vec<_>>());
    v
}

fn resume(
    shared: &Shared,
    st: &mut State,
    conn: u64,
    tx: &mpsc::UnboundedSender<ConnCmd>,
    d: &Value,
) -> bool {
    st.gateway.resumes.push(d.clone());
    if !token_ok(shared, d.get("token").and_then(Value::as_str)) {
        st.violation("gateway: RESUME with an invalid token");
        let _ = tx.send(ConnCmd::Close(4004, "Authentication failed."));
        return false;
    }
    let sid = d
        .get("session_id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let seq = d.get("seq").and_then(Value::as_u64);
    let known = st.gateway.sessions.get(&sid).map(|s| s.seq);
    match (known, seq) {
        (Some(last), Some(seq)) if seq <= last => {
            let attached = st.gateway.next_attach();
            let session = st.gateway.sessions.get_mut(&sid).expect("session exists");
            session.conn = Some(conn);
            session.attached = attached;
            for (s, text) in session.events.iter().filter(|(s, _)| *s > seq) {
                let _ = tx.send(ConnCmd::Dispatch {
                    session: sid.clone(),
                    seq: *s,
                    text: text.clone(),
                });
            }
            st.gateway.current_session = Some(sid.clone());
            dispatch_in(st, &sid, "RESUMED", json!({ "_trace": ["discord-double"] }));
            st.gateway.resumed_sent += 1;
            true
        }
        _ => {
            // Unknown session or a sequence from the future: Discord answers op 9, not resumable.
            let _ = tx.send(ConnCmd::Text(op(9, json!(false))));
            false
        }
    }
}

fn request_members(st: &mut State, conn: u64, d: &Value) {
    // The session on the asking connection.
    let intents_ok = st
        .gateway
        .sessions
        .values()
        .find(|s| s.conn == Some(conn))
        .is_some_and(|s| s.intents & intents::GUILD_MEMBERS != 0);
    if !intents_ok {
        st.violation("gateway: REQUEST_GUILD_MEMBERS without the GUILD_MEMBERS intent");
        return;
    }
    let gid = d
        .get("guild_id")
        .and_then(|g| g.as_str().and_then(|s| s.parse().ok()).or(g.as_u64()));
    let Some(guild) = gid.and_then(|g| st.guild(g)).cloned() else {
        st.violation(format!(
            "gateway: REQUEST_GUILD_MEMBERS for unknown guild {d}"
        ));
        return;
    };
    let query = d
        .get("query")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_lowercase();
    let ids: Option<Vec<u64>> = d.get("user_ids").and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()).or(v.as_u64()))
            .collect()
    });
    let limit = d
        .get("limit")
        .and_then(Value::as_u64)
        .filter(|l| *l > 0)
        .unwrap_or(u64::MAX) as usize;
    let members: Vec<Value> = guild
        .members
        .iter()
        .filter(|m| match &ids {
            Some(ids) => ids.contains(&m.user.id),
            None => m.user.username.to_lowercase().starts_with(&query),
        })
        .take(limit)
        .map(|m| m.to_json())
        .collect();
    let mut chunk = json!({
        "guild_id": guild.id.to_string(),
        "members": members,
        "chunk_index": 0,
        "chunk_count": 1,
    });
    if let Some(n) = d.get("nonce") {
        chunk["nonce"] = n.clone();
    }
    let _ = dispatch(st, "GUILD_MEMBERS_CHUNK", chunk);
}

/// Whether the current session has READY and all its GUILD_CREATEs written to a socket.
pub(crate) fn ready_written(st: &State) -> bool {
    let gw = &st.gateway;
    gw.current_session
        .as_ref()
        .and_then(|s| gw.sessions.get(s))
        .is_some_and(session_ready_written)
}

/// Whether a session has READY and all its GUILD_CREATEs written to a socket.
pub(crate) fn session_ready_written(s: &Session) -> bool {
    s.ready_seq > 0 && s.written_seq >= s.ready_seq + s.guild_creates
}
