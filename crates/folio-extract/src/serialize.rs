//! The chosen subtrees written back as an HTML fragment, without what was dropped. A root
//! that only makes sense inside its parent (a table cell, the body, a form) is written as a
//! `<div>`, so the fragment parses the same anywhere.

use scraper::{Html, Node as Dom};

use crate::tag::Tag;
use crate::tree::Tree;

/// Elements without an end tag.
pub(crate) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Writes the subtrees of `roots`, in order, one after the other. The walk keeps its own
/// stack: badly nested pages can be thousands of elements deep.
pub(crate) fn fragment(doc: &Html, tree: &Tree, roots: &[usize]) -> String {
    let mut out = String::new();
    for &root in roots {
        let mut stack = vec![Step::Open(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Close(name) => {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
                Step::Open(i) => open(doc, tree, i, i == root, &mut stack, &mut out),
            }
        }
    }
    out
}

/// Whether a root keeps its own name; any other root is written as a `<div>`.
pub(crate) fn keeps_name(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Div | Tag::Article | Tag::Section | Tag::Main | Tag::P | Tag::Blockquote
    )
}

enum Step<'d> {
    Open(usize),
    Close(&'d str),
}

/// Writes node `i` (its start tag or its text) and schedules its children and end tag.
fn open<'d>(
    doc: &'d Html,
    tree: &Tree,
    i: usize,
    is_root: bool,
    stack: &mut Vec<Step<'d>>,
    out: &mut String,
) {
    let node = &tree.nodes[i];
    if node.drop.is_some() {
        return;
    }
    if node.tag == Tag::Text {
        escape(node.text, false, out);
        return;
    }
    let children: Vec<usize> = tree.children(i).collect();
    let Some(el) = doc.tree.get(node.dom).and_then(|n| match n.value() {
        Dom::Element(el) => Some(el),
        _ => None,
    }) else {
        stack.extend(children.into_iter().rev().map(Step::Open));
        return;
    };
    let name = if is_root && !keeps_name(node.tag) {
        "div"
    } else {
        el.name()
    };
    out.push('<');
    out.push_str(name);
    for (key, value) in el.attrs() {
        if key.starts_with("on") || key == "style" {
            continue;
        }
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        escape(value, true, out);
        out.push('"');
    }
    out.push('>');
    if VOID.contains(&name) {
        return;
    }
    stack.push(Step::Close(name));
    stack.extend(children.into_iter().rev().map(Step::Open));
}

/// Copies `text` in runs between the characters that need an entity. It scans bytes: each of
/// those characters starts with a byte no other character contains (`&<>"` are ASCII, and
/// 0xC2 only ever leads a character), so every cut falls between characters.
/// Plain text as paragraphs: one `<p>` a line, blank lines left out.
pub(crate) fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str("<p>");
        escape(line, false, &mut out);
        out.push_str("</p>");
    }
    out
}

fn escape(text: &str, in_attribute: bool, out: &mut String) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let (entity, width) = match bytes[at] {
            b'&' => ("&amp;", 1),
            b'<' if !in_attribute => ("&lt;", 1),
            b'>' if !in_attribute => ("&gt;", 1),
            b'"' if in_attribute => ("&quot;", 1),
            0xC2 if bytes.get(at + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        at += width;
        copied = at;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hints::Hints;

    #[test]
    fn escapes_are_those_of_a_character_walk() {
        let by_chars = |text: &str, in_attribute: bool| -> String {
            text.chars()
                .map(|ch| match ch {
                    '&' => "&amp;".to_owned(),
                    '<' if !in_attribute => "&lt;".to_owned(),
                    '>' if !in_attribute => "&gt;".to_owned(),
                    '"' if in_attribute => "&quot;".to_owned(),
                    '\u{a0}' => "&nbsp;".to_owned(),
                    _ => ch.to_string(),
                })
                .collect()
        };
        for text in [
            "",
            "plain",
            "a < b & c > d \"q\"",
            "中文\u{a0}文字 \u{a0}",
            "\u{a0}",
            "Â¢ é ¬ Ġ \u{80}",
            "&&<<\u{a0}\u{a0}>>\"",
        ] {
            for in_attribute in [false, true] {
                let mut out = String::new();
                escape(text, in_attribute, &mut out);
                assert_eq!(out, by_chars(text, in_attribute), "{text:?}");
            }
        }
    }

    #[test]
    fn roots_are_renamed_and_text_escaped() {
        let doc = Html::parse_document("<table><tr><td class=c>a &lt; b &amp; c<br><img src='x.png' onerror='y()'></td></tr></table>");
        let hints = Hints::new().unwrap();
        let tree = Tree::build(&doc, &hints);
        let td = tree.nodes.iter().position(|n| n.tag == Tag::Td).unwrap();
        assert_eq!(
            fragment(&doc, &tree, &[td]),
            r#"<div class="c">a &lt; b &amp; c<br><img src="x.png"></div>"#
        );
    }
}
