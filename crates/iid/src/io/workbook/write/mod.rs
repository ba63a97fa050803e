//! Writing the workbook: the empty template of a rubric, or a submission
//! laid out in it (`iid template`, `iid convert FILE.json -o FILE.xlsx`).
//!
//! Every dropdown's texts come from the rubric (parameters, affairs,
//! categories, bases) or from [`crate::text::workbook`], so the same code
//! serves any rubric, a user's too. Header rows and the rubric's columns
//! are locked (the sheets are protected without a password, rows may be
//! inserted and deleted); the input cells are not.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{invalid, MAX_CELL_CHARS};
use crate::error::InputError;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::{Answer, Submission};
use crate::model::values::{Date, Level};
use crate::text::workbook as t;

/// The last row a dropdown or an input format covers (0-based).
const LAST_ROW: u32 = 1_048_575;

/// The fill-in workbook of a rubric, with no answers: `Daerah` names the
/// rubric's id as the methodology.
pub fn template(rubric: &CompiledRubric) -> Result<Vec<u8>, InputError> {
    let sub = Submission {
        methodology: Some(rubric.id().to_string()),
        ..Submission::default()
    };
    write(rubric, &sub)
}

/// A submission laid out in the workbook of `rubric` (the rubric gives
/// the rows, the columns and the dropdown texts; answers to codes it does
/// not have get rows and columns of their own, so nothing is lost and
/// scoring names them). Reading the bytes back gives the same
/// submission, up to the spelling of an answer that holds only a level
/// (`{"level": 2}` reads back as `2`) and empty texts (read as absent).
pub fn write(rubric: &CompiledRubric, sub: &Submission) -> Result<Vec<u8>, InputError> {
    check_ids(sub)?;
    let f = Formats::new();
    let mut lists = Lists::default();
    let mut book = Workbook::new();
    // A fixed creation date keeps the bytes of a template reproducible.
    if let Ok(date) = ExcelDateTime::from_ymd(2026, 1, 1) {
        book.set_properties(
            &DocProperties::new()
                .set_title(format!("Isian {}", rubric.rubric().name))
                .set_creation_datetime(&date),
        );
    }
    let sheets = [
        instructions(rubric, &f).map_err(xl)?,
        region(sub, &f, &mut lists)?,
        spd(rubric, sub, &f, &mut lists)?,
        innovations(rubric, sub, &f, &mut lists)?,
        details(rubric, sub, &f, &mut lists)?,
        evidence(rubric, sub, &f, &mut lists)?,
        verification(rubric, sub, &f, &mut lists)?,
        lists.sheet().map_err(xl)?,
    ];
    for s in sheets {
        book.push_worksheet(s);
    }
    book.save_to_buffer().map_err(xl)
}

fn xl(e: XlsxError) -> InputError {
    invalid("$".into(), format!("cannot write the workbook: {e}"))
}

/// Ids key the answer sheets: each must be written, and once.
fn check_ids(sub: &Submission) -> Result<(), InputError> {
    let mut seen = BTreeSet::new();
    for (j, inv) in sub.innovations.iter().enumerate() {
        if inv.id.is_empty() {
            return Err(invalid(
                format!("innovations[{j}].id"),
                "an innovation needs an id to be written to a workbook",
            ));
        }
        if !seen.insert(inv.id.as_str()) {
            return Err(InputError::DuplicateId {
                path: format!("innovations[{j}].id"),
                id: inv.id.clone(),
            });
        }
    }
    Ok(())
}

struct Formats {
    header: Format,
    header_en: Format,
    locked: Format,
    locked_number: Format,
    input: Format,
    text: Format,
    date: Format,
    number: Format,
    title: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_background_color(Color::RGB(0xD9E2F3))
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            header_en: Format::new()
                .set_italic()
                .set_font_size(9)
                .set_font_color(Color::RGB(0x595959))
                .set_text_wrap()
                .set_background_color(Color::RGB(0xEDF1F9))
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top),
            header,
            locked: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            locked_number: Format::new().set_align(FormatAlign::Top),
            input: Format::new().set_unlocked().set_align(FormatAlign::Top),
            text: Format::new()
                .set_unlocked()
                .set_num_format("@")
                .set_align(FormatAlign::Top),
            date: Format::new()
                .set_unlocked()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Top),
            number: Format::new().set_unlocked().set_align(FormatAlign::Top),
            title: Format::new().set_bold().set_font_size(14),
        }
    }
}

/// The hidden `Daftar` sheet: one list per row, referred to by the
/// dropdowns.
#[derive(Default)]
struct Lists {
    rows: Vec<Vec<String>>,
}

impl Lists {
    /// A list's range formula (`=Daftar!$A$3:$D$3`); an empty list gets
    /// one empty cell.
    fn add(&mut self, items: Vec<String>) -> Formula {
        if let Some(i) = self.rows.iter().position(|r| *r == items) {
            return Self::formula(i, items.len());
        }
        let n = items.len();
        self.rows.push(items);
        Self::formula(self.rows.len() - 1, n)
    }

    fn formula(row: usize, n: usize) -> Formula {
        let last = super::column_name(n.saturating_sub(1).min(16_383) as u16);
        Formula::new(format!(
            "={}!$A${r}:${last}${r}",
            t::SHEET_LISTS,
            r = row + 1
        ))
    }

    fn sheet(&self) -> Result<Worksheet, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(t::SHEET_LISTS)?;
        for (r, items) in self.rows.iter().enumerate() {
            for (c, item) in items.iter().enumerate().take(16_384) {
                ws.write_string(r as u32, c as u16, item)?;
            }
        }
        ws.set_hidden(true);
        ws.protect();
        Ok(ws)
    }
}

/// Write a text at its JSON `path` (a text longer than a cell holds is an
/// error there); an empty text leaves the cell empty.
fn text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
    path: impl FnOnce() -> String,
) -> Result<(), InputError> {
    if value.is_empty() {
        return Ok(());
    }
    if value.chars().count() > MAX_CELL_CHARS {
        return Err(invalid(
            path(),
            format!("longer than {MAX_CELL_CHARS} characters, the most an Excel cell holds"),
        ));
    }
    ws.write_string_with_format(row, col, value, format)
        .map_err(xl)?;
    Ok(())
}

fn date(ws: &mut Worksheet, row: u32, col: u16, d: Date, f: &Formats) -> Result<(), InputError> {
    let dt = u16::try_from(d.year)
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, d.month, d.day).ok());
    match dt {
        Some(dt) => ws.write_datetime_with_format(row, col, dt, &f.date),
        // Past Excel's calendar (after 9999): the date as text.
        None => ws.write_string_with_format(row, col, d.to_string(), &f.text),
    }
    .map_err(xl)?;
    Ok(())
}

/// A decimal as a number when a float holds it exactly (what a person
/// types), else as text (read back exactly).
fn decimal(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Decimal,
    f: &Formats,
) -> Result<(), InputError> {
    let s = d.to_string();
    let exact = s
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .filter(|x| x.to_string().parse::<Decimal>().ok() == Some(d));
    match exact {
        Some(x) => ws.write_number_with_format(row, col, x, &f.number),
        None => ws.write_string_with_format(row, col, s, &f.text),
    }
    .map_err(xl)?;
    Ok(())
}

/// Headers on rows 1 and 2.
fn headers(ws: &mut Worksheet, cols: &[(String, String)], f: &Formats) -> Result<(), XlsxError> {
    for (c, (id, en)) in cols.iter().enumerate() {
        if id.is_empty() {
            continue;
        }
        ws.write_string_with_format(0, c as u16, id, &f.header)?;
        ws.write_string_with_format(1, c as u16, en, &f.header_en)?;
    }
    ws.set_row_height(1, 30)?;
    Ok(())
}

fn owned(h: t::Header) -> (String, String) {
    (h.0.to_string(), h.1.to_string())
}

fn protect(ws: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
}

/// A dropdown that also accepts other input (a typed number, an affair
/// code): Excel shows an information note, never refuses.
fn dropdown(list: Formula) -> DataValidation {
    DataValidation::new()
        .allow_list_formula(list)
        .set_error_style(DataValidationErrorStyle::Information)
}

fn validate(
    ws: &mut Worksheet,
    (r0, c0, r1, c1): (u32, u16, u32, u16),
    dv: &DataValidation,
) -> Result<(), InputError> {
    ws.add_data_validation(r0, c0, r1, c1, dv).map_err(xl)?;
    Ok(())
}

mod keyed;
mod sheets;

use keyed::{details, evidence, verification};
use sheets::{innovations, instructions, region, spd};
