//! The sampler: Saltelli's matrices A and B (one row per sample, each
//! row a draw of every input group) and the matrices AB_i (A with group
//! i's column from B), each row scored and ranked in exact integers.
//!
//! Input groups, in order: `weights` (one factor per indicator weight and
//! the count points), `divisor` (the minimum divisor), `verification`
//! (every answer's outcome). Per sample row the five evaluations are A,
//! B, AB_weights, AB_divisor, AB_verification.
//!
//! Work goes by blocks of samples: the weights of a block's rows are
//! drawn first; then each region (in parallel) draws its verification
//! outcomes from its own stream and computes its published index in the
//! five evaluations of every row; then each row (in parallel) ranks the
//! regions. Every draw sits at a place fixed by the seed, the region and
//! the sample (see [`super::draw`]), so the result does not depend on the
//! thread count.

use super::draw::{below, sample_stream, slot_stream, MILLION};
use super::model::RegionModel;
pub use super::ranks::{competition, par_map};
use rand_pcg::rand_core::RngCore;

/// Samples per block (part of where a verification draw comes from:
/// see [`super::draw`]).
const BLOCK: usize = 128;
/// Evaluations per sample row: A, B, AB_weights, AB_divisor,
/// AB_verification.
pub const EVALUATIONS: usize = 5;

/// A cluster of an award definition, for nominees.
#[derive(Debug, Clone)]
pub struct ClusterSpec {
    pub members: Vec<usize>,
    pub quota: u32,
}

/// What the sampler needs besides the regions.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Weight units of each slot (region rows, innovation rows), then the
    /// count points' units when the rubric pays for the count.
    pub weights: Vec<i64>,
    /// The top multiplier of each weight (a row's top level, the cap).
    pub tops: Vec<i64>,
    /// Region rows (the first slots).
    pub region_rows: usize,
    pub has_count: bool,
    pub divisors: Vec<u32>,
    pub nominal_divisor: u32,
    /// The weight range in 10^-6 (0 to 10^6).
    pub range: u32,
    pub verification: bool,
    pub seed: u64,
    /// 100 × 10^index_decimals.
    pub scale: u64,
    /// 100 × 10^exact_decimals, when nominees are settled by the exact
    /// index.
    pub exact_scale: Option<u128>,
    pub clusters: Vec<ClusterSpec>,
    /// The clusters each region competes in.
    pub member_of: Vec<Vec<usize>>,
    /// Predicate bands over the published index: lowest and highest
    /// index (integers of 10^-decimals) and the band's number.
    pub bands: Vec<(u32, u32, u16)>,
    /// The band of an assessable index no band holds, and of a region
    /// that is not assessable.
    pub fallback_band: u16,
    pub absent_band: u16,
}

/// One sample's weights: the scaled units and their maximum total.
#[derive(Debug, Clone)]
struct Weights {
    units: Vec<i64>,
    max_total: i64,
    divisor: u32,
}

/// A region in one sample row: its published index (integer of
/// 10^-decimals) in the five evaluations, whether it is assessable in A
/// and B, and its exact index in A and B when nominees need it.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    keys: [u32; EVALUATIONS],
    assessable: [bool; 2],
    exact: [u128; 2],
}

/// A ranked evaluation: each region's rank, published index (integer of
/// 10^-decimals), assessability, predicate and nominee flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub ranks: Vec<u32>,
    pub keys: Vec<u32>,
    pub assessable: Vec<bool>,
    pub bands: Vec<u16>,
    pub nominee: Vec<bool>,
}

/// Everything the statistics need from the sample rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Per row, Σ |rank − nominal rank| of each evaluation.
    pub shifts: Vec<[u64; EVALUATIONS]>,
    /// Ranks of A's and B's rankings: row `2s + m`, `regions` a row.
    pub ranks: Vec<u16>,
    /// Per region, rankings (of the 2N) keeping the nominal predicate.
    pub kept: Vec<u64>,
    /// Per region, rankings in which it is a nominee.
    pub nominee: Vec<u64>,
}

/// One sample row's outcome.
struct Row {
    shifts: [u64; EVALUATIONS],
    ranks: [Vec<u16>; 2],
    kept: [Vec<bool>; 2],
    nominee: [Vec<bool>; 2],
}

impl Setup {
    fn draw_weights(&self, s: usize, m: usize) -> Weights {
        let mut rng = sample_stream(self.seed, s, m);
        let lo = u64::from(MILLION - self.range);
        let width = 2 * u64::from(self.range) + 1;
        let units: Vec<i64> = self
            .weights
            .iter()
            .map(|&w| {
                let f = if self.range == 0 {
                    u64::from(MILLION)
                } else {
                    lo + below(&mut rng, width)
                };
                w * f as i64
            })
            .collect();
        let divisor = if self.divisors.len() > 1 {
            let i = below(&mut rng, self.divisors.len() as u64) as usize;
            self.divisors
                .get(i)
                .copied()
                .unwrap_or(self.nominal_divisor)
        } else {
            self.divisors
                .first()
                .copied()
                .unwrap_or(self.nominal_divisor)
        };
        self.weights_of(units, divisor)
    }

    fn weights_of(&self, units: Vec<i64>, divisor: u32) -> Weights {
        let max_total = units.iter().zip(&self.tops).map(|(w, m)| w * m).sum();
        Weights {
            units,
            max_total,
            divisor,
        }
    }

    /// The nominal weights (every factor 1) and divisor.
    fn nominal_weights(&self) -> Weights {
        let units = self
            .weights
            .iter()
            .map(|w| w * i64::from(MILLION))
            .collect();
        self.weights_of(units, self.nominal_divisor)
    }

    /// (region part incl. the count, innovation part) of weights · levels.
    #[inline]
    fn parts(&self, w: &Weights, v: &[i64], count: i64) -> (i64, i64) {
        let r = self.region_rows;
        let k = v.len();
        let p: i64 = w.units[..r].iter().zip(&v[..r]).map(|(a, b)| a * b).sum();
        let q: i64 = w.units[r..k].iter().zip(&v[r..]).map(|(a, b)| a * b).sum();
        let c = if self.has_count {
            w.units.get(k).copied().unwrap_or(0) * count
        } else {
            0
        };
        (p + c, q)
    }

    /// The published index, in integers of 10^-decimals, rounded half up.
    #[inline]
    fn key(&self, n: u32, (p, q): (i64, i64), divisor: u32, max_total: i64) -> u32 {
        let d = i64::from(divisor.max(n));
        let x = (d * p + q) as u64;
        let den = d as u64 * max_total as u64;
        if den == 0 {
            return 0;
        }
        match x
            .checked_mul(2 * self.scale)
            .and_then(|t| t.checked_add(den))
        {
            Some(num) if den <= u64::MAX / 2 => (num / (2 * den)) as u32,
            _ => {
                ((2 * u128::from(x) * u128::from(self.scale) + u128::from(den))
                    / (2 * u128::from(den))) as u32
            }
        }
    }

    /// The exact index (integers of 10^-exact_decimals), rounded half up.
    fn exact_key(&self, n: u32, (p, q): (i64, i64), divisor: u32, max_total: i64) -> u128 {
        let Some(scale) = self.exact_scale else {
            return 0;
        };
        let d = i128::from(divisor.max(n));
        let x = (d * i128::from(p) + i128::from(q)) as u128;
        let den = d as u128 * max_total as u128;
        if den == 0 {
            return 0;
        }
        (2 * x * scale + den) / (2 * den)
    }

    /// The nominal ranking.
    pub fn nominal(&self, regions: &[RegionModel]) -> Ranked {
        let w = self.nominal_weights();
        let mut keys = Vec::with_capacity(regions.len());
        let mut assessable = Vec::with_capacity(regions.len());
        let mut exact = Vec::with_capacity(regions.len());
        for g in regions {
            let ok = g.n > 0 && !g.nominal_blocked;
            let pq = self.parts(&w, &g.nominal, g.count);
            keys.push(if ok {
                self.key(g.n, pq, w.divisor, w.max_total)
            } else {
                0
            });
            exact.push(if ok {
                self.exact_key(g.n, pq, w.divisor, w.max_total)
            } else {
                0
            });
            assessable.push(ok);
        }
        let ranks = competition(&keys);
        let nominee = self.nominees(&keys, &exact, &assessable);
        let bands = keys
            .iter()
            .zip(&assessable)
            .map(|(&k, &ok)| self.band(k, ok))
            .collect();
        Ranked {
            ranks,
            keys,
            assessable,
            bands,
            nominee,
        }
    }

    /// The predicate band of a published index (its position in
    /// `labels` of the caller).
    #[inline]
    fn band(&self, key: u32, assessable: bool) -> u16 {
        if !assessable {
            return self.absent_band;
        }
        self.bands
            .iter()
            .find(|(lo, hi, _)| *lo <= key && key <= *hi)
            .map_or(self.fallback_band, |b| b.2)
    }

    /// Run every sample row against the nominal ranking.
    pub fn run(&self, regions: &[RegionModel], samples: usize, nominal: &Ranked) -> Tally {
        let n = regions.len();
        let mut tally = Tally {
            shifts: Vec::with_capacity(samples),
            ranks: Vec::with_capacity(2 * samples * n),
            kept: vec![0; n],
            nominee: vec![0; n],
        };
        let mut start = 0;
        while start < samples {
            let end = (start + BLOCK).min(samples);
            let weights: Vec<[Weights; 2]> = par_map(end - start, |i| {
                [
                    self.draw_weights(start + i, 0),
                    self.draw_weights(start + i, 1),
                ]
            });
            let cells: Vec<Vec<Cell>> = par_map(regions.len(), |r| {
                self.region_cells(r, &regions[r], start, &weights)
            });
            for row in par_map(end - start, |i| self.rank_row(&cells, i, nominal)) {
                tally.shifts.push(row.shifts);
                for m in 0..2 {
                    tally.ranks.extend_from_slice(&row.ranks[m]);
                    for (c, &k) in tally.kept.iter_mut().zip(&row.kept[m]) {
                        *c += u64::from(k);
                    }
                    for (c, &k) in tally.nominee.iter_mut().zip(&row.nominee[m]) {
                        *c += u64::from(k);
                    }
                }
            }
            start = end;
        }
        tally
    }

    /// One region's cells in every row of a block starting at `start`.
    /// Verification outcomes are drawn a slot at a time (its table stays
    /// in the cache), A's and B's side by side.
    fn region_cells(
        &self,
        r: usize,
        g: &RegionModel,
        start: usize,
        weights: &[[Weights; 2]],
    ) -> Vec<Cell> {
        let len = weights.len();
        let slots = g.nominal.len();
        // Under verification the levels are the certain outcome (`fixed`)
        // less the drawn drops; without it, the nominal levels.
        let drawing = self.verification;
        let (mut la, mut lb) = (Vec::new(), Vec::new());
        if drawing {
            la = g.fixed.repeat(len);
            lb = g.fixed.repeat(len);
            for (slot, table) in &g.groups {
                let block = start / BLOCK;
                let mut ra = slot_stream(self.seed, r, slots, *slot, 0, block);
                let mut rb = slot_stream(self.seed, r, slots, *slot, 1, block);
                for s in 0..len {
                    let i = s * slots + slot;
                    la[i] -= table.draw(ra.next_u64());
                    lb[i] -= table.draw(rb.next_u64());
                }
            }
        }
        let exact = self.exact_scale.is_some();
        weights
            .iter()
            .enumerate()
            .map(|(s, [wa, wb])| {
                let (va, vb, blocked) = if drawing {
                    let va = &la[s * slots..(s + 1) * slots];
                    let vb = &lb[s * slots..(s + 1) * slots];
                    let zero = |v: &[i64]| v.iter().all(|&l| l == 0);
                    (va, vb, [zero(va), zero(vb)])
                } else {
                    (&g.nominal[..], &g.nominal[..], [g.nominal_blocked; 2])
                };
                let ok = [g.n > 0 && !blocked[0], g.n > 0 && !blocked[1]];
                let aa = self.parts(wa, va, g.count);
                let bb = self.parts(wb, vb, g.count);
                let ba = if self.range > 0 {
                    self.parts(wb, va, g.count)
                } else {
                    aa
                };
                let ab = if drawing {
                    self.parts(wa, vb, g.count)
                } else {
                    aa
                };
                let key = |ok: bool, pq, d, s| if ok { self.key(g.n, pq, d, s) } else { 0 };
                let exact_key = |ok: bool, pq, w: &Weights| {
                    if ok && exact {
                        self.exact_key(g.n, pq, w.divisor, w.max_total)
                    } else {
                        0
                    }
                };
                let a = key(ok[0], aa, wa.divisor, wa.max_total);
                // A group that does not vary leaves its AB matrix equal to A.
                Cell {
                    keys: [
                        a,
                        key(ok[1], bb, wb.divisor, wb.max_total),
                        if self.range > 0 {
                            key(ok[0], ba, wa.divisor, wb.max_total)
                        } else {
                            a
                        },
                        if self.divisors.len() > 1 {
                            key(ok[0], aa, wb.divisor, wa.max_total)
                        } else {
                            a
                        },
                        if drawing {
                            key(ok[1], ab, wa.divisor, wa.max_total)
                        } else {
                            a
                        },
                    ],
                    assessable: ok,
                    exact: [exact_key(ok[0], aa, wa), exact_key(ok[1], bb, wb)],
                }
            })
            .collect()
    }

    fn rank_row(&self, cells: &[Vec<Cell>], i: usize, nominal: &Ranked) -> Row {
        let mut shifts = [0u64; EVALUATIONS];
        let mut row = Row {
            shifts,
            ranks: [Vec::new(), Vec::new()],
            kept: [Vec::new(), Vec::new()],
            nominee: [Vec::new(), Vec::new()],
        };
        for (e, shift) in shifts.iter_mut().enumerate() {
            let keys: Vec<u32> = cells.iter().map(|c| c[i].keys[e]).collect();
            let ranks = competition(&keys);
            *shift = ranks
                .iter()
                .zip(&nominal.ranks)
                .map(|(&a, &b)| u64::from(a.abs_diff(b)))
                .sum();
            if e < 2 {
                let assessable: Vec<bool> = cells.iter().map(|c| c[i].assessable[e]).collect();
                let exact: Vec<u128> = cells.iter().map(|c| c[i].exact[e]).collect();
                row.nominee[e] = self.nominees(&keys, &exact, &assessable);
                row.kept[e] = keys
                    .iter()
                    .zip(&assessable)
                    .zip(&nominal.bands)
                    .map(|((&k, &ok), &b)| self.band(k, ok) == b)
                    .collect();
                row.ranks[e] = ranks
                    .iter()
                    .map(|&r| r.min(u32::from(u16::MAX)) as u16)
                    .collect();
            }
        }
        row.shifts = shifts;
        row
    }
}
