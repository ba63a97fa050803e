//! Submission and a list of changes, as NUL separated documents or a JSON
//! array of the two: what-if.
#![no_main]

// The core under test, through its call-and-answer surface (common/text_api.rs).
use common::api;

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some(docs) = common::split_docs(data, 2) else {
        return;
    };
    let [sub, changes] = docs[..] else { return };

    if let Ok(w) = api::whatif(sub, changes, None) {
        common::check_whatif(&w, None);
        // The before figures are the unchanged submission's score.
        let r = api::score(sub, None).expect("what-if scored what score refuses");
        assert_eq!(w.before.index_exact, r.index_exact, "before vs score");
        assert_eq!(w.before.predicate, r.predicate, "before vs score");
    }
});
