//! # iid-server
//!
//! The iid engine over HTTP, for the regions' own systems (PHP, Django,
//! anything that speaks HTTP and JSON) and the ministry: the operations of
//! [`iid::api`] as JSON endpoints, the format's schemas, an OpenAPI
//! document, and the calculator page. It adds transport, never logic:
//! every answer is [`iid::api::call_json`]'s (or `call_parts`'), which is
//! what the command line prints with `--json`.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let config = iid_server::Config {
//!     addr: "127.0.0.1:8080".parse().unwrap(),
//!     ..iid_server::Config::default()
//! };
//! let server = iid_server::Server::bind(config).await?;
//! println!("listening on http://{}", server.local_addr()?);
//! server.run(iid_server::shutdown_signal()).await
//! # }
//! ```
//!
//! Or mount [`router`] in a larger axum application. Routes (see
//! `docs/service.md`):
//!
//! | route | answer |
//! |---|---|
//! | `POST /v1/{operation}` | every operation of [`iid::api::Operation::ALL`] |
//! | `GET /v1/rubrics`, `/v1/rubrics/{id}` | the embedded methodologies |
//! | `GET /v1/awards`, `/v1/awards/{id}` | the embedded award definitions |
//! | `GET /v1/schema`, `/v1/schema/{document}` | the format's JSON Schemas |
//! | `GET /openapi.json` | OpenAPI 3.1, built from the same schemas |
//! | `GET /healthz` | `{"status": "ok", ...}` |
//! | `GET /` | the calculator page, embedded |
//!
//! Errors are JSON `{code, path, message}` ([`error::ErrorBody`]) with the
//! status of [`error::ApiError::status`].

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use iid::api::Operation;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

mod catalog;
pub mod error;
pub mod openapi;
mod ops;
pub mod page;

use error::{ApiError, LoggedCode};

/// How a server runs. `Config::default()` is the documented default of
/// each field.
#[derive(Clone)]
pub struct Config {
    /// Where to listen (default `127.0.0.1:8080`; port 0 picks a free one).
    pub addr: SocketAddr,
    /// The largest request body accepted (default 8 MiB); larger is 413.
    pub max_body_bytes: usize,
    /// The time a request may take, waiting for a slot included (default
    /// 30 s); longer is 503.
    pub time_limit: Duration,
    /// Operations computed at once (default twice the processors); more
    /// wait for a slot, within the time limit.
    pub max_concurrent: usize,
    /// Origins allowed to call from a browser (CORS); empty (the default):
    /// no CORS headers at all. `*` allows any origin.
    pub cors_origins: Vec<String>,
    /// A bearer token every `/v1` request must present (default none).
    pub token: Option<String>,
    /// After the shutdown signal, how long requests in flight may take to
    /// finish before the server closes their connections (default 30 s).
    pub shutdown_grace: Duration,
    /// How long a client may take to send a request's head, on a new or a
    /// kept-alive connection, before it is closed (default 30 s).
    pub header_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_body_bytes: 8 * 1024 * 1024,
            time_limit: Duration::from_secs(30),
            max_concurrent: 2 * cpus,
            cors_origins: Vec::new(),
            token: None,
            shutdown_grace: Duration::from_secs(30),
            header_timeout: Duration::from_secs(30),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("time_limit", &self.time_limit)
            .field("max_concurrent", &self.max_concurrent)
            .field("cors_origins", &self.cors_origins)
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("shutdown_grace", &self.shutdown_grace)
            .field("header_timeout", &self.header_timeout)
            .finish()
    }
}

/// What the handlers share.
pub(crate) struct AppState {
    pub(crate) config: Config,
    pub(crate) slots: Arc<Semaphore>,
    openapi: String,
}

/// The service's routes, with the limits, CORS and logging of `config`.
/// Fails on a CORS origin that is not a valid header value.
pub fn router(config: Config) -> std::io::Result<Router> {
    let cors = cors_layer(&config.cors_origins)?;
    let openapi = openapi::document(config.token.is_some()).to_string();
    let state = Arc::new(AppState {
        slots: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
        openapi,
        config,
    });

    let mut v1 = Router::new()
        .route("/v1/rubrics", get(catalog::rubrics))
        .route("/v1/rubrics/{id}", get(catalog::rubric))
        .route("/v1/awards", get(catalog::awards))
        .route("/v1/awards/{id}", get(catalog::award))
        .route("/v1/schema", get(catalog::schemas))
        .route("/v1/schema/{document}", get(catalog::schema));
    for op in Operation::ALL {
        v1 = v1.route(
            &format!("/v1/{}", op.name()),
            post(
                move |state: State<Arc<AppState>>,
                      query: axum::extract::RawQuery,
                      headers: axum::http::HeaderMap,
                      body: Body| ops::operation(op, state, query, headers, body),
            ),
        );
    }
    if state.config.token.is_some() {
        v1 = v1.route_layer(middleware::from_fn_with_state(state.clone(), bearer));
    }

    let mut app = Router::new()
        .route("/healthz", get(catalog::healthz))
        .route("/openapi.json", get(openapi_json))
        .merge(v1)
        .fallback(page::fallback)
        .with_state(state)
        .layer(middleware::map_response(json_errors));
    if let Some(cors) = cors {
        app = app.layer(cors);
    }
    Ok(app.layer(
        TraceLayer::new_for_http()
            .make_span_with(|req: &Request| {
                // The path only: no query, no headers, no body.
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
            })
            .on_request(())
            // One line per request, at a level by status; no second line
            // for server errors.
            .on_failure(())
            .on_response(|res: &Response, latency: Duration, _span: &tracing::Span| {
                let status = res.status().as_u16();
                let micros = latency.as_micros() as u64;
                let error = res.extensions().get::<LoggedCode>().map(|c| c.0.as_str());
                if res.status().is_server_error() {
                    tracing::warn!(status, micros, error, "answered");
                } else {
                    tracing::info!(status, micros, error, "answered");
                }
            }),
    ))
}

async fn openapi_json(State(state): State<Arc<AppState>>) -> Response {
    ops::json_response(state.openapi.clone())
}

fn cors_layer(origins: &[String]) -> std::io::Result<Option<CorsLayer>> {
    if origins.is_empty() {
        return Ok(None);
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let values = origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o.trim_end_matches('/')).map_err(|_| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        format!("CORS origin {o:?} is not a valid header value"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(values)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
            .max_age(Duration::from_secs(600)),
    ))
}

/// The bearer token check of the `/v1` routes (constant time).
async fn bearer(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    use subtle::ConstantTimeEq;
    let expected = state.config.token.as_deref().unwrap_or_default().as_bytes();
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
        .as_bytes();
    if !expected.is_empty() && bool::from(given.ct_eq(expected)) {
        next.run(req).await
    } else {
        ApiError::Unauthorized.into_response()
    }
}

/// The framework's own refusals (405 with its Allow header, a path
/// parameter that is not UTF-8, ...) answer JSON like the rest.
async fn json_errors(res: Response) -> Response {
    let status = res.status();
    let ours = res.extensions().get::<LoggedCode>().is_some();
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if !(status.is_client_error() || status.is_server_error()) || ours || html {
        return res;
    }
    let (mut parts, _) = res.into_parts();
    let error = match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed,
        StatusCode::NOT_FOUND => ApiError::NotFound {
            path: String::new(),
            message: "not found".into(),
        },
        s if s.is_client_error() => ApiError::Rejected { status: s },
        _ => ApiError::Internal,
    };
    let fresh = error.into_response();
    let (fresh_parts, body) = fresh.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.extensions = fresh_parts.extensions;
    Response::from_parts(parts, body)
}

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    grace: Duration,
    header_timeout: Duration,
}

impl Server {
    /// Bind `config.addr` and build the routes.
    pub async fn bind(config: Config) -> std::io::Result<Server> {
        let listener = TcpListener::bind(config.addr).await?;
        Server::from_listener(listener, config)
    }

    /// Serve on a listener bound elsewhere (`config.addr` is not used).
    pub fn from_listener(listener: TcpListener, config: Config) -> std::io::Result<Server> {
        let grace = config.shutdown_grace;
        let header_timeout = config.header_timeout;
        Ok(Server {
            listener,
            router: router(config)?,
            grace,
            header_timeout,
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answer requests until `shutdown` completes; then stop accepting,
    /// let the requests in flight finish (at most the grace period) and
    /// return.
    ///
    /// Each connection is HTTP/1.1 with keep-alive; a client must send a
    /// request's head within `header_timeout` and its body within the
    /// time limit.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let accepted = tokio::select! {
                accepted = self.listener.accept() => accepted,
                () = &mut shutdown => break,
            };
            let stream = match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            // Small JSON answers on kept-alive connections: send at once.
            let _ = stream.set_nodelay(true);
            let service = TowerToHyperService::new(
                self.router
                    .clone()
                    .map_request(|req: Request<Incoming>| req.map(Body::new)),
            );
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(self.header_timeout)
                .keep_alive(true);
            let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
            tokio::spawn(async move {
                if let Err(e) = connection.await {
                    tracing::debug!(error = %e, "connection ended");
                }
            });
        }
        drop(self.listener);
        tracing::info!("shutting down: no new connections; finishing requests in flight");
        tokio::select! {
            () = graceful.shutdown() => Ok(()),
            () = tokio::time::sleep(self.grace) => {
                tracing::warn!(
                    grace_secs = self.grace.as_secs_f64(),
                    "grace period over: closing the connections still open"
                );
                Ok(())
            }
        }
    }
}

/// Bind `config.addr` and serve until SIGTERM or Ctrl-C.
pub async fn serve(config: Config) -> std::io::Result<()> {
    let server = Server::bind(config).await?;
    tracing::info!(addr = %server.local_addr()?, "listening");
    server.run(shutdown_signal()).await
}

/// Completes on SIGTERM or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
