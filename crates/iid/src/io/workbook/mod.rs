//! The fill-in workbook (.xlsx): the layout shared by the writer
//! ([`template`], [`write`]) and the reader ([`read`]); the format is
//! documented in `docs/workbook.md`.
//!
//! Sheets, in order: `Petunjuk` (instructions), `Daerah` (region and
//! agencies), `SPD` (one row per region indicator), `Inovasi` (one row
//! per innovation, one column per innovation indicator), `Rincian`
//! (values and notes of innovation answers), `Bukti` (evidence),
//! `Verifikasi` (verifiers' decisions) and the hidden `Daftar` (the
//! dropdowns' lists). Rows 1 and 2 of each data sheet are its headers
//! (Indonesian, English); data starts on row 3.
//!
//! The reader needs no rubric: it finds columns by their headers, takes a
//! level as a number or as a dropdown text (`2 – ...`, the number before
//! the dash), and leaves codes and levels to be checked by scoring, whose
//! errors [`crate::io::Loaded::locate`] places back on their cells.

use crate::error::InputError;

mod read;
pub mod tables;
mod write;

pub use read::read;
pub use write::{template, write};

/// First data row (0-based; rows 0 and 1 are the headers).
pub(crate) const FIRST_ROW: u32 = 2;
/// Largest number of rows read from one sheet.
pub(crate) const MAX_ROWS: u32 = 1_000_000;
/// Largest number of columns read from one sheet.
pub(crate) const MAX_COLS: u16 = 1_024;
/// Largest text an Excel cell holds, in characters.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Largest workbook accepted, in bytes (as a submission file).
pub const MAX_WORKBOOK_BYTES: usize = crate::model::submission::MAX_SUBMISSION_BYTES;
/// Largest total size of a workbook's parts once decompressed (a zip
/// bomb is refused before it is inflated).
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// The column letters of a 0-based column (`0` is `A`, `26` is `AA`).
pub fn column_name(mut col: u16) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `Sheet!B7` for a 0-based row and column.
pub fn cell_ref(sheet: &str, row: u32, col: u16) -> String {
    format!("{sheet}!{}{}", column_name(col), u64::from(row) + 1)
}

/// The choices of the dropdowns, in the order their lists show them.
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

pub(crate) fn invalid(path: String, message: impl Into<String>) -> InputError {
    InputError::Invalid {
        path,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(cell_ref("Inovasi", 11, 6), "Inovasi!G12");
    }
}
