"""The shared test vectors (tests/vectors/*.json), run through the Python
package as the Rust and JavaScript suites run them; and every vector's
result compared with the command line's JSON object."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import iid
from conftest import load_vector, vector_files, vector_input, vector_rubric

FILES = vector_files()
IDS = [p.stem for p in FILES]


def test_the_shared_vectors_are_there():
    assert len(FILES) >= 20, f"tests/vectors holds only {len(FILES)} files"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_vector(path: Path):
    v = load_vector(path)
    sub = vector_input(v)
    rubric = vector_rubric(v)
    mode = v.get("mode", "self")
    assert ("expected" in v) != ("expected_error" in v), "exactly one of expected / expected_error"

    if "expected_check" in v:
        exp = v["expected_check"]
        audit = iid.check(sub, rubric=rubric)
        assert audit["total_points_at_risk"] == exp["total_points_at_risk"]
        assert [i["path"] for i in audit["items"]] == exp["paths"]
        assert [i["points_at_risk"] for i in audit["items"]] == exp["points"]

    if "expected" in v:
        got = iid.score(sub, rubric=rubric, mode=mode).to_dict()
        for key, want in v["expected"].items():
            assert key in got, f"result has no field {key}"
            assert got[key] == want, f"{key}: expected {want!r}, got {got[key]!r}"
    else:
        exp = v["expected_error"]
        with pytest.raises(iid.IidError) as info:
            iid.score(sub, rubric=rubric, mode=mode)
        assert info.value.code == exp["code"], repr(info.value)
        if "path" in exp:
            assert info.value.path == exp["path"], repr(info.value)
        layer = iid.RubricError if info.value.code.startswith("rubric") else iid.InputError
        assert isinstance(info.value, layer)


@pytest.mark.parametrize("path", [p for p in FILES if "input" in load_vector(p)], ids=lambda p: p.stem)
def test_vector_as_text_bytes_and_file_gives_the_same_result(path: Path, tmp_path: Path):
    v = load_vector(path)
    rubric = vector_rubric(v)
    mode = v.get("mode", "self")
    text = json.dumps(v["input"])
    file = tmp_path / "submission.json"
    file.write_text(text, encoding="utf-8")
    outcomes = []
    for form in (v["input"], text, text.encode("utf-8"), file, str(file)):
        try:
            outcomes.append(iid.score(form, rubric=rubric, mode=mode).to_dict())
        except iid.IidError as e:
            # messages of JSON errors give a line and column, which differ by layout
            outcomes.append((type(e), e.code, e.path))
    assert all(o == outcomes[0] for o in outcomes[1:])


def _cli(cli: str, v: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    sub = vector_input(v)
    text = sub if isinstance(sub, str) else json.dumps(sub)
    args = [cli, "score", "--json", "--mode", v.get("mode", "self")]
    if "rubric" in v:
        args += ["--rubric", str(vector_rubric(v))]
    return subprocess.run(args + ["-"], input=text.encode("utf-8"), capture_output=True, timeout=60)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_vector_equals_the_command_line(path: Path, cli: str, tmp_path: Path):
    """`iid.score(d).to_dict()` is exactly the object `iid score --json`
    prints (so `index` is the CLI's index); an error has the CLI's code."""
    v = load_vector(path)
    out = _cli(cli, v, tmp_path)
    try:
        result = iid.score(vector_input(v), rubric=vector_rubric(v), mode=v.get("mode", "self"))
    except iid.IidError as e:
        assert out.returncode != 0, out.stdout[:200]
        assert f"error[{e.code}]" in out.stderr.decode("utf-8"), out.stderr
        return
    assert out.returncode == 0, out.stderr
    cli_result = json.loads(out.stdout)
    assert result.to_dict() == cli_result
    assert str(result.index) == cli_result["index"]
    assert str(result.index_exact) == cli_result["index_exact"]
