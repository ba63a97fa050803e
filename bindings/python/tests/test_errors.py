"""Every error class: the core's errors and the binding's own argument
checks arrive as iid.InputError / iid.RubricError with a code, the path of
the bad field and the core's message."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path

import pytest

import iid
from conftest import DATA


def raises(cls, code: str, path: str, fn, *args, **kwargs):
    with pytest.raises(cls) as info:
        fn(*args, **kwargs)
    e = info.value
    assert (e.code, e.path) == (code, path), repr(e)
    assert isinstance(e, iid.IidError) and isinstance(e, ValueError)
    assert e.message == str(e) and e.message
    return e


def sub(**extra):
    d = {"methodology": "iid-2026", "spd": {"1": 3}, "innovations": [{"id": "a", "levels": {"16": 2}}]}
    d.update(extra)
    return d


def test_class_hierarchy():
    assert issubclass(iid.InputError, iid.IidError)
    assert issubclass(iid.RubricError, iid.IidError)
    assert issubclass(iid.IidError, ValueError)
    assert not issubclass(iid.InputError, iid.RubricError)
    assert iid.InputError.layer == "input" and iid.RubricError.layer == "rubric"


def test_core_input_errors_carry_code_path_and_message():
    e = raises(iid.InputError, "level_out_of_range", "spd.1", iid.score, sub(spd={"1": 4}))
    assert e.message == "spd.1: level 4 out of range 0..=3"
    raises(iid.InputError, "unknown_indicator", "spd.99", iid.score, sub(spd={"99": 1}))
    raises(iid.InputError, "wrong_scope", "innovations[0].levels.1", iid.score,
           sub(innovations=[{"id": "a", "levels": {"1": 1}}]))
    raises(iid.InputError, "duplicate_id", "innovations[1].id", iid.score,
           sub(innovations=[{"id": "a"}, {"id": "a"}]))
    raises(iid.InputError, "input_json", "innovations[0].levels.16", iid.score,
           sub(innovations=[{"id": "a", "levels": {"16": -1}}]))
    raises(iid.InputError, "input_json", "spd.1", iid.score, sub(spd={"1": "3"}))
    raises(iid.InputError, "input_json", "innovations", iid.score, sub(innovations={"id": "a"}))
    raises(iid.InputError, "input_invalid", "innovations[0].urusan", iid.score,
           sub(innovations=[{"id": "a", "urusan": "Not An Affair!"}]))
    raises(iid.InputError, "missing_methodology", "methodology", iid.score, {"spd": {"1": 1}})


def test_malformed_text_and_bytes():
    e = raises(iid.InputError, "input_json", "methodology", iid.score, '{"methodology": "iid-20')
    assert "line 1" in e.message
    raises(iid.InputError, "input_not_utf8", "", iid.score, b'{"methodology": "\xff"}')
    raises(iid.InputError, "input_json", "$", iid.score, "not json at all")


def test_a_call_document_gives_no_key_twice():
    from iid import _iid

    twice = '{"submission": {"methodology": "iid-2026", "spd": {"1": 3, "1": 1}}}'
    e = raises(iid.InputError, "input_json", "submission.spd", _iid.call_json, "score", twice)
    assert "duplicate key `1`" in e.message
    # Options beside a submission: the same rule.
    options = '{"mode": "self", "mode": "verified"}'
    e = raises(iid.InputError, "input_json", "options", _iid.call, "score", '{"methodology": "iid-2026"}', options)
    assert "duplicate key `mode`" in e.message


def test_python_values_json_cannot_hold_are_input_errors_with_a_path():
    raises(iid.InputError, "input_json", "spd.1", iid.score, sub(spd={"1": float("nan")}))
    raises(iid.InputError, "input_json", "innovations[0].levels.16", iid.score,
           sub(innovations=[{"id": "a", "levels": {"16": {1, 2}}}]))
    raises(iid.InputError, "input_json", "region", iid.score, sub(region=object()))
    raises(iid.InputError, "input_json", "spd", iid.score, sub(spd={(1, 2): 3}))


def test_wrong_argument_types_are_input_errors():
    raises(iid.InputError, "input_json", "$", iid.score, [sub()])
    raises(iid.InputError, "input_json", "$", iid.score, 42)
    raises(iid.InputError, "input_json", "$", iid.score, None)
    raises(iid.InputError, "input_invalid", "mode", iid.score, sub(), mode=1)
    raises(iid.InputError, "input_invalid", "mode", iid.score, sub(), mode="audited")


def test_a_missing_file_is_an_os_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        iid.score(tmp_path / "nope.json")


def test_rubric_errors():
    # A submission naming no embedded methodology is bad input (the core's layer).
    e = raises(iid.InputError, "unknown_methodology", "methodology", iid.score, sub(methodology="iid-1999"))
    assert "iid-2026" in e.message  # names the known ones
    raises(iid.RubricError, "unknown_methodology", "methodology", iid.Rubric.get, "iid-1999")
    raises(iid.RubricError, "unknown_methodology", "methodology", iid.Rubric.get, 2026)
    raises(iid.RubricError, "rubric_band_gap", "predicates[2].min", iid.Rubric.load, DATA / "bad-band-gap.json")
    raises(iid.RubricError, "rubric_band_gap", "predicates[2].min", iid.score, sub(),
           rubric=DATA / "bad-band-gap.json")
    raises(iid.RubricError, "rubric_json", "id", iid.Rubric.from_json, '{"id": 5}')
    with pytest.raises(iid.RubricError) as info:
        iid.Rubric.from_json("{")
    assert info.value.code == "rubric_json"
    raises(iid.RubricError, "rubric_json", "$", iid.score, sub(), rubric=3.5)


def test_errors_pickle_with_their_fields():
    with pytest.raises(iid.InputError) as info:
        iid.score(sub(spd={"1": 4}))
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is iid.InputError
    assert (back.code, back.path, back.message) == (info.value.code, info.value.path, info.value.message)
    assert "level_out_of_range" in repr(back)


def test_decimal_values_stay_exact_in_measured_answers():
    """A Decimal in a dict is handed over as text, never through a float."""
    d = sub(spd={"4": {"value": Decimal("5.23")}})
    r = iid.score(d)
    assert r.to_dict()["breakdown"]["aspects"][0]["variables"][0]["indicators"][4]["code"] == "4"
    text_version = iid.score(sub(spd={"4": {"value": "5.23"}}))
    assert r.to_dict() == text_version.to_dict()


def test_deeply_nested_values_neither_crash_nor_recurse():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    # an unknown region field is an error at its path (region metadata
    # follows the format's rule), without the value being walked
    raises(iid.InputError, "input_json", "region.extra", iid.score,
           sub(region={"code": "1", "extra": deep}))
    # a nested value where a map is expected is a typed error at once
    raises(iid.InputError, "input_json", "spd", iid.score, sub(spd=deep))
    raises(iid.InputError, "input_json", "innovations[0].levels.16", iid.score,
           sub(innovations=[{"id": "a", "levels": {"16": deep}}]))
