//! The article body as blocks, whatever the record carries: its `blocks` when folio-clean has
//! run, else its `text` (paragraphs split at blank lines), else its `html`, read here into
//! blocks by a small reader that keeps only text, marks, links, images, lists, quotes, tables
//! and code. Every output format is written from these blocks, never from input markup, so
//! nothing active in the input (scripts, styles, handlers, frames, forms) can reach it.

use folio_html::text::squash;
use folio_model::{Block, Inline, Record};
use scraper::{ElementRef, Node};

/// The blocks to render for `record`.
pub fn blocks_of(record: &Record) -> Vec<Block> {
    if let Some(blocks) = &record.blocks {
        return blocks.clone();
    }
    if let Some(text) = record.text.as_deref().filter(|t| !t.trim().is_empty()) {
        return blocks_from_text(text);
    }
    match record.html.as_deref() {
        Some(html) => blocks_from_html(html),
        None => Vec::new(),
    }
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

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "form", "input", "button", "select", "textarea", "svg", "math", "head", "title",
    "meta", "link", "base", "audio", "video", "canvas", "map", "dialog",
];

/// Reads body HTML into blocks.
pub fn blocks_from_html(html: &str) -> Vec<Block> {
    let document = folio_html::parse_fragment(html);
    let mut reader = HtmlReader::default();
    reader.container(document.root_element(), Marks::default());
    reader.flush();
    reader.blocks
}

#[derive(Debug, Clone, Default)]
struct Marks {
    strong: bool,
    em: bool,
    code: bool,
    href: Option<String>,
}

#[derive(Default)]
struct HtmlReader {
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
}

impl HtmlReader {
    /// Walks the children of a block container.
    fn container(&mut self, element: ElementRef, marks: Marks) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => push_text(&mut self.inlines, text, &marks),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, &marks);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef, marks: &Marks) {
        let name = element.value().name();
        if SKIPPED.contains(&name) {
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse().unwrap_or(2);
                let text = squash(&element.text().collect::<String>());
                if !text.is_empty() {
                    self.blocks.push(Block::Heading { level, text });
                }
            }
            "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside"
            | "center" | "dl" | "dd" | "dt" | "body" | "html" | "nav" => {
                self.flush();
                self.container(element, marks.clone());
                self.flush();
            }
            "br" => push_text(&mut self.inlines, "\n", marks),
            "hr" => {
                self.flush();
                self.blocks.push(Block::Rule);
            }
            "img" => self.image(element, None),
            "figure" => self.figure(element),
            "ul" | "ol" => {
                self.flush();
                self.list(element, name == "ol");
            }
            "blockquote" => {
                self.flush();
                let mut inner = HtmlReader::default();
                inner.container(element, Marks::default());
                inner.flush();
                self.blocks.push(Block::Quote {
                    blocks: inner.blocks,
                });
            }
            "pre" => {
                self.flush();
                let text: String = element.text().collect();
                self.blocks.push(Block::Code {
                    text: text.trim_end_matches('\n').to_owned(),
                    lang: None,
                });
            }
            "table" => {
                self.flush();
                self.table(element);
            }
            _ => self.container(element, inline_marks(element, marks)),
        }
    }

    fn image(&mut self, element: ElementRef, caption: Option<String>) {
        let Some(src) = element
            .value()
            .attr("src")
            .map(str::trim)
            .filter(|s| !s.is_empty())
        else {
            return;
        };
        self.flush();
        let alt = squash(element.value().attr("alt").unwrap_or(""));
        self.blocks.push(Block::Image {
            src: src.to_owned(),
            alt,
            caption,
        });
    }

    fn figure(&mut self, element: ElementRef) {
        let caption: String = element
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "figcaption")
            .flat_map(|c| c.text())
            .collect();
        let caption = Some(squash(&caption)).filter(|c| !c.is_empty());
        let image = element
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "img");
        match image {
            Some(img) => self.image(img, caption),
            None => {
                self.flush();
                self.container(element, Marks::default());
                self.flush();
            }
        }
    }

    fn list(&mut self, element: ElementRef, ordered: bool) {
        let mut items = Vec::new();
        for item in element.children().filter_map(ElementRef::wrap) {
            let mut inner = HtmlReader::default();
            inner.container(item, Marks::default());
            let runs = trim_runs(std::mem::take(&mut inner.inlines));
            if !runs.is_empty() {
                items.push(runs);
            }
        }
        if !items.is_empty() {
            self.blocks.push(Block::List { ordered, items });
        }
    }

    fn table(&mut self, element: ElementRef) {
        let rows: Vec<Vec<String>> = element
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "tr")
            .map(|row| {
                row.children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(|cell| squash(&cell.text().collect::<String>()))
                    .collect()
            })
            .collect();
        let header = element
            .descendants()
            .filter_map(ElementRef::wrap)
            .any(|e| e.value().name() == "th");
        if !rows.is_empty() {
            self.blocks.push(Block::Table { rows, header });
        }
    }

    /// Ends the running paragraph, if it has any text.
    fn flush(&mut self) {
        let runs = trim_runs(std::mem::take(&mut self.inlines));
        if !runs.is_empty() {
            self.blocks.push(Block::Paragraph { inlines: runs });
        }
    }
}

fn inline_marks(element: ElementRef, marks: &Marks) -> Marks {
    let mut marks = marks.clone();
    match element.value().name() {
        "strong" | "b" => marks.strong = true,
        "em" | "i" => marks.em = true,
        "code" | "kbd" | "samp" | "tt" => marks.code = true,
        "a" => marks.href = element.value().attr("href").map(|h| h.trim().to_owned()),
        _ => {}
    }
    marks
}

/// Adds text to the runs, joining it to the last run when the marks are the same.
fn push_text(runs: &mut Vec<Inline>, text: &str, marks: &Marks) {
    let text = if text == "\n" {
        "\n".to_owned()
    } else {
        collapse_spaces(text)
    };
    if text.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut() {
        let same = last.strong == marks.strong
            && last.em == marks.em
            && last.code == marks.code
            && last.href == marks.href;
        if same {
            last.text.push_str(&text);
            return;
        }
    }
    runs.push(Inline {
        text,
        strong: marks.strong,
        em: marks.em,
        code: marks.code,
        href: marks.href.clone(),
    });
}

/// HTML whitespace collapses to one space (line breaks come from `<br>` only).
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Trims the whitespace at both ends of a paragraph's runs and drops runs left empty.
fn trim_runs(mut runs: Vec<Inline>) -> Vec<Inline> {
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    runs.retain(|r| !r.text.is_empty());
    runs
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
    fn html_is_read_into_blocks_without_active_content() {
        let html = r#"<h2>小标题</h2><p onclick="x()">一段 <b>粗</b><a href="/a">链接</a><script>alert(1)</script></p>
            <figure><img src="a.png" alt="图" onerror="alert(1)"><figcaption>说明</figcaption></figure>
            <ul><li>一</li><li>二</li></ul><iframe src="https://evil"></iframe><form><input value=x></form>"#;
        let blocks = blocks_from_html(html);
        assert_eq!(blocks.len(), 4, "{blocks:#?}");
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
        assert_eq!(inlines.len(), 3);
        assert!(inlines[1].strong);
        assert_eq!(inlines[2].href.as_deref(), Some("/a"));
        assert_eq!(
            blocks[2],
            Block::Image {
                src: "a.png".into(),
                alt: "图".into(),
                caption: Some("说明".into())
            }
        );
        assert!(!format!("{blocks:?}").contains("alert"));
    }

    #[test]
    fn record_prefers_blocks_then_text_then_html() {
        let mut record = Record {
            html: Some("<p>h</p>".into()),
            ..Record::default()
        };
        assert_eq!(
            blocks_of(&record),
            vec![Block::Paragraph {
                inlines: vec![Inline::plain("h")]
            }]
        );
        record.text = Some("t".into());
        assert_eq!(
            blocks_of(&record),
            vec![Block::Paragraph {
                inlines: vec![Inline::plain("t")]
            }]
        );
        record.blocks = Some(vec![Block::Rule]);
        assert_eq!(blocks_of(&record), vec![Block::Rule]);
    }
}
