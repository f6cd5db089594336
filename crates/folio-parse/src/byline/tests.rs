use super::dates::*;
use super::headline::*;
use super::*;
use crate::names::*;

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
    // After the last sentence, a link in it or not.
    assert_eq!(
        signed("<p>详见<a href=/x>公告</a>。（袁源）</p>").as_deref(),
        Some("袁源")
    );
    assert_eq!(signed("<p>正文。<br>（袁源）</p>").as_deref(), Some("袁源"));
    for html in [
        "<p>会见了两位来宾（周明、陈晓雨）。</p>",
        "<p>会见了两位来宾（周明、陈晓雨）</p>",
        "<p>故事讲到这里。（完）</p>",
        "<p>故事讲到这里。（未完待续）</p>",
        "<p>故事讲到这里。（新华社）</p>",
        "<p>故事讲到这里。（记者 张三）</p>",
        "<td><a href=/wiki/x>飞吧小射手</a>(第七季）</td>",
        "<p><b>城南旧事</b>（新版）</p>",
        "<p>存档于2016-12-25 <span title=x>（美国英语）</span></p>",
        "<li><img src=x.png><span>（朝鲜文）</span></li>",
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
        scraper::Selector::parse("h1, h2, .title, #title, [class*=title], [id*=title]").unwrap();
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
