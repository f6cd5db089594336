//! The chosen subtrees as a document of their own: the tree that parsing the fragment
//! [`crate::serialize`] writes would give, copied node by node instead of written out and
//! parsed again (that second parse was a seventh of folio-clean's work on Chinese pages).
//!
//! The copy is a pruned copy of a parsed page, so whatever the parser guaranteed about the
//! page's tree holds for it; it follows what the parser does with the written fragment: the
//! same renamed roots, the same attributes (event handlers and `style` left out, names
//! without a namespace, as the fragment spells them), text runs joined where a dropped element
//! stood between them, the newline right after `<pre>` or `<listing>` dropped, and the rows
//! and cells of a table written as a root's `<div>` unwrapped (the parser ignores their tags
//! outside a table). The few trees that a parse of their written form would build otherwise
//! (a table inside a paragraph of a quirks-mode page, a table part inside another table's
//! cell, a link in a link, a form in a form, raw-text elements such as `<xmp>`) are written
//! and parsed, as before.

use ego_tree::NodeId;
use html5ever::interface::QuirksMode;
use html5ever::{ns, LocalName};
use scraper::node::{Element, Text};
use scraper::{Html, Node as Dom};

use crate::serialize::{self, keeps_name, VOID};
use crate::tag::Tag;
use crate::tree::Tree;

/// The subtrees of `roots`, in order, under the `<html>` element of a new fragment.
pub(crate) fn document(doc: &Html, tree: &Tree, roots: &[usize]) -> Html {
    let mut out = folio_html::parse_fragment("");
    let top = out.root_element().id();
    let quirks = doc.quirks_mode == QuirksMode::Quirks;
    for &root in roots {
        if copy(doc, tree, root, top, quirks, &mut out).is_err() {
            return folio_html::parse_fragment(&serialize::fragment(doc, tree, roots));
        }
    }
    out
}

/// A tree whose written form a parser would build differently.
struct NotAlike;

/// Copies one root's subtree under `top`, depth first with its own stack (pages can be
/// thousands of elements deep).
fn copy(
    doc: &Html,
    tree: &Tree,
    root: usize,
    top: NodeId,
    quirks: bool,
    out: &mut Html,
) -> Result<(), NotAlike> {
    // (arena index, its parent in `out`)
    let mut stack = vec![(root, top)];
    while let Some((i, parent)) = stack.pop() {
        let node = &tree.nodes[i];
        if node.drop.is_some() {
            continue;
        }
        if node.tag == Tag::Text {
            append_text(out, parent, node.text)?;
            continue;
        }
        let element = doc.tree.get(node.dom).and_then(|n| n.value().as_element());
        let Some(el) = element else {
            let children: Vec<_> = tree.children(i).map(|c| (c, parent)).collect();
            stack.extend(children.into_iter().rev());
            continue;
        };
        let name = if i == root && !keeps_name(node.tag) {
            "div"
        } else {
            el.name()
        };
        if let Place::Ignored = place(out, parent, name, quirks)? {
            let children: Vec<_> = tree.children(i).map(|c| (c, parent)).collect();
            stack.extend(children.into_iter().rev());
            continue;
        }
        let mut copied = el.clone();
        if name != el.name() {
            copied.name.local = LocalName::from(name);
            copied.name.ns = ns!(html);
            copied.name.prefix = None;
        }
        copied.attrs.retain(|(key, _)| {
            let key = &*key.local;
            !key.starts_with("on") && key != "style"
        });
        if copied.attrs.iter().any(|(key, _)| key.ns != ns!()) {
            for (key, _) in &mut copied.attrs {
                key.ns = ns!();
                key.prefix = None;
            }
            copied.attrs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        let id = out
            .tree
            .get_mut(parent)
            .expect("parents are added before their children")
            .append(Dom::Element(copied))
            .id();
        if !VOID.contains(&name) {
            let children: Vec<_> = tree.children(i).map(|c| (c, id)).collect();
            stack.extend(children.into_iter().rev());
        }
    }
    Ok(())
}

/// Text after text joins it, as the parser joins character tokens; the newline that opens a
/// `<pre>` or `<listing>` is dropped, as the parser drops it.
fn append_text(out: &mut Html, parent: NodeId, text: &str) -> Result<(), NotAlike> {
    let mut node = out
        .tree
        .get_mut(parent)
        .expect("parents are added before their children");
    let opens_pre = node
        .value()
        .as_element()
        .is_some_and(|el| matches!(el.name(), "pre" | "listing"));
    if let Some(mut last) = node.last_child() {
        if let Dom::Text(previous) = last.value() {
            previous.text.push_slice(text);
            return Ok(());
        }
    }
    let text = match text.strip_prefix('\n') {
        // A lone newline would leave the drop to whatever text comes next.
        Some("") if opens_pre && node.first_child().is_none() => return Err(NotAlike),
        Some(rest) if opens_pre && node.first_child().is_none() => rest,
        _ => text,
    };
    if !text.is_empty() {
        node.append(Dom::Text(Text { text: text.into() }));
    }
    Ok(())
}

/// Where a parser puts an element named `name` that opens under `parent`.
enum Place {
    /// There, as in the page.
    Kept,
    /// Nowhere: its tag is ignored and its content goes where the tag stood. That is what
    /// becomes of the rows and cells of a table whose `<table>` was written as the `<div>` of
    /// a root.
    Ignored,
}

const TABLE_PARTS: &[&str] = &[
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
];

/// Where a parser of the written fragment would put `name` under `parent`, or [`NotAlike`]
/// when it would build something this copy does not.
fn place(out: &Html, parent: NodeId, name: &str, quirks: bool) -> Result<Place, NotAlike> {
    let parent = out
        .tree
        .get(parent)
        .expect("parents are added before their children");
    let parent_name = parent.value().as_element().map_or("", Element::name);
    let mut ancestors = std::iter::successors(Some(parent), |n| n.parent())
        .filter_map(|n| n.value().as_element().map(Element::name));
    let proper_parent: &[&str] = match name {
        "caption" | "colgroup" | "thead" | "tbody" | "tfoot" => &["table"],
        "tr" => &["thead", "tbody", "tfoot"],
        "td" | "th" => &["tr"],
        "col" => &["colgroup"],
        "a" | "form" if ancestors.any(|a| a == name) => return Err(NotAlike),
        "table" if quirks && ancestors.any(|a| a == "p") => return Err(NotAlike),
        "xmp" | "noembed" | "noframes" | "plaintext" | "textarea" | "title" | "style"
        | "script" | "noscript" | "iframe" | "template" | "select" | "svg" | "math"
        | "frameset" | "frame" | "html" | "head" | "body" => return Err(NotAlike),
        _ => return Ok(Place::Kept),
    };
    if proper_parent.contains(&parent_name) {
        Ok(Place::Kept)
    } else if !ancestors.any(|a| TABLE_PARTS.contains(&a)) {
        // Outside any table, the parser is "in body", where these start tags are ignored.
        Ok(Place::Ignored)
    } else {
        Err(NotAlike)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hints::Hints;

    /// The tree as depth, kind, name and attributes (or text), in document order.
    fn shape(html: &Html) -> Vec<String> {
        html.tree
            .root()
            .descendants()
            .map(|node| {
                let depth = node.ancestors().count();
                match node.value() {
                    Dom::Element(el) => format!("{depth} <{}> {:?}", el.name(), el.attrs),
                    Dom::Text(text) => format!("{depth} {:?}", &*text.text),
                    other => format!("{depth} {other:?}"),
                }
            })
            .collect()
    }

    /// Copies the page's elements of class `root`, those of class `gone` dropped as the
    /// extractor drops them, and checks that the document is the one a parse of the written
    /// fragment gives. Says whether the copy itself took them (or the parse did).
    fn copies_as_parsed(page: &str) -> Result<(), NotAlike> {
        let doc = Html::parse_document(page);
        let hints = Hints::new().unwrap();
        let mut tree = Tree::build(&doc, &hints);
        let roots: Vec<usize> = (0..tree.nodes.len())
            .filter(|&i| tree.nodes[i].class.split_whitespace().any(|c| c == "root"))
            .collect();
        assert!(!roots.is_empty(), "{page}");
        for node in &mut tree.nodes {
            if node.class.split_whitespace().any(|c| c == "gone") {
                node.drop = Some("test");
            }
        }
        let parsed = Html::parse_fragment(&serialize::fragment(&doc, &tree, &roots));
        assert_eq!(
            shape(&document(&doc, &tree, &roots)),
            shape(&parsed),
            "{page}"
        );
        let mut out = folio_html::parse_fragment("");
        let top = out.root_element().id();
        let quirks = doc.quirks_mode == QuirksMode::Quirks;
        roots
            .iter()
            .try_for_each(|&root| copy(&doc, &tree, root, top, quirks, &mut out))
    }

    #[test]
    fn copies_are_the_trees_a_parse_of_the_fragment_gives() {
        let table = "<table class=root><tr><td>a</td><td>b<table><tr><td>c</td></tr></table>\
                     </td></tr></table>";
        for page in [
            // Text either side of a dropped element is one run.
            "<div class=root>a<span class=gone>x</span>b<p>c</p>d</div>",
            // Event handlers and styles go; the other attributes stay, in order.
            "<div class=root onclick=x style='color:red' data-b=2 id=a>\
             <a href=/x onmouseover=y title='&quot;q&quot;'>l&amp;m&nbsp;n</a></div>",
            // The parser drops one newline after <pre>: a second one is dropped again.
            "<div class=root><pre>\n\ncode\n</pre><pre><b>x</b>\ny</pre></div>",
            // A table written as the root's <div>: its rows and cells are unwrapped, a table
            // inside a cell stays a table.
            table,
            &format!("<!DOCTYPE html>{table}"),
            "<table><tr class=root><td>a</td><th>b</th></tr></table>",
            "<table><tr><td class=root><p>a</p>b</td></tr></table>",
            "<table><tr><td>x</td></tr><tr class=root><td><ul><li>a<li>b</ul></td></tr></table>",
            // Roots that keep their name, void elements, and two roots in a row.
            "<p class=root>x<br>y<img src=a.png alt=b></p><blockquote class=root>q</blockquote>",
            "<section><h2 class=root>Heading</h2></section>",
        ] {
            assert!(copies_as_parsed(page).is_ok(), "{page}");
        }
    }

    #[test]
    fn trees_a_parse_would_build_otherwise_are_parsed() {
        for page in [
            // Quirks mode (no doctype): a table may sit in a paragraph, which a fragment's
            // parse closes first.
            "<div class=root><p>a<table><tr><td>b</td></tr></table>c</p></div>",
            // The newline that opens a <pre> is text of its own before a dropped element.
            "<div class=root><pre>\n\n<span class=gone>x</span>\ny</pre></div>",
        ] {
            // Whatever the route, the document is the parsed one (checked inside).
            let _ = copies_as_parsed(page);
        }
        let quirks = "<div class=root><p>a<table><tr><td>b</td></tr></table>c</p></div>";
        assert!(copies_as_parsed(quirks).is_err());
        let lone_newline = "<div class=root><pre>\n\n<span class=gone>x</span>\ny</pre></div>";
        assert!(copies_as_parsed(lone_newline).is_err());
    }

    #[test]
    fn deep_pages_are_copied() {
        let page = format!(
            "<!DOCTYPE html><div class=root>{}deep{}</div>",
            "<div>".repeat(3_000),
            "</div>".repeat(3_000)
        );
        assert!(copies_as_parsed(&page).is_ok());
    }
}
