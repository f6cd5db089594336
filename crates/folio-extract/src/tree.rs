//! The page as a flat arena in document order: one entry per element or text node that can
//! be content (scripts, styles, comments, the head and hidden elements never enter it). A
//! subtree is the contiguous range `i..end`, so every later pass is a plain loop over a slice,
//! and the statistics of all subtrees are summed in one backward pass.

use foldhash::HashMap;

use ego_tree::{NodeId, NodeRef};
use folio_html::text::{is_han_kana_or_hangul, push_squashed};
use scraper::{Html, Node as Dom};

use crate::claims::Claims;
use crate::hints::{Attrs, Hints, NameSignal};
use crate::tag::Tag;

/// Counts over a subtree's visible text, without the parts that were dropped.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Stats {
    /// Characters that are not white space.
    pub chars: u32,
    /// Like `chars`, with each CJK character counted twice (one CJK character carries about
    /// as much as two letters of a Latin word; it keeps length thresholds language-neutral).
    pub weight: u32,
    /// Characters inside links.
    pub links: u32,
    /// Sentence punctuation, Chinese and Latin (GNE's symbol density).
    pub punct: u32,
    /// Elements.
    pub tags: u32,
    /// Paragraph-like blocks with real text.
    pub paras: u32,
    /// `<p>` elements, images and list items (Readability's conditional cleaning).
    pub ps: u32,
    pub imgs: u32,
    pub lis: u32,
    /// Headings' text characters.
    pub heading_chars: u32,
}

impl Stats {
    pub fn add(&mut self, other: &Stats) {
        self.chars += other.chars;
        self.weight += other.weight;
        self.links += other.links;
        self.punct += other.punct;
        self.tags += other.tags;
        self.paras += other.paras;
        self.ps += other.ps;
        self.imgs += other.imgs;
        self.lis += other.lis;
        self.heading_chars += other.heading_chars;
    }

    /// Takes a dropped subtree's counts out of an ancestor's.
    pub fn sub(&mut self, other: &Stats) {
        self.chars -= other.chars.min(self.chars);
        self.weight -= other.weight.min(self.weight);
        self.links -= other.links.min(self.links);
        self.punct -= other.punct.min(self.punct);
        self.tags -= other.tags.min(self.tags);
        self.paras -= other.paras.min(self.paras);
        self.ps -= other.ps.min(self.ps);
        self.imgs -= other.imgs.min(self.imgs);
        self.lis -= other.lis.min(self.lis);
        self.heading_chars -= other.heading_chars.min(self.heading_chars);
    }

    /// Share of the text that sits inside links.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            return 0.0;
        }
        self.links as f32 / self.chars as f32
    }
}

/// One element or text node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Node<'a> {
    pub dom: NodeId,
    /// Index of the parent in the arena (`u32::MAX` for the first node).
    pub parent: u32,
    /// End (exclusive) of this node's subtree in the arena.
    pub end: u32,
    pub tag: Tag,
    /// The text of a text node; empty for elements.
    pub text: &'a str,
    /// The `class` attribute of an element; empty when there is none.
    pub class: &'a str,
    /// Class/id weight: positive for content-like names, negative for boilerplate names.
    pub hint: i16,
    /// Class/id (or role, or tag) says boilerplate and nothing says content.
    pub unlikely: bool,
    /// Named for comments (the one section that can outweigh the article).
    pub comments: bool,
    /// Why this subtree is left out, when it is.
    pub drop: Option<&'static str>,
    pub stats: Stats,
    /// Content score (Readability-style, from the paragraphs below it, with name and tag).
    pub score: f32,
    /// The part of `score` that the text earned (no name or tag), after link density.
    pub earned: f32,
}

/// The arena plus what the page says about itself.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tree<'a> {
    pub nodes: Vec<Node<'a>>,
    /// The `<title>` text.
    pub title: String,
    /// The head's description and the JSON-LD article body.
    pub claims: Claims,
}

/// A JSON-LD `type` attribute value (`application/ld+json`).
fn is_json_ld_type(kind: &str) -> bool {
    kind.trim().eq_ignore_ascii_case("application/ld+json")
}

/// The most characters of a line that [`Tree::first_line`] reads whole.
const LINE_CHARS: u32 = 80;

/// About how many distinct class and id names a page has.
const NAMES_PER_PAGE: usize = 512;

impl<'a> Tree<'a> {
    /// Builds the arena from the parsed page, hidden elements left out.
    #[cfg(test)]
    pub fn build(doc: &'a Html, hints: &Hints) -> Tree<'a> {
        Tree::build_with(doc, hints, false)
    }

    /// Builds the arena, with hidden elements (`hidden`, `display: none`) in it when
    /// `keep_hidden` says so (a page that reveals its article with a script).
    pub fn build_with(doc: &'a Html, hints: &Hints, keep_hidden: bool) -> Tree<'a> {
        let mut tree = Tree {
            nodes: Vec::with_capacity(doc.tree.values().len()),
            title: String::new(),
            claims: Claims::default(),
        };
        let mut stack: Vec<(NodeRef<'a, Dom>, u32)> = vec![(doc.tree.root(), u32::MAX)];
        // Names are page input: the map keeps a seeded hash, a cheaper one than std's SipHash.
        let mut names = HashMap::with_capacity_and_hasher(NAMES_PER_PAGE, Default::default());
        while let Some((node, parent)) = stack.pop() {
            let Some(entry) = tree.entry(node, parent, hints, keep_hidden, &mut names) else {
                continue;
            };
            let index = tree.nodes.len() as u32;
            let is_element = entry.tag != Tag::Text;
            tree.nodes.push(entry);
            if is_element {
                let mut child = node.last_child();
                while let Some(c) = child {
                    stack.push((c, index));
                    child = c.prev_sibling();
                }
            }
        }
        tree.close_ranges();
        tree
    }

    /// The arena as [`Tree::build_with`] left it, before a run marked, counted and scored
    /// it: a page's later runs start from this rather than from the parsed page again.
    pub fn fresh(&self) -> Tree<'a> {
        let nodes = self
            .nodes
            .iter()
            .map(|node| Node {
                drop: None,
                score: 0.0,
                earned: 0.0,
                // A text node keeps its counts unless a run dropped it (counting zeroes them).
                stats: match (node.tag, node.drop) {
                    (Tag::Text, None) => node.stats,
                    (Tag::Text, Some(_)) => text_stats(node.text),
                    _ => Stats::default(),
                },
                ..*node
            })
            .collect();
        Tree {
            nodes,
            title: self.title.clone(),
            claims: self.claims.clone(),
        }
    }

    /// The arena entry for one DOM node, or `None` when it can never be content.
    fn entry(
        &mut self,
        node: NodeRef<'a, Dom>,
        parent: u32,
        hints: &Hints,
        keep_hidden: bool,
        names: &mut HashMap<&'a str, NameSignal>,
    ) -> Option<Node<'a>> {
        let mut class = "";
        let mut comments = false;
        let (tag, text, hint, unlikely) = match node.value() {
            Dom::Document | Dom::Fragment => (Tag::Root, "", 0, false),
            Dom::Text(text) => (Tag::Text, &**text, 0, false),
            Dom::Element(el) => {
                let tag = Tag::of(el.name());
                if el.name() == "head" {
                    self.read_head(node);
                } else if tag == Tag::Title {
                    self.read_title(node);
                } else if el.name() == "script" && el.attr("type").is_some_and(is_json_ld_type) {
                    self.claims.read_json_ld(node);
                }
                if tag.never_content() {
                    return None;
                }
                let mut attrs = Attrs::of(el);
                if !keep_hidden && hints.is_hidden(&attrs) {
                    return None;
                }
                // An id made of the block's heading ("sharing-with-a-single-developer", as
                // documentation generators anchor their sections) names the words, not the
                // block.
                if attrs.id.is_some_and(|id| id_slugs_heading(node, id)) {
                    attrs.id = None;
                }
                // The entry is pushed next.
                let at = self.nodes.len() as u32;
                if attrs.marks_article_body() {
                    self.claims.marked_bodies.push(at);
                }
                if tag == Tag::Article {
                    self.claims.articles.push(at);
                }
                let weighed = hints.weigh_with(&attrs, tag, |name| {
                    *names.entry(name).or_insert_with(|| hints.name_signal(name))
                });
                comments = weighed.comments;
                class = attrs.class.unwrap_or("");
                (tag, "", weighed.weight, weighed.unlikely)
            }
            _ => return None,
        };
        Some(Node {
            dom: node.id(),
            parent,
            end: 0,
            tag,
            text,
            class,
            hint,
            unlikely,
            comments,
            drop: None,
            stats: if tag == Tag::Text {
                text_stats(text)
            } else {
                Stats::default()
            },
            score: 0.0,
            earned: 0.0,
        })
    }

    /// Reads the head: the first `<title>`, the descriptions and the JSON-LD.
    fn read_head(&mut self, head: NodeRef<'a, Dom>) {
        for node in head.descendants() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            match el.name() {
                "title" => self.read_title(node),
                "meta" => self.claims.read_meta(el),
                "script" if el.attr("type").is_some_and(is_json_ld_type) => {
                    self.claims.read_json_ld(node)
                }
                _ => {}
            }
        }
    }

    /// Keeps the text of the first `<title>` (in the head, or stray in the body).
    fn read_title(&mut self, title: NodeRef<'a, Dom>) {
        if !self.title.is_empty() {
            return;
        }
        let text: String = title
            .children()
            .filter_map(|c| c.value().as_text())
            .map(|t| &**t)
            .collect();
        self.title = text.trim().to_string();
    }

    /// Sets each node's `end`: descendants follow their ancestor, so one backward pass does it.
    fn close_ranges(&mut self) {
        for i in 0..self.nodes.len() {
            self.nodes[i].end = i as u32 + 1;
        }
        for i in (1..self.nodes.len()).rev() {
            let (parent, end) = (self.nodes[i].parent as usize, self.nodes[i].end);
            if parent < self.nodes.len() && self.nodes[parent].end < end {
                self.nodes[parent].end = end;
            }
        }
    }

    /// Indices of the children of `i`.
    pub fn children(&self, i: usize) -> Children<'_, 'a> {
        Children {
            tree: self,
            next: i + 1,
            end: self.nodes[i].end as usize,
        }
    }

    /// Sums the statistics of every subtree, leaving dropped subtrees out.
    pub fn count(&mut self) {
        for node in &mut self.nodes {
            // A text node's counts were taken when the arena was built.
            if node.tag != Tag::Text {
                node.stats = Stats {
                    tags: 1,
                    ..Stats::default()
                };
            }
        }
        for i in (0..self.nodes.len()).rev() {
            let node = &mut self.nodes[i];
            if node.drop.is_some() {
                node.stats = Stats::default();
                continue;
            }
            if node.tag == Tag::A {
                node.stats.links = node.stats.chars;
            }
            match node.tag {
                Tag::P => node.stats.ps += 1,
                Tag::Img => node.stats.imgs += 1,
                Tag::Li => node.stats.lis += 1,
                Tag::H1 | Tag::H2 => node.stats.heading_chars = node.stats.chars,
                _ => {}
            }
            if node.tag.is_paragraph() && node.stats.weight >= 20 {
                node.stats.paras += 1;
            }
            let (parent, stats) = (node.parent as usize, node.stats);
            if let Some(parent) = self.nodes.get_mut(parent) {
                parent.stats.add(&stats);
            }
        }
    }

    /// The index of the `<body>` (or the root when there is none).
    pub fn body(&self) -> usize {
        self.nodes
            .iter()
            .position(|n| n.tag == Tag::Body)
            .unwrap_or(0)
    }

    /// The element the page marks as its article body: the one with `itemprop="articleBody"`
    /// (schema.org microdata), else, when no element has that mark, the one `<article>`
    /// element. `None` when there are several, or none.
    pub fn marked_body(&self) -> Option<usize> {
        match (&self.claims.marked_bodies[..], &self.claims.articles[..]) {
            ([only], _) | ([], [only]) => Some(*only as usize),
            _ => None,
        }
    }

    /// Weight of the text under node `i`, dropped parts too.
    pub fn text_weight(&self, i: usize) -> u32 {
        self.nodes[i..self.nodes[i].end as usize]
            .iter()
            .filter(|n| n.tag == Tag::Text)
            .map(|n| weight_of(n.text))
            .sum()
    }

    /// The first words under `root`: its first run of text, and the text of the block that
    /// holds it when that is a line of its own (the two differ when the run is set in bold
    /// or a link inside the line). A label that cleaning took off the top (`tail list`)
    /// still counts: it said what follows.
    pub fn first_line(&self, root: usize) -> Option<(&'a str, String)> {
        let end = self.nodes[root].end as usize;
        let first = (root..end).find(|&j| {
            let node = &self.nodes[j];
            node.tag == Tag::Text
                && matches!(node.drop, None | Some("tail list"))
                && !node.text.trim().is_empty()
        })?;
        let mut block = self.nodes[first].parent as usize;
        while block > root && !self.nodes[block].tag.is_block() {
            block = self.nodes[block].parent as usize;
        }
        // A line is short: a block of more is the run's paragraph or the whole choice.
        let line = if self.nodes[block].stats.chars <= LINE_CHARS {
            self.text_of(block)
        } else {
            String::new()
        };
        Some((self.nodes[first].text, line))
    }

    /// The subtrees beside the path from `from` down to node `to`: what leaving everything
    /// but `to` out of `from` drops.
    pub fn beside_path(&self, from: usize, to: usize) -> Vec<usize> {
        let mut beside = Vec::new();
        let mut at = to;
        while at > from && at < self.nodes.len() {
            let parent = self.nodes[at].parent as usize;
            if parent >= self.nodes.len() {
                break;
            }
            beside.extend(self.children(parent).filter(|&c| c != at));
            at = parent;
        }
        beside.sort_unstable();
        beside
    }

    /// Marks a whole subtree as dropped (its nodes keep an earlier reason, if any).
    pub fn mark(&mut self, i: usize, why: &'static str) {
        let end = self.nodes[i].end as usize;
        for node in &mut self.nodes[i..end] {
            node.drop.get_or_insert(why);
        }
    }

    /// Marks a subtree as dropped and takes its counts out of its ancestors up to `top`.
    pub fn drop_subtree(&mut self, i: usize, why: &'static str, top: usize) {
        let stats = self.nodes[i].stats;
        self.mark(i, why);
        let mut at = self.nodes[i].parent as usize;
        while at < self.nodes.len() && at >= top {
            self.nodes[at].stats.sub(&stats);
            if at == top {
                break;
            }
            at = self.nodes[at].parent as usize;
        }
    }

    /// Whether node `i` is or sits in an `<aside>`, `<nav>` or `<footer>`.
    pub fn in_aside(&self, i: usize) -> bool {
        let mut at = i;
        while at < self.nodes.len() {
            if matches!(self.nodes[at].tag, Tag::Aside | Tag::Nav | Tag::Footer) {
                return true;
            }
            at = self.nodes[at].parent as usize;
        }
        false
    }

    /// A block that only wraps one child block holding all its text: text checks are left to
    /// the child, so that a chain of wrappers costs one check, not one per level. A block
    /// whose text is all in an inline child (`<center><span>Advert</span></center>`) is
    /// checked itself: the inline child is not.
    pub fn is_wrapper(&self, i: usize) -> bool {
        let chars = self.nodes[i].stats.chars;
        let mut holders = self.children(i).filter(|&c| self.nodes[c].stats.chars > 0);
        matches!((holders.next(), holders.next()), (Some(only), None) if self.nodes[only].stats.chars == chars && self.nodes[only].tag.is_block())
    }

    /// The first `limit` visible characters of a subtree (white space left out), cheaply.
    pub fn text_head(&self, i: usize, limit: usize) -> String {
        let mut out = String::new();
        let mut j = i;
        let end = self.nodes[i].end as usize;
        while j < end && out.chars().count() < limit {
            let node = &self.nodes[j];
            if node.drop.is_some() {
                j = node.end as usize;
                continue;
            }
            out.extend(node.text.chars().filter(|c| !c.is_whitespace()).take(limit));
            j += 1;
        }
        out
    }

    /// The nearest sibling before node `i` that shows some text.
    pub fn previous_with_text(&self, i: usize) -> Option<usize> {
        let parent = self.nodes[i].parent as usize;
        if parent >= self.nodes.len() {
            return None;
        }
        self.children(parent)
            .take_while(|&c| c < i)
            .filter(|&c| self.nodes[c].drop.is_none() && self.nodes[c].stats.chars > 0)
            .last()
    }

    /// Visible text of a subtree, white space squashed, without dropped parts.
    pub fn text_of(&self, i: usize) -> String {
        let mut out = String::new();
        // Ends of the blocks entered: text after a block's end is a new line of text too.
        let mut block_ends: Vec<usize> = Vec::new();
        let mut j = i;
        let end = self.nodes[i].end as usize;
        while j < end {
            let node = &self.nodes[j];
            let mut breaks = false;
            while block_ends.last().is_some_and(|&e| e <= j) {
                block_ends.pop();
                breaks = true;
            }
            if node.drop.is_some() {
                j = node.end as usize;
                continue;
            }
            if node.tag.is_block() && node.tag != Tag::Text {
                block_ends.push(node.end as usize);
                breaks = true;
            }
            if breaks && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            if node.tag == Tag::Text {
                push_squashed(&mut out, node.text);
            }
            j += 1;
        }
        out.trim().to_string()
    }
}

/// Iterator over the children of one arena node.
pub(crate) struct Children<'t, 'a> {
    tree: &'t Tree<'a>,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let current = self.next;
        self.next = self.tree.nodes[current].end as usize;
        Some(current)
    }
}

/// The weight of a text: its visible characters, one of Han, kana or Hangul counting two.
pub(crate) fn weight_of(text: &str) -> u32 {
    text_stats(text).weight
}

fn text_stats(text: &str) -> Stats {
    // ASCII (most of a page's text, in a Latin script) is looked up in a table, and text of
    // ASCII alone is read a byte at a time rather than decoded.
    let count_ascii = |stats: &mut Stats, byte: u8| {
        let class = ASCII_CLASS[usize::from(byte)];
        stats.chars += u32::from(class != SPACE);
        stats.punct += u32::from(class == PUNCT);
    };
    let mut stats = Stats::default();
    if text.is_ascii() {
        text.bytes().for_each(|byte| count_ascii(&mut stats, byte));
        stats.weight = stats.chars;
        return stats;
    }
    let mut han = 0;
    for ch in text.chars() {
        if ch.is_ascii() {
            count_ascii(&mut stats, ch as u8);
        } else if !ch.is_whitespace() {
            stats.chars += 1;
            han += u32::from(is_han_kana_or_hangul(ch));
            stats.punct += u32::from(is_punct(ch));
        }
    }
    // Every character weighs one, and a Han, kana or Hangul one a second time.
    stats.weight = stats.chars + han;
    stats
}

/// What [`text_stats`] makes of an ASCII byte: white space, punctuation or another character.
const SPACE: u8 = 0;
const PUNCT: u8 = 1;
const OTHER: u8 = 2;
const ASCII_CLASS: [u8; 128] = {
    let mut table = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let ch = b as u8 as char;
        table[b] = if ch.is_whitespace() {
            SPACE
        } else if is_punct(ch) {
            PUNCT
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// Punctuation that ends or splits a sentence, in Chinese and Latin text.
pub(crate) const fn is_punct(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '…'
            | '（'
            | '）'
            | '《'
            | '》'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | '"'
    )
}

/// Whether `id` is the text of the element's heading made an anchor: the element is that
/// heading, or its first child element is. Only ids of three words or more are read, the
/// shortest a heading's anchor is told from a layout's name by.
fn id_slugs_heading(node: NodeRef<Dom>, id: &str) -> bool {
    if id.bytes().filter(|&b| b == b'-' || b == b'_').count() < 2 {
        return false;
    }
    let heading = |n: NodeRef<Dom>| {
        n.value()
            .as_element()
            .is_some_and(|el| matches!(el.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
    };
    let first_child = node.children().find(|c| match c.value() {
        Dom::Text(text) => !text.trim().is_empty(),
        Dom::Element(_) => true,
        _ => false,
    });
    let Some(heading) = Some(node)
        .filter(|&n| heading(n))
        .or(first_child.filter(|&c| heading(c)))
    else {
        return false;
    };
    let mut text = String::new();
    for piece in heading.descendants().filter_map(|d| d.value().as_text()) {
        text.push_str(piece);
    }
    same_slug(&text, id)
}

/// Whether `text` and `id` are the same words once case, punctuation and separators are
/// set aside ("Example 1: Amend a shared changeset", `example-1-amend-a-shared-changeset`).
fn same_slug(text: &str, id: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let ours = words(text);
    !ours.is_empty() && ours == words(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_counts_skip_white_space_and_weigh_cjk_double() {
        let counts = |text: &str| {
            let stats = text_stats(text);
            (stats.chars, stats.weight, stats.punct)
        };
        // All 128 ASCII characters: six are white space (VT among them), seven punctuation.
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        assert_eq!(counts(&every_ascii), (122, 122, 7));
        assert_eq!(
            counts("Rain, then sun. Why?\t\u{b}\u{c}\r\n \"ok\"!"),
            (22, 22, 6)
        );
        assert_eq!(counts("今天，晴。 OK"), (7, 10, 2));
        assert_eq!(counts(""), (0, 0, 0));
        // Each character between others counts as it does alone.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let alone = if c.is_whitespace() {
                (0, 0, 0)
            } else {
                let weight = if is_han_kana_or_hangul(c) { 2 } else { 1 };
                (1, weight, u32::from(is_punct(c)))
            };
            let (chars, weight, punct) = counts(&format!("a{c}é"));
            assert_eq!((chars - 2, weight - 2, punct), alone, "{c:?}");
        }
    }

    #[test]
    fn an_id_made_of_the_blocks_heading_is_no_name() {
        let hint_of = |html: &str| {
            let (doc, hints) = tree_of(html);
            let tree = Tree::build(&doc, &hints);
            let div = tree.nodes.iter().position(|n| n.tag == Tag::Div).unwrap();
            (tree.nodes[div].hint, tree.nodes[div].unlikely)
        };
        // The section's own heading, made an anchor: its words say nothing of the block.
        for html in [
            r#"<div id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2><p>x</p></div>"#,
            r#"<div id="example_1_amend_a_shared_changeset">
                <h3>Example 1: Amend a <em>shared</em> changeset</h3></div>"#,
        ] {
            assert_eq!(hint_of(html), (0, false), "{html}");
        }
        // A layout's name, short or not the heading's words, still counts.
        for html in [
            r#"<div id="share-bar"><h2>Share bar</h2></div>"#,
            r#"<div id="share-buttons-bar"><h2>Tell a friend</h2></div>"#,
            r#"<div id="share-buttons-bar"><p>x</p><h2>Share buttons bar</h2></div>"#,
        ] {
            assert_eq!(hint_of(html), (-25, true), "{html}");
        }
    }

    fn tree_of(html: &str) -> (Html, Hints) {
        (Html::parse_document(html), Hints::new().unwrap())
    }

    #[test]
    fn subtrees_are_ranges_and_counts_add_up() {
        let (doc, hints) = tree_of(
            "<body><div><p>你好，世界。</p><a href=x>link</a><script>x()</script></div></body>",
        );
        let mut tree = Tree::build(&doc, &hints);
        tree.count();
        let div = tree.nodes.iter().position(|n| n.tag == Tag::Div).unwrap();
        let children: Vec<Tag> = tree.children(div).map(|c| tree.nodes[c].tag).collect();
        assert_eq!(
            children,
            [Tag::P, Tag::A],
            "the script never enters the arena"
        );
        let stats = tree.nodes[div].stats;
        assert_eq!(
            (stats.chars, stats.weight, stats.links, stats.punct),
            (10, 14, 4, 2)
        );
        assert_eq!(tree.text_of(div), "你好，世界。 link");
        assert_eq!(tree.text_head(div, 3), "你好，");
    }

    #[test]
    fn dropped_subtrees_leave_the_counts() {
        let (doc, hints) = tree_of("<body><div><p>keep this</p><p>drop this</p></div></body>");
        let mut tree = Tree::build(&doc, &hints);
        tree.count();
        let div = tree.nodes.iter().position(|n| n.tag == Tag::Div).unwrap();
        let second = tree.children(div).nth(1).unwrap();
        tree.drop_subtree(second, "test", div);
        assert_eq!(tree.nodes[div].stats.chars, 8);
        assert!(
            tree.nodes[second + 1].drop.is_some(),
            "the whole subtree is marked"
        );
        assert_eq!(tree.text_of(div), "keep this");
    }

    #[test]
    fn hidden_elements_and_the_title() {
        let (doc, hints) = tree_of("<head><title> Page </title></head><body><p hidden>secret</p><p style='display: none'>also</p><p>seen</p></body>");
        let tree = Tree::build(&doc, &hints);
        assert_eq!(tree.title, "Page");
        let body = tree.body();
        assert_eq!(tree.text_of(body), "seen");
    }

    #[test]
    fn the_marked_article_body_and_what_stands_beside_it() {
        let (doc, hints) = tree_of(
            "<body><nav>menu</nav><main><h1>Title</h1><div itemprop='author articleBody'>\
             <p>The text the page marks as its article.</p></div><aside>more</aside></main>\
             <footer>end</footer></body>",
        );
        let tree = Tree::build(&doc, &hints);
        let marked = tree.marked_body().expect("one marked body");
        assert_eq!(
            tree.text_of(marked),
            "The text the page marks as its article."
        );
        assert_eq!(tree.text_weight(marked), 32, "letters and stops, no spaces");
        let beside: Vec<Tag> = tree
            .beside_path(tree.body(), marked)
            .into_iter()
            .map(|i| tree.nodes[i].tag)
            .collect();
        assert_eq!(beside, [Tag::Nav, Tag::H1, Tag::Aside, Tag::Footer]);

        let (doc, hints) = tree_of(
            "<body><p itemprop=articleBody>One teaser.</p><p itemprop=articleBody>Two.</p></body>",
        );
        assert_eq!(Tree::build(&doc, &hints).marked_body(), None, "not one");

        let (doc, hints) =
            tree_of("<body><div>Menu</div><article><p>The one article.</p></article></body>");
        let tree = Tree::build(&doc, &hints);
        let marked = tree.marked_body().expect("the one <article>");
        assert_eq!(tree.nodes[marked].tag, Tag::Article);
        let (doc, hints) = tree_of("<body><article>One</article><article>Two</article></body>");
        assert_eq!(Tree::build(&doc, &hints).marked_body(), None, "teasers");
    }
}
