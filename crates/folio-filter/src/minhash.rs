//! MinHash signatures over character 5-grams of the normalised text: the same measure for
//! Chinese (no spaces between words) and English.
//!
//! Each shingle is hashed once to 64 bits; the 128 "permutations" are `h * a_i + b_i` with
//! fixed odd multipliers, which costs one multiply-add per shingle and permutation. The first
//! 64 minimums feed the LSH bands; the other 64 are kept at 4 bits each (32 bytes) to estimate
//! the Jaccard similarity of a candidate pair, independently of the band that found it.

use crate::text::fold_width;

pub const PERMUTATIONS: usize = 128;
/// Permutations used for banding (the first ones) and for the estimate (the rest).
pub const BAND_PERMUTATIONS: usize = 64;
pub const SHINGLE_CHARS: usize = 5;

/// What the sequential dedup stage needs of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// The 64 banding minimums; bands are cut from these.
    pub band_mins: Vec<u64>,
    /// 64 minimums at 4 bits each, for [`estimate`].
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

const fn constants(salt: u64, odd: bool) -> [u64; PERMUTATIONS] {
    let mut out = [0; PERMUTATIONS];
    let mut i = 0;
    while i < PERMUTATIONS {
        let v = splitmix(salt.wrapping_add(i as u64 * 0x1000_0000_01B3));
        out[i] = if odd { v | 1 } else { v };
        i += 1;
    }
    out
}

const MULTIPLIERS: [u64; PERMUTATIONS] = constants(0x5EED_F011_0F11_7E55, true);
const ADDENDS: [u64; PERMUTATIONS] = constants(0x00AD_D50F_F011_0123, false);

/// Letters and digits, lower-cased and width-folded; any run of other characters becomes one
/// space. Punctuation and layout differences between copies of a story thus do not count.
pub fn normalise(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut gap = false;
    for c in text.chars().map(fold_width) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// Hashes of the distinct shingles of a normalised text (one shingle when it is shorter).
fn shingles(chars: &[char]) -> Vec<u64> {
    let width = SHINGLE_CHARS.min(chars.len());
    let mut hashes: Vec<u64> = chars
        .windows(width.max(1))
        .map(|w| {
            let h = w.iter().fold(0xCBF2_9CE4_8422_2325_u64, |h, c| {
                (h ^ *c as u64).wrapping_mul(0x0000_0100_0000_01B3)
            });
            mix(h)
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// The signature of `text`, or `None` when it has no letters or digits to compare.
pub fn signature(text: &str) -> Option<Signature> {
    let chars = normalise(text);
    if chars.is_empty() {
        return None;
    }
    let mut mins = [u64::MAX; PERMUTATIONS];
    for h in shingles(&chars) {
        for ((min, a), b) in mins.iter_mut().zip(&MULTIPLIERS).zip(&ADDENDS) {
            *min = (*min).min(h.wrapping_mul(*a).wrapping_add(*b));
        }
    }
    let mut check = [0u64; 4];
    for (i, min) in mins[BAND_PERMUTATIONS..].iter().enumerate() {
        check[i / 16] |= (mix(*min) & 0xF) << ((i % 16) * 4);
    }
    Some(Signature {
        band_mins: mins[..BAND_PERMUTATIONS].to_vec(),
        check,
    })
}

/// The Jaccard similarity two checks estimate: a 4-bit value agrees with probability
/// `J + (1 - J) / 16`, which is solved for `J`.
pub fn estimate(a: &[u64; 4], b: &[u64; 4]) -> f64 {
    let mut equal = 0;
    for (x, y) in a.iter().zip(b) {
        let mut diff = x ^ y;
        diff |= diff >> 1;
        diff |= diff >> 2;
        equal += 16 - (diff & 0x1111_1111_1111_1111).count_ones();
    }
    let agree = f64::from(equal) / 64.0;
    ((agree - 1.0 / 16.0) / (15.0 / 16.0)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn similarity(a: &str, b: &str) -> f64 {
        estimate(&signature(a).unwrap().check, &signature(b).unwrap().check)
    }

    #[test]
    fn normalising_drops_punctuation_case_and_width() {
        let text: String = normalise("Ｂank, RATES—rise！ 央行，降准")
            .into_iter()
            .collect();
        assert_eq!(text, "bank rates rise 央行 降准");
    }

    #[test]
    fn identical_texts_estimate_one_and_unrelated_near_zero() {
        let a = "央行宣布下调存款准备金率，释放长期资金约五千亿元，支持实体经济发展。".repeat(3);
        assert_eq!(similarity(&a, &a), 1.0);
        let b = "The football club signed a new striker from Brazil for a record transfer fee.";
        assert!(similarity(&a, b) < 0.2, "{}", similarity(&a, b));
        assert!(signature("，。！").is_none());
    }

    #[test]
    fn estimate_tracks_true_jaccard() {
        // Two texts sharing most of their words: the estimate lands near the exact value.
        let words: Vec<String> = (0..400).map(|i| format!("w{i:03}")).collect();
        let a = words[..360].join(" ");
        let b = words[40..].join(" ");
        let sa = signature(&a).unwrap();
        let sb = signature(&b).unwrap();
        let exact = {
            let (x, y) = (shingles(&normalise(&a)), shingles(&normalise(&b)));
            let common = x.iter().filter(|h| y.binary_search(h).is_ok()).count();
            common as f64 / (x.len() + y.len() - common) as f64
        };
        let est = estimate(&sa.check, &sb.check);
        assert!(
            (est - exact).abs() < 0.15,
            "estimate {est} vs exact {exact}"
        );
    }

    #[test]
    fn short_texts_still_get_one_shingle() {
        assert!(signature("央行").is_some());
    }
}
