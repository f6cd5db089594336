//! The article's author, from the page's metadata first and its byline after, and the links
//! to an author's page that blogs print.

use folio_html::text::{looks_like_name, squash};
use html5ever::local_name;
use scraper::{ElementRef, Html};

use super::meta::{person_names, select_named, selector, text_of, Metadata};
use crate::byline::{self, Byline};
use crate::names::{author_name, looks_like_organisation, tidy_names};

/// The article's author: a person named in `<meta>`, JSON-LD, `rel=author` or a Founder
/// comment, else the byline's. Profile links, template placeholders ("name, email@…") and
/// forum software crediting its makers are not names.
pub(crate) fn author(page: &Metadata, byline: &Byline) -> Option<String> {
    let doc = page.doc;
    // A person named by a later key beats a publisher in `<meta name=author>` (`dc.creator`
    // on journal pages).
    let named_in_meta: Vec<String> = [
        "author",
        "article:author",
        "dc.creator",
        "sailthru.author",
        "parsely-author",
        "byl",
    ]
    .iter()
    .filter_map(|key| text_of(page.meta.get(*key)?))
    .filter(|a| !a.starts_with("http") && !a.contains('@') && !names_software(a))
    .filter_map(|a| author_name(&a))
    .collect();
    let in_json_ld = page.ld_get("author").as_ref().and_then(person_names);
    // Of several names in `<meta>`, the one JSON-LD names too is the author (`author` is
    // the publisher's on some groups' sites: `Condé Nast` beside `article:author`).
    let confirmed = in_json_ld.as_deref().and_then(|ld| {
        named_in_meta
            .iter()
            .find(|a| ld.split(", ").any(|name| name == a.as_str()))
    });
    let named = confirmed
        .or_else(|| named_in_meta.iter().find(|a| !looks_like_organisation(a)))
        .or(named_in_meta.first())
        .cloned()
        .or(in_json_ld)
        .or_else(|| rel_author(doc).and_then(|a| author_name(&a)))
        .or_else(|| page.founder_get("author").and_then(|a| author_name(&a)));
    let person = |found: Option<String>| found.and_then(|a| author_name(&a));
    // Chinese sites often put their own name in <meta name=author>; the byline's person wins.
    match named {
        Some(name) if looks_like_organisation(&name) => person(byline.author()).or(Some(name)),
        Some(name) => Some(name),
        None => person(byline.author())
            .or_else(|| byline.under_headline(credit_line))
            .or_else(|| person(author_link(doc, &byline.window)))
            .or_else(|| person(blog_owner_link(doc)))
            .or_else(|| person(byline::copyright_holder(doc))),
    }
    .map(|names| tidy_names(&names))
}

/// Words that open a credit line in English, German, French, Spanish and Dutch.
const CREDIT_WORDS: &[&str] = &["by", "von", "par", "por", "door"];

/// A byline printed in words rather than marked up, right under the headline (read by
/// [`Byline::under_headline`]): the first element there whose whole text is a credit word
/// and names (`By Jane Doe`, `Von Max Muster`, `Par Jean Dupont`, `By Ann Lee and Bo Park`),
/// read as [`author_name`] reads names (a date after them cut). Each name must read as one:
/// capitals, particles (`van`, `de`).
fn credit_line(el: ElementRef) -> Option<String> {
    let text = byline::short_text(el, byline::LINE_CHARS)?;
    let is_credit_word =
        |word: &str| CREDIT_WORDS.contains(&word.trim_end_matches(':').to_lowercase().as_str());
    let rest = match text.split_once(' ') {
        Some((word, rest)) if is_credit_word(word) => rest.to_owned(),
        // The word alone, the names in the element after it: `<span>By</span><a>…</a>`.
        None if is_credit_word(&text) => {
            let next = el.next_siblings().find_map(ElementRef::wrap)?;
            byline::short_text(next, byline::LINE_CHARS)?
        }
        _ => return None,
    };
    if rest.is_empty() {
        return None;
    }
    // A credit line set in parts (`<span>by</span> <a>Name</a><span>22 Dec</span>`) reads
    // best from its innermost element that holds the credit word and the names.
    if let Some(inner) = el
        .children()
        .filter_map(ElementRef::wrap)
        .find_map(credit_line)
    {
        return Some(inner);
    }
    let names = author_name(&format!("By {rest}"))?;
    let each_a_name = names
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .all(|name| {
            (1..=4).contains(&name.split_whitespace().count())
                && name.chars().any(char::is_alphabetic)
                && looks_like_name(name)
        });
    each_a_name.then_some(names)
}

pub(crate) fn rel_author(doc: &Html) -> Option<String> {
    let text = |el: ElementRef| squash(&el.text().collect::<String>());
    let short = |t: &String| !t.is_empty() && t.chars().count() <= 60;
    doc.select(selector!(r#"a[rel~="author"], [itemprop="author"]"#))
        .map(text)
        .find(short)
}

/// Links to an author's page: `/author/jane-doe/`, `?author=102`, `?pc=3&author=102`.
pub(crate) const AUTHOR_LINKS: &str =
    r#"a[href*="/author/"], a[href*="?author="], a[href*="&author="]"#;

/// Forum and blog software that writes its makers into `<meta name=author>` on every page it
/// serves (`Discuz! Team and Comsenz UI Team`): the software's credit, not the article's.
pub(crate) fn names_software(author: &str) -> bool {
    const MAKERS: &[&str] = &[
        "discuz!",
        "comsenz",
        "phpwind",
        "dedecms",
        "powered by",
        "wordpress",
        "joomla",
        "drupal",
        "vbulletin",
        "phpbb",
    ];
    let author = author.to_ascii_lowercase();
    MAKERS.iter().any(|maker| author.contains(maker))
}

/// The first link to an author's page whose text is in the byline under the headline, as
/// blogs and WordPress sites link a byline: a last resort. Links elsewhere (other writers'
/// columns in a sidebar) are not the article's author.
pub(crate) fn author_link(doc: &Html, byline_window: &str) -> Option<String> {
    let byline = squash(byline_window);
    if byline.is_empty() {
        return None;
    }
    select_named(doc, local_name!("a"), selector!(AUTHOR_LINKS))
        .map(|el| squash(&el.text().collect::<String>()))
        .find(|t| could_be_a_link_name(t) && byline.contains(t.as_str()))
}

/// The owner of a one-author blog, after every other source: its pages link the author's
/// archive many times over (categories `?pc=3&author=102`, months `?m=200604&author=102`),
/// and the link to the author's own page (`?author=102`, `/author/jane-doe/`) carries the
/// name. A news page's sidebar links several writers once each, so at least three author
/// links are asked for, nine in ten of them to the same author.
pub(crate) fn blog_owner_link(doc: &Html) -> Option<String> {
    let links: Vec<(AuthorHref, ElementRef)> =
        select_named(doc, local_name!("a"), selector!(AUTHOR_LINKS))
            .filter_map(|el| Some((AuthorHref::read(el.value().attr("href")?)?, el)))
            .collect();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (href, _) in &links {
        *counts.entry(href.author).or_default() += 1;
    }
    // Two authors cannot both have nine links in ten: a tie fails the test below either way.
    let (owner, owned) = counts.into_iter().max_by_key(|&(_, count)| count)?;
    if owned < 3 || owned * 10 < links.len() * 9 {
        return None;
    }
    links
        .iter()
        .filter(|(href, _)| href.author == owner && href.own_page)
        .map(|(_, el)| squash(&el.text().collect::<String>()))
        .find(|t| could_be_a_link_name(t))
}

/// A short link text without addresses: a name rather than "View all posts" prose.
pub(crate) fn could_be_a_link_name(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 40
        && text.split_whitespace().count() <= 4
        && !text.contains(['@', '/', ':'])
}

/// Which author a link to an author's page names, and whether it is that author's own page
/// rather than one of their archives.
pub(crate) struct AuthorHref<'h> {
    author: &'h str,
    own_page: bool,
}

impl<'h> AuthorHref<'h> {
    fn read(href: &'h str) -> Option<Self> {
        let href = href.split('#').next().unwrap_or(href);
        if let Some(at) = href.find("/author/") {
            let rest = &href[at + "/author/".len()..];
            let author = rest.split(['/', '?']).next().filter(|a| !a.is_empty())?;
            let own_page = rest.trim_end_matches('/') == author;
            return Some(AuthorHref { author, own_page });
        }
        let at = href.find("?author=").or_else(|| href.find("&author="))?;
        let rest = &href[at + "?author=".len()..];
        let author = rest.split('&').next().filter(|a| !a.is_empty())?;
        let own_page = href[at..].starts_with('?') && rest.len() == author.len();
        Some(AuthorHref { author, own_page })
    }
}
