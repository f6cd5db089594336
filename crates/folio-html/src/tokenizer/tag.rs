//! Start and end tags: the name, the attributes with their values (character references
//! decoded), `/>`, and the attributes a tag repeats, which the standard drops.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink};
use html5ever::{ns, Attribute, LocalName, QualName};
use memchr::memchr2;
use std::collections::HashSet;

use super::{append, append_char_ref, ends_tag_name, is_space, Tokenizer};

impl<S: TokenSink> Tokenizer<'_, S> {
    /// A start or end tag whose name starts at `pos`: name, attributes, `/>`. A tag cut off
    /// by the end of the page is dropped, as the standard says.
    pub(super) fn tag(&mut self, kind: TagKind) {
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

/// A tag or attribute name, lowercased as the tokenizer does (ASCII letters only).
fn local_name(name: &str) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        LocalName::from(name)
    }
}
