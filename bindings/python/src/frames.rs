//! The columnar path of `iid.score_frames`: a pandas table handed over as
//! its labels and column arrays (numpy arrays, categoricals, extension
//! arrays), read by the core's [`table::read`] through [`TableSource`]:
//! only the columns scoring needs are converted, by numpy's own types.

use std::borrow::Cow;
use std::collections::hash_map::{Entry, HashMap};

use iid::table::{self, Codes, Key, KeyColumn, LevelColumn, TableSource, Unreadable};
use numpy::{
    PyArray1, PyArrayDescrMethods, PyArrayMethods, PyReadonlyArray1, PyUntypedArray,
    PyUntypedArrayMethods,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

use crate::{columns, raise, RubricHandle};

/// One table: its number of rows, column labels and column arrays, the
/// `uint8` ones borrowed read-only (levels as `to_frames` lays them out).
pub struct Frame<'py> {
    rows: usize,
    labels: Vec<Bound<'py, PyAny>>,
    columns: Vec<Bound<'py, PyAny>>,
    bytes: Vec<Option<PyReadonlyArray1<'py, u8>>>,
}

fn shown(obj: &Bound<'_, PyAny>) -> String {
    obj.repr().map_or_else(|_| "?".into(), |r| r.to_string())
}

const NOT_TEXT: &str = "text is not valid Unicode (lone surrogate)";
const NOT_CODE: &str = "is not a code (text or a whole number)";

/// A column as a numpy array: itself, or the values of an extension array
/// (pandas nullable, string or Arrow columns) as objects.
fn array<'py>(col: &Bound<'py, PyAny>) -> Result<Bound<'py, PyUntypedArray>, Unreadable> {
    if let Ok(a) = col.cast::<PyUntypedArray>() {
        return Ok(a.clone());
    }
    static ASARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    ASARRAY
        .import(col.py(), "numpy", "asarray")
        .and_then(|f| f.call1((col, "object")))
        .and_then(|a| Ok(a.cast_into::<PyUntypedArray>()?))
        .map_err(|e| Unreadable::column(format!("cannot read the column: {e}")))
}

/// The elements of a one-dimensional numpy array of type `T`, if it is one.
fn typed<T: numpy::Element + Copy>(a: &Bound<'_, PyUntypedArray>) -> Option<Vec<T>> {
    let a = a.cast::<PyArray1<T>>().ok()?;
    Some(
        a.to_vec()
            .unwrap_or_else(|_| a.readonly().as_array().to_vec()),
    )
}

/// A numeric array cast by numpy to `to` (`int64`, `float64`).
fn cast<'py>(a: &Bound<'py, PyUntypedArray>, to: &str) -> Option<Bound<'py, PyUntypedArray>> {
    a.call_method1("astype", (to,)).ok()?.cast_into().ok()
}

/// Integers of any width as `int64` (an unsigned one past it wraps: refused).
fn ints(a: &Bound<'_, PyUntypedArray>) -> Option<Vec<i64>> {
    matches!(a.dtype().kind(), b'i' | b'u')
        .then(|| typed(&cast(a, "int64")?))
        .flatten()
}

/// A categorical's codes in their own width (pandas picks `int8` or
/// `int16`), not cast by numpy to `int64` first.
fn category_codes(a: &Bound<'_, PyUntypedArray>) -> Option<Codes<'static>> {
    (typed::<i8>(a).map(Codes::from))
        .or_else(|| typed::<i16>(a).map(Codes::from))
        .or_else(|| typed::<i32>(a).map(Codes::from))
        .or_else(|| ints(a).map(Codes::from))
}

/// Whether `obj` is `pandas.NA` (a missing cell of a nullable column).
fn is_na(obj: &Bound<'_, PyAny>) -> bool {
    static NA: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    NA.import(obj.py(), "pandas", "NA")
        .is_ok_and(|na| obj.is(na))
}

/// A cell of an object column as a level carrier (NaN: unanswered).
fn level_cell(obj: &Bound<'_, PyAny>) -> Option<f64> {
    if obj.is_none() || is_na(obj) {
        return Some(f64::NAN);
    }
    if obj.is_instance_of::<PyBool>() || obj.is_instance_of::<PyString>() {
        return None;
    }
    obj.extract::<f64>().ok()
}

/// A cell of a key column.
fn key_cell<'a>(obj: &Bound<'_, PyAny>) -> Result<Option<Key<'a>>, String> {
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_str().map_err(|_| NOT_TEXT.to_string())?;
        return Ok(Some(Key::Text(Cow::Owned(s.to_string()))));
    }
    if obj.is_none() || is_na(obj) {
        return Ok(None);
    }
    if !obj.is_instance_of::<PyBool>() {
        if let Ok(i) = obj.cast::<PyInt>() {
            if let Ok(x) = i.extract::<i64>() {
                return Ok(Some(Key::Int(x)));
            }
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return float_key(f.value());
        }
    }
    Err(format!("{} {NOT_CODE}", shown(obj)))
}

fn float_key<'a>(x: f64) -> Result<Option<Key<'a>>, String> {
    if x.is_nan() {
        Ok(None)
    } else if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Ok(Some(Key::Int(x as i64)))
    } else {
        Err(format!("{x} {NOT_CODE}"))
    }
}

/// An object array's cells, one Python object each.
fn objects<'py>(a: &Bound<'py, PyUntypedArray>) -> Option<Vec<Bound<'py, PyAny>>> {
    let a = a.cast::<PyArray1<Py<PyAny>>>().ok()?;
    Some(
        a.readonly()
            .as_array()
            .iter()
            .map(|o| o.bind(a.py()).clone())
            .collect(),
    )
}

impl TableSource for Frame<'_> {
    fn rows(&self) -> usize {
        self.rows
    }

    fn width(&self) -> usize {
        self.labels.len()
    }

    fn label(&self, i: usize) -> Result<Cow<'_, str>, String> {
        // A label reads as its text: the number 1 is "1".
        let s = self.labels[i].str().map_err(|e| e.to_string())?;
        s.to_str()
            .map(|s| Cow::Owned(s.into()))
            .map_err(|_| NOT_TEXT.into())
    }

    fn levels(&self, i: usize) -> Result<LevelColumn<'_>, Unreadable> {
        if let Some(Ok(v)) = self.bytes[i].as_ref().map(|a| a.as_slice()) {
            return Ok(LevelColumn::U8(Cow::Borrowed(v)));
        }
        let col = &self.columns[i];
        // The kind of numpy and pandas dtypes alike (`m`: durations).
        let kind = col
            .getattr("dtype")
            .and_then(|d| d.getattr("kind"))
            .and_then(|k| k.extract::<String>())
            .unwrap_or_default();
        let a = array(col)?;
        match kind.bytes().next().unwrap_or(a.dtype().kind()) {
            b'b' => return Err(Unreadable::cell(0, "a boolean is not a level")),
            b'm' | b'M' => {
                return Err(Unreadable::column(
                    "a column of dates or durations is not levels",
                ))
            }
            _ => {}
        }
        if let Some(v) = typed::<u8>(&a) {
            return Ok(LevelColumn::U8(Cow::Owned(v)));
        }
        if let Some(v) = ints(&a) {
            return Ok(LevelColumn::I64(Cow::Owned(v)));
        }
        if a.dtype().kind() == b'f' {
            if let Some(v) = cast(&a, "float64").and_then(|f| typed(&f)) {
                return Ok(LevelColumn::F64(Cow::Owned(v)));
            }
        }
        let cells = objects(&a)
            .ok_or_else(|| Unreadable::cell(0, format!("a {} value is not a level", a.dtype())))?;
        let level = |(row, c): (usize, &Bound<'_, PyAny>)| {
            level_cell(c).ok_or_else(|| {
                let why =
                    "a level is a whole number 0 to the number of parameters; empty is unanswered";
                Unreadable::cell(row, format!("{} is not a level ({why})", shown(c)))
            })
        };
        let v = cells
            .iter()
            .enumerate()
            .map(level)
            .collect::<Result<Vec<f64>, _>>()?;
        Ok(LevelColumn::F64(Cow::Owned(v)))
    }

    fn keys(&self, i: usize) -> Result<KeyColumn<'_>, Unreadable> {
        let col = &self.columns[i];
        // A categorical: codes into its categories (-1 missing).
        if !col.is_instance_of::<PyUntypedArray>() {
            if let (Ok(codes), Ok(cats)) = (col.getattr("codes"), col.getattr("categories")) {
                let codes = category_codes(&array(&codes)?)
                    .ok_or_else(|| Unreadable::column("category codes must be integers"))?;
                let cats = objects(&array(&cats)?).unwrap_or_default();
                let values = cats.iter().map(|c| key_cell(c).map_err(Unreadable::column));
                let values = values.collect::<Result<Vec<_>, _>>()?;
                return Ok(KeyColumn::Coded { codes, values });
            }
        }
        let a = array(col)?;
        if let Some(v) = ints(&a) {
            return Ok(KeyColumn::Plain(
                v.into_iter().map(|x| Some(Key::Int(x))).collect(),
            ));
        }
        let floats = (a.dtype().kind() == b'f')
            .then(|| cast(&a, "float64"))
            .flatten();
        if let Some(v) = floats.and_then(|f| typed(&f)) {
            let key = |(row, x): (usize, f64)| float_key(x).map_err(|m| Unreadable::cell(row, m));
            return v
                .into_iter()
                .enumerate()
                .map(key)
                .collect::<Result<_, _>>()
                .map(KeyColumn::Plain);
        }
        let cells = objects(&a)
            .ok_or_else(|| Unreadable::cell(0, format!("a {} value is not a code", a.dtype())))?;
        // Rows of one region (or one affair) usually share one object:
        // each distinct object is read once.
        let mut seen: HashMap<usize, i64, foldhash::fast::RandomState> =
            HashMap::with_capacity_and_hasher(cells.len().min(4096), Default::default());
        let (mut codes, mut values) = (Vec::with_capacity(cells.len()), Vec::new());
        for (row, c) in cells.iter().enumerate() {
            let code = match seen.entry(c.as_ptr() as usize) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => {
                    values.push(key_cell(c).map_err(|m| Unreadable::cell(row, m))?);
                    *e.insert(values.len() as i64 - 1)
                }
            };
            codes.push(code);
        }
        Ok(KeyColumn::Coded {
            codes: codes.into(),
            values,
        })
    }
}

/// A table as `_tables.py` hands it over: `(rows, labels, column arrays)`.
type Handed<'py> = (usize, Vec<Bound<'py, PyAny>>, Vec<Bound<'py, PyAny>>);

/// Score the regions and innovations tables (`iid.score_frames`), each
/// `(rows, labels, column arrays)`, against `rubric` or each region's
/// `methodology`; the dict of columns of the rows, in the order of `regions`.
#[pyfunction]
#[pyo3(signature = (regions, innovations, rubric=None))]
pub fn score_frames<'py>(
    py: Python<'py>,
    regions: Handed<'py>,
    innovations: Handed<'py>,
    rubric: Option<&RubricHandle>,
) -> PyResult<Bound<'py, PyAny>> {
    let (r, i) = (frame(regions), frame(innovations));
    let compiled = rubric.map(|h| h.rubric.as_ref());
    let input = table::read_for_scoring(&r, &i, compiled).map_err(|e| raise(py, &e))?;
    let rows = py.detach(|| input.score(compiled));
    columns(py, rows.map_err(|e| raise(py, &e))?, false)
}

fn frame((rows, labels, columns): Handed<'_>) -> Frame<'_> {
    Frame {
        bytes: columns
            .iter()
            .map(|c| c.cast::<PyArray1<u8>>().ok()?.try_readonly().ok())
            .collect(),
        rows,
        labels,
        columns,
    }
}

/// Rank the table form (as `score_frames` takes it) with a rank call's
/// options (JSON text: `award`, `mode`, `mixed`, `roster`); the ranking
/// as JSON text.
#[pyfunction]
#[pyo3(signature = (regions, innovations, options, rubric=None))]
pub fn rank_frames<'py>(
    py: Python<'py>,
    regions: Handed<'py>,
    innovations: Handed<'py>,
    options: &str,
    rubric: Option<&RubricHandle>,
) -> PyResult<String> {
    let (r, i) = (frame(regions), frame(innovations));
    let compiled = rubric.map(|h| h.rubric.clone());
    let input = table::read(&r, &i, compiled.as_deref()).map_err(|e| raise(py, &e))?;
    let ranking = py.detach(|| iid::api::rank_tables(input, options, compiled));
    Ok(ranking.map_err(|e| raise(py, &e))?.to_json())
}
