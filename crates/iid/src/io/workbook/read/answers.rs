//! Reading the answer sheets (`Rincian`, `Bukti`, `Verifikasi`): each row
//! keyed by its innovation id and indicator code, added to its answer.

use super::super::{invalid, FIRST_ROW, KINDS, STATUSES};
use super::cells::Sheet;
use super::{kind_code, Key, Reading};
use crate::error::InputError;
use crate::model::evidence::{Evidence, Verification};
use crate::text::workbook as t;

impl Reading {
    pub(super) fn key(&self, s: &Sheet, row: u32) -> Result<(Key, String), InputError> {
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

    pub(super) fn keyed_headers(s: &Sheet, rest: &[t::Header]) -> Result<(), InputError> {
        s.expect(0, t::ANSWER_INNOVATION.0)?;
        s.expect(1, t::ANSWER_INDICATOR.0)?;
        for (k, h) in rest.iter().enumerate() {
            s.expect(2 + k as u16, h.0)?;
        }
        Ok(())
    }

    pub(super) fn details(&mut self, s: &Sheet) -> Result<(), InputError> {
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

    pub(super) fn evidence(&mut self, s: &Sheet) -> Result<(), InputError> {
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

    pub(super) fn verification(&mut self, s: &Sheet) -> Result<(), InputError> {
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
}
