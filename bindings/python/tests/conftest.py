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
