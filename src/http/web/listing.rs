//! A list of statements as every page shows them: the words (matched words marked), who
//! said them, when and how that is known, where it was published, how often it was
//! reported, a link to check it in context, and a citation to copy.

use std::collections::HashMap;

use maud::{html, Markup, PreEscaped};

use super::layout::long_date;
use crate::db::quotes::QuoteView;
use crate::db::statements::{SpeakerView, StatementView};

/// The speaker, linked to their page when they have one.
pub fn speaker(s: Option<&SpeakerView>) -> Markup {
    let Some(sp) = s else {
        return html! { span.unattributed { "No named source" } };
    };
    let href = match (sp.kind.as_str(), sp.id) {
        ("person", Some(id)) => Some(format!("/people/{id}")),
        ("organization", Some(id)) => Some(format!("/organizations/{id}")),
        _ => None,
    };
    html! {
        @if let Some(href) = href { a.speaker href=(href) { (sp.name) } } @else { span.speaker { (sp.name) } }
        @if let Some(role) = &sp.role { ", " (role) }
        @if let Some(org) = sp.organization.as_ref().filter(|_| sp.kind == "person") {
            ", " a href=(format!("/organizations/{}", org.id)) { (org.name) }
        }
    }
}

/// "Said 12 February 2025 (stated in the article)".
pub fn said_on(s: &StatementView) -> Markup {
    let basis = match s.date_basis.as_str() {
        "explicit" => "a date the article gives",
        "relative" => "from the article's wording, e.g. “on Tuesday”",
        _ => "the article's publication date",
    };
    html! { "Said " time datetime=(s.said_on.to_string()) { (long_date(s.said_on)) } " (" (basis) ")" }
}

/// Speaker, words, outlet, date and address, for pasting into a story.
pub fn citation(s: &StatementView) -> String {
    let who = s
        .speaker
        .as_ref()
        .map_or("Unnamed source", |sp| sp.name.as_str());
    let outlet = s.article.source.as_deref().unwrap_or("(outlet unknown)");
    let mut out = format!("{who}: “{}” — {outlet}, {}", s.quote, long_date(s.said_on));
    if let Some(url) = &s.article.url {
        out.push_str(", ");
        out.push_str(url);
    }
    out
}

fn reports(q: &QuoteView) -> Markup {
    let mut outlets: Vec<&str> = q
        .all_reports
        .iter()
        .filter_map(|r| r.source.as_deref())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let first = &q.first_reported;
    html! {
        p.meta.reports {
            "Reported " (q.reports) " times"
            @if outlets.len() > 1 { " by " (outlets.len()) " outlets" }
            ", first on " (long_date(first.published_at.date_naive()))
            @if let Some(src) = &first.source { " by " (src) }
        }
    }
}

/// Whether the words carry their own quotation marks (direct quotes keep the article's).
pub fn starts_quoted(words: &str) -> bool {
    words.starts_with(['“', '"', '‘', '\'', '«', '„'])
}

/// One statement in a list.
pub fn item(s: &StatementView, quote: Option<&QuoteView>) -> Markup {
    html! {
        li.statement {
            blockquote {
                @let marks = !starts_quoted(&s.quote);
                @if marks { "“" }
                // Already escaped, with only <mark> added (db::statements::highlight_html).
                @if let Some(h) = &s.highlight { (PreEscaped(h)) } @else { (s.quote) }
                @if marks { "”" }
            }
            p.meta {
                (speaker(s.speaker.as_ref())) " · " (s.kind)
                // Only what was not said aloud is labelled: "belief", "stance", ...
                @if s.act != "speech" { " · " span.act { (s.act) } }
            }
            p.meta { (said_on(s)) }
            p.meta {
                @if let Some(src) = &s.article.source { (src) ": " }
                @let title = s.article.title.as_deref().unwrap_or("the article");
                @if let Some(url) = &s.article.url { a href=(url) rel="noopener" { (title) } } @else { (title) }
            }
            @if let Some(q) = quote.filter(|q| q.reports > 1) { (reports(q)) }
            div.actions {
                a href=(format!("/statements/{}#said", s.id)) { "Check it in the article" }
                details.cite {
                    summary { "Cite" }
                    p { (citation(s)) }
                }
            }
        }
    }
}

/// A list of statements, with their quotes' reports where known.
pub fn list(statements: &[StatementView], quotes: &[QuoteView]) -> Markup {
    let by_id: HashMap<i64, &QuoteView> = quotes.iter().map(|q| (q.id, q)).collect();
    html! {
        ol.results {
            @for s in statements {
                (item(s, s.quote_id.and_then(|id| by_id.get(&id).copied())))
            }
        }
    }
}

/// The quotes worth loading for a list: those reported more than once.
pub fn quote_ids(statements: &[StatementView]) -> Vec<i64> {
    let mut ids: Vec<i64> = statements
        .iter()
        .filter(|s| s.reports.unwrap_or(0) > 1)
        .filter_map(|s| s.quote_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
