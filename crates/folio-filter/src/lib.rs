//! folio-filter: keeps or drops records, and never changes a kept one.
//!
//! It sits between folio-clean and folio-render. Per-record work — predicates ([`select`]),
//! `--where` expressions ([`expr`]), quality rules ([`quality`]), dedup keys and MinHash
//! signatures ([`shingle`], [`minhash`]) — runs in parallel in [`Filter::judge`]; what depends
//! on input order — exact and near-duplicate removal ([`dedup`], [`lsh`]), `--sample` and
//! `--limit` — runs in the sequential [`Selector`], so the output is the same for any number
//! of threads.
//! Every dropped record goes to `--rejects` with a [`Reason`]; [`Stats`] counts them.

pub mod across;
pub mod dedup;
pub mod expr;
mod filter;
pub mod lsh;
pub mod minhash;
pub mod quality;
pub mod select;
mod selector;
pub mod shingle;
pub mod text;

pub use dedup::UniqueBy;
pub use filter::{Filter, Judged, Options};
pub use selector::{Selector, Stats};

/// Why a record was dropped: `rule` groups drops for `--stats`; `text` is the stable reason
/// written to `--rejects` (`category: not in [金融]`, `duplicate of a1 (near, J=0.91)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub rule: String,
    pub text: String,
}

impl Reason {
    pub fn new(rule: String, text: String) -> Self {
        Reason { rule, text }
    }
}

/// A configuration mistake, named after its flag: `--since: "tomorrow" is not a date`.
#[derive(Debug, thiserror::Error)]
#[error("{flag}: {why}")]
pub struct ConfigError {
    pub flag: String,
    pub why: String,
}

impl ConfigError {
    pub fn new(flag: &str, why: impl Into<String>) -> Self {
        ConfigError {
            flag: flag.to_owned(),
            why: why.into(),
        }
    }
}
