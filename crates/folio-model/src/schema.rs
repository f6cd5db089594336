//! The record's JSON Schema, generated from the types (committed as docs/record.schema.json).

use crate::record::Record;

/// The JSON Schema of one line of folio output, pretty-printed with a trailing newline.
pub fn record_schema() -> String {
    let schema = schemars::schema_for!(Record);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_schema_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/record.schema.json");
        let fresh = record_schema();
        if std::env::var_os("FOLIO_BLESS").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "docs/record.schema.json is stale: run `make bless` and review the diff"
        );
    }

    #[test]
    fn schema_names_every_field() {
        let schema = record_schema();
        for field in [
            "\"title\"",
            "\"blocks\"",
            "\"credits\"",
            "\"stages\"",
            "\"date\"",
        ] {
            assert!(schema.contains(field), "{field}");
        }
    }
}
