//! What-if (simulasi): apply a list of changes to a submission, score it
//! again, and say what moved, indicator by indicator.
//!
//! Changes (`docs/whatif-plan.md`), a JSON list applied in order:
//!
//! ```json
//! [{"op": "set", "indicator": "2a", "level": 3},
//!  {"op": "set", "innovation": "inv-001", "indicator": "17", "level": 2},
//!  {"op": "add_innovation", "innovation": {"id": "inv-009", "urusan": "sosial", "levels": {"16": 1}}},
//!  {"op": "add_innovation", "innovation": {"urusan": "kesehatan"}},
//!  {"op": "remove_innovation", "id": "inv-003"},
//!  {"op": "set_affair", "innovation": "inv-002", "urusan": "sosial"}]
//! ```
//!
//! An innovation added without an `id` gets the first `baru-N` not taken
//! at that point (as plans name the innovations they add). In
//! [`Change::AddInnovation`] an empty `id` stands for one left out; it
//! serialises without an `id`, and an explicit empty `id` in JSON is an
//! error.
//!
//! A bad change is reported at its path (`changes[2].level`). The new
//! result is the normal scorer's; the differences are exact fractions
//! rounded once.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::changes::empty_id;
pub use crate::analysis::changes::{changes_from_value, parse_changes, Change, MAX_CHANGES};
use crate::analysis::edit::{affair_code, new_ids, set_answer};
use crate::analysis::exact::{difference, exact};
use crate::error::InputError;
use crate::model::rubric::{Aggregation, CompiledRubric, Slot};
use crate::model::submission::{Innovation, Submission};
use crate::scoring::result::{IndicatorKind, ScoreResult};
use crate::scoring::{resolve_affair, LevelMatrix, Summary};

fn find(sub: &Submission, id: &str, path: String) -> Result<usize, InputError> {
    sub.innovations
        .iter()
        .position(|i| i.id == id)
        .ok_or_else(|| InputError::Invalid {
            path,
            message: format!("no innovation has id \"{id}\""),
        })
}

/// Apply changes in order. Returns the changed submission and, for each
/// of its innovations, the change that added it (for error paths).
pub fn apply(
    rubric: &CompiledRubric,
    sub: &Submission,
    changes: &[Change],
) -> Result<(Submission, Vec<Option<usize>>), InputError> {
    let mut out = sub.clone();
    let mut origin: Vec<Option<usize>> = vec![None; out.innovations.len()];
    for (i, ch) in changes.iter().enumerate() {
        let at = |f: &str| format!("changes[{i}].{f}");
        match ch {
            Change::Set {
                innovation,
                indicator,
                level,
            } => {
                let slot = rubric.slot(indicator);
                let max = match (innovation, slot) {
                    (None, Some(Slot::Region(r))) => rubric.region_max_level(r),
                    (Some(_), Some(Slot::Innovation(c))) => rubric.innovation_max_level(c),
                    (None, Some(Slot::Innovation(_))) => {
                        return Err(InputError::WrongScope {
                            path: at("indicator"),
                            code: indicator.clone(),
                            expected: "an innovation (name it in \"innovation\")".into(),
                        })
                    }
                    (Some(_), Some(Slot::Region(_))) => {
                        return Err(InputError::WrongScope {
                            path: at("indicator"),
                            code: indicator.clone(),
                            expected: "the region (leave out \"innovation\")".into(),
                        })
                    }
                    (_, Some(Slot::Count)) => {
                        return Err(InputError::WrongScope {
                            path: at("indicator"),
                            code: indicator.clone(),
                            expected: "the engine (it is computed from the number of innovations)"
                                .into(),
                        })
                    }
                    (_, None) => {
                        return Err(InputError::UnknownIndicator {
                            path: at("indicator"),
                            code: indicator.clone(),
                            methodology: rubric.id().to_string(),
                        })
                    }
                };
                if level.0 > max {
                    return Err(InputError::LevelOutOfRange {
                        path: at("level"),
                        level: u32::from(level.0),
                        max: u32::from(max),
                    });
                }
                match innovation {
                    None => set_answer(&mut out.spd, indicator, level.0),
                    Some(id) => {
                        let j = find(&out, id, at("innovation"))?;
                        set_answer(&mut out.innovations[j].levels, indicator, level.0);
                    }
                }
            }
            Change::AddInnovation { innovation } => {
                let mut innovation = innovation.clone();
                if innovation.id.is_empty() {
                    innovation.id = new_ids(&out, 1).remove(0);
                } else if innovation.id.trim().is_empty() {
                    return Err(empty_id(at("innovation.id")));
                }
                if out.innovations.iter().any(|x| x.id == innovation.id) {
                    return Err(InputError::DuplicateId {
                        path: at("innovation.id"),
                        id: innovation.id,
                    });
                }
                out.innovations.push(innovation);
                origin.push(Some(i));
            }
            Change::RemoveInnovation { id } => {
                let j = find(&out, id, at("id"))?;
                out.innovations.remove(j);
                origin.remove(j);
            }
            Change::SetAffair { innovation, urusan } => {
                let j = find(&out, innovation, at("innovation"))?;
                resolve_affair(rubric, urusan.as_deref(), 0)
                    .map_err(|e| e.map_path(|_| at("urusan")))?;
                out.innovations[j].urusan = urusan.clone();
            }
        }
    }
    Ok((out, origin))
}

/// Headline figures of one side of a what-if.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Figures {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_exact: Decimal,
    pub predicate: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub spd_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub sid_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub innovation_count_score: Decimal,
    pub innovation_count: u32,
    pub divisor: u32,
    pub empty_seats: u32,
    pub yandas_covered: u32,
}

impl Figures {
    fn of(r: &ScoreResult) -> Figures {
        Figures {
            index: r.index,
            index_exact: r.index_exact,
            predicate: r.predicate.clone(),
            total_score: r.total_score,
            spd_score: r.spd_score,
            sid_score: r.sid_score,
            innovation_count_score: r.innovation_count_score,
            innovation_count: r.innovation_count,
            divisor: r.divisor,
            empty_seats: r.empty_seats,
            yandas_covered: r.yandas_covered.len() as u32,
        }
    }
}

/// One indicator's contribution before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorDelta {
    pub code: String,
    pub kind: IndicatorKind,
    /// Contribution to the total score (innovation rows averaged over the divisor).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score_before: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score_after: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score_delta: Decimal,
    /// The same difference in index points.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_delta: Decimal,
}

/// A claimed level that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AnswerDelta {
    pub indicator: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation: Option<String>,
    pub from: u8,
    pub to: u8,
}

/// An innovation whose affair changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AffairDelta {
    pub innovation: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A what-if: the new result and what moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WhatIf {
    pub methodology: String,
    pub before: Figures,
    pub after: Figures,
    /// Exact index difference (after - before).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_delta: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_delta: Decimal,
    /// Every indicator in rubric order, the count indicator last.
    pub indicators: Vec<IndicatorDelta>,
    /// Claimed levels that changed (counted innovations only).
    pub answers: Vec<AnswerDelta>,
    pub innovations_added: Vec<String>,
    pub innovations_removed: Vec<String>,
    pub affairs_changed: Vec<AffairDelta>,
    /// The full result after the changes.
    pub result: ScoreResult,
    /// The submission after the changes (interchange format).
    pub submission: Submission,
}

/// An indicator's contribution as a fraction of units.
fn contributions(rubric: &CompiledRubric, p: &LevelMatrix, s: &Summary) -> Vec<(i128, i128)> {
    let kr = rubric.innovation_len();
    let mut out: Vec<(i128, i128)> = rubric
        .region
        .iter()
        .zip(&p.region)
        .map(|(c, &l)| (i128::from(c.weight_units * i64::from(l)), 1))
        .collect();
    for (col, c) in rubric.innovation.iter().enumerate() {
        let units: i64 = (0..p.affairs.len())
            .map(|j| c.weight_units * i64::from(p.innovation[j * kr + col]))
            .sum();
        out.push((i128::from(units), i128::from(s.divisor)));
    }
    if rubric.rubric().innovation_count.is_some() {
        out.push((i128::from(s.count_units), 1));
    }
    out
}

/// Apply `changes` to `sub` and compare (self-assessment levels).
pub fn whatif(
    rubric: &CompiledRubric,
    sub: &Submission,
    changes: &[Change],
) -> Result<WhatIf, InputError> {
    let before_a = crate::scoring::assess::assess(rubric, sub)?;
    let (changed, origin) = apply(rubric, sub, changes)?;
    let after_a = crate::scoring::assess::assess(rubric, &changed).map_err(|e| {
        e.map_path(|p| {
            let Some(rest) = p.strip_prefix("innovations[") else {
                return p.to_string();
            };
            let Some((num, tail)) = rest.split_once(']') else {
                return p.to_string();
            };
            match num
                .parse::<usize>()
                .ok()
                .and_then(|j| origin.get(j).copied().flatten())
            {
                Some(i) => format!("changes[{i}].innovation{tail}"),
                None => p.to_string(),
            }
        })
    })?;
    let before_r =
        crate::scoring::build::build_assessed(rubric, sub, &before_a, crate::Mode::SelfAssessment);
    let result = crate::scoring::build::build_assessed(
        rubric,
        &changed,
        &after_a,
        crate::Mode::SelfAssessment,
    );
    let r = rubric.rubric();
    let dp = r.rounding.exact_decimals;
    let (sb, sa) = (
        before_a.claimed.summary(rubric),
        after_a.claimed.summary(rubric),
    );
    let unit = i128::from(rubric.unit());
    let to_index = |f: (i128, i128)| -> (i128, i128) {
        match r.aggregation {
            Aggregation::Normalized { .. } => {
                (f.0 * 100, f.1 * i128::from(rubric.max_total_units()))
            }
            Aggregation::Sum => (f.0, f.1 * unit),
        }
    };
    let to_score = |f: (i128, i128)| (f.0, f.1 * unit);
    let zero = (0, 1);
    let cb = contributions(rubric, &before_a.claimed, &sb);
    let ca = contributions(rubric, &after_a.claimed, &sa);
    let codes = rubric
        .region_indicators()
        .map(|i| (i.code.clone(), IndicatorKind::Region))
        .chain(
            rubric
                .innovation_indicators()
                .map(|i| (i.code.clone(), IndicatorKind::Innovation)),
        )
        .chain(
            r.innovation_count
                .iter()
                .map(|c| (c.code.clone(), IndicatorKind::Count)),
        );
    let indicators = codes
        .zip(cb.iter().zip(&ca))
        .map(|((code, kind), (&b, &a))| IndicatorDelta {
            code,
            kind,
            score_before: difference(zero, to_score(b), dp),
            score_after: difference(zero, to_score(a), dp),
            score_delta: difference(to_score(b), to_score(a), dp),
            index_delta: difference(to_index(b), to_index(a), dp),
        })
        .collect();
    let total = |s: &Summary| {
        (
            (i128::from(s.region_units) + i128::from(s.count_units)) * i128::from(s.divisor)
                + i128::from(s.innovation_units),
            i128::from(s.divisor) * unit,
        )
    };

    // Claimed levels before and after, by innovation id.
    let kr = rubric.innovation_len();
    let (rb, ra) = (
        crate::analysis::exact::raw_levels(rubric, &before_a),
        crate::analysis::exact::raw_levels(rubric, &after_a),
    );
    let mut answers = Vec::new();
    for i in 0..rubric.region_len() {
        if rb.region[i] != ra.region[i] {
            answers.push(AnswerDelta {
                indicator: rubric.region_code(i).to_string(),
                innovation: None,
                from: rb.region[i],
                to: ra.region[i],
            });
        }
    }
    let rows_after: HashMap<&str, usize> = ra
        .source
        .iter()
        .enumerate()
        .map(|(row, &j)| (changed.innovations[j].id.as_str(), row))
        .collect();
    for (row_b, &j) in rb.source.iter().enumerate() {
        let id = sub.innovations[j].id.as_str();
        let Some(&row_a) = rows_after.get(id) else {
            continue;
        };
        for col in 0..kr {
            let (x, y) = (
                rb.innovation[row_b * kr + col],
                ra.innovation[row_a * kr + col],
            );
            if x != y {
                answers.push(AnswerDelta {
                    indicator: rubric.innovation_code(col).to_string(),
                    innovation: Some(id.to_string()),
                    from: x,
                    to: y,
                });
            }
        }
    }
    let ids_b: BTreeMap<&str, &Innovation> =
        sub.innovations.iter().map(|i| (i.id.as_str(), i)).collect();
    let ids_a: BTreeMap<&str, &Innovation> = changed
        .innovations
        .iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    let code = |inv: &Innovation| {
        resolve_affair(rubric, inv.urusan.as_deref(), 0)
            .ok()
            .and_then(|a| affair_code(rubric, &a))
    };
    let mut affairs_changed = Vec::new();
    for inv in &sub.innovations {
        if let Some(new) = ids_a.get(inv.id.as_str()) {
            let (f, t) = (code(inv), code(new));
            if f != t {
                affairs_changed.push(AffairDelta {
                    innovation: inv.id.clone(),
                    from: f,
                    to: t,
                });
            }
        }
    }
    Ok(WhatIf {
        methodology: rubric.id().to_string(),
        before: Figures::of(&before_r),
        after: Figures::of(&result),
        index_delta: difference(exact(&sb), exact(&sa), dp),
        total_delta: difference(total(&sb), total(&sa), dp),
        indicators,
        answers,
        innovations_added: changed
            .innovations
            .iter()
            .filter(|i| !ids_b.contains_key(i.id.as_str()))
            .map(|i| i.id.clone())
            .collect(),
        innovations_removed: sub
            .innovations
            .iter()
            .filter(|i| !ids_a.contains_key(i.id.as_str()))
            .map(|i| i.id.clone())
            .collect(),
        affairs_changed,
        result,
        submission: changed,
    })
}
