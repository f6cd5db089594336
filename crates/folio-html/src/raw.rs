//! Script, style and inline SVG bodies emptied, and comments dropped, before a page is
//! parsed. More than half of the bytes of an English news page sit in inline scripts and
//! styles, and a few percent each in drawings and comments; none of it holds article text or
//! metadata, yet the HTML parser reads every byte of it (drawing paths and comments character
//! by character). Emptying them first (the `script`, `style` and `svg` tags stay, so the tree
//! has the same shape) spares the parser that work.
//!
//! The scan reads the page the way the HTML tokenizer does where it matters: comments end at
//! `-->` or `--!>` (`<!-->` and `<!--->` are empty ones), the text of `<title>`, `<textarea>`,
//! `<noscript>` and the other raw-text elements is passed over (a `<script>` or `<!--`
//! written there is text), a tag ends at the first `>` outside a quoted attribute value, and
//! a script ends where browsers end it, escaped `<!-- … <script> … </script> … -->` runs
//! included.
//!
//! The scanning helpers are public for readers of a page's head that work the same way
//! (folio-extract reduces the head to its title with them).

use std::borrow::Cow;

/// `html` with the body of every `<script>`, `<style>` and `<svg>` element removed (the tags
/// kept) and every comment dropped. `keep` sees a start tag (`<script type=…>`) and keeps that
/// element's body when it says so (JSON-LD metadata). Borrows `html` when nothing was removed.
pub fn empty_scripts_and_comments<'a>(html: &'a str, keep: impl Fn(&str) -> bool) -> Cow<'a, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    // `html[..copied]` is accounted for: written to `out`, or cut.
    let mut copied = 0;
    let cut = |out: &mut String, copied: &mut usize, from: usize, to: usize| {
        if out.is_empty() {
            out.reserve(html.len());
        }
        out.push_str(&html[*copied..from]);
        *copied = to;
    };
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        if bytes[lt..].starts_with(b"<!--") {
            at = comment_end(bytes, lt);
            cut(&mut out, &mut copied, lt, at);
            continue;
        }
        if opens(&bytes[lt..], "svg") {
            let body = tag_end(bytes, lt + 4);
            let self_closing = bytes[..body].ends_with(b"/>");
            at = if self_closing {
                body
            } else {
                svg_end(bytes, body)
            };
            if at > body {
                cut(&mut out, &mut copied, body, at);
            }
            continue;
        }
        let Some(name) = raw_text_start(&bytes[lt..]) else {
            at = lt + 1;
            continue;
        };
        let body = tag_end(bytes, lt + 1 + name.len());
        let close = match name {
            "script" => script_end(bytes, body),
            _ => closing(bytes, body, name),
        };
        let emptied = matches!(name, "script" | "style");
        if emptied && close > body && !keep(&html[lt..body]) {
            cut(&mut out, &mut copied, body, close);
        }
        at = close;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Elements whose content the tokenizer reads as text up to their end tag (`plaintext` has
/// none: it runs to the end of the page).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "noscript",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The raw-text element whose start tag opens `rest`, if any. The first letter is looked at
/// before any name is compared: most `<` in a page open other tags.
fn raw_text_start(rest: &[u8]) -> Option<&'static str> {
    let first = rest.get(1)?.to_ascii_lowercase();
    if !matches!(first, b's' | b't' | b'n' | b'x' | b'i' | b'p') {
        return None;
    }
    RAW_TEXT
        .iter()
        .copied()
        .find(|name| name.as_bytes()[0] == first && opens(rest, name))
}

/// A `<script>` start tag of JSON-LD metadata (`type="application/ld+json"`).
pub fn is_json_ld(start_tag: &str) -> bool {
    contains_ignoring_case(start_tag, "ld+json")
}

/// Whether `bytes` start with `word`, ASCII letters in any case.
#[inline]
pub fn starts_with_ignoring_case(bytes: &[u8], word: &[u8]) -> bool {
    bytes.len() >= word.len() && bytes[..word.len()].eq_ignore_ascii_case(word)
}

/// Whether `text` holds `word`, ASCII letters in any case.
#[inline]
pub fn contains_ignoring_case(text: &str, word: &str) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether `rest` opens with the start tag `<name` (any case) followed by a delimiter.
pub fn opens(rest: &[u8], name: &str) -> bool {
    rest.len() > name.len() + 1
        && rest[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        && is_delimiter(rest[name.len() + 1])
}

/// Whether `rest` opens with the end tag `</name` (any case) followed by a delimiter or the
/// end of the page.
pub fn ends(rest: &[u8], name: &str) -> bool {
    rest.len() >= name.len() + 2
        && rest[1] == b'/'
        && rest[2..name.len() + 2].eq_ignore_ascii_case(name.as_bytes())
        && rest.get(name.len() + 2).is_none_or(|&b| is_delimiter(b))
}

fn is_delimiter(byte: u8) -> bool {
    byte.is_ascii_whitespace() || byte == b'/' || byte == b'>'
}

/// Index just past the `>` that ends the tag whose attributes start at `from`; a `>` inside
/// a quoted value does not end it.
pub fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return i + 1,
            b'=' => after_equals = true,
            quote @ (b'"' | b'\'') if after_equals => {
                i = memchr::memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |q| i + 1 + q);
                after_equals = false;
            }
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    bytes.len()
}

/// Index of the end tag `</name` at or after `from` (the page's length without one).
pub fn closing(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        if ends(&bytes[lt..], name) {
            return lt;
        }
        at = lt + 1;
    }
    bytes.len()
}

/// Index of the `</script` that ends a script body starting at `from`. Inside an escaped
/// run (`<!--`), a nested `<script>` makes the next `</script>` part of the text; `-->`
/// closes the run.
fn script_end(bytes: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Data;
    let mut at = from;
    while let Some(offset) = memchr::memchr2(b'<', b'-', &bytes[at..]) {
        let i = at + offset;
        let rest = &bytes[i..];
        at = i + 1;
        if rest.starts_with(b"-->") {
            state = State::Data;
            at = i + 3;
        } else if rest.starts_with(b"<!--") && state == State::Data {
            state = State::Escaped;
            // `<!-->` closes at once: the dashes of the opener count for the closer.
            at = i + 4;
            if bytes.get(at) == Some(&b'>') {
                state = State::Data;
            }
        } else if ends(rest, "script") {
            if state != State::DoubleEscaped {
                return i;
            }
            state = State::Escaped;
        } else if opens(rest, "script") && state == State::Escaped {
            state = State::DoubleEscaped;
        }
    }
    bytes.len()
}

/// Index of the `</svg` that closes an `<svg>` whose content starts at `from`, nested
/// drawings counted (the page's length without one).
fn svg_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 1;
    let mut at = from;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            at = comment_end(bytes, lt);
        } else if opens(rest, "svg") {
            at = tag_end(bytes, lt + 4);
            if !bytes[..at].ends_with(b"/>") {
                depth += 1;
            }
        } else if ends(rest, "svg") {
            depth -= 1;
            if depth == 0 {
                return lt;
            }
            at = lt + 1;
        } else {
            at = lt + 1;
        }
    }
    bytes.len()
}

/// Where the comment opening at `lt` (`<!--`) ends, as the tokenizer ends it: after `-->`
/// or `--!>`, right away for `<!-->` and `<!--->`, and at the end of the page when unclosed.
pub fn comment_end(bytes: &[u8], lt: usize) -> usize {
    let rest = &bytes[lt + 4..];
    if rest.starts_with(b">") {
        return lt + 5;
    }
    if rest.starts_with(b"->") {
        return lt + 6;
    }
    // One forward scan for `--`: looking for `-->` and `--!>` separately would read the rest
    // of the page once per comment when the rarer one is absent.
    let mut at = lt + 4;
    while let Some(dashes) = find(bytes, at, b"--") {
        match &bytes[dashes + 2..] {
            [b'>', ..] => return dashes + 3,
            [b'!', b'>', ..] => return dashes + 4,
            _ => at = dashes + 1,
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emptied(html: &str) -> String {
        empty_scripts_and_comments(html, |tag| tag.contains("ld+json")).into_owned()
    }

    #[test]
    fn script_and_style_bodies_go_the_tags_stay() {
        assert_eq!(
            emptied("<p>a</p><SCRIPT src='x>y'>var s = '<p>';</SCRIPT ><style>p{}</style>b"),
            "<p>a</p><SCRIPT src='x>y'></SCRIPT ><style></style>b"
        );
        assert_eq!(
            emptied(r#"<script type="application/ld+json">{"a":1}</script>"#),
            r#"<script type="application/ld+json">{"a":1}</script>"#
        );
        assert!(matches!(
            empty_scripts_and_comments("<p>plain</p><scripts>", |_| false),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn scripts_end_where_the_tokenizer_ends_them() {
        let html = "<script><!-- document.write('<script>x()</script>'); --></script><p>after</p>";
        assert_eq!(emptied(html), "<script></script><p>after</p>");
        let escaped = "<script><!-- a </script><p>b</p>";
        assert_eq!(emptied(escaped), "<script></script><p>b</p>");
        assert_eq!(emptied("<script>never closed"), "<script>");
    }

    #[test]
    fn comments_and_text_elements_hide_script_tags() {
        let html =
            "<!-- <script> --><title>a <script> b</title><textarea><style></textarea><p>c</p>";
        assert_eq!(
            emptied(html),
            "<title>a <script> b</title><textarea><style></textarea><p>c</p>"
        );
        let text = "<title>a <!-- b --></title><textarea><!-- c --></textarea>";
        assert_eq!(emptied(text), text);
    }

    #[test]
    fn comments_end_where_the_tokenizer_ends_them() {
        let cases = [
            ("a<!-- x -->b", "ab"),
            ("a<!-- x --!>b<!-- y -->c", "abc"),
            ("a<!-->b<!--->c<!---->d", "abcd"),
            ("a<!-- -- > still -->b", "ab"),
            ("a<!-- never closed <p>b</p>", "a"),
            (
                "<!--[if lt IE 9]><script src=x></script><![endif]--><p>a</p>",
                "<p>a</p>",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(emptied(html), want, "{html}");
        }
    }

    #[test]
    fn drawings_are_emptied_nested_ones_included() {
        let cases = [
            (
                "<svg viewBox='0 0 1 1'><path d='M0>1'/></svg>b",
                "<svg viewBox='0 0 1 1'></svg>b",
            ),
            (
                "<SVG><svg><g/></svg><text>x</text></SVG >b",
                "<SVG></SVG >b",
            ),
            (
                "<svg/><p>a</p><svg><!-- </svg> --><title>t</title></svg>",
                "<svg/><p>a</p><svg></svg>",
            ),
            ("<svg><path/>", "<svg>"),
            ("<svgx>a</svgx>", "<svgx>a</svgx>"),
        ];
        for (html, want) in cases {
            assert_eq!(emptied(html), want, "{html}");
        }
    }

    /// The text a browser shows is the same with and without the comments.
    #[test]
    fn dropping_comments_keeps_the_parsed_text() {
        let html = "<p>a<!-- x -->b</p><!-->c<!--->d<ul><!-- y --!><li>e</li></ul>";
        let text = |h: &str| {
            scraper::Html::parse_fragment(h)
                .root_element()
                .text()
                .collect::<String>()
        };
        assert_eq!(text(&emptied(html)), text(html));
    }
}
