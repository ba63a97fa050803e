//! What a plan is asked for: the target, the costs and constraints (the
//! `--costs` file) and a template for new innovations. Parsing names the
//! JSON path of a bad field; [`resolve`] checks codes and ids against the
//! rubric and the submission and turns every amount into an exact integer
//! of one common decimal scale.

use crate::model::json::Object;
use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::analysis::template::InnovationTemplate;
use crate::error::InputError;
use crate::scoring::assess::Mode;

/// Largest number of decimal places of a cost.
pub const MAX_COST_SCALE: u32 = 6;
/// Largest single cost.
pub const MAX_COST: i64 = 1_000_000;

/// An exact amount, written as a string (`"1.5"`) or a JSON number (`1.5`,
/// read by its shortest decimal form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Amount(pub Decimal);

struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal amount, preferably as a string (\"1.5\")")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        v.trim()
            .parse::<Decimal>()
            .map(Amount)
            .map_err(|_| E::custom(format!("\"{v}\" is not a decimal number")))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        Ok(Amount(Decimal::from(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        Ok(Amount(Decimal::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        if !v.is_finite() {
            return Err(E::custom("not a finite number"));
        }
        self.visit_str(&v.to_string())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AmountVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": ["string", "number"], "description": "an exact decimal amount"})
    }
}

/// The cost of raising one indicator: one amount for every level step, or
/// one per level reached (`["1", "1", "3"]`: reaching level 1 costs 1,
/// level 2 costs 1 more, level 3 costs 3 more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum StepCost {
    Each(Amount),
    PerLevel(Vec<Amount>),
}

impl<'de> Deserialize<'de> for StepCost {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StepCost;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a cost per level step (\"2\") or a list of costs, one per level")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StepCost, E> {
                AmountVisitor.visit_str(v).map(StepCost::Each)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StepCost, E> {
                AmountVisitor.visit_u64(v).map(StepCost::Each)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StepCost, E> {
                AmountVisitor.visit_i64(v).map(StepCost::Each)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<StepCost, E> {
                AmountVisitor.visit_f64(v).map(StepCost::Each)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StepCost, A::Error> {
                let mut out = Vec::new();
                while let Some(a) = seq.next_element::<Amount>()? {
                    out.push(a);
                }
                Ok(StepCost::PerLevel(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Costs and constraints of a plan: the `--costs` file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Cost of one level step of any indicator not listed (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_step: Option<Amount>,
    /// Cost per level step, or per level reached, by indicator code.
    #[serde(default)]
    pub indicators: BTreeMap<String, StepCost>,
    /// Cost of one new innovation, before its own level steps (required
    /// when new innovations are allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_innovation: Option<Amount>,
    /// Most level steps the plan may take in any one innovation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_steps_per_innovation: Option<u32>,
    /// Most innovations the plan may add (default: up to the larger of
    /// the minimum divisor and the count cap, and at least enough to
    /// cover the missing basic-service affairs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_new_innovations: Option<u32>,
    /// Indicators to leave alone (in the region, or in every innovation).
    #[serde(default)]
    pub frozen_indicators: Vec<String>,
    /// Innovations to leave alone, by id.
    #[serde(default)]
    pub frozen_innovations: Vec<String>,
    /// Cost of one evidence item (bukti dukung) a verified-mode plan
    /// adds so that an answer meets its rubric's evidence rule (default 1,
    /// the unit of a default level step).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Amount>,
    /// Cost of one evidence item, by indicator code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence_indicators: BTreeMap<String, Amount>,
    /// The former spelling of the measured-row rule, still read: `true`
    /// is today's default (measured region rows keep their level),
    /// `false` is `include_measured: true` of the plan options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("deprecated" = true)))]
    pub freeze_measured: Option<bool>,
    /// What a new innovation starts as.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::json::optional_object"
    )]
    pub template: Option<InnovationTemplate>,
}

/// The target of a plan: a predicate label (`"Sangat Inovatif"`), `"next"`
/// for the band above the current one, or an index value (`"65.01"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Target(pub String);

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Target;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a predicate label, \"next\" or an index value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Target, E> {
                Ok(Target(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Target, E> {
                Ok(Target(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Target, E> {
                Ok(Target(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Target, E> {
                Ok(Target(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl From<&str> for Target {
    fn from(s: &str) -> Self {
        Target(s.to_string())
    }
}

/// A plan request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanOptions {
    pub target: Target,
    /// Whether the plan may add innovations (each at `costs.new_innovation`).
    #[serde(default)]
    pub allow_new_innovations: bool,
    #[serde(default, deserialize_with = "crate::model::json::object")]
    pub costs: Costs,
    /// The index the plan reaches: `self` (claimed levels, the default)
    /// or `verified` (what survives verification; a plan may then complete
    /// the evidence of answers, at `costs.evidence` per item).
    #[serde(default)]
    pub mode: Mode,
    /// Whether the plan may raise region rows whose level follows from a
    /// measured statistic (growth of revenue, poverty, unemployment, the
    /// audit opinion): by default they keep their level, as no action
    /// changes them before the reporting window closes.
    #[serde(default)]
    pub include_measured: bool,
}

/// A document that must be a JSON object (not a list of its fields).
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    prefix: &str,
) -> Result<T, InputError> {
    crate::model::json::read::<Object<T>>(text, prefix).map(|o| o.0)
}

impl PlanOptions {
    /// Parse a plan request from JSON text.
    pub fn from_json(text: &str) -> Result<PlanOptions, InputError> {
        parse(text, "")
    }
}

impl Costs {
    /// Parse a costs file; paths start with `costs`.
    pub fn from_json(text: &str) -> Result<Costs, InputError> {
        parse(text, "costs")
    }
}
