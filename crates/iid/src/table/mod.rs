//! The table form of the interchange format, and batch scoring.
//!
//! Many regions at once, laid out as two tables (the shape of the
//! ministry's export; `docs/format.md`, "Table form"):
//!
//! - **regions**, one row per region: `code` (unique), optionally
//!   `methodology`, and one column per region indicator code (`1`, `2a`);
//! - **innovations**, one row per innovation: `region` (a code from
//!   `regions.code`), optionally `urusan`, and one column per innovation
//!   indicator code (`16` ... `35`).
//!
//! A cell is a level under the one number rule of [`Level`]: a whole
//! number 0 to the indicator's parameters, a whole-valued float (`3.0`)
//! being that number; an empty cell (NaN, `None`) or an absent column is
//! unanswered. Columns that are not indicator codes are not read.
//!
//! [`TableInput`] is the typed form (columns as [`LevelColumn`] and
//! [`KeyColumn`]); [`TableInput::score`] scores it to one [`Headline`] per
//! region row, in order, with the figures [`crate::score`] gives for the
//! same submission. A binding that holds its tables in its own carrier
//! (numpy arrays, Arrow buffers) implements [`TableSource`] and calls
//! [`read`], which reads only the columns scoring needs.
//!
//! [`score_batch`] scores many submissions in parallel (feature
//! `parallel`, on by default), answering in input order; a plain
//! submission takes a quick path straight into its row
//! ([`read_headline`], also for bindings that read their own carrier).
//! [`to_tables`] lays submissions out as the two tables.
//!
//! Errors name the table, the row position and the column:
//! `innovations[12].17`, `regions[3].code`, `innovations[0].urusan`;
//! `regions.2a` for a column as a whole.
//!
//! [`Level`]: crate::model::values::Level

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::{Error, InputError};
use crate::model::rubric::CompiledRubric;

mod batch;
mod column;
#[cfg(feature = "csv")]
pub mod csv;
mod headline;
mod output;
mod quick;
mod rows;
mod score;

pub use batch::{score_batch, BatchError, BatchItem, MAX_THREADS};
pub use column::{Codes, Key, KeyColumn, LevelColumn};
pub use headline::{distinct, DecimalText, Headline, HeadlineColumns};
pub use output::{to_tables, InnovationRows, RegionRows, Tables};
pub use quick::read_headline;

/// Name of the regions table, as error paths spell it.
pub const REGIONS: &str = "regions";
/// Name of the innovations table.
pub const INNOVATIONS: &str = "innovations";
/// The region code column of the regions table.
pub const CODE: &str = "code";
/// The methodology column of the regions table.
pub const METHODOLOGY: &str = "methodology";
/// The optional name, level and cluster-flag columns of the regions table.
pub const NAME: &str = "name";
pub const LEVEL: &str = "level";
pub const CLUSTERS: &str = "clusters";
/// The region column of the innovations table.
pub const REGION: &str = "region";
/// The affair column of the innovations table.
pub const URUSAN: &str = "urusan";

/// Both tables, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct TableInput<'a> {
    pub regions: RegionTable<'a>,
    pub innovations: InnovationTable<'a>,
}

/// The regions table.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionTable<'a> {
    /// Number of rows.
    pub rows: usize,
    /// Region codes, unique, none missing.
    pub code: KeyColumn<'a>,
    /// Each region's methodology id; read when no rubric is given.
    pub methodology: Option<KeyColumn<'a>>,
    /// Region names, levels (`provinsi`, `kabupaten`, `kota`) and award
    /// cluster flags (`perbatasan;tertinggal`), read for rankings.
    pub name: Option<KeyColumn<'a>>,
    pub level: Option<KeyColumn<'a>>,
    pub clusters: Option<KeyColumn<'a>>,
    /// Indicator columns by code; columns no methodology uses are not
    /// read.
    pub levels: Vec<(Cow<'a, str>, LevelColumn<'a>)>,
}

/// The innovations table.
#[derive(Debug, Clone, PartialEq)]
pub struct InnovationTable<'a> {
    /// Number of rows.
    pub rows: usize,
    /// Each innovation's region code (one of `regions.code`).
    pub region: KeyColumn<'a>,
    /// Each innovation's affair (text; missing: none).
    pub urusan: Option<KeyColumn<'a>>,
    /// Indicator columns by code.
    pub levels: Vec<(Cow<'a, str>, LevelColumn<'a>)>,
}

/// A column a [`TableSource`] cannot read: the row at fault (`None`: the
/// column as a whole, such as a column of dates) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub row: Option<usize>,
    pub message: String,
}

impl Unreadable {
    /// A column that cannot be read as a whole.
    pub fn column(message: impl Into<String>) -> Unreadable {
        Unreadable {
            row: None,
            message: message.into(),
        }
    }

    /// A cell that cannot be read.
    pub fn cell(row: usize, message: impl Into<String>) -> Unreadable {
        Unreadable {
            row: Some(row),
            message: message.into(),
        }
    }

    fn at(self, table: &str, column: &str) -> Error {
        Error::Input(InputError::Json {
            path: cell_path(table, self.row, column),
            message: self.message,
        })
    }
}

/// One table as a binding holds it: labelled columns, each read on
/// demand as levels or as keys. [`read`] asks only for the columns it
/// scores.
pub trait TableSource {
    /// Number of rows.
    fn rows(&self) -> usize;
    /// Number of columns.
    fn width(&self) -> usize;
    /// The label of column `i` as text (a label that is a number reads as
    /// its decimal text); an error message when it has no text form.
    fn label(&self, i: usize) -> Result<Cow<'_, str>, String>;
    /// Column `i` as levels.
    fn levels(&self, i: usize) -> Result<LevelColumn<'_>, Unreadable>;
    /// Column `i` as keys.
    fn keys(&self, i: usize) -> Result<KeyColumn<'_>, Unreadable>;
}

/// `table[row].column`, or `table.column` for a whole column.
pub(crate) fn cell_path(table: &str, row: Option<usize>, column: &str) -> String {
    match row {
        Some(r) => format!("{table}[{r}].{column}"),
        None => format!("{table}.{column}"),
    }
}

pub(crate) fn invalid(path: String, message: impl Into<String>) -> Error {
    Error::Input(InputError::Invalid {
        path,
        message: message.into(),
    })
}

/// The columns of a source by label; a label read twice is an error when
/// scoring reads that column (`wanted`).
struct Labels<'s> {
    table: &'static str,
    index: HashMap<Cow<'s, str>, Result<usize, ()>>,
}

impl<'s> Labels<'s> {
    fn of<S: TableSource + ?Sized>(table: &'static str, src: &'s S) -> Result<Labels<'s>, Error> {
        let mut index = HashMap::with_capacity(src.width());
        for i in 0..src.width() {
            let label = src.label(i).map_err(|message| {
                Error::Input(InputError::Json {
                    path: format!("{table}.columns[{i}]"),
                    message,
                })
            })?;
            index
                .entry(label)
                .and_modify(|e| *e = Err(()))
                .or_insert(Ok(i));
        }
        Ok(Labels { table, index })
    }

    /// The column labelled `label`, if any; an error if two are.
    fn get(&self, label: &str) -> Result<Option<usize>, Error> {
        match self.index.get(label) {
            None => Ok(None),
            Some(Ok(i)) => Ok(Some(*i)),
            Some(Err(())) => Err(invalid(
                format!("{}.{label}", self.table),
                "two columns have this label",
            )),
        }
    }

    fn require(&self, label: &str) -> Result<usize, Error> {
        self.get(label)?
            .ok_or_else(|| invalid(format!("{}.{label}", self.table), "missing column"))
    }
}

/// Read the columns scoring and ranking need from two sources: the key
/// columns, the methodology column when no `rubric` is given, the
/// indicator columns of the methodologies in use, and the regions'
/// `name`, `level` and `clusters` (which a ranking reports and an award
/// groups by). Columns of other labels are not read. Score the answer with
/// [`TableInput::score`] (with the same `rubric`).
pub fn read<'s, R, I>(
    regions: &'s R,
    innovations: &'s I,
    rubric: Option<&CompiledRubric>,
) -> Result<TableInput<'s>, Error>
where
    R: TableSource + ?Sized,
    I: TableSource + ?Sized,
{
    read_columns(regions, innovations, rubric, true)
}

/// [`read`] without the columns only a ranking reads (`name`, `level`,
/// `clusters`): what [`TableInput::score`] uses, for a caller that only
/// scores (a nation's 548 names are a tenth of the reading).
pub fn read_for_scoring<'s, R, I>(
    regions: &'s R,
    innovations: &'s I,
    rubric: Option<&CompiledRubric>,
) -> Result<TableInput<'s>, Error>
where
    R: TableSource + ?Sized,
    I: TableSource + ?Sized,
{
    read_columns(regions, innovations, rubric, false)
}

fn read_columns<'s, R, I>(
    regions: &'s R,
    innovations: &'s I,
    rubric: Option<&CompiledRubric>,
    ranking: bool,
) -> Result<TableInput<'s>, Error>
where
    R: TableSource + ?Sized,
    I: TableSource + ?Sized,
{
    let rl = Labels::of(REGIONS, regions)?;
    let il = Labels::of(INNOVATIONS, innovations)?;
    let keys = |src: &'s R, table: &str, label: &str, i: usize| {
        src.keys(i).map_err(|e| e.at(table, label))
    };
    let code = keys(regions, REGIONS, CODE, rl.require(CODE)?)?;
    let methodology = match (rubric, rl.get(METHODOLOGY)?) {
        (None, Some(i)) => Some(keys(regions, REGIONS, METHODOLOGY, i)?),
        _ => None,
    };
    let region_col = il.require(REGION)?;
    let region = innovations
        .keys(region_col)
        .map_err(|e| e.at(INNOVATIONS, REGION))?;
    let urusan = match il.get(URUSAN)? {
        Some(i) => Some(innovations.keys(i).map_err(|e| e.at(INNOVATIONS, URUSAN))?),
        None => None,
    };
    let optional = |label: &str| -> Result<Option<KeyColumn<'s>>, Error> {
        match rl.get(label)? {
            Some(i) if ranking => Ok(Some(keys(regions, REGIONS, label, i)?)),
            _ => Ok(None),
        }
    };
    let (name, level, clusters) = (optional(NAME)?, optional(LEVEL)?, optional(CLUSTERS)?);
    let mut input = TableInput {
        regions: RegionTable {
            rows: regions.rows(),
            code,
            methodology,
            name,
            level,
            clusters,
            levels: Vec::new(),
        },
        innovations: InnovationTable {
            rows: innovations.rows(),
            region,
            urusan,
            levels: Vec::new(),
        },
    };
    let m = score::methodologies(&input.regions, rubric)?;
    let (region_codes, innovation_codes) = score::codes(&m.rubrics);
    for code in region_codes {
        if let Some(i) = rl.get(code)? {
            let col = regions.levels(i).map_err(|e| e.at(REGIONS, code))?;
            input
                .regions
                .levels
                .push((Cow::Owned(code.to_string()), col));
        }
    }
    for code in innovation_codes {
        if let Some(i) = il.get(code)? {
            let col = innovations.levels(i).map_err(|e| e.at(INNOVATIONS, code))?;
            input
                .innovations
                .levels
                .push((Cow::Owned(code.to_string()), col));
        }
    }
    Ok(input)
}

#[cfg(test)]
mod order_tests;
#[cfg(test)]
mod read_tests;
#[cfg(test)]
mod tests;
