//! Exact minimum-cost covering knapsack: choose items so that their gains
//! add up to at least a need, at the least total cost.
//!
//! A problem is a list of [`Unit`]s: a class of identical items (any
//! number up to a count may be taken) or a choice of at most one option.
//! The dynamic programme runs over the *remaining need*, measured in the
//! greatest common divisor of all gains and capped at the need:
//! `f[g]` is the least cost that reaches a gain of at least `g`, and
//!
//! ```text
//! f'(g) = min( f(g),  cost + f(max(0, g - gain)) )     for each item or option
//! ```
//!
//! Identical items are taken in binary bundles (1, 2, 4, ..., rest), so a
//! class of m items costs about log2 m passes; a class never needs more
//! items than it takes to cover the need alone. Every pass records its
//! decision per state, and the picks are read back from `f[need]`.
//! A decision replaces the best so far only when strictly cheaper, so
//! among plans of equal cost the one found first (fewer picks) stays.

/// Cost that stands for "cannot be reached".
pub(crate) const INF: i64 = i64::MAX / 4;

/// Most states (remaining need in units of the gains' gcd) the table may
/// hold: its cost row takes 8 bytes a state, so with the decision bits of
/// at most `MAX_WORK` cells a search needs at most 8 x MAX_STATES +
/// MAX_WORK / 8 bytes, about 250 MB.
pub const MAX_STATES: u128 = 8_000_000;

/// One unit of a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    /// `count` identical items, each adding `gain` for `cost`.
    Items { gain: u64, cost: i64, count: u64 },
    /// At most one of the options `(gain, cost)`; none costs nothing.
    Choose { options: Vec<(u64, i64)> },
}

/// What [`solve`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The least cost and, per unit, the number of items taken (`Items`)
    /// or the option taken plus one (`Choose`; 0 for none); `work` is the
    /// number of table cells filled.
    Found {
        cost: i64,
        picks: Vec<u64>,
        work: u128,
    },
    /// Taking everything falls short of the need.
    Unreachable,
    /// The table would exceed the work limit.
    TooLarge { work: u128 },
    /// The table would hold more than [`MAX_STATES`] states (memory).
    TooManyStates { states: u128 },
}

enum Pass {
    Bundle {
        unit: usize,
        mult: u64,
        gain: usize,
        cost: i64,
    },
    Group {
        unit: usize,
        options: Vec<(usize, i64)>,
    },
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A lower bound on the least cost: the fractional relaxation, where
/// every item and every option may be taken in part and options of one
/// choice independently (a larger feasible set, so a cost no higher than
/// the exact one). `None` when even everything falls short.
pub(crate) fn lower_bound(units: &[Unit], need: u128) -> Option<i64> {
    if need == 0 {
        return Some(0);
    }
    // (cost, gain, copies), cheapest per gain first: c1 / g1 < c2 / g2.
    let mut items: Vec<(i64, u64, u64)> = Vec::new();
    for u in units {
        match u {
            Unit::Items { gain, cost, count } if *gain > 0 => items.push((*cost, *gain, *count)),
            Unit::Items { .. } => {}
            Unit::Choose { options } => {
                items.extend(options.iter().filter(|o| o.0 > 0).map(|o| (o.1, o.0, 1)))
            }
        }
    }
    items.sort_by(|a, b| {
        (i128::from(a.0) * i128::from(b.1)).cmp(&(i128::from(b.0) * i128::from(a.1)))
    });
    let mut left = need;
    let mut cost: i128 = 0;
    for (c, g, n) in items {
        let all = u128::from(g) * u128::from(n);
        if all >= left {
            // Whole items first, then a fraction of one (rounded down).
            let whole = left / u128::from(g);
            let rest = left - whole * u128::from(g);
            cost += i128::from(c) * whole as i128 + i128::from(c) * rest as i128 / i128::from(g);
            return Some(cost.min(i128::from(INF)) as i64);
        }
        cost += i128::from(c) * i128::from(n);
        left -= all;
    }
    None
}

/// Solve exactly, or say the need cannot be met, or that the table would
/// exceed `max_work` cells (passes x states).
pub(crate) fn solve(units: &[Unit], need: u128, max_work: u128) -> Outcome {
    let mut picks = vec![0u64; units.len()];
    if need == 0 {
        return Outcome::Found {
            cost: 0,
            picks,
            work: 0,
        };
    }
    let mut total: u128 = 0;
    let mut g = 0u64;
    for u in units {
        match u {
            Unit::Items { gain, count, .. } if *gain > 0 && *count > 0 => {
                total += u128::from(*gain) * u128::from(*count);
                g = gcd(g, *gain);
            }
            Unit::Items { .. } => {}
            Unit::Choose { options } => {
                total += u128::from(options.iter().map(|o| o.0).max().unwrap_or(0));
                for o in options.iter().filter(|o| o.0 > 0) {
                    g = gcd(g, o.0);
                }
            }
        }
    }
    if total < need || g == 0 {
        return Outcome::Unreachable;
    }
    let states = need.div_ceil(u128::from(g));
    if states > MAX_STATES {
        return Outcome::TooManyStates { states };
    }
    if states > max_work {
        return Outcome::TooLarge { work: states };
    }
    let n = states as usize;
    let scaled = |gain: u64| -> usize { (u128::from(gain / g)).min(states) as usize };

    let mut passes = Vec::new();
    let mut work: u128 = 0;
    for (ui, u) in units.iter().enumerate() {
        match u {
            Unit::Items { gain, cost, count } if *gain > 0 && *count > 0 => {
                let q = scaled(*gain);
                let useful = (*count).min(n.div_ceil(q) as u64);
                let mut left = useful;
                let mut mult = 1u64;
                while left > 0 {
                    let m = mult.min(left);
                    passes.push(Pass::Bundle {
                        unit: ui,
                        mult: m,
                        gain: (q as u128 * u128::from(m)).min(states) as usize,
                        cost: cost.saturating_mul(m as i64).min(INF),
                    });
                    work += states + 1;
                    left -= m;
                    mult = mult.saturating_mul(2);
                }
            }
            Unit::Items { .. } => {}
            Unit::Choose { options } => {
                if options.len() > usize::from(u16::MAX) {
                    return Outcome::TooLarge {
                        work: options.len() as u128,
                    };
                }
                let opts: Vec<(usize, i64)> = options
                    .iter()
                    .map(|&(gain, cost)| (scaled(gain), cost.min(INF)))
                    .collect();
                work += (states + 1) * opts.len() as u128;
                passes.push(Pass::Group {
                    unit: ui,
                    options: opts,
                });
            }
        }
        if work > max_work {
            return Outcome::TooLarge { work };
        }
    }

    let mut f = vec![INF; n + 1];
    f[0] = 0;
    let words = (n + 1).div_ceil(64);
    let mut taken: Vec<Vec<u64>> = Vec::new();
    let mut chosen: Vec<Packed> = Vec::new();
    for pass in &passes {
        match pass {
            Pass::Bundle { gain, cost, .. } => {
                let mut bits = vec![0u64; words];
                for s in (1..=n).rev() {
                    let v = f[s.saturating_sub(*gain)].saturating_add(*cost);
                    if v < f[s] {
                        f[s] = v;
                        bits[s / 64] |= 1 << (s % 64);
                    }
                }
                taken.push(bits);
            }
            Pass::Group { options, .. } => {
                let mut which = Packed::new(n + 1, options.len());
                for s in (1..=n).rev() {
                    for (o, &(gain, cost)) in options.iter().enumerate() {
                        if gain == 0 {
                            continue;
                        }
                        let v = f[s.saturating_sub(gain)].saturating_add(cost);
                        if v < f[s] {
                            f[s] = v;
                            which.set(s, o as u64 + 1);
                        }
                    }
                }
                chosen.push(which);
            }
        }
    }
    if f[n] >= INF {
        return Outcome::Unreachable;
    }
    let cost = f[n];
    let mut s = n;
    for pass in passes.iter().rev() {
        match pass {
            Pass::Bundle {
                unit, mult, gain, ..
            } => {
                let bits = taken.pop().unwrap_or_default();
                if bits.get(s / 64).is_some_and(|w| w & (1 << (s % 64)) != 0) {
                    picks[*unit] += mult;
                    s = s.saturating_sub(*gain);
                }
            }
            Pass::Group { unit, options } => {
                let o = chosen.pop().map_or(0, |w| w.get(s));
                if let Some(opt) = (o as usize).checked_sub(1).and_then(|i| options.get(i)) {
                    picks[*unit] = o;
                    s = s.saturating_sub(opt.0);
                }
            }
        }
    }
    Outcome::Found { cost, picks, work }
}

/// A choice's decision per state, packed in as few bits as its options
/// need (an option number from 0, none, to the number of options): its
/// bits never exceed the cells the choice's pass fills, so decisions
/// take at most `MAX_WORK` bits in all.
struct Packed {
    bits: u32,
    words: Vec<u64>,
}

impl Packed {
    fn new(states: usize, options: usize) -> Packed {
        let bits = (usize::BITS - options.leading_zeros()).max(1);
        let total = states as u128 * u128::from(bits);
        Packed {
            bits,
            words: vec![0; total.div_ceil(64) as usize],
        }
    }

    fn set(&mut self, s: usize, v: u64) {
        let at = s as u128 * u128::from(self.bits);
        for b in 0..self.bits {
            let bit = at + u128::from(b);
            let (w, k) = ((bit / 64) as usize, bit % 64);
            if let Some(word) = self.words.get_mut(w) {
                *word = (*word & !(1 << k)) | (((v >> b) & 1) << k);
            }
        }
    }

    fn get(&self, s: usize) -> u64 {
        let at = s as u128 * u128::from(self.bits);
        (0..self.bits).fold(0, |v, b| {
            let bit = at + u128::from(b);
            let w = self.words.get((bit / 64) as usize).copied().unwrap_or(0);
            v | (((w >> (bit % 64)) & 1) << b)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every selection, by brute force.
    fn brute(units: &[Unit], need: u128) -> Option<i64> {
        fn go(units: &[Unit], i: usize, gain: u128, cost: i64, need: u128, best: &mut Option<i64>) {
            if i == units.len() {
                if gain >= need && best.is_none_or(|b| cost < b) {
                    *best = Some(cost);
                }
                return;
            }
            match &units[i] {
                Unit::Items {
                    gain: q,
                    cost: c,
                    count,
                } => {
                    for m in 0..=*count {
                        go(
                            units,
                            i + 1,
                            gain + u128::from(q * m),
                            cost + c * m as i64,
                            need,
                            best,
                        );
                    }
                }
                Unit::Choose { options } => {
                    go(units, i + 1, gain, cost, need, best);
                    for &(q, c) in options {
                        go(units, i + 1, gain + u128::from(q), cost + c, need, best);
                    }
                }
            }
        }
        let mut best = None;
        go(units, 0, 0, 0, need, &mut best);
        best
    }

    fn gained(units: &[Unit], picks: &[u64]) -> (u128, i64) {
        units
            .iter()
            .zip(picks)
            .fold((0, 0), |(g, c), (u, &p)| match u {
                Unit::Items { gain, cost, .. } => (g + u128::from(gain * p), c + cost * p as i64),
                Unit::Choose { options } if p > 0 => {
                    let (q, k) = options[p as usize - 1];
                    (g + u128::from(q), c + k)
                }
                Unit::Choose { .. } => (g, c),
            })
    }

    #[test]
    fn matches_brute_force_on_small_problems() {
        let mut rng = crate::synthetic::SplitMix64::new(3);
        for _ in 0..3000 {
            let units: Vec<Unit> = (0..1 + rng.below(4))
                .map(|_| {
                    if rng.below(2) == 0 {
                        Unit::Items {
                            gain: 25 * (1 + rng.below(6)),
                            cost: rng.below(5) as i64,
                            count: rng.below(4),
                        }
                    } else {
                        Unit::Choose {
                            options: (0..1 + rng.below(3))
                                .map(|_| (25 * rng.below(8), rng.below(9) as i64))
                                .collect(),
                        }
                    }
                })
                .collect();
            let need = u128::from(rng.below(400));
            let want = brute(&units, need);
            match (lower_bound(&units, need), want) {
                (Some(lb), Some(w)) => assert!(lb <= w, "{units:?} need {need}: bound {lb} > {w}"),
                (None, w) => assert_eq!(w, None, "{units:?} need {need}"),
                (Some(_), None) => {}
            }
            match solve(&units, need, 1 << 30) {
                Outcome::Found { cost, picks, .. } => {
                    assert_eq!(Some(cost), want, "{units:?} need {need}");
                    let (g, c) = gained(&units, &picks);
                    assert!(g >= need, "{units:?} need {need} picks {picks:?}");
                    assert_eq!(c, cost);
                }
                Outcome::Unreachable => assert_eq!(want, None, "{units:?} need {need}"),
                Outcome::TooLarge { .. } | Outcome::TooManyStates { .. } => {
                    panic!("small problem refused")
                }
            }
        }
    }

    #[test]
    fn lower_bound_is_the_fractional_relaxation() {
        // Two items of gain 3 at cost 2 (2/3 a unit of gain), then one
        // option of gain 5 at cost 4 (4/5); the option of gain 0 is no
        // help. Need 9: both items (gain 6, cost 4), then 3/5 of the
        // option, 12/5 rounded down to 2: bound 6 (the exact cost is 8).
        let units = [
            Unit::Choose {
                options: vec![(5, 4), (0, 1)],
            },
            Unit::Items {
                gain: 3,
                cost: 2,
                count: 2,
            },
        ];
        assert_eq!(lower_bound(&units, 9), Some(6));
        // Need 6: the items alone, nothing of the option.
        assert_eq!(lower_bound(&units, 6), Some(4));
        // Need 5: one whole item and 2/3 of the other, 4/3 down to 1.
        assert_eq!(lower_bound(&units, 5), Some(3));
        assert_eq!(lower_bound(&units, 11), Some(8));
        assert_eq!(lower_bound(&units, 12), None);
        assert_eq!(lower_bound(&units, 0), Some(0));
        // Three items of gain 4 at cost 5: need 10 takes two whole items
        // and half of the third, 5/2 down to 2.
        let items = [Unit::Items {
            gain: 4,
            cost: 5,
            count: 3,
        }];
        assert_eq!(lower_bound(&items, 10), Some(12));
        assert_eq!(lower_bound(&items, 12), Some(15));
        assert_eq!(lower_bound(&items, 13), None);
    }

    #[test]
    fn solve_reports_cost_picks_and_work() {
        // Need 10 from items of gain 3 (cost 2, five of them) and a choice
        // of gain 4 at cost 1 or gain 10 at cost 9. Cheapest: the gain-4
        // option and two items (gain 10, cost 5).
        let units = [
            Unit::Items {
                gain: 3,
                cost: 2,
                count: 5,
            },
            Unit::Choose {
                options: vec![(4, 1), (10, 9)],
            },
        ];
        // gcd 1, 10 states; the items are useful up to 4 (ceil 10 / 3),
        // in bundles 1, 2, 1: 3 passes of 11 cells; the choice 2 x 11.
        assert_eq!(
            solve(&units, 10, 1 << 20),
            Outcome::Found {
                cost: 5,
                picks: vec![2, 1],
                work: 55,
            }
        );
        // The work limit is inclusive.
        assert!(matches!(solve(&units, 10, 55), Outcome::Found { .. }));
        assert_eq!(solve(&units, 10, 54), Outcome::TooLarge { work: 55 });
        // Everything together gains 15 + 10.
        assert!(matches!(
            solve(&units, 25, 1 << 20),
            Outcome::Found { cost: 19, .. }
        ));
        assert_eq!(solve(&units, 26, 1 << 20), Outcome::Unreachable);
        // Gains of 6 and 4 have gcd 2: need 7 is 4 states. Items of gain
        // 6 are useful up to 2 (bundles 1, 1), of gain 4 up to 1: 3 passes
        // of 5 cells. 6 + 6 and 6 + 4 both cost 2; the first found stays.
        let even = [
            Unit::Items {
                gain: 6,
                cost: 1,
                count: 2,
            },
            Unit::Items {
                gain: 4,
                cost: 1,
                count: 1,
            },
        ];
        assert_eq!(
            solve(&even, 7, 1 << 20),
            Outcome::Found {
                cost: 2,
                picks: vec![2, 0],
                work: 15,
            }
        );
        // Items of no gain, or none at all, are no help.
        let none = [
            Unit::Items {
                gain: 0,
                cost: 1,
                count: 9,
            },
            Unit::Items {
                gain: 5,
                cost: 1,
                count: 0,
            },
        ];
        assert_eq!(solve(&none, 1, 1 << 20), Outcome::Unreachable);
        // Among options of equal cost the first stays: gcd 1, 3 states,
        // one choice of 2 options over 4 cells.
        let tie = [Unit::Choose {
            options: vec![(3, 2), (5, 2)],
        }];
        assert_eq!(
            solve(&tie, 3, 1 << 20),
            Outcome::Found {
                cost: 2,
                picks: vec![1],
                work: 8,
            }
        );
        // 64 states and more take a second word of decision bits: 64
        // items of gain 1 in bundles 1, 2, 4, 8, 16, 32, 1 (7 passes of 65
        // cells).
        let many = [Unit::Items {
            gain: 1,
            cost: 1,
            count: 64,
        }];
        assert_eq!(
            solve(&many, 64, 1 << 20),
            Outcome::Found {
                cost: 64,
                picks: vec![64],
                work: 455,
            }
        );
        // Next to a class that helps, a class of no gain is skipped:
        // gain 5, need 5 is one state, one pass of 2 cells.
        let helped = [
            Unit::Items {
                gain: 0,
                cost: 1,
                count: 9,
            },
            Unit::Items {
                gain: 5,
                cost: 1,
                count: 1,
            },
        ];
        assert_eq!(
            solve(&helped, 5, 1 << 20),
            Outcome::Found {
                cost: 1,
                picks: vec![0, 1],
                work: 2,
            }
        );
        // A class with no items left does not refine the gcd: gain 4
        // alone, need 4 is one state, one pass of 2 cells.
        let spent = [
            Unit::Items {
                gain: 4,
                cost: 1,
                count: 1,
            },
            Unit::Items {
                gain: 2,
                cost: 1,
                count: 0,
            },
        ];
        assert_eq!(
            solve(&spent, 4, 1 << 20),
            Outcome::Found {
                cost: 1,
                picks: vec![1, 0],
                work: 2,
            }
        );
        assert_eq!(
            solve(&none, 0, 0),
            Outcome::Found {
                cost: 0,
                picks: vec![0, 0],
                work: 0,
            }
        );
    }

    #[test]
    fn state_and_option_limits_are_inclusive() {
        let max = MAX_STATES as u64;
        let items = |count| {
            [Unit::Items {
                gain: 1,
                cost: 1,
                count,
            }]
        };
        // Exactly MAX_STATES states is allowed (then the work limit
        // speaks); one more is refused before any table is made.
        assert_eq!(
            solve(&items(max), MAX_STATES, 10),
            Outcome::TooLarge { work: MAX_STATES }
        );
        assert_eq!(
            solve(&items(max + 1), MAX_STATES + 1, 10),
            Outcome::TooManyStates {
                states: MAX_STATES + 1
            }
        );
        // States up to the work limit pass that first check.
        assert_eq!(
            solve(&items(100), 100, 100),
            // Bundles 1, 2, 4, 8, 16, 32, 37: 7 passes of 101 cells.
            Outcome::TooLarge { work: 707 }
        );
        // A choice may have up to u16::MAX options; the last one is taken
        // here, as option u16::MAX.
        let mut options = vec![(1u64, 5i64); usize::from(u16::MAX) - 1];
        options.push((1, 2));
        let choose = [Unit::Choose { options }];
        assert_eq!(
            solve(&choose, 1, 1 << 20),
            Outcome::Found {
                cost: 2,
                picks: vec![u64::from(u16::MAX)],
                work: 2 * u128::from(u16::MAX),
            }
        );
        let too_many = [Unit::Choose {
            options: vec![(1, 1); usize::from(u16::MAX) + 1],
        }];
        assert_eq!(
            solve(&too_many, 1, 1 << 40),
            Outcome::TooLarge {
                work: u128::from(u16::MAX) + 1
            }
        );
    }

    #[test]
    fn refuses_tables_beyond_the_limit() {
        let units = [Unit::Items {
            gain: 1,
            cost: 1,
            count: 1_000_000,
        }];
        assert!(matches!(
            solve(&units, 999_999, 1000),
            Outcome::TooLarge { .. }
        ));
        // Memory: more states than MAX_STATES are refused whatever the
        // work allowance, and exactly MAX_STATES are not.
        let many = [Unit::Items {
            gain: 1,
            cost: 1,
            count: u64::MAX,
        }];
        let over = MAX_STATES + 1;
        assert!(matches!(
            solve(&many, over, u128::MAX),
            Outcome::TooManyStates { states } if states == over
        ));
        assert!(!matches!(
            solve(&many, MAX_STATES, 1),
            Outcome::TooManyStates { .. }
        ));
    }
}
