//! `history()` and `diff()`, in the national module (`iid_national`,
//! built with the `years` feature): each builds its operation's call
//! document from the arguments and answers through `callJson`.

use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;

use super::{bad_argument, call_json, options_of, required, thrown};

/// The call document of an operation on several submissions: the
/// options' fields with the named arguments set over them.
fn document(fields: &[(&str, &JsValue)], options: &JsValue) -> Result<JsValue, JsValue> {
    let doc = js_sys::Object::new();
    if let Some(text) = options_of(options)? {
        let parsed = JSON::parse(&text).map_err(|e| bad_argument("options", thrown(&e)))?;
        js_sys::Object::assign(&doc, &parsed.unchecked_into());
    }
    for (key, value) in fields {
        let value = match value.as_string() {
            Some(text) => JSON::parse(&text).map_err(|e| bad_argument(key, thrown(&e)))?,
            None => (*value).clone(),
        };
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&doc, &JsValue::from_str(key), &value);
    }
    Ok(doc.into())
}

/// A region's years side by side (`iid history --json`): each submission
/// (an object or JSON text) scored under the methodology it names, the
/// like-for-like line under `options.methodology`, the two-year rule.
/// In the national module (`iid_national`).
#[wasm_bindgen(unchecked_return_type = "History")]
pub fn history(
    #[wasm_bindgen(unchecked_param_type = "(Submission | string)[]")] submissions: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "HistoryOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    if !js_sys::Array::is_array(&submissions) {
        return Err(bad_argument(
            "submissions",
            "expected a list of submissions".into(),
        ));
    }
    // Each item is checked (and serialised) by the core, at its path.
    let list = js_sys::Array::from(&submissions)
        .iter()
        .enumerate()
        .map(|(i, s)| match s.as_string() {
            Some(text) => JSON::parse(&text)
                .map_err(|e| bad_argument(&format!("submissions[{i}]"), thrown(&e))),
            None => Ok(s),
        })
        .collect::<Result<js_sys::Array, JsValue>>()?;
    call_json(
        "history",
        document(&[("submissions", &list.into())], &options)?,
    )
}

/// Why the index changed between two years (`iid diff --json`): the parts,
/// in a fixed order, each with its published points and the index before
/// and after it (`start`, `end`: what a waterfall draws), summing exactly
/// to the change. In the national module (`iid_national`).
#[wasm_bindgen(unchecked_return_type = "Diff")]
pub fn diff(
    #[wasm_bindgen(unchecked_param_type = "Submission | string")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Submission | string")] new: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DiffOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    required(&old, "old", "a submission")?;
    required(&new, "new", "a submission")?;
    call_json("diff", document(&[("old", &old), ("new", &new)], &options)?)
}
