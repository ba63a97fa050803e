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
//! out as a dense matrix ([`LevelMatrix`]); [`LevelMatrix::summary`] scores that
//! matrix without allocating, which is what national runs and the planner use.

use rust_decimal::Decimal;

use crate::model::rubric::{Aggregation, CompiledRubric};

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
        normalized(ratio(
            self.index_num,
            self.index_den,
            rubric.rubric().rounding.exact_decimals,
        ))
    }

    /// Label of the predicate band of the rounded index.
    pub fn predicate<'r>(&self, rubric: &'r CompiledRubric) -> &'r str {
        self.predicate_of(rubric, self.index(rubric))
    }

    /// [`Summary::predicate`] given the rounded index already computed.
    pub(crate) fn predicate_of<'r>(&self, rubric: &'r CompiledRubric, index: Decimal) -> &'r str {
        if !self.assessable() {
            return &rubric.not_assessable_band().label;
        }
        rubric
            .predicate_for(index)
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
        normalized(ratio(
            units * factor,
            self.index_den,
            rubric.rubric().rounding.exact_decimals,
        ))
    }

    /// Index points carried by `units` of region rows.
    pub fn index_points_of_region_units(&self, rubric: &CompiledRubric, units: i128) -> Decimal {
        let factor = match rubric.rubric().aggregation {
            Aggregation::Normalized { .. } => 100 * i128::from(self.divisor),
            Aggregation::Sum => 1,
        };
        normalized(ratio(
            units * factor,
            self.index_den,
            rubric.rubric().rounding.exact_decimals,
        ))
    }

    /// `units / divisor` as a decimal rounded half-up to `exact_decimals`.
    pub(crate) fn units_over_divisor(&self, rubric: &CompiledRubric, units: i128) -> Decimal {
        normalized(ratio(
            units,
            i128::from(self.divisor) * i128::from(rubric.unit()),
            rubric.rubric().rounding.exact_decimals,
        ))
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

/// `d` without trailing zeros (`Decimal::normalize`), in 64-bit
/// arithmetic when the digits fit.
pub(crate) fn normalized(d: Decimal) -> Decimal {
    match i64::try_from(d.mantissa()) {
        Ok(mut m) => {
            let mut scale = d.scale();
            while scale > 0 && m % 10 == 0 {
                m /= 10;
                scale -= 1;
            }
            Decimal::new(m, scale)
        }
        Err(_) => d.normalize(),
    }
}

/// num / den rounded half-up (away from zero for the non-negative values
/// the engine produces) to `dp` decimal places, exactly.
pub fn ratio(num: i128, den: i128, dp: u32) -> Decimal {
    if den == 0 {
        return Decimal::new(0, dp);
    }
    // The usual figures fit 64 bits: the same arithmetic in hardware
    // division (an i128 division is a library call, several times slower).
    if let (Ok(n), Ok(d)) = (i64::try_from(num), i64::try_from(den)) {
        if let Some(scaled) = 10i64.checked_pow(dp).and_then(|p| n.checked_mul(p)) {
            let (q, r) = (scaled / d, scaled % d);
            let q = if 2 * i128::from(r).abs() >= i128::from(d).abs() {
                q + scaled.signum() * d.signum()
            } else {
                q
            };
            return Decimal::new(q, dp);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The 64-bit path of `ratio` against the 128-bit one.
    #[test]
    fn ratio_in_64_bits_is_the_same_quotient() {
        let wide = |num: i128, den: i128, dp: u32| {
            let scaled = num * 10i128.pow(dp);
            let (q, r) = (scaled / den, scaled % den);
            let q = if 2 * r.abs() >= den.abs() {
                q + scaled.signum() * den.signum()
            } else {
                q
            };
            Decimal::try_from_i128_with_scale(q, dp).unwrap()
        };
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let num = i128::from((x % 3_000_000_000) as i64);
            let den = i128::from(((x >> 20) % 5_000_000) as i64 + 1);
            for dp in [0, 2, 10] {
                assert_eq!(
                    ratio(num, den, dp),
                    wide(num, den, dp),
                    "{num}/{den} dp {dp}"
                );
            }
        }
        for d in [
            "0.00",
            "-0.0",
            "46.1200000000",
            "12.5",
            "100",
            "0.0000000001",
            "-3.50",
        ] {
            let d: Decimal = d.parse().unwrap();
            let (a, b) = (normalized(d), d.normalize());
            assert_eq!((a, a.to_string()), (b, b.to_string()), "{d}");
        }
        assert_eq!(ratio(1, 2, 0), Decimal::from(1));
        assert_eq!(ratio(5, 1000, 2), Decimal::new(1, 2));
        assert_eq!(ratio(4, 1000, 2), Decimal::new(0, 2));
    }
}
