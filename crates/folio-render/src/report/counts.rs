//! Counts by key (site, category, language, reason) with a bound on the number of keys, so
//! that hostile input with a new key on every line cannot make a report hold it all.

use std::collections::HashMap;

/// The most distinct keys a [`Counts`] tells apart; later new keys are counted together.
pub const KEYS_LIMIT: usize = 100_000;

/// Counts per key. Keys past [`KEYS_LIMIT`] are counted in [`Counts::untracked`].
#[derive(Debug, Clone, Default)]
pub struct Counts {
    counts: HashMap<String, u64>,
    /// Occurrences of keys that came after the limit was reached.
    pub untracked: u64,
    /// Every occurrence counted.
    pub total: u64,
}

/// The largest counts, for a chart, and what is left over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Top {
    /// Keys with their counts, largest first, ties in key order.
    pub rows: Vec<(String, u64)>,
    /// Keys not in `rows` (the untracked ones not included: they cannot be told apart).
    pub other_keys: usize,
    /// Their count, untracked occurrences included.
    pub other_count: u64,
}

impl Counts {
    pub fn add(&mut self, key: String) {
        self.total += 1;
        if let Some(count) = self.counts.get_mut(&key) {
            *count += 1;
        } else if self.counts.len() < KEYS_LIMIT {
            self.counts.insert(key, 1);
        } else {
            self.untracked += 1;
        }
    }

    /// The number of distinct keys told apart.
    pub fn keys(&self) -> usize {
        self.counts.len()
    }

    /// The `n` largest counts, largest first, ties broken by key so the order is the same
    /// whatever the order of insertion.
    pub fn top(&self, n: usize) -> Top {
        let mut all: Vec<(&String, &u64)> = self.counts.iter().collect();
        all.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let rows: Vec<(String, u64)> = all
            .iter()
            .take(n)
            .map(|(key, count)| ((*key).clone(), **count))
            .collect();
        let shown: u64 = rows.iter().map(|(_, c)| c).sum();
        Top {
            other_keys: all.len() - rows.len(),
            other_count: self.total - shown,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_sorts_by_count_then_key_and_sums_the_rest() {
        let mut counts = Counts::default();
        for key in ["b", "a", "c", "b", "d", "c", "e"] {
            counts.add(key.to_owned());
        }
        let top = counts.top(3);
        assert_eq!(
            top.rows,
            [
                ("b".to_owned(), 2),
                ("c".to_owned(), 2),
                ("a".to_owned(), 1)
            ]
        );
        assert_eq!((top.other_keys, top.other_count), (2, 2));
        assert_eq!(counts.top(10).other_count, 0);
    }

    #[test]
    fn keys_past_the_limit_are_counted_together() {
        let mut counts = Counts::default();
        for n in 0..KEYS_LIMIT + 5 {
            counts.add(n.to_string());
        }
        counts.add("0".to_owned());
        assert_eq!(counts.keys(), KEYS_LIMIT);
        assert_eq!((counts.untracked, counts.total), (5, KEYS_LIMIT as u64 + 6));
        let top = counts.top(1);
        assert_eq!(top.rows, [("0".to_owned(), 2)]);
        assert_eq!(top.other_count, KEYS_LIMIT as u64 + 4);
    }
}
