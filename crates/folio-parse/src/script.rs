//! Whether a page is written in Chinese (or Japanese, Korean, Thai, Burmese), told by the
//! letters of its title and text: the zone its times are read in, and whether its Chinese
//! bylines are searched at all.

use folio_html::text::is_han;
use scraper::Html;

/// Whether `text`'s letters are mostly Han characters, and not Japanese.
pub(crate) fn is_chinese(text: &str) -> bool {
    let mut letters = Letters::default();
    letters.count(text);
    letters.chinese()
}

/// Languages whose script tells them apart, each spoken in one zone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Local {
    JapaneseOrKorean,
    Thai,
    Burmese,
}

/// The language of `text` when its script tells it: Japanese (kana among its letters),
/// Korean, Thai or Burmese (mostly Hangul, Thai or Myanmar letters).
pub(crate) fn local_language(text: &str) -> Option<Local> {
    let mut letters = Letters::default();
    letters.count(text);
    let mostly = |count: usize| count > 0 && count >= letters.latin;
    if letters.kana > 0 && letters.kana * 10 >= letters.han || mostly(letters.hangul) {
        Some(Local::JapaneseOrKorean)
    } else if mostly(letters.thai) {
        Some(Local::Thai)
    } else if mostly(letters.myanmar) {
        Some(Local::Burmese)
    } else {
        None
    }
}

/// Han characters, kana, Hangul, Thai, Myanmar and Latin letters counted in a text.
#[derive(Default)]
struct Letters {
    han: usize,
    kana: usize,
    hangul: usize,
    thai: usize,
    myanmar: usize,
    latin: usize,
}

impl Letters {
    fn count(&mut self, text: &str) {
        for c in text.chars() {
            if is_han(c) {
                self.han += 1;
            } else if matches!(c, '\u{3040}'..='\u{30FF}') {
                self.kana += 1;
            } else if matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}') {
                self.hangul += 1;
            } else if matches!(c, '\u{0E01}'..='\u{0E5B}') {
                self.thai += 1;
            } else if matches!(c, '\u{1000}'..='\u{109F}') {
                self.myanmar += 1;
            } else if c.is_ascii_alphabetic() {
                self.latin += 1;
            }
        }
    }

    /// Mostly Han characters, and not Japanese (which writes kana between them, and keeps
    /// UTC+9).
    fn chinese(&self) -> bool {
        self.han > 0 && self.han >= self.latin && self.kana * 10 < self.han
    }
}

/// Letters of a page's text read to tell its script: a paragraph or two.
const SCRIPT_SAMPLE: usize = 1_000;

/// Whether the first letters of the page's visible text (scripts and styles left out) are
/// Chinese.
pub(crate) fn text_is_chinese(doc: &Html) -> bool {
    let mut letters = Letters::default();
    for node in doc.root_element().descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let in_code = node
            .parent()
            .and_then(|p| p.value().as_element().map(|e| e.name()))
            .is_some_and(|name| matches!(name, "script" | "style" | "noscript" | "template"));
        if in_code {
            continue;
        }
        letters.count(text);
        if letters.han + letters.kana + letters.latin >= SCRIPT_SAMPLE {
            break;
        }
    }
    letters.chinese()
}
