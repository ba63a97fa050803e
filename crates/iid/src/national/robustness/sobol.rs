//! Sensitivity indices of the ranking and the rank statistics, in exact
//! integers.
//!
//! The output of one evaluation is the sum over regions of the absolute
//! shift of a region's rank from its nominal rank (COINr's mean absolute
//! rank shift, times the number of regions: the factor cancels). With
//! `A`, `B` and `AB_i` the outputs of the N sample rows and
//! `V = var(A ∪ B)` (population variance over the 2N outputs), as SALib
//! computes them:
//!
//! ```text
//! first order (Saltelli 2010):  S_i  = mean(B × (AB_i − A)) / V
//! total (Jansen 1999):          ST_i = mean((A − AB_i)²) / (2V)
//! ```
//!
//! Both are ratios of integers, rounded once, half away from zero, to six
//! decimals. Without variance (every output equal) they are undefined
//! (`None`). Bootstrap: resample `b` draws N rows with replacement from
//! its own stream and recomputes both; the interval is the 2.5th and the
//! 97.5th percentile (nearest rank) of the resamples' values, each
//! rounded to six decimals first; resamples without variance are left
//! out.

use rust_decimal::Decimal;

use super::draw::{below, bootstrap_stream};
use super::engine::{par_map, EVALUATIONS};
use crate::scoring::summary::ratio;

/// Decimals of every probability and index.
pub const DECIMALS: u32 = 6;

/// The two indices of one group, in integers of 10^-6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indices {
    pub first: i128,
    pub total: i128,
}

/// `num / den` in integers of 10^-6, rounded half away from zero.
fn millionths(num: i128, den: i128) -> i128 {
    let d = ratio(num, den, DECIMALS);
    d.mantissa()
}

/// The indices of group `g` (evaluation `2 + g`) over the rows picked by
/// `pick` (every row, or a bootstrap resample).
pub fn indices(
    rows: &[[u64; EVALUATIONS]],
    pick: impl Iterator<Item = usize> + Clone,
    groups: usize,
) -> Vec<Option<Indices>> {
    let n = pick.clone().count() as i128;
    let (mut sum, mut sum2) = (0i128, 0i128);
    for i in pick.clone() {
        let Some(r) = rows.get(i) else { continue };
        for y in [r[0], r[1]] {
            let y = i128::from(y);
            sum += y;
            sum2 += y * y;
        }
    }
    let v = 2 * n * sum2 - sum * sum;
    (0..groups)
        .map(|g| {
            if v <= 0 || n == 0 {
                return None;
            }
            let (mut first, mut total) = (0i128, 0i128);
            for i in pick.clone() {
                let Some(r) = rows.get(i) else { continue };
                let (a, b, ab) = (i128::from(r[0]), i128::from(r[1]), i128::from(r[2 + g]));
                first += b * (ab - a);
                total += (a - ab) * (a - ab);
            }
            Some(Indices {
                first: millionths(4 * n * first, v),
                total: millionths(2 * n * total, v),
            })
        })
        .collect()
}

/// A group's indices with their bootstrap intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    pub value: Indices,
    pub low: Indices,
    pub high: Indices,
}

/// Indices and bootstrap intervals of every group.
pub fn estimate(
    rows: &[[u64; EVALUATIONS]],
    groups: usize,
    resamples: usize,
    seed: u64,
) -> Vec<Option<Estimate>> {
    let n = rows.len();
    let point = indices(rows, 0..n, groups);
    let boot: Vec<Vec<Option<Indices>>> = par_map(resamples, |b| {
        let mut rng = bootstrap_stream(seed, b);
        let pick: Vec<usize> = (0..n).map(|_| below(&mut rng, n as u64) as usize).collect();
        indices(rows, pick.iter().copied(), groups)
    });
    point
        .into_iter()
        .enumerate()
        .map(|(g, p)| {
            let value = p?;
            let mut first: Vec<i128> = boot
                .iter()
                .filter_map(|b| b.get(g).copied().flatten())
                .map(|x| x.first)
                .collect();
            let mut total: Vec<i128> = boot
                .iter()
                .filter_map(|b| b.get(g).copied().flatten())
                .map(|x| x.total)
                .collect();
            first.sort_unstable();
            total.sort_unstable();
            let lo = |v: &[i128], own: i128| percentile(v, 25, 1000).unwrap_or(own);
            let hi = |v: &[i128], own: i128| percentile(v, 975, 1000).unwrap_or(own);
            Some(Estimate {
                value,
                low: Indices {
                    first: lo(&first, value.first),
                    total: lo(&total, value.total),
                },
                high: Indices {
                    first: hi(&first, value.first),
                    total: hi(&total, value.total),
                },
            })
        })
        .collect()
}

/// The nearest-rank percentile `num/den` of sorted values: the
/// `⌈num/den × len⌉`-th smallest (at least the first).
pub fn percentile<T: Copy>(sorted: &[T], num: u64, den: u64) -> Option<T> {
    let len = sorted.len() as u64;
    if len == 0 {
        return None;
    }
    let k = (num * len).div_ceil(den).max(1);
    sorted.get((k - 1) as usize).copied()
}

/// The nearest-rank percentile `num/den` of values given as counts
/// (`counts[v]` values equal to `v`, `total` in all).
pub fn percentile_of_counts(counts: &[u32], total: u64, num: u64, den: u64) -> Option<usize> {
    if total == 0 {
        return None;
    }
    let k = (num * total).div_ceil(den).max(1);
    let mut seen = 0u64;
    for (v, &c) in counts.iter().enumerate() {
        seen += u64::from(c);
        if seen >= k {
            return Some(v);
        }
    }
    None
}

/// `count / total` as a decimal with six decimals, rounded half away
/// from zero.
pub fn probability(count: u64, total: u64) -> Decimal {
    ratio(i128::from(count), i128::from(total), DECIMALS)
}

/// An index in integers of 10^-6 as a decimal with six decimals.
pub fn decimal(millionths: i128) -> Decimal {
    Decimal::try_from_i128_with_scale(millionths, DECIMALS).unwrap_or(Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An additive model Y = X1 + 2 X2 with X1, X2 independent and
    /// uniform on {0, 1}: V = 1/4 + 1 = 5/4, so S1 = (1/4)/(5/4) = 0.2,
    /// S2 = 0.8, and (no interaction) ST = S. Over the full factorial
    /// design of A and B rows (16 rows: every pair of (x1, x2) for A and
    /// for B) the estimators are exact.
    #[test]
    fn additive_model_gives_the_closed_form_indices() {
        let y = |x1: u64, x2: u64| x1 + 2 * x2;
        let mut rows = Vec::new();
        for a in 0..4u64 {
            for b in 0..4u64 {
                let (a1, a2, b1, b2) = (a & 1, a >> 1, b & 1, b >> 1);
                rows.push([y(a1, a2), y(b1, b2), y(b1, a2), y(a1, b2), 0]);
            }
        }
        let got = indices(&rows, 0..rows.len(), 2);
        // Jansen: mean((A - AB_1)^2) / 2V = (1/2) / (2 × 5/4) = 0.2;
        // Saltelli 2010: mean(B (AB_1 - A)) = cov = 1/4 → 0.2.
        assert_eq!(
            got[0],
            Some(Indices {
                first: 200_000,
                total: 200_000
            })
        );
        assert_eq!(
            got[1],
            Some(Indices {
                first: 800_000,
                total: 800_000
            })
        );
        // Constant output: no variance, no index.
        let flat = vec![[3, 3, 3, 3, 3]; 5];
        assert_eq!(indices(&flat, 0..5, 3), vec![None, None, None]);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<u32> = (1..=20).collect();
        assert_eq!(percentile(&v, 5, 100), Some(1));
        assert_eq!(percentile(&v, 50, 100), Some(10));
        assert_eq!(percentile(&v, 95, 100), Some(19));
        assert_eq!(percentile::<u32>(&[], 50, 100), None);
        // Counts of the values 0..=3: 0, 2, 1, 1 → sorted 1 1 2 3.
        assert_eq!(percentile_of_counts(&[0, 2, 1, 1], 4, 50, 100), Some(1));
        assert_eq!(percentile_of_counts(&[0, 2, 1, 1], 4, 95, 100), Some(3));
        assert_eq!(probability(2, 3).to_string(), "0.666667");
        assert_eq!(probability(0, 3).to_string(), "0.000000");
    }
}
