//! Organisations: those that speak ("the Pentagon said") and those people speak for.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::{name_key, EntityRef};

/// Finds or creates the organisation called `name`.
pub async fn upsert(tx: &mut Transaction<'_, Postgres>, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        "INSERT INTO organizations (name, name_key) VALUES ($1, $2)
         ON CONFLICT (name_key) DO UPDATE SET name_key = EXCLUDED.name_key
         RETURNING id",
        name,
        name_key(name)
    )
    .fetch_one(&mut **tx)
    .await
}

/// An organisation in a search result.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationSummary {
    pub id: i64,
    pub name: String,
    pub statement_count: i64,
}

/// Organisations whose name contains `query` (all when `None`), most quoted first.
pub async fn search(
    pool: &PgPool,
    query: Option<&str>,
    limit: i64,
) -> Result<Vec<OrganizationSummary>, sqlx::Error> {
    let key = query.map(name_key);
    sqlx::query_as!(
        OrganizationSummary,
        r#"SELECT o.id, o.name,
                  (SELECT count(*) FROM statements s WHERE s.organization_id = o.id) AS "statement_count!"
           FROM organizations o
           WHERE $1::text IS NULL OR strpos(o.name_key, $1) > 0
           ORDER BY 3 DESC, o.name, o.id
           LIMIT $2"#,
        key,
        limit
    )
    .fetch_all(pool)
    .await
}

/// An organisation with the people who spoke for it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Organization {
    pub id: i64,
    pub name: String,
    /// People quoted speaking for it.
    pub people: Vec<EntityRef>,
    pub statement_count: i64,
    pub first_said_on: Option<NaiveDate>,
    pub last_said_on: Option<NaiveDate>,
}

/// One organisation by id.
pub async fn get(pool: &PgPool, id: i64) -> Result<Option<Organization>, sqlx::Error> {
    let Some(row) = sqlx::query!(
        r#"SELECT o.id, o.name,
                  (SELECT count(*) FROM statements s WHERE s.organization_id = o.id) AS "statement_count!",
                  (SELECT min(s.said_on) FROM statements s WHERE s.organization_id = o.id) AS first_said_on,
                  (SELECT max(s.said_on) FROM statements s WHERE s.organization_id = o.id) AS last_said_on
           FROM organizations o WHERE o.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let people = sqlx::query_as!(
        EntityRef,
        "SELECT DISTINCT p.id, p.name FROM people p
         JOIN statements s ON s.person_id = p.id
         WHERE s.organization_id = $1 ORDER BY p.name",
        id
    )
    .fetch_all(pool)
    .await?;
    Ok(Some(Organization {
        id: row.id,
        name: row.name,
        people,
        statement_count: row.statement_count,
        first_said_on: row.first_said_on,
        last_said_on: row.last_said_on,
    }))
}
