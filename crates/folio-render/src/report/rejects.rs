//! Rejects files (`--rejects` of any folio tool, docs/model.md) read for a report: lines are
//! counted by tool and by the stable part of their reason, so that `quality: too-short (87
//! chars < 200)` and `quality: too-short (12 chars < 200)` are one row.

use std::collections::BTreeMap;

use folio_model::driver::{self, Feed, Original};
use serde::Deserialize;

/// The most reason groups told apart; later new ones are counted together.
const GROUPS_LIMIT: usize = 10_000;

/// The longest example reason kept per group, in characters.
const EXAMPLE_CHARS: usize = 240;

/// The group of a line that is not a rejects line (not JSON, or no `why`).
pub const UNREADABLE: &str = "(not a folio rejects line)";

/// The group of reasons past [`GROUPS_LIMIT`].
const OTHER: &str = "(other reasons)";

/// Rejected and dropped inputs by tool and reason.
#[derive(Debug, Clone, Default)]
pub struct Rejections {
    /// Per (tool, reason group): the count and the first full reason seen.
    pub groups: BTreeMap<(String, String), Group>,
    pub total: u64,
    /// The files read, as named.
    pub files: Vec<String>,
}

/// One row of the rejections table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub count: u64,
    pub example: String,
}

/// What a report reads of a rejects line; the original (`line`, `path`, `record`) is skipped.
#[derive(Deserialize)]
struct Line {
    tool: Option<String>,
    why: Option<String>,
}

impl Rejections {
    /// Reads one rejects file (JSON lines, plain or gzipped). A file that cannot be read is
    /// an error; a line that is not a rejects line is counted as [`UNREADABLE`].
    pub fn read(&mut self, name: &str) -> Result<(), String> {
        self.files.push(name.to_owned());
        for feed in driver::lines(&[name.to_owned()]) {
            match feed {
                Feed::Item(_, bytes) => self.add_line(&bytes),
                Feed::Reject(_, rejection) => match rejection.original {
                    // The file itself: missing, unreadable, or a read error half-way.
                    Some(Original::Path(_)) => {
                        return Err(format!("--rejects-from {name}: {}", rejection.why))
                    }
                    _ => self.add("", UNREADABLE, &rejection.why),
                },
                Feed::Skip(..) | Feed::Note(..) => {}
            }
        }
        Ok(())
    }

    fn add_line(&mut self, bytes: &[u8]) {
        match serde_json::from_slice::<Line>(bytes) {
            Ok(Line {
                tool,
                why: Some(why),
            }) => {
                let tool = tool.unwrap_or_default();
                self.add(&tool, &reason_group(&why), &why);
            }
            Ok(_) => self.add("", UNREADABLE, "no \"why\""),
            Err(err) => self.add("", UNREADABLE, &err.to_string()),
        }
    }

    /// Counts one rejection under `tool` and `group`, keeping `why` as the group's example
    /// when it is the first.
    pub fn add(&mut self, tool: &str, group: &str, why: &str) {
        self.total += 1;
        let tool = cut(tool, 60);
        let mut key = (tool, group.to_owned());
        if !self.groups.contains_key(&key) && self.groups.len() >= GROUPS_LIMIT {
            key.1 = OTHER.to_owned();
        }
        self.groups
            .entry(key)
            .or_insert_with(|| Group {
                count: 0,
                example: cut(why, EXAMPLE_CHARS),
            })
            .count += 1;
    }

    /// The groups, largest first (ties by tool, then reason).
    pub fn rows(&self) -> Vec<(&str, &str, &Group)> {
        let mut rows: Vec<(&str, &str, &Group)> = self
            .groups
            .iter()
            .map(|((tool, group), g)| (tool.as_str(), group.as_str(), g))
            .collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.2.count));
        rows
    }

    /// Rejections per tool, in tool order.
    pub fn by_tool(&self) -> BTreeMap<&str, u64> {
        let mut tools = BTreeMap::new();
        for ((tool, _), group) in &self.groups {
            *tools.entry(tool.as_str()).or_default() += group.count;
        }
        tools
    }
}

/// The stable part of a reason: what stays the same from one record to the next.
///
/// `duplicate of ID (same url)` and `duplicate of ID (near, J=0.91)` keep their kind
/// (`duplicate (same url)`, `duplicate (near)`); otherwise a trailing detail in parentheses
/// goes (`quality: too-short (87 chars < 200)` → `quality: too-short`), and of the parts
/// separated by `: `, those from the first that holds a number, a quote, a list or a long
/// text on (`min-chars: 87 chars < 200` → `min-chars`, `invalid record: "title": invalid
/// type: integer `3`…` → `invalid record: "title": invalid type`).
pub fn reason_group(why: &str) -> String {
    let why = why.trim();
    if let Some(rest) = why.strip_prefix("duplicate of ") {
        let kind = rest
            .rsplit_once(" (")
            .and_then(|(_, detail)| detail.strip_suffix(')'))
            .map(|detail| {
                let parts: Vec<&str> = detail
                    .split(", ")
                    .filter(|part| !part.starts_with("J="))
                    .collect();
                format!(" ({})", parts.join(", "))
            })
            .unwrap_or_default();
        return format!("duplicate{kind}");
    }
    let head = why.split(" (").next().unwrap_or(why);
    let mut parts = head.split(": ");
    let first = parts.next().unwrap_or_default();
    let mut group = cut(first, 80);
    for part in parts {
        if !is_label(part) {
            break;
        }
        group.push_str(": ");
        group.push_str(part);
    }
    group
}

/// A part of a reason that names a kind rather than a value: short, no digits, no list, and
/// quoted only when it is a quoted name as a whole (`"title"`).
fn is_label(part: &str) -> bool {
    let quoted_name = part.len() > 2
        && part.starts_with('"')
        && part.ends_with('"')
        && !part[1..part.len() - 1].contains('"');
    part.chars().count() <= 40
        && !part.is_empty()
        && !part.contains(|c: char| c.is_ascii_digit() || "[]{}`'/".contains(c))
        && (quoted_name || !part.contains('"'))
}

/// `text` cut at `chars` characters, with `…` when cut.
fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_group_by_their_stable_part() {
        let cases = [
            ("quality: too-short (87 chars < 200)", "quality: too-short"),
            ("quality: non-text (0.12 letters < 0.50)", "quality: non-text"),
            ("min-chars: 12 chars < 20", "min-chars"),
            ("category: not in [金融, 宏观]", "category"),
            ("since: no date", "since: no date"),
            (
                "since: 2021-01-01T00:00:00+00:00 is before 2022-05-01T00:00:00+08:00",
                "since",
            ),
            ("duplicate of 3f2a9c (same url)", "duplicate (same url)"),
            ("duplicate of a (near, J=0.91)", "duplicate (near)"),
            (
                "duplicate of <stdin>:4 (near, J=0.85, across shards)",
                "duplicate (near, across shards)",
            ),
            ("sample: not drawn (rate 0.1, seed 7)", "sample: not drawn"),
            ("limit: 100 records already written", "limit"),
            (
                "invalid JSON: expected value at line 1 column 1",
                "invalid JSON",
            ),
            (
                "invalid record: \"title\": invalid type: integer `3`, expected a string",
                "invalid record: \"title\": invalid type",
            ),
            (
                "invalid record: expected a JSON object, found array",
                "invalid record: expected a JSON object, found array",
            ),
            ("undecodable bytes: not UTF-8 at byte 17", "undecodable bytes"),
            (
                "unterminated yaml front matter: no closing `---` line",
                "unterminated yaml front matter",
            ),
            (
                "record longer than --max-record-bytes (67108864 bytes), skipped",
                "record longer than --max-record-bytes",
            ),
            (
                "record written by a newer folio (folio-clean wrote format 2); this tool reads format 1",
                "record written by a newer folio",
            ),
            ("binary file, skipped", "binary file, skipped"),
            ("title: no match for /央行/", "title"),
        ];
        for (why, group) in cases {
            assert_eq!(reason_group(why), group, "{why}");
        }
    }

    #[test]
    fn lines_are_counted_by_tool_and_group_with_a_first_example() {
        let mut rejections = Rejections::default();
        let lines = [
            r#"{"tool":"folio-filter","where":"a:1","why":"min-chars: 3 chars < 20","record":{"id":"x"}}"#,
            r#"{"tool":"folio-filter","where":"a:2","why":"min-chars: 5 chars < 20","record":{}}"#,
            r#"{"tool":"folio-parse","where":"b.md","why":"binary file, skipped","path":"b.md"}"#,
            r#"{"tool":"folio-parse"}"#,
            "not json",
        ];
        for line in lines {
            rejections.add_line(line.as_bytes());
        }
        assert_eq!(rejections.total, 5);
        let rows = rejections.rows();
        assert_eq!((rows[0].0, rows[0].1, rows[0].2.count), ("", UNREADABLE, 2));
        assert_eq!(
            (rows[1].0, rows[1].1, rows[1].2.count),
            ("folio-filter", "min-chars", 2)
        );
        assert_eq!(rows[1].2.example, "min-chars: 3 chars < 20");
        let tools: Vec<(&str, u64)> = rejections.by_tool().into_iter().collect();
        assert_eq!(tools, [("", 2), ("folio-filter", 2), ("folio-parse", 1)]);
    }

    #[test]
    fn groups_past_the_limit_are_counted_together() {
        let mut rejections = Rejections::default();
        for n in 0..GROUPS_LIMIT + 3 {
            rejections.add("t", &format!("reason {n}"), "why");
        }
        assert_eq!(rejections.groups.len(), GROUPS_LIMIT + 1);
        assert_eq!(rejections.groups[&("t".into(), OTHER.into())].count, 3);
    }

    #[test]
    fn a_missing_file_is_an_error() {
        let mut rejections = Rejections::default();
        let err = rejections.read("/nonexistent/rejects.jsonl").unwrap_err();
        assert!(
            err.starts_with("--rejects-from /nonexistent/rejects.jsonl: cannot read"),
            "{err}"
        );
    }
}
