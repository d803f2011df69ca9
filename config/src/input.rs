//! One configured value and where it came from (file or environment), and the typed readers
//! that turn it into strings, numbers, ids and lists while recording a [`Problem`] for anything
//! that does not fit.

use crate::validate::show;
use crate::Problem;

/// The raw value: from the TOML file, or text from an environment variable.
#[derive(Debug, Clone)]
pub(crate) enum Raw<'a> {
    Toml(&'a toml::Value),
    Text(String),
}

/// A value to read, with the name reported in problems.
#[derive(Debug, Clone)]
pub(crate) struct Input<'a> {
    /// `section.key` or the environment variable name.
    pub(crate) field: String,
    pub(crate) raw: Raw<'a>,
    /// 1-based position inside a list, for list items.
    pub(crate) item: Option<usize>,
}

impl<'a> Input<'a> {
    pub(crate) fn file(field: String, value: &'a toml::Value) -> Self {
        Input {
            field,
            raw: Raw::Toml(value),
            item: None,
        }
    }

    pub(crate) fn env(var: String, value: String) -> Self {
        Input {
            field: var,
            raw: Raw::Text(value),
            item: None,
        }
    }

    pub(crate) fn is_from_env(&self) -> bool {
        matches!(self.raw, Raw::Text(_))
    }

    /// How the value is shown after "found".
    pub(crate) fn found(&self) -> String {
        match &self.raw {
            Raw::Text(text) => format!("`{}`", show(text)),
            Raw::Toml(value) => render_toml(value),
        }
    }
}

/// A TOML value as it would be written in the file (strings keep their quotes, so `"5"` and `5`
/// look different), or a description for lists and tables.
pub(crate) fn render_toml(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("`\"{}\"`", show(s)),
        toml::Value::Integer(i) => format!("`{i}`"),
        toml::Value::Float(f) => format!("`{f}`"),
        toml::Value::Boolean(b) => format!("`{b}`"),
        toml::Value::Datetime(d) => format!("the date/time `{d}`"),
        toml::Value::Array(_) => "a list".to_string(),
        toml::Value::Table(_) => "a table".to_string(),
    }
}

/// Collects problems and reads typed values.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub(crate) list: Vec<Problem>,
}

impl Problems {
    pub(crate) fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.list.push(Problem::new(field, message));
    }

    /// Records "expected …, found … (reason)" for `input`, with `found` shown as given.
    pub(crate) fn mismatch_showing(
        &mut self,
        input: &Input<'_>,
        expected: &str,
        found: &str,
        reason: Option<&str>,
    ) {
        let mut message = match input.item {
            Some(n) => format!("item {n} of the list: "),
            None => String::new(),
        };
        message.push_str(&format!("expected {expected}, found {found}"));
        if let Some(reason) = reason {
            message.push_str(&format!(" ({reason})"));
        }
        self.push(input.field.clone(), message);
    }

    /// Records "expected …, found … (reason)" for `input`.
    pub(crate) fn mismatch(&mut self, input: &Input<'_>, expected: &str, reason: Option<&str>) {
        self.mismatch_showing(input, expected, &input.found(), reason);
    }

    /// A string value.
    pub(crate) fn text(&mut self, input: &Input<'_>, expected: &str) -> Option<String> {
        match &input.raw {
            Raw::Text(text) => Some(text.clone()),
            Raw::Toml(toml::Value::String(text)) => Some(text.clone()),
            Raw::Toml(toml::Value::Integer(_) | toml::Value::Float(_)) => {
                self.mismatch(input, expected, Some("put text in double quotes"));
                None
            }
            Raw::Toml(_) => {
                self.mismatch(input, expected, None);
                None
            }
        }
    }

    /// A string value that passes `check`.
    pub(crate) fn checked_text(
        &mut self,
        input: &Input<'_>,
        expected: &str,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Option<String> {
        let text = self.text(input, expected)?;
        match check(&text) {
            Ok(()) => Some(text),
            Err(reason) => {
                self.mismatch(input, expected, Some(&reason));
                None
            }
        }
    }

    /// A whole number in `min..=max`.
    pub(crate) fn whole_number(&mut self, input: &Input<'_>, min: i64, max: i64) -> Option<i64> {
        let expected = format!("a whole number from {min} to {max}");
        let number = match &input.raw {
            Raw::Toml(toml::Value::Integer(n)) => Some(*n),
            Raw::Toml(toml::Value::String(s)) => {
                let reason = s
                    .trim()
                    .parse::<i64>()
                    .is_ok()
                    .then_some("write the number without quotes");
                self.mismatch(input, &expected, reason);
                return None;
            }
            Raw::Toml(_) => None,
            Raw::Text(text) => text.trim().parse::<i64>().ok(),
        };
        match number {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.mismatch(input, &expected, None);
                None
            }
        }
    }

    /// A Discord snowflake: a whole number above 0, given as a number or as digits in a string.
    pub(crate) fn snowflake(&mut self, input: &Input<'_>, expected: &str) -> Option<u64> {
        let id = match &input.raw {
            Raw::Toml(toml::Value::Integer(n)) => u64::try_from(*n).ok(),
            Raw::Toml(toml::Value::String(s)) => parse_snowflake(s),
            Raw::Toml(_) => None,
            Raw::Text(text) => parse_snowflake(text.trim()),
        };
        match id {
            Some(id) if id > 0 => Some(id),
            _ => {
                self.mismatch(input, expected, None);
                None
            }
        }
    }

    /// The items of a list: a TOML array, or comma-separated text from the environment (blank
    /// items skipped).
    pub(crate) fn list<'a>(&mut self, input: &Input<'a>, expected: &str) -> Option<Vec<Input<'a>>> {
        let item = |n: usize, raw: Raw<'a>| Input {
            field: input.field.clone(),
            raw,
            item: Some(n),
        };
        match &input.raw {
            Raw::Toml(toml::Value::Array(values)) => Some(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| item(i + 1, Raw::Toml(v)))
                    .collect(),
            ),
            Raw::Toml(value @ (toml::Value::Integer(_) | toml::Value::String(_))) => {
                let hint = format!(
                    "put it in square brackets: [{}]",
                    render_toml(value).trim_matches('`')
                );
                self.mismatch(input, expected, Some(&hint));
                None
            }
            Raw::Toml(_) => {
                self.mismatch(input, expected, None);
                None
            }
            Raw::Text(text) => Some(
                text.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .enumerate()
                    .map(|(i, s)| item(i + 1, Raw::Text(s.to_string())))
                    .collect(),
            ),
        }
    }
}

fn parse_snowflake(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
