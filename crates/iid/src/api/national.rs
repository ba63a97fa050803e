//! The calls on many regions: `rank` (the national ranking) and `award`
//! (the stages after the index), typed and as call documents.
//!
//! - rank: `{"submissions": [...], "award"?, "rubric"?, "mode"?,
//!   "mixed"?, "roster"?}`; the submissions may also be one JSON Lines
//!   text (`"submissions": "{...}\n{...}"`).
//! - award: `{"ranking": <a rank answer, or its "regions" list>,
//!   "scores": {"presentation": [...], "field": [...]}, "award"?}`;
//!   without `award`, the ranking's award definition.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::RubricArg;
use crate::error::{join_path, render_path, Error, InputError};
use crate::model::award::{award as embedded_award, AwardDefinition, AWARD_SOURCES};
use crate::model::rubric::RubricStatus;
use crate::national::input::{from_json, from_tables, from_texts, split};
use crate::national::{award_stages, rank as rank_entrants, AwardResult, RankOptions, Ranking};
use crate::national::{Entrant, RankedRegion, StageScores};
use crate::table::TableInput;

/// An award definition argument: an embedded id or a definition.
#[derive(Debug, Clone)]
pub enum AwardArg {
    Embedded(String),
    Inline(Box<AwardDefinition>),
}

impl AwardArg {
    /// The definition, validated (an inline one is validated when read).
    pub fn resolve(&self) -> Result<Cow<'_, AwardDefinition>, Error> {
        match self {
            AwardArg::Embedded(id) => Ok(Cow::Borrowed(embedded_award(id)?)),
            AwardArg::Inline(d) => Ok(Cow::Borrowed(d.as_ref())),
        }
    }

    /// Read from a call's `award` field: an id, definition JSON text, or
    /// a definition object. Definition errors keep their paths within the
    /// definition (rubric layer).
    pub fn from_value(v: Value) -> Result<AwardArg, Error> {
        match v {
            Value::String(s) if s.trim_start().starts_with('{') => {
                Ok(AwardArg::Inline(Box::new(AwardDefinition::from_json(&s)?)))
            }
            Value::String(s) => {
                embedded_award(&s)?;
                Ok(AwardArg::Embedded(s))
            }
            v @ Value::Object(_) => Ok(AwardArg::Inline(Box::new(AwardDefinition::from_value(v)?))),
            _ => Err(json_error(
                "award",
                "expected an award id, definition JSON text or a definition object",
            )),
        }
    }
}

/// The regions of a ranking, in one of its input forms.
#[derive(Debug, Clone)]
pub enum NationalInput<'a> {
    /// JSON text: an array of submissions, JSON Lines, or one submission.
    Json(&'a str),
    /// Submission texts with their positions (a directory of files).
    Texts(Vec<(usize, &'a str)>),
    /// Regions already read (the table form: [`rank_table_input`]).
    Entrants(Vec<Entrant>),
}

/// A ranking call.
#[derive(Debug, Clone)]
pub struct RankCall<'a> {
    pub input: NationalInput<'a>,
    pub options: RankOptions,
    pub award: Option<AwardArg>,
    /// Applies to every submission; without it each names its own.
    pub rubric: Option<RubricArg>,
}

/// Rank the regions of a national input.
pub fn rank(call: RankCall<'_>) -> Result<Ranking, Error> {
    let rubric = call.rubric.as_ref().map(RubricArg::resolve).transpose()?;
    let r = rubric.as_deref();
    let mode = call.options.mode;
    let entrants = match call.input {
        NationalInput::Json(text) => from_json(text, r, mode)?,
        NationalInput::Texts(items) => from_texts(&items, r, mode)?,
        NationalInput::Entrants(e) => e,
    };
    let award = call.award.as_ref().map(AwardArg::resolve).transpose()?;
    rank_entrants(entrants, &call.options, award.as_deref(), r)
}

/// Rank the table form, read with [`crate::table::read`] under `rubric`
/// (or each region's methodology). The table form holds claimed levels
/// only: `options.mode` must be `self`. (Kept apart from [`rank`] so that
/// a build that never reads tables, the `.wasm`, carries no table code.)
pub fn rank_table_input(
    input: &TableInput<'_>,
    options: RankOptions,
    award: Option<AwardArg>,
    rubric: Option<std::sync::Arc<crate::model::rubric::CompiledRubric>>,
) -> Result<Ranking, Error> {
    if options.mode != crate::scoring::Mode::SelfAssessment {
        return Err(Error::Input(InputError::Invalid {
            path: "mode".into(),
            message: "the table form holds claimed levels only: rank it in self mode".into(),
        }));
    }
    let entrants = from_tables(input, rubric.as_deref())?;
    rank(RankCall {
        input: NationalInput::Entrants(entrants),
        options,
        award,
        rubric: rubric.map(RubricArg::Compiled),
    })
}

/// An award call: a ranking's regions, the stage scores, the definition.
#[derive(Debug, Clone)]
pub struct AwardCall {
    pub ranking: Vec<RankedRegion>,
    pub scores: StageScores,
    pub award: AwardArg,
}

/// Turn the stages' scores into final scores and winners.
pub fn award(call: &AwardCall) -> Result<AwardResult, Error> {
    award_stages(&call.ranking, &call.scores, &*call.award.resolve()?)
}

fn json_error(path: &str, message: impl Into<String>) -> Error {
    Error::Input(InputError::Json {
        path: path.into(),
        message: message.into(),
    })
}

fn from_value<T: serde::de::DeserializeOwned>(value: Value, prefix: &str) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        json_error(
            &join_path(prefix, &render_path(e.path())),
            e.inner().to_string(),
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RankDoc<'a> {
    #[serde(borrow)]
    submissions: &'a RawValue,
    #[serde(default)]
    award: Option<Value>,
    #[serde(default)]
    rubric: Option<RubricArg>,
    #[serde(default)]
    mode: crate::scoring::Mode,
    #[serde(default)]
    mixed: bool,
    #[serde(default)]
    roster: Option<Vec<crate::national::RosterEntry>>,
}

/// Answer a rank call document.
pub(super) fn rank_json(text: &str) -> Result<Ranking, Error> {
    let text = crate::model::json::strip_bom(text);
    let doc: RankDoc<'_> = {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            json_error(
                &render_path(e.path()).replace("?", "$"),
                e.inner().to_string(),
            )
        })?
    };
    let options = RankOptions {
        mode: doc.mode,
        mixed: doc.mixed,
        roster: doc.roster,
    };
    let award = doc.award.map(AwardArg::from_value).transpose()?;
    let raw = doc.submissions.get();
    let items = match serde_json::from_str::<String>(raw) {
        // JSON Lines as one string.
        Ok(lines) => {
            let rubric = doc.rubric.as_ref().map(RubricArg::resolve).transpose()?;
            let entrants = from_json(&lines, rubric.as_deref(), options.mode)
                .map_err(|e| prefixed(e, "submissions"))?;
            return rank(RankCall {
                input: NationalInput::Entrants(entrants),
                options,
                award,
                rubric: doc.rubric,
            });
        }
        Err(_) => split(raw).map_err(|e| prefixed(e, "submissions"))?,
    };
    if !raw.trim_start().starts_with('[') {
        return Err(json_error(
            "submissions",
            "expected a list of submissions or JSON Lines text",
        ));
    }
    rank(RankCall {
        input: NationalInput::Texts(items),
        options,
        award,
        rubric: doc.rubric,
    })
    .map_err(|e| prefixed(e, "submissions"))
}

/// Prefix an input error's path with where the submissions sit.
fn prefixed(e: Error, at: &str) -> Error {
    match e {
        Error::Input(i) if i.path().starts_with('[') || i.path() == "$" => {
            Error::Input(i.map_path(|p| {
                if p == "$" {
                    at.to_string()
                } else {
                    format!("{at}{p}")
                }
            }))
        }
        other => other,
    }
}

/// The options of a rank call on the table form (a binding holding its
/// tables in its own carrier): `{"award"?, "mode"?, "mixed"?, "roster"?}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableRankOptions {
    #[serde(default)]
    award: Option<Value>,
    #[serde(default)]
    mode: crate::scoring::Mode,
    #[serde(default)]
    mixed: bool,
    #[serde(default)]
    roster: Option<Vec<crate::national::RosterEntry>>,
}

/// Rank tables already read ([`crate::table::read`]) with the options of
/// a rank call as JSON text, under `rubric` (the one they were read with)
/// or each region's methodology.
pub fn rank_tables(
    input: TableInput<'_>,
    options: &str,
    rubric: Option<std::sync::Arc<crate::model::rubric::CompiledRubric>>,
) -> Result<super::Answer, Error> {
    let o: TableRankOptions = crate::model::json::read_via_value(options, "options")?;
    let award = o.award.map(AwardArg::from_value).transpose()?;
    let options = RankOptions {
        mode: o.mode,
        mixed: o.mixed,
        roster: o.roster,
    };
    let ranking = rank_table_input(&input, options, award, rubric)?;
    Ok(super::Answer::Rank(Box::new(ranking)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AwardDoc {
    ranking: Value,
    scores: Value,
    #[serde(default)]
    award: Option<Value>,
}

/// Answer an award call document.
pub(super) fn award_json(text: &str) -> Result<AwardResult, Error> {
    let doc: AwardDoc = crate::model::json::read_via_value(text, "")?;
    let (rows, named) = match doc.ranking {
        Value::Array(_) => (
            from_value::<Vec<RankedRegion>>(doc.ranking, "ranking")?,
            None,
        ),
        Value::Object(mut m) => {
            let regions = m.remove("regions").ok_or_else(|| {
                json_error("ranking.regions", "missing field `regions` (a rank answer)")
            })?;
            let award = match m.remove("award") {
                Some(Value::String(s)) => Some(s),
                _ => None,
            };
            (
                from_value::<Vec<RankedRegion>>(regions, "ranking.regions")?,
                award,
            )
        }
        _ => {
            return Err(json_error(
                "ranking",
                "expected a rank answer or its regions",
            ))
        }
    };
    let scores: StageScores = from_value(doc.scores, "scores")?;
    let definition = match (doc.award, named) {
        (Some(v), _) => AwardArg::from_value(v)?,
        (None, Some(id)) => AwardArg::from_value(Value::String(id))?,
        (None, None) => {
            return Err(json_error(
                "award",
                "missing: name the award definition (the ranking names none)",
            ))
        }
    };
    award(&AwardCall {
        ranking: rows,
        scores,
        award: definition,
    })
}

/// One embedded award definition, as listed by `iid awards`: its id,
/// name, year and status, and each cluster's nominee and winner quotas
/// (the whole definition: [`award_definition`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AwardInfo {
    pub id: String,
    pub name: String,
    pub year: Option<u16>,
    pub status: RubricStatus,
    /// The clusters in order of precedence.
    pub clusters: Vec<ClusterInfo>,
    /// Nominees in all clusters.
    pub nominees: u32,
    /// Winners in all clusters.
    pub winners: u32,
}

/// A cluster of an [`AwardInfo`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClusterInfo {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub nominees: u32,
    pub winners: u32,
}

impl AwardInfo {
    pub fn of(d: &AwardDefinition) -> AwardInfo {
        let clusters: Vec<ClusterInfo> = d
            .clusters
            .iter()
            .map(|c| ClusterInfo {
                id: c.id.clone(),
                name: c.name.clone(),
                name_en: c.name_en.clone(),
                nominees: c.nominees,
                winners: c.winners,
            })
            .collect();
        AwardInfo {
            id: d.id.clone(),
            name: d.name.clone(),
            year: d.year,
            status: d.status,
            nominees: clusters.iter().map(|c| c.nominees).sum(),
            winners: clusters.iter().map(|c| c.winners).sum(),
            clusters,
        }
    }
}

/// The embedded award definitions, in the order they are shipped (the
/// first is the default of the page's views).
pub fn awards() -> Result<Vec<AwardInfo>, Error> {
    AWARD_SOURCES
        .iter()
        .map(|(id, _)| award_definition(id).map(AwardInfo::of))
        .collect()
}

/// An embedded award definition, whole.
pub fn award_definition(id: &str) -> Result<&'static AwardDefinition, Error> {
    crate::model::award::award(id)
}
