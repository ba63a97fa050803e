//! The law against brute force: every outcome of every uncertain answer
//! enumerated, scored by the verified mode's own path
//! ([`outcome_matrix`] then [`crate::scoring::LevelMatrix::summary`]),
//! weighted by exact rational products, rounded once.

use num_bigint::BigUint;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::analysis::plan::Target;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;

/// A small rubric: 2 region rows (one mandatory), 3 innovation rows (one
/// mandatory), divisor 2, count score 1 per innovation; evidence a
/// document of any kind. `rule` is the mandatory rule.
fn rubric(rule: &str, aggregation: &str) -> CompiledRubric {
    let ev = r#""evidence": {"kinds": ["report", "decree"]}"#;
    let text = format!(
        r#"{{"id": "mini", "name": "mini", "provenance": {{}},
        "aspects": [{{"code": "A", "name": "A", "scope": "region"}},
                    {{"code": "B", "name": "B", "scope": "innovation"}}],
        "variables": [{{"code": "a", "name": "a", "aspect": "A"}},
                      {{"code": "b", "name": "b", "aspect": "B"}}],
        "indicators": [
          {{"code": "1", "name": "r1", "variable": "a", "weight": "1", "mandatory": true, {ev},
            "parameters": [{{"description": "1"}}, {{"description": "2"}}, {{"description": "3"}}]}},
          {{"code": "2", "name": "r2", "variable": "a", "weight": "0.5", {ev},
            "parameters": [{{"description": "1"}}, {{"description": "2"}}, {{"description": "3"}}]}},
          {{"code": "3", "name": "i1", "variable": "b", "weight": "2", "mandatory": true, {ev},
            "parameters": [{{"description": "1"}}, {{"description": "2"}}, {{"description": "3"}}]}},
          {{"code": "4", "name": "i2", "variable": "b", "weight": "1", {ev},
            "parameters": [{{"description": "1"}}, {{"description": "2"}}, {{"description": "3"}}]}},
          {{"code": "5", "name": "i3", "variable": "b", "weight": "3",
            "parameters": [{{"description": "1"}}, {{"description": "2"}}, {{"description": "3"}}]}}],
        "innovation_count": {{"code": "9", "name": "n", "variable": "b", "points_per_innovation": "1", "cap": 5}},
        "aggregation": {aggregation},
        "predicates": [{{"label": "Tidak Dapat Dinilai", "min": "0", "max": "0"}},
                       {{"label": "Kurang", "min": "0.01", "max": "30.00"}},
                       {{"label": "Cukup", "min": "30.01", "max": "60.00"}},
                       {{"label": "Baik", "min": "60.01", "max": "100.00"}}],
        "not_assessable": "Tidak Dapat Dinilai",
        "mandatory_rule": "{rule}"}}"#
    );
    CompiledRubric::from_json(&text).unwrap()
}

fn normalized() -> &'static str {
    r#"{"kind": "normalized", "min_divisor": 2}"#
}

/// One answer: level 1..=3 and its evidence state.
#[derive(Debug, Clone)]
struct Ans {
    level: u8,
    state: u8,
}

fn answer_json(a: &Ans, _accepted_level: u8) -> String {
    match a.state {
        // meets the rule
        0 => format!(
            r#"{{"level": {}, "evidence": [{{"kind": "report"}}]}}"#,
            a.level
        ),
        // short of the rule (wrong kind)
        1 => format!(
            r#"{{"level": {}, "evidence": [{{"kind": "photo"}}]}}"#,
            a.level
        ),
        // no evidence
        2 => format!("{}", a.level),
        // accepted below the claim (or at it for level 1)
        3 => format!(
            r#"{{"level": {}, "verification": {{"status": "accepted", "level": {}}}}}"#,
            a.level,
            a.level.saturating_sub(1).max(1)
        ),
        // revise
        _ => format!(
            r#"{{"level": {}, "verification": {{"status": "revise"}}}}"#,
            a.level
        ),
    }
}

fn submission(region: &[Option<Ans>], innovations: &[Vec<Option<Ans>>]) -> Submission {
    let mut spd = Vec::new();
    for (k, a) in region.iter().enumerate() {
        if let Some(a) = a {
            spd.push(format!(r#""{}": {}"#, k + 1, answer_json(a, 0)));
        }
    }
    let mut inv = Vec::new();
    for (j, rows) in innovations.iter().enumerate() {
        let mut levels = Vec::new();
        for (k, a) in rows.iter().enumerate() {
            if let Some(a) = a {
                levels.push(format!(r#""{}": {}"#, k + 3, answer_json(a, 0)));
            }
        }
        inv.push(format!(
            r#"{{"id": "x{j}", "levels": {{{}}}}}"#,
            levels.join(", ")
        ));
    }
    let text = format!(
        r#"{{"methodology": "mini", "spd": {{{}}}, "innovations": [{}]}}"#,
        spd.join(", "),
        inv.join(", ")
    );
    Submission::from_json(&text).unwrap()
}

/// Outcomes by rounded index and label, the common denominator, and the
/// expectation's numerator and denominator.
type Brute = (
    Vec<(Option<Decimal>, String, BigUint)>,
    BigUint,
    BigUint,
    BigUint,
);

/// Brute force: the exact probability of each rounded index (and of not
/// assessable, as `None`) as numerators over 10^(6k).
fn brute(rubric: &CompiledRubric, sub: &Submission, opts: &OddsOptions) -> Brute {
    let (a, odds) = answer_odds(rubric, sub, opts).unwrap();
    let k = odds.len();
    let den = BigUint::from(10u32).pow(6 * k as u32);
    let mut out: Vec<(Option<Decimal>, String, BigUint)> = Vec::new();
    // E[exact index] numerator over den * index_den (exact rationals).
    let mut e_num = BigUint::default();
    let mut e_den = BigUint::default();
    for mask in 0u32..(1 << k) {
        let mut w = BigUint::from(1u32);
        for (i, o) in odds.iter().enumerate() {
            let m = if mask >> i & 1 == 1 {
                o.millionths
            } else {
                1_000_000 - o.millionths
            };
            w *= BigUint::from(m);
        }
        if w == BigUint::default() {
            continue;
        }
        let m = outcome_matrix(rubric, &a, &odds, |i| mask >> i & 1 == 1);
        let s = m.summary(rubric);
        let idx = s.assessable().then(|| s.index(rubric));
        let label = s.predicate(rubric).to_string();
        if s.assessable() {
            e_num += &w * BigUint::from(s.index_num as u128);
        }
        e_den = BigUint::from(s.index_den as u128);
        match out.iter_mut().find(|x| x.0 == idx && x.1 == label) {
            Some(x) => x.2 += w,
            None => out.push((idx, label, w)),
        }
    }
    (out, den, e_num, e_den)
}

fn round6(num: &BigUint, den: &BigUint) -> u32 {
    let x: BigUint = (num * BigUint::from(1_000_000u32) + den / 2u32) / den;
    u32::try_from(x).unwrap()
}

fn answers() -> impl Strategy<Value = Option<Ans>> {
    prop::option::weighted(
        0.8,
        (1u8..=3, 0u8..5).prop_map(|(level, state)| Ans { level, state }),
    )
}

fn odds_opts() -> impl Strategy<Value = OddsOptions> {
    // Probabilities with few decimals keep the law exact, as brute force is.
    let p = prop::sample::select(vec![
        0u32, 100_000, 250_000, 300_000, 500_000, 900_000, 1_000_000, 333_333,
    ]);
    (p.clone(), p.clone(), p.clone(), p).prop_map(|(a, b, c, d)| {
        let mut o = OddsOptions::default();
        o.classes.set(
            OddsClass::MeetsRule,
            Probability::from_millionths(a).unwrap(),
        );
        o.classes.set(
            OddsClass::ShortOfRule,
            Probability::from_millionths(b).unwrap(),
        );
        o.classes.set(
            OddsClass::NoEvidence,
            Probability::from_millionths(c).unwrap(),
        );
        o.classes
            .set(OddsClass::Revise, Probability::from_millionths(d).unwrap());
        o.classes.set(
            OddsClass::AcceptedLower,
            Probability::from_millionths(c).unwrap(),
        );
        o
    })
}

fn check_against_brute(
    rubric: &CompiledRubric,
    sub: &Submission,
    opts: &OddsOptions,
    target: &str,
) -> Result<(), TestCaseError> {
    let risk_opts = RiskOptions {
        odds: opts.clone(),
        target: Some(Target(target.into())),
    };
    let got = risk(rubric, sub, &risk_opts).unwrap();
    let (outcomes, den, e_num, e_den) = brute(rubric, sub, opts);
    // E[exact index] = e_num / (den x e_den), six decimals half up.
    let full = &den * &e_den;
    prop_assert_eq!(
        got.expected_index.mantissa() as u128,
        u128::try_from((e_num * BigUint::from(1_000_000u32) + &full / 2u32) / &full).unwrap()
    );
    // Predicates.
    for b in &got.predicates {
        let num: BigUint = outcomes
            .iter()
            .filter(|x| x.1 == b.label)
            .map(|x| x.2.clone())
            .sum();
        prop_assert_eq!(
            b.probability.millionths(),
            round6(&num, &den),
            "{}",
            b.label
        );
    }
    // The goal: P(published index >= target).
    let t: Decimal = got.goal.index;
    let num: BigUint = outcomes
        .iter()
        .filter(|x| x.0.unwrap_or(Decimal::ZERO) >= t)
        .map(|x| x.2.clone())
        .sum();
    prop_assert_eq!(got.goal.probability.millionths(), round6(&num, &den));
    // Quantiles: least v with P(index <= v) >= q.
    let mut values: Vec<(Decimal, BigUint)> = Vec::new();
    for x in &outcomes {
        let v = x.0.unwrap_or(Decimal::new(0, 2));
        match values.iter_mut().find(|y| y.0 == v) {
            Some(y) => y.1 += x.2.clone(),
            None => values.push((v, x.2.clone())),
        }
    }
    values.sort_by_key(|a| a.0);
    for q in &got.quantiles {
        let need = BigUint::from(q.q.millionths()) * &den / BigUint::from(1_000_000u32);
        let mut acc = BigUint::default();
        let mut want = values.last().map(|v| v.0).unwrap_or_default();
        for (v, m) in &values {
            acc += m;
            if acc >= need {
                want = *v;
                break;
            }
        }
        prop_assert_eq!(q.index, want, "q {}", q.q);
    }
    prop_assert!(got.exact);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Brute force over all 2^k outcomes agrees exactly, under each
    /// mandatory rule and both aggregations.
    #[test]
    fn the_law_is_brute_force(
        region in prop::collection::vec(answers(), 2),
        inv in prop::collection::vec(prop::collection::vec(answers(), 3), 0..3),
        opts in odds_opts(),
        rule in prop::sample::select(vec!["finding", "innovation_zero", "not_assessable"]),
        sum in any::<bool>(),
        target in prop::sample::select(vec!["Kurang", "Cukup", "Baik", "12.5", "45"]),
    ) {
        let agg = if sum { r#"{"kind": "sum"}"# } else { normalized() };
        let r = rubric(rule, agg);
        let sub = submission(&region, &inv);
        let k = answer_odds(&r, &sub, &opts).unwrap().1.len();
        prop_assume!(k <= 11);
        check_against_brute(&r, &sub, &opts, target)?;
    }

    /// With every probability 0 or 1 the law is one point: the verified
    /// mode's index and predicate.
    #[test]
    fn certain_odds_are_the_verified_mode(
        region in prop::collection::vec(answers(), 2),
        inv in prop::collection::vec(prop::collection::vec(answers(), 3), 0..4),
        rule in prop::sample::select(vec!["finding", "innovation_zero", "not_assessable"]),
    ) {
        let r = rubric(rule, normalized());
        let sub = submission(&region, &inv);
        let opts = RiskOptions {
            odds: OddsOptions { classes: ClassOdds::verified(), ..Default::default() },
            target: None,
        };
        let got = risk(&r, &sub, &opts).unwrap();
        let v = crate::score_mode(&r, &sub, crate::Mode::Verified).unwrap();
        for b in &got.predicates {
            let want = if b.label == v.predicate { 1_000_000 } else { 0 };
            prop_assert_eq!(b.probability.millionths(), want, "{}", b.label);
        }
        for q in &got.quantiles {
            prop_assert_eq!(q.index, v.index);
        }
        prop_assert_eq!(got.verified_index, v.index);
        let exact = if v.predicate == r.rubric().not_assessable { Decimal::ZERO } else { v.index_exact };
        prop_assert!((got.expected_index - exact).abs() <= Decimal::new(5, 7),
            "{} vs {}", got.expected_index, exact);
        prop_assert!(got.shore_up.iter().all(|s| s.gain.millionths() <= 1_000_000));
        prop_assert_eq!(got.uncertain, 0);
    }

    /// Raising one answer's probability never lowers P(index >= t), and
    /// the shore-up gain of an answer is what proving it does.
    #[test]
    fn raising_a_probability_never_hurts(
        region in prop::collection::vec(answers(), 2),
        inv in prop::collection::vec(prop::collection::vec(answers(), 3), 1..3),
        opts in odds_opts(),
        rule in prop::sample::select(vec!["finding", "innovation_zero", "not_assessable"]),
        pick in any::<prop::sample::Index>(),
        up in 0u32..=1_000_000,
        target in prop::sample::select(vec!["Kurang", "Cukup", "Baik", "12.5"]),
    ) {
        let r = rubric(rule, normalized());
        let sub = submission(&region, &inv);
        let (_, odds) = answer_odds(&r, &sub, &opts).unwrap();
        prop_assume!(!odds.is_empty());
        let o = &odds[pick.index(odds.len())];
        let base = RiskOptions { odds: opts.clone(), target: Some(Target(target.into())) };
        let before = risk(&r, &sub, &base).unwrap();
        let mut raised = base.clone();
        let m = o.millionths.max(up);
        raised.odds.answers.insert(o.path.clone(), Probability::from_millionths(m).unwrap());
        let after = risk(&r, &sub, &raised).unwrap();
        prop_assert!(after.goal.probability >= before.goal.probability);
        // Proven: the shore-up entry's goal_if_proven is the goal with p = 1.
        let mut proven = base.clone();
        proven.odds.answers.insert(o.path.clone(), Probability::ONE);
        let p1 = risk(&r, &sub, &proven).unwrap();
        if let Some(s) = before.shore_up.iter().find(|s| s.path == o.path) {
            prop_assert_eq!(s.goal_if_proven, p1.goal.probability);
        } else {
            prop_assert!(p1.goal.probability <= before.goal.probability
                || o.millionths == 1_000_000);
        }
    }
}

/// A hand-worked case: one region row of weight 1 claimed at 3 with
/// evidence meeting the rule (0.9), one innovation with row 3 (weight
/// 2) at 3, no evidence (0) and row 5 (weight 3, no rule) at 2 (0.9);
/// divisor 2, count 1 point, maximum total 3 x (1 + 0.5) + 3 x 6 / 1 ...
#[test]
fn expected_index_by_hand() {
    let r = rubric("finding", normalized());
    let sub = submission(
        &[Some(Ans { level: 3, state: 0 }), None],
        &[vec![
            Some(Ans { level: 3, state: 2 }),
            None,
            Some(Ans { level: 2, state: 0 }),
        ]],
    );
    let got = risk(&r, &sub, &RiskOptions::default()).unwrap();
    // Max total: region 3 x 1.5 = 4.5, rows 3 x 6 = 18, count 1 x cap?
    // The law: region 3 w.p. 0.9 (else 0); innovation rows 6 w.p. 0.9
    // (row 5 at level 2, weight 3); row 3 never (no evidence).
    // X = 3 x 2 (divisor) R + I: outcomes (R, I) = (3, 6) 0.81, (3, 0)
    // 0.09, (0, 6) 0.09, (0, 0) 0.01 (nothing proven: not assessable).
    assert_eq!(got.answers, 3);
    assert_eq!(got.uncertain, 2);
    let na = got
        .predicates
        .iter()
        .find(|p| p.label == "Tidak Dapat Dinilai")
        .unwrap();
    assert_eq!(na.probability.to_string(), "0.010000");
    assert!(got.exact);
}

/// Under `innovation_zero`, an innovation whose mandatory row has no
/// proof is dead however likely its other rows are: proving that row is
/// what helps. Rubric mini, divisor 2, maximum total 4.5 + 18 + 5 =
/// 27.5. Innovation x0 misses mandatory row 3 (dead for sure); x1 has
/// row 3 (weight 2) at level 1 with probability 0 and row 5 (weight 3, no
/// evidence rule) at level 1 with 0.9. Proven, x1 scores 2 + 3 = 5 with
/// probability 0.9: total (2 innovations x 1 point x 2 + 5) / 2 = 4.5,
/// index 4.5 / 27.5 x 100 = 16.36 >= 12.5; without row 5, (4 + 2) / 2 =
/// 3, 10.91. So P(index >= 12.5) goes from 0 to 0.9.
#[test]
fn a_dead_innovation_is_revived_by_its_mandatory_row() {
    let r = rubric("innovation_zero", normalized());
    let a = |level| Some(Ans { level, state: 0 });
    let sub = submission(
        &[a(1), None],
        &[vec![None, a(1), a(1)], vec![a(1), None, a(1)]],
    );
    let mut opts = OddsOptions::default();
    for c in [
        OddsClass::MeetsRule,
        OddsClass::ShortOfRule,
        OddsClass::NoEvidence,
    ] {
        opts.classes.set(c, Probability::ZERO);
    }
    let got = risk(
        &r,
        &sub,
        &RiskOptions {
            odds: opts,
            target: Some(Target("12.5".into())),
        },
    )
    .unwrap();
    assert_eq!(got.goal.probability, Probability::ZERO);
    assert_eq!(got.shore_up.len(), 1, "{:?}", got.shore_up);
    let s = &got.shore_up[0];
    assert_eq!(s.path, "innovations[1].levels.3");
    assert_eq!(s.goal_if_proven.to_string(), "0.900000");
    assert_eq!(s.gain.to_string(), "0.900000");
}
