"""The fill-in workbook and the report from Python: the template filled
in with openpyxl (and, where LibreOffice is installed, saved again by
LibreOffice) scores as the equivalent JSON; a bad cell names its sheet
and cell; the report is one HTML page with hostile text kept as text."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import iid

openpyxl = pytest.importorskip("openpyxl")

#: The equivalent JSON submission of the workbook filled in below.
EQUIVALENT = {
    "methodology": "iid-2026",
    "region": {"code": "99.02", "name": "Kota Isian"},
    "spd": {"1": 3, "2a": 2},
    "innovations": [
        {
            "id": "a",
            "name": "Layanan Uji",
            "urusan": "Kesehatan",
            "stage": "implemented",
            "implemented_on": "2024-05-01",
            "levels": {
                "16": {"level": 3, "evidence": [{"kind": "regulation", "title": "Perbup Uji", "issued": "2025-02-03"}]},
                "17": 2,
            },
        }
    ],
}


def fill(path: Path) -> None:
    """Fill the template in as a person would: numbers typed, a dropdown
    text chosen, a date typed as text and one as a date."""
    import datetime

    book = openpyxl.load_workbook(path)
    region = book["Daerah"]
    region["B4"] = "99.02"
    region["B5"] = "Kota Isian"
    spd = book["SPD"]
    assert spd["A3"].value == "1" and spd["H1"].value == "Level"
    spd["H3"] = 3
    spd["H4"] = "2 – Perda APBD tepat waktu 2 tahun"
    inv = book["Inovasi"]
    assert inv["G1"].value == "16"
    inv["A3"] = "a"
    inv["B3"] = "Layanan Uji"
    inv["C3"] = "Kesehatan"
    inv["E3"] = "penerapan"
    inv["F3"] = "2024-05-01"
    inv["G3"] = 3
    inv["H3"] = "2 – Ada SDM pengelola inovasi"
    ev = book["Bukti"]
    ev["A3"] = "a"
    ev["B3"] = "16"
    ev["C3"] = "peraturan"
    ev["D3"] = "Perbup Uji"
    ev["E3"] = datetime.datetime(2025, 2, 3)
    ev["E3"].number_format = "yyyy-mm-dd"
    book.save(path)


@pytest.fixture()
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "isian.xlsx"
    iid.template("iid-2026", path)
    fill(path)
    return path


def test_template_filled_with_openpyxl_scores_as_json(filled: Path) -> None:
    assert iid.read_workbook(filled) == EQUIVALENT
    r = iid.score(filled)
    assert r.to_dict() == iid.score(EQUIVALENT).to_dict()
    # By hand: SPD 3 + 2 = 5; rows 3 x 3 + 2 x 2 = 13 over 12 seats; one
    # basic-service affair of five: no count score. 6.0833 / 250 = 2.43.
    assert str(r.index) == "2.43"
    assert iid.score(filled.read_bytes()).index == r.index


def test_a_bad_cell_names_its_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    iid.template("iid-2026", path)
    book = openpyxl.load_workbook(path)
    inv = book["Inovasi"]
    for k in range(10):
        inv[f"A{3 + k}"] = f"i{k}"
    inv["G12"] = 4
    book.save(path)
    with pytest.raises(iid.InputError) as e:
        iid.score(path)
    assert (e.value.code, e.value.path) == ("level_out_of_range", "Inovasi!G12")
    assert str(e.value) == "Inovasi!G12: level 4 out of range 0..=3"
    inv["G12"] = "banyak"
    book.save(path)
    with pytest.raises(iid.InputError) as e:
        iid.read_workbook(path)
    assert (e.value.code, e.value.path) == ("input_json", "Inovasi!G12")


def test_a_workbook_not_ours_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.save(path)
    with pytest.raises(iid.InputError) as e:
        iid.score(path)
    assert (e.value.code, e.value.path) == ("input_invalid", "Daerah")


def test_to_workbook_and_back() -> None:
    sub = iid.read_workbook(iid.to_workbook("examples/kota-bukti-dukung.json"))
    assert iid.score(sub).to_dict() == iid.score("examples/kota-bukti-dukung.json").to_dict()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_saved_again_by_libreoffice(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / "isian.xlsx"
    assert iid.read_workbook(saved) == EQUIVALENT
    assert iid.score(saved).to_dict() == iid.score(EQUIVALENT).to_dict()


def test_report_is_html_and_keeps_hostile_text_as_text() -> None:
    r = iid.score("examples/kabupaten-contoh.json")
    page = r.report(lang="en", date="2026-07-01")
    assert isinstance(page, iid.Report)
    assert page.startswith("<!DOCTYPE html>") and "Regional Innovation Index report" in page
    assert "37.98" in page and "2026-07-01" in page
    assert "<iframe" in page._repr_html_()
    hostile = "<script>alert(1)</script>"
    sub = {"methodology": "iid-2026", "region": {"name": hostile},
           "innovations": [{"id": "x", "name": hostile, "agency": hostile, "levels": {"16": 1}}]}
    page = iid.report(sub)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


WORKBOOK_VECTORS = sorted((Path(__file__).resolve().parents[3] / "tests" / "vectors" / "workbook").glob("*.json"))


@pytest.mark.parametrize("spec", WORKBOOK_VECTORS, ids=lambda p: p.stem)
def test_workbook_vectors_are_refused_as_they_say(spec: Path) -> None:
    """The shared workbook vectors (tests/vectors/workbook/): each damaged
    workbook, as bytes and as a path, raises iid.InputError with the
    vector's code, path and message."""
    v = json.loads(spec.read_text())
    book = spec.parent / v["workbook"]
    for arg in (book.read_bytes(), book):
        with pytest.raises(iid.InputError) as e:
            iid.read_workbook(arg)
        assert (e.value.code, e.value.path) == (v["expected_error"]["code"], v["expected_error"]["path"])
        assert v["message_contains"] in str(e.value)
    assert len(WORKBOOK_VECTORS) >= 4
