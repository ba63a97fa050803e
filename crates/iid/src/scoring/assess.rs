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
use crate::model::evidence::{self, check_evidence, EvidenceProblem, VerificationStatus};
use crate::model::measure::{level_of, Measure};
use crate::model::rubric::{CompiledRubric, Eligibility, Indicator, Slot};
use crate::model::submission::{Answer, Submission, MAX_INNOVATIONS, MAX_TEXT_CHARS};
use crate::model::values::{Date, Stage};
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

/// Where an answer sits in the level matrices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRef {
    /// Region row `i`.
    Region(usize),
    /// Row `col` of the prepared innovation `row`.
    Innovation { row: usize, col: usize },
}

/// The state of an answer's evidence against its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "state", content = "problem")]
pub enum EvidenceState {
    /// The rubric asks no evidence for this row.
    NotRequired,
    /// The evidence meets the rule.
    Met,
    /// It does not, and why.
    Problem(EvidenceProblem),
}

/// One answered row, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerCheck {
    /// JSON path of the answer in the submission.
    pub path: String,
    pub row: RowRef,
    /// Index into `Rubric::indicators`.
    pub indicator: usize,
    /// Submission index of the innovation, for innovation rows.
    pub innovation: Option<usize>,
    pub claimed: u8,
    /// The level the verified mode counts.
    pub counted: u8,
    pub evidence: EvidenceState,
    pub verification: Option<VerificationStatus>,
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
}

/// A measured answer whose stated level differs from the measurement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureNote {
    pub path: String,
    pub stated: u8,
    pub measured: u8,
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

pub(crate) fn check_text(path: impl FnOnce() -> String, s: &str) -> Result<(), InputError> {
    let n = s.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(InputError::TooLarge {
            path: path(),
            actual: n,
            limit: MAX_TEXT_CHARS,
        });
    }
    Ok(())
}

/// The claimed level of an answer: its stated level, or the level its
/// measurement reaches under the band rule.
fn claimed_level(
    answer: &Answer,
    ind: &Indicator,
    max: u8,
    path: &dyn Fn() -> String,
    notes: &mut Vec<MeasureNote>,
) -> Result<u8, InputError> {
    let stated = answer.level().0;
    if stated > max {
        return Err(InputError::LevelOutOfRange {
            path: path(),
            level: u32::from(stated),
            max: u32::from(max),
        });
    }
    let Some(d) = answer.detail() else {
        return Ok(stated);
    };
    let measured = match (
        &ind.measure,
        d.value,
        d.category.as_deref(),
        d.basis.as_deref(),
    ) {
        (_, None, None, None) => None,
        (
            Some(Measure::Value {
                direction, bands, ..
            }),
            Some(v),
            None,
            None,
        ) => Some(level_of(v, *direction, bands)),
        (Some(Measure::Category { categories }), None, Some(c), None) => {
            let found = categories.iter().find(|k| {
                k.code.eq_ignore_ascii_case(c.trim()) || k.name.eq_ignore_ascii_case(c.trim())
            });
            match found {
                Some(k) => Some(k.level),
                None => {
                    let known: Vec<&str> = categories.iter().map(|k| k.code.as_str()).collect();
                    return Err(InputError::Invalid {
                        path: format!("{}.category", path()),
                        message: format!(
                            "\"{c}\" is not a category of indicator {} (known: {})",
                            ind.code,
                            known.join(", ")
                        ),
                    });
                }
            }
        }
        (Some(Measure::Basis { bases }), Some(v), None, Some(b)) => {
            match bases.iter().find(|k| k.code.eq_ignore_ascii_case(b.trim())) {
                Some(k) => Some(level_of(v, k.direction, &k.bands)),
                None => {
                    let known: Vec<&str> = bases.iter().map(|k| k.code.as_str()).collect();
                    return Err(InputError::Invalid {
                        path: format!("{}.basis", path()),
                        message: format!(
                            "\"{b}\" is not a basis of indicator {} (known: {})",
                            ind.code,
                            known.join(", ")
                        ),
                    });
                }
            }
        }
        (Some(Measure::Basis { .. }), _, _, _) => {
            return Err(InputError::Invalid {
                path: path(),
                message: format!("indicator {} takes a \"basis\" with a \"value\"", ind.code),
            })
        }
        (Some(Measure::Value { .. }), _, _, _) => {
            return Err(InputError::Invalid {
                path: path(),
                message: format!("indicator {} takes a numeric \"value\"", ind.code),
            })
        }
        (Some(Measure::Category { .. }), _, _, _) => {
            return Err(InputError::Invalid {
                path: path(),
                message: format!("indicator {} takes a \"category\"", ind.code),
            })
        }
        (None, _, _, _) => {
            return Err(InputError::Invalid {
                path: path(),
                message: format!(
                    "indicator {} takes a level 1..={max}, not a measurement",
                    ind.code
                ),
            })
        }
    };
    match measured {
        None => Ok(stated),
        Some(m) => {
            if d.level.is_some() && stated != m {
                notes.push(MeasureNote {
                    path: path(),
                    stated,
                    measured: m,
                });
            }
            Ok(m)
        }
    }
}

struct Checked {
    claimed: u8,
    counted: u8,
    evidence: EvidenceState,
    verification: Option<VerificationStatus>,
}

fn check_answer(
    rubric: &CompiledRubric,
    answer: &Answer,
    ind: &Indicator,
    max: u8,
    path: &dyn Fn() -> String,
    notes: &mut Vec<MeasureNote>,
) -> Result<Checked, InputError> {
    let claimed = claimed_level(answer, ind, max, path, notes)?;
    let detail = answer.detail();
    let items = detail.map_or(&[][..], |d| d.evidence.as_slice());
    for (k, e) in items.iter().enumerate() {
        evidence::check_item(e).map_err(|(field, message)| InputError::Invalid {
            path: format!("{}.evidence[{k}].{field}", path()),
            message,
        })?;
    }
    let verification = detail.and_then(|d| d.verification.as_ref());
    if let Some(v) = verification {
        if let Some(l) = v.level {
            if l.0 > claimed {
                return Err(InputError::VerificationAboveClaim {
                    path: format!("{}.verification.level", path()),
                    verified: u32::from(l.0),
                    claimed: u32::from(claimed),
                });
            }
        }
    }
    let rule = (claimed > 0)
        .then(|| ind.parameters.get(usize::from(claimed) - 1))
        .flatten()
        .and_then(|p| p.evidence.as_ref())
        .or(ind.evidence.as_ref());
    let evidence = match rule {
        None => EvidenceState::NotRequired,
        Some(r) => match check_evidence(items, r, rubric.rubric().year.map(i32::from)) {
            Ok(()) => EvidenceState::Met,
            Err(p) => EvidenceState::Problem(p),
        },
    };
    let ok = !matches!(evidence, EvidenceState::Problem(_));
    Ok(Checked {
        claimed,
        counted: if claimed == 0 {
            0
        } else {
            evidence::counted_level(claimed, verification, ok)
        },
        evidence,
        verification: verification.map(|v| v.status),
    })
}

/// Whether the rubric's eligibility leaves an innovation out, and the
/// metadata missing to tell.
pub(crate) fn eligibility(
    el: &Eligibility,
    stage: Option<Stage>,
    implemented_on: Option<Date>,
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
    (out, missing)
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
            let (out, missing) = eligibility(el, inv.stage, inv.implemented_on);
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
