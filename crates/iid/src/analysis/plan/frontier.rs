//! The exact (gain, cost) frontier of one innovation's rows.

use super::knapsack::INF;
use super::units::Chain;
use crate::error::InputError;

pub(super) fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
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
