//! Tests of the MinHash signatures, including how closely the estimate tracks exact Jaccard.

use std::collections::HashSet;

use super::*;
use crate::shingle::{for_each_normalised, SHINGLE_CHARS};

fn signature(text: &str) -> Option<Signature> {
    MinHasher::new(0.8).signature(text)
}

fn similarity(a: &str, b: &str) -> f64 {
    estimate(&signature(a).unwrap().check, &signature(b).unwrap().check)
}

/// Exact Jaccard similarity of the two texts' sets of 5-character shingles, as strings.
fn exact(a: &str, b: &str) -> f64 {
    let shingles = |text: &str| {
        let mut chars = Vec::new();
        for_each_normalised(text, |c| chars.push(c));
        chars
            .windows(SHINGLE_CHARS)
            .map(|w| w.iter().collect::<String>())
            .collect::<HashSet<_>>()
    };
    let (x, y) = (shingles(a), shingles(b));
    x.intersection(&y).count() as f64 / x.union(&y).count() as f64
}

/// A reproducible stream of pseudo-random numbers.
struct Draws(u64);

impl Draws {
    fn below(&mut self, n: usize) -> usize {
        self.0 += 1;
        (((mix(self.0) >> 32) * n as u64) >> 32) as usize
    }

    /// `len` random common ideographs, or `len` characters of random English-like words.
    fn text(&mut self, len: usize, chinese: bool) -> String {
        if chinese {
            (0..len)
                .map(|_| char::from_u32(0x4E00 + self.below(3000) as u32).unwrap_or('中'))
                .collect()
        } else {
            // Random letters, with a space one time in six.
            (0..len)
                .map(|_| match self.below(6) {
                    0 => ' ',
                    _ => char::from(b'a' + self.below(26) as u8),
                })
                .collect()
        }
    }
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
fn punctuation_and_layout_do_not_change_the_signature() {
    let a = "Rates rise, again: the central bank moved on Tuesday.\n\n央行，再次加息！";
    let b = "RATES  RISE — again; the central bank moved on Tuesday 央行 再次加息";
    assert_eq!(signature(a), signature(b));
}

#[test]
fn short_texts_are_densified_consistently() {
    // Fewer shingles than bins: most bins are copies, and still equal texts agree.
    for text in ["央", "央行", "央行降准", "央行宣布降准", "rates"] {
        let sig = signature(text).unwrap();
        assert_eq!(Some(sig), signature(&format!("{text}！")));
        assert_eq!(estimate(&sig.check, &sig.check), 1.0);
    }
    assert!(similarity("央行宣布降准", "球队主场获胜") < 0.5);
    // One shingle each fills one bin; the copies must still look unrelated.
    for (a, b) in [("央", "行"), ("降准", "降息"), ("rates", "rate")] {
        assert!(similarity(a, b) < 0.3, "{a} {b}: {}", similarity(a, b));
    }
}

#[test]
fn band_keys_follow_the_threshold() {
    let text = "国家统计局今天发布数据，四月份全国居民消费价格同比上涨。";
    let loose = MinHasher::new(0.5).signature(text).unwrap();
    let strict = MinHasher::new(0.9).signature(text).unwrap();
    assert_ne!(loose.bands, strict.bands);
}

/// The standard error of [`estimate`] at similarity `j`: a bit agrees with probability
/// `p = (1 + j) / 2`, the estimate is `2p - 1`, from 256 bits.
fn standard_error(j: f64) -> f64 {
    let p = (1.0 + j) / 2.0;
    2.0 * (p * (1.0 - p) / CHECK_BINS as f64).sqrt()
}

/// Synthetic pairs around each similarity level: a shared stretch with a different stretch
/// on each side, Chinese and English, 100 to 3,000 characters. The estimate must track the
/// exact value without bias, with the spread the documentation states (standard error 0.06
/// at J = 0.3 down to 0.02 at 0.95), and no pair beyond 4 standard errors.
#[test]
fn estimate_tracks_exact_jaccard() {
    let mut draws = Draws(42);
    for target in [0.3, 0.5, 0.8, 0.95] {
        let (mut errors, mut z_squares) = (Vec::new(), Vec::new());
        for i in 0..40 {
            let shared = 100 + draws.below(2900);
            let own = ((shared as f64 * (1.0 - target) / (2.0 * target)) as usize).max(1);
            let chinese = i % 2 == 0;
            let common = draws.text(shared, chinese);
            let a = format!("{}。{common}", draws.text(own, chinese));
            let b = format!("{common}。{}", draws.text(own, chinese));
            let j = exact(&a, &b);
            assert!(
                (j - target).abs() < 0.05,
                "pair {i}: exact {j}, not near {target}"
            );
            let error = similarity(&a, &b) - j;
            let z = error / standard_error(j);
            assert!(z.abs() < 4.0, "J={j:.3}: estimate off by {error:+.3}");
            errors.push(error);
            z_squares.push(z * z);
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let (bias, rms) = (mean(&errors), mean(&z_squares).sqrt());
        let rmse = (errors.iter().map(|e| e * e).sum::<f64>() / errors.len() as f64).sqrt();
        eprintln!("J≈{target}: bias {bias:+.3}, rms error {rmse:.3}, rms z {rms:.2}");
        assert!(bias.abs() < 0.03, "J≈{target}: bias {bias}");
        assert!(rmse < 0.1, "J≈{target}: rms error {rmse}");
        assert!(
            (0.6..1.45).contains(&rms),
            "J≈{target}: spread {rms} standard errors"
        );
    }
}
