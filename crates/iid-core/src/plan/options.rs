//! What a plan is asked for: the target, the costs and constraints (the
//! `--costs` file) and a template for new innovations. Parsing names the
//! JSON path of a bad field; [`resolve`] checks codes and ids against the
//! rubric and the submission and turns every amount into an exact integer
//! of one common decimal scale.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::error::{render_path, InputError};
use crate::evidence::Date;
use crate::rubric::{CompiledRubric, Slot};
use crate::scoring::{basic_bit, AffairRef, Prepared};
use crate::submission::{Answer, Initiator, Innovation, InnovationForm, Level, Stage, Submission};

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
    /// Leave alone every indicator whose level follows from a measured
    /// figure (statistics such as the poverty rate).
    #[serde(default)]
    pub freeze_measured: bool,
    /// What a new innovation starts as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default)]
    pub costs: Costs,
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, prefix: &str) -> Result<T, InputError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = render_path(e.path());
        InputError::Json {
            path: join(prefix, &inner),
            message: e.inner().to_string(),
        }
    })
}

/// `prefix` + a rendered path (`$` is the prefix itself).
pub(crate) fn join(prefix: &str, path: &str) -> String {
    match (prefix, path) {
        ("", p) => p.to_string(),
        (pre, "$") | (pre, "") => pre.to_string(),
        (pre, p) if p.starts_with('[') => format!("{pre}{p}"),
        (pre, p) => format!("{pre}.{p}"),
    }
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

/// Options of the marginal table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MarginalOptions {
    /// The new innovation the table prices (default: every row at the
    /// median level of the region's innovations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<InnovationTemplate>,
}

impl MarginalOptions {
    /// Parse from JSON text.
    pub fn from_json(text: &str) -> Result<MarginalOptions, InputError> {
        parse(text, "")
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

/// Replace the path of an input error.
pub(crate) fn repath(e: InputError, f: impl FnOnce(&str) -> String) -> InputError {
    match e {
        InputError::NotUtf8 { .. } | InputError::MissingMethodology => e,
        _ => {
            let path = f(e.path());
            e.at(path)
        }
    }
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
    let a = crate::assess::assess(rubric, &probe).map_err(|e| {
        repath(e, |p| {
            join(
                prefix,
                p.strip_prefix("innovations[0]")
                    .unwrap_or(p)
                    .trim_start_matches('.'),
            )
        })
    })?;
    if let Some((_, why)) = a.excluded.first() {
        let field = match why {
            crate::assess::Exclusion::Stage => "stage",
            _ => "implemented_on",
        };
        return Err(InputError::Invalid {
            path: join(prefix, field),
            message: format!(
                "an innovation made from this template would not be counted ({})",
                serde_json::to_string(why)
                    .unwrap_or_default()
                    .trim_matches('"')
            ),
        });
    }
    let raw = super::model::raw_levels(rubric, &a);
    Ok(ResolvedTemplate {
        levels: raw.innovation.clone(),
        affair: raw.affairs.first().cloned().unwrap_or(AffairRef::None),
        meta: Innovation {
            levels: BTreeMap::new(),
            ..meta
        },
    })
}

/// Costs and constraints resolved against a rubric and a submission, in
/// integers of 10^-scale.
#[derive(Debug, Clone)]
pub(crate) struct CostTable {
    pub scale: u32,
    /// `region[i][l - 1]`: cost of raising region row i from l - 1 to l.
    pub region: Vec<Vec<i64>>,
    /// The same for innovation rows.
    pub innovation: Vec<Vec<i64>>,
    pub new_innovation: Option<i64>,
    pub frozen_region: Vec<bool>,
    pub frozen_cols: Vec<bool>,
    /// Per innovation row of the level matrix.
    pub frozen_rows: Vec<bool>,
    pub cap: Option<u32>,
    pub max_new: Option<u32>,
    pub template: ResolvedTemplate,
}

impl CostTable {
    /// An integer cost as a decimal.
    pub fn decimal(&self, v: i64) -> Decimal {
        Decimal::new(v, self.scale).normalize()
    }

    /// Cost of raising a row from `from` to `to`.
    pub fn steps(&self, table: &[i64], from: u8, to: u8) -> i64 {
        table
            .get(usize::from(from)..usize::from(to))
            .map_or(0, |s| s.iter().fold(0i64, |a, c| a.saturating_add(*c)))
    }
}

fn amount_int(a: Decimal, scale: u32) -> i64 {
    let d = a.normalize();
    let mut m = d.mantissa();
    let mut s = d.scale();
    while s < scale {
        m *= 10;
        s += 1;
    }
    m as i64
}

fn check_amount(path: String, a: Decimal) -> Result<u32, InputError> {
    if a < Decimal::ZERO {
        return Err(InputError::Invalid {
            path,
            message: format!("cost {a} is negative"),
        });
    }
    let scale = a.normalize().scale();
    if scale > MAX_COST_SCALE || a > Decimal::from(MAX_COST) {
        return Err(InputError::Invalid {
            path,
            message: format!(
                "cost {a} has more than {MAX_COST_SCALE} decimal places or exceeds {MAX_COST}"
            ),
        });
    }
    Ok(scale)
}

/// Check costs and constraints and lay them out by row. `raw` is the
/// submission's level matrix (its rows are the innovations that count).
pub(crate) fn resolve(
    rubric: &CompiledRubric,
    sub: &Submission,
    raw: &Prepared,
    costs: &Costs,
    allow_new: bool,
    prefix: &str,
) -> Result<CostTable, InputError> {
    let p = |s: &str| join(prefix, s);
    let unknown = |path: String, code: &str| InputError::UnknownIndicator {
        path,
        code: code.to_string(),
        methodology: rubric.id().to_string(),
    };
    let one = Decimal::ONE;
    let default = costs.default_step.map_or(one, |a| a.0);
    let mut scale = check_amount(p("default_step"), default)?;
    let mut lists: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    for (code, c) in &costs.indicators {
        let path = p(&format!("indicators.{code}"));
        let max = match rubric.slot(code) {
            Some(Slot::Region(i)) => rubric.region_max_level(i),
            Some(Slot::Innovation(i)) => rubric.innovation_max_level(i),
            Some(Slot::Count) => {
                return Err(InputError::WrongScope {
                    path,
                    code: code.clone(),
                    expected: "new_innovation (it is computed from the number of innovations)"
                        .into(),
                })
            }
            None => return Err(unknown(path, code)),
        };
        let list = match c {
            StepCost::Each(a) => vec![a.0; usize::from(max)],
            StepCost::PerLevel(v) => {
                if v.len() != usize::from(max) {
                    return Err(InputError::Invalid {
                        path,
                        message: format!(
                            "give one cost per level: {max} for indicator {code}, got {}",
                            v.len()
                        ),
                    });
                }
                v.iter().map(|a| a.0).collect()
            }
        };
        for (l, a) in list.iter().enumerate() {
            let at = match c {
                StepCost::Each(_) => path.clone(),
                StepCost::PerLevel(_) => format!("{path}[{l}]"),
            };
            scale = scale.max(check_amount(at, *a)?);
        }
        lists.insert(code.as_str(), list);
    }
    let new_innovation = match (allow_new, costs.new_innovation) {
        (true, None) => {
            return Err(InputError::Invalid {
                path: p("new_innovation"),
                message: "adding innovations needs their cost: set new_innovation (in the unit of a level step)".into(),
            })
        }
        (_, Some(a)) => {
            scale = scale.max(check_amount(p("new_innovation"), a.0)?);
            Some(a.0)
        }
        (false, None) => None,
    };

    let row_costs = |code: &str, max: u8| -> Vec<i64> {
        match lists.get(code) {
            Some(l) => l.iter().map(|a| amount_int(*a, scale)).collect(),
            None => vec![amount_int(default, scale); usize::from(max)],
        }
    };
    let region = (0..rubric.region_len())
        .map(|i| row_costs(rubric.region_code(i), rubric.region_max_level(i)))
        .collect();
    let innovation = (0..rubric.innovation_len())
        .map(|i| row_costs(rubric.innovation_code(i), rubric.innovation_max_level(i)))
        .collect();

    let mut frozen_region = vec![false; rubric.region_len()];
    let mut frozen_cols = vec![false; rubric.innovation_len()];
    if costs.freeze_measured {
        for (i, ind) in rubric.region_indicators().enumerate() {
            frozen_region[i] |= ind.measure.is_some();
        }
        for (i, ind) in rubric.innovation_indicators().enumerate() {
            frozen_cols[i] |= ind.measure.is_some();
        }
    }
    for (n, code) in costs.frozen_indicators.iter().enumerate() {
        let path = p(&format!("frozen_indicators[{n}]"));
        match rubric.slot(code) {
            Some(Slot::Region(i)) => frozen_region[i] = true,
            Some(Slot::Innovation(i)) => frozen_cols[i] = true,
            Some(Slot::Count) => {
                return Err(InputError::WrongScope {
                    path,
                    code: code.clone(),
                    expected: "the engine (it is computed, never raised)".into(),
                })
            }
            None => return Err(unknown(path, code)),
        }
    }
    let mut frozen_rows = vec![false; raw.affairs.len()];
    for (n, id) in costs.frozen_innovations.iter().enumerate() {
        let Some(j) = sub.innovations.iter().position(|inv| &inv.id == id) else {
            return Err(InputError::Invalid {
                path: p(&format!("frozen_innovations[{n}]")),
                message: format!("no innovation has id \"{id}\""),
            });
        };
        if let Some(row) = raw.source.iter().position(|&s| s == j) {
            frozen_rows[row] = true;
        }
    }
    let template = match &costs.template {
        Some(t) => resolve_template(rubric, t, &p("template"))?,
        None => ResolvedTemplate {
            levels: vec![0; rubric.innovation_len()],
            affair: AffairRef::None,
            meta: Innovation::default(),
        },
    };
    Ok(CostTable {
        scale,
        region,
        innovation,
        new_innovation: new_innovation.map(|a| amount_int(a, scale)),
        frozen_region,
        frozen_cols,
        frozen_rows,
        cap: costs.max_steps_per_innovation,
        max_new: costs.max_new_innovations,
        template,
    })
}

/// A target resolved against the rubric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResolvedTarget {
    /// The least rounded index that reaches it, in units of the last
    /// index decimal (6501 for 65.01).
    pub scaled: i128,
    pub index: Decimal,
    pub predicate: Option<String>,
}

/// Resolve a target: a predicate label (or its English label), `next`,
/// or an index value (rounded up to the index's decimals: a rounded
/// index reaches 65.005 exactly when it reaches 65.01).
pub(crate) fn resolve_target(
    rubric: &CompiledRubric,
    spec: &str,
    current: Decimal,
) -> Result<ResolvedTarget, InputError> {
    let r = rubric.rubric();
    let dp = r.rounding.index_decimals;
    let spec = spec.trim();
    let band = if spec.eq_ignore_ascii_case("next") {
        let next = r
            .predicates
            .iter()
            .filter(|b| b.min > current)
            .min_by(|a, b| a.min.cmp(&b.min));
        match next {
            Some(b) => Some(b),
            None => {
                return Err(InputError::NoBandAbove {
                    path: "target".into(),
                    index: current.to_string(),
                })
            }
        }
    } else {
        r.predicates.iter().find(|b| {
            b.label.eq_ignore_ascii_case(spec)
                || b.label_en
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case(spec))
        })
    };
    let (value, predicate) = match band {
        Some(b) => (b.min, Some(b.label.clone())),
        None => {
            let Ok(v) = spec.parse::<Decimal>() else {
                let labels: Vec<&str> = r.predicates.iter().map(|b| b.label.as_str()).collect();
                return Err(InputError::Invalid {
                    path: "target".into(),
                    message: format!(
                        "\"{spec}\" is neither a predicate of {} ({}), \"next\", nor an index value",
                        rubric.id(),
                        labels.join(", ")
                    ),
                });
            };
            if v < Decimal::ZERO || v > Decimal::from(1_000_000_000_000i64) {
                return Err(InputError::Invalid {
                    path: "target".into(),
                    message: format!("target {v} is negative or beyond 1000000000000"),
                });
            }
            (v, None)
        }
    };
    let up = value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToPositiveInfinity);
    let mut m = up.mantissa();
    let mut s = up.scale();
    while s < dp {
        m *= 10;
        s += 1;
    }
    Ok(ResolvedTarget {
        scaled: m,
        index: Decimal::new(m as i64, dp),
        predicate,
    })
}

/// The level matrix's affairs resolved for new innovations: which affair
/// the c-th new innovation gets (missing basic-service affairs first, in
/// rubric order, then the template's).
pub(crate) fn new_affairs(
    rubric: &CompiledRubric,
    covered: u64,
    template: &ResolvedTemplate,
    k: usize,
) -> Vec<(AffairRef, u64)> {
    let missing: Vec<usize> = (0..rubric.rubric().affairs.len())
        .filter(|&i| rubric.basic_bit[i].is_some_and(|b| covered & (1u64 << b) == 0))
        .collect();
    (0..k)
        .map(|c| {
            let a = match missing.get(c) {
                Some(&i) => AffairRef::Known(i),
                None => template.affair.clone(),
            };
            let mask = basic_bit(rubric, &a);
            (a, mask)
        })
        .collect()
}
