//! Link targets and image sources, resolved against the record's `url`.

use scraper::ElementRef;
use url::Url;

/// Lazy-loading pages keep the real picture in one of these and a stand-in in `src`.
const LAZY_SOURCES: &[&str] = &[
    "data-src",
    "data-original",
    "data-actualsrc",
    "data-lazy-src",
    "data-url",
];

/// The base for relative references: the record's URL when it is absolute.
pub(crate) fn base(url: Option<&str>) -> Option<Url> {
    url.and_then(|u| Url::parse(u.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// The host a record comes from: its URL's, or `source.site`.
pub(crate) fn host(url: Option<&Url>, site: Option<&str>) -> Option<String> {
    url.and_then(|u| u.host_str().map(str::to_owned))
        .or_else(|| site.map(|s| s.trim().to_owned()))
        .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
        .filter(|h| !h.is_empty())
}

/// `reference` made absolute against `base` (kept as written when there is no base or it
/// does not parse). Script links give `None`: they lead nowhere outside the page.
pub(crate) fn resolve(base: Option<&Url>, reference: &str) -> Option<String> {
    let reference = reference.trim();
    if reference.is_empty() {
        return None;
    }
    let scheme = reference
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if scheme == "javascript" || scheme == "vbscript" {
        return None;
    }
    match base.and_then(|b| b.join(reference).ok()) {
        Some(absolute) => Some(absolute.into()),
        None => Some(reference.to_owned()),
    }
}

/// The picture an `img` shows: a lazy-loading attribute when there is one, else `src`;
/// inline `data:` stand-ins do not count. The attributes are read in one pass (scraper's `attr`
/// interns its argument on every call, which costs more than the lookup).
pub(crate) fn image_source<'a>(element: &ElementRef<'a>) -> Option<&'a str> {
    let mut by_rank = [None; LAZY_SOURCES.len() + 1];
    for (name, value) in element.value().attrs() {
        let rank = match LAZY_SOURCES.iter().position(|lazy| *lazy == name) {
            Some(rank) => rank,
            None if name == "src" => LAZY_SOURCES.len(),
            None => continue,
        };
        by_rank[rank].get_or_insert(value);
    }
    by_rank
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|src| !src.is_empty() && !src.starts_with("data:"))
}

/// Two image URLs name the same picture (scheme aside: sites serve both).
pub(crate) fn same_image(a: &str, b: &str) -> bool {
    fn strip(u: &str) -> &str {
        let u = u.trim();
        u.strip_prefix("https:")
            .or_else(|| u.strip_prefix("http:"))
            .unwrap_or(u)
    }
    strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_references_resolve() {
        let base = base(Some("https://finance.sina.com.cn/china/2022/a.shtml"));
        assert_eq!(
            resolve(base.as_ref(), "../img/b.jpg").as_deref(),
            Some("https://finance.sina.com.cn/china/img/b.jpg")
        );
        assert_eq!(
            resolve(base.as_ref(), "//n.sinaimg.cn/x.png").as_deref(),
            Some("https://n.sinaimg.cn/x.png")
        );
        assert_eq!(resolve(None, "img/b.jpg").as_deref(), Some("img/b.jpg"));
        assert_eq!(resolve(base.as_ref(), "javascript:void(0)"), None);
        assert_eq!(resolve(base.as_ref(), "  "), None);
    }

    #[test]
    fn lazy_source_wins_and_data_stand_ins_do_not_count() {
        let doc = scraper::Html::parse_fragment(concat!(
            r#"<img src="data:image/gif;base64,R0" data-original=" b.jpg " data-src="">"#,
            r#"<img data-url="c.jpg" src="a.jpg" data-src="d.jpg">"#,
            r#"<img src="a.jpg"><img src="data:x"><img alt="none">"#,
        ));
        let sources: Vec<Option<&str>> = doc
            .root_element()
            .descendent_elements()
            .filter(|e| e.value().name() == "img")
            .map(|e| image_source(&e))
            .collect();
        assert_eq!(
            sources,
            [Some("b.jpg"), Some("d.jpg"), Some("a.jpg"), None, None]
        );
    }

    #[test]
    fn host_from_url_or_site() {
        let url = base(Some("https://Finance.Sina.com.cn/a"));
        assert_eq!(
            host(url.as_ref(), None).as_deref(),
            Some("finance.sina.com.cn")
        );
        assert_eq!(host(None, Some("zhihu.com")).as_deref(), Some("zhihu.com"));
        assert_eq!(host(None, None), None);
    }

    #[test]
    fn same_image_ignores_scheme() {
        assert!(same_image("http://a/b.jpg", "https://a/b.jpg"));
        assert!(!same_image("https://a/b.jpg", "https://a/c.jpg"));
    }
}
