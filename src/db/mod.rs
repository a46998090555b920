//! The database layer: every SQL statement of the service lives under this module,
//! next to the types it reads and writes.

pub mod articles;
pub mod extractions;
pub mod keys;
pub mod names;
pub mod organizations;
pub mod people;
pub mod quotes;
pub mod statements;
pub mod stats;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// The migrations under `migrations/`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// A person or organisation named in a response: enough to follow up with its own route.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema, PartialEq, Eq)]
pub struct EntityRef {
    pub id: i64,
    pub name: String,
}

/// How the service's pool behaves.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    pub max_connections: u32,
    /// How long a request waits for a free connection before it is answered 503.
    pub acquire_timeout: Duration,
    /// PostgreSQL stops any query of the pool that runs longer; `None` for no limit.
    pub statement_timeout: Option<Duration>,
}

/// Opens a pool on `url`.
pub async fn connect(url: &str, settings: PoolSettings) -> Result<PgPool, sqlx::Error> {
    let mut options = session(PgConnectOptions::from_str(url)?);
    if let Some(limit) = settings.statement_timeout {
        options = options.options([("statement_timeout", format!("{}ms", limit.as_millis()))]);
    }
    PgPoolOptions::new()
        .max_connections(settings.max_connections)
        .acquire_timeout(settings.acquire_timeout)
        // A round trip before every query would cost more than the short queries it
        // guards; only a connection left idle a while is checked (the server may have
        // restarted or a firewall dropped it). A connection that fails in use is closed.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= IDLE_CHECK {
                    use sqlx::Connection;
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        .connect_with(options)
        .await
}

/// A read-only transaction whose queries are planned once per connection and then reused
/// (generic plans), for the queries whose plan is the same whatever their parameters: the
/// month-by-month topic walk and the fetch of rows by id. Planning them for every
/// execution, as the pool's sessions do (`session`), was a third of their time.
/// The setting is `SET LOCAL`: it ends with the transaction, also when it is dropped.
pub async fn planned_once(pool: &PgPool) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    pool.begin_with("BEGIN READ ONLY; SET LOCAL plan_cache_mode = force_generic_plan")
        .await
}

/// How long a pooled connection may sit idle before it is checked on its next use.
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// Where `url` points, for messages: host (or socket directory), port and database,
/// never the password.
pub fn describe(url: &str) -> String {
    match PgConnectOptions::from_str(url) {
        Ok(options) => format!(
            "{}:{}/{}",
            options.get_host(),
            options.get_port(),
            options.get_database().unwrap_or("-")
        ),
        Err(_) => "an unreadable DATABASE_URL".to_string(),
    }
}

/// Waits until the server at `url` accepts a connection, retrying with a doubling
/// delay (up to five seconds) for at most `wait`, and logging each failure's cause, so
/// that whosaid and PostgreSQL can be started together in any order.
pub async fn wait_until_reachable(url: &str, wait: Duration) -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    let options = session(PgConnectOptions::from_str(url)?);
    let deadline = tokio::time::Instant::now() + wait;
    let mut delay = Duration::from_millis(250);
    loop {
        match sqlx::PgConnection::connect_with(&options).await {
            Ok(conn) => {
                let _ = conn.close().await;
                return Ok(());
            }
            Err(err) if tokio::time::Instant::now() + delay < deadline => {
                tracing::warn!(
                    database = %describe(url),
                    error = %err,
                    retry_in_ms = delay.as_millis() as u64,
                    "the database is not reachable yet"
                );
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(5));
            }
            Err(err) => return Err(err),
        }
    }
}

/// Whether the database is a streaming replica (hot standby): it answers queries, and
/// the primary applies migrations and takes the writes.
pub async fn is_replica(pool: &PgPool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT pg_is_in_recovery() AS "replica!""#)
        .fetch_one(pool)
        .await
}

/// Applies pending migrations on a connection of its own, without the pool's statement
/// timeout (a migration over millions of rows may take minutes).
pub async fn migrate_url(url: &str) -> Result<(), sqlx::migrate::MigrateError> {
    use sqlx::Connection;
    let mut conn =
        sqlx::PgConnection::connect_with(&session(PgConnectOptions::from_str(url)?)).await?;
    MIGRATOR.run(&mut conn).await?;
    conn.close().await?;
    Ok(())
}

/// What every connection of the service is: named, and planning every execution for its
/// own parameters — the listing queries carry optional filters (`$1 IS NULL OR ...`), and
/// a cached generic plan would keep the filters not given, walk the wrong index, and
/// turn a 1 ms query into a scan (the queries whose plan cannot go wrong so are run under
/// [`planned_once`]). JIT compilation is off: it pays off for long analytic
/// queries, and costs tens of milliseconds on every short query whose estimate crosses
/// its threshold (counts over millions of statements).
pub fn session(options: PgConnectOptions) -> PgConnectOptions {
    options
        .application_name("whosaid")
        .options([("plan_cache_mode", "force_custom_plan"), ("jit", "off")])
}

/// Applies any migration not yet applied.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}

/// Takes the transaction-scoped advisory locks of these people and organisations
/// (name keys), all in one statement and in one global order, before a writer
/// creates any of them. Two writers meeting the same new names then wait for each other
/// once, at the start, instead of one waiting on the other's uncommitted row while
/// holding a lock the other needs (a deadlock PostgreSQL breaks by failing a batch).
pub async fn lock_names(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    people: &[String],
    organizations: &[String],
) -> Result<(), sqlx::Error> {
    let keys: Vec<String> = people
        .iter()
        .map(|k| format!("person:{k}"))
        .chain(organizations.iter().map(|k| format!("org:{k}")))
        .collect();
    lock_keys(tx, keys).await
}

/// Takes a transaction-scoped advisory lock per key, in sorted order (the one global
/// order every writer uses), in one statement.
pub async fn lock_keys(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    mut keys: Vec<String>,
) -> Result<(), sqlx::Error> {
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        return Ok(());
    }
    sqlx::query!(
        "SELECT count(pg_advisory_xact_lock(hashtextextended(k, 7))) AS locked
         FROM UNNEST($1::text[]) AS k",
        &keys
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok(())
}

/// Hands the rows with the ids `ids` yields to `each`, `chunk` at a time, loading each
/// chunk with `load` as the ids come (constant memory however many there are); stops
/// when `each` returns false.
pub async fn for_each_chunk<S, V, L, LFut, F, Fut>(
    mut ids: S,
    chunk: usize,
    mut load: L,
    mut each: F,
) -> Result<(), sqlx::Error>
where
    S: futures_util::Stream<Item = Result<i64, sqlx::Error>> + Unpin,
    L: FnMut(Vec<i64>) -> LFut,
    LFut: std::future::Future<Output = Result<Vec<V>, sqlx::Error>>,
    F: FnMut(Vec<V>) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    use futures_util::TryStreamExt;
    let mut batch = Vec::with_capacity(chunk);
    loop {
        let next = ids.try_next().await?;
        if let Some(id) = next {
            batch.push(id);
        }
        if batch.len() == chunk || (next.is_none() && !batch.is_empty()) {
            let rows = load(std::mem::take(&mut batch)).await?;
            if !each(rows).await {
                return Ok(());
            }
        }
        if next.is_none() {
            return Ok(());
        }
    }
}

/// Refreshes the planner's statistics after a bulk load, so the first queries on the
/// new rows get good plans without waiting for autovacuum.
pub async fn analyze(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query("ANALYZE articles, statements, people, person_aliases, organizations")
        .execute(pool)
        .await?;
    Ok(())
}

/// How close a name must be to what was typed to be offered ("Rute" → Mark Rutte):
/// the larger of trigram similarity and word similarity (pg_trgm), 0 to 1.
pub const SUGGEST_SIMILARITY: f32 = 0.5;

/// The key names are matched on: lower case, single spaces. "Mark  RUTTE" and
/// "mark rutte" are the same person.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn name_key_folds_case_and_spaces() {
        assert_eq!(name_key("  Mark \t RUTTE "), "mark rutte");
        assert_eq!(name_key("Ünal"), "ünal");
    }
}
