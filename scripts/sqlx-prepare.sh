#!/usr/bin/env bash
# Regenerates .sqlx/ (sqlx's offline query data) from a live, freshly migrated database,
# so the crate builds without one. Run after changing any query or migration.
# Needs a PostgreSQL server; ADMIN_URL defaults to the local one on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
admin=${ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
db=whosaid_sqlx_prepare
psql -q "$admin" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
url="${admin%/*}/$db"
for f in migrations/*.sql; do psql -q -v ON_ERROR_STOP=1 "$url" -f "$f"; done
rm -rf .sqlx && mkdir .sqlx
touch src/lib.rs
SQLX_OFFLINE=false DATABASE_URL="$url" SQLX_OFFLINE_DIR="$PWD/.sqlx" cargo check --all-targets --quiet
psql -q "$admin" -c "DROP DATABASE $db"
echo "wrote $(ls .sqlx | wc -l) queries to .sqlx/"
