//! `--name`: file names from records. A name is a pattern such as
//! `{date:%Y-%m-%d}-{slug}.{ext}`; `/` in the pattern makes folders. Whatever a record holds,
//! every path component that comes out is a safe file name on Linux, macOS and Windows:
//! no separators or control characters, no `.`/`..`, no leading dot, no trailing dot or
//! space, no reserved device name, at most `MAX_COMPONENT` bytes.

use chrono::format::{Item, StrftimeItems};
use folio_model::Record;
use unicode_normalization::UnicodeNormalization;

/// Longest path component written, in bytes: under the usual 255-byte limit with room for a
/// collision suffix and the temporary name used while writing.
pub const MAX_COMPONENT: usize = 200;

/// Longest slug, in bytes (about 30 CJK characters).
const MAX_SLUG: usize = 96;

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Literal(String),
    Id,
    Slug,
    Title,
    Date(String),
    Ext,
    Category,
    Lang,
    Site,
    Hash,
}

/// A parsed `--name` pattern.
#[derive(Debug, Clone)]
pub struct NamePattern {
    parts: Vec<Part>,
}

/// The placeholders a pattern may use, for messages and docs.
pub const PLACEHOLDERS: &str =
    "{id} {slug} {title} {date} {date:FORMAT} {ext} {category} {lang} {site} {hash}";

impl NamePattern {
    pub fn parse(pattern: &str) -> Result<NamePattern, String> {
        let bad = |why: &str| format!("--name {pattern:?}: {why}");
        if pattern.starts_with('/') || pattern.contains('\\') {
            return Err(bad("must be a relative path with `/` between folders"));
        }
        let mut parts = Vec::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            push_literal(&mut parts, &rest[..open]);
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| bad("a `{` is never closed"))?
                + open;
            parts.push(placeholder(&rest[open + 1..close]).map_err(|why| bad(&why))?);
            rest = &rest[close + 1..];
        }
        push_literal(&mut parts, rest);
        for part in &parts {
            if let Part::Literal(text) = part {
                if text.contains('}') {
                    return Err(bad("a `}` has no `{`"));
                }
                if text.split('/').any(|c| c == "..") {
                    return Err(bad("may not contain `..`"));
                }
            }
        }
        if !parts.iter().any(|p| !matches!(p, Part::Literal(_))) {
            return Err(bad(&format!(
                "needs a placeholder, or every record gets the same name ({PLACEHOLDERS})"
            )));
        }
        Ok(NamePattern { parts })
    }

    /// The relative path for `record`, with `/` between safe components.
    pub fn path_for(&self, record: &Record, ext: &str) -> String {
        let mut raw = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => raw.push_str(text),
                other => {
                    let value = value(other, record, ext).replace(['/', '\\'], "-");
                    // Dots at a value's ends would merge with the dots around it.
                    let value = value.trim_matches(['.', ' ']);
                    raw.push_str(if value.is_empty() { "_" } else { value });
                }
            }
        }
        let components: Vec<String> = raw
            .split('/')
            .filter(|c| !c.is_empty())
            .map(safe_component)
            .collect();
        if components.is_empty() {
            return "_".to_owned();
        }
        components.join("/")
    }
}

fn push_literal(parts: &mut Vec<Part>, text: &str) {
    if !text.is_empty() {
        parts.push(Part::Literal(text.to_owned()));
    }
}

fn placeholder(inside: &str) -> Result<Part, String> {
    let (name, arg) = match inside.split_once(':') {
        Some((n, a)) => (n, Some(a)),
        None => (inside, None),
    };
    Ok(match (name, arg) {
        ("id", None) => Part::Id,
        ("slug", None) => Part::Slug,
        ("title", None) => Part::Title,
        ("ext", None) => Part::Ext,
        ("category", None) => Part::Category,
        ("lang", None) => Part::Lang,
        ("site", None) => Part::Site,
        ("hash", None) => Part::Hash,
        ("date", None) => Part::Date("%Y-%m-%d".to_owned()),
        ("date", Some(format)) => {
            if StrftimeItems::new(format).any(|i| matches!(i, Item::Error)) {
                return Err(format!(
                    "bad date format {format:?} (chrono strftime, such as %Y-%m-%d)"
                ));
            }
            Part::Date(format.to_owned())
        }
        _ => {
            return Err(format!(
                "unknown placeholder {{{inside}}} (known: {PLACEHOLDERS})"
            ))
        }
    })
}

fn value(part: &Part, record: &Record, ext: &str) -> String {
    let or = |v: Option<&str>, fallback: &str| {
        v.filter(|s| !s.trim().is_empty())
            .unwrap_or(fallback)
            .to_owned()
    };
    match part {
        Part::Literal(text) => text.clone(),
        Part::Id => or(record.id.as_deref(), "no-id"),
        Part::Slug => slug_of(record),
        Part::Title => or(record.title.as_deref(), "untitled"),
        Part::Date(format) => match record.date {
            // The format was checked when the pattern was parsed.
            Some(date) => date.format(format).to_string(),
            None => "undated".to_owned(),
        },
        Part::Ext => ext.to_owned(),
        Part::Category => or(
            record.categories.first().map(String::as_str),
            "uncategorized",
        ),
        Part::Lang => or(record.lang.as_deref(), "und"),
        Part::Site => or(record.site(), "unknown"),
        Part::Hash => {
            let key = record
                .id
                .as_deref()
                .or(record.url.as_deref())
                .or(record.title.as_deref())
                .unwrap_or("");
            blake3::hash(key.as_bytes()).to_hex()[..12].to_owned()
        }
    }
}

/// The record's slug: from its title, else its id, else `untitled`.
pub fn slug_of(record: &Record) -> String {
    let from = |text: Option<&str>| text.map(slug).filter(|s| !s.is_empty());
    from(record.title.as_deref())
        .or_else(|| from(record.id.as_deref()))
        .unwrap_or_else(|| "untitled".to_owned())
}

/// Lower-case letters and digits of any script (CJK is kept), other runs become one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= MAX_SLUG {
            break;
        }
    }
    let cut = out.floor_char_boundary(MAX_SLUG);
    out.truncate(cut);
    out.trim_matches('-').to_owned()
}

const RESERVED: &[&str] = &["con", "prn", "aux", "nul", "conin$", "conout$"];

/// One path component made safe for every common file system, in Unicode's composed form
/// (NFC): macOS takes `Café` composed and decomposed for one name, Linux for two.
pub fn safe_component(raw: &str) -> String {
    let mut name: String = raw
        .nfc()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    name = name
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
        .to_owned();
    if name.len() > MAX_COMPONENT {
        name = shorten(&name);
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_lowercase();
    let device = RESERVED.contains(&stem.as_str())
        || (stem.len() >= 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem[3..].chars().count() == 1
            && stem[3..]
                .chars()
                .all(|c| c.is_ascii_digit() || "¹²³".contains(c)));
    if device {
        name.insert(0, '_');
        if name.len() > MAX_COMPONENT {
            name = shorten(&name);
        }
    }
    if name.is_empty() {
        name.push('_');
    }
    name
}

/// Cuts a long name to `MAX_COMPONENT` bytes, keeping a short extension.
fn shorten(name: &str) -> String {
    with_suffix(name, "")
}

/// `name` with `suffix` before its extension (`a.md`, `-2` → `a-2.md`), its stem cut so that
/// the whole stays within `MAX_COMPONENT` bytes.
pub fn with_suffix(name: &str, suffix: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if ext.len() <= 16 && !stem.is_empty() => (stem, Some(ext)),
        _ => (name, None),
    };
    let room = MAX_COMPONENT.saturating_sub(ext.map_or(0, |e| e.len() + 1) + suffix.len());
    let stem = stem[..stem.floor_char_boundary(room)].trim_end_matches(['.', ' ', '-']);
    match ext {
        Some(ext) => format!("{stem}{suffix}.{ext}"),
        None => format!("{stem}{suffix}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(title: &str) -> Record {
        Record {
            title: Some(title.into()),
            date: chrono::DateTime::parse_from_rfc3339("2022-05-08T18:46:55+08:00").ok(),
            ..Record::default()
        }
    }

    #[test]
    fn default_pattern_keeps_cjk() {
        let pattern = NamePattern::parse("{date:%Y-%m-%d}-{slug}.{ext}").unwrap();
        assert_eq!(
            pattern.path_for(&record("央行：降准 0.5 个百分点！"), "md"),
            "2022-05-08-央行-降准-0-5-个百分点.md"
        );
        assert_eq!(
            pattern.path_for(&record("Hello, World"), "md"),
            "2022-05-08-hello-world.md"
        );
    }

    #[test]
    fn hostile_values_stay_one_safe_component() {
        let pattern = NamePattern::parse("{title}.{ext}").unwrap();
        for (title, want) in [
            ("../../etc/passwd", "-..-etc-passwd.md"),
            ("..", "_.md"),
            ("CON", "_CON.md"),
            ("com1", "_com1.md"),
            ("a\u{0}b\nc", "a-b-c.md"),
            ("trailing. . ", "trailing.md"),
            (".hidden", "hidden.md"),
            ("C:\\Windows", "C--Windows.md"),
        ] {
            assert_eq!(pattern.path_for(&record(title), "md"), want, "{title:?}");
        }
        let long = "长".repeat(200);
        let name = pattern.path_for(&record(&long), "md");
        assert!(
            name.len() <= MAX_COMPONENT && name.ends_with("长.md"),
            "{name}"
        );
    }

    #[test]
    fn patterns_are_checked() {
        for bad in [
            "/abs/{slug}",
            "../{slug}",
            "a/../{slug}",
            "{nope}",
            "{date:%Q}",
            "{slug",
            "fixed.md",
            "a\\{slug}",
        ] {
            assert!(NamePattern::parse(bad).is_err(), "{bad}");
        }
        let folders = NamePattern::parse("{date:%Y}/{date:%m}/{slug}.{ext}").unwrap();
        assert_eq!(folders.path_for(&record("a"), "html"), "2022/05/a.html");
        let slashes = NamePattern::parse("{date:%D}-{slug}").unwrap();
        assert_eq!(slashes.path_for(&record("a"), "md"), "05-08-22-a");
    }
}
