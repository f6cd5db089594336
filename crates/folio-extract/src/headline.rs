//! The page's headline: it is returned apart and left out of the article (the article bodies
//! people write by hand, and most extractors return, start under the headline).

use crate::tag::Tag;
use crate::tree::Tree;

/// Separators between a title and the site name in `<title>`.
const SEPARATORS: &[&str] = &["_", " - ", " | ", " – ", " — ", "｜", "--", "»", " › "];

/// The headline and where it stands: an `<h1>` or `<h2>` that the `<title>` holds, else the
/// first `<h1>`, else the first element whose whole text is a part of the `<title>` (its
/// longest, else its first).
pub(crate) fn find(tree: &Tree, body: usize) -> Option<(usize, String)> {
    let end = tree.nodes.get(body)?.end as usize;
    let mut first_h1 = None;
    for i in (body..end).filter(|&i| matches!(tree.nodes[i].tag, Tag::H1 | Tag::H2)) {
        let text = tree.text_of(i);
        if text.chars().count() < 4 {
            continue;
        }
        if tree.title.contains(text.as_str()) {
            return Some((i, text));
        }
        if first_h1.is_none() && tree.nodes[i].tag == Tag::H1 {
            first_h1 = Some((i, text));
        }
    }
    first_h1.or_else(|| title_in_text(tree, body, end))
}

/// The first element whose text is the title's longest part, else its first part (a
/// headline set in `<b>` or `<font>`, as on older pages). The longest part is most often the
/// headline, and it may stand after the site's name (`多维博客 » 播客热潮迅速蔓延`), which the
/// page's header may print alone.
fn title_in_text(tree: &Tree, body: usize, end: usize) -> Option<(usize, String)> {
    let parts = title_parts(&tree.title);
    let head = parts.first()?;
    let longest = parts.iter().max_by_key(|part| visible_chars(part))?;
    let same_text = |title: &str| {
        let chars = visible_chars(title);
        if chars < 4 {
            return None;
        }
        (body..end)
            .filter(|&i| {
                tree.nodes[i].tag != Tag::Text
                    && tree.nodes[i].stats.chars == chars
                    && !tree.is_wrapper(i)
            })
            .map(|i| (i, tree.text_of(i)))
            .find(|(_, text)| text == title)
    };
    same_text(longest).or_else(|| (longest != head).then(|| same_text(head)).flatten())
}

/// The parts of the `<title>` between separators, white space squashed.
fn title_parts(title: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = title;
    loop {
        let next = SEPARATORS
            .iter()
            .filter_map(|sep| rest.find(sep).map(|at| (at, sep.len())))
            .min();
        let (part, after) = match next {
            Some((at, len)) => (&rest[..at], Some(&rest[at + len..])),
            None => (rest, None),
        };
        let mut squashed = String::new();
        folio_html::text::push_squashed(&mut squashed, part);
        let squashed = squashed.trim();
        if !squashed.is_empty() {
            parts.push(squashed.to_owned());
        }
        match after {
            Some(after) => rest = after,
            None => return parts,
        }
    }
}

/// Weight of the visible text between the end of the headline at `headline` and node `at`, or
/// `None` when `at` does not come after the headline.
pub(crate) fn distance(tree: &Tree, headline: usize, at: usize) -> Option<u32> {
    let from = tree.nodes[headline].end as usize;
    (from <= at).then(|| {
        tree.nodes[from..at]
            .iter()
            .filter(|n| n.tag == Tag::Text && n.drop.is_none())
            .map(|n| n.stats.weight)
            .sum()
    })
}

/// Characters that are not white space (what the tree counts as `chars`).
pub(crate) fn visible_chars(text: &str) -> u32 {
    text.chars().filter(|c| !c.is_whitespace()).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_parts_split_at_the_separators() {
        assert_eq!(
            title_parts("小镇夜市重新开张_本地新闻_示例网"),
            ["小镇夜市重新开张", "本地新闻", "示例网"]
        );
        assert_eq!(
            title_parts("The river | Example Weekly"),
            ["The river", "Example Weekly"]
        );
        assert_eq!(title_parts("  Plain   title "), ["Plain title"]);
        assert_eq!(
            title_parts("示例博客  » 河边的夜市又开张了"),
            ["示例博客", "河边的夜市又开张了"]
        );
    }
}
