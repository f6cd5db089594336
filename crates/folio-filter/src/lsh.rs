//! The near-duplicate index: LSH bands of the kept records' signatures in one compact
//! open-addressing multimap, their 32-byte checks, and nothing else.
//!
//! Per kept record it holds `BANDS` table entries of 8 bytes (a 32-bit band key and a 32-bit
//! record number) at a load of 0.57–0.85, plus the 32-byte check: about 130–175 bytes, the
//! record's label aside (see docs/folio-filter.md, "Memory").

use crate::minhash::{estimate, mix, Signature};

/// Bands per signature. Rows per band follow the threshold (see [`rows_for`]).
pub const BANDS: usize = 10;
/// The most rows per band.
pub const MAX_ROWS: usize = 6;
const EMPTY: u32 = u32::MAX;
const MAX_LOAD: f64 = 0.85;

/// The rows per band for a threshold: the most rows (fewest chance candidates) that still
/// make a pair at the threshold share a band with probability ≥ 0.99, between 2 and 6.
pub fn rows_for(threshold: f64) -> usize {
    (2..=MAX_ROWS)
        .rev()
        .find(|&r| candidate_probability(threshold, r) >= 0.99)
        .unwrap_or(2)
}

/// The LSH S-curve: the chance that two texts of similarity `j` share at least one band.
pub fn candidate_probability(j: f64, rows: usize) -> f64 {
    1.0 - (1.0 - j.powi(rows as i32)).powi(BANDS as i32)
}

/// The key of each band: a hash of its `rows` consecutive minimums.
pub fn band_keys(mins: &[u64], rows: usize) -> [u32; BANDS] {
    let mut keys = [0; BANDS];
    for (band, (key, rows)) in keys.iter_mut().zip(mins.chunks_exact(rows)).enumerate() {
        let h = rows.iter().fold(mix(band as u64), |h, m| mix(h ^ m));
        *key = (h >> 32) as u32;
    }
    keys
}

/// A multimap from 32-bit band keys to record numbers, with linear probing.
#[derive(Debug, Default)]
struct Table {
    keys: Vec<u32>,
    values: Vec<u32>,
    len: usize,
}

impl Table {
    fn home(&self, key: u32) -> usize {
        // Lemire's multiply-shift maps a uniform key onto any capacity.
        ((u64::from(key) * self.keys.len() as u64) >> 32) as usize
    }

    fn insert(&mut self, key: u32, value: u32) {
        if (self.len + 1) as f64 > self.keys.len() as f64 * MAX_LOAD {
            self.grow();
        }
        let mut slot = self.home(key);
        while self.values[slot] != EMPTY {
            slot = (slot + 1) % self.keys.len();
        }
        self.keys[slot] = key;
        self.values[slot] = value;
        self.len += 1;
    }

    fn grow(&mut self) {
        let capacity = (self.keys.len() * 3 / 2).max(64);
        let keys = std::mem::replace(&mut self.keys, vec![0; capacity]);
        let values = std::mem::replace(&mut self.values, vec![EMPTY; capacity]);
        self.len = 0;
        for (key, value) in keys.into_iter().zip(values) {
            if value != EMPTY {
                self.insert(key, value);
            }
        }
    }

    fn for_each(&self, key: u32, mut f: impl FnMut(u32)) {
        if self.keys.is_empty() {
            return;
        }
        let mut slot = self.home(key);
        while self.values[slot] != EMPTY {
            if self.keys[slot] == key {
                f(self.values[slot]);
            }
            slot = (slot + 1) % self.keys.len();
        }
    }

    fn bytes(&self) -> usize {
        self.keys.capacity() * 4 + self.values.capacity() * 4
    }
}

/// Kept records' bands and checks; record numbers are given by the caller, densely from 0.
#[derive(Debug)]
pub struct NearIndex {
    threshold: f64,
    table: Table,
    checks: Vec<[u64; 4]>,
}

impl NearIndex {
    pub fn new(threshold: f64) -> Self {
        NearIndex {
            threshold,
            table: Table::default(),
            checks: Vec::new(),
        }
    }

    /// The earliest kept record whose estimated similarity reaches the threshold, with it.
    pub fn find(&self, sig: &Signature) -> Option<(u32, f64)> {
        let mut best: Option<(u32, f64)> = None;
        for key in sig.bands {
            self.table.for_each(key, |number| {
                let j = estimate(&sig.check, &self.checks[number as usize]);
                if j >= self.threshold && best.is_none_or(|(b, _)| number < b) {
                    best = Some((number, j));
                }
            });
        }
        best
    }

    /// Adds kept record `number` (the next one); `None` (no text) holds a place only.
    pub fn insert(&mut self, number: u32, sig: Option<&Signature>) {
        debug_assert_eq!(number as usize, self.checks.len());
        let Some(sig) = sig else {
            self.checks.push([0; 4]);
            return;
        };
        self.checks.push(sig.check);
        for key in sig.bands {
            self.table.insert(key, number);
        }
    }

    /// Bytes allocated for the index.
    pub fn bytes(&self) -> usize {
        self.table.bytes() + self.checks.capacity() * 32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minhash::{MinHasher, Signature};

    fn signature(text: &str) -> Option<Signature> {
        MinHasher::new(0.8).signature(text)
    }

    #[test]
    fn rows_follow_the_threshold() {
        assert_eq!(rows_for(0.8), 4);
        assert_eq!(rows_for(0.9), 6);
        assert_eq!(rows_for(0.5), 2);
        assert!(candidate_probability(0.8, 4) > 0.99);
        assert!(candidate_probability(0.3, 4) < 0.1);
    }

    #[test]
    fn table_keeps_every_value_of_a_key_across_growth() {
        let mut table = Table::default();
        for i in 0..1000u32 {
            table.insert(i % 7, i);
        }
        let mut found = Vec::new();
        table.for_each(3, |v| found.push(v));
        found.sort_unstable();
        assert_eq!(found, (0..1000).filter(|i| i % 7 == 3).collect::<Vec<_>>());
        table.for_each(99, |_| panic!("no such key"));
    }

    #[test]
    fn finds_the_earliest_similar_record() {
        let story = "国家统计局今天发布数据，四月份全国居民消费价格同比上涨百分之二点一，环比上涨百分之零点四，其中食品价格上涨明显。";
        let mut index = NearIndex::new(0.8);
        index.insert(
            0,
            signature("完全无关的一段体育新闻，球队昨晚在主场以三比一获胜。").as_ref(),
        );
        index.insert(1, signature(story).as_ref());
        index.insert(2, signature(story).as_ref());
        index.insert(3, None);
        let (number, j) = index.find(&signature(story).unwrap()).unwrap();
        assert_eq!((number, j), (1, 1.0));
        assert!(index
            .find(&signature("另一条完全不同的消息：新款手机发布，售价四千元起。").unwrap())
            .is_none());
    }
}
