//! WARC (ISO 28500, versions 1.0 and 1.1) records, one after another from a stream: a version
//! line, header lines, a blank line, a block of `Content-Length` bytes and two line ends.
//! Gzipped archives hold one gzip member per record; the caller hands them over inflated by a
//! multi-member reader, so one stream serves both.
//!
//! Every read is bounded whatever the input says: a header block longer than [`MAX_HEAD`] is
//! refused, and a block is read, in pieces the caller asks for, or skipped, never allocated
//! from its stated length. A record that is broken (no `Content-Length`, a header line that
//! is not a field, a block not followed by a line end) is reported, and the reader looks for
//! the next line that opens a record; a stream that ends inside a record ends the reading.

use std::io::{self, BufRead, Read};

/// The longest header block (version line to blank line) taken; Common Crawl's are about
/// 1 KiB, and a long address or many fields stay far below this.
pub(crate) const MAX_HEAD: usize = 256 << 10;

/// The record's place (1-based) and the header fields of a record, as written.
#[derive(Debug)]
pub(crate) struct Head {
    pub number: u64,
    pub fields: Vec<(String, String)>,
    /// The block's length, from `Content-Length`.
    pub length: u64,
}

impl Head {
    /// The first field named `name`, compared without regard to case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A record that could not be read, by its place, and why.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Broken {
    pub number: u64,
    pub why: String,
}

/// Whether `bytes` open a WARC archive: a `WARC/1.0` or `WARC/1.1` line (also the drafts'
/// `WARC/0.17` and `WARC/0.18`) at the very start.
pub(crate) fn is_warc(bytes: &[u8]) -> bool {
    ["WARC/1.0", "WARC/1.1", "WARC/0.17", "WARC/0.18"]
        .iter()
        .any(|magic| {
            bytes.starts_with(magic.as_bytes())
                && matches!(bytes.get(magic.len()), Some(b'\r' | b'\n'))
        })
}

/// Reads the records of an archive. After [`Reader::next_head`] gives a head, the caller
/// takes the block with [`Reader::read`] and [`Reader::skip`]; whatever is left of it is
/// skipped before the next head.
pub(crate) struct Reader<R> {
    inner: R,
    /// The number of the last record begun.
    number: u64,
    /// Bytes of the current block not yet taken.
    left: u64,
    /// The last record was broken where its end cannot be known: lines up to the next
    /// version line belong to it.
    lost: bool,
    /// The stream ended or failed: nothing more can be read.
    done: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(inner: R) -> Self {
        Reader {
            inner,
            number: 0,
            left: 0,
            lost: false,
            done: false,
        }
    }

    /// The next record's head, `None` at the end of the stream.
    pub fn next_head(&mut self) -> Option<Result<Head, Broken>> {
        if self.left > 0 {
            // The caller left the block: skip it; a failure was the last record's to report.
            self.skip().ok()?;
        }
        if self.done {
            return None;
        }
        let version = match self.version_line() {
            Ok(Some(line)) => line,
            Ok(None) => return None,
            Err(broken) => return Some(Err(broken)),
        };
        self.number += 1;
        Some(self.fields(version))
    }

    /// Takes up to `most` more bytes of the current block onto `into`; a stream that ends
    /// first is a broken record.
    pub fn read(&mut self, most: u64, into: &mut Vec<u8>) -> Result<(), Broken> {
        let want = most.min(self.left);
        let got = (&mut self.inner)
            .take(want)
            .read_to_end(into)
            .map_err(|err| self.fail(read_error(&err)))? as u64;
        self.left -= got;
        if got < want {
            return Err(self.truncated());
        }
        if self.left == 0 {
            self.end_of_record()?;
        }
        Ok(())
    }

    /// Skips what is left of the current block.
    pub fn skip(&mut self) -> Result<(), Broken> {
        let want = self.left;
        let got = io::copy(&mut (&mut self.inner).take(want), &mut io::sink())
            .map_err(|err| self.fail(read_error(&err)))?;
        self.left -= got;
        if got < want {
            return Err(self.truncated());
        }
        self.end_of_record()
    }

    fn truncated(&mut self) -> Broken {
        self.done = true;
        self.left = 0;
        Broken {
            number: self.number,
            why: "truncated: the archive ends inside this record".into(),
        }
    }

    /// A failure that ends the reading (a read error, a stream cut short).
    fn fail(&mut self, why: String) -> Broken {
        self.done = true;
        self.left = 0;
        Broken {
            number: self.number,
            why,
        }
    }

    /// After a block come two line ends; anything else means `Content-Length` was wrong,
    /// and the next record must be looked for. (The end of the stream is taken as them.)
    fn end_of_record(&mut self) -> Result<(), Broken> {
        match self.inner.fill_buf() {
            Ok(buf) if buf.is_empty() || matches!(buf[0], b'\r' | b'\n') => Ok(()),
            Ok(_) => {
                self.lost = true;
                Err(Broken {
                    number: self.number,
                    why: "no line end after the block: its Content-Length is wrong".into(),
                })
            }
            Err(err) => Err(self.fail(read_error(&err))),
        }
    }

    /// The version line opening the next record, past blank lines (and, after a broken
    /// record, past whatever is left of it). `Ok(None)` at the end of the stream.
    fn version_line(&mut self) -> Result<Option<Vec<u8>>, Broken> {
        loop {
            let read = bounded_line(&mut self.inner, MAX_HEAD);
            // A failure here is the next record's: the last one was whole.
            let read = read.map_err(|err| {
                self.number += 1;
                self.fail(read_error(&err))
            });
            let Some((line, whole)) = read? else {
                self.done = true;
                return Ok(None);
            };
            let text = trim_line_end(&line);
            if text.is_empty() {
                continue;
            }
            if whole && is_version(text) {
                self.lost = false;
                return Ok(Some(text.to_vec()));
            }
            if self.lost {
                continue;
            }
            // Garbage where a record should start: report it once, then look for the next.
            self.lost = true;
            self.number += 1;
            let shown = String::from_utf8_lossy(&text[..text.len().min(40)]).into_owned();
            return Err(Broken {
                number: self.number,
                why: format!("not a WARC record: expected a `WARC/1.1` line, found {shown:?}"),
            });
        }
    }

    /// The header fields after the version line, up to the blank line.
    fn fields(&mut self, version: Vec<u8>) -> Result<Head, Broken> {
        let number = self.number;
        let mut size = version.len();
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut problem = None;
        loop {
            let line = match bounded_line(&mut self.inner, MAX_HEAD) {
                Ok(Some((line, true))) => line,
                Ok(Some((_, false))) | Ok(None) if self.at_end() => {
                    return Err(self.truncated());
                }
                Ok(_) => return Err(self.head_too_long(number)),
                Err(err) => return Err(self.fail(read_error(&err))),
            };
            size += line.len();
            if size > MAX_HEAD {
                return Err(self.head_too_long(number));
            }
            let text = trim_line_end(&line);
            if text.is_empty() {
                break;
            }
            match (text[0], fields.last_mut()) {
                // A line starting with white space continues the field before it.
                (b' ' | b'\t', Some((_, value))) => {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(String::from_utf8_lossy(text).trim());
                }
                _ => match text.iter().position(|&b| b == b':') {
                    Some(colon) if colon > 0 => fields.push((
                        String::from_utf8_lossy(&text[..colon]).trim().to_owned(),
                        String::from_utf8_lossy(&text[colon + 1..])
                            .trim()
                            .to_owned(),
                    )),
                    _ => {
                        let shown = String::from_utf8_lossy(&text[..text.len().min(40)]);
                        problem.get_or_insert(format!("malformed header line {shown:?}"));
                    }
                },
            }
        }
        let head = Head {
            number,
            fields,
            length: 0,
        };
        let Some(length) = head.get("Content-Length") else {
            self.lost = true;
            return Err(Broken {
                number,
                why: "no Content-Length".into(),
            });
        };
        let Ok(length) = length.parse::<u64>() else {
            self.lost = true;
            return Err(Broken {
                number,
                why: format!("Content-Length {length:?} is not a number"),
            });
        };
        // The block is known: a later call skips it even when the record is refused.
        self.left = length;
        match problem {
            Some(why) => Err(Broken { number, why }),
            None => Ok(Head { length, ..head }),
        }
    }

    fn head_too_long(&mut self, number: u64) -> Broken {
        self.lost = true;
        Broken {
            number,
            why: format!("WARC header longer than {} KiB", MAX_HEAD >> 10),
        }
    }

    fn at_end(&mut self) -> bool {
        self.inner.fill_buf().map_or(true, |buf| buf.is_empty())
    }
}

/// Why a read failed: a gzipped archive cut short fails inside the inflater.
fn read_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::UnexpectedEof => {
            format!("truncated: the archive ends inside this record ({err})")
        }
        _ => format!("cannot read: {err}"),
    }
}

/// `WARC/` and a version number.
fn is_version(line: &[u8]) -> bool {
    line.strip_prefix(b"WARC/").is_some_and(|v| {
        !v.is_empty() && v.len() <= 8 && v.iter().all(|b| b.is_ascii_digit() || *b == b'.')
    })
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The next line with its `\n`, at most `cap` bytes of it kept: `(line, true)` when it was
/// whole, `(start, false)` when it was longer (read past to its end) or the stream ended
/// before its `\n`. `None` at the end of the stream.
fn bounded_line<R: BufRead>(reader: &mut R, cap: usize) -> io::Result<Option<(Vec<u8>, bool)>> {
    let mut line = Vec::new();
    let mut whole = true;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if buf.is_empty() {
            return Ok((!line.is_empty() || !whole).then_some((line, false)));
        }
        let (end, found) = match memchr::memchr(b'\n', buf) {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        let room = cap.saturating_sub(line.len()).min(end);
        line.extend_from_slice(&buf[..room]);
        whole &= room == end;
        reader.consume(end);
        if found {
            return Ok(Some((line, whole)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, block: &str) -> String {
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\n\
             Content-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    /// Every record as `number kind block` or `number !why`, blocks read whole.
    fn read_all(bytes: &[u8]) -> Vec<String> {
        let mut reader = Reader::new(bytes);
        let mut seen = Vec::new();
        while let Some(head) = reader.next_head() {
            let head = match head {
                Ok(head) => head,
                Err(broken) => {
                    seen.push(format!("{} !{}", broken.number, broken.why));
                    continue;
                }
            };
            let mut block = Vec::new();
            let kind = head.get("warc-type").unwrap_or("?").to_owned();
            match reader.read(u64::MAX, &mut block) {
                Ok(()) => seen.push(format!(
                    "{} {kind} {}",
                    head.number,
                    String::from_utf8_lossy(&block)
                )),
                Err(broken) => seen.push(format!("{} !{}", broken.number, broken.why)),
            }
        }
        seen
    }

    #[test]
    fn records_one_after_another() {
        let archive = record("warcinfo", "software: test") + &record("response", "HTTP/1.1 200");
        assert!(is_warc(archive.as_bytes()));
        assert_eq!(
            read_all(archive.as_bytes()),
            ["1 warcinfo software: test", "2 response HTTP/1.1 200"]
        );
        // Bare `\n` line ends and folded header lines are read too.
        let lf = "WARC/1.0\nWARC-Type: request\nWARC-Target-URI:\n  https://e.com/\n\
                  Content-Length: 2\n\nab\n\n";
        let mut reader = Reader::new(lf.as_bytes());
        let head = reader.next_head().unwrap().unwrap();
        assert_eq!(head.get("WARC-Target-URI"), Some("https://e.com/"));
        assert_eq!(head.length, 2);
        assert!(reader.next_head().is_none());
    }

    #[test]
    fn a_broken_record_is_reported_and_the_next_one_found() {
        let wrong_length =
            "WARC/1.1\r\nWARC-Type: metadata\r\nContent-Length: 3\r\n\r\nabcdef\r\n\r\n";
        let no_length = "WARC/1.1\r\nWARC-Type: metadata\r\n\r\nxyz\r\n\r\n";
        let bad_line =
            "WARC/1.1\r\nWARC-Type: metadata\r\nnot a field\r\nContent-Length: 1\r\n\r\nq\r\n\r\n";
        let archive = [
            record("warcinfo", "a"),
            wrong_length.into(),
            record("request", "b"),
            no_length.into(),
            "garbage between records\r\n".into(),
            record("response", "c"),
            bad_line.into(),
            record("metadata", "d"),
        ]
        .concat();
        assert_eq!(
            read_all(archive.as_bytes()),
            [
                "1 warcinfo a",
                "2 !no line end after the block: its Content-Length is wrong",
                "3 request b",
                "4 !no Content-Length",
                "5 response c",
                "6 !malformed header line \"not a field\"",
                "7 metadata d",
            ]
        );
        assert_eq!(
            read_all(b"WARC/1.1\r\nContent-Length: 1\r\n\r\nx\r\n\r\nnonsense\r\n"),
            [
                "1 ? x",
                "2 !not a WARC record: expected a `WARC/1.1` line, found \"nonsense\""
            ]
        );
    }

    #[test]
    fn truncated_records_end_the_reading() {
        let archive = record("warcinfo", "a") + &record("response", "0123456789");
        let cut = &archive.as_bytes()[..archive.len() - 9];
        assert_eq!(
            read_all(cut),
            [
                "1 warcinfo a",
                "2 !truncated: the archive ends inside this record"
            ]
        );
        let in_head = &archive.as_bytes()[..archive.find("Content-Length: 10").unwrap()];
        assert_eq!(
            read_all(in_head),
            [
                "1 warcinfo a",
                "2 !truncated: the archive ends inside this record"
            ]
        );
        // A stated length far beyond the stream allocates nothing up front.
        let huge = "WARC/1.1\r\nContent-Length: 18446744073709551615\r\n\r\nshort";
        assert_eq!(
            read_all(huge.as_bytes()),
            ["1 !truncated: the archive ends inside this record"]
        );
    }

    #[test]
    fn headers_are_bounded() {
        let long = format!(
            "WARC/1.1\r\nX-Long: {}\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
            "y".repeat(MAX_HEAD)
        ) + &record("metadata", "after");
        assert_eq!(
            read_all(long.as_bytes()),
            ["1 !WARC header longer than 256 KiB", "2 metadata after"]
        );
        assert!(!is_warc(b"WARC/1.1x"));
        assert!(!is_warc(b"<html>"));
        assert!(is_warc(b"WARC/1.0\n"));
    }

    #[test]
    fn blocks_are_read_in_pieces_and_skipped() {
        let archive = record("response", "0123456789") + &record("metadata", "m");
        let mut reader = Reader::new(archive.as_bytes());
        let head = reader.next_head().unwrap().unwrap();
        assert_eq!(head.length, 10);
        let mut block = Vec::new();
        reader.read(4, &mut block).unwrap();
        assert_eq!(block, b"0123");
        reader.read(100, &mut block).unwrap();
        assert_eq!(block, b"0123456789");
        let head = reader.next_head().unwrap().unwrap();
        assert_eq!(head.get("WARC-Type"), Some("metadata"));
        // Left unread, the block is skipped.
        assert!(reader.next_head().is_none());
    }
}
