//! The rules file: which elements and paragraphs are boilerplate, where credits are, which lead
//! images are placeholders, and per-site sections keyed by host or by category.
//!
//! The built-in rules (`default-rules.yaml`, compiled into the crate) come first; each
//! `--rules FILE.yaml` is merged on top of them: lists are appended, and a file that says
//! `defaults: false` starts from nothing instead. docs/folio-clean.md describes the format.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde_norway::Value;

/// The built-in rules, as shipped.
pub const BUILTIN: &str = include_str!("default-rules.yaml");

/// Who a credit line names. `OriginalTitle` is not a person: it fills `original_title`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Editor,
    Photographer,
    Reporter,
    Correspondent,
    Source,
    Proofreader,
    Reviewer,
    OriginalTitle,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Photographer => "photographer",
            Role::Reporter => "reporter",
            Role::Correspondent => "correspondent",
            Role::Source => "source",
            Role::Proofreader => "proofreader",
            Role::Reviewer => "reviewer",
            Role::OriginalTitle => "original_title",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One set of rules: the top level of a file, or one of its per-site sections.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// CSS selectors of elements dropped with everything inside them.
    #[serde(default)]
    pub drop_selectors: Vec<String>,
    /// Regular expressions; a paragraph, heading or list item whose text matches is dropped.
    #[serde(default)]
    pub drop_text: Vec<String>,
    /// Regular expressions searched in the last two blocks of an article of three or more: a
    /// short paragraph or heading that matches is dropped, a caption cleared (invitations
    /// that close an article).
    #[serde(default)]
    pub drop_closing_text: Vec<String>,
    /// CSS selectors of image captions (the caption of the image just before them).
    #[serde(default)]
    pub caption_selectors: Vec<String>,
    /// Credit labels by role: each regex matches a label and its separator, names follow.
    #[serde(default)]
    pub credits: BTreeMap<Role, Vec<String>>,
    /// Elements whose text is a credit for the role (and leaves the article).
    #[serde(default)]
    pub credit_selectors: BTreeMap<Role, Vec<String>>,
    /// Regexes cut from the end of every credited name (staff codes and the like).
    #[serde(default)]
    pub credit_trim: Vec<String>,
    /// Regexes over image URLs: such images are dropped from the body and from `image`.
    #[serde(default)]
    pub placeholder_images: Vec<String>,
    /// In a `sites:` section: the CSS selector of the article in the site's whole pages
    /// (when it matches, it names the article outright; a later file's selector wins).
    #[serde(default)]
    pub article_selector: Option<String>,
}

impl Section {
    fn append(&mut self, other: Section) {
        self.drop_selectors.extend(other.drop_selectors);
        self.drop_text.extend(other.drop_text);
        self.drop_closing_text.extend(other.drop_closing_text);
        self.caption_selectors.extend(other.caption_selectors);
        for (role, labels) in other.credits {
            self.credits.entry(role).or_default().extend(labels);
        }
        for (role, selectors) in other.credit_selectors {
            self.credit_selectors
                .entry(role)
                .or_default()
                .extend(selectors);
        }
        self.credit_trim.extend(other.credit_trim);
        self.placeholder_images.extend(other.placeholder_images);
        if other.article_selector.is_some() {
            self.article_selector = other.article_selector;
        }
    }
}

/// A whole rule set: the base section and the sections that apply to some records only.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub base: Section,
    /// Sections for records whose host is the key or ends with `.key`.
    pub sites: BTreeMap<String, Section>,
    /// Sections for records that have the key among their `categories`.
    pub categories: BTreeMap<String, Section>,
}

impl Rules {
    /// The rules compiled into the crate.
    pub fn builtin() -> Result<Rules, String> {
        Ok(Rules::from_yaml(BUILTIN)
            .map_err(|why| format!("built-in rules: {why}"))?
            .0)
    }

    /// Reads one rules file. The flag says whether the built-in rules stay underneath
    /// (`defaults:`, true unless the file says otherwise).
    pub fn from_yaml(text: &str) -> Result<(Rules, bool), String> {
        let value: Value = serde_norway::from_str(text).map_err(|e| e.to_string())?;
        let mut map = match value {
            Value::Mapping(map) => map,
            Value::Null => return Ok((Rules::default(), true)),
            _ => return Err("expected a mapping of rule sections at the top level".into()),
        };
        let defaults = match map.remove("defaults") {
            None => true,
            Some(Value::Bool(b)) => b,
            Some(_) => return Err("defaults: expected true or false".into()),
        };
        let sites = sections(map.remove("sites"), "sites")?;
        let categories = sections(map.remove("categories"), "categories")?;
        let base: Section =
            serde_norway::from_value(Value::Mapping(map)).map_err(|e| e.to_string())?;
        let rules = Rules {
            base,
            sites,
            categories,
        };
        Ok((rules, defaults))
    }

    /// The per-site rules that find the article in whole pages: each site's article selector
    /// and drop selectors.
    pub fn page_rules(&self) -> folio_extract::Options {
        let hosts = self
            .sites
            .iter()
            .map(|(host, section)| {
                let rule = folio_extract::HostRule {
                    article: section.article_selector.clone(),
                    drop: section.drop_selectors.clone(),
                };
                (host.clone(), rule)
            })
            .collect();
        folio_extract::Options { hosts }
    }

    /// Adds `other` on top of these rules.
    pub fn merge(&mut self, other: Rules) {
        self.base.append(other.base);
        for (host, section) in other.sites {
            self.sites.entry(host).or_default().append(section);
        }
        for (category, section) in other.categories {
            self.categories.entry(category).or_default().append(section);
        }
    }
}

fn sections(value: Option<Value>, what: &str) -> Result<BTreeMap<String, Section>, String> {
    let Some(value) = value else {
        return Ok(BTreeMap::new());
    };
    if value.is_null() {
        return Ok(BTreeMap::new());
    }
    let map: BTreeMap<String, Value> = serde_norway::from_value(value)
        .map_err(|e| format!("{what}: expected a mapping from name to section: {e}"))?;
    let mut out = BTreeMap::new();
    for (key, section) in map {
        let section = if section.is_null() {
            Section::default()
        } else {
            serde_norway::from_value(section).map_err(|e| format!("{what}.{key}: {e}"))?
        };
        out.insert(section_key(what, &key), section);
    }
    Ok(out)
}

/// Host names compare without case and without a leading dot; categories are kept as written.
fn section_key(what: &str, key: &str) -> String {
    let key = key.trim();
    if what == "sites" {
        key.trim_start_matches('.').to_ascii_lowercase()
    } else {
        key.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn site_sections_become_page_rules() {
        let yaml =
            "sites:\n  example.cn:\n    drop_selectors: ['.ad']\n    article_selector: '#main'\n";
        let (rules, _) = Rules::from_yaml(yaml).unwrap();
        let options = rules.page_rules();
        let rule = &options.hosts["example.cn"];
        assert_eq!(rule.article.as_deref(), Some("#main"));
        assert_eq!(rule.drop, [".ad"]);
    }

    use super::*;

    #[test]
    fn builtin_rules_parse() {
        let rules = Rules::builtin().unwrap();
        assert!(!rules.base.drop_selectors.is_empty());
        assert!(rules.base.credits.contains_key(&Role::Editor));
        assert!(rules.categories.contains_key("新浪财经"));
        assert!(rules.sites.contains_key("sina.com.cn"));
    }

    #[test]
    fn merge_appends_and_keeps_sections() {
        let mut rules = Rules::builtin().unwrap();
        let before = rules.base.drop_text.len();
        let (extra, defaults) = Rules::from_yaml(
            "drop_text: ['^x$']\nsites:\n  Example.COM:\n    drop_selectors: ['.promo']\n",
        )
        .unwrap();
        assert!(defaults);
        rules.merge(extra);
        assert_eq!(rules.base.drop_text.len(), before + 1);
        assert_eq!(rules.sites["example.com"].drop_selectors, [".promo"]);
    }

    #[test]
    fn unknown_keys_and_roles_are_errors() {
        let err = Rules::from_yaml("drop_selector: ['.x']").unwrap_err();
        assert!(err.contains("drop_selector"), "{err}");
        let err = Rules::from_yaml("credits:\n  author: ['x']").unwrap_err();
        assert!(err.contains("author"), "{err}");
        let err = Rules::from_yaml("sites:\n  a.com:\n    drop: 1").unwrap_err();
        assert!(err.starts_with("sites.a.com"), "{err}");
    }

    #[test]
    fn defaults_false_is_read() {
        let (_, defaults) = Rules::from_yaml("defaults: false").unwrap();
        assert!(!defaults);
        assert!(Rules::from_yaml("defaults: 3").is_err());
    }
}
