//! Evidence, verification and the mandatory rule: properties and worked cases.

mod common;

use iid::{model::builtin, score_mode, Mode, Submission};
use proptest::prelude::*;
use serde_json::{json, Value};

const KINDS: &[&str] = &[
    "regulation",
    "decree",
    "photo",
    "report",
    "video",
    "budget_document",
    "agreement",
    "statistics",
];
const STATUS: &[&str] = &["pending", "accepted", "revise", "rejected"];

/// An answer object with random evidence and an optional verification.
fn answer() -> impl Strategy<Value = Value> {
    (
        1u8..=3,
        prop::collection::vec((0..KINDS.len(), 2019i32..=2027, any::<bool>()), 0..3),
        prop::option::of((0..STATUS.len(), prop::option::of(0u8..=3))),
    )
        .prop_map(|(level, items, verification)| {
            let evidence: Vec<Value> = items
                .into_iter()
                .map(|(k, y, url)| {
                    let mut e = json!({"kind": KINDS[k], "issued": format!("{y}-06-30")});
                    if url {
                        e["url"] = json!("https://example.go.id/x");
                    }
                    e
                })
                .collect();
            let mut a = json!({"level": level, "evidence": evidence});
            if let Some((s, l)) = verification {
                let mut v = json!({"status": STATUS[s]});
                if let Some(l) = l {
                    v["level"] = json!(l.min(level));
                }
                a["verification"] = v;
            }
            a
        })
}

fn submission() -> impl Strategy<Value = Value> {
    let spd_codes = ["1", "2a", "8", "12", "14"];
    let sid_codes = ["16", "17", "18", "33", "35"];
    (
        prop::collection::vec(answer(), spd_codes.len()),
        prop::collection::vec(
            (prop::collection::vec(answer(), sid_codes.len()), 0usize..6),
            1..14,
        ),
    )
        .prop_map(move |(spd, invs)| {
            let affairs = [
                "pendidikan",
                "kesehatan",
                "pupr",
                "perumahan",
                "trantibumlinmas",
                "sosial",
            ];
            let spd: serde_json::Map<String, Value> = spd_codes
                .iter()
                .zip(spd)
                .map(|(c, a)| (c.to_string(), a))
                .collect();
            let innovations: Vec<Value> = invs
                .into_iter()
                .enumerate()
                .map(|(j, (answers, a))| {
                    let levels: serde_json::Map<String, Value> = sid_codes
                        .iter()
                        .zip(answers)
                        .map(|(c, a)| (c.to_string(), a))
                        .collect();
                    json!({"id": format!("i{j}"), "urusan": affairs[a], "levels": levels})
                })
                .collect();
            json!({"methodology": "iid-2026", "spd": spd, "innovations": innovations})
        })
}

fn index(v: &Value, mode: Mode) -> rust_decimal::Decimal {
    let sub = Submission::from_value(v.clone()).unwrap();
    score_mode(builtin::get("iid-2026").unwrap(), &sub, mode)
        .unwrap()
        .index_exact
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn verified_index_never_exceeds_self_index(v in submission()) {
        prop_assert!(index(&v, Mode::Verified) <= index(&v, Mode::SelfAssessment));
    }

    #[test]
    fn accepting_an_answer_never_lowers_the_verified_index(v in submission(), pick in any::<prop::sample::Index>()) {
        let before = index(&v, Mode::Verified);
        let mut accepted = v.clone();
        // Pick one answer and mark it accepted at its claimed level.
        let mut paths = Vec::new();
        for c in accepted["spd"].as_object().unwrap().keys() {
            paths.push(("spd".to_string(), None, c.clone()));
        }
        for (j, inv) in accepted["innovations"].as_array().unwrap().iter().enumerate() {
            for c in inv["levels"].as_object().unwrap().keys() {
                paths.push(("inv".to_string(), Some(j), c.clone()));
            }
        }
        let (_, j, code) = paths[pick.index(paths.len())].clone();
        let ans = match j {
            None => &mut accepted["spd"][&code],
            Some(j) => &mut accepted["innovations"][j]["levels"][&code],
        };
        ans["verification"] = json!({"status": "accepted"});
        prop_assert!(index(&accepted, Mode::Verified) >= before);
    }

    #[test]
    fn adding_evidence_that_meets_the_rule_never_lowers_the_verified_index(v in submission()) {
        let before = index(&v, Mode::Verified);
        let mut proven = v.clone();
        // Row 16 accepts a regulation with no window.
        for inv in proven["innovations"].as_array_mut().unwrap() {
            inv["levels"]["16"]["evidence"].as_array_mut().unwrap().push(json!({"kind": "regulation"}));
        }
        prop_assert!(index(&proven, Mode::Verified) >= before);
    }

    #[test]
    fn audit_points_are_the_verified_gap_when_nothing_else_moves(v in submission()) {
        // Both modes share n, the divisor and the affairs (so the count
        // score): the gap is exactly the sum of the rows' points at risk,
        // unless nothing is proven and the verified mode is not assessable.
        let text = v.to_string();
        let audit = common::check(&text, None).unwrap();
        prop_assume!(audit.modes.verified.predicate != "Tidak Dapat Dinilai");
        let s = index(&v, Mode::SelfAssessment);
        let ver = index(&v, Mode::Verified);
        let gap = s - ver;
        let diff = (audit.total_points_at_risk - gap).abs();
        prop_assert!(diff < rust_decimal::Decimal::new(1, 8), "points {} gap {}", audit.total_points_at_risk, gap);
    }
}

#[test]
fn bare_levels_score_as_before_in_both_modes_claimed_figures() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/kabupaten-contoh.json"
    ))
    .unwrap();
    let s = common::score_mode(&text, None, Mode::SelfAssessment).unwrap();
    let v = common::score_mode(&text, None, Mode::Verified).unwrap();
    assert_eq!(s.index.to_string(), "37.98");
    let m = v.modes.as_ref().unwrap();
    assert_eq!(m.self_assessment.index.to_string(), "37.98");
    // No evidence at all: nothing survives verification but rows without a rule.
    assert_eq!(m.verified.index.to_string(), "0.00");
    assert_eq!(v.index.to_string(), "0.00");
    assert!(v.findings.iter().any(|f| f.code == "evidence_insufficient"));
}

fn rubric_with(rule: &str) -> String {
    let mut r: Value = serde_json::from_str(
        builtin::SOURCES
            .iter()
            .find(|(id, _)| *id == "iid-2026")
            .unwrap()
            .1,
    )
    .unwrap();
    r["id"] = json!("iid-2026-test");
    r["mandatory_rule"] = json!(rule);
    r.to_string()
}

#[test]
fn mandatory_rule_innovation_zero_zeroes_the_innovation() {
    // Two innovations: one answers every mandatory row (16, 17, 32, 33, 35 at 1),
    // the other misses row 35.
    let full = json!({"16": 1, "17": 1, "32": 1, "33": 1, "35": 1, "18": 3});
    let mut short = full.clone();
    short.as_object_mut().unwrap().remove("35");
    let sub = json!({"innovations": [
        {"id": "ok", "urusan": "sosial", "levels": full},
        {"id": "short", "urusan": "sosial", "levels": short}]});
    let finding = common::score(&sub.to_string(), Some(&rubric_with("finding"))).unwrap();
    let zero = common::score(&sub.to_string(), Some(&rubric_with("innovation_zero"))).unwrap();
    // ok: 3+2+2+3+4 (level 1) + 2x3 (row 18) = 20; short: 20 - 4 = 16.
    assert_eq!(finding.sid_average.to_string(), "3"); // 36 / 12
    assert_eq!(zero.sid_average.to_string(), "1.6666666667"); // 20 / 12
    assert_eq!(zero.innovation_count, 2); // still counted in n
    let blocked = common::score(&sub.to_string(), Some(&rubric_with("not_assessable"))).unwrap();
    assert_eq!(blocked.index.to_string(), "0.00");
    assert_eq!(blocked.predicate, "Tidak Dapat Dinilai");
    assert!(!blocked.assessable);
}

#[test]
fn agencies_report_participation() {
    let sub = json!({"methodology": "iid-2026",
        "agencies": ["Dinas Kesehatan", "Dinas Sosial", "Bappeda"],
        "innovations": [
            {"id": "a", "agency": "Dinas Kesehatan", "levels": {"16": 3}},
            {"id": "b", "agency": "dinas kesehatan", "levels": {"16": 1}},
            {"id": "c", "agency": "Dinas Sosial", "levels": {"16": 2}}]});
    let r = common::score(&sub.to_string(), None).unwrap();
    assert_eq!(r.agencies_without_innovations, vec!["Bappeda".to_string()]);
    let kes = r
        .agencies
        .iter()
        .find(|a| a.agency == "Dinas Kesehatan")
        .unwrap();
    assert_eq!(kes.innovations, 2);
    // rows 9 + 3 = 12, / 12 = 1; index points 1 x 0.4 = 0.4
    assert_eq!(kes.score.to_string(), "1");
    assert_eq!(kes.index_points.to_string(), "0.4");
    assert_eq!(r.agencies[0].agency, "Dinas Kesehatan"); // highest contribution first
}
