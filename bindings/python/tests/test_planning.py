"""What-if, marginal value and the cheapest plan: the command line's
objects, through the package."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

import iid
from conftest import EXAMPLES, assert_subset

KABUPATEN = EXAMPLES / "kabupaten-contoh.json"

CHANGES = [
    {"op": "set", "indicator": "2b", "level": 3},
    {"op": "set", "innovation": "inv-01", "indicator": "17", "level": 3},
    {"op": "add_innovation", "innovation": {"id": "baru-1", "urusan": "sosial", "levels": {"16": 1, "35": 2}}},
]


def run_cli(cli: str, *args: str) -> dict:
    out = subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_whatif_equals_the_command_line(cli: str, tmp_path: Path):
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps(CHANGES))
    got = iid.whatif(KABUPATEN, CHANGES)
    assert got == run_cli(cli, "whatif", str(KABUPATEN), str(changes), "--json")
    assert got == iid.whatif(json.loads(KABUPATEN.read_text()), json.dumps(CHANGES))


def test_whatif_agrees_with_scoring_the_changed_submission():
    sub = json.loads(KABUPATEN.read_text())
    changed = json.loads(json.dumps(sub))
    changed["spd"]["2b"] = 3
    w = iid.whatif(sub, [{"op": "set", "indicator": "2b", "level": 3}])
    after = iid.score(changed)
    assert w["after"]["index"] == str(after.index)
    assert w["before"]["index"] == str(iid.score(sub).index)
    assert w["result"] == after.to_dict()


def test_marginal_equals_the_command_line(cli: str, tmp_path: Path):
    got = iid.marginal(KABUPATEN)
    assert got == run_cli(cli, "marginal", str(KABUPATEN), "--json")
    gains = [Decimal(i["gain"]) for i in got["items"]]
    assert gains and gains == sorted(gains, reverse=True)
    template = {"levels": {"16": 3, "35": 3}, "urusan": "sosial"}
    file = tmp_path / "template.json"
    file.write_text(json.dumps(template))
    assert iid.marginal(KABUPATEN, template=template) == run_cli(
        cli, "marginal", str(KABUPATEN), "--template", str(file), "--json"
    )


def test_plan_equals_the_command_line(cli: str):
    got = iid.plan(KABUPATEN, "Inovatif")
    assert got == run_cli(cli, "plan", str(KABUPATEN), "--target", "Inovatif", "--json")
    assert iid.plan(KABUPATEN, Decimal("40.01")) == run_cli(
        cli, "plan", str(KABUPATEN), "--target", "40.01", "--json"
    )


def test_planning_errors_are_input_errors():
    with pytest.raises(iid.InputError) as info:
        iid.whatif(KABUPATEN, [{"op": "set", "indicator": "2b", "level": 9}])
    assert info.value.path
    with pytest.raises(iid.InputError) as info:
        iid.whatif(KABUPATEN, {"op": "set"})
    assert info.value.path == "changes"
    with pytest.raises(iid.InputError):
        iid.plan(KABUPATEN, "Sangat Sangat Inovatif")
    with pytest.raises(iid.InputError) as info:
        iid.whatif(KABUPATEN, [{"op": "set", "indicator": "2b", "level": object()}])
    assert info.value.path == "changes"


ROOT = Path(__file__).resolve().parents[3]
PLAN_VECTORS = sorted((ROOT / "tests" / "vectors" / "plan").glob("*.json"))


def test_the_plan_vectors_are_there():
    assert len(PLAN_VECTORS) >= 5


@pytest.mark.parametrize("path", PLAN_VECTORS, ids=[p.stem for p in PLAN_VECTORS])
def test_plan_vector(path: Path):
    # Each shared plan vector through iid.plan's keywords (the call
    # document's fields), as the Rust and JavaScript suites run them.
    v = json.loads(path.read_text(encoding="utf-8"))
    call = dict(v["call"])
    got = iid.plan(
        call.pop("submission"),
        call.pop("target"),
        mode=call.pop("mode", "self"),
        include_measured=call.pop("include_measured", False),
        costs=call.pop("costs", None),
    )
    assert not call, call
    assert_subset(v["expected"], got)
    rescored = iid.score(got["projected_submission"], mode=got["mode"])
    assert str(rescored.index) == got["projected_index"]


def test_verified_plan_equals_the_command_line(cli: str):
    got = iid.plan(KABUPATEN, "next", mode="verified", include_measured=True)
    assert got["mode"] == "verified"
    assert got == run_cli(
        cli, "plan", str(KABUPATEN), "--target", "next", "--mode", "verified", "--include-measured", "--json"
    )
    with pytest.raises(iid.InputError) as info:
        iid.plan(KABUPATEN, "next", mode="audited")
    assert info.value.path == "mode"
