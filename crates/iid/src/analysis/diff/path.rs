//! The decomposition's walk, in exact fractions. Under the new
//! methodology's rules the index is a function of five figures:
//!
//! ```text
//! F(S, U, D, n, C) = (S + U / D + count(n, C)) / maximum x 100   (normalised)
//!                  =  S + U + count(n, C)                          (plain sum)
//! ```
//!
//! with S the region (SPD) units, U the innovations' row units (each
//! innovation's rows, after the mandatory rule), D the divisor, n the
//! innovations counted and C the basic-service affairs covered. The walk
//! starts at last year's five figures and changes one thing at a time, in
//! a fixed order: each region row; each innovation that changed (row by
//! row, rubric order), dropped out or was added, all at last year's
//! divisor; then the divisor; then n in the count score (with last year's
//! affairs); then the affairs. Each part is the exact difference of F
//! before and after its step, so the parts telescope: they sum exactly to
//! F(this year) - F(last year). Where a year is not assessable (no
//! innovation counted, or a mandatory rule), its actual index (0) differs
//! from F; that difference is the assessability part.

use std::collections::HashMap;

use crate::analysis::exact::row_totals;
use crate::analysis::frac::Frac;
use crate::analysis::years::Side;
use crate::model::rubric::{Aggregation, CompiledRubric, MandatoryRule};
use crate::scoring::count_units;

/// The five figures F reads.
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

/// The parts of the walk under one methodology, from last year's levels
/// (`old`, read under these rules) to this year's.
pub(crate) struct Walk {
    pub region: Vec<RegionStep>,
    /// Innovations that changed: last year's row, this year's row, the
    /// row steps (empty when only the affair changed).
    pub changed: Vec<(usize, usize, Vec<RowStep>)>,
    /// Last year's rows of innovations that dropped out, with the part.
    pub removed: Vec<(usize, Frac)>,
    /// This year's rows of innovations that were added, with the part.
    pub added: Vec<(usize, Frac)>,
    pub divisor: (u32, u32, Frac),
    pub count: (u32, u32, Frac),
    pub basic: (u64, u64, Frac),
    pub assessability: Frac,
}

/// F of a state.
fn value(rubric: &CompiledRubric, s: &State) -> Option<Frac> {
    let count = i128::from(count_units(rubric, s.n, s.covered));
    let (region, rows) = (i128::from(s.region), i128::from(s.rows));
    match rubric.rubric().aggregation {
        Aggregation::Normalized { .. } => {
            let d = i128::from(s.divisor.max(1));
            let total = region
                .checked_add(count)?
                .checked_mul(d)?
                .checked_add(rows)?;
            Frac::new(
                total.checked_mul(100)?,
                d.checked_mul(i128::from(rubric.max_total_units()))?,
            )
        }
        Aggregation::Sum => Frac::new(
            region.checked_add(rows)?.checked_add(count)?,
            i128::from(rubric.unit()),
        ),
    }
}

fn divisor_of(rubric: &CompiledRubric, n: u32) -> u32 {
    match rubric.rubric().aggregation {
        Aggregation::Normalized { min_divisor, .. } => min_divisor.max(n),
        Aggregation::Sum => 1,
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

/// Walk from `old` to `new`, both read under `rubric`.
pub(crate) fn walk(rubric: &CompiledRubric, old: &Side, new: &Side) -> Option<Walk> {
    let k = rubric.innovation_len();
    let mut st = state(rubric, old);
    let end = state(rubric, new);
    let mut at = value(rubric, &st)?;
    let start_gap = at.sub(old.index)?;
    // Move to the state `st` and return the part of that step.
    let mut step = |st: &State| -> Option<Frac> {
        let v = value(rubric, st)?;
        let part = v.sub(at)?;
        at = v;
        Some(part)
    };

    let mut region = Vec::new();
    for (i, c) in rubric.region.iter().enumerate() {
        let (from, to) = (old.raw.region[i], new.raw.region[i]);
        if from != to {
            st.region += c.weight_units * (i64::from(to) - i64::from(from));
            region.push(RegionStep {
                row: i,
                from,
                to,
                part: step(&st)?,
            });
        }
    }

    let new_rows: HashMap<&str, usize> = new
        .ids
        .iter()
        .enumerate()
        .map(|(r, id)| (id.as_str(), r))
        .collect();
    let old_ids: HashMap<&str, usize> = old
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
                        st.rows += effective(rubric, &row) - before;
                        steps.push(RowStep {
                            col,
                            from,
                            to: target[col],
                            part: step(&st)?,
                        });
                    }
                }
                let affair_moved = old.raw.affairs[ro] != new.raw.affairs[rn];
                if !steps.is_empty() || affair_moved {
                    changed.push((ro, rn, steps));
                }
            }
            None => {
                st.rows -= effective(rubric, &levels(old, ro));
                removed.push((ro, step(&st)?));
            }
        }
    }
    let mut added = Vec::new();
    for (rn, id) in new.ids.iter().enumerate() {
        if !old_ids.contains_key(id.as_str()) {
            st.rows += effective(rubric, &levels(new, rn));
            added.push((rn, step(&st)?));
        }
    }

    let d0 = st.divisor;
    st.divisor = end.divisor;
    let divisor = (d0, end.divisor, step(&st)?);
    let n0 = st.n;
    st.n = end.n;
    let count = (n0, end.n, step(&st)?);
    let c0 = st.covered;
    st.covered = end.covered;
    let basic = (c0, end.covered, step(&st)?);
    // The walk ends at this year's figures by construction.
    if st != end {
        return None;
    }
    let end_gap = new.index.sub(at)?;
    Some(Walk {
        region,
        changed,
        removed,
        added,
        divisor,
        count,
        basic,
        assessability: start_gap.add(end_gap)?,
    })
}
