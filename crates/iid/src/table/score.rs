//! Scoring the table form: region codes checked, affairs resolved once per
//! spelling and methodology, and the sums of
//! [`crate::scoring::LevelMatrix::summary`] (with the rubric's mandatory
//! rule) taken column by column: each innovation's row units in one pass
//! per indicator column, then added up by region. No per-region matrix is
//! laid out; the tests check the figures against scoring each region's
//! submission.

use std::borrow::Cow;

use super::column::{Key, KeyColumn, KeyMap, MISSING};
use super::headline::Headline;
use super::{cell_path, invalid, InnovationTable, RegionTable, TableInput};
use super::{CODE, INNOVATIONS, METHODOLOGY, REGION, REGIONS, URUSAN};
use crate::error::{Error, InputError};
use crate::model::builtin;
use crate::model::rubric::CompiledRubric;
use crate::model::rubric::MandatoryRule;
use crate::model::submission::MAX_INNOVATIONS;
use crate::scoring::{affair_bit, Summary};

/// The methodologies of the regions: the distinct rubrics and each
/// region's index into them.
pub(super) struct Methodologies<'r> {
    pub rubrics: Vec<&'r CompiledRubric>,
    pub of_region: Vec<u32>,
}

/// Each region's methodology: `rubric` for all when given, else the
/// embedded one its `methodology` cell names.
pub(super) fn methodologies<'r>(
    regions: &RegionTable<'_>,
    rubric: Option<&'r CompiledRubric>,
) -> Result<Methodologies<'r>, Error> {
    if let Some(r) = rubric {
        return Ok(Methodologies {
            rubrics: vec![r],
            of_region: vec![0; regions.rows],
        });
    }
    let Some(col) = &regions.methodology else {
        return Err(Error::Input(InputError::MissingMethodology {
            path: METHODOLOGY.into(),
        }));
    };
    same_length(col.len(), regions.rows, REGIONS, METHODOLOGY)?;
    let enc = col
        .encode()
        .map_err(|(row, m)| cell_error(REGIONS, row, METHODOLOGY, m))?;
    let path = |row: usize| cell_path(REGIONS, Some(row), METHODOLOGY);
    let first_row = |k: u32| enc.rows.iter().position(|&x| x == k).unwrap_or(0);
    let mut rubrics: Vec<&'static CompiledRubric> = Vec::new();
    let mut slot = Vec::with_capacity(enc.keys.len());
    for (k, key) in enc.keys.iter().enumerate() {
        let id = match key {
            Key::Text(s) => s.trim().to_string(),
            Key::Int(x) => x.to_string(),
        };
        let r = builtin::named(&id, || path(first_row(k as u32)))?;
        let at = match rubrics.iter().position(|&q| std::ptr::eq(q, r)) {
            Some(at) => at,
            None => {
                rubrics.push(r);
                rubrics.len() - 1
            }
        };
        slot.push(at as u32);
    }
    let of_region = enc
        .rows
        .iter()
        .enumerate()
        .map(|(row, &k)| {
            if k == MISSING {
                Err(Error::Input(InputError::MissingMethodology {
                    path: path(row),
                }))
            } else {
                Ok(slot[k as usize])
            }
        })
        .collect::<Result<Vec<u32>, Error>>()?;
    Ok(Methodologies { rubrics, of_region })
}

/// The indicator codes the rubrics answer, region rows then innovation
/// rows, each once, in the rubrics' order.
pub(super) fn codes<'r>(rubrics: &[&'r CompiledRubric]) -> (Vec<&'r str>, Vec<&'r str>) {
    let mut region: Vec<&str> = Vec::new();
    let mut innovation: Vec<&str> = Vec::new();
    for r in rubrics {
        for i in 0..r.region_len() {
            if !region.contains(&r.region_code(i)) {
                region.push(r.region_code(i));
            }
        }
        for i in 0..r.innovation_len() {
            if !innovation.contains(&r.innovation_code(i)) {
                innovation.push(r.innovation_code(i));
            }
        }
    }
    (region, innovation)
}

fn cell_error(table: &str, row: usize, column: &str, message: String) -> Error {
    Error::Input(InputError::Json {
        path: cell_path(table, Some(row), column),
        message,
    })
}

fn same_length(len: usize, rows: usize, table: &str, column: &str) -> Result<(), Error> {
    if len != rows {
        return Err(invalid(
            cell_path(table, None, column),
            format!("column has {len} rows, {table} has {rows}"),
        ));
    }
    Ok(())
}

/// Level columns as bytes, by code; a code given twice is an error.
fn level_columns<'c>(
    table: &str,
    rows: usize,
    columns: &'c [(Cow<'_, str>, super::LevelColumn<'_>)],
    wanted: &[&str],
) -> Result<KeyMap<&'c str, Cow<'c, [u8]>>, Error> {
    let mut out: KeyMap<&str, Cow<[u8]>> =
        KeyMap::with_capacity_and_hasher(columns.len(), Default::default());
    for (code, col) in columns {
        if !wanted.contains(&code.as_ref()) {
            continue;
        }
        same_length(col.len(), rows, table, code)?;
        let levels = col
            .levels()
            .map_err(|(row, m)| cell_error(table, row, code, m))?;
        if out.insert(code.as_ref(), levels).is_some() {
            return Err(invalid(
                cell_path(table, None, code),
                "two columns have this label",
            ));
        }
    }
    Ok(out)
}

/// Each region's row position by code: codes must be present and unique.
fn region_rows<'k>(
    code: &'k KeyColumn<'_>,
    rows: usize,
) -> Result<KeyMap<&'k Key<'k>, u32>, Error> {
    same_length(code.len(), rows, REGIONS, CODE)?;
    let enc = code
        .encode()
        .map_err(|(row, m)| cell_error(REGIONS, row, CODE, m))?;
    let mut at = vec![MISSING; enc.keys.len()];
    for (row, &k) in enc.rows.iter().enumerate() {
        let path = || cell_path(REGIONS, Some(row), CODE);
        if k == MISSING {
            return Err(invalid(path(), "missing region code"));
        }
        if at[k as usize] != MISSING {
            return Err(invalid(
                path(),
                format!("duplicate region code {}", enc.keys[k as usize]),
            ));
        }
        at[k as usize] = row as u32;
    }
    Ok(enc.keys.into_iter().zip(at).collect())
}

/// Each innovation's region row.
fn innovation_regions(
    innovations: &InnovationTable<'_>,
    regions: &KeyMap<&Key<'_>, u32>,
) -> Result<Vec<u32>, Error> {
    let region = &innovations.region;
    same_length(region.len(), innovations.rows, INNOVATIONS, REGION)?;
    let rows = region
        .rows_by(|k| regions.get(k).copied().unwrap_or(MISSING))
        .map_err(|(row, m)| cell_error(INNOVATIONS, row, REGION, m))?;
    // Whether any row is unmatched, in one pass without a branch; the row
    // is looked for only then.
    if rows.iter().fold(false, |any, &r| any | (r == MISSING)) {
        if let Some(j) = rows.iter().position(|&r| r == MISSING) {
            let why = match region.get(j) {
                None => "missing region code".to_string(),
                Some(k) => format!("{k} is not a code in regions.code"),
            };
            return Err(invalid(cell_path(INNOVATIONS, Some(j), REGION), why));
        }
    }
    Ok(rows)
}

impl TableInput<'_> {
    /// Score every region row, in order. `rubric` applies to every region;
    /// without it each region's `methodology` names an embedded one.
    pub fn score(&self, rubric: Option<&CompiledRubric>) -> Result<Vec<Headline>, Error> {
        let (regs, invs) = (&self.regions, &self.innovations);
        let m = methodologies(regs, rubric)?;
        let (region_codes, innovation_codes) = codes(&m.rubrics);
        let region_levels = level_columns(REGIONS, regs.rows, &regs.levels, &region_codes)?;
        let innovation_levels =
            level_columns(INNOVATIONS, invs.rows, &invs.levels, &innovation_codes)?;
        let by_code = region_rows(&regs.code, regs.rows)?;
        let region_of = innovation_regions(invs, &by_code)?;

        // Affairs: each spelling resolved once per methodology, in row
        // order so that an error names the first row that has it.
        let no_affair = KeyColumn::Plain(Vec::new());
        let urusan = invs.urusan.as_ref().unwrap_or(&no_affair);
        if invs.urusan.is_some() {
            same_length(urusan.len(), invs.rows, INNOVATIONS, URUSAN)?;
        }
        let affairs = urusan
            .encode()
            .map_err(|(row, m)| cell_error(INNOVATIONS, row, URUSAN, m))?;
        // An affair's basic-service bit for methodology `k`, or the error
        // naming row `j`.
        let resolve = |k: usize, a: u32, j: usize| -> Result<u64, Error> {
            let key = affairs.keys[a as usize];
            let Some(text) = key.text() else {
                return Err(cell_error(
                    INNOVATIONS,
                    j,
                    URUSAN,
                    format!("{key} is not an affair code"),
                ));
            };
            Ok(affair_bit(m.rubrics[k], Some(text), j)?)
        };
        // The basic-service affairs each region's innovations cover.
        let mut covered = vec![0u64; regs.rows];
        // One methodology: each affair's bit, every spelling resolved up
        // front; a bad one is an error at the first row that has it (one
        // no row holds has no bit).
        let single_bits: Option<Vec<u64>> = if let [_] = m.rubrics[..] {
            let bits: Vec<Option<u64>> = (0..affairs.keys.len() as u32)
                .map(|a| resolve(0, a, 0).ok())
                .collect();
            if bits.contains(&None) {
                for (j, &a) in affairs.rows.iter().enumerate() {
                    if bits.get(a as usize).is_some_and(Option::is_none) {
                        // Resolved again for the error naming this row.
                        resolve(0, a, j)?;
                    }
                }
            }
            Some(bits.into_iter().map(|b| b.unwrap_or(0)).collect())
        } else {
            let mut resolved: Vec<Vec<Option<u64>>> =
                vec![vec![None; affairs.keys.len()]; m.rubrics.len()];
            for (j, &a) in affairs.rows.iter().enumerate() {
                if a == MISSING {
                    continue;
                }
                let k = m.of_region[region_of[j] as usize] as usize;
                let bit = match resolved[k][a as usize] {
                    Some(bit) => bit,
                    None => *resolved[k][a as usize].insert(resolve(k, a, j)?),
                };
                covered[region_of[j] as usize] |= bit;
            }
            None
        };

        let n_inv = invs.rows;
        let single = m.rubrics.len() == 1;
        // A row's units fit 16 bits for the published rubrics (111 points
        // at 2 decimals is 11,100 units): the sums then run eight lanes
        // wide on any x86-64.
        let narrow = single && m.rubrics[0].max_innovation_units <= i64::from(u16::MAX);
        // The usual case, one methodology and narrow units: the rows
        // summed block by block (`super::rows`). A level out of range
        // leaves it to the passes below, which name the first one.
        let fast = match &single_bits {
            Some(bits) if narrow => super::rows::Rows::new(
                m.rubrics[0],
                &innovation_levels,
                &region_of,
                &affairs.rows,
                bits,
            )
            .and_then(|rows| rows.sum(regs.rows)),
            _ => None,
        };
        let (sums, covered) = match fast {
            Some(done) => done,
            None => {
                if let Some(bits) = &single_bits {
                    // Without a branch on the data (most affairs are no
                    // basic service); a missing cell's index is past
                    // `bits`: no bit.
                    let bit = |&a: &u32| bits.get(a as usize).copied().unwrap_or(0);
                    let row_bits = affairs.rows.iter().map(bit);
                    by_region(&region_of, row_bits, &mut covered, |x, y| x | y);
                }
                let sums = row_sums(&m, &innovation_levels, &region_of, n_inv, regs.rows)?;
                (sums, covered)
            }
        };

        // Each methodology's region columns, looked up once.
        let region_columns: Vec<Vec<Option<&[u8]>>> = m
            .rubrics
            .iter()
            .map(|rb| {
                (0..rb.region_len())
                    .map(|i| region_levels.get(rb.region_code(i)).map(|c| c.as_ref()))
                    .collect()
            })
            .collect();
        let mut rows = Vec::with_capacity(regs.rows);
        for (r, sum) in sums.iter().enumerate() {
            let k = m.of_region[r] as usize;
            let rubric = m.rubrics[k];
            if sum.count as usize > MAX_INNOVATIONS {
                return Err(Error::Input(InputError::TooLarge {
                    path: format!("{REGIONS}[{r}]"),
                    actual: sum.count as usize,
                    limit: MAX_INNOVATIONS,
                }));
            }
            let mut region_units = 0i64;
            let mut region_short = false;
            for (i, (c, col)) in rubric.region.iter().zip(&region_columns[k]).enumerate() {
                let l = col.map_or(0, |col| col[r]);
                if l > c.max_level {
                    let code = rubric.region_code(i);
                    return Err(out_of_range(
                        cell_path(REGIONS, Some(r), code),
                        l,
                        c.max_level,
                    ));
                }
                region_units += c.weight_units * i64::from(l);
                region_short |= c.mandatory && l == 0;
            }
            // not_assessable: any mandatory row unanswered blocks the region.
            let blocked = rubric.rubric().mandatory_rule == MandatoryRule::NotAssessable
                && (region_short || sum.short);
            let mut s = Summary::new(rubric, region_units, sum.units, sum.count, covered[r]);
            s.blocked = blocked;
            rows.push(Headline::of(rubric, &s, None, None));
        }
        Ok(rows)
    }
}

/// Each region's innovations summed (count, row units, a mandatory gap),
/// pass by pass over whole columns in 64-bit units: the general path
/// (several methodologies, units past 16 bits), and the one that names the
/// first level out of range when the block pass of `super::rows` finds
/// one.
fn row_sums(
    m: &Methodologies<'_>,
    innovation_levels: &KeyMap<&str, Cow<'_, [u8]>>,
    region_of: &[u32],
    n_inv: usize,
    n_regions: usize,
) -> Result<Vec<Sums>, Error> {
    // Each innovation's row units (weight x level summed over its
    // rows) and whether it leaves a mandatory row unanswered, column
    // by column: the rubric's mandatory rule and the sums of
    // `LevelMatrix::summary`, without laying out a matrix per region.
    let single = m.rubrics.len() == 1;
    let of_row = |j: usize| m.of_region[region_of[j] as usize] as usize;
    let mut units = vec![0i64; n_inv];
    let mut short = vec![false; n_inv];
    for (k, r) in m.rubrics.iter().enumerate() {
        let mine = |j: usize| single || of_row(j) == k;
        for (i, c) in r.innovation.iter().enumerate() {
            let code = r.innovation_code(i);
            let Some(col) = innovation_levels.get(code) else {
                if c.mandatory && r.rubric().mandatory_rule != MandatoryRule::Finding {
                    (0..n_inv)
                        .filter(|&j| mine(j))
                        .for_each(|j| short[j] = true);
                }
                continue;
            };
            let max = r.innovation_max_level(i);
            if col.iter().copied().max().unwrap_or(0) > max {
                if let Some(j) = (0..n_inv).find(|&j| mine(j) && col[j] > max) {
                    return Err(out_of_range(
                        cell_path(INNOVATIONS, Some(j), code),
                        col[j],
                        max,
                    ));
                }
            }
            let w = c.weight_units;
            if single {
                units
                    .iter_mut()
                    .zip(col.iter())
                    .for_each(|(u, &l)| *u += w * i64::from(l));
            } else {
                for j in (0..n_inv).filter(|&j| mine(j)) {
                    units[j] += w * i64::from(col[j]);
                }
            }
            if c.mandatory && r.rubric().mandatory_rule != MandatoryRule::Finding {
                if single {
                    short
                        .iter_mut()
                        .zip(col.iter())
                        .for_each(|(s, &l)| *s |= l == 0);
                } else {
                    for j in (0..n_inv).filter(|&j| col[j] == 0 && mine(j)) {
                        short[j] = true;
                    }
                }
            }
        }
    }

    // Each region's innovations: number, row units, whether one is
    // short of a mandatory answer.
    let mut sums = vec![Sums::default(); n_regions];
    let rules: Vec<MandatoryRule> = m
        .rubrics
        .iter()
        .map(|r| r.rubric().mandatory_rule)
        .collect();
    // innovation_zero: a row short of a mandatory answer scores 0.
    let row = |units: i64, short: bool, rule: MandatoryRule| Sums {
        count: 1,
        units: if short && rule == MandatoryRule::InnovationZero {
            0
        } else {
            units
        },
        short,
    };
    for j in 0..n_inv {
        let r = region_of[j] as usize;
        let rule = rules[m.of_region[r] as usize];
        sums[r] = sums[r].add(row(units[j], short[j], rule));
    }

    Ok(sums)
}

/// A region's innovations so far: their number, their row units, and
/// whether one is short of a mandatory answer.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sums {
    pub count: u32,
    pub units: i64,
    pub short: bool,
}

impl Sums {
    pub(super) fn add(self, other: Sums) -> Sums {
        Sums {
            count: self.count + other.count,
            units: self.units + other.units,
            short: self.short | other.short,
        }
    }
}

/// Each row's value added (by `add`) into its region's slot of `into`.
/// Innovations come region by region, so a run of one region's rows is
/// summed in a register and stored once: no chain of loads and stores
/// through one slot, row after row.
pub(super) fn by_region<T: Copy>(
    region_of: &[u32],
    values: impl Iterator<Item = T>,
    into: &mut [T],
    add: impl Fn(T, T) -> T,
) {
    // Region rows are checked before: a row past `into` cannot occur.
    let store = |into: &mut [T], at: u32, sum: T| {
        if let Some(slot) = into.get_mut(at as usize) {
            *slot = add(*slot, sum);
        }
    };
    let mut run: Option<(u32, T)> = None;
    for (&r, v) in region_of.iter().zip(values) {
        run = Some(match run {
            Some((at, sum)) if at == r => (r, add(sum, v)),
            done => {
                if let Some((at, sum)) = done {
                    store(into, at, sum);
                }
                (r, v)
            }
        });
    }
    if let Some((at, sum)) = run {
        store(into, at, sum);
    }
}

fn out_of_range(path: String, level: u8, max: u8) -> Error {
    Error::Input(InputError::LevelOutOfRange {
        path,
        level: u32::from(level),
        max: u32::from(max),
    })
}
