//! What a page's markup says of its article: `<meta>` name/property pairs, JSON-LD
//! (`NewsArticle`, `Article`, …, also inside `@graph`), and the properties the Founder CMS
//! writes into a comment.

use folio_html::text::{is_invisible, squash};

use crate::names::author_name;
use html5ever::{local_name, LocalName};
use scraper::{ElementRef, Html, Selector};
use serde_json::{Map, Value};

macro_rules! selector {
    ($css:expr) => {{
        static SELECTOR: std::sync::LazyLock<scraper::Selector> =
            std::sync::LazyLock::new(|| scraper::Selector::parse($css).expect("valid selector"));
        &*SELECTOR
    }};
}
pub(crate) use selector;

/// What a page says of itself in its markup: its `<meta>` values, its JSON-LD articles, and
/// the properties of a Founder CMS comment, looked up the same way by every step of [`read`].
///
/// [`read`]: super::read
pub(crate) struct Metadata<'p> {
    pub doc: &'p Html,
    pub meta: &'p Map<String, Value>,
    pub ld: &'p [Map<String, Value>],
    pub founder: &'p [(String, String)],
}

impl Metadata<'_> {
    /// The first non-empty `<meta>` value under one of `keys`.
    pub fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| text_of(self.meta.get(*k)?))
    }

    /// The string under `key` in the JSON object of `<meta name="parsely-page">`, where sites
    /// that report to Parse.ly write the article's title, author and `pub_date` in one
    /// attribute (the older form of the `parsely-*` metas).
    pub fn parsely_page_get(&self, key: &str) -> Option<String> {
        let object = text_of(self.meta.get("parsely-page")?)?;
        let object = serde_json::from_str::<Value>(&object).ok()?;
        let value = object.get(key)?.as_str()?.trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    /// The value of `key` in the first JSON-LD article that has one.
    pub fn ld_get(&self, key: &str) -> Option<Value> {
        self.ld.iter().find_map(|obj| obj.get(key)).cloned()
    }

    /// The Founder property `key`, when not empty.
    pub fn founder_get(&self, key: &str) -> Option<String> {
        self.founder
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
    }
}

/// `doc.select(selector)`, in the same order, for a selector that only matches elements named
/// `name`. The name, interned, is compared first: matching the selector itself costs some two
/// hundred instructions an element, and several selectors ran over every element of a page.
pub(crate) fn select_named<'a>(
    doc: &'a Html,
    name: LocalName,
    selector: &'static Selector,
) -> impl Iterator<Item = ElementRef<'a>> {
    doc.tree.nodes().filter_map(move |node| {
        let el = ElementRef::wrap(node)?;
        (el.value().name.local == name && el.parent().is_some() && selector.matches(&el))
            .then_some(el)
    })
}

/// Every `<meta>` with a name, property or itemprop and a content, keys lower-cased; a key
/// met more than once keeps all its values in a list.
pub(crate) fn collect_meta(doc: &Html) -> Map<String, Value> {
    let mut meta = Map::new();
    for el in select_named(doc, local_name!("meta"), selector!("meta[content]")) {
        let attrs = el.value();
        let Some(key) = attrs
            .attr("property")
            .or(attrs.attr("name"))
            .or(attrs.attr("itemprop"))
        else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = squash(attrs.attr("content").unwrap_or(""));
        if key.is_empty() || value.is_empty() {
            continue;
        }
        match meta.get_mut(&key) {
            Some(Value::Array(items)) => items.push(Value::String(value)),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, Value::String(value)]);
            }
            None => {
                meta.insert(key, Value::String(value));
            }
        }
    }
    meta
}

pub(crate) const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
    "WebPage",
];

/// The JSON-LD objects that describe an article, from every script block and `@graph`.
pub(crate) fn json_ld(doc: &Html) -> Vec<Map<String, Value>> {
    let mut found = Vec::new();
    let ld_json = selector!(r#"script[type="application/ld+json"]"#);
    for script in select_named(doc, local_name!("script"), ld_json) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        collect_articles(value, &mut found);
    }
    // Articles first, a plain WebPage only as a last resort.
    found.sort_by_key(|obj| obj.get("@type").and_then(Value::as_str) == Some("WebPage"));
    found
}

pub(crate) fn collect_articles(value: Value, out: &mut Vec<Map<String, Value>>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| collect_articles(v, out)),
        Value::Object(mut obj) => {
            if let Some(graph) = obj.remove("@graph") {
                collect_articles(graph, out);
            }
            let is_article = match obj.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                out.push(obj);
            }
        }
        _ => {}
    }
}

pub(crate) fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(readable(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

/// Metadata text as readers see it. The parser decodes an attribute's entities once; a page
/// that escapes its metadata twice (`That&amp;#039;s`) or writes entities into JSON-LD, which
/// no parser decodes, leaves them in the text (`That&#039;s`, `O&#039;Donnell`).
pub(crate) fn unescaped(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('&') {
        html_escape::decode_html_entities(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Metadata text as a line of the record: entities decoded ([`unescaped`]), characters that
/// take no room (soft hyphens, zero-width spaces) gone, white space made single spaces.
pub(crate) fn readable(text: &str) -> String {
    let text = unescaped(text);
    if text.chars().any(is_invisible) {
        squash(&text.replace(is_invisible, ""))
    } else {
        squash(&text)
    }
}

pub(crate) fn person_names(value: &Value) -> Option<String> {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(person_names).collect(),
        Value::Object(obj) => obj.get("name").and_then(text_of).into_iter().collect(),
        other => text_of(other).into_iter().collect(),
    };
    let names: Vec<String> = names.iter().filter_map(|n| author_name(n)).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

pub(crate) fn image_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(obj) => obj.get("url").and_then(text_of),
        Value::Array(items) => items.iter().find_map(image_of),
        other => text_of(other),
    }
}

pub(crate) fn tags(meta: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["article:tag", "news_keywords", "keywords"] {
        // Entities decoded before the split: `&#039;` holds a `;`.
        let values: Vec<std::borrow::Cow<str>> = match meta.get(key) {
            Some(Value::String(s)) => vec![unescaped(s)],
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(unescaped)
                .collect(),
            _ => continue,
        };
        for tag in values
            .iter()
            .flat_map(|v| v.split([',', '，', ';', '；', '、']))
        {
            let tag = tag.trim();
            if !tag.is_empty() && !out.iter().any(|t| t == tag) {
                out.push(tag.to_owned());
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

/// The properties that the Founder (方正) newspaper CMS, used by many Chinese papers' web
/// editions, writes into a comment: `<!--enpproperty <date>2022-02-13 00:00:00:0</date>
/// <author>…</author><title>…</title>…/enpproperty-->`. The comment is the page's only
/// machine-readable date on such sites. Read from the text before comments are dropped.
pub(crate) fn founder_properties(text: &str) -> Vec<(String, String)> {
    const OPEN: &str = "<!--enpproperty";
    let Some(start) = memchr::memmem::find(text.as_bytes(), OPEN.as_bytes()) else {
        return Vec::new();
    };
    let body = &text[start + OPEN.len()..];
    let body = &body[..body.find("-->").unwrap_or(body.len())];
    let mut properties = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else { break };
        let name = &after[..gt];
        let value_and_rest = &after[gt + 1..];
        let close = format!("</{name}>");
        let named = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric());
        match value_and_rest.find(&close) {
            Some(end) if named => {
                let value = squash(&value_and_rest[..end]);
                properties.push((name.to_owned(), value));
                rest = &value_and_rest[end + close.len()..];
            }
            _ => rest = after,
        }
    }
    properties
}

/// `2022-02-13 00:00:00:0` (Founder's milliseconds after a colon) → `2022-02-13 00:00:00`.
pub(crate) fn without_fraction(date: &str) -> String {
    match date.rsplit_once(':') {
        Some((time, fraction))
            if date.matches(':').count() == 3 && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            time.to_owned()
        }
        _ => date.to_owned(),
    }
}
