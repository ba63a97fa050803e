"""Workbooks (.xlsx) and the printable report: thin wrappers over the
core (``iid template``, ``iid convert``, ``iid report``)."""

from __future__ import annotations

import html as _html
import json
import os
from typing import Any, Optional, Union

from . import _iid
from ._convert import call_arg, options_text, rubric_handle, workbook_bytes
from ._errors import InputError

__all__ = ["read_workbook", "template", "to_workbook", "report", "Report"]

_PathLike = Union[str, "os.PathLike[str]"]


def read_workbook(workbook: Union[_PathLike, bytes]) -> dict[str, Any]:
    """The submission of a filled-in workbook (a path or the .xlsx bytes),
    as the interchange dict. A bad cell raises :class:`InputError` whose
    ``path`` is its sheet and cell (``"Inovasi!G12"``)."""
    data = workbook_bytes(workbook)
    if data is None:
        if isinstance(workbook, (str, os.PathLike)):
            with open(workbook, "rb") as f:
                data = f.read()
        else:
            raise InputError("$: expected the path or the bytes of an .xlsx workbook", "input_invalid", "$")
    out: dict[str, Any] = json.loads(_iid.read_workbook(data))
    return out


def _write(data: bytes, path: Optional[_PathLike]) -> bytes:
    if path is not None:
        with open(path, "wb") as f:
            f.write(data)
    return data


def template(rubric: Any = None, path: Optional[_PathLike] = None) -> bytes:
    """The fill-in workbook of a methodology (an embedded id, a
    :class:`Rubric`, a rubric file or dict; default: the current official
    methodology): its bytes, also written to ``path`` when given."""
    return _write(_iid.write_workbook(None, rubric_handle(rubric)), path)


def to_workbook(submission: Any, path: Optional[_PathLike] = None, rubric: Any = None) -> bytes:
    """A submission laid out in its rubric's workbook (the rubric it
    names, or ``rubric``): its bytes, also written to ``path`` when given.
    Reading it back (:func:`read_workbook`) gives the same submission."""
    arg = call_arg(submission)
    if isinstance(arg, bytes):
        arg = json.dumps(read_workbook(arg))
    return _write(_iid.write_workbook(arg, rubric_handle(rubric)), path)


class Report(str):
    """The report as one self-contained HTML page (a ``str``); shown in
    Jupyter in a frame of its own, so its style sheet stays inside."""

    def _repr_html_(self) -> str:
        return (
            '<iframe style="width:100%;height:640px;border:1px solid #d0d7de" '
            f'srcdoc="{_html.escape(str(self), quote=True)}"></iframe>'
        )

    def save(self, path: _PathLike) -> None:
        """Write the page to a file (``laporan.html``)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(str(self))


def report(
    submission: Any,
    rubric: Any = None,
    lang: str = "id",
    date: Optional[str] = None,
    mode: str = "self",
) -> Report:
    """The printable report of a submission (a dict, JSON text, a path to
    a .json or .xlsx file): one self-contained HTML page in ``lang``
    (``"id"`` or ``"en"``), dated ``date`` (``YYYY-MM-DD``) when given."""
    options = options_text(format="html", lang=lang, date=date, mode=mode)
    answer = json.loads(_iid.call("report", call_arg(submission), options, rubric_handle(rubric)))
    return Report(answer["html"])
