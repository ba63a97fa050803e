"""The package as installed: type stubs that match the native module,
py.typed, and a module that imports without pandas."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import iid
from iid import _iid

PACKAGE = Path(iid.__file__).parent


def _stub() -> ast.Module:
    return ast.parse((PACKAGE / "_iid.pyi").read_text(encoding="utf-8"))


def test_the_package_ships_its_types():
    assert (PACKAGE / "py.typed").exists()
    assert (PACKAGE / "_iid.pyi").exists()


def test_stubs_list_every_native_function_with_its_parameters():
    stub = _stub()
    funcs = {n.name: n for n in stub.body if isinstance(n, ast.FunctionDef)}
    native = {
        name
        for name, obj in vars(_iid).items()
        if not name.startswith("_") and callable(obj) and not isinstance(obj, type)
    }
    assert native == set(funcs)
    for name, node in funcs.items():
        want = [a.arg for a in node.args.args]
        got = list(inspect.signature(getattr(_iid, name)).parameters)
        assert got == want, name
        assert ast.get_docstring(node), name


def test_stubs_list_the_native_class_and_its_members():
    stub = _stub()
    classes = {n.name: n for n in stub.body if isinstance(n, ast.ClassDef)}
    assert set(classes) == {"RubricHandle"}
    members = {n.name for n in classes["RubricHandle"].body if isinstance(n, ast.FunctionDef)}
    native = {m for m in dir(_iid.RubricHandle) if not m.startswith("_")}
    assert members == native


def test_import_without_pandas():
    code = (
        "import sys; sys.modules['pandas'] = None; sys.modules['numpy'] = None\n"
        "import iid\n"
        "r = iid.score({'methodology': 'iid-2026', 'spd': {'1': 3}})\n"
        "print(r.index)\n"
        "try:\n"
        "    iid.score_many([])\n"
        "except ImportError as e:\n"
        "    print('ImportError', 'iid[pandas]' in str(e))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0.00", "ImportError", "True"]
