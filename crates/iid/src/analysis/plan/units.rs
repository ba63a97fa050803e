//! The knapsack's units of a configuration: each row's states, rows
//! alone or taken together per innovation, and the forced states.

use super::knapsack::Unit;
use crate::scoring::assess::RowRef;

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
pub(super) fn force(states: &[RowState]) -> Option<(RowState, Vec<RowState>)> {
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
