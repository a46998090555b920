//! The `api_keys` table.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;

/// A key as `whosaid keys list` shows it: never the secret.
#[derive(Debug, Serialize)]
pub struct KeyInfo {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Articles stored with this key.
    pub articles: i64,
}

/// What checking a presented key needs: its id, stored hash and whether it is revoked.
pub struct StoredKey {
    pub id: i64,
    pub secret_sha256: Vec<u8>,
    pub revoked: bool,
}

pub async fn create(
    pool: &PgPool,
    name: &str,
    prefix: &str,
    hash: &[u8],
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        "INSERT INTO api_keys (name, prefix, secret_sha256) VALUES ($1, $2, $3) RETURNING id",
        name,
        prefix,
        hash
    )
    .fetch_one(pool)
    .await
}

pub async fn by_prefix(pool: &PgPool, prefix: &str) -> Result<Option<StoredKey>, sqlx::Error> {
    sqlx::query_as!(
        StoredKey,
        r#"SELECT id, secret_sha256, revoked_at IS NOT NULL AS "revoked!"
           FROM api_keys WHERE prefix = $1"#,
        prefix
    )
    .fetch_optional(pool)
    .await
}

pub async fn list(pool: &PgPool) -> Result<Vec<KeyInfo>, sqlx::Error> {
    sqlx::query_as!(
        KeyInfo,
        r#"SELECT k.id, k.name, k.prefix, k.created_at, k.revoked_at,
                  (SELECT count(*) FROM articles a WHERE a.key_id = k.id) AS "articles!"
           FROM api_keys k ORDER BY k.id"#
    )
    .fetch_all(pool)
    .await
}

/// Revokes the key with this id or prefix; false when there is none (or it already was).
pub async fn revoke(pool: &PgPool, id_or_prefix: &str) -> Result<bool, sqlx::Error> {
    let id = id_or_prefix.parse::<i64>().ok();
    let done = sqlx::query!(
        "UPDATE api_keys SET revoked_at = now()
         WHERE (id = $1 OR prefix = $2) AND revoked_at IS NULL",
        id,
        id_or_prefix
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}
