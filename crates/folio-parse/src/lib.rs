//! folio-parse: the first stage of the pipeline. It turns crawled posts (front matter plus an
//! HTML or Markdown body), whole web pages (in any encoding, also gzipped) and crawler JSON
//! lines and WARC archives into records: metadata normalised, every front-matter or
//! page-meta key kept under `meta`, the body kept as `html`. The later stages (folio-clean,
//! folio-filter, folio-render) read what it writes.
//!
//! [`inputs`] finds the documents (files, folders, globs, stdin, lists of paths, the records
//! of an archive, the lines of a crawler's JSON-lines file) in a stable order;
//! [`Parser::parse_document`] turns one into a [`folio_model::Record`];
//! [`Parser::parse_crawl_line`] does the same for one crawler JSON line.

mod archive;
mod body;
mod byline;
mod charset;
mod crawl;
mod decode;
mod document;
mod fields;
mod front;
mod http;
pub mod inputs;
mod names;
mod page;
mod request;
mod script;
mod sniff;
mod warc;

use std::borrow::Cow;
use std::io::Read;

use folio_model::date::Zone;
use folio_model::driver::{Notes, Original};
use folio_model::{Record, Source};
use scraper::Html;

pub use crawl::CrawlFields;
pub use inputs::{documents_in, Document, Inputs};
pub use request::{Opened, Request};

use document::Origin;

/// Why a document could not be read. `line` is 1-based in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{why}")]
pub struct ParseError {
    pub line: Option<usize>,
    pub why: String,
}

impl ParseError {
    pub(crate) fn new(line: Option<usize>, why: impl Into<String>) -> Self {
        ParseError {
            line,
            why: why.into(),
        }
    }
}

/// How documents are read.
#[derive(Debug, Clone)]
pub struct Options {
    /// Zone for times written without one (`--tz`). `None`: posts take UTC; a page in
    /// Chinese takes Beijing time (+08:00), any other page UTC with a warning.
    pub zone: Option<Zone>,
    /// Field names of crawler JSON lines (`--from jsonl`).
    pub crawl: CrawlFields,
    /// Files larger than this, once decompressed, are refused without being read whole
    /// (a gzip bomb, `/dev/zero` named as a file).
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            zone: None,
            crawl: CrawlFields::default(),
            max_bytes: folio_model::driver::DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

/// Turns documents into records.
#[derive(Debug, Clone, Default)]
pub struct Parser {
    options: Options,
}

impl Parser {
    pub fn new(options: Options) -> Self {
        Parser { options }
    }

    /// Reads and parses one document. A binary file gives `None` with a notice.
    pub fn parse_document(
        &self,
        doc: &Document,
        notes: &mut Notes,
    ) -> Result<Option<Record>, ParseError> {
        Ok(self
            .parse_document_with_page(doc, notes)?
            .map(|(record, _)| record))
    }

    /// As [`Parser::parse_document`], also giving back a whole page's parsed tree (posts
    /// give `None`), for a program that cleans the record in the same process:
    /// `folio_clean::Cleaner::clean_with_page` takes it, so the page is parsed once.
    pub fn parse_document_with_page(
        &self,
        doc: &Document,
        notes: &mut Notes,
    ) -> Result<Option<(Record, Option<Html>)>, ParseError> {
        match doc.origin() {
            Origin::Whole => {}
            Origin::CrawlLine => {
                let line = doc.bytes.as_deref().unwrap_or_default();
                let source = doc.path_text();
                let (record, page) = self.crawl_line_with_page(line, source.as_deref(), notes)?;
                return Ok(Some((record, Some(page))));
            }
            Origin::Archived(capture) => {
                let (record, page) = self.parse_archived(doc, capture, notes)?;
                return Ok(Some((record, Some(page))));
            }
        }
        let bytes = match (&doc.bytes, &doc.path) {
            (Some(bytes), _) => Cow::Borrowed(bytes.as_slice()),
            (None, Some(path)) => Cow::Owned(read_file(path, self.options.max_bytes)?),
            (None, None) => return Err(ParseError::new(None, "nothing to read")),
        };
        if warc::is_warc(&bytes) {
            // Only an input looked at before it is read gives its records one by one.
            return Err(ParseError::new(
                None,
                "a WARC archive named like a post or page: name it .warc or .warc.gz, \
                 or pipe it to stdin, to read its records",
            ));
        }
        if is_binary(&bytes) {
            notes.skip("binary file, skipped", doc.path_text().map(Original::Path));
            return Ok(None);
        }
        self.parse_keeping_page(doc, bytes, notes).map(Some)
    }

    /// Parses one document's bytes: a post when it opens with front matter, a whole page
    /// when it is `.html`/`.htm` or opens like an HTML document, else a post without front
    /// matter. A whole page's parsed tree comes back with it. Bytes given owned spare a page
    /// in UTF-8 a copy.
    fn parse_keeping_page(
        &self,
        doc: &Document,
        bytes: Cow<'_, [u8]>,
        notes: &mut Notes,
    ) -> Result<(Record, Option<Html>), ParseError> {
        if is_page(&bytes, doc.extension()) {
            let (record, page) = self.read_page(doc, bytes, None, None, notes)?;
            return Ok((record, Some(page)));
        }
        let decoded = decode::decode(&bytes)?;
        let text = decoded.text.as_ref();
        if text.trim().is_empty() {
            return Err(ParseError::new(None, "empty document"));
        }
        let split = front::split(text)?;
        if split.format.is_none() {
            notes.warn("no front matter; the whole file is taken as the body");
        }
        let mut record = Record::default();
        fields::fill(
            &mut record,
            &split.meta,
            &self.options.zone.unwrap_or_default(),
            notes,
        );
        let (html, format) = body::to_html(split.body, doc.extension());
        record.html = Some(html);
        record.id = Some(doc.id(record.url.as_deref(), &bytes));
        record.source = Some(
            Source {
                path: doc.path_text(),
                kind: Some("post".into()),
                format: Some(format.into()),
                front_matter: split.format.map(|f| f.name().to_owned()),
                site: record.url.as_deref().and_then(fields::host),
                encoding: decoded.encoding.map(str::to_owned),
            }
            .into(),
        );
        record.meta = Some(split.meta);
        Ok((record, None))
    }

    /// A whole web page: bytes decoded as a browser would, metadata read from the page.
    pub fn parse_page(
        &self,
        doc: &Document,
        bytes: &[u8],
        url: Option<&str>,
        content_type: Option<&str>,
        notes: &mut Notes,
    ) -> Result<Record, ParseError> {
        self.read_page(doc, Cow::Borrowed(bytes), url, content_type, notes)
            .map(|(record, _)| record)
    }

    /// A whole web page's record, and the tree its metadata was read from.
    fn read_page(
        &self,
        doc: &Document,
        bytes: Cow<'_, [u8]>,
        url: Option<&str>,
        content_type: Option<&str>,
        notes: &mut Notes,
    ) -> Result<(Record, Html), ParseError> {
        // `original` is None when the text is the page's own bytes.
        let (text, encoding, original) = match bytes {
            Cow::Owned(bytes) => {
                let (text, encoding, original) =
                    charset::decode_owned_page(bytes, content_type, url);
                (text, encoding, original.map(Cow::Owned))
            }
            Cow::Borrowed(bytes) => {
                let (text, encoding) = charset::decode_page(bytes, content_type, url);
                (text, encoding, Some(Cow::Borrowed(bytes)))
            }
        };
        if text.trim().is_empty() {
            return Err(ParseError::new(None, "empty document"));
        }
        let mut record = Record::default();
        let tree = page::parse_for_metadata(&text);
        let founder = page::founder_properties(&text);
        let zone = match self.options.zone {
            Some(zone) => page::PageZone::Given(zone),
            None => page::PageZone::Guessed {
                encoding_offset: charset::zone_of(encoding),
            },
        };
        page::read(&tree, &founder, url, zone, &mut record, notes);
        let bytes = original.as_deref().unwrap_or(text.as_bytes());
        record.id = Some(doc.id(record.url.as_deref(), bytes));
        record.html = Some(text);
        record.source = Some(
            Source {
                path: doc.path_text(),
                kind: Some("page".into()),
                format: Some("html".into()),
                front_matter: None,
                site: page::site(&record),
                encoding: Some(encoding.name().to_owned()),
            }
            .into(),
        );
        Ok((record, tree))
    }
}

/// The bytes of the file at `path`, inflated when it ends in `.gz`; at most `limit` of them.
fn read_file(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, ParseError> {
    let cannot = |err: std::io::Error| ParseError::new(None, format!("cannot read: {err}"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let gzipped = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    // A file's own length sizes the buffer (a `BufReader` would not); a compressed one may
    // be larger than the limit only by gzip's few bytes of framing.
    let stated = file.metadata().map(|m| m.len()).unwrap_or(0);
    let allowed = if gzipped {
        limit.saturating_add(64)
    } else {
        limit
    };
    if stated > allowed {
        return Err(too_large(limit, ""));
    }
    let mut read = Vec::with_capacity(stated as usize);
    // Not every file states its length (a FIFO, `/dev/zero`): read one byte past the limit.
    (&mut file)
        .take(allowed.saturating_add(1))
        .read_to_end(&mut read)
        .map_err(cannot)?;
    if read.len() as u64 > allowed {
        return Err(too_large(limit, ""));
    }
    if !gzipped {
        return Ok(read);
    }
    let compressed = read;
    if let Some(bytes) = inflate_one_member(&compressed, limit) {
        return Ok(bytes);
    }
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(compressed.as_slice())
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| ParseError::new(None, format!("undecodable gzip: {err}")))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit, " when decompressed"));
    }
    Ok(bytes)
}

fn too_large(limit: u64, when: &str) -> ParseError {
    ParseError::new(
        None,
        format!("larger than --max-record-bytes ({limit} bytes){when}"),
    )
}

/// A gzip file of one member (nearly every saved page), inflated by libdeflate in one call
/// into a buffer of the size its trailer states: about twice as fast as flate2's stream.
/// `None` sends the file to the stream, which reads every member, enforces the size limit as
/// it goes and names what is wrong: a second gzip header inside (several members, or, rarely,
/// the same three bytes in compressed data), a stated size over the limit, or data that does
/// not inflate to the stated size.
fn inflate_one_member(compressed: &[u8], limit: u64) -> Option<Vec<u8>> {
    const MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];
    let trailer = compressed.len().checked_sub(4)?;
    if !compressed.starts_with(MAGIC) || memchr::memmem::find(&compressed[1..], MAGIC).is_some() {
        return None;
    }
    let size = u32::from_le_bytes(compressed[trailer..].try_into().ok()?) as u64;
    if size > limit {
        return None;
    }
    let mut out = vec![0; size as usize];
    let written = libdeflater::Decompressor::new()
        .gzip_decompress(compressed, &mut out)
        .ok()?;
    (written == out.len()).then_some(out)
}

/// A NUL byte early on marks a binary file (images, archives), unless a UTF-16 BOM explains it
/// or the file opens with markup and holds only a stray few (under one byte in a hundred: a
/// CMS that wrote a NUL into a page loses no article for it).
fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if encoding_rs::Encoding::for_bom(head).is_some() {
        return false;
    }
    let nuls = memchr::memchr_iter(0, head).count();
    let markup = head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<');
    nuls > 0 && !(markup && nuls * 100 < head.len())
}

/// Whether the bytes are a whole page rather than a post: decided on bytes, before any
/// decoding, because pages come in legacy encodings that posts never use.
fn is_page(bytes: &[u8], extension: Option<&str>) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len())..];
    if start.starts_with(b"---") || start.starts_with(b"+++") || start.starts_with(b"{") {
        return false;
    }
    if matches!(extension, Some("html" | "htm" | "xhtml" | "shtml")) {
        return true;
    }
    let head = String::from_utf8_lossy(&start[..start.len().min(1024)]).to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<head")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: u64 = folio_model::driver::DEFAULT_MAX_RECORD_BYTES;

    #[test]
    fn binary_files_are_told_by_their_nul_bytes_not_a_stray_one_in_markup() {
        assert!(is_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"));
        assert!(is_binary(b"\x00\x01binary\x00"));
        assert!(is_binary(b"<\x00\x00\x00\x00"), "markup, but mostly NUL");
        assert!(
            !is_binary(b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00"),
            "UTF-16"
        );
        let page = format!(
            "<html><body><p>{}\0{}</p></body></html>",
            "a".repeat(200),
            "b"
        );
        assert!(!is_binary(page.as_bytes()));
        assert!(!is_binary(b"plain text"));
    }

    #[test]
    fn pages_and_posts_are_told_apart_on_bytes() {
        assert!(is_page(b"\n<!DOCTYPE html><html>", None));
        assert!(is_page(b"<p>fragment</p>", Some("html")));
        assert!(!is_page(b"\n---\ntitle: x\n---\n<html>", Some("html")));
        assert!(!is_page(b"<div><p>body</p></div>", Some("md")));
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn read_gz(bytes: &[u8]) -> Result<Vec<u8>, ParseError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html.gz");
        std::fs::write(&path, bytes).unwrap();
        read_file(&path, LIMIT)
    }

    #[test]
    fn gzip_files_of_one_member_or_several() {
        let page = "<html><body><p>The ferry ran late again.</p></body></html>".repeat(50);
        let one = gzip(page.as_bytes());
        assert_eq!(
            inflate_one_member(&one, LIMIT).as_deref(),
            Some(page.as_bytes())
        );
        assert_eq!(read_gz(&one).unwrap(), page.as_bytes());

        // `cat a.gz a.gz`: the same size in both trailers, and both members are read.
        let twice = [one.clone(), one.clone()].concat();
        assert_eq!(inflate_one_member(&twice, LIMIT), None);
        assert_eq!(read_gz(&twice).unwrap(), page.repeat(2).as_bytes());

        // A trailer that understates the size is not trusted.
        let mut lying = one.clone();
        let at = lying.len() - 4;
        lying[at..].copy_from_slice(&10u32.to_le_bytes());
        assert_eq!(inflate_one_member(&lying, LIMIT), None);
        assert!(read_gz(&lying).is_err());

        let empty = gzip(b"");
        assert_eq!(inflate_one_member(&empty, LIMIT), Some(Vec::new()));
        assert_eq!(inflate_one_member(b"\x1f\x8b", LIMIT), None);
    }

    #[test]
    fn files_over_the_limit_are_refused_without_being_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.html");
        std::fs::write(&big, vec![b'x'; 2000]).unwrap();
        assert_eq!(read_file(&big, 2000).unwrap().len(), 2000);
        let err = read_file(&big, 1999).unwrap_err().why;
        assert_eq!(err, "larger than --max-record-bytes (1999 bytes)");

        // A bomb: 16 MiB of zeros in a few KiB, over the limit once inflated.
        let bomb = gzip(&vec![0; 16 << 20]);
        assert!(bomb.len() < 64 << 10);
        let path = dir.path().join("bomb.html.gz");
        std::fs::write(&path, &bomb).unwrap();
        let err = read_file(&path, 1 << 20).unwrap_err().why;
        assert_eq!(
            err,
            "larger than --max-record-bytes (1048576 bytes) when decompressed"
        );

        // Cut short, the stream is undecodable.
        std::fs::write(&path, &bomb[..bomb.len() / 2]).unwrap();
        let err = read_file(&path, LIMIT).unwrap_err().why;
        assert!(err.starts_with("undecodable gzip: "), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_that_never_ends_stops_at_the_limit() {
        let err = read_file(std::path::Path::new("/dev/zero"), 1 << 16)
            .unwrap_err()
            .why;
        assert_eq!(err, "larger than --max-record-bytes (65536 bytes)");
    }
}
