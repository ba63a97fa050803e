"""The result of scoring one submission: the core's result object (the one
``iid score --json`` prints) with its figures as exact ``Decimal``s, the
breakdown as a DataFrame and an HTML view for Jupyter."""

from __future__ import annotations

import copy
import html
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ._office import Report

__all__ = ["Result", "Finding"]


def _dec(s: Any) -> Optional[Decimal]:
    return None if s is None else Decimal(s)


@dataclass(frozen=True)
class Finding:
    """Something the region should know about its score (temuan).

    Attributes:
        code: stable code (``basic_services_shortfall``, ``below_divisor``,
            ``mandatory_unanswered``, ``not_assessable``, ...).
        severity: ``critical``, ``warning`` or ``info``.
        path: JSON path in the submission the finding is about.
        message_id: the message in Indonesian; ``message_en`` in English.
    """

    code: str
    severity: str
    path: str
    message_id: str
    message_en: str


class Result:
    """The score of one submission.

    Figures are exact: ``index`` is the official index rounded half-up to
    two decimals (``Decimal("58.11")``), ``index_exact`` the same to ten
    decimals; the predicate is read from the rounded index. ``to_dict()``
    gives the command line's JSON object (decimals as strings).
    """

    __slots__ = ("_data", "_source")

    def __init__(self, data: dict[str, Any]) -> None:
        """Wrap a result object (as :meth:`to_dict` returns it)."""
        self._data = data
        #: What was scored (submission, rubric, mode), for :meth:`report`.
        self._source: Optional[tuple[Any, Any, str]] = None

    def report(self, lang: str = "id", date: Optional[str] = None) -> "Report":
        """The printable report of the scored submission: one
        self-contained HTML page (shown in Jupyter), in ``lang`` (``"id"``
        or ``"en"``). Only for a result made by :func:`iid.score`."""
        from ._office import report

        if self._source is None:
            raise ValueError("report(): this Result was not made by iid.score, so its submission is unknown")
        submission, rubric, mode = self._source
        return report(submission, rubric=rubric, lang=lang, date=date, mode=mode)

    @classmethod
    def from_json(cls, text: str) -> "Result":
        """A result from the JSON text ``iid score --json`` prints."""
        return cls(json.loads(text))

    # -- headline figures -------------------------------------------------

    @property
    def methodology(self) -> str:
        """Methodology id used (``iid-2026``)."""
        return str(self._data["methodology"])

    @property
    def methodology_name(self) -> str:
        """The methodology's official title."""
        return str(self._data["methodology_name"])

    @property
    def region(self) -> Optional[dict[str, Any]]:
        """The region metadata as submitted (code, name, level, province)."""
        r = self._data.get("region")
        return dict(r) if r is not None else None

    @property
    def index(self) -> Decimal:
        """Official index (Indeks Inovasi Daerah), two decimals, half-up."""
        return Decimal(self._data["index"])

    @property
    def index_exact(self) -> Decimal:
        """The index to ten decimals (half-up), trailing zeros dropped."""
        return Decimal(self._data["index_exact"])

    @property
    def predicate(self) -> str:
        """Predicate (predikat) of the rounded index, e.g. ``Inovatif``."""
        return str(self._data["predicate"])

    @property
    def predicate_en(self) -> Optional[str]:
        """English predicate label, when the methodology gives one."""
        return self._data.get("predicate_en")

    @property
    def assessable(self) -> bool:
        """False when the submission cannot be assessed (Tidak Dapat Dinilai)."""
        return bool(self._data["assessable"])

    @property
    def spd_score(self) -> Decimal:
        """SPD score: the sum of the region rows."""
        return Decimal(self._data["spd_score"])

    @property
    def sid_score(self) -> Decimal:
        """SID score: the averaged innovation rows plus the count score."""
        return Decimal(self._data["sid_score"])

    @property
    def sid_average(self) -> Decimal:
        """The innovations' rows averaged over the divisor MAX(d, n)."""
        return Decimal(self._data["sid_average"])

    @property
    def innovation_count_score(self) -> Decimal:
        """Innovation-count score (indicator 36)."""
        return Decimal(self._data["innovation_count_score"])

    @property
    def total_score(self) -> Decimal:
        """Total = SPD + SID."""
        return Decimal(self._data["total_score"])

    @property
    def max_total_score(self) -> Optional[Decimal]:
        """The maximum total (None for a plain-sum methodology)."""
        return _dec(self._data.get("max_total_score"))

    @property
    def divisor(self) -> int:
        """The divisor MAX(d, n) the innovation rows were averaged over."""
        return int(self._data["divisor"])

    @property
    def min_divisor(self) -> Optional[int]:
        """The minimum divisor d (None for a plain-sum methodology)."""
        return self._data.get("min_divisor")

    @property
    def empty_seats(self) -> int:
        """d - n when fewer innovations than the minimum divisor, else 0."""
        return int(self._data["empty_seats"])

    @property
    def innovation_count(self) -> int:
        """Number of innovations counted, n."""
        return int(self._data["innovation_count"])

    @property
    def yandas_covered(self) -> list[str]:
        """Basic-service affairs (urusan pelayanan dasar) covered, as codes."""
        return list(self._data["yandas_covered"])

    @property
    def yandas_missing(self) -> list[str]:
        """Basic-service affairs no innovation covers, as codes."""
        return list(self._data["yandas_missing"])

    @property
    def yandas_required(self) -> Optional[int]:
        """How many basic-service affairs the count score needs (None: no condition)."""
        return self._data.get("yandas_required")

    @property
    def mode(self) -> str:
        """``self`` (claimed levels) or ``verified`` (what evidence supports)."""
        return str(self._data["mode"])

    @property
    def modes(self) -> Optional[dict[str, Any]]:
        """Both modes' headline figures and the gap between them."""
        m = self._data.get("modes")
        return copy.deepcopy(m) if m is not None else None

    @property
    def excluded(self) -> list[dict[str, Any]]:
        """Innovations the methodology's eligibility leaves out, with the reason."""
        return copy.deepcopy(self._data.get("excluded", []))

    @property
    def agencies(self) -> list[dict[str, Any]]:
        """Innovations and index points by agency (OPD), highest first."""
        return copy.deepcopy(self._data.get("agencies", []))

    @property
    def findings(self) -> list[Finding]:
        """What the region should know: shortfalls, unanswered mandatory rows."""
        return [
            Finding(f["code"], f["severity"], f["path"], f["message_id"], f["message_en"])
            for f in self._data["findings"]
        ]

    @property
    def breakdown(self) -> dict[str, Any]:
        """The breakdown tree: ``aspects`` (with variables and indicators)
        and ``innovations`` (each innovation's rows), decimals as strings."""
        return copy.deepcopy(self._data["breakdown"])

    # -- conversions ------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The command line's JSON object (``iid score --json``), decimals
        as strings; a fresh copy."""
        return copy.deepcopy(self._data)

    def to_json(self, indent: Optional[int] = None) -> str:
        """The command line's JSON object as text."""
        return json.dumps(self._data, ensure_ascii=False, indent=indent)

    def _indicator_rows(self) -> list[dict[str, Any]]:
        rows = []
        for a in self._data["breakdown"]["aspects"]:
            for v in a["variables"]:
                for i in v["indicators"]:
                    rows.append(
                        {
                            "code": i["code"],
                            "aspect": a["code"],
                            "variable": v["code"],
                            "name": i["name"],
                            "kind": i["kind"],
                            "weight": Decimal(i["weight"]),
                            "mandatory": bool(i["mandatory"]),
                            "level": i.get("level"),
                            "answered": i.get("answered"),
                            "score": Decimal(i["score"]),
                            "max": _dec(i.get("max")),
                        }
                    )
        return rows

    def to_pandas(self) -> "pd.DataFrame":
        """The per-indicator breakdown, one row per indicator, indexed by code.

        Columns: ``aspect``, ``variable``, ``name``, ``kind`` (``region``,
        ``innovation`` or ``count``), ``weight``, ``mandatory``, ``level``
        (region rows), ``answered`` (innovations answering an innovation
        row), ``score`` (its contribution to the total: innovation rows are
        averaged over the divisor) and ``max``. Decimal columns hold exact
        ``Decimal`` values.
        """
        from ._tables import require_pandas

        pd = require_pandas("Result.to_pandas")
        df = pd.DataFrame.from_records(
            self._indicator_rows(),
            columns=[
                "code",
                "aspect",
                "variable",
                "name",
                "kind",
                "weight",
                "mandatory",
                "level",
                "answered",
                "score",
                "max",
            ],
        )
        df["level"] = df["level"].astype("Int64")
        df["answered"] = df["answered"].astype("Int64")
        return df.set_index("code")

    def innovations_to_pandas(self) -> "pd.DataFrame":
        """One row per counted innovation: id, name, urusan, agency,
        basic_service, score (sum of its rows, before averaging), max, and
        one column per indicator code with the level counted."""
        from ._tables import require_pandas

        pd = require_pandas("Result.innovations_to_pandas")
        rows = []
        for inv in self._data["breakdown"]["innovations"]:
            row: dict[str, Any] = {
                "id": inv["id"],
                "name": inv.get("name"),
                "urusan": inv.get("urusan"),
                "agency": inv.get("agency"),
                "basic_service": bool(inv["basic_service"]),
                "score": Decimal(inv["score"]),
                "max": Decimal(inv["max"]),
            }
            for r in inv["rows"]:
                row[r["code"]] = r["level"]
            rows.append(row)
        return pd.DataFrame.from_records(rows).set_index("id") if rows else pd.DataFrame()

    # -- display ----------------------------------------------------------

    def __repr__(self) -> str:
        region = (self._data.get("region") or {}).get("name")
        where = f" region={region!r}" if region else ""
        return (
            f"<iid.Result{where} index={self._data['index']} "
            f"predicate={self.predicate!r} methodology={self.methodology!r}>"
        )

    def _repr_html_(self) -> str:
        """HTML for Jupyter: the score and predicate, the findings and the
        per-indicator breakdown."""
        from ._html import result_html

        return result_html(self._data)
