//! The sheets of the rubric and the region: instructions, `Daerah`,
//! `SPD` and `Inovasi`, with their dropdowns.

use std::collections::BTreeSet;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::super::{FORMS, INITIATORS};
use super::*;
use crate::model::measure::Measure;
use crate::model::rubric::Indicator;
use crate::model::submission::AnswerDetail;

pub(super) fn instructions(rubric: &CompiledRubric, f: &Formats) -> Result<Worksheet, XlsxError> {
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

pub(super) fn region(
    sub: &Submission,
    f: &Formats,
    lists: &mut Lists,
) -> Result<Worksheet, InputError> {
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
    let clusters = r.clusters.join(", ");
    let values = [
        (sub.methodology.as_deref(), "methodology"),
        (r.code.as_deref(), "region.code"),
        (r.name.as_deref(), "region.name"),
        (r.level.as_deref(), "region.level"),
        (r.province.as_deref(), "region.province"),
        (Some(clusters.as_str()), "region.clusters"),
    ];
    for (i, ((label, note), (value, path))) in t::REGION_ROWS.iter().zip(values).enumerate() {
        let row = super::super::FIRST_ROW + i as u32;
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
    let level_row = super::super::FIRST_ROW + 3;
    validate(&mut ws, (level_row, 1, level_row, 1), &dropdown(levels))?;
    for (k, a) in sub.agencies.iter().enumerate() {
        let row = super::super::FIRST_ROW + k as u32;
        text(&mut ws, row, 4, a, &f.text, || format!("agencies[{k}]"))?;
    }
    ws.set_freeze_panes(2, 0).map_err(xl)?;
    protect(&mut ws);
    Ok(ws)
}

/// The dropdown texts of an indicator's levels: unanswered, then each
/// parameter.
pub(super) fn level_choices(ind: &Indicator) -> Vec<String> {
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
pub(super) fn level_cell(
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
pub(super) fn detail_fields(d: &AnswerDetail) -> bool {
    d.value.is_some() || d.category.is_some() || d.basis.is_some() || d.note.is_some()
}

pub(super) fn spd(
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
        let row = super::super::FIRST_ROW + k as u32;
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
pub(super) fn measure_dropdowns(
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
pub(super) fn answer_cells(
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
pub(super) fn innovation_codes<'r>(
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

pub(super) fn innovations(
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
    let all = |c: u16| (super::super::FIRST_ROW, c, LAST_ROW, c);
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
        let row = super::super::FIRST_ROW + j as u32;
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
