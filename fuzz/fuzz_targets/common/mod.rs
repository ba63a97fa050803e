//! Shared by the fuzz targets: splitting an input into documents and the
//! cheap invariants checked on successful answers. Every target calls the
//! core only through its JSON-text API (`iid::api`); errors are expected
//! answers, only panics and broken invariants are findings.
#![allow(dead_code)]

// The core under test (the `iid` dependency in fuzz/Cargo.toml).
pub mod text_api;

pub use text_api as api;
use iid::ScoreResult;

use rust_decimal::Decimal;
use serde_json::value::RawValue;

/// Split an input into up to `max` JSON documents: either separated by NUL
/// bytes (`doc0 \0 doc1 \0 doc2`), or, with no NUL byte, a JSON array whose
/// elements are the documents, each kept as its exact text. Returns `None`
/// when the input is neither (not UTF-8, or not such an array).
pub fn split_docs(data: &[u8], max: usize) -> Option<Vec<&str>> {
    let text = api::text(data).ok()?;
    if text.contains('\0') {
        return Some(text.splitn(max, '\0').collect());
    }
    let docs: Vec<&RawValue> = serde_json::from_str(text).ok()?;
    if docs.is_empty() || docs.len() > max {
        return None;
    }
    Some(docs.iter().map(|d| d.get()).collect())
}

/// Invariants of a successful score.
pub fn check_score(r: &ScoreResult) {
    assert!(
        r.index >= 0.into() && r.index_exact >= 0.into(),
        "negative index {} ({})",
        r.index,
        r.index_exact
    );
    if r.max_total_score.is_some() {
        // A normalised rubric: total over the maximum total, in percent.
        assert!(
            r.index <= 100.into() && r.index_exact <= 100.into(),
            "index {} ({}) above 100 under a normalised rubric",
            r.index,
            r.index_exact
        );
    }
    if !r.assessable {
        assert!(r.index.is_zero(), "unassessable with index {}", r.index);
    }
    assert!(
        serde_json::to_string(r).is_ok(),
        "the score result does not serialise"
    );
}

/// Score a submission given as a serialisable value (an answer's
/// `submission` or `projected_submission`) and return the result: the
/// interchange format must read back what it wrote.
pub fn rescore(sub: &impl serde::Serialize, rubric: Option<&str>) -> ScoreResult {
    let text = serde_json::to_string(sub).expect("the submission serialises");
    match api::score(&text, rubric) {
        Ok(r) => r,
        Err(e) => panic!("a submission the core produced does not score: {e}\n{text}"),
    }
}

/// Invariants of a marginal table.
pub fn check_marginal(m: &iid::Marginal) {
    for w in m.items.windows(2) {
        assert!(
            w[0].gain >= w[1].gain,
            "marginal items out of order: {} before {}",
            w[0].gain,
            w[1].gain
        );
    }
    assert!(
        serde_json::to_string(m).is_ok(),
        "the marginal table does not serialise"
    );
}

/// Invariants of a plan: a reachable plan reaches its target, its cost is
/// the sum of its steps', its gains add up to the projected change, and its
/// projected submission scores as projected.
pub fn check_plan(p: &iid::Plan, rubric: Option<&str>) {
    if p.reachable {
        assert!(
            p.projected_index >= p.target_index,
            "reachable plan projects {} below the target {}",
            p.projected_index,
            p.target_index
        );
        assert!(p.shortfall.is_none(), "reachable plan with a shortfall");
    }
    let cost: Decimal = p.steps.iter().map(|s| s.cost).sum();
    assert_eq!(
        cost, p.total_cost,
        "total cost is not the sum of the steps' costs"
    );
    let gain: Decimal = p.steps.iter().map(|s| s.gain).sum();
    assert_eq!(
        gain,
        p.projected_index_exact - p.current_index_exact,
        "step gains do not add up to the projected change"
    );
    let r = rescore(&p.projected_submission, rubric);
    assert_eq!(r.index, p.projected_index, "projected submission rescored");
    assert_eq!(
        r.index_exact, p.projected_index_exact,
        "projected submission rescored"
    );
    assert_eq!(
        r.predicate, p.projected_predicate,
        "projected submission rescored"
    );
    assert!(
        serde_json::to_string(p).is_ok(),
        "the plan does not serialise"
    );
}

/// Invariants of a what-if answer: its `after` figures are its result's,
/// and its changed submission scores as its result.
pub fn check_whatif(w: &iid::WhatIf, rubric: Option<&str>) {
    check_score(&w.result);
    assert_eq!(w.after.index, w.result.index, "after vs result");
    assert_eq!(w.after.index_exact, w.result.index_exact, "after vs result");
    assert_eq!(w.after.predicate, w.result.predicate, "after vs result");
    let r = rescore(&w.submission, rubric);
    assert_eq!(
        r.index_exact, w.result.index_exact,
        "changed submission rescored"
    );
    assert_eq!(
        r.predicate, w.result.predicate,
        "changed submission rescored"
    );
    assert!(
        serde_json::to_string(w).is_ok(),
        "the what-if answer does not serialise"
    );
}
