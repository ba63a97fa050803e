# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Indeks Inovasi Daerah in a notebook
#
# Scores the bundled example submissions (`examples/*.json`) with the `iid`
# Python package, shows one region's breakdown as a table, the gap to the
# next predicate (predikat) for every example as a bar chart, where the
# points are, and how robust a national ranking is (the median rank with
# its 5-95 % interval).
#
# Open it in Jupyter with jupytext (`jupytext --to notebook notebook.py`),
# or run it as a script: `python examples/notebook.py`. It needs
# `pip install ./bindings/python pandas`; the charts need matplotlib and
# are skipped (with a text chart instead) when it is not installed.

# %%
import os
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd

import iid

try:
    import matplotlib

    if "ipykernel" not in sys.modules:
        matplotlib.use("Agg")  # run as a script: draw without a screen
    import matplotlib.pyplot as plt
except ImportError:
    plt = None

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
EXAMPLES = sorted(HERE.glob("*.json"))
if not EXAMPLES:  # run from elsewhere: the shared test vectors' inputs
    EXAMPLES = sorted((HERE.parent / "tests" / "vectors").glob("yandas-*.json"))
print(f"iid {iid.__version__}; examples: {[p.name for p in EXAMPLES]}")

# %% [markdown]
# ## One region
#
# `iid.score` takes a dict, JSON text or a path. In Jupyter the result shows
# itself as a card: index, predicate, findings and the breakdown.

# %%
result = iid.score(EXAMPLES[0])
print(repr(result))
print("index", result.index, "| exact", result.index_exact, "|", result.predicate)
print("SPD", result.spd_score, "| SID", result.sid_score, "| total", result.total_score,
      "of", result.max_total_score)
for f in result.findings[:4]:
    print(f"[{f.severity}] {f.message_id}")
print(f"... {len(result.findings)} findings in all")
result  # noqa: B018 (the HTML card in Jupyter)

# %% [markdown]
# ## The breakdown as a table
#
# One row per indicator, exact `Decimal` scores. `room` is what the row
# could still add to the total (innovation rows: if every innovation, and
# every empty seat below the divisor, reached the top parameter).

# %%
breakdown = result.to_pandas()
breakdown["room"] = breakdown["max"] - breakdown["score"]
print(breakdown[["aspect", "name", "weight", "level", "answered", "score", "max", "room"]]
      .to_string(max_colwidth=40))

# %% [markdown]
# ## Every example, and the gap to the next predicate
#
# `iid.score_many` scores a list in one call (in Rust, off the GIL). The
# predicate bands come from the methodology (`iid.Rubric`): the gap is the
# next band's lower bound minus the index, in index points and in points of
# the total.

# %%
table = iid.score_many(EXAMPLES)


def next_band(index: Decimal, rubric: iid.Rubric):
    """The band above `index` (None at the top), skipping the not-assessable one."""
    above = [b for b in rubric.predicates if b.min > index and b.label != rubric.not_assessable]
    return min(above, key=lambda b: b.min) if above else None


rows = []
for code, row in table.iterrows():
    rubric = iid.Rubric.get(row["methodology"])
    band = next_band(row["index"], rubric)
    gap = band.min - row["index"] if band else Decimal(0)
    rows.append({
        "region": row["name"] or code,
        "index": row["index"],
        "predicate": row["predicate"],
        "next predicate": band.label if band else "(top)",
        "gap (index points)": gap,
        "gap (total points)": gap * rubric.max_total_score / 100,
    })
gaps = pd.DataFrame(rows).set_index("region")
print(gaps.to_string())

# %%
if plt is not None:
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.6 * len(gaps)))
    ax.barh(gaps.index, [float(g) for g in gaps["gap (index points)"]], color="#3b5b8c")
    for y, (g, label) in enumerate(zip(gaps["gap (index points)"], gaps["next predicate"])):
        ax.text(float(g), y, f"  {g} to {label}", va="center")
    ax.set_xlim(0, 1.6 * max(float(g) for g in gaps["gap (index points)"]) or 1)
    ax.set_xlabel("index points to the next predicate")
    ax.set_title("Gap to the next predicate (predikat)")
    ax.invert_yaxis()
    fig.tight_layout()
    out = os.environ.get("IID_NOTEBOOK_FIGURES")
    if out:
        fig.savefig(Path(out) / "gap-to-next-predicate.png", dpi=100)
    if "ipykernel" in sys.modules:
        plt.show()
    plt.close(fig)
else:
    width = max(float(g) for g in gaps["gap (index points)"]) or 1.0
    for region, g in gaps["gap (index points)"].items():
        print(f"{region:<24} {'#' * round(30 * float(g) / width):<30} {g}")

# %% [markdown]
# ## Where the points are
#
# The indicators with the most room left, in index points (room / maximum
# total x 100).

# %%
rubric = iid.Rubric.get(result.methodology)
cent = Decimal("0.01")
room = (breakdown["room"] * 100 / rubric.max_total_score).map(lambda d: d.quantize(cent))
room = room.sort_values(ascending=False).head(10)
print(pd.DataFrame({"name": breakdown.loc[room.index, "name"], "index points": room}).to_string())

# %% [markdown]
# ## How robust is a ranking?
#
# `iid.robustness` samples the choices inside the index (each weight within
# ±20 %, the minimum divisor among 10, 12 and 14, every answer's
# verification outcome) and ranks the nation once per sample, in exact
# arithmetic: each region's median rank with its 5-95 % interval, and
# which input drives the uncertainty (first-order and total Sobol
# indices). Here on a small synthetic nation (its answers carry no
# evidence, so they are kept with probability 0.6); the same seed gives
# the same answer.

# %%
nation = iid.synthetic_national(regions=30, innovations=900, seed=7)
rob = iid.robustness(nation, samples=500, seed=7, divisors=[10, 12, 14],
                     odds={"classes": {"no_evidence": "0.6"}}, bootstrap=50)
print(rob.regions[["rank", "index", "median_rank", "rank_p05", "rank_p95", "keeps_predicate"]]
      .head(10).to_string())
print(rob.sensitivity[["first_order", "first_order_low", "first_order_high", "total"]].to_string())

# %%
if plt is not None:
    regions = rob.regions
    y = range(len(regions))
    fig, ax = plt.subplots(figsize=(7, 1 + 0.25 * len(regions)))
    ax.hlines(list(y), regions["rank_p05"], regions["rank_p95"], color="#9bb0d0", lw=4,
              label="5-95 % interval")
    ax.plot(regions["median_rank"], list(y), "o", color="#3b5b8c", label="median rank")
    ax.plot(regions["rank"], list(y), "|", color="#c0392b", ms=12, label="nominal rank")
    ax.set_yticks(list(y), list(regions.index))
    ax.invert_yaxis()
    ax.set_xlabel("rank")
    ax.set_title("Median rank with its 5-95 % interval")
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    out = os.environ.get("IID_NOTEBOOK_FIGURES")
    if out:
        fig.savefig(Path(out) / "median-rank-interval.png", dpi=100)
    if "ipykernel" in sys.modules:
        plt.show()
    plt.close(fig)
else:
    for code, g in rob.regions.iterrows():
        lo, hi = int(g["rank_p05"]), int(g["rank_p95"])
        print(f"{code:<8} {' ' * (lo - 1)}{'-' * (hi - lo + 1)} median {g['median_rank']}")
