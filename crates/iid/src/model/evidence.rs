//! Evidence (bukti dukung) and verification (verifikasi).
//!
//! An answer may carry evidence items and a verifier's decision. The
//! rubric states, per indicator and where it matters per parameter, what
//! evidence proves an answer ([`EvidenceRule`]). [`check_evidence`] says
//! whether an answer's evidence meets its rule and, if not, why;
//! [`counted_level`] applies the verification rules of the `verified`
//! score mode:
//!
//! - a verification `accepted` counts at the level it accepts (the claimed
//!   level when it gives none);
//! - `rejected` and `revise` count 0 (a revision request is not yet proof);
//! - `pending`, or no verification at all, counts the claimed level only
//!   when the evidence meets the rubric's rule, else 0;
//! - an indicator without an evidence rule needs no evidence.

use serde::{Deserialize, Serialize};

use crate::model::values::{Date, Level};

/// Kinds of evidence the guideline's evidence rows name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Perda, Perkada (peraturan).
    Regulation,
    /// SK, keputusan.
    Decree,
    /// Letter of assignment (surat tugas, surat edaran).
    Letter,
    /// DPA, RKA, APBD excerpts.
    BudgetDocument,
    /// Planning document (RKPD, RPJMD) excerpts.
    PlanningDocument,
    /// Report (laporan).
    Report,
    /// Official statistics (BPS tables, audited figures).
    Statistics,
    /// Photo.
    Photo,
    /// Screenshot of a system or page.
    Screenshot,
    /// Video (with its URL).
    Video,
    /// News article or other online publication.
    NewsLink,
    /// Survey (SKM, research questionnaire).
    Survey,
    /// Agreement (MoU, PKS).
    Agreement,
    /// Guideline or manual (pedoman, SOP).
    Manual,
    /// Certificate (sertifikat, piagam).
    Certificate,
}

/// One evidence item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: EvidenceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Date the document was issued (or the photo taken, the video published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// SHA-256 of the uploaded file, 64 hexadecimal digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// A verifier's decision on an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// Not yet checked.
    Pending,
    /// Accepted, at the claimed level or the lower level given.
    Accepted,
    /// Sent back for revision (perbaikan).
    Revise,
    /// Rejected: the evidence does not prove the answer.
    Rejected,
}

/// The verification of one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub status: VerificationStatus,
    /// The level the verifier accepts (never above the claim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// A window of years relative to the assessment year T: `{"from": -2, "to": 0}`
/// is T-2 to T-0 inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct YearWindow {
    pub from: i32,
    pub to: i32,
}

/// What evidence proves an answer to an indicator (or to one parameter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EvidenceRule {
    /// Accepted kinds; an item of another kind does not count.
    pub kinds: Vec<EvidenceKind>,
    /// Least number of items of an accepted kind (within the window).
    #[serde(default = "one")]
    pub min_items: u32,
    /// Years, relative to the assessment year, in which an item must be
    /// issued; an undated item does not meet a window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<YearWindow>,
    /// Whether each counted item needs a URL (the video row).
    #[serde(default)]
    pub url_required: bool,
}

fn one() -> u32 {
    1
}

/// Why an answer's evidence falls short of its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceProblem {
    /// No evidence at all.
    Missing,
    /// Items given, none of an accepted kind.
    WrongKind,
    /// Items of the right kind, but issued outside the window.
    OutOfWindow,
    /// Items of the right kind without an issue date, where a window applies.
    Undated,
    /// Items of the right kind without the required URL.
    UrlMissing,
    /// Fewer qualifying items than required.
    TooFew,
}

impl VerificationStatus {
    /// The status as written in JSON (`accepted`).
    pub fn code(&self) -> &'static str {
        match self {
            VerificationStatus::Pending => "pending",
            VerificationStatus::Accepted => "accepted",
            VerificationStatus::Revise => "revise",
            VerificationStatus::Rejected => "rejected",
        }
    }
}

impl EvidenceProblem {
    /// The problem as written in JSON (`out_of_window`).
    pub fn code(&self) -> &'static str {
        match self {
            EvidenceProblem::Missing => "missing",
            EvidenceProblem::WrongKind => "wrong_kind",
            EvidenceProblem::OutOfWindow => "out_of_window",
            EvidenceProblem::Undated => "undated",
            EvidenceProblem::UrlMissing => "url_missing",
            EvidenceProblem::TooFew => "too_few",
        }
    }
}

/// Check evidence against a rule for an assessment year. `Ok(())` when
/// enough items are of an accepted kind, dated within the window and
/// carry a URL where one is required; otherwise the most telling problem.
pub fn check_evidence(
    items: &[Evidence],
    rule: &EvidenceRule,
    year: Option<i32>,
) -> Result<(), EvidenceProblem> {
    if items.is_empty() {
        return Err(EvidenceProblem::Missing);
    }
    let Tally {
        right_kind,
        dated_ok,
        qualifying,
        undated,
    } = tally(items, rule, year);
    if qualifying >= rule.min_items.max(1) {
        return Ok(());
    }
    Err(if right_kind == 0 {
        EvidenceProblem::WrongKind
    } else if dated_ok == 0 && undated > 0 {
        EvidenceProblem::Undated
    } else if dated_ok == 0 {
        EvidenceProblem::OutOfWindow
    } else if qualifying == 0 && rule.url_required {
        EvidenceProblem::UrlMissing
    } else {
        EvidenceProblem::TooFew
    })
}

struct Tally {
    right_kind: u32,
    dated_ok: u32,
    qualifying: u32,
    undated: u32,
}

fn tally(items: &[Evidence], rule: &EvidenceRule, year: Option<i32>) -> Tally {
    let mut right_kind = 0u32;
    let mut dated_ok = 0u32;
    let mut qualifying = 0u32;
    let mut undated = 0u32;
    for e in items {
        if !rule.kinds.contains(&e.kind) {
            continue;
        }
        right_kind += 1;
        let in_window = match (rule.window, year) {
            (Some(w), Some(t)) => match e.issued {
                Some(d) => d.year >= t + w.from && d.year <= t + w.to,
                None => {
                    undated += 1;
                    false
                }
            },
            _ => true,
        };
        if !in_window {
            continue;
        }
        dated_ok += 1;
        if rule.url_required && e.url.as_deref().is_none_or(str::is_empty) {
            continue;
        }
        qualifying += 1;
    }
    Tally {
        right_kind,
        dated_ok,
        qualifying,
        undated,
    }
}

/// How many more qualifying items (of an accepted kind, within the
/// window, with a URL where one is required) `items` need to meet `rule`:
/// 0 when they meet it.
pub fn missing_items(items: &[Evidence], rule: &EvidenceRule, year: Option<i32>) -> u32 {
    rule.min_items
        .max(1)
        .saturating_sub(tally(items, rule, year).qualifying)
}

/// What the verified mode counts for a claimed level.
pub fn counted_level(claimed: u8, verification: Option<&Verification>, evidence_ok: bool) -> u8 {
    match verification.map(|v| (v.status, v.level)) {
        Some((VerificationStatus::Accepted, Some(l))) => l.0.min(claimed),
        Some((VerificationStatus::Accepted, None)) => claimed,
        Some((VerificationStatus::Rejected, _)) | Some((VerificationStatus::Revise, _)) => 0,
        Some((VerificationStatus::Pending, _)) | None => {
            if evidence_ok {
                claimed
            } else {
                0
            }
        }
    }
}

/// Check the shape of an evidence item's fields (URL scheme, digest).
pub(crate) fn check_item(e: &Evidence) -> Result<(), (&'static str, String)> {
    if let Some(url) = &e.url {
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 2000 {
            return Err(("url", format!("\"{url}\" is not an http(s) URL")));
        }
    }
    if let Some(h) = &e.sha256 {
        if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(("sha256", "sha256 must be 64 hexadecimal digits".into()));
        }
    }
    if let Some(t) = &e.title {
        if t.chars().count() > crate::model::values::MAX_TEXT_CHARS {
            return Err(("title", "title longer than 1000 characters".into()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: EvidenceKind, issued: Option<&str>, url: Option<&str>) -> Evidence {
        Evidence {
            kind,
            title: None,
            issued: issued.map(|d| Date::parse(d).unwrap()),
            url: url.map(String::from),
            sha256: None,
        }
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-13-01").is_err());
        assert!(Date::parse("2024-1-01").is_err());
        assert!(Date::parse("01-02-2024").is_err());
        assert!(Date::parse("2024-04-31").is_err());
        assert_eq!(Date::parse("2025-12-31").unwrap().to_string(), "2025-12-31");
    }

    #[test]
    fn evidence_rules() {
        use EvidenceKind::*;
        let rule = EvidenceRule {
            kinds: vec![Regulation, Decree],
            min_items: 1,
            window: Some(YearWindow { from: -2, to: 0 }),
            url_required: false,
        };
        let t = Some(2026);
        assert_eq!(check_evidence(&[], &rule, t), Err(EvidenceProblem::Missing));
        assert_eq!(
            check_evidence(&[item(Photo, Some("2025-01-01"), None)], &rule, t),
            Err(EvidenceProblem::WrongKind)
        );
        // T-2 = 2024 is inside, 2023 outside.
        assert_eq!(
            check_evidence(&[item(Decree, Some("2024-01-01"), None)], &rule, t),
            Ok(())
        );
        assert_eq!(
            check_evidence(&[item(Decree, Some("2023-12-31"), None)], &rule, t),
            Err(EvidenceProblem::OutOfWindow)
        );
        assert_eq!(
            check_evidence(&[item(Decree, None, None)], &rule, t),
            Err(EvidenceProblem::Undated)
        );
        let video = EvidenceRule {
            kinds: vec![Video],
            min_items: 1,
            window: None,
            url_required: true,
        };
        assert_eq!(
            check_evidence(&[item(Video, None, None)], &video, t),
            Err(EvidenceProblem::UrlMissing)
        );
        assert_eq!(
            check_evidence(&[item(Video, None, Some("https://youtu.be/x"))], &video, t),
            Ok(())
        );
        let two = EvidenceRule {
            min_items: 2,
            ..video.clone()
        };
        assert_eq!(
            check_evidence(&[item(Video, None, Some("https://a"))], &two, t),
            Err(EvidenceProblem::TooFew)
        );
    }

    #[test]
    fn verification_rules() {
        let v = |status, level: Option<u8>| Verification {
            status,
            level: level.map(Level),
            note: None,
            verifier: None,
            date: None,
        };
        use VerificationStatus::*;
        assert_eq!(counted_level(3, Some(&v(Accepted, Some(2))), false), 2);
        assert_eq!(counted_level(3, Some(&v(Accepted, None)), false), 3);
        assert_eq!(counted_level(3, Some(&v(Rejected, None)), true), 0);
        assert_eq!(counted_level(3, Some(&v(Revise, None)), true), 0);
        assert_eq!(counted_level(3, Some(&v(Pending, None)), true), 3);
        assert_eq!(counted_level(3, Some(&v(Pending, None)), false), 0);
        assert_eq!(counted_level(2, None, true), 2);
        assert_eq!(counted_level(2, None, false), 0);
    }
}
