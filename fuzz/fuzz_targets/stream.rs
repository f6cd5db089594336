//! folio-parse on a stream of bytes as it reads stdin: told apart as a WARC archive (plain or
//! gzipped, one member per record), crawler JSON lines or one document, then every document
//! found read as the binary reads it. The WARC reader's bounds (header block, forged
//! `Content-Length`, records broken or cut short) and the HTTP response inside are reached
//! here.
#![no_main]

use folio_model::driver::{Feed, Notes};
use folio_parse::{documents_in, CrawlFields, Parser};
use libfuzzer_sys::fuzz_target;

/// Small, so that the limits are reached by inputs libFuzzer makes.
const MAX_BYTES: u64 = 64 << 10;

fuzz_target!(|data: &[u8]| {
    let parser = Parser::default();
    let stream = std::io::Cursor::new(data.to_vec());
    for feed in documents_in(stream, &CrawlFields::default(), MAX_BYTES) {
        if let Feed::Item(location, doc) = feed {
            let mut notes = Notes::new(location);
            let _ = parser.parse_document(&doc, &mut notes);
        }
    }
});
