//! Worst cases at the format's limits: rubric fields that would make work
//! unbounded are refused, and a plan's search stays within its stated
//! bound (at most MAX_NEW_INNOVATIONS new innovations tried, at most
//! MAX_WORK table cells filled) whatever the rubric says.

use iid::analysis::plan::{MAX_NEW_INNOVATIONS, MAX_WORK};
use iid::model::submission::MAX_INNOVATIONS;
use iid::{CompiledRubric, PlanOptions, Submission};

fn delta(aggregation: &str, count: &str) -> String {
    format!(
        r#"{{"extends": "iid-2026", "id": "lomba", "name": "Lomba", "status": "custom",
            "aggregation": {aggregation}, "innovation_count": {count}}}"#
    )
}

#[test]
fn divisor_and_cap_beyond_the_innovation_limit_are_refused() {
    let over = MAX_INNOVATIONS + 1;
    let e = CompiledRubric::from_json(&delta(
        &format!(r#"{{"min_divisor": {over}, "max_total": null}}"#),
        "{}",
    ))
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("rubric_invalid", "aggregation.min_divisor")
    );
    let e = CompiledRubric::from_json(&delta(
        r#"{"max_total": null}"#,
        &format!(r#"{{"cap": {over}}}"#),
    ))
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("rubric_invalid", "innovation_count.cap")
    );
}

#[test]
fn a_plan_under_the_largest_divisor_and_cap_is_bounded() {
    // The rubric the hostile-input campaign used (divisor and cap at the
    // format's limit) with new innovations allowed: the plan answers (or
    // says the search is too large) instead of running for hours.
    let r = CompiledRubric::from_json(&delta(
        &format!(r#"{{"min_divisor": {MAX_INNOVATIONS}, "max_total": null}}"#),
        &format!(r#"{{"cap": {MAX_INNOVATIONS}}}"#),
    ))
    .unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/kabupaten-contoh.json"
    ))
    .unwrap();
    let sub = Submission::from_json(&text).unwrap();
    let o = PlanOptions::from_json(r#"{"target": "Sangat Inovatif", "allow_new_innovations": true, "costs": {"new_innovation": "10"}}"#)
        .unwrap();
    match iid::plan(&r, &sub, &o) {
        Ok(p) => assert!(
            p.search.max_new_innovations <= MAX_NEW_INNOVATIONS,
            "{:?}",
            p.search
        ),
        Err(e) => {
            assert_eq!(e.code(), "input_too_large", "{e}");
            assert!(e.to_string().contains(&MAX_WORK.to_string()), "{e}");
        }
    }
}
