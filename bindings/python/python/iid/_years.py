"""Year over year: :func:`history` (a region's years side by side) and
:func:`diff` (why the index changed between two years), over the core's
``history`` and ``diff`` operations (``_iid.call_json``). Every figure is
the core's; this module only builds the call document and turns the
answer into a DataFrame."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from . import _iid
from ._convert import mode_name, options_text, rubric_text, submission_arg
from ._errors import InputError
from ._tables import require_pandas

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["history", "diff"]

_HISTORY_DECIMALS = [
    "index",
    "index_exact",
    "spd_score",
    "sid_average",
    "innovation_count_score",
    "sid_score",
    "total_score",
    "index_under",
    "index_under_exact",
    "change",
    "change_under",
]
_PART_DECIMALS = ["points", "exact", "start", "end"]


def _submission(obj: Any, where: str) -> Any:
    """A submission as a JSON value of the call document."""
    arg = submission_arg(obj, where)
    if isinstance(arg, Mapping):
        return arg
    try:
        return json.loads(arg)
    except RecursionError:
        raise InputError(f"{where}: nested too deeply", "input_json", where) from None
    except ValueError as e:
        raise InputError(f"{where}: not JSON: {e}", "input_json", where) from None


def _rubrics(rubrics: Optional[Iterable[Any]]) -> Optional[list[str]]:
    """User rubrics (a :class:`~iid.Rubric`, a path, JSON text or a dict)
    as rubric JSON text."""
    from ._rubric import Rubric

    if rubrics is None:
        return None
    if isinstance(rubrics, (Mapping, str, bytes, Rubric)):
        rubrics = [rubrics]
    return [r._handle.to_json() if isinstance(r, Rubric) else rubric_text(r) for r in rubrics]


def _dec(v: Any) -> Any:
    return Decimal(v) if isinstance(v, str) else v


def history(
    submissions: Iterable[Any],
    methodology: Optional[str] = None,
    rubrics: Optional[Iterable[Any]] = None,
    mode: str = "self",
    frame: bool = True,
) -> Any:
    """A region's history (``iid history``): one row per assessment year,
    each submission scored under the methodology it names, with the index
    re-scored under ``methodology`` (default: the latest year's) for a
    like-for-like line, and the two-year rule applied (an innovation id
    reported in earlier submissions counts those years as earlier
    entries).

    Args:
        submissions: the region's submissions (dicts, JSON text or paths),
            one per year.
        methodology: the like-for-like methodology (an embedded id or the
            id of one of ``rubrics``).
        rubrics: user rubrics that submissions may name by id (a
            :class:`~iid.Rubric`, a path, JSON text or a dict each), such as
            a 2020 points total (``docs/history.md``).
        mode: ``"self"`` or ``"verified"``.
        frame: ``False`` returns the command line's JSON object (decimals
            as strings) instead of a DataFrame.

    Returns:
        a DataFrame indexed by ``year`` with the columns of a history row
        (``index``, ``predicate``, ``innovation_count``, ``spd_score``,
        ``sid_average``, ``innovation_count_score``, ``divisor``,
        ``empty_seats``, ``yandas_covered``, ``index_under``, ``change``,
        ``change_under``, ``excluded``, ...; decimals as ``Decimal``);
        ``.attrs`` holds ``under``, ``under_name``, ``mode`` and the
        ``findings`` of the two-year rule.
    """
    if isinstance(submissions, (Mapping, str, bytes)):
        raise InputError(
            "submissions: expected a list of submissions", "input_json", "submissions"
        )
    subs = [_submission(s, f"submissions[{i}]") for i, s in enumerate(submissions)]
    call = options_text(
        submissions=subs,
        methodology=methodology,
        rubrics=_rubrics(rubrics),
        mode=mode_name(mode),
    )
    answer = json.loads(_iid.call_json("history", call))
    if not frame:
        return answer
    pd = require_pandas("iid.history")
    rows = [{k: (_dec(v) if k in _HISTORY_DECIMALS else v) for k, v in r.items()} for r in answer["rows"]]
    df = pd.DataFrame(rows)
    if not df.empty:
        df = df.set_index("year")
    df.attrs.update(
        under=answer["under"],
        under_name=answer["under_name"],
        mode=answer["mode"],
        findings=answer["findings"],
    )
    return df


def diff(
    old: Any,
    new: Any,
    rubrics: Optional[Iterable[Any]] = None,
    mode: str = "self",
    frame: bool = True,
) -> Any:
    """Why the index changed between two years (``iid diff``): the change
    of the exact index in parts that sum to it exactly, in a fixed order
    (methodology, region answers, innovations changed, dropped and added,
    the divisor and its empty seats, the innovation count, the
    basic-service affairs, assessability; ``docs/history.md``).

    Args:
        old, new: last year's and this year's submissions (dicts, JSON text
            or paths), each naming its methodology.
        rubrics: user rubrics the submissions may name, as for
            :func:`history`.
        mode: ``"self"`` or ``"verified"``.
        frame: ``False`` returns the command line's JSON object.

    Returns:
        a DataFrame with one row per part in the fixed order (``kind``,
        ``points`` published so that they add up to the published change,
        ``exact``, ``fraction``, ``start`` and ``end`` for a waterfall,
        ``from``, ``to``, ``items``, ``message_id``, ``message_en``);
        ``.attrs`` holds ``old`` and ``new`` (each year's figures),
        ``change``, ``change_exact``, ``old_under_new``, ``rule``,
        ``summary_id`` and ``summary_en``.
    """
    call = options_text(
        old=_submission(old, "old"),
        new=_submission(new, "new"),
        rubrics=_rubrics(rubrics),
        mode=mode_name(mode),
    )
    answer = json.loads(_iid.call_json("diff", call))
    if not frame:
        return answer
    pd = require_pandas("iid.diff")
    parts = [{k: (_dec(v) if k in _PART_DECIMALS else v) for k, v in p.items()} for p in answer["parts"]]
    df = pd.DataFrame(parts)
    df.attrs.update(
        {
            "old": answer["old"],
            "new": answer["new"],
            "change": Decimal(answer["change"]),
            "change_exact": Decimal(answer["change_exact"]),
            "old_under_new": Decimal(answer["old_under_new"]),
            "rule": answer["rule"],
            "mode": answer["mode"],
            "summary_id": answer["summary_id"],
            "summary_en": answer["summary_en"],
        }
    )
    return df
