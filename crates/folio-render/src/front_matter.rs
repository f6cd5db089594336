//! Front matter for static-site generators: Hexo and Jekyll (YAML between `---` lines) and
//! Hugo (TOML between `+++` lines, or YAML). Values go through real YAML and TOML writers,
//! so any title quotes correctly; line breaks inside folio's own values become spaces, so no
//! value can end the block early.
//!
//! After folio's fields come the record's credits, then the other keys of the post's own
//! front matter (`meta`), so that a Hexo post read by folio-parse and written back keeps its
//! `comments`, `headimg`, `layout`…

use folio_model::Record;
use serde_json::{Map, Value};

use crate::credits;
use crate::url::sanitise_addresses;

/// Which site generator the front matter is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Hexo,
    Hugo,
    Jekyll,
    None,
}

/// The language of Hugo's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HugoFormat {
    Toml,
    Yaml,
}

/// The front matter block for `record`, ending with a newline; empty for `Flavour::None`.
pub fn front_matter(record: &Record, flavour: Flavour, hugo: HugoFormat) -> Result<String, String> {
    let mut fields = match flavour {
        Flavour::None => return Ok(String::new()),
        Flavour::Hexo => hexo(record),
        Flavour::Jekyll => jekyll(record),
        Flavour::Hugo => hugo_fields(record),
    };
    if let Some(credits) = credits_value(record) {
        fields.insert("credits".into(), credits);
    }
    let own = post_keys(record, &fields);
    if flavour == Flavour::Hugo && hugo == HugoFormat::Toml {
        return toml_block(&fields, &own);
    }
    fields.extend(own);
    yaml_block(&fields)
}

/// The record's credits as a mapping of role to names (`editor: [张三]`), roles in the
/// record's order; `None` when nobody is credited.
fn credits_value(record: &Record) -> Option<Value> {
    let roles: Map<String, Value> = credits::of(record.credits.as_ref()?)
        .iter()
        .map(|c| {
            let names = c.names.iter().filter(|n| !n.trim().is_empty());
            let names = names.map(|n| one_line(n)).collect();
            (c.role.to_owned(), Value::Array(names))
        })
        .collect();
    (!roles.is_empty()).then_some(Value::Object(roles))
}

/// The keys of the post's own front matter that `fields` does not hold already (compared
/// without case, as folio-parse reads them), verbatim and in their order. Only a record read
/// from a post with front matter (`source.front_matter`) has such keys: the `meta` of a web
/// page holds its `<meta>` tags, not a post's settings. An address under an address key
/// (`headimg`, `thumbnail`, `link`…) that is not a web address becomes the empty string, as
/// in templates.
fn post_keys(record: &Record, fields: &Map<String, Value>) -> Map<String, Value> {
    let from_post = record
        .folio_source()
        .is_some_and(|s| s.front_matter.is_some());
    let Some(meta) = record.meta.as_ref().filter(|_| from_post) else {
        return Map::new();
    };
    let taken = |key: &str| fields.keys().any(|k| k.eq_ignore_ascii_case(key));
    let mut own = Value::Object(
        meta.iter()
            .filter(|(key, _)| !key.is_empty() && !taken(key))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect(),
    );
    sanitise_addresses(&mut own);
    match own {
        Value::Object(own) => own,
        _ => Map::new(),
    }
}

fn one_line(text: &str) -> Value {
    Value::String(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn list(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| one_line(s)).collect())
}

/// The fields every flavour shares, under the names `set` gives them.
fn common(record: &Record, fields: &mut Map<String, Value>, image_key: &str) {
    if let Some(author) = &record.author {
        fields.insert("author".into(), one_line(author));
    }
    if !record.categories.is_empty() {
        fields.insert("categories".into(), list(&record.categories));
    }
    if !record.tags.is_empty() {
        fields.insert("tags".into(), list(&record.tags));
    }
    if let Some(image) = &record.image {
        let value = one_line(image);
        let value = if image_key == "images" {
            Value::Array(vec![value])
        } else {
            value
        };
        fields.insert(image_key.into(), value);
    }
    if let Some(summary) = &record.summary {
        fields.insert("description".into(), one_line(summary));
    }
    if let Some(url) = &record.url {
        fields.insert("original_url".into(), one_line(url));
    }
    if let Some(lang) = &record.lang {
        fields.insert("lang".into(), one_line(lang));
    }
}

fn titled(record: &Record, date: Option<String>) -> Map<String, Value> {
    let mut fields = Map::new();
    if let Some(title) = &record.title {
        fields.insert("title".into(), one_line(title));
    }
    if let Some(date) = date {
        fields.insert("date".into(), Value::String(date));
    }
    fields
}

fn hexo(record: &Record) -> Map<String, Value> {
    let mut fields = titled(record, record.date.map(|d| d.to_rfc3339()));
    common(record, &mut fields, "thumbnail");
    fields
}

fn jekyll(record: &Record) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("layout".into(), Value::String("post".into()));
    // Jekyll's own date form: `2022-05-08 18:46:55 +0800`.
    let date = record
        .date
        .map(|d| d.format("%Y-%m-%d %H:%M:%S %z").to_string());
    fields.extend(titled(record, date));
    common(record, &mut fields, "image");
    fields
}

fn hugo_fields(record: &Record) -> Map<String, Value> {
    let mut fields = titled(record, record.date.map(|d| d.to_rfc3339()));
    common(record, &mut fields, "images");
    fields
}

fn yaml_block(fields: &Map<String, Value>) -> Result<String, String> {
    if fields.is_empty() {
        return Ok("---\n---\n".to_owned());
    }
    let yaml = serde_norway::to_string(fields)
        .map_err(|e| format!("cannot write YAML front matter: {e}"))?;
    Ok(format!("---\n{yaml}---\n"))
}

/// Hugo's TOML block: folio's fields, then the post's own keys that TOML can hold (it has
/// no null). TOML writes a string with line breaks over several unindented lines, where one
/// could read as the closing `+++`: in the post's strings, line breaks become spaces too.
fn toml_block(fields: &Map<String, Value>, own: &Map<String, Value>) -> Result<String, String> {
    let mut table = toml::Table::new();
    for (key, value) in own {
        let mut value = value.clone();
        breaks_to_spaces(&mut value);
        if let Ok(value) = toml::Value::try_from(value) {
            table.insert(key.clone(), value);
        }
    }
    let own_table = std::mem::take(&mut table);
    for (key, value) in fields {
        let value = match (key.as_str(), value) {
            // Hugo reads a TOML date-time natively.
            ("date", Value::String(text)) => match text.parse::<toml::value::Datetime>() {
                Ok(datetime) => toml::Value::Datetime(datetime),
                Err(_) => toml::Value::String(text.clone()),
            },
            _ => toml::Value::try_from(value)
                .map_err(|e| format!("cannot write TOML front matter: {e}"))?,
        };
        table.insert(key.clone(), value);
    }
    table.extend(own_table);
    let text =
        toml::to_string(&table).map_err(|e| format!("cannot write TOML front matter: {e}"))?;
    Ok(format!("+++\n{text}+++\n"))
}

/// Every line break in the strings of `value`, at any depth, as a space.
fn breaks_to_spaces(value: &mut Value) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::String(text) if text.contains(['\n', '\r']) => {
                *text = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            Value::Object(members) => pending.extend(members.values_mut()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            title: Some("标题: \"引号\"\n--- 第二行".into()),
            author: Some("记者".into()),
            categories: vec!["金融".into()],
            tags: vec!["a".into(), "b".into()],
            image: Some("https://a.cn/i.jpg".into()),
            date: chrono::DateTime::parse_from_rfc3339("2022-05-08T18:46:55+08:00").ok(),
            ..Record::default()
        }
    }

    #[test]
    fn hexo_is_yaml() {
        let text = front_matter(&record(), Flavour::Hexo, HugoFormat::Toml).unwrap();
        assert_eq!(
            text,
            "---\ntitle: '标题: \"引号\" --- 第二行'\ndate: 2022-05-08T18:46:55+08:00\nauthor: 记者\n\
             categories:\n- 金融\ntags:\n- a\n- b\nthumbnail: https://a.cn/i.jpg\n---\n"
        );
    }

    fn from_post(meta: Value) -> Record {
        Record {
            source: Some(
                folio_model::Source {
                    kind: Some("post".into()),
                    front_matter: Some("yaml".into()),
                    ..Default::default()
                }
                .into(),
            ),
            meta: meta.as_object().cloned(),
            credits: Some(folio_model::Credits {
                editor: vec!["张三".into()],
                reporter: vec!["Ann\nLee".into(), "Bo".into()],
                ..Default::default()
            }),
            ..record()
        }
    }

    #[test]
    fn credits_and_the_posts_own_keys_follow_folios_fields() {
        let record = from_post(serde_json::json!({
            "title": "旧标题", "Author": "someone", "comments": false,
            "headimg": "https://a.cn/h.jpg", "cover": "javascript:alert(1)",
            "layout": "post", "extra": {"a": [1, null]}, "nothing": null
        }));
        let text = front_matter(&record, Flavour::Hexo, HugoFormat::Toml).unwrap();
        assert!(
            text.ends_with(
                "thumbnail: https://a.cn/i.jpg\ncredits:\n  editor:\n  - 张三\n  reporter:\n  - Ann Lee\n  - Bo\n\
                 comments: false\nheadimg: https://a.cn/h.jpg\ncover: ''\nlayout: post\n\
                 extra:\n  a:\n  - 1\n  - null\nnothing: null\n---\n"
            ),
            "{text}"
        );
        assert_eq!(text.matches("title:").count(), 1, "{text}");
        assert!(!text.contains("someone"), "{text}");
        // Jekyll writes `layout` itself.
        let jekyll = front_matter(&record, Flavour::Jekyll, HugoFormat::Toml).unwrap();
        assert_eq!(jekyll.matches("layout:").count(), 1, "{jekyll}");
        // TOML has no null: those keys are left out, the others follow folio's.
        let toml = front_matter(&record, Flavour::Hugo, HugoFormat::Toml).unwrap();
        assert!(
            toml.contains("\ncomments = false\nheadimg = \"https://a.cn/h.jpg\"\n"),
            "{toml}"
        );
        assert!(toml.contains("[credits]\neditor = [\"张三\"]\n"), "{toml}");
        assert!(
            !toml.contains("nothing") && !toml.contains("extra"),
            "{toml}"
        );
    }

    #[test]
    fn a_page_or_a_record_without_front_matter_passes_no_keys() {
        let mut record = from_post(serde_json::json!({"viewport": "width=device-width"}));
        record.credits = None;
        let source = record
            .source
            .as_mut()
            .and_then(folio_model::SourceField::folio_mut);
        source.unwrap().front_matter = None;
        let text = front_matter(&record, Flavour::Hexo, HugoFormat::Toml).unwrap();
        assert!(
            !text.contains("viewport") && !text.contains("credits"),
            "{text}"
        );
    }

    #[test]
    fn multi_line_values_of_the_post_cannot_end_the_block() {
        let record = from_post(serde_json::json!({
            "note": "a\n---\n...\n+++\nb", "---\n+++": ["\n---\n"], "x": {"y": "\r\n+++\r\n"}
        }));
        for (flavour, fence) in [(HugoFormat::Yaml, "---"), (HugoFormat::Toml, "+++")] {
            let text = front_matter(&record, Flavour::Hugo, flavour).unwrap();
            let inner: Vec<&str> = text.lines().skip(1).collect();
            let closing = inner
                .iter()
                .position(|l| *l == fence || (fence == "---" && *l == "..."));
            assert_eq!(closing, Some(inner.len() - 1), "{text}");
        }
    }

    #[test]
    fn hugo_toml_has_a_native_date() {
        let text = front_matter(&record(), Flavour::Hugo, HugoFormat::Toml).unwrap();
        assert!(text.starts_with("+++\ntitle = "), "{text}");
        assert!(
            text.contains("\ndate = 2022-05-08T18:46:55+08:00\n"),
            "{text}"
        );
        assert!(text.contains("images = [\"https://a.cn/i.jpg\"]"), "{text}");
        assert!(text.ends_with("+++\n"));
        let yaml = front_matter(&record(), Flavour::Hugo, HugoFormat::Yaml).unwrap();
        assert!(yaml.starts_with("---\ntitle: "), "{yaml}");
    }

    #[test]
    fn jekyll_has_layout_and_its_date_form() {
        let text = front_matter(&record(), Flavour::Jekyll, HugoFormat::Toml).unwrap();
        assert!(text.starts_with("---\nlayout: post\ntitle: "), "{text}");
        assert!(text.contains("date: 2022-05-08 18:46:55 +0800\n"), "{text}");
        assert_eq!(
            front_matter(&record(), Flavour::None, HugoFormat::Toml).unwrap(),
            ""
        );
    }
}
