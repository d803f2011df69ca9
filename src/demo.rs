//! The built-in demo: a scripted meeting on a virtual clock, for someone with no Discord or
//! Matrix account yet.

use bot_core::domain::Lang;

/// A meeting walked through a format: the agenda, check-ins, a share round that divides the time
/// until the closing (warnings, a pass that gives the others more time, an extend) and the
/// closing. `{…}` are the members' own words, in the demo's language (see [`script`]).
pub const DEMO_SCRIPT: &str = "\
# Ada, an admin, gives the meeting a format; Robin chairs; four members come.
# Lines without `!` are conversation: the bot ignores them.
#role Ada admin
#role Robin host
{language}Ada: !format use open-circle
Robin: !open {name}
Ana: !checkin {hopeful}
Ben: !checkin {tired}
Chidi: !checkin listen
Dee: !checkin {grateful}
Robin: {welcome}
Robin: !agenda end 19:20
Robin: !agenda next
Robin: !agenda next
# Ben would rather not share today; only \"passed\" is ever said about it, and the others get
# his time.
Ben: !pass
+4m
+1m
+10s
Robin: !extend 1m
+3m
Dee: !done
Ana: !crisis
+2m
";

/// The members' own words in the demo, per language: the session's name, three check-in words
/// and the chair's greeting.
fn members_words(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::En => [
            "Tuesday evening circle",
            "hopeful",
            "tired",
            "grateful",
            "Welcome, everyone. We end at twenty past seven tonight.",
        ],
        Lang::Es => [
            "Círculo del martes por la tarde",
            "esperanzada",
            "cansado",
            "agradecida",
            "Bienvenidos, bienvenidas. Hoy terminamos a las siete y veinte.",
        ],
        Lang::PtBr => [
            "Roda de terça à noite",
            "esperançosa",
            "cansado",
            "grata",
            "Sejam bem-vindos. Hoje terminamos às sete e vinte.",
        ],
        Lang::De => [
            "Dienstagabendkreis",
            "hoffnungsvoll",
            "müde",
            "dankbar",
            "Willkommen, alle zusammen. Wir schließen heute um zwanzig nach sieben.",
        ],
        Lang::Fr => [
            "Cercle du mardi soir",
            "pleine d’espoir",
            "fatigué",
            "reconnaissante",
            "Bienvenue à toutes et à tous. Nous terminons ce soir à sept heures vingt.",
        ],
    }
}

/// The demo's script in `lang`: the admin sets the meeting's language first (unless English),
/// and the members speak it.
pub fn script(lang: Lang) -> String {
    let [name, hopeful, tired, grateful, welcome] = members_words(lang);
    let language = match lang {
        Lang::En => String::new(),
        other => format!("Ada: !settings language {}\n", other.code()),
    };
    DEMO_SCRIPT
        .replace("{language}", &language)
        .replace("{name}", name)
        .replace("{hopeful}", hopeful)
        .replace("{tired}", tired)
        .replace("{grateful}", grateful)
        .replace("{welcome}", welcome)
}

/// Runs the demo in `lang` and returns its transcript.
pub async fn run(json: bool, lang: Lang) -> String {
    crate::console::run_script(&script(lang), json).await
}
