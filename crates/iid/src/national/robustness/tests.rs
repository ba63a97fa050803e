use super::*;
use crate::analysis::risk::Probability;
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
            assert_eq!(
                (a.median_rank, a.rank_p05, a.rank_p95),
                (b.rank, b.rank, b.rank)
            );
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
    // The synthetic answers carry no evidence: keep them with 0.6.
    let options = RobustnessOptions {
        samples: 300,
        seed: 42,
        divisors: vec![10, 12, 14],
        odds: serde_json::from_str(r#"{"classes": {"no_evidence": "0.6"}}"#).unwrap(),
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
    assert!(out.sensitivity.iter().all(|s| s.varied));
    assert!(out.regions.iter().any(|r| r.rank_p05 < r.rank_p95));
}

/// Two regions under iid-2026, every answer kept with probability 1/2
/// (classes `no_evidence` and `no_rule` set to 0.5), weights and divisor
/// fixed (d = 12, count score 0: no basic-service affair).
///
/// A: SPD row 1 at 3 (weight 1), one innovation with row 16 at 3
/// (weight 3): claimed (3 + 9/12) / 250 × 100 = 1.50; row 1 alone 1.20,
/// row 16 alone 0.30, neither: nothing proven, not assessable (0.00).
/// B: row 1 at 2, row 16 at 1: 0.90; 0.80; 0.10; not assessable.
/// Each outcome has probability 1/4. A ranks first unless B is above it:
/// P(B above A) = P(A = 0.30, B ∈ {0.90, 0.80}) + P(A = 0, B > 0)
/// = 1/8 + 3/16 = 5/16, so A's rank is 1 with 11/16 (both at 0 tie at 1)
/// and B's is 1 with 6/16. Nearest-rank quantiles: A median 1, 5th 1,
/// 95th 2; B median 2, 5th 1, 95th 2. Each keeps its predicate (Kurang
/// Inovatif) with 3/4. Only verification varies: the other groups'
/// indices are exactly 0.
#[test]
fn verification_draws_follow_the_answers_odds() {
    let text = r#"[
      {"methodology": "iid-2026", "region": {"code": "A"}, "spd": {"1": 3},
       "innovations": [{"id": "a1", "levels": {"16": 3}}]},
      {"methodology": "iid-2026", "region": {"code": "B"}, "spd": {"1": 2},
       "innovations": [{"id": "b1", "levels": {"16": 1}}]}
    ]"#;
    let half = Probability::parse("0.5").unwrap();
    let mut odds = NationalOdds::default();
    odds.classes.no_evidence = Some(half);
    odds.classes.no_rule = Some(half);
    let options = RobustnessOptions {
        samples: 20_000,
        seed: 5,
        weight_range: Decimal::ZERO,
        odds,
        ..RobustnessOptions::default()
    };
    let out = run(text, None, &options);
    let [a, b] = &out.regions[..] else {
        panic!("two regions")
    };
    assert_eq!(
        (a.code.as_str(), a.rank, a.index.to_string()),
        ("A", 1, "1.50".into())
    );
    assert_eq!(
        (b.code.as_str(), b.rank, b.index.to_string()),
        ("B", 2, "0.90".into())
    );
    assert_eq!((a.median_rank, a.rank_p05, a.rank_p95), (1, 1, 2));
    assert_eq!((b.median_rank, b.rank_p05, b.rank_p95), (2, 1, 2));
    let within = |d: Decimal, want: f64, tolerance: f64| {
        let got: f64 = d.to_string().parse().unwrap();
        assert!((got - want).abs() < tolerance, "{got} vs {want}");
    };
    // 40,000 rankings: a standard error near 0.002.
    within(a.keeps_predicate, 0.75, 0.02);
    within(b.keeps_predicate, 0.75, 0.02);
    let [w, d, v] = &out.sensitivity[..] else {
        panic!("three groups")
    };
    assert!(!w.varied && !d.varied && v.varied);
    for s in [w, d] {
        assert_eq!(s.first_order.unwrap().to_string(), "0.000000");
        assert_eq!(s.total.unwrap().to_string(), "0.000000");
    }
    // The only group varied explains everything. Saltelli's first-order
    // estimator is the noisier of the two (mean(B (B - A)) / V for an
    // output of three values). The bootstrap intervals hold the
    // estimates.
    within(v.first_order.unwrap(), 1.0, 0.1);
    within(v.total.unwrap(), 1.0, 0.02);
    for (lo, x, hi) in [
        (v.first_order_low, v.first_order, v.first_order_high),
        (v.total_low, v.total, v.total_high),
    ] {
        assert!(
            lo.unwrap() <= x.unwrap() && x.unwrap() <= hi.unwrap(),
            "{v:?}"
        );
    }
}

/// With the probabilities that collapse the model to the verified mode
/// (1 for the classes it counts at the claim, 0 for the others), every
/// sampled ranking is the verified-mode ranking: nothing is random, and
/// the ranks are those of `rank` in verified mode.
#[test]
fn certain_odds_give_the_verified_ranking() {
    let read = |f: &str| {
        std::fs::read_to_string(format!("{}/../../examples/{f}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
    };
    let text = format!(
        "[{},{}]",
        read("kota-bukti-dukung.json"),
        read("kabupaten-contoh.json")
    );
    let verified = rank(
        from_json(&text, None, Mode::Verified).unwrap(),
        &RankOptions {
            mode: Mode::Verified,
            ..RankOptions::default()
        },
        None,
        None,
    )
    .unwrap();
    let options = RobustnessOptions {
        samples: 50,
        weight_range: Decimal::ZERO,
        odds: NationalOdds {
            classes: crate::analysis::risk::ClassOdds::verified(),
            ..NationalOdds::default()
        },
        ..RobustnessOptions::default()
    };
    let out = run(&text, None, &options);
    assert!(!out.sensitivity[2].varied);
    for r in &out.regions {
        let v = verified.regions.iter().find(|v| v.code == r.code).unwrap();
        assert_eq!(
            (r.median_rank, r.rank_p05, r.rank_p95),
            (v.rank, v.rank, v.rank),
            "{}",
            r.code
        );
    }
    // The predicate is kept exactly when the verified one is the
    // claimed one: the kabupaten's unproven answers cost it its band.
    for r in &out.regions {
        let v = verified.regions.iter().find(|v| v.code == r.code).unwrap();
        let kept = if v.predicate == r.predicate {
            "1.000000"
        } else {
            "0.000000"
        };
        assert_eq!(r.keeps_predicate.to_string(), kept, "{}", r.code);
    }
    assert!(out.regions.iter().any(|r| r.keeps_predicate.is_zero()));
}
