//! Robustness of the synthetic national ranking (548 regions, 36,742
//! innovations, iid-2026, award iga-2023): 10,000 sample rows of weights
//! (±20 %) and verification (every answer at risk: the classes of the
//! synthetic answers, `no_evidence` and `no_rule`, kept with 0.6 and
//! 0.9), the divisor fixed.
//!
//! - `sample_10k`: the sampler and the statistics over regions already
//!   read (what the speed goal counts);
//! - `from_json_10k`: the whole call from the nation's JSON text (read,
//!   assess, the verification model, sample, statistics).
//!
//! The numpy baseline of the same sampling is
//! `bindings/python/bench/robustness_numpy.py`.

use criterion::{criterion_group, criterion_main, Criterion};
use iid::model::award::award;
use iid::model::builtin;
use iid::national::input::split;
use iid::national::robustness::{analyse, prepare, NationalOdds, RobustnessOptions};
use iid::synthetic::{national, NATIONAL_INNOVATIONS, NATIONAL_REGIONS};
use std::hint::black_box;

fn options() -> RobustnessOptions {
    let odds: NationalOdds =
        serde_json::from_str(r#"{"classes": {"no_evidence": "0.6", "no_rule": "0.9"}}"#).unwrap();
    RobustnessOptions {
        samples: 10_000,
        seed: 2025,
        bootstrap: 100,
        odds,
        ..RobustnessOptions::default()
    }
}

fn bench(c: &mut Criterion) {
    let rubric = builtin::get("iid-2026").unwrap();
    let subs = national(rubric, NATIONAL_REGIONS, NATIONAL_INNOVATIONS, 2025);
    let text = serde_json::to_string(&subs).unwrap();
    let items = split(&text).unwrap();
    let options = options();
    let iga = award("iga-2023").unwrap();
    let (prepared, r) = prepare(&items, None, &options).unwrap();

    let mut g = c.benchmark_group("robustness_2026");
    g.sample_size(10);
    g.bench_function("sample_10k", |b| {
        b.iter(|| black_box(analyse(prepared.clone(), r, Some(iga), &options).unwrap()))
    });
    let weights_only = RobustnessOptions {
        verification: false,
        ..options.clone()
    };
    let (plain, _) = prepare(&items, None, &weights_only).unwrap();
    g.bench_function("weights_only_10k", |b| {
        b.iter(|| black_box(analyse(plain.clone(), r, Some(iga), &weights_only).unwrap()))
    });
    g.bench_function("from_json_10k", |b| {
        b.iter(|| {
            let (p, r) = prepare(&items, None, &options).unwrap();
            black_box(analyse(p, r, Some(iga), &options).unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
