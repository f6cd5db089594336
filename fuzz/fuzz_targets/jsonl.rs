//! folio-model's JSON-lines reader over arbitrary bytes: lines split and limited, each read as
//! a record; every record read is written out again, as the tools write them, and must read
//! back.
#![no_main]

use folio_model::jsonl::{self, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small limit, so that the skipping of over-long lines is reached too.
    for line in Reader::new(data, "fuzz.jsonl").max_line(64 << 10) {
        let Ok(line) = line else { continue };
        let Ok((record, html_json)) = jsonl::parse_record_keeping_html(&line.bytes) else {
            continue;
        };
        for out in [
            jsonl::encode(&record),
            jsonl::encode_keeping_html(&record, html_json),
        ] {
            if let Err(err) = jsonl::parse_record(&out) {
                panic!("a record written out does not read back: {err}");
            }
        }
    }
});
