//! Verified-mode plans: exact minimality against brute force on tiny
//! random rubrics with evidence rules and verifiers' decisions, and the
//! rules of what a plan may do with an answer, worked by hand.
//!
//! The brute force knows only the stated rules (docs/whatif-plan.md,
//! "Verified mode"), never the engine's arithmetic of evidence: it tries
//! every level from the claim up and every number of added evidence items
//! (0 to 2) on every row, sets a raised claim's verification aside (a new
//! claim is not yet verified), leaves answers a verifier accepted or
//! rejected alone, re-submits an answer sent back for revision with at
//! least one item (then pending), and lets the normal scorer, in the
//! verified mode, say what counts.

use std::collections::BTreeMap;

use iid::analysis::plan::{plan, Plan, PlanOptions, StepKind};
use iid::model::submission::{Answer, Innovation, Submission};
use iid::synthetic::SplitMix64;
use iid::{score_mode, CompiledRubric, Mode};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn pick<'a, T>(rng: &mut SplitMix64, xs: &'a [T]) -> &'a T {
    &xs[rng.below(xs.len() as u64) as usize]
}

struct Tiny {
    rubric: CompiledRubric,
    rubric_json: String,
    sub: Submission,
    options: PlanOptions,
    options_json: String,
}

const CODES: [&str; 4] = ["R1", "R2", "I1", "I2"];

/// An indicator with three parameters and, at random, no evidence rule,
/// a rule of one or two "report" items, or a rule on its third parameter
/// only.
fn indicator(rng: &mut SplitMix64, code: &str, var: &str, mandatory: bool) -> String {
    let weight = pick(rng, &["0.5", "1", "2"]);
    let (rule, third) = match rng.below(4) {
        0 => (String::new(), String::new()),
        1 => (
            r#", "evidence": {"kinds": ["report"]}"#.to_string(),
            String::new(),
        ),
        2 => (
            r#", "evidence": {"kinds": ["report"], "min_items": 2}"#.to_string(),
            String::new(),
        ),
        _ => (
            String::new(),
            r#", "evidence": {"kinds": ["report"], "min_items": 2}"#.to_string(),
        ),
    };
    format!(
        r#"{{"code": "{code}", "name": "{code}", "variable": "{var}", "weight": "{weight}", "mandatory": {mandatory}{rule},
            "parameters": [{{"description": "p1"}}, {{"description": "p2"}}, {{"description": "p3"{third}}}]}}"#
    )
}

fn answer(rng: &mut SplitMix64) -> Option<Value> {
    let level = rng.below(4);
    if level == 0 {
        return None;
    }
    let evidence: Vec<Value> = (0..rng.below(3))
        .map(|_| json!({"kind": *pick(rng, &["report", "report", "photo"])}))
        .collect();
    let verification = match rng.below(7) {
        0 => json!({"status": "pending"}),
        1 => json!({"status": "accepted"}),
        2 if level > 1 => json!({"status": "accepted", "level": level - 1}),
        3 => json!({"status": "rejected"}),
        4 => json!({"status": "revise"}),
        _ => Value::Null,
    };
    let mut a = json!({"level": level, "evidence": evidence});
    if !verification.is_null() {
        a["verification"] = verification;
    }
    Some(a)
}

fn tiny(seed: u64) -> Tiny {
    let mut rng = SplitMix64::new(seed);
    let rule = *pick(
        &mut rng,
        &["finding", "finding", "innovation_zero", "not_assessable"],
    );
    let mand: Vec<bool> = (0..4).map(|_| rng.below(3) == 0).collect();
    let indicators: Vec<String> = CODES
        .iter()
        .enumerate()
        .map(|(i, c)| indicator(&mut rng, c, if i < 2 { "vr" } else { "vi" }, mand[i]))
        .collect();
    let rubric_json = format!(
        r#"{{"id": "tiny", "name": "Tiny", "provenance": {{}},
            "aspects": [{{"code": "R", "name": "R", "scope": "region"}}, {{"code": "I", "name": "I", "scope": "innovation"}}],
            "variables": [{{"code": "vr", "name": "vr", "aspect": "R"}}, {{"code": "vi", "name": "vi", "aspect": "I"}}],
            "indicators": [{}],
            "innovation_count": {{"code": "C", "name": "C", "variable": "vi", "points_per_innovation": "0.5", "cap": 2}},
            "affairs": [{{"code": "a", "name": "A", "basic_service": true}}],
            "aggregation": {{"kind": "normalized", "min_divisor": {}}},
            "predicates": [{{"label": "Nol", "min": "0.00", "max": "0.00"}},
                {{"label": "Rendah", "min": "0.01", "max": "40.00"}},
                {{"label": "Tinggi", "min": "40.01", "max": "100.00"}}],
            "not_assessable": "Nol",
            "mandatory_rule": "{rule}"}}"#,
        indicators.join(", "),
        1 + rng.below(2)
    );
    let rubric =
        CompiledRubric::from_json(&rubric_json).unwrap_or_else(|e| panic!("{e}\n{rubric_json}"));
    let mut spd = serde_json::Map::new();
    for code in ["R1", "R2"] {
        if let Some(a) = answer(&mut rng) {
            spd.insert(code.into(), a);
        }
    }
    let innovations: Vec<Value> = (0..rng.below(2))
        .map(|j| {
            let mut levels = serde_json::Map::new();
            for code in ["I1", "I2"] {
                if let Some(a) = answer(&mut rng) {
                    levels.insert(code.into(), a);
                }
            }
            json!({"id": format!("inv-{j}"), "urusan": "a", "levels": levels})
        })
        .collect();
    let sub = Submission::from_json(
        &json!({"methodology": "tiny", "spd": spd, "innovations": innovations}).to_string(),
    )
    .unwrap();
    let amounts = ["0", "0.5", "1", "2"];
    let mut costs = vec![
        format!(r#""default_step": "{}""#, pick(&mut rng, &amounts[1..])),
        format!(r#""evidence": "{}""#, pick(&mut rng, &amounts)),
    ];
    if rng.below(3) == 0 {
        costs.push(format!(
            r#""evidence_indicators": {{"{}": "{}"}}"#,
            pick(&mut rng, &CODES),
            pick(&mut rng, &amounts)
        ));
    }
    if rng.below(3) == 0 {
        costs.push(format!(r#""max_steps_per_innovation": {}"#, rng.below(3)));
    }
    let target = format!("{}.{:02}", rng.below(101), rng.below(100));
    let options_json = format!(
        r#"{{"target": "{target}", "mode": "verified", "costs": {{{}}}}}"#,
        costs.join(", ")
    );
    let options =
        PlanOptions::from_json(&options_json).unwrap_or_else(|e| panic!("{e}\n{options_json}"));
    Tiny {
        rubric,
        rubric_json,
        sub,
        options,
        options_json,
    }
}

fn step_cost(o: &PlanOptions, from: u8, to: u8) -> Decimal {
    let step = o.costs.default_step.map_or(Decimal::ONE, |a| a.0);
    step * Decimal::from(to.saturating_sub(from))
}

fn item_cost(o: &PlanOptions, code: &str) -> Decimal {
    o.costs
        .evidence_indicators
        .get(code)
        .or(o.costs.evidence.as_ref())
        .map_or(Decimal::ONE, |a| a.0)
}

/// What may become of one answer: (the answer, its cost, level steps).
fn row_options(
    o: &PlanOptions,
    code: &str,
    a: Option<&Answer>,
) -> Vec<(Option<Answer>, Decimal, u32)> {
    let mut out = vec![(a.cloned(), Decimal::ZERO, 0)];
    let v: Value = a.map_or(Value::Null, |a| serde_json::to_value(a).unwrap());
    let claimed = a.map_or(0, |a| a.level().0);
    let status = v["verification"]["status"]
        .as_str()
        .unwrap_or("none")
        .to_string();
    if status == "accepted" || status == "rejected" {
        return out;
    }
    let revise = status == "revise";
    for level in claimed..=3u8 {
        for added in 0..=2u32 {
            if level == claimed && added == 0 {
                continue;
            }
            if revise && added == 0 {
                continue;
            }
            let mut x = match &v {
                Value::Object(_) => v.clone(),
                _ => json!({"level": level}),
            };
            x["level"] = json!(level);
            if level > claimed {
                x.as_object_mut().unwrap().remove("verification");
            } else if revise {
                x["verification"] = json!({"status": "pending"});
            }
            let mut items = x["evidence"].as_array().cloned().unwrap_or_default();
            items.extend((0..added).map(|_| json!({"kind": "report"})));
            x["evidence"] = Value::Array(items);
            let cost = step_cost(o, claimed, level) + item_cost(o, code) * Decimal::from(added);
            out.push((
                Some(serde_json::from_value(x).unwrap()),
                cost,
                u32::from(level - claimed),
            ));
        }
    }
    out
}

/// Every allowed plan, scored in the verified mode: (index_exact, index,
/// assessable, cost).
fn brute(t: &Tiny) -> Vec<(Decimal, Decimal, bool, Decimal)> {
    let o = &t.options;
    let cap = o.costs.max_steps_per_innovation;
    let mut dims: Vec<Vec<(Option<Answer>, Decimal, u32)>> = Vec::new();
    for code in ["R1", "R2"] {
        dims.push(row_options(o, code, t.sub.spd.get(code)));
    }
    for inv in &t.sub.innovations {
        for code in ["I1", "I2"] {
            dims.push(row_options(o, code, inv.levels.get(code)));
        }
    }
    let mut idx = vec![0usize; dims.len()];
    let mut out = Vec::new();
    loop {
        let steps_ok = (0..t.sub.innovations.len()).all(|j| {
            let s = dims[2 + 2 * j][idx[2 + 2 * j]].2 + dims[3 + 2 * j][idx[3 + 2 * j]].2;
            cap.is_none_or(|c| s <= c)
        });
        if steps_ok {
            let mut sub = t.sub.clone();
            let mut cost = Decimal::ZERO;
            let mut set = |m: &mut BTreeMap<String, Answer>, code: &str, d: usize| {
                let (a, c, _) = &dims[d][idx[d]];
                cost += c;
                match a {
                    Some(a) => m.insert(code.to_string(), a.clone()),
                    None => m.remove(code),
                };
            };
            set(&mut sub.spd, "R1", 0);
            set(&mut sub.spd, "R2", 1);
            for (j, inv) in sub.innovations.iter_mut().enumerate() {
                let inv: &mut Innovation = inv;
                set(&mut inv.levels, "I1", 2 + 2 * j);
                set(&mut inv.levels, "I2", 3 + 2 * j);
            }
            let r = score_mode(&t.rubric, &sub, Mode::Verified).unwrap();
            out.push((r.index_exact, r.index, r.assessable, cost));
        }
        let mut p = 0;
        loop {
            if p == dims.len() {
                return out;
            }
            idx[p] += 1;
            if idx[p] < dims[p].len() {
                break;
            }
            idx[p] = 0;
            p += 1;
        }
    }
}

fn check_invariants(r: &CompiledRubric, sub: &Submission, p: &Plan) {
    let res = score_mode(r, &p.projected_submission, Mode::Verified).unwrap();
    assert_eq!(res.index, p.projected_index);
    assert_eq!(res.index_exact, p.projected_index_exact);
    assert_eq!(
        score_mode(r, sub, Mode::Verified).unwrap().index,
        p.current_index
    );
    let cost: Decimal = p.steps.iter().map(|s| s.cost).sum();
    assert_eq!(cost, p.total_cost);
    let gain: Decimal = p.steps.iter().map(|s| s.gain).sum();
    assert_eq!(gain, p.projected_index_exact - p.current_index_exact);
    let items: u32 = p.steps.iter().filter_map(|s| s.evidence_items).sum();
    assert_eq!(items, p.evidence_items);
    for s in &p.steps {
        match s.kind {
            StepKind::CompleteEvidence => assert!(s.to == s.from && s.evidence_items > Some(0)),
            _ => assert!(s.to > s.from),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// The verified-mode plan costs exactly the least the brute force
    /// finds; out of reach, it reaches the highest verified index at the
    /// least cost of those that do.
    #[test]
    fn verified_plan_cost_is_minimal_against_brute_force(seed in any::<u64>()) {
        let t = tiny(seed);
        let p = plan(&t.rubric, &t.sub, &t.options).unwrap_or_else(|e| {
            panic!("{e}\nrubric {}\nsub {}\noptions {}", t.rubric_json, t.sub.to_json_pretty(), t.options_json)
        });
        let ctx = || format!("plan {}\nrubric {}\nsub {}\noptions {}", serde_json::to_string_pretty(&p).unwrap(), t.rubric_json, t.sub.to_json_pretty(), t.options_json);
        check_invariants(&t.rubric, &t.sub, &p);
        let all = brute(&t);
        let reached = |x: &(Decimal, Decimal, bool, Decimal)| {
            (x.2 || p.target_index <= Decimal::ZERO) && x.1 >= p.target_index
        };
        match all.iter().filter(|x| reached(x)).map(|x| x.3).min() {
            Some(cost) => {
                prop_assert!(p.reachable, "brute force reaches at cost {cost}\n{}", ctx());
                prop_assert_eq!(p.total_cost, cost, "{}", ctx());
            }
            None => {
                prop_assert!(!p.reachable, "{}", ctx());
                let best = all.iter().map(|x| x.0).max().unwrap();
                prop_assert_eq!(p.projected_index_exact, best, "{}", ctx());
                let cheapest = all.iter().filter(|x| x.0 == best).map(|x| x.3).min().unwrap();
                prop_assert_eq!(p.total_cost, cheapest, "{}", ctx());
            }
        }
    }
}
