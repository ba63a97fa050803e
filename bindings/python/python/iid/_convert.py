"""Arguments to the core's terms: a submission becomes JSON text or stays
a mapping (the native module reads it into the core's submission), a rubric
argument becomes a compiled rubric handle, a bad argument an
:class:`~iid.InputError` naming where it is."""

from __future__ import annotations

import json
import numbers
import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Union

from . import _iid
from ._errors import InputError, RubricError

#: What a submission may be given as.
SubmissionLike = Union[Mapping[str, Any], str, bytes, "os.PathLike[str]"]


def _looks_like_path(text: str) -> bool:
    s = text.strip()
    return s.lower().endswith(".json") and not s.startswith(("{", "[", '"'))


def _read(path: Any, where: str) -> str:
    with open(path, "rb") as f:
        data = f.read()
    return _decode(data, where)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"input is not valid UTF-8 (byte {e.start})", "input_not_utf8", where
        ) from None


def _default(o: Any) -> Any:
    """JSON form of the values a notebook hands over besides plain ones:
    numpy integers, floats, booleans and arrays, ``Decimal`` (kept exact as
    a string unless it is a whole number), other mappings."""
    if isinstance(o, Decimal):
        if o.is_finite() and o == o.to_integral_value() and int(o.as_tuple().exponent) >= 0:
            return int(o)
        return str(o)
    if type(o).__module__ == "numpy":
        if type(o).__name__ in ("bool_", "bool"):
            return bool(o)
        if hasattr(o, "tolist"):  # numpy scalars and arrays
            return o.tolist()
    if isinstance(o, numbers.Integral):
        return int(o)
    if isinstance(o, numbers.Real):
        return float(o)
    if isinstance(o, Mapping):
        return dict(o)
    raise TypeError(type(o).__name__)


def submission_arg(obj: Any, where: str = "") -> Union[str, Mapping[str, Any]]:
    """A submission as the native module takes it: JSON text, or the
    mapping itself (read into the core's submission in Rust, with the path
    of any bad field).

    ``obj`` may be a dict (any mapping), JSON text, UTF-8 bytes, or a path
    (``pathlib.Path``, or a ``str`` ending in ``.json``). ``where`` prefixes
    error paths (``[3]`` for the fourth submission of a list).
    """
    if isinstance(obj, Mapping):
        return obj
    if isinstance(obj, os.PathLike):
        return _read(obj, where)
    if isinstance(obj, str):
        return _read(obj, where) if _looks_like_path(obj) else obj
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return _decode(bytes(obj), where)
    full = where or "$"
    raise InputError(
        f"{full}: expected a submission (a dict, JSON text or the path of a .json file), "
        f"got {type(obj).__name__}",
        "input_json",
        full,
    )


def rubric_handle(rubric: Any) -> _iid.RubricHandle | None:
    """The compiled rubric for a ``rubric=`` argument: ``None`` (the one the
    submission names), a :class:`~iid.Rubric`, an embedded methodology id
    (``"iid-2027"``), a path to a rubric file, rubric JSON text or a dict."""
    from ._rubric import Rubric

    if rubric is None:
        return None
    if isinstance(rubric, Rubric):
        return rubric._handle
    if isinstance(rubric, _iid.RubricHandle):
        return rubric
    return Rubric._from_any(rubric)._handle


def rubric_text(rubric: Any) -> str:
    """Rubric JSON text from a path, text or dict (for :meth:`Rubric.load`)."""
    if isinstance(rubric, Mapping):
        try:
            return json.dumps(rubric, ensure_ascii=False, allow_nan=False, default=_default)
        except (TypeError, ValueError) as e:
            raise RubricError(f"$: the rubric cannot be written as JSON: {e}", "rubric_json", "$") from None
    if isinstance(rubric, os.PathLike):
        return _read(rubric, "")
    if isinstance(rubric, str):
        return _read(rubric, "") if _looks_like_path(rubric) else rubric
    if isinstance(rubric, (bytes, bytearray, memoryview)):
        return _decode(bytes(rubric), "")
    raise RubricError(
        "rubric: expected a Rubric, an embedded methodology id, the path of a rubric "
        f"file, rubric JSON text or a dict, got {type(rubric).__name__}",
        "rubric_json",
        "$",
    )


def mode_name(mode: Any) -> str:
    """The score mode as the core names it (``self`` or ``verified``)."""
    if not isinstance(mode, str):
        raise InputError(
            f'mode: expected "self" or "verified", got {type(mode).__name__}', "input_invalid", "mode"
        )
    return mode
