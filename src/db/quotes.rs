//! Quotes: every report of the same words by the same speaker, grouped as articles are
//! stored (never recomputed per query), and safe with several writers: a writer takes
//! a transaction-scoped advisory lock per speaker (in key order) before it looks for the
//! speaker's quotes, so two replicas ingesting the same wire story make one quote.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use sqlx::{Postgres, Transaction};

use crate::same_quote;

/// One statement about to be stored, as a report of some quote.
#[derive(Debug, Clone)]
pub struct Report {
    /// `p<person id>`, `o<organisation id>`, or `n<name key>` for unnamed sources.
    pub speaker_key: String,
    pub person_id: Option<i64>,
    pub organization_id: Option<i64>,
    /// From [`same_quote::words`].
    pub words: String,
    pub article_id: i64,
    pub published_at: DateTime<FixedOffset>,
    pub said_on: NaiveDate,
}

/// The quote of each report (finding an existing one, exact or near, or creating it),
/// with `reports` and the first report kept up to date. Answers in input order.
pub async fn assign(
    tx: &mut Transaction<'_, Postgres>,
    reports: &[Report],
) -> Result<Vec<i64>, sqlx::Error> {
    if reports.is_empty() {
        return Ok(Vec::new());
    }
    let speakers: Vec<String> = reports.iter().map(|r| r.speaker_key.clone()).collect();
    super::lock_keys(tx, speakers).await?;

    let hashes: Vec<Vec<u8>> = reports
        .iter()
        .map(|r| same_quote::words_hash(&r.words))
        .collect();
    let known = existing(tx, reports, &hashes).await?;
    // Each report's group: an existing quote, or the index of the first report of a new one.
    let mut group: Vec<Group> = Vec::with_capacity(reports.len());
    let mut fresh: Vec<usize> = Vec::new();
    let candidates = near_candidates(tx, reports, &known).await?;
    for (i, report) in reports.iter().enumerate() {
        if let Some(&id) = known.get(&(report.speaker_key.clone(), hashes[i].clone())) {
            group.push(Group::Existing(id));
            continue;
        }
        let near = candidates
            .get(&i)
            .and_then(|c| {
                c.iter()
                    .find(|(_, words)| same_quote::same(&report.words, words))
            })
            .map(|(id, _)| *id);
        let sibling = fresh.iter().copied().find(|&j| {
            reports[j].speaker_key == report.speaker_key
                && same_quote::same(&reports[j].words, &report.words)
        });
        group.push(match (near, sibling) {
            (Some(id), _) => Group::Existing(id),
            (None, Some(j)) => Group::New(j),
            (None, None) => {
                fresh.push(i);
                Group::New(i)
            }
        });
    }
    let created = create(tx, reports, &hashes, &group, &fresh).await?;
    let ids: Vec<i64> = group
        .iter()
        .map(|g| match g {
            Group::Existing(id) => *id,
            Group::New(j) => created[j],
        })
        .collect();
    add_reports(tx, reports, &ids).await?;
    Ok(ids)
}

#[derive(Debug, Clone, Copy)]
enum Group {
    Existing(i64),
    New(usize),
}

/// Quotes with exactly these words by these speakers.
async fn existing(
    tx: &mut Transaction<'_, Postgres>,
    reports: &[Report],
    hashes: &[Vec<u8>],
) -> Result<HashMap<(String, Vec<u8>), i64>, sqlx::Error> {
    let speakers: Vec<String> = reports.iter().map(|r| r.speaker_key.clone()).collect();
    let rows = sqlx::query!(
        "SELECT q.id, q.speaker_key, q.words_sha256
         FROM UNNEST($1::text[], $2::bytea[]) AS r(speaker_key, sha)
         JOIN quotes q ON q.speaker_key = r.speaker_key AND q.words_sha256 = r.sha",
        &speakers,
        hashes
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ((r.speaker_key, r.words_sha256), r.id))
        .collect())
}

/// For reports without an exact quote: the speaker's quotes sharing one of their keys.
async fn near_candidates(
    tx: &mut Transaction<'_, Postgres>,
    reports: &[Report],
    known: &HashMap<(String, Vec<u8>), i64>,
) -> Result<HashMap<usize, Vec<(i64, String)>>, sqlx::Error> {
    let (mut index, mut speaker, mut key) = (Vec::new(), Vec::new(), Vec::new());
    for (i, report) in reports.iter().enumerate() {
        if known.contains_key(&(
            report.speaker_key.clone(),
            same_quote::words_hash(&report.words),
        )) {
            continue;
        }
        for k in same_quote::keys(&report.words) {
            index.push(i as i64);
            speaker.push(report.speaker_key.clone());
            key.push(k);
        }
    }
    if index.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = sqlx::query!(
        r#"SELECT DISTINCT r.i AS "i!", q.id, q.words
           FROM UNNEST($1::bigint[], $2::text[], $3::bigint[]) AS r(i, speaker_key, key)
           JOIN quote_keys k ON k.speaker_key = r.speaker_key AND k.key = r.key
           JOIN quotes q ON q.id = k.quote_id"#,
        &index,
        &speaker,
        &key
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut out: HashMap<usize, Vec<(i64, String)>> = HashMap::new();
    for row in rows {
        out.entry(row.i as usize)
            .or_default()
            .push((row.id, row.words));
    }
    for candidates in out.values_mut() {
        candidates.sort_by_key(|c| c.0);
    }
    Ok(out)
}

/// Creates the new quotes (the report at each index of `fresh` founds one) with their keys.
async fn create(
    tx: &mut Transaction<'_, Postgres>,
    reports: &[Report],
    hashes: &[Vec<u8>],
    group: &[Group],
    fresh: &[usize],
) -> Result<HashMap<usize, i64>, sqlx::Error> {
    if fresh.is_empty() {
        return Ok(HashMap::new());
    }
    // The first report of a new quote is its earliest published member.
    let mut first: HashMap<usize, usize> = fresh.iter().map(|&j| (j, j)).collect();
    for (i, g) in group.iter().enumerate() {
        if let Group::New(j) = g {
            let current = first[j];
            if reports[i].published_at < reports[current].published_at {
                first.insert(*j, i);
            }
        }
    }
    let pick = |f: &dyn Fn(&Report) -> Option<i64>| -> Vec<Option<i64>> {
        fresh.iter().map(|&j| f(&reports[j])).collect()
    };
    let rows = sqlx::query!(
        "INSERT INTO quotes (speaker_key, words, words_sha256, person_id, organization_id,
                             first_article_id, first_published_at, first_said_on)
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::bytea[], $4::bigint[], $5::bigint[],
                              $6::bigint[], $7::timestamptz[], $8::date[])
         RETURNING id",
        &fresh
            .iter()
            .map(|&j| reports[j].speaker_key.clone())
            .collect::<Vec<_>>(),
        &fresh
            .iter()
            .map(|&j| reports[j].words.clone())
            .collect::<Vec<_>>(),
        &fresh.iter().map(|&j| hashes[j].clone()).collect::<Vec<_>>(),
        &pick(&|r| r.person_id) as &[Option<i64>],
        &pick(&|r| r.organization_id) as &[Option<i64>],
        &fresh
            .iter()
            .map(|&j| reports[first[&j]].article_id)
            .collect::<Vec<_>>(),
        &fresh
            .iter()
            .map(|&j| reports[first[&j]].published_at)
            .collect::<Vec<_>>(),
        &fresh
            .iter()
            .map(|&j| reports[first[&j]].said_on)
            .collect::<Vec<_>>(),
    )
    .fetch_all(&mut **tx)
    .await?;
    let created: HashMap<usize, i64> = fresh
        .iter()
        .copied()
        .zip(rows.into_iter().map(|r| r.id))
        .collect();
    let (mut speaker, mut key, mut quote) = (Vec::new(), Vec::new(), Vec::new());
    for &j in fresh {
        for k in same_quote::keys(&reports[j].words) {
            speaker.push(reports[j].speaker_key.clone());
            key.push(k);
            quote.push(created[&j]);
        }
    }
    sqlx::query!(
        "INSERT INTO quote_keys (speaker_key, key, quote_id)
         SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::bigint[]) ON CONFLICT DO NOTHING",
        &speaker,
        &key,
        &quote
    )
    .execute(&mut **tx)
    .await?;
    Ok(created)
}

/// Counts the new reports of every quote, and moves a quote's first report earlier when
/// one of them was published before it.
async fn add_reports(
    tx: &mut Transaction<'_, Postgres>,
    reports: &[Report],
    ids: &[i64],
) -> Result<(), sqlx::Error> {
    let mut per_quote: std::collections::BTreeMap<i64, (i32, usize)> =
        std::collections::BTreeMap::new();
    for (i, &id) in ids.iter().enumerate() {
        let entry = per_quote.entry(id).or_insert((0, i));
        entry.0 += 1;
        if reports[i].published_at < reports[entry.1].published_at {
            entry.1 = i;
        }
    }
    let quote_ids: Vec<i64> = per_quote.keys().copied().collect();
    let counts: Vec<i32> = per_quote.values().map(|v| v.0).collect();
    let earliest = |f: &dyn Fn(&Report) -> i64| {
        per_quote
            .values()
            .map(|v| f(&reports[v.1]))
            .collect::<Vec<i64>>()
    };
    let published: Vec<DateTime<FixedOffset>> = per_quote
        .values()
        .map(|v| reports[v.1].published_at)
        .collect();
    let said: Vec<NaiveDate> = per_quote.values().map(|v| reports[v.1].said_on).collect();
    sqlx::query!(
        "UPDATE quotes q SET
            reports = q.reports + u.n,
            first_article_id = CASE WHEN u.published_at < q.first_published_at THEN u.article_id ELSE q.first_article_id END,
            first_said_on = CASE WHEN u.published_at < q.first_published_at THEN u.said_on ELSE q.first_said_on END,
            first_published_at = LEAST(q.first_published_at, u.published_at)
         FROM UNNEST($1::bigint[], $2::int[], $3::bigint[], $4::timestamptz[], $5::date[])
              AS u(id, n, article_id, published_at, said_on)
         WHERE q.id = u.id",
        &quote_ids,
        &counts,
        &earliest(&|r| r.article_id),
        &published,
        &said
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Recomputes `reports` and the first report of these quotes from their statements, and
/// removes those left with none (after a re-extraction).
pub async fn recount(tx: &mut Transaction<'_, Postgres>, ids: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "UPDATE quotes q SET reports = c.n, first_article_id = c.article_id,
                first_published_at = c.published_at, first_said_on = c.said_on
         FROM (SELECT DISTINCT ON (s.quote_id) s.quote_id, count(*) OVER (PARTITION BY s.quote_id) AS n,
                      s.article_id, a.published_at, s.said_on
               FROM statements s JOIN articles a ON a.id = s.article_id
               WHERE s.quote_id = ANY($1)
               ORDER BY s.quote_id, a.published_at, s.id) c
         WHERE q.id = c.quote_id",
        ids
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        "DELETE FROM quotes q WHERE q.id = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.quote_id = q.id)",
        ids
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One report of a quote: where and when it was published.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct QuoteReport {
    pub statement_id: i64,
    pub article_id: i64,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    pub published_at: DateTime<chrono::Utc>,
    pub said_on: NaiveDate,
}

/// A quote with its first report and its reports, earliest first.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct QuoteView {
    pub id: i64,
    /// The words as the first report gives them.
    pub quote: String,
    pub speaker: Option<String>,
    /// Absent when no person spoke (an organisation, or an anonymous source).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<i64>,
    /// Absent when no organisation is named with the speaker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<i64>,
    /// How many statements report it, across all articles.
    pub reports: i32,
    pub first_reported: QuoteReport,
    /// The earliest reports (at most [`REPORTS_SHOWN`]).
    pub all_reports: Vec<QuoteReport>,
}

/// Reports listed per quote; `reports` gives the full count.
pub const REPORTS_SHOWN: i64 = 20;

/// These quotes (in this order) with their earliest reports.
pub async fn views(pool: &sqlx::PgPool, ids: &[i64]) -> Result<Vec<QuoteView>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let reports = sqlx::query!(
        r#"SELECT r.quote_id AS "quote_id!", r.statement_id AS "statement_id!", r.article_id AS "article_id!",
                  r.title, r.url, r.source, r.published_at AS "published_at!", r.said_on AS "said_on!"
           FROM (SELECT s.id AS statement_id, s.quote_id, a.id AS article_id, a.title, a.url, a.source,
                        a.published_at, s.said_on,
                        row_number() OVER (PARTITION BY s.quote_id ORDER BY a.published_at, s.id) AS n
                 FROM statements s JOIN articles a ON a.id = s.article_id
                 WHERE s.quote_id = ANY($1)) r
           WHERE r.n <= $2
           ORDER BY r.quote_id, r.n"#,
        ids,
        REPORTS_SHOWN
    )
    .fetch_all(pool)
    .await?;
    let mut by_quote: HashMap<i64, Vec<QuoteReport>> = HashMap::new();
    for r in reports {
        by_quote.entry(r.quote_id).or_default().push(QuoteReport {
            statement_id: r.statement_id,
            article_id: r.article_id,
            title: r.title,
            url: r.url,
            source: r.source,
            published_at: r.published_at,
            said_on: r.said_on,
        });
    }
    let rows = sqlx::query!(
        r#"SELECT q.id, q.reports, q.person_id, q.organization_id,
                  coalesce(p.name, o.name, (SELECT s.speaker_name FROM statements s WHERE s.quote_id = q.id LIMIT 1)) AS speaker,
                  (SELECT s.quote FROM statements s WHERE s.quote_id = q.id AND s.article_id = q.first_article_id
                   ORDER BY s.id LIMIT 1) AS "quote"
           FROM quotes q
           LEFT JOIN people p ON p.id = q.person_id
           LEFT JOIN organizations o ON o.id = q.organization_id
           WHERE q.id = ANY($1)"#,
        ids
    )
    .fetch_all(pool)
    .await?;
    let mut views: HashMap<i64, QuoteView> = HashMap::new();
    for row in rows {
        let all_reports = by_quote.remove(&row.id).unwrap_or_default();
        let Some(first) = all_reports.first().cloned() else {
            continue;
        };
        views.insert(
            row.id,
            QuoteView {
                id: row.id,
                quote: row.quote.unwrap_or_default(),
                speaker: row.speaker,
                person_id: row.person_id,
                organization_id: row.organization_id,
                reports: row.reports,
                first_reported: first,
                all_reports,
            },
        );
    }
    Ok(ids.iter().filter_map(|id| views.remove(id)).collect())
}

/// Every quote with a report matching `filter`, most recently said first, handed to
/// `each` in chunks of `chunk` views as they come (the grouping is PostgreSQL's; the
/// service holds one chunk); `each` returns false to stop.
pub async fn for_each_chunk<F, Fut>(
    pool: &sqlx::PgPool,
    filter: &super::statements::Filter,
    chunk: usize,
    each: F,
) -> Result<(), sqlx::Error>
where
    F: FnMut(Vec<QuoteView>) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    use super::statements::{filtered, Filter};
    use futures_util::TryStreamExt;
    struct Id {
        id: i64,
    }
    let f: &Filter = filter;
    let ids = filtered!(
        Id,
        r#"SELECT s.quote_id AS "id!""#,
        "AND s.quote_id IS NOT NULL
         GROUP BY s.quote_id ORDER BY max(s.said_on) DESC, s.quote_id DESC",
        f,
    )
    .fetch(pool)
    .map_ok(|row| row.id);
    super::for_each_chunk(
        ids,
        chunk,
        |ids| async move { views(pool, &ids).await },
        each,
    )
    .await
}
