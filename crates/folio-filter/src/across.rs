//! Near-duplicate removal across shards, in two passes over the same shards.
//!
//! A corpus split over many processes or machines cannot keep one near-duplicate index. So
//! the first pass (`--emit-signatures`) writes, for each record it would keep, its id and its
//! MinHash signature (72 bytes, as hex) instead of the record; the signatures of every shard,
//! gathered into one file (some 190 bytes a record), are read by each shard's second pass
//! (`--near-duplicates-of FILE`), which drops a record that is a near duplicate of one with a
//! smaller id. Ordering by id rather than by input makes the choice the same whatever the
//! sharding: a run of one process over the records sorted by id keeps the same ones.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::lsh::{NearIndex, BANDS};
use crate::minhash::Signature;
use crate::{ConfigError, Reason};

/// The flag that reads signatures, as errors name it.
const FLAG: &str = "--near-duplicates-of";

/// One line of `--emit-signatures`.
#[derive(Serialize, Deserialize)]
struct SignatureLine {
    id: String,
    threshold: f64,
    minhash: String,
}

/// The line `--emit-signatures` writes for a record.
pub fn signature_line(id: &str, threshold: f64, signature: &Signature) -> Vec<u8> {
    let line = SignatureLine {
        id: id.to_owned(),
        threshold,
        minhash: to_hex(signature),
    };
    // A struct of a string, a float and a string always serialises.
    serde_json::to_vec(&line).unwrap_or_default()
}

/// The records of all shards found to be near duplicates of one with a smaller id.
#[derive(Debug, Default)]
pub struct AcrossShards {
    /// Dropped id → (the kept id it repeats, estimated similarity).
    dropped: HashMap<String, (String, f64)>,
}

impl AcrossShards {
    /// Reads the signature files (made with the same `threshold`) and settles which records
    /// go: in order of id, each one that is a near duplicate of an earlier kept one.
    pub fn load(paths: &[PathBuf], threshold: f64) -> Result<AcrossShards, ConfigError> {
        let mut signatures = Vec::new();
        for path in paths {
            read_signatures(path, threshold, &mut signatures)?;
        }
        signatures.sort_by(|a, b| a.0.cmp(&b.0));
        signatures.dedup_by(|a, b| a.0 == b.0);
        let mut index = NearIndex::new(threshold);
        let mut kept: Vec<String> = Vec::new();
        let mut dropped = HashMap::new();
        for (id, signature) in signatures {
            match index.find(&signature) {
                Some((first, j)) => {
                    dropped.insert(id, (kept[first as usize].clone(), j));
                }
                None => {
                    index.insert(kept.len() as u32, Some(&signature));
                    kept.push(id);
                }
            }
        }
        Ok(AcrossShards { dropped })
    }

    /// Why the record with this id goes, if it does.
    pub fn check(&self, id: Option<&str>) -> Option<Reason> {
        let (kept, j) = self.dropped.get(id?)?;
        Some(Reason::new(
            "near duplicate (across shards)".into(),
            format!("duplicate of {kept} (near, J={j:.2}, across shards)"),
        ))
    }

    /// How many records of all shards go.
    pub fn len(&self) -> usize {
        self.dropped.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dropped.is_empty()
    }
}

fn read_signatures(
    path: &PathBuf,
    threshold: f64,
    into: &mut Vec<(String, Signature)>,
) -> Result<(), ConfigError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|err| ConfigError::new(FLAG, format!("{name}: {err}")))?;
    let lines = folio_model::jsonl::Reader::new(BufReader::new(file), name.as_str())
        .max_line(folio_model::driver::DEFAULT_MAX_RECORD_BYTES);
    for line in lines {
        let line = line.map_err(|err| ConfigError::new(FLAG, format!("{name}: {err}")))?;
        let at = &line.location;
        let parsed: SignatureLine = serde_json::from_slice(&line.bytes).map_err(|err| {
            ConfigError::new(
                FLAG,
                format!("{at}: not a line of --emit-signatures: {err}"),
            )
        })?;
        if (parsed.threshold - threshold).abs() > 1e-9 {
            return Err(ConfigError::new(
                FLAG,
                format!(
                    "{at}: signatures made with --threshold {}, this run has {threshold}: \
                     both passes must use the same",
                    parsed.threshold
                ),
            ));
        }
        let signature = from_hex(&parsed.minhash).ok_or_else(|| {
            ConfigError::new(FLAG, format!("{at}: \"minhash\" is not a folio signature"))
        })?;
        into.push((parsed.id, signature));
    }
    Ok(())
}

/// Hex digits of a signature: band keys, then check words, little-endian.
const HEX_LEN: usize = (BANDS * 4 + 4 * 8) * 2;

fn to_hex(signature: &Signature) -> String {
    let mut bytes = Vec::with_capacity(HEX_LEN / 2);
    for band in signature.bands {
        bytes.extend(band.to_le_bytes());
    }
    for word in signature.check {
        bytes.extend(word.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &str) -> Option<Signature> {
    if text.len() != HEX_LEN || !text.is_ascii() {
        return None;
    }
    let bytes: Vec<u8> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect::<Option<_>>()?;
    let (bands, check) = bytes.split_at(BANDS * 4);
    let mut signature = Signature {
        bands: [0; BANDS],
        check: [0; 4],
    };
    for (band, chunk) in signature.bands.iter_mut().zip(bands.chunks_exact(4)) {
        *band = u32::from_le_bytes(chunk.try_into().ok()?);
    }
    for (word, chunk) in signature.check.iter_mut().zip(check.chunks_exact(8)) {
        *word = u64::from_le_bytes(chunk.try_into().ok()?);
    }
    Some(signature)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minhash::MinHasher;

    const TEXT: &str = "The harbour authority reported that container traffic rose for the \
        third month running, with exports of machinery leading the gain while imports of \
        grain fell back after a strong spring season at the southern terminals.";

    #[test]
    fn signatures_survive_the_round_trip_through_hex() {
        let signature = MinHasher::new(0.8).signature(TEXT).unwrap();
        assert_eq!(from_hex(&to_hex(&signature)), Some(signature));
        assert_eq!(from_hex("00"), None);
        assert_eq!(from_hex(&"zz".repeat(HEX_LEN / 2)), None);
    }

    #[test]
    fn the_smallest_id_of_near_duplicates_is_kept_whatever_the_file_order() {
        let hasher = MinHasher::new(0.8);
        let near = TEXT.replace("third", "fourth");
        let other = "A recipe for dumplings: flour, water, a little salt, minced pork and \
            chives, folded by hand and boiled until they float, then served with vinegar.";
        let lines = [("b", near.as_str()), ("c", other), ("a", TEXT)]
            .iter()
            .map(|(id, text)| {
                let line = signature_line(id, 0.8, &hasher.signature(text).unwrap());
                String::from_utf8(line).unwrap() + "\n"
            })
            .collect::<String>();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sigs.jsonl");
        std::fs::write(&path, lines).unwrap();
        let across = AcrossShards::load(std::slice::from_ref(&path), 0.8).unwrap();
        assert_eq!(across.len(), 1);
        assert!(across.check(Some("a")).is_none());
        assert!(across.check(Some("c")).is_none());
        let reason = across.check(Some("b")).unwrap();
        assert!(
            reason.text.starts_with("duplicate of a (near, J="),
            "{}",
            reason.text
        );
        let err = AcrossShards::load(&[path], 0.7).unwrap_err();
        assert!(err.to_string().contains("both passes"), "{err}");
    }
}
