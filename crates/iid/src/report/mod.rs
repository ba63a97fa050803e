//! The printable report (laporan) of one submission: what goes in each
//! section, as one serialisable value ([`Report`]), so that the report
//! operation answers JSON as every other does; [`html`] (feature
//! `report`) renders it to one self-contained HTML file.
//!
//! The sections: region, methodology and date; the index and predicate on
//! the band scale, in both modes; the breakdown by aspect and variable;
//! empty seats and basic-service coverage; the evidence audit's largest
//! items; the marginal table's top ten; the cheapest plan to the next
//! predicate; the per-agency table; the findings; the methodology's
//! provenance. Every figure comes from the operations of [`crate::api`]
//! (score, check, marginal, plan): the report computes nothing of its own.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::analysis::audit::AuditItem;
use crate::analysis::marginal::{MarginalItem, NextPredicate};
use crate::analysis::plan::{MarginalOptions, PlanOptions, PlanStep};
use crate::error::InputError;
use crate::model::rubric::{CompiledRubric, Provenance, RubricStatus};
use crate::model::submission::Submission;
use crate::model::values::Date;
use crate::scoring::result::ScoreResult;
use crate::scoring::Mode;
pub use crate::text::report::Lang;

#[cfg(feature = "report")]
mod html;
#[cfg(feature = "report")]
mod svg;
#[cfg(feature = "report")]
pub use html::html;

/// Rows of the audit and of the marginal table a report shows.
pub const TOP_ITEMS: usize = 10;

/// What the report is asked for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportOptions {
    /// The mode of the headline figures and the breakdown (`self` by
    /// default); both modes' indices are always shown.
    #[serde(default)]
    pub mode: Mode,
    /// The date printed on the report (the caller's today); none is
    /// printed when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The language of the rendered report (`id`, the default, or `en`);
    /// the data itself carries both languages.
    #[serde(default)]
    pub lang: Lang,
}

/// The report's content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// The date printed on the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The language the report renders in.
    pub lang: Lang,
    pub methodology: ReportMethodology,
    /// The rubric's basic-service affairs (yandas), each marked covered
    /// or not.
    pub basic_services: Vec<ReportAffair>,
    /// The predicate bands, highest first, the current one marked.
    pub bands: Vec<ReportBand>,
    /// The full result in the report's mode (both modes' indices in
    /// `modes`).
    pub result: ScoreResult,
    pub audit: ReportAudit,
    pub marginal: ReportMarginal,
    /// The cheapest plan to the next predicate, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<ReportPlan>,
    /// Why there is no plan (Indonesian, English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_note: Option<(String, String)>,
}

/// The methodology and where its figures come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportMethodology {
    pub id: String,
    pub name: String,
    pub year: Option<u16>,
    pub status: RubricStatus,
    pub provenance: Provenance,
}

/// A basic-service affair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportAffair {
    pub code: String,
    pub name: String,
    pub covered: bool,
}

/// One predicate band.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportBand {
    pub label: String,
    pub label_en: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub max: Option<Decimal>,
    /// Whether the report's index lies in it.
    pub current: bool,
}

/// The evidence audit's largest items.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportAudit {
    /// Answers verification cuts, in all.
    pub total_items: usize,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_points_at_risk: Decimal,
    /// The largest [`TOP_ITEMS`], largest first.
    pub items: Vec<AuditItem>,
}

/// The marginal table's top ten.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportMarginal {
    pub next_predicate: Option<NextPredicate>,
    pub items: Vec<MarginalItem>,
}

/// The cheapest plan to the next predicate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportPlan {
    pub target_predicate: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub target_index: Decimal,
    pub reachable: bool,
    pub steps: Vec<PlanStep>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_cost: Decimal,
    pub new_innovations: u32,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub projected_index: Decimal,
    pub projected_predicate: String,
    pub message_id: String,
    pub message_en: String,
}

/// Assemble the report of a submission.
pub fn report(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &ReportOptions,
) -> Result<Report, InputError> {
    let result = crate::score_mode(rubric, sub, options.mode)?;
    let audit = crate::check(rubric, sub)?;
    let marginal = crate::marginal(rubric, sub, &MarginalOptions::default())?;
    let rb = rubric.rubric();
    let bands = rb
        .predicates
        .iter()
        .map(|b| ReportBand {
            label: b.label.clone(),
            label_en: b.label_en.clone(),
            min: b.min,
            max: b.max,
            current: result.index >= b.min && b.max.is_none_or(|m| result.index <= m),
        })
        .collect();
    // The plan to the predicate above the headline's, in the headline's
    // mode: a verified-mode report plans from the verified index, and its
    // plan may complete evidence.
    let next = PlanOptions {
        target: crate::analysis::plan::Target("next".into()),
        allow_new_innovations: false,
        costs: Default::default(),
        mode: options.mode,
        include_measured: false,
    };
    let (plan, plan_note) = match crate::plan(rubric, sub, &next) {
        Ok(p) => (
            Some(ReportPlan {
                target_predicate: p.target_predicate,
                target_index: p.target_index,
                reachable: p.reachable,
                steps: p.steps,
                total_cost: p.total_cost,
                new_innovations: p.new_innovations,
                projected_index: p.projected_index,
                projected_predicate: p.projected_predicate,
                message_id: p.message_id,
                message_en: p.message_en,
            }),
            None,
        ),
        Err(InputError::NoBandAbove { .. }) => (None, Some(crate::text::report::plan_top_band())),
        Err(e) => (
            None,
            Some(crate::text::report::plan_not_found(&e.to_string())),
        ),
    };
    let basic_services = rb
        .affairs
        .iter()
        .filter(|a| a.basic_service)
        .map(|a| ReportAffair {
            code: a.code.clone(),
            name: a.name.clone(),
            covered: result.yandas_covered.contains(&a.code),
        })
        .collect();
    Ok(Report {
        basic_services,
        date: options.date,
        lang: options.lang,
        methodology: ReportMethodology {
            id: rb.id.clone(),
            name: rb.name.clone(),
            year: rb.year,
            status: rb.status,
            provenance: rb.provenance.clone(),
        },
        bands,
        audit: ReportAudit {
            total_items: audit.items.len(),
            total_points_at_risk: audit.total_points_at_risk,
            items: audit.items.into_iter().take(TOP_ITEMS).collect(),
        },
        marginal: ReportMarginal {
            next_predicate: marginal.next_predicate,
            items: marginal.items.into_iter().take(TOP_ITEMS).collect(),
        },
        plan,
        plan_note,
        result,
    })
}
