//! Words of a verified-mode plan: the evidence items it adds to the
//! projected submission and the mode in its outcome sentence.

/// Title of an evidence item a plan adds: a placeholder for the document
/// the region still has to upload.
pub fn planned_evidence_title(n: u32) -> String {
    format!("Bukti dukung yang direncanakan {n} (planned evidence {n}): ganti dengan dokumen asli / replace with the real document")
}

/// URL of a planned item where the rubric asks one (the video row): a
/// name under `.invalid`, a domain reserved never to resolve (RFC 2606).
pub const PLANNED_EVIDENCE_URL: &str = "https://bukti-dukung.invalid/rencana";

/// What the outcome sentence adds in the verified mode: the index is the
/// verified one, and how many evidence items the plan asks.
pub fn verified_outcome(items: u32) -> (String, String) {
    (
        format!(" (indeks terverifikasi; {items} butir bukti dukung)"),
        format!(" (verified index; {items} evidence items)"),
    )
}

/// The step column of a plan's text table for an evidence step.
pub fn evidence_step(items: u32) -> (String, String) {
    (
        format!("{items} bukti dukung"),
        format!("{items} evidence items"),
    )
}
