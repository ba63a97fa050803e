//! The index formula.
//!
//! ```text
//! SPD   = sum of region row scores            (row score = weight x level)
//! SID   = sum over innovations of their rows / MAX(d, n) + count score
//! count = points x MIN(n, cap) if the basic-service condition holds, else 0
//! Total = SPD + SID;  IID = Total / maximum Total x 100
//! ```
//!
//! Arithmetic is exact: weights are integers of 10^-scale (the rubric's
//! finest decimal), sums are integers, and every reported figure is one
//! integer quotient rounded once, half-up, to the rubric's decimals. The
//! predicate is read from the index rounded to `index_decimals` (2).
//!
//! [`prepare`] checks a [`Submission`] against a rubric and lays its levels
//! out as a dense matrix ([`Prepared`]); [`Prepared::summary`] scores that
//! matrix without allocating, which is what national runs and the planner use.

use rust_decimal::Decimal;

use crate::error::InputError;
use crate::rubric::{Aggregation, CompiledRubric};
use crate::submission::{Submission, MAX_INNOVATIONS};

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
pub struct Prepared {
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

impl Prepared {
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
    ) -> Result<Prepared, InputError> {
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
        Ok(Prepared {
            region,
            innovation,
            source: (0..resolved.len()).collect(),
            affairs: resolved,
            basic_mask: mask,
            blocked: false,
        })
    }

    /// Apply the rubric's mandatory rule, as [`prepare`] does, to a matrix
    /// built with [`Prepared::from_levels`] (which leaves it unapplied).
    pub fn apply_mandatory_rule(&mut self, rubric: &CompiledRubric) {
        crate::assess::apply_mandatory_rule(rubric, self);
    }

    /// Score the matrix: integer sums only, no allocation.
    pub fn summary(&self, rubric: &CompiledRubric) -> Summary {
        let region_units: i64 = self
            .region
            .iter()
            .zip(&rubric.region)
            .map(|(&l, c)| c.weight_units * i64::from(l))
            .sum();
        let k = rubric.innovation.len();
        let mut innovation_units: i64 = 0;
        if k > 0 {
            for row in self.innovation.chunks_exact(k) {
                innovation_units += row
                    .iter()
                    .zip(&rubric.innovation)
                    .map(|(&l, c)| c.weight_units * i64::from(l))
                    .sum::<i64>();
            }
        }
        let covered = self.basic_mask.iter().fold(0u64, |a, b| a | b);
        let mut s = Summary::new(
            rubric,
            region_units,
            innovation_units,
            self.innovation_count() as u32,
            covered,
        );
        s.blocked = self.blocked;
        s
    }
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
    let Some(raw) = raw else {
        return Ok(AffairRef::None);
    };
    if raw.trim().is_empty() {
        return Ok(AffairRef::None);
    }
    if let Some(i) = rubric.affair(raw) {
        return Ok(AffairRef::Known(i));
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
    Ok(AffairRef::Other(raw.to_string()))
}

/// Check a submission against a rubric and lay out its claimed levels
/// (the self-assessment matrix). See [`crate::assess::assess`] for both
/// modes and the answer-by-answer checks.
pub fn prepare(rubric: &CompiledRubric, sub: &Submission) -> Result<Prepared, InputError> {
    Ok(crate::assess::assess_inner(rubric, sub, false)?.claimed)
}

/// The headline figures of one scored submission, in integer units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// SPD score in units of 10^-scale.
    pub region_units: i64,
    /// Sum over innovations of their row scores, in units (not yet averaged).
    pub innovation_units: i64,
    /// Innovation-count score in units.
    pub count_units: i64,
    /// Number of innovations n.
    pub innovation_count: u32,
    /// The divisor MAX(d, n) (1 for a plain-sum rubric).
    pub divisor: u32,
    /// Bit mask of the basic-service affairs covered.
    pub basic_covered: u64,
    /// Index numerator and denominator: index = num / den exactly.
    pub index_num: i128,
    pub index_den: i128,
    /// Not assessable by the rubric's mandatory rule.
    pub blocked: bool,
}

impl Summary {
    pub(crate) fn new(
        rubric: &CompiledRubric,
        region_units: i64,
        innovation_units: i64,
        n: u32,
        basic_covered: u64,
    ) -> Summary {
        let count_units = count_units(rubric, n, basic_covered);
        let (divisor, index_num, index_den) = match rubric.rubric().aggregation {
            Aggregation::Normalized { min_divisor, .. } => {
                let d = min_divisor.max(n);
                let total = (i128::from(region_units) + i128::from(count_units)) * i128::from(d)
                    + i128::from(innovation_units);
                (
                    d,
                    total * 100,
                    i128::from(d) * i128::from(rubric.max_total_units()),
                )
            }
            Aggregation::Sum => (
                1,
                i128::from(region_units) + i128::from(innovation_units) + i128::from(count_units),
                i128::from(rubric.unit()),
            ),
        };
        Summary {
            region_units,
            innovation_units,
            count_units,
            innovation_count: n,
            divisor,
            basic_covered,
            index_num,
            index_den,
            blocked: false,
        }
    }

    /// Whether the submission can be assessed at all (it has innovations).
    pub fn assessable(&self) -> bool {
        self.innovation_count > 0 && !self.blocked
    }

    /// The index rounded half-up to the rubric's `index_decimals`
    /// (0 when not assessable).
    pub fn index(&self, rubric: &CompiledRubric) -> Decimal {
        let dp = rubric.rubric().rounding.index_decimals;
        if !self.assessable() {
            return Decimal::new(0, dp);
        }
        ratio(self.index_num, self.index_den, dp)
    }

    /// The index rounded half-up to the rubric's `exact_decimals`, normalised.
    pub fn index_exact(&self, rubric: &CompiledRubric) -> Decimal {
        if !self.assessable() {
            return Decimal::ZERO;
        }
        ratio(
            self.index_num,
            self.index_den,
            rubric.rubric().rounding.exact_decimals,
        )
        .normalize()
    }

    /// Label of the predicate band of the rounded index.
    pub fn predicate<'r>(&self, rubric: &'r CompiledRubric) -> &'r str {
        if !self.assessable() {
            return &rubric.not_assessable_band().label;
        }
        rubric
            .predicate_for(self.index(rubric))
            .map_or(rubric.rubric().not_assessable.as_str(), |b| {
                b.label.as_str()
            })
    }

    /// SPD score.
    pub fn spd_score(&self, rubric: &CompiledRubric) -> Decimal {
        rubric.units_to_decimal(self.region_units)
    }

    /// Average of the innovations' row scores over the divisor.
    pub fn innovation_average(&self, rubric: &CompiledRubric) -> Decimal {
        self.units_over_divisor(rubric, i128::from(self.innovation_units))
    }

    /// Innovation-count score.
    pub fn count_score(&self, rubric: &CompiledRubric) -> Decimal {
        rubric.units_to_decimal(self.count_units)
    }

    /// SID score: average of rows plus the count score.
    pub fn sid_score(&self, rubric: &CompiledRubric) -> Decimal {
        self.units_over_divisor(
            rubric,
            i128::from(self.innovation_units)
                + i128::from(self.count_units) * i128::from(self.divisor),
        )
    }

    /// Total = SPD + SID.
    pub fn total_score(&self, rubric: &CompiledRubric) -> Decimal {
        self.units_over_divisor(
            rubric,
            i128::from(self.innovation_units)
                + (i128::from(self.count_units) + i128::from(self.region_units))
                    * i128::from(self.divisor),
        )
    }

    /// Index points carried by `units` of innovation rows (before
    /// averaging), exact to the rubric's `exact_decimals`.
    pub fn index_points_of_innovation_units(
        &self,
        rubric: &CompiledRubric,
        units: i128,
    ) -> Decimal {
        let factor = match rubric.rubric().aggregation {
            Aggregation::Normalized { .. } => 100,
            Aggregation::Sum => 1,
        };
        ratio(
            units * factor,
            self.index_den,
            rubric.rubric().rounding.exact_decimals,
        )
        .normalize()
    }

    /// Index points carried by `units` of region rows.
    pub fn index_points_of_region_units(&self, rubric: &CompiledRubric, units: i128) -> Decimal {
        let factor = match rubric.rubric().aggregation {
            Aggregation::Normalized { .. } => 100 * i128::from(self.divisor),
            Aggregation::Sum => 1,
        };
        ratio(
            units * factor,
            self.index_den,
            rubric.rubric().rounding.exact_decimals,
        )
        .normalize()
    }

    /// `units / divisor` as a decimal rounded half-up to `exact_decimals`.
    pub(crate) fn units_over_divisor(&self, rubric: &CompiledRubric, units: i128) -> Decimal {
        ratio(
            units,
            i128::from(self.divisor) * i128::from(rubric.unit()),
            rubric.rubric().rounding.exact_decimals,
        )
        .normalize()
    }
}

/// Innovation-count score in units: points x MIN(n, cap), or 0 when fewer
/// basic-service affairs are covered than the rubric requires.
pub(crate) fn count_units(rubric: &CompiledRubric, n: u32, covered: u64) -> i64 {
    let Some(rule) = &rubric.rubric().innovation_count else {
        return 0;
    };
    if let Some(req) = rule.basic_services_required {
        if covered.count_ones() < req {
            return 0;
        }
    }
    let counted = rule.cap.map_or(n, |c| n.min(c));
    rubric.count_points_units * i64::from(counted)
}

/// num / den rounded half-up (away from zero for the non-negative values
/// the engine produces) to `dp` decimal places, exactly.
pub fn ratio(num: i128, den: i128, dp: u32) -> Decimal {
    if den == 0 {
        return Decimal::new(0, dp);
    }
    let scaled = num * 10i128.pow(dp);
    let (q, r) = (scaled / den, scaled % den);
    let q = if 2 * r.abs() >= den.abs() {
        q + scaled.signum() * den.signum()
    } else {
        q
    };
    Decimal::try_from_i128_with_scale(q, dp).unwrap_or(Decimal::MAX)
}
