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
use crate::model::evidence::{Evidence, Verification};
use crate::model::measure::Measure;
use crate::model::rubric::{CompiledRubric, Indicator};
use crate::model::submission::{Answer, AnswerDetail, Submission};
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

fn instructions(rubric: &CompiledRubric, f: &Formats) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(t::SHEET_INSTRUCTIONS)?;
    let rb = rubric.rubric();
    let (title, lines) = t::instructions(&rb.name, &rb.id);
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    ws.set_column_width(0, 90)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(2, 0, "Bahasa Indonesia", &f.header)?;
    ws.write_string_with_format(2, 1, "English", &f.header)?;
    for (i, (id, en)) in lines.iter().enumerate() {
        let r = 3 + i as u32;
        // Wrapped text does not grow its row in every program: room for
        // three lines.
        ws.set_row_height(r, 45)?;
        ws.write_string_with_format(r, 0, id, &f.locked)?;
        ws.write_string_with_format(r, 1, en, &f.locked)?;
    }
    ws.protect();
    ws.set_active(true);
    Ok(ws)
}

fn region(sub: &Submission, f: &Formats, lists: &mut Lists) -> Result<Worksheet, InputError> {
    let mut ws = Worksheet::new();
    ws.set_name(t::SHEET_REGION).map_err(xl)?;
    let cols = [
        owned(t::REGION_FIELD),
        owned(t::REGION_VALUE),
        owned(t::REGION_NOTE),
        (String::new(), String::new()),
        owned(t::REGION_AGENCIES),
    ];
    headers(&mut ws, &cols, f).map_err(xl)?;
    for (w, c) in [(20.0, 0), (36.0, 1), (48.0, 2), (3.0, 3), (40.0, 4)] {
        ws.set_column_width(c, w).map_err(xl)?;
    }
    ws.set_column_format(4, &f.text).map_err(xl)?;
    let r = sub.region.clone().unwrap_or_default();
    let values = [
        (sub.methodology.as_deref(), "methodology"),
        (r.code.as_deref(), "region.code"),
        (r.name.as_deref(), "region.name"),
        (r.level.as_deref(), "region.level"),
        (r.province.as_deref(), "region.province"),
    ];
    for (i, ((label, note), (value, path))) in t::REGION_ROWS.iter().zip(values).enumerate() {
        let row = super::FIRST_ROW + i as u32;
        ws.write_string_with_format(row, 0, *label, &f.header)
            .map_err(xl)?;
        ws.write_string_with_format(row, 2, *note, &f.locked)
            .map_err(xl)?;
        ws.write_blank(row, 1, &f.text).map_err(xl)?;
        text(&mut ws, row, 1, value.unwrap_or(""), &f.text, || {
            path.to_string()
        })?;
    }
    let levels = lists.add(t::REGION_LEVELS.iter().map(|s| s.to_string()).collect());
    let level_row = super::FIRST_ROW + 3;
    validate(&mut ws, (level_row, 1, level_row, 1), &dropdown(levels))?;
    for (k, a) in sub.agencies.iter().enumerate() {
        let row = super::FIRST_ROW + k as u32;
        text(&mut ws, row, 4, a, &f.text, || format!("agencies[{k}]"))?;
    }
    ws.set_freeze_panes(2, 0).map_err(xl)?;
    protect(&mut ws);
    Ok(ws)
}

/// The dropdown texts of an indicator's levels: unanswered, then each
/// parameter.
fn level_choices(ind: &Indicator) -> Vec<String> {
    std::iter::once(t::level_choice(0, t::UNANSWERED))
        .chain(
            ind.parameters
                .iter()
                .enumerate()
                .map(|(i, p)| t::level_choice(i + 1, &p.description)),
        )
        .collect()
}

/// A level as its cell shows it: the dropdown text when the indicator
/// has that level, else the bare number.
fn level_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    level: Level,
    ind: Option<&Indicator>,
    f: &Formats,
) -> Result<(), InputError> {
    let l = usize::from(level.0);
    let choice = match ind {
        Some(_) if l == 0 => Some(t::level_choice(0, t::UNANSWERED)),
        Some(ind) => l
            .checked_sub(1)
            .and_then(|k| ind.parameters.get(k))
            .map(|p| t::level_choice(l, &p.description)),
        None => None,
    };
    match choice {
        Some(text) => ws.write_string_with_format(row, col, text, &f.input),
        None => ws.write_number_with_format(row, col, f64::from(level.0), &f.number),
    }
    .map_err(xl)?;
    Ok(())
}

/// Does an answer carry more than a level (a measurement, a note)?
fn detail_fields(d: &AnswerDetail) -> bool {
    d.value.is_some() || d.category.is_some() || d.basis.is_some() || d.note.is_some()
}

fn spd(
    rubric: &CompiledRubric,
    sub: &Submission,
    f: &Formats,
    lists: &mut Lists,
) -> Result<Worksheet, InputError> {
    let mut ws = Worksheet::new();
    ws.set_name(t::SHEET_SPD).map_err(xl)?;
    let inds: Vec<&Indicator> = rubric.region_indicators().collect();
    let params = inds.iter().map(|i| i.parameters.len()).max().unwrap_or(0);
    let mut cols = vec![
        owned(t::SPD_CODE),
        owned(t::SPD_NAME),
        owned(t::SPD_WEIGHT),
        owned(t::SPD_MANDATORY),
    ];
    cols.extend((1..=params).map(t::parameter_header));
    let level_col = cols.len() as u16;
    for h in [t::LEVEL, t::VALUE, t::CATEGORY, t::BASIS, t::NOTE] {
        cols.push(owned(h));
    }
    headers(&mut ws, &cols, f).map_err(xl)?;
    let widths = [8.0, 40.0, 8.0, 8.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xl)?;
    }
    for c in 0..params {
        ws.set_column_width(4 + c as u16, 30).map_err(xl)?;
    }
    for (k, w) in [36.0, 12.0, 12.0, 10.0, 30.0].iter().enumerate() {
        let c = level_col + k as u16;
        ws.set_column_width(c, *w).map_err(xl)?;
        ws.set_column_format(c, if k == 1 { &f.number } else { &f.text })
            .map_err(xl)?;
    }
    // The rubric's rows, then answers to codes it does not have.
    let extra: Vec<&String> = sub
        .spd
        .keys()
        .filter(|c| !inds.iter().any(|i| &i.code == *c))
        .collect();
    let rows = inds
        .iter()
        .map(|i| (&i.code, Some(*i)))
        .chain(extra.into_iter().map(|c| (c, None)));
    for (k, (code, ind)) in rows.enumerate() {
        let row = super::FIRST_ROW + k as u32;
        let path = || format!("spd.{code}");
        text(&mut ws, row, 0, code, &f.locked, path)?;
        if let Some(ind) = ind {
            text(&mut ws, row, 1, &ind.name, &f.locked, path)?;
            ws.write_number_with_format(
                row,
                2,
                ind.weight.to_string().parse::<f64>().unwrap_or(0.0),
                &f.locked_number,
            )
            .map_err(xl)?;
            let yes = if ind.mandatory { t::YES } else { t::NO };
            ws.write_string_with_format(row, 3, yes, &f.locked)
                .map_err(xl)?;
            for (p, param) in ind.parameters.iter().enumerate() {
                text(
                    &mut ws,
                    row,
                    4 + p as u16,
                    &param.description,
                    &f.locked,
                    path,
                )?;
            }
            let cell = (row, level_col, row, level_col);
            validate(&mut ws, cell, &dropdown(lists.add(level_choices(ind))))?;
            measure_dropdowns(&mut ws, row, level_col, ind, lists)?;
        }
        for c in level_col..level_col + 5 {
            let format = if c == level_col + 1 {
                &f.number
            } else {
                &f.text
            };
            ws.write_blank(row, c, format).map_err(xl)?;
        }
        let Some(answer) = sub.spd.get(code) else {
            continue;
        };
        answer_cells(&mut ws, row, level_col, answer, ind, f, &path)?;
    }
    ws.set_freeze_panes(2, 2).map_err(xl)?;
    protect(&mut ws);
    Ok(ws)
}

/// Dropdowns of a measured row's category or basis cell.
fn measure_dropdowns(
    ws: &mut Worksheet,
    row: u32,
    level_col: u16,
    ind: &Indicator,
    lists: &mut Lists,
) -> Result<(), InputError> {
    match &ind.measure {
        Some(Measure::Category { categories }) => {
            let items = categories.iter().map(|c| c.code.clone()).collect();
            let c = level_col + 2;
            validate(ws, (row, c, row, c), &dropdown(lists.add(items)))
        }
        Some(Measure::Basis { bases }) => {
            let items = bases.iter().map(|b| b.code.clone()).collect();
            let c = level_col + 3;
            validate(ws, (row, c, row, c), &dropdown(lists.add(items)))
        }
        _ => Ok(()),
    }
}

/// The level, value, category, basis and note cells of an SPD answer.
fn answer_cells(
    ws: &mut Worksheet,
    row: u32,
    level_col: u16,
    answer: &Answer,
    ind: Option<&Indicator>,
    f: &Formats,
    path: &dyn Fn() -> String,
) -> Result<(), InputError> {
    match answer {
        Answer::Level(l) => level_cell(ws, row, level_col, *l, ind, f),
        Answer::Detailed(d) => {
            if let Some(l) = d.level {
                level_cell(ws, row, level_col, l, ind, f)?;
            }
            if let Some(v) = d.value {
                decimal(ws, row, level_col + 1, v, f)?;
            }
            let texts = [(&d.category, 2, "category"), (&d.basis, 3, "basis")];
            for (value, k, field) in texts.into_iter().chain([(&d.note, 4, "note")]) {
                if let Some(v) = value {
                    text(ws, row, level_col + k, v, &f.text, || {
                        format!("{}.{field}", path())
                    })?;
                }
            }
            Ok(())
        }
    }
}

/// The innovation indicator columns: the rubric's, then codes it does not
/// have that some innovation answers.
fn innovation_codes<'r>(
    rubric: &'r CompiledRubric,
    sub: &'r Submission,
) -> Vec<(&'r str, Option<&'r Indicator>)> {
    let inds: Vec<&Indicator> = rubric.innovation_indicators().collect();
    let mut out: Vec<(&str, Option<&Indicator>)> =
        inds.iter().map(|i| (i.code.as_str(), Some(*i))).collect();
    let extra: BTreeSet<&str> = sub
        .innovations
        .iter()
        .flat_map(|inv| inv.levels.keys())
        .map(String::as_str)
        .filter(|c| !inds.iter().any(|i| i.code == *c))
        .collect();
    out.extend(extra.into_iter().map(|c| (c, None)));
    out
}

fn innovations(
    rubric: &CompiledRubric,
    sub: &Submission,
    f: &Formats,
    lists: &mut Lists,
) -> Result<Worksheet, InputError> {
    let mut ws = Worksheet::new();
    ws.set_name(t::SHEET_INNOVATIONS).map_err(xl)?;
    let codes = innovation_codes(rubric, sub);
    let mut cols: Vec<(String, String)> = t::INNOVATION_LEADING.iter().map(|h| owned(*h)).collect();
    let first = cols.len() as u16;
    for (code, ind) in &codes {
        let name = ind.map_or(String::new(), |i| i.name.clone());
        cols.push((code.to_string(), name));
    }
    let trailing = cols.len() as u16;
    cols.extend(t::INNOVATION_TRAILING.iter().map(|h| owned(*h)));
    headers(&mut ws, &cols, f).map_err(xl)?;
    ws.set_row_height(1, 60).map_err(xl)?;
    let widths = [12.0, 32.0, 18.0, 22.0, 12.0, 14.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xl)?;
        let format = if c == 5 { &f.date } else { &f.text };
        ws.set_column_format(c as u16, format).map_err(xl)?;
    }
    for k in 0..codes.len() as u16 {
        ws.set_column_width(first + k, 14).map_err(xl)?;
        ws.set_column_format(first + k, &f.text).map_err(xl)?;
    }
    for (k, w) in [18.0, 10.0, 18.0, 40.0].iter().enumerate() {
        ws.set_column_width(trailing + k as u16, *w).map_err(xl)?;
        ws.set_column_format(trailing + k as u16, &f.text)
            .map_err(xl)?;
    }
    let all = |c: u16| (super::FIRST_ROW, c, LAST_ROW, c);
    let rb = rubric.rubric();
    let affairs = rb.affairs.iter().map(|a| a.name.clone()).collect();
    validate(&mut ws, all(2), &dropdown(lists.add(affairs)))?;
    let stages = [
        crate::model::values::Stage::Initiative,
        crate::model::values::Stage::Trial,
        crate::model::values::Stage::Implemented,
    ];
    let stage_list = stages.iter().map(|s| t::stage(*s).to_string()).collect();
    validate(&mut ws, all(4), &dropdown(lists.add(stage_list)))?;
    for (k, (_, ind)) in codes.iter().enumerate() {
        if let Some(ind) = ind {
            let c = first + k as u16;
            validate(&mut ws, all(c), &dropdown(lists.add(level_choices(ind))))?;
        }
    }
    let forms = FORMS.iter().map(|x| t::form(*x).0.to_string()).collect();
    validate(&mut ws, all(trailing), &dropdown(lists.add(forms)))?;
    let yes_no = vec![t::YES.to_string(), t::NO.to_string()];
    validate(&mut ws, all(trailing + 1), &dropdown(lists.add(yes_no)))?;
    let initiators = INITIATORS
        .iter()
        .map(|x| t::initiator(*x).0.to_string())
        .collect();
    validate(&mut ws, all(trailing + 2), &dropdown(lists.add(initiators)))?;

    for (j, inv) in sub.innovations.iter().enumerate() {
        let row = super::FIRST_ROW + j as u32;
        let at = |field: &'static str| move || format!("innovations[{j}].{field}");
        text(&mut ws, row, 0, &inv.id, &f.text, at("id"))?;
        let texts = [
            (&inv.name, 1, "name"),
            (&inv.urusan, 2, "urusan"),
            (&inv.agency, 3, "agency"),
        ];
        for (value, c, field) in texts {
            if let Some(v) = value {
                text(&mut ws, row, c, v, &f.text, at(field))?;
            }
        }
        if let Some(s) = inv.stage {
            text(&mut ws, row, 4, t::stage(s), &f.text, at("stage"))?;
        }
        if let Some(d) = inv.implemented_on {
            date(&mut ws, row, 5, d, f)?;
        }
        for (k, (code, ind)) in codes.iter().enumerate() {
            let c = first + k as u16;
            if let Some(level) = inv.levels.get(*code).and_then(|a| match a {
                Answer::Level(l) => Some(*l),
                Answer::Detailed(d) => d.level,
            }) {
                level_cell(&mut ws, row, c, level, *ind, f)?;
            }
        }
        if let Some(x) = inv.form {
            text(&mut ws, row, trailing, t::form(x).0, &f.text, at("form"))?;
        }
        if let Some(x) = inv.digital {
            let yes = if x { t::YES } else { t::NO };
            text(&mut ws, row, trailing + 1, yes, &f.text, at("digital"))?;
        }
        if let Some(x) = inv.initiator {
            let label = t::initiator(x).0;
            text(&mut ws, row, trailing + 2, label, &f.text, at("initiator"))?;
        }
        if let Some(x) = &inv.design {
            text(&mut ws, row, trailing + 3, x, &f.text, at("design"))?;
        }
    }
    ws.set_freeze_panes(2, 2).map_err(xl)?;
    protect(&mut ws);
    Ok(ws)
}

pub(crate) const FORMS: [crate::model::submission::InnovationForm; 3] = {
    use crate::model::submission::InnovationForm::*;
    [Governance, PublicService, Other]
};

pub(crate) const INITIATORS: [crate::model::submission::Initiator; 5] = {
    use crate::model::submission::Initiator::*;
    [HeadOfRegion, Dprd, Opd, Asn, Public]
};

pub(crate) const KINDS: [crate::model::evidence::EvidenceKind; 15] = {
    use crate::model::evidence::EvidenceKind::*;
    [
        Regulation,
        Decree,
        Letter,
        BudgetDocument,
        PlanningDocument,
        Report,
        Statistics,
        Photo,
        Screenshot,
        Video,
        NewsLink,
        Survey,
        Agreement,
        Manual,
        Certificate,
    ]
};

pub(crate) const STATUSES: [crate::model::evidence::VerificationStatus; 4] = {
    use crate::model::evidence::VerificationStatus::*;
    [Pending, Accepted, Revise, Rejected]
};

/// Every answer of a submission, in order: SPD (by code), then each
/// innovation's (by code), with the innovation id (`None` for SPD) and
/// the answer's JSON path.
fn answers(sub: &Submission) -> Vec<(Option<&str>, &str, &Answer, String)> {
    let spd = sub
        .spd
        .iter()
        .map(|(c, a)| (None, c.as_str(), a, format!("spd.{c}")));
    let inv = sub.innovations.iter().enumerate().flat_map(|(j, inv)| {
        inv.levels.iter().map(move |(c, a)| {
            (
                Some(inv.id.as_str()),
                c.as_str(),
                a,
                format!("innovations[{j}].levels.{c}"),
            )
        })
    });
    spd.chain(inv).collect()
}

/// A keyed sheet (`Rincian`, `Bukti`, `Verifikasi`): the answer columns,
/// then `rest`; dropdowns of innovation ids and indicator codes.
fn keyed_sheet(
    name: &str,
    rest: &[t::Header],
    codes: Vec<String>,
    f: &Formats,
    lists: &mut Lists,
) -> Result<Worksheet, InputError> {
    let mut ws = Worksheet::new();
    ws.set_name(name).map_err(xl)?;
    let mut cols = vec![owned(t::ANSWER_INNOVATION), owned(t::ANSWER_INDICATOR)];
    cols.extend(rest.iter().map(|h| owned(*h)));
    headers(&mut ws, &cols, f).map_err(xl)?;
    for c in 0..cols.len() as u16 {
        let w = if c < 2 { 14.0 } else { 24.0 };
        ws.set_column_width(c, w).map_err(xl)?;
        ws.set_column_format(c, &f.text).map_err(xl)?;
    }
    let ids = Formula::new(format!(
        "={}!$A${}:$A${}",
        t::SHEET_INNOVATIONS,
        super::FIRST_ROW + 1,
        LAST_ROW + 1
    ));
    validate(&mut ws, (super::FIRST_ROW, 0, LAST_ROW, 0), &dropdown(ids))?;
    let codes = dropdown(lists.add(codes));
    validate(&mut ws, (super::FIRST_ROW, 1, LAST_ROW, 1), &codes)?;
    ws.set_freeze_panes(2, 0).map_err(xl)?;
    protect(&mut ws);
    Ok(ws)
}

fn key_cells(
    ws: &mut Worksheet,
    row: u32,
    id: Option<&str>,
    code: &str,
    f: &Formats,
    path: &str,
) -> Result<(), InputError> {
    if let Some(id) = id {
        text(ws, row, 0, id, &f.text, || path.to_string())?;
    }
    text(ws, row, 1, code, &f.text, || path.to_string())
}

fn details(
    rubric: &CompiledRubric,
    sub: &Submission,
    f: &Formats,
    lists: &mut Lists,
) -> Result<Worksheet, InputError> {
    let codes = rubric
        .innovation_indicators()
        .map(|i| i.code.clone())
        .collect();
    let mut ws = keyed_sheet(t::SHEET_DETAILS, &t::DETAIL_COLUMNS, codes, f, lists)?;
    ws.set_column_format(2, &f.number).map_err(xl)?;
    let mut row = super::FIRST_ROW;
    for (id, code, answer, path) in answers(sub) {
        let (Some(id), Answer::Detailed(d)) = (id, answer) else {
            continue;
        };
        if !detail_fields(d) {
            continue;
        }
        key_cells(&mut ws, row, Some(id), code, f, &path)?;
        if let Some(v) = d.value {
            decimal(&mut ws, row, 2, v, f)?;
        }
        let texts = [(&d.category, 3, "category"), (&d.basis, 4, "basis")];
        for (value, c, field) in texts.into_iter().chain([(&d.note, 5, "note")]) {
            if let Some(v) = value {
                text(&mut ws, row, c, v, &f.text, || format!("{path}.{field}"))?;
            }
        }
        row += 1;
    }
    Ok(ws)
}

fn all_codes(rubric: &CompiledRubric) -> Vec<String> {
    rubric
        .region_indicators()
        .chain(rubric.innovation_indicators())
        .map(|i| i.code.clone())
        .collect()
}

fn evidence(
    rubric: &CompiledRubric,
    sub: &Submission,
    f: &Formats,
    lists: &mut Lists,
) -> Result<Worksheet, InputError> {
    let codes = all_codes(rubric);
    let mut ws = keyed_sheet(t::SHEET_EVIDENCE, &t::EVIDENCE_COLUMNS, codes, f, lists)?;
    ws.set_column_format(4, &f.date).map_err(xl)?;
    ws.set_column_width(3, 40).map_err(xl)?;
    ws.set_column_width(5, 36).map_err(xl)?;
    let kinds = KINDS
        .iter()
        .map(|k| t::evidence_kind(*k).0.to_string())
        .collect();
    let all = (super::FIRST_ROW, 2, LAST_ROW, 2);
    validate(&mut ws, all, &dropdown(lists.add(kinds)))?;
    let mut row = super::FIRST_ROW;
    for (id, code, answer, path) in answers(sub) {
        let Answer::Detailed(d) = answer else {
            continue;
        };
        for (k, e) in d.evidence.iter().enumerate() {
            let path = format!("{path}.evidence[{k}]");
            key_cells(&mut ws, row, id, code, f, &path)?;
            evidence_row(&mut ws, row, e, f, &path)?;
            row += 1;
        }
    }
    Ok(ws)
}

fn evidence_row(
    ws: &mut Worksheet,
    row: u32,
    e: &Evidence,
    f: &Formats,
    path: &str,
) -> Result<(), InputError> {
    let at = |field: &'static str| move || format!("{path}.{field}");
    text(ws, row, 2, t::evidence_kind(e.kind).0, &f.text, at("kind"))?;
    if let Some(v) = &e.title {
        text(ws, row, 3, v, &f.text, at("title"))?;
    }
    if let Some(d) = e.issued {
        date(ws, row, 4, d, f)?;
    }
    if let Some(v) = &e.url {
        text(ws, row, 5, v, &f.text, at("url"))?;
    }
    if let Some(v) = &e.sha256 {
        text(ws, row, 6, v, &f.text, at("sha256"))?;
    }
    Ok(())
}

fn verification(
    rubric: &CompiledRubric,
    sub: &Submission,
    f: &Formats,
    lists: &mut Lists,
) -> Result<Worksheet, InputError> {
    let codes = all_codes(rubric);
    let mut ws = keyed_sheet(
        t::SHEET_VERIFICATION,
        &t::VERIFICATION_COLUMNS,
        codes,
        f,
        lists,
    )?;
    ws.set_column_format(3, &f.number).map_err(xl)?;
    ws.set_column_format(6, &f.date).map_err(xl)?;
    let statuses = STATUSES
        .iter()
        .map(|s| t::verification_status(*s).0.to_string())
        .collect();
    let all = (super::FIRST_ROW, 2, LAST_ROW, 2);
    validate(&mut ws, all, &dropdown(lists.add(statuses)))?;
    let mut row = super::FIRST_ROW;
    for (id, code, answer, path) in answers(sub) {
        let Answer::Detailed(d) = answer else {
            continue;
        };
        let Some(v) = &d.verification else {
            continue;
        };
        let path = format!("{path}.verification");
        key_cells(&mut ws, row, id, code, f, &path)?;
        verification_row(&mut ws, row, v, f, &path)?;
        row += 1;
    }
    Ok(ws)
}

fn verification_row(
    ws: &mut Worksheet,
    row: u32,
    v: &Verification,
    f: &Formats,
    path: &str,
) -> Result<(), InputError> {
    let at = |field: &'static str| move || format!("{path}.{field}");
    let status = t::verification_status(v.status).0;
    text(ws, row, 2, status, &f.text, at("status"))?;
    if let Some(l) = v.level {
        ws.write_number_with_format(row, 3, f64::from(l.0), &f.number)
            .map_err(xl)?;
    }
    if let Some(x) = &v.note {
        text(ws, row, 4, x, &f.text, at("note"))?;
    }
    if let Some(x) = &v.verifier {
        text(ws, row, 5, x, &f.text, at("verifier"))?;
    }
    if let Some(d) = v.date {
        date(ws, row, 6, d, f)?;
    }
    Ok(())
}
