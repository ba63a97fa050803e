//! Verification risk: how likely a submission is to keep its index and
//! predicate once verifiers check its evidence.
//!
//! - [`odds`]: the verification-probability model (each answer's class,
//!   survival probability and fallback; [`odds::outcome_matrix`] scores
//!   any outcome).

pub mod odds;

pub use odds::{
    answer_odds, odds_of, outcome_matrix, AnswerOdds, ClassOdds, OddsClass, OddsOptions,
    Probability,
};

#[cfg(test)]
mod tests;
