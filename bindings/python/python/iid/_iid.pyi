"""Type stubs of the native module ``iid._iid`` (Rust, PyO3).

Private: use the functions of :mod:`iid`. Result trees travel as JSON
text, tables as dicts of columns; errors are raised as
:class:`iid.InputError` / :class:`iid.RubricError`. ``time_core_national``
exists only in a build with the ``bench`` feature.
"""

from collections.abc import Mapping
from typing import Any, Optional, Union, final

__all__ = [
    "__version__",
    "RubricHandle",
    "call",
    "call_json",
    "rank_frames",
    "read_workbook",
    "write_workbook",
    "catalog_json",
    "score_many",
    "score_frames",
    "to_tables",
    "synthetic_national",
]

__version__: str

@final
class RubricHandle:
    """A compiled methodology (rubric), shared with every call it is passed to."""

    @staticmethod
    def builtin(id: str) -> RubricHandle:
        """The embedded methodology ``id``."""
    @staticmethod
    def parse(text: str) -> RubricHandle:
        """Parse and validate a rubric file given as JSON text."""
    @property
    def id(self) -> str:
        """Identifier, e.g. ``iid-2026``."""
    @property
    def embedded(self) -> bool:
        """Whether this is one of the embedded methodologies."""
    def to_json(self) -> str:
        """The rubric as written (JSON text)."""
    def info(self) -> dict[str, Any]:
        """The summary ``iid rubrics`` lists."""
    def lint(self) -> list[dict[str, Any]]:
        """Lint notes."""
    def codes(self) -> tuple[list[str], list[str]]:
        """Region (SPD) and per-innovation (SID) indicator codes, in official order."""
    def indicator_aspects(self) -> list[Optional[tuple[str, str]]]:
        """Each indicator's aspect code and scope, in the file's order."""
    def maxima(self) -> tuple[str, str, str]:
        """Maximum region score, innovation rows and count score."""

#: A submission as the native functions take it: JSON text or a mapping
#: (or, for ``call``, file bytes: JSON or a workbook).
_Submission = Union[str, Mapping[str, Any]]

def call(
    operation: str,
    submission: Union[_Submission, bytes],
    options: Optional[str] = None,
    rubric: Optional[RubricHandle] = None,
) -> str:
    """Answer an operation (score, explain, check, validate, whatif, apply,
    marginal, plan); options and the answer as JSON text."""

def call_json(operation: str, call: str) -> str:
    """Answer any operation given as one call document (JSON text); the
    answer as JSON text."""

def rank_frames(
    regions: tuple[int, list[Any], list[Any]],
    innovations: tuple[int, list[Any], list[Any]],
    options: str,
    rubric: Optional[RubricHandle] = None,
) -> str:
    """Rank the table form with a rank call's options (JSON text); the
    ranking as JSON text."""
def read_workbook(data: bytes) -> str:
    """The submission of a workbook (.xlsx bytes), as JSON text."""

def write_workbook(
    submission: Optional[_Submission] = None,
    rubric: Optional[RubricHandle] = None,
) -> bytes:
    """A submission (or, with none, the empty template) as workbook bytes."""

def catalog_json(what: str, id: Optional[str] = None) -> str:
    """The embedded catalogs as JSON text: ``rubrics``, ``awards``, or
    ``rubric`` / ``award`` with an ``id``."""

def score_many(
    submissions: list[_Submission],
    rubric: Optional[RubricHandle] = None,
    mode: str = "self",
    threads: int = 0,
) -> dict[str, Any]:
    """Score many submissions to a dict of headline columns (lists, numpy
    arrays; exact figures as object arrays of ``Decimal``)."""

#: A table: its length, column labels and column arrays.
_Table = tuple[int, list[Any], list[Any]]

def score_frames(
    regions: _Table,
    innovations: _Table,
    rubric: Optional[RubricHandle] = None,
) -> dict[str, Any]:
    """Score the regions and innovations tables to a dict of headline
    columns, as :func:`score_many` gives them."""

def to_tables(submissions: list[_Submission]) -> dict[str, dict[str, Any]]:
    """Lay submissions out as the two tables (columns; levels as uint8 arrays)."""

def synthetic_national(
    methodology: str = "iid-2026",
    regions: int = 548,
    innovations: int = 36742,
    seed: int = 2025,
) -> str:
    """The core's synthetic national dataset (JSON text, a list)."""
