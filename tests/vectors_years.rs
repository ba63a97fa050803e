//! Runs the shared diff and history vectors (`tests/vectors/diff`,
//! `tests/vectors/history`) through `api::call_json`, as the Python and
//! JavaScript suites do through their bindings: `expected` must be a
//! subset of the answer, and a diff's parts must add up, exactly (their
//! fractions) and as published (their points, start and end).

use std::path::{Path, PathBuf};

use iid::api::{self, Operation};
use serde_json::Value;

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("vector folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    out
}

/// `want` is a subset of `got`: objects key by key, arrays element by
/// element (same length), anything else equal.
fn subset(want: &Value, got: &Value, at: &str) -> Result<(), String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().try_for_each(|(k, v)| {
            let g = g.get(k).ok_or_else(|| format!("{at}.{k}: missing"))?;
            subset(v, g, &format!("{at}.{k}"))
        }),
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                return Err(format!("{at}: {} items, expected {}", g.len(), w.len()));
            }
            w.iter()
                .zip(g)
                .enumerate()
                .try_for_each(|(i, (a, b))| subset(a, b, &format!("{at}[{i}]")))
        }
        _ if want == got => Ok(()),
        _ => Err(format!("{at}: expected {want}, got {got}")),
    }
}

/// A fraction `n/d` or `n` as (numerator, denominator).
fn frac(v: &Value) -> (i128, i128) {
    let s = v.as_str().expect("a fraction is text");
    match s.split_once('/') {
        Some((n, d)) => (n.parse().unwrap(), d.parse().unwrap()),
        None => (s.parse().unwrap(), 1),
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

fn add(a: (i128, i128), b: (i128, i128)) -> (i128, i128) {
    let (n, d) = (a.0 * b.1 + b.0 * a.1, a.1 * b.1);
    let g = gcd(n, d).max(1);
    (n / g, d / g)
}

fn cents(v: &Value) -> i64 {
    let d: rust_decimal::Decimal = v.as_str().unwrap().parse().unwrap();
    (d * rust_decimal::Decimal::from(100)).try_into().unwrap()
}

/// Items add up to their parent, exactly and as published, at every level.
fn items_add_up(items: &Value, fraction: &Value, points: &Value, at: &str) -> Result<(), String> {
    let items = items.as_array().map(Vec::as_slice).unwrap_or_default();
    if items.is_empty() {
        return Ok(());
    }
    let exact = items.iter().fold((0, 1), |a, i| add(a, frac(&i["fraction"])));
    if exact != frac(fraction) {
        return Err(format!("{at}: items sum to {exact:?}, part is {fraction}"));
    }
    let published: i64 = items.iter().map(|i| cents(&i["points"])).sum();
    if published != cents(points) {
        return Err(format!("{at}: items publish {published}, part {points}"));
    }
    for (k, i) in items.iter().enumerate() {
        items_add_up(&i["rows"], &i["fraction"], &i["points"], &format!("{at}[{k}]"))?;
    }
    Ok(())
}

/// The parts of a diff telescope: fractions to `change_fraction`, points
/// to `change`, each `start` the previous `end`.
pub fn diff_adds_up(d: &Value) -> Result<(), String> {
    let parts = d["parts"].as_array().ok_or("no parts")?;
    let exact = parts.iter().fold((0, 1), |a, p| add(a, frac(&p["fraction"])));
    if exact != frac(&d["change_fraction"]) {
        return Err(format!("parts sum to {exact:?}, change {}", d["change_fraction"]));
    }
    let published: i64 = parts.iter().map(|p| cents(&p["points"])).sum();
    if published != cents(&d["change"]) {
        return Err(format!("parts publish {published}, change {}", d["change"]));
    }
    let mut at = cents(&d["old"]["index"]);
    for (k, p) in parts.iter().enumerate() {
        if cents(&p["start"]) != at || cents(&p["end"]) != at + cents(&p["points"]) {
            return Err(format!("parts[{k}]: start/end do not chain"));
        }
        at = cents(&p["end"]);
        items_add_up(&p["items"], &p["fraction"], &p["points"], &format!("parts[{k}]"))?;
    }
    if at != cents(&d["new"]["index"]) {
        return Err("the last part does not end at the new index".into());
    }
    Ok(())
}

fn run(op: Operation, path: &Path) -> Result<(), String> {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let call = serde_json::to_string(&v["call"]).unwrap();
    let outcome = api::call_json(op, &call);
    match (v.get("expected"), v.get("expected_error"), outcome) {
        (Some(exp), None, Ok(a)) => {
            let got = serde_json::to_value(&a).unwrap();
            subset(exp, &got, "$")?;
            if op == Operation::Diff {
                diff_adds_up(&got)?;
            }
            Ok(())
        }
        (None, Some(exp), Err(e)) => {
            let info = api::ErrorInfo::from(&e);
            subset(
                exp,
                &serde_json::to_value(&info).unwrap(),
                "expected_error",
            )
        }
        (_, _, Err(e)) => Err(format!("unexpected error: {e}")),
        (_, _, Ok(_)) => Err("expected an error or needs `expected`".into()),
    }
}

#[test]
fn every_diff_and_history_vector_passes() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (op, dir) in [(Operation::Diff, "diff"), (Operation::History, "history")] {
        for f in files(dir) {
            n += 1;
            if let Err(e) = run(op, &f) {
                failures.push(format!("{}: {e}", f.display()));
            }
        }
    }
    assert!(n >= 5, "diff and history vectors missing: {n}");
    assert!(failures.is_empty(), "failing vectors:\n{}", failures.join("\n"));
}
