//! The call-and-answer surface the CLI, the bindings and every later
//! surface call: one call type per operation, answered by a typed function
//! ([`score`], [`explain`], [`check`], [`validate`], [`whatif`],
//! [`marginal`], [`plan`], [`apply`], [`report`]; `risk`; `rank` and `award` on
//! many regions, feature `national`; `history` and `diff` on a region's
//! years, feature `years`) and by a JSON-text variant ([`call_json`],
//! [`call_parts`]; [`call_bytes`] for a submission given as file bytes,
//! JSON or a workbook). A binding converts its arguments and
//! calls; it holds no logic, so every surface answers identically.
//!
//! The rubric of a call is a [`RubricArg`]: an embedded id, an inline
//! rubric document, or a compiled handle, compiled once and reused.

use serde::Serialize;

use crate::analysis::audit::Audit;
#[cfg(feature = "years")]
use crate::analysis::diff::Diff;
#[cfg(feature = "years")]
use crate::analysis::history::History;
#[cfg(feature = "planning")]
use crate::analysis::marginal::Marginal;
#[cfg(feature = "planning")]
use crate::analysis::plan::{MarginalOptions, Plan, PlanOptions};
use crate::analysis::whatif::{Change, WhatIf};
use crate::error::{Error, InputError, Layer};
use crate::model::builtin;
use crate::model::rubric::{CompiledRubric, Rubric, RubricStatus};
use crate::model::submission::Submission;
use crate::scoring::result::ScoreResult;
use crate::scoring::Mode;

mod bytes;
mod json;
#[cfg(feature = "national")]
mod national;
#[cfg(feature = "national")]
mod robustness;
mod rubric_arg;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "years")]
pub(crate) mod years;

pub use bytes::call_bytes;
pub use json::{
    call_changes, call_json, call_parts, call_submission, Answer, Operation, ReportHtml,
};
#[cfg(feature = "national")]
pub use national::{
    award, award_definition, awards, rank, rank_table_input, rank_tables, AwardArg, AwardCall,
    AwardInfo, ClusterInfo, NationalInput, RankCall,
};
#[cfg(feature = "national")]
pub use robustness::{robustness, RobustnessCall, RobustnessInput};
pub use rubric_arg::{resolve_rubric, RubricArg};
#[cfg(feature = "years")]
pub use years::{diff, history, DiffCall, HistoryCall};

/// An error as data: stable code, JSON path, message (English), layer.
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
    pub layer: Layer,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        ErrorInfo {
            code: e.code().to_string(),
            path: e.path().to_string(),
            message: e.to_string(),
            layer: e.layer(),
        }
    }
}

impl From<Error> for ErrorInfo {
    fn from(e: Error) -> Self {
        ErrorInfo::from(&e)
    }
}

/// A batch's error: its path within the batch (`[3].spd.1`), its message
/// naming the submission.
impl From<&crate::table::BatchError> for ErrorInfo {
    fn from(e: &crate::table::BatchError) -> Self {
        ErrorInfo {
            path: e.path(),
            message: e.to_string(),
            ..ErrorInfo::from(&e.error)
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
                crate::model::rubric::Aggregation::Normalized { min_divisor, .. } => {
                    Some(min_divisor)
                }
                crate::model::rubric::Aggregation::Sum => None,
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

/// Score a submission (`iid score`).
#[derive(Debug, Clone)]
pub struct ScoreCall {
    pub submission: Submission,
    pub rubric: Option<RubricArg>,
    /// `self` (claimed levels, the default) or `verified`.
    pub mode: Mode,
}

/// Check a submission without scoring it, or audit its evidence
/// (`iid validate`, `iid check`).
#[derive(Debug, Clone)]
pub struct SubmissionCall {
    pub submission: Submission,
    pub rubric: Option<RubricArg>,
}

/// Apply changes and compare (`iid whatif`), or only apply them.
#[derive(Debug, Clone)]
pub struct WhatIfCall {
    pub submission: Submission,
    pub changes: Vec<Change>,
    pub rubric: Option<RubricArg>,
}

/// The marginal table (`iid marginal`).
#[cfg(feature = "planning")]
#[derive(Debug, Clone)]
pub struct MarginalCall {
    pub submission: Submission,
    pub options: MarginalOptions,
    pub rubric: Option<RubricArg>,
}

/// The cheapest plan to a target (`iid plan`).
#[cfg(feature = "planning")]
#[derive(Debug, Clone)]
pub struct PlanCall {
    pub submission: Submission,
    pub options: PlanOptions,
    pub rubric: Option<RubricArg>,
}

impl ScoreCall {
    /// A self-assessment call against the submission's own methodology.
    pub fn new(submission: Submission) -> ScoreCall {
        ScoreCall {
            submission,
            rubric: None,
            mode: Mode::SelfAssessment,
        }
    }

    /// A call from texts: the submission (JSON), the rubric argument (an
    /// embedded id or rubric JSON text, see [`RubricArg::from_text`]) and
    /// the mode.
    pub fn parse(submission: &str, rubric: Option<&str>, mode: Mode) -> Result<ScoreCall, Error> {
        Ok(ScoreCall {
            submission: Submission::from_json(submission)?,
            rubric: rubric.map(RubricArg::from_text),
            mode,
        })
    }
}

impl SubmissionCall {
    pub fn new(submission: Submission) -> SubmissionCall {
        SubmissionCall {
            submission,
            rubric: None,
        }
    }

    /// A call from texts: the submission (JSON) and the rubric argument
    /// (an embedded id or rubric JSON text, see [`RubricArg::from_text`]).
    pub fn parse(submission: &str, rubric: Option<&str>) -> Result<SubmissionCall, Error> {
        Ok(SubmissionCall {
            submission: Submission::from_json(submission)?,
            rubric: rubric.map(RubricArg::from_text),
        })
    }
}

/// Score a submission.
pub fn score(call: &ScoreCall) -> Result<ScoreResult, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::score_mode(&r, &call.submission, call.mode)?)
}

/// Score and render the breakdown as text.
pub fn explain(call: &ScoreCall) -> Result<Explanation, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::explain(&r, &call.submission, call.mode)?)
}

/// The evidence audit: answers verification cuts, with the index points
/// each puts at risk, largest first.
pub fn check(call: &SubmissionCall) -> Result<Audit, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::check(&r, &call.submission)?)
}

/// Check every code, level and id of a submission without scoring it.
pub fn validate(call: &SubmissionCall) -> Result<Validation, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::validate(&r, &call.submission)?)
}

/// What-if: apply the changes and compare, indicator by indicator.
pub fn whatif(call: &WhatIfCall) -> Result<WhatIf, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::whatif(&r, &call.submission, &call.changes)?)
}

/// Apply the changes and return the changed submission (what an editor
/// does on each edit: the core's rules for a level set on a measured
/// row, new innovation ids, affairs).
pub fn apply(call: &WhatIfCall) -> Result<Submission, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    let (changed, _) = crate::analysis::whatif::apply(&r, &call.submission, &call.changes)?;
    Ok(changed)
}

/// The marginal table.
#[cfg(feature = "planning")]
pub fn marginal(call: &MarginalCall) -> Result<Marginal, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::marginal(&r, &call.submission, &call.options)?)
}

/// The cheapest plan to a target.
#[cfg(feature = "planning")]
pub fn plan(call: &PlanCall) -> Result<Plan, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::plan(&r, &call.submission, &call.options)?)
}

/// The law of the verified index (`iid risk`).
#[cfg(feature = "risk")]
#[derive(Debug, Clone)]
pub struct RiskCall {
    pub submission: Submission,
    pub options: crate::analysis::risk::RiskOptions,
    pub rubric: Option<RubricArg>,
}

/// The law of the verified index: the chance of each predicate after
/// verification, quantiles, and the evidence to shore up first.
#[cfg(feature = "risk")]
pub fn risk(call: &RiskCall) -> Result<crate::analysis::risk::Risk, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::analysis::risk::risk(
        &r,
        &call.submission,
        &call.options,
    )?)
}

/// The printable report of a submission (`iid report`).
#[cfg(feature = "planning")]
#[derive(Debug, Clone)]
pub struct ReportCall {
    pub submission: Submission,
    pub rubric: Option<RubricArg>,
    pub options: crate::report::ReportOptions,
}

/// The report's content (what each section shows).
#[cfg(feature = "planning")]
pub fn report(call: &ReportCall) -> Result<crate::report::Report, Error> {
    let r = resolve_rubric(call.rubric.as_ref(), &call.submission)?;
    Ok(crate::report::report(&r, &call.submission, &call.options)?)
}

/// The report rendered to one self-contained HTML page.
#[cfg(feature = "report")]
pub fn report_html(call: &ReportCall) -> Result<String, Error> {
    Ok(crate::report::html(&report(call)?))
}

/// The embedded methodologies.
pub fn rubrics() -> Vec<RubricInfo> {
    builtin::all().map(RubricInfo::of).collect()
}

/// The embedded catalogs as JSON text, for bindings: `rubrics` (as
/// [`rubrics`]), `rubric` with an `id` ([`rubric`]), and with the
/// `national` feature `awards` (`awards`) and `award` with an `id`
/// (`award_definition`).
pub fn catalog_json(what: &str, id: Option<&str>) -> Result<String, Error> {
    // These plain data types always serialise (as `Answer::to_json`).
    fn text<T: Serialize + ?Sized>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_default()
    }
    match (what, id) {
        ("rubrics", None) => Ok(text(&rubrics())),
        ("rubric", Some(id)) => Ok(text(rubric(id)?)),
        #[cfg(feature = "national")]
        ("awards", None) => Ok(text(&awards()?)),
        #[cfg(feature = "national")]
        ("award", Some(id)) => Ok(text(award_definition(id)?)),
        _ => Err(Error::Input(InputError::Invalid {
            path: "catalog".into(),
            message: format!(
                "no catalog \"{what}\"{}: rubrics, awards, or rubric or award with an id",
                if id.is_some() { " with an id" } else { "" }
            ),
        })),
    }
}

/// An embedded methodology, whole (with what it extends resolved).
pub fn rubric(id: &str) -> Result<&'static Rubric, Error> {
    Ok(builtin::get(id)?.rubric())
}

/// Parse and compile a rubric given as JSON text.
pub fn load_rubric(text: &str) -> Result<CompiledRubric, Error> {
    Ok(CompiledRubric::from_json(text)?)
}

/// Lint notes of a rubric: published band overlaps and gaps that the band
/// rule resolves.
pub fn lint(rubric: &CompiledRubric) -> Vec<crate::model::measure::LintNote> {
    rubric.lint()
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

/// JSON bytes as UTF-8 text, naming the first bad byte.
pub fn text(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        Error::Input(InputError::NotUtf8 {
            offset: e.valid_up_to(),
        })
    })
}
