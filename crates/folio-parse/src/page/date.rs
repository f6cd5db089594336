//! The article's date: where a page writes it, and the zone of a time written without one.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use folio_html::text::squash;
use folio_model::date::{self, Zone};
use folio_model::driver::Notes;
use folio_model::Record;
use html5ever::local_name;
use scraper::{ElementRef, Html};

use super::meta::{select_named, selector, text_of, without_fraction, Metadata};
use crate::byline::Byline;
use crate::fields;
use crate::script::{self, Local};

/// Sets `date` and `date_raw` from the first date the page gives: its metadata, JSON-LD,
/// `<time datetime>`, Parse.ly's page object, microdata, a Founder comment, then the byline.
/// A date without a zone is read in `zone`.
pub(crate) fn fill(
    page: &Metadata,
    byline: &Byline,
    zone: PageZone,
    url_hint: Option<&str>,
    record: &mut Record,
    notes: &mut Notes,
) {
    let date_raw = page
        .get(&[
            "article:published_time",
            "og:article:published_time",
            "og:published_time",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "dc.date.issued",
            "dc.date",
            "sailthru.date",
            "parsely-pub-date",
            "date",
        ])
        .or_else(|| page.ld_get("datePublished").as_ref().and_then(text_of))
        .or_else(|| time_element(page.doc))
        .or_else(|| page.parsely_page_get("pub_date"))
        // schema.org microdata (`<meta itemprop=datePublished>`) and Sohu's habit: often
        // without a zone, so after JSON-LD and `<time datetime>`, but before the text of the
        // byline.
        .or_else(|| page.get(&["datepublished", "og:release_date"]))
        .or_else(|| page.founder_get("date").map(|d| without_fraction(&d)))
        .or_else(|| byline.date());
    let Some(raw) = date_raw else {
        return;
    };
    let url = record.url.as_deref().or(url_hint);
    let title = record.title.as_deref();
    match read_date(&raw, zone, || local_zone(page.doc, url, title)) {
        None => notes.warn(format!("date {raw:?} is not a date; `date` left out")),
        Some((date, in_utc_for_want_of_a_zone)) => {
            if in_utc_for_want_of_a_zone {
                notes.warn(format!(
                    "date {raw:?} has no time zone; taken as UTC (--tz names the site's)"
                ));
            }
            record.date = Some(date);
        }
    }
    record.date_raw = Some(raw);
}

/// The zone for times a page writes without one.
#[derive(Debug, Clone, Copy)]
pub(crate) enum PageZone {
    /// `--tz`: the user knows the site's zone.
    Given(Zone),
    /// No `--tz`: the zone of the page's language when it is written in one zone only
    /// (Beijing time for Chinese, see [`local_offset`]), else UTC with a warning.
    /// `encoding_offset`: the offset the page's encoding says (GBK: Chinese), when it says one.
    Guessed { encoding_offset: Option<i32> },
}

/// China, Hong Kong, Macao and Taiwan all keep UTC+8, without daylight saving.
pub(crate) const BEIJING: i32 = 8 * 3600;

/// Japan and South Korea keep UTC+9, without daylight saving.
pub(crate) const TOKYO_SEOUL: i32 = 9 * 3600;

/// The instant `raw` names, and whether it was taken as UTC only because neither the text
/// nor the page said which zone it is in. Whether a text carries its own zone is told by
/// reading it in two zones: a zone-less time gives two instants.
///
/// `local_zone` tells the zone of the country or language the page is written for, when it
/// is asked (see [`local_zone`]).
pub(crate) fn read_date(
    raw: &str,
    zone: PageZone,
    local_zone: impl FnOnce() -> Option<Zone>,
) -> Option<(DateTime<FixedOffset>, bool)> {
    let encoding_offset = match zone {
        PageZone::Given(zone) => return date::parse(raw, &zone).map(|d| (d, false)),
        PageZone::Guessed { encoding_offset } => encoding_offset,
    };
    let utc = date::parse(raw, &Zone::default())?;
    let east = FixedOffset::east_opt(3600).expect("one hour is a valid offset");
    if date::parse(raw, &Zone::Fixed(east)) == Some(utc) {
        return Some((utc, false));
    }
    match encoding_offset.and_then(fixed_zone).or_else(local_zone) {
        Some(zone) => date::parse(raw, &zone).map(|d| (d, false)),
        None => Some((utc, true)),
    }
}

/// The zone of a fixed offset from UTC, in seconds.
pub(crate) fn fixed_zone(offset: i32) -> Option<Zone> {
    FixedOffset::east_opt(offset).map(Zone::Fixed)
}

/// The zone a page's times without one are written in: the one zone of its language (see
/// [`local_offset`]), else that of the European country its address is under, else that of
/// the European language it declares whose every country keeps one clock (see [`EUROPEAN`]);
/// `None` for the rest (English, French, Spanish, … are written in many zones).
pub(crate) fn local_zone(doc: &Html, url: Option<&str>, title: Option<&str>) -> Option<Zone> {
    if let Some(offset) = local_offset(doc, url, title) {
        return fixed_zone(offset);
    }
    let host = url.and_then(fields::host).unwrap_or_default();
    let lang = declared_language(doc);
    let by_domain = EUROPEAN
        .iter()
        .find(|(_, domains, _)| domains.iter().any(|domain| host.ends_with(domain)));
    let by_language = || {
        EUROPEAN
            .iter()
            .find(|(languages, ..)| languages.contains(&lang.as_str()))
    };
    by_domain
        .or_else(by_language)
        .map(|&(.., tz)| Zone::Named(tz))
}

/// The language code of the page's `<html lang>`, without its region, in lower case.
fn declared_language(doc: &Html) -> String {
    let lang = doc.root_element().value().attr("lang").unwrap_or_default();
    let code = lang.trim().split(['-', '_']).next().unwrap_or_default();
    code.to_ascii_lowercase()
}

/// European clocks that whole countries keep, summer time included: the languages written
/// only in countries that keep it (German in Germany, Austria, Switzerland, Luxembourg and
/// Liechtenstein; not Swedish, which Finland writes too, nor French, Spanish, Portuguese or
/// English, written on other continents), and the country domains under it.
const EUROPEAN: &[(&[&str], &[&str], Tz)] = &[
    (
        &[
            "de", "it", "nl", "pl", "cs", "sk", "hu", "da", "nb", "nn", "no", "hr", "sl",
        ],
        &[
            ".de", ".at", ".ch", ".li", ".lu", ".it", ".nl", ".be", ".fr", ".pl", ".cz", ".sk",
            ".hu", ".dk", ".no", ".se", ".hr", ".si",
        ],
        Tz::Europe__Berlin,
    ),
    (
        &["el", "fi", "bg", "ro", "et", "lv", "lt"],
        &[".gr", ".cy", ".fi", ".bg", ".ro", ".ee", ".lv", ".lt"],
        Tz::Europe__Helsinki,
    ),
    (&[], &[".uk", ".ie"], Tz::Europe__London),
];

/// The offset of the one zone where the page's language is written: UTC+8 for Chinese (see
/// [`written_in_chinese`]), and for the languages of [`ONE_ZONE`] their country's, told by a
/// declared `lang`, an address under the country's domain or the script of the title; `None`
/// for the languages of many zones.
pub(crate) fn local_offset(doc: &Html, url: Option<&str>, title: Option<&str>) -> Option<i32> {
    if written_in_chinese(doc, url, title) {
        return Some(BEIJING);
    }
    let lang = declared_language(doc);
    let host = url.and_then(fields::host).unwrap_or_default();
    let script = script::local_language(title.unwrap_or_default());
    ONE_ZONE
        .iter()
        .find(|(code, domain, local, _)| {
            lang == *code || host.ends_with(domain) || local.is_some() && script == *local
        })
        .map(|&(.., offset)| offset)
}

/// Languages written in one country of one zone without daylight saving: the `lang` code,
/// the country's domain, the script that tells the language (Vietnamese's is Latin), the
/// zone's offset from UTC.
const ONE_ZONE: &[(&str, &str, Option<Local>, i32)] = &[
    ("ja", ".jp", Some(Local::JapaneseOrKorean), TOKYO_SEOUL),
    ("ko", ".kr", Some(Local::JapaneseOrKorean), TOKYO_SEOUL),
    ("th", ".th", Some(Local::Thai), 7 * 3600),
    ("vi", ".vn", None, 7 * 3600),
    ("my", ".mm", Some(Local::Burmese), 6 * 3600 + 1800),
];

/// Whether a page is written in Chinese, from what costs little to read: a declared `lang`
/// of `zh…`, an address under `.cn`, `.hk`, `.mo` or `.tw`, a title whose letters are
/// mostly Han characters, or else the first letters of its text (a blog with neither a
/// `lang` nor a Chinese title, whose title is a widget's heading). (The encoding, GBK or
/// Big5, is told by the caller.)
pub(crate) fn written_in_chinese(doc: &Html, url: Option<&str>, title: Option<&str>) -> bool {
    let lang = doc.root_element().value().attr("lang");
    if lang.is_some_and(|l| l.trim().to_ascii_lowercase().starts_with("zh")) {
        return true;
    }
    let host = url.and_then(fields::host).unwrap_or_default();
    if [".cn", ".hk", ".mo", ".tw"]
        .iter()
        .any(|tld| host.ends_with(tld))
    {
        return true;
    }
    script::is_chinese(title.unwrap_or_default()) || script::text_is_chinese(doc)
}

pub(crate) fn time_element(doc: &Html) -> Option<String> {
    let times: Vec<ElementRef> =
        select_named(doc, local_name!("time"), selector!("time[datetime]")).collect();
    let best = times.iter().find(|t| {
        t.value().attr("pubdate").is_some() || t.value().attr("itemprop") == Some("datePublished")
    });
    best.or(times.first())
        .and_then(|t| t.value().attr("datetime"))
        .map(squash)
        .filter(|t| !t.is_empty())
}
