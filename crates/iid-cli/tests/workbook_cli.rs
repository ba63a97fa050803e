//! `iid template`, `iid convert` and every command on a workbook: the
//! template scores, conversion goes both ways, a bad cell is named.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn iid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iid"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iid-cli-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn the_template_is_a_workbook_that_scores_empty() {
    let out = tmp("isian.xlsx");
    let o = iid(&[
        "template",
        "--methodology",
        "iid-2026",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let o = iid(&["score", out.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // No innovations: Tidak Dapat Dinilai at 0.00.
    assert_eq!(v["index"], "0.00");
    assert_eq!(v["predicate"], "Tidak Dapat Dinilai");
    // A user rubric's template: its id is the methodology.
    let o = iid(&[
        "template",
        "--rubric",
        "bindings/python/tests/data/lomba-innovation-zero.json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = iid(&["convert", out.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["methodology"], "lomba-nol-wajib");
}

#[test]
fn convert_goes_both_ways_and_every_command_reads_the_workbook() {
    let xlsx = tmp("kota.xlsx");
    let o = iid(&[
        "convert",
        "examples/kota-bukti-dukung.json",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for args in [
        vec!["score", "--json"],
        vec!["check", "--json"],
        vec!["marginal", "--json"],
    ] {
        let json = iid(&[args[0], "examples/kota-bukti-dukung.json", args[1]]);
        let book = iid(&[args[0], xlsx.to_str().unwrap(), args[1]]);
        assert!(book.status.success(), "{}", stderr(&book));
        assert_eq!(stdout(&json), stdout(&book), "{}", args[0]);
    }
    // The Kota example: 51.92 self, 47.52 verified (README, worked by hand).
    let o = iid(&[
        "score",
        xlsx.to_str().unwrap(),
        "--mode",
        "verified",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["index"], "47.52");
    let back = tmp("kota.json");
    let o = iid(&[
        "convert",
        xlsx.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_slice(&std::fs::read(&back).unwrap()).unwrap();
    let b = iid(&["score", back.to_str().unwrap()]);
    assert!(b.status.success());
    assert_eq!(a["region"]["name"], "Kota Contoh");
    // JSON to a workbook needs -o.
    let o = iid(&["convert", "examples/kota-bukti-dukung.json"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_bad_cell_is_named_with_exit_status_2() {
    // Ten innovations, the tenth answering 4 on indicator 16: row 12,
    // column G of sheet Inovasi.
    let innovations: Vec<String> = (0..10)
        .map(|k| {
            let level = if k == 9 { 4 } else { 1 };
            format!(r#"{{"id": "i{k}", "urusan": "sosial", "levels": {{"16": {level}}}}}"#)
        })
        .collect();
    let text = format!(
        r#"{{"methodology": "iid-2026", "innovations": [{}]}}"#,
        innovations.join(",")
    );
    let json = tmp("bad.json");
    std::fs::write(&json, text).unwrap();
    let xlsx = tmp("bad.xlsx");
    let o = iid(&[
        "convert",
        json.to_str().unwrap(),
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for cmd in ["score", "check", "explain", "validate"] {
        let o = iid(&[cmd, xlsx.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert_eq!(
            stderr(&o).trim(),
            "iid: error[level_out_of_range]: Inovasi!G12: level 4 out of range 0..=3",
            "{cmd}"
        );
    }
    // The same submission as JSON names its JSON path.
    let o = iid(&["score", json.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("innovations[9].levels.16"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_report_schemas_are_committed() {
    for kind in ["report", "report-options"] {
        let o = iid(&["schema", kind]);
        assert!(o.status.success(), "{}", stderr(&o));
        let committed =
            std::fs::read_to_string(root().join(format!("docs/schema/{kind}.schema.json")))
                .unwrap();
        assert_eq!(
            stdout(&o).trim(),
            committed.trim(),
            "docs/schema/{kind}.schema.json is stale: run `cargo run -p iid-cli -- schema {kind} > docs/schema/{kind}.schema.json`"
        );
    }
}

#[test]
fn report_writes_html_json_and_says_when_pdf_cannot_be_made() {
    let html = tmp("laporan.html");
    let o = iid(&[
        "report",
        "examples/kabupaten-contoh.json",
        "-o",
        html.to_str().unwrap(),
        "--lang",
        "en",
        "--date",
        "2026-07-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>")
            && page.contains("37.98")
            && page.contains("2026-07-01")
    );
    let o = iid(&[
        "report",
        "examples/kabupaten-contoh.json",
        "--json",
        "--date",
        "2026-07-01",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["result"]["index"], "37.98");
    assert_eq!(v["plan"]["target_predicate"], "Inovatif");
    assert_eq!(v["date"], "2026-07-01");
    // No Chromium where IID_CHROMIUM points nowhere: a clear error, exit 1.
    let o = Command::new(env!("CARGO_BIN_EXE_iid"))
        .args([
            "report",
            "examples/kabupaten-contoh.json",
            "-o",
            tmp("x.pdf").to_str().unwrap(),
            "--pdf",
        ])
        .env("IID_CHROMIUM", "/nonexistent/chromium")
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error[pdf_unavailable]"),
        "{}",
        stderr(&o)
    );
    let o = iid(&["report", "examples/kabupaten-contoh.json", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error[input_invalid]: lang:"),
        "{}",
        stderr(&o)
    );
}
