//! Headline rows: one region's figures as `score_many` and `score_frames`
//! tabulate them, read from the core's [`Summary`], and the parallel,
//! GIL-free scoring of many submissions.

use iid::{CompiledRubric, Error, InputError, Mode, Submission, Summary};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString};
use rust_decimal::Decimal;

/// One region's headline figures.
pub struct Row {
    pub code: Option<String>,
    pub name: Option<String>,
    pub methodology: String,
    pub index: Decimal,
    pub index_exact: Decimal,
    pub predicate: String,
    pub assessable: bool,
    pub spd_score: Decimal,
    pub sid_average: Decimal,
    pub innovation_count_score: Decimal,
    pub sid_score: Decimal,
    pub total_score: Decimal,
    pub divisor: u32,
    pub innovation_count: u32,
    pub yandas_count: u32,
}

impl Row {
    /// The figures of a scored matrix, as the core reports them.
    pub fn of(r: &CompiledRubric, s: &Summary, code: Option<String>, name: Option<String>) -> Row {
        Row {
            code,
            name,
            methodology: r.id().to_string(),
            index: s.index(r),
            index_exact: s.index_exact(r),
            predicate: s.predicate(r).to_string(),
            assessable: s.assessable(),
            spd_score: s.spd_score(r),
            sid_average: s.innovation_average(r),
            innovation_count_score: s.count_score(r),
            sid_score: s.sid_score(r),
            total_score: s.total_score(r),
            divisor: s.divisor,
            innovation_count: s.innovation_count,
            // The mask holds one bit per basic-service affair covered.
            yandas_count: s.basic_covered.count_ones(),
        }
    }
}

/// A submission as handed over: JSON text (parsed by the core, without
/// the GIL) or a dict already read into the core's [`Submission`].
pub enum Input {
    Text(PyBackedStr),
    Parsed(Box<Submission>),
}

impl Input {
    /// Take a str as text; read anything else (a dict) as a submission.
    pub fn from_py(obj: &Bound<'_, PyAny>) -> Result<Input, InputError> {
        if let Ok(s) = obj.cast::<PyString>() {
            return PyBackedStr::try_from(s.clone())
                .map(Input::Text)
                .map_err(|_| InputError::Json {
                    path: "$".into(),
                    message: "text is not valid Unicode (lone surrogate)".into(),
                });
        }
        crate::depythonize::submission(obj).map(|s| Input::Parsed(Box::new(s)))
    }
}

/// Something a submission can be read from.
pub trait Source: Sync {
    /// Call `f` with the parsed submission.
    fn with<T>(&self, f: impl FnOnce(&Submission) -> Result<T, Error>) -> Result<T, Error>;
}

impl Source for Input {
    fn with<T>(&self, f: impl FnOnce(&Submission) -> Result<T, Error>) -> Result<T, Error> {
        match self {
            Input::Text(t) => f(&Submission::from_json(t)?),
            Input::Parsed(s) => f(s),
        }
    }
}

impl Source for String {
    fn with<T>(&self, f: impl FnOnce(&Submission) -> Result<T, Error>) -> Result<T, Error> {
        f(&Submission::from_json(self)?)
    }
}

/// Score one submission to its row.
fn one<S: Source>(src: &S, explicit: Option<&CompiledRubric>, mode: Mode) -> Result<Row, Error> {
    src.with(|sub| {
        let r = match explicit {
            Some(r) => r,
            None => iid::resolve_rubric(sub, None)?,
        };
        let s = match mode {
            Mode::SelfAssessment => iid::prepare(r, sub)?.summary(r),
            Mode::Verified => iid::assess::assess(r, sub)?.verified.summary(r),
        };
        let (code, name) = match &sub.region {
            Some(region) => (region.code.clone(), region.name.clone()),
            None => (None, None),
        };
        Ok(Row::of(r, &s, code, name))
    })
}

/// Score every submission, on `threads` threads (0: one per core). The
/// error is the first bad submission's, with its position.
pub fn score_all<S: Source>(
    items: &[S],
    explicit: Option<&CompiledRubric>,
    mode: Mode,
    threads: usize,
) -> Result<Vec<Row>, (usize, Error)> {
    let n = items.len();
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
        t => t,
    }
    .min(n / 64 + 1);
    let run = |offset: usize, part: &[S]| -> Result<Vec<Row>, (usize, Error)> {
        part.iter()
            .enumerate()
            .map(|(k, t)| one(t, explicit, mode).map_err(|e| (offset + k, e)))
            .collect()
    };
    if threads <= 1 {
        return run(0, items);
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| scope.spawn(move || run(c * chunk, part)))
            .collect();
        let mut out = Vec::with_capacity(n);
        for h in handles {
            match h.join() {
                Ok(rows) => out.extend(rows?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Ok(out)
    })
}

/// Score a list of submissions (dicts or JSON text) as they are read: the
/// calling thread reads each one (which needs the GIL) and hands it to
/// `threads` workers (0: one per core) that parse text and score without
/// the GIL; so reading and scoring overlap, and each submission is dropped
/// once scored. The error is the first bad submission's, with its position.
pub fn score_stream(
    py: Python<'_>,
    items: &Bound<'_, pyo3::types::PyList>,
    explicit: Option<&CompiledRubric>,
    mode: Mode,
    threads: usize,
) -> Result<Vec<Row>, (usize, Error)> {
    let n = items.len();
    let workers = match threads {
        0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
        t => t,
    };
    if workers <= 1 || n < 2 {
        let mut rows = Vec::with_capacity(n);
        for (i, obj) in items.iter().enumerate() {
            let input = Input::from_py(&obj).map_err(|e| (i, Error::Input(e)))?;
            rows.push(
                py.detach(|| one(&input, explicit, mode))
                    .map_err(|e| (i, e))?,
            );
        }
        return Ok(rows);
    }
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Input)>(workers * 8);
    let rx = std::sync::Mutex::new(rx);
    // Scored submissions come back to be dropped by the thread that built
    // them (freeing memory in the allocating thread avoids contention).
    let (back_tx, back_rx) = std::sync::mpsc::channel::<Input>();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let back = back_tx.clone();
                let rx = &rx;
                scope.spawn(move || {
                    let mut out: Vec<(usize, Result<Row, Error>)> = Vec::new();
                    loop {
                        let next = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok((i, input)) = next else { break };
                        out.push((i, one(&input, explicit, mode)));
                        let _ = back.send(input);
                    }
                    out
                })
            })
            .collect();
        drop(back_tx);
        let mut first_error: Option<(usize, Error)> = None;
        for (i, obj) in items.iter().enumerate() {
            match Input::from_py(&obj) {
                Ok(input) => {
                    if tx.send((i, input)).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    first_error = Some((i, Error::Input(e)));
                    break;
                }
            }
            back_rx.try_iter().for_each(drop);
        }
        drop(tx);
        let joined = py.detach(|| handles.into_iter().map(|h| h.join()).collect::<Vec<_>>());
        back_rx.try_iter().for_each(drop);
        let mut scored: Vec<(usize, Result<Row, Error>)> = Vec::with_capacity(n);
        for j in joined {
            match j {
                Ok(part) => scored.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        scored.sort_unstable_by_key(|(i, _)| *i);
        let mut rows = Vec::with_capacity(scored.len());
        for (i, r) in scored {
            if first_error.as_ref().is_some_and(|(k, _)| *k < i) {
                break;
            }
            match r {
                Ok(row) => rows.push(row),
                Err(e) => return Err((i, e)),
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(rows),
        }
    })
}

/// `[i]` prefixed to a path inside submission i (`[3].spd.1`).
pub fn prefix_path(i: usize, path: &str) -> String {
    match path {
        "" | "$" => format!("[{i}]"),
        p if p.starts_with('[') => format!("[{i}]{p}"),
        p => format!("[{i}].{p}"),
    }
}

/// An error of the frames path as the binding reports it.
pub fn input_error(path: String, message: String) -> Error {
    Error::Input(InputError::Json { path, message })
}

/// The rows as a dict of columns: decimals as strings (the Python side
/// makes them `Decimal`s), counts as ints.
pub fn to_columns<'py>(py: Python<'py>, rows: &[Row]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    macro_rules! column {
        ($name:literal, $f:expr) => {
            d.set_item($name, rows.iter().map($f).collect::<Vec<_>>())?;
        };
    }
    column!("code", |r: &Row| r.code.clone());
    column!("name", |r: &Row| r.name.clone());
    column!("methodology", |r: &Row| r.methodology.clone());
    column!("index", |r: &Row| r.index.to_string());
    column!("index_float", |r: &Row| {
        use rust_decimal::prelude::ToPrimitive;
        r.index.to_f64().unwrap_or(f64::NAN)
    });
    column!("index_exact", |r: &Row| r.index_exact.to_string());
    column!("predicate", |r: &Row| r.predicate.clone());
    column!("assessable", |r: &Row| r.assessable);
    column!("spd_score", |r: &Row| r.spd_score.to_string());
    column!("sid_average", |r: &Row| r.sid_average.to_string());
    column!("innovation_count_score", |r: &Row| r
        .innovation_count_score
        .to_string());
    column!("sid_score", |r: &Row| r.sid_score.to_string());
    column!("total_score", |r: &Row| r.total_score.to_string());
    column!("divisor", |r: &Row| r.divisor);
    column!("innovation_count", |r: &Row| r.innovation_count);
    column!("yandas_count", |r: &Row| r.yandas_count);
    Ok(d)
}
