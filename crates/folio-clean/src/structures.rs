//! Block structures beyond paragraphs: figures, lists, quotes, code and tables.

use folio_model::{Block, Inline};
use scraper::node::Node;
use scraper::ElementRef;

use crate::blocks::Builder;
use crate::inlines::{plain, Marks};
use crate::prune::{self, Look};

/// How deep quote blocks nest, at most. Each level is two levels of JSON, and JSON readers
/// stop somewhere (serde_json, which every folio tool reads with, at 128): a record with a
/// deeper quote would be written and then refused by the next tool. No article quotes a
/// quote of a quote this deep; the HTML under a deeper `<blockquote>` joins the innermost
/// quote kept.
pub(crate) const MAX_QUOTE_DEPTH: usize = 32;

impl Builder<'_> {
    /// `figure`: its pictures, then its `figcaption` as the caption of the last of them.
    pub(crate) fn figure(&mut self, element: ElementRef) {
        self.flush();
        let start = self.out.blocks.len();
        let mut captions = Vec::new();
        for child in element.children() {
            match ElementRef::wrap(child) {
                Some(el) if el.value().name() == "figcaption" => captions.push(el),
                Some(el) => self.element(el),
                None => {
                    if let Node::Text(text) = child.value() {
                        self.runs.push(text, &self.marks);
                    }
                }
            }
        }
        self.flush();
        for caption in captions {
            let look = Look::of(&caption);
            if prune::drop_reason(&caption, &look, self.ctx.active).is_some() {
                continue;
            }
            if self.picture_credit(caption, look.class) {
                continue;
            }
            if self.out.blocks.len() > start {
                self.caption(caption);
            } else {
                self.block(caption);
            }
        }
    }

    /// `ul`/`ol`: one run list per item. Inside an item, a nested list's items become lines.
    pub(crate) fn list(&mut self, element: ElementRef, ordered: bool) {
        if self.inline_only {
            for item in element.child_elements() {
                self.runs.line_break();
                self.element(item);
            }
            return;
        }
        self.flush();
        let mut items: Vec<Vec<Inline>> = Vec::new();
        for child in element.children() {
            let runs = match ElementRef::wrap(child) {
                Some(item) => self.collect(|b| b.element(item)),
                None => match child.value() {
                    Node::Text(text) => self.collect(|b| b.runs.push(text, &Marks::default())),
                    _ => continue,
                },
            };
            if runs.is_empty() || self.dropped_text(&plain(&runs)) {
                continue;
            }
            items.push(runs);
        }
        if !items.is_empty() {
            self.out.blocks.push(Block::List { ordered, items });
        }
    }

    /// `blockquote`: its own blocks.
    pub(crate) fn quote(&mut self, element: ElementRef) {
        if self.inline_only {
            return self.children(element);
        }
        if self.quotes >= MAX_QUOTE_DEPTH {
            // Deeper quotes add their blocks to the innermost one kept.
            return self.block(element);
        }
        self.flush();
        let outer = std::mem::take(&mut self.out.blocks);
        self.quotes += 1;
        self.children(element);
        self.quotes -= 1;
        self.flush();
        let inner = std::mem::replace(&mut self.out.blocks, outer);
        if !inner.is_empty() {
            self.out.blocks.push(Block::Quote { blocks: inner });
        }
    }

    /// `pre`: its text exactly, with the language named by its class or its `code`'s class.
    pub(crate) fn code(&mut self, element: ElementRef) {
        if self.inline_only {
            let saved = self.marks.clone();
            self.marks.code = true;
            self.children(element);
            self.marks = saved;
            return;
        }
        self.flush();
        let mut text = String::new();
        preformatted(element, &mut text);
        let text = text.trim_end().trim_start_matches(['\n', '\r']).to_owned();
        if text.trim().is_empty() {
            return;
        }
        let lang = code_lang(&element).or_else(|| {
            element
                .child_elements()
                .find(|c| c.value().name() == "code")
                .and_then(|c| code_lang(&c))
        });
        self.out.blocks.push(Block::Code { text, lang });
    }

    /// A table of data becomes rows of cell text; a layout table (one cell, or tables inside
    /// it) is only a container.
    pub(crate) fn table(&mut self, element: ElementRef) {
        let nested = element
            .descendent_elements()
            .skip(1)
            .any(|e| e.value().name() == "table");
        let rows = table_rows(element);
        let cells: usize = rows.iter().map(|(_, cells)| cells.len()).sum();
        if nested || cells <= 1 || self.inline_only {
            return self.block(element);
        }
        self.flush();
        let header = rows.first().is_some_and(|(in_head, cells)| {
            *in_head || cells.iter().all(|c| c.value().name() == "th")
        });
        let mut out: Vec<Vec<String>> = Vec::new();
        for (_, cells) in &rows {
            let texts: Vec<String> = cells
                .iter()
                .map(|cell| plain(&self.collect(|b| b.children(*cell))).replace('\n', " "))
                .collect();
            out.push(texts);
        }
        if out.iter().flatten().all(String::is_empty) {
            return;
        }
        self.out.blocks.push(Block::Table { rows: out, header });
    }
}

/// The rows of a table (not of tables inside it), each with whether it is in `thead`.
fn table_rows<'a>(table: ElementRef<'a>) -> Vec<(bool, Vec<ElementRef<'a>>)> {
    let mut rows = Vec::new();
    let mut add_row = |row: ElementRef<'a>, in_head: bool| {
        let cells: Vec<ElementRef> = row
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th") && !hidden_cell(c))
            .collect();
        if !cells.is_empty() {
            rows.push((in_head, cells));
        }
    };
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => add_row(child, false),
            "thead" | "tbody" | "tfoot" => {
                let in_head = child.value().name() == "thead";
                for row in child.child_elements().filter(|r| r.value().name() == "tr") {
                    add_row(row, in_head);
                }
            }
            _ => {}
        }
    }
    rows
}

fn hidden_cell(cell: &ElementRef) -> bool {
    cell.value().attr("hidden").is_some()
}

/// The text of a `pre` as written, `<br>` as a line feed.
fn preformatted(element: ElementRef, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) if el.name() == "br" => out.push('\n'),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    preformatted(el, out);
                }
            }
            _ => {}
        }
    }
}

/// `language-rust`, `lang-rust` or SyntaxHighlighter's `brush: rust;`.
fn code_lang(element: &ElementRef) -> Option<String> {
    let class = element.value().attr("class")?;
    if let Some(rest) = class.split("brush:").nth(1) {
        let lang = rest.trim().split([';', ' ']).next().unwrap_or("");
        return (!lang.is_empty()).then(|| lang.to_ascii_lowercase());
    }
    class.split_whitespace().find_map(|token| {
        token
            .strip_prefix("language-")
            .or_else(|| token.strip_prefix("lang-"))
            .filter(|l| !l.is_empty())
            .map(str::to_ascii_lowercase)
    })
}
