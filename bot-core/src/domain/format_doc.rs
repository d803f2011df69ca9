//! A format as a TOML document (what `format export` gives and `format import` reads, every
//! problem reported at once) and the templates to start from, written in that same form.

use serde::Serialize;

use super::format::{
    echoed, parse_time_box, text_lines, Format, Part, PartEdit, PartKind, ShareTime, MAX_PARTS,
    NAME_MAX, ROLE_MAX, TITLE_MAX,
};
use super::lang::Lang;
use super::outcome::Rejection;
use super::request::{Crosstalk, RoundOrder};
use super::text::{say, Message, Say, Span, UserText};
use crate::say;

pub use super::format::DOC_MAX;

/// One template's documents, in the order of [`Lang::ALL`]: English in `bot-core/formats`, each
/// other language in its folder there (`formats/es/…`), all read by the same importer.
macro_rules! template_docs {
    ($file:literal) => {
        [
            include_str!(concat!("../../formats/", $file)),
            include_str!(concat!("../../formats/es/", $file)),
            include_str!(concat!("../../formats/pt-BR/", $file)),
            include_str!(concat!("../../formats/de/", $file)),
            include_str!(concat!("../../formats/fr/", $file)),
        ]
    };
}

/// The templates a place can start from: their word and their document per language.
pub const TEMPLATES: &[(&str, [&str; Lang::ALL.len()])] = &[
    ("open-circle", template_docs!("open-circle.toml")),
    ("twelve-step", template_docs!("twelve-step.toml")),
    ("smart", template_docs!("smart.toml")),
    ("counsellor", template_docs!("counsellor.toml")),
    ("check-in", template_docs!("check-in.toml")),
];

/// A template's document in `lang`.
fn doc_in(docs: &[&'static str; Lang::ALL.len()], lang: Lang) -> &'static str {
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    docs[i]
}

/// The template called `word`, read in `lang` (a place's language).
pub fn template(word: &str, lang: Lang) -> Option<Format> {
    let w = word.trim().to_lowercase();
    let (_, docs) = TEMPLATES.iter().find(|(t, _)| *t == w)?;
    // The templates are read by a test; one that does not read is a bug caught there.
    import(doc_in(docs, lang), lang).ok()
}

/// The template words.
pub fn template_words() -> Vec<&'static str> {
    TEMPLATES.iter().map(|(w, _)| *w).collect()
}

/// What `format` says where there is no format.
pub(crate) fn no_format_message() -> Message {
    Message::say(say!(
        "format-none",
        template = say::cmd("format use open-circle"),
        list = say::cmd("format list"),
        add = say::cmd("format add")
    ))
}

/// The refusal to edit a format that does not exist.
pub(crate) fn no_format() -> Rejection {
    Rejection::new(super::outcome::RejectionCode::NoAgenda, no_format_message())
}

/// `format export`: the document, with how to use it.
pub(crate) fn export_message(format: &Format) -> Message {
    let mut m = Message::say(say!("format-export", import = say::cmd("format import")));
    m.blocks.push(super::text::Block::Code(export(format)));
    m
}

/// What `format import` says about a document it cannot read: every problem, and that nothing
/// changed.
pub(crate) fn import_refused(problems: Vec<Span>) -> Rejection {
    let head = Message::say(say!("format-import-refused", problems = problems.len()));
    Rejection::new(
        super::outcome::RejectionCode::InvalidSetting,
        head.then_list(problems.into_iter().map(|p| vec![p]).collect()),
    )
}

/// The templates, as `format list` says them, in `lang` (the place's language).
pub(crate) fn list_message(lang: Lang) -> Message {
    let items = TEMPLATES
        .iter()
        .filter_map(|(word, docs)| {
            let f = import(doc_in(docs, lang), lang).ok()?;
            Some(vec![
                say::cmd(format!("format use {word}")),
                say::t(" — "),
                say::user(&f.name),
                say::t(format!(
                    ": {}",
                    f.parts
                        .iter()
                        .map(|p| p.title.as_str().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ])
        })
        .collect();
    Message::say(say!("format-templates")).then_list(items)
}

/// "Added part 3: Moment of silence — silence, 30 seconds." `verb` is `added`, `moved` or
/// `changed`.
pub(crate) fn part_said(verb: &'static str, format: &Format, index: usize) -> Message {
    let Some(p) = format.parts.get(index) else {
        return Message::say(say!("format-part-done", verb = verb));
    };
    let mut l = vec![
        say!(
            "format-part-said",
            verb = verb,
            number = index + 1,
            title = say::user(&p.title)
        ),
        say::t(" — "),
    ];
    l.extend(p.describe());
    l.extend(p.text_size());
    l.push(say::t("."));
    Message::line(l)
}

const TOP_KEYS: &[&str] = &["name", "part"];
const PART_KEYS: &[&str] = &[
    "kind",
    "title",
    "time",
    "text",
    "order",
    "crosstalk",
    "role",
];

/// Reads a format document. Every problem is reported (in the bot's words), each naming where
/// it is. What the document leaves out (a name, a part's title) is given in `lang`.
pub fn import(doc: &str, lang: Lang) -> Result<Format, Vec<Span>> {
    if doc.len() > DOC_MAX {
        return Err(vec![say!(
            "format-doc-too-long",
            bytes = doc.len(),
            max = DOC_MAX
        )]);
    }
    let table: toml::Table = match doc.parse() {
        Ok(t) => t,
        Err(e) => {
            let line = e
                .span()
                .map(|s| doc[..s.start.min(doc.len())].lines().count().max(1));
            // The TOML reader's own explanation, in English, is shown as it is.
            let why = say::t(e.message().trim().to_string());
            let export = say::cmd("format export");
            return Err(vec![match line {
                Some(line) => say!(
                    "format-doc-not-toml-at",
                    line = line,
                    why = why,
                    export = export
                ),
                None => say!("format-doc-not-toml", why = why, export = export),
            }]);
        }
    };
    let mut problems = Vec::new();
    for key in table.keys() {
        if !TOP_KEYS.contains(&key.as_str()) {
            problems.push(unknown_key(key, TOP_KEYS, "top"));
        }
    }
    let name = match table.get("name") {
        None => {
            let name = crate::i18n::text(lang, &Say::new("format-unnamed", vec![]));
            UserText::new(&name, NAME_MAX)
                .or_else(|_| UserText::new("?", NAME_MAX))
                .expect("fits")
        }
        Some(toml::Value::String(s)) => match UserText::new(s, NAME_MAX) {
            Ok(n) => n,
            Err(_) => {
                problems.push(say!("format-doc-name-length", max = NAME_MAX));
                UserText::new("?", 1).expect("fits")
            }
        },
        Some(_) => {
            problems.push(say!("format-doc-name-text"));
            UserText::new("?", 1).expect("fits")
        }
    };
    let raw_parts: &[toml::Value] = match table.get("part") {
        Some(toml::Value::Array(a)) => a,
        Some(_) => {
            problems.push(say!("format-doc-parts-tables"));
            &[]
        }
        None => &[],
    };
    if raw_parts.is_empty() && problems.is_empty() {
        problems.push(say!("format-doc-no-parts"));
    }
    if raw_parts.len() > MAX_PARTS {
        problems.push(say!(
            "format-doc-too-many-parts",
            parts = raw_parts.len(),
            max = MAX_PARTS
        ));
    }
    let mut parts = Vec::new();
    for (i, raw) in raw_parts.iter().enumerate() {
        match read_part(raw, lang) {
            Ok(p) => parts.push(p),
            Err(ps) => problems.extend(
                ps.into_iter()
                    .map(|p| say!("format-doc-in-part", number = i + 1, problem = p)),
            ),
        }
    }
    if problems.is_empty() {
        Ok(Format { name, parts })
    } else {
        Err(problems)
    }
}

/// A key nobody knows, `where_` (`top` or `part`), with the nearest known key if one is close.
fn unknown_key(key: &str, known: &[&str], where_: &'static str) -> Span {
    let close = known
        .iter()
        .map(|k| (strsim::osa_distance(k, key), *k))
        .min()
        .filter(|(d, _)| *d <= 2)
        .map(|(_, k)| k);
    say!(
        "format-doc-unknown-key",
        key = echoed(key),
        at = where_,
        close = close.is_some(),
        suggest = say::t(close.unwrap_or_default()),
        keys = say::t(
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    )
}

fn read_part(raw: &toml::Value, lang: Lang) -> Result<Part, Vec<Span>> {
    let Some(t) = raw.as_table() else {
        return Err(vec![say!("format-doc-part-table")]);
    };
    let mut problems = Vec::new();
    for key in t.keys() {
        if !PART_KEYS.contains(&key.as_str()) {
            problems.push(unknown_key(key, PART_KEYS, "part"));
        }
    }
    let text_of = |key: &str, problems: &mut Vec<Span>| match t.get(key) {
        None => None,
        Some(toml::Value::String(s)) => Some(s.clone()),
        Some(_) => {
            problems.push(say!("format-doc-not-text", key = say::t(key)));
            None
        }
    };
    let kind = match text_of("kind", &mut problems) {
        None if !t.contains_key("kind") => {
            problems.push(say!(
                "format-doc-no-kind",
                kinds = say::t(PartKind::WORDS.join(", "))
            ));
            None
        }
        None => None,
        Some(k) => match PartKind::from_word(&k) {
            Some(kind) => Some(kind),
            None => {
                problems.push(super::format::unknown_kind(&k));
                None
            }
        },
    };
    let title = text_of("title", &mut problems);
    let time = text_of("time", &mut problems);
    let text = text_of("text", &mut problems);
    let order = text_of("order", &mut problems);
    let crosstalk = text_of("crosstalk", &mut problems);
    let role = text_of("role", &mut problems);
    let Some(kind) = kind else {
        return Err(problems);
    };
    let mut part = Part::new(kind, lang);
    let mut edits = Vec::new();
    if let Some(raw) = title {
        match UserText::new(&raw, TITLE_MAX) {
            Ok(t) => edits.push(PartEdit::Title(t)),
            Err(_) => problems.push(say!("format-doc-title-length", max = TITLE_MAX)),
        }
    }
    if let Some(raw) = time {
        match parse_time_box(&raw) {
            Ok(tb) => edits.push(PartEdit::Time(tb)),
            Err(e) => problems.push(say!("format-doc-field", key = say::t("time"), why = e)),
        }
    }
    if let Some(raw) = text {
        match text_lines(&raw) {
            Ok(lines) => edits.push(PartEdit::Text(lines)),
            Err(e) => problems.push(say!("format-doc-field", key = say::t("text"), why = e)),
        }
    }
    if let Some(raw) = order {
        match raw.trim().to_lowercase().as_str() {
            "checkin" | "check-in" => edits.push(PartEdit::Order(RoundOrder::Checkin)),
            "queue" => edits.push(PartEdit::Order(RoundOrder::Queue)),
            "shuffle" => edits.push(PartEdit::Order(RoundOrder::Shuffle)),
            _ => problems.push(say!(
                "format-doc-not-one-of",
                key = say::t("order"),
                value = echoed(&raw),
                options = say::t("`checkin`, `queue`, `shuffle`")
            )),
        }
    }
    if let Some(raw) = crosstalk {
        match raw.trim().to_lowercase().as_str() {
            "none" => edits.push(PartEdit::Crosstalk(Crosstalk::None)),
            "discussion" => edits.push(PartEdit::Crosstalk(Crosstalk::Discussion)),
            "open" => edits.push(PartEdit::Crosstalk(Crosstalk::Open)),
            _ => problems.push(say!(
                "format-doc-not-one-of",
                key = say::t("crosstalk"),
                value = echoed(&raw),
                options = say::t("`none`, `discussion`, `open`")
            )),
        }
    }
    if let Some(raw) = role {
        let w = raw.trim().to_lowercase();
        if w.is_empty() || w.chars().count() > ROLE_MAX || w.contains(' ') {
            problems.push(say!("format-doc-role-word"));
        } else {
            edits.push(PartEdit::Role(w));
        }
    }
    for e in edits {
        if let Err(why) = part.edit(e) {
            problems.push(why);
        }
    }
    if problems.is_empty() {
        Ok(part)
    } else {
        Err(problems)
    }
}

#[derive(Serialize)]
struct Doc {
    name: String,
    part: Vec<DocPart>,
}

#[derive(Serialize)]
struct DocPart {
    kind: &'static str,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    crosstalk: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

/// The format as a document `import` reads back to the same format.
pub fn export(format: &Format) -> String {
    let doc = Doc {
        name: format.name.as_str().to_string(),
        part: format
            .parts
            .iter()
            .map(|p| DocPart {
                kind: p.kind.word(),
                title: p.title.as_str().to_string(),
                time: match (p.kind, p.share, p.time) {
                    (PartKind::Share, Some(ShareTime::UntilClosing), _) => {
                        Some("until-closing".into())
                    }
                    (PartKind::Share, Some(ShareTime::Each(d)), _) => Some(d.compact()),
                    (PartKind::Share, None, _) => None,
                    (_, _, t) => t.map(|d| d.compact()),
                },
                order: p.order.map(RoundOrder::as_str),
                crosstalk: p.crosstalk.map(Crosstalk::as_str),
                role: p.role.clone(),
                text: (!p.text.is_empty()).then(|| {
                    p.text
                        .iter()
                        .map(UserText::as_str)
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
            })
            .collect(),
    };
    toml::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A problem as an English reader sees it.
    fn english(problem: &Span) -> String {
        let m = Message::line(vec![problem.clone()]);
        crate::render::plain(&crate::i18n::localize(&m, Lang::En))
    }

    #[test]
    fn the_template_words_are_the_templates() {
        use crate::domain::format::TEMPLATE_WORDS;
        assert_eq!(template_words(), TEMPLATE_WORDS);
    }

    #[test]
    fn every_template_reads_and_comes_back_the_same_through_export() {
        for (word, docs) in TEMPLATES {
            for lang in Lang::ALL {
                let doc = doc_in(docs, lang);
                let f = import(doc, lang).unwrap_or_else(|e| panic!("{word} {lang:?}: {e:?}"));
                assert!(!f.parts.is_empty(), "{word}");
                assert_eq!(
                    f.parts.last().map(|p| p.kind),
                    Some(PartKind::Closing),
                    "{word} ends with a closing"
                );
                let again =
                    import(&export(&f), lang).unwrap_or_else(|e| panic!("{word} {lang:?}: {e:?}"));
                assert_eq!(again, f, "{word} {lang:?}");
            }
        }
    }

    #[test]
    fn every_language_has_the_same_meeting_in_its_templates() {
        // Only the words differ: the parts, their times, orders and policies are the same.
        let shape = |f: &Format| -> Vec<String> {
            f.parts
                .iter()
                .map(|p| {
                    let mut p = p.clone();
                    p.title = UserText::new("x", 1).expect("fits");
                    p.text = p.text.iter().map(|_| p.title.clone()).take(1).collect();
                    format!("{p:?}")
                })
                .collect()
        };
        for (word, docs) in TEMPLATES {
            let english = template(word, Lang::En).expect("reads");
            for lang in Lang::ALL {
                let theirs = template(word, lang).expect("reads");
                assert_eq!(shape(&theirs), shape(&english), "{word} {lang:?}");
                if lang != Lang::En {
                    assert_ne!(
                        doc_in(docs, lang),
                        doc_in(docs, Lang::En),
                        "{word} {lang:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_import_reports_every_problem_at_once_with_where_it_is() {
        let doc = r#"
name = "Ours"
colour = "blue"

[[part]]
kind = "welcome"

[[part]]
kind = "silence"
time = "0s"

[[part]]
kind = "reading"
titel = "Preamble"

[[part]]
kind = "text"
order = "queue"
"#;
        let problems = import(doc, Lang::En).unwrap_err();
        let all = problems.iter().map(english).collect::<Vec<_>>().join("\n");
        assert_eq!(problems.len(), 5, "{all}");
        assert!(all.contains("“colour” is not a key at the top"), "{all}");
        assert!(
            all.contains("part 1: “welcome” is not a kind of part"),
            "{all}"
        );
        assert!(
            all.contains("part 2: `time`: a time box must be at least 10 seconds"),
            "{all}"
        );
        assert!(all.contains("(did you mean `title`?)"), "{all}");
        assert!(
            all.contains("part 4: only a share part has an order"),
            "{all}"
        );
    }

    #[test]
    fn an_import_that_is_not_toml_or_has_no_parts_says_so() {
        let e = import("name = \"x\"\n[[part]\nkind=", Lang::En).unwrap_err();
        assert!(
            english(&e[0]).starts_with("line 2: this is not TOML"),
            "{e:?}"
        );
        let e = import("name = \"x\"", Lang::En).unwrap_err();
        assert_eq!(
            e.iter().map(english).collect::<Vec<_>>(),
            ["the format has no parts: add at least one `[[part]]` with a `kind`"]
        );
    }
}
