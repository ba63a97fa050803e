"""Reference implementations of the index formula for the benchmark: what
an analyst writes without iid. They are baselines to time against, not
part of the package; every weight, divisor, cap and band is read from
``iid.Rubric``, none is written here.

- :func:`plain_python`: a loop over submission dicts with
  ``decimal.Decimal`` (exact, like the ministry's arithmetic).
- :func:`vectorised_pandas`: the formula on the two tables with numpy
  floats, grouped with pandas (fast, but binary floats).

Both handle what the synthetic national dataset holds: bare levels,
affairs given by code, name or alias, the basic-service condition of the
count score, the minimum divisor and the predicate bands. Neither applies
evidence, eligibility or the mandatory rule (the dataset needs none).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd

import iid


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", s.strip().lower()).strip("_")


def _basic_lookup(rubric: iid.Rubric) -> dict[str, str]:
    """Normalised spelling (code, name, alias) -> basic-service affair code."""
    out: dict[str, str] = {}
    for a in rubric.affairs:
        if a.basic_service:
            for spelling in (a.code, a.name, *a.aliases):
                out[_norm(spelling)] = a.code
    return out


def plain_python(submissions: list[dict[str, Any]], rubric: iid.Rubric) -> list[tuple[str, str]]:
    """(index to two decimals, predicate) per submission, with Decimal."""
    weights = rubric.weights()
    d = rubric.min_divisor
    cnt = rubric.innovation_count
    max_total = rubric.max_total_score
    bands = rubric.predicates
    basic = _basic_lookup(rubric)
    cent = Decimal("0.01")
    out = []
    for s in submissions:
        spd = sum((weights[c] * v for c, v in s.get("spd", {}).items()), Decimal(0))
        rows = Decimal(0)
        covered = set()
        innovations = s.get("innovations", [])
        for inv in innovations:
            for c, v in inv.get("levels", {}).items():
                rows += weights[c] * v
            u = inv.get("urusan")
            if u:
                b = basic.get(_norm(u))
                if b:
                    covered.add(b)
        n = len(innovations)
        if n == 0:
            out.append(("0.00", rubric.not_assessable))
            continue
        counted = n if cnt.cap is None else min(n, cnt.cap)
        required = cnt.basic_services_required or 0
        count = cnt.points_per_innovation * counted if len(covered) >= required else Decimal(0)
        divisor = max(d, n)
        index = (((spd + count) * divisor + rows) * 100 / (divisor * max_total)).quantize(
            cent, rounding=ROUND_HALF_UP
        )
        label = next(b.label for b in bands if b.min <= index and (b.max is None or index <= b.max))
        out.append((str(index), label))
    return out


def vectorised_pandas(regions: pd.DataFrame, innovations: pd.DataFrame, rubric: iid.Rubric) -> pd.DataFrame:
    """index (float, rounded to two decimals) and predicate per region,
    vectorised: matrix products for the weighted sums, groupby for the
    per-region aggregates."""
    w = {c: float(x) for c, x in rubric.weights().items()}
    rcodes = [c for c in rubric.region_codes if c in regions.columns]
    icodes = [c for c in rubric.innovation_codes if c in innovations.columns]
    codes = regions["code"]
    spd = regions[rcodes].fillna(0).to_numpy(dtype=float) @ np.array([w[c] for c in rcodes])
    row = innovations[icodes].fillna(0).to_numpy(dtype=float) @ np.array([w[c] for c in icodes])

    lookup_lower = {}
    for a in rubric.affairs:
        if a.basic_service:
            for spelling in (a.code, a.name, *a.aliases):
                lookup_lower[spelling.lower()] = a.code
    basic = innovations["urusan"].str.lower().map(lookup_lower)
    per = pd.DataFrame({"region": innovations["region"], "row": row, "basic": basic})
    g = per.groupby("region", sort=False)
    rows = g["row"].sum().reindex(codes, fill_value=0.0).to_numpy()
    n = g.size().reindex(codes, fill_value=0).to_numpy()
    covered = g["basic"].nunique().reindex(codes, fill_value=0).to_numpy()

    cnt = rubric.innovation_count
    counted = n if cnt.cap is None else np.minimum(n, cnt.cap)
    required = cnt.basic_services_required or 0
    count = np.where(covered >= required, float(cnt.points_per_innovation) * counted, 0.0)
    divisor = np.maximum(rubric.min_divisor, n)
    total = spd + rows / divisor + count
    index = np.round(total / float(rubric.max_total_score) * 100, 2)
    index = np.where(n == 0, 0.0, index)
    bands = rubric.predicates
    conditions = [
        (index >= float(b.min)) & (index <= (np.inf if b.max is None else float(b.max))) for b in bands
    ]
    predicate = np.select(conditions, [b.label for b in bands], default="")
    predicate = np.where(n == 0, rubric.not_assessable, predicate)
    return pd.DataFrame({"index": index, "predicate": predicate}, index=pd.Index(codes, name="region"))
