//! The page as the extractor parses it: scripts, styles, drawings and comments emptied by
//! folio-html's raw scan, then the head reduced to its title ([`head_reduced_to_title`]).

use std::borrow::Cow;

use folio_html::raw::{closing, comment_end, contains_ignoring_case, ends, opens, tag_end};
pub use folio_html::raw::{empty_scripts_and_comments, is_json_ld};

/// The page with its head reduced to its doctype, `<html>` tag, first `<title>`, description
/// `<meta>` tags and JSON-LD scripts, which is all of the head that the extractor reads: on
/// English pages the other `<meta>` and `<link>` tags there are a tenth of what is left once
/// scripts and styles are emptied. The doctype stays because it sets quirks mode, which
/// changes how the body is built.
///
/// Only a head made of head elements is reduced: the doctype, `<html>`, `<head>`, `<meta>`,
/// `<link>`, `<base>`, `<title>`, `<script>`, `<style>`, `<noscript>`, comments and white
/// space, then `<body`. Anything else there (text, a `<div>`) is where the parser starts the
/// body on its own, so such a page is returned as it is.
pub(crate) fn head_reduced_to_title(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut kept: Vec<&str> = Vec::new();
    let mut kept_in_head: Vec<&str> = Vec::new();
    let mut title = None;
    let mut at = 0;
    let body = loop {
        let Some(offset) = memchr::memchr(b'<', &bytes[at..]) else {
            return Cow::Borrowed(html);
        };
        let lt = at + offset;
        if !bytes[at..lt].iter().all(u8::is_ascii_whitespace) {
            return Cow::Borrowed(html);
        }
        let rest = &bytes[lt..];
        if opens(rest, "body") {
            break lt;
        }
        if rest.starts_with(b"<!--") {
            at = comment_end(bytes, lt);
            continue;
        }
        let end = tag_end(bytes, lt + 1);
        if rest.starts_with(b"<!") && opens(&rest[1..], "doctype") || opens(rest, "html") {
            kept.push(&html[lt..end]);
            at = end;
            continue;
        }
        if let Some(name) = ["title", "script", "style", "noscript"]
            .into_iter()
            .find(|name| opens(rest, name))
        {
            let close = closing(bytes, end, name);
            if close == bytes.len() {
                return Cow::Borrowed(html);
            }
            at = tag_end(bytes, close + 2);
            if name == "title" && title.is_none() {
                title = Some(&html[lt..at]);
            } else if name == "script" && is_json_ld(&html[lt..end]) {
                kept_in_head.push(&html[lt..at]);
            }
            continue;
        }
        if opens(rest, "meta") && is_description(&html[lt..end]) {
            kept_in_head.push(&html[lt..end]);
        }
        let head_tag = ["head", "meta", "link", "base"]
            .into_iter()
            .any(|name| opens(rest, name))
            || ends(rest, "head");
        if !head_tag {
            return Cow::Borrowed(html);
        }
        at = end;
    };
    let mut out = String::with_capacity(html.len() - body + 256);
    for tag in kept {
        out.push_str(tag);
    }
    out.push_str("<head>");
    out.push_str(title.unwrap_or(""));
    for tag in kept_in_head {
        out.push_str(tag);
    }
    out.push_str("</head>");
    out.push_str(&html[body..]);
    Cow::Owned(out)
}

/// A `<meta>` tag of the page's description (`description`, `og:description`, …).
fn is_description(tag: &str) -> bool {
    contains_ignoring_case(tag, "description")
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn body_and_title(html: &str) -> (String, String) {
        let doc = scraper::Html::parse_document(html);
        let pick = |css: &str| {
            let selector = scraper::Selector::parse(css).unwrap();
            doc.select(&selector)
                .next()
                .map(|e| e.html())
                .unwrap_or_default()
        };
        (pick("body"), pick("title"))
    }

    #[test]
    fn heads_of_head_elements_are_reduced_to_the_title() {
        let page = "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\
            <title>Harbour traffic | Example</title><!-- a note -->\
            <link rel=stylesheet href=\"a.css?x=1>2\"><script src=a.js></script><style></style>\
            <noscript><img src=p.gif></noscript><base href=/></head>\n\
            <body class=article><p>Lorries queued at the gate.</p></body></html>";
        let reduced = head_reduced_to_title(page);
        assert_eq!(
            reduced,
            "<!DOCTYPE html><html lang=en><head><title>Harbour traffic | Example</title></head>\
             <body class=article><p>Lorries queued at the gate.</p></body></html>"
        );
        assert_eq!(body_and_title(&reduced), body_and_title(page));
        // Without a doctype the page stays in quirks mode, where a table does not close a <p>.
        let quirks = "<html><head><title>t</title><meta name=a content=b></head>\
            <body><p>a<table><tr><td>b</td></tr></table></body></html>";
        assert_eq!(
            body_and_title(&head_reduced_to_title(quirks)),
            body_and_title(quirks)
        );
    }

    #[test]
    fn heads_with_anything_else_are_left_whole() {
        for page in [
            // Text or a body element in the head starts the body there.
            "<html><head><title>t</title>stray text<meta a=b></head><body>x</body></html>",
            "<html><head><div class=banner>Top</div></head><body>x</body></html>",
            // A title left open reads on as text, <body included.
            "<html><head><title>t <body>x</body></html>",
            // No body tag: the parser opens one where it must.
            "<html><head><title>t</title></head><p>x</p></html>",
            "<?xml version=\"1.0\"?><html><head><title>t</title></head><body>x</body></html>",
        ] {
            assert!(
                matches!(head_reduced_to_title(page), Cow::Borrowed(_)),
                "{page}"
            );
        }
    }
}
