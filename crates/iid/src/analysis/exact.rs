//! The planner's view of a submission: the claimed levels *before* the
//! rubric's mandatory rule (so a raised row is seen for what it does) and
//! an incremental evaluator that scores one changed level, or one added
//! innovation, in constant time, with the same integer formula as
//! [`LevelMatrix::summary`] and the same mandatory rule as
//! [`crate::scoring::matrix::apply_mandatory_rule`].

use rust_decimal::Decimal;

use crate::model::rubric::{CompiledRubric, MandatoryRule};
use crate::scoring::assess::{Assessment, RowRef};
use crate::scoring::{basic_bit, ratio, AffairRef, LevelMatrix, Summary};

/// Claimed levels before the mandatory rule, eligible innovations only.
pub(crate) fn raw_levels(rubric: &CompiledRubric, a: &Assessment) -> LevelMatrix {
    let k = rubric.innovation_len();
    let mut p = a.claimed.clone();
    p.blocked = false;
    p.region.fill(0);
    p.innovation.fill(0);
    for ans in &a.answers {
        match ans.row {
            RowRef::Region(i) => p.region[i] = ans.claimed,
            RowRef::Innovation { row, col } => p.innovation[row * k + col] = ans.claimed,
        }
    }
    p
}

/// Score raw levels with the rubric's mandatory rule applied (the slow,
/// obviously right path the tracker is checked against).
#[cfg(test)]
pub(crate) fn evaluate(rubric: &CompiledRubric, raw: &LevelMatrix) -> Summary {
    let mut p = raw.clone();
    crate::scoring::matrix::apply_mandatory_rule(rubric, &mut p);
    p.summary(rubric)
}

/// The exact index of a summary as a fraction (0 when not assessable).
pub(crate) fn exact(s: &Summary) -> (i128, i128) {
    if s.assessable() {
        (s.index_num, s.index_den)
    } else {
        (0, 1)
    }
}

/// `b - a` of two exact fractions, rounded half-up once to `dp` places.
pub(crate) fn difference(a: (i128, i128), b: (i128, i128), dp: u32) -> Decimal {
    if a.1 == b.1 {
        return ratio(b.0 - a.0, a.1, dp).normalize();
    }
    let cross =
        b.0.checked_mul(a.1)
            .zip(a.0.checked_mul(b.1))
            .and_then(|(x, y)| x.checked_sub(y));
    match (cross, a.1.checked_mul(b.1)) {
        (Some(num), Some(den)) => ratio(num, den, dp).normalize(),
        // Beyond i128 only for absurd custom rubrics: round each side.
        _ => (ratio(b.0, b.1, dp) - ratio(a.0, a.1, dp)).normalize(),
    }
}

/// Compare two exact fractions with positive denominators, without
/// overflow (continued-fraction expansion of both).
pub(crate) fn cmp_fraction(mut a: (i128, i128), mut b: (i128, i128)) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let mut flip = false;
    loop {
        if a.1 <= 0 || b.1 <= 0 {
            return Ordering::Equal;
        }
        let (qa, ra) = (a.0.div_euclid(a.1), a.0.rem_euclid(a.1));
        let (qb, rb) = (b.0.div_euclid(b.1), b.0.rem_euclid(b.1));
        let o = match (qa.cmp(&qb), ra == 0, rb == 0) {
            (Ordering::Equal, true, true) => return Ordering::Equal,
            (Ordering::Equal, true, false) => Ordering::Less,
            (Ordering::Equal, false, true) => Ordering::Greater,
            (Ordering::Equal, false, false) => {
                // ra/a1 against rb/b1 is b1/rb against a1/ra.
                a = (a.1, ra);
                b = (b.1, rb);
                flip = !flip;
                continue;
            }
            (o, _, _) => o,
        };
        return if flip { o.reverse() } else { o };
    }
}

/// Running totals of a raw level matrix, updated one level at a time.
#[derive(Debug, Clone)]
pub(crate) struct Tracker<'r> {
    rubric: &'r CompiledRubric,
    rule: MandatoryRule,
    raw: LevelMatrix,
    region_units: i64,
    /// Mandatory region rows at level 0.
    region_missing: u32,
    /// Each innovation's row units and mandatory rows at 0.
    inv_units: Vec<i64>,
    inv_missing: Vec<u32>,
    /// Units of the innovations that count (all, or under the
    /// innovation-zero rule those with every mandatory row answered).
    active_units: i64,
    /// Innovations with a mandatory row at 0.
    short_innovations: u32,
    covered: u64,
}

impl<'r> Tracker<'r> {
    pub(crate) fn new(rubric: &'r CompiledRubric, raw: LevelMatrix) -> Tracker<'r> {
        let k = rubric.innovation_len();
        let mut t = Tracker {
            rubric,
            rule: rubric.rubric().mandatory_rule,
            region_units: 0,
            region_missing: 0,
            inv_units: Vec::with_capacity(raw.affairs.len()),
            inv_missing: Vec::with_capacity(raw.affairs.len()),
            active_units: 0,
            short_innovations: 0,
            covered: raw.basic_mask.iter().fold(0, |a, b| a | b),
            raw,
        };
        for (c, &l) in rubric.region.iter().zip(&t.raw.region) {
            t.region_units += c.weight_units * i64::from(l);
            t.region_missing += u32::from(c.mandatory && l == 0);
        }
        for j in 0..t.raw.affairs.len() {
            let row = &t.raw.innovation[j * k..(j + 1) * k];
            let (units, missing) = row_totals(rubric, row);
            t.add_innovation_totals(units, missing);
        }
        t
    }

    fn add_innovation_totals(&mut self, units: i64, missing: u32) {
        self.inv_units.push(units);
        self.inv_missing.push(missing);
        if self.counts(missing) {
            self.active_units += units;
        }
        self.short_innovations += u32::from(missing > 0);
    }

    fn counts(&self, missing: u32) -> bool {
        self.rule != MandatoryRule::InnovationZero || missing == 0
    }

    /// Level of a row.
    pub(crate) fn level(&self, row: RowRef) -> u8 {
        match row {
            RowRef::Region(i) => self.raw.region[i],
            RowRef::Innovation { row, col } => {
                self.raw.innovation[row * self.rubric.innovation_len() + col]
            }
        }
    }

    fn make(&self, region_units: i64, active_units: i64, short: u32, rmiss: u32) -> Summary {
        let mut s = Summary::new(
            self.rubric,
            region_units,
            active_units,
            self.raw.affairs.len() as u32,
            self.covered,
        );
        s.blocked = self.rule == MandatoryRule::NotAssessable && (short > 0 || rmiss > 0);
        s
    }

    /// The summary of the levels as they stand.
    pub(crate) fn summary(&self) -> Summary {
        self.make(
            self.region_units,
            self.active_units,
            self.short_innovations,
            self.region_missing,
        )
    }

    /// Totals after setting `row` to `to`: (region units, active units,
    /// short innovations, missing region rows, innovation units, missing).
    fn after(&self, row: RowRef, to: u8) -> (i64, i64, u32, u32, i64, u32) {
        let from = self.level(row);
        match row {
            RowRef::Region(i) => {
                let c = &self.rubric.region[i];
                let rmiss = self.region_missing + u32::from(c.mandatory && to == 0)
                    - u32::from(c.mandatory && from == 0);
                (
                    self.region_units + c.weight_units * (i64::from(to) - i64::from(from)),
                    self.active_units,
                    self.short_innovations,
                    rmiss,
                    0,
                    0,
                )
            }
            RowRef::Innovation { row: j, col } => {
                let c = &self.rubric.innovation[col];
                let units = self.inv_units[j] + c.weight_units * (i64::from(to) - i64::from(from));
                let missing = self.inv_missing[j] + u32::from(c.mandatory && to == 0)
                    - u32::from(c.mandatory && from == 0);
                let mut active = self.active_units;
                if self.counts(self.inv_missing[j]) {
                    active -= self.inv_units[j];
                }
                if self.counts(missing) {
                    active += units;
                }
                let short = self.short_innovations - u32::from(self.inv_missing[j] > 0)
                    + u32::from(missing > 0);
                (
                    self.region_units,
                    active,
                    short,
                    self.region_missing,
                    units,
                    missing,
                )
            }
        }
    }

    /// The summary if `row` were at level `to` (nothing changes).
    pub(crate) fn summary_with(&self, row: RowRef, to: u8) -> Summary {
        let (r, a, short, rmiss, _, _) = self.after(row, to);
        self.make(r, a, short, rmiss)
    }

    /// Set `row` to level `to`.
    pub(crate) fn set(&mut self, row: RowRef, to: u8) {
        let (r, a, short, rmiss, units, missing) = self.after(row, to);
        self.region_units = r;
        self.active_units = a;
        self.short_innovations = short;
        self.region_missing = rmiss;
        match row {
            RowRef::Region(i) => self.raw.region[i] = to,
            RowRef::Innovation { row: j, col } => {
                self.inv_units[j] = units;
                self.inv_missing[j] = missing;
                self.raw.innovation[j * self.rubric.innovation_len() + col] = to;
            }
        }
    }

    /// Add an innovation with these levels and affair.
    pub(crate) fn push(&mut self, levels: &[u8], affair: AffairRef) {
        let mask = basic_bit(self.rubric, &affair);
        push_row(&mut self.raw, levels, affair, mask);
        self.covered |= mask;
        let (units, missing) = row_totals(self.rubric, levels);
        self.add_innovation_totals(units, missing);
    }
}

/// Row units and mandatory rows at 0 of one innovation's levels.
pub(crate) fn row_totals(rubric: &CompiledRubric, row: &[u8]) -> (i64, u32) {
    rubric
        .innovation
        .iter()
        .zip(row)
        .fold((0, 0), |(u, m), (c, &l)| {
            (
                u + c.weight_units * i64::from(l),
                m + u32::from(c.mandatory && l == 0),
            )
        })
}

/// Append an innovation row to a level matrix (no submission source).
pub(crate) fn push_row(p: &mut LevelMatrix, levels: &[u8], affair: AffairRef, mask: u64) {
    p.innovation.extend_from_slice(levels);
    p.affairs.push(affair);
    p.basic_mask.push(mask);
    p.source.push(usize::MAX);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::SplitMix64;

    fn rubric_with(rule: &str) -> CompiledRubric {
        let mut r = crate::model::builtin::get("iid-2026")
            .unwrap()
            .rubric()
            .clone();
        r.mandatory_rule = serde_json::from_str(&format!("\"{rule}\"")).unwrap();
        CompiledRubric::new(r).unwrap()
    }

    #[test]
    fn fractions_compare_exactly() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let cases = [
            ((1, 3), (1, 2), Less),
            ((1, 2), (1, 3), Greater),
            ((2, 4), (1, 2), Equal),
            ((6, 3), (2, 1), Equal),
            // Same whole part, one of them whole.
            ((2, 1), (7, 3), Less),
            ((7, 3), (2, 1), Greater),
            // Same whole part (2), remainders 1/3 and 1/4.
            ((7, 3), (9, 4), Greater),
            ((9, 4), (7, 3), Less),
            // pi's convergents: 22/7 > 355/113 > 3.
            ((22, 7), (355, 113), Greater),
            ((355, 113), (22, 7), Less),
            ((3, 1), (355, 113), Less),
            // Expansions three levels deep: 355/113 = 3 + 1/(7 + 1/16)
            // against 333/106 = 3 + 1/(7 + 1/15).
            ((355, 113), (333, 106), Greater),
            ((0, 5), (0, 1), Equal),
            // Beyond i128 when cross-multiplied.
            (
                (i128::MAX - 1, i128::MAX),
                (i128::MAX - 2, i128::MAX - 1),
                Greater,
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(cmp_fraction(a, b), want, "{a:?} against {b:?}");
        }
    }

    #[test]
    fn differences_are_rounded_once() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // Same denominator: (5 - 2) / 8 = 0.375 -> 0.38.
        assert_eq!(difference((2, 8), (5, 8), 2), d("0.38"));
        // 1/3 - 1/6 = 1/6 = 0.1666... -> 0.17 (rounding each side would
        // give 0.33 - 0.17 = 0.16).
        assert_eq!(difference((1, 6), (1, 3), 2), d("0.17"));
        assert_eq!(difference((1, 3), (1, 6), 2), d("-0.17"));
        // The same denominator is subtracted directly, however large:
        // 2/6 - 1/6 = 0.1666... -> 0.17.
        let big = 6i128 << 100;
        assert_eq!(difference((1 << 100, big), (2 << 100, big), 2), d("0.17"));
        // Denominators whose product is beyond i128: each side is rounded,
        // 1/3 - 0 = 0.33.
        let huge = i128::MAX / 2;
        assert_eq!(difference((1, huge), (1, 3), 2), d("0.33"));
        assert_eq!(difference((1, 3), (1, huge), 2), d("-0.33"));
    }

    #[test]
    fn tracker_agrees_with_the_scorer_under_every_mandatory_rule() {
        for rule in ["finding", "innovation_zero", "not_assessable"] {
            let rubric = rubric_with(rule);
            let k = rubric.innovation_len();
            let mut rng = SplitMix64::new(11);
            let region: Vec<u8> = (0..rubric.region_len())
                .map(|_| rng.below(4) as u8)
                .collect();
            let n = 5;
            let inv: Vec<u8> = (0..n * k).map(|_| rng.below(4) as u8).collect();
            let affairs = [
                Some("pendidikan"),
                Some("kesehatan"),
                None,
                Some("sosial"),
                None,
            ];
            let p = LevelMatrix::from_levels(&rubric, region, inv, &affairs).unwrap();
            let mut t = Tracker::new(&rubric, p);
            for step in 0..400 {
                let row = if rng.below(4) == 0 {
                    RowRef::Region(rng.below(rubric.region_len() as u64) as usize)
                } else {
                    RowRef::Innovation {
                        row: rng.below(t.raw.affairs.len() as u64) as usize,
                        col: rng.below(k as u64) as usize,
                    }
                };
                let to = rng.below(4) as u8;
                let predicted = t.summary_with(row, to);
                t.set(row, to);
                assert_eq!(predicted, t.summary(), "{rule} step {step}");
                assert_eq!(evaluate(&rubric, &t.raw), t.summary(), "{rule} step {step}");
                if step % 97 == 0 {
                    let levels: Vec<u8> = (0..k).map(|_| rng.below(4) as u8).collect();
                    t.push(&levels, AffairRef::Known(5));
                    assert_eq!(evaluate(&rubric, &t.raw), t.summary());
                }
            }
        }
    }
}
