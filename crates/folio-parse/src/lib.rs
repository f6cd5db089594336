//! folio-parse: the first stage of the pipeline. It turns crawled posts (front matter plus an
//! HTML or Markdown body) into records: metadata normalised, every front-matter key kept under
//! `meta`, the body kept as `html`. The later stages (folio-clean, folio-filter, folio-render)
//! read what it writes.
//!
//! [`inputs`] finds the documents (files, folders, globs, stdin, lists of paths) in a stable
//! order; [`Parser::parse`] turns the bytes of one document into a [`folio_model::Record`].

mod body;
mod decode;
mod fields;
mod front;
pub mod inputs;

use folio_model::date::Zone;
use folio_model::driver::Notes;
use folio_model::{Record, Source};

pub use inputs::{Document, Inputs};

/// Why a document could not be read as a post. `line` is 1-based in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{why}")]
pub struct ParseError {
    pub line: Option<usize>,
    pub why: String,
}

impl ParseError {
    pub(crate) fn new(line: Option<usize>, why: impl Into<String>) -> Self {
        ParseError {
            line,
            why: why.into(),
        }
    }
}

/// How documents are read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Zone for times written without one.
    pub zone: Zone,
}

/// Turns documents into records.
#[derive(Debug, Clone, Default)]
pub struct Parser {
    options: Options,
}

impl Parser {
    pub fn new(options: Options) -> Self {
        Parser { options }
    }

    /// Reads and parses one document. A binary file gives `None` with a notice.
    pub fn parse_document(&self, doc: &Document, notes: &mut Notes) -> Result<Option<Record>, ParseError> {
        let read;
        let bytes = match (&doc.bytes, &doc.path) {
            (Some(bytes), _) => bytes.as_slice(),
            (None, Some(path)) => {
                read = std::fs::read(path).map_err(|err| ParseError::new(None, format!("cannot read: {err}")))?;
                read.as_slice()
            }
            (None, None) => return Err(ParseError::new(None, "nothing to read")),
        };
        if is_binary(bytes) {
            notes.warn("binary file, skipped");
            return Ok(None);
        }
        self.parse(doc, bytes, notes).map(Some)
    }

    /// Parses one document. `doc` says where it came from (for `source.path` and the id);
    /// warnings (a date that is no date, a missing front matter) go to `notes`.
    pub fn parse(&self, doc: &Document, bytes: &[u8], notes: &mut Notes) -> Result<Record, ParseError> {
        let decoded = decode::decode(bytes)?;
        let text = decoded.text.as_ref();
        if text.trim().is_empty() {
            return Err(ParseError::new(None, "empty document"));
        }
        let split = front::split(text)?;
        if split.format.is_none() {
            notes.warn("no front matter; the whole file is taken as the body");
        }
        let mut record = Record::default();
        fields::fill(&mut record, &split.meta, &self.options.zone, notes);
        let (html, format) = body::to_html(split.body, doc.extension());
        record.html = Some(html);
        record.id = Some(doc.id(record.url.as_deref(), bytes));
        record.source = Some(Source {
            path: doc.path_text(),
            kind: Some("post".into()),
            format: Some(format.into()),
            front_matter: split.format.map(|f| f.name().to_owned()),
            site: record.url.as_deref().and_then(fields::host),
            encoding: decoded.encoding.map(str::to_owned),
        });
        record.meta = Some(split.meta);
        Ok(record)
    }
}

/// A NUL byte early on marks a binary file (images, archives), unless a UTF-16 BOM explains it.
fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    encoding_rs::Encoding::for_bom(head).is_none() && memchr::memchr(0, head).is_some()
}
