//! Crawler JSON lines (`folio-parse --from jsonl`): one fetched page per line, its HTML in a
//! text field or as base64 bytes, its address in another. Keys folio does not know pass
//! through to the record unchanged; a crawler key that folio itself uses (`title`, `date`, …)
//! is kept under `meta` as `crawl.<key>` instead, so that the page's own metadata decides.

use base64::Engine;
use folio_model::driver::Notes;
use folio_model::record::is_known;
use folio_model::Record;
use scraper::Html;
use serde_json::{Map, Value};

use crate::{Document, ParseError, Parser};

/// Which fields of a crawler line hold what.
#[derive(Debug, Clone)]
pub struct CrawlFields {
    /// The page as text.
    pub html: String,
    /// The page as base64 bytes (decoded, then sniffed for its encoding like a file).
    pub base64: Option<String>,
    /// The address the page was fetched from.
    pub url: String,
}

impl Default for CrawlFields {
    fn default() -> Self {
        CrawlFields {
            html: "html".into(),
            base64: None,
            url: "url".into(),
        }
    }
}

impl Parser {
    /// Parses one crawler line from `source` (the file it came from, for `source.path`).
    pub fn parse_crawl_line(
        &self,
        line: &[u8],
        source: Option<&str>,
        notes: &mut Notes,
    ) -> Result<Record, ParseError> {
        self.crawl_line_with_page(line, source, notes)
            .map(|(record, _)| record)
    }

    /// As [`Parser::parse_crawl_line`], with the page's parsed tree.
    pub(crate) fn crawl_line_with_page(
        &self,
        line: &[u8],
        source: Option<&str>,
        notes: &mut Notes,
    ) -> Result<(Record, Html), ParseError> {
        let fields = &self.options.crawl;
        let mut obj = match serde_json::from_slice::<Value>(line) {
            Ok(Value::Object(obj)) => obj,
            Ok(other) => {
                return Err(ParseError::new(
                    None,
                    format!(
                        "expected a JSON object, found {}",
                        folio_model::jsonl::kind_of(&other)
                    ),
                ))
            }
            Err(err) => return Err(ParseError::new(None, format!("invalid JSON: {err}"))),
        };
        let url = obj
            .get(&fields.url)
            .and_then(Value::as_str)
            .map(str::to_owned);
        let content_type = content_type(&obj);
        let bytes = page_bytes(&mut obj, fields)?;
        let doc = Document::crawled(source.map(str::to_owned));
        let (mut record, page) = self.read_page(
            &doc,
            bytes.into(),
            url.as_deref(),
            content_type.as_deref(),
            notes,
        )?;
        obj.remove(&fields.url);
        pass_through(obj, &mut record);
        Ok((record, page))
    }
}

fn page_bytes(obj: &mut Map<String, Value>, fields: &CrawlFields) -> Result<Vec<u8>, ParseError> {
    if let Some(name) = &fields.base64 {
        if let Some(value) = obj.remove(name) {
            let Value::String(text) = value else {
                return Err(ParseError::new(
                    None,
                    format!("\"{name}\" must be a base64 string"),
                ));
            };
            let compact: String = text.split_whitespace().collect();
            return base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map_err(|err| {
                    ParseError::new(None, format!("\"{name}\": invalid base64: {err}"))
                });
        }
    }
    match obj.remove(&fields.html) {
        Some(Value::String(text)) => Ok(text.into_bytes()),
        Some(other) => Err(ParseError::new(
            None,
            format!(
                "\"{}\" must be a string, found {}",
                fields.html,
                folio_model::jsonl::kind_of(&other)
            ),
        )),
        None => Err(ParseError::new(
            None,
            format!("no \"{}\" field with the page", fields.html),
        )),
    }
}

/// `content_type`, `content-type`, or a `headers` object's `Content-Type`, any case.
fn content_type(obj: &Map<String, Value>) -> Option<String> {
    let find = |map: &Map<String, Value>| {
        map.iter()
            .find(|(k, _)| {
                k.eq_ignore_ascii_case("content-type") || k.eq_ignore_ascii_case("content_type")
            })
            .and_then(|(_, v)| v.as_str().map(str::to_owned))
    };
    find(obj).or_else(|| obj.get("headers").and_then(Value::as_object).and_then(find))
}

fn pass_through(obj: Map<String, Value>, record: &mut Record) {
    for (key, value) in obj {
        if is_known(&key) {
            record
                .meta
                .get_or_insert_with(Map::new)
                .insert(format!("crawl.{key}"), value);
        } else {
            record.extra.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use folio_model::Location;

    fn parse(line: &str, fields: CrawlFields) -> Result<Record, ParseError> {
        let parser = Parser::new(Options {
            crawl: fields,
            ..Options::default()
        });
        parser.parse_crawl_line(
            line.as_bytes(),
            Some("crawl.jsonl"),
            &mut Notes::new(Location::file("crawl.jsonl")),
        )
    }

    #[test]
    fn text_field_url_and_passthrough() {
        let r = parse(
            r#"{"url":"https://news.example.cn/a.html","html":"<html><head><title>标题_示例网</title></head><body><p>正文</p></body></html>","status":200,"title":"crawler's"}"#,
            CrawlFields::default(),
        )
        .unwrap();
        assert_eq!(r.url.as_deref(), Some("https://news.example.cn/a.html"));
        assert_eq!(r.title.as_deref(), Some("标题"));
        assert_eq!(r.extra["status"], 200);
        assert_eq!(r.meta.as_ref().unwrap()["crawl.title"], "crawler's");
        assert_eq!(r.folio_source().unwrap().kind.as_deref(), Some("page"));
    }

    #[test]
    fn base64_bytes_are_sniffed() {
        let page = encoding_rs::GBK.encode("<html><head><meta charset=gbk><title>中文页面标题</title></head><body></body></html>").0.into_owned();
        let b64 = base64::engine::general_purpose::STANDARD.encode(page);
        let fields = CrawlFields {
            base64: Some("body".into()),
            ..CrawlFields::default()
        };
        let r = parse(&format!(r#"{{"link":"x","body":"{b64}"}}"#), fields).unwrap();
        assert_eq!(r.title.as_deref(), Some("中文页面标题"));
        assert_eq!(r.folio_source().unwrap().encoding.as_deref(), Some("GBK"));
    }

    #[test]
    fn bad_lines() {
        assert!(parse("[1]", CrawlFields::default())
            .unwrap_err()
            .why
            .contains("found an array"));
        assert!(parse("{\"url\":\"u\"}", CrawlFields::default())
            .unwrap_err()
            .why
            .contains("no \"html\" field"));
        assert!(parse("{\"html\":3}", CrawlFields::default())
            .unwrap_err()
            .why
            .contains("must be a string"));
        let fields = CrawlFields {
            base64: Some("b".into()),
            ..CrawlFields::default()
        };
        assert!(parse("{\"b\":\"!!\"}", fields)
            .unwrap_err()
            .why
            .contains("invalid base64"));
    }
}
