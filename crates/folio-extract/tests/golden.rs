//! Golden tests on pages written for the hard cases of article extraction: many short
//! paragraphs, content split across sibling blocks, lists and tables inside the article,
//! headings inside it, deep nesting, `<br>`-separated text, a large comments section with a
//! related-links list, and a sidebar with more text than the article.

mod common;

use folio_extract::{Extractor, Options};

/// Runs the extractor on `<case>/page.html` and compares the headline, the removal rules and
/// the text with `<case>/expected.txt`.
fn golden(case: &str) -> String {
    let page = std::fs::read_to_string(common::fixture(&format!("{case}/page.html")))
        .expect("fixture page");
    let extractor = Extractor::new(Options::default()).expect("extractor");
    let extraction = extractor.extract(&page, Some("https://news.example.com/a/1.html"));
    let rules: Vec<&str> = extraction
        .removed
        .iter()
        .map(|(rule, _)| rule.as_str())
        .collect();
    let text = common::visible_text(&extraction.html);
    let report = format!(
        "headline: {}\nremoved: {}\n---\n{text}\n",
        extraction.title_in_body.as_deref().unwrap_or("-"),
        rules.join(", ")
    );
    common::assert_golden(&common::fixture(&format!("{case}/expected.txt")), &report);
    text
}

#[test]
fn many_short_paragraphs_are_all_kept() {
    let text = golden("short-paragraphs");
    assert!(text.starts_with("周五晚上，夜市又亮了。"));
    assert!(text.contains("夜市将每周开放三天。"));
    assert!(
        text.contains("责任编辑：李明"),
        "credit lines stay for folio-clean"
    );
    assert!(!text.contains("热门推荐") && !text.contains("ICP"));
}

#[test]
fn content_split_across_siblings_is_joined() {
    let text = golden("split-siblings");
    assert!(text.starts_with("For two hundred years"));
    assert!(text.contains("Rivers on flat ground wander"));
    assert!(text.ends_with("for another forty years."));
    assert!(!text.contains("Buy boots") && !text.contains("Most read"));
}

#[test]
fn an_article_set_in_repeated_entries_is_taken_whole() {
    // The puffin entry wins; the razorbill and fulmar entries around it are made the same
    // way and join it, while the entry that carries a headline of its own is another article.
    let text = golden("repeated-entries");
    assert!(text.starts_with("Razorbill"), "{text:.80}");
    assert!(text.contains("Puffins come back to the island"));
    assert!(text.contains("Walkers are asked to keep to the marked path"));
    assert!(text.ends_with("whoever comes too near."), "{text}");
    assert!(!text.contains("waders of the estuary") && !text.contains("Curlews"));
    assert!(!text.contains("Tide tables") && !text.contains("All rights reserved"));
}

#[test]
fn lists_and_tables_inside_the_article_stay() {
    let text = golden("lists-tables");
    assert!(text.contains("shallow wooden crates"));
    assert!(text.contains("Late keeper"));
    assert!(text.contains("Check the crates every week"));
    assert!(
        !text.contains("Share on")
            && !text.contains("Related posts")
            && !text.contains("Pruning old trees")
    );
}

#[test]
fn headings_inside_the_article_stay_and_the_headline_goes() {
    let text = golden("headings");
    assert!(text.contains("选盆和土") && text.contains("关于底肥") && text.contains("收获"));
    assert!(
        !text.contains("一份写给新手的种菜指南"),
        "the headline is returned apart"
    );
    assert!(!text.contains("发表评论") && !text.contains("ICP"));
}

#[test]
fn a_page_that_sets_every_heading_in_h1_keeps_its_sections() {
    let text = golden("h1-sections");
    assert!(text.starts_with("Two summers ago"), "{text:.80}");
    for heading in [
        "Choosing the corner",
        "Water before anything else",
        "The first harvest",
    ] {
        assert!(text.contains(&format!("{heading}\n")), "{heading}: {text}");
    }
    assert!(!text.contains("Keeping bees on a city roof"));
    assert!(
        !text.contains("Thanks for reading"),
        "a lone h1 under the article"
    );
}

#[test]
fn opening_paragraphs_outside_the_wrapper_of_the_rest_are_kept() {
    // The class names say nothing (hashed, as CSS modules write them): the opening stands
    // beside the wrapper that holds a "Read more" button, an ad slot and the rest.
    let text = golden("read-more");
    assert!(
        text.starts_with("The sleeper service between"),
        "{text:.80}"
    );
    assert!(text.contains("two rebuilt carriages"));
    assert!(text.contains("Tickets go on sale next week."));
    assert!(text.ends_with("the old service skipped."), "{text}");
    assert!(!text.contains("Read more") && !text.contains("About us"));
}

#[test]
fn a_signup_form_longer_than_the_article_is_not_taken() {
    // folio-clean takes every form out of an article: chosen, the form left nothing.
    let text = golden("signup-form");
    assert!(text.starts_with("La préfecture a levé jeudi"), "{text:.80}");
    assert!(text.ends_with("en aval du vieux moulin."), "{text}");
    assert!(!text.contains("formulaire"));
}

#[test]
fn an_abstract_far_above_the_body_joins_it() {
    // A long list of authors stands between the abstract under the headline and the body
    // that wins: the abstract starts the story and is taken in front of it.
    let text = golden("lede-far");
    assert!(
        text.starts_with("Abstract\n\nThree years of pressure readings"),
        "{text:.80}"
    );
    assert!(text.contains("Every spring, the estuary fills"));
    assert!(text.ends_with("pay for themselves quickly."), "{text}");
    assert!(!text.contains("ORCID") && !text.contains("Hydrology, Koblenz"));
}

#[test]
fn the_article_body_the_page_marks_beats_a_longer_comment_thread() {
    // No class name says which is which; `itemprop="articleBody"` does.
    let text = golden("marked-body");
    assert!(text.starts_with("Der Stadtrat lässt prüfen"), "{text:.80}");
    assert!(text.ends_with("im kommenden Frühjahr."), "{text}");
    assert!(!text.contains("Kommentare") && !text.contains("Antworten"));
}

#[test]
fn the_pages_one_article_element_beats_a_longer_teaser_stream() {
    let text = golden("one-article");
    assert!(text.starts_with("The moor will become"), "{text:.80}");
    assert!(text.ends_with("from any town nearby."), "{text}");
    assert!(!text.contains("ferry") && !text.contains("Valley Courier"));
}

#[test]
fn a_comment_thread_known_by_its_heading_loses_to_a_shorter_article() {
    // No name says "comments": the heading does ("6 Comments").
    let text = golden("comment-thread");
    assert!(text.starts_with("Where the season is short"), "{text:.80}");
    assert!(text.ends_with("the fruit already there."), "{text}");
    assert!(!text.contains("Comments") && !text.contains("marlow_k"));
}

#[test]
fn a_thread_heading_under_the_article_ends_it() {
    let text = golden("thread-below");
    assert!(text.starts_with("Die Dielen stammen"), "{text:.80}");
    assert!(text.ends_with("im Sommer gearbeitet hat."), "{text}");
    assert!(!text.contains("Kommentare") && !text.contains("Leinöl"));
}

#[test]
fn deep_nesting_is_walked() {
    let text = golden("deep-nesting");
    assert!(text.starts_with("The lamp is lit at dusk"));
    assert!(text.ends_with("still turning."));
    assert!(!text.contains("Privacy"));
}

#[test]
fn br_separated_text_is_one_block() {
    let text = golden("br-text");
    assert!(text.contains("老街拐角有一家修表铺"));
    assert!(text.contains("就一直做下去。"));
    assert!(!text.contains("社会万象") && !text.contains("版权所有"));
}

#[test]
fn comments_and_related_links_go() {
    let text = golden("comments-related");
    assert!(text.starts_with("本报讯"));
    assert!(text.contains("责任编辑：王芳"));
    for gone in [
        "相关新闻",
        "加装电梯",
        "网友评论",
        "第3楼",
        "分享到",
        "热门推荐",
        "ICP",
        "版权所有",
    ] {
        assert!(!text.contains(gone), "{gone:?} survived");
    }
}

#[test]
fn a_longer_sidebar_does_not_win() {
    let text = golden("sidebar-longer");
    assert!(text.starts_with("Starting next month"));
    assert!(!text.contains("Reading list"));
}

#[test]
fn a_longer_market_data_disclaimer_does_not_win() {
    let text = golden("disclaimer-longer");
    assert!(text.starts_with("Wheat and maize prices fell"));
    assert!(text.ends_with("within weeks."));
    assert!(!text.contains("Market data") && !text.contains("Cookies"));
}

#[test]
fn a_longer_cookie_notice_does_not_win() {
    let text = golden("cookie-notice");
    assert!(text.starts_with("A header in the last minute"));
    assert!(text.ends_with("the last ten minutes."));
    assert!(!text.contains("cookies") && !text.contains("privacy"));
}

#[test]
fn a_longer_customer_service_box_does_not_win() {
    let text = golden("service-box");
    assert!(text.starts_with("The first trams crossed"));
    assert!(text.ends_with("at peak times."));
    assert!(!text.contains("customer service") && !text.contains("subscription"));
}

#[test]
fn an_article_only_in_json_ld_is_found_there() {
    let text = golden("json-ld-only");
    assert!(text.starts_with("Night trains will run on the northern line"));
    assert!(text.ends_with("holds through the winter."));
    assert!(!text.contains("Loading"));
}

#[test]
fn an_article_in_sections_that_score_apart_is_whole() {
    let text = golden("spread-sections");
    assert!(text.starts_with("When the winter storm broke"));
    assert!(text.contains("A wall of old stone") && text.contains("The ferry is back"));
    assert!(text.ends_with("without a ferry."));
    assert!(!text.contains("a monthly of the northern islands"));
}

#[test]
fn an_article_hidden_until_a_script_shows_it_is_found() {
    let text = golden("hidden-article");
    assert!(text.starts_with("The old orchard above the village"));
    assert!(text.ends_with("go on sale at the gate."));
    assert!(!text.contains("Loading"));
}

#[test]
fn a_longer_block_the_description_does_not_speak_of_loses() {
    // Another story outweighs the article; the page's description is the article's lede.
    let text = golden("described-elsewhere");
    assert!(text.starts_with("The island ferry will run four crossings"));
    assert!(text.contains("review the timetable in January"));
    assert!(!text.contains("orchard growers"));
}

#[test]
fn the_standfirst_under_the_headline_opens_the_article() {
    let text = golden("standfirst");
    // Dropped with the story's header, it comes back as the first paragraph.
    assert!(text.starts_with("When the last mill closed"), "{text}");
    assert!(text.ends_with("between the rows."), "{text}");
    // The deck set with the headline, and the photograph's caption, are not the story.
    assert!(!text.contains("A summary set beside"), "{text}");
    assert!(!text.contains("Rows of old trees"), "{text}");
}

#[test]
fn a_page_built_by_scripts_is_read_from_its_noscript() {
    let text = golden("noscript-only");
    assert!(text.starts_with("Posted by the river group"), "{text}");
    assert!(text.ends_with("on hot afternoons."), "{text}");
    assert!(!text.contains("Loading"), "{text}");
}

#[test]
fn a_list_of_items_inside_the_article_stays() {
    let text = golden("list-of-changes");
    // Its items hold a paragraph, so the list is scored, and a list starts below zero.
    assert!(
        text.contains("a first crossing at six in the morning"),
        "{text}"
    );
    assert!(
        text.contains("fares raised in two steps over the year"),
        "{text}"
    );
    assert!(
        text.contains("for season tickets and the freight rate."),
        "{text}"
    );
    assert!(text.ends_with("described on the ferries page."), "{text}");
    assert!(!text.contains("Lost property"), "{text}");
}

#[test]
fn an_article_that_is_a_list_of_links_is_taken_from_its_article_element() {
    let text = golden("link-roll");
    // Every line is a link or mostly one, so scoring finds next to nothing; the page's own
    // `<article>` holds it.
    assert!(
        text.contains("Why the spring tides came early this year"),
        "{text}"
    );
    assert!(
        text.contains("A bakery that opens at four in the morning"),
        "{text}"
    );
    assert!(!text.contains("readers like this"), "{text}");
    assert!(!text.contains("Privacy"), "{text}");
}

#[test]
fn an_article_of_list_items_in_the_marked_body_beats_a_reply_below_it() {
    let text = golden("list-article");
    // Not one paragraph in the `<article>`, so scoring inside it finds next to nothing: the
    // `<article>` whole stands, not the one long reply outside it.
    assert!(text.contains("Highlights"), "{text}");
    assert!(
        text.contains("cuts the time to build a world map by about a third."),
        "{text}"
    );
    assert!(
        text.ends_with("inside a container with a read-only disk."),
        "{text}"
    );
    assert!(!text.contains("Rolf Dahlberg"), "{text}");
}

#[test]
fn a_comment_thread_longer_than_the_article_ends_it() {
    // The thread's heading stands before the middle of the block, under an article's worth
    // of text: in one block with the article, and as a block joined beside it.
    for (case, byline, last, first_reply, last_reply) in [
        (
            "thread-inside",
            "By Tomás Reilly",
            "what its grant has bought.",
            "Nell Fairbairn",
            "P. Ostrowski",
        ),
        (
            "long-thread",
            "By Marta Lindqvist",
            "a repair that has since been made.",
            "Gwen Harper",
            "H. Brandt",
        ),
    ] {
        let text = golden(case);
        assert!(text.starts_with(byline), "{case}: {text}");
        assert!(text.ends_with(last), "{case}: {text}");
        assert!(!text.contains("comments"), "{case}: {text}");
        assert!(!text.contains(first_reply), "{case}: {text}");
        assert!(!text.contains(last_reply), "{case}: {text}");
    }
    // Above the thread, a list of related posts set before the middle goes with it.
    let text = golden("thread-inside");
    assert!(!text.contains("Related posts"), "{text}");
    assert!(!text.contains("cake sales"), "{text}");
}

#[test]
fn a_counted_thread_on_a_page_laid_out_in_a_table_ends_the_article() {
    // "《…》已有2条评论": the post's title, then the count; the page is one table, so the
    // heading sits in a cell, but not a cell of its own.
    let text = golden("table-thread");
    assert!(text.contains("清明前后，山城东坡的茶园"), "{text}");
    assert!(text.ends_with("为明年春茶打好基础。"), "{text}");
    assert!(!text.contains("条评论"), "{text}");
    assert!(!text.contains("老茶客"), "{text}");
}

#[test]
fn a_short_post_the_description_quotes_beats_a_longer_comment_below_it() {
    // No name tells post from comment; the description opens with the post's words.
    let text = golden("short-post");
    assert!(text.starts_with("Diesmal haben wir im Keller"), "{text}");
    assert!(text.ends_with("Viel Spaß beim Hören!"), "{text}");
    assert!(!text.contains("Bügeln"), "{text}");
}

#[test]
fn verse_the_description_quotes_beats_a_shorter_appeal() {
    // Lines without a sentence score as next to nothing; the appeal below them is prose but
    // shorter, and the description quotes the verse.
    let text = golden("verse-described");
    assert!(text.starts_with("Haul away the morning tide"), "{text}");
    assert!(text.ends_with("And every hand is home"), "{text}");
    assert!(!text.contains("Thank you for visiting"), "{text}");
}

#[test]
fn a_chinese_pager_goes_and_a_dateline_of_numbers_stays() {
    let text = golden("zh-pager");
    assert!(text.starts_with("2024.03.05"), "{text}");
    assert!(text.ends_with("再征求意见。"), "{text}");
    for pager in ["[1]", "上一篇", "下一页"] {
        assert!(!text.contains(pager), "{pager}: {text}");
    }
}

#[test]
fn a_page_whose_body_holds_no_article_gives_its_description() {
    let text = golden("description-only");
    assert!(
        text.starts_with("A torn sail need not end the season"),
        "{text}"
    );
    assert!(!text.contains("browser"), "{text}");
}

#[test]
fn a_tail_label_with_an_accented_capital_ends_the_article() {
    let text = golden("tail-label-accented");
    assert!(text.starts_with("Nach zwei Wintern ohne Wasser"), "{text}");
    assert!(text.contains("wie früher abgedeckt."), "{text}");
    for gone in ["Ähnliche Beiträge", "Linde vor dem Rathaus", "Bibliothek"] {
        assert!(!text.contains(gone), "{gone:?} left in {text}");
    }
}

#[test]
fn a_like_button_and_post_links_under_a_blog_post_go() {
    let text = golden("blog-tail");
    assert!(text.starts_with("The dry-stone wall"), "{text}");
    assert!(text.contains("found a gap to nest in."), "{text}");
    for gone in ["Like this", "Loading", "Previous post", "first frost"] {
        assert!(!text.contains(gone), "{gone:?} left in {text}");
    }
}

#[test]
fn linked_words_in_prose_stay_whatever_the_link_is_named() {
    let text = golden("linked-words");
    for kept in [
        "kept by Edith Marrow at the north point",
        "what the sea birds were doing",
        "on loan to the harbour museum, where",
    ] {
        assert!(text.contains(kept), "{kept:?} missing from {text}");
    }
    for gone in ["More from the coast", "Tide tables", "printed on the shore"] {
        assert!(!text.contains(gone), "{gone:?} left in {text}");
    }
}

#[test]
fn a_live_ticker_in_the_sidebar_is_no_part_of_a_shorter_article() {
    let text = golden("live-sidebar");
    assert!(text.contains("Growers in the upper valley"), "{text}");
    assert!(text.contains("is so uneven."), "{text}");
    for gone in [
        "Live",
        "06:10",
        "The ferry across the estuary",
        "summer fair",
    ] {
        assert!(!text.contains(gone), "{gone:?} left in {text}");
    }
}

#[test]
fn a_heading_over_nothing_but_links_ends_the_article_in_any_language() {
    let text = golden("links-heading");
    assert!(text.starts_with("Den nya färjan"), "{text}");
    for kept in ["kan lägga till även vid lågvatten.", "Text: Karin Holm"] {
        assert!(text.contains(kept), "{kept:?} missing from {text}");
    }
    for gone in ["Läs mer", "Isen släpper sent", "Sommarens båtturer"] {
        assert!(!text.contains(gone), "{gone:?} left in {text}");
    }
}

#[test]
fn a_german_wordpress_tail_ends_the_article_without_names() {
    // "Beliebte Beiträge zum Thema:" over a related list and WordPress.com's German
    // "Kommentar verfassen" over the comment form, in elements named for nothing.
    let text = golden("wordpress-de");
    assert!(text.starts_with("Nach drei Wochen im Dock"), "{text}");
    assert!(
        text.ends_with("den Wind auf der Brücke am frühen Morgen."),
        "{text}"
    );
    for gone in ["Beliebte", "Watt", "Kommentar", "angemeldet"] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
}

#[test]
fn a_thread_in_a_list_of_its_own_under_a_counted_heading_is_no_article() {
    // The replies outweigh the post, and no name says what they are: the heading before
    // their list ("5 Gedanken zu „…“", WordPress's German "5 thoughts on") does.
    let text = golden("thread-list");
    assert!(text.starts_with("Der alte Brunnen im Hof"), "{text:.80}");
    assert!(
        text.contains("ohne dass eine der alten Muffen bricht."),
        "{text}"
    );
    assert!(
        !text.contains("Gedanken zu") && !text.contains("Dreibein"),
        "{text}"
    );
}

#[test]
fn a_responses_panel_before_the_article_block_leaves_it_the_article() {
    // The heading of an (empty) panel of responses stands before the block that holds the
    // headline and the article: that block is no thread.
    let text = golden("responses-panel");
    assert!(
        text.starts_with("The tables printed each winter"),
        "{text:.80}"
    );
    assert!(text.ends_with("as much as of the sea."), "{text}");
}

#[test]
fn a_section_anchored_by_its_heading_is_not_named_by_it() {
    // `id="sharing-the-load-between-two-rowers"` is the heading's text made an anchor, as
    // documentation generators write them: "sharing" says nothing of the block.
    let text = golden("doc-sections");
    assert!(text.starts_with("A pair is the hardest boat"), "{text:.80}");
    assert!(text.contains("Swap seats every second outing"), "{text}");
    assert!(text.ends_with("once the boat is moving."), "{text}");
}

#[test]
fn a_gallery_counter_goes_with_the_gallery_controls() {
    let text = golden("gallery-counter");
    assert!(
        text.starts_with("After two years in a workshop"),
        "{text:.80}"
    );
    assert!(text.ends_with("kept for the town."), "{text}");
    assert!(!text.contains("of 3"), "{text}");
}

#[test]
fn a_lead_paragraph_in_the_headlines_header_opens_the_article() {
    // The lead shares the header with the headline, the kicker, a one-line deck and the
    // byline; it is a paragraph of prose, so it joins the body, while the deck does not.
    let text = golden("lead-in-header");
    assert!(text.starts_with("A thick layer of snow"), "{text:.80}");
    assert!(text.contains("Wet snow can weigh three times"));
    assert!(!text.contains("What owners should know") && !text.contains("Hanna Lindqvist"));
}

#[test]
fn a_lead_the_body_repeats_is_not_joined_twice() {
    // The header's summary is the body's first paragraph word for word.
    let text = golden("lead-repeated");
    assert_eq!(text.matches("After three winters").count(), 1, "{text}");
    assert!(text.contains("Fares stay as they were"));
}

#[test]
fn opening_paragraphs_in_blocks_of_their_own_join_the_body() {
    // Each opening paragraph in a `<div>` of its own, a related list, then the rest in one
    // block: the body scores alone, and the openers join it as the paragraphs they are.
    let text = golden("paragraph-blocks");
    assert!(
        text.starts_with("The old harbour crane lifted"),
        "{text:.80}"
    );
    assert!(text.contains("two fitters will stay on call"), "{text}");
    assert!(text.ends_with("has earned its keep.\""), "{text}");
    assert!(!text.contains("Winter timetable"), "{text}");
}

#[test]
fn comments_named_after_the_article_are_comments() {
    // `article_footer_comments`, `article_comment_item`: the comment word comes last.
    let text = golden("article-comments");
    assert!(
        text.starts_with("After three winters of buckets"),
        "{text:.80}"
    );
    assert!(text.ends_with("new chairs for the hall."), "{text}");
    for gone in ["responses", "hilltop_jo", "carol concert"] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
}

#[test]
fn lines_of_links_after_the_article_go() {
    // A teaser and a label with a link end the article; the report's address and the
    // reporter's linked name above them stay.
    let text = golden("link-lines");
    assert!(
        text.starts_with("The night market that filled"),
        "{text:.80}"
    );
    assert!(text.ends_with("Nadia Okafor"), "{text}");
    assert!(
        text.contains("https://council.example.org/reports/depot"),
        "{text}"
    );
    for gone in ["pictures of the week", "Also read", "Inside the depot"] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
}

#[test]
fn an_icon_fonts_glyphs_are_no_text() {
    // A magnifier drawn by the letter "S", a ligature's name (`arrow_forward`).
    let text = golden("icon-glyphs");
    assert!(
        text.starts_with("The logbook kept by the last keeper"),
        "{text:.80}"
    );
    assert!(text.contains("the keeper left."), "{text}");
    for gone in ["\nS\n", "arrow_forward"] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
}

#[test]
fn what_a_framework_class_hides_is_no_text() {
    // `hidden`, `hide`, `is-hidden`: hidden on every screen; `d-none d-md-inline` shows on a
    // wide one and stays.
    let text = golden("hidden-classes");
    assert!(
        text.starts_with("The island ferry will sail four times"),
        "{text:.80}"
    );
    assert!(text.contains("Cyclists still travel free"), "{text}");
    assert!(text.ends_with("through the winter."), "{text}");
    for gone in [
        "Transport and Travel",
        "Loading the next article",
        "already on our list",
    ] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
}

#[test]
fn a_list_of_other_stories_inside_the_article_is_left_out() {
    // `paragraph--type--recommended-articles`, `field--name-field-related-articles`: the
    // content word after the word of other stories names those stories, so the teasers set
    // among the article's own blocks do not join it.
    let text = golden("related-inside");
    assert!(text.starts_with("Der Fischmarkt verlässt"), "{text:.80}");
    assert!(text.ends_with("kommt der Donnerstag dazu."), "{text}");
    for gone in ["Mehr aus dem Hafen", "Fähre", "Leuchtturm", "Quoten"] {
        assert!(!text.contains(gone), "{gone:?} survived: {text}");
    }
}
