//! `--to report`: one self-contained HTML page that sums up the records read — articles per
//! day, sites, categories and tags, text lengths, languages, metadata coverage and, from
//! rejects files, what was set aside and why.
//!
//! Each record is boiled down to its [`Facts`] on the worker threads; the [`Tally`] adds
//! them up in input order and keeps counts only, never records, so memory does not grow
//! with the number of records (the distinct sites, categories and reasons are counted, each
//! kind up to [`counts::KEYS_LIMIT`]). The page is written by [`page::page`] with charts as
//! inline SVG drawn here: no script, no external asset, and every string from the data
//! escaped.

pub mod chart;
pub mod counts;
pub mod page;
pub mod rejects;
pub mod timeline;

use chrono::NaiveDate;
use folio_model::{Credits, Record};

pub use counts::Counts;
pub use rejects::Rejections;
pub use timeline::Timeline;

/// The file a report is written to under `--out-dir`.
pub const REPORT_FILE: &str = "report.html";

/// The title of a report when `--title` is not given.
pub const DEFAULT_TITLE: &str = "Corpus report";

/// The fields whose coverage the report shows, in its order.
pub const FIELDS: &[&str] = &[
    "id",
    "url",
    "site",
    "title",
    "date",
    "date_raw",
    "author",
    "categories",
    "tags",
    "image",
    "summary",
    "text",
    "blocks",
    "lang",
    "credits",
];

/// The credit roles whose coverage the report shows (docs/model.md, `credits`).
pub const ROLES: &[&str] = &[
    "editor",
    "photographer",
    "reporter",
    "correspondent",
    "source",
    "proofreader",
    "reviewer",
];

/// The longest key kept for a site, category, tag or language, in characters: a hostile
/// record cannot make the counters hold its whole text.
const KEY_CHARS: usize = 120;

/// What the report needs from one record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The publication day in the date's own offset.
    pub day: Option<NaiveDate>,
    pub site: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// Characters of `text`; `None` when the record has no `text` (never cleaned).
    pub chars: Option<u64>,
    pub lang: Option<String>,
    /// The title (else the id), cut short, to name the record among the longest or shortest.
    pub name: Option<String>,
    /// One bit per entry of [`FIELDS`], then one per entry of [`ROLES`]: set when present.
    pub present: u32,
}

impl Facts {
    /// Boils `record` down to what the report counts.
    pub fn of(record: &Record) -> Facts {
        let site = site_of(record);
        let none = Credits::default();
        let credits = record.credits.as_ref().unwrap_or(&none);
        let roles = [
            &credits.editor,
            &credits.photographer,
            &credits.reporter,
            &credits.correspondent,
            &credits.source,
            &credits.proofreader,
            &credits.reviewer,
        ];
        let fields = [
            filled(record.id.as_deref()),
            filled(record.url.as_deref()),
            site.is_some(),
            filled(record.title.as_deref()),
            record.date.is_some(),
            filled(record.date_raw.as_deref()),
            filled(record.author.as_deref()),
            record.categories.iter().any(|c| filled(Some(c))),
            record.tags.iter().any(|t| filled(Some(t))),
            filled(record.image.as_deref()),
            filled(record.summary.as_deref()),
            filled(record.text.as_deref()),
            record.blocks.as_ref().is_some_and(|b| !b.is_empty()),
            filled(record.lang.as_deref()),
            roles.iter().any(|names| !names.is_empty()),
        ];
        let bits = fields
            .into_iter()
            .chain(roles.iter().map(|names| !names.is_empty()));
        let present = bits
            .enumerate()
            .fold(0, |acc, (n, set)| acc | (u32::from(set) << n));
        Facts {
            day: record.date.map(|date| date.date_naive()),
            site,
            categories: keys(&record.categories),
            tags: keys(&record.tags),
            chars: record.text.as_deref().map(|t| t.chars().count() as u64),
            lang: record.lang.as_deref().filter(|l| filled(Some(l))).map(key),
            name: [&record.title, &record.id]
                .into_iter()
                .flatten()
                .find(|name| filled(Some(name)))
                .map(|name| key(name)),
            present,
        }
    }
}

/// A value counts as present when it holds more than white space.
fn filled(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.trim().is_empty())
}

fn keys(values: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = values
        .iter()
        .filter(|v| filled(Some(v)))
        .map(|v| key(v))
        .collect();
    // A record that names a category twice counts once in it.
    keys.sort();
    keys.dedup();
    keys
}

/// A counter key: trimmed, and cut at [`KEY_CHARS`] characters.
fn key(value: &str) -> String {
    let value = value.trim();
    match value.char_indices().nth(KEY_CHARS) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

/// The record's site: `source.site`, else the host of `url` in lower case without `www.`
/// (as folio-parse writes `source.site`).
pub fn site_of(record: &Record) -> Option<String> {
    if let Some(site) = record.site() {
        return filled(Some(site)).then(|| key(site));
    }
    host(record.url.as_deref()?).map(|h| key(&h))
}

/// The host of an absolute address (`scheme://[user@]host[:port]/…`).
fn host(url: &str) -> Option<String> {
    let (_, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        // An IPv6 literal keeps its colons.
        host_port.split_inclusive(']').next().unwrap_or(host_port)
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let host = host.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_owned())
}

/// Bins of text length in characters: each bin starts at its bound and ends before the next.
pub const LENGTH_BINS: &[u64] = &[
    0, 1, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000,
];

/// How many of the longest and of the shortest texts the report names.
pub const EXTREMES: usize = 5;

/// A record named among the longest or shortest texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub chars: u64,
    pub name: Option<String>,
    pub site: Option<String>,
    /// Its place in the input, first 0: of two as long, the earlier is named.
    pub seq: u64,
}

/// The counts behind a report: everything it shows, nothing per record.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub records: u64,
    pub days: Timeline,
    pub undated: u64,
    /// Records with a `date_raw` but no `date`: a date folio could not read.
    pub unreadable_dates: u64,
    pub sites: Counts,
    pub no_site: u64,
    pub categories: Counts,
    pub no_category: u64,
    pub tags: Counts,
    pub no_tag: u64,
    pub langs: Counts,
    pub no_lang: u64,
    /// Records per entry of [`LENGTH_BINS`].
    pub lengths: Vec<u64>,
    pub no_text: u64,
    pub total_chars: u64,
    pub max_chars: u64,
    /// The [`EXTREMES`] longest texts, longest first, and the shortest, shortest first.
    pub longest: Vec<Named>,
    pub shortest: Vec<Named>,
    /// Records with each entry of [`FIELDS`], then of [`ROLES`].
    pub present: Vec<u64>,
    /// Read from `--rejects-from`, when given.
    pub rejections: Option<Rejections>,
}

impl Tally {
    pub fn new(rejections: Option<Rejections>) -> Tally {
        Tally {
            lengths: vec![0; LENGTH_BINS.len()],
            present: vec![0; FIELDS.len() + ROLES.len()],
            rejections,
            ..Tally::default()
        }
    }

    /// Counts one record.
    pub fn add(&mut self, facts: Facts) {
        self.records += 1;
        match facts.day {
            Some(day) => self.days.add(day),
            None => self.undated += 1,
        }
        let has = |field: &str| {
            let bit = FIELDS.iter().position(|f| *f == field).unwrap_or(0);
            facts.present & (1 << bit) != 0
        };
        if facts.day.is_none() && has("date_raw") {
            self.unreadable_dates += 1;
        }
        count_one(&mut self.sites, &mut self.no_site, facts.site.clone());
        count_one(&mut self.langs, &mut self.no_lang, facts.lang);
        count_all(
            &mut self.categories,
            &mut self.no_category,
            facts.categories,
        );
        count_all(&mut self.tags, &mut self.no_tag, facts.tags);
        match facts.chars {
            Some(chars) => {
                let bin = LENGTH_BINS.partition_point(|bound| *bound <= chars) - 1;
                self.lengths[bin] += 1;
                self.total_chars = self.total_chars.saturating_add(chars);
                self.max_chars = self.max_chars.max(chars);
                let named = Named {
                    chars,
                    name: facts.name.clone(),
                    site: facts.site.clone(),
                    seq: self.records - 1,
                };
                keep(&mut self.longest, named.clone(), |a, b| {
                    b.chars.cmp(&a.chars).then(a.seq.cmp(&b.seq))
                });
                keep(&mut self.shortest, named, |a, b| {
                    a.chars.cmp(&b.chars).then(a.seq.cmp(&b.seq))
                });
            }
            None => self.no_text += 1,
        }
        for (n, count) in self.present.iter_mut().enumerate() {
            *count += u64::from(facts.present & (1 << n) != 0);
        }
    }

    /// Records with a `text`.
    pub fn with_text(&self) -> u64 {
        self.records - self.no_text
    }
}

/// Puts `named` in its place in `list` (ordered by `order`), which keeps [`EXTREMES`] entries.
fn keep(list: &mut Vec<Named>, named: Named, order: impl Fn(&Named, &Named) -> std::cmp::Ordering) {
    let at = list.partition_point(|e| order(e, &named).is_lt());
    if at < EXTREMES {
        list.insert(at, named);
        list.truncate(EXTREMES);
    }
}

fn count_one(counts: &mut Counts, missing: &mut u64, key: Option<String>) {
    match key {
        Some(key) => counts.add(key),
        None => *missing += 1,
    }
}

fn count_all(counts: &mut Counts, missing: &mut u64, keys: Vec<String>) {
    if keys.is_empty() {
        *missing += 1;
    }
    for key in keys {
        counts.add(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_model::Source;

    #[test]
    fn the_site_is_source_site_else_the_host_of_the_url() {
        let mut record = Record {
            url: Some("https://WWW.Example.cn:8080/a/b?c#d".into()),
            ..Record::default()
        };
        assert_eq!(site_of(&record).as_deref(), Some("example.cn"));
        record.url = Some("http://user:pw@[::1]:80/x".into());
        assert_eq!(site_of(&record).as_deref(), Some("[::1]"));
        record.url = Some("/relative/path".into());
        assert_eq!(site_of(&record), None);
        record.source = Some(
            Source {
                site: Some("finance.sina.com.cn".into()),
                ..Source::default()
            }
            .into(),
        );
        assert_eq!(site_of(&record).as_deref(), Some("finance.sina.com.cn"));
    }

    #[test]
    fn facts_count_fields_present_and_not_blank() {
        let record = Record {
            id: Some("a".into()),
            title: Some("  ".into()),
            categories: vec!["金融".into(), "金融".into(), " ".into()],
            text: Some("三个字".into()),
            credits: Some(Credits {
                editor: vec!["王五".into()],
                ..Credits::default()
            }),
            ..Record::default()
        };
        let facts = Facts::of(&record);
        assert_eq!(facts.categories, ["金融"]);
        assert_eq!(facts.chars, Some(3));
        let mut tally = Tally::new(None);
        tally.add(facts);
        let shown: Vec<&str> = FIELDS
            .iter()
            .chain(ROLES)
            .zip(&tally.present)
            .filter(|(_, n)| **n == 1)
            .map(|(f, _)| *f)
            .collect();
        assert_eq!(shown, ["id", "categories", "text", "credits", "editor"]);
        assert_eq!((tally.no_category, tally.no_site, tally.undated), (0, 1, 1));
    }

    #[test]
    fn lengths_fall_in_their_bins() {
        let mut tally = Tally::new(None);
        for chars in [0, 1, 99, 100, 999, 1_000, 49_999, 50_000, 9_000_000] {
            tally.add(Facts {
                chars: Some(chars),
                ..Facts::default()
            });
        }
        tally.add(Facts::default());
        assert_eq!(tally.lengths, [1, 2, 1, 0, 1, 1, 0, 0, 0, 1, 2]);
        assert_eq!((tally.no_text, tally.with_text()), (1, 9));
        assert_eq!(tally.max_chars, 9_000_000);
        let chars = |list: &[Named]| list.iter().map(|n| (n.chars, n.seq)).collect::<Vec<_>>();
        assert_eq!(
            chars(&tally.longest),
            [
                (9_000_000, 8),
                (50_000, 7),
                (49_999, 6),
                (1_000, 5),
                (999, 4)
            ]
        );
        assert_eq!(
            chars(&tally.shortest),
            [(0, 0), (1, 1), (99, 2), (100, 3), (999, 4)]
        );
    }

    #[test]
    fn long_keys_are_cut() {
        let long = "长".repeat(500);
        assert_eq!(key(&long).chars().count(), KEY_CHARS + 1);
        assert_eq!(key(" 金融 "), "金融");
    }
}
