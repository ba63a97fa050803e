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


def _looks_like_workbook(text: str) -> bool:
    s = text.strip()
    return s.lower().endswith(".xlsx") and not s.startswith(("{", "[", '"'))


def workbook_bytes(obj: Any) -> bytes | None:
    """The bytes of a workbook (.xlsx) given as a path (``pathlib.Path`` or
    a ``str`` ending in ``.xlsx``) or as bytes (by the zip signature);
    ``None`` for anything else."""
    if isinstance(obj, (bytes, bytearray, memoryview)):
        data = bytes(obj)
        return data if data.startswith(b"PK\x03\x04") else None
    if isinstance(obj, os.PathLike) and os.fspath(obj).lower().endswith(".xlsx"):
        with open(obj, "rb") as f:
            return f.read()
    if isinstance(obj, str) and _looks_like_workbook(obj):
        try:
            with open(obj.strip(), "rb") as f:
                return f.read()
        except OSError as e:
            raise InputError(
                f"$: cannot read {obj.strip()!r} ({e.strerror or e})", "input_invalid", "$"
            ) from None
    return None


def _looks_like_path(text: str) -> bool:
    s = text.strip()
    return s.lower().endswith(".json") and not s.startswith(("{", "[", '"'))


def _read(path: Any, where: str) -> str:
    with open(path, "rb") as f:
        data = f.read()
    return _decode(data, where)


def _read_named(text: str, where: str) -> str:
    """A ``str`` that names a file: its text. Such a string might also have
    been meant as text, so an unreadable one is bad input at ``$``; a
    ``pathlib.Path`` is meant as a file, so it raises the OS error."""
    try:
        return _read(text.strip(), where)
    except OSError as e:
        full = where or "$"
        raise InputError(
            f"{full}: cannot read {text.strip()!r} ({e.strerror or e}); a str ending in .json "
            "is read as the path of a submission file",
            "input_invalid",
            full,
        ) from None


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


def plain(obj: Any) -> Any:
    """``obj`` with every value JSON has no type for (numpy scalars and
    arrays, ``Decimal``, other mappings) converted by :func:`_default`;
    ``obj`` itself when nothing needed converting (the native module
    calls this only after reading ``obj`` failed, and reports that error
    then)."""
    changed = False

    def walk(o: Any) -> Any:
        nonlocal changed
        if o is None or isinstance(o, (str, int, float, bool)):
            return o
        if isinstance(o, dict):
            return {k: walk(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [walk(v) for v in o]
        try:
            converted = _default(o)
        except TypeError:
            return o
        changed = True
        return walk(converted)

    try:
        out = walk(obj)
    except RecursionError:
        return obj
    return out if changed else obj


def call_arg(obj: Any) -> Union[str, bytes, Mapping[str, Any]]:
    """A submission as ``_iid.call`` takes it: a workbook (an ``.xlsx``
    path or bytes) as its bytes, anything else as :func:`submission_arg`
    makes it."""
    book = workbook_bytes(obj)
    return book if book is not None else submission_arg(obj)


def submission_arg(obj: Any, where: str = "") -> Union[str, Mapping[str, Any]]:
    """A submission as the native module takes it: JSON text, or the
    mapping itself (read into the core's submission in Rust, with the path
    of any bad field).

    ``obj`` may be a dict (any mapping), JSON text, UTF-8 bytes, or a path
    (``pathlib.Path``, or a ``str`` ending in ``.json``: one that cannot be
    read is an :class:`~iid.InputError` at ``$``). ``where`` prefixes
    error paths (``[3]`` for the fourth submission of a list).
    """
    if isinstance(obj, Mapping):
        return obj
    if isinstance(obj, os.PathLike):
        return _read(obj, where)
    if isinstance(obj, str):
        return _read_named(obj, where) if _looks_like_path(obj) else obj
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
        except (TypeError, ValueError, RecursionError) as e:
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


def options_text(**fields: Any) -> str:
    """Call options as the JSON object text the core reads; a field that
    cannot be written as JSON (an object, NaN, nesting Python cannot
    walk) is an :class:`~iid.InputError` naming it."""
    parts = []
    for name, value in fields.items():
        if value is None:
            continue
        try:
            text = json.dumps(value, ensure_ascii=False, allow_nan=False, default=_default)
        except (TypeError, ValueError, RecursionError) as e:
            why = "nested too deeply" if isinstance(e, RecursionError) else str(e)
            raise InputError(f"{name}: cannot be written as JSON: {why}", "input_json", name) from None
        parts.append(f"{json.dumps(name)}: {text}")
    return "{" + ", ".join(parts) + "}"


def json_value(value: Any, name: str) -> Any:
    """An argument given as JSON text (``str``) read into a value; any
    other value as it is."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except RecursionError:
        raise InputError(f"{name}: nested too deeply", "input_json", name) from None
    except ValueError as e:
        raise InputError(f"{name}: not JSON: {e}", "input_json", name) from None
