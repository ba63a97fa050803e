//! Runs the shared vectors of the embedded catalogs (`tests/vectors/catalog`:
//! the award definitions listed and shown) through `api::catalog_json`, as
//! the Python and JavaScript suites do through their bindings.
//!
//! A vector gives `catalog` (`awards`, `award`, ...), an optional `id` and
//! either `expected` (matched as a subset, as the call vectors are) or
//! `expected_error` (`code` and `path`).

// Its `run` is for operations; this file runs catalogs.
#[allow(dead_code)]
#[path = "common/call_vectors.rs"]
mod call_vectors;

use call_vectors::{every_vector_passes, mismatch};
use iid::api;
use serde_json::Value;

fn run(path: &std::path::Path) -> Result<(), String> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let what = v["catalog"].as_str().ok_or("no catalog")?;
    let answer = api::catalog_json(what, v["id"].as_str());
    match (v.get("expected"), v.get("expected_error"), answer) {
        (Some(want), None, Ok(text)) => {
            let got: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            mismatch(want, &got, "$").map_or(Ok(()), Err)
        }
        (None, Some(want), Err(e)) if want["code"] == e.code() && want["path"] == e.path() => {
            Ok(())
        }
        (_, _, Err(e)) => Err(format!("error [{}] {}: {e}", e.code(), e.path())),
        (_, _, Ok(text)) => Err(format!("expected an error, got {text}")),
    }
}

#[test]
fn every_catalog_vector_passes() {
    every_vector_passes("catalog", 4, run);
}

/// The typed calls answer what the text variant answers, and the list
/// holds every embedded definition, each whole by its id.
#[test]
fn the_award_list_is_the_definitions() {
    let list = api::awards().unwrap();
    let text: Value = serde_json::from_str(&api::catalog_json("awards", None).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(&list).unwrap(), text);
    for a in &list {
        let d = api::award_definition(&a.id).unwrap();
        assert_eq!(api::AwardInfo::of(d), *a);
        assert_eq!(
            a.nominees,
            d.clusters.iter().map(|c| c.nominees).sum::<u32>()
        );
    }
    let files: Vec<String> = std::fs::read_dir("crates/iid/awards")
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut ids: Vec<String> = list.iter().map(|a| a.id.clone()).collect();
    let mut want = files.clone();
    ids.sort();
    want.sort();
    assert_eq!(ids, want, "every file of crates/iid/awards is listed");
}
