//! The 40 Chinese news pages of GeneralNewsExtractor's tests (in `../shared/corpus/pages/gne`
//! when present; they carry no truth): every page gives an article, navigation, footers,
//! related lists and comment boxes do not survive, credit lines do, and the article's first
//! paragraph (checked by eye) is there.

mod common;

use std::collections::HashMap;
use std::path::Path;

use folio_extract::{Extractor, HostRule, Options};

/// Text that only navigation, footers, share bars, related lists or comment boxes carry
/// (shared with the end-to-end test of whole pages).
fn must_not_survive() -> Vec<String> {
    let list = common::fixture("../not-article.txt");
    std::fs::read_to_string(&list)
        .unwrap_or_else(|e| panic!("{}: {e}", list.display()))
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Pages and the opening of their article.
const FIRST_PARAGRAPHS: &[(&str, &str)] = &[
    ("163/3.html", "今天(9月7日)下午，有着“中国诺贝尔奖”之称的"),
    (
        "sina/sina.html",
        "用户对性能永无止境的追求，让芯片领域迎来了巅峰对决。",
    ),
    ("guancha/guancha.html", "【文/观察者网专栏作者 王文】"),
    (
        "toutiao/3.html",
        "8岁儿子在四川海螺沟景区失联的第32天，9月2日，温先生启程返回湖北十堰。",
    ),
    (
        "cjn/1.html",
        "长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半",
    ),
    (
        "csdn/1.html",
        "2014年8月22日，由北京知道创宇联合知乎网主办的第三届知道安全论坛",
    ),
];

fn pages(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for site in std::fs::read_dir(dir).expect("gne folder") {
        let site = site.expect("entry").path();
        for page in std::fs::read_dir(&site).expect("site folder") {
            let page = page.expect("entry").path();
            if page.extension().is_some_and(|e| e == "html") {
                let rel = page
                    .strip_prefix(dir)
                    .expect("under gne")
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&page).expect("page bytes");
                found.push((rel, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_gne_page_gives_its_article_and_no_boilerplate() {
    let Some(dir) = common::shared("corpus/pages/gne") else {
        return;
    };
    let extractor = Extractor::new(Options::default()).expect("extractor");
    let mut texts = HashMap::new();
    for (rel, html) in pages(&dir) {
        let text = common::visible_text(&extractor.extract(&html, None).html);
        // A photo gallery (toutiao/2) has one caption of about 90 characters for its text.
        assert!(
            text.chars().count() >= 50,
            "{rel}: article too short: {text:?}"
        );
        for gone in &must_not_survive() {
            assert!(!text.contains(gone), "{rel}: {gone:?} survived");
        }
        texts.insert(rel, text);
    }
    assert_eq!(texts.len(), 40, "the GNE folder holds 40 pages");
    for (rel, opening) in FIRST_PARAGRAPHS {
        let text = &texts[*rel];
        assert!(
            text.starts_with(opening) || text.contains(&format!("\n\n{opening}")),
            "{rel}: opening missing: {text:.200}"
        );
    }
    for rel in ["sina/1.html", "163/1.html"] {
        assert!(
            texts[rel].contains("责任编辑"),
            "{rel}: the credit line is kept for folio-clean"
        );
    }
}

#[test]
fn a_host_rule_drops_what_the_algorithm_keeps() {
    let Some(dir) = common::shared("corpus/pages/gne") else {
        return;
    };
    let html = String::from_utf8_lossy(&std::fs::read(dir.join("sina/4.html")).expect("page"))
        .into_owned();
    let promo = "新酷产品第一时间免费试玩";
    let plain = Extractor::new(Options::default()).expect("extractor");
    assert!(common::visible_text(&plain.extract(&html, None).html).contains(promo));

    let rule = HostRule {
        article: None,
        drop: vec![".tech-quotation".into()],
    };
    let options = Options {
        hosts: HashMap::from([("sina.com.cn".to_string(), rule)]),
    };
    let ruled = Extractor::new(options).expect("extractor");
    let extraction = ruled.extract(
        &html,
        Some("https://tech.sina.com.cn/mobile/n/n/2019-09-11/doc-icezzrq4972166.shtml"),
    );
    let text = common::visible_text(&extraction.html);
    assert!(!text.contains(promo), "the host rule applies to subdomains");
    assert!(text.contains("苹果"), "the article stays: {text:.200}");
    assert!(
        common::visible_text(&ruled.extract(&html, None).html).contains(promo),
        "no URL, no host rule"
    );
}

/// The article's tree, node by node: depth and element with its attributes, or text.
fn shape(html: &scraper::Html) -> Vec<String> {
    html.tree
        .root()
        .descendants()
        .map(|node| {
            let depth = node.ancestors().count();
            match node.value() {
                scraper::Node::Element(el) => {
                    let attrs: Vec<_> = el.attrs().collect();
                    format!("{depth} <{}> {attrs:?}", el.name())
                }
                scraper::Node::Text(text) => format!("{depth} {:?}", &*text.text),
                other => format!("{depth} {other:?}"),
            }
        })
        .collect()
}

/// The hard-case fixture pages, and the shared GNE pages when they are there.
fn pages_to_compare() -> Vec<(String, String)> {
    let mut inputs: Vec<(String, String)> = [
        "br-text",
        "comments-related",
        "deep-nesting",
        "headings",
        "lists-tables",
        "short-paragraphs",
        "sidebar-longer",
        "split-siblings",
    ]
    .iter()
    .map(|case| {
        let path = common::fixture(&format!("{case}/page.html"));
        (
            case.to_string(),
            std::fs::read_to_string(path).expect("fixture page"),
        )
    })
    .collect();
    if let Some(dir) = common::shared("corpus/pages/gne") {
        inputs.extend(pages(&dir));
    }
    inputs
}

#[test]
fn the_article_document_is_the_parsed_fragment() {
    let extractor = Extractor::new(Options::default()).expect("extractor");
    for (name, page) in &pages_to_compare() {
        let parsed = scraper::Html::parse_fragment(&extractor.extract(page, None).html);
        let document = extractor.extract_document(page, None).document;
        assert_eq!(shape(&document), shape(&parsed), "{name}");
    }
}

/// A page parsed as it is, scripts, comments and head included (as folio-parse parses it for
/// its metadata), gives the article the extractor's own lighter parse gives.
#[test]
fn a_page_parsed_elsewhere_gives_the_same_article() {
    let extractor = Extractor::new(Options::default()).expect("extractor");
    for (name, page) in &pages_to_compare() {
        let own = extractor.extract_document(page, None);
        let elsewhere = extractor.extract_parsed(&scraper::Html::parse_document(page), None);
        assert_eq!(shape(&elsewhere.document), shape(&own.document), "{name}");
        assert_eq!(elsewhere.title_in_body, own.title_in_body, "{name}");
        assert_eq!(elsewhere.removed, own.removed, "{name}");
    }
}
