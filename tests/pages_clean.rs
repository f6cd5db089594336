//! Whole pages through the real pipeline, `folio-parse | folio-clean`: the article is found in
//! the page, and the same blocks, text and credits come out as for posts.

use serde_json::Value;

use crate::util::*;

fn parse_then_clean(args: &[&str]) -> Vec<Value> {
    let mut parse = folio("folio-parse");
    parse.current_dir(root()).args(args);
    let mut clean = folio("folio-clean");
    let out = pipe(&mut parse, &mut clean);
    lines(&out)
}

/// Text that only navigation, footers, share bars, related lists or comments carry.
fn not_article() -> Vec<String> {
    std::fs::read_to_string(fixture("not-article.txt"))
        .expect("tests/fixtures/not-article.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Closing lines of Chinese portals that folio-clean moves into credits or drops.
const CLEANED_AWAY: &[&str] = &[
    "原标题",
    "本文来源",
    "免责声明",
    "不代表新浪立场",
    "查看更多",
    "图/pixabay",
];

#[test]
fn gne_pages_give_the_article_and_no_navigation_or_footer() {
    let Some(pages) = shared("pages/gne") else {
        return;
    };
    let records = parse_then_clean(&[pages.to_str().unwrap()]);
    assert_eq!(records.len(), 40);
    let not_article = not_article();
    for rec in &records {
        let path = rec["source"]["path"].as_str().unwrap();
        let text = rec["text"].as_str().unwrap_or("");
        assert!(
            text.chars().count() >= 80,
            "{path}: article too short: {text:?}"
        );
        for phrase in &not_article {
            assert!(
                !text.contains(phrase),
                "{path}: {phrase:?} survived in the text"
            );
        }
        // Lines the extractor leaves for folio-clean: credits, original titles, disclaimers.
        for phrase in CLEANED_AWAY {
            assert!(
                !text.contains(phrase),
                "{path}: {phrase:?} survived in the text"
            );
        }
        assert_eq!(rec["lang"], "zh", "{path}");
        assert_eq!(
            rec["html"].as_str().map(|h| h.contains("<head")),
            Some(true),
            "{path}: html keeps the page"
        );
    }
}

#[test]
fn a_written_page_comes_out_like_a_post() {
    let records = parse_then_clean(&["tests/fixtures/folio-parse/pages/article-page.html"]);
    let rec = &records[0];
    assert_eq!(rec["title"], "山区无人机物流航线试运行");
    let text = rec["text"].as_str().unwrap();
    assert!(
        text.starts_with("五月上旬，西部一个山区县开通了三条无人机物流航线"),
        "{text}"
    );
    assert!(text.contains("配送站的工作人员说"), "{text}");
    for boilerplate in [
        "首页",
        "版权所有",
        "相关新闻",
        "热门排行",
        "责任编辑",
        "ICP",
    ] {
        assert!(!text.contains(boilerplate), "{boilerplate} in {text}");
    }
    assert_eq!(rec["credits"]["editor"], serde_json::json!(["周明"]));
    // A page in Chinese without a zone: Beijing time.
    assert_eq!(rec["date"], "2022-05-08T18:46:00+08:00");
    assert_eq!(rec["author"], "李晓");
    let blocks = rec["blocks"].as_array().unwrap();
    assert!(
        blocks
            .iter()
            .any(|b| b["type"] == "heading" && b["text"] == "航线怎么飞"),
        "{blocks:?}"
    );
    assert!(blocks.iter().any(|b| b["type"] == "list"), "{blocks:?}");
}

#[test]
fn cleaning_a_page_twice_changes_nothing() {
    let once = {
        let mut parse = folio("folio-parse");
        parse
            .current_dir(root())
            .arg("tests/fixtures/folio-parse/pages/article-page.html");
        pipe(&mut parse, &mut folio("folio-clean"))
    };
    let twice = folio("folio-clean")
        .write_stdin(once.clone())
        .output()
        .unwrap()
        .stdout;
    assert_same_text(
        &String::from_utf8(once).unwrap(),
        &String::from_utf8(twice).unwrap(),
        "second clean",
    );
}

/// The two stages in one process through their libraries (`folio run --clean`), each
/// page parsed once, write the pipeline's records byte for byte: pages written for the tests,
/// the hard cases, posts, and the shared pages and a benchmark set when they are there.
#[test]
fn one_process_writes_the_pipelines_records() {
    let mut inputs = vec![
        fixture("folio-parse/pages"),
        fixture("folio-extract"),
        examples(),
    ];
    inputs.extend(shared("pages/gne"));
    inputs.extend(shared_root("bench/sets/zh-cwce-dev/html"));
    for input in inputs {
        let parsed = folio("folio-parse")
            .args(["--quiet", "--threads", "1"])
            .arg(&input)
            .output()
            .unwrap();
        let cleaned = folio("folio-clean")
            .args(["--threads", "1"])
            .write_stdin(parsed.stdout)
            .output()
            .unwrap();
        let out = folio("folio")
            .args(["run", "--clean", "--quiet", "--threads", "2"])
            .arg(&input)
            .output()
            .unwrap();
        // The bundled posts hold one bad post on purpose: both reject it, with status 1.
        assert_eq!(
            out.status.code(),
            parsed.status.code(),
            "{}",
            input.display()
        );
        assert!(!cleaned.stdout.is_empty(), "{}", input.display());
        assert!(
            out.stdout == cleaned.stdout,
            "{}: the records differ",
            input.display()
        );
    }
}

#[test]
fn portal_closing_lines_become_credits_or_go() {
    let rec = written_page("portal-closing");
    let text = article_between(
        &rec,
        "记者从市园林部门获悉",
        "开放两处临时市集。",
        &[
            "原标题",
            "本文来源",
            "免责声明",
            "不代表本站立场",
            "图/pixabay",
            "图片来源",
            "查看更多",
            "责编",
        ],
    );
    assert_eq!(
        rec["original_title"],
        "十二公里江边步道今起全线贯通，沿途新增六处驿站"
    );
    assert_eq!(rec["credits"]["source"], serde_json::json!(["晨报周刊"]));
    // `责编` is short for `责任编辑`.
    assert_eq!(
        rec["credits"]["editor"],
        serde_json::json!(["王小二", "林小满"])
    );
    // A picture's source is an outlet, however long its name.
    assert_eq!(
        rec["credits"]["photographer"],
        serde_json::json!(["pixabay", "示例城市园林绿化管理局官网"])
    );
    // An interviewer's question is text, not three reporters named by its clauses.
    assert!(text.contains("记者：这么看你们平时"), "{text}");
    assert_eq!(rec["credits"]["reporter"], serde_json::json!(["李明"]));
}

/// A public account's article republished on a portal: its credit lines (a news app's
/// reporters, reporters filing from a place, credits after vertical bars) and closing lines (the keyword menu, the call to
/// tap "在看", the takedown notice, hashtags, the end mark, the link home) leave the text, the
/// credits keep the names.
#[test]
fn a_public_accounts_closing_lines_become_credits_or_go() {
    let rec = written_page("account-closing");
    article_between(
        &rec,
        "今天上午，城东河边新修的步道",
        "这里会更热闹。",
        &[
            "原标题",
            "原题",
            "编辑",
            "责编",
            "校对",
            "来源",
            "二维码",
            "回复",
            "菜单",
            "在看",
            "侵权",
            "#",
            "END",
            "返回",
        ],
    );
    assert_eq!(
        rec["original_title"],
        "河边步道今天开放，沿途种了两百棵樱花"
    );
    assert_eq!(
        rec["credits"]["editor"],
        serde_json::json!(["李小明", "赵大海"])
    );
    assert_eq!(rec["credits"]["proofreader"], serde_json::json!(["孙一一"]));
    // A news app's reporters, named before the story; a reporter glued to the label where
    // the line says where they filed from; one with no label in brackets after the story.
    assert_eq!(
        rec["credits"]["reporter"],
        serde_json::json!(["周一", "吴二", "李小红", "赵六"])
    );
    assert_eq!(
        rec["credits"]["source"],
        serde_json::json!(["城东日报", "城东发布"])
    );
}

/// The record's text, checked to run from `first` to `last` with none of `gone` in it.
fn article_between<'r>(rec: &'r Value, first: &str, last: &str, gone: &[&str]) -> &'r str {
    let text = rec["text"].as_str().unwrap();
    assert!(text.starts_with(first), "{text}");
    assert!(text.ends_with(last), "{text}");
    for phrase in gone {
        assert!(!text.contains(phrase), "{phrase:?} survived: {text}");
    }
    text
}

/// The one record of a page written for these tests, through `folio-parse | folio-clean`.
fn written_page(name: &str) -> Value {
    let path = format!("tests/fixtures/folio-parse/pages/{name}.html");
    parse_then_clean(&[path.as_str()]).remove(0)
}

#[test]
fn a_site_name_the_page_confirms_leaves_the_title() {
    // `标题-站名`, the name confirmed by the logo's alt text; the headline printed alone.
    let rec = written_page("site-name-suffix");
    assert_eq!(rec["title"], "老城区十条背街小巷完成改造");
    // `标题 站名`, confirmed by the copyright line; the site's name in an `<h1>` is its logo.
    let rec = written_page("hospital-news");
    assert_eq!(
        rec["title"],
        "【岗位练兵】我院药剂科举办2023年药学专业技能比赛"
    );
}

/// A blog that names itself first in `<title>` (`河边小记 » 老码头的渡船停航了`) and prints its
/// name alone in its header: the headline set in `<font>` under the post's date is found by
/// the title's longest part and left out of the article.
#[test]
fn a_headline_after_the_blogs_name_leaves_the_article() {
    let rec = written_page("blog-site-first");
    assert_eq!(rec["title"], "老码头的渡船停航了");
    let text = rec["text"].as_str().unwrap();
    assert!(!text.contains("停航了\n"), "{text}");
    assert!(text.contains("开了四十多年的老码头渡船"), "{text}");
    assert!(!text.contains("河边小记"), "{text}");
}

#[test]
fn a_section_named_by_the_breadcrumb_gives_way_to_the_headline() {
    let rec = written_page("section-title");
    assert_eq!(rec["title"], "示例地理学年会在江城顺利召开");
    assert_eq!(rec["date"], "2023-05-18T00:00:00+08:00");
    let text = rec["text"].as_str().unwrap();
    assert!(text.starts_with("五月中旬"), "{text}");
}

#[test]
fn notices_and_phrases_are_not_authors() {
    // An empty `作者：` label, then `转载请注明：`.
    let rec = written_page("site-name-suffix");
    assert!(rec.get("author").is_none(), "{}", rec["author"]);
    // `作者：网络整理` ("compiled from the web"): the reporters credited below write it.
    let rec = written_page("hospital-news");
    assert_eq!(rec["author"], "余一菁, 向二妮");
}

#[test]
fn credits_name_people_not_their_roles_or_outlets() {
    // `(文/图 …)`: the picture's mark is no reporter.
    let rec = written_page("site-name-suffix");
    assert_eq!(
        rec["credits"],
        serde_json::json!({"reporter": ["张小东", "易小楠"]})
    );
    // `采写：示例都市报记者 …`, `图片来源：示例经济报记者 李三 摄`.
    let rec = written_page("hospital-news");
    assert_eq!(
        rec["credits"],
        serde_json::json!({"photographer": ["李三"], "reporter": ["余一菁", "向二妮"]})
    );
    // `文/示例网专栏作者 王五`: an outlet's columnist.
    let rec = written_page("section-title");
    assert_eq!(rec["credits"], serde_json::json!({"reporter": ["王五"]}));
    for rec in [
        written_page("site-name-suffix"),
        written_page("hospital-news"),
        written_page("section-title"),
    ] {
        let text = rec["text"].as_str().unwrap();
        for gone in ["文/图", "采写", "图片来源", "专栏作者"] {
            assert!(!text.contains(gone), "{gone:?} survived: {text}");
        }
    }
}

#[test]
fn picture_credits_leave_the_text_for_credits() {
    // A figcaption named for the copyright, a `credit` in a caption frame (`Bild:`), a
    // `Foto:` line under a paragraph's text, and captions that close with a credit.
    let rec = written_page("picture-credits");
    let text = rec["text"].as_str().unwrap();
    for gone in [
        "©",
        "Jana Ostrow",
        "Bild:",
        "Hafenamt",
        "Foto:",
        "Lena Brandt",
    ] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
    assert!(
        text.contains("Der neue Steg ist breiter als der alte."),
        "{text}"
    );
    assert!(text.contains("wie in jedem Jahr.\n"), "{text}");
    // A class that speaks of a credit card is no picture's credit.
    assert!(text.contains("Kartenzahlung: Visa, Girocard"), "{text}");
    // A credit word without a colon, a credit line behind the sign, a web address whole.
    assert_eq!(
        rec["credits"]["photographer"],
        serde_json::json!([
            "Jana Ostrow",
            "Küstenbild",
            "Hafenamt",
            "Lena Brandt",
            "Ole Wind",
            "www.hafen.example/fotos",
            "Hafenmuseum",
            "Mia Sand",
            "Tom Berg",
            "Hafenbild",
            "Uwe Nord",
            "Ida Kraus",
            "Rike Sand",
            "Jan Kiel"
        ])
    );
    assert_eq!(
        rec["credits"]["source"],
        serde_json::json!(["Wetterwarte Sund", "Heimatverein"])
    );
    for gone in ["Credit", "Ole Wind", "Wetterwarte", "www.hafen", "Courtesy"] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
    // Captions and paragraphs that close with a credit keep their words: after a sentence,
    // bracketed or behind the copyright sign; a label before the sign goes with it, and a
    // paragraph that is only a picture's credit behind the sign is a credit, not a notice.
    for caption in [
        "Der Kiosk am Anleger, frisch gestrichen.\n",
        "Die alte Glocke hängt wieder am Steg.\n",
        "Die Mole im Morgennebel\n",
        "die bei Nebel mit einer Glocke warnt.\n",
        "gedruckt auf festem Karton.\n",
    ] {
        assert!(text.contains(caption), "{caption:?} missing from {text}");
    }
    for gone in [
        "Mia Sand",
        "Heimatverein",
        "Hafenbild",
        "Foto",
        "Uwe Nord",
        "Ida Kraus",
        "Rike Sand",
        "Jan Kiel",
    ] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
}

#[test]
fn a_formula_reads_as_its_tokens_and_not_its_source() {
    let rec = written_page("formula");
    let text = rec["text"].as_str().unwrap();
    assert!(text.contains("of length L the time"), "{text}");
    assert!(text.contains("T = 2 π L g where g is"), "{text}");
    assert!(!text.contains("sqrt"), "the TeX source came out: {text}");
}

#[test]
fn the_article_is_found_where_one_score_would_miss_it() {
    // (page, opening of its article, text that must not come out)
    let cases = [
        (
            "disclaimer-longer",
            "Wheat and maize prices fell",
            "Market data",
        ),
        ("cookie-notice", "A header in the last minute", "cookies"),
        ("service-box", "The first trams crossed", "customer service"),
        ("json-ld-only", "Night trains will run", "Loading"),
        (
            "spread-sections",
            "When the winter storm broke",
            "a monthly of",
        ),
        (
            "described-elsewhere",
            "The island ferry will run",
            "orchard",
        ),
        (
            "hidden-article",
            "The old orchard above the village",
            "Loading",
        ),
        ("noscript-only", "Posted by the river group", "Loading"),
        ("signup-form", "La préfecture a levé jeudi", "formulaire"),
        ("lede-far", "Abstract", "ORCID"),
        ("marked-body", "Der Stadtrat lässt prüfen", "Kommentare"),
        ("one-article", "The moor will become", "ferry"),
        ("list-article", "Posted by Ines Varga", "Rolf Dahlberg"),
        ("long-thread", "From June the library", "Gwen Harper"),
        (
            "thread-inside",
            "The open-air pool by the river",
            "Nell Fairbairn",
        ),
        ("table-thread", "2006年4月2日", "老茶客"),
        ("short-post", "Diesmal haben wir im Keller", "Bügeln"),
        ("wordpress-de", "Nach drei Wochen im Dock", "Beliebte"),
        ("verse-described", "Haul away the morning tide", "Thank you"),
        ("zh-pager", "历时一年半的改造完成后", "上一篇"),
        ("comment-thread", "Where the season is short", "marlow_k"),
        ("thread-below", "Die Dielen stammen", "Kommentare"),
        ("thread-list", "Der alte Brunnen im Hof", "Dreibein"),
        ("gallery-counter", "After two years in a workshop", "of 3"),
        (
            "responses-panel",
            "The tables printed each winter",
            "Next week",
        ),
        ("read-more", "The sleeper service between", "Read more"),
        ("h1-sections", "Two summers ago", "Thanks for reading"),
        (
            "standfirst",
            "When the last mill closed",
            "A summary set beside",
        ),
        (
            "lead-in-header",
            "A thick layer of snow",
            "What owners should know",
        ),
        (
            "list-of-changes",
            "The harbour office has published",
            "Lost property",
        ),
        (
            "link-roll",
            "Why the spring tides came early",
            "readers like this",
        ),
        ("repeated-entries", "Razorbill", "Curlews"),
        ("blog-tail", "The dry-stone wall", "Like this"),
        (
            "linked-words",
            "The logbook kept by Edith Marrow",
            "Tide tables",
        ),
        (
            "live-sidebar",
            "Growers in the upper valley",
            "The ferry across",
        ),
        ("links-heading", "Den nya färjan", "Läs mer"),
        (
            "tail-label-accented",
            "Nach zwei Wintern ohne Wasser",
            "Ähnliche Beiträge",
        ),
        (
            "description-only",
            "A torn sail need not end the season",
            "browser",
        ),
        (
            "paragraph-blocks",
            "The old harbour crane lifted",
            "Winter timetable",
        ),
        (
            "article-comments",
            "After three winters of buckets",
            "carol concert",
        ),
        (
            "link-lines",
            "The night market that filled",
            "pictures of the week",
        ),
        ("icon-glyphs", "The logbook kept by", "arrow_forward"),
        (
            "hidden-classes",
            "The island ferry will sail",
            "Loading the next article",
        ),
        ("related-inside", "Der Fischmarkt verlässt", "Fähre"),
    ];
    let pages: Vec<String> = cases
        .iter()
        .map(|(case, ..)| format!("tests/fixtures/folio-extract/{case}/page.html"))
        .collect();
    let args: Vec<&str> = pages.iter().map(String::as_str).collect();
    let records = parse_then_clean(&args);
    assert_eq!(records.len(), cases.len());
    for (rec, (case, opening, gone)) in records.iter().zip(cases) {
        let text = rec["text"].as_str().unwrap_or("");
        assert!(text.starts_with(opening), "{case}: {text:.120}");
        assert!(!text.contains(gone), "{case}: {gone:?} survived");
    }
}

#[test]
fn a_section_whose_id_is_its_heading_stays_in_the_article() {
    // `id="sharing-the-load-between-two-rowers"`: an anchor made of the heading, not a
    // share bar's name.
    let records = parse_then_clean(&["tests/fixtures/folio-extract/doc-sections/page.html"]);
    let text = records[0]["text"].as_str().unwrap();
    assert!(text.starts_with("A pair is the hardest boat"), "{text:.80}");
    assert!(
        text.contains("Sharing the load between two rowers\n"),
        "{text}"
    );
    assert!(text.contains("Swap seats every second outing"), "{text}");
    assert!(!text.contains("Copyright"), "{text}");
}

#[test]
fn a_lead_the_body_repeats_comes_out_once() {
    // The header's hook is the body's first paragraph word for word.
    let records = parse_then_clean(&["tests/fixtures/folio-extract/lead-repeated/page.html"]);
    let text = records[0]["text"].as_str().unwrap();
    assert_eq!(text.matches("After three winters").count(), 1, "{text}");
    assert!(text.ends_with("the company said."), "{text}");
}
