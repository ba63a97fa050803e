"""Robustness of the synthetic national ranking (548 regions, 36,742
innovations, iid-2026): ``iid.robustness`` against a vectorised numpy
implementation of the same sampling, measured in one run.

The same sampling on both sides: N sample rows of Saltelli's matrices A
and B (weights scaled by a factor uniform in 0.8-1.2 and renormalised,
the divisor fixed, every answer kept at its claimed level with
probability 0.6, else 0: the synthetic answers carry no evidence, class
``no_evidence``), the five evaluations per row (A, B and the three AB
matrices), each ranked by the published index (competition ranks), the
rank shifts' first-order and total indices (Saltelli 2010, Jansen) with
100 bootstrap resamples, and the 5th, 50th and 95th percentile rank of
every region.

numpy draws every answer's outcome (a Bernoulli per answer and ranking),
sums them per region and indicator with ``bincount``, and scores in
floats; iid draws each region and indicator's sum from its exact
distribution and scores in integers. numpy runs ``--numpy-samples`` rows
(its time per row is constant: the figure for N rows is that time × N,
printed as such); iid runs N.

    python bindings/python/bench/bench_robustness.py [--samples 10000] [--numpy-samples 500]
"""

from __future__ import annotations

import argparse
import json
import time
from decimal import Decimal

import numpy as np

import iid

KEEP = 0.6


def layout(subs, rubric):
    """Answers as arrays: region, slot (region rows, then innovation
    rows), claimed level; per region n and the count score's count."""
    region_codes = [i["code"] for i in rubric["indicators"] if _scope(rubric, i) == "region"]
    innovation_codes = [i["code"] for i in rubric["indicators"] if _scope(rubric, i) == "innovation"]
    slot = {c: k for k, c in enumerate(region_codes)}
    slot.update({c: len(region_codes) + k for k, c in enumerate(innovation_codes)})
    weights = {i["code"]: float(Decimal(i["weight"])) for i in rubric["indicators"]}
    tops = {i["code"]: len(i["parameters"]) for i in rubric["indicators"]}
    basic = {a["code"] for a in rubric["affairs"] if a.get("basic_service")}
    count = rubric["innovation_count"]
    reg, slots, level, n, counted = [], [], [], [], []
    for r, s in enumerate(subs):
        for code, l in s["spd"].items():
            if l:
                reg.append(r), slots.append(slot[code]), level.append(l)
        covered = set()
        for inv in s["innovations"]:
            for code, l in inv["levels"].items():
                if l:
                    reg.append(r), slots.append(slot[code]), level.append(l)
            if inv.get("urusan") in basic:
                covered.add(inv["urusan"])
        k = len(s["innovations"])
        n.append(k)
        counted.append(min(k, count["cap"]) if len(covered) >= count["basic_services_required"] else 0)
    codes = region_codes + innovation_codes
    w = np.array([weights[c] for c in codes] + [float(Decimal(count["points_per_innovation"]))])
    m = np.array([tops[c] for c in codes] + [count["cap"]], dtype=float)
    return (np.array(reg), np.array(slots), np.array(level, dtype=float), np.array(n, dtype=float),
            np.array(counted, dtype=float), w, m, len(region_codes), len(codes))


def _scope(rubric, indicator):
    variable = next(v for v in rubric["variables"] if v["code"] == indicator["variable"])
    return next(a for a in rubric["aspects"] if a["code"] == variable["aspect"])["scope"]


def competition(keys):
    """Competition ranks of each row of keys, the highest first."""
    s = np.sort(keys, axis=1)
    n = keys.shape[1]
    return np.stack([n - np.searchsorted(s[i], keys[i], side="right") + 1 for i in range(len(keys))])


def numpy_robustness(subs, rubric, samples, seed, chunk=8):
    reg, slots, level, n, counted, w, m, r_rows, k = layout(subs, rubric)
    regions = len(subs)
    d = float(rubric["aggregation"]["min_divisor"])
    D = np.maximum(d, n)
    group = reg * k + slots
    rng = np.random.default_rng(seed)

    def index(wt, v, blocked):
        # wt: (rows, k + 1) weights; v: (rows, regions, k) levels.
        p = np.einsum("rgk,rk->rg", v[:, :, :r_rows], wt[:, :r_rows]) + wt[:, -1:] * counted
        q = np.einsum("rgk,rk->rg", v[:, :, r_rows:], wt[:, r_rows:k])
        s = wt @ m
        x = D * p + q
        idx = 100 * x / (D * s[:, None])
        return np.where(blocked, 0.0, np.floor(idx * 100 + 0.5))

    base = np.bincount(group, weights=level, minlength=regions * k).reshape(regions, k)
    nominal_keys = index(np.append(w, [])[None, :], base[None], np.zeros((1, regions), bool))
    nominal = competition(nominal_keys)[0]
    shifts, ranks = [], []
    for start in range(0, samples, chunk):
        rows = min(chunk, samples - start)
        wt = w * rng.uniform(0.8, 1.2, size=(2, rows, len(w)))
        kept = rng.random((2, rows, len(level))) < KEEP
        flat = (np.arange(2 * rows)[:, None] * (regions * k) + group).ravel()
        v = np.bincount(flat, weights=(kept.reshape(2 * rows, -1) * level).ravel(),
                        minlength=2 * rows * regions * k).reshape(2, rows, regions, k)
        blocked = v.sum(axis=3) == 0
        ka = index(wt[0], v[0], blocked[0])
        kb = index(wt[1], v[1], blocked[1])
        kw = index(wt[1], v[0], blocked[0])  # AB_weights
        kv = index(wt[0], v[1], blocked[1])  # AB_verification
        out = [competition(x) for x in (ka, kb, kw, ka, kv)]  # AB_divisor = A (fixed)
        shifts.append(np.stack([np.abs(x - nominal).sum(axis=1) for x in out], axis=1))
        ranks += [out[0], out[1]]
    y = np.concatenate(shifts).astype(float)
    a, b = y[:, 0], y[:, 1]
    var = np.var(np.r_[a, b])
    s1 = [np.mean(b * (y[:, 2 + g] - a)) / var for g in range(3)]
    st = [0.5 * np.mean((a - y[:, 2 + g]) ** 2) / var for g in range(3)]
    boot = []
    for _ in range(100):
        i = rng.integers(0, len(y), len(y))
        yy = y[i]
        vv = np.var(np.r_[yy[:, 0], yy[:, 1]])
        boot.append([np.mean(yy[:, 1] * (yy[:, 2 + g] - yy[:, 0])) / vv for g in range(3)])
    allr = np.concatenate(ranks)
    q = np.percentile(allr, [5, 50, 95], axis=0, method="inverted_cdf")
    return s1, st, np.percentile(boot, [2.5, 97.5], axis=0), q


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--numpy-samples", type=int, default=500)
    args = ap.parse_args()
    subs = iid.synthetic_national()
    rubric = iid.Rubric.get("iid-2026").to_dict()
    odds = {"classes": {"no_evidence": str(KEEP), "no_rule": "0.9"}}
    text = json.dumps(subs)

    t = time.perf_counter()
    r = iid.robustness(text, samples=args.samples, seed=2025, odds=odds, bootstrap=100)
    rust = time.perf_counter() - t

    t = time.perf_counter()
    s1, st, _, _ = numpy_robustness(subs, rubric, args.numpy_samples, 2025)
    numpy_time = time.perf_counter() - t
    per_row = numpy_time / args.numpy_samples
    numpy_n = per_row * args.samples

    print(f"iid.robustness, {args.samples} rows (whole call: read, assess, sample, statistics): {rust:.3f} s")
    print(f"numpy, {args.numpy_samples} rows: {numpy_time:.3f} s ({per_row * 1000:.2f} ms a row)"
          f" -> {args.samples} rows: {numpy_n:.1f} s")
    print(f"ratio numpy / iid at {args.samples} rows: {numpy_n / rust:.1f}x")
    print("sensitivity (iid):", {s: (str(r.sensitivity.loc[s, 'first_order']), str(r.sensitivity.loc[s, 'total']))
                                 for s in r.sensitivity.index})
    print("sensitivity (numpy, weights / divisor / verification): S1",
          [round(x, 3) for x in s1], "ST", [round(x, 3) for x in st])


if __name__ == "__main__":
    main()
