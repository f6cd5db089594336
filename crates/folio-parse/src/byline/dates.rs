//! Dates as bylines print them (`2022-05-08 18:46`, `2022年5月8日`, full-width digits), found
//! in the byline, beside a label (`发布时间：`), or first in the page's text.

use std::sync::LazyLock;

use regex::Regex;

/// The labels of a byline's fields.
pub(crate) static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(责任编辑|来源|作者|编辑|记者|撰稿|执笔人|执笔|发布者|发布人|出处|文)\s*[:：]\s*")
        .expect("valid regex")
});

pub(crate) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9０-９]{4})\s*[-/.年]\s*([0-9０-９]{1,2})\s*[-/.月]\s*([0-9０-９]{1,2})\s*日?(?:\s*([0-9０-９]{1,2})\s*[:：时]\s*([0-9０-９]{1,2})(?:\s*[:：分]\s*([0-9０-９]{1,2}))?)?")
        .expect("valid regex")
});

/// A date announced as the publication time (`发布时间：…`, `发表于 …`).
pub(crate) static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发表于|发布于|发布时间|发表时间|发布日期|发表日期|更新时间|时间|日期|发布|发表)\s*[:：]?\s*([0-9０-９]{4}\s*[-/.年])")
        .expect("valid regex")
});

/// Whether `text` has four digits in a row, ASCII or full-width ([`DATE`]'s year).
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            run + 1
        } else {
            0
        };
        if run == 4 {
            return true;
        }
    }
    false
}

/// Whether `text` has a character from U+4000 to U+9FFF, which holds every Chinese word the
/// label patterns ([`LABEL`], [`LABELLED_DATE`], [`REPORTER`]) need. An English page skips
/// them, and never pays for building them.
pub(crate) fn has_chinese_words(text: &str) -> bool {
    text.bytes().any(|b| (0xE4..=0xE9).contains(&b))
}

pub(crate) fn first_date(text: &str, with_time: bool) -> Option<String> {
    // A date starts with a year: a text without four digits in a row is settled without the
    // pattern, which would be built for it.
    if !has_four_digits(text) {
        return None;
    }
    DATE.captures_iter(text)
        .find(|c| !with_time || c.get(4).is_some())
        .map(|c| normalise_date(&c))
}

pub(crate) fn labelled_date(text: &str) -> Option<String> {
    if !has_chinese_words(text) {
        return None;
    }
    let label = LABELLED_DATE.captures(text)?;
    let from = label.get(1)?.start();
    DATE.captures(&text[from..]).map(|c| normalise_date(&c))
}

/// How far from a byline label (`来源：`, `作者：`…) a date still belongs to that byline.
pub(crate) const BESIDE_LABEL: usize = 60;

/// The first date written next to a byline label, before or after it: `2005年08月16日
/// 来源：新华网`, or `作者：张三 <br> 译：李四 <br> 2005年1月2日` (a byline over several lines).
pub(crate) fn date_beside_label(text: &str) -> Option<String> {
    if !has_chinese_words(text) {
        return None;
    }
    LABEL.find_iter(text).find_map(|label| {
        let from = floor_char_boundary(text, label.start().saturating_sub(BESIDE_LABEL));
        let to = floor_char_boundary(text, label.end() + BESIDE_LABEL * 2);
        DATE.captures(&text[from..to]).map(|c| normalise_date(&c))
    })
}

pub(crate) fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The date as `YYYY-MM-DD[ HH:MM[:SS]]`. The patterns take ASCII and full-width digits
/// (`２０２２`, which Chinese pages use), read as the digits they are; naming the two ranges
/// rather than Unicode's `\d` also makes the patterns a quarter as costly to build.
pub(crate) fn normalise_date(caps: &regex::Captures) -> String {
    let num = |i: usize| caps.get(i).map(|m| number(m.as_str()));
    let mut out = format!(
        "{:04}-{:02}-{:02}",
        number(&caps[1]),
        num(2).unwrap_or(1),
        num(3).unwrap_or(1)
    );
    if let (Some(h), Some(m)) = (num(4), num(5)) {
        out.push_str(&format!(" {h:02}:{m:02}"));
        if let Some(s) = num(6) {
            out.push_str(&format!(":{s:02}"));
        }
    }
    out
}

/// The value of a run of decimal digits, ASCII or full-width (0 for any other digit).
pub(crate) fn number(digits: &str) -> u32 {
    digits.chars().fold(0, |n, c| {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => 0,
        };
        n.saturating_mul(10).saturating_add(digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_text_with_a_year_is_searched_for_dates() {
        assert!(!has_four_digits("Hello world, 12 May, 123 days."));
        assert!(has_four_digits("2024年5月12日"));
        assert!(has_four_digits("２０２４年"));
        assert!(has_four_digits("on 1998-04-01"));
        assert_eq!(first_date("no year here: 12/05", false), None);
        assert!(first_date("2024-05-12 10:30", true).is_some());
    }
}
