//! Loading: reads the file, parses its TOML (every syntax error with its line), checks its
//! structure against the serde structs of [`crate::file`] (unknown sections and keys with a
//! suggestion, secrets written in the file, sections that are not tables), then deserializes it
//! and hands it to the builder.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use crate::build::Builder;
use crate::env::{
    SECRET_DISCORD_TOKEN, SECRET_DISCORD_TOKEN_FALLBACK, SECRET_MATRIX_ACCESS_TOKEN,
    SECRET_MATRIX_PASSWORD,
};
use crate::file::{keys_of, section_names, section_with_key, FileSections};
use crate::input::{render_toml, Problems};
use crate::suggest::closest;
use crate::validate::show;
use crate::{Config, ConfigError, Problem};

/// [`crate::Config::load`].
pub(crate) fn load(
    path: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let Some(path) = path else {
        return load_text("", "config", env);
    };
    let field = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![Problem::new(field, "file not found")].into())
        }
        Err(e) => {
            return Err(vec![Problem::new(field, format!("could not read the file: {e}"))].into())
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => load_text(&text, &field, env),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = 1 + valid.iter().filter(|b| **b == b'\n').count();
            Err(vec![Problem::new(
                field,
                format!("the file is not plain UTF-8 text (line {line}); save it as UTF-8"),
            )]
            .into())
        }
    }
}

/// [`crate::Config::load_from_str`]; `source` names the file in syntax problems.
pub(crate) fn load_text(
    text: &str,
    source: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut root = parse_toml(text, source)?;
    let mut structure = Structure::default();
    structure.check(&mut root);
    let present: BTreeSet<String> = root.keys().cloned().collect();
    let file = match FileSections::deserialize(toml::Value::Table(root)) {
        Ok(file) => file,
        // The structure check removed whatever the structs refuse; should they still refuse
        // something, it is reported rather than ignored.
        Err(e) => {
            structure
                .problems
                .push(source, e.message().trim().to_string());
            FileSections::default()
        }
    };
    Builder {
        env,
        file: &file,
        present: &present,
        secret_sections: &structure.secret_sections,
        problems: structure.problems,
    }
    .build()
}

/// Parses the document; on syntax errors reports each one (the first per line) with its line
/// and column.
fn parse_toml(text: &str, source: &str) -> Result<toml::Table, ConfigError> {
    let (_, errors) = toml::de::DeTable::parse_recoverable(text);
    let errors = if errors.is_empty() {
        match text.parse::<toml::Table>() {
            Ok(table) => return Ok(table),
            Err(e) => vec![e],
        }
    } else {
        errors
    };
    let mut located: Vec<(usize, usize, String)> = errors
        .iter()
        .map(|e| {
            let (line, column) = line_column(text, e.span().map_or(0, |s| s.start));
            (line, column, e.message().trim().to_string())
        })
        .collect();
    located.sort_by_key(|(line, column, _)| (*line, *column));
    located.dedup_by_key(|(line, _, _)| *line);
    Err(located
        .into_iter()
        .map(|(line, column, message)| {
            Problem::new(
                source,
                format!("syntax error at line {line}, column {column}: {message}"),
            )
        })
        .collect::<Vec<_>>()
        .into())
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[line_start..].chars().count())
}

/// Whether a key looks like it holds a secret.
fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("token") || key.contains("password") || key == "pass" || key == "passwd"
}

/// Message for a secret written in the file: which environment variable to use instead.
fn secret_message(section: Option<&str>, key: &str) -> String {
    let key = key.to_ascii_lowercase();
    let section = section.unwrap_or_else(|| {
        if key.contains("discord") {
            "discord"
        } else if key.contains("matrix") {
            "matrix"
        } else {
            ""
        }
    });
    let variable = match section {
        "discord" => format!("{SECRET_DISCORD_TOKEN} (or {SECRET_DISCORD_TOKEN_FALLBACK})"),
        "matrix" if key.contains("pass") => SECRET_MATRIX_PASSWORD.to_string(),
        "matrix" => SECRET_MATRIX_ACCESS_TOKEN.to_string(),
        "database" => {
            return "secrets must not be written in the config file; delete this line and put \
                    the whole database address, password included, in the environment variable \
                    SHARECIRCLE_DATABASE_URL instead"
                .to_string()
        }
        _ => format!(
            "{SECRET_DISCORD_TOKEN} for Discord, or {SECRET_MATRIX_PASSWORD} / \
             {SECRET_MATRIX_ACCESS_TOKEN} for Matrix"
        ),
    };
    format!(
        "secrets must not be written in the config file; delete this line and set the \
         environment variable {variable} instead"
    )
}

fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// The structure check: what it found, and which sections hold a secret (already reported, so
/// a missing secret in the environment is not reported again).
#[derive(Default)]
struct Structure {
    problems: Problems,
    secret_sections: BTreeSet<String>,
}

impl Structure {
    /// Reports unknown sections and keys, secrets in the file and sections that are not tables,
    /// and removes them from `root`, leaving what the structs of [`crate::file`] accept.
    fn check(&mut self, root: &mut toml::Table) {
        root.retain(|name, value| self.keep_section(name, value));
    }

    fn keep_section(&mut self, name: &str, value: &mut toml::Value) -> bool {
        if let Some(keys) = keys_of(name) {
            match value {
                toml::Value::Table(table) => {
                    table.retain(|key, _| self.keep_key(name, keys, key));
                    return true;
                }
                other => self.problems.push(
                    name,
                    format!(
                        "expected a section `[{name}]` with its settings on the lines below \
                         it, found {}",
                        render_toml(other)
                    ),
                ),
            }
        } else if is_secret_key(name) {
            self.problems.push(name, secret_message(None, name));
        } else if let Some(section) = section_with_key(name).filter(|_| !value.is_table()) {
            self.problems.push(
                name,
                format!(
                    "`{}` must be inside a section: put it under [{section}]",
                    show(name)
                ),
            );
        } else {
            let sections = section_names();
            self.problems.push(
                name,
                format!(
                    "unknown section `[{}]`; expected one of: {}{}",
                    show(name),
                    sections.join(", "),
                    did_you_mean(name, &sections)
                ),
            );
        }
        false
    }

    fn keep_key(&mut self, section: &str, keys: &[&str], key: &str) -> bool {
        if keys.contains(&key) {
            return true;
        }
        let field = format!("{section}.{key}");
        if is_secret_key(key) {
            self.problems
                .push(field, secret_message(Some(section), key));
            self.secret_sections.insert(section.to_string());
            return false;
        }
        let mut message = format!(
            "unknown field `{}` in [{section}]; expected one of: {}",
            show(key),
            keys.join(", ")
        );
        match closest(key, keys) {
            Some(suggestion) => message.push_str(&format!("; did you mean `{suggestion}`?")),
            None => {
                if let Some(other) = section_with_key(key) {
                    message.push_str(&format!(" (`{key}` belongs under [{other}])"));
                }
            }
        }
        self.problems.push(field, message);
        false
    }
}
