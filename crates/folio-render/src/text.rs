//! Blocks to plain text: what a reader sees, without markup. Paragraphs are separated by a
//! blank line, like the record's own `text`.

use folio_model::{Block, Inline, Record};

/// One record as text: title, a line of date, author and categories, then the body.
pub fn document(record: &Record, body: &[Block]) -> String {
    let mut parts = Vec::new();
    if let Some(title) = record.title.as_deref() {
        parts.push(title.trim().to_owned());
    }
    let meta = meta_line(record);
    if !meta.is_empty() {
        parts.push(meta);
    }
    let body = blocks(body);
    if !body.is_empty() {
        parts.push(body);
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// `2022-05-08 18:46 · author · category / category`
pub fn meta_line(record: &Record) -> String {
    let mut meta = Vec::new();
    if let Some(date) = record.date {
        meta.push(date.format("%Y-%m-%d %H:%M").to_string());
    }
    if let Some(author) = record.author.as_deref() {
        meta.push(author.to_owned());
    }
    if !record.categories.is_empty() {
        meta.push(record.categories.join(" / "));
    }
    meta.join(" · ")
}

/// The body as text, blocks separated by a blank line.
pub fn blocks(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(one_block)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn one_block(block: &Block) -> String {
    match block {
        Block::Heading { text, .. } => text.trim().to_owned(),
        Block::Paragraph { inlines: runs } => inlines(runs),
        Block::Image { alt, caption, .. } => {
            let words = caption
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .unwrap_or(alt.trim());
            if words.is_empty() {
                String::new()
            } else {
                format!("[image: {words}]")
            }
        }
        Block::List { ordered, items } => items
            .iter()
            .enumerate()
            .map(|(n, item)| {
                let marker = if *ordered {
                    format!("{}.", n + 1)
                } else {
                    "-".to_owned()
                };
                let indent = " ".repeat(marker.len() + 1);
                format!(
                    "{marker} {}",
                    inlines(item).replace('\n', &format!("\n{indent}"))
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Quote { blocks: inner } => blocks(inner)
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".to_owned()
                } else {
                    format!("> {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Table { rows, .. } => rows
            .iter()
            .map(|r| r.join(" | "))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Code { text, .. } => text
            .trim_end_matches('\n')
            .lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Rule => "----".to_owned(),
    }
}

/// The runs' text joined; marks and addresses are left out.
pub fn inlines(runs: &[Inline]) -> String {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_reads_as_plain_text() {
        let record = Record {
            title: Some("标题".into()),
            author: Some("记者".into()),
            categories: vec!["金融".into(), "股市".into()],
            date: chrono::DateTime::parse_from_rfc3339("2022-05-08T18:46:55+08:00").ok(),
            ..Record::default()
        };
        let body = [
            Block::Heading {
                level: 2,
                text: "小标题".into(),
            },
            Block::Paragraph {
                inlines: vec![
                    Inline::plain("第一段"),
                    Inline {
                        text: "加粗".into(),
                        strong: true,
                        ..Inline::default()
                    },
                ],
            },
            Block::List {
                ordered: true,
                items: vec![vec![Inline::plain("一")], vec![Inline::plain("二")]],
            },
            Block::Image {
                src: "a.png".into(),
                alt: String::new(),
                caption: Some("说明".into()),
            },
        ];
        assert_eq!(
            document(&record, &body),
            "标题\n\n2022-05-08 18:46 · 记者 · 金融 / 股市\n\n小标题\n\n第一段加粗\n\n1. 一\n2. 二\n\n[image: 说明]\n"
        );
    }
}
