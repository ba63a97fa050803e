"""Tables: many submissions (:func:`score_many`) and the ministry-export
shaped tables (:func:`score_frames`) scored in Rust into one DataFrame row
per region; the helpers that build such tables.

The columns of both DataFrames, indexed by region code (``region``):

==========================  ==========================================
``name``                    region name (``None`` when not given)
``methodology``             methodology id
``index``                   official index, ``Decimal`` (``58.11``)
``predicate``               predicate (predikat)
``index_exact``             index to ten decimals, ``Decimal``
``index_float``             ``index`` as a float, for plotting only
``spd_score``               SPD score, ``Decimal``
``sid_average``             innovation rows over the divisor, ``Decimal``
``innovation_count_score``  count score (indicator 36), ``Decimal``
``sid_score``               SID score, ``Decimal``
``total_score``             SPD + SID, ``Decimal``
``innovation_count``        innovations counted, n
``divisor``                 MAX(d, n)
``yandas_count``            basic-service affairs covered
``assessable``              False for Tidak Dapat Dinilai
==========================  ==========================================
"""

from __future__ import annotations

import decimal
import json
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Optional

from . import _iid
from ._convert import mode_name, rubric_handle, submission_arg
from ._errors import InputError
from ._rubric import Rubric

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["score_many", "score_frames", "to_frames", "synthetic_national", "COLUMNS"]

#: Columns of the DataFrames of :func:`score_many` and :func:`score_frames`.
COLUMNS = [
    "name",
    "methodology",
    "index",
    "predicate",
    "index_exact",
    "index_float",
    "spd_score",
    "sid_average",
    "innovation_count_score",
    "sid_score",
    "total_score",
    "innovation_count",
    "divisor",
    "yandas_count",
    "assessable",
]

#: How the native module makes the exact figures' ``Decimal``s from the
#: core's text: a context's ``create_decimal`` reads its one argument more
#: cheaply than ``Decimal()`` (the nation's 2,790 distinct figures: 283
#: against 319 us; ``score_frames`` 1.15 against 1.20 ms) and, at 64
#: digits, keeps each figure exactly as written (the core's figures have
#: at most 29 digits: never rounded, trailing zeros kept).
decimal_of_text = decimal.Context(prec=64).create_decimal


def require_pandas(what: str) -> Any:
    """The pandas module, or an ImportError saying how to get it."""
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - exercised without pandas only
        raise ImportError(
            f"{what} needs pandas: pip install 'iid[pandas]' (or pip install pandas)"
        ) from e
    return pandas


def _frame(cols: dict[str, Any], index: Any, names: Any = None) -> "pd.DataFrame":
    """The DataFrame of the core's headline columns. The native module
    hands the numbers over as blocks: ``(column names, values column
    after column)``, the exact figures as one object array of ``Decimal``,
    the counts as one of int64; the texts (``name``, ``methodology``,
    ``predicate``) as columns of their own. A block becomes a 2-D array,
    one row per column.

    With pandas' ``create_dataframe_from_blocks`` (pandas 3) the blocks
    are the frame's own; ``name`` goes through the inference the
    ``DataFrame`` constructor gives each column (``sanitize_array``), and
    ``methodology`` and ``predicate``, always ``str``, are made in the
    dtype that inference gives text, without inferring it for each call.
    The same frame as the constructor's, in 0.13 against 0.19 ms for the
    nation (best of 1,000, each right after the native call). Otherwise,
    and with older pandas, the constructor takes each block's rows as
    columns."""
    pd = require_pandas("iid tables")
    names = names if names is not None else cols["name"]
    index = pd.Index(index, name="region", copy=False)
    numbers = [(tuple(cs), a.reshape(len(cs), -1)) for cs, a in cols["blocks"]]
    fast = _from_blocks()
    if fast is None:
        data = {c: a[k] for cs, a in numbers for k, c in enumerate(cs)}
        data |= {"name": names, "methodology": cols["methodology"], "predicate": cols["predicate"]}
        return pd.DataFrame({c: data[c] for c in COLUMNS}, index=index, copy=False)
    make, sanitize, extension, place, text, columns = fast
    blocks = [(a, place(cs)) for cs, a in numbers]
    a = sanitize(names, index, copy=False)
    blocks.append((a if isinstance(a, extension) else a.reshape(1, -1), place(("name",))))
    blocks += [(text(cols[c]), place((c,))) for c in ("methodology", "predicate")]
    return make(blocks, index=index, columns=columns.copy())


_BLOCKS: Any = ()


def _from_blocks() -> Any:
    """pandas' block constructor, the constructor's per-column inference,
    the ExtensionArray class, the placement of columns (positions in
    :data:`COLUMNS` as an ``intp`` array), the block of an object array of
    ``str`` in the dtype the constructor infers for text, and the columns'
    Index; or None without them."""
    global _BLOCKS
    if _BLOCKS == ():
        try:
            import numpy as np
            import pandas as pd
            from pandas.api.extensions import ExtensionArray
            from pandas.api.internals import create_dataframe_from_blocks
            from pandas.core.construction import sanitize_array
        except ImportError:
            _BLOCKS = None
        else:
            at = {c: i for i, c in enumerate(COLUMNS)}
            placements: dict[tuple[str, ...], Any] = {}

            def place(cs: tuple[str, ...]) -> Any:
                # A copy each time: the frame keeps it as its own.
                p = placements.get(cs)
                if p is None:
                    p = placements[cs] = np.array([at[c] for c in cs], dtype=np.intp)
                return p.copy()

            # What the constructor makes of a column of str (pandas 3: the
            # str dtype; before: object); of no row at all, object.
            dtype = sanitize_array(np.array(["x"], dtype=object), None).dtype
            array = dtype.construct_array_type() if isinstance(dtype, pd.api.extensions.ExtensionDtype) else None

            def text(values: Any) -> Any:
                if array is None or len(values) == 0:
                    return values.reshape(1, -1)
                return array._from_sequence(values, dtype=dtype, copy=False)

            blocks = (create_dataframe_from_blocks, sanitize_array, ExtensionArray, place, text)
            _BLOCKS = (*blocks, pd.Index(COLUMNS))
    return _BLOCKS


def score_many(
    submissions: Iterable[Any],
    rubric: Any = None,
    mode: str = "self",
    threads: Optional[int] = None,
) -> "pd.DataFrame":
    """Score many submissions at once: one DataFrame row per submission.

    Each submission may be a dict, JSON text or a path, as for
    :func:`iid.score`. Dicts are read into the core's submissions (which
    needs the GIL); then ``threads`` worker threads (default: one per
    core; at most 256, and one per submission) parse text and score in
    Rust with the GIL released. The figures equal those of
    :func:`iid.score` on each submission.

    The index is the region code (``region.code``), or ``[i]`` for a
    submission without one; the columns are listed in :data:`COLUMNS`.

    Raises :class:`iid.InputError` / :class:`iid.RubricError` for the first
    bad submission, its ``path`` prefixed with the position (``[3].spd.1``).
    """
    require_pandas("score_many")
    if isinstance(submissions, (Mapping, str, bytes)):
        raise InputError(
            "$: expected a list of submissions (for one submission use iid.score)",
            "input_json",
            "$",
        )
    args = [submission_arg(s, f"[{i}]") for i, s in enumerate(submissions)]
    if threads is not None and (
        not isinstance(threads, int) or isinstance(threads, bool) or not 1 <= threads <= sys.maxsize
    ):
        raise InputError(
            f"threads: expected a whole number from 1 to {sys.maxsize}", "input_invalid", "threads"
        )
    # The core caps the count (at most 256 threads, one per submission).
    cols = _iid.score_many(args, rubric_handle(rubric), mode_name(mode), threads or 0)
    index = [c if c is not None else f"[{i}]" for i, c in enumerate(cols["code"])]
    return _frame(cols, index)


def _table(df: Any) -> tuple[int, list[Any], list[Any]]:
    """A DataFrame as the native module reads it: its length, column
    labels and column arrays (numpy arrays, or pandas' own arrays for
    categorical and extension columns; the core reads what it needs)."""
    # Taken from the frame's blocks (2.6 us for the nation's 25 innovation
    # columns), else by _iter_column_arrays, which makes each column's
    # view through pandas' own accessors (12 us; items(), which builds a
    # Series per column, took 440 us with pandas 3.1), else by items().
    columns = _block_columns(df)
    if columns is None:
        arrays = getattr(df, "_iter_column_arrays", None)
        columns = list(arrays()) if arrays is not None else [s.array for _, s in df.items()]
    return len(df), df.columns.tolist(), columns


def _block_columns(df: Any) -> Optional[list[Any]]:
    """Each column's array, taken from the frame's blocks: a row of a 2-D
    block (the levels, held by pandas as one ``uint8`` block) is a view of
    it, an extension array is itself. None when the frame is not laid out
    so (another pandas)."""
    try:
        columns: list[Any] = [None] * len(df.columns)
        for block in df._mgr.blocks:
            values, at = block.values, block.mgr_locs.as_array.tolist()
            if values.ndim == 2:
                for k, row in zip(at, values):
                    columns[k] = row
            else:
                (k,) = at
                columns[k] = values
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
    return columns if all(c is not None for c in columns) else None


def score_frames(regions: "pd.DataFrame", innovations: "pd.DataFrame", methodology: Any = None) -> "pd.DataFrame":
    """Score tables shaped like the ministry's export: the fast path for
    national work.

    ``regions`` has a ``code`` column (unique), optionally ``name`` and
    ``methodology``, and one column per region indicator code (``"1"``,
    ``"2a"``, ...). ``innovations`` has ``region`` (a code from
    ``regions.code``), ``id``, ``urusan`` (the government affair) and one
    column per innovation indicator code (``"16"`` ... ``"35"``). A cell is
    a level (``3`` or ``3.0``); empty (NaN/None) or a missing column is
    unanswered. Columns whose name is not an indicator code of the
    methodology are not read, and neither is every column the scorer does
    not need (``id``, ``name``, ``agency``); eligibility metadata
    (``stage``, ``implemented_on``) is not read: every row counts. The
    table form is specified in ``docs/format.md`` ("Table form").

    ``methodology`` (an id like ``"iid-2026"``, a :class:`Rubric`, or a
    rubric file) applies to every region; when None, each region's
    ``methodology`` column names its own.

    The columns are read as arrays (no Python object per cell for numeric
    and categorical columns); grouping and scoring run in Rust with the
    GIL released. Returns the DataFrame of :func:`score_many` (columns
    :data:`COLUMNS`), indexed by region code in the order of ``regions``;
    its figures equal :func:`iid.score` on the same data. Errors are
    :class:`iid.InputError` with a path naming the table, the row position
    (``iloc``) and the column: ``innovations[12].17``, ``regions[0].2a``.
    """
    pd = require_pandas("score_frames")
    for name, df in (("regions", regions), ("innovations", innovations)):
        if not isinstance(df, pd.DataFrame):
            raise InputError(
                f"{name}: expected a pandas DataFrame, got {type(df).__name__}", "input_json", name
            )
    handle = None
    if methodology is not None:
        handle = (methodology if isinstance(methodology, Rubric) else Rubric._from_any(methodology))._handle
    table = _table(regions)
    cols = _iid.score_frames(table, _table(innovations), handle)
    # Codes and names from the arrays already taken (no Series built).
    _, labels, arrays = table
    names = _cells(arrays[labels.index("name")]) if "name" in labels else [None] * len(regions)
    return _frame(cols, _cells(arrays[labels.index("code")]), names)


def _cells(array: Any) -> Any:
    """A column of the regions table as the result holds it: a numpy or
    pandas string array as a copy of itself (its type kept, not inferred
    again from a list: 40 us less for the nation), any other (categorical,
    nullable integers) as a list of its values."""
    pd = require_pandas("score_frames")
    if isinstance(array, pd.api.extensions.ExtensionArray) and not isinstance(array.dtype, pd.StringDtype):
        return array.tolist()
    return array.copy()


def to_frames(submissions: Iterable[Any]) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """Lay submissions out as the two tables :func:`score_frames` reads.

    Returns ``(regions, innovations)``: ``regions`` with ``code``, ``name``,
    ``methodology`` and one column per region indicator answered;
    ``innovations`` with ``region``, ``id``, ``name``, ``urusan``,
    ``agency`` and one column per innovation indicator answered. Levels are
    small integers (0: unanswered); ``region`` and ``urusan`` are pandas
    categoricals (which :func:`score_frames` reads as codes, with no Python
    object per row; plain text columns work too). A submission without
    ``region.code`` gets ``[i]``. Answers must be levels (``3`` or
    ``{"level": 3}``).
    """
    pd = require_pandas("to_frames")
    args = [submission_arg(s, f"[{i}]") for i, s in enumerate(submissions)]
    t = _iid.to_tables(args)
    r, i = t["regions"], t["innovations"]
    regions = pd.DataFrame({"code": r["code"], "name": r["name"], "methodology": r["methodology"], **dict(r["levels"])})
    innovations = pd.DataFrame(
        {
            # Repeated codes as categories: compact, and read without an object per row.
            "region": pd.Categorical(i["region"]),
            "id": i["id"],
            "name": i["name"],
            "urusan": pd.Categorical(i["urusan"]),
            "agency": i["agency"],
            **dict(i["levels"]),
        }
    )
    return regions, innovations


def synthetic_national(
    regions: int = 548,
    innovations: int = 36742,
    seed: int = 2025,
    methodology: str = "iid-2026",
) -> list[dict[str, Any]]:
    """The core's deterministic synthetic national dataset: ``regions``
    submissions sharing ``innovations`` innovations (548 and 36,742 mirror
    the 2025 round), skewed per-region counts, levels drawn per indicator.
    The same seed gives the same data on every platform. For benchmarks
    and load tests, not real data."""
    return json.loads(_iid.synthetic_national(methodology, regions, innovations, seed))
