//! `iid serve`: the HTTP service of the `iid-server` crate, with its
//! configuration from flags, logs on standard error (never a submission's
//! contents) and a graceful stop on SIGTERM or Ctrl-C.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::Failure;

#[derive(Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: a free one, printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Largest request body, in bytes; larger is refused with 413.
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    max_body_bytes: usize,
    /// Seconds a request may take (a plan, say), waiting included; then 503.
    #[arg(long, default_value_t = 30.0)]
    time_limit: f64,
    /// Operations computed at once; more wait for a slot (default: twice
    /// the processors).
    #[arg(long)]
    max_concurrent: Option<usize>,
    /// Allow browser calls from this origin (CORS), e.g.
    /// https://sipd.example.go.id; repeatable; `*` for any. None by default.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// File holding a bearer token that every /v1 request must present
    /// (`Authorization: Bearer TOKEN`). The environment variable
    /// IID_SERVE_TOKEN works too.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Seconds the requests in flight may take to finish after SIGTERM.
    #[arg(long, default_value_t = 30.0)]
    shutdown_grace: f64,
    /// Log format on standard error (level from RUST_LOG, default info).
    #[arg(long, value_enum, default_value = "text")]
    log_format: LogFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

fn failure(message: String) -> Failure {
    Failure { message, status: 2 }
}

fn seconds(value: f64, flag: &str) -> Result<Duration, Failure> {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            failure(format!(
                "error[input_invalid]: --{flag} must be a positive number of seconds"
            ))
        })
}

fn token(args: &ServeArgs) -> Result<Option<String>, Failure> {
    let text = match &args.token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| failure(format!("error[io]: cannot read {}: {e}", path.display())))?,
        ),
        None => std::env::var("IID_SERVE_TOKEN").ok(),
    };
    match text.map(|t| t.trim().to_string()) {
        Some(t) if t.is_empty() => Err(failure(
            "error[input_invalid]: the bearer token is empty".into(),
        )),
        Some(t) if !t.bytes().all(|b| b.is_ascii_graphic()) => Err(failure(
            "error[input_invalid]: the bearer token must be printable ASCII without spaces".into(),
        )),
        other => Ok(other),
    }
}

pub fn run(args: ServeArgs) -> Result<String, Failure> {
    let defaults = iid_server::Config::default();
    let config = iid_server::Config {
        addr: args.addr,
        max_body_bytes: args.max_body_bytes,
        time_limit: seconds(args.time_limit, "time-limit")?,
        max_concurrent: args
            .max_concurrent
            .unwrap_or(defaults.max_concurrent)
            .max(1),
        cors_origins: args.cors_origins.clone(),
        token: token(&args)?,
        shutdown_grace: seconds(args.shutdown_grace, "shutdown-grace")?,
        ..defaults
    };
    // RUST_LOG: a level (`info`), or levels by target
    // (`warn,iid_server=debug`).
    let filter: Targets = match std::env::var("RUST_LOG") {
        Ok(text) if !text.trim().is_empty() => text
            .parse()
            .map_err(|e| failure(format!("error[input_invalid]: RUST_LOG: {e}")))?,
        _ => Targets::new().with_default(LevelFilter::INFO),
    };
    let logs = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(std::io::stderr);
    match args.log_format {
        LogFormat::Text => logs.finish().with(filter).init(),
        LogFormat::Json => logs.json().finish().with(filter).init(),
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| failure(format!("error[io]: cannot start the runtime: {e}")))?;
    let served = runtime.block_on(async move {
        let server = iid_server::Server::bind(config.clone())
            .await
            .map_err(|e| failure(format!("error[io]: cannot listen on {}: {e}", config.addr)))?;
        let addr = server
            .local_addr()
            .map_err(|e| failure(format!("error[io]: {e}")))?;
        // The first line of standard output: scripts and tests read the
        // address from it (port 0 picks one).
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "iid serve: listening on http://{addr}");
        let _ = out.flush();
        drop(out);
        tracing::info!(%addr, config = ?config, "listening");
        server
            .run(iid_server::shutdown_signal())
            .await
            .map_err(|e| failure(format!("error[io]: {e}")))
    });
    // A computation abandoned at the time limit may still be running on
    // a blocking thread: give it a moment, then exit regardless.
    runtime.shutdown_timeout(Duration::from_secs(5));
    served?;
    Ok("iid serve: stopped".into())
}
