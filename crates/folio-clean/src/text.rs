//! The plain text of the cleaned article: one paragraph per block, separated by a blank line.
//!
//! Headings, paragraphs and code are their own paragraphs; an image contributes its caption
//! (nothing when it has none); each list item is a paragraph; a quote contributes its blocks'
//! paragraphs; a table is one paragraph, a line per row with cells separated by a tab; a rule
//! contributes nothing.

use folio_model::Block;

use crate::inlines::plain;

/// The text of `blocks`.
pub fn render(blocks: &[Block]) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    collect(blocks, &mut paragraphs);
    paragraphs.retain(|p| !p.trim().is_empty());
    paragraphs.join("\n\n")
}

fn collect(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Heading { text, .. } => out.push(text.clone()),
            Block::Paragraph { inlines } => out.push(plain(inlines)),
            Block::Image { caption, .. } => out.extend(caption.iter().cloned()),
            Block::List { items, .. } => out.extend(items.iter().map(|item| plain(item))),
            Block::Quote { blocks } => collect(blocks, out),
            Block::Table { rows, .. } => {
                let lines: Vec<String> = rows.iter().map(|row| row.join("\t")).collect();
                out.push(lines.join("\n"));
            }
            Block::Code { text, .. } => out.push(text.clone()),
            Block::Rule => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_model::Inline;

    #[test]
    fn every_kind_of_block() {
        let blocks = vec![
            Block::Heading {
                level: 2,
                text: "小标题".into(),
            },
            Block::Paragraph {
                inlines: vec![Inline::plain("第一段"), Inline::plain("续")],
            },
            Block::Image {
                src: "a.jpg".into(),
                alt: String::new(),
                caption: Some("图说".into()),
            },
            Block::Image {
                src: "b.jpg".into(),
                alt: String::new(),
                caption: None,
            },
            Block::List {
                ordered: false,
                items: vec![vec![Inline::plain("一")], vec![Inline::plain("二")]],
            },
            Block::Quote {
                blocks: vec![Block::Paragraph {
                    inlines: vec![Inline::plain("引文")],
                }],
            },
            Block::Table {
                rows: vec![vec!["a".into(), "b".into()], vec!["1".into(), "2".into()]],
                header: true,
            },
            Block::Rule,
            Block::Code {
                text: "let x = 1;".into(),
                lang: None,
            },
        ];
        assert_eq!(
            render(&blocks),
            "小标题\n\n第一段续\n\n图说\n\n一\n\n二\n\n引文\n\na\tb\n1\t2\n\nlet x = 1;"
        );
    }
}
