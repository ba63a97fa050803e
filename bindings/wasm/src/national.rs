//! `rank()`, `robustness()`, `award()` and `risk()`, in the national
//! module (`iid_national`, built with the `national` feature): each builds
//! its operation's call document from the arguments and answers through
//! the core's `call_json` (or, for `risk()`, as the operations on one
//! submission do); and the embedded award definitions, `awards()` and
//! `awardDefinition(id)` (and every catalog by name, `catalog()`).

use iid::api::{self, Operation};
use js_sys::JSON;
use wasm_bindgen::prelude::*;

use super::{answer, call, id_arg, js_error, options_of, reply, required};

/// A call document with one more field (`field` set to `value`): the
/// named national functions build their call from their arguments.
fn with_field(call: &JsValue, field: &str, value: &JsValue, what: &str) -> Result<String, JsValue> {
    let options = options_of(call)?.unwrap_or_else(|| "{}".into());
    let value = required(value, field, what)?;
    let rest = options.trim_start().trim_start_matches('{').trim_start();
    let sep = if rest.starts_with('}') { "" } else { "," };
    Ok(format!("{{\"{field}\":{value}{sep}{rest}"))
}

/// The `submissions` argument as the call document takes it: a list as it
/// is; text of a JSON array as it is, JSON Lines text as one JSON string
/// (the core reads either).
fn submissions_of(submissions: JsValue) -> Result<JsValue, JsValue> {
    if !submissions.is_string() {
        return Ok(submissions);
    }
    let text = submissions.as_string().unwrap_or_default();
    if text.trim_start().starts_with('[') {
        Ok(JsValue::from_str(&text))
    } else {
        JSON::stringify(&submissions).map(JsValue::from)
    }
}

/// Answer an operation on many submissions: `options` with the
/// `submissions` field set.
fn on_submissions(
    op: Operation,
    submissions: JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let submissions = submissions_of(submissions)?;
    let call = with_field(
        options,
        "submissions",
        &submissions,
        "a list of submissions",
    )?;
    reply(api::call_json(op, &call))
}

/// Rank many regions (`iid rank --json`): `submissions` is a list of
/// submissions (objects or JSON texts) or JSON Lines text; `options`
/// holds `award`, `rubric`, `mode`, `mixed` and `roster`.
#[wasm_bindgen(unchecked_return_type = "Ranking")]
pub fn rank(
    #[wasm_bindgen(unchecked_param_type = "Submission[] | string")] submissions: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RankOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    on_submissions(Operation::Rank, submissions, &options)
}

/// How robust the ranking is (`iid robustness --json`): `submissions` as
/// for `rank()`; `options` holds the robustness options (`samples`,
/// `seed`, `weight_range`, `divisors`, `verification`, `odds`,
/// `bootstrap`, `mode`), `award` and `rubric`.
#[wasm_bindgen(unchecked_return_type = "Robustness")]
pub fn robustness(
    #[wasm_bindgen(unchecked_param_type = "Submission[] | string")] submissions: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RobustnessCallOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    on_submissions(Operation::Robustness, submissions, &options)
}

/// The stages after the index (`iid award --json`): `ranking` is a
/// ranking (or its `regions`), `scores` the stage scores; `options.award`
/// the definition when the ranking names none.
#[wasm_bindgen(unchecked_return_type = "AwardResult")]
pub fn award(
    #[wasm_bindgen(unchecked_param_type = "Ranking | RankedRegion[]")] ranking: JsValue,
    #[wasm_bindgen(unchecked_param_type = "StageScores")] scores: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ award?: string | AwardDefinition }")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let with_scores = with_field(&options, "scores", &scores, "the stage scores")?;
    let call = with_field(
        &JSON::parse(&with_scores)?,
        "ranking",
        &ranking,
        "a ranking",
    )?;
    reply(api::call_json(Operation::Award, &call))
}

/// The law of the verified index (`iid risk --json`): the chance of each
/// predicate after verification, quantiles and the evidence to shore up
/// first; `options` holds `odds`, `target` and `rubric`.
#[wasm_bindgen(unchecked_return_type = "Risk")]
pub fn risk(
    #[wasm_bindgen(unchecked_param_type = "Submission | string")] submission: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RiskCallOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    call(Operation::Risk, &submission, &options, None)
}

/// The embedded award definitions (`iid awards --json`): each id, name,
/// year, status, clusters with their quotas, in the order they are
/// shipped (the page's views offer them so, the first chosen).
#[wasm_bindgen(unchecked_return_type = "AwardInfo[]")]
pub fn awards() -> Result<JsValue, JsValue> {
    answer(&api::awards().map_err(|e| js_error(&e))?)
}

/// An embedded award definition, whole (`iid awards <id>`).
#[wasm_bindgen(js_name = awardDefinition, unchecked_return_type = "AwardDefinition")]
pub fn award_definition(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
) -> Result<JsValue, JsValue> {
    let id = id_arg(&id, "an embedded award definition")?;
    answer(api::award_definition(&id).map_err(|e| js_error(&e))?)
}

/// The embedded catalogs by name, as the core's `catalog_json` answers
/// them: `rubrics`, `awards`, or `rubric` / `award` with an `id`.
#[wasm_bindgen(unchecked_return_type = "unknown")]
pub fn catalog(what: &str, id: Option<String>) -> Result<JsValue, JsValue> {
    let text = api::catalog_json(what, id.as_deref()).map_err(|e| js_error(&e))?;
    JSON::parse(&text)
}
