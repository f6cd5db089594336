//! Whether words name people: the commonest Chinese surnames, outlets and companies put where
//! a name belongs, and names tidied as the record writes them. Both the byline and the page's
//! metadata read names with these, so they sit below both.

use folio_html::text::is_han;

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
        return names.to_owned();
    }
    if (2..=3).contains(&parts.len()) && parts.iter().all(|part| is_single_han(part)) {
        return parts.concat();
    }
    parts.join(", ")
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
