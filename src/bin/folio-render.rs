//! folio-render: the end of the pipeline; records to Markdown, text, HTML, JSON, CSV/TSV,
//! templates or an Atom feed, on stdout or one file per record under a folder.
use std::{fs, io, path::PathBuf, process::ExitCode};

use clap::Parser;
use folio::{generate, tool, Common};
use folio_model::driver::{Driver, Fatal, Rejection, Tool};
use folio_model::identity::Inputs;
use folio_render::{
    CsvFormulas, Emitted, FieldPath, Flavour, Format, HugoFormat, Options, Overwrite, Renderer,
    Sink,
};

const TOOL: Tool = tool!("folio-render");

const EXAMPLES: &str = "Examples:
  folio-parse posts/ | folio-clean | folio-render --to markdown --out-dir site/source/_posts
  folio-render --to html --out-dir out/html --index clean.jsonl
  folio-render --to csv --fields id,date,title,meta.comments clean.jsonl > articles.csv
  folio-render --template post.html.j2 --out-dir out/custom clean.jsonl";

/// Turn folio records into Markdown, text, HTML, JSON, CSV/TSV, templated files or an Atom feed
#[derive(Parser)]
#[command(name = "folio-render", version, after_help = EXAMPLES)]
struct Cli {
    /// JSON-lines input files; none or `-` reads stdin
    inputs: Vec<String>,
    /// Output format: markdown, text, html, json, jsonl, csv, tsv or atom
    #[arg(long, value_name = "FORMAT", default_value = "markdown")]
    to: Format,
    /// Markdown front matter: hexo, hugo, jekyll or none
    #[arg(long, value_name = "FLAVOUR", default_value = "hexo")]
    front_matter: Flavour,
    /// Hugo front matter language: toml (+++) or yaml (---)
    #[arg(long, value_name = "FORMAT", default_value = "toml")]
    hugo_format: HugoFormat,
    /// Fields for json, jsonl, csv and tsv, comma-separated dotted paths (title,meta.comments)
    #[arg(long, value_name = "LIST")]
    fields: Option<String>,
    /// Render each record through this MiniJinja template instead (see docs for variables)
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// Write one file per record under DIR instead of stdout
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// File name pattern under --out-dir: {id} {slug} {title} {date:FORMAT} {ext} {category} {lang} {site} {hash}
    #[arg(long, value_name = "PATTERN", default_value = folio_render::DEFAULT_NAME)]
    name: String,
    /// When a file is already there: never, always or if-newer (record date after file time)
    #[arg(long, value_name = "WHEN", default_value = "always")]
    overwrite: Overwrite,
    /// With --out-dir and --to html or markdown: also write index.html or index.md
    #[arg(long)]
    index: bool,
    /// CSV and TSV cells that a spreadsheet would run as a formula (starting with = + - @,
    /// tab or CR): escape (a ' before them) or keep
    #[arg(long, value_name = "WHAT", default_value = "escape")]
    csv_formulas: CsvFormulas,
    /// Title of the index page, the Atom feed and the stdout HTML page
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// The Atom feed's own address (its id and rel="self" link)
    #[arg(long, value_name = "URL")]
    feed_url: Option<String>,
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
    let template = match &cli.template {
        Some(path) => match fs::read_to_string(path) {
            Ok(text) => Some((path.display().to_string(), text)),
            Err(err) => {
                return driver
                    .fatal(format!("--template {}: {err}", path.display()))
                    .into()
            }
        },
        None => None,
    };
    let fields = match cli.fields.as_deref().map(FieldPath::parse_list).transpose() {
        Ok(fields) => fields,
        Err(err) => return driver.fatal(format!("--fields: {err}")).into(),
    };
    #[cfg(unix)]
    if cli.out_dir.is_some() {
        // Interrupted, the run leaves whole files only: the one being written goes.
        if let Err(err) = folio::exit_on_signal(folio_render::outdir::abandon_temporary_files) {
            return driver.fatal(format!("cannot catch signals: {err}")).into();
        }
    }
    let options = Options {
        format: cli.to,
        front_matter: cli.front_matter,
        hugo_format: cli.hugo_format,
        fields,
        template,
        title: cli.title,
        feed_url: cli.feed_url,
        out_dir: cli.out_dir,
        name: cli.name,
        overwrite: cli.overwrite,
        index: cli.index,
        csv_formulas: cli.csv_formulas,
    };
    let (renderer, mut sink) =
        match Renderer::new(options).and_then(|r| Sink::new(&r).map(|s| (r, s))) {
            Ok(pair) => pair,
            Err(err) => return driver.fatal(err).into(),
        };
    sink.protect(Inputs::of(&cli.inputs));
    let status = driver.run_records(
        &cli.inputs,
        |record, _notes| renderer.render(&record),
        |rendered, at, out| {
            match sink.emit(rendered, out.stdout())? {
                Emitted::Written => out.count_written(),
                Emitted::Kept(why) => out.warn(at, &why),
                Emitted::Failed(why) => out.reject(at, &Rejection::new(why, None))?,
                Emitted::Refused(why) => return Err(Fatal::error(why)),
            }
            Ok(())
        },
    );
    match sink.finish(&mut io::stdout().lock()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => driver.fatal(err).into(),
        _ => status.into(),
    }
}
