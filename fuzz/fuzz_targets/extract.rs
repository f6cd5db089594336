//! folio-extract on arbitrary HTML: the article of a whole page, written out as HTML and
//! built as a document of its own.
#![no_main]

use std::sync::OnceLock;

use folio_extract::{Extractor, Options};
use libfuzzer_sys::fuzz_target;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Options::default()).expect("word lists"))
}

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let url = Some("https://news.example.com/2024/05/10/story.html");
    let _ = extractor().extract(&html, url);
    let _ = extractor().extract_document(&html, url);
});
