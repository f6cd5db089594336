//! `--where EXPR`: a small expression language over the record's JSON, for what flags cannot
//! say. [`Where::parse`] reports a mistake with its column; [`Where::eval`] never fails (a
//! missing field is `null`).

mod eval;
mod lex;
mod parse;

use folio_model::date::Zone;
use folio_model::Record;
use regex::Regex;
use serde_json::Value;

pub use eval::{lookup, truthy};

/// A parsed boolean expression.
#[derive(Debug)]
pub enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    Compare(Operand, &'static str, Operand),
    In(Operand, Operand),
    Contains(Operand, Operand),
    Matches(Operand, Regex),
    Truthy(Operand),
}

/// A value an expression compares.
#[derive(Debug)]
pub enum Operand {
    Path(Vec<String>),
    Literal(Value),
    List(Vec<Operand>),
    Len(Vec<String>),
    Exists(Vec<String>),
}

/// A mistake in an expression, at a 1-based character column.
#[derive(Debug, Clone, PartialEq)]
pub struct WhereError {
    pub column: usize,
    pub why: String,
}

impl WhereError {
    pub fn new(column: usize, why: impl Into<String>) -> Self {
        WhereError {
            column,
            why: why.into(),
        }
    }

    /// `at column N: why`, then the expression and a caret under the mistake.
    pub fn render(&self, source: &str) -> String {
        let pad: usize = source
            .chars()
            .take(self.column - 1)
            .map(display_width)
            .sum();
        format!(
            "at column {}: {}\n  {}\n  {}^",
            self.column,
            self.why,
            source,
            " ".repeat(pad)
        )
    }
}

/// Terminal columns a character takes: two for East Asian wide characters, so the caret
/// lines up under Chinese text.
fn display_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// A compiled `--where` expression and the zone its dates are read in.
#[derive(Debug)]
pub struct Where {
    expr: Expr,
    zone: Zone,
}

impl Where {
    pub fn parse(source: &str, zone: Zone) -> Result<Where, WhereError> {
        Ok(Where {
            expr: parse::parse(source)?,
            zone,
        })
    }

    pub fn eval(&self, record: &Record) -> bool {
        eval::eval(&self.expr, record, &self.zone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_column() {
        let source = "标题 == 'x' and";
        let err = Where::parse(source, Zone::default()).unwrap_err();
        assert_eq!(err.column, 14);
        assert_eq!(
            err.render(source),
            "at column 14: expected a field, a value or a list, found the end of the expression\n  标题 == 'x' and\n                 ^"
        );
    }
}
