//! The quick path against the full path: wherever it answers, it
//! answers alike; anything unusual leaves it.

use super::*;
use crate::model::submission::{Submission, MAX_TEXT_CHARS};
use crate::synthetic::national;

/// The full path's row, when it has one.
fn full(text: &str, rubric: Option<&CompiledRubric>) -> Option<Headline> {
    let sub = Submission::from_json(text).ok()?;
    let r = match rubric {
        Some(r) => r,
        None => builtin::of_submission(&sub).ok()?,
    };
    let s = crate::prepare(r, &sub).ok()?.summary(r);
    let g = sub.region.as_ref();
    Some(Headline::of(
        r,
        &s,
        g.and_then(|g| g.code.clone()),
        g.and_then(|g| g.name.clone()),
    ))
}

fn quick(text: &str, rubric: Option<&CompiledRubric>) -> Option<Headline> {
    let d = &mut serde_json::Deserializer::from_str(text);
    let h = read_headline(&mut *d, rubric, Mode::SelfAssessment)?;
    d.end().ok().map(|_| h)
}

/// Wherever the quick path answers, it answers as the full path does.
fn agree(text: &str, rubric: Option<&CompiledRubric>) -> bool {
    let q = quick(text, rubric);
    if let Some(h) = &q {
        assert_eq!(Some(h), full(text, rubric).as_ref(), "{text}");
    }
    q.is_some()
}

#[test]
fn plain_submissions_take_the_quick_path_and_agree() {
    let r = builtin::get("iid-2026").unwrap();
    for s in national(r, 30, 700, 5) {
        let text = serde_json::to_string(&s).unwrap();
        assert!(agree(&text, None));
        assert!(agree(&text, Some(builtin::get("iid-2027").unwrap())));
    }
}

#[test]
fn every_shared_vector_agrees() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors");
    let mut quick_ones = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if v.get("rubric").is_some() || v.get("mode").is_some_and(|m| m != "self") {
            continue;
        }
        let text = match (&v["input"], v.get("input_text")) {
            (serde_json::Value::Null, Some(t)) => t.as_str().unwrap().to_string(),
            // `methodology` first, as a submission is usually written
            // (a map of serde_json sorts its keys).
            (serde_json::Value::Object(m), _) => {
                let mut fields: Vec<String> = m
                    .iter()
                    .map(|(k, v)| format!("{}: {v}", serde_json::Value::from(k.as_str())))
                    .collect();
                fields.sort_by_key(|f| !f.starts_with("\"methodology\""));
                format!("{{{}}}", fields.join(", "))
            }
            (input, _) => input.to_string(),
        };
        quick_ones += usize::from(agree(&text, None));
        if v.get("expected_error").is_some() {
            assert!(quick(&text, None).is_none(), "{}", path.display());
        }
    }
    assert!(quick_ones >= 5);
}

#[test]
fn anything_unusual_leaves_the_quick_path() {
    let base = r#"{"methodology": "iid-2026", "spd": {"1": 3},
        "innovations": [{"id": "a", "urusan": "kesehatan", "levels": {"16": 2}}]}"#;
    assert!(agree(base, None));
    for text in [
        // the methodology after the answers
        r#"{"spd": {"1": 3}, "methodology": "iid-2026"}"#,
        // answer objects, out of range, unknown and misplaced codes
        r#"{"methodology": "iid-2026", "spd": {"1": {"level": 3}}}"#,
        r#"{"methodology": "iid-2026", "spd": {"1": 4}}"#,
        r#"{"methodology": "iid-2026", "spd": {"99": 1}}"#,
        r#"{"methodology": "iid-2026", "spd": {"16": 1}}"#,
        r#"{"methodology": "iid-2026", "spd": {"1": 1, "1": 2}}"#,
        r#"{"methodology": "iid-2026", "spd": {"1": 2.5}}"#,
        // fields: unknown, repeated
        r#"{"methodology": "iid-2026", "inovations": []}"#,
        r#"{"methodology": "iid-2026", "spd": {}, "spd": {}}"#,
        r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "x": 1}]}"#,
        // innovations: ids, affairs, text
        r#"{"methodology": "iid-2026", "innovations": [{"id": "a"}, {"id": "a"}]}"#,
        r#"{"methodology": "iid-2026", "innovations": [{"id": " "}]}"#,
        r#"{"methodology": "iid-2026", "innovations": [{"levels": {}}]}"#,
        r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "urusan": "Bukan!"}]}"#,
        r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "stage": "x"}]}"#,
        r#"{"methodology": "iid-1999"}"#,
        r#"{"spd": {"1": 3}}"#,
        "[]",
    ] {
        assert!(!agree(text, None), "{text}");
    }
    let long = format!(
        r#"{{"methodology": "iid-2026", "innovations": [{{"id": "{}"}}]}}"#,
        "é".repeat(MAX_TEXT_CHARS + 1)
    );
    assert!(!agree(&long, None));
    let fits = format!(
        r#"{{"methodology": "iid-2026", "innovations": [{{"id": "{}"}}]}}"#,
        "é".repeat(MAX_TEXT_CHARS)
    );
    assert!(agree(&fits, None));
    // eligibility: a stage the rubric leaves out is not counted
    let staged = r#"{"methodology": "iid-2026", "innovations": [
        {"id": "a", "stage": "trial", "levels": {"16": 3}},
        {"id": "b", "stage": "implemented", "implemented_on": "2024-01-01", "levels": {"16": 2}}]}"#;
    assert!(agree(staged, None));
}
