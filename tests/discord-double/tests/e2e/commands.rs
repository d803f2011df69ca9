//! Test 3: bulk overwrite of guild commands is recorded and validated.

use discord_double::DiscordDouble;
use serenity::all::{
    Command, CommandOptionType, CreateCommand, CreateCommandOption, GuildId, Permissions,
};
use serenity::http::HttpError;

use crate::common::{http_for, world, WAIT};

fn error_paths(err: &serenity::Error) -> (u16, isize, Vec<(String, String)>) {
    match err {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => (
            r.status_code.as_u16(),
            r.error.code,
            r.error
                .errors
                .iter()
                .map(|e| (e.path.clone(), e.code.clone()))
                .collect(),
        ),
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[tokio::test]
async fn set_commands_is_recorded_and_invalid_commands_are_rejected() {
    let (config, ids) = world();
    let double = DiscordDouble::start(config).await;
    let app = double.config().application_id;
    // REST only: the application id would otherwise come from READY.
    let http = http_for(&double);
    http.set_application_id(app.into());
    let guild = GuildId::new(ids.guild);

    let commands = vec![
        CreateCommand::new("checkin")
            .description("Check in to the circle")
            .add_option(
                CreateCommandOption::new(CommandOptionType::Integer, "mood", "1 to 5")
                    .required(true),
            )
            .add_option(CreateCommandOption::new(
                CommandOptionType::String,
                "note",
                "Anything to share",
            )),
        CreateCommand::new("schedule")
            .description("Plan a circle")
            .default_member_permissions(Permissions::MANAGE_GUILD),
    ];
    let created = guild.set_commands(&http, commands.clone()).await.unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0].name, "checkin");
    assert_eq!(created[0].guild_id, Some(guild));
    assert_eq!(
        created[1].default_member_permissions,
        Some(Permissions::MANAGE_GUILD)
    );

    let path = format!("/api/v10/applications/{app}/guilds/{}/commands", ids.guild);
    let put = double
        .wait_for_request(|r| r.method == "PUT" && r.path == path, WAIT)
        .await
        .unwrap();
    let body = put.body.expect("JSON body");
    assert_eq!(body[0]["name"], "checkin");
    assert_eq!(body[0]["options"][0]["type"], 4);
    assert_eq!(body[1]["default_member_permissions"], "32");
    assert_eq!(double.commands(Some(ids.guild)).len(), 2);

    // Overwriting again keeps ids (Discord matches by name and type).
    let again = guild.set_commands(&http, commands).await.unwrap();
    assert_eq!(again[0].id, created[0].id);
    assert!(double.violations().is_empty(), "{:?}", double.violations());

    // Upper case in a name.
    let err = guild
        .set_commands(
            &http,
            vec![CreateCommand::new("CheckIn").description("Check in")],
        )
        .await
        .unwrap_err();
    let (status, code, errors) = error_paths(&err);
    assert_eq!((status, code), (400, 50035));
    assert_eq!(
        errors,
        vec![(
            "0.name".to_owned(),
            "APPLICATION_COMMAND_INVALID_NAME".to_owned()
        )]
    );

    // 26 options.
    let mut big = CreateCommand::new("big").description("Too many options");
    for i in 0..26 {
        big = big.add_option(CreateCommandOption::new(
            CommandOptionType::String,
            format!("o{i}"),
            "x",
        ));
    }
    let err = guild.set_commands(&http, vec![big]).await.unwrap_err();
    let (status, _, errors) = error_paths(&err);
    assert_eq!(status, 400);
    assert!(
        errors.contains(&("0.options".to_owned(), "BASE_TYPE_MAX_LENGTH".to_owned())),
        "{errors:?}"
    );

    // Required after optional.
    let order = CreateCommand::new("order")
        .description("Bad order")
        .add_option(CreateCommandOption::new(
            CommandOptionType::String,
            "a",
            "optional",
        ))
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "b", "required").required(true),
        );
    let err = guild.set_commands(&http, vec![order]).await.unwrap_err();
    assert!(error_paths(&err)
        .2
        .iter()
        .any(|(p, c)| p == "0.options.1.required" && c.ends_with("REQUIRED_INVALID")));

    // Rejected overwrites change nothing; each one is a violation.
    assert_eq!(double.commands(Some(ids.guild)).len(), 2);
    let violations = double.take_violations();
    assert_eq!(violations.len(), 3, "{violations:?}");
    assert!(violations[0].contains("APPLICATION_COMMAND_INVALID_NAME"));

    // Global commands go to their own list.
    let global = Command::set_global_commands(
        &http,
        vec![CreateCommand::new("help").description("How it works")],
    )
    .await
    .unwrap();
    assert_eq!(global[0].guild_id, None);
    assert_eq!(double.commands(None).len(), 1);
    assert_eq!(guild.get_commands(&http).await.unwrap().len(), 2);
    assert!(double.violations().is_empty(), "{:?}", double.violations());
}
