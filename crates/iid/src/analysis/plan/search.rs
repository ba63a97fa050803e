//! The exact search: per-row step chains, the frontier of each
//! innovation, and the outer loop over new innovations.

use super::cells::{Access, Cells};
use super::*;
use crate::scoring::assess::Mode;

/// One state a row may be left in: its claimed level, the evidence
/// items it then needs, and the gain (total' units) and cost from the
/// row's start (or from its forced state), with the level steps taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RowState {
    pub(super) level: u8,
    pub(super) items: u32,
    pub(super) gain: u64,
    pub(super) cost: i64,
    pub(super) steps: u32,
}

/// A row's possible states, by rising level (an evidence-only state
/// first). Taking x steps of the chain leaves it in state x.
#[derive(Debug, Clone)]
pub(super) struct Chain {
    pub(super) row: RowRef,
    pub(super) states: Vec<RowState>,
    /// The state the row is left in when none is picked (a mandatory row
    /// under the `not_assessable` rule must count).
    pub(super) forced: Option<RowState>,
}

pub(super) enum Source {
    /// Identical steps; one chain index per step, in fill order.
    Class(Vec<usize>),
    /// Option x (from 1) takes x steps of the chain.
    Row(usize),
    /// An innovation's chains; option o takes `options[o][i]` steps of
    /// chain `chains[i]`, and `forced` when none is picked.
    Coupled {
        chains: Vec<usize>,
        options: Vec<Vec<u8>>,
        forced: Option<Vec<u8>>,
    },
}

/// A configuration's knapsack: the chains, the units and where each
/// unit's picks go, and what the forced states gain and cost.
#[derive(Default)]
pub(super) struct Units {
    pub(super) chains: Vec<Chain>,
    pub(super) units: Vec<Unit>,
    pub(super) sources: Vec<Source>,
    pub(super) classes: std::collections::BTreeMap<(u64, i64), Vec<usize>>,
    pub(super) forced_gain: u64,
    pub(super) forced_cost: i64,
}

impl Units {
    /// A row on its own: its steps join the classes of identical steps
    /// when every step gains the same and their costs never decrease,
    /// else it is a choice of how many steps to take.
    pub(super) fn loose(&mut self, ch: Chain) {
        if ch.states.is_empty() {
            if ch.forced.is_some() {
                self.chains.push(ch);
            }
            return;
        }
        let i = self.chains.len();
        let g1 = ch.states[0].gain;
        let uniform = ch
            .states
            .iter()
            .enumerate()
            .all(|(x, s)| Some(s.gain) == g1.checked_mul(x as u64 + 1));
        let mut prev = 0i64;
        let steps: Vec<i64> = ch
            .states
            .iter()
            .map(|s| {
                let d = s.cost.saturating_sub(prev);
                prev = s.cost;
                d
            })
            .collect();
        if uniform && steps[0] >= 0 && steps.windows(2).all(|w| w[0] <= w[1]) {
            for &c in &steps {
                self.classes.entry((g1, c)).or_default().push(i);
            }
        } else {
            let options = ch.states.iter().map(|s| (s.gain, s.cost)).collect();
            self.units.push(Unit::Choose { options });
            self.sources.push(Source::Row(i));
        }
        self.chains.push(ch);
    }

    /// An innovation's rows taken together, as one choice of its frontier.
    pub(super) fn coupled(
        &mut self,
        own: Vec<Chain>,
        options: Vec<(u64, i64, Vec<u8>)>,
        forced: Option<Vec<u8>>,
    ) {
        let first = self.chains.len();
        self.chains.extend(own);
        self.units.push(Unit::Choose {
            options: options.iter().map(|o| (o.0, o.1)).collect(),
        });
        self.sources.push(Source::Coupled {
            chains: (first..self.chains.len()).collect(),
            options: options.into_iter().map(|o| o.2).collect(),
            forced,
        });
    }

    pub(super) fn close_classes(&mut self) {
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

/// The cheapest state (the lowest among equals), and the others it does
/// not dominate, rebased on it.
fn force(states: &[RowState]) -> Option<(RowState, Vec<RowState>)> {
    let f = *states.iter().min_by_key(|s| s.cost)?;
    let rest = states
        .iter()
        .filter(|s| s.gain > f.gain)
        .map(|s| RowState {
            gain: s.gain - f.gain,
            cost: s.cost - f.cost,
            ..*s
        })
        .collect();
    Some((f, rest))
}

/// One number of added innovations, set up.
pub(super) struct Config {
    pub(super) k: usize,
    /// Levels the plan's mode counts before any step (new innovations at
    /// their template), before the mandatory rule.
    pub(super) start: LevelMatrix,
    /// Claimed levels before any step.
    pub(super) claimed: LevelMatrix,
    pub(super) summary: Summary,
}

/// Levels after a plan: what the mode counts, what is claimed, and the
/// evidence items each row needs (region rows, then innovation cells).
#[derive(Debug, Clone)]
pub(super) struct Levels {
    pub(super) counted: LevelMatrix,
    pub(super) claimed: LevelMatrix,
    pub(super) items_region: Vec<u32>,
    pub(super) items_innovation: Vec<u32>,
}

/// A finished plan, before it is written out.
pub(super) struct Candidate {
    pub(super) k: usize,
    pub(super) cost: i64,
    pub(super) start: LevelMatrix,
    pub(super) start_claimed: LevelMatrix,
    pub(super) levels: Levels,
    pub(super) reached: bool,
    pub(super) index: (i128, i128),
}

pub(super) struct Search<'a> {
    pub(super) rubric: &'a CompiledRubric,
    /// What the mode counts, and the claims, of the submission's rows.
    pub(super) base: &'a LevelMatrix,
    pub(super) base_claimed: &'a LevelMatrix,
    pub(super) cells: &'a Cells,
    pub(super) costs: &'a CostTable,
    pub(super) target: i128,
    pub(super) target_index: Decimal,
    pub(super) covered: u64,
}

pub(super) fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// total' of a summary (see the module docs).
pub(super) fn total(s: &Summary) -> i128 {
    (i128::from(s.region_units) + i128::from(s.count_units)) * i128::from(s.divisor)
        + i128::from(s.innovation_units)
}

/// Score levels in a mode: the mandatory rule, and in the verified mode
/// a matrix with nothing left is not assessable (as the scorer does).
pub(super) fn evaluate_in(rubric: &CompiledRubric, levels: &LevelMatrix, mode: Mode) -> Summary {
    let mut p = levels.clone();
    crate::scoring::matrix::apply_mandatory_rule(rubric, &mut p);
    if mode == Mode::Verified && p.all_zero() {
        p.blocked = true;
    }
    p.summary(rubric)
}

impl<'a> Search<'a> {
    pub(super) fn k_rows(&self) -> usize {
        self.rubric.innovation_len()
    }

    /// The least total' whose rounded index reaches the target, for a
    /// summary's divisor.
    pub(super) fn threshold(&self, s: &Summary) -> i128 {
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

    /// The states a row may be left in (see [`super::cells`]), with the
    /// region rows' gains multiplied by `mult` (the divisor).
    pub(super) fn states(&self, row: RowRef, mult: u64) -> Vec<RowState> {
        let kr = self.k_rows();
        let c = self.costs;
        let (frozen, kept, weight, max, table, per_item) = match row {
            RowRef::Region(i) => (
                c.frozen_region[i],
                c.kept_region[i],
                self.rubric.region[i].weight_units,
                self.rubric.region[i].max_level,
                &c.region[i],
                c.evidence_region[i],
            ),
            RowRef::Innovation { row: j, col } => (
                c.frozen_rows.get(j).copied().unwrap_or(false) || c.frozen_cols[col],
                false,
                self.rubric.innovation[col].weight_units,
                self.rubric.innovation[col].max_level,
                &c.innovation[col],
                c.evidence_innovation[col],
            ),
        };
        let Some(cell) = self.cells.get(row, kr) else {
            return Vec::new();
        };
        if frozen || cell.access == Access::Decided {
            return Vec::new();
        }
        let floor = u32::from(cell.access == Access::Revise);
        let (from, counted) = (cell.claimed, cell.counted);
        let w = (weight.max(0) as u64).saturating_mul(mult);
        let state = |level: u8| -> Option<RowState> {
            let items = (*cell.needed.get(usize::from(level))?)?.max(floor);
            let cost = c
                .steps(table, from, level)
                .saturating_add(per_item.saturating_mul(i64::from(items)))
                .min(INF);
            Some(RowState {
                level,
                items,
                gain: w.saturating_mul(u64::from(level.saturating_sub(counted))),
                cost,
                steps: u32::from(level - from),
            })
        };
        let mut out = Vec::new();
        if from > 0 && counted < from {
            out.extend(state(from));
        }
        if !kept {
            out.extend((from + 1..=max).filter_map(state));
        }
        out
    }

    pub(super) fn configure(&self, k: usize) -> Option<Config> {
        let rubric = self.rubric;
        let kr = self.k_rows();
        let mut start = self.base.clone();
        let mut claimed = self.base_claimed.clone();
        let counted_template: Vec<u8> = self.cells.template.iter().map(|c| c.counted).collect();
        for (a, mask) in new_affairs(rubric, self.covered, &self.costs.template, k) {
            crate::analysis::exact::push_row(&mut start, &counted_template, a.clone(), mask);
            crate::analysis::exact::push_row(&mut claimed, &self.costs.template.levels, a, mask);
        }
        if rubric.rubric().mandatory_rule == MandatoryRule::NotAssessable {
            // Every mandatory row must come to count: one that cannot
            // leaves nothing assessable.
            for (i, c) in rubric.region.iter().enumerate() {
                if c.mandatory
                    && start.region[i] == 0
                    && self.states(RowRef::Region(i), 1).is_empty()
                {
                    return None;
                }
            }
            for j in 0..start.affairs.len() {
                for (col, c) in rubric.innovation.iter().enumerate() {
                    let row = RowRef::Innovation { row: j, col };
                    if c.mandatory
                        && start.innovation[j * kr + col] == 0
                        && self.states(row, 1).is_empty()
                    {
                        return None;
                    }
                }
            }
        }
        let summary = evaluate_in(rubric, &start, self.cells.mode);
        Some(Config {
            k,
            start,
            claimed,
            summary,
        })
    }

    /// The knapsack units of a configuration; `None` when its forced
    /// states cannot be taken (a cap below the mandatory rows' steps).
    pub(super) fn units(&self, cfg: &Config) -> Result<Option<Units>, InputError> {
        let rubric = self.rubric;
        let kr = self.k_rows();
        let d = u64::from(cfg.summary.divisor);
        let not_assessable = rubric.rubric().mandatory_rule == MandatoryRule::NotAssessable;
        let mut u = Units::default();
        for (i, c) in rubric.region.iter().enumerate() {
            let row = RowRef::Region(i);
            let states = self.states(row, d);
            if not_assessable && c.mandatory && cfg.start.region[i] == 0 {
                let Some((f, rest)) = force(&states) else {
                    return Ok(None);
                };
                u.forced_gain = u.forced_gain.saturating_add(f.gain);
                u.forced_cost = u.forced_cost.saturating_add(f.cost);
                u.loose(Chain {
                    row,
                    states: rest,
                    forced: Some(f),
                });
            } else {
                u.loose(Chain {
                    row,
                    states,
                    forced: None,
                });
            }
        }
        let innovation_zero = rubric.rubric().mandatory_rule == MandatoryRule::InnovationZero;
        for j in 0..cfg.start.affairs.len() {
            let row = &cfg.start.innovation[j * kr..(j + 1) * kr];
            let mut own = Vec::new();
            let mut must = Vec::new();
            let mut blocked = false;
            let mut forced_row = false;
            for (col, c) in rubric.innovation.iter().enumerate() {
                let zero = c.mandatory && row[col] == 0;
                let states = self.states(RowRef::Innovation { row: j, col }, 1);
                if states.is_empty() {
                    blocked |= zero && innovation_zero;
                    continue;
                }
                forced_row |= zero && not_assessable;
                own.push(Chain {
                    row: RowRef::Innovation { row: j, col },
                    states,
                    forced: None,
                });
                must.push(zero && (innovation_zero || not_assessable));
            }
            if blocked {
                // A mandatory row that cannot be answered: the innovation
                // scores nothing whatever the plan does.
                continue;
            }
            let activation = innovation_zero && must.iter().any(|&m| m);
            let cap = self.costs.cap;
            let available: usize = own
                .iter()
                .map(|c| c.states.iter().map(|s| s.steps).max().unwrap_or(0) as usize)
                .sum();
            if !activation && !forced_row && cap.is_none_or(|c| available <= c as usize) {
                for ch in own {
                    u.loose(ch);
                }
                continue;
            }
            let base = if activation {
                crate::analysis::exact::row_totals(rubric, row).0.max(0) as u64
            } else {
                0
            };
            let options = frontier(&own, &must, cap, activation || forced_row, base)?;
            if forced_row {
                // The cheapest way to answer every mandatory row is taken;
                // the options that gain more are rebased on it.
                let Some(f) = options.iter().min_by_key(|o| o.1).cloned() else {
                    return Ok(None);
                };
                u.forced_gain = u.forced_gain.saturating_add(f.0);
                u.forced_cost = u.forced_cost.saturating_add(f.1);
                let rest = options
                    .into_iter()
                    .filter(|o| o.0 > f.0)
                    .map(|o| (o.0 - f.0, o.1 - f.1, o.2))
                    .collect();
                u.coupled(own, rest, Some(f.2));
            } else if !options.is_empty() {
                u.coupled(own, options, None);
            }
        }
        u.close_classes();
        Ok(Some(u))
    }

    /// Levels after taking `picks` (per unit, as [`knapsack::solve`] gives).
    pub(super) fn realise(&self, cfg: &Config, u: &Units, picks: &[u64]) -> Levels {
        let kr = self.k_rows();
        let mut taken: Vec<Option<RowState>> = u.chains.iter().map(|c| c.forced).collect();
        let mut steps = vec![0usize; u.chains.len()];
        for (src, &p) in u.sources.iter().zip(picks) {
            match src {
                Source::Class(members) => {
                    for &c in members.iter().take(p as usize) {
                        steps[c] += 1;
                    }
                }
                Source::Row(c) => steps[*c] = p as usize,
                Source::Coupled {
                    chains,
                    options,
                    forced,
                } => {
                    let o = (p as usize)
                        .checked_sub(1)
                        .and_then(|o| options.get(o))
                        .or(forced.as_ref());
                    if let Some(o) = o {
                        for (&c, &x) in chains.iter().zip(o) {
                            steps[c] = usize::from(x);
                        }
                    }
                }
            }
        }
        for (t, (ch, &x)) in taken.iter_mut().zip(u.chains.iter().zip(&steps)) {
            if let Some(s) = x.checked_sub(1).and_then(|x| ch.states.get(x)) {
                *t = Some(*s);
            }
        }
        let mut out = Levels {
            counted: cfg.start.clone(),
            claimed: cfg.claimed.clone(),
            items_region: vec![0; cfg.start.region.len()],
            items_innovation: vec![0; cfg.start.innovation.len()],
        };
        for (ch, t) in u.chains.iter().zip(taken) {
            let Some(s) = t else { continue };
            match ch.row {
                RowRef::Region(i) => {
                    out.counted.region[i] = s.level;
                    out.claimed.region[i] = s.level;
                    out.items_region[i] = s.items;
                }
                RowRef::Innovation { row, col } => {
                    out.counted.innovation[row * kr + col] = s.level;
                    out.claimed.innovation[row * kr + col] = s.level;
                    out.items_innovation[row * kr + col] = s.items;
                }
            }
        }
        out
    }

    /// Levels with nothing done (not even the forced states).
    pub(super) fn unchanged(&self, cfg: &Config) -> Levels {
        Levels {
            counted: cfg.start.clone(),
            claimed: cfg.claimed.clone(),
            items_region: vec![0; cfg.start.region.len()],
            items_innovation: vec![0; cfg.start.innovation.len()],
        }
    }

    /// The cost of a plan, from its levels and items (independent of the
    /// knapsack's own sum).
    pub(super) fn cost_of(&self, cfg: &Config, levels: &Levels) -> i64 {
        let kr = self.k_rows();
        let c = self.costs;
        let mut cost = (cfg.k as i64).saturating_mul(c.new_innovation.unwrap_or(0));
        for (i, (&from, &to)) in cfg
            .claimed
            .region
            .iter()
            .zip(&levels.claimed.region)
            .enumerate()
        {
            cost = cost
                .saturating_add(c.steps(&c.region[i], from, to))
                .saturating_add(
                    c.evidence_region[i].saturating_mul(i64::from(levels.items_region[i])),
                );
        }
        for (idx, (&from, &to)) in cfg
            .claimed
            .innovation
            .iter()
            .zip(&levels.claimed.innovation)
            .enumerate()
        {
            let col = idx % kr;
            cost = cost
                .saturating_add(c.steps(&c.innovation[col], from, to))
                .saturating_add(
                    c.evidence_innovation[col]
                        .saturating_mul(i64::from(levels.items_innovation[idx])),
                );
        }
        cost.min(INF)
    }

    pub(super) fn candidate(&self, cfg: Config, levels: Levels) -> Candidate {
        let s = evaluate_in(self.rubric, &levels.counted, self.cells.mode);
        // An index target of 0 is reached by any submission, assessable or
        // not (its index is 0.00); every other target needs an assessable one.
        let reached = (s.assessable() || self.target_index <= Decimal::ZERO)
            && s.index(self.rubric) >= self.target_index;
        Candidate {
            k: cfg.k,
            cost: self.cost_of(&cfg, &levels),
            start: cfg.start,
            start_claimed: cfg.claimed,
            levels,
            reached,
            index: crate::analysis::exact::exact(&s),
        }
    }
}

/// The exact (gain, cost) frontier of one innovation's rows: for every
/// reachable gain the least cost, within `cap` level steps, with every
/// `must` chain in one of its states when `activation` (then `base`, its
/// current row units, counts too). Options are returned by rising gain,
/// each kept only when no option of larger gain costs as little. The
/// empty option is left out (taking none is always allowed).
pub(super) fn frontier(
    chains: &[Chain],
    must: &[bool],
    cap: Option<u32>,
    activation: bool,
    base: u64,
) -> Result<Vec<(u64, i64, Vec<u8>)>, InputError> {
    let g = chains
        .iter()
        .flat_map(|c| &c.states)
        .fold(0, |a, s| gcd(a, s.gain))
        .max(1);
    let top: usize = chains
        .iter()
        .map(|c| {
            c.states
                .iter()
                .map(|s| (s.gain / g) as usize)
                .max()
                .unwrap_or(0)
        })
        .sum();
    let total_steps: usize = chains
        .iter()
        .map(|c| c.states.iter().map(|s| s.steps as usize).max().unwrap_or(0))
        .sum();
    let layers = cap.map_or(1, |c| (c as usize).min(total_steps) + 1);
    let width = top + 1;
    // Cells the decision tables hold (one per chain); each is tried once
    // per state of its chain.
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
        let lo = usize::from(activation && must.get(ci).copied().unwrap_or(false));
        // Option 0 is "stay"; option x is state x - 1.
        let options: Vec<(usize, i64, usize)> = std::iter::once((0, 0, 0))
            .chain(
                ch.states
                    .iter()
                    .map(|s| ((s.gain / g) as usize, s.cost, s.steps as usize)),
            )
            .collect();
        let mut next = vec![INF; layers * width];
        let mut dec = vec![0u8; layers * width];
        for s in 0..layers {
            for gi in 0..width {
                let v = dp[s * width + gi];
                if v >= INF {
                    continue;
                }
                for (x, &(q, cost, steps)) in options.iter().enumerate().skip(lo) {
                    let s2 = if cap.is_some() { s + steps } else { 0 };
                    if s2 >= layers {
                        continue;
                    }
                    let cell = s2 * width + gi + q;
                    let c = v.saturating_add(cost);
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
            if let Some(st) = usize::from(x)
                .checked_sub(1)
                .and_then(|i| chains[ci].states.get(i))
            {
                if cap.is_some() {
                    s2 -= st.steps as usize;
                }
                g2 -= (st.gain / g) as usize;
            }
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
