//! Random draws of the robustness analysis: counter-based streams, exact
//! bounded integers, and each verification group's outcome table.
//!
//! Streams: PCG-64 (`rand_pcg`'s `Lcg128Xsl64`, 128-bit state, one
//! 64-bit word per step) with its state from the seed and one stream
//! (increment) per purpose; a sample's draws sit at a position fixed by
//! the sample's number (the generator jumps there in O(log) steps), so
//! the same seed gives the same draws whatever the thread count or the
//! order of the work:
//!
//! - the weights and divisor of sample `s` in matrix `m` (A = 0, B = 1):
//!   stream `2^48 + 2s + m`, from its start;
//! - the verification outcomes of slot `i` (of `slots`) of region `r` in
//!   matrix `m` for the samples of block `b` (the samples `128 b` to
//!   `128 b + 127`): stream `2^20 (2 (r × slots + i) + m) + b`, sample
//!   `s` at word `s − 128 b`;
//! - bootstrap resample `b`: stream `2^49 + b`.
//!
//! A group's table holds the distribution of the sum of its answers'
//! drops (claimed minus fallback level, each kept with its survival
//! probability), computed by convolution in binary floating point
//! (outcomes below 2^-80 left out), as an alias table of integer
//! weights; a draw takes one uniform 64-bit word.

use rand_pcg::rand_core::RngCore;
use rand_pcg::Lcg128Xsl64;

/// The generator of every stream.
pub type Rng = Lcg128Xsl64;

/// Survival probabilities are integers of 10^-6.
pub const MILLION: u32 = 1_000_000;

/// Outcomes less likely than this are left out of a table (their total
/// is far below the 2^-64 resolution of a draw).
const TAIL: f64 = 1.0 / (1u128 << 80) as f64;

const WEIGHT_STREAMS: u64 = 1 << 48;
const BOOTSTRAP_STREAMS: u64 = 1 << 49;

/// The stream of sample `s`'s weights and divisor in matrix `m`.
pub fn sample_stream(seed: u64, s: usize, m: usize) -> Rng {
    stream(seed, WEIGHT_STREAMS + 2 * s as u64 + m as u64, 0)
}

/// The stream of the verification draws of slot `slot` (of `slots`) of
/// region `r` in matrix `m` for the samples of block `block` (one word a
/// sample, from the block's first sample).
pub fn slot_stream(seed: u64, r: usize, slots: usize, slot: usize, m: usize, block: usize) -> Rng {
    let id = ((2 * (r as u64 * slots as u64 + slot as u64) + m as u64) << 20) | block as u64;
    stream(seed, id, 0)
}

/// The stream of bootstrap resample `b`.
pub fn bootstrap_stream(seed: u64, b: usize) -> Rng {
    stream(seed, BOOTSTRAP_STREAMS + b as u64, 0)
}

/// SplitMix64's finaliser: spreads a seed over the state's bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn stream(seed: u64, id: u64, steps: u128) -> Rng {
    // A state of its own for every stream besides its own increment:
    // PCG streams that differ only in the increment are correlated.
    let key = mix(seed) ^ mix(id.wrapping_add(0x9E37_79B9_7F4A_7C15));
    let state = (u128::from(mix(key)) << 64) | u128::from(mix(key ^ 0xD1B5_4A32_D192_ED03));
    let mut rng = Rng::new(state, u128::from(id));
    if steps > 0 {
        rng.advance(steps);
    }
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

/// The distribution of a group's total drop, ready to draw from: an
/// alias table (Walker, built by Vose's method in integers). A 64-bit
/// word picks a column with its top bits and compares its low 32 bits
/// with the column's threshold: the column's own total below it, its
/// alias otherwise. Outcome `i` then has probability `W_i / (L × 2^32)`
/// exactly, `W_i` the integer weights of the table (`L` columns, a power
/// of two).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Smallest total drop held.
    pub offset: i64,
    /// Per column: the threshold (below 2^32; a column that always draws
    /// itself has itself as alias) and the alias (an outcome).
    columns: Vec<(u32, u32)>,
    shift: u32,
}

/// One column's share of the weights.
const COLUMN: u64 = 1 << 32;

impl Table {
    /// The table of a group's drops; `Err(total)` when the total is
    /// certain.
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
        let len = pmf.len();
        let bits = usize::BITS - (len.max(1) - 1).leading_zeros();
        let columns = 1usize << bits;
        let total = columns as u64 * COLUMN;
        let sum: f64 = pmf.iter().sum();
        // Integer weights summing to `total`; the rounding goes to the
        // likeliest outcome.
        let mut w: Vec<u64> = pmf
            .iter()
            .map(|p| (p / sum * total as f64).round() as u64)
            .collect();
        w.resize(columns, 0);
        let given: u64 = w.iter().sum();
        let top = (0..len)
            .max_by(|&a, &b| pmf[a].total_cmp(&pmf[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        w[top] = (w[top] + total).saturating_sub(given);
        let certain: Vec<usize> = (0..len).filter(|&i| w[i] > 0).collect();
        if let [only] = certain[..] {
            return Err(offset + only as i64);
        }
        // Vose: pair each column under its share with one above it.
        let mut table = vec![(0u32, 0u32); columns];
        let (mut small, mut large): (Vec<usize>, Vec<usize>) =
            (0..columns).partition(|&i| w[i] < COLUMN);
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            table[s] = (w[s] as u32, l as u32);
            w[l] -= COLUMN - w[s];
            if w[l] < COLUMN {
                large.pop();
                small.push(l);
            }
        }
        for i in small.into_iter().chain(large) {
            table[i] = (0, i as u32);
        }
        Ok(Table {
            offset,
            columns: table,
            shift: 64 - bits,
        })
    }

    /// The total drop a uniform 64-bit word draws.
    #[inline]
    pub fn draw(&self, word: u64) -> i64 {
        let j = (word >> self.shift) as usize;
        let (threshold, alias) = self.columns[j];
        let i = if (word as u32) < threshold {
            j as i64
        } else {
            i64::from(alias)
        };
        self.offset + i
    }

    /// Probability of each total (for tests): `(total, probability)`.
    pub fn outcomes(&self) -> Vec<(i64, f64)> {
        let mut w = vec![0u64; self.columns.len()];
        for (j, &(t, a)) in self.columns.iter().enumerate() {
            w[j] += u64::from(t);
            w[a as usize] += COLUMN - u64::from(t);
        }
        let total = (self.columns.len() as u64 * COLUMN) as f64;
        w.iter()
            .enumerate()
            .filter(|(_, &x)| x > 0)
            .map(|(i, &x)| (self.offset + i as i64, x as f64 / total))
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
        // Every word draws one of the four, each as often as its weight:
        // over a grid of words spread evenly, 3/8, 1/8, 3/8, 1/8.
        let mut seen = [0u32; 4];
        for k in 0..(1u64 << 12) {
            let word = (k << 52) | (k.wrapping_mul(0x9E37_79B9) & 0xFFFF_FFFF);
            seen[t.draw(word) as usize] += 1;
        }
        assert!(seen.iter().all(|&c| c > 0), "{seen:?}");
    }

    #[test]
    fn below_is_in_range_and_streams_are_positioned() {
        let mut r = sample_stream(7, 3, 1);
        for n in [1u64, 2, 3, 10, 1_000_001, u64::MAX] {
            assert!(below(&mut r, n) < n);
        }
        // Streams of neighbouring slots, matrices and blocks differ.
        let first = |r: usize, slot: usize, m: usize, b: usize| {
            slot_stream(9, r, 41, slot, m, b).next_u64()
        };
        let words = [
            first(4, 7, 1, 0),
            first(4, 7, 0, 0),
            first(4, 8, 1, 0),
            first(4, 7, 1, 1),
            first(5, 7, 1, 0),
        ];
        for (i, a) in words.iter().enumerate() {
            assert!(words[i + 1..].iter().all(|b| a != b), "{words:?}");
        }
    }
}
