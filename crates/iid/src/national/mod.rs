//! Many regions at once: the national ranking and the award pipeline
//! that follows the index.
//!
//! - [`input`]: the ranking's input forms (a JSON array of submissions,
//!   JSON Lines, a list of submission texts, the table form) read into
//!   [`Entrant`]s, each scored to its headline in parallel;
//! - [`rank`]: ranks, ties, clusters, nominees, side awards, and the
//!   summary the ministry publishes (predicate counts, mean, median,
//!   histogram);
//! - [`robustness`]: the ranking's uncertainty and sensitivity to the
//!   weights, the divisor and verification (sampled, exact per sample);
//! - [`award`]: the stages after the index (jury, field validation, the
//!   final combination) and the winners per cluster.
//!
//! Rules (clusters, quotas, weights, tie rules) come from an award
//! definition ([`crate::model::award`]); nothing here holds one.

pub mod award;
pub mod input;
pub mod rank;
pub mod robustness;
mod summary;

pub use award::{award_stages, AwardResult, StageScores};
pub use input::{Entrant, RosterEntry, MAX_ENTRANTS, MAX_NATIONAL_BYTES};
pub use rank::{rank, RankOptions, RankedRegion, Ranking};
pub use robustness::{Robustness, RobustnessOptions};
pub use summary::RankSummary;
