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
    fn a_title_repeated_twice_goes_twice_and_text_after_it_stays() {
        let record = Record {
            title: Some("河堤上的春天".into()),
            ..Record::default()
        };
        let paragraph = |text: &str| Block::Paragraph {
            inlines: vec![Inline::plain(text)],
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
