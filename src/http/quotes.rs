//! `GET /v1/quotes`: one entry per quote however many articles report it, with its
//! first report and its reports; the same filters as `/v1/statements`.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::export::{self, Format};
use super::extractors::ApiQuery;
use super::params::{self, decode_cursor, encode_cursor};
use super::AppState;
use crate::db::quotes::{self, QuoteView};
use crate::db::statements::{self, Order};
use crate::search::{self, Suggestion};

const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;
/// Statements read per round while gathering a page of distinct quotes.
const SCAN: i64 = 200;
/// Rounds before a page is answered short (a filter matching few quotes among many reports).
const MAX_ROUNDS: usize = 10;

crate::listing_params! {
    /// Filters (as for statements) and paging.
    QuoteParams {
        /// Page size, 1 to 100 (default 20).
        #[param(pattern = r"^(|[1-9][0-9]?|100)$")]
        limit,
        /// `next_cursor` from the previous page.
        #[param(pattern = r"^[0-9]{1,18}\.[0-9]{1,18}$")]
        cursor,
        /// `json` (default), or `csv` / `ndjson` (also chosen by `Accept: text/csv` or
        /// `application/x-ndjson`): every matching quote, streamed, unpaged.
        #[param(pattern = r"^(|json|csv|ndjson)$")]
        format,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuotePage {
    /// Newest report first.
    pub quotes: Vec<QuoteView>,
    pub next_cursor: Option<String>,
    pub suggestions: Vec<Suggestion>,
}

/// Quotes whose reports match the filters, the most recently said first.
#[utoipa::path(
    get, path = "/v1/quotes", tag = "statements", params(QuoteParams),
    responses(
        (status = 200, description = "A page of quotes (or, with format=csv/ndjson, all of them)", content((QuotePage = "application/json"), (String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<QuoteParams>,
) -> Result<Response, ApiError> {
    let wanted = params.wanted()?;
    let format = Format::chosen(params.format.as_deref(), headers.get(header::ACCEPT))?;
    let limit = params::limit(params.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
    // The cursor is `day.id` of the last statement looked at.
    let mut after = match params.cursor.as_deref() {
        None => None,
        Some(raw) => {
            let [day, id] = decode_cursor(raw)?;
            Some((params::day_of(day), id as i64))
        }
    };
    let resolved = search::resolve(&state.pool, &wanted, false).await?;
    if format != Format::Json {
        return Ok(export::quotes(&state, resolved.filter, format));
    }
    // Walk the matching statements newest first, collecting distinct quotes; the cursor
    // is the last statement looked at.
    let mut ids: Vec<i64> = Vec::new();
    let mut exhausted = false;
    'rounds: for _ in 0..MAX_ROUNDS {
        let (views, places) =
            statements::page(&state.pool, &resolved.filter, Order::Date { after }, SCAN).await?;
        for (view, place) in views.iter().zip(&places) {
            if let Some(quote) = view.quote_id.filter(|q| !ids.contains(q)) {
                if ids.len() as i64 == limit {
                    break 'rounds;
                }
                ids.push(quote);
            }
            after = Some((place.said_on, place.id));
        }
        if (places.len() as i64) < SCAN {
            exhausted = true;
            break;
        }
    }
    let next_cursor = (!exhausted)
        .then_some(after)
        .flatten()
        .map(|(day, id)| encode_cursor(&[params::day_number(day), id as u64]));
    Ok(Json(QuotePage {
        quotes: quotes::views(&state.pool, &ids).await?,
        next_cursor,
        suggestions: resolved.suggestions,
    })
    .into_response())
}
