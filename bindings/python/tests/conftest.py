"""Shared paths and helpers of the Python suite."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "tests" / "vectors"
EXAMPLES = REPO / "examples"
DATA = Path(__file__).resolve().parent / "data"


def vector_files() -> list[Path]:
    """Every shared test vector (tests/vectors/*.json), sorted."""
    return sorted(VECTORS.glob("*.json"))


def load_vector(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def vector_input(v: dict):
    """The vector's submission: the dict of `input`, or the raw `input_text`."""
    if "input" in v:
        return v["input"]
    return v["input_text"]


def vector_rubric(v: dict):
    return VECTORS / v["rubric"] if "rubric" in v else None


def mismatch(want, got, at="$"):
    """Where `got` differs from the subset `want` (the Rust runner's rule),
    or None: every key of a `want` object is in `got` with a matching value,
    lists match element by element (same length), anything else is equal
    (decimals are JSON text, so they compare as written)."""
    if isinstance(want, dict) and isinstance(got, dict):
        for k, w in want.items():
            if k not in got:
                return f"{at}.{k}: missing"
            m = mismatch(w, got[k], f"{at}.{k}")
            if m:
                return m
        return None
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (w, g) in enumerate(zip(want, got)):
            m = mismatch(w, g, f"{at}[{i}]")
            if m:
                return m
        return None
    return None if want == got else f"{at}: expected {want!r}, got {got!r}"


def assert_subset(want, got):
    """Fails, saying where, unless `got` contains the subset `want`."""
    m = mismatch(want, got)
    assert m is None, m


def cli_path() -> str | None:
    """The iid command line: $IID_CLI, else a workspace build, else PATH."""
    env = os.environ.get("IID_CLI")
    if env:
        return env
    for profile in ("release", "debug"):
        p = REPO / "target" / profile / "iid"
        if p.exists():
            return str(p)
    return shutil.which("iid")


@pytest.fixture(scope="session")
def cli() -> str:
    path = cli_path()
    if path is None:
        pytest.fail("the iid command line is not built: run `cargo build -p iid-cli` or set IID_CLI")
    return path
