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

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use iid::api::{self, ErrorInfo};
use iid::{builtin, CompiledRubric, Error, Submission};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyDict, PyFloat, PyList, PyString, PyTuple};

mod depythonize;
mod frames;
mod rows;

use frames::{Col, Dense, NO_AFFAIR};
use rows::{Input, Source};

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
        .and_then(|c| {
            c.call1((
                info.message.as_str(),
                info.code.as_str(),
                info.path.as_str(),
            ))
        });
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
        None => iid::resolve_rubric(sub, None),
    }
}

/// A submission argument: JSON text, or a dict read into a submission.
fn input(py: Python<'_>, submission: &Bound<'_, PyAny>) -> PyResult<Input> {
    Input::from_py(submission).map_err(|e| raise(py, &Error::Input(e)))
}

/// Score one submission (JSON text or a dict): the full result as JSON
/// text, the object `iid score --json` prints.
#[pyfunction]
#[pyo3(signature = (submission, rubric=None, mode="self"))]
fn score(
    py: Python<'_>,
    submission: &Bound<'_, PyAny>,
    rubric: Option<&RubricHandle>,
    mode: &str,
) -> PyResult<String> {
    let mode = api::parse_mode(mode).map_err(|e| raise(py, &e))?;
    let input = input(py, submission)?;
    let out = py.detach(|| {
        input.with(|sub| {
            let r = rubric_for(sub, rubric)?;
            let result = iid::score_mode(r, sub, mode)?;
            Ok(serde_json::to_string(&result).unwrap_or_default())
        })
    });
    out.map_err(|e| raise(py, &e))
}

/// Score one submission and render the breakdown as text (`iid explain`).
#[pyfunction]
#[pyo3(signature = (submission, rubric=None, mode="self"))]
fn explain(
    py: Python<'_>,
    submission: &Bound<'_, PyAny>,
    rubric: Option<&RubricHandle>,
    mode: &str,
) -> PyResult<String> {
    let mode = api::parse_mode(mode).map_err(|e| raise(py, &e))?;
    let input = input(py, submission)?;
    let out = py.detach(|| {
        input.with(|sub| {
            let r = rubric_for(sub, rubric)?;
            let result = iid::score_mode(r, sub, mode)?;
            Ok(iid::explain::render(&result))
        })
    });
    out.map_err(|e| raise(py, &e))
}

/// Check a submission without scoring it (`iid validate`), JSON text.
#[pyfunction]
#[pyo3(signature = (submission, rubric=None))]
fn validate(
    py: Python<'_>,
    submission: &Bound<'_, PyAny>,
    rubric: Option<&RubricHandle>,
) -> PyResult<String> {
    let input = input(py, submission)?;
    let out = py.detach(|| {
        input.with(|sub| {
            let r = rubric_for(sub, rubric)?;
            iid::prepare(r, sub)?;
            Ok(api::Validation {
                valid: true,
                methodology: r.id().to_string(),
                innovation_count: sub.innovations.len(),
                region_answers: sub.spd.len(),
            })
        })
    });
    json(&out.map_err(|e| raise(py, &e))?)
}

/// The evidence audit (`iid check`), JSON text.
#[pyfunction]
#[pyo3(signature = (submission, rubric=None))]
fn check(
    py: Python<'_>,
    submission: &Bound<'_, PyAny>,
    rubric: Option<&RubricHandle>,
) -> PyResult<String> {
    let input = input(py, submission)?;
    let out = py.detach(|| {
        input.with(|sub| {
            let r = rubric_for(sub, rubric)?;
            let a = iid::assess::assess(r, sub)?;
            let audit = iid::audit::audit(r, sub, &a);
            Ok(serde_json::to_string(&audit).unwrap_or_default())
        })
    });
    out.map_err(|e| raise(py, &e))
}

/// What-if (`iid whatif`): apply `changes` (a JSON list, see
/// `docs/whatif-plan.md`) and compare indicator by indicator; JSON text.
#[pyfunction]
#[pyo3(signature = (submission, changes, rubric=None))]
fn whatif(
    py: Python<'_>,
    submission: &Bound<'_, PyAny>,
    changes: PyBackedStr,
    rubric: Option<&RubricHandle>,
) -> PyResult<String> {
    let input = input(py, submission)?;
    let out = py.detach(|| {
        input.with(|sub| {
            let changes = iid::whatif::parse_changes(&changes)?;
            let r = rubric_for(sub, rubric)?;
            let w = iid::whatif::whatif(r, sub, &changes)?;
            Ok(serde_json::to_string(&w).unwrap_or_default())
        })
    });
    out.map_err(|e| raise(py, &e))
}

/// The marginal table (`iid marginal`): every one-step improvement with
/// its exact index gain, largest first; `options` is JSON text
/// (`{"template": {...}}`) or None. JSON text.
#[pyfunction]
#[pyo3(signature = (submission, options=None, rubric=None))]
fn marginal(
    py: Python<'_>,
    submission: &Bound<'_, PyAny>,
    options: Option<PyBackedStr>,
    rubric: Option<&RubricHandle>,
) -> PyResult<String> {
    let input = input(py, submission)?;
    let out = py.detach(|| {
        input.with(|sub| {
            let options = match &options {
                Some(text) => iid::plan::MarginalOptions::from_json(text)?,
                None => Default::default(),
            };
            let r = rubric_for(sub, rubric)?;
            let m = iid::marginal::marginal(r, sub, &options)?;
            Ok(serde_json::to_string(&m).unwrap_or_default())
        })
    });
    out.map_err(|e| raise(py, &e))
}

/// The cheapest plan to a target (`iid plan`); `options` is JSON text
/// (`{"target": "Sangat Inovatif", "allow_new_innovations": false,
/// "costs": {...}}`). JSON text.
#[pyfunction]
#[pyo3(signature = (submission, options, rubric=None))]
fn plan(
    py: Python<'_>,
    submission: &Bound<'_, PyAny>,
    options: PyBackedStr,
    rubric: Option<&RubricHandle>,
) -> PyResult<String> {
    let input = input(py, submission)?;
    let out = py.detach(|| {
        input.with(|sub| {
            let options = iid::plan::PlanOptions::from_json(&options)?;
            let r = rubric_for(sub, rubric)?;
            let p = iid::plan::plan(r, sub, &options)?;
            Ok(serde_json::to_string(&p).unwrap_or_default())
        })
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

/// Score many submissions (JSON texts or dicts) to headline rows. Each
/// submission is read while holding the GIL and handed to `threads` worker
/// threads (0: one per core) that parse text and score with the GIL
/// released. Returns the table as a dict of columns. On a bad submission
/// raises the error of the first one, its path prefixed with `[i]`.
#[pyfunction]
#[pyo3(signature = (submissions, rubric=None, mode="self", threads=0))]
fn score_many<'py>(
    py: Python<'py>,
    submissions: &Bound<'py, PyList>,
    rubric: Option<&RubricHandle>,
    mode: &str,
    threads: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let mode = api::parse_mode(mode).map_err(|e| raise(py, &e))?;
    let fail = |i: usize, e: &Error| {
        let mut info = ErrorInfo::from(e);
        info.path = rows::prefix_path(i, &info.path);
        info.message = format!("submission {i}: {}", info.message);
        raise_info(py, &info)
    };
    let explicit = rubric.map(|h| h.inner.clone());
    let out = rows::score_stream(
        py,
        submissions,
        explicit.as_ref().map(RubricRef::get),
        mode,
        threads,
    );
    match out {
        Ok(rows) => rows::to_columns(py, &rows),
        Err((i, e)) => Err(fail(i, &e)),
    }
}

/// A numeric column handed over as (numpy dtype string, raw bytes).
type ColArg = (String, PyBackedBytes);

fn col<'a>(py: Python<'_>, name: &str, arg: &'a ColArg) -> PyResult<Col<'a>> {
    Col::new(&arg.0, &arg.1).map_err(|m| input_error(py, "input_invalid", name, m))
}

fn input_error(py: Python<'_>, code: &str, path: &str, message: String) -> PyErr {
    raise_info(
        py,
        &ErrorInfo {
            code: code.into(),
            path: path.into(),
            message: format!("{path}: {message}"),
            layer: "input".into(),
        },
    )
}

fn shown(item: &Bound<'_, PyAny>) -> String {
    item.repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// Level columns: a list of `(code, (dtype, bytes))`, or one matrix
/// `(codes, (dtype, bytes))` holding the columns one after another (a
/// DataFrame block's layout).
fn level_columns<'a>(
    py: Python<'_>,
    table: &str,
    arg: &'a Bound<'_, PyAny>,
    store: &'a mut Vec<(String, ColArg)>,
    matrix: &'a mut Option<(Vec<String>, ColArg)>,
) -> PyResult<Vec<(&'a str, Col<'a>)>> {
    if arg.cast::<PyTuple>().is_ok() {
        let m = matrix.insert(arg.extract::<(Vec<String>, ColArg)>()?);
        let whole = col(py, table, &m.1)?;
        let k = m.0.len();
        let n = whole.len().checked_div(k).unwrap_or(0);
        if n * k != whole.len() {
            return Err(input_error(
                py,
                "input_invalid",
                table,
                format!("{} values do not fill {k} columns", whole.len()),
            ));
        }
        return Ok(m
            .0
            .iter()
            .enumerate()
            .map(|(i, code)| (code.as_str(), whole.slice(i * n, n)))
            .collect());
    }
    *store = arg.extract()?;
    store
        .iter()
        .map(|(code, c)| Ok((code.as_str(), col(py, &format!("{table}.{code}"), c)?)))
        .collect()
}

/// A text column: one Python object per row (a list), or pandas
/// categorical codes (`(dtype, bytes)`, -1 for missing) with the categories.
enum Keyed<'py> {
    Cells(Bound<'py, PyList>),
    Codes(ColArg, Option<Bound<'py, PyList>>),
}

fn keyed<'py>(arg: &Bound<'py, PyAny>) -> PyResult<Keyed<'py>> {
    if let Ok(list) = arg.cast::<PyList>() {
        return Ok(Keyed::Cells(list.clone()));
    }
    let (codes, categories): (ColArg, Option<Bound<'py, PyList>>) = arg.extract()?;
    Ok(Keyed::Codes(codes, categories))
}

/// Walk a text column: `f(row, value)` for every row, called once per
/// distinct object (per category for categorical codes) and reused for
/// the rows that repeat it.
fn each_key<T: Copy>(
    py: Python<'_>,
    name: &str,
    column: &Keyed<'_>,
    mut f: impl FnMut(usize, Option<&Bound<'_, PyAny>>) -> PyResult<T>,
) -> PyResult<Vec<T>> {
    match column {
        Keyed::Cells(list) => {
            let mut out = Vec::with_capacity(list.len());
            let mut last: Option<(*mut pyo3::ffi::PyObject, T)> = None;
            for (j, item) in list.iter().enumerate() {
                // Rows of one region (or one affair) often share one object.
                match last {
                    Some((p, v)) if p == item.as_ptr() => out.push(v),
                    _ => {
                        let v = f(j, Some(&item))?;
                        last = Some((item.as_ptr(), v));
                        out.push(v);
                    }
                }
            }
            Ok(out)
        }
        Keyed::Codes(codes, categories) => {
            let c = col(py, name, codes)?;
            let Some(ints) = c.integers() else {
                return Err(input_error(
                    py,
                    "input_invalid",
                    name,
                    "category codes must be integers".into(),
                ));
            };
            let cats = categories.as_ref();
            let n_cats = cats.map_or(0, |l| l.len());
            let mut seen: Vec<Option<T>> = vec![None; n_cats];
            let mut missing: Option<T> = None;
            let mut out = Vec::with_capacity(ints.len());
            for (j, &x) in ints.iter().enumerate() {
                let code = u64::try_from(x).ok();
                let v = match code {
                    None => match missing {
                        Some(v) => v,
                        None => *missing.insert(f(j, None)?),
                    },
                    Some(k) if (k as usize) < n_cats => match seen[k as usize] {
                        Some(v) => v,
                        None => {
                            let item = cats.map(|l| l.get_item(k as usize)).transpose()?;
                            *seen[k as usize].insert(f(j, item.as_ref())?)
                        }
                    },
                    Some(_) => {
                        return Err(input_error(
                            py,
                            "input_invalid",
                            name,
                            format!("category code out of range in row {j}"),
                        ))
                    }
                };
                out.push(v);
            }
            Ok(out)
        }
    }
}

/// Each innovation's region row: by looking its region code up among
/// `region_keys` (the regions' codes, text), or, without keys, from row
/// positions.
fn region_positions(
    py: Python<'_>,
    region_keys: Option<Vec<PyBackedStr>>,
    innovation_region: &Bound<'_, PyAny>,
    n_regions: usize,
) -> PyResult<Vec<u32>> {
    let column = keyed(innovation_region)?;
    let not_found = |j: usize, item: Option<&Bound<'_, PyAny>>| {
        input_error(
            py,
            "input_invalid",
            &format!("innovations[{j}].region"),
            match item {
                Some(item) => format!("{} is not a code in regions.code", shown(item)),
                None => "missing".into(),
            },
        )
    };
    let Some(keys) = region_keys else {
        // Without keys the codes are the region rows themselves.
        let Keyed::Codes(codes, None) = &column else {
            return Err(input_error(
                py,
                "input_invalid",
                "innovations.region",
                "row positions expected".into(),
            ));
        };
        let c = col(py, "innovations.region", codes)?;
        return (0..c.len())
            .map(|j| match c.get(j) {
                frames::Value::Int(x) if x >= 0 && (x as u64) < n_regions as u64 => Ok(x as u32),
                frames::Value::UInt(x) if x < n_regions as u64 => Ok(x as u32),
                _ => Err(not_found(j, None)),
            })
            .collect();
    };
    let mut index: HashMap<&str, u32> = HashMap::with_capacity(keys.len());
    for (r, k) in keys.iter().enumerate() {
        if index.insert(k, r as u32).is_some() {
            return Err(input_error(
                py,
                "input_invalid",
                &format!("regions[{r}].code"),
                format!("duplicate region code {:?}", &**k),
            ));
        }
    }
    each_key(py, "innovations.region", &column, |j, item| {
        let key = item
            .and_then(|i| i.cast::<PyString>().ok())
            .and_then(|s| s.to_str().ok().and_then(|k| index.get(k).copied()));
        key.ok_or_else(|| not_found(j, item))
    })
}

/// Each innovation's affair as an index into the distinct spellings
/// (`NO_AFFAIR` for None or NaN), and the spellings.
fn affair_codes(
    py: Python<'_>,
    urusan: Option<&Bound<'_, PyAny>>,
    n: usize,
) -> PyResult<(Vec<u32>, Vec<String>)> {
    let Some(urusan) = urusan else {
        return Ok((vec![NO_AFFAIR; n], Vec::new()));
    };
    let column = keyed(urusan)?;
    let mut values: Vec<String> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let codes = each_key(py, "innovations.urusan", &column, |j, item| {
        let Some(item) = item else {
            return Ok(NO_AFFAIR);
        };
        if item.is_none() {
            return Ok(NO_AFFAIR);
        }
        if let Ok(f) = item.cast::<PyFloat>() {
            if f.value().is_nan() {
                return Ok(NO_AFFAIR);
            }
        }
        let s = item.cast::<PyString>().ok().and_then(|s| s.to_str().ok());
        let Some(s) = s else {
            return Err(input_error(
                py,
                "input_json",
                &format!("innovations[{j}].urusan"),
                format!("{} is not an affair code", shown(item)),
            ));
        };
        Ok(match index.get(s) {
            Some(&a) => a,
            None => {
                let a = values.len() as u32;
                values.push(s.to_string());
                index.insert(s.to_string(), a);
                a
            }
        })
    })?;
    Ok((codes, values))
}

/// Score region and innovation tables laid out as columns (the engine of
/// `iid.score_frames`). Level columns come as one matrix `(codes, (dtype,
/// bytes))` (a DataFrame block) or a list of `(code, (dtype, bytes))`;
/// `region_rubric[r]` indexes `rubrics`. An innovation's region is a text
/// column (a list, or categorical `((dtype, bytes), categories)`) looked
/// up in `region_keys` (the regions' codes), or, when `region_keys` is
/// None, `((dtype, bytes), None)` row positions. `urusan` is a text column
/// of affairs (None or NaN: none), or None when the table has no column.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (rubrics, region_rubric, region_columns, region_keys, innovation_region, innovation_columns, urusan, n_innovations))]
fn score_columns<'py>(
    py: Python<'py>,
    rubrics: Vec<PyRef<'py, RubricHandle>>,
    region_rubric: Vec<usize>,
    region_columns: &Bound<'py, PyAny>,
    region_keys: Option<Vec<PyBackedStr>>,
    innovation_region: &Bound<'py, PyAny>,
    innovation_columns: &Bound<'py, PyAny>,
    urusan: Option<&Bound<'py, PyAny>>,
    n_innovations: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let refs: Vec<&CompiledRubric> = rubrics.iter().map(|h| h.inner.get()).collect();
    let positions = region_positions(py, region_keys, innovation_region, region_rubric.len())?;
    if positions.len() != n_innovations {
        return Err(input_error(
            py,
            "input_invalid",
            "innovations.region",
            format!(
                "column has {} rows, innovations has {n_innovations}",
                positions.len()
            ),
        ));
    }
    let (affairs, affair_values) = affair_codes(py, urusan, n_innovations)?;
    let (mut rs, mut rm, mut is, mut im) = (Vec::new(), None, Vec::new(), None);
    let region_cols = level_columns(py, "regions", region_columns, &mut rs, &mut rm)?;
    let innovation_cols = level_columns(py, "innovations", innovation_columns, &mut is, &mut im)?;
    let dense = Dense {
        rubrics: &refs,
        region_rubric: &region_rubric,
        region_columns: region_cols,
        innovation_region: &positions,
        innovation_columns: innovation_cols,
        innovation_affair: &affairs,
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
    json(&iid::synthetic::national(r, regions, innovations, seed))
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
    m.add_function(wrap_pyfunction!(whatif, m)?)?;
    m.add_function(wrap_pyfunction!(marginal, m)?)?;
    m.add_function(wrap_pyfunction!(plan, m)?)?;
    m.add_function(wrap_pyfunction!(rubrics, m)?)?;
    m.add_function(wrap_pyfunction!(rubric_ids, m)?)?;
    m.add_function(wrap_pyfunction!(score_many, m)?)?;
    m.add_function(wrap_pyfunction!(score_columns, m)?)?;
    m.add_function(wrap_pyfunction!(synthetic_national, m)?)?;
    m.add_function(wrap_pyfunction!(time_core_national, m)?)?;
    Ok(())
}
