//! Text runs with their marks, and the white-space rules of the cleaned text.
//!
//! Text arrives node by node; [`Runs`] collapses every white-space run (ASCII, NBSP, the
//! full-width space `　` used for indentation, …) into one space, drops it at the start and end
//! of a paragraph or line, drops a line break between two CJK characters (the source's line
//! wrapping, not a space), removes zero-width characters and composes characters (NFC).
//! Everything else is kept as is.

use folio_html::text::{is_cjk, is_invisible, may_start_white_space, utf8_len};
use folio_model::Inline;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The marks in force where text is found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    pub strong: bool,
    pub em: bool,
    pub code: bool,
    pub href: Option<String>,
}

/// Runs of one paragraph being collected.
#[derive(Debug, Default)]
pub(crate) struct Runs {
    runs: Vec<Inline>,
    /// White space seen since the last visible character: the marks it was found under (a
    /// space outside `<b>…</b>` stays outside), and whether it contained a line feed.
    pending: Option<(Marks, bool)>,
    last: Option<char>,
}

/// Characters that are in NFC whatever stands around them (a starter no mark composes with):
/// Latin-1, dashes and quotes, CJK punctuation and ideographs, full-width forms. The quick
/// check looks each character up in two tables, two thirds of adding a Chinese paragraph's
/// text to its runs; text made of these alone needs no look-up.
fn is_plainly_nfc(c: char) -> bool {
    matches!(c, '\0'..='\u{2FF}' | '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{3029}' | '\u{3400}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF5E}')
}

impl Runs {
    /// Appends source text under `marks`. Stretches of visible characters are copied whole;
    /// only bytes that can start white space or an invisible character are decoded and looked
    /// at (most CJK text has none, and decoding every character cost more than the rest).
    pub fn push(&mut self, text: &str, marks: &Marks) {
        let bytes = text.as_bytes();
        let mut visible_from = 0;
        let mut at = 0;
        while let Some(i) = next_candidate(bytes, at) {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            at = i + c.len_utf8();
            if !c.is_whitespace() && !is_invisible(c) {
                continue;
            }
            // A single space between two visible characters would come out as it is: it stays
            // in the stretch, rather than ending it to be settled word by word.
            let followed_by_visible = || {
                bytes
                    .get(at)
                    .is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace())
            };
            if c == ' ' && visible_from < i && followed_by_visible() {
                continue;
            }
            if visible_from < i {
                self.push_visible(&text[visible_from..i], marks);
            }
            visible_from = at;
            if c.is_whitespace() {
                match &mut self.pending {
                    Some((_, newline)) => *newline |= c == '\n',
                    None => self.pending = Some((marks.clone(), c == '\n')),
                }
            }
        }
        if visible_from < text.len() {
            self.push_visible(&text[visible_from..], marks);
        }
    }

    /// Appends characters that are neither white space nor invisible.
    fn push_visible(&mut self, visible: &str, marks: &Marks) {
        let Some(first) = visible.chars().next() else {
            return;
        };
        self.settle_space(first);
        let run = &mut self.current(marks).text;
        // Text is kept in NFC, the form people type and search in: a page may spell `য়` as
        // one code point or two, and the two must read the same.
        let composed = visible.is_ascii()
            || visible.chars().all(is_plainly_nfc)
            || is_nfc_quick(visible.chars()) == IsNormalized::Yes;
        if composed {
            run.push_str(visible);
        } else {
            run.extend(visible.nfc());
        }
        self.last = run.chars().next_back();
    }

    /// A hard line break (`<br>`). Returns false when the line was already broken, so that the
    /// caller can end the paragraph instead (`<br><br>` separates paragraphs).
    pub fn line_break(&mut self) -> bool {
        self.pending = None;
        match self.last {
            None => true,
            Some('\n') => false,
            Some(_) => {
                if let Some(run) = self.runs.last_mut() {
                    run.text.push('\n');
                }
                self.last = Some('\n');
                true
            }
        }
    }

    /// The collected runs, trimmed, with neighbours of equal marks merged.
    pub fn take(&mut self) -> Vec<Inline> {
        let runs = std::mem::take(&mut self.runs);
        self.pending = None;
        self.last = None;
        let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
        for run in runs {
            if run.text.is_empty() {
                continue;
            }
            match out.last_mut() {
                Some(prev) if same_marks(prev, &run) => prev.text.push_str(&run.text),
                _ => out.push(run),
            }
        }
        while out.last().is_some_and(|r| r.text.ends_with('\n')) {
            if let Some(last) = out.last_mut() {
                last.text.pop();
                if last.text.is_empty() {
                    out.pop();
                }
            }
        }
        out
    }

    fn settle_space(&mut self, next: char) {
        let Some((marks, newline)) = self.pending.take() else {
            return;
        };
        let Some(last) = self.last else {
            return;
        };
        if last == '\n' || (newline && is_cjk(last) && is_cjk(next)) {
            return;
        }
        self.current(&marks).text.push(' ');
    }

    fn current(&mut self, marks: &Marks) -> &mut Inline {
        let fits = self.runs.last().is_some_and(|run| has_marks(run, marks));
        if !fits {
            self.runs.push(Inline {
                text: String::new(),
                strong: marks.strong,
                em: marks.em,
                code: marks.code,
                href: marks.href.clone(),
            });
        }
        let last = self.runs.len() - 1;
        &mut self.runs[last]
    }
}

fn has_marks(run: &Inline, marks: &Marks) -> bool {
    run.strong == marks.strong
        && run.em == marks.em
        && run.code == marks.code
        && run.href == marks.href
}

fn same_marks(a: &Inline, b: &Inline) -> bool {
    a.strong == b.strong && a.em == b.em && a.code == b.code && a.href == b.href
}

/// The start of the first character at or after `at` (a character boundary) that may be white
/// space or invisible. It steps a whole character at a time: a CJK character is one test, not
/// three.
fn next_candidate(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(&lead) = bytes.get(at) {
        if may_start_special(lead) {
            return Some(at);
        }
        at += utf8_len(lead);
    }
    None
}

/// Whether a character starting with byte `b` (in UTF-8) can be white space or invisible:
/// ASCII white space, a lead byte that may start other white space (which also starts the
/// soft hyphen and the zero-width characters), or that of U+F000–U+FFFF (the byte-order
/// mark). Checked against every character in the tests.
fn may_start_special(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xEF) || may_start_white_space(b)
}

/// The plain text of runs.
pub(crate) fn plain(runs: &[Inline]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// Collapses white space in a standalone string the way [`Runs`] does.
pub(crate) fn squash(text: &str) -> String {
    let mut runs = Runs::default();
    runs.push(text, &Marks::default());
    plain(&runs.take())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plainly_nfc_characters_are_starters_the_quick_check_lets_through() {
        use unicode_normalization::char::canonical_combining_class;
        let plain = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_plainly_nfc(c));
        for c in plain {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        assert!(!is_plainly_nfc('\u{301}') && !is_plainly_nfc('\u{302A}'));
    }

    fn bold() -> Marks {
        Marks {
            strong: true,
            ..Marks::default()
        }
    }

    #[test]
    fn text_is_composed() {
        // Bengali YYA as one code point (composition-excluded) and e + combining acute.
        assert_eq!(squash("\u{9DF} cafe\u{301}"), "\u{9AF}\u{9BC} caf\u{E9}");
        assert_eq!(squash("今天 café"), "今天 café");
    }

    #[test]
    fn indentation_nbsp_and_zero_width_go() {
        assert_eq!(
            squash("　　今天\u{200B}（5月8日），\u{a0}市委 "),
            "今天（5月8日）， 市委"
        );
    }

    #[test]
    fn source_line_wrap_between_cjk_is_not_a_space() {
        assert_eq!(squash("上海\n  北京"), "上海北京");
        assert_eq!(squash("Shanghai\n  Beijing"), "Shanghai Beijing");
        assert_eq!(squash("上海 北京"), "上海 北京");
    }

    #[test]
    fn space_stays_in_the_run_it_was_in() {
        let mut runs = Runs::default();
        runs.push("　　see ", &Marks::default());
        runs.push(" this ", &bold());
        runs.push(" now", &Marks::default());
        let out = runs.take();
        let texts: Vec<&str> = out.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["see ", "this ", "now"]);
        assert!(out[1].strong);
    }

    #[test]
    fn line_breaks_trim_and_double_break_is_reported() {
        let mut runs = Runs::default();
        runs.push("one ", &Marks::default());
        assert!(runs.line_break());
        assert!(!runs.line_break());
        runs.push("  two", &Marks::default());
        assert!(runs.line_break());
        assert_eq!(plain(&runs.take()), "one\ntwo");
    }

    #[test]
    fn every_special_character_has_a_special_lead_byte() {
        let special = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|&c| c.is_whitespace() || is_invisible(c));
        for c in special {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(may_start_special(lead), "{:?}", c);
        }
    }

    #[test]
    fn text_pushed_whole_comes_out_as_pushed_character_by_character() {
        // One character at a time, no space is ever between two visible characters of the
        // same push, so the word-by-word path decides every one.
        for text in [
            "a b",
            "one two  three",
            " lead and trail ",
            "a \u{b}b",
            "tab\tand\nnewline \rx",
            "a \u{200B}b c\u{a0}d",
            "上海 北京\n 广州 x",
            "x 上 y",
            "end with space ",
            "1 2 3 4",
        ] {
            let mut whole = Runs::default();
            whole.push(text, &bold());
            let mut by_char = Runs::default();
            for c in text.chars() {
                by_char.push(c.encode_utf8(&mut [0; 4]), &bold());
            }
            let (whole, by_char) = (whole.take(), by_char.take());
            assert_eq!(plain(&whole), plain(&by_char), "{text:?}");
            assert_eq!(whole.len(), by_char.len(), "{text:?}");
        }
    }

    #[test]
    fn equal_marks_merge() {
        let mut runs = Runs::default();
        runs.push("a", &bold());
        runs.push("b", &bold());
        assert_eq!(runs.take().len(), 1);
    }
}
