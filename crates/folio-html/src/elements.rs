//! What an element is, by its name.

/// Whether an element of this name is block-level: it ends the line or paragraph before it
/// and starts a new one, where text and inline elements (`a`, `span`, `b`, `img`) run on.
/// (A `match`, not a list: it runs for most elements and compiles to a few comparisons.)
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "ol"
            | "p"
            | "plaintext"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "xmp"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_break_lines_and_inline_elements_do_not() {
        for name in ["p", "div", "br", "h3", "td", "li", "figure", "section"] {
            assert!(is_block(name), "{name}");
        }
        for name in ["a", "span", "b", "img", "font", "small", "cite", "nav"] {
            assert!(!is_block(name), "{name}");
        }
    }
}
