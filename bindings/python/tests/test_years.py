"""Year over year through the package: the shared diff and history vectors
(tests/vectors/diff, tests/vectors/history) run as the Rust and JavaScript
suites run them, each answer equal to the command line's, the parts adding
up exactly (fractions) and as published; the DataFrames."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import iid
from conftest import EXAMPLES, VECTORS, assert_subset

DIFF = sorted((VECTORS / "diff").glob("*.json"))
HISTORY = sorted((VECTORS / "history").glob("*.json"))


def _adds_up(items, fraction, points):
    if not items:
        return
    assert sum(Fraction(i["fraction"]) for i in items) == Fraction(fraction)
    assert sum(Decimal(i["points"]) for i in items) == Decimal(points)
    for i in items:
        _adds_up(i.get("rows", []), i["fraction"], i["points"])


def diff_adds_up(d):
    parts = d["parts"]
    assert sum(Fraction(p["fraction"]) for p in parts) == Fraction(d["change_fraction"])
    assert sum(Decimal(p["points"]) for p in parts) == Decimal(d["change"])
    at = Decimal(d["old"]["index"])
    for p in parts:
        assert Decimal(p["start"]) == at
        at += Decimal(p["points"])
        assert Decimal(p["end"]) == at
        # Published within one unit of the exact part.
        assert abs(Fraction(p["points"]) * 100 - Fraction(p["fraction"]) * 100) < 1
        _adds_up(p["items"], p["fraction"], p["points"])
    assert at == Decimal(d["new"]["index"])


def _files(tmp_path: Path, subs: list, prefix: str = "s") -> list[str]:
    out = []
    for i, s in enumerate(subs):
        f = tmp_path / f"{prefix}{i}.json"
        f.write_text(json.dumps(s), encoding="utf-8")
        out.append(str(f))
    return out


def test_the_vectors_are_there():
    assert len(DIFF) >= 4 and len(HISTORY) >= 1


@pytest.mark.parametrize("path", DIFF, ids=lambda p: p.stem)
def test_diff_vector(path: Path, cli: str, tmp_path: Path):
    v = json.loads(path.read_text(encoding="utf-8"))
    c = v["call"]
    got = iid.diff(c["old"], c["new"], rubrics=c.get("rubrics"), mode=c.get("mode", "self"), frame=False)
    assert_subset(v["expected"], got)
    diff_adds_up(got)
    # The same object as `iid diff --json`, and as the generic entry point.
    old, new = _files(tmp_path, [c["old"], c["new"]])
    args = [cli, "diff", old, new, "--json"]
    for r in _files(tmp_path, c.get("rubrics", []), "r"):
        args += ["--rubric", r]
    out = subprocess.run(args, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == got
    assert json.loads(iid._iid.call_json("diff", json.dumps(c))) == got


@pytest.mark.parametrize("path", HISTORY, ids=lambda p: p.stem)
def test_history_vector(path: Path, cli: str, tmp_path: Path):
    v = json.loads(path.read_text(encoding="utf-8"))
    c = v["call"]
    got = iid.history(c["submissions"], methodology=c.get("methodology"), frame=False)
    assert_subset(v["expected"], got)
    args = [cli, "history", *_files(tmp_path, c["submissions"]), "--json"]
    if "methodology" in c:
        args += ["--under", c["methodology"]]
    out = subprocess.run(args, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == got


RIWAYAT = EXAMPLES / "riwayat"


def test_history_frame_one_row_per_year():
    df = iid.history(
        [RIWAYAT / f"kota-contoh-{y}.json" for y in (2023, 2021, 2022)], methodology="iid-2021"
    )
    assert list(df.index) == [2021, 2022, 2023]
    # 2021: SPD 49 + rows 1128/12 + 0.38 x 12 = 147.56 of 250 = 59.024.
    assert df.loc[2021, "index"] == Decimal("59.02")
    assert df.loc[2022, "change"] == Decimal("-8.81")
    assert isinstance(df.loc[2023, "index_under"], Decimal)
    assert df.attrs["under"] == "iid-2021"
    assert df.attrs["findings"] == []


def test_diff_frame_parts_add_up():
    df = iid.diff(RIWAYAT / "kota-contoh-2021.json", str(RIWAYAT / "kota-contoh-2022.json"))
    assert list(df["kind"])[0] == "methodology" and list(df["kind"])[-1] == "assessability"
    assert sum(df["points"]) == df.attrs["change"] == Decimal("-8.81")
    assert df.loc[df["kind"] == "region_answers", "points"].item() == Decimal("-4.40")
    assert df.attrs["summary_en"].startswith("The index fell 8.81 points (59.02 -> 50.21)")
    assert df.attrs["summary_id"].startswith("Indeks turun 8.81 poin")


def test_the_2020_points_total_is_a_user_rubric():
    rows = iid.history(
        [RIWAYAT / "kota-contoh-2020.json", RIWAYAT / "kota-contoh-2021.json"],
        rubrics=[iid.Rubric.load(RIWAYAT / "iid-2020-kota-contoh.json")],
        frame=False,
    )["rows"]
    assert rows[0]["index"] == "1462.00" and rows[0]["predicate"] == "Sangat Inovatif"
    assert rows[0]["under_error"]["code"] == "unknown_indicator"
    assert rows[1]["change"] is None


def test_errors_carry_the_path_of_the_call_document():
    bad = {"methodology": "iid-2026", "spd": {"1": 4}}
    with pytest.raises(iid.InputError) as e:
        iid.diff(RIWAYAT / "kota-contoh-2021.json", bad)
    assert (e.value.code, e.value.path) == ("level_out_of_range", "new.spd.1")
    with pytest.raises(iid.InputError) as e:
        iid.history([bad, {"methodology": "iid-2026"}])
    assert (e.value.code, e.value.path) == ("input_invalid", "submissions[1]")
    with pytest.raises(iid.InputError) as e:
        iid.history({"methodology": "iid-2026"})
    assert e.value.path == "submissions"
    with pytest.raises(iid.InputError) as e:
        iid.diff("{not json", bad)
    assert (e.value.code, e.value.path) == ("input_json", "old")
