//! Typed names to the people and organisations they name: one call for both kinds, so
//! that a question's speaker ("Rutte", "NATO") is looked up once.

use sqlx::PgPool;

use super::name_key;
use super::organizations::OrganizationSummary;
use super::people::PersonSummary;

/// Which kinds of speaker a name may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds {
    pub people: bool,
    pub organizations: bool,
}

/// The people and organisations `typed` names: an alias equal to it (score 1), or holding
/// it as whole words (0.9: "Rutte", "mark rutte", "MARK RUTTE" → Mark Rutte; "John" is not
/// "Johnson"), any case, accents ignored. Each kind exact first, then most quoted, at most
/// 50. The SQL is `resolve_names` (a migration), planned once per connection.
pub async fn resolve(
    pool: &PgPool,
    typed: &str,
    kinds: Kinds,
) -> Result<(Vec<PersonSummary>, Vec<OrganizationSummary>), sqlx::Error> {
    let rows = sqlx::query!(
        r#"SELECT kind AS "kind!", id AS "id!", name AS "name!",
                  statement_count AS "statement_count!", score AS "score!"
           FROM resolve_names($1, $2, $3)"#,
        name_key(typed),
        kinds.people,
        kinds.organizations,
    )
    .fetch_all(pool)
    .await?;
    let mut people = Vec::new();
    let mut organizations = Vec::new();
    for r in rows {
        if r.kind == "person" {
            people.push(PersonSummary {
                id: r.id,
                name: r.name,
                statement_count: r.statement_count,
                score: r.score,
            });
        } else {
            organizations.push(OrganizationSummary {
                id: r.id,
                name: r.name,
                statement_count: r.statement_count,
                score: r.score,
            });
        }
    }
    Ok((people, organizations))
}
