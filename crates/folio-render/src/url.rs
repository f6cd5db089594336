//! Which addresses from a record may reach the output. Links and images keep only web
//! addresses (`http`, `https`, relative ones) and, for links, `mailto:`; anything else
//! (`javascript:`, `data:`, `vbscript:`, `file:`, unknown schemes) is left out, so no
//! address taken from the input can run code in a reader's browser.

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
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("2022/新闻 a.html"),
            "2022/%E6%96%B0%E9%97%BB%20a.html"
        );
    }
}
