//! Distributions of integer sums in decimal fixed point.
//!
//! A probability is an integer of 10^-36 ([`ONE`] is probability 1). A
//! distribution is a dense run of such integers over consecutive grid
//! points (a grid point is a multiple of the side's common step).
//!
//! Every answer's probability is an integer of millionths, so a cell
//! computed from cells that are multiples of 10^-36 by one answer's
//! probability `c / 10^d` (d <= 6) is exact unless the division by 10^d
//! leaves a remainder. Each operation rounds a cell at most once per
//! division, half up, and counts the cells it rounded: `err` is an upper
//! bound, in units of 10^-36, on the sum over the cells of the absolute
//! difference from the exact distribution (the L1 error). While it is 0
//! the distribution is exact. The bound is proven cell by cell:
//!
//! - a convolution step `new[x] = p a + q b` (p + q <= 1) carries the
//!   old cells' errors with weights summing to at most 1 (an L1
//!   contraction) and adds at most 1/2 unit for each rounded cell;
//! - a deconvolution step divides by the larger of p and q (at least 1/2)
//!   and carries the previous cell's error with the ratio
//!   min(p, q) / max(p, q) <= 1; its bound is stated at [`deconvolve`].

/// Probability 1 in fixed point: 10^36.
pub(crate) const ONE: u128 = 1_000_000_000_000_000_000_000_000_000_000_000_000;
const MILLION: u128 = 1_000_000;

/// A probability of millionths reduced to `num / den` with `den` a
/// power of ten dividing 10^6; `rest` is `den - num`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Frac {
    pub num: u128,
    pub rest: u128,
    pub den: u128,
}

impl Frac {
    pub fn of(millionths: u32) -> Frac {
        let mut num = u128::from(millionths.min(1_000_000));
        let mut den = MILLION;
        while den > 1 && num % 10 == 0 {
            num /= 10;
            den /= 10;
        }
        Frac {
            num,
            rest: den - num,
            den,
        }
    }
}

/// `(sum of c_k x_k) / den`, half up, for coefficients summing to at most
/// `den` <= 10^6 and cells x_k <= about 10^36: split each cell into its
/// quotient and remainder by `den` so no product overflows. Returns the
/// value and whether it was rounded.
#[inline]
fn mix(terms: &[(u128, u128)], den: u128) -> (u128, bool) {
    let mut whole = 0u128;
    let mut part = 0u128;
    for &(c, x) in terms {
        whole += c * (x / den);
        part += c * (x % den);
    }
    let q = part / den;
    let r = part % den;
    let up = u128::from(2 * r >= den);
    (whole + q + up, r != 0)
}

/// A distribution (or a sub-probability measure) over grid points
/// `lo .. lo + v.len()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dist {
    pub lo: usize,
    pub v: Vec<u128>,
    /// Bound on the L1 error, in units of 10^-36 (0: exact).
    pub err: u128,
}

/// One answer as a two-point contribution: `s` (grid steps) with
/// probability `p`, else `f`. A `restricted` answer keeps only its
/// outcomes whose level is above 0 (a mandatory row under a rule that
/// blocks on it): the fallback mass is dropped when the fallback level
/// is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Item {
    pub s: usize,
    pub f: usize,
    /// Whether the fallback level is above 0 (it is alive).
    pub f_alive: bool,
    pub millionths: u32,
    pub restricted: bool,
}

impl Dist {
    /// Probability 1 at grid point 0.
    pub fn unit() -> Dist {
        Dist {
            lo: 0,
            v: vec![ONE],
            err: 0,
        }
    }

    pub fn hi(&self) -> usize {
        self.lo + self.v.len()
    }

    pub fn get(&self, x: usize) -> u128 {
        x.checked_sub(self.lo)
            .and_then(|k| self.v.get(k))
            .copied()
            .unwrap_or(0)
    }

    pub fn mass(&self) -> u128 {
        self.v.iter().sum()
    }

    /// Drop zero cells at both ends.
    fn trim(&mut self) {
        let first = self.v.iter().position(|&c| c != 0);
        match first {
            None => {
                self.v.clear();
            }
            Some(a) => {
                let b = self.v.iter().rposition(|&c| c != 0).unwrap_or(a);
                self.v.truncate(b + 1);
                self.v.drain(..a);
                self.lo += a;
            }
        }
    }

    /// Convolve with one answer. Returns the cells computed (the work).
    pub fn step(&mut self, it: Item) -> u64 {
        let fr = Frac::of(it.millionths);
        let keep_f = !it.restricted || it.f_alive;
        let q = if keep_f { fr.rest } else { 0 };
        if self.v.is_empty() {
            return 0;
        }
        if fr.num == 0 && !keep_f {
            self.v.clear();
            return 0;
        }
        // Point masses: a shift, no rounding.
        let shift = if fr.num == fr.den {
            Some(it.s)
        } else if keep_f && (fr.num == 0 || it.s == it.f) {
            Some(it.f)
        } else {
            None
        };
        if let Some(shift) = shift {
            self.lo += shift;
            return 0;
        }
        let (p, s, f) = (fr.num, it.s, it.f);
        let lo = self.lo + if q > 0 { s.min(f) } else { s };
        let hi = self.hi() + if q > 0 { s.max(f) } else { s };
        let mut out = Vec::with_capacity(hi - lo);
        let mut rounded = 0u128;
        for x in lo..hi {
            let a = if p > 0 && x >= s { self.get(x - s) } else { 0 };
            let b = if q > 0 && x >= f { self.get(x - f) } else { 0 };
            let (c, r) = mix(&[(p, a), (q, b)], fr.den);
            rounded += u128::from(r);
            out.push(c);
        }
        let work = out.len() as u64;
        self.v = out;
        self.lo = lo;
        self.err = self.err.saturating_add(rounded);
        self.trim();
        work
    }

    /// Multiply every cell by a probability of millionths.
    pub fn scale(&mut self, millionths: u32) -> u64 {
        let fr = Frac::of(millionths);
        if fr.num == fr.den {
            return 0;
        }
        let mut rounded = 0u128;
        for c in &mut self.v {
            let (x, r) = mix(&[(fr.num, *c)], fr.den);
            *c = x;
            rounded += u128::from(r);
        }
        self.err = self.err.saturating_add(rounded);
        let work = self.v.len() as u64;
        self.trim();
        work
    }

    /// Add another measure cell by cell.
    pub fn add(&mut self, other: &Dist) {
        if other.v.is_empty() {
            return;
        }
        if self.v.is_empty() {
            *self = Dist {
                err: self.err.saturating_add(other.err),
                ..other.clone()
            };
            return;
        }
        let lo = self.lo.min(other.lo);
        let hi = self.hi().max(other.hi());
        let v = (lo..hi).map(|x| self.get(x) + other.get(x)).collect();
        self.v = v;
        self.lo = lo;
        self.err = self.err.saturating_add(other.err);
    }

    /// Subtract a measure that is at most this one cell by cell.
    pub fn sub(&mut self, other: &Dist) {
        for (k, c) in self.v.iter_mut().enumerate() {
            *c = c.saturating_sub(other.get(self.lo + k));
        }
        self.err = self.err.saturating_add(other.err);
        self.trim();
    }
}

/// Remove one answer from a distribution it was convolved into: the
/// distribution `z` with `z * item = t`, or `None` when `t` does not
/// determine it (the answer's only outcome has probability 0).
///
/// Two outcomes (`s > f`, probabilities p and q both kept): solved from
/// the end where the larger of p and q sits, so that each cell divides by
/// max(p, q) >= 1/2 and carries the previous cell's error with the ratio
/// rho = min / max <= 1. With `e_t` the bound on `t`, W its cells and L
/// the longest chain of cells `d = s - f` apart, the L1 error of `z` is at
/// most `(2 e_t + 2 W) * min(1 / (1 - rho), L)` units (two roundings per
/// cell, each at most one unit after the division); 0 when `t` is exact
/// and no division leaves a remainder.
pub(crate) fn deconvolve(t: &Dist, it: Item) -> Option<Dist> {
    let fr = Frac::of(it.millionths);
    let keep_f = !it.restricted || it.f_alive;
    let q = if keep_f { fr.rest } else { 0 };
    let p = fr.num;
    if t.v.is_empty() {
        return None;
    }
    // One outcome of probability 1: a shift back.
    if p == fr.den || q == fr.den {
        let shift = if p == fr.den { it.s } else { it.f };
        let lo = t.lo.checked_sub(shift)?;
        return Some(Dist {
            lo,
            v: t.v.clone(),
            err: t.err,
        });
    }
    if (p == 0 && q == 0) || it.s == it.f {
        return None;
    }
    // One outcome with probability below 1: divide by it.
    if q == 0 || p == 0 {
        let (c, shift) = if q == 0 { (p, it.s) } else { (q, it.f) };
        let lo = t.lo.checked_sub(shift)?;
        let mut rounded = 0u128;
        let v =
            t.v.iter()
                .map(|&x| {
                    let (y, r) = div_frac(x, fr.den, c);
                    rounded += u128::from(r);
                    y
                })
                .collect();
        let amp = fr.den.div_ceil(c);
        return Some(Dist {
            lo,
            v,
            err: t.err.saturating_mul(amp).saturating_add(rounded),
        });
    }
    let (s, f) = (it.s, it.f);
    let d = s - f;
    // z lives on [t.lo - f, t.hi - s).
    let lo = t.lo.checked_sub(f)?;
    let len = t.v.len().checked_sub(d)?;
    let mut z = vec![0u128; len];
    let mut rounded = 0u128;
    if p >= q {
        // z[y] = (t[y + s] - q z[y + d]) / p, from the top down.
        for k in (0..len).rev() {
            let prev = z.get(k + d).copied().unwrap_or(0);
            let (u, r1) = mix(&[(q, prev)], fr.den);
            let v = t.get(lo + k + s).saturating_sub(u);
            let (y, r2) = div_frac(v, fr.den, p);
            rounded += u128::from(r1) + u128::from(r2);
            z[k] = y;
        }
    } else {
        // z[y] = (t[y + f] - p z[y - d]) / q, from the bottom up.
        for k in 0..len {
            let prev = k.checked_sub(d).map_or(0, |j| z[j]);
            let (u, r1) = mix(&[(p, prev)], fr.den);
            let v = t.get(lo + k + f).saturating_sub(u);
            let (y, r2) = div_frac(v, fr.den, q);
            rounded += u128::from(r1) + u128::from(r2);
            z[k] = y;
        }
    }
    let err = if t.err == 0 && rounded == 0 {
        0
    } else {
        let (mx, mn) = (p.max(q), p.min(q));
        let chain = (len / d + 1) as u128;
        let amp = if mx > mn {
            mx.div_ceil(mx - mn).min(chain)
        } else {
            chain
        };
        t.err
            .saturating_mul(2)
            .saturating_add(2 * (t.v.len() as u128))
            .saturating_mul(amp)
    };
    let mut out = Dist { lo, v: z, err };
    out.trim();
    Some(out)
}

/// `x * den / c`, half up, for `c <= den <= 10^6`, without overflow;
/// whether it was rounded.
fn div_frac(x: u128, den: u128, c: u128) -> (u128, bool) {
    let whole = (x / c) * den;
    let part = (x % c) * den;
    let q = part / c;
    let r = part % c;
    (whole + q + u128::from(2 * r >= c), r != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn it(s: usize, f: usize, m: u32) -> Item {
        Item {
            s,
            f,
            f_alive: f > 0,
            millionths: m,
            restricted: false,
        }
    }

    #[test]
    fn two_answers_exactly() {
        // 0.9 at 2 (else 0), then 0.3 at 1 (else 0):
        // P(0) = 0.1 * 0.7 = 0.07, P(1) = 0.1 * 0.3 = 0.03,
        // P(2) = 0.9 * 0.7 = 0.63, P(3) = 0.9 * 0.3 = 0.27.
        let mut d = Dist::unit();
        d.step(it(2, 0, 900_000));
        d.step(it(1, 0, 300_000));
        let e = ONE / 100;
        assert_eq!(d.lo, 0);
        assert_eq!(d.v, vec![7 * e, 3 * e, 63 * e, 27 * e]);
        assert_eq!(d.err, 0);
        // Removing either answer gives back the other alone.
        let z = deconvolve(&d, it(1, 0, 300_000)).unwrap();
        assert_eq!(
            (z.lo, z.v.clone(), z.err),
            (0, vec![ONE / 10, 0, 9 * ONE / 10], 0)
        );
        let z = deconvolve(&d, it(2, 0, 900_000)).unwrap();
        assert_eq!((z.lo, z.v, z.err), (0, vec![7 * ONE / 10, 3 * ONE / 10], 0));
    }

    #[test]
    fn restricted_answers_drop_their_zero_outcome() {
        let mut d = Dist::unit();
        d.step(Item {
            restricted: true,
            ..it(3, 0, 250_000)
        });
        assert_eq!((d.lo, d.v.clone()), (3, vec![ONE / 4]));
        let z = deconvolve(
            &d,
            Item {
                restricted: true,
                ..it(3, 0, 250_000)
            },
        )
        .unwrap();
        assert_eq!((z.lo, z.v), (0, vec![ONE]));
    }

    #[test]
    fn rounding_is_counted() {
        // 0.000001^7 = 10^-42 is below the fixed point's 10^-36.
        let mut d = Dist::unit();
        for _ in 0..7 {
            d.step(it(1, 0, 1));
        }
        assert!(d.err > 0);
        assert!(d.mass() + d.err >= ONE);
    }
}
