//! The scoring layer: a submission assessed against a rubric (answer by
//! answer, in both modes), laid out as a level matrix, summed in integer
//! fixed point, and built into the result tree with its findings.
//!
//! Data flow: [`assess::assess`] → [`matrix::LevelMatrix`] →
//! [`summary::Summary`] → [`result::ScoreResult`] (+ [`findings`]).

pub mod answer;
pub mod assess;
pub mod build;
pub mod matrix;
pub mod result;
pub mod summary;

pub use assess::{assess, prepare, Assessment, Mode};
pub(crate) use matrix::{affair_bit, basic_bit, resolve_affair};
pub use matrix::{AffairRef, LevelMatrix};
#[cfg_attr(not(feature = "planning"), allow(unused_imports))]
pub(crate) use summary::count_units;
pub use summary::{ratio, Summary};
