//! The languages the bot speaks: their codes and names, reading a code a member types, and the
//! platform locales (Discord's) that map to each.

use serde::{Deserialize, Serialize};

/// A language the bot's message files cover. English is the source every other one follows.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "pt-BR")]
    PtBr,
    #[serde(rename = "de")]
    De,
    #[serde(rename = "fr")]
    Fr,
}

impl Lang {
    /// Every shipped language, English first.
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Es, Lang::PtBr, Lang::De, Lang::Fr];

    /// The code a member types and the message files' folder (`pt-BR`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::PtBr => "pt-BR",
            Lang::De => "de",
            Lang::Fr => "fr",
        }
    }

    /// The language's name in itself, as a member looks for it in a list.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::PtBr => "Português (Brasil)",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
        }
    }

    /// Reads a code as members and platforms write it: any case, `-` or `_`, with or without a
    /// region (`es-MX` is Spanish; `pt`, `pt-PT` and `pt-BR` are the Portuguese we ship).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        let base = s.split('-').next().unwrap_or("");
        match base {
            "en" | "english" => Some(Lang::En),
            "es" | "español" | "espanol" | "spanish" => Some(Lang::Es),
            "pt" | "português" | "portugues" | "portuguese" => Some(Lang::PtBr),
            "de" | "deutsch" | "german" => Some(Lang::De),
            "fr" | "français" | "francais" | "french" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The Discord locales (`Locale` in Discord's API) that name this language: slash commands
    /// carry a localization for each, and a member whose client reports one reads it.
    pub fn discord_locales(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["en-US", "en-GB"],
            Lang::Es => &["es-ES", "es-419"],
            Lang::PtBr => &["pt-BR"],
            Lang::De => &["de"],
            Lang::Fr => &["fr"],
        }
    }

    /// The language of a Discord client locale, when it is one we ship.
    pub fn from_discord(locale: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.discord_locales().contains(&locale))
    }

    /// The supported languages as a member reads them: `en (English), es (Español), …`.
    pub fn listing() -> String {
        Lang::ALL
            .iter()
            .map(|l| format!("{} ({})", l.code(), l.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_in_any_usual_spelling() {
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
            assert_eq!(Lang::parse(&l.code().to_uppercase()), Some(l));
            for d in l.discord_locales() {
                assert_eq!(Lang::from_discord(d), Some(l));
                assert_eq!(Lang::parse(d), Some(l));
            }
        }
        assert_eq!(Lang::parse("pt_br"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::parse("klingon"), None);
        assert_eq!(Lang::from_discord("ja"), None);
    }

    #[test]
    fn codes_are_stored_as_written() {
        assert_eq!(serde_json::to_string(&Lang::PtBr).unwrap(), "\"pt-BR\"");
        assert_eq!(serde_json::from_str::<Lang>("\"de\"").unwrap(), Lang::De);
    }
}
