//! Slash commands generated from the core's catalogue: where each catalogue entry lives among the
//! slash commands, the registration payload, options back into core commands, a long text asked
//! for in a modal (a string option holds no line breaks) and the modal back into a command, a
//! document given as an attached file (checked by its size before it is fetched), and the `/`
//! form of a command as the bot shows it.
//!
//! The rule: words `a b` become `/a b` (subcommand `b` of `a`); a one-word entry whose word also
//! starts multi-word entries (`hand` next to `hand down`) becomes the subcommand named by its
//! two-word alias (`hand up`), because Discord cannot run a command that has subcommands.

use bot_core::domain::command::{build, match_words, ArgError};
use bot_core::domain::format::{document_from_bytes, document_too_long};
use bot_core::domain::{
    parse_arg, ArgKind, ArgSpec, ArgValue, Command, CommandSpec, Lang, MemberRef, Role, Say, Span,
    CATALOGUE,
};
use serenity::all::{
    Attachment, ChannelType, CommandDataOption, CommandDataOptionValue, CommandDataResolved,
    CommandOptionType, CreateCommand, CreateCommandOption, InteractionContext, Permissions,
};

/// Discord's limit on descriptions (commands, options).
pub const DESCRIPTION_MAX: usize = 100;
/// Discord's limit on choices and autocomplete results.
pub const CHOICES_MAX: usize = 25;
/// The subcommand a grouped one-word entry gets when the catalogue has no two-word alias for it.
const FALLBACK_SUB: &str = "show";

// ------------------------------------------------------------------ localizations

/// Every Discord locale a shipped language covers, with that language (`Locale` in Discord's
/// API: `en-US`, `es-419`, `pt-BR`…).
pub fn locales() -> impl Iterator<Item = (Lang, &'static str)> {
    Lang::ALL
        .into_iter()
        .flat_map(|l| l.discord_locales().iter().map(move |loc| (l, *loc)))
}

/// The core's words (a [`Span::Say`]) as plain text in `lang`.
fn words(lang: Lang, span: &Span) -> String {
    match span {
        Span::Say(say) => bot_core::i18n::text(lang, say),
        _ => String::new(),
    }
}

/// Words by a key built at run time, as plain text in `lang`.
fn words_by_key(lang: Lang, key: String) -> String {
    let say = Say {
        key: key.into(),
        args: Vec::new(),
        strong: false,
    };
    bot_core::i18n::text(lang, &say)
}

/// A slash name in `lang`: `slash-NAME` from `commands.ftl` (a word of a command, a subcommand
/// or an option). `None` where the message files have no such key: the name stays English.
pub fn localized_name(lang: Lang, name: &str) -> Option<String> {
    let key = format!("slash-{name}");
    bot_core::i18n::has(Lang::En, &key).then(|| words_by_key(lang, key))
}

/// A command's or subcommand's (or subcommand group's) name in `lang`: `slash-cmd-NAME` from
/// `slash.ftl`; the English name where the message files have no such key. Interactions still
/// arrive with the English names.
pub fn command_name(lang: Lang, name: &str) -> String {
    let key = format!("slash-cmd-{name}");
    if bot_core::i18n::has(Lang::En, &key) {
        words_by_key(lang, key)
    } else {
        name.to_string()
    }
}

/// A command's or subcommand's name in every locale whose language names it differently.
fn named_command(o: CreateCommandOption, name: &str) -> CreateCommandOption {
    locales().fold(o, |o, (l, loc)| {
        o.name_localized(loc, command_name(l, name))
    })
}

/// A choice's name in `lang`: `slash-choice-WORD`, else the word itself (what is typed).
pub fn choice_name(lang: Lang, word: &str) -> String {
    let key = format!("slash-choice-{word}");
    if bot_core::i18n::has(Lang::En, &key) {
        clip(&words_by_key(lang, key), CHOICE_NAME_MAX)
    } else {
        clip(word, CHOICE_NAME_MAX)
    }
}

/// Discord's limit on a choice's name.
pub const CHOICE_NAME_MAX: usize = 100;

/// A command's or option's description in every shipped locale.
fn described_option(o: CreateCommandOption, span: &Span) -> CreateCommandOption {
    locales().fold(o, |o, (l, loc)| {
        o.description_localized(loc, clip(&words(l, span), DESCRIPTION_MAX))
    })
}

/// An option's or subcommand's name in every locale whose language names it.
fn named_option(o: CreateCommandOption, name: &str) -> CreateCommandOption {
    locales().fold(o, |o, (l, loc)| match localized_name(l, name) {
        Some(n) => o.name_localized(loc, n),
        None => o,
    })
}

/// Where a catalogue entry lives: `/command [group] [sub]`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SlashPath {
    pub command: String,
    pub group: Option<String>,
    pub sub: Option<String>,
}

impl SlashPath {
    /// `/queue move`
    pub fn display(&self) -> String {
        self.display_in(Lang::En)
    }

    /// `/cola mover`: the path with each name in `lang`.
    pub fn display_in(&self, lang: Lang) -> String {
        let mut s = format!("/{}", command_name(lang, &self.command));
        for part in [&self.group, &self.sub].into_iter().flatten() {
            s.push(' ');
            s.push_str(&command_name(lang, part));
        }
        s
    }
}

/// A name Discord accepts for commands and options: lower case, `[-_\p{L}\p{N}]`, 1–32 chars.
pub fn slash_name(raw: &str) -> String {
    let mut out: String = raw
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c == '-' || c == '_' || c.is_alphanumeric() {
                c
            } else {
                '-'
            }
        })
        .take(32)
        .collect();
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Cuts to `max` characters, ending with `…` when something was cut; never empty.
pub fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.is_empty() {
        return "-".to_string();
    }
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

fn first_word(words: &str) -> &str {
    words.split(' ').next().unwrap_or(words)
}

/// Whether some multi-word entry starts with `word`.
fn has_group(word: &str) -> bool {
    CATALOGUE
        .iter()
        .any(|s| s.words.contains(' ') && first_word(s.words) == word)
}

/// The slash path of a catalogue entry (see the module docs for the rule).
pub fn slash_path(spec: &CommandSpec) -> SlashPath {
    let words: Vec<&str> = spec.words.split(' ').filter(|w| !w.is_empty()).collect();
    let command = slash_name(words.first().copied().unwrap_or(spec.words));
    match words.len() {
        0 | 1 => {
            if !has_group(spec.words) {
                return SlashPath {
                    command,
                    group: None,
                    sub: None,
                };
            }
            let sub = spec
                .aliases
                .iter()
                .filter_map(|a| {
                    let parts: Vec<&str> = a.split(' ').collect();
                    (parts.len() == 2 && parts[0] == spec.words).then(|| parts[1])
                })
                .next()
                .unwrap_or(FALLBACK_SUB);
            SlashPath {
                command,
                group: None,
                sub: Some(slash_name(sub)),
            }
        }
        2 => SlashPath {
            command,
            group: None,
            sub: Some(slash_name(words[1])),
        },
        _ => SlashPath {
            command,
            group: Some(slash_name(words[1])),
            sub: Some(slash_name(&words[2..].join("-"))),
        },
    }
}

/// The catalogue entry a slash path runs.
pub fn spec_for_path(path: &SlashPath) -> Option<&'static CommandSpec> {
    CATALOGUE.iter().find(|s| &slash_path(s) == path)
}

fn option_for(spec: &CommandSpec, arg: &ArgSpec) -> CreateCommandOption {
    let name = slash_name(arg.name);
    let help = spec.arg_help(arg);
    let description = clip(&words(Lang::En, &help), DESCRIPTION_MAX);
    let string = |autocomplete: bool| {
        CreateCommandOption::new(CommandOptionType::String, name.clone(), description.clone())
            .set_autocomplete(autocomplete)
    };
    #[allow(unreachable_patterns)]
    let option = match arg.kind {
        // A member the session lists (the core offers the candidates): autocompleted text.
        ArgKind::Member if spec.kind.member_list().is_some() => string(true),
        ArgKind::Member => {
            CreateCommandOption::new(CommandOptionType::User, name.clone(), description.clone())
        }
        ArgKind::Position => CreateCommandOption::new(
            CommandOptionType::Integer,
            name.clone(),
            description.clone(),
        )
        .min_int_value(1),
        ArgKind::Choice(choices) if choices.len() <= CHOICES_MAX => {
            choices.iter().fold(string(false), |o, c| {
                let names = locales().map(|(l, loc)| (loc, choice_name(l, c)));
                o.add_string_choice_localized(choice_name(Lang::En, c), clip(c, 100), names)
            })
        }
        // The languages, each named in itself (the same in every locale), by code.
        ArgKind::Language => Lang::ALL.iter().fold(string(false), |o, l| {
            let name = bot_core::i18n::text(
                Lang::En,
                &Say::new(
                    "language-name",
                    vec![("code", bot_core::domain::Arg::from(l.code()))],
                ),
            );
            o.add_string_choice(clip(&name, CHOICE_NAME_MAX), l.code())
        }),
        ArgKind::Choice(_) | ArgKind::Topic => string(true),
        // A document is a file: Discord's convention, and the only way to give many lines.
        ArgKind::Document { .. } => CreateCommandOption::new(
            CommandOptionType::Attachment,
            name.clone(),
            description.clone(),
        ),
        // A voice or Stage channel of the server: Discord offers only those.
        ArgKind::VoiceChannel => CreateCommandOption::new(
            CommandOptionType::Channel,
            name.clone(),
            description.clone(),
        )
        .channel_types(vec![ChannelType::Voice, ChannelType::Stage]),
        ArgKind::Text { max } | ArgKind::LongText { max } => {
            string(false).max_length(max.clamp(1, 6000) as u16)
        }
        // Durations, lists, and every kind added later: a string the core parses.
        _ => string(false),
    };
    named_option(described_option(option, &help), &name).required(arg.required)
}

/// The options of an entry: its typed arguments (a long text is asked for in a modal).
fn arg_options(spec: &CommandSpec) -> Vec<CreateCommandOption> {
    spec.typed_args()
        .iter()
        .map(|a| option_for(spec, a))
        .collect()
}

/// The top-level commands in catalogue order, each with the entries under it.
pub fn grouped() -> Vec<(String, Vec<&'static CommandSpec>)> {
    let mut out: Vec<(String, Vec<&'static CommandSpec>)> = Vec::new();
    for spec in CATALOGUE {
        let name = slash_path(spec).command;
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(spec),
            None => out.push((name, vec![spec])),
        }
    }
    out
}

/// A top-level command's description in `lang`: its one-word entry's summary, else its name and
/// its subcommands' names (`round: start, end`), as that language names them.
fn group_description(lang: Lang, name: &str, specs: &[&'static CommandSpec]) -> String {
    if let Some(single) = specs.iter().find(|s| !s.words.contains(' ')) {
        return clip(&words(lang, &single.summary()), DESCRIPTION_MAX);
    }
    let named = |n: &str| command_name(lang, n);
    let subs: Vec<String> = specs
        .iter()
        .filter_map(|s| slash_path(s).sub)
        .map(|s| named(&s))
        .collect::<Vec<_>>();
    clip(
        &format!("{}: {}", named(name), subs.join(", ")),
        DESCRIPTION_MAX,
    )
}

/// The registration payload: one slash command per top-level word.
pub fn registration() -> Vec<CreateCommand> {
    grouped()
        .into_iter()
        .map(|(name, specs)| {
            let mut cmd = CreateCommand::new(name.clone())
                .description(group_description(Lang::En, &name, &specs))
                .contexts(vec![InteractionContext::Guild]);
            for (l, loc) in locales() {
                cmd = cmd.description_localized(loc, group_description(l, &name, &specs));
                cmd = cmd.name_localized(loc, command_name(l, &name));
            }
            if specs.iter().all(|s| s.role == Role::Admin) {
                cmd = cmd.default_member_permissions(Permissions::MANAGE_GUILD);
            }
            let top_level = specs.len() == 1 && slash_path(specs[0]).sub.is_none();
            if top_level {
                return cmd.set_options(arg_options(specs[0]));
            }
            let mut options: Vec<CreateCommandOption> = Vec::new();
            let mut groups: Vec<(String, Vec<CreateCommandOption>)> = Vec::new();
            for spec in &specs {
                let path = slash_path(spec);
                let sub_name = path.sub.clone().unwrap_or_else(|| FALLBACK_SUB.to_string());
                let summary = spec.summary();
                let sub = CreateCommandOption::new(
                    CommandOptionType::SubCommand,
                    sub_name.clone(),
                    clip(&words(Lang::En, &summary), DESCRIPTION_MAX),
                )
                .set_sub_options(arg_options(spec));
                let sub = named_command(described_option(sub, &summary), &sub_name);
                match path.group {
                    None => options.push(sub),
                    Some(g) => match groups.iter_mut().find(|(n, _)| *n == g) {
                        Some((_, v)) => v.push(sub),
                        None => groups.push((g, vec![sub])),
                    },
                }
            }
            for (g, subs) in groups {
                let mut group = CreateCommandOption::new(
                    CommandOptionType::SubCommandGroup,
                    g.clone(),
                    clip(&format!("{name} {g}"), DESCRIPTION_MAX),
                )
                .set_sub_options(subs);
                for (l, loc) in locales() {
                    let named = |n: &str| command_name(l, n);
                    group = group.description_localized(
                        loc,
                        clip(&format!("{} {}", named(&name), named(&g)), DESCRIPTION_MAX),
                    );
                }
                options.push(named_command(group, &g));
            }
            cmd.set_options(options)
        })
        .collect()
}

/// An interaction's command: the path and the leaf options.
pub fn path_of(name: &str, options: &[CommandDataOption]) -> (SlashPath, Vec<CommandDataOption>) {
    let mut path = SlashPath {
        command: name.to_string(),
        group: None,
        sub: None,
    };
    let mut leaf = options.to_vec();
    if let Some(first) = options.first() {
        match &first.value {
            CommandDataOptionValue::SubCommand(inner) => {
                path.sub = Some(first.name.clone());
                leaf = inner.clone();
            }
            CommandDataOptionValue::SubCommandGroup(inner) => {
                path.group = Some(first.name.clone());
                leaf = Vec::new();
                if let Some(sub) = inner.first() {
                    path.sub = Some(sub.name.clone());
                    if let CommandDataOptionValue::SubCommand(o) = &sub.value {
                        leaf = o.clone();
                    }
                }
            }
            _ => {}
        }
    }
    (path, leaf)
}

/// A member as an option value names them: a user option's id, or text from autocomplete (an id
/// like `discord:123`, a typed `<@123>`, or a display name).
pub fn member_ref_from_text(raw: &str) -> String {
    let t = raw.trim();
    let inner = t
        .strip_prefix("<@")
        .and_then(|r| r.strip_suffix('>'))
        .map(|r| r.trim_start_matches('!'));
    match inner {
        Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) => {
            format!("discord:{id}")
        }
        _ if !t.is_empty() && t.len() >= 15 && t.chars().all(|c| c.is_ascii_digit()) => {
            format!("discord:{t}")
        }
        _ => t.to_string(),
    }
}

/// Why typed options did not make a command: the option, what was wrong, and the spec (for an
/// example that works).
#[derive(Clone, Debug)]
pub struct OptionError {
    pub spec: &'static CommandSpec,
    pub option: Option<&'static str>,
    /// What was wrong, in the core's words (completes "I didn't understand …: {why}").
    pub why: ArgError,
}

/// The entry's argument given as an attached file (a document), if it has one.
pub fn document_arg(spec: &'static CommandSpec) -> Option<&'static ArgSpec> {
    spec.args
        .iter()
        .find(|a| matches!(a.kind, ArgKind::Document { .. }))
}

/// The file attached for an entry's document argument, to be fetched: refused (in the core's
/// words) when Discord says it is larger than the argument takes, or when the interaction does
/// not resolve it. `None`: the entry takes no document, or none was attached.
pub fn attached_document<'a>(
    spec: &'static CommandSpec,
    options: &[CommandDataOption],
    resolved: &'a CommandDataResolved,
) -> Option<Result<(&'a Attachment, usize), OptionError>> {
    let arg = document_arg(spec)?;
    let ArgKind::Document { max } = arg.kind else {
        return None;
    };
    let name = slash_name(arg.name);
    let opt = options.iter().find(|o| o.name == name)?;
    let fail = |why: ArgError| OptionError {
        spec,
        option: Some(arg.name),
        why,
    };
    let CommandDataOptionValue::Attachment(id) = &opt.value else {
        return Some(Err(fail(document_from_bytes(&[], max).err()?)));
    };
    let Some(file) = resolved.attachments.get(id) else {
        return Some(Err(fail(document_from_bytes(&[], max).err()?)));
    };
    if let Some(why) = document_too_long(file.size as usize, max) {
        return Some(Err(fail(why)));
    }
    Some(Ok((file, max)))
}

/// Typed options → the core command, every value parsed by the core; `document`: the bytes of
/// the file attached for a document argument, once fetched.
pub fn command_from_options(
    spec: &'static CommandSpec,
    options: &[CommandDataOption],
    document: Option<&[u8]>,
) -> Result<Command, OptionError> {
    let mut values: Vec<Option<ArgValue>> = Vec::with_capacity(spec.args.len());
    for arg in spec.args {
        let name = slash_name(arg.name);
        let Some(opt) = options.iter().find(|o| o.name == name) else {
            values.push(None);
            continue;
        };
        let fail = |why: ArgError| OptionError {
            spec,
            option: Some(arg.name),
            why,
        };
        let value = match (&opt.value, arg.kind) {
            (CommandDataOptionValue::User(id), ArgKind::Member) => {
                ArgValue::Member(MemberRef(format!("discord:{id}")))
            }
            // The handler resolves the channel from the cache (`voice::resolve_channel`).
            (CommandDataOptionValue::Channel(id), ArgKind::VoiceChannel) => {
                ArgValue::Channel(bot_core::domain::ChannelArg::Named(id.to_string()))
            }
            (_, ArgKind::Document { max }) => ArgValue::Document(
                document_from_bytes(document.unwrap_or_default(), max).map_err(fail)?,
            ),
            (v, _) => parse_arg(arg, &raw_value(arg, v)).map_err(fail)?,
        };
        values.push(Some(value));
    }
    build(spec.kind, values).map_err(|why| OptionError {
        spec,
        option: None,
        why,
    })
}

/// An option's value as text for the core's parser.
fn raw_value(arg: &ArgSpec, v: &CommandDataOptionValue) -> String {
    #[allow(unreachable_patterns)]
    match v {
        CommandDataOptionValue::String(s) if arg.kind == ArgKind::Member => member_ref_from_text(s),
        CommandDataOptionValue::String(s) => s.clone(),
        CommandDataOptionValue::Integer(i) => i.to_string(),
        CommandDataOptionValue::Number(n) => n.to_string(),
        CommandDataOptionValue::Boolean(b) => if *b { "on" } else { "off" }.to_string(),
        CommandDataOptionValue::User(id) => format!("discord:{id}"),
        CommandDataOptionValue::Role(id) => id.to_string(),
        CommandDataOptionValue::Channel(id) => id.to_string(),
        CommandDataOptionValue::Mentionable(id) => id.to_string(),
        CommandDataOptionValue::Autocomplete { value, .. } => value.clone(),
        _ => String::new(),
    }
}

// ------------------------------------------------------------------ long text in a modal

/// Discord's limit on a modal's title.
pub const MODAL_TITLE_MAX: usize = 45;
/// Discord's limit on a text input's label.
pub const INPUT_LABEL_MAX: usize = 45;
/// Discord's limit on a text input's placeholder.
pub const INPUT_PLACEHOLDER_MAX: usize = 100;
/// Discord's limit on a text input's value and length bounds.
pub const INPUT_VALUE_MAX: usize = 4000;
/// Discord's limit on a custom id.
pub const CUSTOM_ID_MAX: usize = 100;
/// How a modal's custom id for a command's long text starts: `lt:format text:3`.
const LONG_TEXT_ID: &str = "lt:";
/// The text input's custom id inside that modal.
pub const LONG_TEXT_INPUT_ID: &str = "text";

/// What a slash command whose last argument is a long text asks for in a modal: the entry, the
/// typed values before the long text (checked by the core, carried in the custom id) and the
/// argument.
#[derive(Clone, Debug)]
pub struct LongTextAsk {
    pub spec: &'static CommandSpec,
    pub arg: &'static ArgSpec,
    /// The typed arguments' values as the core reads them (`None`: an optional one not given).
    pub values: Vec<Option<ArgValue>>,
    /// Their text, in argument order (empty: not given).
    raw: Vec<String>,
}

impl LongTextAsk {
    /// The modal's custom id: `lt:` + the command's words + `:value` per typed argument (`:` and
    /// `%` in a value escaped as `%3A` and `%25`). `None` when it would not fit Discord's 100.
    pub fn custom_id(&self) -> Option<String> {
        let mut id = format!("{LONG_TEXT_ID}{}", self.spec.words);
        for v in &self.raw {
            id.push(':');
            id.push_str(&v.replace('%', "%25").replace(':', "%3A"));
        }
        (id.chars().count() <= CUSTOM_ID_MAX).then_some(id)
    }

    /// The modal's title in `lang` (the core's words, cut to Discord's 45): `Text of part 3`.
    pub fn title(&self, lang: Lang) -> String {
        let raw: Vec<&str> = self.raw.iter().map(String::as_str).collect();
        clip(
            &words(lang, &self.spec.long_text_title(&raw)),
            MODAL_TITLE_MAX,
        )
    }

    /// The text input's label in `lang`: the argument's help.
    pub fn label_in(&self, lang: Lang) -> String {
        clip(&words(lang, &self.spec.arg_help(self.arg)), INPUT_LABEL_MAX)
    }

    /// The text input's placeholder (shown while it is empty) in `lang`: what the command does.
    pub fn placeholder_in(&self, lang: Lang) -> String {
        clip(&words(lang, &self.spec.summary()), INPUT_PLACEHOLDER_MAX)
    }

    /// The most characters the argument takes.
    pub fn max(&self) -> usize {
        match self.arg.kind {
            ArgKind::LongText { max } => max.clamp(1, INPUT_VALUE_MAX),
            _ => INPUT_VALUE_MAX,
        }
    }

    /// The value of the typed argument at `index`, if given.
    pub fn value(&self, index: usize) -> Option<&ArgValue> {
        self.values.get(index).and_then(Option::as_ref)
    }
}

/// For an entry whose last argument is a long text: the typed options read by the core (a
/// wrong value is refused before any modal), to ask for the long text in a modal. `None` for
/// other entries.
pub fn long_text_ask(
    spec: &'static CommandSpec,
    options: &[CommandDataOption],
) -> Option<Result<LongTextAsk, OptionError>> {
    let arg = spec.long_text()?;
    let mut values = Vec::new();
    let mut raw = Vec::new();
    for a in spec.typed_args() {
        let name = slash_name(a.name);
        // Discord's client insists on required options; one missing anyway is refused by the
        // core when the modal comes back.
        let Some(opt) = options.iter().find(|o| o.name == name) else {
            values.push(None);
            raw.push(String::new());
            continue;
        };
        let text = raw_value(a, &opt.value);
        match parse_arg(a, &text) {
            Ok(v) => values.push(Some(v)),
            Err(why) => {
                return Some(Err(OptionError {
                    spec,
                    option: Some(a.name),
                    why,
                }))
            }
        }
        raw.push(text);
    }
    Some(Ok(LongTextAsk {
        spec,
        arg,
        values,
        raw,
    }))
}

/// A submitted long-text modal → the core command: the entry and typed values from the custom
/// id, the long text from the input, every value read by the core (the long text keeps its
/// lines). `None`: the custom id is not one of these modals (or names no command any more).
pub fn command_from_modal(custom_id: &str, text: &str) -> Option<Result<Command, OptionError>> {
    let rest = custom_id.strip_prefix(LONG_TEXT_ID)?;
    let mut parts = rest.split(':');
    let words = parts.next()?;
    let spec = CATALOGUE.iter().find(|s| s.words == words)?;
    let arg = spec.long_text()?;
    let given: Vec<String> = parts
        .map(|p| p.replace("%3A", ":").replace("%25", "%"))
        .collect();
    if given.len() != spec.typed_args().len() {
        return None;
    }
    let mut values = Vec::with_capacity(spec.args.len());
    for (a, raw) in spec.typed_args().iter().zip(&given) {
        if raw.is_empty() {
            values.push(None);
            continue;
        }
        match parse_arg(a, raw) {
            Ok(v) => values.push(Some(v)),
            Err(why) => {
                return Some(Err(OptionError {
                    spec,
                    option: Some(a.name),
                    why,
                }))
            }
        }
    }
    let long = match parse_arg(arg, text) {
        Ok(v) => v,
        Err(why) => {
            return Some(Err(OptionError {
                spec,
                option: Some(arg.name),
                why,
            }))
        }
    };
    values.push(Some(long));
    Some(build(spec.kind, values).map_err(|why| OptionError {
        spec,
        option: None,
        why,
    }))
}

/// A command as the core writes it (`round start 3m checkin`) in Discord's form
/// (`/round start share-time:3m order:checkin`). Text that names no command comes back unchanged.
pub fn slash_form(text: &str) -> String {
    slash_form_in(text, Lang::En)
}

/// [`slash_form`] with the command's and options' names in `lang`, as a Discord app in that
/// language lists them (`/ronda empezar tiempo:3m`).
pub fn slash_form_in(text: &str, lang: Lang) -> String {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let Some((spec, used)) = match_words(&tokens) else {
        return text.trim().to_string();
    };
    let mut out = slash_path(spec).display_in(lang);
    let rest = &tokens[used..];
    // A usage line (`round start [share-time] [order]`, `queue move MEMBER POSITION`) keeps its
    // placeholders as they are.
    let placeholder = |t: &str| {
        t.starts_with('[')
            || spec.args.iter().any(|a| {
                t == a.name.to_uppercase() || t.trim_matches(|c| c == '[' || c == ']') == a.name
            })
    };
    if rest.iter().any(|t| placeholder(t)) {
        // A long text's placeholder names no option: the modal asks for it.
        let long = spec.long_text().map(|a| a.name);
        let shown: Vec<&str> = rest
            .iter()
            .copied()
            .filter(|t| {
                long.is_none_or(|l| t.trim_matches(|c| c == '[' || c == ']').to_lowercase() != l)
            })
            .collect();
        if !shown.is_empty() {
            out.push(' ');
            out.push_str(&shown.join(" "));
        }
        return out;
    }
    for (arg, value) in assign_args(spec, rest) {
        // A long text is typed into a modal and a document attached as a file: neither is a
        // value typed after the command.
        if spec.long_text().is_some_and(|a| std::ptr::eq(a, arg))
            || matches!(arg.kind, ArgKind::Document { .. })
        {
            continue;
        }
        out.push(' ');
        out.push_str(
            &localized_name(lang, &slash_name(arg.name)).unwrap_or_else(|| slash_name(arg.name)),
        );
        out.push(':');
        out.push_str(&value);
    }
    out
}

/// Splits the words after a command among its arguments the way the core's text parser does:
/// fixed-width arguments take a word each, the greedy one takes what is left between them, and an
/// optional argument that does not fit is skipped.
fn assign_args(spec: &CommandSpec, rest: &[&str]) -> Vec<(&'static ArgSpec, String)> {
    let mut out = Vec::new();
    if rest.is_empty() || spec.args.is_empty() {
        return out;
    }
    let greedy = spec.args.iter().position(|a| a.kind.is_greedy());
    let before = greedy.unwrap_or(spec.args.len());
    let mut i = 0;
    for (k, a) in spec.args.iter().enumerate().take(before) {
        let Some(tok) = rest.get(i) else { break };
        if parse_arg(a, tok).is_err() && !a.required && k + 1 < spec.args.len() {
            continue;
        }
        out.push((a, (*tok).to_string()));
        i += 1;
    }
    let rest = &rest[i.min(rest.len())..];
    if let Some(g) = greedy {
        let after = &spec.args[g + 1..];
        let take_after = after.len().min(rest.len().saturating_sub(1));
        let (mid, tail) = rest.split_at(rest.len() - take_after);
        if !mid.is_empty() {
            out.push((&spec.args[g], mid.join(" ")));
        }
        for (a, tok) in after.iter().zip(tail) {
            out.push((a, (*tok).to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_entry_has_its_own_path() {
        let mut seen = BTreeSet::new();
        for spec in CATALOGUE {
            let p = slash_path(spec);
            assert!(seen.insert(p.clone()), "two entries at {}", p.display());
            assert_eq!(spec_for_path(&p).map(|s| s.kind), Some(spec.kind));
        }
    }

    #[test]
    fn grouped_single_words_take_their_two_word_alias() {
        let path = |w: &str| slash_path(bot_core::domain::catalogue::lookup(w).unwrap()).display();
        assert_eq!(path("hand"), "/hand up");
        assert_eq!(path("hand down"), "/hand down");
        assert_eq!(path("queue"), "/queue show");
        assert_eq!(path("checkin"), "/checkin here");
        assert_eq!(path("checkin listen"), "/checkin listen");
        assert_eq!(path("round start"), "/round start");
        assert_eq!(path("done"), "/done");
        assert_eq!(path("settings"), "/settings show");
    }

    #[test]
    fn grouped_single_words_have_an_alias_not_the_fallback() {
        for spec in CATALOGUE {
            if !spec.words.contains(' ') && has_group(spec.words) {
                assert!(
                    spec.aliases
                        .iter()
                        .any(|a| a.split(' ').count() == 2 && first_word(a) == spec.words),
                    "{} has no two-word alias",
                    spec.words
                );
            }
        }
    }

    #[test]
    fn command_text_in_slash_form() {
        assert_eq!(
            slash_form("round start 3m checkin"),
            "/round start share-time:3m order:checkin"
        );
        assert_eq!(slash_form("round start queue"), "/round start order:queue");
        assert_eq!(slash_form("hand"), "/hand up");
        assert_eq!(slash_form("checkin listen"), "/checkin listen");
        assert_eq!(
            slash_form("queue move Mary Ann 2"),
            "/queue move member:Mary Ann position:2"
        );
        assert_eq!(slash_form("help"), "/help");
        assert_eq!(
            slash_form("round start [share-time] [order]"),
            "/round start [share-time] [order]"
        );
        assert_eq!(
            slash_form("queue move MEMBER POSITION"),
            "/queue move MEMBER POSITION"
        );
        assert_eq!(slash_form("help COMMAND"), "/help COMMAND");
        assert_eq!(slash_form("nonsense words"), "nonsense words");
    }

    #[test]
    fn member_text_becomes_an_id_when_it_is_one() {
        assert_eq!(member_ref_from_text("<@123>"), "discord:123");
        assert_eq!(member_ref_from_text("<@!123>"), "discord:123");
        assert_eq!(
            member_ref_from_text("123456789012345678"),
            "discord:123456789012345678"
        );
        assert_eq!(member_ref_from_text("discord:42"), "discord:42");
        assert_eq!(member_ref_from_text("Mary Ann"), "Mary Ann");
    }

    /// Subcommand `sub` of `/command` as registered.
    fn registered_sub(command: &str, sub: &str) -> serde_json::Value {
        let cmds = serde_json::to_value(registration()).unwrap();
        let top = cmds
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == command);
        let options = top.unwrap()["options"].as_array().unwrap().clone();
        options.into_iter().find(|o| o["name"] == sub).unwrap()
    }

    fn options(v: serde_json::Value) -> Vec<CommandDataOption> {
        serde_json::from_value(v).expect("options")
    }

    #[test]
    fn a_long_text_is_not_an_option_but_a_modal() {
        let text = bot_core::domain::catalogue::lookup("format text").unwrap();
        let sub = registered_sub("format", "text");
        let names: Vec<&str> = sub["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["part"]);

        let ask = long_text_ask(
            text,
            &options(serde_json::json!([{ "name": "part", "type": 4, "value": 3 }])),
        )
        .unwrap()
        .unwrap();
        assert_eq!(ask.custom_id().as_deref(), Some("lt:format text:3"));
        assert_eq!(ask.title(Lang::En), "Text of part 3");
        assert_eq!(ask.title(Lang::De), "Text von Teil 3");
        assert!(ask.label_in(Lang::En).chars().count() <= INPUT_LABEL_MAX);
        assert_eq!(ask.max(), 3000);
        assert_eq!(ask.value(0), Some(&ArgValue::Position(3)));

        // A wrong typed value is refused before any modal, by the core's parser.
        let bad = long_text_ask(
            text,
            &options(serde_json::json!([{ "name": "part", "type": 4, "value": 0 }])),
        )
        .unwrap();
        assert_eq!(bad.unwrap_err().option, Some("part"));
        let title = bot_core::domain::catalogue::lookup("format title").unwrap();
        assert!(long_text_ask(title, &[]).is_none());
    }

    #[test]
    fn a_submitted_modal_becomes_the_command_with_its_lines() {
        use bot_core::domain::format::PartEdit;
        let cmd = command_from_modal("lt:format text:3", "First paragraph.\n\nSecond one.")
            .unwrap()
            .unwrap();
        match cmd {
            Command::FormatEdit {
                part: 3,
                edit: PartEdit::Text(lines),
            } => {
                let lines: Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
                assert_eq!(lines, ["First paragraph.", "Second one."]);
            }
            other => panic!("{other:?}"),
        }
        let empty = command_from_modal("lt:format text:3", "  \n ").unwrap();
        assert_eq!(empty.unwrap_err().option, Some("text"));
        assert!(command_from_modal("lt:format text:x", "t")
            .unwrap()
            .is_err());
        assert!(
            command_from_modal("lt:format text", "t").is_none(),
            "values missing"
        );
        assert!(command_from_modal("lt:format title:3", "t").is_none());
        assert!(command_from_modal("sc:hand", "t").is_none());
    }

    #[test]
    fn custom_id_values_are_escaped() {
        let text = bot_core::domain::catalogue::lookup("format text").unwrap();
        let ask = LongTextAsk {
            spec: text,
            arg: text.long_text().unwrap(),
            values: vec![None],
            raw: vec!["20:30%".into()],
        };
        let id = ask.custom_id().unwrap();
        assert_eq!(id, "lt:format text:20%3A30%25");
        let back: Vec<String> = id
            .split(':')
            .skip(2)
            .map(|p| p.replace("%3A", ":").replace("%25", "%"))
            .collect();
        assert_eq!(back, ["20:30%"]);
        let long = LongTextAsk {
            raw: vec!["9".repeat(100)],
            ..ask
        };
        assert_eq!(long.custom_id(), None, "over Discord's 100");
    }

    #[test]
    fn every_long_text_modal_fits_discord() {
        for spec in CATALOGUE.iter().filter(|s| s.long_text().is_some()) {
            // The widest typed values the core accepts for the kinds before a long text.
            let raw: Vec<String> = spec
                .typed_args()
                .iter()
                .map(|a| match a.kind {
                    ArgKind::Position => u32::MAX.to_string(),
                    other => panic!("{}: {other:?} before a long text has no bound", spec.words),
                })
                .collect();
            let ask = LongTextAsk {
                spec,
                arg: spec.long_text().unwrap(),
                values: vec![],
                raw,
            };
            assert!(ask.custom_id().is_some(), "{}", spec.words);
            for lang in Lang::ALL {
                assert!(ask.title(lang).chars().count() <= MODAL_TITLE_MAX);
            }
        }
    }

    #[test]
    fn slash_form_leaves_the_long_text_to_the_modal() {
        assert_eq!(
            slash_form("format text 2 Welcome, everyone."),
            "/format text part:2"
        );
        assert_eq!(slash_form("format text PART TEXT"), "/format text PART");
    }

    #[test]
    fn a_document_is_an_attached_file_refused_by_its_size_before_it_is_fetched() {
        let import = bot_core::domain::catalogue::lookup("format import").unwrap();
        let sub = registered_sub("format", "import");
        assert_eq!(sub["options"][0]["type"], 11, "an attachment: {sub}");
        assert_eq!(sub["options"][0]["required"], true);

        let file = |size: usize| -> CommandDataResolved {
            serde_json::from_value(serde_json::json!({ "attachments": { "7": {
                "id": "7", "filename": "format.toml", "size": size,
                "url": "http://x/7/format.toml", "proxy_url": "http://x/7/format.toml",
            } } }))
            .unwrap()
        };
        let opts = options(serde_json::json!([{ "name": "document", "type": 11, "value": "7" }]));
        let small = file(120);
        let (att, max) = attached_document(import, &opts, &small).unwrap().unwrap();
        assert_eq!((att.url.as_str(), max), ("http://x/7/format.toml", 100_000));
        let big = attached_document(import, &opts, &file(100_001))
            .unwrap()
            .unwrap_err();
        assert_eq!(big.option, Some("document"));
        let why = |e: &OptionError| {
            bot_core::render::plain(&bot_core::domain::Message::say(e.why.clone()))
        };
        assert_eq!(
            why(&big),
            "the document is 100001 bytes; a format fits in 100000"
        );
        assert!(
            attached_document(import, &opts, &CommandDataResolved::default())
                .unwrap()
                .is_err()
        );

        let doc = b"part = [{ kind = \"silence\", time = \"1m\" }]";
        assert!(matches!(
            command_from_options(import, &opts, Some(doc)),
            Ok(Command::FormatImport { .. })
        ));
        let not_text = command_from_options(import, &opts, Some(&[0xff, 0xfe])).unwrap_err();
        assert!(why(&not_text).contains("not text"), "{}", why(&not_text));
        assert_eq!(slash_form("format import name = \"x\""), "/format import");
    }

    /// A name Discord takes: 1–32 characters, lower case, `^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]`.
    fn valid_name(n: &str) -> bool {
        let count = n.chars().count();
        (1..=32).contains(&count)
            && n.chars()
                .all(|c| (c == '-' || c == '_' || c.is_alphanumeric()) && c.to_lowercase().eq([c]))
    }

    /// `v[field]` in `locale`: its localization, else the base value.
    fn in_locale(v: &serde_json::Value, field: &str, locale: &str) -> String {
        v[format!("{field}_localizations")][locale]
            .as_str()
            .or_else(|| v[field].as_str())
            .unwrap_or_default()
            .to_string()
    }

    /// Checks one command or option and its options in one locale; returns the characters it
    /// counts toward Discord's 4000 per command.
    fn check_in_locale(
        v: &serde_json::Value,
        locale: &str,
        path: &str,
        problems: &mut Vec<String>,
    ) -> usize {
        let name = in_locale(v, "name", locale);
        let desc = in_locale(v, "description", locale);
        let here = format!("{path} {name} [{locale}]");
        if !valid_name(&name) {
            problems.push(format!("{here}: name {name:?}"));
        }
        let d = desc.chars().count();
        if !(1..=100).contains(&d) {
            problems.push(format!("{here}: description of {d} characters"));
        }
        let mut total = name.chars().count() + d;
        for c in v["choices"].as_array().into_iter().flatten() {
            let n = in_locale(c, "name", locale);
            if !(1..=100).contains(&n.chars().count()) {
                problems.push(format!("{here}: choice {n:?}"));
            }
            total += n.chars().count() + c["value"].as_str().map_or(0, |s| s.chars().count());
        }
        let mut siblings = BTreeSet::new();
        for o in v["options"].as_array().into_iter().flatten() {
            let n = in_locale(o, "name", locale);
            if !siblings.insert(n.clone()) {
                problems.push(format!("{here}: two options named {n:?}"));
            }
            total += check_in_locale(o, locale, &format!("{path} {name}"), problems);
        }
        total
    }

    #[test]
    fn every_locale_fits_discord_limits() {
        let cmds = serde_json::to_value(registration()).unwrap();
        let mut problems = Vec::new();
        let mut top = BTreeSet::new();
        for (lang, locale) in locales() {
            assert!(
                DISCORD_LOCALES.contains(&locale),
                "{locale} ({lang:?}) is not a Discord locale"
            );
            top.clear();
            for c in cmds.as_array().unwrap() {
                let n = in_locale(c, "name", locale);
                if !top.insert(n.clone()) {
                    problems.push(format!("two commands named {n:?} in {locale}"));
                }
                let total = check_in_locale(c, locale, "", &mut problems);
                if total > 4000 {
                    problems.push(format!("/{n} has {total} characters in {locale}"));
                }
            }
        }
        // Every localization is for a locale Discord knows.
        fn keys(v: &serde_json::Value, out: &mut BTreeSet<String>) {
            if let Some(m) = v.as_object() {
                for (k, x) in m {
                    if k.ends_with("_localizations") {
                        out.extend(x.as_object().into_iter().flatten().map(|(l, _)| l.clone()));
                    } else {
                        keys(x, out);
                    }
                }
            } else if let Some(a) = v.as_array() {
                a.iter().for_each(|x| keys(x, out));
            }
        }
        let mut used = BTreeSet::new();
        keys(&cmds, &mut used);
        for l in &used {
            if !DISCORD_LOCALES.contains(&l.as_str()) {
                problems.push(format!("unknown locale {l}"));
            }
        }
        assert!(used.contains("de") && used.contains("es-419"), "{used:?}");
        assert!(problems.is_empty(), "{problems:#?}");
        // Every command and subcommand is named in every language (`slash-cmd-NAME`), and the
        // English names are the ones interactions arrive with.
        let mut unnamed = Vec::new();
        for c in cmds.as_array().unwrap() {
            let mut names = vec![c["name"].as_str().unwrap_or_default().to_string()];
            for o in c["options"].as_array().into_iter().flatten() {
                // 1: a subcommand, 2: a subcommand group.
                if matches!(o["type"].as_u64(), Some(1 | 2)) {
                    names.push(o["name"].as_str().unwrap_or_default().to_string());
                }
            }
            for n in names {
                let key = format!("slash-cmd-{n}");
                if !bot_core::i18n::has(Lang::En, &key) {
                    unnamed.push(key);
                } else {
                    assert_eq!(command_name(Lang::En, &n), n, "the English name of {n}");
                    for l in Lang::ALL {
                        assert!(bot_core::i18n::has(l, &key), "{key} in {l:?}");
                    }
                }
            }
        }
        assert!(unnamed.is_empty(), "no names in slash.ftl: {unnamed:?}");
        let round = cmds
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "round")
            .unwrap();
        assert_eq!(in_locale(round, "name", "es-419"), "ronda");
        assert_eq!(in_locale(round, "name", "de"), "runde");
        let start = &round["options"][0];
        assert_eq!(start["name"], "start");
        assert_eq!(in_locale(start, "name", "es-ES"), "empezar");
        assert_eq!(in_locale(start, "name", "de"), "starten");
        // The language option offers the five languages as choices.
        let lang = registered_sub("settings", "language");
        assert_eq!(
            lang["options"][0]["choices"].as_array().map(Vec::len),
            Some(5)
        );
    }

    /// Discord's `Locale` values (its OpenAPI spec).
    const DISCORD_LOCALES: &[&str] = &[
        "ar", "bg", "cs", "da", "de", "el", "en-GB", "en-US", "es-419", "es-ES", "fi", "fr", "he",
        "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "nl", "no", "pl", "pt-BR", "ro", "ru",
        "sv-SE", "th", "tr", "uk", "vi", "zh-CN", "zh-TW",
    ];

    #[test]
    fn registration_respects_discord_limits() {
        let cmds = registration();
        assert!(cmds.len() <= 100);
        for c in &cmds {
            let v = serde_json::to_value(c).unwrap();
            let desc = v["description"].as_str().unwrap();
            assert!(!desc.is_empty() && desc.chars().count() <= 100);
            assert!(v["options"].as_array().map_or(0, Vec::len) <= 25);
        }
    }
}
