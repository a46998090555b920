//! `/add`: an article pasted as text or as a web page's HTML, stored the same way as
//! `POST /v1/articles`; the statements found are shown next.

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{self, WebError};
use crate::http::articles::submit as store;
use crate::http::auth;
use crate::http::error::ApiError;
use crate::http::AppState;
use crate::ingest::Submission;

/// The form's fields (blank means not given).
#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub html: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub published_at: String,
    /// An API key, when this server asks one for writes.
    #[serde(default)]
    pub api_key: String,
}

fn given(value: &str) -> Option<String> {
    (!value.trim().is_empty()).then(|| value.to_string())
}

impl AddForm {
    fn submission(&self) -> Submission {
        Submission {
            text: given(&self.text),
            html: given(&self.html),
            title: given(&self.title),
            url: given(&self.url),
            source: given(&self.source),
            published_at: given(&self.published_at),
            ..Submission::default()
        }
    }
}

fn field(id: &str, label: &str, value: &str, kind: &str, help: Option<&str>) -> Markup {
    let help_id = format!("{id}-help");
    html! {
        label for=(id) { (label) }
        @if kind == "textarea" {
            textarea #(id) name=(id) aria-describedby=[help.map(|_| help_id.clone())] { (value) }
        } @else {
            input #(id) type=(kind) name=(id) value=(value) aria-describedby=[help.map(|_| help_id.clone())];
        }
        @if let Some(help) = help { p.note #(help_id) { (help) } }
    }
}

fn form_page(values: &AddForm, keyed: bool, error: Option<&str>) -> Markup {
    layout::page(
        "Add an article",
        html! {
            h1 { "Add an article" }
            p { "Paste the article's text, or its web page's HTML. Statements are found at once; adding the same article again changes nothing." }
            @if let Some(e) = error { p.suggest role="alert" { (e) } }
            form.add action="/add" method="post" {
                (field("text", "Article text", &values.text, "textarea", Some("Paragraphs separated by blank lines.")))
                (field("html", "Or the page's HTML", &values.html, "textarea", None))
                (field("title", "Title", &values.title, "text", None))
                (field("url", "Address (URL)", &values.url, "url", Some("The article's identity: the same address is stored once.")))
                (field("source", "Outlet", &values.source, "text", None))
                (field("published_at", "Published on", &values.published_at, "date", Some("Dates like “on Tuesday” are counted from it.")))
                @if keyed {
                    (field("api_key", "API key", "", "password", Some("This server stores articles only from holders of a key.")))
                }
                p { button type="submit" { "Add and find statements" } }
            }
        },
    )
}

pub async fn form(State(state): State<AppState>) -> Markup {
    form_page(&AddForm::default(), state.keys.writes, None)
}

pub async fn submit(
    State(state): State<AppState>,
    form: Result<Form<AddForm>, FormRejection>,
) -> Response {
    let values = match form {
        Ok(Form(values)) => values,
        Err(rejection) => {
            let status = rejection.status();
            return WebError(ApiError::new(status, "invalid_form", rejection.body_text()))
                .into_response();
        }
    };
    let token = given(&values.api_key);
    let key = auth::key_for(
        &state.pool,
        token.as_deref().map(str::trim),
        state.keys.writes,
    )
    .await;
    let stored = match key {
        Ok(key) => store(&state, values.submission(), key).await,
        Err(err) => Err(err),
    };
    match stored {
        Ok(stored) => Redirect::to(&format!("/?article={}", stored.id)).into_response(),
        Err(err) if err.status.is_client_error() => (
            if err.status == StatusCode::UNAUTHORIZED || err.status == StatusCode::FORBIDDEN {
                err.status
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
            form_page(&values, state.keys.writes, Some(&err.message)),
        )
            .into_response(),
        Err(err) => WebError(err).into_response(),
    }
}
