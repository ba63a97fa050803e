//! Native timings of the core on the synthetic national dataset, for
//! `bench/bench_national.py` (feature `bench`; not in the published wheel).

use std::time::Instant;

use iid::table::{self, BatchItem};
use iid::{Error, Mode};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{raise, synthetic_rubric};

fn best<T>(runs: usize, mut f: impl FnMut() -> Result<T, Error>) -> Result<(f64, T), Error> {
    let mut best = f64::INFINITY;
    let mut out = f()?;
    for _ in 0..runs {
        let t = Instant::now();
        out = f()?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    Ok((best, out))
}

/// Time the core on the synthetic national dataset with no Python in the
/// loop: the best of `runs` runs, in seconds, of
///
/// - `columns`: the table path of `score_frames` (`TableInput::score` on
///   the tables `to_tables` lays out);
/// - `summary`: `LevelMatrix::summary` alone over prepared matrices;
/// - `submissions`: parsed submissions to headline rows (`score_batch`,
///   one thread);
/// - `json_submissions`: the same from JSON text.
///
/// Also returns every region's exact index from the `columns` run.
#[pyfunction]
#[pyo3(signature = (methodology="iid-2026", regions=548, innovations=36742, seed=2025, runs=7))]
pub fn time_core_national<'py>(
    py: Python<'py>,
    methodology: &str,
    regions: usize,
    innovations: usize,
    seed: u64,
    runs: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let r = synthetic_rubric(py, methodology, regions, innovations)?;
    let timed = py.detach(|| {
        let subs = iid::synthetic::national(r, regions, innovations, seed);
        let tables = table::to_tables(&subs)?;
        let input = tables.input();
        let (columns, rows) = best(runs, || input.score(Some(r)))?;
        let prepared: Vec<_> = subs
            .iter()
            .map(|s| iid::prepare(r, s))
            .collect::<Result<_, _>>()?;
        let sums = || {
            Ok(prepared
                .iter()
                .map(|p| p.summary(r).index_num)
                .sum::<i128>())
        };
        let (summary, _) = best(runs, sums)?;
        let parsed: Vec<BatchItem> = subs.iter().map(BatchItem::Parsed).collect();
        let batch = |items: &[BatchItem]| {
            table::score_batch(items, None, Mode::SelfAssessment, 1).map_err(|e| e.error)
        };
        let (submissions, _) = best(runs, || batch(&parsed))?;
        let texts: Vec<String> = subs
            .iter()
            .map(|s| serde_json::to_string(s).unwrap_or_default())
            .collect();
        let json: Vec<BatchItem> = texts.iter().map(|t| BatchItem::Json(t)).collect();
        let (json_submissions, _) = best(runs, || batch(&json))?;
        let exact: Vec<String> = rows.iter().map(|h| h.index_exact.to_string()).collect();
        Ok::<_, Error>(([columns, summary, submissions, json_submissions], exact))
    });
    let (t, exact) = timed.map_err(|e| raise(py, &e))?;
    let d = PyDict::new(py);
    for (k, v) in ["columns", "summary", "submissions", "json_submissions"]
        .iter()
        .zip(t)
    {
        d.set_item(k, v)?;
    }
    d.set_item("index_exact", exact)?;
    Ok(d)
}
