//! Records per day, and the bins a chart shows them in: days, months, years or spans of
//! years, whichever is the finest that keeps the chart within [`MAX_BARS`] bars.
//!
//! Days are counted one by one until the dates spread over more than [`DAYS_LIMIT`] distinct
//! days (a corpus with stray dates centuries apart); the counts then fold into months, and
//! months into years, so memory stays bounded whatever the dates.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

/// The most bars a time chart draws.
pub const MAX_BARS: i64 = 400;

/// The most distinct days (then months) counted one by one.
pub const DAYS_LIMIT: usize = 20_000;

/// How finely the counts are kept, or shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Grain {
    #[default]
    Day,
    Month,
    Year,
}

/// Records per day (or month, or year).
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    grain: Grain,
    /// Keyed by days since 1 January of year 1, months since year 0, or the year.
    counts: BTreeMap<i64, u64>,
}

/// The unit of one bar: a day, a month, or `n` years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Month,
    Years(i64),
}

/// One bar of a time chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    pub label: String,
    pub count: u64,
}

impl Timeline {
    pub fn add(&mut self, day: NaiveDate) {
        *self.counts.entry(key(self.grain, day)).or_default() += 1;
        // Distinct days may each fall in a month of their own: fold again until it holds.
        while self.counts.len() > DAYS_LIMIT && self.grain < Grain::Year {
            self.coarsen();
        }
    }

    /// How finely the counts are kept now.
    pub fn grain(&self) -> Grain {
        self.grain
    }

    /// The first and last day or month or year with a record, as labels.
    pub fn span(&self) -> Option<(String, String)> {
        let first = *self.counts.keys().next()?;
        let last = *self.counts.keys().next_back()?;
        let unit = match self.grain {
            Grain::Day => Unit::Day,
            Grain::Month => Unit::Month,
            Grain::Year => Unit::Years(1),
        };
        Some((label(unit, first), label(unit, last)))
    }

    fn coarsen(&mut self) {
        let finer = self.grain;
        self.grain = if finer == Grain::Day {
            Grain::Month
        } else {
            Grain::Year
        };
        let mut coarse = BTreeMap::new();
        for (key, count) in std::mem::take(&mut self.counts) {
            let (year, month) = year_month(finer, key);
            let key = match self.grain {
                Grain::Month => year * 12 + month,
                _ => year,
            };
            *coarse.entry(key).or_default() += count;
        }
        self.counts = coarse;
    }

    /// The bars of the chart, from the first record's bin to the last one's, empty bins
    /// included, in the finest unit that needs no more than [`MAX_BARS`] bars.
    pub fn bins(&self) -> (Unit, Vec<Bin>) {
        let (Some(first), Some(last)) = (self.counts.keys().next(), self.counts.keys().next_back())
        else {
            return (Unit::Day, Vec::new());
        };
        let units = [Unit::Day, Unit::Month]
            .into_iter()
            .chain([1, 10, 100, 1_000, 10_000, 100_000, 1_000_000].map(Unit::Years));
        let unit = units
            .filter(|unit| self.shows(*unit))
            .find(|unit| self.bin(*unit, *last) - self.bin(*unit, *first) < MAX_BARS)
            .unwrap_or(Unit::Years(1_000_000));
        let start = self.bin(unit, *first);
        let end = self.bin(unit, *last);
        let mut counts = vec![0u64; (end - start + 1) as usize];
        for (key, count) in &self.counts {
            counts[(self.bin(unit, *key) - start) as usize] += count;
        }
        let bins = counts
            .into_iter()
            .enumerate()
            .map(|(n, count)| Bin {
                label: label(unit, start + n as i64),
                count,
            })
            .collect();
        (unit, bins)
    }

    /// Whether the counts are kept finely enough to be shown in `unit`.
    fn shows(&self, unit: Unit) -> bool {
        match unit {
            Unit::Day => self.grain == Grain::Day,
            Unit::Month => self.grain <= Grain::Month,
            Unit::Years(_) => true,
        }
    }

    /// The bin in `unit` of a key of the kept grain.
    fn bin(&self, unit: Unit, key: i64) -> i64 {
        let (year, month) = year_month(self.grain, key);
        match unit {
            Unit::Day => key,
            Unit::Month => year * 12 + month,
            Unit::Years(n) => year.div_euclid(n),
        }
    }
}

fn key(grain: Grain, day: NaiveDate) -> i64 {
    let year = i64::from(day.year());
    match grain {
        Grain::Day => i64::from(day.num_days_from_ce()),
        Grain::Month => year * 12 + i64::from(day.month0()),
        Grain::Year => year,
    }
}

/// The year and month (0–11; 0 for a year key) of a key of `grain`.
fn year_month(grain: Grain, key: i64) -> (i64, i64) {
    match grain {
        Grain::Day => {
            let day = i32::try_from(key)
                .ok()
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .unwrap_or_default();
            (i64::from(day.year()), i64::from(day.month0()))
        }
        Grain::Month => (key.div_euclid(12), key.rem_euclid(12)),
        Grain::Year => (key, 0),
    }
}

/// A bin's label: `2022-05-08`, `2022-05`, `2022`, or `2020–2029` for a span of years.
fn label(unit: Unit, bin: i64) -> String {
    match unit {
        Unit::Day => {
            let (year, month) = year_month(Grain::Day, bin);
            let day = i32::try_from(bin)
                .ok()
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .map_or(1, |d| d.day());
            format!("{year:04}-{:02}-{day:02}", month + 1)
        }
        Unit::Month => format!("{:04}-{:02}", bin.div_euclid(12), bin.rem_euclid(12) + 1),
        Unit::Years(1) => format!("{bin:04}"),
        Unit::Years(n) => format!("{}–{}", bin * n, bin * n + n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn labels(bins: &[Bin]) -> Vec<(&str, u64)> {
        bins.iter().map(|b| (b.label.as_str(), b.count)).collect()
    }

    #[test]
    fn days_with_gaps_filled() {
        let mut timeline = Timeline::default();
        for d in ["2022-05-08", "2022-05-06", "2022-05-08"] {
            timeline.add(day(d));
        }
        let (unit, bins) = timeline.bins();
        assert_eq!(unit, Unit::Day);
        assert_eq!(
            labels(&bins),
            [("2022-05-06", 1), ("2022-05-07", 0), ("2022-05-08", 2)]
        );
        assert_eq!(
            timeline.span(),
            Some(("2022-05-06".into(), "2022-05-08".into()))
        );
    }

    #[test]
    fn a_long_span_is_shown_by_month_then_by_year() {
        let mut timeline = Timeline::default();
        timeline.add(day("2021-01-31"));
        timeline.add(day("2022-12-01"));
        let (unit, bins) = timeline.bins();
        assert_eq!(unit, Unit::Month);
        assert_eq!(bins.len(), 24);
        assert_eq!(labels(&bins)[0], ("2021-01", 1));
        timeline.add(day("1970-01-01"));
        let (unit, bins) = timeline.bins();
        assert_eq!(unit, Unit::Years(1));
        assert_eq!(labels(&bins)[0], ("1970", 1));
        assert_eq!(bins.len(), 53);
        timeline.add(day("0900-06-01"));
        let (unit, bins) = timeline.bins();
        assert_eq!(unit, Unit::Years(10));
        assert_eq!(labels(&bins)[0], ("900–909", 1));
    }

    #[test]
    fn many_distinct_days_fold_into_months_and_years() {
        let mut timeline = Timeline::default();
        let mut d = day("1900-01-01");
        for _ in 0..DAYS_LIMIT + 1 {
            timeline.add(d);
            d = d.succ_opt().unwrap();
        }
        assert_eq!(timeline.grain(), Grain::Month);
        let total: u64 = timeline.bins().1.iter().map(|b| b.count).sum();
        assert_eq!(total, DAYS_LIMIT as u64 + 1);
        let mut far = Timeline::default();
        for year in -100_000..-100_000 + DAYS_LIMIT as i32 + 1 {
            far.add(NaiveDate::from_ymd_opt(year, 3, 1).unwrap());
        }
        assert_eq!(far.grain(), Grain::Year);
        let (unit, bins) = far.bins();
        assert_eq!(unit, Unit::Years(100));
        assert!(bins.len() as i64 <= MAX_BARS);
        assert_eq!(
            bins.iter().map(|b| b.count).sum::<u64>(),
            DAYS_LIMIT as u64 + 1
        );
    }
}
