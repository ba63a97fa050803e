//! # iid
//!
//! Exact scoring engine for Indonesia's Regional Innovation Index (Indeks
//! Inovasi Daerah). This crate re-exports [`iid_core`], the pure library;
//! see its documentation for the model.
#[doc(inline)]
pub use iid_core::*;
