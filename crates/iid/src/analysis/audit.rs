//! The evidence audit: what a verifier will cut and what it costs.
//!
//! [`audit`] lists every answer whose verified level is below its claim
//! (missing, out-of-window, wrong-kind or URL-less evidence; a rejection,
//! a revision request, a lower accepted level), with the index points each
//! puts at risk, largest first. Points at risk of an answer are its
//! claimed-minus-counted row score expressed in index points at the
//! self-assessment divisor, holding everything else fixed.
//!
//! [`findings`] turns the same facts into result findings: one evidence
//! finding per region and per innovation, exclusions, unknown eligibility
//! and measured levels that replaced a stated one.

use rust_decimal::Decimal;

use crate::text::messages as text;
use serde::Serialize;

use crate::model::evidence::{EvidenceProblem, VerificationStatus};
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;
use crate::scoring::assess::{Assessment, EvidenceState};
use crate::scoring::result::ModeComparison;
use crate::text::findings::{points, units_at_risk};

/// One answer that verification cuts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditItem {
    /// JSON path of the answer.
    pub path: String,
    pub indicator: String,
    pub indicator_name: String,
    /// Innovation id, for innovation rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation: Option<String>,
    pub claimed: u8,
    pub counted: u8,
    /// What is wrong with the evidence, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<EvidenceProblem>,
    /// The verifier's decision, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification: Option<VerificationStatus>,
    /// Index points lost if the answer counts only at `counted`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub points_at_risk: Decimal,
    pub message_id: String,
    pub message_en: String,
}

/// The evidence audit of a submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Audit {
    pub methodology: String,
    /// Both modes' headline figures and the gap.
    pub modes: ModeComparison,
    /// Answers cut by verification, most points at risk first.
    pub items: Vec<AuditItem>,
    /// Sum of the items' points at risk.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_points_at_risk: Decimal,
}

/// The evidence audit of an assessed submission.
pub fn audit(rubric: &CompiledRubric, sub: &Submission, a: &Assessment) -> Audit {
    let s = a.claimed.summary(rubric);
    let r = rubric.rubric();
    let mut items: Vec<AuditItem> = a
        .answers
        .iter()
        .filter(|x| x.counted < x.claimed)
        .map(|x| {
            let ind = &r.indicators[x.indicator];
            let (why_id, why_en) = text::audit_reason(x);
            let who = x.innovation.map(|j| sub.innovations[j].id.clone());
            let (pre_id, pre_en) = text::innovation_prefix(who.as_deref());
            AuditItem {
                path: x.path.clone(),
                indicator: ind.code.clone(),
                indicator_name: ind.name.clone(),
                innovation: who,
                claimed: x.claimed,
                counted: x.counted,
                problem: match x.evidence {
                    EvidenceState::Problem(p) => Some(p),
                    _ => None,
                },
                verification: x.verification,
                points_at_risk: points(rubric, &s, units_at_risk(rubric, &s, x)),
                message_id: format!(
                    "{pre_id}indikator {} ({}): {why_id}; dihitung {} dari {}.",
                    ind.code, ind.name, x.counted, x.claimed
                ),
                message_en: format!(
                    "{pre_en}indicator {} ({}): {why_en}; counted {} of {}.",
                    ind.code,
                    ind.name_en.as_deref().unwrap_or(&ind.name),
                    x.counted,
                    x.claimed
                ),
            }
        })
        .collect();
    items.sort_by(|x, y| {
        y.points_at_risk
            .cmp(&x.points_at_risk)
            .then_with(|| x.path.cmp(&y.path))
    });
    let total: i128 = a
        .answers
        .iter()
        .filter(|x| x.counted < x.claimed)
        .map(|x| units_at_risk(rubric, &s, x))
        .sum();
    Audit {
        methodology: r.id.clone(),
        modes: ModeComparison::of(rubric, a),
        total_points_at_risk: points(rubric, &s, total),
        items,
    }
}
