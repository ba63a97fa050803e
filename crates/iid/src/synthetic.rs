//! A deterministic synthetic national dataset for benchmarks and
//! load tests: `regions` submissions sharing `innovations` innovations
//! (548 and 36,742 mirror the 2025 round), with skewed per-region counts,
//! levels drawn per indicator and affairs drawn from the rubric's list plus
//! other affairs. The same seed gives the same data on every platform.

use std::collections::BTreeMap;

use crate::model::rubric::CompiledRubric;
use crate::model::submission::{Answer, Innovation, Region, Submission};

/// Regions in the 2025 round.
pub const NATIONAL_REGIONS: usize = 548;
/// Innovations reported in the 2025 round.
pub const NATIONAL_INNOVATIONS: usize = 36_742;

/// SplitMix64: tiny, fast and well distributed; enough for test data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
}

const OTHER_AFFAIRS: &[&str] = &[
    "tenaga_kerja",
    "pertanian",
    "perhubungan",
    "kependudukan",
    "komunikasi_informatika",
    "penanaman_modal",
];

/// Split `total` innovations over `regions` with a skewed distribution
/// (a few large kabupaten, many with 10-60), every region at least 1.
fn counts(rng: &mut SplitMix64, regions: usize, total: usize) -> Vec<usize> {
    if regions == 0 {
        return Vec::new();
    }
    let weights: Vec<u64> = (0..regions)
        .map(|_| {
            let r = rng.below(1000);
            // 1..=40 mostly, a tail up to ~400.
            if r < 900 {
                10 + rng.below(50)
            } else {
                60 + rng.below(340)
            }
        })
        .collect();
    let sum: u64 = weights.iter().sum();
    let spare = total.saturating_sub(regions) as u64;
    let mut out: Vec<usize> = weights
        .iter()
        .map(|w| 1 + (spare * w / sum) as usize)
        .collect();
    let mut assigned: usize = out.iter().sum();
    let mut i = 0;
    while assigned < total {
        out[i % regions] += 1;
        assigned += 1;
        i += 1;
    }
    out
}

/// Largest dataset generated on request: regions, then innovations.
pub const MAX_REGIONS: usize = 100_000;
pub const MAX_INNOVATIONS_TOTAL: usize = 10_000_000;

/// Check a requested size: 0 < regions <= 100,000 and regions <=
/// innovations <= 10,000,000 (every region has an innovation).
pub fn check_size(regions: usize, innovations: usize) -> Result<(), crate::InputError> {
    if regions == 0
        || regions > MAX_REGIONS
        || innovations < regions
        || innovations > MAX_INNOVATIONS_TOTAL
    {
        return Err(crate::InputError::Invalid {
            path: "regions".into(),
            message: format!(
                "need 0 < regions <= {MAX_REGIONS} and regions <= innovations <= \
                 {MAX_INNOVATIONS_TOTAL}, got {regions} and {innovations}"
            ),
        });
    }
    Ok(())
}

/// The embedded methodology `id` for a synthetic nation of that size,
/// the size checked first ([`check_size`]).
pub fn sized_rubric(
    id: &str,
    regions: usize,
    innovations: usize,
) -> Result<&'static CompiledRubric, crate::Error> {
    check_size(regions, innovations)?;
    Ok(crate::model::builtin::get(id)?)
}

/// A region's level in the dataset: one province in fourteen regions
/// (39 of 548), one city in five of the rest, else a regency.
fn level_of(r: usize) -> &'static str {
    if r.is_multiple_of(14) {
        "provinsi"
    } else if r % 5 == 1 {
        "kota"
    } else {
        "kabupaten"
    }
}

/// A region's award cluster flags: regencies and cities on a fixed
/// pattern (about one in thirteen border, one in nine disadvantaged, one
/// in forty in Papua).
fn flags_of(r: usize) -> Vec<String> {
    let mut f = Vec::new();
    if !r.is_multiple_of(14) {
        if r % 13 == 3 {
            f.push("perbatasan".to_string());
        }
        if r % 9 == 4 {
            f.push("tertinggal".to_string());
        }
        if r % 40 == 7 {
            f.push("papua".to_string());
        }
    }
    f
}

/// Generate the dataset for a rubric. Innovation ids are `{region}-{j}`.
pub fn national(
    rubric: &CompiledRubric,
    regions: usize,
    innovations: usize,
    seed: u64,
) -> Vec<Submission> {
    let mut rng = SplitMix64::new(seed);
    let per_region = counts(&mut rng, regions, innovations);
    let affairs: Vec<String> = rubric
        .rubric()
        .affairs
        .iter()
        .map(|a| a.code.clone())
        .chain(OTHER_AFFAIRS.iter().map(|s| s.to_string()))
        .collect();
    let region_codes: Vec<(String, u8)> = rubric
        .region_indicators()
        .map(|i| (i.code.clone(), i.parameters.len() as u8))
        .collect();
    let innovation_codes: Vec<(String, u8)> = rubric
        .innovation_indicators()
        .map(|i| (i.code.clone(), i.parameters.len() as u8))
        .collect();
    let level = |rng: &mut SplitMix64, max: u8| -> u8 {
        // 10% unanswered, otherwise uniform over the parameters.
        if rng.below(10) == 0 {
            0
        } else {
            1 + rng.below(u64::from(max)) as u8
        }
    };
    per_region
        .iter()
        .enumerate()
        .map(|(r, &n)| {
            let code = format!("{:02}.{:02}", 11 + r / 100, r % 100);
            let spd: BTreeMap<String, Answer> = region_codes
                .iter()
                .map(|(c, max)| (c.clone(), Answer::from(level(&mut rng, *max))))
                .collect();
            let innovations = (0..n)
                .map(|j| Innovation {
                    id: format!("{code}-{j}"),
                    name: Some(format!("Inovasi {j}")),
                    urusan: Some(affairs[rng.below(affairs.len() as u64) as usize].clone()),
                    agency: Some(format!("OPD {}", rng.below(30))),
                    levels: innovation_codes
                        .iter()
                        .map(|(c, max)| (c.clone(), Answer::from(level(&mut rng, *max))))
                        .collect(),
                    ..Default::default()
                })
                .collect();
            Submission {
                methodology: Some(rubric.id().to_string()),
                region: Some(Region {
                    code: Some(code.clone()),
                    name: Some(format!("Daerah {code}")),
                    level: Some(level_of(r).into()),
                    province: None,
                    clusters: flags_of(r),
                }),
                spd,
                innovations,
                agencies: Vec::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_timings_report_the_index_each_submission_scores_to() {
        let r = crate::model::builtin::get("iid-2026").unwrap();
        let t = time_national(r, 30, 400, 11, 2).unwrap();
        for took in [t.columns, t.summary, t.submissions, t.json_submissions] {
            assert!(took.is_finite() && took >= 0.0, "{took}");
        }
        let expected: Vec<String> = national(r, 30, 400, 11)
            .iter()
            .map(|s| crate::score(r, s).unwrap().index_exact.to_string())
            .collect();
        assert_eq!(t.index_exact, expected);
    }

    #[test]
    fn national_dataset_has_the_stated_size_and_is_deterministic() {
        let r = crate::model::builtin::get("iid-2026").unwrap();
        let a = national(r, NATIONAL_REGIONS, NATIONAL_INNOVATIONS, 7);
        let b = national(r, NATIONAL_REGIONS, NATIONAL_INNOVATIONS, 7);
        assert_eq!(a.len(), NATIONAL_REGIONS);
        let total: usize = a.iter().map(|s| s.innovations.len()).sum();
        assert_eq!(total, NATIONAL_INNOVATIONS);
        assert!(a.iter().all(|s| !s.innovations.is_empty()));
        assert_eq!(a, b);
        assert_ne!(a, national(r, NATIONAL_REGIONS, NATIONAL_INNOVATIONS, 8));
    }
}

/// The core's national timings with no binding in the loop: the best of
/// `runs` runs, in seconds, for the Python benchmark's baseline rows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NationalTimings {
    /// The table path (`TableInput::score` on the tables `to_tables`
    /// lays out): what `score_frames` runs.
    pub columns: f64,
    /// `LevelMatrix::summary` alone over prepared matrices.
    pub summary: f64,
    /// Parsed submissions to headline rows (`score_batch`, one thread).
    pub submissions: f64,
    /// The same from JSON text.
    pub json_submissions: f64,
    /// Every region's exact index, from the `columns` run.
    pub index_exact: Vec<String>,
}

/// Time the core on the synthetic nation of `regions` and `innovations`
/// under `rubric` (see [`NationalTimings`]).
pub fn time_national(
    rubric: &CompiledRubric,
    regions: usize,
    innovations: usize,
    seed: u64,
    runs: usize,
) -> Result<NationalTimings, crate::Error> {
    use crate::table::{self, BatchItem};
    fn best<T>(
        runs: usize,
        mut f: impl FnMut() -> Result<T, crate::Error>,
    ) -> Result<(f64, T), crate::Error> {
        let mut out = f()?;
        let mut best = f64::INFINITY;
        for _ in 0..runs {
            let t = std::time::Instant::now();
            out = f()?;
            best = best.min(t.elapsed().as_secs_f64());
        }
        Ok((best, out))
    }
    let subs = national(rubric, regions, innovations, seed);
    let tables = table::to_tables(&subs)?;
    let input = tables.input();
    let (columns, rows) = best(runs, || input.score(Some(rubric)))?;
    let prepared = subs
        .iter()
        .map(|s| crate::prepare(rubric, s))
        .collect::<Result<Vec<_>, _>>()?;
    let sum = || {
        Ok(prepared
            .iter()
            .map(|p| p.summary(rubric).index_num)
            .sum::<i128>())
    };
    let (summary, _) = best(runs, sum)?;
    let batch = |items: &[BatchItem]| {
        table::score_batch(items, None, crate::Mode::SelfAssessment, 1).map_err(|e| e.error)
    };
    let parsed: Vec<BatchItem> = subs.iter().map(BatchItem::Parsed).collect();
    let (submissions, _) = best(runs, || batch(&parsed))?;
    let texts = subs
        .iter()
        .map(serde_json::to_string)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| crate::error::InputError::Json {
            path: "$".into(),
            message: e.to_string(),
        })?;
    let json: Vec<BatchItem> = texts.iter().map(|t| BatchItem::Json(t)).collect();
    let (json_submissions, _) = best(runs, || batch(&json))?;
    Ok(NationalTimings {
        columns,
        summary,
        submissions,
        json_submissions,
        index_exact: rows.iter().map(|h| h.index_exact.to_string()).collect(),
    })
}
