//! The people and sources an article credits (`credits`, which folio-clean moves out of the
//! text), labelled for readers: `编辑：张三、李四` on a page in Chinese, `Editors: Ann, Bo`
//! in any other language.

use folio_model::Credits;

/// One role and the names credited in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credit<'a> {
    /// The role's key in the record (`editor`, `photographer`…).
    pub role: &'static str,
    pub names: &'a [String],
}

/// The roles that name anyone, in the record's order: editor, photographer, reporter,
/// correspondent, source, proofreader, reviewer. Names that are only spaces are left out.
pub fn of(credits: &Credits) -> Vec<Credit<'_>> {
    [
        ("editor", &credits.editor),
        ("photographer", &credits.photographer),
        ("reporter", &credits.reporter),
        ("correspondent", &credits.correspondent),
        ("source", &credits.source),
        ("proofreader", &credits.proofreader),
        ("reviewer", &credits.reviewer),
    ]
    .into_iter()
    .filter(|(_, names)| names.iter().any(|n| !n.trim().is_empty()))
    .map(|(role, names)| Credit { role, names })
    .collect()
}

/// Whether labels are written in Chinese: the record's language is Chinese (`zh`, `zh-TW`…).
pub fn chinese(lang: Option<&str>) -> bool {
    lang.is_some_and(|l| {
        l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh"))
            && matches!(l.as_bytes().get(2), None | Some(b'-' | b'_'))
    })
}

/// The label for `role` with `count` names: `记者` in Chinese, `Reporter` or `Reporters`
/// otherwise.
pub fn label(role: &str, count: usize, chinese: bool) -> String {
    if chinese {
        let label = match role {
            "editor" => "编辑",
            "photographer" => "摄影",
            "reporter" => "记者",
            "correspondent" => "通讯员",
            "source" => "来源",
            "proofreader" => "校对",
            "reviewer" => "审核",
            other => other,
        };
        return label.to_owned();
    }
    let mut label = match role {
        "editor" => "Editor",
        "photographer" => "Photographer",
        "reporter" => "Reporter",
        "correspondent" => "Correspondent",
        "source" => "Source",
        "proofreader" => "Proofreader",
        "reviewer" => "Reviewer",
        other => other,
    }
    .to_owned();
    if count > 1 {
        label.push('s');
    }
    label
}

/// One credit as a reader sees it, unescaped: `编辑：张三、李四` or `Editors: Ann, Bo`.
/// Line breaks and runs of spaces inside a name become one space.
pub fn line(credit: &Credit, chinese: bool) -> String {
    let names: Vec<String> = credit
        .names
        .iter()
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| !n.is_empty())
        .collect();
    let label = label(credit.role, names.len(), chinese);
    if chinese {
        format!("{label}：{}", names.join("、"))
    } else {
        format!("{label}: {}", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credits() -> Credits {
        Credits {
            editor: vec!["张三".into(), "李四".into()],
            photographer: vec!["  ".into()],
            source: vec!["新华社".into()],
            ..Credits::default()
        }
    }

    #[test]
    fn roles_in_the_record_order_without_empty_ones() {
        let credits = credits();
        let roles: Vec<&str> = of(&credits).iter().map(|c| c.role).collect();
        assert_eq!(roles, ["editor", "source"]);
    }

    #[test]
    fn labels_follow_the_language_and_the_count() {
        let credits = credits();
        let all = of(&credits);
        assert_eq!(line(&all[0], true), "编辑：张三、李四");
        assert_eq!(line(&all[1], true), "来源：新华社");
        assert_eq!(line(&all[0], false), "Editors: 张三, 李四");
        assert_eq!(line(&all[1], false), "Source: 新华社");
        assert!(chinese(Some("zh")) && chinese(Some("zh-TW")) && chinese(Some("ZH_cn")));
        assert!(!chinese(Some("en")) && !chinese(Some("zha")) && !chinese(None));
    }
}
