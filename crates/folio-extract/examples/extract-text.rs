//! Reads folio records (JSON lines with `html`, `source.path`, `url`) on stdin, finds each
//! page's article and writes `{"source":{"path":…},"text":…}` per line: the fragment's visible
//! text with a blank line between blocks. A measuring aid for the extraction benchmark:
//!
//! ```sh
//! folio-parse pages/ | cargo run --release -p folio-extract --example extract-text
//! ```

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use folio_extract::{Extractor, Options};
use serde_json::{json, Value};

// The tests' text function, so that the benchmark aid measures what the tests check.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "extract-text: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> io::Result<()> {
    let extractor = Extractor::new(Options::default()).map_err(io::Error::other)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for (number, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        let record: Value = serde_json::from_str(&line)
            .map_err(|err| io::Error::other(format!("<stdin>:{}: {err}", number + 1)))?;
        let html = record["html"].as_str().unwrap_or("");
        let extraction = extractor.extract(html, record["url"].as_str());
        let text = common::visible_text(&extraction.html);
        let row = json!({"source": {"path": record["source"]["path"]}, "text": text});
        writeln!(out, "{row}")?;
    }
    out.flush()
}
