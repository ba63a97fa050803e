//! The calculator page, embedded in the binary: every file under
//! `bindings/wasm/www` at build time, including the WebAssembly package
//! `www/pkg` that `bash bindings/wasm/build.sh` writes there. Nothing is
//! read from the file system at run time.
//!
//! A server built before the package existed still builds; it answers
//! `/` with a short page (status 404) saying how to build the calculator
//! in. The build script asks cargo to rebuild this crate whenever
//! anything under `www` changes, so building the package and then the
//! server brings it in.

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

use crate::error::ApiError;

#[derive(Embed)]
#[folder = "../../bindings/wasm/www"]
struct Www;

/// Whether the WebAssembly package was built into this binary (a
/// `.wasm` file under `pkg/`).
pub fn calculator_built_in() -> bool {
    static BUILT: OnceLock<bool> = OnceLock::new();
    *BUILT.get_or_init(|| Www::iter().any(|f| f.starts_with("pkg/") && f.ends_with(".wasm")))
}

/// The embedded files' paths (`index.html`, `pkg/iid_wasm_bg.wasm`, ...).
pub fn files() -> impl Iterator<Item = String> {
    Www::iter().map(|f| f.into_owned())
}

/// The content type of a file of the page, by its extension.
pub fn content_type(path: &str) -> String {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    let fixed = match ext.to_ascii_lowercase().as_str() {
        // WebAssembly.instantiateStreaming needs exactly this type.
        "wasm" => Some("application/wasm"),
        "js" | "mjs" => Some("text/javascript; charset=utf-8"),
        "webmanifest" => Some("application/manifest+json; charset=utf-8"),
        "json" | "map" => Some("application/json"),
        _ => None,
    };
    if let Some(t) = fixed {
        return t.to_string();
    }
    let guessed = mime_guess::from_ext(ext).first_or_octet_stream();
    let text = guessed.type_() == "text" || guessed.essence_str() == "image/svg+xml";
    if text {
        format!("{}; charset=utf-8", guessed.essence_str())
    } else {
        guessed.essence_str().to_string()
    }
}

const NOT_BUILT: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>iid: calculator not built in</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>The calculator page was not built into this server</h1>
<p>This <code>iid serve</code> was compiled before the WebAssembly package
existed, so it serves the JSON API only (<a href="/openapi.json">/openapi.json</a>,
<a href="/healthz">/healthz</a>, <code>POST /v1/score</code>, ...).</p>
<p>To serve the calculator too, build the package and then the server:</p>
<pre>bash bindings/wasm/build.sh
cargo build --release -p iid-cli</pre>
<p lang="id">Halaman kalkulator belum disertakan dalam server ini; API JSON tetap tersedia.</p>
</body>
</html>
"#;

/// Answer a request no route took: a file of the page (GET, HEAD), else
/// 404.
pub(crate) async fn fallback(method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let not_found = || {
        ApiError::NotFound {
            path: String::new(),
            message: format!("nothing at {}", uri.path()),
        }
        .into_response()
    };
    if method != Method::GET && method != Method::HEAD {
        // Under /v1 an unknown path is an unknown operation; elsewhere
        // every path is a file of the page, which only GET and HEAD read.
        if uri.path().starts_with("/v1/") {
            return not_found();
        }
        let mut res = ApiError::MethodNotAllowed.into_response();
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET,HEAD"));
        return res;
    }
    let mut path = uri.path().trim_start_matches('/').to_string();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    if path == "index.html" && !calculator_built_in() {
        let mut res = (StatusCode::NOT_FOUND, NOT_BUILT).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        return res;
    }
    let Some(file) = Www::get(&path) else {
        return not_found();
    };
    let etag = format!("\"{}\"", hex(&file.metadata.sha256_hash()[..16]));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(file.data.into_owned()))
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type(&path)) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    // Revalidate each time (a new server brings a new page), cheaply.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("pkg/iid_wasm_bg.wasm"), "application/wasm");
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("manifest.webmanifest"),
            "application/manifest+json; charset=utf-8"
        );
        assert_eq!(content_type("icon.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("icon.png"), "image/png");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
