//! The date normaliser every tool uses: the many ways news sites write a time, to one instant.

use std::str::FromStr;

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;

/// The zone given to times written without one (`--tz`): an IANA name or a fixed offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    Named(Tz),
    Fixed(FixedOffset),
}

impl Default for Zone {
    fn default() -> Self {
        Zone::Fixed(FixedOffset::east_opt(0).expect("zero offset is valid"))
    }
}

impl FromStr for Zone {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.eq_ignore_ascii_case("utc") || text == "Z" {
            return Ok(Zone::default());
        }
        if let Some(offset) = parse_offset(text) {
            return Ok(Zone::Fixed(offset));
        }
        text.parse::<Tz>().map(Zone::Named).map_err(|_| {
            format!("unknown time zone {text:?} (use an IANA name such as Asia/Shanghai, or an offset such as +08:00)")
        })
    }
}

impl Zone {
    /// The instant a wall-clock time names in this zone. In a gap (spring forward) the time is
    /// taken as the instant after it; in an overlap, the earlier of the two.
    pub fn resolve(&self, naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
        match self {
            Zone::Fixed(offset) => pick(offset.from_local_datetime(&naive)),
            Zone::Named(tz) => match tz.from_local_datetime(&naive) {
                LocalResult::None => tz
                    .from_local_datetime(&(naive + chrono::Duration::hours(1)))
                    .earliest()
                    .map(|t| t.fixed_offset()),
                other => other.earliest().map(|t| t.fixed_offset()),
            },
        }
    }
}

fn pick(result: LocalResult<DateTime<FixedOffset>>) -> Option<DateTime<FixedOffset>> {
    result.earliest()
}

/// `+08:00`, `+0800`, `-05`, `UTC+8`, `GMT+08:00`.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let rest = text
        .strip_prefix("UTC")
        .or_else(|| text.strip_prefix("GMT"))
        .unwrap_or(text);
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        _ => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Date-and-time forms written without a zone, tried in order.
const NAIVE_DATETIME: &[&str] = &[
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H:%M:%S",
    "%Y年%m月%d日%H:%M",
    "%Y年%m月%d日 %H时%M分",
    "%Y年%m月%d日%H时%M分",
    "%Y%m%dT%H%M%S",
    "%Y%m%dT%H%M",
];

/// Date-only forms, read as midnight in the zone.
const NAIVE_DATE: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"];

/// Forms that carry their own offset.
const ZONED: &[&str] = &[
    "%Y%m%dT%H%M%S%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%dT%H:%M%z",
    "%Y/%m/%d %H:%M:%S %z",
];

/// Reads a date written in any of the forms docs/model.md lists; `None` when it names no date.
/// Times without a zone are taken in `zone`.
pub fn parse(raw: &str, zone: &Zone) -> Option<DateTime<FixedOffset>> {
    let text = raw.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) && text.len() != 8 {
        return parse_unix(text.parse().ok()?);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t);
    }
    let text = &normalise(text);
    // Only text with a sign after the date part can carry an offset; skipping the zoned
    // forms otherwise halves the cost of the common naive dates.
    if text.get(10..).is_some_and(|time| time.contains(['+', '-'])) {
        for form in ZONED {
            if let Ok(t) = DateTime::parse_from_str(text, form) {
                return Some(t);
            }
        }
    }
    if let Some(t) = text.strip_suffix('Z').and_then(naive_datetime) {
        return Some(Utc.from_utc_datetime(&t).fixed_offset());
    }
    naive_datetime(text)
        .and_then(|t| zone.resolve(t))
        .or_else(|| with_zone_word(text))
        .or_else(|| month_named(text, zone))
}

/// A numeric date and time followed by a zone word, with or without a space:
/// `2021-01-03T17:40:00EET`, `2019-11-19 19:47 EST`.
fn with_zone_word(text: &str) -> Option<DateTime<FixedOffset>> {
    let time = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if time.len() == text.len() {
        return None;
    }
    let zone = zone_word(&text[time.len()..].to_ascii_lowercase())?;
    zone.resolve(naive_datetime(time.trim_end())?)
}

/// Forms with the month named, as US and UK news sites write them (the month in English by
/// then), times with or without AM/PM.
const ENGLISH_DATETIME: &[&str] = &[
    "%B %d %Y %I:%M %p",
    "%B %d %Y %I:%M:%S %p",
    "%B %d %Y %H:%M",
    "%B %d %Y %H:%M:%S",
    "%d %B %Y %I:%M %p",
    "%d %B %Y %I:%M:%S %p",
    "%d %B %Y %H:%M",
    "%d %B %Y %H:%M:%S",
    "%I:%M %p %B %d %Y",
    "%H:%M %B %d %Y",
];
const ENGLISH_DATE: &[&str] = &["%B %d %Y", "%d %B %Y"];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Days of the week as pages name them in German, French, Spanish and Portuguese, lower-case
/// (English ones are [`is_english_weekday`]'s).
const OTHER_WEEKDAYS: &[&str] = &[
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
];

/// Months as pages name them, lower-case, numbered: English, whole (January to December
/// first, in order) and short (`sept`), and German, French, Spanish and Portuguese, whole and
/// as German bylines shorten them (`okt`).
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("mär", 3),
    ("okt", 10),
    ("dez", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
];

/// The number of the month a lower-case word names (`march`, `okt`, `décembre`, `enero`).
pub fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, number)| number)
}

/// Whether a lower-case word is a day of the week named whole in German, French, Spanish or
/// Portuguese (`donnerstag`, `jeudi`, `sexta-feira`), or in English as [`is_english_weekday`]
/// reads it.
pub fn is_weekday(word: &str) -> bool {
    OTHER_WEEKDAYS.contains(&word) || is_english_weekday(word)
}

/// Whether a lower-case word is an English day of the week, whole or cut to three letters or
/// more (`tue`, `thurs`).
pub fn is_english_weekday(word: &str) -> bool {
    word.len() >= 3 && WEEKDAYS.iter().any(|day| day.starts_with(word))
}

/// `November 19, 2019, 07:47 PM EST`, `Nov. 20, 2019 13:42`, `Tuesday 19 November 2019`,
/// `Nov 19, 2019 at 7:47 p.m. ET`, `7:47 PM ET, Tue November 19, 2019`, and the month and
/// weekday named in German, French, Spanish or Portuguese (`jueves, 09 enero 2014 10:21`,
/// `23 de enero de 2022`, `3. Januar 2021 um 10:27`, `1st of May 2021`). Weekdays, joining
/// words (`at`, `of`, `de`, `um`), ordinal suffixes and dots after abbreviations are dropped;
/// zone words (`EST`, `ET`, `CET`, `JST`, …) and offsets are read, and a time without one is
/// taken in `zone`.
fn month_named(text: &str, zone: &Zone) -> Option<DateTime<FixedOffset>> {
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut words = Vec::new();
    let mut named: Option<Zone> = None;
    for raw in text.split(|c: char| c.is_whitespace() || c == ',') {
        let word = raw.trim_end_matches('.').to_ascii_lowercase();
        if word.is_empty() || JOINING_WORDS.contains(&word.as_str()) || is_weekday(&word) {
            continue;
        }
        if let Some(month) = month_number(&word) {
            // The English name, as chrono's `%B` reads it.
            words.push(MONTHS[month as usize - 1].0.to_owned());
            continue;
        }
        if let Some(found) = zone_word(&word).or_else(|| parse_offset(raw).map(Zone::Fixed)) {
            named = Some(found);
            continue;
        }
        let (time, meridiem) = split_meridiem(&word);
        if !time.is_empty() {
            words.push(match time {
                "sept" => "sep".to_owned(),
                _ => without_ordinal(time).to_owned(),
            });
        }
        if let Some(meridiem) = meridiem {
            words.push(meridiem.to_owned());
        }
    }
    // chrono reads `%d %Y` out of `2019` alone; a day and a year must each be a word.
    let number_of = |digits: std::ops::RangeInclusive<usize>| {
        words
            .iter()
            .any(|w| digits.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
    };
    if !number_of(1..=2) || !number_of(4..=4) {
        return None;
    }
    let text = words.join(" ");
    let naive = ENGLISH_DATETIME
        .iter()
        .find_map(|form| NaiveDateTime::parse_from_str(&text, form).ok())
        .or_else(|| {
            ENGLISH_DATE
                .iter()
                .find_map(|form| NaiveDate::parse_from_str(&text, form).ok())
                .map(|d| d.and_time(NaiveTime::MIN))
        })?;
    named.as_ref().unwrap_or(zone).resolve(naive)
}

/// Words between a date's parts: `at`, `on`, `of`, Spanish and Portuguese `de`, German `um`,
/// and separators standing alone.
const JOINING_WORDS: &[&str] = &["at", "on", "of", "de", "del", "um", "|", "-", "–", "—", "·"];

/// `7:47pm` → (`7:47`, PM); `p.m` → (``, PM); other words are returned whole.
fn split_meridiem(word: &str) -> (&str, Option<&'static str>) {
    for (suffix, meridiem) in [("a.m", "AM"), ("p.m", "PM"), ("am", "AM"), ("pm", "PM")] {
        if let Some(time) = word.strip_suffix(suffix) {
            if time.is_empty() || time.bytes().all(|b| b.is_ascii_digit() || b == b':') {
                return (time, Some(meridiem));
            }
        }
    }
    (word, None)
}

/// `19th` → `19`.
fn without_ordinal(word: &str) -> &str {
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(number) = word.strip_suffix(suffix) {
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
                return number;
            }
        }
    }
    word
}

/// Zone words news pages print: the US zones, UTC/GMT, the European ones (`BST`, `CET`,
/// `CEST`, German `MEZ`/`MESZ`, `EET`, `MSK`, …) and East Asia's and Australia's (`JST`, `KST`,
/// `HKT`, `AEST`, …). Words that name several zones (`IST`) are not read.
fn zone_word(word: &str) -> Option<Zone> {
    let hours = match word {
        "utc" | "gmt" | "z" | "wet" => 0,
        "hst" => -10,
        "akst" => -9,
        "akdt" => -8,
        "est" | "cdt" => -5,
        "edt" => -4,
        "cst" | "mdt" => -6,
        "mst" | "pdt" => -7,
        "pst" => -8,
        "bst" | "cet" | "mez" | "west" => 1,
        "cest" | "mesz" | "eet" => 2,
        "eest" | "msk" => 3,
        "hkt" | "sgt" | "awst" => 8,
        "jst" | "kst" => 9,
        "aest" => 10,
        "aedt" => 11,
        "nzst" => 12,
        "nzdt" => 13,
        "et" => return Some(Zone::Named(chrono_tz::America::New_York)),
        "ct" => return Some(Zone::Named(chrono_tz::America::Chicago)),
        "mt" => return Some(Zone::Named(chrono_tz::America::Denver)),
        "pt" => return Some(Zone::Named(chrono_tz::America::Los_Angeles)),
        _ => return None,
    };
    FixedOffset::east_opt(hours * 3600).map(Zone::Fixed)
}

/// Unix seconds, or milliseconds when the number is too large to be seconds of this era.
pub fn parse_unix(number: i64) -> Option<DateTime<FixedOffset>> {
    let t = if number.unsigned_abs() >= 100_000_000_000 {
        DateTime::<Utc>::from_timestamp_millis(number)?
    } else {
        DateTime::<Utc>::from_timestamp(number, 0)?
    };
    Some(t.fixed_offset())
}

fn naive_datetime(text: &str) -> Option<NaiveDateTime> {
    NAIVE_DATETIME
        .iter()
        .find_map(|form| NaiveDateTime::parse_from_str(text, form).ok())
        .or_else(|| {
            NAIVE_DATE
                .iter()
                .find_map(|form| NaiveDate::parse_from_str(text, form).ok())
                .map(|d| d.and_time(NaiveTime::MIN))
        })
}

/// Folds the spellings that chrono's formats do not cover: full-width digits and colons,
/// runs of spaces, and the `UTC`/`GMT` word before an offset.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let c = match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '：' => ':',
            '\u{3000}' | '\u{a0}' | '\t' => ' ',
            _ => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    out.replace(" UTC", " ")
        .replace(" GMT", " ")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> String {
        parse(raw, &Zone::default())
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    }

    fn in_shanghai(raw: &str) -> String {
        let zone: Zone = "Asia/Shanghai".parse().unwrap();
        parse(raw, &zone)
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    }

    #[test]
    fn forms_with_a_zone_keep_it() {
        assert_eq!(
            at("Sun, 08 May 2022 10:46:55 GMT"),
            "2022-05-08T10:46:55+00:00"
        );
        assert_eq!(at("2022-05-08T18:46:55+08:00"), "2022-05-08T18:46:55+08:00");
        assert_eq!(
            at("2022-05-08T10:46:55.120Z"),
            "2022-05-08T10:46:55.120+00:00"
        );
        assert_eq!(at("2022-05-08 18:46:55 +0800"), "2022-05-08T18:46:55+08:00");
        assert_eq!(at("2022-05-08T18:46:55+0800"), "2022-05-08T18:46:55+08:00");
        // ISO 8601's basic form, without separators.
        assert_eq!(at("20180619T055000+0900"), "2018-06-19T05:50:00+09:00");
    }

    #[test]
    fn a_zone_word_after_a_numeric_time_is_read() {
        for (raw, read) in [
            ("2021-01-03T17:40:00EET", "2021-01-03T17:40:00+02:00"),
            ("2019-11-19 19:47 EST", "2019-11-19T19:47:00-05:00"),
            ("2022-07-01 12:00 ET", "2022-07-01T12:00:00-04:00"),
            ("2020-04-11 10:27 MESZ", "2020-04-11T10:27:00+02:00"),
            ("2018-06-19 05:50 JST", "2018-06-19T05:50:00+09:00"),
            // A word that names several zones, or none, leaves no date.
            ("2019-11-19 19:47 IST", ""),
            ("2019-11-19 19:47 soon", ""),
        ] {
            assert_eq!(at(raw), read, "{raw}");
        }
    }

    #[test]
    fn forms_without_a_zone_take_the_given_one() {
        assert_eq!(at("2022-03-29 00:43:13"), "2022-03-29T00:43:13+00:00");
        assert_eq!(
            in_shanghai("2022-03-29 00:43:13"),
            "2022-03-29T00:43:13+08:00"
        );
        assert_eq!(in_shanghai("2022-05-08 18:46"), "2022-05-08T18:46:00+08:00");
        assert_eq!(in_shanghai("2022/05/08"), "2022-05-08T00:00:00+08:00");
        assert_eq!(
            in_shanghai("2022年05月08日 18:46"),
            "2022-05-08T18:46:00+08:00"
        );
        assert_eq!(in_shanghai("2022年5月8日"), "2022-05-08T00:00:00+08:00");
        assert_eq!(
            in_shanghai("２０２２年５月８日 １８：４６"),
            "2022-05-08T18:46:00+08:00"
        );
        assert_eq!(at("2022-05-08T18:46:55"), "2022-05-08T18:46:55+00:00");
        assert_eq!(at("20180619T0550"), "2018-06-19T05:50:00+00:00");
    }

    #[test]
    fn months_and_weekdays_named_in_five_languages() {
        for (word, number) in [
            ("march", 3),
            ("sept", 9),
            ("okt", 10),
            ("décembre", 12),
            ("enero", 1),
            ("outubro", 10),
        ] {
            assert_eq!(month_number(word), Some(number), "{word}");
        }
        assert_eq!(month_number("monday"), None);
        // The first twelve are the English names chrono reads, January first: other
        // languages' months are read through them.
        for (i, (name, number)) in MONTHS[..12].iter().enumerate() {
            assert_eq!(*number as usize, i + 1, "{name}");
            assert!(NaiveDate::parse_from_str(&format!("{name} 1 2020"), "%B %d %Y").is_ok());
        }
        assert!(is_english_weekday("thurs") && !is_english_weekday("th"));
        for day in ["donnerstag", "jeudi", "miércoles", "sexta-feira", "tue"] {
            assert!(is_weekday(day), "{day}");
        }
        assert!(!is_weekday("march") && !is_weekday("mo"));
    }

    #[test]
    fn english_forms_with_the_month_named() {
        assert_eq!(
            at("November 19, 2019, 07:47 PM EST"),
            "2019-11-19T19:47:00-05:00"
        );
        assert_eq!(at("November 20, 2019 13:42"), "2019-11-20T13:42:00+00:00");
        assert_eq!(
            at("Nov. 20, 2019 1:42 p.m. PDT"),
            "2019-11-20T13:42:00-07:00"
        );
        assert_eq!(
            at("Tuesday 19th November 2019"),
            "2019-11-19T00:00:00+00:00"
        );
        assert_eq!(
            at("Sept. 3, 2021 at 9:05am ET"),
            "2021-09-03T09:05:00-04:00"
        );
        assert_eq!(at("Jan 3, 2021 at 9:05am ET"), "2021-01-03T09:05:00-05:00");
        assert_eq!(
            at("7:47 PM ET, Tue November 19, 2019"),
            "2019-11-19T19:47:00-05:00"
        );
        assert_eq!(
            at("19 November 2019 10:15 +0100"),
            "2019-11-19T10:15:00+01:00"
        );
        assert_eq!(in_shanghai("March 29, 2022"), "2022-03-29T00:00:00+08:00");
        assert_eq!(at("Nov 19 2019 10:00 JST"), "2019-11-19T10:00:00+09:00");
        assert_eq!(at("1st of May 2021"), "2021-05-01T00:00:00+00:00");
        for raw in ["November 2019", "Tuesday", "12 PM", "May be tomorrow"] {
            assert_eq!(at(raw), "", "{raw}");
        }
    }

    #[test]
    fn months_named_in_other_languages() {
        for (raw, read) in [
            ("jueves, 09 enero 2014 10:21", "2014-01-09T10:21:00+00:00"),
            ("23 de enero de 2022", "2022-01-23T00:00:00+00:00"),
            (
                "Sonntag, 3. Januar 2021 um 10:27 MEZ",
                "2021-01-03T10:27:00+01:00",
            ),
            ("30 septembre 2018", "2018-09-30T00:00:00+00:00"),
            ("5 de outubro de 2020", "2020-10-05T00:00:00+00:00"),
            // A month without its day, a weekday alone: no date.
            ("enero de 2022", ""),
            ("jueves", ""),
        ] {
            assert_eq!(at(raw), read, "{raw}");
        }
    }

    #[test]
    fn unix_seconds_and_milliseconds() {
        assert_eq!(at("1651992415"), "2022-05-08T06:46:55+00:00");
        assert_eq!(at("1651992415000"), "2022-05-08T06:46:55+00:00");
    }

    #[test]
    fn named_zones_follow_daylight_saving() {
        let zone: Zone = "America/New_York".parse().unwrap();
        let summer = parse("2022-07-01 12:00", &zone).unwrap();
        let winter = parse("2022-01-01 12:00", &zone).unwrap();
        assert_eq!(summer.offset().local_minus_utc(), -4 * 3600);
        assert_eq!(winter.offset().local_minus_utc(), -5 * 3600);
    }

    #[test]
    fn no_date_is_none() {
        for raw in ["Invalid Date", "", "yesterday", "2022-13-45", "not 2022"] {
            assert_eq!(at(raw), "", "{raw}");
        }
    }

    #[test]
    fn zones_parse_from_names_and_offsets() {
        assert!("Asia/Shanghai".parse::<Zone>().is_ok());
        assert_eq!(
            "+08:00".parse::<Zone>().unwrap(),
            Zone::Fixed(FixedOffset::east_opt(8 * 3600).unwrap())
        );
        assert_eq!(
            "UTC+8".parse::<Zone>().unwrap(),
            Zone::Fixed(FixedOffset::east_opt(8 * 3600).unwrap())
        );
        assert!("Mars/Olympus".parse::<Zone>().is_err());
    }
}
