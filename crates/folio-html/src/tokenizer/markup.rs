//! What follows `<!` or `<?` in data: comments, bogus comments, DOCTYPEs and CDATA sections.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Doctype, Token, TokenSink};
use memchr::{memchr, memchr2};

use super::{is_space, Tokenizer, Unsupported};
use crate::raw::starts_with_ignoring_case;

impl<S: TokenSink> Tokenizer<'_, S> {
    /// A comment of whatever follows up to the next `>` (`<?xml …>`, `<!x>`, `</ x>`).
    pub(super) fn bogus_comment(&mut self) {
        let start = self.pos;
        let end = memchr(b'>', &self.bytes()[start..]).map_or(self.input.len(), |k| start + k);
        let data = self.input.subtendril(start as u32, (end - start) as u32);
        self.pos = (end + 1).min(self.input.len());
        self.emit(Token::CommentToken(data));
    }

    /// After `<!`.
    pub(super) fn markup_declaration(&mut self) -> Result<(), Unsupported> {
        let rest = &self.bytes()[self.pos..];
        if rest.starts_with(b"--") {
            self.pos += 2;
            return self.comment();
        }
        if starts_with_ignoring_case(rest, b"doctype") {
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
        } else if starts_with_ignoring_case(rest, b"public") {
            true
        } else if starts_with_ignoring_case(rest, b"system") {
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
}
