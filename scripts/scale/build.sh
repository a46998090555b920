#!/usr/bin/env bash
# Builds (or grows) a database of about N statements from copies of PolNeAR train,
# through the bulk path (`whosaid ingest -`), for the latency measurements of load.sh.
#   scripts/scale/build.sh 1000000 [DB]      (DB defaults to whosaid_scale_<N>)
# Re-running with a larger N adds copies; copies already stored are not sent again.
# Needs ../shared and a PostgreSQL server (ADMIN_URL, default the machine's on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?how many statements}
db=${2:-whosaid_scale_$target}
admin=${ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
data=../shared/data/polnear
[ -d "$data/train" ] || { echo "$data/train is not there" >&2; exit 1; }
url="${admin%/*}/$db"
[ -n "${WHOSAID_BIN:-}" ] || cargo build --release --quiet --bin whosaid
bin=${WHOSAID_BIN:-target/release/whosaid}
work=target/scale
mkdir -p "$work"
python3 ../shared/tools/polnear_input.py "$data/train" "$data/metadata.tsv" > "$work/train.jsonl"
per_copy=$("$bin" extract --jsonl < "$work/train.jsonl" | jq '.statements | length' | awk '{s+=$1} END {print s}')
articles=$(wc -l < "$work/train.jsonl")
copies=$(( (target + per_copy - 1) / per_copy ))

if ! psql -qAt "$admin" -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  psql -q "$admin" -c "CREATE DATABASE $db"
fi
"$bin" migrate --database-url "$url"
stored=$(psql -qAt "$url" -c "SELECT count(*) FROM articles")
first=$(( stored / articles ))
echo "$db: $stored articles stored; copies $first..$copies of $articles articles ($per_copy statements each)"
if [ "$first" -lt "$copies" ]; then
  start=$(date +%s)
  python3 scripts/scale/corpus.py "$work/train.jsonl" "$first" "$copies" \
    | "$bin" ingest - --database-url "$url"
  echo "ingested in $(( $(date +%s) - start )) s"
fi
psql -q "$url" -c "VACUUM ANALYZE"
psql -qAt "$url" -c "SELECT format('%s articles, %s statements, %s people, %s quotes, %s on disk',
  (SELECT count(*) FROM articles), (SELECT count(*) FROM statements), (SELECT count(*) FROM people),
  (SELECT count(*) FROM quotes), pg_size_pretty(pg_database_size(current_database())))"
