//! folio-clean: the second stage of `folio-parse | folio-clean | folio-filter | folio-render`.
//!
//! It turns a record's body HTML (`html`) into exactly the article: typed `blocks`, plain
//! `text`, `credits` moved out of the text, `original_title`, and `lang`; boilerplate (comments,
//! scripts, styles, frames, hidden elements, QR-code and app boxes, share bars, related lists,
//! empty wrappers) is removed by rules. [`Cleaner`] is built once from [`Options`] and cleans one
//! record at a time; it never prints, parses arguments or exits.
//!
//! The steps, one module each: `rules` (the rules file) and `compiled` (rules ready to match),
//! `prune` (elements that are not article), `blocks`, `paragraphs` and `structures` (the
//! tree walk into blocks), `inlines` (runs and white space), `credits`, `lead` (title and lead image), `text`
//! and `lang`. For a whole web page (`source.kind` is `page`, or the HTML is a whole document)
//! the article is first found by `folio-extract` (text, link and punctuation density), and the
//! same steps then run on it; for post bodies the whole fragment is the article.

mod blocks;
mod compiled;
mod credits;
mod gate;
mod inlines;
mod lang;
mod lead;
mod links;
mod paragraphs;
mod prune;
pub mod rules;
mod structures;
pub mod text;

use std::path::PathBuf;
use std::sync::OnceLock;

use folio_extract::Extractor;
use folio_model::driver::Notes;
use folio_model::{Block, Record, Removal};
use scraper::Html;

use crate::compiled::RuleSet;
use crate::rules::Rules;

/// How to clean.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Rules files merged, in order, on top of the built-in rules.
    pub rules_files: Vec<PathBuf>,
    /// Add `removed` to each record: every removed piece and the rule that removed it.
    pub explain: bool,
}

/// Why a cleaner could not be built: a rules file that cannot be read or is not valid.
#[derive(Debug, thiserror::Error)]
#[error("{place}: {why}")]
pub struct Error {
    /// The rules file, or `built-in rules`.
    pub place: String,
    pub why: String,
}

/// Cleans records. Build it once; it is shared by all worker threads.
pub struct Cleaner {
    rules: RuleSet,
    page_rules: folio_extract::Options,
    /// Built for the first whole page: a stream of posts never needs it, and its word lists
    /// took a quarter of start-up.
    pages: OnceLock<Result<Extractor, String>>,
    explain: bool,
}

impl Cleaner {
    pub fn new(options: Options) -> Result<Cleaner, Error> {
        let builtin = |why: String| Error {
            place: "built-in rules".into(),
            why,
        };
        let mut rules = Rules::builtin().map_err(builtin)?;
        for path in &options.rules_files {
            let place = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|err| Error {
                place: place.clone(),
                why: err.to_string(),
            })?;
            let (extra, defaults) = Rules::from_yaml(&text).map_err(|why| Error {
                place: place.clone(),
                why,
            })?;
            if !defaults {
                rules = Rules::default();
            }
            rules.merge(extra);
            // Each file is checked alone so that an error names the file it is in.
            RuleSet::new(rules.clone(), true).map_err(|why| Error { place, why })?;
        }
        let page_rules = rules.page_rules();
        let pages = OnceLock::new();
        if !options.rules_files.is_empty() {
            // A rules file's page rules are checked when it is loaded.
            let extractor = Extractor::new(page_rules.clone()).map_err(|err| Error {
                place: "rules".into(),
                why: err.to_string(),
            })?;
            _ = pages.set(Ok(extractor));
        }
        let rules = RuleSet::new(rules, false).map_err(builtin)?;
        Ok(Cleaner {
            rules,
            page_rules,
            pages,
            explain: options.explain,
        })
    }

    /// Cleans one record. A record without `html` keeps its `blocks` and `text` (its `text` is
    /// filled from its `blocks` when missing); a record with no body at all, or whose body has no
    /// article text left, is kept with a warning. Cleaning a cleaned record changes nothing.
    pub fn clean(&self, record: Record, notes: &mut Notes) -> Result<Record, String> {
        self.clean_with_page(record, None, notes)
    }

    /// As [`Cleaner::clean`], for a whole page whose `html` the caller has parsed already:
    /// `folio_parse::Parser::parse_document_with_page` gives the tree it read the metadata
    /// from, so that a program running both stages parses each page once. The record comes
    /// out as `clean` would make it.
    pub fn clean_with_page(
        &self,
        mut record: Record,
        page: Option<&Html>,
        notes: &mut Notes,
    ) -> Result<Record, String> {
        match record.html.take() {
            Some(html) => {
                folio_html::take_capped();
                self.clean_html(&mut record, &html, page)?;
                if let Some(what) = folio_html::take_capped() {
                    notes.warn(format!("{what} (see docs/reliability.md)"));
                }
                record.html = Some(html);
                if record.text.as_deref().is_some_and(str::is_empty) {
                    notes.warn("no article text left after cleaning (record kept with empty text)");
                }
            }
            None => keep_content(&mut record, notes),
        }
        Ok(record)
    }

    /// The page extractor, built on first use.
    fn pages(&self) -> Result<&Extractor, String> {
        self.pages
            .get_or_init(|| {
                Extractor::new(self.page_rules.clone()).map_err(|err| format!("rules: {err}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn clean_html(
        &self,
        record: &mut Record,
        html: &str,
        page: Option<&Html>,
    ) -> Result<(), String> {
        let base = links::base(record.url.as_deref());
        let site = record.site();
        let host = links::host(base.as_ref(), site);
        let active = self.rules.active(host.as_deref(), &record.categories)?;
        let mut removed = Vec::new();
        lead::drop_placeholder_image(record, &active, &mut removed);

        // Post bodies are the article area already; a whole page has its article found first.
        let document = if is_whole_page(record, html) {
            let url = record.url.as_deref();
            let pages = self.pages()?;
            let article = match page {
                Some(page) => pages.extract_parsed(page, url),
                None => pages.extract_document(html, url),
            };
            if record.title.is_none() {
                record.title = article.title_in_body;
            }
            removed.extend(article.removed.into_iter().map(|(rule, text)| Removal {
                rule: format!("page: {rule}"),
                text,
            }));
            article.document
        } else {
            folio_html::parse_fragment(html)
        };
        let root = document.root_element();
        let context = blocks::Context {
            active: &active,
            base: base.as_ref(),
            explain: self.explain,
        };
        let mut built = blocks::build(root, &context);
        removed.append(&mut built.removed);
        lead::drop_repeats(&mut built.blocks, record, &mut removed);
        lead::drop_byline_lines(&mut built.blocks, record, &mut removed);

        let text = text::render(&built.blocks);
        record.lang = lang::detect(&text).or(record.lang.take());
        record.text = Some(text);
        record.blocks = Some(built.blocks);
        record.credits = (!built.credits.is_empty()).then_some(built.credits);
        if built.original_title.is_some() {
            record.original_title = built.original_title;
        }
        record.removed = self.explain.then_some(removed);
        Ok(())
    }
}

/// What folio-clean with its built-in rules makes of a record's body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub blocks: Vec<Block>,
    pub text: String,
}

/// The article of a record never cleaned, as `folio-clean` without `--rules` would write it,
/// for the stages after it: folio-filter judges such a record by this text and folio-render
/// writes these blocks, so HTML becomes blocks one way in the whole project. The built-in
/// cleaner is made on first use and kept; warnings are left to the caller, which says once
/// that the record was never cleaned.
pub fn builtin_article(record: &Record) -> Result<Article, String> {
    static BUILTIN: OnceLock<Result<Cleaner, String>> = OnceLock::new();
    let cleaner = BUILTIN
        .get_or_init(|| Cleaner::new(Options::default()).map_err(|err| err.to_string()))
        .as_ref()
        .map_err(Clone::clone)?;
    let mut notes = Notes::new(folio_model::Location::file("record"));
    let cleaned = cleaner.clean(record.clone(), &mut notes)?;
    Ok(Article {
        blocks: cleaned.blocks.unwrap_or_default(),
        text: cleaned.text.unwrap_or_default(),
    })
}

/// Whether the record holds a whole web page rather than an article body: folio-parse says so
/// in `source.kind`; records from elsewhere are recognised by a document's opening.
fn is_whole_page(record: &Record, html: &str) -> bool {
    if let Some(kind) = record.folio_source().and_then(|s| s.kind.as_deref()) {
        return kind == "page";
    }
    let start = html.trim_start();
    let head = &start[..start.floor_char_boundary(64)];
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// A record that was cleaned before, or came with text only: its content stays as it is.
fn keep_content(record: &mut Record, notes: &mut Notes) {
    if record.text.is_none() {
        match &record.blocks {
            Some(blocks) => record.text = Some(text::render(blocks)),
            None => {
                notes.warn(
                    "no body to clean (no \"html\", \"text\" or \"blocks\"); record kept as it is",
                );
                return;
            }
        }
    }
    if record.lang.is_none() {
        record.lang = record.text.as_deref().and_then(lang::detect);
    }
}
