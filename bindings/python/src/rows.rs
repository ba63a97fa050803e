//! Headline rows: one region's figures as `score_many` and `score_frames`
//! tabulate them, read from the core's [`Summary`], and the parallel,
//! GIL-free scoring of many submissions.

use iid_core::{CompiledRubric, Error, InputError, Mode, Submission, Summary};
use pyo3::prelude::*;
use pyo3::types::PyDict;
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
    pub fn of(
        r: &CompiledRubric,
        s: &Summary,
        code: Option<String>,
        name: Option<String>,
    ) -> Row {
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

/// Score one submission (JSON text) to its row.
fn one(text: &str, explicit: Option<&CompiledRubric>, mode: Mode) -> Result<Row, Error> {
    let sub = Submission::from_json(text)?;
    let r = match explicit {
        Some(r) => r,
        None => iid_core::resolve_rubric(&sub, None)?,
    };
    let s = match mode {
        Mode::SelfAssessment => iid_core::prepare(r, &sub)?.summary(r),
        Mode::Verified => iid_core::assess::assess(r, &sub)?.verified.summary(r),
    };
    let (code, name) = match sub.region {
        Some(region) => (region.code, region.name),
        None => (None, None),
    };
    Ok(Row::of(r, &s, code, name))
}

/// Score every text, on `threads` threads (0: one per core). The error is
/// the first bad submission's, with its position.
pub fn score_texts<T: AsRef<str> + Sync>(
    texts: &[T],
    explicit: Option<&CompiledRubric>,
    mode: Mode,
    threads: usize,
) -> Result<Vec<Row>, (usize, Error)> {
    let n = texts.len();
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
        t => t,
    }
    .min(n / 64 + 1);
    let run = |offset: usize, part: &[T]| -> Result<Vec<Row>, (usize, Error)> {
        part.iter()
            .enumerate()
            .map(|(k, t)| one(t.as_ref(), explicit, mode).map_err(|e| (offset + k, e)))
            .collect()
    };
    if threads <= 1 {
        return run(0, texts);
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = texts
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
