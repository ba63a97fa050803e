//! JSON Schemas of each operation's call document (what [`call_json`]
//! reads) and of its answer, generated from the same Rust types as
//! `iid schema`. For surfaces that describe the operations, such as the
//! HTTP service's OpenAPI document.
//!
//! An operation added without an entry here has no schema (`None`); a
//! surface then describes it generically (any call document with a
//! `submission`, any JSON answer) until the entry is written.
//!
//! [`call_json`]: super::call_json

use schemars::{schema_for, JsonSchema, Schema, SchemaGenerator};

use super::{Explanation, Operation, Validation};
use crate::analysis::audit::Audit;
use crate::analysis::marginal::Marginal;
use crate::analysis::plan::{MarginalOptions, Plan, PlanOptions};
use crate::analysis::whatif::{Change, WhatIf};
use crate::model::submission::Submission;
use crate::scoring::result::ScoreResult;
use crate::scoring::Mode;

/// The `rubric` field of a call document.
struct RubricField;

impl JsonSchema for RubricField {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RubricArg".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "description": "The rubric to score against: an embedded methodology id (`iid-2026`), rubric JSON text, or a rubric document (the `rubric` schema). Absent, the submission's `methodology` names an embedded one.",
            "anyOf": [{"type": "string"}, {"type": "object"}]
        })
    }
}

/// The call document of `score` and `explain`.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "ScoreCall", deny_unknown_fields)]
struct ScoreCallDocument {
    submission: Submission,
    rubric: Option<RubricField>,
    /// `self` (claimed levels, the default) or `verified`.
    mode: Option<Mode>,
}

/// The call document of `check` and `validate` (a `mode` is read and has
/// no effect: both look at claimed and verified levels at once).
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "SubmissionCall", deny_unknown_fields)]
struct SubmissionCallDocument {
    submission: Submission,
    rubric: Option<RubricField>,
    mode: Option<Mode>,
}

/// The call document of `whatif` and `apply`.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "WhatIfCall", deny_unknown_fields)]
struct WhatIfCallDocument {
    submission: Submission,
    rubric: Option<RubricField>,
    /// The changes, applied in order.
    changes: Vec<Change>,
}

/// The call document of `marginal`: the submission, the rubric and the
/// marginal options.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "MarginalCall", deny_unknown_fields)]
struct MarginalCallDocument {
    submission: Submission,
    rubric: Option<RubricField>,
    #[serde(flatten)]
    options: MarginalOptions,
}

/// The call document of `plan`: the submission, the rubric and the plan
/// options.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "PlanCall", deny_unknown_fields)]
struct PlanCallDocument {
    submission: Submission,
    rubric: Option<RubricField>,
    #[serde(flatten)]
    options: PlanOptions,
}

/// The `submissions` of a rank call: a list, or JSON Lines as one text.
#[cfg(feature = "national")]
#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(untagged)]
enum SubmissionsField {
    List(Vec<Submission>),
    /// JSON Lines: one submission per line.
    Lines(String),
}

/// The `award` field: an embedded id (`iga-2023`), definition JSON text or
/// a definition.
#[cfg(feature = "national")]
#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(untagged)]
enum AwardField {
    Id(String),
    Definition(Box<crate::model::award::AwardDefinition>),
}

/// The call document of `rank`.
#[cfg(feature = "national")]
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "RankCall", deny_unknown_fields)]
struct RankCallDocument {
    submissions: SubmissionsField,
    award: Option<AwardField>,
    rubric: Option<RubricField>,
    mode: Option<Mode>,
    /// Allow several methodologies in one ranking.
    mixed: Option<bool>,
    /// The regions expected to take part.
    roster: Option<Vec<crate::national::RosterEntry>>,
}

/// The ranking an award call reads: a rank answer or its `regions`.
#[cfg(feature = "national")]
#[allow(dead_code)]
#[derive(JsonSchema)]
#[serde(untagged)]
enum RankingField {
    Answer {
        regions: Vec<crate::national::RankedRegion>,
        award: Option<String>,
    },
    Regions(Vec<crate::national::RankedRegion>),
}

/// The call document of `award`.
#[cfg(feature = "national")]
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "AwardCall", deny_unknown_fields)]
struct AwardCallDocument {
    ranking: RankingField,
    scores: crate::national::StageScores,
    award: Option<AwardField>,
}

/// The call document of `robustness`: the submissions, the rubric, the
/// award definition and the robustness options.
#[cfg(feature = "national")]
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "RobustnessCall", deny_unknown_fields)]
struct RobustnessCallDocument {
    submissions: SubmissionsField,
    award: Option<AwardField>,
    rubric: Option<RubricField>,
    #[serde(flatten)]
    options: crate::national::RobustnessOptions,
}

/// The call document of `report`: the submission, the rubric, the
/// report options and `format` (`json`, the default, or `html`).
#[cfg(feature = "report")]
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "ReportCall", deny_unknown_fields)]
struct ReportCallDocument {
    submission: Submission,
    rubric: Option<RubricField>,
    /// `json` (the report's content, the default) or `html` (the page).
    format: Option<String>,
    #[serde(flatten)]
    options: crate::report::ReportOptions,
}

/// The call document of `risk`: the submission, the rubric, the odds
/// and the target.
#[cfg(feature = "risk")]
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "RiskCall", deny_unknown_fields)]
struct RiskCallDocument {
    submission: Submission,
    rubric: Option<RubricField>,
    #[serde(flatten)]
    options: crate::analysis::risk::RiskOptions,
}

/// The schema of an operation's call document, if it has one.
#[allow(unreachable_patterns)]
pub fn call_schema(op: Operation) -> Option<Schema> {
    match op {
        Operation::Score | Operation::Explain => Some(schema_for!(ScoreCallDocument)),
        Operation::Check | Operation::Validate => Some(schema_for!(SubmissionCallDocument)),
        Operation::Whatif | Operation::Apply => Some(schema_for!(WhatIfCallDocument)),
        Operation::Marginal => Some(schema_for!(MarginalCallDocument)),
        Operation::Plan => Some(schema_for!(PlanCallDocument)),
        #[cfg(feature = "report")]
        Operation::Report => Some(schema_for!(ReportCallDocument)),
        #[cfg(feature = "national")]
        Operation::Rank => Some(schema_for!(RankCallDocument)),
        #[cfg(feature = "national")]
        Operation::Award => Some(schema_for!(AwardCallDocument)),
        #[cfg(feature = "years")]
        Operation::History => Some(schema_for!(super::HistoryCall)),
        #[cfg(feature = "years")]
        Operation::Diff => Some(schema_for!(super::DiffCall)),
        #[cfg(feature = "risk")]
        Operation::Risk => Some(schema_for!(RiskCallDocument)),
        #[cfg(feature = "national")]
        Operation::Robustness => Some(schema_for!(RobustnessCallDocument)),
        // An operation added without a call schema yet.
        _ => None,
    }
}

/// The schema of an operation's answer, if it has one.
#[allow(unreachable_patterns)]
pub fn answer_schema(op: Operation) -> Option<Schema> {
    match op {
        Operation::Score => Some(schema_for!(ScoreResult)),
        Operation::Explain => Some(schema_for!(Explanation)),
        Operation::Check => Some(schema_for!(Audit)),
        Operation::Validate => Some(schema_for!(Validation)),
        Operation::Whatif => Some(schema_for!(WhatIf)),
        Operation::Apply => Some(schema_for!(Submission)),
        Operation::Marginal => Some(schema_for!(Marginal)),
        Operation::Plan => Some(schema_for!(Plan)),
        #[cfg(feature = "report")]
        Operation::Report => Some(schema_for!(crate::report::Report)),
        #[cfg(feature = "national")]
        Operation::Rank => Some(schema_for!(crate::national::Ranking)),
        #[cfg(feature = "national")]
        Operation::Award => Some(schema_for!(crate::national::AwardResult)),
        #[cfg(feature = "years")]
        Operation::History => Some(schema_for!(crate::analysis::history::History)),
        #[cfg(feature = "years")]
        Operation::Diff => Some(schema_for!(crate::analysis::diff::Diff)),
        #[cfg(feature = "risk")]
        Operation::Risk => Some(schema_for!(crate::analysis::risk::Risk)),
        #[cfg(feature = "national")]
        Operation::Robustness => Some(schema_for!(crate::national::Robustness)),
        // An operation added without an answer schema yet.
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every call schema names the submission and closes its fields as
    /// the call document does.
    #[test]
    fn call_documents() {
        for op in Operation::ALL {
            if cfg!(not(feature = "report")) && op == Operation::Report {
                continue;
            }
            let s = call_schema(op).expect("every operation has a call schema");
            let v = s.as_value();
            let first = match op {
                Operation::Rank | Operation::Robustness => "submissions",
                Operation::Award => "ranking",
                Operation::History => "submissions",
                Operation::Diff => "old",
                _ => "submission",
            };
            assert_eq!(v["required"][0], first, "{op:?}");
            if !matches!(op, Operation::Award | Operation::History | Operation::Diff) {
                assert!(v["properties"]["rubric"].is_object(), "{op:?}");
            }
            assert_eq!(v["additionalProperties"], false, "{op:?}");
            assert!(answer_schema(op).is_some(), "{op:?}");
        }
        let plan = call_schema(Operation::Plan).unwrap();
        let plan = plan.as_value();
        assert!(plan["properties"]["target"].is_object());
        assert!(plan["required"]
            .as_array()
            .unwrap()
            .contains(&"target".into()));
        assert_eq!(
            answer_schema(Operation::Score).unwrap().as_value()["title"],
            "ScoreResult"
        );
    }
}
