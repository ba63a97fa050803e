#!/usr/bin/env bash
# Property-based testing of the HTTP service from the OpenAPI document it
# serves, with schemathesis (PyPI): every route, with generated valid and
# invalid requests (examples, coverage, fuzzing and stateful phases). It
# fails on a server error (5xx), a status, content type or header the
# document does not list, an answer that does not match its schema, a
# schema-invalid request accepted, a wrong answer to an undeclared method.
#
# One check is left out, `positive_data_acceptance` ("a schema-valid
# request must be accepted"): the JSON Schemas describe the shape of a
# submission, while the format's rules (the rubric's indicator codes, a
# methodology or a rubric, a level within its indicator's parameters) are
# the engine's and are answered 422 by design.
#
#   bash crates/iid-server/test.sh [schemathesis arguments]
#
# Idempotent and fresh-machine safe: it creates (or reuses) the virtualenv
# $REPO/.venv (as bindings/python/test.sh does) and installs schemathesis
# into it when missing, builds the iid command line, serves on a free
# loopback port, and stops the server with SIGTERM at the end (which must
# exit cleanly). Bounded: IID_SCHEMATHESIS_EXAMPLES cases per route and
# phase (default 30; about half a minute on a 2-core machine).
#
# Environment: IID_VENV (virtualenv, default $REPO/.venv), PYTHON
# (interpreter for a new virtualenv, default python3),
# IID_SCHEMATHESIS_EXAMPLES, IID_SCHEMATHESIS_SEED (default 2025).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="${IID_VENV:-$REPO/.venv}"
PYTHON="${PYTHON:-python3}"
EXAMPLES="${IID_SCHEMATHESIS_EXAMPLES:-30}"
SEED="${IID_SCHEMATHESIS_SEED:-2025}"

say() { printf -- '--> %s\n' "$*"; }

command -v "$PYTHON" >/dev/null || { echo "test.sh: $PYTHON not found" >&2; exit 1; }
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  say "virtualenv $VENV"
  if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    # Debian splits venv (ensurepip) into python3-venv.
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    ver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "python${ver}-venv" || $SUDO apt-get install -y -qq python3-venv
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
  fi
fi
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q 'version 4\.'; then
  say "pip install schemathesis"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "schemathesis>=4,<5"
fi
"$VENV/bin/schemathesis" --version

say "iid command line"
(cd "$REPO" && cargo build -q -p iid-cli)
TARGET="${CARGO_TARGET_DIR:-target}"
case "$TARGET" in /*) ;; *) TARGET="$REPO/$TARGET" ;; esac

work="$(mktemp -d)"
"$TARGET/debug/iid" serve --addr 127.0.0.1:0 >"$work/out" 2>"$work/log" &
pid=$!
stop() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
for _ in $(seq 1 300); do
  grep -q 'listening on' "$work/out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; echo "test.sh: iid serve did not start" >&2; exit 1; }
  sleep 0.1
done
base="$(sed -n 's/^iid serve: listening on //p' "$work/out")"
[ -n "$base" ] || { echo "test.sh: no address from iid serve" >&2; exit 1; }
say "schemathesis against $base/openapi.json ($EXAMPLES cases per route and phase, seed $SEED)"

# Run from the scratch directory: schemathesis keeps a cache where it runs.
(cd "$work" && "$VENV/bin/schemathesis" run "$base/openapi.json" \
  --checks all --exclude-checks positive_data_acceptance \
  --max-examples "$EXAMPLES" --seed "$SEED" \
  --generation-database none --no-color "$@")

say "the server still answers, and stops cleanly on SIGTERM"
kill -0 "$pid" || { echo "test.sh: the server died" >&2; exit 1; }
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
trap 'rm -rf "$work"' EXIT
if [ "$status" -ne 0 ] || ! grep -q 'iid serve: stopped' "$work/out"; then
  cat "$work/log" >&2
  echo "test.sh: iid serve exited with status $status" >&2
  exit 1
fi
if grep -E ' (WARN|ERROR) ' "$work/log" >&2; then
  echo "test.sh: the server logged warnings or errors (above)" >&2
  exit 1
fi
say "schemathesis: no server error; $(grep -c 'answered' "$work/log") requests answered"
