//! The level matrix: a submission checked against a rubric, its levels laid
//! out densely (one row of bytes per innovation), with each innovation's
//! affair resolved and the rubric's mandatory rule applied.
//! [`LevelMatrix::summary`] scores it without allocating; national runs,
//! the table module and the planner work on it directly.

use crate::error::InputError;
use crate::model::rubric::{CompiledRubric, MandatoryRule};
use crate::model::submission::MAX_INNOVATIONS;
use crate::scoring::summary::Summary;

/// Affair of an innovation as resolved against the rubric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AffairRef {
    /// No affair given.
    None,
    /// An affair the rubric lists (index into `Rubric::affairs`).
    Known(usize),
    /// Any other snake_case affair code.
    Other(String),
}

/// A submission checked against a rubric, levels in a dense matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelMatrix {
    /// Region levels, one per region row of the rubric.
    pub region: Vec<u8>,
    /// Innovation levels, row-major: innovation j's rows are
    /// `innovation[j * k .. (j + 1) * k]` with k the rubric's innovation rows.
    pub innovation: Vec<u8>,
    /// Each innovation's affair.
    pub affairs: Vec<AffairRef>,
    /// Each innovation's basic-service bit mask (0 or one bit).
    pub basic_mask: Vec<u64>,
    /// Submission index of each innovation row (ineligible innovations
    /// have no row).
    pub source: Vec<usize>,
    /// Set when the rubric's mandatory rule makes the submission not
    /// assessable.
    pub blocked: bool,
}

impl LevelMatrix {
    /// Whether no level at all is above 0.
    pub fn all_zero(&self) -> bool {
        self.region.iter().chain(&self.innovation).all(|&l| l == 0)
    }

    /// Number of innovations.
    pub fn innovation_count(&self) -> usize {
        self.affairs.len()
    }

    /// Build from dense levels (the fast path for tabular data). Levels are
    /// range-checked; `affairs[j]` is the raw affair spelling of innovation j.
    pub fn from_levels(
        rubric: &CompiledRubric,
        region: Vec<u8>,
        innovation: Vec<u8>,
        affairs: &[Option<&str>],
    ) -> Result<LevelMatrix, InputError> {
        let k = rubric.innovation_len();
        if region.len() != rubric.region_len() {
            return Err(InputError::Invalid {
                path: "spd".into(),
                message: format!(
                    "expected {} region levels, got {}",
                    rubric.region_len(),
                    region.len()
                ),
            });
        }
        if affairs.len() > MAX_INNOVATIONS {
            return Err(InputError::TooLarge {
                path: "innovations".into(),
                actual: affairs.len(),
                limit: MAX_INNOVATIONS,
            });
        }
        if innovation.len() != affairs.len() * k {
            return Err(InputError::Invalid {
                path: "innovations".into(),
                message: format!(
                    "expected {} innovation levels ({} innovations x {k} rows), got {}",
                    affairs.len() * k,
                    affairs.len(),
                    innovation.len()
                ),
            });
        }
        for (i, &l) in region.iter().enumerate() {
            let max = rubric.region_max_level(i);
            if l > max {
                return Err(InputError::LevelOutOfRange {
                    path: format!("spd.{}", rubric.region_code(i)),
                    level: u32::from(l),
                    max: u32::from(max),
                });
            }
        }
        for (idx, &l) in innovation.iter().enumerate() {
            let (j, i) = (idx / k, idx % k);
            let max = rubric.innovation_max_level(i);
            if l > max {
                return Err(InputError::LevelOutOfRange {
                    path: format!("innovations[{j}].levels.{}", rubric.innovation_code(i)),
                    level: u32::from(l),
                    max: u32::from(max),
                });
            }
        }
        let mut resolved = Vec::with_capacity(affairs.len());
        let mut mask = Vec::with_capacity(affairs.len());
        for (j, a) in affairs.iter().enumerate() {
            let r = resolve_affair(rubric, *a, j)?;
            mask.push(basic_bit(rubric, &r));
            resolved.push(r);
        }
        Ok(LevelMatrix {
            region,
            innovation,
            source: (0..resolved.len()).collect(),
            affairs: resolved,
            basic_mask: mask,
            blocked: false,
        })
    }

    /// Apply the rubric's mandatory rule, as [`prepare`] does, to a matrix
    /// built with [`LevelMatrix::from_levels`] (which leaves it unapplied).
    pub fn apply_mandatory_rule(&mut self, rubric: &CompiledRubric) {
        apply_mandatory_rule(rubric, self);
    }

    /// Score the matrix: integer sums only, no allocation.
    pub fn summary(&self, rubric: &CompiledRubric) -> Summary {
        let covered = self.basic_mask.iter().fold(0u64, |a, b| a | b);
        summarize(
            rubric,
            &self.region,
            &self.innovation,
            self.innovation_count() as u32,
            covered,
            self.blocked,
        )
    }
}

/// The summary of dense levels (`innovation` row-major, one row of the
/// rubric's innovation rows per innovation): [`LevelMatrix::summary`]
/// without the matrix, for callers that lay levels out themselves (the
/// table module reuses one buffer for every region).
pub(crate) fn summarize(
    rubric: &CompiledRubric,
    region: &[u8],
    innovation: &[u8],
    n: u32,
    covered: u64,
    blocked: bool,
) -> Summary {
    let region_units: i64 = region
        .iter()
        .zip(&rubric.region)
        .map(|(&l, c)| c.weight_units * i64::from(l))
        .sum();
    let k = rubric.innovation.len();
    let mut innovation_units: i64 = 0;
    if k > 0 {
        for row in innovation.chunks_exact(k) {
            innovation_units += row
                .iter()
                .zip(&rubric.innovation)
                .map(|(&l, c)| c.weight_units * i64::from(l))
                .sum::<i64>();
        }
    }
    let mut s = Summary::new(rubric, region_units, innovation_units, n, covered);
    s.blocked = blocked;
    s
}

pub(crate) fn basic_bit(rubric: &CompiledRubric, a: &AffairRef) -> u64 {
    match a {
        AffairRef::Known(i) => rubric.basic_bit[*i].map_or(0, |b| 1u64 << b),
        _ => 0,
    }
}

pub(crate) fn resolve_affair(
    rubric: &CompiledRubric,
    raw: Option<&str>,
    j: usize,
) -> Result<AffairRef, InputError> {
    Ok(match affair_known(rubric, raw, j)? {
        Some(Some(i)) => AffairRef::Known(i),
        Some(None) => AffairRef::Other(raw.unwrap_or_default().to_string()),
        None => AffairRef::None,
    })
}

/// The basic-service bit of an affair spelling ([`resolve_affair`]
/// without keeping the spelling).
pub(crate) fn affair_bit(
    rubric: &CompiledRubric,
    raw: Option<&str>,
    j: usize,
) -> Result<u64, InputError> {
    Ok(match affair_known(rubric, raw, j)? {
        Some(Some(i)) => basic_bit(rubric, &AffairRef::Known(i)),
        _ => 0,
    })
}

/// An affair spelling: none (`None`), one the rubric lists
/// (`Some(Some(index))`), or another snake_case code (`Some(None)`).
fn affair_known(
    rubric: &CompiledRubric,
    raw: Option<&str>,
    j: usize,
) -> Result<Option<Option<usize>>, InputError> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    if raw.trim().is_empty() {
        return Ok(None);
    }
    if let Some(i) = rubric.affair(raw) {
        return Ok(Some(Some(i)));
    }
    let ok = raw.len() <= 100
        && raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && raw.as_bytes()[0].is_ascii_lowercase();
    if !ok {
        return Err(InputError::Invalid {
            path: format!("innovations[{j}].urusan"),
            message: format!("\"{raw}\" is neither a known affair nor a snake_case affair code"),
        });
    }
    Ok(Some(None))
}

/// Apply the rubric's mandatory rule to a level matrix.
pub(crate) fn apply_mandatory_rule(rubric: &CompiledRubric, p: &mut LevelMatrix) {
    let blocked = mandatory_rule(rubric, &p.region, &mut p.innovation);
    if rubric.rubric().mandatory_rule == MandatoryRule::NotAssessable {
        p.blocked = blocked;
    }
}

/// Apply the rubric's mandatory rule to dense levels: zero the rows of an
/// innovation short of a mandatory answer (`innovation_zero`), or say
/// whether the submission is blocked (`not_assessable`).
pub(crate) fn mandatory_rule(
    rubric: &CompiledRubric,
    region: &[u8],
    innovation: &mut [u8],
) -> bool {
    let k = rubric.innovation_len();
    match rubric.rubric().mandatory_rule {
        MandatoryRule::Finding => false,
        MandatoryRule::InnovationZero => {
            if k == 0 {
                return false;
            }
            for row in innovation.chunks_exact_mut(k) {
                let short = rubric
                    .innovation
                    .iter()
                    .zip(row.iter())
                    .any(|(c, &l)| c.mandatory && l == 0);
                if short {
                    row.fill(0);
                }
            }
            false
        }
        MandatoryRule::NotAssessable => {
            let region_short = rubric
                .region
                .iter()
                .zip(region)
                .any(|(c, &l)| c.mandatory && l == 0);
            let innovation_short = k > 0
                && innovation.chunks_exact(k).any(|row| {
                    rubric
                        .innovation
                        .iter()
                        .zip(row.iter())
                        .any(|(c, &l)| c.mandatory && l == 0)
                });
            region_short || innovation_short
        }
    }
}
