//! folio-model: the record every folio tool reads and writes, and the machinery they share.
//!
//! It sits under every stage of the pipeline (`folio-parse | folio-clean | folio-filter |
//! folio-render`): the [`Record`] and its [`Block`]s, the line-numbered JSON-lines
//! [`jsonl::Reader`] and buffered [`jsonl::Writer`], record errors with their [`Location`],
//! the [`Exit`] code table, the date normaliser, and the [`driver`] that turns "a function over
//! one record" into a whole pipe program with rejects, `--strict`, ordered parallel work and
//! quiet exit on a closed stdout.

pub mod date;
pub mod driver;
mod encode;
pub mod error;
pub mod exit;
pub mod identity;
pub mod jsonl;
pub mod keyword;
pub mod looks;
mod pipe;
mod reader;
pub mod record;
pub mod schema;
mod unescape;

pub use error::{Location, RecordError};
pub use exit::Exit;
pub use keyword::Keyword;
pub use record::{
    Block, Credits, Inline, Record, Removal, Source, SourceField, Stage, RECORD_FORMAT,
};
