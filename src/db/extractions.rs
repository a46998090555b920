//! Writing what was extracted from articles: people and organisations (with their
//! aliases), the quotes each statement reports, the statements, and the counts kept on
//! people and organisations. One call per batch, a handful of statements whatever its size.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use sqlx::{Postgres, Transaction};

use super::quotes::{self, Report};
use super::{name_key, organizations, people, statements};
use crate::extract::{Extraction, SpeakerKind, Statement};
use crate::same_quote;

/// A newly stored article and what was extracted from it.
pub struct NewRows<'a> {
    pub article_id: i64,
    pub published_at: DateTime<FixedOffset>,
    pub extraction: &'a Extraction,
}

/// Names of people and organisations across a batch, keyed by name key.
#[derive(Default)]
struct Names {
    people: BTreeMap<String, String>,
    person_aliases: BTreeMap<String, BTreeSet<String>>,
    orgs: BTreeMap<String, String>,
    org_aliases: BTreeMap<String, BTreeSet<String>>,
}

impl Names {
    fn collect(articles: &[NewRows<'_>]) -> Names {
        let mut names = Names::default();
        for rows in articles {
            let extraction = rows.extraction;
            for entity in &extraction.entities {
                let key = name_key(&entity.name);
                match entity.kind {
                    SpeakerKind::Person => {
                        names
                            .people
                            .entry(key.clone())
                            .or_insert_with(|| entity.name.clone());
                        let written = names.person_aliases.entry(key).or_default();
                        written.insert(entity.name.clone());
                        written.extend(entity.aliases.iter().cloned());
                    }
                    SpeakerKind::Organization => {
                        names
                            .orgs
                            .entry(key.clone())
                            .or_insert_with(|| entity.name.clone());
                        names
                            .org_aliases
                            .entry(key)
                            .or_default()
                            .extend(entity.aliases.iter().cloned());
                    }
                    SpeakerKind::Anonymous => {}
                }
            }
            let speakers = extraction
                .statements
                .iter()
                .filter_map(|s| s.speaker.as_ref());
            for org in speakers.filter_map(|s| s.organization.as_deref()) {
                names
                    .orgs
                    .entry(name_key(org))
                    .or_insert_with(|| org.to_string());
            }
            // "The North Atlantic Treaty Organization (NATO)": each form is the other's alias.
            for (long, short) in &extraction.acronyms {
                for (this, other) in [(long, short), (short, long)] {
                    let key = name_key(this);
                    if names.orgs.contains_key(&key) {
                        names
                            .org_aliases
                            .entry(key)
                            .or_default()
                            .insert(other.clone());
                    }
                }
            }
        }
        names
    }
}

/// A statement ready to write, with its rows resolved.
struct Planned<'a> {
    article_id: i64,
    person_id: Option<i64>,
    organization_id: Option<i64>,
    statement: &'a Statement,
    report: Report,
}

/// Writes everything extracted from `articles`; returns the statements written per article
/// (an exact repeat within one article, such as a headline shown twice, is written once).
pub async fn insert(
    tx: &mut Transaction<'_, Postgres>,
    articles: &[NewRows<'_>],
    extractor_version: &str,
) -> Result<HashMap<i64, usize>, sqlx::Error> {
    let names = Names::collect(articles);
    // Only names new to the database need a lock: an existing person is found, not created.
    let people_keys = people::unknown(tx, &names.people).await?;
    let org_keys = organizations::keys_to_lock(&names.orgs, &names.org_aliases);
    super::lock_names(tx, &people_keys, &org_keys).await?;
    let person_ids = people::upsert_all(tx, &names.people, &names.person_aliases).await?;
    let org_ids = organizations::upsert_all(tx, &names.orgs, &names.org_aliases).await?;
    let planned = plan(articles, &person_ids, &org_ids);
    let reports: Vec<Report> = planned.iter().map(|p| p.report.clone()).collect();
    let quote_ids = quotes::assign(tx, &reports).await?;
    let records: Vec<statements::StatementRecord> = planned
        .iter()
        .zip(&quote_ids)
        .map(|(p, &quote_id)| statements::StatementRecord {
            article_id: p.article_id,
            person_id: p.person_id,
            organization_id: p.organization_id,
            quote_id: Some(quote_id),
            statement: p.statement,
        })
        .collect();
    statements::insert_all(tx, extractor_version, &records).await?;
    add_counts(tx, &planned).await?;
    let mut written = HashMap::new();
    for p in &planned {
        *written.entry(p.article_id).or_insert(0) += 1;
    }
    Ok(written)
}

/// Resolves each statement's speaker to rows and its quote's identity; drops exact
/// repeats within an article.
fn plan<'a>(
    articles: &[NewRows<'a>],
    person_ids: &HashMap<String, i64>,
    org_ids: &HashMap<String, i64>,
) -> Vec<Planned<'a>> {
    let mut planned = Vec::new();
    for rows in articles {
        let extraction = rows.extraction;
        let mut seen = HashSet::new();
        for statement in &extraction.statements {
            let speaker = statement.speaker.as_ref();
            let entity = speaker
                .and_then(|s| s.entity)
                .and_then(|i| extraction.entities.get(i));
            let entity_key = entity.map(|e| name_key(&e.name));
            let person_id = match entity {
                Some(e) if e.kind == SpeakerKind::Person => {
                    entity_key.as_ref().and_then(|k| person_ids.get(k).copied())
                }
                _ => None,
            };
            // An organisation speaks for itself; a person for the organisation named with them.
            let speaks_for_itself = entity.is_some_and(|e| e.kind == SpeakerKind::Organization);
            let organization_key = if speaks_for_itself {
                entity_key
            } else {
                speaker
                    .and_then(|s| s.organization.as_deref())
                    .map(name_key)
            };
            let organization_id = organization_key.and_then(|k| org_ids.get(&k).copied());
            let speaker_key = match (person_id, organization_id, speaker) {
                (Some(id), _, _) => format!("p{id}"),
                (None, Some(id), _) if speaks_for_itself => format!("o{id}"),
                (_, _, Some(s)) => format!("n{}", name_key(&s.name)),
                (_, _, None) => "n".to_string(),
            };
            let words = same_quote::words(&statement.quote);
            if !seen.insert((speaker_key.clone(), words.clone())) {
                continue;
            }
            planned.push(Planned {
                article_id: rows.article_id,
                person_id,
                organization_id,
                statement,
                report: Report {
                    speaker_key,
                    person_id,
                    organization_id: organization_id.filter(|_| speaks_for_itself),
                    words,
                    article_id: rows.article_id,
                    published_at: rows.published_at,
                    said_on: statement.said_on,
                },
            });
        }
    }
    planned
}

/// Per id: how many statements, the first and the last day said.
type Tally = BTreeMap<i64, (i64, NaiveDate, NaiveDate)>;

fn tally(ids: impl Iterator<Item = (i64, NaiveDate)>) -> Tally {
    let mut out: Tally = BTreeMap::new();
    for (id, day) in ids {
        let entry = out.entry(id).or_insert((0, day, day));
        entry.0 += 1;
        entry.1 = entry.1.min(day);
        entry.2 = entry.2.max(day);
    }
    out
}

/// Adds the new statements to the counts kept on people and organisations. Rows are
/// locked in id order first, so writers updating the same people never deadlock.
async fn add_counts(
    tx: &mut Transaction<'_, Postgres>,
    planned: &[Planned<'_>],
) -> Result<(), sqlx::Error> {
    let people = tally(
        planned
            .iter()
            .filter_map(|p| Some((p.person_id?, p.statement.said_on))),
    );
    let orgs = tally(
        planned
            .iter()
            .filter_map(|p| Some((p.organization_id?, p.statement.said_on))),
    );
    let columns = |t: &Tally| -> (Vec<i64>, Vec<i64>, Vec<NaiveDate>, Vec<NaiveDate>) {
        (
            t.keys().copied().collect(),
            t.values().map(|v| v.0).collect(),
            t.values().map(|v| v.1).collect(),
            t.values().map(|v| v.2).collect(),
        )
    };
    let (ids, n, first, last) = columns(&people);
    sqlx::query!("SELECT count(*) AS locked FROM (SELECT 1 FROM people WHERE id = ANY($1) ORDER BY id FOR UPDATE) l", &ids)
        .fetch_one(&mut **tx)
        .await?;
    sqlx::query!(
        "UPDATE people p SET statement_count = p.statement_count + u.n,
                first_said_on = LEAST(p.first_said_on, u.first), last_said_on = GREATEST(p.last_said_on, u.last)
         FROM UNNEST($1::bigint[], $2::bigint[], $3::date[], $4::date[]) AS u(id, n, first, last)
         WHERE p.id = u.id",
        &ids,
        &n,
        &first,
        &last
    )
    .execute(&mut **tx)
    .await?;
    let (ids, n, first, last) = columns(&orgs);
    sqlx::query!(
        "SELECT count(*) AS locked FROM (SELECT 1 FROM organizations WHERE id = ANY($1) ORDER BY id FOR UPDATE) l",
        &ids
    )
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query!(
        "UPDATE organizations o SET statement_count = o.statement_count + u.n,
                first_said_on = LEAST(o.first_said_on, u.first), last_said_on = GREATEST(o.last_said_on, u.last)
         FROM UNNEST($1::bigint[], $2::bigint[], $3::date[], $4::date[]) AS u(id, n, first, last)
         WHERE o.id = u.id",
        &ids,
        &n,
        &first,
        &last
    )
    .execute(&mut **tx)
    .await?;
    let mut days = DayTally::new();
    for p in planned {
        let key = (
            p.statement.said_on,
            p.person_id.unwrap_or(0),
            p.organization_id.unwrap_or(0),
        );
        *days.entry(key).or_insert(0) += 1;
    }
    add_days(tx, &days).await
}

/// Statements per (day, person, organisation), 0 for none: the `speaker_days` rollup.
type DayTally = BTreeMap<(NaiveDate, i64, i64), i64>;

/// Adds `tally` (negative to remove) to the rollups, daily then monthly, each in key
/// order so that writers meeting on the same rows wait rather than deadlock. The last
/// locks a writer takes.
async fn add_days(tx: &mut Transaction<'_, Postgres>, tally: &DayTally) -> Result<(), sqlx::Error> {
    if tally.is_empty() {
        return Ok(());
    }
    let (days, people, orgs, n) = unnest_columns(tally);
    sqlx::query!(
        "INSERT INTO speaker_days (said_on, person_id, organization_id, statements)
         SELECT * FROM UNNEST($1::date[], $2::bigint[], $3::bigint[], $4::bigint[])
         ORDER BY 1, 2, 3
         ON CONFLICT (said_on, person_id, organization_id)
         DO UPDATE SET statements = speaker_days.statements + EXCLUDED.statements",
        &days,
        &people,
        &orgs,
        &n
    )
    .execute(&mut **tx)
    .await?;
    let (months, people, orgs, n) = unnest_columns(&by_month(tally));
    sqlx::query!(
        "INSERT INTO speaker_months (said_on, person_id, organization_id, statements)
         SELECT * FROM UNNEST($1::date[], $2::bigint[], $3::bigint[], $4::bigint[])
         ORDER BY 1, 2, 3
         ON CONFLICT (said_on, person_id, organization_id)
         DO UPDATE SET statements = speaker_months.statements + EXCLUDED.statements",
        &months,
        &people,
        &orgs,
        &n
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The tally's keys and counts as the four arrays an `UNNEST` insert takes.
fn unnest_columns(tally: &DayTally) -> (Vec<NaiveDate>, Vec<i64>, Vec<i64>, Vec<i64>) {
    (
        tally.keys().map(|k| k.0).collect(),
        tally.keys().map(|k| k.1).collect(),
        tally.keys().map(|k| k.2).collect(),
        tally.values().copied().collect(),
    )
}

/// A daily tally added up per month, each month keyed by its first day.
fn by_month(tally: &DayTally) -> DayTally {
    use chrono::Datelike;
    let mut months = DayTally::new();
    for (&(day, person, organization), &n) in tally {
        let first = day.with_day(1).expect("every month has a first day");
        *months.entry((first, person, organization)).or_insert(0) += n;
    }
    months
}

/// The people, organisations and quotes whose statements a re-extraction removed.
pub struct Affected {
    people: Vec<i64>,
    organizations: Vec<i64>,
    quotes: Vec<i64>,
    /// Taken off the rollup by [`recount`], last, as every writer touches it last.
    days: DayTally,
}

/// Removes an article's statements, for re-extraction; [`recount`] the returned rows
/// once the new statements are written.
pub async fn delete(
    tx: &mut Transaction<'_, Postgres>,
    article_id: i64,
) -> Result<Affected, sqlx::Error> {
    let gone = sqlx::query!(
        "DELETE FROM statements WHERE article_id = $1
         RETURNING person_id, organization_id, quote_id, said_on",
        article_id
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut days = DayTally::new();
    for r in &gone {
        let key = (
            r.said_on,
            r.person_id.unwrap_or(0),
            r.organization_id.unwrap_or(0),
        );
        *days.entry(key).or_insert(0) -= 1;
    }
    let distinct = |ids: Vec<Option<i64>>| -> Vec<i64> {
        ids.into_iter()
            .flatten()
            .collect::<BTreeSet<i64>>()
            .into_iter()
            .collect()
    };
    Ok(Affected {
        people: distinct(gone.iter().map(|r| r.person_id).collect()),
        organizations: distinct(gone.iter().map(|r| r.organization_id).collect()),
        quotes: distinct(gone.iter().map(|r| r.quote_id).collect()),
        days,
    })
}

/// Recomputes the counts of the rows a re-extraction touched from the statements there
/// are now (exact, and cheap for the few rows one article touches).
pub async fn recount(
    tx: &mut Transaction<'_, Postgres>,
    affected: &Affected,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE people p SET statement_count = c.n, first_said_on = c.first, last_said_on = c.last
         FROM (SELECT u.id, count(s.id) AS n, min(s.said_on) AS first, max(s.said_on) AS last
               FROM UNNEST($1::bigint[]) AS u(id) LEFT JOIN statements s ON s.person_id = u.id
               GROUP BY u.id) c
         WHERE p.id = c.id",
        &affected.people
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        "UPDATE organizations o SET statement_count = c.n, first_said_on = c.first, last_said_on = c.last
         FROM (SELECT u.id, count(s.id) AS n, min(s.said_on) AS first, max(s.said_on) AS last
               FROM UNNEST($1::bigint[]) AS u(id) LEFT JOIN statements s ON s.organization_id = u.id
               GROUP BY u.id) c
         WHERE o.id = c.id",
        &affected.organizations
    )
    .execute(&mut **tx)
    .await?;
    quotes::recount(tx, &affected.quotes).await?;
    add_days(tx, &affected.days).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_add_up_per_month_and_speaker() {
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        let tally: DayTally = [
            ((day(2, 3), 7, 0), 2),
            ((day(2, 27), 7, 0), 1),
            ((day(2, 27), 8, 0), -1),
            ((day(3, 1), 7, 0), 4),
        ]
        .into_iter()
        .collect();
        let months: Vec<_> = by_month(&tally).into_iter().collect();
        assert_eq!(
            months,
            [
                ((day(2, 1), 7, 0), 3),
                ((day(2, 1), 8, 0), -1),
                ((day(3, 1), 7, 0), 4)
            ]
        );
    }
}
