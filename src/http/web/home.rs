//! `/`: the question box, what it was understood as (chips to remove), the filters
//! beside the results (with counts), the results, and their CSV download.

use axum::extract::State;
use axum::response::Response;
use chrono::Utc;
use maud::{html, Markup};

use super::layout::{self, long_date, WebError};
use super::listing;
use super::refine::{PageQuery, Refine};
use crate::db::stats::{self, Facets, FACET_WINDOW};
use crate::db::{organizations, people, quotes, EntityRef};
use crate::http::error::ApiError;
use crate::http::export::{self, Format};
use crate::http::extractors::ApiQuery;
use crate::http::statements::{one_page, order, StatementPage};
use crate::http::AppState;
use crate::search::{self, Resolved, Suggestion};

/// Results per page.
const PAGE: i64 = 20;
/// Values shown per facet.
const FACET_VALUES: usize = 8;

/// A request made ready: the filters, and the question they came from, if any.
struct Asked {
    question: Option<String>,
    refine: Refine,
    resolved: Resolved,
    unknown: Vec<String>,
}

async fn asked(state: &AppState, query: &PageQuery) -> Result<Asked, ApiError> {
    let question = crate::http::params::text("q", query.q.as_deref())?;
    if let Some(q) = &question {
        crate::http::ask::check_length(q)?;
        let understood = search::understand(&state.pool, q, Utc::now().date_naive()).await?;
        return Ok(Asked {
            question,
            refine: Refine::understood(&understood),
            unknown: understood.interpreted.unknown.clone(),
            resolved: understood.resolved,
        });
    }
    let refine = Refine::from_query(query)?;
    let mut resolved = search::resolve(&state.pool, &refine.wanted(), false).await?;
    resolved.filter.speakers_any =
        refine.any && !refine.people.is_empty() && !refine.orgs.is_empty();
    Ok(Asked {
        question,
        refine,
        resolved,
        unknown: Vec::new(),
    })
}

pub async fn page(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Markup, WebError> {
    let asked = asked(&state, &query).await?;
    let order = order(
        None,
        asked.resolved.filter.topic.is_some(),
        query.cursor.as_deref(),
    )?;
    // The answer, the facets and the chips' names are independent: ask for them at once.
    let filter = &asked.resolved.filter;
    let (page, facets, people, orgs) = tokio::try_join!(
        async { Ok::<_, WebError>(one_page(&state, &asked.resolved, order, PAGE, false).await?) },
        async { Ok(stats::facets(&state.pool, filter, FACET_VALUES).await?) },
        async { Ok(people::names(&state.pool, &asked.refine.people).await?) },
        async { Ok(organizations::names(&state.pool, &asked.refine.orgs).await?) },
    )?;
    let quotes = quotes::views(&state.pool, &listing::quote_ids(&page.statements)).await?;
    let names = Names { people, orgs };
    let title = asked
        .question
        .clone()
        .unwrap_or_else(|| "Who said what".to_string());
    Ok(layout::page(
        &title,
        html! {
            h1 { "Who said what" }
            (ask_box(asked.question.as_deref()))
            (chips(&asked.refine, &names))
            (suggestions(&asked.refine, &asked.unknown, &page.suggestions))
            @if page.statements.is_empty() && asked.question.is_none() && asked.refine.is_empty() {
                (layout::nothing_yet())
            } @else {
                div.layout {
                    aside aria-label="Filters" { (filters(&asked.refine, &facets)) }
                    section aria-labelledby="results-title" {
                        (results(&asked, &page, &quotes))
                    }
                }
            }
        },
    ))
}

/// The current results as CSV: every match, streamed, in the API's export format.
pub async fn download(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Response, WebError> {
    let asked = asked(&state, &query).await?;
    Ok(export::statements(
        &state,
        asked.resolved.filter,
        Format::Csv,
    ))
}

fn ask_box(question: Option<&str>) -> Markup {
    html! {
        form.ask role="search" action="/" method="get" {
            label for="question" { "Ask about statements in the news" }
            input #question type="search" name="q" value=[question] autocomplete="off"
                placeholder="what did Rutte say about membership" aria-describedby="question-help";
            button type="submit" { "Ask" }
            p #question-help .note { "Names, a topic, dates: “Hegseth quotes last week”, “who said 'unrealistic'”, “statements about Ukraine since February”." }
            ul #live-people .live aria-live="polite" aria-label="People matching the last word" {}
        }
    }
}

/// The names of the ids in the filters.
struct Names {
    people: Vec<EntityRef>,
    orgs: Vec<EntityRef>,
}

fn name_of(list: &[EntityRef], id: i64) -> String {
    list.iter()
        .find(|e| e.id == id)
        .map_or_else(|| format!("#{id}"), |e| e.name.clone())
}

fn chip(what: &str, label: &str, remove: String) -> Markup {
    chip_linked(what, label, None, remove)
}

/// A chip whose label leads to a page about it (a topic's page).
fn chip_linked(what: &str, label: &str, page: Option<String>, remove: String) -> Markup {
    html! {
        li {
            span.what { (what) ": " }
            @if let Some(page) = page { a href=(page) { (label) } } @else { (label) }
            a.remove href=(remove) aria-label=(format!("Remove {what} {label}")) { "×" }
        }
    }
}

fn chips(r: &Refine, names: &Names) -> Markup {
    if r.is_empty() {
        return html! {};
    }
    html! {
        h2.visually-hidden #understood { "Understood as" }
        ul.chips aria-labelledby="understood" {
            @for id in &r.people {
                (chip("person", &name_of(&names.people, *id), r.with(|r| r.people.retain(|p| p != id))))
            }
            @for id in &r.orgs {
                (chip("organisation", &name_of(&names.orgs, *id), r.with(|r| r.orgs.retain(|o| o != id))))
            }
            @if let Some(t) = &r.topic {
                @let page = format!("/topics?{}", url::form_urlencoded::Serializer::new(String::new()).append_pair("q", t).finish());
                (chip_linked("topic", t, Some(page), r.with(|r| r.topic = None)))
            }
            @if let Some(d) = r.from { (chip("from", &long_date(d), r.with(|r| r.from = None))) }
            @if let Some(d) = r.to { (chip("to", &long_date(d), r.with(|r| r.to = None))) }
            @if !r.kinds.is_empty() { (chip("kind", &r.kinds.join(", "), r.with(|r| r.kinds.clear()))) }
            @if let Some(s) = &r.source { (chip("outlet", s, r.with(|r| r.source = None))) }
            @if let Some(a) = r.article { (chip("article", &format!("#{a}"), r.with(|r| r.article = None))) }
        }
    }
}

fn suggestions(r: &Refine, unknown: &[String], suggestions: &[Suggestion]) -> Markup {
    if unknown.is_empty() && suggestions.is_empty() {
        return html! {};
    }
    html! {
        div.suggest role="status" {
            @for name in unknown { p { "No one called “" (name) "” is known." } }
            @if !suggestions.is_empty() {
                p {
                    "Did you mean "
                    @for (i, s) in suggestions.iter().enumerate() {
                        @if i > 0 { " or " }
                        @let href = r.with(|r| {
                            if s.kind == "person" { r.people = vec![s.id]; } else { r.orgs = vec![s.id]; }
                            r.any = false;
                        });
                        a href=(href) { (s.name) } " (" (s.statement_count) ")"
                    }
                    "?"
                }
            }
        }
    }
}

fn facet_list<'a>(title: &str, items: impl Iterator<Item = (String, i64, String)> + 'a) -> Markup {
    let items: Vec<_> = items.collect();
    if items.is_empty() {
        return html! {};
    }
    html! {
        h2 { (title) }
        ul {
            @for (label, count, href) in &items {
                li { a href=(href) { (label) } span.count { (count) } }
            }
        }
    }
}

fn filters(r: &Refine, f: &Facets) -> Markup {
    let people = f.people.iter().map(|p| {
        (
            p.name.clone(),
            p.count,
            r.with(|r| {
                r.people = vec![p.id];
                r.any = false;
            }),
        )
    });
    let orgs = f.organizations.iter().map(|o| {
        (
            o.name.clone(),
            o.count,
            r.with(|r| {
                r.orgs = vec![o.id];
                r.any = false;
            }),
        )
    });
    let kinds = f.kinds.iter().map(|k| {
        (
            k.label.clone(),
            k.count,
            r.with(|r| r.kinds = vec![k.label.clone()]),
        )
    });
    let sources = f.sources.iter().map(|s| {
        (
            s.label.clone(),
            s.count,
            r.with(|r| r.source = Some(s.label.clone())),
        )
    });
    html! {
        @if f.counted > 0 {
            p.note {
                @if f.counted >= FACET_WINDOW { "Counts over the newest " (FACET_WINDOW) " matches." }
                @else { "Counts over all " (f.counted) " matches." }
            }
        }
        (facet_list("People", people))
        (facet_list("Organisations", orgs))
        (facet_list("Kind", kinds))
        (facet_list("Outlets", sources))
        h2 { "Dates" }
        form action="/" method="get" {
            @for (name, value) in hidden_fields(r) { input type="hidden" name=(name) value=(value); }
            label for="from" { "From" }
            input #from type="date" name="from" value=[r.from.map(|d| d.to_string())];
            label for="to" { "To" }
            input #to type="date" name="to" value=[r.to.map(|d| d.to_string())];
            p { button.quiet type="submit" { "Apply dates" } }
        }
    }
}

/// The filters other than dates, for the date form to keep.
fn hidden_fields(r: &Refine) -> Vec<(String, String)> {
    let without_dates = Refine {
        from: None,
        to: None,
        ..r.clone()
    };
    url::form_urlencoded::parse(without_dates.query().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn results(asked: &Asked, page: &StatementPage, quotes: &[quotes::QuoteView]) -> Markup {
    let base = match &asked.question {
        Some(q) => url::form_urlencoded::Serializer::new(String::new())
            .append_pair("q", q)
            .finish(),
        None => asked.refine.query(),
    };
    let sep = if base.is_empty() { "" } else { "&" };
    html! {
        div.results-head {
            h2 #results-title {
                @if page.statements.is_empty() { "No statements match" } @else { "Statements" }
            }
            @if !page.statements.is_empty() {
                a.button.quiet href=(format!("/download.csv?{base}")) download { "Download CSV" }
            }
        }
        @if page.statements.is_empty() {
            p { "Try fewer words, another spelling, or remove a filter above." }
        }
        (listing::list(&page.statements, quotes))
        @if let Some(cursor) = &page.next_cursor {
            p.pager { a.button.quiet href=(format!("/?{base}{sep}cursor={cursor}")) rel="next" { "More statements" } }
        }
    }
}
