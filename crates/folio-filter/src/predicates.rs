//! The selection: per-record predicates, ANDed across flags and ORed within a repeated flag.
//! Each failed predicate gives a reason named after its flag.

use aho_corasick::AhoCorasick;
use chrono::{DateTime, FixedOffset};
use folio_model::Record;
use regex::Regex;

use crate::expr::{lookup, Where};
use crate::text::count_chars;
use crate::Reason;

/// One of a set of accepted values, compared without regard to case.
#[derive(Debug, Default)]
pub struct OneOf {
    shown: Vec<String>,
    folded: Vec<String>,
}

impl OneOf {
    pub fn new(values: &[String]) -> Self {
        OneOf {
            shown: values.to_vec(),
            folded: values.iter().map(|v| v.trim().to_lowercase()).collect(),
        }
    }

    fn is_set(&self) -> bool {
        !self.folded.is_empty()
    }

    fn matches(&self, value: &str) -> bool {
        let value = value.trim().to_lowercase();
        self.folded.contains(&value)
    }

    /// A host matches a site or any of its subdomains.
    fn matches_host(&self, host: &str) -> bool {
        let host = host.trim().to_lowercase();
        self.folded.iter().any(|site| {
            host == *site
                || host
                    .strip_suffix(site.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }

    fn reason(&self, flag: &str) -> Reason {
        Reason::new(
            flag.to_owned(),
            format!("{flag}: not in [{}]", self.shown.join(", ")),
        )
    }
}

/// The end of a date range and whether it is included.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    pub at: DateTime<FixedOffset>,
    pub inclusive: bool,
}

/// Every predicate of a run.
#[derive(Debug, Default)]
pub struct Selection {
    pub categories: OneOf,
    pub tags: OneOf,
    pub authors: OneOf,
    pub sites: OneOf,
    pub langs: OneOf,
    pub since: Option<Bound>,
    pub until: Option<Bound>,
    pub title: Vec<Regex>,
    pub text: Vec<Regex>,
    pub keywords: Option<AhoCorasick>,
    pub min_chars: Option<usize>,
    pub max_chars: Option<usize>,
    pub has: Vec<(String, Vec<String>)>,
    pub expr: Option<Where>,
}

impl Selection {
    /// The first predicate `record` fails, or `None` when it passes them all.
    pub fn check(&self, record: &Record, text: &str) -> Option<Reason> {
        self.check_lists(record)
            .or_else(|| self.check_dates(record))
            .or_else(|| self.check_text(record, text))
            .or_else(|| self.check_fields(record))
    }

    fn check_lists(&self, record: &Record) -> Option<Reason> {
        let any = |set: &OneOf, values: &[String]| values.iter().any(|v| set.matches(v));
        if self.categories.is_set() && !any(&self.categories, &record.categories) {
            return Some(self.categories.reason("category"));
        }
        if self.tags.is_set() && !any(&self.tags, &record.tags) {
            return Some(self.tags.reason("tag"));
        }
        if self.authors.is_set()
            && !record
                .author
                .as_deref()
                .is_some_and(|a| self.authors.matches(a))
        {
            return Some(self.authors.reason("author"));
        }
        if self.sites.is_set() && !host(record).is_some_and(|h| self.sites.matches_host(h)) {
            return Some(self.sites.reason("site"));
        }
        if self.langs.is_set()
            && !record
                .lang
                .as_deref()
                .is_some_and(|l| self.langs.matches(l))
        {
            return Some(self.langs.reason("lang"));
        }
        None
    }

    fn check_dates(&self, record: &Record) -> Option<Reason> {
        for (flag, bound) in [("since", &self.since), ("until", &self.until)] {
            let Some(bound) = bound else { continue };
            let Some(date) = record.date else {
                return Some(Reason::new(flag.to_owned(), format!("{flag}: no date")));
            };
            let inside = match (flag, bound.inclusive) {
                ("since", _) => date >= bound.at,
                (_, true) => date <= bound.at,
                (_, false) => date < bound.at,
            };
            if !inside {
                let side = if flag == "since" { "before" } else { "after" };
                let text = format!(
                    "{flag}: {} is {side} {}",
                    date.to_rfc3339(),
                    bound.at.to_rfc3339()
                );
                return Some(Reason::new(flag.to_owned(), text));
            }
        }
        None
    }

    fn check_text(&self, record: &Record, text: &str) -> Option<Reason> {
        let title = record.title.as_deref().unwrap_or("");
        if let Some(reason) = regex_reason("title", &self.title, title) {
            return Some(reason);
        }
        if let Some(reason) = regex_reason("text", &self.text, text) {
            return Some(reason);
        }
        if let Some(keywords) = &self.keywords {
            if !keywords.is_match(title) && !keywords.is_match(text) {
                return Some(Reason::new(
                    "keywords".into(),
                    "keywords: none found".into(),
                ));
            }
        }
        if self.min_chars.is_none() && self.max_chars.is_none() {
            return None;
        }
        let chars = count_chars(text);
        if let Some(min) = self.min_chars.filter(|min| chars < *min) {
            return Some(Reason::new(
                "min-chars".into(),
                format!("min-chars: {chars} chars < {min}"),
            ));
        }
        if let Some(max) = self.max_chars.filter(|max| chars > *max) {
            return Some(Reason::new(
                "max-chars".into(),
                format!("max-chars: {chars} chars > {max}"),
            ));
        }
        None
    }

    fn check_fields(&self, record: &Record) -> Option<Reason> {
        for (shown, path) in &self.has {
            if !lookup(record, path).is_some_and(|v| crate::expr::truthy(&v)) {
                return Some(Reason::new("has".into(), format!("has: no {shown}")));
            }
        }
        match &self.expr {
            Some(expr) if !expr.eval(record) => {
                Some(Reason::new("where".into(), "where: false".into()))
            }
            _ => None,
        }
    }
}

fn regex_reason(flag: &str, regexes: &[Regex], haystack: &str) -> Option<Reason> {
    if regexes.is_empty() || regexes.iter().any(|r| r.is_match(haystack)) {
        return None;
    }
    let shown: Vec<String> = regexes
        .iter()
        .map(|r| format!("/{}/", r.as_str()))
        .collect();
    Some(Reason::new(
        flag.to_owned(),
        format!("{flag}: no match for {}", shown.join(" or ")),
    ))
}

/// The record's site: `source.site`, else the host of its `url`.
fn host(record: &Record) -> Option<&str> {
    if let Some(site) = record.site() {
        return Some(site);
    }
    let url = record.url.as_deref()?;
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    Some(host.split(':').next().unwrap_or(host))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec() -> Record {
        serde_json::from_value(json!({
            "id": "x", "title": "Bank rates", "categories": ["金融"], "tags": ["央行", "利率"],
            "author": "Li Hua", "lang": "zh", "url": "https://user@news.example.com:8080/a?b",
            "date": "2022-05-08T10:00:00+00:00", "meta": {"source": "新浪"}
        }))
        .unwrap()
    }

    fn list(values: &[&str]) -> OneOf {
        OneOf::new(&values.iter().map(|v| v.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn lists_or_within_and_across() {
        let mut sel = Selection {
            categories: list(&["科技", "金融"]),
            authors: list(&["li hua"]),
            ..Selection::default()
        };
        assert!(sel.check(&rec(), "").is_none());
        sel.tags = list(&["股票"]);
        assert_eq!(sel.check(&rec(), "").unwrap().text, "tag: not in [股票]");
    }

    #[test]
    fn site_matches_subdomains_of_the_url_host() {
        assert_eq!(host(&rec()), Some("news.example.com"));
        let sel = |s: &[&str]| Selection {
            sites: list(s),
            ..Selection::default()
        };
        assert!(sel(&["example.com"]).check(&rec(), "").is_none());
        assert!(sel(&["news.example.com"]).check(&rec(), "").is_none());
        assert!(sel(&["ample.com"]).check(&rec(), "").is_some());
    }

    #[test]
    fn chars_keywords_and_fields() {
        let sel = Selection {
            min_chars: Some(3),
            max_chars: Some(4),
            ..Selection::default()
        };
        assert!(sel.check(&rec(), "一 二三").is_none());
        assert_eq!(
            sel.check(&rec(), "一二").unwrap().text,
            "min-chars: 2 chars < 3"
        );
        assert_eq!(
            sel.check(&rec(), "一二三四五").unwrap().text,
            "max-chars: 5 chars > 4"
        );
        let sel = Selection {
            keywords: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(["BANK"])
                .ok(),
            has: vec![("meta.source".into(), vec!["meta".into(), "source".into()])],
            ..Selection::default()
        };
        assert!(sel.check(&rec(), "").is_none());
        let sel = Selection {
            has: vec![("image".into(), vec!["image".into()])],
            ..Selection::default()
        };
        assert_eq!(sel.check(&rec(), "").unwrap().text, "has: no image");
    }
}
