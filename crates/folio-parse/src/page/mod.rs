//! Whole web pages: the metadata a page carries about its article. Sources, in the order
//! they are trusted: JSON-LD (`NewsArticle`, `Article`, …, also inside `@graph`), `<meta>`
//! name/property pairs (`og:`, `article:`, `twitter:`, `dc.`, `sailthru.`, `parsely-`),
//! `<link rel=canonical>`, `<time datetime>`, `rel=author`, and — for Chinese pages — the
//! byline under the headline (`2022-05-08 18:46 来源：新华网 作者：…`). The `<title>` is used
//! last, with the site name cut off. Every meta key found is kept under `meta`.
//!
//! [`read`] fills a record in named steps, one room each: `meta` (what the markup says:
//! `<meta>`, JSON-LD, Founder comments), `title` (the headline), `author` and `date`; the
//! byline under a Chinese headline is the crate's `byline`.

mod author;
mod date;
mod meta;
#[cfg(test)]
mod tests;
mod title;

pub(crate) use date::{PageZone, BEIJING, TOKYO_SEOUL};
pub(crate) use meta::founder_properties;

use folio_model::driver::Notes;
use folio_model::Record;
use html5ever::local_name;
use scraper::Html;
use serde_json::{Map, Value};

use self::meta::{collect_meta, image_of, json_ld, select_named, selector, tags, Metadata};
use crate::byline::{self, Byline};
use crate::fields;

/// The page as parsed for its metadata: script and style bodies emptied (most of an English
/// page's bytes, and never metadata) except JSON-LD's, which is read.
pub(crate) fn parse_for_metadata(text: &str) -> Html {
    folio_html::parse_document(&folio_html::raw::empty_scripts_and_comments(
        text,
        folio_html::raw::is_json_ld,
    ))
}

/// Fills `record` from the page's metadata; `url_hint` is the address the page was fetched
/// from, when known.
pub(crate) fn read(
    doc: &Html,
    founder: &[(String, String)],
    url_hint: Option<&str>,
    zone: PageZone,
    record: &mut Record,
    notes: &mut Notes,
) {
    let meta = collect_meta(doc);
    let ld = json_ld(doc);
    let page = Metadata {
        doc,
        meta: &meta,
        ld: &ld,
        founder,
    };
    record.url = url(&page, url_hint);
    let page_title = title::page_title(doc);
    record.title = title::headline(&page, page_title.as_deref(), record.url.as_deref());
    let byline = byline::find(doc, record.title.as_deref());
    record.author = author::author(&page, &byline);
    date::fill(&page, &byline, zone, url_hint, record, notes);
    record.image = page
        .get(&[
            "og:image",
            "og:image:url",
            "twitter:image",
            "twitter:image:src",
        ])
        .or_else(|| page.ld_get("image").as_ref().and_then(image_of));
    record.summary = page.get(&["og:description", "description", "twitter:description"]);
    record.categories = page.get(&["article:section"]).into_iter().collect();
    record.tags = tags(&meta);
    record.meta = Some(kept_meta(meta, page_title, ld, byline, founder));
}

/// The article's address: the canonical link, `og:url` or `twitter:url`, else the address
/// the page was fetched from; web addresses only.
fn url(page: &Metadata, url_hint: Option<&str>) -> Option<String> {
    let canonical = select_named(
        page.doc,
        local_name!("link"),
        selector!("link[rel~=canonical]"),
    )
    .find_map(|l| l.value().attr("href"))
    .map(str::to_owned);
    [
        canonical,
        page.get(&["og:url", "twitter:url"]),
        url_hint.map(str::to_owned),
    ]
    .into_iter()
    .flatten()
    .find(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// Every meta key found, with the page's `<title>`, its JSON-LD, the byline's fields and the
/// Founder properties, for `meta`.
fn kept_meta(
    mut meta: Map<String, Value>,
    page_title: Option<String>,
    ld: Vec<Map<String, Value>>,
    byline: Byline,
    founder: &[(String, String)],
) -> Map<String, Value> {
    if let Some(title) = page_title {
        meta.insert("title".into(), Value::String(title));
    }
    if !ld.is_empty() {
        meta.insert(
            "json_ld".into(),
            Value::Array(ld.into_iter().map(Value::Object).collect()),
        );
    }
    byline.into_meta(&mut meta);
    if !founder.is_empty() {
        let properties = founder
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        meta.insert("enpproperty".into(), Value::Object(properties));
    }
    meta
}

/// Host of a page URL, as `source.site`.
pub(crate) fn site(record: &Record) -> Option<String> {
    record.url.as_deref().and_then(fields::host)
}
