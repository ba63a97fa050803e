//! Marginal value: every gain equals rescoring the submission with that
//! one step; the empty-seat and break-even figures worked by hand.

use std::collections::BTreeMap;

use iid::analysis::marginal::{marginal, MarginalKind};
use iid::analysis::plan::MarginalOptions;
use iid::analysis::whatif::{apply, Change};
use iid::model::submission::{Answer, Innovation, Submission};
use iid::scoring::ratio;
use iid::{model::builtin, prepare, CompiledRubric, Level, Rubric};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn r2026() -> &'static CompiledRubric {
    builtin::get("iid-2026").unwrap()
}

fn example(name: &str) -> Submission {
    let text =
        std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    Submission::from_json(&text).unwrap()
}

fn exact(r: &CompiledRubric, sub: &Submission) -> (i128, i128) {
    let s = prepare(r, sub).unwrap().summary(r);
    if s.assessable() {
        (s.index_num, s.index_den)
    } else {
        (0, 1)
    }
}

/// Every item's gain is the exact difference rescoring gives, and items
/// come largest first.
fn check_against_rescoring(
    r: &CompiledRubric,
    sub: &Submission,
    template: &BTreeMap<String, Answer>,
) {
    let options = MarginalOptions::from_json(&format!(
        r#"{{"template": {{"levels": {}}}}}"#,
        serde_json::to_string(template).unwrap()
    ))
    .unwrap();
    let m = marginal(r, sub, &options).unwrap();
    let base = exact(r, sub);
    let mut gains = Vec::new();
    for item in &m.items {
        let change = match item.kind {
            MarginalKind::RegionStep => Change::Set {
                innovation: None,
                indicator: item.indicator.clone().unwrap(),
                level: Level(item.to.unwrap()),
            },
            MarginalKind::InnovationStep => Change::Set {
                innovation: item.innovation.clone(),
                indicator: item.indicator.clone().unwrap(),
                level: Level(item.to.unwrap()),
            },
            MarginalKind::NewInnovation => Change::AddInnovation {
                innovation: Innovation {
                    id: "marginal-new".into(),
                    urusan: item.urusan.clone(),
                    levels: template.clone(),
                    ..Default::default()
                },
            },
        };
        let (changed, _) = apply(r, sub, &[change]).unwrap();
        let after = exact(r, &changed);
        let want = ratio(after.0 * base.1 - base.0 * after.1, base.1 * after.1, 10).normalize();
        assert_eq!(item.gain, want, "{item:?}");
        let res = iid::score(r, &changed).unwrap();
        assert_eq!(item.index_after, res.index);
        assert_eq!(item.predicate_after, res.predicate);
        gains.push(after);
    }
    for w in gains.windows(2) {
        // a/b >= c/d, cross-multiplied (all positive denominators).
        assert!(w[0].0 * w[1].1 >= w[1].0 * w[0].1);
    }
}

#[test]
fn gains_equal_rescoring_on_the_examples() {
    let template: BTreeMap<String, Answer> = [("16", 2u8), ("17", 1), ("33", 2), ("35", 3)]
        .into_iter()
        .map(|(c, l)| (c.to_string(), Answer::from(l)))
        .collect();
    for name in ["kabupaten-contoh.json", "kota-bukti-dukung.json"] {
        check_against_rescoring(r2026(), &example(name), &template);
    }
    for seed in 0..6 {
        let sub = iid::synthetic::national(r2026(), 1, 5 + 3 * seed as usize, seed).remove(0);
        check_against_rescoring(r2026(), &sub, &template);
    }
}

#[test]
fn gains_equal_rescoring_under_the_other_mandatory_rules() {
    for rule in ["innovation_zero", "not_assessable"] {
        let mut rb: Rubric = r2026().rubric().clone();
        rb.mandatory_rule = serde_json::from_str(&format!("\"{rule}\"")).unwrap();
        let r = iid::CompiledRubric::new(rb).unwrap();
        let mut sub = example("kabupaten-contoh.json");
        // inv-03 and inv-04 leave mandatory row 16 unanswered.
        sub.innovations[2].levels.remove("16");
        sub.innovations[3].levels.remove("16");
        check_against_rescoring(&r, &sub, &BTreeMap::new());
    }
}

/// Kabupaten Contoh: 8 innovations below the divisor 12, four empty
/// seats. The default template takes each row's lower median over the
/// eight innovations; one more such innovation adds its row score / 12
/// plus 0.38, times 100 / 250.
#[test]
fn empty_seats_and_the_default_template() {
    let sub = example("kabupaten-contoh.json");
    let m = marginal(r2026(), &sub, &MarginalOptions::default()).unwrap();
    assert_eq!((m.innovation_count, m.divisor, m.empty_seats), (8, 12, 4));
    assert_eq!(m.min_divisor, Some(12));
    assert_eq!(m.break_even_row_score, Decimal::ZERO);
    assert!(m.yandas_missing.is_empty());
    // The lower median of each row, from the file.
    let mut template = Decimal::ZERO;
    for ind in r2026().innovation_indicators() {
        let mut v: Vec<u8> = sub
            .innovations
            .iter()
            .map(|i| i.levels.get(&ind.code).map_or(0, |a| a.level().0))
            .collect();
        v.sort_unstable();
        template += ind.weight * Decimal::from(v[3]);
    }
    assert_eq!(m.template_row_score, template);
    let new: Vec<_> = m
        .items
        .iter()
        .filter(|i| i.kind == MarginalKind::NewInnovation)
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].fills_empty_seat, Some(true));
    let want = ((template / dec("12") + dec("0.38")) * dec("0.4")).round_dp(10);
    assert_eq!(new[0].gain, want);
    // The count of items: every step left plus one new innovation.
    let left_region: u32 = r2026()
        .region_indicators()
        .map(|i| 3 - u32::from(sub.spd.get(&i.code).map_or(0, |a| a.level().0)).min(3))
        .filter(|&l| l > 0)
        .count() as u32;
    let left_rows: u32 = sub
        .innovations
        .iter()
        .flat_map(|inv| {
            r2026()
                .innovation_indicators()
                .filter(|i| inv.levels.get(&i.code).map_or(0, |a| a.level().0) < 3)
        })
        .count() as u32;
    assert_eq!(m.items.len() as u32, left_region + left_rows + 1);
    // Next predicate: Inovatif at 40.01, 2.03 points above 37.98.
    let next = m.next_predicate.unwrap();
    assert_eq!((next.label.as_str(), next.gap), ("Inovatif", dec("2.03")));
}

/// Kota Contoh: 12 counted innovations, no empty seat; its rows average
/// 74, so a new innovation must score 74 - 13 x 0.38 = 69.06 for the
/// index to hold.
#[test]
fn break_even_above_the_divisor() {
    let m = marginal(
        r2026(),
        &example("kota-bukti-dukung.json"),
        &MarginalOptions::default(),
    )
    .unwrap();
    assert_eq!((m.innovation_count, m.empty_seats), (12, 0));
    assert_eq!(m.break_even_row_score, dec("69.06"));
    let new = m
        .items
        .iter()
        .find(|i| i.kind == MarginalKind::NewInnovation)
        .unwrap();
    assert_eq!(new.fills_empty_seat, Some(false));
    // Its template scores 73 > 69.06: a small gain.
    assert!(m.template_row_score > m.break_even_row_score && new.gain > Decimal::ZERO);
}

/// 4 of 6 basic-service affairs covered: the count score (0.38 x n) is
/// locked. One new innovation in each missing affair is priced; it
/// unlocks 0.38 x 9 = 3.42 points, 1.368 index points, before its rows.
#[test]
fn covering_a_missing_basic_service_affair() {
    let mut sub = example("kabupaten-contoh.json");
    sub.innovations[4].urusan = Some("pertanian".into());
    sub.innovations[5].urusan = Some("pertanian".into());
    let options = MarginalOptions::from_json(r#"{"template": {"urusan": "pertanian"}}"#).unwrap();
    let m = marginal(r2026(), &sub, &options).unwrap();
    assert_eq!(
        m.yandas_missing,
        vec!["trantibumlinmas".to_string(), "sosial".to_string()]
    );
    let new: Vec<_> = m
        .items
        .iter()
        .filter(|i| i.kind == MarginalKind::NewInnovation)
        .collect();
    assert_eq!(new.len(), 3);
    for i in &new {
        let covers = i.covers_basic_service.unwrap();
        let want = if covers { dec("1.368") } else { Decimal::ZERO };
        assert_eq!(i.gain, want, "{i:?}");
        assert_eq!(covers, i.urusan.as_deref() != Some("pertanian"));
    }
    // Largest first: the two unlocking ones head the table.
    assert!(m.items[0].covers_basic_service == Some(true));
}

#[test]
fn bad_template_names_the_field() {
    let e = iid::api::call_parts(
        iid::api::Operation::Marginal,
        &serde_json::to_string(&example("kabupaten-contoh.json")).unwrap(),
        Some(r#"{"template": {"levels": {"35": 7}}}"#),
        None,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("level_out_of_range", "template.levels.35")
    );
}
