use super::*;
use crate::model::award::award as embedded_award;
use crate::model::builtin;
use crate::national::input::{from_json, split};
use crate::national::{rank, RankOptions};

fn nation(regions: usize, innovations: usize) -> String {
    let r = builtin::get("iid-2026").unwrap();
    serde_json::to_string(&crate::synthetic::national(r, regions, innovations, 11)).unwrap()
}

fn run(text: &str, award: Option<&str>, options: &RobustnessOptions) -> Robustness {
    let items = split(text).unwrap();
    let (prepared, rubric) = prepare(&items, None, options).unwrap();
    let award = award.map(|a| embedded_award(a).unwrap());
    analyse(prepared, rubric, award, options).unwrap()
}

fn zero_width() -> RobustnessOptions {
    RobustnessOptions {
        weight_range: Decimal::ZERO,
        verification: false,
        ..RobustnessOptions::default()
    }
}

/// The sampler's nominal ranking is `rank`'s: the same ranks, and at
/// zero width every sampled ranking is the nominal one.
#[test]
fn zero_width_and_no_samples_give_the_nominal_ranking() {
    let text = nation(80, 2_500);
    let ranking = rank(
        from_json(&text, None, Mode::SelfAssessment).unwrap(),
        &RankOptions::default(),
        Some(embedded_award("iga-2023").unwrap()),
        None,
    )
    .unwrap();
    let none = run(
        &text,
        Some("iga-2023"),
        &RobustnessOptions {
            samples: 0,
            ..RobustnessOptions::default()
        },
    );
    let flat = run(
        &text,
        Some("iga-2023"),
        &RobustnessOptions {
            samples: 300,
            ..zero_width()
        },
    );
    for out in [&none, &flat] {
        assert_eq!(out.regions.len(), ranking.regions.len());
        for (a, b) in out.regions.iter().zip(&ranking.regions) {
            assert_eq!(a.code, b.code);
            assert_eq!(a.rank, b.rank, "{}", a.code);
            assert_eq!((a.median_rank, a.rank_p05, a.rank_p95), (b.rank, b.rank, b.rank));
            assert_eq!(a.keeps_predicate.to_string(), "1.000000");
            assert_eq!(a.nominee, Some(b.nominee));
            let p = if b.nominee { "1.000000" } else { "0.000000" };
            assert_eq!(a.nominee_probability.unwrap().to_string(), p, "{}", a.code);
        }
        assert_eq!(out.mean_rank_shift.to_string(), "0.000000");
        for s in &out.sensitivity {
            assert_eq!((s.first_order, s.total), (None, None));
        }
    }
    assert!(flat.sensitivity.iter().all(|s| !s.varied));
    assert!(none.sensitivity[0].varied);
    assert_eq!(none.rankings, 0);
    assert_eq!(flat.rankings, 600);
    assert!(ranking.regions.iter().any(|r| r.nominee));
}

/// The same seed gives byte-identical JSON on one thread and on two.
#[test]
fn the_seed_decides_whatever_the_thread_count() {
    let text = nation(60, 1_800);
    let options = RobustnessOptions {
        samples: 300,
        seed: 42,
        divisors: vec![10, 12, 14],
        ..RobustnessOptions::default()
    };
    let json = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| serde_json::to_string(&run(&text, Some("iga-2023"), &options)).unwrap())
    };
    let one = json(1);
    assert_eq!(one, json(2));
    let other = RobustnessOptions {
        seed: 43,
        ..options.clone()
    };
    assert_ne!(
        one,
        serde_json::to_string(&run(&text, Some("iga-2023"), &other)).unwrap()
    );
    let out: Robustness = run(&text, Some("iga-2023"), &options);
    assert!(out.sensitivity[0].varied && out.sensitivity[1].varied);
    assert!(out.regions.iter().any(|r| r.rank_p05 < r.rank_p95));
}
