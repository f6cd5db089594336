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

/// A date written with its month named or in the European order, as English, German,
/// French and Spanish pages print it under a headline: `March 3, 2017 11:00 PM`,
/// `3 March 2017`, `5. November 2021, 10:39`, `03.11.2021 07:00`, `30 septembre 2018`,
/// `23 de enero de 2022`. It reads text with its ASCII letters lowered (which keeps every
/// offset): without case folding the pattern costs a fraction to build.
static WRITTEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<en>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)[0-9]{2}",
        r"(?:,?\s+(?:at\s+)?[0-9]{1,2}:[0-9]{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4}\b)?)?",
        r"|[0-9]{1,2}(?:st|nd|rd|th)?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:19|20)[0-9]{2}",
        r"(?:,?\s+[0-9]{1,2}:[0-9]{2})?)",
        r"|\b(?P<day>[0-9]{1,2})(?:\.\s?|\s+|\s+de\s+)(?P<month>[a-zäéû]+)(?:\s+de)?\s+(?P<year>(?:19|20)[0-9]{2})",
        r"(?:,?\s+(?:um\s+)?(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}))?",
        r"|\b(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>(?:19|20)[0-9]{2})",
        r"(?:,?\s+(?P<h>[0-9]{1,2}):(?P<min>[0-9]{2}))?",
    ))
    .expect("valid regex")
});

/// Most of a line that dates a story is its date: what else it holds is a label, a name or
/// a place (`Von Max Muster | … Uhr`, `Pressemitteilung vom … | Berlin`), in characters.
const BESIDE_DATE: usize = 40;

/// The date a line of its own gives ([`written_date`]), when the line is mostly that date
/// and not a sentence that mentions one.
pub(crate) fn date_line(line: &str) -> Option<String> {
    let (date, chars) = written_date(line)?;
    (line.chars().count() <= chars + BESIDE_DATE).then_some(date)
}

/// The first date `text` writes out ([`WRITTEN_DATE`]), with the length of what it matched
/// in characters: an English one as written (the date parser reads it, zone words and all),
/// the others as `YYYY-MM-DD[ HH:MM]`.
fn written_date(text: &str) -> Option<(String, usize)> {
    if !has_four_digits(text) {
        return None;
    }
    let lowered = text.to_ascii_lowercase();
    WRITTEN_DATE.captures_iter(&lowered).find_map(|c| {
        let whole = c.get(0)?;
        let chars = whole.as_str().chars().count();
        // Text nodes set side by side without a space (`28.09.19` `12:13`) glue a time to a
        // year; and no page was on the web before 1990.
        let glued = text[whole.end()..].starts_with(|c: char| c.is_ascii_digit() || c == ':');
        let before_web = whole
            .as_str()
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && number(n) < 1990);
        if glued || before_web {
            return None;
        }
        if let Some(english) = c.name("en") {
            return Some((text[english.range()].to_owned(), chars));
        }
        let (day, month, year, hour, minute) = if let Some(day) = c.name("day") {
            let name = c["month"].to_lowercase();
            let month = folio_model::date::month_number(&name)?;
            (day, month, &c["year"], c.name("hour"), c.name("minute"))
        } else {
            let month = number(&c["m"]);
            (c.name("d")?, month, &c["y"], c.name("h"), c.name("min"))
        };
        let day = number(day.as_str());
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let mut out = format!("{year}-{month:02}-{day:02}");
        if let (Some(h), Some(m)) = (hour, minute) {
            out.push_str(&format!(" {:02}:{}", number(h.as_str()), m.as_str()));
        }
        Some((out, chars))
    })
}

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
    fn dates_written_out() {
        let cases = [
            (
                "By Jane Roe March 3, 2017 11:00 PM PST",
                Some("March 3, 2017 11:00 PM PST"),
            ),
            ("Updated 3 March 2017", Some("3 March 2017")),
            (
                "Sept. 9, 2019 at 7:05 pm ET",
                Some("Sept. 9, 2019 at 7:05 pm ET"),
            ),
            ("5. November 2021, 10:39 Uhr", Some("2021-11-05 10:39")),
            ("Datum: 03.11.2021", Some("2021-11-03")),
            ("10.12.2022 07:00 | Tilman", Some("2022-12-10 07:00")),
            ("Fr, 18. Oktober 2019", Some("2019-10-18")),
            ("le 15 septembre 2009", Some("2009-09-15")),
            ("23 de enero de 2022", Some("2022-01-23")),
            ("Seite 1 von 2", None),
            ("31.13.2020", None),
            ("Version 2.0.2020", None),
            ("28.09.1912:13", None),
            ("28. September 1912", None),
        ];
        for (text, expected) in cases {
            assert_eq!(date_line(text).as_deref(), expected, "{text}");
        }
        // A sentence that mentions a date does not date the story.
        assert_eq!(
            date_line("The first film was shot here on 21 August 1998, when the halls were new."),
            None
        );
    }

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
