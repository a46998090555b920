//! What every page shares: the document shell, navigation, dates as people read them,
//! and errors as pages (the JSON API keeps its JSON errors).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::{html, Markup, DOCTYPE};

use super::assets;
use crate::http::error::ApiError;

/// A complete page: `title` in the tab and as the heading's context, `body` in `<main>`.
pub fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · whosaid" }
                link rel="stylesheet" href=(assets::href("app.css"));
                script src=(assets::href("app.js")) defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    a.brand href="/" { "whosaid" }
                    nav aria-label="Site" {
                        a href="/" { "Ask" }
                        a href="/add" { "Add an article" }
                        a href="/openapi.json" { "API" }
                    }
                }
                main #main { (body) }
                footer.site {
                    p { "whosaid finds who said what, on which date, in news articles. "
                        "Every statement links to the article it came from." }
                }
            }
        }
    }
}

/// "12 February 2025".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// What a page says when the database holds no statements yet.
pub fn nothing_yet() -> Markup {
    html! {
        section.empty aria-labelledby="empty-title" {
            h2 #empty-title { "No statements yet" }
            p { "Add an article with the " a href="/add" { "form" } ", POST one to the API, or ingest a folder:" }
            pre { code { "curl -X POST localhost:8080/v1/articles -H 'Content-Type: application/json' \\\n  -d '{\"text\": \"...\", \"published_at\": \"2025-02-13\"}'\n\nwhosaid ingest articles/" } }
        }
    }
}

/// A failed page request, shown as a page with the API's status and message.
#[derive(Debug)]
pub struct WebError(pub ApiError);

impl From<ApiError> for WebError {
    fn from(err: ApiError) -> Self {
        WebError(err)
    }
}

impl From<sqlx::Error> for WebError {
    fn from(err: sqlx::Error) -> Self {
        WebError(err.into())
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.0.status;
        let heading = match status {
            StatusCode::NOT_FOUND => "Not found",
            s if s.is_client_error() => "That request did not work",
            _ => "Something went wrong",
        };
        let body = page(
            heading,
            html! {
                h1 { (heading) }
                p.error-message { (self.0.message) }
                p { a href="/" { "Back to the question box" } }
            },
        );
        (status, body).into_response()
    }
}
