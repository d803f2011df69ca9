//! The gateway side: on every READY of shard 0 the slash commands are registered (guild-scoped
//! when guilds are configured, global otherwise; processes running other shards leave it to the
//! one running shard 0); slash commands, buttons, autocomplete and submitted modals become core
//! commands and answers. A slash command whose last argument is a long text answers with a modal
//! asking for it, once the core said the member may use the command; one whose argument is a
//! document (an attached file) is deferred, and the file fetched once the core said the member
//! may use the command. No rule lives here: the engine decides, this module translates.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bot_core::domain::{
    Actor, ArgValue, Audience, CommandKind, CommandSpec, Lang, Locale, Member, MemberId, Message,
    PlaceId, Post, PostKind, Role, Span, CATALOGUE,
};
use bot_core::engine::status::StatusBoard;
use bot_core::engine::{Delivery, Engine, Executed, LiveStatus};
use bot_core::say;
use serenity::all::{
    ActionRowComponent, AutocompleteChoice, Command as SlashCommand, CommandDataOption,
    CommandInteraction, ComponentInteraction, Context, CreateActionRow, CreateAutocompleteResponse,
    CreateInputText, CreateInteractionResponse, CreateModal, EventHandler, GuildId, Http,
    InputTextStyle, Interaction, ModalInteraction, Ready, ResumedEvent, User,
};
use tokio::sync::watch;

use crate::answer::{answer, show_modal, Answer, DeferAfter, Target};
use crate::commands::{
    attached_document, clip, command_from_modal, command_from_options, document_arg, long_text_ask,
    path_of, registration, slash_name, spec_for_path, LongTextAsk, OptionError, CHOICES_MAX,
    INPUT_VALUE_MAX, LONG_TEXT_INPUT_ID,
};
use crate::inflight::InFlight;
use crate::retry::{with_backoff, Backoff};
use crate::roles;
use crate::status::button_command;

/// Autocomplete cannot be deferred: whatever is not known by then is left out.
const AUTOCOMPLETE_BUDGET: Duration = Duration::from_millis(2000);
/// Nor can a modal: when asking the core takes longer, the member is asked to try again.
const MODAL_BUDGET: Duration = Duration::from_millis(2000);

/// What the handler and the sink share, wired once the client exists.
pub struct Wired {
    pub http: Arc<Http>,
    pub status: StatusBoard,
    /// Answers, status updates and channel posts under way (a shutdown waits for them).
    pub work: Arc<InFlight>,
    /// Makes the core's floor changes in voice and Stage channels, in order.
    pub floor: crate::voice::FloorLane,
    /// Tells the core what Discord says about voice, in order.
    pub news: crate::voice::VoiceNews,
}

/// The adapter's state.
pub struct Core {
    pub engine: Engine,
    pub guild_ids: Vec<u64>,
    /// The shards this process runs (`None`: every shard Discord recommends for the bot).
    pub shards: Option<sharecircle_config::ShardRange>,
    pub wired: OnceLock<Wired>,
    /// Counts READY events handled (with their command registration, when they register).
    pub ready: watch::Sender<u64>,
    /// How long an answer may take before the interaction is deferred.
    pub defer_after: DeferAfter,
}

impl Core {
    pub fn wired(&self) -> Option<&Wired> {
        self.wired.get()
    }
}

/// The place id of a guild channel.
pub fn place_of(guild: GuildId, channel: serenity::all::ChannelId) -> PlaceId {
    PlaceId::new(format!("discord:{guild}:{channel}"))
}

/// The member id of a Discord user.
pub fn member_id(user: &User) -> MemberId {
    MemberId::new(format!("discord:{}", user.id))
}

fn refusal(actor: &MemberId, place: &PlaceId, message: Message, lang: Lang) -> Delivery {
    Delivery {
        outbox_id: None,
        place: place.clone(),
        post: Post {
            audience: Audience::Private(actor.clone()),
            kind: PostKind::Refusal,
            message,
            lang,
        },
    }
}

fn refused(actor: &MemberId, place: &PlaceId, message: Message, lang: Lang) -> Answer {
    Answer {
        deliveries: vec![refusal(actor, place, message, lang)],
        status: None,
    }
}

/// The language of what the adapter itself answers an interaction with: the member's client
/// language, else the server's, else English (the core chooses for everything it says).
fn interaction_lang(i: &impl Asker) -> Lang {
    i.locale().reader()
}

/// What an interaction (a slash command, a button, a form) says about who sent it.
trait Asker {
    fn member(&self) -> Option<&serenity::all::Member>;
    fn user(&self) -> &User;
    /// The member's client language and the server's preferred one.
    fn locale(&self) -> Locale;
}

/// The three interaction types hold the same fields; only how the member is held differs
/// (`as_deref`: boxed in a command interaction).
macro_rules! asker {
    ($($kind:ty => $member:ident),*) => {$(
        impl Asker for $kind {
            fn member(&self) -> Option<&serenity::all::Member> {
                self.member.$member()
            }
            fn user(&self) -> &User {
                &self.user
            }
            fn locale(&self) -> Locale {
                Locale::from_discord(&self.locale, self.guild_locale.as_deref())
            }
        }
    )*};
}

asker!(CommandInteraction => as_deref, ComponentInteraction => as_ref, ModalInteraction => as_ref);

/// "I didn't understand share-time: `3x` is not a duration …. Try `/round start …`."
fn option_error_message(e: &OptionError) -> Message {
    // The core's words, with the member's input in them as member text.
    let why = e.why.clone();
    let example = Span::Command(e.spec.example.to_string());
    Message::say(match e.option {
        Some(o) => say!(
            "option-error",
            option = Span::Command(slash_name(o).to_string()),
            why = why,
            example = example
        ),
        None => say!("option-error-unnamed", why = why, example = example),
    })
}

fn try_again() -> Message {
    Message::say(say!("try-again"))
}

/// The serenity event handler.
pub struct Handler {
    pub core: Arc<Core>,
}

impl Handler {
    async fn register(&self, http: &Http) -> bool {
        let commands = registration();
        if self.core.guild_ids.is_empty() {
            let r = with_backoff("register global commands", Backoff::MESSAGES, || {
                SlashCommand::set_global_commands(http, commands.clone())
            })
            .await;
            if let Err(e) = r {
                tracing::error!(error = %e, "registering the global slash commands failed");
                return false;
            }
        } else {
            for g in &self.core.guild_ids {
                let guild = GuildId::new(*g);
                let r = with_backoff("register guild commands", Backoff::MESSAGES, || {
                    guild.set_commands(http, commands.clone())
                })
                .await;
                if let Err(e) = r {
                    tracing::error!(guild = %g, error = %e, "registering the guild's slash commands failed");
                    return false;
                }
            }
        }
        true
    }

    /// The actor of an interaction: who they are and what Discord says about their standing
    /// (Manage Server, role names); the core decides their role in the place.
    async fn actor(&self, ctx: &Context, guild: GuildId, i: &impl Asker) -> Actor {
        let (member, user) = (i.member(), i.user());
        let name = member.map_or_else(|| user.display_name(), |m| m.display_name());
        let manages = roles::manages_guild(member.and_then(|m| m.permissions));
        // An admin by permission needs no role names.
        let platform_roles = if manages {
            Vec::new()
        } else {
            let role_ids = roles::member_roles(member);
            roles::role_names(&ctx.cache, &ctx.http, guild, &role_ids).await
        };
        Actor {
            member: Member::new(member_id(user).as_str(), name),
            role: if manages { Role::Admin } else { Role::Member },
            platform_roles,
            locale: i.locale(),
        }
    }

    async fn run(
        &self,
        place: &PlaceId,
        actor: Actor,
        command: bot_core::domain::Command,
    ) -> Answer {
        let id = actor.member.id.clone();
        let lang = actor.locale.reader();
        match self.core.engine.execute(place, actor, command).await {
            Ok(Executed {
                deliveries, status, ..
            }) => Answer {
                deliveries: self.floor_out(deliveries),
                status,
            },
            Err(e) => {
                tracing::error!(place = %place, error = %e, "a command failed in the engine");
                refused(&id, place, try_again(), lang)
            }
        }
    }

    /// Floor changes do not travel on an interaction: they are queued on the floor lane now,
    /// in commit order, and leave the outbox once made; the rest is the answer.
    fn floor_out(&self, deliveries: Vec<Delivery>) -> Vec<Delivery> {
        let (floor, answer): (Vec<Delivery>, Vec<Delivery>) = deliveries
            .into_iter()
            .partition(|d| matches!(d.post.audience, Audience::Floor(_)));
        let Some(w) = self.core.wired() else {
            return answer;
        };
        for d in floor {
            let Audience::Floor(change) = &d.post.audience else {
                continue;
            };
            let made = w.floor.enqueue(&d.place, change);
            let engine = self.core.engine.clone();
            tokio::spawn(async move {
                match made.await {
                    Ok(Ok(())) => {
                        if let Err(e) = engine.acknowledge(&[d]).await {
                            tracing::warn!(error = %e, "acknowledging a floor change failed");
                        }
                    }
                    _ => tracing::warn!("a floor change waits in the outbox for a retry"),
                }
            });
        }
        answer
    }

    /// Answers `target` with what `work` gives (deferring once it takes `defer_after`), then
    /// shows the status it left on the status message.
    async fn answer_and_show(
        &self,
        ctx: &Context,
        place: &PlaceId,
        target: Target<'_>,
        actor: &MemberId,
        defer_after: Duration,
        work: impl std::future::Future<Output = Answer>,
    ) {
        let changed = answer(
            &ctx.http,
            &self.core.engine,
            defer_after,
            target,
            actor,
            work,
        )
        .await;
        if let Some(status) = changed {
            self.show_status(place, status).await;
        }
    }

    /// After an answer: the status message shows the status the command left.
    async fn show_status(&self, place: &PlaceId, status: LiveStatus) {
        if let Some(w) = self.core.wired() {
            w.status.show(&self.core.engine, place, status).await;
        }
    }

    async fn slash(&self, ctx: &Context, i: &CommandInteraction) {
        let _busy = self.core.wired().map(|w| w.work.busy());
        let actor_id = member_id(&i.user);
        let lang = interaction_lang(i);
        let Some(guild) = i.guild_id else {
            let place = PlaceId::new(format!("discord:dm:{}", i.channel_id));
            let msg = Message::say(say!("discord-dm-only"));
            let work = async { refused(&actor_id, &place, msg, lang) };
            answer(
                &ctx.http,
                &self.core.engine,
                self.core.defer_after.get(),
                Target::Command(i),
                &actor_id,
                work,
            )
            .await;
            return;
        };
        let place = place_of(guild, i.channel_id);
        let (path, leaf) = path_of(&i.data.name, &i.data.options);
        let spec = spec_for_path(&path);
        if let Some(spec) = spec.filter(|s| s.long_text().is_some()) {
            self.ask_long_text(ctx, i, guild, &place, spec, &leaf).await;
            return;
        }
        if let Some(spec) = spec.filter(|s| document_arg(s).is_some()) {
            self.with_document(ctx, i, guild, &place, spec, &leaf).await;
            return;
        }
        let work = async {
            let Some(spec) = spec else {
                let msg = Message::say(say!("discord-unknown-command"));
                return refused(&actor_id, &place, msg, lang);
            };
            let actor = self.actor(ctx, guild, i).await;
            match command_from_options(spec, &leaf, None) {
                Ok(cmd) => {
                    let (cmd, linking) = resolve_voice_channel(ctx, guild, cmd);
                    let answer = self.run(&place, actor, cmd).await;
                    if linking
                        && !answer
                            .deliveries
                            .iter()
                            .any(|d| d.post.kind == PostKind::Refusal)
                    {
                        // The core learns who is in voice there now, as at a start.
                        if let Some(w) = self.core.wired() {
                            w.news.look(guild);
                        }
                    }
                    answer
                }
                Err(e) => refused(&actor_id, &place, option_error_message(&e), lang),
            }
        };
        let defer_after = self.core.defer_after.get();
        self.answer_and_show(
            ctx,
            &place,
            Target::Command(i),
            &actor_id,
            defer_after,
            work,
        )
        .await;
    }

    /// A slash command whose argument is a document, attached as a file: fetching it is slow
    /// work, so the interaction is deferred at once; the core says whether the member may use
    /// the command before anything is fetched, a file larger than the argument takes is refused
    /// by its size, and the file's bytes are read by the core like any argument.
    async fn with_document(
        &self,
        ctx: &Context,
        i: &CommandInteraction,
        guild: GuildId,
        place: &PlaceId,
        spec: &'static CommandSpec,
        leaf: &[CommandDataOption],
    ) {
        let actor_id = member_id(&i.user);
        let lang = interaction_lang(i);
        let work = async {
            let actor = self.actor(ctx, guild, i).await;
            match self.core.engine.may_use(place, &actor, spec.kind).await {
                Ok(Ok(())) => {}
                Ok(Err(refusal)) => {
                    return refused(&actor_id, place, refusal.message, refusal.lang)
                }
                Err(e) => {
                    tracing::error!(place = %place, error = %e, "asking the engine failed");
                    return refused(&actor_id, place, try_again(), lang);
                }
            }
            let bytes = match attached_document(spec, leaf, &i.data.resolved) {
                None => None,
                Some(Err(e)) => return refused(&actor_id, place, option_error_message(&e), lang),
                Some(Ok((file, max))) => match crate::files::fetch(&file.url, max).await {
                    Ok(bytes) => Some(bytes),
                    Err(e) => {
                        tracing::warn!(place = %place, error = %e, "fetching an attached file failed");
                        return refused(&actor_id, place, try_again(), lang);
                    }
                },
            };
            match command_from_options(spec, leaf, bytes.as_deref()) {
                Ok(cmd) => self.run(place, actor, cmd).await,
                Err(e) => refused(&actor_id, place, option_error_message(&e), lang),
            }
        };
        // Deferred first: a download may take longer than Discord's window.
        self.answer_and_show(
            ctx,
            place,
            Target::Command(i),
            &actor_id,
            Duration::ZERO,
            work,
        )
        .await;
    }

    /// A slash command whose last argument is a long text: the core reads the typed options and
    /// says whether the member may use the command; then a modal asks for the text (prefilled
    /// with a format part's current text), or the refusal is the answer.
    async fn ask_long_text(
        &self,
        ctx: &Context,
        i: &CommandInteraction,
        guild: GuildId,
        place: &PlaceId,
        spec: &'static CommandSpec,
        leaf: &[CommandDataOption],
    ) {
        let actor_id = member_id(&i.user);
        let lang = interaction_lang(i);
        let prepare = async {
            let ask = match long_text_ask(spec, leaf) {
                Some(Ok(ask)) => ask,
                Some(Err(e)) => return Err((option_error_message(&e), lang)),
                None => return Err((try_again(), lang)),
            };
            let actor = self.actor(ctx, guild, i).await;
            let engine = &self.core.engine;
            match engine.may_use(place, &actor, spec.kind).await {
                Ok(Ok(())) => {}
                Ok(Err(refusal)) => return Err((refusal.message, refusal.lang)),
                Err(e) => {
                    tracing::error!(place = %place, error = %e, "asking the engine failed");
                    return Err((try_again(), lang));
                }
            }
            let current = match (spec.kind, ask.value(0)) {
                (CommandKind::FormatText, Some(ArgValue::Position(n))) => {
                    engine.part_text(place, *n).await.unwrap_or_else(|e| {
                        tracing::warn!(place = %place, error = %e, "reading a part's text failed");
                        None
                    })
                }
                _ => None,
            };
            // The form is for this member alone: in the language they read here.
            let reader = engine.reply_lang(place, &actor).await.unwrap_or(lang);
            long_text_modal(&ask, current, reader).ok_or_else(|| (try_again(), lang))
        };
        let prepared = tokio::time::timeout(MODAL_BUDGET, prepare)
            .await
            .unwrap_or_else(|_| {
                tracing::warn!(place = %place, "a modal was not ready in time");
                Err((try_again(), lang))
            });
        match prepared {
            Ok(modal) => {
                if let Err(e) = show_modal(&ctx.http, i, modal).await {
                    tracing::warn!(error = %e, "showing a modal failed");
                }
            }
            Err((refusal, lang)) => {
                let work = async { refused(&actor_id, place, refusal, lang) };
                let target = Target::Command(i);
                let defer_after = self.core.defer_after.get();
                answer(
                    &ctx.http,
                    &self.core.engine,
                    defer_after,
                    target,
                    &actor_id,
                    work,
                )
                .await;
            }
        }
    }

    /// A submitted long-text modal: the command it carries, run like any slash command.
    async fn modal_submit(&self, ctx: &Context, i: &ModalInteraction) {
        let _busy = self.core.wired().map(|w| w.work.busy());
        let actor_id = member_id(&i.user);
        let lang = interaction_lang(i);
        let Some(guild) = i.guild_id else { return };
        let place = place_of(guild, i.channel_id);
        let text = modal_text(i);
        let work = async {
            match command_from_modal(&i.data.custom_id, &text) {
                Some(Ok(command)) => {
                    let actor = self.actor(ctx, guild, i).await;
                    self.run(&place, actor, command).await
                }
                Some(Err(e)) => refused(&actor_id, &place, option_error_message(&e), lang),
                None => {
                    let msg = Message::say(say!("discord-old-form"));
                    refused(&actor_id, &place, msg, lang)
                }
            }
        };
        let defer_after = self.core.defer_after.get();
        self.answer_and_show(ctx, &place, Target::Modal(i), &actor_id, defer_after, work)
            .await;
    }

    async fn button(&self, ctx: &Context, i: &ComponentInteraction) {
        let _busy = self.core.wired().map(|w| w.work.busy());
        let actor_id = member_id(&i.user);
        let lang = interaction_lang(i);
        let Some(guild) = i.guild_id else { return };
        let place = place_of(guild, i.channel_id);
        let command = button_command(&i.data.custom_id);
        let work = async {
            let Some(command) = command else {
                let msg = Message::say(say!("discord-old-button"));
                return refused(&actor_id, &place, msg, lang);
            };
            let actor = self.actor(ctx, guild, i).await;
            self.run(&place, actor, command).await
        };
        let defer_after = self.core.defer_after.get();
        self.answer_and_show(
            ctx,
            &place,
            Target::Component(i),
            &actor_id,
            defer_after,
            work,
        )
        .await;
    }

    async fn autocomplete(&self, ctx: &Context, i: &CommandInteraction) {
        let choices = tokio::time::timeout(AUTOCOMPLETE_BUDGET, self.choices(i))
            .await
            .unwrap_or_default();
        let response = CreateInteractionResponse::Autocomplete(
            CreateAutocompleteResponse::new().set_choices(choices),
        );
        if let Err(e) = i.create_response(&ctx.http, response).await {
            tracing::warn!(error = %e, "answering an autocomplete failed");
        }
    }

    async fn choices(&self, i: &CommandInteraction) -> Vec<AutocompleteChoice> {
        let Some(focused) = i.data.autocomplete() else {
            return vec![];
        };
        let (path, _) = path_of(&i.data.name, &i.data.options);
        let Some(spec) = spec_for_path(&path) else {
            return vec![];
        };
        let Some(arg) = spec
            .args
            .iter()
            .find(|a| slash_name(a.name) == focused.name)
        else {
            return vec![];
        };
        let typed = focused.value.trim().to_lowercase();
        #[allow(unreachable_patterns)]
        match arg.kind {
            bot_core::domain::ArgKind::Member => {
                let Some(guild) = i.guild_id else {
                    return vec![];
                };
                let place = place_of(guild, i.channel_id);
                self.member_choices(spec, &place, &typed).await
            }
            bot_core::domain::ArgKind::Topic => topic_choices(&typed),
            bot_core::domain::ArgKind::Choice(words) => words
                .iter()
                .filter(|w| w.contains(typed.as_str()))
                .take(CHOICES_MAX)
                .map(|w| AutocompleteChoice::new(clip(w, 100), clip(w, 100)))
                .collect(),
            _ => vec![],
        }
    }

    async fn member_choices(
        &self,
        spec: &CommandSpec,
        place: &PlaceId,
        typed: &str,
    ) -> Vec<AutocompleteChoice> {
        let engine = &self.core.engine;
        let Ok(members) = engine.member_candidates(place, spec.kind, typed).await else {
            return vec![];
        };
        members
            .iter()
            .take(CHOICES_MAX)
            .map(|m| AutocompleteChoice::new(clip(m.name.as_str(), 100), clip(m.id.as_str(), 100)))
            .collect()
    }
}

/// The modal asking for a command's long text: one required paragraph input, as long as the
/// argument takes, prefilled with `current` (`None`: the custom id would not fit Discord).
/// The form that asks for a long text, in the member's language `lang`.
fn long_text_modal(ask: &LongTextAsk, current: Option<String>, lang: Lang) -> Option<CreateModal> {
    let custom_id = ask.custom_id()?;
    let mut input = CreateInputText::new(
        InputTextStyle::Paragraph,
        ask.label_in(lang),
        LONG_TEXT_INPUT_ID,
    )
    .placeholder(ask.placeholder_in(lang))
    .required(true);
    let mut max = ask.max();
    if let Some(text) = current {
        // The core counts a text's characters without its line breaks, Discord with them: the
        // box takes at least what it shows.
        max = max.max(text.chars().count()).min(INPUT_VALUE_MAX);
        let text: String = text.chars().take(INPUT_VALUE_MAX).collect();
        input = input.value(text);
    }
    let input = input.max_length(max as u16);
    Some(
        CreateModal::new(custom_id, ask.title(lang))
            .components(vec![CreateActionRow::InputText(input)]),
    )
}

/// The text typed into a long-text modal's input (empty when there is none).
fn modal_text(i: &ModalInteraction) -> String {
    i.data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .find_map(|c| match c {
            ActionRowComponent::InputText(t) if t.custom_id == LONG_TEXT_INPUT_ID => {
                t.value.clone()
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// Command names for `help`, from the catalogue.
fn topic_choices(typed: &str) -> Vec<AutocompleteChoice> {
    CATALOGUE
        .iter()
        .filter(|s| s.words.contains(typed))
        .take(CHOICES_MAX)
        .map(|s| AutocompleteChoice::new(clip(s.words, 100), clip(s.words, 100)))
        .collect()
}

#[serenity::async_trait]
impl EventHandler for Handler {
    /// serenity's own rate limiter (production) waits before a request: counted for operators.
    async fn ratelimit(&self, data: serenity::http::RatelimitInfo) {
        bot_core::telemetry::rate_limit_wait("discord", data.timeout);
    }

    async fn ready(&self, ctx: Context, ready: Ready) {
        let shard = ctx.shard_id.0;
        tracing::info!(
            guilds = ready.guilds.len(),
            shard,
            shards = ready.shard.map_or(1, |s| s.total),
            "connected to Discord"
        );
        if !crate::registers_commands(self.core.shards, shard) || self.register(&ctx.http).await {
            self.core.ready.send_modify(|n| *n += 1);
        }
    }

    async fn resume(&self, _ctx: Context, _: ResumedEvent) {
        tracing::info!("Discord session resumed");
    }

    /// A guild became available (at every start and reconnect): the core reconciles the floor
    /// of every place that follows voice there with who is in voice now.
    async fn guild_create(&self, _ctx: Context, guild: serenity::all::Guild, _new: Option<bool>) {
        let Some(w) = self.core.wired() else { return };
        w.news.look(guild.id);
    }

    /// A member's voice state changed: the core decides what it means for the floor.
    async fn voice_state_update(
        &self,
        _ctx: Context,
        _old: Option<serenity::all::VoiceState>,
        new: serenity::all::VoiceState,
    ) {
        let Some(w) = self.core.wired() else { return };
        w.news.changed(new);
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(i) => self.slash(&ctx, &i).await,
            Interaction::Component(i) => self.button(&ctx, &i).await,
            Interaction::Autocomplete(i) => self.autocomplete(&ctx, &i).await,
            Interaction::Modal(i) => self.modal_submit(&ctx, &i).await,
            _ => {}
        }
    }
}

/// `voice link`: the channel option's id becomes the channel the cache knows (its kind, name
/// and what the bot may not do there), for the core to decide; `true` when it is that command.
fn resolve_voice_channel(
    ctx: &Context,
    guild: GuildId,
    command: bot_core::domain::Command,
) -> (bot_core::domain::Command, bool) {
    use bot_core::domain::{ChannelArg, Command};
    let Command::VoiceLink {
        channel: ChannelArg::Named(id),
    } = command
    else {
        return (command, false);
    };
    let found = (id.parse::<u64>().ok().filter(|c| *c != 0)).and_then(|c| {
        crate::voice::resolve_channel(&ctx.cache, guild, serenity::all::ChannelId::new(c))
    });
    let channel = found.map_or(ChannelArg::Named(id), ChannelArg::Found);
    (Command::VoiceLink { channel }, true)
}
