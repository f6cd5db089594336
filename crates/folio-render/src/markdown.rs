//! Blocks to Markdown (CommonMark with GitHub tables). Text is escaped so the page renders to
//! what the record says; addresses pass `url::safe_url` first. A Markdown reader that turns
//! this back into HTML (pulldown-cmark, as folio-parse does) gives the same blocks again.

use folio_model::{Block, Inline};

use crate::escape::{self, markdown_code, markdown_text, markdown_url};
use crate::url::{safe_url, UrlUse};

/// The body as Markdown: blocks separated by a blank line, ending with a newline.
pub fn blocks(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(blocks.len());
    let mut previous_list: Option<(bool, bool)> = None;
    for block in blocks {
        let text = match block {
            // Two lists in a row would merge into one: alternate the marker style.
            Block::List { ordered, items } => {
                let alternate = previous_list.is_some_and(|(o, alt)| o == *ordered && !alt);
                previous_list = Some((*ordered, alternate));
                list(*ordered, items, alternate)
            }
            other => {
                previous_list = None;
                one_block(other)
            }
        };
        if !text.is_empty() {
            parts.push(text);
        }
    }
    let mut out = parts.join("\n\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn one_block(block: &Block) -> String {
    match block {
        Block::Heading { level, text } => {
            let text = escape::markdown_part(&text.replace('\n', " "), false);
            if text.is_empty() {
                return String::new();
            }
            format!("{} {text}", "#".repeat(usize::from((*level).clamp(1, 6))))
        }
        Block::Paragraph { inlines: runs } => inlines(runs),
        Block::Image { src, alt, caption } => image(src, alt, caption.as_deref()),
        Block::List { ordered, items } => list(*ordered, items, false),
        Block::Quote { blocks: inner } => quote(inner),
        Block::Table { rows, header } => table(rows, *header),
        Block::Code { text, lang } => code(text, lang.as_deref()),
        Block::Rule => "***".to_owned(),
    }
}

/// Runs of text with their marks, as Markdown.
pub fn inlines(runs: &[Inline]) -> String {
    let mut out = String::new();
    for (i, run) in runs.iter().enumerate() {
        let next_marked = runs.get(i + 1).is_some_and(|n| n.strong || n.em);
        let line_start = out.is_empty() || out.ends_with('\n');
        out.push_str(&one_inline(
            run,
            line_start,
            out.ends_with('*'),
            next_marked,
        ));
    }
    out.trim_end_matches('\n').to_owned()
}

fn one_inline(run: &Inline, line_start: bool, after_star: bool, before_marked: bool) -> String {
    // Spaces at the ends stay outside the marks, where Markdown allows them.
    let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
    let trail = &run.text[run.text.trim_end().len()..];
    let core = run.text.trim();
    if core.is_empty() {
        return space_of(&run.text).to_owned();
    }
    let line_start = lead.contains('\n') || (line_start && lead.is_empty());
    let mut body = if run.code {
        markdown_code(core)
    } else {
        markdown_text(core, line_start)
    };
    let plain_delimiters = !after_star && !before_marked && word_ends(core) && !run.code;
    if run.em {
        body = wrap(&body, "*", "em", plain_delimiters);
    }
    if run.strong {
        body = wrap(&body, "**", "strong", plain_delimiters);
    }
    if let Some(url) = run.href.as_deref().and_then(|h| safe_url(h, UrlUse::Link)) {
        body = format!("[{body}]({})", markdown_url(&url));
    }
    format!("{}{body}{}", space_of(lead), space_of(trail))
}

/// Emphasis with `*` where Markdown's flanking rules surely apply, else with an HTML tag
/// (which CommonMark keeps as inline HTML), so marks next to CJK punctuation still hold.
fn wrap(body: &str, delimiter: &str, tag: &str, plain: bool) -> String {
    if plain {
        format!("{delimiter}{body}{delimiter}")
    } else {
        format!("<{tag}>{body}</{tag}>")
    }
}

fn word_ends(text: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    word(text.chars().next()) && word(text.chars().next_back())
}

/// Whitespace around a run: a line break stays a hard break, other space becomes one space.
fn space_of(space: &str) -> &'static str {
    if space.contains('\n') {
        "\\\n"
    } else if space.is_empty() {
        ""
    } else {
        " "
    }
}

fn image(src: &str, alt: &str, caption: Option<&str>) -> String {
    let Some(url) = safe_url(src, UrlUse::Image) else {
        // An image whose address cannot be shown leaves its words.
        let words = caption.filter(|c| !c.trim().is_empty()).unwrap_or(alt);
        return escape::markdown_text(words, true);
    };
    match caption.map(str::trim).filter(|c| !c.is_empty()) {
        // Markdown has no caption: a figure (an HTML block, every part escaped) keeps it.
        Some(caption) => format!(
            "<figure>\n<img src=\"{}\" alt=\"{}\">\n<figcaption>{}</figcaption>\n</figure>",
            escape::html(&url),
            escape::html(alt),
            escape::html(caption).replace('\n', "<br>")
        ),
        None => format!(
            "![{}]({})",
            escape::markdown_part(&alt.replace('\n', " "), false),
            markdown_url(&url)
        ),
    }
}

fn list(ordered: bool, items: &[Vec<Inline>], alternate: bool) -> String {
    let mut out = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let marker = match (ordered, alternate) {
            (true, false) => format!("{}.", n + 1),
            (true, true) => format!("{})", n + 1),
            (false, false) => "-".to_owned(),
            (false, true) => "*".to_owned(),
        };
        let indent = " ".repeat(marker.len() + 1);
        let text = inlines(item).replace('\n', &format!("\n{indent}"));
        out.push(format!("{marker} {text}"));
    }
    out.join("\n")
}

fn quote(inner: &[Block]) -> String {
    let text = blocks(inner);
    text.trim_end()
        .lines()
        .map(|line| {
            if line.is_empty() {
                ">".to_owned()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table(rows: &[Vec<String>], header: bool) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let cell = |text: &str| escape::markdown_part(&text.replace('\n', " "), false);
    let line = |row: &Vec<String>| {
        let cells: Vec<String> = (0..width)
            .map(|i| cell(row.get(i).map_or("", String::as_str)))
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    if !header {
        // A GitHub table always has a header row: a table without one is written as HTML.
        return crate::html::table(rows, false);
    }
    let mut lines = Vec::with_capacity(rows.len() + 1);
    lines.push(line(&rows[0]));
    lines.push(format!("|{}", " --- |".repeat(width)));
    lines.extend(rows[1..].iter().map(line));
    lines.join("\n")
}

fn code(text: &str, lang: Option<&str>) -> String {
    let fence = "`".repeat(escape::longest_run(text, '`').max(2) + 1);
    let info: String = lang
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.' | '#'))
        .collect();
    format!("{fence}{info}\n{}\n{fence}", text.trim_end_matches('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Inline {
        Inline::plain(text)
    }

    #[test]
    fn marks_links_and_code() {
        let runs = vec![
            run("一段 "),
            Inline {
                text: "加粗".into(),
                strong: true,
                ..run("")
            },
            run("，"),
            Inline {
                text: "“引号”".into(),
                em: true,
                ..run("")
            },
            Inline {
                text: "链接".into(),
                href: Some("https://a.cn/x y".into()),
                ..run("")
            },
            Inline {
                text: "a`b".into(),
                code: true,
                ..run("")
            },
            Inline {
                text: "坏".into(),
                href: Some("javascript:alert(1)".into()),
                ..run("")
            },
        ];
        assert_eq!(
            inlines(&runs),
            "一段 **加粗**，<em>“引号”</em>[链接](https://a.cn/x%20y)``a`b``坏"
        );
    }

    #[test]
    fn every_block_type() {
        let body = blocks(&[
            Block::Heading {
                level: 2,
                text: "小标题 #1".into(),
            },
            Block::Image {
                src: "a.png".into(),
                alt: "图".into(),
                caption: Some("说明".into()),
            },
            Block::List {
                ordered: false,
                items: vec![vec![run("一")], vec![run("二")]],
            },
            Block::List {
                ordered: false,
                items: vec![vec![run("三")]],
            },
            Block::Quote {
                blocks: vec![Block::Paragraph {
                    inlines: vec![run("引\n文")],
                }],
            },
            Block::Table {
                rows: vec![vec!["a".into(), "b|c".into()], vec!["1".into()]],
                header: true,
            },
            Block::Code {
                text: "fn main() {}\n".into(),
                lang: Some("rust".into()),
            },
            Block::Rule,
        ]);
        let expected = "## 小标题 \\#1\n\n<figure>\n<img src=\"a.png\" alt=\"图\">\n<figcaption>说明</figcaption>\n</figure>\n\n- 一\n- 二\n\n* 三\n\n> 引\\\n> 文\n\n\
                        | a | b\\|c |\n| --- | --- |\n| 1 |  |\n\n```rust\nfn main() {}\n```\n\n***\n";
        assert_eq!(body, expected);
    }

    #[test]
    fn unsafe_images_leave_their_words() {
        let body = blocks(&[Block::Image {
            src: "data:image/png;base64,AAAA".into(),
            alt: "alt".into(),
            caption: None,
        }]);
        assert_eq!(body, "alt\n");
    }
}
