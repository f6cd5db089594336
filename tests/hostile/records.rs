//! Broken JSON lines, and odd but valid streams, in every record tool.

use super::*;

#[test]
fn broken_json_lines_are_rejects_with_their_reason() {
    let deep_array = format!("{{\"x\":{}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_meta = format!(
        "{{\"meta\":{}1{}}}",
        "{\"a\":".repeat(50_000),
        "}".repeat(50_000)
    );
    let bad: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "invalid JSON",
            b"{bad".to_vec(),
            "invalid JSON: key must be a string".into(),
        ),
        (
            "an array",
            b"[1,2]".to_vec(),
            "expected a JSON object, found an array".into(),
        ),
        (
            "a string",
            b"\"s\"".to_vec(),
            "expected a JSON object, found a string".into(),
        ),
        (
            "a wrong type",
            br#"{"title":3}"#.to_vec(),
            r#"invalid record: "title": invalid type: integer `3`, expected a string"#.into(),
        ),
        (
            "a wrong type in a list",
            br#"{"tags":["a",2]}"#.to_vec(),
            r#"invalid record: "tags""#.into(),
        ),
        (
            "invalid UTF-8",
            b"{\"title\":\"caf\xe9\"}".to_vec(),
            "undecodable bytes: not UTF-8 at byte 13".into(),
        ),
        (
            "a NUL byte",
            b"{\"title\":\"a\x00b\"}".to_vec(),
            "invalid JSON: control character".into(),
        ),
        (
            "deep JSON",
            deep_array.into_bytes(),
            "recursion limit exceeded".into(),
        ),
        (
            "deep JSON in meta",
            deep_meta.into_bytes(),
            "recursion limit exceeded".into(),
        ),
        (
            "binary garbage",
            b"\x89PNG\r\x1a\x00\x00\x00\rIHDR\xff\xfe".to_vec(),
            "<stdin>:2: ".into(),
        ),
        (
            "a newer format",
            br#"{"stages":[{"tool":"x","version":"9","format":2}]}"#.to_vec(),
            "record written by a newer folio (x wrote format 2)".into(),
        ),
    ];
    let mut cases = Vec::new();
    for tool in RECORD_TOOLS {
        for (name, line, why) in &bad {
            let mut input = format!("{GOOD}\n").into_bytes();
            input.extend_from_slice(line);
            input.extend_from_slice(format!("\n{GOOD}\n").as_bytes());
            let mut c = case(*name, tool)
                .stdin(input)
                .exit(1)
                .says(format!("{tool}: <stdin>:2"))
                .says(why.clone())
                .says(format!("{tool}: 1 input(s) rejected"));
            if tool != "folio-render" {
                c = c.lines(2);
            }
            cases.push(c);
        }
        cases.push(
            case("a truncated last line", tool)
                .stdin(format!("{GOOD}\n{{\"id\":\"cut"))
                .exit(1)
                .says(format!(
                    "{tool}: <stdin>:2: invalid JSON: EOF while parsing"
                )),
        );
    }
    check(cases);
}

#[test]
fn odd_but_valid_streams_are_read() {
    let mut cases = Vec::new();
    for tool in ["folio-clean", "folio-filter"] {
        cases.extend([
            case("empty input", tool).lines(0),
            case("blank lines only", tool).stdin("\n \n\t\n").lines(0),
            case("a byte-order mark and CRLF line ends", tool)
                .stdin(format!("\u{feff}{GOOD}\r\n{GOOD}\r\n"))
                .lines(2),
            case("no newline at the end", tool).stdin(GOOD).lines(1),
        ]);
    }
    cases.push(case("empty input", "folio-render").lines(0));
    check(cases);
}
