//! Front-matter keys to record fields. Each field has a list of the keys sites use for it,
//! looked up without regard to case; the first non-empty one wins. `meta` keeps them all.

use folio_model::date::{self, Zone};
use folio_model::driver::Notes;
use folio_model::Record;
use serde_json::{Map, Value};

const TITLE: &[&str] = &["title", "headline", "name"];
const AUTHOR: &[&str] = &["author", "authors", "byline", "creator"];
const CATEGORIES: &[&str] = &["categories", "category"];
const TAGS: &[&str] = &["tags", "tag", "keywords"];
const IMAGE: &[&str] = &[
    "headimg",
    "image",
    "cover",
    "thumbnail",
    "featured_image",
    "banner",
];
const URL: &[&str] = &[
    "url",
    "link",
    "permalink",
    "source",
    "canonical",
    "original_url",
];
const SUMMARY: &[&str] = &["summary", "description", "excerpt", "abstract", "subtitle"];
const DATE: &[&str] = &[
    "date",
    "published",
    "pubdate",
    "publishdate",
    "published_at",
    "created",
    "created_at",
    "time",
];

pub(crate) fn fill(record: &mut Record, meta: &Map<String, Value>, zone: &Zone, notes: &mut Notes) {
    record.title = first(meta, TITLE, one_text);
    record.author = first(meta, AUTHOR, names);
    record.categories = first(meta, CATEGORIES, list).unwrap_or_default();
    record.tags = first(meta, TAGS, list).unwrap_or_default();
    record.image = first(meta, IMAGE, image);
    record.url = first(meta, URL, web_address);
    record.summary = first(meta, SUMMARY, one_text);
    if let Some((raw, number)) = first(meta, DATE, date_text) {
        let parsed = match number {
            Some(n) => date::parse_unix(n),
            None => date::parse(&raw, zone),
        };
        if parsed.is_none() {
            notes.warn(format!("date {raw:?} is not a date; `date` left out"));
        }
        record.date = parsed;
        record.date_raw = Some(raw);
    }
}

/// The value of the first key of `keys` present in `meta` (any case) that `read` accepts.
fn first<T>(
    meta: &Map<String, Value>,
    keys: &[&str],
    read: impl Fn(&Value) -> Option<T>,
) -> Option<T> {
    keys.iter().find_map(|key| {
        meta.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| read(v))
    })
}

/// A scalar as trimmed text; empty is none.
fn one_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A name, a list of names (joined with ", ") or an object with a `name`.
fn names(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(names).collect();
            (!all.is_empty()).then(|| all.join(", "))
        }
        Value::Object(map) => map.get("name").and_then(one_text),
        other => one_text(other),
    }
}

/// A string or a (possibly nested) list, flattened, trimmed, without empties or repeats.
fn list(value: &Value) -> Option<Vec<String>> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            other => {
                if let Some(text) = one_text(other) {
                    if !out.contains(&text) {
                        out.push(text);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(value, &mut out);
    (!out.is_empty()).then_some(out)
}

/// An image URL: a string, the first of a list, or an object's `src`/`url`.
fn image(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => items.iter().find_map(image),
        Value::Object(map) => map.get("src").or_else(|| map.get("url")).and_then(one_text),
        other => one_text(other),
    }
}

/// Only absolute web addresses count as the article's URL (`source` is often a site name).
fn web_address(value: &Value) -> Option<String> {
    let text = one_text(value)?;
    let lower = text.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(text)
}

/// The date's text, and its number when it was written as one (Unix seconds or milliseconds).
fn date_text(value: &Value) -> Option<(String, Option<i64>)> {
    match value {
        Value::Number(n) => Some((n.to_string(), n.as_i64())),
        other => one_text(other).map(|t| (t, None)),
    }
}

/// Host name of a URL, lower-case, without `www.`.
pub(crate) fn host(address: &str) -> Option<String> {
    let parsed = url::Url::parse(address).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").map(str::to_owned).unwrap_or(host))
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_model::Location;
    use serde_json::json;

    fn filled(meta: Value) -> (Record, Vec<String>) {
        let mut record = Record::default();
        let mut notes = Notes::new(Location::file("t"));
        fill(
            &mut record,
            meta.as_object().unwrap(),
            &Zone::default(),
            &mut notes,
        );
        (record, notes.warnings().to_vec())
    }

    #[test]
    fn posts_in_the_crawled_format() {
        let (r, warnings) = filled(json!({
            "title": "标题", "categories": ["金融", "新浪财经", "新浪财经－国內"],
            "headimg": "https://n.sinaimg.cn/a.jpg", "author": "新浪财经", "comments": false,
            "date": "Sun, 08 May 2022 10:46:55 GMT", "thumbnail": "https://n.sinaimg.cn/b.jpg"
        }));
        assert!(warnings.is_empty());
        assert_eq!(r.title.as_deref(), Some("标题"));
        assert_eq!(r.categories, ["金融", "新浪财经", "新浪财经－国內"]);
        assert_eq!(r.image.as_deref(), Some("https://n.sinaimg.cn/a.jpg"));
        assert_eq!(r.author.as_deref(), Some("新浪财经"));
        assert_eq!(r.date.unwrap().to_rfc3339(), "2022-05-08T10:46:55+00:00");
        assert_eq!(r.date_raw.as_deref(), Some("Sun, 08 May 2022 10:46:55 GMT"));
    }

    #[test]
    fn strings_lists_and_objects() {
        let (r, _) = filled(json!({
            "Title": "  t  ", "tags": "single", "categories": [["a", "b"], "a", ""],
            "author": [{"name": "Ann"}, "Bo"], "cover": {"src": "c.png"},
            "source": "Reuters", "link": "https://example.com/x"
        }));
        assert_eq!(r.title.as_deref(), Some("t"));
        assert_eq!(r.tags, ["single"]);
        assert_eq!(r.categories, ["a", "b"]);
        assert_eq!(r.author.as_deref(), Some("Ann, Bo"));
        assert_eq!(r.image.as_deref(), Some("c.png"));
        assert_eq!(r.url.as_deref(), Some("https://example.com/x"));
    }

    #[test]
    fn unix_dates_and_invalid_ones() {
        let (r, _) = filled(json!({"date": 1651992415000_i64}));
        assert_eq!(r.date.unwrap().to_rfc3339(), "2022-05-08T06:46:55+00:00");
        assert_eq!(r.date_raw.as_deref(), Some("1651992415000"));
        let (r, warnings) = filled(json!({"date": "Invalid Date"}));
        assert!(r.date.is_none());
        assert_eq!(r.date_raw.as_deref(), Some("Invalid Date"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("not a date"));
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://WWW.Example.com/a").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("not a url"), None);
    }
}
