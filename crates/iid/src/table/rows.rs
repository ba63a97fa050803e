//! The innovation rows of one methodology summed by region, block by
//! block: a block's row units, mandatory gaps and affair bits are worked
//! out in buffers that stay in the first-level cache and added into the
//! regions' sums as the block ends, in one pass over the level columns
//! (the general path in `score` makes one pass per indicator over
//! whole-table vectors, then two more by region). One thread: on the
//! nation's 36,742 rows, two halves on two threads (rayon) took longer
//! than one pass, the second thread's wake-up costing more than it saved
//! (`score_frames` 1.24 -> 1.32 ms, best of 400 calls).

use std::borrow::Cow;

use super::column::KeyMap;
use super::score::{by_region, Sums};
use crate::model::rubric::{CompiledRubric, MandatoryRule};

/// Rows per block: the block's buffers (11 KB) stay in the first-level cache.
const BLOCK: usize = 1024;
/// One indicator column as the pass reads it.
struct Column<'c> {
    levels: &'c [u8],
    weight: u16,
    max: u8,
    mandatory: bool,
}

/// A region's slot: its sums and the basic-service affairs covered.
type Slot = (Sums, u64);

fn add(a: Slot, b: Slot) -> Slot {
    (a.0.add(b.0), a.1 | b.1)
}

/// The rows of one methodology, ready to sum.
pub(super) struct Rows<'c> {
    region_of: &'c [u32],
    affair_of: &'c [u32],
    bits: &'c [u64],
    columns: Vec<Column<'c>>,
    /// A mandatory column is absent: every row is short.
    all_short: bool,
    /// `innovation_zero`: a short row scores 0.
    zero_short: bool,
}

impl<'c> Rows<'c> {
    /// `rubric`'s innovation columns found in `levels`, over rows in
    /// region slot `region_of` with affair `affair_of` (empty: no affair
    /// column; an affair index past `bits` has no bit). None when a
    /// weight does not fit 16 bits (the rubric's units are not narrow).
    pub fn new(
        rubric: &CompiledRubric,
        levels: &'c KeyMap<&str, Cow<'_, [u8]>>,
        region_of: &'c [u32],
        affair_of: &'c [u32],
        bits: &'c [u64],
    ) -> Option<Rows<'c>> {
        let rule = rubric.rubric().mandatory_rule;
        let gaps = rule != MandatoryRule::Finding;
        let (mut columns, mut all_short) = (Vec::new(), false);
        for (i, c) in rubric.innovation.iter().enumerate() {
            let mandatory = c.mandatory && gaps;
            match levels.get(rubric.innovation_code(i)) {
                Some(col) => columns.push(Column {
                    levels: col,
                    weight: u16::try_from(c.weight_units).ok()?,
                    max: rubric.innovation_max_level(i),
                    mandatory,
                }),
                None => all_short |= mandatory,
            }
        }
        Some(Rows {
            region_of,
            affair_of,
            bits,
            columns,
            all_short,
            zero_short: rule == MandatoryRule::InnovationZero,
        })
    }

    /// Each of `regions` slots' sums and covered affairs; None when a
    /// level is past its column's maximum (the caller's path names it).
    /// Units fit 16 bits once every level is within its maximum
    /// (`max_innovation_units`); before that check they may wrap, and are
    /// then thrown away. Time: one pass over the level columns; memory:
    /// one slot per region and one block's buffers.
    pub fn sum(&self, regions: usize) -> Option<(Vec<Sums>, Vec<u64>)> {
        let rows = self.region_of.len();
        let mut slots = vec![(Sums::default(), 0u64); regions];
        let mut over = false;
        for start in (0..rows).step_by(BLOCK) {
            let end = (start + BLOCK).min(rows);
            let mut units = [0u16; BLOCK];
            let mut short = [self.all_short; BLOCK];
            let (units, short) = (&mut units[..end - start], &mut short[..end - start]);
            for c in &self.columns {
                let col = c.levels.get(start..end)?;
                over |= col.iter().copied().max().unwrap_or(0) > c.max;
                let w = c.weight;
                units
                    .iter_mut()
                    .zip(col)
                    .for_each(|(u, &l)| *u = u.wrapping_add(w.wrapping_mul(u16::from(l))));
                if c.mandatory {
                    short.iter_mut().zip(col).for_each(|(s, &l)| *s |= l == 0);
                }
            }
            // Each row's affair bit; a missing cell's index is past `bits`.
            let mut bits = [0u64; BLOCK];
            let bits = &mut bits[..end - start];
            if let Some(affairs) = self.affair_of.get(start..end) {
                let bit = |&a: &u32| self.bits.get(a as usize).copied().unwrap_or(0);
                bits.iter_mut().zip(affairs).for_each(|(b, a)| *b = bit(a));
            }
            let zero = self.zero_short;
            let row = |((&u, &short), &bit): ((&u16, &bool), &u64)| {
                let units = if short && zero { 0 } else { i64::from(u) };
                let sums = Sums {
                    count: 1,
                    units,
                    short,
                };
                (sums, bit)
            };
            let values = units.iter().zip(short.iter()).zip(bits.iter()).map(row);
            by_region(self.region_of.get(start..end)?, values, &mut slots, add);
        }
        (!over).then(|| slots.into_iter().unzip())
    }
}
