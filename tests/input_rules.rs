//! The input rules every surface shares (docs/format.md): one JSON
//! document per file, one rule for numbers as levels, unknown fields are
//! errors, dates from 1900, and the small cases the hostile-input campaign
//! found.

use iid::{builtin, PlanOptions, Submission};

fn err(text: &str) -> (String, String, String) {
    let e = Submission::from_json(text)
        .map_err(iid::Error::from)
        .and_then(|s| iid::score(builtin("iid-2026").unwrap(), &s).map_err(Into::into))
        .unwrap_err();
    (e.code().to_string(), e.path().to_string(), e.to_string())
}

#[test]
fn a_document_followed_by_anything_is_an_error() {
    for text in [
        r#"{"methodology": "iid-2026", "spd": {"1": 3}}{"spd": {"1": 1}}"#,
        r#"{"methodology": "iid-2026"}x"#,
        "{\"methodology\": \"iid-2026\"}\u{0}",
        r#"{"methodology": "iid-2026"} {}"#,
    ] {
        let (code, path, _) = err(text);
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("input_json", "$"),
            "{text:?}"
        );
    }
    // Whitespace after the document and a byte-order mark before it are fine.
    assert!(Submission::from_json("\u{feff}{\"methodology\": \"iid-2026\"}\n\n").is_ok());
    // The same rule for plan options and change lists.
    assert_eq!(
        PlanOptions::from_json(r#"{"target": "next"} {"target": "next"}"#)
            .unwrap_err()
            .code(),
        "input_json"
    );
    let e = iid::analysis::whatif::parse_changes("[] []").unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_json", "changes"));
    // And rubric files (in their own layer).
    let e = iid::CompiledRubric::from_json(r#"{"extends": "iid-2026"} x"#).unwrap_err();
    assert_eq!((e.code(), e.path()), ("rubric_json", "$"));
}

#[test]
fn one_rule_for_numbers_as_levels() {
    // A number whose fraction is zero is that whole number: 3.0 is 3.
    let three = Submission::from_json(r#"{"methodology": "iid-2026", "spd": {"1": 3.0}}"#).unwrap();
    assert_eq!(three.spd["1"].level().0, 3);
    let zero = Submission::from_json(r#"{"methodology": "iid-2026", "spd": {"1": -0.0}}"#).unwrap();
    assert_eq!(zero.spd["1"].level().0, 0);
    // Everything else is an error that shows the number as given.
    for (value, says) in [
        ("2.5", "level 2.5 is not a whole number"),
        ("-1", "level -1 is negative"),
        ("-1.0", "level -1.0 is negative"),
        ("1e300", "level 1e300 out of range"),
        (
            "18446744073709551616",
            "level 1.8446744073709552e19 out of range",
        ),
        ("10", "level 10 out of range"),
    ] {
        let (code, path, message) = err(&format!(
            r#"{{"methodology": "iid-2026", "spd": {{"1": {value}}}}}"#
        ));
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("input_json", "spd.1"),
            "{value}"
        );
        assert!(message.contains(says), "{value}: {message}");
    }
    // The rule is one function, which the table form uses as well.
    assert_eq!(iid::Level::from_f64(3.0), Ok(iid::Level(3)));
    assert!(iid::Level::from_f64(f64::NAN).is_err());
    assert!(iid::Level::from_f64(f64::INFINITY).is_err());
}

#[test]
fn region_metadata_rejects_unknown_fields_and_dates_start_in_1900() {
    let (code, path, _) = err(r#"{"methodology": "iid-2026", "region": {"kode": "33.18"}}"#);
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("input_json", "region.kode")
    );
    let (code, path, message) = err(
        r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "implemented_on": "1899-12-31"}]}"#,
    );
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("input_json", "innovations[0].implemented_on")
    );
    assert!(message.contains("before 1900-01-01"), "{message}");
    assert!(Submission::from_json(
        r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "implemented_on": "1900-01-01"}]}"#
    )
    .is_ok());
}

#[test]
fn an_index_target_of_zero_is_reached_at_cost_zero() {
    let r = builtin("iid-2026").unwrap();
    let sub = Submission::from_json(r#"{"methodology": "iid-2026"}"#).unwrap();
    assert_eq!(iid::score(r, &sub).unwrap().index.to_string(), "0.00");
    let p = iid::plan(
        r,
        &sub,
        &PlanOptions::from_json(r#"{"target": "0"}"#).unwrap(),
    )
    .unwrap();
    assert!(p.reachable, "{}", p.message_en);
    assert_eq!(p.total_cost.to_string(), "0");
    assert!(p.steps.is_empty());
}

#[test]
fn an_unknown_methodology_is_bad_input_at_methodology() {
    let sub = Submission::from_json(r#"{"methodology": "iid-1999"}"#).unwrap();
    let e = iid::api::score(&iid::api::ScoreCall::new(sub)).unwrap_err();
    assert_eq!(
        (e.code(), e.path(), e.layer()),
        ("unknown_methodology", "methodology", iid::Layer::Input)
    );
}

#[test]
fn objects_of_the_format_are_objects_not_lists_of_their_fields() {
    // serde's derived readers would take a list of a struct's fields in
    // order; the format does not, at any depth and from text or a value.
    for (text, at) in [
        (r#"["iid-2026"]"#, "$"),
        (
            r#"{"methodology": "iid-2026", "region": ["33.18"]}"#,
            "region",
        ),
        (
            r#"{"methodology": "iid-2026", "innovations": [["inv-1"]]}"#,
            "innovations[0]",
        ),
        (
            r#"{"methodology": "iid-2026", "spd": {"1": {"level": 3, "evidence": [["decree"]]}}}"#,
            "spd.1.evidence[0]",
        ),
        (
            r#"{"methodology": "iid-2026", "spd": {"1": {"level": 3, "verification": ["accepted"]}}}"#,
            "spd.1.verification",
        ),
    ] {
        let (code, path, message) = err(text);
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("input_json", at),
            "{text}: {message}"
        );
        assert!(message.contains("expected an object"), "{message}");
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let e = Submission::from_value(value).unwrap_err();
        assert_eq!(iid::Error::from(e).path(), at, "{text}");
    }
    // So is an innovation a change adds.
    let bad = r#"[{"op": "add_innovation", "innovation": ["inv-9", "Inovasi"]}]"#;
    let e = iid::analysis::whatif::parse_changes(bad).unwrap_err();
    assert_eq!(e.path(), "changes[0].innovation", "{e}");
    assert!(e.to_string().contains("expected an object"), "{e}");
    let good = r#"[{"op": "add_innovation", "innovation": {"id": "inv-9"}}]"#;
    assert!(iid::analysis::whatif::parse_changes(good).is_ok());
    // null stays "none" where the field is optional.
    let s = Submission::from_json(r#"{"methodology": "iid-2026", "region": null}"#).unwrap();
    assert!(s.region.is_none());
}

#[test]
fn options_and_award_definitions_are_objects_not_lists_of_their_fields() {
    use iid::analysis::risk::odds::OddsOptions;
    use iid::model::award::AwardDefinition;
    use iid::MarginalOptions;
    use serde_json::json;

    let award: serde_json::Value =
        serde_json::from_str(include_str!("../crates/iid/awards/iga-2025.json")).unwrap();
    assert!(AwardDefinition::from_value(award.clone()).is_ok());
    for (pointer, list, at) in [
        ("/field", json!(["0", "100"]), "field"),
        ("/final", json!(["0", "1", "1", 2]), "final"),
        ("/presentation", json!(["0", "100"]), "presentation"),
        (
            "/presentation/criteria/0",
            json!(["kebaruan"]),
            "presentation.criteria[0]",
        ),
        ("/clusters/0", json!(["papua", "Papua"]), "clusters[0]"),
        (
            "/clusters/0/members",
            json!([["kabupaten"]]),
            "clusters[0].members",
        ),
        ("/side_awards", json!([["x", "X"]]), "side_awards[0]"),
        ("/provenance", json!([[], [], []]), "provenance"),
        (
            "/provenance/documents",
            json!([["SK"]]),
            "provenance.documents[0]",
        ),
    ] {
        let mut v = award.clone();
        *v.pointer_mut(pointer).unwrap() = list;
        for e in [
            AwardDefinition::from_value(v.clone()).unwrap_err(),
            AwardDefinition::from_json(&v.to_string()).unwrap_err(),
        ] {
            let e = iid::Error::from(e);
            assert_eq!((e.code(), e.path()), ("rubric_json", at), "{pointer}: {e}");
            assert!(e.to_string().contains("expected an object"), "{e}");
        }
    }
    let e = iid::Error::from(AwardDefinition::from_json(r#"["iga", "IGA"]"#).unwrap_err());
    assert!(e.to_string().contains("expected an object"), "{e}");

    // Plan options, their costs and template, marginal and odds options.
    for (text, at) in [
        (r#"["next"]"#, "$"),
        (r#"{"target": "next", "costs": [null, {}]}"#, "costs"),
        (
            r#"{"target": "next", "costs": {"template": ["Inovasi"]}}"#,
            "costs.template",
        ),
    ] {
        let e = PlanOptions::from_json(text).unwrap_err();
        assert_eq!((e.code(), e.path()), ("input_json", at), "{text}: {e}");
        assert!(e.to_string().contains("expected an object"), "{e}");
    }
    let e = MarginalOptions::from_json(r#"{"template": ["Inovasi"]}"#).unwrap_err();
    assert_eq!(e.path(), "template", "{e}");
    let e = OddsOptions::from_json(r#"{"classes": ["0.9"]}"#).unwrap_err();
    assert_eq!(e.path(), "odds.classes", "{e}");
    let e = OddsOptions::from_json(r#"[{}]"#).unwrap_err();
    assert!(e.to_string().contains("expected an object"), "{e}");
    // The objects themselves still read, and null stays "none" where optional.
    assert!(PlanOptions::from_json(r#"{"target": "next", "costs": {"template": null}}"#).is_ok());
    assert!(OddsOptions::from_json(r#"{"classes": {"accepted": "0.9"}}"#).is_ok());
}

#[test]
fn a_call_document_gives_no_key_twice_at_any_depth() {
    use iid::api::{call_json, Operation};
    let call = |text: &str| call_json(Operation::Score, text);
    let ok = r#"{"submission": {"methodology": "iid-2026", "spd": {"1": 3}}, "mode": "self"}"#;
    assert!(call(ok).is_ok());
    for (text, at) in [
        // The submission read alone is an error here; inside a call too.
        (
            r#"{"submission": {"methodology": "iid-2026", "spd": {"1": 3, "1": 1}}}"#,
            "submission.spd",
        ),
        (
            r#"{"submission": {"methodology": "iid-2026"}, "mode": "self", "mode": "verified"}"#,
            "$",
        ),
        (
            r#"{"submission": {"methodology": "iid-2026"}, "submission": {"methodology": "iid-2023"}}"#,
            "$",
        ),
    ] {
        let e = call(text).unwrap_err();
        assert_eq!((e.code(), e.path()), ("input_json", at), "{text}: {e}");
        assert!(e.to_string().contains("duplicate key"), "{e}");
    }
    // An inline rubric, which its own reader would take with the last key.
    let inline = r#"{"submission": {"methodology": "iid-2026"}, "rubric": {"extends": "iid-2026", "extends": "iid-2023"}}"#;
    let e = call(inline).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input_json", "rubric"), "{e}");
    assert!(e.to_string().contains("duplicate key `extends`"), "{e}");
    // The same rule for a call's options beside a submission.
    let sub = r#"{"methodology": "iid-2026"}"#;
    let e = iid::api::call_parts(
        Operation::Whatif,
        sub,
        Some(r#"{"changes": [], "changes": []}"#),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code(), "input_json", "{e}");
    assert!(e.to_string().contains("duplicate key `changes`"), "{e}");
}
