//! Files that are not regular, size limits, and broken files for folio-parse.

use std::fs;
use std::path::Path;
use std::time::Duration;

use serde_json::json;

use super::*;
use crate::util::*;

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

// --- broken archives ----------------------------------------------------------------------

#[test]
fn broken_archives_are_rejects_record_by_record() {
    use crate::warc::Warc;
    let page = "<html><head><title>Fine</title></head><body><p>Kept.</p></body></html>";
    let good = Warc::new().response(
        "ok",
        "https://e.example.com/ok",
        "2024-05-08T10:00:00Z",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html",
        page.as_bytes(),
    );
    let bomb = Warc::new().response(
        "bomb",
        "https://e.example.com/bomb",
        "2024-05-08T10:00:00Z",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip",
        &gzip(&vec![0u8; 4 << 20]),
    );
    let long_head = format!(
        "WARC/1.1\r\nX-Long: {}\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let empty = "WARC/1.1\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
    let corrupt = [
        good.gzipped(),
        vec![
            0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0xde, 0xad, 0xbe, 0xef,
        ],
        good.gzipped(),
    ]
    .concat();
    let cases = vec![
        case("WARC: a gzip bomb as an HTTP payload", "folio-parse")
            .args(&["--max-record-bytes", "1M", "a.warc", "b.warc"])
            .file("a.warc", bomb.plain())
            .file("b.warc", good.plain())
            .exit(1)
            .says("folio-parse: a.warc:1: larger than --max-record-bytes (1048576 bytes) when decompressed")
            .lines(1),
        case("WARC: a Content-Length past the end", "folio-parse")
            .args(&["a.warc"])
            .file(
                "a.warc",
                [good.plain(), b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>".to_vec()].concat(),
            )
            .exit(1)
            .says("folio-parse: a.warc:2: truncated: the archive ends inside this record")
            .lines(1),
        case("WARC: a header line of a megabyte", "folio-parse")
            .args(&["a.warc"])
            .file("a.warc", [long_head.into_bytes(), good.plain()].concat())
            .exit(1)
            .says("folio-parse: a.warc:1: WARC header longer than 256 KiB")
            .lines(1),
        case("WARC: binary garbage after the version line", "folio-parse")
            .args(&["a.warc"])
            .file("a.warc", b"WARC/1.0\r\n\x00\x01\x02\xff\xfe garbage\n".to_vec())
            .exit(1)
            .says("folio-parse: a.warc:1: truncated")
            .lines(0),
        case("WARC.gz: a corrupt member between good ones", "folio-parse")
            .args(&["a.warc.gz"])
            .file("a.warc.gz", corrupt)
            .exit(1)
            .says("folio-parse: a.warc.gz:2: cannot read:")
            .lines(1),
        case("WARC: 100,000 empty records", "folio-parse")
            .args(&["a.warc"])
            .file("a.warc", empty.repeat(100_000))
            .says("note: 100000 WARC record(s): 0 HTML page(s), 100000 skipped (100000 metadata)")
            .lines(0),
        case("WARC: an archive named like a page", "folio-parse")
            .args(&["a.html"])
            .file("a.html", good.plain())
            .exit(1)
            .says("folio-parse: a.html: a WARC archive named like a post or page")
            .lines(0),
        case("WARC on stdin, cut short", "folio-parse")
            .stdin({
                let two = good.clone().metadata("https://e.example.com/ok").gzipped();
                two[..two.len() - 20].to_vec()
            })
            .exit(1)
            .says("folio-parse: <stdin>:2: truncated")
            .lines(1),
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
