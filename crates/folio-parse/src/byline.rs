//! The byline Chinese news pages print under the headline: publication time and labelled
//! fields such as `2022-05-08 18:46　来源：新华网　作者：李明　编辑：王芳`. It is read from the
//! text right after the headline element, so dates in navigation bars (today's date) and in
//! related-article lists are not taken for the article's.

use std::sync::LazyLock;

use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{ElementRef, Html, Node};

/// How much text after the headline is searched.
const WINDOW: usize = 240;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?")
        .expect("valid regex")
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(责任编辑|来源|作者|编辑|记者|撰稿|发布者|发布人|出处|文)\s*[:：]\s*")
        .expect("valid regex")
});

static REPORTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"记者\s+(\p{Han}{2,4})(?:\s|$|）|\))").expect("valid regex"));

/// What the byline says.
#[derive(Debug, Default)]
pub(crate) struct Byline {
    pub date: Option<String>,
    pub author: Option<String>,
    /// Every labelled field, label first (`来源`, `新华网`), for `meta`.
    pub fields: Vec<(String, String)>,
}

pub(crate) fn find(doc: &Html, title: Option<&str>) -> Byline {
    let Some(anchor) = headline_element(doc, title) else {
        return Byline::default();
    };
    read(&text_after(doc, anchor))
}

fn read(text: &str) -> Byline {
    let mut byline = Byline {
        date: DATE.captures(text).map(|c| normalise_date(&c)),
        ..Byline::default()
    };
    // A value runs to the next label or separator: pages often put no space between fields.
    let labels: Vec<(usize, usize, &str)> = LABEL
        .captures_iter(text)
        .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), c.get(1)?.as_str())))
        .collect();
    for (i, (_, end, label)) in labels.iter().enumerate() {
        let until = labels.get(i + 1).map_or(text.len(), |next| next.0);
        let value = text[*end..until]
            .split(|c: char| c.is_whitespace() || "|｜/【】[]()（）:：".contains(c))
            .next()
            .unwrap_or("");
        if value.is_empty()
            || value.chars().count() > 24
            || byline.fields.iter().any(|(l, _)| l == label)
        {
            continue;
        }
        byline.fields.push(((*label).to_owned(), value.to_owned()));
    }
    let by_label = |label: &str| {
        byline
            .fields
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
    };
    byline.author = ["作者", "文", "撰稿", "记者", "发布者", "发布人"]
        .iter()
        .find_map(|l| by_label(l))
        .or_else(|| REPORTER.captures(text).map(|c| c[1].to_owned()));
    byline
}

fn normalise_date(caps: &regex::Captures) -> String {
    let num = |i: usize| caps.get(i).map(|m| m.as_str().parse::<u32>().unwrap_or(0));
    let mut out = format!(
        "{}-{:02}-{:02}",
        &caps[1],
        num(2).unwrap_or(1),
        num(3).unwrap_or(1)
    );
    if let (Some(h), Some(m)) = (num(4), num(5)) {
        out.push_str(&format!(" {h:02}:{m:02}"));
        if let Some(s) = num(6) {
            out.push_str(&format!(":{s:02}"));
        }
    }
    out
}

/// The `<h1>` that carries the title, else the first `<h1>`, else an element whose class or
/// id names a title and whose text is the title.
fn headline_element<'a>(doc: &'a Html, title: Option<&str>) -> Option<ElementRef<'a>> {
    let h1 =
        scraper::Selector::parse("h1, h2, .title, #title, [class*=title], [id*=title]").ok()?;
    let text = |el: &ElementRef| {
        el.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let candidates: Vec<ElementRef> = doc.select(&h1).collect();
    if let Some(title) = title.filter(|t| t.chars().count() >= 4) {
        let head: String = title.chars().take(12).collect();
        if let Some(found) = candidates.iter().find(|el| {
            let t = text(el);
            !t.is_empty()
                && t.chars().count() <= title.chars().count() + 40
                && (t.contains(&head) || title.contains(&t))
        }) {
            return Some(*found);
        }
    }
    candidates
        .into_iter()
        .find(|el| el.value().name() == "h1" && !text(el).is_empty())
}

/// Up to [`WINDOW`] characters of visible text after `anchor`'s subtree, in document order.
fn text_after(doc: &Html, anchor: ElementRef) -> String {
    let mut out = String::new();
    let mut after = false;
    let mut skip_depth = 0usize;
    for edge in doc.root_element().traverse() {
        match edge {
            Edge::Close(node) if node.id() == anchor.id() => after = true,
            Edge::Open(node) if after => match node.value() {
                Node::Element(el) if matches!(el.name(), "script" | "style" | "noscript") => {
                    skip_depth += 1
                }
                Node::Text(text) if skip_depth == 0 => {
                    out.push_str(text);
                    out.push(' ');
                    if out.chars().count() >= WINDOW {
                        break;
                    }
                }
                _ => {}
            },
            Edge::Close(node) if after => {
                if let Node::Element(el) = node.value() {
                    if matches!(el.name(), "script" | "style" | "noscript") {
                        skip_depth = skip_depth.saturating_sub(1);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_fields_and_dates() {
        let b = read("2022年5月8日 18:46 来源：新华网作者：李明 责任编辑：王芳");
        assert_eq!(b.date.as_deref(), Some("2022-05-08 18:46"));
        assert_eq!(b.author.as_deref(), Some("李明"));
        assert_eq!(b.fields[0], ("来源".to_owned(), "新华网".to_owned()));
        assert!(b
            .fields
            .contains(&("责任编辑".to_owned(), "王芳".to_owned())));
    }

    #[test]
    fn reporter_without_a_colon() {
        let b = read("发布时间：2022-02-13 04:22:18 （记者 胡晓蓉）");
        assert_eq!(b.date.as_deref(), Some("2022-02-13 04:22:18"));
        assert_eq!(b.author.as_deref(), Some("胡晓蓉"));
    }

    #[test]
    fn only_text_after_the_headline_counts() {
        let html = "<div>2023-01-01 今天</div><h1>一个足够长的新闻标题</h1><script>var t='1999-09-09'</script><p>2022-02-02 10:00 来源: 示例报</p>";
        let doc = Html::parse_document(html);
        let b = find(&doc, Some("一个足够长的新闻标题"));
        assert_eq!(b.date.as_deref(), Some("2022-02-02 10:00"));
    }
}
