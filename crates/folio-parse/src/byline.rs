//! The byline Chinese news pages print under the headline: publication time and labelled
//! fields such as `2022-05-08 18:46　来源：新华网　作者：李明　编辑：王芳`. It is read from the
//! text right after the headline element, so dates in navigation bars (today's date) and in
//! related-article lists are not taken for the article's.

use std::cell::OnceCell;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use folio_html::text::{is_han, squash, HAN_CLASS};

/// How much text after the headline is searched.
const WINDOW: usize = 240;

/// How much of the whole page's text is searched when the headline gives nothing.
const PAGE_TEXT: usize = 20_000;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]{4})\s*[-/.年]\s*([0-9０-９]{1,2})\s*[-/.月]\s*([0-9０-９]{1,2})\s*日?(?:\s*([0-9０-９]{1,2})\s*[:：时]\s*([0-9０-９]{1,2})(?:\s*[:：分]\s*([0-9０-９]{1,2}))?)?")
        .expect("valid regex")
});

/// A date announced as the publication time (`发布时间：…`, `发表于 …`).
static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发表于|发布于|发布时间|发表时间|发布日期|发表日期|更新时间|时间|日期|发布|发表)\s*[:：]?\s*([0-9０-９]{4}\s*[-/.年])")
        .expect("valid regex")
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(责任编辑|来源|作者|编辑|记者|撰稿|执笔人|执笔|发布者|发布人|出处|文)\s*[:：]\s*")
        .expect("valid regex")
});

/// Whether `text` has a character from U+4000 to U+9FFF, which holds every Chinese word the
/// label patterns ([`LABEL`], [`LABELLED_DATE`], [`REPORTER`]) need. An English page skips
/// them, and never pays for building them.
fn has_chinese_words(text: &str) -> bool {
    text.bytes().any(|b| (0xE4..=0xE9).contains(&b))
}

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

/// Words that close stories in parentheses, or stand where a name would, without naming
/// anyone.
const NOT_SIGNATURES: &[&str] = &[
    "完",
    "待续",
    "未完",
    "图",
    "组图",
    "上",
    "下",
    "中",
    "续",
    "编辑",
    "记者",
    "摄",
    "报道",
    "通讯员",
    "供图",
    "来源",
    "转载",
    "原创",
    "全文",
    "原文",
    "专稿",
    "特稿",
    // Forum and blog accounts that name no one, and words that start with a surname.
    "管理员",
    "游客",
    "文章",
];

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
    title: Option<String>,
    page_text: OnceCell<String>,
}

/// Finds the byline right after the headline.
pub(crate) fn find<'d>(doc: &'d Html, title: Option<&str>) -> Byline<'d> {
    let window = headline_element(doc, title)
        .map(|anchor| text_after(doc, Some(anchor), WINDOW))
        .unwrap_or_default();
    Byline {
        doc,
        fields: labelled_fields(&window),
        window,
        title: title.map(str::to_owned),
        page_text: OnceCell::new(),
    }
}

impl Byline<'_> {
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
            .or_else(|| date_beside_label(self.page_text()))
            .or_else(|| first_date(self.page_text(), true))
    }

    /// The byline's author; without one, the page's text is searched for a labelled one, a
    /// reporter's credit (`（记者 张三）`) or a poster (`… 发表于 <time>`), then for a
    /// sign-off, a closing source line that names a person, names printed on their own under
    /// the title, and last for the responsible editor.
    pub fn author(&self) -> Option<String> {
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

pub(crate) fn first_date(text: &str, with_time: bool) -> Option<String> {
    DATE.captures_iter(text)
        .find(|c| !with_time || c.get(4).is_some())
        .map(|c| normalise_date(&c))
}

fn labelled_date(text: &str) -> Option<String> {
    if !has_chinese_words(text) {
        return None;
    }
    let label = LABELLED_DATE.captures(text)?;
    let from = label.get(1)?.start();
    DATE.captures(&text[from..]).map(|c| normalise_date(&c))
}

/// How far from a byline label (`来源：`, `作者：`…) a date still belongs to that byline.
const BESIDE_LABEL: usize = 60;

/// The first date written next to a byline label, before or after it: `2005年08月16日
/// 来源：新华网`, or `作者：张三 <br> 译：李四 <br> 2005年1月2日` (a byline over several lines).
fn date_beside_label(text: &str) -> Option<String> {
    if !has_chinese_words(text) {
        return None;
    }
    LABEL.find_iter(text).find_map(|label| {
        let from = floor_char_boundary(text, label.start().saturating_sub(BESIDE_LABEL));
        let to = floor_char_boundary(text, label.end() + BESIDE_LABEL * 2);
        DATE.captures(&text[from..to]).map(|c| normalise_date(&c))
    })
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

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
            has_chinese_words(text)
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
        .or_else(|| SIGNED.captures(text).and_then(first_group))
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
        let names = SIGN_OFF.captures(text)?.get(1)?.as_str();
        let names = names.split_whitespace().collect::<Vec<_>>().join(" ");
        let is_signature = names.split([' ', '、']).all(could_be_a_person);
        is_signature.then_some(names)
    })
}

/// Authors printed on a line of their own right under the title, as reposted papers and
/// forum articles print them: `社会资本…的再就业 <br> 赵延东、风笑天 <br> 近年来…`. The line
/// must be plain text (not a link) and read as personal names ([`names_only`]); the title
/// may be printed more than once (a bold heading, then the title again).
fn names_under_title(doc: &Html, title: &str) -> Option<String> {
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

pub(crate) fn is_hidden(node: &ego_tree::NodeRef<Node>) -> bool {
    matches!(node.value(), Node::Element(el) if matches!(el.name(), "script" | "style" | "noscript" | "title"))
}

fn is_link(node: &ego_tree::NodeRef<Node>) -> bool {
    matches!(node.value(), Node::Element(el) if el.name() == "a")
}

/// Whether a line is only personal names: one to four of two to four Han characters,
/// separated by `、`, commas or spaces, at least one of them a common surname and a given name
/// (the surname test keeps `打印本页 关闭窗口` and other page furniture out).
fn names_only(line: &str) -> bool {
    let names: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "、，,；;".contains(c))
        .filter(|part| !part.is_empty())
        .collect();
    (1..=4).contains(&names.len())
        && names.iter().all(|name| {
            (2..=4).contains(&name.chars().count())
                && name.chars().all(is_han)
                && could_be_a_person(name)
        })
        && names.iter().any(|name| has_surname(name))
}

/// Not a word that closes stories, and not an outlet's name.
fn could_be_a_person(name: &str) -> bool {
    !NOT_SIGNATURES.iter().any(|word| name.contains(word))
        && !crate::page::looks_like_organisation(name)
}

/// A Han name that reads as a common surname and a given name, and not as an outlet.
fn is_personal_name(name: &str) -> bool {
    name.chars().all(is_han) && has_surname(name) && could_be_a_person(name)
}

fn is_single_han(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(is_han) && chars.next().is_none()
}

/// Chinese names as the record writes them: a list joined with `, ` (pages separate names
/// with spaces, `、` or commas), and a two-character name that pages pad to the width of three
/// (`赵　培`, `赵 培`) closed up. Anything with other than Han characters in its names is kept as
/// it is: `Mei Lin` is one name, and `周思博 (Joel Spolsky)` one person.
pub(crate) fn tidy_names(names: &str) -> String {
    let parts: Vec<&str> = names
        .split(|c: char| c.is_whitespace() || "、，,；;".contains(c))
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() || !parts.iter().all(|part| part.chars().all(is_han)) {
        return names.to_owned();
    }
    if (2..=3).contains(&parts.len()) && parts.iter().all(|part| is_single_han(part)) {
        return parts.concat();
    }
    parts.join(", ")
}

/// The commonest Chinese surnames, which cover most people named in the news.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "呼延", "澹台", "申屠", "钟离", "闻人",
    "赫连",
];

/// A surname and a given name: two or three characters after a common surname, three or four
/// after a compound one.
fn has_surname(name: &str) -> bool {
    let len = name.chars().count();
    if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        return (3..=4).contains(&len);
    }
    (2..=3).contains(&len) && name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// The date as `YYYY-MM-DD[ HH:MM[:SS]]`. The patterns take ASCII and full-width digits
/// (`２０２２`, which Chinese pages use), read as the digits they are; naming the two ranges
/// rather than Unicode's `\d` also makes the patterns a quarter as costly to build.
fn normalise_date(caps: &regex::Captures) -> String {
    let num = |i: usize| caps.get(i).map(|m| number(m.as_str()));
    let mut out = format!(
        "{:04}-{:02}-{:02}",
        number(&caps[1]),
        num(2).unwrap_or(1),
        num(3).unwrap_or(1)
    );
    if let (Some(h), Some(m)) = (num(4), num(5)) {
        out.push_str(&format!(" {h:02}:{m:02}"));
        if let Some(s) = num(6) {
            out.push_str(&format!(":{s:02}"));
        }
    }
    out
}

/// The value of a run of decimal digits, ASCII or full-width (0 for any other digit).
fn number(digits: &str) -> u32 {
    digits.chars().fold(0, |n, c| {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => 0,
        };
        n.saturating_mul(10).saturating_add(digit)
    })
}

/// The `<h1>` that carries the title, else the first `<h1>`, else an element whose class or
/// id names a title and whose text is the title.
fn headline_element<'a>(doc: &'a Html, title: Option<&str>) -> Option<ElementRef<'a>> {
    let text = |el: &ElementRef| {
        el.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Arena order, as `Html::select` gives it.
    let candidates: Vec<ElementRef> = doc
        .tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|el| names_a_title(el.value()))
        .collect();
    if let Some(title) = title.filter(|t| t.chars().count() >= 4) {
        let head: String = title.chars().take(12).collect();
        if let Some(found) = candidates.iter().find(|el| {
            let t = text(el);
            !t.is_empty()
                && t.chars().count() <= title.chars().count() + 40
                && (t.contains(&head) || title.contains(&t))
        }) {
            return Some(*found);
        }
    }
    candidates
        .into_iter()
        .find(|el| el.value().name() == "h1" && !text(el).is_empty())
        .or_else(|| element_holding_title(doc, title?))
}

/// The element whose text node is the title, for pages that print their headline in an
/// element named for nothing (Sina's `<th class=f24><font>…</font></th>`). The `<title>`
/// itself is left out.
pub(crate) fn element_holding_title<'a>(doc: &'a Html, title: &str) -> Option<ElementRef<'a>> {
    let title = squash(title);
    let first = title.chars().next()?;
    if title.chars().count() < 4 {
        return None;
    }
    doc.tree.nodes().find_map(|node| {
        let Node::Text(text) = node.value() else {
            return None;
        };
        let parent = node.parent()?;
        // Most text nodes are told apart by their first character, before any squashing.
        if !text.trim_start().starts_with(first) || is_hidden(&parent) || squash(text) != title {
            return None;
        }
        ElementRef::wrap(parent)
    })
}

/// What the selector `h1, h2, .title, #title, [class*=title], [id*=title]` matches (scraper
/// matches case-sensitively), tested directly: one look at two attributes instead of six
/// selector matches per element. The substring tests take in `.title` and `#title`.
fn names_a_title(el: &Element) -> bool {
    matches!(el.name(), "h1" | "h2")
        || el
            .attrs()
            .any(|(name, value)| matches!(name, "class" | "id") && value.contains("title"))
}

/// Up to `limit` characters of visible text after `anchor`'s subtree (from the start of the
/// page without one), in document order. The walk starts at the anchor — its following
/// siblings, then its ancestors' — so the page before the headline is never visited.
fn text_after(doc: &Html, anchor: Option<ElementRef>, limit: usize) -> String {
    let mut out = String::new();
    let Some(anchor) = anchor else {
        push_visible_text(*doc.root_element(), &mut out, limit);
        return out;
    };
    // The hidden elements hold raw text (scripting is on), so no anchor is inside one.
    for at in std::iter::once(*anchor).chain(anchor.ancestors()) {
        for sibling in at.next_siblings() {
            if push_visible_text(sibling, &mut out, limit) {
                return out;
            }
        }
    }
    out
}

/// Appends the visible text of `node`'s subtree to `out`, each text node followed by a
/// space; true once `out` holds `limit` characters.
fn push_visible_text(node: ego_tree::NodeRef<Node>, out: &mut String, limit: usize) -> bool {
    let mut hidden = 0usize;
    for edge in node.traverse() {
        match edge {
            Edge::Open(node) if is_hidden(&node) => hidden += 1,
            Edge::Close(node) if is_hidden(&node) => hidden = hidden.saturating_sub(1),
            Edge::Open(node) if hidden == 0 => {
                if let Node::Text(text) = node.value() {
                    out.push_str(text);
                    out.push(' ');
                    if out.len() >= limit * 3 && out.chars().count() >= limit {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a byline of `text` says: its first date, its author and its fields.
    struct Read {
        date: Option<String>,
        author: Option<String>,
        fields: Vec<(String, String)>,
    }

    fn read(text: &str) -> Read {
        let fields = labelled_fields(text);
        Read {
            date: first_date(text, false),
            author: author(text, &fields),
            fields,
        }
    }

    #[test]
    fn labelled_fields_and_dates() {
        let b = read("2022年5月8日 18:46 来源：新华网作者：李明 责任编辑：王芳");
        assert_eq!(b.date.as_deref(), Some("2022-05-08 18:46"));
        assert_eq!(b.author.as_deref(), Some("李明"));
        assert_eq!(b.fields[0], ("来源".to_owned(), "新华网".to_owned()));
        assert!(b
            .fields
            .contains(&("责任编辑".to_owned(), "王芳".to_owned())));
    }

    #[test]
    fn full_width_digits_are_read() {
        let b = read("２０２２年５月８日　１８：４６　来源：示例报");
        assert_eq!(b.date.as_deref(), Some("2022-05-08 18:46"));
    }

    #[test]
    fn reporter_without_a_colon() {
        let b = read("发布时间：2022-02-13 04:22:18 （记者 胡晓蓉）");
        assert_eq!(b.date.as_deref(), Some("2022-02-13 04:22:18"));
        assert_eq!(b.author.as_deref(), Some("胡晓蓉"));
    }

    #[test]
    fn reporters_in_running_text() {
        assert_eq!(
            read("本报记者罗科苏盈发自北京 23日").author.as_deref(),
            Some("罗科苏盈")
        );
        assert_eq!(
            read("最后一段。（姚峰 上海报道）").author.as_deref(),
            Some("姚峰")
        );
    }

    #[test]
    fn authors_signed_by_habit() {
        let cases = [
            ("2004年7月16日08:19 [ 林海 ] 来源：[ 示例日报 ]", "林海"),
            ("本帖由 青松 于2005年8月12日16:12:21在论坛发表", "青松"),
            ("本贴由 青松 于2005年8月12日发表", "青松"),
            (
                "发布时间 2005/03/15 22:36:13 by river_stone 〓",
                "river_stone",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(read(text).author.as_deref(), Some(want), "{text}");
        }
        // Names in parentheses may be people the story is about.
        assert_eq!(read("会见了两位来宾（周明、陈晓雨）。").author, None);
        // A bracket away from the time is not a signature.
        assert_eq!(read("会议在 10:30 开始 [ 直播 ]").author, None);
    }

    #[test]
    fn notices_and_phrases_after_an_author_label_are_not_names() {
        // An empty label, then the page's reprint notice.
        let b = read("来源：示例商报 时间：2019-09-23 14:34:05 作者： 转载请注明：示例商报");
        assert_eq!(b.author, None);
        assert_eq!(read("作者：网络整理 阅读：1644").author, None);
        assert_eq!(read("作者：《示例周刊》").author, None);
        // Names, one or several, and a pen name, still are.
        assert_eq!(
            read("作者：李明 编辑：王芳").author.as_deref(),
            Some("李明")
        );
        assert_eq!(
            read("作者：赵延东、风笑天").author.as_deref(),
            Some("赵延东、风笑天")
        );
        assert_eq!(read("作者：眉间尺").author.as_deref(), Some("眉间尺"));
    }

    #[test]
    fn questions_after_a_reporter_label_are_not_names() {
        let b = read("记者：你通过什么渠道获取这些信息？ 李金泽：主要靠网络。");
        assert_eq!(b.author, None);
        let b = read("记者：你怎么看？ 作者：王芳");
        assert_eq!(b.author.as_deref(), Some("王芳"));
    }

    #[test]
    fn dates_beside_a_byline_label() {
        assert_eq!(
            date_beside_label("首页 新闻 2005年08月16日 来源：新华网 正文").as_deref(),
            Some("2005-08-16")
        );
        assert_eq!(
            date_beside_label("作者： 周思博 (Joel Spolsky) 译： Chen Bin 2005年1月2日 正文")
                .as_deref(),
            Some("2005-01-02")
        );
        let far = format!("2005年08月16日{}来源：新华网", "远".repeat(BESIDE_LABEL));
        assert_eq!(date_beside_label(&far), None);
        assert_eq!(date_beside_label("今天 2005年08月16日 没有标签"), None);
    }

    #[test]
    fn stories_signed_off_in_parentheses() {
        let signed = |html: &str| signed_off(&Html::parse_document(html));
        assert_eq!(
            signed("<p>正文。</p><div align=right>（袁源）</div>").as_deref(),
            Some("袁源")
        );
        assert_eq!(
            signed("<p>过一个祥和的春节。（常书香\u{a0}马丹阳 ）</p>").as_deref(),
            Some("常书香 马丹阳")
        );
        for html in [
            "<p>会见了两位来宾（周明、陈晓雨）。</p>",
            "<p>会见了两位来宾（周明、陈晓雨）</p>",
            "<p>故事讲到这里。（完）</p>",
            "<p>故事讲到这里。（未完待续）</p>",
            "<p>故事讲到这里。（新华社）</p>",
            "<p>故事讲到这里。（记者 张三）</p>",
        ] {
            assert_eq!(signed(html), None, "{html}");
        }
    }

    #[test]
    fn names_on_their_own_line_under_the_title() {
        let under = |html: &str| {
            names_under_title(
                &Html::parse_document(html),
                "城市更新与社区治理的新路径(页 1)",
            )
        };
        let paper = "<title>城市更新与社区治理的新路径(页 1)</title>\
             <div><b>城市更新与社区治理的新路径</b><br><br>城市更新与社区治理的新路径 <br>&nbsp;<br>\
             周立新、风小雨 <br>&nbsp;<br>近年来，老旧小区改造成为各地的工作重点。</div>";
        assert_eq!(under(paper).as_deref(), Some("周立新、风小雨"));
        let spaced = "<h2>城市更新与社区治理的新路径</h2><p>欧阳明 林晓</p><p>正文。</p>";
        assert_eq!(under(spaced).as_deref(), Some("欧阳明 林晓"));
        for html in [
            // Page furniture, not names: no surname and given name among the words.
            "<h2>城市更新与社区治理的新路径</h2><p>打印本页 关闭窗口</p>",
            // A link under the title is navigation.
            "<h2>城市更新与社区治理的新路径</h2><p><a href=/u/1>周立新</a></p>",
            // Names elsewhere than right under the title.
            "<h2>城市更新与社区治理的新路径</h2><p>近年来，老旧小区改造成为重点。</p><p>周立新</p>",
            // The `<title>` alone is not the title line of the body.
            "<title>城市更新与社区治理的新路径</title><p>周立新</p>",
            // Words that close stories are not names.
            "<h2>城市更新与社区治理的新路径</h2><p>记者 编辑</p>",
        ] {
            assert_eq!(under(html), None, "{html}");
        }
    }

    #[test]
    fn han_names_have_a_surname_and_a_given_name() {
        assert!(names_only("赵明、钱小红"));
        assert!(names_only("司马相如"));
        assert!(!names_only("关闭窗口"));
        assert!(!names_only("首页"));
        assert!(!names_only("Mei Lin"));
        assert!(!names_only("周立新、钱小红、孙大伟、李四、王五"));
    }

    #[test]
    fn several_names_after_one_label_or_reporter() {
        let cases = [
            (
                "执笔人：闵乐夫 赵兰波 刘韬 刘晋芳",
                "闵乐夫 赵兰波 刘韬 刘晋芳",
            ),
            ("作者：宋怡 杨志华 发布时间：2006-01-02", "宋怡 杨志华"),
            ("光明日报记者 王建宏 张文攀 北京5月8日电", "王建宏 张文攀"),
            // What follows the names is not a name: a word, a place, a count.
            ("记者 李明 摄影报道", "李明"),
            ("作者：李明 阅读 1234", "李明"),
            ("作者：李明|王芳", "李明"),
            // A two-character name spaced to the width of three.
            ("作者：赵　培 编辑：王芳", "赵培"),
            ("作者：赵  培", "赵培"),
        ];
        for (text, want) in cases {
            assert_eq!(read(text).author.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn the_han_class_and_is_han_agree() {
        let class = Regex::new(&format!("^{HAN_CLASS}$")).unwrap();
        let samples = (0..0x3_3000u32).step_by(7).chain([
            0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xf900, 0xfaff, 0x2_0000, 0x3_23af, 0x3_23b0,
        ]);
        for c in samples.filter_map(char::from_u32) {
            assert_eq!(
                class.is_match(c.encode_utf8(&mut [0; 4])),
                is_han(c),
                "{c:?}"
            );
        }
        // Written with `\p{Han}`, built with the class.
        assert!(han_regex(r"^\p{Han}{2}$").is_match("赵培"));
        assert!(han_regex(r"^[a-z\p{Han}]{3}$").is_match("a赵培"));
    }

    #[test]
    fn name_lists_joined_and_spaced_names_closed_up() {
        let cases = [
            ("赵 培", "赵培"),
            ("赵　培", "赵培"),
            ("王 小 明", "王小明"),
            ("常书香 马丹阳", "常书香, 马丹阳"),
            ("周立新、风小雨", "周立新, 风小雨"),
            ("宋怡，杨志华", "宋怡, 杨志华"),
            ("赵培", "赵培"),
            ("Mei Lin", "Mei Lin"),
            ("Mei Lin, Tom Akers", "Mei Lin, Tom Akers"),
            ("周思博 (Joel Spolsky)", "周思博 (Joel Spolsky)"),
        ];
        for (printed, written) in cases {
            assert_eq!(tidy_names(printed), written, "{printed}");
        }
    }

    #[test]
    fn text_after_the_headline_skips_what_comes_before_it_and_hidden_text() {
        let doc = Html::parse_document(
            "<p>before</p><div><div><p>above</p><h1>The headline</h1><span>one</span>\
             <script>var x;</script></div><p>two</p></div><noscript>gone</noscript><p>three</p>",
        );
        let anchor = headline_element(&doc, None).unwrap();
        assert_eq!(
            squash(&text_after(&doc, Some(anchor), 100)),
            "one two three"
        );
        assert_eq!(squash(&text_after(&doc, Some(anchor), 1)), "one");
        let doc = Html::parse_document("<p>ab</p><p>cd</p>");
        assert_eq!(squash(&text_after(&doc, None, 100)), "ab cd");
    }

    #[test]
    fn posters_named_before_the_time_they_posted() {
        let cases = [
            (
                "陈天华《警世钟》 ggjjzhzz 发表于 2005-9-15 11:46:00",
                Some("ggjjzhzz"),
            ),
            ("林晓雨 发表于：2021年3月4日", Some("林晓雨")),
            // Running text, and words that are no one.
            ("该文最早发表于2005年的一本杂志。", None),
            ("本文发表于 2005-9-15", None),
            ("文章 发表于 2005-9-15", None),
            ("管理员 发表于 2005-9-15", None),
            // A name with no time after it.
            ("林晓雨 发表于《读书》杂志", None),
        ];
        for (text, want) in cases {
            assert_eq!(read(text).author.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn copyright_lines_that_name_a_person() {
        let holder = |html: &str| copyright_holder(&Html::parse_document(html));
        for html in [
            "<p id=footer>Powered by:<br><a href=/><img src=x.gif></a><br>Copyright &copy; 林晓雨\n</p>",
            "<div>© 2006-2008 林晓雨 版权所有</div>",
            "<div>版权所有：林晓雨</div>",
            "<div>Copyright (c) 2006 <a href=/about>林晓雨</a>. All Rights Reserved.</div>",
        ] {
            assert_eq!(holder(html).as_deref(), Some("林晓雨"), "{html}");
        }
        for html in [
            // Outlets, and a holder that is no surname and given name.
            "<div>Copyright © 2006 示例网</div>",
            "<div>Copyright © 2006 华商报</div>",
            "<div>Copyright © 2006 示例科技</div>",
            // The mark inside a sentence is not a copyright line.
            "<p>这张照片的版权所有人是林晓雨，转载请注明。</p>",
            "<div>Copyright © 2006 Mei Lin</div>",
        ] {
            assert_eq!(holder(html), None, "{html}");
        }
    }

    #[test]
    fn a_source_line_names_a_person_when_the_byline_named_the_outlet() {
        let author = |html: &str| {
            let doc = Html::parse_document(html);
            find(&doc, Some("河堤上的新芽与早起的人")).author()
        };
        let story = "<p>河堤上的柳树发了新芽，早起散步的人比往年多了不少。</p>";
        let page = |byline: &str, source: &str| {
            format!(
                "<table><tr><th><font>河堤上的新芽与早起的人</font></th></tr>\
                 <tr><td>2005年03月21日 11:21 {byline}</td></tr></table>{story}<p>　　来源: {source} </p>"
            )
        };
        assert_eq!(
            author(&page("《示例周刊》", "林晓雨")).as_deref(),
            Some("林晓雨")
        );
        assert_eq!(
            author(&page("来源：示例周刊", "林晓雨")).as_deref(),
            Some("林晓雨")
        );
        // Without the outlet under the headline, the source line may be naming it.
        assert_eq!(author(&page("", "林晓雨")), None);
        // Outlets and words that are no one.
        assert_eq!(author(&page("《示例周刊》", "新华社")), None);
        assert_eq!(author(&page("《示例周刊》", "示例网")), None);
    }

    #[test]
    fn a_headline_in_an_unnamed_element_anchors_the_byline() {
        let html = "<div>热点 2019-09-05 16:41</div><table><tr><th class=f24><font>一个足够长的新闻标题</font></th></tr>\
                    <tr><td>2019-09-07 15:10 来源：示例报</td></tr></table>";
        let doc = Html::parse_document(html);
        let b = find(&doc, Some("一个足够长的新闻标题"));
        assert_eq!(b.date().as_deref(), Some("2019-09-07 15:10"));
        assert_eq!(b.fields[0], ("来源".to_owned(), "示例报".to_owned()));
        // The `<title>` is not the headline.
        let doc =
            Html::parse_document("<title>一个足够长的新闻标题</title><p>2019-09-05 16:41 热点</p>");
        assert!(find(&doc, Some("一个足够长的新闻标题")).window.is_empty());
    }

    #[test]
    fn without_a_headline_the_page_is_searched() {
        let html = "<div>导航 2004年10月6日</div><div>某某 发表于 2005-9-15 11:46:00</div><p>正文。（记者 张三）</p>";
        let doc = Html::parse_document(html);
        let b = find(&doc, None);
        assert_eq!(b.date().as_deref(), Some("2005-09-15 11:46:00"));
        assert_eq!(b.author().as_deref(), Some("张三"));
    }

    #[test]
    fn title_elements_are_those_the_selector_names() {
        let doc = Html::parse_document(
            "<h1>a</h1><h2>b</h2><h3 class=x>c</h3><div class='main Title'>d</div>\
             <div class='subtitle'>e</div><p id=title>f</p><span id=TITLE>g</span>",
        );
        let selector =
            scraper::Selector::parse("h1, h2, .title, #title, [class*=title], [id*=title]")
                .unwrap();
        let by_selector: Vec<_> = doc.select(&selector).map(|e| e.id()).collect();
        let direct: Vec<_> = doc
            .tree
            .nodes()
            .filter_map(ElementRef::wrap)
            .filter(|el| names_a_title(el.value()))
            .map(|e| e.id())
            .collect();
        assert_eq!(by_selector.len(), 4);
        assert_eq!(direct, by_selector);
    }

    #[test]
    fn only_text_after_the_headline_counts() {
        let html = "<div>2023-01-01 今天</div><h1>一个足够长的新闻标题</h1><script>var t='1999-09-09'</script><p>2022-02-02 10:00 来源: 示例报</p>";
        let doc = Html::parse_document(html);
        let b = find(&doc, Some("一个足够长的新闻标题"));
        assert_eq!(b.date().as_deref(), Some("2022-02-02 10:00"));
    }
}
