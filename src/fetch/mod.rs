//! Pages and feeds from the web, for `whosaid ingest URL…` and, where the server allows
//! it, `POST /v1/articles` with `"fetch": true`. Every failure is one plain sentence
//! (DNS, TLS, refused address, HTTP status, not a page, too large, too slow).
//!
//! Politeness: a clear `User-Agent`, at most `per_host` requests at once to one host,
//! redirects capped, a deadline per request and a cap on the bytes read.

mod feed;
pub mod guard;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{redirect, Url};
use tokio::sync::Semaphore;

use crate::ingest::{Body, Draft, IngestError, Submission};
pub use feed::item_links;

/// Sent with every request, so site owners can tell who is reading.
pub const USER_AGENT: &str = concat!(
    "whosaid/",
    env!("CARGO_PKG_VERSION"),
    " (news statement indexer; fetches articles it is given)"
);

/// How the fetcher behaves.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    /// Fetch from loopback, private and link-local addresses too (tests, intranets).
    pub allow_private: bool,
    /// Deadline for one request, connection to last byte.
    pub timeout: Duration,
    /// Largest response body read.
    pub max_bytes: usize,
    pub max_redirects: usize,
    /// Requests at once to one host.
    pub per_host: usize,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            allow_private: false,
            timeout: Duration::from_secs(20),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            per_host: 2,
        }
    }
}

/// A failed fetch, as one sentence naming the URL and the cause.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FetchError(pub String);

/// What a URL turned out to be.
#[derive(Debug)]
pub enum Fetched {
    /// A web page: its address after redirects and its decoded HTML.
    Page { url: String, html: String },
    /// A feed: its address and the links of its items.
    Feed { url: String, links: Vec<String> },
}

pub struct Fetcher {
    client: reqwest::Client,
    settings: FetchSettings,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl Fetcher {
    pub fn new(settings: FetchSettings) -> Result<Fetcher, FetchError> {
        let allow_private = settings.allow_private;
        let max_redirects = settings.max_redirects;
        let policy = redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= max_redirects {
                let message = format!("more than {max_redirects} redirects");
                return attempt.error(message);
            }
            match guard::literal_ip(attempt.url()) {
                Some(ip) if !allow_private && guard::is_private(ip) => {
                    let message =
                        format!("a redirect to the private address {ip}, which is not fetched");
                    attempt.error(message)
                }
                _ => attempt.follow(),
            }
        });
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(policy)
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .dns_resolver(guard::GuardedResolver::shared(allow_private))
            .no_proxy()
            .build()
            .map_err(|e| FetchError(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Fetcher {
            client,
            settings,
            hosts: Mutex::new(HashMap::new()),
        })
    }

    /// Fetches `url` as a page or a feed.
    pub async fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        let (final_url, content_type, body) = self.get(url).await?;
        if feed::looks_like_feed(content_type.as_deref(), &body) {
            let links = feed::item_links(&body, &final_url).map_err(FetchError)?;
            return Ok(Fetched::Feed {
                url: final_url,
                links,
            });
        }
        let essence = content_type.as_deref().map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        let is_page = match essence.as_deref() {
            Some("text/html" | "application/xhtml+xml") => true,
            None => body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<'),
            Some(_) => false,
        };
        if !is_page {
            let kind = essence.unwrap_or_default();
            return Err(FetchError(format!(
                "{final_url} is not a web page (its type is {kind})"
            )));
        }
        let html = crate::page::decode(&body, content_type.as_deref());
        Ok(Fetched::Page {
            url: final_url,
            html,
        })
    }

    /// Completes a draft that asked for its URL to be fetched: its body becomes the page.
    pub async fn fill(&self, mut draft: Draft) -> Result<Draft, IngestError> {
        let Some(url) = draft.url.clone() else {
            return Ok(draft);
        };
        match self.fetch(&url).await? {
            Fetched::Page { html, .. } => {
                draft.body = Body::Html(html);
                Ok(draft)
            }
            Fetched::Feed { url, .. } => Err(FetchError(format!(
                "{url} is a feed, not an article; give its items' links, or run `whosaid ingest {url}`"
            ))
            .into()),
        }
    }

    /// A submission that asked for its URL to be fetched, with the page filled in.
    pub async fn fill_submission(
        &self,
        mut submission: Submission,
    ) -> Result<Submission, IngestError> {
        let url = submission.url.clone().unwrap_or_default();
        match self.fetch(&url).await? {
            Fetched::Page { html, .. } => {
                submission.html = Some(html);
                submission.fetch = false;
                Ok(submission)
            }
            Fetched::Feed { url, .. } => {
                Err(FetchError(format!("{url} is a feed, not an article")).into())
            }
        }
    }

    /// GET with every check: scheme, literal address, per-host limit, status, size.
    /// Returns the address after redirects, the content type and the body.
    async fn get(&self, raw: &str) -> Result<(String, Option<String>, Vec<u8>), FetchError> {
        let url = Url::parse(raw).map_err(|e| FetchError(format!("{raw} is not a URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError(format!(
                "{raw} is not an http:// or https:// URL"
            )));
        }
        let host = url.host_str().unwrap_or("").to_string();
        if let Some(ip) = guard::literal_ip(&url) {
            if !self.settings.allow_private && guard::is_private(ip) {
                return Err(FetchError(format!(
                    "{raw} names the private address {ip}, which is not fetched"
                )));
            }
        }
        let _permit = self.host_permit(&host).await;
        let mut response = self
            .client
            .get(url.clone())
            .send()
            .await
            .map_err(|e| describe(raw, &host, &e, &self.settings))?;
        let status = response.status();
        if !status.is_success() {
            let reason = status.canonical_reason().unwrap_or("");
            return Err(FetchError(format!(
                "{} answered {} {reason}",
                response.url(),
                status.as_u16()
            )));
        }
        let final_url = response.url().to_string();
        let too_large = || {
            FetchError(format!(
                "{final_url} is larger than the {} MB that are read",
                self.settings.max_bytes / (1024 * 1024)
            ))
        };
        if response
            .content_length()
            .is_some_and(|n| n as usize > self.settings.max_bytes)
        {
            return Err(too_large());
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| describe(raw, &host, &e, &self.settings))?
        {
            if body.len() + chunk.len() > self.settings.max_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok((final_url, content_type, body))
    }

    /// Waits for a turn at `host`: at most `per_host` requests to one host at once.
    async fn host_permit(&self, host: &str) -> tokio::sync::OwnedSemaphorePermit {
        let semaphore = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            hosts
                .entry(host.to_string())
                .or_insert_with(|| Arc::new(Semaphore::new(self.settings.per_host.max(1))))
                .clone()
        };
        semaphore
            .acquire_owned()
            .await
            .expect("the semaphore is never closed")
    }
}

/// One sentence for a failed request, naming the cause a person can act on.
fn describe(url: &str, host: &str, err: &reqwest::Error, settings: &FetchSettings) -> FetchError {
    let mut chain = Vec::new();
    let mut source: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = source {
        if let Some(refused) = e.downcast_ref::<guard::Refused>() {
            return FetchError(format!("{url} was not fetched: {refused}"));
        }
        chain.push(e.to_string());
        source = e.source();
    }
    let all = chain.join(": ").to_ascii_lowercase();
    let cause = chain.last().cloned().unwrap_or_default();
    let sentence = if err.is_timeout() {
        format!(
            "{url} did not answer within {} s",
            settings.timeout.as_secs()
        )
    } else if err.is_redirect() {
        format!("{url} was not fetched: {cause}")
    } else if all.contains("dns error") || all.contains("failed to lookup address") {
        format!("{host} could not be found (DNS): {cause}")
    } else if all.contains("certificate") || all.contains("tls") || all.contains("handshake") {
        format!("the secure (TLS) connection to {host} failed: {cause}")
    } else if err.is_connect() {
        format!("could not connect to {host}: {cause}")
    } else {
        format!("fetching {url} failed: {cause}")
    };
    FetchError(sentence)
}
