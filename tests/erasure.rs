//! Erasure as members see it: after a session closes, no message the bot posted in the Discord
//! channel shows a feeling word — also when `sharecircle run` was killed with SIGKILL during the
//! session, and when it was killed between the close and the status message's last edit.
#![cfg(feature = "discord")]

use std::time::Duration;

use bot_core::store::Store as _;
use discord_double::{DiscordDouble, DoubleConfig, Failure, GuildSpec, MemberSpec, StoredMessage};
use serde_json::json;

mod support;
use support::{commands_registered, free_port, poll, stop};

const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GdoubLe.sharecircle-erasure-token-00000";
const WAIT: Duration = Duration::from_secs(15);
const OPEN_STATUS: &str = "🟢 **Session open**";
const CLOSED_STATUS: &str = "⚪ **Session closed.**";

/// The feeling words of this test: distinctive, so nothing else in the channel contains them.
const WORDS: [&str; 3] = ["marmaladeish", "thistledownly", "quokkalike"];

struct Meeting {
    double: DiscordDouble,
    guild: u64,
    channel: u64,
    owner: u64,
    ann: u64,
    bo: u64,
    dir: tempfile::TempDir,
    runs: usize,
}

impl Meeting {
    async fn new() -> Meeting {
        let mut g = GuildSpec::new("Circle");
        let channel = g.add_text_channel("meeting");
        let owner = g.owner();
        let ann = g.add_member(MemberSpec::new("ann"));
        let bo = g.add_member(MemberSpec::new("bo"));
        let guild = g.id;
        let double = DiscordDouble::start(DoubleConfig::new(TOKEN).guild(g)).await;
        Meeting {
            double,
            guild,
            channel,
            owner,
            ann,
            bo,
            dir: tempfile::tempdir().unwrap(),
            runs: 0,
        }
    }

    fn database(&self) -> String {
        format!("sqlite://{}", self.dir.path().join("run.db").display())
    }

    /// Starts `sharecircle run` (again) on the same database, once it has registered its commands.
    async fn start(&mut self) -> tokio::process::Child {
        self.runs += 1;
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_sharecircle"))
            .arg("run")
            .env_clear()
            .env("SHARECIRCLE_DISCORD_TOKEN", TOKEN)
            .env(
                "SHARECIRCLE_DISCORD_APPLICATION_ID",
                self.double.config().application_id.to_string(),
            )
            .env("SHARECIRCLE_DISCORD_GUILD_IDS", self.guild.to_string())
            .env("SHARECIRCLE_DATABASE_URL", self.database())
            .env("SHARECIRCLE_METRICS_LISTEN", free_port())
            .env("SHARECIRCLE_DISCORD_API_BASE", self.double.http_url())
            .env("SHARECIRCLE_LOG_LEVEL", "warn")
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        commands_registered(&self.double, self.runs, WAIT).await;
        child
    }

    /// `user` runs `/name` with `options`, and the bot answers.
    async fn command(&self, user: u64, name: &str, options: serde_json::Value) {
        let i = self
            .double
            .send_slash_command(self.guild, self.channel, user, name, options);
        self.double
            .wait_callback(&i, WAIT)
            .await
            .unwrap_or_else(|e| panic!("/{name} not answered: {e}"));
    }

    async fn check_in(&self, user: u64, word: &str) {
        let word = json!([{ "name": "word", "value": word }]);
        let options = json!([{ "name": "here", "type": 1, "options": word }]);
        self.command(user, "checkin", options).await;
    }

    /// The status message once `pred` holds for it.
    async fn status(&self, what: &str, pred: impl Fn(&StoredMessage) -> bool) -> StoredMessage {
        let is_status =
            |m: &StoredMessage| m.content.starts_with(OPEN_STATUS) || m.content.starts_with("⚪");
        self.double
            .wait_for_message(self.channel, |m| is_status(m) && pred(m), WAIT)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// Waits until the database records `message` as the place's status message (the bot
    /// records it just after Discord answers the post).
    async fn recorded(&self, message: u64) {
        let store = bot_core::store::SqliteStore::open(&self.database(), 1)
            .await
            .unwrap();
        let place =
            bot_core::domain::PlaceId::new(format!("discord:{}:{}", self.guild, self.channel));
        let recorded = || async {
            (store.status_message(&place).await.unwrap())
                .filter(|r| r.message_id == message.to_string())
        };
        poll(WAIT, recorded)
            .await
            .unwrap_or_else(|| panic!("status message {message} never recorded"));
    }

    /// Every message in the channel, as a member sees it now, that shows one of the words.
    fn showing_words(&self) -> Vec<StoredMessage> {
        (self.double.messages_in(self.channel).into_iter())
            .filter(|m| WORDS.iter().any(|w| m.content.contains(w)))
            .collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_feeling_word_stays_in_the_channel_after_close_even_across_kills() {
    let mut m = Meeting::new().await;

    // A session with two words on show; the bot is killed, a new process closes the session.
    let first = m.start().await;
    m.command(m.owner, "open", json!([])).await;
    m.check_in(m.ann, WORDS[0]).await;
    m.check_in(m.bo, WORDS[1]).await;
    let shown = m
        .status("the roll shows both words", |s| {
            s.content.contains(WORDS[0]) && s.content.contains(WORDS[1])
        })
        .await;
    assert_eq!(
        m.showing_words().len(),
        1,
        "only the status message shows them"
    );
    m.recorded(shown.id).await;
    let mut first = first;
    first.kill().await.unwrap(); // SIGKILL

    let second = m.start().await;
    m.command(m.owner, "close", json!([])).await;
    let closed = m
        .status("the status message says the session closed", |s| {
            s.content.starts_with(CLOSED_STATUS)
        })
        .await;
    assert_eq!(closed.id, shown.id, "the same message, rewritten");
    assert_eq!(m.showing_words(), vec![], "no word left after the close");

    // A new session; the bot is killed after the close was committed but before the status
    // message's last edit reached Discord (Discord was failing it): the next start rewrites it.
    m.command(m.owner, "open", json!([])).await;
    m.check_in(m.ann, WORDS[2]).await;
    let shown = m
        .status("the new session's roll shows the word", |s| {
            s.id != closed.id && s.content.contains(WORDS[2])
        })
        .await;
    m.recorded(shown.id).await;
    let patch = "/channels/*/messages/*";
    m.double
        .fail_next("PATCH", patch, Failure::internal_error());
    m.double
        .fail_next("PATCH", patch, Failure::internal_error());
    let patches = || {
        (m.double.requests().into_iter())
            .filter(|r| r.method == "PATCH" && r.path.ends_with(&format!("/{}", shown.id)))
            .count()
    };
    let before = patches();
    m.command(m.owner, "close", json!([])).await;
    poll(WAIT, || async { (patches() > before).then_some(()) })
        .await
        .expect("the closing edit was tried");
    let mut second = second;
    second.kill().await.unwrap(); // SIGKILL while the edit waits to be retried
    assert_eq!(m.showing_words().len(), 1, "the word is still on show");

    let third = m.start().await;
    m.status("the next start closes the message left open", |s| {
        s.id == shown.id && s.content.starts_with(CLOSED_STATUS)
    })
    .await;
    assert_eq!(m.showing_words(), vec![], "no word left after the restart");
    let open: Vec<_> = (m.double.messages_in(m.channel).into_iter())
        .filter(|s| s.content.starts_with(OPEN_STATUS))
        .collect();
    assert_eq!(open, vec![], "no status message still says open");
    stop(third, WAIT).await;
    assert_eq!(m.double.violations(), Vec::<String>::new());
}
