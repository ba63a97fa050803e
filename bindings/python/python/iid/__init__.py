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
  :func:`validate`, :func:`check` as on the command line.
- :func:`score_many` a list of submissions, :func:`score_frames` the
  ministry-export tables, to one DataFrame row per region.
- :func:`rubrics`, :class:`Rubric`: the methodologies (indicators, weights,
  parameters, predicate bands), embedded or loaded from a file.
- :class:`InputError`, :class:`RubricError`: errors with a ``code`` and the
  ``path`` of the bad field.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from . import _iid
from ._convert import mode_name, rubric_handle, submission_arg
from ._errors import IidError, InputError, RubricError
from ._result import Finding, Result
from ._rubric import Affair, Indicator, InnovationCount, PredicateBand, Rubric
from ._tables import COLUMNS, score_frames, score_many, synthetic_national, to_frames

__version__: str = _iid.__version__

__all__ = [
    "score",
    "explain",
    "validate",
    "check",
    "score_many",
    "score_frames",
    "to_frames",
    "rubrics",
    "synthetic_national",
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


def score(submission: Any, rubric: Any = None, mode: str = "self") -> Result:
    """Score one submission.

    Args:
        submission: a dict (the interchange format of ``docs/format.md``),
            JSON text, UTF-8 bytes, or a path (``pathlib.Path``, or a ``str``
            ending in ``.json``).
        rubric: None to use the methodology the submission names; else a
            :class:`Rubric`, an embedded id (``"iid-2027"``), the path of a
            rubric file, rubric JSON text or a dict.
        mode: ``"self"`` (penilaian mandiri: claimed levels count) or
            ``"verified"`` (only what the evidence supports).

    Returns:
        the :class:`Result`; ``result.index`` equals the command line's index.

    Raises:
        InputError: the submission cannot be scored (``.path`` names the field).
        RubricError: the methodology is unknown or the rubric file is invalid.
    """
    arg = submission_arg(submission)
    return Result.from_json(_iid.score(arg, rubric_handle(rubric), mode_name(mode)))


def explain(submission: Any, rubric: Any = None, mode: str = "self") -> str:
    """Score one submission and render the breakdown as text, as
    ``iid explain`` prints it (aspect, variable, indicator; innovations;
    findings). Arguments as for :func:`score`."""
    return _iid.explain(submission_arg(submission), rubric_handle(rubric), mode_name(mode))


def validate(submission: Any, rubric: Any = None) -> dict[str, Any]:
    """Check a submission without scoring it (``iid validate``): returns
    ``{"valid": True, "methodology", "innovation_count", "region_answers"}``
    or raises :class:`InputError` / :class:`RubricError`."""
    return json.loads(_iid.validate(submission_arg(submission), rubric_handle(rubric)))


def check(submission: Any, rubric: Any = None) -> dict[str, Any]:
    """The evidence audit (``iid check``): the answers verification would
    cut, with the index points each puts at risk, largest first, as the
    command line's JSON object (decimals as strings)."""
    return json.loads(_iid.check(submission_arg(submission), rubric_handle(rubric)))


def rubrics() -> list[dict[str, Any]]:
    """The embedded methodologies, as ``iid rubrics`` lists them: id, name,
    year, status (``official`` or ``prognosis``), indicator counts, minimum
    divisor and maximum total (a ``Decimal``). Open one with
    :meth:`Rubric.get`."""
    out = json.loads(_iid.rubrics())
    for r in out:
        if r.get("max_total") is not None:
            r["max_total"] = Decimal(r["max_total"])
    return out
