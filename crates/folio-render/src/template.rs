//! `--template FILE`: each record through a MiniJinja template. Templates whose name ends in
//! `.html`, `.htm` or `.xml` (before an optional `.j2`, `.jinja` or `.jinja2`) escape every
//! value for HTML unless it is marked safe; `body_html` is already built from escaped text.
//!
//! Escaping does not make an address safe: `href="{{ url }}"` with `javascript:alert(1)` is
//! escaped and still runs. So every address a template is given — `url`, and each value in
//! `record` under an address key (`url`, `href`, `src`, `image`, …, or a key ending in
//! `url`) — has passed [`crate::url::safe_url`] in every template, an unsafe one becoming
//! the empty string; and the `safe_url` filter does the same for any other value.

use chrono::format::{Item, StrftimeItems};
use chrono::DateTime;
use minijinja::{context, Environment, Error, ErrorKind, UndefinedBehavior, Value};

use folio_model::{Block, Record};

use crate::url::{safe_url, sanitise_addresses, UrlUse};

/// A loaded template.
pub struct Template {
    env: Environment<'static>,
    name: String,
}

impl Template {
    /// Compiles the template; a syntax error names the file, line and what is wrong.
    pub fn new(name: &str, source: String) -> Result<Template, String> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        env.add_filter("strftime", strftime);
        env.add_filter("safe_url", |address: String| {
            safe_url(&address, UrlUse::Link).unwrap_or_default()
        });
        env.add_template_owned(name.to_owned(), source)
            .map_err(|err| describe(name, &err))?;
        Ok(Template {
            env,
            name: name.to_owned(),
        })
    }

    /// The file extension of what the template writes (`post.html.j2` writes `html`).
    pub fn extension(&self) -> String {
        let name = self.name.rsplit('/').next().unwrap_or(&self.name);
        let name = [".j2", ".jinja2", ".jinja"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .unwrap_or(name);
        match name.rsplit_once('.') {
            Some((_, ext)) if !ext.is_empty() => ext.to_owned(),
            _ => "txt".to_owned(),
        }
    }

    /// Renders one record. See docs/folio-render.md for the variables.
    pub fn render(&self, record: &Record, body: &[Block], slug: &str) -> Result<String, String> {
        let template = self
            .env
            .get_template(&self.name)
            .map_err(|e| describe(&self.name, &e))?;
        let mut record_value = record.to_value();
        sanitise_addresses(&mut record_value);
        let url = record
            .url
            .as_deref()
            .map(|url| safe_url(url, UrlUse::Link).unwrap_or_default());
        let ctx = context! {
            record => Value::from_serialize(record_value),
            title => record.title,
            date => record.date.map(|d| d.to_rfc3339()),
            author => record.author,
            categories => record.categories,
            tags => record.tags,
            url => url,
            slug => slug,
            body_html => Value::from_safe_string(crate::html::blocks(body)),
            body_markdown => crate::markdown::blocks(body),
            body_text => crate::text::blocks(body),
        };
        template.render(ctx).map_err(|e| describe(&self.name, &e))
    }
}

/// `{{ date | strftime("%Y年%m月%d日") }}`: an RFC 3339 date in another form.
fn strftime(date: String, format: String) -> Result<String, Error> {
    let parsed = DateTime::parse_from_rfc3339(&date).map_err(|e| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("strftime: {date:?} is not an RFC 3339 date: {e}"),
        )
    })?;
    let items: Vec<Item> = StrftimeItems::new(&format).collect();
    if items.iter().any(|i| matches!(i, Item::Error)) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("strftime: bad format {format:?}"),
        ));
    }
    Ok(parsed.format_with_items(items.into_iter()).to_string())
}

fn describe(name: &str, err: &Error) -> String {
    let line = err.line().map(|l| format!(":{l}")).unwrap_or_default();
    let detail = err.detail().map(|d| format!(": {d}")).unwrap_or_default();
    format!("template {name}{line}: {}{detail}", err.kind())
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_model::Inline;

    #[test]
    fn html_templates_escape_and_body_is_safe() {
        let t = Template::new(
            "post.html.j2",
            "<h1>{{ title }}</h1>{{ body_html }}{{ date | strftime('%Y年') }}".into(),
        )
        .unwrap();
        assert_eq!(t.extension(), "html");
        let record = Record {
            title: Some("<script>".into()),
            date: DateTime::parse_from_rfc3339("2022-05-08T18:46:55+08:00").ok(),
            ..Record::default()
        };
        let body = [Block::Paragraph {
            inlines: vec![Inline::plain("<b>")],
        }];
        assert_eq!(
            t.render(&record, &body, "s").unwrap(),
            "<h1>&lt;script&gt;</h1><p>&lt;b&gt;</p>\n2022年"
        );
    }

    #[test]
    fn errors_name_the_template_and_line() {
        let err = Template::new("t.md", "a\n{{ x ".into()).err().unwrap();
        assert!(err.starts_with("template t.md:2: "), "{err}");
        let t = Template::new(
            "t.md",
            "{{ record.meta.missing.deeper }}|{{ date | strftime('%Q') }}".into(),
        )
        .unwrap();
        let record = Record {
            date: DateTime::parse_from_rfc3339("2022-05-08T18:46:55+08:00").ok(),
            ..Record::default()
        };
        assert!(t
            .render(&record, &[], "s")
            .unwrap_err()
            .contains("bad format"));
    }
}
