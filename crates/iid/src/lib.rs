//! # iid
//!
//! Exact scoring engine for Indonesia's Regional Innovation Index (Indeks
//! Inovasi Daerah, IID), as computed by the Ministry of Home Affairs.
//!
//! ```
//! let rubric = iid::builtin("iid-2026").unwrap();
//! let sub = iid::Submission::from_json(r#"{"methodology": "iid-2026", "spd": {"1": 3},
//!   "innovations": [{"id": "a", "urusan": "kesehatan", "levels": {"16": 3}}]}"#).unwrap();
//! let result = iid::score(rubric, &sub).unwrap();
//! // SPD 3 + rows 9 / 12 (divisor) = 3.75 of 250 -> 1.50
//! assert_eq!(result.index.to_string(), "1.50");
//! assert_eq!(result.predicate, "Kurang Inovatif");
//! ```
//!
//! The crate root holds what a Rust service needs: the operations
//! ([`score`], [`explain`], [`check`], [`whatif`], [`marginal`], [`plan`],
//! [`validate`]) taking a compiled rubric and a submission, and the types
//! they take and answer. The layers, from the bottom:
//!
//! - [`model`]: rubrics, submissions, evidence, measured rows, and the
//!   embedded methodologies;
//! - [`scoring`]: assessment, the level matrix, the exact sums, the result
//!   tree and its findings;
//! - [`analysis`]: the evidence audit, what-if, marginal value, plans;
//! - [`table`]: the table form of the interchange format and batch scoring;
//! - [`api`]: the call-and-answer surface every binding and the CLI call
//!   (one serialisable call per operation, JSON text in and out).
//!
//! `ARCHITECTURE.md` at the repository root describes the data flow and
//! where a new operation or a new binding goes.

pub mod analysis;
pub mod api;
pub mod error;
pub mod io;
pub mod model;
#[cfg(feature = "national")]
pub mod national;
#[cfg(feature = "planning")]
pub mod report;
pub mod scoring;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;
pub mod table;
pub mod text;

pub use analysis::audit::Audit;
#[cfg(feature = "planning")]
pub use analysis::marginal::Marginal;
#[cfg(feature = "planning")]
pub use analysis::plan::{MarginalOptions, Plan, PlanOptions, Target};
pub use analysis::whatif::{Change, WhatIf};
/// Year over year (feature `years`): a region's history and why its index
/// changed between two years, each submission with the rubric it is
/// scored under (`docs/history.md`).
#[cfg(feature = "years")]
pub use analysis::{diff::diff, diff::Diff, history::history, history::History};
pub use error::{Error, InputError, Layer, RubricError};
pub use model::rubric::{CompiledRubric, Rubric};
pub use model::submission::{Answer, Innovation, Submission};
pub use model::values::{Date, Level, Stage};
/// The exact decimal type of every reported figure (`rust_decimal`).
pub use rust_decimal::Decimal;
pub use scoring::result::ScoreResult;
pub use scoring::{prepare, LevelMatrix, Mode, Summary};
pub use text::findings::{Finding, Severity};

/// An embedded methodology by id (`iid-2026`, ...), compiled once per
/// process.
pub fn builtin(id: &str) -> Result<&'static CompiledRubric, RubricError> {
    model::builtin::get(id)
}

/// Score a submission against a rubric (self-assessment mode).
pub fn score(rubric: &CompiledRubric, sub: &Submission) -> Result<ScoreResult, InputError> {
    score_mode(rubric, sub, Mode::SelfAssessment)
}

/// Score a submission in a mode: `self` counts claimed levels, `verified`
/// what survives verification.
pub fn score_mode(
    rubric: &CompiledRubric,
    sub: &Submission,
    mode: Mode,
) -> Result<ScoreResult, InputError> {
    let a = scoring::assess(rubric, sub)?;
    Ok(scoring::build::build_assessed(rubric, sub, &a, mode))
}

/// Score and render the breakdown as plain text.
pub fn explain(
    rubric: &CompiledRubric,
    sub: &Submission,
    mode: Mode,
) -> Result<api::Explanation, InputError> {
    let result = score_mode(rubric, sub, mode)?;
    Ok(api::Explanation {
        text: text::explain::render(&result),
        result,
    })
}

/// The evidence audit (`iid check`): the answers verification cuts, with
/// the index points each puts at risk, largest first.
pub fn check(rubric: &CompiledRubric, sub: &Submission) -> Result<Audit, InputError> {
    let a = scoring::assess(rubric, sub)?;
    Ok(analysis::audit::audit(rubric, sub, &a))
}

/// Check every code, level and id of a submission without scoring it.
pub fn validate(rubric: &CompiledRubric, sub: &Submission) -> Result<api::Validation, InputError> {
    prepare(rubric, sub)?;
    Ok(api::Validation {
        valid: true,
        methodology: rubric.id().to_string(),
        innovation_count: sub.innovations.len(),
        region_answers: sub.spd.len(),
    })
}

/// What-if: apply changes to a submission and compare, indicator by
/// indicator.
pub fn whatif(
    rubric: &CompiledRubric,
    sub: &Submission,
    changes: &[Change],
) -> Result<WhatIf, InputError> {
    analysis::whatif::whatif(rubric, sub, changes)
}

/// The marginal table: every one-step improvement with its exact index
/// gain, largest first.
#[cfg(feature = "planning")]
pub fn marginal(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &MarginalOptions,
) -> Result<Marginal, InputError> {
    analysis::marginal::marginal(rubric, sub, options)
}

/// The cheapest plan to a target predicate or index.
#[cfg(feature = "planning")]
pub fn plan(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &PlanOptions,
) -> Result<Plan, InputError> {
    analysis::plan::plan(rubric, sub, options)
}
