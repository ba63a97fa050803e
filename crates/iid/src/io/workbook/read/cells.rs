//! One sheet's cells, read from the workbook, and the format's rules
//! for reading a cell: text, a level, a decimal, a date, yes/no, a choice.

use std::collections::BTreeMap;
use std::io::{Read, Seek};

use calamine::{DataRef, ExcelDateTime, Reader, Xlsx};
use rust_decimal::Decimal;

use super::super::{cell_ref, invalid, MAX_COLS, MAX_ROWS};
use crate::error::InputError;
use crate::model::values::{Date, Level};
use crate::text::workbook as t;

/// One cell's value, owned.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    Date(ExcelDateTime),
    /// A formula error (`#N/A`) or an ISO date/duration text Excel wrote.
    Other(String),
}

/// A sheet's non-empty cells by (row, column), 0-based.
pub(crate) struct Sheet {
    pub(crate) name: &'static str,
    pub(crate) cells: BTreeMap<(u32, u16), Value>,
    pub(crate) last_row: u32,
}

impl Sheet {
    pub(crate) fn get(&self, row: u32, col: u16) -> Option<&Value> {
        self.cells.get(&(row, col))
    }

    pub(crate) fn at(&self, row: u32, col: u16) -> String {
        cell_ref(self.name, row, col)
    }

    /// The header text of row 1 at `col`, trimmed.
    pub(crate) fn header(&self, col: u16) -> String {
        match self.get(0, col) {
            Some(Value::Text(s)) => s.trim().to_string(),
            Some(Value::Number(x)) => number_text(*x),
            _ => String::new(),
        }
    }

    /// Require `label` as the header at `col`.
    pub(crate) fn expect(&self, col: u16, label: &str) -> Result<(), InputError> {
        let found = self.header(col);
        if found == label {
            return Ok(());
        }
        Err(invalid(
            self.at(0, col),
            format!(
                "expected the header \"{label}\" here, found \"{found}\": not a workbook made by \
                 `iid template`, or its columns were moved"
            ),
        ))
    }

    /// Whether a row has any cell in `cols`.
    pub(crate) fn row_used(&self, row: u32, cols: impl IntoIterator<Item = u16>) -> bool {
        cols.into_iter().any(|c| self.get(row, c).is_some())
    }

    pub(crate) fn json_error(&self, row: u32, col: u16, message: String) -> InputError {
        InputError::Json {
            path: self.at(row, col),
            message,
        }
    }

    /// A text cell (a number reads as its shortest decimal text); empty is
    /// `None`.
    pub(crate) fn text(&self, row: u32, col: u16) -> Result<Option<String>, InputError> {
        match self.get(row, col) {
            None => Ok(None),
            Some(Value::Text(s)) if s.is_empty() => Ok(None),
            Some(Value::Text(s)) => Ok(Some(s.clone())),
            Some(Value::Number(x)) => Ok(Some(number_text(*x))),
            Some(v) => Err(self.json_error(row, col, format!("expected text, found {}", kind(v)))),
        }
    }

    /// A level cell: a whole number, or a text starting with one (the
    /// dropdown's `2 – ...`); empty is unanswered (`None`).
    pub(crate) fn level(&self, row: u32, col: u16) -> Result<Option<Level>, InputError> {
        let bad = |m: String| self.json_error(row, col, m);
        match self.get(row, col) {
            None => Ok(None),
            Some(Value::Number(x)) => level_of_number(*x).map(Some).map_err(bad),
            Some(Value::Text(s)) => {
                let s = s.trim();
                if s.is_empty() {
                    return Ok(None);
                }
                let digits = s.bytes().take_while(u8::is_ascii_digit).count();
                let rest = s[digits..].trim_start();
                let choice = rest.is_empty()
                    || rest.starts_with('–')
                    || rest.starts_with('-')
                    || rest.starts_with('.');
                if digits == 0 || !choice {
                    return Err(bad(format!(
                        "\"{s}\" is not a level: choose one from the list or enter a whole number \
                         (0: unanswered)"
                    )));
                }
                let n: u64 = s[..digits].parse().unwrap_or(u64::MAX);
                Level::from_u64(n).map(Some).map_err(bad)
            }
            Some(v) => Err(bad(format!("expected a level, found {}", kind(v)))),
        }
    }

    /// A decimal cell: a number (read by its shortest decimal form, as a
    /// JSON number is) or decimal text.
    pub(crate) fn decimal(&self, row: u32, col: u16) -> Result<Option<Decimal>, InputError> {
        let bad = |m: String| self.json_error(row, col, m);
        match self.get(row, col) {
            None => Ok(None),
            Some(Value::Number(x)) => number_text(*x)
                .parse::<Decimal>()
                .map(Some)
                .map_err(|_| bad(format!("{x} is not a decimal number this format holds"))),
            Some(Value::Text(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::Text(s)) => s
                .trim()
                .parse::<Decimal>()
                .map(Some)
                .map_err(|_| bad(format!("\"{s}\" is not a decimal number"))),
            Some(v) => Err(bad(format!("expected a number, found {}", kind(v)))),
        }
    }

    /// A date cell: an Excel date (no time of day) or `YYYY-MM-DD` text.
    pub(crate) fn date(&self, row: u32, col: u16) -> Result<Option<Date>, InputError> {
        let bad = |m: String| self.json_error(row, col, m);
        match self.get(row, col) {
            None => Ok(None),
            Some(Value::Text(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::Text(s)) => Date::parse(s.trim()).map(Some).map_err(bad),
            Some(Value::Date(d)) if d.is_datetime() => {
                let (y, m, day, h, min, sec, ms) = d.to_ymd_hms_milli();
                if (h, min, sec, ms) != (0, 0, 0, 0) {
                    return Err(bad("expected a date without a time of day".into()));
                }
                Date::parse(&format!("{y:04}-{m:02}-{day:02}"))
                    .map(Some)
                    .map_err(bad)
            }
            Some(v) => Err(bad(format!(
                "expected a date (an Excel date or YYYY-MM-DD), found {}",
                kind(v)
            ))),
        }
    }

    /// A yes/no cell.
    pub(crate) fn yes_no(&self, row: u32, col: u16) -> Result<Option<bool>, InputError> {
        if let Some(Value::Bool(b)) = self.get(row, col) {
            return Ok(Some(*b));
        }
        let Some(s) = self.text(row, col)? else {
            return Ok(None);
        };
        match s.trim().to_lowercase().as_str() {
            "ya" | "yes" | "true" | "y" => Ok(Some(true)),
            "tidak" | "no" | "false" | "n" => Ok(Some(false)),
            _ => Err(self.json_error(
                row,
                col,
                format!("\"{s}\" is neither \"{}\" nor \"{}\"", t::YES, t::NO),
            )),
        }
    }

    /// A choice cell: one of `options` by its code or either label, in any
    /// letter case.
    pub(crate) fn choice<T: Copy>(
        &self,
        row: u32,
        col: u16,
        what: &str,
        options: &[(T, &str, &str, &str)],
    ) -> Result<Option<T>, InputError> {
        let Some(s) = self.text(row, col)? else {
            return Ok(None);
        };
        let key = s.trim().to_lowercase();
        for (value, code, id, en) in options {
            if key == *code || key == id.to_lowercase() || key == en.to_lowercase() {
                return Ok(Some(*value));
            }
        }
        let known: Vec<&str> = options.iter().map(|o| o.2).collect();
        Err(self.json_error(
            row,
            col,
            format!("unknown {what} \"{s}\" (one of: {})", known.join(", ")),
        ))
    }
}

pub(crate) fn kind(v: &Value) -> String {
    match v {
        Value::Text(s) => format!("the text \"{s}\""),
        Value::Number(x) => format!("the number {}", number_text(*x)),
        Value::Bool(b) => format!("the boolean {}", if *b { "TRUE" } else { "FALSE" }),
        Value::Date(_) => "a date".into(),
        Value::Other(s) => format!("\"{s}\""),
    }
}

/// A number in its shortest decimal form (`7`, `33.18`).
pub(crate) fn number_text(x: f64) -> String {
    format!("{x}")
}

/// The number rule of levels for a cell's float; a whole number's
/// message shows it as such (`level 12 out of range`).
pub(crate) fn level_of_number(x: f64) -> Result<Level, String> {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        Level::from_i64(x as i64)
    } else {
        Level::from_f64(x)
    }
}

pub(crate) fn load<R: Read + Seek>(
    book: &mut Xlsx<R>,
    name: &'static str,
) -> Result<Sheet, InputError> {
    let names = book.sheet_names();
    if !names.iter().any(|n| n == name) {
        return Err(invalid(
            name.to_string(),
            format!(
                "sheet \"{name}\" is missing (sheets: {}): not a workbook made by `iid template`",
                names.join(", ")
            ),
        ));
    }
    let unreadable =
        |e: calamine::XlsxError| invalid(name.to_string(), format!("cannot read: {e}"));
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut cells = BTreeMap::new();
    let mut last_row = 0;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => Value::Text(s.clone()),
            DataRef::SharedString(s) => Value::Text(s.to_string()),
            DataRef::Int(i) => Value::Number(*i as f64),
            DataRef::Float(x) => Value::Number(*x),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(d) => Value::Date(*d),
            DataRef::DateTimeIso(s) => Value::Other(s.clone()),
            DataRef::DurationIso(s) => Value::Other(s.clone()),
            DataRef::Error(e) => Value::Other(e.to_string()),
        };
        // Within the grid (`refs`): a column past ours, or a row.
        if row >= MAX_ROWS || col >= u32::from(MAX_COLS) {
            let (actual, limit) = if col >= u32::from(MAX_COLS) {
                (col as usize + 1, usize::from(MAX_COLS))
            } else {
                (row as usize + 1, MAX_ROWS as usize)
            };
            return Err(InputError::TooLarge {
                path: cell_ref(name, row, col.min(u32::from(u16::MAX)) as u16),
                actual,
                limit,
            });
        }
        last_row = last_row.max(row);
        cells.insert((row, col as u16), value);
    }
    Ok(Sheet {
        name,
        cells,
        last_row,
    })
}
