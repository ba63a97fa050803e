//! Reading a filled-in workbook into a submission, with the cell of every
//! field (so that errors found later name their cell).
//!
//! The reader checks the layout first: each data sheet must be there and
//! its headers where the template puts them; a workbook that is not one of
//! ours is refused with the sheet or header cell at fault, never guessed
//! at. It then reads cells by the format's rules (`docs/workbook.md`):
//! a level is a whole number (or a dropdown text, `2 – ...`), a date an
//! Excel date or `YYYY-MM-DD` text, a choice its label or its JSON code.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read, Seek};

use calamine::{DataRef, ExcelDateTime, Reader, Xlsx};
use rust_decimal::Decimal;

use super::write::{FORMS, INITIATORS, KINDS, STATUSES};
use super::{cell_ref, invalid, FIRST_ROW, MAX_COLS, MAX_ROWS, MAX_UNPACKED_BYTES};
use crate::error::InputError;
use crate::io::{CellMap, Loaded};
use crate::model::evidence::{Evidence, Verification};
use crate::model::submission::{Answer, AnswerDetail, Innovation, Region, Submission};
use crate::model::values::{Date, Level, Stage};
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
    fn expect(&self, col: u16, label: &str) -> Result<(), InputError> {
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
    fn row_used(&self, row: u32, cols: impl IntoIterator<Item = u16>) -> bool {
        cols.into_iter().any(|c| self.get(row, c).is_some())
    }

    fn json_error(&self, row: u32, col: u16, message: String) -> InputError {
        InputError::Json {
            path: self.at(row, col),
            message,
        }
    }

    /// A text cell (a number reads as its shortest decimal text); empty is
    /// `None`.
    fn text(&self, row: u32, col: u16) -> Result<Option<String>, InputError> {
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
    fn decimal(&self, row: u32, col: u16) -> Result<Option<Decimal>, InputError> {
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
    fn date(&self, row: u32, col: u16) -> Result<Option<Date>, InputError> {
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
    fn yes_no(&self, row: u32, col: u16) -> Result<Option<bool>, InputError> {
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
    fn choice<T: Copy>(
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

fn kind(v: &Value) -> String {
    match v {
        Value::Text(s) => format!("the text \"{s}\""),
        Value::Number(x) => format!("the number {}", number_text(*x)),
        Value::Bool(b) => format!("the boolean {}", if *b { "TRUE" } else { "FALSE" }),
        Value::Date(_) => "a date".into(),
        Value::Other(s) => format!("\"{s}\""),
    }
}

/// A number in its shortest decimal form (`7`, `33.18`).
fn number_text(x: f64) -> String {
    format!("{x}")
}

/// The number rule of levels for a cell's float; a whole number's
/// message shows it as such (`level 12 out of range`).
fn level_of_number(x: f64) -> Result<Level, String> {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        Level::from_i64(x as i64)
    } else {
        Level::from_f64(x)
    }
}

/// Refuse a zip whose parts would inflate past the limit (before any is
/// inflated).
fn check_unpacked(bytes: &[u8]) -> Result<(), InputError> {
    let not_zip = |e: zip::result::ZipError| {
        invalid("$".into(), format!("not a readable workbook (.xlsx): {e}"))
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_zip)?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(not_zip)?;
        total = total.saturating_add(f.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(InputError::TooLarge {
            path: "$".into(),
            actual: usize::try_from(total).unwrap_or(usize::MAX),
            limit: MAX_UNPACKED_BYTES as usize,
        });
    }
    Ok(())
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
        if row >= MAX_ROWS || col >= u32::from(MAX_COLS) {
            return Err(InputError::TooLarge {
                path: cell_ref(name, row, col.min(u32::from(u16::MAX)) as u16),
                actual: row as usize + 1,
                limit: MAX_ROWS as usize,
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

/// The size limits of a workbook file, checked before it is read.
pub(crate) fn check_bytes(bytes: &[u8]) -> Result<(), InputError> {
    if bytes.len() > super::MAX_WORKBOOK_BYTES {
        return Err(InputError::TooLarge {
            path: "$".into(),
            actual: bytes.len(),
            limit: super::MAX_WORKBOOK_BYTES,
        });
    }
    check_unpacked(bytes)
}

/// Read a workbook into a submission and the cells of its fields.
pub fn read(bytes: &[u8]) -> Result<Loaded, InputError> {
    check_bytes(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| invalid("$".into(), format!("not a readable workbook (.xlsx): {e}")))?;
    let mut r = Reading::default();
    r.region(&load(&mut book, t::SHEET_REGION)?)?;
    r.spd(&load(&mut book, t::SHEET_SPD)?)?;
    r.innovations(&load(&mut book, t::SHEET_INNOVATIONS)?)?;
    r.details(&load(&mut book, t::SHEET_DETAILS)?)?;
    r.evidence(&load(&mut book, t::SHEET_EVIDENCE)?)?;
    r.verification(&load(&mut book, t::SHEET_VERIFICATION)?)?;
    Ok(r.finish())
}

/// An answer being assembled from its cells.
#[derive(Default)]
struct Builder {
    level: Option<Level>,
    detail: AnswerDetail,
    /// The cell of the answer itself (its level cell, or the first row
    /// that mentions it).
    cell: Option<String>,
    /// The row that gave the details (a second one is an error).
    detail_row: Option<String>,
    fields: Vec<(String, String)>,
}

impl Builder {
    fn answer(self) -> Option<Answer> {
        let d = self.detail;
        let bare = d.value.is_none()
            && d.category.is_none()
            && d.basis.is_none()
            && d.note.is_none()
            && d.evidence.is_empty()
            && d.verification.is_none();
        match (self.level, bare) {
            (None, true) => None,
            (Some(l), true) => Some(Answer::Level(l)),
            (level, false) => Some(Answer::Detailed(Box::new(AnswerDetail { level, ..d }))),
        }
    }
}

/// Which answer: the innovation's position (`None` for SPD) and the code.
type Key = (Option<usize>, String);

#[derive(Default)]
struct Reading {
    sub: Submission,
    cells: CellMap,
    answers: BTreeMap<Key, Builder>,
    /// Innovation ids to their positions and rows.
    ids: HashMap<String, usize>,
}

impl Reading {
    fn cell(&mut self, path: impl Into<String>, cell: String) {
        self.cells.insert(path.into(), cell);
    }

    fn builder(&mut self, key: Key, cell: String) -> &mut Builder {
        let b = self.answers.entry(key).or_default();
        if b.cell.is_none() {
            b.cell = Some(cell);
        }
        b
    }

    fn region(&mut self, s: &Sheet) -> Result<(), InputError> {
        s.expect(0, t::REGION_FIELD.0)?;
        s.expect(1, t::REGION_VALUE.0)?;
        s.expect(4, t::REGION_AGENCIES.0)?;
        let mut values = Vec::new();
        for (i, (label, _)) in t::REGION_ROWS.iter().enumerate() {
            let row = FIRST_ROW + i as u32;
            let found = s.text(row, 0)?.unwrap_or_default();
            if found.trim() != *label {
                return Err(invalid(
                    s.at(row, 0),
                    format!(
                        "expected the field \"{label}\" here, found \"{found}\": not a workbook \
                         made by `iid template`, or its rows were moved"
                    ),
                ));
            }
            values.push(s.text(row, 1)?);
        }
        let paths = [
            "methodology",
            "region.code",
            "region.name",
            "region.level",
            "region.province",
        ];
        for (i, p) in paths.iter().enumerate() {
            self.cell(*p, s.at(FIRST_ROW + i as u32, 1));
        }
        self.cell("region", s.at(FIRST_ROW + 1, 1));
        let mut v = values.into_iter();
        self.sub.methodology = v.next().flatten();
        let region = Region {
            code: v.next().flatten(),
            name: v.next().flatten(),
            level: v.next().flatten(),
            province: v.next().flatten(),
        };
        if region != Region::default() {
            self.sub.region = Some(region);
        }
        self.cell("agencies", s.at(FIRST_ROW, 4));
        for row in FIRST_ROW..=s.last_row {
            if let Some(a) = s.text(row, 4)? {
                self.cell(
                    format!("agencies[{}]", self.sub.agencies.len()),
                    s.at(row, 4),
                );
                self.sub.agencies.push(a);
            }
        }
        Ok(())
    }

    fn spd(&mut self, s: &Sheet) -> Result<(), InputError> {
        for (c, h) in [t::SPD_CODE, t::SPD_NAME, t::SPD_WEIGHT, t::SPD_MANDATORY]
            .iter()
            .enumerate()
        {
            s.expect(c as u16, h.0)?;
        }
        let level_col = (4..MAX_COLS)
            .find(|c| s.header(*c) == t::LEVEL.0)
            .ok_or_else(|| {
                invalid(
                    s.at(0, 4),
                    format!(
                        "no column headed \"{}\" on row 1: not a workbook made by `iid template`",
                        t::LEVEL.0
                    ),
                )
            })?;
        for (k, h) in [t::VALUE, t::CATEGORY, t::BASIS, t::NOTE]
            .iter()
            .enumerate()
        {
            s.expect(level_col + 1 + k as u16, h.0)?;
        }
        self.cell("spd", t::SHEET_SPD.to_string());
        let answer_cols = level_col..level_col + 5;
        let mut seen: HashMap<String, u32> = HashMap::new();
        for row in FIRST_ROW..=s.last_row {
            if !s.row_used(row, answer_cols.clone()) {
                continue;
            }
            let Some(code) = s.text(row, 0)? else {
                return Err(invalid(
                    s.at(row, 0),
                    "an answer on a row without an indicator code",
                ));
            };
            if seen.insert(code.clone(), row).is_some() {
                return Err(s.json_error(row, 0, format!("indicator \"{code}\" is given twice")));
            }
            let path = format!("spd.{code}");
            let level = s.level(row, level_col)?;
            let detail = AnswerDetail {
                value: s.decimal(row, level_col + 1)?,
                category: s.text(row, level_col + 2)?,
                basis: s.text(row, level_col + 3)?,
                note: s.text(row, level_col + 4)?,
                ..AnswerDetail::default()
            };
            let fields = [
                ("level", 0),
                ("value", 1),
                ("category", 2),
                ("basis", 3),
                ("note", 4),
            ]
            .iter()
            .map(|(f, k)| (format!("{path}.{f}"), s.at(row, level_col + k)))
            .collect();
            let b = self.builder((None, code), s.at(row, level_col));
            b.level = level;
            b.detail = detail;
            b.fields = fields;
        }
        Ok(())
    }

    fn innovations(&mut self, s: &Sheet) -> Result<(), InputError> {
        for (c, h) in t::INNOVATION_LEADING.iter().enumerate() {
            s.expect(c as u16, h.0)?;
        }
        let first = t::INNOVATION_LEADING.len() as u16;
        let trailing = (first..MAX_COLS)
            .find(|c| s.header(*c) == t::INNOVATION_TRAILING[0].0)
            .ok_or_else(|| {
                invalid(
                    s.at(0, first),
                    format!(
                        "no column headed \"{}\" on row 1: not a workbook made by `iid template`",
                        t::INNOVATION_TRAILING[0].0
                    ),
                )
            })?;
        for (k, h) in t::INNOVATION_TRAILING.iter().enumerate() {
            s.expect(trailing + k as u16, h.0)?;
        }
        let mut codes = Vec::new();
        for c in first..trailing {
            let code = s.header(c);
            if code.is_empty() {
                return Err(invalid(
                    s.at(0, c),
                    "an indicator column without its code on row 1",
                ));
            }
            codes.push((c, code));
        }
        self.cell("innovations", t::SHEET_INNOVATIONS.to_string());
        let used = 0..trailing + t::INNOVATION_TRAILING.len() as u16;
        for row in FIRST_ROW..=s.last_row {
            if !s.row_used(row, used.clone()) {
                continue;
            }
            let j = self.sub.innovations.len();
            let at = |c: u16| s.at(row, c);
            let id = s.text(row, 0)?.unwrap_or_default();
            if !id.is_empty() {
                if let Some(_first) = self.ids.get(&id) {
                    return Err(InputError::DuplicateId { path: at(0), id });
                }
                self.ids.insert(id.clone(), j);
            }
            let p = format!("innovations[{j}]");
            self.cell(p.clone(), at(0));
            let leading = ["id", "name", "urusan", "agency", "stage", "implemented_on"];
            for (k, f) in leading.iter().enumerate() {
                self.cell(format!("{p}.{f}"), at(k as u16));
            }
            let trailing_fields = ["form", "digital", "initiator", "design"];
            for (k, f) in trailing_fields.iter().enumerate() {
                self.cell(format!("{p}.{f}"), at(trailing + k as u16));
            }
            let stages = [Stage::Initiative, Stage::Trial, Stage::Implemented];
            let stage_options: Vec<_> = stages
                .iter()
                .map(|x| {
                    let (id, en) = crate::text::messages::stage_name(*x);
                    (*x, stage_code(*x), id, en)
                })
                .collect();
            let form_options: Vec<_> = FORMS
                .iter()
                .map(|x| (*x, form_code(*x), t::form(*x).0, t::form(*x).1))
                .collect();
            let initiator_options: Vec<_> = INITIATORS
                .iter()
                .map(|x| {
                    let (id, en) = t::initiator(*x);
                    (*x, initiator_code(*x), id, en)
                })
                .collect();
            let inv = Innovation {
                id,
                name: s.text(row, 1)?,
                urusan: s.text(row, 2)?,
                agency: s.text(row, 3)?,
                stage: s.choice(row, 4, "stage", &stage_options)?,
                implemented_on: s.date(row, 5)?,
                form: s.choice(row, trailing, "form", &form_options)?,
                digital: s.yes_no(row, trailing + 1)?,
                initiator: s.choice(row, trailing + 2, "initiator", &initiator_options)?,
                design: s.text(row, trailing + 3)?,
                levels: BTreeMap::new(),
            };
            for (c, code) in &codes {
                if let Some(level) = s.level(row, *c)? {
                    let cell = at(*c);
                    let b = self.builder((Some(j), code.clone()), cell.clone());
                    b.level = Some(level);
                    b.fields.push((format!("{p}.levels.{code}.level"), cell));
                }
            }
            self.sub.innovations.push(inv);
        }
        Ok(())
    }

    /// The answer columns of a keyed sheet, checked; the answer's key.
    fn key(&self, s: &Sheet, row: u32) -> Result<(Key, String), InputError> {
        let code = s.text(row, 1)?.ok_or_else(|| {
            invalid(
                s.at(row, 1),
                "a row without the indicator code of its answer",
            )
        })?;
        match s.text(row, 0)? {
            None => Ok(((None, code.clone()), format!("spd.{code}"))),
            Some(id) => match self.ids.get(&id) {
                Some(j) => Ok((
                    (Some(*j), code.clone()),
                    format!("innovations[{j}].levels.{code}"),
                )),
                None => Err(invalid(
                    s.at(row, 0),
                    format!(
                        "innovation \"{id}\" is not on sheet {}",
                        t::SHEET_INNOVATIONS
                    ),
                )),
            },
        }
    }

    fn keyed_headers(s: &Sheet, rest: &[t::Header]) -> Result<(), InputError> {
        s.expect(0, t::ANSWER_INNOVATION.0)?;
        s.expect(1, t::ANSWER_INDICATOR.0)?;
        for (k, h) in rest.iter().enumerate() {
            s.expect(2 + k as u16, h.0)?;
        }
        Ok(())
    }

    fn details(&mut self, s: &Sheet) -> Result<(), InputError> {
        Self::keyed_headers(s, &t::DETAIL_COLUMNS)?;
        for row in FIRST_ROW..=s.last_row {
            if !s.row_used(row, 0..6) {
                continue;
            }
            let (key, path) = self.key(s, row)?;
            if key.0.is_none() {
                return Err(invalid(
                    s.at(row, 0),
                    format!(
                        "sheet {} holds innovation answers: the values of SPD rows go on sheet {}",
                        t::SHEET_DETAILS,
                        t::SHEET_SPD
                    ),
                ));
            }
            let value = s.decimal(row, 2)?;
            let category = s.text(row, 3)?;
            let basis = s.text(row, 4)?;
            let note = s.text(row, 5)?;
            let b = self.builder(key, s.at(row, 1));
            if let Some(first) = &b.detail_row {
                return Err(invalid(
                    s.at(row, 1),
                    format!("a second row for the answer {path} (the first is {first})"),
                ));
            }
            b.detail_row = Some(s.at(row, 1));
            b.detail.value = value;
            b.detail.category = category;
            b.detail.basis = basis;
            b.detail.note = note;
            for (f, c) in [("value", 2), ("category", 3), ("basis", 4), ("note", 5)] {
                b.fields.push((format!("{path}.{f}"), s.at(row, c)));
            }
        }
        Ok(())
    }

    fn evidence(&mut self, s: &Sheet) -> Result<(), InputError> {
        Self::keyed_headers(s, &t::EVIDENCE_COLUMNS)?;
        let kinds: Vec<_> = KINDS
            .iter()
            .map(|k| {
                let (id, en) = t::evidence_kind(*k);
                (*k, kind_code(*k), id, en)
            })
            .collect();
        for row in FIRST_ROW..=s.last_row {
            if !s.row_used(row, 0..7) {
                continue;
            }
            let (key, path) = self.key(s, row)?;
            let Some(kind) = s.choice(row, 2, "evidence kind", &kinds)? else {
                return Err(s.json_error(row, 2, "missing field `kind`".into()));
            };
            let e = Evidence {
                kind,
                title: s.text(row, 3)?,
                issued: s.date(row, 4)?,
                url: s.text(row, 5)?,
                sha256: s.text(row, 6)?,
            };
            let b = self.builder(key, s.at(row, 1));
            let p = format!("{path}.evidence[{}]", b.detail.evidence.len());
            b.fields.push((p.clone(), s.at(row, 1)));
            for (f, c) in [
                ("kind", 2),
                ("title", 3),
                ("issued", 4),
                ("url", 5),
                ("sha256", 6),
            ] {
                b.fields.push((format!("{p}.{f}"), s.at(row, c)));
            }
            b.detail.evidence.push(e);
        }
        Ok(())
    }

    fn verification(&mut self, s: &Sheet) -> Result<(), InputError> {
        Self::keyed_headers(s, &t::VERIFICATION_COLUMNS)?;
        let statuses: Vec<_> = STATUSES
            .iter()
            .map(|x| {
                let (id, en) = t::verification_status(*x);
                (*x, en, id, en)
            })
            .collect();
        for row in FIRST_ROW..=s.last_row {
            if !s.row_used(row, 0..7) {
                continue;
            }
            let (key, path) = self.key(s, row)?;
            let Some(status) = s.choice(row, 2, "verification status", &statuses)? else {
                return Err(s.json_error(row, 2, "missing field `status`".into()));
            };
            let v = Verification {
                status,
                level: s.level(row, 3)?,
                note: s.text(row, 4)?,
                verifier: s.text(row, 5)?,
                date: s.date(row, 6)?,
            };
            let b = self.builder(key, s.at(row, 1));
            if b.detail.verification.is_some() {
                return Err(invalid(
                    s.at(row, 1),
                    format!("a second verification of the answer {path}"),
                ));
            }
            let p = format!("{path}.verification");
            b.fields.push((p.clone(), s.at(row, 2)));
            for (f, c) in [
                ("status", 2),
                ("level", 3),
                ("note", 4),
                ("verifier", 5),
                ("date", 6),
            ] {
                b.fields.push((format!("{p}.{f}"), s.at(row, c)));
            }
            b.detail.verification = Some(v);
        }
        Ok(())
    }

    fn finish(mut self) -> Loaded {
        let answers = std::mem::take(&mut self.answers);
        for ((inv, code), mut b) in answers {
            let path = match inv {
                None => format!("spd.{code}"),
                Some(j) => format!("innovations[{j}].levels.{code}"),
            };
            if let Some(c) = b.cell.take() {
                self.cells.insert(path, c);
            }
            for (p, c) in std::mem::take(&mut b.fields) {
                self.cells.insert(p, c);
            }
            let Some(answer) = b.answer() else {
                continue;
            };
            let map = match inv {
                None => &mut self.sub.spd,
                Some(j) => match self.sub.innovations.get_mut(j) {
                    Some(i) => &mut i.levels,
                    None => continue,
                },
            };
            map.insert(code, answer);
        }
        Loaded {
            submission: self.sub,
            cells: Some(self.cells),
        }
    }
}

/// The JSON codes of the choices (the serde names).
fn stage_code(s: Stage) -> &'static str {
    match s {
        Stage::Initiative => "initiative",
        Stage::Trial => "trial",
        Stage::Implemented => "implemented",
    }
}

fn form_code(f: crate::model::submission::InnovationForm) -> &'static str {
    use crate::model::submission::InnovationForm::*;
    match f {
        Governance => "governance",
        PublicService => "public_service",
        Other => "other",
    }
}

fn initiator_code(i: crate::model::submission::Initiator) -> &'static str {
    use crate::model::submission::Initiator::*;
    match i {
        HeadOfRegion => "head_of_region",
        Dprd => "dprd",
        Opd => "opd",
        Asn => "asn",
        Public => "public",
    }
}

fn kind_code(k: crate::model::evidence::EvidenceKind) -> &'static str {
    use crate::model::evidence::EvidenceKind::*;
    match k {
        Regulation => "regulation",
        Decree => "decree",
        Letter => "letter",
        BudgetDocument => "budget_document",
        PlanningDocument => "planning_document",
        Report => "report",
        Statistics => "statistics",
        Photo => "photo",
        Screenshot => "screenshot",
        Video => "video",
        NewsLink => "news_link",
        Survey => "survey",
        Agreement => "agreement",
        Manual => "manual",
        Certificate => "certificate",
    }
}
