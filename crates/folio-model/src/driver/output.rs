//! Where results go, in input order: data to stdout, messages to stderr (warnings of one
//! kind summed up past a few), and what was refused or dropped to the rejects file.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};

use indicatif::ProgressBar;
use serde::Serialize;

use crate::error::{escape_controls, Location};
use crate::jsonl::{self, Writer};
use crate::pipe::StdoutSink;
use crate::record::Record;

use super::notes::{Original, Rejection, Tool};

/// How many warnings of one kind are shown in full; the rest are counted, and the count is
/// said once at the end (see [`warning_kind`]).
pub const WARNINGS_IN_FULL: u64 = 5;

#[derive(Serialize)]
pub(crate) struct RejectEntry<'a> {
    tool: &'a str,
    #[serde(rename = "where")]
    place: String,
    why: &'a str,
    #[serde(flatten)]
    original: Option<&'a Original>,
}

/// Where results go: stdout for data, stderr for messages, the rejects file for what was
/// refused or dropped. Sinks get it for each result, in input order.
pub struct Output {
    pub(crate) tool: Tool,
    pub(crate) quiet: bool,
    pub(crate) verbose: bool,
    /// Warnings by kind, in the order first seen, with how many there were.
    pub(crate) warnings: Vec<(String, u64)>,
    pub(crate) warning_index: HashMap<String, usize>,
    pub(crate) stdout: Writer<StdoutSink>,
    pub(crate) rejects: Option<Writer<File>>,
    pub(crate) progress: Option<ProgressBar>,
    pub(crate) rejected: u64,
    pub(crate) dropped: u64,
    pub(crate) written: u64,
}

impl Output {
    /// Writes a record as one JSON line on stdout.
    pub fn write_record(&mut self, record: &Record) -> io::Result<()> {
        self.written += 1;
        self.stdout.write_line(&jsonl::encode(record))
    }

    /// A line already encoded (see [`jsonl::encode`]) on stdout.
    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        self.written += 1;
        self.stdout.write_line(line)
    }

    /// Any JSON value as one line on stdout.
    pub fn write_json<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        self.written += 1;
        self.stdout.write(value)
    }

    /// The buffered stdout, for output that is not JSON lines.
    pub fn stdout(&mut self) -> &mut impl Write {
        self.stdout.raw()
    }

    /// Counts a record as written when a sink wrote it by other means (a file, a template).
    pub fn count_written(&mut self) {
        self.written += 1;
    }

    /// A record left out on purpose (not an error): it goes to `--rejects` with its reason.
    pub fn drop_record(
        &mut self,
        location: &Location,
        record: &Record,
        reason: &str,
    ) -> io::Result<()> {
        self.dropped += 1;
        let original = Original::Record(record.to_value());
        self.write_reject(location, reason, Some(&original))
    }

    /// Input left out on purpose: a warning (unless `--quiet`) and a line in `--rejects`.
    pub fn skip(&mut self, location: &Location, skipped: &Rejection) -> io::Result<()> {
        self.dropped += 1;
        self.warn(location, &skipped.why);
        self.write_reject(location, &skipped.why, skipped.original.as_ref())
    }

    /// A notice about the input, `where: note: message` on stderr (unless `--quiet`): counts
    /// and the like, neither a warning nor an error.
    pub fn note(&self, location: &Location, message: &str) {
        if !self.quiet {
            self.message(&format!("{location}: note: {message}"));
        }
    }

    /// Bad input: reported on stderr, written to `--rejects`, counted for exit status 1.
    pub fn reject(&mut self, location: &Location, rejection: &Rejection) -> io::Result<()> {
        self.rejected += 1;
        if !rejection.again {
            self.error(location, &rejection.why);
        }
        self.write_reject(location, &rejection.why, rejection.original.as_ref())
    }

    /// A warning on stderr, unless `--quiet`. Past [`WARNINGS_IN_FULL`] of one kind (and
    /// without `--verbose`), it is only counted: a corpus where every record gets the same
    /// warning would bury everything else on stderr. [`Driver`](super::Driver) says the count at the end.
    pub fn warn(&mut self, location: &Location, message: &str) {
        if self.quiet {
            return;
        }
        let kind = warning_kind(message);
        let index = match self.warning_index.get(kind.as_str()) {
            Some(&index) => index,
            None => {
                self.warnings.push((kind.clone(), 0));
                self.warning_index.insert(kind, self.warnings.len() - 1);
                self.warnings.len() - 1
            }
        };
        let seen = &mut self.warnings[index].1;
        *seen += 1;
        if self.verbose || *seen <= WARNINGS_IN_FULL {
            self.message(&format!("{location}: warning: {message}"));
        }
    }

    /// One line for each kind of warning of which some were only counted.
    pub(crate) fn summarise_warnings(&self) {
        if self.verbose {
            return;
        }
        for (kind, seen) in &self.warnings {
            if *seen > WARNINGS_IN_FULL {
                self.message(&format!(
                    "{seen} inputs: warning: {kind} (the first {WARNINGS_IN_FULL} shown above; \
                     --verbose shows each)"
                ));
            }
        }
    }

    fn error(&self, location: &Location, why: &str) {
        self.message(&format!("{location}: {why}"));
    }

    pub(crate) fn message(&self, text: &str) {
        let line = format!("{}: {}\n", self.tool.name, escape_controls(text));
        let write = || {
            // stderr is where failures are reported: if it is gone there is nowhere left to
            // say so, and the exit status still tells.
            let _ = io::stderr().lock().write_all(line.as_bytes());
        };
        match &self.progress {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    fn write_reject(
        &mut self,
        location: &Location,
        why: &str,
        original: Option<&Original>,
    ) -> io::Result<()> {
        let Some(rejects) = &mut self.rejects else {
            return Ok(());
        };
        let entry = RejectEntry {
            tool: self.tool.name,
            place: location.to_string(),
            why,
            original,
        };
        rejects
            .write(&entry)
            .map_err(|err| Fatal::error(format!("--rejects: {err}")))
    }

    pub fn rejected(&self) -> u64 {
        self.rejected
    }

    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    pub fn written(&self) -> u64 {
        self.written
    }
}

/// A failure that ends the run with exit status 2 and this message, returned by a sink as an
/// `io::Error` (see [`Fatal::error`]): the rejects file cannot be written, an output would
/// overwrite an input. It is not taken for a closed stdout.
#[derive(Debug)]
pub struct Fatal(String);

impl Fatal {
    /// The error a sink returns to stop the run with `message` (`where: why`).
    pub fn error(message: impl Into<String>) -> io::Error {
        io::Error::other(Fatal(message.into()))
    }
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Fatal {}

/// What warnings are counted together by: the message with each quoted value (a date, a
/// file name) made `"…"`, so that `date "x" is not a date` and `date "y" is not a date` are
/// one kind.
pub fn warning_kind(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            kind.push(c);
            continue;
        }
        // A quoted value as `{:?}` writes it: up to the next quote not escaped.
        let mut closed = false;
        while let Some(inner) = chars.next() {
            match inner {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    closed = true;
                    break;
                }
                _ => {}
            }
        }
        kind.push_str(if closed { "\"…\"" } else { "\"…" });
    }
    kind
}
