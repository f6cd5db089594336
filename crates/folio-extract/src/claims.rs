//! What a page says of its own article outside its body: the description in its head
//! (`description`, `og:description`, `twitter:description`) and the `articleBody` of its
//! JSON-LD. Neither is trusted as the article; they are evidence for choosing between
//! candidates, and JSON-LD's body is the last resort when the page's own blocks hold
//! almost nothing.

use ego_tree::NodeRef;
use folio_html::text::{is_alphanumeric, is_han_kana_or_hangul};
use scraper::node::Node as Dom;
use serde_json::Value;

/// The page's own words about its article.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Claims {
    /// The longest description of the head's `<meta>` tags.
    pub description: Option<String>,
    /// The longest `articleBody` (or `text` of an article type) in the JSON-LD scripts.
    pub article_body: Option<String>,
    /// Where elements marked `itemprop="articleBody"` (schema.org microdata) stand in the
    /// arena.
    pub marked_bodies: Vec<u32>,
    /// Where the page's `<article>` elements stand in the arena.
    pub articles: Vec<u32>,
}

impl Claims {
    /// Reads a `<meta>` element: keeps its content when it is a description longer than the
    /// one kept.
    pub fn read_meta(&mut self, el: &scraper::node::Element) {
        let names = ["name", "property"].map(|key| el.attr(key).unwrap_or(""));
        if !names
            .iter()
            .any(|n| n.to_ascii_lowercase().ends_with("description"))
        {
            return;
        }
        if let Some(content) = el.attr("content").map(str::trim) {
            keep_longer(&mut self.description, content);
        }
    }

    /// Reads a JSON-LD `<script>`: keeps the longest article body found in it.
    pub fn read_json_ld(&mut self, script: NodeRef<'_, Dom>) {
        let text: String = script
            .children()
            .filter_map(|c| c.value().as_text())
            .map(|t| &**t)
            .collect();
        if !text.contains("articleBody") && !text.contains("\"text\"") {
            return;
        }
        // Pages write JSON-LD by hand: a value that does not parse says nothing.
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            return;
        };
        let mut stack = vec![&value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items),
                Value::Object(map) => {
                    let body = map
                        .get("articleBody")
                        .or_else(|| map.get("text").filter(|_| is_article(map.get("@type"))));
                    if let Some(Value::String(body)) = body {
                        keep_longer(&mut self.article_body, body.trim());
                    }
                    stack.extend(map.values().filter(|v| v.is_object() || v.is_array()));
                }
                _ => {}
            }
        }
    }
}

/// An `@type` of schema.org's articles (`NewsArticle`, `BlogPosting`, `Report`, …).
fn is_article(kind: Option<&Value>) -> bool {
    let is = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
    match kind {
        Some(Value::String(s)) => is(s),
        Some(Value::Array(kinds)) => kinds.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn keep_longer(kept: &mut Option<String>, text: &str) {
    if !text.is_empty() && kept.as_ref().is_none_or(|k| k.len() < text.len()) {
        *kept = Some(text.to_string());
    }
}

/// Share of `claim`'s word pairs (pairs of CJK characters) found in `text`, or `None` when
/// the claim is too short to say anything (under four pairs). Both are read without case.
pub(crate) fn overlap(claim: &str, text: &str) -> Option<f32> {
    let claim = claim.to_lowercase();
    let claimed = tokens(&claim);
    if claimed.len() < 5 {
        return None;
    }
    // The claim's words get numbers, its pairs are pairs of numbers: the text's words are then
    // looked up as they are read, lowered one at a time, and none is stored.
    let mut words: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
    for &word in &claimed {
        let next = words.len() as u32;
        words.entry(word).or_insert(next);
    }
    let mut unseen: foldhash::HashSet<(u32, u32)> = claimed
        .windows(2)
        .map(|w| (words[w[0]], words[w[1]]))
        .collect();
    let pairs = unseen.len();
    // Most of the text's words are none of the claim's: a word of a length and first byte
    // that none of the claim's has is not looked up.
    let (mut lengths, mut firsts) = (0u64, [false; 256]);
    for word in words.keys() {
        lengths |= 1 << word.len().min(63);
        firsts[usize::from(word.as_bytes()[0])] = true;
    }
    let mut previous = None;
    each_lowered_token(text, |token| {
        let may_be =
            lengths & 1 << token.len().min(63) != 0 && firsts[usize::from(token.as_bytes()[0])];
        let id = may_be.then(|| words.get(token).copied()).flatten();
        if let (Some(before), Some(now)) = (previous, id) {
            unseen.remove(&(before, now));
        }
        previous = id;
    });
    Some((pairs - unseen.len()) as f32 / pairs as f32)
}

/// The words of a lowered text: runs of letters and digits, and each Han, kana or Hangul
/// character alone.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text.char_indices() {
        if is_han_kana_or_hangul(ch) {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            out.push(&text[i..i + ch.len_utf8()]);
        } else if is_alphanumeric(ch) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Calls `found` with each of [`tokens`]`(&text.to_lowercase())`, without lowering the
/// whole text first: each character is lowered as it is read, ASCII without a table.
fn each_lowered_token(text: &str, mut found: impl FnMut(&str)) {
    // A capital sigma lowers by its place in the word; the whole text is lowered then.
    if text.contains('Σ') {
        return tokens(&text.to_lowercase()).into_iter().for_each(found);
    }
    let mut word = String::new();
    for ch in text.chars() {
        if ch.is_ascii() {
            if ch.is_ascii_alphanumeric() {
                word.push(ch.to_ascii_lowercase());
            } else if !word.is_empty() {
                found(&word);
                word.clear();
            }
        } else {
            // Some lower to ASCII (the Kelvin sign) or to two characters (`İ`).
            for lower in ch.to_lowercase() {
                lowered_char(lower, &mut word, &mut found);
            }
        }
    }
    if !word.is_empty() {
        found(&word);
    }
}

/// One lowered character of [`each_lowered_token`], as [`tokens`] takes it.
fn lowered_char(ch: char, word: &mut String, found: &mut impl FnMut(&str)) {
    if is_han_kana_or_hangul(ch) {
        if !word.is_empty() {
            found(word);
            word.clear();
        }
        found(ch.encode_utf8(&mut [0u8; 4]));
    } else if is_alphanumeric(ch) {
        word.push(ch);
    } else if !word.is_empty() {
        found(word);
        word.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(page: &str) -> Claims {
        let doc = scraper::Html::parse_document(page);
        let mut claims = Claims::default();
        for node in doc.tree.root().descendants() {
            if let Some(el) = node.value().as_element() {
                match el.name() {
                    "meta" => claims.read_meta(el),
                    "script" => claims.read_json_ld(node),
                    _ => {}
                }
            }
        }
        claims
    }

    #[test]
    fn the_longest_description_and_article_body_are_kept() {
        let c = claims(
            r#"<head><meta name=description content="Short one.">
            <meta property="og:description" content="The longer description of the story.">
            <script type="application/ld+json">{"@graph":[{"@type":"WebPage","text":"not this"},
              {"@type":"NewsArticle","articleBody":"The body as the site wrote it."}]}</script>
            </head>"#,
        );
        assert_eq!(
            c.description.as_deref(),
            Some("The longer description of the story.")
        );
        assert_eq!(
            c.article_body.as_deref(),
            Some("The body as the site wrote it.")
        );
    }

    #[test]
    fn broken_json_ld_and_other_metas_say_nothing() {
        let c = claims(
            r#"<head><meta name=keywords content="a, b, c, d, e, f">
            <script type="application/ld+json">{"articleBody": "unterminated</script></head>"#,
        );
        assert!(c.description.is_none() && c.article_body.is_none());
    }

    #[test]
    fn words_are_read_as_from_the_lowered_text() {
        for text in [
            "The Ferry's LATE again: 12 boats, ÉCOLE İstanbul ÆØÅ.",
            "市政府决定关闭旧桥，カタカナ・ひらがな한국어 ABC",
            "ΟΔΥΣΣΕΥΣ ΚΑΙ ΠΗΝΕΛΟΠΗ",
            "Kelvin 300 \u{212A} and İzmir",
            "",
        ] {
            let lowered = text.to_lowercase();
            let mut streamed = Vec::new();
            each_lowered_token(text, |t| streamed.push(t.to_string()));
            assert_eq!(streamed, tokens(&lowered), "{text}");
        }
    }

    #[test]
    fn overlap_counts_word_pairs_without_case() {
        let claim = "The council voted to close the old bridge";
        assert_eq!(
            overlap(
                claim,
                "Yesterday the Council voted to close the old bridge."
            ),
            Some(1.0)
        );
        assert_eq!(
            overlap(claim, "Cookies help us deliver our services."),
            Some(0.0)
        );
        assert_eq!(overlap("Too short", "anything"), None);
        assert_eq!(
            overlap("市政府决定关闭旧桥", "昨天市政府决定关闭旧桥。"),
            Some(1.0)
        );
    }
}
