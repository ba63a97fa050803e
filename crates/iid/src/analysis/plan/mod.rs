//! Plans (rencana): the cheapest set of improvements that lifts a
//! region's index to a target predicate or value, found exactly.
//!
//! # The problem
//!
//! A plan raises levels (never lowers them) of region rows and of the
//! innovations' rows and, when allowed, adds innovations. Each level step
//! has a cost ([`Costs`]); the plan must reach the target at the least
//! total cost, or say that nothing allowed reaches it and how close the
//! best plan gets.
//!
//! # Why it is exact
//!
//! Fix the number k of added innovations. Then n, the divisor
//! D = MAX(d, n) and the count score are fixed (new innovations take the
//! missing basic-service affairs first, which never lowers the count
//! score, and a plan changes no other affair), and in integer units
//!
//! ```text
//! total' = (SPD + count) x D + sum of innovation rows        (normalised)
//! total' =  SPD + count      + sum of innovation rows        (plain sum)
//! ```
//!
//! is linear in the levels: a region step adds weight x D, an innovation
//! step adds its weight. The index rounded half-up reaches the target t
//! exactly when `2 x index_num x 10^dp >= (2t - 1) x index_den`, a
//! threshold on total'. So for fixed k the plan is a minimum-cost
//! covering knapsack over level steps, solved exactly by dynamic
//! programming over the remaining need ([`knapsack`]):
//!
//! - a row whose step costs do not decrease is a chain of identical-gain
//!   items; the chain order can be dropped (taking a later, dearer step
//!   instead of an earlier one never helps), so equal (gain, cost) steps
//!   of all such rows form one class of identical items, and an optimal
//!   selection is filled back into rows cheapest steps first;
//! - a row whose step costs decrease somewhere is a choice of how many
//!   steps to take;
//! - an innovation capped by `max_steps_per_innovation`, or one that
//!   scores nothing until its mandatory rows are answered (the rubric's
//!   `innovation_zero` rule), is one choice among its own exact
//!   (gain, cost) frontier, computed by a small table over its rows;
//! - under the `not_assessable` rule every mandatory row at 0 must get a
//!   first step: those steps are taken first and paid for.
//!
//! The outer loop tries k = 0, 1, ... up to `max_new_innovations` and
//! stops as soon as k new innovations alone cost as much as the best plan
//! found. Every plan returned is rescored by the normal scorer.

mod cells;
mod frontier;
mod knapsack;
mod units;

pub(crate) mod options;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::InputError;
use crate::model::rubric::{Aggregation, CompiledRubric, MandatoryRule};
use crate::model::submission::{Answer, Innovation, Level, Submission, MAX_INNOVATIONS};
use crate::scoring::assess::{Mode, RowRef};
use crate::scoring::{LevelMatrix, Summary};

use crate::analysis::exact::Tracker;
use knapsack::{Outcome, Unit, INF};
mod report;
mod resolve;
mod search;

pub use crate::analysis::template::{InnovationTemplate, MarginalOptions};
pub use options::{Amount, Costs, PlanOptions, StepCost, Target, MAX_COST, MAX_COST_SCALE};
pub(crate) use resolve::{new_affairs, resolve_target};
use resolve::{resolve, CostTable};
use search::*;

/// Largest dynamic-programming table one plan may fill (cells).
pub const MAX_WORK: u128 = 1_500_000_000;
pub use knapsack::MAX_STATES;
/// Most innovations one plan may add.
pub const MAX_NEW_INNOVATIONS: u32 = 1000;

/// What a plan step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Raise one row of the region or of an innovation.
    RaiseLevel,
    /// Report one more innovation (the count indicator goes from n to n + 1).
    AddInnovation,
    /// Complete the evidence of an answer at its claimed level (verified
    /// mode): it then counts its claim.
    CompleteEvidence,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanStep {
    pub kind: StepKind,
    /// Indicator code (the count indicator for an added innovation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Innovation id, for innovation rows and added innovations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation: Option<String>,
    /// Affair of an added innovation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urusan: Option<String>,
    /// Level before and after (number of innovations for an addition);
    /// the claimed level twice for an evidence step.
    pub from: u32,
    pub to: u32,
    /// Evidence items the answer needs at its new level to count in the
    /// verified mode (verified-mode plans; their cost is in `cost`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_items: Option<u32>,
    /// Index points this step adds after the steps listed before it.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub gain: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub cost: Decimal,
}

/// How the plan was searched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanSearch {
    /// The plan is the cheapest of all plans that raise levels and add at
    /// most `max_new_innovations` innovations.
    pub exact: bool,
    pub max_new_innovations: u32,
    /// Numbers of added innovations examined (the rest cost more alone).
    pub new_innovation_counts_examined: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_steps_per_innovation: Option<u32>,
}

/// The cheapest plan to a target, or the best plan when it is out of reach.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Plan {
    pub methodology: String,
    /// The index the plan reaches: `self` (claimed) or `verified`.
    pub mode: Mode,
    /// Evidence items the plan asks for, in all.
    pub evidence_items: u32,
    /// The least rounded index that reaches the target.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub target_index: Decimal,
    /// The target predicate, when the target was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_predicate: Option<String>,
    /// Whether the plan reaches the target.
    pub reachable: bool,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub current_index: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub current_index_exact: Decimal,
    pub current_predicate: String,
    /// Additions first, then region rows, then innovation rows.
    pub steps: Vec<PlanStep>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_cost: Decimal,
    /// Innovations the plan adds.
    pub new_innovations: u32,
    /// The plan's submission scored again by the normal scorer.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub projected_index: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub projected_index_exact: Decimal,
    pub projected_predicate: String,
    /// Target minus projected index, when the target is out of reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub shortfall: Option<Decimal>,
    pub search: PlanSearch,
    /// The outcome in one sentence, Indonesian and English.
    pub message_id: String,
    pub message_en: String,
    /// The whole submission with the plan applied (interchange format).
    pub projected_submission: Submission,
}

/// The cheapest plan that lifts `sub` to the target, exactly (see the
/// module docs), or the best plan when the target is out of reach.
pub fn plan(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &PlanOptions,
) -> Result<Plan, InputError> {
    let a = crate::scoring::assess::assess(rubric, sub)?;
    let claimed = crate::analysis::exact::raw_levels(rubric, &a);
    let costs = resolve(
        rubric,
        sub,
        &claimed,
        &options.costs,
        options.allow_new_innovations,
        options.include_measured,
        "costs",
    )?;
    let mode = options.mode;
    let (cells, base) = cells::cells(rubric, sub, &a, &claimed, &costs.template.levels, mode);
    let s0 = evaluate_in(rubric, &base, mode);
    let current_index = s0.index(rubric);
    let target = resolve_target(rubric, &options.target.0, current_index)?;
    let search = Search {
        rubric,
        base: &base,
        base_claimed: &claimed,
        cells: &cells,
        costs: &costs,
        target: target.scaled,
        target_index: target.index,
        covered: base.basic_mask.iter().fold(0, |a, b| a | b),
    };

    let n = base.affairs.len();
    let max_new = if options.allow_new_innovations {
        let r = rubric.rubric();
        let d = match r.aggregation {
            Aggregation::Normalized { min_divisor, .. } => min_divisor as usize,
            Aggregation::Sum => 0,
        };
        let cap = r.innovation_count.as_ref().and_then(|c| c.cap).unwrap_or(0) as usize;
        let missing = rubric.basic_service_count() as usize - search.covered.count_ones() as usize;
        // Never more than MAX_NEW_INNOVATIONS, whatever the rubric's
        // divisor and cap: the outer loop's work grows with the square of
        // the innovations it may add.
        let default = d
            .max(cap)
            .saturating_sub(n)
            .max(missing)
            .min(MAX_NEW_INNOVATIONS as usize);
        if let Some(m) = costs.max_new.filter(|&m| m > MAX_NEW_INNOVATIONS) {
            return Err(InputError::Invalid {
                path: "costs.max_new_innovations".into(),
                message: format!("{m} is more than the {MAX_NEW_INNOVATIONS} a plan may add"),
            });
        }
        let limit = MAX_INNOVATIONS.saturating_sub(sub.innovations.len());
        costs.max_new.map_or(default, |m| m as usize).min(limit)
    } else {
        0
    };

    let already =
        (s0.assessable() || target.index <= Decimal::ZERO) && current_index >= target.index;
    let mut best: Option<Candidate> = None;
    let mut fallback: Option<Candidate> = None;
    let mut examined = 0u32;
    let new_cost = costs.new_innovation.unwrap_or(0);
    let mut work: u128 = 0;
    for k in 0..=if already { 0 } else { max_new } {
        // Setting up a number of new innovations reads every level.
        work += ((n + k + 1) * (rubric.innovation_len() + 1)) as u128;
        if work > MAX_WORK {
            return Err(too_large(work));
        }
        if let Some(b) = &best {
            if (k as i64).saturating_mul(new_cost) >= b.cost {
                break;
            }
        }
        examined += 1;
        let Some(cfg) = search.configure(k) else {
            continue;
        };
        let Some(u) = search.units(&cfg)? else {
            continue;
        };
        let mut need =
            search.threshold(&cfg.summary) - total(&cfg.summary) - i128::from(u.forced_gain);
        let assessable = n + k > 0;
        if mode == Mode::Verified && u.forced_gain == 0 && !cfg.summary.assessable() && assessable {
            // Nothing counts yet: the plan must make something count.
            need = need.max(1);
        }
        if already || (need <= 0 && assessable) {
            let levels = search.realise(&cfg, &u, &vec![0; u.units.len()]);
            let c = search.candidate(cfg, levels);
            if c.reached && best.as_ref().is_none_or(|b| c.cost < b.cost) {
                best = Some(c);
            }
            continue;
        }
        if let (Some(b), Some(lb)) = (&best, knapsack::lower_bound(&u.units, need as u128)) {
            // Even the relaxation costs as much as the best plan so far.
            let floor = (k as i64)
                .saturating_mul(new_cost)
                .saturating_add(u.forced_cost);
            if floor.saturating_add(lb) >= b.cost {
                continue;
            }
        }
        let outcome = if assessable {
            knapsack::solve(&u.units, need as u128, MAX_WORK - work)
        } else {
            Outcome::Unreachable
        };
        match outcome {
            Outcome::Found { picks, work: w, .. } => {
                work += w;
                let levels = search.realise(&cfg, &u, &picks);
                let c = search.candidate(cfg, levels);
                if !c.reached {
                    return Err(internal("the plan found does not reach the target"));
                }
                if best.as_ref().is_none_or(|b| c.cost < b.cost) {
                    best = Some(c);
                }
            }
            Outcome::Unreachable => {
                if best.is_some() {
                    continue;
                }
                let all: Vec<u64> = u
                    .units
                    .iter()
                    .map(|u| match u {
                        Unit::Items { count, .. } => *count,
                        Unit::Choose { options } => options.len() as u64,
                    })
                    .collect();
                // Raising everything gives the highest index, unless there
                // is nothing to assess: then doing nothing is as good.
                let levels = if assessable {
                    search.realise(&cfg, &u, &all)
                } else {
                    search.unchanged(&cfg)
                };
                let c = search.candidate(cfg, levels);
                let better = fallback.as_ref().is_none_or(|f| {
                    match crate::analysis::exact::cmp_fraction(c.index, f.index) {
                        std::cmp::Ordering::Greater => true,
                        std::cmp::Ordering::Equal => c.cost < f.cost,
                        std::cmp::Ordering::Less => false,
                    }
                });
                if better {
                    fallback = Some(c);
                }
            }
            Outcome::TooLarge { work: w } => return Err(too_large(work + w)),
            Outcome::TooManyStates { states } => {
                return Err(InputError::Invalid {
                    path: "target".into(),
                    message: format!(
                        "the exact search would hold {states} states (limit {MAX_STATES}): the rubric's weights are too fine for the distance to the target"
                    ),
                })
            }
        }
    }
    let chosen = match (best, fallback) {
        (Some(b), _) => b,
        (None, Some(f)) => f,
        (None, None) => {
            // Nothing can even be set up (a frozen mandatory row under the
            // not-assessable rule): the best plan is to do nothing.
            Candidate {
                k: 0,
                cost: 0,
                start: base.clone(),
                start_claimed: claimed.clone(),
                reached: false,
                index: crate::analysis::exact::exact(&s0),
                levels: search::Levels {
                    counted: base.clone(),
                    claimed: claimed.clone(),
                    items_region: vec![0; base.region.len()],
                    items_innovation: vec![0; base.innovation.len()],
                },
            }
        }
    };
    report::write_plan(
        &search,
        sub,
        &target,
        chosen,
        PlanSearch {
            exact: true,
            max_new_innovations: max_new as u32,
            new_innovation_counts_examined: examined,
            max_steps_per_innovation: costs.cap,
        },
    )
}

fn too_large(work: u128) -> InputError {
    InputError::Invalid {
        path: "target".into(),
        message: format!(
            "the exact search would fill {work} table cells (limit {MAX_WORK}); freeze indicators or innovations, or lower max_new_innovations"
        ),
    }
}

fn internal(what: &str) -> InputError {
    InputError::Invalid {
        path: "$".into(),
        message: format!("internal check failed: {what}"),
    }
}
