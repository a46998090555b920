//! Service settings. Everything has a default so `whosaid serve` runs with no
//! configuration; each setting can come from a flag or an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::fetch::FetchSettings;

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
    /// Longest a query of the pool may run (`statement_timeout`); `None` for no limit,
    /// as for bulk commands. Migrations run on their own connection without it.
    pub statement_timeout: Option<Duration>,
    /// Server-side fetching of submitted URLs (`"fetch": true`); `None` turns it off.
    pub fetch: Option<FetchSettings>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: None,
            data_dir: PathBuf::from(".whosaid/pgdata"),
            body_limit: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            max_connections: 10,
            statement_timeout: None,
            fetch: None,
        }
    }
}
