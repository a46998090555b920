//! `GET /v1/people`, `/v1/people/{id}`, `/v1/organizations`, `/v1/organizations/{id}`.

use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ErrorBody};
use super::extractors::{ApiQuery, IdPath};
use super::params;
use super::AppState;
use crate::db::organizations::{self, Organization, OrganizationSummary};
use crate::db::people::{self, Person, PersonSummary};

const MAX_QUERY: usize = 200;
const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;
/// How far the name listings page: names are searched, not browsed.
const MAX_OFFSET: i64 = 10_000;

/// Name search, paged.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Part of a name as typed: any case, accents ignored, a typo or two forgiven, the
    /// start of a word ("rut"); closest first, then most quoted. Omit to list the most quoted.
    #[param(max_length = 200, pattern = r"^[^\x00]*$")]
    pub q: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(pattern = r"^(|[1-9][0-9]?|100)$")]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page (how many names came before it, at most
    /// 10,000: names are searched, not browsed).
    #[param(pattern = r"^([0-9]{1,4}|10000)$")]
    pub cursor: Option<String>,
}

/// A validated name search: what to look for, where to start, how many.
struct Search {
    query: Option<String>,
    offset: i64,
    limit: i64,
}

impl SearchParams {
    fn search(&self) -> Result<Search, ApiError> {
        if self
            .q
            .as_deref()
            .is_some_and(|q| q.chars().count() > MAX_QUERY || q.contains('\0'))
        {
            return Err(ApiError::parameter(format!(
                "q: must be at most {MAX_QUERY} characters, without NUL"
            )));
        }
        let query = self
            .q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_string);
        let offset = match self.cursor.as_deref() {
            None => 0,
            Some(raw) => match params::decode_cursor(raw)? {
                [offset] if offset <= MAX_OFFSET as u64 => offset as i64,
                _ => {
                    return Err(ApiError::parameter(format!(
                        "cursor: names page at most {MAX_OFFSET} deep; search instead"
                    )))
                }
            },
        };
        let limit = params::limit(self.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
        Ok(Search {
            query,
            offset,
            limit,
        })
    }
}

/// The cursor after `shown` more rows at `offset`, when one more row than a page was found.
fn next_cursor<T>(rows: &mut Vec<T>, search: &Search) -> Option<String> {
    if rows.len() as i64 <= search.limit {
        return None;
    }
    rows.truncate(search.limit as usize);
    let next = search.offset + search.limit;
    (next <= MAX_OFFSET).then(|| params::encode_cursor(&[next as u64]))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeoplePage {
    pub people: Vec<PersonSummary>,
    /// Pass as `cursor` for more; null when there are no more.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationsPage {
    pub organizations: Vec<OrganizationSummary>,
    /// Pass as `cursor` for more; null when there are no more.
    pub next_cursor: Option<String>,
}

/// People by name (closest first, then most quoted), or the most quoted; paged.
#[utoipa::path(
    get, path = "/v1/people", tag = "people", params(SearchParams),
    responses(
        (status = 200, body = PeoplePage),
        (status = 400, description = "q is too long or an unknown parameter was given", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn list_people(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<PeoplePage>, ApiError> {
    let search = params.search()?;
    let mut people = people::search(
        &state.pool,
        search.query.as_deref(),
        search.offset,
        search.limit + 1,
    )
    .await?;
    let next_cursor = next_cursor(&mut people, &search);
    Ok(Json(PeoplePage {
        people,
        next_cursor,
    }))
}

/// One person: aliases, roles, organisations, how much and when they were quoted.
#[utoipa::path(
    get, path = "/v1/people/{id}", tag = "people",
    params(("id" = i64, Path, minimum = 1, description = "Person id")),
    responses(
        (status = 200, body = Person),
        (status = 400, description = "id is not a positive integer", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn get_person(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<Person>, ApiError> {
    people::get(&state.pool, id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("person", id))
}

/// Organisations by any of their names (closest first, then most quoted), or the most quoted; paged.
#[utoipa::path(
    get, path = "/v1/organizations", tag = "organizations", params(SearchParams),
    responses(
        (status = 200, body = OrganizationsPage),
        (status = 400, description = "q is too long or an unknown parameter was given", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn list_organizations(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<OrganizationsPage>, ApiError> {
    let search = params.search()?;
    let mut organizations = organizations::search(
        &state.pool,
        search.query.as_deref(),
        search.offset,
        search.limit + 1,
    )
    .await?;
    let next_cursor = next_cursor(&mut organizations, &search);
    Ok(Json(OrganizationsPage {
        organizations,
        next_cursor,
    }))
}

/// One organisation with the people who spoke for it.
#[utoipa::path(
    get, path = "/v1/organizations/{id}", tag = "organizations",
    params(("id" = i64, Path, minimum = 1, description = "Organisation id")),
    responses(
        (status = 200, body = Organization),
        (status = 400, description = "id is not a positive integer", body = ErrorBody),
        (status = 404, description = "No such organisation", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn get_organization(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<Organization>, ApiError> {
    organizations::get(&state.pool, id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("organization", id))
}
