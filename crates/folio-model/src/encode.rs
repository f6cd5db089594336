//! A record as one JSON line, written field by field.
//!
//! The bytes are exactly those of `serde_json::to_vec(&record)` (a test holds the two
//! together on every kind of field), but for the line separators that JSON lets a string hold
//! raw and [`line_safe`] escapes. It exists for speed: serde_json escapes a string one
//! byte at a time, and a cleaned record carries its article three times over (`html`, `blocks`
//! and `text`), so escaping was a tenth of folio-clean's work. Here a string is scanned eight
//! bytes at a time and copied in runs.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::record::{record_fields, Block, Credits, Inline, Record, Removal, Source, Stage};

/// A record as one JSON line, without the newline. `html_json`, when given, is written as
/// the `html` member instead of `record.html` escaped again (see
/// [`crate::jsonl::encode_keeping_html`]).
pub fn record(record: &Record, html_json: Option<&str>) -> Vec<u8> {
    let mut out = Json::with_capacity(estimate(record));
    out.record(record, html_json);
    line_safe(out.0)
}

/// JSON text with U+0085, U+2028 and U+2029 escaped (`\u0085`, `\u2028`, `\u2029`). JSON
/// allows them raw inside strings, but Python's `str.splitlines`, JavaScript source and
/// some line readers break lines there, and one JSON line would read as two broken ones.
/// Outside strings JSON text is ASCII, so every such character found is inside a string.
pub fn line_safe(json: Vec<u8>) -> Vec<u8> {
    let separator_at = |i: usize| match (json[i], json.get(i + 1), json.get(i + 2)) {
        (0xc2, Some(0x85), _) => Some((2, "\\u0085")),
        (0xe2, Some(0x80), Some(0xa8)) => Some((3, "\\u2028")),
        (0xe2, Some(0x80), Some(0xa9)) => Some((3, "\\u2029")),
        _ => None,
    };
    let mut hits = memchr::memchr2_iter(0xc2, 0xe2, &json).filter(|&i| separator_at(i).is_some());
    let Some(first) = hits.next() else {
        return json;
    };
    let mut out = Vec::with_capacity(json.len() + 16);
    let mut start = 0;
    for i in std::iter::once(first).chain(hits) {
        if let Some((len, escaped)) = separator_at(i) {
            out.extend_from_slice(&json[start..i]);
            out.extend_from_slice(escaped.as_bytes());
            start = i + len;
        }
    }
    out.extend_from_slice(&json[start..]);
    out
}

/// Room for the longest strings and a little more, so that the buffer rarely grows.
fn estimate(record: &Record) -> usize {
    let len = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    len(&record.html) * 11 / 10 + len(&record.text) * 23 / 10 + 512
}

struct Json(Vec<u8>);

/// Opens an object and writes its members, each preceded by a comma but the first.
struct Object<'a> {
    out: &'a mut Json,
    first: bool,
}

impl Object<'_> {
    fn key(&mut self, key: &str) -> &mut Json {
        if !self.first {
            self.out.0.push(b',');
        }
        self.first = false;
        self.out.string(key);
        self.out.0.push(b':');
        self.out
    }

    fn str(&mut self, key: &str, value: &str) {
        self.key(key).string(value);
    }

    fn opt(&mut self, key: &str, value: &Option<String>) {
        if let Some(value) = value {
            self.str(key, value);
        }
    }

    fn strings(&mut self, key: &str, values: &[String]) {
        if !values.is_empty() {
            self.key(key).array(values, |out, s| out.string(s));
        }
    }

    fn flag(&mut self, key: &str, value: bool) {
        if value {
            self.key(key).0.extend_from_slice(b"true");
        }
    }

    fn close(self) {
        self.out.0.push(b'}');
    }
}

impl Json {
    fn with_capacity(capacity: usize) -> Json {
        Json(Vec::with_capacity(capacity))
    }

    fn object(&mut self) -> Object<'_> {
        self.0.push(b'{');
        Object {
            out: self,
            first: true,
        }
    }

    fn array<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Json, &T)) {
        self.0.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            each(self, item);
        }
        self.0.push(b']');
    }

    /// Anything else (dates, numbers, free-form `meta` values) goes through serde_json.
    fn serde<T: Serialize + ?Sized>(&mut self, value: &T) {
        // Writing plain data with string keys into memory cannot fail.
        let _ = serde_json::to_writer(&mut self.0, value);
    }

    fn record(&mut self, r: &Record, html_json: Option<&str>) {
        let mut o = self.object();
        write_known(&mut o, r, html_json);
        extra(&mut o, &r.extra);
        o.close();
    }

    fn source(&mut self, s: &Source) {
        let mut o = self.object();
        o.opt("path", &s.path);
        o.opt("kind", &s.kind);
        o.opt("format", &s.format);
        o.opt("front_matter", &s.front_matter);
        o.opt("site", &s.site);
        o.opt("encoding", &s.encoding);
        o.close();
    }

    fn block(&mut self, block: &Block) {
        let mut o = self.object();
        match block {
            Block::Heading { level, text } => {
                o.str("type", "heading");
                o.key("level").serde(level);
                o.str("text", text);
            }
            Block::Paragraph { inlines } => {
                o.str("type", "paragraph");
                o.key("inlines").array(inlines, Json::inline);
            }
            Block::Image { src, alt, caption } => {
                o.str("type", "image");
                o.str("src", src);
                if !alt.is_empty() {
                    o.str("alt", alt);
                }
                o.opt("caption", caption);
            }
            Block::List { ordered, items } => {
                o.str("type", "list");
                o.key("ordered").serde(ordered);
                o.key("items")
                    .array(items, |out, item| out.array(item, Json::inline));
            }
            Block::Quote { blocks } => {
                o.str("type", "quote");
                o.key("blocks").array(blocks, Json::block);
            }
            Block::Table { rows, header } => {
                o.str("type", "table");
                o.key("rows")
                    .array(rows, |out, row| out.array(row, |out, s| out.string(s)));
                o.flag("header", *header);
            }
            Block::Code { text, lang } => {
                o.str("type", "code");
                o.str("text", text);
                o.opt("lang", lang);
            }
            Block::Rule => o.str("type", "rule"),
        }
        o.close();
    }

    fn inline(&mut self, inline: &Inline) {
        let mut o = self.object();
        o.str("text", &inline.text);
        o.flag("strong", inline.strong);
        o.flag("em", inline.em);
        o.flag("code", inline.code);
        o.opt("href", &inline.href);
        o.close();
    }

    fn credits(&mut self, c: &Credits) {
        let mut o = self.object();
        o.strings("editor", &c.editor);
        o.strings("photographer", &c.photographer);
        o.strings("reporter", &c.reporter);
        o.strings("correspondent", &c.correspondent);
        o.strings("source", &c.source);
        o.strings("proofreader", &c.proofreader);
        o.strings("reviewer", &c.reviewer);
        o.close();
    }

    fn removal(&mut self, r: &Removal) {
        let mut o = self.object();
        o.str("rule", &r.rule);
        o.str("text", &r.text);
        o.close();
    }

    fn stage(&mut self, s: &Stage) {
        let mut o = self.object();
        o.str("tool", &s.tool);
        o.str("version", &s.version);
        o.key("format").serde(&s.format);
        o.close();
    }

    /// A JSON string: `"`, `\` and control characters escaped as serde_json escapes them.
    /// Sixteen bytes are tested at a time (eight off x86-64), and the runs between escapes
    /// copied whole.
    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let out = &mut self.0;
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        // bytes[..start] are written; escapes are found ahead of it, at `at`.
        let mut start = 0;
        let mut at = 0;
        #[cfg(target_arch = "x86_64")]
        while at + 16 <= bytes.len() {
            let mut flagged = sse2::to_escape(bytes[at..at + 16].try_into().expect("16 bytes"));
            while flagged != 0 {
                escape_at(
                    out,
                    bytes,
                    &mut start,
                    at + flagged.trailing_zeros() as usize,
                );
                flagged &= flagged - 1;
            }
            at += 16;
        }
        while at + 8 <= bytes.len() {
            let mut word = [0; 8];
            word.copy_from_slice(&bytes[at..at + 8]);
            let mut flagged = to_escape(u64::from_le_bytes(word));
            while flagged != 0 {
                let i = at + (flagged.trailing_zeros() / 8) as usize;
                escape_at(out, bytes, &mut start, i);
                flagged &= flagged - 1;
            }
            at += 8;
        }
        for (i, &byte) in bytes.iter().enumerate().skip(at) {
            if ESCAPE[usize::from(byte)] != 0 {
                escape_at(out, bytes, &mut start, i);
            }
        }
        out.extend_from_slice(&bytes[start..]);
        out.push(b'"');
    }
}

/// Appends the run `bytes[*start..i]` and the escape of `bytes[i]`; the next run starts after it.
#[inline(always)]
fn escape_at(out: &mut Vec<u8>, bytes: &[u8], start: &mut usize, i: usize) {
    copy_run(out, bytes, *start, i);
    escape(out, bytes[i]);
    *start = i + 1;
}

/// Appends `bytes[start..end]`. Markup has an escape every twenty bytes or so (each attribute's
/// quotes), and a call to `memcpy` for each short run cost more than the escaping: a run of
/// up to sixteen bytes is copied as one fixed block, and what overshoots it cut off.
#[inline(always)]
fn copy_run(out: &mut Vec<u8>, bytes: &[u8], start: usize, end: usize) {
    let run = end - start;
    match bytes.get(start..start + 16) {
        Some(block) if run <= 16 => {
            let block: &[u8; 16] = block.try_into().expect("16 bytes");
            out.extend_from_slice(block);
            out.truncate(out.len() - (16 - run));
        }
        _ => out.extend_from_slice(&bytes[start..end]),
    }
}

/// SSE2 is part of every x86-64 processor: no run-time test is needed.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// Bit `i` set when byte `i` of `chunk` must be escaped: below 0x20, `"` or `\`.
    pub(super) fn to_escape(chunk: &[u8; 16]) -> u32 {
        // SAFETY: every x86-64 processor has SSE2 (the target enables it by default).
        unsafe { to_escape_sse2(chunk) }
    }

    #[target_feature(enable = "sse2")]
    fn to_escape_sse2(chunk: &[u8; 16]) -> u32 {
        // SAFETY: the load reads the sixteen bytes of `chunk`; it needs no alignment.
        let v = unsafe { _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>()) };
        let below_space = _mm_set1_epi8(0x1f);
        // max(b, 0x1f) == 0x1f exactly when b <= 0x1f, unsigned.
        let control = _mm_cmpeq_epi8(_mm_max_epu8(v, below_space), below_space);
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32
    }
}

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `word` that must be escaped: below 0x20, `"` or `\`. Each
/// byte is tested alone (no carry crosses into its neighbour), so every flag is exact.
fn to_escape(word: u64) -> u64 {
    // (b & 0x7f) + 0x60 reaches 0x80 when b & 0x7f >= 0x20.
    let control = !(((word & LOW7) + ONES * 0x60) | word) & HIGH;
    control | bytes_equal(word, b'"') | bytes_equal(word, b'\\')
}

/// The high bit of each byte of `word` equal to `byte`, exact as [`to_escape`]'s flags are.
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    // The high bit of (b & 0x7f) + 0x7f is set unless b & 0x7f is zero.
    !(((x & LOW7) + LOW7) | x) & HIGH
}

/// Makes [`write_known`], the writer of the known fields, from [`record_fields`].
macro_rules! define_writer {
    ($(
        $(#[$attr:meta])*
        $name:ident: $ty:ty => read::$read:ident, write::$write:ident;
    )*) => {
        /// Writes the known fields of `r` that have a value, in the table's order.
        fn write_known(o: &mut Object, r: &Record, html_json: Option<&str>) {
            $(write::$write(o, stringify!($name), &r.$name, html_json);)*
        }
    };
}

record_fields!(define_writer);

/// How the writer writes each kind of known field (see `record_fields` in crate::record):
/// one function per kind, each leaving out a field without a value.
mod write {
    use serde::Serialize;

    use super::{Json, Object};
    use crate::record::{Block, Credits, Removal, SourceField, Stage};

    pub(crate) fn opt(o: &mut Object, key: &str, value: &Option<String>, _: Option<&str>) {
        o.opt(key, value);
    }

    pub(crate) fn strings(o: &mut Object, key: &str, values: &[String], _: Option<&str>) {
        o.strings(key, values);
    }

    /// Dates and the free-form `meta`, through serde_json.
    pub(crate) fn serde<T: Serialize>(
        o: &mut Object,
        key: &str,
        value: &Option<T>,
        _: Option<&str>,
    ) {
        if let Some(value) = value {
            o.key(key).serde(value);
        }
    }

    pub(crate) fn source(o: &mut Object, key: &str, value: &Option<SourceField>, _: Option<&str>) {
        match value {
            Some(SourceField::Folio(source)) => o.key(key).source(source),
            Some(SourceField::Foreign(value)) => o.key(key).serde(value),
            None => {}
        }
    }

    /// `html` as the input wrote it when its JSON text was kept, else escaped here.
    pub(crate) fn html(o: &mut Object, key: &str, value: &Option<String>, html_json: Option<&str>) {
        match (html_json, value) {
            (Some(json), Some(html)) => {
                debug_assert_eq!(
                    serde_json::from_str::<String>(json).ok().as_ref(),
                    Some(html),
                    "html_json is not the JSON text of this record's html"
                );
                o.key(key).0.extend_from_slice(json.as_bytes());
            }
            _ => o.opt(key, value),
        }
    }

    pub(crate) fn blocks(o: &mut Object, key: &str, value: &Option<Vec<Block>>, _: Option<&str>) {
        if let Some(blocks) = value {
            o.key(key).array(blocks, Json::block);
        }
    }

    pub(crate) fn credits(o: &mut Object, key: &str, value: &Option<Credits>, _: Option<&str>) {
        if let Some(credits) = value {
            o.key(key).credits(credits);
        }
    }

    pub(crate) fn removed(
        o: &mut Object,
        key: &str,
        value: &Option<Vec<Removal>>,
        _: Option<&str>,
    ) {
        if let Some(removed) = value {
            o.key(key).array(removed, Json::removal);
        }
    }

    pub(crate) fn stages(o: &mut Object, key: &str, value: &[Stage], _: Option<&str>) {
        if !value.is_empty() {
            o.key(key).array(value, Json::stage);
        }
    }
}

/// Keys no folio tool knows, after the known ones, as serde's `flatten` writes them.
fn extra(o: &mut Object, extra: &Map<String, Value>) {
    for (key, value) in extra {
        o.key(key).serde(value);
    }
}

/// The character after `\` in each byte's escape (`u` for `\u00XX`), 0 for a byte written
/// as it is.
const ESCAPE: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table
};

#[inline(always)]
fn escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match ESCAPE[usize::from(byte)] {
        b'u' => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xf)],
        ]),
        short => out.extend_from_slice(&[b'\\', short]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonl::parse_record;

    fn same_as_serde(record: &Record) {
        let ours = super::record(record, None);
        let theirs = line_safe(serde_json::to_vec(record).unwrap());
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn every_field_is_written_as_serde_writes_it() {
        let line = r#"{"id":"a1","url":"https://example.com/a?b=\"c\"","source":{"path":"p/a.md","kind":"post","format":"html","front_matter":"yaml","site":"example.com","encoding":"gbk"},"title":"T \\ \u0001","author":"作者","categories":["财经","A"],"tags":["t"],"image":"i.png","summary":"s","date":"2022-05-08T18:46:00+08:00","date_raw":"2022-05-08 18:46","original_title":"原标题","meta":{"n":1.5,"list":[null,true,"x\ny"],"deep":{"k":-3}},"html":"<p class=\"a\">\t中文\r\n</p>","blocks":[{"type":"heading","level":2,"text":"h"},{"type":"paragraph","inlines":[{"text":"b","strong":true,"em":true,"code":true,"href":"/x"},{"text":"plain"}]},{"type":"image","src":"s.jpg","alt":"a","caption":"c"},{"type":"image","src":"s.jpg"},{"type":"list","ordered":true,"items":[[{"text":"one"}],[]]},{"type":"quote","blocks":[{"type":"rule"}]},{"type":"table","rows":[["a","b"],["c"]],"header":true},{"type":"table","rows":[]},{"type":"code","text":"x = \"1\"","lang":"py"},{"type":"code","text":""},{"type":"rule"}],"text":"line\n\nnext","credits":{"editor":["e"],"photographer":["p"],"reporter":["r"],"correspondent":["c"],"source":["s"],"proofreader":["pr"],"reviewer":["rv"]},"lang":"zh","removed":[{"rule":"drop","text":"x"}],"stages":[{"tool":"folio-parse","version":"0.1.0","format":1}],"zeta":{"z":1},"alpha":"\u001f"}"#;
        let record = parse_record(line.as_bytes()).unwrap();
        same_as_serde(&record);
        same_as_serde(&Record::default());
        same_as_serde(&parse_record(br#"{"credits":{},"source":{},"blocks":[]}"#).unwrap());
        for source in [
            r#""common-crawl""#,
            r#"{"zeta":[1,"\u00e9"],"alpha":null}"#,
            "3.5",
        ] {
            let line = format!(r#"{{"id":"x","source":{source},"text":"t"}}"#);
            same_as_serde(&parse_record(line.as_bytes()).unwrap());
        }
    }

    #[test]
    fn strings_escape_every_byte_as_serde_does() {
        // Every ASCII byte, at every offset within a sixteen-byte chunk, beside multi-byte
        // text.
        for byte in 0u8..0x80 {
            for pad in 0..17 {
                // â, ¢ and Ü carry 0xa2 and 0x9c: `"` and `\` with the high bit set.
                let text = format!(
                    "{}{}é中â¢Ü\u{85}{}",
                    "a".repeat(pad),
                    byte as char,
                    "b".repeat(pad)
                );
                let record = Record {
                    title: Some(text),
                    ..Record::default()
                };
                same_as_serde(&record);
            }
        }
    }

    #[test]
    fn line_separators_are_escaped_and_read_back_the_same() {
        let title = "a\u{85}b\u{2028}c\u{2029}d\u{a0}é\u{2027}\u{202a}";
        let record = Record {
            title: Some(title.into()),
            ..Record::default()
        };
        let line = super::record(&record, None);
        let text = String::from_utf8(line.clone()).unwrap();
        assert!(!text.contains(['\u{85}', '\u{2028}', '\u{2029}']), "{text}");
        assert!(text.contains("a\\u0085b\\u2028c\\u2029d\u{a0}é"), "{text}");
        assert_eq!(parse_record(&line).unwrap().title.as_deref(), Some(title));
        // Nothing to escape: the same bytes back, not a copy.
        assert_eq!(
            line_safe(b"{\"t\":\"\xc2\xa0\"}".to_vec()),
            b"{\"t\":\"\xc2\xa0\"}"
        );
    }
}
