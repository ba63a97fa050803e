//! The exact search: per-row step chains, the frontier of each
//! innovation, and the outer loop over new innovations.

use super::cells::{Access, Cells};
pub(super) use super::frontier::frontier;
pub(super) use super::units::*;
use super::*;
use crate::scoring::assess::Mode;

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
