//! Deep and misnested markup through every tool, and `--where` nesting.

use std::time::{Duration, Instant};

use serde_json::json;

use super::*;
use crate::util::*;

// --- deep markup --------------------------------------------------------------------------

#[test]
fn deep_markup_neither_crashes_nor_takes_long() {
    let html = deep_html(DEEP);
    let page = format!("<html><head><title>Deep</title></head><body>{html}</body></html>");
    let rec = record(json!({"id": "x", "title": "Deep", "html": html}));
    let mut cases = vec![
        case("page of deep mixed markup", "folio-parse")
            .args(&["deep.html"])
            .file("deep.html", page.clone())
            .lines(1),
        case("gzipped page of deep markup", "folio-parse")
            .args(&["deep.html.gz"])
            .file("deep.html.gz", gzip(page.as_bytes()))
            .lines(1),
        case("post with deep markup", "folio-parse")
            .args(&["deep.md"])
            .file("deep.md", post("title: Deep", &html))
            .lines(1),
        case("record of deep mixed markup", "folio-clean")
            .stdin(rec.clone())
            .says(DEEP_WARNING)
            .lines(1),
        case("record of deep markup, filtered", "folio-filter")
            .args(&["--where", "html contains 'deepest'"])
            .stdin(rec.clone())
            .lines(1),
        case("record of deep markup, rendered as HTML", "folio-render")
            .args(&["--to", "html"])
            .stdin(rec.clone())
            .says("warning: record never cleaned"),
        case("record of deep markup, rendered as text", "folio-render")
            .args(&["--to", "text"])
            .stdin(rec.clone())
            .says("warning: record never cleaned"),
    ];
    for (open, close) in DEEP_KINDS {
        // The kinds of the issue, each at the depth that crashed folio-clean (8,000).
        let html = one_kind(8_000, open, close);
        cases.push(
            case(format!("8,000 nested {open}"), "folio-clean")
                .stdin(record(json!({"id": "x", "html": html})))
                .says(DEEP_WARNING)
                .lines(1),
        );
    }
    check(cases);
}

#[test]
fn cleaned_deep_quotes_stay_readable_by_the_next_tool() {
    let html = one_kind(3_000, "<blockquote><p>Said.</p>", "</blockquote>");
    let out = folio("folio-clean")
        .write_stdin(record(json!({"id": "q", "html": html})))
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    check(vec![
        case("deep quotes read by folio-filter", "folio-filter")
            .stdin(out.stdout.clone())
            .lines(1),
        case("deep quotes read by folio-render", "folio-render")
            .args(&["--to", "markdown"])
            .stdin(out.stdout),
    ]);
}

#[test]
fn time_grows_linearly_with_the_depth() {
    // Time in the square of the depth once made 1,000,000 levels take hours: ten times the
    // depth must take about ten times as long, not a hundred.
    let time = |n: usize| {
        let html = one_kind(n, "<div>", "</div>");
        let started = Instant::now();
        folio("folio-clean")
            .write_stdin(record(json!({"id": "x", "html": html})))
            .timeout(TIMEOUT)
            .assert()
            .success();
        started.elapsed()
    };
    let small = time(DEEP / 10).max(Duration::from_millis(50));
    let large = time(DEEP);
    assert!(
        large < small * 40,
        "{DEEP} levels took {large:?}, {} took {small:?}",
        DEEP / 10
    );
}

// --- --where ------------------------------------------------------------------------------

#[test]
fn where_expressions_nesting_too_deep_are_usage_errors() {
    let deep = [
        (
            "10,000 nested parentheses",
            format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000)),
        ),
        ("20,000 nots", format!("{}x", "not ".repeat(20_000))),
        (
            "10,000 nested lists",
            format!("x in {}1{}", "[".repeat(10_000), "]".repeat(10_000)),
        ),
    ];
    let mut cases: Vec<Case> = deep
        .iter()
        .map(|(name, expr)| {
            case(*name, "folio-filter")
                .args(&["--where", expr])
                .stdin(GOOD)
                .exit(2)
                .says("folio-filter: --where: at column")
                .says("nests deeper than 256 levels")
        })
        .collect();
    let fine = format!("{}title{}", "(".repeat(200), ")".repeat(200));
    cases.push(
        case("200 nested parentheses are fine", "folio-filter")
            .args(&["--where", &fine])
            .stdin(GOOD)
            .lines(1),
    );
    check(cases);
}

#[test]
fn formatting_elements_left_open_do_not_multiply() {
    // Each block used to reopen every <b> left open before it: n² elements, 5 GB for 40,000.
    let html: String = (0..20_000).map(|i| format!("<p><b id={i}>x")).collect();
    let started = Instant::now();
    let out = folio("folio-clean")
        .write_stdin(record(json!({"id": "b", "html": html})))
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}
