//! folio-render --to report end to end: the page against its golden file, the counts it
//! shows, hostile data kept inert, the same bytes for any thread count and from `folio run`,
//! --out-dir and --rejects-from, the real corpus, and the charts as a browser draws them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use crate::util::*;

fn records() -> PathBuf {
    fixture("folio-render/report/records.jsonl")
}

fn rejects() -> PathBuf {
    fixture("folio-render/report/rejects.jsonl")
}

/// The report on the fixture records and rejects, checked to exit 0 with nothing on stderr.
/// The page names the rejects file as given: relative, so the page is the same anywhere.
fn report(extra: &[&str]) -> String {
    let out = folio("folio-render")
        .current_dir(root())
        .args(["--to", "report", "--rejects-from"])
        .arg("tests/fixtures/folio-render/report/rejects.jsonl")
        .args(extra)
        .arg(records())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
    String::from_utf8(out.stdout).unwrap()
}

/// The text of `section` (by id) of a report page.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let open = format!("<section id=\"{id}\">");
    let start = page
        .find(&open)
        .unwrap_or_else(|| panic!("no section {id}"));
    let end = page[start..].find("</section>").unwrap() + start;
    &page[start..end]
}

/// No tag of `page` has an address to load or follow (the data's `<` are all escaped, so
/// every tag is the report's own).
fn assert_no_addresses(page: &str) {
    for tag in page.split('<').skip(1).filter_map(|t| t.split('>').next()) {
        for attribute in ["src=", "href=", "xlink:href", "srcset=", "action=", "data="] {
            assert!(!tag.contains(attribute), "<{tag}>");
        }
    }
}

/// A table row of a report: label, count and share as the page writes them.
fn row(label: &str, count: &str, share: &str) -> String {
    format!(
        "<td class=\"key\">{label}</td><td class=\"n\">{count}</td><td class=\"n\">{share}</td>"
    )
}

#[test]
fn report_sums_up_the_records_and_rejects() {
    let page = report(&["--title", "五月报告"]);
    assert_golden(&fixture("folio-render/report/report.html"), &page);
    for id in [
        "days",
        "sites",
        "categories",
        "tags",
        "lengths",
        "languages",
        "coverage",
        "rejections",
    ] {
        assert!(page.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("<title>五月报告</title>"));
    assert!(page.contains("<dt>Records</dt><dd>8</dd>"));
    assert!(page.contains("<dt>Dated</dt><dd>6</dd>"));
    assert!(page.contains("<dt>Rejections</dt><dd>10</dd>"));
    // Each record counts on the day of its own offset: 01:10 at +08:00 is 9 May there,
    // 22:00 at -05:00 is still 7 May.
    let days = section(&page, "days");
    assert!(days.contains("<h2>Articles per day</h2>"));
    assert_eq!(days.matches("<rect").count(), 4, "{days}");
    for (day, n) in [
        ("2022-05-07", 1),
        ("2022-05-08", 1),
        ("2022-05-09", 1),
        ("2022-05-10", 3),
    ] {
        assert!(
            days.contains(&format!("<title>{day}: {n}</title>")),
            "{day}"
        );
    }
    assert!(days.contains("Without a date: 2 of 8 records (25.0%) (1 with a <code>date_raw</code>"));
    let sites = section(&page, "sites");
    assert!(
        sites.contains(&row("finance.example.cn", "3", "37.5%")),
        "{sites}"
    );
    assert!(
        sites.contains(&row("news.example.com", "1", "12.5%")),
        "www. and case go"
    );
    assert!(sites.contains("<td class=\"key\">(none)</td><td class=\"n\">2</td>"));
    let categories = section(&page, "categories");
    assert!(
        categories.contains(&row("金融", "3", "37.5%")),
        "{categories}"
    );
    assert!(categories.contains(&row("Local", "2", "25.0%")));
    let languages = section(&page, "languages");
    assert!(languages.contains(&row("en", "3", "37.5%")));
    assert!(languages.contains(&row("zh", "3", "37.5%")));
    let lengths = section(&page, "lengths");
    assert!(
        lengths.contains("<title>0 characters: 1</title>"),
        "{lengths}"
    );
    assert!(lengths.contains("<title>2,000 to 4,999 characters: 1</title>"));
    assert!(lengths.contains("Without a <code>text</code> (never cleaned): 1 of 8 records"));
    let coverage = section(&page, "coverage");
    assert!(coverage.contains(&row("<code>date</code>", "6", "75.0%")));
    assert!(coverage.contains(&row("credits: <code>editor</code>", "2", "25.0%")));
    assert!(coverage.contains(&row("credits: <code>photographer</code>", "1", "12.5%")));
    let rejections = section(&page, "rejections");
    assert!(rejections.contains("By tool: (unknown) 1, &lt;script&gt;"));
    assert!(rejections.contains(
        "<td class=\"tool\">folio-filter</td><td class=\"key\">min-chars</td><td class=\"n\">2</td>"
    ));
    assert!(rejections.contains("<td class=\"key\">duplicate (same url)</td>"));
    assert!(rejections.contains("<td class=\"key\">duplicate (near)</td>"));
    assert!(rejections.contains("<td class=\"key\">quality: too-short</td>"));
    assert!(rejections.contains("<td class=\"key\">(not a folio rejects line)</td>"));
}

#[test]
fn report_keeps_hostile_data_inert_and_loads_nothing() {
    let page = report(&["--title", "<script>alert('title')</script>"]);
    assert!(!page.contains("<script"), "a script tag reached the page");
    assert!(page.contains("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"));
    assert!(page.contains("<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</title>"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&lt;/td&gt;&lt;script&gt;x&lt;/script&gt;"));
    assert!(!page.contains("<img") && !page.contains("<b>") && !page.contains("<i>"));
    // Self-contained: no address at all, so nothing to fetch.
    for needle in [
        "://", "http:", "https:", "url(", "@import", "<link", "<iframe", "<object", "<img",
    ] {
        assert!(!page.contains(needle), "{needle} in the page");
    }
    assert_no_addresses(&page);
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn report_is_the_same_bytes_for_any_thread_count_and_from_folio_run() {
    let one = report(&["-j", "1"]);
    assert_eq!(one, report(&["-j", "4"]));
    let clean = pipe(
        folio("folio-parse").arg(examples()),
        &mut folio("folio-clean"),
    );
    let dir = tempdir();
    let input = dir.path().join("clean.jsonl");
    fs::write(&input, &clean).unwrap();
    let piped = folio("folio-render")
        .args(["--to", "report"])
        .arg(&input)
        .output()
        .unwrap()
        .stdout;
    let run = folio("folio")
        .args(["run", "--clean", "--to", "report", "-q"])
        .arg(examples())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "one example post is malformed");
    assert_eq!(
        String::from_utf8(run.stdout).unwrap(),
        String::from_utf8(piped).unwrap()
    );
}

#[test]
fn report_with_out_dir_writes_report_html_only() {
    let dir = tempdir();
    let out = dir.path().join("site");
    folio("folio-render")
        .args(["--to", "report", "--out-dir"])
        .arg(&out)
        .arg(records())
        .assert()
        .success()
        .stdout("")
        .stderr("");
    let files: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files, ["report.html"]);
    let written = fs::read_to_string(out.join("report.html")).unwrap();
    let stdout = folio("folio-render")
        .args(["--to", "report"])
        .arg(records())
        .output()
        .unwrap()
        .stdout;
    assert_eq!(written.as_bytes(), stdout);
    assert!(!written.contains("<section id=\"rejections\">"));
}

#[test]
fn report_usage_errors_exit_2_before_writing() {
    let dir = tempdir();
    let rejects_copy = dir.path().join("rejects.jsonl");
    fs::copy(rejects(), &rejects_copy).unwrap();
    let copy = rejects_copy.to_str().unwrap();
    let records = records();
    let records = records.to_str().unwrap();
    let template = fixture("folio-render/post.md.j2");
    let template = template.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--to", "html", "--rejects-from", copy],
            "folio-render: --rejects-from applies to --to report",
        ),
        (
            &[
                "--to",
                "report",
                "--rejects-from",
                "/nonexistent/rejects.jsonl",
            ],
            "folio-render: --rejects-from /nonexistent/rejects.jsonl: cannot read: ",
        ),
        (
            &["--to", "report", "--rejects-from", "-"],
            "folio-render: --rejects-from: name a file",
        ),
        (
            &["--to", "report", "--rejects-from", copy, "--rejects", copy],
            "is also an input; writing it would destroy it",
        ),
        (
            &["--to", "report", "--index", "--out-dir", "x"],
            "--index needs --out-dir and --to html or --to markdown",
        ),
        (
            &["--to", "report", "--fields", "title"],
            "--fields applies to",
        ),
        (
            &["--to", "report", "--template", template],
            "--template and --to report do not go together",
        ),
    ];
    for (args, message) in cases {
        folio("folio-render")
            .current_dir(dir.path())
            .args(*args)
            .arg(records)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains(*message));
    }
    assert_eq!(
        fs::read(&rejects_copy).unwrap(),
        fs::read(rejects()).unwrap()
    );
    assert!(!dir.path().join("x").exists());
}

#[test]
fn report_counts_the_good_records_when_some_are_bad() {
    let dir = tempdir();
    let input = dir.path().join("mixed.jsonl");
    let good =
        json!({"id": "ok", "title": "好", "date": "2022-01-02T03:04:05+08:00", "text": "正文"});
    fs::write(
        &input,
        format!("{good}\n{{broken\n{{\"title\": 5}}\n{good}\n"),
    )
    .unwrap();
    let out = folio("folio-render")
        .args(["--to", "report"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mixed.jsonl:2: invalid JSON"), "{stderr}");
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("<dt>Records</dt><dd>2</dd>"), "{page}");
    assert!(page.contains("<title>2022-01-02: 2</title>"));
    let (status, stderr) = run_into_head(
        "folio-render",
        &["--to", "report", input.to_str().unwrap()],
        None,
    );
    assert_eq!(status, 1, "{stderr}");
    let (status, stderr) = run_into_head(
        "folio-render",
        &["--to", "report", records().to_str().unwrap()],
        None,
    );
    assert_eq!((status, stderr.as_str()), (0, ""));
}

#[test]
fn report_on_the_shared_corpus() {
    let (Some(posts), Some(pages)) = (shared("posts"), shared("pages")) else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let dir = tempdir();
    let parse_rejects = dir.path().join("parse-rejects.jsonl");
    let parsed = folio("folio-parse")
        .arg(&posts)
        .arg(&pages)
        .arg("--rejects")
        .arg(&parse_rejects)
        .output()
        .unwrap();
    let clean = dir.path().join("clean.jsonl");
    let cleaned = folio("folio-clean")
        .write_stdin(parsed.stdout)
        .output()
        .unwrap();
    fs::write(&clean, &cleaned.stdout).unwrap();
    let records = lines(&cleaned.stdout);
    assert!(records.len() > 40, "{} records", records.len());
    let out = folio("folio-render")
        .args(["--to", "report", "--rejects-from"])
        .arg(&parse_rejects)
        .arg(&clean)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).unwrap();
    let dated = records.iter().filter(|r| r.get("date").is_some()).count();
    assert!(page.contains(&format!("<dt>Records</dt><dd>{}</dd>", records.len())));
    assert!(page.contains(&format!("<dt>Dated</dt><dd>{dated}</dd>")));
    let zh = records.iter().filter(|r| r["lang"] == "zh").count();
    assert!(section(&page, "languages").contains(&format!(
        "<td class=\"key\">zh</td><td class=\"n\">{zh}</td>"
    )));
    let bars: u64 = section(&page, "days")
        .split("<title>")
        .skip(1)
        .filter_map(|t| {
            t.split("</title>")
                .next()?
                .rsplit_once(": ")?
                .1
                .replace(',', "")
                .parse::<u64>()
                .ok()
        })
        .sum();
    assert_eq!(bars as usize, dated, "every dated record is in a bar");
    assert!(!page.contains("<script"));
    assert_no_addresses(&page);
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 2);
    let sites = section(&page, "sites");
    assert!(
        sites.contains("<td class=\"key\">"),
        "pages have sites: {sites}"
    );
}

/// Headless Chromium for a local file, with a fresh profile, no network side traffic, its
/// console written to stderr, and a time limit.
fn chromium(args: &[&str], page: &Path, profile: &Path) -> (String, String) {
    let binary = PathBuf::from("/usr/bin/chromium");
    assert!(
        binary.exists(),
        "/usr/bin/chromium is missing: the browser test needs Debian's `chromium` package (run scripts/test-deps.sh as root)"
    );
    let out = assert_cmd::Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
        ])
        .args(["--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync"])
        .args(["--enable-logging=stderr", "--v=0", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .timeout(Duration::from_secs(90))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn a_browser_draws_the_report_charts() {
    let dir = tempdir();
    let page = dir.path().join("report.html");
    fs::write(
        &page,
        report(&["--title", "报告 <script>document.title='PWNED'</script>"]),
    )
    .unwrap();
    let profile = dir.path().join("profile");
    let (dom, console) = chromium(&["--dump-dom"], &page, &profile);
    // The browser read the page as UTF-8, ran nothing and was refused nothing.
    assert!(
        dom.contains("<h1>报告 &lt;script&gt;document.title='PWNED'&lt;/script&gt;</h1>"),
        "{dom}"
    );
    assert!(!dom.contains("PWNED</title>") && !dom.contains("<script"));
    let messages: Vec<&str> = console.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(messages.is_empty(), "console: {messages:#?}");
    // Two charts (days, lengths) and a bar in every table row with a count.
    assert_eq!(dom.matches("<svg class=\"chart\"").count(), 2, "{dom}");
    let days = section(&dom, "days");
    assert_eq!(days.matches("<rect class=\"bar\"").count(), 4);
    assert!(
        section(&dom, "lengths")
            .matches("<rect class=\"bar\"")
            .count()
            >= 5
    );
    assert!(dom.matches("<svg class=\"hbar\"").count() > 40);
    assert!(dom.contains("<td class=\"key\">金融</td>"));
    let shot = dir.path().join("report.png");
    chromium(
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1000,1400",
        ],
        &page,
        &profile,
    );
    assert!(
        fs::metadata(&shot).unwrap().len() > 20_000,
        "screenshot is not blank"
    );
    let pdf = dir.path().join("report.pdf");
    chromium(
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
        &page,
        &profile,
    );
    let printed = fs::read(&pdf).unwrap();
    assert!(
        printed.starts_with(b"%PDF") && printed.len() > 10_000,
        "printable"
    );
}

#[test]
fn report_of_many_records_is_their_counts() {
    // Every record reaches the tally through its facts only: a report on many copies of a
    // record is the report on one, scaled; nothing of the records' text is in it.
    let dir = tempdir();
    let text = "一句很长的正文。".repeat(200);
    let record: Value = json!({"id": "x", "title": "同一篇", "date": "2022-03-04T05:06:07+08:00", "text": text, "lang": "zh"});
    let many = dir.path().join("many.jsonl");
    fs::write(&many, format!("{record}\n").repeat(5_000)).unwrap();
    let page = String::from_utf8(
        folio("folio-render")
            .args(["--to", "report"])
            .arg(&many)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(page.contains("<dt>Records</dt><dd>5,000</dd>"));
    assert!(page.contains("<title>2022-03-04: 5,000</title>"));
    assert!(page.contains("<title>1,000 to 1,999 characters: 5,000</title>"));
    assert!(!page.contains("一句很长的正文"));
    assert!(page.len() < 40_000, "{} bytes", page.len());
}
