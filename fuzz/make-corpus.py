#!/usr/bin/env python3
"""Rebuild the committed seed corpus under fuzz/corpus/<target>/ from the
project's own files: the shared test vectors, the examples, the embedded
rubrics, the what-if and plan examples of docs/whatif-plan.md, and the
worksheets of the example workbook (written by the CLI, `iid convert`).

    python3 fuzz/make-corpus.py

Each target's folder is emptied and rewritten, so the corpus holds only
seeds, never what a fuzzing run found (scripts/fuzz.sh fuzzes a copy).
Multi-document seeds (plan, whatif) are NUL-separated, as the targets
split them; a few are also given as a JSON array of the documents.
"""

import json
import pathlib
import shutil
import subprocess
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
VECTORS = ROOT / "tests" / "vectors"
EXAMPLES = ROOT / "examples"
RUBRICS = ROOT / "crates" / "iid" / "rubrics"

KAB = (EXAMPLES / "kabupaten-contoh.json").read_text()
KOTA = (EXAMPLES / "kota-bukti-dukung.json").read_text()


def reset(target):
    """Empty a target's folder, keeping the inputs of past findings
    (``regression-*``, added by hand when a finding is fixed)."""
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    for f in d.iterdir():
        if not f.name.startswith("regression-"):
            shutil.rmtree(f) if f.is_dir() else f.unlink()
    return d


def put(d, name, data):
    if isinstance(data, str):
        data = data.encode()
    (d / name).write_bytes(data)


def docs(*texts):
    """NUL-separated documents, as the plan and whatif targets split them."""
    return "\0".join(texts)


def array(*values):
    """The same as a JSON array of documents."""
    return json.dumps(list(values), separators=(",", ":"))


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def vector_inputs():
    """(name, submission text, rubric path or None) of every test vector."""
    for f in sorted(VECTORS.glob("*.json")):
        v = json.loads(f.read_text())
        if "input_text" in v:
            text = v["input_text"]
        else:
            text = json.dumps(v["input"], indent=1, ensure_ascii=False)
        rubric = VECTORS / v["rubric"] if "rubric" in v else None
        yield f.stem, text, rubric


# A small submission, every iid-2026 row type: a measured row, evidence,
# a verification, eligibility fields.
SMALL = {
    "methodology": "iid-2026",
    "spd": {"1": 3, "2a": 2, "12": {"level": 2}},
    "innovations": [
        {"id": "a", "urusan": "pendidikan", "levels": {"16": 3, "17": 2, "35": 1}},
        {"id": "b", "urusan": "kesehatan", "agency": "Dinas Kesehatan", "levels": {"16": 1}},
    ],
}


def submission():
    d = reset("submission")
    for name, text, rubric in vector_inputs():
        if rubric is None:
            put(d, f"vector-{name}", text)
    put(d, "example-kabupaten-contoh", KAB)
    put(d, "example-kota-bukti-dukung", KOTA)
    put(d, "small", compact(SMALL))


def rubric():
    d = reset("rubric")
    for f in sorted(RUBRICS.glob("*.json")):
        put(d, f"builtin-{f.stem}", f.read_bytes())
    for f in sorted((VECTORS / "rubrics").glob("*.json")):
        put(d, f"vector-{f.stem}", f.read_bytes())


WHATIF_DOC = [
    {"op": "set", "indicator": "2a", "level": 3},
    {"op": "set", "innovation": "inv-01", "indicator": "17", "level": 2},
    {"op": "add_innovation", "innovation": {"id": "inv-09", "urusan": "sosial", "levels": {"16": 1, "35": 2}}},
    {"op": "remove_innovation", "id": "inv-03"},
    {"op": "set_affair", "innovation": "inv-02", "urusan": "sosial"},
]


def whatif():
    d = reset("whatif")
    put(d, "kab-doc-changes", docs(KAB, json.dumps(WHATIF_DOC, indent=1)))
    # The worked examples of docs/whatif-plan.md.
    put(d, "kab-row-12", docs(KAB, compact([{"op": "set", "indicator": "12", "level": 3}])))
    full = {"id": "inv-09", "urusan": "pertanian",
            "levels": {str(c): 3 for c in range(16, 36)}}
    put(d, "kab-add-full", docs(KAB, compact([{"op": "add_innovation", "innovation": full}])))
    put(d, "kab-move-affairs", docs(KAB, compact([
        {"op": "set_affair", "innovation": "inv-05", "urusan": "pertanian"},
        {"op": "set_affair", "innovation": "inv-06", "urusan": None},
    ])))
    put(d, "kab-unset", docs(KAB, compact([{"op": "set", "indicator": "1", "level": 0}])))
    put(d, "kota-evidence-set", docs(KOTA, compact([
        {"op": "set", "innovation": "kt-01", "indicator": "16", "level": 1},
        {"op": "remove_innovation", "id": "kt-14"},
    ])))
    put(d, "small-array", array(SMALL, [
        {"op": "set", "innovation": "a", "indicator": "35", "level": 3},
        {"op": "add_innovation", "innovation": {"id": "c", "levels": {}}},
        {"op": "remove_innovation", "id": "b"},
    ]))
    put(d, "error-bad-op", docs(compact(SMALL), compact([{"op": "drop", "id": "a"}])))


COSTS_DOC = {
    "default_step": "1",
    "indicators": {"16": "3", "35": ["1", "1", "4"]},
    "new_innovation": "10",
    "max_steps_per_innovation": 5,
    "max_new_innovations": 20,
    "frozen_indicators": ["8"],
    "frozen_innovations": ["inv-04"],
    "freeze_measured": True,
    "template": {"urusan": "pertanian", "stage": "implemented", "levels": {"16": 1}},
}


def plan():
    d = reset("plan")
    put(d, "kab-next", docs(KAB, '{"target": "next"}'))
    put(d, "kab-inovatif", docs(KAB, '{"target": "Inovatif"}'))
    put(d, "kab-sangat-unreachable", docs(KAB, '{"target": "Sangat Inovatif"}'))
    put(d, "kab-sangat-new", docs(
        KAB,
        compact({"target": "Sangat Inovatif", "allow_new_innovations": True,
                 "costs": {"new_innovation": "10"}}),
        '{"template": {"levels": {"16": 2}}}',
    ))
    put(d, "kab-doc-costs", docs(
        KAB,
        json.dumps({"target": 65.01, "allow_new_innovations": True, "costs": COSTS_DOC}, indent=1),
        compact({"template": COSTS_DOC["template"]}),
    ))
    put(d, "kab-capped-steps", docs(
        KAB, compact({"target": "65.005", "costs": {"max_steps_per_innovation": 3}})))
    put(d, "kota-english", docs(KOTA, '{"target": "highly innovative"}'))
    put(d, "small-array", array(
        SMALL,
        {"target": "next", "allow_new_innovations": True,
         "costs": {"new_innovation": "2.5", "default_step": 1, "max_new_innovations": 3}},
        {"template": {"urusan": "sosial", "levels": {"16": 3}}},
    ))
    put(d, "none-array", array(
        {"methodology": "iid-2023", "spd": {}, "innovations": []},
        {"target": "Inovatif", "allow_new_innovations": True, "costs": {"new_innovation": "1"}},
    ))
    put(d, "error-missing-new-cost", docs(
        compact(SMALL), '{"target": "next", "allow_new_innovations": true}'))


def workbook():
    """One seed per worksheet of the example workbook: the byte that picks
    it (its place among the zip's xl/worksheets/ parts), then its XML."""
    d = reset("workbook")
    with tempfile.TemporaryDirectory() as tmp:
        book = pathlib.Path(tmp) / "kota.xlsx"
        subprocess.run(
            ["cargo", "run", "-q", "-p", "iid-cli", "--", "convert",
             str(EXAMPLES / "kota-bukti-dukung.json"), "-o", str(book)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )
        with zipfile.ZipFile(book) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
            for k, name in enumerate(sheets):
                put(d, f"kota-{pathlib.PurePath(name).stem}", bytes([k]) + z.read(name))


if __name__ == "__main__":
    submission()
    rubric()
    whatif()
    plan()
    workbook()
    total = sum(f.stat().st_size for f in CORPUS.rglob("*") if f.is_file())
    for t in sorted(p.name for p in CORPUS.iterdir()):
        n = sum(1 for _ in (CORPUS / t).iterdir())
        print(f"{t}: {n} seeds")
    print(f"total {total} bytes")
