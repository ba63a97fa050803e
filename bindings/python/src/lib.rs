//! `iid._iid`, the native half of the Python package `iid`: a shim over the core's `api` and `table` modules: every function
//! converts its arguments (dicts through `pythonize`, arrays through
//! `numpy`), calls the core and converts the answer back (JSON text for
//! result trees, columns for tables). No scoring, grouping or validation
//! lives here; the pure-Python half (`python/iid/`) turns the answers
//! into `Decimal`s, DataFrames and HTML.
//!
//! Errors travel as the core's [`ErrorInfo`] (code, path, message, layer)
//! and are raised as `iid.InputError` or `iid.RubricError` by layer.

use std::sync::Arc;

use iid::api::{self, ErrorInfo, Operation};
use iid::model::builtin;
use iid::table::{self, BatchItem, Headline, HeadlineColumns};
use iid::{CompiledRubric, Error, InputError, Layer, Mode, Submission};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

#[cfg(feature = "bench")]
mod bench;
mod frames;
mod quick;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A compiled methodology (rubric), shared with every call it is passed
/// to. Built by `builtin(id)` or `parse(text)`.
#[pyclass(frozen, name = "RubricHandle", module = "iid._iid")]
struct RubricHandle {
    rubric: Arc<CompiledRubric>,
    embedded: bool,
}

#[pymethods]
impl RubricHandle {
    /// The embedded methodology `id` (e.g. `"iid-2026"`).
    #[staticmethod]
    fn builtin(py: Python<'_>, id: &str) -> PyResult<RubricHandle> {
        let r = builtin::get(id).map_err(|e| raise(py, &e.into()))?;
        Ok(RubricHandle {
            rubric: Arc::new(r.clone()),
            embedded: true,
        })
    }

    /// Parse and validate a rubric file given as JSON text.
    #[staticmethod]
    fn parse(py: Python<'_>, text: &str) -> PyResult<RubricHandle> {
        let r = api::load_rubric(text).map_err(|e| raise(py, &e))?;
        Ok(RubricHandle {
            rubric: Arc::new(r),
            embedded: false,
        })
    }

    /// Identifier, e.g. `iid-2026`.
    #[getter]
    fn id(&self) -> &str {
        self.rubric.id()
    }

    /// Whether this is one of the embedded methodologies.
    #[getter]
    fn embedded(&self) -> bool {
        self.embedded
    }

    /// The rubric as written (JSON text).
    fn to_json(&self) -> PyResult<String> {
        json(self.rubric.rubric())
    }

    /// The summary `iid rubrics` lists.
    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &api::RubricInfo::of(&self.rubric))
    }

    /// Lint notes (published band overlaps and gaps).
    fn lint<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &api::lint(&self.rubric))
    }

    /// Region (SPD) and per-innovation (SID) indicator codes, each in official order.
    fn codes(&self) -> (Vec<&str>, Vec<&str>) {
        let r = &self.rubric;
        let region = (0..r.region_len()).map(|i| r.region_code(i));
        let innovation = (0..r.innovation_len()).map(|i| r.innovation_code(i));
        (region.collect(), innovation.collect())
    }

    /// Each indicator's aspect code and scope (`region` or `innovation`),
    /// in the file's order, as the compiled rubric places it.
    fn indicator_aspects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let n = self.rubric.rubric().indicators.len();
        let places: Vec<_> = (0..n)
            .map(|i| self.rubric.indicator_aspect(i).map(|a| (&a.code, a.scope)))
            .collect();
        to_py(py, &places)
    }

    /// Maximum region score, averaged innovation rows and count score
    /// (decimal strings).
    fn maxima(&self) -> (String, String, String) {
        let r = &self.rubric;
        (
            r.max_region_score().to_string(),
            r.max_innovation_score().to_string(),
            r.max_count_score().to_string(),
        )
    }
}

/// The Python exception for a core error, by its layer.
fn raise_info(py: Python<'_>, info: &ErrorInfo) -> PyErr {
    static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let class = match info.layer {
        Layer::Rubric => "RubricError",
        Layer::Input => "InputError",
    };
    let made = ERRORS
        .get_or_try_init(py, || py.import("iid._errors").map(Bound::unbind))
        .and_then(|m| m.bind(py).getattr(class))
        .and_then(|c| c.call1((&*info.message, &*info.code, &*info.path)));
    made.map_or_else(|e| e, PyErr::from_value)
}

fn raise(py: Python<'_>, e: &Error) -> PyErr {
    raise_info(py, &ErrorInfo::from(e))
}

fn json<T: serde::Serialize + ?Sized>(v: &T) -> PyResult<String> {
    serde_json::to_string(v)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("serialising: {e}")))
}

fn to_py<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, v)?)
}

/// A submission as handed over: JSON text (parsed by the core without
/// the GIL), a dict read into the core's [`Submission`], or a plain dict
/// read straight into its headline row by the core's quick path (when
/// reading for a batch).
enum Input {
    Text(PyBackedStr),
    Parsed(Submission),
    Row(table::Headline),
}

impl Input {
    /// Read `obj`; with `quick`, a plain dict goes into its row.
    fn read(
        obj: &Bound<'_, PyAny>,
        quick: Option<(Option<&CompiledRubric>, Mode)>,
    ) -> Result<Input, Error> {
        if let Ok(s) = obj.cast::<PyString>() {
            return PyBackedStr::try_from(s.clone())
                .map(Input::Text)
                .map_err(|_| {
                    Error::Input(InputError::Json {
                        path: "$".into(),
                        message: "text is not valid Unicode (lone surrogate)".into(),
                    })
                });
        }
        if let Some((rubric, mode)) = quick {
            if let Some(row) = table::read_headline(quick::Obj(obj), rubric, mode) {
                return Ok(Input::Row(row));
            }
        }
        submission(obj).map(Input::Parsed)
    }

    /// The submission read (text parsed), outside the quick path.
    fn submission(self) -> Result<Submission, Error> {
        match self {
            Input::Text(t) => Ok(Submission::from_json(&t)?),
            Input::Parsed(s) => Ok(s),
            Input::Row(_) => Err(Error::Input(InputError::Invalid {
                path: "$".into(),
                message: "read for a batch row only".into(),
            })),
        }
    }

    fn item(&self) -> BatchItem<'_> {
        match self {
            Input::Text(t) => BatchItem::Json(t),
            Input::Parsed(s) => BatchItem::Parsed(s),
            Input::Row(h) => BatchItem::Row(h),
        }
    }
}

/// Read a dict (any mapping) as a submission through the core's own
/// `Deserialize` (every check, every message), naming the path of a bad
/// field. Values JSON has no type for (numpy scalars, `Decimal`) are
/// converted by `iid._convert.plain` and read again.
fn submission(obj: &Bound<'_, PyAny>) -> Result<Submission, Error> {
    let read = |o: &Bound<'_, PyAny>| {
        let mut de = pythonize::Depythonizer::from_object(o);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            // A key that is not text has no name: the path stops at its map.
            let path = e
                .path()
                .to_string()
                .trim_end_matches('?')
                .trim_end_matches('.')
                .to_string();
            let path = if path.is_empty() { "$".into() } else { path };
            let message = e.into_inner().to_string();
            InputError::Json { path, message }
        })
    };
    let first = match read(obj) {
        Ok(s) => return Ok(s),
        Err(e) => e,
    };
    static PLAIN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = obj.py();
    let plain = PLAIN
        .import(py, "iid._convert", "plain")
        .and_then(|f| f.call1((obj,)));
    match plain {
        Ok(converted) if !converted.is(obj) => read(&converted).map_err(Error::Input),
        _ => Err(Error::Input(first)),
    }
}

/// Answer an operation (`score`, `explain`, `check`, `validate`,
/// `whatif`, `apply`, `marginal`, `plan`) on a submission (JSON text or a
/// dict) with options (a JSON object as text: `mode`, `changes`,
/// `target`, ...), against `rubric` or the methodology the submission
/// names. The answer as JSON text.
#[pyfunction]
#[pyo3(signature = (operation, submission, options=None, rubric=None))]
fn call(
    py: Python<'_>,
    operation: &str,
    submission: &Bound<'_, PyAny>,
    options: Option<PyBackedStr>,
    rubric: Option<&RubricHandle>,
) -> PyResult<String> {
    let op: Operation = operation.parse().map_err(|e| raise(py, &e))?;
    let (options, compiled) = (options.as_deref(), rubric.map(|h| &h.rubric));
    if let Ok(bytes) = submission.cast::<PyBytes>() {
        // File bytes, JSON or a workbook (.xlsx): errors at sheet and cell.
        let bytes = bytes.as_bytes().to_vec();
        let answer = py.detach(|| api::call_bytes(op, &bytes, options, compiled));
        return Ok(answer.map_err(|e| raise(py, &e))?.to_json());
    }
    let input = Input::read(submission, None).map_err(|e| raise(py, &e))?;
    let answer = py.detach(|| match input {
        Input::Text(t) => api::call_parts(op, &t, options, compiled),
        Input::Parsed(s) => api::call_submission(op, s, options, compiled),
        Input::Row(_) => unreachable!("read without the quick path"),
    });
    Ok(answer.map_err(|e| raise(py, &e))?.to_json())
}

/// The submission of a workbook (.xlsx bytes), as JSON text; a bad cell
/// raises with its sheet and cell as the path.
#[pyfunction]
fn read_workbook(py: Python<'_>, data: &[u8]) -> PyResult<String> {
    let loaded = iid::io::read_submission(data).map_err(|e| raise(py, &e.into()))?;
    Ok(loaded.submission.to_json_pretty())
}

/// A submission (JSON text or a dict; `None` for the empty template) laid
/// out in the workbook of `rubric` (default: the methodology it names).
#[pyfunction]
#[pyo3(signature = (submission=None, rubric=None))]
fn write_workbook<'py>(
    py: Python<'py>,
    submission: Option<&Bound<'py, PyAny>>,
    rubric: Option<&RubricHandle>,
) -> PyResult<Bound<'py, PyBytes>> {
    let fail = |e: Error| raise(py, &e);
    let bytes = match submission {
        None => {
            let current = || builtin::current().map_err(|e| fail(e.into()));
            let r = match rubric {
                Some(h) => h.rubric.as_ref(),
                None => current()?,
            };
            iid::io::workbook::template(r).map_err(|e| fail(e.into()))?
        }
        Some(obj) => {
            let sub = Input::read(obj, None)
                .and_then(Input::submission)
                .map_err(fail)?;
            let arg = rubric.map(|h| api::RubricArg::Compiled(h.rubric.clone()));
            let r = api::resolve_rubric(arg.as_ref(), &sub).map_err(fail)?;
            iid::io::workbook::write(&r, &sub).map_err(|e| fail(e.into()))?
        }
    };
    Ok(PyBytes::new(py, &bytes))
}

/// Answer any operation given as one call document (JSON text): the
/// generic entry point of `api::call_json`, behind the Python functions of
/// operations that take more than one submission.
#[pyfunction]
fn call_json(py: Python<'_>, operation: &str, call: PyBackedStr) -> PyResult<String> {
    let op: Operation = operation.parse().map_err(|e| raise(py, &e))?;
    let answer = py.detach(|| api::call_json(op, &call));
    Ok(answer.map_err(|e| raise(py, &e))?.to_json())
}

/// The embedded catalogs as JSON text (`api::catalog_json`): `rubrics`, `awards`, `award` by id.
#[pyfunction]
#[pyo3(signature = (what, id=None))]
fn catalog_json(py: Python<'_>, what: &str, id: Option<&str>) -> PyResult<String> {
    api::catalog_json(what, id).map_err(|e| raise(py, &e))
}

/// Headline rows as the DataFrame's columns: numbers as the core's blocks `(names, values
/// column after column)` (`_tables._frame`), exact figures as `Decimal`s made from the core's
/// text, one per distinct figure (`table::distinct`); methodology and predicate as object
/// arrays, a text repeated from the row before the same `str`. `keys`: with `code` and `name`
/// (`score_frames` takes them from its own table).
fn columns<'py>(py: Python<'py>, rows: Vec<Headline>, keys: bool) -> PyResult<Bound<'py, PyAny>> {
    let (mut c, d): (HeadlineColumns, _) = (rows.into_iter().collect(), PyDict::new(py));
    // `Decimal`s made as `iid._tables.decimal_of_text` says (a context's `create_decimal`).
    static DECIMAL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let decimal = DECIMAL.import(py, "iid._tables", "decimal_of_text")?;
    let ((names, v), (counts, ints)) = (c.take_decimal_block(), c.take_count_block());
    let (values, at) = table::distinct(&v);
    // One argument tuple for all calls while no callee keeps it (count 1): a tuple per figure
    // took 1.04 against 0.99 ms a national call (medians of 12 rounds, one process).
    let (mut args, mut objs) = (PyTuple::new(py, [py.None()])?, Vec::new());
    for x in &values {
        if args.get_refcnt() != 1 {
            args = PyTuple::new(py, [py.None()])?;
        }
        // SAFETY: GIL held, `args` referenced only here: SetItem takes the text, drops the old item.
        unsafe { pyo3::ffi::PyTuple_SetItem(args.as_ptr(), 0, text(py, x)?.into_ptr()) };
        objs.push(decimal.call1(&args)?);
    }
    let cells = at.iter().map(|&k| objs[k as usize].clone().unbind());
    let blocks = (
        (names, PyArray1::from_vec(py, cells.collect())),
        (counts, PyArray1::from_vec(py, ints)),
        (["index_float"], PyArray1::from_slice(py, &c.index_float)),
        (["assessable"], PyArray1::from_slice(py, &c.assessable)),
    );
    d.set_item("blocks", blocks)?;
    if keys {
        d.set_item("code", &c.code)?;
        d.set_item("name", &c.name)?;
    }
    for (key, v) in [("methodology", &c.methodology), ("predicate", &c.predicate)] {
        let (mut last, new) = (None, |t| PyString::new(py, t).into_any().unbind());
        let cells = v.iter().map(|t: &String| match &last {
            Some((p, s)) if *p == t => Py::clone_ref(s, py),
            _ => last.insert((t, new(t))).1.clone_ref(py),
        });
        d.set_item(key, PyArray1::from_vec(py, cells.collect()))?;
    }
    Ok(d.into_any())
}

/// A figure's text as a `str` made by CPython from the core's ASCII bytes (which it checks as
/// it copies them: checking them first for a `&str` took 6 ns a figure).
fn text<'py>(py: Python<'py>, x: &rust_decimal::Decimal) -> PyResult<Bound<'py, PyAny>> {
    let t = table::DecimalText::new(x);
    let (b, len) = (t.as_bytes(), t.as_bytes().len() as pyo3::ffi::Py_ssize_t);
    // SAFETY: the GIL is held, `b` is valid for `len` bytes and CPython copies them.
    let s = unsafe { pyo3::ffi::PyUnicode_FromStringAndSize(b.as_ptr().cast(), len) };
    // SAFETY: `s` is a new reference, or null with the exception set.
    unsafe { Bound::from_owned_ptr_or_err(py, s) }
}

/// Score many submissions (JSON texts or dicts) to headline rows, on
/// `threads` threads (0: one per core) with the GIL released; the dict of
/// columns. On a bad submission raises the error of the first one, its
/// path prefixed with `[i]`.
#[pyfunction]
#[pyo3(signature = (submissions, rubric=None, mode="self", threads=0))]
fn score_many<'py>(
    py: Python<'py>,
    submissions: &Bound<'py, PyList>,
    rubric: Option<&RubricHandle>,
    mode: &str,
    threads: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let mode = api::parse_mode(mode).map_err(|e| raise(py, &e))?;
    let compiled = rubric.map(|h| h.rubric.as_ref());
    let (inputs, unread) = read_all(submissions, Some((compiled, mode)));
    let rows = py.detach(|| {
        let items: Vec<BatchItem> = inputs.iter().map(Input::item).collect();
        table::score_batch(&items, compiled, mode, threads)
    });
    // The first bad submission: one the batch scored, or the one unread.
    match (rows, unread) {
        (Err(e), _) | (Ok(_), Some(e)) => Err(raise_info(py, &ErrorInfo::from(&e))),
        (Ok(rows), None) => columns(py, rows, true),
    }
}

/// Read a list of submissions up to the first that cannot be read.
fn read_all(
    list: &Bound<'_, PyList>,
    quick: Option<(Option<&CompiledRubric>, Mode)>,
) -> (Vec<Input>, Option<table::BatchError>) {
    let mut inputs = Vec::with_capacity(list.len());
    for (index, obj) in list.iter().enumerate() {
        match Input::read(&obj, quick) {
            Ok(input) => inputs.push(input),
            Err(error) => return (inputs, Some(table::BatchError { index, error })),
        }
    }
    (inputs, None)
}

/// Lay submissions (JSON texts or dicts) out as the two tables: a dict
/// `{"regions": {...}, "innovations": {...}}` of columns, levels as
/// `(code, uint8 array)` pairs.
#[pyfunction]
fn to_tables<'py>(
    py: Python<'py>,
    submissions: &Bound<'py, PyList>,
) -> PyResult<Bound<'py, PyDict>> {
    let fail = |e: table::BatchError| raise_info(py, &ErrorInfo::from(&e));
    let (inputs, unread) = read_all(submissions, None);
    let subs = inputs
        .into_iter()
        .enumerate()
        .map(|(index, input)| {
            input
                .submission()
                .map_err(|error| table::BatchError { index, error })
        })
        .collect::<Result<Vec<Submission>, _>>()
        .map_err(fail)?;
    if let Some(e) = unread {
        return Err(fail(e));
    }
    let mut t = table::to_tables(&subs).map_err(|e| raise(py, &e.into()))?;
    let arrays = |cols: Vec<(String, Vec<u8>)>| -> Vec<_> {
        cols.into_iter()
            .map(|(c, v)| (c, PyArray1::from_vec(py, v)))
            .collect()
    };
    let out = PyDict::new(py);
    let levels = std::mem::take(&mut t.regions.levels);
    let regions = to_py(py, &t.regions)?;
    regions.set_item("levels", arrays(levels))?;
    out.set_item("regions", regions)?;
    let levels = std::mem::take(&mut t.innovations.levels);
    let innovations = to_py(py, &t.innovations)?;
    innovations.set_item("levels", arrays(levels))?;
    out.set_item("innovations", innovations)?;
    Ok(out)
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
    let r = synthetic_rubric(py, methodology, regions, innovations)?;
    json(&iid::synthetic::national(r, regions, innovations, seed))
}

/// The embedded rubric of a synthetic dataset, its size checked.
fn synthetic_rubric(
    py: Python<'_>,
    methodology: &str,
    regions: usize,
    innovations: usize,
) -> PyResult<&'static CompiledRubric> {
    iid::synthetic::sized_rubric(methodology, regions, innovations).map_err(|e| raise(py, &e))
}

#[pymodule]
fn _iid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<RubricHandle>()?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(call_json, m)?)?;
    m.add_function(wrap_pyfunction!(read_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(write_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_json, m)?)?;
    m.add_function(wrap_pyfunction!(score_many, m)?)?;
    m.add_function(wrap_pyfunction!(frames::score_frames, m)?)?;
    m.add_function(wrap_pyfunction!(frames::rank_frames, m)?)?;
    m.add_function(wrap_pyfunction!(to_tables, m)?)?;
    m.add_function(wrap_pyfunction!(synthetic_national, m)?)?;
    #[cfg(feature = "bench")]
    m.add_function(wrap_pyfunction!(bench::time_core_national, m)?)?;
    Ok(())
}
