//! What a region's index depends on, precomputed once so that a sample's
//! index is a short integer dot product with the sample's weights.
//!
//! Slots: the rubric's region rows (`0..R`), then its innovation rows
//! (`R..R+K`). A region's level vector holds, per region row, its level
//! and, per innovation row, the sum of that row's levels over the
//! region's counted innovations. With weight units `w_i` scaled by the
//! sample's factors `f_i` (integers of 10^-6) and the divisor
//! `D = MAX(d, n)`:
//!
//! ```text
//! X = D × (Σ_region w_i f_i v_i + w_c f_c c) + Σ_innovation w_i f_i v_i
//! S = Σ_i w_i f_i m_i + w_c f_c cap          (the sample's maximum total)
//! index = 100 × X / (D × S)
//! ```
//!
//! where `c` is the number of innovations the count score pays for
//! (`MIN(n, cap)` when the basic-service condition holds, else 0) and
//! `m_i` a row's top level. Renormalising the scaled weights so that the
//! maximum total is unchanged multiplies both the total and its maximum
//! by the same factor, so the index is this ratio exactly; at factors of
//! 1 it is the rubric's formula ([`crate::scoring::Summary`]).
//!
//! Verification outcomes: per slot, the sum of the fallback levels is
//! fixed and the drops of the answers that may fail form one group
//! ([`Table`]); the sum of independent per-answer drops is additive over
//! a slot's answers, so a group's total is drawn whole. The one rule that
//! is not additive, "nothing evidence-based is not assessable", is read
//! from the drawn vector itself: every slot's total is 0 exactly when
//! every answer is at 0. A rubric whose mandatory rule zeroes an
//! innovation or blocks a region on one unproven row is refused for
//! verification sampling (those rules join answers across slots).

use super::draw::{Drop, Table};
use crate::model::rubric::CompiledRubric;
use crate::scoring::assess::RowRef;
use crate::scoring::summary::count_units;
use crate::scoring::LevelMatrix;

/// One answer's verification outcome, from the verification-risk model:
/// it keeps `claimed` with probability `survival` / 10^6, else counts
/// `fallback`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub row: RowRef,
    pub claimed: u8,
    pub fallback: u8,
    pub survival: u32,
}

/// A region as the sampler sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionModel {
    /// Innovations counted (n).
    pub n: u32,
    /// Innovations the count score pays for.
    pub count: i64,
    /// Levels of the nominal ranking (the call's mode).
    pub nominal: Vec<i64>,
    /// Whether the nominal matrix is blocked (not assessable).
    pub nominal_blocked: bool,
    /// Under verification sampling, the sum of the claimed levels of
    /// each slot, less the drops that are certain.
    pub fixed: Vec<i64>,
    /// The groups that may vary: slot and table.
    pub groups: Vec<(usize, Table)>,
}

impl RegionModel {
    /// Build from the nominal matrix and, for verification sampling,
    /// every answered row's odds.
    pub fn new(
        rubric: &CompiledRubric,
        nominal: &LevelMatrix,
        odds: Option<&[Outcome]>,
    ) -> RegionModel {
        let r = rubric.region_len();
        let k = rubric.innovation_len();
        let n = nominal.innovation_count() as u32;
        let covered = nominal.basic_mask.iter().fold(0u64, |a, b| a | b);
        let count = if rubric.count_points_units > 0 {
            count_units(rubric, n, covered) / rubric.count_points_units
        } else {
            0
        };
        let mut levels = vec![0i64; r + k];
        for (slot, &l) in levels.iter_mut().zip(&nominal.region) {
            *slot = i64::from(l);
        }
        if k > 0 {
            for row in nominal.innovation.chunks_exact(k) {
                for (slot, &l) in levels[r..].iter_mut().zip(row) {
                    *slot += i64::from(l);
                }
            }
        }
        let mut fixed = vec![0i64; r + k];
        let mut groups = Vec::new();
        if let Some(odds) = odds {
            let mut drops: Vec<Vec<Drop>> = vec![Vec::new(); r + k];
            for a in odds {
                let slot = match a.row {
                    RowRef::Region(i) => i,
                    RowRef::Innovation { col, .. } => r + col,
                };
                let (Some(f), Some(d)) = (fixed.get_mut(slot), drops.get_mut(slot)) else {
                    continue;
                };
                let fallback = a.fallback.min(a.claimed);
                *f += i64::from(a.claimed);
                d.push(Drop {
                    drop: a.claimed - fallback,
                    survival: a.survival,
                });
            }
            for (slot, d) in drops.iter().enumerate() {
                match Table::of(d) {
                    Ok(t) => groups.push((slot, t)),
                    Err(sure) => fixed[slot] -= sure,
                }
            }
        }
        RegionModel {
            n,
            count,
            nominal: levels,
            nominal_blocked: nominal.blocked,
            fixed,
            groups,
        }
    }
}
