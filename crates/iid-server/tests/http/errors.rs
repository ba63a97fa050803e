//! Every error status with its JSON body, the body limit, the time and
//! concurrency limits, the bearer token and CORS.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use crate::common::{connect, head, read_reply, request, TestServer};
use iid_server::Config;

const EXAMPLE: &str = include_str!("../../../../examples/kabupaten-contoh.json");
const JSON: (&str, &str) = ("Content-Type", "application/json");

#[test]
fn statuses_and_json_errors() {
    let s = TestServer::start(Config::default());

    // 400: not JSON (syntax, encoding); query parameters malformed,
    // repeated, or beside a call document.
    let r = s.post("/v1/score", b"{\"methodology\": \"iid-2026\", \"spd\": {");
    assert_eq!((r.status, r.error().0.as_str()), (400, "input_json"));
    let r = s.post("/v1/score", b"{\"methodology\": \"iid-2026\"} {}");
    assert_eq!(
        (r.status, r.error()),
        (400, ("input_json".into(), "$".into()))
    );
    let r = s.post("/v1/check", b"\xff\xfe{}");
    assert_eq!((r.status, r.error().0.as_str()), (400, "input_not_utf8"));
    let r = s.post("/v1/score", b"");
    assert_eq!((r.status, r.error().0.as_str()), (400, "input_json"));
    let r = s.post("/v1/score?mode=self&mode=verified", EXAMPLE.as_bytes());
    assert_eq!(
        (r.status, r.error()),
        (400, ("bad_query".into(), "mode".into()))
    );
    let call = format!(r#"{{"submission": {EXAMPLE}}}"#);
    let r = s.post("/v1/score?mode=verified", call.as_bytes());
    assert_eq!(
        (r.status, r.error()),
        (400, ("bad_query".into(), "mode".into()))
    );

    // 422: JSON that breaks the format's rules, named by code and path;
    // in a call document the path is below `submission`.
    let r = s.post(
        "/v1/score",
        br#"{"methodology": "iid-2026", "spd": {"1": 4}}"#,
    );
    assert_eq!(
        (r.status, r.error()),
        (422, ("level_out_of_range".into(), "spd.1".into()))
    );
    assert_eq!(r.json()["layer"], "input");
    let r = s.post(
        "/v1/score",
        br#"{"submission": {"methodology": "iid-2026", "spd": {"1": -1}}}"#,
    );
    assert_eq!(
        (r.status, r.error()),
        (422, ("input_json".into(), "submission.spd.1".into()))
    );
    let r = s.post("/v1/score?mode=both", EXAMPLE.as_bytes());
    assert_eq!(
        (r.status, r.error()),
        (422, ("input_invalid".into(), "mode".into()))
    );
    let r = s.post("/v1/score?colour=red", EXAMPLE.as_bytes());
    assert_eq!(
        (r.status, r.error()),
        (422, ("input_json".into(), "colour".into()))
    );
    let r = s.post("/v1/plan", EXAMPLE.as_bytes());
    assert_eq!(
        (r.status, r.error()),
        (422, ("input_invalid".into(), "options".into()))
    );
    let r = s.post("/v1/score?rubric=iid-1999", EXAMPLE.as_bytes());
    assert_eq!(
        (r.status, r.error().0.as_str()),
        (422, "unknown_methodology")
    );
    let r = s.post("/v1/score", br#"{"submission": {}, "rubric": {"id": "x"}}"#);
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["layer"], "rubric");
    // A JSON document nested deeper than the format reads is JSON: 422.
    let deep = "[".repeat(300) + &"]".repeat(300);
    let r = s.post("/v1/score", deep.as_bytes());
    assert_eq!((r.status, r.error().0.as_str()), (422, "input_json"));

    // 415: no content type, a form, text.
    for ct in [
        None,
        Some("application/x-www-form-urlencoded"),
        Some("text/plain"),
        Some("application/json; charset=latin1"),
    ] {
        let headers: Vec<(&str, &str)> = ct.map(|c| ("Content-Type", c)).into_iter().collect();
        let r = request(
            s.addr,
            "POST",
            "/v1/score",
            &headers,
            Some(EXAMPLE.as_bytes()),
        );
        assert_eq!(
            (r.status, r.error().0.as_str()),
            (415, "unsupported_media_type"),
            "{ct:?}"
        );
    }
    let r = request(
        s.addr,
        "POST",
        "/v1/score",
        &[("Content-Type", "application/json; charset=UTF-8")],
        Some(EXAMPLE.as_bytes()),
    );
    assert_eq!(r.status, 200);

    // 404: a route, an operation, a methodology, a schema document, a file.
    for path in [
        "/nothing",
        "/v1/nothing",
        "/v1/rubrics/iid-1999",
        "/v1/schema/nothing",
        "/v1/schema/..%2Fsubmission",
        "/pkg/none.js",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}: {}", r.text());
        r.error();
    }
    let r = s.post("/v1/nothing", EXAMPLE.as_bytes());
    assert_eq!((r.status, r.error().0.as_str()), (404, "not_found"));
    assert_eq!(
        s.get("/v1/rubrics/iid-1999").error().0,
        "unknown_methodology"
    );

    // The HTTP layer's own refusals answer JSON too: a path parameter
    // that is not UTF-8.
    let r = s.get("/v1/rubrics/%FF");
    assert_eq!((r.status, r.error().0.as_str()), (400, "bad_request"));

    // 405, with the methods that are allowed.
    let r = s.get("/v1/score");
    assert_eq!(
        (r.status, r.error().0.as_str()),
        (405, "method_not_allowed")
    );
    assert_eq!(r.header("allow"), Some("POST"));
    let r = s.post("/healthz", b"{}");
    assert_eq!(
        (r.status, r.error().0.as_str()),
        (405, "method_not_allowed")
    );
    let r = request(s.addr, "TRACE", "/", &[], None);
    assert_eq!(
        (r.status, r.error().0.as_str()),
        (405, "method_not_allowed")
    );
    assert_eq!(r.header("allow"), Some("GET,HEAD"));
    let r = request(s.addr, "DELETE", "/v1/rubrics", &[], None);
    assert_eq!(r.status, 405);
    assert!(r.header("allow").is_some_and(|a| a.contains("GET")));
}

#[test]
fn body_limit() {
    // The default, 8 MiB: a body of exactly 8 MiB is read (a submission
    // followed by spaces); one byte more is refused before it is sent
    // (a client waiting for `100 Continue` gets the 413 instead).
    let s = TestServer::start(Config::default());
    let limit = 8 * 1024 * 1024;
    let mut body = EXAMPLE.as_bytes().to_vec();
    body.resize(limit, b' ');
    let r = s.post("/v1/validate", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["valid"], true);

    let mut c = connect(s.addr);
    let h = head(
        "POST",
        "/v1/score",
        &[JSON, ("Expect", "100-continue")],
        Some(limit + 1),
    );
    c.write_all(h.as_bytes()).unwrap();
    let r = read_reply(&mut c);
    assert_eq!((r.status, r.error().0.as_str()), (413, "body_too_large"));

    // A configured limit, and a body with no declared length (chunked)
    // that grows past it while it streams.
    let s = TestServer::start(Config {
        max_body_bytes: 1024,
        ..Config::default()
    });
    let mut c = connect(s.addr);
    let h = "POST /v1/score HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    c.write_all(h.as_bytes()).unwrap();
    let chunk = format!("400\r\n{}\r\n", " ".repeat(0x400));
    c.write_all(chunk.as_bytes()).unwrap();
    let _ = c.write_all(b"1\r\n \r\n0\r\n\r\n");
    let r = read_reply(&mut c);
    assert_eq!((r.status, r.error().0.as_str()), (413, "body_too_large"));
    assert!(r.json()["message"].as_str().unwrap().contains("1024"));
    let r = s.post("/v1/score", br#"{"methodology": "iid-2026"}"#);
    assert_eq!(r.status, 200);
}

#[test]
fn time_limit() {
    // A body that stops arriving: the answer is 503 once the time limit
    // is spent, and the server goes on answering others.
    let s = TestServer::start(Config {
        time_limit: Duration::from_millis(300),
        ..Config::default()
    });
    let mut c = connect(s.addr);
    c.write_all(head("POST", "/v1/plan?target=next", &[JSON], Some(EXAMPLE.len())).as_bytes())
        .unwrap();
    c.write_all(&EXAMPLE.as_bytes()[..100]).unwrap();
    let started = Instant::now();
    let r = read_reply(&mut c);
    assert_eq!((r.status, r.error().0.as_str()), (503, "time_limit"));
    assert!(started.elapsed() >= Duration::from_millis(250));
    let r = s.post("/v1/score", EXAMPLE.as_bytes());
    assert_eq!(r.status, 200);
}

#[test]
fn concurrency_limit_queues() {
    // One computation at a time: twelve clients at once all get their
    // answer (they wait for the slot, none is refused).
    let s = TestServer::start(Config {
        max_concurrent: 1,
        ..Config::default()
    });
    let addr = s.addr;
    let clients: Vec<_> = (0..12)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/v1/score"
                } else {
                    "/v1/plan?target=next"
                };
                request(addr, "POST", path, &[JSON], Some(EXAMPLE.as_bytes())).status
            })
        })
        .collect();
    for c in clients {
        assert_eq!(c.join().unwrap(), 200);
    }
}

#[test]
fn bearer_token() {
    let s = TestServer::start(Config {
        token: Some("s3cret-token".into()),
        ..Config::default()
    });
    let r = s.post("/v1/score", EXAMPLE.as_bytes());
    assert_eq!((r.status, r.error().0.as_str()), (401, "unauthorized"));
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    for wrong in [
        "Bearer s3cret-tokeN",
        "Bearer s3cret",
        "Basic s3cret-token",
        "s3cret-token",
    ] {
        let r = request(
            s.addr,
            "POST",
            "/v1/score",
            &[JSON, ("Authorization", wrong)],
            Some(EXAMPLE.as_bytes()),
        );
        assert_eq!(r.status, 401, "{wrong}");
    }
    assert_eq!(s.get("/v1/rubrics").status, 401);
    let r = request(
        s.addr,
        "POST",
        "/v1/score",
        &[JSON, ("Authorization", "Bearer s3cret-token")],
        Some(EXAMPLE.as_bytes()),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["index"], "37.98");
    // Health, the page and the OpenAPI document stay open; the document
    // says which routes need the token.
    assert_eq!(s.get("/healthz").status, 200);
    let doc = s.get("/openapi.json").json();
    assert_eq!(
        doc["paths"]["/v1/score"]["post"]["security"][0]["bearer"],
        serde_json::json!([])
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    // An unknown path is 404 with or without the token.
    assert_eq!(s.get("/v1/nothing").status, 404);
}

#[test]
fn cors_only_when_configured() {
    let preflight = |addr, origin: &str| {
        request(
            addr,
            "OPTIONS",
            "/v1/score",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            None,
        )
    };
    let s = TestServer::start(Config::default());
    let r = request(
        s.addr,
        "POST",
        "/v1/score",
        &[JSON, ("Origin", "https://sipd.example.go.id")],
        Some(EXAMPLE.as_bytes()),
    );
    assert_eq!(r.status, 200);
    assert!(
        r.headers
            .iter()
            .all(|(k, _)| !k.starts_with("access-control-")),
        "{:?}",
        r.headers
    );
    let r = preflight(s.addr, "https://sipd.example.go.id");
    assert!(r.header("access-control-allow-origin").is_none());

    let s = TestServer::start(Config {
        cors_origins: vec!["https://sipd.example.go.id".into()],
        ..Config::default()
    });
    let r = preflight(s.addr, "https://sipd.example.go.id");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://sipd.example.go.id")
    );
    assert!(r
        .header("access-control-allow-methods")
        .is_some_and(|m| m.contains("POST")));
    let r = request(
        s.addr,
        "POST",
        "/v1/score",
        &[JSON, ("Origin", "https://sipd.example.go.id")],
        Some(EXAMPLE.as_bytes()),
    );
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://sipd.example.go.id")
    );
    let r = preflight(s.addr, "https://elsewhere.example.com");
    assert!(r.header("access-control-allow-origin").is_none());
}

#[test]
fn keep_alive_connections_answer_in_turn() {
    // Two requests on one connection (what a load tester or a PHP
    // client with a persistent handle does).
    let s = TestServer::start(Config::default());
    let mut c = connect(s.addr);
    let keep = format!(
        "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{EXAMPLE}",
        EXAMPLE.len()
    );
    c.write_all(keep.as_bytes()).unwrap();
    c.write_all(head("GET", "/healthz", &[], None).as_bytes())
        .unwrap();
    let mut raw = Vec::new();
    c.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 2, "{text}");
    assert!(text.contains("\"37.98\""));
    assert!(text.contains("{\"status\":\"ok\""));
}

#[test]
fn a_silent_client_is_disconnected() {
    // A connection that never sends a request's head is closed after the
    // header timeout, with no answer; the server answers others meanwhile.
    let s = TestServer::start(Config {
        header_timeout: Duration::from_millis(300),
        ..Config::default()
    });
    let mut silent = connect(s.addr);
    let mut partial = connect(s.addr);
    partial
        .write_all(b"POST /v1/score HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    assert_eq!(s.get("/healthz").status, 200);
    let started = Instant::now();
    for c in [&mut silent, &mut partial] {
        let mut buf = Vec::new();
        let _ = c.read_to_end(&mut buf);
        assert!(!String::from_utf8_lossy(&buf).contains("200 OK"));
    }
    assert!(started.elapsed() < Duration::from_secs(10));
}
