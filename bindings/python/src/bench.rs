//! Native timings of the core on the synthetic national dataset, for
//! `bench/bench_national.py` (feature `bench`; not in the published wheel).

use pyo3::prelude::*;

use crate::{raise, synthetic_rubric, to_py};

/// Time the core on the synthetic national dataset with no Python in the
/// loop (`iid::synthetic::time_national`): a dict of the best of `runs`
/// runs in seconds (`columns`, `summary`, `submissions`,
/// `json_submissions`) and `index_exact`, every region's exact index.
#[pyfunction]
#[pyo3(signature = (methodology="iid-2026", regions=548, innovations=36742, seed=2025, runs=7))]
pub fn time_core_national<'py>(
    py: Python<'py>,
    methodology: &str,
    regions: usize,
    innovations: usize,
    seed: u64,
    runs: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let r = synthetic_rubric(py, methodology, regions, innovations)?;
    let timed = py.detach(|| iid::synthetic::time_national(r, regions, innovations, seed, runs));
    to_py(py, &timed.map_err(|e| raise(py, &e))?)
}
