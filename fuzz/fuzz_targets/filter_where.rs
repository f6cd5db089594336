//! folio-filter's `--where` expressions: parsed, and when valid evaluated against a record
//! with every kind of field and against an empty one.
#![no_main]

use std::sync::OnceLock;

use folio_filter::Where;
use folio_model::date::Zone;
use folio_model::{jsonl, Record};
use libfuzzer_sys::fuzz_target;

const RECORD: &str = r#"{"id":"a1","url":"https://news.example.cn/2022/05/10/port.html","title":"港口吞吐量稳步回升","author":"示例财经","categories":["金融","宏观"],"tags":["port","trade"],"date":"2022-05-10T02:15:00Z","lang":"zh","text":"Ports were busy. 港口繁忙。","html":"<p>Ports were busy.</p>","meta":{"views":1234,"score":-0.5,"draft":false,"nested":{"list":[1,"two",null]}},"source":{"kind":"post","site":"news.example.cn"}}"#;

fn records() -> &'static [Record; 2] {
    static RECORDS: OnceLock<[Record; 2]> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let full = jsonl::parse_record(RECORD.as_bytes()).expect("the sample record");
        [full, Record::default()]
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(expr) = Where::parse(source, Zone::default()) {
        for record in records() {
            let _ = expr.eval(record);
        }
    }
});
