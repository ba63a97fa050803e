//! Hand-worked figures of the integer scoring layer (summary and level
//! matrix), at the edges the other tests leave open. Expected values come
//! from the methodology (docs: shared domain brief) worked by hand, never
//! from the engine.

use iid::scoring::ratio;
use iid::{builtin, CompiledRubric, Decimal, LevelMatrix};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn r2026() -> &'static CompiledRubric {
    builtin("iid-2026").unwrap()
}

/// A 2026 matrix: no region answers, `n` innovations with no levels and
/// no affair.
fn empty_2026(n: usize) -> LevelMatrix {
    let r = r2026();
    let affairs = vec![None; n];
    LevelMatrix::from_levels(
        r,
        vec![0; r.region_len()],
        vec![0; n * r.innovation_len()],
        &affairs,
    )
    .unwrap()
}

#[test]
fn region_units_are_worth_the_same_index_points_whatever_the_divisor() {
    // 2026: maximum total 250, so one point of a region row is
    // 100 / 250 = 0.4 index points, with 3 innovations (divisor d = 12)
    // as with 20 (divisor n = 20): SPD is not averaged. Weights are kept
    // in hundredths (the finest weight is 0.75): one point is 100 units.
    let r = r2026();
    for n in [3, 20] {
        let s = empty_2026(n).summary(r);
        assert_eq!(s.divisor, n.max(12) as u32);
        assert_eq!(s.index_points_of_region_units(r, 100), dec("0.4"), "n {n}");
        // Row 5a (weight 0.75) at level 1: 0.75 x 0.4 = 0.3.
        assert_eq!(s.index_points_of_region_units(r, 75), dec("0.3"), "n {n}");
        assert_eq!(s.index_points_of_region_units(r, 0), dec("0"));
        // One point of an innovation row is averaged over the divisor:
        // 0.4 / 12 = 0.0333333333 (10 decimals) and 0.4 / 20 = 0.02.
        let inv = s.index_points_of_innovation_units(r, 100);
        let want = if n == 3 { "0.0333333333" } else { "0.02" };
        assert_eq!(inv, dec(want), "n {n}");
    }
}

#[test]
fn ratio_rounds_half_up_away_from_zero() {
    assert_eq!(ratio(1, 8, 2).to_string(), "0.13"); // 0.125
    assert_eq!(ratio(1, 3, 2).to_string(), "0.33");
    assert_eq!(ratio(2, 3, 2).to_string(), "0.67");
    assert_eq!(ratio(-1, 8, 2).to_string(), "-0.13");
    assert_eq!(ratio(-1, 3, 2).to_string(), "-0.33");
    assert_eq!(ratio(1, -8, 2).to_string(), "-0.13");
    assert_eq!(ratio(-1, -8, 2).to_string(), "0.13");
    assert_eq!(ratio(7, 2, 0).to_string(), "4");
    assert_eq!(ratio(5, 0, 2).to_string(), "0.00");
}

fn err_of(r: Result<LevelMatrix, iid::InputError>) -> (String, String) {
    let e = r.unwrap_err();
    (e.code().to_string(), e.path().to_string())
}

#[test]
fn dense_levels_are_checked_row_by_row() {
    // 2026 has 20 region rows (1 .. 15 with a/b parts) and 20 innovation
    // rows (16 .. 35), each with three parameters.
    let r = r2026();
    let ok = |region: Vec<u8>, inv: Vec<u8>, n: usize| {
        LevelMatrix::from_levels(r, region, inv, &vec![None; n])
    };
    // The top level of every row is allowed.
    let m = ok(vec![3; 20], vec![3; 40], 2).unwrap();
    assert_eq!(m.innovation_count(), 2);
    assert_eq!(m.source, vec![0, 1]);
    // Region rows: 20 levels, not 19; level 4 of the second row (2a) is
    // out of range.
    assert_eq!(err_of(ok(vec![0; 19], vec![], 0)).1, "spd");
    let mut region = vec![0; 20];
    region[1] = 4;
    assert_eq!(
        err_of(ok(region, vec![], 0)),
        ("level_out_of_range".into(), "spd.2a".into())
    );
    // Innovation rows: 2 innovations take 40 levels, not 39; level 4 at
    // the third row (18) of the second innovation (flat index 22).
    assert_eq!(err_of(ok(vec![0; 20], vec![0; 39], 2)).1, "innovations");
    let mut inv = vec![0; 40];
    inv[22] = 4;
    assert_eq!(
        err_of(ok(vec![0; 20], inv, 2)),
        (
            "level_out_of_range".into(),
            "innovations[1].levels.18".into()
        )
    );
}

#[test]
fn dense_levels_take_up_to_the_innovation_limit() {
    // MAX_INNOVATIONS (10,000) innovations are allowed; one more is not.
    let r = r2026();
    let limit = iid::model::submission::MAX_INNOVATIONS;
    let m =
        LevelMatrix::from_levels(r, vec![0; 20], vec![0; limit * 20], &vec![None; limit]).unwrap();
    assert_eq!(m.innovation_count(), limit);
    let over = LevelMatrix::from_levels(
        r,
        vec![0; 20],
        vec![0; (limit + 1) * 20],
        &vec![None; limit + 1],
    );
    assert_eq!(
        err_of(over),
        ("input_too_large".into(), "innovations".into())
    );
}

#[test]
fn affair_codes_resolve_or_are_refused() {
    let r = r2026();
    let one = |a: &str| LevelMatrix::from_levels(r, vec![0; 20], vec![0; 20], &[Some(a)]);
    let other = |a: &str| one(a).unwrap().affairs[0].clone();
    // Blank is no affair; any snake_case code of at most 100 characters
    // that starts with a letter is an affair the rubric does not list.
    assert_eq!(other("   "), iid::scoring::AffairRef::None);
    let long = "a".repeat(100);
    assert_eq!(other(&long), iid::scoring::AffairRef::Other(long.clone()));
    assert_eq!(
        other("urusan_9"),
        iid::scoring::AffairRef::Other("urusan_9".into())
    );
    for bad in [
        "a".repeat(101),
        "9urusan".into(),
        "_urusan".into(),
        "Urusan".into(),
        "urusan-lain".into(),
        "URUSAN".into(),
    ] {
        assert_eq!(
            err_of(one(&bad)),
            ("input_invalid".into(), "innovations[0].urusan".into()),
            "{bad}"
        );
    }
    // The six basic-service affairs have six distinct bits; any other
    // affair has none.
    let six = [
        "pendidikan",
        "kesehatan",
        "pupr",
        "perumahan",
        "trantibumlinmas",
        "sosial",
    ];
    let affairs: Vec<Option<&str>> = six.iter().map(|a| Some(*a)).collect();
    let m = LevelMatrix::from_levels(r, vec![0; 20], vec![0; 120], &affairs).unwrap();
    assert!(m.basic_mask.iter().all(|b| b.count_ones() == 1));
    assert_eq!(m.summary(r).basic_covered.count_ones(), 6);
    assert_eq!(one("urusan_lain").unwrap().basic_mask, vec![0]);
}

/// The embedded 2026 rubric under another mandatory rule.
fn r2026_with(rule: &str) -> CompiledRubric {
    let text = iid::model::builtin::SOURCES
        .iter()
        .find(|(id, _)| *id == "iid-2026")
        .unwrap()
        .1;
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    v["id"] = serde_json::json!(format!("iid-2026-{rule}"));
    v["mandatory_rule"] = serde_json::json!(rule);
    CompiledRubric::from_json(&v.to_string()).unwrap()
}

#[test]
fn the_mandatory_rule_applies_to_dense_levels() {
    // Two innovations at level 1 on every row (the 2026 SID weights add up
    // to 37: 3700 units); the first leaves row 35 (mandatory, weight 4,
    // the last of the 20 rows) unanswered: 33 points.
    let mut inv = vec![1u8; 40];
    inv[19] = 0;
    let build = |r: &CompiledRubric| {
        LevelMatrix::from_levels(r, vec![1; 20], inv.clone(), &[None, None]).unwrap()
    };
    let zero = r2026_with("innovation_zero");
    let mut m = build(&zero);
    assert_eq!(m.summary(&zero).innovation_units, 7000);
    m.apply_mandatory_rule(&zero);
    // The short innovation scores nothing; the other keeps its 37 points.
    assert_eq!(&m.innovation[..20], &[0u8; 20]);
    assert_eq!(m.summary(&zero).innovation_units, 3700);
    assert!(!m.blocked);

    let blocked = r2026_with("not_assessable");
    let mut m = build(&blocked);
    m.apply_mandatory_rule(&blocked);
    assert!(m.blocked);
    assert!(!m.summary(&blocked).assessable());
    // Every mandatory row answered: nothing to block.
    let mut m =
        LevelMatrix::from_levels(&blocked, vec![1; 20], vec![1; 40], &[None, None]).unwrap();
    m.apply_mandatory_rule(&blocked);
    assert!(!m.blocked);
    // A mandatory region row (row 1, the first) unanswered blocks too.
    let mut region = vec![1u8; 20];
    region[0] = 0;
    let mut m = LevelMatrix::from_levels(&blocked, region, vec![1; 40], &[None, None]).unwrap();
    m.apply_mandatory_rule(&blocked);
    assert!(m.blocked);
}

#[test]
fn a_rubric_with_region_rows_only_scores_its_region() {
    // One region row of weight 2 (three parameters), no innovation rows,
    // a plain sum: level 3 scores 6. Innovations carry no rows, but count.
    let text = r#"{"id": "region-only", "name": "Region only", "provenance": {},
        "aspects": [{"code": "R", "name": "R", "scope": "region"}],
        "variables": [{"code": "vr", "name": "vr", "aspect": "R"}],
        "indicators": [{"code": "R1", "name": "R1", "variable": "vr", "weight": "2",
            "mandatory": true,
            "parameters": [{"description": "p1"}, {"description": "p2"}, {"description": "p3"}]}],
        "aggregation": {"kind": "sum"},
        "predicates": [{"label": "Nol", "min": "0.00", "max": "0.00"},
                       {"label": "Ada", "min": "0.01"}],
        "not_assessable": "Nol",
        "mandatory_rule": "innovation_zero"}"#;
    let r = CompiledRubric::from_json(text).unwrap();
    assert_eq!(r.innovation_len(), 0);
    let mut m = LevelMatrix::from_levels(&r, vec![3], vec![], &[None, None]).unwrap();
    m.apply_mandatory_rule(&r);
    let s = m.summary(&r);
    assert_eq!((s.innovation_count, s.innovation_units), (2, 0));
    assert_eq!(s.total_score(&r), dec("6"));
    assert_eq!(s.index(&r), dec("6.00"));
    // Under the not-assessable rule only the region row can block.
    let r = CompiledRubric::from_json(&text.replace("innovation_zero", "not_assessable")).unwrap();
    for (level, blocked) in [(3, false), (0, true)] {
        let mut m = LevelMatrix::from_levels(&r, vec![level], vec![], &[None]).unwrap();
        m.apply_mandatory_rule(&r);
        assert_eq!(m.blocked, blocked);
    }
}
