//! Exact minimum-cost covering knapsack: choose items so that their gains
//! add up to at least a need, at the least total cost.
//!
//! A problem is a list of [`Unit`]s: a class of identical items (any
//! number up to a count may be taken) or a choice of at most one option.
//! The dynamic programme runs over the *remaining need*, measured in the
//! greatest common divisor of all gains and capped at the need:
//! `f[g]` is the least cost that reaches a gain of at least `g`, and
//!
//! ```text
//! f'(g) = min( f(g),  cost + f(max(0, g - gain)) )     for each item or option
//! ```
//!
//! Identical items are taken in binary bundles (1, 2, 4, ..., rest), so a
//! class of m items costs about log2 m passes; a class never needs more
//! items than it takes to cover the need alone. Every pass records its
//! decision per state, and the picks are read back from `f[need]`.
//! A decision replaces the best so far only when strictly cheaper, so
//! among plans of equal cost the one found first (fewer picks) stays.
//!
//! The parts: [`solve`] builds the passes, fills the table and reads the
//! picks back (module `table`, with the packed decisions of a choice in
//! `packed`); [`lower_bound`] is the fractional relaxation that lets the
//! caller skip a search that cannot beat a plan already found (module
//! `bound`).

mod bound;
mod packed;
mod table;
#[cfg(test)]
mod tests;

pub(crate) use bound::lower_bound;
pub(crate) use table::solve;

/// Cost that stands for "cannot be reached".
pub(crate) const INF: i64 = i64::MAX / 4;

/// Most states (remaining need in units of the gains' gcd) the table may
/// hold: its cost row takes 8 bytes a state, so with the decision bits of
/// at most `MAX_WORK` cells a search needs at most 8 x MAX_STATES +
/// MAX_WORK / 8 bytes, about 250 MB.
pub const MAX_STATES: u128 = 8_000_000;

/// One unit of a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unit {
    /// `count` identical items, each adding `gain` for `cost`.
    Items { gain: u64, cost: i64, count: u64 },
    /// At most one of the options `(gain, cost)`; none costs nothing.
    Choose { options: Vec<(u64, i64)> },
}

/// What [`solve`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The least cost and, per unit, the number of items taken (`Items`)
    /// or the option taken plus one (`Choose`; 0 for none); `work` is the
    /// number of table cells filled.
    Found {
        cost: i64,
        picks: Vec<u64>,
        work: u128,
    },
    /// Taking everything falls short of the need.
    Unreachable,
    /// The table would exceed the work limit.
    TooLarge { work: u128 },
    /// The table would hold more than [`MAX_STATES`] states (memory).
    TooManyStates { states: u128 },
}
