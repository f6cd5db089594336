//! Streaming JSON lines: a reader that knows its source and line numbers, and a buffered writer.

use std::io::{self, BufRead, Write};
use std::sync::Arc;

use serde::de::DeserializeSeed;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Location, RecordError};
use crate::reader::RecordSeed;
use crate::record::Record;

/// The name used for standard input in messages.
pub const STDIN: &str = "<stdin>";

/// One raw line of input with its place. Blank lines are skipped by the reader.
#[derive(Debug)]
pub struct Line {
    pub location: Location,
    pub bytes: Vec<u8>,
}

/// Reads `\n`-terminated lines one at a time; memory is bounded by the longest line, and by
/// [`Reader::max_line`] when set.
pub struct Reader<R> {
    inner: R,
    source: Arc<str>,
    line: u64,
    max_line: u64,
}

/// A line longer than [`Reader::max_line`] allows: it was read past, not kept. The reader
/// gives it as an error of kind `InvalidData` with this inside, and goes on after it.
#[derive(Debug)]
pub struct LineTooLong {
    pub location: Location,
    pub limit: u64,
}

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "record longer than --max-record-bytes ({} bytes), skipped",
            self.limit
        )
    }
}

impl std::error::Error for LineTooLong {}

impl<R: BufRead> Reader<R> {
    pub fn new(inner: R, source: impl Into<Arc<str>>) -> Self {
        Reader {
            inner,
            source: source.into(),
            line: 0,
            max_line: u64::MAX,
        }
    }

    /// Lines longer than `bytes` (without their terminator) are skipped and reported as a
    /// [`LineTooLong`] error instead of being held in memory.
    pub fn max_line(mut self, bytes: u64) -> Self {
        self.max_line = bytes;
        self
    }

    /// Reads one line into `bytes`, terminator included, keeping at most `max_line` bytes
    /// of it (and one more, to tell); `Ok((0, _))` at the end. The flag says it was too long.
    fn read_line(&mut self, bytes: &mut Vec<u8>) -> io::Result<(usize, bool)> {
        let mut total = 0;
        let mut too_long = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(available) => available,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if available.is_empty() {
                return Ok((total, too_long));
            }
            let (chunk, done) = match memchr::memchr(b'\n', available) {
                Some(at) => (&available[..=at], true),
                None => (available, false),
            };
            let used = chunk.len();
            let content = (bytes.len() + used - usize::from(done)) as u64;
            if too_long || content > self.max_line {
                too_long = true;
                *bytes = Vec::new();
            } else {
                bytes.extend_from_slice(chunk);
            }
            self.inner.consume(used);
            total += used;
            if done {
                return Ok((total, too_long));
            }
        }
    }
}

impl<R> Reader<R> {
    /// The name of the input, as messages show it.
    pub fn source(&self) -> &str {
        &self.source
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = io::Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut bytes = Vec::new();
            match self.read_line(&mut bytes) {
                Ok((0, _)) => return None,
                Ok((_, true)) => {
                    self.line += 1;
                    let location = Location::line(self.source.clone(), self.line);
                    let limit = self.max_line;
                    let too_long = LineTooLong { location, limit };
                    return Some(Err(io::Error::new(io::ErrorKind::InvalidData, too_long)));
                }
                Ok(_) => {
                    self.line += 1;
                    if self.line == 1 && bytes.starts_with(b"\xef\xbb\xbf") {
                        // A byte-order mark some editors put first is not part of the data.
                        bytes.drain(..3);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    // The terminator is not part of the line (nor of a rejected original).
                    if bytes.last() == Some(&b'\n') {
                        bytes.pop();
                        if bytes.last() == Some(&b'\r') {
                            bytes.pop();
                        }
                    }
                    return Some(Ok(Line {
                        location: Location::line(self.source.clone(), self.line),
                        bytes,
                    }));
                }
                Err(err) => return Some(Err(err)),
            }
        }
    }
}

/// Parses one line into a record. Never panics: every failure is a [`RecordError`].
pub fn parse_record(bytes: &[u8]) -> Result<Record, RecordError> {
    parse(bytes, None)
}

/// As [`parse_record`], and also returns the `html` member's JSON text as the line wrote it,
/// quotes and escapes included. A stage that leaves `html` as it is hands that text to
/// [`encode_keeping_html`], which copies it instead of escaping a whole page again.
pub fn parse_record_keeping_html(bytes: &[u8]) -> Result<(Record, Option<&str>), RecordError> {
    let mut html_json = None;
    match parse(bytes, Some(&mut html_json)) {
        Ok(record) => Ok((record, html_json)),
        // The plain reading names the failure the way every tool does.
        Err(_) => parse(bytes, None).map(|record| (record, None)),
    }
}

fn parse<'a>(
    bytes: &'a [u8],
    html_json: Option<&mut Option<&'a str>>,
) -> Result<Record, RecordError> {
    // simdutf8 checks Chinese text many times faster than std; std finds the offending byte.
    let text = simdutf8::basic::from_utf8(bytes).or_else(|_| {
        std::str::from_utf8(bytes).map_err(|e| RecordError::Utf8 {
            offset: e.valid_up_to(),
        })
    })?;
    let mut detail = None;
    let mut json = serde_json::Deserializer::from_str(text);
    let parsed = RecordSeed {
        error: &mut detail,
        html_json,
    }
    .deserialize(&mut json)
    .and_then(|record| json.end().map(|()| record));
    match (parsed, detail) {
        (Ok(record), _) => Ok(record),
        (Err(err), Some(detail)) if err.is_data() => Err(detail),
        (Err(err), _) => Err(RecordError::Json(err)),
    }
}

/// The JSON type of a value, as messages name it.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A record as one JSON line, without the newline. Tools call it in their worker threads so
/// that the ordered writer only copies bytes (serialising is a good part of a stage's cost).
pub fn encode(record: &Record) -> Vec<u8> {
    crate::encode::record(record, None)
}

/// As [`encode`], writing `html_json` (from [`parse_record_keeping_html`]) as the `html`
/// member. It must be the JSON text of `record.html` as read: builds with debug assertions
/// check that it is.
pub fn encode_keeping_html(record: &Record, html_json: Option<&str>) -> Vec<u8> {
    crate::encode::record(record, html_json)
}

/// Writes one JSON value per line through a buffer.
pub struct Writer<W: Write> {
    inner: io::BufWriter<W>,
}

impl<W: Write> Writer<W> {
    pub fn new(inner: W) -> Self {
        Writer {
            inner: io::BufWriter::with_capacity(64 * 1024, inner),
        }
    }

    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        let json = serde_json::to_vec(value).map_err(io::Error::from)?;
        self.write_line(&crate::encode::line_safe(json))
    }

    /// Writes bytes that already hold one JSON value, and the newline.
    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        self.inner.write_all(line)?;
        self.inner.write_all(b"\n")
    }

    /// The buffered stream, for tools whose output is not JSON lines.
    pub fn raw(&mut self) -> &mut impl Write {
        &mut self.inner
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_first_and_crlf_line_ends_are_not_data() {
        let input = b"\xef\xbb\xbf{\"a\":1}\r\n{\"b\":2}\r\n\xef\xbb\xbf{}" as &[u8];
        let lines: Vec<Vec<u8>> = Reader::new(input, "x")
            .map(|line| line.unwrap().bytes)
            .collect();
        // Only the first line's mark goes: elsewhere it is data, and bad JSON.
        assert_eq!(lines, [&b"{\"a\":1}"[..], b"{\"b\":2}", b"\xef\xbb\xbf{}"]);
    }

    #[test]
    fn reader_numbers_lines_and_skips_blank_ones() {
        let input = b"{\"a\":1}\n\n  \n{\"b\":2}" as &[u8];
        let lines: Vec<Line> = Reader::new(input, "x.jsonl").map(Result::unwrap).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].location.to_string(), "x.jsonl:1");
        assert_eq!(lines[1].location.to_string(), "x.jsonl:4");
        assert_eq!(lines[0].bytes, b"{\"a\":1}");
        assert_eq!(lines[1].bytes, b"{\"b\":2}");
    }

    #[test]
    fn lines_over_the_limit_are_skipped_with_an_error_and_reading_goes_on() {
        let input =
            b"{\"a\":1}\n{\"long\":\"xxxxxxxxxxxx\"}\r\n{\"b\":2}\n1234567\n12345678" as &[u8];
        // Small buffers, so that a long line spans several reads.
        let reader = io::BufReader::with_capacity(4, input);
        let got: Vec<String> = Reader::new(reader, "x.jsonl")
            .max_line(7)
            .map(|line| match line {
                Ok(line) => format!("{} {}", line.location, String::from_utf8_lossy(&line.bytes)),
                Err(err) => {
                    let inner = err.get_ref().and_then(|e| e.downcast_ref::<LineTooLong>());
                    let too_long = inner.expect("a LineTooLong");
                    format!("{}: {too_long}", too_long.location)
                }
            })
            .collect();
        assert_eq!(
            got,
            [
                "x.jsonl:1 {\"a\":1}",
                "x.jsonl:2: record longer than --max-record-bytes (7 bytes), skipped",
                "x.jsonl:3 {\"b\":2}",
                "x.jsonl:4 1234567",
                "x.jsonl:5: record longer than --max-record-bytes (7 bytes), skipped",
            ]
        );
    }

    #[test]
    fn deep_json_is_an_error_not_a_stack_overflow() {
        let deep =
            |open: &str, close: &str| format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
        for line in [
            format!("{{\"x\":{}}}", deep("[", "]")),
            format!("{{\"meta\":{}}}", deep("{\"a\":", "}")),
            format!("{{\"title\":{}}}", deep("[", "]")),
            format!(
                "{{\"blocks\":{}}}",
                deep("[{\"type\":\"quote\",\"blocks\":", "}]")
            ),
        ] {
            // serde_json stops at 128 levels; a known field of the wrong type stops sooner.
            let err = parse_record(line.as_bytes()).unwrap_err().to_string();
            assert!(
                err.contains("recursion limit exceeded") || err.contains("invalid type"),
                "{err}"
            );
            assert!(parse_record_keeping_html(line.as_bytes()).is_err());
        }
    }

    #[test]
    fn bad_lines_are_errors_not_panics() {
        let cases: &[(&[u8], &str)] = &[
            (b"{not json", "invalid JSON"),
            (b"[1,2]", "expected a JSON object, found an array"),
            (b"\"s\"", "found a string"),
            (b"{\"tags\": \"x\"}", "\"tags\""),
            (b"{\"date\": \"yesterday\"}", "\"date\""),
            (b"{\"title\": \"\xff\"}", "not UTF-8 at byte 11"),
            (b"{\"blocks\": [{\"type\": \"nope\"}]}", "\"blocks\""),
            (b"42", "expected a JSON object, found a number"),
            (b"null", "expected a JSON object, found null"),
            // Broken JSON inside a known field is broken JSON, not a field of the wrong form.
            (
                b"{\"title\": \"open",
                "invalid JSON: EOF while parsing a string",
            ),
            (
                b"{\"title\": \"t\"} {}",
                "invalid JSON: trailing characters",
            ),
        ];
        for (line, want) in cases {
            let err = parse_record(line).unwrap_err().to_string();
            assert!(err.contains(want), "{err} should contain {want}");
        }
        let err = parse_record(br#"{"title": 3}"#).unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid record: \"title\": invalid type: integer `3`, expected a string"
        );
    }

    #[test]
    fn html_kept_as_written_is_written_back_as_it_was() {
        // Escapes serde_json would not write (`\/`, `\u00e9`) survive; the value is the same.
        let line = br#"{"id":"a","html":"<p class=\"x\">caf\u00e9 <\/p>","text":"t"}"#;
        let (record, html_json) = parse_record_keeping_html(line).unwrap();
        assert_eq!(record, parse_record(line).unwrap());
        assert_eq!(record.html.as_deref(), Some("<p class=\"x\">café </p>"));
        assert_eq!(html_json, Some(r#""<p class=\"x\">caf\u00e9 <\/p>""#));
        assert_eq!(encode_keeping_html(&record, html_json), line);
        assert_ne!(encode(&record), line);

        let (record, html_json) = parse_record_keeping_html(br#"{"html":null}"#).unwrap();
        assert_eq!((record.html, html_json), (None, None));
    }

    #[test]
    fn html_kept_as_written_fails_as_plain_reading_does() {
        let lines: &[&[u8]] = &[
            br#"{"html": 3}"#,
            br#"{"html": "\ud800"}"#,
            br#"{"html": "open"#,
            br#"{"html": "x", "tags": 1}"#,
        ];
        for line in lines {
            let plain = parse_record(line).unwrap_err().to_string();
            let kept = parse_record_keeping_html(line).unwrap_err().to_string();
            assert_eq!(kept, plain);
        }
    }

    #[test]
    fn writer_ends_each_value_with_a_newline() {
        let mut out = Vec::new();
        {
            let mut w = Writer::new(&mut out);
            w.write(&serde_json::json!({"t": "中文"})).unwrap();
            w.write(&serde_json::json!({"t": 2})).unwrap();
            w.flush().unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"t\":\"中文\"}\n{\"t\":2}\n"
        );
    }
}
