"""The example notebook (examples/notebook.py, percent format) runs as a
script and shows what it promises: the breakdown, the gap to the next
predicate for every bundled example, the chart when matplotlib is there."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import iid
from conftest import EXAMPLES, REPO

pytest.importorskip("pandas")


def test_notebook_runs_headless(tmp_path: Path):
    env = dict(os.environ, IID_NOTEBOOK_FIGURES=str(tmp_path), MPLBACKEND="Agg")
    out = subprocess.run(
        [sys.executable, str(REPO / "examples" / "notebook.py")],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "next predicate" in text and "gap (index points)" in text
    for f in sorted(EXAMPLES.glob("*.json")):
        r = iid.score(f)
        name = json.loads(f.read_text(encoding="utf-8"))["region"]["name"]
        assert name in text and str(r.index) in text
    assert "median_rank" in text and "first_order" in text
    if importlib.util.find_spec("matplotlib") is not None:
        assert (tmp_path / "gap-to-next-predicate.png").stat().st_size > 0
        assert (tmp_path / "median-rank-interval.png").stat().st_size > 0
