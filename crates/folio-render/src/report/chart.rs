//! Charts as inline SVG, drawn by hand: a column chart (time, lengths) with a scale and
//! labels, and the one-bar SVG of a table row. Labels are escaped; coordinates are written
//! with one decimal so the same counts give the same bytes. No `xmlns` is needed inside HTML.

use crate::escape::html as esc;

/// The drawing's own units; the SVG scales to the page's width.
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 44.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 46.0;
/// Roughly how wide one character of a 12-unit label is (CJK counts twice).
const CHAR_WIDTH: f64 = 7.0;

/// One column: its label under the axis, what its tooltip calls it, and its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub label: String,
    pub tip: String,
    pub count: u64,
}

/// A column chart: a bar per entry, a scale on the left with gridlines, labels under as many
/// columns as there is room for (each column also names itself in a tooltip). `what` says
/// what the chart shows, for screen readers.
pub fn columns(what: &str, columns: &[Column]) -> String {
    let n = columns.len().max(1) as f64;
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let slot = plot_width / n;
    let bar = (slot * 0.8).max(slot - 6.0).max(0.5).min(slot);
    let max = columns.iter().map(|c| c.count).max().unwrap_or(0);
    let (top, step) = scale(max);
    let mut out = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">\n",
        esc(what)
    );
    let mut tick = 0;
    while tick <= top {
        let y = TOP + plot_height - plot_height * tick as f64 / top as f64;
        out.push_str(&format!(
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            thousands(tick)
        ));
        match tick.checked_add(step) {
            Some(next) => tick = next,
            None => break,
        }
    }
    let widest = columns
        .iter()
        .map(|c| text_width(&c.label))
        .fold(0.0, f64::max);
    let every = ((widest + 12.0) / slot).ceil().max(1.0) as usize;
    for (i, column) in columns.iter().enumerate() {
        let x = LEFT + slot * i as f64;
        let centre = x + slot / 2.0;
        if column.count > 0 {
            let h = plot_height * column.count as f64 / top as f64;
            out.push_str(&format!(
                "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"><title>{}: {}</title></rect>\n",
                centre - bar / 2.0,
                TOP + plot_height - h,
                esc(&column.tip),
                thousands(column.count)
            ));
        }
        if i % every == 0 {
            out.push_str(&format!(
                "<text class=\"label\" x=\"{centre:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
                TOP + plot_height + 18.0,
                esc(&column.label)
            ));
        }
    }
    out.push_str(&format!(
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\"/>\n</svg>\n",
        TOP + plot_height,
        WIDTH - RIGHT
    ));
    out
}

/// The bar of one table row: `count` out of `max`, as wide as its cell.
pub fn bar(count: u64, max: u64) -> String {
    let width = if max == 0 {
        0.0
    } else {
        100.0 * count as f64 / max as f64
    };
    format!(
        "<svg class=\"hbar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
         <rect class=\"bar\" width=\"{width:.1}\" height=\"10\"/></svg>"
    )
}

/// The top of the scale and the step between ticks: a round step (1, 2 or 5 times a power
/// of ten) that needs at most five ticks above zero to reach `max`.
pub fn scale(max: u64) -> (u64, u64) {
    if max == 0 {
        return (1, 1);
    }
    let mut power = 1u64;
    loop {
        for factor in [1, 2, 5] {
            let step = power.saturating_mul(factor);
            if max.div_ceil(step) <= 5 {
                return (max.div_ceil(step).saturating_mul(step), step);
            }
        }
        power = power.saturating_mul(10);
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How wide `text` is drawn, roughly: wide (CJK) characters take two columns.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2.0 } else { 1.0 })
        .sum::<f64>()
        * CHAR_WIDTH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(1), (1, 1));
        assert_eq!(scale(3), (3, 1));
        assert_eq!(scale(7), (8, 2));
        assert_eq!(scale(23), (25, 5));
        assert_eq!(scale(1_234), (1_500, 500));
        assert_eq!(scale(u64::MAX), (u64::MAX, 5_000_000_000_000_000_000));
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn a_column_chart_draws_a_bar_per_count_and_escapes_labels() {
        let columns = [
            Column {
                label: "<script>".into(),
                tip: "<script>".into(),
                count: 2,
            },
            Column {
                label: "b".into(),
                tip: "b".into(),
                count: 0,
            },
            Column {
                label: "c".into(),
                tip: "c".into(),
                count: 4,
            },
        ];
        let svg = super::columns("what \"quoted\"", &columns);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<title>&lt;script&gt;: 2</title>"), "{svg}");
        assert!(svg.contains("aria-label=\"what &quot;quoted&quot;\""));
        assert!(!svg.contains("<script"));
        assert_eq!(svg, super::columns("what \"quoted\"", &columns));
    }

    #[test]
    fn labels_thin_out_when_columns_are_narrow() {
        let many: Vec<Column> = (0..365)
            .map(|n| Column {
                label: format!("2022-01-{n:03}"),
                tip: String::new(),
                count: 1,
            })
            .collect();
        let svg = columns("days", &many);
        let labels = svg.matches("class=\"label\"").count();
        assert!((5..=12).contains(&labels), "{labels} labels");
        assert_eq!(svg.matches("<rect").count(), 365);
    }
}
