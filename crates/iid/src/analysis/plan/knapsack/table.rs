//! The exact solver: the passes of a problem (binary bundles of identical
//! items, one pass a choice), the table over the remaining need filled
//! pass by pass, and the picks read back from its last state.

use super::packed::Packed;
use super::{Outcome, Unit, INF, MAX_STATES};

/// One pass over the table: a bundle of `mult` identical items of a
/// class, or the options of a choice (gains scaled to states).
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
