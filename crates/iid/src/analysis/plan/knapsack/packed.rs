//! The decisions of a choice's pass, packed in as few bits a state as
//! its options need.

/// A choice's decision per state, packed in as few bits as its options
/// need (an option number from 0, none, to the number of options): its
/// bits never exceed the cells the choice's pass fills, so decisions
/// take at most `MAX_WORK` bits in all.
pub(super) struct Packed {
    bits: u32,
    words: Vec<u64>,
}

impl Packed {
    pub(super) fn new(states: usize, options: usize) -> Packed {
        let bits = (usize::BITS - options.leading_zeros()).max(1);
        let total = states as u128 * u128::from(bits);
        Packed {
            bits,
            words: vec![0; total.div_ceil(64) as usize],
        }
    }

    pub(super) fn set(&mut self, s: usize, v: u64) {
        let at = s as u128 * u128::from(self.bits);
        for b in 0..self.bits {
            let bit = at + u128::from(b);
            let (w, k) = ((bit / 64) as usize, bit % 64);
            if let Some(word) = self.words.get_mut(w) {
                *word = (*word & !(1 << k)) | (((v >> b) & 1) << k);
            }
        }
    }

    pub(super) fn get(&self, s: usize) -> u64 {
        let at = s as u128 * u128::from(self.bits);
        (0..self.bits).fold(0, |v, b| {
            let bit = at + u128::from(b);
            let w = self.words.get((bit / 64) as usize).copied().unwrap_or(0);
            v | (((w >> (bit % 64)) & 1) << b)
        })
    }
}
