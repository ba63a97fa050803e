//! Submission and plan options (and optionally marginal options), as NUL
//! separated documents or a JSON array of them: the cheapest plan and the
//! marginal table. The plan's search is bounded by the core's own work
//! limit (an error beyond it), so every run is bounded.
#![no_main]

// The core under test, through its call-and-answer surface (common/text_api.rs).
use common::api;

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some(docs) = common::split_docs(data, 3) else {
        return;
    };
    let sub = docs[0];
    let options = docs.get(1).copied().unwrap_or(r#"{"target": "next"}"#);

    if let Ok(p) = api::plan(sub, options, None) {
        common::check_plan(&p, None);
    }
    if let Ok(m) = api::marginal(sub, docs.get(2).copied(), None) {
        common::check_marginal(&m);
    }
});
