//! Runs the shared vectors of the verification risk
//! (`tests/vectors/risk`: `rank`, `award`) through the core's
//! call-and-answer surface, as the Python and JavaScript suites do
//! through their bindings.
//!
//! A vector gives `operation`, its `call` document and either `expected`
//! (matched as a subset: every key of an expected object must match,
//! an expected list must have the answer's length, element by element)
//! or `expected_error` (`code` and `path`).

use std::path::{Path, PathBuf};

use iid::api::{self, Operation};
use serde_json::Value;

fn files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/risk");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors/risk exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Where `got` differs from the subset `want`, if anywhere.
fn mismatch(want: &Value, got: &Value, at: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().find_map(|(k, wv)| match g.get(k) {
            Some(gv) => mismatch(wv, gv, &format!("{at}.{k}")),
            None => Some(format!("{at}.{k}: missing")),
        }),
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (wv, gv))| mismatch(wv, gv, &format!("{at}[{i}]"))),
        _ if want == got => None,
        _ => Some(format!("{at}: expected {want}, got {got}")),
    }
}

fn run(path: &Path) -> Result<(), String> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let op: Operation = v["operation"]
        .as_str()
        .ok_or("no operation")?
        .parse()
        .map_err(|e: iid::Error| e.to_string())?;
    let answer = api::call_json(op, &v["call"].to_string());
    match (v.get("expected"), v.get("expected_error"), answer) {
        (Some(want), None, Ok(a)) => {
            let got: Value = serde_json::from_str(&a.to_json()).map_err(|e| e.to_string())?;
            mismatch(want, &got, "$").map_or(Ok(()), Err)
        }
        (None, Some(want), Err(e)) => {
            let got = (e.code(), e.path());
            if (Some(got.0), Some(got.1)) == (want["code"].as_str(), want["path"].as_str()) {
                Ok(())
            } else {
                Err(format!("expected error {want}, got {got:?}: {e}"))
            }
        }
        (Some(_), None, Err(e)) => {
            Err(format!("unexpected error [{}] {}: {e}", e.code(), e.path()))
        }
        (None, Some(want), Ok(_)) => Err(format!("expected error {want}, got an answer")),
        _ => Err("needs exactly one of expected / expected_error".into()),
    }
}

#[test]
fn every_risk_vector_passes() {
    let files = files();
    assert!(files.len() >= 6, "vectors missing: {files:?}");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| run(f).err().map(|e| format!("{}: {e}", f.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_subset_rule_catches_a_difference() {
    let want = serde_json::json!({"a": [1, {"b": "x"}]});
    assert!(mismatch(
        &want,
        &serde_json::json!({"a": [1, {"b": "x", "c": 2}], "d": 0}),
        "$"
    )
    .is_none());
    assert!(mismatch(&want, &serde_json::json!({"a": [1, {"b": "y"}]}), "$").is_some());
    assert!(mismatch(&want, &serde_json::json!({"a": [1]}), "$").is_some());
}
