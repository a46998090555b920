//! Organisations: those that speak ("the Pentagon said") and those people speak for.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::{name_key, EntityRef};

/// Finds or creates each organisation of `names` (name key → name as written) and
/// returns their ids by key. An organisation is found by any of its aliases, and
/// `aliases` (name key → other names written for it, such as "North Atlantic Treaty
/// Organization" for NATO) are recorded, so either name leads to one organisation.
/// Writers take an advisory lock per name (in key order) first, so two replicas meeting
/// the same organisation under two names still make one.
pub async fn upsert_all(
    tx: &mut Transaction<'_, Postgres>,
    names: &BTreeMap<String, String>,
    aliases: &BTreeMap<String, BTreeSet<String>>,
) -> Result<HashMap<String, i64>, sqlx::Error> {
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    let known_as = known_as(names, aliases);
    let all_keys = lock_keys(&known_as);
    super::lock_names(tx, &[], &all_keys).await?;
    let found: HashMap<String, i64> = sqlx::query!(
        "SELECT DISTINCT ON (alias_key) alias_key, organization_id FROM organization_aliases
         WHERE alias_key = ANY($1) ORDER BY alias_key, organization_id",
        &all_keys
    )
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .map(|r| (r.alias_key, r.organization_id))
    .collect();
    let mut ids: HashMap<String, i64> = HashMap::new();
    let mut missing = BTreeMap::new();
    for (key, keys) in &known_as {
        // The organisation's own name first, then any alias.
        match found
            .get(*key)
            .or_else(|| keys.iter().find_map(|k| found.get(k)))
        {
            Some(&id) => {
                ids.insert((*key).clone(), id);
            }
            None => {
                missing.insert((*key).clone(), names[*key].clone());
            }
        }
    }
    if !missing.is_empty() {
        let rows = sqlx::query!(
            "INSERT INTO organizations (name, name_key)
             SELECT name, name_key FROM UNNEST($1::text[], $2::text[]) AS n(name, name_key)
             ORDER BY name_key
             ON CONFLICT (name_key) DO UPDATE SET name_key = EXCLUDED.name_key
             RETURNING id, name_key",
            &missing.values().cloned().collect::<Vec<_>>(),
            &missing.keys().cloned().collect::<Vec<_>>()
        )
        .fetch_all(&mut **tx)
        .await?;
        ids.extend(rows.into_iter().map(|r| (r.name_key, r.id)));
    }
    let (mut alias_ids, mut alias_text, mut alias_keys) = (Vec::new(), Vec::new(), Vec::new());
    for (key, name) in names {
        let Some(&id) = ids.get(key) else { continue };
        let written = std::iter::once(name).chain(aliases.get(key).into_iter().flatten());
        for alias in written {
            let alias_key = name_key(alias);
            if !alias_key.is_empty() && !found.contains_key(&alias_key) {
                alias_ids.push(id);
                alias_text.push(alias.clone());
                alias_keys.push(alias_key);
            }
        }
    }
    sqlx::query!(
        "INSERT INTO organization_aliases (organization_id, alias, alias_key)
         SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[]) AS a(organization_id, alias, alias_key)
         ORDER BY organization_id, alias_key
         ON CONFLICT DO NOTHING",
        &alias_ids,
        &alias_text,
        &alias_keys
    )
    .execute(&mut **tx)
    .await?;
    Ok(ids)
}

/// Every key each organisation may already be known by: its name and its aliases.
fn known_as<'a>(
    names: &'a BTreeMap<String, String>,
    aliases: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<&'a String, BTreeSet<String>> {
    names
        .keys()
        .map(|key| {
            let mut keys: BTreeSet<String> = aliases
                .get(key)
                .into_iter()
                .flatten()
                .map(|a| name_key(a))
                .collect();
            keys.insert(key.clone());
            (key, keys)
        })
        .collect()
}

fn lock_keys(known_as: &BTreeMap<&String, BTreeSet<String>>) -> Vec<String> {
    let all: BTreeSet<&String> = known_as.values().flatten().collect();
    all.into_iter().cloned().collect()
}

/// The keys a writer locks before it stores these organisations (see [`super::lock_names`]).
pub fn keys_to_lock(
    names: &BTreeMap<String, String>,
    aliases: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    lock_keys(&known_as(names, aliases))
}

/// An organisation in a search result.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct OrganizationSummary {
    pub id: i64,
    pub name: String,
    pub statement_count: i64,
    /// How close the name is to what was searched, 0 to 1 (1 for an exact or whole-word match).
    pub score: f32,
}

/// Organisations whose name or an alias is like `query`, closest first, then most
/// quoted; `None` lists the most quoted. `offset` and `limit` page through them. Aliases
/// are scored per name before the join, so that only the few names found are read, by id.
pub async fn search(
    pool: &PgPool,
    query: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<Vec<OrganizationSummary>, sqlx::Error> {
    let Some(query) = query else {
        return sqlx::query_as!(
            OrganizationSummary,
            r#"SELECT id, name, statement_count, 1::real AS "score!" FROM organizations
               ORDER BY statement_count DESC, id OFFSET $1 LIMIT $2"#,
            offset,
            limit
        )
        .fetch_all(pool)
        .await;
    };
    sqlx::query_as!(
        OrganizationSummary,
        r#"SELECT id AS "id!", name AS "name!", statement_count AS "statement_count!",
                  score AS "score!"
           FROM search_organizations($1, $2, $3, $4)"#,
        name_key(query),
        super::SUGGEST_SIMILARITY,
        offset,
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
    /// Every name it was written under ("NATO", "North Atlantic Treaty Organization").
    pub aliases: Vec<String>,
    /// People quoted speaking for it (in its latest 1,000 statements), most quoted first.
    pub people: Vec<EntityRef>,
    pub statement_count: i64,
    pub first_said_on: Option<NaiveDate>,
    pub last_said_on: Option<NaiveDate>,
}

/// One organisation by id.
pub async fn get(pool: &PgPool, id: i64) -> Result<Option<Organization>, sqlx::Error> {
    let Some(row) = sqlx::query!(
        r#"SELECT o.id, o.name,
                  o.statement_count, o.first_said_on, o.last_said_on,
                  ARRAY(SELECT oa.alias FROM organization_aliases oa WHERE oa.organization_id = o.id
                        ORDER BY length(oa.alias), oa.alias) AS "aliases!"
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
        "SELECT p.id, p.name FROM people p
         WHERE p.id IN (SELECT s.person_id FROM statements s WHERE s.organization_id = $1
                        ORDER BY s.said_on DESC, s.id DESC LIMIT 1000)
         ORDER BY p.statement_count DESC, p.name",
        id
    )
    .fetch_all(pool)
    .await?;
    Ok(Some(Organization {
        id: row.id,
        name: row.name,
        aliases: row.aliases,
        people,
        statement_count: row.statement_count,
        first_said_on: row.first_said_on,
        last_said_on: row.last_said_on,
    }))
}

/// The names of these organisations, in this order (unknown ids left out).
pub async fn names(pool: &PgPool, ids: &[i64]) -> Result<Vec<EntityRef>, sqlx::Error> {
    let rows = sqlx::query_as!(
        EntityRef,
        "SELECT t.id, t.name FROM organizations t JOIN unnest($1::bigint[]) WITH ORDINALITY AS w(id, n) ON w.id = t.id ORDER BY w.n",
        ids
    )
    .fetch_all(pool)
    .await?;
    Ok(rows)
}
