"""The one-submission API: iid.score and its Result, explain, validate,
check, and the methodologies (iid.rubrics, iid.Rubric)."""

from __future__ import annotations

import html
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

import iid
from conftest import DATA, EXAMPLES, VECTORS

KABUPATEN = EXAMPLES / "kabupaten-contoh.json"
KOTA = EXAMPLES / "kota-bukti-dukung.json"

SMALL = {
    "methodology": "iid-2026",
    "region": {"code": "99.99", "name": "Kabupaten Uji"},
    "spd": {"1": 3, "2a": 2},
    "innovations": [
        {"id": "a", "urusan": "kesehatan", "levels": {"16": 3, "17": 1}},
        {"id": "b", "urusan": "pendidikan", "levels": {"16": 1, "35": 2}},
    ],
}


def full_2026(n: int, affairs: list[str]) -> dict:
    rubric = iid.Rubric.get("iid-2026")
    return {
        "methodology": "iid-2026",
        "spd": {c: 3 for c in rubric.region_codes},
        "innovations": [
            {
                "id": f"i{j}",
                "urusan": affairs[j % len(affairs)],
                "levels": {c: 3 for c in rubric.innovation_codes},
            }
            for j in range(n)
        ],
    }


def test_score_returns_exact_decimals():
    r = iid.score(SMALL)
    for name in (
        "index",
        "index_exact",
        "spd_score",
        "sid_score",
        "sid_average",
        "innovation_count_score",
        "total_score",
        "max_total_score",
    ):
        assert isinstance(getattr(r, name), Decimal), name
    d = r.to_dict()
    assert str(r.index) == d["index"] and str(r.index_exact) == d["index_exact"]
    assert r.index.as_tuple().exponent == -2  # always two decimals, as published
    assert r.total_score == r.spd_score + r.sid_score
    assert r.sid_score == r.sid_average + r.innovation_count_score
    assert r.divisor == 12 and r.innovation_count == 2 and r.empty_seats == 10
    assert r.yandas_covered == ["pendidikan", "kesehatan"]
    assert r.methodology == "iid-2026" and r.region == SMALL["region"]
    assert isinstance(r.predicate, str) and r.assessable


def test_figures_follow_the_rubric_weights():
    """SPD is the sum of weight x level over the rubric's own weights."""
    weights = iid.Rubric.get("iid-2026").weights()
    r = iid.score(SMALL)
    assert r.spd_score == weights["1"] * 3 + weights["2a"] * 2
    rows = weights["16"] * 3 + weights["17"] * 1 + weights["16"] * 1 + weights["35"] * 2
    # averaged over the divisor, rounded half-up to the exact decimals (10)
    assert r.sid_average == (rows / 12).quantize(Decimal("1e-10"), rounding=ROUND_HALF_UP)


def test_a_perfect_region_scores_the_maximum_and_the_top_band():
    r = iid.score(full_2026(12, ["pendidikan", "kesehatan", "pupr", "perumahan", "trantibumlinmas", "sosial"]))
    rubric = iid.Rubric.get("iid-2026")
    assert r.spd_score == rubric.max_region_score
    assert r.sid_average == rubric.max_innovation_score
    top = max(rubric.predicates, key=lambda b: b.min)
    assert r.predicate == top.label
    assert r.index <= Decimal(100)


def test_basic_service_shortfall_zeroes_the_count_score_and_says_so():
    r = iid.score(full_2026(12, ["pendidikan", "kesehatan"]))
    assert r.innovation_count_score == 0
    codes = [f.code for f in r.findings]
    assert "basic_services_shortfall" in codes
    f = r.findings[codes.index("basic_services_shortfall")]
    assert isinstance(f, iid.Finding) and f.severity == "critical" and f.message_id and f.message_en


def test_no_innovations_is_not_assessable():
    r = iid.score({"methodology": "iid-2026", "spd": {"1": 3}})
    assert not r.assessable
    assert r.index == Decimal("0.00")
    assert r.predicate == iid.Rubric.get("iid-2026").not_assessable


def test_to_dict_is_a_copy_and_round_trips_through_json():
    r = iid.score(SMALL)
    d = r.to_dict()
    d["index"] = "0"
    d["breakdown"]["aspects"].clear()
    assert r.to_dict()["index"] != "0" and r.to_dict()["breakdown"]["aspects"]
    assert iid.Result.from_json(r.to_json()).to_dict() == r.to_dict()
    assert json.loads(r.to_json(indent=2)) == r.to_dict()


def test_breakdown_and_findings_are_copies():
    r = iid.score(SMALL)
    r.breakdown["aspects"].clear()
    assert r.breakdown["aspects"]
    assert [f.code for f in r.findings] == [f["code"] for f in r.to_dict()["findings"]]


def test_submission_forms(tmp_path: Path):
    text = json.dumps(SMALL)
    p = tmp_path / "s.json"
    p.write_text(text, encoding="utf-8")
    want = iid.score(SMALL).to_dict()
    for form in (text, text.encode(), bytearray(text.encode()), p, str(p)):
        assert iid.score(form).to_dict() == want


def test_numpy_and_decimal_values_in_a_dict():
    np = pytest.importorskip("numpy")
    d = json.loads(json.dumps(SMALL))
    d["spd"]["1"] = np.int64(3)
    d["spd"]["2a"] = Decimal("2")
    d["innovations"][0]["levels"]["16"] = np.uint8(3)
    assert iid.score(d).to_dict() == iid.score(SMALL).to_dict()


def test_rubric_argument_forms(tmp_path: Path):
    path = VECTORS / "rubrics" / "lomba-2020-style.json"
    sub = {"spd": {"A1": 3}, "innovations": [{"id": "x", "levels": {"B1": 2}}]}
    text = path.read_text(encoding="utf-8")
    want = iid.score(sub, rubric=path).to_dict()
    assert want["methodology"] == "lomba-inovasi-contoh"
    for form in (str(path), text, json.loads(text), iid.Rubric.load(path), iid.Rubric.from_json(text)):
        assert iid.score(sub, rubric=form).to_dict() == want


def test_an_explicit_methodology_overrides_the_submissions():
    sub = dict(SMALL)
    a = iid.score(sub)
    b = iid.score(sub, rubric="iid-2027")
    c = iid.score(sub, rubric=iid.Rubric.get("iid-2027"))
    assert b.methodology == "iid-2027" and b.to_dict() == c.to_dict()
    assert a.divisor != b.divisor  # the prognosis raises the minimum divisor


def test_verified_mode_counts_only_what_the_evidence_supports():
    s = iid.score(KOTA)
    v = iid.score(KOTA, mode="verified")
    assert s.mode == "self" and v.mode == "verified"
    assert v.index <= s.index
    assert s.modes["verified"]["index"] == str(v.index)


def test_explain_renders_the_breakdown():
    text = iid.explain(KABUPATEN)
    r = iid.score(KABUPATEN)
    assert str(r.index) in text and r.predicate in text
    assert "SPD" in text and "SID" in text


def test_validate_and_check():
    v = iid.validate(KABUPATEN)
    assert v["valid"] is True and v["methodology"] == "iid-2026"
    assert v["innovation_count"] == iid.score(KABUPATEN).innovation_count
    audit = iid.check(KOTA)
    assert audit["items"], "the bundled evidence example has answers at risk"
    assert Decimal(audit["total_points_at_risk"]) == sum(Decimal(i["points_at_risk"]) for i in audit["items"])


def test_repr_and_html():
    r = iid.score(KABUPATEN)
    assert str(r.index) in repr(r) and r.predicate in repr(r)
    h = r._repr_html_()
    assert str(r.index) in h and r.predicate in h
    assert "Temuan" in h and "Rincian" in h
    assert r.findings
    for f in r.findings:
        assert html.escape(f.message_id) in h and html.escape(f.message_en) in h
    for code in iid.Rubric.get("iid-2026").region_codes:
        assert f"<td>{code}" in h
    evil = json.loads(json.dumps(SMALL))
    evil["region"]["name"] = "<script>alert(1)</script>"
    assert "<script>" not in iid.score(evil)._repr_html_()


def test_to_pandas_breakdown():
    pytest.importorskip("pandas")
    r = iid.score(KABUPATEN)
    df = r.to_pandas()
    rubric = iid.Rubric.get("iid-2026")
    codes = set(rubric.region_codes) | set(rubric.innovation_codes) | {rubric.innovation_count.code}
    assert set(df.index) == codes
    assert list(df.columns) == [
        "aspect", "variable", "name", "kind", "weight", "mandatory", "level", "answered", "score", "max",
    ]
    assert all(isinstance(x, Decimal) for x in df["score"])
    assert all(isinstance(x, Decimal) for x in df["weight"])
    assert sum(df.loc[df["kind"] == "region", "score"]) == r.spd_score
    assert sum(df.loc[df["kind"] == "innovation", "score"]) == r.sid_average
    assert df.loc[rubric.innovation_count.code, "score"] == r.innovation_count_score
    assert df.loc["1", "level"] == r.to_dict()["breakdown"]["aspects"][0]["variables"][0]["indicators"][0]["level"]
    inv = r.innovations_to_pandas()
    assert len(inv) == r.innovation_count
    assert set(rubric.innovation_codes) <= set(inv.columns)


def test_rubrics_lists_the_embedded_methodologies():
    listed = iid.rubrics()
    ids = [r["id"] for r in listed]
    assert "iid-2026" in ids and "iid-2023" in ids
    for info in listed:
        rb = iid.Rubric.get(info["id"])
        assert rb.id == info["id"] and rb.embedded
        assert info["max_total"] == rb.max_total_score
        assert info["region_indicators"] == len(rb.region_codes)
        assert info["innovation_indicators"] == len(rb.innovation_codes)
        assert info["min_divisor"] == rb.min_divisor


def test_rubric_exposes_indicators_weights_and_parameters():
    rb = iid.Rubric.get("iid-2026")
    raw = json.loads(rb.to_json())
    assert rb.to_dict() == raw
    inds = rb.indicators
    assert [i.code for i in inds if i.scope == "region"] == rb.region_codes
    assert [i.code for i in inds if i.scope == "innovation"] == rb.innovation_codes
    for i, r in zip(inds, raw["indicators"]):
        assert i.weight == Decimal(r["weight"]) and i.mandatory == r.get("mandatory", False)
        assert list(i.parameters) == [p["description"] for p in r["parameters"]]
    assert sum(i.max_score for i in inds if i.scope == "region") == rb.max_region_score
    assert sum(i.max_score for i in inds if i.scope == "innovation") == rb.max_innovation_score
    cnt = rb.innovation_count
    assert cnt.points_per_innovation == Decimal(raw["innovation_count"]["points_per_innovation"])
    assert rb.max_count_score == cnt.points_per_innovation * cnt.cap
    assert rb.max_total_score == rb.max_region_score + rb.max_innovation_score + rb.max_count_score
    assert [b.label for b in rb.predicates] == [b["label"] for b in raw["predicates"]]
    assert sum(a.basic_service for a in rb.affairs) == 6
    assert rb.indicator("16").weight == rb.weights()["16"]
    with pytest.raises(KeyError):
        rb.indicator("99")
    assert rb.provenance["documents"]
    assert rb == iid.Rubric.get("iid-2026") and rb != iid.Rubric.get("iid-2027")
    assert "iid-2026" in repr(rb)


def test_rubric_to_pandas():
    pytest.importorskip("pandas")
    rb = iid.Rubric.get("iid-2026")
    df = rb.to_pandas()
    assert list(df.index) == [i.code for i in rb.indicators]
    assert {"aspect", "variable", "scope", "weight", "mandatory", "parameter_1", "parameter_3"} <= set(df.columns)
    assert df.loc["35", "weight"] == rb.indicator("35").weight


def test_user_rubric_load_and_lint():
    rb = iid.Rubric.load(DATA / "lomba-innovation-zero.json")
    assert rb.id == "lomba-nol-wajib" and rb.status == "custom" and not rb.embedded
    assert rb.mandatory_rule == "innovation_zero"
    assert rb.max_total_score is None and rb.min_divisor is None
    assert isinstance(iid.Rubric.get("iid-2026").lint(), list)


def test_version_and_public_names_have_docstrings():
    assert iid.__version__
    for name in iid.__all__:
        obj = getattr(iid, name)
        if name in ("COLUMNS", "__version__"):
            continue
        assert obj.__doc__ and obj.__doc__.strip(), name
        if isinstance(obj, type):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                target = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
                if callable(target):
                    assert target.__doc__, f"{name}.{attr}"
