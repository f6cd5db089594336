//! The HTML parsers alone, with folio's allocator, and nothing else: html5ever's own tokenizer
//! (through scraper) and folio-html's byte tokenizer in front of the same tree builder. They
//! give the limit folio's own figures are compared with, measured in the same run.
//!
//!     cargo run --release --example bench-html -- RECORDS.jsonl
//!     cargo run --release --example bench-html -- --pages DIR
//!
//! With RECORDS.jsonl (`make bench`), parses the `html` of every record the way folio-clean
//! does, as a fragment, and prints one line per parser: its name, the MB/s of the whole input
//! (records, as the folio-clean line counts them) and of the HTML alone, the bodies and the
//! nodes. With `--pages DIR` (`make bench-extract`), parses every file of DIR as a whole
//! document, as folio-parse does a page, and prints one line per parser,
//! `speed<TAB>NAME alone<TAB>MB/s` of the files' bytes. Decoding is not timed: a file that is
//! not UTF-8 is read as GB18030, the only other encoding of the benchmark sets.

// Links folio's library for its global allocator, so the parser allocates as in the tools.
use folio as _;

use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

use scraper::Html;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, dir] if flag == "--pages" => pages(Path::new(dir)),
        [path] => records(Path::new(path)),
        _ => {
            eprintln!("usage: bench-html RECORDS.jsonl | bench-html --pages DIR");
            std::process::exit(2);
        }
    }
}

/// A parse of markup into a tree.
type Parse = fn(&str) -> Html;

/// The two parsers, by name, as documents and as fragments.
const PARSERS: [(&str, Parse, Parse); 2] = [
    (
        "html5ever",
        folio_html::html5ever_document,
        Html::parse_fragment,
    ),
    (
        "folio-html",
        folio_html::parse_document,
        folio_html::parse_fragment,
    ),
];

/// Seconds `parse` takes over all of `texts`, and the nodes of the trees.
fn timed(texts: &[String], parse: Parse) -> (f64, usize) {
    let start = Instant::now();
    let nodes = texts
        .iter()
        .map(|text| parse(text).tree.nodes().count())
        .sum();
    (start.elapsed().as_secs_f64().max(1e-6), nodes)
}

fn pages(dir: &Path) -> std::io::Result<()> {
    let mut file_bytes = 0;
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let bytes = std::fs::read(entry?.path())?;
        file_bytes += bytes.len();
        texts.push(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => encoding_rs::GB18030.decode(err.as_bytes()).0.into_owned(),
        });
    }
    for (name, document, _) in PARSERS {
        let (secs, nodes) = timed(&texts, document);
        println!(
            "speed\t{name} alone\t{:.2}\t{} pages\t{nodes} nodes",
            file_bytes as f64 / secs / 1e6,
            texts.len()
        );
    }
    Ok(())
}

fn records(path: &Path) -> std::io::Result<()> {
    let mut input_bytes = 0;
    let mut bodies = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        input_bytes += line.len() + 1;
        if let Ok(record) = serde_json::from_str::<serde_json::Value>(&line) {
            if let Some(html) = record.get("html").and_then(|h| h.as_str()) {
                bodies.push(html.to_owned());
            }
        }
    }
    let html_bytes: usize = bodies.iter().map(String::len).sum();
    for (name, _, fragment) in PARSERS {
        let (secs, nodes) = timed(&bodies, fragment);
        println!(
            "{name} {:.1} {:.1} {} {nodes}",
            input_bytes as f64 / secs / 1e6,
            html_bytes as f64 / secs / 1e6,
            bodies.len(),
        );
    }
    Ok(())
}
