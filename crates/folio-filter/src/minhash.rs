//! MinHash signatures over character 5-grams of the normalised text ([`crate::shingle`]): the
//! same measure for Chinese (no spaces between words) and English.
//!
//! One-permutation hashing: each shingle is hashed once, and its hash goes to one of
//! `10·r + 256` bins (by its high bits), which keeps the least hash it is given. A bin that no
//! shingle reached is filled by optimal densification (from the first non-empty bin of a
//! fixed pseudo-random probe sequence of its own, see `densify`), so two texts of Jaccard
//! similarity `J` agree on any bin with probability `J`. The first `10·r` bins make the LSH band keys; the
//! other 256 keep one bit each (32 bytes) to estimate `J` for a candidate pair, independently
//! of the bands. Work per shingle is one hash and one comparison, whatever the bin count.

use crate::lsh::{band_keys, rows_for, BANDS, MAX_ROWS};
use crate::shingle::for_each_shingle;

/// Bins of the similarity check, one bit each.
pub const CHECK_BINS: usize = 256;
const MAX_BINS: usize = BANDS * MAX_ROWS + CHECK_BINS;
const EMPTY: u64 = u64::MAX;
const PROBE_SALT: u64 = 0x0DE5_1F1E_D0B1_5EED;
const COPY_SALT: u64 = 0xC0B1_E5C0_B1E5_0001;

/// What the sequential dedup stage needs of one text: 72 bytes, no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// One key per LSH band.
    pub bands: [u32; BANDS],
    /// 256 one-bit minimums, for [`estimate`].
    pub check: [u64; 4],
}

const fn splitmix(state: u64) -> u64 {
    let mut z = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The finaliser used wherever bits need spreading.
pub fn mix(x: u64) -> u64 {
    splitmix(x)
}

/// The signature scheme for one threshold (which sets the rows per band).
#[derive(Debug, Clone, Copy)]
pub struct MinHasher {
    rows: usize,
}

impl MinHasher {
    pub fn new(threshold: f64) -> Self {
        MinHasher {
            rows: rows_for(threshold),
        }
    }

    fn band_bins(&self) -> usize {
        BANDS * self.rows
    }

    fn bins(&self) -> usize {
        self.band_bins() + CHECK_BINS
    }

    /// The signature of `text`, or `None` when it has no letters or digits to compare.
    pub fn signature(&self, text: &str) -> Option<Signature> {
        let mut mins = [EMPTY; MAX_BINS];
        let mins = &mut mins[..self.bins()];
        self.fill(text, mins)?;
        let (band_mins, check_mins) = mins.split_at(self.band_bins());
        Some(Signature {
            bands: band_keys(band_mins, self.rows),
            check: check_bits(check_mins),
        })
    }

    /// The densified bin minimums of `text`, or `None` when it has no shingle.
    fn fill(&self, text: &str, mins: &mut [u64]) -> Option<()> {
        let bins = mins.len() as u64;
        let any = for_each_shingle(text, |hash| {
            let bin = (((hash >> 32) * bins) >> 32) as usize;
            mins[bin] = mins[bin].min(hash);
        });
        (any && densify(mins)).then_some(())
    }
}

/// Optimal densification (Shrivastava, 2017): an empty bin `i` probes bins `p(i, 0), p(i, 1),
/// …` — the same sequence for every text — and takes the first one that a shingle reached.
/// It takes that minimum mixed with its own number, so that copies of one minimum are not
/// equal to each other: two unrelated short texts then agree on about half of their check
/// bits, as long ones do, instead of on all or none. Returns false when every bin is empty.
fn densify(mins: &mut [u64]) -> bool {
    let filled = mins.iter().filter(|m| **m != EMPTY).count();
    if filled == 0 {
        return false;
    }
    if filled == mins.len() {
        return true;
    }
    let mut original = [EMPTY; MAX_BINS];
    original[..mins.len()].copy_from_slice(mins);
    let bins = mins.len() as u64;
    for (i, min) in mins.iter_mut().enumerate() {
        if *min != EMPTY {
            continue;
        }
        let mut probe = PROBE_SALT ^ ((i as u64) << 32);
        *min = loop {
            let source = (((mix(probe) >> 32) * bins) >> 32) as usize;
            if original[source] != EMPTY {
                break mix(original[source] ^ (i as u64).wrapping_mul(COPY_SALT));
            }
            probe += 1;
        };
    }
    true
}

/// One pseudo-random bit of each minimum: equal minimums give equal bits, unequal ones agree
/// by chance half of the time.
fn check_bits(mins: &[u64]) -> [u64; 4] {
    let mut check = [0u64; 4];
    for (i, min) in mins.iter().enumerate() {
        check[i / 64] |= (mix(*min) & 1) << (i % 64);
    }
    check
}

/// The Jaccard similarity two checks estimate: a bit agrees with probability `(1 + J) / 2`,
/// which is solved for `J`.
pub fn estimate(a: &[u64; 4], b: &[u64; 4]) -> f64 {
    let differ: u32 = a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum();
    let agree = 1.0 - f64::from(differ) / CHECK_BINS as f64;
    (2.0 * agree - 1.0).clamp(0.0, 1.0)
}

#[cfg(test)]
#[path = "minhash_tests.rs"]
mod tests;
