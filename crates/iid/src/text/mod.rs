//! Every Indonesian and English text of the engine, in one place:
//! [`findings`] (what a region should know about its score), [`messages`]
//! (evidence problems, stage names, audit reasons, a plan's outcome),
//! [`explain`] (the plain-text renderings, with their bilingual headings),
//! and with the `years` feature `years` (the two-year rule), `diff` (the
//! parts of a diff) and `history` (a history and a diff rendered as text).
//! Labels of a methodology (indicator names, predicate labels) are not
//! here: they are rubric data. Error messages are English, in
//! [`crate::error`], with a stable code to translate from.

#[cfg(feature = "years")]
pub mod diff;
pub mod explain;
pub mod findings;
#[cfg(feature = "years")]
pub mod history;
pub mod messages;
#[cfg(feature = "national")]
pub mod national;
pub mod plan;
pub mod report;
#[cfg(feature = "risk")]
pub mod risk;
#[cfg(feature = "national")]
pub mod robustness;
pub mod workbook;
#[cfg(feature = "years")]
pub mod years;
