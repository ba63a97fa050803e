//! Reading and writing submissions in the forms people hand them over:
//! JSON text and, with the `xlsx` feature, the fill-in workbook
//! ([`workbook`], `docs/workbook.md`).
//!
//! [`read_submission`] is the one reading function every surface calls
//! with the bytes it holds: a workbook (recognised by its zip signature)
//! or JSON text. A submission read from a workbook comes with a
//! [`CellMap`] from the JSON paths of its fields to their cells, so that
//! an error found later (by scoring, say) names the sheet and cell the
//! person typed it in: `Inovasi!G12`, never `innovations[9].levels.16`.

use std::collections::HashMap;

use crate::error::{Error, InputError};
use crate::model::submission::Submission;

#[cfg(feature = "xlsx")]
pub mod workbook;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON text (the interchange format).
    Json,
    /// An Office Open XML workbook (.xlsx), a zip archive.
    Workbook,
}

impl Format {
    /// The format of `bytes`: a workbook when they start with the zip
    /// signature `PK\x03\x04`, else JSON.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Workbook
        } else {
            Format::Json
        }
    }
}

/// Where each field of a submission read from a workbook sits: JSON path
/// (`innovations[2].levels.17`, `spd.1.evidence[0].url`) to cell
/// (`Inovasi!H5`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellMap {
    cells: HashMap<String, String>,
}

impl CellMap {
    /// Record that the field at `path` was read from `cell`.
    pub fn insert(&mut self, path: String, cell: String) {
        self.cells.insert(path, cell);
    }

    /// The cell of `path`, or of the nearest enclosing field that has one
    /// (`spd.3.value` falls back to `spd.3`).
    pub fn cell_of(&self, path: &str) -> Option<&str> {
        let mut p = path;
        loop {
            if let Some(c) = self.cells.get(p) {
                return Some(c);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// Number of fields recorded.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

/// A submission as read, with the cells of its fields when it came from
/// a workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub submission: Submission,
    /// `None` for JSON input.
    pub cells: Option<CellMap>,
}

impl Loaded {
    /// A submission error located where the person typed it: its JSON
    /// path replaced by the sheet and cell (errors of other documents, a
    /// rubric's, pass unchanged; so does an error with no recorded cell).
    pub fn locate(&self, e: Error) -> Error {
        match e {
            Error::Input(i) => Error::Input(self.locate_input(i)),
            other => other,
        }
    }

    /// [`Loaded::locate`] for an input error.
    pub fn locate_input(&self, e: InputError) -> InputError {
        match &self.cells {
            Some(map) => match map.cell_of(e.path()) {
                Some(cell) => {
                    let cell = cell.to_string();
                    e.at(cell)
                }
                None => e,
            },
            None => e,
        }
    }
}

/// Read a submission from JSON text or workbook bytes (by the bytes' own
/// signature, never by a file name).
pub fn read_submission(bytes: &[u8]) -> Result<Loaded, InputError> {
    match Format::sniff(bytes) {
        Format::Json => Ok(Loaded {
            submission: Submission::from_slice(bytes)?,
            cells: None,
        }),
        #[cfg(feature = "xlsx")]
        Format::Workbook => workbook::read(bytes),
        #[cfg(not(feature = "xlsx"))]
        Format::Workbook => Err(InputError::Invalid {
            path: "$".into(),
            message:
                "this is a workbook (.xlsx); this build of iid reads JSON only (feature `xlsx`)"
                    .into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_enclosing_cell() {
        let mut m = CellMap::default();
        m.insert("spd.3".into(), "SPD!K7".into());
        m.insert("innovations[2]".into(), "Inovasi!A5".into());
        m.insert("innovations[2].levels.17".into(), "Inovasi!H5".into());
        assert_eq!(m.cell_of("spd.3.value"), Some("SPD!K7"));
        assert_eq!(m.cell_of("innovations[2].levels.17"), Some("Inovasi!H5"));
        assert_eq!(m.cell_of("innovations[2].design"), Some("Inovasi!A5"));
        assert_eq!(m.cell_of("innovations[20].design"), None);
        assert_eq!(m.cell_of("methodology"), None);
    }

    #[test]
    fn sniffs_by_signature() {
        assert_eq!(Format::sniff(b"PK\x03\x04rest"), Format::Workbook);
        assert_eq!(Format::sniff(b"{\"spd\": {}}"), Format::Json);
        assert_eq!(Format::sniff(b""), Format::Json);
    }
}
