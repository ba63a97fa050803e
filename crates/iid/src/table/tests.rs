use std::borrow::Cow;

use super::*;
use crate::model::builtin;
use crate::scoring::Mode;
use crate::synthetic::national;
use crate::{Error, Submission};

pub(super) fn rubric() -> &'static CompiledRubric {
    builtin::get("iid-2026").unwrap()
}

pub(super) fn small() -> Vec<Submission> {
    national(rubric(), 12, 150, 7)
}

/// The headline row `crate::score` gives (code and name left out, as a
/// table row has them in its own columns).
pub(super) fn expected(subs: &[Submission]) -> Vec<Headline> {
    subs.iter()
        .map(|s| {
            let r = builtin::of_submission(s).unwrap();
            let p = crate::prepare(r, s).unwrap();
            Headline::of(r, &p.summary(r), None, None)
        })
        .collect()
}

pub(super) fn text(s: &str) -> Option<Key<'_>> {
    Some(Key::Text(Cow::Borrowed(s)))
}

pub(super) fn code_of(e: &Error) -> (&str, &str) {
    (e.code(), e.path())
}

/// Two regions and three innovations, answered by hand.
pub(super) fn pair() -> TableInput<'static> {
    TableInput {
        regions: RegionTable {
            rows: 2,
            code: KeyColumn::Plain(vec![text("a"), text("b")]),
            methodology: None,
            name: None,
            level: None,
            clusters: None,
            levels: vec![
                ("1".into(), LevelColumn::I64(Cow::Owned(vec![3, 2]))),
                (
                    "2a".into(),
                    LevelColumn::F64(Cow::Owned(vec![1.0, f64::NAN])),
                ),
            ],
        },
        innovations: InnovationTable {
            rows: 3,
            region: KeyColumn::Plain(vec![text("a"), text("b"), text("a")]),
            urusan: Some(KeyColumn::Plain(vec![
                text("kesehatan"),
                None,
                text("sosial"),
            ])),
            levels: vec![
                ("16".into(), LevelColumn::U8(Cow::Owned(vec![3, 2, 1]))),
                (
                    "17".into(),
                    LevelColumn::Optional(Cow::Owned(vec![Some(1), None, Some(1)])),
                ),
            ],
        },
    }
}

fn pair_submissions() -> Vec<Submission> {
    let a = r#"{"methodology": "iid-2026", "spd": {"1": 3, "2a": 1}, "innovations": [
        {"id": "x", "urusan": "kesehatan", "levels": {"16": 3, "17": 1}},
        {"id": "z", "urusan": "sosial", "levels": {"16": 1, "17": 1}}]}"#;
    let b = r#"{"methodology": "iid-2026", "spd": {"1": 2},
        "innovations": [{"id": "y", "levels": {"16": 2}}]}"#;
    vec![
        Submission::from_json(a).unwrap(),
        Submission::from_json(b).unwrap(),
    ]
}

#[test]
fn a_table_scores_as_its_submissions() {
    let got = pair().score(Some(rubric())).unwrap();
    assert_eq!(got, expected(&pair_submissions()));
}

#[test]
fn rows_follow_the_regions_table_whatever_the_innovation_order() {
    let subs = small();
    let tables = to_tables(&subs).unwrap();
    let want = expected(&subs);
    assert_eq!(tables.input().score(None).unwrap(), want);

    // Innovations reversed, regions rotated: each region keeps its row.
    let mut input = tables.input();
    let rev = |c: &mut LevelColumn| {
        if let LevelColumn::U8(v) = c {
            *v = Cow::Owned(v.iter().rev().copied().collect());
        }
    };
    let KeyColumn::Plain(region) = &mut input.innovations.region else {
        unreachable!()
    };
    region.reverse();
    let Some(KeyColumn::Plain(urusan)) = &mut input.innovations.urusan else {
        unreachable!()
    };
    urusan.reverse();
    input
        .innovations
        .levels
        .iter_mut()
        .for_each(|(_, c)| rev(c));
    assert_eq!(input.score(None).unwrap(), want);

    let rotate = |c: &mut LevelColumn| {
        if let LevelColumn::U8(v) = c {
            let mut w = v.to_vec();
            w.rotate_left(5);
            *v = Cow::Owned(w);
        }
    };
    for k in [
        &mut input.regions.code,
        input.regions.methodology.as_mut().unwrap(),
    ] {
        let KeyColumn::Plain(v) = k else {
            unreachable!()
        };
        v.rotate_left(5);
    }
    input.regions.levels.iter_mut().for_each(|(_, c)| rotate(c));
    let mut rotated = want.clone();
    rotated.rotate_left(5);
    assert_eq!(input.score(None).unwrap(), rotated);
}

#[test]
fn nan_and_absent_columns_are_unanswered() {
    let mut input = pair();
    input.regions.levels[1].1 = LevelColumn::F64(Cow::Owned(vec![f64::NAN, f64::NAN]));
    let nan = input.score(Some(rubric())).unwrap();
    input.regions.levels.pop();
    assert_eq!(input.score(Some(rubric())).unwrap(), nan);
    input
        .regions
        .levels
        .push(("2a".into(), LevelColumn::I64(Cow::Owned(vec![0, 0]))));
    assert_eq!(input.score(Some(rubric())).unwrap(), nan);
}

#[test]
fn the_number_rule_and_its_paths() {
    let with = |col: LevelColumn<'static>| {
        let mut input = pair();
        input.innovations.levels[0].1 = col;
        input.score(Some(rubric()))
    };
    let ok = pair().score(Some(rubric())).unwrap();
    assert_eq!(
        with(LevelColumn::F64(Cow::Owned(vec![3.0, 2.0, 1.0]))).unwrap(),
        ok
    );
    for (col, code, path) in [
        (
            LevelColumn::F64(Cow::Owned(vec![3.0, 2.5, 1.0])),
            "input_json",
            "innovations[1].16",
        ),
        (
            LevelColumn::F64(Cow::Owned(vec![3.0, f64::INFINITY, 1.0])),
            "input_json",
            "innovations[1].16",
        ),
        (
            LevelColumn::I64(Cow::Owned(vec![3, -1, 1])),
            "input_json",
            "innovations[1].16",
        ),
        (
            LevelColumn::I64(Cow::Owned(vec![3, 1000, 1])),
            "input_json",
            "innovations[1].16",
        ),
        (
            LevelColumn::U8(Cow::Owned(vec![3, 200, 1])),
            "input_json",
            "innovations[1].16",
        ),
        (
            LevelColumn::U8(Cow::Owned(vec![3, 1, 4])),
            "level_out_of_range",
            "innovations[2].16",
        ),
        (
            LevelColumn::U8(Cow::Owned(vec![3, 1])),
            "input_invalid",
            "innovations.16",
        ),
    ] {
        let e = with(col).unwrap_err();
        assert_eq!(code_of(&e), (code, path), "{e}");
    }
    let mut input = pair();
    input.regions.levels[0].1 = LevelColumn::I64(Cow::Owned(vec![3, 5]));
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("level_out_of_range", "regions[1].1"));
}

#[test]
fn region_codes_unknown_missing_and_duplicate() {
    let mut input = pair();
    input.regions.code = KeyColumn::Plain(vec![text("a"), text("a")]);
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "regions[1].code"));
    input.regions.code = KeyColumn::Plain(vec![text("a"), None]);
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "regions[1].code"));

    let mut input = pair();
    input.innovations.region = KeyColumn::Plain(vec![text("a"), text("zz"), text("a")]);
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "innovations[1].region"));
    assert!(e.to_string().contains("'zz'"), "{e}");
    input.innovations.region = KeyColumn::Coded {
        codes: Codes::I16(Cow::Owned(vec![0, -1, 0])),
        values: vec![text("a"), text("b")],
    };
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "innovations[1].region"));
    input.innovations.region = KeyColumn::Coded {
        codes: Codes::I8(Cow::Owned(vec![0, 1, 7])),
        values: vec![text("a"), text("b")],
    };
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_json", "innovations[2].region"));
    // Any negative code is missing, down to the width's least value.
    for codes in [
        Codes::I8(Cow::Owned(vec![0, i8::MIN, 0])),
        Codes::I64(Cow::Owned(vec![1, i64::MIN, 0])),
    ] {
        let values = vec![text("a"), text("b")];
        input.innovations.region = KeyColumn::Coded { codes, values };
        let e = input.score(Some(rubric())).unwrap_err();
        assert_eq!(code_of(&e), ("input_invalid", "innovations[1].region"));
    }
    input.innovations.region = KeyColumn::Coded {
        codes: Codes::I64(Cow::Owned(vec![0, 1, i64::MAX])),
        values: vec![text("a"), text("b")],
    };
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_json", "innovations[2].region"));

    // Numeric codes match numbers, not their text.
    let mut input = pair();
    input.regions.code = KeyColumn::Plain(vec![Some(Key::Int(3318)), Some(Key::Int(3319))]);
    input.innovations.region = KeyColumn::Plain(vec![
        Some(Key::Int(3318)),
        Some(Key::Int(3319)),
        Some(Key::Int(3318)),
    ]);
    assert_eq!(
        input.score(Some(rubric())).unwrap(),
        pair().score(Some(rubric())).unwrap()
    );
    input.innovations.region = KeyColumn::Plain(vec![text("3318"), None, None]);
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "innovations[0].region"));
}

#[test]
fn affairs_and_unknown_indicator_columns() {
    let mut input = pair();
    // Not an indicator of the rubric, and the computed count row: not read.
    input
        .innovations
        .levels
        .push(("36".into(), LevelColumn::I64(Cow::Owned(vec![9, 9, 9]))));
    input
        .innovations
        .levels
        .push(("catatan".into(), LevelColumn::F64(Cow::Owned(vec![0.5; 3]))));
    assert_eq!(
        input.score(Some(rubric())).unwrap(),
        pair().score(Some(rubric())).unwrap()
    );
    input.innovations.urusan = Some(KeyColumn::Plain(vec![text("Bukan Urusan!"), None, None]));
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "innovations[0].urusan"));
    input.innovations.urusan = Some(KeyColumn::Plain(vec![None, None, Some(Key::Int(1))]));
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_json", "innovations[2].urusan"));
    // A spelling and its official name are one affair.
    input.innovations.urusan = Some(KeyColumn::Plain(vec![
        text("KESEHATAN"),
        None,
        text("sosial"),
    ]));
    assert_eq!(
        input.score(Some(rubric())).unwrap(),
        pair().score(Some(rubric())).unwrap()
    );
}

#[test]
fn coded_affairs_are_resolved_where_a_row_holds_them() {
    let coded = |codes: Vec<i8>, values: Vec<Option<Key<'static>>>| {
        Some(KeyColumn::Coded {
            codes: codes.into(),
            values,
        })
    };
    let mut input = pair();
    // A bad spelling in the dictionary that no row holds is no error.
    let values = vec![text("Bukan Urusan!"), text("kesehatan"), text("sosial")];
    input.innovations.urusan = coded(vec![1, -1, 2], values.clone());
    assert_eq!(
        input.score(Some(rubric())).unwrap(),
        pair().score(Some(rubric())).unwrap()
    );
    // The first row that holds it is named, after rows with good ones.
    input.innovations.urusan = coded(vec![1, 0, 0], values.clone());
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_invalid", "innovations[1].urusan"));
    // A code past the dictionary is named at its row.
    input.innovations.urusan = coded(vec![1, 2, 3], values);
    let e = input.score(Some(rubric())).unwrap_err();
    assert_eq!(code_of(&e), ("input_json", "innovations[2].urusan"));
    assert!(
        e.to_string().contains("category code 3 out of range"),
        "{e}"
    );
}

#[test]
fn methodologies_per_region() {
    let mut subs = small();
    for s in subs.iter_mut().step_by(2) {
        s.methodology = Some("iid-2027".into());
    }
    let tables = to_tables(&subs).unwrap();
    let got = tables.input().score(None).unwrap();
    assert_eq!(got, expected(&subs));
    assert!(got.iter().any(|h| h.methodology == "iid-2027"));

    let mut input = pair();
    let e = input.score(None).unwrap_err();
    assert_eq!(code_of(&e), ("missing_methodology", "methodology"));
    input.regions.methodology = Some(KeyColumn::Plain(vec![text("iid-2026"), None]));
    let e = input.score(None).unwrap_err();
    assert_eq!(
        code_of(&e),
        ("missing_methodology", "regions[1].methodology")
    );
    input.regions.methodology = Some(KeyColumn::Plain(vec![text("iid-2026"), text("iid-1999")]));
    let e = input.score(None).unwrap_err();
    assert_eq!(
        code_of(&e),
        ("unknown_methodology", "regions[1].methodology")
    );
    assert!(!e.is_rubric());
}

#[test]
fn batch_in_parallel_answers_in_input_order() {
    let subs = national(rubric(), 40, 900, 3);
    let texts: Vec<String> = subs
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();
    let parsed: Vec<BatchItem> = subs.iter().map(BatchItem::Parsed).collect();
    let json: Vec<BatchItem> = texts.iter().map(|t| BatchItem::Json(t)).collect();
    let one = score_batch(&parsed, None, Mode::SelfAssessment, 1).unwrap();
    let want: Vec<Headline> = subs
        .iter()
        .zip(expected(&subs))
        .map(|(s, mut h)| {
            h.code = s.region.as_ref().and_then(|r| r.code.clone());
            h.name = s.region.as_ref().and_then(|r| r.name.clone());
            h
        })
        .collect();
    assert_eq!(one, want);
    for threads in [0, 2, 3, 7, 1_000_000] {
        assert_eq!(
            score_batch(&parsed, None, Mode::SelfAssessment, threads).unwrap(),
            one
        );
        assert_eq!(
            score_batch(&json, None, Mode::SelfAssessment, threads).unwrap(),
            one
        );
    }
    let verified = score_batch(&json, None, Mode::Verified, 0).unwrap();
    assert_eq!(verified.len(), subs.len());
    assert!(score_batch(&[], None, Mode::SelfAssessment, 0)
        .unwrap()
        .is_empty());
}

#[test]
fn batch_error_is_the_first_bad_submission() {
    let mut texts: Vec<String> = small()
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();
    texts[3] = r#"{"methodology": "iid-2026", "spd": {"1": 7}}"#.into();
    texts[9] = "not json".into();
    let items: Vec<BatchItem> = texts.iter().map(|t| BatchItem::Json(t)).collect();
    for threads in [1, 0, 4] {
        let e = score_batch(&items, None, Mode::SelfAssessment, threads).unwrap_err();
        assert_eq!(
            (e.index, e.error.code(), e.path().as_str()),
            (3, "level_out_of_range", "[3].spd.1")
        );
        assert!(e.to_string().starts_with("submission 3: "), "{e}");
    }
    let items = [BatchItem::Json(r#"{"methodology": "iid-1999"}"#)];
    let e = score_batch(&items, None, Mode::SelfAssessment, 0).unwrap_err();
    assert_eq!(
        (e.error.code(), e.path().as_str()),
        ("unknown_methodology", "[0].methodology")
    );
}

#[test]
fn to_tables_holds_levels_only() {
    let subs = pair_submissions();
    let t = to_tables(&subs).unwrap();
    assert_eq!(t.regions.code, ["[0]", "[1]"]);
    assert_eq!(t.innovations.region, ["[0]", "[0]", "[1]"]);
    assert_eq!(
        t.regions.levels,
        [
            ("1".to_string(), vec![3, 2]),
            ("2a".to_string(), vec![1, 0])
        ]
    );
    let measured =
        Submission::from_json(r#"{"methodology": "iid-2026", "spd": {"4": {"value": "5.23"}}}"#)
            .unwrap();
    let e = to_tables(&[subs[0].clone(), measured]).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_json", "[1].spd.4"));
}

#[test]
fn the_mandatory_rules_apply_as_for_submissions() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bindings/python/tests/data"
    );
    let subs: Vec<Submission> = [
        r#"{"region": {"code": "r1"}, "spd": {"A1": 3, "A2": 2}, "innovations": [
            {"id": "i1", "levels": {"B1": 3, "B2": 2, "B3": 1}},
            {"id": "i2", "levels": {"B1": 2, "B2": 3}}]}"#,
        r#"{"region": {"code": "r2"}, "spd": {"A2": 2},
            "innovations": [{"id": "i1", "levels": {"B1": 1, "B3": 2}}]}"#,
        r#"{"region": {"code": "r3"}, "spd": {"A1": 1, "A2": 2},
            "innovations": [{"id": "i1", "levels": {"B1": 1, "B2": 1, "B3": 2}}]}"#,
    ]
    .iter()
    .map(|t| Submission::from_json(t).unwrap())
    .collect();
    for file in ["lomba-innovation-zero.json", "lomba-not-assessable.json"] {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
        let r = CompiledRubric::from_json(&text).unwrap();
        let want: Vec<Headline> = subs
            .iter()
            .map(|s| Headline::of(&r, &crate::prepare(&r, s).unwrap().summary(&r), None, None))
            .collect();
        let tables = to_tables(&subs).unwrap();
        assert_eq!(tables.input().score(Some(&r)).unwrap(), want, "{file}");
        // Unanswered columns left out altogether: the same figures.
        let mut input = tables.input();
        input.innovations.levels.retain(|(c, _)| c != "B3");
        let mut without = subs.clone();
        for s in &mut without {
            for inv in &mut s.innovations {
                inv.levels.remove("B3");
            }
        }
        let want: Vec<Headline> = without
            .iter()
            .map(|s| Headline::of(&r, &crate::prepare(&r, s).unwrap().summary(&r), None, None))
            .collect();
        assert_eq!(input.score(Some(&r)).unwrap(), want, "{file} without B3");
    }
}

#[test]
fn mixed_methodologies_keep_their_own_weights_and_maxima() {
    let mut subs = small();
    for s in subs.iter_mut().skip(1).step_by(3) {
        s.methodology = Some("iid-2023".into());
    }
    let tables = to_tables(&subs).unwrap();
    assert_eq!(tables.input().score(None).unwrap(), expected(&subs));
}
