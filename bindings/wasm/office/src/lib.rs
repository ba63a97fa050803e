//! The office module of the iid WebAssembly package (see
//! `bindings/wasm/README.md`): the fill-in workbook (.xlsx) and the
//! printable report. A second `.wasm`, loaded on demand, so that the
//! scoring module stays small; like the first, a shim over the core's
//! `api` and `io` with no logic of its own.
//!
//! - `readWorkbook(bytes)`: a workbook's submission (the interchange
//!   object); a bad cell throws an `Error` whose `path` is its sheet and
//!   cell (`Inovasi!G12`).
//! - `callWorkbook(operation, bytes, options)`: any operation on a
//!   workbook (or JSON bytes), its errors at their cells.
//! - `template(rubric)`, `writeWorkbook(submission, options)`: workbook
//!   bytes (`Uint8Array`) to offer for download.
//! - `report(submission, options)`: the report as one HTML page.

use iid::api::{self, ErrorInfo, Operation, RubricArg};
use iid::error::{Error, InputError};
use iid::io;
use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;

fn js_error(e: &Error) -> JsValue {
    let info = ErrorInfo::from(e);
    let err = js_sys::Error::new(&info.message);
    for (key, value) in [
        ("code", info.code.as_str()),
        ("path", info.path.as_str()),
        ("layer", info.layer.as_str()),
    ] {
        let _ = Reflect::set(&err, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    err.into()
}

fn bad(path: &str, message: &str) -> JsValue {
    js_error(&Error::Input(InputError::Json {
        path: path.into(),
        message: message.into(),
    }))
}

/// A document argument as text: a string as it is, an object serialised;
/// absent is `None`.
fn text_of(value: &JsValue, path: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let Some(s) = value.as_string() {
        return Ok(Some(s));
    }
    if !value.is_object() || value.is_function() {
        return Err(bad(path, "expected an object or JSON text"));
    }
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .map(Some)
        .ok_or_else(|| bad(path, "expected an object or JSON text"))
}

/// A submission as file bytes: a `Uint8Array` (JSON or workbook bytes),
/// JSON text or an object.
fn bytes_of(value: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(a) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(a.to_vec());
    }
    if let Some(b) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(b).to_vec());
    }
    text_of(value, "$")?
        .map(String::into_bytes)
        .ok_or_else(|| bad("$", "expected a submission: bytes, an object or JSON text"))
}

/// The submission of a workbook (`Uint8Array` of an .xlsx file), as the
/// interchange object.
#[wasm_bindgen(js_name = readWorkbook)]
pub fn read_workbook(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let loaded = io::read_submission(bytes).map_err(|e| js_error(&e.into()))?;
    JSON::parse(&loaded.submission.to_json_pretty())
}

/// Any operation (`score`, `check`, `report`, ...) on a submission given
/// as file bytes (a workbook or JSON), with the options of the
/// operation; a workbook's errors name their sheet and cell.
#[wasm_bindgen(js_name = callWorkbook)]
pub fn call_workbook(
    operation: &str,
    bytes: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let op: Operation = operation.parse().map_err(|e| js_error(&e))?;
    let bytes = bytes_of(&bytes)?;
    let options = text_of(&options, "options")?;
    let answer = api::call_bytes(op, &bytes, options.as_deref(), None).map_err(|e| js_error(&e))?;
    JSON::parse(&answer.to_json())
}

/// The fill-in workbook of a rubric: an embedded id (default
/// `iid-2026`), rubric JSON text or a rubric object.
#[wasm_bindgen]
pub fn template(rubric: JsValue) -> Result<Vec<u8>, JsValue> {
    let arg =
        RubricArg::from_text(&text_of(&rubric, "rubric")?.unwrap_or_else(|| "iid-2026".into()));
    let compiled = arg.compile().map_err(|e| js_error(&e))?;
    io::workbook::template(&compiled).map_err(|e| js_error(&e.into()))
}

/// A submission laid out in its rubric's workbook (`options.rubric`, or
/// the methodology it names).
#[wasm_bindgen(js_name = writeWorkbook)]
pub fn write_workbook(submission: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let bytes = bytes_of(&submission)?;
    let loaded = io::read_submission(&bytes).map_err(|e| js_error(&e.into()))?;
    let rubric = match text_of(&options, "options")? {
        Some(o) => {
            let v: serde_json::Value =
                serde_json::from_str(&o).map_err(|e| bad("options", &e.to_string()))?;
            match v.get("rubric") {
                Some(serde_json::Value::String(s)) => Some(RubricArg::from_text(s)),
                Some(r @ serde_json::Value::Object(_)) => Some(RubricArg::Inline(r.to_string())),
                _ => None,
            }
        }
        None => None,
    };
    let compiled =
        api::resolve_rubric(rubric.as_ref(), &loaded.submission).map_err(|e| js_error(&e))?;
    io::workbook::write(&compiled, &loaded.submission).map_err(|e| js_error(&e.into()))
}

/// The printable report as one self-contained HTML page: options `lang`
/// (`id` or `en`), `date` (`YYYY-MM-DD`, the caller's today), `mode`,
/// `rubric`. The submission may be an object, JSON text or workbook bytes.
#[wasm_bindgen]
pub fn report(submission: JsValue, options: JsValue) -> Result<String, JsValue> {
    let bytes = bytes_of(&submission)?;
    let mut opts: serde_json::Map<String, serde_json::Value> = match text_of(&options, "options")? {
        Some(o) => serde_json::from_str(&o).map_err(|_| bad("options", "expected an object"))?,
        None => serde_json::Map::new(),
    };
    opts.insert("format".into(), "html".into());
    let options = serde_json::Value::Object(opts).to_string();
    let answer = api::call_bytes(Operation::Report, &bytes, Some(&options), None)
        .map_err(|e| js_error(&e))?;
    match answer {
        api::Answer::ReportHtml(h) => Ok(h.html),
        _ => Err(bad("format", "no HTML answer")),
    }
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
