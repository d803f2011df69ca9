//! The console adapter: the same core in a terminal. Input lines are `NAME: TEXT`, `#role NAME
//! ROLE`, `#locale NAME CODE` (a member's app language, as Discord reports it), pretend voice
//! channels (`#channel`, `#voice`: `voice_world.rs`) and (virtual clock) `+DURATION`; output
//! lines are what the bot would post and the floor changes it would make.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use bot_core::domain::{
    parse, Actor, Audience, ChannelArg, Command, Lang, Member, MemberId, Parsed, PlaceId, Role,
    Timestamp,
};
use bot_core::engine::{Clock, Delivery, Engine, ManualClock, Sink, SinkError};
use bot_core::render;

use crate::voice_world::VoiceWorld;

/// The place every console line speaks in.
pub const CONSOLE_PLACE: &str = "console:main";

/// Where the virtual clock starts unless told otherwise: a Monday evening, so transcripts are
/// the same on every run.
pub const DEFAULT_VIRTUAL_START: &str = "2026-03-02T19:00:00Z";

/// How the console keeps time.
#[derive(Clone)]
pub enum ConsoleClock {
    /// Moves only on `+DURATION` lines; every deadline on the way fires in order.
    Virtual(Arc<ManualClock>),
    /// Wall-clock time; deadlines fire by themselves.
    Real,
}

/// Prints deliveries, one line per message (continuation lines indented), or one JSON object each.
pub struct Printer {
    json: bool,
    prefix: String,
    out: Box<dyn Write + Send>,
    clock: Arc<dyn Clock>,
    names: HashMap<MemberId, String>,
    /// Every word in the pseudo-language (accented English), to show what bypassed the
    /// message files.
    pseudo: bool,
    /// Every post printed, kept for tests that look at their structure.
    kept: Option<Arc<Mutex<Vec<bot_core::domain::Post>>>>,
}

impl Printer {
    pub fn new(
        out: Box<dyn Write + Send>,
        json: bool,
        prefix: &str,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Printer {
            json,
            prefix: prefix.to_string(),
            out,
            clock,
            names: HashMap::new(),
            pseudo: false,
            kept: None,
        }
    }

    /// Prints every post in the pseudo-language instead of its own.
    pub fn in_pseudo(mut self) -> Self {
        self.pseudo = true;
        self
    }

    fn name(&self, id: &MemberId) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.as_str().to_string())
    }

    pub fn print(&mut self, d: &Delivery) {
        if let Some(kept) = &self.kept {
            kept.lock().expect("kept posts").push(d.post.clone());
        }
        let now = self.clock.now();
        let text = if self.pseudo {
            let words = bot_core::i18n::pseudo(&d.post.message);
            render::plain_in(&words, d.post.lang, &self.prefix, Some(now))
        } else {
            render::plain_in(&d.post.message, d.post.lang, &self.prefix, Some(now))
        };
        let (audience, to) = match &d.post.audience {
            Audience::Place => ("place", None),
            Audience::Reply(id) => ("reply", Some(self.name(id))),
            Audience::Private(id) => ("private", Some(self.name(id))),
            Audience::Floor(_) => ("floor", None),
        };
        let line = if self.json {
            let mentions: Vec<String> = d
                .post
                .message
                .mentions()
                .iter()
                .map(|m| self.name(m))
                .collect();
            serde_json::json!({
                "at": now.to_rfc3339(),
                "channel": d.place.as_str(),
                "audience": audience,
                "to": to,
                "kind": d.post.kind.as_str(),
                // The idempotency key a platform would dedupe a redelivery by (Discord nonce,
                // Matrix transaction id); none for answers that were never stored.
                "key": d.key(),
                "text": text,
                "mentions": mentions,
            })
            .to_string()
        } else {
            let head = match (&d.post.audience, to) {
                (Audience::Private(_), Some(n)) => {
                    format!("[{}] bot → {n} (private): ", render::clock(now))
                }
                (_, Some(n)) => format!("[{}] bot → {n}: ", render::clock(now)),
                (Audience::Floor(_), _) => format!("[{}] floor: ", render::clock(now)),
                _ => format!("[{}] bot: ", render::clock(now)),
            };
            let indent = " ".repeat(11);
            let mut s = String::new();
            for (i, l) in text.lines().enumerate() {
                if i == 0 {
                    s.push_str(&head);
                } else {
                    s.push('\n');
                    // An empty line (a document's) stays empty: no trailing spaces.
                    if !l.is_empty() {
                        s.push_str(&indent);
                    }
                }
                s.push_str(l);
            }
            s
        };
        let _ = writeln!(self.out, "{line}");
        let _ = self.out.flush();
    }
}

struct ConsoleSink {
    printer: Arc<Mutex<Printer>>,
    voice: Arc<Mutex<VoiceWorld>>,
}

#[async_trait]
impl Sink for ConsoleSink {
    async fn deliver(&self, d: &Delivery) -> Result<(), SinkError> {
        self.printer
            .lock()
            .map_err(|_| SinkError("console printer poisoned".into()))?
            .print(d);
        if let Audience::Floor(change) = &d.post.audience {
            // Made as Discord would make it; what it tells back reaches the engine after the line.
            self.voice
                .lock()
                .map_err(|_| SinkError("console voice poisoned".into()))?
                .apply(change);
        }
        Ok(())
    }
}

/// A console line that is not of the console's forms.
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    #[error("expected `NAME: TEXT`, `#role NAME host|admin|member`, `#locale NAME CODE`, `#channel …`, `#voice …` or `+DURATION` (like `+90s`)")]
    Unrecognised,
    #[error("`#locale` takes a name and a language code, as a member's app would report it: `#locale Sam de` ({0})")]
    BadLocale(String),
    #[error("`#role` takes a name and one of host, admin, member: `#role Sam host`")]
    BadRole,
    #[error("{0}")]
    BadDuration(String),
    #[error("`+DURATION` advances a virtual clock: start the console with `--clock virtual`")]
    NotVirtual,
    #[error("a name is needed before the colon: `Sam: !hand`")]
    NoName,
    #[error("{0}")]
    Voice(String),
    #[error(transparent)]
    Engine(#[from] bot_core::engine::EngineError),
}

pub struct Console {
    engine: Engine,
    clock: ConsoleClock,
    printer: Arc<Mutex<Printer>>,
    roles: HashMap<String, Role>,
    /// Members' app languages (`#locale`), as Discord reports them with each action.
    locales: HashMap<String, Lang>,
    place: PlaceId,
    voice: Arc<Mutex<VoiceWorld>>,
    /// The lines so far of an input continued with a `\` at the end of each line.
    continued: Option<String>,
}

impl Console {
    /// Wires a console to an engine (whose clock must be `clock`'s) and registers its sink.
    pub fn new(engine: Engine, clock: ConsoleClock, printer: Printer) -> Console {
        let printer = Arc::new(Mutex::new(printer));
        let voice = Arc::new(Mutex::new(VoiceWorld::default()));
        engine.add_sink(
            "console",
            Arc::new(ConsoleSink {
                printer: printer.clone(),
                voice: voice.clone(),
            }),
        );
        Console {
            voice,
            engine,
            clock,
            printer,
            roles: HashMap::new(),
            locales: HashMap::new(),
            continued: None,
            place: PlaceId::new(CONSOLE_PLACE),
        }
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    fn member_id(name: &str) -> MemberId {
        crate::voice_world::member_id(name)
    }

    /// Hands what the pretend voice channels told back to the engine, until they are quiet
    /// (a floor change told back may bring another).
    async fn settle_voice(&mut self) -> Result<(), LineError> {
        for _ in 0..100 {
            let pending = self.voice.lock().expect("voice").take_pending();
            if pending.is_empty() {
                break;
            }
            for input in pending {
                self.engine.voice_in("console", input).await?;
            }
        }
        Ok(())
    }

    /// Handles one input line. A line ending with `\` continues on the next one (a text of
    /// several lines, like a reading: `Ada: !format text 2 First line \`).
    pub async fn line(&mut self, raw: &str) -> Result<(), LineError> {
        if let Some(head) = raw.trim_end().strip_suffix('\\') {
            let so_far = self.continued.get_or_insert_with(String::new);
            so_far.push_str(head);
            so_far.push('\n');
            return Ok(());
        }
        let joined = match self.continued.take() {
            Some(mut so_far) => {
                so_far.push_str(raw);
                so_far
            }
            None => raw.to_string(),
        };
        let line = joined.trim();
        if line.is_empty() || line.starts_with("//") || line.starts_with("# ") || line == "#" {
            return Ok(());
        }
        if let Some(rest) = line.strip_prefix("#role") {
            let mut words: Vec<&str> = rest.split_whitespace().collect();
            let role = match words.pop().map(|w| w.to_lowercase()).as_deref() {
                Some("host") => Role::Host,
                Some("admin") => Role::Admin,
                Some("member") => Role::Member,
                _ => return Err(LineError::BadRole),
            };
            if words.is_empty() {
                return Err(LineError::BadRole);
            }
            self.roles.insert(words.join(" ").to_lowercase(), role);
            self.voice
                .lock()
                .expect("voice")
                .set_role(&words.join(" "), role);
            return Ok(());
        }
        if let Some(rest) = line.strip_prefix("#locale") {
            let mut words: Vec<&str> = rest.split_whitespace().collect();
            let code = words.pop().unwrap_or_default();
            let lang = Lang::parse(code).ok_or_else(|| LineError::BadLocale(Lang::listing()))?;
            if words.is_empty() {
                return Err(LineError::BadLocale(Lang::listing()));
            }
            self.locales.insert(words.join(" ").to_lowercase(), lang);
            return Ok(());
        }
        if let Some(rest) = line.strip_prefix("#channel") {
            let done = self.voice.lock().expect("voice").channel_line(rest);
            return done.map_err(LineError::Voice);
        }
        if let Some(rest) = line.strip_prefix("#voice") {
            let done = self.voice.lock().expect("voice").voice_line(rest);
            done.map_err(LineError::Voice)?;
            return self.settle_voice().await;
        }
        if let Some(d) = line.strip_prefix('+') {
            let ConsoleClock::Virtual(clock) = &self.clock else {
                return Err(LineError::NotVirtual);
            };
            // Any human duration, weeks included (`+7d`), so schedules can be followed for months.
            let by = humantime::parse_duration(d.trim())
                .map(bot_core::domain::Millis::from_std)
                .map_err(|_| {
                    LineError::BadDuration(format!(
                        "`{}` is not a duration like `90s`, `10m` or `7d`",
                        d.trim()
                    ))
                })?;
            let target = Timestamp(clock.now().0 + by.0);
            self.engine.advance_to(clock, target).await?;
            return self.settle_voice().await;
        }
        let Some((name, text)) = line.split_once(':') else {
            return Err(LineError::Unrecognised);
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(LineError::NoName);
        }
        let member = Member {
            id: Self::member_id(name),
            name: bot_core::domain::DisplayName::new(name),
        };
        self.printer
            .lock()
            .expect("printer")
            .names
            .insert(member.id.clone(), member.name.as_str().to_string());
        let role = self
            .roles
            .get(&name.to_lowercase())
            .copied()
            .unwrap_or(Role::Member);
        let actor = Actor {
            member,
            role,
            platform_roles: Vec::new(),
            locale: bot_core::domain::Locale {
                member: self.locales.get(&name.to_lowercase()).copied(),
                community: None,
            },
        };
        // `voice link #NAME`: the console finds its pretend channel, as Discord resolves a
        // channel option; a link is followed by everyone in voice, as at a start.
        let mut linked = false;
        let executed = match parse(self.engine.prefix(), text.trim()) {
            Parsed::Command(Command::VoiceLink {
                channel: ChannelArg::Named(typed),
            }) => {
                let found = self.voice.lock().expect("voice").resolve(&typed);
                let channel = found.map_or(ChannelArg::Named(typed), ChannelArg::Found);
                linked = true;
                let command = Command::VoiceLink { channel };
                Some(self.engine.execute(&self.place, actor, command).await?)
            }
            _ => {
                self.engine
                    .handle_text(&self.place, actor, text.trim())
                    .await?
            }
        };
        if let Some(executed) = executed {
            let accepted = executed.rejected.is_none();
            self.engine.dispatch(executed).await?;
            if linked && accepted {
                let snapshot = self.voice.lock().expect("voice").snapshot();
                self.voice.lock().expect("voice").push(snapshot);
            }
        }
        self.settle_voice().await
    }
}

/// Runs a whole script on a fresh in-memory database and a virtual clock, and returns the
/// transcript (one output line per message; console-line errors are printed as `! line N: …`).
pub async fn run_script(script: &str, json: bool) -> String {
    let (store, start) = in_memory().await;
    run_script_on(store, start, script, json).await.0
}

/// A fresh in-memory store and the virtual clock's usual start, for a script run.
async fn in_memory() -> (Arc<dyn bot_core::store::Store>, Timestamp) {
    let start = Timestamp::parse_rfc3339(DEFAULT_VIRTUAL_START).expect("valid start");
    let store = bot_core::store::open("sqlite::memory:", 1)
        .await
        .expect("in-memory store");
    (store, start)
}

/// Like [`run_script`], every post printed in the pseudo-language (accented English: a plain
/// letter left in the bot's words did not come from the message files), with the posts.
pub async fn run_script_pseudo(script: &str) -> (String, Vec<bot_core::domain::Post>) {
    let (store, start) = in_memory().await;
    let kept = Arc::new(Mutex::new(Vec::new()));
    let (out, _) = run_printing(store, start, script, false, Some(kept.clone())).await;
    let posts = std::mem::take(&mut *kept.lock().expect("kept posts"));
    (out, posts)
}

/// Like [`run_script`] on a given store and start time; returns the transcript and the engine
/// (for tests that inspect state afterwards).
pub async fn run_script_on(
    store: Arc<dyn bot_core::store::Store>,
    start: Timestamp,
    script: &str,
    json: bool,
) -> (String, Engine) {
    run_printing(store, start, script, json, None).await
}

async fn run_printing(
    store: Arc<dyn bot_core::store::Store>,
    start: Timestamp,
    script: &str,
    json: bool,
    pseudo: Option<Arc<Mutex<Vec<bot_core::domain::Post>>>>,
) -> (String, Engine) {
    let clock = Arc::new(ManualClock::new(start));
    let engine = Engine::new(store, clock.clone(), "!");
    engine.reseed(start.0 as u64);
    engine.resume().await.expect("resume");
    let buf = SharedBuf::default();
    let printer = Printer::new(Box::new(buf.clone()), json, "!", clock.clone());
    let printer = match pseudo {
        Some(kept) => Printer {
            kept: Some(kept),
            ..printer.in_pseudo()
        },
        None => printer,
    };
    let mut console = Console::new(engine.clone(), ConsoleClock::Virtual(clock), printer);
    for (i, line) in script.lines().enumerate() {
        if let Err(e) = console.line(line).await {
            let _ = writeln!(buf.clone(), "! line {}: {e}", i + 1);
        }
    }
    (buf.contents(), engine)
}

/// An in-memory output buffer shared between the printer and whoever reads the transcript.
#[derive(Clone, Default)]
pub struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl SharedBuf {
    pub fn contents(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("buffer")).into_owned()
    }
}

impl Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
