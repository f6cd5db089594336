//! folio-filter: keeps or drops records, and never changes a kept one.
//!
//! It sits between folio-clean and folio-render. Per-record work — the flags' predicates
//! (`predicates`), `--where` expressions ([`Where`]), quality rules (`quality`), dedup keys and
//! MinHash signatures (`shingle`, `minhash`) — runs in parallel in [`Filter::judge`]; the
//! operations on the sequence of records — exact and near-duplicate removal (`dedup`, `lsh`,
//! and `across` for shards), `--sample` and `--limit` (`sequence`) — run in input order in the
//! [`Selector`], so the output is the same for any number of threads. The modules are private:
//! a program uses folio-filter through [`Options`], [`Filter`] and [`Selector`].
//! Every dropped record goes to `--rejects` with a [`Reason`]; [`Stats`] counts them.

mod across;
mod dedup;
mod expr;
mod filter;
mod lsh;
mod minhash;
mod predicates;
mod quality;
mod sequence;
mod shingle;
mod text;

pub use dedup::UniqueBy;
pub use expr::Where;
pub use filter::{Filter, Judged, Options};
pub use sequence::{Selector, Stats};

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
