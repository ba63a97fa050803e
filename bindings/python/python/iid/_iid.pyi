"""Type stubs of the native module ``iid._iid`` (Rust, PyO3).

Private: use the functions of :mod:`iid`. Result trees travel as JSON
text, tables as dicts of columns; errors are raised as
:class:`iid.InputError` / :class:`iid.RubricError`.
"""

from collections.abc import Mapping
from typing import Any, Optional, Union, final

__all__ = [
    "__version__",
    "RubricHandle",
    "score",
    "explain",
    "validate",
    "check",
    "whatif",
    "marginal",
    "plan",
    "rubrics",
    "rubric_ids",
    "score_many",
    "score_columns",
    "synthetic_national",
    "time_core_national",
]

__version__: str

@final
class RubricHandle:
    """A compiled methodology (rubric)."""

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
    def info(self) -> str:
        """The summary ``iid rubrics`` lists (JSON text)."""
    def lint(self) -> str:
        """Lint notes (JSON text)."""
    def region_codes(self) -> list[str]:
        """Region (SPD) indicator codes in official order."""
    def innovation_codes(self) -> list[str]:
        """Per-innovation (SID) indicator codes in official order."""
    def maxima(self) -> tuple[str, str, str]:
        """Maximum region score, innovation rows and count score."""

#: A submission as the native functions take it: JSON text or a mapping.
_Submission = Union[str, Mapping[str, Any]]

def score(submission: _Submission, rubric: Optional[RubricHandle] = None, mode: str = "self") -> str:
    """Score one submission; the result object as JSON text."""

def explain(submission: _Submission, rubric: Optional[RubricHandle] = None, mode: str = "self") -> str:
    """Score one submission and render the breakdown as text."""

def validate(submission: _Submission, rubric: Optional[RubricHandle] = None) -> str:
    """Check a submission without scoring it (JSON text)."""

def check(submission: _Submission, rubric: Optional[RubricHandle] = None) -> str:
    """The evidence audit (JSON text)."""

def whatif(submission: _Submission, changes: str, rubric: Optional[RubricHandle] = None) -> str:
    """What-if: apply changes (JSON text) and compare; JSON text."""

def marginal(submission: _Submission, options: Optional[str] = None, rubric: Optional[RubricHandle] = None) -> str:
    """The marginal table; JSON text."""

def plan(submission: _Submission, options: str, rubric: Optional[RubricHandle] = None) -> str:
    """The cheapest plan to a target; JSON text."""

def rubrics() -> str:
    """The embedded methodologies (JSON text)."""

def rubric_ids() -> list[str]:
    """Ids of the embedded methodologies."""

def score_many(
    submissions: list[_Submission],
    rubric: Optional[RubricHandle] = None,
    mode: str = "self",
    threads: int = 0,
) -> dict[str, list[Any]]:
    """Score many submissions to a dict of columns."""

#: A numeric column: (numpy dtype string, raw little-endian bytes).
_Column = tuple[str, bytes]
#: Level columns: one per code, or one matrix (codes, column after column).
_Columns = Union[list[tuple[str, _Column]], tuple[list[str], _Column]]
#: A text column: one value per row, or categorical (codes, categories);
#: for the region column without keys, (row positions, None).
_Keys = Union[list[Any], tuple[_Column, Optional[list[Any]]]]

def score_columns(
    rubrics: list[RubricHandle],
    region_rubric: list[int],
    region_columns: _Columns,
    region_keys: Optional[list[str]],
    innovation_region: _Keys,
    innovation_columns: _Columns,
    urusan: Optional[_Keys],
    n_innovations: int,
) -> dict[str, list[Any]]:
    """Score region and innovation tables given as numpy column buffers."""

def synthetic_national(
    methodology: str = "iid-2026",
    regions: int = 548,
    innovations: int = 36742,
    seed: int = 2025,
) -> str:
    """The core's synthetic national dataset (JSON text, a list)."""

def time_core_national(
    methodology: str = "iid-2026",
    regions: int = 548,
    innovations: int = 36742,
    seed: int = 2025,
    runs: int = 7,
) -> dict[str, Any]:
    """Native timings (seconds) of the core on the national dataset."""
