//! What an input that is not JSON lines looks like, told from its first lines, so that a
//! tool given a post, a page or a table says so once instead of rejecting it line by line.
//!
//! The rule (docs/model.md, "Not JSON lines"): the first [`SAMPLE_LINES`] non-blank lines of
//! an input are all not JSON, or the input has fewer and they are all not JSON and look like
//! one of the kinds below; or its first line is a lone `[` or `{`. An input whose lines all
//! open an object is not judged, so broken JSON lines keep their own precise errors.

use serde::de::IgnoredAny;

/// How many of an input's first non-blank lines are looked at.
pub const SAMPLE_LINES: usize = 3;

/// What an input looks like when it is not JSON lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    /// `---` or `+++` first: a post with YAML or TOML front matter.
    Post,
    /// A Markdown heading or underline.
    Markdown,
    /// A tag first (`<!DOCTYPE html>`, `<html>`, `<p>`…).
    Html,
    /// `<?xml` first, with `<feed` or `<rss` (folio-render's `--to atom` writes one).
    Feed,
    /// `<?xml` first, otherwise.
    Xml,
    /// `WARC/1.x` first.
    Warc,
    /// A lone `{` or `[` first: one JSON value over several lines.
    JsonDocument,
    /// The same number of tabs on every line.
    Tsv,
    /// The same number of commas on every line.
    Csv,
    /// NUL bytes.
    Binary,
    /// Nothing above, over [`SAMPLE_LINES`] lines.
    Text,
}

/// Who reads the input, for the advice given with [`Looks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A tool that reads records (folio-clean, folio-filter, folio-render).
    Records,
    /// `folio-parse --from jsonl`, which reads crawler lines.
    CrawlLines,
}

impl Looks {
    /// What it looks like, as a message names it (`looks like HTML`).
    pub fn name(self) -> &'static str {
        match self {
            Looks::Post => "a Markdown post with front matter",
            Looks::Markdown => "Markdown",
            Looks::Html => "HTML",
            Looks::Feed => "an Atom or RSS feed",
            Looks::Xml => "XML",
            Looks::Warc => "a WARC archive",
            Looks::JsonDocument => "JSON over several lines",
            Looks::Tsv => "TSV",
            Looks::Csv => "CSV",
            Looks::Binary => "binary data",
            Looks::Text => "plain text",
        }
    }

    /// What to do about it.
    pub fn advice(self, reader: Reader) -> &'static str {
        match (self, reader) {
            (Looks::Post | Looks::Markdown | Looks::Html | Looks::Warc, Reader::Records) => {
                "run folio-parse first"
            }
            (Looks::Post | Looks::Markdown | Looks::Html | Looks::Warc, Reader::CrawlLines) => {
                "read it without --from jsonl"
            }
            (Looks::JsonDocument, _) => {
                "put one record on each line (`jq -c '.[]'` for an array, `jq -c .` for objects)"
            }
            (Looks::Tsv | Looks::Csv, _) => {
                "turn each row into a JSON object on a line of its own"
            }
            (Looks::Feed | Looks::Xml | Looks::Binary | Looks::Text, _) => {
                "the input must be JSON lines, one object per line (folio-parse makes them from posts and pages)"
            }
        }
    }

    /// The whole message: `looks like HTML, not JSON lines: run folio-parse first`.
    pub fn message(self, reader: Reader) -> String {
        format!(
            "looks like {}, not JSON lines: {}",
            self.name(),
            self.advice(reader)
        )
    }
}

/// Whether `line` holds one JSON value.
pub fn is_json(line: &[u8]) -> bool {
    serde_json::from_slice::<IgnoredAny>(line).is_ok()
}

/// What an input is, judged from `lines`, its first non-blank lines (up to [`SAMPLE_LINES`]
/// of them, fewer when the input has no more): `None` when it may be JSON lines, so that each
/// line is read and reported as usual.
pub fn not_json_lines(lines: &[&[u8]]) -> Option<Looks> {
    let first = lines.first()?.trim_ascii();
    if first == b"[" || first == b"{" {
        // Never a line of JSON lines; the next lines may be (folio-render's `--to json`).
        return Some(Looks::JsonDocument);
    }
    if lines.iter().any(|line| is_json(line))
        || lines
            .iter()
            .all(|line| line.trim_ascii_start().starts_with(b"{"))
    {
        return None;
    }
    let looks = kind(lines);
    (looks.is_some() || lines.len() >= SAMPLE_LINES).then(|| looks.unwrap_or(Looks::Text))
}

fn kind(lines: &[&[u8]]) -> Option<Looks> {
    if lines.iter().any(|line| line.contains(&0)) {
        return Some(Looks::Binary);
    }
    let first = lines[0].trim_ascii();
    let lower = |bytes: &[u8]| bytes.to_ascii_lowercase();
    if first == b"---" || first == b"+++" {
        return Some(Looks::Post);
    }
    if first.starts_with(b"WARC/") {
        return Some(Looks::Warc);
    }
    if lower(first).starts_with(b"<?xml") {
        let all = lower(&lines.concat());
        let feed = |tag: &[u8]| all.windows(tag.len()).any(|w| w == tag);
        return Some(if feed(b"<feed") || feed(b"<rss") {
            Looks::Feed
        } else {
            Looks::Xml
        });
    }
    if first.starts_with(b"<")
        && first
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'!')
    {
        return Some(Looks::Html);
    }
    if first.starts_with(b"# ") || first.starts_with(b"##") {
        return Some(Looks::Markdown);
    }
    if let [_, second, ..] = lines {
        let underline = second.trim_ascii();
        if underline.len() >= 3 && underline.iter().all(|b| *b == b'=') {
            return Some(Looks::Markdown);
        }
    }
    if lines.len() >= 2 {
        let same = |sep: u8| {
            let count = |line: &&[u8]| line.iter().filter(|b| **b == sep).count();
            let n = count(&lines[0]);
            n > 0 && lines.iter().all(|line| count(line) == n)
        };
        if same(b'\t') {
            return Some(Looks::Tsv);
        }
        if same(b',') {
            return Some(Looks::Csv);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn looks(text: &str) -> Option<Looks> {
        let lines: Vec<&[u8]> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(SAMPLE_LINES)
            .map(str::as_bytes)
            .collect();
        not_json_lines(&lines)
    }

    #[test]
    fn kinds_of_input_are_named() {
        let cases: &[(&str, Looks)] = &[
            ("---\ntitle: Rain\n---\nIt rained.", Looks::Post),
            ("+++\ntitle = 'Rain'\n+++\n", Looks::Post),
            ("# Rain\n\nIt rained all day.", Looks::Markdown),
            ("Rain\n====\nIt rained.", Looks::Markdown),
            ("<!DOCTYPE html>\n<html>\n<p>x</p>", Looks::Html),
            ("<p>It rained.</p>", Looks::Html),
            (
                "<?xml version=\"1.0\"?>\n<feed xmlns=\"x\">\n<id>1</id>",
                Looks::Feed,
            ),
            ("<?xml version=\"1.0\"?>\n<note/>", Looks::Xml),
            ("WARC/1.1\r\nWARC-Type: response", Looks::Warc),
            (
                "{\n  \"id\": \"a\",\n  \"text\": \"b\"\n}",
                Looks::JsonDocument,
            ),
            ("[\n{\"id\": \"a\"},\n", Looks::JsonDocument),
            ("[\n{\"id\": \"a\"}\n]", Looks::JsonDocument),
            ("id\ttitle\na\tRain", Looks::Tsv),
            ("id,title,url\na,Rain,\nb,Sun,", Looks::Csv),
            ("a\0b\nc", Looks::Binary),
            ("It rained.\nThen it stopped.\nThe end.", Looks::Text),
        ];
        for (text, want) in cases {
            assert_eq!(looks(text), Some(*want), "{text:?}");
        }
    }

    #[test]
    fn json_lines_and_lines_meant_as_json_are_left_to_the_reader() {
        for text in [
            "{\"id\":\"a\"}\nnot json\nnot json either",
            "not json\n{\"id\":\"a\"}\n# heading",
            "[1, 2]\n---\n---",
            // Every line opens an object: broken JSON lines, each with its own error.
            "{not json\n{\"title\": \"open\n{\"a\":1,}",
            // Fewer lines than looked at, of no known kind: the line's own error says more.
            "not json",
            "nope\nnope either",
            "",
        ] {
            assert_eq!(looks(text), None, "{text:?}");
        }
    }

    #[test]
    fn advice_depends_on_the_reader() {
        assert_eq!(
            Looks::Post.message(Reader::Records),
            "looks like a Markdown post with front matter, not JSON lines: run folio-parse first"
        );
        assert_eq!(
            Looks::Html.message(Reader::CrawlLines),
            "looks like HTML, not JSON lines: read it without --from jsonl"
        );
    }
}
