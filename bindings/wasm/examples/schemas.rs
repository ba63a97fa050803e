//! Prints one JSON Schema holding every type the WebAssembly package takes
//! or returns, generated from the core's Rust types. `build.sh` turns it
//! into the package's TypeScript definitions (`iid-types.d.ts`).
//!
//!     cargo run -p iid-wasm --example schemas > iid-types.schema.json

use iid::analysis::audit::Audit;
use iid::analysis::diff::Diff;
use iid::analysis::history::History;
use iid::analysis::marginal::Marginal;
use iid::analysis::plan::{MarginalOptions, Plan, PlanOptions};
use iid::analysis::whatif::{Change, WhatIf};
use iid::api::{AwardInfo, DiffCall, ErrorInfo, Explanation, HistoryCall, RubricInfo, Validation};
use iid::{Mode, Rubric, ScoreResult, Submission};
use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

fn main() {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut properties = Map::new();
    let mut add = |name: &str, schema: schemars::Schema| {
        properties.insert(name.to_string(), schema.to_value());
    };
    add("Submission", generator.subschema_for::<Submission>());
    add("ScoreResult", generator.subschema_for::<ScoreResult>());
    add("Explanation", generator.subschema_for::<Explanation>());
    add("Validation", generator.subschema_for::<Validation>());
    add("Audit", generator.subschema_for::<Audit>());
    add("Rubric", generator.subschema_for::<Rubric>());
    add("RubricInfo", generator.subschema_for::<RubricInfo>());
    add("AwardInfo", generator.subschema_for::<AwardInfo>());
    add("ErrorInfo", generator.subschema_for::<ErrorInfo>());
    add("Mode", generator.subschema_for::<Mode>());
    add("Change", generator.subschema_for::<Change>());
    add("WhatIf", generator.subschema_for::<WhatIf>());
    add(
        "MarginalOptions",
        generator.subschema_for::<MarginalOptions>(),
    );
    add("Marginal", generator.subschema_for::<Marginal>());
    add("PlanOptions", generator.subschema_for::<PlanOptions>());
    add("Plan", generator.subschema_for::<Plan>());
    add(
        "Ranking",
        generator.subschema_for::<iid::national::Ranking>(),
    );
    add(
        "RankedRegion",
        generator.subschema_for::<iid::national::RankedRegion>(),
    );
    add(
        "RosterEntry",
        generator.subschema_for::<iid::national::RosterEntry>(),
    );
    add(
        "StageScores",
        generator.subschema_for::<iid::national::StageScores>(),
    );
    add(
        "AwardResult",
        generator.subschema_for::<iid::national::AwardResult>(),
    );
    add(
        "AwardDefinition",
        generator.subschema_for::<iid::model::award::AwardDefinition>(),
    );
    add(
        "Robustness",
        generator.subschema_for::<iid::national::Robustness>(),
    );
    add(
        "RobustnessOptions",
        generator.subschema_for::<iid::national::RobustnessOptions>(),
    );
    add("Report", generator.subschema_for::<iid::report::Report>());
    add(
        "ReportOptions",
        generator.subschema_for::<iid::report::ReportOptions>(),
    );
    add("History", generator.subschema_for::<History>());
    add("Diff", generator.subschema_for::<Diff>());
    add("HistoryCall", generator.subschema_for::<HistoryCall>());
    add("DiffCall", generator.subschema_for::<DiffCall>());
    add(
        "Risk",
        generator.subschema_for::<iid::analysis::risk::Risk>(),
    );
    add(
        "RiskOptions",
        generator.subschema_for::<iid::analysis::risk::RiskOptions>(),
    );
    let definitions = generator.take_definitions(true);
    let names: Vec<Value> = properties.keys().map(|k| json!(k)).collect();
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "IidTypes",
        "description": "Every type the iid WebAssembly package takes or returns.",
        "type": "object",
        "properties": properties,
        "required": names,
        "additionalProperties": false,
        "$defs": definitions,
    });
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("cannot serialise the schema: {e}");
            std::process::exit(1);
        }
    }
}
