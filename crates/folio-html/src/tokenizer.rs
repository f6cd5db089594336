//! The HTML standard's tokenizer (section 13.2.5), read by byte runs rather than by character,
//! feeding html5ever's tree builder. Each state of the standard that pages use is here; the
//! rare ones (see the crate's doc) make [`Tokenizer::run`] give up so that html5ever parses.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{ns, Attribute, LocalName, QualName};
use memchr::{memchr, memchr2, memchr3};
use std::collections::HashSet;

use crate::charref;

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
    /// The attribute names of a tag with many, see [`is_repeated`].
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

    /// A comment of whatever follows up to the next `>` (`<?xml …>`, `<!x>`, `</ x>`).
    fn bogus_comment(&mut self) {
        let start = self.pos;
        let end = memchr(b'>', &self.bytes()[start..]).map_or(self.input.len(), |k| start + k);
        let data = self.input.subtendril(start as u32, (end - start) as u32);
        self.pos = (end + 1).min(self.input.len());
        self.emit(Token::CommentToken(data));
    }

    /// After `<!`.
    fn markup_declaration(&mut self) -> Result<(), Unsupported> {
        let rest = &self.bytes()[self.pos..];
        if rest.starts_with(b"--") {
            self.pos += 2;
            return self.comment();
        }
        if starts_with_ignore_case(rest, b"doctype") {
            self.pos += 7;
            return self.doctype();
        }
        if rest.starts_with(b"[CDATA[") {
            self.flush();
            if self
                .sink
                .adjusted_current_node_present_but_not_in_html_namespace()
            {
                self.pos += 7;
                self.cdata();
                return Ok(());
            }
        }
        self.bogus_comment();
        Ok(())
    }

    /// After `<!--`: up to the first `-->` or `--!>`. A comment left open to the end of the
    /// page is left to html5ever (the standard drops trailing dashes there).
    fn comment(&mut self) -> Result<(), Unsupported> {
        let start = self.pos;
        let rest = &self.bytes()[start..];
        let (data_end, after) = if rest.starts_with(b">") {
            (start, start + 1)
        } else if rest.starts_with(b"->") {
            (start, start + 2)
        } else {
            let mut from = 0;
            loop {
                let Some(k) = memchr::memmem::find(&rest[from..], b"--") else {
                    return Err(Unsupported);
                };
                let dashes = from + k;
                match rest.get(dashes + 2) {
                    Some(b'>') => break (start + dashes, start + dashes + 3),
                    Some(b'!') if rest.get(dashes + 3) == Some(&b'>') => {
                        break (start + dashes, start + dashes + 4)
                    }
                    Some(_) => from = dashes + 1,
                    None => return Err(Unsupported),
                }
            }
        };
        let data = self
            .input
            .subtendril(start as u32, (data_end - start) as u32);
        self.pos = after;
        self.emit(Token::CommentToken(data));
        Ok(())
    }

    /// After `<![CDATA[` in SVG or MathML: text up to `]]>`.
    fn cdata(&mut self) {
        let start = self.pos;
        let end = memchr::memmem::find(&self.bytes()[start..], b"]]>")
            .map_or(self.input.len(), |k| start + k);
        self.text(start, end);
        self.pos = (end + 3).min(self.input.len());
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

    /// After `<!DOCTYPE`: a name, then optional PUBLIC and SYSTEM identifiers; anything else
    /// makes the rest up to `>` a bogus DOCTYPE, in quirks mode mostly. A DOCTYPE cut off by
    /// the end of the page, or by a `>` inside an identifier, is left to html5ever.
    fn doctype(&mut self) -> Result<(), Unsupported> {
        let mut doctype = Doctype::default();
        self.skip_space();
        match self.bytes().get(self.pos) {
            None => return Err(Unsupported),
            Some(b'>') => {
                self.pos += 1;
                doctype.force_quirks = true;
                self.emit(Token::DoctypeToken(doctype));
                return Ok(());
            }
            Some(_) => {}
        }
        let start = self.pos;
        self.pos = self.first_from(start, |b| is_space(b) || b == b'>');
        if self.pos == self.input.len() {
            return Err(Unsupported);
        }
        doctype.name = Some(StrTendril::from_slice(
            &self.input[start..self.pos].to_ascii_lowercase(),
        ));
        self.skip_space();
        let rest = &self.bytes()[self.pos..];
        let public = if rest.first() == Some(&b'>') {
            return self.bogus_doctype(doctype, false);
        } else if starts_with_ignore_case(rest, b"public") {
            true
        } else if starts_with_ignore_case(rest, b"system") {
            false
        } else {
            return self.bogus_doctype(doctype, true);
        };
        self.pos += 6;
        self.skip_space();
        let Some(first) = self.quoted_identifier()? else {
            return self.bogus_doctype(doctype, true);
        };
        self.skip_space();
        if !public {
            doctype.system_id = Some(first);
            return self.bogus_doctype(doctype, false);
        }
        doctype.public_id = Some(first);
        if self.bytes().get(self.pos) == Some(&b'>') {
            return self.bogus_doctype(doctype, false);
        }
        let Some(second) = self.quoted_identifier()? else {
            return self.bogus_doctype(doctype, true);
        };
        doctype.system_id = Some(second);
        self.skip_space();
        self.bogus_doctype(doctype, false)
    }

    /// Ends a DOCTYPE at the next `>`, skipping what comes before it (nothing, when the
    /// DOCTYPE is well formed), and sets quirks mode if `quirks`.
    fn bogus_doctype(&mut self, mut doctype: Doctype, quirks: bool) -> Result<(), Unsupported> {
        let Some(k) = memchr(b'>', &self.bytes()[self.pos..]) else {
            return Err(Unsupported);
        };
        doctype.force_quirks |= quirks;
        self.pos += k + 1;
        self.emit(Token::DoctypeToken(doctype));
        Ok(())
    }

    /// A quoted DOCTYPE identifier at `pos`, or `None` when no quote opens one.
    fn quoted_identifier(&mut self) -> Result<Option<StrTendril>, Unsupported> {
        let quote = match self.bytes().get(self.pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Ok(None),
        };
        let start = self.pos + 1;
        let Some(k) = memchr2(quote, b'>', &self.bytes()[start..]) else {
            return Err(Unsupported);
        };
        if self.bytes()[start + k] == b'>' {
            return Err(Unsupported);
        }
        self.pos = start + k + 1;
        Ok(Some(StrTendril::from_slice(&self.input[start..start + k])))
    }

    /// A start or end tag whose name starts at `pos`: name, attributes, `/>`. A tag cut off
    /// by the end of the page is dropped, as the standard says.
    fn tag(&mut self, kind: TagKind) {
        let start = self.pos;
        let name_end = self.first_from(start, ends_tag_name);
        let name = local_name(&self.input[start..name_end]);
        self.pos = name_end;
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut had_duplicate_attributes = false;
        let self_closing = loop {
            self.skip_space();
            match self.bytes().get(self.pos) {
                None => {
                    self.pos = self.input.len();
                    return;
                }
                Some(b'>') => {
                    self.pos += 1;
                    break false;
                }
                Some(b'/') => {
                    if self.bytes().get(self.pos + 1) == Some(&b'>') {
                        self.pos += 2;
                        break true;
                    }
                    self.pos += 1;
                }
                Some(_) => {
                    let Some(attribute) = self.attribute() else {
                        self.pos = self.input.len();
                        return;
                    };
                    if is_repeated(&attrs, &mut self.attribute_names, &attribute.name.local) {
                        had_duplicate_attributes = true;
                    } else {
                        attrs.push(attribute);
                    }
                }
            }
        };
        if kind == TagKind::StartTag {
            self.last_start_tag = name.clone();
        }
        self.emit(Token::TagToken(Tag {
            kind,
            name,
            self_closing,
            attrs,
            had_duplicate_attributes,
        }));
    }

    /// An attribute starting at `pos`, or `None` when the page ends inside it.
    fn attribute(&mut self) -> Option<Attribute> {
        let start = self.pos;
        // A name may start with `=` (a parse error, kept in the name).
        let from = if self.bytes()[start] == b'=' {
            start + 1
        } else {
            start
        };
        let name_end = self.first_from(from, |b| is_space(b) || matches!(b, b'/' | b'>' | b'='));
        let name = QualName::new(None, ns!(), local_name(&self.input[start..name_end]));
        self.pos = name_end;
        self.skip_space();
        let value = if self.bytes().get(self.pos) == Some(&b'=') {
            self.pos += 1;
            self.skip_space();
            match self.bytes().get(self.pos).copied() {
                None => return None,
                Some(quote @ (b'"' | b'\'')) => {
                    self.pos += 1;
                    self.quoted_value(quote)?
                }
                Some(b'>') => StrTendril::new(),
                Some(_) => self.unquoted_value(),
            }
        } else {
            StrTendril::new()
        };
        Some(Attribute { name, value })
    }

    fn quoted_value(&mut self, quote: u8) -> Option<StrTendril> {
        let mut value: Option<StrTendril> = None;
        loop {
            let start = self.pos;
            let k = memchr2(quote, b'&', &self.bytes()[start..])?;
            let at = start + k;
            append(&self.input, &mut value, start, at);
            if self.bytes()[at] == quote {
                self.pos = at + 1;
                return Some(value.unwrap_or_default());
            }
            self.pos = append_char_ref(&self.input, &mut value, at, true);
        }
    }

    fn unquoted_value(&mut self) -> StrTendril {
        let mut value: Option<StrTendril> = None;
        loop {
            let start = self.pos;
            let end = self.first_from(start, |b| is_space(b) || b == b'>' || b == b'&');
            append(&self.input, &mut value, start, end);
            if self.bytes().get(end) == Some(&b'&') {
                self.pos = append_char_ref(&self.input, &mut value, end, true);
            } else {
                self.pos = end;
                return value.unwrap_or_default();
            }
        }
    }

    /// Text of `<title>`, `<textarea>` (with references) or `<style>`, `<iframe>`, … (without)
    /// up to the end tag of the element that opened it.
    fn raw_text(&mut self) {
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
    fn script(&mut self) {
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

/// Whether a tag's attributes read so far (`list`) have one named `name`, which the standard
/// drops. Past a few attributes the check goes by `names`, a set of the tag's names kept from
/// the sixteenth on: a page whose tag has thousands of attributes would otherwise take
/// quadratic time to check them.
fn is_repeated(list: &[Attribute], names: &mut HashSet<LocalName>, name: &LocalName) -> bool {
    const LINEAR: usize = 16;
    if list.len() < LINEAR {
        return list.iter().any(|a| a.name.local == *name);
    }
    if list.len() == LINEAR {
        names.clear();
        names.extend(list.iter().map(|a| a.name.local.clone()));
    }
    !names.insert(name.clone())
}

/// Whether `</name` (the name in any case) ending a tag name starts at `at`.
fn end_tag_at(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    bytes.get(at + 1) == Some(&b'/') && word_ending_tag_name(bytes, at + 2, name).is_some()
}

/// If `word` (any case) starts at `at` and a space, `/` or `>` follows it, as after a tag
/// name, the position of that byte.
fn word_ending_tag_name(bytes: &[u8], at: usize, word: &[u8]) -> Option<usize> {
    let after = at + word.len();
    (starts_with_ignore_case(bytes.get(at..)?, word)
        && bytes.get(after).is_some_and(|&b| ends_tag_name(b)))
    .then_some(after)
}

fn starts_with_ignore_case(bytes: &[u8], word: &[u8]) -> bool {
    bytes.len() >= word.len() && bytes[..word.len()].eq_ignore_ascii_case(word)
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

/// A tag or attribute name, lowercased as the tokenizer does (ASCII letters only).
fn local_name(name: &str) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        LocalName::from(name)
    }
}
