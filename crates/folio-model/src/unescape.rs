//! The value of a JSON string literal that serde_json has already checked for form.
//!
//! A page's `html` carries an escape every 16 bytes or so (each attribute's quotes), and
//! serde_json decodes escapes one at a time; here the text between them is copied in runs.
//! A test holds the result equal to `serde_json::from_str::<String>` on every escape.

/// The value of `literal` (a JSON string with its quotes, as a `RawValue` holds it), or `None`
/// when it is not one this decoder is sure of (a lone surrogate); the caller then asks
/// serde_json, which reports it.
pub(crate) fn json_string(literal: &str) -> Option<String> {
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let bytes = body.as_bytes();
    // `body[..copied]` is written to `out`. Escapes start with an ASCII backslash, so every
    // run between them is whole characters: copied as text, with nothing to check again
    // (checking the result as bytes cost more than the decoding on Chinese text).
    let mut out = String::with_capacity(body.len());
    let mut copied = 0;
    // memchr finds the backslashes sixteen or thirty-two bytes at a time.
    for i in memchr::memchr_iter(b'\\', bytes) {
        // A backslash inside the escape before it (`\\\\`, `\u005c`) is not an escape.
        if i >= copied {
            copied = unescape_at(body, i, copied, &mut out)?;
        }
    }
    out.push_str(&body[copied..]);
    Some(out)
}

/// Writes `body[copied..i]` and the escape at `i`; returns where the text after it starts.
fn unescape_at(body: &str, i: usize, copied: usize, out: &mut String) -> Option<usize> {
    out.push_str(&body[copied..i]);
    let c = match body.as_bytes().get(i + 1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let (c, used) = unicode_escape(body.get(i + 2..)?)?;
            out.push(c);
            return Some(i + 2 + used);
        }
        _ => return None,
    };
    out.push(c);
    Some(i + 2)
}

/// The character of a `\u` escape whose four hex digits start `rest`, with a low surrogate's
/// `\uXXXX` after a high one; and how many bytes of `rest` it took.
fn unicode_escape(rest: &str) -> Option<(char, usize)> {
    let first = hex4(rest)?;
    match first {
        0xD800..=0xDBFF => {
            let low = hex4(rest.get(4..)?.strip_prefix("\\u")?)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return None;
            }
            let code = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00);
            Some((char::from_u32(code)?, 10))
        }
        0xDC00..=0xDFFF => None,
        _ => Some((char::from_u32(first)?, 4)),
    }
}

fn hex4(text: &str) -> Option<u32> {
    let digits = text.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(literal: &str) {
        let theirs = serde_json::from_str::<String>(literal).ok();
        let ours = json_string(literal);
        // Ours may decline (None) where serde_json fails; where it answers, it agrees.
        match (&ours, &theirs) {
            (Some(o), Some(t)) => assert_eq!(o, t, "{literal}"),
            (Some(o), None) => panic!("{literal}: serde_json fails, ours gives {o:?}"),
            (None, Some(t)) => panic!("{literal}: ours declines, serde_json gives {t:?}"),
            (None, None) => {}
        }
    }

    #[test]
    fn every_escape_reads_as_serde_json_reads_it() {
        for escape in [
            r#"\""#,
            r"\\",
            r"\/",
            r"\b",
            r"\f",
            r"\n",
            r"\r",
            r"\t",
            r"\u0000",
            r"\u001f",
            r"\u00e9",
            r"\u4e2d",
            r"\uFFFF",
            r"\uffff",
            r"\u2028",
            r"\ud83d\ude00",
            r"\uD83D\uDE00",
            r"\udbff\udfff",
            r"\ud800",
            r"\udc00",
            r"\ud800\u0041",
            r"\ud800x",
            r"\ud800\\",
            r"\u12",
            r"\u12g4",
            r"\x",
            r"\ud83d\ude0",
        ] {
            for around in ["", "a", "中文", "<p class=\\\"x\\\">"] {
                same_as_serde(&format!("\"{around}{escape}{around}\""));
                same_as_serde(&format!("\"{escape}{escape}\""));
            }
        }
        same_as_serde(r#""""#);
        same_as_serde(r#""plain text, no escape""#);
    }

    #[test]
    fn random_strings_read_as_serde_json_reads_them() {
        // Strings serde_json writes, and the same with characters written as \u escapes.
        let alphabet: Vec<char> = "ab <>=\"\\/\n\t\r\u{8}\u{c}\u{1}é中😀\u{2028}\u{7f}"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..5000 {
            let len = next(24);
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let literal = serde_json::to_string(&text).unwrap();
            assert_eq!(json_string(&literal).as_deref(), Some(text.as_str()));
            let mut escaped = String::from("\"");
            for c in text.chars() {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    escaped.push_str(&format!("\\u{unit:04x}"));
                }
            }
            escaped.push('"');
            assert_eq!(json_string(&escaped).as_deref(), Some(text.as_str()));
        }
    }
}
