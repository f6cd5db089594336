//! The driver every folio binary runs: it turns "a function over one input" into a whole pipe
//! program with the promises of docs/model.md — data only on stdout, `tool: where: why` on
//! stderr, bad input reported and written to `--rejects` while the run goes on, `--strict`,
//! exit codes 0/1/2, a quiet exit 0 when stdout is closed, ordered parallel work (same bytes
//! out for any `--threads`), progress only when stderr is a terminal (and, in a pipeline, from
//! its last stage only), and a warning repeated record after record summed up in one line.

mod feed;
mod notes;
mod output;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::error::{escape_controls, Location};
use crate::exit::Exit;
use crate::identity::Inputs;
use crate::jsonl::{self, Writer};
use crate::looks;
use crate::pipe::StdoutSink;
use crate::record::Record;

use feed::LineFeed;

pub use feed::{lines, Feed, DEFAULT_MAX_RECORD_BYTES};
pub use notes::{Notes, Original, Rejection, Tool};
pub use output::{warning_kind, Fatal, Output, WARNINGS_IN_FULL};

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
        let threads = self.threads();
        let batch_size = if threads > 1 {
            threads * BATCH_PER_THREAD
        } else {
            1
        };
        let mut pool = None;
        let mut feed = feed.into_iter();
        let status = loop {
            let batch = next_batch(&mut feed, batch_size);
            if batch.is_empty() {
                break Ok(());
            }
            // Started when a batch has two items to share: a lone record (a tiny input, a
            // call from another program) is done on this thread, without the threads' start.
            if pool.is_none() && threads > 1 && batch.len() > 1 {
                match self.pool(threads) {
                    Ok(started) => pool = Some(started),
                    Err(err) => return self.fatal(format!("--threads: {err}")),
                }
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

    /// How many threads `--threads` asks for (0: one per core).
    fn threads(&self) -> usize {
        match self.options.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }

    fn pool(&self, threads: usize) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            // As much stack as the main thread has: a record's work may go as deep as its
            // HTML (up to folio-html's cap), and a worker must not be the first to run out.
            .stack_size(8 << 20)
            .build()
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
