//! People: one row per person across all articles, with every way their name was written.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::{name_key, EntityRef};

/// Finds or creates the person called `name`, and records `aliases` for them.
pub async fn upsert(
    tx: &mut Transaction<'_, Postgres>,
    name: &str,
    aliases: &[String],
) -> Result<i64, sqlx::Error> {
    let key = name_key(name);
    // DO UPDATE (a no-op) rather than DO NOTHING so RETURNING yields the existing id too.
    let id = sqlx::query_scalar!(
        "INSERT INTO people (name, name_key) VALUES ($1, $2)
         ON CONFLICT (name_key) DO UPDATE SET name_key = EXCLUDED.name_key
         RETURNING id",
        name,
        key
    )
    .fetch_one(&mut **tx)
    .await?;
    let mut keys = vec![key];
    let mut written = vec![name.to_string()];
    for alias in aliases {
        let alias_key = name_key(alias);
        if !alias_key.is_empty() && !keys.contains(&alias_key) {
            keys.push(alias_key);
            written.push(alias.clone());
        }
    }
    sqlx::query!(
        "INSERT INTO person_aliases (person_id, alias, alias_key)
         SELECT $1, alias, alias_key FROM UNNEST($2::text[], $3::text[]) AS a(alias, alias_key)
         ON CONFLICT DO NOTHING",
        id,
        &written,
        &keys
    )
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// A person in a search result.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonSummary {
    pub id: i64,
    pub name: String,
    pub statement_count: i64,
}

/// People whose name or an alias contains `query` (all people when `None`), most quoted first.
pub async fn search(
    pool: &PgPool,
    query: Option<&str>,
    limit: i64,
) -> Result<Vec<PersonSummary>, sqlx::Error> {
    let key = query.map(name_key);
    sqlx::query_as!(
        PersonSummary,
        r#"SELECT p.id, p.name,
                  (SELECT count(*) FROM statements s WHERE s.person_id = p.id) AS "statement_count!"
           FROM people p
           WHERE $1::text IS NULL
              OR EXISTS (SELECT 1 FROM person_aliases pa
                         WHERE pa.person_id = p.id AND strpos(pa.alias_key, $1) > 0)
           ORDER BY 3 DESC, p.name, p.id
           LIMIT $2"#,
        key,
        limit
    )
    .fetch_all(pool)
    .await
}

/// A person with everything known about them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Person {
    pub id: i64,
    pub name: String,
    /// Every way the name was written in the articles.
    pub aliases: Vec<String>,
    /// Roles the articles gave them ("Secretary General").
    pub roles: Vec<String>,
    pub organizations: Vec<EntityRef>,
    pub statement_count: i64,
    pub first_said_on: Option<NaiveDate>,
    pub last_said_on: Option<NaiveDate>,
}

/// One person by id.
pub async fn get(pool: &PgPool, id: i64) -> Result<Option<Person>, sqlx::Error> {
    let Some(row) = sqlx::query!(
        r#"SELECT p.id, p.name,
                  ARRAY(SELECT pa.alias FROM person_aliases pa WHERE pa.person_id = p.id
                        ORDER BY length(pa.alias), pa.alias) AS "aliases!",
                  ARRAY(SELECT DISTINCT s.role FROM statements s
                        WHERE s.person_id = p.id AND s.role IS NOT NULL) AS "roles!: Vec<String>",
                  (SELECT count(*) FROM statements s WHERE s.person_id = p.id) AS "statement_count!",
                  (SELECT min(s.said_on) FROM statements s WHERE s.person_id = p.id) AS first_said_on,
                  (SELECT max(s.said_on) FROM statements s WHERE s.person_id = p.id) AS last_said_on
           FROM people p WHERE p.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let organizations = sqlx::query_as!(
        EntityRef,
        "SELECT DISTINCT o.id, o.name FROM organizations o
         JOIN statements s ON s.organization_id = o.id
         WHERE s.person_id = $1 ORDER BY o.name",
        id
    )
    .fetch_all(pool)
    .await?;
    Ok(Some(Person {
        id: row.id,
        name: row.name,
        aliases: row.aliases,
        roles: row.roles,
        organizations,
        statement_count: row.statement_count,
        first_said_on: row.first_said_on,
        last_said_on: row.last_said_on,
    }))
}
