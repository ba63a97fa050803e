//! Scores the synthetic national dataset (548 regions, 36,742 innovations,
//! the 2025 round) under iid-2026.
//!
//! - `summary`: prepared level matrices scored by the allocation-free path
//!   (what national runs, `score_frames` and the planner use);
//! - `prepare_and_summary`: from parsed submissions (code lookup and checks);
//! - `full_result`: the complete result with breakdown tree and findings;
//! - `parse_json_and_full_result`: from JSON text, as the CLI does;
//! - `columns`: the table form (`table::to_tables`), each region's
//!   methodology named by its column, as `score_frames` scores text
//!   columns; `columns_coded`: the same with the innovations' `region`
//!   and `urusan` dictionary encoded, as `score_frames` reads pandas
//!   categoricals;
//! - `quick_json`: JSON text to headline rows on one thread
//!   (`table::score_batch`'s quick path, as `score_many` runs on text).
//!
//! Throughput is in regions; indicator evaluations per run are
//! 548 x 20 region rows + 36,742 x 20 innovation rows = 745,800.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use iid::scoring::build as result;
use iid::synthetic::{national, NATIONAL_INNOVATIONS, NATIONAL_REGIONS};
use iid::table::{self, BatchItem, Codes, Key, KeyColumn};
use iid::{model::builtin, prepare, Submission};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let rubric = builtin::get("iid-2026").unwrap();
    let subs = national(rubric, NATIONAL_REGIONS, NATIONAL_INNOVATIONS, 2025);
    let prepared: Vec<_> = subs.iter().map(|s| prepare(rubric, s).unwrap()).collect();
    let texts: Vec<String> = subs
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();

    let tables = table::to_tables(&subs).unwrap();
    let json_items: Vec<BatchItem> = texts.iter().map(|t| BatchItem::Json(t)).collect();
    let mut coded = tables.input();
    coded.innovations.region = dictionary(&coded.innovations.region);
    coded.innovations.urusan = coded.innovations.urusan.as_ref().map(dictionary);

    let mut g = c.benchmark_group("national_2026");
    g.throughput(Throughput::Elements(NATIONAL_REGIONS as u64));
    g.sample_size(30);
    g.bench_function("summary", |b| {
        b.iter(|| {
            let mut acc = 0i128;
            for p in &prepared {
                acc += p.summary(rubric).index_num;
            }
            black_box(acc)
        })
    });
    g.bench_function("prepare_and_summary", |b| {
        b.iter(|| {
            let mut acc = 0i128;
            for s in &subs {
                acc += prepare(rubric, s).unwrap().summary(rubric).index_num;
            }
            black_box(acc)
        })
    });
    g.bench_function("columns", |b| {
        b.iter(|| black_box(tables.input().score(None).unwrap()))
    });
    g.bench_function("columns_coded", |b| {
        b.iter(|| black_box(coded.score(None).unwrap()))
    });
    g.bench_function("quick_json", |b| {
        b.iter(|| {
            black_box(
                table::score_batch(&json_items, None, iid::Mode::SelfAssessment, 1)
                    .map_err(|e| e.error)
                    .unwrap(),
            )
        })
    });
    g.bench_function("full_result", |b| {
        b.iter_batched(
            || (),
            |_| {
                for (s, p) in subs.iter().zip(&prepared) {
                    black_box(result::build(rubric, s, p));
                }
            },
            BatchSize::SmallInput,
        )
    });
    g.sample_size(10);
    g.bench_function("parse_json_and_full_result", |b| {
        b.iter(|| {
            for t in &texts {
                let s = Submission::from_json(t).unwrap();
                black_box(iid::score(rubric, &s).unwrap());
            }
        })
    });
    g.finish();
}

/// A plain key column dictionary encoded, as pandas lays out a
/// categorical (`int16` codes, -1 for missing).
fn dictionary<'a>(col: &KeyColumn<'a>) -> KeyColumn<'a> {
    let KeyColumn::Plain(keys) = col else {
        return col.clone();
    };
    let mut values: Vec<Option<Key<'a>>> = Vec::new();
    let codes: Vec<i16> = keys
        .iter()
        .map(|k| match k {
            None => -1,
            Some(k) => match values.iter().position(|v| v.as_ref() == Some(k)) {
                Some(at) => at as i16,
                None => {
                    values.push(Some(k.clone()));
                    (values.len() - 1) as i16
                }
            },
        })
        .collect();
    KeyColumn::Coded {
        codes: Codes::from(codes),
        values,
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
