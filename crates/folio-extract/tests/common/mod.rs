//! Helpers shared by the extractor's tests: fixture paths, the fragment's visible text, and
//! golden-file comparison (`FOLIO_BLESS=1` rewrites the golden files).

#![allow(dead_code)]

use std::path::PathBuf;

use ego_tree::iter::Edge;
use folio_html::elements::is_block;
use scraper::{Html, Node};

/// `tests/fixtures/folio-extract/<rel>` at the repository root.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/folio-extract")
        .join(rel)
}

/// `../shared/<rel>` beside the repository, when it exists.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    path.exists().then_some(path)
}

/// The fragment's text: one blank line between blocks, spaces squashed.
pub fn visible_text(fragment: &str) -> String {
    let doc = Html::parse_fragment(fragment);
    let mut blocks = vec![String::new()];
    for edge in doc.root_element().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(text) => squash_into(blocks.last_mut().expect("a block"), text),
                Node::Element(el) if is_block(el.name()) || el.name() == "br" => {
                    blocks.push(String::new())
                }
                _ => {}
            },
            Edge::Close(node) => {
                if node
                    .value()
                    .as_element()
                    .is_some_and(|el| is_block(el.name()))
                {
                    blocks.push(String::new());
                }
            }
        }
    }
    let kept: Vec<&str> = blocks
        .iter()
        .map(|b| b.trim())
        .filter(|b| !b.is_empty())
        .collect();
    kept.join("\n\n")
}

fn squash_into(out: &mut String, text: &str) {
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

/// Compares `actual` with the golden file, or rewrites it under `FOLIO_BLESS=1`.
pub fn assert_golden(path: &PathBuf, actual: &str) {
    if std::env::var_os("FOLIO_BLESS").is_some() {
        std::fs::write(path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (bless with FOLIO_BLESS=1)", path.display()));
    assert!(
        expected == actual,
        "{} differs:\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}
