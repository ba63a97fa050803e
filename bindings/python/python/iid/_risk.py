"""Verification risk (:func:`risk`): the chance of each predicate after
verification and the evidence to shore up first. The core computes the
exact law; this module only builds the call and lays the answer out as
DataFrames."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

from . import _iid
from ._convert import call_arg, json_value, options_text, rubric_handle
from ._tables import require_pandas

__all__ = ["risk", "RiskResult"]


@dataclass
class RiskResult:
    """The law of the verified index: ``predicates`` (one row per
    predicate with its probability), ``shore_up`` (the answers whose proof
    raises the chance of the goal most, largest gain first), ``goal``
    (``index``, ``predicate``, ``probability``), ``quantiles`` (level to
    index), ``expected_index`` and ``data``, the answer as the CLI's
    ``--json`` prints it. Probabilities are ``Decimal`` with six decimals,
    rounded half up from the exact value."""

    predicates: Any
    shore_up: Any
    goal: dict[str, Any]
    quantiles: dict[Decimal, Decimal]
    expected_index: Decimal
    data: dict[str, Any] = field(repr=False)


_SHORE_UP = ["path", "indicator", "innovation", "class", "level", "fallback", "probability", "goal_if_proven", "gain"]


def risk(submission: Any, odds: Any = None, target: Optional[Any] = None, rubric: Any = None) -> RiskResult:
    """The chance of keeping the index and the predicate through
    verification (``iid risk``).

    ``odds`` (a dict or its JSON text) overrides the survival
    probabilities by class (``{"classes": {"meets_rule": "0.8"}}``) and by
    answer path (``{"answers": {"innovations[0].levels.16": "0.5"}}``),
    probabilities as decimal strings; ``target`` is a predicate label,
    ``"next"`` or an index value (default: keeping the self-assessed
    predicate). Errors are :class:`iid.InputError` with the path of the
    bad field (``odds.classes.meets_rule``)."""
    pd = require_pandas("iid.risk")
    options = options_text(
        odds=json_value(odds, "odds"),
        target=str(target) if isinstance(target, Decimal) else target,
    )
    data = json.loads(_iid.call("risk", call_arg(submission), options, rubric_handle(rubric)))
    predicates = pd.DataFrame(
        [{"predicate": p["label"], "probability": Decimal(p["probability"])} for p in data["predicates"]]
    ).set_index("predicate")
    shore = pd.DataFrame(data["shore_up"], columns=_SHORE_UP)
    for c in ["probability", "goal_if_proven", "gain"]:
        shore[c] = [Decimal(x) for x in shore[c]]
    g = data["goal"]
    goal = {
        "from": g["from"],
        "index": Decimal(g["index"]),
        "predicate": g.get("predicate"),
        "probability": Decimal(g["probability"]),
    }
    quantiles = {Decimal(q["q"]): Decimal(q["index"]) for q in data["quantiles"]}
    return RiskResult(predicates, shore, goal, quantiles, Decimal(data["expected_index"]), data)
