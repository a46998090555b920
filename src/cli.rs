//! The command line: `serve`, `migrate`, `extract` and `reextract`.

use std::io::{BufRead, BufWriter, Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::{Parser, Subcommand};
use serde::{Deserialize, Serialize};

mod ingest;

use crate::config::{ConnectionLimits, Settings};
use crate::db::articles::NewArticle;
use crate::extract::Extraction;
use crate::extract::{self, ArticleInput};
use crate::fetch::{FetchSettings, Fetcher};
use crate::http::auth::KeyPolicy;
use crate::http::rate::RateSettings;
use crate::ingest::{parse_published_at, IngestError, Submission};
use crate::startup::{self, Database};

#[derive(Debug, Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Who said what, on which date: statements from news articles."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the database is; shared by every command that needs one.
#[derive(Debug, clap::Args)]
pub struct DatabaseArgs {
    /// PostgreSQL URL. Without it, whosaid runs its own PostgreSQL in --data-dir.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Data directory of the local PostgreSQL used when no DATABASE_URL is given.
    #[arg(long, env = "WHOSAID_DATA_DIR", default_value = ".whosaid/pgdata")]
    pub data_dir: PathBuf,
    /// Seconds to wait for the database to become reachable, retrying (a server started
    /// together with its database, as in docker-compose, comes up before it).
    #[arg(long, env = "WHOSAID_DATABASE_WAIT", default_value_t = 60)]
    pub database_wait: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP API (applies migrations first).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "WHOSAID_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Largest request body in bytes.
        #[arg(long, env = "WHOSAID_BODY_LIMIT", default_value_t = 2 * 1024 * 1024)]
        body_limit: usize,
        /// Seconds before a request is stopped with 503.
        #[arg(long, env = "WHOSAID_REQUEST_TIMEOUT", default_value_t = 30)]
        request_timeout: u64,
        /// Database connections the server keeps (default: twice the machine's CPUs, at
        /// least 4). A request waits up to five seconds for one (then 503); each query is
        /// stopped at the request timeout, so a slow query holds its connection no longer
        /// than its request lasts; exports run a quarter of the pool at a time.
        #[arg(long, env = "WHOSAID_MAX_CONNECTIONS")]
        max_connections: Option<u32>,
        /// Seconds a request waits for a free database connection before a 503.
        #[arg(long, env = "WHOSAID_ACQUIRE_TIMEOUT", default_value_t = 5)]
        acquire_timeout: u64,
        #[command(flatten)]
        limits: LimitArgs,
        /// Require an API key for writes even on a loopback address (they are required
        /// on any other address anyway).
        #[arg(long, env = "WHOSAID_REQUIRE_KEYS")]
        require_keys: bool,
        /// Require an API key for reads too (health checks and /openapi.json stay open).
        #[arg(long, env = "WHOSAID_KEYED_READS")]
        keyed_reads: bool,
        /// Origins whose web pages may write through the API (comma-separated,
        /// e.g. https://desk.example.org); reads are open to pages of any origin.
        #[arg(long, env = "WHOSAID_CORS_WRITE_ORIGINS", value_delimiter = ',')]
        cors_write_origins: Vec<String>,
        /// Let clients ask the server to fetch a URL (`"fetch": true`). Off by default:
        /// fetching URLs that users give is a known attack path.
        #[arg(long, env = "WHOSAID_FETCH")]
        fetch: bool,
        /// With --fetch, also fetch from loopback, private and link-local addresses
        /// (refused by default: they reach what only the server can reach).
        #[arg(long, env = "WHOSAID_FETCH_ALLOW_PRIVATE")]
        fetch_allow_private: bool,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Apply database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Extract statements without a database: article text on stdin, JSON on stdout.
    Extract {
        /// Read one JSON article per line ({"id", "text", "published_at"?, ...}) and
        /// print one JSON result per line.
        #[arg(long)]
        jsonl: bool,
        /// Publication date for relative dates in plain-text input. Without one (and for
        /// JSON lines without `published_at`) only dates written in full in the text are
        /// known: `said_on` is null and `date_basis` is `unknown` for the rest.
        #[arg(long, value_parser = parse_date)]
        published_at: Option<NaiveDate>,
    },
    /// Ingest articles: files (.txt, .html, .json, .jsonl/.ndjson, each maybe .gz), folders
    /// (recursively), `-` (JSON lines on stdin) and URLs (pages, or RSS/Atom feeds whose
    /// items are all fetched). Safe to run again: nothing is stored twice.
    Ingest {
        /// What to read.
        #[arg(required = true, value_name = "FILE|DIR|URL|-")]
        inputs: Vec<String>,
        /// Send the articles to a running whosaid (e.g. http://127.0.0.1:8080) instead
        /// of writing to the database.
        #[arg(long, env = "WHOSAID_SERVER")]
        server: Option<String>,
        /// Articles read and extracted at once, and pages fetched at once.
        #[arg(long, default_value_t = 2)]
        jobs: usize,
        /// Most articles stored in one transaction.
        #[arg(long, default_value_t = 64)]
        batch: usize,
        /// Also fetch from loopback, private and link-local addresses.
        #[arg(long)]
        allow_private: bool,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Re-run the current extractor over every stored article it has not processed.
    Reextract {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Manage the API keys that writes (and, with --keyed-reads, reads) need.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysAction {
    /// Make a key and print it once (only its hash is kept).
    Create {
        /// Who or what the key is for ("newsroom-importer").
        #[arg(long)]
        name: String,
    },
    /// List keys: id, prefix, name, when made and revoked, articles written.
    List,
    /// Revoke a key by id or prefix; requests with it get 403 from then on.
    Revoke {
        /// The key's id or prefix, as `keys list` shows them.
        key: String,
    },
}

/// What one client may hold of the server (see `config::ConnectionLimits`).
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// Seconds a client has to send a request's headers.
    #[arg(long, env = "WHOSAID_HEADER_TIMEOUT", default_value_t = 10)]
    header_timeout: u64,
    /// Seconds a connection may sit without a byte either way before it is closed.
    #[arg(long, env = "WHOSAID_IDLE_TIMEOUT", default_value_t = 60)]
    idle_timeout: u64,
    /// Connections open at once (more wait to be accepted); capped by `ulimit -n`.
    #[arg(long, env = "WHOSAID_MAX_OPEN_CONNECTIONS", default_value_t = 1024)]
    max_open_connections: usize,
    /// Requests handled at once; past it, 503 with Retry-After at once.
    #[arg(long, env = "WHOSAID_MAX_IN_FLIGHT", default_value_t = 256)]
    max_in_flight: usize,
    /// Seconds shutdown waits for open requests.
    #[arg(long, env = "WHOSAID_SHUTDOWN_GRACE", default_value_t = 10)]
    shutdown_grace: u64,
    /// Requests per second per API key, or per client address without one (0: off).
    #[arg(long, env = "WHOSAID_RATE_LIMIT", default_value_t = 50)]
    rate_limit: u32,
    /// Requests a quiet client may send at once before the rate applies.
    #[arg(long, env = "WHOSAID_RATE_BURST", default_value_t = 200)]
    rate_burst: u32,
    /// Rate-limit loopback clients too (off: they are this machine's own tools).
    #[arg(long, env = "WHOSAID_RATE_LIMIT_LOOPBACK")]
    rate_limit_loopback: bool,
}

impl LimitArgs {
    fn rate(&self) -> RateSettings {
        RateSettings {
            per_second: self.rate_limit,
            burst: self.rate_burst.max(1),
            loopback: self.rate_limit_loopback,
        }
    }

    fn limits(&self) -> ConnectionLimits {
        let secs = |s: u64| Duration::from_secs(s.max(1));
        ConnectionLimits {
            header_read: secs(self.header_timeout),
            idle: secs(self.idle_timeout),
            max_open: self.max_open_connections.max(1),
            max_in_flight: self.max_in_flight.max(1),
            shutdown_grace: Duration::from_secs(self.shutdown_grace),
        }
    }
}

/// `whosaid keys …`: the key goes to stdout (for scripts), everything else to stderr.
async fn keys_command(pool: &sqlx::PgPool, action: KeysAction) -> anyhow::Result<()> {
    match action {
        KeysAction::Create { name } => {
            let name = name.trim();
            anyhow::ensure!(
                (1..=200).contains(&name.chars().count()),
                "--name must be 1 to 200 characters"
            );
            let key = crate::keys::generate().context("no random bytes from the system")?;
            let id = crate::db::keys::create(pool, name, &key.prefix, &key.hash).await?;
            eprintln!(
                "key {id} ({}) for {name:?}; it is shown only now, keep it safe:",
                key.prefix
            );
            println!("{}", key.token);
        }
        KeysAction::List => {
            let keys = crate::db::keys::list(pool).await?;
            println!(
                "{:>4}  {:8}  {:20}  {:10}  {:>8}  name",
                "id", "prefix", "created", "revoked", "articles"
            );
            for k in keys {
                let revoked = k
                    .revoked_at
                    .map_or("-".to_string(), |t| t.format("%Y-%m-%d").to_string());
                println!(
                    "{:>4}  {:8}  {:20}  {:10}  {:>8}  {}",
                    k.id,
                    k.prefix,
                    k.created_at.format("%Y-%m-%d %H:%M:%S"),
                    revoked,
                    k.articles,
                    k.name
                );
            }
        }
        KeysAction::Revoke { key } => {
            anyhow::ensure!(
                crate::db::keys::revoke(pool, key.trim()).await?,
                "no unrevoked key with id or prefix {key:?} (see `whosaid keys list`)"
            );
            eprintln!("revoked {key}");
        }
    }
    Ok(())
}

fn parse_date(value: &str) -> Result<NaiveDate, String> {
    parse_published_at(value)
        .map(|t| t.date_naive())
        .ok_or_else(|| format!("{value:?} is not a date like 2025-02-13"))
}

fn settings(db: DatabaseArgs) -> Settings {
    Settings {
        database_url: db.database_url.filter(|url| !url.trim().is_empty()),
        data_dir: db.data_dir,
        database_wait: Duration::from_secs(db.database_wait),
        ..Settings::default()
    }
}

/// Runs one command.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            addr,
            body_limit,
            request_timeout,
            max_connections,
            acquire_timeout,
            limits,
            require_keys,
            keyed_reads,
            cors_write_origins,
            fetch,
            fetch_allow_private,
            db,
        } => {
            let keys = KeyPolicy {
                // Loopback-only servers are the operator's own; anything else is exposed.
                writes: require_keys || keyed_reads || !addr.ip().is_loopback(),
                reads: keyed_reads,
            };
            let request_timeout = Duration::from_secs(request_timeout.max(1));
            let settings = Settings {
                addr,
                body_limit,
                request_timeout,
                statement_timeout: Some(request_timeout),
                max_connections: max_connections
                    .unwrap_or_else(crate::config::default_max_connections)
                    .max(1),
                acquire_timeout: Duration::from_secs(acquire_timeout.max(1)),
                connections: limits.limits(),
                rate: limits.rate(),
                keys,
                cors_write_origins,
                fetch: fetch.then(|| FetchSettings {
                    allow_private: fetch_allow_private,
                    ..FetchSettings::default()
                }),
                ..settings(db)
            };
            startup::serve(settings).await
        }
        Command::Migrate { db } => {
            let database = Database::open(&settings(db)).await?;
            eprintln!("migrations applied");
            database.close().await
        }
        Command::Ingest {
            inputs,
            server,
            jobs,
            batch,
            allow_private,
            db,
        } => {
            let fetcher = Fetcher::new(FetchSettings {
                allow_private,
                ..FetchSettings::default()
            })?;
            let database = match server {
                Some(_) => None,
                None => Some(Database::open(&settings(db)).await?),
            };
            let job = ingest::Job {
                inputs,
                server,
                options: crate::ingest::pipeline::Options {
                    jobs,
                    batch,
                    ..Default::default()
                },
                fetcher: std::sync::Arc::new(fetcher),
            };
            ingest::run(job, database).await
        }
        Command::Keys { action, db } => {
            let database = Database::open(&settings(db)).await?;
            let result = keys_command(&database.pool, action).await;
            database.close().await?;
            result
        }
        Command::Reextract { db } => {
            let database = Database::open(&settings(db)).await?;
            let result = crate::ingest::reextract_all(&database.pool).await;
            database.close().await?;
            let count = result.context("re-extraction stopped")?;
            eprintln!(
                "re-extracted {count} article(s) with extractor {}",
                extract::EXTRACTOR_VERSION
            );
            Ok(())
        }
        Command::Extract {
            jsonl,
            published_at,
        } => {
            if jsonl {
                extract_jsonl()
            } else {
                extract_text(published_at)
            }
        }
    }
}

/// `whosaid extract`: the whole of stdin is one article.
fn extract_text(published_on: Option<NaiveDate>) -> anyhow::Result<()> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("stdin is not UTF-8 text")?;
    let extraction = extract::extract(&ArticleInput {
        text: &text,
        published_on: published_on.unwrap_or_else(|| Utc::now().date_naive()),
    });
    #[derive(Serialize)]
    struct Output<'a> {
        statements: Statements<'a>,
        entities: &'a [extract::Entity],
        acronyms: &'a [(String, String)],
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let output = Output {
        statements: Statements::new(&extraction.statements, published_on.is_some()),
        entities: &extraction.entities,
        acronyms: &extraction.acronyms,
    };
    serde_json::to_writer_pretty(&mut out, &output)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// One line of `extract --jsonl` input: an article as `POST /v1/articles` takes it
/// (`text`, or a web page as `html`), plus an `id` echoed in the output. Unknown fields
/// are ignored, so any JSON Lines export with these names can be fed in.
#[derive(Deserialize)]
struct JsonlArticle {
    id: serde_json::Value,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    source: Option<String>,
    author: Option<String>,
    published_at: Option<String>,
}

impl JsonlArticle {
    fn into_submission(self) -> Submission {
        Submission {
            text: self.text,
            html: self.html,
            url: self.url,
            title: self.title,
            source: self.source,
            author: self.author,
            published_at: self.published_at,
            fetch: false,
        }
    }
}

/// One line of `extract --jsonl` output: the format `score_polnear.py` reads, plus
/// entities, and for a page what was read from it (the format `score_html.py` reads).
#[derive(Serialize)]
struct JsonlResult<'a> {
    id: &'a serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<PageArticle<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    statements: Statements<'a>,
    entities: &'a [extract::Entity],
}

/// Statements as extracted, or with the dates that rest on an unknown publication date
/// taken out.
#[derive(Serialize)]
#[serde(untagged)]
enum Statements<'a> {
    Dated(&'a [extract::Statement]),
    Undated(Vec<serde_json::Value>),
}

impl<'a> Statements<'a> {
    /// Without a publication date, only a date written in full in the text is known:
    /// `said_on` is null and `date_basis` is `unknown` for the rest (the extractor was
    /// run against today only to read the text's own dates).
    fn new(statements: &'a [extract::Statement], published_known: bool) -> Self {
        if published_known {
            return Statements::Dated(statements);
        }
        Statements::Undated(
            statements
                .iter()
                .map(|st| {
                    let mut v = serde_json::to_value(st).unwrap_or_default();
                    if st.date_basis != extract::DateBasis::Explicit {
                        v["said_on"] = serde_json::Value::Null;
                        v["date_basis"] = "unknown".into();
                    }
                    v
                })
                .collect(),
        )
    }
}

/// The article as read from a page, client fields laid over it.
#[derive(Serialize)]
struct PageArticle<'a> {
    text: &'a str,
    title: Option<&'a str>,
    author: Option<&'a str>,
    published_at: String,
    source: Option<&'a str>,
}

impl<'a> From<&'a NewArticle> for PageArticle<'a> {
    fn from(article: &'a NewArticle) -> Self {
        PageArticle {
            text: &article.text,
            title: article.title.as_deref(),
            author: article.author.as_deref(),
            published_at: article.published_at.to_rfc3339(),
            source: article.source.as_deref(),
        }
    }
}

/// `whosaid extract --jsonl`: one article per line in, one result per line out. A line
/// that is not an article stops the run; an article that cannot be read (a bad field, a
/// page without article text) gets a result line with its `error`.
fn extract_jsonl() -> anyhow::Result<()> {
    let now = Utc::now();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut line = String::new();
    let mut input = stdin.lock();
    let mut failed = 0;
    for number in 1.. {
        line.clear();
        if input
            .read_line(&mut line)
            .with_context(|| format!("line {number} is not UTF-8 text"))?
            == 0
        {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let article: JsonlArticle = serde_json::from_str(&line).with_context(|| {
            format!("line {number} is not a JSON article with \"id\" and \"text\" or \"html\"")
        })?;
        let id = article.id.clone();
        let is_page = article.html.is_some() && article.text.is_none();
        let prepared = article
            .into_submission()
            .validate()
            .map_err(IngestError::from)
            .and_then(|draft| crate::ingest::prepare(draft, now, &crate::extract::Stop::never()));
        let (article, extraction, error) = match prepared {
            Ok((article, extraction)) => (Some(article), extraction, None),
            Err(err) => {
                eprintln!("line {number}: {err}");
                failed += 1;
                (None, Extraction::default(), Some(err.to_string()))
            }
        };
        let result = JsonlResult {
            id: &id,
            article: article.as_ref().filter(|_| is_page).map(PageArticle::from),
            error,
            statements: Statements::new(
                &extraction.statements,
                article
                    .as_ref()
                    .is_some_and(|a| a.published_at_basis != "ingestion"),
            ),
            entities: &extraction.entities,
        };
        serde_json::to_writer(&mut out, &result)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if failed > 0 {
        anyhow::bail!("{failed} article(s) could not be read; their lines carry the error");
    }
    Ok(())
}
