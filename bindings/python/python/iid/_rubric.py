"""Methodologies (metodologi, rubrics): the embedded yearly ones and a
user's own, with their indicators (indikator), weights (bobot),
parameters, predicate bands (predikat) and provenance.

A :class:`Rubric` is a read-only view of the rubric file the core
validated; every figure comes from that file, none from code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional

from . import _iid
from ._convert import _looks_like_path, rubric_text
from ._errors import RubricError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Rubric", "Indicator", "PredicateBand", "Affair", "InnovationCount"]


def _dec(s: Any) -> Optional[Decimal]:
    return None if s is None else Decimal(str(s))


@dataclass(frozen=True)
class Indicator:
    """One indicator row (indikator) of a methodology.

    Attributes:
        code: official row code (``"1"``, ``"2a"``, ``"16"``).
        name: official (Indonesian) name; ``name_en`` the English one.
        aspect: aspect code (``SPD`` or ``SID``); ``variable`` the
            variable code (``institusi``, ...).
        scope: ``region`` (answered once, the ``spd`` map) or
            ``innovation`` (answered per innovation, ``levels``).
        weight: the weight (bobot), exact.
        mandatory: whether the guideline marks the row mandatory (wajib).
        parameters: descriptions of parameters 1, 2, 3 (level = position).
    """

    code: str
    name: str
    name_en: Optional[str]
    aspect: str
    variable: str
    scope: str
    weight: Decimal
    mandatory: bool
    parameters: tuple[str, ...]
    parameters_en: tuple[Optional[str], ...]

    @property
    def max_level(self) -> int:
        """The highest level: the number of parameters."""
        return len(self.parameters)

    @property
    def max_score(self) -> Decimal:
        """Weight x highest level."""
        return self.weight * len(self.parameters)


@dataclass(frozen=True)
class PredicateBand:
    """A predicate band (predikat) over the index rounded to two decimals,
    inclusive at both ends; ``max`` is None for an open-ended band."""

    label: str
    label_en: Optional[str]
    min: Decimal
    max: Optional[Decimal]


@dataclass(frozen=True)
class Affair:
    """A government affair (urusan) the methodology knows; the six
    basic-service ones (yandas) have ``basic_service`` set."""

    code: str
    name: str
    aliases: tuple[str, ...]
    basic_service: bool


@dataclass(frozen=True)
class InnovationCount:
    """The innovation-count indicator (row 36): ``points_per_innovation`` x
    MIN(n, ``cap``), paid when the innovations cover at least
    ``basic_services_required`` basic-service affairs (None: no condition)."""

    code: str
    name: str
    variable: str
    points_per_innovation: Decimal
    cap: Optional[int]
    basic_services_required: Optional[int]


class Rubric:
    """A methodology: an embedded one (:meth:`get`) or a file (:meth:`load`).

    Pass it as ``rubric=`` to :func:`iid.score` and friends to score against
    it instead of the methodology a submission names.
    """

    __slots__ = ("_handle", "_data_cache")

    def __init__(self, handle: _iid.RubricHandle) -> None:
        """Wrap a compiled rubric; use :meth:`get` or :meth:`load` instead."""
        self._handle = handle
        self._data_cache: Optional[dict[str, Any]] = None

    # -- construction -----------------------------------------------------

    @classmethod
    def get(cls, id: str) -> "Rubric":
        """The embedded methodology ``id`` (``"iid-2026"``; see
        :func:`iid.rubrics`). Raises :class:`iid.RubricError`
        (``unknown_methodology``) for an unknown id."""
        if not isinstance(id, str):
            raise RubricError(
                f"methodology: expected an id such as \"iid-2026\", got {type(id).__name__}",
                "unknown_methodology",
                "methodology",
            )
        return _builtin(id)

    @classmethod
    def load(cls, path: Any) -> "Rubric":
        """Load and validate a rubric file (``pathlib.Path`` or ``str``).
        Raises :class:`iid.RubricError` naming the bad field."""
        with open(path, "rb") as f:
            return cls.from_json(f.read())

    @classmethod
    def from_json(cls, text: Any) -> "Rubric":
        """Validate a rubric given as JSON text (``str`` or bytes) or as a dict."""
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8")
        if isinstance(text, str):
            return cls(_iid.RubricHandle.parse(text))
        return cls(_iid.RubricHandle.parse(rubric_text(text)))

    @classmethod
    def _from_any(cls, rubric: Any) -> "Rubric":
        if isinstance(rubric, str) and not _looks_like_path(rubric):
            if rubric.lstrip().startswith("{"):
                return cls.from_json(rubric)
            return cls.get(rubric.strip())  # a methodology id
        return cls(_iid.RubricHandle.parse(rubric_text(rubric)))

    # -- the file ---------------------------------------------------------

    @property
    def _data(self) -> dict[str, Any]:
        if self._data_cache is None:
            self._data_cache = json.loads(self._handle.to_json())
        return self._data_cache

    def to_dict(self) -> dict[str, Any]:
        """The rubric as written (a fresh copy of its JSON object)."""
        return json.loads(self._handle.to_json())

    def to_json(self, indent: Optional[int] = None) -> str:
        """The rubric as JSON text."""
        return json.dumps(self._data, ensure_ascii=False, indent=indent)

    @property
    def id(self) -> str:
        """Identifier, e.g. ``iid-2026``."""
        return self._handle.id

    @property
    def name(self) -> str:
        """Official title."""
        return str(self._data["name"])

    @property
    def year(self) -> Optional[int]:
        """Assessment year, if the rubric belongs to one."""
        return self._data.get("year")

    @property
    def status(self) -> str:
        """``official``, ``prognosis`` (announced for a future year),
        ``reconstructed`` (a past year rebuilt from what is published) or
        ``custom``."""
        return str(self._data.get("status", "custom"))

    @property
    def embedded(self) -> bool:
        """Whether this is one of the methodologies shipped with the engine."""
        return self._handle.embedded

    @property
    def provenance(self) -> dict[str, Any]:
        """Source documents, what was verified and what is assumed."""
        return json.loads(json.dumps(self._data.get("provenance", {})))

    @property
    def aggregation(self) -> dict[str, Any]:
        """How row scores become the index (``kind`` ``normalized`` or ``sum``)."""
        return dict(self._data["aggregation"])

    @property
    def min_divisor(self) -> Optional[int]:
        """The minimum divisor d (None for a plain-sum rubric)."""
        return self._data["aggregation"].get("min_divisor")

    @property
    def max_total_score(self) -> Optional[Decimal]:
        """The maximum total (250 in 2026; None for a plain-sum rubric)."""
        return _dec(self._handle.info().get("max_total"))

    @property
    def max_region_score(self) -> Decimal:
        """The maximum SPD score (63 in 2026)."""
        return Decimal(self._handle.maxima()[0])

    @property
    def max_innovation_score(self) -> Decimal:
        """The maximum of one innovation's rows (111 in 2026)."""
        return Decimal(self._handle.maxima()[1])

    @property
    def max_count_score(self) -> Decimal:
        """The maximum innovation-count score (76 in 2026)."""
        return Decimal(self._handle.maxima()[2])

    @property
    def index_decimals(self) -> int:
        """Decimal places of the official index (2)."""
        return int(self._data.get("rounding", {}).get("index_decimals", 2))

    @property
    def not_assessable(self) -> str:
        """Label given when a submission cannot be assessed (Tidak Dapat Dinilai)."""
        return str(self._data["not_assessable"])

    @property
    def mandatory_rule(self) -> str:
        """What an unanswered mandatory row does: ``finding``,
        ``innovation_zero`` or ``not_assessable``."""
        return str(self._data.get("mandatory_rule", "finding"))

    @property
    def predicates(self) -> list[PredicateBand]:
        """The predicate bands, as listed in the file."""
        return [
            PredicateBand(b["label"], b.get("label_en"), Decimal(b["min"]), _dec(b.get("max")))
            for b in self._data["predicates"]
        ]

    @property
    def affairs(self) -> list[Affair]:
        """The government affairs (urusan) the rubric knows."""
        return [
            Affair(a["code"], a["name"], tuple(a.get("aliases", [])), bool(a.get("basic_service")))
            for a in self._data.get("affairs", [])
        ]

    @property
    def innovation_count(self) -> Optional[InnovationCount]:
        """The innovation-count rule (row 36), if the rubric has one."""
        c = self._data.get("innovation_count")
        if c is None:
            return None
        return InnovationCount(
            c["code"],
            c["name"],
            c["variable"],
            Decimal(c["points_per_innovation"]),
            c.get("cap"),
            c.get("basic_services_required"),
        )

    @property
    def region_codes(self) -> list[str]:
        """Region (SPD) indicator codes in official order: the ``spd`` keys
        and the region columns of :func:`iid.score_frames`."""
        return list(self._handle.codes()[0])

    @property
    def innovation_codes(self) -> list[str]:
        """Per-innovation (SID) indicator codes in official order."""
        return list(self._handle.codes()[1])

    @property
    def indicators(self) -> list[Indicator]:
        """Every answered indicator row, in the file's order."""
        out = []
        # Aspect and scope as the compiled rubric places each row.
        places = self._handle.indicator_aspects()
        for i, place in zip(self._data["indicators"], places):
            aspect, scope = place or ("", "")
            out.append(
                Indicator(
                    code=i["code"],
                    name=i["name"],
                    name_en=i.get("name_en"),
                    aspect=aspect,
                    variable=i["variable"],
                    scope=scope,
                    weight=Decimal(i["weight"]),
                    mandatory=bool(i.get("mandatory", False)),
                    parameters=tuple(p["description"] for p in i["parameters"]),
                    parameters_en=tuple(p.get("description_en") for p in i["parameters"]),
                )
            )
        return out

    def indicator(self, code: str) -> Indicator:
        """The indicator with this code (KeyError if none)."""
        for i in self.indicators:
            if i.code == code:
                return i
        raise KeyError(code)

    def weights(self) -> dict[str, Decimal]:
        """Weight (bobot) by indicator code, exact."""
        return {i.code: i.weight for i in self.indicators}

    def lint(self) -> list[dict[str, Any]]:
        """Notes on published band overlaps and gaps that the band rule resolves."""
        return list(self._handle.lint())

    def to_pandas(self) -> "pd.DataFrame":
        """One row per indicator, indexed by code: aspect, variable, scope,
        name, name_en, weight (Decimal), mandatory, max_level, max_score and
        the parameter descriptions (``parameter_1`` ...)."""
        from ._tables import require_pandas

        pd = require_pandas("Rubric.to_pandas")
        rows = []
        for i in self.indicators:
            row: dict[str, Any] = {
                "code": i.code,
                "aspect": i.aspect,
                "variable": i.variable,
                "scope": i.scope,
                "name": i.name,
                "name_en": i.name_en,
                "weight": i.weight,
                "mandatory": i.mandatory,
                "max_level": i.max_level,
                "max_score": i.max_score,
            }
            for n, p in enumerate(i.parameters, 1):
                row[f"parameter_{n}"] = p
            rows.append(row)
        return pd.DataFrame.from_records(rows).set_index("code")

    def __repr__(self) -> str:
        return f"<iid.Rubric {self.id!r} {self.name!r} ({self.status})>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rubric):
            return NotImplemented
        return self._handle.to_json() == other._handle.to_json()

    def __hash__(self) -> int:
        return hash(self._handle.to_json())


@lru_cache(maxsize=None)
def _builtin(id: str) -> Rubric:
    return Rubric(_iid.RubricHandle.builtin(id))
