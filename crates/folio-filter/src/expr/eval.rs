//! Evaluating a `--where` expression against one record.

use std::cmp::Ordering;

use folio_model::date::{self, Zone};
use folio_model::Record;
use serde_json::Value;

use super::{Expr, Operand};

pub fn eval(expr: &Expr, record: &Record, zone: &Zone) -> bool {
    match expr {
        Expr::Or(terms) => terms.iter().any(|t| eval(t, record, zone)),
        Expr::And(terms) => terms.iter().all(|t| eval(t, record, zone)),
        Expr::Not(inner) => !eval(inner, record, zone),
        Expr::Compare(left, op, right) => {
            let (a, b) = (value(left, record), value(right, record));
            compare(&a, op, &b, zone)
        }
        Expr::In(left, right) => {
            let (needle, hay) = (value(left, record), value(right, record));
            let Value::Array(items) = hay else {
                return equal(&needle, &hay, zone);
            };
            match needle {
                Value::Array(found) => found
                    .iter()
                    .any(|f| items.iter().any(|i| equal(f, i, zone))),
                one => items.iter().any(|i| equal(&one, i, zone)),
            }
        }
        Expr::Contains(left, right) => contains(&value(left, record), &value(right, record), zone),
        Expr::Matches(left, regex) => match value(left, record) {
            Value::String(s) => regex.is_match(&s),
            Value::Array(items) => items
                .iter()
                .any(|i| i.as_str().is_some_and(|s| regex.is_match(s))),
            _ => false,
        },
        Expr::Truthy(operand) => truthy(&value(operand, record)),
    }
}

fn value(operand: &Operand, record: &Record) -> Value {
    match operand {
        Operand::Literal(v) => v.clone(),
        Operand::Path(path) => lookup(record, path).unwrap_or(Value::Null),
        Operand::List(items) => Value::Array(items.iter().map(|i| value(i, record)).collect()),
        Operand::Len(path) => Value::from(match lookup(record, path) {
            Some(Value::String(s)) => s.chars().count(),
            Some(Value::Array(a)) => a.len(),
            Some(Value::Object(o)) => o.len(),
            Some(Value::Null) | None => 0,
            Some(_) => 1,
        }),
        Operand::Exists(path) => Value::Bool(lookup(record, path).is_some_and(|v| !v.is_null())),
    }
}

/// The value at a field path (`meta.source`, `credits.editor`, `tags.0`) of the record's JSON.
/// Only the first segment's field is turned into JSON, so a path into `meta` never copies `html`.
pub fn lookup(record: &Record, path: &[String]) -> Option<Value> {
    let (first, rest) = path.split_first()?;
    let mut current = field(record, first)?;
    for segment in rest {
        current = match current {
            Value::Object(mut map) => map.remove(segment)?,
            Value::Array(mut items) => {
                let index: usize = segment.parse().ok()?;
                (index < items.len()).then(|| items.swap_remove(index))?
            }
            _ => return None,
        };
    }
    Some(current)
}

fn field(record: &Record, name: &str) -> Option<Value> {
    let json = |v: Result<Value, serde_json::Error>| v.ok();
    let value = match name {
        "id" => record.id.clone().map(Value::String),
        "url" => record.url.clone().map(Value::String),
        "title" => record.title.clone().map(Value::String),
        "author" => record.author.clone().map(Value::String),
        "text" => record.text.clone().map(Value::String),
        "lang" => record.lang.clone().map(Value::String),
        "html" => record.html.clone().map(Value::String),
        "summary" => record.summary.clone().map(Value::String),
        "image" => record.image.clone().map(Value::String),
        "date_raw" => record.date_raw.clone().map(Value::String),
        "original_title" => record.original_title.clone().map(Value::String),
        "date" => record.date.map(|d| Value::String(d.to_rfc3339())),
        // Empty lists are omitted from the JSON, so they do not exist here either.
        "categories" => {
            (!record.categories.is_empty()).then(|| Value::from(record.categories.clone()))
        }
        "tags" => (!record.tags.is_empty()).then(|| Value::from(record.tags.clone())),
        "meta" => record.meta.clone().map(Value::Object),
        "source" => record
            .source
            .as_ref()
            .and_then(|s| json(serde_json::to_value(s))),
        "credits" => record
            .credits
            .as_ref()
            .and_then(|c| json(serde_json::to_value(c))),
        "blocks" => record
            .blocks
            .as_ref()
            .and_then(|b| json(serde_json::to_value(b))),
        "removed" => record
            .removed
            .as_ref()
            .and_then(|r| json(serde_json::to_value(r))),
        "stages" => json(serde_json::to_value(&record.stages)),
        other => record.extra.get(other).cloned(),
    };
    value.filter(|v| !v.is_null())
}

/// Whether a value counts as true on its own: not null, false, 0, "" or empty.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn compare(a: &Value, op: &str, b: &Value, zone: &Zone) -> bool {
    match op {
        "==" => equal(a, b, zone),
        "!=" => !equal(a, b, zone),
        _ => match order(a, b, zone) {
            Some(ord) => match op {
                "<" => ord == Ordering::Less,
                "<=" => ord != Ordering::Greater,
                ">" => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            },
            None => false,
        },
    }
}

fn equal(a: &Value, b: &Value, zone: &Zone) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) | (Value::String(_), Value::String(_)) => {
            order(a, b, zone) == Some(Ordering::Equal)
        }
        _ => a == b,
    }
}

/// Numbers numerically (a numeric string counts as a number beside one); two strings that
/// both read as dates as instants, in `zone` when they name none; other strings by code point.
fn order(a: &Value, b: &Value, zone: &Zone) -> Option<Ordering> {
    match (a, b) {
        (Value::String(x), Value::String(y)) => Some(match (as_date(x, zone), as_date(y, zone)) {
            (Some(dx), Some(dy)) => dx.cmp(&dy),
            _ => x.cmp(y),
        }),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => as_number(a)?.partial_cmp(&as_number(b)?),
    }
}

fn as_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A string that starts like a date (`2022-05-01`, `2022/5/1`, `2022年5月1日`) and reads as one.
fn as_date(text: &str, zone: &Zone) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let bytes = text.trim_start().as_bytes();
    let shaped =
        bytes.len() > 4 && bytes[..4].iter().all(u8::is_ascii_digit) && !bytes[4].is_ascii_digit();
    if !shaped {
        return None;
    }
    date::parse(text, zone)
}

fn contains(hay: &Value, needle: &Value, zone: &Zone) -> bool {
    match (hay, needle) {
        (Value::String(h), Value::String(n)) => h.contains(n.as_str()),
        (Value::Array(items), _) => items.iter().any(|i| equal(i, needle, zone)),
        (Value::Object(map), Value::String(key)) => map.contains_key(key),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Where;
    use super::*;
    use serde_json::json;

    fn record() -> Record {
        let value = json!({
            "id": "a1", "title": "Bank rates rise", "categories": ["金融", "宏观"], "tags": [],
            "date": "2022-05-08T18:46:55+08:00", "lang": "zh",
            "source": {"site": "finance.sina.com.cn"}, "credits": {"editor": ["王明"]},
            "meta": {"comments": true, "views": "1200", "source": "新浪财经"}, "rank": 3
        });
        serde_json::from_value(value).unwrap()
    }

    fn holds(source: &str) -> bool {
        let zone: Zone = "Asia/Shanghai".parse().unwrap();
        Where::parse(source, zone)
            .unwrap_or_else(|e| panic!("{source}: {}", e.why))
            .eval(&record())
    }

    #[test]
    fn paths_reach_nested_fields_and_extras() {
        assert!(holds("meta.source == '新浪财经'"));
        assert!(holds("credits.editor contains '王明'"));
        assert!(holds("source.site == 'finance.sina.com.cn'"));
        assert!(holds("categories.1 == '宏观'"));
        assert!(holds("rank == 3 and rank > 2.5"));
        assert!(!holds("meta.missing == 'x'"));
        assert!(holds("meta.missing == null"));
    }

    #[test]
    fn dates_compare_as_instants_in_the_zone() {
        assert!(holds("date >= '2022-05-08'"));
        assert!(holds("date < '2022-05-09'"));
        assert!(holds("date == '2022-05-08T10:46:55Z'"));
        assert!(!holds("date < '2022-05-08 18:00'"));
    }

    #[test]
    fn membership_functions_and_logic() {
        assert!(holds("lang in ['en', 'zh']"));
        assert!(holds("categories in ['体育', '金融']"));
        assert!(!holds("categories in ['体育']"));
        assert!(holds("title matches '(?i)^bank'"));
        assert!(holds("title contains 'rates' and not (lang == 'en')"));
        assert!(holds(
            "len(categories) == 2 and len(title) == 15 and len(tags) == 0"
        ));
        assert!(holds("exists(meta.source) and not exists(image)"));
        assert!(holds("meta.views > 1000"));
        assert!(holds("meta.comments and not tags"));
        assert!(holds("lang == 'en' or rank >= 3"));
    }
}
