//! The HTML parser alone, for `make bench`: parses the `html` of every record of a JSON-lines
//! file the way folio-clean does (html5ever through scraper, as a fragment) and nothing else.
//! It gives the limit folio-clean's own figure is compared with, measured in the same run.
//!
//!     cargo run --release --example bench-html -- RECORDS.jsonl
//!
//! Prints the MB/s of the whole input (records, as the folio-clean line counts them) and of
//! the HTML alone.

use std::io::BufRead;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench-html RECORDS.jsonl");
        std::process::exit(2);
    };
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
    let start = Instant::now();
    let mut nodes = 0;
    for body in &bodies {
        nodes += scraper::Html::parse_fragment(body).tree.nodes().count();
    }
    let secs = start.elapsed().as_secs_f64().max(1e-6);
    println!(
        "{:.1} {:.1} {} {}",
        input_bytes as f64 / secs / 1e6,
        html_bytes as f64 / secs / 1e6,
        bodies.len(),
        nodes
    );
    Ok(())
}
