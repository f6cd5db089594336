//! folio-render end to end: every format against golden files, bad input, closed stdout,
//! thread counts, files under --out-dir (names, collisions, overwrite, symlinks, index), the
//! XSS vectors, the Markdown round trip through folio-parse and folio-clean, and what a
//! reader sees in a real browser.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use serde_json::{json, Value};

use crate::util::*;

fn records() -> PathBuf {
    fixture("folio-render/records.jsonl")
}

fn golden(case: &str) -> PathBuf {
    fixture(&format!("folio-render/{case}"))
}

fn stdout_of(args: &[&str]) -> String {
    stdout_of_file(args, &records())
}

fn write_jsonl(dir: &Path, name: &str, records: &[Value]) -> PathBuf {
    let path = dir.join(name);
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    fs::write(&path, text).unwrap();
    path
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.symlink_metadata().unwrap().is_dir() {
                stack.push(path);
            } else {
                found.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_format_and_flavour_matches_its_golden_file() {
    let template = fixture("folio-render/post.md.j2");
    let template = template.to_str().unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("markdown-hexo", &["--to", "markdown"]),
        (
            "markdown-hugo-toml",
            &["--to", "markdown", "--front-matter", "hugo"],
        ),
        (
            "markdown-hugo-yaml",
            &[
                "--to",
                "markdown",
                "--front-matter",
                "hugo",
                "--hugo-format",
                "yaml",
            ],
        ),
        (
            "markdown-jekyll",
            &["--to", "markdown", "--front-matter", "jekyll"],
        ),
        (
            "markdown-none",
            &["--to", "markdown", "--front-matter", "none"],
        ),
        ("text", &["--to", "text"]),
        ("html", &["--to", "html", "--title", "News"]),
        (
            "json",
            &["--to", "json", "--fields", "id,title,meta.comments"],
        ),
        (
            "jsonl",
            &[
                "--to",
                "jsonl",
                "--fields",
                "id,date,categories,crawler.batch",
            ],
        ),
        ("csv", &["--to", "csv"]),
        ("tsv", &["--to", "tsv", "--fields", "id,title,text"]),
        (
            "atom",
            &[
                "--to",
                "atom",
                "--title",
                "News",
                "--feed-url",
                "https://news.example.cn/atom.xml",
            ],
        ),
        ("template", &["--template", template]),
    ];
    for (case, args) in cases {
        assert_golden(&golden(&format!("{case}/stdout")), &stdout_of(args));
    }
}

#[test]
fn whole_records_pass_through_json_and_jsonl_unchanged() {
    let input: Vec<Value> = lines(&fs::read(records()).unwrap());
    assert_eq!(lines(stdout_of(&["--to", "jsonl"]).as_bytes()), input);
    let array: Value = serde_json::from_str(&stdout_of(&["--to", "json"])).unwrap();
    assert_eq!(array, Value::Array(input));
}

#[test]
fn out_dir_writes_one_file_per_record_and_an_index() {
    let dir = tempdir();
    let html = dir.path().join("html");
    folio("folio-render")
        .args(["--to", "html", "--index", "--out-dir"])
        .arg(&html)
        .arg(records())
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains(
            "html-only-weather): warning: record never cleaned",
        ));
    assert_golden(
        &golden("out-dir-html/files"),
        &(files_under(&html).join("\n") + "\n"),
    );
    assert_golden(
        &golden("out-dir-html/index.html"),
        &fs::read_to_string(html.join("index.html")).unwrap(),
    );
    let markdown = dir.path().join("md");
    let name = "{date:%Y}/{slug}.{ext}";
    folio("folio-render")
        .args(["--index", "--name", name, "--out-dir"])
        .arg(&markdown)
        .arg(records())
        .assert()
        .success();
    assert_golden(
        &golden("out-dir-markdown/files"),
        &(files_under(&markdown).join("\n") + "\n"),
    );
    assert_golden(
        &golden("out-dir-markdown/index.md"),
        &fs::read_to_string(markdown.join("index.md")).unwrap(),
    );
    let atom = dir.path().join("feed");
    folio("folio-render")
        .args(["--to", "atom", "--out-dir"])
        .arg(&atom)
        .arg(records())
        .assert()
        .success();
    assert_eq!(files_under(&atom), ["atom.xml"]);
}

#[test]
fn collisions_get_suffixes_in_input_order_for_any_thread_count() {
    let dir = tempdir();
    let same: Vec<Value> = (0..40)
        .map(|i| json!({"id": format!("r{i}"), "title": "同一个标题", "date": "2022-05-08T10:00:00+08:00", "text": format!("第 {i} 篇")}))
        .collect();
    let input = write_jsonl(dir.path(), "same.jsonl", &same);
    let mut outputs = Vec::new();
    for threads in ["1", "4"] {
        let out = dir.path().join(format!("t{threads}"));
        folio("folio-render")
            .args(["--to", "text", "-j", threads, "--out-dir"])
            .arg(&out)
            .arg(&input)
            .assert()
            .success();
        let second = fs::read_to_string(out.join("2022-05-08-同一个标题-2.txt")).unwrap();
        assert!(second.contains("第 1 篇"), "{second}");
        let all: Vec<(String, String)> = files_under(&out)
            .into_iter()
            .map(|f| (f.clone(), fs::read_to_string(out.join(&f)).unwrap()))
            .collect();
        assert_eq!(all.len(), 40);
        outputs.push(all);
    }
    assert_eq!(outputs[0], outputs[1]);
    let big = write_jsonl(
        dir.path(),
        "big.jsonl",
        &[lines(&fs::read(records()).unwrap()), same].concat(),
    );
    for to in ["markdown", "html", "csv", "atom", "json"] {
        let one = folio("folio-render")
            .args(["--to", to, "-j", "1"])
            .arg(&big)
            .output()
            .unwrap()
            .stdout;
        let four = folio("folio-render")
            .args(["--to", to, "-j", "4"])
            .arg(&big)
            .output()
            .unwrap()
            .stdout;
        assert!(!one.is_empty());
        assert_eq!(one, four, "--to {to}");
    }
}

#[test]
fn overwrite_policies_and_no_temporary_files_left() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let record =
        json!({"id": "a", "title": "Title", "date": "2001-01-01T00:00:00Z", "text": "new text"});
    let input = write_jsonl(dir.path(), "in.jsonl", &[record]);
    fs::create_dir(&out).unwrap();
    let file = out.join("2001-01-01-title.md");
    fs::write(&file, "old").unwrap();
    let run = |policy: &str| {
        folio("folio-render")
            .args(["--overwrite", policy, "--out-dir"])
            .arg(&out)
            .arg(&input)
            .assert()
    };
    run("never")
        .success()
        .stderr(predicates::str::contains("exists; kept it"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "old");
    // The file was written after 2001: the record is not newer.
    run("if-newer").success();
    assert_eq!(fs::read_to_string(&file).unwrap(), "old");
    run("always").success().stderr("");
    assert!(fs::read_to_string(&file).unwrap().contains("new text"));
    // Written files carry the record's date, so if-newer now sees them as up to date.
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    assert_eq!(
        modified,
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(978_307_200)
    );
    assert_eq!(files_under(&out), ["2001-01-01-title.md"]);
}

#[test]
fn hostile_titles_and_names_stay_inside_the_folder() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let outside = dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("linked")).unwrap();
    std::os::unix::fs::symlink(outside.join("x.md"), out.join("trap.md")).unwrap();
    let titles = [
        "../../escape",
        "/etc/passwd",
        "..",
        ".",
        "CON",
        "nul.txt",
        "com1",
        "LPT9",
        "a/b\\c",
        "C:\\Windows\\x",
        ".htaccess",
        "trailing dots...",
        "spaces   ",
        "\u{0}\u{1}\u{7f}ctrl",
        "linked",
        "trap",
        "<>:\"|?*",
        &"很长的标题".repeat(60),
        &"x".repeat(400),
        "",
        "Ünïcödé 名字",
        "~",
        "$HOME",
        "a\nb",
    ];
    let records: Vec<Value> = titles
        .iter()
        .map(|t| json!({"title": t, "text": "body"}))
        .collect();
    let input = write_jsonl(dir.path(), "in.jsonl", &records);
    for name in [
        "{title}.{ext}",
        "{title}/{title}.{ext}",
        "{slug}.{ext}",
        "{category}/{id}-{title}",
        "linked-{slug}.{ext}",
    ] {
        let result = folio("folio-render")
            .args(["--name", name, "--out-dir"])
            .arg(&out)
            .arg(&input)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        // `{title}` names a record "trap" or "linked": those hit the planted symlinks and are refused.
        assert!(
            matches!(result.status.code(), Some(0 | 1)),
            "{name}: {stderr}"
        );
        for line in stderr.lines().filter(|l| !l.contains("input(s) rejected")) {
            assert!(line.contains("symbolic link"), "{name}: {line}");
        }
    }
    assert_eq!(
        fs::read_dir(&outside).unwrap().count(),
        0,
        "nothing written through a symlink"
    );
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "nothing beside the folder: {names:?}");
    for file in files_under(&out) {
        for part in file.split('/') {
            let stem = part.split('.').next().unwrap().to_ascii_lowercase();
            assert!(
                part.len() <= 200 && !part.starts_with('.') && !part.ends_with(['.', ' ']),
                "{file}"
            );
            assert!(
                !part
                    .chars()
                    .any(|c| c.is_control() || "<>:\"\\|?*".contains(c)),
                "{file:?}"
            );
            assert!(
                !["con", "nul", "com1", "lpt9", "prn", "aux"].contains(&stem.as_str()),
                "{file}"
            );
        }
    }
    for bad in [
        "../{slug}",
        "/tmp/{slug}",
        "a/../../{slug}",
        "{title}\\..\\x",
        "fixed.md",
        "{nope}",
        "{date:%Q}",
    ] {
        folio("folio-render")
            .args(["--name", bad, "--out-dir"])
            .arg(&out)
            .arg(&input)
            .assert()
            .code(2)
            .stderr(predicates::str::starts_with("folio-render: --name"));
    }
}

#[test]
fn bad_input_is_rejected_and_the_rest_rendered() {
    let dir = tempdir();
    let input = dir.path().join("bad.jsonl");
    fs::write(
        &input,
        "{\"title\": \"good\"}\n{not json\n{\"title\": 5}\n{\"title\": \"also good\"}\n",
    )
    .unwrap();
    let rejects = dir.path().join("rejects.jsonl");
    let out = folio("folio-render")
        .args(["--to", "csv", "--fields", "title", "--rejects"])
        .arg(&rejects)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "title\r\ngood\r\nalso good\r\n"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("folio-render: ") && stderr.contains("bad.jsonl:2: invalid JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.jsonl:3: invalid record: \"title\""),
        "{stderr}"
    );
    let rejected = lines(&fs::read(&rejects).unwrap());
    assert_eq!(rejected.len(), 2);
    assert_eq!(
        rejected[0]["line"].as_str().map(str::trim_end),
        Some("{not json")
    );
    let strict = folio("folio-render")
        .args(["--to", "jsonl", "--strict"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(
        (strict.status.code(), lines(&strict.stdout).len()),
        (Some(1), 1)
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--index"][..],
        &["--to", "csv", "--out-dir", "x"],
        &["--to", "markdown", "--fields", "title"],
        &["--to", "pdf"],
        &["--front-matter", "zola"],
        &["--template", "/nonexistent/t.j2"],
    ] {
        folio("folio-render")
            .args(args)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout("");
    }
    let dir = tempdir();
    let broken = dir.path().join("broken.html");
    fs::write(&broken, "{% for %}").unwrap();
    folio("folio-render")
        .arg("--template")
        .arg(&broken)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("broken.html:1"));
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = tempdir();
    let many: Vec<Value> = (0..3000)
        .map(|i| json!({"title": format!("标题 {i}"), "text": "正文 ".repeat(50)}))
        .collect();
    let input = write_jsonl(dir.path(), "many.jsonl", &many);
    for to in ["text", "html", "csv", "json", "atom"] {
        let mut child = StdCommand::new(bin("folio-render"))
            .args(["--to", to])
            .arg(&input)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "--to {to}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "--to {to}");
    }
}

/// Records that carry `vector` in every field that reaches a reader.
fn hostile_records(n: usize, vector: &str) -> Vec<Value> {
    let run = |extra: Value| {
        let mut inline = json!({"text": vector});
        inline
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        inline
    };
    let blocks = json!([
        {"type": "heading", "level": 2, "text": vector},
        {"type": "paragraph", "inlines": [run(json!({})), run(json!({"strong": true})), run(json!({"href": vector})), run(json!({"code": true, "em": true}))]},
        {"type": "image", "src": vector, "alt": vector, "caption": vector},
        {"type": "image", "src": "https://img.example.cn/ok.png", "alt": vector, "caption": vector},
        {"type": "list", "ordered": false, "items": [[run(json!({"href": vector}))]]},
        {"type": "quote", "blocks": [{"type": "paragraph", "inlines": [run(json!({}))]}]},
        {"type": "table", "header": n.is_multiple_of(2), "rows": [[vector, vector]]},
        {"type": "code", "text": vector, "lang": vector}
    ]);
    let common = json!({"title": vector, "author": vector, "categories": [vector], "url": vector, "summary": vector,
                        "date": "2022-01-01T00:00:00+00:00", "lang": vector,
                        "credits": {"editor": [vector], "source": [vector, "新华社"]}});
    let mut with_blocks = common.clone();
    with_blocks["id"] = json!(format!("xss-{n}"));
    with_blocks["blocks"] = blocks;
    let html = format!("{vector}<p>{vector}</p><a href=\"{vector}\">x</a><img src='{vector}'>");
    vec![
        with_blocks,
        json!({"id": format!("xss-html-{n}"), "title": vector, "html": html}),
        json!({"id": format!("xss-text-{n}"), "title": vector, "text": vector}),
    ]
}

fn xss_input(dir: &Path) -> PathBuf {
    let vectors = fs::read_to_string(fixture("folio-render/xss-vectors.txt")).unwrap();
    let vectors: Vec<&str> = vectors.lines().filter(|l| !l.is_empty()).collect();
    assert!(vectors.len() >= 50, "{} vectors", vectors.len());
    let records: Vec<Value> = vectors
        .iter()
        .enumerate()
        .flat_map(|(n, v)| hostile_records(n, v))
        .collect();
    write_jsonl(dir, "xss.jsonl", &records)
}

const HTML_TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "article",
    "header",
    "footer",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "time",
    "span",
    "strong",
    "em",
    "code",
    "a",
    "figure",
    "img",
    "figcaption",
    "ol",
    "ul",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "pre",
    "hr",
    "br",
];
const HTML_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "alt",
    "datetime",
    "class",
    "lang",
    "charset",
    "name",
    "content",
    "http-equiv",
];

/// Undoes the escapes folio writes, to judge addresses as a browser reads them.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The tags of an HTML text as (name, [(attribute, value)]); text between tags is skipped.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c);
        let inside = &rest[open + 1..close];
        rest = &rest[(close + 1).min(rest.len())..];
        if inside.starts_with('/') {
            continue;
        }
        let inside = inside.trim_end_matches('/');
        let name_end = inside.find(char::is_whitespace).unwrap_or(inside.len());
        let mut attributes = Vec::new();
        let mut attrs = &inside[name_end..];
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                break;
            }
            let key_end = attrs.find(['=', ' ']).unwrap_or(attrs.len());
            let key = attrs[..key_end].to_ascii_lowercase();
            attrs = &attrs[key_end..];
            let mut value = String::new();
            if let Some(after) = attrs.strip_prefix('=') {
                let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
                let (text, tail) = match quote {
                    Some(q) => after[1..].split_once(q).unwrap_or((&after[1..], "")),
                    None => after.split_once(' ').unwrap_or((after, "")),
                };
                value = text.to_owned();
                attrs = tail;
            }
            attributes.push((key, value));
        }
        found.push((inside[..name_end].to_ascii_lowercase(), attributes));
    }
    found
}

/// Asserts that no tag, attribute or address in `html` can run anything.
fn assert_inert(html: &str, what: &str, styles_allowed: usize) {
    if let Err(why) = inert(html, styles_allowed) {
        panic!("{what}: {why}");
    }
}

/// Why `html` could run something, if it could.
fn inert(html: &str, styles_allowed: usize) -> Result<(), String> {
    let mut styles = 0;
    for (name, attributes) in tags(html)
        .into_iter()
        .filter(|(name, _)| name != "!doctype")
    {
        if !HTML_TAGS.contains(&name.as_str()) {
            return Err(format!("tag <{name}> reached the output"));
        }
        styles += usize::from(name == "style");
        for (key, value) in attributes {
            if !HTML_ATTRIBUTES.contains(&key.as_str()) {
                return Err(format!("attribute {key}={value:?} on <{name}>"));
            }
            let address: String = unescape(&value)
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let scheme = address
                .split_once(':')
                .map(|(s, _)| s)
                .filter(|s| !s.contains(['/', '?', '#']));
            let allowed = scheme.is_none_or(|s| ["http", "https", "mailto"].contains(&s));
            if (key == "href" || key == "src") && !allowed {
                return Err(format!("{key}={value:?} on <{name}>"));
            }
        }
    }
    if styles > styles_allowed {
        return Err(format!("{styles} style elements"));
    }
    Ok(())
}

fn markdown_to_html(markdown: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out
}

#[test]
fn no_injection_vector_survives_in_html_markdown_or_atom() {
    let probes = [
        "<img src=x onerror=alert(1)>",
        "<a href=\"JavaScript:x\">",
        "<script>",
        "<p style=\"x\">",
    ];
    for probe in probes {
        assert!(inert(probe, 1).is_err(), "the check must catch {probe}");
    }
    let dir = tempdir();
    let input = xss_input(dir.path());
    let run = |args: &[&str]| {
        let out = folio("folio-render")
            .args(args)
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let page = run(&["--to", "html"]);
    assert_inert(&page, "html page", 1);
    assert_eq!(page.matches("<title>").count(), 1);
    let markdown = run(&["--to", "markdown", "--front-matter", "none"]);
    for (n, doc) in markdown.split("\u{c}\n").enumerate() {
        assert_inert(&markdown_to_html(doc), &format!("markdown record {n}"), 0);
    }
    let feed = run(&["--to", "atom"]);
    const ATOM_TAGS: &[&str] = &[
        "?xml",
        "feed",
        "id",
        "title",
        "updated",
        "author",
        "name",
        "generator",
        "entry",
        "published",
        "link",
        "category",
        "summary",
        "content",
    ];
    for (name, _) in tags(&feed) {
        assert!(ATOM_TAGS.contains(&name.as_str()), "atom: <{name}>");
    }
    for content in feed.split("<content type=\"html\">").skip(1) {
        assert_inert(
            &unescape(content.split("</content>").next().unwrap()),
            "atom content",
            0,
        );
    }
    let out = dir.path().join("site");
    folio("folio-render")
        .args(["--to", "html", "--index", "--out-dir"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    for file in files_under(&out) {
        assert_inert(&fs::read_to_string(out.join(&file)).unwrap(), &file, 1);
    }
}

/// Markdown from folio-render, read back by folio-parse and folio-clean, gives the same
/// title, date, categories, author and blocks.
fn assert_round_trip(records: &[Value], dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    let input = write_jsonl(dir, "before.jsonl", records);
    let site = dir.join("site");
    folio("folio-render")
        .args(["--to", "markdown", "--front-matter", "hexo", "--out-dir"])
        .arg(&site)
        .arg(&input)
        .assert()
        .success();
    let after = pipe(folio("folio-parse").arg(&site), &mut folio("folio-clean"));
    let after = lines(&after);
    assert_eq!(after.len(), records.len());
    for before in records {
        let title = &before["title"];
        let back = after
            .iter()
            .find(|r| &r["title"] == title)
            .unwrap_or_else(|| panic!("{title} not read back"));
        for field in ["title", "date", "categories", "author", "blocks"] {
            assert_eq!(back.get(field), before.get(field), "{title}: {field}");
        }
    }
}

#[test]
fn markdown_round_trips_through_parse_and_clean() {
    let dir = tempdir();
    let fixtures: Vec<Value> = lines(&fs::read(records()).unwrap())
        .into_iter()
        .filter(|r| r.get("blocks").is_some())
        .collect();
    assert_round_trip(&fixtures, &dir.path().join("fixtures"));
    let mut sources = vec![examples()];
    sources.extend(shared("posts"));
    for (n, source) in sources.into_iter().filter(|s| s.exists()).enumerate() {
        let cleaned = pipe(folio("folio-parse").arg(&source), &mut folio("folio-clean"));
        let cleaned: Vec<Value> = lines(&cleaned)
            .into_iter()
            .filter(|r| r.get("blocks").is_some())
            .collect();
        assert_round_trip(&cleaned, &dir.path().join(format!("source-{n}")));
    }
}

fn chromium() -> PathBuf {
    let path = PathBuf::from("/usr/bin/chromium");
    assert!(
        path.exists(),
        "/usr/bin/chromium is missing: the browser test needs Debian's `chromium` package (run scripts/test-deps.sh as root)"
    );
    path
}

/// Runs headless Chromium with a fresh profile and no network side traffic.
fn browse(args: &[&str], page: &Path, profile: &Path) -> String {
    let out = StdCommand::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_browser_shows_the_article_and_runs_no_script() {
    let dir = tempdir();
    let site = dir.path().join("site");
    fs::create_dir(&site).unwrap();
    // A picture beside the pages: a relative address must not reach it (it would be read from
    // the reader's disk), and a page without a `url` has nothing to resolve it against.
    fs::write(site.join("chart.png"), b"not read").unwrap();
    let article = json!({
        "id": "browser", "title": "浏览器里的标题", "date": "2022-05-08T18:46:55+08:00", "author": "记者",
        "credits": {"editor": ["张三"], "photographer": ["<b>李四</b>"]}, "lang": "zh",
        "blocks": [
            {"type": "paragraph", "inlines": [{"text": "第一段正文。"}, {"text": "原文链接", "href": "https://news.example.cn/a"}, {"text": "上一篇", "href": "prev.html"}]},
            {"type": "image", "src": "chart.png", "alt": "走势图", "caption": "图为走势"},
            {"type": "paragraph", "inlines": [{"text": "<img src=x onerror=\"document.title='PWNED';document.body.id='pwned'\">"}]},
            {"type": "paragraph", "inlines": [{"text": "click", "href": "javascript:document.title='PWNED'"}]}
        ]
    });
    let hostile = json!({"id": "hostile", "title": "<script>document.title='PWNED'</script>", "date": "2022-05-07T08:00:00+08:00",
        "html": "<p>正文</p><script>document.title='PWNED'</script><img src=x onerror=\"document.body.id='pwned'\"><svg onload=\"document.body.id='pwned'\"></svg>"});
    let input = write_jsonl(dir.path(), "in.jsonl", &[article, hostile]);
    folio("folio-render")
        .args([
            "--to",
            "html",
            "--index",
            "--name",
            "{id}.{ext}",
            "--title",
            "新闻",
            "--out-dir",
        ])
        .arg(&site)
        .arg(&input)
        .assert()
        .success();
    let profile = dir.path().join("profile");
    let dom = browse(&["--dump-dom"], &site.join("browser.html"), &profile);
    assert!(dom.contains("<title>浏览器里的标题</title>"), "{dom}");
    assert!(dom.contains("<h1>浏览器里的标题</h1>"));
    assert!(
        dom.contains("<p>第一段正文。<a href=\"https://news.example.cn/a\">原文链接</a>上一篇</p>"),
        "a relative link without a base keeps its words only: {dom}"
    );
    assert!(
        dom.contains("<p>图为走势</p>") && !dom.contains("<img") && !dom.contains("chart.png"),
        "a relative image without a base leaves its caption: {dom}"
    );
    assert!(
        dom.contains("<body>\n<nav><a href=\"index.html\">← 新闻</a></nav>\n<article>"),
        "the page links back to the index: {dom}"
    );
    assert!(
        dom.contains("<footer><p class=\"meta credits\"><span class=\"editor\">编辑：张三</span> · <span class=\"photographer\">摄影：&lt;b&gt;李四&lt;/b&gt;</span></p></footer>"),
        "credits stand at the foot: {dom}"
    );
    assert!(
        dom.contains("<p>click</p>"),
        "a javascript: link is shown as text only: {dom}"
    );
    for page in ["browser.html", "hostile.html"] {
        let dom = browse(&["--dump-dom"], &site.join(page), &profile);
        assert!(
            !dom.contains("PWNED</title>") && !dom.contains("id=\"pwned\""),
            "a script ran in {page}: {dom}"
        );
        assert_inert(&dom, page, 1);
    }
    let index = browse(&["--dump-dom"], &site.join("index.html"), &profile);
    assert!(index.contains("<title>新闻</title>"), "{index}");
    let first = index
        .find("href=\"browser.html\">浏览器里的标题</a>")
        .expect("index links the article");
    let second = index
        .find("href=\"hostile.html\">")
        .expect("index links the other article");
    assert!(first < second, "newest first: {index}");
    let shot = dir.path().join("shot.png");
    browse(
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=900,900",
        ],
        &site.join("browser.html"),
        &profile,
    );
    assert!(
        fs::metadata(&shot).unwrap().len() > 5_000,
        "screenshot is not blank"
    );
    if let Some(keep) = std::env::var_os("FOLIO_KEEP_SCREENSHOT") {
        fs::copy(&shot, keep).unwrap();
    }
}

/// The front matter block of a Markdown file (between its `---` lines), fences included.
fn front_matter_of(markdown: &str) -> &str {
    let end = markdown[4..].find("\n---\n").expect("a closing fence") + 4;
    &markdown[..end + 5]
}

/// Issue 18: who is credited stands in the front matter (Hexo, Hugo, Jekyll) and at the foot
/// of each HTML article, labelled in the record's language and escaped.
#[test]
fn credits_stand_in_front_matter_and_at_the_foot_of_html_articles() {
    let dir = tempdir();
    let records = [
        json!({"id": "port", "title": "港口恢复夜间通航", "date": "2022-05-08T18:46:55+08:00", "lang": "zh",
               "url": "https://news.example.cn/port.html", "text": "港口今晚恢复夜间通航。",
               "credits": {"editor": ["张三", "李四"], "photographer": ["王五"], "source": ["本地晚报"]}}),
        json!({"id": "ferry", "title": "Night ferries return", "lang": "en", "text": "The ferries sail again.",
               "credits": {"editor": ["Kim"], "reporter": ["Ann <b>Lee</b>", "Bo \"Q\" Chan\n---"]}}),
    ];
    let input = write_jsonl(dir.path(), "in.jsonl", &records);
    let markdown = stdout_of_file(&["--to", "markdown"], &input);
    assert!(
        markdown.contains(
            "lang: zh\ncredits:\n  editor:\n  - 张三\n  - 李四\n  photographer:\n  - 王五\n  source:\n  - 本地晚报\n---\n"
        ),
        "{markdown}"
    );
    let hugo = stdout_of_file(&["--to", "markdown", "--front-matter", "hugo"], &input);
    assert!(
        hugo.contains("[credits]\neditor = [\"张三\", \"李四\"]\nphotographer = [\"王五\"]\nsource = [\"本地晚报\"]\n+++\n"),
        "{hugo}"
    );
    // Read back, every flavour's front matter holds the same credits, a line break in a name
    // written as a space (so that it cannot end the block).
    for flavour in ["hexo", "hugo", "jekyll"] {
        let site = dir.path().join(format!("site-{flavour}"));
        folio("folio-render")
            .args(["--to", "markdown", "--front-matter", flavour, "--out-dir"])
            .arg(&site)
            .arg(&input)
            .assert()
            .success()
            .stderr("");
        let back = lines(&folio("folio-parse").arg(&site).output().unwrap().stdout);
        assert_eq!(back.len(), 2, "{flavour}");
        for record in &back {
            let expected = if record["title"] == "Night ferries return" {
                json!({"editor": ["Kim"], "reporter": ["Ann <b>Lee</b>", "Bo \"Q\" Chan ---"]})
            } else {
                records[0]["credits"].clone()
            };
            assert_eq!(record["meta"]["credits"], expected, "{flavour}");
        }
    }
    let html = stdout_of_file(&["--to", "html"], &input);
    assert!(
        html.contains(
            "<footer><p class=\"meta credits\"><span class=\"editor\">编辑：张三、李四</span> · \
             <span class=\"photographer\">摄影：王五</span> · <span class=\"source\">来源：本地晚报</span></p>\
             <p class=\"source\"><a href=\"https://news.example.cn/port.html\">https://news.example.cn/port.html</a></p></footer>\n</article>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "<footer><p class=\"meta credits\"><span class=\"editor\">Editor: Kim</span> · \
             <span class=\"reporter\">Reporters: Ann &lt;b&gt;Lee&lt;/b&gt;, Bo &quot;Q&quot; Chan ---</span></p></footer>\n</article>"
        ),
        "{html}"
    );
    let pages = dir.path().join("pages");
    folio("folio-render")
        .args(["--to", "html", "--name", "{id}.{ext}", "--out-dir"])
        .arg(&pages)
        .arg(&input)
        .assert()
        .success();
    let page = fs::read_to_string(pages.join("port.html")).unwrap();
    assert!(
        page.contains("<span class=\"editor\">编辑：张三、李四</span>"),
        "{page}"
    );
    assert_inert(&page, "port.html", 1);
}

/// `folio-render ARGS FILE`, which must succeed quietly (but for the warning about records
/// never cleaned); its stdout.
fn stdout_of_file(args: &[&str], input: &Path) -> String {
    let out = folio("folio-render")
        .args(args)
        .arg(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_quiet_but_never_cleaned(&String::from_utf8_lossy(&out.stderr), args);
    String::from_utf8(out.stdout).unwrap()
}

/// A Hexo post of the kind users have: folio-parse's keys and the site's own.
const HEXO_POST: &str = "---
title: 'Night ferries return to the river'
categories:
 - Local
 - Transport
headimg: 'https://img.example.org/ferry.jpg'
author: River Desk
comments: false
date: Sun, 08 May 2022 10:46:55 GMT
thumbnail: 'https://img.example.org/ferry.jpg'
layout: post
sticky: 3
toc: {enable: true, depth: 2}
cover: 'javascript:alert(1)'
---

<div><p>The night ferries returned to the river on Sunday after a winter pause, and the first
boat left the old quay a little after nine.</p>
<p>Crews said the water was calm and the lights along both banks were back on.</p></div>
";

/// The keys folio writes in Hexo front matter from the record's own fields.
const FOLIO_KEYS: &[&str] = &[
    "title",
    "date",
    "author",
    "categories",
    "tags",
    "thumbnail",
    "description",
    "original_url",
    "lang",
    "credits",
];

/// Posts under `posts`, through folio-parse, folio-clean and `folio-render FLAGS --out-dir`,
/// then read back by folio-parse: each post's own front-matter keys come back unchanged
/// (those folio writes itself carry the record's values). Returns the rendered files.
fn assert_post_keys_round_trip(posts: &Path, dir: &Path, flags: &[&str]) -> Vec<String> {
    let cleaned = pipe(folio("folio-parse").arg(posts), &mut folio("folio-clean"));
    let before = lines(&cleaned);
    assert!(!before.is_empty(), "{}", posts.display());
    fs::create_dir_all(dir).unwrap();
    let input = write_jsonl(dir, "cleaned.jsonl", &before);
    let site = dir.join("site");
    folio("folio-render")
        .args(flags)
        .arg("--out-dir")
        .arg(&site)
        .arg(&input)
        .assert()
        .success();
    let after = lines(&folio("folio-parse").arg(&site).output().unwrap().stdout);
    assert_eq!(after.len(), before.len());
    for original in &before {
        let back = after
            .iter()
            .find(|r| r["title"] == original["title"])
            .unwrap_or_else(|| panic!("{} not read back", original["title"]));
        assert_eq!(back["date"], original["date"], "{flags:?}");
        let meta = original["meta"].as_object().unwrap();
        for (key, value) in meta
            .iter()
            .filter(|(k, _)| !FOLIO_KEYS.contains(&k.as_str()))
        {
            let expected = match key.as_str() {
                // Not a web address: left out, as in templates.
                "cover" => json!(""),
                _ => value.clone(),
            };
            assert_eq!(back["meta"][key], expected, "{flags:?} {key}");
        }
    }
    files_under(&site)
        .iter()
        .map(|f| fs::read_to_string(site.join(f)).unwrap())
        .collect()
}

/// Issue 18: a Hexo post parsed and rendered back to Markdown keeps the keys of its front
/// matter that folio does not write itself (`comments`, `headimg`, `layout`…), in every
/// flavour; TOML, which has no null, leaves a null out.
#[test]
fn hexo_posts_keep_their_own_front_matter_keys_through_parse_and_render() {
    let dir = tempdir();
    let posts = dir.path().join("posts");
    fs::create_dir_all(&posts).unwrap();
    fs::write(posts.join("ferry.md"), HEXO_POST).unwrap();
    let files =
        assert_post_keys_round_trip(&posts, &dir.path().join("hexo"), &["--to", "markdown"]);
    assert_eq!(files.len(), 1);
    assert_same_text(
        "---
title: Night ferries return to the river
date: 2022-05-08T10:46:55+00:00
author: River Desk
categories:
- Local
- Transport
thumbnail: https://img.example.org/ferry.jpg
lang: en
headimg: https://img.example.org/ferry.jpg
comments: false
layout: post
sticky: 3
toc:
  enable: true
  depth: 2
cover: ''
---
",
        front_matter_of(&files[0]),
        "Hexo front matter",
    );
    for (n, flags) in [
        &["--front-matter", "hugo"][..],
        &["--front-matter", "hugo", "--hugo-format", "yaml"],
        &["--front-matter", "jekyll"],
    ]
    .iter()
    .enumerate()
    {
        assert_post_keys_round_trip(&posts, &dir.path().join(format!("flavour-{n}")), flags);
    }
    // A web page's `meta` holds its <meta> tags, not a post's settings: none of them follow.
    let page = json!({"id": "page", "title": "A page", "text": "Body.", "source": {"kind": "page"},
                      "meta": {"viewport": "width=device-width", "og:type": "article"}});
    let input = write_jsonl(dir.path(), "page.jsonl", &[page]);
    let markdown = stdout_of_file(&["--to", "markdown"], &input);
    assert!(
        markdown.starts_with("---\ntitle: A page\n---\n"),
        "{markdown}"
    );
}

/// Issue 18: the same round trip over the shared corpus of real posts, when it is present.
#[test]
fn shared_posts_keep_their_own_front_matter_keys() {
    let Some(posts) = shared("posts") else {
        return;
    };
    let dir = tempdir();
    let files = assert_post_keys_round_trip(&posts, dir.path(), &["--to", "markdown"]);
    assert!(
        files
            .iter()
            .all(|f| front_matter_of(f).contains("\ncomments: false\n")),
        "every post of the corpus says comments: false"
    );
}

/// Issue 18: in an HTML article, a relative link or image is resolved against the record's
/// `url`; without one, a link keeps its words only and an image its caption or alt text,
/// rather than pointing at the reader's disk. Each page under --out-dir links back to the
/// index when there is one.
#[test]
fn html_articles_resolve_relative_addresses_or_leave_them_out() {
    let dir = tempdir();
    let blocks = json!([
        {"type": "paragraph", "inlines": [{"text": "Earlier report", "href": "/2022/05/earlier.html"},
            {"text": " and "}, {"text": "the map", "href": "//maps.example.org/river"}, {"text": "."}]},
        {"type": "image", "src": "img/ferry.jpg", "alt": "A ferry", "caption": "The first night ferry."},
        {"type": "image", "src": "/img/quay.jpg", "alt": "The quay"}
    ]);
    let records = [
        json!({"id": "based", "title": "With an address", "date": "2022-05-08T10:00:00Z",
               "url": "https://news.example.org/2022/05/08/ferry.html", "blocks": blocks}),
        json!({"id": "unbased", "title": "Without an address", "date": "2022-05-07T10:00:00Z", "blocks": blocks}),
        json!({"id": "raw", "title": "Raw HTML", "date": "2022-05-06T10:00:00Z",
               "html": "<p>See <a href=\"../river.html\">the river page</a>.</p><img src=\"pier.png\" alt=\"Pier\">"}),
    ];
    let input = write_jsonl(dir.path(), "in.jsonl", &records);
    let out = folio("folio-render")
        .args(["--to", "html"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "<p><a href=\"https://news.example.org/2022/05/earlier.html\">Earlier report</a> and \
         <a href=\"https://maps.example.org/river\">the map</a>.</p>",
        "<img src=\"https://news.example.org/2022/05/08/img/ferry.jpg\" alt=\"A ferry\">",
        "<img src=\"https://news.example.org/img/quay.jpg\" alt=\"The quay\">",
        "<p>Earlier report and <a href=\"https://maps.example.org/river\">the map</a>.</p>\n\
         <p>The first night ferry.</p>\n<p>The quay</p>\n",
        "<p>See the river page.</p>\n<p>Pier</p>\n",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
    for (name, attributes) in tags(&html) {
        for (key, value) in attributes {
            if key == "href" || key == "src" {
                assert!(value.starts_with("https://"), "<{name} {key}={value:?}>");
            }
        }
    }
    // Markdown is left as it is: a site generator resolves it against the site.
    let markdown = stdout_of_file(&["--to", "markdown", "--front-matter", "none"], &input);
    assert!(
        markdown.contains("[Earlier report](/2022/05/earlier.html)"),
        "{markdown}"
    );

    let site = dir.path().join("site");
    let name = "{date:%Y}/{id}.{ext}";
    folio("folio-render")
        .args([
            "--to",
            "html",
            "--index",
            "--title",
            "River news",
            "--name",
            name,
            "--out-dir",
        ])
        .arg(&site)
        .arg(&input)
        .assert()
        .success();
    let page = fs::read_to_string(site.join("2022/unbased.html")).unwrap();
    assert!(
        page.contains("<body>\n<nav><a href=\"../index.html\">← River news</a></nav>\n<article>"),
        "{page}"
    );
    assert!(
        !page.contains("earlier.html") && !page.contains("ferry.jpg"),
        "{page}"
    );
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        index.contains("<a href=\"2022/unbased.html\">Without an address</a>"),
        "{index}"
    );
    assert!(!index.contains("<nav>"), "{index}");
    let alone = dir.path().join("alone");
    folio("folio-render")
        .args(["--to", "html", "--name", "{id}.{ext}", "--out-dir"])
        .arg(&alone)
        .arg(&input)
        .assert()
        .success();
    let page = fs::read_to_string(alone.join("based.html")).unwrap();
    assert!(!page.contains("<nav>"), "no index, no link to one: {page}");
}

fn template_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

/// Issue 18: templates have Jinja2's common filters (minijinja-contrib's).
#[test]
fn templates_have_jinja2_filters_beyond_minijinjas_own() {
    let dir = tempdir();
    // As in Jinja2, a template's last line break is dropped: this one ends with two.
    let template = template_file(
        dir.path(),
        "card.txt.j2",
        "{{ title | truncate(24) }} · {{ body_text | wordcount }} word{{ body_text | wordcount | pluralize }}\n\
         {{ body_html | striptags | truncate(30, killwords=true, leeway=0) }}\n\
         {{ date | dateformat(format='[day].[month].[year]') if date else 'undated' }}\n\
         {% if record.meta %}{{ record.meta.items() | list | length }}{% else %}0{% endif %} · {{ title.upper() if title.isascii() else title }}\n\n",
    );
    let records = [
        json!({"id": "a", "title": "Night ferries return to the river", "date": "2022-05-08T23:30:00+08:00",
               "meta": {"comments": false, "sticky": 1},
               "blocks": [{"type": "paragraph", "inlines": [{"text": "Boats "}, {"text": "&", "strong": true}, {"text": " nets <back> at dawn."}]}]}),
        json!({"id": "b", "title": "一篇", "text": "一句"}),
    ];
    let input = write_jsonl(dir.path(), "in.jsonl", &records);
    let out = stdout_of_file(&["--template", template.to_str().unwrap()], &input);
    assert_same_text(
        "Night ferries return... · 5 words\n\
         Boats & nets <back> at dawn.\n\
         08.05.2022\n\
         2 · NIGHT FERRIES RETURN TO THE RIVER\n\
         一篇 · 1 word\n一句\nundated\n0 · 一篇\n",
        &out,
        "template output",
    );
}

/// Issue 18: a filter, test or function that does not exist is refused when the template
/// loads — once, with status 2, before any output — even where no record would reach it.
#[test]
fn unknown_filters_tests_and_functions_are_refused_before_any_output() {
    let dir = tempdir();
    let many: Vec<Value> = (0..50)
        .map(|i| json!({"id": format!("r{i}"), "title": format!("Title {i}"), "text": "Body."}))
        .collect();
    let input = write_jsonl(dir.path(), "many.jsonl", &many);
    for (source, what) in [
        (
            "# {{ title }}\n\n{% if false %}{{ title | shout }}{% endif %}\n",
            "filter \"shout\" (line 3)",
        ),
        (
            "{{ title }}\n{% filter trim|whisper %}x{% endfilter %}",
            "filter \"whisper\" (line 2)",
        ),
        (
            "{% if title is shouting %}!{% endif %}",
            "test \"shouting\" (line 1)",
        ),
        (
            "{% macro m() %}\n{{ lorem(3) }}\n{% endmacro %}",
            "function \"lorem\" (line 2)",
        ),
        ("{{ now() }}", "function \"now\" (line 1)"),
    ] {
        let template = template_file(dir.path(), "post.md.j2", source);
        let out_dir = dir.path().join("out");
        let out = folio("folio-render")
            .arg("--template")
            .arg(&template)
            .arg("--out-dir")
            .arg(&out_dir)
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{source}");
        assert_eq!(out.stdout, b"", "{source}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!("folio-render: {}: unknown {what}\n", template.display()),
        );
        assert!(!out_dir.exists(), "nothing written: {source}");
    }
}

/// A record never cleaned, whose body holds what folio-clean's built-in rules remove: a share
/// bar, an app invitation and a script.
const NEVER_CLEANED: &str = r#"{"id":"tide","title":"Tide tables move online","html":"<p>The harbour office now posts its tide tables on the web each morning.</p><div class=\"share\">Share this on every network you know</div><p>Download our app for alerts</p><script>document.write('tracker')</script><p>Printed copies stay at the ferry desk &amp; the library.</p>"}
"#;

#[test]
fn a_record_never_cleaned_is_rendered_as_folio_clean_would_make_it() {
    for format in ["text", "markdown", "html"] {
        let direct = folio("folio-render")
            .args(["--to", format])
            .write_stdin(NEVER_CLEANED)
            .assert()
            .success()
            .stderr(predicates::str::contains(
                "warning: record never cleaned (no \"text\" or \"blocks\"): its body is cleaned here",
            ))
            .get_output()
            .stdout
            .clone();
        let cleaned = pipe(
            folio("folio-clean").write_stdin(NEVER_CLEANED),
            folio("folio-render").args(["--to", format]),
        );
        // The body is the same; folio-clean also sets `lang`, which Markdown's front matter shows.
        let body = |out: Vec<u8>| {
            let out = String::from_utf8(out).unwrap();
            match out.split_once("---\n\n") {
                Some((_, body)) => body.to_owned(),
                None => out,
            }
        };
        let direct = body(direct);
        assert_eq!(direct, body(cleaned), "--to {format}");
        assert!(
            direct.contains("Printed copies stay at the ferry desk"),
            "{direct}"
        );
        for boilerplate in ["Share this", "Download our app", "tracker"] {
            assert!(!direct.contains(boilerplate), "--to {format}: {direct}");
        }
    }
}
