//! Character references (`&amp;`, `&#233;`, `&#x4E2D;`), decoded as html5ever decodes them:
//! the longest name in the HTML standard's table, legacy names without `;`, numeric values
//! outside Unicode or in the C1 range replaced.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// What a reference stands for: one or two characters, and where the text after it starts.
#[derive(Debug, PartialEq)]
pub(crate) struct CharRef {
    pub chars: [char; 2],
    pub len: usize,
    pub end: usize,
}

impl CharRef {
    pub fn as_str<'b>(&self, buf: &'b mut [u8; 8]) -> &'b str {
        let first = self.chars[0].encode_utf8(buf).len();
        if self.len == 2 {
            let second = self.chars[1].encode_utf8(&mut buf[first..]).len();
            std::str::from_utf8(&buf[..first + second]).unwrap_or_default()
        } else {
            std::str::from_utf8(&buf[..first]).unwrap_or_default()
        }
    }
}

/// The reference that starts at `at`, just after an `&` of `text`, or `None` when the `&` is
/// a plain character. In an attribute value a legacy name without `;` followed by `=` or a
/// letter or digit (`?a=1&copy=2`) is no reference, as in browsers.
pub(crate) fn decode(text: &str, at: usize, in_attribute: bool) -> Option<CharRef> {
    match text.as_bytes().get(at)? {
        b'#' => numeric(text.as_bytes(), at + 1),
        b if b.is_ascii_alphanumeric() => named(text, at, in_attribute),
        _ => None,
    }
}

fn numeric(bytes: &[u8], mut at: usize) -> Option<CharRef> {
    let base = match bytes.get(at) {
        Some(b'x' | b'X') => {
            at += 1;
            16
        }
        _ => 10,
    };
    let mut value: u32 = 0;
    let mut too_big = false;
    let start = at;
    while let Some(digit) = bytes.get(at).and_then(|&b| (b as char).to_digit(base)) {
        value = value.wrapping_mul(base);
        too_big |= value > 0x10FFFF;
        value = value.wrapping_add(digit);
        at += 1;
    }
    if at == start {
        return None;
    }
    if bytes.get(at) == Some(&b';') {
        at += 1;
    }
    let c = match value {
        _ if too_big || value > 0x10FFFF => '\u{fffd}',
        0 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{fffd}')),
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    };
    Some(CharRef {
        chars: [c, '\0'],
        len: 1,
        end: at,
    })
}

fn named(text: &str, start: usize, in_attribute: bool) -> Option<CharRef> {
    // The table holds every prefix of every name (with (0, 0)), so reading stops at the first
    // character that no name continues with; the longest full name read so far wins.
    let mut read = start;
    let mut best = None;
    for (offset, c) in text[start..].char_indices() {
        let end = start + offset + c.len_utf8();
        read = end;
        match NAMED_ENTITIES.get(&text[start..end]) {
            Some(&(first, second)) => {
                if first != 0 {
                    best = Some((first, second, end));
                }
            }
            None => break,
        }
    }
    let (first, second, end) = best?;
    let ends_in_semicolon = text.as_bytes()[end - 1] == b';';
    let next = (end < read).then(|| text[end..].chars().next()).flatten();
    if in_attribute
        && !ends_in_semicolon
        && next.is_some_and(|c| c == '=' || c.is_ascii_alphanumeric())
    {
        return None;
    }
    Some(CharRef {
        chars: [
            char::from_u32(first).unwrap_or('\u{fffd}'),
            char::from_u32(second).unwrap_or('\0'),
        ],
        len: if second == 0 { 1 } else { 2 },
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(text, in an attribute, what the `&` at 0 gives: its text and where the rest starts)`.
    type Case<'a> = (&'a str, bool, Option<(&'a str, usize)>);

    #[track_caller]
    fn check(cases: &[Case]) {
        for &(text, in_attribute, want) in cases {
            let got = decode(text, 1, in_attribute).map(|r| {
                let mut buf = [0; 8];
                (r.as_str(&mut buf).to_owned(), r.end)
            });
            assert_eq!(got, want.map(|(s, end)| (s.to_owned(), end)), "{text:?}");
        }
    }

    #[test]
    fn names_with_and_without_semicolons() {
        check(&[
            ("&amp;x", false, Some(("&", 5))),
            ("&ampx", false, Some(("&", 4))),
            ("&notit;", false, Some(("¬", 4))),
            ("&notin;", false, Some(("∉", 7))),
            ("&nosuch;", false, None),
            ("& b", false, None),
            ("&NotEqualTilde;", false, Some(("≂\u{338}", 15))),
        ]);
    }

    #[test]
    fn a_legacy_name_in_an_attribute_before_a_letter_or_equals_is_text() {
        check(&[
            ("&copy=2", true, None),
            ("&copyx", true, None),
            ("&copy=2", false, Some(("©", 5))),
            ("&copy;=2", true, Some(("©", 6))),
            ("&copy 2", true, Some(("©", 5))),
        ]);
    }

    #[test]
    fn numbers_decimal_hex_and_out_of_range() {
        check(&[
            ("&#20013;", false, Some(("中", 8))),
            ("&#x4e2d", false, Some(("中", 7))),
            ("&#X4E2D;", false, Some(("中", 8))),
            ("&#150;", false, Some(("–", 6))),
            ("&#0;", false, Some(("\u{fffd}", 4))),
            ("&#xD800;", false, Some(("\u{fffd}", 8))),
            ("&#99999999999;", false, Some(("\u{fffd}", 14))),
            ("&#x;", false, None),
            ("&#;", false, None),
        ]);
    }
}
