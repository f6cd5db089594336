//! folio-render: the end of the pipeline; records to Markdown, text, HTML, JSON, CSV/TSV,
//! templates or an Atom feed, on stdout or one file per record under a folder; or one page
//! that reports on them all.
use std::{io, process::ExitCode};

use clap::Parser;
use folio::{generate, tool, Common, RenderArgs};
use folio_model::driver::{Driver, Tool};
use folio_model::identity::Inputs;
use folio_render::{Format, Renderer, Sink};

const TOOL: Tool = tool!("folio-render");

const EXAMPLES: &str = "Examples:
  folio-parse posts/ | folio-clean | folio-render --to markdown --out-dir site/source/_posts
  folio-render --to html --out-dir out/html --index clean.jsonl
  folio-render --to csv --fields id,date,title,meta.comments clean.jsonl > articles.csv
  folio-render --template post.html.j2 --out-dir out/custom clean.jsonl
  folio-render --to report --rejects-from rejects.jsonl clean.jsonl > report.html";

/// Turn folio records into Markdown, text, HTML, JSON, CSV/TSV, templated files, an Atom feed
/// or a report on them all
#[derive(Parser)]
#[command(name = "folio-render", version, after_help = EXAMPLES)]
struct Cli {
    /// JSON-lines input files; none or `-` reads stdin
    inputs: Vec<String>,
    /// Output format: markdown, text, html, json, jsonl, csv, tsv, atom, or report (one HTML
    /// page of charts and tables on all the records)
    #[arg(long, value_name = "FORMAT", default_value = "markdown")]
    to: Format,
    #[command(flatten)]
    render: RenderArgs,
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
    #[cfg(unix)]
    if cli.render.out_dir.is_some() {
        // Interrupted, the run leaves whole files only: the one being written goes.
        if let Err(err) = folio::exit_on_signal(folio_render::outdir::abandon_temporary_files) {
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
