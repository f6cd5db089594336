//! Atom feeds (RFC 4287): a feed with id, title, updated and author, one entry per record
//! with id, title, updated, links, categories and the body as escaped HTML. The feed's
//! `updated` is the newest entry's date, so the feed is the same bytes for the same input.

use chrono::{DateTime, FixedOffset};
use folio_model::{Block, Record};

use crate::escape::html as esc;
use crate::url::{safe_url, UrlUse};

/// Stands where an entry's `updated` goes until the feed knows it (undated records take the
/// feed's date). Escaped text can hold no NUL, so the mark cannot come from a record.
const UPDATED_MARK: &str = "\u{0}updated\u{0}";

/// The date written when no record has one, so the feed stays valid and reproducible.
const EPOCH: &str = "1970-01-01T00:00:00+00:00";

/// One entry, its `updated` still to fill in.
pub fn entry(record: &Record, body: &[Block]) -> String {
    let mut out = String::from("<entry>\n");
    out.push_str(&format!("<id>{}</id>\n", entry_id(record)));
    out.push_str(&format!(
        "<title type=\"text\">{}</title>\n",
        esc(record.title.as_deref().unwrap_or(""))
    ));
    out.push_str(&format!("<updated>{UPDATED_MARK}</updated>\n"));
    if let Some(date) = record.date {
        out.push_str(&format!("<published>{}</published>\n", date.to_rfc3339()));
    }
    if let Some(author) = record.author.as_deref().filter(|a| !a.trim().is_empty()) {
        out.push_str(&format!(
            "<author><name>{}</name></author>\n",
            esc(author.trim())
        ));
    }
    if let Some(url) = record
        .url
        .as_deref()
        .and_then(|u| safe_url(u, UrlUse::Link))
    {
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            esc(&url)
        ));
    }
    for category in &record.categories {
        out.push_str(&format!("<category term=\"{}\"/>\n", esc(category)));
    }
    if let Some(summary) = record.summary.as_deref() {
        out.push_str(&format!(
            "<summary type=\"text\">{}</summary>\n",
            esc(summary)
        ));
    }
    let content = crate::html::blocks(body);
    out.push_str(&format!(
        "<content type=\"html\">{}</content>\n",
        esc(&content)
    ));
    out.push_str("</entry>\n");
    out
}

/// A stable id for the entry: a name-based UUID from the record's id (or URL, or title and
/// date), so the same article keeps its id from run to run.
fn entry_id(record: &Record) -> String {
    let key = match (&record.id, &record.url) {
        (Some(id), _) => format!("id:{id}"),
        (None, Some(url)) => format!("url:{url}"),
        _ => format!(
            "title:{}\u{0}{}",
            record.title.as_deref().unwrap_or(""),
            record.date.map(|d| d.to_rfc3339()).unwrap_or_default()
        ),
    };
    uuid_from(&key)
}

/// `urn:uuid:` with a version-8 (name-based, custom hash) UUID from BLAKE3.
pub fn uuid_from(key: &str) -> String {
    let hash = blake3::hash(key.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash.as_bytes()[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// What the feed says about itself.
#[derive(Debug, Clone)]
pub struct FeedInfo {
    pub title: String,
    /// The feed's own address (`rel="self"`), also its id when given.
    pub url: Option<String>,
}

/// The whole feed from its entries (in input order) and their dates.
pub fn feed(info: &FeedInfo, entries: &[(String, Option<DateTime<FixedOffset>>)]) -> String {
    let newest = entries.iter().filter_map(|(_, d)| *d).max();
    let updated = newest.map_or_else(|| EPOCH.to_owned(), |d| d.to_rfc3339());
    let self_url = info.url.as_deref().and_then(|u| safe_url(u, UrlUse::Link));
    let id = match &self_url {
        Some(url) => esc(url),
        None => uuid_from(&format!("feed:{}", info.title)),
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!(
        "<id>{id}</id>\n<title type=\"text\">{}</title>\n",
        esc(&info.title)
    ));
    out.push_str(&format!("<updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "<author><name>{}</name></author>\n",
        esc(&info.title)
    ));
    if let Some(url) = &self_url {
        out.push_str(&format!("<link rel=\"self\" href=\"{}\"/>\n", esc(url)));
    }
    out.push_str("<generator>folio-render</generator>\n");
    for (text, date) in entries {
        let own = date.map_or_else(|| updated.clone(), |d| d.to_rfc3339());
        out.push_str(&text.replacen(UPDATED_MARK, &own, 1));
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_has_the_required_elements_and_escapes() {
        let dated = Record {
            id: Some("a".into()),
            title: Some("<b>标题</b> & co".into()),
            date: DateTime::parse_from_rfc3339("2022-05-08T18:46:55+08:00").ok(),
            url: Some("https://a.cn/x?a=1&b=2".into()),
            ..Record::default()
        };
        let undated = Record {
            title: Some("无日期".into()),
            ..Record::default()
        };
        let entries = vec![
            (entry(&dated, &[]), dated.date),
            (entry(&undated, &[]), None),
        ];
        let info = FeedInfo {
            title: "Feed".into(),
            url: None,
        };
        let xml = feed(&info, &entries);
        assert!(
            xml.contains("<updated>2022-05-08T18:46:55+08:00</updated>\n<author>"),
            "{xml}"
        );
        assert_eq!(
            xml.matches("<updated>2022-05-08T18:46:55+08:00</updated>")
                .count(),
            3,
            "{xml}"
        );
        assert!(xml.contains("<title type=\"text\">&lt;b&gt;标题&lt;/b&gt; &amp; co</title>"));
        assert!(xml.contains("href=\"https://a.cn/x?a=1&amp;b=2\""));
        assert!(!xml.contains('\u{0}'));
        assert_eq!(uuid_from("x"), uuid_from("x"));
        assert_eq!(uuid_from("x").len(), "urn:uuid:".len() + 36);
    }
}
