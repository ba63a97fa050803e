//! The JSON-text variants of the calls: one operation name, the call as
//! JSON text (or the submission and the options as two texts, as bindings
//! hold them), the answer as a serialisable value or an [`ErrorInfo`].
//!
//! Options are a JSON object: `rubric` (id, JSON text or object) in every
//! call; `mode` for score and explain; `changes` for whatif and apply; the
//! fields of [`MarginalOptions`] or [`PlanOptions`] for marginal and plan;
//! the fields of [`crate::report::ReportOptions`] (`mode`, `date`, `lang`)
//! and `format` (`json`, the default, or `html`) for report; `odds` and
//! `target` ([`crate::analysis::risk::RiskOptions`]) for risk.
//! Unknown fields are errors naming them.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::*;
use crate::error::{join_path, render_path};

/// An operation of the call-and-answer surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    Score,
    Explain,
    Check,
    Validate,
    Whatif,
    Apply,
    Marginal,
    Plan,
    Rank,
    Award,
    Report,
    History,
    Diff,
    Risk,
    Robustness,
}

impl Operation {
    /// Every operation, in a stable order.
    pub const ALL: [Operation; 15] = [
        Operation::Score,
        Operation::Explain,
        Operation::Check,
        Operation::Validate,
        Operation::Whatif,
        Operation::Apply,
        Operation::Marginal,
        Operation::Plan,
        Operation::Rank,
        Operation::Award,
        Operation::Report,
        Operation::History,
        Operation::Diff,
        Operation::Risk,
        Operation::Robustness,
    ];

    /// The operation's name (`score`, `whatif`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Operation::Score => "score",
            Operation::Explain => "explain",
            Operation::Check => "check",
            Operation::Validate => "validate",
            Operation::Whatif => "whatif",
            Operation::Apply => "apply",
            Operation::Marginal => "marginal",
            Operation::Plan => "plan",
            Operation::Rank => "rank",
            Operation::Award => "award",
            Operation::Report => "report",
            Operation::History => "history",
            Operation::Diff => "diff",
            Operation::Risk => "risk",
            Operation::Robustness => "robustness",
        }
    }

    /// Whether the operation takes one submission (else its call
    /// document names its own inputs, see [`call_json`]).
    pub fn on_one_submission(self) -> bool {
        !matches!(
            self,
            Operation::Rank
                | Operation::Award
                | Operation::History
                | Operation::Diff
                | Operation::Robustness
        )
    }
}

impl std::str::FromStr for Operation {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Operation::ALL
            .into_iter()
            .find(|op| op.name() == s)
            .ok_or_else(|| {
                Error::Input(InputError::Invalid {
                    path: "operation".into(),
                    message: format!("unknown operation \"{s}\""),
                })
            })
    }
}

/// The answer of any operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Score(Box<ScoreResult>),
    Explain(Box<Explanation>),
    Check(Box<Audit>),
    Validate(Validation),
    Whatif(Box<WhatIf>),
    Apply(Box<Submission>),
    #[cfg(feature = "planning")]
    Marginal(Box<Marginal>),
    #[cfg(feature = "planning")]
    Plan(Box<Plan>),
    #[cfg(feature = "national")]
    Rank(Box<crate::national::Ranking>),
    #[cfg(feature = "national")]
    Award(Box<crate::national::AwardResult>),
    #[cfg(feature = "national")]
    Robustness(Box<crate::national::Robustness>),
    #[cfg(feature = "report")]
    Report(Box<crate::report::Report>),
    /// The report rendered (`"format": "html"`).
    #[cfg(feature = "report")]
    ReportHtml(ReportHtml),
    #[cfg(feature = "years")]
    History(Box<History>),
    #[cfg(feature = "years")]
    Diff(Box<Diff>),
    #[cfg(feature = "risk")]
    Risk(Box<crate::analysis::risk::Risk>),
}

/// A rendered report: `{"html": "<!DOCTYPE html>..."}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportHtml {
    pub html: String,
}

impl Answer {
    /// The answer as JSON text (what the CLI's `--json` prints).
    pub fn to_json(&self) -> String {
        // These plain data types always serialise.
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn json_error(path: &str, message: impl Into<String>) -> Error {
    Error::Input(InputError::Json {
        path: path.into(),
        message: message.into(),
    })
}

/// Parse an options document into its fields (an empty or absent text is
/// no options).
fn options_map(text: Option<&str>) -> Result<Map<String, Value>, Error> {
    let Some(text) = text else {
        return Ok(Map::new());
    };
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    // No key given twice, at any depth (the submission inside included).
    match crate::model::json::read_tracked::<crate::model::json::Unique>(text, "options")?.0 {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(json_error("options", "expected an object")),
    }
}

fn from_value<T: serde::de::DeserializeOwned>(value: Value, prefix: &str) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        Error::Input(InputError::Json {
            path: join_path(prefix, &render_path(e.path())),
            message: e.inner().to_string(),
        })
    })
}

fn take_rubric(
    map: &mut Map<String, Value>,
    compiled: Option<&Arc<CompiledRubric>>,
) -> Result<Option<RubricArg>, Error> {
    let given = match map.remove("rubric") {
        None | Some(Value::Null) => None,
        Some(v) => Some(from_value::<RubricArg>(v, "rubric")?),
    };
    Ok(compiled.map(|r| RubricArg::Compiled(r.clone())).or(given))
}

fn no_other_fields(map: &Map<String, Value>, allowed: &str) -> Result<(), Error> {
    match map.keys().next() {
        None => Ok(()),
        Some(k) => Err(json_error(
            k,
            format!("unknown field `{k}`, expected {allowed}"),
        )),
    }
}

/// Answer an operation on a submission (JSON text) with options (a JSON
/// object, may be absent) and, optionally, a compiled rubric that takes
/// the place of the options' `rubric`. Submission errors carry the paths
/// of the submission document (`innovations[2].levels.17`), option errors
/// those of the options (`target`, `costs.region.2a`, `changes[1].level`).
pub fn call_parts(
    op: Operation,
    submission: &str,
    options: Option<&str>,
    compiled: Option<&Arc<CompiledRubric>>,
) -> Result<Answer, Error> {
    call_submission(op, Submission::from_json(submission)?, options, compiled)
}

/// [`call_parts`] with the submission already read (a binding that reads
/// its own carrier, such as a Python dict, into a [`Submission`]).
pub fn call_submission(
    op: Operation,
    submission: Submission,
    options: Option<&str>,
    compiled: Option<&Arc<CompiledRubric>>,
) -> Result<Answer, Error> {
    if op == Operation::Plan && options.is_none() {
        return Err(Error::Input(InputError::Invalid {
            path: "options".into(),
            message: "expected an object such as {\"target\": \"next\"}".into(),
        }));
    }
    let map = options_map(options)?;
    answer(op, submission, map, compiled)
}

/// The `mode` option: `self` (the default) or `verified`.
fn take_mode(map: &mut Map<String, Value>) -> Result<Mode, Error> {
    match map.remove("mode") {
        None | Some(Value::Null) => Ok(Mode::SelfAssessment),
        Some(Value::String(s)) => parse_mode(&s),
        Some(other) => Err(Error::Input(InputError::Invalid {
            path: "mode".into(),
            message: format!("expected \"self\" or \"verified\", got {other}"),
        })),
    }
}

/// [`call_parts`] for `whatif` and `apply` with the changes as their own
/// JSON text (a list; errors at `changes[1].level`), as bindings and the
/// CLI hold them.
pub fn call_changes(
    op: Operation,
    submission: &str,
    changes: &str,
    options: Option<&str>,
    compiled: Option<&Arc<CompiledRubric>>,
) -> Result<Answer, Error> {
    let sub = Submission::from_json(submission)?;
    let changes = crate::analysis::whatif::parse_changes(changes)?;
    let mut map = options_map(options)?;
    if map.contains_key("changes") {
        return Err(json_error(
            "options.changes",
            "the changes are given on their own, not in the options",
        ));
    }
    map.insert("changes".into(), Value::Null);
    answer_with(op, sub, map, compiled, Some(changes))
}

/// Answer an operation given as one call document: `{"submission": ...,
/// "rubric": ..., ...options}` for an operation on one submission (errors
/// in reading the submission are prefixed with `submission`, while scoring
/// errors carry the submission's own paths, `spd.1`, as for a bare
/// submission; the document is read through a JSON value, so a key given
/// twice keeps its last value, and the submission then from its text, as a
/// bare one is, with its size limit); `rank` and `award` read their own fields
/// (`api::national`), `history` and `diff` theirs (`api::years`), as does
/// `robustness` (`api::robustness`).
pub fn call_json(op: Operation, call: &str) -> Result<Answer, Error> {
    #[cfg(feature = "national")]
    match op {
        Operation::Rank => return Ok(Answer::Rank(Box::new(super::national::rank_json(call)?))),
        Operation::Award => return Ok(Answer::Award(Box::new(super::national::award_json(call)?))),
        Operation::Robustness => {
            return Ok(Answer::Robustness(Box::new(
                super::robustness::robustness_json(call)?,
            )))
        }
        _ => {}
    }
    #[cfg(not(feature = "national"))]
    if matches!(op, Operation::Rank | Operation::Award) {
        return Err(Error::Input(InputError::Invalid {
            path: "operation".into(),
            message: format!(
                "{} is not in this build (the `national` feature; in the browser, the national module)",
                op.name()
            ),
        }));
    }
    let mut map = options_map(Some(call)).map_err(|e| match e {
        Error::Input(i) => {
            // The call document is the options of `call`: its paths start at `$`.
            Error::Input(i.map_path(|p| match p {
                "options" => "$".into(),
                p => p.strip_prefix("options.").unwrap_or(p).into(),
            }))
        }
        other => other,
    })?;
    if matches!(op, Operation::History | Operation::Diff) {
        return own_document(op, map);
    }
    let sub = match map.remove("submission") {
        Some(v) => Submission::from_json(&v.to_string())
            .map_err(|e| Error::Input(e.map_path(|p| join_path("submission", p))))?,
        None => return Err(json_error("submission", "missing field `submission`")),
    };
    answer(op, sub, map, None)
}

/// The report operation: its content, or with `"format": "html"` the page.
#[cfg(feature = "report")]
fn report_answer(
    submission: Submission,
    rubric: Option<RubricArg>,
    mut map: Map<String, Value>,
) -> Result<Answer, Error> {
    let html = match map.remove("format") {
        None | Some(Value::Null) => false,
        Some(Value::String(f)) if f == "json" => false,
        Some(Value::String(f)) if f == "html" => true,
        Some(other) => {
            return Err(Error::Input(InputError::Invalid {
                path: "format".into(),
                message: format!("expected \"json\" or \"html\", got {other}"),
            }))
        }
    };
    let options = from_value(Value::Object(map), "")?;
    let call = ReportCall {
        submission,
        rubric,
        options,
    };
    Ok(if html {
        Answer::ReportHtml(ReportHtml {
            html: report_html(&call)?,
        })
    } else {
        Answer::Report(Box::new(report(&call)?))
    })
}

/// A build without the report (the scoring WebAssembly module, which
/// leaves it to the office module to stay small).
#[cfg(not(feature = "report"))]
fn report_answer(
    _: Submission,
    _: Option<RubricArg>,
    _: Map<String, Value>,
) -> Result<Answer, Error> {
    Err(Error::Input(InputError::Invalid {
        path: "operation".into(),
        message: "this build of iid has no report (feature `report`; in WebAssembly, the office \
                  module answers it)"
            .into(),
    }))
}

/// An operation on other inputs than one submission, from its own call
/// document (`HistoryCall`, `DiffCall`).
#[cfg(feature = "years")]
fn own_document(op: Operation, map: Map<String, Value>) -> Result<Answer, Error> {
    Ok(if op == Operation::History {
        Answer::History(Box::new(history(&years::history_document(map)?)?))
    } else {
        Answer::Diff(Box::new(diff(&years::diff_document(map)?)?))
    })
}

/// `history` and `diff` in a build without them (the WebAssembly scoring
/// module).
#[cfg(not(feature = "years"))]
fn own_document(op: Operation, _: Map<String, Value>) -> Result<Answer, Error> {
    Err(Error::Input(InputError::Invalid {
        path: "operation".into(),
        message: format!("{} is not in this build (feature `years`)", op.name()),
    }))
}

/// The risk operation: the law of the verified index.
#[cfg(feature = "risk")]
fn risk_answer(
    submission: Submission,
    rubric: Option<RubricArg>,
    map: Map<String, Value>,
) -> Result<Answer, Error> {
    let options = from_value(Value::Object(map), "")?;
    Ok(Answer::Risk(Box::new(risk(&RiskCall {
        submission,
        options,
        rubric,
    })?)))
}

/// A build without the law of the verified index (the scoring
/// WebAssembly module; the national module answers it).
#[cfg(not(feature = "risk"))]
fn risk_answer(
    _: Submission,
    _: Option<RubricArg>,
    _: Map<String, Value>,
) -> Result<Answer, Error> {
    Err(Error::Input(InputError::Invalid {
        path: "operation".into(),
        message: "this build of iid has no risk (feature `risk`; in WebAssembly, the national \
                  module answers it)"
            .into(),
    }))
}

fn answer(
    op: Operation,
    submission: Submission,
    map: Map<String, Value>,
    compiled: Option<&Arc<CompiledRubric>>,
) -> Result<Answer, Error> {
    answer_with(op, submission, map, compiled, None)
}

fn answer_with(
    op: Operation,
    submission: Submission,
    mut map: Map<String, Value>,
    compiled: Option<&Arc<CompiledRubric>>,
    parsed_changes: Option<Vec<Change>>,
) -> Result<Answer, Error> {
    if !op.on_one_submission() {
        return Err(Error::Input(InputError::Invalid {
            path: "operation".into(),
            message: format!(
                "{} does not take one submission: give its call document",
                op.name()
            ),
        }));
    }
    let rubric = take_rubric(&mut map, compiled)?;
    Ok(match op {
        Operation::Score | Operation::Explain => {
            let mode = take_mode(&mut map)?;
            no_other_fields(&map, "`rubric` or `mode`")?;
            let call = ScoreCall {
                submission,
                rubric,
                mode,
            };
            if op == Operation::Score {
                Answer::Score(Box::new(score(&call)?))
            } else {
                Answer::Explain(Box::new(explain(&call)?))
            }
        }
        Operation::Check | Operation::Validate => {
            // Both read the claimed and the verified levels at once; a mode
            // is checked and has no effect.
            take_mode(&mut map)?;
            no_other_fields(&map, "`rubric` or `mode`")?;
            let call = SubmissionCall { submission, rubric };
            if op == Operation::Check {
                Answer::Check(Box::new(check(&call)?))
            } else {
                Answer::Validate(validate(&call)?)
            }
        }
        Operation::Whatif | Operation::Apply => {
            let changes = match (parsed_changes, map.remove("changes")) {
                (Some(c), _) => c,
                (None, Some(v)) => crate::analysis::whatif::changes_from_value(v)?,
                (None, None) => return Err(json_error("changes", "missing field `changes`")),
            };
            no_other_fields(&map, "`rubric` or `changes`")?;
            let call = WhatIfCall {
                submission,
                changes,
                rubric,
            };
            if op == Operation::Whatif {
                Answer::Whatif(Box::new(whatif(&call)?))
            } else {
                Answer::Apply(Box::new(apply(&call)?))
            }
        }
        #[cfg(feature = "planning")]
        Operation::Marginal => {
            let options = from_value(Value::Object(map), "")?;
            Answer::Marginal(Box::new(marginal(&MarginalCall {
                submission,
                options,
                rubric,
            })?))
        }
        #[cfg(feature = "planning")]
        Operation::Plan => {
            let options = from_value(Value::Object(map), "")?;
            Answer::Plan(Box::new(plan(&PlanCall {
                submission,
                options,
                rubric,
            })?))
        }
        #[cfg(not(feature = "planning"))]
        Operation::Marginal | Operation::Plan => {
            let _ = (submission, rubric);
            return Err(Error::Input(InputError::Invalid {
                path: "operation".into(),
                message: format!(
                    "{} is not in this build (the `planning` feature; in the browser, the national module)",
                    op.name()
                ),
            }));
        }
        // Refused above.
        Operation::Rank
        | Operation::Award
        | Operation::History
        | Operation::Diff
        | Operation::Robustness => {
            return Err(Error::Input(InputError::Invalid {
                path: "operation".into(),
                message: "not an operation on one submission".into(),
            }))
        }
        Operation::Report => report_answer(submission, rubric, map)?,
        Operation::Risk => risk_answer(submission, rubric, map)?,
    })
}
