"""How robust a national ranking is to the choices inside the index
(:func:`robustness`): the core samples, ranks and estimates; this module
only builds the call and lays the answer out as DataFrames.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional, Sequence

from . import _iid
from ._national import _award_arg, _decimals, _rubric_arg, _submissions_text
from ._tables import require_pandas

__all__ = ["robustness", "Robustness"]


@dataclass
class Robustness:
    """A robustness analysis: ``regions`` (one row per region in nominal
    rank order, indexed by code: ``rank``, ``index``, ``predicate``,
    ``median_rank``, ``rank_p05``, ``rank_p95``, ``keeps_predicate`` and,
    with an award, ``nominee`` and ``nominee_probability``),
    ``sensitivity`` (one row per input group, indexed by group: first-order
    and total Sobol indices with their bootstrap intervals), ``settings``
    (samples, rankings, seed, weight range, divisors, verification,
    bootstrap, mean rank shift) and ``data``, the answer as the CLI's
    ``--json`` prints it."""

    regions: Any
    sensitivity: Any
    settings: dict[str, Any]
    data: dict[str, Any] = field(repr=False)


_SHARES = ["keeps_predicate", "nominee_probability"]
_INDICES = ["first_order", "first_order_low", "first_order_high", "total", "total_low", "total_high"]


def _robustness(data: dict[str, Any]) -> Robustness:
    pd = require_pandas("iid.robustness")
    regions = pd.DataFrame(
        data["regions"],
        columns=[
            "code", "name", "cluster", "rank", "index", "predicate", "median_rank", "rank_p05",
            "rank_p95", "keeps_predicate", "nominee", "nominee_probability",
        ],
    )
    _decimals(regions, ["index", *_SHARES])
    regions = regions.set_index("code")
    sensitivity = pd.DataFrame(data["sensitivity"], columns=["group", "varied", *_INDICES])
    _decimals(sensitivity, _INDICES)
    settings = {k: v for k, v in data.items() if k not in ("regions", "sensitivity")}
    settings["weight_range"] = Decimal(settings["weight_range"])
    settings["mean_rank_shift"] = Decimal(settings["mean_rank_shift"])
    return Robustness(regions, sensitivity.set_index("group"), settings, data)


def robustness(
    submissions: Any,
    *,
    samples: int = 1000,
    seed: int = 0,
    weight_range: Any = "0.2",
    divisors: Sequence[int] = (),
    verification: bool = True,
    odds: Optional[dict[str, Any]] = None,
    bootstrap: int = 100,
    award: Any = None,
    rubric: Any = None,
    mode: str = "self",
) -> Robustness:
    """Uncertainty and sensitivity of the ranking (``iid robustness``).

    ``submissions`` as for :func:`iid.rank` (a list, JSON or JSON Lines
    text, a file or a directory). Sampled: each weight scaled by a factor
    within ``1 ± weight_range`` (renormalised), the minimum divisor among
    ``divisors`` (empty keeps the rubric's), and, with ``verification``,
    every answer's verification outcome with the probabilities of the
    verification-risk model (``odds``: ``{"classes": {...}, "answers":
    {region_code: {answer_path: "0.5"}}}``). ``samples`` sample rows give
    2 × ``samples`` rankings; the same ``seed`` gives the same answer.
    Errors are :class:`iid.InputError` with the path of the bad field."""
    options: dict[str, Any] = {
        "samples": samples,
        "seed": seed,
        "weight_range": str(weight_range),
        "divisors": list(divisors),
        "verification": verification,
        "bootstrap": bootstrap,
        "mode": mode,
    }
    if odds is not None:
        options["odds"] = odds
    if award is not None:
        options["award"] = _award_arg(award)
    if rubric is not None:
        options["rubric"] = _rubric_arg(rubric)
    call = '{"submissions":' + _submissions_text(submissions) + "," + json.dumps(options)[1:]
    return _robustness(json.loads(_iid.call_json("robustness", call)))
