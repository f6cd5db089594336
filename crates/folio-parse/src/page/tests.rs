use super::author::*;
use super::date::*;
use super::meta::*;
use super::title::*;
use super::*;
use crate::names::*;
use folio_model::date::Zone;
use folio_model::Location;

fn read_page(html: &str) -> (Record, Vec<String>) {
    let mut record = Record::default();
    let mut notes = Notes::new(Location::file("t"));
    let zone: Zone = "Asia/Shanghai".parse().unwrap();
    read(
        &parse_for_metadata(html),
        &founder_properties(html),
        Some("https://news.example.cn/a.html"),
        PageZone::Given(zone),
        &mut record,
        &mut notes,
    );
    (record, notes.warnings().to_vec())
}

#[test]
fn forum_software_credited_in_meta_author_is_no_author() {
    let (r, _) = read_page(
        r#"<html><head><title>t</title>
        <meta name="author" content="Discuz! Team and Comsenz UI Team">
        </head><body></body></html>"#,
    );
    assert_eq!(r.author, None);
    assert!(!names_software("Ann Writer"));
}

#[test]
fn a_person_in_later_meta_beats_a_publisher_in_meta_author() {
    let (r, _) = read_page(
        r#"<html><head><title>城市更新与社区治理的新路径</title>
        <meta name="author" content="示例期刊,示例出版社">
        <meta name="dc.creator" content="周　新">
        </head><body><h1>城市更新与社区治理的新路径</h1></body></html>"#,
    );
    // The spaced two-character name is one name.
    assert_eq!(r.author.as_deref(), Some("周新"));
    let (r, _) = read_page(
        r#"<html><head><title>t</title><meta name="author" content="示例出版社">
        </head><body></body></html>"#,
    );
    assert_eq!(r.author.as_deref(), Some("示例出版社"));
}

#[test]
fn open_graph_and_article_meta() {
    let (r, _) = read_page(
        r#"<html><head><title>Headline text - Example Times</title>
        <meta property="og:title" content="The  headline">
        <meta property="og:url" content="https://example.com/story">
        <meta property="article:published_time" content="2022-05-08T10:46:55Z">
        <meta name="author" content="Ann Writer">
        <meta property="og:image" content="https://example.com/lead.jpg">
        <meta property="article:section" content="World">
        <meta property="article:tag" content="trade"><meta property="article:tag" content="ports">
        <meta name="description" content="What happened.">
        </head><body></body></html>"#,
    );
    assert_eq!(r.title.as_deref(), Some("The headline"));
    assert_eq!(r.url.as_deref(), Some("https://example.com/story"));
    assert_eq!(r.date.unwrap().to_rfc3339(), "2022-05-08T10:46:55+00:00");
    assert_eq!(r.author.as_deref(), Some("Ann Writer"));
    assert_eq!(r.image.as_deref(), Some("https://example.com/lead.jpg"));
    assert_eq!(r.categories, ["World"]);
    assert_eq!(r.tags, ["trade", "ports"]);
    assert_eq!(r.summary.as_deref(), Some("What happened."));
    assert_eq!(
        r.meta.unwrap()["article:tag"],
        serde_json::json!(["trade", "ports"])
    );
}

#[test]
fn json_ld_in_a_graph() {
    let (r, _) = read_page(
        r#"<html><head><title>x</title><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},
        {"@type":"NewsArticle","headline":"From JSON-LD","datePublished":"2021-03-01T08:00:00+08:00",
         "author":[{"@type":"Person","name":"A One"},{"@type":"Person","name":"B Two"}],
         "image":{"@type":"ImageObject","url":"https://e.com/i.png"}}]}
        </script></head><body></body></html>"#,
    );
    assert_eq!(r.title.as_deref(), Some("From JSON-LD"));
    assert_eq!(r.author.as_deref(), Some("A One, B Two"));
    assert_eq!(r.date.unwrap().to_rfc3339(), "2021-03-01T08:00:00+08:00");
    assert_eq!(r.image.as_deref(), Some("https://e.com/i.png"));
}

#[test]
fn time_element_rel_author_canonical() {
    let (r, _) = read_page(
        r#"<html><head><title>A long enough headline | Site</title>
        <link rel="canonical" href="https://example.org/canon"></head><body>
        <h1>A long enough headline</h1><a rel="author" href="/p/x">Cee Dee</a>
        <time datetime="2020-02-02T02:02:00Z">Feb 2</time></body></html>"#,
    );
    assert_eq!(r.url.as_deref(), Some("https://example.org/canon"));
    assert_eq!(r.title.as_deref(), Some("A long enough headline"));
    assert_eq!(r.author.as_deref(), Some("Cee Dee"));
    assert_eq!(r.date_raw.as_deref(), Some("2020-02-02T02:02:00Z"));
}

#[test]
fn author_links_count_in_the_byline_only() {
    let (r, _) = read_page(
        "<html><head><title>Harbour traffic climbs again</title></head><body>\
         <h1>Harbour traffic climbs again</h1>\
         <p>By <a href=\"/author/mei-lin/\">Mei Lin</a>, 8 May 2022</p>\
         <p>Lorries queued at the gate for a third week.</p></body></html>",
    );
    assert_eq!(r.author.as_deref(), Some("Mei Lin"));
    // A sidebar link far below the headline, past where a byline is looked for.
    let story = "<p>Cranes worked through the night to clear the backlog.</p>".repeat(20);
    let (r, _) = read_page(&format!(
        "<html><head><title>Harbour traffic climbs again</title></head><body>\
         <h1>Harbour traffic climbs again</h1>{story}\
         <aside>Columns: <a href=\"/author/tom-akers/\">Tom Akers</a></aside></body></html>"
    ));
    assert_eq!(r.author, None);
}

#[test]
fn a_one_author_blog_names_its_owner() {
    let archive = |author: u32| {
        format!(
            "<a href=\"/?pc=1&#038;author={author}\">未归类</a>\
             <a href=\"/?m=200604&author={author}\">April 2006</a>"
        )
    };
    // The sidebar is far below the headline, past where a byline is looked for.
    let story = "<p>The towpath was quiet this morning, and the locks stood open.</p>".repeat(20);
    let page = |sidebar: &str| {
        format!(
            "<html><head><title>A walk along the canal</title></head><body>\
             <h2>A walk along the canal</h2>{story}\
             <div class=sidebar>{sidebar}</div></body></html>"
        )
    };
    let owner = format!(
        "<a href=\"http://blog.example.org/?author=102\" title=\"[小河]的博客\">小河</a>{}",
        archive(102)
    );
    let (r, _) = read_page(&page(&owner));
    assert_eq!(r.author.as_deref(), Some("小河"));
    let wordpress = "<a href=\"/author/mei-lin/\">Mei Lin</a>\
         <a href=\"/author/mei-lin/page/2/\">Older</a><a href=\"/author/mei-lin/feed/\">Feed</a>";
    let (r, _) = read_page(&page(wordpress));
    assert_eq!(r.author.as_deref(), Some("Mei Lin"));
    // Several writers' columns: no owner.
    let columns = format!("{owner}<a href=\"/?author=7\">老张</a>{}", archive(7));
    let (r, _) = read_page(&page(&columns));
    assert_eq!(r.author, None);
    // Too few links to tell a blog from a sidebar.
    let (r, _) = read_page(&page("<a href=\"/author/tom-akers/\">Tom Akers</a>"));
    assert_eq!(r.author, None);
    // Only archive links: nothing names the owner.
    let (r, _) = read_page(&page(&format!("{}{}", archive(102), archive(102))));
    assert_eq!(r.author, None);
}

#[test]
fn founder_cms_properties_in_a_comment() {
    let (r, warnings) = read_page(
        "<html><head><title>高原村庄改造厕所</title></head><body>\
         <span id=paperdate>2022年02月12日</span><h1>高原村庄改造厕所</h1><p>正文第一段。</p>\
         <!--enpproperty <date>2022-02-13 00:00:00:0</date><author>格桑</author>\
         <keyword></keyword><title>高原村庄改造厕所</title>/enpproperty--></body></html>",
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(r.date_raw.as_deref(), Some("2022-02-13 00:00:00"));
    assert_eq!(
        r.date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2022-02-13T00:00:00+08:00")
    );
    assert_eq!(r.author.as_deref(), Some("格桑"));
    let meta = r.meta.unwrap();
    assert_eq!(meta["enpproperty"]["title"], "高原村庄改造厕所");
    assert!(meta["enpproperty"].get("keyword").is_none());
}

#[test]
fn founder_properties_survive_odd_comments() {
    assert!(founder_properties("<p>no comment</p>").is_empty());
    assert_eq!(
        founder_properties("<!--enpproperty <a>1</a><b>unclosed <c>3</c>-->"),
        vec![
            ("a".to_owned(), "1".to_owned()),
            ("c".to_owned(), "3".to_owned())
        ]
    );
    assert!(founder_properties("<!--enpproperty <date>2022").is_empty());
    assert_eq!(
        without_fraction("2022-02-13 00:00:00:0"),
        "2022-02-13 00:00:00"
    );
    assert_eq!(without_fraction("2022-02-13 10:00"), "2022-02-13 10:00");
}

#[test]
fn microdata_and_release_date_beat_the_byline() {
    for meta in [
        r#"<meta itemprop="datePublished" content="2020-11-26 08:04">"#,
        r#"<meta property="og:release_date" content="2020-11-26 08:04">"#,
    ] {
        let (r, _) = read_page(&format!(
            "<html><head><title>港口吞吐量稳步回升</title>{meta}</head><body>\
             <h1>港口吞吐量稳步回升</h1><p>2020-11-18 转载自示例网</p></body></html>"
        ));
        assert_eq!(r.date_raw.as_deref(), Some("2020-11-26 08:04"), "{meta}");
    }
}

#[test]
fn chinese_byline_under_the_headline() {
    let (r, _) = read_page(
        r#"<html><head><title>港口吞吐量稳步回升_财经频道_示例网</title></head><body>
        <div class="nav">首页 | 财经 | 2023年1月1日 星期日</div>
        <h1>港口吞吐量稳步回升</h1>
        <div class="info">2022-05-08 18:46　来源：新华网　作者：李明　编辑：王芳</div>
        <p>正文第一段。</p></body></html>"#,
    );
    assert_eq!(r.title.as_deref(), Some("港口吞吐量稳步回升"));
    assert_eq!(r.date.unwrap().to_rfc3339(), "2022-05-08T18:46:00+08:00");
    assert_eq!(r.author.as_deref(), Some("李明"));
    let meta = r.meta.unwrap();
    assert_eq!(meta["来源"], "新华网");
    assert_eq!(meta["编辑"], "王芳");
}

#[test]
fn a_logo_in_an_h1_is_not_the_headline() {
    let page = |home: &str| {
        format!(
            "<html><head><title>港口吞吐量稳步回升 示例新闻网</title></head><body>\
             <h1>示例新闻网</h1>{home}<div class=title>港口吞吐量稳步回升</div>\
             <p>正文第一段。</p></body></html>"
        )
    };
    let (r, _) = read_page(&page(
        r#"<a class="brand" href="https://news.example.cn">示例新闻网</a>"#,
    ));
    assert_eq!(r.title.as_deref(), Some("港口吞吐量稳步回升"));
    // Nothing says the `<h1>` is the site's name: it stays the headline.
    let (r, _) = read_page(&page(""));
    assert_eq!(r.title.as_deref(), Some("示例新闻网"));
    // A page whose `<title>` is all the `<h1>` holds keeps it.
    let (r, _) = read_page(
        r#"<html><head><title>示例网 - 随笔</title></head><body>
        <h1><a href="/">示例网 - 随笔</a></h1></body></html>"#,
    );
    assert_eq!(r.title.as_deref(), Some("示例网 - 随笔"));
}

#[test]
fn a_site_name_first_and_longer_than_the_headline_is_not_kept() {
    // By length alone `St. Georgs Chorknaben Ulm` would be the headline; the page names
    // itself so (`og:site_name`), so the other part is.
    let (r, _) = read_page(
        r#"<html><head><title>St. Georgs Chorknaben Ulm - Geschichte</title>
        <meta property="og:site_name" content="St. Georgs Chorknaben Ulm"></head>
        <body><p>Der Chor wurde nach dem Krieg gegründet.</p></body></html>"#,
    );
    assert_eq!(r.title.as_deref(), Some("Geschichte"));
    // Without that word from the page, the longer part stays.
    let (r, _) = read_page(
        r#"<html><head><title>St. Georgs Chorknaben Ulm - Geschichte</title></head>
        <body><p>Der Chor wurde nach dem Krieg gegründet.</p></body></html>"#,
    );
    assert_eq!(r.title.as_deref(), Some("St. Georgs Chorknaben Ulm"));
}

#[test]
fn a_section_title_gives_way_to_the_headline_under_the_breadcrumb() {
    let (r, _) = read_page(
        r#"<html><head><title>通知公告_示例学院</title></head><body>
        <p>当前位置：<a href="/">首页</a> &gt; <a href="/tz/">通知公告</a></p>
        <h2>关于举办春季运动会的通知</h2><p>发布日期：2023-04-01　来源：学院办公室</p>
        <p>正文第一段。</p></body></html>"#,
    );
    assert_eq!(r.title.as_deref(), Some("关于举办春季运动会的通知"));
    assert_eq!(r.date_raw.as_deref(), Some("2023-04-01"));
}

#[test]
fn organisations_are_not_authors_when_the_byline_names_a_person() {
    let (r, _) = read_page(
        r#"<html><head><title>厕所革命改善人居环境_示例网</title><meta name="author" content="示例网络,示例日报"></head>
        <body><h1>厕所革命改善人居环境</h1><p>正文第一段。（记者 格桑）</p></body></html>"#,
    );
    assert_eq!(r.author.as_deref(), Some("格桑"));
    assert!(looks_like_organisation("www.example.cn,示例报业集团"));
    assert!(!looks_like_organisation("赵延东、风笑天"));
}

#[test]
fn zone_less_times_of_chinese_pages_are_beijing_time() {
    let guessed = PageZone::Guessed {
        encoding_offset: None,
    };
    let read = |raw: &str, chinese: bool| {
        read_date(raw, guessed, || {
            chinese.then(|| fixed_zone(BEIJING)).flatten()
        })
        .map(|(d, warn)| (d.to_rfc3339(), warn))
    };
    assert_eq!(
        read("2019-09-07 15:10:53", true),
        Some(("2019-09-07T15:10:53+08:00".into(), false))
    );
    // An English page's zone-less time stays UTC, with a warning.
    assert_eq!(
        read("2019-09-07 15:10:53", false),
        Some(("2019-09-07T15:10:53+00:00".into(), true))
    );
    // A time that names its zone keeps it, and warns of nothing.
    assert_eq!(
        read("2019-09-07T15:10:53-05:00", true),
        Some(("2019-09-07T15:10:53-05:00".into(), false))
    );
    // `--tz` wins over the guess.
    let given = PageZone::Given("+09:00".parse().unwrap());
    let (date, warn) = read_date("2019-09-07 15:10", given, || fixed_zone(BEIJING)).unwrap();
    assert_eq!(
        (date.to_rfc3339().as_str(), warn),
        ("2019-09-07T15:10:00+09:00", false)
    );
}

#[test]
fn chinese_pages_are_told_by_lang_host_or_title() {
    let doc = |html: &str| parse_for_metadata(html);
    let zh = doc(r#"<html lang="zh-CN"><head><title>Example</title></head></html>"#);
    assert!(written_in_chinese(&zh, None, Some("Example")));
    let en = doc("<html><head><title>Harbour traffic</title></head></html>");
    assert!(written_in_chinese(
        &en,
        Some("https://news.example.cn/a"),
        None
    ));
    assert!(written_in_chinese(&en, None, Some("港口吞吐量回升")));
    assert!(!written_in_chinese(
        &en,
        Some("https://example.com/a"),
        Some("Harbour traffic")
    ));
    // Neither lang, host nor title: the text tells, not the scripts around it.
    let blog = doc(
        "<html><head><title>Blog stats</title><script>var tracker = 'analytics';</script>\
         </head><body><h3>Blog统计</h3><p>今天下午去了城南的旧书店，买到两本五十年代的地图册。</p></body></html>",
    );
    assert!(written_in_chinese(&blog, None, Some("Blog统计")));
    let scripted = doc(
        "<html><head><title>Harbour traffic</title></head><body><script>var s = '港口吞吐量回升港口\
         吞吐量回升';</script><p>Harbour traffic rose again in May.</p></body></html>",
    );
    assert!(!written_in_chinese(
        &scripted,
        None,
        Some("Harbour traffic")
    ));
    // Japanese writes kana between its Han characters, and keeps UTC+9.
    let ja =
        doc("<html><body><p>東京の港では今月、貨物の取扱量が再び増えました。</p></body></html>");
    assert!(!written_in_chinese(&ja, None, Some("東京の港")));
}

#[test]
fn pages_in_a_language_of_one_zone_keep_its_time() {
    let doc = |html: &str| parse_for_metadata(html);
    let plain = doc("<html><head><title>x</title></head></html>");
    let ja = doc(r#"<html lang="ja"><head><title>Harbour</title></head></html>"#);
    assert_eq!(local_offset(&ja, None, Some("Harbour")), Some(TOKYO_SEOUL));
    assert_eq!(
        local_offset(&plain, None, Some("東京の港で貨物が増える")),
        Some(TOKYO_SEOUL)
    );
    assert_eq!(
        local_offset(&plain, Some("https://www.example.co.kr/a"), None),
        Some(TOKYO_SEOUL)
    );
    assert_eq!(
        local_offset(&plain, None, Some("부산항 물동량 다시 늘어")),
        Some(TOKYO_SEOUL)
    );
    assert_eq!(
        local_offset(&plain, None, Some("港口吞吐量回升")),
        Some(BEIJING)
    );
    assert_eq!(local_offset(&plain, None, Some("Harbour traffic")), None);
    // Thai, Burmese and Vietnamese are written in one zone each too.
    assert_eq!(
        local_offset(&plain, None, Some("ท่าเรือกรุงเทพ")),
        Some(7 * 3600)
    );
    assert_eq!(
        local_offset(&plain, None, Some("ရန်ကုန်ဆိပ်ကမ်း")),
        Some(6 * 3600 + 1800)
    );
    let vi = doc(r#"<html lang="vi-VN"><head><title>Cảng Hải Phòng</title></head></html>"#);
    assert_eq!(
        local_offset(&vi, None, Some("Cảng Hải Phòng")),
        Some(7 * 3600)
    );
    let en_gb = doc(r#"<html lang="en-GB"><head><title>Harbour</title></head></html>"#);
    assert_eq!(
        local_offset(&en_gb, Some("https://example.com/a"), None),
        None
    );
    // European clocks: a country's domain, else a language written under one clock only.
    let zone = |html: &str, url: Option<&str>| {
        local_zone(&doc(html), url, Some("Hafen")).map(|zone| match zone {
            Zone::Named(tz) => tz.name().to_owned(),
            Zone::Fixed(offset) => offset.to_string(),
        })
    };
    let de = r#"<html lang="de-AT"><head><title>Hafen</title></head></html>"#;
    let fr = r#"<html lang="fr"><head><title>Port</title></head></html>"#;
    let sv = r#"<html lang="sv"><head><title>Hamn</title></head></html>"#;
    assert_eq!(zone(de, None).as_deref(), Some("Europe/Berlin"));
    assert_eq!(
        zone(fr, Some("https://www.example.fr/a")).as_deref(),
        Some("Europe/Berlin")
    );
    assert_eq!(
        zone(fr, Some("https://news.example.co.uk/a")).as_deref(),
        Some("Europe/London")
    );
    assert_eq!(
        zone(sv, Some("https://example.fi/a")).as_deref(),
        Some("Europe/Helsinki")
    );
    // French, Swedish and English are written under other clocks too.
    assert_eq!(zone(fr, Some("https://example.com/a")), None);
    assert_eq!(zone(sv, None), None);
    assert_eq!(zone(r#"<html lang="en-GB"></html>"#, None), None);
    // A language of one zone comes first, by its fixed offset.
    let ja = r#"<html lang="ja"><head><title>Hafen</title></head></html>"#;
    assert_eq!(
        zone(ja, Some("https://example.de/a")).as_deref(),
        Some("+09:00")
    );

    // The encoding says it before the page is asked.
    let shift_jis = PageZone::Guessed {
        encoding_offset: crate::charset::zone_of(encoding_rs::SHIFT_JIS),
    };
    let (date, warn) = read_date("2018-06-18 10:01", shift_jis, || None).unwrap();
    assert_eq!(
        (date.to_rfc3339().as_str(), warn),
        ("2018-06-18T10:01:00+09:00", false)
    );
}

#[test]
fn forum_labels_and_page_numbers_leave_titles() {
    for (title, cut) in [
        (
            "社会资本、人力资本与下岗职工的再就业(页 1)",
            "社会资本、人力资本与下岗职工的再就业",
        ),
        ("老街改造后的第一个春天（第2页）", "老街改造后的第一个春天"),
        ("老街改造后的第一个春天_第3页", "老街改造后的第一个春天"),
        (
            "主题: 【太行山上】 【DVDSCR-RMVB】",
            "【太行山上】 【DVDSCR-RMVB】",
        ),
        ("标题：城南旧事", "城南旧事"),
        ("投身外交(3)", "投身外交(3)"),
        ("Apollo 13 (1995)", "Apollo 13 (1995)"),
        ("第2页", "第2页"),
        ("主题公园的夏天", "主题公园的夏天"),
    ] {
        assert_eq!(without_page_marks(title), cut, "{title}");
    }
}

#[test]
fn site_names_are_cut_from_titles() {
    assert_eq!(
        cut_site_name("港口吞吐量稳步回升_财经频道_示例网"),
        "港口吞吐量稳步回升"
    );
    assert_eq!(
        cut_site_name("Markets rally on rate hopes | Example Times"),
        "Markets rally on rate hopes"
    );
    assert_eq!(cut_site_name("Plain title"), "Plain title");
    assert_eq!(cut_site_name("标题_示例网"), "标题");
    assert_eq!(
        cut_site_name("Times | Markets rally on rate hopes"),
        "Markets rally on rate hopes"
    );
}
