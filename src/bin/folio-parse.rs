//! folio-parse: crawled posts (files, folders, globs, stdin) to JSON-lines records, the first
//! stage of every folio pipeline.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::process::ExitCode;

use clap::Parser;
use folio::{generate, tool, Common};
use folio_model::date::Zone;
use folio_model::driver::{Driver, Original, Rejection, Tool};
use folio_parse::{Inputs, Options};

const TOOL: Tool = tool!("folio-parse");

const EXAMPLES: &str = "Examples:
  folio-parse posts/ > records.jsonl
  folio-parse 'posts/**/*.md' --tz Asia/Shanghai | folio-clean | folio-render --to text
  find posts -name '*.md' -newer stamp | folio-parse --files-from - --rejects bad.jsonl
  folio-parse - < post.md";

/// Read crawled posts (front matter + HTML or Markdown body) and write one JSON record per post
#[derive(Parser)]
#[command(name = "folio-parse", version, after_help = EXAMPLES)]
struct Cli {
    /// Files, folders (walked recursively, sorted), glob patterns, or `-` for one document on stdin
    #[arg(value_name = "PATH")]
    paths: Vec<String>,

    /// Also read the paths listed in FILE, one per line (`-` reads them from stdin)
    #[arg(long, value_name = "FILE")]
    files_from: Option<String>,

    /// Time zone for dates written without one: an IANA name (Asia/Shanghai) or an offset (+08:00)
    #[arg(long, value_name = "ZONE", default_value = "UTC", allow_hyphen_values = true)]
    tz: Zone,

    #[command(flatten)]
    common: Common,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(kind) = cli.common.generate {
        return generate::<Cli>(kind, TOOL);
    }
    let driver = Driver::new(TOOL, cli.common.options());
    let listed: Option<Box<dyn BufRead + Send>> = match cli.files_from.as_deref() {
        None => None,
        Some("-") if cli.paths.iter().any(|p| p == "-") => {
            return driver.fatal("--files-from - and the path - cannot both read stdin").into()
        }
        Some("-") => Some(Box::new(BufReader::new(io::stdin()))),
        Some(path) => match File::open(path) {
            Ok(file) => Some(Box::new(BufReader::new(file))),
            Err(err) => return driver.fatal(format!("--files-from {path}: {err}")).into(),
        },
    };
    if cli.paths.is_empty() && listed.is_none() {
        return driver.fatal("no input: give paths, `-` for stdin, or --files-from (see --help)").into();
    }
    let parser = folio_parse::Parser::new(Options { zone: cli.tz });
    let inputs = Inputs::new(cli.paths, listed);
    driver
        .run(
            inputs,
            |doc, notes| {
                let mut record = parser.parse_document(&doc, notes).map_err(|err| {
                    notes.set_line(err.line.map(|l| l as u64));
                    Rejection::new(err.why, doc.path_text().map(Original::Path))
                })?;
                if let Some(record) = &mut record {
                    record.mark_stage(TOOL.name, TOOL.version);
                }
                Ok(record)
            },
            |record, _at, out| match record {
                Some(record) => out.write_record(&record),
                None => Ok(()),
            },
        )
        .into()
}
