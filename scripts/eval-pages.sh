#!/usr/bin/env bash
# Scores the HTML path on the shared Readability test pages with the shared scorer, and
# times it: `whosaid extract --jsonl` over one {"id", "html"} line per page (page reading,
# extraction and JSON in and out, process start included), best of RUNS (default 5).
#   scripts/eval-pages.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
pages=../shared/data/readability/pages
if [ ! -d "$pages" ]; then
  echo "skipping: $pages is not there" >&2
  exit 0
fi
cargo build --release --quiet --bin whosaid
mkdir -p target/eval
for d in "$pages"/*/; do
  jq -cn --arg id "$(basename "$d")" --rawfile html "$d/source.html" '{id: $id, html: $html}'
done > target/eval/pages.jsonl
n=$(wc -l < target/eval/pages.jsonl)
best=
for _ in $(seq "$runs"); do
  t0=$(date +%s.%N)
  target/release/whosaid extract --jsonl < target/eval/pages.jsonl > target/eval/pages.pred.jsonl
  t1=$(date +%s.%N)
  best=$(awk -v a="$t0" -v b="$t1" -v best="$best" 'BEGIN {t = b - a; if (best == "" || t < best) best = t; print best}')
done
awk -v n="$n" -v t="$best" 'BEGIN {printf "%d pages in %.3f s (best of runs): %.0f pages/s on one core\n", n, t, n / t}'
/usr/bin/time -f "peak RSS %M KB" target/release/whosaid extract --jsonl < target/eval/pages.jsonl > /dev/null
python3 ../shared/tools/score_html.py "$pages" target/eval/pages.pred.jsonl
