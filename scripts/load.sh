#!/usr/bin/env bash
# Load test of the HTTP service, on loopback only and bounded in time: wrk
# posts the bundled example (examples/kabupaten-contoh.json) to
# POST /v1/score of a release build of `iid serve`, first for a short
# warm-up, then twice for SECONDS each; it reports the requests per second,
# the latency percentiles (p99) and the errors of each run, and the
# server's resident memory before and after, so that the second run (at
# least 100,000 requests) shows whether memory stays flat.
#
#   bash scripts/load.sh [SECONDS]        # default 20 s per run, about 45 s in all
#
# Goals (docs/service.md), with wrk on the same 2-core machine: at least
# 5,000 requests/s, p99 under 20 ms, no errors, memory flat across 100,000
# requests (the second run grows the RSS by less than 5 %). The exit status
# is 1 when a goal is missed. Not part of scripts/test.sh: figures depend on
# the machine and its load.
#
# Environment: IID_LOAD_CONNECTIONS (default 16), IID_LOAD_THREADS (wrk
# threads, default 1), RUST_LOG (the server's log level, default info: one
# line per request, written to a file as a deployment would).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
connections="${IID_LOAD_CONNECTIONS:-16}"
threads="${IID_LOAD_THREADS:-1}"

if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get install -y -qq wrk || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk; }
fi
echo "==> release build of iid (cargo build --release -p iid-cli)"
cargo build --release -q -p iid-cli
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac

work="$(mktemp -d)"
"$target/release/iid" serve --addr 127.0.0.1:0 >"$work/out" 2>"$work/server.log" &
pid=$!
cleanup() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  grep -q 'listening on' "$work/out" 2>/dev/null && break
  sleep 0.1
done
base="$(sed -n 's/^iid serve: listening on //p' "$work/out")"
case "$base" in http://127.*) ;; *) echo "load.sh: no loopback address from iid serve" >&2; exit 1 ;; esac

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("examples/kabupaten-contoh.json", "rb"))
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
LUA

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
run() {
  wrk -t"$threads" -c"$connections" -d"$1"s --latency -s "$work/post.lua" "$base/v1/score" >"$work/wrk.txt"
}

# The answer must be the score of the example before anything is measured.
curl -sS -H 'Content-Type: application/json' --data-binary @examples/kabupaten-contoh.json \
  "$base/v1/score" | grep -q '"index":"37.98"' || { echo "load.sh: wrong answer" >&2; exit 1; }

rss_start=$(rss)
echo "==> warm-up, 3 s"
run 3
rss_warm=$(rss)
failed=0
declare -a rss_after
for i in 1 2; do
  echo "==> run $i: wrk -t$threads -c$connections -d${seconds}s --latency -s post.lua $base/v1/score"
  run "$seconds"
  sed -n '/Latency Distribution/,/Transfer/p' "$work/wrk.txt" | grep -v RESULT
  read -r _ requests micros p50 p99 non2xx sockerr < <(grep '^RESULT' "$work/wrk.txt")
  rss_after[$i]=$(rss)
  awk -v n="$requests" -v us="$micros" -v p50="$p50" -v p99="$p99" -v s="$non2xx" -v e="$sockerr" 'BEGIN {
    printf "run: %d requests in %.1f s: %.0f requests/s; latency p50 %.2f ms, p99 %.2f ms; non-2xx %d, socket errors %d\n",
      n, us / 1e6, n / (us / 1e6), p50 / 1000, p99 / 1000, s, e }'
  if ! awk -v n="$requests" -v us="$micros" -v p99="$p99" -v s="$non2xx" -v e="$sockerr" \
      'BEGIN { exit !(n / (us / 1e6) >= 5000 && p99 < 20000 && s == 0 && e == 0) }'; then
    echo "GOAL MISSED in run $i (5,000 requests/s, p99 under 20 ms, no errors)"
    failed=1
  fi
  if [ "$i" -eq 2 ] && [ "$requests" -lt 100000 ]; then
    echo "GOAL NOT MEASURED: run 2 made fewer than 100,000 requests; give more SECONDS"
    failed=1
  fi
done
echo "==> resident memory (VmRSS): start ${rss_start} kB, after warm-up ${rss_warm} kB, after run 1 ${rss_after[1]} kB, after run 2 ${rss_after[2]} kB"
if awk -v a="${rss_after[1]}" -v b="${rss_after[2]}" 'BEGIN { exit !(b <= a * 1.05) }'; then
  echo "memory flat across run 2 (growth under 5 %)"
else
  echo "GOAL MISSED: memory grew more than 5 % across run 2"
  failed=1
fi
kill -TERM "$pid"
wait "$pid" || { echo "load.sh: the server did not stop cleanly" >&2; failed=1; }
trap 'rm -rf "$work"' EXIT
echo "==> server: $(grep -c 'answered' "$work/server.log") requests logged; stopped on SIGTERM"
exit "$failed"
