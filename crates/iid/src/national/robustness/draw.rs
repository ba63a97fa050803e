//! Random draws of the robustness analysis: counter-based streams, exact
//! bounded integers, and each verification group's outcome table.
//!
//! Streams: ChaCha8 (`rand_chacha`) keyed by the seed; every purpose
//! draws from a stream of its own, and a sample's draws sit at a position
//! fixed by the sample's number, so the same seed gives the same draws
//! whatever the thread count or the order of the work:
//!
//! - the weights and divisor of sample `s` in matrix `m` (A = 0, B = 1):
//!   stream `2^32 + 2s + m`, from its start;
//! - the verification outcomes of region `r` in matrix `m`: stream
//!   `2r + m`, one 64-bit word per random group, sample `s` at word
//!   `s × groups`;
//! - bootstrap resample `b`: stream `2^33 + b`.
//!
//! A group's table holds the distribution of the sum of its answers'
//! drops (claimed minus fallback level, each kept with its survival
//! probability), computed by convolution in binary floating point, as
//! cumulative thresholds on 64-bit integers; a draw inverts it with one
//! uniform 64-bit word (a guide table finds the start of the search).

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Survival probabilities are integers of 10^-6.
pub const MILLION: u32 = 1_000_000;

/// Outcomes less likely than this are left out of a table (their total
/// is far below the 2^-64 resolution of a draw).
const TAIL: f64 = 1.0 / (1u128 << 80) as f64;

const WEIGHT_STREAMS: u64 = 1 << 32;
const BOOTSTRAP_STREAMS: u64 = 1 << 33;

/// The stream of sample `s`'s weights and divisor in matrix `m`.
pub fn sample_stream(seed: u64, s: usize, m: usize) -> ChaCha8Rng {
    stream(seed, WEIGHT_STREAMS + 2 * s as u64 + m as u64, 0)
}

/// The stream of region `r`'s verification draws in matrix `m`, at the
/// words of sample `s` (`groups` words a sample).
pub fn region_stream(seed: u64, r: usize, m: usize, s: usize, groups: usize) -> ChaCha8Rng {
    // Two 32-bit words per 64-bit draw.
    stream(seed, 2 * r as u64 + m as u64, 2 * (s as u128) * groups as u128)
}

/// The stream of bootstrap resample `b`.
pub fn bootstrap_stream(seed: u64, b: usize) -> ChaCha8Rng {
    stream(seed, BOOTSTRAP_STREAMS + b as u64, 0)
}

fn stream(seed: u64, id: u64, word: u128) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(id);
    rng.set_word_pos(word);
    rng
}

/// A uniform integer in `0..n` (`n > 0`), exactly (Lemire's method with
/// rejection).
pub fn below(rng: &mut impl RngCore, n: u64) -> u64 {
    let n = n.max(1);
    let mut m = u128::from(rng.next_u64()) * u128::from(n);
    if (m as u64) < n {
        let t = n.wrapping_neg() % n;
        while (m as u64) < t {
            m = u128::from(rng.next_u64()) * u128::from(n);
        }
    }
    (m >> 64) as u64
}

/// One answer's part in a group: it drops by `drop` levels unless it
/// survives, which it does with probability `survival` / 10^6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drop {
    pub drop: u8,
    pub survival: u32,
}

/// The distribution of a group's total drop, ready to draw from.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Smallest total drop held.
    pub offset: i64,
    /// `thresholds[i]`: a word below it (and not below the previous one)
    /// draws `offset + i`; the last entry takes every word left.
    thresholds: Vec<u64>,
    /// Where the search starts for each of the top `guide.len()` buckets
    /// of a word.
    guide: Vec<u32>,
    shift: u32,
}

impl Table {
    /// The table of a group's drops; `None` when the total is certain
    /// (returned as the constant instead).
    pub fn of(drops: &[Drop]) -> Result<Table, i64> {
        let mut pmf: Vec<f64> = vec![1.0];
        let mut offset: i64 = 0;
        for d in drops {
            let keep = f64::from(d.survival.min(MILLION)) / f64::from(MILLION);
            let lose = 1.0 - keep;
            let k = usize::from(d.drop);
            if k == 0 || lose == 0.0 {
                continue;
            }
            let mut next = vec![0.0; pmf.len() + k];
            for (i, &p) in pmf.iter().enumerate() {
                next[i] += p * keep;
                next[i + k] += p * lose;
            }
            // Trim the negligible tails.
            let lo = next.iter().position(|&p| p >= TAIL).unwrap_or(0);
            let hi = next.iter().rposition(|&p| p >= TAIL).unwrap_or(lo);
            offset += lo as i64;
            pmf = next[lo..=hi].to_vec();
        }
        let total: f64 = pmf.iter().sum();
        let mut thresholds = Vec::with_capacity(pmf.len());
        let mut cum = 0.0;
        for p in &pmf {
            cum += p / total;
            // 2^64 × the cumulative probability, saturating.
            thresholds.push((cum * 18_446_744_073_709_551_616.0) as u64);
        }
        // Outcomes whose threshold does not rise cannot be drawn: trim the
        // ends so a certain total is a constant.
        let first = thresholds.iter().position(|&t| t > 0).unwrap_or(0);
        let last = thresholds
            .iter()
            .position(|&t| t == u64::MAX)
            .unwrap_or(thresholds.len().saturating_sub(1))
            .max(first);
        if first == last {
            return Err(offset + first as i64);
        }
        let mut thresholds = thresholds[first..=last].to_vec();
        if let Some(t) = thresholds.last_mut() {
            *t = u64::MAX;
        }
        let offset = offset + first as i64;
        let bits = usize::BITS - (thresholds.len() - 1).leading_zeros();
        let shift = 64 - bits;
        let buckets = 1usize << bits;
        let mut guide = Vec::with_capacity(buckets);
        let mut i = 0usize;
        for g in 0..buckets as u64 {
            let start = g << shift;
            while i + 1 < thresholds.len() && thresholds[i] <= start {
                i += 1;
            }
            guide.push(i as u32);
        }
        Ok(Table {
            offset,
            thresholds,
            guide,
            shift,
        })
    }

    /// The total drop a uniform 64-bit word draws.
    #[inline]
    pub fn draw(&self, word: u64) -> i64 {
        let mut i = self.guide[(word >> self.shift) as usize] as usize;
        while i + 1 < self.thresholds.len() && word >= self.thresholds[i] {
            i += 1;
        }
        self.offset + i as i64
    }

    /// Probability of each total (for tests): `(total, probability)`.
    pub fn outcomes(&self) -> Vec<(i64, f64)> {
        let scale = 18_446_744_073_709_551_616.0;
        let mut prev = 0.0;
        self.thresholds
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                let c = if i + 1 == self.thresholds.len() {
                    scale
                } else {
                    t as f64
                };
                let p = (c - prev) / scale;
                prev = c;
                (self.offset + i as i64, p)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certain_group_is_a_constant() {
        assert_eq!(Table::of(&[]), Err(0));
        let sure = Drop {
            drop: 2,
            survival: MILLION,
        };
        assert_eq!(Table::of(&[sure, sure]), Err(0));
        let lost = Drop {
            drop: 3,
            survival: 0,
        };
        assert_eq!(Table::of(&[lost, sure, lost]), Err(6));
    }

    /// Two answers, dropping 1 (kept 3/4) and 2 (kept 1/2): totals 0, 1,
    /// 2, 3 with 3/8, 1/8, 3/8, 1/8 (worked by hand).
    #[test]
    fn two_answers_give_the_convolution() {
        let t = Table::of(&[
            Drop {
                drop: 1,
                survival: 750_000,
            },
            Drop {
                drop: 2,
                survival: 500_000,
            },
        ])
        .unwrap();
        let got = t.outcomes();
        let want = [(0, 0.375), (1, 0.125), (2, 0.375), (3, 0.125)];
        assert_eq!(got.len(), 4);
        for ((a, p), (b, q)) in got.iter().zip(want) {
            assert_eq!(*a, b);
            assert!((p - q).abs() < 1e-15, "{a}: {p} vs {q}");
        }
        // Inversion: the word at each threshold's edge.
        assert_eq!(t.draw(0), 0);
        assert_eq!(t.draw((3u64 << 61) - 1), 0);
        assert_eq!(t.draw(3u64 << 61), 1);
        assert_eq!(t.draw(1u64 << 63), 2);
        assert_eq!(t.draw(u64::MAX), 3);
    }

    #[test]
    fn below_is_in_range_and_streams_are_positioned() {
        let mut r = sample_stream(7, 3, 1);
        for n in [1u64, 2, 3, 10, 1_000_001, u64::MAX] {
            assert!(below(&mut r, n) < n);
        }
        // Sample 5's words of a region's stream are where a stream read
        // from the start leaves them.
        let mut from_start = region_stream(9, 4, 0, 0, 3);
        for _ in 0..15 {
            from_start.next_u64();
        }
        let mut at = region_stream(9, 4, 0, 5, 3);
        assert_eq!(from_start.next_u64(), at.next_u64());
    }
}
