#!/usr/bin/env bash
# Scores the extractor on a PolNeAR split with the shared scorer, and times it.
#   scripts/eval-polnear.sh [dev|train]      (default dev)
# Reads ../shared (not part of this repository); exits with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:-dev}
shared=../shared
data=$shared/data/polnear
if [ ! -d "$data/$split" ]; then
  echo "skipping: $data/$split is not there" >&2
  exit 0
fi
cargo build --release --quiet --bin whosaid
mkdir -p target/eval
python3 "$shared/tools/polnear_input.py" "$data/$split" "$data/metadata.tsv" > "target/eval/$split.jsonl"
/usr/bin/time -f "extract --jsonl: %e s wall, %M KB peak RSS" \
  target/release/whosaid extract --jsonl < "target/eval/$split.jsonl" > "target/eval/$split.pred.jsonl"
echo "$(wc -l < "target/eval/$split.jsonl") articles"
speakers=()
[ -f "$data/$split-speakers.tsv" ] && speakers=(--speakers "$data/$split-speakers.tsv")
python3 "$shared/tools/score_polnear.py" "$data/$split" "target/eval/$split.pred.jsonl" "${speakers[@]}"
