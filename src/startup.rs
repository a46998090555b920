//! Wiring: find the database (ours or the configured one), migrate it, and serve the
//! API until Ctrl-C or SIGTERM, then shut down cleanly, local PostgreSQL included.

use anyhow::Context;
use sqlx::PgPool;
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::db;
use crate::local_pg::LocalPostgres;

/// The database the service uses, and the local server behind it when we run one.
pub struct Database {
    pub pool: PgPool,
    local: Option<LocalPostgres>,
}

impl Database {
    /// Connects to `DATABASE_URL`, or starts the local PostgreSQL in `data_dir`;
    /// applies pending migrations either way.
    pub async fn open(settings: &Settings) -> anyhow::Result<Database> {
        let (url, local) = match &settings.database_url {
            Some(url) => (url.clone(), None),
            None => {
                let local = LocalPostgres::start(&settings.data_dir).await?;
                local.ensure_database("whosaid").await?;
                (local.database_url("whosaid"), Some(local))
            }
        };
        let opened = async {
            let wait = settings.database_wait;
            db::wait_until_reachable(&url, wait)
                .await
                .with_context(|| {
                    format!(
                        "cannot connect to the database at {} (waited {} s; see --database-wait)",
                        db::describe(&url),
                        wait.as_secs()
                    )
                })?;
            let pool = db::connect(&url, settings.pool()).await.with_context(|| {
                format!("cannot connect to the database at {}", db::describe(&url))
            })?;
            if db::is_replica(&pool).await? {
                tracing::info!("the database is a read-only replica: serving reads, not migrating");
            } else {
                db::migrate_url(&url)
                    .await
                    .context("cannot apply the database migrations")?;
            }
            anyhow::Ok(pool)
        };
        match opened.await {
            Ok(pool) => Ok(Database { pool, local }),
            Err(err) => {
                if let Some(local) = local {
                    let _ = local.stop().await;
                }
                Err(err)
            }
        }
    }

    /// Closes the pool and stops the local server, if any.
    pub async fn close(self) -> anyhow::Result<()> {
        self.pool.close().await;
        if let Some(local) = self.local {
            local.stop().await?;
        }
        Ok(())
    }
}

/// Runs the API until a shutdown signal. The port is taken only once the database is
/// ready, so a load balancer never sees a listening server that cannot answer; a port
/// already in use is found before waiting for anything.
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let bind = || async {
        TcpListener::bind(settings.addr)
            .await
            .with_context(|| format!("cannot listen on {}", settings.addr))
    };
    drop(bind().await?);
    let database = Database::open(&settings).await?;
    let listener = bind().await?;
    let app = crate::http::router(database.pool.clone(), &settings);
    tracing::info!(addr = %listener.local_addr()?, "whosaid is listening");
    crate::http::connections::serve(listener, app, settings.connections, shutdown_signal()).await;
    tracing::info!("shutting down");
    database.close().await
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
