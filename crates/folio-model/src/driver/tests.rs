use super::feed::*;
use super::output::*;
use super::*;

fn feed(n: usize) -> Vec<Feed<usize>> {
    (0..n)
        .map(|i| Feed::Item(Location::file(format!("item{i}")), i))
        .collect()
}

fn collect_with(threads: usize, n: usize) -> Vec<usize> {
    let driver = Driver::new(
        Tool {
            name: "test",
            version: "0",
        },
        Options {
            threads,
            ..Options::default()
        },
    );
    let mut seen = Vec::new();
    let exit = driver.run(
        feed(n),
        |i, _notes| Ok(i * 2),
        |value, _loc, _out| {
            seen.push(value);
            Ok(())
        },
    );
    assert_eq!(exit, Exit::Ok);
    seen
}

#[test]
fn warnings_that_differ_only_in_quoted_values_are_one_kind() {
    assert_eq!(
        warning_kind("date \"2021-13-45\" is not a date; `date` left out"),
        "date \"…\" is not a date; `date` left out"
    );
    assert_eq!(
        warning_kind("date \"a \\\"b\\\" c\" is not a date"),
        warning_kind("date \"x\" is not a date")
    );
    assert_eq!(warning_kind("no article text left"), "no article text left");
    assert_eq!(warning_kind("cut \"short"), "cut \"…");
}

#[test]
fn results_come_in_input_order_for_any_thread_count() {
    let one = collect_with(1, 1000);
    assert_eq!(one, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
    assert_eq!(collect_with(4, 1000), one);
}

#[test]
fn strict_stops_at_the_first_reject() {
    let driver = Driver::new(
        Tool {
            name: "test",
            version: "0",
        },
        Options {
            strict: true,
            quiet: true,
            ..Options::default()
        },
    );
    let mut seen = Vec::new();
    let exit = driver.run(
        feed(10),
        |i, _| {
            if i == 3 {
                Err(Rejection::new("bad", None))
            } else {
                Ok(i)
            }
        },
        |v, _, _| {
            seen.push(v);
            Ok(())
        },
    );
    assert_eq!(exit, Exit::Rejected);
    assert_eq!(seen, [0, 1, 2]);
}

#[test]
fn an_input_that_is_not_json_lines_is_refused_line_by_line_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let post = dir.path().join("post.md");
    let good = dir.path().join("good.jsonl");
    std::fs::write(&post, "---\ntitle: Rain\n---\n\nIt rained.\n").unwrap();
    std::fs::write(&good, "{\"id\":\"a\"}\nnope\n").unwrap();
    let inputs = [post, good].map(|p| p.display().to_string());
    let got: Vec<String> = lines(&inputs)
        .map(|feed| match feed {
            Feed::Item(at, bytes) => format!("item {at} {}", String::from_utf8_lossy(&bytes)),
            Feed::Reject(at, r) => {
                let at = at.to_string();
                let at = &at[at.rfind('/').map_or(0, |i| i + 1)..];
                format!("reject {at} again={} {}", r.again, r.why)
            }
            _ => "other".into(),
        })
        .map(|s| s.replace(&*dir.path().display().to_string(), ""))
        .collect();
    let why = "looks like a Markdown post with front matter, not JSON lines: run folio-parse first";
    assert_eq!(
        got,
        [
            format!("reject post.md:1 again=false {why}"),
            format!("reject post.md:2 again=true {why}"),
            format!("reject post.md:3 again=true {why}"),
            format!("reject post.md:5 again=true {why}"),
            "item /good.jsonl:1 {\"id\":\"a\"}".to_owned(),
            "item /good.jsonl:2 nope".to_owned(),
        ]
    );
}

#[test]
fn rejects_file_gets_where_why_and_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rejects.jsonl");
    let driver = Driver::new(
        Tool {
            name: "test",
            version: "0",
        },
        Options {
            rejects: Some(path.clone()),
            quiet: true,
            ..Options::default()
        },
    );
    let exit = driver.run(
        feed(3),
        |i, _| {
            if i == 1 {
                Err(Rejection::new(
                    "odd one",
                    Some(Original::Line("raw".into())),
                ))
            } else {
                Ok(i)
            }
        },
        |_, _, _| Ok(()),
    );
    assert_eq!(exit, Exit::Rejected);
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        text,
        "{\"tool\":\"test\",\"where\":\"item1\",\"why\":\"odd one\",\"line\":\"raw\"}\n"
    );
}
