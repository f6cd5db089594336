//! The block builder: walks the article's element tree once and emits typed blocks.
//!
//! Inline content (text, bold, italic, links, code) accumulates into the current paragraph;
//! block-level elements end it (`paragraphs.rs` decides what an ended paragraph is). Lists,
//! tables, quotes, code and figures are in `structures.rs`.

use folio_html::elements::is_block;
use folio_html::raw::contains_ignoring_case;
use folio_model::{Block, Credits, Inline, Removal};
use scraper::node::Node;
use scraper::ElementRef;
use url::Url;

use crate::compiled::Active;
use crate::credits;
use crate::inlines::{plain, squash, Marks, Runs};
use crate::links;
use crate::prune::{self, Look};
use crate::rules::Role;

/// Words of the names of a picture's frame or caption (`wp-caption`, `image__meta`).
const PICTURE_WORDS: &[&str] = &[
    "caption", "figure", "image", "img", "photo", "foto", "picture", "media", "gallery",
];

/// `--explain` keeps this much of each removed piece.
const REMOVED_MAX_CHARS: usize = 80;

/// What the walk needs to know about the record.
pub(crate) struct Context<'a> {
    pub active: &'a Active,
    pub base: Option<&'a Url>,
    pub explain: bool,
}

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Built {
    pub blocks: Vec<Block>,
    pub credits: Credits,
    pub original_title: Option<String>,
    pub removed: Vec<Removal>,
}

/// Builds the blocks of the article under `root`.
pub(crate) fn build(root: ElementRef, ctx: &Context) -> Built {
    let mut builder = Builder {
        ctx,
        out: Built::default(),
        runs: Runs::default(),
        marks: Marks::default(),
        centred: false,
        inline_only: false,
        quotes: 0,
    };
    builder.children(root);
    builder.flush();
    builder.drop_closing();
    builder.out
}

/// How many blocks at the end of an article are looked at as its closing.
const CLOSING_BLOCKS: usize = 2;
/// A closing paragraph longer than this is the story's own, whatever words it uses.
const CLOSING_MAX_CHARS: usize = 180;

pub(crate) struct Builder<'c> {
    pub(crate) ctx: &'c Context<'c>,
    pub(crate) out: Built,
    pub(crate) runs: Runs,
    pub(crate) marks: Marks,
    /// Inside a centred block.
    pub(crate) centred: bool,
    /// Collecting one block's runs (a list item, a heading, a cell): block boundaries inside
    /// become line breaks instead of new paragraphs.
    pub(crate) inline_only: bool,
    /// Quotes open around the walk, see [`MAX_QUOTE_DEPTH`](crate::structures::MAX_QUOTE_DEPTH).
    pub(crate) quotes: usize,
}

impl Builder<'_> {
    pub(crate) fn children(&mut self, element: ElementRef) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.runs.push(text, &self.marks),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                Node::Comment(comment) => self.note("comment", &comment.comment),
                _ => {}
            }
        }
    }

    pub(crate) fn element(&mut self, element: ElementRef) {
        let look = Look::of(&element);
        if let Some(rule) = prune::drop_reason(&element, &look, self.ctx.active) {
            let text = removed_text(&element);
            self.note(&rule, &text);
            return;
        }
        if self.picture_credit(element, look.class) {
            return;
        }
        if self.ctx.active.may_select(&element) {
            if let Some(role) = self.ctx.active.credit_role(&element) {
                return self.credit_element(element, role);
            }
            if self.ctx.active.is_caption(&element) {
                return self.caption(element);
            }
        }
        let name = element.value().name();
        match name {
            "br" => self.line_break(),
            "img" => self.image(element),
            "hr" => {
                self.flush();
                self.out.blocks.push(Block::Rule);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.heading(element, name.as_bytes()[1] - b'0')
            }
            "figure" => self.figure(element),
            "ul" | "ol" | "menu" => self.list(element, name == "ol"),
            "blockquote" => self.quote(element),
            "pre" | "listing" | "xmp" | "plaintext" => self.code(element),
            "table" => self.table(element),
            "a" => self.link(element),
            "strong" | "b" => self.marked(element, |m| m.strong = true),
            "em" | "i" | "cite" | "dfn" => self.marked(element, |m| m.em = true),
            "code" | "kbd" | "samp" | "tt" => self.marked(element, |m| m.code = true),
            // A formula's tokens (`<mi>a</mi><mo>≠</mo><mn>0</mn>`) read as words, "a ≠ 0".
            "mi" | "mn" | "mo" | "ms" | "mtext" => {
                self.runs.push(" ", &self.marks);
                self.children(element);
                self.runs.push(" ", &self.marks);
            }
            // Block-level elements without a builder of their own (above): a paragraph or more.
            _ if is_block(name) => self.block(element),
            _ if is_bold(&look) => self.marked(element, |m| m.strong = true),
            _ => self.children(element),
        }
    }

    /// A block-level container: what is inside it is its own paragraph(s).
    pub(crate) fn block(&mut self, element: ElementRef) {
        self.flush();
        let look = Look::of(&element);
        let outer = self.centred;
        self.centred = outer || is_centred(&element, &look);
        let bold = is_bold(&look);
        let marks = self.marks.clone();
        self.marks.strong |= bold;
        self.children(element);
        self.flush();
        self.marks = marks;
        self.centred = outer;
    }

    fn marked(&mut self, element: ElementRef, mark: impl FnOnce(&mut Marks)) {
        let saved = self.marks.clone();
        mark(&mut self.marks);
        self.children(element);
        self.marks = saved;
    }

    fn link(&mut self, element: ElementRef) {
        let href = element
            .value()
            .attr("href")
            .and_then(|h| links::resolve(self.ctx.base, h));
        match href {
            Some(href) => self.marked(element, |m| m.href = Some(href)),
            None => self.children(element),
        }
    }

    fn line_break(&mut self) {
        if !self.runs.line_break() && !self.inline_only {
            self.flush();
        }
    }

    fn heading(&mut self, element: ElementRef, level: u8) {
        self.flush();
        let runs = self.collect(|b| b.children(element));
        let text = plain(&runs).replace('\n', " ");
        if text.is_empty() || self.dropped_text(&text) {
            return;
        }
        self.out.blocks.push(Block::Heading { level, text });
    }

    fn image(&mut self, element: ElementRef) {
        let Some(raw) = links::image_source(&element) else {
            return;
        };
        if prune::is_pixel(&element) {
            return self.note("pixel", raw);
        }
        let Some(src) = links::resolve(self.ctx.base, raw) else {
            return;
        };
        if self.ctx.active.is_placeholder(&src) {
            return self.note("placeholder-image", &src);
        }
        let alt = squash(element.value().attr("alt").unwrap_or(""));
        if !self.inline_only {
            self.flush();
        }
        self.out.blocks.push(Block::Image {
            src,
            alt,
            caption: None,
        });
    }

    /// A caption element: the caption of the image just before it, else a paragraph; a credit
    /// when it only names who took the picture.
    pub(crate) fn caption(&mut self, element: ElementRef) {
        self.flush();
        let text = plain(&self.collect(|b| b.children(element))).replace('\n', " ");
        // A caption that only credits the picture (图/pixabay, Photo: Jane Doe) is a credit.
        if text.is_empty() || self.credit_lines(&text) {
            return;
        }
        // One that closes with a credit ("…Aufklärung. (Quelle: DJV)", "…mañana. Foto: LN")
        // keeps its words, and the credit goes to `credits`.
        let mut text = text;
        if let Some((start, found)) = self.ctx.active.credits.closing_credit(&text, true) {
            self.take_credits(text[start..].trim_end(), found);
            text.truncate(start);
            text.truncate(text.trim_end().len());
            if text.is_empty() {
                return;
            }
        }
        match self.out.blocks.last_mut() {
            Some(Block::Image {
                caption: slot @ None,
                ..
            }) => *slot = Some(text),
            _ => self.out.blocks.push(Block::Paragraph {
                inlines: vec![Inline::plain(text)],
            }),
        }
    }

    /// An element named for a picture's credit or copyright, in a figure or a caption
    /// (`<figure>…<span class="image-credit">Ann Reed/Gazette</span>`), whose text reads as a
    /// credit: it leaves the text for `credits`, as a credit line does. `class` is the
    /// element's class attribute, read with its other attributes. Whether it was taken.
    pub(crate) fn picture_credit(&mut self, element: ElementRef, class: Option<&str>) -> bool {
        let Some(class) = class else {
            return false;
        };
        let credit =
            contains_ignoring_case(class, "credit") && !contains_ignoring_case(class, "card");
        if !(credit || contains_ignoring_case(class, "copyright")) {
            return false;
        }
        let in_picture = std::iter::once(element)
            .chain(element.ancestors().filter_map(ElementRef::wrap).take(4))
            .any(|e| {
                matches!(e.value().name(), "figure" | "figcaption" | "picture")
                    || e.value()
                        .attr("class")
                        .is_some_and(|c| PICTURE_WORDS.iter().any(|w| contains_ignoring_case(c, w)))
            });
        if !in_picture {
            return false;
        }
        let text = squash(&element.text().collect::<String>());
        let Some(found) = self.ctx.active.credits.picture_credit(text.trim()) else {
            return false;
        };
        self.take_credits(text.trim(), found);
        true
    }

    fn credit_element(&mut self, element: ElementRef, role: Role) {
        self.flush();
        let text = plain(&self.collect(|b| b.children(element)));
        let name = text.trim_matches(|c: char| c.is_whitespace() || "，,：:;；、".contains(c));
        if name.is_empty() {
            return;
        }
        self.note(&format!("credit {role}"), &text);
        credits::add(&mut self.out.credits, vec![(role, vec![name.to_owned()])]);
    }

    /// The runs produced by `walk`, collected apart from the current paragraph.
    pub(crate) fn collect(&mut self, walk: impl FnOnce(&mut Self)) -> Vec<Inline> {
        let outer_runs = std::mem::take(&mut self.runs);
        let outer_mode = std::mem::replace(&mut self.inline_only, true);
        walk(self);
        let runs = self.runs.take();
        self.runs = outer_runs;
        self.inline_only = outer_mode;
        runs
    }

    /// Drops the short paragraphs and headings among the last blocks, and the captions there,
    /// that a closing-text rule matches: a line inviting the reader to subscribe or sign up
    /// ends many articles, and the same words inside a story are left alone. The last blocks
    /// are the last `CLOSING_BLOCKS` with text that stay: a dropped line lets the one before it
    /// be read, and pictures after the text do not hide it.
    fn drop_closing(&mut self) {
        // An article of a block or two has no closing apart from its body.
        if self.out.blocks.len() <= CLOSING_BLOCKS {
            return;
        }
        let mut kept = 0;
        for at in (0..self.out.blocks.len()).rev() {
            // One block is left to the article, whatever it says.
            if kept == CLOSING_BLOCKS || self.out.blocks.len() == 1 {
                break;
            }
            // Blocks without text (pictures, rules) are passed over, not counted.
            let text = match &self.out.blocks[at] {
                Block::Paragraph { inlines } => plain(inlines),
                Block::Heading { text, .. }
                | Block::Image {
                    caption: Some(text),
                    ..
                } => text.clone(),
                _ => continue,
            };
            kept += 1;
            if text.chars().count() > CLOSING_MAX_CHARS {
                continue;
            }
            let Some(rule) = self.ctx.active.dropping_closing_text(&text) else {
                continue;
            };
            let rule = format!("closing text {rule}");
            self.note(&rule, &text);
            match &mut self.out.blocks[at] {
                Block::Image { caption, .. } => *caption = None,
                _ => {
                    self.out.blocks.remove(at);
                    kept -= 1;
                }
            }
        }
    }

    /// Records a removal for `--explain`.
    pub(crate) fn note(&mut self, rule: &str, text: &str) {
        if !self.ctx.explain {
            return;
        }
        self.out.removed.push(Removal {
            rule: rule.to_owned(),
            text: shorten(&squash(text), REMOVED_MAX_CHARS),
        });
    }
}

/// Centred by `align`, Sina's `cms-style="align-Center"`, an inline style or `<center>`.
fn is_centred(element: &ElementRef, look: &Look) -> bool {
    element.value().name() == "center"
        || look
            .align
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("center"))
        || look.cms_style.is_some_and(|v| v.contains("align-Center"))
        || look
            .style
            .is_some_and(|s| compact_style(s).contains("text-align:center"))
}

/// Bold by Sina's `cms-style="strong-Bold"` or an inline `font-weight`.
fn is_bold(look: &Look) -> bool {
    if look.cms_style.is_some_and(|v| v.contains("strong-Bold")) {
        return true;
    }
    look.style.is_some_and(|s| {
        let s = compact_style(s);
        ["bold", "bolder", "600", "700", "800", "900"]
            .iter()
            .any(|w| s.contains(&format!("font-weight:{w}")))
    })
}

fn compact_style(style: &str) -> String {
    style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What `--explain` shows of a removed element: its text, else its tag.
fn removed_text(element: &ElementRef) -> String {
    let text: String = element.text().collect();
    if text.trim().is_empty() {
        let source = links::image_source(element);
        return source.map_or_else(|| format!("<{}>", element.value().name()), str::to_owned);
    }
    text
}

/// At most `max` characters, with `…` when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
