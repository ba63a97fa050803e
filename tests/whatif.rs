//! What-if: hand-worked changes on the bundled Kabupaten Contoh, error
//! paths, and agreement with rescoring on random changes.

use iid::analysis::whatif::{apply, parse_changes, whatif, Change};
use iid::model::submission::Submission;
use iid::scoring::ratio;
use iid::{model::builtin, prepare, score, CompiledRubric};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn r2026() -> &'static CompiledRubric {
    builtin::get("iid-2026").unwrap()
}

fn kabupaten() -> Submission {
    let text = std::fs::read_to_string(format!(
        "{}/examples/kabupaten-contoh.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Submission::from_json(&text).unwrap()
}

fn run(changes: &str) -> iid::analysis::whatif::WhatIf {
    whatif(r2026(), &kabupaten(), &parse_changes(changes).unwrap()).unwrap()
}

fn delta<'a>(
    w: &'a iid::analysis::whatif::WhatIf,
    code: &str,
) -> &'a iid::analysis::whatif::IndicatorDelta {
    w.indicators.iter().find(|i| i.code == code).unwrap()
}

/// Row 12 (weight 2) from 2 to 3: SPD + 2, index + 2 / 250 x 100 = 0.8.
#[test]
fn raising_a_region_row() {
    let w = run(r#"[{"op": "set", "indicator": "12", "level": 3}]"#);
    assert_eq!(w.index_delta, dec("0.8"));
    assert_eq!(w.total_delta, dec("2"));
    assert_eq!(w.before.index, dec("37.98"));
    assert_eq!(w.after.index, dec("38.78"));
    let d = delta(&w, "12");
    assert_eq!((d.score_before, d.score_after), (dec("4"), dec("6")));
    assert_eq!((d.score_delta, d.index_delta), (dec("2"), dec("0.8")));
    assert!(w
        .indicators
        .iter()
        .filter(|i| i.code != "12")
        .all(|i| i.score_delta.is_zero()));
    assert_eq!(w.answers.len(), 1);
    assert_eq!((w.answers[0].from, w.answers[0].to), (2, 3));
    assert_eq!(w.submission.spd["12"].level().0, 3);
}

/// One more innovation with every row at 3 (111 points) in a non-basic
/// affair, below the divisor 12: the average gains 111 / 12 = 9.25 and
/// the count 0.38; index + 9.63 / 250 x 100 = 3.852. One empty seat
/// fewer.
#[test]
fn adding_an_innovation_fills_an_empty_seat() {
    let levels: Vec<String> = r2026()
        .innovation_indicators()
        .map(|i| format!("\"{}\": 3", i.code))
        .collect();
    let w = run(&format!(
        r#"[{{"op": "add_innovation", "innovation": {{"id": "inv-09", "urusan": "pertanian", "levels": {{{}}}}}}}]"#,
        levels.join(", ")
    ));
    assert_eq!(w.index_delta, dec("3.852"));
    assert_eq!(w.total_delta, dec("9.63"));
    assert_eq!((w.before.empty_seats, w.after.empty_seats), (4, 3));
    assert_eq!(w.after.divisor, 12);
    assert_eq!(delta(&w, "36").score_delta, dec("0.38"));
    assert_eq!(delta(&w, "35").score_delta, dec("1"));
    assert_eq!(w.innovations_added, vec!["inv-09".to_string()]);
}

/// Dropping inv-08 (rows 50 points): the average loses 50 / 12, the count
/// 0.38; index - (4.1666... + 0.38) x 0.4 = -1.8186666...
#[test]
fn removing_an_innovation() {
    let w = run(r#"[{"op": "remove_innovation", "id": "inv-08"}]"#);
    assert_eq!(w.index_delta, dec("-1.8186666667"));
    assert_eq!(w.innovations_removed, vec!["inv-08".to_string()]);
    assert_eq!(w.after.empty_seats, 5);
}

/// Moving two basic-service innovations to a non-basic affair leaves 4 of
/// 6 affairs covered (5 required): the count score of 3.04 is lost,
/// index - 1.216.
#[test]
fn losing_basic_service_coverage() {
    let w = run(
        r#"[{"op": "set_affair", "innovation": "inv-05", "urusan": "pertanian"},
            {"op": "set_affair", "innovation": "inv-06", "urusan": "pertanian"}]"#,
    );
    assert_eq!(w.index_delta, dec("-1.216"));
    assert_eq!(delta(&w, "36").score_after, Decimal::ZERO);
    assert_eq!(w.affairs_changed.len(), 2);
    assert_eq!(
        w.affairs_changed[0].from.as_deref(),
        Some("trantibumlinmas")
    );
    assert_eq!(w.affairs_changed[1].to.as_deref(), Some("pertanian"));
    assert_eq!(w.after.yandas_covered, 4);
    assert!(w
        .result
        .findings
        .iter()
        .any(|f| f.code == "basic_services_shortfall"));
}

#[test]
fn level_zero_removes_an_answer_and_changes_apply_in_order() {
    let w = run(
        r#"[{"op": "set", "innovation": "inv-01", "indicator": "35", "level": 0},
            {"op": "set", "innovation": "inv-01", "indicator": "35", "level": 1}]"#,
    );
    assert_eq!(w.submission.innovations[0].levels["35"].level().0, 1);
    // 35 (weight 4) from 3 to 1 over the divisor 12: -8 / 12 x 0.4.
    assert_eq!(w.index_delta, dec("-0.2666666667"));
    let w = run(r#"[{"op": "set", "innovation": "inv-01", "indicator": "35", "level": 0}]"#);
    assert!(!w.submission.innovations[0].levels.contains_key("35"));
}

fn error(changes: &str) -> (String, String) {
    let e = match parse_changes(changes) {
        Err(e) => e,
        Ok(c) => whatif(r2026(), &kabupaten(), &c).unwrap_err(),
    };
    (e.code().to_string(), e.path().to_string())
}

#[test]
fn bad_changes_name_the_field() {
    let cases = [
        (
            r#"[{"op": "set", "indicator": "2a", "level": 4}]"#,
            "level_out_of_range",
            "changes[0].level",
        ),
        (
            r#"[{"op": "set", "indicator": "2a", "level": -1}]"#,
            "input_json",
            "changes[0].level",
        ),
        (
            r#"[{"op": "set", "indicator": "2a", "level": 1, "extra": 1}]"#,
            "input_json",
            "changes[0].extra",
        ),
        (
            r#"[{"op": "set", "indicator": "2a"}]"#,
            "input_json",
            "changes[0]",
        ),
        (
            r#"[{"op": "set", "indicator": "99", "level": 1}]"#,
            "unknown_indicator",
            "changes[0].indicator",
        ),
        (
            r#"[{"op": "set", "indicator": "17", "level": 1}]"#,
            "wrong_scope",
            "changes[0].indicator",
        ),
        (
            r#"[{"op": "set", "indicator": "36", "level": 1}]"#,
            "wrong_scope",
            "changes[0].indicator",
        ),
        (
            r#"[{"op": "set", "innovation": "inv-01", "indicator": "2a", "level": 1}]"#,
            "wrong_scope",
            "changes[0].indicator",
        ),
        (
            r#"[{"op": "set", "innovation": "nope", "indicator": "17", "level": 1}]"#,
            "input_invalid",
            "changes[0].innovation",
        ),
        (r#"[{"op": "frobnicate"}]"#, "input_json", "changes[0].op"),
        (r#"[1]"#, "input_json", "changes[0].op"),
        (r#"{"op": "set"}"#, "input_json", "changes"),
        (
            r#"[{"op": "add_innovation", "innovation": {"id": "inv-01"}}]"#,
            "duplicate_id",
            "changes[0].innovation.id",
        ),
        (
            r#"[{"op": "add_innovation", "innovation": {"id": " "}}]"#,
            "input_invalid",
            "changes[0].innovation.id",
        ),
        (
            r#"[{"op": "add_innovation", "innovation": {"id": ""}}]"#,
            "input_invalid",
            "changes[0].innovation.id",
        ),
        (
            r#"[{"op": "add_innovation", "innovation": {"id": 7}}]"#,
            "input_json",
            "changes[0].innovation.id",
        ),
        (
            r#"[{"op": "add_innovation", "innovation": {"levels": {"17": 9}}}]"#,
            "level_out_of_range",
            "changes[0].innovation.levels.17",
        ),
        (
            r#"[{"op": "add_innovation", "innovation": {"id": "x", "levels": {"17": 9}}}]"#,
            "level_out_of_range",
            "changes[0].innovation.levels.17",
        ),
        (
            r#"[{"op": "add_innovation", "innovation": {"id": "x", "levels": {"1": 2}}}]"#,
            "wrong_scope",
            "changes[0].innovation.levels.1",
        ),
        (
            r#"[{"op": "add_innovation", "innovation": {"id": "x", "urusan": "Bad!"}}]"#,
            "input_invalid",
            "changes[0].innovation.urusan",
        ),
        (
            r#"[{"op": "add_innovation", "innovation": {"id": "x", "levels": {"17": "2"}}}]"#,
            "input_json",
            "changes[0].innovation.levels.17",
        ),
        (
            r#"[{"op": "remove_innovation", "id": "nope"}]"#,
            "input_invalid",
            "changes[0].id",
        ),
        (
            r#"[{"op": "set_affair", "innovation": "inv-01", "urusan": "Bad Affair!"}]"#,
            "input_invalid",
            "changes[0].urusan",
        ),
        (
            r#"[{"op": "remove_innovation", "id": "inv-01"}, {"op": "set", "innovation": "inv-01", "indicator": "17", "level": 1}]"#,
            "input_invalid",
            "changes[1].innovation",
        ),
    ];
    for (changes, code, path) in cases {
        assert_eq!(
            error(changes),
            (code.to_string(), path.to_string()),
            "{changes}"
        );
    }
}

/// An innovation added without an id is named as plans name theirs: the
/// first `baru-N` not taken when the change applies, so ids freed by an
/// earlier change are taken again and explicit ids are skipped.
#[test]
fn added_innovations_without_an_id_are_named_baru_n() {
    let changes = parse_changes(
        r#"[{"op": "add_innovation", "innovation": {"urusan": "sosial", "levels": {"16": 1}}},
            {"op": "add_innovation", "innovation": {"id": "baru-2"}},
            {"op": "add_innovation", "innovation": {}},
            {"op": "remove_innovation", "id": "baru-1"},
            {"op": "add_innovation", "innovation": {"name": "Keempat"}}]"#,
    )
    .unwrap();
    let (changed, _) = apply(r2026(), &kabupaten(), &changes).unwrap();
    let n = kabupaten().innovations.len();
    let added: Vec<(&str, Option<&str>)> = changed.innovations[n..]
        .iter()
        .map(|i| (i.id.as_str(), i.name.as_deref()))
        .collect();
    assert_eq!(
        added,
        [
            ("baru-2", None),
            ("baru-3", None),
            ("baru-1", Some("Keempat"))
        ]
    );
    // The first one's fields were kept until it was removed.
    let (first, _) = apply(r2026(), &kabupaten(), &changes[..1]).unwrap();
    let first = first.innovations.last().unwrap();
    assert_eq!(
        (first.id.as_str(), first.urusan.as_deref()),
        ("baru-1", Some("sosial"))
    );
    assert_eq!(first.levels["16"].level().0, 1);

    // The what-if names the added innovation by its assigned id.
    let w = run(r#"[{"op": "add_innovation", "innovation": {"urusan": "sosial"}}]"#);
    assert_eq!(w.innovations_added, ["baru-1"]);

    // In Rust an empty id stands for "assign one"; it serialises without
    // an id, so the JSON form round-trips.
    let change = Change::AddInnovation {
        innovation: iid::Innovation::default(),
    };
    let text = serde_json::to_string(&[&change]).unwrap();
    assert_eq!(
        text,
        r#"[{"op":"add_innovation","innovation":{"levels":{}}}]"#
    );
    assert_eq!(parse_changes(&text).unwrap(), [change]);
}

/// `api::apply_changes`: the changed submission, by the core's rules.
#[test]
fn apply_changes_returns_the_changed_submission() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/vectors/measured-values-2026.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let vector: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sub = vector["input"].to_string();
    // 5a states level 1 with a measured 0.36, which scores level 3. Setting
    // level 2 drops the measurement: the level set is the level scored.
    let out = apply_changes(
        &sub,
        r#"[{"op": "set", "indicator": "5a", "level": 2},
            {"op": "set", "indicator": "4", "level": 0},
            {"op": "add_innovation", "innovation": {"urusan": "sosial"}}]"#,
        None,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(&out.spd["5a"]).unwrap(),
        serde_json::json!({"level": 2})
    );
    assert!(!out.spd.contains_key("4"));
    assert_eq!(out.innovations.last().unwrap().id, "baru-1");
    let scored = score(r2026(), &out).unwrap();
    let row = scored
        .breakdown
        .aspects
        .iter()
        .flat_map(|a| &a.variables)
        .flat_map(|v| &v.indicators)
        .find(|i| i.code == "5a")
        .unwrap();
    assert_eq!(row.level, Some(2));

    // Errors name the change; the rest of the draft is not checked.
    let e = apply_changes(
        &sub,
        r#"[{"op": "set", "indicator": "5a", "level": 9}]"#,
        None,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("level_out_of_range", "changes[0].level")
    );
    let bad = r#"{"methodology": "iid-2026", "spd": {"2a": 4}}"#;
    let out = apply_changes(
        bad,
        r#"[{"op": "set", "indicator": "1", "level": 2}]"#,
        None,
    )
    .unwrap();
    assert_eq!(out.spd["1"].level().0, 2);
    assert!(apply_changes("{", "[]", None).is_err());
}

/// The exact index of a submission from the public scoring path.
fn exact(r: &CompiledRubric, sub: &Submission) -> (i128, i128) {
    let s = prepare(r, sub).unwrap().summary(r);
    if s.assessable() {
        (s.index_num, s.index_den)
    } else {
        (0, 1)
    }
}

fn arb_change(n: usize) -> impl Strategy<Value = Change> {
    let r = r2026();
    let region: Vec<String> = r.region_indicators().map(|i| i.code.clone()).collect();
    let inv: Vec<String> = r.innovation_indicators().map(|i| i.code.clone()).collect();
    let ids: Vec<String> = (0..n.max(1)).map(|j| format!("inv-{j}")).collect();
    let affairs = vec![
        "pendidikan",
        "kesehatan",
        "pupr",
        "perumahan",
        "trantibumlinmas",
        "sosial",
        "pertanian",
    ];
    prop_oneof![
        (prop::sample::select(region), 0u8..=3).prop_map(|(c, l)| Change::Set {
            innovation: None,
            indicator: c,
            level: iid::Level(l)
        }),
        (
            prop::sample::select(ids.clone()),
            prop::sample::select(inv.clone()),
            0u8..=3
        )
            .prop_map(|(id, c, l)| Change::Set {
                innovation: Some(id),
                indicator: c,
                level: iid::Level(l)
            }),
        (
            prop::sample::select(ids.clone()),
            prop::sample::select(affairs)
        )
            .prop_map(|(id, a)| {
                Change::SetAffair {
                    innovation: id,
                    urusan: Some(a.to_string()),
                }
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The what-if result is the rescored changed submission, and its
    /// index difference and indicator differences are exact.
    #[test]
    fn whatif_agrees_with_rescoring(seed in 0u64..1000, changes in prop::collection::vec(arb_change(12), 1..6)) {
        let r = r2026();
        let mut sub = iid::synthetic::national(r, 1, 12, seed).remove(0);
        for (j, inv) in sub.innovations.iter_mut().enumerate() {
            inv.id = format!("inv-{j}");
        }
        let w = whatif(r, &sub, &changes).unwrap();
        let (changed, _) = apply(r, &sub, &changes).unwrap();
        prop_assert_eq!(&w.submission, &changed);
        prop_assert_eq!(&w.result, &score(r, &changed).unwrap());
        let (a, b) = (exact(r, &sub), exact(r, &changed));
        let want = ratio(b.0 * a.1 - a.0 * b.1, a.1 * b.1, 10).normalize();
        prop_assert_eq!(w.index_delta, want);
        // Indicator index differences add up (each rounded at 10 places).
        let sum: Decimal = w.indicators.iter().map(|i| i.index_delta).sum();
        prop_assert!((sum - w.index_delta).abs() <= dec("0.0000000001") * Decimal::from(w.indicators.len() as u32));
        prop_assert_eq!(w.before.index, score(r, &sub).unwrap().index);
    }
}

/// The JSON-text form of `api::apply` (what the WebAssembly
/// `applyChanges` calls).
fn apply_changes(
    sub: &str,
    changes: &str,
    options: Option<&str>,
) -> Result<Submission, iid::Error> {
    match iid::api::call_changes(iid::api::Operation::Apply, sub, changes, options, None)? {
        iid::api::Answer::Apply(s) => Ok(*s),
        other => panic!("{other:?}"),
    }
}
