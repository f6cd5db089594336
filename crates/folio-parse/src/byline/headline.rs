//! The headline element and the visible text after it, where a byline is printed.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use folio_html::text::squash;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// The `<h1>` that carries the title, else the first `<h1>`, else an element whose class or
/// id names a title and whose text is the title.
pub(crate) fn headline_element<'a>(doc: &'a Html, title: Option<&str>) -> Option<ElementRef<'a>> {
    let text = |el: &ElementRef| {
        el.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Arena order, as `Html::select` gives it.
    let candidates: Vec<ElementRef> = doc
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|el| names_a_title(el.value()))
        .collect();
    if let Some(title) = title.filter(|t| t.chars().count() >= 4) {
        let head: String = title.chars().take(12).collect();
        if let Some(found) = candidates.iter().find(|el| {
            let t = text(el);
            !t.is_empty()
                && t.chars().count() <= title.chars().count() + 40
                && (t.contains(&head) || title.contains(&t))
        }) {
            return Some(*found);
        }
    }
    candidates
        .into_iter()
        .find(|el| el.value().name() == "h1" && !text(el).is_empty())
        .or_else(|| element_holding_title(doc, title?))
}

/// The element whose text node is the title, for pages that print their headline in an
/// element named for nothing (Sina's `<th class=f24><font>…</font></th>`). The `<title>`
/// itself is left out.
pub(crate) fn element_holding_title<'a>(doc: &'a Html, title: &str) -> Option<ElementRef<'a>> {
    let title = squash(title);
    let first = title.chars().next()?;
    if title.chars().count() < 4 {
        return None;
    }
    doc.tree.nodes().find_map(|node| {
        let Node::Text(text) = node.value() else {
            return None;
        };
        let parent = node.parent()?;
        // Most text nodes are told apart by their first character, before any squashing.
        if !text.trim_start().starts_with(first) || is_hidden(&parent) || squash(text) != title {
            return None;
        }
        ElementRef::wrap(parent)
    })
}

/// What the selector `h1, h2, .title, #title, [class*=title], [id*=title]` matches (scraper
/// matches case-sensitively), tested directly: one look at two attributes instead of six
/// selector matches per element. The substring tests take in `.title` and `#title`.
pub(crate) fn names_a_title(el: &Element) -> bool {
    matches!(el.name(), "h1" | "h2")
        || el
            .attrs()
            .any(|(name, value)| matches!(name, "class" | "id") && value.contains("title"))
}

/// Up to `limit` characters of visible text after `anchor`'s subtree (from the start of the
/// page without one), in document order. The walk starts at the anchor — its following
/// siblings, then its ancestors' — so the page before the headline is never visited.
pub(crate) fn text_after(doc: &Html, anchor: Option<ElementRef>, limit: usize) -> String {
    let mut out = String::new();
    let Some(anchor) = anchor else {
        push_visible_text(*doc.root_element(), &mut out, limit);
        return out;
    };
    // The hidden elements hold raw text (scripting is on), so no anchor is inside one.
    for sibling in following_siblings(anchor) {
        if push_visible_text(sibling, &mut out, limit) {
            return out;
        }
    }
    out
}

/// The subtrees after `el`'s, in document order: its following siblings, then its
/// ancestors'.
fn following_siblings<'a>(el: ElementRef<'a>) -> impl Iterator<Item = NodeRef<'a, Node>> {
    std::iter::once(*el)
        .chain(el.ancestors())
        .flat_map(|at| at.next_siblings())
}

/// The nodes after `el` and its subtree, in document order.
pub(crate) fn following_nodes<'a>(el: ElementRef<'a>) -> impl Iterator<Item = NodeRef<'a, Node>> {
    following_siblings(el).flat_map(|sibling| sibling.descendants())
}

/// The first `found` answer for an element after `anchor`'s subtree, in document order,
/// within `limit` characters of visible text: where a byline printed in words stands.
pub(crate) fn first_after<'a, T>(
    anchor: ElementRef<'a>,
    limit: usize,
    mut found: impl FnMut(ElementRef<'a>) -> Option<T>,
) -> Option<T> {
    let mut seen = 0;
    for node in following_nodes(anchor) {
        match node.value() {
            Node::Text(text) => {
                seen += text.chars().count();
                if seen > limit {
                    return None;
                }
            }
            Node::Element(_) => {
                let el = ElementRef::wrap(node).filter(|el| !is_hidden(el));
                if let Some(answer) = el.and_then(&mut found) {
                    return Some(answer);
                }
            }
            _ => {}
        }
    }
    None
}

/// An element's text, white space squashed, when it is at most `limit` characters: a line of
/// its own, not a paragraph.
pub(crate) fn short_text(el: ElementRef, limit: usize) -> Option<String> {
    let mut text = String::new();
    for piece in el.text() {
        text.push_str(piece);
        if text.len() > 4 * limit {
            return None;
        }
    }
    let text = squash(&text);
    (text.chars().count() <= limit).then_some(text)
}

/// Appends the visible text of `node`'s subtree to `out`, each text node followed by a
/// space; true once `out` holds `limit` characters.
pub(crate) fn push_visible_text(
    node: ego_tree::NodeRef<Node>,
    out: &mut String,
    limit: usize,
) -> bool {
    let mut hidden = 0usize;
    for edge in node.traverse() {
        match edge {
            Edge::Open(node) if is_hidden(&node) => hidden += 1,
            Edge::Close(node) if is_hidden(&node) => hidden = hidden.saturating_sub(1),
            Edge::Open(node) if hidden == 0 => {
                if let Node::Text(text) = node.value() {
                    out.push_str(text);
                    out.push(' ');
                    if out.len() >= limit * 3 && out.chars().count() >= limit {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

pub(crate) fn is_hidden(node: &ego_tree::NodeRef<Node>) -> bool {
    matches!(node.value(), Node::Element(el) if matches!(el.name(), "script" | "style" | "noscript" | "title"))
}

pub(crate) fn is_link(node: &ego_tree::NodeRef<Node>) -> bool {
    matches!(node.value(), Node::Element(el) if el.name() == "a")
}
