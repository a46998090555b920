//! Statements: writing them, and the one query that finds them by any combination
//! of filters, newest first, a page at a time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::EntityRef;
use crate::extract::Statement;
use crate::highlight;

/// A statement about to be written, with its article and speaker already resolved to rows.
pub struct StatementRecord<'a> {
    pub article_id: i64,
    pub person_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub quote_id: Option<i64>,
    pub statement: &'a Statement,
}

/// A piece of text in the article: character offsets (Unicode scalar values, end
/// exclusive) and the text they cover.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct TextSpan {
    pub start: i32,
    pub end: i32,
    pub text: String,
}

fn offset(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<&crate::extract::Span> for TextSpan {
    fn from(span: &crate::extract::Span) -> Self {
        TextSpan {
            start: offset(span.start),
            end: offset(span.end),
            text: span.text.clone(),
        }
    }
}

/// Column-wise copy of a batch of statements, for one multi-row INSERT.
#[derive(Default)]
struct Columns {
    article_id: Vec<i64>,
    person_id: Vec<Option<i64>>,
    organization_id: Vec<Option<i64>>,
    quote_id: Vec<Option<i64>>,
    speaker_kind: Vec<Option<String>>,
    speaker_name: Vec<Option<String>>,
    role: Vec<Option<String>>,
    mention: Vec<Option<String>>,
    mention_start: Vec<Option<i32>>,
    mention_end: Vec<Option<i32>>,
    kind: Vec<String>,
    act: Vec<String>,
    quote: Vec<String>,
    content_spans: Vec<serde_json::Value>,
    quote_start: Vec<i32>,
    quote_end: Vec<i32>,
    cue: Vec<Option<String>>,
    cue_start: Vec<Option<i32>>,
    cue_end: Vec<Option<i32>>,
    sentence: Vec<String>,
    sentence_start: Vec<i32>,
    sentence_end: Vec<i32>,
    said_on: Vec<NaiveDate>,
    date_basis: Vec<String>,
    confidence: Vec<f32>,
}

impl Columns {
    fn push(&mut self, record: &StatementRecord<'_>) {
        let s = record.statement;
        let speaker = s.speaker.as_ref();
        let mention = speaker.and_then(|sp| sp.mention.as_ref());
        let spans: Vec<TextSpan> = s.content_spans.iter().map(TextSpan::from).collect();
        self.article_id.push(record.article_id);
        self.person_id.push(record.person_id);
        self.organization_id.push(record.organization_id);
        self.quote_id.push(record.quote_id);
        self.speaker_kind
            .push(speaker.map(|sp| sp.kind.as_str().to_string()));
        self.speaker_name.push(speaker.map(|sp| sp.name.clone()));
        self.role.push(speaker.and_then(|sp| sp.role.clone()));
        self.mention.push(mention.map(|m| m.text.clone()));
        self.mention_start.push(mention.map(|m| offset(m.start)));
        self.mention_end.push(mention.map(|m| offset(m.end)));
        self.kind.push(s.kind.as_str().to_string());
        self.act.push(s.act.as_str().to_string());
        self.quote.push(s.quote.clone());
        self.content_spans
            .push(serde_json::to_value(&spans).unwrap_or_default());
        self.quote_start
            .push(offset(s.content_spans.first().map_or(0, |sp| sp.start)));
        self.quote_end
            .push(offset(s.content_spans.last().map_or(0, |sp| sp.end)));
        self.cue.push(s.cue.as_ref().map(|c| c.text.clone()));
        self.cue_start.push(s.cue.as_ref().map(|c| offset(c.start)));
        self.cue_end.push(s.cue.as_ref().map(|c| offset(c.end)));
        self.sentence.push(s.sentence.text.clone());
        self.sentence_start.push(offset(s.sentence.start));
        self.sentence_end.push(offset(s.sentence.end));
        self.said_on.push(s.said_on);
        self.date_basis.push(s.date_basis.as_str().to_string());
        self.confidence.push(s.confidence);
    }
}

/// Writes a batch of statements (of any number of articles) in one round trip.
pub async fn insert_all(
    tx: &mut Transaction<'_, Postgres>,
    extractor_version: &str,
    records: &[StatementRecord<'_>],
) -> Result<(), sqlx::Error> {
    if records.is_empty() {
        return Ok(());
    }
    let mut c = Columns::default();
    records.iter().for_each(|r| c.push(r));
    sqlx::query!(
        r#"INSERT INTO statements
            (extractor_version, article_id, person_id, organization_id, speaker_kind, speaker_name,
             role, mention, mention_start, mention_end, kind, quote, content_spans, quote_start,
             quote_end, cue, cue_start, cue_end, sentence, sentence_start, sentence_end, said_on,
             date_basis, confidence, quote_id, act)
           SELECT $1, * FROM UNNEST(
             $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[],
             $8::text[], $9::int[], $10::int[], $11::text[], $12::text[], $13::jsonb[],
             $14::int[], $15::int[], $16::text[], $17::int[], $18::int[], $19::text[],
             $20::int[], $21::int[], $22::date[], $23::text[], $24::real[], $25::bigint[],
             $26::text[])"#,
        extractor_version,
        &c.article_id,
        &c.person_id as &[Option<i64>],
        &c.organization_id as &[Option<i64>],
        &c.speaker_kind as &[Option<String>],
        &c.speaker_name as &[Option<String>],
        &c.role as &[Option<String>],
        &c.mention as &[Option<String>],
        &c.mention_start as &[Option<i32>],
        &c.mention_end as &[Option<i32>],
        &c.kind,
        &c.quote,
        &c.content_spans,
        &c.quote_start,
        &c.quote_end,
        &c.cue as &[Option<String>],
        &c.cue_start as &[Option<i32>],
        &c.cue_end as &[Option<i32>],
        &c.sentence,
        &c.sentence_start,
        &c.sentence_end,
        &c.said_on,
        &c.date_basis,
        &c.confidence,
        &c.quote_id as &[Option<i64>],
        &c.act,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Which statements to list: every filter optional, all combined with AND, names
/// already resolved to ids (see `search`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Filter {
    pub article_id: Option<i64>,
    /// Any of these people.
    pub person_ids: Option<Vec<i64>>,
    /// Any of these organisations (their own statements and their people's).
    pub organization_ids: Option<Vec<i64>>,
    /// With both people and organisations: statements by any of them (a question's
    /// speakers) rather than by the people speaking for the organisations.
    pub speakers_any: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub topic: Option<Topic>,
    /// Any of these kinds (`direct`, `indirect`, `mixed`).
    pub kinds: Option<Vec<String>>,
    /// Any of these acts (`speech`, `writing`, `belief`, `stance`, `intention`).
    pub acts: Option<Vec<String>>,
    /// The outlet, any case.
    pub source: Option<String>,
}

/// Topic words in web-search syntax, with English stemming; `prefix` is a last word
/// still being typed, matched as the start of a word.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Topic {
    pub words: String,
    pub prefix: Option<String>,
}

/// Listing order, with the keyset cursor of the previous page's last row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Order {
    /// Newest `said_on` first.
    Date { after: Option<(NaiveDate, i64)> },
    /// Best match first (ts_rank_cd), among the newest [`RANKED`] matches.
    Relevance {
        after: Option<(f32, NaiveDate, i64)>,
    },
}

/// How many of the newest matches a relevance listing ranks: ranking every match of a
/// common word at ten million statements would take seconds, and finding the newest
/// matches costs in proportion (month probes read every match of the months they need;
/// with a speaker, the walk of the speaker's statements filters the rest).
pub const RANKED: i64 = 300;

/// A listed statement's place in its order, for the next page's cursor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub id: i64,
    pub said_on: NaiveDate,
    pub rank: f32,
}

/// The speaker as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SpeakerView {
    /// The person's id, or the organisation's when an organisation speaks; null for anonymous sources.
    pub id: Option<i64>,
    pub name: String,
    /// `person`, `organization` or `anonymous`.
    pub kind: String,
    pub role: Option<String>,
    pub organization: Option<EntityRef>,
    /// The words at this statement that refer to the speaker ("he").
    pub mention: Option<TextSpan>,
}

/// Where a statement comes from.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleRef {
    pub id: i64,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published_at: DateTime<Utc>,
}

/// A statement as the API shows it, with its provenance.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementView {
    pub id: i64,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// `speech`, `writing`, `belief`, `stance` or `intention`: what the speaker did.
    pub act: String,
    pub quote: String,
    /// Offsets of the quote's first and last character in the article text.
    pub quote_start: i32,
    pub quote_end: i32,
    /// The quote's pieces (a quote interrupted by "he said" has two).
    pub content_spans: Vec<TextSpan>,
    /// Null when the text names no source ("it was announced that ...").
    pub speaker: Option<SpeakerView>,
    pub cue: Option<TextSpan>,
    pub said_on: NaiveDate,
    /// `explicit`, `relative` or `publication`: where `said_on` came from.
    pub date_basis: String,
    pub sentence: TextSpan,
    pub confidence: f32,
    pub extractor_version: String,
    pub article: ArticleRef,
    /// The quote this statement reports, and how many reports it has in all.
    pub quote_id: Option<i64>,
    pub reports: Option<i32>,
    /// With a topic: the quote HTML-escaped, the matched words in `<mark>`…`</mark>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlight: Option<String>,
}

struct Row {
    id: i64,
    kind: String,
    act: String,
    quote: String,
    quote_start: i32,
    quote_end: i32,
    content_spans: Json<Vec<TextSpan>>,
    speaker_kind: Option<String>,
    speaker_name: Option<String>,
    role: Option<String>,
    mention: Option<String>,
    mention_start: Option<i32>,
    mention_end: Option<i32>,
    person_id: Option<i64>,
    organization_id: Option<i64>,
    organization_name: Option<String>,
    cue: Option<String>,
    cue_start: Option<i32>,
    cue_end: Option<i32>,
    sentence: String,
    sentence_start: i32,
    sentence_end: i32,
    said_on: NaiveDate,
    date_basis: String,
    confidence: f32,
    extractor_version: String,
    article_id: i64,
    article_title: Option<String>,
    article_url: Option<String>,
    article_source: Option<String>,
    article_published_at: DateTime<Utc>,
    quote_id: Option<i64>,
    reports: Option<i32>,
}

fn span(text: Option<String>, start: Option<i32>, end: Option<i32>) -> Option<TextSpan> {
    Some(TextSpan {
        start: start?,
        end: end?,
        text: text?,
    })
}

impl From<Row> for StatementView {
    fn from(r: Row) -> Self {
        let organization = match (r.organization_id, r.organization_name) {
            (Some(id), Some(name)) => Some(EntityRef { id, name }),
            _ => None,
        };
        let speaker = r.speaker_kind.map(|kind| SpeakerView {
            id: match kind.as_str() {
                "person" => r.person_id,
                "organization" => r.organization_id,
                _ => None,
            },
            name: r.speaker_name.unwrap_or_default(),
            kind,
            role: r.role,
            organization,
            mention: span(r.mention, r.mention_start, r.mention_end),
        });
        StatementView {
            id: r.id,
            kind: r.kind,
            act: r.act,
            quote: r.quote,
            quote_start: r.quote_start,
            quote_end: r.quote_end,
            content_spans: r.content_spans.0,
            speaker,
            cue: span(r.cue, r.cue_start, r.cue_end),
            said_on: r.said_on,
            date_basis: r.date_basis,
            sentence: TextSpan {
                start: r.sentence_start,
                end: r.sentence_end,
                text: r.sentence,
            },
            confidence: r.confidence,
            extractor_version: r.extractor_version,
            article: ArticleRef {
                id: r.article_id,
                title: r.article_title,
                url: r.article_url,
                source: r.article_source,
                published_at: r.article_published_at,
            },
            quote_id: r.quote_id,
            reports: r.reports,
            highlight: None,
        }
    }
}

/// One page of statements matching `filter` in `order`: the places first (one query per
/// order, planned for the filters actually given), then the rows.
pub async fn page(
    pool: &PgPool,
    filter: &Filter,
    order: Order,
    limit: i64,
) -> Result<(Vec<StatementView>, Vec<Place>), sqlx::Error> {
    // Looked up before a connection is held: a lookup on a second connection while holding
    // one could wait on a pool that every request holds a connection of.
    let terms = topic_terms(pool, filter.topic.as_ref()).await?;
    let terms = terms.as_deref();
    if let Some(topic) = probed(filter) {
        let mut tx = super::planned_once(pool).await?;
        let places = by_month(&mut tx, filter, topic, order, limit).await?;
        let views = hydrate(&mut *tx, &ids_of(&places), terms).await?;
        tx.commit().await?;
        return Ok((views, places));
    }
    let places = match order {
        Order::Date { after } => date_query(filter, after, limit).fetch_all(pool).await?,
        Order::Relevance { after } => by_relevance(pool, filter, after, limit).await?,
    };
    let views = hydrate(pool, &ids_of(&places), terms).await?;
    Ok((views, places))
}

fn ids_of(places: &[Place]) -> Vec<i64> {
    places.iter().map(|p| p.id).collect()
}

/// A query over the statements matching a [`Filter`]: `$head` (the select list) +
/// `FROM statements s WHERE` the filter as `$1`..`$11` + `$tail` (further conditions,
/// order, limit: parameters from `$12`, given after the filter). One text of the filter
/// conditions for every query, each still checked at compile time.
///
/// The connection plans every execution for its own parameters (`plan_cache_mode =
/// force_custom_plan`, see `db::connect`): the filters not given fold away, and the index
/// that fits the ones given is used. One id is compared with `=` rather than `= ANY`:
/// PostgreSQL 15 reads `(person_id, said_on)` in order only for a plain equality, and
/// otherwise sorts every statement of the person to find the newest fifty.
macro_rules! filtered {
    ($out:ty, $head:literal, $tail:literal, $filter:expr $(, $extra:expr)* $(,)?) => {{
        let f: &Filter = $filter;
        sqlx::query_as!(
            $out,
            $head
                + " FROM statements s
                    WHERE ($1::bigint IS NULL OR s.article_id = $1)
                      AND CASE WHEN $10::bool THEN s.person_id = ANY($2) OR s.organization_id = ANY($3)
                               ELSE ($2::bigint[] IS NULL OR CASE WHEN cardinality($2) = 1
                                       THEN s.person_id = $2[1] ELSE s.person_id = ANY($2) END)
                                AND ($3::bigint[] IS NULL OR CASE WHEN cardinality($3) = 1
                                       THEN s.organization_id = $3[1] ELSE s.organization_id = ANY($3) END) END
                      AND ($4::date IS NULL OR s.said_on >= $4)
                      AND ($5::date IS NULL OR s.said_on <= $5)
                      AND (($6::text IS NULL AND $7::text IS NULL) OR s.quote_tsv @@ topic_query($6, $7))
                      AND ($8::text[] IS NULL OR s.kind = ANY($8))
                      AND ($11::text[] IS NULL OR s.act = ANY($11))
                      AND ($9::text IS NULL OR s.article_id IN
                             (SELECT a.id FROM articles a WHERE lower(a.source) = lower($9))) "
                + $tail,
            f.article_id,
            f.person_ids.as_deref(),
            f.organization_ids.as_deref(),
            f.from,
            f.to,
            f.topic.as_ref().map(|t| t.words.as_str()),
            f.topic.as_ref().and_then(|t| t.prefix.as_deref()),
            f.kinds.as_deref(),
            f.source.as_deref(),
            f.speakers_any,
            f.acts.as_deref(),
            $($extra),*
        )
    }};
}
pub(crate) use filtered;

/// Newest first.
fn date_query<'q>(
    filter: &'q Filter,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> sqlx::query::Map<
    'q,
    Postgres,
    impl FnMut(sqlx::postgres::PgRow) -> Result<Place, sqlx::Error> + Send,
    sqlx::postgres::PgArguments,
> {
    let (after_date, after_id) = after.unzip();
    filtered!(
        Place,
        r#"SELECT s.id, s.said_on, 0::real AS "rank!""#,
        "AND ($12::date IS NULL OR (s.said_on, s.id) < ($12, $13::bigint))
         ORDER BY s.said_on DESC, s.id DESC
         LIMIT $14",
        filter,
        after_date,
        after_id,
        limit,
    )
}

/// The newest (or best) matches of a probed topic, found month by month.
async fn by_month(
    conn: &mut sqlx::PgConnection,
    filter: &Filter,
    topic: &Topic,
    order: Order,
    limit: i64,
) -> Result<Vec<Place>, sqlx::Error> {
    let rest = unprobed(filter);
    match order {
        Order::Date { after } => {
            let mut places = topic_by_month(&rest, filter, topic, after, limit)
                .fetch_all(&mut *conn)
                .await?;
            places.sort_by_key(|p| std::cmp::Reverse((p.said_on, p.id)));
            Ok(places)
        }
        Order::Relevance { after } => {
            ranked_by_month(&rest, filter, topic, after, limit)
                .fetch_all(&mut *conn)
                .await
        }
    }
}

/// The topic, when the newest matches are best found month by month on
/// `statements_topic_probes`: a topic, with or without speakers, and no article (an
/// article's own statements are few). Walking the date index instead filters every
/// statement between the matches, and a speaker's own index every statement of theirs.
fn probed(filter: &Filter) -> Option<&Topic> {
    filter
        .topic
        .as_ref()
        .filter(|_| filter.article_id.is_none())
}

/// What a month probe leaves to check on the rows it finds: the filter without the topic
/// and the speakers, which the probe's keys answer. (Left in, they would also offer the
/// planner the speaker's and the words' own indexes, whose whole posting lists it would
/// AND with the probe's few rows.)
fn unprobed(filter: &Filter) -> Filter {
    Filter {
        person_ids: None,
        organization_ids: None,
        speakers_any: false,
        topic: None,
        ..filter.clone()
    }
}

/// Newest first, one probe of `statements_topic_probes` (the stored `probe_keys`) a month
/// from the newest (or the cursor's) month, so that only the months needed are read. The
/// probe finds the month's statements with the topic's words and the speaker; it is
/// built once per execution (`topic_probe_template`, a subquery, so also in a generic
/// plan), and each month fills in its number (`probe_for`). `ts_match_vq`, the function
/// behind `@@` (which no index offers to answer), then checks phrases and exclusions
/// exactly.
///
/// Run under [`super::planned_once`]: whatever the parameters, the plan is this walk, so
/// planning it again for each request (a third of its time) buys nothing.
/// Each month's rows are sorted as one row value, an order no index offers either: sorted
/// by `said_on DESC, id DESC`, the planner may walk the date index instead and compute
/// every statement's probe keys (seen at 10M once `effective_cache_size` was raised).
fn topic_by_month<'q>(
    rest: &'q Filter,
    filter: &'q Filter,
    topic: &'q Topic,
    after: Option<(NaiveDate, i64)>,
    limit: i64,
) -> sqlx::query::Map<
    'q,
    Postgres,
    impl FnMut(sqlx::postgres::PgRow) -> Result<Place, sqlx::Error> + Send,
    sqlx::postgres::PgArguments,
> {
    let (after_date, after_id) = after.unzip();
    filtered!(
        Place,
        r#"SELECT m.id AS "id!", m.said_on AS "said_on!", 0::real AS "rank!"
           FROM generate_series(
                  said_month(COALESCE($17::date, $5::date, (SELECT max(said_on) FROM statements))),
                  said_month(COALESCE($4::date, (SELECT min(said_on) FROM statements))), -1) AS mo(month)
           CROSS JOIN LATERAL (SELECT s.id, s.said_on"#,
        "AND s.probe_keys
               @@ probe_for((SELECT topic_probe_template(topic_query($12, $13), $14, $15, $16)), mo.month)
         AND ts_match_vq(s.quote_tsv, (SELECT topic_query($12, $13)))
         AND ($17::date IS NULL OR (s.said_on, s.id) < ($17, $18::bigint))
         ORDER BY (s.said_on, s.id) DESC
         LIMIT $19) m
         LIMIT $19",
        rest,
        topic.words.as_str(),
        topic.prefix.as_deref(),
        filter.person_ids.as_deref(),
        filter.organization_ids.as_deref(),
        filter.speakers_any,
        after_date,
        after_id,
        limit,
    )
}

/// Every statement matching `filter`, newest first, handed to `each` in chunks of
/// `chunk` as they come from the database (constant memory however many match);
/// `each` returns false to stop.
pub async fn for_each_chunk<F, Fut>(
    pool: &PgPool,
    filter: &Filter,
    chunk: usize,
    each: F,
) -> Result<(), sqlx::Error>
where
    F: FnMut(Vec<StatementView>) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    use futures_util::TryStreamExt;
    let ids = date_query(filter, None, i64::MAX)
        .fetch(pool)
        .map_ok(|place| place.id);
    // The topic's lexemes once for the whole export, not once a chunk.
    let terms = topic_terms(pool, filter.topic.as_ref()).await?;
    let terms = terms.as_deref();
    super::for_each_chunk(
        ids,
        chunk,
        |ids| async move { hydrate(pool, &ids, terms).await },
        each,
    )
    .await
}

/// Best match first among the newest [`RANKED`] matches of a probed topic, found as
/// [`topic_by_month`] finds them (and, like it, run under [`super::planned_once`]).
fn ranked_by_month<'q>(
    rest: &'q Filter,
    filter: &'q Filter,
    topic: &'q Topic,
    after: Option<(f32, NaiveDate, i64)>,
    limit: i64,
) -> sqlx::query::Map<
    'q,
    Postgres,
    impl FnMut(sqlx::postgres::PgRow) -> Result<Place, sqlx::Error> + Send,
    sqlx::postgres::PgArguments,
> {
    let (after_rank, after_date, after_id) = match after {
        Some((r, d, i)) => (Some(r), Some(d), Some(i)),
        None => (None, None, None),
    };
    filtered!(
        Place,
        r#"WITH newest AS (
             SELECT m.id, m.said_on, m.rank
             FROM generate_series(
                    said_month(COALESCE($5::date, (SELECT max(said_on) FROM statements))),
                    said_month(COALESCE($4::date, (SELECT min(said_on) FROM statements))), -1) AS mo(month)
             CROSS JOIN LATERAL (SELECT s.id, s.said_on, ts_rank_cd(s.quote_tsv, (SELECT topic_query($12, $13))) AS rank"#,
        r#"AND s.probe_keys
                   @@ probe_for((SELECT topic_probe_template(topic_query($12, $13), $14, $15, $16)), mo.month)
             AND ts_match_vq(s.quote_tsv, (SELECT topic_query($12, $13)))
             ORDER BY (s.said_on, s.id) DESC LIMIT $17) m
             LIMIT $17)
           SELECT id AS "id!", said_on AS "said_on!", rank AS "rank!" FROM newest
           WHERE $18::real IS NULL OR (rank, said_on, id) < ($18, $19::date, $20::bigint)
           ORDER BY rank DESC, said_on DESC, id DESC
           LIMIT $21"#,
        rest,
        topic.words.as_str(),
        topic.prefix.as_deref(),
        filter.person_ids.as_deref(),
        filter.organization_ids.as_deref(),
        filter.speakers_any,
        RANKED,
        after_rank,
        after_date,
        after_id,
        limit,
    )
}

/// Best match first among the newest [`RANKED`] matches, for a topic the month probes do
/// not serve (one article's statements).
async fn by_relevance(
    pool: &PgPool,
    filter: &Filter,
    after: Option<(f32, NaiveDate, i64)>,
    limit: i64,
) -> Result<Vec<Place>, sqlx::Error> {
    let (after_rank, after_date, after_id) = match after {
        Some((r, d, i)) => (Some(r), Some(d), Some(i)),
        None => (None, None, None),
    };
    filtered!(
        Place,
        r#"WITH newest AS (SELECT s.id, s.said_on, ts_rank_cd(s.quote_tsv, topic_query($6, $7)) AS rank"#,
        r#"ORDER BY s.said_on DESC, s.id DESC LIMIT $12)
           SELECT id AS "id!", said_on AS "said_on!", rank AS "rank!" FROM newest
           WHERE $13::real IS NULL OR (rank, said_on, id) < ($13, $14::date, $15::bigint)
           ORDER BY rank DESC, said_on DESC, id DESC
           LIMIT $16"#,
        filter,
        RANKED,
        after_rank,
        after_date,
        after_id,
        limit,
    )
    .fetch_all(pool)
    .await
}

/// A single count.
struct Count {
    n: i64,
}

/// How many statements match `filter` (exact; costs a scan of the matches).
pub async fn count(pool: &PgPool, filter: &Filter) -> Result<i64, sqlx::Error> {
    let row = filtered!(Count, r#"SELECT count(*) AS "n!""#, "", filter)
        .fetch_one(pool)
        .await?;
    Ok(row.n)
}

/// The statements with these ids, in this order, with their article, organisation and
/// quote; with a topic's terms, the matched words marked. The organisation's name and the
/// quote's reports are subqueries rather than joins: planned for every page, four joins
/// cost twice the planning of two, and execution is the same.
async fn hydrate<'c>(
    db: impl sqlx::PgExecutor<'c>,
    ids: &[i64],
    terms: Option<&highlight::Terms>,
) -> Result<Vec<StatementView>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT s.id, s.kind, s.act, s.quote, s.quote_start, s.quote_end,
                  s.content_spans AS "content_spans: Json<Vec<TextSpan>>",
                  s.speaker_kind, s.speaker_name, s.role, s.mention, s.mention_start, s.mention_end,
                  s.person_id, s.organization_id,
                  (SELECT o.name FROM organizations o WHERE o.id = s.organization_id) AS "organization_name?",
                  s.cue, s.cue_start, s.cue_end, s.sentence, s.sentence_start, s.sentence_end,
                  s.said_on, s.date_basis, s.confidence, s.extractor_version,
                  a.id AS article_id, a.title AS article_title, a.url AS article_url,
                  a.source AS article_source, a.published_at AS article_published_at,
                  s.quote_id, (SELECT q.reports FROM quotes q WHERE q.id = s.quote_id) AS "reports?"
           FROM statements s
           JOIN articles a ON a.id = s.article_id
           WHERE s.id = ANY($1)"#,
        ids,
    )
    .fetch_all(db)
    .await?;
    let mut by_id: HashMap<i64, StatementView> = rows
        .into_iter()
        .map(|r| {
            let mut view = StatementView::from(r);
            view.highlight = terms.map(|t| highlight::html(&view.quote, t));
            (view.id, view)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// A topic's lexemes as the index has them (English stemming, stop words dropped), for
/// marking the matched words; none without a topic.
async fn topic_terms(
    pool: &PgPool,
    topic: Option<&Topic>,
) -> Result<Option<Arc<highlight::Terms>>, sqlx::Error> {
    /// Topics whose lexemes are known; emptied when full. The lexemes depend on the
    /// words alone, so a cache saves every topic listing a round trip.
    type Known = HashMap<(String, Option<String>), Arc<highlight::Terms>>;
    static KNOWN: OnceLock<Mutex<Known>> = OnceLock::new();
    const KEPT: usize = 4096;
    let Some(topic) = topic else {
        return Ok(None);
    };
    let key = (topic.words.clone(), topic.prefix.clone());
    let known = KNOWN.get_or_init(Default::default);
    if let Some(terms) = known.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Some(terms.clone()));
    }
    let row = sqlx::query!(
        r#"SELECT tsvector_to_array(to_tsvector('english', $1)) AS "words!",
                  tsvector_to_array(to_tsvector('english', coalesce($2, ''))) AS "prefixes!""#,
        topic.words,
        topic.prefix.as_deref(),
    )
    .fetch_one(pool)
    .await?;
    let terms = Arc::new(highlight::Terms::new(row.words, row.prefixes));
    let mut known = known.lock().unwrap_or_else(|e| e.into_inner());
    if known.len() >= KEPT {
        known.clear();
    }
    known.insert(key, terms.clone());
    Ok(Some(terms))
}

/// One statement by id.
pub async fn get(pool: &PgPool, id: i64) -> Result<Option<StatementView>, sqlx::Error> {
    Ok(hydrate(pool, &[id], None).await?.pop())
}

/// A page of one article's statements in text order: `limit` after the position
/// `after` (quote start, id), plus whether more follow.
pub async fn for_article(
    pool: &PgPool,
    article_id: i64,
    after: Option<(i32, i64)>,
    limit: i64,
) -> Result<(Vec<StatementView>, bool), sqlx::Error> {
    let (start, id) = after.unwrap_or((i32::MIN, i64::MIN));
    let mut ids = sqlx::query_scalar!(
        "SELECT id FROM statements WHERE article_id = $1 AND (quote_start, id) > ($2, $3)
         ORDER BY quote_start, id LIMIT $4",
        article_id,
        start,
        id,
        limit + 1
    )
    .fetch_all(pool)
    .await?;
    let more = ids.len() as i64 > limit;
    ids.truncate(usize::try_from(limit).unwrap_or(0));
    Ok((hydrate(pool, &ids, None).await?, more))
}
