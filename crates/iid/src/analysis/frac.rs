//! Exact fractions for the year-over-year decomposition: an index under one
//! methodology and under another have different denominators (divisors,
//! maxima, decimal scales), so its parts are kept as reduced fractions of
//! 128-bit integers and only rounded when shown. Every operation is
//! checked: a result beyond 128 bits is `None`, which the callers turn into
//! an error rather than a wrong figure (only absurd custom rubrics get
//! there; the IID rubrics stay below 10^20).

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

use crate::scoring::ratio;

/// A fraction `num / den`, reduced, with `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Frac {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Frac {
    pub const ZERO: Frac = Frac { num: 0, den: 1 };

    /// `num / den` reduced; `None` when `den` is 0 (or a sign flip
    /// overflows).
    pub fn new(num: i128, den: i128) -> Option<Frac> {
        if den == 0 || num == i128::MIN || den == i128::MIN {
            return None;
        }
        let g = gcd(num, den).max(1);
        let (mut num, mut den) = (num / g, den / g);
        if den < 0 {
            num = num.checked_neg()?;
            den = den.checked_neg()?;
        }
        Some(Frac { num, den })
    }

    /// A whole number.
    pub fn int(n: i128) -> Frac {
        Frac { num: n, den: 1 }
    }

    pub fn num(&self) -> i128 {
        self.num
    }

    pub fn den(&self) -> i128 {
        self.den
    }

    pub fn is_zero(&self) -> bool {
        self.num == 0
    }

    /// `self + other`, exactly.
    pub fn checked_add(self, other: Frac) -> Option<Frac> {
        let g = gcd(self.den, other.den).max(1);
        let (a, b) = (self.den / g, other.den / g);
        let num = self
            .num
            .checked_mul(b)?
            .checked_add(other.num.checked_mul(a)?)?;
        Frac::new(num, self.den.checked_mul(b)?)
    }

    /// `self - other`, exactly.
    pub fn checked_sub(self, other: Frac) -> Option<Frac> {
        self.checked_add(Frac {
            num: other.num.checked_neg()?,
            den: other.den,
        })
    }

    /// `self x other`, exactly.
    pub fn checked_mul(self, other: Frac) -> Option<Frac> {
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        Frac::new(
            (self.num / g1).checked_mul(other.num / g2)?,
            (self.den / g2).checked_mul(other.den / g1)?,
        )
    }

    /// The sum of fractions, exactly.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Frac>) -> Option<Frac> {
        items
            .into_iter()
            .try_fold(Frac::ZERO, |acc, x| acc.checked_add(*x))
    }

    /// `floor(self x 10^dp)` and what is left over, `self x 10^dp` minus
    /// that floor (in `[0, 1)`).
    pub fn split(self, dp: u32) -> Option<(i128, Frac)> {
        let scaled = self.num.checked_mul(10i128.checked_pow(dp)?)?;
        let floor = scaled.div_euclid(self.den);
        Some((floor, Frac::new(scaled.rem_euclid(self.den), self.den)?))
    }

    /// Rounded half-up (away from zero) to `dp` places.
    pub fn round(self, dp: u32) -> Decimal {
        ratio(self.num, self.den, dp)
    }

    /// Rounded half-up to `dp` places, without trailing zeros.
    pub fn to_decimal(self, dp: u32) -> Decimal {
        crate::scoring::summary::normalized(self.round(dp))
    }
}

impl Ord for Frac {
    fn cmp(&self, other: &Frac) -> Ordering {
        // Cross-multiplied when it fits, else by continued fractions.
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => crate::analysis::exact::cmp_fraction((self.num, self.den), (other.num, other.den)),
        }
    }
}

impl PartialOrd for Frac {
    fn partial_cmp(&self, other: &Frac) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `num/den`, or the whole number alone (`-22/25`, `3`).
impl fmt::Display for Frac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: i128, d: i128) -> Frac {
        Frac::new(n, d).unwrap()
    }

    #[test]
    fn fractions_reduce_add_and_split_exactly() {
        assert_eq!(f(6, -8), f(-3, 4));
        assert_eq!(f(-3, 4).to_string(), "-3/4");
        assert_eq!(f(8, 4).to_string(), "2");
        assert_eq!(Frac::new(1, 0), None);
        assert_eq!(Frac::new(i128::MIN, 3), None);
        // 1/3 + 1/6 = 1/2; 1/3 - 1/2 = -1/6.
        assert_eq!(f(1, 3).checked_add(f(1, 6)), Some(f(1, 2)));
        assert_eq!(f(1, 3).checked_sub(f(1, 2)), Some(f(-1, 6)));
        assert_eq!(Frac::sum(&[f(1, 2), f(1, 3), f(1, 6)]), Some(Frac::int(1)));
        assert_eq!(f(2, 3).checked_mul(f(-9, 4)), Some(f(-3, 2)));
        assert_eq!(f(i128::MAX, 1).checked_mul(f(2, 1)), None);
        // -0.125 in cents: floor -13, remainder 0.5 (-12.5 = -13 + 0.5).
        assert_eq!(f(-1, 8).split(2), Some((-13, f(1, 2))));
        assert_eq!(f(1, 3).split(2), Some((33, f(1, 3))));
        // Half-up, away from zero.
        assert_eq!(f(-1, 8).round(2).to_string(), "-0.13");
        assert_eq!(f(1, 8).round(2).to_string(), "0.13");
        assert_eq!(f(1, 2).to_decimal(10).to_string(), "0.5");
        assert!(f(1, 3) < f(1, 2) && f(-1, 2) < f(-1, 3));
        // Beyond 128 bits: None, never a wrong figure.
        let big = f(i128::MAX, 1);
        assert_eq!(big.checked_add(big), None);
        assert_eq!(f(1, i128::MAX).checked_add(f(1, i128::MAX - 1)), None);
        assert_eq!(
            f(i128::MAX - 1, i128::MAX).cmp(&f(i128::MAX - 2, i128::MAX - 1)),
            Ordering::Greater
        );
    }
}
