"""Verification risk through the Python package: the shared vectors
(tests/vectors/risk), run as the Rust and JavaScript suites run them,
and iid.risk's DataFrames on a hand-worked case."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import iid
from iid import _iid
from conftest import assert_subset

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted((ROOT / "tests" / "vectors" / "risk").glob("*.json"))


def test_the_risk_vectors_are_there():
    assert len(FILES) >= 6


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_risk_vector(path):
    v = json.loads(path.read_text(encoding="utf-8"))
    if "expected_error" in v:
        with pytest.raises(iid.InputError) as e:
            _iid.call_json(v["operation"], json.dumps(v["call"]))
        assert (e.value.code, e.value.path) == (v["expected_error"]["code"], v["expected_error"]["path"])
    else:
        got = json.loads(_iid.call_json(v["operation"], json.dumps(v["call"])))
        assert_subset(v["expected"], got)


def test_risk_frames():
    # Worked in tests/vectors/risk/index-target.json: P(index >= 1.30) =
    # 0.4; proving spd.1 raises it to 0.8, row 16 to 0.5.
    sub = {
        "methodology": "iid-2026",
        "spd": {"1": 3},
        "innovations": [{"id": "a", "urusan": "pendidikan", "levels": {"16": 3}}],
    }
    r = iid.risk(sub, odds={"answers": {"spd.1": "0.5", "innovations[0].levels.16": "0.8"}}, target="1.30")
    assert r.goal["probability"] == Decimal("0.400000")
    assert list(r.shore_up["path"]) == ["spd.1", "innovations[0].levels.16"]
    assert list(r.shore_up["gain"]) == [Decimal("0.400000"), Decimal("0.100000")]
    assert r.predicates.loc["Kurang Inovatif", "probability"] == Decimal("0.900000")
    assert r.quantiles[Decimal("0.500000")] == Decimal("0.30")
    assert r.expected_index == Decimal("0.840000")


def test_risk_errors_name_the_odds_field():
    with pytest.raises(iid.InputError) as e:
        iid.risk({"methodology": "iid-2026", "spd": {"1": 3}, "innovations": [{"id": "a"}]},
                 odds={"classes": {"meets_rule": "1.5"}})
    assert e.value.path == "odds.classes.meets_rule"
