//! The call-and-answer surface the CLI and the bindings share: JSON text
//! in, serialisable answers out, every error as data ([`ErrorInfo`]).
//! A binding converts and calls; it holds no logic, so every binding
//! answers identically.

use serde::Serialize;

use crate::assess::Mode;
use crate::audit::Audit;
use crate::builtin;
use crate::error::{Error, InputError};
use crate::explain;
use crate::result::ScoreResult;
use crate::rubric::{CompiledRubric, Rubric, RubricStatus};
use crate::submission::Submission;

/// An error as data: stable code, JSON path, message (English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorInfo {
    /// Stable machine-readable code, e.g. `level_out_of_range`.
    pub code: String,
    /// JSON path of the bad field, e.g. `innovations[2].levels.17`.
    pub path: String,
    /// Human-readable message naming the field.
    pub message: String,
    /// `rubric` when the methodology file is at fault, else `input`.
    pub layer: String,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        ErrorInfo {
            code: e.code().to_string(),
            path: e.path().to_string(),
            message: e.to_string(),
            layer: if e.is_rubric() { "rubric" } else { "input" }.to_string(),
        }
    }
}

/// One embedded methodology, as listed by `iid rubrics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RubricInfo {
    pub id: String,
    pub name: String,
    pub year: Option<u16>,
    pub status: RubricStatus,
    /// Number of region (SPD) indicators.
    pub region_indicators: usize,
    /// Number of per-innovation (SID) indicators.
    pub innovation_indicators: usize,
    /// Minimum divisor, for normalised rubrics.
    pub min_divisor: Option<u32>,
    /// Maximum total, for normalised rubrics (decimal string).
    pub max_total: Option<String>,
}

impl RubricInfo {
    pub fn of(r: &CompiledRubric) -> RubricInfo {
        let rb = r.rubric();
        RubricInfo {
            id: rb.id.clone(),
            name: rb.name.clone(),
            year: rb.year,
            status: rb.status,
            region_indicators: r.region_len(),
            innovation_indicators: r.innovation_len(),
            min_divisor: match rb.aggregation {
                crate::rubric::Aggregation::Normalized { min_divisor, .. } => Some(min_divisor),
                crate::rubric::Aggregation::Sum => None,
            },
            max_total: r.max_total_score().map(|d| d.to_string()),
        }
    }
}

/// What `validate` reports for a valid submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Validation {
    pub valid: bool,
    pub methodology: String,
    pub innovation_count: usize,
    pub region_answers: usize,
}

/// The breakdown rendered for reading, with the result it explains.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Explanation {
    /// Plain-text tree (aspect, variable, indicator; innovations; findings).
    pub text: String,
    pub result: ScoreResult,
}

/// Parse a user rubric given as JSON text.
pub fn load_rubric(text: &str) -> Result<CompiledRubric, Error> {
    Ok(Rubric::from_json(text)?)
}

fn with_rubric<T>(
    submission: &Submission,
    rubric: Option<&str>,
    f: impl FnOnce(&CompiledRubric) -> Result<T, Error>,
) -> Result<T, Error> {
    match rubric {
        Some(text) => f(&load_rubric(text)?),
        None => f(crate::resolve_rubric(submission, None)?),
    }
}

/// Score a submission (JSON text), against a user rubric (JSON text) when
/// given, else the embedded methodology it names.
pub fn score(submission: &str, rubric: Option<&str>) -> Result<ScoreResult, Error> {
    let sub = Submission::from_json(submission)?;
    score_submission(&sub, rubric)
}

/// Score an already-parsed submission.
pub fn score_submission(sub: &Submission, rubric: Option<&str>) -> Result<ScoreResult, Error> {
    score_submission_mode(sub, rubric, Mode::SelfAssessment)
}

/// Score an already-parsed submission in a mode.
pub fn score_submission_mode(
    sub: &Submission,
    rubric: Option<&str>,
    mode: Mode,
) -> Result<ScoreResult, Error> {
    with_rubric(sub, rubric, |r| Ok(crate::score_mode(r, sub, mode)?))
}

/// Score a submission (JSON text) in a mode (`self` or `verified`).
pub fn score_mode(
    submission: &str,
    rubric: Option<&str>,
    mode: Mode,
) -> Result<ScoreResult, Error> {
    let sub = Submission::from_json(submission)?;
    score_submission_mode(&sub, rubric, mode)
}

/// Parse a mode name (`self`, `verified`), as bindings receive it.
pub fn parse_mode(name: &str) -> Result<Mode, Error> {
    name.parse().map_err(|message| {
        Error::Input(InputError::Invalid {
            path: "mode".into(),
            message,
        })
    })
}

/// The evidence audit (`iid check`): answers verification cuts, with the
/// index points each puts at risk, largest first.
pub fn check(submission: &str, rubric: Option<&str>) -> Result<Audit, Error> {
    let sub = Submission::from_json(submission)?;
    check_submission(&sub, rubric)
}

/// The evidence audit of an already-parsed submission.
pub fn check_submission(sub: &Submission, rubric: Option<&str>) -> Result<Audit, Error> {
    with_rubric(sub, rubric, |r| {
        let a = crate::assess::assess(r, sub)?;
        Ok(crate::audit::audit(r, sub, &a))
    })
}

/// Lint notes of a rubric: published band overlaps and gaps that the band
/// rule resolves.
pub fn lint(rubric: &CompiledRubric) -> Vec<crate::measure::LintNote> {
    rubric.lint()
}

/// Score a submission given as a JSON value (from a binding's native object).
pub fn score_value(
    submission: serde_json::Value,
    rubric: Option<&str>,
) -> Result<ScoreResult, Error> {
    let sub = Submission::from_value(submission)?;
    score_submission(&sub, rubric)
}

/// Score and render the breakdown as text.
pub fn explain(submission: &str, rubric: Option<&str>) -> Result<Explanation, Error> {
    explain_mode(submission, rubric, Mode::SelfAssessment)
}

/// Score in a mode and render the breakdown as text.
pub fn explain_mode(
    submission: &str,
    rubric: Option<&str>,
    mode: Mode,
) -> Result<Explanation, Error> {
    let sub = Submission::from_json(submission)?;
    with_rubric(&sub, rubric, |r| {
        let result = crate::score_mode(r, &sub, mode)?;
        Ok(Explanation {
            text: explain::render(&result),
            result,
        })
    })
}

/// Check a submission without scoring it.
pub fn validate(submission: &str, rubric: Option<&str>) -> Result<Validation, Error> {
    let sub = Submission::from_json(submission)?;
    with_rubric(&sub, rubric, |r| {
        crate::prepare(r, &sub)?;
        Ok(Validation {
            valid: true,
            methodology: r.id().to_string(),
            innovation_count: sub.innovations.len(),
            region_answers: sub.spd.len(),
        })
    })
}

/// The embedded methodologies.
pub fn rubrics() -> Vec<RubricInfo> {
    builtin::all().map(RubricInfo::of).collect()
}

/// An embedded methodology, whole.
pub fn rubric(id: &str) -> Result<&'static Rubric, Error> {
    Ok(builtin::get(id)?.rubric())
}

/// Parse JSON bytes as UTF-8 text first, naming the first bad byte.
pub fn text(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        Error::Input(InputError::NotUtf8 {
            offset: e.valid_up_to(),
        })
    })
}

/// What-if: apply changes (a JSON list, `docs/whatif-plan.md`) to a
/// submission and compare, indicator by indicator.
pub fn whatif(
    submission: &str,
    changes: &str,
    rubric: Option<&str>,
) -> Result<crate::whatif::WhatIf, Error> {
    let sub = Submission::from_json(submission)?;
    let changes = crate::whatif::parse_changes(changes)?;
    whatif_submission(&sub, &changes, rubric)
}

/// Apply changes (a JSON list, `docs/whatif-plan.md`) to a submission and
/// return the changed submission, for editors: the core's rules for each
/// change hold (a `set` drops a measurement and a verifier's decision,
/// level 0 removes the answer, an innovation added without an id becomes
/// `baru-N`). Only the changes are checked against the rubric (codes,
/// scopes, levels, ids, affairs), not the rest of the submission, so a
/// draft with an error elsewhere can still be edited; score or validate
/// the answer for that.
pub fn apply_changes(
    submission: &str,
    changes: &str,
    rubric: Option<&str>,
) -> Result<Submission, Error> {
    let sub = Submission::from_json(submission)?;
    let changes = crate::whatif::parse_changes(changes)?;
    apply_changes_submission(&sub, &changes, rubric)
}

/// Apply already-parsed changes to an already-parsed submission.
pub fn apply_changes_submission(
    sub: &Submission,
    changes: &[crate::whatif::Change],
    rubric: Option<&str>,
) -> Result<Submission, Error> {
    with_rubric(
        sub,
        rubric,
        |r| Ok(crate::whatif::apply(r, sub, changes)?.0),
    )
}

/// What-if on an already-parsed submission and changes.
pub fn whatif_submission(
    sub: &Submission,
    changes: &[crate::whatif::Change],
    rubric: Option<&str>,
) -> Result<crate::whatif::WhatIf, Error> {
    with_rubric(sub, rubric, |r| Ok(crate::whatif::whatif(r, sub, changes)?))
}

/// The marginal table: every one-step improvement with its exact index
/// gain, largest first. `options` (JSON, may be omitted) can give the
/// template of a new innovation: `{"template": {"levels": {"16": 2}}}`.
pub fn marginal(
    submission: &str,
    options: Option<&str>,
    rubric: Option<&str>,
) -> Result<crate::marginal::Marginal, Error> {
    let sub = Submission::from_json(submission)?;
    let options = match options {
        Some(text) => crate::plan::MarginalOptions::from_json(text)?,
        None => Default::default(),
    };
    marginal_submission(&sub, &options, rubric)
}

/// The marginal table of an already-parsed submission.
pub fn marginal_submission(
    sub: &Submission,
    options: &crate::plan::MarginalOptions,
    rubric: Option<&str>,
) -> Result<crate::marginal::Marginal, Error> {
    with_rubric(sub, rubric, |r| {
        Ok(crate::marginal::marginal(r, sub, options)?)
    })
}

/// The cheapest plan to a target. `options` is JSON:
/// `{"target": "Sangat Inovatif", "allow_new_innovations": false,
/// "costs": {"default_step": "1", ...}}` (`docs/whatif-plan.md`).
pub fn plan(
    submission: &str,
    options: &str,
    rubric: Option<&str>,
) -> Result<crate::plan::Plan, Error> {
    let sub = Submission::from_json(submission)?;
    let options = crate::plan::PlanOptions::from_json(options)?;
    plan_submission(&sub, &options, rubric)
}

/// The cheapest plan for an already-parsed submission and options.
pub fn plan_submission(
    sub: &Submission,
    options: &crate::plan::PlanOptions,
    rubric: Option<&str>,
) -> Result<crate::plan::Plan, Error> {
    with_rubric(sub, rubric, |r| Ok(crate::plan::plan(r, sub, options)?))
}
