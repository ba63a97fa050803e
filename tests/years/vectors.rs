//! Runs the shared diff and history vectors (`tests/vectors/diff`,
//! `tests/vectors/history`) through `api::call_json`, as the Python and
//! JavaScript suites do through their bindings: `expected` must be a
//! subset of the answer, and a diff's parts must add up, exactly (their
//! fractions) and as published (their points, start and end).

use std::path::{Path, PathBuf};

use crate::common::years::diff_adds_up;
use iid::api::{self, Operation};
use serde_json::Value;

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("vector folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    out
}

/// `want` is a subset of `got`: objects key by key, arrays element by
/// element (same length), anything else equal.
fn subset(want: &Value, got: &Value, at: &str) -> Result<(), String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().try_for_each(|(k, v)| {
            let g = g.get(k).ok_or_else(|| format!("{at}.{k}: missing"))?;
            subset(v, g, &format!("{at}.{k}"))
        }),
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                return Err(format!("{at}: {} items, expected {}", g.len(), w.len()));
            }
            w.iter()
                .zip(g)
                .enumerate()
                .try_for_each(|(i, (a, b))| subset(a, b, &format!("{at}[{i}]")))
        }
        _ if want == got => Ok(()),
        _ => Err(format!("{at}: expected {want}, got {got}")),
    }
}

fn run(op: Operation, path: &Path) -> Result<(), String> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let call = serde_json::to_string(&v["call"]).unwrap();
    let outcome = api::call_json(op, &call);
    match (v.get("expected"), v.get("expected_error"), outcome) {
        (Some(exp), None, Ok(a)) => {
            let got = serde_json::to_value(&a).unwrap();
            subset(exp, &got, "$")?;
            if op == Operation::Diff {
                diff_adds_up(&got)?;
            }
            Ok(())
        }
        (None, Some(exp), Err(e)) => {
            let info = api::ErrorInfo::from(&e);
            subset(exp, &serde_json::to_value(&info).unwrap(), "expected_error")
        }
        (_, _, Err(e)) => Err(format!("unexpected error: {e}")),
        (_, _, Ok(_)) => Err("expected an error or needs `expected`".into()),
    }
}

#[test]
fn every_diff_and_history_vector_passes() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (op, dir) in [(Operation::Diff, "diff"), (Operation::History, "history")] {
        for f in files(dir) {
            n += 1;
            if let Err(e) = run(op, &f) {
                failures.push(format!("{}: {e}", f.display()));
            }
        }
    }
    assert!(n >= 5, "diff and history vectors missing: {n}");
    assert!(
        failures.is_empty(),
        "failing vectors:\n{}",
        failures.join("\n")
    );
}
