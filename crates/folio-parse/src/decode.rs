//! Bytes to text for posts: UTF-8 (a BOM is dropped), or UTF-16 when a BOM says so. Posts
//! in other encodings are refused with the line of the first bad byte rather than guessed.

use std::borrow::Cow;

use crate::ParseError;

pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Set when the bytes were not plain UTF-8.
    pub encoding: Option<&'static str>,
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, ParseError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                return Err(ParseError::new(
                    None,
                    format!("undecodable bytes: invalid {}", encoding.name()),
                ));
            }
            return Ok(Decoded {
                text,
                encoding: Some(encoding.name()),
            });
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Validation is a tenth of folio-parse's time on typical posts: the SIMD validator
    // makes it negligible.
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: None,
        }),
        Err(err) => {
            let at = err.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count();
            Err(ParseError::new(
                Some(line),
                format!("undecodable bytes: not UTF-8 at byte {at}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().text, "abc");
        assert_eq!(decode("中文".as_bytes()).unwrap().text, "中文");
    }

    #[test]
    fn utf16_by_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "标题".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "标题");
        assert_eq!(decoded.encoding, Some("UTF-16LE"));
    }

    #[test]
    fn bad_bytes_name_their_line() {
        let err = decode(b"a\nb\n\xff\xfe").err().unwrap();
        assert_eq!(err.line, Some(3));
        assert!(err.why.contains("not UTF-8 at byte 4"), "{}", err.why);
    }
}
