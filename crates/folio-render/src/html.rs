//! Blocks to HTML, and the standalone page around them. The markup is built here from
//! escaped text and checked addresses only; nothing from the input is copied as markup.
//! The page carries a Content-Security-Policy that forbids scripts as a second line of defence.

use folio_model::{Block, Inline, Record};

use crate::escape::html as esc;
use crate::url::{safe_url, UrlUse};

/// The page's own style: readable measure and type, light and dark colour schemes.
pub const CSS: &str = "\
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fdfdfc;--muted:#59636e;--link:#0b5cad;--rule:#d0d7de;--code:#f3f4f6}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--link:#6cb6ff;--rule:#3d444d;--code:#161b22}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:44rem;padding:2rem 1.25rem 4rem;background:var(--bg);color:var(--fg);\
font:1.0625rem/1.8 system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif}
h1{font-size:1.9rem;line-height:1.3;margin:0 0 .5rem}
h2,h3,h4,h5,h6{line-height:1.35;margin:2rem 0 .75rem}
a{color:var(--link)}
.meta,.source,figcaption{color:var(--muted);font-size:.9rem}
figure{margin:1.5rem 0}
img{display:block;max-width:100%;height:auto;margin:0 auto}
figcaption{text-align:center;margin-top:.5rem}
blockquote{margin:1.25rem 0;padding:0 1rem;border-left:.25rem solid var(--rule);color:var(--muted)}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:var(--code)}
pre{padding:.75rem 1rem;overflow-x:auto}
table{border-collapse:collapse;display:block;overflow-x:auto}
th,td{border:1px solid var(--rule);padding:.3rem .6rem}
hr{border:0;border-top:1px solid var(--rule);margin:2rem 0}
article+article{border-top:1px solid var(--rule);margin-top:3rem;padding-top:2rem}
ul.index{list-style:none;padding:0}ul.index li{margin:.4rem 0}ul.index time{color:var(--muted);margin-right:.75rem}
";

/// No script may run in a page folio writes, whatever it holds.
const CSP: &str = "default-src 'none'; img-src http: https: file: 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The opening of a standalone page, up to and including `<body>`.
pub fn page_start(title: &str, lang: Option<&str>) -> String {
    let lang = lang
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 16
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(|l| format!(" lang=\"{l}\""))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        esc(title)
    )
}

/// The end of a standalone page.
pub const PAGE_END: &str = "</body>\n</html>\n";

/// One record as a standalone page.
pub fn page(record: &Record, body: &[Block]) -> String {
    let mut out = page_start(
        record.title.as_deref().unwrap_or(""),
        record.lang.as_deref(),
    );
    out.push_str(&article(record, body));
    out.push_str(PAGE_END);
    out
}

/// One record as an `<article>`: title, date, author and categories, body, source link.
pub fn article(record: &Record, body: &[Block]) -> String {
    let mut out = String::from("<article>\n<header>\n");
    if let Some(title) = record.title.as_deref() {
        out.push_str(&format!("<h1>{}</h1>\n", esc(title)));
    }
    let mut meta = Vec::new();
    if let Some(date) = record.date {
        meta.push(format!(
            "<time datetime=\"{}\">{}</time>",
            date.to_rfc3339(),
            date.format("%Y-%m-%d %H:%M")
        ));
    }
    if let Some(author) = record.author.as_deref() {
        meta.push(format!("<span class=\"author\">{}</span>", esc(author)));
    }
    if !record.categories.is_empty() {
        let names: Vec<String> = record.categories.iter().map(|c| esc(c)).collect();
        meta.push(format!(
            "<span class=\"categories\">{}</span>",
            names.join(" / ")
        ));
    }
    if !meta.is_empty() {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    }
    out.push_str("</header>\n");
    out.push_str(&blocks(body));
    if let Some(url) = record
        .url
        .as_deref()
        .and_then(|u| safe_url(u, UrlUse::Link))
    {
        let url = esc(&url);
        out.push_str(&format!(
            "<footer><p class=\"source\"><a href=\"{url}\">{url}</a></p></footer>\n"
        ));
    }
    out.push_str("</article>\n");
    out
}

/// The body blocks as an HTML fragment, one element per line.
pub fn blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        let html = one_block(block);
        if !html.is_empty() {
            out.push_str(&html);
            out.push('\n');
        }
    }
    out
}

fn one_block(block: &Block) -> String {
    match block {
        Block::Heading { level, text } => {
            let level = (*level).clamp(1, 6);
            format!("<h{level}>{}</h{level}>", esc(text))
        }
        Block::Paragraph { inlines: runs } => {
            let text = inlines(runs);
            if text.is_empty() {
                return text;
            }
            format!("<p>{text}</p>")
        }
        Block::Image { src, alt, caption } => image(src, alt, caption.as_deref()),
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let items: String = items
                .iter()
                .map(|i| format!("<li>{}</li>\n", inlines(i)))
                .collect();
            format!("<{tag}>\n{items}</{tag}>")
        }
        Block::Quote { blocks: inner } => format!("<blockquote>\n{}</blockquote>", blocks(inner)),
        Block::Table { rows, header } => table(rows, *header),
        Block::Code { text, .. } => format!(
            "<pre><code>{}</code></pre>",
            esc(text.trim_end_matches('\n'))
        ),
        Block::Rule => "<hr>".to_owned(),
    }
}

/// Runs of text with their marks; an address that is not safe leaves its text unlinked.
pub fn inlines(runs: &[Inline]) -> String {
    let mut out = String::new();
    for run in runs {
        let mut text = esc(&run.text).replace('\n', "<br>\n");
        if run.code {
            text = format!("<code>{text}</code>");
        }
        if run.em {
            text = format!("<em>{text}</em>");
        }
        if run.strong {
            text = format!("<strong>{text}</strong>");
        }
        if let Some(url) = run.href.as_deref().and_then(|h| safe_url(h, UrlUse::Link)) {
            text = format!("<a href=\"{}\">{text}</a>", esc(&url));
        }
        out.push_str(&text);
    }
    out.trim_end_matches("<br>\n").to_owned()
}

fn image(src: &str, alt: &str, caption: Option<&str>) -> String {
    let caption = caption.map(str::trim).filter(|c| !c.is_empty());
    let Some(url) = safe_url(src, UrlUse::Image) else {
        let words = caption.unwrap_or(alt).trim();
        return if words.is_empty() {
            String::new()
        } else {
            format!("<p>{}</p>", esc(words))
        };
    };
    let caption = caption
        .map(|c| {
            format!(
                "\n<figcaption>{}</figcaption>",
                esc(c).replace('\n', "<br>")
            )
        })
        .unwrap_or_default();
    format!(
        "<figure>\n<img src=\"{}\" alt=\"{}\">{caption}\n</figure>",
        esc(&url),
        esc(alt)
    )
}

/// A table; with `header`, the first row is a header row.
pub fn table(rows: &[Vec<String>], header: bool) -> String {
    let mut out = String::from("<table>\n");
    for (n, row) in rows.iter().enumerate() {
        let tag = if header && n == 0 { "th" } else { "td" };
        let cells: String = row
            .iter()
            .map(|c| format!("<{tag}>{}</{tag}>", esc(c)))
            .collect();
        out.push_str(&format!("<tr>{cells}</tr>\n"));
    }
    out.push_str("</table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_bad_addresses_dropped() {
        let runs = vec![
            Inline {
                text: "<script>alert(1)</script>".into(),
                strong: true,
                ..Inline::default()
            },
            Inline {
                text: "x".into(),
                href: Some("javascript:alert(1)".into()),
                ..Inline::default()
            },
            Inline {
                text: "y\"".into(),
                href: Some("https://a.cn/?a=1&b=\"2".into()),
                ..Inline::default()
            },
        ];
        assert_eq!(
            inlines(&runs),
            "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>x<a href=\"https://a.cn/?a=1&amp;b=&quot;2\">y&quot;</a>"
        );
        assert_eq!(image("data:image/png,xx", "", Some("说明")), "<p>说明</p>");
    }

    #[test]
    fn page_has_title_style_and_policy() {
        let record = Record {
            title: Some("标题 <i>".into()),
            lang: Some("zh\"><script>".into()),
            ..Record::default()
        };
        let page = page(&record, &[Block::Rule]);
        assert!(page.starts_with("<!DOCTYPE html>\n<html>\n"), "{page}");
        assert!(page.contains("<title>标题 &lt;i&gt;</title>"));
        assert!(page.contains("<h1>标题 &lt;i&gt;</h1>"));
        assert!(page.contains("prefers-color-scheme:dark"));
        assert!(page.contains("default-src 'none'"));
        assert!(page.ends_with("<hr>\n</article>\n</body>\n</html>\n"));
    }
}
