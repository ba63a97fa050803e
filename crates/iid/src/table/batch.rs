//! Batch scoring: many submissions to headline rows, in parallel when the
//! `parallel` feature is on (rayon), answered in input order.

use std::fmt;

use super::headline::Headline;
#[cfg(feature = "quick")]
use super::quick::read_headline;
use crate::error::{join_path, Error};
use crate::model::builtin;
#[cfg(feature = "quick")]
use crate::model::json::strip_bom;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;
#[cfg(feature = "quick")]
use crate::model::submission::MAX_SUBMISSION_BYTES;
use crate::scoring::{assess, prepare, Mode};

/// Most worker threads a batch uses, whatever it asks for.
pub const MAX_THREADS: usize = 256;

/// A submission of a batch: JSON text (read inside the batch, in
/// parallel), already parsed, or already read into its row by
/// [`read_headline`](super::read_headline).
#[derive(Debug, Clone, Copy)]
pub enum BatchItem<'a> {
    Json(&'a str),
    Parsed(&'a Submission),
    Row(&'a Headline),
}

/// The first bad submission of a batch: its position and its error.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchError {
    pub index: usize,
    pub error: Error,
}

impl BatchError {
    /// The error's path within the batch: `[3].spd.1`, `[3]` for the
    /// whole submission. A rubric error keeps its path in the rubric.
    pub fn path(&self) -> String {
        match &self.error {
            Error::Input(e) => join_path(&format!("[{}]", self.index), e.path()),
            Error::Rubric(e) => e.path().to_string(),
        }
    }
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "submission {}: {}", self.index, self.error)
    }
}

impl std::error::Error for BatchError {}

fn score_one(
    item: &BatchItem<'_>,
    rubric: Option<&CompiledRubric>,
    mode: Mode,
) -> Result<Headline, Error> {
    let parsed;
    let sub = match item {
        BatchItem::Json(text) => {
            #[cfg(feature = "quick")]
            if text.len() <= MAX_SUBMISSION_BYTES {
                let de = &mut serde_json::Deserializer::from_str(strip_bom(text));
                if let Some(h) = read_headline(&mut *de, rubric, mode) {
                    if de.end().is_ok() {
                        return Ok(h);
                    }
                }
            }
            parsed = Submission::from_json(text)?;
            &parsed
        }
        BatchItem::Parsed(s) => s,
        BatchItem::Row(h) => return Ok((*h).clone()),
    };
    let r = match rubric {
        Some(r) => r,
        None => builtin::of_submission(sub)?,
    };
    let s = match mode {
        Mode::SelfAssessment => prepare(r, sub)?.summary(r),
        Mode::Verified => assess(r, sub)?.verified.summary(r),
    };
    let region = sub.region.as_ref();
    Ok(Headline::of(
        r,
        &s,
        region.and_then(|g| g.code.clone()),
        region.and_then(|g| g.name.clone()),
    ))
}

/// Score every submission to its headline row, in input order. `rubric`
/// applies to all; without it each submission's `methodology` names an
/// embedded one. `threads`: 0 uses every core, 1 scores on the calling
/// thread, more asks for that many (at most [`MAX_THREADS`], and no more
/// than there are submissions). Without the `parallel` feature every
/// batch runs on the calling thread. The error is the first bad
/// submission's (lowest position).
pub fn score_batch(
    items: &[BatchItem<'_>],
    rubric: Option<&CompiledRubric>,
    mode: Mode,
    threads: usize,
) -> Result<Vec<Headline>, BatchError> {
    let scored = run(items.len(), threads, |i| score_one(&items[i], rubric, mode));
    scored
        .into_iter()
        .enumerate()
        .map(|(index, r)| r.map_err(|error| BatchError { index, error }))
        .collect()
}

/// `f(0..n)` in order, on up to `threads` threads.
#[cfg(feature = "parallel")]
fn run<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    use rayon::prelude::*;
    let wanted = threads.min(MAX_THREADS).min(n);
    if n < 2 || threads == 1 {
        return (0..n).map(f).collect();
    }
    if threads == 0 {
        return (0..n).into_par_iter().map(f).collect();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(wanted).build() {
        Ok(pool) => pool.install(|| (0..n).into_par_iter().map(&f).collect()),
        // No threads to be had (a sandbox, wasm): score here.
        Err(_) => (0..n).map(f).collect(),
    }
}

#[cfg(not(feature = "parallel"))]
fn run<T: Send>(n: usize, _threads: usize, f: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    (0..n).map(f).collect()
}
