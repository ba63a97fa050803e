//! The robustness analysis through the call-and-answer surface: the
//! shared vectors (`tests/vectors/robustness`, run by the Python and
//! JavaScript suites too) and the stated limits.

#[path = "common/call_vectors.rs"]
mod call_vectors;

use call_vectors::{every_vector_passes, run};

#[test]
fn every_robustness_vector_passes() {
    every_vector_passes("robustness", 5, run);
}

/// The stated limit: samples × regions up to 20,000,000 (here 100,000
/// sample rows, the most, over 200 regions), one more region refused.
#[test]
fn the_sample_limit_is_reached_and_held() {
    use iid::api::{robustness, RobustnessCall, RobustnessInput};
    use iid::national::RobustnessOptions;
    let rubric = iid::builtin("iid-2026").unwrap();
    let options = RobustnessOptions {
        samples: iid::national::robustness::MAX_SAMPLES,
        bootstrap: 0,
        verification: false,
        ..RobustnessOptions::default()
    };
    let call = |regions: usize| {
        let text =
            serde_json::to_string(&iid::synthetic::national(rubric, regions, 2 * regions, 1))
                .unwrap();
        robustness(RobustnessCall {
            input: RobustnessInput::Json(&text),
            options: options.clone(),
            award: None,
            rubric: None,
        })
    };
    let at = call(200).unwrap();
    assert_eq!(at.rankings, 200_000);
    assert_eq!(at.regions.len(), 200);
    let over = call(201).unwrap_err();
    assert_eq!((over.code(), over.path()), ("input_too_large", "samples"));
}
