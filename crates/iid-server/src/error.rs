//! The service's errors and the one place that gives each its HTTP
//! status. Every error answers as JSON `{code, path, message}` (with the
//! core's `layer` when the core refused the call); the codes are the
//! core's stable codes, or one of the transport's own listed here.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use iid::error::{Error, InputError, Layer};
use serde::Serialize;

/// The body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(title = "Error")]
pub struct ErrorBody {
    /// Stable machine-readable code: the core's (`level_out_of_range`,
    /// `input_json`, ...) or the service's (`body_too_large`, ...).
    pub code: String,
    /// JSON path of the bad field (`spd.1`, `submission.innovations[2]`),
    /// the query parameter, or empty when no field is at fault.
    pub path: String,
    /// Human-readable message (English) naming the field.
    pub message: String,
    /// `input` or `rubric` when the engine refused the call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<Layer>,
}

/// Why a request was not answered.
#[derive(Debug)]
pub enum ApiError {
    /// The engine refused a well-formed JSON document: 422 (413 when it
    /// is larger than the engine reads).
    Engine(Error),
    /// The body is not JSON the engine reads (bad syntax, not UTF-8,
    /// nested too deep, a second document): 400, with the engine's error.
    NotJson(Error),
    /// Malformed, repeated or misplaced query parameters: 400.
    Query { path: String, message: String },
    /// The body could not be read to its end: 400.
    BodyUnreadable,
    /// The body is over the configured limit: 413.
    BodyTooLarge { limit: usize },
    /// Not `Content-Type: application/json`: 415.
    UnsupportedMediaType,
    /// The bearer token is missing or wrong: 401.
    Unauthorized,
    /// No such route, file, operation or schema document: 404.
    NotFound { path: String, message: String },
    /// An embedded methodology or award definition that does not exist:
    /// 404, with the engine's error.
    NotInCatalog(Error),
    /// The route exists with other methods: 405.
    MethodNotAllowed,
    /// Another refusal of the HTTP layer (a path parameter that is not
    /// UTF-8, ...), with its own 4xx status.
    Rejected { status: StatusCode },
    /// No answer within the time limit: 503.
    TimeLimit { seconds: f64 },
    /// A fault of the service itself (never expected): 500.
    Internal,
}

impl ApiError {
    /// The HTTP status of the error: the one mapping of the service.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Engine(Error::Input(InputError::TooLarge { .. })) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ApiError::Engine(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotJson(_) | ApiError::Query { .. } | ApiError::BodyUnreadable => {
                StatusCode::BAD_REQUEST
            }
            ApiError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound { .. } | ApiError::NotInCatalog(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Rejected { status } => *status,
            ApiError::TimeLimit { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The JSON body of the error.
    pub fn body(&self) -> ErrorBody {
        let own = |code: &str, path: &str, message: String| ErrorBody {
            code: code.into(),
            path: path.into(),
            message,
            layer: None,
        };
        match self {
            ApiError::Engine(e) | ApiError::NotJson(e) | ApiError::NotInCatalog(e) => {
                let info = iid::api::ErrorInfo::from(e);
                ErrorBody {
                    code: info.code,
                    path: info.path,
                    message: info.message,
                    layer: Some(info.layer),
                }
            }
            ApiError::Query { path, message } => own("bad_query", path, message.clone()),
            ApiError::BodyUnreadable => own(
                "body_unreadable",
                "",
                "the request body could not be read to its end".into(),
            ),
            ApiError::BodyTooLarge { limit } => own(
                "body_too_large",
                "",
                format!("the request body is larger than this server's limit of {limit} bytes"),
            ),
            ApiError::UnsupportedMediaType => own(
                "unsupported_media_type",
                "",
                "send the body as JSON with the header Content-Type: application/json".into(),
            ),
            ApiError::Unauthorized => own(
                "unauthorized",
                "",
                "this server needs the header Authorization: Bearer <token>".into(),
            ),
            ApiError::NotFound { path, message } => own("not_found", path, message.clone()),
            ApiError::MethodNotAllowed => own(
                "method_not_allowed",
                "",
                "this path does not answer that method (see the Allow header)".into(),
            ),
            ApiError::Rejected { status } => own(
                "bad_request",
                "",
                format!(
                    "the request was refused ({})",
                    status.canonical_reason().unwrap_or("client error")
                ),
            ),
            ApiError::TimeLimit { seconds } => own(
                "time_limit",
                "",
                format!("no answer within this server's time limit of {seconds} s"),
            ),
            ApiError::Internal => own(
                "internal",
                "",
                "the server failed to answer; please report it".into(),
            ),
        }
    }
}

/// The error code of an answer, kept on the response for the request log
/// (which never logs messages: they may quote the submission).
#[derive(Debug, Clone)]
pub struct LoggedCode(pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body();
        let text = serde_json::to_string(&body).unwrap_or_default();
        let mut res = (self.status(), text).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if matches!(self, ApiError::Unauthorized) {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res.extensions_mut().insert(LoggedCode(body.code));
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_error_kind() {
        let json = Error::Input(InputError::Json {
            path: "spd.1".into(),
            message: "invalid type".into(),
        });
        assert_eq!(ApiError::Engine(json.clone()).status(), 422);
        assert_eq!(ApiError::NotJson(json).status(), 400);
        let large = Error::Input(InputError::TooLarge {
            path: "$".into(),
            actual: 2,
            limit: 1,
        });
        assert_eq!(ApiError::Engine(large).status(), 413);
        let rubric = Error::Rubric(iid::RubricError::Invalid {
            path: "predicates".into(),
            message: "x".into(),
        });
        assert_eq!(ApiError::Engine(rubric.clone()).status(), 422);
        let body = ApiError::Engine(rubric).body();
        assert_eq!(
            (body.code.as_str(), body.path.as_str(), body.layer),
            ("rubric_invalid", "predicates", Some(Layer::Rubric))
        );
        assert_eq!(ApiError::BodyTooLarge { limit: 1 }.status(), 413);
        assert_eq!(ApiError::UnsupportedMediaType.status(), 415);
        assert_eq!(ApiError::MethodNotAllowed.status(), 405);
        assert_eq!(ApiError::TimeLimit { seconds: 1.0 }.status(), 503);
    }
}
