//! The library's promises: any input gives an answer without panicking, the fragment keeps the
//! article's structure and nothing executable, host rules apply by host, bad selectors are
//! refused with a message that names them.

mod common;

use std::collections::HashMap;

use folio_extract::{Error, Extractor, HostRule, Options};

fn extractor() -> Extractor {
    Extractor::new(Options::default()).expect("extractor")
}

const STRUCTURED: &str = r#"<html><head><title>Field notes | Example</title><style>p{}</style></head><body>
<nav><a href="/">Home</a> <a href="/notes">Notes</a></nav>
<article class="post-body">
<p>The survey started at six, before the wind came up, and it went on until the light failed. <strong>Nine</strong> plots were counted, <em>three</em> more than last year.</p>
<h2>Method</h2>
<p onclick="track()" style="color:red">Each plot is a square of ten metres, marked with <a href="https://example.com/stakes">wooden stakes</a>, and counted twice by different people.</p>
<ul><li>first count at dawn</li><li>second count at noon</li></ul>
<table><tr><th>Plot</th><th>Plants</th></tr><tr><td>A</td><td>41</td></tr></table>
<blockquote><p>We counted slowly, and we counted twice, because the numbers matter more than the speed.</p></blockquote>
<pre><code>count = first + second</code></pre>
<figure><img src="/plot-a.jpg" alt="Plot A"><figcaption>Plot A in June, from the north corner.</figcaption></figure>
<script>track()</script>
<p>Next year the survey will start a week earlier, to catch the first flowers before they fade.</p>
</article>
<footer>© Example</footer>
</body></html>"#;

#[test]
fn any_input_gives_an_answer() {
    let ex = extractor();
    for input in [
        "",
        "   ",
        "<html></html>",
        "<p>",
        "plain words without any markup at all",
        "<<<>>>&&&",
        "<div><p>unclosed",
    ] {
        let _ = ex.extract(input, None);
        let _ = ex.extract(input, Some("not a url"));
    }
    assert_eq!(ex.extract("", None).html, "");
}

#[test]
fn the_fragment_keeps_structure_and_nothing_executable() {
    let extraction = extractor().extract(STRUCTURED, None);
    let html = &extraction.html;
    for tag in [
        "<p",
        "<strong>",
        "<em>",
        "<h2>",
        "<ul>",
        "<li>",
        "<table>",
        "<td>",
        "<blockquote>",
        "<pre>",
        "<code>",
        "<figure>",
        "<img",
        "<figcaption>",
        "<a href=\"https://example.com/stakes\"",
    ] {
        assert!(html.contains(tag), "{tag} missing from {html}");
    }
    for gone in [
        "<script",
        "<style",
        "onclick",
        "style=",
        "<nav",
        "Home",
        "© Example",
    ] {
        assert!(!html.contains(gone), "{gone} survived in {html}");
    }
}

#[test]
fn text_is_escaped_in_the_fragment() {
    let page = "<html><body><div class=\"content\"><p>Fish &amp; chips cost less than 5 &lt; 6, said the cook, and the queue grew longer every evening of the summer.</p></div></body></html>";
    let html = extractor().extract(page, None).html;
    assert!(
        html.contains("Fish &amp; chips") && html.contains("5 &lt; 6"),
        "{html}"
    );
}

#[test]
fn very_deep_pages_do_not_overflow() {
    let depth = 2000;
    let page = format!(
        "<html><body>{}<p>The text at the bottom of a very deep page is still found, with its sentence and its commas, all of it.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let text = common::visible_text(&extractor().extract(&page, None).html);
    assert!(text.contains("The text at the bottom"), "{text:.100}");
}

#[test]
fn a_host_rule_names_the_article_root() {
    let page = r#"<html><body><div class="teasers"><p>A long teaser paragraph about something else entirely, with commas, clauses, and more words than the note.</p><p>Another teaser, equally long, equally beside the point, written to pull the choice away.</p></div><div id="note"><p>The short note.</p></div></body></html>"#;
    let rule = HostRule {
        article: Some("#note".into()),
        drop: vec![],
    };
    let ex = Extractor::new(Options {
        hosts: HashMap::from([("example.org".to_string(), rule)]),
    })
    .expect("extractor");
    let ruled = common::visible_text(&ex.extract(page, Some("https://www.example.org/n/1")).html);
    assert_eq!(ruled, "The short note.");
    let other = common::visible_text(&ex.extract(page, Some("https://example.net/n/1")).html);
    assert!(
        other.contains("teaser"),
        "another host gets the algorithm: {other}"
    );
}

#[test]
fn bad_selectors_are_refused_by_name() {
    let rule = HostRule {
        article: None,
        drop: vec!["div[".into()],
    };
    let result = Extractor::new(Options {
        hosts: HashMap::from([("example.org".to_string(), rule)]),
    });
    match result {
        Err(err @ Error::Selector { .. }) => {
            let message = err.to_string();
            assert!(
                message.contains("example.org") && message.contains("div["),
                "{message}"
            );
        }
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a bad selector was accepted"),
    }
}

#[test]
fn removals_are_reported_with_their_rule() {
    let page = r#"<html><head><title>Harbour wall repaired</title></head><body><div class="article-content"><h1>Harbour wall repaired</h1>
<p>The harbour wall, broken in the March storm, was repaired this week, and the boats came back to their old moorings on Friday.</p>
<p>Builders worked through two weekends, and the council says the new stones will stand another hundred years of winter seas.</p>
<p>Copyright © 2023 Example Harbour News</p></div></body></html>"#;
    let extraction = extractor().extract(page, None);
    assert_eq!(
        extraction.title_in_body.as_deref(),
        Some("Harbour wall repaired")
    );
    let rules: Vec<&str> = extraction
        .removed
        .iter()
        .map(|(rule, _)| rule.as_str())
        .collect();
    assert!(
        rules.contains(&"headline") && rules.contains(&"notice"),
        "{rules:?}"
    );
    assert!(extraction
        .removed
        .iter()
        .any(|(_, text)| text.starts_with("Copyright")));
}

#[test]
fn the_extractor_is_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Extractor>();
}
