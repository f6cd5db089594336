//! folio-parse end to end: fixtures in every front-matter form, the bundled examples, the
//! shared corpus when present, and every kind of bad input.

use std::fs;
use std::path::Path;

use chrono::{DateTime, NaiveDateTime};
use serde_json::Value;

use crate::util::*;

fn parse_ok(args: &[&str]) -> Vec<Value> {
    let out = folio("folio-parse")
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lines(&out.stdout)
}

#[test]
fn fixtures_match_golden_output() {
    let out = folio("folio-parse")
        .current_dir(root())
        .args(["tests/fixtures/folio-parse/good", "--threads", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_golden(
        &fixture("folio-parse/good.jsonl"),
        &String::from_utf8(out.stdout).unwrap(),
    );
    assert_golden(
        &fixture("folio-parse/good.stderr"),
        &String::from_utf8(out.stderr).unwrap(),
    );
}

#[test]
fn fields_from_every_front_matter_form() {
    let records = parse_ok(&["tests/fixtures/folio-parse/good"]);
    let by_title = |t: &str| {
        records
            .iter()
            .find(|r| r["title"] == t)
            .unwrap_or_else(|| panic!("{t}"))
    };
    let yaml = by_title("港口吞吐量稳步回升");
    assert_eq!(yaml["date"], "2022-05-10T02:15:00Z");
    assert_eq!(yaml["source"]["site"], "news.example.cn");
    assert_eq!(
        yaml["meta"]["weird_key"],
        serde_json::json!({"nested": [1, "two", {"three": 3}]})
    );
    let toml = by_title("TOML front matter");
    assert_eq!(toml["source"]["format"], "markdown");
    assert_eq!(toml["source"]["front_matter"], "toml");
    assert_eq!(toml["date"], "2022-06-01T09:30:00+08:00");
    assert!(toml["html"]
        .as_str()
        .unwrap()
        .contains("<strong>Markdown</strong>"));
    let json = by_title("JSON front matter");
    assert_eq!(json["date"], "2022-06-01T00:00:00Z");
    assert_eq!(json["categories"], serde_json::json!(["Markets"]));
    assert_eq!(
        by_title("It's a Chinese date")["image"],
        "https://img.example.cn/c.png"
    );
    let no_date = by_title("No date here");
    assert!(no_date.get("date").is_none());
    assert_eq!(no_date["date_raw"], "Invalid Date");
}

#[test]
fn tz_applies_to_times_without_a_zone() {
    let records = parse_ok(&[
        "tests/fixtures/folio-parse/good/nested/04-chinese-date.md",
        "--tz",
        "Asia/Shanghai",
    ]);
    assert_eq!(records[0]["date"], "2022-05-08T18:46:00+08:00");
    let records = parse_ok(&[
        "tests/fixtures/folio-parse/good/nested/04-chinese-date.md",
        "--tz",
        "-05:00",
    ]);
    assert_eq!(records[0]["date"], "2022-05-08T18:46:00-05:00");
    folio("folio-parse")
        .args(["x", "--tz", "Mars/Base"])
        .assert()
        .code(2);
}

#[test]
fn ids_are_stable_across_ways_of_naming_the_folder() {
    let a = parse_ok(&["tests/fixtures/folio-parse/good"]);
    let b = parse_ok(&["./tests/fixtures/folio-parse/good/"]);
    let ids = |rs: &[Value]| rs.iter().map(|r| r["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    let dir = tempdir();
    copy_dir(&fixture("folio-parse/good"), dir.path());
    let c = parse_ok(&[dir.path().to_str().unwrap()]);
    assert_eq!(ids(&a), ids(&c));
}

#[test]
fn stdin_globs_and_files_from() {
    let post = fs::read(fixture("folio-parse/good/01-yaml.md")).unwrap();
    let out = folio("folio-parse")
        .arg("-")
        .write_stdin(post)
        .output()
        .unwrap();
    let rec = &lines(&out.stdout)[0];
    assert_eq!(rec["title"], "港口吞吐量稳步回升");
    assert!(rec["source"].get("path").is_none());

    let globbed = parse_ok(&["tests/fixtures/folio-parse/good/0*.md"]);
    assert_eq!(globbed.len(), 4);

    let list =
        "tests/fixtures/folio-parse/good/03-json.md\n\ntests/fixtures/folio-parse/good/nested\n";
    let out = folio("folio-parse")
        .current_dir(root())
        .args(["--files-from", "-"])
        .write_stdin(list)
        .output()
        .unwrap();
    assert!(out.status.success());
    let titles: Vec<Value> = lines(&out.stdout)
        .iter()
        .map(|r| r["title"].clone())
        .collect();
    assert_eq!(
        titles,
        ["JSON front matter", "It's a Chinese date", "No date here"]
    );
}

#[test]
fn hidden_and_binary_files_are_skipped_with_a_notice() {
    let dir = tempdir();
    fs::write(dir.path().join(".draft.md"), "---\ntitle: hidden\n---\n").unwrap();
    fs::write(dir.path().join("photo.jpg"), b"\xff\xd8\xff\xe0\0\0JFIF\0").unwrap();
    fs::write(dir.path().join("ok.md"), "---\ntitle: shown\n---\n<p>x</p>").unwrap();
    let out = folio("folio-parse").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out.stdout).len(), 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(".draft.md: warning: hidden, skipped"), "{err}");
    assert!(
        err.contains("photo.jpg: warning: binary file, skipped"),
        "{err}"
    );
}

#[test]
fn a_page_with_a_stray_nul_byte_is_read_not_skipped_as_binary() {
    let dir = tempdir();
    let page = "<!DOCTYPE html><html><head><title>Harbour hours</title></head><body><article>\
                <p>The harbour office opens an hour earlier from Monday, and the ferry desk \
                keeps its hours.\0</p></article></body></html>";
    fs::write(dir.path().join("page.html"), page).unwrap();
    let out = folio("folio")
        .args(["run", "--clean"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let text = records[0]["text"].as_str().unwrap();
    assert!(text.starts_with("The harbour office opens"), "{text}");
    assert!(!text.contains('\0'), "{text:?}");
}

/// Every kind of bad post: reported as `folio-parse: PATH:LINE: why`, written to --rejects,
/// and the run goes on to the good post (exit 1).
#[test]
fn bad_posts_are_reported_and_the_run_goes_on() {
    let dir = tempdir();
    let d = dir.path();
    let bomb = {
        let mut y = String::from("---\na: &a [x,x,x,x,x,x,x,x,x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            y.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(",")
            ));
        }
        y + "---\n<p>boom</p>"
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "a-unterminated.md",
            b"\n---\ntitle: x\n<p>never closed</p>\n".to_vec(),
            ":2: unterminated yaml front matter",
        ),
        (
            "b-malformed.md",
            b"---\ntitle: ok\ndate: a: b\n---\n".to_vec(),
            ":3: malformed YAML front matter",
        ),
        (
            "c-not-utf8.md",
            b"---\ntitle: x\n---\n<p>\xc4\xe3\xba\xc3</p>".to_vec(),
            ":4: undecodable bytes: not UTF-8",
        ),
        (
            "d-empty.md",
            b"  \n\n".to_vec(),
            "d-empty.md: empty document",
        ),
        (
            "e-bomb.md",
            bomb.into_bytes(),
            ": malformed YAML front matter",
        ),
        (
            "f-deep.md",
            format!("---\nx: {}{}\n---\n", "[".repeat(100), "]".repeat(100)).into_bytes(),
            ":2: front matter nested deeper than 32 levels",
        ),
        (
            "g-list.md",
            b"---\n- a\n---\n".to_vec(),
            ":1: yaml front matter must be a mapping of keys, found an array",
        ),
        (
            "h-good.md",
            b"---\ntitle: fine\n---\n<p>ok</p>".to_vec(),
            "",
        ),
    ];
    for (name, bytes, _) in &cases {
        fs::write(d.join(name), bytes).unwrap();
    }
    let elsewhere = tempdir();
    let rejects = elsewhere.path().join("rejects.jsonl");
    let out = folio("folio-parse")
        .arg(d)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let good = lines(&out.stdout);
    assert_eq!(good.len(), 1);
    assert_eq!(good[0]["title"], "fine");
    let stderr = String::from_utf8(out.stderr).unwrap();
    for (name, _, want) in cases.iter().filter(|c| !c.2.is_empty()) {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not reported:\n{stderr}"));
        assert!(line.starts_with("folio-parse: "), "{line}");
        assert!(line.contains(want), "{line} should contain {want}");
    }
    assert!(
        stderr.ends_with("folio-parse: 7 input(s) rejected\n"),
        "{stderr}"
    );
    let entries = lines(&fs::read(&rejects).unwrap());
    assert_eq!(entries.len(), 7);
    for entry in &entries {
        assert_eq!(entry["tool"], "folio-parse");
        assert!(entry["path"]
            .as_str()
            .unwrap()
            .starts_with(d.to_str().unwrap()));
        assert!(!entry["why"].as_str().unwrap().is_empty());
        assert!(entry["where"].as_str().unwrap().contains(".md"));
    }
}

#[test]
fn strict_stops_at_the_first_bad_post() {
    let dir = tempdir();
    fs::write(dir.path().join("1.md"), "---\ntitle: x\n").unwrap();
    fs::write(dir.path().join("2.md"), "---\ntitle: y\n---\n<p>y</p>").unwrap();
    let out = folio("folio-parse")
        .arg(dir.path())
        .arg("--strict")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    folio("folio-parse").arg("--no-such-flag").assert().code(2);
    folio("folio-parse")
        .args(["x", "--rejects", "/nonexistent/dir/r.jsonl"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("folio-parse: --rejects"));
    folio("folio-parse")
        .args(["-", "--files-from", "-"])
        .assert()
        .code(2);
}

#[test]
fn no_path_reads_stdin_unless_it_is_a_terminal() {
    let post = fs::read(fixture("folio-parse/good/01-yaml.md")).unwrap();
    let out = folio("folio-parse").write_stdin(post).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["title"], "港口吞吐量稳步回升");
    // An empty stdin is no document at all, as an empty pipe is.
    folio("folio-parse")
        .write_stdin("")
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    // On a terminal, the paths were forgotten: say so rather than wait for typing. `script`
    // (util-linux) runs the command with a pseudo-terminal as its stdin.
    let command = format!("'{}'", bin("folio-parse").display());
    let on_terminal = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .output()
        .expect("`script` (util-linux) is needed to run this test");
    let shown = String::from_utf8_lossy(&on_terminal.stdout);
    assert_eq!(on_terminal.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("folio-parse: no input: give paths, `-` for stdin, or --files-from"),
        "{shown:?}"
    );
}

#[test]
fn crawler_json_lines_files_are_told_by_name_and_first_line() {
    let dir = tempdir();
    let line = |url: &str, title: &str| {
        serde_json::json!({
            "url": url,
            "html": format!("<html><head><title>{title}</title></head><body><p>Text.</p></body></html>"),
            "status": 200,
        })
        .to_string()
    };
    let crawl = format!(
        "{}\nnot json\n{}\n",
        line("https://e.example.com/1", "Bridge reopens after repairs"),
        line("https://e.example.com/2", "Orchard harvest starts early")
    );
    fs::write(dir.path().join("a.jsonl"), &crawl).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut gz,
        line("https://e.example.com/3", "Night market moves").as_bytes(),
    )
    .unwrap();
    fs::write(dir.path().join("b.ndjson.gz"), gz.finish().unwrap()).unwrap();
    // Named so, but its first line is no JSON object: read as a file, as before.
    fs::write(dir.path().join("c.jsonl"), "[1, 2]\n").unwrap();
    let elsewhere = tempdir();
    let rejects = elsewhere.path().join("rejects.jsonl");
    let out = folio("folio-parse")
        .arg(dir.path())
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let records = lines(&out.stdout);
    let titles: Vec<&str> = records.iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Bridge reopens after repairs",
            "Orchard harvest starts early",
            "Night market moves"
        ]
    );
    assert_eq!(records[0]["status"], 200);
    assert_eq!(records[0]["source"]["kind"], "page");
    assert_eq!(records[3]["source"]["kind"], "post");
    let a = dir.path().join("a.jsonl").display().to_string();
    assert!(
        stderr.contains(&format!("folio-parse: {a}:2: invalid JSON")),
        "{stderr}"
    );
    let entry: Value = serde_json::from_str(fs::read_to_string(&rejects).unwrap().trim()).unwrap();
    assert_eq!(entry["where"], format!("{a}:2"));
    assert_eq!(entry["line"], "not json");

    // The same records as --from jsonl gives.
    let as_lines = folio("folio-parse")
        .args(["--from", "jsonl", &a])
        .output()
        .unwrap();
    let as_files = folio("folio-parse").arg(&a).output().unwrap();
    assert_eq!(as_files.stdout, as_lines.stdout);
    assert_eq!(as_files.stderr, as_lines.stderr);
}

#[test]
fn crawler_lines_on_stdin_are_told_by_their_page_field() {
    let crawl = "{\"url\":\"https://e.example.com/1\",\"html\":\"<html><head><title>Bridge reopens</title></head></html>\"}\n\
                 {\"url\":\"https://e.example.com/2\",\"html\":\"<html><head><title>Harvest starts</title></head></html>\"}\n";
    let out = folio("folio-parse").write_stdin(crawl).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let titles: Vec<Value> = lines(&out.stdout)
        .iter()
        .map(|r| r["title"].clone())
        .collect();
    assert_eq!(titles, ["Bridge reopens", "Harvest starts"]);
    let body = "{\"link\":\"https://e.example.com/3\",\"body\":\"<html><head><title>Market moves</title></head></html>\"}\n";
    let out = folio("folio-parse")
        .args(["--html-field", "body", "--url-field", "link", "-"])
        .write_stdin(body)
        .output()
        .unwrap();
    let records = lines(&out.stdout);
    assert_eq!(records[0]["title"], "Market moves");
    assert_eq!(records[0]["url"], "https://e.example.com/3");
    // A post whose JSON front matter is one line holds no page field: still a post.
    let post = "{\"title\": \"JSON on one line\"}\n<p>The body.</p>\n";
    let out = folio("folio-parse").write_stdin(post).output().unwrap();
    let records = lines(&out.stdout);
    assert_eq!(records[0]["title"], "JSON on one line");
    assert_eq!(records[0]["source"]["front_matter"], "json");
}

#[test]
fn missing_paths_are_rejected_not_fatal() {
    let out = folio("folio-parse")
        .current_dir(root())
        .args(["no/such/dir", "tests/fixtures/folio-parse/good/03-json.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out.stdout).len(), 1);
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("folio-parse: no/such/dir: cannot read:")
    );
}

#[test]
fn examples_parse_and_the_malformed_one_is_rejected() {
    let out = folio("folio-parse").arg(examples()).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the malformed example is rejected"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("unterminated yaml front matter"))
            .count(),
        1,
        "{stderr}"
    );
    let records = lines(&out.stdout);
    assert!(records.len() >= 11, "{}", records.len());
    check_against_files(&records);
}

#[test]
fn shared_corpus_posts_say_what_the_files_say() {
    let Some(posts) = shared("posts") else {
        eprintln!("../shared/corpus/posts not present; skipped");
        return;
    };
    let out = folio("folio-parse").arg(&posts).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = lines(&out.stdout);
    let files = walk_files(&posts);
    assert_eq!(records.len(), files.len());
    check_against_files(&records);
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let run = |threads: &str| {
        folio("folio-parse")
            .current_dir(root())
            .args([
                "examples/posts",
                "tests/fixtures/folio-parse/good",
                "--threads",
                threads,
            ])
            .output()
            .unwrap()
    };
    let one = run("1");
    let four = run("4");
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(one.stderr, four.stderr);
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = tempdir();
    let body = "<p>一段足够长的正文，用来让输出超过管道的缓冲区。</p>".repeat(40);
    for i in 0..200 {
        fs::write(
            dir.path().join(format!("{i:03}.md")),
            format!("---\ntitle: post {i}\n---\n{body}"),
        )
        .unwrap();
    }
    let (status, stderr) = run_into_head("folio-parse", &[dir.path().to_str().unwrap()], None);
    assert_eq!(status, 0);
    assert_eq!(stderr, "");
}

/// Reads title, categories, author, image and date straight from each file's front matter
/// lines (independently of folio's YAML reader) and compares with the record.
fn check_against_files(records: &[Value]) {
    for rec in records {
        let path = rec["source"]["path"].as_str().unwrap();
        let text = fs::read_to_string(path).unwrap();
        let front: Vec<&str> = text
            .trim_start()
            .lines()
            .skip(1)
            .take_while(|l| *l != "---")
            .collect();
        let value = |key: &str| {
            front
                .iter()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .map(|v| unquote(v.trim()))
        };
        assert_eq!(rec["title"].as_str(), value("title").as_deref(), "{path}");
        assert_eq!(rec["author"].as_str(), value("author").as_deref(), "{path}");
        assert_eq!(rec["image"].as_str(), value("headimg").as_deref(), "{path}");
        let start = front
            .iter()
            .position(|l| l.starts_with("categories:"))
            .unwrap();
        let cats: Vec<String> = front[start + 1..]
            .iter()
            .map_while(|l| l.trim_start().strip_prefix("- "))
            .map(|c| unquote(c.trim()))
            .collect();
        let got: Vec<String> = rec["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(got, cats, "{path}");
        let raw = value("date").unwrap();
        let expected = DateTime::parse_from_rfc2822(&raw)
            .map(|t| t.timestamp())
            .or_else(|_| {
                NaiveDateTime::parse_from_str(&raw, "%Y-%m-%d %H:%M:%S")
                    .map(|t| t.and_utc().timestamp())
            })
            .or_else(|_| {
                NaiveDateTime::parse_from_str(&raw, "%Y年%m月%d日 %H:%M")
                    .map(|t| t.and_utc().timestamp())
            })
            .unwrap_or_else(|e| panic!("{path}: {raw}: {e}"));
        let got = DateTime::parse_from_rfc3339(rec["date"].as_str().unwrap())
            .unwrap()
            .timestamp();
        assert_eq!(got, expected, "{path}");
    }
}

fn unquote(v: &str) -> String {
    if v.len() >= 2
        && ((v.starts_with('\'') && v.ends_with('\'')) || (v.starts_with('"') && v.ends_with('"')))
    {
        let inner = &v[1..v.len() - 1];
        return if v.starts_with('\'') {
            inner.replace("''", "'")
        } else {
            inner.replace("\\\"", "\"")
        };
    }
    v.to_owned()
}

fn walk_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}
