//! `iid serve` end to end, called as a PHP (or any) system would: with
//! curl, over loopback. Every operation that has a command answers over
//! HTTP with the command line's `--json` output on every shared vector
//! (errors: the same code and message); the methodologies and schemas
//! alike; SIGTERM lets a request in flight finish.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

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

/// `iid serve` on a free port; its address from the first line it prints.
struct Serve {
    child: Child,
    base: String,
}

impl Serve {
    fn start(extra: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_iid"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .env("RUST_LOG", "warn")
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .trim()
            .strip_prefix("iid serve: listening on ")
            .unwrap_or_else(|| panic!("first line: {line:?}"))
            .to_string();
        Serve { child, base }
    }

    fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_string()
    }

    fn terminate(&self) {
        let ok = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// curl, as a PHP system calls (`curl_setopt` with the same options):
/// status and body.
fn curl(args: &[&str], url: &str) -> (u16, Vec<u8>) {
    let out = Command::new("curl")
        .args(["-sS", "-o", "-", "-w", "\n%{http_code}"])
        .args(args)
        .arg(url)
        .current_dir(root())
        .output()
        .expect("curl is installed (scripts/test.sh installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let split = out.stdout.iter().rposition(|b| *b == b'\n').unwrap();
    let status = String::from_utf8_lossy(&out.stdout[split + 1..])
        .parse()
        .unwrap();
    (status, out.stdout[..split].to_vec())
}

fn post_file(base: &str, path_and_query: &str, file: &Path) -> (u16, Value) {
    let data = format!("@{}", file.display());
    let (status, body) = curl(
        &[
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "--data-binary",
            &data,
        ],
        &format!("{base}{path_and_query}"),
    );
    let v = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{path_and_query}: {e}: {}", String::from_utf8_lossy(&body)));
    (status, v)
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The CLI's answer: its JSON, or its one-line error.
enum Cli {
    Json(Value),
    Text(String),
    Error(String),
}

fn cli(args: &[&str], json: bool) -> Cli {
    let o = iid(args);
    if !o.status.success() {
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        return Cli::Error(String::from_utf8_lossy(&o.stderr).trim().to_string());
    }
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    if json {
        Cli::Json(serde_json::from_str(&text).unwrap())
    } else {
        Cli::Text(text)
    }
}

#[test]
fn every_endpoint_answers_the_command_lines_json_on_every_vector() {
    let server = Serve::start(&[]);
    let dir = root().join("tests/vectors");
    let tmp = std::env::temp_dir().join(format!("iid-serve-test-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let changes = tmp.join("changes.json");
    std::fs::write(&changes, r#"[{"op": "set", "indicator": "1", "level": 1}]"#).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut compared = 0;
    for path in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let input = tmp.join(format!("{name}.json"));
        match (&v["input"], &v["input_text"]) {
            (Value::Null, Value::String(t)) => std::fs::write(&input, t).unwrap(),
            (i, _) => std::fs::write(&input, i.to_string()).unwrap(),
        }
        let file = input.to_str().unwrap();
        let rubric_path = v["rubric"].as_str().map(|r| dir.join(r));
        let rubric_arg: Vec<String> = rubric_path
            .iter()
            .flat_map(|p| ["--rubric".to_string(), p.display().to_string()])
            .collect();
        let rubric_query = rubric_path
            .as_ref()
            .map(|p| format!("rubric={}", encode(&std::fs::read_to_string(p).unwrap())));
        let mode = v["mode"].as_str().unwrap_or("self");
        let changes = changes.to_str().unwrap();

        // (operation, query, CLI arguments, whether the CLI prints JSON)
        let cases: Vec<(&str, Vec<String>, Vec<&str>, bool)> = vec![
            (
                "score",
                vec![format!("mode={mode}")],
                vec!["score", file, "--json", "--mode", mode],
                true,
            ),
            (
                "explain",
                vec![format!("mode={mode}")],
                vec!["explain", file, "--json", "--mode", mode],
                true,
            ),
            (
                "explain",
                vec![format!("mode={mode}")],
                vec!["explain", file, "--mode", mode],
                false,
            ),
            ("check", vec![], vec!["check", file, "--json"], true),
            ("validate", vec![], vec!["validate", file], false),
            ("marginal", vec![], vec!["marginal", file, "--json"], true),
            (
                "whatif",
                vec![format!(
                    "changes={}",
                    encode(&std::fs::read_to_string(changes).unwrap())
                )],
                vec!["whatif", file, changes, "--json"],
                true,
            ),
            (
                "plan",
                vec!["target=next".into()],
                vec!["plan", file, "--target", "next", "--json"],
                true,
            ),
        ];
        for (op, mut query, mut args, json) in cases {
            query.extend(rubric_query.clone());
            let rubric_refs: Vec<&str> = rubric_arg.iter().map(String::as_str).collect();
            args.extend(rubric_refs);
            let url = format!("/v1/{op}?{}", query.join("&"));
            let (status, got) = post_file(&server.base, &url, &input);
            match cli(&args, json) {
                Cli::Json(expected) => {
                    assert_eq!(status, 200, "{name} {op}: {got}");
                    let got = if op == "explain" {
                        got["result"].clone()
                    } else {
                        got
                    };
                    assert_eq!(got, expected, "{name} {op}");
                }
                Cli::Text(expected) => {
                    assert_eq!(status, 200, "{name} {op}: {got}");
                    let got = if op == "validate" {
                        format!(
                            "valid: {} region answers, {} innovations, methodology {}",
                            got["region_answers"],
                            got["innovation_count"],
                            got["methodology"].as_str().unwrap()
                        )
                    } else {
                        got["text"].as_str().unwrap().to_string()
                    };
                    assert_eq!(got.trim_end(), expected.trim_end(), "{name} {op}");
                }
                Cli::Error(line) => {
                    assert!(matches!(status, 400 | 413 | 422), "{name} {op}: {status}");
                    let server_line = format!(
                        "iid: error[{}]: {}",
                        got["code"].as_str().unwrap(),
                        got["message"].as_str().unwrap()
                    );
                    assert_eq!(server_line, line, "{name} {op}");
                }
            }
            compared += 1;
        }
    }
    assert!(compared >= 41 * 8, "{compared}");
    let _ = std::fs::remove_dir_all(&tmp);

    // The methodologies and the schema documents.
    let get = |path: &str| {
        let (status, body) = curl(&[], &format!("{}{path}", server.base));
        assert_eq!(status, 200, "{path}");
        serde_json::from_slice::<Value>(&body).unwrap()
    };
    let Cli::Json(list) = cli(&["rubrics", "--json"], true) else {
        panic!()
    };
    assert_eq!(get("/v1/rubrics"), list);
    for r in list.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let Cli::Json(rubric) = cli(&["rubric", "show", id, "--json"], true) else {
            panic!()
        };
        assert_eq!(get(&format!("/v1/rubrics/{id}")), rubric, "{id}");
    }
    // The award definitions, as the CLI lists and prints them.
    let Cli::Json(awards) = cli(&["awards", "--json"], true) else {
        panic!()
    };
    assert_eq!(get("/v1/awards"), awards);
    assert!(awards.as_array().unwrap().len() >= 2);
    for a in awards.as_array().unwrap() {
        let id = a["id"].as_str().unwrap();
        let Cli::Json(definition) = cli(&["awards", id], true) else {
            panic!()
        };
        assert_eq!(get(&format!("/v1/awards/{id}")), definition, "{id}");
    }
    let (status, body) = curl(&[], &format!("{}/v1/awards/iga-1999", server.base));
    assert_eq!(status, 404);
    let e: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("unknown_award"), Some("award")),
        "{e}"
    );
    let names = get("/v1/schema");
    assert!(names.as_array().unwrap().len() >= 10);
    for name in names.as_array().unwrap() {
        let name = name.as_str().unwrap();
        let Cli::Json(schema) = cli(&["schema", name], true) else {
            panic!()
        };
        assert_eq!(get(&format!("/v1/schema/{name}")), schema, "{name}");
    }
}

/// The PHP-style client of the issue: curl posts the submission file and
/// gets the CLI's JSON; bad requests get their status and a JSON error.
#[test]
fn a_php_style_client_scores_over_http() {
    let server = Serve::start(&["--max-body-bytes", "65536"]);
    let example = root().join("examples/kabupaten-contoh.json");
    let (status, got) = post_file(&server.base, "/v1/score", &example);
    assert_eq!(status, 200);
    let Cli::Json(expected) = cli(&["score", "examples/kabupaten-contoh.json", "--json"], true)
    else {
        panic!()
    };
    assert_eq!(got, expected);
    // By hand (README): 37.98, Kurang Inovatif.
    assert_eq!(
        (got["index"].as_str(), got["predicate"].as_str()),
        (Some("37.98"), Some("Kurang Inovatif"))
    );
    let (_, verified) = post_file(&server.base, "/v1/score?mode=verified", &example);
    assert_eq!(verified["index"], "0.00");

    let err = |(status, body): (u16, Vec<u8>)| {
        let v: Value = serde_json::from_slice(&body).unwrap();
        (status, v["code"].as_str().unwrap().to_string())
    };
    let url = format!("{}/v1/score", server.base);
    // curl's -d sends a form unless told otherwise: 415.
    assert_eq!(
        err(curl(&["-d", "@examples/kabupaten-contoh.json"], &url)),
        (415, "unsupported_media_type".into())
    );
    let json = ["-H", "Content-Type: application/json"];
    assert_eq!(
        err(curl(&[&json[..], &["-d", "{\"spd\": "]].concat(), &url)),
        (400, "input_json".into())
    );
    assert_eq!(
        err(curl(
            &[
                &json[..],
                &["-d", r#"{"methodology": "iid-2026", "spd": {"1": 4}}"#]
            ]
            .concat(),
            &url
        )),
        (422, "level_out_of_range".into())
    );
    let big = format!("{{\"methodology\": \"iid-2026\"{}}}", " ".repeat(70_000));
    let big_file = std::env::temp_dir().join(format!("iid-big-{}.json", std::process::id()));
    std::fs::write(&big_file, big).unwrap();
    let data = format!("@{}", big_file.display());
    assert_eq!(
        err(curl(&[&json[..], &["--data-binary", &data]].concat(), &url)),
        (413, "body_too_large".into())
    );
    let _ = std::fs::remove_file(big_file);
    assert_eq!(
        err(curl(&[], &format!("{}/v1/nothing", server.base))),
        (404, "not_found".into())
    );
    assert_eq!(err(curl(&[], &url)), (405, "method_not_allowed".into()));
}

#[test]
fn sigterm_finishes_the_request_in_flight() {
    let mut server = Serve::start(&[]);
    let body = std::fs::read(root().join("examples/kabupaten-contoh.json")).unwrap();
    let mut c = TcpStream::connect(server.addr()).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head = format!(
        "POST /v1/score HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    c.write_all(head.as_bytes()).unwrap();
    c.write_all(&body[..body.len() / 2]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    server.terminate();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "still answering the request in flight"
    );
    c.write_all(&body[body.len() / 2..]).unwrap();
    let mut raw = Vec::new();
    c.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
    assert!(text.contains("\"index\":\"37.98\""));
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let mut rest = String::new();
    server
        .child
        .stdout
        .as_mut()
        .unwrap()
        .read_to_string(&mut rest)
        .unwrap();
    assert!(rest.contains("iid serve: stopped"), "{rest:?}");
}
