//! The rubric argument of every call: an embedded methodology id, an
//! inline rubric document, or a compiled rubric handle reused across
//! calls (compile once with [`RubricArg::compile`], then pass the handle).

use std::borrow::Cow;
use std::sync::Arc;

use serde::de::{self, Deserializer};
use serde::Deserialize;

use crate::error::Error;
use crate::model::builtin;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;

/// Which rubric a call scores against. Absent, the embedded methodology
/// the submission names (`methodology`) is used.
///
/// In JSON a string is an embedded id (`"iid-2026"`), or rubric JSON text
/// when it starts with `{`; an object is an inline rubric document.
#[derive(Debug, Clone)]
pub enum RubricArg {
    /// An embedded methodology, by id.
    Embedded(String),
    /// A rubric document as JSON text, compiled for this call.
    Inline(String),
    /// A rubric compiled earlier, shared.
    Compiled(Arc<CompiledRubric>),
}

impl RubricArg {
    /// Read a binding's string argument: rubric JSON text when it starts
    /// with `{`, else an embedded id.
    pub fn from_text(text: &str) -> RubricArg {
        if text.trim_start().starts_with('{') {
            RubricArg::Inline(text.to_string())
        } else {
            RubricArg::Embedded(text.to_string())
        }
    }

    /// Compile (or look up) the rubric once, for reuse across calls.
    pub fn compile(&self) -> Result<Arc<CompiledRubric>, Error> {
        Ok(match self {
            RubricArg::Compiled(r) => r.clone(),
            other => Arc::new(other.resolve()?.into_owned()),
        })
    }

    /// The compiled rubric this argument stands for.
    pub fn resolve(&self) -> Result<Cow<'_, CompiledRubric>, Error> {
        match self {
            RubricArg::Embedded(id) => Ok(Cow::Borrowed(embedded(id, "rubric")?)),
            RubricArg::Inline(text) => Ok(Cow::Owned(CompiledRubric::from_json(text)?)),
            RubricArg::Compiled(r) => Ok(Cow::Borrowed(r.as_ref())),
        }
    }
}

impl From<Arc<CompiledRubric>> for RubricArg {
    fn from(r: Arc<CompiledRubric>) -> Self {
        RubricArg::Compiled(r)
    }
}

impl<'de> Deserialize<'de> for RubricArg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // An inline rubric gives no key twice either (its own reader would
        // see only the last).
        match crate::model::json::Unique::deserialize(d)?.0 {
            serde_json::Value::String(s) => Ok(RubricArg::from_text(&s)),
            v @ serde_json::Value::Object(_) => Ok(RubricArg::Inline(v.to_string())),
            _ => Err(de::Error::custom(
                "expected a methodology id, rubric JSON text or a rubric object",
            )),
        }
    }
}

/// An embedded methodology; an unknown id is bad input at `path`.
fn embedded(id: &str, path: &str) -> Result<&'static CompiledRubric, Error> {
    builtin::named(id, || path.to_string())
}

/// The rubric a submission is scored against: the argument when given,
/// else the embedded methodology the submission names.
pub fn resolve_rubric<'a>(
    arg: Option<&'a RubricArg>,
    sub: &Submission,
) -> Result<Cow<'a, CompiledRubric>, Error> {
    match arg {
        Some(arg) => arg.resolve(),
        None => Ok(Cow::Borrowed(builtin::of_submission(sub)?)),
    }
}
