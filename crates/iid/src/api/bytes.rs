//! Calls on a submission given as the bytes of a file: JSON text or a
//! workbook (.xlsx, feature `xlsx`), told apart by the bytes themselves
//! ([`crate::io::read_submission`]). Errors of a workbook's submission
//! name its sheet and cell (`Inovasi!G12`), whichever step finds them.

use std::sync::Arc;

use super::json::{call_submission, Answer, Operation};
use crate::error::Error;
use crate::io;
use crate::model::rubric::CompiledRubric;

/// [`super::call_parts`] with the submission as file bytes (JSON or a
/// workbook).
pub fn call_bytes(
    op: Operation,
    submission: &[u8],
    options: Option<&str>,
    compiled: Option<&Arc<CompiledRubric>>,
) -> Result<Answer, Error> {
    let loaded = io::read_submission(submission)?;
    call_submission(op, loaded.submission.clone(), options, compiled).map_err(|e| loaded.locate(e))
}
