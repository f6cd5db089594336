//! The HTML standard's tokenizer (section 13.2.5), read by byte runs rather than by character,
//! feeding html5ever's tree builder. Each state of the standard that pages use is here; the
//! rare ones (see the crate's doc) make [`Tokenizer::run`] give up so that html5ever parses.
//!
//! This file holds the state machine: the modes, the data state up to the next tag, the text
//! queued for the sink, and the byte helpers the others share. What follows a `<` is read in
//! [`tag`] (tags and attributes) and [`markup`] (comments, DOCTYPE, CDATA); the text of
//! raw-text elements in [`raw_text`].

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::LocalName;
use memchr::memchr2;
use std::collections::HashSet;

use crate::charref;

mod markup;
mod raw_text;
mod tag;

/// Where the tokenizer reads: markup, or the text of an element whose content is not markup.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Data,
    /// `<title>`, `<textarea>`: text with character references, up to the end tag.
    Rcdata,
    /// `<style>`, `<iframe>`, `<noscript>`, …: text as it is, up to the end tag.
    Rawtext,
    /// `<script>`: like raw text, with the standard's `<!--` escape rules for the end tag.
    Script,
    /// `<plaintext>`: the rest of the page is text.
    Plaintext,
}

/// Something the byte tokenizer leaves to html5ever.
pub(crate) struct Unsupported;

pub(crate) struct Tokenizer<'s, S: TokenSink> {
    /// The whole page; text and attribute values are slices of it.
    input: StrTendril,
    pos: usize,
    sink: &'s S,
    mode: Mode,
    /// The name of the last start tag, which ends raw text.
    last_start_tag: LocalName,
    /// Text read and not yet handed on, merged into one token.
    pending: Option<StrTendril>,
    /// The attribute names of a tag with many, see `tag::is_repeated`.
    attribute_names: HashSet<LocalName>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ')
}

impl<'s, S: TokenSink> Tokenizer<'s, S> {
    pub fn new(input: StrTendril, sink: &'s S) -> Self {
        Tokenizer {
            input,
            pos: 0,
            sink,
            mode: Mode::Data,
            last_start_tag: LocalName::from(""),
            pending: None,
            attribute_names: HashSet::new(),
        }
    }

    /// Tokenizes the whole input into the sink, then ends it. `None` when the page has
    /// something left to html5ever; the sink then holds a partial tree to throw away.
    pub fn run(mut self) -> Option<()> {
        while self.pos < self.input.len() {
            match self.mode {
                Mode::Data => self.data().ok()?,
                Mode::Rcdata | Mode::Rawtext => self.raw_text(),
                Mode::Script => self.script(),
                Mode::Plaintext => {
                    self.text(self.pos, self.input.len());
                    self.pos = self.input.len();
                }
            }
        }
        self.flush();
        let _ = self.sink.process_token(Token::EOFToken, 1);
        self.sink.end();
        Some(())
    }

    fn bytes(&self) -> &[u8] {
        self.input.as_bytes()
    }

    /// Queues the input between `start` and `end` as text.
    fn text(&mut self, start: usize, end: usize) {
        append(&self.input, &mut self.pending, start, end);
    }

    fn flush(&mut self) {
        if let Some(text) = self.pending.take() {
            let _ = self.sink.process_token(Token::CharacterTokens(text), 1);
        }
    }

    /// Hands on a token other than text, and follows the tree builder's word on what the
    /// content after a start tag is.
    fn emit(&mut self, token: Token) {
        self.flush();
        match self.sink.process_token(token, 1) {
            TokenSinkResult::Plaintext => self.mode = Mode::Plaintext,
            TokenSinkResult::RawData(RawKind::Rcdata) => self.mode = Mode::Rcdata,
            TokenSinkResult::RawData(RawKind::Rawtext) => self.mode = Mode::Rawtext,
            TokenSinkResult::RawData(_) => self.mode = Mode::Script,
            TokenSinkResult::Continue
            | TokenSinkResult::Script(_)
            | TokenSinkResult::EncodingIndicator(_) => {}
        }
    }

    /// The data state: text and character references up to the next tag.
    fn data(&mut self) -> Result<(), Unsupported> {
        while self.mode == Mode::Data && self.pos < self.input.len() {
            let start = self.pos;
            let Some(found) = memchr2(b'<', b'&', &self.bytes()[start..]) else {
                self.text(start, self.input.len());
                self.pos = self.input.len();
                break;
            };
            let at = start + found;
            self.text(start, at);
            if self.bytes()[at] == b'&' {
                self.char_ref_in_text(at);
            } else {
                self.pos = at;
                self.tag_open()?;
            }
        }
        Ok(())
    }

    /// The `&` at `at` in text: the character it stands for, or itself.
    fn char_ref_in_text(&mut self, at: usize) {
        self.pos = append_char_ref(&self.input, &mut self.pending, at, false);
    }

    /// At a `<` in data.
    fn tag_open(&mut self) -> Result<(), Unsupported> {
        let at = self.pos;
        match self.bytes().get(at + 1).copied() {
            Some(b) if b.is_ascii_alphabetic() => {
                self.pos = at + 1;
                self.tag(TagKind::StartTag);
            }
            Some(b'/') => match self.bytes().get(at + 2).copied() {
                Some(b) if b.is_ascii_alphabetic() => {
                    self.pos = at + 2;
                    self.tag(TagKind::EndTag);
                }
                // `</>` is dropped.
                Some(b'>') => self.pos = at + 3,
                None => {
                    self.text(at, at + 2);
                    self.pos = at + 2;
                }
                Some(_) => {
                    self.pos = at + 2;
                    self.bogus_comment();
                }
            },
            Some(b'!') => {
                self.pos = at + 2;
                self.markup_declaration()?;
            }
            Some(b'?') => {
                self.pos = at + 1;
                self.bogus_comment();
            }
            _ => {
                self.text(at, at + 1);
                self.pos = at + 1;
            }
        }
        Ok(())
    }

    /// The position of the first byte at or after `from` that `stop` accepts, or the end.
    fn first_from(&self, from: usize, stop: impl Fn(u8) -> bool) -> usize {
        self.bytes()[from..]
            .iter()
            .position(|&b| stop(b))
            .map_or(self.input.len(), |k| from + k)
    }

    fn skip_space(&mut self) {
        while self.bytes().get(self.pos).is_some_and(|&b| is_space(b)) {
            self.pos += 1;
        }
    }
}

/// What ends a tag's name: a space, `/` or `>`.
fn ends_tag_name(b: u8) -> bool {
    is_space(b) || b == b'/' || b == b'>'
}

/// Appends the input between `start` and `end` to `into`: as a slice of the input's buffer
/// when `into` is empty, without copying.
fn append(input: &StrTendril, into: &mut Option<StrTendril>, start: usize, end: usize) {
    if start == end {
        return;
    }
    match into {
        Some(text) => text.push_slice(&input[start..end]),
        None => *into = Some(input.subtendril(start as u32, (end - start) as u32)),
    }
}

/// Appends what the `&` at `at` stands for to `into` (itself when it is no reference), and
/// gives the position after it.
fn append_char_ref(
    input: &StrTendril,
    into: &mut Option<StrTendril>,
    at: usize,
    in_attribute: bool,
) -> usize {
    match charref::decode(input, at + 1, in_attribute) {
        Some(found) => {
            let mut buf = [0; 8];
            into.get_or_insert_with(StrTendril::new)
                .push_slice(found.as_str(&mut buf));
            found.end
        }
        None => {
            append(input, into, at, at + 1);
            at + 1
        }
    }
}
