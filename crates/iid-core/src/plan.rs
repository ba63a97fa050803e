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

mod knapsack;
pub(crate) mod model;
mod options;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::assess::RowRef;
use crate::error::InputError;
use crate::rubric::{Aggregation, CompiledRubric, MandatoryRule};
use crate::scoring::{AffairRef, Prepared, Summary};
use crate::submission::{Answer, Innovation, Level, Submission, MAX_INNOVATIONS};

use knapsack::{Outcome, Unit, INF};
use model::Tracker;
pub(crate) use options::{join, new_affairs, repath, resolve_target, resolve_template};
use options::{resolve, CostTable};
pub use options::{
    Amount, Costs, InnovationTemplate, MarginalOptions, PlanOptions, StepCost, Target, MAX_COST,
    MAX_COST_SCALE,
};

/// Largest dynamic-programming table one plan may fill (cells).
pub const MAX_WORK: u128 = 1_500_000_000;
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
    /// Level before and after (number of innovations for an addition).
    pub from: u32,
    pub to: u32,
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

/// A row's run of possible steps.
#[derive(Debug, Clone)]
struct Chain<'c> {
    row: RowRef,
    /// Gain of one step in total' units.
    gain: u64,
    /// Cost of each step from the row's starting level.
    costs: &'c [i64],
}

enum Source {
    /// Identical steps; one chain index per step, in fill order.
    Class(Vec<usize>),
    /// Option x (from 1) takes x steps of the chain.
    Row(usize),
    /// An innovation's chains; option o takes `options[o][i]` steps of
    /// chain `chains[i]`.
    Coupled {
        chains: Vec<usize>,
        options: Vec<Vec<u8>>,
    },
}

/// A configuration's knapsack: the chains, the units and where each
/// unit's picks go.
#[derive(Default)]
struct Units<'c> {
    chains: Vec<Chain<'c>>,
    units: Vec<Unit>,
    sources: Vec<Source>,
    classes: std::collections::BTreeMap<(u64, i64), Vec<usize>>,
}

impl<'c> Units<'c> {
    /// A row on its own: its steps join the classes of identical steps
    /// when their costs never decrease, else it is a choice of how many
    /// steps to take.
    fn loose(&mut self, ch: Chain<'c>) {
        let i = self.chains.len();
        if ch.costs.windows(2).all(|w| w[0] <= w[1]) {
            for &c in ch.costs {
                self.classes.entry((ch.gain, c)).or_default().push(i);
            }
        } else {
            let mut sum = 0i64;
            let options = ch
                .costs
                .iter()
                .enumerate()
                .map(|(x, c)| {
                    sum = sum.saturating_add(*c);
                    (ch.gain.saturating_mul(x as u64 + 1), sum)
                })
                .collect();
            self.units.push(Unit::Choose { options });
            self.sources.push(Source::Row(i));
        }
        self.chains.push(ch);
    }

    /// An innovation's rows taken together, as one choice of its frontier.
    fn coupled(&mut self, own: Vec<Chain<'c>>, options: Vec<(u64, i64, Vec<u8>)>) {
        let first = self.chains.len();
        self.chains.extend(own);
        self.units.push(Unit::Choose {
            options: options.iter().map(|o| (o.0, o.1)).collect(),
        });
        self.sources.push(Source::Coupled {
            chains: (first..self.chains.len()).collect(),
            options: options.into_iter().map(|o| o.2).collect(),
        });
    }

    fn close_classes(&mut self) {
        for ((gain, cost), members) in std::mem::take(&mut self.classes) {
            self.units.push(Unit::Items {
                gain,
                cost,
                count: members.len() as u64,
            });
            self.sources.push(Source::Class(members));
        }
    }
}

/// One number of added innovations, set up.
struct Config {
    k: usize,
    /// Levels before any step (new innovations at their template).
    start: Prepared,
    /// Levels after the forced steps.
    raw: Prepared,
    /// Steps already taken per innovation row (forced).
    forced_steps: Vec<u32>,
    summary: Summary,
}

/// A finished plan, before it is written out.
struct Candidate {
    k: usize,
    cost: i64,
    start: Prepared,
    levels: Prepared,
    reached: bool,
    index: (i128, i128),
}

struct Search<'a> {
    rubric: &'a CompiledRubric,
    base: &'a Prepared,
    costs: &'a CostTable,
    target: i128,
    target_index: Decimal,
    covered: u64,
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// total' of a summary (see the module docs).
fn total(s: &Summary) -> i128 {
    (i128::from(s.region_units) + i128::from(s.count_units)) * i128::from(s.divisor)
        + i128::from(s.innovation_units)
}

impl<'a> Search<'a> {
    fn k_rows(&self) -> usize {
        self.rubric.innovation_len()
    }

    /// The least total' whose rounded index reaches the target, for a
    /// summary's divisor.
    fn threshold(&self, s: &Summary) -> i128 {
        let dp = self.rubric.rubric().rounding.index_decimals;
        let f: i128 = match self.rubric.rubric().aggregation {
            Aggregation::Normalized { .. } => 100,
            Aggregation::Sum => 1,
        };
        let num = (2 * self.target - 1) * s.index_den;
        let den = 2 * f * 10i128.pow(dp);
        if num <= 0 {
            0
        } else {
            (num + den - 1) / den
        }
    }

    fn configure(&self, k: usize) -> Option<Config> {
        let rubric = self.rubric;
        let kr = self.k_rows();
        let mut start = self.base.clone();
        for (a, mask) in new_affairs(rubric, self.covered, &self.costs.template, k) {
            model::push_row(&mut start, &self.costs.template.levels, a, mask);
        }
        let mut raw = start.clone();
        let mut forced_steps = vec![0u32; raw.affairs.len()];
        if rubric.rubric().mandatory_rule == MandatoryRule::NotAssessable {
            for (i, c) in rubric.region.iter().enumerate() {
                if c.mandatory && raw.region[i] == 0 {
                    if self.costs.frozen_region[i] {
                        return None;
                    }
                    raw.region[i] = 1;
                }
            }
            for (j, forced) in forced_steps.iter_mut().enumerate() {
                let frozen_row = self.costs.frozen_rows.get(j).copied().unwrap_or(false);
                for (col, c) in rubric.innovation.iter().enumerate() {
                    if c.mandatory && raw.innovation[j * kr + col] == 0 {
                        if frozen_row || self.costs.frozen_cols[col] {
                            return None;
                        }
                        raw.innovation[j * kr + col] = 1;
                        *forced += 1;
                    }
                }
                if self.costs.cap.is_some_and(|cap| *forced > cap) {
                    return None;
                }
            }
        }
        let summary = model::evaluate(rubric, &raw);
        Some(Config {
            k,
            start,
            raw,
            forced_steps,
            summary,
        })
    }

    /// The knapsack units of a configuration.
    fn units(&self, cfg: &Config) -> Result<Units<'a>, InputError> {
        let rubric = self.rubric;
        let kr = self.k_rows();
        let d = u64::from(cfg.summary.divisor);
        let mut u = Units::default();
        for (i, c) in rubric.region.iter().enumerate() {
            let from = cfg.raw.region[i];
            if self.costs.frozen_region[i] || from >= c.max_level {
                continue;
            }
            u.loose(Chain {
                row: RowRef::Region(i),
                gain: (c.weight_units as u64).saturating_mul(d),
                costs: &self.costs.region[i][usize::from(from)..usize::from(c.max_level)],
            });
        }
        let innovation_zero = rubric.rubric().mandatory_rule == MandatoryRule::InnovationZero;
        for j in 0..cfg.raw.affairs.len() {
            if self.costs.frozen_rows.get(j).copied().unwrap_or(false) {
                continue;
            }
            let row = &cfg.raw.innovation[j * kr..(j + 1) * kr];
            let mut own = Vec::new();
            let mut must = Vec::new();
            let mut blocked = false;
            for (col, c) in rubric.innovation.iter().enumerate() {
                let from = row[col];
                let missing = innovation_zero && c.mandatory && from == 0;
                if self.costs.frozen_cols[col] || from >= c.max_level {
                    blocked |= missing;
                    continue;
                }
                own.push(Chain {
                    row: RowRef::Innovation { row: j, col },
                    gain: c.weight_units as u64,
                    costs: &self.costs.innovation[col][usize::from(from)..usize::from(c.max_level)],
                });
                must.push(missing);
            }
            if blocked {
                // A mandatory row that cannot be answered: the innovation
                // scores nothing whatever the plan does.
                continue;
            }
            let activation = must.iter().any(|&m| m);
            let cap = self
                .costs
                .cap
                .map(|c| c.saturating_sub(cfg.forced_steps[j]));
            let available: usize = own.iter().map(|c| c.costs.len()).sum();
            if !activation && cap.is_none_or(|c| available <= c as usize) {
                for ch in own {
                    u.loose(ch);
                }
                continue;
            }
            let base = if activation {
                model::row_totals(rubric, row).0 as u64
            } else {
                0
            };
            let options = frontier(&own, &must, cap, activation, base)?;
            if !options.is_empty() {
                u.coupled(own, options);
            }
        }
        u.close_classes();
        Ok(u)
    }

    /// Levels after taking `picks` (per unit, as [`knapsack::solve`] gives).
    fn realise(&self, cfg: &Config, u: &Units, picks: &[u64]) -> Prepared {
        let kr = self.k_rows();
        let mut steps = vec![0u8; u.chains.len()];
        for (src, &p) in u.sources.iter().zip(picks) {
            match src {
                Source::Class(members) => {
                    for &c in members.iter().take(p as usize) {
                        steps[c] += 1;
                    }
                }
                Source::Row(c) => steps[*c] = p as u8,
                Source::Coupled { chains, options } => {
                    if let Some(o) = (p as usize).checked_sub(1).and_then(|o| options.get(o)) {
                        for (&c, &x) in chains.iter().zip(o) {
                            steps[c] = x;
                        }
                    }
                }
            }
        }
        let mut levels = cfg.raw.clone();
        for (ch, &x) in u.chains.iter().zip(&steps) {
            match ch.row {
                RowRef::Region(i) => levels.region[i] += x,
                RowRef::Innovation { row, col } => levels.innovation[row * kr + col] += x,
            }
        }
        levels
    }

    fn cost_of(&self, cfg: &Config, levels: &Prepared) -> i64 {
        let kr = self.k_rows();
        let mut cost = (cfg.k as i64).saturating_mul(self.costs.new_innovation.unwrap_or(0));
        for (i, (&from, &to)) in cfg.start.region.iter().zip(&levels.region).enumerate() {
            cost = cost.saturating_add(self.costs.steps(&self.costs.region[i], from, to));
        }
        for (idx, (&from, &to)) in cfg
            .start
            .innovation
            .iter()
            .zip(&levels.innovation)
            .enumerate()
        {
            cost =
                cost.saturating_add(self.costs.steps(&self.costs.innovation[idx % kr], from, to));
        }
        cost.min(INF)
    }

    fn candidate(&self, cfg: Config, levels: Prepared) -> Candidate {
        let s = model::evaluate(self.rubric, &levels);
        let reached = s.assessable() && s.index(self.rubric) >= self.target_index;
        Candidate {
            k: cfg.k,
            cost: self.cost_of(&cfg, &levels),
            start: cfg.start,
            levels,
            reached,
            index: model::exact(&s),
        }
    }
}

/// The exact (gain, cost) frontier of one innovation's rows: for every
/// reachable gain the least cost, within `cap` steps, with every `must`
/// chain raised at least once when the innovation needs activating
/// (then `base`, its current row units, counts too). Options are
/// returned by rising gain, each cheaper-per-gain than any larger one is
/// not: an option is kept only when no option of larger gain costs as
/// little. The empty option is left out (taking none is always allowed).
fn frontier(
    chains: &[Chain<'_>],
    must: &[bool],
    cap: Option<u32>,
    activation: bool,
    base: u64,
) -> Result<Vec<(u64, i64, Vec<u8>)>, InputError> {
    let g = chains.iter().fold(0, |a, c| gcd(a, c.gain)).max(1);
    let q: Vec<usize> = chains.iter().map(|c| (c.gain / g) as usize).collect();
    let top: usize = chains.iter().zip(&q).map(|(c, q)| c.costs.len() * q).sum();
    let total_steps: usize = chains.iter().map(|c| c.costs.len()).sum();
    let layers = cap.map_or(1, |c| (c as usize).min(total_steps) + 1);
    let width = top + 1;
    let cells = (layers * width) as u128 * chains.len().max(1) as u128;
    if cells > 50_000_000 {
        return Err(InputError::Invalid {
            path: "costs.max_steps_per_innovation".into(),
            message: format!(
                "one innovation's exact table would need {cells} cells (limit 50000000)"
            ),
        });
    }
    let mut dp = vec![INF; layers * width];
    dp[0] = 0;
    let mut decisions: Vec<Vec<u8>> = Vec::with_capacity(chains.len());
    for (ci, ch) in chains.iter().enumerate() {
        let lo = usize::from(activation && must[ci]);
        let mut prefix = vec![0i64; ch.costs.len() + 1];
        for (x, c) in ch.costs.iter().enumerate() {
            prefix[x + 1] = prefix[x].saturating_add(*c);
        }
        let mut next = vec![INF; layers * width];
        let mut dec = vec![0u8; layers * width];
        for s in 0..layers {
            for gi in 0..width {
                let v = dp[s * width + gi];
                if v >= INF {
                    continue;
                }
                for (x, &p) in prefix.iter().enumerate().skip(lo) {
                    let s2 = if cap.is_some() { s + x } else { 0 };
                    if s2 >= layers {
                        break;
                    }
                    let cell = s2 * width + gi + x * q[ci];
                    let c = v.saturating_add(p);
                    if c < next[cell] {
                        next[cell] = c;
                        dec[cell] = x as u8;
                    }
                }
            }
        }
        dp = next;
        decisions.push(dec);
    }
    let mut best: Vec<(u64, i64, Vec<u8>)> = Vec::new();
    for gi in 0..width {
        let Some(s) = (0..layers)
            .filter(|&s| dp[s * width + gi] < INF)
            .min_by_key(|&s| (dp[s * width + gi], s))
        else {
            continue;
        };
        let cost = dp[s * width + gi];
        let gain = base + gi as u64 * g;
        if !activation && gi == 0 {
            continue;
        }
        let mut steps = vec![0u8; chains.len()];
        let (mut s2, mut g2) = (s, gi);
        for ci in (0..chains.len()).rev() {
            let x = decisions[ci][s2 * width + g2];
            steps[ci] = x;
            if cap.is_some() {
                s2 -= usize::from(x);
            }
            g2 -= usize::from(x) * q[ci];
        }
        best.push((gain, cost, steps));
    }
    // Keep an option only when every larger gain costs more.
    let mut kept = Vec::new();
    let mut cheapest_above = INF;
    for o in best.into_iter().rev() {
        if o.1 < cheapest_above {
            cheapest_above = o.1;
            kept.push(o);
        }
    }
    kept.reverse();
    Ok(kept)
}

/// Set an answer's level, keeping its evidence. A measurement is dropped
/// (it would override the level) and so is a verifier's decision (a new
/// claim has not been verified); level 0 removes the answer.
pub(crate) fn set_answer(
    answers: &mut std::collections::BTreeMap<String, Answer>,
    code: &str,
    level: u8,
) {
    if level == 0 {
        answers.remove(code);
        return;
    }
    match answers.get_mut(code) {
        Some(Answer::Detailed(d)) => {
            d.level = Some(Level(level));
            d.value = None;
            d.category = None;
            d.basis = None;
            d.verification = None;
        }
        _ => {
            answers.insert(code.to_string(), Answer::Level(Level(level)));
        }
    }
}

/// Ids for new innovations: `baru-1`, `baru-2`, ... skipping taken ones.
pub(crate) fn new_ids(sub: &Submission, k: usize) -> Vec<String> {
    let taken: std::collections::HashSet<&str> =
        sub.innovations.iter().map(|i| i.id.as_str()).collect();
    let mut out = Vec::with_capacity(k);
    let mut c = 0;
    while out.len() < k {
        c += 1;
        let id = format!("baru-{c}");
        if !taken.contains(id.as_str()) {
            out.push(id);
        }
    }
    out
}

/// The affair code an [`AffairRef`] stands for.
pub(crate) fn affair_code(rubric: &CompiledRubric, a: &AffairRef) -> Option<String> {
    match a {
        AffairRef::None => None,
        AffairRef::Known(i) => Some(rubric.rubric().affairs[*i].code.clone()),
        AffairRef::Other(s) => Some(s.clone()),
    }
}

/// The cheapest plan that lifts `sub` to the target, exactly (see the
/// module docs), or the best plan when the target is out of reach.
pub fn plan(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &PlanOptions,
) -> Result<Plan, InputError> {
    let a = crate::assess::assess(rubric, sub)?;
    let base = model::raw_levels(rubric, &a);
    let costs = resolve(
        rubric,
        sub,
        &base,
        &options.costs,
        options.allow_new_innovations,
        "costs",
    )?;
    let s0 = model::evaluate(rubric, &base);
    let current_index = s0.index(rubric);
    let target = resolve_target(rubric, &options.target.0, current_index)?;
    let search = Search {
        rubric,
        base: &base,
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
        let default = d.max(cap).saturating_sub(n).max(missing);
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

    let already = s0.assessable() && current_index >= target.index;
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
        let need = search.threshold(&cfg.summary) - total(&cfg.summary);
        let assessable = n + k > 0;
        if already || (need <= 0 && assessable) {
            let levels = cfg.raw.clone();
            let c = search.candidate(cfg, levels);
            if c.reached && best.as_ref().is_none_or(|b| c.cost < b.cost) {
                best = Some(c);
            }
            continue;
        }
        let u = search.units(&cfg)?;
        if let (Some(b), Some(lb)) = (&best, knapsack::lower_bound(&u.units, need as u128)) {
            // Even the relaxation costs as much as the best plan so far.
            if (k as i64).saturating_mul(new_cost).saturating_add(lb) >= b.cost {
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
                    cfg.start.clone()
                };
                let c = search.candidate(cfg, levels);
                let better =
                    fallback
                        .as_ref()
                        .is_none_or(|f| match model::cmp_fraction(c.index, f.index) {
                            std::cmp::Ordering::Greater => true,
                            std::cmp::Ordering::Equal => c.cost < f.cost,
                            std::cmp::Ordering::Less => false,
                        });
                if better {
                    fallback = Some(c);
                }
            }
            Outcome::TooLarge { work: w } => return Err(too_large(work + w)),
        }
    }
    let chosen = match (best, fallback) {
        (Some(b), _) => b,
        (None, Some(f)) => f,
        (None, None) => {
            // Nothing can even be set up (a frozen mandatory row under the
            // not-assessable rule): the best plan is to do nothing.
            let levels = base.clone();
            Candidate {
                k: 0,
                cost: 0,
                start: base.clone(),
                reached: false,
                index: model::exact(&s0),
                levels,
            }
        }
    };
    write(
        rubric,
        sub,
        &costs,
        &target,
        &base,
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

/// Write a chosen plan out: steps with sequential gains, the projected
/// submission, and its rescoring.
fn write(
    rubric: &CompiledRubric,
    sub: &Submission,
    costs: &CostTable,
    target: &options::ResolvedTarget,
    base: &Prepared,
    c: Candidate,
    search: PlanSearch,
) -> Result<Plan, InputError> {
    let kr = rubric.innovation_len();
    let n = base.affairs.len();
    let mut t = Tracker::new(rubric, base.clone());
    let s0 = t.summary();
    let mut cum = s0.index_exact(rubric);
    let mut gain = |s: Summary| {
        let now = s.index_exact(rubric);
        let g = (now - cum).normalize();
        cum = now;
        g
    };
    let ids = new_ids(sub, c.k);
    let count_code = rubric
        .rubric()
        .innovation_count
        .as_ref()
        .map(|c| c.code.clone());
    let mut steps = Vec::new();
    let mut projected = sub.clone();
    for (ci, id) in ids.iter().enumerate() {
        let j = n + ci;
        let affair = c.start.affairs[j].clone();
        t.push(&c.start.innovation[j * kr..(j + 1) * kr], affair.clone());
        let urusan = affair_code(rubric, &affair);
        steps.push(PlanStep {
            kind: StepKind::AddInnovation,
            indicator: count_code.clone(),
            innovation: Some(id.clone()),
            urusan: urusan.clone(),
            from: j as u32,
            to: j as u32 + 1,
            gain: gain(t.summary()),
            cost: costs.decimal(costs.new_innovation.unwrap_or(0)),
        });
        let mut inv = Innovation {
            id: id.clone(),
            name: Some(
                costs
                    .template
                    .meta
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("Inovasi baru {}", ci + 1)),
            ),
            urusan,
            ..costs.template.meta.clone()
        };
        for col in 0..kr {
            let l = c.levels.innovation[j * kr + col];
            if l > 0 {
                inv.levels.insert(
                    rubric.innovation_code(col).to_string(),
                    Answer::Level(Level(l)),
                );
            }
        }
        projected.innovations.push(inv);
    }
    for i in 0..rubric.region_len() {
        let (from, to) = (c.start.region[i], c.levels.region[i]);
        if to > from {
            t.set(RowRef::Region(i), to);
            let code = rubric.region_code(i);
            set_answer(&mut projected.spd, code, to);
            steps.push(PlanStep {
                kind: StepKind::RaiseLevel,
                indicator: Some(code.to_string()),
                innovation: None,
                urusan: None,
                from: u32::from(from),
                to: u32::from(to),
                gain: gain(t.summary()),
                cost: costs.decimal(costs.steps(&costs.region[i], from, to)),
            });
        }
    }
    for j in 0..n + c.k {
        for col in 0..kr {
            let (from, to) = (
                c.start.innovation[j * kr + col],
                c.levels.innovation[j * kr + col],
            );
            if to <= from {
                continue;
            }
            t.set(RowRef::Innovation { row: j, col }, to);
            let code = rubric.innovation_code(col);
            let id = if j < n {
                let src = base.source[j];
                set_answer(&mut projected.innovations[src].levels, code, to);
                sub.innovations[src].id.clone()
            } else {
                ids[j - n].clone()
            };
            steps.push(PlanStep {
                kind: StepKind::RaiseLevel,
                indicator: Some(code.to_string()),
                innovation: Some(id),
                urusan: None,
                from: u32::from(from),
                to: u32::from(to),
                gain: gain(t.summary()),
                cost: costs.decimal(costs.steps(&costs.innovation[col], from, to)),
            });
        }
    }
    let tracked = t.summary();
    let rescored = crate::score(rubric, &projected)?;
    if rescored.index_exact != tracked.index_exact(rubric)
        || rescored.index != tracked.index(rubric)
        || model::exact(&tracked) != c.index
    {
        return Err(internal(
            "the projected submission does not rescore as planned",
        ));
    }
    if c.cost >= INF {
        return Err(InputError::Invalid {
            path: "costs".into(),
            message: "the plan's total cost is beyond the exact range; use smaller costs".into(),
        });
    }
    let reachable = c.reached;
    let total_cost = costs.decimal(c.cost);
    let shortfall = (!reachable).then(|| target.index - rescored.index);
    let (message_id, message_en) = message(
        target,
        reachable,
        steps.is_empty(),
        total_cost,
        &rescored.index,
        c.k,
    );
    Ok(Plan {
        methodology: rubric.id().to_string(),
        target_index: target.index,
        target_predicate: target.predicate.clone(),
        reachable,
        current_index: s0.index(rubric),
        current_index_exact: s0.index_exact(rubric),
        current_predicate: s0.predicate(rubric).to_string(),
        steps,
        total_cost,
        new_innovations: c.k as u32,
        projected_index: rescored.index,
        projected_index_exact: rescored.index_exact,
        projected_predicate: rescored.predicate,
        shortfall,
        search,
        message_id,
        message_en,
        projected_submission: projected,
    })
}

fn message(
    target: &options::ResolvedTarget,
    reachable: bool,
    nothing_to_do: bool,
    cost: Decimal,
    index: &Decimal,
    k: usize,
) -> (String, String) {
    let what = match &target.predicate {
        Some(p) => format!("{p} ({})", target.index),
        None => target.index.to_string(),
    };
    match (reachable, nothing_to_do) {
        (true, true) => (
            format!("Target {what} sudah tercapai: indeks {index}."),
            format!("Target {what} is already reached: index {index}."),
        ),
        (true, false) => (
            format!(
                "Rencana termurah mencapai {what}: indeks {index}, biaya {cost}, {k} inovasi baru."
            ),
            format!(
                "The cheapest plan reaches {what}: index {index}, cost {cost}, {k} new innovations."
            ),
        ),
        (false, _) => (
            format!(
                "Target {what} tidak dapat dicapai dengan langkah yang diizinkan; rencana terbaik mencapai indeks {index} (biaya {cost})."
            ),
            format!(
                "Target {what} cannot be reached with the allowed steps; the best plan reaches index {index} (cost {cost})."
            ),
        ),
    }
}
