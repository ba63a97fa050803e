//! Rubric text: parse and compile, lint, then score submissions against
//! it: a small fixed one and one built from the rubric's own rows, in both
//! modes, with the marginal table and a plan to the next band.
#![no_main]

// The core under test, through its call-and-answer surface (common/text_api.rs).
use common::api;
use iid::CompiledRubric;

use libfuzzer_sys::fuzz_target;

mod common;

/// Fits any rubric whose region and innovation rows include none of these
/// codes only by error; scored for the error paths as much as the result.
const FIXED: &str = r#"{"spd": {"1": 2}, "innovations": [
  {"id": "a", "urusan": "pendidikan", "levels": {"16": 1}},
  {"id": "b", "levels": {}}]}"#;

/// A submission answering every row of the rubric, all at the top level
/// (`top`) or all at level 1: two innovations, the first in the rubric's
/// first affair.
fn own_rows(r: &CompiledRubric, top: bool) -> String {
    let level = |max: u8| if top { max } else { 1 };
    let spd: serde_json::Map<String, serde_json::Value> = (0..r.region_len())
        .map(|i| {
            (
                r.region_code(i).to_string(),
                level(r.region_max_level(i)).into(),
            )
        })
        .collect();
    let levels: serde_json::Map<String, serde_json::Value> = (0..r.innovation_len())
        .map(|i| {
            (
                r.innovation_code(i).to_string(),
                level(r.innovation_max_level(i)).into(),
            )
        })
        .collect();
    let mut first = serde_json::json!({"id": "a", "levels": levels});
    if let Some(a) = r.rubric().affairs.first() {
        first["urusan"] = a.code.clone().into();
    }
    serde_json::json!({
        "spd": spd,
        "innovations": [first, {"id": "b", "levels": levels}],
    })
    .to_string()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = api::text(data) else { return };
    let Ok(compiled) = api::load_rubric(text) else {
        return;
    };
    let _ = api::lint(&compiled);

    let verified = api::parse_mode("verified").unwrap();
    if let Ok(r) = api::score(FIXED, Some(text)) {
        common::check_score(&r);
    }
    if let Ok(r) = api::score_mode(FIXED, Some(text), verified) {
        common::check_score(&r);
    }

    let top = own_rows(&compiled, true);
    if let Ok(r) = api::score(&top, Some(text)) {
        common::check_score(&r);
    }

    let own = own_rows(&compiled, false);
    match api::score(&own, Some(text)) {
        Ok(r) => common::check_score(&r),
        Err(_) => return,
    }
    if let Ok(r) = api::score_mode(&own, Some(text), verified) {
        common::check_score(&r);
    }
    let _ = api::check(&own, Some(text));
    if let Ok(m) = api::marginal(&own, None, Some(text)) {
        common::check_marginal(&m);
    }
    if let Ok(p) = api::plan(&own, r#"{"target": "next"}"#, Some(text)) {
        common::check_plan(&p, Some(text));
    }
});
