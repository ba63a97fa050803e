//! # iid-core
//!
//! Exact scoring engine for Indonesia's Regional Innovation Index (Indeks
//! Inovasi Daerah, IID), as computed by the Ministry of Home Affairs.
//!
//! - [`rubric`]: methodologies as data (aspek, variabel, indikator, bobot,
//!   parameter, predikat), validated on load.
//! - [`submission`]: a region's answers and innovations (the interchange
//!   format).
//! - [`scoring`]: the formula in exact integer fixed point.
//! - [`result`]: the breakdown tree and findings.
//! - [`builtin`]: the shipped yearly methodologies.
//!
//! ```
//! let text = r#"{"methodology": "iid-2026", "spd": {"1": 3},
//!   "innovations": [{"id": "a", "urusan": "kesehatan", "levels": {"16": 3}}]}"#;
//! let result = iid_core::score_json(text, None).unwrap();
//! // SPD 3 + rows 9 / 12 (divisor) = 3.75 of 250 -> 1.50
//! assert_eq!(result.index.to_string(), "1.50");
//! assert_eq!(result.predicate, "Kurang Inovatif");
//! ```

pub mod api;
pub mod assess;
pub mod audit;
pub mod builtin;
pub mod error;
pub mod evidence;
pub mod explain;
pub mod marginal;
pub mod measure;
pub mod plan;
pub mod result;
pub mod rubric;
pub mod scoring;
pub mod submission;
pub mod synthetic;
pub mod whatif;

pub use assess::Mode;
pub use error::{Error, InputError, RubricError};
pub use result::{Finding, ScoreResult};
pub use rubric::{CompiledRubric, Rubric};
pub use scoring::{prepare, Prepared, Summary};
pub use submission::{Answer, Innovation, Level, Submission};

/// The rubric a submission is scored against: the explicit one when given,
/// else the embedded methodology the submission names.
pub fn resolve_rubric<'a>(
    sub: &Submission,
    explicit: Option<&'a CompiledRubric>,
) -> Result<&'a CompiledRubric, Error> {
    if let Some(r) = explicit {
        return Ok(r);
    }
    let id = sub
        .methodology
        .as_deref()
        .ok_or(InputError::MissingMethodology)?;
    builtin::get(id).map_err(Error::from)
}

/// Score a parsed submission against a rubric (self-assessment mode).
pub fn score(rubric: &CompiledRubric, sub: &Submission) -> Result<ScoreResult, InputError> {
    score_mode(rubric, sub, Mode::SelfAssessment)
}

/// Score a parsed submission in a mode: `self` counts claimed levels,
/// `verified` what survives verification.
pub fn score_mode(
    rubric: &CompiledRubric,
    sub: &Submission,
    mode: Mode,
) -> Result<ScoreResult, InputError> {
    let a = assess::assess(rubric, sub)?;
    Ok(result::build_assessed(rubric, sub, &a, mode))
}

/// Parse and score a submission in JSON, against `rubric` when given or
/// else the embedded methodology it names.
pub fn score_json(text: &str, rubric: Option<&CompiledRubric>) -> Result<ScoreResult, Error> {
    let sub = Submission::from_json(text)?;
    let r = resolve_rubric(&sub, rubric)?;
    Ok(score(r, &sub)?)
}

/// Check a submission without scoring it: parse, resolve its rubric, and
/// check every code, level and id.
pub fn validate_json(text: &str, rubric: Option<&CompiledRubric>) -> Result<Submission, Error> {
    let sub = Submission::from_json(text)?;
    let r = resolve_rubric(&sub, rubric)?;
    prepare(r, &sub)?;
    Ok(sub)
}
