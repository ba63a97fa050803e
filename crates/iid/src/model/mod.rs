//! The model layer: what the interchange format and the rubric files say,
//! parsed and checked. Nothing here scores.
//!
//! - [`rubric`]: methodologies as data, validated and compiled;
//!   [`builtin`]: the embedded yearly methodologies.
//! - [`submission`]: a region's answers and innovations; [`evidence`]: the
//!   evidence behind an answer and the rubric's evidence rule; [`measure`]:
//!   measured rows (a value read into a level); [`values`]: dates, levels,
//!   stages.

#[cfg(feature = "national")]
pub mod award;
pub mod builtin;
pub mod evidence;
pub mod json;
pub mod measure;
pub mod rubric;
pub mod sources;
pub mod submission;
pub mod values;
