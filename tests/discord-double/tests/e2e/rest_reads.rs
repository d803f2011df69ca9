//! The read routes serenity may call decode into serenity's own types.

use discord_double::DiscordDouble;
use serenity::all::{ChannelId, GuildId, RoleId, UserId};

use crate::common::{http_for, world};

#[tokio::test]
async fn read_routes_decode_in_serenity() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config).await;
    let http = http_for(&double);

    let gateway = http.get_gateway().await.unwrap();
    assert_eq!(gateway.url, double.ws_url());
    let bot_gateway = http.get_bot_gateway().await.unwrap();
    assert_eq!(bot_gateway.shards, 1);
    let me = http.get_current_user().await.unwrap();
    assert_eq!(me.id.get(), double.config().bot_user.id);
    assert!(me.bot);
    let app = http.get_current_application_info().await.unwrap();
    assert_eq!(app.id.get(), double.config().application_id);

    let guild = GuildId::new(ids.guild);
    let partial = guild.to_partial_guild_with_counts(&http).await.unwrap();
    assert_eq!(partial.name, "Share Circle");
    assert_eq!(partial.approximate_member_count, Some(4));
    let with_counts = double
        .requests()
        .into_iter()
        .find(|r| r.query.contains("with_counts"))
        .unwrap();
    assert_eq!(
        with_counts.query, "&with_counts=true",
        "serenity writes `?&key=value`"
    );

    let channel = ChannelId::new(ids.general).to_channel(&http).await.unwrap();
    assert_eq!(channel.guild().unwrap().name, "general");
    let roles = guild.roles(&http).await.unwrap();
    assert!(roles.contains_key(&RoleId::new(ids.facilitators)));
    let alice = guild.member(&http, UserId::new(ids.alice)).await.unwrap();
    assert_eq!(alice.nick.as_deref(), Some("Al"));
    assert!(alice.roles.contains(&RoleId::new(ids.facilitators)));
    let channels = guild.channels(&http).await.unwrap();
    assert_eq!(channels.len(), 1);

    assert!(double.violations().is_empty(), "{:?}", double.violations());
}
