//! Reading the region, SPD and innovation sheets: their layout checked,
//! their rows read into the submission, every field's cell recorded.

use std::collections::{BTreeMap, HashMap};

use super::super::{invalid, FIRST_ROW, FORMS, INITIATORS, MAX_COLS};
use super::cells::Sheet;
use super::{form_code, initiator_code, stage_code, Reading};
use crate::error::InputError;
use crate::model::submission::{AnswerDetail, Innovation, Region};
use crate::model::values::Stage;
use crate::text::workbook as t;

impl Reading {
    pub(super) fn region(&mut self, s: &Sheet) -> Result<(), InputError> {
        /// The row of `region.clusters` (comma-separated flags), the last.
        const CLUSTERS_ROW: usize = t::REGION_ROWS.len() - 1;
        s.expect(0, t::REGION_FIELD.0)?;
        s.expect(1, t::REGION_VALUE.0)?;
        s.expect(4, t::REGION_AGENCIES.0)?;
        let mut values = Vec::new();
        for (i, (label, _)) in t::REGION_ROWS.iter().enumerate() {
            let row = FIRST_ROW + i as u32;
            let found = s.text(row, 0)?.unwrap_or_default();
            // Workbooks made before the cluster row have none: no flags.
            if found.trim().is_empty() && i == CLUSTERS_ROW {
                values.push(None);
                continue;
            }
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
            "region.clusters",
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
            clusters: v
                .next()
                .flatten()
                .map(|text| {
                    text.split(',')
                        .map(str::trim)
                        .filter(|f| !f.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
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

    pub(super) fn spd(&mut self, s: &Sheet) -> Result<(), InputError> {
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

    pub(super) fn innovations(&mut self, s: &Sheet) -> Result<(), InputError> {
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
                #[cfg(feature = "years")]
                entered_before: Vec::new(),
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
}
