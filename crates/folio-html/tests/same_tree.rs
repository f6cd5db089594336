//! The byte tokenizer must build the tree html5ever builds, node for node: checked on markup
//! written for each rule of the standard it implements, on the project's own fixture pages,
//! and on every page of the shared corpus and benchmark when they sit beside the repository.

use std::io::Read;
use std::path::{Path, PathBuf};

use folio_html::{
    fast_document, fast_fragment, html5ever_document, parse_document, parse_fragment,
};
use scraper::Html;

/// The tree of `html` by both tokenizers, as serialised markup plus the quirks mode; `None`
/// when the byte tokenizer leaves the page to html5ever.
fn both(html: &str) -> Option<(String, String)> {
    let fast = fast_document(html)?;
    let reference = html5ever_document(html);
    Some((
        format!("{:?}\n{}", fast.quirks_mode, fast.html()),
        format!("{:?}\n{}", reference.quirks_mode, reference.html()),
    ))
}

/// The same for `html` as a fragment, the content of a `<body>`.
fn both_as_fragment(html: &str) -> Option<(String, String)> {
    let fast = fast_fragment(html)?;
    let reference = Html::parse_fragment(html);
    Some((fast.html(), reference.html()))
}

/// Checks `html` as a document and as a fragment.
#[track_caller]
fn assert_same(html: &str) {
    let (fast, reference) = both(html)
        .unwrap_or_else(|| panic!("left to html5ever, expected the byte tokenizer: {html:?}"));
    assert_eq!(fast, reference, "for {html:?}");
    let (fast, reference) = both_as_fragment(html).unwrap();
    assert_eq!(fast, reference, "for {html:?} as a fragment");
}

#[test]
fn text_and_character_references() {
    for html in [
        "<p>plain text</p>",
        "<p>a &amp; b &lt;c&gt; &quot;d&quot; &nbsp;e</p>",
        "<p>&copy2024 &notit; &notin; &ampx &AMP; &NotEqualTilde;</p>",
        "<p>&nosuch; & b &; &#; &#x; &#xZ; &#65 &#x42; &#150; &#0; &#xD800; &#99999999999;</p>",
        "<p>a < b, c <3, d <> e, f </ g, h <</p>",
        "<p>中文 text, 全角　spaces, emoji 🎉</p>",
        "<pre>\nleading line feed</pre><textarea>\n\nkept</textarea>",
        "<pre>&#10;from a reference</pre>",
        "<p>trailing ampersand &",
        "<p>ends inside a tag <b",
        "<p>ends after less-than <",
        "<p>ends after end-tag open </",
    ] {
        assert_same(html);
    }
}

#[test]
fn tags_and_attributes() {
    for html in [
        r#"<DIV CLASS="A" Id='b' data-x=1 hidden>x</DIV>"#,
        r#"<a href="/p?a=1&b=2&copy=3&copy;=4&amp;c" title='&lt;t&gt;'>x</a>"#,
        r#"<a href=/p?a=1&copy=2&lt>x</a><a href=x&amp;y>y</a>"#,
        r#"<img src="a.png" alt="" /><br/><hr / ><input value="v"disabled>"#,
        r#"<p a=1 a=2 A=3 b>dupes</p><p =x "y z'=1 <w>odd names</p>"#,
        r#"<p a = "spaced" b= c =d>x</p><p a=>x</p><p a= >y</p>"#,
        r#"<div/class="x">self-closing slash then attribute</div>"#,
        r#"<span>a</span foo="bar"><b>b</b/>"#,
        r#"<a href="unterminated>text</a>"#,
        "<p a=\"line\nbreak\"\tb\x0cc>whitespace kinds</p>",
        "<b><i>misnested</b></i><table><tr><td>cell<p>para</table><p>after",
        "<ul><li>one<li>two</ul><dl><dt>t<dd>d</dl><select><option>a<option>b</select>",
        "<table>text fostered<tr><td>x</td></tr></table>",
        "<svg viewBox='0 0 1 1'><path d='M0 0'/><title>t</title><style>p{}</style><foreignObject><p>x</p></foreignObject></svg><math><mi>x</mi></math>",
        "<svg><![CDATA[ a < b ]]></svg><p><![CDATA[ in html ]]></p>",
    ] {
        assert_same(html);
    }
}

#[test]
fn many_attributes_on_one_tag_keep_the_first_of_each_name() {
    let attributes: String = (0..3000).map(|i| format!(" a{}={i}", i % 1000)).collect();
    assert_same(&format!(
        "<p{attributes}>x</p><p{}>y</p>",
        &attributes[..200]
    ));
    // Linear in the attributes: two hundred thousand on one tag are read in no time.
    let attributes: String = (0..200_000).map(|i| format!(" a{i}")).collect();
    let tree = fast_document(&format!("<p{attributes}>x</p>")).unwrap();
    let p = tree
        .select(&scraper::Selector::parse("p").unwrap())
        .next()
        .unwrap();
    assert_eq!(p.value().attrs().count(), 200_000);
}

#[test]
fn comments_doctypes_and_declarations() {
    for html in [
        "<!DOCTYPE html><p>x",
        "<!doctype HTML><p>x",
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><p>x"#,
        r#"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><p>x"#,
        r#"<!DOCTYPE html SYSTEM 'about:legacy-compat'><p>x"#,
        "<!DOCTYPE><p>quirks",
        "<!DOCTYPE HTML PUBLIC -//W3C//DTD HTML 4.01 Transitional//EN><p>unquoted, quirks",
        "<!DOCTYPE html PUBLIC><p>x",
        "<!DOCTYPE html BOGUS><p>x",
        "<!DOCTYPE html SYSTEM 'a' trailing><p>x",
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" trailing><p>x"#,
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN""sys"><p>x"#,
        r#"<!DOCTYPE html PUBLIC'-//W3C//DTD HTML 4.01 Frameset//EN'><p>x"#,
        "<!DOCTYPE html SYSTEM><p>x",
        "<p>no doctype, quirks",
        "<!-- c --><p>x<!----><!---><!-->y<!-- a -- b --><!-- a --!><!--a--!b--><!---x--><!--<!---->",
        "<?xml version='1.0'?><!x><!><p>y</ z><p>w</>",
    ] {
        assert_same(html);
    }
}

#[test]
fn raw_text_elements() {
    for html in [
        "<title>a &amp; <b>b</b></title><textarea>x &lt; <i>y</i></TEXTAREA >",
        "<style>p > a { x: '</p>' }</style ><p>after",
        "<script>if (a < b && c > d) { s = '</scr' + 'ipt>'; }</script><p>after",
        "<script><!-- document.write('<script>x</script>'); --></script><p>after",
        "<script><!-- a --></script><p>after<script><!--<script></script>--></script><p>end",
        "<script><!--<script>--></script>still script</script><p>after",
        "<script><!-- <script> </script> --></script><p>after",
        "<script><!----></script><p>a<script>--></script><p>b<script><!-- - -> --></script>",
        "<script>never closed <p>",
        "<noscript><img src=x></noscript><iframe><p>x</p></iframe><xmp><b></xmp><noembed>&amp;</noembed>",
        "<title>unclosed & title",
        "<p>x<plaintext><b>all & text</b></plaintext>",
    ] {
        assert_same(html);
    }
}

#[test]
fn what_it_leaves_to_html5ever_still_parses() {
    for html in [
        "<p>a\0b</p>",
        "<!-- never closed",
        "<!-- ends on dashes --",
        r#"<!DOCTYPE html PUBLIC "x>"#,
        "<!DOCTYPE html",
        "<!DOCTYPE html PUBLIC 'x' no end",
    ] {
        assert!(fast_document(html).is_none(), "{html:?}");
        assert_eq!(parse_document(html).html(), html5ever_document(html).html());
        assert!(fast_fragment(html).is_none(), "{html:?}");
        assert_eq!(
            parse_fragment(html).html(),
            Html::parse_fragment(html).html()
        );
    }
}

#[test]
fn line_ends_and_byte_order_mark() {
    assert_same("\u{feff}<p>a\r\nb\rc</p>\r\n<pre>\r\nx</pre><textarea>\r\n</textarea>");
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir` whose name ends with one of `suffixes`.
fn files(dir: &Path, suffixes: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, suffixes, out);
        } else if suffixes.iter().any(|s| path.to_string_lossy().ends_with(s)) {
            out.push(path);
        }
    }
}

/// The page's text: UTF-8, or else GB18030 (the benchmark's other encoding); gzip undone.
fn page_text(path: &Path) -> String {
    let mut bytes = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut inflated)
            .unwrap();
        bytes = inflated;
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => encoding_rs::GB18030.decode(err.as_bytes()).0.into_owned(),
    }
}

/// The HTML body of a post: what follows its YAML front matter.
fn post_body(path: &Path) -> String {
    let text = page_text(path);
    match text.strip_prefix("---") {
        Some(rest) => rest
            .split_once("\n---")
            .map_or(text.clone(), |(_, body)| body.to_owned()),
        None => text,
    }
}

/// Checks every file found, read by `read` and parsed by `both`; returns (files, files the
/// byte tokenizer took).
fn check_pages(
    pages: &[PathBuf],
    read: fn(&Path) -> String,
    both: fn(&str) -> Option<(String, String)>,
) -> (usize, usize) {
    let mut fast = 0;
    for path in pages {
        let html = read(path);
        if let Some((tree, reference)) = both(&html) {
            fast += 1;
            if tree != reference {
                let at = tree
                    .bytes()
                    .zip(reference.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(tree.len().min(reference.len()));
                let from = tree.floor_char_boundary(at.saturating_sub(120));
                panic!(
                    "{}: trees differ at byte {at}\n byte tokenizer: {:?}\n html5ever:      {:?}",
                    path.display(),
                    &tree[from..tree.floor_char_boundary((at + 120).min(tree.len()))],
                    &reference
                        [from..reference.floor_char_boundary((at + 120).min(reference.len()))],
                );
            }
        }
    }
    (pages.len(), fast)
}

#[test]
fn fixture_pages_give_html5evers_tree() {
    let mut pages = Vec::new();
    files(
        &root().join("tests/fixtures"),
        &[".html", ".htm"],
        &mut pages,
    );
    assert!(pages.len() >= 8, "fixture pages not found");
    let (all, fast) = check_pages(&pages, page_text, both);
    assert_eq!(fast, all, "every fixture page takes the byte tokenizer");
    let mut posts = Vec::new();
    files(&root().join("examples/posts"), &[".md"], &mut posts);
    files(&root().join("tests/fixtures"), &[".md"], &mut posts);
    assert!(posts.len() >= 5, "example posts not found");
    let (all, fast) = check_pages(&posts, post_body, both_as_fragment);
    assert_eq!(fast, all, "every example post takes the byte tokenizer");
}

#[test]
fn shared_pages_give_html5evers_tree() {
    let shared = root().join("../shared");
    let mut pages = Vec::new();
    files(&shared.join("corpus/pages"), &[".html", ".htm"], &mut pages);
    files(
        &shared.join("bench/sets"),
        &[".html.gz", ".html"],
        &mut pages,
    );
    if pages.is_empty() {
        eprintln!("../shared not found: the shared pages are not checked");
        return;
    }
    let (all, fast) = check_pages(&pages, page_text, both);
    eprintln!("{fast} of {all} shared pages took the byte tokenizer");
    // Nearly all pages must take the fast path, or the speed it exists for is lost.
    assert!(
        fast * 100 >= all * 95,
        "only {fast} of {all} pages took the byte tokenizer"
    );
    // Post bodies are parsed as fragments.
    let mut posts = Vec::new();
    files(&shared.join("corpus/posts"), &[".md", ".txt"], &mut posts);
    let (all, fast) = check_pages(&posts, post_body, both_as_fragment);
    eprintln!("{fast} of {all} shared posts took the byte tokenizer");
    assert!(
        fast * 100 >= all * 95,
        "only {fast} of {all} posts took the byte tokenizer"
    );
}

/// Pieces that markup is made of, dangerous ones included, for random documents.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "<", ">", "/", "/>", "!", "-", "--", "?", "=", "\"", "'", " ", "\t", "\n", "\r", "\r\n", "x",
    "中文", "&", "&amp;", "&amp", "&copy", "&notin", ";", "&#", "&#x", "41", "&#65;", "&#x4e2d;",
    "<p>", "</p>", "<p class=\"a\">", "<a href=x&y=1>", "</a>", "<b>", "</b>", "<i>", "<br>",
    "<div id='d'>", "</div>", "<table>", "<tr>", "<td>", "</table>", "<li>", "<ul>", "<select>",
    "<option>", "<pre>", "<textarea>", "</textarea>", "<title>", "</title>", "<style>",
    "</style>", "<script>", "</script>", "</script ", "<script", "<!--", "-->", "--!>", "<!-->",
    "<!DOCTYPE html>", "<svg>", "</svg>", "<math>", "<![CDATA[", "]]>", "<noscript>",
    "<iframe>", "<plaintext>", "<xmp>", "<frameset>", "<head>", "<body>", "<html>", "</html>",
    "<template>", "</template>", "<image>", "<font color=red>", "<h1>", "<form>",
    "<P CLASS=B>", "<A HREF='x' href=y>", "</P>", "<Script>", "</SCRIPT>", "<input value=a&b>",
    "<!doctype html public \"-//W3C//DTD HTML 4.01//EN\">", "<!DOCTYPE html SYSTEM 'x'>",
    "<!DOCTYPE html PUBLIC -//W3C//DTD//EN>", "<!DOCTYPE html PUBLIC 'a' 'b'>", "<!DOCTYPE x y>",
];

/// Random documents of those pieces (a fixed seed, so a failure repeats): wherever the byte
/// tokenizer takes one, its tree is html5ever's. `FOLIO_HTML_CASES=1000000` runs more.
#[test]
fn random_markup_gives_html5evers_tree() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut fast = 0;
    let cases = std::env::var("FOLIO_HTML_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4000);
    for _ in 0..cases {
        let len = 1 + next(40);
        let html: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        if let Some((tree, reference)) = both(&html) {
            fast += 1;
            assert_eq!(tree, reference, "for {html:?}");
        }
        if let Some((tree, reference)) = both_as_fragment(&html) {
            assert_eq!(tree, reference, "for {html:?} as a fragment");
        }
    }
    assert!(
        fast * 2 > cases,
        "only {fast} of {cases} random documents took the byte tokenizer"
    );
}
