//! The runner of the shared vectors that go through the call-and-answer
//! surface (`tests/vectors/{national,risk,robustness}`), as the Python and
//! JavaScript suites run them through their bindings.
//!
//! A vector gives `operation`, its `call` document and either `expected`
//! (matched as a subset: every key of an expected object must match,
//! an expected list must have the answer's length, element by element)
//! or `expected_error` (`code` and `path`).

use std::path::{Path, PathBuf};

use iid::api::{self, Operation};
use serde_json::Value;

/// The vector files of `tests/vectors/<kind>`, sorted.
pub fn files(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Run every vector of `tests/vectors/<kind>` (at least `min` of them)
/// with `run`; fails naming each vector that failed, and where.
pub fn every_vector_passes(kind: &str, min: usize, run: impl Fn(&Path) -> Result<(), String>) {
    let files = files(kind);
    assert!(files.len() >= min, "vectors missing: {files:?}");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| run(f).err().map(|e| format!("{}: {e}", f.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where `got` differs from the subset `want`, if anywhere.
pub fn mismatch(want: &Value, got: &Value, at: &str) -> Option<String> {
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

/// Run one vector file: `Err` says where it failed.
pub fn run(path: &Path) -> Result<(), String> {
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
