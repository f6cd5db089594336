//! folio-parse on a post: front matter (YAML, TOML, JSON) and a Markdown or HTML body, read as
//! `folio-parse` reads a file it was given (the binary check first). An error is a rejected
//! document; only a panic, a hang or unbounded memory is a finding.
#![no_main]

use folio_model::driver::Notes;
use folio_model::Location;
use folio_parse::{Document, Parser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parser = Parser::default();
    // The extension picks the body's reading: Markdown, or HTML kept as it is.
    for name in ["post.md", "post.html"] {
        let mut doc = Document::stdin(data.to_vec());
        doc.path = Some(name.into());
        let mut notes = Notes::new(Location::file(name));
        let _ = parser.parse_document(&doc, &mut notes);
    }
});
