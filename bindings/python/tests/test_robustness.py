"""The robustness analysis through the Python package: the shared vectors
(tests/vectors/robustness), run as the Rust and JavaScript suites run
them, and iid.robustness's DataFrames on the hand-worked divisor case."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import iid
from conftest import assert_subset

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted((ROOT / "tests" / "vectors" / "robustness").glob("*.json"))


def test_the_robustness_vectors_are_there():
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_robustness_vector(path: Path):
    v = json.loads(path.read_text(encoding="utf-8"))
    call = json.dumps(v["call"])
    if "expected" in v:
        got = json.loads(iid._iid.call_json(v["operation"], call))
        assert_subset(v["expected"], got)
    else:
        with pytest.raises(iid.InputError) as e:
            iid._iid.call_json(v["operation"], call)
        assert (e.value.code, e.value.path) == (v["expected_error"]["code"], v["expected_error"]["path"])


def vector(name):
    return json.loads((ROOT / "tests" / "vectors" / "robustness" / name).read_text(encoding="utf-8"))


def test_robustness_answers_dataframes():
    call = vector("robustness-divisor-flip.json")["call"]
    r = iid.robustness(
        call["submissions"], samples=200, seed=7, weight_range=0, divisors=[10, 12],
        verification=False, bootstrap=20,
    )
    assert list(r.regions.index) == ["B", "A"]
    assert list(r.regions["rank"]) == [1, 2]
    assert list(r.regions["rank_p05"]) == [1, 1]
    assert list(r.regions["rank_p95"]) == [2, 2]
    assert r.regions.loc["A", "index"] == Decimal("1.50")
    assert r.regions.loc["A", "keeps_predicate"] == Decimal("1")
    assert r.sensitivity.loc["weights", "first_order"] == Decimal("0")
    assert bool(r.sensitivity.loc["divisor", "varied"])
    assert r.settings["rankings"] == 400 and r.settings["divisors"] == [10, 12]
    # The same seed, the same answer; the typed wrapper is the call.
    again = iid.robustness(
        json.dumps(call["submissions"]), samples=200, seed=7, weight_range="0", divisors=[10, 12],
        verification=False, bootstrap=20,
    )
    assert again.data == r.data
    assert r.data == json.loads(iid._iid.call_json("robustness", json.dumps(call)))


def test_robustness_errors_name_the_option():
    call = vector("robustness-zero-width.json")["call"]
    with pytest.raises(iid.InputError) as e:
        iid.robustness(call["submissions"], divisors=[12, 12])
    assert (e.value.code, e.value.path) == ("input_invalid", "divisors[1]")
