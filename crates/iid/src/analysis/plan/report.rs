//! A chosen plan written out: steps with sequential gains, the projected
//! submission, its rescoring, and the outcome in Indonesian and English.

use super::cells::Access;
use super::resolve::ResolvedTarget;
use super::search::{evaluate_in, Candidate};
use super::*;
use crate::analysis::edit::{affair_code, new_ids, set_answer};
use crate::model::evidence::{Evidence, VerificationStatus};
use crate::model::submission::AnswerDetail;
use crate::model::values::Date;

/// Add `n` planned evidence items meeting the rule of `code` at `level`
/// to an answer; a re-submitted answer (sent back for revision) awaits
/// verification again.
fn add_evidence(
    rubric: &CompiledRubric,
    answers: &mut std::collections::BTreeMap<String, Answer>,
    code: &str,
    level: u8,
    n: u32,
    resubmit: bool,
) {
    let ind = match rubric.slot(code) {
        Some(crate::model::rubric::Slot::Region(i)) => rubric.region[i].rubric_index,
        Some(crate::model::rubric::Slot::Innovation(i)) => rubric.innovation[i].rubric_index,
        _ => return,
    };
    let rule = rubric
        .rubric()
        .indicators
        .get(ind)
        .and_then(|i| crate::scoring::answer::evidence_rule(i, level));
    // A row with no rule takes any item: a report stands for it.
    let kind = rule
        .and_then(|r| r.kinds.first().copied())
        .unwrap_or(crate::model::evidence::EvidenceKind::Report);
    let issued = match (rule.and_then(|r| r.window), rubric.rubric().year) {
        (Some(w), Some(t)) => Some(Date {
            year: i32::from(t) + w.to,
            month: 1,
            day: 1,
        }),
        _ => None,
    };
    let url_required = rule.is_some_and(|r| r.url_required);
    let entry = answers
        .entry(code.to_string())
        .or_insert(Answer::Level(Level(level)));
    if let Answer::Level(l) = entry {
        *entry = Answer::Detailed(Box::new(AnswerDetail {
            level: Some(*l),
            ..AnswerDetail::default()
        }));
    }
    if let Answer::Detailed(d) = entry {
        let first = d.evidence.len() as u32;
        for x in 0..n {
            d.evidence.push(Evidence {
                kind,
                title: Some(crate::text::plan::planned_evidence_title(first + x + 1)),
                issued,
                url: url_required.then(|| crate::text::plan::PLANNED_EVIDENCE_URL.to_string()),
                sha256: None,
            });
        }
        if resubmit {
            if let Some(v) = &mut d.verification {
                v.status = VerificationStatus::Pending;
                v.level = None;
            }
        }
    }
}

/// Write a chosen plan out: steps with sequential gains, the projected
/// submission, and its rescoring.
pub(super) fn write_plan(
    ctx: &super::search::Search,
    sub: &Submission,
    target: &ResolvedTarget,
    c: Candidate,
    search: PlanSearch,
) -> Result<Plan, InputError> {
    let (rubric, costs, cells, base) = (ctx.rubric, ctx.costs, ctx.cells, ctx.base);
    let kr = rubric.innovation_len();
    let n = base.affairs.len();
    let mode = cells.mode;
    let mut t = Tracker::new(rubric, base.clone());
    let s0 = evaluate_in(rubric, base, mode);
    let mut cum = s0.index_exact(rubric);
    // In the verified mode a plan that starts with nothing counted is not
    // assessable until a step makes something count (the tracker does not
    // know it): until then the levels are scored in full.
    let mut empty = mode == Mode::Verified && !s0.assessable();
    let mut gain = |t: &Tracker, cur: &LevelMatrix| {
        let s = if empty {
            let s = evaluate_in(rubric, cur, mode);
            empty = !s.assessable();
            s
        } else {
            t.summary()
        };
        let now = s.index_exact(rubric);
        let g = (now - cum).normalize();
        cum = now;
        g
    };
    let mut cur = base.clone();
    let mut items_total = 0u32;
    let ids = new_ids(sub, c.k);
    let count_code = rubric
        .rubric()
        .innovation_count
        .as_ref()
        .map(|c| c.code.clone());
    let mut steps = Vec::new();
    let mut projected = sub.clone();
    for (ci, id) in ids.iter().enumerate() {
        let j = n + ci;
        let affair = c.start.affairs[j].clone();
        let row = &c.start.innovation[j * kr..(j + 1) * kr];
        t.push(row, affair.clone());
        crate::analysis::exact::push_row(
            &mut cur,
            row,
            affair.clone(),
            crate::scoring::basic_bit(rubric, &affair),
        );
        let urusan = affair_code(rubric, &affair);
        steps.push(PlanStep {
            kind: StepKind::AddInnovation,
            indicator: count_code.clone(),
            innovation: Some(id.clone()),
            urusan: urusan.clone(),
            from: j as u32,
            to: j as u32 + 1,
            evidence_items: None,
            gain: gain(&t, &cur),
            cost: costs.decimal(costs.new_innovation.unwrap_or(0)),
        });
        let mut inv = Innovation {
            id: id.clone(),
            name: Some(
                costs
                    .template
                    .meta
                    .name
                    .clone()
                    .unwrap_or_else(|| crate::text::messages::new_innovation_name(ci + 1)),
            ),
            urusan,
            ..costs.template.meta.clone()
        };
        for col in 0..kr {
            let l = c.start_claimed.innovation[j * kr + col];
            if l > 0 {
                inv.levels.insert(
                    rubric.innovation_code(col).to_string(),
                    Answer::Level(Level(l)),
                );
            }
        }
        projected.innovations.push(inv);
    }
    let lv = &c.levels;
    for i in 0..rubric.region_len() {
        let (from, to) = (c.start_claimed.region[i], lv.claimed.region[i]);
        let items = lv.items_region[i];
        if to <= from && items == 0 {
            continue;
        }
        let counted = lv.counted.region[i];
        t.set(RowRef::Region(i), counted);
        cur.region[i] = counted;
        let code = rubric.region_code(i);
        if to > from {
            set_answer(&mut projected.spd, code, to);
        }
        let resubmit = cells
            .region
            .get(i)
            .is_some_and(|x| x.access == Access::Revise);
        add_evidence(rubric, &mut projected.spd, code, to, items, resubmit);
        items_total = items_total.saturating_add(items);
        steps.push(PlanStep {
            kind: if to > from {
                StepKind::RaiseLevel
            } else {
                StepKind::CompleteEvidence
            },
            indicator: Some(code.to_string()),
            innovation: None,
            urusan: None,
            from: u32::from(from),
            to: u32::from(to),
            evidence_items: (mode == Mode::Verified).then_some(items),
            gain: gain(&t, &cur),
            cost: costs.decimal(
                costs
                    .steps(&costs.region[i], from, to)
                    .saturating_add(costs.evidence_region[i].saturating_mul(i64::from(items))),
            ),
        });
    }
    for j in 0..n + c.k {
        for col in 0..kr {
            let x = j * kr + col;
            let (from, to) = (c.start_claimed.innovation[x], lv.claimed.innovation[x]);
            let items = lv.items_innovation[x];
            if to <= from && items == 0 {
                continue;
            }
            let counted = lv.counted.innovation[x];
            t.set(RowRef::Innovation { row: j, col }, counted);
            cur.innovation[x] = counted;
            let code = rubric.innovation_code(col);
            let (levels, id) = if j < n {
                let src = base.source[j];
                (
                    &mut projected.innovations[src].levels,
                    sub.innovations[src].id.clone(),
                )
            } else {
                let at = sub.innovations.len() + (j - n);
                (&mut projected.innovations[at].levels, ids[j - n].clone())
            };
            if to > from {
                set_answer(levels, code, to);
            }
            let resubmit = cells
                .innovation
                .get(x)
                .is_some_and(|x| x.access == Access::Revise);
            add_evidence(rubric, levels, code, to, items, resubmit);
            items_total = items_total.saturating_add(items);
            steps.push(PlanStep {
                kind: if to > from {
                    StepKind::RaiseLevel
                } else {
                    StepKind::CompleteEvidence
                },
                indicator: Some(code.to_string()),
                innovation: Some(id),
                urusan: None,
                from: u32::from(from),
                to: u32::from(to),
                evidence_items: (mode == Mode::Verified).then_some(items),
                gain: gain(&t, &cur),
                cost: costs.decimal(
                    costs
                        .steps(&costs.innovation[col], from, to)
                        .saturating_add(
                            costs.evidence_innovation[col].saturating_mul(i64::from(items)),
                        ),
                ),
            });
        }
    }
    let tracked = evaluate_in(rubric, &cur, mode);
    if cur != lv.counted {
        return Err(internal("the plan's steps do not give its levels"));
    }
    let rescored = crate::score_mode(rubric, &projected, mode)?;
    if rescored.index_exact != tracked.index_exact(rubric)
        || rescored.index != tracked.index(rubric)
        || crate::analysis::exact::exact(&tracked) != c.index
    {
        return Err(internal(
            "the projected submission does not rescore as planned",
        ));
    }
    if c.cost >= INF {
        return Err(InputError::Invalid {
            path: "costs".into(),
            message: "the plan's total cost is beyond the exact range; use smaller costs".into(),
        });
    }
    let reachable = c.reached;
    let total_cost = costs.decimal(c.cost);
    let shortfall = (!reachable).then(|| target.index - rescored.index);
    let what = match &target.predicate {
        Some(p) => format!("{p} ({})", target.index),
        None => target.index.to_string(),
    };
    let (mut message_id, mut message_en) = crate::text::messages::plan_outcome(
        &what,
        reachable,
        steps.is_empty(),
        total_cost,
        &rescored.index,
        c.k,
    );
    if mode == Mode::Verified {
        let (id, en) = crate::text::plan::verified_outcome(items_total);
        message_id.push_str(&id);
        message_en.push_str(&en);
    }
    Ok(Plan {
        methodology: rubric.id().to_string(),
        mode,
        evidence_items: items_total,
        target_index: target.index,
        target_predicate: target.predicate.clone(),
        reachable,
        current_index: s0.index(rubric),
        current_index_exact: s0.index_exact(rubric),
        current_predicate: s0.predicate(rubric).to_string(),
        steps,
        total_cost,
        new_innovations: c.k as u32,
        projected_index: rescored.index,
        projected_index_exact: rescored.index_exact,
        projected_predicate: rescored.predicate,
        shortfall,
        search,
        message_id,
        message_en,
        projected_submission: projected,
    })
}
