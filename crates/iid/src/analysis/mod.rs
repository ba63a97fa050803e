//! The analysis layer: questions asked of a scored submission. Every
//! operation here rescores through the scoring layer; none has its own
//! arithmetic of the index.
//!
//! - [`audit`]: what verification cuts (`iid check`).
//! - [`whatif`]: changes applied and compared.
//! - [`marginal`]: every one-step improvement with its exact gain.
//! - [`plan`]: the cheapest set of improvements to a target.
//! - [`risk`]: the chance of keeping an index and a predicate through
//!   verification, and the evidence to shore up first.
//! - [`edit`]: the edits the three above share.

pub mod audit;
pub mod changes;
pub mod edit;
pub(crate) mod exact;
pub mod marginal;
pub mod plan;
pub mod risk;
pub mod template;
pub mod whatif;
