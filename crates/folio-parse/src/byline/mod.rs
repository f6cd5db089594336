//! The byline Chinese news pages print under the headline: publication time and labelled
//! fields such as `2022-05-08 18:46　来源：新华网　作者：李明　编辑：王芳`. It is read from the
//! text right after the headline element, so dates in navigation bars (today's date) and in
//! related-article lists are not taken for the article's.
//!
//! The dates a byline prints are read in `dates`, the text after the headline found in
//! `headline`; whether a word names a person is the crate's `names`.

mod dates;
mod headline;
#[cfg(test)]
mod tests;

use std::cell::OnceCell;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use folio_html::elements::is_block;
use folio_html::text::{is_han, squash, HAN_CLASS};
use regex::Regex;
use scraper::{ElementRef, Html, Node};
use serde_json::{Map, Value};

pub(crate) use self::dates::first_date;
use self::dates::{date_beside_label, date_line, has_chinese_words, labelled_date, LABEL};
pub(crate) use self::headline::following_nodes;
pub(crate) use self::headline::short_text;
pub(crate) use self::headline::{element_holding_title, is_hidden};
use self::headline::{first_after, headline_element};
use self::headline::{is_link, text_after};
use crate::names::{could_be_a_person, is_personal_name, is_single_han, names_only};

/// How much text after the headline is searched.
const WINDOW: usize = 240;

/// How much visible text under the headline is searched for a line of its own that credits
/// the author or dates the story, in characters.
pub(crate) const LINE_WINDOW: usize = 1000;

/// The longest such line, in characters: a byline and a date, not a sentence.
pub(crate) const LINE_CHARS: usize = 80;

/// How much of the whole page's text is searched when the headline gives nothing.
const PAGE_TEXT: usize = 20_000;

/// A pattern written with `\p{Han}`, built with [`HAN_CLASS`] in its place (a class may
/// hold it too: classes nest).
fn han_regex(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\p{Han}", HAN_CLASS)).expect("valid regex")
}

/// Reporters named without a colon: `记者 张三`, `本报记者张三发自北京`, `（张三 上海报道）`.
static REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    han_regex(
        r"记者\s+(\p{Han}{2,4})(?:\s|$|）|\))|记者(\p{Han}{2,4}?)(?:发自|报道)|[（(]\s*(\p{Han}{2,4})\s+\p{Han}{0,4}报道\s*[）)]",
    )
});

/// Authors named by a portal's or a forum's habit rather than a label: a name in brackets
/// right after the time (`2004年7月16日08:19 [ 张三 ]`), a forum post's `本帖由张三于2005年…`,
/// and `… 22:36:13 by zhangsan`. (Names in parentheses that close a story are [`SIGN_OFF`]'s.)
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    han_regex(concat!(
        r"[0-9０-９]{1,2}\s*[:：]\s*[0-9０-９]{2}(?:\s*[:：]\s*[0-9０-９]{2})?\s*[\[［]\s*(\p{Han}{2,4})\s*[\]］]",
        r"|本[帖贴文]由\s*([^\s于]{2,16}?)\s*于\s*[0-9０-９]{4}",
        // Letters, digits and `_` only: Unicode `\w` would make this the costliest regex to build.
        r"|[0-9０-９]{1,2}:[0-9０-９]{2}(?::[0-9０-９]{2})?\s+by\s+([0-9A-Za-z_\p{Han}]{2,20})",
    ))
});

/// A blog's or a forum's post header: the poster's name right before `发表于` and the time
/// (`ggjjzhzz 发表于 2005-9-15 11:46:00`). The name must start the line or follow a space, so
/// running text (`该文最早发表于2005年`) is not read; [`poster`] then asks a name that is not a
/// user name of letters to read as a surname and a given name, which keeps `本文` and `文章`
/// out. (Classes that [`is_personal_name`] narrows down are cheaper to build than `\p{Han}`.)
static POSTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)([A-Za-z][0-9A-Za-z_]{1,19}|[^\s0-9A-Za-z]{2,4})\s*发表于\s*[:：]?\s*[0-9０-９]{4}",
    )
    .expect("valid regex")
});

/// A line of its own that names the story's source, as Sina's pages close a story:
/// `来源: 尹娟`. The source is usually an outlet; see [`Byline::source_line_person`].
static SOURCE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^来源\s*[:：]\s*(\S{2,3})$").expect("valid regex"));

/// A copyright line that is all of its element's text and names a holder, with or without
/// years: `Copyright © 李建忠`, `© 2006-2008 李建忠 版权所有`, `版权所有：李建忠`.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?i:copyright)\s*(?:©|\([cC]\))?|©|版权所有\s*[:：]?\s*©?)\s*",
        r"(?:[0-9]{4}(?:\s*[-–—~]\s*[0-9]{4})?\s*)?",
        r"(\S{2,4}?)",
        r"\s*(?:[,，.。]?\s*(?:版权所有|(?i:all rights reserved)\.?))?$",
    ))
    .expect("valid regex")
});

/// A story signed off at its end: a block's text that is only names in parentheses
/// (`（袁源）`), or that ends with them right after the last sentence (`…佳节。（常书香 马丹阳）`).
/// Names in parentheses inside a sentence (`会见了来宾（周明、陈晓雨）。`) are people the story
/// mentions, so the parentheses must close the block.
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    han_regex(r"(?:^|[。！？!?”])\s*[（(]\s*(\p{Han}{2,4}(?:[\s、]+\p{Han}{2,4}){0,3})\s*[）)]\s*$")
});

/// Labels that name the article's author, most telling first.
const AUTHOR_LABELS: &[&str] = &[
    "作者",
    "执笔人",
    "执笔",
    "文",
    "撰稿",
    "记者",
    "发布者",
    "发布人",
];

/// What the byline says. The date and the author are read when asked for: most pages name
/// both in their metadata, and searching the page's text for them is most of the cost.
pub(crate) struct Byline<'d> {
    doc: &'d Html,
    /// Every labelled field, label first (`来源`, `新华网`), for `meta`.
    pub fields: Vec<(String, String)>,
    /// The text right after the headline, where a byline is printed (empty without one).
    pub window: String,
    /// The headline element the window follows.
    headline: Option<ElementRef<'d>>,
    title: Option<String>,
    page_text: OnceCell<String>,
}

impl<'d> Byline<'d> {
    /// The first answer `found` gives for an element in the lines under the headline
    /// ([`LINE_WINDOW`]), as a byline printed in words is read.
    pub(crate) fn under_headline<T>(
        &self,
        found: impl FnMut(ElementRef<'d>) -> Option<T>,
    ) -> Option<T> {
        first_after(self.headline?, LINE_WINDOW, found)
    }

    /// Whether the title or the byline hold Chinese words, or the page's first lines are
    /// Chinese.
    fn in_chinese(&self) -> bool {
        has_chinese_words(&self.window)
            || self.title.as_deref().is_some_and(has_chinese_words)
            || crate::script::text_is_chinese(self.doc)
    }

    fn page_text(&self) -> &str {
        self.page_text
            .get_or_init(|| text_after(self.doc, None, PAGE_TEXT))
    }

    /// The byline's date; without one, the page's text is searched for a labelled date, a
    /// date beside a byline label, then the first date with a time of day.
    pub fn date(&self) -> Option<String> {
        first_date(&self.window, true)
            .or_else(|| labelled_date(self.page_text()))
            .or_else(|| first_date(&self.window, false))
            .or_else(|| self.written_date())
            .or_else(|| date_beside_label(self.page_text()))
            .or_else(|| first_date(self.page_text(), true))
    }

    /// A date written out in a line of its own under the headline (`March 3, 2017`,
    /// `5. November 2021, 10:39`), as pages print it without markup; not one a sentence
    /// mentions.
    fn written_date(&self) -> Option<String> {
        self.under_headline(|el| date_line(&short_text(el, LINE_CHARS)?))
    }

    /// The byline's author; without one, the page's text is searched for a labelled one, a
    /// reporter's credit (`（记者 张三）`) or a poster (`… 发表于 <time>`), then for a
    /// sign-off, a closing source line that names a person, names printed on their own under
    /// the title, and last for the responsible editor. Every one of these is written in
    /// Chinese: a page with no Chinese in its title, its byline or its first lines of text
    /// is not searched.
    pub fn author(&self) -> Option<String> {
        if !self.in_chinese() {
            return None;
        }
        author(&self.window, &self.fields).or_else(|| {
            let text = self.page_text();
            let fields = labelled_fields(text);
            author(text, &fields)
                .or_else(|| signed_off(self.doc))
                .or_else(|| self.source_line_person())
                .or_else(|| names_under_title(self.doc, self.title.as_deref()?))
                .or_else(|| {
                    fields
                        .into_iter()
                        .find(|(l, _)| l == "责任编辑")
                        .map(|(_, v)| v)
                })
        })
    }

    /// A person named by a line of its own that gives the story's source ([`SOURCE_LINE`]).
    /// Two or three characters cannot tell a person from an outlet (`金融界`, `彭博` start
    /// with surnames too), so the line counts only when the byline under the headline has
    /// already named the outlet, in book-title marks (`《理财周刊》`) or after a `来源` label
    /// of its own: the page then has no second outlet to name.
    fn source_line_person(&self) -> Option<String> {
        let in_book_title_marks = self
            .window
            .find('《')
            .is_some_and(|open| self.window[open..].contains('》'));
        self.doc.tree.nodes().find_map(|node| {
            let Node::Text(text) = node.value() else {
                return None;
            };
            if !text.contains("来源") {
                return None;
            }
            let line = squash(text);
            let name = SOURCE_LINE.captures(&line)?.get(1)?.as_str();
            // A short story's closing line is in the window too: it is not the byline's.
            let outlet_named = in_book_title_marks
                || self
                    .fields
                    .iter()
                    .any(|(label, value)| label == "来源" && value != name);
            (outlet_named && is_personal_name(name)).then(|| name.to_owned())
        })
    }

    /// Every labelled field into `meta`, under its label, where the page gave no value.
    pub(crate) fn into_meta(self, meta: &mut Map<String, Value>) {
        for (key, value) in self.fields {
            meta.entry(key).or_insert(Value::String(value));
        }
    }
}

/// Finds the byline right after the headline.
pub(crate) fn find<'d>(doc: &'d Html, title: Option<&str>) -> Byline<'d> {
    let headline = headline_element(doc, title);
    let window = headline
        .map(|anchor| text_after(doc, Some(anchor), WINDOW))
        .unwrap_or_default();
    Byline {
        doc,
        fields: labelled_fields(&window),
        window,
        headline,
        title: title.map(str::to_owned),
        page_text: OnceCell::new(),
    }
}

/// The holder the page's copyright line names ([`COPYRIGHT`]), when it reads as a person: a
/// personal site or blog is its author's. Outlets' lines name the outlet, which the surname
/// test and the outlet suffixes keep out. The page's own notice is in its footer, so only
/// the last few marked lines are read, from the end. A last resort, after every other source.
pub(crate) fn copyright_holder(doc: &Html) -> Option<String> {
    doc.tree
        .nodes()
        .rev()
        .filter_map(|node| match node.value() {
            Node::Text(text)
                if has_copyright_mark(text) && node.parent().is_some_and(|p| !is_hidden(&p)) =>
            {
                Some((node, text))
            }
            _ => None,
        })
        .take(COPYRIGHT_LINES)
        .find_map(|(node, text)| {
            // The line runs from the mark's text to the next `<br>` or the end of its
            // element, so a holder in a link beside it (`© 2006 <a>李建忠</a>`) is read too.
            let mut line = text.to_string();
            for sibling in node.next_siblings() {
                let piece = match sibling.value() {
                    Node::Text(text) => text.to_string(),
                    Node::Element(el) if el.name() == "br" => break,
                    Node::Element(_) => ElementRef::wrap(sibling)?.text().collect(),
                    _ => continue,
                };
                line.push_str(&piece);
                if line.len() > COPYRIGHT_LINE {
                    return None;
                }
            }
            let line = squash(&line);
            let name = COPYRIGHT.captures(&line)?.get(1)?.as_str();
            is_personal_name(name).then(|| name.to_owned())
        })
}

/// `©`, `Copyright` or `版权所有`: one pass over the bytes for the bytes that start them.
pub(crate) fn has_copyright_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    // `p` is rarer in text than the other letters of `opyright`; `©` is C2 A9.
    memchr::memchr3_iter(0xA9, b'p', 0xE7, bytes).any(|at| match bytes[at] {
        0xA9 => at > 0 && bytes[at - 1] == 0xC2,
        b'p' => at > 0 && bytes[at - 1] == b'o' && bytes[at..].starts_with(b"pyright"),
        _ => bytes[at..].starts_with("版权所有".as_bytes()),
    })
}

/// How many marked lines, from the page's end, may be its own copyright notice.
const COPYRIGHT_LINES: usize = 3;

/// The longest copyright line read, in bytes: a mark, years, a name and `All rights reserved`.
const COPYRIGHT_LINE: usize = 120;

/// Every `label：value` pair; a value runs to the next label or separator, since pages often
/// put no space between fields.
fn labelled_fields(text: &str) -> Vec<(String, String)> {
    if !has_chinese_words(text) {
        return Vec::new();
    }
    let labels: Vec<(usize, usize, &str)> = LABEL
        .captures_iter(text)
        .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), c.get(1)?.as_str())))
        .collect();
    let is_separator = |c: char| c.is_whitespace() || "|｜/【】[]()（）:：".contains(c);
    let mut fields: Vec<(String, String)> = Vec::new();
    for (i, (_, end, label)) in labels.iter().enumerate() {
        let until = labels.get(i + 1).map_or(text.len(), |next| next.0);
        let rest = &text[*end..until];
        let first = rest.split(is_separator).next().unwrap_or("");
        // A two-character name spaced to the width of three (`赵　培`) is one name.
        let next = rest[first.len()..].trim_start().split(is_separator).next();
        let spaced_name = match next {
            Some(given) if is_single_han(first) && is_single_han(given) => {
                Some(format!("{first}{given}"))
            }
            _ => None,
        };
        let value = match spaced_name {
            Some(name) => name,
            // Several authors after one label: `执笔人：闵乐夫 赵兰波 刘韬`.
            None if AUTHOR_LABELS.contains(label) => with_names_after(first, &rest[first.len()..]),
            None => first.to_owned(),
        };
        if value.is_empty() || value.chars().count() > 24 || fields.iter().any(|(l, _)| l == label)
        {
            continue;
        }
        fields.push(((*label).to_owned(), value));
    }
    fields
}

/// `name` and the personal names printed after it, separated by spaces only, as bylines
/// list several reporters (`记者 王建宏 张文攀`). Each further name must read as a surname
/// and a given name, so the place or the words that follow a byline are not taken.
fn with_names_after(name: &str, after: &str) -> String {
    let mut names = name.to_owned();
    if !name.chars().all(is_han) || !after.starts_with(char::is_whitespace) {
        return names;
    }
    for next in after
        .split_whitespace()
        .take_while(|word| is_personal_name(word))
        .take(MORE_NAMES)
    {
        names.push(' ');
        names.push_str(next);
    }
    names
}

/// How many names after the first a byline may list.
const MORE_NAMES: usize = 5;

fn author(text: &str, fields: &[(String, String)]) -> Option<String> {
    let by_label = |label: &str| {
        fields
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
    };
    let first_group = |c: regex::Captures| {
        (1..c.len())
            .find_map(|i| c.get(i))
            .map(|m| m.as_str().to_owned())
    };
    AUTHOR_LABELS
        .iter()
        .filter_map(|l| by_label(l))
        .find(|name| could_be_a_name(name))
        .or_else(|| {
            // Every form holds `记者` or `报道`: a substring search settles most page texts,
            // which the pattern would scan whole.
            (text.contains("记者") || text.contains("报道"))
                .then(|| {
                    let reporter = REPORTER.captures(text)?;
                    match reporter.get(1) {
                        // `记者 王建宏 张文攀`: the names after a spaced reporter's too.
                        Some(name) => Some(with_names_after(name.as_str(), &text[name.end()..])),
                        None => first_group(reporter),
                    }
                })
                .flatten()
        })
        .or_else(|| {
            // Each of SIGNED's forms holds `由`, or a time's colon and a bracket or `by`: most
            // texts are settled without building it or running it over the page.
            // (A `char` at a time: `contains` of one runs memchr, of a set decodes the text.)
            let has = |a: char, b: char| text.contains(a) || text.contains(b);
            let may_sign =
                text.contains('由') || has(':', '：') && (has('[', '［') || text.contains("by"));
            may_sign
                .then(|| SIGNED.captures(text).and_then(first_group))
                .flatten()
        })
        .or_else(|| poster(text))
}

/// The first poster ([`POSTER`]) whose name reads as a user name or a personal name.
fn poster(text: &str) -> Option<String> {
    // Most pages have no `发表于`: a substring search settles them without the pattern.
    if !text.contains("发表于") {
        return None;
    }
    POSTER.captures_iter(text).find_map(|c| {
        let name = c.get(1)?.as_str();
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic()) || is_personal_name(name);
        is_name.then(|| name.to_owned())
    })
}

/// Whether a labelled value could name people: interviews print the reporter's questions
/// as `记者：你怎么看？`, which is a sentence, not a name; an empty `作者：` label followed by a
/// notice (`转载请注明：…`) or a phrase (`网络整理`, "compiled from the web") names no one
/// either. A value may list several names.
fn could_be_a_name(value: &str) -> bool {
    value
        .split_whitespace()
        .all(|name| name.chars().count() <= 12)
        && !value.contains([
            '？', '?', '！', '!', '。', '，', ',', '；', ';', '…', '：', ':', '《', '》', '“', '”',
        ])
        && !NOTICE_WORDS.iter().any(|word| value.contains(word))
}

/// Words of notices and phrases that stand where a byline's name would: reprint notices
/// (`转载请注明出处`), sources and compilers (`来源`, `网络整理`), the site speaking of itself.
const NOTICE_WORDS: &[&str] = &[
    "转载", "注明", "来源", "整理", "出处", "声明", "版权", "本文", "本站", "本网", "禁止", "未经",
];

/// The first sign-off ([`SIGN_OFF`]) in the page's text nodes, in document order.
fn signed_off(doc: &Html) -> Option<String> {
    doc.tree.nodes().find_map(|node| {
        let Node::Text(text) = node.value() else {
            return None;
        };
        // Most text nodes end otherwise, and the names are Han characters: both are looked
        // for before the pattern, which would scan every node of the page.
        if !text.trim_end().ends_with([')', '）']) || text.is_ascii() {
            return None;
        }
        let sign_off = SIGN_OFF.captures(text)?;
        // A node that opens with the parentheses may follow a link or bold words of the
        // same line (`<a>飞吧小射手</a>(第七季）`): that is a title's note, not a signature.
        let opens_with_them = sign_off
            .get(0)?
            .as_str()
            .trim_start()
            .starts_with(['(', '（']);
        if opens_with_them && follows_words_of_its_line(node) {
            return None;
        }
        let names = sign_off.get(1)?.as_str();
        let names = names.split_whitespace().collect::<Vec<_>>().join(" ");
        let is_signature = names.split([' ', '、']).all(could_be_a_person);
        is_signature.then_some(names)
    })
}

/// Whether a text node comes right after words of the same line: an inline element (a link,
/// bold words, a picture) or text that does not end a sentence, before any line break or
/// block; a node first in an inline element (`<span>（美国英语）</span>`) is looked at from
/// that element.
fn follows_words_of_its_line(node: ego_tree::NodeRef<Node>) -> bool {
    let is_inline = |node: ego_tree::NodeRef<Node>| {
        node.value()
            .as_element()
            .is_some_and(|element| !is_block(element.name()))
    };
    let mut at = node;
    loop {
        let mut before = at.prev_sibling();
        while let Some(sibling) = before {
            match sibling.value() {
                Node::Text(text) if text.trim().is_empty() => before = sibling.prev_sibling(),
                Node::Text(text) => {
                    return !text.trim_end().ends_with(['。', '！', '？', '!', '?', '”']);
                }
                Node::Element(_) => return is_inline(sibling),
                _ => before = sibling.prev_sibling(),
            }
        }
        match at.parent() {
            Some(parent) if is_inline(parent) => at = parent,
            _ => return false,
        }
    }
}

/// Authors printed on a line of their own right under the title, as reposted papers and
/// forum articles print them: `社会资本…的再就业 <br> 赵延东、风笑天 <br> 近年来…`. The line
/// must be plain text (not a link) and read as personal names ([`names_only`]); the title
/// may be printed more than once (a bold heading, then the title again).
fn names_under_title(doc: &Html, title: &str) -> Option<String> {
    // The names are Han characters: a page without any has none, and its text nodes are not
    // each squashed and compared with the title.
    let has_han = doc.tree.nodes().any(|node| {
        matches!(node.value(), Node::Text(text) if !text.is_ascii() && text.chars().any(is_han))
    });
    if !has_han {
        return None;
    }
    let title = squash(title);
    let title_len = title.chars().count();
    if title_len < 6 {
        return None;
    }
    let is_title_line = |line: &str| {
        let len = line.chars().count();
        len >= 6
            && (line == title
                || (title.contains(line) && len * 2 >= title_len)
                || (line.contains(title.as_str()) && len <= title_len + 10))
    };
    let depth = |count: usize, opening: bool| {
        if opening {
            count + 1
        } else {
            count.saturating_sub(1)
        }
    };
    let (mut hidden, mut links, mut after_title) = (0, 0, false);
    for edge in doc.root_element().traverse() {
        let (node, opening) = match edge {
            Edge::Open(node) => (node, true),
            Edge::Close(node) => (node, false),
        };
        if is_hidden(&node) {
            hidden = depth(hidden, opening);
            continue;
        }
        if is_link(&node) {
            links = depth(links, opening);
            continue;
        }
        let (true, 0, Node::Text(text)) = (opening, hidden, node.value()) else {
            continue;
        };
        // Neither a title line nor a names line is longer than this (spaces aside): most
        // text nodes are told apart without being squashed into a new string.
        let longest = (title_len + 10).max(NAMES_LINE);
        match text
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(longest + 1)
            .count()
        {
            0 => continue,
            visible if visible > longest => {
                after_title = false;
                continue;
            }
            _ => {}
        }
        let line = squash(text);
        if is_title_line(&line) {
            after_title = true;
            continue;
        }
        if after_title && links == 0 && names_only(&line) {
            return Some(line);
        }
        after_title = false;
    }
    None
}

/// The longest line of names, spaces aside: four names of four characters and their separators.
const NAMES_LINE: usize = 4 * 4 + 3;
