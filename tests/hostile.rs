//! Hostile, broken and huge input (issue 16): no crash, no hang, nothing lost. Each case is
//! an input, a tool and its arguments, with the exit status and the message expected; all of
//! them run even when one fails, and the report names every case that did not hold.
//! docs/reliability.md says what is promised and quotes the figures of these tests.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::util::*;

/// Nested elements in the deep-markup cases: a million in release builds, where each tool
/// takes seconds; debug builds run an unoptimised parser some twenty times slower, so there
/// the same cases use fewer (still far past the depth that crashed, about 8,000).
const DEEP: usize = if cfg!(debug_assertions) {
    30_000
} else {
    1_000_000
};

/// No case may take longer than this: a hang fails instead of stalling the suite.
const TIMEOUT: Duration = Duration::from_secs(120);

const TOOLS: [&str; 4] = ["folio-parse", "folio-clean", "folio-filter", "folio-render"];
const RECORD_TOOLS: [&str; 3] = ["folio-clean", "folio-filter", "folio-render"];

/// One run of one tool and what it must do.
struct Case {
    name: String,
    tool: &'static str,
    /// `{dir}` stands for the case's temporary folder.
    args: Vec<String>,
    stdin: Vec<u8>,
    /// Files written into the temporary folder first.
    files: Vec<(String, Vec<u8>)>,
    exit: i32,
    /// Each must appear in stderr; an empty list means stderr must be empty.
    stderr: Vec<String>,
    /// Lines expected on stdout, when it matters.
    stdout_lines: Option<usize>,
    /// Where stdout goes: a pipe read to the end, or `/dev/full`.
    stdout_full: bool,
}

fn case(name: impl Into<String>, tool: &'static str) -> Case {
    Case {
        name: name.into(),
        tool,
        args: Vec::new(),
        stdin: Vec::new(),
        files: Vec::new(),
        exit: 0,
        stderr: Vec::new(),
        stdout_lines: None,
        stdout_full: false,
    }
}

impl Case {
    fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = bytes.into();
        self
    }

    fn file(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.push((name.to_owned(), bytes.into()));
        self
    }

    fn exit(mut self, code: i32) -> Self {
        self.exit = code;
        self
    }

    fn says(mut self, text: impl Into<String>) -> Self {
        self.stderr.push(text.into());
        self
    }

    fn lines(mut self, n: usize) -> Self {
        self.stdout_lines = Some(n);
        self
    }

    fn into_dev_full(mut self) -> Self {
        self.stdout_full = true;
        self
    }

    /// Runs the case; `Err` says how it went wrong.
    fn run(&self) -> Result<(), String> {
        let dir = tempdir();
        for (name, bytes) in &self.files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            fs::write(path, bytes).map_err(|e| e.to_string())?;
        }
        let place = dir.path().display().to_string();
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| a.replace("{dir}", &place))
            .collect();
        let stdin_path = dir.path().join(".stdin");
        fs::write(&stdin_path, &self.stdin).map_err(|e| e.to_string())?;
        let mut cmd = StdCommand::new(bin(self.tool));
        cmd.env_clear()
            .env("LC_ALL", "C.UTF-8")
            .args(&args)
            .current_dir(dir.path())
            .stdin(fs::File::open(&stdin_path).map_err(|e| e.to_string())?)
            .stderr(Stdio::piped());
        if self.stdout_full {
            let full = fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .map_err(|e| e.to_string())?;
            cmd.stdout(full);
        } else {
            cmd.stdout(Stdio::piped());
        }
        let started = Instant::now();
        let out = run_with_timeout(cmd)?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let status = out.status.code();
        let mut wrong = Vec::new();
        if status != Some(self.exit) {
            wrong.push(format!("exit {status:?}, expected {}", self.exit));
        }
        if self.stderr.is_empty() && !stderr.is_empty() {
            wrong.push("stderr should be empty".to_owned());
        }
        for text in &self.stderr {
            if !stderr.contains(text.as_str()) {
                wrong.push(format!("stderr lacks {text:?}"));
            }
        }
        if let Some(n) = self.stdout_lines {
            let got = out
                .stdout
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count();
            if got != n {
                wrong.push(format!("{got} lines on stdout, expected {n}"));
            }
        }
        if wrong.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{} [{} {}] ({:.1?}): {}\n  stderr: {}",
            self.name,
            self.tool,
            args.join(" "),
            started.elapsed(),
            wrong.join("; "),
            stderr
                .chars()
                .take(600)
                .collect::<String>()
                .replace('\n', "\n          ")
        ))
    }
}

/// Runs `cmd` to its end, or kills it after [`TIMEOUT`] and says so.
fn run_with_timeout(mut cmd: StdCommand) -> Result<std::process::Output, String> {
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {TIMEOUT:?}: killed"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ok(std::process::Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Runs every case and fails with the list of those that did not hold.
fn check(cases: Vec<Case>) {
    let count = cases.len();
    let failures: Vec<String> = cases.iter().filter_map(|c| c.run().err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn post(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}\n")
}

fn record(value: Value) -> Vec<u8> {
    let mut line = serde_json::to_vec(&value).expect("JSON");
    line.push(b'\n');
    line
}

/// HTML nesting `n` elements, cycling through the kinds that used to overflow the stack.
fn deep_html(n: usize) -> String {
    const KINDS: [(&str, &str); 6] = [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<b>", "</b>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
    ];
    let mut html = String::from("<p>Before the deep part.</p>");
    for i in 0..n {
        html.push_str(KINDS[i % KINDS.len()].0);
    }
    html.push_str("The deepest words.");
    for i in (0..n).rev() {
        html.push_str(KINDS[i % KINDS.len()].1);
    }
    html.push_str("<p>After the deep part.</p>");
    html
}

fn one_kind(n: usize, open: &str, close: &str) -> String {
    format!(
        "<p>Before.</p>{}Deep.{}<p>After.</p>",
        open.repeat(n),
        close.repeat(n)
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

const GOOD: &str = r#"{"id":"good","title":"A good record","html":"<p>Fine words here.</p>"}"#;

const DEEP_WARNING: &str = "folio-clean: <stdin>:1 (id x): warning: HTML nested deeper than 512 \
     elements: the deeper ones were read as siblings (see docs/reliability.md)";

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
            .stdin(rec.clone()),
        case("record of deep markup, rendered as text", "folio-render")
            .args(&["--to", "text"])
            .stdin(rec.clone()),
    ];
    for (open, close) in [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<b>", "</b>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
    ] {
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

// --- files that are not regular -----------------------------------------------------------

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.to_str().expect("UTF-8 path")).expect("no NUL");
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
}

#[cfg(unix)]
#[test]
fn fifos_and_sockets_in_a_folder_are_skipped_with_a_warning() {
    let dir = tempdir();
    let root = dir.path();
    fs::write(
        root.join("a.html"),
        "<html><body><p>A page.</p></body></html>",
    )
    .unwrap();
    mkfifo(&root.join("b.html"));
    let _socket = std::os::unix::net::UnixListener::bind(root.join("c.html")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("d.html")).unwrap();
    let out = folio("folio-parse")
        .arg(root)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(lines(&out.stdout).len(), 1);
    let r = root.display();
    for expected in [
        format!("folio-parse: {r}/b.html: warning: not a regular file (a FIFO), skipped"),
        format!("folio-parse: {r}/c.html: warning: not a regular file (a socket), skipped"),
        format!("folio-parse: {r}/d.html: warning: not a regular file (a device), skipped"),
    ] {
        assert!(stderr.contains(&expected), "{expected}\n{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_read_as_cat_reads_it() {
    let dir = tempdir();
    let fifo = dir.path().join("page.html");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Opening blocks until the reader opens the other end.
            fs::write(fifo, "<html><body><p>Through a pipe.</p></body></html>").unwrap();
        })
    };
    let out = folio("folio-parse")
        .arg(&fifo)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 1);
    assert!(records[0]["html"]
        .as_str()
        .unwrap()
        .contains("Through a pipe."));
}

// --- limits -------------------------------------------------------------------------------

#[test]
fn records_over_the_size_limit_are_rejects_and_the_stream_goes_on() {
    let long = record(json!({"id": "long", "title": "x".repeat(5_000)}));
    let mut input = Vec::new();
    input.extend_from_slice(GOOD.as_bytes());
    input.push(b'\n');
    input.extend_from_slice(&long);
    input.extend_from_slice(GOOD.as_bytes());
    input.push(b'\n');
    let mut cases = Vec::new();
    for tool in RECORD_TOOLS {
        let mut c = case("line over --max-record-bytes", tool)
            .args(&["--max-record-bytes", "4K", "--to", "jsonl"])
            .stdin(input.clone())
            .exit(1)
            .says(format!(
                "{tool}: <stdin>:2: record longer than --max-record-bytes (4096 bytes), skipped"
            ));
        if tool != "folio-render" {
            c.args.truncate(2);
            c = c.lines(2);
        }
        cases.push(c);
    }
    let zeros = vec![0u8; 4 << 20];
    let page = format!(
        "<html><body>{}</body></html>",
        "<p>Words.</p>".repeat(20_000)
    );
    cases.extend([
        case("page over --max-record-bytes", "folio-parse")
            .args(&["--max-record-bytes", "100K", "big.html", "small.html"])
            .file("big.html", page.clone())
            .file("small.html", "<html><body><p>Small.</p></body></html>")
            .exit(1)
            .says("folio-parse: big.html: larger than --max-record-bytes (102400 bytes)")
            .lines(1),
        case("gzip bomb", "folio-parse")
            .args(&["--max-record-bytes", "1M", "bomb.html.gz"])
            .file("bomb.html.gz", gzip(&zeros))
            .exit(1)
            .says("bomb.html.gz: larger than --max-record-bytes (1048576 bytes) when decompressed"),
        case("gzip bomb under the default limit", "folio-parse")
            .args(&["bomb.html.gz"])
            .file("bomb.html.gz", gzip(&zeros))
            .says("binary file, skipped"),
        case("/dev/zero named as a file", "folio-parse")
            .args(&["--max-record-bytes", "1M", "/dev/zero"])
            .exit(1)
            .says("folio-parse: /dev/zero: larger than --max-record-bytes (1048576 bytes)"),
        case("stdin over --max-record-bytes", "folio-parse")
            .args(&["--max-record-bytes", "1K", "-"])
            .stdin(page.clone())
            .exit(1)
            .says("folio-parse: <stdin>: larger than --max-record-bytes (1024 bytes)"),
        case("crawl line over --max-record-bytes", "folio-parse")
            .args(&["--from", "jsonl", "--max-record-bytes", "1K"])
            .stdin(record(
                json!({"url": "https://example.com/a", "html": page}),
            ))
            .exit(1)
            .says("<stdin>:1: record longer than --max-record-bytes (1024 bytes), skipped"),
    ]);
    for (value, why) in [
        ("0", "the size must be at least 1 byte"),
        ("12Q", "unknown unit \"Q\""),
        ("lots", "is not a size"),
    ] {
        cases.push(
            case(format!("--max-record-bytes {value}"), "folio-clean")
                .args(&["--max-record-bytes", value])
                .stdin(GOOD)
                .exit(2)
                .says(why),
        );
    }
    check(cases);
}

// --- broken records -----------------------------------------------------------------------

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

// --- broken files -------------------------------------------------------------------------

#[test]
fn broken_files_are_rejects_or_skipped_with_their_reason() {
    let mut alias_bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in "bcdefghi".chars() {
        let refs = vec![format!("*{previous}"); 9].join(",");
        alias_bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    alias_bomb.push_str("title: Laughs");
    let deep_flow = format!("title: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_block: String = (1..3_000)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    let deep_map: String = (0..3_000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let page = "<html><body><p>A page that was cut short.</p></body></html>".repeat(100);
    let gz = gzip(page.as_bytes());
    let cases = vec![
        case("malformed YAML front matter", "folio-parse")
            .args(&["a.md"])
            .file("a.md", post("title: [unclosed", "<p>x</p>"))
            .exit(1)
            .says("folio-parse: a.md:3: malformed YAML front matter: did not find expected"),
        case("unterminated front matter", "folio-parse")
            .args(&["a.md"])
            .file("a.md", "---\ntitle: x\n<p>never closed</p>\n")
            .exit(1)
            .says("folio-parse: a.md:1: unterminated yaml front matter: no closing `---` line"),
        case("YAML alias bomb", "folio-parse")
            .args(&["a.md"])
            .file("a.md", post(&alias_bomb, "<p>x</p>"))
            .exit(1)
            .says("malformed YAML front matter: repetition limit exceeded"),
        case("deep YAML, flow style", "folio-parse")
            .args(&["a.md"])
            .file("a.md", post(&deep_flow, "<p>x</p>"))
            .exit(1)
            .says("malformed YAML front matter: recursion limit exceeded"),
        case("deep YAML, block lists", "folio-parse")
            .args(&["a.md"])
            .file(
                "a.md",
                post(&format!("x:\n{deep_block}title: y"), "<p>x</p>"),
            )
            .exit(1)
            .says("malformed YAML front matter: recursion limit exceeded"),
        case("deep YAML, block maps", "folio-parse")
            .args(&["a.md"])
            .file("a.md", post(deep_map.trim_end(), "<p>x</p>"))
            .exit(1)
            .says("malformed YAML front matter: recursion limit exceeded"),
        case("YAML of the wrong types", "folio-parse")
            .args(&["a.md"])
            .file(
                "a.md",
                post("title: [a, b]\ncategories: {a: 1}", "<p>x</p>"),
            )
            .lines(1),
        case("malformed TOML front matter", "folio-parse")
            .args(&["a.md"])
            .file("a.md", "+++\ntitle = \n+++\n<p>x</p>\n")
            .exit(1)
            .says("folio-parse: a.md:2: malformed TOML front matter"),
        case("malformed JSON front matter", "folio-parse")
            .args(&["a.md"])
            .file("a.md", "{\"title\": \"x\",\n\n<p>x</p>\n")
            .exit(1)
            .says("malformed JSON front matter: key must be a string"),
        case("deep JSON front matter", "folio-parse")
            .args(&["a.md"])
            .file(
                "a.md",
                format!(
                    "{{\"title\": {}{}}}\n\n<p>x</p>\n",
                    "[".repeat(10_000),
                    "]".repeat(10_000)
                ),
            )
            .exit(1)
            .says("malformed JSON front matter: recursion limit exceeded"),
        case("invalid UTF-8 in a post", "folio-parse")
            .args(&["a.md"])
            .file(
                "a.md",
                b"---\ntitle: caf\xe9\n---\n<p>\xff\xfe</p>\n".to_vec(),
            )
            .exit(1)
            .says("folio-parse: a.md:2: undecodable bytes: not UTF-8 at byte 14"),
        case("NUL bytes in a post", "folio-parse")
            .args(&["a.md"])
            .file("a.md", b"---\ntitle: x\n---\n<p>a\x00b</p>\n".to_vec())
            .says("folio-parse: a.md: warning: binary file, skipped")
            .lines(0),
        case("a binary file", "folio-parse")
            .args(&["a.html"])
            .file("a.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec())
            .says("folio-parse: a.html: warning: binary file, skipped")
            .lines(0),
        case("an empty file", "folio-parse")
            .args(&["a.md"])
            .file("a.md", "")
            .exit(1)
            .says("folio-parse: a.md: empty document"),
        case("a byte-order mark and CRLF", "folio-parse")
            .args(&["a.md"])
            .file("a.md", "\u{feff}---\r\ntitle: Bom\r\n---\r\n<p>x</p>\r\n")
            .lines(1),
        case("truncated gzip", "folio-parse")
            .args(&["a.html.gz"])
            .file("a.html.gz", gz[..gz.len() / 2].to_vec())
            .exit(1)
            .says("folio-parse: a.html.gz: undecodable gzip:"),
        case("not gzip at all", "folio-parse")
            .args(&["a.html.gz"])
            .file("a.html.gz", page.clone())
            .exit(1)
            .says("folio-parse: a.html.gz: undecodable gzip:"),
        case("a missing file", "folio-parse")
            .args(&["missing.md", "a.md"])
            .file("a.md", post("title: x", "<p>x</p>"))
            .exit(1)
            .says("folio-parse: missing.md: cannot read: No such file or directory")
            .lines(1),
        case("invalid crawl line", "folio-parse")
            .args(&["--from", "jsonl"])
            .stdin("{\"url\": \n")
            .exit(1)
            .says("folio-parse: <stdin>:1: "),
        case("deep crawl line", "folio-parse")
            .args(&["--from", "jsonl"])
            .stdin(format!(
                "{{\"html\":{}1{}}}\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ))
            .exit(1)
            .says("recursion limit exceeded"),
    ];
    check(cases);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_folder_is_a_reject_not_a_hang() {
    let dir = tempdir();
    fs::create_dir(dir.path().join("posts")).unwrap();
    fs::write(dir.path().join("posts/a.md"), post("title: A", "<p>x</p>")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("posts/loop")).unwrap();
    let out = folio("folio-parse")
        .arg(dir.path().join("posts"))
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
    assert_eq!(lines(&out.stdout).len(), 1);
}

// --- outputs ------------------------------------------------------------------------------

#[test]
fn outputs_that_fail_are_reported_once_with_status_2() {
    let mut cases = Vec::new();
    for tool in TOOLS {
        let (args, stdin): (Vec<&str>, &str) = if tool == "folio-parse" {
            (vec!["a.md"], "")
        } else {
            (vec![], GOOD)
        };
        cases.push(
            case("/dev/full as stdout", tool)
                .args(&args)
                .file("a.md", post("title: x", "<p>x</p>"))
                .stdin(stdin)
                .into_dev_full()
                .exit(2)
                .says(format!("{tool}: <stdout>: No space left on device")),
        );
        // One bad input, whose reject cannot be written.
        let full_args = if tool == "folio-parse" {
            vec!["empty.md", "--rejects", "/dev/full"]
        } else {
            vec!["--rejects", "/dev/full"]
        };
        cases.push(
            case("a rejects file on a full disk", tool)
                .args(&full_args)
                .file("empty.md", "")
                .stdin(format!("{stdin}\n{{bad\n"))
                .exit(2)
                .says(format!("{tool}: --rejects: No space left on device")),
        );
        let mut rejects_args = args.clone();
        rejects_args.extend(["--rejects", "{dir}/missing/folder/rejects.jsonl"]);
        cases.push(
            case("an unwritable rejects file", tool)
                .args(&rejects_args)
                .file("a.md", post("title: x", "<p>x</p>"))
                .stdin(stdin)
                .exit(2)
                .says(format!("{tool}: --rejects "))
                .says("No such file or directory"),
        );
    }
    check(cases);
}

#[test]
fn a_stdout_closed_early_ends_every_tool_quietly() {
    let dir = tempdir();
    let input = dir.path().join("in.jsonl");
    fs::write(&input, format!("{GOOD}\n").repeat(5_000)).unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir(&posts).unwrap();
    for i in 0..500 {
        fs::write(posts.join(format!("{i}.md")), post("title: x", "<p>x</p>")).unwrap();
    }
    for tool in TOOLS {
        let args: Vec<&str> = if tool == "folio-parse" {
            vec![posts.to_str().unwrap()]
        } else {
            vec![]
        };
        let stdin = (tool != "folio-parse").then_some(input.as_path());
        let (status, stderr) = run_into_head(tool, &args, stdin);
        assert_eq!((status, stderr.as_str()), (0, ""), "{tool}");
    }
}

#[test]
fn out_dir_names_from_hostile_records_stay_inside_and_safe() {
    let dir = tempdir();
    let out = dir.path().join("site");
    let input: Vec<u8> = [
        json!({"id": "1", "title": "../../../etc/passwd"}),
        json!({"id": "2", "title": "CON"}),
        json!({"id": "3", "title": "nul.txt"}),
        json!({"id": "4", "title": "/absolute/path"}),
        json!({"id": "5", "title": "a\u{0}b\u{7}c"}),
        json!({"id": "6", "title": ".hidden"}),
        json!({"id": "7", "title": "x".repeat(1_000)}),
    ]
    .into_iter()
    .flat_map(record)
    .collect();
    folio("folio-render")
        .args(["--to", "markdown", "--name", "{title}.{ext}", "--out-dir"])
        .arg(&out)
        .write_stdin(input)
        .timeout(TIMEOUT)
        .assert()
        .success();
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7, "{names:?}");
    for name in &names {
        assert!(!name.starts_with('.'), "{name}");
        assert!(!name.contains(['/', '\\', '\0', '\u{7}']), "{name}");
        assert!(name.len() <= 210, "{name}");
        let stem = name.split('.').next().unwrap().to_ascii_uppercase();
        assert!(
            !["CON", "NUL", "PRN", "AUX"].contains(&stem.as_str()),
            "{name}"
        );
    }
    // Nothing was written beside the output folder.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    check(vec![
        case("--name climbing out of --out-dir", "folio-render")
            .args(&["--name", "../{slug}.{ext}", "--out-dir", "site"])
            .stdin(GOOD)
            .exit(2)
            .says("folio-render: --name \"../{slug}.{ext}\""),
        case("--name from the root", "folio-render")
            .args(&["--name", "/etc/{slug}", "--out-dir", "site"])
            .stdin(GOOD)
            .exit(2)
            .says("must be a relative path"),
    ]);
}

// --- signals ------------------------------------------------------------------------------

/// Starts folio-render writing many files under `out`, waits until some are there, sends
/// `signal` and returns the exit status.
#[cfg(unix)]
fn interrupt_out_dir(out: &Path, signal: i32) -> Option<i32> {
    let dir = out.parent().expect("a parent folder");
    let input = dir.join("many.jsonl");
    let text = "Words of a long article. ".repeat(40);
    let mut lines = Vec::new();
    for i in 0..20_000 {
        lines.extend(record(
            json!({"id": format!("r{i}"), "title": format!("Article {i}"), "text": text}),
        ));
    }
    fs::write(&input, lines).unwrap();
    let mut child = StdCommand::new(bin("folio-render"))
        .args(["--to", "markdown", "-j", "1", "--out-dir"])
        .arg(out)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while fs::read_dir(out).map_or(0, |d| d.count()) < 20 {
        assert!(started.elapsed() < TIMEOUT, "no file written");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let status = child.wait().unwrap();
    status.code()
}

#[cfg(unix)]
#[test]
fn sigint_and_sigterm_during_out_dir_leave_only_whole_files() {
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let dir = tempdir();
        let out = dir.path().join("site");
        assert_eq!(
            interrupt_out_dir(&out, signal),
            Some(code),
            "signal {signal}"
        );
        let names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.len() < 20_000, "the run was not interrupted");
        assert!(
            names
                .iter()
                .all(|n| !n.ends_with(".tmp") && !n.starts_with('.')),
            "left behind: {:?}",
            names
                .iter()
                .filter(|n| n.ends_with(".tmp"))
                .collect::<Vec<_>>()
        );
        for name in names {
            let text = fs::read_to_string(out.join(&name)).unwrap();
            assert!(text.trim_end().ends_with("article."), "{name} is not whole");
        }
    }
}

// --- nothing lost -------------------------------------------------------------------------

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
