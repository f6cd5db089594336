//! folio-clean: turns each record's body HTML into the article alone — blocks, text, credits,
//! language — between folio-parse and folio-filter in the pipeline.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use folio::{generate, tool, Common};
use folio_model::driver::{Driver, Tool};
use folio_model::jsonl;

const TOOL: Tool = tool!("folio-clean");

const EXAMPLES: &str = "Examples:
  folio-parse posts/ | folio-clean | folio-render --to markdown --out-dir site/
  folio-clean records.jsonl > clean.jsonl
  folio-clean --rules my-rules.yaml --explain records.jsonl > audited.jsonl";

/// Turn body HTML into the article alone: blocks, text, credits and language
#[derive(Parser)]
#[command(name = "folio-clean", version, after_help = EXAMPLES)]
struct Cli {
    /// JSON-lines input files; none or `-` reads stdin
    inputs: Vec<String>,

    /// Merge the rules of FILE.yaml on top of the built-in ones (repeatable; see
    /// docs/folio-clean.md for the format)
    #[arg(long, value_name = "FILE.yaml")]
    rules: Vec<PathBuf>,

    /// Add "removed" to each record: every piece removed, cut short, with the rule that removed it
    #[arg(long)]
    explain: bool,

    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let cli: Cli = match folio::parse_args(TOOL) {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    if let Some(kind) = cli.common.generate {
        return generate::<Cli>(kind, TOOL);
    }
    let driver = Driver::new(TOOL, cli.common.options());
    let options = folio_clean::Options {
        rules_files: cli.rules,
        explain: cli.explain,
        stage: Some(TOOL),
    };
    let cleaner = match folio_clean::Cleaner::new(options) {
        Ok(cleaner) => cleaner,
        Err(err) => return driver.fatal(err).into(),
    };
    driver
        .run_records_keeping_html(
            &cli.inputs,
            // Cleaning adds to a record and leaves its `html` as it was read.
            |record, html_json, notes| {
                let record = cleaner.clean(record, notes)?;
                Ok(jsonl::encode_keeping_html(&record, html_json))
            },
            |line, _at, out| out.write_line(&line),
        )
        .into()
}
