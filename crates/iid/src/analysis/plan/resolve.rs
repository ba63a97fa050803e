//! Options resolved against the rubric and the submission: codes and ids
//! checked, every amount an exact integer of one common scale, the target
//! read from the rubric's bands.

use super::options::*;
use crate::analysis::template::{resolve_template, ResolvedTemplate};
use crate::error::InputError;
use crate::model::rubric::{CompiledRubric, Slot};
use crate::model::submission::{Innovation, Submission};
use crate::scoring::{basic_bit, AffairRef, LevelMatrix};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

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
    /// Region rows whose level follows from a measured statistic, kept at
    /// their level (their evidence may still be completed).
    pub kept_region: Vec<bool>,
    /// Cost of one evidence item, per region row and per innovation column.
    pub evidence_region: Vec<i64>,
    pub evidence_innovation: Vec<i64>,
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
    raw: &LevelMatrix,
    costs: &Costs,
    allow_new: bool,
    include_measured: bool,
    prefix: &str,
) -> Result<CostTable, InputError> {
    let p = |s: &str| crate::error::join_path(prefix, s);
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
    let evidence = costs.evidence.map_or(one, |a| a.0);
    scale = scale.max(check_amount(p("evidence"), evidence)?);
    for (code, a) in &costs.evidence_indicators {
        let path = p(&format!("evidence_indicators.{code}"));
        match rubric.slot(code) {
            Some(Slot::Region(_)) | Some(Slot::Innovation(_)) => {}
            Some(Slot::Count) => {
                return Err(InputError::WrongScope {
                    path,
                    code: code.clone(),
                    expected: "the engine (it is computed and needs no evidence)".into(),
                })
            }
            None => return Err(unknown(path, code)),
        }
        scale = scale.max(check_amount(path, a.0)?);
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

    let evidence_of = |code: &str| {
        amount_int(
            costs
                .evidence_indicators
                .get(code)
                .map_or(evidence, |a| a.0),
            scale,
        )
    };
    let evidence_region = (0..rubric.region_len())
        .map(|i| evidence_of(rubric.region_code(i)))
        .collect();
    let evidence_innovation = (0..rubric.innovation_len())
        .map(|i| evidence_of(rubric.innovation_code(i)))
        .collect();

    // `freeze_measured` is the former spelling: `false` asked for what
    // `include_measured: true` asks now, `true` for today's default.
    if include_measured && costs.freeze_measured == Some(true) {
        return Err(InputError::Invalid {
            path: p("freeze_measured"),
            message: "freeze_measured: true contradicts include_measured: true \
                      (freeze_measured is the former spelling: leave it out)"
                .into(),
        });
    }
    let include_measured = include_measured || costs.freeze_measured == Some(false);
    let kept_region = rubric
        .region_indicators()
        .map(|ind| !include_measured && ind.measure.is_some())
        .collect();
    let mut frozen_region = vec![false; rubric.region_len()];
    let mut frozen_cols = vec![false; rubric.innovation_len()];
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
        kept_region,
        evidence_region,
        evidence_innovation,
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
