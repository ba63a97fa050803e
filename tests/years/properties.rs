//! Properties of `diff` over arbitrary pairs of years (proptest): under
//! any two methodologies (every embedded one, and user rubrics with the
//! innovation-zero and not-assessable mandatory rules and a plain sum),
//! the parts sum exactly to the change of the exact index, the published
//! parts to the published change, items to their part; each published
//! figure is within one unit (0.01) of its exact value; the change is the
//! difference of the two indices the scorer gives; and the methodology
//! part agrees with the history's like-for-like line.

use std::collections::BTreeMap;

use crate::common::years::{add, cents, diff_adds_up, frac};
use iid::api::{self, DiffCall, HistoryCall, RubricArg};
use iid::model::submission::{Answer, Innovation, Submission};
use iid::{CompiledRubric, Mode};
use proptest::prelude::*;
use serde_json::Value;

const AFFAIRS: &[&str] = &[
    "pendidikan",
    "kesehatan",
    "pupr",
    "perumahan",
    "trantibumlinmas",
    "sosial",
    "pertanian",
    "perhubungan",
];

/// User rubrics the cases may name (same catalogue, other rules).
const USER: &[&str] = &[
    r#"{"extends": "iid-2026", "id": "t-zero", "name": "t", "status": "custom", "year": 2026,
        "mandatory_rule": "innovation_zero"}"#,
    r#"{"extends": "iid-2027", "id": "t-block", "name": "t", "status": "custom", "year": 2027,
        "mandatory_rule": "not_assessable"}"#,
    r#"{"extends": "iid-2026", "id": "t-sum", "name": "t", "status": "custom", "year": 2025,
        "aggregation": {"kind": "sum", "min_divisor": null, "max_total": null},
        "predicates": [
          {"label": "Tidak Dapat Dinilai", "min": "0.00", "max": "0.00"},
          {"label": "Kurang Inovatif", "min": "0.01", "max": "1000.00"},
          {"label": "Sangat Inovatif", "min": "1000.01"}]}"#,
];

const IDS: &[&str] = &[
    "iid-2021", "iid-2022", "iid-2023", "iid-2024", "iid-2025", "iid-2026", "iid-2027", "iid-2028",
    "iid-2029", "t-zero", "t-block", "t-sum",
];

fn rubric(id: &str) -> CompiledRubric {
    match USER
        .iter()
        .find(|u| u.contains(&format!("\"id\": \"{id}\"")))
    {
        Some(text) => CompiledRubric::from_json(text).unwrap(),
        None => iid::builtin(id).unwrap().clone(),
    }
}

/// One innovation of the pool: present or not, its levels, its affair,
/// the earlier years it lists.
type Slot = (bool, Vec<u8>, usize, Vec<u16>);

fn slot() -> impl Strategy<Value = Slot> {
    (
        any::<bool>(),
        prop::collection::vec(0u8..=3, 20),
        0usize..AFFAIRS.len(),
        prop::collection::vec(2019u16..2026, 0..3),
    )
}

fn submission(methodology: &str, spd: &[u8], pool: &[Slot], r: &CompiledRubric) -> Submission {
    let rc: Vec<String> = r.region_indicators().map(|i| i.code.clone()).collect();
    let ic: Vec<String> = r.innovation_indicators().map(|i| i.code.clone()).collect();
    Submission {
        methodology: Some(methodology.into()),
        spd: rc
            .into_iter()
            .zip(spd.iter().map(|&l| Answer::from(l)))
            .collect(),
        innovations: pool
            .iter()
            .enumerate()
            .filter(|(_, s)| s.0)
            .map(|(j, (_, lv, a, before))| Innovation {
                id: format!("inv-{j}"),
                urusan: Some(AFFAIRS[*a].into()),
                entered_before: before.clone(),
                levels: ic
                    .iter()
                    .cloned()
                    .zip(lv.iter().map(|&l| Answer::from(l)))
                    .collect::<BTreeMap<_, _>>(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

fn user_rubrics() -> Vec<RubricArg> {
    USER.iter()
        .map(|t| RubricArg::Inline(t.to_string()))
        .collect()
}

/// The exact index the scorer gives, as a fraction.
fn exact(r: &CompiledRubric, sub: &Submission) -> (i128, i128) {
    let s = iid::prepare(r, sub).unwrap().summary(r);
    if s.assessable() {
        add((0, 1), (s.index_num, s.index_den))
    } else {
        (0, 1)
    }
}

fn case(
    old_id: &str,
    new_id: &str,
    spd: (Vec<u8>, Vec<u8>),
    pool: Vec<(Slot, Slot, bool)>,
    verified: bool,
) -> Result<(), TestCaseError> {
    let (ro, rn) = (rubric(old_id), rubric(new_id));
    let old_pool: Vec<Slot> = pool.iter().map(|p| p.0.clone()).collect();
    // A new innovation keeps last year's levels when `same` is set.
    let new_pool: Vec<Slot> = pool
        .iter()
        .map(|(o, n, same)| {
            if *same && o.0 {
                (n.0, o.1.clone(), o.2, n.3.clone())
            } else {
                n.clone()
            }
        })
        .collect();
    let old = submission(old_id, &spd.0, &old_pool, &ro);
    let new = submission(new_id, &spd.1, &new_pool, &rn);
    let mode = if verified {
        Mode::Verified
    } else {
        Mode::SelfAssessment
    };
    let d = api::diff(&DiffCall {
        old: old.clone(),
        new: new.clone(),
        rubrics: user_rubrics(),
        mode,
    })
    .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let v: Value = serde_json::to_value(&d).unwrap();
    diff_adds_up(&v).map_err(TestCaseError::fail)?;
    // Each published part within one cent of its exact value.
    for p in v["parts"].as_array().unwrap() {
        let (n, den) = frac(&p["fraction"]);
        let gap = i128::from(cents(&p["points"])) * den - 100 * n;
        prop_assert!(gap.abs() < den, "{p}");
    }
    if !verified {
        // The change is the scorer's own: the later year with the earlier
        // one as an earlier entry of the innovations both report.
        let later = |sub: &Submission, other: &Submission, y: Option<u16>, z: Option<u16>| {
            let mut s = sub.clone();
            if let (Some(y), Some(z)) = (y, z) {
                if z < y {
                    for inv in &mut s.innovations {
                        if other.innovations.iter().any(|o| o.id == inv.id) {
                            inv.entered_before.push(z);
                        }
                    }
                }
            }
            s
        };
        let (yo, yn) = (ro.rubric().year, rn.rubric().year);
        let (a, b) = (
            exact(&ro, &later(&old, &new, yo, yn)),
            exact(&rn, &later(&new, &old, yn, yo)),
        );
        prop_assert_eq!(add(b, (-a.0, a.1)), frac(&v["change_fraction"]));
    }
    // The methodology part is the history's like-for-like line.
    if ro.rubric().year != rn.rubric().year {
        let h = api::history(&HistoryCall {
            submissions: vec![old, new],
            methodology: Some(new_id.into()),
            rubrics: user_rubrics(),
            mode,
        })
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let row = h.rows.iter().find(|r| r.input == 0).unwrap();
        prop_assert_eq!(row.index_under, Some(d.old_under_new));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn diff_parts_sum_exactly_to_the_change(
        old_id in prop::sample::select(IDS),
        new_id in prop::sample::select(IDS),
        spd in (prop::collection::vec(0u8..=3, 20), prop::collection::vec(0u8..=3, 20)),
        pool in prop::collection::vec((slot(), slot(), any::<bool>()), 0..24),
        verified in prop::bool::weighted(0.1),
    ) {
        case(old_id, new_id, spd, pool, verified)?;
    }
}

#[test]
fn a_region_with_no_innovations_either_year_changes_by_its_answers_only() {
    // 2023 -> 2026, no innovations: both not assessable (index 0); the
    // SPD answers move F but the assessability part takes it back to 0.
    let r = rubric("iid-2026");
    case(
        "iid-2023",
        "iid-2026",
        (vec![1; 20], vec![3; 20]),
        Vec::new(),
        false,
    )
    .unwrap();
    let d = api::diff(&DiffCall {
        old: submission("iid-2023", &[1; 20], &[], &r),
        new: submission("iid-2026", &[3; 20], &[], &r),
        rubrics: Vec::new(),
        mode: Mode::SelfAssessment,
    })
    .unwrap();
    // SPD 21 -> 63: +42 of 250 = 16.8; assessability -16.8.
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v["change"], "0.00");
    assert_eq!(v["parts"][1]["points"], "16.80");
    assert_eq!(v["parts"][8]["kind"], "assessability");
    assert_eq!(v["parts"][8]["points"], "-16.80");
}
