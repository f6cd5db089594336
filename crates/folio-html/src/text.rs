//! Helpers on the text of pages that every stage needs alike: which characters are Han, which
//! belong to scripts written without spaces between words, and white space squashed. One
//! definition here, so that folio-parse, folio-clean, folio-render and folio-extract read a
//! name, a line break, a caption or a text's length the same way.

/// Han ideographs: the unified ideographs with their extensions A to H, and the
/// compatibility ideographs. Unicode's Han script also holds radicals and marks such as `〆`,
/// which are not part of names or words.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}')
}

/// The characters of [`is_han`] as a regex class. A pattern that repeats `\p{Han}` is costly
/// to build (its many ranges): a byline pattern took 4.8 M instructions with it and 1.6 M
/// with this class.
pub const HAN_CLASS: &str =
    r"[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{323AF}]";

/// Han, kana, CJK punctuation and full-width forms: text written without spaces between
/// words, so a line break between two such characters is no space.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || matches!(c, '\u{3000}'..='\u{30FF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Han ideographs up to extension G (not H, which [`is_han`] takes), kana and Hangul
/// syllables, without [`is_cjk`]'s punctuation and full-width forms: the letters
/// folio-extract counts twice in a text's weight and takes one at a time as words.
pub fn is_han_kana_or_hangul(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Characters that take no room: zero-width spaces and joiners, the byte-order mark, soft
/// hyphens.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

/// Whether `name` may be a person's or an outlet's name: Latin-script names start each word
/// with a capital ("Jane van Doe" allowed), so "By 2030 the city will…" is not taken for a
/// byline. Names in other scripts are not judged here.
pub fn looks_like_name(name: &str) -> bool {
    if !name.chars().any(|c| c.is_ascii_alphabetic()) || name.chars().any(is_han) {
        return true;
    }
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al",
    ];
    name.split_whitespace().all(|word| {
        word.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(&word)
    })
}

/// `text` with every run of white space (Unicode's, so the ideographic space and NBSP too)
/// made one space, and none at either end.
pub fn squash(text: &str) -> String {
    // As `split_whitespace` joined with spaces, in one allocation and, for text whose spaces
    // are single already, about one copy.
    let mut out = String::with_capacity(text.len());
    push_squashed(&mut out, text);
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Appends `text` to `out` with every run of white space made one space, and none at the
/// start of an empty `out` or after a space it ends with. Visible stretches are copied whole:
/// only a byte that can start white space is decoded, where pushing character by character
/// was a sixth of finding the article on the Chinese pages.
pub fn push_squashed(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut visible_from = 0;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let len = utf8_len(lead);
        let is_space = match lead {
            b'\t'..=b'\r' | b' ' => true,
            _ if may_start_white_space(lead) => {
                text[at..].chars().next().is_some_and(char::is_whitespace)
            }
            _ => false,
        };
        // A single space between two visible characters comes out as it is: it stays in the
        // stretch, so that text with spaces between words is copied a stretch at a time too.
        let lone_space = lead == b' '
            && visible_from < at
            && bytes
                .get(at + 1)
                .is_some_and(|&b| b.is_ascii() && !b.is_ascii_whitespace());
        if is_space && !lone_space {
            out.push_str(&text[visible_from..at]);
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            visible_from = at + len;
        }
        at += len;
    }
    out.push_str(&text[visible_from..]);
}

/// `char::is_alphanumeric`, answered without its tables for the characters of most text:
/// accented Latin letters, most of Greek and Cyrillic, the spaces, dashes and quotes of
/// General Punctuation, and the unified Han ideographs (each table look-up costs some 300
/// instructions).
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        '\u{a0}' | '\u{d7}' | '\u{f7}' | '\u{2000}'..='\u{206f}' => false,
        '\u{c0}'..='\u{24f}' | '\u{3a3}'..='\u{3f5}' | '\u{3f7}'..='\u{481}' => true,
        '\u{48a}'..='\u{52f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Appends `text` lowered, as `char::to_lowercase` lowers each character: ASCII, and Han,
/// kana, Hangul and CJK punctuation (which have no case), without its table look-up, which
/// cost more than the rest of comparing a Chinese line with the labels of a page's parts.
pub fn push_lowercase(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_han_kana_or_hangul(c) || ('\u{3000}'..='\u{303F}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Whether a character whose UTF-8 starts with byte `b` can be white space beyond ASCII's:
/// U+0085 and NBSP (0xC2), U+1680 (0xE1), the spaces of U+2000–U+205F (0xE2) and the
/// ideographic space (0xE3). Checked against every character in the tests.
pub fn may_start_white_space(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The length in bytes of the UTF-8 character that starts with byte `lead`.
pub fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_white_space_character_starts_with_a_byte_looked_at() {
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() && !c.is_ascii() {
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_white_space(lead), "{c:?}");
            }
        }
    }

    #[test]
    fn pushing_squashed_text_makes_each_run_of_white_space_one_space() {
        let mut out = String::new();
        push_squashed(&mut out, " \u{3000}新闻\n\t 稿件\u{a0}\u{a0}end ");
        assert_eq!(out, "新闻 稿件 end ");
        push_squashed(&mut out, "\u{2003}next\u{2028}line\u{85}");
        assert_eq!(out, "新闻 稿件 end next line ");
        push_squashed(&mut out, "é中\u{1680}x");
        assert_eq!(out, "新闻 稿件 end next line é中 x");
        // Every character, white space or not, alone or beside a space, gives what pushing
        // one character at a time gives.
        let one_at_a_time = |out: &mut String, text: &str| {
            for c in text.chars() {
                if !c.is_whitespace() {
                    out.push(c);
                } else if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        };
        every_character_among_others(|text| {
            let (mut fast, mut slow) = (String::from("x"), String::from("x"));
            push_squashed(&mut fast, text);
            one_at_a_time(&mut slow, text);
            assert_eq!(fast, slow, "{text:?}");
        });
    }

    /// Calls `check` with every character alone, between letters, beside spaces and beside
    /// other white space.
    fn every_character_among_others(check: impl Fn(&str)) {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("a{c}b"),
                format!("a {c}b"),
                format!("a{c} b"),
                format!(" {c} "),
                format!("{c}{c} x {c}"),
                format!("\u{3000}{c}\n"),
            ] {
                check(&text);
            }
        }
    }

    #[test]
    fn squashing_is_splitting_on_white_space_and_joining_with_spaces() {
        let joined = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        every_character_among_others(|text| assert_eq!(squash(text), joined(text), "{text:?}"));
        assert_eq!(squash("  新闻 \u{a0}\t稿件  "), "新闻 稿件");
        assert_eq!(squash(""), "");
    }

    #[test]
    fn the_quick_answers_are_the_tables_answers() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn lowering_skips_only_what_has_no_case() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut out = String::from("X");
            push_lowercase(&mut out, &c.to_string());
            assert_eq!(out, format!("X{}", c.to_lowercase()), "{c:?}");
        }
        let mut out = String::new();
        push_lowercase(&mut out, "Ähnliche BEITRÄGE 相关阅读 ＡＢ");
        assert_eq!(out, "ähnliche beiträge 相关阅读 ａｂ");
    }

    #[test]
    fn han_is_ideographs_only() {
        for c in ['中', '\u{3400}', '\u{FA0E}', '\u{2A6D6}', '\u{3134A}'] {
            assert!(is_han(c), "{c:?}");
        }
        for c in ['〆', '。', 'カ', 'a'] {
            assert!(!is_han(c), "{c:?}");
        }
    }

    #[test]
    fn cjk_takes_punctuation_and_full_width_forms() {
        for c in ['中', '。', 'カ', '，', 'Ａ', '\u{3000}', '\u{2A6D6}'] {
            assert!(is_cjk(c), "{c:?}");
        }
        for c in ['a', 'é', '한', ' '] {
            assert!(!is_cjk(c), "{c:?}");
        }
    }

    #[test]
    fn han_kana_and_hangul_are_letters_without_punctuation() {
        for c in "中\u{3400}\u{FA0E}かカー한\u{D7A3}\u{3134A}".chars() {
            assert!(is_han_kana_or_hangul(c), "{c:?}");
        }
        // Extension H, CJK punctuation, full-width forms and Hangul jamo are not counted.
        for c in "\u{31350}。、\u{3000}，Ａ\u{1100}a ".chars() {
            assert!(!is_han_kana_or_hangul(c), "{c:?}");
        }
    }

    #[test]
    fn squash_makes_one_space_of_every_run() {
        assert_eq!(squash("  a\u{3000}\u{a0}b\n\tc  "), "a b c");
        assert_eq!(squash(" \u{3000} "), "");
    }
}
