"""Tables: score_many and score_frames return DataFrames that agree with
iid.score, row by row and column by column; their errors name the
submission, or the table, row and column."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

import iid  # noqa: E402
from conftest import DATA, EXAMPLES, load_vector, vector_files, vector_rubric  # noqa: E402


@pytest.fixture(scope="module")
def national_small():
    return iid.synthetic_national(regions=40, innovations=900, seed=7)


def expected_row(r: iid.Result) -> dict:
    """The row score_many / score_frames must give for this result."""
    return {
        "name": (r.region or {}).get("name"),
        "methodology": r.methodology,
        "index": r.index,
        "predicate": r.predicate,
        "index_exact": r.index_exact,
        "index_float": float(r.index),
        "spd_score": r.spd_score,
        "sid_average": r.sid_average,
        "innovation_count_score": r.innovation_count_score,
        "sid_score": r.sid_score,
        "total_score": r.total_score,
        "innovation_count": r.innovation_count,
        "divisor": r.divisor,
        "yandas_count": len(r.yandas_covered),
        "assessable": r.assessable,
    }


def assert_rows_equal(df, results, index):
    assert list(df.columns) == iid.COLUMNS
    assert list(df.index) == list(index)
    assert df.index.name == "region"
    for (label, row), r in zip(df.iterrows(), results):
        want = expected_row(r)
        got = {c: row[c] for c in iid.COLUMNS}
        if got["name"] is not None and not isinstance(got["name"], str) and pd.isna(got["name"]):
            got["name"] = None
        assert got == want, label
        for c in ("index", "index_exact", "total_score"):
            assert isinstance(row[c], Decimal)
            assert str(row[c]) == r.to_dict()[c]


def test_score_many_agrees_with_score(national_small):
    df = iid.score_many(national_small)
    results = [iid.score(s) for s in national_small]
    assert_rows_equal(df, results, [s["region"]["code"] for s in national_small])


def test_score_many_threads_do_not_change_the_result(national_small):
    one = iid.score_many(national_small, threads=1)
    many = iid.score_many(national_small, threads=3)
    pd.testing.assert_frame_equal(one, many)


def test_score_many_on_every_vector_that_scores():
    cases = []
    for p in vector_files():
        v = load_vector(p)
        if "expected" in v and "input" in v and "rubric" not in v:
            cases.append((v["input"], v.get("mode", "self")))
    assert cases
    for mode in ("self", "verified"):
        subs = [c for c, m in cases if m == mode]
        if not subs:
            continue
        df = iid.score_many(subs, mode=mode)
        results = [iid.score(s, mode=mode) for s in subs]
        labels = [(s.get("region") or {}).get("code") or f"[{i}]" for i, s in enumerate(subs)]
        assert_rows_equal(df, results, labels)


def test_score_many_with_an_explicit_rubric_and_mixed_forms(tmp_path):
    rubric_path = next(vector_rubric(load_vector(p)) for p in vector_files() if "rubric" in load_vector(p))
    s = {"spd": {"A1": 3}, "innovations": [{"id": "x", "levels": {"B1": 2}}]}
    f = tmp_path / "s.json"
    f.write_text(json.dumps(s))
    df = iid.score_many([s, json.dumps(s), f], rubric=rubric_path)
    r = iid.score(s, rubric=rubric_path)
    assert_rows_equal(df, [r, r, r], ["[0]", "[1]", "[2]"])


def test_score_many_examples():
    files = sorted(EXAMPLES.glob("*.json"))
    assert files
    df = iid.score_many(files)
    assert_rows_equal(df, [iid.score(f) for f in files], [json.loads(f.read_text())["region"]["code"] for f in files])


def test_score_many_errors_name_the_submission(national_small):
    bad = [dict(s) for s in national_small[:5]]
    bad[3] = json.loads(json.dumps(bad[3]))
    bad[3]["spd"]["1"] = 7
    with pytest.raises(iid.InputError) as info:
        iid.score_many(bad, threads=2)
    assert (info.value.code, info.value.path) == ("level_out_of_range", "[3].spd.1")
    assert "submission 3" in info.value.message
    with pytest.raises(iid.InputError) as info:
        iid.score_many([national_small[0], [1, 2]])
    assert (info.value.code, info.value.path) == ("input_json", "[1]")
    with pytest.raises(iid.InputError) as info:
        iid.score_many([national_small[0], {"methodology": "iid-2026", "spd": {"1": float("nan")}}])
    assert info.value.path == "[1].spd.1"
    with pytest.raises(iid.InputError) as info:
        iid.score_many(national_small[0])
    assert info.value.path == "$"
    with pytest.raises(iid.InputError) as info:
        iid.score_many([national_small[0], {"methodology": "iid-1900"}])
    assert (info.value.code, info.value.path) == ("unknown_methodology", "[1].methodology")
    with pytest.raises(iid.InputError):
        iid.score_many(national_small, threads=0)


def test_score_many_of_nothing():
    df = iid.score_many([])
    assert len(df) == 0 and list(df.columns) == iid.COLUMNS


def test_to_frames_shape(national_small):
    regions, innovations = iid.to_frames(national_small)
    rubric = iid.Rubric.get("iid-2026")
    assert len(regions) == len(national_small)
    assert len(innovations) == sum(len(s["innovations"]) for s in national_small)
    assert list(regions.columns[:3]) == ["code", "name", "methodology"]
    assert list(innovations.columns[:5]) == ["region", "id", "name", "urusan", "agency"]
    assert set(rubric.region_codes) == set(regions.columns[3:])
    assert set(rubric.innovation_codes) == set(innovations.columns[5:])
    assert all(regions[c].dtype == np.uint8 for c in rubric.region_codes)


def test_score_frames_agrees_with_score_and_score_many(national_small):
    regions, innovations = iid.to_frames(national_small)
    df = iid.score_frames(regions, innovations)
    results = [iid.score(s) for s in national_small]
    assert_rows_equal(df, results, [s["region"]["code"] for s in national_small])
    pd.testing.assert_frame_equal(df, iid.score_many(national_small))
    by_param = iid.score_frames(regions.drop(columns=["methodology"]), innovations, methodology="iid-2026")
    pd.testing.assert_frame_equal(df, by_param)
    by_rubric = iid.score_frames(regions, innovations, methodology=iid.Rubric.get("iid-2026"))
    pd.testing.assert_frame_equal(df, by_rubric)


def test_the_figures_decimals_are_as_written():
    """The native module makes each exact figure through
    ``decimal_of_text``: the same ``Decimal`` as ``Decimal(text)``, digit
    for digit, at the core's widest (29 digits), signed zero and trailing
    zeros kept."""
    from iid._tables import decimal_of_text

    for text in [
        "0", "-0", "0.00", "0.5", "-0.005", "37.98", "52.4566666667", "100",
        "7.9228162514264337593543950335", "-79228162514264337593543950335",
    ]:
        got = decimal_of_text(text)
        assert type(got) is Decimal
        assert got.as_tuple() == Decimal(text).as_tuple(), text
        assert str(got) == text


def test_each_figure_gets_its_own_text_when_the_maker_keeps_its_arguments(national_small):
    """The native module calls ``decimal_of_text`` with one argument
    tuple, its item replaced per figure, while no callee keeps it. A maker
    that keeps the tuple itself (an exception class stores it as
    ``args``; run in a new interpreter, since the module takes the
    function once) gets a tuple of its own each time: each object made
    still holds the text of its own figure."""
    import subprocess
    import sys

    figures = ["index", "index_exact", "spd_score", "sid_average", "innovation_count_score", "sid_score", "total_score"]
    script = f"""
import json, sys
import iid, iid._tables
class Kept(Exception):
    pass
iid._tables.decimal_of_text = Kept
df = iid.score_many(json.load(sys.stdin))
cells = [x for c in {figures!r} for x in df[c]]
assert all(type(x) is Kept for x in cells)
print(json.dumps([x.args[0] for x in cells]))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], input=json.dumps(national_small), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    df = iid.score_many(national_small)
    assert json.loads(out.stdout) == [str(x) for c in figures for x in df[c]]


def test_columns_from_blocks_are_the_frames_columns(national_small):
    """The arrays score_frames takes from a frame's blocks are its
    columns, in order, whatever the layout: one consolidated block,
    columns added one by one, a frame made from a 2-D array (its block
    in column order), extension and categorical columns, dates with a
    time zone, repeated labels."""
    from iid import _tables

    regions, innovations = iid.to_frames(national_small)
    added = innovations[["region", "id"]].copy()
    for c in ("16", "17", "18"):
        added[c] = innovations[c]
    dated = regions.copy()
    dated["when"] = pd.date_range("2026-01-01", periods=len(dated), tz="Asia/Jakarta")
    dated["n"] = pd.array(range(len(dated)), dtype="Int64")
    dated["f"] = np.arange(len(dated), dtype="float64")
    square = pd.DataFrame(np.arange(12, dtype="uint8").reshape(4, 3), columns=["16", "17", "18"])
    twice = pd.concat([square, square], axis=1)
    for df in (regions, innovations, added, dated, square, twice, innovations.iloc[::-1]):
        got = _tables._block_columns(df)
        assert got is not None
        plain = pd.arrays.NumpyExtensionArray
        want = [a.to_numpy() if type(a) is plain else a for a in (s.array for _, s in df.items())]
        assert len(got) == len(want) == df.shape[1]
        for g, w, label in zip(got, want, df.columns):
            assert len(g) == len(df), label
            assert g.dtype == w.dtype, label
            assert type(g) is type(w), label
            assert pd.Series(g).equals(pd.Series(w)), label
    assert _tables._block_columns(object()) is None


def test_score_frames_index_and_names_whatever_their_column_type(national_small):
    """The index and the name column hold the regions table's values, of
    the same type, whether its code and name columns are text, objects or
    categoricals; and the result is its own: changing the table after
    scoring does not change it."""
    regions, innovations = iid.to_frames(national_small)
    want = iid.score_frames(regions, innovations)
    for kind in (object, "category"):
        other = regions.copy()
        other["code"] = other["code"].astype(kind)
        other["name"] = other["name"].astype(kind)
        got = iid.score_frames(other, innovations)
        assert list(got.index) == list(want.index), kind
        assert got.index.dtype == want.index.dtype, kind
        assert got.index.name == "region"
        assert list(got["name"]) == list(want["name"]), kind
    first_name = want["name"].iloc[0]
    kept = iid.score_frames(regions, innovations)
    regions.loc[0, "name"] = "changed after scoring"
    regions.loc[0, "code"] = "changed"
    assert kept["name"].iloc[0] == first_name
    assert kept.index[0] == want.index[0]


def test_frames_from_blocks_equal_the_constructors(national_small, monkeypatch):
    """The result built from the native blocks (pandas 3's
    create_dataframe_from_blocks) is the frame the DataFrame constructor
    builds from the same columns: values, dtypes, index and column labels,
    for names held as text, objects, categoricals or missing, and for
    score_many, whose codes and names come from the submissions, and for
    no submission at all. It also
    owns its blocks: writing to it leaves the next result as it was."""
    from iid import _tables

    regions, innovations = iid.to_frames(national_small)
    nameless = regions.drop(columns=["name"])
    cases = {"text": regions, "nameless": nameless}
    for kind in (object, "category"):
        other = regions.copy()
        other["name"] = other["name"].astype(kind)
        other.loc[1, "name"] = None
        cases[str(kind)] = other
    run = {k: (lambda r=r: iid.score_frames(r, innovations)) for k, r in cases.items()}
    run["score_many"] = lambda: iid.score_many(national_small[:7])
    run["empty"] = lambda: iid.score_many([])
    fast = {k: f() for k, f in run.items()}
    if _tables._from_blocks() is not None:
        blocks = fast["text"]._mgr.nblocks
        assert blocks < len(iid.COLUMNS), "the blocks path was not taken"
    monkeypatch.setattr(_tables, "_BLOCKS", None)
    for k, f in run.items():
        slow = f()
        assert slow._mgr.nblocks >= fast[k]._mgr.nblocks
        pd.testing.assert_frame_equal(fast[k], slow, check_exact=True)
        assert list(fast[k].dtypes) == list(slow.dtypes), k
    monkeypatch.undo()
    again = iid.score_frames(regions, innovations)
    again.iloc[0, again.columns.get_loc("index")] = Decimal("-1")
    again.iloc[0, again.columns.get_loc("divisor")] = -1
    after = iid.score_frames(regions, innovations)
    pd.testing.assert_frame_equal(after, fast["text"], check_exact=True)


def test_score_frames_reads_any_numeric_layout(national_small):
    """Row order, NaN for unanswered, missing columns, float/int/nullable
    columns and int column labels all give the same figures."""
    subs = json.loads(json.dumps(national_small[:12]))
    for s in subs[::2]:  # leave some answers out: unanswered
        s["spd"].pop("2a", None)
    for s in subs:
        for inv in s["innovations"][::3]:
            inv["levels"].pop("17", None)
        for inv in s["innovations"]:
            inv["levels"].pop("31", None)
    want = iid.score_many(subs)
    regions, innovations = iid.to_frames(subs)
    # NaN (not 0) where unanswered, float dtype; 31 dropped altogether
    innovations = innovations.drop(columns=["31"]) if "31" in innovations else innovations
    innovations["17"] = innovations["17"].astype("float64").where(innovations["17"] > 0)
    regions["2a"] = regions["2a"].astype("float64").where(regions["2a"] > 0)
    innovations["18"] = innovations["18"].astype("Int64")
    innovations["19"] = innovations["19"].astype("int16")
    innovations["20"] = innovations["20"].astype(object)
    innovations = innovations.sample(frac=1.0, random_state=3).reset_index(drop=True)
    regions = regions.rename(columns={"1": 1})
    got = iid.score_frames(regions, innovations)
    pd.testing.assert_frame_equal(got, want)


def test_score_frames_region_without_innovations_is_not_assessable():
    regions = pd.DataFrame({"code": ["a", "b"], "methodology": ["iid-2026"] * 2, "1": [3, 2]})
    innovations = pd.DataFrame(
        {"region": ["a"], "id": ["x"], "urusan": ["kesehatan"], "16": [3]}
    )
    df = iid.score_frames(regions, innovations)
    assert not df.loc["b", "assessable"]
    for code, sub in (
        ("a", {"methodology": "iid-2026", "spd": {"1": 3}, "innovations": [{"id": "x", "urusan": "kesehatan", "levels": {"16": 3}}]}),
        ("b", {"methodology": "iid-2026", "spd": {"1": 2}}),
    ):
        r = iid.score(sub)
        assert df.loc[code, "index"] == r.index and df.loc[code, "predicate"] == r.predicate
        assert df.loc[code, "total_score"] == r.total_score


def test_score_frames_mixed_methodologies(national_small):
    subs = json.loads(json.dumps(national_small[:10]))
    for s in subs[::2]:
        s["methodology"] = "iid-2027"
    regions, innovations = iid.to_frames(subs)
    df = iid.score_frames(regions, innovations)
    assert_rows_equal(df, [iid.score(s) for s in subs], [s["region"]["code"] for s in subs])
    assert set(df["methodology"]) == {"iid-2026", "iid-2027"}


@pytest.mark.parametrize("rubric_file", ["lomba-innovation-zero.json", "lomba-not-assessable.json"])
def test_score_frames_applies_the_rubrics_mandatory_rule(rubric_file):
    rubric = iid.Rubric.load(DATA / rubric_file)
    subs = [
        {"region": {"code": "r1"}, "spd": {"A1": 3, "A2": 2},
         "innovations": [{"id": "i1", "levels": {"B1": 3, "B2": 2, "B3": 1}},
                         {"id": "i2", "levels": {"B1": 2, "B2": 3}}]},  # B3 (mandatory) unanswered
        {"region": {"code": "r2"}, "spd": {"A2": 2},  # A1 (mandatory) unanswered
         "innovations": [{"id": "i1", "levels": {"B1": 1, "B3": 2}}]},
    ]
    regions, innovations = iid.to_frames(subs)
    df = iid.score_frames(regions, innovations, methodology=rubric)
    results = [iid.score(s, rubric=rubric) for s in subs]
    assert_rows_equal(df, results, ["r1", "r2"])
    plain = [iid.score(s, rubric=VECTOR_PLAIN) for s in subs]
    assert [(r.index, r.total_score) for r in results] != [(r.index, r.total_score) for r in plain]


VECTOR_PLAIN = DATA.parents[3] / "tests" / "vectors" / "rubrics" / "lomba-2020-style.json"


def frames_pair():
    regions = pd.DataFrame({"code": ["a", "b"], "1": [3, 2], "2a": [1, 0]})
    innovations = pd.DataFrame(
        {"region": ["a", "b", "a"], "id": ["x", "y", "z"], "urusan": ["kesehatan", None, "sosial"],
         "16": [3, 2, 1], "17": [1, 1, 1]}
    )
    return regions, innovations


def frame_error(cls, code, path, regions, innovations, methodology="iid-2026"):
    with pytest.raises(cls) as info:
        iid.score_frames(regions, innovations, methodology=methodology)
    assert (info.value.code, info.value.path) == (code, path), repr(info.value)
    return info.value


def test_score_frames_errors_name_table_row_and_column():
    regions, innovations = frames_pair()
    ok = iid.score_frames(regions, innovations, methodology="iid-2026")
    assert list(ok.index) == ["a", "b"]

    r, i = frames_pair()
    i.loc[2, "17"] = 4
    e = frame_error(iid.InputError, "level_out_of_range", "innovations[2].17", r, i)
    assert "level 4 out of range" in e.message
    r, i = frames_pair()
    r.loc[1, "2a"] = 5
    frame_error(iid.InputError, "level_out_of_range", "regions[1].2a", r, i)
    r, i = frames_pair()
    i["16"] = [3.0, 2.5, 1.0]
    frame_error(iid.InputError, "input_json", "innovations[1].16", r, i)
    r, i = frames_pair()
    i["16"] = [3, -1, 1]
    frame_error(iid.InputError, "input_json", "innovations[1].16", r, i)
    r, i = frames_pair()
    i["16"] = [3, 1000, 1]
    frame_error(iid.InputError, "input_json", "innovations[1].16", r, i)
    r, i = frames_pair()
    i["16"] = [3.0, float("inf"), 1.0]
    frame_error(iid.InputError, "input_json", "innovations[1].16", r, i)
    r, i = frames_pair()
    i["17"] = ["1", "2", "3"]
    frame_error(iid.InputError, "input_json", "innovations[0].17", r, i)
    r, i = frames_pair()
    i["17"] = [True, False, True]
    frame_error(iid.InputError, "input_json", "innovations[0].17", r, i)
    r, i = frames_pair()
    i.loc[1, "region"] = "zz"
    frame_error(iid.InputError, "input_invalid", "innovations[1].region", r, i)
    r, i = frames_pair()
    i.loc[0, "urusan"] = "Bukan Urusan!"
    frame_error(iid.InputError, "input_invalid", "innovations[0].urusan", r, i)
    r, i = frames_pair()
    i["urusan"] = [1, 2, 3]
    frame_error(iid.InputError, "input_json", "innovations[0].urusan", r, i)
    r, i = frames_pair()
    r.loc[1, "code"] = "a"
    frame_error(iid.InputError, "input_invalid", "regions[1].code", r, i)
    r, i = frames_pair()
    frame_error(iid.InputError, "input_invalid", "regions.code", r.drop(columns=["code"]), i)
    frame_error(iid.InputError, "input_invalid", "innovations.region", r, i.drop(columns=["region"]))
    frame_error(iid.InputError, "missing_methodology", "methodology", r, i, methodology=None)
    r["methodology"] = ["iid-2026", None]
    frame_error(iid.InputError, "missing_methodology", "regions[1].methodology", r, i, methodology=None)
    r["methodology"] = ["iid-2026", "iid-1999"]
    frame_error(iid.InputError, "unknown_methodology", "regions[1].methodology", r, i, methodology=None)
    frame_error(iid.RubricError, "unknown_methodology", "methodology", r, i, methodology="iid-1999")
    frame_error(iid.InputError, "input_json", "regions", [1, 2], i)


def test_frames_ignore_columns_that_are_not_indicators():
    regions, innovations = frames_pair()
    base = iid.score_frames(regions, innovations, methodology="iid-2026")
    regions["keterangan"] = ["x", "y"]
    innovations["36"] = [9, 9, 9]  # the computed count row is never read from a table
    innovations["catatan"] = ["p", "q", "r"]
    pd.testing.assert_frame_equal(iid.score_frames(regions, innovations, methodology="iid-2026"), base)


def test_synthetic_national_is_deterministic():
    a = iid.synthetic_national(regions=5, innovations=50, seed=1)
    assert a == iid.synthetic_national(regions=5, innovations=50, seed=1)
    assert a != iid.synthetic_national(regions=5, innovations=50, seed=2)
    assert sum(len(s["innovations"]) for s in a) == 50
    with pytest.raises(iid.InputError):
        iid.synthetic_national(regions=0)


def test_synthetic_national_matches_the_command_line(cli):
    import subprocess

    args = [cli, "synth", "--regions", "6", "--innovations", "40", "--seed", "9"]
    run = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == iid.synthetic_national(regions=6, innovations=40, seed=9)


def test_text_columns_as_categories_or_text_give_the_same_figures(national_small):
    regions, innovations = iid.to_frames(national_small)
    assert isinstance(innovations["region"].dtype, pd.CategoricalDtype)
    categorical = iid.score_frames(regions, innovations)
    text = innovations.copy()
    text["region"] = text["region"].astype(object)
    text["urusan"] = text["urusan"].astype(object)
    pd.testing.assert_frame_equal(iid.score_frames(regions, text), categorical)
    # unused categories and missing affairs
    extra = innovations.copy()
    extra["urusan"] = extra["urusan"].cat.add_categories(["tidak_dipakai"])
    extra.loc[0, "urusan"] = None
    subs = json.loads(json.dumps(national_small))
    subs[0]["innovations"][0].pop("urusan")
    pd.testing.assert_frame_equal(iid.score_frames(regions, extra), iid.score_many(subs))


def test_categorical_region_errors():
    regions, innovations = frames_pair()
    innovations["region"] = pd.Categorical(["a", "zz", "a"])
    e = frame_error(iid.InputError, "input_invalid", "innovations[1].region", regions, innovations)
    assert "'zz'" in e.message
    innovations["region"] = pd.Categorical(["a", None, "a"])
    frame_error(iid.InputError, "input_invalid", "innovations[1].region", regions, innovations)
    innovations["region"] = pd.Categorical(["a", "b", "a"])
    innovations["urusan"] = pd.Categorical(["kesehatan", "Bukan Urusan!", None])
    frame_error(iid.InputError, "input_invalid", "innovations[1].urusan", regions, innovations)


def test_numeric_region_codes():
    regions = pd.DataFrame({"code": [3318, 3319], "1": [3, 2]})
    innovations = pd.DataFrame({"region": [3319, 3318], "id": ["x", "y"], "urusan": ["kesehatan", "sosial"], "16": [3, 1]})
    df = iid.score_frames(regions, innovations, methodology="iid-2026")
    assert list(df.index) == [3318, 3319]
    want = iid.score({"methodology": "iid-2026", "spd": {"1": 2},
                      "innovations": [{"id": "x", "urusan": "kesehatan", "levels": {"16": 3}}]})
    assert df.loc[3319, "index_exact"] == want.index_exact
    innovations.loc[0, "region"] = 1
    frame_error(iid.InputError, "input_invalid", "innovations[0].region", regions, innovations)
    regions.loc[1, "code"] = 3318
    frame_error(iid.InputError, "input_invalid", "regions[1].code", regions, innovations)
