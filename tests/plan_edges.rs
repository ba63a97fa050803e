//! Plans at the edges of the exact search, on small plain-sum rubrics
//! worked by hand: the half-up threshold and the per-innovation table
//! counted in units of the gains' gcd.

use iid::analysis::plan::{plan, PlanOptions};
use iid::{CompiledRubric, Decimal, Submission};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A plain-sum rubric (the index is the total) with these indicators:
/// (code, aspect R or I, weight), three parameters each, none mandatory,
/// no count rule.
fn rubric(rows: &[(&str, &str, &str)]) -> CompiledRubric {
    let indicators: Vec<String> = rows
        .iter()
        .map(|(code, aspect, weight)| {
            format!(
                r#"{{"code": "{code}", "name": "{code}", "variable": "v{aspect}", "weight": "{weight}",
                    "parameters": [{{"description": "p1"}}, {{"description": "p2"}}, {{"description": "p3"}}]}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"id": "edges", "name": "Edges", "provenance": {{}},
            "aspects": [{{"code": "R", "name": "R", "scope": "region"}}, {{"code": "I", "name": "I", "scope": "innovation"}}],
            "variables": [{{"code": "vR", "name": "vR", "aspect": "R"}}, {{"code": "vI", "name": "vI", "aspect": "I"}}],
            "indicators": [{}],
            "aggregation": {{"kind": "sum"}},
            "predicates": [{{"label": "Nol", "min": "0.00", "max": "0.00"}},
                           {{"label": "Ada", "min": "0.01"}}],
            "not_assessable": "Nol",
            "mandatory_rule": "finding"}}"#,
        indicators.join(", ")
    );
    CompiledRubric::from_json(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// One innovation with no levels (so the region is assessable).
fn one_empty_innovation() -> Submission {
    Submission::from_json(r#"{"innovations": [{"id": "a"}]}"#).unwrap()
}

#[test]
fn a_total_that_rounds_up_to_the_target_is_enough() {
    // Index = total. R1 (weight 0.005) at level 1 gives 0.005, which rounds
    // half-up to 0.01: one step at cost 1 reaches the target 0.01. Without
    // the half-up allowance it would take 0.01 exactly (R2, cost 2, or R1
    // twice); with twice the allowance 0.015 (cost 3).
    let r = rubric(&[("R1", "R", "0.005"), ("R2", "R", "0.01"), ("I1", "I", "1")]);
    let o = PlanOptions::from_json(
        r#"{"target": "0.01", "costs": {"default_step": "1", "indicators": {"R2": "2"}}}"#,
    )
    .unwrap();
    let p = plan(&r, &one_empty_innovation(), &o).unwrap();
    assert!(p.reachable, "{}", p.message_en);
    assert_eq!(p.total_cost, dec("1"));
    assert_eq!(p.projected_index, dec("0.01"));
    assert_eq!(p.steps.len(), 1);
    assert_eq!(p.steps[0].indicator.as_deref(), Some("R1"));
}

#[test]
fn a_capped_innovation_table_is_counted_in_units_of_the_gains_gcd() {
    // Weights to the millionth (R1 0.000001, left alone), so the innovation
    // rows of weight 1 and 2 are 10^6 and 2 x 10^6 units: counted in
    // units of their gcd (10^6) the capped innovation's table is tiny; in
    // single units it would be 3 layers x 9 x 10^6 gains x 2 rows, beyond
    // the 5 x 10^7 cells allowed.
    let r = rubric(&[("R1", "R", "0.000001"), ("I1", "I", "1"), ("I2", "I", "2")]);
    // Target 3 with at most 2 steps in the innovation, each costing 1:
    // I1 and I2 one step each (3 points) or I2 twice (4 points), cost 2.
    let o = PlanOptions::from_json(
        r#"{"target": "3", "costs": {"default_step": "1", "max_steps_per_innovation": 2,
            "frozen_indicators": ["R1"]}}"#,
    )
    .unwrap();
    let p = plan(&r, &one_empty_innovation(), &o).unwrap();
    assert!(p.reachable, "{}", p.message_en);
    assert_eq!(p.total_cost, dec("2"));
    assert!(p.projected_index >= dec("3"));
}

#[test]
fn a_capped_innovation_table_beyond_the_limit_is_refused() {
    // Rows of weight 3 and 0.000001: 3 x 10^6 and 1 unit, gcd 1. With at
    // most 2 steps the table has 3 layers of 3 x 3 x 10^6 + 3 x 1 + 1 =
    // 9,000,004 gains for each of the 2 rows: 54,000,024 cells, beyond
    // the 5 x 10^7 allowed.
    let r = rubric(&[("R1", "R", "1"), ("I1", "I", "3"), ("I2", "I", "0.000001")]);
    let o = PlanOptions::from_json(
        r#"{"target": "3", "costs": {"default_step": "1", "max_steps_per_innovation": 2,
            "frozen_indicators": ["R1"]}}"#,
    )
    .unwrap();
    let e = plan(&r, &one_empty_innovation(), &o).unwrap_err();
    assert_eq!(e.path(), "costs.max_steps_per_innovation");
    assert!(e.to_string().contains("54000024 cells"), "{e}");
}

#[test]
fn a_capped_innovation_takes_the_cheapest_number_of_steps_for_a_gain() {
    // I1 (weight 2) costs 5 a step, I2 (weight 1) 1 a step; at most 2
    // steps. Gain 2 costs 5 in one step (I1) but 2 in two (I2 twice): the
    // plan to a total of 2 costs 2.
    let r = rubric(&[("R1", "R", "1"), ("I1", "I", "2"), ("I2", "I", "1")]);
    let o = PlanOptions::from_json(
        r#"{"target": "2", "costs": {"default_step": "1", "indicators": {"I1": "5"},
            "max_steps_per_innovation": 2, "frozen_indicators": ["R1"]}}"#,
    )
    .unwrap();
    let p = plan(&r, &one_empty_innovation(), &o).unwrap();
    assert!(p.reachable, "{}", p.message_en);
    assert_eq!(p.total_cost, dec("2"));
    assert_eq!(p.projected_index, dec("2.00"));
}

#[test]
fn a_capped_innovation_raises_two_rows_when_that_is_cheapest() {
    // I1 (weight 1) costs 1 a step; I2 (weight 2) costs 1 for its first
    // step and 5 for its second; at most 2 steps. A total of 3 costs 2:
    // one step of each row (I2 twice would cost 6).
    let r = rubric(&[("R1", "R", "1"), ("I1", "I", "1"), ("I2", "I", "2")]);
    let o = PlanOptions::from_json(
        r#"{"target": "3", "costs": {"default_step": "1", "indicators": {"I2": ["1", "5", "5"]},
            "max_steps_per_innovation": 2, "frozen_indicators": ["R1"]}}"#,
    )
    .unwrap();
    let p = plan(&r, &one_empty_innovation(), &o).unwrap();
    assert!(p.reachable, "{}", p.message_en);
    assert_eq!(p.total_cost, dec("2"));
    assert_eq!(p.projected_index, dec("3.00"));
    let raised: Vec<(&str, u32, u32)> = p
        .steps
        .iter()
        .map(|s| (s.indicator.as_deref().unwrap(), s.from, s.to))
        .collect();
    assert_eq!(raised, vec![("I1", 0, 1), ("I2", 0, 1)]);
}
