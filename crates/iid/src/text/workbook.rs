//! The workbook's words: sheet names, column headers (Indonesian, with an
//! English line under each), the labels of the dropdowns and the
//! instructions sheet. Sheet names and the Indonesian headers are part of
//! the workbook format (`docs/workbook.md`): the reader finds its columns
//! by them, so changing one is a format change.

use crate::model::evidence::{EvidenceKind, VerificationStatus};
use crate::model::submission::{Initiator, InnovationForm};
use crate::model::values::Stage;

/// The instructions sheet.
pub const SHEET_INSTRUCTIONS: &str = "Petunjuk";
/// The region's metadata and agencies.
pub const SHEET_REGION: &str = "Daerah";
/// One row per region (SPD) indicator.
pub const SHEET_SPD: &str = "SPD";
/// One row per innovation, one column per innovation (SID) indicator.
pub const SHEET_INNOVATIONS: &str = "Inovasi";
/// Measured values and notes of innovation answers.
pub const SHEET_DETAILS: &str = "Rincian";
/// One row per evidence item (bukti dukung).
pub const SHEET_EVIDENCE: &str = "Bukti";
/// One row per verifier's decision.
pub const SHEET_VERIFICATION: &str = "Verifikasi";
/// The dropdowns' lists (hidden).
pub const SHEET_LISTS: &str = "Daftar";

/// A column header: the Indonesian label (row 1, what the reader looks
/// for) and its English line (row 2).
pub type Header = (&'static str, &'static str);

/// `Daerah`: the field column, the value column, a note; the agencies list.
pub const REGION_FIELD: Header = ("Isian", "Field");
pub const REGION_VALUE: Header = ("Nilai", "Value");
pub const REGION_NOTE: Header = ("Keterangan", "Note");
pub const REGION_AGENCIES: Header = ("Perangkat daerah (OPD)", "Regional agencies (OPD)");

/// `Daerah`'s rows: label, English note.
pub const REGION_ROWS: [Header; 6] = [
    (
        "Metodologi",
        "Methodology id, e.g. iid-2026 (iid rubrics lists them)",
    ),
    ("Kode daerah", "Kemendagri region code, e.g. 33.18"),
    ("Nama daerah", "Region name"),
    ("Tingkat", "provinsi, kabupaten or kota"),
    ("Provinsi", "Province"),
    (
        "Klaster",
        "Award cluster flags, comma separated, e.g. perbatasan, tertinggal",
    ),
];

/// Region levels offered in the `Tingkat` dropdown.
pub const REGION_LEVELS: [&str; 3] = ["provinsi", "kabupaten", "kota"];

/// `SPD` columns (the parameter columns sit between `Wajib` and `Level`).
pub const SPD_CODE: Header = ("Kode", "Code");
pub const SPD_NAME: Header = ("Indikator", "Indicator");
pub const SPD_WEIGHT: Header = ("Bobot", "Weight");
pub const SPD_MANDATORY: Header = ("Wajib", "Mandatory");
pub const LEVEL: Header = ("Level", "Level (chosen parameter)");
pub const VALUE: Header = ("Nilai", "Measured value");
pub const CATEGORY: Header = ("Kategori", "Category");
pub const BASIS: Header = ("Basis", "Basis of the value");
pub const NOTE: Header = ("Catatan", "Note");

/// The header of parameter column `n` (1-based) and its English line.
pub fn parameter_header(n: usize) -> (String, String) {
    (
        format!("Parameter {n}"),
        format!("Parameter {n} (level {n})"),
    )
}

/// `Inovasi` columns before the indicator columns.
pub const INNOVATION_LEADING: [Header; 6] = [
    ("ID", "Id, unique"),
    ("Nama inovasi", "Innovation name"),
    ("Urusan", "Government affair"),
    ("Perangkat daerah", "Agency (OPD)"),
    ("Tahapan", "Stage"),
    ("Tanggal penerapan", "Implemented on (date)"),
];

/// `Inovasi` columns after the indicator columns.
pub const INNOVATION_TRAILING: [Header; 4] = [
    ("Bentuk", "Form"),
    ("Digital", "Digital (ya / tidak)"),
    ("Inisiator", "Initiator"),
    ("Rancang bangun", "Design document (text)"),
];

/// The answer columns of `Rincian`, `Bukti` and `Verifikasi`: which
/// answer a row belongs to.
pub const ANSWER_INNOVATION: Header = ("ID inovasi", "Innovation id (empty: SPD row)");
pub const ANSWER_INDICATOR: Header = ("Indikator", "Indicator code");

/// `Rincian` columns after the answer columns.
pub const DETAIL_COLUMNS: [Header; 4] = [VALUE, CATEGORY, BASIS, NOTE];

/// `Bukti` columns after the answer columns.
pub const EVIDENCE_COLUMNS: [Header; 5] = [
    ("Jenis", "Kind"),
    ("Judul", "Title"),
    ("Tanggal", "Issued on (date)"),
    ("URL", "URL"),
    ("SHA-256", "SHA-256 of the file"),
];

/// `Verifikasi` columns after the answer columns.
pub const VERIFICATION_COLUMNS: [Header; 5] = [
    ("Status", "Status"),
    ("Level", "Accepted level"),
    ("Catatan", "Note"),
    ("Verifikator", "Verifier"),
    ("Tanggal", "Date"),
];

/// "Yes" and "no" as the `Digital` and `Wajib` cells write them.
pub const YES: &str = "ya";
pub const NO: &str = "tidak";

/// The dropdown text of an unanswered level.
pub const UNANSWERED: &str = "belum dijawab";

/// A level's dropdown text: `2 – <parameter>`. The reader takes the
/// number before the dash, so an edited description still reads.
pub fn level_choice(level: usize, description: &str) -> String {
    format!("{level} – {description}")
}

/// Stage labels (the dropdown writes the Indonesian one).
pub fn stage(s: Stage) -> &'static str {
    crate::text::messages::stage_name(s).0
}

/// Form labels, Indonesian and English.
pub fn form(f: InnovationForm) -> (&'static str, &'static str) {
    match f {
        InnovationForm::Governance => ("tata kelola pemerintahan", "governance"),
        InnovationForm::PublicService => ("pelayanan publik", "public service"),
        InnovationForm::Other => ("lainnya", "other"),
    }
}

/// Initiator labels, Indonesian and English.
pub fn initiator(i: Initiator) -> (&'static str, &'static str) {
    match i {
        Initiator::HeadOfRegion => ("kepala daerah", "head of region"),
        Initiator::Dprd => ("anggota DPRD", "DPRD member"),
        Initiator::Opd => ("perangkat daerah", "regional agency"),
        Initiator::Asn => ("ASN", "civil servant"),
        Initiator::Public => ("masyarakat", "the public"),
    }
}

/// Evidence kind labels, Indonesian and English.
pub fn evidence_kind(k: EvidenceKind) -> (&'static str, &'static str) {
    use EvidenceKind::*;
    match k {
        Regulation => ("peraturan", "regulation"),
        Decree => ("surat keputusan", "decree"),
        Letter => ("surat", "letter"),
        BudgetDocument => ("dokumen anggaran", "budget document"),
        PlanningDocument => ("dokumen perencanaan", "planning document"),
        Report => ("laporan", "report"),
        Statistics => ("data statistik", "statistics"),
        Photo => ("foto", "photo"),
        Screenshot => ("tangkapan layar", "screenshot"),
        Video => ("video", "video"),
        NewsLink => ("berita daring", "news link"),
        Survey => ("survei", "survey"),
        Agreement => ("perjanjian kerja sama", "agreement"),
        Manual => ("pedoman", "manual"),
        Certificate => ("sertifikat", "certificate"),
    }
}

/// Verification status labels, Indonesian and English.
pub fn verification_status(s: VerificationStatus) -> (&'static str, &'static str) {
    match s {
        VerificationStatus::Pending => ("menunggu", "pending"),
        VerificationStatus::Accepted => ("diterima", "accepted"),
        VerificationStatus::Revise => ("perbaikan", "revise"),
        VerificationStatus::Rejected => ("ditolak", "rejected"),
    }
}

/// The instructions sheet: a title, then (Indonesian, English) lines.
pub fn instructions(rubric_name: &str, rubric_id: &str) -> (String, Vec<(String, String)>) {
    let title = format!("Isian Indeks Inovasi Daerah: {rubric_name} ({rubric_id})");
    let lines = [
        (
            "Lembar kerja ini diisi lalu dinilai dengan `iid score isian.xlsx`; hasilnya sama dengan isian JSON yang setara.",
            "Fill this workbook in, then score it with `iid score isian.xlsx`; it scores as the equivalent JSON submission does.",
        ),
        (
            "Daerah: metodologi, kode, nama, tingkat dan provinsi daerah; daftar perangkat daerah (OPD) di kolom sebelah.",
            "Daerah (region): methodology, code, name, level and province; the list of agencies (OPD) beside them.",
        ),
        (
            "SPD: satu baris per indikator daerah. Pilih level (parameter) dari daftar atau ketik angkanya (0 = belum dijawab); isi Nilai, Kategori atau Basis untuk indikator yang diukur.",
            "SPD: one row per region indicator. Choose the level (parameter) from the list or type its number (0 = not answered); fill Nilai (value), Kategori (category) or Basis for measured indicators.",
        ),
        (
            "Inovasi: satu baris per inovasi, satu kolom per indikator 16-35. ID wajib diisi dan tidak boleh sama. Urusan dipilih dari daftar atau diketik (kode snake_case).",
            "Inovasi (innovations): one row per innovation, one column per indicator 16-35. The id is required and unique. Choose the affair from the list or type a snake_case code.",
        ),
        (
            "Rincian: nilai terukur dan catatan jawaban inovasi (ID inovasi dan kode indikator).",
            "Rincian (details): measured values and notes of innovation answers (innovation id and indicator code).",
        ),
        (
            "Bukti: satu baris per bukti dukung. Kosongkan ID inovasi untuk indikator SPD. Tanggal dalam bentuk tanggal Excel atau teks YYYY-MM-DD.",
            "Bukti (evidence): one row per evidence item. Leave the innovation id empty for an SPD indicator. Dates as Excel dates or YYYY-MM-DD text.",
        ),
        (
            "Verifikasi: keputusan verifikator per jawaban (diisi verifikator).",
            "Verifikasi (verification): the verifier's decision per answer (filled by the verifier).",
        ),
        (
            "Baris judul (baris 1-2) dan kolom rubrik dikunci; jangan memindahkan atau mengganti nama lembar dan judul kolom: pembaca lembar kerja mencarinya.",
            "Header rows (rows 1-2) and the rubric's columns are locked; do not move or rename sheets or headers: the reader looks for them.",
        ),
        (
            "Kesalahan disebut dengan lembar dan selnya, mis. Inovasi!G12: level 4 di luar rentang 0..=3.",
            "Errors name their sheet and cell, e.g. Inovasi!G12: level 4 out of range 0..=3.",
        ),
    ];
    (
        title,
        lines
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    )
}
