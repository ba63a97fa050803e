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

use call_vectors::{every_vector_passes, mismatch, run};

#[test]
fn every_national_vector_passes() {
    every_vector_passes("national", 10, run);
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
