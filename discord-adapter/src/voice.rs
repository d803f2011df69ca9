//! Discord's side of the floor: the core's floor changes made with Discord's REST API (server
//! mute, a Stage's speakers, the Stage itself), paced by the rate-limit headers Discord sends for
//! each guild's bucket so that muting a large room is spread within the limits; and what Discord
//! says about voice told to the core in order (voice states and, at GUILD_CREATE or after a link,
//! everyone in voice, both read from serenity's cache as they are taken in; a member not in
//! voice, a missing permission). The rules are the core's: this module only translates.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bot_core::domain::{
    Actor, ChannelKind, FloorChange, FloorStep, Member, MemberId, PlaceId, Role, VoiceChannel,
    VoiceInput, VoicePermission, VoiceState as CoreVoiceState,
};
use bot_core::engine::Engine;
use bot_core::telemetry::{self, ApiError};
use serenity::all::{
    Cache, ChannelId, ChannelType, Guild, GuildId, Http, LightMethod, Permissions, Request, Route,
    UserId, VoiceState,
};
use tokio::sync::{mpsc, oneshot};

use crate::retry::{code_of, status_of};

/// Discord's code for "Target user is not connected to voice".
const NOT_CONNECTED: isize = 40032;
/// Discord's code for "Unknown Voice State" (not in that Stage).
const UNKNOWN_VOICE_STATE: isize = 10065;
/// Discord's code for "Unknown Stage Instance".
const UNKNOWN_STAGE: isize = 10067;
/// Discord's code for "A stage instance already exists" (someone started it).
const STAGE_ALREADY_OPEN: isize = 150006;
/// How many times one voice call is tried (429s and 5xx).
const ATTEMPTS: u32 = 6;

/// A Discord permission bit for a core permission.
fn bit(p: VoicePermission) -> Permissions {
    match p {
        VoicePermission::ViewChannel => Permissions::VIEW_CHANNEL,
        VoicePermission::ManageChannels => Permissions::MANAGE_CHANNELS,
        VoicePermission::MuteMembers => Permissions::MUTE_MEMBERS,
        VoicePermission::MoveMembers => Permissions::MOVE_MEMBERS,
    }
}

/// The community of a guild, as the engine routes voice by it.
pub fn community(guild: GuildId) -> String {
    format!("discord:{guild}")
}

fn user_of(member: &MemberId) -> Option<UserId> {
    member
        .as_str()
        .strip_prefix("discord:")?
        .parse::<u64>()
        .ok()
        .filter(|id| *id != 0)
        .map(UserId::new)
}

fn guild_of(place: &PlaceId) -> Option<GuildId> {
    let mut parts = place.as_str().split(':');
    (parts.next() == Some("discord"))
        .then(|| parts.next()?.parse::<u64>().ok().filter(|g| *g != 0))
        .flatten()
        .map(GuildId::new)
}

/// The kind of a Discord channel the floor can use.
fn kind_of(kind: ChannelType) -> Option<ChannelKind> {
    match kind {
        ChannelType::Voice => Some(ChannelKind::Voice),
        ChannelType::Stage => Some(ChannelKind::Stage),
        _ => None,
    }
}

/// A voice or Stage channel of a cached guild, with the permissions the bot lacks there.
pub fn resolve_channel(cache: &Cache, guild: GuildId, channel: ChannelId) -> Option<VoiceChannel> {
    let g = cache.guild(guild)?;
    let c = g.channels.get(&channel)?;
    let kind = kind_of(c.kind)?;
    let me = g.members.get(&cache.current_user().id)?;
    let has = g.user_permissions_in(c, me);
    let missing = (kind.required().iter().copied())
        .filter(|p| !has.contains(bit(*p)))
        .collect();
    Some(VoiceChannel {
        id: channel.to_string(),
        name: bot_core::domain::DisplayName::new(&c.name),
        kind,
        missing,
    })
}

/// What the bot lacks in `channel` of the floor's permissions for `kind` (all of them when the
/// guild is not cached).
fn missing_in(
    cache: &Cache,
    guild: GuildId,
    channel: &str,
    kind: ChannelKind,
) -> Vec<VoicePermission> {
    let found = channel
        .parse::<u64>()
        .ok()
        .and_then(|c| resolve_channel(cache, guild, ChannelId::new(c)));
    match found {
        Some(c) if !c.missing.is_empty() => c.missing,
        _ => kind.required().to_vec(),
    }
}

/// A member's voice state for the core: who (their standing from the guild cache: Manage
/// Server, role names), where, and whether they moderate that channel.
fn core_state(g: &Guild, state: &VoiceState) -> CoreVoiceState {
    let member = state
        .member
        .as_ref()
        .or_else(|| g.members.get(&state.user_id));
    let name = member.map_or_else(|| "someone".to_string(), |m| m.display_name().to_string());
    let perms = member.map(|m| g.member_permissions(m)).unwrap_or_default();
    let manages = perms.contains(Permissions::MANAGE_GUILD) || perms.administrator();
    let platform_roles = member
        .map(|m| {
            (m.roles.iter())
                .filter_map(|r| g.roles.get(r).map(|role| role.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let channel = state.channel_id.and_then(|c| g.channels.get(&c));
    let stage_moderator =
        Permissions::MANAGE_CHANNELS | Permissions::MUTE_MEMBERS | Permissions::MOVE_MEMBERS;
    let moderator = match (channel, member) {
        (Some(c), Some(m)) => g.user_permissions_in(c, m).contains(stage_moderator),
        _ => false,
    };
    CoreVoiceState {
        actor: Actor {
            member: Member::new(format!("discord:{}", state.user_id), &name),
            role: if manages { Role::Admin } else { Role::Member },
            platform_roles,
            locale: Default::default(),
        },
        channel: state.channel_id.map(|c| c.to_string()),
        server_muted: state.mute,
        suppressed: state.suppress,
        requested_to_speak: state.request_to_speak_timestamp.is_some(),
        moderator,
    }
}

/// A member's voice state as the cache holds it now; once they left (no state cached), the last
/// one reported with no channel. `None`: the bot's own, or a guild not cached.
fn current_state(cache: &Cache, guild: GuildId, last: &VoiceState) -> Option<CoreVoiceState> {
    if last.user_id == cache.current_user().id {
        return None;
    }
    let g = cache.guild(guild)?;
    Some(match g.voice_states.get(&last.user_id) {
        Some(now) => core_state(&g, now),
        None => {
            let mut left = last.clone();
            left.channel_id = None;
            core_state(&g, &left)
        }
    })
}

/// Everyone in voice in a cached guild, as a snapshot for the core.
fn snapshot(cache: &Cache, guild: GuildId) -> Option<VoiceInput> {
    let me = cache.current_user().id;
    let g = cache.guild(guild)?;
    let states = (g.voice_states.values())
        .filter(|s| s.user_id != me && s.channel_id.is_some())
        .map(|s| core_state(&g, s))
        .collect();
    Some(VoiceInput::Snapshot(states))
}

/// What the worker takes in, in the order it was told.
enum News {
    /// A member's voice state changed: read from the cache when taken in.
    Changed(GuildId, Box<VoiceState>),
    /// Everyone in voice in a guild, read from the cache when taken in.
    Look(GuildId),
    /// What a floor change found out about one place.
    Place(PlaceId, VoiceInput),
}

/// Who a piece of voice news is for: one place, or every place that follows voice in a guild.
enum Whom {
    Place(PlaceId),
    Guild(GuildId),
}

/// Voice news for the core, taken in by one worker in turn. serenity updates its cache in the
/// order Discord sends events but runs each event's handler in a task of its own, so handlers
/// may run in another order (a member's join seen after the mute a moderator put on them
/// next); the worker therefore reads what it tells the core from the cache when it comes to
/// it, never from the event, so the last word the core hears about a member is the newest.
#[derive(Clone)]
pub struct VoiceNews(mpsc::UnboundedSender<News>);

impl VoiceNews {
    /// Starts the worker that tells `engine` what `cache` holds.
    pub fn start(engine: Engine, cache: Arc<Cache>) -> VoiceNews {
        let (tx, mut rx) = mpsc::unbounded_channel::<News>();
        tokio::spawn(async move {
            while let Some(news) = rx.recv().await {
                let (whom, input) = match news {
                    News::Changed(guild, last) => (
                        Whom::Guild(guild),
                        current_state(&cache, guild, &last).map(VoiceInput::State),
                    ),
                    News::Look(guild) => (Whom::Guild(guild), snapshot(&cache, guild)),
                    News::Place(place, input) => (Whom::Place(place), Some(input)),
                };
                let Some(input) = input else { continue };
                let told = match whom {
                    Whom::Place(place) => match engine.voice(&place, input).await {
                        Ok(executed) => engine.dispatch_voice(&place, executed).await,
                        Err(e) => Err(e),
                    },
                    Whom::Guild(guild) => engine.voice_in(&community(guild), input).await,
                };
                if let Err(e) = told {
                    tracing::warn!(error = %e, "a voice change could not be taken in");
                }
            }
        });
        VoiceNews(tx)
    }

    /// A member's voice state changed (the event's state: what is told is the cache's).
    pub fn changed(&self, state: VoiceState) {
        if let Some(guild) = state.guild_id {
            let _ = self.0.send(News::Changed(guild, Box::new(state)));
        }
    }

    /// Every place that follows voice in `guild` learns who is in voice there now (at a start,
    /// a reconnect, a link).
    pub fn look(&self, guild: GuildId) {
        let _ = self.0.send(News::Look(guild));
    }

    /// For one place (what a floor change found out).
    pub fn tell_place(&self, place: &PlaceId, input: VoiceInput) {
        let _ = self.0.send(News::Place(place.clone(), input));
    }
}

/// One floor change waiting to be made, and who waits for the outcome.
type FloorJob = (PlaceId, FloorChange, oneshot::Sender<Result<(), String>>);

/// The floor changes of this process, made one at a time in the order they were committed
/// (a command's, a timer's, a redelivery's), beside the meeting's posts: a large room's mutes
/// wait for Discord's limits here, never in front of "time".
#[derive(Clone)]
pub struct FloorLane(mpsc::UnboundedSender<FloorJob>);

impl FloorLane {
    pub fn start(calls: VoiceCalls, news: VoiceNews) -> FloorLane {
        let (tx, mut rx) = mpsc::unbounded_channel::<FloorJob>();
        tokio::spawn(async move {
            while let Some((place, change, done)) = rx.recv().await {
                let _ = done.send(calls.apply(&place, &change, &news).await);
            }
        });
        FloorLane(tx)
    }

    /// Queues `change` now; the receiver says how it went.
    pub fn enqueue(
        &self,
        place: &PlaceId,
        change: &FloorChange,
    ) -> oneshot::Receiver<Result<(), String>> {
        let (tx, rx) = oneshot::channel();
        if self.0.send((place.clone(), change.clone(), tx)).is_err() {
            tracing::warn!("the floor lane has stopped; a floor change waits in the outbox");
        }
        rx
    }

    /// Makes `change` after those queued before it.
    pub async fn make(&self, place: &PlaceId, change: &FloorChange) -> Result<(), String> {
        self.enqueue(place, change)
            .await
            .unwrap_or_else(|_| Err("the floor lane has stopped".into()))
    }
}

/// What one voice call came to.
enum Called {
    Done,
    /// The member is not connected to voice (or not to that Stage).
    NotInVoice,
    /// Discord refused for want of a permission.
    Missing,
}

/// One bucket's state, from Discord's headers.
struct Bucket {
    remaining: u32,
    reset_at: Instant,
}

/// Makes floor changes on Discord.
pub struct VoiceCalls {
    http: Arc<Http>,
    cache: Arc<Cache>,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl VoiceCalls {
    pub fn new(http: Arc<Http>, cache: Arc<Cache>) -> VoiceCalls {
        VoiceCalls {
            http,
            cache,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Makes `change` for `place`, step by step in order; tells `news` what Discord said about
    /// members or permissions. `Err`: a step failed in a way worth trying again later (the whole
    /// change is repeated then; every step is safe to repeat).
    pub async fn apply(
        &self,
        place: &PlaceId,
        change: &FloorChange,
        news: &VoiceNews,
    ) -> Result<(), String> {
        let Some(guild) = guild_of(place) else {
            return Ok(());
        };
        let channel = change.channel.parse::<u64>().ok().map(ChannelId::new);
        for step in &change.steps {
            let called = self.step(guild, channel, step).await?;
            match called {
                Called::Done => {}
                Called::NotInVoice => {
                    if let Some(m) = step.member() {
                        news.tell_place(place, VoiceInput::NotInVoice(m.clone()));
                    }
                }
                Called::Missing => {
                    let missing = missing_in(&self.cache, guild, &change.channel, change.kind);
                    news.tell_place(place, VoiceInput::Lost(missing));
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    async fn step(
        &self,
        guild: GuildId,
        channel: Option<ChannelId>,
        step: &FloorStep,
    ) -> Result<Called, String> {
        let user = step.member().and_then(user_of);
        match (step, user, channel) {
            (FloorStep::Mute(_) | FloorStep::Unmute(_), Some(user), _) => {
                let body = serde_json::json!({ "mute": matches!(step, FloorStep::Mute(_)) });
                let route = || Route::GuildMember {
                    guild_id: guild,
                    user_id: user,
                };
                self.call(
                    &format!("member:{guild}"),
                    LightMethod::Patch,
                    route,
                    Some(body),
                )
                .await
            }
            (FloorStep::ToSpeakers(_) | FloorStep::ToAudience(_), Some(user), Some(channel)) => {
                let suppress = matches!(step, FloorStep::ToAudience(_));
                let body =
                    serde_json::json!({ "channel_id": channel.to_string(), "suppress": suppress });
                let route = || Route::GuildVoiceStates {
                    guild_id: guild,
                    user_id: user,
                };
                self.call(
                    &format!("voice-state:{guild}"),
                    LightMethod::Patch,
                    route,
                    Some(body),
                )
                .await
            }
            (FloorStep::OpenStage(topic), _, Some(channel)) => {
                let topic: String = topic.chars().take(120).collect();
                let body = serde_json::json!({ "channel_id": channel.to_string(), "topic": topic });
                self.call(
                    "stage",
                    LightMethod::Post,
                    || Route::StageInstances,
                    Some(body),
                )
                .await
            }
            (FloorStep::CloseStage, _, Some(channel)) => {
                let route = || Route::StageInstance {
                    channel_id: channel,
                };
                self.call(
                    &format!("stage:{channel}"),
                    LightMethod::Delete,
                    route,
                    None,
                )
                .await
            }
            _ => Ok(Called::Done),
        }
    }

    /// One REST call, waiting first when its bucket is known to be empty (Discord's headers
    /// said so), retried after a 429 or a 5xx.
    async fn call<'a>(
        &self,
        bucket: &str,
        method: LightMethod,
        route: impl Fn() -> Route<'a>,
        body: Option<serde_json::Value>,
    ) -> Result<Called, String> {
        let bytes = body.map(|b| serde_json::to_vec(&b).expect("JSON"));
        for attempt in 1..=ATTEMPTS {
            self.wait_for(bucket).await;
            let request = Request::new(route(), method).body(bytes.clone());
            let e = match self.http.request(request).await {
                Ok(response) => {
                    let header = |name: &str| {
                        (response.headers().get(name))
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    let remaining = header("x-ratelimit-remaining").and_then(|v| v.parse().ok());
                    let after = header("x-ratelimit-reset-after").and_then(|v| v.parse().ok());
                    if let (Some(remaining), Some(after)) = (remaining, after) {
                        self.note(
                            bucket,
                            remaining,
                            Duration::from_secs_f64(f64::max(after, 0.0)),
                        );
                    }
                    return Ok(Called::Done);
                }
                Err(e) => e,
            };
            // serenity hands back an unsuccessful answer as an error with its status and code.
            let (status, code) = (status_of(&e).unwrap_or(0), code_of(&e).unwrap_or(0));
            match (status, code) {
                (429, _) | (500..=599, _) => {
                    let wait = Duration::from_secs(u64::from(attempt));
                    // Nothing else goes into this bucket until then.
                    self.note(bucket, 0, wait);
                    telemetry::api_error("discord", ApiError::RateLimited);
                    telemetry::rate_limit_wait("discord", wait);
                    tracing::info!(
                        status,
                        wait_ms = wait.as_millis() as u64,
                        "a voice change waits for Discord"
                    );
                }
                (403, _) => return Ok(Called::Missing),
                (_, NOT_CONNECTED | UNKNOWN_VOICE_STATE) => return Ok(Called::NotInVoice),
                (_, UNKNOWN_STAGE | STAGE_ALREADY_OPEN) => return Ok(Called::Done),
                _ => {
                    telemetry::api_error("discord", ApiError::Failed);
                    return Err(format!("a voice change failed: {e}"));
                }
            }
        }
        Err("a voice change was rate limited too long".into())
    }

    /// Waits while `bucket` is known to be empty.
    async fn wait_for(&self, bucket: &str) {
        let wait = {
            let buckets = self.buckets.lock().expect("buckets lock");
            buckets
                .get(bucket)
                .filter(|b| b.remaining == 0)
                .map(|b| b.reset_at.saturating_duration_since(Instant::now()))
        };
        if let Some(wait) = wait.filter(|w| !w.is_zero()) {
            telemetry::rate_limit_wait("discord", wait);
            tokio::time::sleep(wait).await;
        }
    }

    /// Keeps what Discord said about `bucket`: calls left, and when it refills.
    fn note(&self, bucket: &str, remaining: u32, reset_after: Duration) {
        let reset_at = Instant::now() + reset_after;
        let mut buckets = self.buckets.lock().expect("buckets lock");
        buckets.insert(
            bucket.to_string(),
            Bucket {
                remaining,
                reset_at,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_and_guild_ids_come_from_the_core_ids() {
        assert_eq!(user_of(&MemberId::new("discord:42")), Some(UserId::new(42)));
        assert_eq!(user_of(&MemberId::new("console:ana")), None);
        let place = PlaceId::new("discord:7:9");
        assert_eq!(guild_of(&place), Some(GuildId::new(7)));
        assert_eq!(guild_of(&PlaceId::new("matrix:!a:b")), None);
    }
}
