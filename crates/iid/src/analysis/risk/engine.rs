//! The exact law of the verified index.
//!
//! In the verified mode n, the divisor MAX(d, n), the innovation-count
//! score and the basic-service coverage do not depend on evidence
//! (docs/evidence.md: both modes share them), so for a fixed submission
//! the index is `(X + C) * F / Den` with X the sum of the answers'
//! contributions in integer units: a region row `weight x level x D`
//! (D the divisor; 1 for a plain-sum rubric), an innovation row
//! `weight x level`. X is a sum of independent two-point contributions
//! except where a rule breaks additivity, and each is handled exactly:
//!
//! - `not_assessable` (a mandatory row at 0 blocks the submission): the
//!   mandatory answers keep only their outcomes above 0 (sub-probability
//!   measures); the missing mass is the chance of being blocked.
//! - `innovation_zero` (a mandatory row at 0 zeroes its innovation): an
//!   innovation's rows are convolved with its mandatory rows kept above 0
//!   (the innovation alive), and the chance it dies, times the law so
//!   far, is added at 0.
//! - nothing proven at all: X = 0 (every weight is positive) is not
//!   assessable.
//!
//! The region rows and the innovation rows form two independent laws R
//! and I, each on its own grid; probabilities of events on X = R + I are
//! exact sums of products (num-bigint) at 10^-72.

use num_bigint::BigUint;

use crate::model::rubric::{Aggregation, CompiledRubric, MandatoryRule};
use crate::scoring::assess::{Assessment, RowRef};
use crate::scoring::Summary;

use super::dist::{Dist, Item, ONE};
use super::odds::AnswerOdds;

/// Most cells the computation may fill (convolution and deconvolution
/// steps, each cell one fixed-point operation); beyond, an error. About
/// 30 s of a release build on a 2-core machine, estimated from the
/// measured throughput (docs/format.md).
pub const MAX_WORK: u64 = 500_000_000;

/// Where an answer sits among the two laws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Region,
    /// Innovation, with its prepared row.
    Innovation(usize),
}

/// Every answer as an item of its law.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// Each answer: its law, its item, whether its row is mandatory, its
    /// index in the odds.
    pub items: Vec<(Side, Item, bool)>,
    pub odds_index: Vec<usize>,
    pub g_r: i64,
    pub g_i: i64,
    /// Multiplier of region units in X: the divisor, or 1.
    pub m: i64,
    pub rule: MandatoryRule,
    /// Prepared innovations dead for sure (a mandatory row unanswered),
    /// under `innovation_zero`.
    pub dead: Vec<bool>,
    /// Not assessable whatever verification does.
    pub certain_block: bool,
    pub n: u32,
    pub covered: u64,
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

impl Layout {
    pub fn new(rubric: &CompiledRubric, a: &Assessment, odds: &[AnswerOdds]) -> Layout {
        let rule = rubric.rubric().mandatory_rule;
        let k = rubric.innovation_len();
        let mut raw = Vec::with_capacity(odds.len());
        let mut odds_index = Vec::with_capacity(odds.len());
        let (mut g_r, mut g_i) = (0i64, 0i64);
        for (oi, o) in odds.iter().enumerate() {
            let Some(ans) = a.answers.get(o.answer) else {
                continue;
            };
            let (side, c) = match ans.row {
                RowRef::Region(i) => (Side::Region, rubric.region.get(i)),
                RowRef::Innovation { row, col } => {
                    (Side::Innovation(row), rubric.innovation.get(col))
                }
            };
            let Some(c) = c else { continue };
            let (s, f) = (
                c.weight_units * i64::from(o.level),
                c.weight_units * i64::from(o.fallback),
            );
            let g = match side {
                Side::Region => &mut g_r,
                Side::Innovation(_) => &mut g_i,
            };
            *g = gcd(gcd(*g, s), f);
            raw.push((side, s, f, o.fallback > 0, o.millionths, c.mandatory));
            odds_index.push(oi);
        }
        let (g_r, g_i) = (g_r.max(1), g_i.max(1));
        let items = raw
            .into_iter()
            .map(|(side, s, f, f_alive, m, mandatory)| {
                let g = if side == Side::Region { g_r } else { g_i };
                let restricted = mandatory
                    && match rule {
                        MandatoryRule::NotAssessable => true,
                        MandatoryRule::InnovationZero => side != Side::Region,
                        MandatoryRule::Finding => false,
                    };
                (
                    side,
                    Item {
                        s: (s / g) as usize,
                        f: (f / g) as usize,
                        f_alive,
                        millionths: m,
                        restricted,
                    },
                    mandatory,
                )
            })
            .collect();
        let claimed = &a.claimed;
        let dead = (0..claimed.innovation_count())
            .map(|j| {
                rule == MandatoryRule::InnovationZero
                    && rubric.innovation.iter().enumerate().any(|(col, c)| {
                        c.mandatory && claimed.innovation.get(j * k + col).is_none_or(|&l| l == 0)
                    })
            })
            .collect();
        let summary = claimed.summary(rubric);
        let m = match rubric.rubric().aggregation {
            Aggregation::Normalized { .. } => i64::from(summary.divisor),
            Aggregation::Sum => 1,
        };
        Layout {
            items,
            odds_index,
            g_r,
            g_i,
            m,
            rule,
            dead,
            certain_block: summary.innovation_count == 0
                || (rule == MandatoryRule::NotAssessable && claimed.blocked),
            n: summary.innovation_count,
            covered: summary.basic_covered,
        }
    }

    /// The law of the region rows, with item `swap` (an index into
    /// `items`) replaced by its given probability.
    pub fn region(&self, swap: Option<(usize, u32)>) -> (Dist, u64) {
        let mut d = Dist::unit();
        let mut work = 0;
        for (k, (side, it, _)) in self.items.iter().enumerate() {
            if *side == Side::Region {
                work += d.step(with(*it, k, swap));
                if work > MAX_WORK {
                    break;
                }
            }
        }
        (d, work)
    }

    /// The law of the innovation rows (see [`Layout::region`]).
    pub fn innovations(&self, swap: Option<(usize, u32)>) -> (Dist, u64) {
        let mut d = Dist::unit();
        let mut work = 0;
        if self.rule != MandatoryRule::InnovationZero {
            for (k, (side, it, _)) in self.items.iter().enumerate() {
                if matches!(side, Side::Innovation(_)) {
                    work += d.step(with(*it, k, swap));
                    if work > MAX_WORK {
                        break;
                    }
                }
            }
            return (d, work);
        }
        // Items are in prepared-row order: one block per innovation.
        let mut k = 0;
        while k < self.items.len() {
            let Side::Innovation(row) = self.items[k].0 else {
                k += 1;
                continue;
            };
            let end = k + self.items[k..]
                .iter()
                .take_while(|x| x.0 == Side::Innovation(row))
                .count();
            if !self.dead.get(row).copied().unwrap_or(true) {
                let mut alive = d.clone();
                let mut lost = d.clone();
                for (j, (_, it, mandatory)) in self.items[k..end].iter().enumerate() {
                    let it = with(*it, k + j, swap);
                    work += alive.step(it);
                    if *mandatory && !it.f_alive {
                        work += lost.scale(it.millionths);
                    }
                }
                // d = alive + (d - d * P(alive)).
                let mut dead = d.clone();
                dead.sub(&lost);
                alive.add(&dead);
                d = alive;
            }
            if work > MAX_WORK {
                break;
            }
            k = end;
        }
        (d, work)
    }
}

fn with(it: Item, k: usize, swap: Option<(usize, u32)>) -> Item {
    match swap {
        Some((j, m)) if j == k => Item {
            millionths: m,
            ..it
        },
        _ => it,
    }
}

/// The two laws and what is read from them.
pub(crate) struct Law<'a> {
    pub rubric: &'a CompiledRubric,
    pub lay: &'a Layout,
    pub r: Dist,
    pub i: Dist,
    /// Suffix sums of `i`: `i_tail[k]` = mass at grid points >= i.lo + k.
    i_tail: Vec<u128>,
}

/// 10^72: probability 1 of a product of two fixed-point values.
pub(crate) fn one2() -> BigUint {
    BigUint::from(ONE) * BigUint::from(ONE)
}

impl<'a> Law<'a> {
    pub fn new(rubric: &'a CompiledRubric, lay: &'a Layout, r: Dist, i: Dist) -> Law<'a> {
        let i_tail = tails(&i);
        Law {
            rubric,
            lay,
            r,
            i,
            i_tail,
        }
    }

    /// X of grid points (r, i).
    pub fn x_of(&self, r: usize, i: usize) -> i128 {
        i128::from(self.lay.g_r) * i128::from(self.lay.m) * r as i128
            + i128::from(self.lay.g_i) * i as i128
    }

    /// Largest X of any outcome (every answer at its claimed level).
    pub fn x_max(&self) -> i128 {
        let (mut r, mut i) = (0usize, 0usize);
        for (side, it, _) in &self.lay.items {
            match side {
                Side::Region => r += it.s.max(it.f),
                Side::Innovation(_) => i += it.s.max(it.f),
            }
        }
        self.x_of(r, i)
    }

    /// The summary of X (assessable when X >= 1).
    pub fn summary(&self, x: i128) -> Summary {
        Summary::new(
            self.rubric,
            0,
            i64::try_from(x).unwrap_or(i64::MAX),
            self.lay.n,
            self.lay.covered,
        )
    }

    /// Mass at grid points of I at or above `k` (a grid index).
    fn i_tail_at(&self, k: i128) -> u128 {
        let lo = self.i.lo as i128;
        if k <= lo {
            return self.i_tail.first().copied().unwrap_or(0);
        }
        usize::try_from(k - lo)
            .ok()
            .and_then(|j| self.i_tail.get(j))
            .copied()
            .unwrap_or(0)
    }

    /// P(alive and X >= x), x >= 1, at 10^-72.
    pub fn tail(&self, x: i128) -> BigUint {
        let mut sum = BigUint::default();
        if self.lay.certain_block {
            return sum;
        }
        let step_r = i128::from(self.lay.g_r) * i128::from(self.lay.m);
        let g_i = i128::from(self.lay.g_i);
        for (k, &p) in self.r.v.iter().enumerate() {
            if p == 0 {
                continue;
            }
            let r = (self.r.lo + k) as i128;
            let need = x - r * step_r;
            let j = if need <= 0 {
                i128::MIN
            } else {
                (need + g_i - 1) / g_i
            };
            let t = self.i_tail_at(j);
            if t != 0 {
                sum += BigUint::from(p) * BigUint::from(t);
            }
        }
        sum
    }

    /// P(alive and X >= 1): assessable.
    pub fn assessable(&self) -> BigUint {
        self.tail(1)
    }

    /// The expected exact index times 10^72, over 10^72 * Den / F: the
    /// numerator and denominator of E[index] (0 when not assessable).
    pub fn expectation(&self) -> (BigUint, BigUint) {
        let s = self.summary(1);
        let factor: u32 = match self.rubric.rubric().aggregation {
            Aggregation::Normalized { .. } => 100,
            Aggregation::Sum => 1,
        };
        let den = BigUint::from(s.index_den.max(1) as u128) * one2();
        if self.lay.certain_block {
            return (BigUint::default(), den);
        }
        // E[X 1_alive] = g_r m sum(r R) |I| + g_i sum(i I) |R|.
        let moment = |d: &Dist| -> BigUint {
            d.v.iter()
                .enumerate()
                .map(|(k, &p)| BigUint::from(p) * BigUint::from((d.lo + k) as u128))
                .sum()
        };
        let (mr, mi) = (BigUint::from(self.r.mass()), BigUint::from(self.i.mass()));
        let ex = moment(&self.r) * &mi * BigUint::from((self.lay.g_r * self.lay.m) as u128)
            + moment(&self.i) * &mr * BigUint::from(self.lay.g_i as u128);
        // The count score when assessable: index = (X + C') * F / Den,
        // C' the total at X = 0.
        let c0 = self.summary(0).index_num / i128::from(factor);
        let c0 = BigUint::from(c0.max(0) as u128);
        let num = (ex + c0 * self.assessable()) * BigUint::from(factor);
        (num, den)
    }

    /// The goal function on the innovation grid: P_R(alive, X >= x) given
    /// I at grid point i, at 10^-36.
    pub fn h_innovation(&self, x: i128, lo: usize, hi: usize) -> Vec<u128> {
        let step_r = i128::from(self.lay.g_r) * i128::from(self.lay.m);
        let r_tail = tails(&self.r);
        (lo..hi)
            .map(|i| {
                let need = x - i128::from(self.lay.g_i) * i as i128;
                let j = if need <= 0 {
                    0
                } else {
                    (need + step_r - 1) / step_r
                };
                let lo_r = self.r.lo as i128;
                let k = (j - lo_r).max(0);
                usize::try_from(k)
                    .ok()
                    .and_then(|k| r_tail.get(k))
                    .copied()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// The goal function on the region grid: P_I(alive, X >= x) given R
    /// at grid point r.
    pub fn h_region(&self, x: i128, lo: usize, hi: usize) -> Vec<u128> {
        let step_r = i128::from(self.lay.g_r) * i128::from(self.lay.m);
        let g_i = i128::from(self.lay.g_i);
        (lo..hi)
            .map(|r| {
                let need = x - step_r * r as i128;
                let j = if need <= 0 {
                    i128::MIN
                } else {
                    (need + g_i - 1) / g_i
                };
                self.i_tail_at(j)
            })
            .collect()
    }
}

fn tails(d: &Dist) -> Vec<u128> {
    let mut t = vec![0u128; d.v.len() + 1];
    for k in (0..d.v.len()).rev() {
        t[k] = t[k + 1] + d.v[k];
    }
    t
}

/// `sum over cells of d(y) h(y + shift)` at 10^-72, with `h` given on
/// `[h_lo, h_lo + h.len())` (0 outside).
pub(crate) fn dot(d: &Dist, shift: usize, h: &[u128], h_lo: usize) -> BigUint {
    let mut sum = BigUint::default();
    for (k, &p) in d.v.iter().enumerate() {
        if p == 0 {
            continue;
        }
        let y = d.lo + k + shift;
        if let Some(&w) = y.checked_sub(h_lo).and_then(|j| h.get(j)) {
            if w != 0 {
                sum += BigUint::from(p) * BigUint::from(w);
            }
        }
    }
    sum
}
