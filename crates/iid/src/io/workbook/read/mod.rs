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
use std::io::Cursor;

use calamine::{Reader, Xlsx};

use super::{invalid, MAX_UNPACKED_BYTES};
use crate::error::InputError;
use crate::io::{CellMap, Loaded};
use crate::model::submission::{Answer, AnswerDetail, Submission};
use crate::model::values::{Level, Stage};
use crate::text::workbook as t;

mod answers;
mod cells;
mod refs;
mod sheets;

pub(crate) use cells::{load, Sheet, Value};

/// Refuse a zip whose parts would inflate past the limit (before any is
/// inflated), then one holding a cell reference off the grid ([`refs`]).
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
    refs::check(&mut zip)
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
