//! An article as a client submits it — JSON over HTTP, a line of a bulk stream, a file
//! given to `whosaid ingest` — and its validation into a [`Draft`]. One shape and one
//! set of rules for every way in.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::echo::truncate;

/// An article to ingest: its text, or its page as HTML (or, with `fetch`, only its URL).
#[derive(Debug, Default, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Plain text of the article. Exactly one of `text` and `html` (or `fetch`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The article's web page; its main text and metadata are read from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Wins over the page's own title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Identity of the article: posting the same URL again returns the stored one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet ("Reuters"); wins over the page's site name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// A date (`2025-02-13`) or RFC 3339 date-time; relative dates in the text resolve
    /// against it. Wins over the page's date. Without either, the time of ingestion is
    /// used and recorded as such.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    /// Fetch `url` on the server and ingest the page found there (only where the server
    /// allows it; see the README).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fetch: bool,
}

/// What the article is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Html(String),
    /// Nothing yet: the page at the URL is to be fetched.
    Fetch,
}

/// A validated submission: fields checked and trimmed, not yet read or extracted.
#[derive(Debug, Clone)]
pub struct Draft {
    pub body: Body,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published_at: Option<DateTime<FixedOffset>>,
    /// The API key the article came with, recorded with it.
    pub key_id: Option<i64>,
}

/// A field that is missing or wrong; the message names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FieldError(pub String);

const MAX_TITLE: usize = 1_000;
pub const MAX_URL: usize = 2_048;
const MAX_NAME: usize = 500;

/// What `str::trim` takes for white space (Unicode White_Space), as a regex class body:
/// the document's patterns must call blank exactly what the server calls blank.
const WHITE: &str = r"\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// The fields of [`Submission`], for reading exports that carry other fields too.
const FIELDS: [&str; 8] = [
    "text",
    "html",
    "title",
    "url",
    "source",
    "author",
    "published_at",
    "fetch",
];

impl Submission {
    /// An article from a JSON object of some other tool's (a file, a JSON Lines export):
    /// fields of ours are read, any others (`id`, `tags`, ...) ignored.
    pub fn from_json(value: serde_json::Value) -> Result<Submission, crate::ingest::IngestError> {
        let serde_json::Value::Object(mut object) = value else {
            return Err(crate::ingest::IngestError::Input(
                "not a JSON object".into(),
            ));
        };
        object.retain(|key, _| FIELDS.contains(&key.as_str()));
        serde_json::from_value(serde_json::Value::Object(object))
            .map_err(|e| FieldError(e.to_string()).into())
    }

    /// Checks every field; the first problem found is the error.
    pub fn validate(self) -> Result<Draft, FieldError> {
        let url = optional_field("url", self.url, MAX_URL)?;
        if let Some(url) = &url {
            check_url(url)?;
        }
        let body = match (self.text, self.html, self.fetch) {
            (Some(_), Some(_), _) => return Err(field("send either text or html, not both")),
            (Some(text), None, false) => Body::Text(content("text", text)?),
            (None, Some(html), false) => Body::Html(content("html", html)?),
            (None, None, true) if url.is_some() => Body::Fetch,
            (None, None, true) => return Err(field("url: required with \"fetch\": true")),
            (_, _, true) => {
                return Err(field(
                    "fetch: send only a url with \"fetch\": true, no text or html",
                ))
            }
            (None, None, false) => {
                return Err(field(
                    "text: required (or html, or a url with \"fetch\": true)",
                ))
            }
        };
        let published_at = match self.published_at {
            None => None,
            Some(raw) if raw.trim().is_empty() => None,
            Some(raw) => Some(parse_published_at(&raw).ok_or_else(|| {
                field(format!(
                    "published_at: must be a date (2025-02-13) or an RFC 3339 date-time \
                     (2025-02-13T09:30:00Z) in years 1 to 9999, not {:?}",
                    truncate(&raw, 40)
                ))
            })?),
        };
        Ok(Draft {
            body,
            title: optional_field("title", self.title, MAX_TITLE)?,
            url,
            source: optional_field("source", self.source, MAX_NAME)?,
            author: optional_field("author", self.author, MAX_NAME)?,
            published_at,
            key_id: None,
        })
    }
}

/// Text with something besides white space, and no NUL: the pattern of required text.
pub fn not_blank_pattern() -> String {
    format!(r"^[^\x00]*[^\x00{WHITE}][^\x00]*$")
}

/// The JSON Schema of a submission, exactly as [`Submission::validate`] judges one: the
/// OpenAPI document serves it, so that a request valid by the document is accepted.
pub fn json_schema() -> serde_json::Value {
    use serde_json::json;
    let no_nul = r"^[^\x00]*$";
    let not_blank = not_blank_pattern();
    let blank = format!(r"^[{WHITE}]*$");
    let optional = |max: usize, about: &str| json!({"type": ["string", "null"], "maxLength": max, "pattern": no_nul, "description": about});
    let mut properties = json!({
        "text": {"type": ["string", "null"], "pattern": not_blank,
                 "description": "Plain text of the article. Exactly one of `text` and `html` (or `fetch`)."},
        "html": {"type": ["string", "null"], "pattern": not_blank,
                 "description": "The article's web page; its main text and metadata are read from it."},
        "url": {"type": ["string", "null"], "maxLength": MAX_URL,
                "pattern": format!(r"^[{WHITE}]*(https?://[^\x00{WHITE}]*)?[{WHITE}]*$"),
                "description": "Identity of the article: posting the same URL again returns the stored one."},
        "published_at": {"anyOf": [
            {"type": "null"},
            {"type": "string", "pattern": blank},
            {"type": "string", "format": "date"},
            {"type": "string", "format": "date-time"}],
            "description": "A date (`2025-02-13`) or RFC 3339 date-time, years 1 to 9999; relative \
                dates in the text resolve against it. Wins over the page's date. Without either, \
                the time of ingestion is used and recorded as such."},
        "fetch": {"type": "boolean",
                  "description": "Fetch `url` on the server and ingest the page found there (only \
                      where the server allows it; see the README)."},
    });
    properties["title"] = optional(MAX_TITLE, "Wins over the page's own title.");
    properties["source"] = optional(
        MAX_NAME,
        "The outlet (\"Reuters\"); wins over the page's site name.",
    );
    properties["author"] = optional(MAX_NAME, "The byline; wins over the page's.");
    let given =
        |field: &str| json!({"required": [field], "properties": {field: {"type": "string"}}});
    let absent = json!({"type": "null"});
    json!({
        "type": "object",
        "description": "An article to ingest: its text, or its page as HTML (or, with `fetch`, only its URL).",
        "additionalProperties": false,
        "properties": properties,
        "oneOf": [
            {"allOf": [given("text")], "properties": {"html": absent, "fetch": {"const": false}}},
            {"allOf": [given("html")], "properties": {"text": absent, "fetch": {"const": false}}},
            {"allOf": [given("url")], "required": ["fetch"],
             "properties": {"text": absent, "html": absent, "fetch": {"const": true},
                            "url": {"pattern": format!(r"^[{WHITE}]*https?://")}}},
        ],
    })
}

/// A publication date as clients send it: `2025-02-13` (midnight UTC) or an RFC 3339
/// date-time, in years 1 to 9999.
pub fn parse_published_at(value: &str) -> Option<DateTime<FixedOffset>> {
    let at = match iso_date(value) {
        Some(date) => date.and_hms_opt(0, 0, 0)?.and_utc().fixed_offset(),
        None => DateTime::parse_from_rfc3339(value).ok()?,
    };
    (1..=9999)
        .contains(&chrono::Datelike::year(&at))
        .then_some(at)
}

/// `YYYY-MM-DD` and nothing else (chrono alone also takes signs, padding and spaces):
/// what the OpenAPI `date` format means.
pub fn iso_date(value: &str) -> Option<NaiveDate> {
    let shaped = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shaped
        .then(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
        .flatten()
}

/// Only web addresses: they are identities, links for readers, and what `fetch` reads.
pub fn check_url(url: &str) -> Result<(), FieldError> {
    let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
    if !scheme_ok || url.chars().any(char::is_whitespace) {
        return Err(field(format!(
            "url: must be an http:// or https:// URL without spaces, not {:?}",
            truncate(url, 80)
        )));
    }
    Ok(())
}

fn field(message: impl Into<String>) -> FieldError {
    FieldError(message.into())
}

/// The article's text or page: not blank, no NUL (PostgreSQL cannot store it).
fn content(name: &str, value: String) -> Result<String, FieldError> {
    if value.trim().is_empty() {
        return Err(field(format!("{name}: must not be blank")));
    }
    if value.contains('\0') {
        return Err(field(format!(
            "{name}: contains a NUL character (U+0000), which cannot be stored"
        )));
    }
    Ok(value)
}

/// Checks one optional text field: no NUL, not too long; blank counts as absent.
fn optional_field(
    name: &str,
    value: Option<String>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let Some(value) = value else { return Ok(None) };
    if value.contains('\0') {
        return Err(field(format!(
            "{name}: contains a NUL character (U+0000), which cannot be stored"
        )));
    }
    if value.chars().count() > max {
        return Err(field(format!("{name}: longer than {max} characters")));
    }
    let trimmed = value.trim();
    Ok((!trimmed.is_empty()).then(|| trimmed.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submit(json: &str) -> Result<Draft, FieldError> {
        serde_json::from_str::<Submission>(json).unwrap().validate()
    }

    #[test]
    fn text_html_or_fetch() {
        assert_eq!(
            submit(r#"{"text": "a"}"#).unwrap().body,
            Body::Text("a".into())
        );
        assert_eq!(
            submit(r#"{"html": "<p>a</p>"}"#).unwrap().body,
            Body::Html("<p>a</p>".into())
        );
        let fetch = submit(r#"{"url": "https://ex.com/a", "fetch": true}"#).unwrap();
        assert_eq!(fetch.body, Body::Fetch);
        for (json, names) in [
            (r#"{"text": "a", "html": "b"}"#, "either text or html"),
            (r#"{}"#, "text: required"),
            (r#"{"fetch": true}"#, "url: required"),
            (
                r#"{"url": "https://ex.com", "text": "a", "fetch": true}"#,
                "fetch:",
            ),
            (r#"{"html": "  "}"#, "html: must not be blank"),
        ] {
            let err = submit(json).unwrap_err().0;
            assert!(err.contains(names), "{json}: {err}");
        }
    }

    #[test]
    fn dates_outside_years_1_to_9999_are_refused() {
        assert!(parse_published_at("2025-02-13").is_some());
        assert!(parse_published_at("2025-02-13T09:30:00+02:00").is_some());
        for bad in [
            "-4714-01-01",
            "+10000-01-01",
            "0000-12-31T23:00:00Z",
            "13 Feb",
        ] {
            assert!(parse_published_at(bad).is_none(), "{bad}");
        }
        let err = submit(r#"{"text": "a", "published_at": "-262143-01-01"}"#)
            .unwrap_err()
            .0;
        assert!(err.starts_with("published_at:"), "{err}");
    }
}
