//! Which addresses from a record may reach the output. Links and images keep only web
//! addresses (`http`, `https`, relative ones) and, for links, `mailto:`; anything else
//! (`javascript:`, `data:`, `vbscript:`, `file:`, unknown schemes) is left out, so no
//! address taken from the input can run code in a reader's browser.
//!
//! A standalone HTML page is read from wherever it was saved, so a relative address in it
//! would point at the reader's own disk (`file:///…`): [`resolve_blocks`] makes each one
//! absolute against the article's own `url`, or leaves it out when there is none.

use folio_model::{Block, Inline};

/// What an address is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    Link,
    Image,
}

/// The address, trimmed, when it is safe for `what`; `None` when it must be left out.
///
/// Browsers drop tabs and newlines inside URLs and ignore leading control characters and
/// spaces, so the scheme is judged on the address as a browser would read it.
pub fn safe_url(raw: &str, what: UrlUse) -> Option<String> {
    let cleaned: String = raw
        .trim_matches(|c: char| c <= ' ' || c.is_whitespace())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() || cleaned.chars().any(char::is_control) || disguised_scheme(&cleaned) {
        return None;
    }
    match scheme(&cleaned) {
        None => Some(cleaned),
        Some(scheme) => {
            let allowed = match what {
                UrlUse::Link => ["http", "https", "mailto"].contains(&scheme.as_str()),
                UrlUse::Image => ["http", "https"].contains(&scheme.as_str()),
            };
            allowed.then_some(cleaned)
        }
    }
}

/// The lower-cased scheme of an address: everything before a `:` that comes before any
/// `/`, `?` or `#`. A colon there with anything but scheme characters before it still
/// counts as a scheme (and so is refused), so odd spellings cannot slip through.
fn scheme(address: &str) -> Option<String> {
    let end = address.find([':', '/', '?', '#'])?;
    if !address[end..].starts_with(':') {
        return None;
    }
    Some(address[..end].to_ascii_lowercase())
}

/// An entity, percent escape or backslash before the first `:` can hide a scheme from a
/// reader that decodes the address once more (`jav&#x09;ascript:`, `javascript%3A`…).
fn disguised_scheme(address: &str) -> bool {
    let end = address.find([':', '/', '?', '#']).unwrap_or(address.len());
    address[..end].contains(['&', '%', '\\'])
}

/// The base that relative addresses of a page are resolved against: the record's `url`,
/// when it is an absolute `http` or `https` address.
pub fn page_base(url: Option<&str>) -> Option<url::Url> {
    let url = safe_url(url?, UrlUse::Link)?;
    let parsed = url::Url::parse(&url).ok()?;
    matches!(parsed.scheme(), "http" | "https").then_some(parsed)
}

/// The address as a standalone page can use it: a safe absolute one as it is, a relative one
/// resolved against `base`; without a base, a protocol-relative one (`//cdn.cn/a.jpg`) gets
/// `https:` and any other relative one is `None` (it would point at the reader's disk).
pub fn page_address(raw: &str, what: UrlUse, base: Option<&url::Url>) -> Option<String> {
    let address = safe_url(raw, what)?;
    if scheme(&address).is_some() {
        return Some(address);
    }
    let absolute = match base {
        Some(base) => base.join(&address).ok()?.to_string(),
        None if address.starts_with("//") => format!("https:{address}"),
        None => return None,
    };
    safe_url(&absolute, what)
}

/// `blocks` with every link and image address made fit for a standalone page (see
/// [`page_address`]): a link whose address goes keeps its words, an image whose address goes
/// gets an empty `src`, which every writer renders as its caption or alt text.
pub fn resolve_blocks(blocks: &[Block], base: Option<&url::Url>) -> Vec<Block> {
    blocks.iter().map(|b| resolve_block(b, base)).collect()
}

fn resolve_block(block: &Block, base: Option<&url::Url>) -> Block {
    match block {
        Block::Paragraph { inlines } => Block::Paragraph {
            inlines: resolve_inlines(inlines, base),
        },
        Block::Image { src, alt, caption } => Block::Image {
            src: page_address(src, UrlUse::Image, base).unwrap_or_default(),
            alt: alt.clone(),
            caption: caption.clone(),
        },
        Block::List { ordered, items } => Block::List {
            ordered: *ordered,
            items: items.iter().map(|i| resolve_inlines(i, base)).collect(),
        },
        Block::Quote { blocks } => Block::Quote {
            blocks: resolve_blocks(blocks, base),
        },
        other => other.clone(),
    }
}

fn resolve_inlines(runs: &[Inline], base: Option<&url::Url>) -> Vec<Inline> {
    runs.iter()
        .map(|run| Inline {
            href: run
                .href
                .as_deref()
                .and_then(|h| page_address(h, UrlUse::Link, base)),
            ..run.clone()
        })
        .collect()
}

/// What an address under a JSON key is for, when the key names one: `src`, `image`,
/// `thumbnail`, `headimg`… (images), `href`, `link`, `canonical` and any key ending in `url`
/// (links).
pub fn address_use(key: &str) -> Option<UrlUse> {
    let key = key.to_ascii_lowercase();
    match key.as_str() {
        "src" | "image" | "images" | "img" | "thumbnail" | "cover" | "headimg" | "photo" => {
            Some(UrlUse::Image)
        }
        "href" | "link" | "links" | "canonical" => Some(UrlUse::Link),
        _ if key.ends_with("url") || key.ends_with("urls") => Some(UrlUse::Link),
        _ => None,
    }
}

/// Replaces every unsafe address in `value` — a string under an address key (see
/// [`address_use`]), at any depth — by the empty string. The walk keeps its own stack: a
/// record's JSON may nest as deep as its reader allows.
pub fn sanitise_addresses(value: &mut serde_json::Value) {
    let mut pending: Vec<(Option<UrlUse>, &mut serde_json::Value)> = vec![(None, value)];
    while let Some((address, value)) = pending.pop() {
        match value {
            serde_json::Value::String(text) => {
                if let Some(what) = address {
                    if safe_url(text, what).is_none() {
                        text.clear();
                    }
                }
            }
            serde_json::Value::Array(items) => {
                pending.extend(items.iter_mut().map(|item| (address, item)));
            }
            serde_json::Value::Object(members) => {
                pending.extend(
                    members
                        .iter_mut()
                        .map(|(key, member)| (address_use(key), member)),
                );
            }
            _ => {}
        }
    }
}

/// Percent-encodes what may not stand in a URL path as written (spaces, quotes, brackets,
/// non-ASCII), for links the renderer makes itself (index pages).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_pass() {
        for ok in [
            "https://a.cn/x?y=1&z=2",
            "http://a",
            "/img/a.png",
            "a.png",
            "#top",
            "//cdn.cn/a.jpg",
            "图片.png",
        ] {
            assert_eq!(safe_url(ok, UrlUse::Image).as_deref(), Some(ok), "{ok}");
        }
        assert!(safe_url("mailto:a@b.cn", UrlUse::Link).is_some());
        assert!(safe_url("mailto:a@b.cn", UrlUse::Image).is_none());
    }

    #[test]
    fn script_schemes_are_refused_however_written() {
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "DATA:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "jav&#x09;ascript:alert(1)",
            "javascript&colon;alert(1)",
            "java%73cript:alert(1)",
            "",
            "   ",
        ] {
            assert_eq!(safe_url(bad, UrlUse::Link), None, "{bad:?}");
        }
    }

    #[test]
    fn page_addresses_resolve_against_the_base_or_go() {
        let base = page_base(Some("https://news.example.cn/2022/05/a.html"));
        let base = base.as_ref();
        let cases = [
            (
                "chart.png",
                Some("https://news.example.cn/2022/05/chart.png"),
            ),
            ("/img/a.png", Some("https://news.example.cn/img/a.png")),
            (
                "../b.html#p2",
                Some("https://news.example.cn/2022/b.html#p2"),
            ),
            (
                "//cdn.example.cn/x.jpg",
                Some("https://cdn.example.cn/x.jpg"),
            ),
            ("https://other.cn/y", Some("https://other.cn/y")),
            ("javascript:alert(1)", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                page_address(raw, UrlUse::Image, base).as_deref(),
                expected,
                "{raw}"
            );
        }
        for (raw, expected) in [
            ("chart.png", None),
            ("#top", None),
            (
                "//cdn.example.cn/x.jpg",
                Some("https://cdn.example.cn/x.jpg"),
            ),
            ("mailto:a@b.cn", Some("mailto:a@b.cn")),
        ] {
            assert_eq!(page_address(raw, UrlUse::Link, None).as_deref(), expected);
        }
        assert!(page_base(Some("/relative/a.html")).is_none());
        assert!(page_base(Some("javascript:alert(1)")).is_none());
        assert!(page_base(Some("ftp://files.example.cn/a")).is_none());
    }

    #[test]
    fn relative_addresses_in_blocks_go_without_a_base() {
        let link = |href: &str| Inline {
            text: "词".into(),
            href: Some(href.into()),
            ..Inline::default()
        };
        let blocks = vec![
            Block::Paragraph {
                inlines: vec![link("/a"), link("https://a.cn/b")],
            },
            Block::Quote {
                blocks: vec![Block::List {
                    ordered: false,
                    items: vec![vec![link("c.html")]],
                }],
            },
            Block::Image {
                src: "p.png".into(),
                alt: "图".into(),
                caption: None,
            },
        ];
        let resolved = resolve_blocks(&blocks, None);
        let Block::Paragraph { inlines } = &resolved[0] else {
            panic!("{resolved:?}")
        };
        assert_eq!(inlines[0].href, None);
        assert_eq!(inlines[0].text, "词");
        assert_eq!(inlines[1].href.as_deref(), Some("https://a.cn/b"));
        assert!(!format!("{:?}", resolved[1]).contains("c.html"));
        assert!(matches!(&resolved[2], Block::Image { src, .. } if src.is_empty()));
    }

    #[test]
    fn address_keys_are_sanitised_at_any_depth() {
        let mut value = serde_json::json!({
            "headimg": "javascript:alert(1)", "comments": "javascript:x",
            "nested": [{"link_url": "data:text/html,x", "src": "https://a.cn/p.png"}]
        });
        sanitise_addresses(&mut value);
        assert_eq!(
            value,
            serde_json::json!({
                "headimg": "", "comments": "javascript:x",
                "nested": [{"link_url": "", "src": "https://a.cn/p.png"}]
            })
        );
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("2022/新闻 a.html"),
            "2022/%E6%96%B0%E9%97%BB%20a.html"
        );
    }
}
