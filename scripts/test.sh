#!/usr/bin/env bash
# Runs every test of the project: Rust (format, lints, unit, integration,
# property, CLI, HTTP service and shared-vector tests), property-based
# API tests of the HTTP service (schemathesis), the Python package and the
# WebAssembly package with its browser test, then a short fuzzing run of
# every fuzz target from its committed seed corpus. Installs what the tests need,
# idempotently, so that it passes on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Rust toolchain"
command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup" >&2; exit 1; }
if command -v rustup >/dev/null; then
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
fi
cargo --version

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test"
# The HTTP service's tests call it with curl, as a PHP system would.
if ! command -v curl >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq curl
fi
cargo test --workspace

step "Python package"
bash bindings/python/test.sh

step "HTTP service: schemathesis from its OpenAPI document"
bash crates/iid-server/test.sh

step "WebAssembly package and calculator page"
bash bindings/wasm/test.sh

step "fuzzing (cargo-fuzz, 15 s per target)"
bash scripts/fuzz.sh 15

step "all tests passed"
