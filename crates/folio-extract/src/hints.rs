//! What names and short texts say about a block. Class and id values are matched against the
//! word lists in one Aho-Corasick automaton (built once per extractor): content words
//! (article, content, post, 正文…) and boilerplate words (comment, share, related, sidebar…).
//! Short words only count as whole words (`ad` in `ad-slot`, not in `head`). Text is matched
//! the same way for copyright and ICP notices; the labels that open the lists of links under
//! an article (相关阅读, Related articles…) and statements (免责声明…) are looked for only at
//! the start of a short text, where a table of their first bytes and a walk of the list cost
//! less than building an automaton (a tenth of a tiny run's start-up).

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use folio_html::raw::starts_with_ignoring_case;
use folio_html::text::{is_alphanumeric, push_lowercase};
use scraper::node::Element;

use crate::style_hides;
use crate::tag::Tag;

/// Class/id words of content, matched anywhere in a name.
const POSITIVE: &[&str] = &[
    "article", "content", "entry", "hentry", "main", "post", "story", "text", "body", "blog",
    "news", "detail", "zhengwen", "正文",
];

/// Class/id words of boilerplate, matched anywhere in a name.
const NEGATIVE: &[&str] = &[
    "comment",
    "disqus",
    "sidebar",
    "breadcrumb",
    "share",
    "sharing",
    "sponsor",
    "advert",
    "banner",
    "footer",
    "masthead",
    "navbar",
    "navbox",
    "navigation",
    "pagination",
    "pager",
    "popup",
    "cookie",
    "login",
    "subscribe",
    "newsletter",
    "copyright",
    "widget",
    "promo",
    "outbrain",
    "taboola",
    "toolbar",
    "shoutbox",
    "combx",
    "skyscraper",
    "signup",
    "rank",
    "hotnews",
    "hot-list",
    "hotlist",
    "paihang",
    "tuijian",
    "xiangguan",
    "gdpr",
    "modal",
    "topbar",
    "reply",
    "replies",
    "tags",
    "author-bio",
    "caption-credit",
];

/// Boilerplate words of the lists of other stories, matched anywhere in a name. A content
/// word after one in the same class names those stories (`related-articles`,
/// `recommended-posts`, `jp-relatedposts`), not the article.
const OTHER_STORIES: &[&str] = &["related", "recommend"];

/// Boilerplate words that only count as a whole word of a name (split on `-`, `_`, space).
const NEGATIVE_WORDS: &[&str] = &[
    "ad", "ads", "nav", "menu", "hot", "foot", "tag", "tags", "side", "header", "crumbs", "share",
    "print", "email",
];

/// Words of comments in a name (`comments`, `commentlist`, `reply`…), for telling a comment
/// thread from other boilerplate.
const COMMENT_WORDS: &[&str] = &["comment", "repl", "disqus"];

/// What a word found in a class or id name stands for.
#[derive(Clone, Copy)]
enum NameWord {
    /// [`POSITIVE`]: anywhere in a name.
    Content,
    /// [`NEGATIVE`]: anywhere in a name.
    Boilerplate,
    /// [`NEGATIVE_WORDS`]: only as a whole word of the name.
    Whole,
    /// [`COMMENT_WORDS`].
    Comments,
    /// [`OTHER_STORIES`]: anywhere in a name.
    OtherStories,
}

/// The word lists searched in class and id names, in the order of the automaton's patterns.
const NAME_WORDS: &[(NameWord, &[&str])] = &[
    (NameWord::Content, POSITIVE),
    (NameWord::Boilerplate, NEGATIVE),
    (NameWord::Whole, NEGATIVE_WORDS),
    (NameWord::Comments, COMMENT_WORDS),
    (NameWord::OtherStories, OTHER_STORIES),
];

/// `role` values of page furniture.
const ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "menu",
    "menubar",
    "search",
    "dialog",
    "alert",
];

/// Text of notices that are never article: copyright and ICP lines.
const NOTICES: &[&str] = &[
    "版权所有",
    "版权声明",
    "copyright ©",
    "copyright (c)",
    "© copyright",
    "all rights reserved",
    "icp备",
    "icp证",
    "京公网安备",
    "未经授权",
    "不得转载",
    "转载请注明",
    "违法和不良信息",
    "举报电话",
    "alle angaben ohne gewähr",
];

/// Labels that open a list of links or other items under an article, matched without case at
/// the start of a short block.
const TAIL_LABELS: &[&str] = &[
    "相关阅读",
    "相关新闻",
    "相关文章",
    "相关链接",
    "相关报道",
    "相关推荐",
    "延伸阅读",
    "热门推荐",
    "推荐阅读",
    "热点推荐",
    "猜你喜欢",
    "热门文章",
    "热门新闻",
    "精彩推荐",
    "更多精彩",
    "网友评论",
    "发表评论",
    "我要评论",
    "热门评论",
    "最新评论",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "you may also like",
    "more from",
    "read more",
    "recommended for you",
    "more stories",
    "most popular",
    "most read",
    "trending",
    "leave a comment",
    "comments",
    "share this",
    "like this story",
    "like this article",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "sign up for",
    // German, French, Spanish, Italian, Portuguese: the same labels as news sites print them.
    "ähnliche beiträge",
    "beliebte beiträge",
    "ähnliche artikel",
    "verwandte artikel",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte sie auch interessieren",
    "das thema könnte dich auch interessieren",
    "mehr zum thema",
    "auch interessant",
    "zum weiterlesen",
    "lesen sie auch",
    "empfohlene beiträge",
    "weitere artikel",
    "weitere beiträge",
    "teilen sie dies mit",
    "vorheriger artikel",
    "nächster artikel",
    "vorheriger beitrag",
    "nächster beitrag",
    "beitrag teilen",
    "artikel teilen",
    "kommentare",
    "kommentar verfassen",
    "über den autor",
    "über die autorin",
    "neueste artikel",
    "neueste beiträge",
    "schreibe einen kommentar",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "articles similaires",
    "vous aimerez aussi",
    "commentaires",
    "article précédent",
    "article suivant",
    "le puede interesar",
    "te puede interesar",
    "también te puede interesar",
    "noticias relacionadas",
    "artículos relacionados",
    "lea también",
    "lee también",
    "más sobre",
    "comentarios",
    "artículo anterior",
    "artículo siguiente",
    "leggi anche",
    "potrebbe interessarti",
    "articoli correlati",
    "leia também",
    "veja também",
    "notícias relacionadas",
    "comentários",
];

/// Tail labels that are one only as a block's whole text: the heading of a blog's like
/// button ("Like this:"), which as the start of a sentence is prose ("Weitere Informationen
/// folgen.").
const WHOLE_TAIL_LABELS: &[&str] = &[
    "like this",
    "kommentieren",
    "weitere informationen",
    "schon gelesen",
    "gefällt mir",
    "j'aime ça",
    "j’aime ça",
    "me gusta esto",
];

/// Headings of a comment thread, as a block's whole text once counts, brackets and
/// punctuation are taken off ("12 Comments", "评论（35）", "Kommentare (3)").
const COMMENT_HEADINGS: &[&str] = &[
    "评论",
    "网友评论",
    "最新评论",
    "热门评论",
    "精彩评论",
    "全部评论",
    "读者评论",
    "comments",
    "comment",
    "reader comments",
    "top rated comments",
    "most popular comments",
    "leave a reply",
    "leave a comment",
    // WordPress's own words for "Leave a Reply" in German, French and Spanish.
    "schreibe einen kommentar",
    "hinterlasse einen kommentar",
    "hinterlasse jetzt einen kommentar",
    "kommentar hinterlassen",
    "kommentar schreiben",
    "laisser un commentaire",
    "laisser une réponse",
    "deja un comentario",
    "dejar un comentario",
    "deja una respuesta",
    // WordPress.com's German "Leave a Reply". ("No Comments" is left out: themes print it as
    // the count in a post's meta line, above the article.)
    "kommentar verfassen",
    "einen kommentar schreiben",
    "join the discussion",
    "diskussion",
    "discussion",
    "responses",
    "there are comments",
    "kommentare",
    "leserkommentare",
    "commentaires",
    "comentarios",
    "commenti",
    "comentários",
    "reacties",
];

/// Headings of a comment thread followed by the post's title ("3 thoughts on “…”").
const COMMENT_HEADING_OPENINGS: &[&str] = &[
    "thoughts on ",
    "responses to ",
    "replies to ",
    "comments on ",
    "kommentare zu ",
    "réactions à ",
    "commentaires sur ",
];

/// Headings of a comment thread in WordPress's translations of "3 thoughts on “…”": read only
/// after a count, in digits or as the word for one ("45 Gedanken zu „…“", "Une réflexion sur
/// « … »"), since a section of an article may be headed "Gedanken zu …" too.
const COUNTED_COMMENT_OPENINGS: &[&str] = &[
    "thought on ",
    "gedanken zu ",
    "gedanke zu ",
    "kommentar zu ",
    "réflexions sur ",
    "réflexion sur ",
    "commentaire sur ",
    "réponses à ",
    "réponse à ",
    "comentarios en ",
    "comentario en ",
    "pensamientos sobre ",
    "pensamiento sobre ",
    "respuestas a ",
    "respuesta a ",
    "pensieri su ",
    "pensiero su ",
    "commenti su ",
    "commento su ",
    "risposte a ",
    "risposta a ",
    "comentários em ",
    "comentário em ",
    "comentários sobre ",
    "pensamentos sobre ",
    "pensamento sobre ",
    "gedachten over ",
    "gedachte over ",
    "reacties op ",
    "reactie op ",
];

/// Words for "one" that stand for the count in a thread's heading ("One thought on “…”").
const ONE: &[&str] = &[
    "one", "ein", "eine", "un", "une", "uno", "una", "um", "uma", "één", "een",
];

/// Endings of a Chinese thread's heading after its count ("已有3条评论", "《…》有12条评论").
const COMMENT_COUNT_ENDINGS: &[&str] =
    &["条评论", "件评论", "个评论", "条留言", "則留言", "条回复"];

/// The longest block taken for a tail label: the longest label and a few characters more.
pub(crate) const TAIL_LABEL_CHARS: usize = 40;

/// Labels that open a statement block (copyright, disclaimer) when a block starts with them.
const STATEMENTS: &[&str] = &[
    "版权声明",
    "免责声明",
    "反侵权公告",
    "郑重声明",
    "特别声明",
    "版权所有",
    "本网声明",
    "copyright",
    "disclaimer",
    "©",
];

/// Whole texts of blocks that stand in for something else: ad slots, script notices.
const FILLERS: &[&str] = &[
    "advert",
    "advertisement",
    "advertising",
    "sponsored",
    "ad",
    "广告",
    "this slideshow requires javascript.",
    "story continues below advertisement",
    "continue reading below",
    "scroll to continue with content",
    "skip advertisement",
    "post navigation",
    // The same stand-ins in German, Spanish, French and Italian.
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "externer inhalt",
    // The labels of a page's controls, left as a block of their own: share and subscribe
    // buttons, a gallery's caption toggle, a loading notice.
    "share",
    "share this",
    "email",
    "tweet",
    "subscribe",
    "newsletter",
    "caption",
    "close",
    "back to gallery",
    "loading",
    "loading...",
    "teilen",
    "zurück",
    "zurück zur übersicht",
    "zurück zur listenansicht",
    "back to top",
    "nach oben",
    "mehr anzeigen",
    "quellen ausblenden",
    "permalink",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "pinterest",
    "bewerten",
    "beitragsbild",
    "sharing is caring!",
    "sharing is caring",
    // WordPress's "Share this:" above its share buttons, in German, French and Spanish, and
    // the like under other names.
    "teilen mit",
    "sharen mit",
    "diesen artikel teilen",
    "diesen beitrag teilen",
    "weitererzählen",
    "partager",
    "compartir",
    "compártelo",
    "flattr this",
    "share this article",
    "share this story",
    "share this post",
];

/// What a class or id name says: whether it has a content word, a boilerplate word, and a
/// word of comments (`comments`, `commentlist`, `reply`…).
#[derive(Clone, Copy)]
pub(crate) struct NameSignal {
    positive: bool,
    negative: bool,
    comments: bool,
}

/// An element's class/id weight; whether it is an unlikely candidate (a name or role of
/// boilerplate with no content word, or a tag of page furniture); and whether it is an
/// unlikely one named for comments.
pub(crate) struct Weighed {
    pub weight: i16,
    pub unlikely: bool,
    pub comments: bool,
}

/// The attributes the extractor reads, found in one pass over an element's attributes rather
/// than one pass each.
pub(crate) struct Attrs<'e> {
    pub class: Option<&'e str>,
    pub id: Option<&'e str>,
    role: Option<&'e str>,
    style: Option<&'e str>,
    itemprop: Option<&'e str>,
    hidden: bool,
}

impl<'e> Attrs<'e> {
    /// Whether the element says, in schema.org microdata, that it holds the article's body.
    pub fn marks_article_body(&self) -> bool {
        self.itemprop.is_some_and(|value| {
            value
                .split_ascii_whitespace()
                .any(|word| word.eq_ignore_ascii_case("articleBody"))
        })
    }

    pub fn of(el: &'e Element) -> Attrs<'e> {
        let mut attrs = Attrs {
            class: None,
            id: None,
            role: None,
            style: None,
            itemprop: None,
            hidden: false,
        };
        // The first of a repeated name wins, as with `Element::attr`.
        for (name, value) in el.attrs() {
            let slot = match name {
                "class" => &mut attrs.class,
                "id" => &mut attrs.id,
                "role" => &mut attrs.role,
                "style" => &mut attrs.style,
                "itemprop" => &mut attrs.itemprop,
                "hidden" => {
                    attrs.hidden = true;
                    continue;
                }
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        attrs
    }
}

/// Classes that CSS frameworks and site templates hide their element with, on every screen:
/// Bootstrap's `d-none`, `hidden` and `invisible`, Foundation's `hide`, and the state classes
/// of scripts (`is-hidden`, `u-hidden`). The screen-reader classes (`sr-only`,
/// `visually-hidden`, `element-invisible`) are not here: their text is unseen too, but
/// reference texts keep it (Drupal's "(link is external)", a page's own headline), and
/// reading Drupal's invisible site-name `<h1>` as gone changed which headline a page has.
const HIDING_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "u-hidden",
    "d-none",
    "invisible",
];

/// Whether a `class` attribute hides its element: one of [`HIDING_CLASSES`], and no class
/// that shows it again on some screen (`d-md-block`, Tailwind's `md:block`, `show-for-large`,
/// `visible-lg`): a responsive layout shows it to someone.
pub(crate) fn class_hides(class: &str) -> bool {
    // Every element with a class comes here and few classes hide: a name is compared only
    // when its length is a hiding class's, and the names are read again only when one is.
    // Class selectors match case-sensitively, so `Hidden` is not `hidden`.
    let hiding = |name: &str| matches!(name.len(), 4 | 6 | 8 | 9) && HIDING_CLASSES.contains(&name);
    class.split_ascii_whitespace().any(hiding)
        && !class
            .split_ascii_whitespace()
            .any(|name| !hiding(name) && shows_on_some_screen(name))
}

/// A class that shows its element at some screen size.
fn shows_on_some_screen(name: &str) -> bool {
    name.contains(':')
        || ["d-", "visible-", "show-for-"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
}

/// The compiled word lists.
pub(crate) struct Hints {
    /// Every word a class or id name is searched for, in one automaton: [`NAME_WORDS`].
    names: AhoCorasick,
    /// What each of `names`' patterns stands for.
    name_kinds: Vec<NameWord>,
    notices: AhoCorasick,
}

/// Whether a thread's heading, `text` as printed and `heading` as read (lowered, without its
/// digits), opens with a count and one of [`COUNTED_COMMENT_OPENINGS`].
fn counted_opening(text: &str, heading: &str) -> bool {
    let after_count = if text.starts_with(|c: char| c.is_ascii_digit()) {
        heading
    } else {
        match heading.split_once(' ') {
            Some((word, rest)) if ONE.contains(&word) => rest,
            _ => return false,
        }
    };
    COUNTED_COMMENT_OPENINGS
        .iter()
        .any(|opening| after_count.starts_with(opening))
}

/// Whether `text` ends with a count of comments: a digit, then "条评论" or its kin.
fn counts_comments(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| c.is_whitespace() || "）)】".contains(c));
    COMMENT_COUNT_ENDINGS.iter().any(|ending| {
        text.strip_suffix(ending)
            .is_some_and(|count| count.trim_end().ends_with(|c: char| c.is_ascii_digit()))
    })
}

/// The words of a Chinese page's pager and its links back.
const PAGER_WORDS: &[&str] = &[
    "上一页",
    "下一页",
    "上一篇",
    "下一篇",
    "首页",
    "尾页",
    "末页",
    "返回目录",
    "返目录",
];

/// Words that may name a gallery's counter ("Image 3 of 12", "Bild 3 von 12").
const COUNTED_PICTURES: &[&str] = &[
    "image",
    "photo",
    "picture",
    "slide",
    "bild",
    "foto",
    "imagen",
    "diapositive",
    "immagine",
];

/// Words between a gallery counter's two numbers ("3 of 12", "3 von 12", "3 de 12").
const COUNTER_OF: &[&str] = &["of", "von", "de", "sur", "di", "/"];

/// Whether a short text is a gallery's counter and nothing else: "1 of 24", "Bild 3 von 10",
/// "1 / 23" (the first number no more than the second, which counts at least two pictures).
/// A slash between bare numbers with no space around it is a fraction ("3/8"), unless a word
/// names the pictures ("Foto 3/8").
fn is_gallery_counter(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if text.len() > 30 || digits < 2 || !text.starts_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let named = words
        .first()
        .is_some_and(|w| COUNTED_PICTURES.iter().any(|p| w.eq_ignore_ascii_case(p)));
    if named {
        words.remove(0);
    }
    // "Foto 3/8": the slash joins the numbers once a word names the pictures.
    if let (true, &[joined]) = (named, &words[..]) {
        if let Some((at, count)) = joined.split_once('/') {
            words = vec![at, "/", count];
        }
    }
    let [at, of, count] = words[..] else {
        return false;
    };
    let number = |w: &str| (w.len() <= 3).then(|| w.parse::<u32>().ok()).flatten();
    match (number(at), number(count)) {
        (Some(at), Some(count)) => {
            (1..=count).contains(&at)
                && count >= 2
                && COUNTER_OF.iter().any(|o| of.eq_ignore_ascii_case(o))
        }
        _ => false,
    }
}

/// A pager as a block of its own: "[上一篇] [下一篇]", "上一页下一页", "[1] [2] [3]": nothing
/// but the pager's words, page numbers and brackets, with a word or three bracketed numbers
/// at least.
fn is_pager(text: &str) -> bool {
    // Most blocks hold none of the characters every pager has: settled without a copy.
    if text.len() > 120 || !text.contains(['页', '篇', '录', '[']) {
        return false;
    }
    let mut rest = text.to_string();
    let mut words = 0;
    for word in PAGER_WORDS {
        words += rest.matches(word).count();
        rest = rest.replace(word, " ");
    }
    // Page numbers stand in brackets: bare numbers are a date, a phone number, an axis.
    let numbers = rest
        .split('[')
        .skip(1)
        .filter(|after| {
            after
                .split_once(']')
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .count();
    let only_marks = rest.chars().all(|c| {
        c.is_whitespace() || c.is_ascii_digit() || "[]【】()（）<>《》«»|/-·.…".contains(c)
    });
    only_marks && (words > 0 || numbers >= 3)
}

impl Hints {
    pub fn new() -> Result<Hints, aho_corasick::BuildError> {
        let build = |patterns: &[&str], kind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(kind))
                .build(patterns)
        };
        use AhoCorasickKind::{ContiguousNFA, DFA};
        let (name_kinds, name_words): (Vec<NameWord>, Vec<&str>) = NAME_WORDS
            .iter()
            .flat_map(|(kind, words)| words.iter().map(|word| (*kind, *word)))
            .unzip();
        Ok(Hints {
            // Every occurrence is wanted, overlapping ones too: see `name_signal`.
            names: AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(DFA))
                .build(name_words)?,
            name_kinds,
            notices: build(NOTICES, ContiguousNFA)?,
        })
    }

    /// The class/id weight of an element and whether it is an unlikely candidate (a name or
    /// role of boilerplate with no content word, or a tag of page furniture).
    #[cfg(test)]
    pub fn weigh(&self, el: &Element, tag: Tag) -> (i16, bool) {
        let weighed = self.weigh_with(&Attrs::of(el), tag, |name| self.name_signal(name));
        (weighed.weight, weighed.unlikely)
    }

    /// What a class or id name says, from one pass over it. Every occurrence of every word
    /// is seen, so a short word counts when any of its occurrences stands whole. That is the
    /// same answer as taking the longest word at each place: the words are letters and
    /// digits only, so no match can run across the separator before a whole word.
    pub fn name_signal(&self, name: &str) -> NameSignal {
        let bytes = name.as_bytes();
        let boundary = |i: usize| i >= bytes.len() || !bytes[i].is_ascii_alphanumeric();
        let starts = |i: usize| i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let mut said = NameSignal {
            positive: false,
            negative: false,
            comments: false,
        };
        // Where each content word starts, and whether it stands whole; where each comment word
        // and each word of other stories starts.
        let mut contents = Vec::new();
        let mut comments = Vec::new();
        let mut others = Vec::new();
        for found in self.names.find_overlapping_iter(name) {
            let at = found.start();
            match self.name_kinds[found.pattern().as_usize()] {
                NameWord::Content => {
                    said.positive = true;
                    contents.push((at, starts(at) && boundary(found.end())));
                }
                NameWord::Boilerplate => said.negative = true,
                NameWord::OtherStories => {
                    said.negative = true;
                    others.push(at);
                }
                NameWord::Whole => said.negative |= starts(at) && boundary(found.end()),
                NameWord::Comments => {
                    said.comments = true;
                    // `repl` also begins `replay` and `replace`.
                    if !name[at..]
                        .get(..4)
                        .is_some_and(|w| w.eq_ignore_ascii_case("repl"))
                    {
                        comments.push(at);
                    }
                }
            }
        }
        // A comment word after a whole content word in one class (`article_comments`,
        // `post-comment-list`) names the comments of the article, not the article
        // (`ContentPlaceHolder1_RepeaterComments`, a forum's posts, does not). Another class
        // beside it with a content word (`article-body post-comments-open`) still counts.
        let token_of = |at: usize| name[..at].rfind(char::is_whitespace).map_or(0, |w| w + 1);
        let mut headed: Vec<usize> = comments
            .iter()
            .map(|&c| (token_of(c), c))
            .filter(|&(token, c)| {
                contents
                    .iter()
                    .any(|&(s, whole)| whole && (token..c).contains(&s))
            })
            .map(|(token, _)| token)
            .collect();
        // A content word after a word of other stories in one class (`related-articles`,
        // `paragraph--type--recommended-articles`, `jp-relatedposts`) names those stories.
        headed.extend(
            others
                .iter()
                .map(|&o| (o, token_of(o)))
                .filter(|&(o, token)| contents.iter().any(|&(s, _)| s > o && token_of(s) == token))
                .map(|(_, token)| token),
        );
        if !headed.is_empty() {
            said.negative = true;
            said.positive = contents
                .iter()
                .any(|&(s, _)| !headed.contains(&token_of(s)));
        }
        said
    }

    /// [`Hints::weigh`] with the names' signals from `signal`, so that a page's builder can
    /// remember them: pages repeat the same few hundred class names on thousands of elements.
    pub fn weigh_with<'e>(
        &self,
        attrs: &Attrs<'e>,
        tag: Tag,
        mut signal: impl FnMut(&'e str) -> NameSignal,
    ) -> Weighed {
        let mut weight = 0i16;
        let mut unlikely = matches!(tag, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header);
        let mut likely = matches!(tag, Tag::Article | Tag::Main | Tag::Body | Tag::Html);
        let mut comments = false;
        // A heading's id is most often its own text made an anchor (`nav_nur_die_folie`,
        // `share-your-story`): it names the words, not the block.
        let id = attrs.id.filter(|_| tag != Tag::H2);
        for name in [attrs.class, id].into_iter().flatten() {
            let said = signal(name);
            weight += if said.positive { 25 } else { 0 } - if said.negative { 25 } else { 0 };
            likely |= said.positive;
            unlikely |= said.negative;
            comments |= said.comments;
        }
        if let Some(role) = attrs.role {
            unlikely |= ROLES.iter().any(|r| role.eq_ignore_ascii_case(r));
        }
        // A link's name speaks of where it leads (`tag-link`, a footnote's `popup`), and its
        // words belong to the sentence around it; a block of links goes by its own name.
        let unlikely = unlikely && !likely && tag != Tag::A;
        Weighed {
            weight,
            unlikely,
            comments: unlikely && comments,
        }
    }

    /// Hidden by the page itself (`hidden`, `display:none`, `visibility:hidden`, or a class
    /// the common style sheets hide: [`class_hides`]).
    pub fn is_hidden(&self, attrs: &Attrs) -> bool {
        attrs.hidden || attrs.style.is_some_and(style_hides) || attrs.class.is_some_and(class_hides)
    }

    /// A block whose whole text is a stand-in (`Advertisement`, `广告`) or a control's label
    /// (`Share`, `Loading...`).
    pub fn is_filler(&self, text: &str) -> bool {
        let trimmed =
            text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | ':' | '：'));
        trimmed.len() <= 40 && FILLERS.iter().any(|f| trimmed.eq_ignore_ascii_case(f))
            || is_pager(trimmed)
            || is_gallery_counter(trimmed)
    }

    /// A copyright or ICP notice.
    pub fn is_notice(&self, text: &str) -> bool {
        self.notices.is_match(text)
    }

    /// A block whose text opens with a statement label (版权声明, 免责声明, Copyright…).
    pub fn is_statement(&self, text: &str) -> bool {
        let head: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(16)
            .collect();
        // A label within the first six bytes (after `【`, `[`, a number): ten labels over a
        // sixteen-character head cost less than building an automaton for them.
        (0..=6.min(head.len())).any(|at| {
            head.is_char_boundary(at)
                && STATEMENT_FIRST_BYTES
                    [usize::from(head.as_bytes()[at..].first().copied().unwrap_or(0))]
                && STATEMENTS
                    .iter()
                    .any(|label| starts_with_folded(&head[at..], label))
                && !(head[at..].starts_with('©') && names_a_picture(&head[..at]))
        })
    }

    /// A short text that heads a comment thread.
    pub fn is_comments_heading(&self, text: &str) -> bool {
        if text.chars().count() > TAIL_LABEL_CHARS * 2 {
            return false;
        }
        // Digits, punctuation and marks such as "»" or "↓" around the words go.
        let apart = |c: char| {
            if c.is_ascii() {
                !c.is_ascii_alphabetic() && c != '\''
            } else {
                !is_alphanumeric(c) && c != '’'
            }
        };
        let mut heading = String::with_capacity(text.len());
        for word in text.split(apart).filter(|w| !w.is_empty()) {
            if !heading.is_empty() {
                heading.push(' ');
            }
            push_lowercase(&mut heading, word);
        }
        // After an opening comes the post's title, not a sentence of the article.
        let sentence = text.contains([',', '，']) || text.trim_end().ends_with(['.', '。']);
        COMMENT_HEADINGS.contains(&heading.as_str())
            || !sentence
                && (COMMENT_HEADING_OPENINGS
                    .iter()
                    .any(|opening| heading.starts_with(opening))
                    || counted_opening(text.trim_start(), &heading)
                    || counts_comments(text))
    }

    /// A short text that is one of the labels opening a list under the article.
    pub fn is_tail_label(&self, text: &str) -> bool {
        let trimmed = text.trim_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_punctuation() || "：【】[]『』|>»·«‹›←→".contains(c)
        });
        if trimmed.chars().count() > TAIL_LABEL_CHARS {
            return false;
        }
        // Labels are compared folding ASCII case only: `Ähnliche Beiträge` and `À lire aussi`
        // are lowered first.
        let folded = if trimmed.is_ascii() {
            Cow::Borrowed(trimmed)
        } else {
            let mut lowered = String::with_capacity(trimmed.len());
            push_lowercase(&mut lowered, trimmed);
            Cow::Owned(lowered)
        };
        let opens_a_label = folded
            .as_bytes()
            .first()
            .is_some_and(|&b| TAIL_LABEL_FIRST_BYTES[usize::from(b)]);
        opens_a_label
            && TAIL_LABELS
                .iter()
                .any(|label| starts_with_folded(&folded, label))
            || WHOLE_TAIL_LABELS
                .iter()
                .any(|label| folded.eq_ignore_ascii_case(label))
    }
}

/// The first bytes of the tail labels and of the statement labels, in either ASCII case: most
/// texts open with none of them and are settled without reading the lists.
const TAIL_LABEL_FIRST_BYTES: [bool; 256] = first_bytes(TAIL_LABELS);
const STATEMENT_FIRST_BYTES: [bool; 256] = first_bytes(STATEMENTS);

const fn first_bytes(labels: &[&str]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < labels.len() {
        let first = labels[i].as_bytes()[0];
        table[first as usize] = true;
        table[first.to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    table
}

/// Words that label a picture's credit before its `©` (`Foto © Peter Steiger`, `Photo: ©
/// Agency`): the line credits a photographer, which folio-clean takes into `credits`; it
/// states no rights over the page.
fn names_a_picture(label: &str) -> bool {
    const PICTURE_LABELS: &[&str] = &["foto", "fotos", "photo", "bild", "image", "图片", "摄影"];
    let label = label.trim_end_matches([':', '：']);
    PICTURE_LABELS
        .iter()
        .any(|word| label.eq_ignore_ascii_case(word))
}

/// Whether `text` starts with `label` (lower case), ASCII case aside.
fn starts_with_folded(text: &str, label: &str) -> bool {
    starts_with_ignoring_case(text.as_bytes(), label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn weigh(html: &str) -> (i16, bool) {
        let doc = Html::parse_fragment(html);
        let sel = Selector::parse("div").unwrap();
        let el = doc.select(&sel).next().unwrap();
        Hints::new().unwrap().weigh(el.value(), Tag::Div)
    }

    #[test]
    fn a_class_hides_on_every_screen_or_not_at_all() {
        // `class_hides` looks names up by these lengths only.
        assert!(HIDING_CLASSES
            .iter()
            .all(|h| matches!(h.len(), 4 | 6 | 8 | 9)));
        for hidden in [
            "hidden",
            "form-error hidden",
            "d-none",
            "hide x",
            "is-hidden",
        ] {
            assert!(class_hides(hidden), "{hidden}");
        }
        for shown in [
            "d-none d-md-block",
            "hidden md:flex",
            "hide show-for-large",
            "hidden visible-lg",
            "field-label-hidden",
            "hidden-xs",
            "Hidden",
            "sr-only",
            "visually-hidden",
            "",
        ] {
            assert!(!class_hides(shown), "{shown}");
        }
    }

    #[test]
    fn a_pager_is_its_words_and_bracketed_numbers_alone() {
        let hints = Hints::new().unwrap();
        for pager in [
            "[上一篇] [下一篇]",
            "上一页下一页",
            "[1] [2] [3] [4]",
            "返回目录",
            "首页 | 尾页",
        ] {
            assert!(hints.is_filler(pager), "{pager}");
        }
        for text in [
            "2024.03.05",
            "1945 1960 1980 2000",
            "[1] [2]",
            "下一页将介绍新的方案",
            "目录",
        ] {
            assert!(!hints.is_filler(text), "{text}");
        }
    }

    #[test]
    fn comment_thread_headings_are_known_by_their_words_not_their_counts() {
        let hints = Hints::new().unwrap();
        for heading in [
            "Comments",
            "12 Comments",
            "Top Rated Comments",
            "3 thoughts on “Tomatoes for a short summer”",
            "Kommentare (4)",
            "评论（35）",
            "网友评论",
            "《播种的时节》已有3件评论",
            "共 12 条评论",
            "Leave a Reply",
            "Hinterlasse jetzt einen Kommentar",
            "Laisser un commentaire",
            "Kommentar verfassen",
            "Diskussion",
            // WordPress's "N thoughts on “…”" in its translations, after a count.
            "45 Gedanken zu „Das wird man ja wohl noch sagen dürfen!“",
            "Ein Gedanke zu „Winterreifen“",
            "One thought on “Spring tides”",
            "3 réflexions sur « Le port d'hiver »",
            "2 comentarios en «La feria»",
            // Marks beside the words are no part of them.
            "35 Comments »",
            "Comments ↓",
        ] {
            assert!(hints.is_comments_heading(heading), "{heading}");
        }
        for text in [
            "Comments on the budget were few, and most of them were kind.",
            "No comment",
            // A post's meta line counts its comments above the article.
            "No Comments",
            "Keine Kommentare",
            "Reply",
            "评论员文章",
            "本文共有3条评论，欢迎继续讨论。",
            "暂无评论",
            // The translated openings need a count: an article's section may be headed so.
            "Gedanken zu Ostern",
            "Réflexions sur le port",
        ] {
            assert!(!hints.is_comments_heading(text), "{text}");
        }
    }

    #[test]
    fn names_weigh_by_words() {
        assert_eq!(weigh(r#"<div class="article-body">x</div>"#), (25, false));
        assert_eq!(weigh(r#"<div id="comment-list">x</div>"#), (-25, true));
        assert_eq!(weigh(r#"<div class="ad-slot">x</div>"#), (-25, true));
        assert_eq!(weigh(r#"<div class="thread">x</div>"#), (0, false));
        // Both kinds of word: the last one names the block.
        assert_eq!(weigh(r#"<div class="comment-content">x</div>"#), (0, false));
        assert_eq!(weigh(r#"<div class="post-comments">x</div>"#), (-25, true));
        assert_eq!(
            weigh(r#"<div class="article_footer_comments">x</div>"#),
            (-25, true)
        );
        assert_eq!(
            weigh(r#"<div class="entry has-comments">x</div>"#),
            (0, false)
        );
        assert_eq!(
            weigh(r#"<div class="article-body post-comments-open">x</div>"#),
            (0, false)
        );
        assert_eq!(
            weigh(r#"<div id="ContentPlaceHolder1_RepeaterComments_0">x</div>"#),
            (0, false)
        );
        assert_eq!(weigh(r#"<div class="story-replay">x</div>"#), (25, false));
        // Articles after a word of other stories are those stories; before it, the page's.
        for other_stories in [
            "related-articles",
            "paragraph paragraph--type--recommended-articles",
            "jp-relatedposts",
            "RelatedContent",
        ] {
            let div = format!(r#"<div class="{other_stories}">x</div>"#);
            assert_eq!(weigh(&div), (-25, true), "{other_stories}");
        }
        assert_eq!(weigh(r#"<div class="article-related">x</div>"#), (0, false));
        assert_eq!(
            weigh(r#"<div class="article-body related-links">x</div>"#),
            (0, false)
        );
    }

    #[test]
    fn a_link_is_never_unlikely_by_its_name() {
        let doc = Html::parse_fragment(r#"<p>Kept by <a class="tag-link popup">Edith</a></p>"#);
        let el = doc.select(&Selector::parse("a").unwrap()).next().unwrap();
        let (weight, unlikely) = Hints::new().unwrap().weigh(el.value(), Tag::A);
        assert_eq!((weight, unlikely), (-25, false));
    }

    #[test]
    fn a_headings_id_is_its_anchor_and_says_nothing() {
        let doc = Html::parse_fragment(
            r#"<h3 id="nav_share_the_road">Share the road</h3><div id="nav_top">Menu</div>"#,
        );
        let hints = Hints::new().unwrap();
        let h3 = doc.select(&Selector::parse("h3").unwrap()).next().unwrap();
        assert_eq!(hints.weigh(h3.value(), Tag::H2), (0, false));
        let div = doc.select(&Selector::parse("div").unwrap()).next().unwrap();
        assert_eq!(hints.weigh(div.value(), Tag::Div), (-25, true));
    }

    #[test]
    fn attributes_read_in_one_pass_are_what_scraper_reads() {
        let doc = Html::parse_fragment(
            r#"<p id="x" CLASS="a b" role="Navigation" style="display:none" hidden>t</p><p>u</p>"#,
        );
        let sel = Selector::parse("p").unwrap();
        for p in doc.select(&sel) {
            let (el, attrs) = (p.value(), Attrs::of(p.value()));
            assert_eq!(attrs.class, el.attr("class"));
            assert_eq!(attrs.id, el.attr("id"));
            assert_eq!(attrs.role, el.attr("role"));
            assert_eq!(attrs.style, el.attr("style"));
            assert_eq!(attrs.hidden, el.attr("hidden").is_some());
        }
    }

    /// Each list searched on its own, as the words are defined: content and boilerplate words
    /// anywhere, the short words as the longest word at each place and whole, comment words
    /// anywhere whatever the case, a content word after a word of other stories in a class.
    struct ListByList {
        positive: AhoCorasick,
        negative: AhoCorasick,
        words: AhoCorasick,
        others: AhoCorasick,
    }

    impl ListByList {
        fn new() -> ListByList {
            let build = |words: &[&str]| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(words)
                    .unwrap()
            };
            ListByList {
                positive: build(POSITIVE),
                negative: build(NEGATIVE),
                words: build(NEGATIVE_WORDS),
                others: build(OTHER_STORIES),
            }
        }

        fn signal(&self, name: &str) -> (bool, bool, bool) {
            let bytes = name.as_bytes();
            let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
            let whole = self
                .words
                .find_iter(name)
                .any(|m| (m.start() == 0 || !alnum(m.start() - 1)) && !alnum(m.end()));
            let lower = name.to_ascii_lowercase();
            // Per class: whether a comment word follows a whole content word in it, and
            // whether it holds a content word at all.
            let tokens: Vec<(bool, bool)> = lower
                .split_whitespace()
                .map(|token| {
                    let alnum = |i: usize| {
                        token
                            .as_bytes()
                            .get(i)
                            .is_some_and(u8::is_ascii_alphanumeric)
                    };
                    let first_content = POSITIVE
                        .iter()
                        .flat_map(|w| token.match_indices(w).map(|(i, w)| (i, i + w.len())))
                        .filter(|&(i, end)| (i == 0 || !alnum(i - 1)) && !alnum(end))
                        .map(|(i, _)| i)
                        .min();
                    let last_comment = ["comment", "disqus"]
                        .iter()
                        .flat_map(|w| token.match_indices(w).map(|(i, _)| i))
                        .max();
                    let first_other = OTHER_STORIES
                        .iter()
                        .flat_map(|w| token.match_indices(w).map(|(i, _)| i))
                        .min();
                    let after_other = first_other.is_some_and(|o| {
                        POSITIVE
                            .iter()
                            .flat_map(|w| token.match_indices(w))
                            .any(|(i, _)| i > o)
                    });
                    let headed = after_other
                        || matches!((first_content, last_comment), (Some(c), Some(m)) if c < m);
                    (headed, self.positive.is_match(token))
                })
                .collect();
            let headed = tokens.iter().any(|&(headed, _)| headed);
            let positive_elsewhere = tokens.iter().any(|&(headed, positive)| !headed && positive);
            (
                self.positive.is_match(name) && (!headed || positive_elsewhere),
                self.negative.is_match(name) || self.others.is_match(name) || whole || headed,
                COMMENT_WORDS.iter().any(|w| lower.contains(w)),
            )
        }
    }

    #[test]
    fn one_pass_over_a_name_says_what_each_list_says() {
        let hints = Hints::new().unwrap();
        let reference = ListByList::new();
        let words: Vec<&str> = NAME_WORDS
            .iter()
            .flat_map(|(_, words)| words.iter().copied())
            .chain(["x", "Load", "HEAD", "bad", "2"])
            .collect();
        for first in &words {
            for second in &words {
                for joint in ["", "-", "_", " ", "s"] {
                    let name = format!("{first}{joint}{second}");
                    let said = hints.name_signal(&name);
                    assert_eq!(
                        (said.positive, said.negative, said.comments),
                        reference.signal(&name),
                        "{name}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_control_left_as_a_block_is_a_filler() {
        let hints = Hints::new().unwrap();
        for control in [
            "Share",
            "Teilen:",
            "Teilen mit:",
            "Diesen Artikel teilen:",
            "Partager :",
            "Flattr this:",
            "Loading...",
            "SUBSCRIBE",
            "Back to Gallery",
            "- Anzeige -",
            "Externer Inhalt",
            "Nach oben",
            "mehr anzeigen",
            "Quellen ausblenden",
            "WhatsApp",
            "Bewerten:",
            "Beitragsbild:",
            "Sharing is caring!",
            // A gallery's counter.
            "1 of 24",
            "Image 3 of 23",
            "Bild 10 von 10",
            "Foto 2/5",
            "1 / 23",
        ] {
            assert!(hints.is_filler(control), "{control}");
        }
        for prose in [
            "Share your story with us.",
            "Close to the harbour",
            "Email us",
            // Numbers that count no pictures: a score, a date, a share.
            "3 of 2",
            "0/0",
            "1/1",
            "24/7",
            "3/8",
            "Page 2 of 5 of the report",
        ] {
            assert!(!hints.is_filler(prose), "{prose}");
        }
    }

    #[test]
    fn every_label_is_found_in_either_case() {
        let hints = Hints::new().unwrap();
        for label in TAIL_LABELS.iter().chain(WHOLE_TAIL_LABELS) {
            assert!(hints.is_tail_label(label), "{label}");
            assert!(hints.is_tail_label(&label.to_uppercase()), "{label}");
        }
        for label in STATEMENTS {
            assert!(hints.is_statement(&format!("{label}：本站内容")), "{label}");
            assert!(
                hints.is_statement(&format!("【{}】", label.to_uppercase())),
                "{label}"
            );
            assert!(
                !hints.is_statement(&format!("第一条规定了{label}")),
                "{label}"
            );
        }
    }

    #[test]
    fn notices_and_labels() {
        let hints = Hints::new().unwrap();
        assert!(hints.is_notice("Copyright © 2004 某某网 版权所有"));
        assert!(hints.is_notice("京ICP备00000000号"));
        assert!(hints.is_notice("Alle Angaben ohne Gewähr."));
        assert!(!hints.is_notice("他说这件事很重要。"));
        assert!(hints.is_statement("【免责声明】本文仅代表作者个人观点。"));
        assert!(!hints.is_statement("他说，版权声明并不重要。"));
        // A picture's credit behind its label is no statement; the sign alone, or after a
        // word that labels no picture, still is.
        assert!(!hints.is_statement("Foto © Peter Steiger"));
        assert!(!hints.is_statement("Photo: © Harbour Wire"));
        assert!(!hints.is_statement("图片©东方IC"));
        assert!(hints.is_statement("© 2024 Harbour Media"));
        assert!(hints.is_statement("Text © Harbour Media"));
        for label in [
            "【相关阅读】",
            "Related Articles:",
            "Ähnliche Beiträge",
            "À LIRE AUSSI",
            "Like this:",
            "Like this story? Share it with a friend!",
            "Gefällt mir:",
            "« Previous post",
            "Más sobre La Tercera",
            "Das Thema könnte dich auch interessieren:",
            "Weitere Informationen:",
            "Über den Autor",
            "Schon gelesen?",
            "Kommentieren",
        ] {
            assert!(hints.is_tail_label(label), "{label}");
        }
        for prose in [
            "Like this one, the ferry was late again.",
            "Weitere Informationen folgen.",
            "相关部门表示将尽快调查此事，并公布结果。",
        ] {
            assert!(!hints.is_tail_label(prose), "{prose}");
        }
    }
}
