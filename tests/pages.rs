//! folio-parse on whole web pages: every encoding users meet (fixtures made here from UTF-8
//! text), declared or not, gzipped pages, crawler JSON lines, and page metadata.

use std::fs;
use std::io::Write;

use serde_json::Value;

use crate::util::*;

const ZH: &str = "港口集装箱吞吐量连续三周回升，记者在码头看到货车排起长队。";

/// A page in `encoding`, with its charset declared the way `declare` says.
fn page(title: &str, body: &str, encoding: &str, declare: &str) -> Vec<u8> {
    let head = match declare {
        "meta" => format!("<meta charset=\"{encoding}\">"),
        "http-equiv" => {
            format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={encoding}\">")
        }
        _ => String::new(),
    };
    let html = format!("<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>");
    let enc = encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap();
    let (bytes, _, unmappable) = enc.encode(&html);
    assert!(!unmappable, "{encoding} cannot hold the test text");
    bytes.into_owned()
}

fn parse_file(name: &str, bytes: &[u8]) -> Value {
    let dir = tempdir();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let out = folio("folio-parse").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lines(&out.stdout).remove(0)
}

#[test]
fn every_encoding_declared_or_detected() {
    let cases = [
        ("gb2312", "GBK", ZH, "新闻标题测试"),
        ("gbk", "GBK", ZH, "新闻标题测试"),
        ("gb18030", "gb18030", ZH, "新闻标题测试"),
        ("big5", "Big5", "臺灣港口貨櫃吞吐量連續三週回升，記者在碼頭看到貨車排起長隊。", "臺灣新聞標題"),
        ("shift_jis", "Shift_JIS", "港のコンテナ取扱量は三週連続で回復し、記者は埠頭でトラックの長い列を見た。", "日本のニュース見出し"),
        ("euc-kr", "EUC-KR", "항구의 컨테이너 처리량이 삼 주 연속 회복되었고 기자는 부두에서 긴 트럭 행렬을 보았다.", "한국 뉴스 제목"),
        ("windows-1252", "windows-1252", "Café owners in Zürich say the crème brûlée costs €12 now — a rise of 20% since spring.", "Prices in Zürich cafés"),
    ];
    for (label, name, body, title) in cases {
        for declare in ["meta", "http-equiv", "none"] {
            let body = body.repeat(if declare == "none" { 6 } else { 1 });
            let rec = parse_file("p.html", &page(title, &body, label, declare));
            let what = format!("{label} declared by {declare}");
            assert_eq!(rec["title"], title, "{what}");
            assert!(rec["html"].as_str().unwrap().contains(&body), "{what}");
            let got = rec["source"]["encoding"].as_str().unwrap();
            // GB18030 is a superset of GBK: undeclared GBK-range text is reported as GBK.
            let ok = got == name || (name == "gb18030" && got == "GBK");
            assert!(ok, "{what}: decoded as {got}");
            assert_eq!(rec["source"]["kind"], "page");
        }
    }
}

#[test]
fn gzipped_pages_and_bad_gzip() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&page("压缩页面标题", ZH, "gbk", "meta"))
        .unwrap();
    let rec = parse_file("page.html.gz", &gz.finish().unwrap());
    assert_eq!(rec["title"], "压缩页面标题");
    let dir = tempdir();
    let bad = dir.path().join("bad.html.gz");
    fs::write(&bad, b"\x1f\x8bnot really gzip").unwrap();
    let out = folio("folio-parse").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("undecodable gzip"));
}

#[test]
fn crawler_json_lines() {
    let gbk = page("编码页面", ZH, "gbk", "none");
    let b64 = base64_encode(&gbk);
    let input = format!(
        "{}\n{}\nnot json\n{}\n",
        serde_json::json!({"url": "https://news.example.cn/1.html", "html": "<html><head><title>文本页面_示例网</title></head><body><p>正文</p></body></html>", "fetched": "2022-05-08", "title": "crawler title"}),
        serde_json::json!({"link": "https://news.example.cn/2.html", "raw": b64, "headers": {"Content-Type": "text/html; charset=gbk"}}),
        serde_json::json!({"url": "https://news.example.cn/3.html"}),
    );
    let dir = tempdir();
    let rejects = dir.path().join("rejects.jsonl");
    let out = folio("folio-parse")
        .args([
            "--from",
            "jsonl",
            "--base64-field",
            "raw",
            "--url-field",
            "link",
            "--rejects",
        ])
        .arg(&rejects)
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = lines(&out.stdout);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["title"], "文本页面");
    assert_eq!(
        recs[0]["fetched"], "2022-05-08",
        "unknown crawler keys pass through"
    );
    assert_eq!(recs[0]["meta"]["crawl.title"], "crawler title");
    assert_eq!(recs[1]["title"], "编码页面");
    assert_eq!(recs[1]["url"], "https://news.example.cn/2.html");
    assert_eq!(recs[1]["source"]["encoding"], "GBK");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("folio-parse: <stdin>:3: invalid JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("folio-parse: <stdin>:4: no \"html\" field"),
        "{stderr}"
    );
    let entries = lines(&fs::read(&rejects).unwrap());
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["line"], "not json");
}

/// folio-parse on pages written in order into one folder: the records, in that order, and
/// what it said on stderr.
fn parse_pages(pages: &[&str]) -> (Vec<Value>, String) {
    let dir = tempdir();
    for (i, page) in pages.iter().enumerate() {
        fs::write(dir.path().join(format!("{i:02}.html")), page).unwrap();
    }
    let out = folio("folio-parse").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (lines(&out.stdout), stderr)
}

/// One field of each record.
fn field(records: &[Value], name: &str) -> Vec<Value> {
    records.iter().map(|r| r[name].clone()).collect()
}

#[test]
fn page_metadata_from_a_written_page() {
    let out = folio("folio-parse")
        .arg(fixture("folio-parse/pages/metadata.html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let rec = &lines(&out.stdout)[0];
    assert_eq!(rec["title"], "Harbour traffic climbs for a third week");
    assert_eq!(rec["author"], "Mei Lin, Tom Akers");
    assert_eq!(rec["date"], "2022-05-08T10:46:55+08:00");
    assert_eq!(
        rec["url"],
        "https://www.example-news.com/world/harbour-traffic"
    );
    assert_eq!(rec["source"]["site"], "example-news.com");
    assert_eq!(rec["image"], "https://www.example-news.com/img/harbour.jpg");
    assert_eq!(rec["categories"], serde_json::json!(["World"]));
    assert_eq!(rec["tags"], serde_json::json!(["ports", "shipping"]));
    assert_eq!(rec["meta"]["og:site_name"], "Example News");
}

#[test]
fn a_chinese_blog_without_lang_or_chinese_title_keeps_beijing_time() {
    // Nothing but its text says the page is Chinese: no `lang`, a UTF-8 page, a title that
    // is a widget's heading.
    let dir = tempdir();
    let page = "<html><head><meta name=\"date\" content=\"2005-09-07 11:57\"></head><body>\
                <h3>Blog统计</h3><p>今天下午去了城南的旧书店，买到两本五十年代的地图册，\
                其中一本还夹着当年的车票。</p></body></html>";
    fs::write(dir.path().join("post.html"), page).unwrap();
    let out = folio("folio-parse").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let rec = &lines(&out.stdout)[0];
    assert_eq!(rec["date"], "2005-09-07T11:57:00+08:00");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("no time zone"), "{stderr}");
}

/// Japan and Korea keep UTC+9, Thailand UTC+7: a zone-less time of a page in Japanese (told
/// by its `lang`, or by the kana of its title), in Korean (by its address) or in Thai (by its
/// title's letters) is read there, without a warning.
#[test]
fn pages_in_a_language_of_one_zone_keep_its_time() {
    let dir = tempdir();
    let pages = [
        (
            "a.html",
            "<html lang=\"ja\"><head><title>Harbour traffic</title>\
             <meta name=\"date\" content=\"2018-06-18 10:01\"></head><body>\
             <p>港の貨物取扱量は今月、再び増えました。</p></body></html>",
        ),
        (
            "b.html",
            "<html><head><title>港の貨物が増える</title>\
             <meta name=\"date\" content=\"2018-06-18 10:01\"></head><body>\
             <p>港の貨物取扱量は今月、再び増えました。</p></body></html>",
        ),
        (
            "c.html",
            "<html><head><title>Harbour traffic</title>\
             <link rel=\"canonical\" href=\"https://news.example.co.kr/harbour\">\
             <meta name=\"date\" content=\"2018-06-18 10:01\"></head><body>\
             <p>Harbour traffic rose again in June.</p></body></html>",
        ),
        (
            "d.html",
            "<html><head><title>ท่าเรือคึกคักอีกครั้ง</title>\
             <meta name=\"date\" content=\"2018-06-18 10:01\"></head><body>\
             <p>ท่าเรือมีสินค้าเข้าออกมากขึ้นในเดือนนี้</p></body></html>",
        ),
    ];
    for (name, page) in pages {
        fs::write(dir.path().join(name), page).unwrap();
    }
    let out = folio("folio-parse").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        field(&lines(&out.stdout), "date"),
        [
            "2018-06-18T10:01:00+09:00",
            "2018-06-18T10:01:00+09:00",
            "2018-06-18T10:01:00+09:00",
            "2018-06-18T10:01:00+07:00",
        ]
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("no time zone"), "{stderr}");
}

#[test]
fn a_title_note_in_parentheses_is_no_author_and_a_sign_off_is() {
    let dir = tempdir();
    let table = "<html><head><title>节目列表</title></head><body><table><tr><td>2020年</td>\
                 <td><a href=/show>飞吧小射手</a>(第七季）</td></tr></table></body></html>";
    let signed = "<html><head><title>老街的春天</title></head><body><p>街道表示会在试行一个月后\
                  再征求意见。</p><p>（袁源）</p></body></html>";
    fs::write(dir.path().join("a.html"), table).unwrap();
    fs::write(dir.path().join("b.html"), signed).unwrap();
    let out = folio("folio-parse").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let records = lines(&out.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["author"], Value::Null, "{}", records[0]);
    assert_eq!(records[1]["author"], "袁源");
}

#[test]
fn titles_lose_page_numbers_forum_labels_and_a_site_name_set_first() {
    let dir = tempdir();
    let paged = "<html><head><title>老街改造后的第一个春天(页 1)</title></head><body>\
                 <p>历时一年半的改造完成后，城南老街迎来了第一个春天。</p></body></html>";
    let forum = "<html><head><title>主题: 【城南旧事】 【修复版】</title></head><body>\
                 <p>这部电影的修复版本周上映。</p></body></html>";
    fs::write(dir.path().join("a.html"), paged).unwrap();
    let site_first = "<html><head><title>St. Georgs Chorknaben Ulm - Geschichte</title>\
                      <meta property=\"og:site_name\" content=\"St. Georgs Chorknaben Ulm\">\
                      </head><body><p>Der Chor wurde nach dem Krieg gegründet.</p></body></html>";
    fs::write(dir.path().join("b.html"), forum).unwrap();
    fs::write(dir.path().join("c.html"), site_first).unwrap();
    let out = folio("folio-parse").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let records = lines(&out.stdout);
    assert_eq!(records[0]["title"], "老街改造后的第一个春天");
    assert_eq!(records[1]["title"], "【城南旧事】 【修复版】");
    assert_eq!(records[2]["title"], "Geschichte");
}

#[test]
fn authors_as_names_and_metadata_without_entities() {
    // A byline credit in the author's place (its "Staff Writer" a placeholder in a list of names),
    // and a description escaped twice.
    let credit = "<html><head><title>Harbour cranes return</title>\
                  <meta property=\"og:title\" content=\"Harbour cra&shy;nes re&#8203;turn\">\
                  <meta name=\"author\" content=\"By NORA VALE, Staff Writer\">\
                  <meta name=\"description\" content=\"The port&amp;#039;s cranes &amp;quot;are back&amp;quot;.\">\
                  <meta name=\"keywords\" content=\"ports, editor&amp;#39;s picks\">\
                  </head><body><p>The cranes came back on Monday.</p></body></html>";
    // JSON-LD with an entity in a name, and a WordPress profile link's words.
    let ld = "<html><head><title>Notes on tides</title><script type=\"application/ld+json\">\
              {\"@type\":\"BlogPosting\",\"headline\":\"Notes on tides &amp; moons\",\
              \"author\":[{\"name\":\"View all posts by Ada O&#039;Neill\"},{\"name\":\"Unknown\"}]}\
              </script></head><body><p>The tide rose early.</p></body></html>";
    // A placeholder author gives way to the page's author link, its date cut off.
    let placeholder = "<html><head><title>Snow in the valley</title>\
                       <meta name=\"author\" content=\"admin\"></head><body>\
                       <h1>Snow in the valley</h1><p><a rel=\"author\" href=\"/author/ivo/\">\
                       by Ivo Brandt March 3, 2021</a></p>\
                       <p>Snow fell all night in the valley.</p></body></html>";
    let (records, _) = parse_pages(&[credit, ld, placeholder]);
    assert_eq!(records[0]["author"], "Nora Vale");
    // Soft hyphens and zero-width spaces take no room in a title.
    assert_eq!(records[0]["title"], "Harbour cranes return");
    assert_eq!(records[0]["summary"], "The port's cranes \"are back\".");
    assert_eq!(
        records[0]["tags"],
        serde_json::json!(["ports", "editor's picks"])
    );
    assert_eq!(records[1]["author"], "Ada O'Neill");
    assert_eq!(records[1]["title"], "Notes on tides & moons");
    assert_eq!(records[2]["author"], "Ivo Brandt");
}

/// A desk is no author, alone or in a list, and a job title after a name goes; a name a page
/// prints twice (its link's text and a copy for screen readers) is one name.
#[test]
fn desks_are_no_authors_and_names_printed_twice_are_one() {
    let desk = "<html><head><title>Flood gates tested</title>\
                <meta name=\"author\" content=\"Redaktion\"></head><body>\
                <h1>Flood gates tested</h1><p>The gates held in the test.</p></body></html>";
    let listed = "<html><head><title>Choir on tour</title>\
                  <meta name=\"author\" content=\"Mara Voss, Redaktion\"></head><body>\
                  <p>The choir left for its tour.</p></body></html>";
    let doubled = "<html><head><title>Ferry times</title></head><body><h1>Ferry times</h1>\
                   <div itemprop=\"author\"><a href=\"/u/7\">Quillon</a>\
                   <span class=\"d-none\">Quillon</span></div>\
                   <p>The ferry leaves at nine.</p></body></html>";
    let titled = "<html><head><title>Harbour dues rise</title>\
                  <meta name=\"author\" content=\"Ivo Brandt, Senior Harbour Correspondent\">\
                  </head><body><p>Dues rise in May.</p></body></html>";
    let (records, _) = parse_pages(&[desk, listed, doubled, titled]);
    assert_eq!(
        field(&records, "author"),
        [
            Value::Null,
            "Mara Voss".into(),
            "Quillon".into(),
            "Ivo Brandt".into()
        ]
    );
}

/// Names a byline joins with a conjunction come out as the record's list, with the serial
/// comma's `and` too; a firm's name with `&` in it stays one name.
#[test]
fn names_joined_by_and_are_a_list_of_names() {
    let page = |title: &str, author: &str| {
        format!(
            "<html><head><title>{title}</title><meta name=\"author\" content=\"{author}\">\
             </head><body><h1>{title}</h1><p>The harbour opened its new quay today.</p>\
             </body></html>"
        )
    };
    let pair = page("Quay opens", "By Mara Voss and Ivo Brandt");
    let serial = page(
        "Quay opens",
        "Mara Voss, Ivo Brandt, and Lena Hart, Harbour Wire",
    );
    let german = page("Kai eröffnet", "Von Max Ruhe und Erika Stein");
    let firm = page("Quay opens", "Brandt &amp; Voss");
    let (records, _) = parse_pages(&[&pair, &serial, &german, &firm]);
    assert_eq!(
        field(&records, "author"),
        [
            "Mara Voss, Ivo Brandt",
            "Mara Voss, Ivo Brandt, Lena Hart, Harbour Wire",
            "Max Ruhe, Erika Stein",
            "Brandt & Voss",
        ]
    );
}

/// A meta title the page title goes on from is the headline, whatever the rest says
/// (`Headline　写真1枚　国際ニュース：Site`, `Headline. The teaser…`); one an unescaped quote cut
/// short (`content="…写"救命啊"纸团…"`) gives way to the page title.
#[test]
fn a_meta_title_the_page_title_goes_on_from_is_the_headline() {
    let suffixed =
        "<html><head><title>港の釣り大会、三年ぶりに開催　写真3枚　地域ニュース：港新聞</title>\
                    <meta property=\"og:title\" content=\"港の釣り大会、三年ぶりに開催\"></head>\
                    <body><p>港の釣り大会が三年ぶりに開かれた。</p></body></html>";
    let teaser = "<html><head><title>The ferry that never left. How a harbour lost its…</title>\
                  <meta property=\"og:title\" content=\"The ferry that never left\"></head>\
                  <body><p>The ferry stayed in port all winter.</p></body></html>";
    let cut_short = "<html><head><title>男孩在纸团上写\"救命啊\"抛出窗外</title>\
                     <meta property=\"og:title\" content=\"男孩在纸团上写\"救命啊\"抛出窗外\">\
                     </head><body><p>路过的居民捡到纸团后报了警。</p></body></html>";
    let (records, _) = parse_pages(&[suffixed, teaser, cut_short]);
    assert_eq!(
        field(&records, "title"),
        [
            "港の釣り大会、三年ぶりに開催",
            "The ferry that never left",
            "男孩在纸团上写\"救命啊\"抛出窗外",
        ]
    );
}

/// A publishing group's name in `<meta name=author>` gives way to the person that
/// `article:author` and JSON-LD both name; without JSON-LD to say which, the first name stays.
#[test]
fn the_author_json_ld_confirms_beats_a_publisher_in_meta() {
    let head = "<meta name=\"author\" content=\"Harbour Media Group\">\
                <meta property=\"article:author\" content=\"Ivo Brandt\">";
    let ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
              \"author\":[{\"@type\":\"Person\",\"name\":\"Ivo Brandt\"}]}</script>";
    let confirmed = format!(
        "<html><head><title>Harbour dues rise</title>{head}{ld}</head>\
         <body><p>Dues rise in May.</p></body></html>"
    );
    let unconfirmed = format!(
        "<html><head><title>Harbour dues rise</title>{head}</head>\
         <body><p>Dues rise in May.</p></body></html>"
    );
    let (records, _) = parse_pages(&[&confirmed, &unconfirmed]);
    assert_eq!(
        field(&records, "author"),
        ["Ivo Brandt", "Harbour Media Group"]
    );
}

#[test]
fn a_credit_line_under_the_headline_names_the_author() {
    let set_in_parts = "<html><head><title>Snow closes the pass</title></head><body>\
                        <h1>Snow closes the pass</h1><p class=\"meta\"><span>by</span> \
                        <a href=\"/people/lena\">Lena Hart</a><span>22 Dec 2016</span></p>\
                        <p>Snow fell all night on the pass.</p></body></html>";
    let german = "<html><head><title>Der Pass ist zu</title></head><body>\
                  <h1>Der Pass ist zu</h1><div>Von <span><a href=\"/max\">Max Ruhe</a></span>, \
                  <span>Fr, 07. Dezember 2022</span></div>\
                  <p>Es hat die ganze Nacht geschneit.</p></body></html>";
    let word_alone = "<html><head><title>Ferry runs again</title></head><body>\
                      <h1>Ferry runs again</h1><div><span>By</span><span><a href=\"/t\">\
                      J.R. Moss</a></span></div><p>The ferry ran on time.</p></body></html>";
    // A sentence that opens with the word is no credit line.
    let sentence = "<html><head><title>City plans</title></head><body><h1>City plans</h1>\
                    <p>By 2030 the city will plant a tree on every street.</p></body></html>";
    let (records, _) = parse_pages(&[set_in_parts, german, word_alone, sentence]);
    assert_eq!(
        field(&records, "author"),
        [
            Value::from("Lena Hart"),
            Value::from("Max Ruhe"),
            Value::from("J.R. Moss"),
            Value::Null
        ]
    );
}

#[test]
fn a_date_written_under_the_headline_dates_the_page() {
    let german = "<html><head><title>Der Pass ist zu</title></head><body>\
                  <h1>Der Pass ist zu</h1><p class=\"meta\">Von Max Ruhe | 5. November 2021, 10:39 Uhr</p>\
                  <p>Es hat die ganze Nacht geschneit, und der Pass bleibt bis auf Weiteres zu.</p></body></html>";
    let english = "<html><head><title>Ferry runs again</title></head><body>\
                   <h1>Ferry runs again</h1><div><span>March 3, 2017 11:00 PM PST</span></div>\
                   <p>The ferry ran on time.</p></body></html>";
    // A date a sentence mentions is the story's subject, not its date.
    let sentence = "<html><head><title>Studio history</title></head><body><h1>Studio history</h1>\
                    <p>The first film was shot here on 21 August 1998, when the halls were new.</p></body></html>";
    let (records, stderr) = parse_pages(&[german, english, sentence]);
    assert_eq!(records[0]["date"], "2021-11-05T10:39:00Z");
    assert_eq!(records[0]["date_raw"], "2021-11-05 10:39");
    assert_eq!(records[1]["date"], "2017-03-03T23:00:00-08:00");
    assert_eq!(records[2]["date"], Value::Null, "{}", records[2]);
    // The German time has no zone: kept, with a warning.
    assert!(stderr.contains("has no time zone"), "{stderr}");
}

/// A time without a zone on a page written for a European country is that country's clock,
/// summer time included: by the page's domain, or by a declared language written under one
/// clock only (German). A French page on a `.com` address could be anywhere: UTC, with a warning.
#[test]
fn european_pages_keep_their_clock() {
    let page = |lang: &str, url: &str, date: &str| {
        format!(
            "<html lang=\"{lang}\"><head><title>Hafen</title>\
             <link rel=\"canonical\" href=\"{url}\">\
             <meta property=\"article:published_time\" content=\"{date}\"></head>\
             <body><h1>Hafen</h1><p>Der Hafen hat einen neuen Kai bekommen.</p></body></html>"
        )
    };
    let winter = page("de", "https://example.com/kai", "2021-11-05 10:39");
    let summer = page("de-CH", "https://example.com/kai", "2021-07-05 10:39");
    let domain = page("fr", "https://www.example.fr/quai", "2021-07-05 10:39");
    let british = page("en", "https://www.example.co.uk/quay", "2021-07-05 10:39");
    let anywhere = page("fr", "https://www.example.com/quai", "2021-07-05 10:39");
    let (records, stderr) = parse_pages(&[&winter, &summer, &domain, &british, &anywhere]);
    assert_eq!(
        field(&records, "date"),
        [
            "2021-11-05T10:39:00+01:00",
            "2021-07-05T10:39:00+02:00",
            "2021-07-05T10:39:00+02:00",
            "2021-07-05T10:39:00+01:00",
            "2021-07-05T10:39:00Z",
        ]
    );
    assert_eq!(stderr.matches("has no time zone").count(), 1, "{stderr}");
}

/// Parse.ly's page object (`<meta name="parsely-page" content='{…"pub_date":…}'>`) dates
/// the page with its zone before a byline's time without one; a page object that is no JSON
/// leaves the byline's date.
#[test]
fn parsely_page_objects_date_the_page() {
    let page = |object: &str| {
        format!(
            "<html><head><title>Tide tables printed</title>\
             <meta name=\"parsely-page\" content=\"{object}\"></head><body>\
             <h1>Tide tables printed</h1><div><span>December 27, 2014 at 12:10 PM</span></div>\
             <p>The harbour office printed next year&#39;s tide tables.</p></body></html>"
        )
    };
    let object = page(
        "{&quot;title&quot;: &quot;Tide tables printed&quot;, \
         &quot;pub_date&quot;: &quot;2014-12-27T17:10:17Z&quot;}",
    );
    let broken = page("{&quot;pub_date&quot;: ");
    let (records, stderr) = parse_pages(&[&object, &broken]);
    assert_eq!(records[0]["date"], "2014-12-27T17:10:17Z");
    assert_eq!(records[1]["date"], "2014-12-27T12:10:00Z");
    assert!(stderr.contains("has no time zone"), "{stderr}");
}

/// The `<h1>` is the headline when the meta title is it with a section before it or a date
/// or the source after it; a kicker joined by a colon stays with the headline.
#[test]
fn the_headline_as_printed_loses_a_section_or_a_date_around_it() {
    let page = |meta: &str, h1: &str| {
        format!(
            "<html><head><meta property=\"og:title\" content=\"{meta}\"></head><body>\
             <h1>{h1}</h1><p>The harbour opened its new quay on Monday morning.</p></body></html>"
        )
    };
    let section = page("Opinion | The quay we needed", "The quay we needed");
    let dated = page(
        "Neuer Kai eröffnet : 31.10.2023, 10.19 Uhr",
        "Neuer Kai eröffnet",
    );
    let sourced = page("新しい岸壁が完成（港新聞）", "新しい岸壁が完成");
    let kicker = page("Analysis: The quay we needed", "The quay we needed");
    let (records, _) = parse_pages(&[&section, &dated, &sourced, &kicker]);
    assert_eq!(
        field(&records, "title"),
        [
            "The quay we needed",
            "Neuer Kai eröffnet",
            "新しい岸壁が完成",
            "Analysis: The quay we needed",
        ]
    );
}

#[test]
fn meta_titles_lose_the_site_name_the_page_confirms() {
    let og = "<html><head><title>Harbour cranes return</title>\
              <meta property=\"og:title\" content=\"Harbour cranes return - Port Gazette\">\
              <meta property=\"og:site_name\" content=\"Port Gazette\"></head>\
              <body><p>The cranes came back on Monday.</p></body></html>";
    let ld = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
              \"headline\":\"Snow closes the pass | Valley Post\"}</script></head><body>\
              <a href=\"/\">Valley Post</a><p>Snow fell all night on the pass.</p></body></html>";
    // The blog's name and the platform's, with what joined them to the headline.
    let blog = "<html><head><meta property=\"og:title\" content=\"潮汐表 (2) @ 小河的家_蓝天 :: 博客网 ::\">\
                <meta property=\"og:site_name\" content=\"博客网\"></head><body>\
                <a href=\"/\">小河的家_蓝天</a><p>今天的潮水比昨天早了一个小时。</p></body></html>";
    // A dash inside the headline, with no site's name after it, stays.
    let kept = "<html><head><meta property=\"og:title\" content=\"Brexit vote delayed - what comes next\">\
                <meta property=\"og:site_name\" content=\"Port Gazette\"></head>\
                <body><p>The vote was put off again.</p></body></html>";
    // The host names the site, after the headline or before it.
    let host_after = "<html><head><link rel=\"canonical\" href=\"https://www.harbour-post.de/kran\">\
                      <meta property=\"og:title\" content=\"Kräne kehren zurück | harbour-post.de\">\
                      </head><body><p>Die Kräne sind wieder da.</p></body></html>";
    let host_first = "<html><head><link rel=\"canonical\" href=\"https://www.hpost.de/kran\">\
                      <meta property=\"og:title\" content=\"HPOST - Kräne kehren an den Kai zurück\">\
                      </head><body><p>Die Kräne sind wieder da.</p></body></html>";
    // A subject before the headline that a link home happens to name stays.
    let subject_first = "<html><head><link rel=\"canonical\" href=\"https://camp.example/2015\">\
                         <meta property=\"og:title\" content=\"Barcamp Graz 2015 – Call for Action\">\
                         </head><body><a href=\"/\">Barcamp Graz 2015</a>\
                         <p>Wir rufen zur Teilnahme auf.</p></body></html>";
    // The host's name in the middle of a title, a tagline after it; the site's name in
    // brackets at the end.
    let host_middle = "<html><head><link rel=\"canonical\" href=\"https://www.hpost.de/kran\">\
                       <meta property=\"og:title\" content=\"Kräne kehren zurück | hpost.de | Das Blatt vom Kai\">\
                       </head><body><p>Die Kräne sind wieder da.</p></body></html>";
    let bracketed =
        "<html><head><link rel=\"canonical\" href=\"https://www.harbour-post.de/kran\">\
                     <meta property=\"og:title\" content=\"»Kräne sind zurück« (harbour post)\">\
                     </head><body><p>Die Kräne sind wieder da.</p></body></html>";
    // A site's name after a middle dot, named by the host's label for it (`de.` is the
    // language's); a blog's name, by its subdomain.
    let dotted = "<html><head><link rel=\"canonical\" href=\"https://de.harbourvoices.org/kran\">\
                  <meta property=\"og:title\" content=\"Kräne kehren zurück · Harbour Voices auf Deutsch\">\
                  </head><body><p>Die Kräne sind wieder da.</p></body></html>";
    let subdomain =
        "<html><head><link rel=\"canonical\" href=\"https://tide-notes.blogs-example.net/ebbe\">\
                     <meta property=\"og:title\" content=\"Ebbe am Morgen - Tide Notes\">\
                     </head><body><p>Das Wasser ging früh zurück.</p></body></html>";
    let (records, _) = parse_pages(&[
        og,
        ld,
        blog,
        kept,
        host_after,
        host_first,
        subject_first,
        host_middle,
        bracketed,
        dotted,
        subdomain,
    ]);
    assert_eq!(
        field(&records, "title"),
        [
            "Harbour cranes return",
            "Snow closes the pass",
            "潮汐表 (2)",
            "Brexit vote delayed - what comes next",
            "Kräne kehren zurück",
            "Kräne kehren an den Kai zurück",
            "Barcamp Graz 2015 – Call for Action",
            "Kräne kehren zurück",
            "»Kräne sind zurück«",
            "Kräne kehren zurück",
            "Ebbe am Morgen",
        ]
    );
}

/// Dates as news pages write them in their meta tags: the month named, in English or another
/// language, ISO 8601's basic form, a zone word after a numeric time.
#[test]
fn dates_with_the_month_named_or_a_zone_word() {
    // (written, read, whether the time has no zone and is taken as UTC with a warning)
    let cases = [
        (
            "November 19, 2019, 07:47 PM EST",
            "2019-11-19T19:47:00-05:00",
            false,
        ),
        (
            "Nov. 20, 2019 1:42 p.m. ET",
            "2019-11-20T13:42:00-05:00",
            false,
        ),
        ("Tuesday 19th November 2019", "2019-11-19T00:00:00Z", true),
        ("1st of May 2021, 9:40 am", "2021-05-01T09:40:00Z", true),
        ("jueves, 09 enero 2014 10:21", "2014-01-09T10:21:00Z", true),
        (
            "3. Januar 2021 um 10:27 MEZ",
            "2021-01-03T10:27:00+01:00",
            false,
        ),
        ("20180619T055000+0900", "2018-06-19T05:50:00+09:00", false),
        ("2021-01-03T17:40:00EET", "2021-01-03T17:40:00+02:00", false),
    ];
    for (written, read, warns) in cases {
        let html = format!(
            "<html><head><title>Harbour traffic</title>\
             <meta property=\"article:published_time\" content=\"{written}\"></head>\
             <body><h1>Harbour traffic</h1><p>Lorries queued at the gate.</p></body></html>"
        );
        let dir = tempdir();
        let path = dir.path().join("page.html");
        fs::write(&path, html).unwrap();
        let out = folio("folio-parse").arg(&path).output().unwrap();
        assert!(out.status.success(), "{written}");
        // A time without a zone on a page not in Chinese stays UTC, and says so.
        let stderr = String::from_utf8_lossy(&out.stderr);
        if warns {
            assert!(
                stderr.contains("has no time zone; taken as UTC"),
                "{stderr}"
            );
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
        } else {
            assert!(stderr.is_empty(), "{written}: {stderr}");
        }
        let rec = &lines(&out.stdout)[0];
        assert_eq!(rec["date"], read, "{written}");
        assert_eq!(rec["date_raw"], written);
    }
}

/// Authors with no label to find them by: names on their own line under a reposted paper's
/// title; the owner of a one-author blog, named by the link to their own page; a post's
/// `… 发表于 <time>` header; a copyright line that names a person; and a closing `来源:` line
/// that names one after the byline has named the outlet. A news site's copyright line and a
/// closing `来源:` line with no outlet under the headline name no author.
#[test]
fn authors_without_a_label() {
    let story = "<p>河堤上的柳树发了新芽，早起散步的人比往年多了不少。</p>".repeat(12);
    let pages = [
        (
            "paper.html",
            format!(
                "<html><head><title>城市更新与社区治理的新路径(页 1) - 学术论坛</title></head><body>\
                 <div class=post><b>城市更新与社区治理的新路径</b><br><br>\
                 城市更新与社区治理的新路径<br>&nbsp;<br>周立新、风小雨<br>&nbsp;<br>{story}</div>\
                 </body></html>"
            ),
            "周立新, 风小雨",
        ),
        (
            "blog.html",
            format!(
                "<html><head><title>春天的河堤</title></head><body><h2>春天的河堤</h2>{story}\
                 <div class=sidebar><a href=\"http://blog.example.org/?author=102\">小河</a>\
                 <a href=\"http://blog.example.org/?pc=1&#038;author=102\">随笔</a>\
                 <a href=\"http://blog.example.org/?m=200604&amp;author=102\">2006年4月</a></div>\
                 </body></html>"
            ),
            "小河",
        ),
        (
            "post.html",
            format!(
                "<html><head><title>春天的河堤 - 小河的博客</title></head><body>\
                 <div class=nav>首页 2006年4月</div><div><b>春天的河堤</b><br>\
                 <a href=blog.asp?name=xiaohe>xiaohe</a> 发表于 2006-4-2 7:30:00</div>{story}\
                 </body></html>"
            ),
            "xiaohe",
        ),
        (
            "footer.html",
            format!(
                "<html><head><title>春天的河堤</title></head><body><h2>春天的河堤</h2>{story}\
                 <p id=footer>Powered by: <br><a href=/><img src=logo.gif></a><br>\
                 Copyright &copy; 何小河\n</p></body></html>"
            ),
            "何小河",
        ),
        (
            "source-line.html",
            format!(
                "<html><head><title>春天的河堤_示例新闻网</title></head><body><table>\
                 <tr><th class=f24><font>春天的河堤</font></th></tr>\
                 <tr><td>2006年04月02日 07:30 <font>《示例周刊》</font></td></tr></table>\
                 {story}<p>　　来源: 何小河 </p></body></html>"
            ),
            "何小河",
        ),
    ];
    let dir = tempdir();
    for (name, html, _) in &pages {
        fs::write(dir.path().join(name), html).unwrap();
    }
    let out = folio("folio-parse").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let records = lines(&out.stdout);
    for (name, _, author) in pages {
        let rec = records
            .iter()
            .find(|r| r["source"]["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        assert_eq!(rec["author"], author, "{name}");
    }

    let nobody = [
        format!(
            "<html><head><title>春天的河堤</title></head><body><h2>春天的河堤</h2>{story}\
             <div>Copyright &copy; 2006 示例新闻网 版权所有</div></body></html>"
        ),
        format!(
            "<html><head><title>春天的河堤</title></head><body><h2>春天的河堤</h2>\
             <p>2006年04月02日 07:30</p>{story}<p>来源: 何小河</p></body></html>"
        ),
    ];
    for html in nobody {
        let rec = parse_file("nobody.html", html.as_bytes());
        assert_eq!(rec["author"], Value::Null, "{html}");
    }
}

/// Bylines that list several authors after one label or reporter (written as the model
/// writes a list, joined with `, `), a two-character name spaced to the width of three, and
/// a person in `dc.creator` beside a publisher in `<meta name=author>`.
#[test]
fn bylines_with_several_or_spaced_names() {
    let story = "<p>河堤上的柳树发了新芽，早起散步的人比往年多了不少。</p>".repeat(12);
    let pages = [
        (
            "<h1>春天的河堤</h1><p>2006-04-02 07:30 示例日报记者 何小河 林晓雨 北京4月2日电</p>",
            "何小河, 林晓雨",
        ),
        (
            "<h1>春天的河堤</h1><p>执笔人：何小河 林晓雨 周立新　发布时间：2006-04-02</p>",
            "何小河, 林晓雨, 周立新",
        ),
        (
            "<h1>春天的河堤</h1><p>作者：何　河　来源：示例日报</p>",
            "何河",
        ),
    ];
    for (byline, author) in pages {
        let html = format!(
            "<html><head><title>春天的河堤</title></head><body>{byline}{story}</body></html>"
        );
        assert_eq!(
            parse_file("byline.html", html.as_bytes())["author"],
            author,
            "{byline}"
        );
    }
    let journal = format!(
        "<html><head><title>春天的河堤</title><meta name=author content=\"示例期刊,示例出版社\">\
         <meta name=dc.creator content=\"何　河\"></head><body><h1>春天的河堤</h1>{story}</body></html>"
    );
    assert_eq!(
        parse_file("journal.html", journal.as_bytes())["author"],
        "何河"
    );
    // Forum software credits its makers on every page: that names no author.
    let forum = format!(
        "<html><head><title>春天的河堤</title>\
         <meta name=author content=\"Discuz! Team and Comsenz UI Team\"></head>\
         <body><h1>春天的河堤</h1>{story}</body></html>"
    );
    assert_eq!(
        parse_file("forum.html", forum.as_bytes())["author"],
        Value::Null
    );
}

#[test]
fn shared_gne_pages_have_titles() {
    let Some(pages) = shared("pages/gne") else {
        return;
    };
    let out = folio("folio-parse").arg(&pages).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for rec in lines(&out.stdout) {
        let title = rec["title"].as_str().unwrap_or("");
        assert!(
            title.chars().count() >= 4,
            "{}: title {title:?}",
            rec["source"]["path"]
        );
        assert!(
            !title.contains("_网易") && !title.ends_with("新浪网"),
            "{title}"
        );
    }
}

fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
