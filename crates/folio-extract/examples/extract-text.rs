//! Reads folio records (JSON lines with `html`, `source.path`, `url`) on stdin, finds each
//! page's article and writes `{"source":{"path":…},"text":…}` per line: the fragment's visible
//! text with a blank line between blocks. A measuring aid for the extraction benchmark:
//!
//! ```sh
//! folio-parse pages/ | cargo run --release -p folio-extract --example extract-text
//! ```

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use folio_extract::{Extractor, Options};
use scraper::{Html, Node};
use serde_json::{json, Value};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "extract-text: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> io::Result<()> {
    let extractor = Extractor::new(Options::default()).map_err(io::Error::other)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for (number, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        let record: Value = serde_json::from_str(&line)
            .map_err(|err| io::Error::other(format!("<stdin>:{}: {err}", number + 1)))?;
        let html = record["html"].as_str().unwrap_or("");
        let extraction = extractor.extract(html, record["url"].as_str());
        let text = visible_text(&extraction.html);
        let row = json!({"source": {"path": record["source"]["path"]}, "text": text});
        writeln!(out, "{row}")?;
    }
    out.flush()
}

/// The fragment's text, one blank line between block elements, spaces squashed.
fn visible_text(fragment: &str) -> String {
    let doc = Html::parse_fragment(fragment);
    let mut blocks: Vec<String> = vec![String::new()];
    for edge in doc.root_element().traverse() {
        let ego_tree::iter::Edge::Open(node) = edge else {
            if let ego_tree::iter::Edge::Close(node) = edge {
                if node
                    .value()
                    .as_element()
                    .is_some_and(|el| is_block(el.name()))
                {
                    blocks.push(String::new());
                }
            }
            continue;
        };
        match node.value() {
            Node::Text(text) => push_squashed(blocks.last_mut().expect("one block"), text),
            Node::Element(el) if is_block(el.name()) || el.name() == "br" => {
                blocks.push(String::new())
            }
            _ => {}
        }
    }
    let kept: Vec<&str> = blocks
        .iter()
        .map(|b| b.trim())
        .filter(|b| !b.is_empty())
        .collect();
    kept.join("\n\n")
}

fn push_squashed(out: &mut String, text: &str) {
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "hr"
            | "address"
            | "center"
            | "form"
            | "caption"
    )
}
