#!/usr/bin/env bash
# Times the README's two set-up commands as a newcomer meets them: a fresh clone (beside
# this checkout, so ../shared is there as in development), `cargo run -- serve` until the
# server answers, then `cargo test`, both with whosaid's own PostgreSQL (no DATABASE_URL).
# Run it on an idle machine; it prints the seconds of each step and the total.
#
#   scripts/time-setup.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8199}
clone=$(mktemp -d "$(dirname "$PWD")/time-setup.XXXX")
trap 'rm -rf "$clone"' EXIT
git clone -q . "$clone"
cd "$clone"
unset DATABASE_URL

start=$(date +%s)
cargo run -q -- serve --addr "127.0.0.1:$port" >serve.log 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat serve.log; exit 1; }
  sleep 1
done
ready=$(date +%s)
kill -TERM "$server"
wait "$server" || true

tested=$(date +%s)
cargo test >test.log 2>&1 || { tail -n 40 test.log; exit 1; }
done_at=$(date +%s)
echo "cargo run -- serve, until it answers: $((ready - start)) s"
echo "cargo test:                            $((done_at - tested)) s"
echo "total:                                 $((ready - start + done_at - tested)) s"
