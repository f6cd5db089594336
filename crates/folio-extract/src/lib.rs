//! folio-extract: finds the article in a whole web page. folio-clean calls it on records that
//! hold a whole page, before it turns the article into blocks, text and credits.
//!
//! [`Extractor::extract`] returns the article as an HTML fragment (the chosen subtrees, with
//! the boilerplate inside them removed), so that the article keeps its structure: paragraphs,
//! headings, lists, tables, quotes, code, figures, links and emphasis.
//!
//! # Algorithm
//!
//! 1. **One parse, one arena.** The page is parsed once (folio-html: html5ever's tree, in
//!    `scraper`) and flattened into an arena in document order; a subtree is a contiguous
//!    range, so every later step is a linear loop. Scripts, styles, `noscript`, frames, form
//!    controls, media, the head, comments and hidden elements (`hidden`, `display:none`, a
//!    class the common style sheets hide: `hidden`, `d-none`) never enter it; a MathML
//!    formula does, its TeX source (`annotation`) does not.
//! 2. **Counts.** One backward pass sums, for every subtree: visible characters (a CJK
//!    character weighs two letters), characters inside links, sentence punctuation (Chinese
//!    and Latin: GeneralNewsExtractor's symbol density), elements, paragraphs, images, items.
//! 3. **Unlikely blocks out.** Elements whose class or id has a boilerplate word (comment,
//!    share, related, recommend, sidebar, footer, nav, menu, breadcrumb, ad, advert,
//!    copyright, login, subscribe, hot lists, …) and no content word (article, content, post,
//!    entry, body, text, main, story, 正文, …), or a comment word after the content word
//!    (`article_comments` names the article's comments) or the content word after a word of
//!    other stories (`related-articles`, `recommended-posts`), page-furniture roles, and `nav`,
//!    `aside`, `header`, `footer` are dropped; one that holds all of the page's text but a few
//!    lines stays (a wrapper with a misleading name), unless it is named for comments. Names are
//!    matched with Aho-Corasick automata built once; short words (`ad`, `nav`, `menu`) only
//!    as whole words. A `<form>` goes in every run (folio-clean takes forms out of an
//!    article: a sign-up form chosen left nothing), unless it holds half of the page's text,
//!    as an ASP.NET page's form around everything does.
//! 4. **Scores.** Every block of running text scores `1 + punctuation + min(length / 100, 3)`,
//!    times its share of text outside links: a paragraph (`p`, `pre`) scores for its parent,
//!    a cell or a block of `<br>`-separated text scores for itself. Blocks of 25 weighed
//!    characters count, and shorter ones that hold a sentence (many short paragraphs make an
//!    article too). The score goes to the first block in full, the next ancestor in half and
//!    further ancestors (up to five levels) divided by three times the level. A block's final
//!    score adds a tag habit (`div` +5, lists −3, headings −5) and its class/id weight (±25;
//!    a good name at most doubles what the text earned), times its share of text outside
//!    links (Readability's scoring, with GNE's punctuation).
//! 5. **The winner.** The best block is moved up to the ancestor that also holds three of its
//!    four closest rivals (content split across blocks), then to a parent that scores higher
//!    (Readability's climb, stopping where scores fall under a third), then past wrappers with
//!    a single child. Its siblings join it when their text earned a fifth of the winner's
//!    score (more easily with the same class), and so do plain prose paragraphs beside it
//!    (before it, also a `<div>` that holds one paragraph alone, as Readability reads it)
//!    and beside the blocks one and two levels up (an opening left outside the wrapper of
//!    the rest, with a "Read more" button or an ad slot between); copyright statements never
//!    join.
//! 6. **Cleaning inside.** Within the chosen blocks: a short label such as 相关阅读,
//!    热门推荐, "Related articles" or a thread's "3 Kommentare" past the middle of the
//!    article ends it (the label goes with the siblings after it; near the top only the
//!    label goes; a thread's heading ends it anywhere under 1,000 weight of text, and a
//!    thread joined beside the article goes with the blocks after it); copyright, ICP and
//!    disclaimer lines and short blocks (not prose that opens with a picture credit) and
//!    stand-ins such as "Advertisement" go; the headline goes, and so does any other `<h1>`
//!    unless two or more stand between paragraphs (a page that heads its sections so);
//!    blocks with little punctuation go when they are mostly links, mostly images, or
//!    negatively named (Readability's conditional cleaning; data tables stay unless nearly
//!    all links).
//!    An icon font's glyph (a short token in an element named `icon`, `fa-…`,
//!    `material-icons`: "S" for a magnifier, `arrow_forward`) goes.
//!    At the article's end, paragraphs that are a line of links, whole or after a label
//!    ("See the pictures of the week.", "A lire aussi : …"), go; a linked address, a name
//!    that signs the article and a credit ("Quelle: …") stay.
//!    Credit lines (责任编辑, 来源) stay: folio-clean moves them into credits.
//! 7. **Widening, or kin.** When the chosen blocks hold under half of the page's prose
//!    (paragraphs with a sentence and few links, not inside a link), the choice widens to the
//!    deepest block holding two thirds of it, if that block contains the choice: an article
//!    set in sections that scored apart. It jumps to a block elsewhere only when the choice
//!    holds next to nothing. Otherwise the choice takes in its kin: siblings of the same tag
//!    and class as the winner, or as one of the blocks up to four levels around it, that
//!    hold prose with few links (repeated sections, content elements, glossary entries), at
//!    the nearest level that has any; not one that holds an `<h1>` other than the headline.
//! 8. **A second opinion.** A choice that lies wholly outside the element the page marks as
//!    its article body (the one with schema.org's `itemprop="articleBody"`, else the page's
//!    one `<article>`; 200 weight of text or more) is made again inside that element, and
//!    that choice stands (a comment thread, a teaser stream can outweigh a short article;
//!    the page's mark cannot); when scoring finds next to nothing there, the relaxed run,
//!    then the element whole (an article of list items). A choice that is short (under
//!    2,000 weight), reads as page furniture (cookie, privacy, subscription,
//!    customer-service, legal and market-data phrases, in English, German, French, Spanish
//!    and Chinese, dense enough; or a comment thread, by the heading it opens with: "12
//!    Comments", "评论") or holds under a fifth of the page's description is held against the
//!    relaxed run (steps 3 and the name weights left out, comment sections still dropped),
//!    and furniture, or a block the description does not speak of, against the strict run's
//!    runner-up. A runner-up the description speaks of (three tenths more of it, and 1,000
//!    weight of prose) wins unless the first choice starts within 1,000 weight of the
//!    headline (then the description is a summary in other words); a first under 1,000
//!    weight of prose (a comment under a short post) gives way to a runner-up above it with
//!    half its prose, and one under 200 weight to any longer runner-up. The evidence: the
//!    prose each holds, how close each follows the headline, the share of the page's
//!    description (`description`, `og:description`) found in each, whether one sits in an
//!    `aside`, `nav` or `footer`, links. A choice close under the headline with some prose
//!    stays unless the other is furniture-free where it is not; otherwise the description
//!    decides, then twice the text and the prose. When the result still holds next to
//!    nothing, the page's JSON-LD `articleBody` is the article; failing that, the markup of
//!    the body's `<noscript>` elements, read as a page of its own (pages built by scripts
//!    write the article there for readers without them). A choice that starts over 1,000
//!    weight below the headline is held against the strict run's runner-up too: one that
//!    starts right under the headline with prose, few links, no furniture and no less of
//!    the description joins it in front (an abstract above a long list of authors and the
//!    body).
//! 9. **The standfirst.** Up to three blocks of prose between the headline and the choice
//!    (a sentence, 80 weight, links under a quarter), when the choice starts within 1,500
//!    weight of the headline, join in front, taken back from a `<header>` step 3 dropped: not
//!    a block that sits with the headline (a deck), nor captions, credits, bylines, lists,
//!    tables, quotes, figures (the `lead` module). Found in each run, joined once step 8 has
//!    chosen, so that the verdicts weigh the body alone.
//!
//! **The headline** is not part of the fragment: it is returned as
//! [`Extraction::title_in_body`] (an `<h1>`/`<h2>` that the `<title>` holds, else the first
//! `<h1>`, else an element whose text is the `<title>` without the site name), so that
//! folio-clean can compare it with the record's title. Article bodies written by people
//! start under the headline: none of the 50 of the English benchmark holds it, and 9 of the
//! 46 of the Chinese one do.
//!
//! Per-host rules ([`HostRule`]) come first: their `drop` selectors remove elements before
//! the counts, and their `article` selector, when it matches, names the content root and
//! replaces steps 4 and 5.

mod choose;
mod claims;
mod clean;
mod copy;
mod headline;
mod hints;
mod lead;
mod raw;
mod rules;
mod serialize;
mod tag;
mod tree;
mod verdict;

use std::collections::HashMap;

use scraper::Html;

use crate::choose::Pass;
use crate::hints::Hints;
use crate::rules::CompiledRule;
use crate::tag::Tag;
use crate::tree::Tree;

pub use crate::raw::{empty_scripts_and_comments, is_json_ld};
pub use crate::rules::HostRule;

/// Whether an inline `style` hides its element (`display: none`, `visibility: hidden`, in
/// any case and spacing).
pub fn style_hides(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// What the extractor knows before it sees a page.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Rules by host name (`example.com` also applies to `news.example.com`).
    pub hosts: HashMap<String, HostRule>,
}

/// Why an extractor could not be built.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A host rule's selector is not valid CSS.
    #[error("host rule {host:?}: invalid selector {selector:?}: {why}")]
    Selector {
        host: String,
        selector: String,
        why: String,
    },
    /// The built-in word lists could not be compiled.
    #[error("word lists: {0}")]
    Hints(String),
}

/// The article of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// The article as an HTML fragment; empty when the page has no text at all.
    pub html: String,
    /// The headline found in the page's body (an `<h1>`, or a heading that matches the
    /// `<title>`); it is not part of `html`.
    pub title_in_body: Option<String>,
    /// What was removed from inside the chosen content: (rule, text cut short).
    pub removed: Vec<(String, String)>,
}

/// The article of one page as a document of its own ([`Extractor::extract_document`]).
#[derive(Debug, Clone)]
pub struct ExtractedDocument {
    /// The article under the `<html>` element of a fragment, as `Html::parse_fragment` gives
    /// it; with nothing under it when the page has no text at all.
    pub document: Html,
    /// As [`Extraction::title_in_body`].
    pub title_in_body: Option<String>,
    /// As [`Extraction::removed`].
    pub removed: Vec<(String, String)>,
}

/// Finds articles in pages. Build it once; it is `Sync` and shared by worker threads.
pub struct Extractor {
    hints: Hints,
    furniture: verdict::Furniture,
    hosts: HashMap<String, CompiledRule>,
}

impl Extractor {
    pub fn new(options: Options) -> Result<Self, Error> {
        let hints = Hints::new().map_err(|err| Error::Hints(err.to_string()))?;
        let furniture = verdict::Furniture::new().map_err(|err| Error::Hints(err.to_string()))?;
        let mut hosts = HashMap::new();
        for (host, rule) in &options.hosts {
            hosts.insert(host.to_ascii_lowercase(), CompiledRule::new(host, rule)?);
        }
        Ok(Extractor {
            hints,
            furniture,
            hosts,
        })
    }

    /// The article of a whole page, `url` (when known) choosing the host rule.
    pub fn extract(&self, page_html: &str, url: Option<&str>) -> Extraction {
        let doc = parse_page(page_html);
        let (html, title_in_body, removed) = self.with_article(&doc, url, |doc, chosen| {
            if let Some(body) = &chosen.stand_in {
                serialize::paragraphs(body)
            } else if chosen.has_text {
                serialize::fragment(doc, &chosen.tree, &chosen.roots)
            } else {
                String::new()
            }
        });
        Extraction {
            html,
            title_in_body,
            removed,
        }
    }

    /// The article of a whole page as a document of its own: the same tree as
    /// `Html::parse_fragment(&self.extract(page_html, url).html)`, built without writing
    /// the article out and parsing it again.
    pub fn extract_document(&self, page_html: &str, url: Option<&str>) -> ExtractedDocument {
        self.extract_parsed(&parse_page(page_html), url)
    }

    /// As [`Extractor::extract_document`], from a page already parsed by whoever read it
    /// first (folio-parse parses each page for its metadata): the page is parsed once when
    /// the stages run in one process. Scripts, styles, comments and the head never enter the
    /// extractor's view, so a tree parsed with them gives the same article.
    pub fn extract_parsed(&self, doc: &Html, url: Option<&str>) -> ExtractedDocument {
        let (document, title_in_body, removed) = self.with_article(doc, url, |doc, chosen| {
            if let Some(body) = &chosen.stand_in {
                folio_html::parse_fragment(&serialize::paragraphs(body))
            } else if chosen.has_text {
                copy::document(doc, &chosen.tree, &chosen.roots)
            } else {
                folio_html::parse_fragment("")
            }
        });
        ExtractedDocument {
            document,
            title_in_body,
            removed,
        }
    }

    /// The article `write` makes of the choice on the page, or, when the page shows next to
    /// nothing, of the choice on what its `<noscript>` elements hold (pages built by scripts,
    /// Blogger's among them, write the whole post there for readers without them), else of
    /// the page's description; with the headline and the removals.
    fn with_article<T>(
        &self,
        doc: &Html,
        url: Option<&str>,
        write: impl Fn(&Html, &Chosen) -> T,
    ) -> (T, Option<String>, Vec<(String, String)>) {
        let mut chosen = self.choose(doc, url).with_standfirst();
        if chosen.weight < verdict::NOTHING_BELOW && chosen.stand_in.is_none() {
            if let Some(shown) = noscript_page(doc) {
                let inner = self.choose(&shown, url).with_standfirst();
                if inner.stand_in.is_none() && verdict::stands_in(inner.weight, chosen.weight) {
                    let article = write(&shown, &inner);
                    let title = chosen.title_in_body.or(inner.title_in_body);
                    return (article, title, inner.removed);
                }
            }
            // Last, the page's description: a summary of its article at least.
            let found = chosen.weight;
            let description = chosen.tree.claims.description.as_deref();
            chosen.stand_in = description
                .filter(|d| verdict::stands_in(tree::weight_of(d), found))
                .map(str::to_owned);
        }
        let article = write(doc, &chosen);
        (article, chosen.title_in_body, chosen.removed)
    }

    /// Steps 1 to 6, strict first; a strict choice that looks wrong (short, or page
    /// furniture) is held against the relaxed run's, and JSON-LD's article body, then the
    /// page's `<article>` or `<main>` element whole, stand in when both hold next to nothing.
    fn choose<'d>(&self, doc: &'d Html, url: Option<&str>) -> Chosen<'d> {
        let rule = url.and_then(|u| rules::for_url(&self.hosts, u));
        let strict = Pass::STRICT;
        let first = self.run(doc, self.tree(doc, strict), rule, strict, &[]);
        if first.by_rule {
            return first;
        }
        // What the page marks as its article body outweighs every later opinion.
        if let Some(inside) = self.inside_marked_body(doc, &first, rule, strict) {
            return inside;
        }
        // Most pages stop here: the rest of the evidence is only gathered for a doubtful choice.
        let first_text = first.text();
        let furniture =
            self.furniture.is_furniture(&first_text, first.weight) || self.opens_comments(&first);
        let described = first
            .tree
            .claims
            .description
            .as_deref()
            .and_then(|d| claims::overlap(d, &first_text));
        let far = first
            .headline_at
            .zip(first.roots.first())
            .and_then(|(at, &root)| headline::distance(&first.tree, at, root))
            .is_some_and(verdict::far_from_headline);
        if !verdict::doubtful(first.weight, furniture, described) && !far {
            return first;
        }
        // The later runs without hidden elements start from the first run's arena, unmarked.
        let built = first.tree.fresh();
        let first_evidence = self.evidence(&first, furniture, described);
        let relaxed = Pass::RELAXED;
        let (mut best, mut evidence, mut best_pass) = (first, first_evidence, strict);
        let second = self.run(doc, built.clone(), rule, relaxed, &[]);
        let second_evidence = self.weigh(&second);
        if verdict::prefer_second(&evidence, &second_evidence) {
            (best, evidence, best_pass) = (second, second_evidence, relaxed);
        }
        if evidence.furniture {
            // Both runs chose furniture (a cookie notice longer than the article): the runner-up
            // of the strict run, with that block left out.
            let runner_up = self.run(doc, built.clone(), rule, strict, &best.roots);
            let runner_evidence = self.weigh(&runner_up);
            if verdict::prefer_second(&evidence, &runner_evidence) {
                (best, evidence, best_pass) = (runner_up, runner_evidence, strict);
            }
        } else if verdict::described_elsewhere(evidence.description) {
            // A block the page's description does not speak of (a ticker, another story):
            // the runner-up, when the description speaks of it.
            let runner_up = self.run(doc, built.clone(), rule, strict, &best.roots);
            let runner_evidence = self.weigh(&runner_up);
            if verdict::better_described(&evidence, &runner_evidence) {
                (best, evidence, best_pass) = (runner_up, runner_evidence, strict);
            }
        }
        if far
            && evidence
                .after_headline
                .is_some_and(verdict::far_from_headline)
        {
            // A choice far below the headline: an abstract or a lede set apart above a long
            // list (authors, key facts) and the body, or a short article above a comment
            // thread. The runner-up that starts right under the headline joins it.
            let runner_up = self.run(doc, built.clone(), rule, strict, &best.roots);
            let runner_evidence = self.weigh(&runner_up);
            let apart = choose::apart(&best.tree, &runner_up.roots, &best.roots);
            if apart && verdict::starts_the_story(&evidence, &runner_evidence) {
                best = self.run_with(doc, built.clone(), rule, best_pass, &[], &runner_up.roots);
            }
        }
        if best.weight < verdict::NOTHING_BELOW {
            // Next to nothing in sight: the article may be hidden until a script shows it.
            let hidden = Pass::REVEALED;
            let revealed = self.run(doc, self.tree(doc, hidden), rule, hidden, &[]);
            if verdict::stands_in(revealed.weight, best.weight) {
                best = revealed;
            }
        }
        // Still next to nothing: what the page says its article is, in the order it is to be
        // trusted: the JSON-LD article body, then the `<article>` or `<main>` element whole
        // (the `<noscript>` page and the description come after, in `with_article`).
        let found = best.weight;
        if found < verdict::NOTHING_BELOW {
            let body = best.tree.claims.article_body.as_deref();
            best.stand_in = body
                .filter(|b| verdict::stands_in(tree::weight_of(b), found))
                .map(str::to_owned);
        }
        if best.weight < verdict::NOTHING_BELOW && best.stand_in.is_none() {
            let container = self.run(doc, built, rule, Pass::CONTAINER, &[]);
            if verdict::stands_in(container.weight, found) {
                best = container;
            }
        }
        best
    }

    /// The choice made again inside the element the page marks as its article body
    /// ([`Tree::marked_body`]: `itemprop="articleBody"`, else the page's one `<article>`),
    /// when `first` lies wholly outside it and it holds a paragraph's worth of text: a
    /// comment thread, a teaser stream or a sign-up blurb that outweighs the article the page
    /// marks. When scoring finds next to nothing there, the relaxed run's choice inside it,
    /// then the element whole.
    fn inside_marked_body<'d>(
        &self,
        doc: &'d Html,
        first: &Chosen<'d>,
        rule: Option<&CompiledRule>,
        pass: Pass,
    ) -> Option<Chosen<'d>> {
        let tree = &first.tree;
        let marked = tree.marked_body()?;
        if !choose::apart(tree, &first.roots, &[marked])
            || tree.text_weight(marked) < verdict::NOTHING_BELOW
        {
            return None;
        }
        let built = tree.fresh();
        let beside = built.beside_path(built.body(), marked);
        let mut inside = self.run(doc, built.clone(), rule, pass, &beside);
        // Next to nothing found: the run that keeps what names and wording call unlikely,
        // then, for an article of lists and captions without a paragraph, the element whole.
        for later in [Pass::RELAXED, Pass::CONTAINER] {
            if inside.weight >= verdict::NOTHING_BELOW {
                break;
            }
            let again = self.run(doc, built.clone(), rule, later, &beside);
            if verdict::stands_in(again.weight, inside.weight) {
                inside = again;
            }
        }
        // The headline stands outside the marked body, in what this run left out.
        if inside.title_in_body.is_none() {
            inside.title_in_body.clone_from(&first.title_in_body);
            inside.headline_at = first.headline_at;
        }
        (inside.weight >= verdict::NOTHING_BELOW).then_some(inside)
    }

    /// Whether a choice opens with the heading of a comment thread ("12 Comments", "评论"):
    /// a thread is page furniture however much prose it holds, when no name gave it away.
    fn opens_comments(&self, chosen: &Chosen) -> bool {
        chosen
            .roots
            .first()
            .is_some_and(|&root| self.opens_thread(&chosen.tree, root, chosen.headline_at))
    }

    /// Whether the block at `root` opens with the heading of a comment thread, or follows one
    /// (the heading set as the block's sibling, the comments in a list of their own).
    /// `headline` is where the page's headline stands: no block that holds it is a thread.
    fn opens_thread(&self, tree: &Tree, root: usize, headline: Option<usize>) -> bool {
        // The heading may stand before a block that holds the root (the comments' list, its
        // wrapper), not before one that holds the headline (a panel of responses above the
        // post).
        let mut holders =
            std::iter::successors(Some(root), |&i| Some(tree.nodes[i].parent as usize))
                .take(THREAD_LEVELS)
                .take_while(|&i| i > tree.body() && i < tree.nodes.len())
                .take_while(|&i| {
                    !headline.is_some_and(|h| (i..tree.nodes[i].end as usize).contains(&h))
                });
        self.first_line_heads_thread(tree, root)
            || holders.any(|i| {
                tree.previous_with_text(i)
                    .is_some_and(|before| self.is_thread_heading(tree, before))
            })
    }

    /// Whether the block at `i` is short and heads a comment thread (alone, or above a "Post
    /// a comment" link).
    fn is_thread_heading(&self, tree: &Tree, i: usize) -> bool {
        let node = &tree.nodes[i];
        node.tag.is_block()
            && node.tag != Tag::Text
            && node.stats.chars as usize <= 2 * hints::TAIL_LABEL_CHARS
            && (self.hints.is_comments_heading(&tree.text_of(i))
                || self.first_line_heads_thread(tree, i))
    }

    /// Whether the first line of the block at `i` is a comment thread's heading.
    fn first_line_heads_thread(&self, tree: &Tree, i: usize) -> bool {
        tree.first_line(i).is_some_and(|(run, block)| {
            self.hints.is_comments_heading(run) || self.hints.is_comments_heading(&block)
        })
    }

    /// What a run's choice looks like: its weight, its links, its agreement with the page's
    /// description, whether it reads as page furniture.
    fn weigh(&self, chosen: &Chosen) -> verdict::Evidence {
        let text = chosen.text();
        let furniture =
            self.furniture.is_furniture(&text, chosen.weight) || self.opens_comments(chosen);
        let description = chosen.tree.claims.description.as_deref();
        let described = description.and_then(|d| claims::overlap(d, &text));
        self.evidence(chosen, furniture, described)
    }

    /// The evidence of a choice, with what its text said: whether it reads as furniture, and
    /// how much of the page's description it holds.
    fn evidence(
        &self,
        chosen: &Chosen,
        furniture: bool,
        description: Option<f32>,
    ) -> verdict::Evidence {
        let tree = &chosen.tree;
        let mut stats = tree::Stats::default();
        for &root in &chosen.roots {
            stats.add(&tree.nodes[root].stats);
        }
        let prose = choose::prose_weights(tree);
        verdict::Evidence {
            weight: chosen.weight,
            prose: chosen.roots.iter().map(|&r| prose[r]).sum(),
            link_density: stats.link_density(),
            description,
            furniture,
            aside: chosen.roots.iter().any(|&r| tree.in_aside(r)),
            after_headline: chosen
                .headline_at
                .zip(chosen.roots.first())
                .and_then(|(at, &root)| headline::distance(tree, at, root)),
        }
    }

    /// The arena of `doc` for a run of `pass`.
    fn tree<'d>(&self, doc: &'d Html, pass: Pass) -> Tree<'d> {
        Tree::build_with(doc, &self.hints, pass.keep_hidden)
    }

    /// One run of steps 1 to 6 on `tree` (as [`Self::tree`] builds it for `pass`), the
    /// subtrees at `excluded` (an earlier run's choice, in the same arena order) left out.
    fn run<'d>(
        &self,
        doc: &'d Html,
        tree: Tree<'d>,
        rule: Option<&CompiledRule>,
        pass: Pass,
        excluded: &[usize],
    ) -> Chosen<'d> {
        self.run_with(doc, tree, rule, pass, excluded, &[])
    }

    /// [`Self::run`], with the blocks at `joined` (an earlier run's choice, in the same arena
    /// order, apart from this one's) taken in beside its choice.
    fn run_with<'d>(
        &self,
        doc: &'d Html,
        mut tree: Tree<'d>,
        rule: Option<&CompiledRule>,
        pass: Pass,
        excluded: &[usize],
        joined: &[usize],
    ) -> Chosen<'d> {
        if let Some(rule) = rule {
            rule.drop(doc, &mut tree);
        }
        for &i in excluded {
            tree.mark(i, "furniture");
        }
        tree.count();
        let body = tree.body();
        let headline = headline::find(&tree, body);
        choose::strip_unlikely(&mut tree, body, pass);
        tree.count();
        let candidate = choose::score(&mut tree, pass);
        let by_rule = rule.and_then(|r| r.article(doc, &tree));
        let mut roots = match by_rule {
            Some(root) => vec![root],
            None if pass.in_container => choose::container(&tree, body).into_iter().collect(),
            None => choose::article(
                &tree,
                &self.hints,
                &candidate,
                body,
                headline.as_ref().map(|&(at, _)| at),
            ),
        };
        // A comment thread joined as a sibling of the article ends it, with all after it.
        let headline_at = headline.as_ref().map(|&(at, _)| at);
        if let Some(thread) =
            (1..roots.len()).find(|&k| self.opens_thread(&tree, roots[k], headline_at))
        {
            roots.truncate(thread);
        }
        if by_rule.is_none() && !joined.is_empty() {
            roots.extend(joined);
            roots.sort_unstable();
            roots.dedup();
        }
        // Found here, where the tree is at hand, and joined once the choice is made: the
        // verdicts weigh the body alone.
        let standfirst = if by_rule.is_some() {
            Vec::new()
        } else {
            standfirst(&mut tree, headline.as_ref().map(|&(at, _)| at), &roots)
        };
        let mut removed = Vec::new();
        let cx = clean::Context {
            hints: &self.hints,
            candidate: &candidate,
            weigh_names: pass.weigh_names,
            conditional: !pass.in_container,
            headline: headline
                .as_ref()
                .map(|(_, h)| (h.as_str(), headline::visible_chars(h))),
        };
        for &root in standfirst.iter().chain(&roots) {
            clean::clean(&mut tree, &cx, root, &mut removed);
        }
        let weight = roots.iter().map(|&r| tree.nodes[r].stats.weight).sum();
        let has_text = roots.iter().any(|&r| tree.nodes[r].stats.chars > 0);
        Chosen {
            tree,
            headline_at: headline.as_ref().map(|&(at, _)| at),
            roots,
            title_in_body: headline.map(|(_, text)| text),
            removed,
            weight,
            has_text,
            by_rule: by_rule.is_some(),
            stand_in: None,
            standfirst,
        }
    }
}

/// The standfirst between the headline and the chosen `roots`, its blocks taken back from
/// the header they may have been dropped with.
fn standfirst(tree: &mut Tree, headline: Option<usize>, roots: &[usize]) -> Vec<usize> {
    let (Some(headline), Some(&first)) = (headline, roots.first()) else {
        return Vec::new();
    };
    let leads = lead::find(tree, headline, first);
    if leads.is_empty() {
        return leads;
    }
    for &lead in &leads {
        let end = tree.nodes[lead].end as usize;
        for node in &mut tree.nodes[lead..end] {
            if node.drop == Some("unlikely") {
                node.drop = None;
            }
        }
    }
    tree.count();
    leads
}

impl Chosen<'_> {
    /// The choice with its standfirst in front (not when the JSON-LD body stands in).
    fn with_standfirst(mut self) -> Self {
        if self.stand_in.is_none() && !self.standfirst.is_empty() {
            let mut roots = std::mem::take(&mut self.standfirst);
            roots.append(&mut self.roots);
            self.has_text = true;
            self.roots = roots;
        }
        self
    }

    /// The visible text of the chosen blocks.
    fn text(&self) -> String {
        let texts: Vec<String> = self.roots.iter().map(|&r| self.tree.text_of(r)).collect();
        texts.join(" ")
    }
}

/// The page as the extractor parses it: scripts, styles and comments never hold the article
/// and are most of the bytes; of the head, only the title is read.
fn parse_page(page_html: &str) -> Html {
    let emptied = empty_scripts_and_comments(page_html, raw::is_json_ld);
    parse_document(&raw::head_reduced_to_title(&emptied))
}

/// The page a reader without scripts sees in place of the body: the markup of the body's
/// `<noscript>` elements (raw text in the tree, as parsed with scripting on), under the
/// page's title; `None` when they hold no markup worth reading.
fn noscript_page(doc: &Html) -> Option<Html> {
    let body = doc
        .root_element()
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .find(|e| e.value().name() == "body")?;
    let mut markup = String::new();
    for element in body.descendants().filter_map(scraper::ElementRef::wrap) {
        if element.value().name() == "noscript" {
            markup.extend(element.text());
        }
    }
    if markup.len() < NOSCRIPT_MIN_BYTES {
        return None;
    }
    let title: String = doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .find(|e| e.value().name() == "title")
        .map(|t| t.text().collect())
        .unwrap_or_default();
    let title = title.replace('&', "&amp;").replace('<', "&lt;");
    Some(parse_page(&format!(
        "<html><head><title>{title}</title></head><body>{markup}</body></html>"
    )))
}

/// How many blocks up from a choice a comment thread's heading is looked for before them.
const THREAD_LEVELS: usize = 4;

/// Less markup than this in `<noscript>` is a tracking pixel or a "turn on JavaScript" line.
const NOSCRIPT_MIN_BYTES: usize = 500;

/// The document tree of a page: html5ever's tree, built by folio-html's byte tokenizer.
pub use folio_html::parse_document;

/// What one run chose: the arena with its drops, the article's roots in it, and the weight
/// of their text.
struct Chosen<'d> {
    tree: Tree<'d>,
    /// Where the headline stands in the arena.
    headline_at: Option<usize>,
    roots: Vec<usize>,
    title_in_body: Option<String>,
    removed: Vec<(String, String)>,
    weight: u32,
    has_text: bool,
    /// A host rule's `article` selector chose the roots.
    by_rule: bool,
    /// The page's JSON-LD article body, written out instead of the roots when they hold
    /// next to nothing.
    stand_in: Option<String>,
    /// The prose between the headline and the roots (see the `lead` module), written before
    /// them.
    standfirst: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A later run starts from the first run's arena made fresh: that must be the arena a new
    /// build gives, whatever the first run marked, counted and scored.
    #[test]
    fn a_fresh_arena_is_a_new_build() {
        let extractor = Extractor::new(Options::default()).unwrap();
        let fixtures = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/folio-extract"
        );
        let mut pages = 0;
        for entry in std::fs::read_dir(fixtures).unwrap() {
            let Ok(page) = std::fs::read_to_string(entry.unwrap().path().join("page.html")) else {
                continue;
            };
            let doc = Html::parse_document(&page);
            for pass in [Pass::STRICT, Pass::RELAXED] {
                let built = extractor.tree(&doc, pass);
                let ran = extractor.run(&doc, built.clone(), None, pass, &[]);
                assert!(ran.tree != built, "the run marked nothing");
                assert!(ran.tree.fresh() == built);
            }
            pages += 1;
        }
        assert!(pages >= 20, "{pages} fixture pages");
    }
}
