//! `GET /v1/statements` (filtered, ranked or by date, paged or exported) and
//! `GET /v1/statements/{id}`.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::export::{self, Format};
use super::extractors::{ApiQuery, IdPath};
use super::params::{self, decode_cursor, encode_cursor};
use super::AppState;
use crate::db::organizations::OrganizationSummary;
use crate::db::people::PersonSummary;
use crate::db::statements::{self, Order, Place, StatementView};
use crate::search::{self, Suggestion};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

crate::listing_params! {
    /// Filters for listing statements (all optional, all combined), order, paging, format.
    StatementParams {
        /// `relevance` (best match first, among the newest 300 matches; the default with
        /// `q`) or `date` (newest `said_on` first; the default otherwise).
        /// Without `q` there is nothing to rank, and `relevance` lists by date.
        #[param(pattern = r"^(|relevance|date)$")]
        sort,
        /// Page size, 1 to 500 (default 50).
        #[param(pattern = r"^(|[1-9][0-9]?|[1-4][0-9]{2}|500)$")]
        limit,
        /// `next_cursor` from the previous page.
        #[param(pattern = r"^[0-9]{1,18}\.[0-9]{1,18}\.[0-9]{1,18}$")]
        cursor,
        /// `true` to include `total`, the number of matching statements.
        #[param(pattern = r"^(|true|false|1|0|yes|no)$")]
        count,
        /// `json` (default, paged), or `csv` / `ndjson`: every matching statement, newest
        /// first, streamed (also chosen by `Accept: text/csv` or `application/x-ndjson`).
        #[param(pattern = r"^(|json|csv|ndjson)$")]
        format,
    }
}

/// A page of statements, with what the names were understood as.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementPage {
    pub statements: Vec<StatementView>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// Matching statements in all, with `count=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    /// The people the `person` filter was understood as.
    pub people: Vec<PersonSummary>,
    /// The organisations the `organization` filter was understood as.
    pub organizations: Vec<OrganizationSummary>,
    /// Other readings of an ambiguous name, or near misses for one that matched nobody.
    pub suggestions: Vec<Suggestion>,
}

/// The order asked for, from `sort` and the cursor (`rank.day.id` of the last statement
/// shown; date order ignores the rank).
pub fn order(sort: Option<&str>, has_topic: bool, cursor: Option<&str>) -> Result<Order, ApiError> {
    let relevance = match sort {
        None | Some("") => has_topic,
        // Without a topic every rank is equal: relevance is date order.
        Some("relevance") => has_topic,
        Some("date") => false,
        Some(other) => {
            return Err(ApiError::parameter(format!(
                "sort: must be relevance or date, not {:?}",
                crate::echo::truncate(other, 20)
            )))
        }
    };
    let place: Option<[u64; 3]> = cursor.map(decode_cursor).transpose()?;
    Ok(match (relevance, place) {
        (false, None) => Order::Date { after: None },
        (true, None) => Order::Relevance { after: None },
        (false, Some([_, day, id])) => Order::Date {
            after: Some((params::day_of(day), id as i64)),
        },
        (true, Some([rank, day, id])) => Order::Relevance {
            after: Some((rank_of(rank), params::day_of(day), id as i64)),
        },
    })
}

/// A rank as a cursor number: its bits, clamped to the finite non-negative floats (ranks
/// are never negative), so that no cursor makes a NaN.
fn rank_of(bits: u64) -> f32 {
    f32::from_bits(bits.min(f32::MAX.to_bits() as u64) as u32)
}

fn cursor_after(last: &Place) -> String {
    encode_cursor(&[
        last.rank.max(0.0).to_bits() as u64,
        params::day_number(last.said_on),
        last.id as u64,
    ])
}

/// Statements: newest first, or best match first with a topic; filtered, paged, counted
/// on request, or exported whole as CSV or NDJSON.
#[utoipa::path(
    get, path = "/v1/statements", tag = "statements",
    params(StatementParams),
    responses(
        (status = 200, description = "A page of statements (or, with format=csv/ndjson, all of them)", content((StatementPage = "application/json"), (String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid (bad date, from after to, bad limit, sort or cursor, unknown parameter, too long)", body = ErrorBody),
        (status = 414, description = "The request target is longer than 8 KiB", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<StatementParams>,
) -> Result<Response, ApiError> {
    let wanted = params.wanted()?;
    let format = Format::chosen(params.format.as_deref(), headers.get(header::ACCEPT))?;
    let limit = params::limit(params.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
    let count = params::flag("count", params.count.as_deref())?;
    let resolved = search::resolve(&state.pool, &wanted, false).await?;
    // Checked for exports too, which ignore it: no parameter goes unjudged.
    let order = order(
        params.sort.as_deref(),
        resolved.filter.topic.is_some(),
        params.cursor.as_deref(),
    )?;
    if format != Format::Json {
        return Ok(export::statements(&state, resolved.filter, format));
    }
    let page = one_page(&state, &resolved, order, limit, count).await?;
    Ok(Json(page).into_response())
}

/// A page of statements for a resolved request (one row more than asked tells whether
/// another page exists).
pub async fn one_page(
    state: &AppState,
    resolved: &search::Resolved,
    order: Order,
    limit: i64,
    count: bool,
) -> Result<StatementPage, ApiError> {
    let (mut statements, places) =
        statements::page(&state.pool, &resolved.filter, order, limit + 1).await?;
    let next_cursor = if statements.len() as i64 > limit {
        statements.truncate(limit as usize);
        places.get(limit as usize - 1).map(cursor_after)
    } else {
        None
    };
    let total = if count {
        Some(statements::count(&state.pool, &resolved.filter).await?)
    } else {
        None
    };
    Ok(StatementPage {
        statements,
        next_cursor,
        total,
        people: resolved.people.clone(),
        organizations: resolved.organizations.clone(),
        suggestions: resolved.suggestions.clone(),
    })
}

/// One statement.
#[utoipa::path(
    get, path = "/v1/statements/{id}", tag = "statements",
    params(("id" = i64, Path, minimum = 1, description = "Statement id")),
    responses(
        (status = 200, body = StatementView),
        (status = 400, description = "id is not a positive integer", body = ErrorBody),
        (status = 404, description = "No such statement", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<StatementView>, ApiError> {
    statements::get(&state.pool, id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("statement", id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn cursors_carry_the_last_place_for_either_order() {
        let last = Place {
            id: 42,
            said_on: NaiveDate::from_ymd_opt(2025, 2, 13).unwrap(),
            rank: 0.5,
        };
        let cursor = cursor_after(&last);
        assert_eq!(
            order(None, false, Some(&cursor)).unwrap(),
            Order::Date {
                after: Some((last.said_on, 42))
            }
        );
        assert_eq!(
            order(None, true, Some(&cursor)).unwrap(),
            Order::Relevance {
                after: Some((0.5, last.said_on, 42))
            }
        );
        assert_eq!(
            order(Some("relevance"), false, None).unwrap(),
            Order::Date { after: None },
            "nothing to rank without a topic"
        );
        assert!(order(Some("newest"), false, None).is_err());
        assert!(order(None, false, Some("1.2")).is_err());
        let huge = "999999999999999999.1.1";
        assert!(matches!(
            order(None, true, Some(huge)).unwrap(),
            Order::Relevance { after: Some((rank, _, 1)) } if rank.is_finite()
        ));
    }
}
