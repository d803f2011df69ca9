//! The harness the fuzz targets share: the real renderer sources of both adapters compiled without
//! serenity or matrix-sdk, structured renderer inputs built from fuzz bytes, and the safety checks
//! (member text never becomes a live mention, a markdown link or an HTML tag).

pub mod check;
pub mod input;

/// `discord-adapter/src/render.rs`, unchanged. It reaches `crate::commands::slash_form_in` and
/// `serenity::all::{CreateAllowedMentions, UserId}`; both are stand-ins here (see [`commands`] and
/// the `serenity-shim` crate).
#[path = "../../../discord-adapter/src/render.rs"]
pub mod discord;

/// `matrix-adapter/src/render.rs`, unchanged (it needs only bot-core and serde_json).
#[path = "../../../matrix-adapter/src/render.rs"]
pub mod matrix;

pub mod commands {
    //! Stand-in for `discord-adapter/src/commands.rs`, whose `slash_form_in` lives beside
    //! serenity's command builders. `Command` spans carry catalogue words only (never member
    //! text), and the renderer strips backticks and defuses mention syntax after `slash_form_in`,
    //! so the fuzzed property does not depend on it; the real one is simply not fuzzed here.

    /// `/` and the words, as the real one shows a command without arguments in English.
    pub fn slash_form_in(text: &str, _lang: bot_core::domain::Lang) -> String {
        format!("/{}", text.trim())
    }
}
