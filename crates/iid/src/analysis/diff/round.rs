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

use std::cmp::Reverse;

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
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| (Reverse(rems[i]), i));
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
        assert_eq!(
            apportion(&[f(-1, 8), f(5, 8)], 50, 2),
            Some(vec![-12, 62])
        );
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
        assert_eq!(apportion(&[Frac::ZERO, Frac::ZERO], -3, 2), Some(vec![-1, -2]));
    }
}
