//! The `iid` binary end to end: output, exit status, one-line errors.

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
        child.stdin.take().unwrap().write_all(bytes).unwrap();
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

#[test]
fn score_prints_index_and_predicate() {
    let o = iid(&["score", "examples/kabupaten-contoh.json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // SPD 42.5; rows 593 / 12; count 0.38 x 8 = 3.04 (6 of 6 affairs);
    // total 94.9566...; index 37.98 -> Kurang Inovatif (0.01-40.00).
    assert!(out.contains("37.98"), "{out}");
    assert!(out.contains("Kurang Inovatif"), "{out}");
}

#[test]
fn score_json_has_the_documented_fields() {
    let o = iid(&["score", "examples/kabupaten-contoh.json", "--json"], None);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for k in [
        "methodology",
        "index",
        "index_exact",
        "predicate",
        "spd_score",
        "sid_score",
        "innovation_count_score",
        "total_score",
        "max_total_score",
        "divisor",
        "innovation_count",
        "yandas_covered",
        "breakdown",
        "findings",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["index"], "37.98");
    assert_eq!(v["spd_score"], "42.5");
    assert_eq!(v["innovation_count_score"], "3.04");
    assert_eq!(v["divisor"], 12);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let input = br#"{"methodology":"iid-2026","innovations":[{"id":"a","levels":{"16":3}}]}"#;
    let o = iid(&["score", "-", "--json"], Some(input));
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // 9 / 12 = 0.75 of 250 -> 0.30
    assert_eq!(v["index"], "0.30");
}

fn fails_with(args: &[&str], stdin: Option<&[u8]>, needle: &str) {
    let o = iid(args, stdin);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(needle),
        "{args:?}: expected {needle:?} in {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_input_exits_2_with_a_one_line_message_naming_the_problem() {
    let s = |t: &'static str| Some(t.as_bytes());
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-2026", "spd": {"1": 3"#),
        "input_json",
    );
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-1999"}"#),
        "iid-1999",
    );
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-2026", "spd": {"1": 4}}"#),
        "spd.1",
    );
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-2026", "spd": {"1": -1}}"#),
        "spd.1",
    );
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-2026", "spd": {"1": 2.5}}"#),
        "spd.1",
    );
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-2026", "spd": {"99": 1}}"#),
        "unknown indicator \"99\"",
    );
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "levels": {"7": 1}}]}"#),
        "innovations[0].levels.7",
    );
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-2026", "innovations": [{"id": "a"}, {"id": "a"}]}"#),
        "duplicate innovation id \"a\"",
    );
    fails_with(
        &["score", "-"],
        s(r#"{"methodology": "iid-2026", "innovations": 3}"#),
        "innovations",
    );
    fails_with(&["score", "-"], Some(&[0x7b, 0xff, 0xfe]), "UTF-8");
    fails_with(
        &["score", "does-not-exist.json"],
        None,
        "does-not-exist.json",
    );
    fails_with(
        &["validate", "-"],
        s(r#"{"methodology": "iid-2026", "spd": {"2b": 9}}"#),
        "spd.2b",
    );
}

#[test]
fn a_user_rubric_is_used_with_rubric_flag() {
    let input =
        br#"{"spd":{"A1":3,"A2":2},"innovations":[{"id":"i1","levels":{"B1":3,"B2":2,"B3":1}}]}"#;
    let o = iid(
        &[
            "score",
            "-",
            "--json",
            "--rubric",
            "tests/vectors/rubrics/lomba-2020-style.json",
        ],
        Some(input),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // 30 + 10 + 46 + count 2 = 88
    assert_eq!(v["index"], "88.00");
    assert_eq!(v["methodology"], "lomba-inovasi-contoh");
    fails_with(
        &["score", "-", "--rubric", "missing-rubric.json"],
        Some(input),
        "missing-rubric.json",
    );
}

#[test]
fn a_broken_user_rubric_is_reported_with_its_field() {
    let dir = std::env::temp_dir().join(format!("iid-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(root().join("tests/vectors/rubrics/lomba-2020-style.json"))
        .unwrap();
    let broken = text.replace("\"100.01\"", "\"100.00\"");
    let path = dir.join("broken.json");
    std::fs::write(&path, broken).unwrap();
    fails_with(
        &["rubric", "check", path.to_str().unwrap()],
        None,
        "rubric_band_overlap",
    );
}

/// `iid awards` lists each embedded definition with its quotas, `--json`
/// as the core's list, and prints one whole by its id.
#[test]
fn awards_are_listed_and_shown() {
    let out = stdout(&iid(&["awards"], None));
    assert!(
        out.contains("iga-2023") && out.contains("iga-2025"),
        "{out}"
    );
    assert!(out.contains("kabupaten 21/16"), "{out}");
    let o = iid(&["awards", "--json"], None);
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        list,
        serde_json::to_value(iid::api::awards().unwrap()).unwrap()
    );
    let o = iid(&["awards", "iga-2023"], None);
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d["presentation"]["criteria"][0]["weight"], "30");
    fails_with(&["awards", "iga-1999"], None, "unknown_award");
}

#[test]
fn rubrics_are_listed_and_shown() {
    let o = iid(&["rubrics"], None);
    assert!(o.status.success());
    let out = stdout(&o);
    for id in ["iid-2023", "iid-2026", "iid-2027"] {
        assert!(out.contains(id), "{out}");
    }
    let o = iid(&["rubric", "show", "iid-2026"], None);
    let out = stdout(&o);
    assert!(
        out.contains("SPD 63, SID rows 111, innovation count 76, total 250"),
        "{out}"
    );
    assert!(out.contains("400.10.11/1887/BSKDN"));
    let o = iid(&["rubric", "show", "iid-2026", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["indicators"].as_array().unwrap().len(), 40);
    fails_with(&["rubric", "show", "iid-1990"], None, "iid-1990");
}

#[test]
fn explain_shows_the_tree() {
    let o = iid(&["explain", "examples/kabupaten-contoh.json"], None);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("Satuan Pemerintahan Daerah"));
    assert!(out.contains("Kecepatan Bisnis Proses"));
    assert!(out.contains("inv-07"));
}

#[test]
fn schemas_are_json() {
    for kind in [
        "submission",
        "result",
        "rubric",
        "error",
        "audit",
        "changes",
        "whatif",
        "marginal",
        "plan-options",
        "plan",
        "ranking",
        "roster",
        "award-definition",
        "stage-scores",
        "award-result",
        "history",
        "diff",
        "history-call",
        "diff-call",
        "risk-options",
        "risk",
        "robustness",
        "robustness-options",
    ] {
        let o = iid(&["schema", kind], None);
        assert!(o.status.success());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(
            v.get("properties").is_some() || v.get("$defs").is_some(),
            "{kind}"
        );
    }
}

#[test]
fn committed_schemas_match_the_rust_types() {
    for kind in [
        "submission",
        "result",
        "rubric",
        "error",
        "audit",
        "changes",
        "whatif",
        "marginal",
        "plan-options",
        "plan",
        "ranking",
        "roster",
        "award-definition",
        "stage-scores",
        "award-result",
        "history",
        "diff",
        "history-call",
        "diff-call",
        "risk-options",
        "risk",
        "robustness",
        "robustness-options",
    ] {
        let o = iid(&["schema", kind], None);
        let committed =
            std::fs::read_to_string(root().join(format!("docs/schema/{kind}.schema.json")))
                .unwrap();
        assert_eq!(
            stdout(&o).trim_end(),
            committed.trim_end(),
            "docs/schema/{kind}.schema.json is stale: run `cargo run -p iid-cli -- schema {kind} > docs/schema/{kind}.schema.json`"
        );
    }
}

#[test]
fn self_and_verified_modes_differ_with_reasons_and_check_orders_by_points() {
    let s = iid(
        &["score", "examples/kota-bukti-dukung.json", "--json"],
        None,
    );
    let v = iid(
        &[
            "score",
            "examples/kota-bukti-dukung.json",
            "--json",
            "--mode",
            "verified",
        ],
        None,
    );
    assert!(s.status.success() && v.status.success(), "{}", stderr(&v));
    let s: serde_json::Value = serde_json::from_slice(&s.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&v.stdout).unwrap();
    assert_eq!(s["mode"], "self");
    assert_eq!(v["mode"], "verified");
    assert_ne!(s["index"], v["index"]);
    assert_eq!(s["modes"], v["modes"]);
    // Two innovations are ineligible (a trial; implemented in 2023).
    assert_eq!(s["innovation_count"], 12);
    assert_eq!(s["excluded"].as_array().unwrap().len(), 2);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "evidence_insufficient"));

    let c = iid(
        &["check", "examples/kota-bukti-dukung.json", "--json"],
        None,
    );
    assert!(c.status.success());
    let c: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
    let points: Vec<rust_decimal::Decimal> = c["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["points_at_risk"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(!points.is_empty());
    assert!(points.windows(2).all(|w| w[0] >= w[1]), "{points:?}");
    // The gap equals the points at risk here (same n, divisor and affairs).
    let gap: rust_decimal::Decimal = c["modes"]["gap"].as_str().unwrap().parse().unwrap();
    let total: rust_decimal::Decimal = c["total_points_at_risk"].as_str().unwrap().parse().unwrap();
    assert_eq!(gap, total);
    let text = stdout(&iid(&["check", "examples/kota-bukti-dukung.json"], None));
    assert!(
        text.contains("out_of_window") && text.contains("url_missing"),
        "{text}"
    );
    fails_with(
        &[
            "score",
            "examples/kota-bukti-dukung.json",
            "--mode",
            "guess",
        ],
        None,
        "guess",
    );
}
