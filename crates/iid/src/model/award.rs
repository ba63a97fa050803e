//! Award definitions: the Innovative Government Award pipeline that
//! follows the index (clusters, nominee quotas, side awards, the jury's
//! presentation criteria, field validation and the final combination), as
//! data like the rubrics. Embedded definitions live in `awards/*.json`; a
//! user's own definition is validated the same way on load.
//!
//! Errors in a definition are rubric-layer errors (the definition file is
//! at fault) with the same codes as a rubric's (`rubric_json`,
//! `rubric_duplicate`, `rubric_not_positive`, `rubric_invalid`) and paths
//! within the definition (`clusters[2].nominees`).

use crate::model::json::Object;
use std::collections::HashSet;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError, RubricError};
use crate::model::rubric::{Provenance, RubricStatus};

/// Most clusters, criteria or side awards a definition may hold.
pub const MAX_AWARD_ITEMS: usize = 64;
/// Most decimals of a figure in a definition or a stage score.
pub const MAX_SCORE_DECIMALS: u32 = 2;
/// Most decimals of the final score.
pub const MAX_FINAL_DECIMALS: u32 = 6;

/// An award definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AwardDefinition {
    /// Stable id, e.g. `iga-2023`.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default)]
    pub status: RubricStatus,
    #[serde(default, deserialize_with = "crate::model::json::object")]
    pub provenance: Provenance,
    /// Clusters in order of precedence: a region competes in the first
    /// exclusive cluster whose members rule it matches, and in every
    /// non-exclusive cluster it matches.
    #[serde(deserialize_with = "crate::model::json::objects")]
    pub clusters: Vec<Cluster>,
    /// How ties at a cluster's nominee quota are settled.
    #[serde(default)]
    pub nominee_ties: NomineeTies,
    /// Awards given by a rule on the index, besides the clusters' awards.
    #[serde(default, deserialize_with = "crate::model::json::objects")]
    pub side_awards: Vec<SideAward>,
    /// The jury's presentation stage.
    #[serde(deserialize_with = "crate::model::json::object")]
    pub presentation: Presentation,
    /// Field validation.
    #[serde(deserialize_with = "crate::model::json::object")]
    pub field: ScoreRange,
    /// How the index and the stages combine into the final score.
    #[serde(rename = "final", deserialize_with = "crate::model::json::object")]
    pub final_score: FinalRule,
}

/// An award cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Which regions belong.
    #[serde(deserialize_with = "crate::model::json::object")]
    pub members: Members,
    /// Whether a member competes here only (true, the default) or here as
    /// well as in its exclusive cluster.
    #[serde(default = "yes")]
    pub exclusive: bool,
    /// Nominee quota.
    pub nominees: u32,
    /// Winners among the nominees.
    pub winners: u32,
}

fn yes() -> bool {
    true
}

/// A cluster's membership rule: a region belongs when its `region.level`
/// is one of `levels` (if given) and its `region.clusters` holds every
/// one of `flags` (if given).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Members {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
}

impl Members {
    /// Whether a region of this level and these flags belongs.
    pub fn matches(&self, level: Option<&str>, flags: &[String]) -> bool {
        let level_ok = self.levels.is_empty()
            || level.is_some_and(|l| self.levels.iter().any(|x| x.eq_ignore_ascii_case(l.trim())));
        let flags_ok = self
            .flags
            .iter()
            .all(|f| flags.iter().any(|g| g.eq_ignore_ascii_case(f)));
        level_ok && flags_ok
    }
}

/// Ties at a nominee quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NomineeTies {
    /// Regions sharing the published index at the quota edge are all
    /// nominees (the quota may be exceeded).
    #[default]
    Share,
    /// Ranked by the exact index; only regions equal in the exact index
    /// share the edge.
    Exact,
}

/// A side award: every region whose published index is above (or at
/// least) a threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SideAward {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub index_above: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub index_at_least: Option<Decimal>,
}

impl SideAward {
    /// Whether a published index earns the award.
    pub fn earned(&self, index: Decimal) -> bool {
        self.index_above.is_none_or(|t| index > t) && self.index_at_least.is_none_or(|t| index >= t)
    }
}

/// A score range, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScoreRange {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub max: Decimal,
}

/// The presentation stage: criteria with weights, each scored by every
/// juror within the range, aggregated over jurors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub max: Decimal,
    #[serde(default)]
    pub aggregate: Aggregate,
    #[serde(deserialize_with = "crate::model::json::objects")]
    pub criteria: Vec<Criterion>,
}

/// How the jurors' scores of a criterion combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// The mean of every juror's score.
    #[default]
    Mean,
    /// The mean after dropping each nominee's highest and lowest score of
    /// the criterion.
    TrimmedMean,
}

/// A presentation criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub weight: Decimal,
}

/// The final score: `index × index + presentation × P + field × F`,
/// rounded once, half away from zero, to `decimals`; P is the weighted
/// mean of the criteria's aggregates, F the mean of the field scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FinalRule {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub presentation: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub field: Decimal,
    pub decimals: u32,
    /// Ties in the final score (as published) are broken by these, in
    /// order, the higher first; regions still equal share the place.
    #[serde(default)]
    pub tie_break: Vec<TieBreak>,
}

/// A tie-break key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// The exact index.
    Index,
    /// The exact presentation score.
    Presentation,
    /// The exact field score.
    Field,
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> RubricError {
    RubricError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

fn check_decimals(path: &str, d: Decimal, at_most: u32) -> Result<(), RubricError> {
    if d.normalize().scale() > at_most {
        return Err(invalid(
            path,
            format!("at most {at_most} decimals, got {d}"),
        ));
    }
    Ok(())
}

fn check_id(path: String, id: &str, seen: &mut HashSet<String>) -> Result<(), RubricError> {
    if id.trim().is_empty() || id.chars().count() > 64 {
        return Err(invalid(path, "an id of 1 to 64 characters"));
    }
    if !seen.insert(id.to_string()) {
        return Err(RubricError::Duplicate {
            path,
            code: id.to_string(),
        });
    }
    Ok(())
}

fn check_range(path: &str, min: Decimal, max: Decimal) -> Result<(), RubricError> {
    check_decimals(&format!("{path}.min"), min, MAX_SCORE_DECIMALS)?;
    check_decimals(&format!("{path}.max"), max, MAX_SCORE_DECIMALS)?;
    if min < Decimal::ZERO || max > Decimal::from(1_000) || min >= max {
        return Err(invalid(
            path,
            format!("need 0 <= min < max <= 1000, got {min} and {max}"),
        ));
    }
    Ok(())
}

impl AwardDefinition {
    /// Read and validate a definition from a JSON value.
    pub fn from_value(v: serde_json::Value) -> Result<AwardDefinition, RubricError> {
        let Object::<AwardDefinition>(d) =
            crate::model::json::from_value(v, "").map_err(|e| RubricError::Json {
                path: e.path().to_string(),
                message: e.to_string(),
            })?;
        d.validate()?;
        Ok(d)
    }

    /// Read and validate a definition from JSON text.
    pub fn from_json(text: &str) -> Result<AwardDefinition, RubricError> {
        let Object::<AwardDefinition>(d) =
            crate::model::json::read_via_value(text, "").map_err(|e| RubricError::Json {
                path: e.path().to_string(),
                message: e.to_string(),
            })?;
        d.validate()?;
        Ok(d)
    }

    /// Check the definition's consistency: unique ids, quotas, ranges,
    /// weights, decimals.
    pub fn validate(&self) -> Result<(), RubricError> {
        let mut seen = HashSet::new();
        check_id("id".into(), &self.id, &mut seen)?;
        for (what, n) in [
            ("clusters", self.clusters.len()),
            ("side_awards", self.side_awards.len()),
            ("presentation.criteria", self.presentation.criteria.len()),
        ] {
            if n > MAX_AWARD_ITEMS {
                return Err(invalid(
                    what,
                    format!("at most {MAX_AWARD_ITEMS} entries, got {n}"),
                ));
            }
        }
        if self.clusters.is_empty() {
            return Err(invalid("clusters", "at least one cluster"));
        }
        let mut ids = HashSet::new();
        for (i, c) in self.clusters.iter().enumerate() {
            let p = format!("clusters[{i}]");
            check_id(format!("{p}.id"), &c.id, &mut ids)?;
            if c.members.levels.is_empty() && c.members.flags.is_empty() {
                return Err(invalid(
                    format!("{p}.members"),
                    "name levels, flags or both",
                ));
            }
            if c.winners > c.nominees {
                return Err(invalid(
                    format!("{p}.winners"),
                    format!("{} winners exceed {} nominees", c.winners, c.nominees),
                ));
            }
            if c.nominees > 100_000 {
                return Err(invalid(format!("{p}.nominees"), "at most 100000"));
            }
        }
        let mut ids = HashSet::new();
        for (i, s) in self.side_awards.iter().enumerate() {
            let p = format!("side_awards[{i}]");
            check_id(format!("{p}.id"), &s.id, &mut ids)?;
            if s.index_above.is_none() && s.index_at_least.is_none() {
                return Err(invalid(&p, "name index_above or index_at_least"));
            }
        }
        let pr = &self.presentation;
        check_range("presentation", pr.min, pr.max)?;
        check_range("field", self.field.min, self.field.max)?;
        if pr.criteria.is_empty() {
            return Err(invalid("presentation.criteria", "at least one criterion"));
        }
        let mut ids = HashSet::new();
        for (i, c) in pr.criteria.iter().enumerate() {
            let p = format!("presentation.criteria[{i}]");
            check_id(format!("{p}.id"), &c.id, &mut ids)?;
            check_decimals(&format!("{p}.weight"), c.weight, MAX_SCORE_DECIMALS)?;
            if c.weight <= Decimal::ZERO || c.weight > Decimal::from(10_000) {
                return Err(RubricError::NotPositive {
                    path: format!("{p}.weight"),
                    value: c.weight.to_string(),
                });
            }
        }
        let f = &self.final_score;
        for (name, w) in [
            ("index", f.index),
            ("presentation", f.presentation),
            ("field", f.field),
        ] {
            let p = format!("final.{name}");
            check_decimals(&p, w, MAX_SCORE_DECIMALS)?;
            if w < Decimal::ZERO || w > Decimal::from(10_000) {
                return Err(invalid(p, format!("need 0 <= weight <= 10000, got {w}")));
            }
        }
        if f.index.is_zero() && f.presentation.is_zero() && f.field.is_zero() {
            return Err(invalid("final", "at least one weight above zero"));
        }
        if f.decimals > MAX_FINAL_DECIMALS {
            return Err(invalid(
                "final.decimals",
                format!("at most {MAX_FINAL_DECIMALS}, got {}", f.decimals),
            ));
        }
        Ok(())
    }

    /// The clusters a region competes in, as indices into `clusters`:
    /// the first exclusive cluster it matches, then every non-exclusive
    /// one it matches.
    pub fn clusters_of(&self, level: Option<&str>, flags: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        if let Some(i) = self
            .clusters
            .iter()
            .position(|c| c.exclusive && c.members.matches(level, flags))
        {
            out.push(i);
        }
        out.extend(
            self.clusters
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.exclusive && c.members.matches(level, flags))
                .map(|(i, _)| i),
        );
        out
    }
}

/// The award definitions shipped inside the crate, by id.
pub const AWARD_SOURCES: &[(&str, &str)] = &[
    ("iga-2023", include_str!("../../awards/iga-2023.json")),
    ("iga-2025", include_str!("../../awards/iga-2025.json")),
];

/// Ids of the embedded award definitions, for messages.
pub fn known_awards() -> String {
    AWARD_SOURCES
        .iter()
        .map(|(id, _)| *id)
        .collect::<Vec<_>>()
        .join(", ")
}

type Loaded = Vec<Result<AwardDefinition, RubricError>>;

/// An embedded award definition by id (read and validated once).
pub fn award(id: &str) -> Result<&'static AwardDefinition, Error> {
    static CELL: OnceLock<Loaded> = OnceLock::new();
    let loaded = CELL.get_or_init(|| {
        AWARD_SOURCES
            .iter()
            .map(|(_, t)| AwardDefinition::from_json(t))
            .collect()
    });
    match AWARD_SOURCES.iter().position(|(k, _)| *k == id) {
        Some(i) => match &loaded[i] {
            Ok(d) => Ok(d),
            Err(e) => Err(Error::Rubric(e.clone())),
        },
        None => Err(Error::Input(InputError::UnknownAward {
            path: "award".into(),
            id: id.to_string(),
            known: known_awards(),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_definitions_load_and_hold_the_published_quotas() {
        let d = award("iga-2023").unwrap();
        let quota: Vec<(&str, u32, u32)> = d
            .clusters
            .iter()
            .map(|c| (c.id.as_str(), c.nominees, c.winners))
            .collect();
        assert_eq!(
            quota,
            [
                ("perbatasan", 5, 4),
                ("tertinggal", 5, 5),
                ("provinsi", 9, 7),
                ("kabupaten", 21, 16),
                ("kota", 13, 10)
            ]
        );
        let weights: Vec<String> = d
            .presentation
            .criteria
            .iter()
            .map(|c| c.weight.to_string())
            .collect();
        assert_eq!(weights, ["30", "25", "20", "15", "10"]);
        let d = award("iga-2025").unwrap();
        let n: u32 = d.clusters.iter().map(|c| c.nominees).sum();
        let w: u32 = d.clusters.iter().map(|c| c.winners).sum();
        assert_eq!((n, w), (53, 43));
        assert_eq!(award("iga-1999").unwrap_err().code(), "unknown_award");
    }

    #[test]
    fn a_border_regency_competes_in_the_border_cluster_only() {
        let d = award("iga-2023").unwrap();
        let flags = vec!["perbatasan".to_string()];
        assert_eq!(d.clusters_of(Some("kabupaten"), &flags), [0]);
        assert_eq!(d.clusters_of(Some("kabupaten"), &[]), [3]);
        assert_eq!(d.clusters_of(None, &[]), Vec::<usize>::new());
        // Made non-exclusive, the border cluster comes on top of the level.
        let mut d = d.clone();
        d.clusters[0].exclusive = false;
        assert_eq!(d.clusters_of(Some("kabupaten"), &flags), [3, 0]);
    }

    #[test]
    fn inconsistent_definitions_are_refused_with_a_path() {
        let base: serde_json::Value = serde_json::from_str(AWARD_SOURCES[0].1).unwrap();
        let bad = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = base.clone();
            f(&mut v);
            AwardDefinition::from_json(&v.to_string()).unwrap_err()
        };
        let e = bad(&|v| v["clusters"][1]["winners"] = 6.into());
        assert_eq!(
            (e.code(), e.path()),
            ("rubric_invalid", "clusters[1].winners")
        );
        let e = bad(&|v| v["clusters"][2]["id"] = "perbatasan".into());
        assert_eq!((e.code(), e.path()), ("rubric_duplicate", "clusters[2].id"));
        let e = bad(&|v| v["presentation"]["criteria"][0]["weight"] = "0".into());
        assert_eq!(e.code(), "rubric_not_positive");
        let e = bad(&|v| v["presentation"]["max"] = "0".into());
        assert_eq!(e.path(), "presentation");
        let e = bad(&|v| v["final"]["decimals"] = 7.into());
        assert_eq!(e.path(), "final.decimals");
        let e = bad(&|v| v["clusters"][0]["members"] = serde_json::json!({}));
        assert_eq!(e.path(), "clusters[0].members");
        let e = bad(&|v| v["surprise"] = 1.into());
        assert_eq!(e.code(), "rubric_json");
        let e = bad(&|v| {
            v["final"]["index"] = "0".into();
            v["final"]["presentation"] = "0".into();
            v["final"]["field"] = "0".into();
        });
        assert_eq!(e.path(), "final");
    }
}
