//! folio-clean on a record whose `html` is the input: a post body, or a whole page (one that
//! opens like a document) whose article is found first. The cleaned record is then written
//! out as the tool writes it, and must read back.
#![no_main]

use std::sync::OnceLock;

use folio_clean::{Cleaner, Options};
use folio_model::driver::Notes;
use folio_model::{jsonl, Location, Record};
use libfuzzer_sys::fuzz_target;

fn cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| {
        Cleaner::new(Options {
            explain: true,
            ..Options::default()
        })
        .expect("built-in rules")
    })
}

fuzz_target!(|data: &[u8]| {
    let record = Record {
        id: Some("fuzz".into()),
        url: Some("https://news.example.com/a.html".into()),
        html: Some(String::from_utf8_lossy(data).into_owned()),
        ..Record::default()
    };
    let mut notes = Notes::new(Location::file("<stdin>"));
    if let Ok(cleaned) = cleaner().clean(record, &mut notes) {
        let line = jsonl::encode(&cleaned);
        assert!(
            jsonl::parse_record(&line).is_ok(),
            "a cleaned record does not read back"
        );
    }
});
