//! `whosaid ingest`: files, folders, stdin and URLs into the database (or a running
//! server), with a progress bar on a terminal, log lines otherwise, and a summary.
//! Re-running after an interruption stores nothing twice: articles are identified by
//! URL, or by text.

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use futures_util::{Stream, StreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use tokio::io::BufReader;
use tokio_util::io::StreamReader;

use crate::fetch::Fetcher;
use crate::ingest::lines::{Line, LineReader};
use crate::ingest::pipeline::{self, Item, Outcome};
use crate::ingest::sources::{self, Origin};
use crate::startup::Database;

/// Largest file or line read (a page or article; bigger is not news).
const MAX_INPUT: usize = 10 * 1024 * 1024;

/// Statements stored in one run from which the run ends with ANALYZE.
const ANALYZE_AFTER: u64 = 50_000;

/// What `whosaid ingest` was asked to do.
pub struct Job {
    pub inputs: Vec<String>,
    pub server: Option<String>,
    pub options: pipeline::Options,
    pub fetcher: Arc<Fetcher>,
}

/// What became of one article, however it was stored.
enum Done {
    Created(usize),
    Existing,
    Failed(String),
}

/// Runs the job against the database or the server; fails when any article failed.
pub async fn run(job: Job, database: Option<Database>) -> anyhow::Result<()> {
    let (inputs, total_bytes) = sources::list(&job.inputs);
    let items = sources::articles(inputs, Some(job.fetcher.clone()), MAX_INPUT);
    let mut report = Report::new(total_bytes);
    match (&job.server, database) {
        (Some(server), _) => {
            let done = to_server(server, items, job.fetcher, job.options.jobs).await?;
            let mut done = std::pin::pin!(done);
            while let Some((origin, outcome)) = done.next().await {
                report.add(&origin, outcome);
            }
        }
        (None, Some(database)) => {
            let outcomes =
                pipeline::run(database.pool.clone(), items, Some(job.fetcher), job.options);
            let mut outcomes = std::pin::pin!(outcomes);
            while let Some((origin, outcome)) = outcomes.next().await {
                report.add(&origin, from_outcome(outcome));
            }
            // A bulk load moves the planner's statistics; a small one autovacuum soon covers.
            if report.statements >= ANALYZE_AFTER {
                crate::db::analyze(&database.pool)
                    .await
                    .context("ANALYZE after the load failed")?;
            }
            database.close().await?;
        }
        (None, None) => unreachable!("a database or a server is always given"),
    }
    report.finish()
}

fn from_outcome(outcome: Outcome) -> Done {
    match outcome {
        Outcome::Stored(s) if s.created => Done::Created(s.statements),
        Outcome::Stored(_) => Done::Existing,
        Outcome::Failed(err) => Done::Failed(err.to_string()),
    }
}

/// Streams the articles to `server`'s bulk route and pairs its answers with their origins.
/// Pages that need fetching are fetched here, so the server need not fetch.
async fn to_server(
    server: &str,
    items: impl Stream<Item = Item<Origin>> + Send + 'static,
    fetcher: Arc<Fetcher>,
    jobs: usize,
) -> anyhow::Result<impl Stream<Item = (Origin, Done)>> {
    let sent: Arc<Mutex<VecDeque<Origin>>> = Arc::default();
    let (local_tx, local_rx) = tokio::sync::mpsc::unbounded_channel::<(Origin, Done)>();
    let queue = sent.clone();
    let lines = items
        .map(move |item| {
            let fetcher = fetcher.clone();
            async move {
                let input = match item.input {
                    Ok(s) if s.fetch => fetcher.fill_submission(s).await,
                    other => other,
                };
                (item.label, input)
            }
        })
        .buffered(jobs.max(1))
        .filter_map(move |(origin, input)| {
            let ready = match input {
                Ok(submission) => {
                    queue
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push_back(origin);
                    let mut line = serde_json::to_vec(&submission).unwrap_or_default();
                    line.push(b'\n');
                    Some(Ok::<_, std::io::Error>(line))
                }
                Err(err) => {
                    let _ = local_tx.send((origin, Done::Failed(err.to_string())));
                    None
                }
            };
            std::future::ready(ready)
        });
    let url = format!("{}/v1/articles/bulk", server.trim_end_matches('/'));
    let response = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/x-ndjson")
        .body(reqwest::Body::wrap_stream(lines))
        .send()
        .await
        .with_context(|| format!("cannot send to {url}"))?;
    if !response.status().is_success() {
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        anyhow::bail!("{url} answered {status}: {body}");
    }
    let body = response
        .bytes_stream()
        .map(|r| r.map_err(std::io::Error::other));
    let answers = LineReader::new(BufReader::new(StreamReader::new(body)), MAX_INPUT);
    let answered = futures_util::stream::unfold(answers, move |mut answers| {
        let sent = sent.clone();
        async move {
            let line = answers_next(&mut answers).await?;
            let origin = sent.lock().unwrap_or_else(|p| p.into_inner()).pop_front()?;
            Some(((origin, line), answers))
        }
    });
    let local = tokio_stream::wrappers::UnboundedReceiverStream::new(local_rx);
    Ok(futures_util::stream::select(answered, local))
}

async fn answers_next<R: tokio::io::AsyncBufRead + Unpin>(
    answers: &mut LineReader<R>,
) -> Option<Done> {
    loop {
        match answers.next_line().await {
            Ok(Some(Line::Text(text))) if text.trim().is_empty() => continue,
            Ok(Some(Line::Text(text))) => {
                let result: serde_json::Value = serde_json::from_str(&text).ok()?;
                return Some(match result["status"].as_str() {
                    Some("created") => {
                        Done::Created(result["statements"].as_u64().unwrap_or(0) as usize)
                    }
                    Some("existing") => Done::Existing,
                    _ => Done::Failed(
                        result["error"]["message"]
                            .as_str()
                            .unwrap_or("failed")
                            .to_string(),
                    ),
                });
            }
            _ => return None,
        }
    }
}

/// Counts, the progress bar (on a terminal) or a log line every few seconds, and the summary.
struct Report {
    started: Instant,
    last_log: Instant,
    bar: Option<ProgressBar>,
    created: u64,
    existing: u64,
    failed: u64,
    statements: u64,
}

impl Report {
    fn new(total_bytes: u64) -> Report {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total_bytes.max(1));
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} eta {eta} {msg}",
                )
                .expect("a valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let now = Instant::now();
        Report {
            started: now,
            last_log: now,
            bar,
            created: 0,
            existing: 0,
            failed: 0,
            statements: 0,
        }
    }

    fn articles(&self) -> u64 {
        self.created + self.existing + self.failed
    }

    fn rate(&self) -> f64 {
        self.articles() as f64 / self.started.elapsed().as_secs_f64().max(1e-3)
    }

    fn add(&mut self, origin: &Origin, done: Done) {
        match done {
            Done::Created(statements) => {
                self.created += 1;
                self.statements += statements as u64;
            }
            Done::Existing => self.existing += 1,
            Done::Failed(message) => {
                self.failed += 1;
                let line = format!("{}: {message}", origin.label);
                match &self.bar {
                    Some(bar) => bar.println(line),
                    None => eprintln!("{line}"),
                }
            }
        }
        let status = format!(
            "{} articles ({} new), {} statements, {:.0}/s",
            self.articles(),
            self.created,
            self.statements,
            self.rate()
        );
        match &self.bar {
            Some(bar) => {
                bar.inc(origin.bytes);
                bar.set_message(status);
            }
            None if self.last_log.elapsed() >= Duration::from_secs(5) => {
                self.last_log = Instant::now();
                tracing::info!("{status}");
            }
            None => {}
        }
    }

    fn finish(self) -> anyhow::Result<()> {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        eprintln!(
            "{} articles: {} new, {} already stored, {} failed; {} statements; {:.1} s ({:.0} articles/s)",
            self.articles(),
            self.created,
            self.existing,
            self.failed,
            self.statements,
            self.started.elapsed().as_secs_f64(),
            self.rate()
        );
        if self.failed > 0 {
            anyhow::bail!(
                "{} article(s) could not be ingested; see the lines above",
                self.failed
            );
        }
        Ok(())
    }
}
