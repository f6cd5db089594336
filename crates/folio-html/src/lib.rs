//! HTML documents to scraper trees, the same trees html5ever builds, for a third to a half
//! of its work.
//!
//! html5ever's tokenizer reads a page one character at a time, and on news pages (most bytes
//! inside tags: class names, URLs, JSON in attributes) that is most of a parse. The tokenizer
//! here scans bytes (`memchr` to the next `<` or `&`, plain loops over names and values), hands
//! text and attribute values to the tree as slices of one shared buffer instead of copies, and
//! feeds the same tokens to html5ever's own tree builder, which does the tree construction
//! (implied tags, tables, formatting elements, foreign content) and tells it when a `<script>`,
//! `<style>`, `<title>` or `<textarea>` switches it to raw text.
//!
//! It covers what pages are made of. A page with what it leaves out — a NUL byte, a comment
//! or DOCTYPE left open to the end of the file, a `>` inside a DOCTYPE's quoted identifier —
//! is parsed by html5ever from the start instead, so every page gets html5ever's tree either
//! way; `tests/` checks that on every page of the shared corpus and benchmark, on markup
//! written for each rule, and on random markup.
//!
//! Either way the tree never nests deeper than [`MAX_DEPTH`] elements, as in browsers:
//! deeper elements are closed as they open and their content follows them (see [`depth`]).
//! That keeps parsing linear in the page's size and every walk over the tree shallow.
//!
//! The crate holds the rest of folio's HTML plumbing too: the scan that empties scripts,
//! styles and comments before a page is parsed ([`raw`]), the text helpers every stage
//! shares, Han and CJK ranges and white space squashed ([`text`]), and which elements are
//! block-level ([`elements`]).

mod charref;
pub mod depth;
pub mod elements;
pub mod raw;
pub mod text;
mod tokenizer;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TokenizerOpts};
use html5ever::tree_builder::{create_element, TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, ns, QualName, TokenizerResult};
use scraper::Html;

pub use depth::{take_capped, MAX_DEPTH};
use depth::{DepthSink, Guard};

/// Bytes of a page per node of its tree, a little under what news pages have (one node for
/// 40 to 50 bytes once scripts are emptied), so that the arena rarely grows.
const BYTES_PER_NODE: usize = 32;

/// The document tree of `html`, the same as `Html::parse_document` gives.
pub fn parse_document(html: &str) -> Html {
    fast_document(html).unwrap_or_else(|| html5ever_document(html))
}

/// The document tree of `html` by html5ever's own tokenizer, the reference the fast path
/// is checked against and its fallback.
pub fn html5ever_document(html: &str) -> Html {
    html5ever_tree(html, document_builder(html))
}

/// The tree of `html` by the byte tokenizer, or `None` when the page has something it leaves
/// to html5ever.
pub fn fast_document(html: &str) -> Option<Html> {
    tree_of(input_text(html)?, document_builder(html))
}

/// The tree of `html` as the content of a `<body>`, the same as `Html::parse_fragment` gives
/// (post bodies are fragments).
pub fn parse_fragment(html: &str) -> Html {
    fast_fragment(html).unwrap_or_else(|| html5ever_tree(html, fragment_builder()))
}

/// [`parse_fragment`] by the byte tokenizer, or `None` when it leaves the markup to html5ever.
pub fn fast_fragment(html: &str) -> Option<Html> {
    tree_of(input_text(html)?, fragment_builder())
}

fn document_builder(html: &str) -> Guard {
    let sink = DepthSink::new(empty_document(html));
    Guard::new(TreeBuilder::new(sink, TreeBuilderOpts::default()))
}

fn fragment_builder() -> Guard {
    let sink = DepthSink::new(Html::new_fragment());
    let body = create_element(
        &sink,
        QualName::new(None, ns!(html), local_name!("body")),
        vec![],
    );
    // In a `<body>` the tokenizer starts reading markup, as it does for a document.
    Guard::new(TreeBuilder::new_for_fragment(
        sink,
        body,
        None,
        TreeBuilderOpts::default(),
    ))
}

/// What `builder` makes of the tokens of `text`, or `None` when the tokenizer gives up.
fn tree_of(text: StrTendril, builder: Guard) -> Option<Html> {
    tokenizer::Tokenizer::new(text, &builder).run()?;
    Some(builder.finish())
}

/// What `builder` makes of `html` read by html5ever's tokenizer (as `html5ever::driver`
/// does, with the depth guard between tokenizer and tree builder).
fn html5ever_tree(html: &str, builder: Guard) -> Html {
    let tokenizer = html5ever::tokenizer::Tokenizer::new(builder, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.finish()
}

/// An empty document with the node arena sized for the page up front. Grown from nothing it
/// doubles its way up, and each doubling copies every node made so far: a few per cent of a
/// parse. The tree is the same.
fn empty_document(html: &str) -> Html {
    let mut document = Html::new_document();
    document.tree =
        ego_tree::Tree::with_capacity(scraper::Node::Document, html.len() / BYTES_PER_NODE);
    document
}

/// The page as the tokenizer reads it: without a leading byte-order mark, and with every
/// CR LF and lone CR turned into LF, as the HTML standard's input stream preprocessing does.
/// `None` for a page with a NUL byte, whose handling differs from state to state.
fn input_text(html: &str) -> Option<StrTendril> {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    if memchr::memchr(0, html.as_bytes()).is_some() {
        return None;
    }
    if memchr::memchr(b'\r', html.as_bytes()).is_none() {
        return Some(StrTendril::from_slice(html));
    }
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = memchr::memchr(b'\r', rest.as_bytes()) {
        text.push_str(&rest[..at]);
        text.push('\n');
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    text.push_str(rest);
    Some(StrTendril::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_become_line_feeds_and_a_byte_order_mark_goes() {
        assert_eq!(
            &*input_text("\u{feff}a\r\nb\rc\n\rd").unwrap(),
            "a\nb\nc\n\nd"
        );
        assert_eq!(&*input_text("plain").unwrap(), "plain");
    }

    #[test]
    fn a_page_with_a_nul_byte_is_left_to_html5ever() {
        assert!(fast_document("<p>a\0b</p>").is_none());
        let tree = parse_document("<p>a\0b</p>");
        assert_eq!(tree.html(), html5ever_document("<p>a\0b</p>").html());
    }
}
