//! A timeline of statement counts as an SVG bar chart, drawn on the server: no script,
//! no asset from anywhere, readable by screen readers (a title and a summary).

use maud::{html, Markup};

use super::layout::long_date;
use crate::db::stats::{Bucket, Interval};

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 8.0;

fn period_label(interval: Interval, bucket: &Bucket) -> String {
    match interval {
        Interval::Month => bucket.period.format("%B %Y").to_string(),
        Interval::Week => format!("week of {}", long_date(bucket.period)),
        Interval::Day => long_date(bucket.period),
    }
}

/// The chart, with `caption` under it; an empty timeline is said in words.
pub fn timeline(buckets: &[Bucket], interval: Interval, caption: &str) -> Markup {
    let total: i64 = buckets.iter().map(|b| b.count).sum();
    if buckets.is_empty() || total == 0 {
        return html! { p.note { "No statements to chart." } };
    }
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64;
    let slot = (WIDTH - LEFT) / buckets.len() as f64;
    let bar = (slot * 0.8).max(1.0);
    let plot = HEIGHT - BOTTOM - TOP;
    let first = period_label(interval, &buckets[0]);
    let last = period_label(interval, &buckets[buckets.len() - 1]);
    let summary = format!(
        "{total} statements from {first} to {last}; at most {max} in one {}.",
        match interval {
            Interval::Month => "month",
            Interval::Week => "week",
            Interval::Day => "day",
        }
    );
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-labelledby="chart-title chart-desc"
                xmlns="http://www.w3.org/2000/svg" {
                title #chart-title { (caption) }
                desc #chart-desc { (summary) }
                line x1=(LEFT) y1=(HEIGHT - BOTTOM) x2=(WIDTH) y2=(HEIGHT - BOTTOM) stroke="#4a4a4a" {}
                text x=(LEFT - 4.0) y=(TOP + 10.0) text-anchor="end" font-size="11" fill="#1b1b1b" { (max) }
                text x=(LEFT - 4.0) y=(HEIGHT - BOTTOM) text-anchor="end" font-size="11" fill="#1b1b1b" { "0" }
                @for (i, b) in buckets.iter().enumerate() {
                    @let h = (b.count as f64 / max * plot).max(if b.count > 0 { 1.0 } else { 0.0 });
                    rect x=(format!("{:.1}", LEFT + i as f64 * slot)) y=(format!("{:.1}", HEIGHT - BOTTOM - h))
                        width=(format!("{bar:.1}")) height=(format!("{h:.1}")) fill="#0b4f9c" {
                        title { (period_label(interval, b)) ": " (b.count) }
                    }
                }
                text x=(LEFT) y=(HEIGHT - 6.0) font-size="11" fill="#1b1b1b" { (first) }
                text x=(WIDTH) y=(HEIGHT - 6.0) text-anchor="end" font-size="11" fill="#1b1b1b" { (last) }
            }
            figcaption { (caption) ": " (summary) }
        }
    }
}

/// Weeks for a span of up to half a year, months beyond.
pub fn interval_for(first: Option<chrono::NaiveDate>, last: Option<chrono::NaiveDate>) -> Interval {
    match (first, last) {
        (Some(f), Some(l)) if (l - f).num_days() <= 183 => Interval::Week,
        _ => Interval::Month,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn bucket(m: u32, count: i64) -> Bucket {
        Bucket {
            period: NaiveDate::from_ymd_opt(2025, m, 1).unwrap(),
            count,
        }
    }

    #[test]
    fn one_bar_per_period_tallest_for_the_most() {
        let svg = timeline(
            &[bucket(1, 2), bucket(2, 0), bucket(3, 4)],
            Interval::Month,
            "Quoted per month",
        )
        .into_string();
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(
            svg.contains("6 statements from January 2025 to March 2025; at most 4 in one month.")
        );
        assert!(svg.contains("<title>March 2025: 4</title>"));
        assert!(
            svg.contains(r#"height="148.0""#),
            "the largest bar fills the plot: {svg}"
        );
    }

    #[test]
    fn nothing_to_chart_is_said_in_words() {
        assert!(timeline(&[], Interval::Month, "x")
            .into_string()
            .contains("No statements"));
    }

    #[test]
    fn short_spans_by_week() {
        let d = |m| NaiveDate::from_ymd_opt(2025, m, 1);
        assert_eq!(interval_for(d(1), d(3)), Interval::Week);
        assert_eq!(interval_for(d(1), d(12)), Interval::Month);
    }
}
