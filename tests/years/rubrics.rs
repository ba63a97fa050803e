//! Every assessed year: the reconstructed rubrics of 2021, 2022, 2024 and
//! 2025 (deltas of 2023) hold what is published and say what is assumed;
//! one submission scores under every methodology from 2021 to 2029; the
//! two-year rule leaves a third entry out with a finding naming the years.
//! Expected values are worked by hand from docs/rubric.md and the
//! methodology brief.

use iid::model::builtin;
use iid::model::rubric::{Aggregation, RubricStatus};
use iid::Submission;

const RECONSTRUCTED: [u16; 4] = [2021, 2022, 2024, 2025];

#[test]
fn reconstructed_years_keep_the_2023_catalogue_and_say_what_is_assumed() {
    let base = builtin::get("iid-2023").unwrap().rubric();
    for year in RECONSTRUCTED {
        let id = format!("iid-{year}");
        let r = builtin::get(&id).unwrap().rubric();
        assert_eq!(r.year, Some(year), "{id}");
        assert_eq!(r.status, RubricStatus::Reconstructed, "{id}");
        // Published: 2 aspects, 8 variables, 36 indicators (1 to 35,
        // some split into a and b rows, and the count indicator 36).
        assert_eq!(r.aspects.len(), 2, "{id}");
        assert_eq!(r.variables.len(), 8, "{id}");
        let mut numbers: Vec<&str> = r
            .indicators
            .iter()
            .map(|i| i.code.trim_end_matches(char::is_alphabetic))
            .collect();
        numbers.dedup();
        assert_eq!(numbers.len(), 35, "{id}");
        assert_eq!(r.innovation_count.as_ref().unwrap().code, "36", "{id}");
        // Assumed: the 2023 weights and parameters, divisor 10, the 2023
        // count rule (0.38 x MIN(n, 200), no affairs condition).
        assert_eq!(r.indicators, base.indicators, "{id}");
        assert_eq!(
            r.aggregation,
            Aggregation::Normalized {
                min_divisor: 10,
                max_total: Some("250".parse().unwrap())
            },
            "{id}"
        );
        let count = r.innovation_count.as_ref().unwrap();
        assert_eq!(count.points_per_innovation.to_string(), "0.38");
        assert_eq!(count.cap, Some(200));
        assert_eq!(count.basic_services_required, None, "{id}");
        // The 2023 bands.
        let bands: Vec<(String, String, String)> = r
            .predicates
            .iter()
            .map(|b| {
                (
                    b.label.clone(),
                    b.min.to_string(),
                    b.max.unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            bands,
            [
                ("Sangat Inovatif", "60.01", "100.00"),
                ("Inovatif", "35.00", "60.00"),
                ("Kurang Inovatif", "0.01", "34.99"),
                ("Tidak Dapat Dinilai", "0.00", "0.00"),
            ]
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())),
            "{id}"
        );
        // The two-year rule is reported from 2024 (2025 assumed as 2024).
        let el = r.eligibility.as_ref().unwrap();
        assert_eq!(
            el.max_entries.map(|m| m.get()),
            (year >= 2024).then_some(2),
            "{id}"
        );
        // The window: the two years before the assessment year.
        assert_eq!(
            el.implemented_from.unwrap().to_string(),
            format!("{}-01-01", year - 2)
        );
        assert_eq!(
            el.implemented_to.unwrap().to_string(),
            format!("{}-12-31", year - 1)
        );
        // Provenance separates the published from the assumed.
        let p = &r.provenance;
        assert!(
            p.verified.iter().any(|v| v.contains("36 indicators")),
            "{id}: {:?}",
            p.verified
        );
        assert!(
            p.assumed.iter().any(|v| v.contains("divisor 10")),
            "{id}: {:?}",
            p.assumed
        );
        assert!(
            p.assumed.iter().any(|v| v.contains("weights")),
            "{id}: {:?}",
            p.assumed
        );
        assert!(!p.verified.iter().any(|v| v.contains("divisor")), "{id}");
    }
    // What the reports give: 2021's 59.02 and 2022's 58.11 were Inovatif,
    // 2024's bands are confirmed by a report.
    let v = |id: &str| {
        builtin::get(id)
            .unwrap()
            .rubric()
            .provenance
            .verified
            .join(" ")
    };
    assert!(v("iid-2021").contains("59.02"));
    assert!(v("iid-2022").contains("58.11"));
    assert!(v("iid-2024").contains("2024 report"));
    assert!(v("iid-2024").contains("two assessment years"));
    assert!(!v("iid-2025").contains("two assessment years"));
}

#[test]
fn the_embedded_methodologies_run_from_2021_to_2029_in_year_order() {
    let years: Vec<Option<u16>> = builtin::all().map(|r| r.rubric().year).collect();
    assert_eq!(years, (2021..=2029).map(Some).collect::<Vec<_>>());
}

/// SPD all at 3 (63 of 63), ten innovations with row 16 at 3 (weight 3:
/// 9 each, 90 in all) covering 5 of the 6 basic-service affairs.
fn ten_innovations() -> Submission {
    let affairs = ["pendidikan", "kesehatan", "pupr", "perumahan", "sosial"];
    let innovations: Vec<String> = (0..10)
        .map(|j| {
            format!(
                r#"{{"id": "inv-{j}", "urusan": "{}", "levels": {{"16": 3}}}}"#,
                affairs[j % 5]
            )
        })
        .collect();
    let spd: Vec<String> = builtin::get("iid-2026")
        .unwrap()
        .region_indicators()
        .map(|i| format!("\"{}\": 3", i.code))
        .collect();
    Submission::from_json(&format!(
        r#"{{"spd": {{{}}}, "innovations": [{}]}}"#,
        spd.join(", "),
        innovations.join(", ")
    ))
    .unwrap()
}

#[test]
fn one_submission_scores_under_every_methodology_from_2021_to_2029() {
    let sub = ten_innovations();
    // 2021-2025: d 10, count 0.38 x 10 = 3.8 with no affairs condition:
    //   63 + 90/10 + 3.8 = 75.8 of 250 = 30.32, Kurang Inovatif (to 34.99).
    // 2026: d 12, 5 of 6 affairs meet the rule: 63 + 7.5 + 3.8 = 74.3 = 29.72.
    // 2027: d 14, 6 of 6 required, so no count: 63 + 90/14 = 69.4285714286
    //   of 250 = 27.7714285714 -> 27.77.
    // 2028: d 16: 63 + 5.625 = 68.625 = 27.45.
    // 2029: d 18: 63 + 5 = 68 = 27.20.
    let want = [
        ("iid-2021", "30.32", "30.32"),
        ("iid-2022", "30.32", "30.32"),
        ("iid-2023", "30.32", "30.32"),
        ("iid-2024", "30.32", "30.32"),
        ("iid-2025", "30.32", "30.32"),
        ("iid-2026", "29.72", "29.72"),
        ("iid-2027", "27.77", "27.7714285714"),
        ("iid-2028", "27.45", "27.45"),
        ("iid-2029", "27.20", "27.2"),
    ];
    for (id, index, exact) in want {
        let r = iid::score(builtin::get(id).unwrap(), &sub).unwrap();
        assert_eq!(r.index.to_string(), index, "{id}");
        assert_eq!(r.index_exact.to_string(), exact, "{id}");
        assert_eq!(r.predicate, "Kurang Inovatif", "{id}");
    }
}

#[test]
fn a_third_entry_is_left_out_with_a_finding_naming_the_earlier_years() {
    // Two innovations in a 2024 submission; inv-a was entered in 2022 and
    // 2023 already (its third entry), inv-b once, in 2023. The earlier
    // years are not part of the interchange format (history and diff take
    // them from the region's other submissions); a Rust caller sets them.
    let mut sub = Submission::from_json(
        r#"{"methodology": "iid-2024", "innovations": [
            {"id": "inv-a", "urusan": "kesehatan", "levels": {"16": 3}},
            {"id": "inv-b", "urusan": "sosial", "levels": {"16": 2}}]}"#,
    )
    .unwrap();
    sub.innovations[0].entered_before = vec![2023, 2022];
    sub.innovations[1].entered_before = vec![2023];
    let r = iid::score(builtin::get("iid-2024").unwrap(), &sub).unwrap();
    // Only inv-b counts: rows 3 x 2 = 6 over d 10 = 0.6; count 0.38 x 1;
    // total 0.98 of 250 = 0.392 -> 0.39.
    assert_eq!(r.innovation_count, 1);
    assert_eq!(r.index.to_string(), "0.39");
    assert_eq!(r.excluded.len(), 1);
    assert_eq!(r.excluded[0].id, "inv-a");
    let v = serde_json::to_value(&r.excluded[0]).unwrap();
    assert_eq!(v["reason"], "entry_limit");
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "innovation_ineligible")
        .unwrap();
    assert_eq!(f.path, "innovations[0].id");
    assert!(f.message_en.contains("2022 and 2023"), "{}", f.message_en);
    assert!(f.message_en.contains("at most 2"), "{}", f.message_en);
    assert!(f.message_id.contains("2022 dan 2023"), "{}", f.message_id);
    // 2023 has no such rule: both count. Rows 9 + 6 = 15 over 10 = 1.5;
    // count 0.76; total 2.26 = 0.904 -> 0.90.
    let r = iid::score(builtin::get("iid-2023").unwrap(), &sub).unwrap();
    assert_eq!(r.innovation_count, 2);
    assert_eq!(r.index.to_string(), "0.90");
    // Years not before the rubric's year are not earlier entries: under a
    // 2023 rubric with the rule, inv-a has one earlier year (2022) and
    // counts.
    let with_rule = iid::CompiledRubric::from_json(
        r#"{"extends": "iid-2023", "id": "x", "name": "x", "status": "custom",
            "eligibility": {"max_entries": 2}}"#,
    )
    .unwrap();
    let r = iid::score(&with_rule, &sub).unwrap();
    assert_eq!(r.innovation_count, 2);
    // A submission file cannot carry the years: the field is unknown.
    let e = Submission::from_json(r#"{"innovations": [{"id": "a", "entered_before": [2023]}]}"#)
        .unwrap_err();
    assert_eq!(e.code(), "input_json");
    assert_eq!(e.path(), "innovations[0].entered_before");
}

#[test]
fn an_entry_limit_of_zero_is_refused() {
    let e = iid::CompiledRubric::from_json(
        r#"{"extends": "iid-2024", "id": "x", "name": "x", "eligibility": {"max_entries": 0}}"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), "rubric_json");
    assert_eq!(e.path(), "eligibility.max_entries");
}
