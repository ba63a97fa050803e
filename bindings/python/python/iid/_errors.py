"""The exceptions of :mod:`iid`: the core's errors, one class per layer.

Every error carries the core's stable ``code`` (``level_out_of_range``,
``unknown_indicator``, ``rubric_band_gap``, ...), the JSON ``path`` of the
bad field (``innovations[2].levels.17``) and the core's English
``message``, the same words the command line and the WebAssembly package
print.
"""

from __future__ import annotations

__all__ = ["IidError", "InputError", "RubricError"]


class IidError(ValueError):
    """Base class of iid's errors (a :class:`ValueError`).

    Attributes:
        code: stable machine-readable code of the error kind.
        path: JSON path of the bad field (``spd.2a``,
            ``innovations[3].levels.17``; ``$`` for the whole document,
            ``""`` when no field is at fault).
        message: the core's message, naming the field.
    """

    #: ``input`` or ``rubric``: which layer is at fault.
    layer: str = "input"

    def __init__(self, message: str, code: str = "input_invalid", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:  # keep code and path when pickled
        return (type(self), (self.message, self.code, self.path))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r}, path={self.path!r})"


class InputError(IidError):
    """A submission (or a table, or an argument) that cannot be scored.

    ``path`` names the field: ``spd.1``, ``innovations[0].urusan``; in
    :func:`iid.score_many` it is prefixed with the submission's position
    (``[3].spd.1``); in :func:`iid.score_frames` it names the table, the
    row position (``iloc``) and the column (``innovations[12].17``).
    """

    layer = "input"


class RubricError(IidError):
    """A methodology (rubric) that cannot be used: an unknown id, or a
    rubric file that fails validation; ``path`` is the field within the
    rubric file (``predicates[1].min``) or ``methodology``."""

    layer = "rubric"
