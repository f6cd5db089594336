//! Input from elsewhere: records other corpus tools wrote (dolma's string `source`,
//! datatrove's `metadata` and `media`) through every record tool, and inputs that are not
//! JSON lines at all (a post, a page, a table, a JSON document, plain text) refused once with
//! what they look like.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

fn fx(name: &str) -> PathBuf {
    fixture("foreign").join(name)
}

/// Runs `tool` with `args` on `input`; asserts exit 0 and gives stdout.
fn ok(tool: &str, args: &[&str], input: &Path) -> Vec<u8> {
    let out = folio(tool).args(args).arg(input).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{tool} {args:?}: {stderr}");
    assert!(!stderr.contains("invalid"), "{tool} {args:?}: {stderr}");
    out.stdout
}

/// The JSON text of each of `line`'s members, as written, in order: `("source", "\"x\"")`.
fn members(line: &str) -> Vec<(String, String)> {
    let map: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
    map.into_iter()
        .map(|(key, value)| {
            let text = serde_json::to_string(&value).unwrap();
            assert!(line.contains(&format!("{}:{text}", Value::from(key.clone()))));
            (key, text)
        })
        .collect()
}

const FOREIGN: [&str; 2] = ["dolma.jsonl", "datatrove.jsonl"];

#[test]
fn folio_filter_writes_foreign_records_byte_for_byte() {
    for name in FOREIGN {
        let input = fs::read(fx(name)).unwrap();
        assert_eq!(ok("folio-filter", &[], &fx(name)), input, "{name}");
        let kept = ok(
            "folio-filter",
            &["--min-chars", "50", "--lang", "en"],
            &fx(name),
        );
        // No record has a top-level `lang` before folio-clean: --lang keeps none.
        assert!(kept.is_empty(), "{name}");
    }
}

#[test]
fn folio_clean_keeps_foreign_keys_in_place_and_order() {
    for name in FOREIGN {
        let input = fs::read_to_string(fx(name)).unwrap();
        let out = String::from_utf8(ok("folio-clean", &[], &fx(name))).unwrap();
        assert_eq!(out.lines().count(), input.lines().count());
        for (before, line) in input.lines().zip(out.lines()) {
            let before = members(before);
            let after = members(line);
            let known = ["id", "source", "text", "lang", "stages"];
            // folio's fields first, in folio's order, then every other key in its order,
            // each value's JSON text unchanged.
            let order: Vec<&str> = after.iter().map(|(k, _)| k.as_str()).collect();
            let foreign: Vec<&(String, String)> = before
                .iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .collect();
            let theirs: Vec<&str> = foreign.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(&order[order.len() - theirs.len()..], theirs, "{name}");
            for member in before.iter().filter(|(k, _)| k != "text") {
                assert!(after.contains(member), "{name}: {member:?} in {after:?}");
            }
            let source_at = order.iter().position(|k| *k == "source");
            if let Some(at) = source_at {
                assert_eq!(
                    order[..at],
                    ["id"],
                    "{name}: source goes where folio puts it"
                );
            }
            let record: Value = serde_json::from_str(line).unwrap();
            assert_eq!(record["lang"], "en", "{name}");
        }
    }
}

#[test]
fn foreign_records_go_through_every_filter_rule() {
    let dir = tempdir();
    let cleaned = dir.path().join("cleaned.jsonl");
    let mut all = Vec::new();
    for name in FOREIGN {
        all.extend(ok("folio-clean", &[], &fx(name)));
    }
    fs::write(&cleaned, &all).unwrap();
    let ids = |args: &[&str]| -> Vec<String> {
        lines(&ok("folio-filter", args, &cleaned))
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let every = ["dolma-0001", "dolma-0002"]
        .map(str::to_owned)
        .into_iter()
        .chain(
            lines(&fs::read(fx("datatrove.jsonl")).unwrap())
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned()),
        )
        .collect::<Vec<_>>();
    assert_eq!(ids(&["--lang", "en", "--min-chars", "100"]), every);
    assert_eq!(
        ids(&[
            "--quality",
            "--quality-min-chars",
            "50",
            "--unique-by",
            "text"
        ]),
        every
    );
    assert_eq!(ids(&["--near-duplicates"]), every);
    assert_eq!(ids(&["--where", "source == 'common-crawl'"]), every[..2]);
    assert_eq!(
        ids(&["--where", "source.collection == 'news-sample'"]),
        every[3..]
    );
    assert_eq!(
        ids(&["--where", "metadata.dump == 'CC-MAIN-2024-18'"]),
        every[2..3]
    );
    // A collection's name is not a host: a foreign source names no site.
    assert!(ids(&["--where", "exists(source.site)"]).is_empty());
    assert!(ids(&["--site", "common-crawl"]).is_empty());
}

#[test]
fn folio_render_takes_foreign_records_in_every_format() {
    let dir = tempdir();
    let template = dir.path().join("t.txt");
    fs::write(
        &template,
        "{{ record.id }} from {{ record.source }}: {{ body_text }}\n",
    )
    .unwrap();
    for name in FOREIGN {
        let cleaned = dir.path().join(name);
        fs::write(&cleaned, ok("folio-clean", &[], &fx(name))).unwrap();
        for input in [fx(name), cleaned] {
            for to in [
                "markdown", "html", "text", "json", "jsonl", "csv", "tsv", "atom", "report",
            ] {
                let out = String::from_utf8(ok("folio-render", &["--to", to], &input)).unwrap();
                let sentence = if name == "dolma.jsonl" {
                    "ferry"
                } else {
                    "council"
                };
                if to != "csv" && to != "tsv" && to != "report" {
                    assert!(out.contains(sentence), "{name} --to {to}: {out}");
                }
            }
            let csv = ok(
                "folio-render",
                &["--to", "csv", "--fields", "id,source,metadata.url"],
                &input,
            );
            let csv = String::from_utf8(csv).unwrap();
            if name == "dolma.jsonl" {
                assert!(
                    csv.contains("dolma-0001,common-crawl,https://harbour-news"),
                    "{csv}"
                );
            } else {
                assert!(
                    csv.contains(r#""{""collection"":""news-sample"",""shard"":7}""#),
                    "{csv}"
                );
            }
            let jsonl = ok("folio-render", &["--to", "jsonl"], &input);
            for (record, original) in lines(&jsonl)
                .iter()
                .zip(lines(&fs::read(fx(name)).unwrap()))
            {
                assert_eq!(record["source"], original["source"]);
                assert_eq!(record["metadata"], original["metadata"]);
            }
            let templated = ok(
                "folio-render",
                &["--template", template.to_str().unwrap()],
                &input,
            );
            let templated = String::from_utf8(templated).unwrap();
            if name == "dolma.jsonl" {
                assert!(
                    templated.starts_with("dolma-0001 from common-crawl: The ferry"),
                    "{templated}"
                );
            }
        }
    }
    // Named files: a foreign source names no site.
    let out_dir = dir.path().join("out");
    let args = [
        "--to",
        "markdown",
        "--out-dir",
        out_dir.to_str().unwrap(),
        "--name",
        "{site}/{id}",
    ];
    ok("folio-render", &args, &fx("dolma.jsonl"));
    assert!(out_dir.join("unknown/dolma-0001").is_file());
}

/// Each input that is not JSON lines, what it is said to look like, and its non-blank lines.
const NOT_JSON_LINES: [(&str, &str, usize); 7] = [
    ("post.md", "looks like a Markdown post with front matter, not JSON lines: run folio-parse first", 7),
    ("page.html", "looks like HTML, not JSON lines: run folio-parse first", 5),
    ("table.csv", "looks like CSV, not JSON lines: turn each row into a JSON object on a line of its own", 3),
    ("table.tsv", "looks like TSV, not JSON lines: turn each row into a JSON object on a line of its own", 3),
    ("document.json", "looks like JSON over several lines, not JSON lines: put one record on each line (`jq -c '.[]'` for an array, `jq -c .` for objects)", 6),
    ("notes.txt", "looks like plain text, not JSON lines: the input must be JSON lines, one object per line (folio-parse makes them from posts and pages)", 3),
    ("rendered", "looks like a Markdown post with front matter, not JSON lines: run folio-parse first", 0),
];

#[test]
fn an_input_that_is_not_json_lines_is_refused_once_with_a_hint() {
    let dir = tempdir();
    // folio-render's own Markdown, fed back.
    let rendered = dir.path().join("rendered");
    let markdown = ok(
        "folio-render",
        &["--to", "markdown"],
        &fx("datatrove.jsonl"),
    );
    fs::write(&rendered, &markdown).unwrap();
    let rendered_lines = markdown
        .split(|b| *b == b'\n')
        .filter(|l| !l.trim_ascii().is_empty())
        .count();
    for (name, why, count) in NOT_JSON_LINES {
        let (input, count) = match name {
            "rendered" => (rendered.clone(), rendered_lines),
            _ => (fx(name), count),
        };
        for tool in ["folio-clean", "folio-filter", "folio-render"] {
            let rejects = dir.path().join("rejects.jsonl");
            // The other inputs given are read on.
            let out = record_tool(tool)
                .arg("--rejects")
                .arg(&rejects)
                .arg(&input)
                .arg(fx("dolma.jsonl"))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{tool} {name}: {stderr}");
            let place = input.display();
            assert_eq!(
                stderr,
                format!("{tool}: {place}:1: {why}\n{tool}: {count} input(s) rejected\n"),
                "{tool} {name}"
            );
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(stdout.contains("dolma-0002"), "{tool} {name}: {stdout}");
            let entries = lines(&fs::read(&rejects).unwrap());
            assert_eq!(entries.len(), count, "{tool} {name}");
            let text = fs::read_to_string(&input).unwrap();
            let originals: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            for (entry, original) in entries.iter().zip(originals) {
                assert_eq!(entry["why"], why);
                assert_eq!(entry["line"], original);
                assert!(entry["where"]
                    .as_str()
                    .unwrap()
                    .starts_with(&place.to_string()));
            }
        }
    }
}

#[test]
fn folio_parse_from_jsonl_is_told_to_read_a_page_as_it_is() {
    let out = folio("folio-parse")
        .args(["--from", "jsonl"])
        .arg(fx("page.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "folio-parse: {}:1: looks like HTML, not JSON lines: read it without --from jsonl\n",
            fx("page.html").display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_json_lines_stream_with_a_bad_line_is_read_as_before() {
    for (name, bad_line, good) in [
        ("one-bad-line.jsonl", 2, ["ok-1", "ok-3"]),
        ("bad-first-line.jsonl", 1, ["ok-1", "ok-3"]),
    ] {
        for tool in ["folio-clean", "folio-filter", "folio-render"] {
            let dir = tempdir();
            let rejects = dir.path().join("rejects.jsonl");
            let out = record_tool(tool)
                .arg("--rejects")
                .arg(&rejects)
                .arg(fx(name))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{tool} {name}: {stderr}");
            let place = format!("{}:{bad_line}", fx(name).display());
            assert!(
                stderr.starts_with(&format!("{tool}: {place}: invalid JSON: ")),
                "{tool} {name}: {stderr}"
            );
            assert!(
                stderr.ends_with(&format!("{tool}: 1 input(s) rejected\n")),
                "{stderr}"
            );
            let ids: Vec<String> = lines(&out.stdout)
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned())
                .collect();
            assert_eq!(ids, good, "{tool} {name}");
            let entries = lines(&fs::read(&rejects).unwrap());
            assert_eq!(entries.len(), 1);
            assert_eq!(entries[0]["where"], place);
        }
    }
}

/// A record tool that writes records: folio-render writes them back as JSON lines.
fn record_tool(tool: &str) -> assert_cmd::Command {
    let mut cmd = folio(tool);
    if tool == "folio-render" {
        cmd.args(["--to", "jsonl"]);
    }
    cmd
}
