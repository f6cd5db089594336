//! folio-filter's command line: its flags, mapped one to one onto folio_filter's `Options`,
//! its page (the `--rejects` help, examples, exit statuses) and the run they start.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use clap::ValueHint;
use folio_filter::{Filter, Options, UniqueBy};
use folio_model::driver::{Driver, Tool};
use folio_model::identity::Inputs;

use crate::{keyword, tool, Common, Page};

const TOOL: Tool = tool!("folio-filter");

const PAGE: Page = Page {
    tool: TOOL,
    rejects: "Write every input line that is not a valid record, and every record dropped \
        (with the rule that dropped it), to FILE as JSON lines: {\"tool\", \"where\", \"why\"} \
        and the original \"line\" or \"record\"",
    examples: &[
        (
            "folio-parse posts/ | folio-clean | folio-filter --since 2022-05-01 --category 金融",
            "Keep the articles of the category 金融 dated 1 May 2022 or later.",
        ),
        (
            "folio-filter --where 'meta.source == \"新浪财经\" and len(tags) > 1' records.jsonl",
            "Keep the records from one source that have more than one tag.",
        ),
        (
            "folio-filter --near-duplicates --quality --rejects dropped.jsonl --stats records.jsonl",
            "Drop near duplicates and poor texts, keep what was dropped and why in dropped.jsonl, and count kept and dropped records on stderr.",
        ),
    ],
    exit_status: &[
        ("0", "Every record was fine (records dropped on purpose included), or stdout closed early (| head)."),
        ("1", "Some input was rejected as bad (invalid JSON, wrong field types); everything else was written."),
        ("2", "Usage or configuration error: a bad --where, date, zone, regex, keywords file, rate or threshold."),
    ],
};

/// Keep or drop records: predicates, --where expressions, exact and near-duplicate removal,
/// quality rules. Kept records are written exactly as read; dropped ones go to --rejects.
#[derive(Parser)]
#[command(name = "folio-filter", version)]
struct Cli {
    /// JSON-lines input files; none or `-` reads stdin
    #[arg(value_hint = ValueHint::FilePath)]
    inputs: Vec<String>,
    /// Keep records with this category (repeat: any of them)
    #[arg(long, value_name = "NAME")]
    category: Vec<String>,
    /// Keep records with this tag (repeat: any of them)
    #[arg(long, value_name = "NAME")]
    tag: Vec<String>,
    /// Keep records by this author (repeat: any of them)
    #[arg(long, value_name = "NAME")]
    author: Vec<String>,
    /// Keep records from this site or its subdomains (source.site, else the url's host)
    #[arg(long, value_name = "HOST")]
    site: Vec<String>,
    /// Keep records in this language, an ISO 639-1 code (repeat: any of them)
    #[arg(long, value_name = "CODE")]
    lang: Vec<String>,
    /// Keep records dated at or after this date or instant (2022-05-01, 2022-05-01T08:00:00+08:00)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Keep records dated at or before this instant; a bare date includes that whole day
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Zone of dates written without one, in --since, --until and --where (IANA name or offset)
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// Keep records whose title matches this regex (repeat: any of them)
    #[arg(long, value_name = "REGEX")]
    title: Vec<String>,
    /// Keep records whose text matches this regex (repeat: any of them)
    #[arg(long, value_name = "REGEX")]
    text: Vec<String>,
    /// Keep records whose title or text holds a keyword of FILE (one per line)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    keywords: Vec<PathBuf>,
    /// Keep records with at least N characters of text (white space not counted)
    #[arg(long, value_name = "N")]
    min_chars: Option<usize>,
    /// Keep records with at most N characters of text (white space not counted)
    #[arg(long, value_name = "N")]
    max_chars: Option<usize>,
    /// Keep records where this field path is present and not empty (repeat: all of them)
    #[arg(long, value_name = "FIELD")]
    has: Vec<String>,
    /// Keep records for which EXPR is true (grammar: docs/folio-filter.md)
    #[arg(long = "where", value_name = "EXPR")]
    expr: Option<String>,
    /// Keep the records the predicates above would drop, and drop the others
    #[arg(long)]
    invert: bool,
    /// Drop a record whose id, url, title or text (normalised) repeats a kept one's
    #[arg(long, value_name = "FIELD", value_parser = keyword::<UniqueBy>())]
    unique_by: Vec<UniqueBy>,
    /// Drop a record whose text is a near duplicate of a kept one's (MinHash; ~150 bytes held per record)
    #[arg(long)]
    near_duplicates: bool,
    /// Similarity (Jaccard of character 5-grams) from which texts are near duplicates
    #[arg(long, value_name = "J", default_value_t = 0.8)]
    threshold: f64,
    /// Write, for each record kept, its id and text signature (one JSON line) instead of the
    /// record: the first pass of near-duplicate removal across shards (docs/cookbook.md)
    #[arg(long)]
    emit_signatures: bool,
    /// Drop a record whose text is a near duplicate of one with a smaller id among the
    /// signatures in FILE (all shards' --emit-signatures output; repeatable)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    near_duplicates_of: Vec<PathBuf>,
    /// Drop records that fail a quality rule (too short, symbols, digits, repeats, boilerplate)
    #[arg(long)]
    quality: bool,
    /// The too-short rule's minimum, in characters
    #[arg(long, value_name = "N", requires = "quality")]
    quality_min_chars: Option<usize>,
    /// Write at most N records; later ones are dropped with reason `limit`
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Keep each record with probability RATE, drawn from --seed and the record's id
    #[arg(long, value_name = "RATE")]
    sample: Option<f64>,
    /// Seed of --sample
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// Print counts of kept and dropped records, per reason, on stderr at the end
    #[arg(long)]
    stats: bool,
    #[command(flatten)]
    common: Common,
}

impl Cli {
    fn options(&self) -> Options {
        Options {
            categories: self.category.clone(),
            tags: self.tag.clone(),
            authors: self.author.clone(),
            sites: self.site.clone(),
            langs: self.lang.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            tz: self.tz.clone(),
            title: self.title.clone(),
            text: self.text.clone(),
            keywords: self.keywords.clone(),
            min_chars: self.min_chars,
            max_chars: self.max_chars,
            has: self.has.clone(),
            expr: self.expr.clone(),
            invert: self.invert,
            unique_by: self.unique_by.clone(),
            near_duplicates: self.near_duplicates,
            threshold: self.threshold,
            quality: self.quality,
            quality_min_chars: self.quality_min_chars,
            limit: self.limit,
            sample: self.sample,
            seed: self.seed,
            emit_signatures: self.emit_signatures,
            near_duplicates_of: self.near_duplicates_of.clone(),
        }
    }
}

/// `folio-filter`: reads the command line, runs, and gives the exit status.
pub fn main() -> ExitCode {
    let cli: Cli = match crate::open(&PAGE, |cli: &Cli| cli.common.generate) {
        Ok(cli) => cli,
        Err(exit) => return exit,
    };
    let driver = Driver::new(TOOL, cli.common.options());
    let filter = match Filter::new(cli.options()) {
        Ok(filter) => filter,
        Err(err) => return driver.fatal(err).into(),
    };
    let mut inputs = Inputs::of(&cli.inputs);
    for path in cli.keywords.iter().chain(&cli.near_duplicates_of) {
        inputs.add(path);
    }
    if let Err(exit) = driver.guard_inputs(&inputs) {
        return exit.into();
    }
    let mut selector = filter.selector();
    let exit = driver.run(
        driver.lines(&cli.inputs),
        |line, notes| filter.judge(line, notes),
        |judged, at, out| selector.take(judged, at, out),
    );
    if cli.stats {
        let mut stderr = std::io::stderr().lock();
        for line in selector.stats().lines() {
            // stderr is where the counts go; if it is closed there is nowhere else to say so.
            let _ = writeln!(stderr, "{}: {line}", TOOL.name);
        }
    }
    exit.into()
}
