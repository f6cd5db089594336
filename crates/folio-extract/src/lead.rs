//! The standfirst: the paragraph or two of prose between the headline and the body that was
//! chosen. Pages set it apart from the body (in the article's `<header>`, as a subtitle, an
//! `<h2>`), so it scores apart and is often dropped with the header; readers and hand-made
//! article bodies count it as the article's first paragraph.

use crate::tag::Tag;
use crate::tree::{is_punct, weight_of, Node, Tree};

/// At most this much visible text between the headline and the body: further down, what
/// stands between them is not the article's own header.
const GAP_LIMIT: u32 = 1_500;
/// A standfirst is a sentence or more: shorter text between headline and body is a byline,
/// a date, a label.
const MIN_WEIGHT: u32 = 80;
/// Set in the headline's own block, a line of prose is a deck (a subtitle that restates the
/// headline, which hand-made article bodies leave out); a paragraph of two sentences or more
/// is the story's first paragraph, set up there by the page's layout (a lead in the
/// article's `<header>`, above a paywall or the body).
const LEAD_WITH_HEADLINE_FROM: u32 = 200;
/// At most this many standfirst blocks, and this much of their text.
const MAX_BLOCKS: usize = 3;
const MAX_WEIGHT: u32 = 1_200;

/// The blocks of prose between the headline at `headline` and the first chosen root
/// `first`, in document order; empty when they are not close or there is none.
pub(crate) fn find(tree: &Tree, headline: usize, first: usize) -> Vec<usize> {
    let from = tree.nodes[headline].end as usize;
    match crate::headline::distance(tree, headline, first) {
        Some(gap) if gap <= GAP_LIMIT => {}
        _ => return Vec::new(),
    }
    let mut found = Vec::new();
    let mut total = 0;
    let mut j = from;
    while j < first {
        let node = &tree.nodes[j];
        let end = node.end as usize;
        if end > first {
            // An ancestor of the body: its own text before the body is looked at below.
            j += 1;
            continue;
        }
        if left_out(node)
            || node.hint < 0
            || matches!(
                node.tag,
                Tag::Figure | Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form | Tag::Table
            )
        {
            j = end;
            continue;
        }
        if is_leaf_block(tree, j) && !set_apart(tree, j, first) {
            let lead = prose_weight(tree, j).filter(|&weight| {
                (weight >= LEAD_WITH_HEADLINE_FROM || !with_headline(tree, j, headline, first))
                    && !repeated_by(tree, j, first)
            });
            if let Some(weight) = lead {
                total += weight;
                found.push(j);
            }
            j = end;
            continue;
        }
        j += 1;
    }
    if found.len() > MAX_BLOCKS || total > MAX_WEIGHT {
        return Vec::new();
    }
    found
}

/// Whether node `node` is left out of what is read here: dropped for more than its name or
/// tag (a `<header>` dropped as unlikely is what the standfirst is looked for in).
fn left_out(node: &Node) -> bool {
    node.drop.is_some_and(|why| why != "unlikely")
}

/// Whether the body at `first` opens with the text of `lead` (white space aside), within
/// twice its length: a caption or a byline may stand before it. Such a lead (set in the
/// header for the page's layout, and again as the body's first paragraph) is there already.
fn repeated_by(tree: &Tree, lead: usize, first: usize) -> bool {
    let end = tree.nodes[lead].end as usize;
    let text: String = tree.nodes[lead..end]
        .iter()
        .filter(|n| n.tag == Tag::Text && !left_out(n))
        .flat_map(|n| n.text.chars().filter(|c| !c.is_whitespace()))
        .collect();
    let chars = text.chars().count();
    chars > 0 && tree.text_head(first, chars * 2 + 40).contains(&text)
}

/// Names of the blocks beside the headline that are not the article's words: captions and
/// credits, bylines and author boxes, disclaimers, widgets.
const NOT_THE_STORY: &[&str] = &[
    "caption",
    "credit",
    "author",
    "byline",
    "bio",
    "disclaimer",
    "photo",
    "image",
    "img",
    "media",
    "gallery",
    "video",
    "figure",
    "widget",
    "meta",
    "date",
    "share",
    "social",
    "tag",
];

/// Whether block `i`, or a block around it that does not also hold the body at `first`, is
/// a caption, a byline, a list, a table or another block set apart from the story.
fn set_apart(tree: &Tree, i: usize, first: usize) -> bool {
    let mut at = i;
    while at < tree.nodes.len() && (tree.nodes[at].end as usize) <= first {
        let node = &tree.nodes[at];
        if matches!(
            node.tag,
            Tag::Li | Tag::Ul | Tag::Ol | Tag::Dl | Tag::Figure | Tag::Table | Tag::Blockquote
        ) {
            return true;
        }
        let class = node.class.to_ascii_lowercase();
        if NOT_THE_STORY.iter().any(|word| class.contains(word)) {
            return true;
        }
        at = node.parent as usize;
    }
    false
}

/// A block that holds text and no other block (a paragraph, a subtitle, a heading).
fn is_leaf_block(tree: &Tree, i: usize) -> bool {
    let node = &tree.nodes[i];
    matches!(
        node.tag,
        Tag::P | Tag::H2 | Tag::Div | Tag::OtherBlock | Tag::Section
    ) && tree.nodes[i + 1..node.end as usize]
        .iter()
        .all(|n| !n.tag.is_block() || n.tag == Tag::Br)
}

/// The weight of block `i`'s text when it reads as prose: a sentence, long enough, mostly not
/// links. Text dropped only for its name or tag (a `<header>`) counts: it is what is looked at.
fn prose_weight(tree: &Tree, i: usize) -> Option<u32> {
    let end = tree.nodes[i].end as usize;
    let (mut weight, mut chars, mut links, mut punct) = (0, 0, 0, 0);
    let mut link_end = 0;
    for (j, node) in tree.nodes.iter().enumerate().take(end).skip(i) {
        if node.tag == Tag::A {
            link_end = link_end.max(node.end as usize);
        }
        if node.tag != Tag::Text || left_out(node) {
            continue;
        }
        let visible = node.text.chars().filter(|c| !c.is_whitespace()).count() as u32;
        weight += weight_of(node.text);
        chars += visible;
        punct += node.text.chars().filter(|&c| is_punct(c)).count() as u32;
        if j < link_end {
            links += visible;
        }
    }
    (weight >= MIN_WEIGHT && punct > 0 && links * 4 < chars).then_some(weight)
}

/// Whether block `i` sits with the headline rather than with the body.
fn with_headline(tree: &Tree, i: usize, headline: usize, first: usize) -> bool {
    let holds = |a: usize, b: usize| a <= b && b < tree.nodes[a].end as usize;
    let mut at = tree.nodes[i].parent as usize;
    while at < tree.nodes.len() {
        if holds(at, first) {
            return false;
        }
        if holds(at, headline) {
            return true;
        }
        at = tree.nodes[at].parent as usize;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hints::Hints;
    use scraper::Html;

    /// The text of the standfirst found between the `<h1>` and the element of class `body`.
    fn standfirst(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let hints = Hints::new().unwrap();
        let mut tree = Tree::build(&doc, &hints);
        tree.count();
        let headline = tree.nodes.iter().position(|n| n.tag == Tag::H1).unwrap();
        let body = tree.nodes.iter().position(|n| n.class == "body").unwrap();
        find(&tree, headline, body)
            .into_iter()
            .map(|i| tree.text_of(i))
            .collect()
    }

    const BODY: &str = "<div class=body><p>The body of the story, long enough to be one.</p></div>";

    #[test]
    fn prose_beside_the_body_is_the_standfirst() {
        let page = format!(
            "<h1>Title</h1><div><div class=intro><p>A first paragraph that says what happened, \
             where it happened and when, in one long sentence of plain prose.</p></div>{BODY}</div>"
        );
        assert_eq!(
            standfirst(&page),
            ["A first paragraph that says what happened, where it happened and when, in one long sentence of plain prose."]
        );
    }

    #[test]
    fn a_deck_with_the_headline_is_not() {
        let page = format!(
            "<div><h1>Title</h1><p>A deck in the headline's block, which says what happened \
             in other words.</p></div>{BODY}"
        );
        assert!(standfirst(&page).is_empty());
    }

    #[test]
    fn a_paragraph_of_prose_with_the_headline_is_the_lead() {
        let lead = "The council voted last night to reopen the ferry route. Boats will run twice \
                    a day from the first of May, and the old pier is to be repaired by then. \
                    Fares stay as they were, and so does the timetable for the winter months, \
                    when the crossing takes an hour longer.";
        let page = format!("<div><h1>Title</h1><p>{lead}</p></div>{BODY}");
        assert_eq!(standfirst(&page), [lead]);
    }

    #[test]
    fn a_lead_the_body_opens_with_is_repeated() {
        let lead = "The council voted last night to reopen the ferry route.";
        let hints = Hints::new().unwrap();
        let repeated = |body: &str| {
            let page = format!(
                "<div><h1>Title</h1><p class=lead>{lead}</p></div><div class=body>{body}</div>"
            );
            let doc = Html::parse_document(&page);
            let mut tree = Tree::build(&doc, &hints);
            tree.count();
            let at = |class: &str| tree.nodes.iter().position(|n| n.class == class).unwrap();
            repeated_by(&tree, at("lead"), at("body"))
        };
        assert!(repeated(&format!(
            "<p>Photo: Ann Reed</p><p>{lead}</p><p>Boats run twice a day.</p>"
        )));
        assert!(!repeated(
            "<p>Boats run twice a day.</p><p>Fares stay the same.</p>"
        ));
        // Read in a `<header>` the strict run drops for its tag.
        let page = format!(
            "<header><h1>Title</h1><p class=lead>{lead}</p></header>\
             <div class=body><p>{lead}</p><p>Boats run twice a day.</p></div>"
        );
        let doc = Html::parse_document(&page);
        let mut tree = Tree::build(&doc, &hints);
        tree.count();
        let header = tree
            .nodes
            .iter()
            .position(|n| n.tag == Tag::Header)
            .unwrap();
        tree.drop_subtree(header, "unlikely", 0);
        let at = |class: &str| tree.nodes.iter().position(|n| n.class == class).unwrap();
        assert!(repeated_by(&tree, at("lead"), at("body")));
    }

    #[test]
    fn captions_bylines_lists_and_labels_are_not() {
        let page = format!(
            "<h1>Title</h1><div>\
             <p class=photo-caption>The harbour at dawn, seen from the lighthouse on the hill, \
             in a picture taken last spring.</p>\
             <div class=author-box><p>Ann Reed writes about the coast and its people for the \
             paper, and has done so for years.</p></div>\
             <ul><li>A list item that has a sentence in it, long enough to count as prose here.</li></ul>\
             <p>Updated 5 May</p>\
             <p><a href=/a>A link that runs on for a whole sentence, the way teasers do on a page.</a></p>\
             {BODY}</div>"
        );
        assert!(standfirst(&page).is_empty());
    }

    #[test]
    fn a_body_far_below_the_headline_has_none() {
        let filler = "<p>Other text between them, a sentence of it.</p>".repeat(40);
        let page = format!(
            "<h1>Title</h1><div>{filler}<p>A paragraph just above the body, which reads like \
             a standfirst.</p>{BODY}</div>"
        );
        assert!(standfirst(&page).is_empty());
    }
}
