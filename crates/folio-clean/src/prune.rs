//! Which elements are not article at all: they are skipped with everything inside them, and
//! `--explain` names the rule that skipped them.

use std::borrow::Cow;

use scraper::ElementRef;

use crate::compiled::Active;

/// Elements that never carry article text: code, styles, embedded frames and widgets, forms.
/// (A `match`, not a list: it runs for every element and compiles to a few comparisons.)
fn is_dropped_tag(name: &str) -> bool {
    matches!(
        name,
        "annotation"
            | "annotation-xml"
            | "applet"
            | "audio"
            | "button"
            | "canvas"
            | "datalist"
            | "dialog"
            | "embed"
            | "form"
            | "frame"
            | "frameset"
            | "head"
            | "iframe"
            | "input"
            | "link"
            | "map"
            | "meta"
            | "nav"
            | "noscript"
            | "object"
            | "option"
            | "script"
            | "select"
            | "source"
            | "style"
            | "svg"
            | "template"
            | "textarea"
            | "title"
            | "track"
            | "video"
    )
}

/// The attributes that say how an element looks, read in one pass over its attributes
/// (scraper's `attr` interns its argument on every call, which costs more than the lookup).
#[derive(Debug, Default)]
pub(crate) struct Look<'a> {
    pub hidden: bool,
    pub aria_hidden: bool,
    pub style: Option<&'a str>,
    pub cms_style: Option<&'a str>,
    pub align: Option<&'a str>,
    pub class: Option<&'a str>,
}

impl<'a> Look<'a> {
    pub fn of(element: &ElementRef<'a>) -> Look<'a> {
        let mut look = Look::default();
        for (name, value) in element.value().attrs() {
            match name {
                "hidden" => look.hidden = true,
                "aria-hidden" => look.aria_hidden = value.trim().eq_ignore_ascii_case("true"),
                "style" => look.style = Some(value),
                "cms-style" => look.cms_style = Some(value),
                "align" => look.align = Some(value),
                "class" => look.class = Some(value),
                _ => {}
            }
        }
        look
    }

    /// Hidden by the `hidden` attribute, `aria-hidden="true"` or an inline style.
    fn is_hidden(&self) -> bool {
        self.hidden || self.aria_hidden || self.style.is_some_and(folio_extract::style_hides)
    }
}

/// Why `element` is dropped, or `None` to keep it.
pub(crate) fn drop_reason<'a>(
    element: &ElementRef,
    look: &Look,
    active: &'a Active,
) -> Option<Cow<'a, str>> {
    let name = element.value().name();
    if is_dropped_tag(name) {
        return Some(Cow::Owned(format!("tag {name}")));
    }
    if look.is_hidden() {
        return Some(Cow::Borrowed("hidden"));
    }
    active
        .dropping_selector(element)
        .map(|selector| Cow::Owned(format!("selector {selector}")))
}

/// An image one pixel or less in size: a tracking beacon, not a picture.
pub(crate) fn is_pixel(element: &ElementRef) -> bool {
    let tiny = |value: &str| {
        value
            .trim()
            .trim_end_matches("px")
            .parse::<f32>()
            .is_ok_and(|v| v <= 1.0)
    };
    // One pass over the attributes, as in `Look::of`.
    element
        .value()
        .attrs()
        .any(|(name, value)| matches!(name, "width" | "height") && tiny(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn first(html: &str, css: &str) -> bool {
        let doc = Html::parse_fragment(html);
        let selector = Selector::parse(css).unwrap();
        let element = doc.select(&selector).next().unwrap();
        Look::of(&element).is_hidden() || is_pixel(&element)
    }

    #[test]
    fn hidden_and_pixels() {
        assert!(first(r#"<a hidden href="x">x</a>"#, "a"));
        assert!(first(r#"<div style="DISPLAY: none">x</div>"#, "div"));
        assert!(first(r#"<span aria-hidden="true">x</span>"#, "span"));
        assert!(first(r#"<img src="t.gif" width="1" height="1">"#, "img"));
        assert!(!first(r#"<img src="a.jpg" width="640">"#, "img"));
        assert!(!first(r#"<div style="display: block">x</div>"#, "div"));
    }
}
