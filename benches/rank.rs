//! Ranks the synthetic national dataset (548 regions, 36,742 innovations)
//! under iid-2026 with the iga-2023 award definition.
//!
//! - `from_json`: the whole nation as one JSON array, as `iid rank` and
//!   `POST /v1/rank` receive it (split, parsed and scored in parallel,
//!   then ranked);
//! - `from_tables`: the table form (what `iid rank regions.csv
//!   innovations.csv` and Python's `iid.rank(regions, innovations)` read
//!   into), scored column by column and ranked;
//! - `rank_only`: ranking regions already scored (sorting, clusters,
//!   nominees, summary).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use iid::api::{rank, rank_table_input, AwardArg, NationalInput, RankCall};
use iid::model::builtin;
use iid::national::input::from_json;
use iid::national::RankOptions;
use iid::synthetic::{national, NATIONAL_INNOVATIONS, NATIONAL_REGIONS};
use iid::table::to_tables;
use std::hint::black_box;

fn award() -> Option<AwardArg> {
    Some(AwardArg::Embedded("iga-2023".into()))
}

fn bench(c: &mut Criterion) {
    let rubric = builtin::get("iid-2026").unwrap();
    let subs = national(rubric, NATIONAL_REGIONS, NATIONAL_INNOVATIONS, 2025);
    let text = serde_json::to_string(&subs).unwrap();
    let tables = to_tables(&subs).unwrap();
    let scored = from_json(&text, None, iid::Mode::SelfAssessment).unwrap();

    let mut g = c.benchmark_group("rank_2026");
    g.throughput(Throughput::Elements(NATIONAL_REGIONS as u64));
    g.sample_size(20);
    g.bench_function("from_json", |b| {
        b.iter(|| {
            black_box(
                rank(RankCall {
                    input: NationalInput::Json(&text),
                    options: RankOptions::default(),
                    award: award(),
                    rubric: None,
                })
                .unwrap(),
            )
        })
    });
    g.bench_function("from_tables", |b| {
        b.iter(|| {
            black_box(
                rank_table_input(&tables.input(), RankOptions::default(), award(), None).unwrap(),
            )
        })
    });
    g.bench_function("rank_only", |b| {
        b.iter(|| {
            black_box(
                rank(RankCall {
                    input: NationalInput::Entrants(scored.clone()),
                    options: RankOptions::default(),
                    award: award(),
                    rubric: None,
                })
                .unwrap(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
