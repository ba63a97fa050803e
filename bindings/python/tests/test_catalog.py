"""The embedded catalogs: the shared vectors (tests/vectors/catalog), run
as the Rust and JavaScript suites run them, and iid.awards() /
iid.award_definition() equal to the command line's answers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import iid
from iid import _iid
from conftest import assert_subset  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted((ROOT / "tests" / "vectors" / "catalog").glob("*.json"))


def test_the_catalog_vectors_are_there():
    assert len(FILES) >= 4


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_catalog_vector(path: Path):
    v = json.loads(path.read_text(encoding="utf-8"))
    if "expected" in v:
        assert_subset(v["expected"], json.loads(_iid.catalog_json(v["catalog"], v.get("id"))))
    else:
        with pytest.raises(iid.InputError) as e:
            _iid.catalog_json(v["catalog"], v.get("id"))
        assert (e.value.code, e.value.path) == (v["expected_error"]["code"], v["expected_error"]["path"])


def test_awards_are_the_command_lines(cli: str):
    def cli_json(args: list[str]):
        return json.loads(subprocess.run([cli, *args], capture_output=True, check=True).stdout)

    listed = iid.awards()
    assert [a["id"] for a in listed] == ["iga-2023", "iga-2025"]
    assert listed == cli_json(["awards", "--json"])
    for a in listed:
        assert iid.award_definition(a["id"]) == cli_json(["awards", a["id"]])
    with pytest.raises(iid.InputError) as e:
        iid.award_definition("iga-1999")
    assert (e.value.code, e.value.path) == ("unknown_award", "award")
