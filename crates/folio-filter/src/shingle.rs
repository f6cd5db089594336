//! Character 5-grams (shingles) of the normalised text, hashed as they stream by: no string,
//! no vector of characters and no allocation per text or per shingle.
//!
//! The last five normalised characters are packed 21 bits each into a `u128` window (exact,
//! so two different shingles never share a window), and the window is hashed to 64 bits with
//! two folded multiplications. The same text thus gives the same hashes on every run, machine
//! and thread.

use crate::text::fold_width;

pub const SHINGLE_CHARS: usize = 5;
const CHAR_BITS: u32 = 21;
const WINDOW_MASK: u128 = (1 << (CHAR_BITS * SHINGLE_CHARS as u32)) - 1;
const SECRETS: [u64; 4] = [
    0xA076_1D64_78BD_642F,
    0xE703_7ED1_A0B4_28DB,
    0x8EBC_6AF0_9C88_C6E3,
    0x5899_65CC_7537_4CC3,
];

/// The 128-bit product of `a` and `b`, its halves xor-ed: a cheap, well-mixing step.
fn fold_mul(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

fn hash_window(window: u128) -> u64 {
    let low = window as u64 ^ SECRETS[0];
    let high = (window >> 64) as u64 ^ SECRETS[1];
    fold_mul(fold_mul(low, high) ^ SECRETS[2], SECRETS[3])
}

/// Calls `emit` with each normalised character of `text`: letters and digits, lower-cased
/// and width-folded, with one space for any run of other characters between them. Punctuation
/// and layout differences between copies of a story thus do not count.
pub fn for_each_normalised(text: &str, mut emit: impl FnMut(char)) {
    let mut gap = false;
    let mut started = false;
    let mut push = |c: char, gap: &mut bool| {
        if *gap && started {
            emit(' ');
        }
        *gap = false;
        started = true;
        emit(c);
    };
    for c in text.chars().map(fold_width) {
        // Fast paths for ASCII, the common CJK ideographs (letters without case) and the
        // common punctuation of Chinese text; Unicode tables for the rest.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                push(c.to_ascii_lowercase(), &mut gap);
            } else {
                gap = true;
            }
        } else if is_common_ideograph(c) {
            push(c, &mut gap);
        } else if is_common_punctuation(c) || !c.is_alphanumeric() {
            gap = true;
        } else {
            c.to_lowercase().for_each(|lower| push(lower, &mut gap));
        }
    }
}

/// CJK Unified Ideographs: letters, without case.
fn is_common_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// General punctuation (quotes, dashes, ellipsis) and CJK punctuation (、。「」【】《》):
/// neither letters nor digits.
fn is_common_punctuation(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}')
}

/// Calls `emit` with the hash of every shingle of `text` (repeats included), or of the whole
/// normalised text when it is shorter than a shingle. Returns whether it had any character.
pub fn for_each_shingle(text: &str, mut emit: impl FnMut(u64)) -> bool {
    let mut window: u128 = 0;
    let mut count = 0usize;
    for_each_normalised(text, |c| {
        window = ((window << CHAR_BITS) | u128::from(u32::from(c))) & WINDOW_MASK;
        count += 1;
        if count >= SHINGLE_CHARS {
            emit(hash_window(window));
        }
    });
    if (1..SHINGLE_CHARS).contains(&count) {
        emit(hash_window(window));
    }
    count > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn normalised(text: &str) -> String {
        let mut out = String::new();
        for_each_normalised(text, |c| out.push(c));
        out
    }

    fn hashes(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_shingle(text, |h| out.push(h));
        out
    }

    #[test]
    fn normalising_drops_punctuation_case_and_width() {
        assert_eq!(
            normalised("  Ｂank, RATES—rise！ 央行，降准ÀÉ "),
            "bank rates rise 央行 降准àé"
        );
        assert_eq!(normalised("，。！"), "");
    }

    #[test]
    fn fast_paths_agree_with_the_unicode_tables() {
        for c in ('\u{2000}'..='\u{3100}').chain('\u{4E00}'..='\u{9FFF}') {
            if is_common_ideograph(c) {
                assert!(c.is_alphanumeric() && c.to_lowercase().eq([c]), "{c:?}");
            }
            if is_common_punctuation(c) {
                assert!(!c.is_alphanumeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn one_hash_per_shingle_and_equal_shingles_hash_equal() {
        // "abcabcab" has shingles abcab bcabc cabca abcab: four, three distinct.
        let h = hashes("abc-abc ab");
        assert_eq!(h.len(), 6, "abc abc ab is 10 characters");
        assert_eq!(hashes("abcabcab").len(), 4);
        let distinct: HashSet<u64> = hashes("abcabcab").into_iter().collect();
        assert_eq!(distinct.len(), 3);
        assert_eq!(hashes("Hello, World"), hashes("hello world"));
    }

    #[test]
    fn short_texts_get_one_shingle_and_empty_ones_none() {
        assert_eq!(hashes("央行").len(), 1);
        assert_ne!(hashes("央行"), hashes("央"));
        assert!(!for_each_shingle("，。！", |_| panic!("no shingle")));
    }

    #[test]
    fn hashes_spread_over_all_bits() {
        // Windows that differ in one character differ in about half of their hash bits.
        let mut flips = 0;
        let mut distinct = HashSet::new();
        for (i, c) in ('一'..='龥').step_by(7).take(2000).enumerate() {
            let window = (u128::from(u32::from(c)) << 84) | i as u128;
            let (a, b) = (hash_window(window), hash_window(window ^ 1));
            flips += (a ^ b).count_ones();
            distinct.insert(a);
        }
        let mean = f64::from(flips) / 2000.0;
        assert!((30.0..34.0).contains(&mean), "{mean}");
        assert_eq!(distinct.len(), 2000);
    }
}
