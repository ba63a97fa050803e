#![allow(unused_imports, dead_code)]
//! The JSON-text calls the targets make, over the core's call-and-answer
//! surface (`iid::api`): each takes the documents as text, as a binding
//! holds them, and goes through `api::call_parts` / `api::call_changes`,
//! the entry points the WebAssembly package uses.

use iid::api::{self, Answer, Operation};
use iid::{Audit, CompiledRubric, Error, Mode, ScoreResult};

pub use iid::api::{lint, load_rubric, parse_mode, text, ErrorInfo, Explanation, Validation};

fn options(rubric: Option<&str>, extra: &[(&str, serde_json::Value)]) -> Option<String> {
    let mut map = serde_json::Map::new();
    if let Some(r) = rubric {
        map.insert("rubric".into(), r.into());
    }
    for (k, v) in extra {
        map.insert((*k).into(), v.clone());
    }
    (!map.is_empty()).then(|| serde_json::Value::Object(map).to_string())
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::SelfAssessment => "self",
        Mode::Verified => "verified",
    }
}

pub fn score_mode(sub: &str, rubric: Option<&str>, mode: Mode) -> Result<ScoreResult, Error> {
    let o = options(rubric, &[("mode", mode_name(mode).into())]);
    match api::call_parts(Operation::Score, sub, o.as_deref(), None)? {
        Answer::Score(r) => Ok(*r),
        _ => unreachable!(),
    }
}

pub fn score(sub: &str, rubric: Option<&str>) -> Result<ScoreResult, Error> {
    score_mode(sub, rubric, Mode::SelfAssessment)
}

pub fn check(sub: &str, rubric: Option<&str>) -> Result<Audit, Error> {
    match api::call_parts(Operation::Check, sub, options(rubric, &[]).as_deref(), None)? {
        Answer::Check(a) => Ok(*a),
        _ => unreachable!(),
    }
}

pub fn explain(sub: &str, rubric: Option<&str>) -> Result<Explanation, Error> {
    match api::call_parts(Operation::Explain, sub, options(rubric, &[]).as_deref(), None)? {
        Answer::Explain(e) => Ok(*e),
        _ => unreachable!(),
    }
}

pub fn validate(sub: &str, rubric: Option<&str>) -> Result<Validation, Error> {
    match api::call_parts(Operation::Validate, sub, options(rubric, &[]).as_deref(), None)? {
        Answer::Validate(v) => Ok(v),
        _ => unreachable!(),
    }
}

/// Options text merged with the rubric: the options document must be an
/// object for the rubric to join it; anything else goes through as given
/// (and is refused by the core).
fn with_rubric(opts: Option<&str>, rubric: Option<&str>) -> Option<String> {
    match (opts, rubric) {
        (o, None) => o.map(str::to_string),
        (None, r) => options(r, &[]),
        (Some(o), Some(r)) => match serde_json::from_str::<serde_json::Value>(o) {
            Ok(serde_json::Value::Object(mut m)) => {
                m.insert("rubric".into(), r.into());
                Some(serde_json::Value::Object(m).to_string())
            }
            _ => Some(o.to_string()),
        },
    }
}

pub fn marginal(
    sub: &str,
    opts: Option<&str>,
    rubric: Option<&str>,
) -> Result<iid::Marginal, Error> {
    let o = with_rubric(opts, rubric);
    match api::call_parts(Operation::Marginal, sub, o.as_deref(), None)? {
        Answer::Marginal(m) => Ok(*m),
        _ => unreachable!(),
    }
}

pub fn plan(sub: &str, opts: &str, rubric: Option<&str>) -> Result<iid::Plan, Error> {
    let o = with_rubric(Some(opts), rubric);
    match api::call_parts(Operation::Plan, sub, o.as_deref(), None)? {
        Answer::Plan(p) => Ok(*p),
        _ => unreachable!(),
    }
}

pub fn whatif(sub: &str, changes: &str, rubric: Option<&str>) -> Result<iid::WhatIf, Error> {
    let o = options(rubric, &[]);
    match api::call_changes(Operation::Whatif, sub, changes, o.as_deref(), None)? {
        Answer::Whatif(w) => Ok(*w),
        _ => unreachable!(),
    }
}

/// A rubric compiled once, as the bindings' handles do.
pub fn compile(text: &str) -> Result<CompiledRubric, Error> {
    load_rubric(text)
}
