//! Every operation of `Operation::ALL` over HTTP on every shared vector
//! (`tests/vectors`), as a bare submission with query options and as a
//! call document: the body and the status are the engine's answer
//! (`iid::api::call_parts` / `call_json`, what every surface prints), the
//! error the engine's `{code, path, message}`. The command line's own
//! output is compared in `crates/iid-cli/tests/serve.rs`.

use crate::common::{encode, vectors, TestServer};
use iid::api::{self, ErrorInfo, Operation};
use iid_server::Config;
use serde_json::{json, Map, Value};

/// The options each operation is called with on a vector (an operation
/// added later is called with none, and must still answer as the engine).
fn options(op: Operation, rubric: Option<&str>, mode: Option<&str>) -> Map<String, Value> {
    let mut map = Map::new();
    match op.name() {
        "score" | "explain" => {
            if let Some(m) = mode {
                map.insert("mode".into(), m.into());
            }
        }
        "whatif" | "apply" => {
            map.insert(
                "changes".into(),
                json!([{"op": "set", "indicator": "1", "level": 1}]),
            );
        }
        "plan" => {
            map.insert("target".into(), "next".into());
        }
        _ => {}
    }
    if let Some(r) = rubric {
        map.insert("rubric".into(), serde_json::from_str(r).unwrap());
    }
    map
}

/// What the engine answers: the status the service must give and the body.
fn expected(answer: Result<api::Answer, iid::Error>, is_json: bool) -> (u16, Value) {
    match answer {
        Ok(a) => (200, serde_json::from_str(&a.to_json()).unwrap()),
        Err(e) => {
            let info = ErrorInfo::from(&e);
            let status = if !is_json {
                400
            } else if info.code == "input_too_large" {
                413
            } else {
                422
            };
            (status, serde_json::to_value(&info).unwrap())
        }
    }
}

fn query(map: &Map<String, Value>) -> String {
    let pairs: Vec<String> = map
        .iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!("{k}={}", encode(&text))
        })
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

#[test]
fn every_operation_on_every_vector_answers_as_the_engine() {
    let server = TestServer::start(Config::default());
    let mut checked = 0;
    let mut statuses = std::collections::BTreeMap::new();
    for v in vectors() {
        // The oracle of "is JSON": serde_json's own reading.
        let is_json = serde_json::from_str::<Value>(&v.input).is_ok();
        for op in Operation::ALL {
            let opts = options(op, v.rubric.as_deref(), v.mode.as_deref());
            let opts_text = (!opts.is_empty()).then(|| Value::Object(opts.clone()).to_string());

            // A bare submission, options in the query; an operation on
            // many regions or years reads any body as its call document.
            let (engine, path) = if op.on_one_submission() {
                let engine = api::call_parts(op, &v.input, opts_text.as_deref(), None);
                (engine, format!("/v1/{}{}", op.name(), query(&opts)))
            } else {
                (api::call_json(op, &v.input), format!("/v1/{}", op.name()))
            };
            let (status, body) = expected(engine, is_json);
            let reply = server.post(&path, v.input.as_bytes());
            assert_eq!(
                reply.status,
                status,
                "{} {}: {}",
                v.name,
                op.name(),
                reply.text()
            );
            assert_eq!(reply.header("content-type"), Some("application/json"));
            let got = reply.json();
            assert_eq!(got, body, "{} {} (bare)", v.name, op.name());
            *statuses.entry(status).or_insert(0) += 1;
            checked += 1;

            // The same as a call document.
            if let Some(input) = &v.input_value {
                let mut doc = opts.clone();
                doc.insert("submission".into(), input.clone());
                let doc = Value::Object(doc).to_string();
                let (status, body) = expected(api::call_json(op, &doc), true);
                let reply = server.post(&format!("/v1/{}", op.name()), doc.as_bytes());
                assert_eq!(
                    reply.status,
                    status,
                    "{} {}: {}",
                    v.name,
                    op.name(),
                    reply.text()
                );
                assert_eq!(
                    reply.json(),
                    body,
                    "{} {} (call document)",
                    v.name,
                    op.name()
                );
                checked += 1;
            }
        }
    }
    // 41 vectors at the time of writing, 8 operations, both forms.
    assert!(checked >= 500, "{checked}");
    // The vectors reach answers, format errors and syntax errors alike.
    for s in [200, 400, 422] {
        assert!(statuses.get(&s).is_some_and(|n| *n > 0), "{statuses:?}");
    }
}

/// The bundled example, by hand (README): 37.98 Kurang Inovatif self,
/// 0.00 Tidak Dapat Dinilai verified (bare levels, no evidence).
#[test]
fn the_example_over_http() {
    let server = TestServer::start(Config::default());
    let text = std::fs::read(crate::common::root().join("examples/kabupaten-contoh.json")).unwrap();
    let r = server.post("/v1/score", &text).json();
    assert_eq!(
        (r["index"].as_str(), r["predicate"].as_str()),
        (Some("37.98"), Some("Kurang Inovatif"))
    );
    assert_eq!(r["spd_score"], "42.5");
    assert_eq!(r["innovation_count_score"], "3.04");
    let r = server.post("/v1/score?mode=verified", &text).json();
    assert_eq!(
        (r["index"].as_str(), r["predicate"].as_str()),
        (Some("0.00"), Some("Tidak Dapat Dinilai"))
    );
    let call = format!(
        r#"{{"submission": {}, "mode": "verified"}}"#,
        String::from_utf8_lossy(&text)
    );
    assert_eq!(
        server.post("/v1/score", call.as_bytes()).json()["index"],
        "0.00"
    );
    // The plan of the README: 37.98 -> 40.02 (Inovatif) for 5 level
    // steps, the measured rows kept (tests/plan.rs works it out).
    let plan = server.post("/v1/plan?target=Inovatif", &text).json();
    assert_eq!(plan["total_cost"], "5", "{plan}");
    assert_eq!(plan["projected_index"], "40.02");
}
