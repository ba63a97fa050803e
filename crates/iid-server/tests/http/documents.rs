//! The read-only routes: the page (every file of `bindings/wasm/www`,
//! embedded), the schema documents (equal to `docs/schema`), the
//! methodologies, the OpenAPI document, the health check.

use std::path::{Path, PathBuf};

use crate::common::{request, root, TestServer};
use iid_server::Config;
use serde_json::Value;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_page_is_every_file_of_www() {
    let s = TestServer::start(Config::default());
    let www = root().join("bindings/wasm/www");
    let files = files_under(&www);
    assert!(files.len() >= 4);
    let built = www.join("pkg").is_dir()
        && files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "wasm"));
    assert_eq!(iid_server::page::calculator_built_in(), built);
    for file in &files {
        let rel = file
            .strip_prefix(&www)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let r = s.get(&format!("/{rel}"));
        if rel == "index.html" && !built {
            assert_eq!(r.status, 404, "{rel}");
            continue;
        }
        assert_eq!(r.status, 200, "{rel}");
        assert_eq!(r.body, std::fs::read(file).unwrap(), "{rel}");
        let ct = r.header("content-type").unwrap().to_string();
        assert_eq!(ct, iid_server::page::content_type(&rel));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        // Revalidation by ETag.
        let etag = r.header("etag").unwrap().to_string();
        let again = request(
            s.addr,
            "GET",
            &format!("/{rel}"),
            &[("If-None-Match", &etag)],
            None,
        );
        assert_eq!(again.status, 304, "{rel}");
        assert!(again.body.is_empty());
    }
    let home = s.get("/");
    if built {
        assert_eq!(home.status, 200);
        assert_eq!(home.body, std::fs::read(www.join("index.html")).unwrap());
        let wasm = s.get("/pkg/iid_wasm_bg.wasm");
        assert_eq!(wasm.header("content-type"), Some("application/wasm"));
        assert_eq!(&wasm.body[..4], b"\0asm");
    } else {
        // Built before `bindings/wasm/build.sh`: a clear page, not the
        // calculator.
        assert_eq!(home.status, 404);
        assert_eq!(
            home.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        let text = home.text();
        assert!(text.contains("not built into this server"), "{text}");
        assert!(text.contains("bash bindings/wasm/build.sh"));
    }
    let head = request(s.addr, "HEAD", "/style.css", &[], None);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn schema_documents_are_docs_schema() {
    let s = TestServer::start(Config::default());
    let dir = root().join("docs/schema");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".schema.json").map(str::to_string)
        })
        .collect();
    names.sort();
    let listed: Vec<String> = serde_json::from_value(s.get("/v1/schema").json()).unwrap();
    assert_eq!(listed, names);
    assert!(
        names.contains(&"submission".to_string()) && names.contains(&"plan-options".to_string())
    );
    for name in names {
        let r = s.get(&format!("/v1/schema/{name}"));
        assert_eq!(r.status, 200);
        let on_disk: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.schema.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(r.json(), on_disk, "{name}");
    }
}

#[test]
fn methodologies_health_and_openapi() {
    let s = TestServer::start(Config::default());
    let list = s.get("/v1/rubrics").json();
    assert_eq!(list, serde_json::to_value(iid::api::rubrics()).unwrap());
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"iid-2026") && ids.contains(&"iid-2023"),
        "{ids:?}"
    );
    // The 2026 methodology (docs/rubric.md): minimum divisor 12, maximum
    // total 250.
    let r2026 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "iid-2026")
        .unwrap();
    assert_eq!(
        (r2026["min_divisor"].as_u64(), r2026["max_total"].as_str()),
        (Some(12), Some("250"))
    );
    for id in ids {
        let r = s.get(&format!("/v1/rubrics/{id}")).json();
        assert_eq!(
            r,
            serde_json::to_value(iid::api::rubric(id).unwrap()).unwrap()
        );
        assert_eq!(r["id"], id);
    }
    let h = s.get("/healthz");
    assert_eq!(h.status, 200);
    assert_eq!(h.json()["status"], "ok");

    let doc = s.get("/openapi.json").json();
    assert_eq!(doc, iid_server::openapi::document(false));
    assert_eq!(doc["openapi"], "3.1.0");
    for op in iid::api::Operation::ALL {
        assert!(
            doc["paths"][format!("/v1/{}", op.name())]["post"].is_object(),
            "{op:?}"
        );
    }
    for path in [
        "/v1/rubrics",
        "/v1/rubrics/{id}",
        "/v1/schema/{document}",
        "/healthz",
        "/",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path}");
    }
}

/// Every request example of the OpenAPI document is a call its operation
/// answers: posted as it stands, 200 with the operation's JSON answer.
#[test]
fn every_openapi_example_is_answered() {
    let s = TestServer::start(Config::default());
    let doc = s.get("/openapi.json").json();
    for op in iid::api::Operation::ALL {
        let path = format!("/v1/{}", op.name());
        let examples =
            &doc["paths"][&path]["post"]["requestBody"]["content"]["application/json"]["examples"];
        let examples = examples.as_object().expect("an operation has examples");
        assert!(!examples.is_empty(), "{path}");
        for (name, example) in examples {
            assert!(example["summary"].is_string(), "{path} {name}");
            let body = serde_json::to_vec(&example["value"]).unwrap();
            let reply = s.post(&path, &body);
            assert_eq!(reply.status, 200, "{path} {name}: {}", reply.text());
            assert!(reply.json().is_object(), "{path} {name}");
            if !op.on_one_submission() {
                // Its options travel in the document, never the query.
                let reply = s.post(&format!("{path}?mode=self"), &body);
                assert_eq!(reply.status, 400, "{path}: {}", reply.text());
                assert_eq!(reply.error().1, "mode", "{path}");
            }
        }
    }
}
