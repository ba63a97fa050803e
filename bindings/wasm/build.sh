#!/usr/bin/env bash
# Builds the WebAssembly package into bindings/wasm/pkg and the calculator
# page into bindings/wasm/www (see bindings/wasm/README.md).
#
#   bash bindings/wasm/build.sh
#
# Route: the ordinary one (a Rust toolchain with the wasm32-unknown-unknown
# target) when it is installed or `rustup target add` can get it; else
# Debian's Rust (rustc-web, cargo-web, rust-web-src, lld-19) building std
# from source. IID_WASM_ROUTE=ordinary|debian forces one.
# Idempotent: installs only what is missing; cargo rebuilds only what changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

triple=wasm32-unknown-unknown
profile=wasm-release
# A separate target dir: the wasm build never invalidates host builds.
target_dir="${IID_WASM_TARGET_DIR:-$root/target/wasm-build}"
tools="$root/target/tools"
pkg="$here/pkg"
www="$here/www"

log() { echo "build.sh: $*" >&2; }
# shellcheck source=bindings/wasm/apt.sh
source "$here/apt.sh"

# ---------------------------------------------------------------- wasm build

ordinary_ready() {
  command -v rustc >/dev/null 2>&1 || return 1
  local libdir
  libdir="$(rustc --print target-libdir --target "$triple" 2>/dev/null)" || return 1
  compgen -G "$libdir/libstd-*.rlib" >/dev/null
}

# Try `rustup target add` once per target dir; remember a failure (on this
# project's machines rustup's download host is unreachable and it hangs).
try_rustup() {
  local marker="$target_dir/.rustup-wasm32-unavailable"
  command -v rustup >/dev/null 2>&1 || return 1
  [ -e "$marker" ] && return 1
  log "trying: rustup target add $triple"
  if timeout "${IID_RUSTUP_TIMEOUT:-60}" rustup target add "$triple" >/dev/null 2>&1 && ordinary_ready; then
    return 0
  fi
  mkdir -p "$target_dir" && touch "$marker"
  log "rustup cannot install $triple here; using Debian's Rust with std from source"
  return 1
}

# Each module is its own cargo build: the office module's features
# (workbooks, the HTML report) must not reach the scoring module.
build_ordinary() {
  local package="$1"
  shift
  log "building $package $* with $(rustc -V) and its $triple target"
  cargo build --profile "$profile" --target "$triple" -p "$package" --target-dir "$target_dir" "$@"
}

build_debian() {
  local package="$1"
  shift
  apt_install rustc-web cargo-web rust-web-src lld-19
  [ -d /usr/lib/rustlib/src/rust/library ] || die "rust-web-src did not install the std source"
  log "building $package $* with $(/usr/bin/rustc -V) and std from source (Debian route)"
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    /usr/bin/cargo build --profile "$profile" --target "$triple" \
    -Zbuild-std=std,panic_abort -p "$package" --target-dir "$target_dir" "$@"
}

case "${IID_WASM_ROUTE:-auto}" in
  ordinary) route=build_ordinary ;;
  debian) route=build_debian ;;
  auto)
    if ordinary_ready || try_rustup; then route=build_ordinary; else route=build_debian; fi ;;
  *) die "IID_WASM_ROUTE must be ordinary, debian or auto" ;;
esac
# Three modules: the scoring module (iid_wasm) every page loads; the
# national module (iid_national: the same engine plus the marginal table
# and the planner, ranking, the award stages, verification risk and a
# region's years) and the office module (iid_wasm_office: workbooks, the
# HTML report), loaded on demand where a page needs them.
# The scoring module has its own profile (Cargo.toml, wasm-scoring: the
# iid crate optimised for speed within the 300 KB budget); the modules
# loaded on demand stay optimised for size.
scoring_out="$target_dir/$triple/wasm-scoring"
profile=wasm-scoring $route iid-wasm
[ -f "$scoring_out/iid_wasm.wasm" ] || die "no $scoring_out/iid_wasm.wasm"
wasm="$target_dir/iid_wasm.wasm"
cp "$scoring_out/iid_wasm.wasm" "$wasm"
out="$target_dir/$triple/$profile"
$route iid-wasm --features national,years,planning
national="$target_dir/iid_national.wasm"
cp "$out/iid_wasm.wasm" "$national"
$route iid-wasm-office
office="$out/iid_wasm_office.wasm"
[ -f "$office" ] || die "no $office"

# ------------------------------------------------------- wasm-bindgen (CLI)

# The CLI must be the version of the wasm-bindgen crate in Cargo.lock.
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
[ -n "$want" ] || die "wasm-bindgen not found in Cargo.lock"
bindgen=""
for candidate in "$tools/bin/wasm-bindgen" "$(command -v wasm-bindgen || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$("$candidate" --version 2>/dev/null)" = "wasm-bindgen $want" ]; then
    bindgen="$candidate"
    break
  fi
done
if [ -z "$bindgen" ]; then
  log "installing wasm-bindgen-cli $want into $tools (a few minutes, once)"
  # --locked first; its lockfile may pin a crate the registry mirror lacks.
  mkdir -p "$target_dir"
  if ! cargo install --quiet --root "$tools" wasm-bindgen-cli --version "$want" --locked \
      2>"$target_dir/wasm-bindgen-locked.log"; then
    log "--locked install failed (see $target_dir/wasm-bindgen-locked.log); resolving afresh"
    cargo install --quiet --root "$tools" wasm-bindgen-cli --version "$want"
  fi
  bindgen="$tools/bin/wasm-bindgen"
fi

# ------------------------------------------------- npm tools (for the types)

if [ ! -f "$here/node_modules/.package-lock.json" ] ||
   [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  log "npm ci (bindings/wasm/node_modules)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# --------------------------------------------------------------- the package

stage="$target_dir/pkg-stage"
rm -rf "$stage"
mkdir -p "$stage/node"
# web: ES module + init() for pages and bundlers; node: CommonJS, loads itself.
for module in "$wasm" "$national" "$office"; do
  "$bindgen" --target web --remove-name-section --remove-producers-section --out-dir "$stage" "$module"
  "$bindgen" --target nodejs --remove-name-section --remove-producers-section --out-dir "$stage/node" "$module"
done

# TypeScript types generated from the core's Rust types via JSON Schema.
cargo run --quiet --release -p iid-wasm --example schemas > "$stage/iid-types.schema.json"
"$here/node_modules/.bin/json2ts" -i "$stage/iid-types.schema.json" -o "$stage/iid-types.d.ts" \
  --no-additionalProperties --unknownAny \
  --bannerComment "/* Generated by bindings/wasm/build.sh from the JSON Schemas of the iid crate's types. Do not edit. */"
cp "$stage/iid-types.d.ts" "$stage/node/iid-types.d.ts"

version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
cat > "$stage/package.json" <<EOF
{
  "name": "iid-wasm",
  "version": "$version",
  "description": "Exact scoring for Indonesia's Regional Innovation Index (Indeks Inovasi Daerah), in WebAssembly",
  "license": "Apache-2.0",
  "type": "module",
  "main": "./node/iid_wasm.js",
  "module": "./iid_wasm.js",
  "types": "./iid_wasm.d.ts",
  "exports": {
    ".": {
      "node": { "types": "./node/iid_wasm.d.ts", "default": "./node/iid_wasm.js" },
      "default": { "types": "./iid_wasm.d.ts", "default": "./iid_wasm.js" }
    },
    "./web": { "types": "./iid_wasm.d.ts", "default": "./iid_wasm.js" },
    "./national": {
      "node": { "types": "./node/iid_national.d.ts", "default": "./node/iid_national.js" },
      "default": { "types": "./iid_national.d.ts", "default": "./iid_national.js" }
    },
    "./office": {
      "node": { "types": "./node/iid_wasm_office.d.ts", "default": "./node/iid_wasm_office.js" },
      "default": { "types": "./iid_wasm_office.d.ts", "default": "./iid_wasm_office.js" }
    },
    "./iid_wasm_office_bg.wasm": "./iid_wasm_office_bg.wasm",
    "./iid_wasm_bg.wasm": "./iid_wasm_bg.wasm",
    "./iid_national_bg.wasm": "./iid_national_bg.wasm",
    "./package.json": "./package.json"
  },
  "sideEffects": false
}
EOF
echo '{ "type": "commonjs" }' > "$stage/node/package.json"
rm -f "$stage/iid-types.schema.json"

rm -rf "$pkg"
mv "$stage" "$pkg"

# ------------------------------------------------------------------ the page

rm -rf "$www/pkg"
mkdir -p "$www/pkg"
cp "$pkg/iid_wasm.js" "$pkg/iid_wasm_bg.wasm" "$pkg/iid_national.js" "$pkg/iid_national_bg.wasm" \
  "$pkg/iid_wasm_office.js" "$pkg/iid_wasm_office_bg.wasm" "$www/pkg/"

# The build of the page, for its service worker (www/sw.js): a hash of
# every file the page is made of, and their list. A change to any of them
# makes a new build, which an installed page announces ("a new version is
# available"). Paths are relative, so the page works at any address.
{
  cd "$www"
  files=()
  while IFS= read -r -d '' f; do files+=("${f#./}"); done < <(
    find . -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \
      -o -name '*.webmanifest' -o -name '*.png' -o -name '*.svg' \) \
      ! -name sw.js ! -name build-info.js -print0 | LC_ALL=C sort -z)
  # The worker itself is in the hash, not in the list (it is never cached).
  build_id="$(for f in "${files[@]}" sw.js; do printf '%s\0' "$f"; cat "$f"; done | sha256sum | cut -c1-12)"
  {
    echo "// Written by bindings/wasm/build.sh: the page's build and its files, for sw.js. Do not edit."
    printf 'self.IID_BUILD = {\n  id: "%s",\n  files: [\n' "$build_id"
    # This file too: the page reads the build it runs from it.
    for f in "${files[@]}" build-info.js; do
      # The page itself is cached under its folder's address ("./").
      [ "$f" = index.html ] && f="./"
      printf '    "%s",\n' "$f"
    done
    printf '  ],\n};\n'
  } > build-info.js
  cd "$root"
}

raw=$(stat -c %s "$pkg/iid_wasm_bg.wasm")
gz=$(gzip -9c "$pkg/iid_wasm_bg.wasm" | wc -c)
ngz=$(gzip -9c "$pkg/iid_national_bg.wasm" | wc -c)
ogz=$(gzip -9c "$pkg/iid_wasm_office_bg.wasm" | wc -c)
log "built $pkg (iid_wasm_bg.wasm: $raw bytes, $gz gzipped; on demand: iid_national_bg.wasm $ngz, iid_wasm_office_bg.wasm $ogz gzipped) and $www (build $build_id, ${#files[@]} files)"
