//! `POST /v1/{operation}`: one handler for every operation of
//! [`iid::api::Operation::ALL`]. It checks the transport (content type,
//! body size, JSON syntax), reads the options from the body or the query,
//! and answers with [`iid::api::call_json`] or [`iid::api::call_parts`]
//! on a blocking thread, within the concurrency and time limits.
//!
//! The body is either
//! - a **call document** `{"submission": ..., "rubric": ..., ...options}`
//!   (a top-level object with a `submission` member), read by
//!   `call_json`; its errors name paths below `submission`; or
//! - a **submission document** as it is (what `iid score FILE` reads),
//!   with the options as query parameters (`?mode=verified`,
//!   `?target=next`), read by `call_parts`; its errors name the
//!   submission's own paths.
//!
//! A submission never has a `submission` field (unknown fields are
//! errors), so the two cannot be confused. The operations on many regions
//! or years (`rank`, `award`, `robustness`, `history`, `diff`: not
//! [`Operation::on_one_submission`]) take only their call document, with
//! no query parameters. A query parameter's value is
//! read as JSON when it is JSON (`65.01`, `true`, `["spd.1"]`) and as
//! text otherwise (`verified`, `Sangat Inovatif`); with a call document
//! the options go in the document and a query parameter is an error.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use iid::api::{self, Operation};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::AppState;

/// Answer one operation.
pub(crate) async fn operation(
    op: Operation,
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let limit = state.config.time_limit;
    match tokio::time::timeout(limit, answer(op, &state, query, &headers, body)).await {
        Ok(Ok(json)) => json_response(json),
        Ok(Err(e)) => e.into_response(),
        Err(_) => ApiError::TimeLimit {
            seconds: limit.as_secs_f64(),
        }
        .into_response(),
    }
}

/// A JSON answer.
pub(crate) fn json_response(json: String) -> Response {
    let mut res = json.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

async fn answer(
    op: Operation,
    state: &AppState,
    query: Option<String>,
    headers: &HeaderMap,
    body: Body,
) -> Result<String, ApiError> {
    if !is_json(headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let bytes = read_body(body, headers, state.config.max_body_bytes).await?;
    // The permit moves into the computation: a computation that outlives
    // the time limit keeps its slot until it ends, so the limit counts
    // what really runs.
    let permit = state
        .slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::Internal)?;
    let work = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        compute(op, &bytes, query.as_deref())
    });
    work.await.map_err(|_| ApiError::Internal)?
}

/// `application/json` (parameters such as `charset=utf-8` aside).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim();
    let charset_ok = parts.all(|p| {
        let p = p.trim();
        match p.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("charset") => {
                v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
            }
            _ => true,
        }
    });
    essence.eq_ignore_ascii_case("application/json") && charset_ok
}

/// Read the whole body, refusing more than `limit` bytes.
pub(crate) async fn read_body(
    body: Body,
    headers: &HeaderMap,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::BodyTooLarge { limit });
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            Err(ApiError::BodyTooLarge { limit })
        }
        Err(_) => Err(ApiError::BodyUnreadable),
    }
}

/// The answer's JSON text, computed on a blocking thread.
fn compute(op: Operation, body: &[u8], query: Option<&str>) -> Result<String, ApiError> {
    let text = api::text(body).map_err(ApiError::NotJson)?;
    // An operation on many regions or years always reads its own call
    // document (`{"submissions": [...], "award": ...}`, `{"old": ...,
    // "new": ...}`).
    let own = !op.on_one_submission();
    let shape = match iid::model::json::read::<Shape>(text, "") {
        Ok(shape) => shape,
        // Not JSON: answer the engine's own error for the document (the
        // command line's), which names the field as it does.
        Err(e) if own => {
            let engine = api::call_json(op, text).err().unwrap_or(e.into());
            return Err(ApiError::NotJson(engine));
        }
        Err(e) => {
            let engine = iid::Submission::from_json(text).err().unwrap_or(e);
            return Err(ApiError::NotJson(engine.into()));
        }
    };
    let options = query_options(query.unwrap_or(""))?;
    let answer = if shape.is_call || own {
        if let Some(name) = options.keys().next() {
            let why = if own {
                format!(
                    "query parameter `{name}`: `{}` takes its options in its call document",
                    op.name()
                )
            } else {
                format!(
                    "query parameter `{name}`: with a call document (a body with `submission`) the options go in the document"
                )
            };
            return Err(ApiError::Query {
                path: name.clone(),
                message: why,
            });
        }
        api::call_json(op, text)
    } else {
        let options = (!options.is_empty()).then(|| Value::Object(options).to_string());
        api::call_parts(op, text, options.as_deref(), None)
    };
    answer.map(|a| a.to_json()).map_err(ApiError::Engine)
}

/// The query parameters as an options object.
fn query_options(query: &str) -> Result<Map<String, Value>, ApiError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query).map_err(|e| ApiError::Query {
            path: String::new(),
            message: format!("the query string cannot be read: {e}"),
        })?;
    let mut map = Map::new();
    for (name, text) in pairs {
        let value = serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text));
        if map.insert(name.clone(), value).is_some() {
            return Err(ApiError::Query {
                message: format!("query parameter `{name}` is given twice"),
                path: name,
            });
        }
    }
    Ok(map)
}

/// What the body is: a call document (a top-level object with a
/// `submission` member) or another document. Reading it checks the JSON
/// syntax of the whole body without building it.
struct Shape {
    is_call: bool,
}

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut is_call = false;
        while let Some(is_submission) = map.next_key_seed(IsSubmission)? {
            is_call |= is_submission;
            map.next_value::<IgnoredAny>()?;
        }
        Ok(Shape { is_call })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape { is_call: false })
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape { is_call: false })
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape { is_call: false })
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape { is_call: false })
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape { is_call: false })
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape { is_call: false })
    }
    fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape { is_call: false })
    }
}

/// Whether a key is `submission`, without allocating it.
struct IsSubmission;

impl<'de> DeserializeSeed<'de> for IsSubmission {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for IsSubmission {
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == "submission")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Result<bool, String> {
        iid::model::json::read::<Shape>(text, "")
            .map(|s| s.is_call)
            .map_err(|e| e.code().to_string())
    }

    #[test]
    fn call_documents_are_told_from_submissions() {
        assert_eq!(shape(r#"{"submission": {}, "mode": "x"}"#), Ok(true));
        assert_eq!(
            shape(r#"{"mode": 1, "submission": [1, {"a": 2}]}"#),
            Ok(true)
        );
        assert_eq!(shape(r#"{"spd": {"submission": 1}}"#), Ok(false));
        assert_eq!(shape(r#"{"sub\u006dission": 1}"#), Ok(true));
        assert_eq!(shape("[1, 2]"), Ok(false));
        assert_eq!(shape("\u{feff}\"text\""), Ok(false));
        for bad in ["{", "{\"a\" 1}", "{} {}", "", "{\"a\": tru}", "[1,]"] {
            assert_eq!(shape(bad), Err("input_json".into()), "{bad:?}");
        }
        // Deeper than the format's nesting limit is still JSON: the
        // engine refuses it (422), not the transport.
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(shape(&deep), Ok(false));
    }

    #[test]
    fn query_values_are_json_or_text() {
        let map = query_options(
            "mode=verified&target=65.01&allow_new_innovations=true&t=%22next%22&r=Sangat+Inovatif",
        )
        .unwrap();
        assert_eq!(map["mode"], "verified");
        assert_eq!(map["target"], serde_json::json!(65.01));
        assert_eq!(map["allow_new_innovations"], true);
        assert_eq!(map["t"], "next");
        assert_eq!(map["r"], "Sangat Inovatif");
        assert!(query_options("").unwrap().is_empty());
        let twice = query_options("mode=self&mode=verified").unwrap_err();
        assert_eq!(twice.body().path, "mode");
        assert_eq!(twice.status(), 400);
    }

    #[test]
    fn content_types() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_str(v).unwrap());
            is_json(&h)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=UTF-8"));
        assert!(with("application/json;charset=\"utf-8\""));
        assert!(!with("application/json; charset=latin1"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!with("text/plain"));
        assert!(!is_json(&HeaderMap::new()));
    }
}
