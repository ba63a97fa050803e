//! The columnar path of `iid.score_frames`: numeric columns handed over as
//! raw numpy buffers, innovations grouped by region, each region's levels
//! laid out for [`Prepared::from_levels`] and scored by
//! [`Prepared::summary`]. Also the native timing of the same work for the
//! benchmark.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::Instant;

use iid::scoring::AffairRef;
use iid::submission::MAX_INNOVATIONS;
use iid::synthetic::national;
use iid::{CompiledRubric, Error, InputError, Mode, Prepared};

use crate::rows::{input_error, score_all, Row};
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

    /// Rows `start..start + len` (within the column).
    pub fn slice(&self, start: usize, len: usize) -> Col<'a> {
        let s = self.kind.size();
        Col {
            kind: self.kind,
            data: &self.data[start * s..(start + len) * s],
        }
    }

    pub fn len(&self) -> usize {
        self.data.len() / self.kind.size()
    }

    /// Every value as an integer (integer columns only; a float column
    /// gives None).
    pub fn integers(&self) -> Option<Vec<i64>> {
        macro_rules! typed {
            ($t:ty) => {
                self.data
                    .chunks_exact(std::mem::size_of::<$t>())
                    .map(|c| <$t>::from_le_bytes(c.try_into().unwrap_or_default()) as i64)
                    .collect()
            };
        }
        Some(match self.kind {
            Kind::I8 => typed!(i8),
            Kind::I16 => typed!(i16),
            Kind::I32 => typed!(i32),
            Kind::I64 => typed!(i64),
            Kind::U8 => typed!(u8),
            Kind::U16 => typed!(u16),
            Kind::U32 => typed!(u32),
            Kind::U64 => self
                .data
                .chunks_exact(8)
                .map(|c| {
                    i64::try_from(u64::from_le_bytes(c.try_into().unwrap_or_default()))
                        .unwrap_or(i64::MAX)
                })
                .collect(),
            Kind::F32 | Kind::F64 => return None,
        })
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
                    format!(
                    "level {x} is negative: a level is 0 (unanswered) to the number of parameters"
                ),
                ))
            }
            Value::Float(f) if f.is_nan() => return Ok(0),
            Value::Float(f) if !f.is_finite() => {
                return Err(input_error(
                    path(),
                    format!("level {f} is not a finite number"),
                ))
            }
            Value::Float(f) if f.fract() != 0.0 => {
                return Err(input_error(
                    path(),
                    format!("level {f} is not a whole number"),
                ))
            }
            Value::Float(f) if f < 0.0 => {
                return Err(input_error(
                    path(),
                    format!(
                    "level {f} is negative: a level is 0 (unanswered) to the number of parameters"
                ),
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
}

/// Region and innovation tables as columns.
pub struct Dense<'a> {
    /// The methodologies in use.
    pub rubrics: &'a [&'a CompiledRubric],
    /// Each region's methodology (index into `rubrics`); one per region row.
    pub region_rubric: &'a [usize],
    /// Region indicator columns by code.
    pub region_columns: Vec<(&'a str, Col<'a>)>,
    /// Each innovation's region row (< number of regions).
    pub innovation_region: &'a [u32],
    /// Innovation indicator columns by code.
    pub innovation_columns: Vec<(&'a str, Col<'a>)>,
    /// Each innovation's affair: index into `affair_values`, [`NO_AFFAIR`]
    /// for none.
    pub innovation_affair: &'a [u32],
    /// Distinct affair spellings.
    pub affair_values: &'a [String],
}

/// `innovation_affair` value of an innovation with no affair.
pub const NO_AFFAIR: u32 = u32::MAX;

fn invalid(path: String, message: String) -> Error {
    Error::Input(InputError::Invalid { path, message })
}

/// A column as levels (one byte per row): NaN is unanswered (0); a
/// negative, fractional, infinite or very large value is an error naming
/// the row, as the same value in a submission would be.
fn levels<'c>(col: &Col<'c>, path: impl Fn(usize) -> String) -> Result<Cow<'c, [u8]>, Error> {
    if col.kind == Kind::U8 {
        return Ok(Cow::Borrowed(col.data));
    }
    let n = col.len();
    let mut out = Vec::with_capacity(n);
    macro_rules! typed {
        ($t:ty, $ok:expr) => {
            for (j, c) in col.data.chunks_exact(std::mem::size_of::<$t>()).enumerate() {
                let x = <$t>::from_le_bytes(c.try_into().unwrap_or_default());
                match $ok(x) {
                    Some(l) => out.push(l),
                    None => {
                        col.level(j, || path(j))?;
                        return Err(input_error(path(j), "not a level".into()));
                    }
                }
            }
        };
    }
    let float = |x: f64| -> Option<u8> {
        if x.is_nan() {
            Some(0)
        } else if (0.0..=255.0).contains(&x) && x.fract() == 0.0 {
            Some(x as u8)
        } else {
            None
        }
    };
    match col.kind {
        Kind::I8 => typed!(i8, |x: i8| u8::try_from(x).ok()),
        Kind::I16 => typed!(i16, |x: i16| u8::try_from(x).ok()),
        Kind::I32 => typed!(i32, |x: i32| u8::try_from(x).ok()),
        Kind::I64 => typed!(i64, |x: i64| u8::try_from(x).ok()),
        Kind::U8 => typed!(u8, Some),
        Kind::U16 => typed!(u16, |x: u16| u8::try_from(x).ok()),
        Kind::U32 => typed!(u32, |x: u32| u8::try_from(x).ok()),
        Kind::U64 => typed!(u64, |x: u64| u8::try_from(x).ok()),
        Kind::F32 => typed!(f32, |x: f32| float(f64::from(x))),
        Kind::F64 => typed!(f64, float),
    }
    Ok(Cow::Owned(out))
}

/// One methodology's view of the columns: its region and innovation rows
/// in official order (`None`: column not given, unanswered), with the
/// highest level of each row.
struct Layout<'c> {
    region: Vec<(Option<&'c [u8]>, u8)>,
    innovation: Vec<(Option<&'c [u8]>, u8)>,
}

/// An affair resolved by the core for one methodology: its reference and
/// basic-service bit, or the core's error.
type Resolved = Result<(AffairRef, u64), InputError>;

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
        for (code, c) in &self.innovation_columns {
            if c.len() != n_innovations {
                return Err(invalid(
                    format!("innovations.{code}"),
                    format!(
                        "column has {} rows, innovations has {n_innovations}",
                        c.len()
                    ),
                ));
            }
        }
        if self.innovation_affair.len() != n_innovations {
            return Err(invalid(
                "innovations.urusan".into(),
                format!(
                    "column has {} rows, innovations has {n_innovations}",
                    self.innovation_affair.len()
                ),
            ));
        }
        if let Some(&bad) = self
            .region_rubric
            .iter()
            .find(|&&k| k >= self.rubrics.len())
        {
            return Err(invalid(
                "methodology".into(),
                format!("methodology {bad} of {} given", self.rubrics.len()),
            ));
        }
        if let Some(j) = self
            .innovation_region
            .iter()
            .position(|&r| r as usize >= n_regions)
        {
            return Err(invalid(
                format!("innovations[{j}].region"),
                "not a row of regions".into(),
            ));
        }
        if let Some(j) = self
            .innovation_affair
            .iter()
            .position(|&a| a != NO_AFFAIR && a as usize >= self.affair_values.len())
        {
            return Err(invalid(
                format!("innovations[{j}].urusan"),
                "affair code out of range".into(),
            ));
        }

        // Columns as levels, once.
        let region_levels = self
            .region_columns
            .iter()
            .map(|(code, c)| Ok((*code, levels(c, |r| format!("regions[{r}].{code}"))?)))
            .collect::<Result<HashMap<&str, Cow<[u8]>>, Error>>()?;
        let innovation_levels = self
            .innovation_columns
            .iter()
            .map(|(code, c)| Ok((*code, levels(c, |j| format!("innovations[{j}].{code}"))?)))
            .collect::<Result<HashMap<&str, Cow<[u8]>>, Error>>()?;
        let layouts: Vec<Layout> = self
            .rubrics
            .iter()
            .map(|r| Layout {
                region: (0..r.region_len())
                    .map(|i| {
                        (
                            region_levels.get(r.region_code(i)).map(|c| c.as_ref()),
                            r.region_max_level(i),
                        )
                    })
                    .collect(),
                innovation: (0..r.innovation_len())
                    .map(|i| {
                        (
                            innovation_levels
                                .get(r.innovation_code(i))
                                .map(|c| c.as_ref()),
                            r.innovation_max_level(i),
                        )
                    })
                    .collect(),
            })
            .collect();

        // Group innovation rows by region (counting sort, stable).
        let mut start = vec![0usize; n_regions + 1];
        for &r in self.innovation_region {
            start[r as usize + 1] += 1;
        }
        for r in 0..n_regions {
            start[r + 1] += start[r];
        }
        let mut next = start.clone();
        let mut order = vec![0usize; n_innovations];
        for (j, &r) in self.innovation_region.iter().enumerate() {
            order[next[r as usize]] = j;
            next[r as usize] += 1;
        }

        // Affairs resolved by the core once per spelling and methodology.
        let mut resolved: Vec<Vec<Option<Resolved>>> =
            vec![vec![None; self.affair_values.len()]; self.rubrics.len()];

        let mut rows = Vec::with_capacity(n_regions);
        for r in 0..n_regions {
            let k = self.region_rubric[r];
            let rubric = self.rubrics[k];
            let layout = &layouts[k];
            let members = &order[start[r]..start[r + 1]];
            if members.len() > MAX_INNOVATIONS {
                return Err(Error::Input(InputError::TooLarge {
                    path: format!("regions[{r}]"),
                    actual: members.len(),
                    limit: MAX_INNOVATIONS,
                }));
            }
            let mut region = vec![0u8; layout.region.len()];
            for (i, &(col, max)) in layout.region.iter().enumerate() {
                if let Some(col) = col {
                    let l = col[r];
                    if l > max {
                        return Err(out_of_range(
                            format!("regions[{r}].{}", rubric.region_code(i)),
                            l,
                            max,
                        ));
                    }
                    region[i] = l;
                }
            }
            let width = layout.innovation.len();
            let mut innovation = vec![0u8; members.len() * width];
            for (i, &(col, max)) in layout.innovation.iter().enumerate() {
                if let Some(col) = col {
                    for (m, &j) in members.iter().enumerate() {
                        let l = col[j];
                        if l > max {
                            return Err(out_of_range(
                                format!("innovations[{j}].{}", rubric.innovation_code(i)),
                                l,
                                max,
                            ));
                        }
                        innovation[m * width + i] = l;
                    }
                }
            }
            let mut affairs = Vec::with_capacity(members.len());
            let mut basic_mask = Vec::with_capacity(members.len());
            for &j in members {
                let a = self.innovation_affair[j];
                if a == NO_AFFAIR {
                    affairs.push(AffairRef::None);
                    basic_mask.push(0);
                    continue;
                }
                let slot = &mut resolved[k][a as usize];
                let got =
                    slot.get_or_insert_with(|| resolve(rubric, &self.affair_values[a as usize]));
                match got {
                    Ok((affair, bit)) => {
                        affairs.push(affair.clone());
                        basic_mask.push(*bit);
                    }
                    Err(e) => {
                        let first = (0..n_innovations)
                            .find(|&i| {
                                self.innovation_affair[i] == a
                                    && self.region_rubric[self.innovation_region[i] as usize] == k
                            })
                            .unwrap_or(j);
                        return Err(Error::Input(
                            e.clone().at(format!("innovations[{first}].urusan")),
                        ));
                    }
                }
            }
            let mut p = Prepared {
                region,
                innovation,
                source: (0..members.len()).collect(),
                affairs,
                basic_mask,
                blocked: false,
            };
            p.apply_mandatory_rule(rubric);
            rows.push(Row::of(rubric, &p.summary(rubric), None, None));
        }
        Ok(rows)
    }
}

fn out_of_range(path: String, level: u8, max: u8) -> Error {
    Error::Input(InputError::LevelOutOfRange {
        path,
        level: u32::from(level),
        max: u32::from(max),
    })
}

/// Resolve one affair spelling the way the core resolves it for a table
/// row (`Prepared::from_levels` on a single, empty innovation).
fn resolve(rubric: &CompiledRubric, spelling: &str) -> Resolved {
    let p = Prepared::from_levels(
        rubric,
        vec![0; rubric.region_len()],
        vec![0; rubric.innovation_len()],
        &[Some(spelling)],
    )?;
    match (p.affairs.into_iter().next(), p.basic_mask.first()) {
        (Some(a), Some(&bit)) => Ok((a, bit)),
        _ => Ok((AffairRef::None, 0)),
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
    let level = |m: &std::collections::BTreeMap<String, iid::Answer>, code: &str| {
        m.get(code).map_or(0, |a| a.level().0)
    };
    let region_cols: Vec<Vec<u8>> = (0..kr)
        .map(|i| {
            subs.iter()
                .map(|s| level(&s.spd, rubric.region_code(i)))
                .collect()
        })
        .collect();
    let all: Vec<(usize, &iid::Innovation)> = subs
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
    let region_index: Vec<u32> = all.iter().map(|(r, _)| *r as u32).collect();
    let mut affair_values: Vec<String> = Vec::new();
    let mut affair_codes: HashMap<String, u32> = HashMap::new();
    let affair_index: Vec<u32> = all
        .iter()
        .map(|(_, inv)| match &inv.urusan {
            None => NO_AFFAIR,
            Some(u) => {
                let next = affair_codes.len() as u32;
                *affair_codes.entry(u.clone()).or_insert_with(|| {
                    affair_values.push(u.clone());
                    next
                })
            }
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
        innovation_region: &region_index,
        innovation_columns: innovation_codes
            .iter()
            .zip(&innovation_cols)
            .map(|(c, v)| (c.as_str(), Col::u8(v)))
            .collect(),
        innovation_affair: &affair_index,
        affair_values: &affair_values,
    };
    let (columns, rows) = best(runs, || dense.score())?;

    let prepared = subs
        .iter()
        .map(|s| iid::prepare(rubric, s))
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
                let p = iid::prepare(rubric, s)?;
                Ok(Row::of(rubric, &p.summary(rubric), None, None))
            })
            .collect::<Result<Vec<Row>, Error>>()
    })?;
    let texts: Vec<String> = subs
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    let (json_submissions, _) = best(runs, || {
        score_all(&texts, None, Mode::SelfAssessment, 1).map_err(|(_, e)| e)
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
