//! The read-only endpoints: the embedded methodologies (`GET /v1/rubrics`,
//! `/v1/rubrics/{id}`, as `iid rubrics --json` and `iid rubric show ID
//! --json`), the embedded award definitions (`GET /v1/awards`,
//! `/v1/awards/{id}`, as `iid awards --json` and `iid awards ID`), the JSON Schemas of the format (`GET /v1/schema`,
//! `/v1/schema/{document}`, as `iid schema DOCUMENT`) and the health
//! check.

use std::borrow::Cow;

use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;
use serde::Serialize;

use crate::error::ApiError;
use crate::ops::json_response;

/// `docs/schema/*.schema.json`, which a CLI test keeps equal to
/// `iid schema DOCUMENT`: every document the CLI prints, with no list to
/// keep here.
#[derive(Embed)]
#[folder = "../../docs/schema"]
struct Documents;

const SUFFIX: &str = ".schema.json";

/// The names of the schema documents (`submission`, `result`, ...), sorted.
pub fn schema_names() -> Vec<String> {
    let mut names: Vec<String> = Documents::iter()
        .filter_map(|f| f.strip_suffix(SUFFIX).map(str::to_string))
        .filter(|n| !n.contains('/'))
        .collect();
    names.sort();
    names
}

/// A schema document's text, by name.
pub fn schema_text(name: &str) -> Option<Cow<'static, [u8]>> {
    if name.contains('/') || name.contains('.') {
        return None;
    }
    Documents::get(&format!("{name}{SUFFIX}")).map(|f| f.data)
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(text) => json_response(text),
        Err(_) => ApiError::Internal.into_response(),
    }
}

/// What `GET /healthz` answers.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: &'static str,
    /// The engine's version.
    pub version: &'static str,
}

pub(crate) async fn healthz() -> Response {
    to_json(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

pub(crate) async fn rubrics() -> Response {
    to_json(&iid::api::rubrics())
}

pub(crate) async fn rubric(Path(id): Path<String>) -> Response {
    match iid::api::rubric(&id) {
        Ok(r) => to_json(r),
        Err(e) => ApiError::NotInCatalog(e).into_response(),
    }
}

pub(crate) async fn awards() -> Response {
    match iid::api::awards() {
        Ok(list) => to_json(&list),
        Err(_) => ApiError::Internal.into_response(),
    }
}

pub(crate) async fn award(Path(id): Path<String>) -> Response {
    match iid::api::award_definition(&id) {
        Ok(d) => to_json(d),
        Err(e) => ApiError::NotInCatalog(e).into_response(),
    }
}

pub(crate) async fn schemas() -> Response {
    to_json(&schema_names())
}

pub(crate) async fn schema(Path(name): Path<String>) -> Response {
    match schema_text(&name) {
        Some(text) => json_response(String::from_utf8_lossy(&text).into_owned()),
        None => ApiError::NotFound {
            path: "document".into(),
            message: format!(
                "no schema document \"{name}\" (known: {})",
                schema_names().join(", ")
            ),
        }
        .into_response(),
    }
}
