//! `--quality`: heuristics in the spirit of the Gopher and C4 rules, counted in characters so
//! that they work for Chinese as for English. Each rule has a name that the drop reason gives;
//! docs/folio-filter.md documents them and their thresholds.

use std::collections::HashSet;

use aho_corasick::AhoCorasick;

use crate::text::count_chars;
use crate::Reason;

/// Phrases of site furniture rather than article (share, subscribe, copyright, QR-code promos).
const BOILERPLATE: &[&str] = &[
    "责任编辑",
    "扫描二维码",
    "扫码",
    "二维码",
    "关注公众号",
    "关注我们",
    "版权所有",
    "免责声明",
    "转载请注明",
    "未经授权",
    "禁止转载",
    "下载客户端",
    "点击查看",
    "点击进入",
    "阅读原文",
    "海量资讯",
    "精准解读",
    "分享到",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "javascript",
    "lorem ipsum",
    "subscribe",
    "sign up",
    "click here",
    "read more",
    "share this",
    "advertisement",
    "newsletter",
];

/// The thresholds of each rule (defaults as documented).
#[derive(Debug, Clone)]
pub struct QualityRules {
    /// too-short: fewer characters than this (white space not counted).
    pub min_chars: usize,
    /// non-text: letters (any script) are less than this share of the characters.
    pub min_letter_ratio: f64,
    /// symbol-ratio: symbols are more than this share.
    pub max_symbol_ratio: f64,
    /// digit-ratio: digits are more than this share.
    pub max_digit_ratio: f64,
    /// repeated-lines: lines that repeat an earlier line are more than this share of lines.
    pub max_repeated_lines: f64,
    /// repeated-paragraphs: characters in paragraphs that repeat an earlier one, as a share.
    pub max_repeated_paragraphs: f64,
    /// boilerplate: characters in lines holding a boilerplate phrase, as a share.
    pub max_boilerplate: f64,
    /// Built once; it cannot fail for this fixed list, and without it the rule finds nothing.
    phrases: Option<AhoCorasick>,
}

impl Default for QualityRules {
    fn default() -> Self {
        QualityRules {
            min_chars: 200,
            min_letter_ratio: 0.5,
            max_symbol_ratio: 0.1,
            max_digit_ratio: 0.3,
            max_repeated_lines: 0.3,
            max_repeated_paragraphs: 0.2,
            max_boilerplate: 0.5,
            phrases: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(BOILERPLATE)
                .ok(),
        }
    }
}

/// Character classes of a text, white space left out.
#[derive(Debug, Default)]
struct Census {
    chars: usize,
    letters: usize,
    digits: usize,
    symbols: usize,
}

fn census(text: &str) -> Census {
    let mut c = Census::default();
    for ch in text.chars().filter(|c| !c.is_whitespace()) {
        c.chars += 1;
        if ch.is_alphabetic() {
            c.letters += 1;
        } else if ch.is_numeric() {
            c.digits += 1;
        } else if !is_prose_punctuation(ch) {
            c.symbols += 1;
        }
    }
    c
}

/// Punctuation that ordinary prose uses, Chinese and Western; everything else that is not a
/// letter or digit (`# * | < > { } = _ ~ ^ \ @ $ &`, emoji, box drawing) is a symbol.
fn is_prose_punctuation(c: char) -> bool {
    ".,;:!?'\"()-%/+".contains(c)
        || "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·－％～".contains(c)
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn reason(rule: &str, detail: String) -> Reason {
    Reason::new(
        format!("quality: {rule}"),
        format!("quality: {rule} ({detail})"),
    )
}

impl QualityRules {
    /// The first rule `text` breaks, in the documented order, or `None` when it passes all.
    pub fn check(&self, text: &str) -> Option<Reason> {
        let c = census(text);
        if c.chars < self.min_chars {
            return Some(reason(
                "too-short",
                format!("{} chars < {}", c.chars, self.min_chars),
            ));
        }
        let letters = ratio(c.letters, c.chars);
        if letters < self.min_letter_ratio {
            return Some(reason(
                "non-text",
                format!("{letters:.2} letters < {:.2}", self.min_letter_ratio),
            ));
        }
        let symbols = ratio(c.symbols, c.chars);
        if symbols > self.max_symbol_ratio {
            return Some(reason(
                "symbol-ratio",
                format!("{symbols:.2} > {:.2}", self.max_symbol_ratio),
            ));
        }
        let digits = ratio(c.digits, c.chars);
        if digits > self.max_digit_ratio {
            return Some(reason(
                "digit-ratio",
                format!("{digits:.2} > {:.2}", self.max_digit_ratio),
            ));
        }
        self.check_repeats(text)
            .or_else(|| self.check_boilerplate(text))
    }

    fn check_repeats(&self, text: &str) -> Option<Reason> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let (repeats, _) = repeated(&lines);
        let share = ratio(repeats, lines.len());
        if share > self.max_repeated_lines {
            let detail = format!("{share:.2} of lines > {:.2}", self.max_repeated_lines);
            return Some(reason("repeated-lines", detail));
        }
        let paragraphs: Vec<&str> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let (_, repeated_chars) = repeated(&paragraphs);
        let share = ratio(repeated_chars, count_chars(text));
        if share > self.max_repeated_paragraphs {
            let detail = format!("{share:.2} of chars > {:.2}", self.max_repeated_paragraphs);
            return Some(reason("repeated-paragraphs", detail));
        }
        None
    }

    fn check_boilerplate(&self, text: &str) -> Option<Reason> {
        let (mut flagged, mut total) = (0, 0);
        for line in text.lines() {
            let n = count_chars(line);
            total += n;
            if self.phrases.as_ref().is_some_and(|p| p.is_match(line)) {
                flagged += n;
            }
        }
        let share = ratio(flagged, total);
        (share > self.max_boilerplate).then(|| {
            reason(
                "boilerplate",
                format!("{share:.2} of chars > {:.2}", self.max_boilerplate),
            )
        })
    }
}

/// How many pieces repeat an earlier one, and how many characters those repeats hold.
fn repeated(pieces: &[&str]) -> (usize, usize) {
    let mut seen = HashSet::new();
    let (mut count, mut chars) = (0, 0);
    for piece in pieces {
        if !seen.insert(*piece) {
            count += 1;
            chars += count_chars(piece);
        }
    }
    (count, chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> String {
        QualityRules::default()
            .check(text)
            .map(|r| r.text)
            .unwrap_or_default()
    }

    fn prose_zh() -> String {
        "央行今天宣布下调存款准备金率，市场人士认为此举将释放长期资金，支持实体经济发展。".to_owned()
            + "分析师指出，银行的负债成本会随之下降，企业贷款利率有望继续走低，消费与投资都会受益。"
            + "\n\n多家机构预计，后续还可能有结构性工具出台，重点支持小微企业、科技创新和绿色发展。"
            + "也有专家提醒，政策效果需要时间显现，居民收入和就业的恢复仍是关键。"
            + "\n\n地方政府也在加快专项债发行节奏，基础设施项目陆续开工，带动上下游产业链的订单增长。"
            + "\n\n不少企业表示，融资环境正在改善，今年的扩产计划可以如期推进。"
    }

    #[test]
    fn good_chinese_and_english_prose_passes() {
        assert_eq!(rule(&prose_zh()), "");
        let en = "The central bank cut the reserve requirement ratio on Friday, a move analysts said \
                  would release long-term funds for lending to small firms. Banks are expected to pass \
                  lower costs to borrowers over the coming months.\n\nEconomists said the cut was \
                  widely expected and that further steps could follow if growth slows again.";
        assert_eq!(rule(en), "");
    }

    #[test]
    fn each_rule_names_itself() {
        assert_eq!(rule("太短了。"), "quality: too-short (4 chars < 200)");
        let numbers = "12 34 56 78 90 ".repeat(20) + &"word ".repeat(10);
        assert!(
            rule(&numbers).starts_with("quality: non-text ("),
            "{}",
            rule(&numbers)
        );
        let symbols = prose_zh() + &"#|*=<>{}~^@$&".repeat(10);
        assert!(
            rule(&symbols).starts_with("quality: symbol-ratio ("),
            "{}",
            rule(&symbols)
        );
        let digits = prose_zh()
            + "2022年5月8日09时30分成交12345678手共计987654321元，同比增长12.5%。"
                .repeat(6)
                .as_str();
        assert!(
            rule(&digits).starts_with("quality: digit-ratio ("),
            "{}",
            rule(&digits)
        );
        let lines = prose_zh() + "\n点赞\n点赞\n点赞\n点赞\n点赞\n点赞\n点赞\n点赞\n点赞";
        assert!(
            rule(&lines).starts_with("quality: repeated-lines ("),
            "{}",
            rule(&lines)
        );
        let long = "记者在现场看到，展馆里人头攒动，参展商忙着向来访者介绍新产品，不少观众拿着宣传册仔细比较各家的价格和服务，一些企业当场签下了合作意向书。主办方介绍，本届展会共吸引了来自二十多个国家和地区的八百余家企业参展，规模创下历史新高。";
        let paragraphs = format!("{long}\n\n{}\n\n{long}", prose_zh());
        assert!(
            rule(&paragraphs).starts_with("quality: repeated-paragraphs ("),
            "{}",
            rule(&paragraphs)
        );
        let boiler = [
            prose_zh().replace("\n\n", ""),
            "扫描二维码关注公众号，海量资讯、精准解读，尽在新浪财经APP，版权所有，未经授权禁止转载，点击查看更多精彩内容。".into(),
            "Click here to subscribe to our newsletter and get the morning briefing in your inbox every day.".into(),
            "All rights reserved by the publisher; see our privacy policy and terms of use before sharing.".into(),
            "Read more stories like this one, share this page with friends, and sign up for alerts now.".into(),
        ]
        .join("\n");
        assert!(
            rule(&boiler).starts_with("quality: boilerplate ("),
            "{}",
            rule(&boiler)
        );
    }

    #[test]
    fn chinese_is_counted_by_character() {
        let text = "字".repeat(199);
        assert_eq!(rule(&text), "quality: too-short (199 chars < 200)");
    }
}
