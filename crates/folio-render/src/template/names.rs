//! The filters, tests and functions a template names, read from its source when it loads.
//!
//! MiniJinja looks a filter or test up only when the expression that applies it runs, so a
//! misspelt name in a branch that few records take would reject those records one by one
//! (mitsuhiko/minijinja#243). Jinja2 refuses such a template when it compiles it; folio does
//! the same by reading the names from the template's tags with the lexer's own rules
//! (strings, comments, `raw` blocks, the end of a tag only outside brackets), without the
//! parser's unstable API.

/// What a name is used as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Filter,
    Test,
    /// A plain name called as a function: `range(3)`, `joiner(", ")`.
    Function,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Filter => "filter",
            Kind::Test => "test",
            Kind::Function => "function",
        }
    }
}

/// One use of a name, with the line it stands on (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub kind: Kind,
    pub name: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A name and the byte offset it starts at.
    Name(String, usize),
    Punct(u8),
    /// A string or number literal.
    Literal,
}

/// Every filter, test and function call in `source`, in order.
pub fn uses(source: &str) -> Vec<Use> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = next_tag(bytes, at) {
        at = match bytes[open + 1] {
            b'#' => find(bytes, open + 2, b"#}").map_or(bytes.len(), |end| end + 2),
            b'%' => match basic_tag(bytes, open, "raw") {
                Some(after) => skip_raw(bytes, after),
                None => {
                    let (tokens, end) = tag_tokens(bytes, open + 2, b'%');
                    found.extend(names_in(&tokens, true, source));
                    end
                }
            },
            _ => {
                let (tokens, end) = tag_tokens(bytes, open + 2, b'}');
                found.extend(names_in(&tokens, false, source));
                end
            }
        };
    }
    found
}

/// Where the next `{{`, `{%` or `{#` starts.
fn next_tag(bytes: &[u8], from: usize) -> Option<usize> {
    (from..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#'))
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// When a `{% name %}` tag with nothing else in it (whitespace control allowed) opens at
/// `open`, the offset just after it.
fn basic_tag(bytes: &[u8], open: usize, name: &str) -> Option<usize> {
    let mut at = open + 2;
    if matches!(bytes.get(at), Some(b'-' | b'+')) {
        at += 1;
    }
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    let rest = bytes.get(at..)?;
    if !rest.starts_with(name.as_bytes()) {
        return None;
    }
    at += name.len();
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    if matches!(bytes.get(at), Some(b'-' | b'+')) {
        at += 1;
    }
    bytes.get(at..)?.starts_with(b"%}").then_some(at + 2)
}

/// The offset after the `{% endraw %}` that closes a raw block whose text starts at `from`.
fn skip_raw(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(open) = find(bytes, at, b"{%") {
        if let Some(after) = basic_tag(bytes, open, "endraw") {
            return after;
        }
        at = open + 2;
    }
    bytes.len()
}

/// The tokens of a tag whose inside starts at `from`, up to its end (`}}` or `%}`, with an
/// optional `-` or `+` before it, outside any bracket), and the offset after that end.
fn tag_tokens(bytes: &[u8], from: usize, closer: u8) -> (Vec<Token>, usize) {
    let mut tokens = Vec::new();
    let mut depth = 0i32;
    let mut at = from;
    while at < bytes.len() {
        let c = bytes[at];
        if c.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        if depth <= 0 {
            let end = if matches!(c, b'-' | b'+') { at + 1 } else { at };
            if bytes.get(end) == Some(&closer) && bytes.get(end + 1) == Some(&b'}') {
                return (tokens, end + 2);
            }
        }
        at = match c {
            b'"' | b'\'' => {
                tokens.push(Token::Literal);
                string_end(bytes, at)
            }
            b'0'..=b'9' => {
                tokens.push(Token::Literal);
                let len = bytes[at..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                at + len
            }
            _ if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => {
                let len = bytes[at..]
                    .iter()
                    .take_while(|b| **b == b'_' || b.is_ascii_alphanumeric() || **b >= 0x80)
                    .count();
                let name = String::from_utf8_lossy(&bytes[at..at + len]).into_owned();
                tokens.push(Token::Name(name, at));
                at + len
            }
            _ => {
                match c {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth -= 1,
                    _ => {}
                }
                tokens.push(Token::Punct(c));
                at + 1
            }
        };
    }
    (tokens, bytes.len())
}

/// The offset after the string literal opening at `at` (a backslash escapes the next byte).
fn string_end(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The names a tag's tokens use as filters (after `|`, and in `{% filter … %}`), tests
/// (after `is` or `is not`) and functions (a name before `(` that is not an attribute).
fn names_in(tokens: &[Token], block: bool, source: &str) -> Vec<Use> {
    let line = |offset: usize| source[..offset].matches('\n').count() + 1;
    let mut found = Vec::new();
    // A `-` or `+` right after `{%` controls whitespace.
    let mut i = usize::from(matches!(tokens.first(), Some(Token::Punct(b'-' | b'+'))));
    let filter_block = block && matches!(tokens.get(i), Some(Token::Name(n, _)) if n == "filter");
    if filter_block {
        i += 1;
        if let Some((name, at, next)) = dotted_name(tokens, i) {
            found.push(Use {
                kind: Kind::Filter,
                name,
                line: line(at),
            });
            i = next;
        }
    }
    while i < tokens.len() {
        let after_dot = i > 0 && tokens[i - 1] == Token::Punct(b'.');
        let (kind, start) = match &tokens[i] {
            Token::Punct(b'|') => (Kind::Filter, i + 1),
            Token::Name(n, _) if n == "is" && !after_dot => {
                let negated = matches!(tokens.get(i + 1), Some(Token::Name(n, _)) if n == "not");
                (Kind::Test, i + 1 + usize::from(negated))
            }
            Token::Name(name, at)
                if !after_dot && tokens.get(i + 1) == Some(&Token::Punct(b'(')) =>
            {
                found.push(Use {
                    kind: Kind::Function,
                    name: name.clone(),
                    line: line(*at),
                });
                i += 1;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        match dotted_name(tokens, start) {
            Some((name, at, next)) => {
                found.push(Use {
                    kind,
                    name,
                    line: line(at),
                });
                i = next;
            }
            None => i = start,
        }
    }
    found
}

/// A name at `start`, with `.name` parts after it (`a.b`), as filters and tests may be
/// named: the name, where it starts, and the index of the token after it.
fn dotted_name(tokens: &[Token], start: usize) -> Option<(String, usize, usize)> {
    let Some(Token::Name(first, at)) = tokens.get(start) else {
        return None;
    };
    let mut name = first.clone();
    let mut next = start + 1;
    while let (Some(Token::Punct(b'.')), Some(Token::Name(part, _))) =
        (tokens.get(next), tokens.get(next + 1))
    {
        name.push('.');
        name.push_str(part);
        next += 2;
    }
    Some((name, *at, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(source: &str) -> Vec<(Kind, String, usize)> {
        uses(source)
            .into_iter()
            .map(|u| (u.kind, u.name, u.line))
            .collect()
    }

    #[test]
    fn filters_tests_and_calls_with_their_lines() {
        let source = "{{ title | upper|truncate(10) }}\n\
                      {% if date is not defined and x is sameas(none) %}{{ range(3) | join(',') }}{% endif %}\n\
                      {%- filter lower|trim -%}x{% endfilter %}{% set y | wordcount %}z{% endset %}\n\
                      {{ loop.cycle('a') }}{{ record.meta.get('x') }}{{ a|my.filter }}";
        assert_eq!(
            named(source),
            vec![
                (Kind::Filter, "upper".into(), 1),
                (Kind::Filter, "truncate".into(), 1),
                (Kind::Test, "defined".into(), 2),
                (Kind::Test, "sameas".into(), 2),
                (Kind::Function, "range".into(), 2),
                (Kind::Filter, "join".into(), 2),
                (Kind::Filter, "lower".into(), 3),
                (Kind::Filter, "trim".into(), 3),
                (Kind::Filter, "wordcount".into(), 3),
                (Kind::Filter, "my.filter".into(), 4),
            ]
        );
    }

    #[test]
    fn strings_comments_raw_blocks_and_text_are_not_code() {
        let source = "a | b {{ \"x | nope\" ~ 'it\\'s | nope' }} {# {{ x | nope }} #}\n\
                      {%- raw -%}{{ x | nope }}{% endraw %}{{ {'a': {'b': 1}} | length }}\
                      {% raw %}{% endraw %}{{ 1|string }}";
        assert_eq!(
            named(source),
            vec![
                (Kind::Filter, "length".into(), 2),
                (Kind::Filter, "string".into(), 2),
            ]
        );
    }

    #[test]
    fn unclosed_tags_end_the_scan() {
        assert_eq!(
            named("{{ x | upper"),
            vec![(Kind::Filter, "upper".into(), 1)]
        );
        assert!(named("{# x | nope").is_empty());
        assert!(named("{% raw %}{{ x | nope }}").is_empty());
    }
}
