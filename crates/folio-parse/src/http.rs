//! The HTTP response inside a WARC `response` record: its status line and header fields, and
//! its payload as the server meant it, with a chunked transfer coding taken apart and a
//! `gzip` or `deflate` content coding inflated (bounded by `--max-record-bytes`).
//!
//! Archives disagree on what they store: some crawlers keep the bytes as they came over the
//! wire, others (Common Crawl among them) store the payload decoded and rename the headers
//! (`X-Crawler-Content-Encoding`). A payload that does not carry the coding its headers name
//! is therefore taken as it is, with a warning for a chunked coding that is not there.

use std::io::Read;

/// An HTTP response head: status, fields, and where the payload starts in the block.
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub fields: Vec<(String, String)>,
    pub body_at: usize,
}

impl Response {
    /// The first field named `name`, any case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of `Content-Type`, lower case, without parameters (`None` when absent
    /// or empty).
    pub fn media_type(&self) -> Option<String> {
        media_type(self.get("Content-Type")?)
    }
}

/// `text/html; charset=gbk` → `text/html`.
pub(crate) fn media_type(content_type: &str) -> Option<String> {
    let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
    (!media.is_empty()).then_some(media)
}

/// Whether a media type is HTML as folio reads it.
pub(crate) fn is_html(media: &str) -> bool {
    matches!(media, "text/html" | "application/xhtml+xml")
}

/// The response head at the start of `block`. `Ok(None)`: the block is not an HTTP response
/// (a DNS answer, say). An error says why the head cannot be read: `complete` tells whether
/// `block` is the whole block, so that a head longer than what was read can be told from one
/// that never ends.
pub(crate) fn parse_head(block: &[u8], complete: bool) -> Result<Option<Response>, String> {
    if !block.starts_with(b"HTTP/") {
        return Ok(None);
    }
    let Some((head_len, body_at)) = head_end(block) else {
        return Err(if complete {
            "HTTP response without the blank line that ends its header".into()
        } else {
            format!("HTTP header longer than {} KiB", block.len() >> 10)
        });
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("malformed HTTP status line {status_line:?}"))?;
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in lines {
        match (line.starts_with([' ', '\t']), fields.last_mut()) {
            (true, Some((_, value))) => {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(line.trim());
            }
            _ => {
                // A line that is not a field is left out, as browsers leave it.
                if let Some((name, value)) = line.split_once(':') {
                    fields.push((name.trim().to_owned(), value.trim().to_owned()));
                }
            }
        }
    }
    Ok(Some(Response {
        status,
        fields,
        body_at,
    }))
}

/// The length of the head (without the blank line) and where the body starts: the first
/// blank line, `\r\n\r\n` or a bare `\n\n`.
fn head_end(block: &[u8]) -> Option<(usize, usize)> {
    let mut at = 0;
    while let Some(nl) = memchr::memchr(b'\n', &block[at..]) {
        let end = at + nl + 1;
        let next = &block[end..];
        if next.starts_with(b"\r\n") {
            return Some((end, end + 2));
        }
        if next.starts_with(b"\n") {
            return Some((end, end + 1));
        }
        at = end;
    }
    None
}

/// The payload of `response` from its `body`, transfer and content codings undone, at most
/// `limit` bytes once inflated. Warnings say what was taken as it is.
pub(crate) fn payload(
    response: &Response,
    body: &[u8],
    limit: u64,
    warnings: &mut Vec<String>,
) -> Result<Vec<u8>, String> {
    let chunked = response
        .get("Transfer-Encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let mut bytes = if chunked {
        match dechunk(body) {
            Some((bytes, whole)) => {
                if !whole {
                    warnings.push("chunked HTTP payload cut short; the page may be partial".into());
                }
                bytes
            }
            None => {
                warnings.push("HTTP payload said to be chunked is not; taken as it is".into());
                body.to_vec()
            }
        }
    } else {
        body.to_vec()
    };
    let codings = response.get("Content-Encoding").unwrap_or_default();
    // Codings are listed in the order they were applied: undone from the last.
    for coding in codings.rsplit(',').map(|c| c.trim().to_ascii_lowercase()) {
        bytes = match coding.as_str() {
            "" | "identity" | "none" => bytes,
            "gzip" | "x-gzip" if bytes.starts_with(&[0x1f, 0x8b]) => inflate(
                flate2::read::MultiGzDecoder::new(bytes.as_slice()),
                limit,
                "gzip",
            )?,
            "deflate" if is_zlib(&bytes) => inflate(
                flate2::read::ZlibDecoder::new(bytes.as_slice()),
                limit,
                "deflate",
            )?,
            // Some servers send raw deflate data under `deflate`.
            "deflate" if !looks_like_text(&bytes) => inflate(
                flate2::read::DeflateDecoder::new(bytes.as_slice()),
                limit,
                "deflate",
            )?,
            // Stored already inflated by the archiver.
            "gzip" | "x-gzip" | "deflate" => bytes,
            other => {
                return Err(format!(
                    "HTTP payload in Content-Encoding {other:?}, which folio cannot read"
                ))
            }
        };
    }
    if bytes.len() as u64 > limit {
        return Err(format!("larger than --max-record-bytes ({limit} bytes)"));
    }
    Ok(bytes)
}

fn inflate(decoder: impl Read, limit: u64, name: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|err| format!("undecodable {name} HTTP payload: {err}"))?;
    if out.len() as u64 > limit {
        return Err(format!(
            "larger than --max-record-bytes ({limit} bytes) when decompressed"
        ));
    }
    Ok(out)
}

/// A zlib header: deflate method, a window size in range, and a check that holds.
fn is_zlib(bytes: &[u8]) -> bool {
    match bytes {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

/// Markup or text rather than compressed data (an archive that stored the page inflated).
fn looks_like_text(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(512)];
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    first.is_none_or(|&b| b == b'<') || std::str::from_utf8(start).is_ok()
}

/// A chunked body put together: `None` when it does not start with a chunk size; the bool
/// says whether it ran to its last (empty) chunk.
fn dechunk(body: &[u8]) -> Option<(Vec<u8>, bool)> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let Some(nl) = memchr::memchr(b'\n', rest) else {
            return (!first).then_some((out, false));
        };
        let line = String::from_utf8_lossy(&rest[..nl]);
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return (!first).then_some((out, false));
        };
        first = false;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Some((out, true));
        }
        if size > rest.len() {
            out.extend_from_slice(rest);
            return Some((out, false));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(head: &str) -> Response {
        parse_head(head.as_bytes(), true).unwrap().unwrap()
    }

    #[test]
    fn status_fields_and_body() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=GBK\r\nServer: x\r\n\r\n<html>";
        let r = parse_head(block, true).unwrap().unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.get("content-type"), Some("text/html; charset=GBK"));
        assert_eq!(r.media_type().as_deref(), Some("text/html"));
        assert_eq!(&block[r.body_at..], b"<html>");
        let bare = parse_head(b"HTTP/1.0 404 Not Found\n\nnope", true)
            .unwrap()
            .unwrap();
        assert_eq!((bare.status, bare.body_at), (404, 24));
        assert!(parse_head(b"dns answer", true).unwrap().is_none());
        assert!(parse_head(b"HTTP/1.1 200 OK\r\nX: y", true)
            .unwrap_err()
            .contains("without the blank line"));
        assert!(parse_head(b"HTTP/1.1 OK\r\n\r\n", true)
            .unwrap_err()
            .contains("malformed HTTP status line"));
        assert!(is_html("application/xhtml+xml") && !is_html("image/png"));
    }

    #[test]
    fn chunked_payloads_are_put_together() {
        let r = response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        let mut warnings = Vec::new();
        let body = b"5\r\n<html\r\n7;ext=1\r\n><body>\r\n0\r\n\r\n";
        assert_eq!(
            payload(&r, body, 1000, &mut warnings).unwrap(),
            b"<html><body>"
        );
        assert!(warnings.is_empty());
        // Stored de-chunked with the header kept: taken as it is, with a warning.
        assert_eq!(
            payload(&r, b"<html></html>", 1000, &mut warnings).unwrap(),
            b"<html></html>"
        );
        assert_eq!(warnings.len(), 1);
        // Cut short: what there is, with a warning.
        assert_eq!(
            payload(&r, b"8\r\nabcdef", 1000, &mut warnings).unwrap(),
            b"abcdef"
        );
        assert_eq!(warnings.len(), 2);
    }

    #[test]
    fn content_codings_are_undone() {
        let page = b"<html><body><p>Inflated.</p></body></html>".repeat(20);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&page).unwrap();
        let gz = gz.finish().unwrap();
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(&page).unwrap();
        let zlib = zlib.finish().unwrap();
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&page).unwrap();
        let raw = raw.finish().unwrap();
        let mut w = Vec::new();
        let gzip = response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
        let deflate = response("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n");
        assert_eq!(payload(&gzip, &gz, 1 << 20, &mut w).unwrap(), page);
        assert_eq!(payload(&deflate, &zlib, 1 << 20, &mut w).unwrap(), page);
        assert_eq!(payload(&deflate, &raw, 1 << 20, &mut w).unwrap(), page);
        // Already inflated by the archiver.
        assert_eq!(payload(&gzip, &page, 1 << 20, &mut w).unwrap(), page);
        assert!(payload(&gzip, &gz, 100, &mut w)
            .unwrap_err()
            .ends_with("when decompressed"));
        assert!(payload(&gzip, &gz[..gz.len() / 2], 1 << 20, &mut w)
            .unwrap_err()
            .starts_with("undecodable gzip HTTP payload"));
        let br = response("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n");
        assert!(payload(&br, b"x", 100, &mut w)
            .unwrap_err()
            .contains("\"br\""));
        // Both codings: chunks first, then gzip.
        let both = response(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n",
        );
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        assert_eq!(payload(&both, &chunked, 1 << 20, &mut w).unwrap(), page);
        assert!(w.is_empty());
    }
}
