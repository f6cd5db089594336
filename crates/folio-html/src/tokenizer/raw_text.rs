//! The text of elements whose content is not markup, up to the end tag that closes them:
//! RCDATA (`<title>`, `<textarea>`), raw text (`<style>`, `<iframe>`, …) and `<script>` with
//! the standard's escape rules.

use html5ever::tokenizer::{TagKind, TokenSink};
use memchr::{memchr, memchr3};

use super::{ends_tag_name, Mode, Tokenizer};
use crate::raw::starts_with_ignoring_case;

impl<S: TokenSink> Tokenizer<'_, S> {
    /// Text of `<title>`, `<textarea>` (with references) or `<style>`, `<iframe>`, … (without)
    /// up to the end tag of the element that opened it.
    pub(super) fn raw_text(&mut self) {
        let start = self.pos;
        let end = self.end_tag_from(start).unwrap_or(self.input.len());
        if self.mode == Mode::Rcdata {
            let mut at = start;
            while let Some(k) = memchr(b'&', &self.bytes()[at..end]) {
                self.text(at, at + k);
                self.char_ref_in_text(at + k);
                // A reference's name never runs into the end tag: it stops at `<`.
                at = self.pos;
            }
            self.text(at, end);
        } else {
            self.text(start, end);
        }
        self.close_raw(end);
    }

    /// The first `</name` (the last start tag's name, any case) followed by a space, `/` or
    /// `>` at or after `from`.
    fn end_tag_from(&self, mut from: usize) -> Option<usize> {
        let name = self.last_start_tag.as_bytes();
        let bytes = self.bytes();
        while let Some(k) = memchr(b'<', &bytes[from..]) {
            let at = from + k;
            if end_tag_at(bytes, at, name) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// The end of raw text at `end`: its end tag, read as any tag, or the end of the page.
    fn close_raw(&mut self, end: usize) {
        self.mode = Mode::Data;
        if end < self.input.len() {
            self.pos = end + 2;
            self.tag(TagKind::EndTag);
        } else {
            self.pos = end;
        }
    }

    /// Script text up to `</script`, where the standard's escape rules decide which
    /// `</script>` ends it: after `<!--`, a `<script` opens a nested block that `</script>`
    /// closes without ending the element, until `-->`.
    pub(super) fn script(&mut self) {
        let start = self.pos;
        let end = self.script_end(start).unwrap_or(self.input.len());
        self.text(start, end);
        self.close_raw(end);
    }

    fn script_end(&self, start: usize) -> Option<usize> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            Plain,
            Escaped,
            EscapedDash,
            EscapedDashDash,
            Double,
            DoubleDash,
            DoubleDashDash,
        }
        use State::*;
        let name = self.last_start_tag.as_bytes();
        let bytes = self.bytes();
        let mut state = Plain;
        let mut at = start;
        while at < bytes.len() {
            if state == Plain {
                at += memchr(b'<', &bytes[at..])?;
                if end_tag_at(bytes, at, name) {
                    return Some(at);
                }
                if bytes[at + 1..].starts_with(b"!--") {
                    state = EscapedDashDash;
                    at += 4;
                } else {
                    at += 1;
                }
                continue;
            }
            if matches!(state, Escaped | Double) {
                at += memchr3(b'-', b'<', b'>', &bytes[at..])?;
            }
            let b = bytes[at];
            let double = matches!(state, Double | DoubleDash | DoubleDashDash);
            match b {
                b'-' => {
                    state = match state {
                        Escaped => EscapedDash,
                        EscapedDash | EscapedDashDash => EscapedDashDash,
                        Double => DoubleDash,
                        _ => DoubleDashDash,
                    };
                    at += 1;
                }
                b'>' if matches!(state, EscapedDashDash | DoubleDashDash) => {
                    state = Plain;
                    at += 1;
                }
                b'<' if !double => {
                    if end_tag_at(bytes, at, name) {
                        return Some(at);
                    }
                    state = Escaped;
                    if let Some(after) = word_ending_tag_name(bytes, at + 1, b"script") {
                        state = Double;
                        at = after;
                    } else {
                        at += 1;
                    }
                }
                b'<' => {
                    state = Double;
                    if bytes.get(at + 1) == Some(&b'/') {
                        if let Some(after) = word_ending_tag_name(bytes, at + 2, b"script") {
                            state = Escaped;
                            at = after;
                            continue;
                        }
                    }
                    at += 1;
                }
                _ => {
                    state = if double { Double } else { Escaped };
                    at += 1;
                }
            }
        }
        None
    }
}

/// Whether `</name` (the name in any case) ending a tag name starts at `at`.
fn end_tag_at(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    bytes.get(at + 1) == Some(&b'/') && word_ending_tag_name(bytes, at + 2, name).is_some()
}

/// If `word` (any case) starts at `at` and a space, `/` or `>` follows it, as after a tag
/// name, the position of that byte.
fn word_ending_tag_name(bytes: &[u8], at: usize, word: &[u8]) -> Option<usize> {
    let after = at + word.len();
    (starts_with_ignoring_case(bytes.get(at..)?, word)
        && bytes.get(after).is_some_and(|&b| ends_tag_name(b)))
    .then_some(after)
}
