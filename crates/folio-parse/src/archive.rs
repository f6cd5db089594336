//! WARC archives as folio-parse reads them: each `response` record holding an HTML page
//! becomes a document, read by the same page reader as an HTML file; every other record is
//! skipped and counted, and the counts are said once the archive is read. A broken record is
//! a reject named `archive:N` (the N-th record) and the reading goes on where it can.
//!
//! The archive is read in order on the feeding thread (its records come one after another
//! out of one gzip stream); the pages are parsed by the workers like any other document.

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;

use folio_model::driver::{Feed, Notes, Original, Rejection};
use folio_model::{Location, SourceField};
use serde_json::{Map, Value};

use crate::warc::{self, Head};
use crate::{http, Document, ParseError, Parser};

/// How much of a response block is read to find its HTTP header before the rest is read or
/// skipped: a large image or video is then skipped without being held.
const HTTP_PEEK: u64 = 64 << 10;

/// What a WARC record tells about the page in its payload.
#[derive(Debug, Clone)]
pub(crate) struct Capture {
    /// The record's place in the archive (1-based).
    pub number: u64,
    /// `WARC-Target-URI`, when it is a web address.
    pub url: Option<String>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// `WARC-Date`: when the page was fetched.
    pub date: Option<String>,
    /// The HTTP `Content-Type`, whose charset the page decoder takes first.
    pub content_type: Option<String>,
    /// `WARC-IP-Address`.
    pub ip_address: Option<String>,
    /// `WARC-Truncated`: why the crawler cut the payload short.
    pub truncated: Option<String>,
    /// What reading the payload took as it was.
    pub warnings: Vec<String>,
}

impl Capture {
    /// The stable id: from `WARC-Record-ID`, which names the record wherever the archive is
    /// read from; without one, from the archive's id key (its path as for any file) and the
    /// record's place in it.
    fn id(&self, id_key: Option<&str>) -> String {
        let key = match &self.record_id {
            Some(id) => format!("warc:{id}"),
            None => format!("warc:{}#{}", id_key.unwrap_or("<stdin>"), self.number),
        };
        blake3::hash(key.as_bytes()).to_hex()[..16].to_owned()
    }

    /// The keys kept under `meta.warc`.
    fn meta(&self) -> Value {
        let mut warc = Map::new();
        let fields = [
            ("record_id", &self.record_id),
            ("date", &self.date),
            ("content_type", &self.content_type),
            ("ip_address", &self.ip_address),
            ("truncated", &self.truncated),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                warc.insert(key.into(), Value::String(value.clone()));
            }
        }
        Value::Object(warc)
    }
}

impl Parser {
    /// The record of an HTML response taken out of an archive: the page read as any HTML
    /// file is, its address the record's `WARC-Target-URI`, the HTTP charset first.
    pub(crate) fn parse_archived(
        &self,
        doc: &Document,
        capture: &Capture,
        notes: &mut Notes,
    ) -> Result<(folio_model::Record, scraper::Html), ParseError> {
        for warning in &capture.warnings {
            notes.warn(warning.clone());
        }
        if let Some(why) = &capture.truncated {
            notes.warn(format!(
                "the crawler cut this page short (WARC-Truncated: {why})"
            ));
        }
        let bytes = doc.bytes.as_deref().unwrap_or_default();
        let url = capture.url.as_deref();
        let content_type = capture.content_type.as_deref();
        let (mut record, page) = self.read_page(doc, bytes.into(), url, content_type, notes)?;
        if url.is_some() {
            record.url = capture.url.clone();
            let site = crate::page::site(&record);
            if let Some(source) = record.source.as_mut().and_then(SourceField::folio_mut) {
                source.site = site;
            }
        }
        record.id = Some(capture.id(doc.id_key()));
        record
            .meta
            .get_or_insert_with(Map::new)
            .insert("warc".into(), capture.meta());
        Ok((record, page))
    }
}

/// Why a record was left out, in the order the closing note lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skipped {
    Warcinfo,
    Request,
    Metadata,
    Revisit,
    Resource,
    Conversion,
    Continuation,
    OtherType,
    NotHttp,
    Status,
    NotHtml,
    Segmented,
}

impl Skipped {
    const ALL: [Skipped; 12] = [
        Skipped::Warcinfo,
        Skipped::Request,
        Skipped::Metadata,
        Skipped::Revisit,
        Skipped::Resource,
        Skipped::Conversion,
        Skipped::Continuation,
        Skipped::OtherType,
        Skipped::NotHttp,
        Skipped::Status,
        Skipped::NotHtml,
        Skipped::Segmented,
    ];

    fn of_type(kind: &str) -> Skipped {
        match kind.to_ascii_lowercase().as_str() {
            "warcinfo" => Skipped::Warcinfo,
            "request" => Skipped::Request,
            "metadata" => Skipped::Metadata,
            "revisit" => Skipped::Revisit,
            "resource" => Skipped::Resource,
            "conversion" => Skipped::Conversion,
            "continuation" => Skipped::Continuation,
            _ => Skipped::OtherType,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Skipped::Warcinfo => "warcinfo",
            Skipped::Request => "request",
            Skipped::Metadata => "metadata",
            Skipped::Revisit => "revisit",
            Skipped::Resource => "resource",
            Skipped::Conversion => "conversion",
            Skipped::Continuation => "continuation",
            Skipped::OtherType => "of another type",
            Skipped::NotHttp => "response not HTTP",
            Skipped::Status => "response with a status other than 200",
            Skipped::NotHtml => "response not HTML",
            Skipped::Segmented => "response in segments",
        }
    }
}

/// What became of an archive's records.
#[derive(Debug, Default)]
struct Counts {
    pages: u64,
    rejected: u64,
    skipped: [u64; Skipped::ALL.len()],
}

impl Counts {
    fn note(&self) -> String {
        let skipped: u64 = self.skipped.iter().sum();
        let total = self.pages + self.rejected + skipped;
        let mut text = format!("{total} WARC record(s): {} HTML page(s)", self.pages);
        if skipped > 0 {
            let kinds: Vec<String> = Skipped::ALL
                .iter()
                .zip(self.skipped)
                .filter(|(_, n)| *n > 0)
                .map(|(kind, n)| format!("{n} {}", kind.label()))
                .collect();
            text.push_str(&format!(", {skipped} skipped ({})", kinds.join(", ")));
        }
        if self.rejected > 0 {
            text.push_str(&format!(", {} rejected", self.rejected));
        }
        text
    }
}

/// The documents of one archive, in order, then a note with what was skipped.
pub(crate) struct Records {
    reader: warc::Reader<Box<dyn BufRead + Send>>,
    source: Arc<str>,
    path: Option<PathBuf>,
    id_key: Option<String>,
    limit: u64,
    counts: Counts,
    finished: bool,
}

/// What became of one record.
enum Taken {
    Page(Box<Document>),
    Skipped(Skipped),
    Broken(String),
}

impl Records {
    /// The records of the archive read from `reader` (inflated already), found at `path`
    /// (`None`: stdin); pages get their ids from `id_key` when a record has no id.
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        path: Option<PathBuf>,
        id_key: Option<String>,
        limit: u64,
    ) -> Self {
        let source = path.as_ref().map_or_else(
            || Arc::from(folio_model::jsonl::STDIN),
            |p| Arc::from(p.to_string_lossy().as_ref()),
        );
        Records {
            reader: warc::Reader::new(reader),
            source,
            path,
            id_key,
            limit,
            counts: Counts::default(),
            finished: false,
        }
    }

    fn reject(&mut self, number: u64, why: String) -> Feed<Document> {
        self.counts.rejected += 1;
        let original = self
            .path
            .as_ref()
            .map(|p| Original::Path(p.display().to_string()));
        Feed::Reject(
            Location::line(self.source.clone(), number),
            Rejection::new(why, original),
        )
    }

    /// Reads (or skips) the block of the record `head` opens.
    fn take(&mut self, head: &Head) -> Result<Taken, warc::Broken> {
        let kind = head.get("WARC-Type").unwrap_or_default();
        if !kind.eq_ignore_ascii_case("response") {
            self.reader.skip()?;
            return Ok(Taken::Skipped(Skipped::of_type(kind)));
        }
        if head.get("WARC-Segment-Number").is_some() {
            self.reader.skip()?;
            return Ok(Taken::Skipped(Skipped::Segmented));
        }
        let mut block = Vec::new();
        self.reader.read(HTTP_PEEK, &mut block)?;
        let complete = block.len() as u64 == head.length;
        let response = match http::parse_head(&block, complete) {
            Ok(Some(response)) => response,
            Ok(None) => return self.skip_rest(Taken::Skipped(Skipped::NotHttp)),
            Err(why) => return self.skip_rest(Taken::Broken(why)),
        };
        if response.status != 200 {
            return self.skip_rest(Taken::Skipped(Skipped::Status));
        }
        // Without an HTTP Content-Type, the type the archiver found decides (Common Crawl
        // writes one), else the payload's first bytes.
        let declared = response.media_type().or_else(|| {
            head.get("WARC-Identified-Payload-Type")
                .and_then(http::media_type)
        });
        if declared
            .as_deref()
            .is_some_and(|media| !http::is_html(media))
        {
            return self.skip_rest(Taken::Skipped(Skipped::NotHtml));
        }
        if head.length > self.limit {
            let why = format!(
                "WARC record larger than --max-record-bytes ({} bytes)",
                self.limit
            );
            return self.skip_rest(Taken::Broken(why));
        }
        self.reader.read(u64::MAX, &mut block)?;
        let mut warnings = Vec::new();
        let payload = match http::payload(
            &response,
            &block[response.body_at..],
            self.limit,
            &mut warnings,
        ) {
            Ok(payload) => payload,
            Err(why) => return Ok(Taken::Broken(why)),
        };
        if declared.is_none() && !crate::is_page(&payload, None) {
            return Ok(Taken::Skipped(Skipped::NotHtml));
        }
        let capture = Capture {
            number: head.number,
            url: head
                .get("WARC-Target-URI")
                .map(|uri| uri.trim_start_matches('<').trim_end_matches('>').to_owned())
                .filter(|uri| uri.starts_with("http://") || uri.starts_with("https://")),
            record_id: head.get("WARC-Record-ID").map(str::to_owned),
            date: head.get("WARC-Date").map(str::to_owned),
            content_type: response.get("Content-Type").map(str::to_owned),
            ip_address: head.get("WARC-IP-Address").map(str::to_owned),
            truncated: head.get("WARC-Truncated").map(str::to_owned),
            warnings,
        };
        let doc = Document::archived(self.path.clone(), self.id_key.clone(), payload, capture);
        Ok(Taken::Page(Box::new(doc)))
    }

    fn skip_rest(&mut self, taken: Taken) -> Result<Taken, warc::Broken> {
        self.reader.skip()?;
        Ok(taken)
    }
}

impl Iterator for Records {
    type Item = Feed<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let head = match self.reader.next_head() {
                Some(Ok(head)) => head,
                Some(Err(broken)) => return Some(self.reject(broken.number, broken.why)),
                None if self.finished => return None,
                None => {
                    self.finished = true;
                    return Some(Feed::Note(
                        Location::file(self.source.clone()),
                        self.counts.note(),
                    ));
                }
            };
            match self.take(&head) {
                Ok(Taken::Page(doc)) => {
                    self.counts.pages += 1;
                    let location = Location::line(self.source.clone(), head.number);
                    return Some(Feed::Item(location, *doc));
                }
                Ok(Taken::Skipped(kind)) => {
                    let at = Skipped::ALL.iter().position(|k| *k == kind).unwrap_or(0);
                    self.counts.skipped[at] += 1;
                }
                Ok(Taken::Broken(why)) => return Some(self.reject(head.number, why)),
                Err(broken) => return Some(self.reject(broken.number, broken.why)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Origin;

    fn record(kind: &str, id: Option<&str>, block: &[u8]) -> Vec<u8> {
        let id = id
            .map(|id| format!("WARC-Record-ID: {id}\r\n"))
            .unwrap_or_default();
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\n{id}WARC-Date: 2024-01-02T03:04:05Z\r\n\
             WARC-Target-URI: <https://e.example.com/{kind}>\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn records(bytes: Vec<u8>, limit: u64) -> Vec<Feed<Document>> {
        let reader: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes));
        Records::new(reader, Some("a.warc".into()), Some("a.warc".into()), limit).collect()
    }

    #[test]
    fn html_responses_are_documents_and_the_rest_is_counted() {
        let page =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>T</title></html>";
        let archive = [
            record("warcinfo", Some("<urn:uuid:1>"), b"x: y\r\n"),
            record("response", Some("<urn:uuid:2>"), page),
            record(
                "response",
                None,
                b"HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n",
            ),
            record("response", None, b"HTTP/1.1 200 OK\r\n\r\nplain words"),
            record(
                "response",
                None,
                b"HTTP/1.1 200 OK\r\n\r\n<!doctype html><p>sniffed",
            ),
            record("response", None, b"dns answer"),
            record("conversion", None, b"text"),
            record("custom", None, b""),
            record(
                "response",
                None,
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX",
            ),
        ]
        .concat();
        let feeds = records(archive, 1 << 20);
        let mut shown = Vec::new();
        for feed in feeds {
            shown.push(match feed {
                Feed::Item(at, doc) => {
                    let Origin::Archived(capture) = doc.origin() else {
                        panic!("not archived")
                    };
                    format!("{at} {:?} {:?}", capture.url, capture.id(doc.id_key()))
                }
                Feed::Reject(at, r) => format!("{at}: {}", r.why),
                Feed::Note(at, note) => format!("{at}: {note}"),
                Feed::Skip(..) => "skip".into(),
            });
        }
        let by_id = Capture {
            number: 2,
            url: None,
            record_id: Some("<urn:uuid:2>".into()),
            date: None,
            content_type: None,
            ip_address: None,
            truncated: None,
            warnings: Vec::new(),
        };
        let by_place = Capture {
            number: 5,
            record_id: None,
            ..by_id.clone()
        };
        assert_eq!(
            shown,
            [
                format!(
                    "a.warc:2 Some(\"https://e.example.com/response\") {:?}",
                    by_id.id(Some("a.warc"))
                ),
                format!(
                    "a.warc:5 Some(\"https://e.example.com/response\") {:?}",
                    by_place.id(Some("a.warc"))
                ),
                "a.warc:9: HTTP response without the blank line that ends its header".into(),
                "a.warc: 9 WARC record(s): 2 HTML page(s), 6 skipped (1 warcinfo, 1 conversion, \
                 1 of another type, 1 response not HTTP, 1 response with a status other than \
                 200, 1 response not HTML), 1 rejected"
                    .into(),
            ]
        );
        // Ids do not depend on the archive's name when the record has one.
        assert_eq!(by_id.id(Some("a.warc")), by_id.id(None));
        assert_ne!(by_place.id(Some("a.warc")), by_place.id(Some("b.warc")));
    }

    #[test]
    fn the_limit_refuses_large_html_responses_only() {
        let big_page = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
            "<p>words</p>".repeat(100)
        );
        let big_image = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n{}",
            "#".repeat(2000)
        );
        let archive = [
            record("response", None, big_page.as_bytes()),
            record("response", None, big_image.as_bytes()),
        ]
        .concat();
        let feeds = records(archive, 500);
        assert!(matches!(&feeds[0], Feed::Reject(at, r)
            if at.to_string() == "a.warc:1"
                && r.why == "WARC record larger than --max-record-bytes (500 bytes)"));
        assert!(matches!(&feeds[1], Feed::Note(_, note)
            if note.ends_with("1 skipped (1 response not HTML), 1 rejected")));
    }
}
