//! Nothing lost: records out plus rejects equal records in, over random mixes.

use std::fs;

use serde_json::json;

use super::*;
use crate::util::*;

/// A small deterministic generator (xorshift), so that a failing mix can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One random input line: good (`true`) or bad, never blank.
fn random_line(rng: &mut Rng, i: usize) -> (Vec<u8>, bool) {
    let good = |rng: &mut Rng| {
        let words = [
            "Rates",
            "rose",
            "again",
            "銀行",
            "利率",
            "today",
            "<b>bold</b>",
        ];
        let text: Vec<&str> = (0..1 + rng.below(40))
            .map(|_| words[rng.below(words.len())])
            .collect();
        json!({"id": format!("r{i}"), "title": format!("Record {i}"),
               "html": format!("<p>{}</p>", text.join(" ")), "url": format!("https://example.com/{i}")})
    };
    match rng.below(10) {
        0..=4 => (serde_json::to_vec(&good(rng)).unwrap(), true),
        5 => (b"{not json".to_vec(), false),
        6 => (br#"{"title": 42}"#.to_vec(), false),
        7 => (b"{\"title\":\"\xff\xfe\"}".to_vec(), false),
        8 => (
            format!("{}1{}", "[".repeat(500), "]".repeat(500)).into_bytes(),
            false,
        ),
        _ => {
            // Over the run's --max-record-bytes.
            let mut long = good(rng);
            long["summary"] = json!("y".repeat(3_000));
            (serde_json::to_vec(&long).unwrap(), false)
        }
    }
}

#[test]
fn records_out_plus_rejects_equal_records_in_for_every_tool() {
    let mut rng = Rng(0x5eed_f011_0016);
    for round in 0..6 {
        let dir = tempdir();
        let n = 20 + rng.below(80);
        let mut input = Vec::new();
        for i in 0..n {
            let (line, _) = random_line(&mut rng, i);
            input.extend(line);
            input.push(b'\n');
            if rng.below(5) == 0 {
                input.extend(b"\n  \n");
            }
        }
        let input_path = dir.path().join("in.jsonl");
        fs::write(&input_path, &input).unwrap();
        for tool in TOOLS {
            let rejects = dir.path().join(format!("{tool}.rejects"));
            let out_dir = dir.path().join(format!("{tool}.out"));
            let mut cmd = folio(tool);
            cmd.arg("--max-record-bytes")
                .arg("2K")
                .arg("--rejects")
                .arg(&rejects);
            match tool {
                "folio-parse" => cmd.args(["--from", "jsonl"]),
                "folio-filter" => cmd.args(["--where", "len(html) > 40 and title"]),
                "folio-render" => cmd.args(["--to", "markdown", "--out-dir"]).arg(&out_dir),
                _ => &mut cmd,
            };
            let out = cmd.arg(&input_path).timeout(TIMEOUT).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(matches!(out.status.code(), Some(0 | 1)), "{tool}: {stderr}");
            let written = if tool == "folio-render" {
                fs::read_dir(&out_dir).map_or(0, |d| d.count())
            } else {
                lines(&out.stdout).len()
            };
            let rejected = fs::read_to_string(&rejects).unwrap().lines().count();
            assert_eq!(
                written + rejected,
                n,
                "{tool}, round {round}: {written} written + {rejected} rejected of {n} lines"
            );
        }
    }
}
