#!/usr/bin/env bash
# Builds the Python package `iid` (release) into a virtualenv and runs its
# test suite. Idempotent; works on a fresh Debian machine with python3 and
# the Rust toolchain: it creates (or reuses) the virtualenv $REPO/.venv,
# installs maturin, pytest, pandas, numpy, mypy and openpyxl into it
# (and LibreOffice Calc through apt where it can), builds the iid
# command line (the suite compares every shared vector with it), then
# `pip install ./bindings/python`, checks the type stubs against the built
# module (mypy stubtest) and runs `pytest bindings/python/tests`.
#
#   bash bindings/python/test.sh [pytest arguments]
#
# Environment: IID_VENV (virtualenv path, default $REPO/.venv), PYTHON
# (interpreter for a new virtualenv, default python3).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VENV="${IID_VENV:-$REPO/.venv}"
PYTHON="${PYTHON:-python3}"

say() { printf -- '--> %s\n' "$*"; }

command -v "$PYTHON" >/dev/null || { echo "test.sh: $PYTHON not found" >&2; exit 1; }
command -v cargo >/dev/null || { echo "test.sh: cargo not found: install Rust (rustup)" >&2; exit 1; }

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  say "virtualenv $VENV"
  if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    # Debian splits venv (ensurepip) into python3-venv.
    if command -v apt-get >/dev/null; then
      SUDO=""
      [ "$(id -u)" -eq 0 ] || SUDO="sudo"
      ver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
      $SUDO apt-get update -qq
      $SUDO apt-get install -y -qq "python${ver}-venv" || $SUDO apt-get install -y -qq python3-venv
    fi
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
  fi
fi
PY="$VENV/bin/python"
# The maturin build backend runs the `maturin` of the virtualenv.
export PATH="$VENV/bin:$PATH"

say "build and test tools"
"$PY" -m pip install -q --disable-pip-version-check "pip>=23" "maturin>=1.5,<2" "pytest>=7" "pandas>=1.5" "numpy>=1.22" "mypy>=1.8" "openpyxl>=3.1"

# LibreOffice Calc: one test saves a filled-in workbook again with it
# (skipped, and said so, where it cannot be installed).
if ! command -v soffice >/dev/null && command -v apt-get >/dev/null; then
  say "LibreOffice Calc (headless), for the workbook test saved by LibreOffice"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null 2>&1 ||
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; } ||
    say "LibreOffice could not be installed: test_saved_again_by_libreoffice will be skipped"
fi

say "iid command line (the vectors are compared with it)"
(cd "$REPO" && cargo build -q -p iid-cli)
TARGET="${CARGO_TARGET_DIR:-target}"
case "$TARGET" in /*) ;; *) TARGET="$REPO/$TARGET" ;; esac
export IID_CLI="$TARGET/debug/iid"

say "pip install ./bindings/python (release build)"
(cd "$REPO" && "$PY" -m pip install -q --disable-pip-version-check --no-build-isolation \
  --force-reinstall --no-deps ./bindings/python)

say "type stubs (mypy stubtest) and annotations (mypy)"
(cd "$REPO" && "$PY" -m mypy.stubtest iid._iid && "$PY" -m mypy --ignore-missing-imports "$HERE/python/iid")

say "pytest bindings/python/tests"
cd "$REPO"
"$PY" -m pytest -q -p no:cacheprovider "$HERE/tests" "$@"
