//! folio-render's command line: the output format and the flags it shares with `folio run`
//! (`RenderArgs`), its page (the `--rejects` help, examples, exit statuses) and the run.

use std::{io, process::ExitCode};

use clap::{Parser, ValueHint};
use folio_model::driver::{Driver, Tool};
use folio_model::identity::Inputs;
use folio_render::{Format, Renderer, Sink};

use crate::{keyword, tool, Common, Page, RenderArgs};

const TOOL: Tool = tool!("folio-render");

const PAGE: Page = Page {
    tool: TOOL,
    rejects: "Write every input line that is not a valid record, and every record that could \
        not be rendered or written, to FILE as JSON lines: {\"tool\", \"where\", \"why\"} and \
        the original \"line\" where there is one",
    examples: &[
        (
            "folio-parse posts/ | folio-clean | folio-render --to markdown --out-dir site/source/_posts",
            "Write each article as a Markdown file with Hexo front matter for a Hexo site.",
        ),
        (
            "folio-render --to html --out-dir out/html --index clean.jsonl",
            "Write one HTML page per record and an index.html listing them.",
        ),
        (
            "folio-render --to csv --fields id,date,title,meta.comments clean.jsonl > articles.csv",
            "Write chosen fields of every record as CSV, one row per record.",
        ),
        (
            "folio-render --template post.html.j2 --out-dir out/custom clean.jsonl",
            "Render each record through a MiniJinja template of one's own.",
        ),
        (
            "folio-render --to report --rejects-from rejects.jsonl clean.jsonl > report.html",
            "One HTML page of charts and tables on all the records, and on what a stage set aside.",
        ),
    ],
    exit_status: &[
        ("0", "Every record rendered (files kept by --overwrite never included), or stdout closed early (| head)."),
        ("1", "Some input was rejected: not a valid record, a template error for that record, or a file that could not be written; every other record was rendered."),
        ("2", "Usage or configuration error: unknown format or placeholder, bad --name, options that do not go together, unreadable or invalid template, unreadable --rejects-from file, --out-dir that cannot be created, a failure writing the index, feed or report, a file under --out-dir that is one of the inputs."),
        ("130, 143", "With --out-dir, interrupted by SIGINT or SIGTERM: only whole files are left."),
    ],
};

/// Turn folio records into Markdown, text, HTML, JSON, CSV/TSV, templated files, an Atom feed
/// or a report on them all
#[derive(Parser)]
#[command(name = "folio-render", version)]
struct Cli {
    /// JSON-lines input files; none or `-` reads stdin
    #[arg(value_hint = ValueHint::FilePath)]
    inputs: Vec<String>,
    /// Output format; report is one HTML page of charts and tables on all the records
    #[arg(long, value_name = "FORMAT", default_value = "markdown", value_parser = keyword::<Format>())]
    to: Format,
    #[command(flatten)]
    render: RenderArgs,
    #[command(flatten)]
    common: Common,
}

/// `folio-render`: reads the command line, runs, and gives the exit status.
pub fn main() -> ExitCode {
    let cli: Cli = match crate::open(&PAGE, |cli: &Cli| cli.common.generate) {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    let driver = Driver::new(TOOL, cli.common.options());
    #[cfg(unix)]
    if cli.render.out_dir.is_some() {
        // Interrupted, the run leaves whole files only: the one being written goes.
        if let Err(err) = crate::exit_on_signal(folio_render::outdir::abandon_temporary_files) {
            return driver.fatal(format!("cannot catch signals: {err}")).into();
        }
    }
    // A report reads its --rejects-from files before the run creates --rejects.
    if let Err(exit) = driver.guard_inputs(&cli.render.with_read_files(Inputs::default())) {
        return exit.into();
    }
    let options = match cli.render.options(cli.to) {
        Ok(options) => options,
        Err(err) => return driver.fatal(err).into(),
    };
    let (renderer, mut sink) =
        match Renderer::new(options).and_then(|r| Sink::new(&r).map(|s| (r, s))) {
            Ok(pair) => pair,
            Err(err) => return driver.fatal(err).into(),
        };
    sink.protect(cli.render.with_read_files(Inputs::of(&cli.inputs)));
    let status = driver.run_records(
        &cli.inputs,
        |record, _notes| renderer.render(&record),
        |rendered, at, out| sink.deliver(rendered, at, out),
    );
    match sink.finish(&mut io::stdout().lock()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => driver.fatal(err).into(),
        _ => status.into(),
    }
}
