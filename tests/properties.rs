//! Properties of the formula over random submissions (proptest).

mod common;

use std::collections::BTreeMap;

use iid::model::submission::{Answer, Innovation, Submission};
use iid::{model::builtin, score, CompiledRubric};
use proptest::prelude::*;
use rust_decimal::Decimal;

const AFFAIRS: &[&str] = &[
    "pendidikan",
    "kesehatan",
    "pupr",
    "perumahan",
    "trantibumlinmas",
    "sosial",
    "pertanian",
];

fn rubric(year: usize) -> &'static CompiledRubric {
    builtin::get(["iid-2023", "iid-2026", "iid-2027"][year]).unwrap()
}

fn codes(r: &CompiledRubric) -> (Vec<String>, Vec<String>) {
    (
        r.region_indicators().map(|i| i.code.clone()).collect(),
        r.innovation_indicators().map(|i| i.code.clone()).collect(),
    )
}

prop_compose! {
    fn submission_for(year: usize, max_innovations: usize)
        (spd in prop::collection::vec(0u8..=3, 20),
         inv in prop::collection::vec((prop::collection::vec(0u8..=3, 20), 0usize..AFFAIRS.len()), 0..max_innovations))
        -> Submission
    {
        let r = rubric(year);
        let (rc, ic) = codes(r);
        Submission {
            methodology: Some(r.id().to_string()),
            region: None,
            spd: rc.iter().cloned().zip(spd.into_iter().map(Answer::from)).collect(),
            innovations: inv.into_iter().enumerate().map(|(j, (lv, a))| Innovation {
                id: format!("inv-{j}"),
                name: None,
                urusan: Some(AFFAIRS[a].to_string()),
                agency: None,
                levels: ic.iter().cloned().zip(lv.into_iter().map(Answer::from)).collect::<BTreeMap<_, _>>(),
                ..Default::default()
            }).collect(),
            agencies: Vec::new(),
        }
    }
}

fn any_submission() -> impl Strategy<Value = (usize, Submission)> {
    (0usize..3).prop_flat_map(|y| (Just(y), submission_for(y, 40)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn index_stays_within_0_and_100((y, sub) in any_submission()) {
        let r = score(rubric(y), &sub).unwrap();
        prop_assert!(r.index >= Decimal::ZERO && r.index <= Decimal::from(100));
        prop_assert!(r.index_exact >= Decimal::ZERO && r.index_exact <= Decimal::from(100));
        prop_assert!(r.total_score <= r.max_total_score.unwrap());
        // The rounded index is the exact one rounded half-up.
        let rounded = r.index_exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        if r.assessable {
            prop_assert_eq!(r.index, rounded);
        }
    }

    #[test]
    fn raising_any_level_never_lowers_the_index((y, sub) in any_submission(), pick in any::<prop::sample::Index>()) {
        let rb = rubric(y);
        let before = score(rb, &sub).unwrap();
        let mut raised = sub.clone();
        let slots: Vec<(Option<usize>, String)> = raised.spd.keys().map(|k| (None, k.clone()))
            .chain(raised.innovations.iter().enumerate().flat_map(|(j, i)| i.levels.keys().map(move |k| (Some(j), k.clone()))))
            .collect();
        let (j, code) = &slots[pick.index(slots.len())];
        let map = match j { None => &mut raised.spd, Some(j) => &mut raised.innovations[*j].levels };
        let l = map[code].level().0;
        if l < 3 { map.insert(code.clone(), Answer::from(l + 1)); }
        let after = score(rb, &raised).unwrap();
        prop_assert!(after.index_exact >= before.index_exact);
        prop_assert!(after.total_score >= before.total_score);
    }

    #[test]
    fn innovation_order_does_not_matter((y, sub) in any_submission(), seed in any::<u64>()) {
        let rb = rubric(y);
        let mut shuffled = sub.clone();
        let mut rng = iid::synthetic::SplitMix64::new(seed);
        for i in (1..shuffled.innovations.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            shuffled.innovations.swap(i, j);
        }
        let a = score(rb, &sub).unwrap();
        let b = score(rb, &shuffled).unwrap();
        prop_assert_eq!(a.index_exact, b.index_exact);
        prop_assert_eq!(a.total_score, b.total_score);
        prop_assert_eq!(&a.predicate, &b.predicate);
        prop_assert_eq!(&a.yandas_covered, &b.yandas_covered);
        prop_assert_eq!(&a.breakdown.aspects, &b.breakdown.aspects);
    }

    #[test]
    fn submissions_round_trip_through_json((_y, sub) in any_submission()) {
        let text = serde_json::to_string(&sub).unwrap();
        let back = Submission::from_json(&text).unwrap();
        prop_assert_eq!(&back, &sub);
    }

    #[test]
    fn the_fast_summary_agrees_with_the_full_result((y, sub) in any_submission()) {
        let rb = rubric(y);
        let full = score(rb, &sub).unwrap();
        let s = iid::prepare(rb, &sub).unwrap().summary(rb);
        prop_assert_eq!(s.index(rb), full.index);
        prop_assert_eq!(s.predicate(rb), full.predicate.as_str());
        prop_assert_eq!(s.total_score(rb), full.total_score);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = common::score_json(&text, None);
    }

    #[test]
    fn arbitrary_json_values_never_panic(v in arb_json()) {
        let _ = common::score_json(&v.to_string(), None);
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..10).prop_map(|n| json!(n)),
        (-5.0f64..5.0).prop_map(|f| json!(f)),
        prop::sample::select(vec!["iid-2026", "1", "16", "kesehatan", "x", ""])
            .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "methodology",
                    "spd",
                    "innovations",
                    "id",
                    "levels",
                    "urusan",
                    "1",
                    "16",
                    "level",
                    "region"
                ])
                .prop_map(String::from),
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// The shortcut of the affair lookup: a spelling `is_normal_affair`
    /// accepts is exactly what normalising makes of it, and every
    /// normalised ASCII spelling is accepted; so the lookup that skips
    /// normalising such a spelling answers as the one that does not.
    #[test]
    fn normal_affair_spellings_are_their_own_normal_form(s in prop_oneof![
        "[ a-zA-Z0-9_,.-]{0,24}",
        prop::sample::select(vec![
            "kesehatan", "Kesehatan", " pendidikan ", "PUPR", "pupr_", "_sosial",
            "tenaga_kerja", "Tenaga  Kerja", "tenaga__kerja", "trantibum-linmas",
        ])
        .prop_map(String::from),
    ]) {
        use iid::model::rubric::{is_normal_affair, normalize_affair};
        let n = normalize_affair(&s);
        if is_normal_affair(&s) {
            prop_assert_eq!(&n, &s);
        }
        prop_assert_eq!(is_normal_affair(&n), !n.is_empty());
        let r = builtin::get("iid-2026").unwrap();
        prop_assert_eq!(r.affair(&s), r.affair(&n));
    }
}
