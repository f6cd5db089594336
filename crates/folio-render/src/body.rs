//! The article body as blocks, whatever the record carries: its `blocks` when folio-clean has
//! run, else its `text` (paragraphs split at blank lines), else its `html` cleaned here by
//! folio-clean's built-in rules, so that HTML becomes blocks one way in every tool. Every output
//! format is written from these blocks, never from input markup, so nothing active in the input
//! (scripts, styles, handlers, frames, forms) can reach it.

use folio_model::{Block, Inline, Record};

/// The blocks to render for `record`; an error only when the built-in rules cannot be built.
pub fn blocks_of(record: &Record) -> Result<Vec<Block>, String> {
    if let Some(blocks) = &record.blocks {
        return Ok(blocks.clone());
    }
    if let Some(text) = record.text.as_deref().filter(|t| !t.trim().is_empty()) {
        return Ok(blocks_from_text(text));
    }
    if record.html.is_none() {
        return Ok(Vec::new());
    }
    Ok(folio_clean::builtin_article(record)?.blocks)
}

/// Paragraphs split at blank lines; a single newline inside one is a line break.
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    let normalised = text.replace("\r\n", "\n");
    let mut blocks = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in normalised.split('\n').chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                let inlines = vec![Inline::plain(lines.join("\n"))];
                blocks.push(Block::Paragraph { inlines });
                lines.clear();
            }
        } else {
            lines.push(line.trim());
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_paragraphs_split_at_blank_lines() {
        let blocks = blocks_from_text("第一段\n第二行\n\n\n  second  \r\n");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph {
                    inlines: vec![Inline::plain("第一段\n第二行")]
                },
                Block::Paragraph {
                    inlines: vec![Inline::plain("second")]
                },
            ]
        );
    }

    #[test]
    fn html_is_cleaned_into_blocks_without_active_content() {
        let html = r#"<h2>小标题</h2><p onclick="x()">一段 <b>粗</b><a href="/a">链接</a><script>alert(1)</script></p>
            <figure><img src="a.png" alt="图" onerror="alert(1)"><figcaption>说明</figcaption></figure>
            <ul><li>一</li><li>二</li></ul><iframe src="https://evil"></iframe><form><input value=x></form>"#;
        let record = Record {
            html: Some(html.into()),
            ..Record::default()
        };
        let blocks = blocks_of(&record).unwrap();
        assert_eq!(
            blocks[0],
            Block::Heading {
                level: 2,
                text: "小标题".into()
            }
        );
        let Block::Paragraph { inlines } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert!(inlines.iter().any(|run| run.strong && run.text == "粗"));
        assert!(inlines.iter().any(|run| run.href.as_deref() == Some("/a")));
        assert!(blocks
            .iter()
            .any(|b| matches!(b, Block::Image { src, .. } if src == "a.png")));
        assert!(blocks.iter().any(|b| matches!(b, Block::List { .. })));
        let all = format!("{blocks:?}");
        assert!(!all.contains("alert") && !all.contains("evil"), "{all}");
    }

    #[test]
    fn record_prefers_blocks_then_text_then_html() {
        let mut record = Record {
            html: Some("<p>h</p>".into()),
            ..Record::default()
        };
        assert_eq!(
            blocks_of(&record).unwrap(),
            vec![Block::Paragraph {
                inlines: vec![Inline::plain("h")]
            }]
        );
        record.text = Some("t".into());
        assert_eq!(
            blocks_of(&record).unwrap(),
            vec![Block::Paragraph {
                inlines: vec![Inline::plain("t")]
            }]
        );
        record.blocks = Some(vec![Block::Rule]);
        assert_eq!(blocks_of(&record).unwrap(), vec![Block::Rule]);
    }
}
