//! Ranking one evaluation: competition ranks of the published index, the
//! nominees of each cluster, and the parallel map every step uses.

use super::engine::Setup;

impl Setup {
    /// Nominees: an assessable region with fewer members of a cluster it
    /// competes in above it (by the published index, or by the exact
    /// index when the award says so) than the cluster's quota.
    pub(super) fn nominees(&self, keys: &[u32], exact: &[u128], assessable: &[bool]) -> Vec<bool> {
        let mut out = vec![false; keys.len()];
        if self.clusters.is_empty() {
            return out;
        }
        let by_exact = self.exact_scale.is_some();
        // Per cluster the quota-th highest member value (none when the
        // cluster has fewer members than its quota).
        let edges: Vec<Option<u128>> = self
            .clusters
            .iter()
            .map(|c| {
                let mut v: Vec<u128> = c
                    .members
                    .iter()
                    .filter_map(|&m| {
                        if by_exact {
                            exact.get(m).copied()
                        } else {
                            keys.get(m).map(|&k| u128::from(k))
                        }
                    })
                    .collect();
                let q = c.quota as usize;
                if q == 0 {
                    return Some(u128::MAX);
                }
                if q > v.len() {
                    return None;
                }
                let (_, nth, _) = v.select_nth_unstable_by(q - 1, |a, b| b.cmp(a));
                Some(*nth)
            })
            .collect();
        for (r, flag) in out.iter_mut().enumerate() {
            if !assessable.get(r).copied().unwrap_or(false) {
                continue;
            }
            let mine = if by_exact {
                exact.get(r).copied().unwrap_or(0)
            } else {
                keys.get(r).map_or(0, |&k| u128::from(k))
            };
            *flag = self.member_of.get(r).is_some_and(|cs| {
                cs.iter().any(|&c| match edges.get(c) {
                    Some(Some(edge)) => mine >= *edge && *edge != u128::MAX,
                    Some(None) => true,
                    None => false,
                })
            });
        }
        out
    }
}

/// Competition ranks of keys, the highest first (1, 2, 2, 4).
pub fn competition(keys: &[u32]) -> Vec<u32> {
    let top = keys.iter().copied().max().unwrap_or(0) as usize;
    if top <= 1 << 20 {
        // Counting: how many keys lie above each value.
        let mut above = vec![0u32; top + 2];
        for &k in keys {
            above[k as usize] += 1;
        }
        let mut acc = 0u32;
        for slot in above.iter_mut().rev() {
            let here = *slot;
            *slot = acc;
            acc += here;
        }
        keys.iter().map(|&k| above[k as usize] + 1).collect()
    } else {
        let mut sorted = keys.to_vec();
        sorted.sort_unstable();
        keys.iter()
            .map(|&k| (sorted.len() - sorted.partition_point(|&x| x <= k)) as u32 + 1)
            .collect()
    }
}

/// `f(0..n)` in order, in parallel when the `parallel` feature is on.
#[cfg(feature = "parallel")]
pub fn par_map<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    use rayon::prelude::*;
    (0..n).into_par_iter().map(f).collect()
}

#[cfg(not(feature = "parallel"))]
pub fn par_map<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    (0..n).map(f).collect()
}

#[cfg(test)]
mod tests {
    use super::competition;

    #[test]
    fn competition_ranks_share_ties() {
        assert_eq!(competition(&[50, 70, 70, 10]), vec![3, 1, 1, 4]);
        assert_eq!(competition(&[5_000_000, 7, 5_000_000]), vec![1, 3, 1]);
        assert!(competition(&[]).is_empty());
    }
}
