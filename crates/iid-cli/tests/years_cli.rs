//! `iid history` and `iid diff` end to end on the example region
//! (examples/riwayat): the table, the sentence in both languages, the JSON
//! answer, exit status 2 with a one-line message naming the field.
//!
//! Kota Contoh by hand (weights of docs/rubric.md):
//! - 2021 (iid-2021, d 10): SPD 49, 12 innovations with rows 1128: average
//!   1128/12 = 94, count 0.38 x 12 = 4.56; total 147.56 of 250 = 59.024,
//!   59.02 Inovatif (35.00-60.00).
//! - 2022 (iid-2022): SPD 38 (rows 2a, 7, 8 and 12 fell to level 1:
//!   1 x -1 + 1.5 x -2 + 1.5 x -2 + 2 x -2 = -11), 9 innovations (inv-10
//!   to inv-12 dropped) with rows 841 over d 10 = 84.1, count 3.42; total
//!   125.52 = 50.208, 50.21.
//! - Why it fell 8.81 (exact -8.816): SPD -11 of 250 = -4.40; the divisor
//!   moved (12 -> 10), so each dropped innovation counts against last
//!   year's average 94: -(287 - 3 x 94)/10 = -0.5 of 250 = -0.20; one of
//!   the 10 seats left empty: -94 x 1/10 = -9.4 of 250 = -3.76; count
//!   -1.14 of 250 = -0.456, published -0.45 so that the parts add up to
//!   -8.81.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn iid(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iid"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const Y2021: &str = "examples/riwayat/kota-contoh-2021.json";
const Y2022: &str = "examples/riwayat/kota-contoh-2022.json";
const Y2023: &str = "examples/riwayat/kota-contoh-2023.json";
const Y2024: &str = "examples/riwayat/kota-contoh-2024.json";

#[test]
fn diff_explains_the_fall_of_2022_in_both_languages() {
    let o = iid(&["diff", Y2021, Y2022], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("The index fell 8.81 points (59.02 -> 50.21): -4.40 because 4 region (SPD) answers changed; -3.76 because 1 of the divisor's 10 seats was left empty; -0.45 because"),
        "{out}"
    );
    assert!(out.contains("Indeks turun 8.81 poin (59.02 -> 50.21): -4.40 karena 4 jawaban indikator SPD berubah; -3.76 karena 1 dari 10 kursi pembagi kosong"), "{out}");
    let en = stdout(&iid(&["diff", Y2021, Y2022, "--lang", "en"], None));
    assert!(!en.contains("Indeks turun"), "{en}");
    let id = stdout(&iid(&["diff", Y2021, Y2022, "--lang", "id"], None));
    assert!(
        id.contains("Indeks turun") && !id.contains("The index fell"),
        "{id}"
    );
}

#[test]
fn diff_json_parts_add_up_to_the_change() {
    let o = iid(&["diff", Y2021, Y2022, "--json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["change"], "-8.81");
    assert_eq!(v["change_exact"], "-8.816");
    let parts = v["parts"].as_array().unwrap();
    let kinds: Vec<&str> = parts.iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "methodology",
            "region_answers",
            "innovations_changed",
            "innovations_removed",
            "innovations_added",
            "divisor",
            "innovation_count",
            "basic_services",
            "assessability"
        ]
    );
    let points: Vec<&str> = parts
        .iter()
        .map(|p| p["points"].as_str().unwrap())
        .collect();
    assert_eq!(
        points,
        ["0.00", "-4.40", "0.00", "-0.20", "0.00", "-3.76", "-0.45", "0.00", "0.00"]
    );
    assert_eq!(parts[6]["exact"], "-0.456");
    assert_eq!(parts[0]["start"], "59.02");
    assert_eq!(parts[8]["end"], "50.21");
}

#[test]
fn history_lists_every_year_with_the_like_for_like_line() {
    let o = iid(
        &[
            "history", Y2023, Y2021, Y2024, Y2022, "--under", "iid-2021", "--json",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let years: Vec<u64> = rows.iter().map(|r| r["year"].as_u64().unwrap()).collect();
    assert_eq!(years, [2021, 2022, 2023, 2024]);
    let index: Vec<&str> = rows.iter().map(|r| r["index"].as_str().unwrap()).collect();
    assert_eq!(&index[..3], ["59.02", "50.21", "63.85"]);
    // The first three years share 2021's rules (divisor 10, no affairs
    // condition): re-scored, each is its own index.
    assert_eq!(rows[1]["index_under"], "50.21");
    assert_eq!(rows[1]["change"], "-8.81");
    // 2024: inv-01..inv-09 were entered in 2021, 2022 and 2023: left out.
    assert_eq!(rows[3]["innovation_count"], 10);
    assert_eq!(v["findings"].as_array().unwrap().len(), 9);
    assert_eq!(v["findings"][0]["path"], "submissions[2].innovations[0].id");

    // Like for like under 2026's rules (d 12, 5 of 6 affairs; all six are
    // covered): 2021 49 + 1128/12 + 4.56 = 147.56 = 59.02; 2022 38 +
    // 841/12 + 3.42 = 111.5033 = 44.60; 2023 15 innovations over 15 seats
    // as in 2023: 63.85; 2024 the ten counted over 12 seats: 54.25 +
    // 1014/12 + 3.80 = 142.55 = 57.02.
    let o = iid(
        &[
            "history", Y2021, Y2022, Y2023, Y2024, "--under", "iid-2026", "--json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let under: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["index_under"].as_str().unwrap())
        .collect();
    assert_eq!(under, ["59.02", "44.60", "63.85", "57.02"]);
    assert_eq!(v["rows"][1]["change_under"], "-14.42");

    let text = stdout(&iid(
        &["history", Y2021, Y2022, Y2023, "--lang", "en"],
        None,
    ));
    assert!(text.contains("like-for-like under: iid-2023"), "{text}");
    assert!(
        text.contains("59.02") && text.contains("-8.81") && text.contains("+13.64"),
        "{text}"
    );
}

#[test]
fn history_takes_the_2020_points_total_as_a_user_rubric() {
    let o = iid(
        &[
            "history",
            "examples/riwayat/kota-contoh-2020.json",
            Y2021,
            "--rubric",
            "examples/riwayat/iid-2020-kota-contoh.json",
            "--json",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // 1000 x 1 + 100 x 4 + 10 x 6 + 1 x 2 = 1462 points: above 1000,
    // Sangat Inovatif.
    assert_eq!(v["rows"][0]["index"], "1462.00");
    assert_eq!(v["rows"][0]["predicate"], "Sangat Inovatif");
    // Not comparable with the 36 indicators, and not subtracted from a
    // 0-100 index.
    assert_eq!(v["rows"][0]["index_under"], serde_json::Value::Null);
    assert_eq!(v["rows"][0]["under_error"]["code"], "unknown_indicator");
    assert_eq!(v["rows"][1]["change"], serde_json::Value::Null);
}

#[test]
fn a_year_scores_under_another_methodology_by_id() {
    // 2021's answers under 2024's rules (the same weights, divisor 10 and
    // count rule): 59.02; under 2026's (d 12 = n, 6 of 6 affairs): 59.02
    // too; under 2027's (d 14; 6 of 6 required and covered): 49 + 1128/14
    // + 4.56 = 134.1314 of 250 = 53.65.
    for (id, index) in [
        ("iid-2024", "59.02"),
        ("iid-2026", "59.02"),
        ("iid-2027", "53.65"),
    ] {
        let o = iid(&["score", Y2021, "--rubric", id, "--json"], None);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            (v["methodology"].as_str(), v["index"].as_str()),
            (Some(id), Some(index))
        );
    }
}

#[test]
fn errors_name_the_field() {
    let o = iid(
        &["diff", Y2021, "-"],
        Some(br#"{"methodology": "iid-2019"}"#),
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim(),
        "iid: error[unknown_methodology]: new.methodology: unknown methodology \"iid-2019\" (embedded: iid-2021, iid-2022, iid-2023, iid-2024, iid-2025, iid-2026, iid-2027, iid-2028, iid-2029)"
    );
    let o = iid(&["history", Y2021, Y2021], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error[input_invalid]: submissions[1]: a second submission for 2021"),
        "{}",
        stderr(&o)
    );
    let o = iid(&["diff", "-", "-"], Some(b"{}"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("only one file"), "{}", stderr(&o));
}
