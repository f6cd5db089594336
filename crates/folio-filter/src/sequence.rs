//! The sequential stage of a run: dedup, `--sample` and `--limit` in input order, then the
//! kept record's original line to stdout or the dropped record to `--rejects`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use folio_model::driver::{Output, Rejection};
use folio_model::Location;

use crate::across;
use crate::dedup::Dedup;
use crate::{Judged, Reason};

/// Counts of a run, for `--stats`.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub read: u64,
    pub kept: u64,
    /// Dropped records by rule.
    pub dropped: BTreeMap<String, u64>,
    /// Bytes held by the near-duplicate index and the labels of kept records, at the end.
    pub dedup_bytes: usize,
}

impl Stats {
    /// The lines `--stats` prints: totals, then drops per rule, most frequent first.
    pub fn lines(&self) -> Vec<String> {
        let dropped: u64 = self.dropped.values().sum();
        let mut lines = vec![format!(
            "{} records: {} kept, {dropped} dropped",
            self.read, self.kept
        )];
        let mut rules: Vec<(&String, &u64)> = self.dropped.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let width = rules.first().map_or(1, |(_, n)| n.to_string().len());
        lines.extend(
            rules
                .into_iter()
                .map(|(rule, n)| format!("  {n:>width$}  {rule}")),
        );
        if self.dedup_bytes > 0 {
            let per = self.dedup_bytes as f64 / self.kept.max(1) as f64;
            lines.push(format!(
                "dedup memory: {} bytes ({per:.0} per kept record)",
                self.dedup_bytes
            ));
        }
        lines
    }
}

/// The signature line of a kept record; a record with no text to compare has none, and one
/// with no id cannot be told apart in the second pass, so it is rejected.
fn emit_signature(
    judged: &Judged,
    threshold: f64,
    at: &Location,
    out: &mut Output,
) -> io::Result<()> {
    let Some(signature) = judged
        .verdict
        .as_ref()
        .ok()
        .and_then(|keys| keys.signature())
    else {
        return Ok(());
    };
    let Some(id) = judged.record.id.as_deref() else {
        let why = "no id: --emit-signatures needs one to name the record in the second pass";
        return out.reject(at, &Rejection::new(why, None));
    };
    write_line(
        out.stdout(),
        &across::signature_line(id, threshold, signature),
    )?;
    out.count_written();
    Ok(())
}

/// The order-dependent state of a run.
#[derive(Debug)]
pub struct Selector {
    dedup: Dedup,
    limit: Option<u64>,
    sample: Option<(f64, u64)>,
    stats: Stats,
    /// `--emit-signatures` at this threshold: kept records are written as signature lines.
    emit_signatures: Option<f64>,
    /// Whether the warning about records never cleaned is still to be given (a text rule
    /// is on, and no such record was met yet).
    warn_uncleaned: bool,
}

/// Said once a run, at the first record with no `text` or `blocks`.
pub const UNCLEANED: &str = "record never cleaned (no \"text\" or \"blocks\"): judged by the \
    text folio-clean's built-in rules give it; run folio-clean first (said once)";

impl Selector {
    pub fn new(dedup: Dedup, limit: Option<u64>, sample: Option<(f64, u64)>) -> Self {
        Selector {
            dedup,
            limit,
            sample,
            stats: Stats::default(),
            emit_signatures: None,
            warn_uncleaned: false,
        }
    }

    /// Says once, when a rule reads the text, that a record was never cleaned.
    pub fn warn_uncleaned(mut self, judges_text: bool) -> Self {
        self.warn_uncleaned = judges_text;
        self
    }

    /// Writes each kept record as its signature line (the first pass of near-duplicate
    /// removal across shards).
    pub fn emit_signatures(mut self, threshold: Option<f64>) -> Self {
        self.emit_signatures = threshold;
        self
    }

    /// Decides on one judged record, in input order, without writing it: `true` when it is
    /// kept (a later stage of the same process writes it), a dropped one going to `--rejects`.
    pub fn keep(&mut self, judged: &Judged, at: &Location, out: &mut Output) -> io::Result<bool> {
        self.stats.read += 1;
        match self.outcome(judged, at, out) {
            None => {
                self.stats.kept += 1;
                Ok(true)
            }
            Some(reason) => {
                *self.stats.dropped.entry(reason.rule).or_default() += 1;
                out.drop_record(at, &judged.record, &reason.text)?;
                Ok(false)
            }
        }
    }

    /// Keeps or drops one judged record; called in input order.
    pub fn take(&mut self, judged: Judged, at: &Location, out: &mut Output) -> io::Result<()> {
        self.stats.read += 1;
        match self.outcome(&judged, at, out) {
            None => {
                self.stats.kept += 1;
                match self.emit_signatures {
                    Some(threshold) => return emit_signature(&judged, threshold, at, out),
                    None => write_line(out.stdout(), &judged.line)?,
                }
                out.count_written();
                Ok(())
            }
            Some(reason) => {
                *self.stats.dropped.entry(reason.rule).or_default() += 1;
                out.drop_record(at, &judged.record, &reason.text)
            }
        }
    }

    fn outcome(&mut self, judged: &Judged, at: &Location, out: &mut Output) -> Option<Reason> {
        if self.warn_uncleaned && !judged.record.is_cleaned() {
            self.warn_uncleaned = false;
            out.warn(at, UNCLEANED);
        }
        if let Some(limit) = self.limit.filter(|l| self.stats.kept >= *l) {
            return Some(Reason::new(
                "limit".into(),
                format!("limit: {limit} records already written"),
            ));
        }
        let keys = match &judged.verdict {
            Ok(keys) => keys,
            Err(reason) => return Some(reason.clone()),
        };
        if self.dedup.is_active() {
            if let Some(reason) = self.dedup.check(keys, &judged.label) {
                return Some(reason);
            }
        }
        match self.sample {
            Some((rate, seed)) if !judged.drawn => Some(Reason::new(
                "sample".into(),
                format!("sample: not drawn (rate {rate}, seed {seed})"),
            )),
            _ => None,
        }
    }

    /// The counts so far (all of them once the run has ended).
    pub fn stats(&self) -> Stats {
        Stats {
            dedup_bytes: self.dedup.near_bytes(),
            ..self.stats.clone()
        }
    }
}

/// The line as read, with the newline a last line may lack.
fn write_line(out: &mut impl Write, line: &[u8]) -> io::Result<()> {
    out.write_all(line)?;
    if !line.ends_with(b"\n") {
        out.write_all(b"\n")?;
    }
    Ok(())
}
