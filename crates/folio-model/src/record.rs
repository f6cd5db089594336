//! The record: one article, one JSON object per line.
//!
//! Known fields are typed; every other key is kept in `extra`, in its order, so that each tool
//! passes through what it does not know. Optional fields that are unknown are omitted, never null.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// Version of the record layout. A record whose `stages` name a newer format is refused
/// loudly rather than mis-read (see docs/model.md, "Versioning").
pub const RECORD_FORMAT: u32 = 1;

/// The record's known fields, in the order they are written: each field's type and serde
/// attributes, how the reader takes it (`read::…` in crate::reader) and how the writer writes
/// it (`write::…` in crate::encode). The table is handed to `$make`, so the struct and
/// [`KNOWN`] (here), the reader's match and the writer are all made from it, and a field is
/// added in one place.
macro_rules! record_fields {
    ($make:ident) => {
        $make! {
            /// Stable identifier: from the URL when there is one, else from the source path.
            #[serde(skip_serializing_if = "Option::is_none")]
            id: Option<String> => read::optional, write::opt;
            /// Address of the article on the web.
            #[serde(skip_serializing_if = "Option::is_none")]
            url: Option<String> => read::optional, write::opt;
            /// Where the record came from: folio's own object, or another tool's value kept as it
            /// came.
            #[serde(skip_serializing_if = "Option::is_none")]
            source: Option<SourceField> => read::optional, write::source;
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<String> => read::optional, write::opt;
            #[serde(skip_serializing_if = "Option::is_none")]
            author: Option<String> => read::optional, write::opt;
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            categories: Vec<String> => read::or_default, write::strings;
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            tags: Vec<String> => read::or_default, write::strings;
            /// Lead image URL.
            #[serde(skip_serializing_if = "Option::is_none")]
            image: Option<String> => read::optional, write::opt;
            #[serde(skip_serializing_if = "Option::is_none")]
            summary: Option<String> => read::optional, write::opt;
            /// Publication instant, RFC 3339 with offset.
            #[serde(skip_serializing_if = "Option::is_none")]
            date: Option<DateTime<FixedOffset>> => read::optional, write::serde;
            /// The text the date was read from, verbatim.
            #[serde(skip_serializing_if = "Option::is_none")]
            date_raw: Option<String> => read::optional, write::opt;
            /// The title the article was first published under (原标题：…), when the body names one.
            #[serde(skip_serializing_if = "Option::is_none")]
            original_title: Option<String> => read::optional, write::opt;
            /// Every front-matter or page-meta key, verbatim and in order.
            #[serde(skip_serializing_if = "Option::is_none")]
            meta: Option<Map<String, Value>> => read::optional, write::serde;
            /// Body HTML as parsed.
            #[serde(skip_serializing_if = "Option::is_none")]
            html: Option<String> => read::html, write::html;
            /// The cleaned article as typed blocks (present once folio-clean has run).
            #[serde(skip_serializing_if = "Option::is_none")]
            blocks: Option<Vec<Block>> => read::optional, write::blocks;
            /// Plain text of the article, paragraphs separated by one blank line.
            #[serde(skip_serializing_if = "Option::is_none")]
            text: Option<String> => read::optional, write::opt;
            #[serde(skip_serializing_if = "Option::is_none")]
            credits: Option<Credits> => read::optional, write::credits;
            /// ISO 639-1 language code.
            #[serde(skip_serializing_if = "Option::is_none")]
            lang: Option<String> => read::optional, write::opt;
            /// What folio-clean removed and why (only with `folio-clean --explain`).
            #[serde(skip_serializing_if = "Option::is_none")]
            removed: Option<Vec<Removal>> => read::optional, write::removed;
            /// Which tools, at which version, have processed the record.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            stages: Vec<Stage> => read::or_default, write::stages;
        }
    };
}
pub(crate) use record_fields;

/// Makes the struct and the list of known keys from [`record_fields`].
macro_rules! define_record {
    ($(
        $(#[$attr:meta])*
        $name:ident: $ty:ty => read::$read:ident, write::$write:ident;
    )*) => {
        /// One article. See docs/model.md for every field with examples.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
        pub struct Record {
            $($(#[$attr])* pub $name: $ty,)*
            /// Keys no folio tool knows, kept verbatim and in order.
            #[serde(flatten)]
            pub extra: Map<String, Value>,
        }

        const KNOWN: &[&str] = &[$(stringify!($name)),*];
    };
}

record_fields!(define_record);

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

/// Whether `key` is a field folio itself defines.
pub fn is_known(key: &str) -> bool {
    KNOWN.contains(&key)
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
