//! Rubric inheritance: the embedded 2023 and 2027-2029 rubrics are deltas
//! of iid-2026; each resolves to exactly the whole file it replaced
//! (kept in tests/data/resolved), and a user rubric can extend too.

use iid::model::builtin;
use iid::{CompiledRubric, Submission};

fn whole(id: &str) -> String {
    let path = format!(
        "{}/tests/data/resolved/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn each_delta_resolves_to_the_whole_file_it_replaced() {
    for id in ["iid-2023", "iid-2027", "iid-2028", "iid-2029"] {
        let text = whole(id);
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(builtin::resolved_document(id).unwrap(), expected, "{id}");
        // And the compiled rubric is the one the whole file compiles to.
        let from_whole = CompiledRubric::from_json(&text).unwrap();
        let embedded = builtin::get(id).unwrap();
        assert_eq!(
            serde_json::to_value(from_whole.rubric()).unwrap(),
            serde_json::to_value(embedded.rubric()).unwrap(),
            "{id}"
        );
    }
}

#[test]
fn deltas_are_small() {
    for (id, text) in builtin::SOURCES {
        if *id != "iid-2026" {
            assert!(text.len() < 4096, "{id} is {} bytes", text.len());
            let doc: serde_json::Value = serde_json::from_str(text).unwrap();
            // The reconstructed years are deltas of 2023, the rest of 2026.
            let base = match *id {
                "iid-2021" | "iid-2022" | "iid-2024" | "iid-2025" => "iid-2023",
                _ => "iid-2026",
            };
            assert_eq!(doc["extends"], base, "{id}");
        }
    }
}

#[test]
fn a_user_rubric_extends_an_embedded_one() {
    // A competition that keeps the 2026 catalogue but divides by 5 and
    // names itself: only the differences are written.
    let delta = r#"{"extends": "iid-2026", "id": "lomba-kab-x", "name": "Lomba Inovasi Kab. X",
        "status": "custom", "aggregation": {"min_divisor": 5}}"#;
    let r = CompiledRubric::from_json(delta);
    let r = match r {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(r.id(), "lomba-kab-x");
    // One innovation with row 16 at 3: 2026 weight of 16 is 3 (x level 3 = 9),
    // divided by MAX(5, 1) = 5 -> 1.8 of the maximum 250 -> 0.72.
    let sub = Submission::from_json(
        r#"{"innovations": [{"id": "a", "urusan": "kesehatan", "levels": {"16": 3}}]}"#,
    )
    .unwrap();
    let s = iid::score(&r, &sub).unwrap();
    assert_eq!(s.index.to_string(), "0.72");
}

#[test]
fn extends_errors_name_the_field() {
    let e = CompiledRubric::from_json(r#"{"extends": "iid-1900"}"#).unwrap_err();
    assert_eq!(e.path(), "extends");
    let e = CompiledRubric::from_json(r#"{"extends": "iid-2026", "predicates": 5}"#).unwrap_err();
    assert_eq!(e.path(), "predicates");
}

/// The default methodology of every surface follows the rubric files: the
/// official one of the latest year. By the methodology's facts, 2026 is the
/// latest official guideline (2023 is official too; 2027 to 2029 are
/// announced prognoses, the earlier years reconstructed).
#[test]
fn the_current_methodology_is_the_latest_official() {
    let current = builtin::current().unwrap();
    assert_eq!(current.id(), "iid-2026");
    assert_eq!(current.rubric().year, Some(2026));
}
