#!/usr/bin/env bash
# Does the server do what /openapi.json says? schemathesis generates requests the document
# calls valid (each must be accepted) and invalid (each must be refused), checks every
# answer against the document, and fails on any disagreement.
#
#   scripts/check-openapi.sh [BINARY]
#
# BINARY defaults to target/debug/whosaid. DATABASE_URL names a PostgreSQL server where a
# scratch database may be made (default: the local one as postgres). ST_EXAMPLES (100) and
# ST_SEED (fixed, so that CI is repeatable; set another to explore) tune the run.
# Needs schemathesis (`pip install schemathesis==4.32.5`).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-target/debug/whosaid}
admin=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
db=whosaid_openapi_check
scratch="${admin%/*}/$db"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)

psql -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
DATABASE_URL=$scratch "$bin" serve --addr "127.0.0.1:$port" >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done

# Something to find: listings, names and ids then reach real rows, not only empty answers.
python3 -c 'import json, sys; print(json.dumps({"text": open(sys.argv[1]).read(), "published_at": "2025-02-17"}))' \
  examples/harbour-bridge.txt |
  curl -sf -H 'content-type: application/json' --data-binary @- "http://127.0.0.1:$port/v1/articles" >/dev/null

PYTHONPATH=scripts/openapi SCHEMATHESIS_HOOKS=st_hooks python3 -m schemathesis.cli run \
  "http://127.0.0.1:$port/openapi.json" \
  --checks all \
  --max-examples "${ST_EXAMPLES:-100}" \
  --seed "${ST_SEED:-20261206}" \
  --request-timeout 30
