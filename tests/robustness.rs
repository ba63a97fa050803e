//! The robustness analysis through the call-and-answer surface: the
//! shared vectors (`tests/vectors/robustness`, run by the Python and
//! JavaScript suites too) and the stated limits.

use std::path::{Path, PathBuf};

use iid::api::{self, Operation};
use serde_json::Value;

fn files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/robustness");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors/robustness exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Where `got` differs from the subset `want` (the national runner's
/// rule: objects by key, lists element by element and of equal length).
fn mismatch(want: &Value, got: &Value, at: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().find_map(|(k, wv)| match g.get(k) {
            Some(gv) => mismatch(wv, gv, &format!("{at}.{k}")),
            None => Some(format!("{at}.{k}: missing")),
        }),
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (wv, gv))| mismatch(wv, gv, &format!("{at}[{i}]"))),
        _ if want == got => None,
        _ => Some(format!("{at}: expected {want}, got {got}")),
    }
}

fn run(path: &Path) -> Result<(), String> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let op: Operation = v["operation"]
        .as_str()
        .ok_or("no operation")?
        .parse()
        .map_err(|e: iid::Error| e.to_string())?;
    let answer = api::call_json(op, &v["call"].to_string());
    match (v.get("expected"), v.get("expected_error"), answer) {
        (Some(want), None, Ok(a)) => {
            let got: Value = serde_json::from_str(&a.to_json()).map_err(|e| e.to_string())?;
            mismatch(want, &got, "$").map_or(Ok(()), Err)
        }
        (None, Some(want), Err(e)) => {
            let got = (e.code(), e.path());
            if (Some(got.0), Some(got.1)) == (want["code"].as_str(), want["path"].as_str()) {
                Ok(())
            } else {
                Err(format!("expected error {want}, got {got:?}: {e}"))
            }
        }
        (Some(_), None, Err(e)) => {
            Err(format!("unexpected error [{}] {}: {e}", e.code(), e.path()))
        }
        (None, Some(want), Ok(_)) => Err(format!("expected error {want}, got an answer")),
        _ => Err("needs exactly one of expected / expected_error".into()),
    }
}

#[test]
fn every_robustness_vector_passes() {
    let files = files();
    assert!(files.len() >= 5, "vectors missing: {files:?}");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| run(f).err().map(|e| format!("{}: {e}", f.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The stated limit: samples × regions up to 20,000,000 (here 100,000
/// sample rows, the most, over 200 regions), one more region refused.
#[test]
fn the_sample_limit_is_reached_and_held() {
    use iid::api::{robustness, RobustnessCall, RobustnessInput};
    use iid::national::RobustnessOptions;
    let rubric = iid::builtin("iid-2026").unwrap();
    let options = RobustnessOptions {
        samples: iid::national::robustness::MAX_SAMPLES,
        bootstrap: 0,
        verification: false,
        ..RobustnessOptions::default()
    };
    let call = |regions: usize| {
        let text =
            serde_json::to_string(&iid::synthetic::national(rubric, regions, 2 * regions, 1))
                .unwrap();
        robustness(RobustnessCall {
            input: RobustnessInput::Json(&text),
            options: options.clone(),
            award: None,
            rubric: None,
        })
    };
    let at = call(200).unwrap();
    assert_eq!(at.rankings, 200_000);
    assert_eq!(at.regions.len(), 200);
    let over = call(201).unwrap_err();
    assert_eq!((over.code(), over.path()), ("input_too_large", "samples"));
}
