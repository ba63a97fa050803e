//! The design-document rule (2026 guideline): an innovation comes with its
//! design document (rancang bangun) of at least 300 words, counted as
//! whitespace-separated tokens. Fewer words leave the innovation out with
//! a finding giving the count; no text at all is a finding only.

use iid::{builtin, score, Submission};

fn words(n: usize) -> String {
    // Mixed whitespace: spaces, a tab and newlines all separate words.
    (0..n)
        .map(|i| format!("kata{i}"))
        .collect::<Vec<_>>()
        .join(if n.is_multiple_of(2) { " " } else { "\t\n " })
}

fn sub(methodology: &str, design: Option<String>) -> Submission {
    let mut v = serde_json::json!({
        "methodology": methodology,
        "spd": {"1": 3},
        "innovations": [
            {"id": "a", "urusan": "kesehatan", "stage": "implemented",
             "implemented_on": "2025-03-01", "levels": {"16": 3}},
            {"id": "b", "urusan": "pendidikan", "stage": "implemented",
             "implemented_on": "2025-03-01", "levels": {"16": 3}, "design": words(300)}
        ]
    });
    if let Some(d) = design {
        v["innovations"][0]["design"] = d.into();
    }
    Submission::from_value(v).unwrap()
}

fn codes(r: &iid::ScoreResult) -> Vec<&str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn three_hundred_words_count_and_two_hundred_ninety_nine_do_not() {
    let r = builtin("iid-2026").unwrap();
    // Innovation b always has 300 words. With a at 300 words both count:
    // SPD 1 x 3 = 3; rows 16 (weight 3) x 3 = 9 twice = 18 over the divisor
    // MAX(12, 2) = 12 = 1.5; total 4.5 of 250 = 1.80 (count score 0: two
    // basic-service affairs, 5 required).
    let ok = score(r, &sub("iid-2026", Some(words(300)))).unwrap();
    assert_eq!(ok.index.to_string(), "1.80");
    assert_eq!(ok.innovation_count, 2);
    assert!(!codes(&ok).contains(&"innovation_ineligible"));
    assert!(!codes(&ok).contains(&"design_missing"));

    // a at 299 words: left out. 3 + 9 / 12 = 3.75 of 250 = 1.50.
    let short = score(r, &sub("iid-2026", Some(words(299)))).unwrap();
    assert_eq!(short.index.to_string(), "1.50");
    assert_eq!(short.innovation_count, 1);
    let f = short
        .findings
        .iter()
        .find(|f| f.code == "innovation_ineligible")
        .expect("a finding");
    assert_eq!(f.path, "innovations[0].design");
    assert!(
        f.message_en.contains("299 words, fewer than 300"),
        "{}",
        f.message_en
    );
    assert!(f.message_id.contains("299 kata"), "{}", f.message_id);
}

#[test]
fn no_design_text_is_a_finding_only() {
    let r = builtin("iid-2026").unwrap();
    let none = score(r, &sub("iid-2026", None)).unwrap();
    assert_eq!(none.index.to_string(), "1.80");
    assert_eq!(none.innovation_count, 2);
    let f = none
        .findings
        .iter()
        .find(|f| f.code == "design_missing")
        .unwrap();
    assert!(f.message_en.contains("(a)"), "{}", f.message_en);
    // Empty text is a text of 0 words, not a missing one.
    let empty = score(r, &sub("iid-2026", Some("  \n ".into()))).unwrap();
    assert_eq!(empty.innovation_count, 1);
}

#[test]
fn the_rule_is_rubric_data_2023_has_none_and_prognoses_inherit_it() {
    assert_eq!(
        builtin("iid-2023")
            .unwrap()
            .rubric()
            .eligibility
            .as_ref()
            .unwrap()
            .design_min_words,
        None
    );
    for id in ["iid-2026", "iid-2027", "iid-2028", "iid-2029"] {
        let el = builtin(id).unwrap().rubric().eligibility.clone().unwrap();
        assert_eq!(el.design_min_words, Some(300), "{id}");
    }
    let r = builtin("iid-2023").unwrap();
    let mut s = sub("iid-2023", Some(words(3)));
    s.innovations[0].implemented_on = Some(iid::Date::parse("2022-03-01").unwrap());
    s.innovations[1].implemented_on = Some(iid::Date::parse("2022-03-01").unwrap());
    let res = score(r, &s).unwrap();
    assert_eq!(res.innovation_count, 2);
    assert!(!codes(&res).contains(&"design_missing"));
}

#[test]
fn a_design_beyond_the_size_limit_is_refused_with_its_path() {
    let r = builtin("iid-2026").unwrap();
    let big = "a ".repeat(iid::model::values::MAX_DESIGN_CHARS / 2 + 1);
    let e = score(r, &sub("iid-2026", Some(big))).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("input_too_large", "innovations[0].design")
    );
}
