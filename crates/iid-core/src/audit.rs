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
use serde::Serialize;

use crate::assess::{AnswerCheck, Assessment, EvidenceState, Exclusion, Mode, RowRef};
use crate::evidence::{EvidenceProblem, VerificationStatus};
use crate::result::{Finding, ModeComparison, Severity};
use crate::rubric::CompiledRubric;
use crate::scoring::Summary;
use crate::submission::Submission;

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

/// The answer's claimed-minus-counted row score in innovation-row units
/// (region rows weigh D times as much before averaging).
fn units_at_risk(rubric: &CompiledRubric, s: &Summary, a: &AnswerCheck) -> i128 {
    let delta = i64::from(a.claimed.saturating_sub(a.counted));
    match a.row {
        RowRef::Region(i) => {
            i128::from(rubric.region[i].weight_units * delta) * i128::from(s.divisor)
        }
        RowRef::Innovation { col, .. } => i128::from(rubric.innovation[col].weight_units * delta),
    }
}

/// Index points of a sum of units, rounded once.
fn points(rubric: &CompiledRubric, s: &Summary, units: i128) -> Decimal {
    s.index_points_of_innovation_units(rubric, units)
}

fn reason(a: &AnswerCheck) -> (String, String) {
    match (a.verification, a.evidence) {
        (Some(VerificationStatus::Rejected), _) => (
            "ditolak verifikator".into(),
            "rejected by the verifier".into(),
        ),
        (Some(VerificationStatus::Revise), _) => (
            "diminta perbaikan oleh verifikator".into(),
            "sent back for revision by the verifier".into(),
        ),
        (Some(VerificationStatus::Accepted), _) => (
            format!("verifikator menerima level {}", a.counted),
            format!("the verifier accepts level {}", a.counted),
        ),
        (_, EvidenceState::Problem(p)) => {
            let (id, en) = p.messages();
            (id.into(), en.into())
        }
        _ => (String::new(), String::new()),
    }
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
            let (why_id, why_en) = reason(x);
            let who = x.innovation.map(|j| sub.innovations[j].id.clone());
            let (pre_id, pre_en) = match &who {
                Some(id) => (format!("Inovasi {id}, "), format!("Innovation {id}, ")),
                None => (String::new(), String::new()),
            };
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

/// Findings about evidence, eligibility and measurements.
pub(crate) fn findings(
    rubric: &CompiledRubric,
    sub: &Submission,
    a: &Assessment,
    mode: Mode,
) -> Vec<Finding> {
    let r = rubric.rubric();
    let mut out = Vec::new();
    for (j, why) in &a.excluded {
        let inv = &sub.innovations[*j];
        let (path, id, en) = match why {
            Exclusion::Stage => (
                format!("innovations[{j}].stage"),
                format!(
                    "Inovasi {}: tahapan {} tidak dinilai; inovasi tidak dihitung.",
                    inv.id,
                    inv.stage.map_or("?", |s| crate::assess::stage_name(s).0)
                ),
                format!(
                    "Innovation {}: stage {} is not assessed; the innovation is left out.",
                    inv.id,
                    inv.stage.map_or("?", |s| crate::assess::stage_name(s).1)
                ),
            ),
            Exclusion::ImplementedTooEarly | Exclusion::ImplementedTooLate => {
                let el = r.eligibility.as_ref();
                let window = format!(
                    "{} s.d. {}",
                    el.and_then(|e| e.implemented_from)
                        .map_or("-".into(), |d| d.to_string()),
                    el.and_then(|e| e.implemented_to)
                        .map_or("-".into(), |d| d.to_string())
                );
                let date = inv.implemented_on.map_or("-".into(), |d| d.to_string());
                (
                    format!("innovations[{j}].implemented_on"),
                    format!(
                        "Inovasi {}: diterapkan {date}, di luar rentang {window}; inovasi tidak dihitung.",
                        inv.id
                    ),
                    format!(
                        "Innovation {}: implemented {date}, outside {}; the innovation is left out.",
                        inv.id,
                        window.replace("s.d.", "to")
                    ),
                )
            }
        };
        out.push(Finding::new(
            "innovation_ineligible",
            Severity::Warning,
            path,
            id,
            en,
        ));
    }
    for (j, missing) in &a.unknown_eligibility {
        let inv = &sub.innovations[*j];
        let list = missing.join(", ");
        out.push(Finding::new(
            "eligibility_unknown",
            Severity::Info,
            format!("innovations[{j}]"),
            format!(
                "Inovasi {}: {list} belum diisi; kelayakan tidak dapat diperiksa.",
                inv.id
            ),
            format!(
                "Innovation {}: {list} not given; eligibility cannot be checked.",
                inv.id
            ),
        ));
    }
    for m in &a.measure_notes {
        out.push(Finding::new(
            "measured_level_differs",
            Severity::Warning,
            m.path.clone(),
            format!(
                "Level yang diisi {} berbeda dari level hasil pengukuran {}; dipakai {}.",
                m.stated, m.measured, m.measured
            ),
            format!(
                "Stated level {} differs from the measured level {}; {} is used.",
                m.stated, m.measured, m.measured
            ),
        ));
    }
    // One evidence finding per region and per innovation.
    let s = a.claimed.summary(rubric);
    let mut groups: Vec<(Option<usize>, Vec<&AnswerCheck>)> = Vec::new();
    for x in a.answers.iter().filter(|x| x.counted < x.claimed) {
        match groups.last_mut() {
            Some((who, list)) if *who == x.innovation => list.push(x),
            _ => groups.push((x.innovation, vec![x])),
        }
    }
    for (who, list) in groups {
        let at_risk = points(
            rubric,
            &s,
            list.iter().map(|x| units_at_risk(rubric, &s, x)).sum(),
        );
        let mut rows: Vec<usize> = list.iter().map(|x| x.indicator).collect();
        rows.sort_unstable();
        let codes: Vec<String> = rows.iter().map(|&i| r.indicators[i].code.clone()).collect();
        let codes = codes.join(", ");
        let (path, pre_id, pre_en) = match who {
            Some(j) => (
                format!("innovations[{j}]"),
                format!("Inovasi {}", sub.innovations[j].id),
                format!("Innovation {}", sub.innovations[j].id),
            ),
            None => ("spd".to_string(), "SPD".to_string(), "SPD".to_string()),
        };
        let (verb_id, verb_en) = match mode {
            Mode::SelfAssessment => ("berisiko dipotong verifikasi", "at risk in verification"),
            Mode::Verified => ("tidak dihitung penuh", "not fully counted"),
        };
        out.push(Finding::new(
            "evidence_insufficient",
            Severity::Warning,
            path,
            format!(
                "{pre_id}: bukti dukung indikator {codes} belum memenuhi syarat; {at_risk} poin indeks {verb_id} (lihat iid check)."
            ),
            format!(
                "{pre_en}: evidence for indicators {codes} does not meet the requirement; {at_risk} index points {verb_en} (see iid check)."
            ),
        ));
    }
    out
}
