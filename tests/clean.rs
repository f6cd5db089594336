//! folio-clean end to end: golden bodies, the shared corpus (no boilerplate left, every
//! paragraph kept, editors credited), idempotence, `--explain`, rules files, warnings, bad input.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::util::*;

const CASES: &[&str] = &[
    "sina-body",
    "images-captions",
    "lists",
    "quote-code",
    "table",
    "relative-links",
    "english-credits",
    "lead-title",
    "boilerplate",
    "no-html",
];

fn case_input(case: &str) -> PathBuf {
    fixture(&format!("folio-clean/{case}/input.jsonl"))
}

/// Runs folio-clean on `input` (JSON lines) with `args`; returns stdout, checking exit 0.
fn clean(input: &str, args: &[&str]) -> String {
    let out = folio("folio-clean")
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The one record folio-clean makes of `input`.
fn clean_one(input: &str, args: &[&str]) -> Value {
    let out = clean(input, args);
    lines(out.as_bytes()).remove(0)
}

/// The shared posts as records built directly from the files (front matter split at its
/// second `---` line), so that these tests do not depend on folio-parse.
fn corpus_records() -> Vec<Value> {
    let Some(dir) = shared("posts") else {
        return Vec::new();
    };
    let mut paths = Vec::new();
    collect_files(&dir, &mut paths);
    paths.sort();
    paths.iter().map(|p| post_record(p)).collect()
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn post_record(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let mut parts = text.splitn(3, "\n---\n");
    let _before = parts.next();
    let front = parts.next().unwrap_or("");
    let body = parts.next().unwrap_or("");
    let mut record = json!({"id": path.file_name().unwrap().to_string_lossy(), "html": body});
    let mut categories = Vec::new();
    for line in front.lines() {
        let value = |key: &str| {
            line.strip_prefix(key)
                .map(|v| v.trim().trim_matches('\'').to_owned())
        };
        if let Some(title) = value("title:") {
            record["title"] = json!(title);
        } else if let Some(image) = value("headimg:") {
            record["image"] = json!(image);
        } else if let Some(category) = line.strip_prefix(" - ") {
            categories.push(category.trim().to_owned());
        }
    }
    record["categories"] = json!(categories);
    record
}

fn to_lines(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// Every input of the suite: the shared posts and the golden cases.
fn all_inputs() -> String {
    let mut input = to_lines(&corpus_records());
    for case in CASES {
        input.push_str(&std::fs::read_to_string(case_input(case)).unwrap());
    }
    input
}

/// Without white space: how `text` is compared with the source's paragraphs.
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn golden_cases() {
    for case in CASES {
        let input = std::fs::read_to_string(case_input(case)).unwrap();
        let out = clean(&input, &[]);
        let mut shown = Vec::new();
        for (record, source) in lines(out.as_bytes()).into_iter().zip(input.lines()) {
            let source: Value = serde_json::from_str(source).unwrap();
            assert_eq!(
                record.get("html"),
                source.get("html"),
                "{case}: html is passed through"
            );
            let mut record = record;
            record.as_object_mut().unwrap().shift_remove("html");
            shown.push(record);
        }
        let pretty = serde_json::to_string_pretty(&shown).unwrap() + "\n";
        assert_golden(
            &fixture(&format!("folio-clean/{case}/expected.json")),
            &pretty,
        );
    }
}

/// Every kind of boilerplate found in the shared posts (and in the fixtures that imitate them).
const BOILERPLATE: &[&str] = &[
    "海量资讯",
    "新浪财经APP",
    "appendQr",
    "责任编辑",
    "编辑：",
    "摄影：",
    "来源：",
    "原标题",
    "news_keyword_pub",
    "正文下iframe",
    "总声明",
    "文末二维码",
    "编辑姓名及工作代码",
    "查看知乎原文",
    "查看知乎讨论",
    "想当作家",
    "border:1px",
    "&#123;",
    "&#125;",
    "<p",
    "<div",
    "<img",
    "<!--",
    "cms-style",
    "referrerpolicy",
    "\u{3000}",
    "\u{a0}",
    "\u{200b}",
    "分享到",
    "二维码",
    "相关新闻",
];

#[test]
fn no_boilerplate_survives() {
    let out = clean(&all_inputs(), &[]);
    let records = lines(out.as_bytes());
    assert!(records.len() >= CASES.len());
    for record in records {
        let text = record["text"].as_str().unwrap_or("");
        for bad in BOILERPLATE {
            assert!(
                !text.contains(bad),
                "{}: {bad:?} left in text: {text}",
                record["id"]
            );
        }
    }
}

#[test]
fn every_article_paragraph_survives() {
    let records = corpus_records();
    let mut input = records.clone();
    for case in ["sina-body", "boilerplate", "lead-title", "table"] {
        let text = std::fs::read_to_string(case_input(case)).unwrap();
        input.extend(
            text.lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()),
        );
    }
    let out = clean(&to_lines(&input), &[]);
    let mut checked = 0;
    for (source, record) in input.iter().zip(lines(out.as_bytes())) {
        let text = compact(record["text"].as_str().unwrap_or(""));
        // A first line repeating the title is dropped on purpose.
        let title = compact(source["title"].as_str().unwrap_or(""));
        for paragraph in paragraphs(source["html"].as_str().unwrap_or("")) {
            let paragraph = compact(&paragraph);
            let skip = paragraph == title || is_credit_line(&paragraph) || is_promo(&paragraph);
            if paragraph.chars().count() < 8 || skip {
                continue;
            }
            checked += 1;
            assert!(
                text.contains(&paragraph),
                "{}: paragraph lost: {paragraph}",
                record["id"]
            );
        }
    }
    assert!(checked >= 8, "only {checked} paragraphs checked");
}

/// The text of each `<p>…</p>` of `html`, tags stripped and the entities of the posts decoded.
fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<p") {
        let after = &rest[start + 2..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(end) = after.find("</p>") else { break };
        let open_end = after.find('>').unwrap();
        // A hidden paragraph is not article text.
        if !after[..open_end].contains("hidden") {
            out.push(strip_tags(&after[open_end + 1..end]));
        }
        rest = &after[end..];
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#123;", "{")
        .replace("&#125;", "}")
        .replace("&amp;", "&")
        .replace('\u{200b}', "")
}

fn is_credit_line(text: &str) -> bool {
    let labels = ["责任编辑：", "编辑：", "摄影：", "来源：", "原标题："];
    labels.iter().any(|l| text.starts_with(l)) || text.ends_with("通讯员李青）")
}

/// The promotion lines of the boilerplate fixture, removed on purpose.
fn is_promo(text: &str) -> bool {
    ["二维码", "APP", "众测", "点击投票"]
        .iter()
        .any(|mark| text.contains(mark))
}

#[test]
fn a_text_message_subscription_under_the_article_goes() {
    let input = concat!(
        r#"{"id":"s","html":"<p>沪指今日低开高走，收盘上涨百分之一，成交量较昨日明显放大。</p>"#,
        r#"<p>发送GP到6666 随时随地查行情</p>"}"#,
        "\n"
    );
    let out = clean(input, &[]);
    let record = &lines(out.as_bytes())[0];
    let text = record["text"].as_str().unwrap();
    assert!(text.starts_with("沪指今日低开高走"), "{text}");
    assert!(!text.contains("6666"), "{text}");
}

#[test]
fn a_drop_cap_outside_its_paragraph_joins_its_first_word() {
    let input = concat!(
        r#"{"id":"d","html":"<div><span class=\"cap\">H</span><p>arbour cranes returned "#,
        r#"to the quay on Monday.</p><p>They will stay all summer.</p></div>"}"#,
        "\n"
    );
    let record = &clean_one(input, &[]);
    assert_eq!(
        record["text"],
        "Harbour cranes returned to the quay on Monday.\n\nThey will stay all summer."
    );
}

#[test]
fn a_paper_named_before_its_reporter_credits_the_reporter() {
    let input = concat!(
        r#"{"id":"o","html":"<p>示例日报记者 王建宏 张文攀</p>"#,
        r#"<p>夜市今晚开张，摊主们早早支起了灯串和折叠桌，街道办表示摊位比去年多出三成。</p>"#,
        r#"<p>示例晚报记者 彭冲 山东冠县报道</p>"}"#,
        "\n"
    );
    let record = &clean_one(input, &[]);
    assert_eq!(
        record["credits"],
        serde_json::json!({"reporter": ["王建宏", "张文攀", "彭冲"]})
    );
    assert_eq!(
        record["text"],
        "夜市今晚开张，摊主们早早支起了灯串和折叠桌，街道办表示摊位比去年多出三成。"
    );
}

#[test]
fn a_title_the_body_repeats_twice_is_dropped_twice() {
    let input = concat!(
        r#"{"id":"t","title":"河堤上的春天","html":"<p><b>河堤上的春天</b></p><p>河堤上的春天</p>"#,
        r#"<p>柳树发了新芽，孩子们在堤上放风筝，老人们坐在长椅上晒太阳。</p>"}"#,
        "\n"
    );
    let record = &clean_one(input, &[]);
    assert_eq!(
        record["text"],
        "柳树发了新芽，孩子们在堤上放风筝，老人们坐在长椅上晒太阳。"
    );
}

#[test]
fn lines_that_only_say_who_wrote_the_article_and_when_go() {
    let input = concat!(
        r#"{"id":"b","author":"Ana Ruiz","html":"<p>4. Mai 2021</p><p>Posted by Ana Ruiz on May 4, 2021 at 09:15</p>"#,
        r#"<p>The lighthouse got a new lamp this spring.</p>"#,
        r#"<p>Ana Ruiz first climbed it in 1998 with her father, who kept the light for thirty years before it was automated.</p>"#,
        r#"<p>Ana Ruiz</p>"}"#,
        "\n"
    );
    let record = &clean_one(input, &["--explain"]);
    assert_eq!(
        record["text"],
        "The lighthouse got a new lamp this spring.\n\nAna Ruiz first climbed it in 1998 with \
         her father, who kept the light for thirty years before it was automated."
    );
    let rules: Vec<&str> = record["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["byline", "byline", "byline"]);
}

#[test]
fn a_like_button_loading_and_a_posts_tags_go() {
    let input = concat!(
        r#"{"id":"l","html":"<p>The ferry left at dawn and came back at noon.</p>"#,
        r#"<p>Like Loading...</p><p>Liken Lade …</p><p>Loading...</p>"#,
        r#"<p>Loading the ferry took an hour.</p><p>Filed under: Ferries, Harbour |</p>"#,
        r#"<p>Schlagwörter: Fähre, Hafen.</p><p>Tags: the crew said it was late. It was.</p>"}"#,
        "\n"
    );
    let record = &clean_one(input, &[]);
    assert_eq!(
        record["text"],
        "The ferry left at dawn and came back at noon.\n\nLoading the ferry took an hour.\n\n\
         Tags: the crew said it was late. It was."
    );
}

#[test]
fn an_old_blogs_trackback_read_counts_and_breadcrumb_go() {
    let input = concat!(
        r#"{"id":"b","html":"<p>当前位置：首页->随笔</p>"#,
        r#"<p>今天去河边走了一圈，柳树已经发芽，钓鱼的人比上周多了不少。</p>"#,
        r#"<p>发表于 2005年3月2日 08:15 - (阅读:512;评论:7)</p>"#,
        r#"<p>本文通告引用(Trackback)链接: /wp-trackback.php?p=88</p>"#,
        r#"<p>Trackback: http://tb.example.net/TrackBack.aspx?PostId=88</p>"}"#,
        "\n"
    );
    let record = &clean_one(input, &[]);
    assert_eq!(
        record["text"],
        "今天去河边走了一圈，柳树已经发芽，钓鱼的人比上周多了不少。"
    );
}

#[test]
fn an_invitation_to_subscribe_closing_the_article_goes() {
    let input = concat!(
        r#"{"id":"n","url":"https://news.example.org/a/1","html":"<p>The rowing club on the estuary has reopened its boathouse after a winter of repairs to the slipway.</p>"#,
        r#"<p>The club sends a newsletter to its members every spring.</p>"#,
        r#"<p>New members can try a boat on Saturday mornings, with a coach on the water beside them.</p>"#,
        r#"<figure><img src=\"/boathouse.jpg\"><figcaption>Subscribe to our photo newsletter</figcaption></figure>"#,
        r#"<p>Sign up for our weekly newsletter here.</p>"}"#,
        "\n"
    );
    let record = &clean_one(input, &["--explain"]);
    let text = record["text"].as_str().unwrap();
    assert!(text.contains("The club sends a newsletter"), "{text}");
    assert!(
        !text.contains("Sign up") && !text.contains("photo newsletter"),
        "{text}"
    );
    let blocks = record["blocks"].as_array().unwrap();
    let image = blocks.last().unwrap();
    assert_eq!(image["type"], "image");
    assert!(image.get("caption").is_none(), "{image}");
    let rules: Vec<&str> = record["removed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["rule"].as_str())
        .filter(|rule| rule.starts_with("closing text"))
        .collect();
    assert_eq!(rules.len(), 2, "{rules:?}");

    // Two blocks are the whole article: nothing closes it apart from its body.
    let short = r#"{"id":"s","html":"<p>The club sends a newsletter to its members.</p><p>Sign up for the newsletter at the boathouse.</p>"}"#;
    let record = &clean_one(&format!("{short}\n"), &[]);
    assert!(
        record["text"].as_str().unwrap().contains("Sign up"),
        "{record}"
    );
}

#[test]
fn credit_labels_read_any_white_space_as_a_space() {
    // A full-width space, a no-break space and a tab between label, name and staff code.
    let input = concat!(
        r#"{"id":"w","html":"<p>夜市今晚开张，摊主们早早支起了灯串和折叠桌，街道办表示摊位比去年多出三成。</p>"#,
        r#"<p>（记者\u3000张三）</p><p>责任编辑：\u00a0李四\tSF012</p>"}"#,
        "\n"
    );
    let out = clean(input, &[]);
    let record = &lines(out.as_bytes())[0];
    assert_eq!(
        record["credits"],
        serde_json::json!({"editor": ["李四"], "reporter": ["张三"]})
    );
    assert!(!record["text"].as_str().unwrap().contains("张三"));
}

#[test]
fn editors_are_credited() {
    let records = corpus_records();
    let out = clean(&to_lines(&records), &[]);
    for (source, record) in records.iter().zip(lines(out.as_bytes())) {
        let html = source["html"].as_str().unwrap();
        let Some(at) = html.find("责任编辑：") else {
            continue;
        };
        let name: String = html[at + "责任编辑：".len()..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '<')
            .collect();
        let editors = &record["credits"]["editor"];
        assert!(
            editors.as_array().is_some_and(|e| e.contains(&json!(name))),
            "{}: editor {name} not in {editors}",
            record["id"]
        );
    }
    let fixture_out = clean(
        &std::fs::read_to_string(case_input("sina-body")).unwrap(),
        &[],
    );
    assert_eq!(
        lines(fixture_out.as_bytes())[0]["credits"]["editor"],
        json!(["顾晓明", "石小溪"])
    );
}

#[test]
fn cleaning_twice_changes_nothing() {
    let once = clean(&all_inputs(), &["--quiet"]);
    let twice = clean(&once, &["--quiet"]);
    assert_same_text(&once, &twice, "second run");
    let explained = clean(&all_inputs(), &["--quiet", "--explain"]);
    assert_same_text(
        &explained,
        &clean(&explained, &["--quiet", "--explain"]),
        "second --explain run",
    );
}

/// The tools write records with their own encoder (for speed); each line must be exactly what
/// serde_json writes for the same record.
#[test]
fn records_are_written_as_serde_json_writes_them() {
    let explained = clean(&all_inputs(), &["--quiet", "--explain"]);
    for line in explained.lines() {
        let record: folio_model::Record = serde_json::from_str(line).unwrap();
        assert_eq!(serde_json::to_string(&record).unwrap(), line);
    }
}

#[test]
fn explain_names_what_was_removed_and_why() {
    let out = clean(
        &std::fs::read_to_string(case_input("sina-body")).unwrap(),
        &["--explain"],
    );
    let record = &lines(out.as_bytes())[0];
    let removed = record["removed"].as_array().unwrap();
    let has = |rule: &str, text: &str| {
        removed.iter().any(|r| {
            r["rule"].as_str().unwrap().starts_with(rule)
                && r["text"].as_str().unwrap().contains(text)
        })
    };
    assert!(has("comment", "正文下iframe"), "{removed:?}");
    assert!(has("tag style", ".appendQr_wrap"));
    assert!(has("tag iframe", ""));
    assert!(has("selector .appendQr_wrap", "海量资讯"));
    assert!(has("credit editor", "责任编辑：石小溪"));
    assert!(has("placeholder-lead-image", "343233024.png"));
    let plain = clean(
        &std::fs::read_to_string(case_input("sina-body")).unwrap(),
        &[],
    );
    assert!(lines(plain.as_bytes())[0].get("removed").is_none());
}

#[test]
fn empty_article_is_kept_with_a_warning() {
    let input = r#"{"id":"e1","html":"<div><!-- x --><p>　　</p><script>1</script></div>"}"#;
    let out = folio("folio-clean")
        .write_stdin(format!("{input}\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "folio-clean: <stdin>:1 (id e1): warning: no article text left after cleaning (record kept with empty text)\n"
    );
    let record = &lines(&out.stdout)[0];
    assert_eq!(record["text"], "");
    assert_eq!(record["blocks"], json!([]));
    let quiet = folio("folio-clean")
        .arg("-q")
        .write_stdin(format!("{input}\n"))
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty());
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn title_only_post_of_the_corpus_warns() {
    let records = corpus_records();
    let Some(post) = records
        .iter()
        .find(|r| r["id"].as_str().unwrap().contains("入睡最健康"))
    else {
        return;
    };
    let out = folio("folio-clean")
        .write_stdin(to_lines(std::slice::from_ref(post)))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article text left"));
    let record = &lines(&out.stdout)[0];
    assert_eq!(record["text"], "");
    assert!(
        record.get("image").is_none(),
        "picsum.photos lead image is a placeholder"
    );
}

#[test]
fn records_without_html_keep_their_content() {
    let out = folio("folio-clean")
        .arg(case_input("no-html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("input.jsonl:3 (id nothing): warning: no body to clean"),
        "{stderr}"
    );
    let records = lines(&out.stdout);
    assert_eq!(
        records[0]["text"],
        "A record that already has its text.\n\nIt is kept as it is."
    );
    assert!(records[0].get("blocks").is_none());
    assert_eq!(records[1]["text"], "这条记录只有结构化的段落。");
    assert_eq!(records[2]["extra_field"], json!([1, 2]));
    assert!(records[2].get("text").is_none());
}

#[test]
fn relative_links_and_images_resolve_against_url() {
    let out = clean(
        &std::fs::read_to_string(case_input("relative-links")).unwrap(),
        &[],
    );
    let blocks = &lines(out.as_bytes())[0]["blocks"];
    assert_eq!(
        blocks[0]["inlines"][1]["href"],
        "https://www.example.com/news/events/repair-cafe.html"
    );
    assert_eq!(
        blocks[1]["inlines"][1]["href"],
        "https://www.example.com/about"
    );
    assert_eq!(
        blocks[2]["src"],
        "https://www.example.com/news/2022/06/images/cafe.jpg"
    );
    let text = serde_json::to_string(blocks).unwrap();
    assert!(!text.contains("javascript:"));
}

#[test]
fn lead_image_is_not_repeated_and_placeholders_are_dropped() {
    let out = clean(
        &std::fs::read_to_string(case_input("lead-title")).unwrap(),
        &[],
    );
    let records = lines(out.as_bytes());
    assert_eq!(records[0]["image"], "https://img.example.cn/lead.jpg");
    let blocks = records[0]["blocks"].as_array().unwrap();
    assert!(blocks.iter().all(|b| b["type"] != "image"), "{blocks:?}");
    assert!(
        blocks
            .iter()
            .all(|b| b["inlines"][0]["text"] != "湖边新修了一条步道"),
        "title repeated"
    );
    assert!(records[1].get("image").is_none());
    let sina = clean(
        &std::fs::read_to_string(case_input("sina-body")).unwrap(),
        &[],
    );
    assert!(
        lines(sina.as_bytes())[0].get("image").is_none(),
        "Sina promo QR image is a placeholder"
    );
}

fn write_rules(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("rules.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn rules_file_adds_rules_on_top_of_the_defaults() {
    let dir = tempdir();
    let rules = write_rules(
        dir.path(),
        "drop_text: ['^附近居民说']\ncredits:\n  reviewer: ['把关人\\s*[：:]\\s*']\nsites:\n  news.example.cn:\n    drop_selectors: ['p.aside']\n",
    );
    let input = r#"{"id":"r","url":"https://news.example.cn/a.html","html":"<p>湖边的步道全长四公里，适合傍晚散步。</p><p class=\"aside\">这一段是站点的推广语，不属于文章。</p><p>附近居民说，散步的人多了。</p><p>把关人：周七</p><p>责任编辑：吴八</p>"}"#;
    let out = clean(&format!("{input}\n"), &["--rules", rules.to_str().unwrap()]);
    let record = &lines(out.as_bytes())[0];
    assert_eq!(record["text"], "湖边的步道全长四公里，适合傍晚散步。");
    assert_eq!(
        record["credits"],
        json!({"editor": ["吴八"], "reviewer": ["周七"]})
    );

    let only = write_rules(dir.path(), "defaults: false\ndrop_text: ['^附近']\n");
    let out = clean(&format!("{input}\n"), &["--rules", only.to_str().unwrap()]);
    let record = &lines(out.as_bytes())[0];
    assert!(
        record["text"].as_str().unwrap().contains("责任编辑：吴八"),
        "no default credit rules"
    );
    assert!(record["text"].as_str().unwrap().contains("推广语"));
}

#[test]
fn a_rules_file_adds_closing_lines() {
    let dir = tempdir();
    let rules = write_rules(dir.path(), "drop_closing_text: ['加入读者群']\n");
    let input = r#"{"id":"c","html":"<p>湖边的步道全长四公里，适合傍晚散步，沿途有三处观景台。</p><p>步道旁新种了两百棵柳树。</p><p>想第一时间看到本地新闻？欢迎加入读者群。</p>"}"#;
    let out = clean(&format!("{input}\n"), &["--rules", rules.to_str().unwrap()]);
    let record = &lines(out.as_bytes())[0];
    assert_eq!(
        record["text"],
        "湖边的步道全长四公里，适合傍晚散步，沿途有三处观景台。\n\n步道旁新种了两百棵柳树。"
    );
    let out = clean(&format!("{input}\n"), &[]);
    assert!(lines(out.as_bytes())[0]["text"]
        .as_str()
        .unwrap()
        .contains("读者群"));
}

#[test]
fn bad_rules_file_is_a_usage_error() {
    let dir = tempdir();
    let cases = [
        ("drop_text: ['(unclosed']\n", "drop_text: "),
        (
            "drop_selectors: ['..x']\n",
            "drop_selectors: invalid selector",
        ),
        ("drop_selector: ['.x']\n", "unknown field `drop_selector`"),
        ("credits:\n  author: ['x']\n", "unknown variant `author`"),
        (
            "credits:\n  editor: ['(unclosed']\n",
            "credits.editor: regex parse error",
        ),
        (
            "sites:\n  a.com:\n    credit_trim: ['[']\n",
            "sites.a.com: credit_trim: ",
        ),
        ("drop_text: [\n", ""),
        ("drop_closing_text: ['(?i)(']\n", "drop_closing_text: "),
    ];
    for (text, why) in cases {
        let rules = write_rules(dir.path(), text);
        let out = folio("folio-clean")
            .arg("--rules")
            .arg(&rules)
            .write_stdin("")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let prefix = format!("folio-clean: {}: {why}", rules.display());
        assert!(stderr.starts_with(&prefix), "{text}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
    let missing = dir.path().join("missing.yaml");
    let out = folio("folio-clean")
        .arg("--rules")
        .arg(&missing)
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with(&format!("folio-clean: {}: ", missing.display())));
}

#[test]
fn bad_input_is_rejected_and_the_run_goes_on() {
    let dir = tempdir();
    let rejects = dir.path().join("rejects.jsonl");
    let input = "{\"id\":\"a\",\"html\":\"<p>第一篇文章的正文内容。</p>\"}\nnot json\n{\"id\":\"b\",\"html\":3}\n{\"id\":\"c\",\"html\":\"<p>第三篇文章的正文内容。</p>\"}\n";
    let out = folio("folio-clean")
        .arg("--rejects")
        .arg(&rejects)
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<Value> = lines(&out.stdout).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, [json!("a"), json!("c")]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("folio-clean: <stdin>:2: invalid JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("folio-clean: <stdin>:3: invalid record: \"html\""),
        "{stderr}"
    );
    let rejected = lines(std::fs::read_to_string(&rejects).unwrap().as_bytes());
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0]["line"], "not json");
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = tempdir();
    let path = dir.path().join("many.jsonl");
    let record = r#"{"id":"x","html":"<p>一段足够长的文字，用来让输出超过管道的缓冲区。</p>"}"#;
    std::fs::write(&path, format!("{record}\n").repeat(5000)).unwrap();
    let script = format!(
        "'{}' '{}' | head -n1 > /dev/null",
        bin("folio-clean").display(),
        path.display()
    );
    let out = std::process::Command::new("bash")
        .args(["-o", "pipefail", "-c", &script])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_is_the_same_for_any_thread_count() {
    let input = all_inputs().repeat(3);
    let one = clean(&input, &["--threads", "1", "-q", "--explain"]);
    let four = clean(&input, &["--threads", "4", "-q", "--explain"]);
    assert_same_text(&one, &four, "--threads 4 output");
}

#[test]
fn html_is_written_back_as_the_input_wrote_it() {
    // Escapes serde_json would not write (`\/`, `\u00e9`): the page's bytes come out as they
    // went in, and the article is read from the value they stand for.
    let html = r#""<p class=\"lead\">Caf\u00e9 owners on the quay reopened their terraces this week after a long winter.<\/p>""#;
    let input = format!(r#"{{"id":"q1","html":{html}}}"#);
    let out = folio("folio-clean").write_stdin(input).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(line.contains(&format!(r#""html":{html},"#)), "{line}");
    let record = &lines(line.as_bytes())[0];
    assert!(
        record["text"].as_str().unwrap().starts_with("Café owners"),
        "{line}"
    );
}

#[test]
fn text_comes_out_composed_whatever_script_surrounds_it() {
    // `e` + U+0301 and `ᄀ` + `ᅡ` (conjoining jamo) each compose to one character, beside
    // Chinese text that needs nothing.
    let input = concat!(
        r#"{"id":"c","html":"<p>Cafe\u0301 咖啡馆，明天开门。</p>"#,
        r#"<p>北京 \u1100\u1161 市场。</p>"}"#,
        "\n"
    );
    let record = clean_one(input, &[]);
    assert_eq!(
        record["text"].as_str().unwrap(),
        "Caf\u{e9} 咖啡馆，明天开门。\n\n北京 \u{ac00} 市场。"
    );
}
