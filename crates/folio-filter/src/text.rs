//! The text a record is judged by, and the normalisations that dedup and counts rely on.
//!
//! The article text is `text` (written by folio-clean); a record never cleaned is judged by the
//! text folio-clean's built-in rules give its body, and last by its `title`.

use std::borrow::Cow;

use folio_model::Record;

/// The article text of `record`, borrowed when it can be: its `text`, even empty (a page
/// folio-clean found no article in has none, not the length of its HTML); for a record never
/// cleaned, what folio-clean would make of its `html` (or its `blocks`), else its title. An
/// error only when the built-in rules cannot be built.
pub fn article_text(record: &Record) -> Result<Cow<'_, str>, String> {
    if let Some(text) = record.text.as_deref() {
        return Ok(Cow::Borrowed(text));
    }
    let has_body = record.html.as_deref().is_some_and(|h| !h.trim().is_empty());
    if has_body || record.blocks.is_some() {
        return Ok(Cow::Owned(folio_clean::builtin_article(record)?.text));
    }
    Ok(Cow::Borrowed(record.title.as_deref().unwrap_or("")))
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
    fn text_falls_back_to_html_then_title() {
        let mut rec = Record {
            title: Some("标题".into()),
            ..Record::default()
        };
        assert_eq!(article_text(&rec).unwrap(), "标题");
        rec.html = Some(
            "<p>正文 &amp; 更多</p><!-- x --><style>p{}</style><script>var a;</script><p>二</p>"
                .into(),
        );
        assert_eq!(article_text(&rec).unwrap(), "正文 & 更多\n\n二");
        rec.text = Some("文本".into());
        assert_eq!(article_text(&rec).unwrap(), "文本");
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
