"""The national ranking and the award stages through the Python package:
the shared national vectors (tests/vectors/national), run as the Rust and
JavaScript suites run them, and the DataFrame forms of iid.rank and
iid.award on the hand-worked example."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import iid
from conftest import assert_subset

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted((ROOT / "tests" / "vectors" / "national").glob("*.json"))


def test_the_national_vectors_are_there():
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_national_vector(path: Path):
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
    return json.loads((ROOT / "tests" / "vectors" / "national" / name).read_text(encoding="utf-8"))


def test_rank_answers_dataframes_with_the_hand_worked_ranks(tmp_path):
    call = vector("rank-ties-roster-border.json")["call"]
    r = iid.rank(call["submissions"], award=call["award"], roster=call["roster"])
    assert list(r.regions.index) == ["11.00", "11.71", "11.01", "11.04", "11.02", "11.03", "11.05"]
    assert list(r.regions["rank"]) == [1, 2, 3, 3, 3, 6, 7]
    assert list(r.regions["rank_exact"]) == [1, 2, 3, 3, 5, 6, 7]
    assert r.regions.loc["11.02", "index_exact"] == Decimal("12.4307692308")
    assert r.predicates.loc["Kurang Inovatif", "national"] == 6
    assert r.predicates.loc["Tidak Dapat Dinilai", "kabupaten"] == 1
    assert r.clusters.loc["kabupaten", "nominees"] == 2
    assert r.summary["mean_index"] == Decimal("13.00")
    assert r.summary["side_awards"]["di-atas-12-45"] == ["11.00", "11.71"]
    # A directory of files and a JSON Lines file rank alike.
    (tmp_path / "each").mkdir()
    for s in call["submissions"]:
        (tmp_path / "each" / f"{s['region']['code']}.json").write_text(json.dumps(s))
    (tmp_path / "all.jsonl").write_text("\n".join(json.dumps(s) for s in call["submissions"]))
    for source in (tmp_path / "each", tmp_path / "all.jsonl"):
        again = iid.rank(source, award=call["award"], roster=call["roster"])
        assert list(again.regions["rank"]) == [1, 2, 3, 3, 3, 6, 7]


def test_rank_reads_the_table_form():
    # Regions A and D of the hand-worked vector as DataFrames.
    spd = {"1": 3, "3": 3, "4": 3, "5a": 2, "6": 3, "7": 3, "8": 3, "12": 3}
    regions = pd.DataFrame(
        [dict(code="11.01", name="A", level="kabupaten", clusters="", **spd),
         dict(code="11.71", name="D", level="kota", clusters="", **spd)]
    )
    innovations = pd.DataFrame({"region": ["11.01", "11.71"], "16": [3, 3], "17": [2, 3]})
    r = iid.rank(regions, innovations, rubric="iid-2026", award="iga-2023")
    # D: 0.4 x (30 + 15/12) = 12.50; A: 0.4 x (30 + 13/12) = 12.43.
    assert list(r.regions.index) == ["11.71", "11.01"]
    assert list(r.regions["index"]) == [Decimal("12.50"), Decimal("12.43")]
    assert list(r.regions["cluster"]) == ["kota", "kabupaten"]


def test_rank_errors_name_the_submission():
    v = vector("rank-error-duplicate-region.json")
    with pytest.raises(iid.InputError) as e:
        iid.rank(v["call"]["submissions"])
    assert (e.value.code, e.value.path) == ("duplicate_region", "submissions[2].region.code")


def test_award_turns_stage_scores_into_winners():
    v = vector("award-stages-tie-break.json")["call"]
    res = iid.award({"regions": v["ranking"]}, v["scores"], award=v["award"])
    assert res.winners == {"perbatasan": ["11.04"], "provinsi": ["11.00"], "kabupaten": ["11.01"], "kota": ["11.71"]}
    kab = res.finalists[res.finalists["cluster"] == "kabupaten"]
    assert list(kab["final_score"]) == [Decimal("155.00"), Decimal("155.00")]
    assert list(kab["place"]) == [1, 2]
