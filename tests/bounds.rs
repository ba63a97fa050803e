//! Worst cases at the format's limits: rubric fields that would make work
//! unbounded are refused, and a plan's search stays within its stated
//! bound (at most MAX_NEW_INNOVATIONS new innovations tried, at most
//! MAX_WORK table cells filled) whatever the rubric says.

use iid::analysis::plan::{MAX_NEW_INNOVATIONS, MAX_STATES, MAX_WORK};
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
            assert_eq!(e.code(), "input_invalid", "{e}");
            assert!(e.to_string().contains(&MAX_WORK.to_string()), "{e}");
        }
    }
}

#[test]
fn a_plan_whose_table_would_take_gigabytes_is_refused() {
    // Found by fuzzing (fuzz/corpus/rubric/regression-oom-*): a plain-sum
    // rubric with one step worth 1000 and one worth 0.000001 makes the
    // exact table count the remaining need in millionths, about 4 x 10^8
    // states (3 GB); the search now refuses beyond MAX_STATES (its memory
    // stays under 8 x MAX_STATES + MAX_WORK / 8 bytes).
    for file in [
        "regression-oom-plan-knapsack-table.json",
        "regression-oom-plan-knapsack-table-6gb.json",
    ] {
        let text = std::fs::read_to_string(format!(
            "{}/fuzz/corpus/rubric/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let r = CompiledRubric::from_json(&text).unwrap();
        let mut sub = serde_json::json!({"spd": {}, "innovations": [{"id": "a", "levels": {}}]});
        for code in r
            .region_indicators()
            .map(|i| i.code.clone())
            .collect::<Vec<_>>()
        {
            sub["spd"][code] = 1.into();
        }
        for code in r
            .innovation_indicators()
            .map(|i| i.code.clone())
            .collect::<Vec<_>>()
        {
            sub["innovations"][0]["levels"][code] = 1.into();
        }
        let sub = Submission::from_value(sub).unwrap();
        let o = PlanOptions::from_json(r#"{"target": "next"}"#).unwrap();
        let e = iid::plan(&r, &sub, &o).unwrap_err();
        assert_eq!((e.code(), e.path()), ("input_invalid", "target"), "{file}");
        assert!(e.to_string().contains(&MAX_STATES.to_string()), "{e}");
    }
}

#[test]
fn every_operation_answers_at_the_innovation_limit_and_refuses_past_it() {
    let r = iid::builtin("iid-2026").unwrap();
    let mut regions = iid::synthetic::national(r, 1, MAX_INNOVATIONS, 7);
    let mut sub = regions.remove(0);
    assert_eq!(sub.innovations.len(), MAX_INNOVATIONS);
    let s = iid::score(r, &sub).unwrap();
    assert_eq!(s.innovation_count as usize, MAX_INNOVATIONS);
    assert!(iid::check(r, &sub).is_ok());
    assert!(iid::marginal(r, &sub, &Default::default()).is_ok());
    let changes =
        iid::analysis::whatif::parse_changes(r#"[{"op": "set", "indicator": "1", "level": 1}]"#)
            .unwrap();
    assert!(iid::whatif(r, &sub, &changes).is_ok());
    // One more innovation is refused, naming the list.
    let mut extra = sub.innovations[0].clone();
    extra.id = "one-too-many".into();
    sub.innovations.push(extra);
    let e = iid::score(r, &sub).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_too_large", "innovations"));
}

#[test]
fn a_verified_plan_at_the_innovation_limit_is_bounded() {
    // The largest submission the format allows (10,000 innovations, every
    // row answered, no evidence: nothing counts once verified) planned in
    // the verified mode: every answer may have its evidence completed or
    // be raised with its items, so every row is a choice of its states.
    // The plan answers, or says its search would fill more than MAX_WORK
    // cells (or hold more than MAX_STATES states), before filling them.
    let r = iid::builtin("iid-2026").unwrap();
    let sub = iid::synthetic::national(r, 1, MAX_INNOVATIONS, 2026).remove(0);
    assert_eq!(sub.innovations.len(), MAX_INNOVATIONS);
    let o = PlanOptions::from_json(
        r#"{"target": "Sangat Inovatif", "mode": "verified", "costs": {"evidence": "0.5"}}"#,
    )
    .unwrap();
    match iid::plan(r, &sub, &o) {
        Ok(p) => {
            assert!(p.reachable);
            assert!(p.evidence_items > 0);
        }
        Err(e) => {
            assert_eq!((e.code(), e.path()), ("input_invalid", "target"), "{e}");
            let s = e.to_string();
            assert!(
                s.contains(&MAX_WORK.to_string()) || s.contains(&MAX_STATES.to_string()),
                "{e}"
            );
        }
    }
}
