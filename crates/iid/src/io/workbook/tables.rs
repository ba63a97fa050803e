//! The national table form ([`crate::table`], `docs/format.md`, "Table
//! form") read from one workbook with two sheets, `regions` and
//! `innovations`: row 1 holds the column labels (`code`, `1`, `2a`, ...;
//! `region`, `urusan`, `16`, ...), each further row one region or one
//! innovation. Cells follow the table form's rules: a level is a whole
//! number (or a dropdown text `2 – ...`), empty is unanswered; a key is
//! text or a whole number.
//!
//! Errors name the sheet and cell (`innovations!H14`) with the table
//! form's codes; [`locate`] turns a table path (`innovations[12].17`)
//! into that cell.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Reader, Xlsx};

use super::read::{load, Sheet, Value};
use super::{cell_ref, invalid};
use crate::error::{Error, InputError};
use crate::model::rubric::CompiledRubric;
use crate::table::{self, Headline, Key, KeyColumn, LevelColumn, TableSource, Unreadable};

/// One sheet of the table form.
pub struct SheetTable {
    sheet: Sheet,
    labels: Vec<String>,
    /// The sheet row (0-based) of each data row.
    rows: Vec<u32>,
}

impl SheetTable {
    fn new(sheet: Sheet) -> Result<SheetTable, InputError> {
        let width = sheet
            .cells
            .keys()
            .filter(|(r, _)| *r == 0)
            .map(|(_, c)| *c + 1)
            .max()
            .unwrap_or(0);
        let mut labels = Vec::with_capacity(usize::from(width));
        for c in 0..width {
            let label = sheet.header(c);
            if label.is_empty() {
                return Err(invalid(
                    sheet.at(0, c),
                    "a column without its label on row 1",
                ));
            }
            labels.push(label);
        }
        let rows = (1..=sheet.last_row)
            .filter(|r| (0..width).any(|c| sheet.get(*r, c).is_some()))
            .collect();
        Ok(SheetTable {
            sheet,
            labels,
            rows,
        })
    }

    /// The cell of a table path's row and column label.
    fn cell(&self, row: Option<usize>, label: &str) -> Option<String> {
        let col = self.labels.iter().position(|l| l == label)? as u16;
        let r = match row {
            Some(i) => *self.rows.get(i)?,
            None => 0,
        };
        Some(cell_ref(self.sheet.name, r, col))
    }

    fn values(&self, i: usize) -> impl Iterator<Item = (usize, Option<&Value>)> {
        self.rows
            .iter()
            .enumerate()
            .map(move |(k, r)| (k, self.sheet.get(*r, i as u16)))
    }
}

impl TableSource for SheetTable {
    fn rows(&self) -> usize {
        self.rows.len()
    }

    fn width(&self) -> usize {
        self.labels.len()
    }

    fn label(&self, i: usize) -> Result<Cow<'_, str>, String> {
        self.labels
            .get(i)
            .map(|l| Cow::Borrowed(l.as_str()))
            .ok_or_else(|| format!("no column {i}"))
    }

    fn levels(&self, i: usize) -> Result<LevelColumn<'_>, Unreadable> {
        let mut out = Vec::with_capacity(self.rows.len());
        for (k, r) in self.rows.iter().enumerate() {
            let level = self
                .sheet
                .level(*r, i as u16)
                .map_err(|e| Unreadable::cell(k, without_path(&e)))?;
            out.push(level.map(|l| l.0));
        }
        Ok(LevelColumn::Optional(Cow::Owned(out)))
    }

    fn keys(&self, i: usize) -> Result<KeyColumn<'_>, Unreadable> {
        let mut out = Vec::with_capacity(self.rows.len());
        for (k, v) in self.values(i) {
            out.push(match v {
                None => None,
                Some(Value::Text(s)) if s.trim().is_empty() => None,
                Some(Value::Text(s)) => Some(Key::Text(Cow::Owned(s.trim().to_string()))),
                Some(Value::Number(x)) if x.fract() == 0.0 && x.abs() < 1e15 => {
                    Some(Key::Int(*x as i64))
                }
                Some(other) => {
                    return Err(Unreadable::cell(
                        k,
                        format!("expected a code (text or a whole number), found {other:?}"),
                    ))
                }
            });
        }
        Ok(KeyColumn::Plain(out))
    }
}

/// The message of a cell error without its path (the table path is put
/// back by the table reader, then [`locate`]d).
fn without_path(e: &InputError) -> String {
    let s = e.to_string();
    match s.split_once(": ") {
        Some((_, rest)) => rest.to_string(),
        None => s,
    }
}

/// The two sheets of a national workbook.
pub fn read_tables(bytes: &[u8]) -> Result<(SheetTable, SheetTable), InputError> {
    super::read::check_bytes(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| invalid("$".into(), format!("not a readable workbook (.xlsx): {e}")))?;
    let regions = SheetTable::new(load(&mut book, table::REGIONS)?)?;
    let innovations = SheetTable::new(load(&mut book, table::INNOVATIONS)?)?;
    Ok((regions, innovations))
}

/// A table error at its cell: `innovations[12].17` becomes
/// `innovations!H14`, `regions.code` the header cell of `code`.
pub fn locate(e: Error, regions: &SheetTable, innovations: &SheetTable) -> Error {
    let Error::Input(i) = e else { return e };
    let path = i.path().to_string();
    let cell = (|| {
        let (table, rest) = path.split_at(path.find(['[', '.'])?);
        let t = match table {
            table::REGIONS => regions,
            table::INNOVATIONS => innovations,
            _ => return None,
        };
        let (row, label) = match rest.strip_prefix('[') {
            Some(r) => {
                let (n, label) = r.split_once("].")?;
                (Some(n.parse::<usize>().ok()?), label)
            }
            None => (None, rest.strip_prefix('.')?),
        };
        t.cell(row, label)
    })();
    match cell {
        Some(c) => Error::Input(i.at(c)),
        None => Error::Input(i),
    }
}

/// Score the national tables of a workbook: one headline row per region,
/// in order, errors at their cells.
pub fn score_tables(bytes: &[u8], rubric: Option<&CompiledRubric>) -> Result<Vec<Headline>, Error> {
    let (regions, innovations) = read_tables(bytes)?;
    table::read_for_scoring(&regions, &innovations, rubric)
        .and_then(|input| input.score(rubric))
        .map_err(|e| locate(e, &regions, &innovations))
}
