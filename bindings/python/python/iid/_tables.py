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

import json
import numbers
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from . import _iid
from ._convert import mode_name, rubric_handle, submission_arg
from ._errors import InputError, RubricError
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

_DECIMALS = [
    "index",
    "index_exact",
    "spd_score",
    "sid_average",
    "innovation_count_score",
    "sid_score",
    "total_score",
]


def require_pandas(what: str) -> Any:
    """The pandas module, or an ImportError saying how to get it."""
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - exercised without pandas only
        raise ImportError(
            f"{what} needs pandas: pip install 'iid[pandas]' (or pip install pandas)"
        ) from e
    return pandas


def _frame(cols: dict[str, list[Any]], index: Any, names: Optional[list[Any]] = None) -> "pd.DataFrame":
    pd = require_pandas("iid tables")
    import numpy as np

    data: dict[str, Any] = {
        "name": names if names is not None else cols["name"],
        "methodology": cols["methodology"],
        "predicate": cols["predicate"],
        "index_float": np.array(cols["index_float"], dtype=np.float64),
        "innovation_count": np.array(cols["innovation_count"], dtype=np.int64),
        "divisor": np.array(cols["divisor"], dtype=np.int64),
        "yandas_count": np.array(cols["yandas_count"], dtype=np.int64),
        "assessable": np.array(cols["assessable"], dtype=bool),
    }
    for c in _DECIMALS:
        data[c] = pd.array(list(map(Decimal, cols[c])), dtype=object)
    return pd.DataFrame(data, index=pd.Index(index, name="region"), columns=COLUMNS)


def score_many(
    submissions: Iterable[Any],
    rubric: Any = None,
    mode: str = "self",
    threads: Optional[int] = None,
) -> "pd.DataFrame":
    """Score many submissions at once: one DataFrame row per submission.

    Each submission may be a dict, JSON text or a path, as for
    :func:`iid.score`. The calling thread reads each one into the core's
    submission (which needs the GIL) and hands it to ``threads`` worker
    threads (default: one per core) that score it in Rust with the GIL
    released, so reading and scoring overlap. The figures equal those of
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
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise InputError("threads: expected a whole number of at least 1", "input_invalid", "threads")
    cols = _iid.score_many(args, rubric_handle(rubric), mode_name(mode), threads or 0)
    index = [c if c is not None else f"[{i}]" for i, c in enumerate(cols["code"])]
    return _frame(cols, index)


def _column_map(df: Any) -> dict[str, Any]:
    """Column labels by their text (CSV headers are text; a frame built in
    code may use ints), text labels first."""
    out: dict[str, Any] = {}
    for c in df.columns:
        key = str(c)
        if key not in out or isinstance(c, str):
            out[key] = c
    return out


def _first_bad(values: Any, ok: Any) -> Optional[int]:
    for i, v in enumerate(values):
        if not ok(v):
            return i
    return None


def _is_level_value(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, bool) or type(v).__name__ in ("bool_", "bool"):
        return False
    return isinstance(v, numbers.Real)


def _numeric(series: Any, table: str, code: str) -> tuple[str, bytes]:
    """A level column as (numpy dtype string, raw little-endian bytes)."""
    import numpy as np

    a = series.to_numpy()
    if a.dtype.kind in "iuf":
        if a.dtype.byteorder == ">":
            a = a.astype(a.dtype.newbyteorder("<"))
        a = np.ascontiguousarray(a)
        return a.dtype.str, a.tobytes()
    bad = _first_bad(a, _is_level_value) if a.dtype.kind != "b" else 0
    if bad is None:
        try:
            f = series.to_numpy(dtype=np.float64, na_value=np.nan)
            return "<f8", np.ascontiguousarray(f).tobytes()
        except (TypeError, ValueError):
            bad = _first_bad(a, lambda v: v is None or isinstance(v, numbers.Real))
    bad = bad or 0
    path = f"{table}[{bad}].{code}"
    raise InputError(
        f"{path}: {a[bad]!r} is not a level (a whole number 0 to the number of parameters; "
        "empty is unanswered)",
        "input_json",
        path,
    )


def _positions(codes: list[Any], region: Any) -> tuple[str, bytes]:
    """Region row of each innovation, for region codes that are not text
    (numbers, say): checked and looked up with pandas."""
    pd = require_pandas("score_frames")
    import numpy as np

    index = pd.Index(codes)
    if index.hasnans:
        i = int(np.flatnonzero(pd.isna(np.asarray(codes, dtype=object)))[0])
        raise InputError(f"regions[{i}].code: missing", "input_invalid", f"regions[{i}].code")
    if not index.is_unique:
        i = int(np.flatnonzero(index.duplicated())[0])
        raise InputError(
            f"regions[{i}].code: duplicate region code {codes[i]!r}", "input_invalid", f"regions[{i}].code"
        )
    position = np.asarray(index.get_indexer(region.to_numpy()), dtype="<i8")
    unknown = np.flatnonzero(position < 0)
    if len(unknown):
        j = int(unknown[0])
        path = f"innovations[{j}].region"
        raise InputError(
            f"{path}: {region.iloc[j]!r} is not a code in regions.code", "input_invalid", path
        )
    return "<i8", position.tobytes()


def _levels_arg(df: Any, cols: dict[str, Any], codes: list[str], table: str) -> Any:
    """The level columns of ``df`` for ``codes`` (those present): one
    matrix ``(codes, (dtype, bytes))`` when they share a numeric numpy
    block (no copy of a uint8 table beyond the bytes), else one
    ``(code, (dtype, bytes))`` per column."""
    import numpy as np

    present = [c for c in codes if c in cols]
    if not present:
        return []
    sub = df[[cols[c] for c in present]]
    if all(isinstance(d, np.dtype) and d.kind in "iuf" for d in sub.dtypes):
        block = sub.to_numpy()
        if block.dtype.kind in "iuf":
            m = np.ascontiguousarray(block.T)
            if m.dtype.byteorder == ">":
                m = m.astype(m.dtype.newbyteorder("<"))
            return (present, (m.dtype.str, m.tobytes()))
    return [(c, _numeric(df[cols[c]], table, c)) for c in present]


def _text_arg(series: Any) -> Any:
    """A text column for the native module: pandas categorical codes with
    their categories (no object per row), else the values as a list."""
    pd = require_pandas("score_frames")
    import numpy as np

    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = np.ascontiguousarray(series.cat.codes.to_numpy())
        return ((codes.dtype.str, codes.tobytes()), series.cat.categories.tolist())
    return series.tolist()


def _rubrics_of(regions: Any, methodology: Any, n: int) -> tuple[list[Rubric], list[int]]:
    pd = require_pandas("score_frames")
    if methodology is not None:
        r = methodology if isinstance(methodology, Rubric) else Rubric._from_any(methodology)
        return [r], [0] * n
    cols = _column_map(regions)
    if "methodology" not in cols:
        raise InputError(
            "methodology: missing; pass methodology= (e.g. \"iid-2026\") or give regions "
            "a methodology column",
            "missing_methodology",
            "methodology",
        )
    codes, uniques = pd.factorize(regions[cols["methodology"]], use_na_sentinel=True)
    missing = (codes < 0).nonzero()[0]
    if len(missing):
        path = f"regions[{int(missing[0])}].methodology"
        raise InputError(
            f"{path}: missing; name one (e.g. \"iid-2026\") or pass methodology=",
            "missing_methodology",
            path,
        )
    rubrics = []
    for k, u in enumerate(uniques):
        try:
            rubrics.append(Rubric.get(u) if isinstance(u, str) else Rubric.get(str(u)))
        except RubricError as e:
            path = f"regions[{int((codes == k).nonzero()[0][0])}].methodology"
            raise RubricError(e.message, e.code, path) from None
    return rubrics, [int(c) for c in codes]


def score_frames(regions: "pd.DataFrame", innovations: "pd.DataFrame", methodology: Any = None) -> "pd.DataFrame":
    """Score tables shaped like the ministry's export: the fast path for
    national work.

    ``regions`` has a ``code`` column (unique), optionally ``name`` and
    ``methodology``, and one column per region indicator code (``"1"``,
    ``"2a"``, ...). ``innovations`` has ``region`` (a code from
    ``regions.code``), ``id``, ``urusan`` (the government affair) and one
    column per innovation indicator code (``"16"`` ... ``"35"``). A cell is
    a level; empty (NaN/None) or a missing column is unanswered. Columns
    whose name is not an indicator code of the methodology are ignored,
    and so is every column the scorer does not need (``id``, ``name``,
    ``agency``); eligibility metadata (``stage``, ``implemented_on``) is not
    read: every row counts.

    ``methodology`` (an id like ``"iid-2026"``, a :class:`Rubric`, or a
    rubric file) applies to every region; when None, each region's
    ``methodology`` column names its own.

    The columns are read as arrays (no Python object per cell); grouping
    and scoring run in Rust with the GIL released. Returns the DataFrame of
    :func:`score_many` (columns :data:`COLUMNS`), indexed by region code in
    the order of ``regions``; its figures equal :func:`iid.score` on the
    same data. Errors are :class:`iid.InputError` with a path naming the
    table, the row position (``iloc``) and the column:
    ``innovations[12].17``, ``regions[0].2a``.
    """
    pd = require_pandas("score_frames")
    import numpy as np

    for name, df in (("regions", regions), ("innovations", innovations)):
        if not isinstance(df, pd.DataFrame):
            raise InputError(
                f"{name}: expected a pandas DataFrame, got {type(df).__name__}", "input_json", name
            )
    rcols = _column_map(regions)
    icols = _column_map(innovations)
    if "code" not in rcols:
        raise InputError("regions.code: missing column", "input_invalid", "regions.code")
    if "region" not in icols:
        raise InputError("innovations.region: missing column", "input_invalid", "innovations.region")
    n = len(regions)
    codes = regions[rcols["code"]].tolist()
    rubrics, region_rubric = _rubrics_of(regions, methodology, n)

    region_codes: list[str] = []
    innovation_codes: list[str] = []
    for r in rubrics:
        region_codes += [c for c in r.region_codes if c not in region_codes]
        innovation_codes += [c for c in r.innovation_codes if c not in innovation_codes]
    region_columns = _levels_arg(regions, rcols, region_codes, "regions")
    innovation_columns = _levels_arg(innovations, icols, innovation_codes, "innovations")

    region_keys: Optional[list[str]]
    if all(isinstance(c, str) for c in codes):
        # Text codes: the native module looks each innovation's region up.
        region_keys = codes
        innovation_region: Any = _text_arg(innovations[icols["region"]])
    else:
        region_keys = None
        innovation_region = (_positions(codes, innovations[icols["region"]]), None)
    urusan = _text_arg(innovations[icols["urusan"]]) if "urusan" in icols else None
    cols = _iid.score_columns(
        [r._handle for r in rubrics],
        region_rubric,
        region_columns,
        region_keys,
        innovation_region,
        innovation_columns,
        urusan,
        len(innovations),
    )
    names = regions[rcols["name"]].tolist() if "name" in rcols else [None] * n
    return _frame(cols, codes, names)


def _level(v: Any, path: str) -> int:
    if isinstance(v, Mapping) and "level" in v:
        v = v["level"]
    if isinstance(v, numbers.Integral) and not isinstance(v, bool):
        return int(v)
    raise InputError(
        f"{path}: to_frames needs a level (a whole number); measured or categorical "
        "answers are read by iid.score",
        "input_json",
        path,
    )


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
    region_rows = []
    innovation_rows = []
    for i, s in enumerate(submissions):
        arg = submission_arg(s, f"[{i}]")
        d = arg if isinstance(arg, Mapping) else json.loads(arg)
        region = d.get("region") or {}
        code = region.get("code") or f"[{i}]"
        row: dict[str, Any] = {
            "code": code,
            "name": region.get("name"),
            "methodology": d.get("methodology"),
        }
        for k, v in (d.get("spd") or {}).items():
            row[str(k)] = _level(v, f"[{i}].spd.{k}")
        region_rows.append(row)
        for j, inv in enumerate(d.get("innovations") or []):
            irow: dict[str, Any] = {
                "region": code,
                "id": inv.get("id"),
                "name": inv.get("name"),
                "urusan": inv.get("urusan"),
                "agency": inv.get("agency"),
            }
            for k, v in (inv.get("levels") or {}).items():
                irow[str(k)] = _level(v, f"[{i}].innovations[{j}].levels.{k}")
            innovation_rows.append(irow)
    regions = pd.DataFrame.from_records(region_rows)
    innovations = pd.DataFrame.from_records(
        innovation_rows, columns=None if innovation_rows else ["region", "id", "name", "urusan", "agency"]
    )
    if len(innovations):
        # Repeated codes as categories: compact, and read without an object per row.
        innovations["region"] = pd.Categorical(innovations["region"])
        innovations["urusan"] = pd.Categorical(innovations["urusan"])
    for df, fixed in ((regions, 3), (innovations, 5)):
        for c in df.columns[fixed:]:
            col = df[c].fillna(0).astype("int64")
            if len(col) == 0 or (col.min() >= 0 and col.max() <= 255):
                col = col.astype("uint8")
            df[c] = col
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
