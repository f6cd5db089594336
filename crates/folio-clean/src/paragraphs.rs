//! The end of a paragraph: what its collected runs turn out to be. In order: text a drop-text
//! rule removes, credit lines (whole, closing it after a line break, or bracketed at its end),
//! a sub-heading (wholly bold and centred, as Sina marks them), the caption of the image just
//! before it (centred), else a paragraph.

use folio_model::{Block, Inline};

use crate::blocks::Builder;
use crate::credits;
use crate::inlines::plain;

/// A wholly bold, centred line longer than this is an emphasised paragraph, not a heading.
const HEADING_MAX_CHARS: usize = 60;
/// A centred line after an image longer than this is text, not its caption.
const CAPTION_MAX_CHARS: usize = 100;

impl Builder<'_> {
    /// Ends the current paragraph and decides what it is.
    pub(crate) fn flush(&mut self) {
        if self.inline_only {
            self.runs.line_break();
            return;
        }
        let mut runs = self.runs.take();
        if runs.is_empty() {
            return;
        }
        let text = plain(&runs);
        if self.dropped_text(&text) || self.credit_lines(&text) {
            return;
        }
        let text = match self.trailing_credit(&mut runs, &text) {
            Some(rest) => rest,
            None => text,
        };
        if runs.is_empty() {
            return;
        }
        self.paragraph(runs, text);
    }

    fn paragraph(&mut self, mut runs: Vec<Inline>, text: String) {
        let chars = text.chars().count();
        let single_line = !text.contains('\n');
        if self.centred && single_line && chars <= HEADING_MAX_CHARS && wholly_bold(&runs) {
            self.out.blocks.push(Block::Heading { level: 2, text });
            return;
        }
        if self.centred && single_line && chars <= CAPTION_MAX_CHARS {
            if let Some(Block::Image {
                caption: slot @ None,
                ..
            }) = self.out.blocks.last_mut()
            {
                *slot = Some(text);
                return;
            }
        }
        if let Some(letter) = self.drop_cap_before(&text) {
            // The letter set large before the paragraph's block is the start of its first word.
            self.out.blocks.pop();
            match runs.first_mut() {
                Some(first) if first.href.is_none() => first.text.insert(0, letter),
                _ => runs.insert(0, Inline::plain(letter)),
            }
        }
        self.out.blocks.push(Block::Paragraph { inlines: runs });
    }

    /// A drop cap written outside the paragraph it opens (`<span class=dropcap>T</span><p>urkey
    /// and…`): the paragraph just before is one capital letter alone, and `text` goes on in
    /// lower case.
    fn drop_cap_before(&self, text: &str) -> Option<char> {
        if !text.starts_with(char::is_lowercase) {
            return None;
        }
        let Some(Block::Paragraph { inlines }) = self.out.blocks.last() else {
            return None;
        };
        let [only] = inlines.as_slice() else {
            return None;
        };
        let mut chars = only.text.chars();
        let letter = chars.next().filter(|c| c.is_uppercase())?;
        chars.next().is_none().then_some(letter)
    }

    /// Whether a drop-text rule removes this text (noted for `--explain`).
    pub(crate) fn dropped_text(&mut self, text: &str) -> bool {
        let Some(rule) = self.ctx.active.dropping_text(text) else {
            return false;
        };
        let rule = format!("text {rule}");
        self.note(&rule, text);
        true
    }

    /// A paragraph whose every line is a credit line leaves the text for `credits`.
    pub(crate) fn credit_lines(&mut self, text: &str) -> bool {
        let matcher = &self.ctx.active.credits;
        let mut found = Vec::new();
        for line in text.split('\n') {
            match matcher.parse_line(line) {
                Some(credits) => found.push((line, credits)),
                None => return false,
            }
        }
        for (line, credits) in found {
            self.take_credits(line, credits);
        }
        true
    }

    /// Credits closing a paragraph leave it: lines after its last line breaks (a caption's
    /// "…\nQuelle: THW", a public account's "…\n编辑|李小明\n扫描下方二维码关注我们", the lines a
    /// drop-text rule removes among them) and a bracketed credit ("…完。（记者 张三）").
    /// Returns the text that remains when one was cut (with no runs left when the line that
    /// remains is of the same kind).
    fn trailing_credit(&mut self, runs: &mut Vec<Inline>, text: &str) -> Option<String> {
        let mut rest: Option<String> = None;
        // The credit lines cut, the last first.
        let mut cut = Vec::new();
        while let Some((before, credits)) =
            self.trailing_credit_line(runs, rest.as_deref().unwrap_or(text))
        {
            cut.extend(credits);
            rest = Some(before);
        }
        let rest = match rest {
            Some(rest) if self.dropped_text(&rest) || self.credit_lines(&rest) => {
                runs.clear();
                Some(rest)
            }
            Some(rest) => Some(self.bracketed_credit(runs, &rest).unwrap_or(rest)),
            None => self.bracketed_credit(runs, text),
        };
        for (line, credits) in cut.into_iter().rev() {
            self.take_credits(&line, credits);
        }
        rest
    }

    /// The last line of `text`, when it is a credit line or a line a drop-text rule removes
    /// after other text, leaves it: the text before it, and the line's credits.
    fn trailing_credit_line(
        &mut self,
        runs: &mut Vec<Inline>,
        text: &str,
    ) -> Option<(String, Option<(String, credits::Found)>)> {
        let body = text.trim_end();
        let at = body.rfind('\n')?;
        let before = body[..at].trim_end();
        if before.is_empty() {
            return None;
        }
        let line = &body[at + 1..];
        let credits = match self.ctx.active.credits.parse_line(line) {
            Some(credits) => Some((line.to_owned(), credits)),
            None if self.dropped_text(line) => None,
            None => return None,
        };
        cut_runs(runs, text.len() - before.len());
        Some((before.to_owned(), credits))
    }

    fn bracketed_credit(&mut self, runs: &mut Vec<Inline>, text: &str) -> Option<String> {
        let (start, credits) = self.ctx.active.credits.closing_credit(text, false)?;
        let before = text[..start].trim_end();
        self.take_credits(text[start..].trim_end(), credits);
        cut_runs(runs, text.len() - before.len());
        Some(before.to_owned())
    }

    pub(crate) fn take_credits(&mut self, line: &str, found: credits::Found) {
        let rule = match found.first() {
            Some((role, _)) => format!("credit {role}"),
            None => "credit".to_owned(),
        };
        self.note(&rule, line);
        if let Some(title) = credits::add(&mut self.out.credits, found) {
            self.out.original_title.get_or_insert(title);
        }
    }
}

/// Removes the last `bytes` bytes of text from the runs (and then any trailing white space).
fn cut_runs(runs: &mut Vec<Inline>, mut bytes: usize) {
    while bytes > 0 {
        let Some(last) = runs.last_mut() else {
            return;
        };
        if last.text.len() <= bytes {
            bytes -= last.text.len();
            runs.pop();
        } else {
            let mut keep = last.text.len() - bytes;
            while !last.text.is_char_boundary(keep) {
                keep -= 1;
            }
            last.text.truncate(keep);
            bytes = 0;
        }
    }
    while let Some(last) = runs.last_mut() {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
        if !last.text.is_empty() {
            break;
        }
        runs.pop();
    }
}

fn wholly_bold(runs: &[Inline]) -> bool {
    let mut visible = runs.iter().filter(|r| !r.text.trim().is_empty()).peekable();
    visible.peek().is_some() && visible.all(|r| r.strong)
}

#[cfg(test)]
mod tests {
    use folio_model::Record;

    fn text_of(html: &str) -> String {
        let record = Record {
            html: Some(html.into()),
            ..Record::default()
        };
        crate::builtin_article(&record).unwrap().text
    }

    #[test]
    fn a_drop_cap_set_before_its_paragraph_joins_it() {
        assert_eq!(
            text_of("<div><span class=cap>W</span><p>inter came early to the hills.</p></div>"),
            "Winter came early to the hills."
        );
        // A linked first word keeps its link: the letter goes in front of it.
        assert_eq!(
            text_of("<div><span>W</span><p><a href=/w>inter</a> came early.</p></div>"),
            "Winter came early."
        );
        // A capital alone before a paragraph that opens with a capital, or a lower-case letter
        // alone, is left as it is.
        assert_eq!(
            text_of("<p>A</p><p>Second thoughts came later.</p>"),
            "A\n\nSecond thoughts came later."
        );
        assert_eq!(
            text_of("<p>x</p><p>marks the spot.</p>"),
            "x\n\nmarks the spot."
        );
    }
}
