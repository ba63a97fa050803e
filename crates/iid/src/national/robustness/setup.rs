//! The sampler's setup from a rubric, an award definition and the
//! options: the weights and their tops, the divisors, the clusters, the
//! predicate bands as ranges of published index keys.

use rust_decimal::Decimal;

use super::engine::{ClusterSpec, Setup};
use super::{Prepared, RobustnessOptions};
use crate::error::{Error, InputError};
use crate::model::award::{AwardDefinition, NomineeTies};
use crate::model::rubric::{Aggregation, CompiledRubric, MandatoryRule};

fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Input(InputError::Invalid {
        path: path.into(),
        message: message.into(),
    })
}

/// The setup of the sampler for a rubric and options.
pub(super) fn setup(
    rubric: &CompiledRubric,
    regions: &[Prepared],
    award: Option<&AwardDefinition>,
    options: &RobustnessOptions,
    range: u32,
) -> Result<(Setup, Vec<String>), Error> {
    let Aggregation::Normalized { min_divisor, .. } = rubric.rubric().aggregation else {
        return Err(invalid(
            "rubric",
            "robustness needs a normalised methodology (a plain-sum index has no divisor or maximum to keep)",
        ));
    };
    if options.verification && rubric.rubric().mandatory_rule != MandatoryRule::Finding {
        return Err(invalid(
            "verification",
            "verification sampling needs a rubric whose mandatory rule is `finding` (the other rules join answers across indicators)",
        ));
    }
    let mut weights: Vec<i64> = Vec::new();
    let mut tops: Vec<i64> = Vec::new();
    for c in rubric.region.iter().chain(&rubric.innovation) {
        weights.push(c.weight_units);
        tops.push(i64::from(c.max_level));
    }
    let cap = rubric
        .rubric()
        .innovation_count
        .as_ref()
        .and_then(|c| c.cap);
    let has_count = rubric.count_points_units > 0 && cap.is_some();
    if has_count {
        weights.push(rubric.count_points_units);
        tops.push(i64::from(cap.unwrap_or(0)));
    }
    let divisors = if options.divisors.is_empty() {
        vec![min_divisor]
    } else {
        options.divisors.clone()
    };
    // Every figure of the sampler fits 64 bits: X ≤ D × S with D the
    // largest divisor and S the largest maximum total.
    let s_max: i128 = weights
        .iter()
        .zip(&tops)
        .map(|(w, m)| i128::from(*w) * i128::from(*m) * 2_000_000)
        .sum();
    let d_max = regions
        .iter()
        .map(|p| p.model.n)
        .chain(divisors.iter().copied())
        .max()
        .unwrap_or(1);
    if s_max * i128::from(d_max) * 4 > i128::from(i64::MAX) {
        return Err(invalid(
            "rubric",
            "the weights are too large for the sampler (weight units × top levels × divisor beyond 64 bits)",
        ));
    }
    let rounding = &rubric.rubric().rounding;
    let scale = 100 * 10u64.pow(rounding.index_decimals);
    let exact_scale = award
        .filter(|a| a.nominee_ties == NomineeTies::Exact)
        .map(|_| 100 * 10u128.pow(rounding.exact_decimals));
    let member_of: Vec<Vec<usize>> = regions
        .iter()
        .map(|p| {
            award.map_or_else(Vec::new, |a| {
                a.clusters_of(p.entrant.level.as_deref(), &p.entrant.flags)
            })
        })
        .collect();
    let clusters = award.map_or_else(Vec::new, |a| {
        a.clusters
            .iter()
            .enumerate()
            .map(|(c, cl)| ClusterSpec {
                members: (0..regions.len())
                    .filter(|&r| member_of[r].contains(&c))
                    .collect(),
                quota: cl.nominees,
            })
            .collect()
    });
    // Predicate bands as ranges of published index keys.
    let mut labels: Vec<String> = Vec::new();
    let mut id = |label: &str| -> u16 {
        match labels.iter().position(|l| l == label) {
            Some(i) => i as u16,
            None => {
                labels.push(label.to_string());
                (labels.len() - 1) as u16
            }
        }
    };
    let unit = Decimal::from(10u64.pow(rounding.index_decimals));
    let to_key = |d: Decimal, up: bool| -> u32 {
        let x = d * unit;
        let x = if up { x.ceil() } else { x.floor() };
        x.max(Decimal::ZERO)
            .min(Decimal::from(u32::MAX))
            .mantissa()
            .try_into()
            .unwrap_or(u32::MAX)
    };
    let bands: Vec<(u32, u32, u16)> = rubric
        .rubric()
        .predicates
        .iter()
        .map(|b| {
            let hi = b.max.map_or(u32::MAX, |m| to_key(m.normalize(), false));
            (to_key(b.min.normalize(), true), hi, id(&b.label))
        })
        .collect();
    let fallback_band = id(&rubric.rubric().not_assessable);
    let absent_band = id(&rubric.not_assessable_band().label);
    Ok((
        Setup {
            weights,
            tops,
            region_rows: rubric.region_len(),
            has_count,
            divisors,
            nominal_divisor: min_divisor,
            range,
            verification: options.verification,
            seed: options.seed,
            scale,
            exact_scale,
            clusters,
            member_of,
            bands,
            fallback_band,
            absent_band,
        },
        labels,
    ))
}
