//! Statements: writing them, and the one query that finds them by any combination
//! of filters, newest first, a page at a time.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::EntityRef;
use crate::extract::Statement;

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
             date_basis, confidence, quote_id)
           SELECT $1, * FROM UNNEST(
             $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[],
             $8::text[], $9::int[], $10::int[], $11::text[], $12::text[], $13::jsonb[],
             $14::int[], $15::int[], $16::text[], $17::int[], $18::int[], $19::text[],
             $20::int[], $21::int[], $22::date[], $23::text[], $24::real[], $25::bigint[])"#,
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
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Which statements to list. Every filter is optional and they combine with AND.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub statement_id: Option<i64>,
    pub article_id: Option<i64>,
    pub person_id: Option<i64>,
    /// A name as a user types it; matched on whole words of any alias, case-insensitively.
    pub person: Option<String>,
    pub organization_id: Option<i64>,
    /// An organisation name; matched on whole words, case-insensitively.
    pub organization: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Topic words, full-text with English stemming.
    pub q: Option<String>,
    pub kind: Option<String>,
    /// Keyset cursor: only statements after this (said_on, id) in listing order.
    pub after: Option<(NaiveDate, i64)>,
    pub limit: i64,
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
}

struct Row {
    id: i64,
    kind: String,
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
        }
    }
}

/// Statements matching `filter`, newest `said_on` first (ties: newest id first).
///
/// Names are compared as whole words inside space-padded keys with `strpos`, never
/// with LIKE, so `%` and `_` in a name only match themselves.
pub async fn list(pool: &PgPool, filter: &Filter) -> Result<Vec<StatementView>, sqlx::Error> {
    let person = filter.person.as_deref().map(super::name_key);
    let organization = filter.organization.as_deref().map(super::name_key);
    let (after_date, after_id) = filter.after.unzip();
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT s.id, s.kind, s.quote, s.quote_start, s.quote_end,
                  s.content_spans AS "content_spans: Json<Vec<TextSpan>>",
                  s.speaker_kind, s.speaker_name, s.role, s.mention, s.mention_start, s.mention_end,
                  s.person_id, s.organization_id, o.name AS "organization_name?",
                  s.cue, s.cue_start, s.cue_end, s.sentence, s.sentence_start, s.sentence_end,
                  s.said_on, s.date_basis, s.confidence, s.extractor_version,
                  a.id AS article_id, a.title AS article_title, a.url AS article_url,
                  a.source AS article_source, a.published_at AS article_published_at
           FROM statements s
           JOIN articles a ON a.id = s.article_id
           LEFT JOIN organizations o ON o.id = s.organization_id
           WHERE ($1::bigint IS NULL OR s.id = $1)
             AND ($2::bigint IS NULL OR s.article_id = $2)
             AND ($3::bigint IS NULL OR s.person_id = $3)
             AND ($4::text IS NULL OR s.person_id IN (
                    SELECT pa.person_id FROM person_aliases pa
                    WHERE strpos(' ' || pa.alias_key || ' ', ' ' || $4 || ' ') > 0))
             AND ($5::bigint IS NULL OR s.organization_id = $5)
             AND ($6::text IS NULL OR s.organization_id IN (
                    SELECT o2.id FROM organizations o2
                    WHERE strpos(' ' || o2.name_key || ' ', ' ' || $6 || ' ') > 0))
             AND ($7::date IS NULL OR s.said_on >= $7)
             AND ($8::date IS NULL OR s.said_on <= $8)
             AND ($9::text IS NULL OR s.quote_tsv @@ websearch_to_tsquery('english', $9))
             AND ($10::text IS NULL OR s.kind = $10)
             AND ($11::date IS NULL OR (s.said_on, s.id) < ($11, $12::bigint))
           ORDER BY s.said_on DESC, s.id DESC
           LIMIT $13"#,
        filter.statement_id,
        filter.article_id,
        filter.person_id,
        person,
        filter.organization_id,
        organization,
        filter.from,
        filter.to,
        filter.q,
        filter.kind,
        after_date,
        after_id,
        filter.limit,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(StatementView::from).collect())
}

/// One statement by id.
pub async fn get(pool: &PgPool, id: i64) -> Result<Option<StatementView>, sqlx::Error> {
    let filter = Filter {
        statement_id: Some(id),
        limit: 1,
        ..Filter::default()
    };
    Ok(list(pool, &filter).await?.pop())
}

/// All statements of one article, in text order.
pub async fn for_article(
    pool: &PgPool,
    article_id: i64,
) -> Result<Vec<StatementView>, sqlx::Error> {
    let filter = Filter {
        article_id: Some(article_id),
        limit: i64::MAX,
        ..Filter::default()
    };
    let mut statements = list(pool, &filter).await?;
    statements.sort_by_key(|s| (s.quote_start, s.id));
    Ok(statements)
}
