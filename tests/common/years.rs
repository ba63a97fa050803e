//! Checks of a diff answer (JSON) shared by the vector runner and the
//! property tests: its parts add up, exactly and as published.
#![allow(dead_code)]

use serde_json::Value;

/// A fraction `n/d` or `n` as (numerator, denominator).
pub fn frac(v: &Value) -> (i128, i128) {
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

pub fn add(a: (i128, i128), b: (i128, i128)) -> (i128, i128) {
    let (n, d) = (a.0 * b.1 + b.0 * a.1, a.1 * b.1);
    let g = gcd(n, d).max(1);
    (n / g, d / g)
}

pub fn cents(v: &Value) -> i64 {
    let d: rust_decimal::Decimal = v.as_str().unwrap().parse().unwrap();
    (d * rust_decimal::Decimal::from(100)).try_into().unwrap()
}

/// Items add up to their parent, exactly and as published, at every level.
pub fn items_add_up(
    items: &Value,
    fraction: &Value,
    points: &Value,
    at: &str,
) -> Result<(), String> {
    let items = items.as_array().map(Vec::as_slice).unwrap_or_default();
    if items.is_empty() {
        return Ok(());
    }
    let exact = items
        .iter()
        .fold((0, 1), |a, i| add(a, frac(&i["fraction"])));
    if exact != frac(fraction) {
        return Err(format!("{at}: items sum to {exact:?}, part is {fraction}"));
    }
    let published: i64 = items.iter().map(|i| cents(&i["points"])).sum();
    if published != cents(points) {
        return Err(format!("{at}: items publish {published}, part {points}"));
    }
    for (k, i) in items.iter().enumerate() {
        items_add_up(
            &i["rows"],
            &i["fraction"],
            &i["points"],
            &format!("{at}[{k}]"),
        )?;
    }
    Ok(())
}

/// The parts of a diff telescope: fractions to `change_fraction`, points
/// to `change`, each `start` the previous `end`.
pub fn diff_adds_up(d: &Value) -> Result<(), String> {
    let parts = d["parts"].as_array().ok_or("no parts")?;
    let exact = parts
        .iter()
        .fold((0, 1), |a, p| add(a, frac(&p["fraction"])));
    if exact != frac(&d["change_fraction"]) {
        return Err(format!(
            "parts sum to {exact:?}, change {}",
            d["change_fraction"]
        ));
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
        items_add_up(
            &p["items"],
            &p["fraction"],
            &p["points"],
            &format!("parts[{k}]"),
        )?;
    }
    if at != cents(&d["new"]["index"]) {
        return Err("the last part does not end at the new index".into());
    }
    Ok(())
}
