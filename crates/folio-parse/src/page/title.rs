//! The headline as readers see it, where the page's metadata says more or less than that: a
//! `<title>` that keeps the site's name after a separator too common to cut blindly
//! (`标题-站名`, `标题 站名`), an `<h1>` that is the site's logo, and a `<title>` that names the
//! section the article is filed under (the breadcrumb's last item) rather than the article.
//!
//! A suffix is cut only when the page confirms it: the site's name given elsewhere (its
//! `og:site_name`, the logo's alt text, the home link's text, the copyright line), or the
//! part before the separator printed alone, as a headline is.

use std::cell::OnceCell;

use ego_tree::NodeRef;
use folio_html::text::{is_han, squash};
use html5ever::local_name;
use scraper::{ElementRef, Html, Node};
use serde_json::{Map, Value};

use super::meta::{readable, select_named, selector, text_of, Metadata};
use crate::byline;

/// The page's `<title>`, white space squashed.
pub(crate) fn page_title(doc: &Html) -> Option<String> {
    select_named(doc, local_name!("title"), selector!("title"))
        .next()
        .map(|t| squash(&t.text().collect::<String>()))
}

/// The article's headline, from the page's metadata, its `<h1>` and its `<title>`; `url` is
/// the page's address, whose host names the site too.
pub(crate) fn headline(
    page: &Metadata,
    page_title: Option<&str>,
    url: Option<&str>,
) -> Option<String> {
    let doc = page.doc;
    let headline = first_heading(doc);
    let cut_title = page_title.map(cut_site_name);
    let site = Site::new(doc, page.meta).with_host(url.and_then(crate::fields::host));
    page.get(&[
        "og:title",
        "twitter:title",
        "sailthru.title",
        "parsely-title",
        "dc.title",
    ])
    // A meta title that is a truncated copy of the page title (an unescaped quote in the
    // attribute ends it early: `content="男孩写"救命啊"纸团"`) loses to the page title. A meta
    // title the page title goes on from otherwise is the headline without the site's suffix
    // (`Headline　写真1枚　国際ニュース：AFPBB News`, `Headline / Raksts / LSM.lv`).
    .map(|meta| match &cut_title {
        Some(cut)
            if cut
                .strip_prefix(meta.as_str())
                .is_some_and(|rest| rest.starts_with(['"', '\''])) =>
        {
            cut.clone()
        }
        _ => meta,
    })
    .or_else(|| page.ld_get("headline").as_ref().and_then(text_of))
    // Sites write their name into `og:title` as into the `<title>` ("Headline - Site").
    .map(|meta| site.cut(&meta))
    .map(|title| {
        headline
            .as_deref()
            .and_then(|h| printed_part(&title, h))
            .unwrap_or(title)
    })
    .or_else(|| {
        // An `<h1>` that the title holds is the headline, unless the title holds more and the
        // `<h1>` is the site's name (a logo set in an `<h1>`, `标题 站名`).
        headline.clone().filter(|h| {
            page_title.is_some_and(|t| {
                t.contains(h.as_str())
                    && (t == h || cut_title.as_ref() == Some(h) || !site.is_name(h))
            })
        })
    })
    // The `<title>` without a site name the page confirms, or, when it names the section the
    // article is filed under, the headline under the breadcrumb.
    .or_else(|| {
        let title = site.cut(&not_the_site(page_title?, cut_title?, &site));
        Some(under_breadcrumb(doc, &title).unwrap_or(title))
    })
    .or(headline)
    .map(|title| without_page_marks(&readable(&title)))
}

/// A title without what a forum or a paged article writes around it: a leading `主题:` or
/// `标题：`, a trailing page number (`(页 1)`, `（第2页）`, `_第3页`).
pub(crate) fn without_page_marks(title: &str) -> String {
    let mut title = title.trim();
    for label in ["主题", "标题"] {
        if let Some(rest) = title.strip_prefix(label) {
            if let Some(rest) = rest.trim_start().strip_prefix([':', '：']) {
                title = rest.trim_start();
            }
        }
    }
    let page_mark = |s: &str| {
        let inner = s.trim();
        let inner = inner
            .strip_prefix('第')
            .and_then(|n| n.strip_suffix('页'))
            .or_else(|| inner.strip_prefix('页'))
            .map(str::trim);
        inner.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let cut = title
        .strip_suffix([')', '）'])
        .and_then(|rest| rest.rfind(['(', '（']).map(|at| (at, &rest[at..])))
        .filter(|(_, mark)| page_mark(&mark[mark.chars().next().map_or(0, char::len_utf8)..]))
        .map(|(at, _)| at)
        .or_else(|| {
            let at = title.rfind(['_', '-'])?;
            page_mark(&title[at + 1..]).then_some(at)
        });
    match cut {
        Some(at) if !title[..at].trim().is_empty() => title[..at].trim_end().to_owned(),
        _ => title.to_owned(),
    }
}

/// The part of a `<title>` that [`cut_site_name`] kept, unless the page confirms it as its
/// own name (a logo's text, `og:site_name`): `Joel on Software - 给计算机系学生的建议` keeps the
/// site's half by length. Then the longest other part.
fn not_the_site(title: &str, cut: String, site: &Site) -> String {
    let Some(parts) = title_parts(title) else {
        return cut;
    };
    if !site.is_name(&cut) {
        return cut;
    }
    parts
        .into_iter()
        .filter(|part| *part != cut && !site.is_name(part))
        .max_by_key(|part| part.chars().count())
        .map_or(cut, str::to_owned)
}

/// What sites set between a title's parts.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", "_", "｜", " :: ", " » ", "--"];

/// What sites set before their name as well, when the host or `og:site_name` says that the
/// part after it is that name: marks that also join a headline's own parts.
const NAMED_SEPARATORS: &[&str] = &[" · ", " • ", " › ", " // ", " / ", " : ", "："];

/// A title's parts between its separators, when it has any.
fn title_parts(title: &str) -> Option<Vec<&str>> {
    let sep = SEPARATORS.iter().find(|sep| title.contains(*sep))?;
    Some(
        title
            .split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

/// `Headline - Channel - Site` → `Headline`. Sites put the headline first and their name
/// after a separator; the few that put their name first (`Site | Headline`) are told by a
/// later part more than twice as long as the first.
pub(crate) fn cut_site_name(title: &str) -> String {
    let Some(parts) = title_parts(title) else {
        return title.trim().to_owned();
    };
    let first = parts.first().copied().unwrap_or(title);
    let longest = parts
        .iter()
        .copied()
        .max_by_key(|p| p.chars().count())
        .unwrap_or(first);
    if longest.chars().count() > 2 * first.chars().count() {
        longest.to_owned()
    } else {
        first.to_owned()
    }
}

/// Separators between a title's parts, spaced on both sides: the marks that set off a
/// section (`Opinion | …`), a show's name, a date (`… : 31.10.2023`) or a teaser.
const SPACED_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " » ", " : ", " · ", " / "];

/// The page's `<h1>` when the meta title is it with more around it, set off by a spaced
/// separator or in brackets at its end: the section or column before the headline
/// (`Opinion | Headline`), a date, a teaser or the source after it (`Headline : 31.10.2023,
/// 10.19 Uhr`, `見出し（CNET Japan）`). A kicker joined by a colon alone (`Chronik: Headline`)
/// is part of the headline and stays.
fn printed_part(title: &str, h1: &str) -> Option<String> {
    // Ten columns at least, a wide character counting two: a section's name is shorter.
    let columns: usize = h1
        .chars()
        .map(|c| if c >= '\u{2e80}' { 2 } else { 1 })
        .sum();
    if columns < 10 || h1 == title {
        return None;
    }
    let before = title.strip_suffix(h1).is_some_and(|head| {
        SPACED_SEPARATORS
            .iter()
            .any(|sep| head.ends_with(sep) && head.len() > sep.len())
    });
    let after = title.strip_prefix(h1).is_some_and(|tail| {
        SPACED_SEPARATORS
            .iter()
            .any(|sep| tail.starts_with(sep) && tail.len() > sep.len())
            || tail.trim_start().starts_with(['（', '(']) && tail.ends_with(['）', ')'])
    });
    (before || after).then(|| h1.to_owned())
}

pub(crate) fn first_heading(doc: &Html) -> Option<String> {
    select_named(doc, local_name!("h1"), selector!("h1"))
        .map(|h| squash(&h.text().collect::<String>()))
        .find(|t| t.chars().count() >= 4)
}

/// Labels of a host that name no site: `www.`, a language's or a mobile site's, a blog
/// platform's own.
const GENERIC_HOST_LABELS: &[&str] = &[
    "www",
    "m",
    "mobile",
    "amp",
    "blog",
    "blogs",
    "news",
    "de",
    "en",
    "fr",
    "es",
    "it",
    "wordpress",
    "blogspot",
    "tumblr",
    "medium",
    "substack",
];

/// The longest site name read from a title's end, in characters.
const SITE_NAME_CHARS: usize = 30;

/// The shortest headline left once a suffix is cut, in characters.
const HEAD_CHARS: usize = 4;

/// What the page calls its site, read when a title first asks.
pub(crate) struct Site<'d> {
    doc: &'d Html,
    meta_name: Option<String>,
    /// The names the page's host gives the site, letters and digits only: the host without
    /// its last label (`heizung` of `heizung.de`, `piratenparteimarburg` of
    /// `piratenpartei-marburg.de`), then, on a host of several labels, each of them
    /// (`coloursofthesoul` and `alhelm` of `colours-of-the-soul.alhelm.net`).
    hosts: Vec<String>,
    evidence: OnceCell<Evidence>,
}

/// The site's name as the page gives it, white space removed and lower-cased.
#[derive(Default)]
struct Evidence {
    /// Given alone: `og:site_name`, the logo's alt text, the home link's text.
    names: Vec<String>,
    /// Copyright lines, which name the site among other words (`版权所有 某某医院 ©2018`).
    lines: Vec<String>,
}

impl<'d> Site<'d> {
    pub(crate) fn new(doc: &'d Html, meta: &Map<String, Value>) -> Self {
        let meta_name = ["og:site_name", "application-name"]
            .iter()
            .find_map(|key| meta.get(*key)?.as_str())
            .map(str::to_owned);
        Site {
            doc,
            meta_name,
            hosts: Vec::new(),
            evidence: OnceCell::new(),
        }
    }

    /// The site known by its host name too (`example.co.uk` without `www.`).
    pub(crate) fn with_host(mut self, host: Option<String>) -> Self {
        let Some(host) = host else {
            return self;
        };
        let labels: Vec<&str> = host.split('.').collect();
        // `example.co.uk`, `example.com.py`: a second-level label of two or three letters
        // under a country's is part of the suffix.
        let keep = match labels.as_slice() {
            [.., _, second, country] if country.len() == 2 && second.len() <= 3 => {
                labels.len().saturating_sub(2)
            }
            _ => labels.len().saturating_sub(1),
        };
        let kept = &labels[..keep.max(1)];
        let alphanumeric =
            |text: &str| -> String { text.chars().filter(|c| c.is_alphanumeric()).collect() };
        self.hosts.push(alphanumeric(&kept.concat()));
        if kept.len() > 1 {
            self.hosts.extend(
                kept.iter()
                    .filter(|label| !GENERIC_HOST_LABELS.contains(label))
                    .map(|label| alphanumeric(label)),
            );
        }
        self
    }

    /// Whether `part` of a title is the host's name: letters and digits the same with or
    /// without the domain's ending (`heizung.de`, `BMAS`), or the host's name most of a
    /// longer one (`Kanzlei Viehbacher` on `viehbacher.com`; not `Apple's best yet` on
    /// `apple.com`).
    fn host_names(&self, part: &str) -> bool {
        let part: String = part
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let part_chars = part.chars().count();
        self.hosts.iter().any(|host| {
            let host_chars = host.chars().count();
            host_chars >= 3
                && (part.starts_with(host.as_str()) && part_chars <= host_chars + 4
                    || part.contains(host.as_str()) && 2 * host_chars >= part_chars)
        })
    }

    fn evidence(&self) -> &Evidence {
        self.evidence.get_or_init(|| {
            let mut evidence = Evidence::default();
            evidence.names.extend(self.meta_name.as_deref().map(plain));
            read_page(self.doc, &mut evidence);
            evidence
        })
    }

    /// Whether `text` is the site's name, as a logo set in an `<h1>` is: a name the page
    /// gives alone, or one its copyright line holds.
    pub(crate) fn is_name(&self, text: &str) -> bool {
        let text = plain(text);
        let evidence = self.evidence();
        text.chars().count() >= 2
            && (evidence.names.contains(&text)
                || evidence.lines.iter().any(|line| line.contains(&text)))
    }

    /// Whether `suffix`, cut from a title, names the site: a name the page gives alone that
    /// it equals, holds or is held by, or a copyright line that holds it.
    fn confirms(&self, suffix: &str) -> bool {
        if self.host_names(suffix) {
            return true;
        }
        let suffix = plain(suffix);
        let evidence = self.evidence();
        evidence.names.iter().any(|name| same_name(name, &suffix))
            || evidence.lines.iter().any(|line| line.contains(&suffix))
    }

    /// `title` without the site name or section it ends with, when the page confirms it; cut
    /// again while the rest ends with another (`标题-频道-站名`).
    pub(crate) fn cut(&self, title: &str) -> String {
        let mut title = title.trim().to_owned();
        let mut cut = false;
        if let Some(head) = self.before_named_part(&title) {
            title = head;
            cut = true;
        }
        while let Some(head) = self.confirmed_head(&title) {
            title = head;
            cut = true;
        }
        if cut {
            // What joined the head to the name: `标题 (2) @ 博客名 :: 站名 ::`.
            let joint = |c: char| c.is_whitespace() || "@:：»·•|/".contains(c);
            title.truncate(title.trim_end_matches(joint).len());
        }
        // A site that puts its name first: `BMAS - Headline`, `GitHub - owner/repo: …`.
        if let Some(rest) = self.confirmed_tail(&title) {
            title = rest;
        }
        title
    }

    /// The part after the first separator when the part before it is the
    /// site's name and the shorter: its host's name or its `og:site_name`. A link home is
    /// not evidence enough here, where the part is as often the article's subject
    /// (`Barcamp Graz 2015 – Politcamp Call for Action`).
    fn confirmed_tail(&self, title: &str) -> Option<String> {
        let (at, sep) = SEPARATORS
            .iter()
            .filter_map(|sep| Some((title.find(sep)?, sep)))
            .min_by_key(|&(at, _)| at)?;
        let (name, rest) = (title[..at].trim(), title[at + sep.len()..].trim());
        let name_chars = name.chars().count();
        ((2..=SITE_NAME_CHARS).contains(&name_chars)
            && rest.chars().count() > name_chars.max(HEAD_CHARS)
            && self.named_by_host_or_meta(name))
        .then(|| rest.to_owned())
    }

    /// Whether `part` of a title is the site's name by the page's host or its `og:site_name`:
    /// evidence enough to cut it wherever it stands.
    fn named_by_host_or_meta(&self, part: &str) -> bool {
        self.host_names(part)
            || self
                .meta_name
                .as_deref()
                .is_some_and(|site| plain(site) == plain(part))
    }

    /// What comes before the site's name, where a title's later part is that name by its host
    /// or its `og:site_name`, whatever follows it (`Headline | petri-heil.ch | Dein Schweizer
    /// Fischereimagazin`, a name too long for a suffix: `Headline - Piratenpartei
    /// Marburg-Biedenkopf`), or names it in brackets at its end (`Headline (neues deutschland)`).
    fn before_named_part(&self, title: &str) -> Option<String> {
        let names = |part: &str| self.named_by_host_or_meta(part);
        let separators = SEPARATORS.iter().chain(NAMED_SEPARATORS);
        for sep in separators.filter(|sep| title.contains(**sep)) {
            let parts: Vec<&str> = title.split(sep).collect();
            if let Some(at) = (1..parts.len()).find(|&at| names(parts[at].trim())) {
                let head = parts[..at].join(sep);
                let head = head.trim();
                return (head.chars().count() >= HEAD_CHARS).then(|| head.to_owned());
            }
        }
        let open = title.strip_suffix(')')?.rfind(" (")?;
        let head = title[..open].trim();
        (head.chars().count() >= HEAD_CHARS && names(&title[open + 2..title.len() - 1]))
            .then(|| head.to_owned())
    }

    /// The part before the rightmost separator whose suffix the page confirms.
    fn confirmed_head(&self, title: &str) -> Option<String> {
        splits(title).find_map(|(head, suffix, run)| {
            let named = || self.confirms(suffix);
            let shown =
                || head.chars().count() > suffix.chars().count() && shown_alone(self.doc, head);
            let confirmed = match run {
                Run::Spaces => named(),
                Run::WordHyphen => shown(),
                Run::Marks => named() || shown(),
            };
            confirmed.then(|| head.to_owned())
        })
    }
}

/// What separates a head from a suffix.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Run {
    /// White space alone, which also separates a title's words: only a site's name confirmed
    /// by the page is cut after it.
    Spaces,
    /// A hyphen between two letters or digits (`Gigafactory-Kapazität`, `GPU-EDN`): a word's
    /// unless the head is printed alone.
    WordHyphen,
    /// Marks, spaced or not: `-`, `_`, `|`, dashes.
    Marks,
}

/// Every way to cut `title` at a run of separators, rightmost first: the head, the suffix and
/// the run between, when the suffix may be a site's name. Cut at spaces, a suffix must be Han
/// characters only: Chinese titles set a site's name off by a space, other titles their words.
fn splits(title: &str) -> impl Iterator<Item = (&str, &str, Run)> {
    let is_separator = |c: char| c.is_whitespace() || "-－_|｜–—»".contains(c);
    let mut end = title.len();
    std::iter::from_fn(move || {
        while end > 0 {
            let (at, c) = title[..end].char_indices().next_back()?;
            end = at;
            if !is_separator(c) {
                continue;
            }
            let run_end = at + c.len_utf8();
            let start = title[..at].trim_end_matches(is_separator).len();
            end = start;
            let (head, suffix) = (title[..start].trim(), title[run_end..].trim());
            let run = run_kind(&title[start..run_end], &title[..start], &title[run_end..]);
            let suffix_chars = suffix.chars().count();
            if head.chars().count() >= HEAD_CHARS
                && (2..=SITE_NAME_CHARS).contains(&suffix_chars)
                && (run != Run::Spaces || suffix.chars().all(is_han))
            {
                return Some((head, suffix, run));
            }
        }
        None
    })
}

/// The kind of the separators `run`, between `before` and `after`.
fn run_kind(run: &str, before: &str, after: &str) -> Run {
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_han(c));
    if run.chars().all(char::is_whitespace) {
        Run::Spaces
    } else if run == "-" && word_char(before.chars().next_back()) && word_char(after.chars().next())
    {
        Run::WordHyphen
    } else {
        Run::Marks
    }
}

/// Two names the same, or one holding the other when that one has three characters or more
/// (`电子技术设计` in `EDN电子技术设计`).
fn same_name(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.chars().count() >= 3 && long.contains(short))
}

/// Whether `head` is all the text of an element outside links: the headline printed alone
/// (not the first line of a headline set on two).
fn shown_alone(doc: &Html, head: &str) -> bool {
    byline::element_holding_title(doc, head).is_some_and(|el| {
        squash(&el.text().collect::<String>()) == squash(head)
            && !std::iter::once(*el)
                .chain(el.ancestors())
                .any(|n| is_link(&n))
    })
}

/// Reads the logo's alt text, the home link's text and the copyright lines.
fn read_page(doc: &Html, evidence: &mut Evidence) {
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Element(el) if el.name() == "a" && el.attr("href").is_some_and(is_home) => {
                let link = ElementRef::wrap(node).expect("an element");
                evidence.names.push(plain(&link.text().collect::<String>()));
                evidence.names.extend(el.attr("title").map(plain));
            }
            Node::Element(el) if el.name() == "img" && is_logo(&node) => {
                evidence.names.extend(
                    ["alt", "title"]
                        .iter()
                        .filter_map(|a| el.attr(a))
                        .map(plain),
                );
            }
            Node::Text(text)
                if text.len() <= COPYRIGHT_LINE && byline::has_copyright_mark(text) =>
            {
                evidence.lines.push(plain(text));
            }
            _ => {}
        }
    }
    evidence
        .names
        .retain(|name| name.chars().count() >= 2 && !is_home_word(name));
}

/// The longest copyright line read, in bytes.
const COPYRIGHT_LINE: usize = 600;

/// An address of the site's front page: `/`, `index.html`, `https://example.cn/`.
fn is_home(href: &str) -> bool {
    let href = href.trim();
    let path = match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => href,
    };
    let page = path.trim_start_matches(['.', '/']);
    path.starts_with(['/', '.'])
        && (page.is_empty() || page.starts_with("index."))
        && !path.starts_with("..")
}

/// An image named for a logo, or one inside a link to the front page.
fn is_logo(img: &NodeRef<Node>) -> bool {
    let Node::Element(el) = img.value() else {
        return false;
    };
    let names_logo = ["src", "class", "id"]
        .iter()
        .filter_map(|a| el.attr(a))
        .any(|v| v.to_ascii_lowercase().contains("logo"));
    names_logo
        || img.ancestors().any(|n| match n.value() {
            Node::Element(a) => a.name() == "a" && a.attr("href").is_some_and(is_home),
            _ => false,
        })
}

/// Link texts that say "front page" rather than the site's name.
fn is_home_word(name: &str) -> bool {
    ["首页", "主页", "返回", "home", "index"]
        .iter()
        .any(|word| name.contains(word))
}

fn is_link(node: &NodeRef<Node>) -> bool {
    matches!(node.value(), Node::Element(el) if el.name() == "a")
}

/// White space removed and lower-cased, as names are compared.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// When `title` is the last item of a breadcrumb trail (`首页 - 新闻动态`), it names the
/// section the article is filed under: the headline is the heading after the trail that a
/// date follows closely, as a byline follows a headline (the last heading before that date).
pub(crate) fn under_breadcrumb(doc: &Html, title: &str) -> Option<String> {
    if title.chars().count() > SECTION_CHARS {
        return None;
    }
    let trail = breadcrumb_ending_with(doc, title)?;
    let mut heading: Option<(ElementRef, String)> = None;
    let mut since_heading = 0;
    for node in byline::following_nodes(trail).take(FOLLOWING_NODES) {
        if let Some(el) = ElementRef::wrap(node).filter(|el| is_heading(el.value().name())) {
            let text = squash(&el.text().collect::<String>());
            let chars = text.chars().count();
            // A byline set in bold (`<b>发布时间：…</b>`) is read as text below.
            if (HEAD_CHARS..=HEADLINE_CHARS).contains(&chars)
                && text != title
                && byline::first_date(&text, false).is_none()
                && !el.ancestors().any(|n| is_link(&n))
            {
                heading = Some((el, text));
                since_heading = 0;
            }
            continue;
        }
        let Node::Text(text) = node.value() else {
            continue;
        };
        let Some((el, _)) = &heading else {
            continue;
        };
        if node.parent().is_some_and(|p| byline::is_hidden(&p))
            || node.ancestors().any(|a| a == **el)
        {
            continue;
        }
        if byline::first_date(text, false).is_some() {
            return heading
                .filter(|_| since_heading <= DATE_WITHIN)
                .map(|(_, text)| text);
        }
        since_heading += text.chars().filter(|c| !c.is_whitespace()).count();
    }
    None
}

/// The longest section name, in characters: a longer title is an article's.
const SECTION_CHARS: usize = 16;

/// How many nodes after a breadcrumb trail are searched for the headline.
const FOLLOWING_NODES: usize = 600;

/// How far after a headline, in characters, the date of its byline is looked for.
const DATE_WITHIN: usize = 40;

/// The longest headline, in characters.
const HEADLINE_CHARS: usize = 100;

/// Headings, and the bold and big text older pages set headlines in.
fn is_heading(name: &str) -> bool {
    matches!(
        name,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "big"
    )
}

/// The element, a text node's parent or one of its next two ancestors, whose text is a
/// breadcrumb trail ending with `title`.
fn breadcrumb_ending_with<'a>(doc: &'a Html, title: &str) -> Option<ElementRef<'a>> {
    let longest = title.chars().count() + TRAIL_CHARS;
    doc.tree.nodes().find_map(|node| {
        let Node::Text(text) = node.value() else {
            return None;
        };
        if !text.trim_end().ends_with(title) {
            return None;
        }
        node.ancestors()
            .take(3)
            .filter_map(ElementRef::wrap)
            .take_while(|el| !byline::is_hidden(el))
            .find(|el| {
                let text = squash(&el.text().collect::<String>());
                text.chars().count() <= longest && is_trail(&text, title)
            })
    })
}

/// How much text a breadcrumb trail has before its last item, in characters.
const TRAIL_CHARS: usize = 60;

/// `首页 > 新闻动态`, `当前位置：首页 - 新闻动态`, `Home » News`: items after a front page,
/// the last one `title`.
fn is_trail(text: &str, title: &str) -> bool {
    let Some(before) = text.strip_suffix(title).map(str::trim_end) else {
        return false;
    };
    let starts_trail = ["首页", "主页", "位置", "Home", "home"]
        .iter()
        .any(|word| before.contains(word));
    starts_trail && before.ends_with(['>', '»', '›', '-', '/', '→', '＞', '|', '｜'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_headline_is_the_part_of_the_title_the_h1_gives() {
        let h1 = "Republicans stay on course";
        for title in [
            "Opinion | Republicans stay on course",
            "Republicans stay on course : 31.10.2023, 10.19 Uhr",
            "Republicans stay on course » Read it today",
            "Republicans stay on course (Harbour Wire)",
        ] {
            assert_eq!(printed_part(title, h1).as_deref(), Some(h1), "{title}");
        }
        assert_eq!(
            printed_part("港口吞吐量回升（示例网）", "港口吞吐量回升了三成多"),
            None
        );
        for title in [
            // A kicker joined by a colon alone is part of the headline.
            "Analysis: Republicans stay on course",
            // A longer headline the h1 only begins.
            "Republicans stay on course, for now",
            "Republicans stay on course",
        ] {
            assert_eq!(printed_part(title, h1), None, "{title}");
        }
        // An h1 too short to be a headline (a section's name) says nothing.
        assert_eq!(printed_part("Opinion | Republicans stay", "Opinion"), None);
    }

    fn cut(html: &str, title: &str) -> String {
        let doc = Html::parse_document(html);
        Site::new(&doc, &Map::new()).cut(title)
    }

    #[test]
    fn a_suffix_confirmed_by_the_page_is_cut() {
        let title = "港口吞吐量稳步回升-示例传媒";
        // Nothing on the page names the site: the title stays whole.
        assert_eq!(cut("<p>正文。</p>", title), title);
        for page in [
            r#"<img src="/img/logo.png" alt="示例传媒">"#,
            r#"<a href="/">示例传媒</a>"#,
            r#"<a href="https://news.example.cn/">示例传媒</a>"#,
            "<p>版权所有 示例传媒 Copyright © 2018</p>",
            "<h2>港口吞吐量稳步回升</h2>",
        ] {
            assert_eq!(cut(page, title), "港口吞吐量稳步回升", "{page}");
        }
        let doc = Html::parse_document("<p>正文。</p>");
        let mut meta = Map::new();
        meta.insert("og:site_name".into(), "示例传媒".into());
        assert_eq!(Site::new(&doc, &meta).cut(title), "港口吞吐量稳步回升");
    }

    #[test]
    fn a_suffix_set_off_by_a_space_is_a_chinese_site_name() {
        let footer = "<p>版权所有 示例省中医院 Copyright © 2018</p>";
        assert_eq!(
            cut(footer, "【专题】医院举办技能大赛 示例省中医院"),
            "【专题】医院举办技能大赛"
        );
        // Other titles space their words: a last word is not cut, even when the page names it.
        let footer = "<p>© 2020 Harbour News</p>";
        assert_eq!(
            cut(footer, "Cranes return to Harbour News"),
            "Cranes return to Harbour News"
        );
        let logo = r#"<img class="logo" alt="童話集">"#;
        assert_eq!(
            cut(logo, "欲張りなイヌ ＜童話集＞"),
            "欲張りなイヌ ＜童話集＞"
        );
    }

    #[test]
    fn cuts_repeat_and_names_may_hold_each_other() {
        // The home link names the site without its brand; the heading confirms the rest.
        let page =
            r#"<a href="https://www.example.cn/">电子设计</a><h4> 新芯片性能翻倍，功耗减半 </h4>"#;
        assert_eq!(
            cut(page, "新芯片性能翻倍，功耗减半-ABC 电子设计"),
            "新芯片性能翻倍，功耗减半"
        );
    }

    #[test]
    fn what_does_not_confirm_a_suffix() {
        // A link text that says "front page", a head shown only as a link, a head shorter
        // than the suffix, a hyphen inside a word.
        assert_eq!(
            cut(r#"<a href="/">返回首页</a>"#, "新闻标题-首页"),
            "新闻标题-首页"
        );
        assert_eq!(
            cut("<a href=/a>港口吞吐量回升</a>", "港口吞吐量回升-示例网"),
            "港口吞吐量回升-示例网"
        );
        assert_eq!(
            cut("<b>一二三四</b>", "一二三四-示例传媒有限公司"),
            "一二三四-示例传媒有限公司"
        );
        assert_eq!(cut("<b>1</b>", "1-10月投资结构趋稳"), "1-10月投资结构趋稳");
        // A hyphen inside a word joins it, whatever the page names.
        let footer = "<p>© 2022 Kapazität GmbH</p>";
        let title = "Ultium Cells erhöht Gigafactory-Kapazität";
        assert_eq!(cut(footer, title), title);
        // A headline set on two lines: its first line alone is no headline.
        let page = "<h1>足球联赛今晚揭幕<br>八支球队争夺冠军</h1>";
        let title = "足球联赛今晚揭幕-八支球队争夺冠军";
        assert_eq!(cut(page, title), title);
    }

    #[test]
    fn home_links_and_logos() {
        assert!(is_home("/"));
        assert!(is_home("./index.html"));
        assert!(is_home("http://www.example.cn"));
        assert!(is_home("https://www.example.cn/index.shtml"));
        assert!(!is_home("../"));
        assert!(!is_home("/news/1.html"));
        assert!(!is_home("https://www.example.cn/news/"));
        let doc = Html::parse_document(
            r#"<h1>示例网</h1><a class="brand" href="http://www.example.cn">示例网</a>"#,
        );
        let site = Site::new(&doc, &Map::new());
        assert!(site.is_name("示例网"));
        assert!(!site.is_name("示例"));
        let doc = Html::parse_document("<h1>示例医院</h1><p>版权所有 示例医院 © 2023</p>");
        assert!(Site::new(&doc, &Map::new()).is_name("示例医院"));
    }

    #[test]
    fn a_breadcrumbs_last_item_gives_way_to_the_dated_heading_under_it() {
        let page = |crumb: &str| {
            format!(
                "<div><h3>{crumb}</h3></div><div class=news><h4>联系我们</h4>\
                 <h5>学会年会在山城成功举行</h5><div><b>发布时间：2019-05-18</b></div>\
                 <p>正文。</p></div>"
            )
        };
        let doc = Html::parse_document(&page("首页 - 新闻动态"));
        assert_eq!(
            under_breadcrumb(&doc, "新闻动态").as_deref(),
            Some("学会年会在山城成功举行")
        );
        let doc = Html::parse_document(&page(
            "当前位置：<a href=/>首页</a> &gt; <a href=/news/>新闻动态</a>",
        ));
        assert_eq!(
            under_breadcrumb(&doc, "新闻动态").as_deref(),
            Some("学会年会在山城成功举行")
        );
        // Not a trail: a heading of its own.
        let doc = Html::parse_document(&page("新闻动态"));
        assert_eq!(under_breadcrumb(&doc, "新闻动态"), None);
        // A trail, but no dated heading under it.
        let doc = Html::parse_document("<p>首页 &gt; 新闻动态</p><h5>栏目简介</h5><p>正文。</p>");
        assert_eq!(under_breadcrumb(&doc, "新闻动态"), None);
    }

    #[test]
    fn the_host_names_the_site() {
        let doc = Html::parse_document("<p>Text.</p>");
        let site = |host: &str| Site::new(&doc, &Map::new()).with_host(Some(host.to_owned()));
        assert!(site("heizung.de").host_names("heizung.de"));
        assert!(site("bmas.de").host_names("BMAS"));
        assert!(site("viehbacher.com").host_names("Kanzlei Viehbacher"));
        assert!(site("harbour-post.co.uk").host_names("Harbour Post"));
        // The host's name a small part of a phrase: the article's words.
        assert!(!site("apple.com").host_names("Apple's best phone yet"));
        assert!(!site("de.example.org").host_names("Deutsch"));
        let cuts = [
            (
                "hpost.de",
                "Kräne kehren zurück | hpost.de",
                "Kräne kehren zurück",
            ),
            // The site's name in the middle, a tagline after it; in brackets; after a guillemet.
            (
                "hpost.de",
                "Kräne kehren zurück | hpost.de | Das Blatt vom Kai",
                "Kräne kehren zurück",
            ),
            (
                "harbour-post.de",
                "»Kräne sind zurück« (harbour post)",
                "»Kräne sind zurück«",
            ),
            (
                "hpost.de",
                "Kräne kehren zurück » hpost.de",
                "Kräne kehren zurück",
            ),
            // A later part that is not the site's name stays, brackets too.
            (
                "hpost.de",
                "Kräne - was nun? (Teil 2)",
                "Kräne - was nun? (Teil 2)",
            ),
        ];
        for (host, title, cut) in cuts {
            assert_eq!(site(host).cut(title), cut, "{title}");
        }
    }

    #[test]
    fn og_site_name_too_long_for_a_suffix_is_cut() {
        let doc = Html::parse_document("<p>Text.</p>");
        let mut meta = Map::new();
        meta.insert(
            "og:site_name".into(),
            "Ortsverein Unterhausen-Oberhausen am See".into(),
        );
        let site = Site::new(&doc, &meta);
        assert_eq!(
            site.cut("Wir pflanzen Bäume - Ortsverein Unterhausen-Oberhausen am See"),
            "Wir pflanzen Bäume"
        );
    }
}
