//! Whole web pages: the metadata a page carries about its article. Sources, in the order
//! they are trusted: JSON-LD (`NewsArticle`, `Article`, …, also inside `@graph`), `<meta>`
//! name/property pairs (`og:`, `article:`, `twitter:`, `dc.`, `sailthru.`, `parsely-`),
//! `<link rel=canonical>`, `<time datetime>`, `rel=author`, and — for Chinese pages — the
//! byline under the headline (`2022-05-08 18:46 来源：新华网 作者：…`). The `<title>` is used
//! last, with the site name cut off. Every meta key found is kept under `meta`.

use chrono::{DateTime, FixedOffset};
use folio_model::date::{self, Zone};
use folio_model::driver::Notes;
use folio_model::Record;
use html5ever::{local_name, LocalName};
use scraper::{ElementRef, Html, Selector};
use serde_json::{Map, Value};

use folio_html::text::{is_han, squash};

use crate::byline::{self, Byline};
use crate::fields;
use crate::title;

/// The page as parsed for its metadata: script and style bodies emptied (most of an English
/// page's bytes, and never metadata) except JSON-LD's, which is read.
pub(crate) fn parse_for_metadata(text: &str) -> Html {
    folio_html::parse_document(&folio_html::raw::empty_scripts_and_comments(
        text,
        folio_html::raw::is_json_ld,
    ))
}

macro_rules! selector {
    ($css:expr) => {{
        static SELECTOR: std::sync::LazyLock<Selector> =
            std::sync::LazyLock::new(|| Selector::parse($css).expect("valid selector"));
        &*SELECTOR
    }};
}

/// `doc.select(selector)`, in the same order, for a selector that only matches elements named
/// `name`. The name, interned, is compared first: matching the selector itself costs some two
/// hundred instructions an element, and several selectors ran over every element of a page.
fn select_named<'a>(
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
    let founder_get = |key: &str| {
        founder
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
    };
    let ld = json_ld(doc);
    let get = |keys: &[&str]| keys.iter().find_map(|k| text_of(meta.get(*k)?));
    let ld_get = |key: &str| ld.iter().find_map(|obj| obj.get(key)).cloned();

    let canonical = select_named(doc, local_name!("link"), selector!("link[rel~=canonical]"))
        .find_map(|l| l.value().attr("href"))
        .map(str::to_owned);
    record.url = [
        canonical,
        get(&["og:url", "twitter:url"]),
        url_hint.map(str::to_owned),
    ]
    .into_iter()
    .flatten()
    .find(|u| u.starts_with("http://") || u.starts_with("https://"));

    let page_title = select_named(doc, local_name!("title"), selector!("title"))
        .next()
        .map(|t| squash(&t.text().collect::<String>()));
    let headline = first_heading(doc);
    let cut_title = page_title.as_deref().map(cut_site_name);
    let site = title::Site::new(doc, &meta);
    record.title = get(&[
        "og:title",
        "twitter:title",
        "sailthru.title",
        "parsely-title",
        "dc.title",
    ])
    // A meta title that is a truncated copy of the page title (an unescaped quote in the
    // attribute ends it early) loses to the page title.
    .map(|meta| match &cut_title {
        Some(cut) if cut.len() > meta.len() && cut.starts_with(meta.as_str()) => cut.clone(),
        _ => meta,
    })
    .or_else(|| ld_get("headline").as_ref().and_then(text_of))
    .or_else(|| {
        // An `<h1>` that the title holds is the headline, unless the title holds more and the
        // `<h1>` is the site's name (a logo set in an `<h1>`, `标题 站名`).
        headline.clone().filter(|h| {
            page_title.as_deref().is_some_and(|t| {
                t.contains(h.as_str())
                    && (t == h || cut_title.as_ref() == Some(h) || !site.is_name(h))
            })
        })
    })
    // The `<title>` without a site name the page confirms, or, when it names the section the
    // article is filed under, the headline under the breadcrumb.
    .or_else(|| {
        let title = site.cut(cut_title.as_deref()?);
        Some(title::under_breadcrumb(doc, &title).unwrap_or(title))
    })
    .or(headline);

    let byline = byline::find(doc, record.title.as_deref());
    // Profile links, template placeholders ("name, email@…") and forum software crediting
    // its makers are not names. A person named by a later key beats a publisher in
    // `<meta name=author>` (`dc.creator` on journal pages).
    let named_in_meta: Vec<String> = [
        "author",
        "article:author",
        "dc.creator",
        "sailthru.author",
        "parsely-author",
        "byl",
    ]
    .iter()
    .filter_map(|key| text_of(meta.get(*key)?))
    .filter(|a| !a.starts_with("http") && !a.contains('@') && !names_software(a))
    .collect();
    let named = named_in_meta
        .iter()
        .find(|a| !looks_like_organisation(a))
        .or(named_in_meta.first())
        .cloned()
        .or_else(|| ld_get("author").as_ref().and_then(person_names))
        .or_else(|| rel_author(doc))
        .or_else(|| founder_get("author"));
    // Chinese sites often put their own name in <meta name=author>; the byline's person wins.
    record.author = match named {
        Some(name) if looks_like_organisation(&name) => byline.author().or(Some(name)),
        Some(name) => Some(name),
        None => byline
            .author()
            .or_else(|| author_link(doc, &byline.window))
            .or_else(|| blog_owner_link(doc))
            .or_else(|| byline::copyright_holder(doc)),
    }
    .map(|names| byline::tidy_names(&names));

    let date_raw = get(&[
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "dc.date.issued",
        "dc.date",
        "sailthru.date",
        "parsely-pub-date",
        "date",
    ])
    .or_else(|| ld_get("datePublished").as_ref().and_then(text_of))
    .or_else(|| time_element(doc))
    // schema.org microdata (`<meta itemprop=datePublished>`) and Sohu's habit: often without a
    // zone, so after JSON-LD and `<time datetime>`, but before the text of the byline.
    .or_else(|| get(&["datepublished", "og:release_date"]))
    .or_else(|| founder_get("date").map(|d| without_fraction(&d)))
    .or_else(|| byline.date());
    if let Some(raw) = date_raw {
        let url = record.url.as_deref().or(url_hint);
        let title = record.title.as_deref();
        match read_date(&raw, zone, || written_in_chinese(doc, url, title)) {
            None => notes.warn(format!("date {raw:?} is not a date; `date` left out")),
            Some((date, in_utc_for_want_of_a_zone)) => {
                if in_utc_for_want_of_a_zone {
                    notes.warn(format!(
                        "date {raw:?} has no time zone; taken as UTC (--tz names the site's)"
                    ));
                }
                record.date = Some(date);
            }
        }
        record.date_raw = Some(raw);
    }

    record.image = get(&[
        "og:image",
        "og:image:url",
        "twitter:image",
        "twitter:image:src",
    ])
    .or_else(|| ld_get("image").as_ref().and_then(image_of));
    record.summary = get(&["og:description", "description", "twitter:description"]);
    record.categories = get(&["article:section"]).into_iter().collect();
    record.tags = tags(&meta);
    let mut meta = meta;
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
    record.meta = Some(meta);
}

/// The zone for times a page writes without one.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PageZone {
    /// `--tz`: the user knows the site's zone.
    Given(Zone),
    /// No `--tz`: Beijing time for a page in Chinese, else UTC with a warning.
    Guessed { chinese_encoding: bool },
}

/// China, Hong Kong, Macao and Taiwan all keep UTC+8, without daylight saving.
const BEIJING: i32 = 8 * 3600;

/// The instant `raw` names, and whether it was taken as UTC only because neither the text
/// nor the page said which zone it is in. Whether a text carries its own zone is told by
/// reading it in two zones: a zone-less time gives two instants.
fn read_date(
    raw: &str,
    zone: PageZone,
    chinese: impl FnOnce() -> bool,
) -> Option<(DateTime<FixedOffset>, bool)> {
    let chinese_encoding = match zone {
        PageZone::Given(zone) => return date::parse(raw, &zone).map(|d| (d, false)),
        PageZone::Guessed { chinese_encoding } => chinese_encoding,
    };
    let utc = date::parse(raw, &Zone::default())?;
    let east = FixedOffset::east_opt(3600).expect("one hour is a valid offset");
    if date::parse(raw, &Zone::Fixed(east)) == Some(utc) {
        return Some((utc, false));
    }
    if chinese_encoding || chinese() {
        let beijing = FixedOffset::east_opt(BEIJING).expect("UTC+8 is a valid offset");
        return date::parse(raw, &Zone::Fixed(beijing)).map(|d| (d, false));
    }
    Some((utc, true))
}

/// Whether a page is written in Chinese, from what costs little to read: a declared `lang`
/// of `zh…`, an address under `.cn`, `.hk`, `.mo` or `.tw`, or a title whose letters are
/// mostly Han characters. (The encoding, GBK or Big5, is told by the caller.)
fn written_in_chinese(doc: &Html, url: Option<&str>, title: Option<&str>) -> bool {
    let lang = doc.root_element().value().attr("lang");
    if lang.is_some_and(|l| l.trim().to_ascii_lowercase().starts_with("zh")) {
        return true;
    }
    let host = url.and_then(fields::host).unwrap_or_default();
    if [".cn", ".hk", ".mo", ".tw"]
        .iter()
        .any(|tld| host.ends_with(tld))
    {
        return true;
    }
    let title = title.unwrap_or_default();
    let han = title.chars().filter(|&c| is_han(c)).count();
    let latin = title.chars().filter(char::is_ascii_alphabetic).count();
    han > 0 && han >= latin
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
fn without_fraction(date: &str) -> String {
    match date.rsplit_once(':') {
        Some((time, fraction))
            if date.matches(':').count() == 3 && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            time.to_owned()
        }
        _ => date.to_owned(),
    }
}

/// Every `<meta>` with a name, property or itemprop and a content, keys lower-cased; a key
/// met more than once keeps all its values in a list.
fn collect_meta(doc: &Html) -> Map<String, Value> {
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

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
    "WebPage",
];

/// The JSON-LD objects that describe an article, from every script block and `@graph`.
fn json_ld(doc: &Html) -> Vec<Map<String, Value>> {
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

fn collect_articles(value: Value, out: &mut Vec<Map<String, Value>>) {
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

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(squash(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

fn person_names(value: &Value) -> Option<String> {
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(person_names).collect(),
        Value::Object(obj) => obj.get("name").and_then(text_of).into_iter().collect(),
        other => text_of(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join(", "))
}

fn image_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(obj) => obj.get("url").and_then(text_of),
        Value::Array(items) => items.iter().find_map(image_of),
        other => text_of(other),
    }
}

fn tags(meta: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["article:tag", "news_keywords", "keywords"] {
        let values: Vec<&str> = match meta.get(key) {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
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

fn first_heading(doc: &Html) -> Option<String> {
    select_named(doc, local_name!("h1"), selector!("h1"))
        .map(|h| squash(&h.text().collect::<String>()))
        .find(|t| t.chars().count() >= 4)
}

fn rel_author(doc: &Html) -> Option<String> {
    let text = |el: ElementRef| squash(&el.text().collect::<String>());
    let short = |t: &String| !t.is_empty() && t.chars().count() <= 60;
    doc.select(selector!(r#"a[rel~="author"], [itemprop="author"]"#))
        .map(text)
        .find(short)
}

/// Links to an author's page: `/author/jane-doe/`, `?author=102`, `?pc=3&author=102`.
const AUTHOR_LINKS: &str = r#"a[href*="/author/"], a[href*="?author="], a[href*="&author="]"#;

/// Forum and blog software that writes its makers into `<meta name=author>` on every page it
/// serves (`Discuz! Team and Comsenz UI Team`): the software's credit, not the article's.
fn names_software(author: &str) -> bool {
    const MAKERS: &[&str] = &[
        "discuz!",
        "comsenz",
        "phpwind",
        "dedecms",
        "powered by",
        "wordpress",
        "joomla",
        "drupal",
        "vbulletin",
        "phpbb",
    ];
    let author = author.to_ascii_lowercase();
    MAKERS.iter().any(|maker| author.contains(maker))
}

/// The first link to an author's page whose text is in the byline under the headline, as
/// blogs and WordPress sites link a byline: a last resort. Links elsewhere (other writers'
/// columns in a sidebar) are not the article's author.
fn author_link(doc: &Html, byline_window: &str) -> Option<String> {
    let byline = squash(byline_window);
    if byline.is_empty() {
        return None;
    }
    select_named(doc, local_name!("a"), selector!(AUTHOR_LINKS))
        .map(|el| squash(&el.text().collect::<String>()))
        .find(|t| could_be_a_link_name(t) && byline.contains(t.as_str()))
}

/// The owner of a one-author blog, after every other source: its pages link the author's
/// archive many times over (categories `?pc=3&author=102`, months `?m=200604&author=102`),
/// and the link to the author's own page (`?author=102`, `/author/jane-doe/`) carries the
/// name. A news page's sidebar links several writers once each, so at least three author
/// links are asked for, nine in ten of them to the same author.
fn blog_owner_link(doc: &Html) -> Option<String> {
    let links: Vec<(AuthorHref, ElementRef)> =
        select_named(doc, local_name!("a"), selector!(AUTHOR_LINKS))
            .filter_map(|el| Some((AuthorHref::read(el.value().attr("href")?)?, el)))
            .collect();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (href, _) in &links {
        *counts.entry(href.author).or_default() += 1;
    }
    // Two authors cannot both have nine links in ten: a tie fails the test below either way.
    let (owner, owned) = counts.into_iter().max_by_key(|&(_, count)| count)?;
    if owned < 3 || owned * 10 < links.len() * 9 {
        return None;
    }
    links
        .iter()
        .filter(|(href, _)| href.author == owner && href.own_page)
        .map(|(_, el)| squash(&el.text().collect::<String>()))
        .find(|t| could_be_a_link_name(t))
}

/// A short link text without addresses: a name rather than "View all posts" prose.
fn could_be_a_link_name(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 40
        && text.split_whitespace().count() <= 4
        && !text.contains(['@', '/', ':'])
}

/// Which author a link to an author's page names, and whether it is that author's own page
/// rather than one of their archives.
struct AuthorHref<'h> {
    author: &'h str,
    own_page: bool,
}

impl<'h> AuthorHref<'h> {
    fn read(href: &'h str) -> Option<Self> {
        let href = href.split('#').next().unwrap_or(href);
        if let Some(at) = href.find("/author/") {
            let rest = &href[at + "/author/".len()..];
            let author = rest.split(['/', '?']).next().filter(|a| !a.is_empty())?;
            let own_page = rest.trim_end_matches('/') == author;
            return Some(AuthorHref { author, own_page });
        }
        let at = href.find("?author=").or_else(|| href.find("&author="))?;
        let rest = &href[at + "?author=".len()..];
        let author = rest.split('&').next().filter(|a| !a.is_empty())?;
        let own_page = href[at..].starts_with('?') && rest.len() == author.len();
        Some(AuthorHref { author, own_page })
    }
}

fn time_element(doc: &Html) -> Option<String> {
    let times: Vec<ElementRef> =
        select_named(doc, local_name!("time"), selector!("time[datetime]")).collect();
    let best = times.iter().find(|t| {
        t.value().attr("pubdate").is_some() || t.value().attr("itemprop") == Some("datePublished")
    });
    best.or(times.first())
        .and_then(|t| t.value().attr("datetime"))
        .map(squash)
        .filter(|t| !t.is_empty())
}

/// `Headline - Channel - Site` → `Headline`. Sites put the headline first and their name
/// after a separator; the few that put their name first (`Site | Headline`) are told by a
/// later part more than twice as long as the first.
pub(crate) fn cut_site_name(title: &str) -> String {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", "_", "｜", " :: ", " » ", "--"];
    let Some(sep) = SEPARATORS.iter().find(|sep| title.contains(*sep)) else {
        return title.trim().to_owned();
    };
    let parts: Vec<&str> = title
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let first = parts.first().copied().unwrap_or(title);
    let longest = parts
        .iter()
        .copied()
        .max_by_key(|p| p.chars().count())
        .unwrap_or(first);
    if longest.chars().count() > 2 * first.chars().count() {
        longest.to_owned()
    } else {
        first.to_owned()
    }
}

/// Site or company names that pages put where an author's name belongs.
pub(crate) fn looks_like_organisation(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "网",
        "网站",
        "网络",
        "社",
        "集团",
        "公司",
        "出版社",
        "报",
        "日报",
        "Team",
        "Inc",
        "Inc.",
        "Ltd",
        "贡献者",
    ];
    name.contains("www.")
        || name.split([',', '，']).map(str::trim).any(|part| {
            part.contains(".com")
                || part.contains(".cn")
                || SUFFIXES.iter().any(|s| part.ends_with(s))
        })
}

impl Byline<'_> {
    fn into_meta(self, meta: &mut Map<String, Value>) {
        for (key, value) in self.fields {
            meta.entry(key).or_insert(Value::String(value));
        }
    }
}

/// Host of a page URL, as `source.site`.
pub(crate) fn site(record: &Record) -> Option<String> {
    record.url.as_deref().and_then(fields::host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_model::Location;

    fn read_page(html: &str) -> (Record, Vec<String>) {
        let mut record = Record::default();
        let mut notes = Notes::new(Location::file("t"));
        let zone: Zone = "Asia/Shanghai".parse().unwrap();
        read(
            &parse_for_metadata(html),
            &founder_properties(html),
            Some("https://news.example.cn/a.html"),
            PageZone::Given(zone),
            &mut record,
            &mut notes,
        );
        (record, notes.warnings().to_vec())
    }

    #[test]
    fn forum_software_credited_in_meta_author_is_no_author() {
        let (r, _) = read_page(
            r#"<html><head><title>t</title>
            <meta name="author" content="Discuz! Team and Comsenz UI Team">
            </head><body></body></html>"#,
        );
        assert_eq!(r.author, None);
        assert!(!names_software("Ann Writer"));
    }

    #[test]
    fn a_person_in_later_meta_beats_a_publisher_in_meta_author() {
        let (r, _) = read_page(
            r#"<html><head><title>城市更新与社区治理的新路径</title>
            <meta name="author" content="示例期刊,示例出版社">
            <meta name="dc.creator" content="周　新">
            </head><body><h1>城市更新与社区治理的新路径</h1></body></html>"#,
        );
        // The spaced two-character name is one name.
        assert_eq!(r.author.as_deref(), Some("周新"));
        let (r, _) = read_page(
            r#"<html><head><title>t</title><meta name="author" content="示例出版社">
            </head><body></body></html>"#,
        );
        assert_eq!(r.author.as_deref(), Some("示例出版社"));
    }

    #[test]
    fn open_graph_and_article_meta() {
        let (r, _) = read_page(
            r#"<html><head><title>Headline text - Example Times</title>
            <meta property="og:title" content="The  headline">
            <meta property="og:url" content="https://example.com/story">
            <meta property="article:published_time" content="2022-05-08T10:46:55Z">
            <meta name="author" content="Ann Writer">
            <meta property="og:image" content="https://example.com/lead.jpg">
            <meta property="article:section" content="World">
            <meta property="article:tag" content="trade"><meta property="article:tag" content="ports">
            <meta name="description" content="What happened.">
            </head><body></body></html>"#,
        );
        assert_eq!(r.title.as_deref(), Some("The headline"));
        assert_eq!(r.url.as_deref(), Some("https://example.com/story"));
        assert_eq!(r.date.unwrap().to_rfc3339(), "2022-05-08T10:46:55+00:00");
        assert_eq!(r.author.as_deref(), Some("Ann Writer"));
        assert_eq!(r.image.as_deref(), Some("https://example.com/lead.jpg"));
        assert_eq!(r.categories, ["World"]);
        assert_eq!(r.tags, ["trade", "ports"]);
        assert_eq!(r.summary.as_deref(), Some("What happened."));
        assert_eq!(
            r.meta.unwrap()["article:tag"],
            serde_json::json!(["trade", "ports"])
        );
    }

    #[test]
    fn json_ld_in_a_graph() {
        let (r, _) = read_page(
            r#"<html><head><title>x</title><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},
            {"@type":"NewsArticle","headline":"From JSON-LD","datePublished":"2021-03-01T08:00:00+08:00",
             "author":[{"@type":"Person","name":"A One"},{"@type":"Person","name":"B Two"}],
             "image":{"@type":"ImageObject","url":"https://e.com/i.png"}}]}
            </script></head><body></body></html>"#,
        );
        assert_eq!(r.title.as_deref(), Some("From JSON-LD"));
        assert_eq!(r.author.as_deref(), Some("A One, B Two"));
        assert_eq!(r.date.unwrap().to_rfc3339(), "2021-03-01T08:00:00+08:00");
        assert_eq!(r.image.as_deref(), Some("https://e.com/i.png"));
    }

    #[test]
    fn time_element_rel_author_canonical() {
        let (r, _) = read_page(
            r#"<html><head><title>A long enough headline | Site</title>
            <link rel="canonical" href="https://example.org/canon"></head><body>
            <h1>A long enough headline</h1><a rel="author" href="/p/x">Cee Dee</a>
            <time datetime="2020-02-02T02:02:00Z">Feb 2</time></body></html>"#,
        );
        assert_eq!(r.url.as_deref(), Some("https://example.org/canon"));
        assert_eq!(r.title.as_deref(), Some("A long enough headline"));
        assert_eq!(r.author.as_deref(), Some("Cee Dee"));
        assert_eq!(r.date_raw.as_deref(), Some("2020-02-02T02:02:00Z"));
    }

    #[test]
    fn author_links_count_in_the_byline_only() {
        let (r, _) = read_page(
            "<html><head><title>Harbour traffic climbs again</title></head><body>\
             <h1>Harbour traffic climbs again</h1>\
             <p>By <a href=\"/author/mei-lin/\">Mei Lin</a>, 8 May 2022</p>\
             <p>Lorries queued at the gate for a third week.</p></body></html>",
        );
        assert_eq!(r.author.as_deref(), Some("Mei Lin"));
        // A sidebar link far below the headline, past where a byline is looked for.
        let story = "<p>Cranes worked through the night to clear the backlog.</p>".repeat(20);
        let (r, _) = read_page(&format!(
            "<html><head><title>Harbour traffic climbs again</title></head><body>\
             <h1>Harbour traffic climbs again</h1>{story}\
             <aside>Columns: <a href=\"/author/tom-akers/\">Tom Akers</a></aside></body></html>"
        ));
        assert_eq!(r.author, None);
    }

    #[test]
    fn a_one_author_blog_names_its_owner() {
        let archive = |author: u32| {
            format!(
                "<a href=\"/?pc=1&#038;author={author}\">未归类</a>\
                 <a href=\"/?m=200604&author={author}\">April 2006</a>"
            )
        };
        // The sidebar is far below the headline, past where a byline is looked for.
        let story =
            "<p>The towpath was quiet this morning, and the locks stood open.</p>".repeat(20);
        let page = |sidebar: &str| {
            format!(
                "<html><head><title>A walk along the canal</title></head><body>\
                 <h2>A walk along the canal</h2>{story}\
                 <div class=sidebar>{sidebar}</div></body></html>"
            )
        };
        let owner = format!(
            "<a href=\"http://blog.example.org/?author=102\" title=\"[小河]的博客\">小河</a>{}",
            archive(102)
        );
        let (r, _) = read_page(&page(&owner));
        assert_eq!(r.author.as_deref(), Some("小河"));
        let wordpress = "<a href=\"/author/mei-lin/\">Mei Lin</a>\
             <a href=\"/author/mei-lin/page/2/\">Older</a><a href=\"/author/mei-lin/feed/\">Feed</a>";
        let (r, _) = read_page(&page(wordpress));
        assert_eq!(r.author.as_deref(), Some("Mei Lin"));
        // Several writers' columns: no owner.
        let columns = format!("{owner}<a href=\"/?author=7\">老张</a>{}", archive(7));
        let (r, _) = read_page(&page(&columns));
        assert_eq!(r.author, None);
        // Too few links to tell a blog from a sidebar.
        let (r, _) = read_page(&page("<a href=\"/author/tom-akers/\">Tom Akers</a>"));
        assert_eq!(r.author, None);
        // Only archive links: nothing names the owner.
        let (r, _) = read_page(&page(&format!("{}{}", archive(102), archive(102))));
        assert_eq!(r.author, None);
    }

    #[test]
    fn founder_cms_properties_in_a_comment() {
        let (r, warnings) = read_page(
            "<html><head><title>高原村庄改造厕所</title></head><body>\
             <span id=paperdate>2022年02月12日</span><h1>高原村庄改造厕所</h1><p>正文第一段。</p>\
             <!--enpproperty <date>2022-02-13 00:00:00:0</date><author>格桑</author>\
             <keyword></keyword><title>高原村庄改造厕所</title>/enpproperty--></body></html>",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(r.date_raw.as_deref(), Some("2022-02-13 00:00:00"));
        assert_eq!(
            r.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2022-02-13T00:00:00+08:00")
        );
        assert_eq!(r.author.as_deref(), Some("格桑"));
        let meta = r.meta.unwrap();
        assert_eq!(meta["enpproperty"]["title"], "高原村庄改造厕所");
        assert!(meta["enpproperty"].get("keyword").is_none());
    }

    #[test]
    fn founder_properties_survive_odd_comments() {
        assert!(founder_properties("<p>no comment</p>").is_empty());
        assert_eq!(
            founder_properties("<!--enpproperty <a>1</a><b>unclosed <c>3</c>-->"),
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("c".to_owned(), "3".to_owned())
            ]
        );
        assert!(founder_properties("<!--enpproperty <date>2022").is_empty());
        assert_eq!(
            without_fraction("2022-02-13 00:00:00:0"),
            "2022-02-13 00:00:00"
        );
        assert_eq!(without_fraction("2022-02-13 10:00"), "2022-02-13 10:00");
    }

    #[test]
    fn microdata_and_release_date_beat_the_byline() {
        for meta in [
            r#"<meta itemprop="datePublished" content="2020-11-26 08:04">"#,
            r#"<meta property="og:release_date" content="2020-11-26 08:04">"#,
        ] {
            let (r, _) = read_page(&format!(
                "<html><head><title>港口吞吐量稳步回升</title>{meta}</head><body>\
                 <h1>港口吞吐量稳步回升</h1><p>2020-11-18 转载自示例网</p></body></html>"
            ));
            assert_eq!(r.date_raw.as_deref(), Some("2020-11-26 08:04"), "{meta}");
        }
    }

    #[test]
    fn chinese_byline_under_the_headline() {
        let (r, _) = read_page(
            r#"<html><head><title>港口吞吐量稳步回升_财经频道_示例网</title></head><body>
            <div class="nav">首页 | 财经 | 2023年1月1日 星期日</div>
            <h1>港口吞吐量稳步回升</h1>
            <div class="info">2022-05-08 18:46　来源：新华网　作者：李明　编辑：王芳</div>
            <p>正文第一段。</p></body></html>"#,
        );
        assert_eq!(r.title.as_deref(), Some("港口吞吐量稳步回升"));
        assert_eq!(r.date.unwrap().to_rfc3339(), "2022-05-08T18:46:00+08:00");
        assert_eq!(r.author.as_deref(), Some("李明"));
        let meta = r.meta.unwrap();
        assert_eq!(meta["来源"], "新华网");
        assert_eq!(meta["编辑"], "王芳");
    }

    #[test]
    fn a_logo_in_an_h1_is_not_the_headline() {
        let page = |home: &str| {
            format!(
                "<html><head><title>港口吞吐量稳步回升 示例新闻网</title></head><body>\
                 <h1>示例新闻网</h1>{home}<div class=title>港口吞吐量稳步回升</div>\
                 <p>正文第一段。</p></body></html>"
            )
        };
        let (r, _) = read_page(&page(
            r#"<a class="brand" href="https://news.example.cn">示例新闻网</a>"#,
        ));
        assert_eq!(r.title.as_deref(), Some("港口吞吐量稳步回升"));
        // Nothing says the `<h1>` is the site's name: it stays the headline.
        let (r, _) = read_page(&page(""));
        assert_eq!(r.title.as_deref(), Some("示例新闻网"));
        // A page whose `<title>` is all the `<h1>` holds keeps it.
        let (r, _) = read_page(
            r#"<html><head><title>示例网 - 随笔</title></head><body>
            <h1><a href="/">示例网 - 随笔</a></h1></body></html>"#,
        );
        assert_eq!(r.title.as_deref(), Some("示例网 - 随笔"));
    }

    #[test]
    fn a_section_title_gives_way_to_the_headline_under_the_breadcrumb() {
        let (r, _) = read_page(
            r#"<html><head><title>通知公告_示例学院</title></head><body>
            <p>当前位置：<a href="/">首页</a> &gt; <a href="/tz/">通知公告</a></p>
            <h2>关于举办春季运动会的通知</h2><p>发布日期：2023-04-01　来源：学院办公室</p>
            <p>正文第一段。</p></body></html>"#,
        );
        assert_eq!(r.title.as_deref(), Some("关于举办春季运动会的通知"));
        assert_eq!(r.date_raw.as_deref(), Some("2023-04-01"));
    }

    #[test]
    fn organisations_are_not_authors_when_the_byline_names_a_person() {
        let (r, _) = read_page(
            r#"<html><head><title>厕所革命改善人居环境_示例网</title><meta name="author" content="示例网络,示例日报"></head>
            <body><h1>厕所革命改善人居环境</h1><p>正文第一段。（记者 格桑）</p></body></html>"#,
        );
        assert_eq!(r.author.as_deref(), Some("格桑"));
        assert!(looks_like_organisation("www.example.cn,示例报业集团"));
        assert!(!looks_like_organisation("赵延东、风笑天"));
    }

    #[test]
    fn zone_less_times_of_chinese_pages_are_beijing_time() {
        let guessed = PageZone::Guessed {
            chinese_encoding: false,
        };
        let read = |raw: &str, chinese: bool| {
            read_date(raw, guessed, || chinese).map(|(d, warn)| (d.to_rfc3339(), warn))
        };
        assert_eq!(
            read("2019-09-07 15:10:53", true),
            Some(("2019-09-07T15:10:53+08:00".into(), false))
        );
        // An English page's zone-less time stays UTC, with a warning.
        assert_eq!(
            read("2019-09-07 15:10:53", false),
            Some(("2019-09-07T15:10:53+00:00".into(), true))
        );
        // A time that names its zone keeps it, and warns of nothing.
        assert_eq!(
            read("2019-09-07T15:10:53-05:00", true),
            Some(("2019-09-07T15:10:53-05:00".into(), false))
        );
        // `--tz` wins over the guess.
        let given = PageZone::Given("+09:00".parse().unwrap());
        let (date, warn) = read_date("2019-09-07 15:10", given, || true).unwrap();
        assert_eq!(
            (date.to_rfc3339().as_str(), warn),
            ("2019-09-07T15:10:00+09:00", false)
        );
    }

    #[test]
    fn chinese_pages_are_told_by_lang_host_or_title() {
        let doc = |html: &str| parse_for_metadata(html);
        let zh = doc(r#"<html lang="zh-CN"><head><title>Example</title></head></html>"#);
        assert!(written_in_chinese(&zh, None, Some("Example")));
        let en = doc("<html><head><title>Harbour traffic</title></head></html>");
        assert!(written_in_chinese(
            &en,
            Some("https://news.example.cn/a"),
            None
        ));
        assert!(written_in_chinese(&en, None, Some("港口吞吐量回升")));
        assert!(!written_in_chinese(
            &en,
            Some("https://example.com/a"),
            Some("Harbour traffic")
        ));
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        assert_eq!(
            cut_site_name("港口吞吐量稳步回升_财经频道_示例网"),
            "港口吞吐量稳步回升"
        );
        assert_eq!(
            cut_site_name("Markets rally on rate hopes | Example Times"),
            "Markets rally on rate hopes"
        );
        assert_eq!(cut_site_name("Plain title"), "Plain title");
        assert_eq!(cut_site_name("标题_示例网"), "标题");
        assert_eq!(
            cut_site_name("Times | Markets rally on rate hopes"),
            "Markets rally on rate hopes"
        );
    }
}
