//! Voice and Stage through unmodified serenity: server mutes, the Stage's speakers and audience, requests to speak, stage instances, GUILD_CREATE's voice states by intent, the voice routes' rate limits, and permissions taken away mid-test.

use std::time::Duration;

use discord_double::model::now_iso8601;
use discord_double::{
    intents, perms, DiscordDouble, DoubleConfig, GuildSpec, MemberSpec, OverwriteSpec, RateLimits,
    RouteLimit,
};
use serde_json::{json, Value};
use serenity::all::{
    Channel, ChannelId, CreateStageInstance, EditMember, EditStageInstance, EditVoiceState,
    GatewayIntents, GuildChannel, GuildId, UserId, VoiceState,
};
use serenity::http::{Http, HttpError};

use crate::common::{http_for, start_bot, Bot, Seen, WAIT};
use crate::connect::assert_dispatches_parse;

/// What the bot may do in the voice world: moderate Stages (manage channels, mute, move),
/// deafen, connect and speak, on top of the usual invite.
const VOICE_BOT: u64 = perms::BOT_DEFAULT
    | perms::CONNECT
    | perms::SPEAK
    | perms::STAGE_MODERATOR
    | perms::DEAFEN_MEMBERS
    | perms::REQUEST_TO_SPEAK;

#[derive(Clone, Copy, Debug)]
struct Ids {
    guild: u64,
    /// A voice channel; `alice` is in it when the double starts.
    voice: u64,
    /// A second voice channel, nobody in it.
    lounge: u64,
    stage: u64,
    alice: u64,
    /// Not in voice.
    bob: u64,
    /// Moderates the Stage (Stage Hosts role).
    carol: u64,
}

fn voice_world(bot_permissions: u64) -> (DoubleConfig, Ids) {
    let mut g = GuildSpec::new("Share Circle");
    g.add_text_channel("general");
    let voice = g.add_voice_channel("Meeting room");
    let lounge = g.add_voice_channel("Lounge");
    let stage = g.add_stage_channel("Meeting stage");
    let hosts = g.add_role("Stage Hosts", perms::STAGE_MODERATOR);
    let alice = g.add_member(MemberSpec::new("alice").in_voice(voice));
    let bob = g.add_member(MemberSpec::new("bob"));
    let carol = g.add_member(MemberSpec::new("carol").roles([hosts]));
    let config = DoubleConfig::new("test-token-123")
        .bot_permissions(bot_permissions)
        .guild(g.clone());
    let ids = Ids {
        guild: g.id,
        voice,
        lounge,
        stage,
        alice,
        bob,
        carol,
    };
    (config, ids)
}

/// The double and a bot that identified with GUILDS and GUILD_VOICE_STATES and has its guild.
async fn voice_bot(config: DoubleConfig) -> (DiscordDouble, Bot) {
    let double = DiscordDouble::start(config).await;
    let mut bot = start_bot(
        &double,
        GatewayIntents::GUILDS | GatewayIntents::GUILD_VOICE_STATES,
    )
    .await;
    double.wait_ready(WAIT).await.expect("READY");
    bot.next("cache_ready", |e| {
        matches!(e, Seen::CacheReady(_)).then_some(())
    })
    .await;
    (double, bot)
}

/// The id of the bot's managed role in a guild.
fn bot_role(double: &DiscordDouble, guild: u64) -> u64 {
    double
        .guild(guild)
        .unwrap()
        .roles
        .iter()
        .find(|r| r.managed)
        .expect("the bot's managed role")
        .id
}

/// The status and Discord JSON error of a failed serenity call.
fn http_error<T: std::fmt::Debug>(r: serenity::Result<T>) -> (u16, isize, String) {
    match r {
        Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(e))) => (
            e.status_code.as_u16(),
            e.error.code,
            e.error.message.clone(),
        ),
        other => panic!("expected an unsuccessful request, got {other:?}"),
    }
}

/// The next VOICE_STATE_UPDATE serenity handed to the bot for `user` that satisfies `pred`.
async fn next_voice_state(
    bot: &mut Bot,
    user: u64,
    pred: impl Fn(&VoiceState) -> bool,
) -> VoiceState {
    bot.next("a VOICE_STATE_UPDATE", |e| match e {
        Seen::VoiceState(v) if v.user_id.get() == user && pred(v) => Some((**v).clone()),
        _ => None,
    })
    .await
}

async fn stage_channel(http: &Http, id: u64) -> GuildChannel {
    match ChannelId::new(id).to_channel(http).await.unwrap() {
        Channel::Guild(c) => c,
        other => panic!("not a guild channel: {other:?}"),
    }
}

#[tokio::test]
async fn a_server_mute_answers_the_member_and_dispatches_the_voice_state() {
    let (config, ids) = voice_world(VOICE_BOT);
    let (double, mut bot) = voice_bot(config).await;
    let guild = GuildId::new(ids.guild);

    let member = guild
        .edit_member(
            &bot.http,
            UserId::new(ids.alice),
            EditMember::new().mute(true),
        )
        .await
        .unwrap();
    assert!(member.mute);
    assert!(!member.deaf);
    assert_eq!(member.user.id.get(), ids.alice);

    let state = next_voice_state(&mut bot, ids.alice, |v| v.mute).await;
    assert_eq!(state.channel_id, Some(ChannelId::new(ids.voice)));
    assert_eq!(state.guild_id, Some(guild));
    assert_eq!(
        state.member.as_ref().map(|m| m.user.id.get()),
        Some(ids.alice)
    );
    assert!(state.member.as_ref().unwrap().mute);
    assert_eq!(
        double.voice_state(ids.guild, ids.alice).unwrap()["mute"],
        true
    );
    // The mute is the member's: a GET of the member shows it too.
    let fetched = guild
        .member(&bot.http, UserId::new(ids.alice))
        .await
        .unwrap();
    assert!(fetched.mute);

    // Unmuting again dispatches the change back.
    guild
        .edit_member(
            &bot.http,
            UserId::new(ids.alice),
            EditMember::new().mute(false),
        )
        .await
        .unwrap();
    next_voice_state(&mut bot, ids.alice, |v| !v.mute).await;

    let requests = double.voice_requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[0].method, "PATCH");
    assert_eq!(
        requests[0].route(),
        format!("/guilds/{}/members/{}", ids.guild, ids.alice)
    );
    assert_eq!(requests[0].body, Some(json!({ "mute": true })));
    assert_eq!(requests[0].status, 200);
    assert_dispatches_parse(&double);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}

#[tokio::test]
async fn a_mute_on_a_member_not_in_voice_is_400_40032_and_changes_nothing() {
    let (config, ids) = voice_world(VOICE_BOT);
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let r = GuildId::new(ids.guild)
        .edit_member(&http, UserId::new(ids.bob), EditMember::new().mute(true))
        .await;
    let (status, code, message) = http_error(r);
    assert_eq!((status, code), (400, 40032), "{message}");
    assert_eq!(message, "Target user is not connected to voice.");
    let bob = double
        .guild(ids.guild)
        .unwrap()
        .member(ids.bob)
        .cloned()
        .unwrap();
    assert!(!bob.mute);
    let v = double.take_violations();
    assert!(v.len() == 1 && v[0].contains("40032"), "{v:?}");
}

#[tokio::test]
async fn a_mute_without_mute_members_is_403_50013() {
    let (config, ids) = voice_world(VOICE_BOT & !perms::MUTE_MEMBERS);
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let r = GuildId::new(ids.guild)
        .edit_member(&http, UserId::new(ids.alice), EditMember::new().mute(true))
        .await;
    let (status, code, message) = http_error(r);
    assert_eq!((status, code), (403, 50013), "{message}");
    assert_eq!(
        double.voice_state(ids.guild, ids.alice).unwrap()["mute"],
        false
    );
    // Deafening needs its own permission, which the bot has.
    let member = GuildId::new(ids.guild)
        .edit_member(
            &http,
            UserId::new(ids.alice),
            EditMember::new().deafen(true),
        )
        .await
        .unwrap();
    assert!(member.deaf && !member.mute);
    assert_eq!(double.take_violations().len(), 1);
}

#[tokio::test]
async fn a_member_patch_refuses_fields_discord_does_not_take() {
    let (config, ids) = voice_world(VOICE_BOT);
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let r = http
        .edit_member(
            GuildId::new(ids.guild),
            UserId::new(ids.alice),
            &json!({ "muted": true }),
            None,
        )
        .await;
    let (status, code, _) = http_error(r);
    assert_eq!((status, code), (400, 50035));
    let answer = double.voice_requests()[0].response.clone().unwrap();
    assert_eq!(
        answer["errors"]["muted"]["_errors"][0]["code"],
        "UNKNOWN_FIELD"
    );
    let r = http
        .edit_member(
            GuildId::new(ids.guild),
            UserId::new(ids.alice),
            &json!({ "mute": "yes" }),
            None,
        )
        .await;
    assert_eq!(http_error(r).1, 50035);
    let answer = double.voice_requests()[1].response.clone().unwrap();
    assert_eq!(
        answer["errors"]["mute"]["_errors"][0]["code"],
        "BASE_TYPE_BOOLEAN"
    );
    assert_eq!(
        double.voice_state(ids.guild, ids.alice).unwrap()["mute"],
        false
    );
    assert_eq!(double.take_violations().len(), 2);
}

#[tokio::test]
async fn a_stage_opens_once_is_edited_and_closes_with_its_events() {
    let (config, ids) = voice_world(VOICE_BOT);
    let (double, mut bot) = voice_bot(config).await;
    let stage = ChannelId::new(ids.stage);

    let instance = stage
        .create_stage_instance(&bot.http, CreateStageInstance::new("Sharing round"))
        .await
        .unwrap();
    assert_eq!(instance.topic, "Sharing round");
    assert_eq!(instance.channel_id, stage);
    assert_eq!(instance.guild_id.get(), ids.guild);
    let created = bot
        .next("STAGE_INSTANCE_CREATE", |e| match e {
            Seen::Stage("create", s) => Some((**s).clone()),
            _ => None,
        })
        .await;
    assert_eq!(created.id, instance.id);
    assert_eq!(
        double.stage_instance(ids.stage).unwrap()["topic"],
        "Sharing round"
    );

    // One instance per Stage.
    let again = stage
        .create_stage_instance(&bot.http, CreateStageInstance::new("Again"))
        .await;
    assert_eq!(http_error(again).0, 400);
    let second = double.voice_requests().last().cloned().unwrap();
    assert_eq!((second.status, second.error_code()), (400, Some(150006)));

    // A topic is 1 to 120 characters.
    let long = stage
        .edit_stage_instance(&bot.http, EditStageInstance::new().topic("x".repeat(121)))
        .await;
    assert_eq!(http_error(long).1, 50035);
    let edited = stage
        .edit_stage_instance(&bot.http, EditStageInstance::new().topic("x".repeat(120)))
        .await
        .unwrap();
    assert_eq!(edited.topic.len(), 120);
    bot.next("STAGE_INSTANCE_UPDATE", |e| {
        matches!(e, Seen::Stage("update", s) if s.topic.len() == 120).then_some(())
    })
    .await;

    stage.delete_stage_instance(&bot.http).await.unwrap();
    let deleted = double.voice_requests().last().cloned().unwrap();
    assert_eq!((deleted.method.as_str(), deleted.status), ("DELETE", 204));
    let gone = bot
        .next("STAGE_INSTANCE_DELETE", |e| match e {
            Seen::Stage("delete", s) => Some((**s).clone()),
            _ => None,
        })
        .await;
    assert_eq!(gone.id, instance.id);
    assert!(double.stage_instance(ids.stage).is_none());
    let (status, code, _) = http_error(stage.get_stage_instance(&bot.http).await);
    assert_eq!((status, code), (404, 10067));
    // A voice channel has no Stage.
    let (status, code, _) = http_error(
        ChannelId::new(ids.voice)
            .create_stage_instance(&bot.http, CreateStageInstance::new("no"))
            .await,
    );
    assert_eq!((status, code), (400, 50024));

    assert_dispatches_parse(&double);
    assert_eq!(
        double.take_violations().len(),
        4,
        "second create, long topic, GET after delete, voice channel"
    );
    bot.stop().await;
}

#[tokio::test]
async fn only_a_stage_moderator_opens_a_stage() {
    let (config, ids) = voice_world(VOICE_BOT & !perms::MOVE_MEMBERS);
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let (status, code, _) = http_error(
        ChannelId::new(ids.stage)
            .create_stage_instance(&http, CreateStageInstance::new("Sharing round"))
            .await,
    );
    assert_eq!((status, code), (403, 50013));
    assert!(double.stage_instance(ids.stage).is_none());
}

#[tokio::test]
async fn unsuppressing_a_member_invites_them_to_speak_and_suppressing_sends_them_back() {
    let (config, ids) = voice_world(VOICE_BOT);
    let (double, mut bot) = voice_bot(config).await;
    // A member joins the audience; a Stage moderator joins as a speaker.
    let joined = double.voice_join(ids.guild, ids.alice, ids.stage);
    assert_eq!(joined["suppress"], true);
    let carol = double.voice_join(ids.guild, ids.carol, ids.stage);
    assert_eq!(carol["suppress"], false);
    next_voice_state(&mut bot, ids.alice, |v| {
        v.channel_id == Some(ChannelId::new(ids.stage)) && v.suppress
    })
    .await;

    let stage = stage_channel(&bot.http, ids.stage).await;
    stage
        .edit_voice_state(
            &bot.http,
            UserId::new(ids.alice),
            EditVoiceState::new().suppress(false),
        )
        .await
        .unwrap();
    let req = double.voice_requests().last().cloned().unwrap();
    assert_eq!(
        req.route(),
        format!("/guilds/{}/voice-states/{}", ids.guild, ids.alice)
    );
    assert_eq!(req.status, 204);
    assert_eq!(
        req.body,
        Some(json!({ "channel_id": ids.stage.to_string(), "suppress": false }))
    );
    // Discord: an unsuppressed human gets a request-to-speak timestamp (invited to speak).
    let invited = next_voice_state(&mut bot, ids.alice, |v| !v.suppress).await;
    assert!(invited.request_to_speak_timestamp.is_some());
    // Accepting the invitation clears it: now a speaker.
    double.request_to_speak(ids.guild, ids.alice, false);
    next_voice_state(&mut bot, ids.alice, |v| {
        !v.suppress && v.request_to_speak_timestamp.is_none()
    })
    .await;

    stage
        .edit_voice_state(
            &bot.http,
            UserId::new(ids.alice),
            EditVoiceState::new().suppress(true),
        )
        .await
        .unwrap();
    next_voice_state(&mut bot, ids.alice, |v| v.suppress).await;
    assert_eq!(
        double.voice_state(ids.guild, ids.alice).unwrap()["suppress"],
        true
    );

    // Someone not on the Stage has no voice state to change.
    let (status, code, _) = http_error(
        stage
            .edit_voice_state(
                &bot.http,
                UserId::new(ids.bob),
                EditVoiceState::new().suppress(false),
            )
            .await,
    );
    assert_eq!((status, code), (404, 10065));
    assert_dispatches_parse(&double);
    assert_eq!(double.take_violations().len(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn a_voice_state_patch_outside_a_stage_is_refused() {
    let (config, ids) = voice_world(VOICE_BOT);
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    // alice is in a voice channel, not a Stage (serenity's own helper refuses locally, so the
    // request goes through `Http`).
    let r = http
        .edit_voice_state(
            GuildId::new(ids.guild),
            UserId::new(ids.alice),
            &json!({ "channel_id": ids.voice.to_string(), "suppress": false }),
        )
        .await;
    let (status, code, _) = http_error(r);
    assert_eq!((status, code), (400, 50024));
    // `request_to_speak_timestamp` is only for the bot's own voice state.
    double.voice_join(ids.guild, ids.alice, ids.stage);
    let r = http
        .edit_voice_state(
            GuildId::new(ids.guild),
            UserId::new(ids.alice),
            &json!({ "channel_id": ids.stage.to_string(), "request_to_speak_timestamp": null }),
        )
        .await;
    assert_eq!(http_error(r).1, 50035);
    assert_eq!(double.take_violations().len(), 2);
}

#[tokio::test]
async fn requests_to_speak_show_in_the_dispatched_state() {
    let (config, ids) = voice_world(VOICE_BOT);
    let (double, mut bot) = voice_bot(config).await;
    double.voice_join(ids.guild, ids.alice, ids.stage);
    let raised = double.request_to_speak(ids.guild, ids.alice, true);
    assert!(raised["request_to_speak_timestamp"].is_string());
    let state = next_voice_state(&mut bot, ids.alice, |v| {
        v.request_to_speak_timestamp.is_some()
    })
    .await;
    assert!(state.suppress, "a raised hand stays in the audience");
    double.request_to_speak(ids.guild, ids.alice, false);
    next_voice_state(&mut bot, ids.alice, |v| {
        v.request_to_speak_timestamp.is_none()
    })
    .await;

    // The bot's own hand (Modify Current User Voice State), on the Stage it moderates.
    let me = double.config().bot_user.id;
    double.voice_join(ids.guild, me, ids.stage);
    let stage = stage_channel(&bot.http, ids.stage).await;
    stage
        .edit_own_voice_state(&bot.http, EditVoiceState::new().request_to_speak(true))
        .await
        .unwrap();
    let mine = next_voice_state(&mut bot, me, |v| v.request_to_speak_timestamp.is_some()).await;
    assert_eq!(mine.channel_id, Some(ChannelId::new(ids.stage)));
    let got = GuildId::new(ids.guild)
        .get_user_voice_state(&bot.http, UserId::new(me))
        .await
        .unwrap();
    assert_eq!(
        got.request_to_speak_timestamp,
        mine.request_to_speak_timestamp
    );
    assert_dispatches_parse(&double);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}

#[tokio::test]
async fn the_bot_needs_request_to_speak_to_raise_its_hand() {
    let (config, ids) = voice_world(VOICE_BOT & !perms::REQUEST_TO_SPEAK);
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    let me = double.config().bot_user.id;
    double.voice_join(ids.guild, me, ids.stage);
    let r = http
        .edit_voice_state_me(
            GuildId::new(ids.guild),
            &json!({ "channel_id": ids.stage.to_string(), "request_to_speak_timestamp": now_iso8601() }),
        )
        .await;
    assert_eq!(http_error(r).1, 50013);
    // A request to speak is for now or later.
    let r = http
        .edit_voice_state_me(
            GuildId::new(ids.guild),
            &json!({ "channel_id": ids.stage.to_string(), "request_to_speak_timestamp": "2020-01-01T00:00:00Z" }),
        )
        .await;
    assert_eq!(http_error(r).1, 50035);
    // Lowering it is always allowed.
    http.edit_voice_state_me(
        GuildId::new(ids.guild),
        &json!({ "channel_id": ids.stage.to_string(), "request_to_speak_timestamp": null }),
    )
    .await
    .unwrap();
    assert_eq!(double.take_violations().len(), 2);
}

#[tokio::test]
async fn guild_create_carries_voice_states_only_with_the_intent() {
    let (mut config, ids) = voice_world(VOICE_BOT);
    config.guilds[0]
        .members
        .iter_mut()
        .find(|m| m.user.id == ids.carol)
        .unwrap()
        .voice_channel = Some(ids.stage);

    // Without GUILD_VOICE_STATES: no voice states, no VOICE_STATE_UPDATE.
    let double = DiscordDouble::start(config.clone()).await;
    let http = http_for(&double);
    ChannelId::new(ids.stage)
        .create_stage_instance(&http, CreateStageInstance::new("Open"))
        .await
        .unwrap();
    let mut bot = start_bot(&double, GatewayIntents::GUILDS).await;
    double.wait_ready(WAIT).await.unwrap();
    bot.next("cache_ready", |e| {
        matches!(e, Seen::CacheReady(_)).then_some(())
    })
    .await;
    let create = double
        .dispatched()
        .into_iter()
        .find(|d| d["t"] == "GUILD_CREATE")
        .unwrap();
    assert_eq!(create["d"]["voice_states"], json!([]));
    assert_eq!(
        create["d"]["stage_instances"][0]["topic"], "Open",
        "STAGE instances go with GUILDS"
    );
    assert!(bot.cache.guild(ids.guild).unwrap().voice_states.is_empty());
    double.voice_join(ids.guild, ids.bob, ids.lounge);
    // A later event on the same session proves the voice state would have arrived by now.
    double.set_role_permissions(ids.guild, bot_role(&double, ids.guild), VOICE_BOT);
    bot.next("GUILD_ROLE_UPDATE", |e| {
        matches!(e, Seen::RoleUpdate(_)).then_some(())
    })
    .await;
    assert!(
        !double
            .dispatched()
            .iter()
            .any(|d| d["t"] == "VOICE_STATE_UPDATE"),
        "VOICE_STATE_UPDATE without the intent"
    );
    bot.stop().await;
    drop(double);

    // With it: the states of alice (voice) and carol (Stage), partial as Discord sends them.
    let (double, mut bot) = voice_bot(config).await;
    let create = double
        .dispatched()
        .into_iter()
        .find(|d| d["t"] == "GUILD_CREATE")
        .unwrap();
    let states = create["d"]["voice_states"].as_array().unwrap().clone();
    assert_eq!(states.len(), 2, "{states:?}");
    for s in &states {
        assert!(
            s.get("guild_id").is_none(),
            "GUILD_CREATE's voice states lack guild_id: {s}"
        );
        assert!(s.get("session_id").and_then(Value::as_str).is_some());
    }
    let carol = states
        .iter()
        .find(|s| s["user_id"].as_str().and_then(|u| u.parse().ok()) == Some(ids.carol))
        .unwrap();
    assert_eq!(carol["suppress"], false, "a Stage moderator is a speaker");
    {
        let guild = bot.cache.guild(ids.guild).unwrap();
        let alice = &guild.voice_states[&UserId::new(ids.alice)];
        assert_eq!(alice.channel_id, Some(ChannelId::new(ids.voice)));
        assert_eq!(
            guild.voice_states[&UserId::new(ids.carol)].channel_id,
            Some(ChannelId::new(ids.stage))
        );
        // Without GUILD_MEMBERS, the members listed are the bot and those in voice.
        assert!(guild.members.contains_key(&UserId::new(ids.alice)));
        assert!(!guild.members.contains_key(&UserId::new(ids.bob)));
    }
    double.voice_join(ids.guild, ids.bob, ids.lounge);
    next_voice_state(&mut bot, ids.bob, |v| {
        v.channel_id == Some(ChannelId::new(ids.lounge))
    })
    .await;
    assert_eq!(
        double.identifies()[0]["intents"].as_u64().unwrap() & intents::GUILD_VOICE_STATES,
        intents::GUILD_VOICE_STATES
    );
    assert_dispatches_parse(&double);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}

#[tokio::test]
async fn moves_and_disconnects_dispatch_like_discord() {
    let (config, ids) = voice_world(VOICE_BOT);
    let (double, mut bot) = voice_bot(config).await;
    let before = double.voice_state(ids.guild, ids.alice).unwrap();

    double.voice_move(ids.guild, ids.alice, ids.lounge);
    let moved = next_voice_state(&mut bot, ids.alice, |v| {
        v.channel_id == Some(ChannelId::new(ids.lounge))
    })
    .await;
    assert_eq!(moved.session_id, before["session_id"].as_str().unwrap());

    // The bot moves her back (MOVE_MEMBERS) and then disconnects her.
    let guild = GuildId::new(ids.guild);
    guild
        .move_member(&bot.http, UserId::new(ids.alice), ChannelId::new(ids.voice))
        .await
        .unwrap();
    next_voice_state(&mut bot, ids.alice, |v| {
        v.channel_id == Some(ChannelId::new(ids.voice))
    })
    .await;
    guild
        .disconnect_member(&bot.http, UserId::new(ids.alice))
        .await
        .unwrap();
    next_voice_state(&mut bot, ids.alice, |v| v.channel_id.is_none()).await;
    assert!(double.voice_state(ids.guild, ids.alice).is_none());
    let (status, code, _) = http_error(
        guild
            .get_user_voice_state(&bot.http, UserId::new(ids.alice))
            .await,
    );
    assert_eq!((status, code), (404, 10065));

    // A member who leaves on their own.
    double.voice_join(ids.guild, ids.bob, ids.voice);
    let left = double.voice_leave(ids.guild, ids.bob);
    assert_eq!(left["channel_id"], Value::Null);
    next_voice_state(&mut bot, ids.bob, |v| v.channel_id.is_none()).await;
    assert_dispatches_parse(&double);
    assert_eq!(
        double.take_violations().len(),
        1,
        "the GET of a voice state that is gone"
    );
    bot.stop().await;
}

#[tokio::test]
async fn rate_limit_headers_count_down_and_the_eleventh_patch_is_429() {
    let window = Duration::from_secs(2);
    let (config, ids) = voice_world(VOICE_BOT);
    let mut other = GuildSpec::new("Other circle");
    let other_voice = other.add_voice_channel("room");
    let dave = other.add_member(MemberSpec::new("dave").in_voice(other_voice));
    let config = config.guild(other.clone()).rate_limits(RateLimits {
        member_patch: RouteLimit::new(10, window),
        ..RateLimits::default()
    });
    let double = DiscordDouble::start(config).await;
    // A plain HTTP client, to read the headers serenity drops.
    let client = reqwest::Client::new();
    let patch = |guild: u64, user: u64, mute: bool| {
        client
            .patch(format!(
                "{}/api/v10/guilds/{guild}/members/{user}",
                double.http_url()
            ))
            .header("Authorization", "Bot test-token-123")
            .header("Content-Type", "application/json")
            .body(json!({ "mute": mute }).to_string())
            .send()
    };
    let header = |r: &reqwest::Response, name: &str| -> String {
        r.headers()
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    let mut bucket = None;
    for i in 0..10u32 {
        let r = patch(ids.guild, ids.alice, i % 2 == 0).await.unwrap();
        assert_eq!(r.status().as_u16(), 200, "request {i}");
        assert_eq!(header(&r, "x-ratelimit-limit"), "10");
        assert_eq!(header(&r, "x-ratelimit-remaining"), (9 - i).to_string());
        let after: f64 = header(&r, "x-ratelimit-reset-after").parse().unwrap();
        assert!(after > 0.0 && after <= window.as_secs_f64(), "{after}");
        let reset: f64 = header(&r, "x-ratelimit-reset").parse().unwrap();
        assert!(reset > 1.6e9, "a Unix time in seconds: {reset}");
        let b = header(&r, "x-ratelimit-bucket");
        assert_eq!(bucket.get_or_insert_with(|| b.clone()), &b, "one bucket");
    }
    // Another guild counts on its own (same bucket, another major parameter).
    let r = patch(other.id, dave, true).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(header(&r, "x-ratelimit-remaining"), "9");
    assert_eq!(Some(header(&r, "x-ratelimit-bucket")), bucket);

    // The 11th in the window: what serenity (rate limiter off) gets, and what was on the wire.
    let http = http_for(&double);
    let (status, _, _) = http_error(
        GuildId::new(ids.guild)
            .edit_member(&http, UserId::new(ids.alice), EditMember::new().mute(true))
            .await,
    );
    assert_eq!(status, 429);
    let limited = double.voice_requests().last().cloned().unwrap();
    assert_eq!(limited.status, 429);
    assert!(!limited.injected);
    let body = limited.response.unwrap();
    let retry_after = body["retry_after"].as_f64().unwrap();
    assert!(
        retry_after > 0.0 && retry_after <= window.as_secs_f64(),
        "{body}"
    );
    assert_eq!(body["global"], false);
    assert_eq!(body["message"], "You are being rate limited.");
    let v = double.take_violations();
    assert!(v.len() == 1 && v[0].contains("Remaining: 0"), "{v:?}");
    // It was not carried out: alice is still unmuted (the 10th request unmuted her).
    assert_eq!(
        double.voice_state(ids.guild, ids.alice).unwrap()["mute"],
        false
    );

    // The raw 429 carries Retry-After and the bucket's headers.
    let r = patch(ids.guild, ids.alice, true).await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(header(&r, "x-ratelimit-remaining"), "0");
    assert_eq!(header(&r, "x-ratelimit-scope"), "user");
    let retry: u64 = header(&r, "retry-after").parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    double.take_violations();

    // After the reset the bucket is full again.
    tokio::time::sleep(Duration::from_secs_f64(retry_after) + Duration::from_millis(50)).await;
    let r = patch(ids.guild, ids.alice, true).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(header(&r, "x-ratelimit-remaining"), "9");
    assert!(double.violations().is_empty(), "{:?}", double.violations());
}

#[tokio::test]
async fn an_injected_429_still_answers_before_the_bucket() {
    let (config, ids) = voice_world(VOICE_BOT);
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);
    double.fail_next(
        "PATCH",
        "/guilds/*/members/*",
        discord_double::Failure::rate_limited(0.2),
    );
    let (status, _, _) = http_error(
        GuildId::new(ids.guild)
            .edit_member(&http, UserId::new(ids.alice), EditMember::new().mute(true))
            .await,
    );
    assert_eq!(status, 429);
    assert!(double.voice_requests()[0].injected);
    tokio::time::sleep(Duration::from_millis(250)).await;
    let member = GuildId::new(ids.guild)
        .edit_member(&http, UserId::new(ids.alice), EditMember::new().mute(true))
        .await
        .unwrap();
    assert!(member.mute);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
}

#[tokio::test]
async fn a_permission_taken_away_makes_the_next_mute_403() {
    let (config, ids) = voice_world(VOICE_BOT);
    let (double, mut bot) = voice_bot(config).await;
    let guild = GuildId::new(ids.guild);
    let alice = UserId::new(ids.alice);
    guild
        .edit_member(&bot.http, alice, EditMember::new().mute(true))
        .await
        .unwrap();

    // A moderator takes MUTE_MEMBERS from the bot's role.
    let role = bot_role(&double, ids.guild);
    double.set_role_permissions(ids.guild, role, VOICE_BOT & !perms::MUTE_MEMBERS);
    let updated = bot
        .next("GUILD_ROLE_UPDATE", |e| match e {
            Seen::RoleUpdate(r) => Some((**r).clone()),
            _ => None,
        })
        .await;
    assert_eq!(updated.id.get(), role);
    assert!(!updated.permissions.mute_members());
    let (status, code, _) = http_error(
        guild
            .edit_member(&bot.http, alice, EditMember::new().mute(false))
            .await,
    );
    assert_eq!((status, code), (403, 50013));
    assert_eq!(
        double.voice_state(ids.guild, ids.alice).unwrap()["mute"],
        true
    );
    assert_eq!(double.take_violations().len(), 1);

    // Given back, then denied in one channel only by an overwrite.
    double.set_role_permissions(ids.guild, role, VOICE_BOT);
    double.set_channel_overwrites(
        ids.guild,
        ids.voice,
        vec![OverwriteSpec {
            id: role,
            kind: 0,
            allow: 0,
            deny: perms::MUTE_MEMBERS,
        }],
    );
    let channel = bot
        .next("CHANNEL_UPDATE", |e| match e {
            Seen::ChannelUpdate(c) => Some((**c).clone()),
            _ => None,
        })
        .await;
    assert_eq!(channel.id.get(), ids.voice);
    assert_eq!(channel.permission_overwrites.len(), 1);
    let (status, code, _) = http_error(
        guild
            .edit_member(&bot.http, alice, EditMember::new().mute(false))
            .await,
    );
    assert_eq!((status, code), (403, 50013));
    // In the lounge the overwrite does not apply.
    double.voice_move(ids.guild, ids.alice, ids.lounge);
    let member = guild
        .edit_member(&bot.http, alice, EditMember::new().mute(false))
        .await
        .unwrap();
    assert!(!member.mute);
    assert_dispatches_parse(&double);
    assert_eq!(double.take_violations().len(), 1);
    bot.stop().await;
}

#[tokio::test]
async fn a_human_moderators_mute_reaches_the_bot() {
    let (config, ids) = voice_world(VOICE_BOT);
    let (double, mut bot) = voice_bot(config).await;
    double.moderator_mute(ids.guild, ids.alice, true);
    let state = next_voice_state(&mut bot, ids.alice, |v| v.mute).await;
    assert!(state.member.unwrap().mute);
    let waited = double
        .wait_voice_state(
            ids.guild,
            ids.alice,
            |v| v.is_some_and(|v| v["mute"] == true),
            WAIT,
        )
        .await
        .unwrap();
    assert_eq!(waited.unwrap()["channel_id"], ids.voice.to_string());
    let d = double
        .wait_dispatch("VOICE_STATE_UPDATE", |d| d["mute"] == true, WAIT)
        .await
        .unwrap();
    assert_eq!(d["user_id"], ids.alice.to_string());
    assert!(
        double.voice_requests().is_empty(),
        "no REST request was made"
    );
    bot.stop().await;
}
