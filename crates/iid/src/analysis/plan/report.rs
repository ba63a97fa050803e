//! A chosen plan written out: steps with sequential gains, the projected
//! submission, its rescoring, and the outcome in Indonesian and English.

use super::resolve::ResolvedTarget;
use super::search::Candidate;
use super::*;
use crate::analysis::edit::{affair_code, new_ids, set_answer};

/// Write a chosen plan out: steps with sequential gains, the projected
/// submission, and its rescoring.
pub(super) fn write_plan(
    rubric: &CompiledRubric,
    sub: &Submission,
    costs: &CostTable,
    target: &ResolvedTarget,
    base: &LevelMatrix,
    c: Candidate,
    search: PlanSearch,
) -> Result<Plan, InputError> {
    let kr = rubric.innovation_len();
    let n = base.affairs.len();
    let mut t = Tracker::new(rubric, base.clone());
    let s0 = t.summary();
    let mut cum = s0.index_exact(rubric);
    let mut gain = |s: Summary| {
        let now = s.index_exact(rubric);
        let g = (now - cum).normalize();
        cum = now;
        g
    };
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
        t.push(&c.start.innovation[j * kr..(j + 1) * kr], affair.clone());
        let urusan = affair_code(rubric, &affair);
        steps.push(PlanStep {
            kind: StepKind::AddInnovation,
            indicator: count_code.clone(),
            innovation: Some(id.clone()),
            urusan: urusan.clone(),
            from: j as u32,
            to: j as u32 + 1,
            gain: gain(t.summary()),
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
            let l = c.levels.innovation[j * kr + col];
            if l > 0 {
                inv.levels.insert(
                    rubric.innovation_code(col).to_string(),
                    Answer::Level(Level(l)),
                );
            }
        }
        projected.innovations.push(inv);
    }
    for i in 0..rubric.region_len() {
        let (from, to) = (c.start.region[i], c.levels.region[i]);
        if to > from {
            t.set(RowRef::Region(i), to);
            let code = rubric.region_code(i);
            set_answer(&mut projected.spd, code, to);
            steps.push(PlanStep {
                kind: StepKind::RaiseLevel,
                indicator: Some(code.to_string()),
                innovation: None,
                urusan: None,
                from: u32::from(from),
                to: u32::from(to),
                gain: gain(t.summary()),
                cost: costs.decimal(costs.steps(&costs.region[i], from, to)),
            });
        }
    }
    for j in 0..n + c.k {
        for col in 0..kr {
            let (from, to) = (
                c.start.innovation[j * kr + col],
                c.levels.innovation[j * kr + col],
            );
            if to <= from {
                continue;
            }
            t.set(RowRef::Innovation { row: j, col }, to);
            let code = rubric.innovation_code(col);
            let id = if j < n {
                let src = base.source[j];
                set_answer(&mut projected.innovations[src].levels, code, to);
                sub.innovations[src].id.clone()
            } else {
                ids[j - n].clone()
            };
            steps.push(PlanStep {
                kind: StepKind::RaiseLevel,
                indicator: Some(code.to_string()),
                innovation: Some(id),
                urusan: None,
                from: u32::from(from),
                to: u32::from(to),
                gain: gain(t.summary()),
                cost: costs.decimal(costs.steps(&costs.innovation[col], from, to)),
            });
        }
    }
    let tracked = t.summary();
    let rescored = crate::score(rubric, &projected)?;
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
    let (message_id, message_en) = crate::text::messages::plan_outcome(
        &what,
        reachable,
        steps.is_empty(),
        total_cost,
        &rescored.index,
        c.k,
    );
    Ok(Plan {
        methodology: rubric.id().to_string(),
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
