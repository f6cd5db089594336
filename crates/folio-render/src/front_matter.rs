//! Front matter for static-site generators: Hexo and Jekyll (YAML between `---` lines) and
//! Hugo (TOML between `+++` lines, or YAML). Values go through real YAML and TOML writers,
//! so any title quotes correctly; line breaks inside values become spaces, so no value can
//! end the block early.

use folio_model::Record;
use serde_json::{Map, Value};

/// Which site generator the front matter is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Hexo,
    Hugo,
    Jekyll,
    None,
}

/// The language of Hugo's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HugoFormat {
    Toml,
    Yaml,
}

/// The front matter block for `record`, ending with a newline; empty for `Flavour::None`.
pub fn front_matter(record: &Record, flavour: Flavour, hugo: HugoFormat) -> Result<String, String> {
    let fields = match flavour {
        Flavour::None => return Ok(String::new()),
        Flavour::Hexo => hexo(record),
        Flavour::Jekyll => jekyll(record),
        Flavour::Hugo => hugo_fields(record),
    };
    if flavour == Flavour::Hugo && hugo == HugoFormat::Toml {
        return toml_block(&fields);
    }
    yaml_block(&fields)
}

fn one_line(text: &str) -> Value {
    Value::String(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn list(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| one_line(s)).collect())
}

/// The fields every flavour shares, under the names `set` gives them.
fn common(record: &Record, fields: &mut Map<String, Value>, image_key: &str) {
    if let Some(author) = &record.author {
        fields.insert("author".into(), one_line(author));
    }
    if !record.categories.is_empty() {
        fields.insert("categories".into(), list(&record.categories));
    }
    if !record.tags.is_empty() {
        fields.insert("tags".into(), list(&record.tags));
    }
    if let Some(image) = &record.image {
        let value = one_line(image);
        let value = if image_key == "images" {
            Value::Array(vec![value])
        } else {
            value
        };
        fields.insert(image_key.into(), value);
    }
    if let Some(summary) = &record.summary {
        fields.insert("description".into(), one_line(summary));
    }
    if let Some(url) = &record.url {
        fields.insert("original_url".into(), one_line(url));
    }
    if let Some(lang) = &record.lang {
        fields.insert("lang".into(), one_line(lang));
    }
}

fn titled(record: &Record, date: Option<String>) -> Map<String, Value> {
    let mut fields = Map::new();
    if let Some(title) = &record.title {
        fields.insert("title".into(), one_line(title));
    }
    if let Some(date) = date {
        fields.insert("date".into(), Value::String(date));
    }
    fields
}

fn hexo(record: &Record) -> Map<String, Value> {
    let mut fields = titled(record, record.date.map(|d| d.to_rfc3339()));
    common(record, &mut fields, "thumbnail");
    fields
}

fn jekyll(record: &Record) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("layout".into(), Value::String("post".into()));
    // Jekyll's own date form: `2022-05-08 18:46:55 +0800`.
    let date = record
        .date
        .map(|d| d.format("%Y-%m-%d %H:%M:%S %z").to_string());
    fields.extend(titled(record, date));
    common(record, &mut fields, "image");
    fields
}

fn hugo_fields(record: &Record) -> Map<String, Value> {
    let mut fields = titled(record, record.date.map(|d| d.to_rfc3339()));
    common(record, &mut fields, "images");
    fields
}

fn yaml_block(fields: &Map<String, Value>) -> Result<String, String> {
    if fields.is_empty() {
        return Ok("---\n---\n".to_owned());
    }
    let yaml = serde_norway::to_string(fields)
        .map_err(|e| format!("cannot write YAML front matter: {e}"))?;
    Ok(format!("---\n{yaml}---\n"))
}

fn toml_block(fields: &Map<String, Value>) -> Result<String, String> {
    let mut table = toml::Table::new();
    for (key, value) in fields {
        let value = match (key.as_str(), value) {
            // Hugo reads a TOML date-time natively.
            ("date", Value::String(text)) => match text.parse::<toml::value::Datetime>() {
                Ok(datetime) => toml::Value::Datetime(datetime),
                Err(_) => toml::Value::String(text.clone()),
            },
            _ => toml::Value::try_from(value)
                .map_err(|e| format!("cannot write TOML front matter: {e}"))?,
        };
        table.insert(key.clone(), value);
    }
    let text =
        toml::to_string(&table).map_err(|e| format!("cannot write TOML front matter: {e}"))?;
    Ok(format!("+++\n{text}+++\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            title: Some("标题: \"引号\"\n--- 第二行".into()),
            author: Some("记者".into()),
            categories: vec!["金融".into()],
            tags: vec!["a".into(), "b".into()],
            image: Some("https://a.cn/i.jpg".into()),
            date: chrono::DateTime::parse_from_rfc3339("2022-05-08T18:46:55+08:00").ok(),
            ..Record::default()
        }
    }

    #[test]
    fn hexo_is_yaml() {
        let text = front_matter(&record(), Flavour::Hexo, HugoFormat::Toml).unwrap();
        assert_eq!(
            text,
            "---\ntitle: '标题: \"引号\" --- 第二行'\ndate: 2022-05-08T18:46:55+08:00\nauthor: 记者\n\
             categories:\n- 金融\ntags:\n- a\n- b\nthumbnail: https://a.cn/i.jpg\n---\n"
        );
    }

    #[test]
    fn hugo_toml_has_a_native_date() {
        let text = front_matter(&record(), Flavour::Hugo, HugoFormat::Toml).unwrap();
        assert!(text.starts_with("+++\ntitle = "), "{text}");
        assert!(
            text.contains("\ndate = 2022-05-08T18:46:55+08:00\n"),
            "{text}"
        );
        assert!(text.contains("images = [\"https://a.cn/i.jpg\"]"), "{text}");
        assert!(text.ends_with("+++\n"));
        let yaml = front_matter(&record(), Flavour::Hugo, HugoFormat::Yaml).unwrap();
        assert!(yaml.starts_with("---\ntitle: "), "{yaml}");
    }

    #[test]
    fn jekyll_has_layout_and_its_date_form() {
        let text = front_matter(&record(), Flavour::Jekyll, HugoFormat::Toml).unwrap();
        assert!(text.starts_with("---\nlayout: post\ntitle: "), "{text}");
        assert!(text.contains("date: 2022-05-08 18:46:55 +0800\n"), "{text}");
        assert_eq!(
            front_matter(&record(), Flavour::None, HugoFormat::Toml).unwrap(),
            ""
        );
    }
}
