//! Recursive-descent parser for `--where`; the grammar is in docs/folio-filter.md:
//!
//! ```text
//! expr    = and ("or" and)*
//! and     = unary ("and" unary)*
//! unary   = "not" unary | "(" expr ")" | test
//! test    = operand [ op operand | "in" operand | "contains" operand | "matches" STRING ]
//! operand = PATH | STRING | NUMBER | true | false | null | list | len "(" PATH ")" | exists "(" PATH ")"
//! list    = "[" [ operand ("," operand)* ] "]"
//! ```

use regex::Regex;
use serde_json::Value;

use super::lex::{tokens, Token};
use super::{Expr, Operand, WhereError};

/// How deep `(`, `not` and `[` may nest. The parser and the evaluator recurse once per level,
/// so an expression of ten thousand `(` would otherwise overflow the stack; no expression a
/// person writes comes near this.
pub const MAX_NESTING: usize = 256;

struct Parser {
    tokens: Vec<(usize, Token)>,
    at: usize,
    /// `(`, `not` and `[` open around the token being read.
    depth: usize,
}

/// Parses a whole expression.
pub fn parse(source: &str) -> Result<Expr, WhereError> {
    let mut parser = Parser {
        tokens: tokens(source)?,
        at: 0,
        depth: 0,
    };
    if parser.peek() == &Token::End {
        return Err(WhereError::new(1, "the expression is empty"));
    }
    let expr = parser.or()?;
    match parser.peek() {
        Token::End => Ok(expr),
        other => Err(parser.error(format!(
            "expected `and`, `or` or the end, found {}",
            other.describe()
        ))),
    }
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.at].1
    }

    fn column(&self) -> usize {
        self.tokens[self.at].0
    }

    fn next(&mut self) -> Token {
        let token = self.tokens[self.at].1.clone();
        if token != Token::End {
            self.at += 1;
        }
        token
    }

    fn error(&self, why: impl Into<String>) -> WhereError {
        WhereError::new(self.column(), why)
    }

    fn expect(&mut self, want: Token, context: &str) -> Result<(), WhereError> {
        if self.peek() == &want {
            self.next();
            return Ok(());
        }
        Err(self.error(format!(
            "expected {} {context}, found {}",
            want.describe(),
            self.peek().describe()
        )))
    }

    /// Counts one more level of nesting, or refuses it past [`MAX_NESTING`].
    fn descend(&mut self, column: usize) -> Result<(), WhereError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(WhereError::new(
                column,
                format!(
                    "the expression nests deeper than {MAX_NESTING} levels of `(`, `not` and `[`"
                ),
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, WhereError> {
        let mut terms = vec![self.and()?];
        while self.peek() == &Token::Word("or") {
            self.next();
            terms.push(self.and()?);
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Expr::Or(terms)
        })
    }

    fn and(&mut self) -> Result<Expr, WhereError> {
        let mut terms = vec![self.unary()?];
        while self.peek() == &Token::Word("and") {
            self.next();
            terms.push(self.unary()?);
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Expr::And(terms)
        })
    }

    fn unary(&mut self) -> Result<Expr, WhereError> {
        match self.peek() {
            Token::Word("not") => {
                self.descend(self.column())?;
                self.next();
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
            }
            Token::Open => {
                self.descend(self.column())?;
                self.next();
                let inner = self.or()?;
                self.expect(Token::Close, "to close `(`")?;
                self.depth -= 1;
                Ok(inner)
            }
            _ => self.test(),
        }
    }

    fn test(&mut self) -> Result<Expr, WhereError> {
        let left = self.operand()?;
        match self.peek().clone() {
            Token::Op(op) => {
                self.next();
                Ok(Expr::Compare(left, op, self.operand()?))
            }
            Token::Word("in") => {
                self.next();
                Ok(Expr::In(left, self.operand()?))
            }
            Token::Word("contains") => {
                self.next();
                Ok(Expr::Contains(left, self.operand()?))
            }
            Token::Word("matches") => {
                self.next();
                Ok(Expr::Matches(left, self.regex()?))
            }
            _ => Ok(Expr::Truthy(left)),
        }
    }

    fn regex(&mut self) -> Result<Regex, WhereError> {
        let column = self.column();
        match self.next() {
            Token::Str(pattern) => Regex::new(&pattern).map_err(|err| {
                let why = err.to_string();
                let last = why.lines().last().unwrap_or("invalid").trim().to_owned();
                WhereError::new(column, format!("invalid regex: {last}"))
            }),
            other => Err(WhereError::new(
                column,
                format!(
                    "expected a regex string after `matches`, found {}",
                    other.describe()
                ),
            )),
        }
    }

    fn operand(&mut self) -> Result<Operand, WhereError> {
        let column = self.column();
        match self.next() {
            Token::Str(s) => Ok(Operand::Literal(Value::String(s))),
            Token::Num(n) => Ok(Operand::Literal(number(n))),
            Token::Word("true") => Ok(Operand::Literal(Value::Bool(true))),
            Token::Word("false") => Ok(Operand::Literal(Value::Bool(false))),
            Token::Word("null") => Ok(Operand::Literal(Value::Null)),
            Token::OpenList => {
                self.descend(column)?;
                let list = self.list()?;
                self.depth -= 1;
                Ok(list)
            }
            Token::Path(path) if self.peek() == &Token::Open => self.call(column, path),
            Token::Path(path) => Ok(Operand::Path(path)),
            other => Err(WhereError::new(
                column,
                format!(
                    "expected a field, a value or a list, found {}",
                    other.describe()
                ),
            )),
        }
    }

    fn list(&mut self) -> Result<Operand, WhereError> {
        let mut items = Vec::new();
        if self.peek() == &Token::CloseList {
            self.next();
            return Ok(Operand::List(items));
        }
        loop {
            items.push(self.operand()?);
            match self.next() {
                Token::Comma => continue,
                Token::CloseList => return Ok(Operand::List(items)),
                other => {
                    self.at -= usize::from(other != Token::End);
                    return Err(self.error(format!(
                        "expected `,` or `]` in a list, found {}",
                        other.describe()
                    )));
                }
            }
        }
    }

    fn call(&mut self, column: usize, name: Vec<String>) -> Result<Operand, WhereError> {
        let name = name.join(".");
        if name != "len" && name != "exists" {
            return Err(WhereError::new(
                column,
                format!("unknown function `{name}` (there are len and exists)"),
            ));
        }
        self.next();
        let arg_column = self.column();
        let path = match self.next() {
            Token::Path(path) => path,
            other => {
                return Err(WhereError::new(
                    arg_column,
                    format!("`{name}` takes a field, found {}", other.describe()),
                ))
            }
        };
        self.expect(Token::Close, &format!("to close `{name}(`"))?;
        Ok(if name == "len" {
            Operand::Len(path)
        } else {
            Operand::Exists(path)
        })
    }
}

fn number(n: f64) -> Value {
    serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(source: &str) -> (usize, String) {
        let err = parse(source).unwrap_err();
        (err.column, err.why)
    }

    #[test]
    fn precedence_is_not_then_and_then_or() {
        let expr = parse("a or b and not c").unwrap();
        let Expr::Or(terms) = expr else {
            panic!("or at the top")
        };
        assert!(matches!(&terms[1], Expr::And(inner) if matches!(inner[1], Expr::Not(_))));
    }

    #[test]
    fn parses_every_form() {
        for ok in [
            "date >= \"2022-05-01\"",
            "categories contains '金融' and (lang == 'zh' or lang == 'en')",
            "source.site in [\"a.com\", 'b.com']",
            "title matches \"(?i)bank\"",
            "len(tags) > 2 and exists(meta.source) and not exists(image)",
            "credits.editor",
            "meta.comments == true",
            "x in []",
        ] {
            parse(ok).unwrap_or_else(|e| panic!("{ok}: {}", e.why));
        }
    }

    #[test]
    fn errors_point_at_the_mistake() {
        assert_eq!(column("date >=").0, 8);
        assert_eq!(column("(a == 1").0, 8);
        assert_eq!(column("a == 1 b").0, 8);
        assert_eq!(column("size(tags) > 1").0, 1);
        assert_eq!(column("len('x')").0, 5);
        assert_eq!(column("title matches \"(\"").0, 15);
        assert_eq!(column("x in [1 2]").0, 9);
        assert_eq!(column("").0, 1);
        assert!(column("and").1.contains("found `and`"));
    }

    #[test]
    fn nesting_has_a_limit_instead_of_a_stack_overflow() {
        let ok = format!("{}x{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        parse(&ok).unwrap();
        for deep in [
            format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000)),
            format!("{}x", "not ".repeat(20_000)),
            format!("x in {}1{}", "[".repeat(10_000), "]".repeat(10_000)),
            format!("{}x{}", "(not ".repeat(5_000), ")".repeat(5_000)),
        ] {
            let (column, why) = column(&deep);
            assert!(why.contains("nests deeper than 256"), "{why}");
            assert!(column > MAX_NESTING, "{column}");
        }
    }
}
