//! People: one row per person across all articles, with every way their name was written.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::{name_key, EntityRef};

/// The name keys of `names` no committed person has yet (the ones a writer must lock
/// before creating them; see [`super::lock_names`]).
pub async fn unknown(
    tx: &mut Transaction<'_, Postgres>,
    names: &BTreeMap<String, String>,
) -> Result<Vec<String>, sqlx::Error> {
    let keys: Vec<String> = names.keys().cloned().collect();
    let known: BTreeSet<String> = sqlx::query_scalar!(
        "SELECT name_key FROM people WHERE name_key = ANY($1)",
        &keys
    )
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    Ok(keys.into_iter().filter(|k| !known.contains(k)).collect())
}

/// Finds or creates each person of `names` (name key → name as written, in key order)
/// and records their `aliases` (key → every way the name was written). Returns their ids
/// by key. Two round trips plus one for aliases, however many people; rows are taken
/// in key order so concurrent writers never deadlock, and existing people are not
/// rewritten.
pub async fn upsert_all(
    tx: &mut Transaction<'_, Postgres>,
    names: &BTreeMap<String, String>,
    aliases: &BTreeMap<String, BTreeSet<String>>,
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let keys: Vec<String> = names.keys().cloned().collect();
    let written: Vec<String> = names.values().cloned().collect();
    let mut ids: HashMap<String, i64> = sqlx::query!(
        "INSERT INTO people (name, name_key)
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
    // Those that existed (or that a concurrent writer just committed): a new statement
    // sees them, as READ COMMITTED takes a new snapshot per statement.
    let existing: Vec<String> = keys.into_iter().filter(|k| !ids.contains_key(k)).collect();
    if !existing.is_empty() {
        let rows = sqlx::query!(
            "SELECT id, name_key FROM people WHERE name_key = ANY($1)",
            &existing
        )
        .fetch_all(&mut **tx)
        .await?;
        ids.extend(rows.into_iter().map(|r| (r.name_key, r.id)));
    }
    let (mut alias_ids, mut alias_text, mut alias_keys) = (Vec::new(), Vec::new(), Vec::new());
    for (key, written) in aliases {
        let Some(&id) = ids.get(key) else { continue };
        let mut seen = BTreeSet::new();
        for alias in written {
            let alias_key = name_key(alias);
            if !alias_key.is_empty() && seen.insert(alias_key.clone()) {
                alias_ids.push(id);
                alias_text.push(alias.clone());
                alias_keys.push(alias_key);
            }
        }
    }
    sqlx::query!(
        "INSERT INTO person_aliases (person_id, alias, alias_key)
         SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[]) AS a(person_id, alias, alias_key)
         ORDER BY person_id, alias_key
         ON CONFLICT DO NOTHING",
        &alias_ids,
        &alias_text,
        &alias_keys
    )
    .execute(&mut **tx)
    .await?;
    Ok(ids)
}

/// A person in a search result.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct PersonSummary {
    pub id: i64,
    pub name: String,
    pub statement_count: i64,
    /// How close the name is to what was searched, 0 to 1 (1 for an exact or whole-word match).
    pub score: f32,
}

/// People whose name is like `typed` (a typo or two, a prefix of a word, part of a name),
/// closest first, then most quoted; `query` of `None` lists the most quoted. `offset`
/// and `limit` page through them. Aliases are scored per name before the join, so that
/// only the few names found are read, by id.
pub async fn search(
    pool: &PgPool,
    query: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<Vec<PersonSummary>, sqlx::Error> {
    let Some(query) = query else {
        return sqlx::query_as!(
            PersonSummary,
            r#"SELECT id, name, statement_count, 1::real AS "score!" FROM people
               ORDER BY statement_count DESC, id OFFSET $1 LIMIT $2"#,
            offset,
            limit
        )
        .fetch_all(pool)
        .await;
    };
    sqlx::query_as!(
        PersonSummary,
        r#"SELECT id AS "id!", name AS "name!", statement_count AS "statement_count!",
                  score AS "score!"
           FROM search_people($1, $2, $3, $4)"#,
        name_key(query),
        super::SUGGEST_SIMILARITY,
        offset,
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
    /// Roles the articles gave them ("Secretary General"), in their latest 1,000 statements.
    pub roles: Vec<String>,
    /// Organisations they spoke for, in their latest 1,000 statements.
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
                  ARRAY(SELECT DISTINCT r.role FROM (SELECT s.role FROM statements s
                        WHERE s.person_id = $1 AND s.role IS NOT NULL
                        ORDER BY s.said_on DESC, s.id DESC LIMIT 1000) r) AS "roles!: Vec<String>",
                  p.statement_count, p.first_said_on, p.last_said_on
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
        "SELECT o.id, o.name FROM organizations o
         WHERE o.id IN (SELECT s.organization_id FROM statements s WHERE s.person_id = $1
                        ORDER BY s.said_on DESC, s.id DESC LIMIT 1000)
         ORDER BY o.name",
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

/// The names of these people, in this order (unknown ids left out).
pub async fn names(pool: &PgPool, ids: &[i64]) -> Result<Vec<EntityRef>, sqlx::Error> {
    let rows = sqlx::query_as!(
        EntityRef,
        "SELECT t.id, t.name FROM people t JOIN unnest($1::bigint[]) WITH ORDINALITY AS w(id, n) ON w.id = t.id ORDER BY w.n",
        ids
    )
    .fetch_all(pool)
    .await?;
    Ok(rows)
}
