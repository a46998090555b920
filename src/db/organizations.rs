//! Organisations: those that speak ("the Pentagon said") and those people speak for.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::{name_key, EntityRef};

/// Finds or creates each organisation of `names` (name key → name as written) and
/// returns their ids by key; like `people::upsert_all`, in key order and without
/// rewriting existing rows.
pub async fn upsert_all(
    tx: &mut Transaction<'_, Postgres>,
    names: &BTreeMap<String, String>,
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let keys: Vec<String> = names.keys().cloned().collect();
    let written: Vec<String> = names.values().cloned().collect();
    let mut ids: HashMap<String, i64> = sqlx::query!(
        "INSERT INTO organizations (name, name_key)
         SELECT name, name_key FROM UNNEST($1::text[], $2::text[]) AS n(name, name_key)
         ORDER BY name_key
         ON CONFLICT (name_key) DO NOTHING
         RETURNING id, name_key",
        &written,
        &keys
    )
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .map(|r| (r.name_key, r.id))
    .collect();
    let existing: Vec<String> = keys.into_iter().filter(|k| !ids.contains_key(k)).collect();
    if !existing.is_empty() {
        let rows = sqlx::query!(
            "SELECT id, name_key FROM organizations WHERE name_key = ANY($1)",
            &existing
        )
        .fetch_all(&mut **tx)
        .await?;
        ids.extend(rows.into_iter().map(|r| (r.name_key, r.id)));
    }
    Ok(ids)
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
