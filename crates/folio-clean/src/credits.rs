//! Credit lines: "责任编辑：冯体炜", "摄影：陈正宝", "（记者 张三 通讯员 李四）", "Reporting by Jane
//! Doe; Editing by John Roe". The labels come from the rules; this module finds them, checks
//! that the line is nothing but credits, and splits the names.

use folio_html::text::{is_han, looks_like_name};
use folio_model::Credits;
use std::sync::OnceLock;

use regex::Regex;
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::util::primitives::PatternID;
use regex_automata::util::syntax;

use crate::compiled::one_line;
use crate::gate::Gate;
use crate::rules::Role;

/// A credit line is short; a longer paragraph that starts with a label is article text.
const MAX_LINE_CHARS: usize = 60;
/// Longest single name kept (an original title may be longer).
const MAX_NAME_CHARS: usize = 40;

/// Finds credit labels of every role in one pass.
pub(crate) struct CreditMatcher {
    /// The literal prefixes of the labels: a line that starts with none of them is no credit
    /// line, unread by the captures search.
    gate: Gate,
    /// The labels and trims as written, for `search`.
    labels: Vec<(Role, String)>,
    trims: Vec<String>,
    /// The captures search and the trims, compiled when a line first starts with a label:
    /// most records have no credit line, and compiling them up front was a third of
    /// folio-clean's start-up. `None` inside: they could not be compiled.
    search: OnceLock<Option<Search>>,
}

/// What reads a line that starts with a label.
struct Search {
    labels: meta::Regex,
    /// The role of each label and the index of the capture group that holds it (looked up
    /// once here: a lookup by name per match formats the name).
    roles: Vec<(Role, usize)>,
    trims: Vec<Regex>,
}

/// What one credit line says.
pub(crate) type Found = Vec<(Role, Vec<String>)>;

impl CreditMatcher {
    /// Leaves the patterns for first use; `checked` compiles them now, so that a rules file's
    /// bad label or trim is reported when the file is loaded.
    pub fn new(
        labels: &[(Role, String)],
        trims: &[String],
        checked: bool,
    ) -> Result<CreditMatcher, String> {
        let alternatives: Vec<String> = labels
            .iter()
            .map(|(_, label)| format!("(?:{label})"))
            .collect();
        let starts_pattern = format!("^(?:{})", alternatives.join("|"));
        let matcher = CreditMatcher {
            gate: Gate::at_start(&starts_pattern, true),
            labels: labels.to_vec(),
            trims: trims.to_vec(),
            search: OnceLock::new(),
        };
        if checked {
            let search = Search::new(&matcher.labels, &matcher.trims)?;
            _ = matcher.search.set(Some(search));
        }
        Ok(matcher)
    }

    #[cfg(test)]
    pub(crate) fn gate(&self) -> &Gate {
        &self.gate
    }

    /// Whether `line` may start with a label: it starts with a label's literal prefix.
    fn may_start_with_label(&self, line: &str) -> bool {
        !self.labels.is_empty() && self.gate.admits(line)
    }

    /// The captures search, compiled on first use. Its patterns compiled when the rules were
    /// loaded, so this cannot fail; if it did, no line would be read as credits.
    fn search(&self) -> Option<&Search> {
        self.search
            .get_or_init(|| Search::new(&self.labels, &self.trims).ok())
            .as_ref()
    }

    /// The credits of `line` when the line is made of credits only (optionally in brackets).
    pub fn parse_line(&self, line: &str) -> Option<Found> {
        let trimmed = line.trim();
        // A paragraph far longer than a credit line, outlet and all, is settled unread.
        if trimmed.len() > 4 * (MAX_LINE_CHARS + OUTLET_CHARS) {
            return None;
        }
        let line = unbracket(trimmed);
        // The line with the separator or the label it leaves out, where it does.
        let mended = match glued_editor(line).or_else(|| glued_filing_reporter(line)) {
            Some(at) => Some(format!("{} {}", &line[..at], &line[at..])),
            None if line.len() < trimmed.len() => unlabelled_report(line),
            None => None,
        };
        let line = mended.as_deref().unwrap_or(line);
        let line = after_outlet(line);
        // No character takes more than four bytes: most paragraphs are ruled out unread.
        if line.is_empty()
            || line.len() > 4 * MAX_LINE_CHARS
            || line.chars().count() > MAX_LINE_CHARS
        {
            return None;
        }
        if !self.may_start_with_label(line) {
            return None;
        }
        let search = self.search()?;
        let mut spans: Vec<(Role, usize, usize)> = Vec::new();
        for caps in search.labels.captures_iter(line) {
            let (role, label) = search.role_of(&caps)?;
            spans.push((role, label.start, label.end));
        }
        if !matches!(spans.first(), Some((_, 0, _))) {
            return None;
        }
        let mut found = Vec::new();
        for (i, &(role, start, end)) in spans.iter().enumerate() {
            let stop = spans.get(i + 1).map_or(line.len(), |next| next.1);
            // A picture's source (`图片来源：`) names an outlet, however long its name.
            let outlets = role == Role::Source || line[start..end].contains("来源");
            let names = search.names(role, &line[end..stop], outlets)?;
            found.push((role, names));
        }
        Some(found)
    }

    /// A credit closing `text` after its last sentence: bracketed ("…Aufklärung. (Quelle:
    /// DJV)", "…完。（记者 张三）"), behind a copyright sign ("…Schweiz. © AFP / Marco
    /// Bertorello"), or with `bare`, as captions set it, unbracketed ("…mañana. Foto: LN").
    /// Where the credit starts, and its credits.
    pub fn closing_credit(&self, text: &str, bare: bool) -> Option<(usize, Found)> {
        let body = text.trim_end();
        if let Some(close) = body.chars().next_back().filter(|c| matches!(c, '）' | ')')) {
            let open = if close == '）' { '（' } else { '(' };
            let start = body.rfind(open)?;
            return ends_sentence(&body[..start])
                .then(|| self.parse_line(&body[start..]))
                .flatten()
                .map(|found| (start, found));
        }
        // A copyright sign and the names after it close a caption or a paragraph ("…der
        // Schweiz. © AFP / Marco Bertorello", "Stau © aremac / Clipdealer").
        if let Some(at) = body.rfind('©') {
            let before = body[..at].trim_end();
            if !before.is_empty() {
                // A label just before the sign belongs to the credit: "Foto © Peter Steiger",
                // "Foto: © Peter Steiger".
                let names = body[at..].trim_start_matches(['©', ' ']);
                let word = before
                    .rfind(char::is_whitespace)
                    .map_or(0, |space| space + 1);
                let label = before[word..].trim_end_matches([':', '：']);
                if let Some(found) = self.parse_line(&format!("{label}: {names}")) {
                    return Some((word, found));
                }
                if let Some(found) = self.picture_credit(&body[at..]) {
                    return Some((at, found));
                }
            }
        }
        if !bare {
            return None;
        }
        // The last few sentence ends: a name's initial ("Foto: A. Berg") ends none.
        let ends = body.char_indices().rev().filter(|&(at, c)| {
            matches!(c, '。' | '！' | '？')
                || matches!(c, '.' | '!' | '?') && body[at + 1..].starts_with(' ')
        });
        for (at, c) in ends.take(3) {
            let start = at + c.len_utf8();
            let credit = body[start..].trim_start();
            if credit.is_empty() {
                continue;
            }
            if let Some(found) = self.parse_line(credit) {
                return Some((body.len() - credit.len(), found));
            }
        }
        None
    }

    /// The credits of a picture's credit element (`<span class="image-credit">`): a credit
    /// line, or names alone ("© Ann Reed/Gazette", "Shutterstock") that read as names.
    pub fn picture_credit(&self, text: &str) -> Option<Found> {
        if let Some(found) = self.parse_line(text) {
            return Some(found);
        }
        let bare = unbracket(text.trim());
        let bare = bare.trim_start_matches(['©', ' ']).trim();
        if bare.is_empty() || bare.chars().count() > MAX_LINE_CHARS {
            return None;
        }
        // A credit line behind the sign: "© Quelle: BDEW".
        if bare.len() < text.trim().len() {
            if let Some(found) = self.parse_line(bare) {
                return Some(found);
            }
        }
        let bare = without_credit_word(bare);
        let names = self.search()?.names(Role::Photographer, bare, false)?;
        Some(vec![(Role::Photographer, names)])
    }
}

impl Search {
    fn new(labels: &[(Role, String)], trims: &[String]) -> Result<Search, String> {
        // Lines come with their white space made single spaces.
        let mut pattern = String::from(r"(?:^|[ ;；，,|｜])(?:");
        for (i, (_, label)) in labels.iter().enumerate() {
            if i > 0 {
                pattern.push('|');
            }
            pattern.push_str(&format!("(?P<folio_credit_{i}>{label})"));
        }
        pattern.push(')');
        let labels_regex = build(labels, &pattern)?;
        let trims = trims
            .iter()
            .map(|t| {
                Regex::new(t).map_err(|e| format!("credit_trim: {}", one_line(&e.to_string())))
            })
            .collect::<Result<_, _>>()?;
        let roles = labels
            .iter()
            .enumerate()
            .map(|(i, (role, _))| {
                Some((
                    *role,
                    group_index(&labels_regex, &format!("folio_credit_{i}"))?,
                ))
            })
            .collect::<Option<_>>()
            .ok_or_else(|| "credits: a label group is missing".to_owned())?;
        Ok(Search {
            labels: labels_regex,
            roles,
            trims,
        })
    }

    fn role_of(&self, caps: &Captures) -> Option<(Role, regex_automata::Span)> {
        self.roles
            .iter()
            .find_map(|&(role, group)| caps.get_group(group).map(|span| (role, span)))
    }

    /// The names in the value after a label, or `None` when it reads like a sentence.
    /// `outlets`: the label names outlets (a source), whose names may be long Han phrases.
    fn names(&self, role: Role, value: &str, outlets: bool) -> Option<Vec<String>> {
        let mut value =
            value.trim_matches(|c: char| c.is_whitespace() || ";；，,。|｜".contains(c));
        // A title is a headline, question and exclamation marks included; the title marks
        // around the whole of it are not its own ("原题为《…》").
        if role == Role::OriginalTitle {
            let title = value
                .strip_prefix('《')
                .and_then(|t| t.strip_suffix('》'))
                .filter(|t| !t.contains(['《', '》']))
                .unwrap_or(value);
            return Some(vec![title.to_owned()]).filter(|v| !v[0].is_empty());
        }
        if value.contains(['。', '！', '？', '!', '?']) {
            return None;
        }
        let trimmed;
        if let Some(cut) = self.trims.iter().find_map(|t| t.find(value)) {
            trimmed = value[..cut.start()].trim_end().to_owned();
            value = &trimmed;
        }
        // A web address is one name, its slashes and all ("www.example.com/in/").
        let mut names = if value.contains("://") || value.starts_with("www.") {
            vec![value.trim_end_matches('/').to_owned()]
        } else {
            split_names(value)
        };
        // Sources are outlets, whose names may hold these words (`中国记者网`).
        if role != Role::Source {
            names = names
                .into_iter()
                .filter_map(|name| without_role_words(&name))
                .collect();
        }
        // Pictures are credited to agencies and stock sites by their handles (图/pixabay).
        let plausible = names.iter().all(|n| {
            n.chars().count() <= MAX_NAME_CHARS
                && (outlets || !is_han_phrase(n))
                && (looks_like_name(n) || role == Role::Photographer && is_handle(n))
        });
        plausible.then_some(names)
    }
}

/// Words a picture's credit element prints before the names without a colon, for readers of
/// the page ("Credit Harry Ames", "Titelbild Studio Nord", "Mit Material von dpa",
/// "Courtesy of the Louvre").
const CREDIT_WORDS: &[&str] = &[
    "credit",
    "credits",
    "titelbild",
    "mit material von",
    "courtesy of",
    "courtesy",
];

/// The credit element's text without such a word.
fn without_credit_word(text: &str) -> &str {
    CREDIT_WORDS
        .iter()
        .find_map(|word| {
            let head = text.get(..word.len())?;
            let rest = text[word.len()..].strip_prefix(' ')?;
            head.eq_ignore_ascii_case(word).then_some(rest.trim_start())
        })
        .filter(|rest| !rest.is_empty())
        .unwrap_or(text)
}

/// Compiles a pattern of credit labels. Labels are compiled alone only when it fails, to name
/// the one at fault: compiling each of them up front cost as much as the rest of start-up.
///
/// The regex crate's engine is used without its prefilter: a line is searched only after the
/// labels' gate let it through, and is at most 60 characters, so a literal prefilter would
/// not pay for the literal extraction that builds it, a third of the compile.
fn build(labels: &[(Role, String)], pattern: &str) -> Result<meta::Regex, String> {
    meta::Regex::builder()
        .syntax(syntax::Config::new().case_insensitive(true))
        .configure(meta::Regex::config().auto_prefilter(false))
        .build(pattern)
        .map_err(|e| {
            let at_fault = labels.iter().find_map(|(role, label)| {
                let err = Regex::new(label).err()?;
                Some(format!("credits.{role}: {}", one_line(&err.to_string())))
            });
            at_fault.unwrap_or_else(|| format!("credits: {}", one_line(&e.to_string())))
        })
}

/// The index of the capture group called `name`.
fn group_index(regex: &meta::Regex, name: &str) -> Option<usize> {
    regex.group_info().to_index(PatternID::ZERO, name)
}

/// Where "责任编辑" follows another credit with no separator, as NetEase prints its closing
/// line ("本文来源：新京报责任编辑：张三"): labels are only read after a separator.
fn glued_editor(line: &str) -> Option<usize> {
    let at = line.find("责任编辑")?;
    (at > 0 && !line[..at].ends_with(char::is_whitespace)).then_some(at)
}

/// Where a reporter's name is glued to `记者` in a line that ends where they filed from
/// (`本报记者罗科苏盈发自北京`): the names start after the label. Only such a line: `记者` before
/// Han text is most often a sentence (`记者从市园林部门获悉…`).
fn glued_filing_reporter(line: &str) -> Option<usize> {
    let (_, place) = line.rsplit_once("发自")?;
    let place_chars = place.chars().count();
    if !(2..=8).contains(&place_chars) || !place.chars().all(is_han) {
        return None;
    }
    let at = line.find("记者")? + "记者".len();
    line[at..].starts_with(is_han).then_some(at)
}

/// A reporter's line with no label, as papers close a story: names, then where they filed
/// from (`姚峰 上海报道`; read in brackets only, `（姚峰 上海报道）`, where no sentence stands).
/// Returned with the label the line leaves out, to be read as any other.
fn unlabelled_report(line: &str) -> Option<String> {
    let (names, place) = line.rsplit_once(' ')?;
    let place = place.strip_suffix("报道")?;
    let is_name = |word: &str| (2..=4).contains(&word.chars().count()) && word.chars().all(is_han);
    let place_chars = place.chars().count();
    let plausible = (2..=8).contains(&place_chars)
        && place.chars().all(is_han)
        && (1..=3).contains(&names.split(' ').count())
        && names.split(' ').all(is_name);
    plausible.then(|| format!("记者 {line}"))
}

/// What ends the name of an outlet that credits its reporter: a paper, a site, an agency, a
/// station, a channel, a news app (`澎湃新闻`, `红星新闻`).
const OUTLET_ENDINGS: &[&str] = &["报", "网", "社", "台", "频道", "新闻"];
/// The labels an outlet's name may stand before.
const REPORTER_LABELS: &[&str] = &["记者", "首席记者", "特约记者", "实习生"];
/// Longest outlet name read before a reporter's label, in characters.
const OUTLET_CHARS: usize = 10;

/// The line from the reporter's label on, when an outlet's name opens it ("光明日报记者 王建宏",
/// "新华网黑龙江频道 记者 伊琳"): the labels name a few outlets (`本报`, `新华社`), a paper's
/// own name is any. The line is still a credit line only if names alone follow the label.
fn after_outlet(line: &str) -> &str {
    for (at, _) in line.char_indices().skip(2).take(OUTLET_CHARS - 1) {
        let (outlet, rest) = line.split_at(at);
        if !outlet.chars().all(is_han) {
            break;
        }
        if !OUTLET_ENDINGS.iter().any(|ending| outlet.ends_with(ending)) {
            continue;
        }
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        if REPORTER_LABELS.iter().any(|label| rest.starts_with(label)) {
            return rest;
        }
    }
    line
}

/// Removes one pair of enclosing brackets: "（记者 张三）".
fn unbracket(line: &str) -> &str {
    for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
        if let Some(inner) = line.strip_prefix(open).and_then(|l| l.strip_suffix(close)) {
            return inner.trim();
        }
    }
    line
}

/// Splits "张三、李四", "张三 李四" (CJK names), "Jane Doe and John Roe".
fn split_names(value: &str) -> Vec<String> {
    let mut names = Vec::new();
    let parts = value
        .split(['、', '，', ',', '/', '／', ';', '；', '&'])
        .flat_map(|part| part.split(" and "));
    for part in parts {
        let part = part.trim();
        // A dash stands in for a name the agency left out ("Foto: –/Ministerium/dpa").
        if !part.chars().any(char::is_alphanumeric) {
            continue;
        }
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.len() > 1 && words.iter().all(|w| w.chars().all(is_name_char)) {
            names.extend(words.into_iter().map(str::to_owned));
        } else {
            names.push(words.join(" "));
        }
    }
    names
}

/// Words that end a credit's role rather than name anyone: `南都记者`, `观察者网专栏作者`,
/// `本报通讯员`.
const ROLE_WORDS: &[&str] = &["记者", "作者", "通讯员", "编辑", "撰稿人", "摄影师"];

/// Marks of a role that stand before or after names (`文/图 张三`, `张三 摄`).
const ROLE_MARKS: &[&str] = &["文", "图", "摄", "图文", "文图"];

/// A credited name without the role and outlet words before it (`每经记者张蕊` → `张蕊`), or
/// `None` when nothing else is left (`南都记者`, a lone `图`).
fn without_role_words(name: &str) -> Option<String> {
    let name = ROLE_WORDS
        .iter()
        .filter_map(|word| name.rfind(word).map(|at| &name[at + word.len()..]))
        .min_by_key(|rest| rest.len())
        .unwrap_or(name)
        .trim();
    (!name.is_empty() && !ROLE_MARKS.contains(&name)).then(|| name.to_owned())
}

/// Longest run of Han characters a person's name takes (a compound surname and a two-character
/// given name, with room for a transcribed one); names joined by `·` may be longer.
const MAX_HAN_NAME_CHARS: usize = 6;

/// Han characters past a name's length and no `·`: a clause of a sentence (`记者：这么看你平时
/// 也很关注…，所以…`), not a person. Outlets, credited as sources, are exempt.
fn is_han_phrase(name: &str) -> bool {
    name.chars().count() > MAX_HAN_NAME_CHARS && name.chars().all(is_han)
}

/// A character of a name written in Han: an ideograph, or the dot that joins the parts of a
/// transcribed name (`阿卜杜拉·阿齐兹`).
fn is_name_char(c: char) -> bool {
    is_han(c) || matches!(c, '·' | '•')
}

/// One word of letters and digits, such as a picture agency's handle or web address.
fn is_handle(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | ':'))
}

/// Adds found names to `credits` (each name once per role); returns an original title if any.
pub(crate) fn add(credits: &mut Credits, found: Found) -> Option<String> {
    let mut original = None;
    for (role, names) in found {
        let list = match role {
            Role::Editor => &mut credits.editor,
            Role::Photographer => &mut credits.photographer,
            Role::Reporter => &mut credits.reporter,
            Role::Correspondent => &mut credits.correspondent,
            Role::Source => &mut credits.source,
            Role::Proofreader => &mut credits.proofreader,
            Role::Reviewer => &mut credits.reviewer,
            Role::OriginalTitle => {
                original = names.into_iter().next();
                continue;
            }
        };
        for name in names {
            if !list.contains(&name) {
                list.push(name);
            }
        }
    }
    original
}

/// Whether `text` ends a sentence (before a closing credit).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| "。！？.!?”\"…".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn matcher() -> CreditMatcher {
        let rules = Rules::builtin().unwrap();
        let labels: Vec<(Role, String)> = rules
            .base
            .credits
            .iter()
            .flat_map(|(role, list)| list.iter().map(|l| (*role, l.clone())))
            .collect();
        CreditMatcher::new(&labels, &rules.base.credit_trim, true).unwrap()
    }

    fn parse(line: &str) -> Option<Vec<(String, Vec<String>)>> {
        let found = matcher().parse_line(line)?;
        Some(
            found
                .into_iter()
                .map(|(r, n)| (r.name().to_owned(), n))
                .collect(),
        )
    }

    fn one(role: &str, names: &[&str]) -> Option<Vec<(String, Vec<String>)>> {
        Some(vec![(
            role.to_owned(),
            names.iter().map(|n| n.to_string()).collect(),
        )])
    }

    #[test]
    fn chinese_credit_lines() {
        assert_eq!(parse("责任编辑：冯体炜 "), one("editor", &["冯体炜"]));
        assert_eq!(parse("责任编辑：张三 SF012"), one("editor", &["张三"]));
        assert_eq!(parse("摄影：陈正宝"), one("photographer", &["陈正宝"]));
        assert_eq!(parse("责编：林晓"), one("editor", &["林晓"]));
        assert_eq!(parse("责编：Mia Lu"), one("editor", &["Mia Lu"]));
        // Labels and names set apart by spaces only.
        let found = parse("编辑 刘晓阳 校对 李铭").unwrap();
        assert_eq!(found[0], ("editor".to_owned(), vec!["刘晓阳".to_owned()]));
        assert_eq!(
            found[1],
            ("proofreader".to_owned(), vec!["李铭".to_owned()])
        );
        assert_eq!(parse("编辑部认为这件事值得关注"), None);
        assert_eq!(
            parse("来源： 健康上海12320"),
            one("source", &["健康上海12320"])
        );
        assert_eq!(
            parse("原标题：“绿色股票”试水欧洲丨明言ESG"),
            one("original_title", &["“绿色股票”试水欧洲丨明言ESG"])
        );
        assert_eq!(parse("编辑：王五、赵六"), one("editor", &["王五", "赵六"]));
        // New media's vertical bars after the label.
        each_one(&[
            ("编辑|李小明", "editor", &["李小明"]),
            ("责编丨赵大海", "editor", &["赵大海"]),
            ("校对｜孙一一", "proofreader", &["孙一一"]),
            (
                "来源|城东日报、城东发布",
                "source",
                &["城东日报", "城东发布"],
            ),
            ("图丨视觉中国", "photographer", &["视觉中国"]),
        ]);
    }

    #[test]
    fn credits_closing_a_caption_or_a_paragraph() {
        let m = matcher();
        let closing = |text: &str, bare: bool| {
            m.closing_credit(text, bare)
                .map(|(at, _)| text[at..].to_owned())
        };
        for (text, bare, credit) in [
            (
                "Das Forum fordert Aufklärung. (Quelle: Fleischmann/DJV)",
                false,
                Some("(Quelle: Fleischmann/DJV)"),
            ),
            (
                "会议持续了三个小时。（记者 张三）",
                false,
                Some("（记者 张三）"),
            ),
            (
                "La bendición se realizará mañana. Foto: LN",
                true,
                Some("Foto: LN"),
            ),
            (
                "The old bridge at dusk. Photo: A. Berg",
                true,
                Some("Photo: A. Berg"),
            ),
            // Names behind the copyright sign, with a label before it or without.
            (
                "Stau © aremac / Clipdealer",
                true,
                Some("© aremac / Clipdealer"),
            ),
            (
                "Die Boje warnt bei Nebel. © Ida Kraus",
                false,
                Some("© Ida Kraus"),
            ),
            (
                "Die Boje warnt bei Nebel.\nFoto © Ida Kraus",
                false,
                Some("Foto © Ida Kraus"),
            ),
            (
                "Die Boje warnt bei Nebel.\nFoto: © Ida Kraus",
                false,
                Some("Foto: © Ida Kraus"),
            ),
            ("Foto: © Ida Kraus", false, Some("Foto: © Ida Kraus")),
            ("© Ida Kraus", true, None),
            (
                "Das Zeichen © steht vor dem Namen dessen, der die Rechte hält.",
                true,
                None,
            ),
            // Bare credits are read in captions only, and only after a sentence.
            ("La bendición se realizará mañana. Foto: LN", false, None),
            ("Die Brücke (Foto: Anna Berg)", false, None),
            ("The bridge was built in 1901. It still stands.", true, None),
        ] {
            assert_eq!(closing(text, bare), credit.map(str::to_owned), "{text}");
        }
        // A dash stands in for a name the agency left out.
        assert_eq!(
            parse("Foto: –/Ministerium/dpa"),
            one("photographer", &["Ministerium", "dpa"])
        );
    }

    /// Each line is one credit: its role and names.
    fn each_one(cases: &[(&str, &str, &[&str])]) {
        for &(line, role, names) in cases {
            assert_eq!(parse(line), one(role, names), "{line}");
        }
    }

    #[test]
    fn portal_closing_lines_and_picture_credits() {
        assert_eq!(
            parse("（原标题：奖金一百万，谁拿走了？）"),
            one("original_title", &["奖金一百万，谁拿走了？"])
        );
        // The title marks around a whole title go, those inside it stay.
        each_one(&[
            (
                "（原题为《城东步道今天开放》）",
                "original_title",
                &["城东步道今天开放"],
            ),
            (
                "本文原标题：《河边步道开放》",
                "original_title",
                &["河边步道开放"],
            ),
            (
                "原题：《春》《夏》两部短片获奖",
                "original_title",
                &["《春》《夏》两部短片获奖"],
            ),
        ]);
        let found = parse("本文来源：晨报周刊责任编辑：王小二_NF1234").unwrap();
        assert_eq!(found[0], ("source".to_owned(), vec!["晨报周刊".to_owned()]));
        assert_eq!(found[1], ("editor".to_owned(), vec!["王小二".to_owned()]));
        assert_eq!(parse("图/pixabay"), one("photographer", &["pixabay"]));
        assert_eq!(parse("图片来源：图库网"), one("photographer", &["图库网"]));
        // A picture's source is an outlet, whatever the length of its name; a caption after
        // `图：` is no name.
        assert_eq!(
            parse("图片来源：示例科学大奖官网"),
            one("photographer", &["示例科学大奖官网"])
        );
        assert_eq!(parse("图：游客在江边步道上散步"), None);
        assert_eq!(parse("摄影：陈一 摄"), one("photographer", &["陈一"]));
        // A handle is a photographer's credit, not a reporter's.
        assert_eq!(parse("文/pixabay"), None);
    }

    #[test]
    fn role_and_outlet_words_are_not_names() {
        // `文/图`: the picture's mark is no reporter.
        assert_eq!(
            parse("(文/图 刘一东 易二楠)"),
            one("reporter", &["刘一东", "易二楠"])
        );
        assert_eq!(parse("文/示例网专栏作者 王五"), one("reporter", &["王五"]));
        assert_eq!(
            parse("采写：南都见习记者 林六 赵七"),
            one("reporter", &["林六", "赵七"])
        );
        assert_eq!(
            parse("图片来源：每经记者 张八 摄"),
            one("photographer", &["张八"])
        );
        assert_eq!(parse("作者：本报记者孙九"), one("reporter", &["孙九"]));
        // A role with no name is still a credit line, naming no one.
        assert_eq!(parse("作者：本报记者"), one("reporter", &[]));
        assert_eq!(without_role_words("图"), None);
        assert_eq!(parse("来源：示例记者网"), one("source", &["示例记者网"]));
        assert_eq!(without_role_words("Jane Doe").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn an_outlet_before_the_reporter_label() {
        assert_eq!(
            parse("光明日报记者 王建宏 张文攀"),
            one("reporter", &["王建宏", "张文攀"])
        );
        assert_eq!(
            parse("示例网东湖频道 记者 伊琳 李清"),
            one("reporter", &["伊琳", "李清"])
        );
        assert_eq!(
            parse("本报实习生 刘国栋 周炜"),
            one("reporter", &["刘国栋", "周炜"])
        );
        // Where the reporter filed from goes with the names' end.
        assert_eq!(
            parse("新京报记者 彭冲 山东冠县报道"),
            one("reporter", &["彭冲"])
        );
        assert_eq!(parse("（总台记者 张倩）"), one("reporter", &["张倩"]));
        // Where the reporter filed from closes the line: the name glued to the label, or
        // no label at all.
        each_one(&[
            ("本报记者罗科苏盈发自北京", "reporter", &["罗科苏盈"]),
            ("记者 王一 发自上海", "reporter", &["王一"]),
            ("（姚峰 上海报道）", "reporter", &["姚峰"]),
            ("（王一 李二 广州报道）", "reporter", &["王一", "李二"]),
        ]);
        for sentence in [
            "记者从市园林部门获悉发自北京",
            // Outside brackets nothing tells names from words.
            "他们说 上海报道",
            "今天上午 上海报道了三例",
            "记者走访发自",
        ] {
            assert_eq!(parse(sentence), None, "{sentence}");
        }
        assert_eq!(
            parse("城东新闻记者 段一 廖二"),
            one("reporter", &["段一", "廖二"])
        );
        // A sentence an outlet's reporter opens is text.
        assert_eq!(parse("光明日报记者近日走访了三个村庄"), None);
        assert_eq!(parse("晚报记者 走访 了三个村庄的情况"), None);
        assert_eq!(after_outlet("Example Post 记者 Li"), "Example Post 记者 Li");
    }

    #[test]
    fn several_roles_on_one_line() {
        let found = parse("（记者 张三 李四 通讯员 王五）").unwrap();
        assert_eq!(
            found[0],
            (
                "reporter".to_owned(),
                vec!["张三".to_owned(), "李四".to_owned()]
            )
        );
        assert_eq!(
            found[1],
            ("correspondent".to_owned(), vec!["王五".to_owned()])
        );
    }

    #[test]
    fn english_credit_lines() {
        assert_eq!(parse("Editor: Jane Doe"), one("editor", &["Jane Doe"]));
        let found = parse("Reporting by Jane Doe and Ann Lee; Editing by John Roe").unwrap();
        assert_eq!(found[0].1, ["Jane Doe", "Ann Lee"]);
        assert_eq!(found[1], ("editor".to_owned(), vec!["John Roe".to_owned()]));
        assert_eq!(parse("Photo: AP"), one("photographer", &["AP"]));
    }

    #[test]
    fn picture_credits_in_german_french_and_spanish() {
        assert_eq!(parse("Foto: Jan Berg"), one("photographer", &["Jan Berg"]));
        assert_eq!(
            parse("(Bild: Hersteller)"),
            one("photographer", &["Hersteller"])
        );
        assert_eq!(
            parse("Image credit: Ann Reed"),
            one("photographer", &["Ann Reed"])
        );
        assert_eq!(
            parse("Crédits photos : Studio Nord"),
            one("photographer", &["Studio Nord"])
        );
        assert_eq!(parse("Quelle: Landesamt"), one("source", &["Landesamt"]));
        assert_eq!(
            parse("Fuente: Agencia Sur"),
            one("source", &["Agencia Sur"])
        );
        assert_eq!(parse("Bilder: die schönsten Motive des Jahres"), None);
    }

    #[test]
    fn a_picture_credit_element_holds_names_alone() {
        let credit = |text: &str| {
            matcher().picture_credit(text).map(|found| {
                let (role, names) = &found[0];
                (role.to_string(), names.clone())
            })
        };
        let photographer = |names: &[&str]| {
            Some((
                "photographer".to_owned(),
                names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>(),
            ))
        };
        assert_eq!(
            credit("© Ann Reed/Gazette Images"),
            photographer(&["Ann Reed", "Gazette Images"])
        );
        assert_eq!(credit("Shutterstock"), photographer(&["Shutterstock"]));
        assert_eq!(credit("Photo: Jan Berg"), photographer(&["Jan Berg"]));
        assert_eq!(credit("© Quelle: Landesamt").unwrap().0, "source");
        assert_eq!(credit("Credit Harry Ames"), photographer(&["Harry Ames"]));
        assert_eq!(
            credit("Titelbild Studio Nord"),
            photographer(&["Studio Nord"])
        );
        assert_eq!(
            credit("Courtesy of Harbour Museum"),
            photographer(&["Harbour Museum"])
        );
        assert_eq!(
            credit("Image credit: www.example.com/in/"),
            photographer(&["www.example.com/in"])
        );
        // A caption that happens to sit in an element named `credit` is not a name.
        assert_eq!(credit("The harbour at dawn, seen from the ferry"), None);
    }

    #[test]
    fn sentences_are_not_credits() {
        assert_eq!(parse("编辑部认为这件事值得关注"), None);
        assert_eq!(parse("By 2030 the city will double in size"), None);
        assert_eq!(
            parse("来源：统计局称，今年经济增长。预计明年会更好。"),
            None
        );
        assert_eq!(parse("李强指出，记者 要深入基层"), None);
        let long = format!("来源：{}", "很长的名字".repeat(20));
        assert_eq!(parse(&long), None);
        // An interviewer's question, one sentence in clauses: not three reporters.
        assert_eq!(
            parse("记者：这么看你平时也很关注这件事，所以你不止是农民专家，也可以称作是专家了。"),
            None
        );
        // Names, also a long one joined by a middle dot, still are.
        assert_eq!(
            parse("记者：阿卜杜拉·艾尼瓦尔 欧阳明远"),
            one("reporter", &["阿卜杜拉·艾尼瓦尔", "欧阳明远"])
        );
    }
}
