//! The solver and the bound against brute force on small problems, and
//! worked cases of cost, picks, work and the limits.

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
