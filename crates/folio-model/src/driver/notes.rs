//! What a tool is, and what the work on one input tells the driver: warnings and notes
//! ([`Notes`]), and why an input was refused ([`Rejection`]) with the input itself.

use serde::Serialize;
use serde_json::Value;

use crate::error::Location;
use crate::record::Record;

/// Name and version of the running tool, as messages and `stages` show them.
#[derive(Debug, Clone, Copy)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Tool {
    /// Names this tool in `record`'s `stages`. The tools that write records call it, the
    /// libraries never do: a stage is stamped by the program that ran it (a binary, or
    /// `folio run` for each stage it runs).
    pub fn stamp(&self, record: &mut Record) {
        record.mark_stage(self.name, self.version);
    }
}

/// What a worker may say about the item it is working on.
#[derive(Debug)]
pub struct Notes {
    pub(crate) location: Location,
    pub(crate) warnings: Vec<String>,
    pub(crate) skipped: Option<Rejection>,
}

impl Notes {
    pub fn new(location: Location) -> Self {
        Notes {
            location,
            warnings: Vec::new(),
            skipped: None,
        }
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Names the record in later messages about this item.
    pub fn set_id(&mut self, id: Option<&str>) {
        self.location.id = id.map(str::to_owned);
    }

    /// Points later messages about this item at a line of its source.
    pub fn set_line(&mut self, line: Option<u64>) {
        self.location.line = line;
    }

    /// A warning, shown on stderr in input order (unless `--quiet`).
    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The item is left out on purpose (a binary file among posts, say): the reason is shown
    /// as a warning and written to `--rejects` with the original, not counted as an error.
    pub fn skip(&mut self, why: impl Into<String>, original: Option<Original>) {
        self.skipped = Some(Rejection::new(why, original));
    }
}

/// The original form of a rejected input, kept in the rejects file so nothing is lost.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Original {
    Line(String),
    Path(String),
    Record(Value),
}

/// An input refused as bad, with why.
#[derive(Debug, Clone)]
pub struct Rejection {
    pub why: String,
    pub original: Option<Original>,
    /// Refused for the reason stderr gave for the one before (the later lines of an input
    /// that is not JSON lines): counted and written to `--rejects`, not said again.
    pub again: bool,
}

impl Rejection {
    pub fn new(why: impl Into<String>, original: Option<Original>) -> Self {
        Rejection {
            why: why.into(),
            original,
            again: false,
        }
    }
}
