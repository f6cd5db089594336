//! Front matter: YAML between `---` lines, TOML between `+++` lines, or a JSON object at the
//! top of the file. A leading BOM or blank lines are fine. YAML goes through serde_norway (the
//! maintained fork of serde_yaml), whose alias-expansion and nesting limits refuse YAML bombs.

use serde_json::{Map, Value};

use crate::ParseError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Toml => "toml",
            Format::Json => "json",
        }
    }
}

pub(crate) struct Split<'a> {
    pub format: Option<Format>,
    pub meta: Map<String, Value>,
    pub body: &'a str,
}

/// Nesting deeper than this is refused: front matter is a flat-ish record, not a data store.
const MAX_DEPTH: usize = 32;

pub(crate) fn split(text: &str) -> Result<Split<'_>, ParseError> {
    // Skip blank lines before the opening fence, counting them for line numbers.
    let mut offset = 0;
    let mut line = 1;
    for raw in text.split_inclusive('\n') {
        if !raw.trim().is_empty() {
            break;
        }
        offset += raw.len();
        line += 1;
    }
    let rest = &text[offset..];
    let first = rest.lines().next().unwrap_or("").trim_end();
    let (format, fence) = match first {
        "---" => (Format::Yaml, "---"),
        "+++" => (Format::Toml, "+++"),
        _ if first.starts_with('{') => return split_json(rest, line),
        _ => {
            return Ok(Split {
                format: None,
                meta: Map::new(),
                body: text,
            })
        }
    };
    let after_open = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let (inner, body) = find_close(&rest[after_open..], fence).ok_or_else(|| {
        ParseError::new(
            Some(line),
            format!(
                "unterminated {} front matter: no closing `{fence}` line",
                format.name()
            ),
        )
    })?;
    let value = match format {
        Format::Yaml => parse_yaml(inner, line + 1)?,
        _ => parse_toml(inner, line + 1)?,
    };
    Ok(Split {
        format: Some(format),
        meta: into_map(value, format, line)?,
        body,
    })
}

/// The text before the closing fence line and the text after it.
fn find_close<'a>(text: &'a str, fence: &str) -> Option<(&'a str, &'a str)> {
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let content = raw.trim_end();
        if content == fence || (fence == "---" && content == "...") {
            return Some((&text[..at], &text[at + raw.len()..]));
        }
        at += raw.len();
    }
    None
}

fn parse_yaml(inner: &str, first_line: usize) -> Result<Value, ParseError> {
    if inner.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    let value = serde_norway::from_str::<YamlValue>(inner)
        .map(|yaml| yaml.0)
        .map_err(|err| {
            let line = err.location().map(|l| first_line + l.line() - 1);
            ParseError::new(
                line.or(Some(first_line)),
                format!(
                    "malformed YAML front matter: {}",
                    without_location(&err.to_string())
                ),
            )
        })?;
    check_depth(&value, first_line)?;
    Ok(value)
}

/// A YAML value as JSON, keeping what JSON numbers cannot hold: an integer past 64 bits
/// (`views: 99999999999999999999999999`) becomes the string of its digits rather than failing
/// the post, and `.nan`, `.inf`, `-.inf` become those strings rather than `null`.
struct YamlValue(Value);

impl<'de> serde::Deserialize<'de> for YamlValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor).map(YamlValue)
    }
}

struct YamlVisitor;

impl<'de> serde::de::Visitor<'de> for YamlVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(value.into())
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(value.into())
    }

    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(i64::try_from(value).map_or_else(|_| Value::String(value.to_string()), Value::from))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(u64::try_from(value).map_or_else(|_| Value::String(value.to_string()), Value::from))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(match serde_json::Number::from_f64(value) {
            Some(number) => Value::Number(number),
            None if value.is_nan() => Value::String(".nan".into()),
            None if value > 0.0 => Value::String(".inf".into()),
            None => Value::String("-.inf".into()),
        })
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, inner: D) -> Result<Value, D::Error> {
        inner.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(YamlValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some((key, YamlValue(value))) = map.next_entry::<String, YamlValue>()? {
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

fn parse_toml(inner: &str, first_line: usize) -> Result<Value, ParseError> {
    let table: toml::Table = inner.parse().map_err(|err: toml::de::Error| {
        let line = err
            .span()
            .map(|span| first_line + inner[..span.start].matches('\n').count());
        ParseError::new(
            line.or(Some(first_line)),
            format!("malformed TOML front matter: {}", err.message()),
        )
    })?;
    let value = toml_to_json(toml::Value::Table(table));
    check_depth(&value, first_line)?;
    Ok(value)
}

fn split_json(rest: &str, line: usize) -> Result<Split<'_>, ParseError> {
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    let value = match stream.next() {
        Some(Ok(value)) => value,
        Some(Err(err)) => {
            return Err(ParseError::new(
                Some(line + err.line() - 1),
                format!(
                    "malformed JSON front matter: {}",
                    without_location(&err.to_string())
                ),
            ))
        }
        None => {
            return Err(ParseError::new(
                Some(line),
                "malformed JSON front matter: empty",
            ))
        }
    };
    let end = stream.byte_offset();
    check_depth(&value, line)?;
    Ok(Split {
        format: Some(Format::Json),
        meta: into_map(value, Format::Json, line)?,
        body: &rest[end..],
    })
}

fn into_map(value: Value, format: Format, line: usize) -> Result<Map<String, Value>, ParseError> {
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        other => Err(ParseError::new(
            Some(line),
            format!(
                "{} front matter must be a mapping of keys, found {}",
                format.name(),
                folio_model::jsonl::kind_of(&other)
            ),
        )),
    }
}

fn check_depth(value: &Value, line: usize) -> Result<(), ParseError> {
    fn depth(value: &Value) -> usize {
        match value {
            Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
            Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
            _ => 0,
        }
    }
    if depth(value) > MAX_DEPTH {
        return Err(ParseError::new(
            Some(line),
            format!("front matter nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    Ok(())
}

/// serde errors end with "at line L column C"; the caller reports the line itself.
fn without_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or_else(
            // TOML spells these nan, inf and -inf; kept as words, as YAML's are.
            || {
                Value::String(
                    if f.is_nan() {
                        "nan"
                    } else if f > 0.0 {
                        "inf"
                    } else {
                        "-inf"
                    }
                    .into(),
                )
            },
            Value::Number,
        ),
        toml::Value::Boolean(b) => Value::Bool(b),
        // TOML dates are kept as the text they were written in, like YAML's.
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_after_a_blank_line() {
        let s = split("\n---\ntitle: 'a'\ncategories: \n - x\n - y\n---\n\n<p>b</p>").unwrap();
        assert_eq!(s.format, Some(Format::Yaml));
        assert_eq!(s.meta["title"], "a");
        assert_eq!(s.meta["categories"], serde_json::json!(["x", "y"]));
        assert_eq!(s.body, "\n<p>b</p>");
    }

    #[test]
    fn toml_and_json() {
        let t = split("+++\ntitle = \"t\"\ndate = 2022-05-08T10:00:00Z\n+++\nbody").unwrap();
        assert_eq!(t.format, Some(Format::Toml));
        assert_eq!(t.meta["date"], "2022-05-08T10:00:00Z");
        assert_eq!(t.body, "body");
        let j = split("{\"title\": \"j\", \"tags\": [\"a\"]}\n\nbody").unwrap();
        assert_eq!(j.format, Some(Format::Json));
        assert_eq!(j.meta["title"], "j");
        assert_eq!(j.body, "\n\nbody");
    }

    #[test]
    fn keys_keep_their_order() {
        let s = split("---\nz: 1\na: 2\nm: 3\n---\n").unwrap();
        let keys: Vec<&String> = s.meta.keys().collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn unterminated_names_the_opening_line() {
        let err = split("\n\n---\ntitle: x\nbody").err().unwrap();
        assert_eq!(err.line, Some(3));
        assert!(err.why.contains("unterminated yaml"), "{}", err.why);
    }

    #[test]
    fn malformed_yaml_names_its_line() {
        let err = split("---\ntitle: ok\ndate: [unclosed\n---\n")
            .err()
            .unwrap();
        assert!(err.why.starts_with("malformed YAML"), "{}", err.why);
        assert!(matches!(err.line, Some(3..=4)), "{:?}", err.line);
    }

    #[test]
    fn numbers_json_cannot_hold_are_kept_as_text() {
        let yaml = "views: 99999999999999999999999999\nlow: -99999999999999999999999999\nn: .nan\ni: .inf\nm: -.inf\nok: 12\n";
        let value = parse_yaml(yaml, 2).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"views": "99999999999999999999999999",
                "low": "-99999999999999999999999999", "n": ".nan", "i": ".inf", "m": "-.inf", "ok": 12})
        );
        let value = parse_toml("n = nan\ni = -inf\nf = 1.5\n", 2).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"n": "nan", "i": "-inf", "f": 1.5})
        );
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for pair in names.windows(2) {
            let refs = vec![format!("*{}", pair[0]); 9].join(",");
            yaml.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
        }
        yaml.push_str("---\n");
        let err = split(&yaml).err().expect("bomb refused");
        assert!(err.why.contains("malformed YAML"), "{}", err.why);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let yaml = format!("---\nx: {}{}\n---\n", "[".repeat(200), "]".repeat(200));
        assert!(split(&yaml).is_err());
        let json = format!("{{\"x\": {}{}}}\n", "[".repeat(60), "]".repeat(60));
        let err = split(&json).err().unwrap();
        assert!(err.why.contains("nested deeper"), "{}", err.why);
    }

    #[test]
    fn a_list_is_not_front_matter() {
        let err = split("---\n- a\n- b\n---\n").err().unwrap();
        assert!(err.why.contains("found an array"), "{}", err.why);
    }

    #[test]
    fn no_front_matter() {
        let s = split("<p>just a body</p>").unwrap();
        assert!(s.format.is_none());
        assert_eq!(s.body, "<p>just a body</p>");
    }
}
