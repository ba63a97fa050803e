//! The full result of scoring one submission: headline figures, the
//! breakdown tree (aspect, variable, indicator; per innovation), the
//! basic-service (yandas) check and findings in Indonesian and English.
//!
//! This is the JSON object the CLI prints with `--json` and the Python and
//! WebAssembly bindings return; its field names are part of the format.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::rubric::CompiledRubric;
use crate::model::submission::Region;
use crate::scoring::assess::{Assessment, Exclusion, Mode};
use crate::scoring::LevelMatrix;
use crate::text::findings::Finding;

/// Everything known about one scored submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreResult {
    /// Methodology id used.
    pub methodology: String,
    /// Its official title.
    pub methodology_name: String,
    /// The region metadata as submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Official index, rounded half-up to two decimals ("58.11").
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    /// The index rounded half-up to the rubric's exact decimals (10).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_exact: Decimal,
    /// Predicate label (predikat) read from the rounded index.
    pub predicate: String,
    /// English predicate label, when the rubric gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicate_en: Option<String>,
    /// False when the submission has no innovations (Tidak Dapat Dinilai).
    pub assessable: bool,
    /// SPD score: sum of the region rows.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub spd_score: Decimal,
    /// SID score: average of the innovation rows plus the count score.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub sid_score: Decimal,
    /// Average of the innovation rows over the divisor.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub sid_average: Decimal,
    /// Innovation-count score (row 36).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub innovation_count_score: Decimal,
    /// SPD + SID.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_score: Decimal,
    /// Maximum total (null for a plain-sum rubric).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub max_total_score: Option<Decimal>,
    /// The divisor MAX(d, n) the innovation rows were averaged over.
    pub divisor: u32,
    /// The minimum divisor d (null for a plain-sum rubric).
    pub min_divisor: Option<u32>,
    /// Empty seats: d - n when below the divisor, else 0.
    pub empty_seats: u32,
    /// Number of innovations n.
    pub innovation_count: u32,
    /// Basic-service affairs covered by at least one innovation (codes).
    pub yandas_covered: Vec<String>,
    /// Basic-service affairs no innovation covers (codes).
    pub yandas_missing: Vec<String>,
    /// How many basic-service affairs the count score requires (null: no condition).
    pub yandas_required: Option<u32>,
    /// The mode these figures are in: `self` (claimed levels) or `verified`.
    pub mode: Mode,
    /// Both modes' headline figures and the gap between them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modes: Option<ModeComparison>,
    /// Innovations the rubric's eligibility leaves out of the count and the average.
    pub excluded: Vec<ExcludedInnovation>,
    /// Innovations and points by agency (OPD), highest contribution first
    /// (`""` collects innovations with no agency).
    pub agencies: Vec<AgencyRow>,
    /// Agencies listed in the submission that report no innovation.
    pub agencies_without_innovations: Vec<String>,
    /// Breakdown tree.
    pub breakdown: Breakdown,
    /// What the region should know: shortfalls, unanswered mandatory rows.
    pub findings: Vec<Finding>,
}

/// One mode's headline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ModeFigures {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_exact: Decimal,
    pub predicate: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_score: Decimal,
}

impl ModeFigures {
    fn of(rubric: &CompiledRubric, p: &LevelMatrix) -> ModeFigures {
        let s = p.summary(rubric);
        ModeFigures {
            index: s.index(rubric),
            index_exact: s.index_exact(rubric),
            predicate: s.predicate(rubric).to_string(),
            total_score: s.total_score(rubric),
        }
    }
}

/// Self-assessment against verified figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ModeComparison {
    #[serde(rename = "self")]
    pub self_assessment: ModeFigures,
    pub verified: ModeFigures,
    /// Self index minus verified index (rounded figures).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub gap: Decimal,
}

impl ModeComparison {
    pub(crate) fn of(rubric: &CompiledRubric, a: &Assessment) -> ModeComparison {
        let s = ModeFigures::of(rubric, &a.claimed);
        let v = ModeFigures::of(rubric, &a.verified);
        ModeComparison {
            gap: s.index - v.index,
            self_assessment: s,
            verified: v,
        }
    }
}

/// An innovation left out by the rubric's eligibility.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExcludedInnovation {
    pub id: String,
    pub reason: Exclusion,
}

/// One agency's (OPD) participation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgencyRow {
    pub agency: String,
    /// Innovations reported.
    pub innovations: u32,
    /// Innovations counted (eligible).
    pub counted: u32,
    /// Its innovations' rows averaged over the divisor (its share of SID).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
    /// Its contribution to the index, in index points.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_points: Decimal,
}

/// The breakdown tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Breakdown {
    /// Aspects with their variables and indicators.
    pub aspects: Vec<AspectNode>,
    /// Each innovation's own row scores (before averaging).
    pub innovations: Vec<InnovationNode>,
}

/// An aspect's contribution to the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AspectNode {
    pub code: String,
    pub name: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub max: Option<Decimal>,
    pub variables: Vec<VariableNode>,
}

/// A variable's contribution to the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VariableNode {
    pub code: String,
    pub name: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub max: Option<Decimal>,
    pub indicators: Vec<IndicatorNode>,
}

/// How an indicator is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Once for the region.
    Region,
    /// Once per innovation; the score is the average over the divisor.
    Innovation,
    /// Computed from the number of innovations.
    Count,
}

/// An indicator's contribution to the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorNode {
    pub code: String,
    pub name: String,
    pub kind: IndicatorKind,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub weight: Decimal,
    pub mandatory: bool,
    /// The region's level counted in this mode (region rows only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The region's claimed level (region rows only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed: Option<u8>,
    /// Number of innovations answering the row (innovation rows only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered: Option<u32>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub max: Option<Decimal>,
}

/// One innovation's own rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InnovationNode {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Affair code as resolved (official code for a known affair).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urusan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Whether its affair is a basic-service affair.
    pub basic_service: bool,
    /// Sum of its row scores.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub max: Decimal,
    pub rows: Vec<RowNode>,
}

/// One row of one innovation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowNode {
    pub code: String,
    /// Level counted in this mode.
    pub level: u8,
    /// Level claimed.
    pub claimed: u8,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
}
