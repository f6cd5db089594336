//! `--template FILE`: each record through a MiniJinja template. Templates whose name ends in
//! `.html`, `.htm` or `.xml` (before an optional `.j2`, `.jinja` or `.jinja2`) escape every
//! value for HTML unless it is marked safe; `body_html` is already built from escaped text.
//!
//! Escaping does not make an address safe: `href="{{ url }}"` with `javascript:alert(1)` is
//! escaped and still runs. So every address a template is given — `url`, and each value in
//! `record` under an address key (`url`, `href`, `src`, `image`, …, or a key ending in
//! `url`) — has passed [`crate::url::safe_url`] in every template, an unsafe one becoming
//! the empty string; and the `safe_url` filter does the same for any other value.
//!
//! Besides MiniJinja's own filters, templates have Jinja2's others from minijinja-contrib
//! (`truncate`, `wordcount`, `striptags`, `dateformat`…) and Python's string and dict
//! methods. A filter, test or function that does not exist is refused when the template
//! loads (see `template/names.rs`), not record after record.

mod names;

use std::collections::{HashMap, HashSet};

use chrono::format::{Item, StrftimeItems};
use chrono::DateTime;
use minijinja::value::Kwargs;
use minijinja::{context, Environment, Error, ErrorKind, State, UndefinedBehavior, Value};
use minijinja_contrib::{filters, globals, pycompat};

use folio_model::{Block, Record};

use crate::url::{safe_url, sanitise_addresses, UrlUse};

/// A loaded template.
pub struct Template {
    env: Environment<'static>,
    name: String,
}

impl Template {
    /// Compiles the template; a syntax error names the file, line and what is wrong.
    /// A filter, test or function the template names that does not exist is an error too,
    /// `post.md.j2: unknown filter "x" (line 3)`, wherever it stands.
    pub fn new(name: &str, source: String) -> Result<Template, String> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        add_contrib(&mut env);
        env.add_filter("strftime", strftime);
        env.add_filter("safe_url", |address: String| {
            safe_url(&address, UrlUse::Link).unwrap_or_default()
        });
        env.add_template_owned(name.to_owned(), source)
            .map_err(|err| describe(name, &err))?;
        check_names(&env, name)?;
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

/// The variables every record's context has (see [`Template::render`]).
const CONTEXT: &[&str] = &[
    "record",
    "title",
    "date",
    "author",
    "url",
    "categories",
    "tags",
    "slug",
    "body_html",
    "body_markdown",
    "body_text",
];

/// Names the template language gives a meaning of its own inside loops, macros and blocks.
const SPECIAL: &[&str] = &["loop", "caller", "super", "self", "varargs", "kwargs"];

/// Jinja2's filters that MiniJinja leaves to minijinja-contrib, its `cycler` and `joiner`,
/// and Python's methods on strings, lists and dicts (`"a".upper()`, `d.items()`). Left out:
/// `now()`, `random`, `lipsum` and `randrange`, which would make the same input give other
/// bytes on every run.
fn add_contrib(env: &mut Environment) {
    env.add_filter("truncate", truncate);
    env.add_filter("wordcount", filters::wordcount);
    env.add_filter("wordwrap", wordwrap);
    env.add_filter("striptags", filters::striptags);
    env.add_filter("pluralize", filters::pluralize);
    env.add_filter("filesizeformat", filters::filesizeformat);
    env.add_filter("datetimeformat", filters::datetimeformat);
    env.add_filter("dateformat", filters::dateformat);
    env.add_filter("timeformat", filters::timeformat);
    env.add_function("cycler", globals::cycler);
    env.add_function("joiner", globals::joiner);
    env.set_unknown_method_callback(pycompat::unknown_method_callback);
}

/// Jinja2's `truncate(length=255, killwords=false, end='...', leeway=5)`, its arguments
/// given in order or by name (minijinja-contrib's takes them by name only).
fn truncate(state: &State, value: &Value, args: &[Value], kwargs: Kwargs) -> Result<Value, Error> {
    let names = ["length", "killwords", "end", "leeway"];
    filters::truncate(state, value, by_name(&names, args, kwargs)?)
}

/// Jinja2's `wordwrap(width=79, break_long_words=true, wrapstring=none,
/// break_on_hyphens=true)`, its arguments given in order or by name.
fn wordwrap(value: &Value, args: &[Value], kwargs: Kwargs) -> Result<Value, Error> {
    let names = [
        "width",
        "break_long_words",
        "wrapstring",
        "break_on_hyphens",
    ];
    filters::wordwrap(value, by_name(&names, args, kwargs)?)
}

/// Arguments given in order as the keyword arguments `names`, with those given by name.
fn by_name(names: &[&str], args: &[Value], kwargs: Kwargs) -> Result<Kwargs, Error> {
    if args.len() > names.len() {
        return Err(Error::from(ErrorKind::TooManyArguments));
    }
    let mut all: Vec<(String, Value)> = Vec::with_capacity(names.len());
    for (name, value) in names.iter().zip(args) {
        if kwargs.has(name) {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("argument {name} given twice"),
            ));
        }
        all.push(((*name).to_owned(), value.clone()));
    }
    for name in kwargs.args() {
        all.push((name.to_owned(), kwargs.peek::<Value>(name)?));
    }
    Ok(all.into_iter().collect())
}

/// Refuses the template `name` when it names a filter, test or function that `env` does not
/// have. Whether a filter or test exists is asked of MiniJinja itself, by applying it once to
/// `none`; a function must be a global, a variable of the context, or declared by the
/// template (`{% macro %}`, `{% set %}`, `{% import %}`).
fn check_names(env: &Environment, name: &str) -> Result<(), String> {
    let template = env.get_template(name).map_err(|e| describe(name, &e))?;
    let declared_elsewhere = template.undeclared_variables(false);
    let globals: HashSet<String> = env.globals().map(|(n, _)| n.to_owned()).collect();
    let mut probed: HashMap<(names::Kind, String), bool> = HashMap::new();
    for used in names::uses(template.source()) {
        let exists = match used.kind {
            names::Kind::Function => {
                !declared_elsewhere.contains(&used.name)
                    || globals.contains(&used.name)
                    || CONTEXT.contains(&used.name.as_str())
                    || SPECIAL.contains(&used.name.as_str())
            }
            kind => *probed
                .entry((kind, used.name.clone()))
                .or_insert_with(|| exists(env, kind, &used.name)),
        };
        if !exists {
            return Err(format!(
                "{name}: unknown {} \"{}\" (line {})",
                used.kind.noun(),
                used.name,
                used.line
            ));
        }
    }
    Ok(())
}

/// Whether `env` has the filter or test `name`: MiniJinja says `UnknownFilter` or
/// `UnknownTest` when it looks up one it does not have, before it calls anything.
fn exists(env: &Environment, kind: names::Kind, name: &str) -> bool {
    let (probe, unknown) = match kind {
        names::Kind::Test => (format!("{{{{ none is {name} }}}}"), ErrorKind::UnknownTest),
        _ => (format!("{{{{ none | {name} }}}}"), ErrorKind::UnknownFilter),
    };
    !matches!(env.render_str(&probe, ()), Err(err) if err.kind() == unknown)
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
    fn jinja2_filters_from_contrib() {
        let t = Template::new(
            "t.txt",
            "{{ title | truncate(9) }}|{{ title | truncate(length=12, end='…', leeway=0) }}|{{ body_text | wordcount }} {{ 'word' ~ (2 | pluralize) }}|\
             {{ body_html | striptags }}|{{ date | dateformat(format='[year]/[month]/[day]') }}|\
             {{ title.upper() }}|{% for k, v in record.meta.items() %}{{ k }}={{ v }}{% endfor %}"
                .into(),
        )
        .unwrap();
        let record = Record {
            title: Some("The harbor reopens".into()),
            date: DateTime::parse_from_rfc3339("2022-05-08T18:46:55+08:00").ok(),
            meta: serde_json::json!({"comments": false}).as_object().cloned(),
            ..Record::default()
        };
        let body = [Block::Paragraph {
            inlines: vec![Inline::plain("Boats & nets, back at dawn.")],
        }];
        assert_eq!(
            t.render(&record, &body, "s").unwrap(),
            "The...|The harbor…|5 words|Boats & nets, back at dawn.|2022/05/08|THE HARBOR REOPENS|comments=False"
        );
    }

    #[test]
    fn unknown_filters_tests_and_functions_are_refused_on_load() {
        for (source, message) in [
            (
                "a\n{% if false %}{{ x | nope }}{% endif %}",
                "t.md: unknown filter \"nope\" (line 2)",
            ),
            (
                "{% macro m() %}{{ x|trim|trunc }}{% endmacro %}",
                "t.md: unknown filter \"trunc\" (line 1)",
            ),
            (
                "{% filter shout %}x{% endfilter %}",
                "t.md: unknown filter \"shout\" (line 1)",
            ),
            (
                "\n\n{{ x is evne }}",
                "t.md: unknown test \"evne\" (line 3)",
            ),
            (
                "{{ rnage(3) }}",
                "t.md: unknown function \"rnage\" (line 1)",
            ),
        ] {
            assert_eq!(
                Template::new("t.md", source.into()).err().as_deref(),
                Some(message)
            );
        }
        let t = Template::new("t.md", "{{ title | truncate(5, end='…') }}|{{ title | truncate(5, length=3) }}|{{ title | truncate(1,2,3,4,5) }}".into()).unwrap();
        let record = Record {
            title: Some("一二三四五六七八九十".into()),
            ..Record::default()
        };
        let err = t.render(&record, &[], "s").unwrap_err();
        assert!(err.contains("argument length given twice"), "{err}");
        for fine in [
            "{{ x | default('-') | upper }}{{ x is defined }}{{ x is not none }}",
            "{% macro m(a) %}{{ a }}{{ caller() }}{% endmacro %}{% call m(1) %}x{% endcall %}",
            "{% set f = joiner(', ') %}{% for x in range(3) %}{{ f() }}{{ loop.index }}{% endfor %}",
            "{{ record.meta.get('x') }}{{ namespace(a=1).a }}{{ strftime }}{{ safe_url }}",
            "{{ date | strftime('%Y') if date }}{{ url | safe_url }}{{ tags | tojson }}",
        ] {
            assert!(Template::new("t.md", fine.into()).is_ok(), "{fine}");
        }
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
