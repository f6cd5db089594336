//! `--index`: a page listing the articles written, newest first, linking to each file.

use chrono::{DateTime, FixedOffset};

use crate::escape::{html as esc, markdown_part, markdown_url};
use crate::url::encode_path;
use crate::Format;

/// One article on the index.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub title: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    /// The file, relative to the folder, `/`-separated.
    pub file: String,
}

/// The index file's name and text. Articles are listed by date, newest first; undated ones
/// come last, in input order.
pub fn page(format: Format, title: &str, mut entries: Vec<IndexEntry>) -> (String, String) {
    entries.sort_by(|a, b| match (a.date, b.date) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    match format {
        Format::Markdown => ("index.md".to_owned(), markdown(title, &entries)),
        _ => ("index.html".to_owned(), html(title, &entries)),
    }
}

fn label(entry: &IndexEntry) -> &str {
    entry
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&entry.file)
}

fn html(title: &str, entries: &[IndexEntry]) -> String {
    let mut out = crate::html::page_start(title, None);
    out.push_str(&format!("<h1>{}</h1>\n<ul class=\"index\">\n", esc(title)));
    for entry in entries {
        let date = entry
            .date
            .map(|d| {
                format!(
                    "<time datetime=\"{}\">{}</time>",
                    d.to_rfc3339(),
                    d.format("%Y-%m-%d")
                )
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "<li>{date}<a href=\"{}\">{}</a></li>\n",
            esc(&encode_path(&entry.file)),
            esc(label(entry))
        ));
    }
    out.push_str("</ul>\n");
    out.push_str(crate::html::PAGE_END);
    out
}

fn markdown(title: &str, entries: &[IndexEntry]) -> String {
    let mut out = format!("# {}\n\n", markdown_part(title, false));
    for entry in entries {
        let date = entry
            .date
            .map(|d| format!("{} ", d.format("%Y-%m-%d")))
            .unwrap_or_default();
        let text = markdown_part(&label(entry).replace('\n', " "), false);
        out.push_str(&format!(
            "- {date}[{text}]({})\n",
            markdown_url(&encode_path(&entry.file))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, date: Option<&str>, file: &str) -> IndexEntry {
        IndexEntry {
            title: Some(title.into()),
            date: date.and_then(|d| DateTime::parse_from_rfc3339(d).ok()),
            file: file.into(),
        }
    }

    #[test]
    fn newest_first_with_encoded_links() {
        let entries = vec![
            entry("旧", Some("2022-01-01T00:00:00+08:00"), "a.md"),
            entry("无日期", None, "b.md"),
            entry("新 [1]", Some("2022-05-08T00:00:00+08:00"), "2022/新 闻.md"),
        ];
        let (name, text) = page(Format::Markdown, "Articles", entries);
        assert_eq!(name, "index.md");
        assert_eq!(
            text,
            "# Articles\n\n- 2022-05-08 [新 \\[1\\]](2022/%E6%96%B0%20%E9%97%BB.md)\n- 2022-01-01 [旧](a.md)\n- [无日期](b.md)\n"
        );
    }
}
