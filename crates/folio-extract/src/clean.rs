//! Cleaning inside the chosen content: notices (copyright, ICP), the lists that follow a
//! label such as 相关阅读 or "Related articles", the headline, and the blocks that
//! Readability's conditional cleaning drops (link-heavy, image-only, negatively named).

use crate::hints::{Hints, TAIL_LABEL_CHARS};
use crate::tag::Tag;
use crate::tree::Tree;
use folio_html::raw::starts_with_ignoring_case;

/// What the cleaning removed, as (rule, text cut short).
pub(crate) type Removed = Vec<(String, String)>;

/// What the cleaning needs to know besides the tree.
pub(crate) struct Context<'c> {
    pub hints: &'c Hints,
    pub candidate: &'c [bool],
    pub weigh_names: bool,
    /// Apply Readability's conditional cleaning (link-heavy, image-only, negatively named
    /// blocks); not inside a container the page names as its article, taken whole.
    pub conditional: bool,
    /// The page's headline and its count of visible characters.
    pub headline: Option<(&'c str, u32)>,
}

/// Cleans the subtree of `root` in place (dropped nodes are marked, counts kept right).
pub(crate) fn clean(tree: &mut Tree, cx: &Context, root: usize, removed: &mut Removed) {
    cut_tails(tree, cx.hints, root, removed);
    let sections = section_headings(tree, root);
    let end = tree.nodes[root].end as usize;
    for i in (root + 1..end).rev() {
        // Dropping marks whole subtrees, so a node under a dropped block is marked too.
        if tree.nodes[i].drop.is_some() {
            continue;
        }
        if let Some(why) = judge(tree, cx, &sections, i) {
            removed.push((why.to_string(), short(&tree.text_of(i))));
            tree.drop_subtree(i, why, root);
        }
    }
    cut_link_lines(tree, root, removed);
}

/// Weight of a line of links at the article's end (a teaser, "More commentary »").
const LINK_LINE: u32 = 150;

/// The paragraphs at the article's end that are a line of links, whole or after a label
/// ("See the pictures of the week.", "A lire aussi : …", "Follow us: …"): a teaser or a
/// control for another page. What stays: the last paragraph with a link in its sentence, an
/// address (a source's `www.…`, a DOI), a linked name that signs the article (`Loïc Le
/// Clerc`; so do two or three capitalised words such as "Next Page"), a name with a link
/// after it, and a credit with a link ("Quelle: …", "Photos: …").
fn cut_link_lines(tree: &mut Tree, root: usize, removed: &mut Removed) {
    let mut i = tree.nodes[root].end as usize;
    while i > root + 1 {
        i -= 1;
        let node = &tree.nodes[i];
        if node.drop.is_some() || node.tag != Tag::Text || node.stats.chars == 0 {
            continue;
        }
        let Some(p) = nearest(tree, i, Tag::P).filter(|&p| p > root) else {
            return;
        };
        let stats = tree.nodes[p].stats;
        let left = tree.nodes[root].stats.weight.saturating_sub(stats.weight);
        if stats.weight > LINK_LINE || left < 500 || !is_link_line(tree, p) {
            return;
        }
        removed.push(("link line".into(), short(&tree.text_of(p))));
        tree.drop_subtree(p, "link line", root);
        i = p;
    }
}

/// A paragraph that is a link, or a label and a link ("A lire aussi : …"), and neither an
/// address, a name nor a credit.
fn is_link_line(tree: &Tree, p: usize) -> bool {
    let density = tree.nodes[p].stats.link_density();
    let text = tree.text_of(p);
    let text = text.trim();
    if text.contains("://") || text.starts_with("www.") || text.starts_with("doi") {
        return false;
    }
    if density >= 0.95 {
        return !is_name_like(text);
    }
    density >= 0.6 && label_before_link(tree, p)
}

/// Up to three capitalised words and nothing else: a name, which signs the article.
fn is_name_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() <= 3
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
}

/// Words of a label that credits someone ("Quelle: …", "Photo: …", "Titelbild: …",
/// "本文来源：…"), matched at a word's end: the line is a credit with a link, which folio-clean
/// takes into credits, not a teaser.
#[rustfmt::skip]
const CREDIT_LABEL_WORDS: &[&str] = &[
    "source", "sources", "quelle", "quellen", "fuente", "fuentes", "fonte", "photo", "photos",
    "foto", "fotos", "bild", "bilder", "image", "images", "picture", "pictures", "credit",
    "credits", "crédit", "crédits", "via", "text", "von", "by", "par", "author", "autor",
    "autorin", "来源", "出处", "图", "图片", "摄影", "作者", "编辑", "记者", "原标题", "原题",
];

/// Whether the text before the first link of `p` is a label (it ends with a colon) that
/// credits no one.
fn label_before_link(tree: &Tree, p: usize) -> bool {
    let mut lead = String::new();
    for j in p + 1..tree.nodes[p].end as usize {
        let node = &tree.nodes[j];
        if node.tag == Tag::A {
            break;
        }
        if node.drop.is_none() {
            lead.push_str(node.text);
        }
    }
    let Some(label) = lead.trim_end().strip_suffix([':', '：']) else {
        return false;
    };
    !label.split(|c: char| !c.is_alphanumeric()).any(|word| {
        let word = word.to_lowercase();
        CREDIT_LABEL_WORDS.iter().any(|w| word.ends_with(w))
    })
}

/// Why block `i` is not article, if it is not.
fn judge(tree: &Tree, cx: &Context, sections: &[usize], i: usize) -> Option<&'static str> {
    let node = &tree.nodes[i];
    if node.tag == Tag::Text {
        return None;
    }
    if is_headline(tree, cx, sections, i) {
        return Some("headline");
    }
    if is_icon(tree, i) {
        return Some("icon");
    }
    if !node.tag.is_block() && node.tag != Tag::Img {
        return None;
    }
    if let Some(why) = by_text(tree, cx.hints, i) {
        return Some(why);
    }
    let weight = if cx.weigh_names {
        f32::from(node.hint)
    } else {
        0.0
    };
    if node.tag == Tag::H2 && weight < 0.0 {
        return Some("negative heading");
    }
    if !cx.conditional || !cleaned_conditionally(node.tag) {
        return None;
    }
    // A list's score starts below zero so that it does not win as the article (Readability's
    // habit for its tag); inside the article, that says nothing against its items: its name
    // does. (A definition list is as often a block of labelled facts, credits among them.)
    let is_list = matches!(node.tag, Tag::Ul | Tag::Ol);
    let score = if cx.candidate[i] && !is_list {
        node.score
    } else {
        0.0
    };
    if weight + score < 0.0 {
        return Some("negative name");
    }
    if node.stats.punct >= 10 {
        return None;
    }
    conditional_cleaning(tree, i, weight)
}

/// Class names of an icon font's elements: whole, as a prefix, as a suffix.
const ICON_NAMES: &[&str] = &["icon", "icons", "glyphicon", "fa", "fas", "far", "fab"];
const ICON_PREFIXES: &[&str] = &[
    "icon-",
    "icon_",
    "material-icons",
    "material-symbols",
    "glyphicon-",
    "fa-",
];
const ICON_SUFFIXES: &[&str] = &["-icon", "_icon"];

/// An icon font's glyph: an element named for an icon (`icon`, `icon-search`, `share-icon`,
/// `material-icons`, `fa-…`) whose text is one short token, a letter that draws a magnifier
/// or a ligature's name (`arrow_forward`), not words.
fn is_icon(tree: &Tree, i: usize) -> bool {
    let node = &tree.nodes[i];
    if node.class.is_empty() || node.stats.chars == 0 || node.stats.chars > 30 {
        return false;
    }
    let ignoring_case = |a: &[u8], b: &str| a.eq_ignore_ascii_case(b.as_bytes());
    let named = node.class.split_ascii_whitespace().any(|token| {
        let t = token.as_bytes();
        ICON_NAMES.iter().any(|n| ignoring_case(t, n))
            || ICON_PREFIXES
                .iter()
                .any(|p| starts_with_ignoring_case(t, p.as_bytes()))
            || ICON_SUFFIXES
                .iter()
                .any(|x| t.len() >= x.len() && ignoring_case(&t[t.len() - x.len()..], x))
    });
    named && !tree.text_of(i).trim().contains(char::is_whitespace)
}

/// Longer than this, a block is not a copyright or disclaimer statement, whatever it opens with.
const STATEMENT_MAX_CHARS: u32 = 600;

/// Notices, stand-ins and statements, told by their text.
fn by_text(tree: &Tree, hints: &Hints, i: usize) -> Option<&'static str> {
    let node = &tree.nodes[i];
    let stats = node.stats;
    if stats.chars == 0 || tree.is_wrapper(i) {
        return None;
    }
    if stats.chars <= 200 {
        let text = tree.text_of(i);
        // A notice is a line, not a sentence that mentions copyright.
        if stats.punct <= 4 && hints.is_notice(&text) {
            return Some("notice");
        }
        // A table's cell is data: "twitter" naming a row of figures is no share button.
        if node.tag != Tag::Td && hints.is_filler(&text) {
            return Some("filler");
        }
    }
    // A statement is a notice; a longer block that opens with one (a picture credit, `©` and
    // the agency, above the paragraphs) is the article.
    let holds_statements = stats.chars <= STATEMENT_MAX_CHARS
        && matches!(
            node.tag,
            Tag::Div | Tag::Section | Tag::Table | Tag::P | Tag::Footer | Tag::Center
        );
    if !holds_statements {
        return None;
    }
    let head = tree.text_head(i, 16);
    // A picture's `© Agency` opening a block that holds the picture and goes on with its text
    // (a lead paragraph set around its photo) is the picture's credit, not a statement.
    let credited_picture = stats.imgs > 0 && stats.chars > 200 && head.starts_with('©');
    (!credited_picture && hints.is_statement(&head)).then_some("statement")
}

/// The blocks Readability cleans conditionally.
fn cleaned_conditionally(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Div
            | Tag::Section
            | Tag::Ul
            | Tag::Ol
            | Tag::Dl
            | Tag::Form
            | Tag::Aside
            | Tag::Header
            | Tag::Footer
            | Tag::Nav
            | Tag::Center
            | Tag::Table
    )
}

/// Readability's rules for blocks with little punctuation.
fn conditional_cleaning(tree: &Tree, i: usize, weight: f32) -> Option<&'static str> {
    let node = &tree.nodes[i];
    let stats = node.stats;
    let is_list = matches!(node.tag, Tag::Ul | Tag::Ol | Tag::Dl);
    let density = stats.link_density();
    if node.tag == Tag::Table {
        return (density > 0.75).then_some("link table");
    }
    // Images with a line or two of text each (a gallery strip, a row of ads); a block of
    // photos with prose between them stays.
    let few_words = stats.weight < 150;
    if stats.imgs > 1
        && few_words
        && (stats.ps as f32) < stats.imgs as f32 * 0.5
        && !in_figure(tree, i)
    {
        return Some("image block");
    }
    let heading_density = if stats.chars == 0 {
        0.0
    } else {
        stats.heading_chars as f32 / stats.chars as f32
    };
    if !is_list
        && heading_density < 0.9
        && stats.weight < 25
        && (stats.imgs == 0 || stats.imgs > 2)
        && density > 0.0
    {
        return Some("link block");
    }
    if weight < 25.0 && density > if is_list { 0.5 } else { 0.3 } {
        return Some("link block");
    }
    if weight >= 25.0 && density > 0.6 {
        return Some("link block");
    }
    None
}

/// An `<h1>` that is not one of the article's `sections`, or an element whose text is the
/// headline.
fn is_headline(tree: &Tree, cx: &Context, sections: &[usize], i: usize) -> bool {
    let node = &tree.nodes[i];
    if node.tag == Tag::H1 && !sections.contains(&i) {
        return true;
    }
    match cx.headline {
        Some((text, chars)) => {
            node.stats.chars == chars && !tree.is_wrapper(i) && tree.text_of(i) == text
        }
        None => false,
    }
}

/// Weight of article text above and below an `<h1>` that makes it a section's heading rather
/// than a headline set in the article's frame or a banner under the article.
const PROSE_AROUND_SECTION: u32 = 100;

/// The `<h1>` elements under `root` that head sections of the article: some pages give every
/// heading an `<h1>`, and then several stand between paragraphs of text. A lone `<h1>` among
/// the text, or one named as boilerplate, is taken for a headline or a banner.
fn section_headings(tree: &Tree, root: usize) -> Vec<usize> {
    let end = tree.nodes[root].end as usize;
    let total = tree.nodes[root].stats.weight;
    let mut before = 0;
    let mut sections = Vec::new();
    for i in root + 1..end {
        let node = &tree.nodes[i];
        match node.tag {
            Tag::Text if node.drop.is_none() => before += node.stats.weight,
            Tag::H1 if node.hint >= 0 && node.drop.is_none() => {
                let after = total.saturating_sub(before + node.stats.weight);
                if before >= PROSE_AROUND_SECTION && after >= PROSE_AROUND_SECTION {
                    sections.push(i);
                }
            }
            _ => {}
        }
    }
    if sections.len() < 2 {
        sections.clear();
    }
    sections
}

/// Whether node `i` sits in a table cell of a label's length: a column's heading
/// ("Comment"), not a page laid out in a table.
fn in_short_cell(tree: &Tree, i: usize) -> bool {
    nearest(tree, i, Tag::Td)
        .is_some_and(|td| tree.nodes[td].stats.chars as usize <= TAIL_LABEL_CHARS)
}

fn in_figure(tree: &Tree, i: usize) -> bool {
    within(tree, tree.nodes[i].parent as usize, Tag::Figure)
}

/// Whether node `i` is or sits in an element of `tag`.
fn within(tree: &Tree, i: usize, tag: Tag) -> bool {
    nearest(tree, i, tag).is_some()
}

/// Node `i` or its nearest ancestor of `tag`.
fn nearest(tree: &Tree, i: usize, tag: Tag) -> Option<usize> {
    let mut at = i;
    while at < tree.nodes.len() {
        if tree.nodes[at].tag == tag {
            return Some(at);
        }
        at = tree.nodes[at].parent as usize;
    }
    None
}

/// A short block that is a label such as 相关阅读, or in the article's second half a heading
/// over nothing but links, ends the article where it stands: it goes, and so do the siblings
/// after it. A comment thread's heading ends it under [`THREAD_AFTER`] of text too.
fn cut_tails(tree: &mut Tree, hints: &Hints, root: usize, removed: &mut Removed) {
    let end = tree.nodes[root].end as usize;
    let total = tree.nodes[root].stats.weight;
    let mut seen = 0;
    // Labels that took only themselves, with the weight of text above them.
    let mut held = Vec::new();
    let mut i = root + 1;
    while i < end {
        let node = &tree.nodes[i];
        if node.drop.is_some() {
            i = node.end as usize;
            continue;
        }
        if node.tag == Tag::Text {
            seen += node.stats.weight;
        }
        let short_block = node.tag.is_block()
            && node.stats.chars > 0
            && node.stats.chars as usize <= TAIL_LABEL_CHARS;
        let text = if short_block {
            tree.text_of(i)
        } else {
            String::new()
        };
        let thread = short_block && hints.is_comments_heading(&text) && !in_short_cell(tree, i);
        let is_label = short_block
            && (thread
                || hints.is_tail_label(&text)
                || seen * 2 >= total && heads_links(tree, i, end));
        if !is_label {
            i += 1;
            continue;
        }
        // Near the top, a label (a share bar's "Share this") says nothing of what follows;
        // a thread's heading under an article's worth of text ends it, however long the
        // thread.
        let ends = seen * 2 >= total || thread && seen >= THREAD_AFTER;
        drop_siblings(tree, i, if ends { end } else { i + 1 }, end, root, removed);
        if !ends {
            held.push((i, seen));
        } else if thread {
            // The thread is no part of the article: labels held back as near the top may
            // stand in the second half of what is left ("Related" above the thread).
            for &(label, _) in held.iter().filter(|&&(_, at)| at * 2 >= seen) {
                drop_siblings(tree, label, end, end, root, removed);
            }
        }
        i = tree.nodes[i].end as usize;
    }
}

/// Drops `from` and its siblings after it, up to `last`, inside `..end`.
fn drop_siblings(
    tree: &mut Tree,
    from: usize,
    last: usize,
    end: usize,
    root: usize,
    removed: &mut Removed,
) {
    let mut at = from;
    while at < last {
        let next = tree.nodes[at].end as usize;
        if tree.nodes[at].drop.is_none() {
            removed.push(("tail list".into(), short(&tree.text_of(at))));
            tree.drop_subtree(at, "tail list", root);
        }
        at = next_sibling(tree, at, next, end);
    }
}

/// Weight of text above a comment thread's heading that makes it the end of an article
/// rather than a share bar's count at its top.
const THREAD_AFTER: u32 = 1000;

/// A short line without a sentence or a link of its own, followed to the end of its block
/// by nothing but links: the heading of a list of links ("Weitere Videos", "Popular on
/// IndieWire") in whatever language, which the tail labels do not all name. A paragraph
/// there is a signature or a credit line ("— bkuhn", "新京报记者 …") with a link after it,
/// and a cell is data: neither is a heading.
fn heads_links(tree: &Tree, i: usize, end: usize) -> bool {
    let node = &tree.nodes[i];
    let heading_like = !matches!(node.tag, Tag::P | Tag::Li | Tag::Td | Tag::Tr);
    if !heading_like || node.stats.links > 0 || node.stats.punct > 0 {
        return false;
    }
    let mut at = node.end as usize;
    let mut followers = 0;
    while at < end && tree.nodes[at].parent == node.parent {
        let s = &tree.nodes[at];
        if s.drop.is_none() && s.stats.chars > 0 {
            if s.stats.link_density() < 0.5 {
                return false;
            }
            followers += 1;
        }
        at = s.end as usize;
    }
    followers > 0
}

/// The next sibling of `at` (whose subtree ends at `next`) inside `..end`, or `end`.
fn next_sibling(tree: &Tree, at: usize, next: usize, end: usize) -> usize {
    let parent = tree.nodes[at].parent;
    if next < end && tree.nodes[next].parent == parent {
        next
    } else {
        end
    }
}

/// At most 80 characters of a text, for `removed`.
pub(crate) fn short(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    /// The text left in the element of class `root` once cleaned, and the rules that fired.
    fn cleaned(html: &str) -> (String, Vec<String>) {
        let doc = Html::parse_document(html);
        let hints = Hints::new().unwrap();
        let mut tree = Tree::build(&doc, &hints);
        tree.count();
        let root = tree.nodes.iter().position(|n| n.class == "root").unwrap();
        let candidate = vec![false; tree.nodes.len()];
        let cx = Context {
            hints: &hints,
            candidate: &candidate,
            weigh_names: true,
            conditional: true,
            headline: None,
        };
        let mut removed = Vec::new();
        clean(&mut tree, &cx, root, &mut removed);
        let rules = removed.into_iter().map(|(rule, _)| rule).collect();
        (tree.text_of(root), rules)
    }

    const PROSE: &str = "<p>The ferry left the harbour an hour late, because the wind had turned \
        in the night and the crew waited for the swell to ease before they cast off.</p>";

    #[test]
    fn an_icon_fonts_glyph_goes_and_words_in_an_icon_stay() {
        let body = PROSE.repeat(2);
        for (glyph, gone) in [
            ("<span class=\"icon notranslate\">S</span>", true),
            ("<i class=\"material-icons\">arrow_forward</i>", true),
            ("<a class=\"edit-icon\" href=#>edit</a>", true),
            ("<span class=\"fa fa-camera\">Photo</span>", true),
            (
                "<span class=\"icon-label\">Read the full report</span>",
                false,
            ),
            ("<span class=\"lexicon\">word</span>", false),
        ] {
            let (text, rules) = cleaned(&format!(
                "<body><div class=root>{body}<p>The harbour {glyph} at dawn.</p></div></body>"
            ));
            assert_eq!(
                rules.contains(&"icon".to_owned()),
                gone,
                "{glyph}: {rules:?}"
            );
            assert!(text.contains("at dawn."), "{text}");
        }
    }

    #[test]
    fn lines_of_links_at_the_end_go_and_addresses_and_names_stay() {
        let body = PROSE.repeat(6);
        let page = |tail: &str| format!("<body><div class=root>{body}{tail}</div></body>");
        for (tail, gone) in [
            ("<p><a href=/w>See the pictures of the week.</a></p>", 1),
            (
                "<p>Read also: <a href=/p>The storm over the harbour</a></p>",
                1,
            ),
            ("<p>Source: <a href=/s>The harbour board</a></p>", 0),
            ("<p>Photos: <a href=/j>Jane Doe</a></p>", 0),
            ("<p>Titelbild: <a href=/u>Unsplash</a></p>", 0),
            ("<p>本文来源：<a href=/s>城东日报</a></p>", 0),
            (
                "<p><a href=/a>Next page</a></p><p><a href=/b>Back to the overview</a></p>",
                2,
            ),
            (
                "<p><a href=https://example.org/x>https://example.org/x</a></p>",
                0,
            ),
            ("<p><a href=/author/ines>Ines Varga</a></p>", 0),
            (
                "<p><b>Ines Varga</b> (<a href=/x>after an idea from a reader</a>).</p>",
                0,
            ),
            (
                "<p>As <a href=/r>the report of the harbour board</a> says.</p>",
                0,
            ),
        ] {
            let (text, rules) = cleaned(&page(tail));
            assert_eq!(rules.len(), gone, "{tail}: {rules:?}");
            assert!(text.contains("cast off."), "{text}");
        }
        // A link line in the middle is no tail.
        let (_, rules) = cleaned(&page("").replace(
            "<div class=root>",
            "<div class=root><p><a href=/w>See the pictures of the week.</a></p>",
        ));
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn several_h1_between_paragraphs_head_sections_and_a_lone_one_goes() {
        let page = format!(
            "<div class=root><h1>The harbour</h1>{PROSE}<h1>The crossing</h1>{PROSE}\
             <h1>The arrival</h1>{PROSE}</div>"
        );
        let (text, rules) = cleaned(&page);
        assert!(
            text.contains("The crossing") && text.contains("The arrival"),
            "{text}"
        );
        assert!(!text.contains("The harbour\n"), "{text}");
        assert_eq!(rules, ["headline"]);

        let page = format!("<div class=root>{PROSE}<h1>Support our newsroom</h1>{PROSE}</div>");
        let (text, rules) = cleaned(&page);
        assert!(!text.contains("Support our newsroom"), "{text}");
        assert_eq!(rules, ["headline"]);
    }

    #[test]
    fn a_thread_heading_past_the_middle_ends_the_article_and_a_column_heading_does_not() {
        let page = format!(
            "<div class=root>{PROSE}{PROSE}<h3>2 Kommentare</h3><p>Schöner Beitrag, danke.</p>\
             <p>Sehe ich anders.</p></div>"
        );
        let (text, rules) = cleaned(&page);
        assert!(
            !text.contains("Kommentare") && !text.contains("danke"),
            "{text}"
        );
        assert_eq!(rules, ["tail list"; 3]);

        let page = format!(
            "<div class=root>{PROSE}{PROSE}<table><tr><th><p>Status</p></th><th><p>Comment</p>\
             </th></tr><tr><td>open</td><td>waiting for the crew</td></tr></table></div>"
        );
        let (text, rules) = cleaned(&page);
        assert!(text.contains("Comment"), "{text}");
        assert!(rules.is_empty(), "{rules:?}");

        // A page laid out in a table: the heading's cell holds the article too.
        let page = format!(
            "<div class=root><table><tr><td>{PROSE}{PROSE}<h3>2 Kommentare</h3>\
             <p>Schöner Beitrag, danke.</p></td></tr></table></div>"
        );
        let (text, rules) = cleaned(&page);
        assert!(!text.contains("Kommentare"), "{text}");
        assert!(!text.contains("danke"), "{text}");
        assert_eq!(rules, ["tail list"; 2]);
    }

    #[test]
    fn a_thread_longer_than_the_article_takes_the_list_above_it_too() {
        let comment = "<div><p>I took this ferry last week and the crossing was rough, but the \
                       crew were calm and kind to everyone on board.</p></div>";
        let page = format!(
            "<div class=root>{}<div><h3>Related posts</h3><div><h4><a href=/a>Ferries to the \
             outer isles</a></h4><p>The council has asked for a second boat on the winter \
             timetable, and the islanders have written in support.</p></div></div>\
             <h3>There are 12 comments</h3>{}</div>",
            PROSE.repeat(10),
            comment.repeat(16)
        );
        let (text, rules) = cleaned(&page);
        assert!(text.contains("cast off."), "{text}");
        assert!(!text.contains("Related posts"), "{text}");
        assert!(!text.contains("second boat"), "{text}");
        assert!(!text.contains("crossing was rough"), "{text}");
        assert!(rules.iter().all(|rule| rule == "tail list"), "{rules:?}");
    }

    #[test]
    fn a_copyright_line_in_the_article_goes() {
        let page = format!(
            "<div class=root>{PROSE}<div>© 2024 The Harbour Gazette. All rights reserved. No part of this \
             article may be copied, stored or passed on in any form without the written leave of \
             the publisher, except for short quotations in reviews.</div></div>"
        );
        let (text, rules) = cleaned(&page);
        assert!(!text.contains("All rights reserved"), "{text}");
        assert_eq!(rules, ["statement"]);
    }

    #[test]
    fn a_share_button_goes_and_a_cell_of_data_stays() {
        let page = format!(
            "<div class=root>{PROSE}<div>Twitter</div><table><tr><td>twitter</td><td>2.2 GB/s</td>\
             </tr><tr><td>github</td><td>1.9 GB/s</td></tr></table>{PROSE}</div>"
        );
        let (text, rules) = cleaned(&page);
        assert!(text.contains("twitter 2.2 GB/s"), "{text}");
        assert!(!text.contains("Twitter"), "{text}");
        assert_eq!(rules, ["filler"]);
    }

    #[test]
    fn a_stand_in_set_in_an_inline_element_goes() {
        let page = format!(
            "<div class=root>{PROSE}<div><center><span style=\"color:#aaa\">Advert</span><br>\
             </center></div>{PROSE}</div>"
        );
        let (text, rules) = cleaned(&page);
        assert!(!text.contains("Advert"), "{text}");
        assert_eq!(rules, ["filler"]);
    }

    #[test]
    fn a_paragraph_set_around_its_credited_photo_stays() {
        let page = "<div class=root><p><span><img src=\"/ferry.jpg\">© Harbour Photo Agency \
             </span>The ferry left the harbour an hour late, because the wind had turned in the \
             night and the crew waited for the swell to ease. Passengers waited in the terminal, \
             where the café ran out of coffee before nine and the clock had stopped.</p></div>";
        let (text, rules) = cleaned(page);
        assert!(text.contains("The ferry left the harbour"), "{rules:?}");
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn a_block_of_prose_that_opens_with_a_picture_credit_stays() {
        let page = format!(
            "<div class=root><div><figure><figcaption>© Ann Reed / Gazette</figcaption></figure>\
             {}</div></div>",
            PROSE.repeat(5)
        );
        let (text, rules) = cleaned(&page);
        assert!(text.contains("The ferry left the harbour"), "{rules:?}");
    }
}
