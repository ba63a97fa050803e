//! Runs every shared vector in `tests/vectors` through the Rust API, as the
//! Python and JavaScript suites do through their bindings.

mod common;

use std::path::{Path, PathBuf};

use iid::api;
use serde_json::Value;

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn run(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let v: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let input = match (v.get("input"), v.get("input_text")) {
        (Some(i), None) => serde_json::to_string(i).unwrap(),
        (None, Some(Value::String(t))) => t.clone(),
        _ => return Err("needs exactly one of input / input_text".into()),
    };
    let rubric = v
        .get("rubric")
        .and_then(Value::as_str)
        .map(|r| std::fs::read_to_string(path.parent().unwrap().join(r)).unwrap());
    let mode = match v.get("mode").and_then(Value::as_str) {
        Some(m) => api::parse_mode(m).map_err(|e| e.to_string())?,
        None => iid::Mode::SelfAssessment,
    };
    if let Some(exp) = v.get("expected_check") {
        let audit = common::check(&input, rubric.as_deref()).map_err(|e| e.to_string())?;
        let got = serde_json::to_value(&audit).unwrap();
        if got["total_points_at_risk"] != exp["total_points_at_risk"] {
            return Err(format!(
                "check total: expected {}, got {}",
                exp["total_points_at_risk"], got["total_points_at_risk"]
            ));
        }
        let paths: Vec<&Value> = got["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["path"])
            .collect();
        let points: Vec<&Value> = got["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["points_at_risk"])
            .collect();
        if exp["paths"]
            .as_array()
            .map(|a| a.iter().collect::<Vec<_>>())
            != Some(paths.clone())
        {
            return Err(format!(
                "check paths: expected {}, got {paths:?}",
                exp["paths"]
            ));
        }
        if exp["points"]
            .as_array()
            .map(|a| a.iter().collect::<Vec<_>>())
            != Some(points.clone())
        {
            return Err(format!(
                "check points: expected {}, got {points:?}",
                exp["points"]
            ));
        }
    }
    let outcome = common::score_mode(&input, rubric.as_deref(), mode);
    match (v.get("expected"), v.get("expected_error"), outcome) {
        (Some(exp), None, Ok(result)) => {
            let got = serde_json::to_value(&result).unwrap();
            for (k, want) in exp.as_object().ok_or("expected must be an object")? {
                let have = got
                    .get(k)
                    .ok_or_else(|| format!("result has no field {k}"))?;
                if have != want {
                    return Err(format!("{k}: expected {want}, got {have}"));
                }
            }
            Ok(())
        }
        (None, Some(exp), Err(e)) => {
            let info = api::ErrorInfo::from(&e);
            if exp["code"] != info.code.as_str() {
                return Err(format!(
                    "error code: expected {}, got {info:?}",
                    exp["code"]
                ));
            }
            if let Some(p) = exp.get("path") {
                if p != info.path.as_str() {
                    return Err(format!("error path: expected {p}, got {info:?}"));
                }
            }
            Ok(())
        }
        (Some(_), None, Err(e)) => Err(format!("unexpected error: {e}")),
        (None, Some(_), Ok(r)) => Err(format!("expected an error, got index {}", r.index)),
        _ => Err("needs exactly one of expected / expected_error".into()),
    }
}

#[test]
fn every_shared_vector_passes() {
    let files = vector_files();
    assert!(files.len() >= 20, "shared vectors missing: {}", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| run(f).err().map(|e| format!("{}: {e}", f.display())))
        .collect();
    assert!(
        failures.is_empty(),
        "failing vectors:\n{}",
        failures.join("\n")
    );
}

/// Where `got` differs from the subset `want`, if anywhere (objects key
/// by key, lists element by element with the same length).
fn plan_mismatch(want: &Value, got: &Value, at: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().find_map(|(k, wv)| match g.get(k) {
            Some(gv) => plan_mismatch(wv, gv, &format!("{at}.{k}")),
            None => Some(format!("{at}.{k}: missing")),
        }),
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (wv, gv))| plan_mismatch(wv, gv, &format!("{at}[{i}]"))),
        _ if want == got => None,
        _ => Some(format!("{at}: expected {want}, got {got}")),
    }
}

/// The plan vectors (`tests/vectors/plan`): a call document of the `plan`
/// operation and a subset of its answer, worked by hand; the plan's
/// projected submission scores, in the plan's mode, its projected index.
#[test]
fn every_plan_vector_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/plan");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors/plan exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "plan vectors missing: {files:?}");
    let mut failures = Vec::new();
    for f in &files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        assert_eq!(v["operation"], "plan", "{}", f.display());
        let got = match api::call_json(api::Operation::Plan, &v["call"].to_string()) {
            Ok(a) => serde_json::from_str::<Value>(&a.to_json()).unwrap(),
            Err(e) => {
                failures.push(format!("{}: [{}] {} {e}", f.display(), e.code(), e.path()));
                continue;
            }
        };
        if let Some(m) = plan_mismatch(&v["expected"], &got, "$") {
            failures.push(format!("{}: {m}", f.display()));
        }
        let mode = api::parse_mode(got["mode"].as_str().unwrap()).unwrap();
        let projected = serde_json::to_string(&got["projected_submission"]).unwrap();
        let rescored = common::score_mode(&projected, None, mode).unwrap();
        let rescored = serde_json::to_value(&rescored).unwrap();
        if rescored["index"] != got["projected_index"] {
            failures.push(format!(
                "{}: projected submission rescored {}",
                f.display(),
                rescored["index"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
