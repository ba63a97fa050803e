//! The calls on more than one submission: `history` (a region's years side
//! by side) and `diff` (why the index changed between two years). Their
//! call documents are their own:
//!
//! ```json
//! {"submissions": [{...}, {...}], "methodology": "iid-2026", "rubrics": [], "mode": "self"}
//! {"old": {...}, "new": {...}, "rubrics": [], "mode": "self"}
//! ```
//!
//! Each submission is scored under the methodology it names: a rubric of
//! `rubrics` with that id (a user's own rubric, say a 2020-style points
//! total), else the embedded one. `methodology` names the like-for-like
//! methodology of a history (default: the latest year's).

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::RubricArg;
use crate::analysis::diff::Diff;
use crate::analysis::history::History;
use crate::error::{join_path, Error, InputError};
use crate::model::builtin;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;
use crate::scoring::Mode;

/// A region's history (`iid history`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HistoryCall {
    /// The region's submissions, one per assessment year, each naming its
    /// methodology.
    pub submissions: Vec<Submission>,
    /// The methodology of the like-for-like line (an embedded id or the id
    /// of one of `rubrics`); default: the latest year's.
    #[serde(default)]
    pub methodology: Option<String>,
    /// User rubrics (documents or JSON text) that submissions may name (`null`: none).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<serde_json::Value>>"))]
    pub rubrics: Vec<RubricArg>,
    /// `self` (claimed levels, the default) or `verified`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Mode>"))]
    pub mode: Mode,
}

/// Why the index changed (`iid diff OLD NEW`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DiffCall {
    /// Last year's submission (any earlier one).
    pub old: Submission,
    /// This year's submission.
    pub new: Submission,
    /// User rubrics (documents or JSON text) the submissions may name (`null`: none).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<serde_json::Value>>"))]
    pub rubrics: Vec<RubricArg>,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Mode>"))]
    pub mode: Mode,
}

/// The call's user rubrics, compiled once.
fn compile(rubrics: &[RubricArg]) -> Result<Vec<Arc<CompiledRubric>>, Error> {
    rubrics.iter().map(RubricArg::compile).collect()
}

/// The methodology named `id`: a user rubric with that id, else an
/// embedded one (an unknown id is bad input at `path`).
fn named<'a>(
    id: &str,
    user: &'a [Arc<CompiledRubric>],
    path: &str,
) -> Result<&'a CompiledRubric, Error> {
    match user.iter().find(|r| r.id() == id) {
        Some(r) => Ok(r),
        None => builtin::named(id, || path.to_string()),
    }
}

/// The methodology a submission names.
fn of<'a>(
    sub: &Submission,
    user: &'a [Arc<CompiledRubric>],
    at: &str,
) -> Result<&'a CompiledRubric, Error> {
    let path = format!("{at}.methodology");
    match sub.methodology.as_deref() {
        Some(id) => named(id, user, &path),
        None => Err(Error::Input(InputError::MissingMethodology { path })),
    }
}

/// A region's years side by side, with the like-for-like line.
pub fn history(call: &HistoryCall) -> Result<History, Error> {
    let user = compile(&call.rubrics)?;
    let rounds = call
        .submissions
        .iter()
        .enumerate()
        .map(|(i, s)| Ok((of(s, &user, &format!("submissions[{i}]"))?, s)))
        .collect::<Result<Vec<_>, Error>>()?;
    let under = match &call.methodology {
        Some(id) => named(id, &user, "methodology")?,
        None => match rounds.iter().max_by_key(|(r, _)| r.rubric().year) {
            Some((r, _)) => *r,
            None => {
                return Err(Error::Input(InputError::Invalid {
                    path: "submissions".into(),
                    message: "expected at least one submission".into(),
                }))
            }
        },
    };
    crate::analysis::history::history(&rounds, under, call.mode)
}

/// Why the index changed between two years, in parts that sum exactly.
pub fn diff(call: &DiffCall) -> Result<Diff, Error> {
    let user = compile(&call.rubrics)?;
    let old = of(&call.old, &user, "old")?;
    let new = of(&call.new, &user, "new")?;
    crate::analysis::diff::diff(old, &call.old, new, &call.new, call.mode)
}

fn json_error(path: &str, message: impl Into<String>) -> Error {
    Error::Input(InputError::Json {
        path: path.into(),
        message: message.into(),
    })
}

/// A submission of a call document, its errors at `at` (the submissions
/// are read the way `call_json` reads one: [`Submission::from_value`]).
fn submission(v: Value, at: &str) -> Result<Submission, Error> {
    Submission::from_value(v).map_err(|e| Error::Input(e.map_path(|p| join_path(at, p))))
}

fn rubrics(v: Option<Value>) -> Result<Vec<RubricArg>, Error> {
    let items = match v {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(json_error("rubrics", "expected a list of rubrics")),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, r)| match r {
            Value::String(text) => Ok(RubricArg::from_text(&text)),
            v @ Value::Object(_) => Ok(RubricArg::Inline(v.to_string())),
            _ => Err(json_error(
                &format!("rubrics[{i}]"),
                "expected a rubric object or rubric JSON text",
            )),
        })
        .collect()
}

fn mode(v: Option<Value>) -> Result<Mode, Error> {
    match v {
        None | Some(Value::Null) => Ok(Mode::SelfAssessment),
        Some(Value::String(s)) => super::parse_mode(&s),
        Some(_) => Err(json_error("mode", "expected \"self\" or \"verified\"")),
    }
}

fn no_other_fields(map: &Map<String, Value>, allowed: &str) -> Result<(), Error> {
    match map.keys().next() {
        None => Ok(()),
        Some(k) => Err(json_error(
            k,
            format!("unknown field `{k}`, expected {allowed}"),
        )),
    }
}

/// A [`HistoryCall`] from its call document's fields.
pub(super) fn history_document(mut map: Map<String, Value>) -> Result<HistoryCall, Error> {
    let submissions = match map.remove("submissions") {
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| submission(v, &format!("submissions[{i}]")))
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err(json_error("submissions", "expected a list of submissions")),
        None => return Err(json_error("submissions", "missing field `submissions`")),
    };
    let methodology = match map.remove("methodology") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return Err(json_error("methodology", "expected a methodology id")),
    };
    let call = HistoryCall {
        submissions,
        methodology,
        rubrics: rubrics(map.remove("rubrics"))?,
        mode: mode(map.remove("mode"))?,
    };
    no_other_fields(&map, "`submissions`, `methodology`, `rubrics` or `mode`")?;
    Ok(call)
}

/// A [`DiffCall`] from its call document's fields.
pub(super) fn diff_document(mut map: Map<String, Value>) -> Result<DiffCall, Error> {
    let mut side = |key: &str| match map.remove(key) {
        Some(v) => submission(v, key),
        None => Err(json_error(key, format!("missing field `{key}`"))),
    };
    let (old, new) = (side("old")?, side("new")?);
    let call = DiffCall {
        old,
        new,
        rubrics: rubrics(map.remove("rubrics"))?,
        mode: mode(map.remove("mode"))?,
    };
    no_other_fields(&map, "`old`, `new`, `rubrics` or `mode`")?;
    Ok(call)
}
