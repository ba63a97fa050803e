//! Graceful shutdown: a request in flight when the signal comes is
//! answered in full; no new connection is taken; the server then ends.
//! And the request log never holds a submission's contents.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{connect, head, read_reply, TestServer};
use iid_server::Config;

const EXAMPLE: &str = include_str!("../../../../examples/kabupaten-contoh.json");

#[test]
fn a_request_in_flight_is_answered_after_the_signal() {
    let mut s = TestServer::start(Config::default());
    // Half a request: the head and part of the body.
    let mut c = connect(s.addr);
    c.write_all(
        head(
            "POST",
            "/v1/score",
            &[("Content-Type", "application/json")],
            Some(EXAMPLE.len()),
        )
        .as_bytes(),
    )
    .unwrap();
    c.write_all(&EXAMPLE.as_bytes()[..EXAMPLE.len() / 2])
        .unwrap();
    c.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));

    s.signal();
    // The listener closes: a new connection is refused (or, if the
    // kernel still accepted it, never answered).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match TcpStream::connect(s.addr) {
            Err(_) => break,
            Ok(mut late) => {
                late.set_read_timeout(Some(Duration::from_millis(200)))
                    .unwrap();
                let _ = late.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                let mut buf = [0u8; 64];
                use std::io::Read;
                if matches!(late.read(&mut buf), Ok(0) | Err(_)) {
                    break;
                }
            }
        }
        assert!(Instant::now() < deadline, "the listener stays open");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!s.finished(), "the server waits for the request in flight");

    // The rest of the body: the answer is the whole score.
    c.write_all(&EXAMPLE.as_bytes()[EXAMPLE.len() / 2..])
        .unwrap();
    let r = read_reply(&mut c);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["index"], "37.98");
    s.stop().expect("the server ends cleanly");
}

/// A writer collecting the log lines.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_log_has_no_submission_contents() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let s = TestServer::start(Config::default());
    let secret = r#"{"methodology": "iid-2026", "region": {"code": "RAHASIA-REGION"},
        "spd": {"1": 3}, "innovations": [{"id": "RAHASIA-ID", "name": "RAHASIA-NAME", "levels": {"99": 1}}]}"#;
    let r = s.post("/v1/score?mode=verified", secret.as_bytes());
    // The error names the field, and quotes the bad code, to the caller...
    assert_eq!(r.status, 422);
    assert!(r.text().contains("99"));
    let ok = s.post("/v1/score", EXAMPLE.as_bytes());
    assert_eq!(ok.status, 200);
    s.stop().unwrap();
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    // ...the log has the route, the status and the code only.
    assert!(
        log.contains("/v1/score")
            && log.contains("status=422")
            && log.contains("unknown_indicator"),
        "{log}"
    );
    for leak in ["RAHASIA", "Kabupaten Contoh", "verified", "\"99\""] {
        assert!(!log.contains(leak), "{leak} in the log:\n{log}");
    }
}
