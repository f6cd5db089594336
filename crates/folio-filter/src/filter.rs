//! Building a filter from its options, and judging one record (the parallel part of a run).

use std::borrow::Cow;
use std::path::PathBuf;

use aho_corasick::AhoCorasick;
use folio_model::date::{self, Zone};
use folio_model::driver::{Notes, Original, Rejection};
use folio_model::{jsonl, Record};
use regex::Regex;

use crate::across::AcrossShards;
use crate::dedup::{Dedup, Keys, UniqueBy};
use crate::expr::Where;
use crate::minhash::MinHasher;
use crate::predicates::{Bound, OneOf, Selection};
use crate::quality::QualityRules;
use crate::text::article_text;
use crate::{ConfigError, Reason, Selector};

/// Everything a run is asked to do, as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub sites: Vec<String>,
    pub langs: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Zone of dates written without one (`--tz`); UTC when absent.
    pub tz: Option<String>,
    pub title: Vec<String>,
    pub text: Vec<String>,
    pub keywords: Vec<PathBuf>,
    pub min_chars: Option<usize>,
    pub max_chars: Option<usize>,
    pub has: Vec<String>,
    pub expr: Option<String>,
    pub invert: bool,
    pub unique_by: Vec<UniqueBy>,
    pub near_duplicates: bool,
    pub threshold: f64,
    pub quality: bool,
    pub quality_min_chars: Option<usize>,
    pub limit: Option<u64>,
    pub sample: Option<f64>,
    pub seed: u64,
    /// Write each kept record's id and MinHash signature instead of the record.
    pub emit_signatures: bool,
    /// Signature files of every shard: drop a near duplicate of a record with a smaller id.
    pub near_duplicates_of: Vec<PathBuf>,
}

/// A configured filter; [`Filter::judge`] is safe to call from many threads.
#[derive(Debug)]
pub struct Filter {
    selection: Selection,
    invert: bool,
    quality: Option<QualityRules>,
    unique_by: Vec<UniqueBy>,
    near_threshold: Option<f64>,
    near_hasher: Option<MinHasher>,
    limit: Option<u64>,
    sample: Option<(f64, u64)>,
    /// `--emit-signatures`: the threshold the signatures are made for.
    emit_signatures: Option<f64>,
    across: Option<AcrossShards>,
    /// Whether a rule reads the article text (and so a record never cleaned is worth a word).
    judges_text: bool,
}

/// A record judged in parallel, waiting for the sequential stage.
#[derive(Debug)]
pub struct Judged {
    /// The line exactly as read, written out when the record is kept.
    pub line: Vec<u8>,
    pub record: Record,
    /// The id, or the place of a record without one; drop reasons of later duplicates name it.
    pub label: String,
    /// Dedup keys, or why the per-record stages dropped it.
    pub verdict: Result<Keys, Reason>,
    /// Whether `--sample` draws it.
    pub drawn: bool,
}

impl Filter {
    pub fn new(options: Options) -> Result<Filter, ConfigError> {
        let zone = match &options.tz {
            Some(tz) => tz
                .parse::<Zone>()
                .map_err(|why| ConfigError::new("--tz", why))?,
            None => Zone::default(),
        };
        if !(0.0..=1.0).contains(&options.threshold) {
            return Err(ConfigError::new("--threshold", "must be between 0 and 1"));
        }
        if let Some(rate) = options.sample.filter(|r| !(0.0..=1.0).contains(r)) {
            return Err(ConfigError::new(
                "--sample",
                format!("{rate} is not a rate between 0 and 1"),
            ));
        }
        // Its phrase automaton is most of the tool's start-up: built only when asked for.
        let quality = options.quality.then(|| {
            let mut quality = QualityRules::default();
            if let Some(min) = options.quality_min_chars {
                quality.min_chars = min;
            }
            quality
        });
        Ok(Filter {
            selection: selection(&options, zone)?,
            invert: options.invert,
            quality,
            unique_by: options.unique_by.clone(),
            near_threshold: options.near_duplicates.then_some(options.threshold),
            near_hasher: (options.near_duplicates || options.emit_signatures)
                .then(|| MinHasher::new(options.threshold)),
            limit: options.limit,
            sample: options.sample.map(|rate| (rate, options.seed)),
            emit_signatures: options.emit_signatures.then_some(options.threshold),
            judges_text: !options.text.is_empty()
                || !options.keywords.is_empty()
                || options.min_chars.is_some()
                || options.max_chars.is_some()
                || options.quality
                || options.near_duplicates
                || options.emit_signatures
                || options.unique_by.contains(&UniqueBy::Text)
                || options.expr.as_deref().is_some_and(|e| e.contains("text")),
            across: match options.near_duplicates_of.as_slice() {
                [] => None,
                paths => Some(AcrossShards::load(paths, options.threshold)?),
            },
        })
    }

    /// The run's cross-shard verdicts, when `--near-duplicates-of` was given.
    pub fn across_shards(&self) -> Option<&AcrossShards> {
        self.across.as_ref()
    }

    /// The sequential stage of a run of this filter.
    pub fn selector(&self) -> Selector {
        Selector::new(
            Dedup::new(&self.unique_by, self.near_threshold),
            self.limit,
            self.sample,
        )
        .emit_signatures(self.emit_signatures)
        .warn_uncleaned(self.judges_text)
    }

    /// Parses one line and applies every per-record rule. A line that is not a valid record is
    /// rejected (bad input); a record that fails a rule is judged, to be dropped in order.
    pub fn judge(&self, line: Vec<u8>, notes: &mut Notes) -> Result<Judged, Rejection> {
        let record = match jsonl::parse_record(&line) {
            Ok(record) => record,
            Err(err) => {
                let original = String::from_utf8_lossy(&line).into_owned();
                return Err(Rejection::new(
                    err.to_string(),
                    Some(Original::Line(original)),
                ));
            }
        };
        let label = match record.id.as_deref() {
            Some(id) => id.to_owned(),
            None => notes.location().to_string(),
        };
        notes.set_id(record.id.as_deref());
        // A record never cleaned is cleaned to be judged, which only a rule reading text pays for.
        let text = if self.judges_text {
            article_text(&record).map_err(|why| {
                let original = String::from_utf8_lossy(&line).into_owned();
                Rejection::new(why, Some(Original::Line(original)))
            })?
        } else {
            Cow::Borrowed("")
        };
        let across = || self.across.as_ref()?.check(record.id.as_deref());
        let verdict = match self.rules(&record, &text).or_else(across) {
            Some(reason) => Err(reason),
            None => Ok(Dedup::keys(
                &self.unique_by,
                self.near_hasher.as_ref(),
                &record,
                &text,
            )),
        };
        let drawn = self.drawn(&record, &line);
        Ok(Judged {
            line,
            record,
            label,
            verdict,
            drawn,
        })
    }

    fn rules(&self, record: &Record, text: &str) -> Option<Reason> {
        match (self.selection.check(record, text), self.invert) {
            (Some(reason), false) => Some(reason),
            (None, true) => Some(Reason::new(
                "invert".into(),
                "invert: matches the selection".into(),
            )),
            _ => self.quality.as_ref()?.check(text),
        }
    }

    /// A draw that depends only on the seed and the record (its id, else its line), so the
    /// same records are drawn whatever comes before them and however many threads run.
    fn drawn(&self, record: &Record, line: &[u8]) -> bool {
        let Some((rate, seed)) = self.sample else {
            return true;
        };
        let mut hasher = blake3::Hasher::new();
        hasher.update(&seed.to_le_bytes());
        hasher.update(record.id.as_deref().map_or(line, str::as_bytes));
        let mut bytes = [0; 8];
        bytes.copy_from_slice(&hasher.finalize().as_bytes()[..8]);
        (u64::from_le_bytes(bytes) as f64) < rate * 2f64.powi(64)
    }
}

fn selection(o: &Options, zone: Zone) -> Result<Selection, ConfigError> {
    Ok(Selection {
        categories: OneOf::new(&o.categories),
        tags: OneOf::new(&o.tags),
        authors: OneOf::new(&o.authors),
        sites: OneOf::new(&o.sites),
        langs: OneOf::new(&o.langs),
        since: o
            .since
            .as_deref()
            .map(|s| bound("--since", s, &zone, false))
            .transpose()?,
        until: o
            .until
            .as_deref()
            .map(|s| bound("--until", s, &zone, true))
            .transpose()?,
        title: regexes("--title", &o.title)?,
        text: regexes("--text", &o.text)?,
        keywords: keywords(&o.keywords)?,
        min_chars: o.min_chars,
        max_chars: o.max_chars,
        has: o
            .has
            .iter()
            .map(|h| field_path(h))
            .collect::<Result<_, _>>()?,
        expr: match &o.expr {
            Some(source) => Some(
                Where::parse(source, zone)
                    .map_err(|err| ConfigError::new("--where", err.render(source)))?,
            ),
            None => None,
        },
    })
}

/// A date bound; a date without a time of day means the start of that day for `--since` and
/// the whole day for `--until` (up to, not including, the next midnight).
fn bound(flag: &str, raw: &str, zone: &Zone, until: bool) -> Result<Bound, ConfigError> {
    let at = date::parse(raw, zone).ok_or_else(|| {
        ConfigError::new(
            flag,
            format!("{raw:?} is not a date (use 2022-05-01 or 2022-05-01T08:00:00+08:00)"),
        )
    })?;
    let trimmed = raw.trim();
    let unix = trimmed.bytes().all(|b| b.is_ascii_digit()) && trimmed.len() != 8;
    let date_only = !trimmed.contains(':') && !unix;
    if until && date_only {
        let next = at + chrono::Duration::days(1);
        return Ok(Bound {
            at: next,
            inclusive: false,
        });
    }
    Ok(Bound {
        at,
        inclusive: true,
    })
}

fn regexes(flag: &str, patterns: &[String]) -> Result<Vec<Regex>, ConfigError> {
    patterns
        .iter()
        .map(|p| Regex::new(p).map_err(|err| ConfigError::new(flag, err.to_string())))
        .collect()
}

fn keywords(files: &[PathBuf]) -> Result<Option<AhoCorasick>, ConfigError> {
    if files.is_empty() {
        return Ok(None);
    }
    let mut words = Vec::new();
    for file in files {
        let flag = format!("--keywords {}", file.display());
        let text = std::fs::read_to_string(file)
            .map_err(|err| ConfigError::new(&flag, err.to_string()))?;
        let before = words.len();
        words.extend(
            text.lines()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_owned),
        );
        if words.len() == before {
            return Err(ConfigError::new(&flag, "no keywords in the file"));
        }
    }
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&words)
        .map(Some)
        .map_err(|err| ConfigError::new("--keywords", err.to_string()))
}

fn field_path(raw: &str) -> Result<(String, Vec<String>), ConfigError> {
    let path: Vec<String> = raw.trim().split('.').map(str::to_owned).collect();
    if path.iter().any(String::is_empty) {
        return Err(ConfigError::new(
            "--has",
            format!("{raw:?} is not a field path (use e.g. meta.source)"),
        ));
    }
    Ok((raw.trim().to_owned(), path))
}
