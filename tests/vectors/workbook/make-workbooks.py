#!/usr/bin/env python3
"""Write the damaged workbooks of the workbook vectors (tests/vectors/workbook/):
the example workbook (`iid convert examples/kota-bukti-dukung.json`), with one
attribute of one worksheet replaced as each vector's `damage` says, zipped
again. Run from anywhere; it calls the CLI through cargo.

    python3 tests/vectors/workbook/make-workbooks.py
"""

import json
import pathlib
import re
import subprocess
import tempfile
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(tmp) / "kota.xlsx"
        subprocess.run(
            ["cargo", "run", "-q", "-p", "iid-cli", "--", "convert",
             str(ROOT / "examples" / "kota-bukti-dukung.json"), "-o", str(base)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )
        for spec in sorted(HERE.glob("*.json")):
            v = json.loads(spec.read_text())
            d = v["damage"]
            with zipfile.ZipFile(base) as zin, zipfile.ZipFile(HERE / v["workbook"], "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    if item.filename == d["part"]:
                        text = data.decode()
                        m = re.search(rf'<{d["element"]} [^>]*?\b{d["attribute"]}="([^"]*)"', text)
                        text = text[: m.start(1)] + d["value"] + text[m.end(1):]
                        if "insert" in d:
                            text = text.replace(d["insert"]["before"], d["insert"]["text"] + d["insert"]["before"], 1)
                        data = text.encode()
                    zout.writestr(item, data)
            print(f"wrote {v['workbook']}")


if __name__ == "__main__":
    main()
