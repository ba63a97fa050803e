//! Plans for a synthetic region with 200 innovations under iid-2026.
//!
//! The synthetic region (seed 2026) covers all six basic-service affairs
//! and scores 74.03. Relabelling its sosial and trantibumlinmas
//! innovations to pertanian leaves 4 of 6 covered (5 required), so the
//! count score is lost and the index falls to 43.63: a region that needs
//! a real plan to reach Sangat Inovatif (65.01).
//!
//! - `no_new_innovations`: raise levels only, one unit per step;
//! - `with_new_innovations`: adding innovations allowed at 10 each, up to 50;
//! - `capped_3_steps_per_innovation`: at most 3 steps in any innovation
//!   (each innovation becomes one choice of its own exact frontier);
//! - `to_85_adding_up_to_200_free`: the full-coverage region to 85 with up
//!   to 200 free new innovations (no pruning by their cost);
//! - `api_json_no_new_innovations`: the JSON entry point the CLI and the
//!   bindings use (parse, plan, rescore, serialise).
//!
//! Each figure includes checking the submission, the search, writing the
//! steps and rescoring the projected submission.

use criterion::{criterion_group, criterion_main, Criterion};
use iid::analysis::plan::{plan, PlanOptions};
use iid::{model::builtin, Submission};
use std::hint::black_box;

fn region() -> (Submission, Submission) {
    let r = builtin::get("iid-2026").unwrap();
    let full = iid::synthetic::national(r, 1, 200, 2026).remove(0);
    let mut short = full.clone();
    for inv in short.innovations.iter_mut() {
        if matches!(
            inv.urusan.as_deref(),
            Some("sosial") | Some("trantibumlinmas")
        ) {
            inv.urusan = Some("pertanian".into());
        }
    }
    (full, short)
}

fn bench(c: &mut Criterion) {
    let rubric = builtin::get("iid-2026").unwrap();
    let (full, short) = region();
    let opts = |s: &str| PlanOptions::from_json(s).unwrap();
    let cases = [
        (
            "no_new_innovations",
            &short,
            opts(r#"{"target": "Sangat Inovatif"}"#),
        ),
        (
            "with_new_innovations",
            &short,
            opts(
                r#"{"target": "Sangat Inovatif", "allow_new_innovations": true,
                    "costs": {"new_innovation": "10", "max_new_innovations": 50}}"#,
            ),
        ),
        (
            "capped_3_steps_per_innovation",
            &short,
            opts(r#"{"target": "Sangat Inovatif", "costs": {"max_steps_per_innovation": 3}}"#),
        ),
        (
            "to_85_adding_up_to_200_free",
            &full,
            opts(
                r#"{"target": "85", "allow_new_innovations": true,
                    "costs": {"new_innovation": "0", "max_new_innovations": 200}}"#,
            ),
        ),
    ];
    let mut g = c.benchmark_group("plan_2026_200_innovations");
    g.sample_size(20);
    for (name, sub, o) in &cases {
        g.bench_function(*name, |b| {
            b.iter(|| black_box(plan(rubric, sub, o).unwrap()))
        });
    }
    let text = serde_json::to_string(&short).unwrap();
    g.bench_function("api_json_no_new_innovations", |b| {
        b.iter(|| {
            let p = iid::api::call_parts(
                iid::api::Operation::Plan,
                &text,
                Some(r#"{"target": "Sangat Inovatif"}"#),
                None,
            )
            .unwrap();
            black_box(p.to_json())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
