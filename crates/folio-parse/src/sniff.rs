//! What an input holds, told by its first bytes before it is read: a WARC archive (plain, or
//! gzipped with a member per record), crawler JSON lines, or one document (a post or a page).
//! Stdin is always looked at; a file is looked at unless its name says it is a post or a
//! page (`.md`, `.html` and the like, which are read by the workers as they were), so that a
//! folder of posts costs no extra read.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use folio_model::driver::{Feed, Original, Rejection};
use folio_model::jsonl::{self, LineTooLong, STDIN};
use folio_model::Location;
use serde::de::IgnoredAny;

use crate::archive::Records;
use crate::{warc, CrawlFields, Document};

/// The feed of the documents inside one input.
pub(crate) type Inner = Box<dyn Iterator<Item = Feed<Document>> + Send>;

type Stream = Box<dyn BufRead + Send>;

/// What an input turned out to be.
pub(crate) enum Opened {
    /// Several documents (an archive, JSON lines), fed one by one.
    Many(Inner),
    /// One document.
    One(Feed<Document>),
    /// Nothing at all (an empty stdin).
    Nothing,
}

const BUFFER: usize = 256 << 10;

/// Extensions of posts and pages: files named so are read as documents without a look.
pub(crate) fn named_as_document(path: &Path) -> bool {
    crate::document::extension(path).is_some_and(|ext| {
        ["md", "markdown", "html", "htm", "xhtml", "shtml"]
            .iter()
            .any(|known| ext.eq_ignore_ascii_case(known))
    })
}

/// Names of JSON-lines files: `.jsonl`, `.ndjson`, also gzipped.
fn named_as_lines(path: &Path) -> bool {
    crate::document::extension(path)
        .is_some_and(|ext| ext.eq_ignore_ascii_case("jsonl") || ext.eq_ignore_ascii_case("ndjson"))
}

/// A regular file: looked at first unless named as a post or page; when it holds one
/// document, the worker reads it.
pub(crate) fn open_file(path: &Path, id_key: String, limit: u64) -> Opened {
    let whole = || {
        let doc = Document::file(path.to_path_buf(), id_key.clone());
        Opened::One(Feed::Item(doc.location(), doc))
    };
    if named_as_document(path) {
        return whole();
    }
    // A file that cannot be opened or inflated here is left to the worker, which names
    // the failure as it does for any file.
    let Ok(file) = File::open(path) else {
        return whole();
    };
    let Ok((stream, _)) = inflated(BufReader::with_capacity(BUFFER, file)) else {
        return whole();
    };
    let mut stream = stream;
    let Ok(start) = stream.fill_buf() else {
        return whole();
    };
    if warc::is_warc(start) {
        let records = Records::new(stream, Some(path.to_path_buf()), Some(id_key), limit);
        return Opened::Many(Box::new(records));
    }
    if named_as_lines(path) && starts_object(start) {
        if let Some(lines) = crawl_lines(stream, Some(path.to_path_buf()), limit) {
            return Opened::Many(lines);
        }
    }
    whole()
}

/// Stdin, or a named file that is not a regular file (a FIFO, `<(zcat …)`): read here, once,
/// as `cat` reads it; gzipped, inflated.
pub(crate) fn open_stream(
    reader: impl Read + Send + 'static,
    path: Option<PathBuf>,
    id_key: Option<String>,
    limit: u64,
    crawl: &CrawlFields,
) -> Opened {
    let place = path
        .as_ref()
        .map_or_else(|| STDIN.to_owned(), |p| p.display().to_string());
    let cannot = |err: io::Error| {
        Opened::One(reject(
            &place,
            path.as_deref(),
            format!("cannot read: {err}"),
        ))
    };
    let (mut stream, gzipped) = match inflated(BufReader::with_capacity(BUFFER, reader)) {
        Ok(opened) => opened,
        Err(err) => return cannot(err),
    };
    let start = match stream.fill_buf() {
        Ok(start) => start,
        Err(err) => return cannot(err),
    };
    if start.is_empty() && path.is_none() {
        return Opened::Nothing;
    }
    if warc::is_warc(start) {
        return Opened::Many(Box::new(Records::new(stream, path, id_key, limit)));
    }
    let mut head = Vec::new();
    if starts_object(start) {
        // Crawler lines on stdin carry the page where --html-field (or --base64-field) says.
        let page_fields = [Some(crawl.html.as_str()), crawl.base64.as_deref()];
        match first_line(&mut stream, limit, &mut head) {
            Ok(true) if is_object_with(&head, &page_fields) => {
                let lines = Box::new(io::Cursor::new(head).chain(stream));
                if let Some(lines) = crawl_lines(lines, path, limit) {
                    return Opened::Many(lines);
                }
                return Opened::Nothing;
            }
            Ok(_) => {}
            Err(err) => return cannot(err),
        }
    }
    let mut bytes = head;
    let rest = (&mut stream)
        .take(limit.saturating_add(1).saturating_sub(bytes.len() as u64))
        .read_to_end(&mut bytes);
    if let Err(err) = rest {
        return cannot(err);
    }
    if bytes.len() as u64 > limit {
        let when = if gzipped { " when decompressed" } else { "" };
        let why = format!("larger than --max-record-bytes ({limit} bytes){when}");
        return Opened::One(reject(&place, path.as_deref(), why));
    }
    Opened::One(Feed::Item(
        Location::file(place),
        Document::read(path, id_key, bytes),
    ))
}

/// The stream as it comes, or inflated when it starts with gzip's magic bytes (every member
/// one after another); the bool says which.
fn inflated<R: BufRead + Send + 'static>(mut reader: R) -> io::Result<(Stream, bool)> {
    if reader.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        let inflated = flate2::bufread::MultiGzDecoder::new(reader);
        return Ok((Box::new(BufReader::with_capacity(BUFFER, inflated)), true));
    }
    Ok((Box::new(reader), false))
}

/// Whether the first byte that is not white space (or a BOM) opens a JSON object.
fn starts_object(start: &[u8]) -> bool {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Reads, onto `head`, lines up to the first that is not blank (`limit` bytes at most);
/// `Ok(false)` when it is longer than that.
fn first_line(stream: &mut Stream, limit: u64, head: &mut Vec<u8>) -> io::Result<bool> {
    loop {
        let before = head.len();
        let room = limit.saturating_add(1).saturating_sub(before as u64);
        let read = stream.by_ref().take(room).read_until(b'\n', head)?;
        if read == 0 || head.len() as u64 > limit {
            return Ok(read != 0 && head.len() as u64 <= limit);
        }
        if !head[before..].trim_ascii().is_empty() {
            return Ok(true);
        }
    }
}

/// Whether the last non-blank line of `head` is a JSON object holding one of `fields` (any
/// of them, when `fields` names none).
fn is_object_with(head: &[u8], fields: &[Option<&str>]) -> bool {
    let line = head.trim_ascii();
    let line = line.rsplit(|&b| b == b'\n').next().unwrap_or(line);
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    match serde_json::from_slice::<HashMap<String, IgnoredAny>>(line) {
        Ok(keys) => {
            let named: Vec<&str> = fields.iter().flatten().copied().collect();
            named.is_empty() || named.iter().any(|f| keys.contains_key(*f))
        }
        Err(_) => false,
    }
}

/// The crawler lines of `stream` (from the file `path`, `None` for stdin) as documents,
/// when its first non-blank line is a JSON object; `None` otherwise (the stream is spent).
fn crawl_lines(stream: Stream, path: Option<PathBuf>, limit: u64) -> Option<Inner> {
    let source: Arc<str> = path.as_ref().map_or_else(
        || Arc::from(STDIN),
        |p| Arc::from(p.to_string_lossy().as_ref()),
    );
    let mut lines = jsonl::Reader::new(stream, source.clone())
        .max_line(limit)
        .peekable();
    match lines.peek()? {
        Ok(first) if is_object_with(&first.bytes, &[]) => {}
        _ => return None,
    }
    let mut failed = false;
    Some(Box::new(std::iter::from_fn(move || {
        if failed {
            return None;
        }
        Some(match lines.next()? {
            Ok(line) => Feed::Item(
                line.location,
                Document::crawl_line(path.clone(), line.bytes),
            ),
            Err(err) => match err.get_ref().and_then(|e| e.downcast_ref::<LineTooLong>()) {
                Some(too_long) => {
                    let why = Rejection::new(too_long.to_string(), None);
                    Feed::Reject(too_long.location.clone(), why)
                }
                None => {
                    failed = true;
                    reject(&source, path.as_deref(), format!("cannot read: {err}"))
                }
            },
        })
    })))
}

fn reject(place: &str, path: Option<&Path>, why: String) -> Feed<Document> {
    let original = path.map(|p| Original::Path(p.display().to_string()));
    Feed::Reject(
        Location::file(place.to_owned()),
        Rejection::new(why, original),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const LIMIT: u64 = 1 << 20;

    fn open(bytes: &[u8]) -> Opened {
        open_stream(
            io::Cursor::new(bytes.to_vec()),
            None,
            None,
            LIMIT,
            &CrawlFields::default(),
        )
    }

    /// What an opened stream gave: one line per feed item.
    fn shown(opened: Opened) -> Vec<String> {
        let show = |feed: Feed<Document>| match feed {
            Feed::Item(at, doc) => format!(
                "item {at} {:?}",
                String::from_utf8_lossy(doc.bytes.as_deref().unwrap_or_default())
            ),
            Feed::Reject(at, r) => format!("reject {at}: {}", r.why),
            Feed::Skip(at, r) => format!("skip {at}: {}", r.why),
            Feed::Note(at, note) => format!("note {at}: {note}"),
        };
        match opened {
            Opened::Nothing => Vec::new(),
            Opened::One(feed) => vec![show(feed)],
            Opened::Many(inner) => inner.map(show).collect(),
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn streams_are_told_by_their_first_bytes() {
        assert!(shown(open(b"")).is_empty());
        assert_eq!(
            shown(open(b"<html><p>x</p></html>")),
            ["item <stdin> \"<html><p>x</p></html>\""]
        );
        // A gzipped page is inflated.
        assert_eq!(
            shown(open(&gzip(b"<html></html>"))),
            ["item <stdin> \"<html></html>\""]
        );
        let warc = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
        assert_eq!(
            shown(open(&gzip(warc))),
            ["note <stdin>: 1 WARC record(s): 0 HTML page(s), 1 skipped (1 warcinfo)"]
        );
        // Crawler lines need their page field; a post's one-line JSON front matter has none.
        let lines = b"\n{\"url\":\"u\",\"html\":\"<p>a</p>\"}\n{\"html\":\"<p>b</p>\"}\n";
        assert_eq!(
            shown(open(lines)),
            [
                "item <stdin>:2 \"{\\\"url\\\":\\\"u\\\",\\\"html\\\":\\\"<p>a</p>\\\"}\"",
                "item <stdin>:3 \"{\\\"html\\\":\\\"<p>b</p>\\\"}\"",
            ]
        );
        let post = b"{\"title\":\"t\"}\n<p>body</p>\n";
        assert_eq!(
            shown(open(post)),
            ["item <stdin> \"{\\\"title\\\":\\\"t\\\"}\\n<p>body</p>\\n\""]
        );
    }

    #[test]
    fn streams_are_bounded() {
        let big = vec![b'x'; 100];
        let opened = open_stream(
            io::Cursor::new(big.clone()),
            None,
            None,
            99,
            &CrawlFields::default(),
        );
        assert_eq!(
            shown(opened),
            ["reject <stdin>: larger than --max-record-bytes (99 bytes)"]
        );
        let opened = open_stream(
            io::Cursor::new(gzip(&big)),
            None,
            None,
            99,
            &CrawlFields::default(),
        );
        assert_eq!(
            shown(opened),
            ["reject <stdin>: larger than --max-record-bytes (99 bytes) when decompressed"]
        );
        // A first line longer than the limit is no crawler line: the whole is refused.
        let mut long = b"{\"html\":\"".to_vec();
        long.extend_from_slice(&big);
        let opened = open_stream(
            io::Cursor::new(long),
            None,
            None,
            99,
            &CrawlFields::default(),
        );
        assert_eq!(
            shown(opened),
            ["reject <stdin>: larger than --max-record-bytes (99 bytes)"]
        );
    }

    #[test]
    fn names_that_skip_the_look_and_names_of_lines() {
        assert!(named_as_document(Path::new("a/post.md")));
        assert!(named_as_document(Path::new("page.HTML.gz")));
        assert!(!named_as_document(Path::new("crawl.warc.gz")));
        assert!(!named_as_document(Path::new("seed.txt")));
        assert!(named_as_lines(Path::new("crawl.jsonl.gz")));
        assert!(named_as_lines(Path::new("crawl.NDJSON")));
        assert!(!named_as_lines(Path::new("crawl.json")));
        assert!(starts_object(b"\xEF\xBB\xBF \n{\"a\":1}"));
        assert!(!starts_object(b"[{}]"));
        assert!(is_object_with(b"\n{\"html\":1}\n", &[Some("html"), None]));
        assert!(!is_object_with(b"{\"title\":1}", &[Some("html"), None]));
        assert!(is_object_with(b"{\"title\":1}", &[]));
        assert!(!is_object_with(b"{\"title\":", &[]));
    }
}
