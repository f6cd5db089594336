//! Tokens of a `--where` expression, each with the column it starts at (1-based, in characters).

use super::WhereError;

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A field path such as `meta.source` (segments split on `.`), or a function name.
    Path(Vec<String>),
    Str(String),
    Num(f64),
    /// `== != < <= > >=`
    Op(&'static str),
    /// `and or not in contains matches true false null`
    Word(&'static str),
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
    End,
}

impl Token {
    /// How a message names the token.
    pub fn describe(&self) -> String {
        match self {
            Token::Path(p) => format!("`{}`", p.join(".")),
            Token::Str(s) => format!("the string {s:?}"),
            Token::Num(n) => format!("the number {n}"),
            Token::Op(op) => format!("`{op}`"),
            Token::Word(w) => format!("`{w}`"),
            Token::Open => "`(`".into(),
            Token::Close => "`)`".into(),
            Token::OpenList => "`[`".into(),
            Token::CloseList => "`]`".into(),
            Token::Comma => "`,`".into(),
            Token::End => "the end of the expression".into(),
        }
    }
}

const WORDS: &[&str] = &[
    "and", "or", "not", "in", "contains", "matches", "true", "false", "null",
];
const OPS: &[&str] = &["==", "!=", "<=", ">=", "<", ">"];

/// Splits `source` into tokens; the last one is always [`Token::End`].
pub fn tokens(source: &str) -> Result<Vec<(usize, Token)>, WhereError> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let (token, next) = match c {
            '(' => (Token::Open, i + 1),
            ')' => (Token::Close, i + 1),
            '[' => (Token::OpenList, i + 1),
            ']' => (Token::CloseList, i + 1),
            ',' => (Token::Comma, i + 1),
            '"' | '\'' => string(&chars, i)?,
            '=' | '!' | '<' | '>' => operator(&chars, i)?,
            c if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) =>
            {
                number(&chars, i)?
            }
            c if is_ident_start(c) => path(&chars, i)?,
            other => {
                return Err(WhereError::new(
                    column,
                    format!("unexpected character {other:?}"),
                ))
            }
        };
        out.push((column, token));
        i = next;
    }
    out.push((chars.len() + 1, Token::End));
    Ok(out)
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

fn string(chars: &[char], start: usize) -> Result<(Token, usize), WhereError> {
    let quote = chars[start];
    let mut text = String::new();
    let mut i = start + 1;
    while let Some(&c) = chars.get(i) {
        match c {
            c if c == quote => return Ok((Token::Str(text), i + 1)),
            '\\' => {
                let escaped = match chars.get(i + 1) {
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some(&c @ ('\\' | '"' | '\'')) => c,
                    Some(other) => {
                        return Err(WhereError::new(
                            i + 1,
                            format!("unknown escape \\{other} in a string"),
                        ))
                    }
                    None => break,
                };
                text.push(escaped);
                i += 2;
            }
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    Err(WhereError::new(start + 1, "string is not closed"))
}

fn operator(chars: &[char], start: usize) -> Result<(Token, usize), WhereError> {
    let two: String = chars[start..chars.len().min(start + 2)].iter().collect();
    let op = OPS.iter().find(|op| two.starts_with(*op)).ok_or_else(|| {
        WhereError::new(
            start + 1,
            format!("unknown operator {two:?} (use == != < <= > >=)"),
        )
    })?;
    Ok((Token::Op(op), start + op.chars().count()))
}

fn number(chars: &[char], start: usize) -> Result<(Token, usize), WhereError> {
    let mut end = start + 1;
    while chars
        .get(end)
        .is_some_and(|c| c.is_ascii_digit() || *c == '.')
    {
        end += 1;
    }
    let text: String = chars[start..end].iter().collect();
    match text.parse::<f64>() {
        Ok(n) => Ok((Token::Num(n), end)),
        Err(_) => Err(WhereError::new(
            start + 1,
            format!("{text:?} is not a number"),
        )),
    }
}

fn path(chars: &[char], start: usize) -> Result<(Token, usize), WhereError> {
    let mut segments = Vec::new();
    let mut i = start;
    loop {
        let begin = i;
        while chars.get(i).is_some_and(|c| is_ident_char(*c)) {
            i += 1;
        }
        if i == begin {
            return Err(WhereError::new(i + 1, "expected a field name after `.`"));
        }
        segments.push(chars[begin..i].iter().collect::<String>());
        if chars.get(i) != Some(&'.') {
            break;
        }
        i += 1;
    }
    if let [one] = segments.as_slice() {
        if let Some(word) = WORDS.iter().find(|w| **w == one.as_str()) {
            return Ok((Token::Word(word), i));
        }
    }
    Ok((Token::Path(segments), i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_paths_words_strings_and_operators() {
        let toks: Vec<Token> = tokens("meta.source == \"新浪\" and len(tags) >= 2")
            .unwrap()
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            toks,
            [
                Token::Path(vec!["meta".into(), "source".into()]),
                Token::Op("=="),
                Token::Str("新浪".into()),
                Token::Word("and"),
                Token::Path(vec!["len".into()]),
                Token::Open,
                Token::Path(vec!["tags".into()]),
                Token::Close,
                Token::Op(">="),
                Token::Num(2.0),
                Token::End,
            ]
        );
    }

    #[test]
    fn columns_count_characters() {
        let toks = tokens("标题 == 'x'").unwrap();
        assert_eq!(
            toks.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            [1, 4, 7, 10]
        );
    }

    #[test]
    fn errors_name_the_column() {
        assert_eq!(tokens("a = 1").unwrap_err().column, 3);
        assert_eq!(tokens("a == \"open").unwrap_err().column, 6);
        assert_eq!(tokens("a == #").unwrap_err().column, 6);
        assert_eq!(tokens("meta. == 1").unwrap_err().column, 6);
    }
}
