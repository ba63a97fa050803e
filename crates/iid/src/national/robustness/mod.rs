//! Robustness of a national ranking: its uncertainty and sensitivity to
//! the choices inside the index, as composite-indicator audits report
//! them (the JRC's audits of the Global Innovation Index; COINr).
//!
//! Three input groups are sampled:
//!
//! - `weights`: every indicator weight (and the count score's points)
//!   scaled by a factor drawn uniformly from the integers of 10^-6 in
//!   `1 ± weight_range`, then renormalised so that the maximum total is
//!   unchanged;
//! - `divisor`: the minimum divisor, drawn uniformly from `divisors`;
//! - `verification`: every answer's verification outcome, drawn with the
//!   verification-risk model's probabilities
//!   ([`crate::analysis::risk::odds`]).
//!
//! Each sample scores and ranks the nation in exact integers (ties share
//! a rank, as in [`super::rank`]); [`model`] says how a region's index is
//! precomputed, [`engine`] how the samples run, [`draw`] where every
//! random draw comes from, [`sobol`] the estimators and the statistics.
//!
//! Per region: the nominal rank, the median and the 5th and 95th
//! percentile rank (nearest rank over the 2N rankings of Saltelli's
//! matrices A and B), the probability of keeping the nominal predicate
//! and, with an award definition, of being a nominee. Per group: the
//! first-order and total sensitivity indices of the rank shifts, with
//! bootstrap intervals. With no sample (or nothing varied) every
//! statistic is the nominal value.
//!
//! Worst case: `samples` ≤ [`MAX_SAMPLES`], `samples × regions` ≤
//! [`MAX_SAMPLE_REGIONS`]: time O(samples × regions × (indicators +
//! groups + log)), memory O(samples × regions) for the stored ranks (two
//! bytes each, twice) plus the regions' tables.

mod draw;
mod engine;
mod model;
mod ranks;
mod report;
mod setup;
mod sobol;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::analysis::risk::{ClassOdds, Probability};

pub use engine::competition;
pub use model::{Outcome, RegionModel};
pub use report::{Group, RegionRobustness, Robustness, Sensitivity};

use crate::error::{Error, InputError};
use crate::model::award::AwardDefinition;
use crate::model::rubric::CompiledRubric;
use crate::scoring::Mode;

/// Most samples of one analysis.
pub const MAX_SAMPLES: u32 = 100_000;
/// Most samples × regions of one analysis.
pub const MAX_SAMPLE_REGIONS: u64 = 20_000_000;
/// Most bootstrap resamples.
pub const MAX_BOOTSTRAP: u32 = 1_000;
/// Most divisor alternatives, and the largest divisor.
pub const MAX_DIVISORS: usize = 64;
pub const MAX_DIVISOR: u32 = 10_000;

fn default_samples() -> u32 {
    1_000
}

fn default_range() -> Decimal {
    Decimal::new(2, 1)
}

fn default_bootstrap() -> u32 {
    100
}

fn yes() -> bool {
    true
}

/// Options of a robustness analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RobustnessOptions {
    /// Sample rows N (Saltelli's base sample; 2N rankings behind the rank
    /// statistics, 5N evaluations in all). 0 gives the nominal ranking.
    #[serde(default = "default_samples")]
    pub samples: u32,
    /// Seed of every random draw.
    #[serde(default)]
    pub seed: u64,
    /// Half-width of each weight's factor: 0.2 draws factors from 0.8 to
    /// 1.2; 0 keeps the weights. At most six decimals, 0 to 1.
    #[serde(default = "default_range")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::model::json::DecimalInput")
    )]
    pub weight_range: Decimal,
    /// Minimum divisors to draw from, uniformly; empty keeps the rubric's.
    #[serde(default)]
    pub divisors: Vec<u32>,
    /// Draw verification outcomes (the verification-risk model).
    #[serde(default = "yes")]
    pub verification: bool,
    /// The verification-risk model's probabilities: per class, and per
    /// answer by region code and the answer's path in its submission.
    #[serde(default)]
    pub odds: NationalOdds,
    /// Bootstrap resamples of the sensitivity indices' intervals.
    #[serde(default = "default_bootstrap")]
    pub bootstrap: u32,
    /// The nominal ranking's mode (`self`, the default, or `verified`).
    #[serde(default)]
    pub mode: Mode,
}

impl Default for RobustnessOptions {
    fn default() -> Self {
        RobustnessOptions {
            samples: default_samples(),
            seed: 0,
            weight_range: default_range(),
            divisors: Vec::new(),
            verification: true,
            odds: NationalOdds::default(),
            bootstrap: default_bootstrap(),
            mode: Mode::SelfAssessment,
        }
    }
}

/// The verification-risk model's options for many regions: the classes'
/// probabilities ([`ClassOdds`], defaults as documented there) and
/// per-answer overrides, `{"<region code>": {"<answer path>": "0.5"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NationalOdds {
    #[serde(default, deserialize_with = "crate::model::json::object")]
    pub classes: ClassOdds,
    #[serde(default)]
    pub answers: BTreeMap<String, BTreeMap<String, Probability>>,
}

fn invalid(path: &str, message: impl Into<String>) -> Error {
    Error::Input(InputError::Invalid {
        path: path.into(),
        message: message.into(),
    })
}

impl RobustnessOptions {
    /// Check the options against the limits; the weight range in 10^-6.
    pub fn check(&self, regions: usize) -> Result<u32, Error> {
        if self.samples > MAX_SAMPLES
            || u64::from(self.samples) * regions as u64 > MAX_SAMPLE_REGIONS
        {
            return Err(Error::Input(InputError::TooLarge {
                path: "samples".into(),
                actual: self.samples as usize,
                limit: (MAX_SAMPLE_REGIONS / regions.max(1) as u64).min(u64::from(MAX_SAMPLES))
                    as usize,
            }));
        }
        if self.bootstrap > MAX_BOOTSTRAP {
            return Err(Error::Input(InputError::TooLarge {
                path: "bootstrap".into(),
                actual: self.bootstrap as usize,
                limit: MAX_BOOTSTRAP as usize,
            }));
        }
        let r = self.weight_range;
        if r.is_sign_negative() || r > Decimal::ONE || r.normalize().scale() > 6 {
            return Err(invalid(
                "weight_range",
                format!("{r} is not a range from 0 to 1 with at most six decimals"),
            ));
        }
        let range = (r * Decimal::from(1_000_000u32))
            .trunc()
            .mantissa()
            .clamp(0, 1_000_000) as u32;
        if self.divisors.len() > MAX_DIVISORS {
            return Err(Error::Input(InputError::TooLarge {
                path: "divisors".into(),
                actual: self.divisors.len(),
                limit: MAX_DIVISORS,
            }));
        }
        for (i, &d) in self.divisors.iter().enumerate() {
            if d == 0 || d > MAX_DIVISOR {
                return Err(invalid(
                    &format!("divisors[{i}]"),
                    format!("a divisor from 1 to {MAX_DIVISOR}, got {d}"),
                ));
            }
            if self.divisors[..i].contains(&d) {
                return Err(invalid(
                    &format!("divisors[{i}]"),
                    format!("{d} is given twice"),
                ));
            }
        }
        Ok(range)
    }
}

/// One region read for the analysis: its ranking entrant and the model
/// the sampler uses.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub entrant: super::Entrant,
    pub model: RegionModel,
}

/// Analyse regions already prepared (see [`prepare`]) under `rubric`.
pub fn analyse(
    regions: Vec<Prepared>,
    rubric: &CompiledRubric,
    award: Option<&AwardDefinition>,
    options: &RobustnessOptions,
) -> Result<Robustness, Error> {
    report::analyse(regions, rubric, award, options)
}

pub use report::prepare;

#[cfg(test)]
mod tests;
