//! The columnar path of `iid.score_frames`: numeric columns handed over as
//! raw numpy buffers, innovations grouped by region, each region's levels
//! laid out for [`Prepared::from_levels`] and scored by
//! [`Prepared::summary`]. Also the native timing of the same work for the
//! benchmark.

use std::collections::HashMap;
use std::time::Instant;

use iid_core::synthetic::national;
use iid_core::{CompiledRubric, Error, InputError, Mode, Prepared};

use crate::rows::{input_error, score_texts, Row};
use crate::since;

/// Element type of a column, from its numpy dtype string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
}

impl Kind {
    fn parse(dtype: &str) -> Option<Kind> {
        Some(match dtype {
            "|i1" | "<i1" => Kind::I8,
            "<i2" => Kind::I16,
            "<i4" => Kind::I32,
            "<i8" => Kind::I64,
            "|u1" | "<u1" => Kind::U8,
            "<u2" => Kind::U16,
            "<u4" => Kind::U32,
            "<u8" => Kind::U64,
            "<f4" => Kind::F32,
            "<f8" => Kind::F64,
            _ => return None,
        })
    }

    fn size(self) -> usize {
        match self {
            Kind::I8 | Kind::U8 => 1,
            Kind::I16 | Kind::U16 => 2,
            Kind::I32 | Kind::U32 | Kind::F32 => 4,
            Kind::I64 | Kind::U64 | Kind::F64 => 8,
        }
    }
}

/// One cell's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Int(i64),
    UInt(u64),
    Float(f64),
}

/// A numeric column over the bytes of a little-endian numpy array.
#[derive(Debug, Clone, Copy)]
pub struct Col<'a> {
    kind: Kind,
    data: &'a [u8],
}

impl<'a> Col<'a> {
    /// A column of `dtype` (numpy's `dtype.str`, e.g. `<i8`) over `data`.
    pub fn new(dtype: &str, data: &'a [u8]) -> Result<Col<'a>, String> {
        let kind = Kind::parse(dtype).ok_or_else(|| {
            format!("unsupported column type {dtype} (expected little-endian integers or floats)")
        })?;
        if data.len() % kind.size() != 0 {
            return Err(format!(
                "{} bytes is not a whole number of {dtype} values",
                data.len()
            ));
        }
        Ok(Col { kind, data })
    }

    /// A column of small unsigned integers.
    pub fn u8(data: &'a [u8]) -> Col<'a> {
        Col {
            kind: Kind::U8,
            data,
        }
    }

    /// A column of little-endian `i64` bytes.
    pub fn i64_bytes(data: &'a [u8]) -> Col<'a> {
        Col {
            kind: Kind::I64,
            data,
        }
    }

    pub fn len(&self) -> usize {
        self.data.len() / self.kind.size()
    }

    /// The value in row `i` (< `len()`).
    pub fn get(&self, i: usize) -> Value {
        let s = self.kind.size();
        let b = &self.data[i * s..(i + 1) * s];
        macro_rules! le {
            ($t:ty) => {
                <$t>::from_le_bytes(b.try_into().unwrap_or_default())
            };
        }
        match self.kind {
            Kind::I8 => Value::Int(i64::from(le!(i8))),
            Kind::I16 => Value::Int(i64::from(le!(i16))),
            Kind::I32 => Value::Int(i64::from(le!(i32))),
            Kind::I64 => Value::Int(le!(i64)),
            Kind::U8 => Value::UInt(u64::from(b[0])),
            Kind::U16 => Value::UInt(u64::from(le!(u16))),
            Kind::U32 => Value::UInt(u64::from(le!(u32))),
            Kind::U64 => Value::UInt(le!(u64)),
            Kind::F32 => Value::Float(f64::from(le!(f32))),
            Kind::F64 => Value::Float(le!(f64)),
        }
    }

    /// The level in row `i`: NaN is unanswered (0); negative, fractional,
    /// infinite or very large values are errors, as in a submission.
    fn level(&self, i: usize, path: impl FnOnce() -> String) -> Result<u8, Error> {
        let v = self.get(i);
        let whole = match v {
            Value::UInt(u) => u,
            Value::Int(x) if x >= 0 => x as u64,
            Value::Int(x) => {
                return Err(input_error(
                    path(),
                    format!("level {x} is negative: a level is 0 (unanswered) to the number of parameters"),
                ))
            }
            Value::Float(f) if f.is_nan() => return Ok(0),
            Value::Float(f) if !f.is_finite() => {
                return Err(input_error(path(), format!("level {f} is not a finite number")))
            }
            Value::Float(f) if f.fract() != 0.0 => {
                return Err(input_error(path(), format!("level {f} is not a whole number")))
            }
            Value::Float(f) if f < 0.0 => {
                return Err(input_error(
                    path(),
                    format!("level {f} is negative: a level is 0 (unanswered) to the number of parameters"),
                ))
            }
            Value::Float(f) => f.min(u64::MAX as f64) as u64,
        };
        u8::try_from(whole).map_err(|_| {
            input_error(
                path(),
                format!("level {whole} out of range: a level is 0 (unanswered) to the number of parameters"),
            )
        })
    }

    /// The row index in `0..bound` held in row `i`, or `None` for a
    /// negative value (pandas' code for "missing").
    fn position(&self, i: usize, bound: usize) -> Result<Option<usize>, ()> {
        match self.get(i) {
            Value::Int(x) if x < 0 => Ok(None),
            Value::Int(x) if (x as u64) < bound as u64 => Ok(Some(x as usize)),
            Value::UInt(x) if x < bound as u64 => Ok(Some(x as usize)),
            _ => Err(()),
        }
    }
}

/// One methodology's columns in its row order (None: not given), region
/// rows then innovation rows.
type Layout<'c> = (Vec<Option<&'c Col<'c>>>, Vec<Option<&'c Col<'c>>>);

/// Region and innovation tables as columns.
pub struct Dense<'a> {
    /// The methodologies in use.
    pub rubrics: &'a [&'a CompiledRubric],
    /// Each region's methodology (index into `rubrics`); one per region row.
    pub region_rubric: &'a [usize],
    /// Region indicator columns by code.
    pub region_columns: Vec<(&'a str, Col<'a>)>,
    /// Each innovation's region row.
    pub innovation_region: Col<'a>,
    /// Innovation indicator columns by code.
    pub innovation_columns: Vec<(&'a str, Col<'a>)>,
    /// Each innovation's affair (index into `affair_values`; -1 none).
    pub innovation_affair: Col<'a>,
    /// Distinct affair spellings.
    pub affair_values: &'a [Option<String>],
}

fn invalid(path: String, message: String) -> Error {
    Error::Input(InputError::Invalid { path, message })
}

/// The path of a field inside a submission's `Prepared::from_levels` error,
/// in table terms: `spd.X` is `regions[r].X`, `innovations[j].levels.X` is
/// `innovations[row].X` (the row of the region's j-th innovation).
fn table_path(path: &str, region_row: usize, innovation_rows: &[usize]) -> String {
    if let Some(code) = path.strip_prefix("spd.") {
        return format!("regions[{region_row}].{code}");
    }
    if path == "innovations" || path == "spd" {
        return format!("regions[{region_row}]");
    }
    if let Some(rest) = path.strip_prefix("innovations[") {
        if let Some((j, tail)) = rest.split_once(']') {
            if let Some(&row) = j.parse::<usize>().ok().and_then(|j| innovation_rows.get(j)) {
                let tail = tail.strip_prefix(".levels").unwrap_or(tail);
                return format!("innovations[{row}]{tail}");
            }
        }
    }
    path.to_string()
}

fn relocate(mut e: InputError, region_row: usize, innovation_rows: &[usize]) -> Error {
    match &mut e {
        InputError::Json { path, .. }
        | InputError::TooLarge { path, .. }
        | InputError::UnknownIndicator { path, .. }
        | InputError::WrongScope { path, .. }
        | InputError::LevelOutOfRange { path, .. }
        | InputError::DuplicateId { path, .. }
        | InputError::VerificationAboveClaim { path, .. }
        | InputError::Invalid { path, .. } => {
            *path = table_path(path, region_row, innovation_rows);
        }
        InputError::NotUtf8 { .. } | InputError::MissingMethodology => {}
    }
    Error::Input(e)
}

impl Dense<'_> {
    /// Score every region row, in order.
    pub fn score(&self) -> Result<Vec<Row>, Error> {
        let n_regions = self.region_rubric.len();
        let n_innovations = self.innovation_region.len();
        for (code, c) in &self.region_columns {
            if c.len() != n_regions {
                return Err(invalid(
                    format!("regions.{code}"),
                    format!("column has {} rows, regions has {n_regions}", c.len()),
                ));
            }
        }
        for (name, c) in self
            .innovation_columns
            .iter()
            .map(|(code, c)| (format!("innovations.{code}"), c))
            .chain([("innovations.urusan".to_string(), &self.innovation_affair)])
        {
            if c.len() != n_innovations {
                return Err(invalid(
                    name,
                    format!("column has {} rows, innovations has {n_innovations}", c.len()),
                ));
            }
        }
        if let Some(&bad) = self.region_rubric.iter().find(|&&k| k >= self.rubrics.len()) {
            return Err(invalid(
                "methodology".into(),
                format!("methodology {bad} of {} given", self.rubrics.len()),
            ));
        }

        // Group innovation rows by region (counting sort, stable).
        let mut region_of = Vec::with_capacity(n_innovations);
        let mut start = vec![0usize; n_regions + 1];
        for j in 0..n_innovations {
            match self.innovation_region.position(j, n_regions) {
                Ok(Some(r)) => {
                    region_of.push(r);
                    start[r + 1] += 1;
                }
                _ => {
                    return Err(invalid(
                        format!("innovations[{j}].region"),
                        "not the code of a row of regions".into(),
                    ))
                }
            }
        }
        for r in 0..n_regions {
            start[r + 1] += start[r];
        }
        let mut next = start.clone();
        let mut order = vec![0usize; n_innovations];
        for (j, &r) in region_of.iter().enumerate() {
            order[next[r]] = j;
            next[r] += 1;
        }
        let mut affairs: Vec<Option<&str>> = Vec::with_capacity(n_innovations);
        for j in 0..n_innovations {
            match self
                .innovation_affair
                .position(j, self.affair_values.len())
            {
                Ok(Some(a)) => affairs.push(self.affair_values[a].as_deref()),
                Ok(None) => affairs.push(None),
                Err(()) => {
                    return Err(invalid(
                        format!("innovations[{j}].urusan"),
                        "affair code out of range".into(),
                    ))
                }
            }
        }

        // Each methodology's columns, in its row order (None: not given).
        let region_map: HashMap<&str, &Col> =
            self.region_columns.iter().map(|(k, c)| (*k, c)).collect();
        let innovation_map: HashMap<&str, &Col> =
            self.innovation_columns.iter().map(|(k, c)| (*k, c)).collect();
        let layouts: Vec<Layout> = self
            .rubrics
            .iter()
            .map(|r| {
                (
                    (0..r.region_len())
                        .map(|i| region_map.get(r.region_code(i)).copied())
                        .collect(),
                    (0..r.innovation_len())
                        .map(|i| innovation_map.get(r.innovation_code(i)).copied())
                        .collect(),
                )
            })
            .collect();

        let mut rows = Vec::with_capacity(n_regions);
        let mut affairs_of = Vec::new();
        for r in 0..n_regions {
            let k = self.region_rubric[r];
            let rubric = self.rubrics[k];
            let (region_cols, innovation_cols) = &layouts[k];
            let mut region = vec![0u8; region_cols.len()];
            for (i, c) in region_cols.iter().enumerate() {
                if let Some(c) = c {
                    region[i] = c.level(r, || format!("regions[{r}].{}", rubric.region_code(i)))?;
                }
            }
            let members = &order[start[r]..start[r + 1]];
            let width = innovation_cols.len();
            let mut levels = vec![0u8; members.len() * width];
            for (i, c) in innovation_cols.iter().enumerate() {
                if let Some(c) = c {
                    for (m, &j) in members.iter().enumerate() {
                        levels[m * width + i] = c.level(j, || {
                            format!("innovations[{j}].{}", rubric.innovation_code(i))
                        })?;
                    }
                }
            }
            affairs_of.clear();
            affairs_of.extend(members.iter().map(|&j| affairs[j]));
            let mut p = Prepared::from_levels(rubric, region, levels, &affairs_of)
                .map_err(|e| relocate(e, r, members))?;
            p.apply_mandatory_rule(rubric);
            rows.push(Row::of(rubric, &p.summary(rubric), None, None));
        }
        Ok(rows)
    }
}

/// Native timings of the national dataset (seconds, best run).
pub struct Times {
    pub columns: f64,
    pub summary: f64,
    pub submissions: f64,
    pub json_submissions: f64,
}

fn best<T>(runs: usize, mut f: impl FnMut() -> Result<T, Error>) -> Result<(f64, T), Error> {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f()?;
        best = best.min(since(t));
        last = Some(out);
    }
    match last {
        Some(out) => Ok((best, out)),
        None => Err(invalid("runs".into(), "no run".into())),
    }
}

/// Time the core on the synthetic national dataset (see `time_core_national`).
pub fn time_national(
    rubric: &CompiledRubric,
    regions: usize,
    innovations: usize,
    seed: u64,
    runs: usize,
) -> Result<(Times, Vec<String>), Error> {
    let subs = national(rubric, regions, innovations, seed);

    // The tables as score_frames hands them over: one column per code.
    let kr = rubric.region_len();
    let ki = rubric.innovation_len();
    let level = |m: &std::collections::BTreeMap<String, iid_core::Answer>, code: &str| {
        m.get(code).map_or(0, |a| a.level().0)
    };
    let region_cols: Vec<Vec<u8>> = (0..kr)
        .map(|i| {
            subs.iter()
                .map(|s| level(&s.spd, rubric.region_code(i)))
                .collect()
        })
        .collect();
    let all: Vec<(usize, &iid_core::Innovation)> = subs
        .iter()
        .enumerate()
        .flat_map(|(r, s)| s.innovations.iter().map(move |inv| (r, inv)))
        .collect();
    let innovation_cols: Vec<Vec<u8>> = (0..ki)
        .map(|i| {
            all.iter()
                .map(|(_, inv)| level(&inv.levels, rubric.innovation_code(i)))
                .collect()
        })
        .collect();
    let region_index: Vec<u8> = all
        .iter()
        .flat_map(|(r, _)| (*r as i64).to_le_bytes())
        .collect();
    let mut affair_values: Vec<Option<String>> = Vec::new();
    let mut affair_codes: HashMap<Option<String>, i64> = HashMap::new();
    let affair_index: Vec<u8> = all
        .iter()
        .flat_map(|(_, inv)| {
            let next = affair_codes.len() as i64;
            let code = *affair_codes.entry(inv.urusan.clone()).or_insert_with(|| {
                affair_values.push(inv.urusan.clone());
                next
            });
            code.to_le_bytes()
        })
        .collect();
    let region_codes: Vec<String> = (0..kr).map(|i| rubric.region_code(i).to_string()).collect();
    let innovation_codes: Vec<String> = (0..ki)
        .map(|i| rubric.innovation_code(i).to_string())
        .collect();
    let rubrics = [rubric];
    let region_rubric = vec![0usize; subs.len()];
    let dense = Dense {
        rubrics: &rubrics,
        region_rubric: &region_rubric,
        region_columns: region_codes
            .iter()
            .zip(&region_cols)
            .map(|(c, v)| (c.as_str(), Col::u8(v)))
            .collect(),
        innovation_region: Col::i64_bytes(&region_index),
        innovation_columns: innovation_codes
            .iter()
            .zip(&innovation_cols)
            .map(|(c, v)| (c.as_str(), Col::u8(v)))
            .collect(),
        innovation_affair: Col::i64_bytes(&affair_index),
        affair_values: &affair_values,
    };
    let (columns, rows) = best(runs, || dense.score())?;

    let prepared = subs
        .iter()
        .map(|s| iid_core::prepare(rubric, s))
        .collect::<Result<Vec<_>, _>>()?;
    let (summary, _) = best(runs, || {
        Ok(prepared
            .iter()
            .map(|p| p.summary(rubric).index_num)
            .sum::<i128>())
    })?;
    let (submissions, _) = best(runs, || {
        subs.iter()
            .map(|s| {
                let p = iid_core::prepare(rubric, s)?;
                Ok(Row::of(rubric, &p.summary(rubric), None, None))
            })
            .collect::<Result<Vec<Row>, Error>>()
    })?;
    let texts: Vec<String> = subs
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    let (json_submissions, _) = best(runs, || {
        score_texts(&texts, None, Mode::SelfAssessment, 1).map_err(|(_, e)| e)
    })?;
    Ok((
        Times {
            columns,
            summary,
            submissions,
            json_submissions,
        },
        rows.iter().map(|r| r.index_exact.to_string()).collect(),
    ))
}
