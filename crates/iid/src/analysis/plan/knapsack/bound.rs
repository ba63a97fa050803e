//! A lower bound on a problem's least cost, cheap to compute: the
//! fractional relaxation, greedy by cost per unit of gain.

use super::{Unit, INF};

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
