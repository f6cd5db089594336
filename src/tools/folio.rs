//! The `folio` binary's command line: `folio run` and its flags (each as the tool of its
//! stage has it), its page (the `--rejects` help, examples, exit statuses), and the stages it
//! hands to [`crate::run`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueHint};
use folio_model::date::Zone;
use folio_model::driver::{self, Driver, Tool};
use folio_render::Format;

use crate::{keyword, tool, Common, Generate, Page, RenderArgs};

const TOOL: Tool = tool!("folio");

const PAGE: Page = Page {
    tool: TOOL,
    rejects: "Write every input rejected or skipped by a stage, and every record the filter \
        drops, to FILE as JSON lines: {\"tool\", \"where\", \"why\"} and the original \"path\", \
        \"line\" or \"record\"",
    examples: &[
        (
            "folio run --clean pages/ > clean.jsonl",
            "folio-parse pages/ | folio-clean in one process, each page parsed once.",
        ),
        (
            "folio run --clean --where 'lang == \"zh\"' --quality --to markdown --out-dir site/ posts/",
            "Parse, clean, keep the Chinese articles of good quality and write them as Markdown under site/.",
        ),
        (
            "folio run --clean --near-duplicates --to csv --fields id,title,url corpus/",
            "Parse and clean a corpus, drop near duplicates, and list the rest as CSV.",
        ),
    ],
    exit_status: &[
        ("0", "Every input was fine (records the filter drops on purpose included), or stdout closed early (| head)."),
        ("1", "Some input was rejected by a stage; everything else was written."),
        ("2", "Usage or configuration error, or an output that cannot be written."),
        ("130, 143", "With --out-dir, interrupted by SIGINT or SIGTERM: only whole files are left."),
    ],
};

/// The folio pipeline in one process
#[derive(Parser)]
#[command(name = "folio", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Print folio's man page or shell completion script, then exit
    #[arg(long, value_name = "KIND")]
    generate: Option<Generate>,
}

#[derive(Subcommand)]
enum Command {
    /// folio-parse PATH… [| folio-clean] [| folio-filter …] [| folio-render --to …] in one
    /// process: the same records and bytes as the pipe, each page parsed once
    Run(Run),
}

#[derive(clap::Args)]
struct Run {
    /// Files, folders (walked recursively, sorted), glob patterns, or `-` for stdin
    #[arg(value_name = "PATH", required = true, value_hint = ValueHint::AnyPath)]
    paths: Vec<String>,

    /// As folio-parse --tz
    #[arg(long, value_name = "ZONE", allow_hyphen_values = true)]
    tz: Option<Zone>,
    /// As folio-parse --id-root
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    id_root: Option<PathBuf>,

    /// Clean each record, as folio-clean does
    #[arg(long)]
    clean: bool,
    /// As folio-clean --rules (implies --clean)
    #[arg(long, value_name = "FILE.yaml", value_hint = ValueHint::FilePath)]
    rules: Vec<PathBuf>,
    /// As folio-clean --explain (implies --clean)
    #[arg(long)]
    explain: bool,

    /// As folio-filter --where
    #[arg(long = "where", value_name = "EXPR")]
    expr: Option<String>,
    /// As folio-filter --quality
    #[arg(long)]
    quality: bool,
    /// As folio-filter --near-duplicates
    #[arg(long)]
    near_duplicates: bool,
    /// As folio-filter --threshold
    #[arg(long, value_name = "J", default_value_t = 0.8)]
    threshold: f64,
    /// As folio-filter --unique-by
    #[arg(long, value_name = "FIELD", value_parser = keyword::<folio_filter::UniqueBy>())]
    unique_by: Vec<folio_filter::UniqueBy>,

    /// Render the records, as folio-render --to FORMAT (JSON lines of records without it)
    #[arg(long, value_name = "FORMAT", value_parser = keyword::<Format>())]
    to: Option<Format>,
    #[command(flatten)]
    render: RenderArgs,

    #[command(flatten)]
    common: Common,
}

/// `folio`: reads the command line, runs, and gives the exit status.
pub fn main() -> ExitCode {
    let asked = |cli: &Cli| {
        cli.generate.or(match &cli.command {
            Some(Command::Run(run)) => run.common.generate,
            None => None,
        })
    };
    let cli: Cli = match crate::open(&PAGE, asked) {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    let Some(Command::Run(run)) = cli.command else {
        return driver::fatal(TOOL, "no command: `folio run …` (see --help)").into();
    };
    let driver = Driver::new(TOOL, run.common.options());
    let clean = (run.clean || run.explain || !run.rules.is_empty()).then(|| folio_clean::Options {
        rules_files: run.rules.clone(),
        explain: run.explain,
    });
    let filtering =
        run.expr.is_some() || run.quality || run.near_duplicates || !run.unique_by.is_empty();
    let filter = filtering.then(|| folio_filter::Options {
        expr: run.expr.clone(),
        quality: run.quality,
        near_duplicates: run.near_duplicates,
        threshold: run.threshold,
        unique_by: run.unique_by.clone(),
        ..Default::default()
    });
    let render = match run.to.map(|format| run.render.options(format)).transpose() {
        Ok(render) => render,
        Err(err) => return driver.fatal(err).into(),
    };
    #[cfg(unix)]
    if render.as_ref().is_some_and(|r| r.out_dir.is_some()) {
        // Interrupted, the run leaves whole files only: the one being written goes.
        if let Err(err) = crate::exit_on_signal(folio_render::outdir::abandon_temporary_files) {
            return driver.fatal(format!("cannot catch signals: {err}")).into();
        }
    }
    let inputs = folio_parse::Inputs::new(run.paths.clone(), None)
        .max_bytes(run.common.max_record_bytes)
        .id_root(run.id_root.as_deref());
    let inputs = match inputs {
        Ok(inputs) => inputs,
        Err(err) => return driver.fatal(err).into(),
    };
    if let Err(exit) = driver.guard_inputs(&folio_parse::inputs::identities(&run.paths)) {
        return exit.into();
    }
    if let Err(exit) = driver.guard_inputs(&run.render.with_read_files(Default::default())) {
        return exit.into();
    }
    let parse = folio_parse::Options {
        zone: run.tz,
        max_bytes: run.common.max_record_bytes,
        ..Default::default()
    };
    let stages = crate::run::Stages {
        parse,
        clean,
        filter,
        render,
    };
    crate::run::run(&driver, inputs, stages).into()
}
