//! `GET /openapi.json`: an OpenAPI 3.1 document, built once at start from
//! the operation list ([`Operation::ALL`]) and the core's JSON Schemas
//! (each operation's call and answer, [`iid::api::schema`]; the same
//! generator as `iid schema`). An operation added to the core appears here
//! by itself; one without schemas yet is described generically.
//!
//! Each schema's `$defs` become `components/schemas`, named by type
//! (`Submission`, `ScoreResult`, ...), with their references rewritten.

use std::collections::HashMap;

use iid::api::schema::{answer_schema, call_schema};
use iid::api::{AwardInfo, Operation, RubricInfo};
use iid::model::award::AwardDefinition;
use iid::{Rubric, Submission};
use schemars::schema_for;
use serde_json::{json, Map, Value};

use crate::catalog::{schema_names, Health};
use crate::error::ErrorBody;

const EXAMPLE: &str = include_str!("../../../examples/kabupaten-contoh.json");
const CITY: &str = include_str!("../../../examples/kota-bukti-dukung.json");
const YEAR_2023: &str = include_str!("../../../examples/riwayat/kota-contoh-2023.json");
const YEAR_2024: &str = include_str!("../../../examples/riwayat/kota-contoh-2024.json");
const AWARD: &str = include_str!("../../../examples/http/award.json");

/// The request example of an operation, built from the bundled examples:
/// a call each operation answers with 200 (the service's tests post every
/// one). A new operation has to be given its own here.
fn example(op: Operation) -> Value {
    let doc = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    let one = || doc(EXAMPLE);
    let two = || json!([doc(EXAMPLE), doc(CITY)]);
    let years = "examples/riwayat/kota-contoh-2023.json and -2024.json";
    let changes = json!([{"op": "set", "indicator": "3", "level": 3}]);
    let (name, summary, value) = match op {
        Operation::Score
        | Operation::Explain
        | Operation::Check
        | Operation::Validate
        | Operation::Marginal
        | Operation::Report
        | Operation::Risk => (
            "kabupaten-contoh",
            "examples/kabupaten-contoh.json, as a bare submission",
            one(),
        ),
        Operation::Plan => (
            "kabupaten-contoh",
            "examples/kabupaten-contoh.json, to the next predicate",
            json!({"submission": one(), "target": "next"}),
        ),
        Operation::Whatif | Operation::Apply => (
            "kabupaten-contoh",
            "examples/kabupaten-contoh.json with indicator 3 set to level 3",
            json!({"submission": one(), "changes": changes}),
        ),
        Operation::Rank => (
            "two-regions",
            "the two bundled submissions, ranked for the IGA 2023 award",
            json!({"submissions": two(), "award": "iga-2023"}),
        ),
        Operation::Robustness => (
            "two-regions",
            "the two bundled submissions, 200 samples",
            json!({"submissions": two(), "samples": 200, "seed": 2025}),
        ),
        Operation::Award => (
            "three-nominees",
            "examples/http/award.json: three nominees' jury and field scores",
            doc(AWARD),
        ),
        Operation::History => (
            "kota-contoh",
            years,
            json!({"submissions": [doc(YEAR_2023), doc(YEAR_2024)]}),
        ),
        Operation::Diff => (
            "kota-contoh",
            years,
            json!({"old": doc(YEAR_2023), "new": doc(YEAR_2024)}),
        ),
    };
    json!({ name: {"summary": summary, "value": value} })
}

/// The OpenAPI document of a server (`secured`: a bearer token guards
/// the `/v1` routes).
pub fn document(secured: bool) -> Value {
    let mut c = Components::default();
    let submission = c.add(schema_for!(Submission).to_value());
    let error = c.add(schema_for!(ErrorBody).to_value());
    let mut paths = Map::new();
    for op in Operation::ALL {
        let call = call_schema(op).map(|s| s.to_value());
        // Options as query parameters only beside a bare submission.
        let parameters = match &call {
            Some(call) if op.on_one_submission() => query_parameters(call),
            _ => Vec::new(),
        };
        let call_ref = match call {
            Some(s) => c.add(s),
            None => json!({
                "type": "object",
                "description": "A call document: the submission and the operation's options.",
                "properties": {"submission": submission},
                "required": ["submission"]
            }),
        };
        let answer = answer_schema(op).map_or_else(
            || json!({"description": "The operation's answer (see `iid schema`)."}),
            |s| c.add(s.to_value()),
        );
        let mut responses = Map::new();
        responses.insert(
            "200".into(),
            json!({
                "description": "The answer: the JSON the command line prints with `--json`.",
                "content": {"application/json": {"schema": answer}}
            }),
        );
        for (status, why) in [
            ("400", "The body is not JSON (syntax, encoding, nesting), or a query parameter is malformed, repeated or given with a call document."),
            ("413", "The body is over the server's limit, or the document over the engine's."),
            ("415", "The body is not sent as `application/json`."),
            ("422", "A JSON document that breaks the format's rules; `code` and `path` name the rule and the field."),
            ("503", "No answer within the server's time limit."),
        ] {
            responses.insert(status.into(), error_response(why, &error));
        }
        if secured {
            responses.insert(
                "401".into(),
                error_response("Missing or wrong bearer token.", &error),
            );
        }
        let mut operation = json!({
            "operationId": op.name(),
            "summary": format!("The `{}` operation", op.name()),
            "description": if op.on_one_submission() {
                format!(
                    "Answers as `iid::api::call_json(\"{name}\", ...)` does. The body is a call document (`submission` with the options beside it) or a bare submission document with the options as query parameters.",
                    name = op.name()
                )
            } else {
                format!(
                    "Answers as `iid::api::call_json(\"{name}\", ...)` does. The body is the operation's call document, options included; no query parameters.",
                    name = op.name()
                )
            },
            "parameters": parameters,
            "requestBody": {
                "required": true,
                "content": {"application/json": {
                    "schema": if op.on_one_submission() {
                        json!({"oneOf": [call_ref, submission.clone()]})
                    } else {
                        call_ref
                    },
                    "examples": example(op)
                }}
            },
            "responses": responses
        });
        if secured {
            operation["security"] = json!([{"bearer": []}]);
        }
        paths.insert(format!("/v1/{}", op.name()), json!({ "post": operation }));
    }

    let rubric_list = c.add(schema_for!(Vec<RubricInfo>).to_value());
    let rubric = c.add(schema_for!(Rubric).to_value());
    let award_list = c.add(schema_for!(Vec<AwardInfo>).to_value());
    let award = c.add(schema_for!(AwardDefinition).to_value());
    let health = c.add(schema_for!(Health).to_value());
    let not_found = error_response("Not found.", &error);
    let secure = |mut op: Value| {
        if secured {
            op["security"] = json!([{"bearer": []}]);
            op["responses"]["401"] = error_response("Missing or wrong bearer token.", &error);
        }
        op
    };
    paths.insert(
        "/v1/rubrics".into(),
        json!({"get": secure(json!({
            "operationId": "rubrics",
            "summary": "The embedded methodologies (`iid rubrics --json`)",
            "responses": {"200": ok(&rubric_list)}
        }))}),
    );
    paths.insert(
        "/v1/rubrics/{id}".into(),
        json!({"get": secure(json!({
            "operationId": "rubric",
            "summary": "An embedded methodology, whole (`iid rubric show ID --json`)",
            "parameters": [{"name": "id", "in": "path", "required": true,
                "schema": {"type": "string"}, "example": "iid-2026"}],
            "responses": {"200": ok(&rubric), "404": not_found}
        }))}),
    );
    paths.insert(
        "/v1/awards".into(),
        json!({"get": secure(json!({
            "operationId": "awards",
            "summary": "The embedded award definitions, clusters and quotas (`iid awards --json`)",
            "responses": {"200": ok(&award_list)}
        }))}),
    );
    paths.insert(
        "/v1/awards/{id}".into(),
        json!({"get": secure(json!({
            "operationId": "award_definition",
            "summary": "An embedded award definition, whole (`iid awards ID`)",
            "parameters": [{"name": "id", "in": "path", "required": true,
                "schema": {"type": "string"}, "example": "iga-2025"}],
            "responses": {"200": ok(&award), "404": not_found}
        }))}),
    );
    paths.insert(
        "/v1/schema".into(),
        json!({"get": secure(json!({
            "operationId": "schemas",
            "summary": "The names of the format's JSON Schema documents",
            "responses": {"200": ok(&json!({"type": "array", "items": {"type": "string"}}))}
        }))}),
    );
    paths.insert(
        "/v1/schema/{document}".into(),
        json!({"get": secure(json!({
            "operationId": "schema",
            "summary": "A JSON Schema of the format (`iid schema DOCUMENT`)",
            "parameters": [{"name": "document", "in": "path", "required": true,
                "schema": {"type": "string", "enum": schema_names()}}],
            "responses": {"200": ok(&json!({"type": "object"})), "404": not_found}
        }))}),
    );
    paths.insert(
        "/healthz".into(),
        json!({"get": {
            "operationId": "healthz",
            "summary": "Liveness: answers while the server runs",
            "responses": {"200": ok(&health)}
        }}),
    );
    paths.insert(
        "/openapi.json".into(),
        json!({"get": {
            "operationId": "openapi",
            "summary": "This document",
            "responses": {"200": ok(&json!({"type": "object"}))}
        }}),
    );
    paths.insert(
        "/".into(),
        json!({"get": {
            "operationId": "page",
            "summary": "The calculator page (scores in the browser; 404 when not built in)",
            "responses": {
                "200": {"description": "The page.", "content": {"text/html": {"schema": {"type": "string"}}}},
                "404": {"description": "The page was not built into this server.",
                        "content": {"text/html": {"schema": {"type": "string"}}}}
            }
        }}),
    );

    let mut components = json!({"schemas": c.schemas});
    if secured {
        components["securitySchemes"] = json!({"bearer": {"type": "http", "scheme": "bearer"}});
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "iid: Indeks Inovasi Daerah scoring engine",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The call-and-answer operations of the iid engine over HTTP. Answers are the command line's JSON; errors are `{code, path, message}`. See docs/service.md.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": components
    })
}

fn ok(schema: &Value) -> Value {
    json!({"description": "OK.", "content": {"application/json": {"schema": schema}}})
}

fn error_response(description: &str, error: &Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": error}}})
}

/// The options of a call document that a query parameter can carry: the
/// top-level properties (except `submission`) that admit a string, a
/// number or a boolean, described by that part of their schema.
fn query_parameters(call: &Value) -> Vec<Value> {
    let defs = call.get("$defs").and_then(Value::as_object);
    let Some(props) = call.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, prop) in props {
        if name == "submission" {
            continue;
        }
        let Some(schema) = scalar_part(prop, defs, 0) else {
            continue;
        };
        let description = prop
            .get("description")
            .or_else(|| resolve(prop, defs).get("description"))
            .and_then(Value::as_str)
            .unwrap_or("An option of the call.");
        out.push(json!({
            "name": name,
            "in": "query",
            "required": false,
            "description": format!("{description} (With a submission document as the body; a value that is not JSON is read as text.)"),
            "schema": schema
        }));
    }
    out
}

fn resolve<'a>(schema: &'a Value, defs: Option<&'a Map<String, Value>>) -> &'a Value {
    match schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        Some(name) => defs.and_then(|d| d.get(name)).unwrap_or(schema),
        None => schema,
    }
}

/// The scalar part of a schema (strings, numbers, booleans, string
/// constants), or `None` when it admits no scalar.
fn scalar_part(schema: &Value, defs: Option<&Map<String, Value>>, depth: u8) -> Option<Value> {
    if depth > 4 {
        return None;
    }
    let schema = resolve(schema, defs);
    if let Some(c) = schema.get("const").filter(|c| c.is_string()) {
        return Some(json!({"type": "string", "enum": [c]}));
    }
    if let Some(e) = schema.get("enum") {
        return Some(json!({"enum": e}));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = schema.get(key).and_then(Value::as_array) {
            let parts: Vec<Value> = alts
                .iter()
                .filter_map(|a| scalar_part(a, defs, depth + 1))
                .collect();
            // Merge string constants into one enumeration.
            let consts: Option<Vec<Value>> = parts
                .iter()
                .map(|p| match p.get("enum").and_then(Value::as_array) {
                    Some(e) if p.get("type") == Some(&json!("string")) && e.len() == 1 => {
                        Some(e[0].clone())
                    }
                    _ => None,
                })
                .collect();
            return match (parts.len(), consts) {
                (0, _) => None,
                (1, _) => parts.into_iter().next(),
                (_, Some(c)) => Some(json!({"type": "string", "enum": c})),
                _ => Some(json!({"anyOf": parts})),
            };
        }
    }
    let scalar = |t: &Value| {
        matches!(
            t.as_str(),
            Some("string" | "number" | "integer" | "boolean")
        )
    };
    match schema.get("type") {
        Some(t) if scalar(t) => Some(json!({"type": t})),
        Some(Value::Array(ts)) => {
            let kept: Vec<Value> = ts.iter().filter(|t| scalar(t)).cloned().collect();
            match kept.len() {
                0 => None,
                1 => Some(json!({"type": kept[0]})),
                _ => Some(json!({"type": kept})),
            }
        }
        _ => None,
    }
}

/// The shared schemas of the document.
#[derive(Default)]
struct Components {
    schemas: Map<String, Value>,
}

impl Components {
    /// Add a root schema and its `$defs`; a reference to the root.
    fn add(&mut self, mut root: Value) -> Value {
        let Some(obj) = root.as_object_mut() else {
            return root;
        };
        obj.remove("$schema");
        let defs = match obj.remove("$defs") {
            Some(Value::Object(d)) => d,
            _ => Map::new(),
        };
        let title = obj
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or("Schema")
            .to_string();
        // A name already taken by a different schema is qualified by the
        // root's title.
        let mut names: HashMap<String, String> = HashMap::new();
        let identity: HashMap<String, String> =
            defs.keys().map(|k| (k.clone(), k.clone())).collect();
        for (name, def) in &defs {
            let taken = self
                .schemas
                .get(name)
                .is_some_and(|s| *s != rewrite(def.clone(), &identity, &title));
            let target = if taken {
                format!("{title}_{name}")
            } else {
                name.clone()
            };
            names.insert(name.clone(), target);
        }
        let root_name = match self.schemas.get(&title) {
            Some(s) if *s != rewrite(root.clone(), &names, &title) => format!("{title}_2"),
            _ => title.clone(),
        };
        for (name, def) in defs {
            let target = names.get(&name).cloned().unwrap_or(name);
            let def = rewrite(def, &names, &root_name);
            self.schemas.insert(target, def);
        }
        let root = rewrite(root, &names, &root_name);
        self.schemas.insert(root_name.clone(), root);
        json!({"$ref": format!("#/components/schemas/{root_name}")})
    }
}

/// Point `#/$defs/X` references at `#/components/schemas/<names[X]>` and
/// `#` (the root) at `root`.
fn rewrite(mut v: Value, names: &HashMap<String, String>, root: &str) -> Value {
    fn walk(v: &mut Value, names: &HashMap<String, String>, root: &str) {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    if k == "$ref" {
                        if let Value::String(r) = child {
                            if let Some(name) = r.strip_prefix("#/$defs/") {
                                let target = names.get(name).map_or(name, String::as_str);
                                *r = format!("#/components/schemas/{target}");
                            } else if r == "#" {
                                *r = format!("#/components/schemas/{root}");
                            }
                        }
                    } else {
                        walk(child, names, root);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, names, root)),
            _ => {}
        }
    }
    walk(&mut v, names, root);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reference of the document points at a schema it holds.
    #[test]
    fn references_resolve() {
        let doc = document(true);
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let mut refs = Vec::new();
        fn collect(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        out.push(r.clone());
                    }
                    m.values().for_each(|c| collect(c, out));
                }
                Value::Array(a) => a.iter().for_each(|c| collect(c, out)),
                _ => {}
            }
        }
        collect(&doc, &mut refs);
        assert!(refs.len() > 50);
        for r in refs {
            let name = r
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("{r}"));
            assert!(schemas.contains_key(name), "{r}");
        }
    }

    #[test]
    fn every_operation_has_a_path() {
        let doc = document(false);
        for op in Operation::ALL {
            let post = &doc["paths"][format!("/v1/{}", op.name())]["post"];
            assert_eq!(post["operationId"], op.name());
            assert!(post["responses"]["422"].is_object());
            assert!(post.get("security").is_none());
        }
        let score = &doc["paths"]["/v1/score"]["post"];
        let mode = score["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "mode")
            .expect("mode is a query parameter");
        assert_eq!(mode["schema"]["enum"], json!(["self", "verified"]));
        assert_eq!(
            score["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ScoreResult"
        );
        let plan = &doc["paths"]["/v1/plan"]["post"]["parameters"];
        let names: Vec<&str> = plan
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert!(names.contains(&"target") && names.contains(&"allow_new_innovations"));
        assert!(!names.contains(&"costs"));
    }
}
