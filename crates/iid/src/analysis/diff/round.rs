//! Published figures that add up: the parts of a change are exact
//! fractions, the change a reader sees is the difference of two indices
//! rounded to two decimals. [`apportion`] rounds parts by the largest
//! remainder method so that the rounded parts sum to a given rounded total:
//! each part is floored to the published resolution, and the units still
//! missing go one each to the parts with the largest remainders (the
//! earlier part first on a tie). When the total is within one unit of the
//! exact sum, as a difference of two half-up roundings always is, each
//! rounded part is within one unit of its exact value, and a part that is
//! exactly zero stays zero.

use std::cmp::Ordering;

use crate::analysis::frac::Frac;

/// Integers of 10^-dp, one per part, summing to `total`.
pub(crate) fn apportion(parts: &[Frac], total: i128, dp: u32) -> Option<Vec<i128>> {
    let mut out = Vec::with_capacity(parts.len());
    let mut rems = Vec::with_capacity(parts.len());
    for p in parts {
        let (floor, rem) = p.split(dp)?;
        out.push(floor);
        rems.push(rem);
    }
    if out.is_empty() {
        return (total == 0).then_some(out);
    }
    let mut left = total.checked_sub(out.iter().try_fold(0i128, |a, b| a.checked_add(*b))?)?;
    let order = by_remainder(&rems);
    // Within one unit of the exact sum, `left` is between 0 and the number
    // of parts with a remainder; anything else (never from this module's
    // callers) is spread evenly rather than refused.
    let mut i = 0;
    while left > 0 {
        out[order[i % order.len()]] += 1;
        left -= 1;
        i += 1;
    }
    while left < 0 {
        out[order[order.len() - 1 - i % order.len()]] -= 1;
        left += 1;
        i += 1;
    }
    Some(out)
}

/// Indices of `rems`, largest first, the lower index first on a tie: a
/// merge sort written out (the library's sorts, instantiated for this
/// order, would add kilobytes to the WebAssembly module).
fn by_remainder(rems: &[Frac]) -> Vec<usize> {
    let before = |a: usize, b: usize| match rems[a].cmp(&rems[b]) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => a < b,
    };
    let mut order: Vec<usize> = (0..rems.len()).collect();
    let mut buf = order.clone();
    let mut width = 1;
    while width < order.len() {
        let mut start = 0;
        while start < order.len() {
            let mid = (start + width).min(order.len());
            let end = (start + 2 * width).min(order.len());
            let (mut i, mut j) = (start, mid);
            for slot in &mut buf[start..end] {
                if j >= end || (i < mid && !before(order[j], order[i])) {
                    *slot = order[i];
                    i += 1;
                } else {
                    *slot = order[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut buf);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: i128, d: i128) -> Frac {
        Frac::new(n, d).unwrap()
    }

    #[test]
    fn rounded_parts_add_up_to_the_rounded_total() {
        // 1/3 + 1/3 + 1/3 = 1.00: floors 33 + 33 + 33 = 99, one cent to the
        // first of the equal remainders.
        let thirds = [f(1, 3), f(1, 3), f(1, 3)];
        assert_eq!(apportion(&thirds, 100, 2), Some(vec![34, 33, 33]));
        // -0.125 and +0.625 (sum 0.5): rounded total 0.50. Floors -13 and
        // 62 (sum 49); the larger remainder (0.5 and 0.5: the first) +1.
        assert_eq!(apportion(&[f(-1, 8), f(5, 8)], 50, 2), Some(vec![-12, 62]));
        // A part that is exactly zero stays zero.
        assert_eq!(
            apportion(&[Frac::ZERO, f(1, 3), f(2, 3)], 100, 2),
            Some(vec![0, 33, 67])
        );
        // The total may differ from the exact sum by less than a unit:
        // exact 0.005 + 0.005 = 0.01 shown as a change of 0.00 (58.115 ->
        // 58.125 shown as 58.12 -> 58.13 would be 0.01; here 0.00).
        assert_eq!(apportion(&[f(1, 200), f(1, 200)], 0, 2), Some(vec![0, 0]));
        assert_eq!(apportion(&[f(1, 200), f(1, 200)], 1, 2), Some(vec![1, 0]));
        assert_eq!(apportion(&[], 0, 2), Some(vec![]));
        assert_eq!(apportion(&[], 1, 2), None);
        // Robust beyond the contract: spread, never a panic.
        assert_eq!(apportion(&[Frac::ZERO], 3, 2), Some(vec![3]));
        assert_eq!(
            apportion(&[Frac::ZERO, Frac::ZERO], -3, 2),
            Some(vec![-1, -2])
        );
    }

    #[test]
    fn remainders_order_largest_first_then_by_position() {
        let rems: Vec<Frac> = [3, 1, 3, 0, 2, 1, 3].iter().map(|&n| f(n, 4)).collect();
        assert_eq!(by_remainder(&rems), vec![0, 2, 6, 4, 1, 5, 3]);
        assert_eq!(by_remainder(&[]), Vec::<usize>::new());
        assert_eq!(by_remainder(&[f(1, 2)]), vec![0]);
        // Against the library's stable sort on pseudo-random remainders.
        let mut x: u64 = 7;
        let rems: Vec<Frac> = (0..1000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                f((x % 50) as i128, 1 + (x >> 32) as i128 % 60 + 50)
            })
            .collect();
        let mut want: Vec<usize> = (0..rems.len()).collect();
        want.sort_by(|&a, &b| rems[b].cmp(&rems[a]).then(a.cmp(&b)));
        assert_eq!(by_remainder(&rems), want);
    }
}
