//! Deduplication state, kept by the sequential stage in input order: the first record of a
//! kind is kept, and a later one is dropped with a reason naming the record it repeats.

use std::collections::HashMap;

use folio_model::{Keyword, Record};

use crate::lsh::NearIndex;
use crate::minhash::{MinHasher, Signature};
use crate::text::normalise_key;
use crate::Reason;

/// The fields `--unique-by` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniqueBy {
    Id,
    Url,
    Title,
    Text,
}

impl Keyword for UniqueBy {
    const ALL: &'static [Self] = &[UniqueBy::Id, UniqueBy::Url, UniqueBy::Title, UniqueBy::Text];

    fn name(self) -> &'static str {
        match self {
            UniqueBy::Id => "id",
            UniqueBy::Url => "url",
            UniqueBy::Title => "title",
            UniqueBy::Text => "text",
        }
    }
}

impl std::str::FromStr for UniqueBy {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        UniqueBy::from_name(text)
            .ok_or_else(|| format!("unknown field {text:?} (use {})", UniqueBy::names()))
    }
}

impl UniqueBy {
    /// A 128-bit digest of the normalised field, or `None` when the record has none.
    fn key(self, record: &Record, text: &str) -> Option<u128> {
        let value = match self {
            UniqueBy::Id => record.id.as_deref().map(normalise_key),
            UniqueBy::Url => record.url.as_deref().map(normalise_key),
            UniqueBy::Title => record.title.as_deref().map(normalise_key),
            UniqueBy::Text => Some(normalise_key(text)),
        }
        .filter(|v| !v.is_empty())?;
        let digest = blake3::hash(value.as_bytes());
        let mut bytes = [0; 16];
        bytes.copy_from_slice(&digest.as_bytes()[..16]);
        Some(u128::from_le_bytes(bytes))
    }
}

/// What the parallel stage computes of a record for dedup.
#[derive(Debug, Default)]
pub struct Keys {
    exact: Vec<Option<u128>>,
    near: Option<Signature>,
}

impl Keys {
    /// The text's MinHash signature, when one was asked for and the text has words.
    pub fn signature(&self) -> Option<&Signature> {
        self.near.as_ref()
    }
}

/// The labels (id, or place when there is none) of kept records, in one buffer.
#[derive(Debug, Default)]
struct Labels {
    bytes: String,
    ends: Vec<u32>,
}

impl Labels {
    fn push(&mut self, label: &str) {
        self.bytes.push_str(label);
        self.ends
            .push(u32::try_from(self.bytes.len()).unwrap_or(u32::MAX));
    }

    fn get(&self, number: u32) -> &str {
        let end = self.ends[number as usize] as usize;
        let start = match number {
            0 => 0,
            n => self.ends[n as usize - 1] as usize,
        };
        self.bytes.get(start..end).unwrap_or("?")
    }
}

/// The dedup rules of a run and what they remember.
#[derive(Debug)]
pub struct Dedup {
    unique_by: Vec<(UniqueBy, HashMap<u128, u32>)>,
    near: Option<NearIndex>,
    labels: Labels,
}

impl Dedup {
    pub fn new(unique_by: &[UniqueBy], near_threshold: Option<f64>) -> Self {
        Dedup {
            unique_by: unique_by.iter().map(|u| (*u, HashMap::new())).collect(),
            near: near_threshold.map(NearIndex::new),
            labels: Labels::default(),
        }
    }

    pub fn is_active(&self) -> bool {
        !self.unique_by.is_empty() || self.near.is_some()
    }

    /// The keys of `record` whose article text is `text` (run in parallel, before
    /// [`Dedup::check`]).
    pub fn keys(
        unique_by: &[UniqueBy],
        near: Option<&MinHasher>,
        record: &Record,
        text: &str,
    ) -> Keys {
        Keys {
            exact: unique_by.iter().map(|u| u.key(record, text)).collect(),
            near: near.and_then(|hasher| hasher.signature(text)),
        }
    }

    /// Drops the record when it repeats a kept one; otherwise remembers it as kept.
    pub fn check(&mut self, keys: &Keys, label: &str) -> Option<Reason> {
        if let Some(reason) = self.find(keys) {
            return Some(reason);
        }
        let number = self.labels.ends.len() as u32;
        self.labels.push(label);
        for ((_, seen), key) in self.unique_by.iter_mut().zip(&keys.exact) {
            if let Some(key) = key {
                seen.insert(*key, number);
            }
        }
        if let Some(near) = &mut self.near {
            near.insert(number, keys.near.as_ref());
        }
        None
    }

    fn find(&self, keys: &Keys) -> Option<Reason> {
        for ((by, seen), key) in self.unique_by.iter().zip(&keys.exact) {
            if let Some(first) = key.and_then(|k| seen.get(&k)) {
                let text = format!(
                    "duplicate of {} (same {})",
                    self.labels.get(*first),
                    by.name()
                );
                return Some(Reason::new(format!("duplicate ({})", by.name()), text));
            }
        }
        let (first, j) = self.near.as_ref()?.find(keys.near.as_ref()?)?;
        let text = format!("duplicate of {} (near, J={j:.2})", self.labels.get(first));
        Some(Reason::new("duplicate (near)".to_owned(), text))
    }

    /// Bytes held for near-duplicate detection and labels (the exact maps aside).
    pub fn near_bytes(&self) -> usize {
        self.near.as_ref().map_or(0, NearIndex::bytes)
            + self.labels.bytes.capacity()
            + self.labels.ends.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(value: serde_json::Value) -> Record {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn exact_keys_fold_space_and_case_and_name_the_first() {
        let mut dedup = Dedup::new(&[UniqueBy::Title], None);
        let a = rec(json!({"id": "a", "title": "Rates  Rise"}));
        let b = rec(json!({"id": "b", "title": "rates rise "}));
        let c = rec(json!({"id": "c"}));
        let keys = |r: &Record| Dedup::keys(&[UniqueBy::Title], None, r, "");
        assert!(dedup.check(&keys(&a), "a").is_none());
        let why = dedup.check(&keys(&b), "b").unwrap();
        assert_eq!(why.text, "duplicate of a (same title)");
        assert_eq!(why.rule, "duplicate (title)");
        assert!(
            dedup.check(&keys(&c), "c").is_none(),
            "no title, nothing to compare"
        );
        assert!(dedup.check(&keys(&c), "c2").is_none());
    }

    #[test]
    fn labels_come_back_by_number() {
        let mut labels = Labels::default();
        for l in ["a", "", "中文", "d"] {
            labels.push(l);
        }
        assert_eq!(
            (labels.get(0), labels.get(1), labels.get(2), labels.get(3)),
            ("a", "", "中文", "d")
        );
    }

    /// Memory of `--near-duplicates` over one million distinct records (ids like
    /// `rec-0000001`). Run with
    /// `cargo test --release -p folio-filter -- --ignored --nocapture one_million`.
    #[test]
    #[ignore = "takes a few seconds in release mode; prints the figure for docs/folio-filter.md"]
    fn one_million_records_hold_under_200_bytes_each() {
        use crate::lsh::BANDS;
        use crate::minhash::mix;
        let before = peak_rss_kb();
        let mut dedup = Dedup::new(&[], Some(0.8));
        let n = 1_000_000u64;
        for i in 0..n {
            let mut bands = [0; BANDS];
            for (p, band) in bands.iter_mut().enumerate() {
                *band = (mix(i * 131 + p as u64) >> 32) as u32;
            }
            let check = [mix(i ^ 1), mix(i ^ 2), mix(i ^ 3), mix(i ^ 4)];
            let keys = Keys {
                exact: Vec::new(),
                near: Some(Signature { bands, check }),
            };
            assert!(dedup.check(&keys, &format!("rec-{i:07}")).is_none());
        }
        let held = dedup.near_bytes() as f64 / n as f64;
        let rss = (peak_rss_kb().saturating_sub(before) * 1024) as f64 / n as f64;
        eprintln!("near-duplicate index: {held:.0} bytes per record held; peak RSS growth {rss:.0} bytes per record");
        assert!(held < 200.0, "{held}");
    }

    fn peak_rss_kb() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
}
