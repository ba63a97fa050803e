//! What a new innovation starts as (the template of the marginal table and
//! of plans that may add innovations), checked against the rubric, and the
//! marginal table's options.

use crate::model::json::Object;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::{Answer, Initiator, Innovation, InnovationForm, Submission};
use crate::model::values::{Date, Level, Stage};
use crate::scoring::AffairRef;

/// What a new innovation starts as: its metadata and starting levels
/// (rows not listed start unanswered).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InnovationTemplate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Affair of innovations beyond those a plan assigns to missing
    /// basic-service affairs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urusan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<InnovationForm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<Initiator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implemented_on: Option<Date>,
    /// Starting levels by indicator code.
    #[serde(default)]
    pub levels: BTreeMap<String, Level>,
}

/// Options of the marginal table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MarginalOptions {
    /// The new innovation the table prices (default: every row at the
    /// median level of the region's innovations).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::json::optional_object"
    )]
    pub template: Option<InnovationTemplate>,
}

impl MarginalOptions {
    /// Parse from JSON text.
    pub fn from_json(text: &str) -> Result<MarginalOptions, InputError> {
        crate::model::json::read::<Object<_>>(text, "").map(|o| o.0)
    }
}

/// A template checked against the rubric.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedTemplate {
    /// Starting level of each innovation row.
    pub levels: Vec<u8>,
    /// The template's own affair.
    pub affair: AffairRef,
    /// The metadata new innovations copy.
    pub meta: Innovation,
}

/// Check a template: its codes and levels, its affair, and that the
/// rubric's eligibility would count an innovation made from it.
pub(crate) fn resolve_template(
    rubric: &CompiledRubric,
    t: &InnovationTemplate,
    prefix: &str,
) -> Result<ResolvedTemplate, InputError> {
    let meta = Innovation {
        id: "template".into(),
        name: t.name.clone(),
        urusan: t.urusan.clone(),
        agency: t.agency.clone(),
        form: t.form,
        digital: t.digital,
        initiator: t.initiator,
        stage: t.stage,
        implemented_on: t.implemented_on,
        design: None,
        #[cfg(feature = "years")]
        entered_before: Vec::new(),
        levels: t
            .levels
            .iter()
            .map(|(k, v)| (k.clone(), Answer::Level(*v)))
            .collect(),
    };
    let probe = Submission {
        innovations: vec![meta.clone()],
        ..Default::default()
    };
    let a = crate::scoring::assess::assess(rubric, &probe).map_err(|e| {
        e.map_path(|p| {
            crate::error::join_path(
                prefix,
                p.strip_prefix("innovations[0]")
                    .unwrap_or(p)
                    .trim_start_matches('.'),
            )
        })
    })?;
    if let Some((_, why)) = a.excluded.first() {
        let field = match why {
            crate::scoring::assess::Exclusion::Stage => "stage",
            _ => "implemented_on",
        };
        return Err(InputError::Invalid {
            path: crate::error::join_path(prefix, field),
            message: format!(
                "an innovation made from this template would not be counted ({})",
                serde_json::to_string(why)
                    .unwrap_or_default()
                    .trim_matches('"')
            ),
        });
    }
    let raw = crate::analysis::exact::raw_levels(rubric, &a);
    Ok(ResolvedTemplate {
        levels: raw.innovation.clone(),
        affair: raw.affairs.first().cloned().unwrap_or(AffairRef::None),
        meta: Innovation {
            levels: BTreeMap::new(),
            ..meta
        },
    })
}
