//! Plans: exact minimality against brute force on tiny random rubrics,
//! worked examples on the embedded iid-2026, and error paths.

use std::collections::BTreeMap;

use iid::analysis::plan::{plan, Plan, PlanOptions};
use iid::model::submission::{Answer, Innovation, Submission};
use iid::synthetic::SplitMix64;
use iid::{model::builtin, score, CompiledRubric};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

// ---------------------------------------------------------------------
// Tiny random instances
// ---------------------------------------------------------------------

struct Tiny {
    rubric: CompiledRubric,
    rubric_json: String,
    sub: Submission,
    options: PlanOptions,
    options_json: String,
}

fn pick<'a, T>(rng: &mut SplitMix64, xs: &'a [T]) -> &'a T {
    &xs[rng.below(xs.len() as u64) as usize]
}

fn indicator(code: &str, var: &str, weight: &str, params: u8, mandatory: bool) -> String {
    let ps: Vec<String> = (1..=params)
        .map(|p| format!(r#"{{"description": "p{p}"}}"#))
        .collect();
    format!(
        r#"{{"code": "{code}", "name": "{code}", "variable": "{var}", "weight": "{weight}", "mandatory": {mandatory}, "parameters": [{}]}}"#,
        ps.join(", ")
    )
}

/// A small rubric: two region rows, two innovation rows, a count rule with
/// a cap and an optional basic-service condition over affairs a and b.
fn tiny(seed: u64) -> Tiny {
    let mut rng = SplitMix64::new(seed);
    let normalized = rng.below(4) != 0;
    let rule = *pick(
        &mut rng,
        &["finding", "finding", "innovation_zero", "not_assessable"],
    );
    let params: Vec<u8> = (0..4).map(|_| 2 + rng.below(2) as u8).collect();
    let rw = [
        *pick(&mut rng, &["0.5", "1", "1.5"]),
        *pick(&mut rng, &["1", "2"]),
    ];
    let iw = [
        *pick(&mut rng, &["1", "2", "3"]),
        *pick(&mut rng, &["0.5", "1"]),
    ];
    let mand: Vec<bool> = (0..4).map(|_| rng.below(3) == 0).collect();
    let indicators = [
        indicator("R1", "vr", rw[0], params[0], mand[0]),
        indicator("R2", "vr", rw[1], params[1], mand[1]),
        indicator("I1", "vi", iw[0], params[2], mand[2]),
        indicator("I2", "vi", iw[1], params[3], mand[3]),
    ];
    let points = *pick(&mut rng, &["0.25", "0.5", "1"]);
    let cap = 1 + rng.below(3);
    let required = match rng.below(3) {
        0 => String::new(),
        r => format!(r#", "basic_services_required": {r}"#),
    };
    let (aggregation, predicates) = if normalized {
        (
            format!(
                r#"{{"kind": "normalized", "min_divisor": {}}}"#,
                1 + rng.below(3)
            ),
            r#"[{"label": "Nol", "min": "0.00", "max": "0.00"},
                {"label": "Rendah", "min": "0.01", "max": "40.00"},
                {"label": "Sedang", "min": "40.01", "max": "65.00"},
                {"label": "Tinggi", "label_en": "High", "min": "65.01", "max": "100.00"}]"#,
        )
    } else {
        (
            r#"{"kind": "sum"}"#.to_string(),
            r#"[{"label": "Nol", "min": "0.00", "max": "0.00"},
                {"label": "Rendah", "min": "0.01", "max": "6.00"},
                {"label": "Tinggi", "label_en": "High", "min": "6.01"}]"#,
        )
    };
    let rubric_json = format!(
        r#"{{"id": "tiny", "name": "Tiny", "provenance": {{}},
            "aspects": [{{"code": "R", "name": "R", "scope": "region"}}, {{"code": "I", "name": "I", "scope": "innovation"}}],
            "variables": [{{"code": "vr", "name": "vr", "aspect": "R"}}, {{"code": "vi", "name": "vi", "aspect": "I"}}],
            "indicators": [{}],
            "innovation_count": {{"code": "C", "name": "C", "variable": "vi", "points_per_innovation": "{points}", "cap": {cap}{required}}},
            "affairs": [{{"code": "a", "name": "A", "basic_service": true}}, {{"code": "b", "name": "B", "basic_service": true}}, {{"code": "c", "name": "C"}}],
            "aggregation": {aggregation},
            "predicates": {predicates},
            "not_assessable": "Nol",
            "mandatory_rule": "{rule}"}}"#,
        indicators.join(", ")
    );
    let rubric =
        CompiledRubric::from_json(&rubric_json).unwrap_or_else(|e| panic!("{e}\n{rubric_json}"));

    let existing = rng.below(3) as usize;
    let max_new = if existing == 2 {
        rng.below(2)
    } else {
        rng.below(3)
    };
    let allow_new = max_new > 0 && rng.below(3) != 0;
    let level = |rng: &mut SplitMix64, max: u8| rng.below(u64::from(max) + 1) as u8;
    let mut spd = BTreeMap::new();
    for (i, code) in ["R1", "R2"].iter().enumerate() {
        let l = level(&mut rng, params[i]);
        if l > 0 {
            spd.insert(code.to_string(), Answer::from(l));
        }
    }
    let innovations: Vec<Innovation> = (0..existing)
        .map(|j| {
            let mut levels = BTreeMap::new();
            for (i, code) in ["I1", "I2"].iter().enumerate() {
                let l = level(&mut rng, params[2 + i]);
                if l > 0 {
                    levels.insert(code.to_string(), Answer::from(l));
                }
            }
            Innovation {
                id: format!("inv-{j}"),
                urusan: pick(&mut rng, &[Some("a"), Some("b"), Some("c"), None]).map(String::from),
                levels,
                ..Default::default()
            }
        })
        .collect();
    let sub = Submission {
        spd,
        innovations,
        ..Default::default()
    };

    let target = if rng.below(4) == 0 {
        pick(&mut rng, &["Rendah", "Tinggi", "high", "next"]).to_string()
    } else if normalized {
        format!("{}.{:02}", rng.below(101), rng.below(100))
    } else {
        format!("{}.{:02}", rng.below(12), rng.below(100))
    };
    let amounts = ["0", "0.5", "1", "1", "2", "1.25"];
    let mut costs = vec![format!(
        r#""default_step": "{}""#,
        pick(&mut rng, &amounts[1..])
    )];
    let mut per = Vec::new();
    for (i, code) in ["R1", "R2", "I1", "I2"].iter().enumerate() {
        match rng.below(4) {
            0 => per.push(format!(r#""{code}": "{}""#, pick(&mut rng, &amounts))),
            1 => {
                let list: Vec<String> = (0..params[i])
                    .map(|_| format!(r#""{}""#, pick(&mut rng, &amounts)))
                    .collect();
                per.push(format!(r#""{code}": [{}]"#, list.join(", ")));
            }
            _ => {}
        }
    }
    costs.push(format!(r#""indicators": {{{}}}"#, per.join(", ")));
    if allow_new {
        costs.push(format!(
            r#""new_innovation": "{}""#,
            pick(&mut rng, &amounts)
        ));
        costs.push(format!(r#""max_new_innovations": {max_new}"#));
    }
    if rng.below(3) == 0 {
        costs.push(format!(r#""max_steps_per_innovation": {}"#, rng.below(3)));
    }
    let frozen: Vec<&str> = ["R1", "R2", "I1", "I2"]
        .into_iter()
        .filter(|_| rng.below(6) == 0)
        .collect();
    costs.push(format!(
        r#""frozen_indicators": {}"#,
        serde_json::to_string(&frozen).unwrap()
    ));
    if existing > 0 && rng.below(4) == 0 {
        costs.push(r#""frozen_innovations": ["inv-0"]"#.into());
    }
    let options_json = format!(
        r#"{{"target": "{target}", "allow_new_innovations": {allow_new}, "costs": {{{}}}}}"#,
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

fn amount(s: &iid::analysis::plan::Amount) -> Decimal {
    s.0
}

/// Cost of reaching level `to` from `from` on indicator `code`.
fn step_cost(o: &PlanOptions, code: &str, max: u8, from: u8, to: u8) -> Decimal {
    let default = o.costs.default_step.as_ref().map_or(Decimal::ONE, amount);
    let per: Vec<Decimal> = match o.costs.indicators.get(code) {
        Some(iid::analysis::plan::StepCost::Each(a)) => vec![a.0; max as usize],
        Some(iid::analysis::plan::StepCost::PerLevel(v)) => v.iter().map(amount).collect(),
        None => vec![default; max as usize],
    };
    per[from as usize..to as usize].iter().sum()
}

/// Every allowed plan, by brute force, scored by the normal scorer:
/// (index_exact, rounded index, assessable, cost) for each.
fn brute(t: &Tiny) -> Vec<(Decimal, Decimal, bool, Decimal)> {
    let r = &t.rubric;
    let o = &t.options;
    let frozen = |code: &str| o.costs.frozen_indicators.iter().any(|c| c == code);
    let cap = o.costs.max_steps_per_innovation;
    let max_of = |code: &str| match r.slot(code) {
        Some(iid::model::rubric::Slot::Region(i)) => r.region_max_level(i),
        Some(iid::model::rubric::Slot::Innovation(i)) => r.innovation_max_level(i),
        _ => 0,
    };
    let level_in =
        |m: &BTreeMap<String, Answer>, code: &str| m.get(code).map_or(0, |a| a.level().0);

    // Options for one innovation's rows: (levels, cost) with the cap.
    let rows = |start: [u8; 2], frozen_inv: bool| -> Vec<([u8; 2], Decimal)> {
        let mut out = Vec::new();
        for a in start[0]..=max_of("I1") {
            for b in start[1]..=max_of("I2") {
                let moved = (a - start[0]) as u32 + (b - start[1]) as u32;
                if (frozen_inv || frozen("I1")) && a != start[0] {
                    continue;
                }
                if (frozen_inv || frozen("I2")) && b != start[1] {
                    continue;
                }
                if cap.is_some_and(|c| moved > c) {
                    continue;
                }
                let cost = step_cost(o, "I1", max_of("I1"), start[0], a)
                    + step_cost(o, "I2", max_of("I2"), start[1], b);
                out.push(([a, b], cost));
            }
        }
        out
    };
    let region: Vec<([u8; 2], Decimal)> = {
        let s = [level_in(&t.sub.spd, "R1"), level_in(&t.sub.spd, "R2")];
        let mut out = Vec::new();
        for a in s[0]..=max_of("R1") {
            for b in s[1]..=max_of("R2") {
                if (frozen("R1") && a != s[0]) || (frozen("R2") && b != s[1]) {
                    continue;
                }
                out.push((
                    [a, b],
                    step_cost(o, "R1", max_of("R1"), s[0], a)
                        + step_cost(o, "R2", max_of("R2"), s[1], b),
                ));
            }
        }
        out
    };
    let existing: Vec<Vec<([u8; 2], Decimal)>> = t
        .sub
        .innovations
        .iter()
        .map(|inv| {
            let frozen_inv = o.costs.frozen_innovations.contains(&inv.id);
            rows(
                [level_in(&inv.levels, "I1"), level_in(&inv.levels, "I2")],
                frozen_inv,
            )
        })
        .collect();
    let k_max = if o.allow_new_innovations {
        o.costs.max_new_innovations.unwrap_or(0) as usize
    } else {
        0
    };
    let new_cost = o
        .costs
        .new_innovation
        .as_ref()
        .map_or(Decimal::ZERO, amount);
    let fresh = rows([0, 0], false);
    let affairs = ["a", "b", "c"];

    let mut out = Vec::new();
    // Odometer over: region option, each existing option, then per new
    // innovation (option, affair).
    for k in 0..=k_max {
        let mut dims: Vec<usize> = vec![region.len()];
        dims.extend(existing.iter().map(|e| e.len()));
        for _ in 0..k {
            dims.push(fresh.len());
            dims.push(affairs.len());
        }
        let mut idx = vec![0usize; dims.len()];
        loop {
            let mut sub = t.sub.clone();
            let (lv, mut cost) = region[idx[0]];
            for (i, code) in ["R1", "R2"].iter().enumerate() {
                if lv[i] > 0 {
                    sub.spd.insert(code.to_string(), Answer::from(lv[i]));
                }
            }
            for (j, e) in existing.iter().enumerate() {
                let (lv, c) = e[idx[1 + j]];
                cost += c;
                for (i, code) in ["I1", "I2"].iter().enumerate() {
                    if lv[i] > 0 {
                        sub.innovations[j]
                            .levels
                            .insert(code.to_string(), Answer::from(lv[i]));
                    }
                }
            }
            for c in 0..k {
                let base = 1 + existing.len() + 2 * c;
                let (lv, sc) = fresh[idx[base]];
                cost += sc + new_cost;
                let mut levels = BTreeMap::new();
                for (i, code) in ["I1", "I2"].iter().enumerate() {
                    if lv[i] > 0 {
                        levels.insert(code.to_string(), Answer::from(lv[i]));
                    }
                }
                sub.innovations.push(Innovation {
                    id: format!("new-{c}"),
                    urusan: Some(affairs[idx[base + 1]].to_string()),
                    levels,
                    ..Default::default()
                });
            }
            let res = score(r, &sub).unwrap();
            out.push((res.index_exact, res.index, res.assessable, cost));
            // Next.
            let mut p = 0;
            loop {
                if p == dims.len() {
                    break;
                }
                idx[p] += 1;
                if idx[p] < dims[p] {
                    break;
                }
                idx[p] = 0;
                p += 1;
            }
            if p == dims.len() {
                break;
            }
        }
    }
    out
}

fn check_plan_invariants(r: &CompiledRubric, sub: &Submission, p: &Plan) {
    // The projected submission, rescored by the normal scorer.
    let res = score(r, &p.projected_submission).unwrap();
    assert_eq!(res.index, p.projected_index);
    assert_eq!(res.index_exact, p.projected_index_exact);
    assert_eq!(res.predicate, p.projected_predicate);
    if p.reachable {
        // An index target of 0 is reached by any submission, assessable or
        // not (docs/format.md); every other target needs an assessable one.
        assert!(
            (res.assessable || p.target_index <= Decimal::ZERO) && res.index >= p.target_index,
            "{p:?}"
        );
    }
    // Steps add up: costs exactly; gains to the exact index change.
    let cost: Decimal = p.steps.iter().map(|s| s.cost).sum();
    assert_eq!(cost, p.total_cost);
    let gain: Decimal = p.steps.iter().map(|s| s.gain).sum();
    assert_eq!(gain, p.projected_index_exact - p.current_index_exact);
    // Levels only go up, and the original innovations are all there.
    for s in &p.steps {
        assert!(s.to > s.from);
    }
    assert_eq!(score(r, sub).unwrap().index, p.current_index);
    for inv in &sub.innovations {
        assert!(p
            .projected_submission
            .innovations
            .iter()
            .any(|x| x.id == inv.id));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The plan costs exactly the least a brute-force search over every
    /// allowed plan finds; an unreachable target is unreachable for brute
    /// force too, and the best plan reaches the highest index brute force
    /// finds, at the least cost of those that do.
    #[test]
    fn plan_cost_is_minimal_against_brute_force(seed in any::<u64>()) {
        let t = tiny(seed);
        let p = match plan(&t.rubric, &t.sub, &t.options) {
            Ok(p) => p,
            // "next" from the top band: there is no band above.
            Err(e) if t.options.target.0 == "next" && e.code() == "no_band_above" => {
                let top = t.rubric.rubric().predicates.iter().map(|b| b.min).max().unwrap();
                prop_assert!(score(&t.rubric, &t.sub).unwrap().index >= top);
                return Ok(());
            }
            Err(e) => panic!("{e}\nrubric {}\nsub {}\noptions {}", t.rubric_json, t.sub.to_json_pretty(), t.options_json),
        };
        let ctx = || format!("plan {}\nrubric {}\nsub {}\noptions {}", serde_json::to_string_pretty(&p).unwrap(), t.rubric_json, t.sub.to_json_pretty(), t.options_json);
        check_plan_invariants(&t.rubric, &t.sub, &p);
        let all = brute(&t);
        // Target 0 is reached by any plan, assessable or not.
        let reached = |x: &(Decimal, Decimal, bool, Decimal)| {
            (x.2 || p.target_index <= Decimal::ZERO) && x.1 >= p.target_index
        };
        let reaching = all.iter().filter(|x| reached(x)).map(|x| x.3).min();
        match reaching {
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

// ---------------------------------------------------------------------
// The embedded iid-2026 and the bundled examples
// ---------------------------------------------------------------------

fn example(name: &str) -> Submission {
    let text =
        std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    Submission::from_json(&text).unwrap()
}

fn r2026() -> &'static CompiledRubric {
    builtin::get("iid-2026").unwrap()
}

fn opts(json: &str) -> PlanOptions {
    PlanOptions::from_json(json).unwrap()
}

/// Kabupaten Contoh: SPD 42.5, innovation rows 593 over the divisor 12,
/// count 0.38 x 8 = 3.04; total 94.9566..., index 37.98. Inovatif starts
/// at 40.01, which the rounded index reaches from an exact 40.005, a
/// total of 100.0125: 5.0558... more.
///
/// By default the measured region rows (3 to 11b and 13b) keep their
/// level. The region rows left are 2b (weight 1, one step), 12 (weight 2,
/// one step), 13a, 14 and 15 (weight 1, two steps each); an innovation
/// step adds at most 4 / 12 = 0.333. Four steps add at most 2 + 1 + 1 + 1
/// = 5.00, short; a fifth step of any kind (at least 1 / 12 = 0.083)
/// closes it: at one unit per step the cheapest plan costs 5.
///
/// With the measured rows included, the three largest one-step gains are
/// rows 12 (weight 2), 6 and 7 (1.5 each): 5.00, short; any fourth step
/// of weight 0.75 or more closes it: 4.
#[test]
fn kabupaten_contoh_to_the_next_predicate_costs_five_steps() {
    let sub = example("kabupaten-contoh.json");
    let p = plan(r2026(), &sub, &opts(r#"{"target": "next"}"#)).unwrap();
    check_plan_invariants(r2026(), &sub, &p);
    assert_eq!(p.current_index, dec("37.98"));
    assert_eq!(p.target_index, dec("40.01"));
    assert_eq!(p.target_predicate.as_deref(), Some("Inovatif"));
    assert!(p.reachable);
    assert_eq!(p.total_cost, dec("5"));
    // Five level steps (a row raised by two is one listed step).
    assert_eq!(p.steps.iter().map(|s| s.to - s.from).sum::<u32>(), 5);
    assert_eq!(p.projected_predicate, "Inovatif");
    let measured = measured_region_codes();
    assert!(p
        .steps
        .iter()
        .all(|s| !measured.contains(s.indicator.as_ref().unwrap())));

    let all = plan(
        r2026(),
        &sub,
        &opts(r#"{"target": "next", "include_measured": true}"#),
    )
    .unwrap();
    check_plan_invariants(r2026(), &sub, &all);
    assert_eq!(all.total_cost, dec("4"));
    assert_eq!(all.steps.len(), 4);
    // The former spelling: freeze_measured false is include_measured.
    let old = plan(
        r2026(),
        &sub,
        &opts(r#"{"target": "next", "costs": {"freeze_measured": false}}"#),
    )
    .unwrap();
    assert_eq!(old, all);
    let old = plan(
        r2026(),
        &sub,
        &opts(r#"{"target": "next", "costs": {"freeze_measured": true}}"#),
    )
    .unwrap();
    assert_eq!(old, p);
    let e = PlanOptions::from_json(
        r#"{"target": "next", "include_measured": true, "costs": {"freeze_measured": true}}"#,
    )
    .map_err(iid::Error::from)
    .and_then(|o| plan(r2026(), &sub, &o).map_err(iid::Error::from))
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("input_invalid", "costs.freeze_measured")
    );
}

/// Codes of the region rows whose level follows from a measured figure.
fn measured_region_codes() -> Vec<String> {
    r2026()
        .region_indicators()
        .filter(|i| i.measure.is_some())
        .map(|i| i.code.clone())
        .collect()
}

/// Without new innovations Kabupaten Contoh cannot reach Sangat Inovatif.
/// The measured region rows keep their level: 3, 4, 9 and 13b (weight 1)
/// at 2 give 8; 5a, 5b, 10a, 10b, 11a, 11b (weight 0.75) at 2 give 9;
/// 6 and 7 (1.5) at 2 give 6; 8 (1.5) at 3 gives 4.5: 27.5. The other
/// region rows (weights 1, 1, 1, 2, 1, 1, 1) at 3 give 24. SPD 51.5, plus
/// 8 x 111 / 12 = 74 and the count 3.04: 128.54 of 250, index 51.416 ->
/// 51.42. The best plan raises everything it may; its cost is the number
/// of level steps left outside the measured rows (every 2026 row has three
/// parameters).
#[test]
fn kabupaten_contoh_cannot_reach_sangat_inovatif_without_new_innovations() {
    let sub = example("kabupaten-contoh.json");
    let p = plan(r2026(), &sub, &opts(r#"{"target": "Sangat Inovatif"}"#)).unwrap();
    check_plan_invariants(r2026(), &sub, &p);
    assert!(!p.reachable);
    assert_eq!(p.projected_index, dec("51.42"));
    assert_eq!(p.shortfall, Some(dec("65.01") - dec("51.42")));
    let left = |m: &BTreeMap<String, Answer>, codes: &mut dyn Iterator<Item = String>| -> u32 {
        codes
            .map(|c| 3 - u32::from(m.get(&c).map_or(0, |a| a.level().0)))
            .sum()
    };
    let r = r2026();
    let mut steps = left(
        &sub.spd,
        &mut r
            .region_indicators()
            .filter(|i| i.measure.is_none())
            .map(|i| i.code.clone()),
    );
    for inv in &sub.innovations {
        steps += left(
            &inv.levels,
            &mut r.innovation_indicators().map(|i| i.code.clone()),
        );
    }
    assert_eq!(p.total_cost, Decimal::from(steps));
    assert!(p.message_en.contains("cannot be reached"));
}

/// Independent check for uniform step costs: for a fixed number k of new
/// innovations every step of a row adds the same, so the fewest steps
/// that close the gap are the largest gains first. Totals are compared
/// multiplied by the divisor D, so every figure is an exact decimal:
/// (SPD + count) x D + rows >= (2t - 1) / 2 x 250 / 100 x D.
fn greedy_cost(
    r: &CompiledRubric,
    sub: &Submission,
    target: Decimal,
    new_cost: u32,
    k_max: usize,
    include_measured: bool,
) -> Option<u32> {
    let res = score(r, sub).unwrap();
    let spd = res.spd_score;
    let rows = res.sid_average * Decimal::from(res.divisor);
    let d = res.min_divisor.unwrap();
    let n = res.innovation_count;
    let points = dec("0.38");
    let need_index = target - dec("0.005");
    let weight = |code: &str| {
        r.rubric()
            .indicators
            .iter()
            .find(|i| i.code == code)
            .unwrap()
            .weight
    };
    let mut best: Option<u32> = None;
    for k in 0..=k_max as u32 {
        let dd = Decimal::from(d.max(n + k));
        let count = points * Decimal::from((n + k).min(200));
        let have = (spd + count) * dd + rows;
        let want = need_index * dec("2.5") * dd;
        let mut gains: Vec<Decimal> = Vec::new();
        // Levels as the scorer derived them (measured answers included).
        for a in &res.breakdown.aspects {
            for v in &a.variables {
                for i in v.indicators.iter().filter(|i| i.level.is_some()) {
                    // Measured region rows keep their level unless included.
                    let measured = r
                        .region_indicators()
                        .any(|x| x.code == i.code && x.measure.is_some());
                    if measured && !include_measured {
                        continue;
                    }
                    let l = i.level.unwrap();
                    gains.extend(std::iter::repeat_n(i.weight * dd, usize::from(3 - l)));
                }
            }
        }
        for inv in &res.breakdown.innovations {
            for row in &inv.rows {
                gains.extend(std::iter::repeat_n(
                    weight(&row.code),
                    usize::from(3 - row.level),
                ));
            }
        }
        for _ in 0..k {
            for i in r.innovation_indicators() {
                gains.extend(std::iter::repeat_n(i.weight, 3));
            }
        }
        gains.sort_by(|a, b| b.cmp(a));
        let mut acc = have;
        let mut steps = 0u32;
        for g in gains {
            if acc >= want {
                break;
            }
            acc += g;
            steps += 1;
        }
        if acc >= want {
            let cost = steps + new_cost * k;
            best = Some(best.map_or(cost, |b: u32| b.min(cost)));
        }
    }
    best
}

#[test]
fn kabupaten_contoh_with_new_innovations_matches_the_greedy_check() {
    let sub = example("kabupaten-contoh.json");
    let o = opts(
        r#"{"target": "Sangat Inovatif", "allow_new_innovations": true, "costs": {"new_innovation": "10"}}"#,
    );
    let p = plan(r2026(), &sub, &o).unwrap();
    check_plan_invariants(r2026(), &sub, &p);
    assert!(p.reachable);
    assert_eq!(p.search.max_new_innovations, 200 - 8);
    let want = greedy_cost(r2026(), &sub, dec("65.01"), 10, 192, false).unwrap();
    assert_eq!(p.total_cost, Decimal::from(want));
    // Added innovations come first and raise n one at a time.
    let adds: Vec<_> = p
        .steps
        .iter()
        .filter(|s| s.kind == iid::analysis::plan::StepKind::AddInnovation)
        .collect();
    assert_eq!(adds.len() as u32, p.new_innovations);
    for (c, s) in adds.iter().enumerate() {
        assert_eq!((s.from, s.to), (8 + c as u32, 9 + c as u32));
        assert_eq!(s.indicator.as_deref(), Some("36"));
        assert_eq!(s.cost, dec("10"));
    }
}

#[test]
fn kota_contoh_plans_agree_with_the_greedy_check_and_drop_replaced_measurements() {
    let sub = example("kota-bukti-dukung.json");
    let p = plan(r2026(), &sub, &opts(r#"{"target": "Sangat Inovatif"}"#)).unwrap();
    check_plan_invariants(r2026(), &sub, &p);
    assert!(p.reachable);
    // Kota Contoh's eligibility leaves an innovation out; the greedy
    // check reads the counted ones from the breakdown.
    assert!(!score(r2026(), &sub).unwrap().excluded.is_empty());
    assert_eq!(
        p.total_cost,
        Decimal::from(greedy_cost(r2026(), &sub, dec("65.01"), 0, 0, false).unwrap())
    );
    // By default the measured region rows keep their level.
    let measured = measured_region_codes();
    assert!(p
        .steps
        .iter()
        .all(|s| !measured.contains(s.indicator.as_ref().unwrap())));

    // Included, they may be raised, and a raised measured row becomes a
    // plain level; the plan costs no more.
    let all = plan(
        r2026(),
        &sub,
        &opts(r#"{"target": "Sangat Inovatif", "include_measured": true}"#),
    )
    .unwrap();
    check_plan_invariants(r2026(), &sub, &all);
    assert_eq!(
        all.total_cost,
        Decimal::from(greedy_cost(r2026(), &sub, dec("65.01"), 0, 0, true).unwrap())
    );
    assert!(all
        .steps
        .iter()
        .any(|s| measured.contains(s.indicator.as_ref().unwrap())));
    for s in all.steps.iter().filter(|s| s.innovation.is_none()) {
        let code = s.indicator.clone().unwrap();
        let a = &all.projected_submission.spd[&code];
        assert_eq!(a.level().0 as u32, s.to);
        if let Some(d) = a.detail() {
            assert!(d.value.is_none() && d.category.is_none() && d.verification.is_none());
        }
    }
    assert!(all.total_cost <= p.total_cost);
}

/// A synthetic region of 200 innovations: the plan reaches Sangat
/// Inovatif, rescores to it, and costs what the greedy check says.
#[test]
fn large_synthetic_region_plan_is_minimal_and_rescored() {
    let r = r2026();
    let sub = iid::synthetic::national(r, 1, 200, 2026).remove(0);
    let p = plan(r, &sub, &opts(r#"{"target": "Sangat Inovatif"}"#)).unwrap();
    check_plan_invariants(r, &sub, &p);
    let want = greedy_cost(r, &sub, dec("65.01"), 0, 0, false);
    assert_eq!(p.reachable, want.is_some());
    if let Some(w) = want {
        assert_eq!(p.total_cost, Decimal::from(w));
    }
}

#[test]
fn steps_per_innovation_are_capped() {
    let sub = example("kota-bukti-dukung.json");
    let p = plan(
        r2026(),
        &sub,
        &opts(r#"{"target": "60", "costs": {"max_steps_per_innovation": 2, "frozen_indicators": ["12"]}}"#),
    )
    .unwrap();
    check_plan_invariants(r2026(), &sub, &p);
    let mut per: BTreeMap<String, u32> = BTreeMap::new();
    for s in &p.steps {
        if let Some(id) = &s.innovation {
            *per.entry(id.clone()).or_default() += s.to - s.from;
        }
        assert_ne!(s.indicator.as_deref(), Some("12"));
    }
    assert!(per.values().all(|&n| n <= 2), "{per:?}");
}

/// 4 of 6 basic-service affairs covered (5 required): the count score is
/// 0. One new innovation in a missing affair unlocks 0.38 x 9 = 3.42
/// points; a plan that adds innovations gives the first ones the missing
/// affairs.
#[test]
fn new_innovations_take_the_missing_basic_service_affairs_first() {
    let mut sub = example("kabupaten-contoh.json");
    sub.innovations[4].urusan = Some("pertanian".into());
    sub.innovations[5].urusan = Some("pertanian".into());
    let before = score(r2026(), &sub).unwrap();
    assert_eq!(before.innovation_count_score, Decimal::ZERO);
    let p = plan(
        r2026(),
        &sub,
        &opts(r#"{"target": "next", "allow_new_innovations": true, "costs": {"new_innovation": "0.5"}}"#),
    )
    .unwrap();
    check_plan_invariants(r2026(), &sub, &p);
    assert!(p.new_innovations >= 1);
    let first = p
        .steps
        .iter()
        .find(|s| s.kind == iid::analysis::plan::StepKind::AddInnovation)
        .unwrap();
    assert_eq!(first.urusan.as_deref(), Some("trantibumlinmas"));
    // Its gain: the count score (3.42) plus nothing from its blank rows,
    // over 250: 1.368 index points.
    assert_eq!(first.gain, dec("1.368"));
}

#[test]
fn targets_resolve_exactly() {
    let sub = example("kabupaten-contoh.json");
    let p = plan(r2026(), &sub, &opts(r#"{"target": "65.005"}"#)).unwrap();
    assert_eq!(p.target_index, dec("65.01"));
    let p = plan(r2026(), &sub, &opts(r#"{"target": 40.01}"#)).unwrap();
    assert_eq!(p.target_index, dec("40.01"));
    // Five steps, as kabupaten_contoh_to_the_next_predicate_costs_five_steps works out.
    assert_eq!(p.total_cost, dec("5"));
    let p = plan(r2026(), &sub, &opts(r#"{"target": "highly innovative"}"#)).unwrap();
    assert_eq!(p.target_predicate.as_deref(), Some("Sangat Inovatif"));
    // Already reached: nothing to do.
    let p = plan(r2026(), &sub, &opts(r#"{"target": "Kurang Inovatif"}"#)).unwrap();
    assert!(p.reachable && p.steps.is_empty() && p.total_cost.is_zero());
    assert_eq!(p.projected_submission, sub);
}

#[test]
fn unreachable_targets_say_so() {
    let sub = example("kabupaten-contoh.json");
    let all: Vec<String> = r2026()
        .rubric()
        .indicators
        .iter()
        .map(|i| format!("\"{}\"", i.code))
        .collect();
    let o = opts(&format!(
        r#"{{"target": "Inovatif", "costs": {{"frozen_indicators": [{}]}}}}"#,
        all.join(", ")
    ));
    let p = plan(r2026(), &sub, &o).unwrap();
    assert!(!p.reachable);
    assert!(p.steps.is_empty());
    assert_eq!(p.projected_index, dec("37.98"));
    assert_eq!(p.shortfall, Some(dec("2.03")));
    assert_eq!(p.projected_submission, sub);
    let p = plan(r2026(), &sub, &opts(r#"{"target": "100.01"}"#)).unwrap();
    assert!(!p.reachable);
}

fn err(sub: &Submission, options: &str) -> (String, String) {
    let e = match PlanOptions::from_json(options) {
        Err(e) => iid::Error::from(e),
        Ok(o) => iid::Error::from(plan(r2026(), sub, &o).unwrap_err()),
    };
    (e.code().to_string(), e.path().to_string())
}

#[test]
fn bad_options_name_the_field() {
    let sub = example("kabupaten-contoh.json");
    let cases = [
        (r#"{"target": "Sangat"}"#, "input_invalid", "target"),
        (r#"{"target": "-1"}"#, "input_invalid", "target"),
        (
            r#"{"target": "next", "costs": {"indicators": {"99": "1"}}}"#,
            "unknown_indicator",
            "costs.indicators.99",
        ),
        (
            r#"{"target": "next", "costs": {"indicators": {"36": "1"}}}"#,
            "wrong_scope",
            "costs.indicators.36",
        ),
        (
            r#"{"target": "next", "costs": {"indicators": {"16": ["1", "2"]}}}"#,
            "input_invalid",
            "costs.indicators.16",
        ),
        (
            r#"{"target": "next", "costs": {"indicators": {"16": ["1", "-2", "3"]}}}"#,
            "input_invalid",
            "costs.indicators.16[1]",
        ),
        (
            r#"{"target": "next", "costs": {"default_step": "-1"}}"#,
            "input_invalid",
            "costs.default_step",
        ),
        (
            r#"{"target": "next", "costs": {"default_step": "0.0000001"}}"#,
            "input_invalid",
            "costs.default_step",
        ),
        (
            r#"{"target": "next", "costs": {"default_step": "abc"}}"#,
            "input_json",
            "costs.default_step",
        ),
        (
            r#"{"target": "next", "allow_new_innovations": true}"#,
            "input_invalid",
            "costs.new_innovation",
        ),
        (
            r#"{"target": "next", "costs": {"frozen_innovations": ["nope"]}}"#,
            "input_invalid",
            "costs.frozen_innovations[0]",
        ),
        (
            r#"{"target": "next", "costs": {"frozen_indicators": ["8", "x"]}}"#,
            "unknown_indicator",
            "costs.frozen_indicators[1]",
        ),
        (
            r#"{"target": "next", "costs": {"bogus": 1}}"#,
            "input_json",
            "costs.bogus",
        ),
        (
            r#"{"target": "next", "costs": {"template": {"stage": "trial"}}}"#,
            "input_invalid",
            "costs.template.stage",
        ),
        (
            r#"{"target": "next", "costs": {"template": {"implemented_on": "2020-01-01"}}}"#,
            "input_invalid",
            "costs.template.implemented_on",
        ),
        (
            r#"{"target": "next", "costs": {"template": {"levels": {"16": 4}}}}"#,
            "level_out_of_range",
            "costs.template.levels.16",
        ),
        (
            r#"{"target": "next", "costs": {"template": {"levels": {"1": 2}}}}"#,
            "wrong_scope",
            "costs.template.levels.1",
        ),
        (
            r#"{"target": "next", "costs": {"template": {"urusan": "Not An Affair!"}}}"#,
            "input_invalid",
            "costs.template.urusan",
        ),
        (r#"{"targett": "next"}"#, "input_json", "targett"),
        (
            r#"{"target": "next", "allow_new_innovations": true, "costs": {"new_innovation": "1", "max_new_innovations": 1001}}"#,
            "input_invalid",
            "costs.max_new_innovations",
        ),
    ];
    for (options, code, path) in cases {
        assert_eq!(
            err(&sub, options),
            (code.to_string(), path.to_string()),
            "{options}"
        );
    }
}

/// "next" from the top band has its own code (callers tell it from a bad
/// target without reading the message), at the path `target`.
#[test]
fn next_from_the_top_band_is_no_band_above() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/vectors/perfect-region-2026.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let vector: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sub = Submission::from_value(vector["input"].clone()).unwrap();
    let result = score(r2026(), &sub).unwrap();
    assert_eq!(result.predicate, r2026().rubric().predicates[0].label);
    assert_eq!(
        err(&sub, r#"{"target": "next"}"#),
        ("no_band_above".to_string(), "target".to_string())
    );
    let e = plan(r2026(), &sub, &opts(r#"{"target": "next"}"#)).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "target: no predicate band lies above the current index {}",
            result.index
        )
    );
    // A named band is still a target from the top band (already reached).
    assert!(
        plan(r2026(), &sub, &opts(r#"{"target": "Inovatif"}"#))
            .unwrap()
            .reachable
    );
}

#[test]
fn a_template_sets_where_new_innovations_start() {
    let sub = example("kabupaten-contoh.json");
    let o = opts(
        r#"{"target": "Sangat Inovatif", "allow_new_innovations": true,
            "costs": {"new_innovation": "5", "max_new_innovations": 6,
                      "template": {"agency": "Bappeda", "stage": "implemented", "implemented_on": "2025-02-01",
                                   "levels": {"16": 1, "17": 1, "32": 1, "33": 1, "35": 1}}}}"#,
    );
    let p = plan(r2026(), &sub, &o).unwrap();
    check_plan_invariants(r2026(), &sub, &p);
    assert!(p.new_innovations <= 6);
    for inv in p.projected_submission.innovations.iter().skip(8) {
        assert_eq!(inv.agency.as_deref(), Some("Bappeda"));
        for code in ["16", "17", "32", "33", "35"] {
            assert!(inv.levels[code].level().0 >= 1);
        }
    }
}
