//! The answer of a robustness analysis, and the steps from submissions
//! to it: reading (in parallel), the nominal ranking, the sampler, the
//! statistics.

use rust_decimal::Decimal;
use serde::Serialize;

use super::engine::{par_map, Tally};
use super::model::{Outcome, RegionModel};
use super::setup::setup;
use super::sobol::{self, decimal, percentile_of_counts, probability};
use super::{Prepared, RobustnessOptions};
use crate::analysis::risk::{answer_odds, OddsOptions};
use crate::error::{join_path, Error, InputError};
use crate::model::award::AwardDefinition;
use crate::model::builtin;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;
use crate::national::input::check_flags;
use crate::national::{rank, Entrant, RankOptions};
use crate::scoring::{assess, Mode};
use crate::table::Headline;

/// An input group of the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Weights,
    Divisor,
    Verification,
}

/// The groups in the order of Saltelli's AB matrices.
pub const GROUPS: [Group; 3] = [Group::Weights, Group::Divisor, Group::Verification];

/// One region's rank statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RegionRobustness {
    pub code: String,
    pub name: Option<String>,
    /// The award cluster it competes in (with an award definition).
    pub cluster: Option<String>,
    /// The nominal ranking's rank, index and predicate.
    pub rank: u32,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    pub predicate: String,
    /// Median, 5th and 95th percentile rank over the sampled rankings
    /// (nearest rank); the nominal rank when nothing was sampled.
    pub median_rank: u32,
    pub rank_p05: u32,
    pub rank_p95: u32,
    /// Share of the sampled rankings in which it keeps its nominal
    /// predicate (six decimals).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub keeps_predicate: Decimal,
    /// Whether it is a nominee in the nominal ranking (with an award).
    pub nominee: Option<bool>,
    /// Share of the sampled rankings in which it is a nominee (with an
    /// award; six decimals).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub nominee_probability: Option<Decimal>,
}

/// The sensitivity of the ranking to one input group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sensitivity {
    pub group: Group,
    /// Whether the group was sampled at all.
    pub varied: bool,
    /// First-order index (Saltelli 2010) and its bootstrap interval;
    /// none without variance in the output.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub first_order: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub first_order_low: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub first_order_high: Option<Decimal>,
    /// Total index (Jansen) and its bootstrap interval.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub total: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub total_low: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub total_high: Option<Decimal>,
}

/// The answer of a robustness analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Robustness {
    pub methodology: String,
    pub award: Option<String>,
    pub mode: Mode,
    /// Sample rows N.
    pub samples: u32,
    /// Rankings behind the rank statistics (2N: Saltelli's A and B).
    pub rankings: u64,
    pub seed: u64,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub weight_range: Decimal,
    /// The divisors drawn from (the rubric's alone when not varied).
    pub divisors: Vec<u32>,
    pub verification: bool,
    pub bootstrap: u32,
    /// Mean absolute rank shift from the nominal ranking over the
    /// sampled rankings (six decimals; the output the indices decompose).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub mean_rank_shift: Decimal,
    /// Every region, in nominal rank order.
    pub regions: Vec<RegionRobustness>,
    /// One entry per input group: weights, divisor, verification.
    pub sensitivity: Vec<Sensitivity>,
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Input(InputError::Invalid {
        path: path.into(),
        message: message.into(),
    })
}

fn at(e: Error, origin: &str) -> Error {
    match e {
        Error::Input(i) => Error::Input(i.map_path(|p| join_path(origin, p))),
        other => other,
    }
}

/// The assessment of a submission and, for verification sampling, its
/// answers' outcomes.
fn assessed(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &RobustnessOptions,
    code: Option<&str>,
) -> Result<(crate::scoring::Assessment, Option<Vec<Outcome>>), Error> {
    if !options.verification {
        return Ok((assess(rubric, sub)?, None));
    }
    let odds = OddsOptions {
        classes: options.odds.classes.clone(),
        answers: code
            .and_then(|c| options.odds.answers.get(c))
            .cloned()
            .unwrap_or_default(),
    };
    let (a, odds) = answer_odds(rubric, sub, &odds).map_err(|e| {
        // An unknown answer path: name its region.
        let e = e.map_path(|p| match (p.strip_prefix("odds.answers."), code) {
            (Some(rest), Some(c)) => format!("odds.answers.{c}.{rest}"),
            _ => p.to_string(),
        });
        Error::Input(e)
    })?;
    let outcomes = odds
        .iter()
        .filter_map(|o| {
            a.answers.get(o.answer).map(|c| Outcome {
                row: c.row,
                claimed: o.level,
                fallback: o.fallback,
                survival: o.millionths,
            })
        })
        .collect();
    Ok((a, Some(outcomes)))
}

/// Read submissions (texts with their positions) for the analysis,
/// under `rubric` or each submission's methodology, which must be one.
pub fn prepare<'r>(
    items: &[(usize, &str)],
    rubric: Option<&'r CompiledRubric>,
    options: &RobustnessOptions,
) -> Result<(Vec<Prepared>, &'r CompiledRubric), Error> {
    let read = par_map(items.len(), |k| {
        let (i, text) = items[k];
        let origin = format!("[{i}]");
        let sub = Submission::from_json(text).map_err(|e| at(e.into(), &origin))?;
        let r: &CompiledRubric = match rubric {
            Some(r) => r,
            None => builtin::of_submission(&sub).map_err(|e| at(e, &origin))?,
        };
        let region = sub.region.as_ref();
        let code = region.and_then(|g| g.code.as_deref()).map(str::trim);
        let (a, odds) = assessed(r, &sub, options, code).map_err(|e| match e {
            // Odds errors keep their place in the options.
            Error::Input(i) if i.path().starts_with("odds.") => Error::Input(i),
            e => at(e, &origin),
        })?;
        let matrix = a.prepared(options.mode);
        let code = match code {
            Some(c) if !c.trim().is_empty() => c.trim().to_string(),
            _ => {
                return Err(invalid(
                    format!("{origin}.region.code"),
                    "a ranked submission needs its region code",
                ))
            }
        };
        let flags = region.map(|g| g.clusters.clone()).unwrap_or_default();
        check_flags(&flags, &format!("{origin}.region.clusters"))?;
        let name = region.and_then(|g| g.name.clone());
        let headline = Headline::of(r, &matrix.summary(r), Some(code.clone()), name.clone());
        let model = RegionModel::new(r, matrix, odds.as_deref());
        Ok((
            r,
            Prepared {
                entrant: Entrant {
                    code,
                    name,
                    level: region.and_then(|g| g.level.clone()),
                    flags,
                    headline: Some(headline),
                    origin,
                },
                model,
            },
        ))
    });
    let mut out: Vec<Prepared> = Vec::with_capacity(read.len());
    let mut main: Option<&'r CompiledRubric> = rubric;
    for item in read {
        let (r, p) = item?;
        match main {
            Some(m) if m.id() != r.id() => {
                return Err(Error::Input(InputError::MixedMethodologies {
                    path: format!("{}.methodology", p.entrant.origin),
                    found: r.id().to_string(),
                    expected: m.id().to_string(),
                }))
            }
            Some(_) => {}
            None => main = Some(r),
        }
        out.push(p);
    }
    let Some(main) = main else {
        return Err(invalid("$", "no submission to rank"));
    };
    if options.verification {
        if let Some(c) = options
            .odds
            .answers
            .keys()
            .find(|c| !out.iter().any(|p| &p.entrant.code == *c))
        {
            return Err(invalid(
                format!("odds.answers.{c}"),
                format!("no submission of region \"{c}\""),
            ));
        }
    }
    Ok((out, main))
}

/// Rank statistics and sensitivity of prepared regions.
pub(super) fn analyse(
    regions: Vec<Prepared>,
    rubric: &CompiledRubric,
    award: Option<&AwardDefinition>,
    options: &RobustnessOptions,
) -> Result<Robustness, Error> {
    let range = options.check(regions.len())?;
    let (setup, _labels) = setup(rubric, &regions, award, options, range)?;
    let codes: Vec<String> = regions.iter().map(|p| p.entrant.code.clone()).collect();
    let (entrants, models): (Vec<Entrant>, Vec<RegionModel>) =
        regions.into_iter().map(|p| (p.entrant, p.model)).unzip();
    let ranking = rank(
        entrants,
        &RankOptions {
            mode: options.mode,
            mixed: false,
            roster: None,
        },
        award,
        Some(rubric),
    )?;
    let nominal = setup.nominal(&models);
    let n = models.len();
    let samples = options.samples as usize;
    let tally = if samples > 0 {
        setup.run(&models, samples, &nominal)
    } else {
        Tally::default()
    };
    let rankings = 2 * samples as u64;
    // Per region: the counts of its ranks over the sampled rankings,
    // read a block of regions at a time (the rankings are stored by row).
    const BLOCK: usize = 64;
    let stats: Vec<(u32, u32, u32)> = par_map(n.div_ceil(BLOCK), |b| {
        let regions = (b * BLOCK)..((b + 1) * BLOCK).min(n);
        if rankings == 0 {
            return regions
                .map(|r| (nominal.ranks[r], nominal.ranks[r], nominal.ranks[r]))
                .collect::<Vec<_>>();
        }
        let width = n + 2;
        let mut counts = vec![0u32; regions.len() * width];
        for row in tally.ranks.chunks_exact(n) {
            for (j, &k) in row[regions.clone()].iter().enumerate() {
                if let Some(c) = counts.get_mut(j * width + usize::from(k)) {
                    *c += 1;
                }
            }
        }
        counts
            .chunks_exact(width)
            .map(|c| {
                let q = |p: u64| percentile_of_counts(c, rankings, p, 100).unwrap_or(0) as u32;
                (q(50), q(5), q(95))
            })
            .collect()
    })
    .into_iter()
    .flatten()
    .collect();
    let index_of: std::collections::HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut rows = Vec::with_capacity(n);
    for row in &ranking.regions {
        let Some(&r) = index_of.get(row.code.as_str()) else {
            continue;
        };
        let (median, p05, p95) = stats[r];
        let share = |c: &[u64], own: bool| {
            if rankings == 0 {
                probability(u64::from(own), 1)
            } else {
                probability(c.get(r).copied().unwrap_or(0), rankings)
            }
        };
        rows.push(RegionRobustness {
            code: row.code.clone(),
            name: row.name.clone(),
            cluster: row.cluster.clone(),
            rank: nominal.ranks[r],
            index: row.index,
            predicate: row.predicate.clone(),
            median_rank: median,
            rank_p05: p05,
            rank_p95: p95,
            keeps_predicate: share(&tally.kept, true),
            nominee: award.map(|_| row.nominee),
            nominee_probability: award.map(|_| share(&tally.nominee, row.nominee)),
        });
    }
    let varied = [
        range > 0,
        setup.divisors.len() > 1,
        options.verification && models.iter().any(|m| !m.groups.is_empty()),
    ];
    let estimates = if samples > 0 {
        sobol::estimate(
            &tally.shifts,
            GROUPS.len(),
            options.bootstrap as usize,
            options.seed,
        )
    } else {
        vec![None; GROUPS.len()]
    };
    let sensitivity = GROUPS
        .iter()
        .zip(varied)
        .zip(estimates)
        .map(|((&group, varied), e)| {
            let pick = |f: fn(&sobol::Estimate) -> i128| e.as_ref().map(|e| decimal(f(e)));
            Sensitivity {
                group,
                varied,
                first_order: pick(|e| e.value.first),
                first_order_low: pick(|e| e.low.first),
                first_order_high: pick(|e| e.high.first),
                total: pick(|e| e.value.total),
                total_low: pick(|e| e.low.total),
                total_high: pick(|e| e.high.total),
            }
        })
        .collect();
    let shift_sum: u64 = tally.shifts.iter().map(|s| s[0] + s[1]).sum();
    Ok(Robustness {
        methodology: rubric.id().to_string(),
        award: award.map(|a| a.id.clone()),
        mode: options.mode,
        samples: options.samples,
        rankings,
        seed: options.seed,
        weight_range: options.weight_range,
        divisors: setup.divisors.clone(),
        verification: options.verification,
        bootstrap: options.bootstrap,
        mean_rank_shift: if rankings == 0 || n == 0 {
            probability(0, 1)
        } else {
            probability(shift_sum, rankings * n as u64)
        },
        regions: rows,
        sensitivity,
    })
}
