//! The driver every folio binary runs: it turns "a function over one input" into a whole pipe
//! program with the promises of docs/model.md — data only on stdout, `tool: where: why` on
//! stderr, bad input reported and written to `--rejects` while the run goes on, `--strict`,
//! exit codes 0/1/2, a quiet exit 0 when stdout is closed, ordered parallel work (same bytes
//! out for any `--threads`), progress only when stderr is a terminal (and, in a pipeline, from
//! its last stage only), and a warning repeated record after record summed up in one line.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::error::{escape_controls, Location};
use crate::exit::Exit;
use crate::identity::Inputs;
use crate::jsonl::{self, Line, Reader, Writer, STDIN};
use crate::looks;
use crate::pipe::StdoutSink;
use crate::record::Record;

/// Name and version of the running tool, as messages and `stages` show them.
#[derive(Debug, Clone, Copy)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Tool {
    /// Names this tool in `record`'s `stages`. The tools that write records call it, the
    /// libraries never do: a stage is stamped by the program that ran it (a binary, or
    /// `folio run` for each stage it runs).
    pub fn stamp(&self, record: &mut Record) {
        record.mark_stage(self.name, self.version);
    }
}

/// The largest record a tool takes by default: a longer input line, or a larger file for
/// folio-parse, is rejected unread rather than held in memory.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;

/// The flags every tool shares (their clap definitions live with the binaries).
#[derive(Debug, Clone)]
pub struct Options {
    /// Write every rejected or dropped input, with its reason, to this file as JSON lines.
    pub rejects: Option<PathBuf>,
    /// Stop at the first bad input.
    pub strict: bool,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// No warnings or notices on stderr (errors are still shown).
    pub quiet: bool,
    /// Input lines (records) longer than this are rejected without being read into memory.
    pub max_record_bytes: u64,
    /// Every warning in full, rather than the first [`WARNINGS_IN_FULL`] of a kind.
    pub verbose: bool,
    /// A progress line on a terminal stderr even when stdout is a pipe.
    pub progress: bool,
}

/// How many warnings of one kind are shown in full; the rest are counted, and the count is
/// said once at the end (see [`warning_kind`]).
pub const WARNINGS_IN_FULL: u64 = 5;

impl Default for Options {
    fn default() -> Self {
        Options {
            rejects: None,
            strict: false,
            threads: 0,
            quiet: false,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            verbose: false,
            progress: false,
        }
    }
}

/// What a worker may say about the item it is working on.
#[derive(Debug)]
pub struct Notes {
    location: Location,
    warnings: Vec<String>,
    skipped: Option<Rejection>,
}

impl Notes {
    pub fn new(location: Location) -> Self {
        Notes {
            location,
            warnings: Vec::new(),
            skipped: None,
        }
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Names the record in later messages about this item.
    pub fn set_id(&mut self, id: Option<&str>) {
        self.location.id = id.map(str::to_owned);
    }

    /// Points later messages about this item at a line of its source.
    pub fn set_line(&mut self, line: Option<u64>) {
        self.location.line = line;
    }

    /// A warning, shown on stderr in input order (unless `--quiet`).
    pub fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The item is left out on purpose (a binary file among posts, say): the reason is shown
    /// as a warning and written to `--rejects` with the original, not counted as an error.
    pub fn skip(&mut self, why: impl Into<String>, original: Option<Original>) {
        self.skipped = Some(Rejection::new(why, original));
    }
}

/// The original form of a rejected input, kept in the rejects file so nothing is lost.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Original {
    Line(String),
    Path(String),
    Record(Value),
}

/// An input refused as bad, with why.
#[derive(Debug, Clone)]
pub struct Rejection {
    pub why: String,
    pub original: Option<Original>,
    /// Refused for the reason stderr gave for the one before (the later lines of an input
    /// that is not JSON lines): counted and written to `--rejects`, not said again.
    pub again: bool,
}

impl Rejection {
    pub fn new(why: impl Into<String>, original: Option<Original>) -> Self {
        Rejection {
            why: why.into(),
            original,
            again: false,
        }
    }
}

/// One thing the input side hands to the driver, in order.
pub enum Feed<P> {
    /// Work to do.
    Item(Location, P),
    /// Input that could not even be read.
    Reject(Location, Rejection),
    /// Input left out on purpose (a FIFO met in a folder walk, a hidden file): a warning on
    /// stderr and a line in `--rejects`, but not an error.
    Skip(Location, Rejection),
    /// A notice about the input read so far, in its place among the results (what an archive
    /// held and what of it was left out): a line on stderr unless `--quiet`, nothing else.
    Note(Location, String),
}

#[derive(Serialize)]
struct RejectEntry<'a> {
    tool: &'a str,
    #[serde(rename = "where")]
    place: String,
    why: &'a str,
    #[serde(flatten)]
    original: Option<&'a Original>,
}

/// Where results go: stdout for data, stderr for messages, the rejects file for what was
/// refused or dropped. Sinks get it for each result, in input order.
pub struct Output {
    tool: Tool,
    quiet: bool,
    verbose: bool,
    /// Warnings by kind, in the order first seen, with how many there were.
    warnings: Vec<(String, u64)>,
    warning_index: HashMap<String, usize>,
    stdout: Writer<StdoutSink>,
    rejects: Option<Writer<File>>,
    progress: Option<ProgressBar>,
    rejected: u64,
    dropped: u64,
    written: u64,
}

impl Output {
    /// Writes a record as one JSON line on stdout.
    pub fn write_record(&mut self, record: &Record) -> io::Result<()> {
        self.written += 1;
        self.stdout.write_line(&jsonl::encode(record))
    }

    /// A line already encoded (see [`jsonl::encode`]) on stdout.
    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        self.written += 1;
        self.stdout.write_line(line)
    }

    /// Any JSON value as one line on stdout.
    pub fn write_json<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        self.written += 1;
        self.stdout.write(value)
    }

    /// The buffered stdout, for output that is not JSON lines.
    pub fn stdout(&mut self) -> &mut impl Write {
        self.stdout.raw()
    }

    /// Counts a record as written when a sink wrote it by other means (a file, a template).
    pub fn count_written(&mut self) {
        self.written += 1;
    }

    /// A record left out on purpose (not an error): it goes to `--rejects` with its reason.
    pub fn drop_record(
        &mut self,
        location: &Location,
        record: &Record,
        reason: &str,
    ) -> io::Result<()> {
        self.dropped += 1;
        let original = Original::Record(record.to_value());
        self.write_reject(location, reason, Some(&original))
    }

    /// Input left out on purpose: a warning (unless `--quiet`) and a line in `--rejects`.
    pub fn skip(&mut self, location: &Location, skipped: &Rejection) -> io::Result<()> {
        self.dropped += 1;
        self.warn(location, &skipped.why);
        self.write_reject(location, &skipped.why, skipped.original.as_ref())
    }

    /// A notice about the input, `where: note: message` on stderr (unless `--quiet`): counts
    /// and the like, neither a warning nor an error.
    pub fn note(&self, location: &Location, message: &str) {
        if !self.quiet {
            self.message(&format!("{location}: note: {message}"));
        }
    }

    /// Bad input: reported on stderr, written to `--rejects`, counted for exit status 1.
    pub fn reject(&mut self, location: &Location, rejection: &Rejection) -> io::Result<()> {
        self.rejected += 1;
        if !rejection.again {
            self.error(location, &rejection.why);
        }
        self.write_reject(location, &rejection.why, rejection.original.as_ref())
    }

    /// A warning on stderr, unless `--quiet`. Past [`WARNINGS_IN_FULL`] of one kind (and
    /// without `--verbose`), it is only counted: a corpus where every record gets the same
    /// warning would bury everything else on stderr. [`Driver`] says the count at the end.
    pub fn warn(&mut self, location: &Location, message: &str) {
        if self.quiet {
            return;
        }
        let kind = warning_kind(message);
        let index = match self.warning_index.get(kind.as_str()) {
            Some(&index) => index,
            None => {
                self.warnings.push((kind.clone(), 0));
                self.warning_index.insert(kind, self.warnings.len() - 1);
                self.warnings.len() - 1
            }
        };
        let seen = &mut self.warnings[index].1;
        *seen += 1;
        if self.verbose || *seen <= WARNINGS_IN_FULL {
            self.message(&format!("{location}: warning: {message}"));
        }
    }

    /// One line for each kind of warning of which some were only counted.
    fn summarise_warnings(&self) {
        if self.verbose {
            return;
        }
        for (kind, seen) in &self.warnings {
            if *seen > WARNINGS_IN_FULL {
                self.message(&format!(
                    "{seen} inputs: warning: {kind} (the first {WARNINGS_IN_FULL} shown above; \
                     --verbose shows each)"
                ));
            }
        }
    }

    fn error(&self, location: &Location, why: &str) {
        self.message(&format!("{location}: {why}"));
    }

    fn message(&self, text: &str) {
        let line = format!("{}: {}\n", self.tool.name, escape_controls(text));
        let write = || {
            // stderr is where failures are reported: if it is gone there is nowhere left to
            // say so, and the exit status still tells.
            let _ = io::stderr().lock().write_all(line.as_bytes());
        };
        match &self.progress {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    fn write_reject(
        &mut self,
        location: &Location,
        why: &str,
        original: Option<&Original>,
    ) -> io::Result<()> {
        let Some(rejects) = &mut self.rejects else {
            return Ok(());
        };
        let entry = RejectEntry {
            tool: self.tool.name,
            place: location.to_string(),
            why,
            original,
        };
        rejects
            .write(&entry)
            .map_err(|err| Fatal::error(format!("--rejects: {err}")))
    }

    pub fn rejected(&self) -> u64 {
        self.rejected
    }

    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    pub fn written(&self) -> u64 {
        self.written
    }
}

/// A failure that ends the run with exit status 2 and this message, returned by a sink as an
/// `io::Error` (see [`Fatal::error`]): the rejects file cannot be written, an output would
/// overwrite an input. It is not taken for a closed stdout.
#[derive(Debug)]
pub struct Fatal(String);

impl Fatal {
    /// The error a sink returns to stop the run with `message` (`where: why`).
    pub fn error(message: impl Into<String>) -> io::Error {
        io::Error::other(Fatal(message.into()))
    }
}

impl std::fmt::Display for Fatal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Fatal {}

/// Items handed to the worker threads at once, per thread: large enough to keep them busy,
/// small enough that memory stays bounded by a few records.
const BATCH_PER_THREAD: usize = 32;

/// A configured run of one tool.
pub struct Driver {
    tool: Tool,
    options: Options,
}

impl Driver {
    pub fn new(tool: Tool, options: Options) -> Self {
        Driver { tool, options }
    }

    pub fn tool(&self) -> Tool {
        self.tool
    }

    /// Prints a fatal usage or configuration error and returns the exit status for it.
    pub fn fatal(&self, message: impl std::fmt::Display) -> Exit {
        fatal(self.tool, message)
    }

    /// Refuses, before anything is opened for writing, a `--rejects` file that is one of the
    /// `inputs` or would land in a folder they walk: creating it would empty an input.
    pub fn guard_inputs(&self, inputs: &Inputs) -> Result<(), Exit> {
        match &self.options.rejects {
            Some(path) if inputs.holds(path) => Err(self.fatal(format!(
                "--rejects {}: is also an input; writing it would destroy it",
                path.display()
            ))),
            _ => Ok(()),
        }
    }

    /// Runs `work` over every item of `feed` (in parallel when `--threads` allows) and hands
    /// the results to `sink` one by one in input order.
    pub fn run<P, T, I, W, S>(&self, feed: I, work: W, mut sink: S) -> Exit
    where
        P: Send,
        T: Send,
        I: IntoIterator<Item = Feed<P>>,
        W: Fn(P, &mut Notes) -> Result<T, Rejection> + Sync,
        S: FnMut(T, &Location, &mut Output) -> io::Result<()>,
    {
        let mut out = match self.open_output() {
            Ok(out) => out,
            Err(exit) => return exit,
        };
        let pool = match self.pool() {
            Ok(pool) => pool,
            Err(err) => return self.fatal(format!("--threads: {err}")),
        };
        let batch_size = pool
            .as_ref()
            .map_or(1, |p| p.current_num_threads() * BATCH_PER_THREAD);
        let mut feed = feed.into_iter();
        let status = loop {
            let batch = next_batch(&mut feed, batch_size);
            if batch.is_empty() {
                break Ok(());
            }
            let results = process(batch, &work, pool.as_ref());
            match self.deliver(results, &mut sink, &mut out) {
                Ok(true) => {}
                Ok(false) => break Ok(()),
                Err(err) => break Err(err),
            }
        };
        self.finish(out, status)
    }

    /// Runs `work` over every record of the JSON-lines `inputs` (paths, `-` or none for stdin).
    /// Lines that are not valid records are rejected before `work` sees them.
    pub fn run_records<T, W, S>(&self, inputs: &[String], work: W, sink: S) -> Exit
    where
        T: Send,
        W: Fn(Record, &mut Notes) -> Result<T, String> + Sync,
        S: FnMut(T, &Location, &mut Output) -> io::Result<()>,
    {
        self.records(inputs, false, |record, _, notes| work(record, notes), sink)
    }

    /// As [`Driver::run_records`], `work` also getting the `html` member's JSON text as the
    /// line wrote it, for [`jsonl::encode_keeping_html`] (a stage that leaves `html` alone).
    pub fn run_records_keeping_html<T, W, S>(&self, inputs: &[String], work: W, sink: S) -> Exit
    where
        T: Send,
        W: Fn(Record, Option<&str>, &mut Notes) -> Result<T, String> + Sync,
        S: FnMut(T, &Location, &mut Output) -> io::Result<()>,
    {
        self.records(inputs, true, work, sink)
    }

    fn records<T, W, S>(&self, inputs: &[String], keep_html: bool, work: W, sink: S) -> Exit
    where
        T: Send,
        W: Fn(Record, Option<&str>, &mut Notes) -> Result<T, String> + Sync,
        S: FnMut(T, &Location, &mut Output) -> io::Result<()>,
    {
        if let Err(exit) = self.guard_inputs(&Inputs::of(inputs)) {
            return exit;
        }
        let lines = self.lines(inputs);
        self.run(
            lines,
            |bytes: Vec<u8>, notes: &mut Notes| {
                let original =
                    || Some(Original::Line(String::from_utf8_lossy(&bytes).into_owned()));
                let (record, html_json) = if keep_html {
                    jsonl::parse_record_keeping_html(&bytes)
                } else {
                    jsonl::parse_record(&bytes).map(|record| (record, None))
                }
                .map_err(|err| Rejection::new(err.to_string(), original()))?;
                notes.set_id(record.id.as_deref());
                work(record, html_json, notes).map_err(|why| Rejection::new(why, original()))
            },
            sink,
        )
    }

    /// The non-blank lines of `inputs` (paths, `-` or none for stdin) as work items, each
    /// with its file and line number; a file that cannot be read, or a line longer than
    /// `--max-record-bytes`, is a reject, and so is every line of an input that is not JSON
    /// lines at all (see [`crate::looks`]), its reason said once.
    pub fn lines(&self, inputs: &[String]) -> impl Iterator<Item = Feed<Vec<u8>>> {
        LineFeed::new(
            inputs,
            self.options.max_record_bytes,
            looks::Reader::Records,
        )
    }

    /// As [`Driver::lines`], for crawler lines (`folio-parse --from jsonl`): an input that
    /// is a post or a page is told to be read without `--from jsonl`.
    pub fn crawl_lines(&self, inputs: &[String]) -> impl Iterator<Item = Feed<Vec<u8>>> {
        LineFeed::new(
            inputs,
            self.options.max_record_bytes,
            looks::Reader::CrawlLines,
        )
    }

    fn open_output(&self) -> Result<Output, Exit> {
        crate::pipe::widen_standard_pipes();
        let rejects = match &self.options.rejects {
            Some(path) => match File::create(path) {
                Ok(file) => Some(Writer::new(file)),
                Err(err) => return Err(self.fatal(format!("--rejects {}: {err}", path.display()))),
            },
            None => None,
        };
        // In `a | b | c > file` every stage has a terminal stderr; only the last, whose stdout
        // is not a pipe, draws, so that a pipeline shows one line. Whatever reads a pipe
        // cannot be told portably, so a pipe into a program of another kind silences the bar
        // too: `--progress` brings it back.
        let drawn = !self.options.quiet
            && io::stderr().is_terminal()
            && (self.options.progress || !crate::pipe::stdout_is_a_pipe());
        let progress = drawn.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix} {human_pos} inputs ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_prefix(self.tool.name);
            bar
        });
        Ok(Output {
            tool: self.tool,
            quiet: self.options.quiet,
            verbose: self.options.verbose,
            warnings: Vec::new(),
            warning_index: HashMap::new(),
            stdout: Writer::new(StdoutSink::new()),
            rejects,
            progress,
            rejected: 0,
            dropped: 0,
            written: 0,
        })
    }

    fn pool(&self) -> Result<Option<rayon::ThreadPool>, rayon::ThreadPoolBuildError> {
        let threads = match self.options.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        if threads <= 1 {
            return Ok(None);
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            // As much stack as the main thread has: a record's work may go as deep as its
            // HTML (up to folio-html's cap), and a worker must not be the first to run out.
            .stack_size(8 << 20)
            .build()
            .map(Some)
    }

    /// Hands results to the sink in order. `Ok(false)` means stop (`--strict` after a reject).
    fn deliver<T, S>(
        &self,
        results: Vec<Done<T>>,
        sink: &mut S,
        out: &mut Output,
    ) -> io::Result<bool>
    where
        S: FnMut(T, &Location, &mut Output) -> io::Result<()>,
    {
        for done in results {
            match done {
                Done::Skip(location, skipped) => out.skip(&location, &skipped)?,
                Done::Note(location, message) => {
                    out.note(&location, &message);
                    continue;
                }
                Done::Reject(location, rejection) => {
                    out.reject(&location, &rejection)?;
                    if self.options.strict {
                        return Ok(false);
                    }
                }
                Done::Ok(notes, value) => {
                    for warning in &notes.warnings {
                        out.warn(&notes.location, warning);
                    }
                    if let Some(skipped) = &notes.skipped {
                        out.skip(&notes.location, skipped)?;
                    }
                    sink(value, &notes.location, out)?;
                }
            }
            if let Some(bar) = &out.progress {
                bar.inc(1);
            }
        }
        Ok(true)
    }

    fn finish(&self, mut out: Output, status: io::Result<()>) -> Exit {
        if let Some(bar) = out.progress.take() {
            bar.finish_and_clear();
        }
        out.summarise_warnings();
        let flushed = status.and_then(|()| out.stdout.flush());
        if let Some(rejects) = &mut out.rejects {
            if let Err(err) = rejects.flush() {
                return self.fatal(format!("--rejects: {err}"));
            }
        }
        match flushed {
            Ok(()) => {}
            // A closed stdout (`| head`) is how a reader says it has enough: stop quietly.
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => return Exit::Ok,
            Err(err) if err.get_ref().is_some_and(|e| e.is::<Fatal>()) => {
                return self.fatal(err);
            }
            Err(err) => return self.fatal(format!("<stdout>: {err}")),
        }
        if out.rejected > 0 {
            let stop = if self.options.strict {
                " (stopped by --strict)"
            } else {
                ""
            };
            out.message(&format!("{} input(s) rejected{stop}", out.rejected));
            Exit::Rejected
        } else {
            Exit::Ok
        }
    }
}

/// Prints `tool: message` on stderr and returns the usage/configuration exit status.
///
/// The message may run over several lines (a `--where` error points at the column below the
/// expression); every other control character is escaped, as in per-input messages.
pub fn fatal(tool: Tool, message: impl std::fmt::Display) -> Exit {
    let message = message.to_string();
    let lines: Vec<_> = message.split('\n').map(escape_controls).collect();
    let _ = writeln!(io::stderr().lock(), "{}: {}", tool.name, lines.join("\n"));
    Exit::Usage
}

/// What warnings are counted together by: the message with each quoted value (a date, a
/// file name) made `"…"`, so that `date "x" is not a date` and `date "y" is not a date` are
/// one kind.
pub fn warning_kind(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            kind.push(c);
            continue;
        }
        // A quoted value as `{:?}` writes it: up to the next quote not escaped.
        let mut closed = false;
        while let Some(inner) = chars.next() {
            match inner {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    closed = true;
                    break;
                }
                _ => {}
            }
        }
        kind.push_str(if closed { "\"…\"" } else { "\"…" });
    }
    kind
}

enum Done<T> {
    Ok(Notes, T),
    Reject(Location, Rejection),
    Skip(Location, Rejection),
    Note(Location, String),
}

fn next_batch<P, I: Iterator<Item = Feed<P>>>(feed: &mut I, size: usize) -> Vec<Feed<P>> {
    let mut batch = Vec::with_capacity(size.min(1024));
    let mut items = 0;
    for next in feed.by_ref() {
        if matches!(next, Feed::Item(..)) {
            items += 1;
        }
        batch.push(next);
        if items >= size {
            break;
        }
    }
    batch
}

fn process<P, T, W>(batch: Vec<Feed<P>>, work: &W, pool: Option<&rayon::ThreadPool>) -> Vec<Done<T>>
where
    P: Send,
    T: Send,
    W: Fn(P, &mut Notes) -> Result<T, Rejection> + Sync,
{
    let one = |feed: Feed<P>| match feed {
        Feed::Item(location, payload) => {
            let mut notes = Notes::new(location);
            match work(payload, &mut notes) {
                Ok(value) => Done::Ok(notes, value),
                Err(rejection) => Done::Reject(notes.location, rejection),
            }
        }
        Feed::Reject(location, rejection) => Done::Reject(location, rejection),
        Feed::Skip(location, skipped) => Done::Skip(location, skipped),
        Feed::Note(location, message) => Done::Note(location, message),
    };
    match pool {
        // `collect` on an indexed parallel iterator keeps input order.
        Some(pool) => pool.install(|| batch.into_par_iter().map(one).collect()),
        None => batch.into_iter().map(one).collect(),
    }
}

/// The non-blank lines of `inputs` (paths, `-` or none for stdin) as work items, each with
/// its file and line number; a file that cannot be read, or a line longer than
/// [`DEFAULT_MAX_RECORD_BYTES`], is a reject. [`Driver::lines`] applies the run's limit.
pub fn lines(inputs: &[String]) -> impl Iterator<Item = Feed<Vec<u8>>> {
    LineFeed::new(inputs, DEFAULT_MAX_RECORD_BYTES, looks::Reader::Records)
}

/// The lines of JSON-lines inputs, one file after another, opened lazily.
struct LineFeed {
    inputs: std::vec::IntoIter<String>,
    current: Option<Reader<Box<dyn io::BufRead>>>,
    max_line: u64,
    reader: looks::Reader,
    /// The current input's first lines, read ahead to tell whether it is JSON lines.
    ahead: VecDeque<Feed<Vec<u8>>>,
    /// Why the current input is refused, when it is not JSON lines.
    refused: Option<String>,
    /// Whether that reason has been given once (with the first line refused).
    said: bool,
}

impl LineFeed {
    fn new(inputs: &[String], max_line: u64, reader: looks::Reader) -> Self {
        let inputs = if inputs.is_empty() {
            vec!["-".to_owned()]
        } else {
            inputs.to_vec()
        };
        LineFeed {
            inputs: inputs.into_iter(),
            current: None,
            max_line,
            reader,
            ahead: VecDeque::new(),
            refused: None,
            said: false,
        }
    }

    /// Reads the new current input's first non-blank lines into `ahead` and judges them.
    fn look_ahead(&mut self) {
        self.refused = None;
        self.said = false;
        let mut items = 0;
        while items < looks::SAMPLE_LINES && self.current.is_some() {
            match self.next_of_current() {
                Some(feed) => {
                    items += usize::from(matches!(feed, Feed::Item(..)));
                    self.ahead.push_back(feed);
                }
                None => break,
            }
        }
        let sample: Vec<&[u8]> = self
            .ahead
            .iter()
            .filter_map(|feed| match feed {
                Feed::Item(_, bytes) => Some(bytes.as_slice()),
                _ => None,
            })
            .collect();
        self.refused = looks::not_json_lines(&sample).map(|looks| looks.message(self.reader));
    }

    /// The next line (or reject) of the current input; `None` at its end.
    fn next_of_current(&mut self) -> Option<Feed<Vec<u8>>> {
        let reader = self.current.as_mut()?;
        match reader.next() {
            Some(Ok(Line { location, bytes })) => Some(Feed::Item(location, bytes)),
            Some(Err(err)) => {
                if let Some(too_long) = too_long(&err) {
                    // The line was read past, not kept; the file goes on after it.
                    let why = Rejection::new(too_long.to_string(), None);
                    return Some(Feed::Reject(too_long.location.clone(), why));
                }
                // A read error mid-file names the file, so the reject says where.
                let name = reader.source().to_owned();
                self.current = None;
                Some(read_error(name, err))
            }
            None => {
                self.current = None;
                None
            }
        }
    }

    /// A line of an input that is not JSON lines becomes a reject, its reason said once.
    fn refuse(&mut self, feed: Feed<Vec<u8>>) -> Feed<Vec<u8>> {
        match (&self.refused, feed) {
            (Some(why), Feed::Item(location, bytes)) => {
                let original = Original::Line(String::from_utf8_lossy(&bytes).into_owned());
                let mut rejection = Rejection::new(why.clone(), Some(original));
                rejection.again = std::mem::replace(&mut self.said, true);
                Feed::Reject(location, rejection)
            }
            (_, feed) => feed,
        }
    }

    fn open(&self, name: &str) -> io::Result<Reader<Box<dyn io::BufRead>>> {
        if name == "-" {
            let stdin = gunzip_if_gzip(BufReader::with_capacity(256 * 1024, io::stdin()))?;
            return Ok(Reader::new(stdin, STDIN).max_line(self.max_line));
        }
        let file = File::open(name)?;
        let reader = gunzip_if_gzip(BufReader::with_capacity(256 * 1024, file))?;
        Ok(Reader::new(reader, Arc::<str>::from(name)).max_line(self.max_line))
    }
}

/// JSON lines as they come, or inflated when they come gzipped (told by the magic bytes, not
/// the name: `records.jsonl.gz`, `curl … | folio-filter`). Concatenated gzip members are read
/// one after another, as `zcat` does; lines are then bounded by `--max-record-bytes` as any.
fn gunzip_if_gzip<R: io::BufRead + 'static>(mut reader: R) -> io::Result<Box<dyn io::BufRead>> {
    if reader.fill_buf()?.starts_with(&[0x1f, 0x8b]) {
        let inflated = flate2::bufread::MultiGzDecoder::new(reader);
        return Ok(Box::new(BufReader::with_capacity(256 * 1024, inflated)));
    }
    Ok(Box::new(reader))
}

impl Iterator for LineFeed {
    type Item = Feed<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(feed) = self.ahead.pop_front() {
                return Some(self.refuse(feed));
            }
            if let Some(feed) = self.next_of_current() {
                return Some(self.refuse(feed));
            }
            let name = self.inputs.next()?;
            match self.open(&name) {
                Ok(reader) => {
                    self.current = Some(reader);
                    self.look_ahead();
                }
                Err(err) => return Some(read_error(name, err)),
            }
        }
    }
}

fn too_long(err: &io::Error) -> Option<&jsonl::LineTooLong> {
    err.get_ref()?.downcast_ref::<jsonl::LineTooLong>()
}

fn read_error<P>(name: String, err: io::Error) -> Feed<P> {
    let location = Location::file(if name == "-" {
        STDIN.to_owned()
    } else {
        name.clone()
    });
    Feed::Reject(
        location,
        Rejection::new(format!("cannot read: {err}"), Some(Original::Path(name))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(n: usize) -> Vec<Feed<usize>> {
        (0..n)
            .map(|i| Feed::Item(Location::file(format!("item{i}")), i))
            .collect()
    }

    fn collect_with(threads: usize, n: usize) -> Vec<usize> {
        let driver = Driver::new(
            Tool {
                name: "test",
                version: "0",
            },
            Options {
                threads,
                ..Options::default()
            },
        );
        let mut seen = Vec::new();
        let exit = driver.run(
            feed(n),
            |i, _notes| Ok(i * 2),
            |value, _loc, _out| {
                seen.push(value);
                Ok(())
            },
        );
        assert_eq!(exit, Exit::Ok);
        seen
    }

    #[test]
    fn warnings_that_differ_only_in_quoted_values_are_one_kind() {
        assert_eq!(
            warning_kind("date \"2021-13-45\" is not a date; `date` left out"),
            "date \"…\" is not a date; `date` left out"
        );
        assert_eq!(
            warning_kind("date \"a \\\"b\\\" c\" is not a date"),
            warning_kind("date \"x\" is not a date")
        );
        assert_eq!(warning_kind("no article text left"), "no article text left");
        assert_eq!(warning_kind("cut \"short"), "cut \"…");
    }

    #[test]
    fn results_come_in_input_order_for_any_thread_count() {
        let one = collect_with(1, 1000);
        assert_eq!(one, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(collect_with(4, 1000), one);
    }

    #[test]
    fn strict_stops_at_the_first_reject() {
        let driver = Driver::new(
            Tool {
                name: "test",
                version: "0",
            },
            Options {
                strict: true,
                quiet: true,
                ..Options::default()
            },
        );
        let mut seen = Vec::new();
        let exit = driver.run(
            feed(10),
            |i, _| {
                if i == 3 {
                    Err(Rejection::new("bad", None))
                } else {
                    Ok(i)
                }
            },
            |v, _, _| {
                seen.push(v);
                Ok(())
            },
        );
        assert_eq!(exit, Exit::Rejected);
        assert_eq!(seen, [0, 1, 2]);
    }

    #[test]
    fn an_input_that_is_not_json_lines_is_refused_line_by_line_said_once() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("post.md");
        let good = dir.path().join("good.jsonl");
        std::fs::write(&post, "---\ntitle: Rain\n---\n\nIt rained.\n").unwrap();
        std::fs::write(&good, "{\"id\":\"a\"}\nnope\n").unwrap();
        let inputs = [post, good].map(|p| p.display().to_string());
        let got: Vec<String> = lines(&inputs)
            .map(|feed| match feed {
                Feed::Item(at, bytes) => format!("item {at} {}", String::from_utf8_lossy(&bytes)),
                Feed::Reject(at, r) => {
                    let at = at.to_string();
                    let at = &at[at.rfind('/').map_or(0, |i| i + 1)..];
                    format!("reject {at} again={} {}", r.again, r.why)
                }
                _ => "other".into(),
            })
            .map(|s| s.replace(&*dir.path().display().to_string(), ""))
            .collect();
        let why =
            "looks like a Markdown post with front matter, not JSON lines: run folio-parse first";
        assert_eq!(
            got,
            [
                format!("reject post.md:1 again=false {why}"),
                format!("reject post.md:2 again=true {why}"),
                format!("reject post.md:3 again=true {why}"),
                format!("reject post.md:5 again=true {why}"),
                "item /good.jsonl:1 {\"id\":\"a\"}".to_owned(),
                "item /good.jsonl:2 nope".to_owned(),
            ]
        );
    }

    #[test]
    fn rejects_file_gets_where_why_and_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rejects.jsonl");
        let driver = Driver::new(
            Tool {
                name: "test",
                version: "0",
            },
            Options {
                rejects: Some(path.clone()),
                quiet: true,
                ..Options::default()
            },
        );
        let exit = driver.run(
            feed(3),
            |i, _| {
                if i == 1 {
                    Err(Rejection::new(
                        "odd one",
                        Some(Original::Line("raw".into())),
                    ))
                } else {
                    Ok(i)
                }
            },
            |_, _, _| Ok(()),
        );
        assert_eq!(exit, Exit::Rejected);
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(
            text,
            "{\"tool\":\"test\",\"where\":\"item1\",\"why\":\"odd one\",\"line\":\"raw\"}\n"
        );
    }
}
