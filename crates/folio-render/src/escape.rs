//! Escaping, so that text from a record reads back as the same text: HTML/XML text and
//! attributes, and Markdown (CommonMark with GitHub's tables, strikethrough and footnotes).

/// Text for HTML or XML element content and double-quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Characters that mean something to Markdown wherever they stand.
const MARKDOWN_SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#', '{', '}',
];

/// One line of Markdown text: every character that could start markup is escaped, so the
/// line renders to exactly its text.
pub fn markdown_line(line: &str) -> String {
    markdown_part(line, true)
}

/// Like [`markdown_line`] for text that does not start a line (after other text on it, in
/// a table cell or a heading), where list and heading markers mean nothing.
pub fn markdown_part(line: &str, at_line_start: bool) -> String {
    let line = line.trim_matches(|c| c == ' ' || c == '\t');
    let mut out = String::with_capacity(line.len() + 8);
    let mut chars = line.chars().peekable();
    let mut at_start = at_line_start;
    let mut digits = 0;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let escape = MARKDOWN_SPECIAL.contains(&c)
            || (c == '&' && next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'))
            || (at_start && matches!(c, '-' | '+' | '='))
            || (at_start && digits > 0 && matches!(c, '.' | ')'));
        if escape {
            out.push('\\');
        }
        out.push(c);
        if at_start && c.is_ascii_digit() {
            digits += 1;
        } else {
            at_start = false;
        }
    }
    out
}

/// Text that may hold line breaks (`\n`): each line escaped, breaks written as hard breaks.
pub fn markdown_text(text: &str, at_line_start: bool) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(n, line)| markdown_part(line, at_line_start || n > 0))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\\\n")
}

/// A code span holding `text` verbatim.
pub fn markdown_code(text: &str) -> String {
    let text = text.replace('\n', " ");
    let longest = longest_run(&text, '`');
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
    let space = if pad { " " } else { "" };
    format!("{fence}{space}{text}{space}{fence}")
}

/// A link destination that reads back as `url` (already checked by `url::safe_url`).
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for (at, c) in url.char_indices() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            // Escaped so an entity spelled in the address is not decoded into something else.
            '&' if looks_like_entity(&url[at + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after a `&` would read as a character reference (`amp;`, `#58;`).
fn looks_like_entity(rest: &str) -> bool {
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(rest.len());
    name_len > 0 && rest[name_len..].starts_with(';')
}

/// The longest run of `ch` in `text`.
pub fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html::push_html, Options, Parser};

    fn render(markdown: &str) -> String {
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
        let mut out = String::new();
        push_html(&mut out, Parser::new_ext(markdown, options));
        out
    }

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(html("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn escaped_markdown_renders_to_its_text() {
        let cases = [
            "*not em* and _not em_ and **not strong**",
            "# not a heading",
            "- not a list",
            "+ not a list",
            "1. not a list",
            "2022) not a list",
            "> not a quote",
            "[not](a link) ![not](an image)",
            "<b>not html</b> <!-- no comment -->",
            "&amp; &#123; & stays",
            "`not code`",
            "~~not struck~~",
            "a | b | c",
            "[^note] not a footnote",
            "***",
            "===",
            "back\\slash\\",
            "中文**不是粗体**",
            "<https://not.autolink>",
            "{#id} {.class}",
        ];
        for text in cases {
            let rendered = render(&markdown_line(text));
            let expected = format!(
                "<p>{}</p>\n",
                html(text).replace("&#39;", "'").replace("&quot;", "\"")
            );
            assert_eq!(rendered, expected, "{text}");
        }
    }

    #[test]
    fn breaks_are_hard_breaks() {
        assert_eq!(
            render(&markdown_text("一\n- 二", true)),
            "<p>一<br />\n- 二</p>\n"
        );
    }

    #[test]
    fn code_spans_hold_any_text() {
        for text in ["a`b", "``", " x ", "<script>", "*"] {
            let rendered = render(&markdown_code(text));
            let inner = html(text).replace("&#39;", "'").replace("&quot;", "\"");
            assert_eq!(
                rendered,
                format!("<p><code>{inner}</code></p>\n"),
                "{text:?}"
            );
        }
    }
}
