//! The language of the cleaned text, as an ISO 639-1 code.

use whatlang::{Lang, Script};

/// Enough text to decide: trigram detection costs as much as the rest of cleaning for a
/// Latin-script article, and 512 bytes (about 80 words) already decide reliably.
const SAMPLE_BYTES: usize = 512;

/// The ISO 639-1 code of `text`'s language, or `None` when the guess is not reliable.
pub(crate) fn detect(text: &str) -> Option<String> {
    let sample = &text[..text.floor_char_boundary(SAMPLE_BYTES)];
    let info = whatlang::detect(sample)?;
    // Han script without kana is Chinese whatever the confidence of the trigram model.
    let sure =
        info.is_reliable() || (info.script() == Script::Mandarin && info.lang() == Lang::Cmn);
    if !sure {
        return None;
    }
    iso639_1(info.lang()).map(str::to_owned)
}

/// whatlang names languages in ISO 639-3; the record uses ISO 639-1 (every language whatlang
/// knows has one).
fn iso639_1(lang: Lang) -> Option<&'static str> {
    let code = match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_english_and_unsure() {
        assert_eq!(
            detect("今天上海市无新增本土确诊病例。").as_deref(),
            Some("zh")
        );
        let english =
            "The city reported no new local cases yesterday, and officials said testing continues.";
        assert_eq!(detect(english).as_deref(), Some("en"));
        assert_eq!(detect(""), None);
        assert_eq!(detect("12345"), None);
    }

    #[test]
    fn sample_cut_keeps_characters_whole() {
        let long = "中".repeat(3000);
        assert_eq!(detect(&long).as_deref(), Some("zh"));
        assert!(long.floor_char_boundary(SAMPLE_BYTES).is_multiple_of(3));
    }
}
