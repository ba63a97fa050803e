"""Arguments at the edges: thread counts, nesting, file names, numbers and
unusual table columns are iid errors naming the argument, never a crash
or a bare Python error."""

from __future__ import annotations

import pytest

import iid
from conftest import EXAMPLES

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

SUB = {"methodology": "iid-2026", "spd": {"1": 3}, "innovations": [{"id": "a", "urusan": "kesehatan", "levels": {"16": 2}}]}


def deep(n: int = 100_000) -> list:
    d: list = []
    for _ in range(n):
        d = [d]
    return d


def deep_dict(n: int = 100_000) -> dict:
    d: dict = {}
    for _ in range(n):
        d = {"x": d}
    return d


def error(cls, fn, *args, **kwargs):
    with pytest.raises(cls) as info:
        fn(*args, **kwargs)
    return info.value


def test_thread_counts_are_capped_or_input_errors():
    many = [SUB] * 5
    want = iid.score_many(many, threads=1)
    pd.testing.assert_frame_equal(iid.score_many(many, threads=10**6), want)
    for bad in (2**64, 0, -1, 1.5, True, "2"):
        e = error(iid.InputError, iid.score_many, many, threads=bad)
        assert e.path == "threads", bad


def test_deeply_nested_arguments_are_input_errors():
    for fn, kwargs, path in (
        (iid.whatif, {"changes": deep()}, "changes"),
        (iid.whatif, {"changes": [{"op": "set", "indicator": "1", "level": deep_dict()}]}, "changes"),
        (iid.marginal, {"template": deep_dict()}, "template"),
        (iid.plan, {"target": "next", "costs": deep_dict()}, "costs"),
        (iid.plan, {"target": deep()}, "target"),
    ):
        e = error(iid.InputError, fn, SUB, **kwargs)
        assert e.path == path, (fn, path)
    e = error(iid.InputError, iid.whatif, SUB, "[" * 100_000 + "]" * 100_000)
    assert e.path == "changes"
    assert error(iid.InputError, iid.score, deep()).path == "$"
    assert error(iid.InputError, iid.score, {**SUB, "spd": deep_dict()}).path.startswith("spd")
    assert error(iid.InputError, iid.score, "[" * 100_000 + "]" * 100_000).code == "input_json"
    assert error(iid.InputError, iid.score_many, [SUB, deep()]).path == "[1]"
    assert error(iid.RubricError, iid.Rubric.from_json, deep_dict()).path == "$"


def test_a_missing_file_named_by_a_string_is_an_input_error(tmp_path):
    e = error(iid.InputError, iid.score, "missing.json")
    assert (e.code, e.path) == ("input_invalid", "$") and "missing.json" in e.message
    e = error(iid.InputError, iid.score, str(tmp_path))  # not a file (and not .json): JSON text
    assert e.code == "input_json"
    e = error(iid.InputError, iid.score_many, [SUB, "nope.json"])
    assert e.path == "[1]"
    assert iid.score(str(EXAMPLES / "kabupaten-contoh.json")).index == iid.score(EXAMPLES / "kabupaten-contoh.json").index


def test_an_unknown_methodology_in_a_submission_is_an_input_error():
    e = error(iid.InputError, iid.score, {**SUB, "methodology": "iid-1999"})
    assert (e.code, e.path) == ("unknown_methodology", "methodology")
    e = error(iid.InputError, iid.check, {**SUB, "methodology": "iid-1999"})
    assert e.path == "methodology"
    # an explicit rubric argument that names no methodology is the rubric's fault
    e = error(iid.RubricError, iid.score, SUB, rubric="iid-1999")
    assert e.code == "unknown_methodology"


def test_whole_valued_floats_are_levels_everywhere():
    as_float = {**SUB, "spd": {"1": 3.0}, "innovations": [{"id": "a", "urusan": "kesehatan", "levels": {"16": 2.0}}]}
    assert iid.score(as_float).to_dict() == iid.score(SUB).to_dict()
    import json

    assert iid.score(json.dumps(as_float)).to_dict() == iid.score(SUB).to_dict()
    assert error(iid.InputError, iid.score, {**SUB, "spd": {"1": 2.5}}).path == "spd.1"
    assert iid.score({**SUB, "spd": {1: 3}}).to_dict() == iid.score(SUB).to_dict()


def frames():
    regions = pd.DataFrame({"code": ["a", "b"], "1": [3, 2]})
    innovations = pd.DataFrame({"region": ["a", "b", "a"], "urusan": ["kesehatan", None, "sosial"], "16": [3, 2, 1]})
    return regions, innovations


def frame_error(regions, innovations):
    return error(iid.InputError, iid.score_frames, regions, innovations, methodology="iid-2026")


def test_score_frames_rejects_columns_it_cannot_read():
    r, i = frames()
    i["17"] = pd.to_timedelta([1, 2, 3], unit="D")
    e = frame_error(r, i)
    assert (e.code, e.path) == ("input_json", "innovations.17")
    r, i = frames()
    i["17"] = pd.to_datetime(["2024-01-01"] * 3)
    assert frame_error(r, i).path == "innovations.17"
    # a timedelta column that is not an indicator is not read
    r, i = frames()
    i["lama"] = pd.to_timedelta([1, 2, 3], unit="D")
    iid.score_frames(r, i, methodology="iid-2026")


def test_score_frames_rejects_duplicate_columns():
    r, i = frames()
    i = pd.concat([i, i[["16"]]], axis=1)
    e = frame_error(r, i)
    assert (e.code, e.path) == ("input_invalid", "innovations.16")
    r, i = frames()
    r = pd.concat([r, r[["code"]]], axis=1)
    assert frame_error(r, i).path == "regions.code"
    r, i = frames()
    r[1] = [3, 2]  # the number 1 and the text "1" label one column
    assert frame_error(r, i).path == "regions.1"
    r, i = frames()
    note = i[["urusan"]].rename(columns={"urusan": "catatan"})
    i = pd.concat([i, note, note], axis=1)
    iid.score_frames(r, i, methodology="iid-2026")  # duplicates that are not read


def test_score_frames_rejects_lone_surrogates():
    r, i = frames()
    i["urusan"] = ["kesehatan", "\ud800", None]
    e = frame_error(r, i)
    assert (e.code, e.path) == ("input_json", "innovations[1].urusan")
    r, i = frames()
    i["region"] = ["a", "b", "\udcff"]
    assert frame_error(r, i).path == "innovations[2].region"
    r, i = frames()
    r["code"] = ["a", "\ud800"]
    assert frame_error(r, i).path == "regions[1].code"
    r, i = frames()
    r["\ud800"] = [1, 1]
    assert frame_error(r, i).path == "regions.columns[2]"
    e = error(iid.InputError, iid.score, {**SUB, "region": {"name": "\ud800"}})
    assert e.path == "region.name"


def test_score_frames_float_and_nullable_columns():
    r, i = frames()
    want = iid.score_frames(r, i, methodology="iid-2026")
    i["16"] = i["16"].astype("float32")
    i["17"] = [np.nan, np.nan, np.nan]
    r["2a"] = pd.array([None, None], dtype="Int64")
    pd.testing.assert_frame_equal(iid.score_frames(r, i, methodology="iid-2026"), want)
    i["16"] = pd.array([3, None, 1], dtype="Int64")
    got = iid.score_frames(r, i, methodology="iid-2026")
    assert got.loc["b", "total_score"] < want.loc["b", "total_score"]
