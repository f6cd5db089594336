//! Where a piece of input came from, and what can be wrong with a record.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// A place in the input: a source name (`<stdin>` or a path) and, for line-based input, the
/// 1-based line number; the record id once it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub source: Arc<str>,
    pub line: Option<u64>,
    pub id: Option<String>,
}

impl Location {
    pub fn file(source: impl Into<Arc<str>>) -> Self {
        Location {
            source: source.into(),
            line: None,
            id: None,
        }
    }

    pub fn line(source: Arc<str>, line: u64) -> Self {
        Location {
            source,
            line: Some(line),
            id: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        Ok(())
    }
}

/// `text` with every control character written as an escape (`\n`, `\u{1b}`), and so the
/// line breaks and bidirectional overrides that are not control characters: a message goes
/// to stderr as one line, and an id or file name taken from the input must not be able to
/// start a forged line of its own or move the terminal's cursor.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            escaped.extend(c.escape_debug());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Why a line of JSON is not a usable record.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("undecodable bytes: not UTF-8 at byte {offset}")]
    Utf8 { offset: usize },
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("invalid record: expected a JSON object, found {found}")]
    NotAnObject { found: &'static str },
    #[error("invalid record: \"{field}\": {why}")]
    Field { field: String, why: String },
    #[error(
        "record written by a newer folio ({tool} wrote format {found}); this tool reads format {supported}"
    )]
    NewerFormat {
        tool: String,
        found: u32,
        supported: u32,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_reads_like_a_compiler_message() {
        let mut loc = Location::line(Arc::from("<stdin>"), 42);
        assert_eq!(loc.to_string(), "<stdin>:42");
        loc.id = Some("3f2a".into());
        assert_eq!(loc.to_string(), "<stdin>:42 (id 3f2a)");
        assert_eq!(Location::file("posts/a.md").to_string(), "posts/a.md");
    }

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert!(matches!(escape_controls("新闻 café"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("a\nfolio-clean: x\u{1b}[2J\t\u{85}\u{2028}\u{202e}"),
            "a\\nfolio-clean: x\\u{1b}[2J\\t\\u{85}\\u{2028}\\u{202e}"
        );
    }
}
