//! folio-render: the end of a folio pipeline. It turns records into what people read or load
//! elsewhere: Markdown with Hexo, Hugo or Jekyll front matter, plain text, standalone HTML
//! pages, JSON, JSON lines, CSV/TSV, MiniJinja templates and Atom feeds, on stdout or as one
//! file per record under a folder (with an index page); or a report on them all (see
//! [`report`]).
//!
//! [`Renderer::render`] turns one record into its output (pure, run in parallel);
//! a [`Sink`] takes the results in input order and writes them to stdout or the folder.
//! Every format is written from the record's blocks (see [`body`]) with all text escaped and
//! every address checked (see [`url`]), never from input markup.

pub mod atom;
pub mod body;
pub mod credits;
pub mod escape;
pub mod fields;
pub mod front_matter;
pub mod html;
mod index;
pub mod markdown;
pub mod naming;
pub mod outdir;
pub mod report;
mod sink;
pub mod template;
pub mod text;
pub mod url;

use std::path::PathBuf;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use folio_model::{Keyword, Record};

pub use fields::FieldPath;
pub use front_matter::{Flavour, HugoFormat};
pub use naming::NamePattern;
pub use outdir::Overwrite;
pub use sink::{Emitted, Sink};
pub use template::Template;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    Html,
    Json,
    Jsonl,
    Csv,
    Tsv,
    Atom,
    /// One page that sums up all the records (see [`report`]).
    Report,
    /// Through `--template`.
    Template,
}

impl Keyword for Format {
    // `Template` is chosen by `--template`, not named.
    const ALL: &'static [Self] = &[
        Format::Markdown,
        Format::Text,
        Format::Html,
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Tsv,
        Format::Atom,
        Format::Report,
    ];

    fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Atom => "atom",
            Format::Report => "report",
            Format::Template => "template",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Format::Markdown => &["md"],
            Format::Text => &["txt"],
            _ => &[],
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        Format::from_name(text)
            .ok_or_else(|| format!("unknown format {text:?} (expected {})", Format::names()))
    }
}

impl Keyword for Flavour {
    const ALL: &'static [Self] = &[Flavour::Hexo, Flavour::Hugo, Flavour::Jekyll, Flavour::None];

    fn name(self) -> &'static str {
        match self {
            Flavour::Hexo => "hexo",
            Flavour::Hugo => "hugo",
            Flavour::Jekyll => "jekyll",
            Flavour::None => "none",
        }
    }
}

impl FromStr for Flavour {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        Flavour::from_name(text).ok_or_else(|| {
            format!(
                "unknown front matter {text:?} (expected {})",
                Flavour::names()
            )
        })
    }
}

impl Keyword for HugoFormat {
    const ALL: &'static [Self] = &[HugoFormat::Toml, HugoFormat::Yaml];

    fn name(self) -> &'static str {
        match self {
            HugoFormat::Toml => "toml",
            HugoFormat::Yaml => "yaml",
        }
    }
}

impl FromStr for HugoFormat {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        HugoFormat::from_name(text).ok_or_else(|| {
            format!(
                "unknown Hugo front matter format {text:?} (expected {})",
                HugoFormat::names()
            )
        })
    }
}

/// How to render.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    pub front_matter: Flavour,
    pub hugo_format: HugoFormat,
    /// `--fields` for json, jsonl, csv and tsv.
    pub fields: Option<Vec<FieldPath>>,
    /// Template file name and its text (sets `format` to `Template`).
    pub template: Option<(String, String)>,
    /// Title of the stdout HTML page, the index page and the Atom feed.
    pub title: Option<String>,
    /// The Atom feed's own address.
    pub feed_url: Option<String>,
    pub out_dir: Option<PathBuf>,
    pub name: String,
    pub overwrite: Overwrite,
    pub index: bool,
    /// What CSV and TSV do with a cell a spreadsheet would run as a formula.
    pub csv_formulas: CsvFormulas,
    /// Rejects files the report sums up (`--rejects-from`, with `--to report`).
    pub rejects_from: Vec<String>,
}

/// `--csv-formulas`: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// is a formula to Excel, LibreOffice and Google Sheets, which run it when the file is opened
/// (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`). A title taken from a crawled page must not be able
/// to do that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvFormulas {
    /// Put a `'` before such a cell, as OWASP advises: spreadsheets show it as text.
    #[default]
    Escape,
    /// Write every cell as it is (for a reader that is not a spreadsheet).
    Keep,
}

impl Keyword for CsvFormulas {
    const ALL: &'static [Self] = &[CsvFormulas::Escape, CsvFormulas::Keep];

    fn name(self) -> &'static str {
        match self {
            CsvFormulas::Escape => "escape",
            CsvFormulas::Keep => "keep",
        }
    }
}

impl std::str::FromStr for CsvFormulas {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        CsvFormulas::from_name(text)
            .ok_or_else(|| format!("unknown value {text:?} (expected {})", CsvFormulas::names()))
    }
}

/// The default `--name`.
pub const DEFAULT_NAME: &str = "{date:%Y-%m-%d}-{slug}.{ext}";

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Markdown,
            front_matter: Flavour::Hexo,
            hugo_format: HugoFormat::Toml,
            fields: None,
            template: None,
            title: None,
            feed_url: None,
            out_dir: None,
            name: DEFAULT_NAME.to_owned(),
            overwrite: Overwrite::Always,
            index: false,
            csv_formulas: CsvFormulas::Escape,
            rejects_from: Vec::new(),
        }
    }
}

/// One record, rendered.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The output for this record.
    pub text: String,
    pub title: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    /// Where it goes under `--out-dir` (before collision suffixes).
    pub file: Option<String>,
    /// Whether the record had been cleaned (its body came from `blocks`, not raw `html`).
    pub cleaned: bool,
    /// What `--to report` counts of the record.
    pub facts: Option<Box<report::Facts>>,
}

/// Turns records into output. Built once, shared by the worker threads.
pub struct Renderer {
    options: Options,
    template: Option<Template>,
    name: NamePattern,
}

impl Renderer {
    /// Checks that the options make sense together.
    pub fn new(mut options: Options) -> Result<Renderer, String> {
        if options.template.is_some() && options.format == Format::Report {
            return Err("--template and --to report do not go together".into());
        }
        let template = match &options.template {
            Some((name, source)) => {
                options.format = Format::Template;
                Some(Template::new(name, source.clone())?)
            }
            None => None,
        };
        check_combinations(&options)?;
        let name = NamePattern::parse(&options.name)?;
        Ok(Renderer {
            options,
            template,
            name,
        })
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The file extension of the output.
    pub fn extension(&self) -> String {
        match self.options.format {
            Format::Markdown => "md".into(),
            Format::Text => "txt".into(),
            Format::Html => "html".into(),
            Format::Json => "json".into(),
            Format::Jsonl => "jsonl".into(),
            Format::Csv => "csv".into(),
            Format::Tsv => "tsv".into(),
            Format::Atom => "xml".into(),
            Format::Report => "html".into(),
            Format::Template => self
                .template
                .as_ref()
                .map_or_else(|| "txt".into(), Template::extension),
        }
    }

    /// Renders one record. An error is a reason to reject the record.
    pub fn render(&self, record: &Record) -> Result<Rendered, String> {
        let report = self.options.format == Format::Report;
        let file = self
            .options
            .out_dir
            .as_ref()
            .filter(|_| !report)
            .map(|_| self.name.path_for(record, &self.extension()));
        let mut text = self.render_text(record, file.as_deref())?;
        // The Atom entry holds a NUL mark of its own until the feed is written, and its
        // escaper, like HTML's, turns the record's NULs into U+FFFD already.
        if self.options.format != Format::Atom && text.contains('\0') {
            // JSON writes NUL as `\u0000`; in any other output it would make the file binary
            // (folio-parse skips a post with a NUL in it), so it stands as U+FFFD, as an
            // HTML parser reads it.
            text = text.replace('\0', "\u{FFFD}");
        }
        Ok(Rendered {
            text,
            title: record.title.clone(),
            date: record.date,
            file,
            // Only formats with a body read it from the raw HTML of a record never cleaned.
            cleaned: record.is_cleaned()
                || matches!(
                    self.options.format,
                    Format::Json | Format::Jsonl | Format::Csv | Format::Tsv | Format::Report
                ),
            facts: report.then(|| Box::new(report::Facts::of(record))),
        })
    }

    /// The link from an article's page under `--out-dir` back to the index, when `--index`
    /// writes one.
    fn index_link(&self, file: Option<&str>) -> Option<html::IndexLink> {
        let file = file.filter(|_| self.options.index)?;
        let title = self.options.title.as_deref().unwrap_or(sink::DEFAULT_TITLE);
        Some(html::IndexLink::for_file(
            file,
            &format!("index.{}", self.extension()),
            title,
        ))
    }

    /// The output for `record`; `file` is where it goes under `--out-dir`.
    fn render_text(&self, record: &Record, file: Option<&str>) -> Result<String, String> {
        let body = || body::blocks_of(record);
        let projected = || match &self.options.fields {
            Some(fields) => fields::project(&record.to_value(), fields),
            None => record.to_value(),
        };
        Ok(match self.options.format {
            Format::Markdown => {
                let front = front_matter::front_matter(
                    record,
                    self.options.front_matter,
                    self.options.hugo_format,
                )?;
                let body = markdown::blocks(&body()?);
                if front.is_empty() {
                    body
                } else {
                    format!("{front}\n{body}")
                }
            }
            Format::Text => text::document(record, &body()?),
            Format::Html if self.options.out_dir.is_some() => {
                html::page(record, &body()?, self.index_link(file).as_ref())
            }
            Format::Html => html::article(record, &body()?),
            Format::Json if self.options.out_dir.is_some() => json_pretty(&projected())?,
            Format::Json | Format::Jsonl => {
                serde_json::to_string(&projected()).map_err(|e| e.to_string())?
            }
            Format::Csv | Format::Tsv => self.row(&record.to_value())?,
            Format::Atom => atom::entry(record, &body()?),
            // The report is written at the end, from every record's facts.
            Format::Report => String::new(),
            Format::Template => match &self.template {
                Some(template) => template.render(record, &body()?, &naming::slug_of(record))?,
                None => String::new(),
            },
        })
    }

    /// The columns of CSV and TSV output.
    pub fn columns(&self) -> Vec<FieldPath> {
        self.options
            .fields
            .clone()
            .unwrap_or_else(|| FieldPath::parse_list(fields::DEFAULT_COLUMNS).unwrap_or_default())
    }

    fn row(&self, record: &serde_json::Value) -> Result<String, String> {
        let escape = self.options.csv_formulas == CsvFormulas::Escape;
        let cells: Vec<String> = self
            .columns()
            .iter()
            .map(|f| {
                let value = f.get(record);
                let cell = fields::cell(value);
                // A number is written by folio itself (`-3`), never a formula.
                if escape && !value.is_some_and(serde_json::Value::is_number) {
                    fields::neutralise_formula(cell)
                } else {
                    cell
                }
            })
            .collect();
        sink::csv_line(&cells, self.options.format == Format::Tsv)
    }
}

fn json_pretty(value: &serde_json::Value) -> Result<String, String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

fn check_combinations(options: &Options) -> Result<(), String> {
    let format = options.format;
    if options.out_dir.is_some() && matches!(format, Format::Jsonl | Format::Csv | Format::Tsv) {
        return Err("--out-dir writes one file per record; jsonl, csv and tsv are one stream: redirect stdout instead".into());
    }
    if options.index
        && (options.out_dir.is_none() || !matches!(format, Format::Html | Format::Markdown))
    {
        return Err("--index needs --out-dir and --to html or --to markdown".into());
    }
    if options.fields.is_some()
        && !matches!(
            format,
            Format::Json | Format::Jsonl | Format::Csv | Format::Tsv
        )
    {
        return Err("--fields applies to --to json, jsonl, csv and tsv".into());
    }
    report_combinations(options)
}

/// `--rejects-from` feeds a report; it names files, since stdin may carry the records.
fn report_combinations(options: &Options) -> Result<(), String> {
    if !options.rejects_from.is_empty() && options.format != Format::Report {
        return Err("--rejects-from applies to --to report".into());
    }
    if options.rejects_from.iter().any(|name| name == "-") {
        return Err("--rejects-from: name a file (standard input is for the records)".into());
    }
    Ok(())
}
