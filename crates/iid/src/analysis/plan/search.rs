//! The exact search: per-row step chains, the frontier of each
//! innovation, and the outer loop over new innovations.

use super::*;

/// A row's run of possible steps.
#[derive(Debug, Clone)]
pub(super) struct Chain<'c> {
    pub(super) row: RowRef,
    /// Gain of one step in total' units.
    pub(super) gain: u64,
    /// Cost of each step from the row's starting level.
    pub(super) costs: &'c [i64],
}

pub(super) enum Source {
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
pub(super) struct Units<'c> {
    pub(super) chains: Vec<Chain<'c>>,
    pub(super) units: Vec<Unit>,
    pub(super) sources: Vec<Source>,
    pub(super) classes: std::collections::BTreeMap<(u64, i64), Vec<usize>>,
}

impl<'c> Units<'c> {
    /// A row on its own: its steps join the classes of identical steps
    /// when their costs never decrease, else it is a choice of how many
    /// steps to take.
    pub(super) fn loose(&mut self, ch: Chain<'c>) {
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
    pub(super) fn coupled(&mut self, own: Vec<Chain<'c>>, options: Vec<(u64, i64, Vec<u8>)>) {
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

/// One number of added innovations, set up.
pub(super) struct Config {
    pub(super) k: usize,
    /// Levels before any step (new innovations at their template).
    pub(super) start: LevelMatrix,
    /// Levels after the forced steps.
    pub(super) raw: LevelMatrix,
    /// Steps already taken per innovation row (forced).
    pub(super) forced_steps: Vec<u32>,
    pub(super) summary: Summary,
}

/// A finished plan, before it is written out.
pub(super) struct Candidate {
    pub(super) k: usize,
    pub(super) cost: i64,
    pub(super) start: LevelMatrix,
    pub(super) levels: LevelMatrix,
    pub(super) reached: bool,
    pub(super) index: (i128, i128),
}

pub(super) struct Search<'a> {
    pub(super) rubric: &'a CompiledRubric,
    pub(super) base: &'a LevelMatrix,
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

    pub(super) fn configure(&self, k: usize) -> Option<Config> {
        let rubric = self.rubric;
        let kr = self.k_rows();
        let mut start = self.base.clone();
        for (a, mask) in new_affairs(rubric, self.covered, &self.costs.template, k) {
            crate::analysis::exact::push_row(&mut start, &self.costs.template.levels, a, mask);
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
        let summary = crate::analysis::exact::evaluate(rubric, &raw);
        Some(Config {
            k,
            start,
            raw,
            forced_steps,
            summary,
        })
    }

    /// The knapsack units of a configuration.
    pub(super) fn units(&self, cfg: &Config) -> Result<Units<'a>, InputError> {
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
                crate::analysis::exact::row_totals(rubric, row).0 as u64
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
    pub(super) fn realise(&self, cfg: &Config, u: &Units, picks: &[u64]) -> LevelMatrix {
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

    pub(super) fn cost_of(&self, cfg: &Config, levels: &LevelMatrix) -> i64 {
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

    pub(super) fn candidate(&self, cfg: Config, levels: LevelMatrix) -> Candidate {
        let s = crate::analysis::exact::evaluate(self.rubric, &levels);
        // An index target of 0 is reached by any submission, assessable or
        // not (its index is 0.00); every other target needs an assessable one.
        let reached = (s.assessable() || self.target_index <= Decimal::ZERO)
            && s.index(self.rubric) >= self.target_index;
        Candidate {
            k: cfg.k,
            cost: self.cost_of(&cfg, &levels),
            start: cfg.start,
            levels,
            reached,
            index: crate::analysis::exact::exact(&s),
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
pub(super) fn frontier(
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
