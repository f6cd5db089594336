//! folio-clean's command line: its flags, its page (the `--rejects` help, examples, exit
//! statuses) and the run they start, each record cleaned by folio_clean's `Cleaner`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use clap::ValueHint;
use folio_model::driver::{Driver, Tool};
use folio_model::jsonl;

use crate::{tool, Common, Page};

const TOOL: Tool = tool!("folio-clean");

const PAGE: Page = Page {
    tool: TOOL,
    rejects: "Write every input line that is not a valid record to FILE as JSON lines: \
        {\"tool\", \"where\", \"why\", \"line\"}",
    examples: &[
        (
            "folio-parse posts/ | folio-clean | folio-render --to markdown --out-dir site/",
            "Parse the posts under posts/, keep the article of each, and write it as Markdown under site/.",
        ),
        (
            "folio-clean records.jsonl > clean.jsonl",
            "Clean the records of a file into another.",
        ),
        (
            "folio-clean --rules my-rules.yaml --explain records.jsonl > audited.jsonl",
            "Clean with site rules of one's own on top of the built-in ones, each record saying what was removed and by which rule.",
        ),
    ],
    exit_status: &[
        ("0", "Every record was cleaned and written (records kept with a warning included), or stdout closed early (| head)."),
        ("1", "Some input lines were not valid records: reported on stderr, written to --rejects; the rest was cleaned."),
        ("2", "Usage or configuration error: bad option, unreadable or invalid rules file."),
    ],
};

/// Turn body HTML into the article alone: blocks, text, credits and language
#[derive(Parser)]
#[command(name = "folio-clean", version)]
struct Cli {
    /// JSON-lines input files; none or `-` reads stdin
    #[arg(value_hint = ValueHint::FilePath)]
    inputs: Vec<String>,

    /// Merge the rules of FILE.yaml on top of the built-in ones (repeatable; see
    /// docs/folio-clean.md for the format)
    #[arg(long, value_name = "FILE.yaml", value_hint = ValueHint::FilePath)]
    rules: Vec<PathBuf>,

    /// Add "removed" to each record: every piece removed, cut short, with the rule that removed it
    #[arg(long)]
    explain: bool,

    #[command(flatten)]
    common: Common,
}

/// `folio-clean`: reads the command line, runs, and gives the exit status.
pub fn main() -> ExitCode {
    let cli: Cli = match crate::open(&PAGE, |cli: &Cli| cli.common.generate) {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    let driver = Driver::new(TOOL, cli.common.options());
    let options = folio_clean::Options {
        rules_files: cli.rules,
        explain: cli.explain,
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
                let mut record = cleaner.clean(record, notes)?;
                TOOL.stamp(&mut record);
                Ok(jsonl::encode_keeping_html(&record, html_json))
            },
            |line, _at, out| out.write_line(&line),
        )
        .into()
}
