//! Page bytes to text, the way browsers do it: a BOM first, then the charset the HTTP
//! `Content-Type` declares (when the input carries one), then the `<meta charset>` or
//! `http-equiv` declaration in the first bytes, then detection by chardetng. GB2312 is read as
//! GBK/GB18030, as browsers do (encoding_rs follows the WHATWG Encoding Standard).
//!
//! One deliberate difference: bytes that are valid UTF-8 and not plain ASCII are read as
//! UTF-8 whatever the page declares. Crawlers often save pages re-encoded as UTF-8 with the
//! old `<meta charset=gbk>` left in place, and real GBK text is practically never valid UTF-8.

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;

/// How many leading bytes are searched for a `<meta>` declaration (browsers use 1024; saved
/// pages often carry long comments or scripts first).
const PRESCAN: usize = 8192;

/// `<meta charset=…>`, `<meta http-equiv content="…; charset=…">`, or an XML declaration's
/// `encoding="…"` (XHTML pages).
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)|<\?xml[^>]*?encoding\s*=\s*["']?([a-z0-9_\-:.]+)"#)
        .expect("valid regex")
});

/// The offset from UTC of the zone where pages in this encoding are written: GBK, GB18030 and
/// Big5 serve Chinese alone (UTC+8), Shift_JIS, EUC-JP and ISO-2022-JP Japanese and EUC-KR
/// Korean (UTC+9); no single zone for other encodings.
pub(crate) fn zone_of(encoding: &'static Encoding) -> Option<i32> {
    if encoding == encoding_rs::GBK
        || encoding == encoding_rs::GB18030
        || encoding == encoding_rs::BIG5
    {
        Some(crate::page::BEIJING)
    } else if encoding == encoding_rs::SHIFT_JIS
        || encoding == encoding_rs::EUC_JP
        || encoding == encoding_rs::ISO_2022_JP
        || encoding == encoding_rs::EUC_KR
    {
        Some(crate::page::TOKYO_SEOUL)
    } else {
        None
    }
}

/// The decoded text and the encoding it was decoded from.
pub(crate) fn decode_page(
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
) -> (String, &'static Encoding) {
    let encoding = sniff(bytes, content_type, url);
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding)
}

/// As [`decode_page`], taking the bytes: a page in UTF-8 without a byte order mark (most
/// pages) becomes the text itself, not a copy of it. Any other page's bytes come back, left
/// as they were, beside the text.
pub(crate) fn decode_owned_page(
    bytes: Vec<u8>,
    content_type: Option<&str>,
    url: Option<&str>,
) -> (String, &'static Encoding, Option<Vec<u8>>) {
    let encoding = sniff(&bytes, content_type, url);
    let valid = || simdutf8::basic::from_utf8(&bytes).is_ok();
    if encoding == UTF_8 && !bytes.starts_with(b"\xEF\xBB\xBF") && valid() {
        // SAFETY: the bytes were just found to be UTF-8 (by simdutf8, several times faster
        // on a page than `String::from_utf8`'s own check).
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        return (text, encoding, None);
    }
    let (text, _, _) = encoding.decode(&bytes);
    (text.into_owned(), encoding, Some(bytes))
}

fn sniff(bytes: &[u8], content_type: Option<&str>, url: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    if !bytes.is_ascii() && simdutf8::basic::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    if let Some(encoding) = content_type.and_then(charset_param).and_then(label) {
        return encoding;
    }
    if let Some(encoding) = declared(&bytes[..bytes.len().min(PRESCAN)]) {
        return encoding;
    }
    detect(bytes, url)
}

/// `text/html; charset=gbk` → `gbk`.
fn charset_param(content_type: &str) -> Option<&str> {
    let lower_at = content_type.to_ascii_lowercase().find("charset=")?;
    let value = &content_type[lower_at + "charset=".len()..];
    let value = value.trim_start_matches(['"', '\'']);
    let end = value.find([';', '"', '\'', ' ']).unwrap_or(value.len());
    Some(&value[..end])
}

fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let caps = META_CHARSET.captures(head)?;
    let name = std::str::from_utf8(caps.get(1).or(caps.get(2))?.as_bytes()).ok()?;
    label(name)
}

/// An encoding label; a page that declares UTF-16 in ASCII bytes is really ASCII-compatible,
/// so such a declaration means UTF-8 (as the HTML standard says).
fn label(name: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(name.trim().as_bytes())?;
    Some(
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            encoding.output_encoding()
        },
    )
}

/// How much of an undeclared page detection reads: its verdict settles long before, and
/// detection was a quarter of folio-parse's time on such pages when fed whole pages.
const DETECT: usize = 32 * 1024;

/// Detection also stops, at the end of a chunk, once it has seen this many non-ASCII bytes
/// (about 250 Chinese characters): chardetng reads ASCII at gigabytes a second but text in a
/// legacy encoding at some 5 MB/s, and was a fifth of folio-parse's time on Chinese pages;
/// its verdict on every page of the shared sets is the same as with twice as much text.
const DETECT_NON_ASCII: usize = 512;
/// Detection reads in chunks this long, and leaves out those of ASCII alone (below).
const DETECT_CHUNK: usize = 64;

fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    let mut non_ascii = 0;
    let mut chunks = bytes[..bytes.len().min(DETECT)]
        .chunks(DETECT_CHUNK)
        .peekable();
    while let Some(chunk) = chunks.next() {
        let chunk_non_ascii = chunk.iter().filter(|b| !b.is_ascii()).count();
        non_ascii += chunk_non_ascii;
        let last = non_ascii >= DETECT_NON_ASCII || chunks.peek().is_none();
        // Once chardetng has met a non-ASCII byte it runs every byte, ASCII too, through each
        // of its two dozen candidates: some 800 instructions a byte. Scripts and markup
        // between the text tell it nothing, so a chunk of ASCII alone is left out.
        if chunk_non_ascii == 0 && non_ascii > 0 && !last {
            continue;
        }
        detector.feed(chunk, last);
        if last {
            break;
        }
    }
    let tld = url.and_then(top_level_domain);
    let guess = detector.guess(tld.as_deref().map(str::as_bytes), true);
    // chardetng rules out an encoding at its first invalid sequence, so one stray byte in a
    // long GBK page makes it fall back to windows-1252 and the page turns to mojibake. Take
    // GBK when it reads nearly all of the non-ASCII bytes.
    if guess == encoding_rs::WINDOWS_1252
        && mostly_valid(encoding_rs::GBK, &bytes[..bytes.len().min(DETECT)])
    {
        return encoding_rs::GBK;
    }
    guess
}

/// Whether `encoding` decodes `bytes` with malformed sequences in under 1% of the non-ASCII
/// bytes (and there are enough of those to judge).
fn mostly_valid(encoding: &'static Encoding, bytes: &[u8]) -> bool {
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii < 64 {
        return false;
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let errors = text
        .chars()
        .filter(|c| *c == char::REPLACEMENT_CHARACTER)
        .count();
    errors * 100 < non_ascii
}

fn top_level_domain(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    host.rsplit('.').next().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, name: &str) -> Vec<u8> {
        let encoding = Encoding::for_label(name.as_bytes()).unwrap();
        encoding.encode(text).0.into_owned()
    }

    #[test]
    fn declared_meta_charset_wins_over_detection() {
        let page = format!(
            "<html><head><meta charset=\"gb2312\"></head><body>{}</body></html>",
            "新闻正文"
        );
        let bytes = encode(&page, "gbk");
        let (text, encoding) = decode_page(&bytes, None, None);
        assert_eq!(encoding.name(), "GBK");
        assert!(text.contains("新闻正文"));
    }

    #[test]
    fn http_equiv_and_content_type() {
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\"><p>臺灣新聞報導</p>";
        let bytes = encode(page, "big5");
        assert_eq!(decode_page(&bytes, None, None).1.name(), "Big5");
        let bare = encode("<p>日本のニュース記事です</p>", "shift_jis");
        assert_eq!(
            decode_page(&bare, Some("text/html; charset=Shift_JIS"), None)
                .1
                .name(),
            "Shift_JIS"
        );
    }

    #[test]
    fn xml_declarations_name_the_encoding() {
        let page = "<?xml version=\"1.0\" encoding=\"gb2312\"?><html><body><p>可扩展超文本页面</p></body></html>";
        assert_eq!(
            decode_page(&encode(page, "gbk"), None, None).1.name(),
            "GBK"
        );
    }

    #[test]
    fn valid_utf8_beats_a_stale_declaration() {
        let page = "<meta charset=gbk><p>已经转成 UTF-8 的页面</p>";
        let (text, encoding) = decode_page(page.as_bytes(), None, None);
        assert_eq!(encoding, UTF_8);
        assert!(text.contains("已经转成"));
    }

    #[test]
    fn undeclared_bytes_are_detected() {
        let text = "<html><body><p>".to_owned()
            + &"这是一段没有声明编码的中文新闻，记者在现场看到了很多人。".repeat(8)
            + "</p></body></html>";
        let bytes = encode(&text, "gbk");
        let (decoded, encoding) = decode_page(&bytes, None, Some("http://news.example.cn/a.html"));
        assert_eq!(encoding.name(), "GBK");
        assert_eq!(decoded, text);
    }

    #[test]
    fn detection_reads_a_sample_and_the_whole_page_is_decoded() {
        let text = "<html><body>".to_owned()
            + &"<div class=\"para\"><p>这是一段很长的中文新闻，记者在现场采访了许多市民。</p></div>\n"
                .repeat(400)
            + "<p>全文完</p></body></html>";
        let bytes = encode(&text, "gbk");
        assert!(bytes.len() > DETECT, "longer than what detection reads");
        let (decoded, encoding) = decode_page(&bytes, None, None);
        assert_eq!(encoding.name(), "GBK");
        assert_eq!(decoded, text);
    }

    #[test]
    fn text_between_long_scripts_is_still_detected() {
        // The title's non-ASCII bytes come first, then kilobytes of script before the text.
        let script = format!(
            "<script>{}</script>\n",
            "var slot = load(1, 'box');".repeat(300)
        );
        for (encoding, words) in [
            ("gbk", "这是一段中文新闻，记者在现场采访了市民。"),
            ("big5", "這是一段中文新聞，記者在現場採訪了市民。"),
            (
                "shift_jis",
                "これは日本語のニュースで、記者が市民に話を聞いた。",
            ),
            ("euc-kr", "이것은 한국어 뉴스이며 기자가 시민들을 취재했다."),
        ] {
            let text = format!(
                "<html><head><title>{words}</title>{script}</head><body>{}</body></html>",
                format!("<p>{words}</p>{script}").repeat(6)
            );
            let (decoded, detected) = decode_page(&encode(&text, encoding), None, None);
            assert_eq!(
                detected,
                Encoding::for_label(encoding.as_bytes()).unwrap(),
                "{encoding}"
            );
            assert_eq!(decoded, text, "{encoding}");
        }
    }

    #[test]
    fn a_stray_byte_does_not_turn_gbk_into_mojibake() {
        let mut bytes = encode(
            &format!("<p>{}</p>", "论坛里的一段很长的中文帖子内容。".repeat(20)),
            "gbk",
        );
        bytes.extend_from_slice(b"<p>\xc7</p>");
        bytes.extend(encode(&"后面还有更多的中文内容。".repeat(10), "gbk"));
        let (text, encoding) = decode_page(&bytes, None, None);
        assert_eq!(encoding.name(), "GBK");
        assert!(text.contains("论坛里的一段很长的中文帖子内容"));
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        let utf8 = "<p>已经是 UTF-8 的页面</p>".as_bytes().to_vec();
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(&utf8);
        let mut declared_but_broken = b"<meta charset=utf-8><p>".to_vec();
        declared_but_broken.extend_from_slice(b"caf\xe9 ");
        let gbk = encode("<meta charset=gbk><p>国内新闻</p>", "gbk");
        let ascii = b"<meta charset=windows-1252><p>plain</p>".to_vec();
        for (bytes, kept) in [
            (utf8, false),
            (with_bom, true),
            (declared_but_broken, true),
            (gbk, true),
            (ascii, true),
        ] {
            let (text, encoding) = decode_page(&bytes, None, None);
            let (owned_text, owned_encoding, original) =
                decode_owned_page(bytes.clone(), None, None);
            assert_eq!((&owned_text, owned_encoding), (&text, encoding));
            // The text is the bytes themselves only for UTF-8 without a byte order mark.
            assert_eq!(original.is_some(), kept, "{text}");
            if let Some(original) = original {
                assert_eq!(original, bytes);
            }
        }
    }

    #[test]
    fn content_type_parameter() {
        assert_eq!(charset_param("text/html; Charset=\"GBK\""), Some("GBK"));
        assert_eq!(charset_param("text/html"), None);
    }
}
