//! `/topics?q=membership`: who spoke about a topic, how often over time, and the latest
//! statements about it.

use axum::extract::State;
use maud::{html, Markup};
use serde::Deserialize;

use super::chart;
use super::layout::{self, WebError};
use super::listing;
use super::refine::Refine;
use crate::db::statements::{self, Order};
use crate::db::{quotes, stats};
use crate::http::error::ApiError;
use crate::http::extractors::ApiQuery;
use crate::http::AppState;
use crate::search;

#[derive(Debug, Deserialize)]
pub struct TopicQuery {
    pub q: Option<String>,
}

const LISTED: i64 = 20;
const SPEAKERS: usize = 10;

pub async fn page(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<TopicQuery>,
) -> Result<Markup, WebError> {
    let topic = crate::http::params::text("q", query.q.as_deref())?
        .ok_or_else(|| ApiError::parameter("q: name a topic, e.g. /topics?q=membership"))?;
    let refine = Refine {
        topic: Some(topic.clone()),
        ..Refine::default()
    };
    let resolved = search::resolve(&state.pool, &refine.wanted(), false).await?;
    let filter = &resolved.filter;
    let (facets, buckets, (latest, _)) = tokio::try_join!(
        stats::facets(&state.pool, filter, SPEAKERS),
        stats::timeline(&state.pool, filter, stats::Interval::Month),
        statements::page(&state.pool, filter, Order::Date { after: None }, LISTED),
    )?;
    let quotes = quotes::views(&state.pool, &listing::quote_ids(&latest)).await?;
    Ok(layout::page(
        &topic,
        html! {
            h1 { "Statements about “" (topic) "”" }
            @if latest.is_empty() {
                p { "No statement mentions it. " a href="/" { "Ask another question" } }
            } @else {
                h2 { "Who spoke about it" }
                p.note { "Among the newest " (facets.counted) " statements about it." }
                ol {
                    @for p in &facets.people {
                        li { a href=(refine.with(|r| r.people = vec![p.id])) { (p.name) } " (" (p.count) ")" }
                    }
                }
                h2 { "Over time" }
                (chart::timeline(&buckets, stats::Interval::Month, &format!("Statements about {topic} per month")))
                h2 { "Latest statements" }
                p.actions {
                    a href=(refine.href()) { "All of them, with filters" }
                    a href=(format!("/download.csv?{}", refine.query())) download { "Download CSV" }
                }
                (listing::list(&latest, &quotes))
            }
        },
    ))
}
