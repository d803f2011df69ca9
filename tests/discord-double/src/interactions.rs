//! Dispatching interactions: INTERACTION_CREATE payloads in the API v10 shape (application commands, autocomplete, components, modal submits), with member permissions, resolved data and option types taken from the registered commands.

use std::time::Instant;

use serde_json::{json, Map, Value};

use crate::gateway::dispatch;
use crate::model::{random_hex, snowflake, ChannelSpec, GuildSpec, MemberSpec};
use crate::recording::{InteractionRecord, InteractionRef, Shared, State};

/// Interaction types.
pub mod interaction_type {
    pub const PING: u8 = 1;
    pub const APPLICATION_COMMAND: u8 = 2;
    pub const MESSAGE_COMPONENT: u8 = 3;
    pub const AUTOCOMPLETE: u8 = 4;
    pub const MODAL_SUBMIT: u8 = 5;
}

struct Where<'a> {
    guild: &'a GuildSpec,
    channel: &'a ChannelSpec,
    member: &'a MemberSpec,
}

/// The guild as it is now, checked to hold the channel and the member.
fn locate(
    shared: &Shared,
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
) -> Result<GuildSpec, String> {
    let guild = shared
        .read(|st| st.guild(guild_id).cloned())
        .ok_or_else(|| format!("unknown guild {guild_id} (add it to DoubleConfig)"))?;
    guild
        .channel(channel_id)
        .ok_or_else(|| format!("channel {channel_id} is not in guild {guild_id}"))?;
    guild
        .member(user_id)
        .ok_or_else(|| format!("user {user_id} is not a member of guild {guild_id}"))?;
    Ok(guild)
}

impl<'a> Where<'a> {
    /// The place in a guild [`locate`] checked.
    fn of(guild: &'a GuildSpec, channel_id: u64, user_id: u64) -> Self {
        Where {
            guild,
            channel: guild.channel(channel_id).expect("located"),
            member: guild.member(user_id).expect("located"),
        }
    }
}

fn member_json(w: &Where<'_>) -> Value {
    let mut m = w.member.to_json();
    m["permissions"] = json!(w
        .guild
        .channel_permissions(w.member.user.id, w.channel.id)
        .to_string());
    m
}

fn snowflake_of(v: &Value) -> Option<u64> {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .or_else(|| v.as_u64())
}

/// Fills option `type`s from the command definition, normalises snowflake values to strings and
/// collects `resolved` data; records violations for options the command does not define.
fn type_options(
    st: &mut State,
    guild: &GuildSpec,
    channel_id: u64,
    command: &str,
    given: &[Value],
    defs: Option<&Vec<Value>>,
    resolved: &mut Map<String, Value>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for opt in given {
        let mut opt = opt.clone();
        let name = opt
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let def = defs.and_then(|d| {
            d.iter()
                .find(|o| o.get("name").and_then(Value::as_str) == Some(&name))
        });
        if defs.is_some() && def.is_none() {
            st.violation(format!("dispatched /{command} with option `{name}`, which the registered command does not define"));
        }
        let kind = opt
            .get("type")
            .and_then(Value::as_u64)
            .or_else(|| def.and_then(|d| d.get("type")).and_then(Value::as_u64))
            .unwrap_or(3);
        opt["type"] = json!(kind);
        match kind {
            1 | 2 => {
                let sub_given = opt
                    .get("options")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let sub_defs = def.and_then(|d| d.get("options")).and_then(Value::as_array);
                let sub_defs = if def.is_some() {
                    Some(sub_defs.cloned().unwrap_or_default())
                } else {
                    None
                };
                let typed = type_options(
                    st,
                    guild,
                    channel_id,
                    command,
                    &sub_given,
                    sub_defs.as_ref(),
                    resolved,
                );
                opt["options"] = json!(typed);
            }
            11 => {
                // An attachment the member uploaded with the command (`DiscordDouble::attach`).
                if let Some(id) = opt.get("value").and_then(snowflake_of) {
                    opt["value"] = json!(id.to_string());
                    match st.files.get(&id) {
                        Some(f) => {
                            let mut a = f.to_json();
                            a["ephemeral"] = json!(true);
                            let entry = resolved
                                .entry("attachments".to_owned())
                                .or_insert_with(|| json!({}));
                            entry[id.to_string()] = a;
                        }
                        None => st.violation(format!(
                            "dispatched /{command} with attachment {id}, which the double does not hold (use attach)"
                        )),
                    }
                }
            }
            6..=9 => {
                let focused = opt.get("focused").and_then(Value::as_bool) == Some(true);
                if let Some(id) = opt.get("value").and_then(snowflake_of).filter(|_| !focused) {
                    opt["value"] = json!(id.to_string());
                    resolve(guild, channel_id, kind, id, resolved);
                }
            }
            _ => {}
        }
        out.push(opt);
    }
    out
}

fn resolve(
    guild: &GuildSpec,
    channel_id: u64,
    kind: u64,
    id: u64,
    resolved: &mut Map<String, Value>,
) {
    let mut put = |key: &str, id: u64, v: Value| {
        let entry = resolved.entry(key.to_owned()).or_insert_with(|| json!({}));
        entry[id.to_string()] = v;
    };
    if matches!(kind, 6 | 9) {
        if let Some(m) = guild.member(id) {
            put("users", id, m.user.to_json());
            let mut mj = m.to_json();
            if let Some(o) = mj.as_object_mut() {
                o.remove("user");
            }
            mj["permissions"] = json!(guild.channel_permissions(id, channel_id).to_string());
            put("members", id, mj);
        }
    }
    if matches!(kind, 8 | 9) {
        if let Some(r) = guild.role(id) {
            put("roles", id, r.to_json());
        }
    }
    if kind == 7 {
        if let Some(c) = guild.channel(id) {
            put(
                "channels",
                id,
                json!({
                    "id": c.id.to_string(),
                    "name": c.name,
                    "type": c.kind,
                    "parent_id": c.parent_id.map(|p| p.to_string()),
                    "permissions": guild.base_permissions(id).to_string(),
                }),
            );
        }
    }
}

fn base_payload(
    shared: &Shared,
    w: &Where<'_>,
    kind: u8,
    id: u64,
    token: &str,
    data: Value,
) -> Value {
    let cfg = &shared.config;
    let mut channel = w.channel.to_json(w.guild.id);
    channel["permissions"] = json!(w
        .guild
        .channel_permissions(w.member.user.id, w.channel.id)
        .to_string());
    json!({
        "id": id.to_string(),
        "application_id": cfg.application_id.to_string(),
        "type": kind,
        "data": data,
        "guild": { "id": w.guild.id.to_string(), "locale": w.guild.preferred_locale, "features": [] },
        "guild_id": w.guild.id.to_string(),
        "channel": channel,
        "channel_id": w.channel.id.to_string(),
        "member": member_json(w),
        "token": token,
        "version": 1,
        "app_permissions": w.guild.channel_permissions(cfg.bot_user.id, w.channel.id).to_string(),
        "locale": w.member.user.locale.as_deref().unwrap_or(&cfg.locale),
        "guild_locale": w.guild.preferred_locale,
        "entitlements": [],
        "authorizing_integration_owners": { "0": w.guild.id.to_string() },
        "context": 0,
        "attachment_size_limit": 10_485_760,
    })
}

fn new_ids() -> (u64, String) {
    let id = snowflake();
    (id, format!("aW50ZXJhY3Rpb246{id}{}", random_hex(40)))
}

/// What to dispatch.
struct Outgoing {
    kind: u8,
    data: Value,
    /// The message a component interaction came from (id, v10 JSON).
    message: Option<(u64, Value)>,
    name: Option<String>,
    command_type: u8,
}

/// Where an interaction happens: guild, channel and the member who triggered it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place {
    pub guild: u64,
    pub channel: u64,
    pub user: u64,
}

/// Registers and dispatches an interaction, under one lock.
fn send(
    shared: &Shared,
    st: &mut State,
    w: &Where<'_>,
    out: Outgoing,
) -> Result<InteractionRef, String> {
    let Outgoing {
        kind,
        data,
        message,
        name,
        command_type,
    } = out;
    let (id, token) = new_ids();
    let mut payload = base_payload(shared, w, kind, id, &token, data);
    if let Some((_, m)) = &message {
        payload["message"] = m.clone();
    }
    let r = InteractionRef {
        id,
        token,
        kind,
        guild_id: w.guild.id,
        channel_id: w.channel.id,
        user_id: w.member.user.id,
        application_id: shared.config.application_id,
        message_id: message.as_ref().map(|(mid, _)| *mid),
    };
    st.interactions.insert(
        id,
        InteractionRecord {
            r: r.clone(),
            dispatched_at: Instant::now(),
            acked: None,
            ephemeral: false,
            original_message: None,
            followups: Vec::new(),
            command_type,
            name,
        },
    );
    dispatch(st, "INTERACTION_CREATE", payload)?;
    Ok(r)
}

/// An application command (`kind` 2) or autocomplete (`kind` 4) interaction.
pub(crate) fn command(
    shared: &Shared,
    kind: u8,
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
    name: &str,
    options: Value,
) -> Result<InteractionRef, String> {
    let g = locate(shared, guild_id, channel_id, user_id)?;
    let w = Where::of(&g, channel_id, user_id);
    let given = match options {
        Value::Null => Vec::new(),
        Value::Array(a) => a,
        other => return Err(format!("options must be a JSON array, got {other}")),
    };
    shared.with(|st| {
        let registered = st.find_command(guild_id, name, 1).cloned();
        if registered.is_none() {
            st.violation(format!(
                "dispatched /{name}, which the bot has not registered (Discord never would)"
            ));
        }
        if kind == interaction_type::AUTOCOMPLETE {
            let focused = count_focused(&given);
            if focused != 1 {
                return Err(format!(
                    "an autocomplete interaction needs exactly one focused option, got {focused}"
                ));
            }
        }
        let defs = registered.as_ref().map(|c| {
            c.get("options")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        });
        let mut resolved = Map::new();
        let typed = type_options(
            st,
            w.guild,
            channel_id,
            name,
            &given,
            defs.as_ref(),
            &mut resolved,
        );
        let command_id = registered
            .as_ref()
            .and_then(|c| c.get("id"))
            .and_then(Value::as_str)
            .map_or_else(|| snowflake().to_string(), str::to_owned);
        let mut data = json!({ "id": command_id, "name": name, "type": 1, "options": typed });
        if !resolved.is_empty() {
            data["resolved"] = Value::Object(resolved);
        }
        if registered
            .as_ref()
            .and_then(|c| c.get("guild_id"))
            .is_some()
        {
            data["guild_id"] = json!(guild_id.to_string());
        }
        let out = Outgoing {
            kind,
            data,
            message: None,
            name: Some(name.to_owned()),
            command_type: 1,
        };
        send(shared, st, &w, out)
    })
}

fn count_focused(options: &[Value]) -> usize {
    options
        .iter()
        .map(|o| {
            usize::from(o.get("focused").and_then(Value::as_bool) == Some(true))
                + o.get("options")
                    .and_then(Value::as_array)
                    .map_or(0, |a| count_focused(a))
        })
        .sum()
}

/// A message component interaction on a stored message.
pub(crate) fn component(
    shared: &Shared,
    place: Place,
    message_id: u64,
    custom_id: &str,
    component_type: u8,
    values: Option<Vec<String>>,
) -> Result<InteractionRef, String> {
    let Place {
        guild: guild_id,
        channel: channel_id,
        user: user_id,
    } = place;
    let g = locate(shared, guild_id, channel_id, user_id)?;
    let w = Where::of(&g, channel_id, user_id);
    shared.with(|st| {
        let msg = st
            .messages
            .get(&message_id)
            .filter(|m| m.channel_id == channel_id)
            .cloned()
            .ok_or_else(|| format!("message {message_id} is not stored in channel {channel_id}"))?;
        if !msg.custom_ids().iter().any(|c| c == custom_id) {
            return Err(format!(
                "message {message_id} has no component with custom_id {custom_id:?} (it has {:?})",
                msg.custom_ids()
            ));
        }
        let meta = msg
            .interaction_id
            .and_then(|i| st.interactions.get(&i))
            .and_then(|rec| {
                shared
                    .config
                    .find_user(rec.r.user_id)
                    .map(|u| rec.metadata_json(u))
            });
        let message_json = msg.to_json(&shared.config, meta.as_ref());
        let mut data = json!({ "custom_id": custom_id, "component_type": component_type });
        if let Some(values) = values {
            data["values"] = json!(values);
        }
        let out = Outgoing {
            kind: interaction_type::MESSAGE_COMPONENT,
            data,
            message: Some((message_id, message_json)),
            name: None,
            command_type: 0,
        };
        send(shared, st, &w, out)
    })
}

/// A modal submit interaction with text input values.
pub(crate) fn modal_submit(
    shared: &Shared,
    guild_id: u64,
    channel_id: u64,
    user_id: u64,
    custom_id: &str,
    fields: &[(&str, &str)],
) -> Result<InteractionRef, String> {
    let g = locate(shared, guild_id, channel_id, user_id)?;
    let w = Where::of(&g, channel_id, user_id);
    let rows: Vec<Value> = fields
        .iter()
        .map(|(id, value)| {
            json!({ "type": 1, "components": [{ "type": 4, "custom_id": id, "value": value }] })
        })
        .collect();
    let data = json!({ "custom_id": custom_id, "components": rows });
    shared.with(|st| {
        let out = Outgoing {
            kind: interaction_type::MODAL_SUBMIT,
            data,
            message: None,
            name: None,
            command_type: 0,
        };
        send(shared, st, &w, out)
    })
}
