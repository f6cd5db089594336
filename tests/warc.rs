//! folio-parse on WARC archives, built here record by record (plain, and with a gzip member
//! per record as crawlers write them): one record per HTML response with its own title,
//! address and fetch date, the HTTP charset and codings honoured, every other record skipped
//! and counted, broken records rejected while the rest is kept, stable and distinct ids.

use std::fs;
use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// A WARC archive written record by record.
#[derive(Default, Clone)]
pub struct Warc {
    records: Vec<Vec<u8>>,
}

impl Warc {
    pub fn new() -> Self {
        Warc::default()
    }

    /// A record of `kind` with its header fields (`Content-Length` is added) and block.
    pub fn record(mut self, kind: &str, fields: &[(&str, &str)], block: &[u8]) -> Self {
        let mut head = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n");
        for (name, value) in fields {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        let mut record = head.into_bytes();
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        self.records.push(record);
        self
    }

    pub fn warcinfo(self) -> Self {
        let n = self.records.len();
        self.record(
            "warcinfo",
            &[
                ("WARC-Record-ID", &format!("<urn:uuid:0000000{n}-info>")),
                ("WARC-Date", "2024-05-08T10:00:00Z"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"software: folio tests\r\nformat: WARC File Format 1.1\r\n",
        )
    }

    pub fn request(self, uri: &str) -> Self {
        let n = self.records.len();
        let block = format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", host(uri));
        self.record(
            "request",
            &[
                ("WARC-Record-ID", &format!("<urn:uuid:0000000{n}-request>")),
                ("WARC-Date", "2024-05-08T10:00:01Z"),
                ("WARC-Target-URI", uri),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            block.as_bytes(),
        )
    }

    /// A response fetched from `uri` at `date`: `http_head` is the status line and fields
    /// (without the blank line), `body` the payload as sent.
    pub fn response(self, id: &str, uri: &str, date: &str, http_head: &str, body: &[u8]) -> Self {
        let mut block = format!("{http_head}\r\n\r\n").into_bytes();
        block.extend_from_slice(body);
        self.record(
            "response",
            &[
                ("WARC-Record-ID", &format!("<urn:uuid:{id}>")),
                ("WARC-Date", date),
                ("WARC-Target-URI", uri),
                ("WARC-IP-Address", "192.0.2.7"),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &block,
        )
    }

    pub fn metadata(self, uri: &str) -> Self {
        let n = self.records.len();
        self.record(
            "metadata",
            &[
                ("WARC-Record-ID", &format!("<urn:uuid:0000000{n}-metadata>")),
                ("WARC-Date", "2024-05-08T10:00:02Z"),
                ("WARC-Target-URI", uri),
                ("Content-Type", "application/warc-fields"),
            ],
            b"fetchTimeMs: 120\r\n",
        )
    }

    /// The archive as one plain stream.
    pub fn plain(&self) -> Vec<u8> {
        self.records.concat()
    }

    /// The archive with a gzip member per record.
    pub fn gzipped(&self) -> Vec<u8> {
        self.records.iter().flat_map(|r| gzip(r)).collect()
    }
}

fn host(uri: &str) -> &str {
    uri.split('/').nth(2).unwrap_or(uri)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

const PAGE_A: &str = "<html><head><title>Harbour cranes work through the night</title></head>\
    <body><article><p>Night shifts at the container terminal cleared the queue of ships \
    that had waited offshore since Monday.</p></article></body></html>";

/// Chinese in GBK, with no `<meta charset>`: only the HTTP header names the encoding.
const PAGE_B: &str = "<html><head><title>山区小学迎来新图书馆</title></head><body><article>\
    <p>志愿者们花了三个月整理捐赠的图书，孩子们第一次有了自己的阅览室。</p></article></body></html>";

const PAGE_C: &str = "<html><head><title>Ferry timetable changes for the winter</title></head>\
    <body><p>The first boat leaves half an hour later from November.</p></body></html>";

const PAGE_D: &str = "<!DOCTYPE html><html><head><title>Library opens on Sundays</title></head>\
    <body><p>Readers asked for it for years; the council agreed in March.</p></body></html>";

/// The body of `page` in HTTP chunks of at most 50 bytes.
fn chunked(page: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in page.chunks(50) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// A crawl as an archiving crawler writes it: a warcinfo record, then for each fetch a
/// request, the response and a metadata record; four HTML pages (chunked, GBK, gzipped, no
/// Content-Type) among an image, a 404 and a revisit.
pub fn crawl() -> Warc {
    let gbk = encoding_rs::GBK.encode(PAGE_B).0.into_owned();
    Warc::new()
        .warcinfo()
        .request("https://news.example.com/harbour")
        .response(
            "a1",
            "https://news.example.com/harbour",
            "2024-05-08T10:00:03Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked",
            &chunked(PAGE_A.as_bytes()),
        )
        .metadata("https://news.example.com/harbour")
        .request("https://school.example.com/library")
        .response(
            "b2",
            "https://school.example.com/library",
            "2024-05-09T08:30:00Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK",
            &gbk,
        )
        .response(
            "c3",
            "https://ferry.example.org/winter",
            "2024-05-10T12:00:00Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip",
            &gzip(PAGE_C.as_bytes()),
        )
        .response(
            "d4",
            "https://town.example.net/library",
            "2024-05-11T07:45:00Z",
            "HTTP/1.0 200 OK",
            PAGE_D.as_bytes(),
        )
        .response(
            "e5",
            "https://news.example.com/crane.png",
            "2024-05-08T10:00:04Z",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        )
        .response(
            "f6",
            "https://news.example.com/gone",
            "2024-05-08T10:00:05Z",
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/html",
            b"<html><head><title>Not found</title></head></html>",
        )
        .record(
            "revisit",
            &[
                ("WARC-Record-ID", "<urn:uuid:g7>"),
                ("WARC-Date", "2024-05-12T00:00:00Z"),
                ("WARC-Target-URI", "https://news.example.com/harbour"),
                ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
            ],
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        )
}

const NOTE: &str = "note: 11 WARC record(s): 4 HTML page(s), 7 skipped (1 warcinfo, 2 request, \
    1 metadata, 1 revisit, 1 response with a status other than 200, 1 response not HTML)";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn parse(args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = folio("folio-parse").args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (out.status.code().unwrap_or(-1), lines(&out.stdout), stderr)
}

#[test]
fn each_html_response_is_a_record_of_its_own() {
    let dir = tempdir();
    let warc = crawl();
    for (name, bytes) in [
        ("crawl.warc", warc.plain()),
        ("crawl.warc.gz", warc.gzipped()),
    ] {
        let path = write(dir.path(), name, &bytes);
        let (code, records, stderr) = parse(&[&path]);
        assert_eq!(code, 0, "{stderr}");
        let got: Vec<(&str, &str, &str)> = records
            .iter()
            .map(|r| {
                (
                    r["title"].as_str().unwrap(),
                    r["url"].as_str().unwrap(),
                    r["meta"]["warc"]["date"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Harbour cranes work through the night",
                    "https://news.example.com/harbour",
                    "2024-05-08T10:00:03Z"
                ),
                (
                    "山区小学迎来新图书馆",
                    "https://school.example.com/library",
                    "2024-05-09T08:30:00Z"
                ),
                (
                    "Ferry timetable changes for the winter",
                    "https://ferry.example.org/winter",
                    "2024-05-10T12:00:00Z"
                ),
                (
                    "Library opens on Sundays",
                    "https://town.example.net/library",
                    "2024-05-11T07:45:00Z"
                ),
            ],
            "{name}"
        );
        let gbk = &records[1];
        assert_eq!(gbk["source"]["encoding"], "GBK");
        assert!(gbk["html"]
            .as_str()
            .unwrap()
            .contains("孩子们第一次有了自己的阅览室"));
        assert_eq!(
            gbk["meta"]["warc"]["content_type"],
            "text/html; charset=GBK"
        );
        assert_eq!(gbk["meta"]["warc"]["record_id"], "<urn:uuid:b2>");
        assert_eq!(gbk["meta"]["warc"]["ip_address"], "192.0.2.7");
        // The chunked page is put together, the gzipped one inflated.
        assert!(records[0]["html"]
            .as_str()
            .unwrap()
            .contains("since Monday.</p>"));
        assert!(records[2]["html"]
            .as_str()
            .unwrap()
            .contains("from November."));
        for record in &records {
            assert_eq!(record["source"]["path"], path.as_str());
            assert_eq!(record["source"]["kind"], "page");
            assert_eq!(record["stages"][0]["tool"], "folio-parse");
        }
        assert_eq!(records[0]["source"]["site"], "news.example.com");
        assert_eq!(stderr, format!("folio-parse: {path}: {NOTE}\n"), "{name}");
    }
}

#[test]
fn skipped_records_are_counted_not_rejected() {
    let dir = tempdir();
    let path = write(dir.path(), "crawl.warc.gz", &crawl().gzipped());
    let rejects = dir.path().join("rejects.jsonl");
    let out = folio("folio-parse")
        .arg(&path)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("folio-parse: {path}: {NOTE}\n")
    );
    assert_eq!(fs::read_to_string(&rejects).unwrap(), "");
    let quiet = folio("folio-parse").args([&path, "-q"]).output().unwrap();
    assert!(quiet.stderr.is_empty());
    assert_eq!(lines(&quiet.stdout).len(), 4);
}

#[test]
fn ids_are_distinct_and_stable() {
    let dir = tempdir();
    // The same address fetched twice: two captures, two records.
    let twice = crawl().response(
        "h8",
        "https://news.example.com/harbour",
        "2024-06-01T09:00:00Z",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html",
        PAGE_A.as_bytes(),
    );
    let first = write(dir.path(), "a.warc.gz", &twice.gzipped());
    fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let moved = write(&dir.path().join("elsewhere"), "b.warc", &twice.plain());
    let ids = |path: &str| -> Vec<String> {
        let (code, records, _) = parse(&[path, "--threads", "3"]);
        assert_eq!(code, 0);
        records
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let a = ids(&first);
    assert_eq!(a.len(), 5);
    let mut unique = a.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5, "{a:?}");
    assert_eq!(ids(&first), a, "the same archive again");
    assert_eq!(
        ids(&moved),
        a,
        "the same records, plain, under another name"
    );
    // The id is not the one of the address: two captures of one page stay two records.
    let (_, records, _) = parse(&[&first]);
    assert_eq!(records[0]["url"], records[4]["url"]);
    assert_eq!(records[4]["meta"]["warc"]["date"], "2024-06-01T09:00:00Z");
}

#[test]
fn a_truncated_archive_is_a_reject_and_the_records_before_are_kept() {
    let dir = tempdir();
    let gz = crawl().gzipped();
    let path = write(dir.path(), "cut.warc.gz", &gz[..gz.len() - 20]);
    let rejects = dir.path().join("rejects.jsonl");
    let out = folio("folio-parse")
        .arg(&path)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(lines(&out.stdout).len(), 4);
    assert!(
        stderr.contains(&format!(
            "folio-parse: {path}:11: truncated: the archive ends inside this record"
        )),
        "{stderr}"
    );
    assert!(stderr.contains(", 1 rejected"), "{stderr}");
    assert!(
        stderr.ends_with("folio-parse: 1 input(s) rejected\n"),
        "{stderr}"
    );
    let entry: Value = serde_json::from_str(fs::read_to_string(&rejects).unwrap().trim()).unwrap();
    assert_eq!(entry["where"], format!("{path}:11"));
    assert_eq!(entry["path"], path.as_str());

    // Cut inside the GBK page: the page before it is kept.
    let plain = crawl().plain();
    let gbk_text = encoding_rs::GBK.encode("孩子们").0.into_owned();
    let at = memchr_find(&plain, &gbk_text).unwrap();
    let path = write(dir.path(), "cut.warc", &plain[..at]);
    let (code, records, stderr) = parse(&[&path]);
    assert_eq!(code, 1);
    assert_eq!(records.len(), 1, "{stderr}");
    assert!(stderr.contains(&format!("{path}:6: truncated")), "{stderr}");
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn a_broken_record_is_a_reject_and_the_reading_goes_on() {
    let dir = tempdir();
    let good = crawl();
    // A record whose Content-Length is short, then a line that is no record at all: both
    // are the one broken record.
    let bad = b"WARC/1.1\r\nWARC-Type: metadata\r\nWARC-Record-ID: <urn:uuid:x>\r\n\
        Content-Length: 4\r\n\r\n0123456789\r\n\r\nnot a record\r\n";
    let mut bytes = good.plain();
    let split = bytes.len() / 2;
    let at = memchr_find(&bytes[split..], b"WARC/1.1\r\n").unwrap() + split;
    bytes.splice(at..at, bad.iter().copied());
    let path = write(dir.path(), "odd.warc", &bytes);
    let (code, records, stderr) = parse(&[&path]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records.len(), 4, "{stderr}");
    assert!(
        stderr.contains("no line end after the block: its Content-Length is wrong"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("not a WARC record"),
        "the rest of a broken record: {stderr}"
    );
    assert!(
        stderr.contains("12 WARC record(s): 4 HTML page(s)"),
        "{stderr}"
    );
}

#[test]
fn the_size_limit_applies_to_each_record() {
    let dir = tempdir();
    let big = format!(
        "<html><head><title>Too long</title></head><body>{}</body></html>",
        "<p>Many words.</p>".repeat(2_000)
    );
    let warc = crawl()
        .response(
            "big",
            "https://news.example.com/long",
            "2024-05-13T00:00:00Z",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html",
            big.as_bytes(),
        )
        .response(
            "video",
            "https://news.example.com/clip.mp4",
            "2024-05-13T00:00:01Z",
            "HTTP/1.1 200 OK\r\nContent-Type: video/mp4",
            &vec![7u8; 200_000],
        );
    let path = write(dir.path(), "big.warc.gz", &warc.gzipped());
    let (code, records, stderr) = parse(&[&path, "--max-record-bytes", "16K"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records.len(), 4);
    assert!(
        stderr.contains(&format!(
            "{path}:12: WARC record larger than --max-record-bytes (16384 bytes)"
        )),
        "{stderr}"
    );
    // The video is not an HTML page: skipped unread, not rejected.
    assert!(stderr.contains("2 response not HTML"), "{stderr}");
}

#[test]
fn archives_on_stdin_in_folders_and_among_other_files() {
    for bytes in [crawl().plain(), crawl().gzipped()] {
        let out = folio("folio-parse").write_stdin(bytes).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let records = lines(&out.stdout);
        assert_eq!(records.len(), 4);
        assert!(records[0]["source"].get("path").is_none());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("folio-parse: <stdin>: {NOTE}\n")
        );
    }
    let dir = tempdir();
    write(
        dir.path(),
        "a-post.md",
        b"---\ntitle: A post\n---\n<p>Body.</p>\n",
    );
    // Named for nothing in particular: told by its content.
    write(dir.path(), "b-crawl", &crawl().gzipped());
    write(dir.path(), "c-page.html", PAGE_C.as_bytes());
    let (code, records, stderr) = parse(&[dir.path().to_str().unwrap(), "--threads", "2"]);
    assert_eq!(code, 0, "{stderr}");
    let titles: Vec<&str> = records
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "A post",
            "Harbour cranes work through the night",
            "山区小学迎来新图书馆",
            "Ferry timetable changes for the winter",
            "Library opens on Sundays",
            "Ferry timetable changes for the winter",
        ]
    );
    // Named like a page, an archive is not read as one.
    let path = write(dir.path(), "saved.html", &crawl().plain());
    let (code, records, stderr) = parse(&[&path]);
    assert_eq!(code, 1);
    assert!(records.is_empty());
    assert!(
        stderr.contains("a WARC archive named like a post or page"),
        "{stderr}"
    );
}

#[test]
fn the_output_is_the_same_for_any_thread_count() {
    let dir = tempdir();
    let path = write(dir.path(), "crawl.warc.gz", &crawl().gzipped());
    let one = folio("folio-parse")
        .args([&path, "-j", "1"])
        .output()
        .unwrap();
    let four = folio("folio-parse")
        .args([&path, "-j", "4"])
        .output()
        .unwrap();
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(one.stderr, four.stderr);
    let (code, stderr) = run_into_head("folio-parse", &["-q", &path], None);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn archived_pages_go_through_the_pipeline() {
    let dir = tempdir();
    let path = write(dir.path(), "crawl.warc.gz", &crawl().gzipped());
    let out = pipe(
        folio("folio-parse").args([&path, "-q"]),
        &mut folio("folio-clean"),
    );
    let cleaned = lines(&out);
    assert_eq!(cleaned.len(), 4);
    assert!(cleaned[1]["text"]
        .as_str()
        .unwrap()
        .contains("志愿者们花了三个月整理捐赠的图书"));
    let run = folio("folio")
        .args(["run", "--clean", &path, "-q"])
        .output()
        .unwrap();
    assert_eq!(run.stdout, out, "folio run gives the pipe's bytes");
}
