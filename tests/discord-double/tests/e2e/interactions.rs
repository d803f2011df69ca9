//! Test 2 (and friends): interactions dispatched over the gateway, answered through serenity.

use discord_double::validation::FLAG_EPHEMERAL;
use serde_json::json;
use serenity::all::{
    ButtonStyle, ChannelId, CommandOptionType, CreateActionRow, CreateAutocompleteResponse,
    CreateButton, CreateCommand, CreateCommandOption, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, GuildId,
};
use serenity::http::HttpError;

use crate::common::{connected, world, WAIT};
use crate::connect::assert_dispatches_parse;

fn status_and_code(err: &serenity::Error) -> (u16, isize) {
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            (r.status_code.as_u16(), r.error.code)
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

fn checkin() -> CreateCommand {
    CreateCommand::new("checkin")
        .description("Check in to the circle")
        .add_option(
            CreateCommandOption::new(CommandOptionType::Integer, "mood", "How are you, 1 to 5")
                .required(true),
        )
}

#[tokio::test]
async fn slash_command_gets_an_ephemeral_reply_and_a_second_callback_is_rejected() {
    let (config, ids) = world();
    let (double, mut bot) = connected(config).await;
    GuildId::new(ids.guild)
        .set_commands(&bot.http, vec![checkin()])
        .await
        .unwrap();

    let sent = double.send_slash_command(
        ids.guild,
        ids.general,
        ids.alice,
        "checkin",
        json!([{ "name": "mood", "value": 4 }]),
    );
    let (ctx, interaction) = bot.interaction().await;
    let cmd = interaction.command().expect("an application command");
    assert_eq!(cmd.id.get(), sent.id);
    assert_eq!(cmd.data.name, "checkin");
    assert_eq!(cmd.data.options[0].value.as_i64(), Some(4));
    assert_eq!(cmd.guild_id.map(|g| g.get()), Some(ids.guild));
    assert_eq!(cmd.channel_id.get(), ids.general);
    assert_eq!(cmd.locale, "en-US");
    assert!(cmd.app_permissions.is_some_and(|p| p.send_messages()));
    let member = cmd
        .member
        .as_ref()
        .expect("guild interactions carry a member");
    assert_eq!(member.user.id.get(), ids.alice);
    assert_eq!(member.nick.as_deref(), Some("Al"));
    assert_eq!(member.user.global_name.as_deref(), Some("Alice"));
    assert!(member.permissions.expect("permissions").manage_guild());
    assert_eq!(cmd.user.id.get(), ids.alice);

    let reply = CreateInteractionResponseMessage::new()
        .content("Welcome back, Alice")
        .ephemeral(true);
    cmd.create_response(&ctx.http, CreateInteractionResponse::Message(reply))
        .await
        .unwrap();
    let cb = double.wait_callback(&sent, WAIT).await.unwrap();
    assert!(cb.accepted());
    assert_eq!(cb.response_type, 4);
    assert_eq!(cb.flags, FLAG_EPHEMERAL);
    assert_eq!(cb.content(), Some("Welcome back, Alice"));

    let again = CreateInteractionResponseMessage::new().content("again");
    let err = cmd
        .create_response(&ctx.http, CreateInteractionResponse::Message(again))
        .await
        .unwrap_err();
    assert_eq!(status_and_code(&err), (400, 40060));
    let cbs = double.wait_callbacks(&sent, 2, WAIT).await.unwrap();
    assert_eq!((cbs[1].status, cbs[1].error_code()), (400, Some(40060)));
    let violations = double.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].contains("40060"), "{violations:?}");

    let stored = double.messages_in(ids.general);
    assert_eq!(stored.len(), 1);
    assert!(stored[0].is_ephemeral());
    assert_eq!(stored[0].content, "Welcome back, Alice");
    assert_eq!(stored[0].interaction_id, Some(sent.id));
    assert_dispatches_parse(&double);
    bot.stop().await;
}

#[tokio::test]
async fn a_button_press_updates_the_message_it_came_from() {
    let (config, ids) = world();
    let (double, mut bot) = connected(config).await;
    let row = CreateActionRow::Buttons(vec![
        CreateButton::new("join")
            .label("Join")
            .style(ButtonStyle::Primary),
        CreateButton::new("leave")
            .label("Leave")
            .style(ButtonStyle::Secondary),
    ]);
    let posted = ChannelId::new(ids.general)
        .send_message(
            &bot.http,
            CreateMessage::new()
                .content("Circle at 18:00")
                .components(vec![row]),
        )
        .await
        .unwrap();
    assert_eq!(
        double.messages_in(ids.general)[0].custom_ids(),
        ["join", "leave"]
    );

    let sent = double.send_button(ids.guild, ids.general, ids.bob, posted.id.get(), "join");
    let (ctx, interaction) = bot.interaction().await;
    let press = interaction
        .message_component()
        .expect("a component interaction");
    assert_eq!(press.data.custom_id, "join");
    assert_eq!(press.message.id, posted.id);
    assert_eq!(press.user.id.get(), ids.bob);
    let update = CreateInteractionResponseMessage::new().content("Circle at 18:00 — 1 joined");
    press
        .create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(update))
        .await
        .unwrap();
    let cb = double.wait_callback(&sent, WAIT).await.unwrap();
    assert_eq!((cb.status, cb.response_type), (204, 7));
    assert_eq!(
        double.message(posted.id.get()).unwrap().content,
        "Circle at 18:00 — 1 joined"
    );
    assert_dispatches_parse(&double);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}

#[tokio::test]
async fn autocomplete_accepts_only_choice_results() {
    let (config, ids) = world();
    let (double, mut bot) = connected(config).await;
    let circle = CreateCommandOption::new(CommandOptionType::String, "circle", "Which circle")
        .required(true)
        .set_autocomplete(true);
    GuildId::new(ids.guild)
        .set_commands(
            &bot.http,
            vec![
                CreateCommand::new("join")
                    .description("Join a circle")
                    .add_option(circle),
                checkin(),
            ],
        )
        .await
        .unwrap();

    let sent = double.send_autocomplete(
        ids.guild,
        ids.general,
        ids.bob,
        "join",
        json!([{ "name": "circle", "value": "mon", "focused": true }]),
    );
    let (ctx, interaction) = bot.interaction().await;
    let ac = interaction
        .autocomplete()
        .expect("an autocomplete interaction");
    let focused = ac.data.autocomplete().expect("a focused option");
    assert_eq!((focused.name, focused.value), ("circle", "mon"));
    let choices =
        CreateAutocompleteResponse::new().add_string_choice("Monday evening circle", "mon-eve");
    ac.create_response(&ctx.http, CreateInteractionResponse::Autocomplete(choices))
        .await
        .unwrap();
    let cb = double.wait_callback(&sent, WAIT).await.unwrap();
    assert_eq!((cb.status, cb.response_type), (204, 8));
    assert_eq!(cb.data["choices"][0]["value"], "mon-eve");
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // An autocomplete result is not an answer to a slash command.
    let sent = double.send_slash_command(
        ids.guild,
        ids.general,
        ids.bob,
        "checkin",
        json!([{ "name": "mood", "value": 2 }]),
    );
    let (ctx, interaction) = bot.interaction().await;
    let cmd = interaction.command().unwrap();
    let wrong = CreateAutocompleteResponse::new().add_string_choice("x", "x");
    let err = cmd
        .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(wrong))
        .await
        .unwrap_err();
    assert_eq!(status_and_code(&err), (400, 50035));
    let cb = double.wait_callback(&sent, WAIT).await.unwrap();
    assert!(!cb.accepted());
    assert!(double.take_violations()[0].contains("INTERACTION_RESPONSE_TYPE_INVALID"));
    bot.stop().await;
}

#[tokio::test]
async fn select_menus_and_modals_round_trip() {
    use serenity::all::{
        ActionRowComponent, CreateInputText, CreateModal, CreateSelectMenu, CreateSelectMenuKind,
        CreateSelectMenuOption, InputTextStyle,
    };
    let (config, ids) = world();
    let (double, mut bot) = connected(config).await;
    GuildId::new(ids.guild)
        .set_commands(
            &bot.http,
            vec![CreateCommand::new("feedback").description("Share feedback")],
        )
        .await
        .unwrap();

    let menu = CreateSelectMenu::new(
        "day",
        CreateSelectMenuKind::String {
            options: vec![
                CreateSelectMenuOption::new("Monday", "mon"),
                CreateSelectMenuOption::new("Thursday", "thu"),
            ],
        },
    );
    let posted = ChannelId::new(ids.general)
        .send_message(
            &bot.http,
            CreateMessage::new().content("Pick a day").select_menu(menu),
        )
        .await
        .unwrap();
    let sent = double.send_select(
        ids.guild,
        ids.general,
        ids.bob,
        posted.id.get(),
        "day",
        &["thu"],
    );
    let (ctx, interaction) = bot.interaction().await;
    let pick = interaction.message_component().unwrap();
    assert!(
        matches!(&pick.data.kind, serenity::all::ComponentInteractionDataKind::StringSelect { values } if values == &["thu"])
    );
    pick.defer(&ctx.http).await.unwrap();
    assert_eq!(
        double
            .wait_callback(&sent, WAIT)
            .await
            .unwrap()
            .response_type,
        6
    );

    let sent = double.send_slash_command(ids.guild, ids.general, ids.bob, "feedback", json!([]));
    let (ctx, interaction) = bot.interaction().await;
    let cmd = interaction.command().unwrap();
    let modal =
        CreateModal::new("feedback-form", "Feedback").components(vec![CreateActionRow::InputText(
            CreateInputText::new(InputTextStyle::Paragraph, "Your words", "words"),
        )]);
    cmd.create_response(&ctx.http, CreateInteractionResponse::Modal(modal))
        .await
        .unwrap();
    assert_eq!(
        double
            .wait_callback(&sent, WAIT)
            .await
            .unwrap()
            .response_type,
        9
    );

    let sent = double.send_modal_submit(
        ids.guild,
        ids.general,
        ids.bob,
        "feedback-form",
        &[("words", "Thank you")],
    );
    let (ctx, interaction) = bot.interaction().await;
    let submit = interaction.modal_submit().unwrap();
    assert_eq!(submit.data.custom_id, "feedback-form");
    let ActionRowComponent::InputText(input) = &submit.data.components[0].components[0] else {
        panic!("text input")
    };
    assert_eq!(input.value.as_deref(), Some("Thank you"));
    let thanks = CreateInteractionResponseMessage::new()
        .content("Thanks!")
        .ephemeral(true);
    submit
        .create_response(&ctx.http, CreateInteractionResponse::Message(thanks))
        .await
        .unwrap();
    assert!(double.wait_callback(&sent, WAIT).await.unwrap().accepted());
    assert_dispatches_parse(&double);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
    bot.stop().await;
}
