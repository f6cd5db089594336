//! Per-host rules: selectors of elements to drop and of the article's root, compiled once.

use std::collections::{HashMap, HashSet};

use scraper::{Html, Selector};

use crate::tree::Tree;
use crate::Error;

/// What to do on pages of one host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostRule {
    /// CSS selector of the article's root; when it matches, scoring is skipped.
    pub article: Option<String>,
    /// CSS selectors of elements that are never article.
    pub drop: Vec<String>,
}

/// A host rule with its selectors parsed.
pub(crate) struct CompiledRule {
    article: Option<Selector>,
    drop: Vec<Selector>,
}

impl CompiledRule {
    pub fn new(host: &str, rule: &HostRule) -> Result<CompiledRule, Error> {
        let parse = |css: &String| {
            Selector::parse(css).map_err(|err| Error::Selector {
                host: host.to_string(),
                selector: css.clone(),
                why: err.to_string(),
            })
        };
        Ok(CompiledRule {
            article: rule.article.as_ref().map(parse).transpose()?,
            drop: rule.drop.iter().map(parse).collect::<Result<_, _>>()?,
        })
    }

    /// Marks the elements the rule drops.
    pub fn drop(&self, doc: &Html, tree: &mut Tree) {
        if self.drop.is_empty() {
            return;
        }
        let ids: HashSet<_> = self
            .drop
            .iter()
            .flat_map(|sel| doc.select(sel).map(|el| el.id()))
            .collect();
        for i in 0..tree.nodes.len() {
            if ids.contains(&tree.nodes[i].dom) {
                tree.mark(i, "host rule");
            }
        }
    }

    /// The arena index of the first element the article selector matches.
    pub fn article(&self, doc: &Html, tree: &Tree) -> Option<usize> {
        let id = doc.select(self.article.as_ref()?).next()?.id();
        tree.nodes
            .iter()
            .position(|node| node.dom == id && node.drop.is_none())
    }
}

/// The rule for a URL's host: the host itself, else its parent domains (`www.` and other
/// subdomains stripped one label at a time).
pub(crate) fn for_url<'r>(
    hosts: &'r HashMap<String, CompiledRule>,
    url: &str,
) -> Option<&'r CompiledRule> {
    if hosts.is_empty() {
        return None;
    }
    let parsed = url::Url::parse(url).ok()?;
    let mut host = parsed.host_str()?.to_ascii_lowercase();
    loop {
        if let Some(rule) = hosts.get(&host) {
            return Some(rule);
        }
        let (_, rest) = host.split_once('.')?;
        if !rest.contains('.') {
            return None;
        }
        host = rest.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(names: &[&str]) -> HashMap<String, CompiledRule> {
        let rule = HostRule {
            article: Some("main".into()),
            drop: vec![],
        };
        names
            .iter()
            .map(|h| (h.to_string(), CompiledRule::new(h, &rule).unwrap()))
            .collect()
    }

    #[test]
    fn rules_apply_to_the_host_and_its_subdomains() {
        let hosts = hosts(&["example.com"]);
        assert!(for_url(&hosts, "https://example.com/a").is_some());
        assert!(for_url(&hosts, "https://news.www.example.com/a").is_some());
        assert!(for_url(&hosts, "https://example.org/a").is_none());
        assert!(for_url(&hosts, "https://com/a").is_none());
        assert!(for_url(&hosts, "not a url").is_none());
    }
}
