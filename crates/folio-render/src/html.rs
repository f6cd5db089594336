//! Blocks to HTML, and the standalone page around them. The markup is built here from
//! escaped text and checked addresses only; nothing from the input is copied as markup.
//! The page carries a Content-Security-Policy that forbids scripts as a second line of defence.
//! An article's relative addresses are resolved against its `url` or left out, since a saved
//! page would read them from the reader's disk; its credits stand at its foot.

use folio_model::{Block, Inline, Record};

use crate::credits;
use crate::escape::html as esc;
use crate::url::{self, safe_url, UrlUse};

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

/// A link from an article's page back to the index page beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexLink {
    /// The index page's address relative to the article's page (`index.html`,
    /// `../index.html` for a page in a folder).
    pub href: String,
    /// The index page's title, the link's words.
    pub title: String,
}

impl IndexLink {
    /// The link for a page written to `file` (relative to the output folder, `/`-separated)
    /// when the index is `index_file` at the top of that folder.
    pub fn for_file(file: &str, index_file: &str, title: &str) -> IndexLink {
        IndexLink {
            href: format!("{}{index_file}", "../".repeat(file.matches('/').count())),
            title: title.to_owned(),
        }
    }
}

/// One record as a standalone page, with a link back to the index when there is one.
pub fn page(record: &Record, body: &[Block], index: Option<&IndexLink>) -> String {
    let mut out = page_start(
        record.title.as_deref().unwrap_or(""),
        record.lang.as_deref(),
    );
    if let Some(index) = index {
        out.push_str(&format!(
            "<nav><a href=\"{}\">← {}</a></nav>\n",
            esc(&crate::url::encode_path(&index.href)),
            esc(&index.title)
        ));
    }
    out.push_str(&article(record, body));
    out.push_str(PAGE_END);
    out
}

/// One record as an `<article>`: title, date, author and categories, body, then credits and
/// source link. Relative addresses in the body are resolved against the record's `url`, or
/// left out without one (a link keeps its words, an image its caption or alt text).
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
    let base = url::page_base(record.url.as_deref());
    out.push_str(&blocks(&url::resolve_blocks(body, base.as_ref())));
    out.push_str(&footer(record));
    out.push_str("</article>\n");
    out
}

/// The article's foot: who is credited, and where it was published; empty when neither is
/// known.
fn footer(record: &Record) -> String {
    let mut parts = String::new();
    if let Some(credits) = record.credits.as_ref() {
        let chinese = credits::chinese(record.lang.as_deref());
        let lines: Vec<String> = credits::of(credits)
            .iter()
            .map(|c| {
                format!(
                    "<span class=\"{}\">{}</span>",
                    c.role,
                    esc(&credits::line(c, chinese))
                )
            })
            .collect();
        if !lines.is_empty() {
            parts.push_str(&format!(
                "<p class=\"meta credits\">{}</p>",
                lines.join(" · ")
            ));
        }
    }
    if let Some(url) = record
        .url
        .as_deref()
        .and_then(|u| safe_url(u, UrlUse::Link))
    {
        let url = esc(&url);
        parts.push_str(&format!(
            "<p class=\"source\"><a href=\"{url}\">{url}</a></p>"
        ));
    }
    if parts.is_empty() {
        return parts;
    }
    format!("<footer>{parts}</footer>\n")
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
        let page = page(&record, &[Block::Rule], None);
        assert!(page.starts_with("<!DOCTYPE html>\n<html>\n"), "{page}");
        assert!(page.contains("<title>标题 &lt;i&gt;</title>"));
        assert!(page.contains("<h1>标题 &lt;i&gt;</h1>"));
        assert!(page.contains("prefers-color-scheme:dark"));
        assert!(page.contains("default-src 'none'"));
        assert!(page.ends_with("<hr>\n</article>\n</body>\n</html>\n"));
        assert!(!page.contains("<nav>"));
    }

    #[test]
    fn credits_stand_at_the_foot_labelled_and_escaped() {
        let record = Record {
            url: Some("https://a.cn/x".into()),
            lang: Some("zh".into()),
            credits: Some(folio_model::Credits {
                editor: vec!["张三".into()],
                photographer: vec!["<b>李四</b>".into(), "王五".into()],
                ..Default::default()
            }),
            ..Record::default()
        };
        assert_eq!(
            footer(&record),
            "<footer><p class=\"meta credits\"><span class=\"editor\">编辑：张三</span> · \
             <span class=\"photographer\">摄影：&lt;b&gt;李四&lt;/b&gt;、王五</span></p>\
             <p class=\"source\"><a href=\"https://a.cn/x\">https://a.cn/x</a></p></footer>\n"
        );
        let english = Record {
            lang: Some("en".into()),
            url: None,
            ..record
        };
        assert!(footer(&english).contains(">Photographers: &lt;b&gt;李四&lt;/b&gt;, 王五<"));
        assert_eq!(footer(&Record::default()), "");
    }

    #[test]
    fn relative_addresses_resolve_against_the_url_or_go() {
        let body = [
            Block::Paragraph {
                inlines: vec![Inline {
                    text: "上一篇".into(),
                    href: Some("/prev.html".into()),
                    ..Inline::default()
                }],
            },
            Block::Image {
                src: "chart.png".into(),
                alt: "图".into(),
                caption: Some("走势".into()),
            },
        ];
        let based = Record {
            url: Some("https://a.cn/news/1.html".into()),
            ..Record::default()
        };
        let html = article(&based, &body);
        assert!(
            html.contains("<p><a href=\"https://a.cn/prev.html\">上一篇</a></p>"),
            "{html}"
        );
        assert!(html.contains("<img src=\"https://a.cn/news/chart.png\" alt=\"图\">"));
        let html = article(&Record::default(), &body);
        assert!(html.contains("<p>上一篇</p>\n<p>走势</p>\n"), "{html}");
    }

    #[test]
    fn pages_link_back_to_the_index() {
        let link = IndexLink::for_file("2022/05/a.html", "index.html", "新闻 & <更新>");
        assert_eq!(link.href, "../../index.html");
        let page = page(&Record::default(), &[], Some(&link));
        assert!(
            page.contains("<body>\n<nav><a href=\"../../index.html\">← 新闻 &amp; &lt;更新&gt;</a></nav>\n<article>"),
            "{page}"
        );
        assert_eq!(
            IndexLink::for_file("a.html", "index.html", "x").href,
            "index.html"
        );
    }
}
