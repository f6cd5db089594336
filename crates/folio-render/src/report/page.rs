//! The report page: a header with the totals, then one section per view of the records.
//! Self-contained: its style is inline, its charts are inline SVG, it names no address, and
//! a Content-Security-Policy forbids scripts, fonts, images and connections.

use super::chart::{self, thousands, Column};
use super::counts::{Counts, Top};
use super::timeline::Unit;
use super::{Named, Tally, FIELDS, LENGTH_BINS, ROLES};
use crate::escape::html as esc;

/// Rows shown per table of keys (sites, categories, tags, languages); the rest are summed.
const TOP_ROWS: usize = 12;
/// Rows shown in the rejections table.
const TOP_REASONS: usize = 50;

/// Nothing may load or run: the page needs only its own inline style.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const CSS: &str = "\
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fdfdfc;--muted:#59636e;--rule:#d0d7de;--bar:#3a78c2;--soft:#f3f4f6}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--rule:#3d444d;--bar:#5a9be0;--soft:#161b22}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:64rem;padding:2rem 1.25rem 4rem;background:var(--bg);color:var(--fg);\
font:1rem/1.6 system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif}
h1{font-size:1.8rem;line-height:1.3;margin:0 0 .25rem}
h2{font-size:1.3rem;margin:2.5rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--rule)}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
.meta,.note{color:var(--muted)}
.note{font-size:.9rem;margin:.5rem 0}
dl.totals{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.75rem;margin:1.5rem 0}
dl.totals div{background:var(--soft);border-radius:.4rem;padding:.6rem .8rem}
dl.totals dt{color:var(--muted);font-size:.85rem}
dl.totals dd{margin:0;font-size:1.4rem;font-variant-numeric:tabular-nums}
svg.chart{display:block;width:100%;height:auto}
svg.chart text{fill:var(--muted);font-size:12px}
svg.chart .grid{stroke:var(--rule);stroke-width:1}
svg.chart .axis{stroke:var(--muted);stroke-width:1}
.bar{fill:var(--bar)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--rule);vertical-align:top}
th{font-weight:600;font-size:.9rem;color:var(--muted)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.key{overflow-wrap:anywhere}
td.bar{width:30%;vertical-align:middle}
svg.hbar{display:block;width:100%;height:.8rem}
tr.rest td{color:var(--muted);font-style:italic}
td.tool{white-space:nowrap}
td.example{color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem}
@media print{body{max-width:none;padding:0}section{break-inside:avoid}h2{break-after:avoid}}
";

/// The whole page for `tally`, titled `title`.
pub fn page(title: &str, tally: &Tally) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{0}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{0}</h1>\n",
        esc(title)
    );
    out.push_str(&totals(tally));
    out.push_str("</header>\n");
    out.push_str(&days(tally));
    out.push_str(&keyed(
        "sites",
        "Sites",
        "Site",
        &tally.sites,
        tally.no_site,
        tally,
    ));
    out.push_str(&keyed(
        "categories",
        "Categories",
        "Category",
        &tally.categories,
        tally.no_category,
        tally,
    ));
    out.push_str(&keyed(
        "tags",
        "Tags",
        "Tag",
        &tally.tags,
        tally.no_tag,
        tally,
    ));
    out.push_str(&lengths(tally));
    out.push_str(&keyed(
        "languages",
        "Languages",
        "Language",
        &tally.langs,
        tally.no_lang,
        tally,
    ));
    out.push_str(&coverage(tally));
    if tally.rejections.is_some() {
        out.push_str(&rejections(tally));
    }
    out.push_str("<footer>Made by folio-render --to report.</footer>\n</body>\n</html>\n");
    out
}

/// The header's tiles: records, dates, sites, languages, text, rejections.
fn totals(tally: &Tally) -> String {
    let mut tiles = vec![
        ("Records", thousands(tally.records)),
        ("Dated", thousands(tally.records - tally.undated)),
        ("Sites", thousands(tally.sites.keys() as u64)),
        ("Categories", thousands(tally.categories.keys() as u64)),
        ("Languages", thousands(tally.langs.keys() as u64)),
        ("Cleaned", thousands(tally.with_text())),
    ];
    if let Some(rejections) = &tally.rejections {
        tiles.push(("Rejections", thousands(rejections.total)));
    }
    let mut out = String::new();
    if let Some((first, last)) = tally.days.span() {
        out.push_str(&format!(
            "<p class=\"meta\">Dated from <time>{first}</time> to <time>{last}</time>, \
             each record on the day of its own time zone.</p>\n"
        ));
    }
    out.push_str("<dl class=\"totals\">\n");
    for (name, value) in tiles {
        out.push_str(&format!("<div><dt>{name}</dt><dd>{value}</dd></div>\n"));
    }
    out.push_str("</dl>\n");
    out
}

fn days(tally: &Tally) -> String {
    let (unit, bins) = tally.days.bins();
    let per = match unit {
        Unit::Day => "day".to_owned(),
        Unit::Month => "month".to_owned(),
        Unit::Years(1) => "year".to_owned(),
        Unit::Years(n) => format!("{n} years"),
    };
    let mut out = format!("<section id=\"days\">\n<h2>Articles per {per}</h2>\n");
    if bins.is_empty() {
        out.push_str("<p class=\"note\">No record has a date.</p>\n");
    } else {
        let columns: Vec<Column> = bins
            .into_iter()
            .map(|bin| Column {
                tip: bin.label.clone(),
                label: bin.label,
                count: bin.count,
            })
            .collect();
        out.push_str(&chart::columns(&format!("Articles per {per}"), &columns));
    }
    out.push_str(&format!(
        "<p class=\"note\">Without a date: {}{}.</p>\n</section>\n",
        of(tally.undated, tally.records),
        match tally.unreadable_dates {
            0 => String::new(),
            n => format!(
                " ({} with a <code>date_raw</code> that could not be read)",
                thousands(n)
            ),
        }
    ));
    out
}

/// A table of the largest counts of `counts`, one bar per row, the rest summed, and the
/// records without any key.
fn keyed(
    id: &str,
    heading: &str,
    column: &str,
    counts: &Counts,
    none: u64,
    tally: &Tally,
) -> String {
    let mut out = format!("<section id=\"{id}\">\n<h2>{heading}</h2>\n");
    let Top {
        rows,
        other_keys,
        other_count,
    } = counts.top(TOP_ROWS);
    if rows.is_empty() {
        out.push_str("<p class=\"note\">No record has one.</p>\n</section>\n");
        return out;
    }
    // The bars share one scale, the summed rows included.
    let max = rows
        .first()
        .map_or(0, |(_, n)| *n)
        .max(other_count)
        .max(none);
    out.push_str(&format!(
        "<table class=\"bars\">\n<thead><tr><th>{column}</th><th class=\"n\">Records</th>\
         <th class=\"n\">Share</th><th class=\"bar\"></th></tr></thead>\n<tbody>\n"
    ));
    for (key, count) in &rows {
        out.push_str(&row("", &esc(key), *count, tally.records, max));
    }
    if other_count > 0 {
        let what = match (other_keys, counts.untracked) {
            (keys, 0) => format!("{} others together", thousands(keys as u64)),
            (keys, _) => format!("{}+ others together", thousands(keys as u64)),
        };
        out.push_str(&row(
            " class=\"rest\"",
            &what,
            other_count,
            tally.records,
            max,
        ));
    }
    out.push_str(&row(" class=\"rest\"", "(none)", none, tally.records, max));
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// One table row: an (escaped) label, the count, its share of `total`, a bar against `max`.
fn row(class: &str, label: &str, count: u64, total: u64, max: u64) -> String {
    format!(
        "<tr{class}><td class=\"key\">{label}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
         <td class=\"bar\">{}</td></tr>\n",
        thousands(count),
        percent(count, total),
        chart::bar(count, max)
    )
}

fn lengths(tally: &Tally) -> String {
    let mut out = String::from("<section id=\"lengths\">\n<h2>Text length</h2>\n");
    if tally.with_text() == 0 {
        out.push_str("<p class=\"note\">No record has a text.</p>\n");
    } else {
        let columns: Vec<Column> = LENGTH_BINS
            .iter()
            .zip(&tally.lengths)
            .enumerate()
            .map(|(i, (low, count))| {
                let next = LENGTH_BINS.get(i + 1).copied();
                Column {
                    label: bin_label(*low, next),
                    tip: bin_range(*low, next),
                    count: *count,
                }
            })
            .collect();
        out.push_str(&chart::columns(
            "Records by text length in characters",
            &columns,
        ));
        out.push_str(&format!(
            "<p class=\"note\">A bar counts the texts from its first number of characters up \
             to, not including, its second. Characters of <code>text</code>: {} in all, {} on \
             average, {} at most.</p>\n",
            thousands(tally.total_chars),
            thousands(tally.total_chars / tally.with_text()),
            thousands(tally.max_chars)
        ));
        out.push_str(&named("Longest texts", &tally.longest));
        out.push_str(&named("Shortest texts", &tally.shortest));
    }
    out.push_str(&format!(
        "<p class=\"note\">Without a <code>text</code> (never cleaned): {}.</p>\n</section>\n",
        of(tally.no_text, tally.records)
    ));
    out
}

/// A table of records named by title (else id), with their site and length.
fn named(heading: &str, list: &[Named]) -> String {
    let mut out = format!(
        "<h3>{heading}</h3>\n<table>\n<thead><tr><th>Title</th><th>Site</th>\
         <th class=\"n\">Characters</th></tr></thead>\n<tbody>\n"
    );
    for entry in list {
        out.push_str(&format!(
            "<tr><td class=\"key\">{}</td><td class=\"key\">{}</td><td class=\"n\">{}</td></tr>\n",
            entry
                .name
                .as_deref()
                .map_or_else(|| "(untitled)".to_owned(), esc),
            entry.site.as_deref().map(esc).unwrap_or_default(),
            thousands(entry.chars)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// A length bin under the axis, short and half open: `0`, `1–100`, …, `5k–10k`, `50k+`.
fn bin_label(low: u64, next: Option<u64>) -> String {
    let short = |n: u64| match n {
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    };
    match next {
        Some(next) if next == low + 1 => short(low),
        Some(next) => format!("{}–{}", short(low), short(next)),
        None => format!("{}+", short(low)),
    }
}

/// A length bin in full, for its tooltip: `1,000 to 1,999 characters`.
fn bin_range(low: u64, next: Option<u64>) -> String {
    match next {
        Some(next) if next == low + 1 => format!("{} characters", thousands(low)),
        Some(next) => format!("{} to {} characters", thousands(low), thousands(next - 1)),
        None => format!("{} characters or more", thousands(low)),
    }
}

fn coverage(tally: &Tally) -> String {
    let mut out = String::from(
        "<section id=\"coverage\">\n<h2>Metadata coverage</h2>\n\
         <p class=\"note\">Records with each field present and not blank.</p>\n\
         <table class=\"bars\">\n<thead><tr><th>Field</th><th class=\"n\">Records</th>\
         <th class=\"n\">Share</th><th class=\"bar\"></th></tr></thead>\n<tbody>\n",
    );
    let names = FIELDS
        .iter()
        .map(|f| format!("<code>{f}</code>"))
        .chain(ROLES.iter().map(|r| format!("credits: <code>{r}</code>")));
    for (name, count) in names.zip(&tally.present) {
        out.push_str(&row("", &name, *count, tally.records, tally.records));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

fn rejections(tally: &Tally) -> String {
    let Some(rejections) = &tally.rejections else {
        return String::new();
    };
    let files: Vec<String> = rejections
        .files
        .iter()
        .map(|f| format!("<code>{}</code>", esc(f)))
        .collect();
    let mut out = format!(
        "<section id=\"rejections\">\n<h2>Rejections</h2>\n\
         <p class=\"note\">{} lines in {}, grouped by tool and the stable part of the reason \
         (numbers, names and lists left out); each group shows its first reason in full.</p>\n",
        thousands(rejections.total),
        files.join(", ")
    );
    if rejections.total == 0 {
        out.push_str("<p class=\"note\">Nothing was rejected.</p>\n</section>\n");
        return out;
    }
    let tools: Vec<String> = rejections
        .by_tool()
        .into_iter()
        .map(|(tool, n)| format!("{} {}", tool_name(tool), thousands(n)))
        .collect();
    out.push_str(&format!(
        "<p class=\"note\">By tool: {}.</p>\n",
        tools.join(", ")
    ));
    out.push_str(
        "<table class=\"bars\">\n<thead><tr><th>Tool</th><th>Reason</th><th class=\"n\">Lines</th>\
         <th class=\"n\">Share</th><th class=\"bar\"></th><th>First example</th></tr></thead>\n<tbody>\n",
    );
    let rows = rejections.rows();
    let max = rows.first().map_or(0, |(_, _, g)| g.count);
    for (tool, group, g) in rows.iter().take(TOP_REASONS) {
        out.push_str(&format!(
            "<tr><td class=\"tool\">{}</td><td class=\"key\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"bar\">{}</td><td class=\"example\">{}</td></tr>\n",
            tool_name(tool),
            esc(group),
            thousands(g.count),
            percent(g.count, rejections.total),
            chart::bar(g.count, max),
            esc(&g.example)
        ));
    }
    let rest: u64 = rows.iter().skip(TOP_REASONS).map(|(_, _, g)| g.count).sum();
    if rest > 0 {
        out.push_str(&format!(
            "<tr class=\"rest\"><td></td><td>{} other reasons</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"bar\">{}</td><td></td></tr>\n",
            thousands((rows.len() - TOP_REASONS) as u64),
            thousands(rest),
            percent(rest, rejections.total),
            chart::bar(rest, max)
        ));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

fn tool_name(tool: &str) -> String {
    if tool.is_empty() {
        "(unknown)".to_owned()
    } else {
        esc(tool)
    }
}

/// `3 of 10 records (30.0%)`.
fn of(count: u64, total: u64) -> String {
    format!(
        "{} of {} records ({})",
        thousands(count),
        thousands(total),
        percent(count, total)
    )
}

/// `count` as a share of `total`, to one decimal (rounded half up), without floating point.
pub fn percent(count: u64, total: u64) -> String {
    if total == 0 {
        return "–".to_owned();
    }
    let permille = (u128::from(count) * 1000 + u128::from(total) / 2) / u128::from(total);
    format!("{}.{}%", permille / 10, permille % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Facts, Rejections};

    #[test]
    fn shares_round_half_up_to_one_decimal() {
        assert_eq!(percent(0, 0), "–");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(1, 8), "12.5%");
        assert_eq!(percent(7, 7), "100.0%");
        assert_eq!(percent(u64::MAX, u64::MAX), "100.0%");
    }

    #[test]
    fn bins_are_labelled_by_their_range() {
        assert_eq!(bin_label(0, Some(1)), "0");
        assert_eq!(bin_label(1, Some(100)), "1–100");
        assert_eq!(bin_label(500, Some(1_000)), "500–1k");
        assert_eq!(bin_label(10_000, Some(20_000)), "10k–20k");
        assert_eq!(bin_label(50_000, None), "50k+");
        assert_eq!(bin_range(0, Some(1)), "0 characters");
        assert_eq!(bin_range(1_000, Some(2_000)), "1,000 to 1,999 characters");
        assert_eq!(bin_range(50_000, None), "50,000 characters or more");
    }

    #[test]
    fn an_empty_tally_makes_a_whole_page() {
        let page = page("空 <report>", &Tally::new(Some(Rejections::default())));
        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
        assert!(page.contains("<title>空 &lt;report&gt;</title>"));
        assert!(page.contains("No record has a date."));
        assert!(page.contains("Nothing was rejected."));
        assert!(!page.contains("<svg class=\"chart\""));
    }

    #[test]
    fn hostile_keys_are_escaped_everywhere() {
        let hostile = "<script>alert(1)</script>\"'&";
        let mut rejections = Rejections::default();
        rejections.add(hostile, hostile, hostile);
        let mut tally = Tally::new(Some(rejections));
        tally.add(Facts {
            site: Some(hostile.into()),
            categories: vec![hostile.into()],
            tags: vec![hostile.into()],
            lang: Some(hostile.into()),
            ..Facts::default()
        });
        let page = page(hostile, &tally);
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("\"'&"), "{page}");
        assert_eq!(
            page.matches("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
                .count(),
            2 + 4 + 4
        );
    }
}
