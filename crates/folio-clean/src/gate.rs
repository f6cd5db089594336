//! A necessary condition for a list of regexes, read off their syntax: literals one of which
//! every match must hold. A text with none of them cannot match, so it is settled without the
//! regexes, and they are compiled only when a text first could match: compiling the rules'
//! Unicode patterns (`.{0,30}` is thirty copies of a UTF-8 automaton) was most of
//! folio-clean's start-up, and most records never need them.
//!
//! The literals come from regex-syntax, the parser the regex crate itself uses, so they are
//! read from the very syntax tree the patterns compile from.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// How much of each prefix an anchored gate compares: a Chinese character, or three letters.
const PREFIX_BYTES: usize = 3;
/// Sets of literals with more members than this are not worth a gate.
const MAX_LITERALS: usize = 256;

/// Which texts could match.
pub(crate) enum Gate {
    /// Some pattern needs no literal: every text could match.
    Open,
    /// Every match holds one of these somewhere.
    Within(AhoCorasick),
    /// Every match starts with one of these, listed by their first byte: the few a text's
    /// first byte picks are compared, and the list costs nothing to build (a case-insensitive
    /// label makes dozens of spellings).
    AtStart(Vec<Vec<Vec<u8>>>),
}

impl Gate {
    /// For patterns that match anywhere in a text: every match holds one of the literals.
    pub fn within(patterns: &[String]) -> Gate {
        let mut all = Vec::new();
        for pattern in patterns {
            match parse(pattern, false).as_ref().and_then(required) {
                Some(literals) => all.extend(literals),
                None => return Gate::Open,
            }
        }
        if !usable(&all) {
            return Gate::Open;
        }
        // An NFA: the texts asked about are paragraphs, and a DFA costs more to build than
        // the regexes the gate spares.
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&all)
            .map_or(Gate::Open, Gate::Within)
    }

    /// For one pattern matched at a text's start (`^…`): every match begins with one of the
    /// literals.
    pub fn at_start(pattern: &str, case_insensitive: bool) -> Gate {
        let Some(hir) = parse(pattern, case_insensitive) else {
            return Gate::Open;
        };
        // A character's worth of each prefix tells most texts apart, and a case-insensitive
        // label's spellings multiply with every letter taken.
        let prefixes = Extractor::new()
            .kind(ExtractKind::Prefix)
            .limit_literal_len(PREFIX_BYTES)
            .extract(&hir);
        let Some(literals) = prefixes.literals() else {
            return Gate::Open;
        };
        let literals: Vec<Vec<u8>> = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
        if !usable(&literals) {
            return Gate::Open;
        }
        let mut by_first_byte = vec![Vec::new(); 256];
        for literal in literals {
            by_first_byte[usize::from(literal[0])].push(literal);
        }
        Gate::AtStart(by_first_byte)
    }

    /// Whether `text` could match one of the patterns.
    pub fn admits(&self, text: &str) -> bool {
        match self {
            Gate::Open => true,
            Gate::Within(literals) => literals.is_match(text),
            Gate::AtStart(by_first_byte) => text.as_bytes().first().is_some_and(|&first| {
                by_first_byte[usize::from(first)]
                    .iter()
                    .any(|literal| text.as_bytes().starts_with(literal))
            }),
        }
    }
}

/// Whether a set of literals makes a gate: not empty, not too many, none empty (an empty
/// literal is in every text).
fn usable(literals: &[Vec<u8>]) -> bool {
    !literals.is_empty() && literals.len() <= MAX_LITERALS && literals.iter().all(|l| !l.is_empty())
}

/// The pattern's syntax tree, parsed as the regex crate parses it; `None` when it does not
/// parse (compiling it reports why).
fn parse(pattern: &str, case_insensitive: bool) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .ok()
}

/// Literals one of which every match of `hir` holds, when there are such.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(vec![literal.0.to_vec()]),
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => required(&repetition.sub),
        // Of the parts that every match holds, the one whose shortest literal is longest.
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(required)
            .max_by_key(|set| set.iter().map(Vec::len).min().unwrap_or(0)),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            Some(all)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn within(patterns: &[&str]) -> Gate {
        Gate::within(&patterns.iter().map(|p| p.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn texts_without_a_required_literal_are_kept_out() {
        let gate = within(&[
            r"^(?:扫描|扫|长按|识别)(?:下方|上方|图中)?二维码.{0,30}$",
            r"^.{0,20}(?:下载|打开|关注).{0,12}(?:APP|App|app|客户端|公众号).{0,20}$",
        ]);
        assert!(gate.admits("长按识别二维码关注我们"));
        assert!(gate.admits("下载新闻客户端"));
        assert!(!gate.admits("The ferry left the harbour an hour late."));
        assert!(!gate.admits("今天天气很好。"));
    }

    #[test]
    fn a_pattern_that_needs_no_literal_opens_the_gate() {
        let gate = within(&[r"^返回.{1,12}$", r"^.{0,5}$"]);
        assert!(gate.admits("anything at all"));
        assert!(within(&["(unclosed"]).admits("anything"));
    }

    #[test]
    fn prefixes_are_read_with_the_case_the_regex_ignores() {
        let gate = Gate::at_start(
            r"^(?:(?:责任编辑\s*[：:]\s*)|(?:By\s+)|(?:Source\s*:\s*))",
            true,
        );
        assert!(gate.admits("by Ann Reed"));
        assert!(gate.admits("SOURCE: wire"));
        assert!(gate.admits("责任编辑：张三"));
        assert!(!gate.admits("Hello world, this is a test."));
        assert!(!gate.admits("Written by Ann Reed"), "only at the start");
    }

    /// The gate never keeps out a text that a pattern matches: every text of a sample that
    /// matches is admitted.
    #[test]
    fn the_gate_is_only_a_necessary_condition() {
        let patterns = [
            r"^(?:Download|Get) (?:our|the) app(?:[ ,.:!].{0,60})?$",
            r"^(?:相关阅读|相关新闻|Related(?: articles| stories)?)[:：]?$",
            r"^https?://(?:[a-z0-9-]+\.)*picsum\.photos/",
            r"^返回.{1,12}[，,]\s*查看更多$",
        ];
        let gate = within(&patterns);
        let texts = [
            "Download our app",
            "Get the app: free, fast",
            "Related stories",
            "相关新闻：",
            "https://i.picsum.photos/id/1/200",
            "返回搜狐，查看更多",
            "Related to this, nothing",
            "a plain sentence",
        ];
        for text in texts {
            let matches = patterns
                .iter()
                .any(|p| Regex::new(p).unwrap().is_match(text));
            assert!(
                !matches || gate.admits(text),
                "{text:?} matches but is kept out"
            );
        }
        assert!(!gate.admits("a plain sentence"));
    }
}
