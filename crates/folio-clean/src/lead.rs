//! What the record's other fields say about the body: a first line that repeats the title, a
//! first picture that repeats the lead image, a lead image that is only a placeholder.

use folio_model::{Block, Record, Removal};

use crate::blocks::shorten;
use crate::compiled::Active;
use crate::inlines::plain;
use crate::links::same_image;

/// The `--explain` rule for a lead image dropped from `image`.
const PLACEHOLDER_LEAD: &str = "placeholder-lead-image";

/// Drops `image` when it is a placeholder (random-picture services, a site's promo QR code).
/// A record cleaned before has lost it already; its earlier `removed` entry is carried over so
/// that a second run reports the same.
pub(crate) fn drop_placeholder_image(
    record: &mut Record,
    active: &Active,
    removed: &mut Vec<Removal>,
) {
    if record
        .image
        .as_deref()
        .is_some_and(|image| active.is_placeholder(image))
    {
        if let Some(image) = record.image.take() {
            removed.push(Removal {
                rule: PLACEHOLDER_LEAD.into(),
                text: shorten(&image, 80),
            });
        }
    } else if record.image.is_none() {
        let earlier = record
            .removed
            .iter()
            .flatten()
            .filter(|r| r.rule == PLACEHOLDER_LEAD);
        removed.extend(earlier.cloned());
    }
}

/// Removes the body's opening blocks when they repeat the title (a forum post under its
/// thread's subject repeats it twice), then its first when it repeats the lead image: renderers
/// show both above the body, so the article would show them twice.
pub(crate) fn drop_repeats(blocks: &mut Vec<Block>, record: &Record, removed: &mut Vec<Removal>) {
    while let (Some(title), Some(first)) = (record.title.as_deref(), blocks.first()) {
        let text = match first {
            Block::Heading { text, .. } => Some(text.clone()),
            Block::Paragraph { inlines } => Some(plain(inlines)),
            _ => None,
        };
        if !text.is_some_and(|t| same_words(&t, title)) {
            break;
        }
        let text = text_of(&blocks.remove(0));
        removed.push(Removal {
            rule: "title".into(),
            text: shorten(&text, 80),
        });
    }
    if let (Some(image), Some(Block::Image { src, .. })) = (record.image.as_deref(), blocks.first())
    {
        if same_image(image, src) {
            let src = src.clone();
            blocks.remove(0);
            removed.push(Removal {
                rule: "lead-image".into(),
                text: shorten(&src, 80),
            });
        }
    }
}

/// A byline line is short: a longer paragraph that names the author is article text.
const BYLINE_CHARS: usize = 160;
/// A date printed alone is short.
const DATE_CHARS: usize = 50;
/// Letters a byline line holds beside the author's names: its labels, month and weekday.
const BYLINE_WORD_CHARS: usize = 40;
/// How many paragraphs at each end of the body are read for byline lines.
const BYLINE_BLOCKS: usize = 3;

/// Removes the paragraphs at the body's opening and close that only say who wrote it and when:
/// the author's name with a date (`Posted by Jane Doe on March 10, 2015 at 08:05`, `发布时间
/// 2005/05/17 22:11:42 by 眉间尺`), or the name alone. The record's `author` and `date` hold
/// them.
pub(crate) fn drop_byline_lines(
    blocks: &mut Vec<Block>,
    record: &Record,
    removed: &mut Vec<Removal>,
) {
    let author = record.author.as_deref().unwrap_or_default();
    let names: Vec<&str> = author
        .split(", ")
        .map(str::trim)
        .filter(|name| name.chars().count() >= 2)
        .collect();
    let is_byline = |block: &Block, opening: bool| {
        let Block::Paragraph { inlines } = block else {
            return false;
        };
        let text = plain(inlines);
        let text = text.trim();
        if text.chars().count() > BYLINE_CHARS || text.contains('\n') {
            return false;
        }
        if opening && is_date_alone(text) {
            return true;
        }
        if names.is_empty() {
            return false;
        }
        if text == author {
            return true;
        }
        let named = names.iter().any(|name| text.contains(name));
        // Beside the names and the date, a few words at most (`Posted by … on`, `发布时间 … by`):
        // more make it a sentence that names the author.
        let mut rest = text.to_owned();
        for name in &names {
            rest = rest.replace(name, "");
        }
        let words = rest.chars().filter(|c| c.is_alphabetic()).count();
        named && words <= BYLINE_WORD_CHARS && has_date(text)
    };
    let mut at = 0;
    while at < blocks.len() {
        let opening = at < BYLINE_BLOCKS;
        let near_end = opening || at + BYLINE_BLOCKS >= blocks.len();
        if near_end && blocks.len() > 1 && is_byline(&blocks[at], opening) {
            let text = text_of(&blocks.remove(at));
            removed.push(Removal {
                rule: "byline".into(),
                text: shorten(&text, 80),
            });
        } else {
            at += 1;
        }
    }
}

/// Whether `text` is a date and nothing else, the page's date printed above its article
/// (`May 20, 2019`, `sexta-feira, 22 de outubro de 2010 às 20:13`, `29. November 2022`,
/// `2003年5月`): a month named or a date in digits, with a year, and no other word than a
/// weekday or the words that join a date's parts. Short: a line of dates is a list.
fn is_date_alone(text: &str) -> bool {
    const JOINING: &[&str] = &[
        "de", "à", "às", "um", "at", "on", "le", "el", "am", "pm", "a.m", "p.m", "uhr", "h", "the",
        "of", "den", "der", "del", "a", "y", "et", "und", "and",
    ];
    if text.chars().count() > DATE_CHARS || !has_year(text) {
        return false;
    }
    let mut month = text.contains('月');
    for word in text.split(|c: char| !(c.is_alphabetic() || c == '-' || c == '.')) {
        let word = word.trim_matches(['-', '.']).to_lowercase();
        if word.is_empty() || word.chars().all(|c| "年月日".contains(c)) {
            continue;
        }
        let named = folio_model::date::month_number(&word).is_some();
        month |= named;
        if !named && !folio_model::date::is_weekday(&word) && !JOINING.contains(&word.as_str()) {
            return false;
        }
    }
    month || has_numeric_date(text)
}

/// A date written in digits: `04.05.2022`, `2022-05-04`, `11/01/2021`.
fn has_numeric_date(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .any(|token| {
            let parts: Vec<&str> = token.split(['.', '-', '/']).collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Whether `text` holds a year from 1990 to 2039.
fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).any(|i| {
        let alone = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        alone && is_year(&bytes[i..i + 4])
    })
}

fn is_year(digits: &[u8]) -> bool {
    digits.iter().all(u8::is_ascii_digit)
        && (digits.starts_with(b"199") || digits.starts_with(b"20") && digits[2] <= b'3')
}

/// Whether `text` holds a year (1990 to 2039) or a time of day.
fn has_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits_at =
        |i: usize, n: usize| bytes.len() >= i + n && bytes[i..i + n].iter().all(u8::is_ascii_digit);
    let time = (0..bytes.len()).any(|i| {
        let starts = i == 0 || !bytes[i - 1].is_ascii_digit();
        let colon_after = |n: usize| bytes.get(i + n) == Some(&b':') && digits_at(i + n + 1, 2);
        starts && (digits_at(i, 2) && colon_after(2) || digits_at(i, 1) && colon_after(1))
    });
    time || has_year(text)
}

fn text_of(block: &Block) -> String {
    match block {
        Block::Heading { text, .. } => text.clone(),
        Block::Paragraph { inlines } => plain(inlines),
        _ => String::new(),
    }
}

/// Equal once white space is ignored.
fn same_words(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (a, b) = (squeeze(a), squeeze(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_model::Inline;

    fn paragraph(text: &str) -> Block {
        Block::Paragraph {
            inlines: vec![Inline::plain(text)],
        }
    }

    #[test]
    fn title_then_lead_image_are_dropped_once() {
        let record = Record {
            title: Some("标题 一".into()),
            image: Some("https://a/lead.jpg".into()),
            ..Record::default()
        };
        let mut blocks = vec![
            Block::Paragraph {
                inlines: vec![Inline::plain("标题一")],
            },
            Block::Image {
                src: "http://a/lead.jpg".into(),
                alt: String::new(),
                caption: None,
            },
            Block::Image {
                src: "https://a/lead.jpg".into(),
                alt: String::new(),
                caption: None,
            },
        ];
        let mut removed = Vec::new();
        drop_repeats(&mut blocks, &record, &mut removed);
        assert_eq!(blocks.len(), 1);
        assert_eq!(removed.len(), 2);
        assert_eq!(removed[0].rule, "title");
    }

    #[test]
    fn byline_lines_at_either_end_go_and_sentences_naming_the_author_stay() {
        let record = Record {
            author: Some("Jane Doe".into()),
            ..Record::default()
        };
        let story = [
            "The ferry left at dawn.",
            "In 2019 Jane Doe wrote the first guide to the island, and the ferry company \
             has handed it to every passenger since then, in four languages.",
            "It came back at noon.",
            "More crossings follow.",
        ];
        let mut blocks = vec![paragraph("Posted by Jane Doe on March 10, 2015 at 08:05")];
        blocks.extend(story.iter().map(|t| paragraph(t)));
        blocks.push(paragraph("Jane Doe"));
        let mut removed = Vec::new();
        drop_byline_lines(&mut blocks, &record, &mut removed);
        assert_eq!(blocks.len(), story.len(), "{blocks:?}");
        assert!(removed.iter().all(|r| r.rule == "byline"));
        // Without an author, nothing is a byline.
        let mut blocks = vec![paragraph("Posted on March 10, 2015"), paragraph("Text.")];
        drop_byline_lines(&mut blocks, &Record::default(), &mut removed);
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn dates_printed_alone() {
        for date in [
            "May 20, 2019",
            "sexta-feira, 22 de outubro de 2010 às 20:13",
            "29. November 2022",
            "am 3. Februar 2022 um 21:17",
            "04.05.2022",
            "2003年5月",
        ] {
            assert!(is_date_alone(date), "{date}");
        }
        for text in [
            "1945 1960 1980 2000 2020",
            "8:09",
            "March 2019 was wet",
            "Updated May 20, 2019 by the desk",
            "May",
        ] {
            assert!(!is_date_alone(text), "{text}");
        }
    }

    #[test]
    fn dates_in_byline_lines() {
        assert!(has_date("March 10, 2015"));
        assert!(has_date("发布时间 2005/05/17 22:11:42"));
        assert!(has_date("um 9:49 Uhr"));
        assert!(!has_date("Nummer 12345 und 1850"));
        assert!(!has_date("page 2"));
    }

    #[test]
    fn a_title_repeated_twice_goes_twice_and_text_after_it_stays() {
        let record = Record {
            title: Some("河堤上的春天".into()),
            ..Record::default()
        };
        let mut blocks = vec![
            Block::Heading {
                level: 1,
                text: "河堤上的春天".into(),
            },
            paragraph("河堤上的春天"),
            paragraph("柳树发了新芽。"),
            paragraph("河堤上的春天"),
        ];
        let mut removed = Vec::new();
        drop_repeats(&mut blocks, &record, &mut removed);
        assert_eq!(blocks.len(), 2);
        assert_eq!(removed.len(), 2);
    }
}
