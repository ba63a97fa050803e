//! Scoring the table form: region codes checked, innovations grouped by
//! region (a stable counting sort), affairs resolved once per spelling
//! and methodology, and each region's levels laid out in one reused
//! buffer and summed as [`crate::scoring::LevelMatrix::summary`] sums them.

use std::borrow::Cow;
use std::collections::HashMap;

use super::column::{Key, KeyColumn, MISSING};
use super::headline::Headline;
use super::{cell_path, invalid, InnovationTable, RegionTable, TableInput};
use super::{CODE, INNOVATIONS, METHODOLOGY, REGION, REGIONS, URUSAN};
use crate::error::{Error, InputError};
use crate::model::builtin;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::MAX_INNOVATIONS;
use crate::scoring::matrix::{mandatory_rule, summarize};
use crate::scoring::{basic_bit, resolve_affair};

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
) -> Result<HashMap<&'c str, Cow<'c, [u8]>>, Error> {
    let mut out: HashMap<&str, Cow<[u8]>> = HashMap::with_capacity(columns.len());
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
) -> Result<HashMap<&'k Key<'k>, u32>, Error> {
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
    regions: &HashMap<&Key<'_>, u32>,
) -> Result<Vec<u32>, Error> {
    same_length(
        innovations.region.len(),
        innovations.rows,
        INNOVATIONS,
        REGION,
    )?;
    let enc = innovations
        .region
        .encode()
        .map_err(|(row, m)| cell_error(INNOVATIONS, row, REGION, m))?;
    let found: Vec<u32> = enc
        .keys
        .iter()
        .map(|k| regions.get(*k).copied().unwrap_or(MISSING))
        .collect();
    enc.rows
        .iter()
        .enumerate()
        .map(|(j, &k)| {
            let path = || cell_path(INNOVATIONS, Some(j), REGION);
            if k == MISSING {
                return Err(invalid(path(), "missing region code"));
            }
            match found[k as usize] {
                MISSING => Err(invalid(
                    path(),
                    format!("{} is not a code in regions.code", enc.keys[k as usize]),
                )),
                r => Ok(r),
            }
        })
        .collect()
}

/// An affair resolved for one methodology: its basic-service bit.
type Resolved = Option<u64>;

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
        let mut resolved: Vec<Vec<Option<Resolved>>> =
            vec![vec![None; affairs.keys.len()]; m.rubrics.len()];
        let mut basic = vec![0u64; invs.rows];
        for (j, &a) in affairs.rows.iter().enumerate() {
            if a == MISSING {
                continue;
            }
            let k = m.of_region[region_of[j] as usize] as usize;
            let slot = &mut resolved[k][a as usize];
            let bit = match slot {
                Some(bit) => *bit,
                None => {
                    let key = affairs.keys[a as usize];
                    let Some(text) = key.text() else {
                        return Err(cell_error(
                            INNOVATIONS,
                            j,
                            URUSAN,
                            format!("{key} is not an affair code"),
                        ));
                    };
                    let r = resolve_affair(m.rubrics[k], Some(text), j)?;
                    *slot.insert(Some(basic_bit(m.rubrics[k], &r)))
                }
            };
            basic[j] = bit.unwrap_or(0);
        }

        // Group innovation rows by region (counting sort, stable).
        let n_regions = regs.rows;
        let mut start = vec![0usize; n_regions + 1];
        for &r in &region_of {
            start[r as usize + 1] += 1;
        }
        for r in 0..n_regions {
            start[r + 1] += start[r];
        }
        let mut next = start.clone();
        let mut order = vec![0usize; invs.rows];
        for (j, &r) in region_of.iter().enumerate() {
            order[next[r as usize]] = j;
            next[r as usize] += 1;
        }

        // Each methodology's view of the columns: its rows in official
        // order (None: no column, unanswered) with their highest level.
        type View<'c> = Vec<(Option<&'c [u8]>, u8, &'c str)>;
        let views: Vec<(View, View)> = m
            .rubrics
            .iter()
            .map(|r| {
                let region = (0..r.region_len())
                    .map(|i| {
                        let code = r.region_code(i);
                        (
                            region_levels.get(code).map(|c| c.as_ref()),
                            r.region_max_level(i),
                            code,
                        )
                    })
                    .collect();
                let innovation = (0..r.innovation_len())
                    .map(|i| {
                        let code = r.innovation_code(i);
                        (
                            innovation_levels.get(code).map(|c| c.as_ref()),
                            r.innovation_max_level(i),
                            code,
                        )
                    })
                    .collect();
                (region, innovation)
            })
            .collect();

        let mut region = Vec::new();
        let mut innovation = Vec::new();
        let mut rows = Vec::with_capacity(n_regions);
        for r in 0..n_regions {
            let k = m.of_region[r] as usize;
            let rubric = m.rubrics[k];
            let (region_view, innovation_view) = &views[k];
            let members = &order[start[r]..start[r + 1]];
            if members.len() > MAX_INNOVATIONS {
                return Err(Error::Input(InputError::TooLarge {
                    path: format!("{REGIONS}[{r}]"),
                    actual: members.len(),
                    limit: MAX_INNOVATIONS,
                }));
            }
            region.clear();
            for &(col, max, code) in region_view {
                let l = col.map_or(0, |c| c[r]);
                if l > max {
                    return Err(out_of_range(cell_path(REGIONS, Some(r), code), l, max));
                }
                region.push(l);
            }
            let width = innovation_view.len();
            innovation.clear();
            innovation.resize(members.len() * width, 0);
            for (i, &(col, max, code)) in innovation_view.iter().enumerate() {
                let Some(col) = col else { continue };
                for (p, &j) in members.iter().enumerate() {
                    let l = col[j];
                    if l > max {
                        return Err(out_of_range(cell_path(INNOVATIONS, Some(j), code), l, max));
                    }
                    innovation[p * width + i] = l;
                }
            }
            let covered = members.iter().fold(0u64, |acc, &j| acc | basic[j]);
            let blocked = mandatory_rule(rubric, &region, &mut innovation);
            let s = summarize(
                rubric,
                &region,
                &innovation,
                members.len() as u32,
                covered,
                blocked,
            );
            rows.push(Headline::of(rubric, &s, None, None));
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
