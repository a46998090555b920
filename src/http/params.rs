//! Query parameters shared by the listing routes (statements, quotes, stats): the
//! filters, page sizes and cursors, each validated into what `search` takes, with a 400
//! naming the parameter at fault.

use chrono::NaiveDate;

use super::error::ApiError;
use crate::echo::truncate;
use crate::search::Wanted;

/// Longest accepted text parameter; names and topics are far shorter.
pub const MAX_PARAM: usize = 500;
pub const KINDS: [&str; 3] = ["direct", "indirect", "mixed"];

/// Declares a route's query parameters: the shared filters and the route's own.
/// (One declaration per route keeps `deny_unknown_fields` and the OpenAPI document exact.)
#[macro_export]
macro_rules! listing_params {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
        #[serde(deny_unknown_fields)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            /// A person's name as you would type it: "Rutte", "rutte" and "Mark Rutte" all
            /// find Mark Rutte (any alias, any case, accents ignored, whole words). A name
            /// that matches nobody gives no statements and `suggestions`.
            #[param(max_length = 500, pattern = r"^[^\x00]*$")]
            pub person: Option<String>,
            /// A person's id.
            #[param(pattern = r"^[1-9][0-9]{0,17}$")]
            pub person_id: Option<String>,
            /// An organisation's name (any alias: "NATO", "North Atlantic Treaty
            /// Organization") or id: statements by it and by people speaking for it.
            #[param(max_length = 500, pattern = r"^[^\x00]*$")]
            pub organization: Option<String>,
            /// Earliest `said_on` (inclusive), YYYY-MM-DD; empty is absent.
            #[param(schema_with = $crate::http::params::date_or_empty)]
            pub from: Option<String>,
            /// Latest `said_on` (inclusive), YYYY-MM-DD; empty is absent.
            #[param(schema_with = $crate::http::params::date_or_empty)]
            pub to: Option<String>,
            /// Topic words with English stemming, web-search syntax ("quoted phrases",
            /// `or`, `-word`); the last word as typed also matches as a prefix
            /// ("members" finds "membership").
            #[param(max_length = 500, pattern = r"^[^\x00]*$")]
            pub q: Option<String>,
            /// One or more of `direct`, `indirect`, `mixed`, comma-separated.
            #[param(max_length = 200, pattern = r"^((direct|indirect|mixed)(,(direct|indirect|mixed))*)?$")]
            pub kind: Option<String>,
            /// What the speaker did: one or more of `speech`, `writing`, `belief`,
            /// `stance`, `intention`, comma-separated (`said` = speech and writing).
            /// Every act when absent.
            #[param(max_length = 200, pattern = r"^((speech|writing|belief|stance|intention|said)(,(speech|writing|belief|stance|intention|said))*)?$")]
            pub act: Option<String>,
            /// The outlet (the article's `source`), any case.
            #[param(max_length = 500, pattern = r"^[^\x00]*$")]
            pub source: Option<String>,
            /// Only this article's statements.
            #[param(pattern = r"^[1-9][0-9]{0,17}$")]
            pub article_id: Option<String>,
            $($(#[$fmeta])* pub $field: Option<String>,)*
        }

        impl $name {
            /// The shared filters, validated.
            pub fn wanted(&self) -> Result<$crate::search::Wanted, $crate::http::error::ApiError> {
                $crate::http::params::wanted($crate::http::params::FilterFields {
                    person: self.person.as_deref(),
                    person_id: self.person_id.as_deref(),
                    organization: self.organization.as_deref(),
                    from: self.from.as_deref(),
                    to: self.to.as_deref(),
                    q: self.q.as_deref(),
                    kind: self.kind.as_deref(),
                    act: self.act.as_deref(),
                    source: self.source.as_deref(),
                    article_id: self.article_id.as_deref(),
                })
            }
        }
    };
}

/// The shared filters as they arrived.
pub struct FilterFields<'a> {
    pub person: Option<&'a str>,
    pub person_id: Option<&'a str>,
    pub organization: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub q: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub act: Option<&'a str>,
    pub source: Option<&'a str>,
    pub article_id: Option<&'a str>,
}

/// Validates the shared filters.
pub fn wanted(f: FilterFields<'_>) -> Result<Wanted, ApiError> {
    // `from` after `to` is an empty range, answered with no statements: each date is
    // valid on its own, and the document can judge only one parameter at a time.
    let from = date("from", f.from)?;
    let to = date("to", f.to)?;
    let mut wanted = Wanted {
        from,
        to,
        // Untrimmed: a trailing space says the last word is finished (see `search::topic`).
        q: text("q", f.q)?.and(f.q.map(|q| q.trim_start().to_string())),
        source: text("source", f.source)?,
        article_id: f.article_id.map(|raw| id("article_id", raw)).transpose()?,
        ..Wanted::default()
    };
    if let Some(person) = text("person", f.person)? {
        wanted.people.push(person);
    }
    if let Some(raw) = f.person_id {
        wanted.person_ids.push(id("person_id", raw)?);
    }
    if let Some(org) = text("organization", f.organization)? {
        match strict_id(&org) {
            Some(id) => wanted.organization_ids.push(id),
            // Digits that are no id ("0") are a name that matches nobody.
            None => wanted.organizations.push(org),
        }
    }
    if let Some(kinds) = f.kind.filter(|k| !k.is_empty()) {
        wanted.kinds = list("kind", kinds, &KINDS, "direct, indirect or mixed")?;
    }
    if let Some(acts) = f.act.filter(|a| !a.is_empty()) {
        wanted.acts = acts_of(acts)?;
    }
    Ok(wanted)
}

/// Longest accepted list parameter (`kind`, `act`).
const MAX_LIST: usize = 200;

/// A comma-separated list of names from `allowed`, no spaces (as the document's pattern says).
fn list(name: &str, value: &str, allowed: &[&str], say: &str) -> Result<Vec<String>, ApiError> {
    if value.len() > MAX_LIST {
        return Err(ApiError::parameter(format!(
            "{name}: longer than {MAX_LIST} characters"
        )));
    }
    let mut items: Vec<String> = Vec::new();
    for item in value.split(',') {
        if !allowed.contains(&item) {
            return Err(ApiError::parameter(format!(
                "{name}: must be {say} (or several, comma-separated), not {:?}",
                truncate(item, 40)
            )));
        }
        if !items.iter().any(|i| i == item) {
            items.push(item.to_string());
        }
    }
    Ok(items)
}

/// `act=speech,belief`; `said` stands for speech and writing.
fn acts_of(value: &str) -> Result<Vec<String>, ApiError> {
    let mut allowed: Vec<&str> = crate::extract::Act::ALL
        .iter()
        .map(|a| a.as_str())
        .collect();
    allowed.push("said");
    let named = list(
        "act",
        value,
        &allowed,
        "speech, writing, belief, stance, intention or said",
    )?;
    let mut acts: Vec<String> = Vec::new();
    for act in &named {
        let names = match act.as_str() {
            "said" => vec!["speech", "writing"],
            other => vec![other],
        };
        for name in names {
            if !acts.iter().any(|a| a == name) {
                acts.push(name.to_string());
            }
        }
    }
    Ok(acts)
}

/// A text parameter: at most [`MAX_PARAM`] characters, no NUL; blank counts as absent.
pub fn text(name: &str, value: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(value) = value else { return Ok(None) };
    if value.chars().count() > MAX_PARAM {
        return Err(ApiError::parameter(format!(
            "{name}: longer than {MAX_PARAM} characters"
        )));
    }
    if value.contains('\0') {
        return Err(ApiError::parameter(format!(
            "{name}: contains a NUL character"
        )));
    }
    let value = value.trim();
    Ok((!value.is_empty()).then(|| value.to_string()))
}

/// A date parameter, `YYYY-MM-DD` in years 1 to 9999 exactly as the document's `date`
/// format says; empty is absent (as a blank form field sends it).
pub fn date(name: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    crate::ingest::submission::iso_date(value)
        .filter(|d| chrono::Datelike::year(d) >= 1)
        .map(Some)
        .ok_or_else(|| {
            ApiError::parameter(format!(
                "{name}: must be a date like 2025-02-13, not {:?}",
                truncate(value, 40)
            ))
        })
}

/// The document's schema of a date parameter: a `date`, or empty.
pub fn date_or_empty() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    schema(serde_json::json!({
        "anyOf": [
            {"type": "string", "format": "date"},
            {"type": "string", "maxLength": 0}
        ]
    }))
}

/// A schema written as JSON, for what the derive macros cannot say.
pub fn schema(json: serde_json::Value) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    serde_json::from_value(json).expect("a valid schema")
}

/// `^[1-9][0-9]{0,17}$`: a positive id as the document's pattern says (at most 18 digits,
/// so it always fits an i64).
fn strict_id(value: &str) -> Option<i64> {
    let digits = value.bytes().all(|b| b.is_ascii_digit());
    (digits && (1..=18).contains(&value.len()) && !value.starts_with('0'))
        .then(|| value.parse().ok())
        .flatten()
}

/// A positive integer id.
pub fn id(name: &str, value: &str) -> Result<i64, ApiError> {
    strict_id(value).ok_or_else(|| {
        ApiError::parameter(format!(
            "{name}: must be a positive integer, not {:?}",
            truncate(value, 40)
        ))
    })
}

/// A page size from 1 to `max` in plain digits, `default` when absent or empty.
pub fn limit(value: Option<&str>, default: i64, max: i64) -> Result<i64, ApiError> {
    let Some(raw) = value.filter(|v| !v.is_empty()) else {
        return Ok(default);
    };
    strict_id(raw).filter(|n| *n <= max).ok_or_else(|| {
        ApiError::parameter(format!(
            "limit: must be an integer from 1 to {max}, not {:?}",
            truncate(raw, 40)
        ))
    })
}

/// `true`/`false` (and `1`/`0`, `yes`/`no`); empty is false.
pub fn flag(name: &str, value: Option<&str>) -> Result<bool, ApiError> {
    match value {
        None | Some("" | "false" | "0" | "no") => Ok(false),
        Some("true" | "1" | "yes") => Ok(true),
        Some(other) => Err(ApiError::parameter(format!(
            "{name}: must be true or false, not {:?}",
            truncate(other, 20)
        ))),
    }
}

/// A cursor is the last place shown: `parts` numbers joined by dots. Every value of that
/// shape is a place (numbers past the data's range are clamped by their readers), so the
/// document's pattern describes exactly the cursors the server takes.
pub fn encode_cursor(parts: &[u64]) -> String {
    let texts: Vec<String> = parts.iter().map(u64::to_string).collect();
    texts.join(".")
}

/// The `N` numbers of a cursor (`[0-9]{1,18}` each), or a 400.
pub fn decode_cursor<const N: usize>(cursor: &str) -> Result<[u64; N], ApiError> {
    let number = |n: &str| {
        ((1..=18).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
            .then(|| n.parse().ok())
            .flatten()
    };
    let numbers: Option<Vec<u64>> = cursor.split('.').map(number).collect();
    numbers
        .and_then(|numbers| numbers.try_into().ok())
        .ok_or_else(|| {
            ApiError::parameter("cursor: not a cursor of this listing; start again without it")
        })
}

/// A day as a cursor number: days since 0001-01-01 (day 1).
pub fn day_number(day: NaiveDate) -> u64 {
    chrono::Datelike::num_days_from_ce(&day).max(1) as u64
}

/// The day of a cursor number, clamped to years 1 to 9999.
pub fn day_of(number: u64) -> NaiveDate {
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date");
    let days = number.clamp(1, day_number(last)) as i32;
    NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(
            decode_cursor::<2>(&encode_cursor(&[7, 42])).unwrap(),
            [7, 42]
        );
        for bad in [
            "",
            "zz",
            "1",
            "1.2.3",
            "1..2",
            "1.-2",
            " 1.2",
            "1234567890123456789.1",
        ] {
            assert!(decode_cursor::<2>(bad).is_err(), "{bad:?}");
        }
        let day = NaiveDate::from_ymd_opt(2025, 2, 13).unwrap();
        assert_eq!(day_of(day_number(day)), day);
        assert_eq!(day_of(0).to_string(), "0001-01-01");
        assert_eq!(day_of(u64::MAX).to_string(), "9999-12-31");
    }

    #[test]
    fn ids_limits_and_lists_are_exactly_their_patterns() {
        assert_eq!(id("id", "42").unwrap(), 42);
        for bad in ["0", "042", " 42", "+42", "4 2", "1234567890123456789", ""] {
            assert!(id("id", bad).is_err(), "{bad:?}");
        }
        assert_eq!(limit(Some("500"), 50, 500).unwrap(), 500);
        assert!(limit(Some("501"), 50, 500).is_err());
        assert!(limit(Some(" "), 50, 500).is_err());
        assert!(list("kind", "direct,mixed", &KINDS, "").is_ok());
        for bad in ["direct, mixed", "direct,,mixed", "Direct", "direct,"] {
            assert!(list("kind", bad, &KINDS, "").is_err(), "{bad:?}");
        }
        assert_eq!(
            acts_of("said,belief").unwrap(),
            ["speech", "writing", "belief"]
        );
    }

    #[test]
    fn dates_outside_years_1_to_9999_are_refused() {
        assert!(date("from", Some("-4714-01-01")).is_err());
        assert!(date("from", Some("0000-01-01")).is_err());
        assert!(date("from", Some("2025-02-13")).unwrap().is_some());
        assert!(date("from", Some(" 2025-02-13")).is_err());
        assert!(date("from", Some("+2025-02-13")).is_err());
        assert!(date("from", Some("2025-02-30")).is_err());
        assert_eq!(date("from", Some("")).unwrap(), None, "empty is absent");
        assert_eq!(
            limit(Some(""), 50, 500).unwrap(),
            50,
            "blank is the default"
        );
    }
}
