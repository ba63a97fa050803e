//! The embedded methodologies ([`crate::model::sources`]), compiled and
//! validated once on first use. `iid-2026` is written out whole; 2023 and
//! the prognoses extend it, the reconstructed years 2023
//! ([`crate::model::rubric::extends`]).

use std::sync::OnceLock;

use crate::error::{Error, InputError, RubricError};
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

/// An embedded methodology named by an input document (a submission's
/// `methodology`, a call's `rubric`, a table's methodology column): an
/// unknown id is bad input at `path`.
pub fn named(id: &str, path: impl FnOnce() -> String) -> Result<&'static CompiledRubric, Error> {
    get(id).map_err(|e| match e {
        RubricError::UnknownMethodology { id, known } => {
            Error::Input(InputError::UnknownMethodology {
                path: path(),
                id,
                known,
            })
        }
        other => Error::Rubric(other),
    })
}

/// The embedded methodology a submission names in `methodology`.
pub fn of_submission(
    sub: &crate::model::submission::Submission,
) -> Result<&'static CompiledRubric, Error> {
    let id = sub
        .methodology
        .as_deref()
        .ok_or_else(|| InputError::MissingMethodology {
            path: "methodology".into(),
        })?;
    named(id, || "methodology".into())
}

/// All embedded methodologies that load (every one does; the tests check).
pub fn all() -> impl Iterator<Item = &'static CompiledRubric> {
    loaded().iter().filter_map(|r| r.as_ref().ok())
}

/// The current methodology: the official embedded one of the latest
/// year (the default wherever a surface needs one and none is named). It
/// follows the rubric files: when a prognosis becomes official, it moves.
pub fn current() -> Result<&'static CompiledRubric, RubricError> {
    use crate::model::rubric::RubricStatus;
    let official = all().filter(|r| r.rubric().status == RubricStatus::Official);
    match official.max_by_key(|r| r.rubric().year) {
        Some(r) => Ok(r),
        // Without an official one (a build of other files): the first.
        None => SOURCES
            .first()
            .map_or_else(|| Err(unknown("")), |(id, _)| get(id)),
    }
}

/// The resolved document of an embedded methodology (its `extends`
/// applied), as JSON.
pub fn resolved_document(id: &str) -> Result<serde_json::Value, RubricError> {
    crate::model::rubric::extends::resolved(id, 0)
}
