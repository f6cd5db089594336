//! folio-parse's command line: its flags, its page (the `--rejects` help, examples, exit
//! statuses) and the run they start, over files and folders or crawler JSON lines.

use std::process::ExitCode;

use clap::{Parser, ValueEnum, ValueHint};
use folio_model::date::Zone;
use folio_model::driver::{self, Driver, Original, Rejection, Tool};
use folio_model::{jsonl, Location, Record};
use folio_parse::{CrawlFields, Options, Request};

use crate::{tool, Common, Page};

const TOOL: Tool = tool!("folio-parse");

const PAGE: Page = Page {
    tool: TOOL,
    rejects: "Write every input that could not be read or parsed, and every file skipped \
        (binary, hidden, not a regular file), to FILE as JSON lines: {\"tool\", \"where\", \
        \"why\"} and the original \"path\" or \"line\"",
    examples: &[
        (
            "folio-parse posts/ > records.jsonl",
            "One record per post or page under posts/, the folder walked in sorted order.",
        ),
        (
            "folio-parse 'posts/**/*.md' --tz Asia/Shanghai | folio-clean | folio-render --to text",
            "The Markdown posts a glob names, dates written without a zone taken in Beijing time, as plain text.",
        ),
        (
            "find posts -name '*.md' -newer stamp | folio-parse --files-from - --rejects bad.jsonl",
            "The posts changed since stamp; those that cannot be parsed are set aside in bad.jsonl.",
        ),
        (
            "folio-parse pages/*.html.gz | folio-clean",
            "Gzipped web pages, their metadata read, then cleaned to the article.",
        ),
        (
            "folio-parse CC-MAIN-…-00042.warc.gz | folio-clean | folio-filter --lang zh --quality > zh.jsonl",
            "Each HTML page of a web archive becomes a record; the Chinese articles of good quality are kept.",
        ),
        (
            "folio-parse --from jsonl --html-field body --url-field link crawl.jsonl",
            "Crawler JSON lines that hold each page in body and its address in link.",
        ),
    ],
    exit_status: &[
        ("0", "Every post was read (skipped hidden and binary files do not count as errors), or stdout closed early (| head)."),
        ("1", "Some input was rejected; everything else was written."),
        ("2", "Usage or configuration error (unknown flag, bad --tz, unwritable --rejects, no input on a terminal)."),
    ],
};

/// Read crawled posts, web pages or crawler JSON lines and write one JSON record per article
#[derive(Parser)]
#[command(name = "folio-parse", version)]
struct Cli {
    /// Files, folders (walked recursively, sorted), glob patterns, or `-` for stdin
    #[arg(value_name = "PATH", value_hint = ValueHint::AnyPath)]
    paths: Vec<String>,

    /// What the inputs are: `files` (posts and pages, one per file) or `jsonl` (crawler JSON
    /// lines, one page per line)
    #[arg(long, value_name = "KIND", default_value = "files")]
    from: From,

    /// Also read the paths listed in FILE, one per line (`-` reads them from stdin)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    files_from: Option<String>,

    /// Take ids from each file's path relative to DIR, not to the folder given, so that a
    /// corpus parsed in shards (one folder or file list each) gets the ids of one whole run
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    id_root: Option<std::path::PathBuf>,

    /// Time zone for dates written without one: an IANA name (Asia/Shanghai) or an offset
    /// (+08:00). Without it posts take UTC, pages in Chinese Beijing time (+08:00), and other
    /// pages UTC with a warning
    #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
    tz: Option<Zone>,

    /// With --from jsonl: the field holding the page as text
    #[arg(long, value_name = "FIELD", default_value = "html")]
    html_field: String,

    /// With --from jsonl: a field holding the page as base64 bytes (used when present)
    #[arg(long, value_name = "FIELD")]
    base64_field: Option<String>,

    /// With --from jsonl: the field holding the address the page was fetched from
    #[arg(long, value_name = "FIELD", default_value = "url")]
    url_field: String,

    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum From {
    Files,
    Jsonl,
}

/// `folio-parse`: reads the command line, runs, and gives the exit status.
pub fn main() -> ExitCode {
    let cli: Cli = match crate::open(&PAGE, |cli: &Cli| cli.common.generate) {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    let driver = Driver::new(TOOL, cli.common.options());
    let crawl = CrawlFields {
        html: cli.html_field.clone(),
        base64: cli.base64_field.clone(),
        url: cli.url_field.clone(),
    };
    let parser = folio_parse::Parser::new(Options {
        zone: cli.tz,
        crawl: crawl.clone(),
        max_bytes: cli.common.max_record_bytes,
    });
    let write = |line: Option<Vec<u8>>, _: &Location, out: &mut driver::Output| match line {
        Some(line) => out.write_line(&line),
        None => Ok(()),
    };
    let encode = |mut record: Record| {
        TOOL.stamp(&mut record);
        jsonl::encode(&record)
    };
    let request = Request {
        paths: &cli.paths,
        files_from: cli.files_from.as_deref(),
        documents: cli.from == From::Files,
    };
    let opened = match request.open() {
        Ok(opened) => opened,
        Err(err) => return driver.fatal(err).into(),
    };
    if let Err(exit) = driver.guard_inputs(&opened.identities()) {
        return exit.into();
    }
    if cli.from == From::Jsonl {
        let work = |line: Vec<u8>, notes: &mut driver::Notes| {
            let source = notes.location().source.clone();
            let source = (&*source != jsonl::STDIN).then_some(&*source);
            parser
                .parse_crawl_line(&line, source, notes)
                .map(|record| Some(encode(record)))
                .map_err(|err| {
                    let line = String::from_utf8_lossy(&line).into_owned();
                    Rejection::new(err.why, Some(Original::Line(line)))
                })
        };
        return driver
            .run(driver.crawl_lines(&cli.paths), work, write)
            .into();
    }
    let work = |doc: folio_parse::Document, notes: &mut driver::Notes| {
        let record = parser.parse_document(&doc, notes).map_err(|err| {
            if let Some(line) = err.line {
                notes.set_line(Some(line as u64));
            }
            Rejection::new(err.why, doc.original())
        })?;
        Ok(record.map(encode))
    };
    let max_bytes = cli.common.max_record_bytes;
    match opened.inputs(max_bytes, crawl, cli.id_root.as_deref()) {
        Ok(inputs) => driver.run(inputs, work, write).into(),
        Err(err) => driver.fatal(err).into(),
    }
}
