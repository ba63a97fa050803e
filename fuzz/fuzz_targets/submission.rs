//! Submission text against the embedded methodology it names: score (self
//! and verified), evidence check, explanation and validation.
#![no_main]

// The core under test, through its call-and-answer surface (common/text_api.rs).
use common::api;

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = api::text(data) else { return };

    let scored = api::score(text, None);
    if let Ok(r) = &scored {
        common::check_score(r);
    }

    let verified = api::score_mode(text, None, api::parse_mode("verified").unwrap());
    if let Ok(r) = &verified {
        common::check_score(r);
    }

    let checked = api::check(text, None);
    if let Ok(a) = &checked {
        assert!(
            serde_json::to_string(a).is_ok(),
            "the audit does not serialise"
        );
    }

    let explained = api::explain(text, None);
    let validated = api::validate(text, None);

    // All five read and check the submission the same way: they succeed or
    // fail together, with the same error.
    let info = |e: &iid::Error| api::ErrorInfo::from(e);
    let outcome = scored.as_ref().map(|_| ()).map_err(info);
    assert_eq!(
        outcome,
        verified.as_ref().map(|_| ()).map_err(info),
        "score vs verified"
    );
    assert_eq!(
        outcome,
        checked.as_ref().map(|_| ()).map_err(info),
        "score vs check"
    );
    assert_eq!(
        outcome,
        explained.as_ref().map(|_| ()).map_err(info),
        "score vs explain"
    );
    assert_eq!(
        outcome,
        validated.as_ref().map(|_| ()).map_err(info),
        "score vs validate"
    );

    if let (Ok(r), Ok(x)) = (&scored, &explained) {
        assert_eq!(r, &x.result, "explain scores differently from score");
        assert!(!x.text.is_empty(), "empty explanation");
    }
    if let (Ok(r), Ok(v)) = (&scored, &validated) {
        assert!(v.valid);
        assert_eq!(v.methodology, r.methodology);
    }
});
