//! The analysis layer: questions asked of a scored submission. Every
//! operation here rescores through the scoring layer; none has its own
//! arithmetic of the index (the diff's walk evaluates the scorer's formula
//! on figures it moves one at a time, and checks its ends against the
//! scorer's indices).
//!
//! - [`audit`]: what verification cuts (`iid check`).
//! - [`whatif`]: changes applied and compared.
//! - [`marginal`]: every one-step improvement with its exact gain.
//! - [`plan`]: the cheapest set of improvements to a target.
//! - [`risk`]: the chance of keeping an index and a predicate through
//!   verification, and the evidence to shore up first.
//! - [`edit`]: the edits the three above share.
//! - `history`, `diff` (feature `years`): a region's years side by side,
//!   and why the index changed between two of them (`years` holds what
//!   they share, `frac` their exact fractions).

pub mod audit;
pub mod changes;
#[cfg(feature = "years")]
pub mod diff;
pub mod edit;
#[cfg_attr(not(feature = "planning"), allow(dead_code))]
pub(crate) mod exact;
#[cfg(feature = "years")]
pub mod frac;
#[cfg(feature = "years")]
pub mod history;
#[cfg(feature = "planning")]
pub mod marginal;
#[cfg(feature = "planning")]
pub mod plan;
pub mod risk;
#[cfg_attr(not(feature = "planning"), allow(dead_code))]
pub mod template;
pub mod whatif;
#[cfg(feature = "years")]
pub mod years;
