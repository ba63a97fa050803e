"""Benchmark on the synthetic national dataset (548 regions, 36,742
innovations: the 2025 round), everything in one process and one run:

- the Rust core with no Python in the loop (``iid._iid.time_core_national``):
  the same column work as ``score_frames``, and for context the core's
  other national paths. Those timings are built only with the ``bench``
  feature (``maturin develop --release --features bench`` in
  ``bindings/python``, or ``MATURIN_PEP517_ARGS="--features bench" pip
  install ./bindings/python``); without it their rows are left out;
- ``iid.score_frames`` on the two tables (regions, innovations), as
  ``iid.to_frames`` lays them out (``region`` and ``urusan`` categorical)
  and with those two columns as plain text (as ``read_csv`` gives them);
- ``iid.score_many`` on the list of submission dicts;
- a vectorised pandas implementation of the formula with floats
  (``baselines.vectorised_pandas``), on the same two layouts;
- plain Python with ``decimal.Decimal`` (``baselines.plain_python``).

Each figure is the best of ``--repeat`` rounds; the rounds are
interleaved (each implementation in turn) so that a busy machine weighs
on all of them alike, each round in its own seeded order, since what
runs just before a call weighs on it too (right after the core's own
timings, which free large buffers, ``score_frames`` took 1.88 ms against
1.61 ms after itself). Within a round an implementation runs ``--warm``
times back to back (default 3) and its last run counts: on a virtual
machine the first call after any pause (even a 0.16 s sleep) runs with
cold caches and page tables and costs several milliseconds more whatever
the implementation, which would swamp a 2 ms call (``--warm 1`` shows
it).
The results are cross-checked: score_frames, score_many, the core and
plain Python must agree on every region's index; the float implementation's
disagreements are counted.

    python bindings/python/bench/bench_national.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pandas as pd  # noqa: E402

import iid  # noqa: E402
from baselines import plain_python, vectorised_pandas  # noqa: E402
from iid import _iid  # noqa: E402


def last(fn: Callable[[], Any], warm: int) -> tuple[float, Any]:
    """The time of the last of ``warm`` runs back to back, and its output."""
    took, out = float("inf"), None
    for _ in range(max(1, warm)):
        t = time.perf_counter()
        out = fn()
        took = time.perf_counter() - t
    return took, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--regions", type=int, default=548)
    ap.add_argument("--innovations", type=int, default=36742)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--methodology", default="iid-2026")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--warm", type=int, default=3, help="runs back to back per round; the last counts")
    a = ap.parse_args()

    rubric = iid.Rubric.get(a.methodology)
    subs = iid.synthetic_national(a.regions, a.innovations, a.seed, a.methodology)
    regions, innovations = iid.to_frames(subs)
    text = innovations.copy()
    for c in ("region", "urusan"):
        text[c] = text[c].astype(str).where(innovations[c].notna(), None)
    print(
        f"dataset: {len(regions)} regions, {len(innovations)} innovations, {a.methodology}, seed {a.seed}; "
        f"python {platform.python_version()}, pandas {pd.__version__}, iid {iid.__version__}, "
        f"{os.cpu_count()} cores"
    )

    runs: dict[str, Callable[[], Any]] = {
        "frames": lambda: iid.score_frames(regions, innovations),
        "frames_text": lambda: iid.score_frames(regions, text),
        "many": lambda: iid.score_many(subs),
        "many1": lambda: iid.score_many(subs, threads=1),
        "pandas": lambda: vectorised_pandas(regions, innovations, rubric),
        "pandas_text": lambda: vectorised_pandas(regions, text, rubric),
        "python": lambda: plain_python(subs, rubric),
    }
    times: dict[str, float] = {k: float("inf") for k in runs}
    out: dict[str, Any] = {}
    core: dict[str, Any] = {}
    timed = getattr(_iid, "time_core_national", None)
    if timed is None:
        print("(native timings not built: the Rust-core rows are left out; see the docstring)")
    # Each round runs the implementations (and the core's timings) in its
    # own seeded shuffle: what runs just before a call weighs on it (the
    # core's timings free large buffers; plain Python leaves a large heap),
    # so no implementation always follows the same one.
    shuffle = random.Random(a.seed).shuffle
    for _ in range(a.repeat):
        order = [*runs, *(["core"] if timed is not None else [])]
        shuffle(order)
        for k in order:
            if k == "core":
                c = timed(a.methodology, a.regions, a.innovations, a.seed, 1)
                for key in ("columns", "summary", "submissions", "json_submissions"):
                    core[key] = min(core.get(key, float("inf")), c[key])
                core["index_exact"] = c["index_exact"]
                continue
            t, out[k] = last(runs[k], a.warm)
            times[k] = min(times[k], t)
    t_frames, frames = times["frames"], out["frames"]
    t_frames_text, frames_text = times["frames_text"], out["frames_text"]
    t_many, many = times["many"], out["many"]
    t_many1 = times["many1"]
    t_pandas, floats = times["pandas"], out["pandas"]
    t_pandas_text = times["pandas_text"]
    t_python, exact = times["python"], out["python"]

    # Cross-checks.
    frames_index = [str(x) for x in frames["index"]]
    assert frames_index == [str(x) for x in many["index"]], "score_frames and score_many disagree"
    assert frames_index == [str(x) for x in frames_text["index"]], "the two layouts disagree"
    if core:
        assert [str(x) for x in frames["index_exact"]] == core["index_exact"], "score_frames and the core disagree"
    assert frames_index == [i for i, _ in exact], "score_frames and plain Python (Decimal) disagree"
    assert list(frames["predicate"]) == [p for _, p in exact]
    float_index = [f"{x:.2f}" for x in floats["index"]]
    index_diff = sum(x != y for x, y in zip(float_index, frames_index))
    pred_diff = sum(x != y for x, y in zip(floats["predicate"], frames["predicate"]))

    rows = [
        *([("Rust core, columns (no Python)", core["columns"])] if core else []),
        ("iid.score_frames, categorical", t_frames),
        ("iid.score_frames, text columns", t_frames_text),
        ("iid.score_many, dicts (all cores)", t_many),
        ("iid.score_many, dicts (1 thread)", t_many1),
        ("vectorised pandas, categorical", t_pandas),
        ("vectorised pandas, text columns", t_pandas_text),
        ("plain Python, Decimal, dicts", t_python),
    ]
    print()
    print(f"{'implementation':<36}{'seconds':>12}{'ms':>11}")
    for name, t in rows:
        print(f"{name:<36}{t:>12.6f}{t * 1000:>11.2f}")
    print()
    if core:
        print("core, other paths (context):")
        print(f"  summary over prepared matrices   {core['summary'] * 1000:9.2f} ms")
        print(f"  parsed submissions -> rows       {core['submissions'] * 1000:9.2f} ms")
        print(f"  JSON text -> rows, 1 thread      {core['json_submissions'] * 1000:9.2f} ms")
        print()
    goals = [
        *([("score_frames / Rust core (categorical)", t_frames / core["columns"], "<=", 3.0)] if core else []),
        ("pandas / score_frames (categorical)", t_pandas / t_frames, ">=", 5.0),
        ("pandas / score_frames (text columns)", t_pandas_text / t_frames_text, ">=", 5.0),
        ("plain Python / score_frames (categ.)", t_python / t_frames, ">=", 100.0),
        ("plain Python / score_many", t_python / t_many, ">=", 5.0),
    ]
    print(f"{'ratio':<40}{'value':>8}   goal")
    for name, v, op, goal in goals:
        ok = v <= goal if op == "<=" else v >= goal
        print(f"{name:<40}{v:>8.1f}x  {op} {goal:g}x  {'met' if ok else 'missed'}")
    print()
    print(
        f"agreement: score_frames = score_many{' = core' if core else ''} = plain Python on all {len(frames)} indices; "
        f"float pandas differs on {index_diff} rounded indices and {pred_diff} predicates"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
