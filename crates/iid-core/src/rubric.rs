//! Rubrics (methodologies, "metodologi"): the data that says what is scored
//! and how. A rubric holds aspects (aspek), variables (variabel), indicators
//! (indikator) with their weights (bobot) and parameters, the innovation-count
//! rule, the aggregation, the predicate bands (predikat), rounding and
//! provenance. Code holds no weight, threshold or label: they are all here.
//!
//! [`Rubric::from_json`] parses and validates a rubric file;
//! [`CompiledRubric`] is the validated form the scorer uses, with weights in
//! integer fixed point and indicator codes resolved to positions.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{render_path, RubricError};
use crate::evidence::{Date, EvidenceRule};
use crate::measure::{LintNote, Measure};
use crate::submission::Stage;

/// Largest number of indicators a rubric may hold.
pub const MAX_INDICATORS: usize = 512;
/// Largest number of parameters (levels) an indicator may have.
pub const MAX_PARAMETERS: usize = 9;
/// Largest number of decimal places of a weight or point value.
pub const MAX_WEIGHT_SCALE: u32 = 6;
/// Largest rubric file accepted, in bytes.
pub const MAX_RUBRIC_BYTES: usize = 4 * 1024 * 1024;

/// A methodology: the complete, self-describing scoring rules of one year
/// (or of a regional competition).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Identifier used by submissions' `methodology` field, e.g. `iid-2026`.
    pub id: String,
    /// Official title.
    pub name: String,
    /// Assessment year, when the rubric belongs to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Whether the rubric is official, an announced prognosis or a custom one.
    #[serde(default)]
    pub status: RubricStatus,
    /// Where the figures come from, what was checked and what is assumed.
    pub provenance: Provenance,
    /// Aspects (aspek), e.g. SPD and SID.
    pub aspects: Vec<Aspect>,
    /// Variables (variabel), each in one aspect.
    pub variables: Vec<Variable>,
    /// Indicators (indikator) in official row order.
    pub indicators: Vec<Indicator>,
    /// The innovation-count indicator (row 36), if the rubric has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub innovation_count: Option<InnovationCount>,
    /// Government affairs (urusan) the rubric knows, with aliases; the
    /// basic-service ones (yandas) are flagged.
    #[serde(default)]
    pub affairs: Vec<Affair>,
    /// How row scores become a total and an index.
    pub aggregation: Aggregation,
    /// Predicate bands (predikat) over the rounded index.
    pub predicates: Vec<PredicateBand>,
    /// Label of the band given to a submission with no innovations.
    pub not_assessable: String,
    /// Rounding of the reported figures.
    #[serde(default)]
    pub rounding: Rounding,
    /// Which innovations may be counted at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Eligibility>,
    /// What an unanswered (or, when verified, unproven) mandatory
    /// indicator does.
    #[serde(default)]
    pub mandatory_rule: MandatoryRule,
}

/// Which innovations may be counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// Stages that may be counted (for the IID: implemented only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    /// Earliest implementation date counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implemented_from: Option<Date>,
    /// Latest implementation date counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implemented_to: Option<Date>,
}

/// The consequence of an unanswered or unproven mandatory indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MandatoryRule {
    /// A finding only; the row scores 0.
    #[default]
    Finding,
    /// The innovation scores 0 on every row (it still counts in n).
    InnovationZero,
    /// The whole submission is not assessable (Tidak Dapat Dinilai).
    NotAssessable,
}

/// Standing of a rubric's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RubricStatus {
    /// Taken from the ministry's published guideline.
    Official,
    /// Announced for a future year; figures may change.
    Prognosis,
    /// A user's own rubric (regional competition, internal target).
    #[default]
    Custom,
}

/// Source documents and the standing of each figure.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Source documents (letters, annexes, slide decks).
    #[serde(default)]
    pub documents: Vec<SourceDocument>,
    /// Figures checked against the source.
    #[serde(default)]
    pub verified: Vec<String>,
    /// Figures assumed where the source is silent or unclear.
    #[serde(default)]
    pub assumed: Vec<String>,
}

/// One source document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// ISO date (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What an aspect's indicators are answered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Once for the region (SPD rows, the submission's `spd` map).
    Region,
    /// Once per innovation (SID rows, each innovation's `levels` map).
    Innovation,
}

/// An aspect (aspek).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Aspect {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub scope: Scope,
}

/// A variable (variabel) within an aspect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Code of the aspect it belongs to.
    pub aspect: String,
}

/// An indicator row: weight x chosen parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Row code as in the guideline tables ("1", "2a", "16").
    pub code: String,
    /// Official Indonesian name.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Code of the variable it belongs to.
    pub variable: String,
    /// Weight (bobot), a positive decimal.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub weight: Decimal,
    /// Whether the guideline marks the row mandatory (wajib).
    #[serde(default)]
    pub mandatory: bool,
    /// Parameters in level order: the first is level 1.
    pub parameters: Vec<Parameter>,
    /// How the level follows from a measured figure or category, for rows
    /// that accept one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// What evidence (bukti dukung) proves an answer; a parameter may
    /// state its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceRule>,
}

/// One parameter (level) of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    /// Evidence rule for this level, overriding the indicator's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceRule>,
}

/// The innovation-count indicator: points per innovation up to a cap,
/// paid only when the basic-service condition holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InnovationCount {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Code of the variable it is reported under.
    pub variable: String,
    /// Points per counted innovation.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub points_per_innovation: Decimal,
    /// Largest number of innovations counted; no cap when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<u32>,
    /// Least number of distinct basic-service affairs the innovations must
    /// cover for any count points to be paid; no condition when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic_services_required: Option<u32>,
}

/// A government affair (urusan pemerintahan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Affair {
    /// snake_case code used in submissions (`pendidikan`, `pupr`).
    pub code: String,
    /// Official name.
    pub name: String,
    /// Other accepted spellings (matched case-insensitively).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether it is a basic-service affair (urusan wajib pelayanan dasar).
    #[serde(default)]
    pub basic_service: bool,
}

/// How row scores become the total and the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Aggregation {
    /// Since 2021: SID rows averaged over MAX(min_divisor, n), index =
    /// total / maximum total x 100.
    Normalized {
        /// Minimum divisor d (empty seats below it).
        min_divisor: u32,
        /// The maximum total as published; checked against the weights.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
        max_total: Option<Decimal>,
    },
    /// 2020 style: raw points summed over all innovations; the index is the
    /// total itself.
    Sum,
}

/// One predicate band, inclusive at both ends, over the rounded index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PredicateBand {
    /// Official label ("Sangat Inovatif").
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// Lowest rounded index in the band.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    /// Highest rounded index in the band; open-ended when absent (sum rubrics).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub max: Option<Decimal>,
}

/// Rounding of reported figures. The index is always rounded half-up
/// (half away from zero; all figures are non-negative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// Decimal places of the official index (2); the predicate is read
    /// from the index rounded to this many places.
    #[serde(default = "default_index_decimals")]
    pub index_decimals: u32,
    /// Decimal places of the "exact" figures (index_exact, averages).
    #[serde(default = "default_exact_decimals")]
    pub exact_decimals: u32,
}

fn default_index_decimals() -> u32 {
    2
}
fn default_exact_decimals() -> u32 {
    10
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding {
            index_decimals: default_index_decimals(),
            exact_decimals: default_exact_decimals(),
        }
    }
}

impl Rubric {
    /// Parse and validate a rubric from JSON text.
    pub fn from_json(text: &str) -> Result<CompiledRubric, RubricError> {
        if text.len() > MAX_RUBRIC_BYTES {
            return Err(RubricError::Invalid {
                path: "$".into(),
                message: format!("rubric is {} bytes, limit {MAX_RUBRIC_BYTES}", text.len()),
            });
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        let rubric: Rubric =
            serde_path_to_error::deserialize(de).map_err(|e| RubricError::Json {
                path: render_path(e.path()),
                message: e.inner().to_string(),
            })?;
        CompiledRubric::new(rubric)
    }
}

/// Normalise an affair spelling for matching: lower case, spaces,
/// hyphens and commas folded to single underscores.
pub fn normalize_affair(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_sep = false;
    for ch in s.trim().chars() {
        if ch.is_alphanumeric() {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_sep = true;
        }
    }
    out
}

/// An indicator resolved for scoring.
#[derive(Debug, Clone)]
pub struct CompiledIndicator {
    /// Index into [`Rubric::indicators`].
    pub rubric_index: usize,
    /// Weight in fixed point (units of 10^-scale).
    pub weight_units: i64,
    /// Number of parameters: the highest level.
    pub max_level: u8,
    /// Index into [`Rubric::variables`].
    pub variable: usize,
    /// Index into [`Rubric::aspects`].
    pub aspect: usize,
    pub mandatory: bool,
}

/// Where an indicator code lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Position in the region (SPD) rows.
    Region(usize),
    /// Position in the per-innovation (SID) rows.
    Innovation(usize),
    /// The innovation-count indicator (computed, never answered).
    Count,
}

/// A validated rubric ready for scoring.
#[derive(Debug, Clone)]
pub struct CompiledRubric {
    rubric: Rubric,
    /// Fixed-point scale: weights are held as integers of 10^-scale.
    pub(crate) scale: u32,
    pub(crate) region: Vec<CompiledIndicator>,
    pub(crate) innovation: Vec<CompiledIndicator>,
    pub(crate) codes: HashMap<String, Slot>,
    /// The same codes sorted, for merge lookups against sorted answer maps.
    pub(crate) sorted_codes: Vec<(String, Slot)>,
    pub(crate) affair_lookup: HashMap<String, usize>,
    /// Affair index -> bit in the basic-service mask, for basic ones.
    pub(crate) basic_bit: Vec<Option<u32>>,
    pub(crate) basic_count: u32,
    pub(crate) count_points_units: i64,
    pub(crate) max_region_units: i64,
    pub(crate) max_innovation_units: i64,
    pub(crate) max_count_units: i64,
}

fn pow10(n: u32) -> i64 {
    10i64.pow(n)
}

/// Decimal -> integer units of 10^-scale (exact: scale >= the value's scale).
fn to_units(d: Decimal, scale: u32) -> i64 {
    let mut m = d.mantissa();
    let mut s = d.scale();
    while s < scale {
        m *= 10;
        s += 1;
    }
    m as i64
}

fn check_positive(path: String, value: Decimal) -> Result<(), RubricError> {
    if value <= Decimal::ZERO {
        return Err(RubricError::NotPositive {
            path,
            value: value.to_string(),
        });
    }
    if value.normalize().scale() > MAX_WEIGHT_SCALE || value > Decimal::from(1_000_000) {
        return Err(RubricError::Invalid {
            path,
            message: format!(
                "{value} has more than {MAX_WEIGHT_SCALE} decimal places or exceeds 1000000"
            ),
        });
    }
    Ok(())
}

fn unique<'a>(
    items: impl Iterator<Item = &'a str>,
    field: &str,
    seen: &mut BTreeSet<String>,
) -> Result<(), RubricError> {
    for (i, code) in items.enumerate() {
        if code.trim().is_empty() {
            return Err(RubricError::Invalid {
                path: format!("{field}[{i}].code"),
                message: "code must not be empty".into(),
            });
        }
        if !seen.insert(code.to_string()) {
            return Err(RubricError::Duplicate {
                path: format!("{field}[{i}].code"),
                code: code.to_string(),
            });
        }
    }
    Ok(())
}

impl CompiledRubric {
    /// Validate a rubric and resolve it for scoring.
    pub fn new(rubric: Rubric) -> Result<Self, RubricError> {
        if rubric.id.trim().is_empty() {
            return Err(RubricError::Invalid {
                path: "id".into(),
                message: "id must not be empty".into(),
            });
        }
        if rubric.indicators.is_empty() || rubric.indicators.len() > MAX_INDICATORS {
            return Err(RubricError::Invalid {
                path: "indicators".into(),
                message: format!("a rubric needs 1 to {MAX_INDICATORS} indicators"),
            });
        }
        let mut seen = BTreeSet::new();
        unique(
            rubric.aspects.iter().map(|a| a.code.as_str()),
            "aspects",
            &mut seen,
        )?;
        let mut seen = BTreeSet::new();
        unique(
            rubric.variables.iter().map(|v| v.code.as_str()),
            "variables",
            &mut seen,
        )?;
        let mut seen = BTreeSet::new();
        unique(
            rubric.indicators.iter().map(|i| i.code.as_str()),
            "indicators",
            &mut seen,
        )?;
        if let Some(c) = &rubric.innovation_count {
            if seen.contains(&c.code) {
                return Err(RubricError::Duplicate {
                    path: "innovation_count.code".into(),
                    code: c.code.clone(),
                });
            }
        }

        let aspect_of: HashMap<&str, usize> = rubric
            .aspects
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), i))
            .collect();
        let mut variable_aspect = Vec::with_capacity(rubric.variables.len());
        for (i, v) in rubric.variables.iter().enumerate() {
            let a =
                aspect_of
                    .get(v.aspect.as_str())
                    .ok_or_else(|| RubricError::UnknownReference {
                        path: format!("variables[{i}].aspect"),
                        code: v.aspect.clone(),
                    })?;
            variable_aspect.push(*a);
        }
        let variable_of: HashMap<&str, usize> = rubric
            .variables
            .iter()
            .enumerate()
            .map(|(i, v)| (v.code.as_str(), i))
            .collect();

        // Fixed-point scale: the largest number of decimals among weights.
        let mut scale = 0u32;
        for (i, ind) in rubric.indicators.iter().enumerate() {
            check_positive(format!("indicators[{i}].weight"), ind.weight)?;
            scale = scale.max(ind.weight.normalize().scale());
        }
        if let Some(c) = &rubric.innovation_count {
            check_positive(
                "innovation_count.points_per_innovation".into(),
                c.points_per_innovation,
            )?;
            scale = scale.max(c.points_per_innovation.normalize().scale());
        }

        let mut region = Vec::new();
        let mut innovation = Vec::new();
        let mut codes = HashMap::new();
        for (i, ind) in rubric.indicators.iter().enumerate() {
            let variable = *variable_of.get(ind.variable.as_str()).ok_or_else(|| {
                RubricError::UnknownReference {
                    path: format!("indicators[{i}].variable"),
                    code: ind.variable.clone(),
                }
            })?;
            if ind.parameters.is_empty() || ind.parameters.len() > MAX_PARAMETERS {
                return Err(RubricError::Invalid {
                    path: format!("indicators[{i}].parameters"),
                    message: format!("an indicator needs 1 to {MAX_PARAMETERS} parameters"),
                });
            }
            if let Some(m) = &ind.measure {
                m.validate(
                    &format!("indicators[{i}].measure"),
                    ind.parameters.len() as u8,
                )?;
            }
            let rules = std::iter::once((format!("indicators[{i}].evidence"), &ind.evidence))
                .chain(ind.parameters.iter().enumerate().map(|(p, par)| {
                    (
                        format!("indicators[{i}].parameters[{p}].evidence"),
                        &par.evidence,
                    )
                }));
            for (path, rule) in rules {
                if let Some(rule) = rule {
                    if rule.kinds.is_empty() || rule.min_items > 100 {
                        return Err(RubricError::Invalid {
                            path,
                            message:
                                "an evidence rule needs at least one kind and at most 100 items"
                                    .into(),
                        });
                    }
                    if let Some(w) = rule.window {
                        if w.from > w.to {
                            return Err(RubricError::Invalid {
                                path: format!("{path}.window"),
                                message: format!("window from T{:+} is after T{:+}", w.from, w.to),
                            });
                        }
                    }
                }
            }
            let aspect = variable_aspect[variable];
            let ci = CompiledIndicator {
                rubric_index: i,
                weight_units: to_units(ind.weight, scale),
                max_level: ind.parameters.len() as u8,
                variable,
                aspect,
                mandatory: ind.mandatory,
            };
            match rubric.aspects[aspect].scope {
                Scope::Region => {
                    codes.insert(ind.code.clone(), Slot::Region(region.len()));
                    region.push(ci);
                }
                Scope::Innovation => {
                    codes.insert(ind.code.clone(), Slot::Innovation(innovation.len()));
                    innovation.push(ci);
                }
            }
        }

        // Affairs.
        let mut affair_lookup = HashMap::new();
        let mut basic_bit = Vec::with_capacity(rubric.affairs.len());
        let mut basic_count = 0u32;
        for (i, a) in rubric.affairs.iter().enumerate() {
            let code = normalize_affair(&a.code);
            if code.is_empty() || code != a.code {
                return Err(RubricError::Invalid {
                    path: format!("affairs[{i}].code"),
                    message: format!("affair code \"{}\" must be snake_case", a.code),
                });
            }
            for (j, spelling) in std::iter::once(&a.code)
                .chain(std::iter::once(&a.name))
                .chain(a.aliases.iter())
                .enumerate()
            {
                let key = normalize_affair(spelling);
                if let Some(&other) = affair_lookup.get(&key) {
                    if other != i {
                        let path = if j < 2 {
                            format!("affairs[{i}].code")
                        } else {
                            format!("affairs[{i}].aliases[{}]", j - 2)
                        };
                        return Err(RubricError::Duplicate { path, code: key });
                    }
                }
                affair_lookup.insert(key, i);
            }
            if a.basic_service {
                if basic_count >= 64 {
                    return Err(RubricError::Invalid {
                        path: format!("affairs[{i}]"),
                        message: "at most 64 basic-service affairs".into(),
                    });
                }
                basic_bit.push(Some(basic_count));
                basic_count += 1;
            } else {
                basic_bit.push(None);
            }
        }

        let max_units = |rows: &[CompiledIndicator]| -> i64 {
            rows.iter()
                .map(|r| r.weight_units * i64::from(r.max_level))
                .sum()
        };
        let max_region_units = max_units(&region);
        let max_innovation_units = max_units(&innovation);

        let mut count_points_units = 0;
        let mut max_count_units = 0;
        if let Some(c) = &rubric.innovation_count {
            if !variable_of.contains_key(c.variable.as_str()) {
                return Err(RubricError::UnknownReference {
                    path: "innovation_count.variable".into(),
                    code: c.variable.clone(),
                });
            }
            codes.insert(c.code.clone(), Slot::Count);
            count_points_units = to_units(c.points_per_innovation, scale);
            if let Some(req) = c.basic_services_required {
                if req > basic_count {
                    return Err(RubricError::Invalid {
                        path: "innovation_count.basic_services_required".into(),
                        message: format!(
                            "requires {req} basic-service affairs but the rubric flags only {basic_count}"
                        ),
                    });
                }
            }
            match (c.cap, &rubric.aggregation) {
                (Some(cap), _) => max_count_units = count_points_units * i64::from(cap),
                (None, Aggregation::Normalized { .. }) => {
                    return Err(RubricError::Invalid {
                        path: "innovation_count.cap".into(),
                        message: "a normalised index needs a cap on the innovation count".into(),
                    })
                }
                (None, Aggregation::Sum) => {}
            }
        }

        let r = &rubric.rounding;
        if r.index_decimals > 6 || r.exact_decimals > 16 || r.exact_decimals < r.index_decimals {
            return Err(RubricError::Invalid {
                path: "rounding".into(),
                message: "index_decimals must be 0..=6 and exact_decimals index_decimals..=16"
                    .into(),
            });
        }

        let mut sorted_codes: Vec<(String, Slot)> =
            codes.iter().map(|(k, v)| (k.clone(), *v)).collect();
        sorted_codes.sort_by(|a, b| a.0.cmp(&b.0));
        let compiled = CompiledRubric {
            sorted_codes,
            scale,
            region,
            innovation,
            codes,
            affair_lookup,
            basic_bit,
            basic_count,
            count_points_units,
            max_region_units,
            max_innovation_units,
            max_count_units,
            rubric,
        };
        compiled.check_aggregation()?;
        compiled.check_bands()?;
        Ok(compiled)
    }

    fn check_aggregation(&self) -> Result<(), RubricError> {
        if let Aggregation::Normalized {
            min_divisor,
            max_total,
        } = &self.rubric.aggregation
        {
            if *min_divisor == 0 {
                return Err(RubricError::NotPositive {
                    path: "aggregation.min_divisor".into(),
                    value: "0".into(),
                });
            }
            if self.innovation.is_empty() {
                return Err(RubricError::Invalid {
                    path: "aspects".into(),
                    message: "a normalised rubric needs per-innovation indicators".into(),
                });
            }
            if let Some(stated) = max_total {
                let computed = self.max_total_score().unwrap_or_default();
                if *stated != computed {
                    return Err(RubricError::Invalid {
                        path: "aggregation.max_total".into(),
                        message: format!(
                            "stated maximum {stated} differs from the weights' maximum {computed}"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Bands must tile the index range at the index's resolution: sorted by
    /// `min`, each band's `min` exactly one step (0.01) above the previous
    /// band's `max`. Overlaps and gaps are errors naming both bands.
    fn check_bands(&self) -> Result<(), RubricError> {
        let bands = &self.rubric.predicates;
        if bands.is_empty() {
            return Err(RubricError::Invalid {
                path: "predicates".into(),
                message: "at least one predicate band is needed".into(),
            });
        }
        let step = Decimal::new(1, self.rubric.rounding.index_decimals);
        let mut order: Vec<usize> = (0..bands.len()).collect();
        order.sort_by(|&a, &b| bands[a].min.cmp(&bands[b].min));
        let mut labels = BTreeSet::new();
        for (i, b) in bands.iter().enumerate() {
            if !labels.insert(b.label.as_str()) {
                return Err(RubricError::Duplicate {
                    path: format!("predicates[{i}].label"),
                    code: b.label.clone(),
                });
            }
            if b.min.scale() > self.rubric.rounding.index_decimals
                && b.min.normalize().scale() > self.rubric.rounding.index_decimals
            {
                return Err(RubricError::Invalid {
                    path: format!("predicates[{i}].min"),
                    message: "band edge finer than the index's rounding".into(),
                });
            }
            if let Some(max) = b.max {
                if max < b.min {
                    return Err(RubricError::Invalid {
                        path: format!("predicates[{i}].max"),
                        message: format!("max {max} is below min {}", b.min),
                    });
                }
            }
        }
        let first = &bands[order[0]];
        if first.min != Decimal::ZERO {
            return Err(RubricError::BandGap {
                path: format!("predicates[{}].min", order[0]),
                label: "0".into(),
                other: first.label.clone(),
            });
        }
        for w in order.windows(2) {
            let (lo, hi) = (&bands[w[0]], &bands[w[1]]);
            let Some(lo_max) = lo.max else {
                return Err(RubricError::BandOverlap {
                    path: format!("predicates[{}].max", w[0]),
                    label: lo.label.clone(),
                    other: hi.label.clone(),
                });
            };
            let expected = lo_max + step;
            if hi.min < expected {
                return Err(RubricError::BandOverlap {
                    path: format!("predicates[{}].min", w[1]),
                    label: hi.label.clone(),
                    other: lo.label.clone(),
                });
            }
            if hi.min > expected {
                return Err(RubricError::BandGap {
                    path: format!("predicates[{}].min", w[1]),
                    label: lo.label.clone(),
                    other: hi.label.clone(),
                });
            }
        }
        let last_i = *order.last().unwrap_or(&0);
        let last = &bands[last_i];
        match (&self.rubric.aggregation, last.max) {
            (Aggregation::Normalized { .. }, Some(m)) if m == Decimal::from(100) => {}
            (Aggregation::Normalized { .. }, _) => {
                return Err(RubricError::BandGap {
                    path: format!("predicates[{last_i}].max"),
                    label: last.label.clone(),
                    other: "100".into(),
                })
            }
            (Aggregation::Sum, _) => {}
        }
        if !bands.iter().any(|b| b.label == self.rubric.not_assessable) {
            return Err(RubricError::UnknownReference {
                path: "not_assessable".into(),
                code: self.rubric.not_assessable.clone(),
            });
        }
        Ok(())
    }

    /// Published band overlaps and gaps of measured rows (warnings: the
    /// band rule in [`crate::measure`] resolves them).
    pub fn lint(&self) -> Vec<LintNote> {
        self.rubric
            .indicators
            .iter()
            .enumerate()
            .filter_map(|(i, ind)| {
                ind.measure
                    .as_ref()
                    .map(|m| m.lint(&format!("indicators[{i}].measure")))
            })
            .flatten()
            .collect()
    }

    /// The rubric as written.
    pub fn rubric(&self) -> &Rubric {
        &self.rubric
    }

    /// Identifier, e.g. `iid-2026`.
    pub fn id(&self) -> &str {
        &self.rubric.id
    }

    /// Where an indicator code lives, if the rubric has it.
    pub fn slot(&self, code: &str) -> Option<Slot> {
        self.codes.get(code).copied()
    }

    /// Resolve the codes of an answer map given in sorted order (as a
    /// `BTreeMap` iterates) by walking the sorted code list once: the
    /// national path avoids hashing every answer's code.
    pub(crate) fn slots_sorted<'k, V: 'k>(
        &self,
        entries: impl Iterator<Item = (&'k String, V)>,
        mut f: impl FnMut(&'k String, V, Option<Slot>) -> Result<(), crate::error::InputError>,
    ) -> Result<(), crate::error::InputError> {
        let mut pos = 0;
        for (key, value) in entries {
            while pos < self.sorted_codes.len() && self.sorted_codes[pos].0.as_str() < key.as_str()
            {
                pos += 1;
            }
            let slot = match self.sorted_codes.get(pos) {
                Some((code, slot)) if code == key => Some(*slot),
                _ => None,
            };
            f(key, value, slot)?;
        }
        Ok(())
    }

    /// Region (SPD) rows in official order.
    pub fn region_indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.region
            .iter()
            .map(|c| &self.rubric.indicators[c.rubric_index])
    }

    /// Per-innovation (SID) rows in official order.
    pub fn innovation_indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.innovation
            .iter()
            .map(|c| &self.rubric.indicators[c.rubric_index])
    }

    /// Number of region rows.
    pub fn region_len(&self) -> usize {
        self.region.len()
    }

    /// Number of per-innovation rows.
    pub fn innovation_len(&self) -> usize {
        self.innovation.len()
    }

    /// Code of region row `i`.
    pub fn region_code(&self, i: usize) -> &str {
        &self.rubric.indicators[self.region[i].rubric_index].code
    }

    /// Code of innovation row `i`.
    pub fn innovation_code(&self, i: usize) -> &str {
        &self.rubric.indicators[self.innovation[i].rubric_index].code
    }

    /// Highest level of region row `i`.
    pub fn region_max_level(&self, i: usize) -> u8 {
        self.region[i].max_level
    }

    /// Highest level of innovation row `i`.
    pub fn innovation_max_level(&self, i: usize) -> u8 {
        self.innovation[i].max_level
    }

    /// Resolve an affair spelling (code, official name or alias,
    /// case-insensitive) to its index in [`Rubric::affairs`].
    pub fn affair(&self, spelling: &str) -> Option<usize> {
        self.affair_lookup.get(&normalize_affair(spelling)).copied()
    }

    /// Number of basic-service affairs the rubric flags.
    pub fn basic_service_count(&self) -> u32 {
        self.basic_count
    }

    pub(crate) fn units_to_decimal(&self, units: i64) -> Decimal {
        Decimal::new(units, self.scale).normalize()
    }

    /// Maximum SPD score (63 in 2026).
    pub fn max_region_score(&self) -> Decimal {
        self.units_to_decimal(self.max_region_units)
    }

    /// Maximum of the averaged per-innovation rows (111 in 2026).
    pub fn max_innovation_score(&self) -> Decimal {
        self.units_to_decimal(self.max_innovation_units)
    }

    /// Maximum innovation-count score (76 in 2026).
    pub fn max_count_score(&self) -> Decimal {
        self.units_to_decimal(self.max_count_units)
    }

    /// Maximum total (250 in 2026); `None` for a plain-sum rubric, whose
    /// total grows with the number of innovations.
    pub fn max_total_score(&self) -> Option<Decimal> {
        match self.rubric.aggregation {
            Aggregation::Normalized { .. } => Some(self.units_to_decimal(self.max_total_units())),
            Aggregation::Sum => None,
        }
    }

    pub(crate) fn max_total_units(&self) -> i64 {
        self.max_region_units + self.max_innovation_units + self.max_count_units
    }

    pub(crate) fn unit(&self) -> i64 {
        pow10(self.scale)
    }

    /// The band containing a rounded index, if any.
    pub fn predicate_for(&self, rounded_index: Decimal) -> Option<&PredicateBand> {
        self.rubric
            .predicates
            .iter()
            .find(|b| b.min <= rounded_index && b.max.is_none_or(|m| rounded_index <= m))
    }

    /// The band for submissions with no innovations.
    pub fn not_assessable_band(&self) -> &PredicateBand {
        self.rubric
            .predicates
            .iter()
            .find(|b| b.label == self.rubric.not_assessable)
            .unwrap_or(&self.rubric.predicates[0])
    }
}
