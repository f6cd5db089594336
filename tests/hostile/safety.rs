//! Data safety: no input destroyed by an output, no output lost silently, no message forged
//! from the input, nothing active written into spreadsheets or templates, valid posts kept,
//! every skipped input accounted for, and argument errors in one form.

use std::fs;

use serde_json::json;

use super::*;
use crate::util::*;

// --- inputs never destroyed -------------------------------------------------------------------

#[test]
fn a_rejects_file_that_is_an_input_is_refused_before_anything_is_written() {
    let a_post = post("title: Kept", "<p>Words that must survive.</p>");
    let mut cases = vec![
        case("--rejects is the post read", "folio-parse")
            .args(&["--rejects", "a.md", "a.md"])
            .file("a.md", a_post.clone())
            .exit(2)
            .says("folio-parse: --rejects a.md: is also an input; writing it would destroy it")
            .keeps("a.md"),
        case("--rejects names the post another way", "folio-parse")
            .args(&["--rejects", "./sub/../a.md", "a.md"])
            .file("a.md", a_post.clone())
            .file("sub/b.md", a_post.clone())
            .exit(2)
            .says("is also an input")
            .keeps("a.md"),
        case("--rejects matched by a glob read", "folio-parse")
            .args(&["--rejects", "b.md", "*.md"])
            .file("a.md", a_post.clone())
            .file("b.md", a_post.clone())
            .exit(2)
            .says("--rejects b.md: is also an input")
            .keeps("b.md"),
        case("--rejects inside a folder walked", "folio-parse")
            .args(&["--rejects", "posts/rejects.jsonl", "posts"])
            .file("posts/a.md", a_post.clone())
            .exit(2)
            .says("--rejects posts/rejects.jsonl: is also an input"),
        case("--rejects is the --files-from list", "folio-parse")
            .args(&["--rejects", "list.txt", "--files-from", "list.txt"])
            .file("list.txt", "a.md\n")
            .file("a.md", a_post.clone())
            .exit(2)
            .says("--rejects list.txt: is also an input")
            .keeps("list.txt"),
        case("--rejects is stdin's file", "folio-parse")
            .args(&["--rejects", ".stdin", "-"])
            .stdin(a_post.clone())
            .exit(2)
            .says("--rejects .stdin: is also an input")
            .keeps(".stdin"),
        case("a rejects file elsewhere is fine", "folio-parse")
            .args(&["--rejects", "rejects.jsonl", "a.md"])
            .file("a.md", a_post)
            .lines(1),
    ];
    for tool in RECORD_TOOLS {
        cases.push(
            case("--rejects is the records read", tool)
                .args(&["--rejects", "in.jsonl", "in.jsonl"])
                .file("in.jsonl", format!("{GOOD}\n"))
                .exit(2)
                .says(format!(
                    "{tool}: --rejects in.jsonl: is also an input; writing it would destroy it"
                ))
                .keeps("in.jsonl"),
        );
        cases.push(
            case("--rejects is the file on stdin", tool)
                .args(&["--rejects", ".stdin"])
                .stdin(format!("{GOOD}\n"))
                .exit(2)
                .says(format!("{tool}: --rejects .stdin: is also an input"))
                .keeps(".stdin"),
        );
    }
    check(cases);
}

#[test]
fn an_out_dir_file_that_is_an_input_is_never_replaced() {
    let line = format!("{}\n", r#"{"id":"same","title":"Same","text":"Body."}"#);
    check(vec![
        case("--out-dir would replace the records read", "folio-render")
            .args(&["--out-dir", "out", "--name", "{id}.md", "out/same.md"])
            .file("out/same.md", line.clone())
            .exit(2)
            .says("out/same.md: is also an input; writing it would destroy it")
            .keeps("out/same.md"),
        case("--overwrite always does not change that", "folio-render")
            .args(&[
                "--out-dir",
                "out",
                "--overwrite",
                "always",
                "--name",
                "{id}.md",
                "out/same.md",
            ])
            .file("out/same.md", line.clone())
            .exit(2)
            .says("out/same.md: is also an input")
            .keeps("out/same.md"),
        case("another name in the folder is written", "folio-render")
            .args(&["--out-dir", "out", "--name", "{id}-page.md", "out/same.md"])
            .file("out/same.md", line)
            .keeps("out/same.md")
            .file_has("out/same-page.md", "Body."),
    ]);
}

// --- output never lost silently -------------------------------------------------------------

#[test]
fn a_closed_stdout_is_an_error_not_a_silent_success() {
    let mut cases = Vec::new();
    for tool in TOOLS {
        let args: &[&str] = if tool == "folio-parse" {
            &["a.md"]
        } else {
            &[]
        };
        cases.push(
            case("stdout closed", tool)
                .args(args)
                .file("a.md", post("title: x", "<p>Some words.</p>"))
                .stdin(format!("{GOOD}\n"))
                .stdout_closed()
                .exit(2)
                .says(format!("{tool}: <stdout>: standard output is closed")),
        );
    }
    // Nothing to write on stdout, nothing lost: files under --out-dir need no stdout.
    cases.push(
        case("stdout closed, files under --out-dir", "folio-render")
            .args(&["--out-dir", "out", "--name", "{id}.md"])
            .stdin(format!("{GOOD}\n"))
            .stdout_closed()
            .file_has("out/good.md", "Fine words here."),
    );
    check(cases);
}

// --- messages that cannot be forged ------------------------------------------------------------

#[test]
fn ids_and_file_names_cannot_forge_or_hide_lines_on_stderr() {
    let forged_id = "a\nfolio-clean: all.jsonl:1: forged\u{1b}[2J";
    let deep = record(json!({"id": forged_id, "html": one_kind(600, "<div>", "</div>")}));
    let forged_name = "b\nfolio-parse: c.md: forged\u{1b}[2J.md";
    check(vec![
        case("an id with a newline and an escape sequence", "folio-clean")
            .stdin(deep)
            .says(r"(id a\nfolio-clean: all.jsonl:1: forged\u{1b}[2J): warning")
            .lacks("\nfolio-clean: all.jsonl:1: forged")
            .lacks("\u{1b}"),
        case(
            "a file name with a newline and an escape sequence",
            "folio-parse",
        )
        .args(&["posts"])
        .file(&format!("posts/{forged_name}"), "")
        .exit(1)
        .says(r"b\nfolio-parse: c.md: forged\u{1b}[2J.md: empty document")
        .lacks("\nfolio-parse: c.md: forged")
        .lacks("\u{1b}"),
    ]);
}

// --- nothing active in the output ----------------------------------------------------------------

#[test]
fn spreadsheet_formulas_are_neutralised_unless_asked_to_keep_them() {
    let risky = [
        "=cmd|' /C calc'!A0",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\rx",
    ];
    let mut input = Vec::new();
    for (n, title) in risky.iter().enumerate() {
        input.extend(record(
            json!({"id": format!("r{n}"), "title": title, "meta": {"n": -5}}),
        ));
    }
    let mut csv = case("CSV cells starting = + - @ tab CR", "folio-render")
        .args(&["--to", "csv", "--fields", "id,title,meta.n"])
        .stdin(input.clone())
        .prints(",-5\r\n")
        .prints_no(",=cmd");
    let mut tsv = case("TSV cells", "folio-render")
        .args(&["--to", "tsv", "--fields", "title"])
        .stdin(input.clone());
    for title in risky {
        csv = csv.prints(format!("'{}", &title[..1]));
        tsv = tsv.prints(format!("'{}", &title[..1]));
    }
    check(vec![
        csv,
        tsv,
        case("--csv-formulas keep", "folio-render")
            .args(&["--to", "csv", "--fields", "title", "--csv-formulas", "keep"])
            .stdin(input)
            .prints("\n=cmd|' /C calc'!A0\r\n")
            .prints_no("'="),
        case("--csv-formulas with a bad value", "folio-render")
            .args(&["--to", "csv", "--csv-formulas", "maybe"])
            .exit(2)
            .says("folio-render: --csv-formulas: invalid value 'maybe'"),
    ]);
}

#[test]
fn templates_get_no_active_address() {
    let template = "<a href=\"{{ url }}\">{{ title }}</a>\
        <img src=\"{{ record.image }}\">\
        {% for block in record.blocks %}{% for inline in block.inlines %}\
        <a href=\"{{ inline.href }}\">{{ inline.text }}</a>{% endfor %}{% endfor %}\
        <a href=\"{{ record.meta.cover_link | safe_url }}\">cover</a>\
        <a href=\"{{ record.meta.home | safe_url }}\">home</a>";
    let hostile = record(json!({
        "id": "t",
        "title": "Links",
        "url": " JaVaScRiPt:alert(1)",
        "image": "data:text/html;base64,PHNjcmlwdD4=",
        "blocks": [{"type": "paragraph", "inlines": [
            {"text": "one", "href": "vbscript:msgbox(1)"},
            {"text": "two", "href": "https://example.org/two"}
        ]}],
        "meta": {"cover_link": "java\tscript:alert(2)", "home": "https://example.org/"}
    }));
    let mut cases = Vec::new();
    // An HTML template escapes `/` as `&#x2f;` too.
    for (name, slash) in [("page.html", "&#x2f;"), ("page.md", "/")] {
        let address = |path: &str| format!("href=\"https:{slash}{slash}example.org{slash}{path}\"");
        cases.push(
            case(format!("template {name}"), "folio-render")
                .args(&["--template", name])
                .file(name, template)
                .stdin(hostile.clone())
                .prints(address("two"))
                .prints(address(""))
                .prints("src=\"\"")
                .prints_no("alert")
                .prints_no("script:")
                .prints_no("data:")
                .prints_no("vbscript"),
        );
    }
    check(cases);
}

// --- valid posts kept ----------------------------------------------------------------------------

#[test]
fn numbers_json_cannot_hold_keep_the_post() {
    check(vec![case("huge integers and .nan/.inf in YAML", "folio-parse")
        .args(&["a.md"])
        .file(
            "a.md",
            post(
                "title: Numbers\nviews: 99999999999999999999999999\nbelow: -99999999999999999999999999\nratio: .nan\nup: .inf\ndown: -.inf",
                "<p>Counted words.</p>",
            ),
        )
        .lines(1)
        .prints(r#""views":"99999999999999999999999999""#)
        .prints(r#""below":"-99999999999999999999999999""#)
        .prints(r#""ratio":".nan""#)
        .prints(r#""up":".inf""#)
        .prints(r#""down":"-.inf""#)]);
}

// --- every skipped input accounted for ---------------------------------------------------------

#[test]
fn skipped_inputs_go_to_the_rejects_file_even_when_quiet() {
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend([0u8; 64]);
    check(vec![
        case(
            "a binary file and a hidden one in a folder, -q",
            "folio-parse",
        )
        .args(&["-q", "--rejects", "rejects.jsonl", "posts"])
        .file("posts/a.md", post("title: A", "<p>Kept words.</p>"))
        .file("posts/image.png", binary.clone())
        .file("posts/.hidden.md", post("title: H", "<p>Hidden.</p>"))
        .lines(1)
        .file_has(
            "rejects.jsonl",
            r#""why":"binary file, skipped","path":"posts/image.png""#,
        )
        .file_has(
            "rejects.jsonl",
            r#""why":"hidden, skipped","path":"posts/.hidden.md""#,
        ),
        case("the same without -q warns", "folio-parse")
            .args(&["posts"])
            .file("posts/image.png", binary)
            .says("folio-parse: posts/image.png: warning: binary file, skipped"),
    ]);
}

#[test]
fn no_nul_is_written_into_text_outputs() {
    let nul = record(json!({"id": "n", "title": "Nul", "text": "before\u{0}after"}));
    let mut cases = Vec::new();
    for format in ["markdown", "text", "html", "csv"] {
        cases.push(
            case(format!("NUL in --to {format}"), "folio-render")
                .args(&["--to", format])
                .args(if format == "csv" {
                    &["--fields", "text"]
                } else {
                    &[]
                })
                .stdin(nul.clone())
                .prints("before\u{FFFD}after")
                .prints_no("\u{0}"),
        );
    }
    cases.push(
        case("NUL in --to jsonl stays escaped", "folio-render")
            .args(&["--to", "jsonl"])
            .stdin(nul)
            .prints(r"before\u0000after"),
    );
    check(cases);
}

// --- file names --------------------------------------------------------------------------------

#[test]
fn names_equal_after_normalisation_or_case_do_not_collide_and_stay_short() {
    let long = "长".repeat(70);
    let mut input = Vec::new();
    for (id, title) in [
        ("1", "Caf\u{e9}"),
        ("2", "Cafe\u{301}"),
        ("3", "CAF\u{c9}"),
        ("4", long.as_str()),
        ("5", long.as_str()),
    ] {
        input.extend(record(
            json!({"id": id, "title": title, "text": format!("Body {id}.")}),
        ));
    }
    let dir = tempdir();
    folio("folio-render")
        .args(["--out-dir", "out", "--name", "{title}.md"])
        .current_dir(dir.path())
        .write_stdin(input)
        .assert()
        .success();
    let mut names: Vec<String> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    for name in &names {
        assert!(name.len() <= 200, "{name} is {} bytes", name.len());
    }
    assert!(names.contains(&"Caf\u{e9}.md".to_owned()), "{names:?}");
    assert!(names.contains(&"Caf\u{e9}-2.md".to_owned()), "{names:?}");
    assert!(names.contains(&"CAF\u{c9}-3.md".to_owned()), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("长-2.md")), "{names:?}");
}

// --- unbounded reads -------------------------------------------------------------------------------

#[test]
fn a_files_from_list_with_an_endless_line_is_read_past() {
    let mut list = vec![b'x'; 100_000];
    list.extend(b"\na.md\n");
    check(vec![case("a 100 kB line in --files-from", "folio-parse")
        .args(&["--files-from", "list"])
        .file("list", list)
        .file("a.md", post("title: A", "<p>Listed words.</p>"))
        .exit(1)
        .lines(1)
        .says(
            "folio-parse: --files-from:1: a line longer than 16384 bytes: not a path, skipped",
        )]);
}

// --- argument errors in one form ------------------------------------------------------------------

#[test]
fn argument_errors_read_tool_where_why_with_status_2() {
    let mut cases = vec![
        case("an unknown zone", "folio-parse")
            .args(&["--tz", "Mars/Olympus", "a.md"])
            .exit(2)
            .says("folio-parse: --tz: invalid value 'Mars/Olympus': unknown time zone"),
        case("an unknown format", "folio-render")
            .args(&["--to", "bogus"])
            .exit(2)
            .says("folio-render: --to: invalid value 'bogus' (expected markdown, text, html,"),
        case("a bad selector in --rules", "folio-clean")
            .args(&["--rules", "rules.yaml"])
            .file("rules.yaml", "drop_selectors:\n  - \"p >\"\n")
            .exit(2)
            .says("folio-clean: rules.yaml: drop_selectors: invalid selector \"p >\"")
            .lacks("report this to the developer"),
    ];
    for tool in TOOLS {
        cases.push(
            case("-j -1", tool)
                .args(&["-j", "-1"])
                .exit(2)
                .says(format!("{tool}: -1: unexpected argument '-1' found"))
                .lacks("error:")
                .lacks("Usage:"),
        );
        cases.push(
            case("an unknown flag", tool)
                .args(&["--bogus"])
                .exit(2)
                .says(format!(
                    "{tool}: --bogus: unexpected argument '--bogus' found"
                ))
                .lacks("error:"),
        );
        cases.push(
            case("--version still prints", tool)
                .args(&["--version"])
                .prints(format!("{tool} ")),
        );
    }
    check(cases);
}
