//! folio-filter end to end: every predicate, --where and its error positions, exact and near
//! dedup on stories written for the purpose, the quality rules one by one, --rejects, --stats,
//! --limit, --sample, bad input, a closed stdout and thread-count independence.

use std::fs;
use std::path::PathBuf;

use serde_json::Value;

use crate::util::*;

fn fx(name: &str) -> PathBuf {
    fixture("folio-filter").join(name)
}

/// Runs folio-filter on `file` with `args`; asserts exit 0 and a quiet stderr; kept ids.
fn kept(file: &str, args: &[&str]) -> Vec<String> {
    let out = folio("folio-filter")
        .args(args)
        .arg(fx(file))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    assert_quiet_but_never_cleaned(&stderr, args);
    lines(&out.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// The `where` and `why` of each line of a rejects file, as `id: why`.
fn rejects(path: &std::path::Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    lines(text.as_bytes())
        .iter()
        .map(|r| {
            format!(
                "{}: {}",
                r["record"]["id"].as_str().unwrap_or("?"),
                r["why"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn each_predicate_alone() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["--category", "金融"],
            &["fin-001", "mkt-004", "brief-005"],
        ),
        (&["--tag", "芯片"], &["tech-002"]),
        (&["--author", "valley wire"], &["en-003"]),
        (&["--site", "sina.com.cn"], &["fin-001"]),
        (&["--site", "example-news.com"], &["mkt-004"]),
        (&["--lang", "en"], &["en-003", "mkt-004"]),
        (
            &["--since", "2022-05-01"],
            &["fin-001", "mkt-004", "html-006"],
        ),
        (
            &["--since", "2022-05-08T18:00:00+08:00"],
            &["fin-001", "mkt-004"],
        ),
        (&["--until", "2022-04-30"], &["tech-002", "en-003"]),
        (&["--title", "^Stocks"], &["mkt-004"]),
        (&["--text", "(?i)children"], &["en-003"]),
        (&["--text", "国产处理器"], &["html-006"]),
        (
            &["--min-chars", "100"],
            &["fin-001", "tech-002", "en-003", "mkt-004"],
        ),
        (&["--max-chars", "100"], &["brief-005", "html-006"]),
        (&["--has", "credits.editor"], &["fin-001", "tech-002"]),
        (
            &["--has", "meta.source"],
            &["fin-001", "tech-002", "en-003"],
        ),
    ];
    for (args, want) in cases {
        assert_eq!(kept("records.jsonl", args), *want, "{args:?}");
    }
    let words = fx("keywords.txt");
    let words = words.to_str().unwrap();
    assert_eq!(
        kept("records.jsonl", &["--keywords", words]),
        ["fin-001", "mkt-004"]
    );
}

#[test]
fn zones_move_date_bounds() {
    let args = ["--since", "2022-05-01", "--tz", "Asia/Shanghai"];
    assert_eq!(
        kept("records.jsonl", &args),
        ["fin-001", "en-003", "mkt-004", "html-006"]
    );
    let args = ["--until", "2022-04-30", "--tz", "+08:00"];
    assert_eq!(kept("records.jsonl", &args), ["tech-002"]);
}

#[test]
fn flags_and_together_repeats_or_and_invert_flips() {
    assert_eq!(
        kept(
            "records.jsonl",
            &["--category", "科技", "--category", "金融"]
        ),
        ["fin-001", "tech-002", "mkt-004", "brief-005", "html-006"]
    );
    assert_eq!(
        kept("records.jsonl", &["--category", "金融", "--lang", "en"]),
        ["mkt-004"]
    );
    assert_eq!(
        kept(
            "records.jsonl",
            &["--lang", "zh", "--since", "2022-05-01", "--has", "credits"]
        ),
        ["fin-001"]
    );
    assert_eq!(
        kept("records.jsonl", &["--invert", "--category", "金融"]),
        ["tech-002", "en-003", "html-006"]
    );
    assert_eq!(
        kept(
            "records.jsonl",
            &["--invert", "--lang", "zh", "--category", "科技"]
        ),
        ["fin-001", "en-003", "mkt-004", "brief-005"]
    );
}

#[test]
fn where_expressions() {
    let cases: &[(&str, &[&str])] = &[
        ("meta.source == '新浪财经'", &["fin-001"]),
        (
            "credits.editor contains '李静' or credits.reporter contains '周强'",
            &["tech-002"],
        ),
        (
            "source.site in ['tech.163.com', 'www.valleyherald.example']",
            &["tech-002", "en-003"],
        ),
        (
            "date >= \"2022-05-01\" and lang == 'zh'",
            &["fin-001", "html-006"],
        ),
        (
            "date < '2022-05-01T08:00:00+08:00'",
            &["tech-002", "en-003"],
        ),
        ("title matches '(?i)library|芯片'", &["tech-002", "en-003"]),
        ("len(tags) >= 2 and not exists(meta)", &["mkt-004"]),
        ("meta.views > 1000", &["fin-001"]),
        ("rank == 3", &["mkt-004"]),
        (
            "not (categories contains '金融' or categories contains '科技')",
            &["en-003"],
        ),
        ("exists(html)", &["html-006"]),
    ];
    for (expr, want) in cases {
        assert_eq!(kept("records.jsonl", &["--where", expr]), *want, "{expr}");
    }
    let zoned = ["--where", "date >= '2022-05-01'", "--tz", "Asia/Shanghai"];
    assert_eq!(
        kept("records.jsonl", &zoned),
        ["fin-001", "en-003", "mkt-004", "html-006"]
    );
}

#[test]
fn where_mistakes_exit_2_with_the_column() {
    let cases = [
        ("date >=", "at column 8: expected a field, a value or a list, found the end of the expression\n  date >=\n         ^"),
        ("lang = 'zh'", "at column 6: unknown operator \"= \" (use == != < <= > >=)\n  lang = 'zh'\n       ^"),
        ("len(tags) > 1 and size(x)", "at column 19: unknown function `size` (there are len and exists)\n  len(tags) > 1 and size(x)\n                    ^"),
        ("title matches '(' ", "at column 15: invalid regex: error: unclosed group\n  title matches '(' \n                ^"),
        ("(lang == 'zh'", "at column 14: expected `)` to close `(`, found the end of the expression\n  (lang == 'zh'\n               ^"),
        ("标题 == '金融' 或", "at column 12: expected `and`, `or` or the end, found `或`\n  标题 == '金融' 或\n                 ^"),
    ];
    for (expr, want) in cases {
        let out = folio("folio-filter")
            .args(["--where", expr])
            .arg(fx("records.jsonl"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{expr}");
        assert!(out.stdout.is_empty());
        assert_same_text(
            &format!("folio-filter: --where: {want}\n"),
            &String::from_utf8_lossy(&out.stderr),
            expr,
        );
    }
}

#[test]
fn other_usage_errors_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--since", "tomorrow"],
            "folio-filter: --since: \"tomorrow\" is not a date",
        ),
        (
            &["--tz", "Mars/Base"],
            "folio-filter: --tz: unknown time zone",
        ),
        (
            &["--title", "("],
            "folio-filter: --title: regex parse error",
        ),
        (
            &["--keywords", "/no/such/file"],
            "folio-filter: --keywords /no/such/file: ",
        ),
        (
            &["--threshold", "1.5", "--near-duplicates"],
            "folio-filter: --threshold: must be between 0 and 1",
        ),
        (
            &["--sample", "2"],
            "folio-filter: --sample: 2 is not a rate",
        ),
        (
            &["--unique-by", "colour"],
            "folio-filter: --unique-by: invalid value 'colour' (expected id, url, title or text)",
        ),
    ];
    for (args, want) in cases {
        let out = folio("folio-filter")
            .args(*args)
            .arg(fx("records.jsonl"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(want), "{args:?}: {stderr}");
    }
}

#[test]
fn exact_dedup_folds_case_and_space_and_names_the_first() {
    let dir = tempdir();
    let rej = dir.path().join("rejects.jsonl");
    let out = folio("folio-filter")
        .args(["--unique-by", "title", "--unique-by", "url", "--rejects"])
        .arg(&rej)
        .arg(fx("dups.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out.stdout).len(), 5);
    assert_eq!(
        rejects(&rej),
        [
            "library-courier: duplicate of library-wire (same title)",
            "metro-sina: duplicate of metro-sina (same url)",
        ]
    );
}

#[test]
fn near_duplicates_find_syndicated_copies_and_keep_different_stories() {
    let dir = tempdir();
    let rej = dir.path().join("rejects.jsonl");
    let out = folio("folio-filter")
        .args(["--near-duplicates", "--rejects"])
        .arg(&rej)
        .arg(fx("dups.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let ids: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    // The same metro and library stories from a second site go; the other metro line and the
    // other library story, on the same topics, stay.
    assert_eq!(
        ids,
        [
            "metro-sina",
            "metro-other-line",
            "library-wire",
            "library-board",
            "metro-sina"
        ]
    );
    let reasons = rejects(&rej);
    assert_eq!(reasons.len(), 2);
    assert!(
        reasons[0].starts_with("metro-163: duplicate of metro-sina (near, J=0.9"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with("library-courier: duplicate of library-wire (near, J=0.9"),
        "{reasons:?}"
    );
    let strict = kept("dups.jsonl", &["--near-duplicates", "--threshold", "0.99"]);
    assert_eq!(
        strict.len(),
        7,
        "copies with different boilerplate are not 99% alike"
    );
}

#[test]
fn quality_rules_one_by_one() {
    let dir = tempdir();
    let rej = dir.path().join("rejects.jsonl");
    let out = folio("folio-filter")
        .args(["--quality", "--rejects"])
        .arg(&rej)
        .arg(fx("quality.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let ids: Vec<Value> = lines(&out.stdout).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["q-good", "q-en-good"]);
    assert_golden(
        &fx("quality/rejects.txt"),
        &(rejects(&rej).join("\n") + "\n"),
    );
    let relaxed = kept("quality.jsonl", &["--quality", "--quality-min-chars", "5"]);
    assert!(relaxed.contains(&"q-short".to_owned()), "{relaxed:?}");
}

#[test]
fn rejects_and_stats_account_for_every_record() {
    let dir = tempdir();
    let rej = dir.path().join("rejects.jsonl");
    let out = folio("folio-filter")
        .args([
            "--quality",
            "--near-duplicates",
            "--unique-by",
            "url",
            "--lang",
            "zh",
            "--stats",
            "--rejects",
        ])
        .arg(&rej)
        .arg(fx("dups.jsonl"))
        .arg(fx("quality.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let kept = lines(&out.stdout).len();
    let dropped = lines(&fs::read(&rej).unwrap());
    assert_eq!(kept + dropped.len(), 16);
    for entry in &dropped {
        assert_eq!(entry["tool"], "folio-filter");
        assert!(
            entry["record"]["id"].is_string()
                && entry["why"].is_string()
                && entry["where"].is_string()
        );
    }
    let stderr = String::from_utf8(out.stderr).unwrap();
    let stats: String = stderr
        .lines()
        .filter(|l| !l.contains("dedup memory"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_golden(&fx("stats/stderr.txt"), &stats);
    assert!(stderr.contains("folio-filter: dedup memory: "), "{stderr}");
}

#[test]
fn kept_records_are_the_input_bytes() {
    // Key order, spacing and escapes a re-serialisation would change.
    let line = "{\"title\" : \"\\u592e\\u884c\", \"zeta\":1.50, \"id\":\"odd-1\",  \"categories\":[\"金融\"]}\n";
    let input = format!("{line}{}", line.replace("odd-1", "odd-2").trim_end());
    let out = folio("folio-filter")
        .args(["--category", "金融"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{input}\n"));
}

#[test]
fn limit_and_sample_drop_with_reasons() {
    let dir = tempdir();
    let rej = dir.path().join("rejects.jsonl");
    let out = folio("folio-filter")
        .args(["--limit", "2", "--rejects"])
        .arg(&rej)
        .arg(fx("records.jsonl"))
        .output()
        .unwrap();
    assert_eq!(lines(&out.stdout).len(), 2);
    assert_eq!(rejects(&rej)[0], "en-003: limit: 2 records already written");
    assert_eq!(rejects(&rej).len(), 4);

    let input = synthetic(400);
    let sample = |seed: &str, threads: &str| {
        let args = ["--sample", "0.25", "--seed", seed, "--threads", threads];
        folio("folio-filter")
            .args(args)
            .write_stdin(input.clone())
            .output()
            .unwrap()
            .stdout
    };
    let first = lines(&sample("7", "1")).len();
    assert!((60..140).contains(&first), "about a quarter: {first}");
    assert_eq!(sample("7", "1"), sample("7", "4"));
    assert_ne!(sample("7", "1"), sample("8", "1"));
    let all = folio("folio-filter")
        .args(["--sample", "1"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(lines(&all.stdout).len(), 400);
}

#[test]
fn bad_lines_are_rejected_and_the_run_goes_on() {
    let dir = tempdir();
    let rej = dir.path().join("rejects.jsonl");
    let out = folio("folio-filter")
        .args(["--lang", "zh", "--rejects"])
        .arg(&rej)
        .arg(fx("bad.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out.stdout).len(), 1);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad.jsonl:2: invalid JSON"), "{stderr}");
    assert!(
        stderr.contains("bad.jsonl:3: invalid record: \"tags\""),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("folio-filter: 2 input(s) rejected\n"),
        "{stderr}"
    );
    let entries = lines(&fs::read(&rej).unwrap());
    assert_eq!(entries.len(), 3, "two bad lines and one dropped record");
    assert_eq!(
        entries[0]["line"].as_str().map(str::trim_end),
        Some("{\"id\":\"broken\", \"title\":")
    );
    assert_eq!(entries[2]["why"], "lang: not in [zh]");
    let strict = folio("folio-filter")
        .arg("--strict")
        .arg(fx("bad.jsonl"))
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(lines(&strict.stdout).len(), 1);
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = tempdir();
    let file = dir.path().join("many.jsonl");
    fs::write(&file, synthetic(3000)).unwrap();
    let (status, stderr) = run_into_head(
        "folio-filter",
        &["--near-duplicates", file.to_str().unwrap()],
        None,
    );
    assert_eq!(status, 0);
    assert_eq!(stderr, "");
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let dir = tempdir();
    let file = dir.path().join("many.jsonl");
    fs::write(&file, synthetic(1500)).unwrap();
    let run = |threads: &str| {
        let rej = dir.path().join(format!("rejects-{threads}.jsonl"));
        let out = folio("folio-filter")
            .args([
                "--near-duplicates",
                "--quality",
                "--unique-by",
                "title",
                "--sample",
                "0.9",
                "--limit",
                "1000",
                "--stats",
            ])
            .args(["--threads", threads, "--rejects"])
            .arg(&rej)
            .arg(&file)
            .arg(fx("dups.jsonl"))
            .output()
            .unwrap();
        (out.stdout, out.stderr, fs::read(rej).unwrap())
    };
    let one = run("1");
    assert!(!one.0.is_empty() && !one.2.is_empty());
    assert_eq!(one, run("4"));
}

/// `n` records of varied synthetic text; every tenth repeats an earlier story with a new
/// first line, so near-dedup has work to do.
fn synthetic(n: usize) -> String {
    let words = [
        "市场", "银行", "企业", "政策", "地铁", "学校", "医院", "工厂", "农村", "科技", "能源",
        "交通",
    ];
    let story = |k: usize| -> String {
        (0..120)
            .map(|i| words[(k * 7 + i * (k % 5 + 1) + i * i) % words.len()])
            .collect::<Vec<_>>()
            .join("")
            + &format!("第{k}号报道。")
    };
    (0..n)
        .map(|i| {
            let body = if i % 10 == 9 { format!("转载自他处\n{}", story(i - 5)) } else { story(i) };
            let rec = serde_json::json!({"id": format!("s{i:05}"), "title": format!("报道 {}", i % 700), "text": body});
            format!("{rec}\n")
        })
        .collect()
}

#[test]
fn length_is_the_cleaned_text_and_records_never_cleaned_are_named_once() {
    let long_html = format!("<p>{}</p>", "Plenty of words in the page. ".repeat(20));
    let input: String = [
        serde_json::json!({"id": "empty", "html": long_html, "title": "A long title", "text": ""}),
        serde_json::json!({"id": "raw-1", "html": long_html}),
        serde_json::json!({"id": "raw-2", "html": long_html}),
    ]
    .iter()
    .map(|r| format!("{r}\n"))
    .collect();
    let out = folio("folio-filter")
        .args(["--min-chars", "1"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    let kept: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        kept,
        ["raw-1", "raw-2"],
        "a cleaned record with no text has length 0"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("warning: record never cleaned").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("<stdin>:2 (id raw-1): warning"), "{stderr}");
    // No rule reads the text: nothing to say.
    folio("folio-filter")
        .args(["--has", "html"])
        .write_stdin(input)
        .assert()
        .success()
        .stderr("");
}

/// Two records never cleaned: the same article, one with a long share bar and a related list
/// beside it that folio-clean's built-in rules remove.
const NEVER_CLEANED: &str = concat!(
    r#"{"id":"a","html":"<p>The night market on the pier opens again in May.</p>"}"#,
    "\n",
    r#"{"id":"b","html":"<p>The night market on the pier opens again in May.</p><div class=\"share\">Share on every network you can name, then share again, and once more for luck</div><ul class=\"related\"><li>Ten other markets worth a visit this spring</li></ul>"}"#,
    "\n",
);

#[test]
fn a_record_never_cleaned_is_judged_by_the_text_folio_clean_gives_it() {
    let ids = |stdout: &[u8]| -> Vec<String> {
        lines(stdout)
            .iter()
            .map(|record| record["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // The boilerplate is not article text: both are short, and they are one text.
    let out = folio("folio-filter")
        .args(["--max-chars", "60"])
        .write_stdin(NEVER_CLEANED)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "record never cleaned (no \"text\" or \"blocks\"): judged by the text folio-clean's",
        ))
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), ["a", "b"]);
    let out = folio("folio-filter")
        .args(["--unique-by", "text", "--quiet"])
        .write_stdin(NEVER_CLEANED)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), ["a"]);
    assert!(
        !String::from_utf8_lossy(&out).contains("\"text\""),
        "kept as read"
    );
    // A rule that does not read the text leaves a record never cleaned as it is, unread.
    let out = folio("folio-filter")
        .args(["--where", "id == 'b'"])
        .write_stdin(NEVER_CLEANED)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), ["b"]);
}
