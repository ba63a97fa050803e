//! Runs the shared vectors of the operations on many regions
//! (`tests/vectors/national`: `rank`, `award`) through the core's
//! call-and-answer surface, as the Python and JavaScript suites do
//! through their bindings.
//!
//! A vector gives `operation`, its `call` document and either `expected`
//! (matched as a subset: every key of an expected object must match,
//! an expected list must have the answer's length, element by element)
//! or `expected_error` (`code` and `path`).

#[path = "common/call_vectors.rs"]
mod call_vectors;

use call_vectors::{files, mismatch, run};

#[test]
fn every_national_vector_passes() {
    let files = files("national");
    assert!(files.len() >= 10, "vectors missing: {files:?}");
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
