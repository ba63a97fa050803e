//! The methodologies shipped inside the crate (`rubrics/*.json`), loaded
//! and validated once on first use.

use std::sync::OnceLock;

use crate::error::RubricError;
use crate::rubric::{CompiledRubric, Rubric};

/// The embedded rubric files, by id.
pub const SOURCES: &[(&str, &str)] = &[
    ("iid-2023", include_str!("../rubrics/iid-2023.json")),
    ("iid-2026", include_str!("../rubrics/iid-2026.json")),
    ("iid-2027", include_str!("../rubrics/iid-2027.json")),
    ("iid-2028", include_str!("../rubrics/iid-2028.json")),
    ("iid-2029", include_str!("../rubrics/iid-2029.json")),
];

type Loaded = Vec<Result<CompiledRubric, RubricError>>;

fn loaded() -> &'static Loaded {
    static CELL: OnceLock<Loaded> = OnceLock::new();
    CELL.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(_, text)| Rubric::from_json(text))
            .collect()
    })
}

/// Ids of the embedded methodologies.
pub fn ids() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(id, _)| *id)
}

/// An embedded methodology by id.
pub fn get(id: &str) -> Result<&'static CompiledRubric, RubricError> {
    match SOURCES.iter().position(|(k, _)| *k == id) {
        Some(i) => loaded()[i].as_ref().map_err(Clone::clone),
        None => Err(RubricError::UnknownMethodology {
            id: id.to_string(),
            known: ids().collect::<Vec<_>>().join(", "),
        }),
    }
}

/// All embedded methodologies that load (every one does; the tests check).
pub fn all() -> impl Iterator<Item = &'static CompiledRubric> {
    loaded().iter().filter_map(|r| r.as_ref().ok())
}
