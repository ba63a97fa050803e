//! The table form read from CSV text (feature `csv`): a header row of
//! labels, then one row per region or innovation. A level cell is read by
//! the number rule of a submission (`3`, `3.0`; empty is unanswered);
//! a key cell is its text, trimmed. Rows shorter or longer than the
//! header are errors naming the row.
//!
//! Worst case: the text is parsed once into owned cells (memory about
//! the text's size); each column is read on demand.

use std::borrow::Cow;

use super::{Key, KeyColumn, LevelColumn, TableSource, Unreadable};
use crate::error::{Error, InputError};
use crate::model::values::Level;

/// One CSV table, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvTable {
    labels: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl CsvTable {
    /// Parse CSV text (a byte-order mark is skipped) with its header.
    /// `table` names the table in error paths (`regions`).
    pub fn parse(text: &str, table: &str) -> Result<CsvTable, Error> {
        let text = crate::model::json::strip_bom(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let labels = reader
            .headers()
            .map_err(|e| csv_error(table, None, &e))?
            .iter()
            .map(|s| s.trim().to_string())
            .collect();
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| csv_error(table, Some(i), &e))?;
            rows.push(record.iter().map(str::to_string).collect());
        }
        Ok(CsvTable { labels, rows })
    }

    fn cells(&self, i: usize) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .map(move |r| r.get(i).map_or("", |s| s.trim()))
    }
}

fn csv_error(table: &str, row: Option<usize>, e: &csv::Error) -> Error {
    let path = match row {
        Some(r) => format!("{table}[{r}]"),
        None => format!("{table}.columns"),
    };
    Error::Input(InputError::Json {
        path,
        message: format!("not readable as CSV: {e}"),
    })
}

/// A level cell: empty is unanswered; otherwise a number under the
/// number rule of [`Level`].
fn level(cell: &str) -> Result<Option<u8>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    let l = match cell.parse::<i64>() {
        Ok(i) => Level::from_i64(i)?,
        Err(_) => match cell.parse::<f64>() {
            Ok(n) => Level::from_f64(n)?,
            Err(_) => return Err(format!("expected a level (a whole number), got \"{cell}\"")),
        },
    };
    Ok(Some(l.0).filter(|&l| l > 0))
}

impl TableSource for CsvTable {
    fn rows(&self) -> usize {
        self.rows.len()
    }

    fn width(&self) -> usize {
        self.labels.len()
    }

    fn label(&self, i: usize) -> Result<Cow<'_, str>, String> {
        self.labels
            .get(i)
            .map(|s| Cow::Borrowed(s.as_str()))
            .ok_or_else(|| format!("no column {i}"))
    }

    fn levels(&self, i: usize) -> Result<LevelColumn<'_>, Unreadable> {
        let mut out = Vec::with_capacity(self.rows.len());
        for (r, cell) in self.cells(i).enumerate() {
            out.push(level(cell).map_err(|m| Unreadable::cell(r, m))?);
        }
        Ok(LevelColumn::Optional(Cow::Owned(out)))
    }

    fn keys(&self, i: usize) -> Result<KeyColumn<'_>, Unreadable> {
        Ok(KeyColumn::Plain(
            self.cells(i)
                .map(|c| (!c.is_empty()).then_some(Key::Text(Cow::Borrowed(c))))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::read;

    #[test]
    fn csv_tables_score_as_the_submission_does() {
        let regions = CsvTable::parse(
            "\u{feff}code,name,methodology,level,clusters,1,6\n11.01,Kab A,iid-2026,kabupaten,perbatasan;tertinggal,3,\n",
            "regions",
        )
        .unwrap();
        let innovations =
            CsvTable::parse("region,urusan,16,17\n11.01,,3,2.0\n", "innovations").unwrap();
        let input = read(&regions, &innovations, None).unwrap();
        let h = input.score(None).unwrap();
        // SPD 1 x 3 = 3; rows 3 x 3 + 2 x 2 = 13, /12; index 0.4 x (3 + 13/12).
        assert_eq!(h[0].index_exact.to_string(), "1.6333333333");
        assert!(input.regions.clusters.is_some());
    }

    #[test]
    fn bad_cells_and_ragged_rows_name_their_place() {
        let regions = CsvTable::parse("code,methodology,1\na,iid-2026,2.5\n", "regions").unwrap();
        let innovations = CsvTable::parse("region,16\na,1\n", "innovations").unwrap();
        let e = read(&regions, &innovations, None).unwrap_err();
        assert_eq!(e.path(), "regions[0].1");
        let e = CsvTable::parse("code,1\na,1,2\n", "regions").unwrap_err();
        assert_eq!(e.path(), "regions[0]");
        let regions = CsvTable::parse("code,methodology,1\na,iid-2026,x\n", "regions").unwrap();
        assert_eq!(
            read(&regions, &innovations, None).unwrap_err().path(),
            "regions[0].1"
        );
        assert_eq!(level(""), Ok(None));
        assert_eq!(level("0"), Ok(None));
        assert_eq!(level("3"), Ok(Some(3)));
        assert!(level("-1").is_err());
    }
}
