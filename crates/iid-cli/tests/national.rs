//! `iid rank` and `iid award` end to end, on the hand-worked national
//! vectors (`tests/vectors/national`) in every input form.

use std::path::{Path, PathBuf};
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

fn vector(name: &str) -> Value {
    let p = root().join("tests/vectors/national").join(name);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// A scratch directory of its own for each test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("iid-cli-national-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, v.to_string()).unwrap();
    p.to_string_lossy().into_owned()
}

/// The ranking's (code, rank, rank_exact, cluster, nominee) rows.
fn rows(v: &Value) -> Vec<(String, u64, u64, String, bool)> {
    v["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["rank"].as_u64().unwrap(),
                r["rank_exact"].as_u64().unwrap(),
                r["cluster"].as_str().unwrap_or("-").to_string(),
                r["nominee"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn hand_worked() -> Vec<(String, u64, u64, String, bool)> {
    [
        ("11.00", 1, 1, "provinsi", true),
        ("11.71", 2, 2, "kota", true),
        ("11.01", 3, 3, "kabupaten", true),
        ("11.04", 3, 3, "perbatasan", true),
        ("11.02", 3, 5, "kabupaten", true),
        ("11.03", 6, 6, "perbatasan", false),
        ("11.05", 7, 7, "kabupaten", false),
    ]
    .into_iter()
    .map(|(c, r, e, k, n)| (c.to_string(), r, e, k.to_string(), n))
    .collect()
}

#[test]
fn rank_a_json_file_a_json_lines_file_and_a_directory_alike() {
    let v = vector("rank-ties-roster-border.json");
    let call = &v["call"];
    let d = scratch("forms");
    let subs = write(&d, "subs.json", &call["submissions"]);
    let roster = write(&d, "roster.json", &call["roster"]);
    let award = write(&d, "award.json", &call["award"]);
    let lines: String = call["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{s}\n\n"))
        .collect();
    let jsonl = d.join("subs.jsonl");
    std::fs::write(&jsonl, lines).unwrap();
    let dir = d.join("each");
    std::fs::create_dir_all(&dir).unwrap();
    for s in call["submissions"].as_array().unwrap() {
        write(
            &dir,
            &format!("{}.json", s["region"]["code"].as_str().unwrap()),
            s,
        );
    }
    for input in [
        subs,
        jsonl.to_string_lossy().into_owned(),
        dir.to_string_lossy().into_owned(),
    ] {
        let o = iid(&[
            "rank", &input, "--roster", &roster, "--award", &award, "--json",
        ]);
        assert!(o.status.success(), "{input}: {}", text(&o.stderr));
        let got: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(rows(&got), hand_worked(), "{input}");
        assert_eq!(got["summary"]["mean_index"], "13.00");
    }
}

#[test]
fn rank_prints_the_table_and_csv() {
    let o = iid(&[
        "rank",
        "examples/national/nasional-sintetis.json",
        "--award",
        "iga-2023",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("Predikat / Predicates"), "{out}");
    assert!(out.contains("Nominees per cluster"), "{out}");
    let o = iid(&["rank", "examples/national/nasional-sintetis.json", "--csv"]);
    let csv = text(&o.stdout);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("rank,rank_exact,code,name"));
    assert_eq!(lines.count(), 60);
}

#[test]
fn rank_two_csv_tables_as_the_submissions() {
    // Regions A (11.01) and D (11.71) of the hand-worked vector as tables.
    let d = scratch("csv");
    let regions = d.join("regions.csv");
    std::fs::write(
        &regions,
        "code,name,methodology,level,clusters,1,3,4,5a,6,7,8,12\n\
         11.01,Kabupaten A,iid-2026,kabupaten,,3,3,3,2,3,3,3,3\n\
         11.71,Kota D,iid-2026,kota,,3,3,3,2,3,3,3,3\n",
    )
    .unwrap();
    let innovations = d.join("innovations.csv");
    std::fs::write(&innovations, "region,16,17\n11.01,3,2\n11.71,3,3\n").unwrap();
    let o = iid(&[
        "rank",
        regions.to_str().unwrap(),
        innovations.to_str().unwrap(),
        "--award",
        "iga-2023",
        "--json",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let got: Value = serde_json::from_slice(&o.stdout).unwrap();
    // D: 0.4 x (30 + 15/12) = 12.50; A: 0.4 x (30 + 13/12) = 12.43.
    assert_eq!(got["regions"][0]["code"], "11.71");
    assert_eq!(got["regions"][0]["index"], "12.50");
    assert_eq!(got["regions"][0]["cluster"], "kota");
    assert_eq!(got["regions"][1]["index"], "12.43");
    assert_eq!(got["regions"][1]["cluster"], "kabupaten");
}

#[test]
fn bad_input_is_one_line_with_a_path_and_exit_2() {
    let v = vector("rank-error-duplicate-region.json");
    let d = scratch("errors");
    let subs = write(&d, "dup.json", &v["call"]["submissions"]);
    let o = iid(&["rank", &subs]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.starts_with("iid: error[duplicate_region]: [2].region.code"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    // In a directory, the file is named.
    let dir = d.join("each");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.json"),
        r#"{"methodology":"iid-2026","region":{"code":"1"},"spd":{"1":4}}"#,
    )
    .unwrap();
    let o = iid(&["rank", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("a.json:spd.1"),
        "{}",
        text(&o.stderr)
    );
    let o = iid(&["rank", &subs, "--award", "iga-1999"]);
    assert!(text(&o.stderr).contains("error[unknown_award]"));
}

#[test]
fn award_turns_stage_scores_into_winners() {
    let v = vector("award-stages-tie-break.json");
    let d = scratch("award");
    let ranking = write(
        &d,
        "ranking.json",
        &serde_json::json!({"regions": v["call"]["ranking"]}),
    );
    let scores = write(&d, "scores.json", &v["call"]["scores"]);
    let award = write(&d, "award.json", &v["call"]["award"]);
    let o = iid(&["award", &ranking, &scores, "--award", &award, "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let got: Value = serde_json::from_slice(&o.stdout).unwrap();
    let winners: Vec<&Value> = got["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["winners"][0])
        .collect();
    assert_eq!(winners, ["11.04", "11.00", "11.01", "11.71"]);
    let o = iid(&["award", &ranking, &scores, "--award", &award]);
    assert!(text(&o.stdout).contains("155.00"));
    // Without --award the ranking names none.
    let o = iid(&["award", &ranking, &scores]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("error[input_json]: award"),
        "{}",
        text(&o.stderr)
    );
}
