//! One answer checked: its claimed level (stated, or read from its
//! measurement), its evidence against the rubric's rule, the verifier's
//! decision, and where it sits in the level matrices.

use crate::error::InputError;
use crate::model::evidence::{
    self, check_evidence, EvidenceProblem, EvidenceRule, VerificationStatus,
};
use crate::model::measure::{level_of, Measure};
use crate::model::rubric::{CompiledRubric, Indicator};
use crate::model::submission::{Answer, MAX_TEXT_CHARS};
use serde::Serialize;

/// A measured answer whose stated level differs from the measurement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureNote {
    pub path: String,
    pub stated: u8,
    pub measured: u8,
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
pub(super) fn claimed_level(
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

/// The evidence rule an answer at `level` must meet: its parameter's
/// own rule, else the indicator's; `None` when the rubric asks none.
pub(crate) fn evidence_rule(ind: &Indicator, level: u8) -> Option<&EvidenceRule> {
    (level > 0)
        .then(|| ind.parameters.get(usize::from(level) - 1))
        .flatten()
        .and_then(|p| p.evidence.as_ref())
        .or(ind.evidence.as_ref())
}

pub(super) struct Checked {
    pub(super) claimed: u8,
    pub(super) counted: u8,
    pub(super) evidence: EvidenceState,
    pub(super) verification: Option<VerificationStatus>,
}

pub(super) fn check_answer(
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
    let rule = evidence_rule(ind, claimed);
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
