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
            #[param(max_length = 500)]
            pub person: Option<String>,
            /// A person's id.
            #[param(pattern = r"^\s*[1-9][0-9]{0,18}\s*$")]
            pub person_id: Option<String>,
            /// An organisation's name (any alias: "NATO", "North Atlantic Treaty
            /// Organization") or id: statements by it and by people speaking for it.
            #[param(max_length = 500)]
            pub organization: Option<String>,
            /// Earliest `said_on` (inclusive), YYYY-MM-DD.
            #[param(pattern = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$")]
            pub from: Option<String>,
            /// Latest `said_on` (inclusive), YYYY-MM-DD.
            #[param(pattern = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$")]
            pub to: Option<String>,
            /// Topic words with English stemming, web-search syntax ("quoted phrases",
            /// `or`, `-word`); the last word as typed also matches as a prefix
            /// ("members" finds "membership").
            #[param(max_length = 500)]
            pub q: Option<String>,
            /// One or more of `direct`, `indirect`, `mixed`, comma-separated.
            #[param(max_length = 500)]
            pub kind: Option<String>,
            /// What the speaker did: one or more of `speech`, `writing`, `belief`,
            /// `stance`, `intention`, comma-separated (`said` = speech and writing).
            /// Every act when absent.
            #[param(max_length = 500)]
            pub act: Option<String>,
            /// The outlet (the article's `source`), any case.
            #[param(max_length = 500)]
            pub source: Option<String>,
            /// Only this article's statements.
            #[param(pattern = r"^\s*[1-9][0-9]{0,18}\s*$")]
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
    let from = date("from", f.from)?;
    let to = date("to", f.to)?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(ApiError::parameter(format!(
                "from ({from}) is after to ({to})"
            )));
        }
    }
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
    match text("organization", f.organization)? {
        Some(org) if org.bytes().all(|b| b.is_ascii_digit()) => {
            wanted.organization_ids.push(id("organization", &org)?)
        }
        Some(org) => wanted.organizations.push(org),
        None => {}
    }
    if let Some(kinds) = text("kind", f.kind)? {
        for kind in kinds.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            if !KINDS.contains(&kind) {
                return Err(ApiError::parameter(format!(
                    "kind: must be direct, indirect or mixed (or several, comma-separated), not {:?}",
                    truncate(kind, 40)
                )));
            }
            wanted.kinds.push(kind.to_string());
        }
    }
    if let Some(acts) = text("act", f.act)? {
        wanted.acts = acts_of(&acts)?;
    }
    Ok(wanted)
}

/// `act=speech,belief`; `said` stands for speech and writing.
fn acts_of(list: &str) -> Result<Vec<String>, ApiError> {
    let mut acts = Vec::new();
    for act in list.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        let known = crate::extract::Act::ALL.iter().any(|a| a.as_str() == act);
        let names: &[&str] = match act {
            "said" => &["speech", "writing"],
            _ if known => std::slice::from_ref(&act),
            _ => {
                return Err(ApiError::parameter(format!(
                    "act: must be speech, writing, belief, stance, intention or said \
                     (or several, comma-separated), not {:?}",
                    truncate(act, 40)
                )))
            }
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

/// A date parameter, in years 1 to 9999; empty is absent (as a blank form field sends it).
pub fn date(name: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)))
        .map(Some)
        .ok_or_else(|| {
            ApiError::parameter(format!(
                "{name}: must be a date like 2025-02-13, not {:?}",
                truncate(value, 40)
            ))
        })
}

/// A positive integer id.
pub fn id(name: &str, value: &str) -> Result<i64, ApiError> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            ApiError::parameter(format!(
                "{name}: must be a positive integer, not {:?}",
                truncate(value, 40)
            ))
        })
}

/// A page size from 1 to `max`, `default` when absent.
pub fn limit(value: Option<&str>, default: i64, max: i64) -> Result<i64, ApiError> {
    let Some(raw) = value.filter(|v| !v.trim().is_empty()) else {
        return Ok(default);
    };
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            ApiError::parameter(format!(
                "limit: must be an integer from 1 to {max}, not {:?}",
                truncate(raw, 40)
            ))
        })
}

/// `true`/`false` (and `1`/`0`, `yes`/`no`).
pub fn flag(name: &str, value: Option<&str>) -> Result<bool, ApiError> {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "false" | "0" | "no") => Ok(false),
        Some("true" | "1" | "yes") => Ok(true),
        Some(other) => Err(ApiError::parameter(format!(
            "{name}: must be true or false, not {:?}",
            truncate(other, 20)
        ))),
    }
}

/// Cursors are opaque to clients: the previous page's last place, hex-encoded text.
pub fn encode_cursor(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The text of a cursor this server gave out, or a 400 saying to start again.
pub fn decode_cursor(cursor: &str) -> Result<String, ApiError> {
    let bad =
        || ApiError::parameter("cursor: not a cursor this server gave out; start again without it");
    let cursor = cursor.trim();
    if !cursor.len().is_multiple_of(2) || cursor.len() > 120 {
        return Err(bad());
    }
    let bytes = (0..cursor.len())
        .step_by(2)
        .map(|i| {
            cursor
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)?;
    String::from_utf8(bytes).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(
            decode_cursor(&encode_cursor("d/2025-02-13/42")).unwrap(),
            "d/2025-02-13/42"
        );
        for bad in ["zz", "abc", "é1", "ff"] {
            assert!(decode_cursor(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn dates_outside_years_1_to_9999_are_refused() {
        assert!(date("from", Some("-4714-01-01")).is_err());
        assert!(date("from", Some("0000-01-01")).is_err());
        assert!(date("from", Some("2025-02-13")).unwrap().is_some());
        assert_eq!(date("from", Some(" ")).unwrap(), None, "blank is absent");
        assert_eq!(
            limit(Some(""), 50, 500).unwrap(),
            50,
            "blank is the default"
        );
    }
}
