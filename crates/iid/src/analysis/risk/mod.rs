//! Verification risk: how likely a submission is to keep its index and
//! predicate once verifiers check its evidence, and which evidence to
//! shore up first.
//!
//! - [`odds`]: the verification-probability model (each answer's class,
//!   survival probability and fallback; [`odds::outcome_matrix`] scores
//!   any outcome).
//! - [`risk`] (feature `risk`): the exact law of the verified index under
//!   that model: expected index, the chance of each predicate, of
//!   reaching a target, quantiles, and the answers ranked by how much
//!   proving them raises the chance of reaching the goal.
//!
//! Probabilities are reported as decimal strings with six decimals,
//! rounded half up from the exact value. The law is computed in decimal
//! fixed point of 10^-36 (`dist`): exact whenever no division leaves a
//! remainder (`exact: true`), else every probability is within
//! `error_bound` of the exact value before rounding (see docs/risk.md).

pub mod odds;

#[cfg(feature = "risk")]
mod dist;
#[cfg(feature = "risk")]
mod engine;
#[cfg(feature = "risk")]
mod law;

#[cfg(feature = "risk")]
pub use engine::MAX_WORK;
#[cfg(feature = "risk")]
pub use law::{risk, Goal, PredicateChance, Quantile, Risk, RiskOptions, ShoreUp};
pub use odds::{
    answer_odds, odds_of, outcome_matrix, AnswerOdds, ClassOdds, OddsClass, OddsOptions,
    Probability,
};

#[cfg(test)]
mod tests;
#[cfg(all(test, feature = "risk"))]
mod tests_law;
