//! Year over year, one test binary: the reconstructed years and the
//! two-year rule (`rubrics`), the shared diff and history vectors
//! (`vectors`), the properties of diff over arbitrary pairs of years
//! (`properties`) and the limits (`bounds`).

#[path = "../common/mod.rs"]
mod common;

mod bounds;
mod properties;
mod rubrics;
mod vectors;
