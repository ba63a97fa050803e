#!/usr/bin/env bash
# Builds and tests the WebAssembly package and the calculator page:
#
#   bash bindings/wasm/test.sh
#
# 1. build.sh (package, types, page);
# 2. the Node tests: every shared vector (tests/vectors/*.json) against the
#    native CLI's answers, the other entry points, hostile input, the
#    TypeScript declarations;
# 3. the browser test: the page served on a free localhost port, driven in
#    Debian's Chromium by playwright-core; leaves target/wasm-page.png and
#    target/wasm-page-plan.png.
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
export IID_CLI="$root/target/debug/iid"

# Debian's Chromium (playwright cannot download a browser here).
apt_install chromium
export IID_CHROMIUM="${IID_CHROMIUM:-/usr/bin/chromium}"

cd "$here"
log "Node tests"
node --test tests/vectors.test.mjs tests/api.test.mjs tests/plan.test.mjs tests/years.test.mjs tests/decimal.test.mjs tests/types.test.mjs
log "browser test"
node --test tests/browser/page.test.mjs
log "screenshots: $root/target/wasm-page.png, $root/target/wasm-page-plan.png"
