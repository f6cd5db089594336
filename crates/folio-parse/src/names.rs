//! Whether words name people: the commonest Chinese surnames, outlets and companies put where
//! a name belongs, and names tidied as the record writes them. Both the byline and the page's
//! metadata read names with these, so they sit below both.

use folio_html::text::{is_han, looks_like_name};

/// Words that close stories in parentheses, or stand where a name would, without naming
/// anyone.
pub(crate) const NOT_SIGNATURES: &[&str] = &[
    "完",
    "待续",
    "未完",
    "图",
    "组图",
    "上",
    "下",
    "中",
    "续",
    "编辑",
    "记者",
    "摄",
    "报道",
    "通讯员",
    "供图",
    "来源",
    "转载",
    "原创",
    "全文",
    "原文",
    "专稿",
    "特稿",
    // Forum and blog accounts that name no one, and words that start with a surname.
    "管理员",
    "游客",
    "文章",
];

/// Whether a line is only personal names: one to four of two to four Han characters,
/// separated by `、`, commas or spaces, at least one of them a common surname and a given name
/// (the surname test keeps `打印本页 关闭窗口` and other page furniture out).
pub(crate) fn names_only(line: &str) -> bool {
    let names: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "、，,；;".contains(c))
        .filter(|part| !part.is_empty())
        .collect();
    (1..=4).contains(&names.len())
        && names.iter().all(|name| {
            (2..=4).contains(&name.chars().count())
                && name.chars().all(is_han)
                && could_be_a_person(name)
        })
        && names.iter().any(|name| has_surname(name))
}

/// Not a word that closes stories, and not an outlet's name.
pub(crate) fn could_be_a_person(name: &str) -> bool {
    !NOT_SIGNATURES.iter().any(|word| name.contains(word)) && !looks_like_organisation(name)
}

/// A Han name that reads as a common surname and a given name, and not as an outlet.
pub(crate) fn is_personal_name(name: &str) -> bool {
    name.chars().all(is_han) && has_surname(name) && could_be_a_person(name)
}

pub(crate) fn is_single_han(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(is_han) && chars.next().is_none()
}

/// Chinese names as the record writes them: a list joined with `, ` (pages separate names
/// with spaces, `、` or commas), and a two-character name that pages pad to the width of three
/// (`赵　培`, `赵 培`) closed up. Anything with other than Han characters in its names is kept as
/// it is: `Mei Lin` is one name, and `周思博 (Joel Spolsky)` one person.
pub(crate) fn tidy_names(names: &str) -> String {
    let parts: Vec<&str> = names
        .split(|c: char| c.is_whitespace() || "、，,；;".contains(c))
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() || !parts.iter().all(|part| part.chars().all(is_han)) {
        return unjoined(names);
    }
    if (2..=3).contains(&parts.len()) && parts.iter().all(|part| is_single_han(part)) {
        return parts.concat();
    }
    parts.join(", ")
}

/// Words that join the last two names of a byline (`Ann Lee and Bo Park`, `Ann Lee, Bo
/// Park, and Cy Hill`).
const CONJUNCTIONS: &[&str] = &["and", "&", "und", "et", "y", "e", "en"];

/// Names joined by a conjunction written as the record's list (`Ann Lee and Bo Park` →
/// `Ann Lee, Bo Park`; `Ann Lee, Bo Park, and Cy Hill` → `Ann Lee, Bo Park, Cy Hill`). Only
/// when each side reads as a person's full name, two to four capitalised words: one word on
/// either side is a firm's name as often (`Procter & Gamble`, `Marks and Spencer`).
fn unjoined(names: &str) -> String {
    let full_name = |name: &str| {
        (2..=4).contains(&name.split_whitespace().count())
            && name.chars().any(char::is_alphabetic)
            && !name.chars().any(is_han)
            && looks_like_name(name)
    };
    let mut out: Vec<&str> = Vec::new();
    for part in names.split(", ") {
        // The serial comma's `and` opens the last part: `…, and Cy Hill`.
        let opened = CONJUNCTIONS.iter().find_map(|word| {
            let rest = part.strip_prefix(word)?.strip_prefix(' ')?;
            (!out.is_empty() && full_name(rest)).then_some(rest)
        });
        if let Some(rest) = opened {
            out.push(rest);
            continue;
        }
        let words: Vec<&str> = part.split(' ').collect();
        let split = (2..words.len().saturating_sub(1)).find(|&at| {
            CONJUNCTIONS.contains(&words[at])
                && full_name(&words[..at].join(" "))
                && full_name(&words[at + 1..].join(" "))
        });
        match split {
            Some(at) => {
                let cut = words[..at].iter().map(|w| w.len() + 1).sum::<usize>();
                let after = cut + words[at].len() + 1;
                out.push(&part[..cut - 1]);
                out.push(&part[after..]);
            }
            None => out.push(part),
        }
    }
    out.join(", ")
}

/// The commonest Chinese surnames, which cover most people named in the news.
pub(crate) const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

pub(crate) const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "呼延", "澹台", "申屠", "钟离", "闻人",
    "赫连",
];

/// A surname and a given name: two or three characters after a common surname, three or four
/// after a compound one.
pub(crate) fn has_surname(name: &str) -> bool {
    let len = name.chars().count();
    if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) {
        return (3..=4).contains(&len);
    }
    (2..=3).contains(&len) && name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// Site or company names that pages put where an author's name belongs.
pub(crate) fn looks_like_organisation(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "网",
        "网站",
        "网络",
        "社",
        "集团",
        "公司",
        "出版社",
        "报",
        "日报",
        "Team",
        "Inc",
        "Inc.",
        "Ltd",
        "贡献者",
    ];
    name.contains("www.")
        || name.split([',', '，']).map(str::trim).any(|part| {
            part.contains(".com")
                || part.contains(".cn")
                || SUFFIXES.iter().any(|s| part.ends_with(s))
        })
}

/// A profile link's text that carries the author's name ("View all posts by Jane Doe",
/// WordPress's words in its languages) or a credit's opening word ("By Jane Doe"): the name
/// follows.
const NAME_OPENINGS: &[&str] = &[
    "view all posts by ",
    "all posts by ",
    "more posts by ",
    "posts by ",
    "articles by ",
    "written by ",
    "posted by ",
    "zeige alle beiträge von ",
    "alle beiträge von ",
    "alles von ",
    "geschrieben von ",
    "verfasst von ",
    "ein beitrag von ",
    "voir tous les articles de ",
    "voir tous les articles par ",
    "ver todas las entradas de ",
    "todas las entradas de ",
    "visualizza tutti gli articoli di ",
    "alle berichten van ",
    "author: ",
    "autor: ",
    "autorin: ",
    "auteur: ",
    "by: ",
    "von: ",
    "by ",
];

/// Words for "by" in other languages, which also start names (`Von Miller`, `Di Stefano`):
/// taken off only before two words or more, or when written in lower case (`von Newsdesk`),
/// as a name never is at its start.
const BY_WORDS: &[&str] = &["von ", "par ", "por ", "door ", "di ", "av "];

/// What pages put in an author's place that names no one.
const NO_ONE: &[&str] = &[
    "unknown",
    "no author",
    "admin",
    "administrator",
    "anonymous",
    "anonym",
    "guest",
    "gast",
    "гость",
    "null",
    "undefined",
    "none",
    "n/a",
    "author",
    "autor",
    "staff",
    "staff writer",
    // A desk, not a person nor an outlet ("N-Land Redaktion" names the outlet and stays).
    "redaktion",
    "online-redaktion",
    "newsdesk",
    "news desk",
    "newsroom",
    "redacción",
    "rédaction",
    "redazione",
];

/// German days of the week as bylines shorten them, always with a comma or a dot after them
/// (`Fr, 18. Oktober`): alone, they may be part of a name.
const GERMAN_WEEKDAYS_SHORT: &[&str] = &["mo", "di", "mi", "do", "fr", "sa", "so"];

/// An author as the record writes it, from what a page put in the author's place: a
/// profile link's words and a leading "By" taken off, a date, a handle or a web address after
/// the name cut (`by Jane Doe March 3, 2017 @janedoe`, `Jane Doe - http://…`), a name set in
/// capitals written as a name (`TOM KRISHER` → `Tom Krisher`). `None` for placeholders
/// (`Unknown`, `admin`).
pub(crate) fn author_name(raw: &str) -> Option<String> {
    let mut name = raw.trim();
    let mut credited = false;
    if let Some(rest) = NAME_OPENINGS
        .iter()
        .find_map(|opening| strip_prefix_ignoring_case(name, opening))
    {
        name = rest.trim_start();
        // German WordPress: "Alle Beiträge von Jane Doe anzeigen".
        name = name.strip_suffix(" anzeigen").unwrap_or(name);
        credited = true;
    } else if let Some(rest) = BY_WORDS
        .iter()
        .find_map(|word| strip_prefix_ignoring_case(name, word))
        .filter(|rest| name.starts_with(char::is_lowercase) || rest.split_whitespace().count() >= 2)
    {
        name = rest.trim_start();
        credited = true;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    // What follows the name: a date (`March 3, 2017`, `2017-03-03`), a time, a count of
    // points, a handle or an address. A number in a name stays (`Bündnis 90/Die Grünen`,
    // `Channel 4 News`).
    let is_month = |w: &str| {
        folio_model::date::month_number(&w.trim_end_matches([',', '.']).to_lowercase()).is_some()
    };
    let is_day = |w: &str| {
        let digits = w.trim_end_matches(['.', ',']);
        (1..=2).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
    };
    let end = (1..words.len())
        .find(|&at| {
            let word = words[at];
            let next = words.get(at + 1).copied().unwrap_or("");
            word.starts_with('@')
                || word.contains("://")
                || word.starts_with("www.")
                || is_date_or_count(word)
                || is_month(word) && next.starts_with(|c: char| c.is_ascii_digit())
                || is_day(word) && is_month(next)
        })
        .unwrap_or(words.len());
    // The day of the week before a date: `Fr, 18. Oktober 2019`, `Thursday, March 3`.
    let mut end = end;
    // Whole names, and German ones shortened with a mark; not `Sun` or `Sat`, which are
    // names as often (`By Yang Sun, March 3, 2019`).
    let is_weekday = |raw: &str| {
        let word = raw.trim_end_matches([',', '.']).to_lowercase();
        word.len() >= 6 && folio_model::date::is_weekday(&word)
            || word.len() < raw.len() && GERMAN_WEEKDAYS_SHORT.contains(&word.as_str())
    };
    while end > 1 && end < words.len() && is_weekday(words[end - 1]) {
        end -= 1;
    }
    let name = words[..end].join(" ");
    let name = name.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '|' | '-' | '–' | '—' | '·')
    });
    let name = undoubled(name);
    let no_one = |part: &str| NO_ONE.contains(&part.trim().to_lowercase().as_str());
    if name.is_empty() || no_one(name) {
        return None;
    }
    // A placeholder or a job title after a name goes: `Michael Roth, Redaktion`, `Tom Krisher,
    // AP Auto Writer`.
    let name = name
        .split(", ")
        .enumerate()
        .filter(|&(at, part)| !(no_one(part) || at > 0 && is_job_title(part)))
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(", ");
    if name.is_empty() {
        return None;
    }
    // Capitals after "By" are a newspaper's byline style; alone they may be a brand.
    Some(if credited { from_capitals(&name) } else { name })
}

/// Words that end a job title in a byline (`AP Auto Writer`, `Senior Correspondent`,
/// `Chefredakteurin`).
const JOB_WORDS: &[&str] = &[
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "columnist",
    "contributor",
    "redakteur",
    "redakteurin",
    "chefredakteur",
    "chefredakteurin",
    "korrespondent",
    "korrespondentin",
    "rédacteur",
    "rédactrice",
    "correspondant",
    "correspondante",
    "redactor",
    "redactora",
    "corresponsal",
];

/// Whether a part of a byline is a job title: a few words ending in a job's name.
fn is_job_title(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    words.len() <= 4
        && words
            .last()
            .is_some_and(|last| JOB_WORDS.contains(&last.to_lowercase().as_str()))
}

/// A name a page printed twice in one element, a link's text and a copy kept for screen
/// readers beside it (`Earthling` `Earthling` read as `EarthlingEarthling`): once. A name
/// of one word repeated after a space stays (`Sirhan Sirhan`); of two words, it goes
/// (`Jane Doe Jane Doe`).
fn undoubled(name: &str) -> &str {
    let half = name.len() / 2;
    let (first, second) = (name.get(..half), name.get(half..));
    if let (Some(first), Some(second)) = (first, second) {
        if first == second && first.chars().count() >= 2 {
            return first;
        }
    }
    if name.len() % 2 == 1 && name.as_bytes()[half] == b' ' {
        let (first, second) = (&name[..half], &name[half + 1..]);
        if first == second && first.contains(' ') {
            return first;
        }
    }
    name
}

/// A year, a date, a time or a count: digits and date punctuation only, with four digits or
/// more (`2017`, `2017-03-03`, `71044`) or a colon (`11:00`).
fn is_date_or_count(word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    word.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '/' | '-'))
        && (digits >= 4 || digits > 0 && word.contains(':'))
}

/// `Prefix` at the start of `text`, letters compared without case; what follows it.
fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut chars = text.char_indices();
    for expected in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(at, _)| &text[at..]))
}

/// A name set in capitals (`TOM KRISHER, AP Auto Writer`) written as names are: every word
/// of its first part in capitals, two words or more, each of two letters or more. Initials
/// and agencies set alone (`AP`, `DPA`) stay.
fn from_capitals(name: &str) -> String {
    let (first, rest) = name.split_at(name.find(',').unwrap_or(name.len()));
    let words: Vec<&str> = first.split_whitespace().collect();
    let capitals = |w: &&str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| !c.is_lowercase())
            && w.chars().any(char::is_uppercase)
    };
    if words.len() < 2 || !words.iter().all(capitals) {
        return name.to_owned();
    }
    let written: Vec<String> = words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect();
    written.join(" ") + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_as_names() {
        let cases = [
            ("By Corey Kilgannon", Some("Corey Kilgannon")),
            ("by IWB", Some("IWB")),
            ("View all posts by Daniel Moreau", Some("Daniel Moreau")),
            ("Zeige alle Beiträge von Cem Kaya", Some("Cem Kaya")),
            ("Alle Beiträge von Cem Kaya anzeigen", Some("Cem Kaya")),
            ("von revamp Webteam", Some("revamp Webteam")),
            ("Por Juliet Romero", Some("Juliet Romero")),
            (
                "by Steven Marsh January 18, 2017 11:00 PM PST @stevenmarsh",
                Some("Steven Marsh"),
            ),
            ("Frank Berg - http://berg.example", Some("Frank Berg")),
            ("Brad Kuhl (http://brad.example/bk/)", Some("Brad Kuhl")),
            ("Nicolas Perrin —", Some("Nicolas Perrin")),
            ("Amelie Sieg,", Some("Amelie Sieg")),
            ("Lea Stein 2022-05-08", Some("Lea Stein")),
            ("Ulla Berg 11:40", Some("Ulla Berg")),
            ("Von Christa Thal, 07 Dezember, 2022", Some("Christa Thal")),
            ("By Staff Writer", None),
            ("Von Tom Spahr Fr, 18. Oktober 2019", Some("Tom Spahr")),
            ("by Lucas Noll 22 Dec 2016", Some("Lucas Noll")),
            ("By Yang Sun, March 3, 2019", Some("Yang Sun")),
            ("By Ann Roe Thursday, March 3, 2019", Some("Ann Roe")),
            ("By Ann Reed Sept. 9, 2019", Some("Ann Reed")),
            ("Quill Quill 71044 silver badges", Some("Quill Quill")),
            ("EarthlingEarthling", Some("Earthling")),
            ("Jane Doe Jane Doe", Some("Jane Doe")),
            ("Michael Roth, Redaktion", Some("Michael Roth")),
            ("By TOM KRISH, AP Auto Writer", Some("Tom Krish")),
            ("Ann Lee, Senior Correspondent", Some("Ann Lee")),
            ("Editor", Some("Editor")),
            ("Redaktion", None),
            ("Redaktion, Newsdesk", None),
            ("von Newsdesk", None),
            ("von Hinz", Some("Hinz")),
            ("Unknown", None),
            ("admin", None),
            ("Гость", None),
            ("", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(author_name(raw).as_deref(), expected, "{raw}");
        }
    }

    #[test]
    fn names_joined_by_a_conjunction_become_a_list() {
        let cases = [
            ("Ann Lee and Bo Park", "Ann Lee, Bo Park"),
            ("Ann Lee & Bo Park, Reuters", "Ann Lee, Bo Park, Reuters"),
            (
                "Dana A. Ford, James S.A. Corey, Chien-Ming Wang, and Tom Watkins, CNN",
                "Dana A. Ford, James S.A. Corey, Chien-Ming Wang, Tom Watkins, CNN",
            ),
            (
                "Max Muster und Erika Mustermann",
                "Max Muster, Erika Mustermann",
            ),
            (
                "Jean Dupont et Marie de la Tour",
                "Jean Dupont, Marie de la Tour",
            ),
            // A firm's name, or a phrase that is not two names, stays as it is.
            ("Procter & Gamble", "Procter & Gamble"),
            ("Marks and Spencer", "Marks and Spencer"),
            ("Ernst & Young Global", "Ernst & Young Global"),
            ("Mac & i", "Mac & i"),
            (
                "Bundesministerium für Wirtschaft und Klimaschutz",
                "Bundesministerium für Wirtschaft und Klimaschutz",
            ),
            ("Ann Lee, and friends", "Ann Lee, and friends"),
            ("赵　培", "赵培"),
        ];
        for (raw, expected) in cases {
            assert_eq!(tidy_names(raw), expected, "{raw}");
        }
    }

    #[test]
    fn names_that_look_like_credits_stay() {
        for name in [
            "Von Miller",
            "Mark Di Stefano",
            "April Roach, Daniel Mahon",
            "Richard (R.J.) Eskin",
            "Perry Bacon Jr.",
            "Brenda Good, MA",
            "det/dpa",
            "AP",
            "KWCH",
            "Abdel DERMA",
            "张三",
            "bjoern01",
            "Maya Byrne",
            "Bündnis 90/Die Grünen Fraktion",
            "Radio 4 News",
            "LA VOZ",
            "April Moss",
        ] {
            assert_eq!(author_name(name).as_deref(), Some(name), "{name}");
        }
    }
}
