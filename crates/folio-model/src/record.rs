//! The record: one article, one JSON object per line.
//!
//! Known fields are typed; every other key is kept in `extra`, in its order, so that each tool
//! passes through what it does not know. Optional fields that are unknown are omitted, never null.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::RecordError;

/// Version of the record layout. A record whose `stages` name a newer format is refused
/// loudly rather than mis-read (see docs/model.md, "Versioning").
pub const RECORD_FORMAT: u32 = 1;

/// One article. See docs/model.md for every field with examples.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Record {
    /// Stable identifier: from the URL when there is one, else from the source path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Address of the article on the web.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where the record came from: folio's own object, or another tool's value kept as it
    /// came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Lead image URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Publication instant, RFC 3339 with offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime<FixedOffset>>,
    /// The text the date was read from, verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_raw: Option<String>,
    /// The title the article was first published under (原标题：…), when the body names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_title: Option<String>,
    /// Every front-matter or page-meta key, verbatim and in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Map<String, Value>>,
    /// Body HTML as parsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The cleaned article as typed blocks (present once folio-clean has run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Vec<Block>>,
    /// Plain text of the article, paragraphs separated by one blank line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<Credits>,
    /// ISO 639-1 language code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// What folio-clean removed and why (only with `folio-clean --explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<Removal>>,
    /// Which tools, at which version, have processed the record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    /// Keys no folio tool knows, kept verbatim and in order.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A record's `source`. Other corpus tools use the key for something else (dolma writes
/// `"source": "common-crawl"`), so a value that is not folio's object is kept verbatim rather
/// than refused: `source` is never a reason to reject a record.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum SourceField {
    /// Folio's own: an object whose keys are all among `path`, `kind`, `format`,
    /// `front_matter`, `site` and `encoding`, and whose values are all strings.
    Folio(Source),
    /// Anything else: a string, a number, a list, an object with a key folio's source does
    /// not have or a value that is not a string. Written back as it was read, in `source`'s
    /// place.
    Foreign(Value),
}

/// The keys of folio's own `source` object.
const SOURCE_KEYS: &[&str] = &["path", "kind", "format", "front_matter", "site", "encoding"];

impl SourceField {
    /// Tells folio's `source` from another tool's (see [`SourceField`]). A null value under
    /// one of folio's keys counts as absent, as for every known field.
    pub fn from_value(value: Value) -> SourceField {
        let folio = match &value {
            Value::Object(map) => map.iter().all(|(key, value)| {
                SOURCE_KEYS.contains(&key.as_str()) && (value.is_string() || value.is_null())
            }),
            _ => false,
        };
        let Value::Object(mut map) = value else {
            return SourceField::Foreign(value);
        };
        if !folio {
            return SourceField::Foreign(Value::Object(map));
        }
        let mut take = |key: &str| match map.remove(key) {
            Some(Value::String(text)) => Some(text),
            _ => None,
        };
        SourceField::Folio(Source {
            path: take("path"),
            kind: take("kind"),
            format: take("format"),
            front_matter: take("front_matter"),
            site: take("site"),
            encoding: take("encoding"),
        })
    }

    /// Folio's own source, `None` for another tool's.
    pub fn folio(&self) -> Option<&Source> {
        match self {
            SourceField::Folio(source) => Some(source),
            SourceField::Foreign(_) => None,
        }
    }

    /// As [`SourceField::folio`], to change it.
    pub fn folio_mut(&mut self) -> Option<&mut Source> {
        match self {
            SourceField::Folio(source) => Some(source),
            SourceField::Foreign(_) => None,
        }
    }
}

impl From<Source> for SourceField {
    fn from(source: Source) -> Self {
        SourceField::Folio(source)
    }
}

impl<'de> Deserialize<'de> for SourceField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(SourceField::from_value)
    }
}

/// Where a record came from, as folio-parse writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Source {
    /// The file the record was read from, as found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `post` (front matter + body) or `page` (a whole web page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The body's original form: `html` or `markdown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The front matter's language: `yaml`, `toml` or `json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub front_matter: Option<String>,
    /// Host name of the site the article comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Character encoding the bytes were decoded from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// One typed piece of the cleaned article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading {
        /// 1 to 6.
        level: u8,
        text: String,
    },
    Paragraph {
        inlines: Vec<Inline>,
    },
    Image {
        src: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        alt: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    List {
        ordered: bool,
        /// One run list per item.
        items: Vec<Vec<Inline>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Table {
        /// Cell text, row by row.
        rows: Vec<Vec<String>>,
        /// Whether the first row is a header row.
        #[serde(default, skip_serializing_if = "is_false")]
        header: bool,
    },
    Code {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
    },
    Rule,
}

/// A flat run of text with its marks. A `\n` inside `text` is a hard line break.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Inline {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub strong: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub em: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub code: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Inline {
            text: text.into(),
            ..Inline::default()
        }
    }
}

/// People and sources credited by the article, moved out of its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Credits {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photographer: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporter: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub correspondent: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proofreader: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewer: Vec<String>,
}

impl Credits {
    pub fn is_empty(&self) -> bool {
        self == &Credits::default()
    }
}

/// One piece folio-clean removed, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Removal {
    /// The rule that removed it.
    pub rule: String,
    /// Its text, cut short.
    pub text: String,
}

/// One tool that processed the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Stage {
    pub tool: String,
    pub version: String,
    /// The record format the tool wrote.
    pub format: u32,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Record {
    /// Whether the record holds an article as folio-clean leaves it (`text` or `blocks`),
    /// rather than only the `html` it was parsed with.
    pub fn is_cleaned(&self) -> bool {
        self.text.is_some() || self.blocks.is_some()
    }

    /// Note that `tool` has processed the record. A tool already listed is updated in place,
    /// so running a stage twice leaves one entry.
    pub fn mark_stage(&mut self, tool: &str, version: &str) {
        let stage = Stage {
            tool: tool.to_owned(),
            version: version.to_owned(),
            format: RECORD_FORMAT,
        };
        match self.stages.iter_mut().find(|s| s.tool == tool) {
            Some(existing) => *existing = stage,
            None => self.stages.push(stage),
        }
    }

    /// Folio's own `source`: `None` when there is none, or it is another tool's.
    pub fn folio_source(&self) -> Option<&Source> {
        self.source.as_ref().and_then(SourceField::folio)
    }

    /// The host name `source.site` gives. Another tool's `source` names none: dolma's
    /// `"common-crawl"` is a collection, not a host.
    pub fn site(&self) -> Option<&str> {
        self.folio_source().and_then(|s| s.site.as_deref())
    }

    /// The record as a JSON object (for field paths and templates).
    pub fn to_value(&self) -> Value {
        // Serialising plain data into a Value cannot fail: every key is a string.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

const KNOWN: &[&str] = &[
    "id",
    "url",
    "source",
    "title",
    "author",
    "categories",
    "tags",
    "image",
    "summary",
    "date",
    "date_raw",
    "original_title",
    "meta",
    "html",
    "blocks",
    "text",
    "credits",
    "lang",
    "removed",
    "stages",
];

/// Whether `key` is a field folio itself defines.
pub fn is_known(key: &str) -> bool {
    KNOWN.contains(&key)
}

/// Reads a record straight from the JSON text, field by field (no intermediate `Value`), so
/// that a wrong field is named along with the value found and the form expected.
///
/// The details of a failure that is not broken JSON are left in `error` as a [`RecordError`].
pub(crate) struct RecordSeed<'a, 'de> {
    pub error: &'a mut Option<RecordError>,
    /// When given, receives the `html` member's JSON text as the input wrote it.
    pub html_json: Option<&'a mut Option<&'de str>>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, 'de> {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Record, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl RecordSeed<'_, '_> {
    fn fail<E: de::Error>(self, error: RecordError) -> E {
        let message = error.to_string();
        *self.error = Some(error);
        E::custom(message)
    }

    fn not_an_object<E: de::Error>(self, found: &'static str) -> Result<Record, E> {
        Err(self.fail(RecordError::NotAnObject { found }))
    }
}

/// Reads one known field's value, naming the field when it has the wrong form.
fn field<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
    error: &mut Option<RecordError>,
) -> Result<Option<T>, A::Error> {
    // A null known field counts as absent: omitted and null mean the same to readers.
    // The error itself goes on unchanged, so that the caller can tell a value of the wrong
    // form (the detail applies) from broken JSON (it does not).
    map.next_value::<Option<T>>().inspect_err(|err| {
        *error = Some(RecordError::Field {
            field: key.to_owned(),
            why: without_position(err.to_string()),
        });
    })
}

/// Reads `html` as its JSON text, then decodes that text; the text is left in `slot`. A
/// failure here is reported again by a plain reading of the line (see
/// [`crate::jsonl::parse_record_keeping_html`]), so its message does not matter.
fn html_keeping_json<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: &str,
    error: &mut Option<RecordError>,
    slot: &mut Option<&'de str>,
) -> Result<Option<String>, A::Error> {
    let Some(json) = field::<&'de RawValue, A>(map, key, error)? else {
        return Ok(None);
    };
    let html = match crate::unescape::json_string(json.get()) {
        Some(html) => html,
        None => serde_json::from_str::<String>(json.get()).map_err(de::Error::custom)?,
    };
    *slot = Some(json.get());
    Ok(Some(html))
}

/// serde_json ends its messages with the position in the line; the record's line is already
/// named by the caller, and the field name says where in it.
fn without_position(message: String) -> String {
    if let Some(at) = message.rfind(" at line ") {
        let tail = &message[at + " at line ".len()..];
        let numbers: Vec<&str> = tail.split(" column ").collect();
        if numbers.len() == 2
            && numbers
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            return message[..at].to_owned();
        }
    }
    message
}

impl<'de> Visitor<'de> for RecordSeed<'_, 'de> {
    type Value = Record;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Record, A::Error> {
        let mut rec = Record::default();
        let mut html_json = self.html_json.take();
        let error = &mut *self.error;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => rec.id = field(&mut map, &key, error)?,
                "url" => rec.url = field(&mut map, &key, error)?,
                "source" => rec.source = field(&mut map, &key, error)?,
                "title" => rec.title = field(&mut map, &key, error)?,
                "author" => rec.author = field(&mut map, &key, error)?,
                "categories" => {
                    rec.categories = field(&mut map, &key, error)?.unwrap_or_default();
                }
                "tags" => rec.tags = field(&mut map, &key, error)?.unwrap_or_default(),
                "image" => rec.image = field(&mut map, &key, error)?,
                "summary" => rec.summary = field(&mut map, &key, error)?,
                "date" => rec.date = field(&mut map, &key, error)?,
                "date_raw" => rec.date_raw = field(&mut map, &key, error)?,
                "original_title" => rec.original_title = field(&mut map, &key, error)?,
                "meta" => rec.meta = field(&mut map, &key, error)?,
                "html" => {
                    rec.html = match html_json.as_deref_mut() {
                        Some(slot) => html_keeping_json(&mut map, &key, error, slot)?,
                        None => field(&mut map, &key, error)?,
                    }
                }
                "blocks" => rec.blocks = field(&mut map, &key, error)?,
                "text" => rec.text = field(&mut map, &key, error)?,
                "credits" => rec.credits = field(&mut map, &key, error)?,
                "lang" => rec.lang = field(&mut map, &key, error)?,
                "removed" => rec.removed = field(&mut map, &key, error)?,
                "stages" => rec.stages = field(&mut map, &key, error)?.unwrap_or_default(),
                _ => {
                    let value = map.next_value::<Value>()?;
                    rec.extra.insert(key, value);
                }
            }
        }
        if let Some(newer) = rec.stages.iter().find(|s| s.format > RECORD_FORMAT) {
            let newer = RecordError::NewerFormat {
                tool: newer.tool.clone(),
                found: newer.format,
                supported: RECORD_FORMAT,
            };
            return Err(self.fail(newer));
        }
        Ok(rec)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Record, A::Error> {
        self.not_an_object("an array")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Record, E> {
        self.not_an_object("a string")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Record, E> {
        self.not_an_object("a boolean")
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Record, E> {
        self.not_an_object("a number")
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Record, E> {
        self.not_an_object("a number")
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Record, E> {
        self.not_an_object("a number")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Record, E> {
        self.not_an_object("null")
    }
}

/// For library callers (`serde_json::from_str::<Record>`, `from_value`): a failure names the
/// field, as [`crate::jsonl::parse_record`]'s do.
impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut error = None;
        RecordSeed {
            error: &mut error,
            html_json: None,
        }
        .deserialize(deserializer)
        .map_err(|err| match error {
            Some(RecordError::Field { field, why }) => {
                de::Error::custom(format!("\"{field}\": {why}"))
            }
            _ => err,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(value: Value) -> Value {
        let rec: Record = serde_json::from_value(value).unwrap();
        rec.to_value()
    }

    #[test]
    fn unknown_keys_keep_their_values_and_order() {
        let input =
            json!({"zeta": 1, "title": "t", "alpha": {"nested": [1, "二", null]}, "mid": "é"});
        let out = round_trip(input);
        let keys: Vec<&str> = out
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["title", "zeta", "alpha", "mid"]);
        assert_eq!(out["alpha"], json!({"nested": [1, "二", null]}));
    }

    #[test]
    fn wrong_type_names_the_field() {
        let err = crate::jsonl::parse_record(br#"{"title": 3}"#).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("\"title\""), "{msg}");
        assert!(msg.contains("expected a string"), "{msg}");
    }

    #[test]
    fn library_callers_see_the_field_too() {
        let err = serde_json::from_str::<Record>(r#"{"tags": "x"}"#).unwrap_err();
        assert!(
            err.to_string().starts_with("\"tags\": invalid type"),
            "{err}"
        );
        let err = serde_json::from_value::<Record>(json!({"title": 3})).unwrap_err();
        assert!(
            err.to_string().starts_with("\"title\": invalid type"),
            "{err}"
        );
    }

    #[test]
    fn null_known_field_is_absent_and_not_written() {
        let out = round_trip(json!({"title": null, "other": null}));
        assert_eq!(out, json!({"other": null}));
    }

    #[test]
    fn newer_format_is_refused() {
        let line = br#"{"stages": [{"tool": "folio-parse", "version": "9.0.0", "format": 99}]}"#;
        let err = crate::jsonl::parse_record(line).unwrap_err();
        assert!(err.to_string().contains("format 99"), "{err}");
    }

    #[test]
    fn blocks_serialise_with_a_type_tag() {
        let rec = Record {
            blocks: Some(vec![
                Block::Heading {
                    level: 2,
                    text: "小标题".into(),
                },
                Block::Paragraph {
                    inlines: vec![Inline {
                        text: "bold".into(),
                        strong: true,
                        ..Inline::default()
                    }],
                },
                Block::Rule,
            ]),
            ..Record::default()
        };
        let v = rec.to_value();
        assert_eq!(
            v["blocks"],
            json!([
                {"type": "heading", "level": 2, "text": "小标题"},
                {"type": "paragraph", "inlines": [{"text": "bold", "strong": true}]},
                {"type": "rule"}
            ])
        );
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, rec);
    }

    #[test]
    fn a_foreign_source_is_kept_verbatim_in_its_place() {
        let line = br#"{"id":"a1","text":"Hello.","source":"common-crawl","metadata":{"lang":"en","n":[1,2.5,null]},"added":"2024-01-01"}"#;
        let record = crate::jsonl::parse_record(line).unwrap();
        assert_eq!(
            record.source,
            Some(SourceField::Foreign(json!("common-crawl")))
        );
        assert_eq!(record.folio_source(), None);
        assert_eq!(record.site(), None);
        let (kept, _) = crate::jsonl::parse_record_keeping_html(line).unwrap();
        assert_eq!(kept, record);
        assert_eq!(
            String::from_utf8(crate::jsonl::encode(&record)).unwrap(),
            r#"{"id":"a1","source":"common-crawl","text":"Hello.","metadata":{"lang":"en","n":[1,2.5,null]},"added":"2024-01-01"}"#
        );
        for foreign in [
            json!({"path": "a.warc", "collection": "cc"}),
            json!({"site": 3}),
            json!({"zeta": 1, "alpha": {"b": [true]}}),
            json!(["a", "b"]),
            json!(7),
            json!(false),
        ] {
            let record: Record = serde_json::from_value(json!({"source": foreign})).unwrap();
            assert_eq!(record.source, Some(SourceField::Foreign(foreign.clone())));
            assert_eq!(record.to_value()["source"], foreign);
        }
    }

    #[test]
    fn folio_source_keys_with_strings_are_folio_source() {
        let record: Record = serde_json::from_value(
            json!({"source": {"site": "example.com", "kind": "page", "path": null}}),
        )
        .unwrap();
        let source = record.folio_source().unwrap();
        assert_eq!(source.kind.as_deref(), Some("page"));
        assert_eq!(record.site(), Some("example.com"));
        assert_eq!(source.path, None);
        let empty: Record = serde_json::from_value(json!({"source": {}})).unwrap();
        assert_eq!(empty.folio_source(), Some(&Source::default()));
        let none: Record = serde_json::from_value(json!({"source": null})).unwrap();
        assert_eq!(none.source, None);
    }

    #[test]
    fn mark_stage_is_idempotent() {
        let mut rec = Record::default();
        rec.mark_stage("folio-clean", "0.1.0");
        rec.mark_stage("folio-clean", "0.1.1");
        assert_eq!(rec.stages.len(), 1);
        assert_eq!(rec.stages[0].version, "0.1.1");
    }
}
