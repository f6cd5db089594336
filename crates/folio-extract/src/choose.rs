//! Choosing the content: unlikely blocks out, paragraphs scored, their scores handed up to the
//! blocks that hold them, the best block taken with the siblings that belong to it.

use crate::hints::Hints;
use crate::tag::Tag;
use crate::tree::Tree;

/// How far the scoring reaches; the fallback run relaxes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    /// Drop unlikely candidates (boilerplate names, nav/aside/footer/header) before scoring.
    pub strip_unlikely: bool,
    /// Let class/id weights count.
    pub weigh_names: bool,
    /// Read hidden elements too.
    pub keep_hidden: bool,
    /// Take the page's own article container (see [`container`]) instead of scoring.
    pub in_container: bool,
}

impl Pass {
    /// The first run: names weigh, unlikely candidates go, hidden elements stay out.
    pub const STRICT: Pass = Pass {
        strip_unlikely: true,
        weigh_names: true,
        keep_hidden: false,
        in_container: false,
    };
    /// The second opinion: no name weighs, nothing is stripped for its name (comment
    /// sections still go).
    pub const RELAXED: Pass = Pass {
        strip_unlikely: false,
        weigh_names: false,
        ..Pass::STRICT
    };
    /// The relaxed run over what the page hides until a script shows it.
    pub const REVEALED: Pass = Pass {
        keep_hidden: true,
        ..Pass::RELAXED
    };
    /// The page's own article container whole, instead of scoring.
    pub const CONTAINER: Pass = Pass {
        in_container: true,
        ..Pass::RELAXED
    };
}

/// Drops the unlikely candidates, unless one holds all the page's text but a few lines (a
/// wrapper named `header-wrap` around everything stays) and is not a comments section (which
/// can outweigh a short article many times). The relaxed pass drops comment sections only.
/// Forms go in every pass, but one that holds half the page.
pub(crate) fn strip_unlikely(tree: &mut Tree, body: usize, pass: Pass) {
    let total = tree.nodes[body].stats.weight.max(1);
    let mut i = body + 1;
    while i < tree.nodes.len() {
        let node = &tree.nodes[i];
        let holds_all = total - node.stats.weight.min(total) < 250;
        let strips = node.comments || pass.strip_unlikely && !holds_all;
        if node.unlikely && node.drop.is_none() && strips {
            tree.mark(i, "unlikely");
            i = tree.nodes[i].end as usize;
        } else if node.tag == Tag::Form && node.drop.is_none() && node.stats.weight * 2 < total {
            // A form is no article (folio-clean takes every form out of one), unless it is
            // the page's wrapper, as ASP.NET sets one around everything.
            tree.mark(i, "form");
            i = tree.nodes[i].end as usize;
        } else {
            i += 1;
        }
    }
}

/// Scores every block from the paragraphs it holds. Returns `initialised[i]` (whether node
/// `i` is a candidate at all); the scores are in `tree.nodes[i].score`.
pub(crate) fn score(tree: &mut Tree, pass: Pass) -> Vec<bool> {
    let n = tree.nodes.len();
    let mut candidate = vec![false; n];
    for i in 0..n {
        let Some((weight, punct, links)) = own_text(tree, i) else {
            continue;
        };
        // Short paragraphs count when they hold a sentence (many short paragraphs make an
        // article too, in Chinese more than anywhere).
        if weight < 10 || weight < 25 && punct == 0 {
            continue;
        }
        let value = (1.0 + punct as f32 + (weight as f32 / 100.0).min(3.0)) * (1.0 - links);
        // A paragraph scores for its parent; a cell or a `<br>`-separated block is itself the
        // container of its text.
        if matches!(tree.nodes[i].tag, Tag::Body | Tag::Form) {
            // Text loose in the page's outer blocks says nothing about where the article is;
            // when it is all there is, the body is chosen for want of a better block.
            continue;
        }
        let holds_itself = !matches!(tree.nodes[i].tag, Tag::P | Tag::Pre);
        let mut at = if holds_itself {
            i
        } else {
            tree.nodes[i].parent as usize
        };
        for level in 0..5 {
            if at >= n || matches!(tree.nodes[at].tag, Tag::Root | Tag::Html) {
                break;
            }
            candidate[at] = true;
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            tree.nodes[at].score += value / divider;
            at = tree.nodes[at].parent as usize;
        }
    }
    for (i, is_candidate) in candidate.iter().enumerate() {
        if *is_candidate {
            let node = &mut tree.nodes[i];
            let kept = 1.0 - node.stats.link_density();
            node.earned = node.score * kept;
            node.score = (node.score + habit(node.tag, node.hint, node.score, pass)) * kept;
        }
    }
    candidate
}

/// The text a block holds itself, as (weight, punctuation, link density): a paragraph's whole
/// text, or another block's runs of inline text between its child blocks (a table cell, or
/// `<br>`-separated text in a `<div>`).
fn own_text(tree: &Tree, i: usize) -> Option<(u32, u32, f32)> {
    let node = &tree.nodes[i];
    if node.drop.is_some() || node.tag == Tag::Text {
        return None;
    }
    if matches!(node.tag, Tag::P | Tag::Pre) {
        let s = node.stats;
        return Some((s.weight, s.punct, s.link_density()));
    }
    // List items and headings are not scored (Readability): menus and teaser lists would
    // pull the choice towards sidebars.
    if !node.tag.is_block()
        || matches!(
            node.tag,
            Tag::Li | Tag::H1 | Tag::H2 | Tag::Ul | Tag::Ol | Tag::Dl
        )
    {
        return None;
    }
    let (mut weight, mut punct, mut chars, mut links) = (0, 0, 0, 0);
    for child in tree.children(i) {
        let c = &tree.nodes[child];
        if c.drop.is_none() && !c.tag.is_block() {
            weight += c.stats.weight;
            punct += c.stats.punct;
            chars += c.stats.chars;
            links += c.stats.links;
        }
    }
    let density = if chars == 0 {
        0.0
    } else {
        links as f32 / chars as f32
    };
    Some((weight, punct, density))
}

/// What Readability adds to a block's score: the tag's habit and the class/id weight.
fn habit(tag: Tag, hint: i16, earned: f32, pass: Pass) -> f32 {
    let by_tag = match tag {
        Tag::Div | Tag::Article | Tag::Section | Tag::Main => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Ul | Tag::Ol | Tag::Dl | Tag::Li | Tag::Form | Tag::OtherBlock => -3.0,
        Tag::H1 | Tag::H2 => -5.0,
        _ => 0.0,
    };
    // A good name at most doubles what the text earned: a form named `form-contents` with one
    // line must not beat the article.
    let by_name = match pass.weigh_names {
        true if hint > 0 => f32::from(hint).min(earned),
        true => f32::from(hint),
        false => 0.0,
    };
    by_tag + by_name
}

/// The page's own word for where its article is: its heaviest `<article>`, else its heaviest
/// `<main>`, left whole (links included). The last resort when scoring finds next to nothing,
/// as when the article is a list of links with a line under each.
pub(crate) fn container(tree: &Tree, body: usize) -> Option<usize> {
    let end = tree.nodes[body].end as usize;
    let heaviest = |tag: Tag| {
        (body..end)
            .filter(|&i| tree.nodes[i].tag == tag && tree.nodes[i].drop.is_none())
            .max_by_key(|&i| tree.nodes[i].stats.weight)
    };
    heaviest(Tag::Article).or_else(|| heaviest(Tag::Main))
}

/// The article's roots in a scored tree: the best block with the siblings that belong to it,
/// widened to the block holding most of the page's prose when they hold little of it, else
/// joined by their kin. `headline` is where the page's headline stands, if it has one.
pub(crate) fn article(
    tree: &Tree,
    hints: &Hints,
    candidate: &[bool],
    body: usize,
    headline: Option<usize>,
) -> Vec<usize> {
    let top = best(tree, candidate, body);
    let siblings = with_siblings(tree, hints, candidate, top, body);
    let roots = with_outer_paragraphs(tree, siblings, top, body);
    let prose = prose_weights(tree);
    match widened(tree, &prose, &roots, body) {
        Some(home) => vec![home],
        None => with_kin(tree, &prose, roots, top, body, headline),
    }
}

/// The block with the best score, moved up to the ancestor that holds it together with its
/// close rivals (content split across sibling blocks), or the body when nothing scored.
fn best(tree: &Tree, candidate: &[bool], body: usize) -> usize {
    let mut ranked: Vec<usize> = (0..candidate.len())
        .filter(|&i| candidate[i] && tree.nodes[i].drop.is_none())
        .collect();
    ranked.sort_by(|&a, &b| {
        tree.nodes[b]
            .score
            .total_cmp(&tree.nodes[a].score)
            .then(a.cmp(&b))
    });
    let Some(&first) = ranked.first() else {
        return body;
    };
    let mut top = first;
    let top_score = tree.nodes[top].score;
    let rivals: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(4)
        .copied()
        .filter(|&r| tree.nodes[r].score >= top_score * 0.75)
        .collect();
    if rivals.len() >= 3 {
        let mut at = tree.nodes[top].parent as usize;
        while at > body && at < tree.nodes.len() {
            let holds = rivals.iter().filter(|&&r| contains(tree, at, r)).count();
            if holds >= 3 {
                top = at;
                break;
            }
            at = tree.nodes[at].parent as usize;
        }
    }
    top = climb(tree, candidate, top, body);
    while top > body {
        let parent = tree.nodes[top].parent as usize;
        if parent <= body || parent >= tree.nodes.len() || element_children(tree, parent) != 1 {
            break;
        }
        top = parent;
    }
    top
}

/// Readability's climb: a parent whose score is higher than the last one seen takes over, as
/// long as scores do not fall under a third of the winner's on the way.
fn climb(tree: &Tree, candidate: &[bool], top: usize, body: usize) -> usize {
    let mut last = tree.nodes[top].score;
    let threshold = last / 3.0;
    let mut at = tree.nodes[top].parent as usize;
    while at > body && at < tree.nodes.len() {
        if candidate[at] {
            let score = tree.nodes[at].score;
            if score < threshold {
                break;
            }
            if score > last {
                return at;
            }
            last = score;
        }
        at = tree.nodes[at].parent as usize;
    }
    top
}

/// Prose under which a page's prose says nothing about where its article is.
const SPREAD_FROM: u32 = 500;

/// The block where most of the page's prose lives, when the chosen `roots` hold under half
/// of it: the article is spread over blocks that scored apart (sections of one story, a
/// lede apart from the body), so the choice widens to the block holding them all. It jumps
/// to a block elsewhere only when the roots hold next to nothing: a short block that won
/// apart from the prose is as often a short article beside a long teaser list. Prose in
/// page furniture apart from the roots does not count.
fn widened(tree: &Tree, prose: &[u32], roots: &[usize], body: usize) -> Option<usize> {
    let total = prose[body];
    if total < SPREAD_FROM {
        return None;
    }
    let held: u32 = roots.iter().map(|&r| prose[r]).sum();
    // The furniture is walked for only the few choices that hold under half of all prose.
    if held * 2 >= total
        || held * 2 >= total.saturating_sub(furniture_prose(tree, prose, roots, body))
    {
        return None;
    }
    let home = prose_home(tree, prose, body);
    // The body, or a list of teasers, is no one block of prose.
    if home == body || matches!(tree.nodes[home].tag, Tag::Ul | Tag::Ol | Tag::Dl) {
        return None;
    }
    let widens = roots.iter().all(|&r| contains(tree, home, r));
    let weight: u32 = roots.iter().map(|&r| tree.nodes[r].stats.weight).sum();
    (widens || weight < crate::verdict::NOTHING_BELOW).then_some(home)
}

/// The prose of page furniture (an `<aside>`, `<nav>`, `<header>` or `<footer>` not named for
/// content) apart from the roots: the relaxed run reads it, but a sidebar's live ticker is no
/// part of the article beside it, so it does not count towards the page's prose to widen to.
fn furniture_prose(tree: &Tree, prose: &[u32], roots: &[usize], body: usize) -> u32 {
    let mut sum = 0;
    let mut i = body + 1;
    let end = tree.nodes[body].end as usize;
    while i < end {
        let node = &tree.nodes[i];
        let furniture = matches!(node.tag, Tag::Aside | Tag::Nav | Tag::Footer | Tag::Header);
        let apart = roots
            .iter()
            .all(|&r| !contains(tree, i, r) && !contains(tree, r, i));
        if node.unlikely && furniture && apart {
            sum += prose[i];
            i = node.end as usize;
        } else {
            i += 1;
        }
    }
    sum
}

/// How far up from the winner kin are looked for: past the few wrappers a section or an
/// entry puts around its paragraphs, not up to the page's columns.
const KIN_LEVELS: usize = 4;
/// Prose a kin block must hold: a sentence or two, not a caption.
const KIN_PROSE: u32 = 80;

/// The choice with its kin: when the winner, or one of the few blocks around it, has
/// siblings of the same tag and class that hold prose with few links, they join it, at the
/// nearest level where there are any (the winner's block then stands for the choice, with
/// what lies between). That is an article set in repeated sections (one `div.section` per
/// heading, one content element per paragraph group, one entry per term of a glossary)
/// that score apart, where the winner is one of them. A sibling that holds a headline of
/// its own is another article, and does not join.
fn with_kin(
    tree: &Tree,
    prose: &[u32],
    roots: Vec<usize>,
    top: usize,
    body: usize,
    headline: Option<usize>,
) -> Vec<usize> {
    let mut at = top;
    for _ in 0..KIN_LEVELS {
        let parent = tree.nodes[at].parent as usize;
        if at <= body || parent < body || parent >= tree.nodes.len() {
            break;
        }
        let me = &tree.nodes[at];
        let is_kin = |s: usize| {
            let node = &tree.nodes[s];
            s != at
                && node.tag == me.tag
                && node.class == me.class
                && node.drop.is_none()
                && prose[s] >= KIN_PROSE
                && node.stats.link_density() < 0.3
                && !(s..node.end as usize)
                    .any(|j| tree.nodes[j].tag == Tag::H1 && Some(j) != headline)
        };
        if !me.class.is_empty() {
            let kin: Vec<usize> = tree.children(parent).filter(|&s| is_kin(s)).collect();
            if !kin.is_empty() {
                let mut joined = if at == top { roots } else { vec![at] };
                joined.extend(kin);
                joined.sort_unstable();
                joined.dedup();
                return joined;
            }
        }
        at = parent;
    }
    roots
}

/// The weight of prose under every node: paragraphs (and blocks of their own text) that hold a
/// sentence, have few links and are not inside one (a teaser's text wrapped in its link). One
/// pass down, one back up.
pub(crate) fn prose_weights(tree: &Tree) -> Vec<u32> {
    let n = tree.nodes.len();
    let mut prose = vec![0u32; n];
    let mut in_link = vec![false; n];
    for i in 0..n {
        let parent = tree.nodes[i].parent as usize;
        in_link[i] = tree.nodes[i].tag == Tag::A || parent < n && in_link[parent];
        if in_link[i] {
            continue;
        }
        if let Some((weight, punct, links)) = own_text(tree, i) {
            if weight >= 40 && punct > 0 && links < 0.3 {
                prose[i] = weight;
            }
        }
    }
    for i in (1..n).rev() {
        let parent = tree.nodes[i].parent as usize;
        if parent < n {
            prose[parent] += prose[i];
        }
    }
    prose
}

/// Where most of the page's prose lives: the deepest block that holds at least two thirds of
/// it, found by walking down from the body into the child holding the most.
fn prose_home(tree: &Tree, prose: &[u32], body: usize) -> usize {
    let enough = prose[body] as u64 * 2 / 3;
    let mut at = body;
    loop {
        let richest = tree
            .children(at)
            .max_by_key(|&c| (prose[c], std::cmp::Reverse(c)));
        match richest {
            Some(child)
                if u64::from(prose[child]) >= enough && tree.nodes[child].tag != Tag::Text =>
            {
                at = child
            }
            _ => return at,
        }
    }
}

fn contains(tree: &Tree, ancestor: usize, i: usize) -> bool {
    ancestor <= i && i < tree.nodes[ancestor].end as usize
}

/// Whether every one of `blocks` stands apart from every one of `others`: none holds another.
pub(crate) fn apart(tree: &Tree, blocks: &[usize], others: &[usize]) -> bool {
    blocks.iter().all(|&a| {
        others
            .iter()
            .all(|&b| !contains(tree, a, b) && !contains(tree, b, a))
    })
}

fn element_children(tree: &Tree, i: usize) -> usize {
    live_children(tree, i).count()
}

/// The children that stay: not dropped, and not blank text.
fn live_children<'t>(tree: &'t Tree, i: usize) -> impl Iterator<Item = usize> + 't {
    tree.children(i).filter(|&c| {
        let node = &tree.nodes[c];
        node.drop.is_none() && (node.tag != Tag::Text || node.stats.chars > 0)
    })
}

/// The winner and the siblings that belong with it, in document order: siblings that scored
/// well enough (more with the same class), and paragraphs of plain prose.
fn with_siblings(
    tree: &Tree,
    hints: &Hints,
    candidate: &[bool],
    top: usize,
    body: usize,
) -> Vec<usize> {
    let parent = tree.nodes[top].parent as usize;
    if top <= body || parent >= tree.nodes.len() {
        return vec![top];
    }
    let top_score = tree.nodes[top].score;
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = class_of(tree, top);
    tree.children(parent)
        .filter(|&s| {
            if s == top {
                return true;
            }
            let node = &tree.nodes[s];
            if node.drop.is_some() || node.stats.chars == 0 {
                return false;
            }
            if hints.is_statement(&tree.text_head(s, 16))
                || node.stats.chars <= 200 && hints.is_notice(&tree.text_of(s))
            {
                return false;
            }
            let bonus = if top_class.is_some() && class_of(tree, s) == top_class {
                top_score * 0.2
            } else {
                0.0
            };
            // A good name alone does not make a sibling belong: its text must score too.
            if candidate[s] && node.earned + bonus >= threshold {
                return true;
            }
            // A block of one paragraph joins only before the winner: after it, that is as
            // often the site's one-line footer.
            (node.tag == Tag::P || s < top && holds_one_paragraph(tree, s)) && is_prose(tree, s)
        })
        .collect()
}

/// A `<div>` that holds one paragraph and nothing else (Readability reads it as the
/// paragraph): a site that wraps each opening paragraph of its article in its own block.
fn holds_one_paragraph(tree: &Tree, i: usize) -> bool {
    if tree.nodes[i].tag != Tag::Div {
        return false;
    }
    let mut children = live_children(tree, i);
    matches!(
        (children.next(), children.next()),
        (Some(only), None) if tree.nodes[only].tag == Tag::P
            && tree.nodes[only].stats.chars == tree.nodes[i].stats.chars
    )
}

/// Levels above the winner's parent whose plain paragraphs join it.
const OUTER_LEVELS: usize = 2;

/// The choice with the plain paragraphs of prose that stand beside the blocks around the
/// winner, a level or two up: an article whose opening paragraphs sit outside the wrapper
/// its remaining paragraphs are in (behind a "Read more" button, after an advertisement
/// slot), which scores apart from them.
fn with_outer_paragraphs(tree: &Tree, roots: Vec<usize>, top: usize, body: usize) -> Vec<usize> {
    let mut joined = roots;
    let mut at = tree.nodes[top].parent as usize;
    for _ in 0..OUTER_LEVELS {
        if at <= body || at >= tree.nodes.len() {
            break;
        }
        let parent = tree.nodes[at].parent as usize;
        if parent < body || parent >= tree.nodes.len() {
            break;
        }
        let before = joined.len();
        joined.extend(tree.children(parent).filter(|&s| {
            s != at
                && tree.nodes[s].tag == Tag::P
                && tree.nodes[s].drop.is_none()
                && is_prose(tree, s)
        }));
        if joined.len() > before {
            // What lies between them and the choice is not taken: the roots stay apart.
            joined.sort_unstable();
            joined.dedup();
        }
        at = parent;
    }
    joined
}

fn class_of<'t>(tree: &'t Tree, i: usize) -> Option<&'t str> {
    Some(tree.nodes[i].class).filter(|c| !c.is_empty())
}

/// A paragraph of plain prose: long with few links, or short, link-free and ending a sentence.
fn is_prose(tree: &Tree, i: usize) -> bool {
    let stats = tree.nodes[i].stats;
    let density = stats.link_density();
    if stats.weight > 80 {
        return density < 0.25;
    }
    density == 0.0 && stats.chars > 0 && {
        let text = tree.text_of(i);
        text.ends_with(['.', '。', '!', '！', '?', '？', '"', '”'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn choose(html: &str) -> String {
        let doc = Html::parse_document(html);
        let hints = Hints::new().unwrap();
        let mut tree = Tree::build(&doc, &hints);
        tree.count();
        let body = tree.body();
        strip_unlikely(&mut tree, body, Pass::STRICT);
        tree.count();
        let candidate = score(&mut tree, Pass::STRICT);
        article(&tree, &hints, &candidate, body, None)
            .iter()
            .map(|&r| tree.text_of(r))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn prose_beats_a_list_of_links() {
        let links: String = (0..30)
            .map(|i| format!("<li><a href=/{i}>Another headline number {i} here</a></li>"))
            .collect();
        let page = format!("<body><ul class=x>{links}</ul><div><p>One paragraph of prose, with commas, and clauses, is all it takes to win.</p></div></body>");
        assert_eq!(
            choose(&page),
            "One paragraph of prose, with commas, and clauses, is all it takes to win."
        );
    }

    #[test]
    fn an_unlikely_wrapper_around_everything_stays() {
        let page = "<body><div id=header-wrap><div><p>The whole page sits in a wrapper with a bad name, and it is still the article.</p></div></div></body>";
        assert!(choose(page).starts_with("The whole page"));
    }

    #[test]
    fn comments_are_stripped_before_scoring() {
        let comment =
            "<p>I disagree with every word of this, and I will say so at length, twice.</p>";
        let page = format!("<body><div class=story><p>The article is short, but it is the article.</p></div><div class=comments>{}</div></body>", comment.repeat(10));
        assert_eq!(
            choose(&page),
            "The article is short, but it is the article."
        );
    }

    #[test]
    fn opening_paragraphs_outside_the_wrapper_of_the_rest_join_it() {
        let rest =
            "<p>The council met again on Tuesday, and the vote on the bridge was put off for a \
            month while the engineers write their second report.</p>"
                .repeat(8);
        let page = format!(
            "<body><div class=x><p>The old bridge over the canal will close in spring, the council \
             said, after an inspection found rust in two of its beams.</p><div><div><a href=/more>\
             Read more</a></div><div class=y></div><div class=z>{rest}</div></div></div>\
             <p><a href=/a>Contact</a> <a href=/b>Jobs</a></p></body>"
        );
        let chosen = choose(&page);
        assert!(
            chosen.starts_with("The old bridge over the canal"),
            "{chosen:.80}"
        );
        assert!(chosen.contains("second report"), "{chosen:.80}");
        assert!(
            !chosen.contains("Read more") && !chosen.contains("Contact"),
            "{chosen}"
        );
    }

    #[test]
    fn paragraphs_each_in_a_block_of_their_own_join_the_rest() {
        let opening = |n: &str| {
            format!(
                "<div class=par{n}><p>Paragraph {n} of the opening sits in a block of its own, \
                 as the site sets its first paragraphs.</p></div>"
            )
        };
        let rest = "<p>The rest of the report follows in one block, paragraph after paragraph, \
            with quotes, figures, and the reactions of those who were there.</p>"
            .repeat(10);
        let related: String = (0..4)
            .map(|i| format!("<li><p><a href=/{i}>A related story, number {i}</a></p></li>"))
            .collect();
        let page = format!(
            "<body><div>{}{}<div class=links><ul>{related}</ul></div><div class=body>{rest}</div>\
             </div></body>",
            opening("1"),
            opening("2")
        );
        let chosen = choose(&page);
        assert!(
            chosen.starts_with("Paragraph 1 of the opening"),
            "{chosen:.80}"
        );
        assert!(chosen.contains("Paragraph 2") && chosen.contains("those who were there"));
        assert!(!chosen.contains("related story"), "{chosen}");
        // A block that holds more than its paragraph is no paragraph.
        let boxed = page.replace(
            "<div class=par2><p>",
            "<div class=par2><span>Sponsored</span><p>",
        );
        assert!(!choose(&boxed).contains("Paragraph 2"));
    }

    #[test]
    fn a_form_is_no_article_unless_it_wraps_the_page() {
        let signup = "<form><div><p>Sign up and we will write to you every week, with the news \
            of the campaign, the dates of our meetings, and the petitions to sign.</p><p>We will \
            never pass on your address, and you can leave the list whenever you like, with one \
            click, from any of our letters.</p></div><input name=mail></form>";
        let article =
            "<div><p>The mayor spoke for ten minutes, and said the plan was sound.</p></div>";
        let menu: String = (0..30)
            .map(|i| format!("<li><a href=/{i}>Campaign page number {i}</a></li>"))
            .collect();
        let page = format!("<body><ul>{menu}</ul>{signup}{article}</body>");
        assert_eq!(
            choose(&page),
            "The mayor spoke for ten minutes, and said the plan was sound."
        );
        let wrapped = format!("<body><form>{article}{article}</form><p>Contact</p></body>");
        assert!(choose(&wrapped).starts_with("The mayor spoke"));
    }
}
