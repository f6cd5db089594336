//! `--fields`: paths into a record (`title`, `meta.comments`, `categories.0`), used to project
//! JSON lines and to choose CSV/TSV columns.

use serde_json::{Map, Value};

/// A dotted path; a number steps into an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    text: String,
    steps: Vec<String>,
}

impl FieldPath {
    pub fn parse(text: &str) -> Result<FieldPath, String> {
        let steps: Vec<String> = text.split('.').map(str::to_owned).collect();
        if steps.iter().any(String::is_empty) {
            return Err(format!(
                "bad field path {text:?} (expected names joined by dots, such as meta.comments)"
            ));
        }
        Ok(FieldPath {
            text: text.to_owned(),
            steps,
        })
    }

    /// A comma-separated list of paths.
    pub fn parse_list(text: &str) -> Result<Vec<FieldPath>, String> {
        text.split(',')
            .map(|p| FieldPath::parse(p.trim()))
            .collect()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The value at this path, if there is one.
    pub fn get<'a>(&self, value: &'a Value) -> Option<&'a Value> {
        self.steps
            .iter()
            .try_fold(value, |current, step| match current {
                Value::Object(map) => map.get(step),
                Value::Array(items) => step.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            })
    }
}

/// The record reduced to the fields asked for, nested as in the record (missing ones left out).
pub fn project(record: &Value, fields: &[FieldPath]) -> Value {
    let mut out = Map::new();
    for field in fields {
        if let Some(found) = field.get(record) {
            insert(&mut out, &field.steps, found.clone());
        }
    }
    Value::Object(out)
}

fn insert(map: &mut Map<String, Value>, steps: &[String], value: Value) {
    let Some((first, rest)) = steps.split_first() else {
        return;
    };
    if rest.is_empty() {
        map.insert(first.clone(), value);
        return;
    }
    let entry = map
        .entry(first.clone())
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(inner) = entry {
        insert(inner, rest, value);
    }
}

/// A value as one CSV cell: strings as they are, lists of scalars joined with `; `, other
/// structures as compact JSON, missing or null as empty.
pub fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(|v| !v.is_array() && !v.is_object()) => items
            .iter()
            .map(|v| cell(Some(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => other.to_string(),
    }
}

/// `cell` made inert for a spreadsheet: a `'` before a leading `=`, `+`, `-`, `@`, tab or
/// carriage return (see [`crate::CsvFormulas`]).
pub fn neutralise_formula(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The columns written when `--fields` is not given.
pub const DEFAULT_COLUMNS: &str = "id,date,title,author,categories,url";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_reach_nested_values_and_project_nested() {
        let record =
            json!({"title": "t", "meta": {"comments": false, "x": 1}, "categories": ["a", "b"]});
        let fields = FieldPath::parse_list("title, meta.comments,categories.1,missing").unwrap();
        assert_eq!(
            project(&record, &fields),
            json!({"title": "t", "meta": {"comments": false}, "categories": {"1": "b"}})
        );
        assert!(FieldPath::parse_list("a,,b").is_err());
        assert!(FieldPath::parse("a..b").is_err());
    }

    #[test]
    fn cells() {
        assert_eq!(cell(Some(&json!(["金融", "股市"]))), "金融; 股市");
        assert_eq!(cell(Some(&json!({"a": 1}))), "{\"a\":1}");
        assert_eq!(cell(Some(&json!(false))), "false");
        assert_eq!(cell(None), "");
    }
}
