//! The engine's sentences that are not findings of a scored result:
//! evidence problems, stage names, why verification cuts an answer, and a
//! plan's outcome, each in Indonesian and English.

use rust_decimal::Decimal;

use crate::model::evidence::{EvidenceProblem, VerificationStatus};
use crate::model::values::Stage;
use crate::scoring::answer::{AnswerCheck, EvidenceState};

/// An evidence problem in Indonesian and English.
pub fn evidence_problem(p: EvidenceProblem) -> (&'static str, &'static str) {
    match p {
        EvidenceProblem::Missing => ("bukti dukung belum diunggah", "no evidence uploaded"),
        EvidenceProblem::WrongKind => (
            "jenis bukti dukung tidak sesuai",
            "evidence is not of an accepted kind",
        ),
        EvidenceProblem::OutOfWindow => (
            "bukti dukung di luar rentang tahun yang diminta",
            "evidence issued outside the required years",
        ),
        EvidenceProblem::Undated => (
            "tanggal bukti dukung tidak diisi",
            "evidence has no issue date",
        ),
        EvidenceProblem::UrlMissing => ("tautan (URL) wajib diisi", "a URL is required"),
        EvidenceProblem::TooFew => (
            "jumlah bukti dukung kurang",
            "fewer evidence items than required",
        ),
    }
}

/// Stages, for messages.
pub fn stage_name(s: Stage) -> (&'static str, &'static str) {
    match s {
        Stage::Initiative => ("inisiatif", "initiative"),
        Stage::Trial => ("uji coba", "trial"),
        Stage::Implemented => ("penerapan", "implemented"),
    }
}

/// Why verification cuts an answer, in Indonesian and English.
pub fn audit_reason(a: &AnswerCheck) -> (String, String) {
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
            let (id, en) = evidence_problem(p);
            (id.into(), en.into())
        }
        _ => (String::new(), String::new()),
    }
}

/// The outcome of a plan in one sentence, Indonesian and English.
///
/// `what` names the target: `Sangat Inovatif (65.01)` or an index value.
pub fn plan_outcome(
    what: &str,
    reachable: bool,
    nothing_to_do: bool,
    cost: Decimal,
    index: &Decimal,
    k: usize,
) -> (String, String) {
    match (reachable, nothing_to_do) {
        (true, true) => (
            format!("Target {what} sudah tercapai: indeks {index}."),
            format!("Target {what} is already reached: index {index}."),
        ),
        (true, false) => (
            format!(
                "Rencana termurah mencapai {what}: indeks {index}, biaya {cost}, {k} inovasi baru."
            ),
            format!(
                "The cheapest plan reaches {what}: index {index}, cost {cost}, {k} new innovations."
            ),
        ),
        (false, _) => (
            format!(
                "Target {what} tidak dapat dicapai dengan langkah yang diizinkan; rencana terbaik mencapai indeks {index} (biaya {cost})."
            ),
            format!(
                "Target {what} cannot be reached with the allowed steps; the best plan reaches index {index} (cost {cost})."
            ),
        ),
    }
}

/// "Innovation X, " before an innovation's answer, or nothing for a region
/// answer.
pub fn innovation_prefix(id: Option<&str>) -> (String, String) {
    match id {
        Some(id) => (format!("Inovasi {id}, "), format!("Innovation {id}, ")),
        None => (String::new(), String::new()),
    }
}

/// The name a plan gives the n-th innovation it adds when the template
/// names none (Indonesian: the name is data of the submission).
pub fn new_innovation_name(n: usize) -> String {
    format!("Inovasi baru {n}")
}
