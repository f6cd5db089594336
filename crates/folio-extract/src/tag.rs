//! The element names the extractor tells apart, read once per element so that later passes
//! compare small enums instead of strings.

/// An element kind (or a text node, or the document root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Root,
    Text,
    Html,
    Body,
    Title,
    Div,
    Section,
    Article,
    Main,
    P,
    Br,
    A,
    H1,
    H2,
    Ul,
    Ol,
    Li,
    Dl,
    Table,
    Tr,
    Td,
    Blockquote,
    Pre,
    Figure,
    Img,
    Nav,
    Header,
    Footer,
    Aside,
    Form,
    Center,
    Font,
    /// Another block-level element (address, dd, dt, fieldset, hr, thead, tbody, …).
    OtherBlock,
    /// Another inline element (span, b, strong, em, i, code, sup, …).
    Inline,
    /// Elements that never carry article text (script, style, forms' inputs, media, …).
    Never,
}

impl Tag {
    pub fn of(name: &str) -> Tag {
        match name {
            "html" => Tag::Html,
            "body" => Tag::Body,
            "title" => Tag::Title,
            "div" => Tag::Div,
            "section" => Tag::Section,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "p" => Tag::P,
            "br" => Tag::Br,
            "a" => Tag::A,
            "h1" => Tag::H1,
            "h2" | "h3" | "h4" | "h5" | "h6" => Tag::H2,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "dl" => Tag::Dl,
            "table" => Tag::Table,
            "tr" => Tag::Tr,
            "td" | "th" => Tag::Td,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "figure" => Tag::Figure,
            "img" | "picture" => Tag::Img,
            "nav" | "menu" => Tag::Nav,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "aside" => Tag::Aside,
            "form" => Tag::Form,
            "center" => Tag::Center,
            "font" => Tag::Font,
            "address" | "dd" | "dt" | "fieldset" | "hr" | "thead" | "tbody" | "tfoot"
            | "caption" | "figcaption" | "details" | "summary" | "hgroup" | "dir" | "tt" => {
                Tag::OtherBlock
            }
            "script" | "style" | "noscript" | "iframe" | "frame" | "frameset" | "head" | "meta"
            | "link" | "template" | "svg" | "canvas" | "object" | "embed" | "button" | "input"
            | "select" | "option" | "textarea" | "label" | "audio" | "video" | "map" | "area"
            | "dialog" | "applet" | "marquee" => Tag::Never,
            // A formula's source (TeX beside its MathML) would say it twice; `<math>` itself is
            // text, its tokens inline.
            "annotation" | "annotation-xml" => Tag::Never,
            _ => Tag::Inline,
        }
    }

    /// Never article text: left out of the arena with its whole subtree. (`<title>` is read
    /// for the headline before it is left out.)
    pub fn never_content(self) -> bool {
        matches!(self, Tag::Never | Tag::Title)
    }

    /// Starts a new block of text (a line break when the page is rendered).
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Text | Tag::A | Tag::Inline | Tag::Font | Tag::Img | Tag::Root
        )
    }

    /// Holds running text as a unit that Readability would score as a paragraph.
    pub fn is_paragraph(self) -> bool {
        matches!(
            self,
            Tag::P | Tag::Pre | Tag::Td | Tag::Li | Tag::Blockquote | Tag::H2
        )
    }
}
