//! folio-parse on a whole page's raw bytes: charset detection and decoding, then the title,
//! date, author and the rest read from the page. An input that opens with `{` is also read as
//! a crawler JSON line (`--from jsonl`), whose page comes as text or base64 with a
//! Content-Type of its own.
#![no_main]

use std::sync::OnceLock;

use folio_model::driver::Notes;
use folio_model::Location;
use folio_parse::{CrawlFields, Document, Options, Parser};
use libfuzzer_sys::fuzz_target;

const URL: &str = "https://news.example.com/2024/05/10/story.html";

fn crawler() -> &'static Parser {
    static PARSER: OnceLock<Parser> = OnceLock::new();
    PARSER.get_or_init(|| {
        Parser::new(Options {
            crawl: CrawlFields {
                base64: Some("body_b64".into()),
                ..CrawlFields::default()
            },
            ..Options::default()
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let doc = Document::crawled(None);
    let mut notes = Notes::new(Location::file("page.html"));
    let _ = Parser::default().parse_page(&doc, data, Some(URL), None, &mut notes);
    if data.first() == Some(&b'{') {
        let _ = crawler().parse_crawl_line(data, Some("crawl.jsonl"), &mut notes);
    }
});
