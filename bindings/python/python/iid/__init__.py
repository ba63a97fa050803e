"""iid: the Regional Innovation Index (Indeks Inovasi Daerah, IID) of
Indonesia's Ministry of Home Affairs, computed exactly, for notebooks.

A thin layer over the Rust core that the ``iid`` command line and the
WebAssembly package share: every figure is computed there, in exact
fixed-point arithmetic, and arrives here as a ``decimal.Decimal``.

>>> import iid
>>> r = iid.score({"methodology": "iid-2026", "spd": {"1": 3},
...     "innovations": [{"id": "a", "urusan": "kesehatan", "levels": {"16": 3}}]})
>>> r.index, r.predicate
(Decimal('1.50'), 'Kurang Inovatif')

- :func:`score` one submission to a :class:`Result`; :func:`explain`,
  :func:`validate`, :func:`check`, :func:`whatif`, :func:`marginal`,
  :func:`plan` as on the command line.
- :func:`history` a region's years side by side, :func:`diff` why the
  index changed between two years (parts that add up exactly).
- :func:`score_many` a list of submissions, :func:`score_frames` the
  ministry-export tables, to one DataFrame row per region.
- :func:`rubrics`, :class:`Rubric`: the methodologies (indicators, weights,
  parameters, predicate bands), embedded or loaded from a file;
  :func:`awards`, :func:`award_definition`: the embedded award definitions.
- :class:`InputError`, :class:`RubricError`: errors with a ``code`` and the
  ``path`` of the bad field.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from . import _iid
from ._convert import call_arg, json_value, mode_name, options_text, rubric_handle
from ._errors import IidError, InputError, RubricError
from ._office import Report, read_workbook, report, template, to_workbook
from ._result import Finding, Result
from ._rubric import Affair, Indicator, InnovationCount, PredicateBand, Rubric
from ._national import AwardResult, Ranking, award, rank
from ._risk import RiskResult, risk
from ._robustness import Robustness, robustness
from ._tables import COLUMNS, score_frames, score_many, synthetic_national, to_frames
from ._years import diff, history

__version__: str = _iid.__version__

__all__ = [
    "score",
    "explain",
    "validate",
    "check",
    "whatif",
    "marginal",
    "plan",
    "history",
    "diff",
    "risk",
    "RiskResult",
    "score_many",
    "score_frames",
    "rank",
    "robustness",
    "Robustness",
    "award",
    "Ranking",
    "AwardResult",
    "to_frames",
    "rubrics",
    "awards",
    "award_definition",
    "synthetic_national",
    "read_workbook",
    "template",
    "to_workbook",
    "report",
    "Report",
    "Result",
    "Finding",
    "Rubric",
    "Indicator",
    "PredicateBand",
    "Affair",
    "InnovationCount",
    "IidError",
    "InputError",
    "RubricError",
    "COLUMNS",
    "__version__",
]


def _call(operation: str, submission: Any, rubric: Any, options: str | None = None) -> Any:
    """One operation of the core's call-and-answer surface; the answer
    read from its JSON text."""
    handle = rubric_handle(rubric)
    return json.loads(_iid.call(operation, call_arg(submission), options, handle))


def score(submission: Any, rubric: Any = None, mode: str = "self") -> Result:
    """Score one submission.

    Args:
        submission: a dict (the interchange format of ``docs/format.md``),
            JSON text, UTF-8 bytes, or a path (``pathlib.Path``, or a ``str``
            ending in ``.json``); or a workbook (``.xlsx`` path or bytes),
            whose errors name their sheet and cell (``Inovasi!G12``).
        rubric: None to use the methodology the submission names; else a
            :class:`Rubric`, an embedded id (``"iid-2027"``), the path of a
            rubric file, rubric JSON text or a dict.
        mode: ``"self"`` (penilaian mandiri: claimed levels count) or
            ``"verified"`` (only what the evidence supports).

    Returns:
        the :class:`Result`; ``result.index`` equals the command line's index.

    Raises:
        InputError: the submission cannot be scored (``.path`` names the
            field), including a ``methodology`` that names no embedded one.
        RubricError: the rubric argument is unknown or the rubric file is invalid.
    """
    result = Result(_call("score", submission, rubric, options_text(mode=mode_name(mode))))
    result._source = (submission, rubric, mode)
    return result


def explain(submission: Any, rubric: Any = None, mode: str = "self") -> str:
    """Score one submission and render the breakdown as text, as
    ``iid explain`` prints it (aspect, variable, indicator; innovations;
    findings). Arguments as for :func:`score`."""
    return str(_call("explain", submission, rubric, options_text(mode=mode_name(mode)))["text"])


def validate(submission: Any, rubric: Any = None) -> dict[str, Any]:
    """Check a submission without scoring it (``iid validate``): returns
    ``{"valid": True, "methodology", "innovation_count", "region_answers"}``
    or raises :class:`InputError` / :class:`RubricError`."""
    return dict(_call("validate", submission, rubric))


def check(submission: Any, rubric: Any = None) -> dict[str, Any]:
    """The evidence audit (``iid check``): the answers verification would
    cut, with the index points each puts at risk, largest first, as the
    command line's JSON object (decimals as strings)."""
    return dict(_call("check", submission, rubric))


def whatif(submission: Any, changes: Any, rubric: Any = None) -> dict[str, Any]:
    """What-if (``iid whatif``): apply ``changes`` to the submission and
    compare, indicator by indicator. ``changes`` is a list (or its JSON
    text) of ``{"op": "set", "indicator": "2a", "level": 3}``,
    ``{"op": "set", "innovation": "inv-001", "indicator": "17", "level": 2}``,
    ``{"op": "add_innovation", "innovation": {...}}``,
    ``{"op": "remove_innovation", "id": "inv-003"}``,
    ``{"op": "set_affair", "innovation": "inv-002", "urusan": "sosial"}``.
    Returns the command line's JSON object (decimals as strings)."""
    options = options_text(changes=json_value(changes, "changes"))
    return dict(_call("whatif", submission, rubric, options))


def marginal(submission: Any, template: Any = None, rubric: Any = None) -> dict[str, Any]:
    """The marginal table (``iid marginal``): every one-step improvement
    (a row one level up, one more innovation) with its exact index gain,
    largest first. ``template`` is the new innovation to price (a dict with
    ``levels`` and optionally ``urusan``); by default each row at the
    median level of the region's innovations. Returns the command line's
    JSON object; ``pandas.DataFrame(result["items"])`` tabulates it."""
    return dict(_call("marginal", submission, rubric, options_text(template=template)))


def plan(
    submission: Any,
    target: Any,
    allow_new_innovations: bool = False,
    costs: Any = None,
    rubric: Any = None,
    mode: str = "self",
    include_measured: bool = False,
) -> dict[str, Any]:
    """The cheapest plan to ``target`` (``iid plan``): a predicate
    (``"Sangat Inovatif"``), ``"next"`` for the band above, or an index
    value (``"65.01"``). ``costs`` (a dict) gives per-indicator and
    per-step costs, evidence costs, caps and frozen rows
    (``docs/whatif-plan.md``); ``allow_new_innovations`` lets the plan add
    innovations; ``mode="verified"`` plans for the verified index (steps
    may complete answers' evidence); ``include_measured`` lets the plan
    raise region rows whose level follows from a measured statistic.
    Returns the command line's JSON object: the steps, the total cost, the
    projected index and predicate."""
    options = options_text(
        target=str(target) if isinstance(target, Decimal) else target,
        allow_new_innovations=allow_new_innovations,
        costs=costs,
        mode=mode,
        include_measured=include_measured,
    )
    return dict(_call("plan", submission, rubric, options))


def rubrics() -> list[dict[str, Any]]:
    """The embedded methodologies, as ``iid rubrics`` lists them: id, name,
    year, status (``official``, ``prognosis`` or ``reconstructed``),
    indicator counts, minimum divisor and maximum total (a ``Decimal``).
    Open one with :meth:`Rubric.get`."""
    out: list[dict[str, Any]] = json.loads(_iid.catalog_json("rubrics"))
    for r in out:
        if r.get("max_total") is not None:
            r["max_total"] = Decimal(r["max_total"])
    return out


def awards() -> list[dict[str, Any]]:
    """The embedded award definitions, as ``iid awards`` lists them: id,
    name, year, status, the clusters in order of precedence (``id``,
    ``name``, ``name_en``, ``nominees``, ``winners``) and the total
    nominees and winners. Pass an id as ``award=`` to :func:`rank` or
    :func:`robustness`; :func:`award_definition` gives one whole."""
    out: list[dict[str, Any]] = json.loads(_iid.catalog_json("awards"))
    return out


def award_definition(id: str) -> dict[str, Any]:
    """An embedded award definition, whole (``iid awards ID``): clusters
    and their membership rules, quotas, the presentation criteria and
    weights, field validation, the final rule and its provenance.
    Raises :class:`iid.InputError` (code ``unknown_award``) for an id
    that is not embedded."""
    out: dict[str, Any] = json.loads(_iid.catalog_json("award", id))
    return out
