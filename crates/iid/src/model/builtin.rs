//! The embedded methodologies ([`crate::model::sources`]), compiled and
//! validated once on first use. `iid-2026` is written out whole; 2023 and
//! the prognoses extend it ([`crate::model::rubric::extends`]).

use std::sync::OnceLock;

use crate::error::RubricError;
use crate::model::rubric::compile::parse_rubric;
use crate::model::rubric::CompiledRubric;
pub use crate::model::sources::{ids, SOURCES};

type Loaded = Vec<Result<CompiledRubric, RubricError>>;

fn loaded() -> &'static Loaded {
    static CELL: OnceLock<Loaded> = OnceLock::new();
    CELL.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(_, text)| parse_rubric(text).and_then(CompiledRubric::new))
            .collect()
    })
}

fn unknown(id: &str) -> RubricError {
    RubricError::UnknownMethodology {
        id: id.to_string(),
        known: crate::model::sources::known(),
    }
}

/// An embedded methodology by id.
pub fn get(id: &str) -> Result<&'static CompiledRubric, RubricError> {
    match SOURCES.iter().position(|(k, _)| *k == id) {
        Some(i) => loaded()[i].as_ref().map_err(Clone::clone),
        None => Err(unknown(id)),
    }
}

/// All embedded methodologies that load (every one does; the tests check).
pub fn all() -> impl Iterator<Item = &'static CompiledRubric> {
    loaded().iter().filter_map(|r| r.as_ref().ok())
}

/// The resolved document of an embedded methodology (its `extends`
/// applied), as JSON.
pub fn resolved_document(id: &str) -> Result<serde_json::Value, RubricError> {
    crate::model::rubric::extends::resolved(id, 0)
}
