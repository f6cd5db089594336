//! The body: HTML is kept as written; Markdown is converted to HTML (pulldown-cmark, with
//! GitHub's tables, strikethrough and footnotes) so every later stage reads one form.

use pulldown_cmark::{html, Options, Parser};

/// The body as HTML and the form it was written in (`html` or `markdown`).
///
/// Crawled posts often carry HTML under a `.md` name, so the content decides: a body whose
/// first non-blank character opens a tag is HTML, unless some line of it starts the way only
/// Markdown does (a Markdown article may well open with a `<figure>`).
pub(crate) fn to_html(body: &str, extension: Option<&str>) -> (String, &'static str) {
    let trimmed = body.trim();
    let is_html = matches!(extension, Some("html" | "htm"))
        || (trimmed.starts_with('<') && !has_markdown_lines(trimmed));
    if is_html {
        return (trimmed.to_owned(), "html");
    }
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut out = String::with_capacity(trimmed.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(trimmed, options));
    (out.trim_end().to_owned(), "markdown")
}

fn has_markdown_lines(body: &str) -> bool {
    const MARKERS: &[&str] = &[
        "# ", "## ", "### ", "![", "> ", "```", "| ", "- ", "* ", "1. ",
    ];
    // Every post body goes through here: find line starts with memchr rather than `lines()`.
    let bytes = body.as_bytes();
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
        .any(|start| {
            let line = body[start..].trim_start_matches([' ', '\t']);
            MARKERS.iter().any(|m| line.starts_with(m))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_bodies_are_kept() {
        let (html, form) = to_html("\n<div>   \n<p>a</p>  \n</div>\n   ", Some("md"));
        assert_eq!(form, "html");
        assert_eq!(html, "<div>   \n<p>a</p>  \n</div>");
    }

    #[test]
    fn markdown_that_opens_with_html_is_still_markdown() {
        let (html, form) = to_html(
            "<figure><img src=\"a.png\"><figcaption>图</figcaption></figure>\n\n## 小标题\n\n正文",
            Some("md"),
        );
        assert_eq!(form, "markdown");
        assert!(html.contains("<h2>小标题</h2>"), "{html}");
    }

    #[test]
    fn markdown_becomes_html() {
        let (html, form) = to_html(
            "## 小标题\n\n一段 **加粗** 文字。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            Some("md"),
        );
        assert_eq!(form, "markdown");
        assert!(html.starts_with("<h2>小标题</h2>"), "{html}");
        assert!(html.contains("<strong>加粗</strong>"));
        assert!(html.contains("<table>"));
    }
}
