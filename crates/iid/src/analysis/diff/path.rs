//! The parts of a change under one methodology's rules, in exact
//! fractions. The index is
//!
//! ```text
//! F = (S + U / D + count(n, C)) / maximum x 100   (normalised; plain sum: S + U + count)
//! ```
//!
//! with S the region (SPD) units, U the innovations' row units (each
//! innovation's rows after the mandatory rule), D = MAX(d, n) the divisor,
//! n the innovations counted and C the basic-service affairs covered. From
//! last year's figures (index 0) to this year's (index 1):
//!
//! ```text
//! U1/D1 - U0/D0 = [sum of changes + sum over added (u - R) - sum over removed (u - R)] / D1
//!               + [U0 (1/D1 - 1/D0) + R (n1 - n0) / D1]
//! ```
//!
//! holds for any reference R. The first bracket is the innovations' part,
//! one item per innovation (a changed one row by row); the second is the
//! divisor's part (its empty seats). R is 0 when the divisor did not move
//! (every innovation is worth its rows over the same seats), else last
//! year's average row score U0 / n0 (an innovation counts by how it
//! compares with that average, and the divisor's part is the seats left
//! empty, -U0/n0 x (d - n1) / d, or filled, +U0/n0 x (d - n0) / d).
//! Then the count score with last year's affairs, then the affairs. Where a
//! year is not assessable (no innovation counted, or a mandatory rule) its
//! actual index (0) differs from F; that difference is the assessability
//! part. The parts sum exactly to F1 - F0 plus the assessability part,
//! which the caller checks against the two actual indices.

use std::collections::HashMap;

use crate::analysis::exact::row_totals;
use crate::analysis::frac::Frac;
use crate::analysis::years::Side;
use crate::model::rubric::{Aggregation, CompiledRubric, MandatoryRule};
use crate::scoring::count_units;

/// The figures F reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    region: i64,
    rows: i64,
    divisor: u32,
    n: u32,
    covered: u64,
}

/// One region row's step: row, levels from and to, the part.
pub(crate) struct RegionStep {
    pub row: usize,
    pub from: u8,
    pub to: u8,
    pub part: Frac,
}

/// One innovation row's step in an innovation that changed.
pub(crate) struct RowStep {
    pub col: usize,
    pub from: u8,
    pub to: u8,
    pub part: Frac,
}

/// The parts under one methodology, from last year's levels (`old`, read
/// under these rules) to this year's.
pub(crate) struct Walk {
    pub region: Vec<RegionStep>,
    /// Innovations that changed: last year's row, this year's row, the
    /// row steps (empty when only the affair changed).
    pub changed: Vec<(usize, usize, Vec<RowStep>)>,
    /// Last year's rows of innovations that dropped out, with the part.
    pub removed: Vec<(usize, Frac)>,
    /// This year's rows of innovations that were added, with the part.
    pub added: Vec<(usize, Frac)>,
    /// Divisors, empty seats before and after, the part.
    pub divisor: (u32, u32, u32, u32, Frac),
    pub count: (u32, u32, Frac),
    pub basic: (u64, u64, Frac),
    pub assessability: Frac,
}

/// Index points of score units (a fraction of units, not yet averaged).
fn points(rubric: &CompiledRubric, units: Frac) -> Option<Frac> {
    let per = match rubric.rubric().aggregation {
        Aggregation::Normalized { .. } => Frac::new(100, i128::from(rubric.max_total_units()))?,
        Aggregation::Sum => Frac::new(1, i128::from(rubric.unit()))?,
    };
    units.checked_mul(per)
}

/// F of a state.
fn value(rubric: &CompiledRubric, s: &State) -> Option<Frac> {
    let count = i128::from(count_units(rubric, s.n, s.covered));
    let fixed = Frac::int(i128::from(s.region).checked_add(count)?);
    let rows = Frac::new(i128::from(s.rows), i128::from(s.divisor.max(1)))?;
    points(rubric, fixed.checked_add(rows)?)
}

fn divisor_of(rubric: &CompiledRubric, n: u32) -> u32 {
    match rubric.rubric().aggregation {
        Aggregation::Normalized { min_divisor, .. } => min_divisor.max(n),
        Aggregation::Sum => 1,
    }
}

fn empty_seats(rubric: &CompiledRubric, n: u32) -> u32 {
    match rubric.rubric().aggregation {
        Aggregation::Normalized { min_divisor, .. } => min_divisor.saturating_sub(n),
        Aggregation::Sum => 0,
    }
}

/// An innovation's row units as they count: 0 under the innovation-zero
/// rule when a mandatory row is unanswered.
fn effective(rubric: &CompiledRubric, levels: &[u8]) -> i64 {
    let (units, missing) = row_totals(rubric, levels);
    if rubric.rubric().mandatory_rule == MandatoryRule::InnovationZero && missing > 0 {
        0
    } else {
        units
    }
}

fn state(rubric: &CompiledRubric, side: &Side) -> State {
    let k = rubric.innovation_len();
    let n = side.raw.affairs.len();
    let region = rubric
        .region
        .iter()
        .zip(&side.raw.region)
        .map(|(c, &l)| c.weight_units * i64::from(l))
        .sum();
    let rows = (0..n)
        .map(|j| effective(rubric, &side.raw.innovation[j * k..(j + 1) * k]))
        .sum();
    let n = n as u32;
    State {
        region,
        rows,
        divisor: divisor_of(rubric, n),
        n,
        covered: side.raw.basic_mask.iter().fold(0, |a, b| a | b),
    }
}

/// The parts from `old` to `new`, both read under `rubric`.
pub(crate) fn walk(rubric: &CompiledRubric, old: &Side, new: &Side) -> Option<Walk> {
    let k = rubric.innovation_len();
    let (s0, s1) = (state(rubric, old), state(rubric, new));
    let (f0, f1) = (value(rubric, &s0)?, value(rubric, &s1)?);
    let d1 = i128::from(s1.divisor.max(1));
    // Index points of innovation units over this year's divisor.
    let over_d1 = |units: Frac| points(rubric, units.checked_mul(Frac::new(1, d1)?)?);
    let reference = if s0.divisor == s1.divisor || s0.n == 0 {
        Frac::ZERO
    } else {
        Frac::new(i128::from(s0.rows), i128::from(s0.n))?
    };

    let mut region = Vec::new();
    for (i, c) in rubric.region.iter().enumerate() {
        let (from, to) = (old.raw.region[i], new.raw.region[i]);
        if from != to {
            let units = c.weight_units * (i64::from(to) - i64::from(from));
            region.push(RegionStep {
                row: i,
                from,
                to,
                part: points(rubric, Frac::int(i128::from(units)))?,
            });
        }
    }

    let new_rows: HashMap<&str, usize> = new
        .ids
        .iter()
        .enumerate()
        .map(|(r, id)| (id.as_str(), r))
        .collect();
    let old_rows: HashMap<&str, usize> = old
        .ids
        .iter()
        .enumerate()
        .map(|(r, id)| (id.as_str(), r))
        .collect();
    let levels = |side: &Side, r: usize| side.raw.innovation[r * k..(r + 1) * k].to_vec();

    let mut changed = Vec::new();
    let mut removed = Vec::new();
    for (ro, id) in old.ids.iter().enumerate() {
        match new_rows.get(id.as_str()) {
            Some(&rn) => {
                let mut row = levels(old, ro);
                let target = levels(new, rn);
                let mut steps = Vec::new();
                for col in 0..k {
                    if row[col] != target[col] {
                        let before = effective(rubric, &row);
                        let from = row[col];
                        row[col] = target[col];
                        let delta = effective(rubric, &row) - before;
                        steps.push(RowStep {
                            col,
                            from,
                            to: target[col],
                            part: over_d1(Frac::int(i128::from(delta)))?,
                        });
                    }
                }
                if !steps.is_empty() || old.raw.affairs[ro] != new.raw.affairs[rn] {
                    changed.push((ro, rn, steps));
                }
            }
            None => {
                let u = Frac::int(i128::from(effective(rubric, &levels(old, ro))));
                removed.push((ro, over_d1(reference.checked_sub(u)?)?));
            }
        }
    }
    let mut added = Vec::new();
    for (rn, id) in new.ids.iter().enumerate() {
        if !old_rows.contains_key(id.as_str()) {
            let u = Frac::int(i128::from(effective(rubric, &levels(new, rn))));
            added.push((rn, over_d1(u.checked_sub(reference)?)?));
        }
    }

    // The divisor: U0 (1/D1 - 1/D0) + R (n1 - n0) / D1.
    let spread = Frac::int(i128::from(s0.rows)).checked_mul(
        Frac::new(1, d1)?.checked_sub(Frac::new(1, i128::from(s0.divisor.max(1)))?)?,
    )?;
    let seats = reference.checked_mul(Frac::int(i128::from(s1.n) - i128::from(s0.n)))?;
    let divisor = (
        s0.divisor,
        s1.divisor,
        empty_seats(rubric, s0.n),
        empty_seats(rubric, s1.n),
        points(rubric, spread)?.checked_add(over_d1(seats)?)?,
    );
    let count_at = |n: u32, covered: u64| Frac::int(i128::from(count_units(rubric, n, covered)));
    let count = points(
        rubric,
        count_at(s1.n, s0.covered).checked_sub(count_at(s0.n, s0.covered))?,
    )?;
    let basic = points(
        rubric,
        count_at(s1.n, s1.covered).checked_sub(count_at(s1.n, s0.covered))?,
    )?;

    // The parts must take F0 to F1 exactly.
    let mut parts: Vec<Frac> = region.iter().map(|s| s.part).collect();
    parts.extend(
        changed
            .iter()
            .flat_map(|(_, _, s)| s.iter().map(|x| x.part)),
    );
    parts.extend(removed.iter().chain(&added).map(|(_, p)| *p));
    parts.extend([divisor.4, count, basic]);
    if f0.checked_add(Frac::sum(&parts)?)? != f1 {
        return None;
    }
    let assessability = f0
        .checked_sub(old.index)?
        .checked_add(new.index.checked_sub(f1)?)?;
    Some(Walk {
        region,
        changed,
        removed,
        added,
        divisor,
        count: (s0.n, s1.n, count),
        basic: (s0.covered, s1.covered, basic),
        assessability,
    })
}
