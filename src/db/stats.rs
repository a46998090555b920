//! Counts for dashboards: statements per day, week or month, and the most quoted
//! people and organisations, for any statement filter.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;

use super::statements::{filtered, Filter};

/// Whether `filter` names nothing but speakers and dates, so that the `speaker_days`
/// rollup answers it (topic, kind, outlet and article filters count statements).
fn by_speaker_and_date(filter: &Filter) -> bool {
    filter.article_id.is_none()
        && filter.topic.is_none()
        && filter.kinds.is_none()
        && filter.acts.is_none()
        && filter.source.is_none()
}

/// A query over the speaker rollups with the speaker and date conditions of [`Filter`]
/// (the same meaning as the statement filter's), then `$7...` for the caller. `$months`
/// reads `speaker_months` instead of `speaker_days` (see [`whole_months`]); the query is
/// planned for its parameters, so only the table read is in the plan.
macro_rules! speaker_days {
    ($out:ty, $head:literal, $tail:literal, $filter:expr, $months:expr $(, $extra:expr)* $(,)?) => {{
        let f: &Filter = $filter;
        sqlx::query_as!(
            $out,
            $head
                + " FROM (SELECT said_on, person_id, organization_id, statements
                          FROM speaker_months WHERE $6::bool
                          UNION ALL
                          SELECT said_on, person_id, organization_id, statements
                          FROM speaker_days WHERE NOT $6::bool) d
                    WHERE CASE WHEN $3::bool THEN d.person_id = ANY($1) OR d.organization_id = ANY($2)
                               ELSE ($1::bigint[] IS NULL OR d.person_id = ANY($1))
                                AND ($2::bigint[] IS NULL OR d.organization_id = ANY($2)) END
                      AND ($4::date IS NULL OR d.said_on >= $4)
                      AND ($5::date IS NULL OR d.said_on <= $5) "
                + $tail,
            f.person_ids.as_deref(),
            f.organization_ids.as_deref(),
            f.speakers_any,
            f.from,
            f.to,
            $months,
            $($extra),*
        )
    }};
}

/// Whether `filter`'s dates take in whole months (or are open), so that the monthly
/// rollup, a thirtieth of the daily one, answers as the daily one would: its rows are
/// dated the first of their month, within `from` and `to` exactly when the month is.
fn whole_months(filter: &Filter) -> bool {
    use chrono::Datelike;
    let starts_month = |d: NaiveDate| d.day() == 1;
    let ends_month = |d: NaiveDate| d.succ_opt().is_none_or(|next| next.day() == 1);
    filter.from.is_none_or(starts_month) && filter.to.is_none_or(ends_month)
}

/// Statements in one period (its first day).
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct Bucket {
    pub period: NaiveDate,
    pub count: i64,
}

/// `day`, `week` (from Monday) or `month`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Day,
    Week,
    Month,
}

impl Interval {
    fn as_sql(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }
}

/// Statements per period among those matching `filter`, periods with none included,
/// from the first to the last matching period (or `filter`'s own dates when given).
pub async fn timeline(
    pool: &PgPool,
    filter: &Filter,
    interval: Interval,
) -> Result<Vec<Bucket>, sqlx::Error> {
    let rows = if by_speaker_and_date(filter) {
        speaker_days!(
            Bucket,
            r#"SELECT date_trunc($7, d.said_on::timestamp)::date AS "period!", sum(d.statements)::bigint AS "count!""#,
            "GROUP BY 1 HAVING sum(d.statements) > 0 ORDER BY 1",
            filter,
            interval == Interval::Month && whole_months(filter),
            interval.as_sql(),
        )
        .fetch_all(pool)
        .await?
    } else {
        filtered!(
            Bucket,
            r#"SELECT date_trunc($12, s.said_on)::date AS "period!", count(*) AS "count!""#,
            "GROUP BY 1 ORDER BY 1",
            filter,
            interval.as_sql(),
        )
        .fetch_all(pool)
        .await?
    };
    Ok(zero_filled(rows, interval, filter.from, filter.to))
}

fn start_of(day: NaiveDate, interval: Interval) -> NaiveDate {
    use chrono::Datelike;
    match interval {
        Interval::Day => day,
        Interval::Week => day - chrono::Duration::days(day.weekday().num_days_from_monday() as i64),
        Interval::Month => day.with_day(1).expect("day 1 exists"),
    }
}

fn next(period: NaiveDate, interval: Interval) -> Option<NaiveDate> {
    match interval {
        Interval::Day => period.succ_opt(),
        Interval::Week => period.checked_add_signed(chrono::Duration::days(7)),
        Interval::Month => period.checked_add_months(chrono::Months::new(1)),
    }
}

/// Most periods a timeline fills in (forty years of weeks).
const MAX_PERIODS: usize = 2100;

fn zero_filled(
    rows: Vec<Bucket>,
    interval: Interval,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<Bucket> {
    let first = from
        .map(|d| start_of(d, interval))
        .or(rows.first().map(|b| b.period));
    let last = to
        .map(|d| start_of(d, interval))
        .or(rows.last().map(|b| b.period));
    let (Some(mut period), Some(last)) = (first, last) else {
        return rows;
    };
    let mut counts = rows.into_iter().peekable();
    let mut out = Vec::new();
    while period <= last && out.len() < MAX_PERIODS {
        let count = match counts.peek() {
            Some(b) if b.period == period => counts.next().map_or(0, |b| b.count),
            _ => 0,
        };
        out.push(Bucket { period, count });
        let Some(after) = next(period, interval) else {
            break;
        };
        period = after;
    }
    out
}

/// A speaker and how often they were quoted among the matching statements.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct Ranked {
    pub id: i64,
    pub name: String,
    pub count: i64,
}

/// The most quoted people among the statements matching `filter`.
pub async fn top_people(
    pool: &PgPool,
    filter: &Filter,
    limit: i64,
) -> Result<Vec<Ranked>, sqlx::Error> {
    if *filter == Filter::default() {
        return sqlx::query_as!(
            Ranked,
            r#"SELECT id, name, statement_count AS count FROM people
               WHERE statement_count > 0 ORDER BY statement_count DESC, id LIMIT $1"#,
            limit
        )
        .fetch_all(pool)
        .await;
    }
    if by_speaker_and_date(filter) {
        return speaker_days!(
            Ranked,
            r#"SELECT p.id AS "id!", p.name AS "name!", m.n::bigint AS "count!"
               FROM (SELECT d.person_id, sum(d.statements) AS n"#,
            r#"AND d.person_id <> 0 GROUP BY d.person_id HAVING sum(d.statements) > 0
                 ORDER BY 2 DESC, 1 LIMIT $7) m
               JOIN people p ON p.id = m.person_id
               ORDER BY 3 DESC, 1"#,
            filter,
            whole_months(filter),
            limit,
        )
        .fetch_all(pool)
        .await;
    }
    filtered!(
        Ranked,
        r#"SELECT p.id AS "id!", p.name AS "name!", count(*) AS "count!"
           FROM (SELECT s.person_id"#,
        r#"AND s.person_id IS NOT NULL) m
           JOIN people p ON p.id = m.person_id
           GROUP BY p.id ORDER BY 3 DESC, p.id LIMIT $12"#,
        filter,
        limit,
    )
    .fetch_all(pool)
    .await
}

/// The most quoted organisations (their own statements and their people's).
pub async fn top_organizations(
    pool: &PgPool,
    filter: &Filter,
    limit: i64,
) -> Result<Vec<Ranked>, sqlx::Error> {
    if *filter == Filter::default() {
        return sqlx::query_as!(
            Ranked,
            r#"SELECT id, name, statement_count AS count FROM organizations
               WHERE statement_count > 0 ORDER BY statement_count DESC, id LIMIT $1"#,
            limit
        )
        .fetch_all(pool)
        .await;
    }
    if by_speaker_and_date(filter) {
        return speaker_days!(
            Ranked,
            r#"SELECT o.id AS "id!", o.name AS "name!", m.n::bigint AS "count!"
               FROM (SELECT d.organization_id, sum(d.statements) AS n"#,
            r#"AND d.organization_id <> 0 GROUP BY d.organization_id HAVING sum(d.statements) > 0
                 ORDER BY 2 DESC, 1 LIMIT $7) m
               JOIN organizations o ON o.id = m.organization_id
               ORDER BY 3 DESC, 1"#,
            filter,
            whole_months(filter),
            limit,
        )
        .fetch_all(pool)
        .await;
    }
    filtered!(
        Ranked,
        r#"SELECT o.id AS "id!", o.name AS "name!", count(*) AS "count!"
           FROM (SELECT s.organization_id"#,
        r#"AND s.organization_id IS NOT NULL) m
           JOIN organizations o ON o.id = m.organization_id
           GROUP BY o.id ORDER BY 3 DESC, o.id LIMIT $12"#,
        filter,
        limit,
    )
    .fetch_all(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_monthly_rollup_answers_only_for_whole_months() {
        let dates = |from, to| Filter {
            from,
            to,
            ..Filter::default()
        };
        assert!(whole_months(&dates(None, None)));
        assert!(whole_months(&dates(
            Some(d(2025, 2, 1)),
            Some(d(2025, 2, 28))
        )));
        assert!(whole_months(&dates(
            Some(d(2024, 2, 1)),
            Some(d(2024, 2, 29))
        )));
        assert!(whole_months(&dates(None, Some(d(2025, 12, 31)))));
        assert!(!whole_months(&dates(Some(d(2025, 2, 2)), None)));
        assert!(!whole_months(&dates(None, Some(d(2024, 2, 28)))));
    }

    #[test]
    fn periods_without_statements_are_zero() {
        let rows = vec![
            Bucket {
                period: d(2025, 1, 1),
                count: 3,
            },
            Bucket {
                period: d(2025, 3, 1),
                count: 1,
            },
        ];
        let filled = zero_filled(rows, Interval::Month, None, Some(d(2025, 4, 20)));
        let counts: Vec<(NaiveDate, i64)> = filled.iter().map(|b| (b.period, b.count)).collect();
        assert_eq!(
            counts,
            [
                (d(2025, 1, 1), 3),
                (d(2025, 2, 1), 0),
                (d(2025, 3, 1), 1),
                (d(2025, 4, 1), 0)
            ]
        );
        let weeks = zero_filled(
            Vec::new(),
            Interval::Week,
            Some(d(2025, 2, 12)),
            Some(d(2025, 2, 20)),
        );
        assert_eq!(
            weeks.iter().map(|b| b.period).collect::<Vec<_>>(),
            [d(2025, 2, 10), d(2025, 2, 17)]
        );
        assert!(zero_filled(Vec::new(), Interval::Day, None, None).is_empty());
    }
}

/// How many of the newest matches a facet counts: enough to show who and what dominates
/// a result, bounded so a filter matching millions costs the same as one matching few.
pub const FACET_WINDOW: i64 = 1000;

/// Counts of the newest [`FACET_WINDOW`] matching statements by speaker, organisation,
/// kind and outlet, for the filters beside a result list.
#[derive(Debug, Default, Clone, Serialize, ToSchema)]
pub struct Facets {
    /// How many statements were counted (less than the window: all of them).
    pub counted: i64,
    pub people: Vec<Ranked>,
    pub organizations: Vec<Ranked>,
    pub kinds: Vec<Labelled>,
    pub sources: Vec<Labelled>,
}

/// A facet value without an id (a kind, an outlet) and its count.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct Labelled {
    pub label: String,
    pub count: i64,
}

struct FacetRow {
    facet: String,
    id: Option<i64>,
    label: String,
    n: i64,
}

/// The facets of `filter`, each with its `limit` largest values.
pub async fn facets(pool: &PgPool, filter: &Filter, limit: usize) -> Result<Facets, sqlx::Error> {
    let rows = filtered!(
        FacetRow,
        r#"WITH recent AS (SELECT s.person_id, s.organization_id, s.kind, s.article_id"#,
        r#"ORDER BY s.said_on DESC, s.id DESC LIMIT $12)
           SELECT 'total' AS "facet!", NULL::bigint AS "id?", '' AS "label!", count(*) AS "n!" FROM recent
           UNION ALL
           SELECT 'person', p.id, p.name, count(*) FROM recent r JOIN people p ON p.id = r.person_id
           GROUP BY p.id, p.name
           UNION ALL
           SELECT 'organization', o.id, o.name, count(*) FROM recent r
           JOIN organizations o ON o.id = r.organization_id GROUP BY o.id, o.name
           UNION ALL
           SELECT 'kind', NULL, r.kind, count(*) FROM recent r GROUP BY r.kind
           UNION ALL
           SELECT 'source', NULL, a.source, count(*) FROM recent r JOIN articles a ON a.id = r.article_id
           WHERE a.source IS NOT NULL GROUP BY a.source
           ORDER BY 1, 4 DESC, 3"#,
        filter,
        FACET_WINDOW,
    )
    .fetch_all(pool)
    .await?;
    let mut facets = Facets::default();
    for row in rows {
        match (row.facet.as_str(), row.id) {
            ("total", _) => facets.counted = row.n,
            ("person", Some(id)) if facets.people.len() < limit => facets.people.push(Ranked {
                id,
                name: row.label,
                count: row.n,
            }),
            ("organization", Some(id)) if facets.organizations.len() < limit => {
                facets.organizations.push(Ranked {
                    id,
                    name: row.label,
                    count: row.n,
                })
            }
            ("kind", _) => facets.kinds.push(Labelled {
                label: row.label,
                count: row.n,
            }),
            ("source", _) if facets.sources.len() < limit => facets.sources.push(Labelled {
                label: row.label,
                count: row.n,
            }),
            _ => {}
        }
    }
    Ok(facets)
}
