//! Worked examples from the guideline and rubric validation.

mod common;

use common::score_json;
use iid::CompiledRubric;
use iid::{model::builtin, RubricError};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn maxima_of_2026_are_63_111_76_250() {
    let r = builtin::get("iid-2026").unwrap();
    assert_eq!(r.max_region_score(), dec("63"));
    assert_eq!(r.max_innovation_score(), dec("111"));
    assert_eq!(r.max_count_score(), dec("76"));
    assert_eq!(r.max_total_score(), Some(dec("250")));
    // Proportions 25.20% / 44.40% / 30.40%.
    assert_eq!(dec("63") / dec("250") * dec("100"), dec("25.2"));
    assert_eq!(r.region_len(), 20);
    assert_eq!(r.innovation_len(), 20);
}

#[test]
fn every_embedded_rubric_loads_with_its_divisor() {
    let expected = [
        ("iid-2023", 10),
        ("iid-2026", 12),
        ("iid-2027", 14),
        ("iid-2028", 16),
        ("iid-2029", 18),
    ];
    for (id, d) in expected {
        let r = builtin::get(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        match r.rubric().aggregation {
            iid::model::rubric::Aggregation::Normalized { min_divisor, .. } => {
                assert_eq!(min_divisor, d, "{id}")
            }
            _ => panic!("{id} should be normalised"),
        }
        assert_eq!(r.max_total_score(), Some(dec("250")), "{id}");
        assert!(
            !r.rubric().provenance.documents.is_empty(),
            "{id} has no source"
        );
    }
    assert_eq!(builtin::all().count(), builtin::SOURCES.len());
}

#[test]
fn one_more_affair_is_worth_the_whole_count_score() {
    // 12 innovations, one row each: 16 at 1 (3 points); 4 then 5 affairs.
    let sub = |affairs: &[&str]| {
        let inv: Vec<String> = (0..12)
            .map(|i| {
                format!(
                    r#"{{"id":"i{i}","urusan":"{}","levels":{{"16":1}}}}"#,
                    affairs[i % affairs.len()]
                )
            })
            .collect();
        format!(
            r#"{{"methodology":"iid-2026","innovations":[{}]}}"#,
            inv.join(",")
        )
    };
    let four = score_json(&sub(&["pendidikan", "kesehatan", "pupr", "sosial"]), None).unwrap();
    let five = score_json(
        &sub(&["pendidikan", "kesehatan", "pupr", "sosial", "perumahan"]),
        None,
    )
    .unwrap();
    // rows 36 / 12 = 3; count 0 vs 0.38 x 12 = 4.56.
    assert_eq!(four.total_score, dec("3"));
    assert_eq!(five.total_score, dec("7.56"));
    assert_eq!(four.index.to_string(), "1.20");
    assert_eq!(five.index.to_string(), "3.02"); // 7.56 x 0.4 = 3.024
    assert_eq!(
        four.findings
            .iter()
            .filter(|f| f.code == "basic_services_shortfall")
            .count(),
        1
    );
    assert!(five
        .findings
        .iter()
        .all(|f| f.code != "basic_services_shortfall"));
}

#[test]
fn count_score_is_capped_at_200_innovations() {
    let inv: Vec<String> = (0..205)
        .map(|i| {
            let a = [
                "pendidikan",
                "kesehatan",
                "pupr",
                "perumahan",
                "trantibumlinmas",
                "sosial",
            ][i % 6];
            format!(r#"{{"id":"i{i}","urusan":"{a}","levels":{{}}}}"#)
        })
        .collect();
    let text = format!(
        r#"{{"methodology":"iid-2026","innovations":[{}]}}"#,
        inv.join(",")
    );
    let r = score_json(&text, None).unwrap();
    assert_eq!(r.innovation_count_score, dec("76"));
    assert!(r.findings.iter().any(|f| f.code == "count_cap_reached"));
}

#[test]
fn mandatory_unanswered_rows_are_findings_with_paths() {
    let text = r#"{"methodology":"iid-2026","spd":{"2a":3},"innovations":[{"id":"a","urusan":"sosial","levels":{"17":1}}]}"#;
    let r = score_json(text, None).unwrap();
    let paths: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == "mandatory_unanswered")
        .map(|f| f.path.as_str())
        .collect();
    assert!(paths.contains(&"spd.1"));
    assert!(paths.contains(&"innovations[0].levels.16"));
    assert!(!paths.contains(&"spd.2a")); // answered and not mandatory
    assert!(!paths.contains(&"innovations[0].levels.17"));
    // Mandatory SPD rows 1, 3, 4, 5a, 5b, 6, 7, 8, 9, 10a, 10b, 11a, 11b (13)
    // plus mandatory SID rows 16, 32, 33, 35 (17 is answered).
    assert_eq!(paths.len(), 13 + 4);
}

#[test]
fn breakdown_sums_to_the_total() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/kabupaten-contoh.json"
    ))
    .unwrap();
    let r = score_json(&text, None).unwrap();
    let aspects: Decimal = r.breakdown.aspects.iter().map(|a| a.score).sum();
    // Each node is rounded once at 10 places, so sums agree to 1e-9.
    assert!((aspects - r.total_score).abs() < dec("0.000000001"));
    for a in &r.breakdown.aspects {
        let vars: Decimal = a.variables.iter().map(|v| v.score).sum();
        assert!((vars - a.score).abs() < dec("0.000000001"), "{}", a.code);
    }
    assert_eq!(r.breakdown.aspects[0].score, r.spd_score);
    assert_eq!(r.breakdown.innovations.len(), 8);
}

fn rubric_2026_json() -> serde_json::Value {
    serde_json::from_str(
        builtin::SOURCES
            .iter()
            .find(|(id, _)| *id == "iid-2026")
            .unwrap()
            .1,
    )
    .unwrap()
}

fn load(v: &serde_json::Value) -> Result<iid::CompiledRubric, RubricError> {
    CompiledRubric::from_json(&v.to_string())
}

#[test]
fn overlapping_bands_are_reported() {
    let mut v = rubric_2026_json();
    v["predicates"][1]["max"] = "65.01".into(); // Inovatif up to 65.01 overlaps Sangat Inovatif
    let e = load(&v).unwrap_err();
    assert_eq!(e.code(), "rubric_band_overlap", "{e}");
    assert_eq!(e.path(), "predicates[0].min");
}

#[test]
fn gapped_bands_are_reported() {
    let mut v = rubric_2026_json();
    v["predicates"][0]["min"] = "65.02".into();
    let e = load(&v).unwrap_err();
    assert_eq!(e.code(), "rubric_band_gap", "{e}");
    assert!(e.to_string().contains("Inovatif"));
}

#[test]
fn bands_must_reach_zero_and_one_hundred() {
    let mut v = rubric_2026_json();
    v["predicates"][0]["max"] = "99.99".into();
    assert_eq!(load(&v).unwrap_err().code(), "rubric_band_gap");
    let mut v = rubric_2026_json();
    v["predicates"][3]["min"] = "0.01".into();
    v["predicates"][3]["max"] = "0.01".into();
    assert!(load(&v).is_err());
}

#[test]
fn rubric_errors_name_the_field() {
    let mut v = rubric_2026_json();
    v["indicators"][3]["code"] = "2a".into();
    let e = load(&v).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("rubric_duplicate", "indicators[3].code")
    );

    let mut v = rubric_2026_json();
    v["indicators"][5]["weight"] = "0".into();
    let e = load(&v).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("rubric_not_positive", "indicators[5].weight")
    );

    let mut v = rubric_2026_json();
    v["indicators"][20]["variable"] = "nope".into();
    let e = load(&v).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("rubric_unknown_reference", "indicators[20].variable")
    );

    let mut v = rubric_2026_json();
    v["aggregation"]["max_total"] = "251".into();
    let e = load(&v).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("rubric_invalid", "aggregation.max_total")
    );

    let mut v = rubric_2026_json();
    v["indicators"][0]["weight"] = serde_json::json!([1]);
    let e = load(&v).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("rubric_json", "indicators[0].weight")
    );

    let e = CompiledRubric::from_json("{\"id\": ").unwrap_err();
    assert_eq!(e.code(), "rubric_json");
}

#[test]
fn a_user_rubric_scores_through_the_same_engine() {
    let rubric = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/rubrics/lomba-2020-style.json"
    ))
    .unwrap();
    let compiled = CompiledRubric::from_json(&rubric).unwrap();
    // A1 10x1 = 10; one innovation B3 4x3 = 12; count 2 -> 24.
    let r = score_json(
        r#"{"spd":{"A1":1},"innovations":[{"id":"x","levels":{"B3":3}}]}"#,
        Some(&compiled),
    )
    .unwrap();
    assert_eq!(r.total_score, dec("24"));
    assert_eq!(r.index.to_string(), "24.00");
    assert_eq!(r.predicate, "Kurang Inovatif");
    // A 2026 code is unknown to it.
    let e = score_json(r#"{"spd":{"1":1}}"#, Some(&compiled)).unwrap_err();
    assert_eq!(e.code(), "unknown_indicator");
}

#[test]
fn limits_are_enforced() {
    let many: Vec<String> = (0..10_001).map(|i| format!(r#"{{"id":"i{i}"}}"#)).collect();
    let text = format!(
        r#"{{"methodology":"iid-2026","innovations":[{}]}}"#,
        many.join(",")
    );
    let e = score_json(&text, None).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_too_large", "innovations"));
    let long = "x".repeat(1001);
    let text = format!(r#"{{"methodology":"iid-2026","innovations":[{{"id":"{long}"}}]}}"#);
    assert_eq!(
        score_json(&text, None).unwrap_err().code(),
        "input_too_large"
    );
}
