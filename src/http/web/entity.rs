//! `/people/{id}` and `/organizations/{id}`: who they are (names, roles, organisations
//! or spokespeople), how often they were quoted over time, what they spoke about most,
//! and their latest statements.

use axum::extract::State;
use maud::{html, Markup};

use super::chart;
use super::layout::{self, long_date, WebError};
use super::listing;
use super::refine::Refine;
use super::words;
use crate::db::statements::{self, Filter, Order, StatementView};
use crate::db::{organizations, people, quotes, stats, EntityRef};
use crate::http::error::ApiError;
use crate::http::extractors::IdPath;
use crate::http::AppState;

/// Statements the topic words are counted over; the newest of them are listed.
const RECENT: i64 = 200;
const LISTED: usize = 20;
const TOPIC_WORDS: usize = 15;

/// What both pages show below the facts.
struct Record {
    timeline: Markup,
    topics: Vec<(String, usize)>,
    latest: Vec<StatementView>,
    quotes: Vec<quotes::QuoteView>,
}

async fn record(
    state: &AppState,
    filter: &Filter,
    span: (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
    name: &str,
) -> Result<Record, WebError> {
    let interval = chart::interval_for(span.0, span.1);
    let buckets = stats::timeline(&state.pool, filter, interval).await?;
    let per = match interval {
        stats::Interval::Week => "week",
        _ => "month",
    };
    let (mut recent, _) =
        statements::page(&state.pool, filter, Order::Date { after: None }, RECENT).await?;
    let topics = words::top_words(recent.iter().map(|s| s.quote.as_str()), TOPIC_WORDS);
    recent.truncate(LISTED);
    let quotes = quotes::views(&state.pool, &listing::quote_ids(&recent)).await?;
    Ok(Record {
        timeline: chart::timeline(
            &buckets,
            interval,
            &format!("Statements by {name} per {per}"),
        ),
        topics,
        latest: recent,
        quotes,
    })
}

fn sections(r: &Record, refine: &Refine) -> Markup {
    html! {
        h2 { "Quoted over time" }
        (r.timeline)
        h2 { "Spoke most about" }
        @if r.topics.is_empty() { p.note { "Too few statements to tell." } }
        ul.words {
            @for (word, n) in &r.topics {
                li { a href=(refine.with(|f| f.topic = Some(word.clone()))) { (word) } " " span.count { "(" (n) ")" } }
            }
        }
        h2 { "Latest statements" }
        p.actions {
            a href=(refine.href()) { "All their statements, with filters" }
            a href=(format!("/download.csv?{}", refine.query())) download { "Download CSV" }
        }
        (listing::list(&r.latest, &r.quotes))
    }
}

fn entity_links(list: &[EntityRef], path: &str) -> Markup {
    html! {
        @for (i, e) in list.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(format!("/{path}/{}", e.id)) { (e.name) }
        }
    }
}

fn dates(first: Option<chrono::NaiveDate>, last: Option<chrono::NaiveDate>) -> Markup {
    html! {
        @if let (Some(f), Some(l)) = (first, last) { (long_date(f)) " to " (long_date(l)) }
    }
}

pub async fn person(State(state): State<AppState>, IdPath(id): IdPath) -> Result<Markup, WebError> {
    let p = people::get(&state.pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found("person", id))?;
    let filter = Filter {
        person_ids: Some(vec![id]),
        ..Filter::default()
    };
    let record = record(&state, &filter, (p.first_said_on, p.last_said_on), &p.name).await?;
    let refine = Refine {
        people: vec![id],
        ..Refine::default()
    };
    let aliases: Vec<&String> = p.aliases.iter().filter(|a| **a != p.name).collect();
    Ok(layout::page(
        &p.name,
        html! {
            h1 { (p.name) }
            dl.facts {
                @if !aliases.is_empty() { dt { "Also written as" } dd { (aliases.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")) } }
                @if !p.roles.is_empty() { dt { "Roles" } dd { (p.roles.join(", ")) } }
                @if !p.organizations.is_empty() { dt { "Organisations" } dd { (entity_links(&p.organizations, "organizations")) } }
                dt { "Statements" } dd { (p.statement_count) }
                dt { "Quoted" } dd { (dates(p.first_said_on, p.last_said_on)) }
            }
            (sections(&record, &refine))
        },
    ))
}

pub async fn organization(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Markup, WebError> {
    let o = organizations::get(&state.pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found("organization", id))?;
    let filter = Filter {
        organization_ids: Some(vec![id]),
        ..Filter::default()
    };
    let record = record(&state, &filter, (o.first_said_on, o.last_said_on), &o.name).await?;
    let refine = Refine {
        orgs: vec![id],
        ..Refine::default()
    };
    let aliases: Vec<&String> = o.aliases.iter().filter(|a| **a != o.name).collect();
    Ok(layout::page(
        &o.name,
        html! {
            h1 { (o.name) }
            dl.facts {
                @if !aliases.is_empty() { dt { "Also written as" } dd { (aliases.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")) } }
                @if !o.people.is_empty() { dt { "Speaking for it" } dd { (entity_links(&o.people, "people")) } }
                dt { "Statements" } dd { (o.statement_count) }
                dt { "Quoted" } dd { (dates(o.first_said_on, o.last_said_on)) }
            }
            (sections(&record, &refine))
        },
    ))
}
