#!/usr/bin/env bash
# Builds and tests the WebAssembly package and the calculator page:
#
#   bash bindings/wasm/test.sh
#
# 1. build.sh (package, types, page);
# 2. the Node tests: every shared vector (tests/vectors/*.json) against the
#    native CLI's answers, the other entry points, hostile input, the
#    TypeScript declarations;
# 3. the browser tests: the page served on a free localhost port, driven in
#    Debian's Chromium by playwright-core: the calculator against the
#    engine, every view at 360 to 1920 px, print, offline use and updates,
#    axe-core and the keyboard, per-edit timings on 200 innovations. They
#    leave screenshots, target/wasm-page-print.pdf and
#    target/wasm-page-timings.json.
# Fresh-machine safe and idempotent: installs only what is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

log() { echo "test.sh: $*" >&2; }
# shellcheck source=bindings/wasm/apt.sh
source "$here/apt.sh"

command -v node >/dev/null 2>&1 || apt_install nodejs npm
bash "$here/build.sh"

# The native CLI whose answers the package must reproduce.
cargo build --quiet -p iid-cli
export IID_CLI="${CARGO_TARGET_DIR:-$root/target}/debug/iid"

# Debian's Chromium (playwright cannot download a browser here).
apt_install chromium
export IID_CHROMIUM="${IID_CHROMIUM:-/usr/bin/chromium}"

cd "$here"
log "Node tests"
# Every test file of tests/ (a new one runs without being listed here).
node --test tests/*.test.mjs
log "browser tests"
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils
# One file at a time (the timings are measured with the machine to
# themselves), every file even after a failure.
failed=()
for f in tests/browser/*.test.mjs; do
  node --test "$f" || failed+=("$f")
done
[ ${#failed[@]} -eq 0 ] || die "browser tests failed: ${failed[*]}"
log "screenshots: $root/target/wasm-page-*.png, $root/target/report-*.png; timings: $root/target/wasm-page-timings.json"
