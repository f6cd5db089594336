//! Rules compiled once: selectors parsed, regexes built. Per record, the base rules and the
//! sections for its host and categories are combined into one [`Active`] set, built once per
//! combination and cached, so the per-record cost is a map lookup.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use regex::{RegexSet, RegexSetBuilder};
use scraper::{ElementRef, Selector};

use crate::credits::CreditMatcher;
use crate::gate::Gate;
use crate::rules::{Role, Rules, Section};

/// Every section of a rule set, validated, with the cache of combinations.
pub(crate) struct RuleSet {
    /// Index 0 is the base section.
    sections: Vec<Section>,
    hosts: Vec<(String, usize)>,
    categories: Vec<(String, usize)>,
    cache: RwLock<HashMap<Vec<usize>, Arc<Active>>>,
}

impl RuleSet {
    /// The rules, compiled when a record first needs them. `checked` compiles every section
    /// now, so that a bad selector or pattern of a rules file is reported when it is loaded,
    /// naming the section it is in; the built-in rules are checked by the tests instead,
    /// which keeps start-up short.
    pub fn new(rules: Rules, checked: bool) -> Result<RuleSet, String> {
        let mut sections = vec![rules.base];
        let mut hosts = Vec::new();
        let mut categories = Vec::new();
        for (host, section) in rules.sites {
            hosts.push((host, sections.len()));
            sections.push(section);
        }
        for (category, section) in rules.categories {
            categories.push((category, sections.len()));
            sections.push(section);
        }
        let mut set = RuleSet {
            sections,
            hosts,
            categories,
            cache: RwLock::new(HashMap::new()),
        };
        if !checked {
            return Ok(set);
        }
        for index in 0..set.sections.len() {
            let active = Active::build(&[&set.sections[index]], true)
                .map_err(|why| format!("{}{why}", set.place(index)))?;
            // The base section alone is what most records use: keep it rather than build it
            // again for the first record.
            if let (0, Ok(cache)) = (index, set.cache.get_mut()) {
                cache.insert(vec![0], Arc::new(active));
            }
        }
        Ok(set)
    }

    fn place(&self, index: usize) -> String {
        let named = |list: &[(String, usize)], what: &str| {
            list.iter()
                .find(|(_, i)| *i == index)
                .map(|(key, _)| format!("{what}.{key}: "))
        };
        named(&self.hosts, "sites")
            .or_else(|| named(&self.categories, "categories"))
            .unwrap_or_default()
    }

    /// The rules for a record with this host and these categories.
    pub fn active(&self, host: Option<&str>, categories: &[String]) -> Result<Arc<Active>, String> {
        let mut key = vec![0];
        if let Some(host) = host {
            for (site, index) in &self.hosts {
                let suffix = host.len() > site.len() && host.ends_with(site.as_str()) && {
                    host.as_bytes()[host.len() - site.len() - 1] == b'.'
                };
                if host == site || suffix {
                    key.push(*index);
                }
            }
        }
        for (category, index) in &self.categories {
            if categories.iter().any(|c| c.trim() == category) {
                key.push(*index);
            }
        }
        if let Some(active) = self
            .cache
            .read()
            .ok()
            .and_then(|cache| cache.get(&key).cloned())
        {
            return Ok(active);
        }
        let sections: Vec<&Section> = key.iter().map(|&i| &self.sections[i]).collect();
        let active =
            Arc::new(Active::build(&sections, false).map_err(|why| format!("rules: {why}"))?);
        if let Ok(mut cache) = self.cache.write() {
            cache.insert(key, active.clone());
        }
        Ok(active)
    }
}

/// A selector with the text it was written as (the rule name `--explain` shows).
pub(crate) struct NamedSelector {
    pub source: String,
    selector: Selector,
    /// What the element itself must be for each alternative to have a chance; `None` when an
    /// alternative is too complex to tell. Most body elements fail this cheap test, so the
    /// full matcher runs rarely.
    keys: Option<Vec<Key>>,
}

/// The tag, class and id named by the last compound of one alternative.
#[derive(Debug, Default, PartialEq)]
struct Key {
    tag: Option<String>,
    class: Option<String>,
    id: Option<String>,
}

impl NamedSelector {
    fn parse(source: &str) -> Result<NamedSelector, String> {
        let selector = Selector::parse(source).map_err(|e| {
            // Some parse errors only say "please report this"; the selector is what to fix.
            let why = e.to_string();
            let why = why
                .lines()
                .next()
                .filter(|l| !l.contains("report"))
                .unwrap_or("not a valid CSS selector");
            format!("invalid selector {source:?}: {why}")
        })?;
        Ok(NamedSelector {
            source: source.to_owned(),
            selector,
            keys: keys(source),
        })
    }

    pub fn matches(&self, element: &ElementRef) -> bool {
        let possible = match &self.keys {
            Some(keys) => keys.iter().any(|key| key.admits(element)),
            None => true,
        };
        possible && self.selector.matches(element)
    }
}

impl Key {
    fn admits(&self, element: &ElementRef) -> bool {
        let value = element.value();
        self.tag
            .as_deref()
            .is_none_or(|tag| value.name().eq_ignore_ascii_case(tag))
            && self.id.as_deref().is_none_or(|id| value.id() == Some(id))
            && self
                .class
                .as_deref()
                .is_none_or(|class| value.classes().any(|c| c == class))
    }
}

/// The key of each comma-separated alternative, or `None` when one of them has anything but
/// a tag, classes and an id in its last compound (pseudo-classes, attributes, `*`).
fn keys(source: &str) -> Option<Vec<Key>> {
    source
        .split(',')
        .map(|alternative| {
            let last = alternative
                .trim()
                .rsplit(|c: char| c.is_whitespace() || matches!(c, '>' | '+' | '~'))
                .next()?;
            key(last)
        })
        .collect()
}

fn key(compound: &str) -> Option<Key> {
    let is_name = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    if compound.is_empty() || !compound.chars().all(|c| is_name(c) || c == '.' || c == '#') {
        return None;
    }
    let mut key = Key::default();
    let tag_end = compound.find(['.', '#']).unwrap_or(compound.len());
    if tag_end > 0 {
        key.tag = Some(compound[..tag_end].to_owned());
    }
    let mut rest = &compound[tag_end..];
    while let Some(kind) = rest.chars().next() {
        let end = rest[1..].find(['.', '#']).map_or(rest.len(), |i| i + 1);
        let name = rest[1..end].to_owned();
        if name.is_empty() {
            return None;
        }
        match kind {
            '.' => key.class = key.class.or(Some(name)),
            _ => key.id = Some(name),
        }
        rest = &rest[end..];
    }
    Some(key)
}

/// The rules that apply to one record, ready to match.
pub(crate) struct Active {
    /// What an element must have for any selector to match it (`None`: no quick answer).
    index: Option<KeyIndex>,
    drop_selectors: Vec<NamedSelector>,
    drop_text: Patterns,
    drop_closing_text: Patterns,
    captions: Vec<NamedSelector>,
    credit_selectors: Vec<(Role, NamedSelector)>,
    pub credits: CreditMatcher,
    placeholders: Patterns,
}

impl Active {
    /// `checked`: see [`RuleSet::new`].
    fn build(sections: &[&Section], checked: bool) -> Result<Active, String> {
        let all = |pick: fn(&Section) -> &Vec<String>| -> Vec<String> {
            sections
                .iter()
                .flat_map(|s| pick(s).iter().cloned())
                .collect()
        };
        let selectors = |list: Vec<String>, what: &str| -> Result<Vec<NamedSelector>, String> {
            list.iter()
                .map(|s| NamedSelector::parse(s).map_err(|why| format!("{what}: {why}")))
                .collect()
        };
        let mut credit_selectors = Vec::new();
        let mut labels = Vec::new();
        for section in sections {
            for (role, list) in &section.credit_selectors {
                for source in list {
                    let named = NamedSelector::parse(source)
                        .map_err(|why| format!("credit_selectors: {why}"))?;
                    credit_selectors.push((*role, named));
                }
            }
            for (role, list) in &section.credits {
                labels.extend(list.iter().map(|label| (*role, label.clone())));
            }
        }
        let drop_selectors = selectors(all(|s| &s.drop_selectors), "drop_selectors")?;
        let captions = selectors(all(|s| &s.caption_selectors), "caption_selectors")?;
        let every = drop_selectors
            .iter()
            .chain(&captions)
            .chain(credit_selectors.iter().map(|(_, s)| s));
        Ok(Active {
            index: KeyIndex::new(every),
            drop_selectors,
            drop_text: Patterns::new(all(|s| &s.drop_text), "drop_text", checked)?,
            drop_closing_text: Patterns::new(
                all(|s| &s.drop_closing_text),
                "drop_closing_text",
                checked,
            )?,
            captions,
            credit_selectors,
            credits: CreditMatcher::new(&labels, &all(|s| &s.credit_trim), checked)?,
            placeholders: Patterns::new(
                all(|s| &s.placeholder_images),
                "placeholder_images",
                checked,
            )?,
        })
    }

    /// Whether any selector of the rules could match `element` (a quick, conservative test).
    pub fn may_select(&self, element: &ElementRef) -> bool {
        self.index
            .as_ref()
            .is_none_or(|index| index.admits(element))
    }

    /// The drop selector that matches `element`, if any.
    pub fn dropping_selector(&self, element: &ElementRef) -> Option<&str> {
        if !self.may_select(element) {
            return None;
        }
        self.drop_selectors
            .iter()
            .find(|s| s.matches(element))
            .map(|s| s.source.as_str())
    }

    /// The credit role of `element` when a credit selector names it.
    pub fn credit_role(&self, element: &ElementRef) -> Option<Role> {
        self.credit_selectors
            .iter()
            .find(|(_, s)| s.matches(element))
            .map(|(role, _)| *role)
    }

    pub fn is_caption(&self, element: &ElementRef) -> bool {
        self.captions.iter().any(|s| s.matches(element))
    }

    /// The drop-text pattern that matches a paragraph's whole text, if any.
    pub fn dropping_text(&self, text: &str) -> Option<&str> {
        self.drop_text.first_match(text)
    }

    /// The closing-text pattern found in a closing paragraph's text, if any.
    pub fn dropping_closing_text(&self, text: &str) -> Option<&str> {
        self.drop_closing_text.first_match(text)
    }

    pub fn is_placeholder(&self, url: &str) -> bool {
        self.placeholders.first_match(url).is_some()
    }
}

/// Every tag, class and id the selectors' keys name: an element with none of them cannot match.
/// This runs for every element (twice), so it avoids hashing when it can: the tags are few and
/// compared in turn, and most elements have no class or id.
struct KeyIndex {
    tags: Vec<String>,
    classes: HashSet<String>,
    ids: HashSet<String>,
}

impl KeyIndex {
    fn new<'a>(selectors: impl Iterator<Item = &'a NamedSelector>) -> Option<KeyIndex> {
        let mut index = KeyIndex {
            tags: Vec::new(),
            classes: HashSet::new(),
            ids: HashSet::new(),
        };
        for selector in selectors {
            for key in selector.keys.as_ref()? {
                // A key is admitted by its class, else its id, else its tag: index the rarest.
                match (&key.class, &key.id, &key.tag) {
                    (Some(class), _, _) => _ = index.classes.insert(class.clone()),
                    (None, Some(id), _) => _ = index.ids.insert(id.clone()),
                    (None, None, Some(tag)) => index.tags.push(tag.to_ascii_lowercase()),
                    (None, None, None) => return None,
                };
            }
        }
        index.tags.sort_unstable();
        index.tags.dedup();
        Some(index)
    }

    fn admits(&self, element: &ElementRef) -> bool {
        let value = element.value();
        let name = value.name();
        self.tags.iter().any(|tag| tag == name)
            || (!self.ids.is_empty() && value.id().is_some_and(|id| self.ids.contains(id)))
            || (!self.classes.is_empty() && value.classes().any(|c| self.classes.contains(c)))
    }
}

/// A list of regexes. Most texts match none: until the list is needed, the [`Gate`] settles
/// those without the regexes. The patterns are compiled once, as a set (compiling them one by
/// one as well doubled folio-clean's start-up), when a text first passes the gate, or when
/// [`GATED_TEXTS`] texts have asked (unless `checked` compiles them up front). From then on
/// the set answers alone: one pass of its lazy DFA, which can stop early, costs less per text
/// than the gate's automaton, and only a text that matches asks which pattern it was.
struct Patterns {
    sources: Vec<String>,
    what: &'static str,
    /// Built when the list is first asked: a list no text reaches costs nothing.
    gate: OnceLock<Gate>,
    /// Texts the gate has settled so far.
    gated: AtomicUsize,
    /// `None` inside: the patterns could not be compiled (unchecked rules only; the built-in
    /// ones are compiled by the tests).
    set: OnceLock<Option<RegexSet>>,
}

/// How many texts a list's gate settles before the list is compiled anyway. Past this a run
/// is a stream, and on a stream the set answers each text faster than the gate (40,000 posts
/// took 6% longer with the gate kept in front): compiling once is then the cheaper way.
const GATED_TEXTS: usize = 1024;

impl Patterns {
    fn new(sources: Vec<String>, what: &'static str, checked: bool) -> Result<Patterns, String> {
        let patterns = Patterns {
            gate: OnceLock::new(),
            sources,
            what,
            gated: AtomicUsize::new(0),
            set: OnceLock::new(),
        };
        if checked {
            _ = patterns.set.set(Some(patterns.compile()?));
        }
        Ok(patterns)
    }

    fn gate(&self) -> &Gate {
        self.gate.get_or_init(|| Gate::within(&self.sources))
    }

    fn compile(&self) -> Result<RegexSet, String> {
        RegexSetBuilder::new(&self.sources)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| format!("{}: {}", self.what, one_line(&e.to_string())))
    }

    /// The set, once compiled; `None` while the gate keeps `text` out.
    fn set_for(&self, text: &str) -> Option<&RegexSet> {
        if let Some(compiled) = self.set.get() {
            return compiled.as_ref();
        }
        if !self.gate().admits(text) && self.gated.fetch_add(1, Ordering::Relaxed) < GATED_TEXTS {
            return None;
        }
        self.set.get_or_init(|| self.compile().ok()).as_ref()
    }

    /// The first pattern, in the order written, that matches `text`.
    fn first_match(&self, text: &str) -> Option<&str> {
        if self.sources.is_empty() {
            return None;
        }
        let set = self.set_for(text)?;
        if !set.is_match(text) {
            return None;
        }
        let first = set.matches(text).into_iter().next()?;
        Some(&self.sources[first])
    }
}

/// A regex error spans several lines (pattern, caret, message); messages here take one.
pub(crate) fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_compiled_when_a_text_could_match_or_the_stream_is_long() {
        let sources = vec![r"^扫描二维码.{0,30}$".to_string()];
        let patterns = Patterns::new(sources.clone(), "drop_text", false).unwrap();
        assert_eq!(patterns.first_match("湖边的步道全长四公里。"), None);
        assert!(patterns.set.get().is_none(), "kept out by the gate");
        assert!(patterns.first_match("扫描二维码关注").is_some());
        assert!(patterns.set.get().is_some());

        let patterns = Patterns::new(sources, "drop_text", false).unwrap();
        for _ in 0..GATED_TEXTS {
            assert_eq!(patterns.first_match("a plain sentence"), None);
        }
        assert!(patterns.set.get().is_none());
        assert_eq!(patterns.first_match("a plain sentence"), None);
        assert!(patterns.set.get().is_some(), "compiled for a long stream");
        assert!(patterns.first_match("扫描二维码关注").is_some());
    }

    #[test]
    fn prefilter_keys_are_conservative() {
        let keys = keys(".a, div.b, #c, ul > li.d").unwrap();
        assert_eq!(keys[1].tag.as_deref(), Some("div"));
        assert_eq!(keys[1].class.as_deref(), Some("b"));
        assert_eq!(keys[2].id.as_deref(), Some("c"));
        assert_eq!(keys[3].tag.as_deref(), Some("li"));
        assert!(super::keys("div:not(.x)").is_none());
        assert!(super::keys("[data-x='.y']").is_none());
        assert!(super::keys("*").is_none());
        assert_eq!(super::keys(".a p").unwrap()[0].tag.as_deref(), Some("p"));
    }

    #[test]
    fn prefilter_agrees_with_the_matcher() {
        let doc = scraper::Html::parse_fragment(
            r#"<div class="x y" id="i"><p class="y">t</p><span>s</span></div>"#,
        );
        for css in [
            "div.y",
            ".y",
            "#i",
            "p",
            "div > p.y",
            "span, .none",
            "div.x.y",
            "p#i",
        ] {
            let named = NamedSelector::parse(css).unwrap();
            let plain = Selector::parse(css).unwrap();
            for element in doc.root_element().descendent_elements() {
                assert_eq!(named.matches(&element), plain.matches(&element), "{css}");
            }
        }
    }

    /// The built-in rules are compiled only as records need them, so they are checked here.
    #[test]
    fn builtin_rules_compile_in_full() {
        let rules = crate::rules::Rules::builtin().unwrap();
        folio_extract::Extractor::new(rules.page_rules()).unwrap();
        let set = RuleSet::new(rules, true).unwrap();
        let active = set.active(Some("finance.sina.com.cn"), &[]).unwrap();
        assert!(active.credits.parse_line("责任编辑：张三 SF012").is_some());
    }

    #[test]
    fn builtin_closing_text_takes_invitations_and_takedown_notices() {
        let set = RuleSet::new(crate::rules::Rules::builtin().unwrap(), true).unwrap();
        let active = set.active(None, &[]).unwrap();
        for invitation in [
            "Subscribe to the Harbour Weekly newsletter.",
            "Want the tide tables every Monday? Sign up here",
            "Jetzt für das digitale Heft registrieren!",
            "Abonnieren Sie unseren Newsletter",
            "Puede suscribirse aquí a nuestro boletín.",
            "图片来自网络，如有侵权，请联系删除。",
            "文字来源于网络，侵删",
            "版权归原作者所有。",
        ] {
            assert!(
                active.dropping_closing_text(invitation).is_some(),
                "{invitation}"
            );
        }
        for sentence in [
            "The ferry runs twice a day from May.",
            "The club has 400 subscribers and a waiting list.",
            "这笔钱来自网络众筹。",
        ] {
            assert!(
                active.dropping_closing_text(sentence).is_none(),
                "{sentence}"
            );
        }
    }

    #[test]
    fn builtin_drop_text_takes_page_controls_and_datelines_not_sentences() {
        let set = RuleSet::new(crate::rules::Rules::builtin().unwrap(), true).unwrap();
        let active = set.active(None, &[]).unwrap();
        for control in [
            "（点击看清晰大图）",
            "点击查看原文",
            "扫描二维码关注我们",
            "发送GP到6666 随时随地查行情",
            "Updated June 13, 2019",
            "Aktualisiert: 11.04.2020, 10:27",
            "Veröffentlicht am 26. Oktober 2023",
            "Publicado el 2023-05-18",
            "Stand: 11/01/2021, 05:00",
            "Datum: 18.10.2021",
            "858shares",
            "2192 Shares",
            "Tempo de leitura: 1 minuto",
            "Lesezeit: 2 Minuten",
            "4 min read",
            "Trackback: http://tb.example.net/TrackBack.aspx?PostId=1",
            "本文通告引用(Trackback)链接: /wp-trackback.php?p=17",
            "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)",
            "(本文发表于首页随笔, 已被阅读178次)",
            "当前位置：首页->军事技术",
            "返回腾讯网首页>>",
            "返回搜狐，查看更多",
            "1、回复【天气】查看最新天气",
            "点击菜单栏【服务】解锁更多服务！",
            "看完了，点【在看】试试",
            "点个在看，好运常在",
            "#城东#步道 #樱花",
            "#SupportYourLocalPaper",
            "- THE END -",
            "(END)",
        ] {
            assert!(active.dropping_text(control).is_some(), "{control}");
        }
        for sentence in [
            "Published by a small press in Leeds in 2019.",
            "Reading time on the ferry is the best hour of the day.",
            "858 shares changed hands before noon.",
            "发送短信前请核对号码。",
            // A sentence that counts its readers, and one about a trackback, stay.
            "这篇文章已被阅读178次，作者很高兴。",
            "The trackback feature was removed in 2009.",
            "回复读者来信是他每天的工作。",
            "返回家乡以后，他在镇上开了一家面馆。",
            "点开正在看的视频，画面就卡住了。",
            "#1 pick of the week",
            "THE ENDING was a surprise.",
        ] {
            assert!(active.dropping_text(sentence).is_none(), "{sentence}");
        }
        assert!(active
            .dropping_text(
                "点击查看这段视频的人在一周内超过了十万，街道办随后把它放进了社区的宣传栏里。"
            )
            .is_none());
    }

    /// Every built-in list keeps a gate: a pattern without a literal every match must hold
    /// would open it, and the list would be compiled for the first text of every run.
    #[test]
    fn builtin_lists_are_gated() {
        let set = RuleSet::new(crate::rules::Rules::builtin().unwrap(), false).unwrap();
        let active = set.active(None, &[]).unwrap();
        for list in [
            &active.drop_text,
            &active.drop_closing_text,
            &active.placeholders,
        ] {
            assert!(
                !matches!(list.gate(), Gate::Open),
                "{} is not gated",
                list.what
            );
        }
        assert!(!matches!(active.credits.gate(), Gate::Open));
    }

    #[test]
    fn rules_unchecked_compile_on_first_use() {
        let (rules, _) = Rules::from_yaml("drop_text: ['^a$']\ncredit_trim: ['(']\n").unwrap();
        assert!(RuleSet::new(rules.clone(), true).is_err());
        let set = RuleSet::new(rules, false).unwrap();
        assert!(set.cache.read().unwrap().is_empty());
        assert!(set.active(None, &[]).is_ok());
        assert_eq!(set.cache.read().unwrap().len(), 1);
    }

    #[test]
    fn sections_apply_by_host_suffix_and_category() {
        let (rules, _) = Rules::from_yaml(
            "drop_text: ['^a$']\nsites:\n  example.com:\n    drop_text: ['^b$']\ncategories:\n  新闻:\n    drop_text: ['^c$']\n",
        )
        .unwrap();
        let set = RuleSet::new(rules, true).unwrap();
        let news = set
            .active(Some("www.example.com"), &["新闻".into()])
            .unwrap();
        assert!(news.dropping_text("a").is_some());
        assert!(news.dropping_text("b").is_some());
        assert!(news.dropping_text("c").is_some());
        let other = set.active(Some("notexample.com"), &[]).unwrap();
        assert!(other.dropping_text("a").is_some());
        assert!(other.dropping_text("b").is_none());
        assert!(other.dropping_text("c").is_none());
    }

    #[test]
    fn bad_section_is_named() {
        let (rules, _) =
            Rules::from_yaml("sites:\n  x.org:\n    drop_selectors: ['..bad']\n").unwrap();
        let err = RuleSet::new(rules, true).err().unwrap();
        assert!(
            err.starts_with("sites.x.org: drop_selectors: invalid selector"),
            "{err}"
        );
    }
}
