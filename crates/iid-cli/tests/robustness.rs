//! `iid robustness` end to end, on the hand-worked robustness vectors
//! (`tests/vectors/robustness`): a file and a directory of submissions,
//! the JSON, CSV and text outputs, seed determinism, an option error.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn iid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iid"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The submissions of a vector written to a scratch file and directory.
fn nation(vector: &str) -> (String, String) {
    let p = root().join("tests/vectors/robustness").join(vector);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let dir = std::env::temp_dir().join(format!(
        "iid-cli-robustness-{}-{vector}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("each")).unwrap();
    let subs = v["call"]["submissions"].as_array().unwrap();
    for (i, s) in subs.iter().enumerate() {
        std::fs::write(dir.join("each").join(format!("{i}.json")), s.to_string()).unwrap();
    }
    let file = dir.join("nation.json");
    std::fs::write(&file, Value::Array(subs.clone()).to_string()).unwrap();
    (
        file.display().to_string(),
        dir.join("each").display().to_string(),
    )
}

#[test]
fn divisor_alternatives_from_a_file_and_a_directory() {
    let (file, dir) = nation("robustness-divisor-flip.json");
    let args = |input: &str| {
        iid(&[
            "robustness",
            input,
            "--samples",
            "200",
            "--seed",
            "7",
            "--weight-range",
            "0",
            "--divisors",
            "10,12",
            "--no-verification",
            "--bootstrap",
            "20",
            "--json",
        ])
    };
    let a = args(&file);
    assert!(a.status.success(), "{}", text(&a.stderr));
    // The same seed, the same bytes; a directory reads the same regions.
    assert_eq!(a.stdout, args(&file).stdout);
    assert_eq!(a.stdout, args(&dir).stdout);
    let v: Value = serde_json::from_slice(&a.stdout).unwrap();
    // Hand-worked (the vector): B 1.53 over A 1.50 at d = 12, A 1.56 at
    // d = 10: both range over ranks 1 and 2.
    let got: Vec<(String, u64, u64, u64)> = v["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["rank"].as_u64().unwrap(),
                r["rank_p05"].as_u64().unwrap(),
                r["rank_p95"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("B".into(), 1, 1, 2), ("A".into(), 2, 1, 2)]);
    assert_eq!(v["sensitivity"][0]["first_order"], "0.000000");

    let csv = iid(&[
        "robustness",
        &file,
        "--samples",
        "10",
        "--weight-range",
        "0",
        "--no-verification",
        "--csv",
    ]);
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("rank,code,name,cluster,index,predicate,median_rank,rank_p05,rank_p95"));
    assert!(
        csv.contains("1,B,Kabupaten B,,1.53,Kurang Inovatif,1,1,1,1.000000,,"),
        "{csv}"
    );

    let human = iid(&["robustness", &file, "--samples", "10", "--no-verification"]);
    let human = text(&human.stdout);
    assert!(
        human.contains("Ketahanan peringkat / Ranking robustness: iid-2026"),
        "{human}"
    );
    assert!(human.contains("bobot / weights"), "{human}");
}

#[test]
fn a_bad_option_is_an_error_at_its_name() {
    let (file, _) = nation("robustness-zero-width.json");
    let o = iid(&["robustness", &file, "--divisors", "12,12"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("error[input_invalid]"),
        "{}",
        text(&o.stderr)
    );
    assert!(
        text(&o.stderr).contains("divisors[1]"),
        "{}",
        text(&o.stderr)
    );
}
