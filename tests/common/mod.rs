//! Text-level shorthands over the call-and-answer surface, shared by the
//! integration tests.
#![allow(dead_code)]

pub mod years;

use iid::api::{self, RubricArg, ScoreCall, SubmissionCall};
use iid::{Audit, CompiledRubric, Error, Mode, ScoreResult};
use std::sync::Arc;

/// Score a submission (JSON text) in a mode, against a rubric given as an
/// embedded id or rubric JSON text, else the methodology it names.
pub fn score_mode(text: &str, rubric: Option<&str>, mode: Mode) -> Result<ScoreResult, Error> {
    api::score(&ScoreCall::parse(text, rubric, mode)?)
}

/// Self-assessment score of a submission (JSON text).
pub fn score(text: &str, rubric: Option<&str>) -> Result<ScoreResult, Error> {
    score_mode(text, rubric, Mode::SelfAssessment)
}

/// Score against a compiled rubric when given.
pub fn score_json(text: &str, rubric: Option<&CompiledRubric>) -> Result<ScoreResult, Error> {
    let mut call = ScoreCall::parse(text, None, Mode::SelfAssessment)?;
    call.rubric = rubric.map(|r| RubricArg::Compiled(Arc::new(r.clone())));
    api::score(&call)
}

/// The evidence audit of a submission (JSON text).
pub fn check(text: &str, rubric: Option<&str>) -> Result<Audit, Error> {
    api::check(&SubmissionCall::parse(text, rubric)?)
}
