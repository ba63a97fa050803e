//! Rubrics (methodologies, "metodologi"): the data that says what is scored
//! and how. A rubric holds aspects (aspek), variables (variabel), indicators
//! (indikator) with their weights (bobot) and parameters, the innovation-count
//! rule, the aggregation, the predicate bands (predikat), rounding and
//! provenance. Code holds no weight, threshold or label: they are all here.
//!
//! [`CompiledRubric::from_json`] parses, resolves `extends` and validates a
//! rubric file;
//! [`CompiledRubric`] is the validated form the scorer uses, with weights in
//! integer fixed point and indicator codes resolved to positions.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::evidence::EvidenceRule;
use crate::model::measure::{LintNote, Measure};
use crate::model::values::Date;
use crate::model::values::Stage;

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
    /// Fewest words the design document (rancang bangun) of a counted
    /// innovation must have (2026: 300); absent, no such rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design_min_words: Option<u32>,
    /// Most assessment years one innovation may be entered in (2024: 2,
    /// a third entry is left out); absent, no such rule. `history` and
    /// `diff` apply it: an innovation's earlier years are those of the
    /// region's other submissions that report its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub max_entries: Option<std::num::NonZeroU32>,
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
    /// A past year rebuilt from what is published about it (structure,
    /// reported predicates), the rest assumed from a neighbouring year; the
    /// provenance separates the two.
    Reconstructed,
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
    #[serde(default, deserialize_with = "crate::model::json::objects")]
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

mod access;
pub(crate) mod compile;
pub mod extends;
mod validate;

pub use compile::{is_normal_affair, normalize_affair, CompiledIndicator, CompiledRubric, Slot};
