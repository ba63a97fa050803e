//! Assessment: a submission checked against a rubric, answer by answer,
//! in both score modes at once.
//!
//! - **self** (penilaian mandiri): the claimed levels count.
//! - **verified**: an answer counts only as the rules in
//!   [`crate::model::evidence`] allow (acceptable evidence, the verifier's level).
//!
//! Both modes share the rules that do not depend on evidence: measured
//! values give levels by the band rule of [`crate::model::measure`]; innovations
//! the rubric's eligibility excludes (a stage or an implementation date
//! outside the window) are left out of the count and the average; the
//! rubric's mandatory rule is applied to unanswered (self) or unproven
//! (verified) mandatory rows. Missing metadata is never an exclusion.
//! When no answer at all survives verification, the verified mode gives
//! the not-assessable predicate (the guideline's "nothing evidence-based").

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::model::rubric::{CompiledRubric, Eligibility, Slot};
use crate::model::submission::{Submission, MAX_INNOVATIONS};
use crate::model::values::{word_count, Date, Stage, MAX_DESIGN_CHARS};
use crate::scoring::answer::check_answer;
pub(crate) use crate::scoring::answer::check_text;
pub use crate::scoring::answer::{AnswerCheck, EvidenceState, MeasureNote, RowRef};
use crate::scoring::matrix::apply_mandatory_rule;
use crate::scoring::{basic_bit, resolve_affair, LevelMatrix};

/// Which levels count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Mode {
    /// Self-assessment: claimed levels.
    #[default]
    #[serde(rename = "self")]
    SelfAssessment,
    /// What survives verification.
    #[serde(rename = "verified")]
    Verified,
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "self" => Ok(Mode::SelfAssessment),
            "verified" => Ok(Mode::Verified),
            _ => Err(format!("mode \"{s}\" is neither \"self\" nor \"verified\"")),
        }
    }
}

/// Why an innovation is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// Its stage is not one the rubric counts.
    Stage,
    /// Implemented before the window opens.
    ImplementedTooEarly,
    /// Implemented after the window closes.
    ImplementedTooLate,
    /// Its design document has fewer words than the rubric asks.
    DesignTooShort,
    /// Already entered in as many earlier assessment years as the
    /// rubric's `max_entries` allows.
    EntryLimit,
}

/// A submission assessed in both modes.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Claimed levels (self mode), eligible innovations only.
    pub claimed: LevelMatrix,
    /// Levels the verified mode counts.
    pub verified: LevelMatrix,
    /// Every answered row (claimed level above 0).
    pub answers: Vec<AnswerCheck>,
    /// Innovations left out, by submission index.
    pub excluded: Vec<(usize, Exclusion)>,
    /// Innovations whose eligibility cannot be checked: submission index
    /// and the missing fields.
    pub unknown_eligibility: Vec<(usize, Vec<&'static str>)>,
    /// Measured answers whose stated level was replaced.
    pub measure_notes: Vec<MeasureNote>,
}

impl Assessment {
    /// The level matrix of a mode.
    pub fn prepared(&self, mode: Mode) -> &LevelMatrix {
        match mode {
            Mode::SelfAssessment => &self.claimed,
            Mode::Verified => &self.verified,
        }
    }
}

/// Whether the rubric's eligibility leaves an innovation out, and the
/// metadata missing to tell. The design-document rule counts words as
/// whitespace-separated tokens; no text at all is not an exclusion (the
/// result says so in a finding). `earlier_entries` is the number of
/// assessment years the innovation was entered in before this one.
pub(crate) fn eligibility(
    el: &Eligibility,
    stage: Option<Stage>,
    implemented_on: Option<Date>,
    design_words: Option<usize>,
    earlier_entries: usize,
) -> (Option<Exclusion>, Vec<&'static str>) {
    let mut missing = Vec::new();
    let mut out = None;
    match stage {
        Some(s) if !el.stages.is_empty() && !el.stages.contains(&s) => out = Some(Exclusion::Stage),
        None if !el.stages.is_empty() => missing.push("stage"),
        _ => {}
    }
    match implemented_on {
        Some(d) if el.implemented_from.is_some_and(|f| d < f) => {
            out = out.or(Some(Exclusion::ImplementedTooEarly))
        }
        Some(d) if el.implemented_to.is_some_and(|t| d > t) => {
            out = out.or(Some(Exclusion::ImplementedTooLate))
        }
        None if el.implemented_from.is_some() || el.implemented_to.is_some() => {
            missing.push("implemented_on")
        }
        _ => {}
    }
    if let (Some(min), Some(words)) = (el.design_min_words, design_words) {
        if words < min as usize {
            out = out.or(Some(Exclusion::DesignTooShort));
        }
    }
    if let Some(max) = el.max_entries {
        if earlier_entries as u64 >= u64::from(max.get()) {
            out = out.or(Some(Exclusion::EntryLimit));
        }
    }
    (out, missing)
}

/// The distinct assessment years before `year` in which an innovation was
/// entered (all the years it lists when the rubric names no year), in
/// increasing order.
#[cfg(feature = "years")]
pub fn earlier_entries(entered_before: &[u16], year: Option<u16>) -> Vec<u16> {
    let mut years: Vec<u16> = Vec::new();
    for &y in entered_before {
        if matches!(year, Some(t) if y >= t) {
            continue;
        }
        if let Err(at) = years.binary_search(&y) {
            years.insert(at, y);
        }
    }
    years
}

/// How many earlier years an innovation was entered in (the entry limit
/// is applied with the `years` feature only: without it, no submission
/// carries earlier years).
#[cfg(feature = "years")]
fn entries(inv: &crate::model::submission::Innovation, year: Option<u16>) -> usize {
    earlier_entries(&inv.entered_before, year).len()
}

#[cfg(not(feature = "years"))]
fn entries(_: &crate::model::submission::Innovation, _: Option<u16>) -> usize {
    0
}

/// Check a submission against a rubric and lay it out in both modes.
///
/// Errors: unknown indicator codes, a region code inside an innovation (or
/// the reverse), levels above the indicator's parameters, measurements on
/// rows that take none (or unknown categories and bases), a verified level
/// above the claim, malformed evidence, duplicate or empty innovation ids,
/// malformed affairs, too many innovations, over-long text.
pub fn assess(rubric: &CompiledRubric, sub: &Submission) -> Result<Assessment, InputError> {
    assess_inner(rubric, sub, true)
}

/// As [`assess`], leaving out the answer-by-answer list (the national
/// scoring path needs only the matrices).
pub(crate) fn assess_inner(
    rubric: &CompiledRubric,
    sub: &Submission,
    collect: bool,
) -> Result<Assessment, InputError> {
    if sub.innovations.len() > MAX_INNOVATIONS {
        return Err(InputError::TooLarge {
            path: "innovations".into(),
            actual: sub.innovations.len(),
            limit: MAX_INNOVATIONS,
        });
    }
    let r = rubric.rubric();
    let mut notes = Vec::new();
    let mut answers = Vec::new();
    let mut region = vec![0u8; rubric.region_len()];
    let mut region_v = vec![0u8; rubric.region_len()];
    rubric.slots_sorted(sub.spd.iter(), |code, answer, slot| match slot {
        Some(Slot::Region(i)) => {
            let path = || format!("spd.{code}");
            let ri = rubric.region[i].rubric_index;
            let c = check_answer(
                rubric,
                answer,
                &r.indicators[ri],
                rubric.region_max_level(i),
                &path,
                &mut notes,
            )?;
            region[i] = c.claimed;
            region_v[i] = c.counted;
            if collect && c.claimed > 0 {
                answers.push(AnswerCheck {
                    path: path(),
                    row: RowRef::Region(i),
                    indicator: ri,
                    innovation: None,
                    claimed: c.claimed,
                    counted: c.counted,
                    evidence: c.evidence,
                    verification: c.verification,
                });
            }
            Ok(())
        }
        Some(Slot::Innovation(_)) | Some(Slot::Count) => Err(InputError::WrongScope {
            path: format!("spd.{code}"),
            code: code.clone(),
            expected: "each innovation's levels".into(),
        }),
        None => Err(InputError::UnknownIndicator {
            path: format!("spd.{code}"),
            code: code.clone(),
            methodology: rubric.id().to_string(),
        }),
    })?;

    let k = rubric.innovation_len();
    let n = sub.innovations.len();
    let mut innovation = Vec::with_capacity(n * k);
    let mut innovation_v = Vec::with_capacity(n * k);
    let mut affairs = Vec::with_capacity(n);
    let mut mask = Vec::with_capacity(n);
    let mut source = Vec::with_capacity(n);
    let mut ids = HashSet::with_capacity(n);
    let mut excluded = Vec::new();
    let mut unknown_eligibility = Vec::new();
    let mut row = vec![0u8; k];
    let mut row_v = vec![0u8; k];
    let mut row_answers = Vec::new();
    for (j, inv) in sub.innovations.iter().enumerate() {
        if inv.id.trim().is_empty() {
            return Err(InputError::Invalid {
                path: format!("innovations[{j}].id"),
                message: "innovation id must not be empty".into(),
            });
        }
        check_text(|| format!("innovations[{j}].id"), &inv.id)?;
        if let Some(name) = &inv.name {
            check_text(|| format!("innovations[{j}].name"), name)?;
        }
        if let Some(a) = &inv.agency {
            check_text(|| format!("innovations[{j}].agency"), a)?;
        }
        if let Some(d) = &inv.design {
            let n = d.chars().count();
            if n > MAX_DESIGN_CHARS {
                return Err(InputError::TooLarge {
                    path: format!("innovations[{j}].design"),
                    actual: n,
                    limit: MAX_DESIGN_CHARS,
                });
            }
        }
        if !ids.insert(inv.id.as_str()) {
            return Err(InputError::DuplicateId {
                path: format!("innovations[{j}].id"),
                id: inv.id.clone(),
            });
        }
        row.fill(0);
        row_v.fill(0);
        row_answers.clear();
        rubric.slots_sorted(inv.levels.iter(), |code, answer, slot| match slot {
            Some(Slot::Innovation(i)) => {
                let path = || format!("innovations[{j}].levels.{code}");
                let ri = rubric.innovation[i].rubric_index;
                let c = check_answer(
                    rubric,
                    answer,
                    &r.indicators[ri],
                    rubric.innovation_max_level(i),
                    &path,
                    &mut notes,
                )?;
                row[i] = c.claimed;
                row_v[i] = c.counted;
                if collect && c.claimed > 0 {
                    row_answers.push((path(), i, ri, c));
                }
                Ok(())
            }
            Some(Slot::Region(_)) => Err(InputError::WrongScope {
                path: format!("innovations[{j}].levels.{code}"),
                code: code.clone(),
                expected: "the region's spd answers".into(),
            }),
            Some(Slot::Count) => Err(InputError::WrongScope {
                path: format!("innovations[{j}].levels.{code}"),
                code: code.clone(),
                expected: "the engine (it is computed from the number of innovations)".into(),
            }),
            None => Err(InputError::UnknownIndicator {
                path: format!("innovations[{j}].levels.{code}"),
                code: code.clone(),
                methodology: rubric.id().to_string(),
            }),
        })?;
        let affair = resolve_affair(rubric, inv.urusan.as_deref(), j)?;

        if let Some(el) = &r.eligibility {
            let (out, missing) = eligibility(
                el,
                inv.stage,
                inv.implemented_on,
                inv.design.as_deref().map(word_count),
                entries(inv, r.year),
            );
            if let Some(why) = out {
                excluded.push((j, why));
                continue;
            }
            if !missing.is_empty() {
                unknown_eligibility.push((j, missing));
            }
        }
        let prepared_row = source.len();
        for (path, col, ri, c) in row_answers.drain(..) {
            answers.push(AnswerCheck {
                path,
                row: RowRef::Innovation {
                    row: prepared_row,
                    col,
                },
                indicator: ri,
                innovation: Some(j),
                claimed: c.claimed,
                counted: c.counted,
                evidence: c.evidence,
                verification: c.verification,
            });
        }
        innovation.extend_from_slice(&row);
        innovation_v.extend_from_slice(&row_v);
        mask.push(basic_bit(rubric, &affair));
        affairs.push(affair);
        source.push(j);
    }

    let mut claimed = LevelMatrix {
        region,
        innovation,
        affairs,
        basic_mask: mask,
        source,
        blocked: false,
    };
    let mut verified = LevelMatrix {
        region: region_v,
        innovation: innovation_v,
        ..claimed.clone()
    };
    apply_mandatory_rule(rubric, &mut claimed);
    apply_mandatory_rule(rubric, &mut verified);
    // A submission with nothing evidence-based is not assessable.
    if verified.all_zero() {
        verified.blocked = true;
    }
    Ok(Assessment {
        claimed,
        verified,
        answers,
        excluded,
        unknown_eligibility,
        measure_notes: notes,
    })
}

/// Check a submission against a rubric and lay out its claimed levels
/// (the self-assessment matrix). See [`crate::scoring::assess::assess`] for both
/// modes and the answer-by-answer checks.
pub fn prepare(rubric: &CompiledRubric, sub: &Submission) -> Result<LevelMatrix, InputError> {
    Ok(crate::scoring::assess::assess_inner(rubric, sub, false)?.claimed)
}
