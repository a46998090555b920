//! `GET /v1/people`, `/v1/people/{id}`, `/v1/organizations`, `/v1/organizations/{id}`.

use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ErrorBody};
use super::extractors::{ApiQuery, IdPath};
use super::AppState;
use crate::db::organizations::{self, Organization, OrganizationSummary};
use crate::db::people::{self, Person, PersonSummary};

const MAX_QUERY: usize = 200;
const SEARCH_LIMIT: i64 = 100;

/// Name search.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Part of a name, any case ("rutte"); omit to list the most quoted.
    pub q: Option<String>,
}

impl SearchParams {
    fn query(&self) -> Result<Option<&str>, ApiError> {
        let Some(q) = self.q.as_deref() else {
            return Ok(None);
        };
        if q.chars().count() > MAX_QUERY || q.contains('\0') {
            return Err(ApiError::parameter(format!(
                "q: must be at most {MAX_QUERY} characters, without NUL"
            )));
        }
        Ok(Some(q.trim()).filter(|q| !q.is_empty()))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeoplePage {
    pub people: Vec<PersonSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationsPage {
    pub organizations: Vec<OrganizationSummary>,
}

/// People by name, most quoted first (at most 100).
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
    let people = people::search(&state.pool, params.query()?, SEARCH_LIMIT).await?;
    Ok(Json(PeoplePage { people }))
}

/// One person: aliases, roles, organisations, how much and when they were quoted.
#[utoipa::path(
    get, path = "/v1/people/{id}", tag = "people",
    params(("id" = i64, Path, description = "Person id")),
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

/// Organisations by name, most quoted first (at most 100).
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
    let organizations = organizations::search(&state.pool, params.query()?, SEARCH_LIMIT).await?;
    Ok(Json(OrganizationsPage { organizations }))
}

/// One organisation with the people who spoke for it.
#[utoipa::path(
    get, path = "/v1/organizations/{id}", tag = "organizations",
    params(("id" = i64, Path, description = "Organisation id")),
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
