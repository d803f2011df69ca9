//! The message files keep every language honest: each file parses, every language has exactly
//! English's messages with the same arguments, and every key the code says exists in English.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bot_core::domain::Lang;
use bot_core::i18n;
use fluent_syntax::ast;

/// Every message of a language with the variables it uses (`$name`, in every variant).
fn messages(lang: Lang) -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let mut out = BTreeMap::new();
    let mut problems = Vec::new();
    for (code, name, text) in i18n::files() {
        if *code != lang.code() {
            continue;
        }
        let res = match fluent_syntax::parser::parse(*text) {
            Ok(r) => r,
            Err((r, errors)) => {
                problems.push(format!("{code}/{name}: {errors:?}"));
                r
            }
        };
        for entry in &res.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_vars(p, &mut vars);
                    }
                    if out.insert(m.id.name.to_string(), vars).is_some() {
                        problems.push(format!("{code}/{name}: {} twice", m.id.name));
                    }
                }
                ast::Entry::Junk { content } => {
                    problems.push(format!("{code}/{name}: cannot read {content:?}"))
                }
                _ => {}
            }
        }
    }
    (out, problems)
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn every_message_file_in_the_folders_is_shipped() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let shipped: BTreeSet<(String, String)> = i18n::files()
        .iter()
        .map(|(lang, name, _)| (lang.to_string(), name.to_string()))
        .collect();
    let mut on_disk = BTreeSet::new();
    for lang in std::fs::read_dir(&root)
        .expect("bot-core/locales")
        .flatten()
    {
        let code = lang.file_name().to_string_lossy().to_string();
        assert!(
            Lang::ALL.iter().any(|l| l.code() == code),
            "locales/{code} is not a language the bot ships"
        );
        for file in std::fs::read_dir(lang.path())
            .expect("a language folder")
            .flatten()
        {
            let name = file.file_name().to_string_lossy().to_string();
            if name.ends_with(".ftl") {
                on_disk.insert((code.clone(), name));
            }
        }
    }
    assert_eq!(
        on_disk, shipped,
        "a message file must be named in bot-core/src/i18n.rs (FILES)"
    );
}

#[test]
fn every_language_has_every_message_with_the_same_arguments() {
    let (english, mut problems) = messages(Lang::En);
    assert!(english.len() > 3, "the English files are read");
    for lang in Lang::ALL.into_iter().skip(1) {
        let (theirs, p) = messages(lang);
        problems.extend(p);
        for (key, vars) in &english {
            match theirs.get(key) {
                None => problems.push(format!("{}: {key} is missing", lang.code())),
                Some(v) if v != vars => problems.push(format!(
                    "{}: {key} uses {v:?}, English uses {vars:?}",
                    lang.code()
                )),
                Some(_) => {}
            }
        }
        for key in theirs.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!("{}: {key} is not an English message", lang.code()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The keys the code names: `say!("key"` and `Say::new("key"`, in every crate of the workspace.
fn keys_in_code() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = BTreeMap::new();
    let mut dirs: Vec<_> = [
        "bot-core/src",
        "discord-adapter/src",
        "matrix-adapter/src",
        "src",
    ]
    .iter()
    .map(|d| root.join(d))
    .collect();
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            for opener in ["say!(\"", "Say::new(\""] {
                for (i, _) in text.match_indices(opener) {
                    let rest = &text[i + opener.len()..];
                    let key: String = rest.chars().take_while(|c| *c != '"').collect();
                    out.insert(key, path.display().to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_key_the_code_says_is_an_english_message() {
    let (english, _) = messages(Lang::En);
    let missing: Vec<String> = keys_in_code()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("test-") && !english.contains_key(k))
        .map(|(k, file)| format!("{k} (in {file})"))
        .collect();
    assert!(missing.is_empty(), "no English message for: {missing:?}");
}
