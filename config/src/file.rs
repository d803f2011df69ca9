//! The config file's shape as serde structs: one struct per section, unknown sections and keys
//! refused, each setting kept as its raw TOML value (the builder checks and types it, so that
//! every problem is reported with its field). The names of sections and keys are read from these
//! structs through serde ([`SCHEMA`]), so no list repeats them.

use std::sync::LazyLock;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A setting as written in the file, before it is checked.
type Setting = Option<toml::Value>;

/// The whole file. A platform section that is present (even empty) enables that platform.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct FileSections {
    pub(crate) bot: BotSection,
    pub(crate) database: DatabaseSection,
    pub(crate) log: LogSection,
    pub(crate) metrics: MetricsSection,
    pub(crate) discord: DiscordSection,
    pub(crate) matrix: MatrixSection,
}

/// `[bot]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BotSection {
    pub(crate) prefix: Setting,
    pub(crate) data_dir: Setting,
}

/// `[database]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DatabaseSection {
    pub(crate) url: Setting,
    pub(crate) max_connections: Setting,
    pub(crate) lease: Setting,
}

/// `[log]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LogSection {
    pub(crate) level: Setting,
    pub(crate) format: Setting,
}

/// `[metrics]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MetricsSection {
    pub(crate) listen: Setting,
}

/// `[discord]` (its token comes only from the environment).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DiscordSection {
    pub(crate) application_id: Setting,
    pub(crate) guild_ids: Setting,
    pub(crate) admin_role: Setting,
    pub(crate) shards: Setting,
}

/// `[matrix]` (its password or access token comes only from the environment).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MatrixSection {
    pub(crate) homeserver: Setting,
    pub(crate) user: Setting,
    pub(crate) data_dir: Setting,
    pub(crate) allowed_inviters: Setting,
    pub(crate) admin_power_level: Setting,
    pub(crate) host_power_level: Setting,
}

/// Every section of [`FileSections`] with its keys, in declaration order.
pub(crate) static SCHEMA: LazyLock<Vec<(&'static str, &'static [&'static str])>> =
    LazyLock::new(sections_of::<FileSections>);

/// The keys of `[section]`, or `None` for an unknown section.
pub(crate) fn keys_of(section: &str) -> Option<&'static [&'static str]> {
    SCHEMA
        .iter()
        .find(|(name, _)| *name == section)
        .map(|(_, keys)| *keys)
}

/// The first section that has a key named `key`.
pub(crate) fn section_with_key(key: &str) -> Option<&'static str> {
    SCHEMA
        .iter()
        .find(|(_, keys)| keys.contains(&key))
        .map(|(name, _)| *name)
}

/// The names of all sections.
pub(crate) fn section_names() -> Vec<&'static str> {
    SCHEMA.iter().map(|(name, _)| *name).collect()
}

/// The sections of `T` (a struct of structs) and the keys of each, as serde's derived code
/// declares them: `T` is deserialized from a stand-in that records the field names serde asks
/// for and answers every setting with "absent".
fn sections_of<T: de::DeserializeOwned>() -> Vec<(&'static str, &'static [&'static str])> {
    let mut found = Vec::new();
    T::deserialize(Names {
        section: None,
        found: &mut found,
    })
    .expect("the file's sections are structs of optional settings");
    found
}

type Found = Vec<(&'static str, &'static [&'static str])>;

/// The stand-in for the whole file (`section: None`) or for one section.
struct Names<'a> {
    section: Option<&'static str>,
    found: &'a mut Found,
}

impl<'de> Deserializer<'de> for Names<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("sections must be structs"))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if let Some(section) = self.section {
            self.found.push((section, fields));
        }
        visitor.visit_map(Fields {
            fields,
            next: 0,
            section: self.section,
            found: self.found,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// Hands every field of a struct to its deserializer once, in order.
struct Fields<'a> {
    fields: &'static [&'static str],
    next: usize,
    section: Option<&'static str>,
    found: &'a mut Found,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = de::value::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        self.fields
            .get(self.next)
            .map(|name| seed.deserialize(IntoDeserializer::<Self::Error>::into_deserializer(*name)))
            .transpose()
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let name = self.fields[self.next];
        self.next += 1;
        match self.section {
            None => seed.deserialize(Names {
                section: Some(name),
                found: self.found,
            }),
            Some(_) => seed.deserialize(Absent),
        }
    }
}

/// A setting that is not there.
struct Absent;

impl<'de> Deserializer<'de> for Absent {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names users type; a renamed struct field would change the file format.
    #[test]
    fn schema_comes_from_the_structs() {
        assert_eq!(
            *SCHEMA,
            [
                ("bot", &["prefix", "data_dir"][..]),
                ("database", &["url", "max_connections", "lease"]),
                ("log", &["level", "format"]),
                ("metrics", &["listen"]),
                (
                    "discord",
                    &["application_id", "guild_ids", "admin_role", "shards"]
                ),
                (
                    "matrix",
                    &[
                        "homeserver",
                        "user",
                        "data_dir",
                        "allowed_inviters",
                        "admin_power_level",
                        "host_power_level",
                    ]
                ),
            ]
        );
        assert_eq!(keys_of("log"), Some(&["level", "format"][..]));
        assert_eq!(keys_of("logs"), None);
        assert_eq!(section_with_key("data_dir"), Some("bot"));
        assert_eq!(section_with_key("lease"), Some("database"));
    }

    #[test]
    fn unknown_keys_are_refused_by_the_structs() {
        let table: toml::Table = "[bot]\nprefx = \"?\"\n".parse().unwrap();
        assert!(FileSections::deserialize(toml::Value::Table(table)).is_err());
        let table: toml::Table = "[bot]\nprefix = 1\n[matrix]\n".parse().unwrap();
        let file = FileSections::deserialize(toml::Value::Table(table)).unwrap();
        assert_eq!(file.bot.prefix, Some(toml::Value::Integer(1)));
    }
}
