//! A cap on how deep the tree nests, so that hostile markup costs linear time and no walk
//! over the tree can overflow the stack.
//!
//! html5ever's tree builder scans its stack of open elements for most start tags (is a `<p>`
//! open in button scope?), so a page of n nested `<div>` takes time in n²: 18 s for 100,000.
//! And the walks that read a tree (cleaning, extraction, rendering) go down it by recursion.
//! Browsers cap the depth for the same reasons: Blink stops nesting at 512 elements and makes
//! deeper elements siblings. folio does the same at the same depth, in two places:
//!
//! - [`Guard`], between the tokenizer and the tree builder, closes an element as soon as it
//!   opens when it lands deeper than [`MAX_DEPTH`]: it stays in the tree, empty, and the
//!   content that followed it goes after it. Its end tag, when it comes, is dropped. The
//!   builder's stack never grows past the cap, so every token costs at most a bounded scan.
//! - [`DepthSink`], around scraper's tree sink, records the depth of every node as it is
//!   inserted. When the tree builder moved nodes around (the adoption agency does, for
//!   misnested formatting tags) or something still landed too deep, [`flatten`] moves every
//!   node deeper than `MAX_DEPTH + 1` up to that level, in document order.
//!
//! The guard also bounds the other way markup makes the builder's work grow faster than the
//! page: formatting elements left open, reopened all at once again and again (see
//! [`MAX_REOPENED`]). [`take_capped`] tells a stage when either limit changed a tree.
//!
//! A page no deeper than the cap that reopens fewer formatting elements at a time (every real
//! page: news pages nest 10 to 40 deep) gets exactly the tree html5ever gives it.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;

use ego_tree::{NodeId, Tree};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeSink};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use scraper::{Html, HtmlTreeSink, Node};

/// The deepest an element may open, counted from the document (`<html>` is 1, `<body>` 2).
/// Blink's `kMaximumHTMLParserDOMTreeDepth`.
pub const MAX_DEPTH: u32 = 512;

/// How many elements one token may have the tree builder open. Formatting elements (`<b>`,
/// `<font>`, …) left open when their block closes are reopened in the next block, all of
/// them, each time text or a tag needs them: markup such as `<p><b id=1>x<p><b id=2>x…`
/// makes n of them n times, time and memory in n² (40,000 took 28 s and 5 GB). Past this
/// many in one go, the innermost are closed again at once, which keeps the builder's list of
/// them short; no real page reopens so many at a time.
pub const MAX_REOPENED: u64 = 32;

// The messages name the limits.
const _: () = assert!(MAX_DEPTH == 512 && MAX_REOPENED == 32);

thread_local! {
    /// What the limits of this module changed in the trees built on this thread.
    static CAPPED: Cell<Option<&'static str>> = const { Cell::new(None) };
}

const DEEP: &str = "HTML nested deeper than 512 elements: the deeper ones were read as siblings";
const REOPENED: &str =
    "more than 32 formatting elements left open: the innermost were closed at once";

/// What a limit of this module changed in a tree built on this thread since the last call
/// (so that its shape differs from html5ever's own), if anything, and starts over. A stage
/// calls it after parsing a record's HTML to say so in a warning.
pub fn take_capped() -> Option<&'static str> {
    CAPPED.with(|capped| capped.take())
}

fn note_capped(what: &'static str) {
    CAPPED.with(|capped| capped.set(Some(what)));
}

/// scraper's tree sink, recording how deep each node is inserted.
pub struct DepthSink {
    inner: HtmlTreeSink,
    /// The nodes from the root down to the last one inserted, with their depths (the root is
    /// 0): the tree builder inserts into the last node or one of its ancestors nearly always,
    /// so the parent's depth is found at or near the top. This costs far less than a map from
    /// every node to its depth.
    chain: RefCell<Vec<(NodeId, u32)>>,
    /// How many nodes have been inserted, and the last of them with its depth.
    inserted: Cell<u64>,
    last: Cell<Option<(NodeId, u32)>>,
    /// The deepest node inserted.
    deepest: Cell<u32>,
    /// Whether nodes already in the tree were moved (with all under them).
    moved: Cell<bool>,
}

impl DepthSink {
    pub fn new(html: Html) -> Self {
        DepthSink {
            inner: HtmlTreeSink::new(html),
            chain: RefCell::new(Vec::with_capacity(64)),
            inserted: Cell::new(0),
            last: Cell::new(None),
            deepest: Cell::new(0),
            moved: Cell::new(false),
        }
    }

    /// The depth of `node`, with the chain cut to end at it.
    fn depth(&self, node: &NodeId) -> u32 {
        let mut chain = self.chain.borrow_mut();
        if let Some(at) = chain.iter().rposition(|(id, _)| id == node) {
            chain.truncate(at + 1);
            return chain[at].1;
        }
        // A node off the chain (after nodes were moved, say): count its ancestors, up to a
        // bound past the cap, so that the cost of one look stays bounded too.
        let depth = {
            let html = self.inner.0.borrow();
            html.tree.get(*node).map_or(0, |n| {
                n.ancestors().take(4 * MAX_DEPTH as usize).count() as u32
            })
        };
        chain.clear();
        chain.push((*node, depth));
        depth
    }

    /// Records `node` inserted at `depth`; `under` says whether it is a child of the last
    /// node of the chain (else it takes the last node's place, as a sibling before it).
    fn record(&self, node: &NodeOrText<NodeId>, depth: u32, under: bool) {
        self.deepest.set(self.deepest.get().max(depth));
        if let NodeOrText::AppendNode(id) = node {
            let mut chain = self.chain.borrow_mut();
            if !under {
                chain.pop();
            }
            chain.push((*id, depth));
            self.inserted.set(self.inserted.get() + 1);
            self.last.set(Some((*id, depth)));
        }
    }

    fn has_parent(&self, node: &NodeId) -> bool {
        let html = self.inner.0.borrow();
        html.tree.get(*node).is_some_and(|n| n.parent().is_some())
    }

    /// Notes that nodes already in the tree move, which makes depths on the chain stale.
    fn moving(&self) {
        self.moved.set(true);
        self.chain.borrow_mut().clear();
    }
}

impl TreeSink for DepthSink {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        let too_deep = self.deepest.get() > MAX_DEPTH + 1;
        let moved = self.moved.get();
        let mut html = self.inner.finish();
        if too_deep || moved {
            flatten(&mut html.tree, MAX_DEPTH as usize + 1);
        }
        html
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.record(&child, self.depth(parent) + 1, true);
        self.inner.append(parent, child)
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if self.has_parent(element) {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node)
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(id) = &new_node {
            // The node may be one already in the tree, moved here with all under it.
            if self.has_parent(id) {
                self.moving();
            }
        }
        self.record(&new_node, self.depth(sibling), false);
        self.inner.append_before_sibling(sibling, new_node)
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }

    fn associate_with_form(
        &self,
        target: &NodeId,
        form: &NodeId,
        nodes: (&NodeId, Option<&NodeId>),
    ) {
        self.inner.associate_with_form(target, form, nodes)
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.moving();
        self.inner.remove_from_parent(target)
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.moving();
        self.inner.reparent_children(node, new_parent)
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }

    fn pop(&self, node: &NodeId) {
        self.inner.pop(node)
    }
}

/// The tree builder behind a token filter that closes elements opened deeper than
/// [`MAX_DEPTH`] (see the module's doc).
pub struct Guard {
    pub builder: TreeBuilder<NodeId, DepthSink>,
    /// Names of the elements closed early and not yet ended in the markup, innermost last,
    /// with how many of each name there are.
    closed_early: RefCell<Vec<LocalName>>,
    counts: RefCell<HashMap<LocalName, u32>>,
}

impl Guard {
    pub fn new(builder: TreeBuilder<NodeId, DepthSink>) -> Self {
        Guard {
            builder,
            closed_early: RefCell::new(Vec::new()),
            counts: RefCell::new(HashMap::new()),
        }
    }

    pub fn finish(self) -> Html {
        self.builder.sink.finish()
    }

    /// After a start tag: the name of the element it opened, lower-case as end tags name
    /// it, when that is deeper than the cap and still open (a void element, or one closed by
    /// `/>` in SVG or MathML, is not).
    fn opened_too_deep(&self, inserted_before: u64, self_closing: bool) -> Option<LocalName> {
        let sink = &self.builder.sink;
        if sink.inserted.get() == inserted_before {
            return None;
        }
        let (id, depth) = sink.last.get()?;
        if depth <= MAX_DEPTH {
            return None;
        }
        let element = sink.elem_name(&id);
        let stays_open = if element.ns == ns!(html) {
            !is_void(&element.local)
        } else {
            !self_closing
        };
        stays_open.then(|| LocalName::from(element.local.to_ascii_lowercase()))
    }

    fn start_tag(&self, tag: Tag, line: u64) -> TokenSinkResult<NodeId> {
        let before = self.builder.sink.inserted.get();
        let self_closing = tag.self_closing;
        let result = self.builder.process_token(Token::TagToken(tag), line);
        // Raw text (`<script>`, `<style>`, …) is one text node: the element is left to its
        // own end tag.
        if !matches!(result, TokenSinkResult::Continue) {
            return result;
        }
        let Some(name) = self.opened_too_deep(before, self_closing) else {
            return result;
        };
        let end = Tag {
            kind: TagKind::EndTag,
            name: name.clone(),
            self_closing: false,
            attrs: Vec::new(),
            had_duplicate_attributes: false,
        };
        // An end tag never switches the tokenizer to raw text.
        let _ = self.builder.process_token(Token::TagToken(end), line);
        note_capped(DEEP);
        *self.counts.borrow_mut().entry(name.clone()).or_insert(0) += 1;
        self.closed_early.borrow_mut().push(name);
        TokenSinkResult::Continue
    }

    /// Closes the innermost `count` elements the last token opened: formatting elements that
    /// the tree builder reopened (see [`MAX_REOPENED`]), and what the token opened inside
    /// them. Each end tag closes the current node, so each costs the builder little.
    fn close_reopened(&self, count: u64, line: u64) {
        note_capped(REOPENED);
        let names: Vec<LocalName> = {
            let chain = self.builder.sink.chain.borrow();
            let from = chain.len().saturating_sub(count as usize);
            chain[from..]
                .iter()
                .rev()
                .map(|(id, _)| self.builder.sink.elem_name(id).local.clone())
                .collect()
        };
        for name in names {
            let end = Tag {
                kind: TagKind::EndTag,
                name,
                self_closing: false,
                attrs: Vec::new(),
                had_duplicate_attributes: false,
            };
            let _ = self.builder.process_token(Token::TagToken(end), line);
        }
    }

    /// Whether an end tag ends an element closed early (then it is dropped: the element is
    /// already closed).
    fn ends_closed_early(&self, name: &LocalName) -> bool {
        if self.closed_early.borrow().is_empty() {
            return false;
        }
        let mut counts = self.counts.borrow_mut();
        if counts.get(name).is_none_or(|&n| n == 0) {
            return false;
        }
        let mut closed = self.closed_early.borrow_mut();
        while let Some(open) = closed.pop() {
            if let Some(n) = counts.get_mut(&open) {
                *n -= 1;
            }
            if open == *name {
                break;
            }
        }
        true
    }
}

impl TokenSink for Guard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        let before = self.builder.sink.inserted.get();
        let result = match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => self.start_tag(tag, line),
            Token::TagToken(tag) if self.ends_closed_early(&tag.name) => TokenSinkResult::Continue,
            token => self.builder.process_token(token, line),
        };
        let inserted = self.builder.sink.inserted.get() - before;
        if inserted > MAX_REOPENED && matches!(result, TokenSinkResult::Continue) {
            self.close_reopened(inserted - MAX_REOPENED, line);
        }
        result
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Elements with no content and no end tag: the tree builder never leaves them open.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Moves every node deeper than `limit` below the root up to depth `limit`, right after the
/// node it was under, keeping document order: a node at the limit gives its children to its
/// parent, following itself, and so on down. Each node moves at most once: linear time.
pub fn flatten(tree: &mut Tree<Node>, limit: usize) {
    let root = tree.root().id();
    let mut id = root;
    let mut depth = 0;
    loop {
        if depth == limit {
            hoist_children(tree, id);
        }
        let Some(node) = tree.get(id) else { return };
        if let Some(child) = node.first_child().filter(|_| depth < limit) {
            id = child.id();
            depth += 1;
            continue;
        }
        // The next node in document order that is not under this one.
        loop {
            if id == root {
                return;
            }
            let Some(node) = tree.get(id) else { return };
            if let Some(next) = node.next_sibling() {
                id = next.id();
                break;
            }
            let Some(parent) = node.parent() else { return };
            id = parent.id();
            depth -= 1;
        }
    }
}

/// Moves the children of `id` to right after it, in order.
fn hoist_children(tree: &mut Tree<Node>, id: NodeId) {
    let mut after = id;
    while let Some(child) = tree.get(id).and_then(|n| n.first_child()).map(|c| c.id()) {
        note_capped(DEEP);
        let Some(mut node) = tree.get_mut(after) else {
            return;
        };
        node.insert_id_after(child);
        after = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{html5ever_document, parse_document, parse_fragment};

    /// How many levels below the root the deepest node is, and the text of the tree.
    fn shape(html: &Html) -> (usize, String) {
        let mut deepest = 0;
        let mut depth = 0usize;
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth - 1);
                }
                ego_tree::iter::Edge::Close(_) => depth -= 1,
            }
        }
        let text = html
            .tree
            .values()
            .filter_map(|n| n.as_text())
            .map(|t| &**t)
            .collect();
        (deepest, text)
    }

    fn nested(n: usize, open: &str, close: &str) -> String {
        format!(
            "<p>start</p>{}deep text{}<p>end</p>",
            open.repeat(n),
            close.repeat(n)
        )
    }

    const KINDS: [(&str, &str); 8] = [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<b>", "</b>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<svg><g>", "</g></svg>"),
        ("<div><p><a href=x>", "</a></p></div>"),
    ];

    #[test]
    fn deep_markup_stops_nesting_at_the_cap_and_keeps_its_text() {
        for (open, close) in KINDS {
            let html = nested(3_000, open, close);
            for tree in [
                parse_fragment(&html),
                parse_document(&html),
                html5ever_document(&html),
            ] {
                let (deepest, text) = shape(&tree);
                assert!(deepest <= MAX_DEPTH as usize + 1, "{open}: {deepest}");
                assert!(deepest >= MAX_DEPTH as usize - 10, "{open}: {deepest}");
                assert_eq!(text, "startdeep textend", "{open}");
            }
        }
    }

    #[test]
    fn a_page_under_the_cap_gets_html5evers_own_tree() {
        for (open, close) in KINDS {
            let html = nested(100, open, close);
            assert_eq!(
                parse_document(&html).html(),
                Html::parse_document(&html).html(),
                "{open}"
            );
            assert_eq!(
                parse_fragment(&html).html(),
                Html::parse_fragment(&html).html(),
                "{open}"
            );
        }
    }

    #[test]
    fn a_tree_cut_by_the_cap_is_noted_once() {
        take_capped();
        parse_fragment(&nested(100, "<div>", "</div>"));
        assert_eq!(take_capped(), None);
        parse_fragment(&nested(600, "<div>", "</div>"));
        assert_eq!(take_capped(), Some(DEEP));
        assert_eq!(take_capped(), None);
        parse_fragment(
            &(0..100)
                .map(|i| format!("<p><b id={i}>x"))
                .collect::<String>(),
        );
        assert_eq!(take_capped(), Some(REOPENED));
    }

    #[test]
    fn elements_past_the_cap_become_siblings_in_document_order() {
        let html = format!(
            "{}<i>a</i><i>b</i>{}",
            "<div>".repeat(600),
            "</div>".repeat(600)
        );
        let tree = parse_fragment(&html);
        let out = tree.html();
        // Closed as they open, each <i> is left empty and its text follows it.
        assert!(
            out.contains("<div></div>".repeat(600 - 511).as_str()),
            "{out}"
        );
        assert!(out.contains("<i></i>a<i></i>b</div>"), "{out}");
        assert_eq!(shape(&tree).0, MAX_DEPTH as usize + 1);
    }

    #[test]
    fn flatten_moves_deep_nodes_up_in_document_order() {
        let mut tree = parse_fragment("<div><div><div><i>a</i>b</div>c</div>d</div>").tree;
        // Root, <html>, then the divs at 2, 3 and 4.
        flatten(&mut tree, 3);
        let html = Html {
            tree,
            ..Html::new_fragment()
        };
        assert_eq!(
            html.root_element().inner_html(),
            "<div><div></div><div></div><i></i>abcd</div>"
        );
    }

    #[test]
    fn formatting_elements_left_open_are_reopened_a_bounded_number_of_times() {
        let n = 3_000;
        let html: String = (0..n).map(|i| format!("<p><b id={i}>x")).collect();
        let tree = parse_fragment(&html);
        // Each block reopened every <b> before it: n²/2 elements. Now at most a few dozen.
        let elements = tree.tree.values().filter(|n| n.is_element()).count();
        assert!(elements < n * (MAX_REOPENED as usize + 4), "{elements}");
        assert_eq!(shape(&tree).1, "x".repeat(n));
        // Fewer than the limit are reopened as the standard says.
        let few: String = (0..20).map(|i| format!("<p><b id={i}>x")).collect();
        assert_eq!(
            parse_fragment(&few).html(),
            Html::parse_fragment(&few).html()
        );
    }

    #[test]
    fn time_stays_linear_in_the_depth() {
        // A million nested elements once took minutes (time in the square of the depth);
        // tests/hostile/markup.rs checks the growth on the binaries, this the parser alone.
        let html = "<div>".repeat(20_000);
        let started = std::time::Instant::now();
        let tree = parse_fragment(&html);
        assert!(shape(&tree).0 <= MAX_DEPTH as usize + 1);
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }
}
