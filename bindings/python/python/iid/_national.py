"""Many regions at once: the national ranking (:func:`rank`) and the
award stages after the index (:func:`award`). The core ranks and scores;
this module only builds the call and lays the answer out as DataFrames.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

from . import _iid
from ._convert import rubric_handle
from ._errors import InputError
from ._tables import _table, require_pandas

__all__ = ["rank", "award", "Ranking", "AwardResult"]


@dataclass
class Ranking:
    """A ranking: ``regions`` (one row per region in rank order, indexed by
    code), ``predicates`` (the predicate counts, nationally and per
    cluster), ``histogram``, ``clusters`` (members, quota and nominees per
    cluster), ``summary`` (participation, mean and median index, side
    awards) and ``data``, the answer as the CLI's ``--json`` prints it."""

    regions: Any
    predicates: Any
    histogram: Any
    clusters: Any
    summary: dict[str, Any]
    data: dict[str, Any] = field(repr=False)


@dataclass
class AwardResult:
    """The award stages: ``finalists`` (one row per nominee and cluster, in
    place order), ``winners`` (cluster id to winning region codes) and
    ``data``, the answer as JSON."""

    finalists: Any
    winners: dict[str, list[str]]
    data: dict[str, Any] = field(repr=False)


def _award_arg(award: Any) -> Any:
    """An award argument for the call: an id, a definition (dict or JSON
    text), or a path to a definition file."""
    if isinstance(award, (str, os.PathLike)) and str(award).endswith(".json"):
        try:
            return Path(award).read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"award: cannot read {award}: {e}", "input_json", "award") from e
    return award


def _rubric_arg(rubric: Any) -> Any:
    handle = rubric_handle(rubric)
    return None if handle is None else handle.to_json()


def _submissions_text(submissions: Any) -> str:
    """The submissions as JSON text: a list (of dicts or JSON texts), a JSON
    or JSON Lines file, or a directory of submission files."""
    if isinstance(submissions, (str, os.PathLike)) and not str(submissions).lstrip().startswith(("[", "{")):
        p = Path(submissions)
        try:
            if p.is_dir():
                texts = [f.read_text(encoding="utf-8") for f in sorted(p.glob("*.json"))]
                return "[" + ",".join(texts) + "]"
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"$: cannot read {p}: {e}", "input_json", "$") from e
        # An array stays an array; JSON Lines travel as one string.
        return text if text.lstrip("\ufeff \t\r\n").startswith("[") else json.dumps(text)
    if isinstance(submissions, str):
        s = submissions.lstrip("\ufeff \t\r\n")
        return submissions if s.startswith("[") else json.dumps(submissions)
    items = [s if isinstance(s, str) else json.dumps(s) for s in submissions]
    return "[" + ",".join(items) + "]"


def _decimals(df: Any, columns: list[str]) -> None:
    for c in columns:
        if c in df.columns:
            df[c] = [None if x is None else Decimal(x) for x in df[c]]


def _ranking(data: dict[str, Any]) -> Ranking:
    pd = require_pandas("iid.rank")
    regions = pd.DataFrame(data["regions"])
    if len(regions):
        regions["index_float"] = [float(x) for x in regions["index"]]
        _decimals(regions, ["index", "index_exact"])
        regions = regions.set_index("code")
    s = data["summary"]
    rows = []
    for p in s["predicates"]:
        row = {"predicate": p["predicate"], "national": p["count"]}
        row.update({c["cluster"]: c["count"] for c in p["clusters"]})
        rows.append(row)
    predicates = pd.DataFrame(rows).set_index("predicate")
    histogram = pd.DataFrame(s["histogram"])
    _decimals(histogram, ["from", "to"])
    clusters = pd.DataFrame(s["clusters"], columns=["cluster", "name", "regions", "quota", "nominees"])
    summary = {
        "participation": s["participation"],
        "mean_index": None if s["mean_index"] is None else Decimal(s["mean_index"]),
        "median_index": None if s["median_index"] is None else Decimal(s["median_index"]),
        "side_awards": {a["id"]: a["regions"] for a in s["side_awards"]},
        "unclustered": s["unclustered"],
    }
    return Ranking(regions, predicates, histogram, clusters.set_index("cluster"), summary, data)


def rank(
    submissions: Any,
    innovations: Any = None,
    *,
    award: Any = None,
    rubric: Any = None,
    mode: str = "self",
    mixed: bool = False,
    roster: Optional[list[dict[str, Any]]] = None,
) -> Ranking:
    """Rank many regions (``iid rank``).

    ``submissions`` is a list of submissions (dicts or JSON texts), JSON
    text (an array or JSON Lines), a path to such a file or to a directory
    of submission files; or, with ``innovations``, the two DataFrames of
    the table form (:func:`iid.score_frames`; the regions table may carry
    ``name``, ``level`` and ``clusters``). ``award`` names an award
    definition (``"iga-2023"``, a dict or a file) for clusters, nominees
    and side awards; ``roster`` lists the regions expected (``{"code",
    "name", "level", "clusters"}``): one without a submission is Tidak
    Dapat Dinilai. Errors are :class:`iid.InputError` with the path of the
    bad field (``submissions[3].spd.1``)."""
    options: dict[str, Any] = {"mode": mode, "mixed": mixed}
    if award is not None:
        options["award"] = _award_arg(award)
    if roster is not None:
        options["roster"] = roster
    if innovations is not None:
        handle = rubric_handle(rubric)
        text = _iid.rank_frames(_table(submissions), _table(innovations), json.dumps(options), handle)
        return _ranking(json.loads(text))
    if rubric is not None:
        options["rubric"] = _rubric_arg(rubric)
    call = '{"submissions":' + _submissions_text(submissions) + "," + json.dumps(options)[1:]
    return _ranking(json.loads(_iid.call_json("rank", call)))


def award(ranking: Any, scores: Any, award: Any = None) -> AwardResult:
    """The stages after the index (``iid award``): ``ranking`` is a
    :class:`Ranking` (or its JSON answer), ``scores`` the stage scores
    (``{"presentation": [{"region", "juror", "scores": {criterion:
    score}}], "field": [{"region", "score"}]}``, a dict, JSON text or a
    file); ``award`` the definition (default: the ranking's)."""
    pd = require_pandas("iid.award")
    data = ranking.data if isinstance(ranking, Ranking) else ranking
    if isinstance(scores, (str, os.PathLike)) and str(scores).endswith(".json"):
        scores = Path(scores).read_text(encoding="utf-8")
    if isinstance(scores, str):
        scores = json.loads(scores)
    call: dict[str, Any] = {"ranking": data, "scores": scores}
    if award is not None:
        call["award"] = _award_arg(award)
    answer = json.loads(_iid.call_json("award", json.dumps(call)))
    finalists = pd.DataFrame(answer["finalists"])
    _decimals(finalists, ["index", "presentation", "field", "final_score"])
    winners = {c["cluster"]: c["winners"] for c in answer["clusters"]}
    return AwardResult(finalists, winners, answer)
