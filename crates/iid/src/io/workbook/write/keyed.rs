//! The answer sheets: `Rincian` (values and notes of innovation answers),
//! `Bukti` (evidence) and `Verifikasi`, one row per item, keyed by the
//! innovation's id and the indicator's code.

use rust_xlsxwriter::{Formula, Worksheet};

use super::super::{KINDS, STATUSES};
use super::sheets::detail_fields;
use super::*;
use crate::model::evidence::{Evidence, Verification};

/// Every answer of a submission, in order: SPD (by code), then each
/// innovation's (by code), with the innovation id (`None` for SPD) and
/// the answer's JSON path.
pub(super) fn answers(sub: &Submission) -> Vec<(Option<&str>, &str, &Answer, String)> {
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
pub(super) fn keyed_sheet(
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
        super::super::FIRST_ROW + 1,
        LAST_ROW + 1
    ));
    validate(
        &mut ws,
        (super::super::FIRST_ROW, 0, LAST_ROW, 0),
        &dropdown(ids),
    )?;
    let codes = dropdown(lists.add(codes));
    validate(&mut ws, (super::super::FIRST_ROW, 1, LAST_ROW, 1), &codes)?;
    ws.set_freeze_panes(2, 0).map_err(xl)?;
    protect(&mut ws);
    Ok(ws)
}

pub(super) fn key_cells(
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

pub(super) fn details(
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
    let mut row = super::super::FIRST_ROW;
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

pub(super) fn all_codes(rubric: &CompiledRubric) -> Vec<String> {
    rubric
        .region_indicators()
        .chain(rubric.innovation_indicators())
        .map(|i| i.code.clone())
        .collect()
}

pub(super) fn evidence(
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
    let all = (super::super::FIRST_ROW, 2, LAST_ROW, 2);
    validate(&mut ws, all, &dropdown(lists.add(kinds)))?;
    let mut row = super::super::FIRST_ROW;
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

pub(super) fn evidence_row(
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

pub(super) fn verification(
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
    let all = (super::super::FIRST_ROW, 2, LAST_ROW, 2);
    validate(&mut ws, all, &dropdown(lists.add(statuses)))?;
    let mut row = super::super::FIRST_ROW;
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

pub(super) fn verification_row(
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
