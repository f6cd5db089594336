//! The text a record is judged by, and the normalisations that dedup and counts rely on.
//!
//! The article text is `text` (written by folio-clean); before folio-clean has run it falls back
//! to `html` with tags crudely stripped, and last to `title`.

use std::borrow::Cow;

use folio_model::Record;

/// The article text of `record`, borrowed when it can be: its `text`, even empty (a page
/// folio-clean found no article in has none, not the length of its HTML); for a record never
/// cleaned, its `html` stripped of tags, else its title.
pub fn article_text(record: &Record) -> Cow<'_, str> {
    if let Some(text) = record.text.as_deref() {
        return Cow::Borrowed(text);
    }
    if let Some(html) = record.html.as_deref().filter(|h| !h.trim().is_empty()) {
        return Cow::Owned(strip_tags(html));
    }
    Cow::Borrowed(record.title.as_deref().unwrap_or(""))
}

/// Removes tags, comments, `<script>`/`<style>` contents and the commonest entities; block
/// ends become line breaks so that line-based rules still see lines.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        let skip_to = if tag.starts_with("<!--") {
            tag.find("-->").map(|i| i + 3)
        } else if starts_with_ci(tag, "<script") || starts_with_ci(tag, "<style") {
            let name = if starts_with_ci(tag, "<script") {
                "</script"
            } else {
                "</style"
            };
            find_ci(tag, name).and_then(|i| tag[i..].find('>').map(|j| i + j + 1))
        } else {
            tag.find('>').map(|i| i + 1)
        };
        let Some(len) = skip_to else {
            rest = "";
            break;
        };
        if is_block_end(&tag[..len]) {
            out.push('\n');
        }
        rest = &tag[len..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn is_block_end(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    ["</p", "<br", "</div", "</li", "</h", "</tr", "</section"]
        .iter()
        .any(|t| lower.starts_with(t))
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn find_ci(text: &str, needle: &str) -> Option<usize> {
    text.to_ascii_lowercase().find(needle)
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Characters other than white space: how `--min-chars`, `--max-chars` and the quality rules
/// measure length, so that Chinese counts right and layout does not count.
pub fn count_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Folds full-width ASCII forms (`Ａ`, `１`) and the ideographic space to their ASCII forms.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The key `--unique-by` compares: white space runs collapsed to one space, trimmed, case and
/// width folded.
pub fn normalise_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().map(fold_width) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_tags_drops_markup_scripts_and_comments() {
        let html = "<p>一段<b>文字</b></p><!-- x --><style>p{}</style><script>var a;</script><p>A &amp; B</p>";
        assert_eq!(strip_tags(html), "一段文字\nA & B\n");
        assert_eq!(strip_tags("no tags"), "no tags");
        assert_eq!(strip_tags("broken <p"), "broken ");
    }

    #[test]
    fn text_falls_back_to_html_then_title() {
        let mut rec = Record {
            title: Some("标题".into()),
            ..Record::default()
        };
        assert_eq!(article_text(&rec), "标题");
        rec.html = Some("<p>正文</p>".into());
        assert_eq!(article_text(&rec), "正文\n");
        rec.text = Some("文本".into());
        assert_eq!(article_text(&rec), "文本");
    }

    #[test]
    fn counts_characters_not_bytes_or_space() {
        assert_eq!(count_chars("中文 ab\n\n c"), 5);
    }

    #[test]
    fn keys_fold_space_case_and_width() {
        assert_eq!(
            normalise_key("  Hello\u{3000}\n ＷＯＲＬＤ  "),
            "hello world"
        );
        assert_eq!(normalise_key("新闻　标题"), "新闻 标题");
    }
}
