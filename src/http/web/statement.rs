//! `/statements/{id}`: the article with this statement's words, cue and speaker mention
//! marked where they stand, so the attribution can be checked before it is used; and
//! the other reports of the same quote.

use axum::extract::State;
use maud::{html, Markup};

use super::layout::{self, long_date, WebError};
use super::listing;
use super::marking::{self, Part};
use crate::db::statements::StatementView;
use crate::db::{articles, quotes, statements};
use crate::http::error::ApiError;
use crate::http::extractors::IdPath;
use crate::http::AppState;

fn spans(s: &StatementView) -> Vec<(usize, usize, Part)> {
    let at = |start: i32, end: i32, part| (start.max(0) as usize, end.max(0) as usize, part);
    let mut spans: Vec<_> = s
        .content_spans
        .iter()
        .map(|c| at(c.start, c.end, Part::Content))
        .collect();
    spans.extend(s.cue.iter().map(|c| at(c.start, c.end, Part::Cue)));
    let mention = s.speaker.as_ref().and_then(|sp| sp.mention.as_ref());
    spans.extend(mention.map(|m| at(m.start, m.end, Part::Speaker)));
    spans
}

pub async fn page(State(state): State<AppState>, IdPath(id): IdPath) -> Result<Markup, WebError> {
    let s = statements::get(&state.pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found("statement", id))?;
    let article = articles::get(&state.pool, s.article.id)
        .await?
        .ok_or_else(|| ApiError::not_found("article", s.article.id))?;
    let quote = match s.quote_id.filter(|_| s.reports.unwrap_or(0) > 1) {
        Some(q) => quotes::views(&state.pool, &[q]).await?.pop(),
        None => None,
    };
    let who = s
        .speaker
        .as_ref()
        .map_or("Unattributed", |sp| sp.name.as_str());
    let title = format!("{who}: “{}”", crate::echo::truncate(&s.quote, 60));
    Ok(layout::page(
        &title,
        html! {
            h1 { (who) " said" }
            @if listing::starts_quoted(&s.quote) { blockquote.lead { (s.quote) } }
            @else { blockquote.lead { "“" (s.quote) "”" } }
            dl.facts {
                dt { "Speaker" } dd { (listing::speaker(s.speaker.as_ref())) }
                @if let Some(m) = s.speaker.as_ref().and_then(|sp| sp.mention.as_ref()) {
                    dt { "Named in the text as" } dd { "“" (m.text) "”" }
                }
                @if let Some(cue) = &s.cue { dt { "Cue" } dd { "“" (cue.text) "”" } }
                dt { "Kind" } dd { (s.kind) }
                dt { "Date" } dd { (listing::said_on(&s)) }
                dt { "Article" } dd {
                    @if let Some(src) = &article.source { (src) ": " }
                    @let t = article.title.as_deref().unwrap_or("untitled");
                    @if let Some(url) = &article.url { a href=(url) rel="noopener" { (t) } } @else { (t) }
                    ", published " (long_date(article.published_at.date_naive()))
                }
                dt { "Citation" } dd { details.cite open { summary { "Cite" } p { (listing::citation(&s)) } } }
            }
            h2 { "In the article" }
            ul.legend aria-label="What the marks mean" {
                li { mark.content { "the statement" } }
                li { mark.cue { "the cue" } }
                li { mark.speaker { "the speaker as named here" } }
            }
            div.article-text { (marking::render(&marking::runs(&article.text, &spans(&s)))) }
            @if let Some(q) = quote {
                h2 { "Other reports of this quote (" (q.reports) " in all)" }
                ul {
                    @for r in q.all_reports.iter().filter(|r| r.statement_id != s.id) {
                        li {
                            a href=(format!("/statements/{}#said", r.statement_id)) {
                                (r.title.as_deref().unwrap_or("untitled"))
                            }
                            @if let Some(src) = &r.source { " — " (src) }
                            ", " (long_date(r.published_at.date_naive()))
                        }
                    }
                }
            }
            p { a href=(format!("/?article={}", article.id)) { "All statements in this article" } }
        },
    ))
}
