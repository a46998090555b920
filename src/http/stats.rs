//! `GET /v1/stats/timeline`, `/v1/stats/speakers`, `/v1/stats/organizations`: counts
//! for dashboards, for any statement filter.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::extractors::ApiQuery;
use super::params;
use super::AppState;
use crate::db::stats::{self, Bucket, Interval, Ranked};
use crate::search::{self, Suggestion};

crate::listing_params! {
    /// Filters (as for statements) and the period.
    TimelineParams {
        /// `day`, `week` (from Monday) or `month` (default).
        #[param(pattern = r"^(|day|week|month)$")]
        interval,
    }
}

crate::listing_params! {
    /// Filters (as for statements) and how many.
    TopParams {
        /// How many, 1 to 100 (default 10).
        #[param(pattern = r"^(|[1-9][0-9]?|100)$")]
        limit,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Timeline {
    pub interval: &'static str,
    /// Every period from the first to the last (or `from` to `to`), empty ones as 0.
    pub buckets: Vec<Bucket>,
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Top {
    pub ranked: Vec<Ranked>,
    pub suggestions: Vec<Suggestion>,
}

/// Statements per day, week or month.
#[utoipa::path(
    get, path = "/v1/stats/timeline", tag = "stats", params(TimelineParams),
    responses(
        (status = 200, body = Timeline),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn timeline(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<TimelineParams>,
) -> Result<Json<Timeline>, ApiError> {
    let wanted = params.wanted()?;
    let (interval, name) = match params.interval.as_deref() {
        None | Some("" | "month") => (Interval::Month, "month"),
        Some("week") => (Interval::Week, "week"),
        Some("day") => (Interval::Day, "day"),
        Some(other) => {
            return Err(ApiError::parameter(format!(
                "interval: must be day, week or month, not {:?}",
                crate::echo::truncate(other, 20)
            )))
        }
    };
    let resolved = search::resolve(&state.pool, &wanted, false).await?;
    let buckets = stats::timeline(&state.pool, &resolved.filter, interval).await?;
    Ok(Json(Timeline {
        interval: name,
        buckets,
        suggestions: resolved.suggestions,
    }))
}

/// The most quoted people among the matching statements.
#[utoipa::path(
    get, path = "/v1/stats/speakers", tag = "stats", params(TopParams),
    responses(
        (status = 200, body = Top),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn speakers(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<TopParams>,
) -> Result<Json<Top>, ApiError> {
    let wanted = params.wanted()?;
    let limit = params::limit(params.limit.as_deref(), 10, 100)?;
    let resolved = search::resolve(&state.pool, &wanted, false).await?;
    let ranked = stats::top_people(&state.pool, &resolved.filter, limit).await?;
    Ok(Json(Top {
        ranked,
        suggestions: resolved.suggestions,
    }))
}

/// The most quoted organisations among the matching statements.
#[utoipa::path(
    get, path = "/v1/stats/organizations", tag = "stats", params(TopParams),
    responses(
        (status = 200, body = Top),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn organizations(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<TopParams>,
) -> Result<Json<Top>, ApiError> {
    let wanted = params.wanted()?;
    let limit = params::limit(params.limit.as_deref(), 10, 100)?;
    let resolved = search::resolve(&state.pool, &wanted, false).await?;
    let ranked = stats::top_organizations(&state.pool, &resolved.filter, limit).await?;
    Ok(Json(Top {
        ranked,
        suggestions: resolved.suggestions,
    }))
}
