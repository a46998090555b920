//! Service settings. Everything has a default so `whosaid serve` runs with no
//! configuration; each setting can come from a flag or an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::fetch::FetchSettings;
use crate::http::auth::KeyPolicy;
use crate::http::rate::RateSettings;

/// Settings for `whosaid serve` (and the test app, which builds one directly).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the API listens.
    pub addr: SocketAddr,
    /// PostgreSQL to use; `None` means run our own local server in `data_dir`.
    pub database_url: Option<String>,
    /// Home of the local PostgreSQL when `database_url` is `None`.
    pub data_dir: PathBuf,
    /// Largest accepted request body; larger ones get 413.
    pub body_limit: usize,
    /// Requests running longer than this get 503.
    pub request_timeout: Duration,
    /// Database connection pool size.
    pub max_connections: u32,
    /// How long a request waits for a pool connection before it is answered 503.
    pub acquire_timeout: Duration,
    /// Longest a query of the pool may run (`statement_timeout`); `None` for no limit,
    /// as for bulk commands. Migrations run on their own connection without it.
    pub statement_timeout: Option<Duration>,
    /// How long start-up waits for the database to become reachable.
    pub database_wait: Duration,
    /// Server-side fetching of submitted URLs (`"fetch": true`); `None` turns it off.
    pub fetch: Option<FetchSettings>,
    /// What one client may hold: connections, their timeouts, requests at once.
    pub connections: ConnectionLimits,
    /// Which requests need an API key.
    pub keys: KeyPolicy,
    /// Requests per client (key or address).
    pub rate: RateSettings,
    /// Origins whose pages may write (CORS); reads are open to every origin.
    pub cors_write_origins: Vec<String>,
}

/// Limits that keep slow, idle and numerous clients from stalling the service.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// A request's headers must arrive within this (slowloris).
    pub header_read: Duration,
    /// A connection that moves no byte for this long is closed (idle keep-alives).
    pub idle: Duration,
    /// Connections open at once; more wait in the kernel's backlog. Capped by the
    /// open-file limit.
    pub max_open: usize,
    /// Requests handled at once; more are refused at once with 503 and `Retry-After`
    /// rather than queued. Health checks are not counted.
    pub max_in_flight: usize,
    /// How long shutdown waits for open requests before dropping them.
    pub shutdown_grace: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read: Duration::from_secs(10),
            idle: Duration::from_secs(60),
            max_open: 1024,
            max_in_flight: 256,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

impl Settings {
    pub fn pool(&self) -> crate::db::PoolSettings {
        crate::db::PoolSettings {
            max_connections: self.max_connections,
            acquire_timeout: self.acquire_timeout,
            statement_timeout: self.statement_timeout,
        }
    }

    /// Exports that may run at once: a quarter of the pool (each holds two connections),
    /// at least one.
    pub fn concurrent_exports(&self) -> usize {
        (self.max_connections as usize / 4).max(1)
    }
}

/// The pool size when none is given: twice the machine's CPUs, at least four. Measured
/// under load on two cores with PostgreSQL on the same machine, 4 connections answered
/// `/v1/ask` with a p99 of 34 ms where 16 took 41–60 ms: more backends than cores only
/// take turns on them, and every query waits behind the others' slices.
pub fn default_max_connections() -> u32 {
    let cpus = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    (2 * cpus as u32).max(4)
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: None,
            data_dir: PathBuf::from(".whosaid/pgdata"),
            body_limit: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            max_connections: default_max_connections(),
            acquire_timeout: Duration::from_secs(5),
            statement_timeout: None,
            database_wait: Duration::from_secs(60),
            fetch: None,
            connections: ConnectionLimits::default(),
            keys: KeyPolicy::default(),
            rate: RateSettings::default(),
            cors_write_origins: Vec::new(),
        }
    }
}
