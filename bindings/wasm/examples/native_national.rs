//! The native side of `bench/national.mjs`: writes the synthetic national
//! dataset and times the native core scoring it, the same way the
//! WebAssembly package does (JSON text in, the full result as JSON text out).
//!
//!     native_national write <file> [regions innovations seed]
//!     native_national time <file> [runs]
//!
//! `time` prints one JSON object: milliseconds per run over all regions and
//! every region's exact index, so the caller can check both sides agree.

use std::time::Instant;

use iid::api;
use iid::synthetic::{national, NATIONAL_INNOVATIONS, NATIONAL_REGIONS};
use serde_json::{json, Value};

fn fail(message: String) -> ! {
    eprintln!("native_national: {message}");
    std::process::exit(2)
}

fn number<T: std::str::FromStr>(arg: Option<&String>, default: T) -> T {
    match arg {
        None => default,
        Some(s) => s
            .parse()
            .unwrap_or_else(|_| fail(format!("not a number: {s}"))),
    }
}

fn write(path: &str, args: &[String]) {
    let regions = number(args.first(), NATIONAL_REGIONS);
    let innovations = number(args.get(1), NATIONAL_INNOVATIONS);
    let seed = number(args.get(2), 2025u64);
    if regions == 0 || innovations < regions || innovations > 10_000_000 {
        fail("need 0 < regions <= innovations <= 10000000".into());
    }
    let rubric = iid::builtin("iid-2026").unwrap_or_else(|e| fail(e.to_string()));
    let data = national(rubric, regions, innovations, seed);
    let text = serde_json::to_string(&data).unwrap_or_else(|e| fail(e.to_string()));
    std::fs::write(path, text).unwrap_or_else(|e| fail(format!("{path}: {e}")));
}

fn time(path: &str, args: &[String]) {
    let runs: usize = number(args.first(), 7);
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
    let regions: Vec<Value> = serde_json::from_str(&text).unwrap_or_else(|e| fail(e.to_string()));
    let texts: Vec<String> = regions.iter().map(Value::to_string).collect();
    let mut millis = Vec::with_capacity(runs);
    let mut indices = Vec::new();
    let mut bytes = 0usize;
    for _ in 0..runs.max(1) {
        indices.clear();
        bytes = 0;
        let start = Instant::now();
        for t in &texts {
            let result = api::ScoreCall::parse(t, None, iid::Mode::SelfAssessment)
                .and_then(|c| api::score(&c))
                .unwrap_or_else(|e| fail(e.to_string()));
            let out = serde_json::to_string(&result).unwrap_or_else(|e| fail(e.to_string()));
            bytes += out.len();
            indices.push(result.index_exact.to_string());
        }
        millis.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let innovations: usize = regions
        .iter()
        .map(|r| r["innovations"].as_array().map_or(0, Vec::len))
        .sum();
    println!(
        "{}",
        json!({
            "regions": regions.len(),
            "innovations": innovations,
            "runs_ms": millis,
            "result_bytes": bytes,
            "index_exact": indices,
        })
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("write"), Some(path)) => write(path, &args[2..]),
        (Some("time"), Some(path)) => time(path, &args[2..]),
        _ => fail(
            "usage: native_national write <file> [regions innovations seed] | time <file> [runs]"
                .into(),
        ),
    }
}
