//! The `risk` operation: the law of the verified index read out.

use std::collections::HashMap;

use num_bigint::BigUint;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::analysis::plan::{resolve_target, Target};
use crate::error::InputError;
use crate::model::rubric::{CompiledRubric, MandatoryRule};
use crate::model::submission::Submission;
use crate::scoring::Summary;

use super::dist::{deconvolve, Dist};
use super::engine::{dot, one2, Law, Layout, Side, MAX_WORK};
use super::odds::{answer_odds, OddsClass, OddsOptions, Probability, MILLION};

/// What `risk` is asked: the odds and, optionally, a target.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RiskOptions {
    /// Survival probabilities by class and by answer.
    #[serde(default)]
    pub odds: OddsOptions,
    /// A predicate label, `next`, or an index value; absent, the goal is
    /// keeping the self-assessed predicate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
}

/// The chance of one predicate after verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PredicateChance {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    pub probability: Probability,
}

/// The goal: the least rounded index that reaches it and the chance of
/// reaching it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Goal {
    /// `target` when asked, else `claimed` (the self-assessed predicate).
    pub from: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// P(published index >= `index`).
    pub probability: Probability,
}

/// A quantile of the published index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Quantile {
    /// The level, e.g. `0.05`.
    pub q: Probability,
    /// The least published index v with P(index <= v) >= q.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
}

/// An answer whose proof would raise the chance of the goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShoreUp {
    pub path: String,
    pub indicator: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation: Option<String>,
    pub class: OddsClass,
    pub level: u8,
    pub fallback: u8,
    /// Its survival probability now.
    pub probability: Probability,
    /// P(goal) with this answer proven (probability 1).
    pub goal_if_proven: Probability,
    /// `goal_if_proven` minus P(goal), rounded from the exact difference.
    pub gain: Probability,
}

/// The law of the verified index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Risk {
    pub methodology: String,
    /// Self-assessed (claimed) index and predicate.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub claimed_index: Decimal,
    pub claimed_predicate: String,
    /// The verified mode's index and predicate (what counts now).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub verified_index: Decimal,
    pub verified_predicate: String,
    /// E[exact index] (0 when not assessable), six decimals, half up.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub expected_index: Decimal,
    /// Every predicate band of the rubric, in its order.
    pub predicates: Vec<PredicateChance>,
    pub goal: Goal,
    /// Quantiles 0.05, 0.50 and 0.95 of the published index.
    pub quantiles: Vec<Quantile>,
    /// Answers by gain, largest first (gain above 0 only).
    pub shore_up: Vec<ShoreUp>,
    /// Counted answers, and those whose outcome is uncertain.
    pub answers: usize,
    pub uncertain: usize,
    /// Whether every figure is the exact value rounded once.
    pub exact: bool,
    /// Bound on the error of every probability before rounding: `0`, or
    /// `1e-N`.
    pub error_bound: String,
}

fn round6(v: &BigUint, den: &BigUint) -> u32 {
    let x: BigUint = (v * BigUint::from(MILLION) + den / 2u32) / den;
    u32::try_from(x).unwrap_or(MILLION).min(MILLION)
}

fn prob(v: &BigUint) -> Probability {
    Probability::from_millionths(round6(v, &one2())).unwrap_or(Probability::ONE)
}

/// `1e-N` for the least N with `units * 10^-36 <= 10^-N`, or `0`.
fn bound_text(units: u128) -> String {
    if units == 0 {
        return "0".into();
    }
    let digits = units.to_string().len() as i32; // units < 10^digits
    format!("1e-{}", 36 - digits)
}

fn too_much(work: u64) -> InputError {
    InputError::Invalid {
        path: "innovations".into(),
        message: format!(
            "the exact law of this submission needs more than {MAX_WORK} cell operations \
             ({work} so far); narrow the uncertain answers (odds of 0 or 1) or split the check"
        ),
    }
}

/// The law of the verified index of a submission under the odds.
pub fn risk(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &RiskOptions,
) -> Result<Risk, InputError> {
    let (a, odds) = answer_odds(rubric, sub, &options.odds)?;
    let lay = Layout::new(rubric, &a, &odds);
    let (r, w1) = lay.region(None);
    if w1 > MAX_WORK {
        return Err(too_much(w1));
    }
    let (i, w2) = lay.innovations(None);
    let mut work = w1 + w2;
    if work > MAX_WORK {
        return Err(too_much(work));
    }
    let law = Law::new(rubric, &lay, r, i);
    let one = one2();
    let dp = rubric.rubric().rounding.index_decimals;
    let zero_index = Decimal::new(0, dp);
    let assessable = law.assessable();
    let blocked = if assessable > one {
        BigUint::default()
    } else {
        &one - &assessable
    };
    let x_max = law.x_max();
    let idx = |x: i128| -> Decimal { law.summary(x).index(rubric) };
    // The least X in [1, x_max] where a monotone test holds.
    let first = |test: &dyn Fn(&Summary) -> bool| -> Option<i128> {
        if x_max < 1 || !test(&law.summary(x_max)) {
            return None;
        }
        let (mut lo, mut hi) = (1i128, x_max);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if test(&law.summary(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some(lo)
    };

    // Chances of the predicates: the label is constant between the
    // points where the rounded index crosses a band's edge.
    let bands = &rubric.rubric().predicates;
    let mut points = vec![1i128];
    for b in bands {
        points.extend(first(&|s| s.index(rubric) >= b.min));
        if let Some(m) = b.max {
            points.extend(first(&|s| s.index(rubric) > m));
        }
    }
    points.retain(|&x| x >= 1 && x <= x_max);
    points.sort_unstable();
    points.dedup();
    let mut by_label: HashMap<String, BigUint> = HashMap::new();
    by_label.insert(rubric.not_assessable_band().label.clone(), blocked.clone());
    if !lay.certain_block {
        for (k, &x) in points.iter().enumerate() {
            let next = points.get(k + 1).copied().unwrap_or(x_max + 1);
            let s = law.summary(x);
            let label = s.predicate(rubric).to_string();
            let mass = law.tail(x);
            let above = law.tail(next);
            let m = if mass > above {
                mass - above
            } else {
                BigUint::default()
            };
            *by_label.entry(label).or_default() += m;
        }
    }
    let predicates = bands
        .iter()
        .map(|b| PredicateChance {
            label: b.label.clone(),
            label_en: b.label_en.clone(),
            probability: prob(by_label.get(&b.label).unwrap_or(&BigUint::default())),
        })
        .collect();

    // The goal.
    let s_self = a.claimed.summary(rubric);
    let s_ver = a.verified.summary(rubric);
    let self_index = s_self.index(rubric);
    let (spec, from) = match &options.target {
        Some(t) => (t.0.clone(), "target"),
        None => (s_self.predicate(rubric).to_string(), "claimed"),
    };
    let target = resolve_target(rubric, &spec, self_index)?;
    let trivial = target.index <= zero_index;
    let x_goal = if trivial {
        None
    } else {
        first(&|s| s.index(rubric) >= target.index)
    };
    let p_goal = if trivial {
        one.clone()
    } else {
        x_goal.map_or_else(BigUint::default, |x| law.tail(x))
    };

    // Quantiles.
    let quantiles = [50_000u32, 500_000, 950_000]
        .into_iter()
        .map(|q| {
            let need = BigUint::from(q) * &one / BigUint::from(MILLION);
            let index = if blocked >= need || lay.certain_block {
                zero_index
            } else {
                let cdf =
                    |x: i128| &blocked + &assessable - law.tail(x + 1).min(assessable.clone());
                let (mut lo, mut hi) = (1i128, x_max.max(1));
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if cdf(mid) >= need {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                idx(lo)
            };
            Quantile {
                q: Probability::from_millionths(q).unwrap_or(Probability::ZERO),
                index,
            }
        })
        .collect();

    // Expected index.
    let (num, den) = law.expectation();
    let e: BigUint = (num * BigUint::from(MILLION) + &den / 2u32) / &den;
    let expected_index = Decimal::try_from_i128_with_scale(
        i128::try_from(e)
            .unwrap_or(i128::MAX)
            .min(i128::from(i64::MAX)),
        6,
    )
    .unwrap_or(Decimal::MAX);

    // Where to shore up evidence first.
    let mut max_err = law.r.err.saturating_add(law.i.err);
    let mut shore_up = Vec::new();
    // Blocked for sure (an unanswered mandatory row, no innovation): no
    // proof helps.
    if let Some(xg) = x_goal.filter(|_| !lay.certain_block) {
        let mut cache: HashMap<(bool, super::dist::Item), BigUint> = HashMap::new();
        let smax = lay.items.iter().map(|x| x.1.s).max().unwrap_or(0);
        let h_r = law.h_region(xg, law.r.lo, law.r.hi() + smax);
        let h_i = law.h_innovation(xg, law.i.lo, law.i.hi() + smax);
        let mut gains: Vec<(BigUint, usize, BigUint)> = Vec::new();
        for (k, (side, it, _)) in lay.items.iter().enumerate() {
            if it.millionths >= MILLION || it.s == it.f {
                continue;
            }
            let region = *side == Side::Region;
            let rebuild_only = !region && lay.rule == MandatoryRule::InnovationZero;
            let key = (region, *it);
            let value = match (rebuild_only, cache.get(&key)) {
                (false, Some(v)) => v.clone(),
                _ => {
                    let (base, h, h_lo) = if region {
                        (&law.r, &h_r, law.r.lo)
                    } else {
                        (&law.i, &h_i, law.i.lo)
                    };
                    let v = match (rebuild_only, deconvolve(base, *it)) {
                        (false, Some(z)) => {
                            work += z.v.len() as u64;
                            max_err = max_err
                                .max(z.err.saturating_add(law.r.err).saturating_add(law.i.err));
                            dot(&z, it.s, h, h_lo)
                        }
                        _ => {
                            let (d, w): (Dist, u64) = if region {
                                lay.region(Some((k, MILLION)))
                            } else {
                                lay.innovations(Some((k, MILLION)))
                            };
                            work += w;
                            max_err = max_err
                                .max(d.err.saturating_add(law.r.err).saturating_add(law.i.err));
                            if region {
                                dot(&d, 0, &law.h_region(xg, d.lo, d.hi()), d.lo)
                            } else {
                                dot(&d, 0, &law.h_innovation(xg, d.lo, d.hi()), d.lo)
                            }
                        }
                    };
                    if work > MAX_WORK {
                        return Err(too_much(work));
                    }
                    if !rebuild_only {
                        cache.insert(key, v.clone());
                    }
                    v
                }
            };
            if value > p_goal {
                let gain = &value - &p_goal;
                gains.push((gain, k, value));
            }
        }
        gains.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (gain, k, value) in gains {
            let Some(o) = lay.odds_index.get(k).and_then(|&j| odds.get(j)) else {
                continue;
            };
            shore_up.push(ShoreUp {
                path: o.path.clone(),
                indicator: o.indicator.clone(),
                innovation: o
                    .innovation
                    .and_then(|j| sub.innovations.get(j))
                    .map(|x| x.id.clone()),
                class: o.class,
                level: o.level,
                fallback: o.fallback,
                probability: o.probability(),
                goal_if_proven: prob(&value),
                gain: prob(&gain),
            });
        }
    }

    let uncertain = odds
        .iter()
        .filter(|o| o.millionths > 0 && o.millionths < MILLION && o.level != o.fallback)
        .count();
    Ok(Risk {
        methodology: rubric.id().to_string(),
        claimed_index: self_index,
        claimed_predicate: s_self.predicate(rubric).to_string(),
        verified_index: s_ver.index(rubric),
        verified_predicate: s_ver.predicate(rubric).to_string(),
        expected_index,
        predicates,
        goal: Goal {
            from: from.to_string(),
            index: target.index,
            predicate: target.predicate,
            probability: prob(&p_goal),
        },
        quantiles,
        shore_up,
        answers: odds.len(),
        uncertain,
        exact: max_err == 0,
        error_bound: bound_text(max_err),
    })
}
