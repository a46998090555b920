//! An article's metadata as the page states it, and where each field came from, so a
//! reader can judge it ("the date is the page's JSON-LD datePublished").

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Where a metadata field's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldSource {
    /// Sent by the client with the article.
    Client,
    /// The page's JSON-LD (`NewsArticle` and kin).
    JsonLd,
    /// A `<meta>` tag (Open Graph, `article:published_time`, Dublin Core, ...).
    Meta,
    /// The page's own markup: `<title>`, a byline element, a `<time>` element.
    Html,
    /// The page's address (a date in the path, the host as the outlet).
    Url,
}

/// Where each field of an article's metadata came from; `None` when the field is empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Provenance {
    pub title: Option<FieldSource>,
    pub author: Option<FieldSource>,
    pub published_at: Option<FieldSource>,
    pub source: Option<FieldSource>,
}

/// A field's value with where it came from.
pub type Sourced<T> = Option<(T, FieldSource)>;

/// Reads a publication date as pages write it: RFC 3339 (with or without the colon in
/// the offset), a bare date-time or date (taken as UTC), or RFC 2822. The offset is
/// kept: the calendar day of publication is the day where it was published. Years
/// outside 1–9999 are refused.
pub fn parse_date(raw: &str) -> Option<DateTime<FixedOffset>> {
    let raw = raw.trim();
    let parsed = DateTime::parse_from_rfc3339(raw)
        .or_else(|_| DateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .or_else(|_| DateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M%z"))
        .or_else(|_| DateTime::parse_from_rfc2822(raw))
        .ok()
        .or_else(|| {
            [
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M:%S%.f",
                "%Y-%m-%dT%H:%M",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
            .map(|t| t.and_utc().fixed_offset())
        })
        .or_else(|| {
            let date = raw.get(..10)?;
            let rest = &raw[10..];
            // "2017-01-13" alone, or followed by something we could not read as a time.
            let plausible = rest.is_empty() || rest.starts_with(['T', ' ']);
            plausible
                .then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
                .flatten()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc().fixed_offset())
        })?;
    (1..=9999).contains(&parsed.year()).then_some(parsed)
}

/// A date in a URL path as news sites write it: `/2017/01/13/` or `/2017-01-13/`.
pub fn date_in_url(url: &str) -> Option<DateTime<FixedOffset>> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    parts.windows(3).find_map(|w| {
        let (y, m, d) = (w[0], w[1], w[2]);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        if !(1990..=2100).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)?
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().fixed_offset())
    })
}

/// The host of `url` without a leading `www.`: the outlet when the page does not name itself.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// "By Jane Doe" → "Jane Doe": the byline as a name.
pub fn clean_byline(byline: &str) -> Option<String> {
    let byline = byline.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| byline.strip_prefix(p))
        .unwrap_or(&byline)
        .trim_matches(|c: char| c.is_whitespace() || c == ',' || c == '|');
    (!name.is_empty() && name.chars().count() <= 300).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(t: Option<DateTime<FixedOffset>>) -> Option<String> {
        t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
    }

    #[test]
    fn reads_the_date_formats_pages_use() {
        for (raw, want) in [
            ("2017-01-13T10:00:00+00:00", "2017-01-13 10:00"),
            ("2017-01-13T10:00:00+0100", "2017-01-13 10:00"),
            ("2017-02-23T17:18:13-08:00", "2017-02-23 17:18"),
            ("2017-01-13T10:00:00.123Z", "2017-01-13 10:00"),
            ("2017-01-13 10:00:00", "2017-01-13 10:00"),
            ("2017-01-13", "2017-01-13 00:00"),
            ("2017-01-13T10:00", "2017-01-13 10:00"),
            ("Fri, 13 Jan 2017 10:00:00 GMT", "2017-01-13 10:00"),
        ] {
            assert_eq!(day(parse_date(raw)).as_deref(), Some(want), "{raw}");
        }
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2017-13-45"), None);
        assert_eq!(parse_date("20170113x"), None);
    }

    #[test]
    fn finds_dates_in_urls() {
        assert_eq!(
            day(date_in_url(
                "https://ex.com/news/2017/01/13/sudan-sanctions.html"
            ))
            .as_deref(),
            Some("2017-01-13 00:00")
        );
        assert_eq!(
            day(date_in_url("https://ex.com/2019-11-02-story")).as_deref(),
            Some("2019-11-02 00:00")
        );
        assert_eq!(date_in_url("https://ex.com/item/1234/56/78"), None);
        assert_eq!(date_in_url("https://ex.com/2017/13/45/x"), None);
    }

    #[test]
    fn hosts_and_bylines() {
        assert_eq!(
            host_of("https://www.BBC.co.uk/news/x").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            host_of("http://u:p@ex.com:8080/").as_deref(),
            Some("ex.com")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(
            clean_byline("  By  Jane   Doe, ").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(clean_byline("   "), None);
    }
}
