#!/usr/bin/env bash
# Fuzzes the core's JSON-text API (fuzz/, cargo-fuzz with libFuzzer): every
# target for SECONDS_PER_TARGET seconds (default 15), one after another,
# each from a fresh copy of its committed seed corpus (fuzz/corpus/<target>),
# which is never grown. Exits non-zero when a target crashes (a panic, a
# broken invariant, a timeout or running out of memory); the input is kept
# in fuzz/artifacts/<target>/ and its reproduction command is printed.
#
#   scripts/fuzz.sh            # 15 s per target
#   scripts/fuzz.sh 120        # 2 min per target
#
# Environment:
#   FUZZ_TARGETS    targets to run (default: every target of `cargo fuzz list`)
#   FUZZ_TIMEOUT    seconds one input may take before it counts as a hang (25)
#   FUZZ_RSS_MB     memory limit in MB (2048)
#   FUZZ_SANITIZER  none (default: the core has no unsafe code) or address
#                   (slower; needs nightly features, enabled on stable via
#                   RUSTC_BOOTSTRAP=1)
#   FUZZ_VERBOSE=1  show libFuzzer's output as it runs
#
# When fuzz targets cannot be built on this machine (no libFuzzer for the
# platform, no C++ compiler, cargo-fuzz not installable), it prints
# "fuzz: skipped because ..." and exits 0. A fuzz target that does not
# compile is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-15}"
case "$secs" in
  '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2; exit 2 ;;
esac
[ "$secs" -gt 0 ] || { echo "fuzz: SECONDS_PER_TARGET must be positive" >&2; exit 2; }
timeout_s="${FUZZ_TIMEOUT:-25}"
rss_mb="${FUZZ_RSS_MB:-2048}"
sanitizer="${FUZZ_SANITIZER:-none}"

skip() {
  echo "fuzz: skipped because $*"
  exit 0
}

command -v cargo >/dev/null || skip "cargo is not installed"
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/aarch64 | Darwin/x86_64 | Darwin/arm64) ;;
  *) skip "libFuzzer is not supported on $(uname -s)/$(uname -m)" ;;
esac
# libfuzzer-sys builds libFuzzer itself, from C++.
command -v c++ >/dev/null || command -v clang++ >/dev/null || command -v g++ >/dev/null ||
  skip "no C++ compiler to build libFuzzer (install g++ or clang)"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz ||
    skip "cargo-fuzz could not be installed (cargo install cargo-fuzz failed)"
fi
# cargo-fuzz's instrumentation flags are stable, but sanitizers (-Z) need
# nightly features: allow them on a stable toolchain. Set the same way for
# every build so the build cache stays valid.
if ! rustc --version | grep -q nightly; then
  export RUSTC_BOOTSTRAP=1
fi

fuzz_flags=(--sanitizer "$sanitizer")

work="$(mktemp -d "${TMPDIR:-/tmp}/iid-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "==> building fuzz targets (cargo fuzz build, sanitizer $sanitizer)"
if ! cargo fuzz build "${fuzz_flags[@]}" >"$work/build.log" 2>&1; then
  # The project's own code failing to compile is a failure; anything else
  # (libFuzzer's C++ build, linking, an unsupported flag) is the toolchain.
  if grep -Eq 'could not compile `iid|^error\[E[0-9]+\]' "$work/build.log"; then
    cat "$work/build.log" >&2
    echo "fuzz: the fuzz targets do not compile" >&2
    exit 1
  fi
  tail -n 30 "$work/build.log"
  reason="$(grep -m1 -E '^error' "$work/build.log" || tail -n 1 "$work/build.log")"
  skip "this toolchain cannot build fuzz targets: ${reason}"
fi

if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  mapfile -t targets < <(cargo fuzz list)
fi

failed=()
summary=()
for t in "${targets[@]}"; do
  echo "==> fuzzing $t for ${secs}s"
  corpus="$work/corpus-$t"
  mkdir -p "$corpus"
  if [ -d "fuzz/corpus/$t" ]; then
    cp -R "fuzz/corpus/$t/." "$corpus/"
  fi
  log="$work/$t.log"
  status=0
  args=(run "${fuzz_flags[@]}" "$t" "$corpus" --
    -max_total_time="$secs" -timeout="$timeout_s" -rss_limit_mb="$rss_mb"
    -print_final_stats=1)
  if [ "${FUZZ_VERBOSE:-0}" = 1 ]; then
    cargo fuzz "${args[@]}" 2>&1 | tee "$log" || status=$?
  else
    cargo fuzz "${args[@]}" >"$log" 2>&1 || status=$?
  fi
  runs="$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
  rate="$(grep -m1 -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
  done_line="$(grep -m1 -E '^Done [0-9]+ runs in [0-9]+ second' "$log" || true)"
  took="$(sed -E 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/' <<<"$done_line")"
  last="$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 || true)"
  cov="$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)"
  ft="$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)"
  corp="$(grep -o 'corp: [0-9]*' <<<"$last" | grep -o '[0-9]*' || true)"
  line="$(printf '%-11s runs %-9s time %4ss  exec/s %-6s cov %-6s ft %-6s corpus %s' \
    "$t" "${runs:-?}" "${took:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")"
  if [ "$status" -ne 0 ]; then
    echo "---- $t: libFuzzer output (last 60 lines, long lines cut) ----"
    tail -n 60 "$log" | cut -c1-300
    echo "----"
    artifact="$(grep -o 'Test unit written to [^ ]*' "$log" | tail -n 1 | sed 's/^Test unit written to //' || true)"
    if [ -n "$artifact" ]; then
      echo "$t: crash input $artifact"
      echo "$t: reproduce with: ${RUSTC_BOOTSTRAP:+RUSTC_BOOTSTRAP=1 }cargo fuzz run ${fuzz_flags[*]} $t $artifact"
    fi
    failed+=("$t")
    line="$line  FAILED (exit $status)"
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "==> fuzz summary (${secs}s per target)"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz: no crashes"
