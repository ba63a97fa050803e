//! `iid._iid`: the native half of the Python package `iid`
//! (see `bindings/python/README.md`).
//!
//! A shim over `iid-core`: every function converts its arguments, calls the
//! core and converts the answer back (JSON text for result trees, columns
//! of plain values for tables). No scoring rule lives here; the pure-Python
//! half (`python/iid/__init__.py`) turns the answers into `Decimal`s,
//! DataFrames and HTML.
//!
//! Errors travel as the core's [`ErrorInfo`] (code, path, message, layer)
//! and are raised as `iid.InputError` or `iid.RubricError`.

use std::sync::Arc;
use std::time::Instant;

use iid_core::api::{self, ErrorInfo};
use iid_core::{builtin, CompiledRubric, Error, Submission};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::PyDict;

mod frames;
mod rows;

use frames::{Col, Dense};

/// A methodology the binding holds: an embedded one or a loaded file.
#[derive(Clone)]
enum RubricRef {
    Builtin(&'static CompiledRubric),
    Owned(Arc<CompiledRubric>),
}

impl RubricRef {
    fn get(&self) -> &CompiledRubric {
        match self {
            RubricRef::Builtin(r) => r,
            RubricRef::Owned(r) => r,
        }
    }
}

/// A compiled methodology (rubric). Built by `builtin(id)` or `parse(text)`.
#[pyclass(frozen, name = "RubricHandle", module = "iid._iid")]
struct RubricHandle {
    inner: RubricRef,
}

#[pymethods]
impl RubricHandle {
    /// The embedded methodology `id` (e.g. `"iid-2026"`).
    #[staticmethod]
    fn builtin(py: Python<'_>, id: &str) -> PyResult<RubricHandle> {
        let r = builtin::get(id).map_err(|e| raise(py, &Error::from(e)))?;
        Ok(RubricHandle {
            inner: RubricRef::Builtin(r),
        })
    }

    /// Parse and validate a rubric file given as JSON text.
    #[staticmethod]
    fn parse(py: Python<'_>, text: &str) -> PyResult<RubricHandle> {
        let r = api::load_rubric(text).map_err(|e| raise(py, &e))?;
        Ok(RubricHandle {
            inner: RubricRef::Owned(Arc::new(r)),
        })
    }

    /// Identifier, e.g. `iid-2026`.
    #[getter]
    fn id(&self) -> &str {
        self.inner.get().id()
    }

    /// Whether this is one of the embedded methodologies.
    #[getter]
    fn embedded(&self) -> bool {
        matches!(self.inner, RubricRef::Builtin(_))
    }

    /// The rubric as written (JSON text).
    fn to_json(&self) -> PyResult<String> {
        json(self.inner.get().rubric())
    }

    /// The summary `iid rubrics` lists (JSON text).
    fn info(&self) -> PyResult<String> {
        json(&api::RubricInfo::of(self.inner.get()))
    }

    /// Lint notes (published band overlaps and gaps), JSON text.
    fn lint(&self) -> PyResult<String> {
        json(&api::lint(self.inner.get()))
    }

    /// Region (SPD) indicator codes in official order.
    fn region_codes(&self) -> Vec<String> {
        let r = self.inner.get();
        (0..r.region_len())
            .map(|i| r.region_code(i).to_string())
            .collect()
    }

    /// Per-innovation (SID) indicator codes in official order.
    fn innovation_codes(&self) -> Vec<String> {
        let r = self.inner.get();
        (0..r.innovation_len())
            .map(|i| r.innovation_code(i).to_string())
            .collect()
    }

    /// Maximum region score, averaged innovation rows and count score
    /// (decimal strings).
    fn maxima(&self) -> (String, String, String) {
        let r = self.inner.get();
        (
            r.max_region_score().to_string(),
            r.max_innovation_score().to_string(),
            r.max_count_score().to_string(),
        )
    }
}

/// The Python exception for a core error: `iid.InputError` or
/// `iid.RubricError`, carrying code, path and message.
fn raise_info(py: Python<'_>, info: &ErrorInfo) -> PyErr {
    let class = if info.layer == "rubric" {
        "RubricError"
    } else {
        "InputError"
    };
    let made = py
        .import("iid._errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1((info.message.as_str(), info.code.as_str(), info.path.as_str())));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

fn raise(py: Python<'_>, e: &Error) -> PyErr {
    raise_info(py, &ErrorInfo::from(e))
}

fn json<T: serde::Serialize + ?Sized>(v: &T) -> PyResult<String> {
    serde_json::to_string(v)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("serialising: {e}")))
}

fn rubric_for<'a>(
    sub: &Submission,
    explicit: Option<&'a RubricHandle>,
) -> Result<&'a CompiledRubric, Error> {
    match explicit {
        Some(h) => Ok(h.inner.get()),
        None => iid_core::resolve_rubric(sub, None),
    }
}

/// Score one submission (JSON text): the full result as JSON text, the
/// object `iid score --json` prints.
#[pyfunction]
#[pyo3(signature = (text, rubric=None, mode="self"))]
fn score(
    py: Python<'_>,
    text: PyBackedStr,
    rubric: Option<&RubricHandle>,
    mode: &str,
) -> PyResult<String> {
    let out = py.detach(|| -> Result<String, Error> {
        let mode = api::parse_mode(mode)?;
        let sub = Submission::from_json(&text)?;
        let r = rubric_for(&sub, rubric)?;
        let result = iid_core::score_mode(r, &sub, mode)?;
        Ok(serde_json::to_string(&result).unwrap_or_default())
    });
    out.map_err(|e| raise(py, &e))
}

/// Score one submission and render the breakdown as text (`iid explain`).
#[pyfunction]
#[pyo3(signature = (text, rubric=None, mode="self"))]
fn explain(
    py: Python<'_>,
    text: PyBackedStr,
    rubric: Option<&RubricHandle>,
    mode: &str,
) -> PyResult<String> {
    let out = py.detach(|| -> Result<String, Error> {
        let mode = api::parse_mode(mode)?;
        let sub = Submission::from_json(&text)?;
        let r = rubric_for(&sub, rubric)?;
        let result = iid_core::score_mode(r, &sub, mode)?;
        Ok(iid_core::explain::render(&result))
    });
    out.map_err(|e| raise(py, &e))
}

/// Check a submission without scoring it (`iid validate`), JSON text.
#[pyfunction]
#[pyo3(signature = (text, rubric=None))]
fn validate(py: Python<'_>, text: PyBackedStr, rubric: Option<&RubricHandle>) -> PyResult<String> {
    let out = py.detach(|| -> Result<api::Validation, Error> {
        let sub = Submission::from_json(&text)?;
        let r = rubric_for(&sub, rubric)?;
        iid_core::prepare(r, &sub)?;
        Ok(api::Validation {
            valid: true,
            methodology: r.id().to_string(),
            innovation_count: sub.innovations.len(),
            region_answers: sub.spd.len(),
        })
    });
    json(&out.map_err(|e| raise(py, &e))?)
}

/// The evidence audit (`iid check`), JSON text.
#[pyfunction]
#[pyo3(signature = (text, rubric=None))]
fn check(py: Python<'_>, text: PyBackedStr, rubric: Option<&RubricHandle>) -> PyResult<String> {
    let out = py.detach(|| -> Result<String, Error> {
        let sub = Submission::from_json(&text)?;
        let r = rubric_for(&sub, rubric)?;
        let a = iid_core::assess::assess(r, &sub)?;
        let audit = iid_core::audit::audit(r, &sub, &a);
        Ok(serde_json::to_string(&audit).unwrap_or_default())
    });
    out.map_err(|e| raise(py, &e))
}

/// The embedded methodologies (`iid rubrics`), JSON text.
#[pyfunction]
fn rubrics() -> PyResult<String> {
    json(&api::rubrics())
}

/// Ids of the embedded methodologies.
#[pyfunction]
fn rubric_ids() -> Vec<&'static str> {
    builtin::ids().collect()
}

/// Score many submissions (JSON texts) to headline rows, with the GIL
/// released and the work split over `threads` threads. Returns the table
/// as a dict of columns. On a bad submission raises the error of the first
/// one, its path prefixed with `[i]`.
#[pyfunction]
#[pyo3(signature = (texts, rubric=None, mode="self", threads=0))]
fn score_many<'py>(
    py: Python<'py>,
    texts: Vec<PyBackedStr>,
    rubric: Option<&RubricHandle>,
    mode: &str,
    threads: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let mode = api::parse_mode(mode).map_err(|e| raise(py, &e))?;
    let explicit = rubric.map(|h| h.inner.clone());
    let out = py.detach(|| rows::score_texts(&texts, explicit.as_ref().map(RubricRef::get), mode, threads));
    match out {
        Ok(rows) => rows::to_columns(py, &rows),
        Err((i, e)) => {
            let mut info = ErrorInfo::from(&e);
            info.path = rows::prefix_path(i, &info.path);
            info.message = format!("submission {i}: {}", info.message);
            Err(raise_info(py, &info))
        }
    }
}

/// A numeric column handed over as (numpy dtype string, raw bytes).
type ColArg = (String, PyBackedBytes);

fn col<'a>(py: Python<'_>, name: &str, arg: &'a ColArg) -> PyResult<Col<'a>> {
    Col::new(&arg.0, &arg.1).map_err(|m| {
        raise_info(
            py,
            &ErrorInfo {
                code: "input_invalid".into(),
                path: name.to_string(),
                message: format!("{name}: {m}"),
                layer: "input".into(),
            },
        )
    })
}

/// Score region and innovation tables laid out as columns (the engine of
/// `iid.score_frames`). Every column is `(dtype, bytes)` of one numpy
/// array; `region_rubric[r]` indexes `rubrics`; `innovation_region[j]` is
/// the region row of innovation j; `innovation_affair[j]` indexes
/// `affair_values` (-1: none).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn score_columns<'py>(
    py: Python<'py>,
    rubrics: Vec<PyRef<'py, RubricHandle>>,
    region_rubric: Vec<usize>,
    region_columns: Vec<(String, ColArg)>,
    innovation_region: ColArg,
    innovation_columns: Vec<(String, ColArg)>,
    innovation_affair: ColArg,
    affair_values: Vec<Option<String>>,
) -> PyResult<Bound<'py, PyDict>> {
    let refs: Vec<&CompiledRubric> = rubrics.iter().map(|h| h.inner.get()).collect();
    let mut region_cols = Vec::with_capacity(region_columns.len());
    for (code, c) in &region_columns {
        region_cols.push((code.as_str(), col(py, &format!("regions.{code}"), c)?));
    }
    let mut innovation_cols = Vec::with_capacity(innovation_columns.len());
    for (code, c) in &innovation_columns {
        innovation_cols.push((code.as_str(), col(py, &format!("innovations.{code}"), c)?));
    }
    let dense = Dense {
        rubrics: &refs,
        region_rubric: &region_rubric,
        region_columns: region_cols,
        innovation_region: col(py, "innovations.region", &innovation_region)?,
        innovation_columns: innovation_cols,
        innovation_affair: col(py, "innovations.urusan", &innovation_affair)?,
        affair_values: &affair_values,
    };
    let out = py.detach(|| dense.score());
    match out {
        Ok(rows) => rows::to_columns(py, &rows),
        Err(e) => Err(raise(py, &e)),
    }
}

/// The synthetic national dataset of the core (`iid synth`): `regions`
/// submissions sharing `innovations` innovations, as JSON text (a list).
#[pyfunction]
#[pyo3(signature = (methodology="iid-2026", regions=548, innovations=36742, seed=2025))]
fn synthetic_national(
    py: Python<'_>,
    methodology: &str,
    regions: usize,
    innovations: usize,
    seed: u64,
) -> PyResult<String> {
    check_synthetic_size(py, regions, innovations)?;
    let r = builtin::get(methodology).map_err(|e| raise(py, &Error::from(e)))?;
    json(&iid_core::synthetic::national(r, regions, innovations, seed))
}

fn check_synthetic_size(py: Python<'_>, regions: usize, innovations: usize) -> PyResult<()> {
    if regions == 0 || innovations < regions || innovations > 10_000_000 {
        return Err(raise_info(
            py,
            &ErrorInfo {
                code: "input_invalid".into(),
                path: "regions".into(),
                message: format!(
                    "regions: need 0 < regions <= innovations <= 10000000, got {regions} and {innovations}"
                ),
                layer: "input".into(),
            },
        ));
    }
    Ok(())
}

/// Time the core on the synthetic national dataset with no Python in the
/// loop: the best of `runs` runs, in seconds, of
///
/// - `columns`: the work of `score_columns` from columns of small integers
///   (group innovations by region, `Prepared::from_levels`, `summary`,
///   headline figures), as `score_frames` does after handing its arrays over;
/// - `summary`: `Prepared::summary` alone over already-built matrices;
/// - `submissions`: parsed submissions through `prepare` and `summary` (the
///   work of `score_many` after parsing);
/// - `json_submissions`: the same from JSON text (all of `score_many`'s
///   Rust work, one thread).
///
/// Also returns every region's exact index from the `columns` run, so the
/// caller can check it against the Python side.
#[pyfunction]
#[pyo3(signature = (methodology="iid-2026", regions=548, innovations=36742, seed=2025, runs=7))]
fn time_core_national<'py>(
    py: Python<'py>,
    methodology: &str,
    regions: usize,
    innovations: usize,
    seed: u64,
    runs: usize,
) -> PyResult<Bound<'py, PyDict>> {
    check_synthetic_size(py, regions, innovations)?;
    let r = builtin::get(methodology).map_err(|e| raise(py, &Error::from(e)))?;
    let timed = py.detach(|| frames::time_national(r, regions, innovations, seed, runs.max(1)));
    let (t, exact) = timed.map_err(|e| raise(py, &e))?;
    let d = PyDict::new(py);
    d.set_item("columns", t.columns)?;
    d.set_item("summary", t.summary)?;
    d.set_item("submissions", t.submissions)?;
    d.set_item("json_submissions", t.json_submissions)?;
    d.set_item("index_exact", exact)?;
    Ok(d)
}

/// Seconds since an instant, for the timers.
fn since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

#[pymodule]
fn _iid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<RubricHandle>()?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(rubrics, m)?)?;
    m.add_function(wrap_pyfunction!(rubric_ids, m)?)?;
    m.add_function(wrap_pyfunction!(score_many, m)?)?;
    m.add_function(wrap_pyfunction!(score_columns, m)?)?;
    m.add_function(wrap_pyfunction!(synthetic_national, m)?)?;
    m.add_function(wrap_pyfunction!(time_core_national, m)?)?;
    Ok(())
}
