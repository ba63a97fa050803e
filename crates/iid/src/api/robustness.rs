//! The `robustness` call: the uncertainty and sensitivity of a national
//! ranking ([`crate::national::robustness`]), typed and as a call
//! document.
//!
//! Call document: `{"submissions": [...] | "<JSON Lines>", "rubric"?,
//! "award"?, ...options}` with the options of [`RobustnessOptions`]
//! (`samples`, `seed`, `weight_range`, `divisors`, `verification`,
//! `odds`, `bootstrap`, `mode`). Submission errors carry their position
//! (`submissions[2].spd.1`).

use serde_json::{Map, Value};

use super::national::AwardArg;
use super::RubricArg;
use crate::error::{join_path, render_path, Error, InputError};
use crate::national::input::split;
use crate::national::robustness::{analyse, prepare, Robustness, RobustnessOptions};

/// The submissions of a robustness call.
#[derive(Debug, Clone)]
pub enum RobustnessInput<'a> {
    /// JSON text: an array of submissions, JSON Lines, or one submission.
    Json(&'a str),
    /// Submission texts with their positions (a directory of files).
    Texts(Vec<(usize, &'a str)>),
}

/// A robustness call.
#[derive(Debug, Clone)]
pub struct RobustnessCall<'a> {
    pub input: RobustnessInput<'a>,
    pub options: RobustnessOptions,
    pub award: Option<AwardArg>,
    /// Applies to every submission; without it each names its own.
    pub rubric: Option<RubricArg>,
}

/// The uncertainty and sensitivity of the ranking of a national input.
pub fn robustness(call: RobustnessCall<'_>) -> Result<Robustness, Error> {
    let rubric = call.rubric.as_ref().map(RubricArg::resolve).transpose()?;
    let items = match &call.input {
        RobustnessInput::Json(text) => split(text)?,
        RobustnessInput::Texts(items) => items.clone(),
    };
    let (regions, main) = prepare(&items, rubric.as_deref(), &call.options)?;
    let award = call.award.as_ref().map(AwardArg::resolve).transpose()?;
    analyse(regions, main, award.as_deref(), &call.options)
}

fn json_error(path: &str, message: impl Into<String>) -> Error {
    Error::Input(InputError::Json {
        path: path.into(),
        message: message.into(),
    })
}

/// Answer a robustness call document.
pub(super) fn robustness_json(text: &str) -> Result<Robustness, Error> {
    let mut map: Map<String, Value> = match crate::model::json::read_via_value(text, "")? {
        Value::Object(m) => m,
        _ => return Err(json_error("$", "expected a call document (an object)")),
    };
    let submissions = map
        .remove("submissions")
        .ok_or_else(|| json_error("submissions", "missing field `submissions`"))?;
    let award = match map.remove("award") {
        None | Some(Value::Null) => None,
        Some(v) => Some(AwardArg::from_value(v)?),
    };
    let rubric = match map.remove("rubric") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            serde_path_to_error::deserialize::<_, RubricArg>(v).map_err(|e| {
                json_error(
                    &join_path("rubric", &render_path(e.path())),
                    e.inner().to_string(),
                )
            })?,
        ),
    };
    let options: RobustnessOptions = serde_path_to_error::deserialize(Value::Object(map))
        .map_err(|e| json_error(&render_path(e.path()), e.inner().to_string()))?;
    // The submissions as one text: a list, or JSON Lines as a string.
    let owned = match submissions {
        Value::String(lines) => lines,
        v @ Value::Array(_) => v.to_string(),
        _ => {
            return Err(json_error(
                "submissions",
                "expected a list of submissions or JSON Lines text",
            ))
        }
    };
    robustness(RobustnessCall {
        input: RobustnessInput::Json(&owned),
        options,
        award,
        rubric,
    })
    .map_err(|e| match e {
        Error::Input(i) if i.path().starts_with('[') || i.path() == "$" => {
            Error::Input(i.map_path(|p| {
                if p == "$" {
                    "submissions".to_string()
                } else {
                    format!("submissions{p}")
                }
            }))
        }
        other => other,
    })
}
