//! `folio-parse PATH… | folio-clean` in one process, through the two libraries: each whole
//! page is parsed once, for its metadata and for its article, where the pipeline parses it
//! in each tool. The records are the pipeline's, byte for byte (a test holds them equal).
//!
//!     cargo run --release --example parse-and-clean -- pages/ > clean.jsonl

use std::process::ExitCode;

use clap::Parser;
use folio::{tool, Common};
use folio_model::driver::{self, Driver, Original, Rejection, Tool};
use folio_model::jsonl;

const PARSE: Tool = tool!("folio-parse");
const CLEAN: Tool = tool!("folio-clean");

/// Read posts and pages, and write each one's record cleaned
#[derive(Parser)]
#[command(name = "parse-and-clean")]
struct Cli {
    /// Files, folders (walked recursively, sorted) or glob patterns
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,

    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let driver = Driver::new(CLEAN, cli.common.options());
    let parser = folio_parse::Parser::new(folio_parse::Options::default());
    let cleaner = match folio_clean::Cleaner::new(folio_clean::Options {
        stage: Some(CLEAN),
        ..Default::default()
    }) {
        Ok(cleaner) => cleaner,
        Err(err) => return driver.fatal(err).into(),
    };
    let work = |doc: folio_parse::Document, notes: &mut driver::Notes| {
        let reject = |why: String| Rejection::new(why, doc.path_text().map(Original::Path));
        let Some((mut record, page)) = parser
            .parse_document_with_page(&doc, notes)
            .map_err(|err| reject(err.why))?
        else {
            return Ok(None);
        };
        record.mark_stage(PARSE.name, PARSE.version);
        let record = cleaner
            .clean_with_page(record, page.as_ref(), notes)
            .map_err(reject)?;
        Ok(Some(jsonl::encode(&record)))
    };
    let write = |line: Option<Vec<u8>>, _: &folio_model::Location, out: &mut driver::Output| {
        line.map_or(Ok(()), |line| out.write_line(&line))
    };
    driver
        .run(folio_parse::Inputs::new(cli.paths, None), work, write)
        .into()
}
