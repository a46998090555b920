#!/usr/bin/env bash
# Ingest throughput on PolNeAR train (840 articles), every figure from this one run:
#   cli    `whosaid ingest train.jsonl` into an empty database
#   base   extraction alone (`whosaid extract --jsonl`) plus a plain COPY of the rows the
#          cli run stored (articles, people, aliases, organisations, statements) into an
#          empty database: the least any ingest could cost
#   http   the same file through `POST /v1/articles/bulk` of a running server
# and where the cli run's database time goes (sqlx's statement timings).
#   scripts/bench-ingest.sh [RUNS]      (default 3; medians are reported)
# Needs ../shared and a PostgreSQL server (ADMIN_URL, default the machine's on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
admin=${ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
data=../shared/data/polnear
if [ ! -d "$data/train" ]; then
  echo "skipping: $data/train is not there" >&2
  exit 0
fi
cargo build --release --quiet --bin whosaid
bin=target/release/whosaid
work=target/bench-ingest
mkdir -p "$work"
python3 ../shared/tools/polnear_input.py "$data/train" "$data/metadata.tsv" > "$work/train.jsonl"
articles=$(wc -l < "$work/train.jsonl")
# The API takes only its own fields (the cli ignores others, such as the corpus's "id").
jq -c 'del(.id)' "$work/train.jsonl" > "$work/train.api.jsonl"

db_url() { echo "${admin%/*}/$1"; }
fresh() {
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
  "$bin" migrate --database-url "$(db_url "$1")" 2>/dev/null
}
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
tables="articles people person_aliases organizations statements"

cli=() extract=() copy=() http=()
for run in $(seq "$runs"); do
  fresh bench_cli
  t0=$(now); "$bin" ingest "$work/train.jsonl" --database-url "$(db_url bench_cli)" 2>/dev/null; t1=$(now)
  cli+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")

  t0=$(now); "$bin" extract --jsonl < "$work/train.jsonl" > /dev/null; t1=$(now)
  extract+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")

  fresh bench_copy
  script="BEGIN;"$'\n'
  for t in $tables; do
    cols=$(psql -qAt "$(db_url bench_copy)" -c "SELECT string_agg(quote_ident(attname), ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = '$t'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''")
    psql -q "$(db_url bench_cli)" -c "\\copy (SELECT $cols FROM $t) TO '$PWD/$work/$t.copy'"
    script+="\\copy $t ($cols) FROM '$PWD/$work/$t.copy'"$'\n'
  done
  t0=$(now); printf '%s\nCOMMIT;\n' "$script" | psql -q "$(db_url bench_copy)"; t1=$(now)
  copy+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")

  fresh bench_http
  port=$((20000 + RANDOM % 20000))
  "$bin" serve --addr "127.0.0.1:$port" --database-url "$(db_url bench_http)" 2>/dev/null &
  server=$!
  for _ in $(seq 100); do curl -sf "127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  t0=$(now)
  curl -sf "127.0.0.1:$port/v1/articles/bulk" -H 'content-type: application/x-ndjson' \
    --data-binary @"$work/train.api.jsonl" > "$work/bulk.out"
  t1=$(now)
  kill "$server"; wait "$server" 2>/dev/null || true
  http+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  created=$(grep -c '"status":"created"' "$work/bulk.out" || true)
  [ "$created" -ge $((articles - 1)) ] || { echo "bulk stored only $created articles" >&2; exit 1; }
done

cli_s=$(printf '%s\n' "${cli[@]}" | median)
extract_s=$(printf '%s\n' "${extract[@]}" | median)
copy_s=$(printf '%s\n' "${copy[@]}" | median)
http_s=$(printf '%s\n' "${http[@]}" | median)
statements=$(psql -qAt "$(db_url bench_cli)" -c "SELECT count(*) FROM statements")
printf 'PolNeAR train: %s articles, %s statements; medians of %s runs\n' "$articles" "$statements" "$runs"
awk -v a="$articles" -v cli="$cli_s" -v ex="$extract_s" -v cp="$copy_s" -v h="$http_s" 'BEGIN {
  printf "  whosaid ingest (cli)      %6.2f s  %6.0f articles/s\n", cli, a / cli
  printf "  POST /v1/articles/bulk    %6.2f s  %6.0f articles/s\n", h, a / h
  printf "  extraction alone          %6.2f s\n", ex
  printf "  COPY of the same rows     %6.2f s\n", cp
  printf "  cli / (extraction + COPY) %6.2f   (target <= 3)\n", cli / (ex + cp)
  printf "  http / cli                %6.2f   (target <= 1.5)\n", h / cli
}'

echo "Where the cli run's database time goes (sum of statement times):"
fresh bench_cli
RUST_LOG=sqlx=debug "$bin" ingest "$work/train.jsonl" --database-url "$(db_url bench_cli)" 2>&1 |
  grep 'sqlx::query' |
  sed -E 's/.*summary="([^"]{0,28})[^"]*".*elapsed_secs=([0-9.e-]+).*/\1\t\2/' |
  awk -F'\t' '{t[$1] += $2; n[$1]++} END {for (k in t) printf "  %8.1f ms %5d x %s\n", t[k] * 1000, n[k], k}' |
  sort -rn | head -8
for db in bench_cli bench_copy bench_http; do psql -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
