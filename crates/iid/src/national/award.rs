//! The stages after the index: the jury's presentation scores and the
//! field validation turned into each nominee's final score, and the
//! winners per cluster, by the award definition.
//!
//! Arithmetic is exact: every score has at most two decimals, so each
//! stage is a fraction of integers; a criterion's score is the mean (or
//! trimmed mean) of its jurors' scores, the presentation score the
//! weighted mean of the criteria, the field score the mean of the
//! validators' scores, and the final score `index × w_index +
//! presentation × w_presentation + field × w_field` with the published
//! index. Each figure shown is rounded once, half away from zero, to the
//! definition's `final.decimals`; ties compare the published final
//! score, then the definition's tie-break keys exactly, then share.
//!
//! Worst case: O(s log s) for s score sheets ([`MAX_SHEETS`] at most).
//! The limits (scores and weights of at most two decimals, ranges within
//! 0 to 1,000, weights to 10,000, at most 64 criteria and 100,000
//! sheets) keep every fraction's numerator and denominator far inside
//! 128 bits; comparisons use continued fractions and never multiply.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rank::RankedRegion;
use crate::error::{Error, InputError};
use crate::model::award::{Aggregate, AwardDefinition, TieBreak, MAX_SCORE_DECIMALS};

/// Most score sheets (presentation and field together) in one call.
pub const MAX_SHEETS: usize = 100_000;

/// The scores of the stages after the index.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StageScores {
    /// One sheet per juror per nominee.
    #[serde(default)]
    pub presentation: Vec<JurorSheet>,
    /// One score per validator per nominee.
    #[serde(default)]
    pub field: Vec<FieldScore>,
}

/// A juror's scores of one nominee's presentation, by criterion id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct JurorSheet {
    pub region: String,
    pub juror: String,
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, String>"))]
    pub scores: BTreeMap<String, Decimal>,
}

/// A field-validation score of one nominee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldScore {
    pub region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validator: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
}

/// A criterion's score of a nominee.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CriterionScore {
    pub criterion: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
}

/// A nominee's stages and place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finalist {
    pub code: String,
    pub name: Option<String>,
    pub cluster: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    pub jurors: u32,
    pub criteria: Vec<CriterionScore>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub presentation: Decimal,
    /// None when the definition does not weigh the field stage and no
    /// field score was given.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub field: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub final_score: Decimal,
    /// Place within the cluster (ties share).
    pub place: u32,
    pub winner: bool,
}

/// A cluster's winners, in place order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClusterWinners {
    pub cluster: String,
    pub name: String,
    /// Winners the definition names.
    pub quota: u32,
    pub winners: Vec<String>,
}

/// The answer of `award`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AwardResult {
    pub award: String,
    /// Every nominee, cluster by cluster, in place order.
    pub finalists: Vec<Finalist>,
    pub clusters: Vec<ClusterWinners>,
}

/// A non-negative fraction `num / den`, den > 0.
#[derive(Debug, Clone, Copy)]
struct Frac {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

impl Frac {
    fn new(num: i128, den: i128) -> Frac {
        let g = gcd(num, den);
        Frac {
            num: num / g,
            den: den / g,
        }
    }
    fn of(d: Decimal) -> Frac {
        Frac::new(d.mantissa(), 10i128.pow(d.scale()))
    }
    fn add(self, o: Frac) -> Frac {
        Frac::new(self.num * o.den + o.num * self.den, self.den * o.den)
    }
    fn mul(self, o: Frac) -> Frac {
        let a = Frac::new(self.num, o.den);
        let b = Frac::new(o.num, self.den);
        Frac::new(a.num * b.num, a.den * b.den)
    }
    fn div_int(self, n: i128) -> Frac {
        Frac::new(self.num, self.den * n)
    }
    fn cmp(self, o: Frac) -> Ordering {
        crate::analysis::exact::cmp_fraction((self.num, self.den), (o.num, o.den))
    }
    /// Rounded half away from zero to `dp` decimals (the value is not
    /// negative): the whole part, then the decimals from the remainder.
    fn round(self, dp: u32) -> Decimal {
        let unit = 10i128.pow(dp);
        let (whole, rem) = (self.num / self.den, self.num % self.den);
        let q = rem * unit;
        let (frac, rest) = (q / self.den, q % self.den);
        let r = whole * unit + frac + i128::from(2 * rest >= self.den);
        Decimal::from_i128_with_scale(r, dp)
    }
}

fn out_of_range(path: String, value: Decimal, min: Decimal, max: Decimal) -> Error {
    Error::Input(InputError::ScoreOutOfRange {
        path,
        value: value.to_string(),
        min: min.to_string(),
        max: max.to_string(),
    })
}

fn check_score(path: String, v: Decimal, min: Decimal, max: Decimal) -> Result<(), Error> {
    if v.normalize().scale() > MAX_SCORE_DECIMALS {
        return Err(Error::Input(InputError::Invalid {
            path,
            message: format!("at most {MAX_SCORE_DECIMALS} decimals, got {v}"),
        }));
    }
    if v < min || v > max {
        return Err(out_of_range(path, v, min, max));
    }
    Ok(())
}

fn invalid(path: String, message: impl Into<String>) -> Error {
    Error::Input(InputError::Invalid {
        path,
        message: message.into(),
    })
}

struct Scored {
    finalist: Finalist,
    /// The exact index (tie-break).
    index: Frac,
    presentation: Frac,
    field: Frac,
}

/// Score the nominees of a ranking (its `regions` rows, `nominee`
/// true) through the stages and pick the winners per cluster.
pub fn award_stages(
    regions: &[RankedRegion],
    scores: &StageScores,
    award: &AwardDefinition,
) -> Result<AwardResult, Error> {
    let sheets = scores.presentation.len() + scores.field.len();
    if sheets > MAX_SHEETS {
        return Err(Error::Input(InputError::TooLarge {
            path: "scores".into(),
            actual: sheets,
            limit: MAX_SHEETS,
        }));
    }
    let nominees: HashMap<&str, &RankedRegion> = regions
        .iter()
        .filter(|r| r.nominee)
        .map(|r| (r.code.as_str(), r))
        .collect();
    let pr = &award.presentation;
    // Sheets by nominee, checked.
    let mut by_region: HashMap<&str, Vec<&JurorSheet>> = HashMap::new();
    let mut jurors_seen: HashMap<(&str, &str), usize> = HashMap::new();
    for (k, s) in scores.presentation.iter().enumerate() {
        let p = format!("scores.presentation[{k}]");
        if !nominees.contains_key(s.region.as_str()) {
            return Err(Error::Input(InputError::NotANominee {
                path: format!("{p}.region"),
                code: s.region.clone(),
            }));
        }
        if let Some(first) = jurors_seen.insert((s.region.as_str(), s.juror.as_str()), k) {
            return Err(invalid(
                format!("{p}.juror"),
                format!(
                    "juror \"{}\" already scored region \"{}\" (scores.presentation[{first}])",
                    s.juror, s.region
                ),
            ));
        }
        for c in &pr.criteria {
            let Some(&v) = s.scores.get(&c.id) else {
                return Err(invalid(
                    format!("{p}.scores"),
                    format!("missing criterion \"{}\"", c.id),
                ));
            };
            check_score(format!("{p}.scores.{}", c.id), v, pr.min, pr.max)?;
        }
        if let Some(extra) = s
            .scores
            .keys()
            .find(|id| !pr.criteria.iter().any(|c| &&c.id == id))
        {
            return Err(invalid(
                format!("{p}.scores.{extra}"),
                format!("unknown criterion \"{extra}\""),
            ));
        }
        by_region.entry(s.region.as_str()).or_default().push(s);
    }
    let mut field: HashMap<&str, Vec<Decimal>> = HashMap::new();
    for (k, f) in scores.field.iter().enumerate() {
        let p = format!("scores.field[{k}]");
        if !nominees.contains_key(f.region.as_str()) {
            return Err(Error::Input(InputError::NotANominee {
                path: format!("{p}.region"),
                code: f.region.clone(),
            }));
        }
        check_score(
            format!("{p}.score"),
            f.score,
            award.field.min,
            award.field.max,
        )?;
        field.entry(f.region.as_str()).or_default().push(f.score);
    }

    let fin = &award.final_score;
    let total_weight = pr
        .criteria
        .iter()
        .fold(Frac::new(0, 1), |acc, c| acc.add(Frac::of(c.weight)));
    let mut scored: Vec<Scored> = Vec::new();
    for r in regions.iter().filter(|r| r.nominee) {
        let sheets = by_region
            .get(r.code.as_str())
            .map_or(&[][..], |v| v.as_slice());
        let trim = usize::from(pr.aggregate == Aggregate::TrimmedMean);
        if sheets.len() < 1 + 2 * trim {
            return Err(invalid(
                "scores.presentation".into(),
                format!(
                    "nominee \"{}\" needs at least {} juror sheet(s), got {}",
                    r.code,
                    1 + 2 * trim,
                    sheets.len()
                ),
            ));
        }
        let kept = sheets.len() - 2 * trim;
        let mut criteria = Vec::with_capacity(pr.criteria.len());
        let mut weighted = Frac::new(0, 1);
        for c in &pr.criteria {
            let mut v: Vec<Decimal> = sheets
                .iter()
                .filter_map(|s| s.scores.get(&c.id).copied())
                .collect();
            v.sort();
            let sum = v[trim..v.len() - trim]
                .iter()
                .fold(Frac::new(0, 1), |acc, &x| acc.add(Frac::of(x)));
            let mean = sum.div_int(kept as i128);
            criteria.push(CriterionScore {
                criterion: c.id.clone(),
                score: mean.round(fin.decimals),
            });
            weighted = weighted.add(mean.mul(Frac::of(c.weight)));
        }
        let presentation = weighted.mul(Frac::new(total_weight.den, total_weight.num));
        let field_scores = field.get(r.code.as_str());
        let field_frac = match field_scores {
            Some(v) if !v.is_empty() => Some(
                v.iter()
                    .fold(Frac::new(0, 1), |acc, &x| acc.add(Frac::of(x)))
                    .div_int(v.len() as i128),
            ),
            _ if fin.field.is_zero() => None,
            _ => {
                return Err(invalid(
                    "scores.field".into(),
                    format!("nominee \"{}\" has no field-validation score", r.code),
                ))
            }
        };
        let field_value = field_frac.unwrap_or(Frac::new(0, 1));
        let total = Frac::of(r.index)
            .mul(Frac::of(fin.index))
            .add(presentation.mul(Frac::of(fin.presentation)))
            .add(field_value.mul(Frac::of(fin.field)));
        // A row read back without its places competes in its cluster.
        let own;
        let places = if r.clusters.is_empty() {
            own = r.cluster.iter().map(|c| super::rank::ClusterPlace {
                cluster: c.clone(),
                rank: r.rank_in_cluster.unwrap_or(0),
                nominee: true,
            });
            own.collect::<Vec<_>>()
        } else {
            r.clusters.clone()
        };
        for place in &places {
            if !place.nominee {
                continue;
            }
            scored.push(Scored {
                finalist: Finalist {
                    code: r.code.clone(),
                    name: r.name.clone(),
                    cluster: place.cluster.clone(),
                    index: r.index,
                    jurors: sheets.len() as u32,
                    criteria: criteria.clone(),
                    presentation: presentation.round(fin.decimals),
                    field: field_frac.map(|f| f.round(fin.decimals)),
                    final_score: total.round(fin.decimals),
                    place: 0,
                    winner: false,
                },
                index: Frac::of(r.index_exact),
                presentation,
                field: field_value,
            });
        }
    }

    let key = |a: &Scored, b: &Scored| -> Ordering {
        let mut o = b.finalist.final_score.cmp(&a.finalist.final_score);
        for t in &fin.tie_break {
            o = o.then_with(|| match t {
                TieBreak::Index => b.index.cmp(a.index),
                TieBreak::Presentation => b.presentation.cmp(a.presentation),
                TieBreak::Field => b.field.cmp(a.field),
            });
        }
        o
    };
    let mut finalists = Vec::new();
    let mut clusters = Vec::new();
    for c in &award.clusters {
        let mut group: Vec<Scored> = Vec::new();
        let mut rest = Vec::with_capacity(scored.len());
        for s in scored.drain(..) {
            if s.finalist.cluster == c.id {
                group.push(s);
            } else {
                rest.push(s);
            }
        }
        scored = rest;
        group.sort_by(|a, b| key(a, b).then_with(|| a.finalist.code.cmp(&b.finalist.code)));
        let mut winners = Vec::new();
        for i in 0..group.len() {
            let place = if i > 0 && key(&group[i - 1], &group[i]) == Ordering::Equal {
                group[i - 1].finalist.place
            } else {
                i as u32 + 1
            };
            let f = &mut group[i].finalist;
            f.place = place;
            f.winner = place <= c.winners;
            if f.winner {
                winners.push(f.code.clone());
            }
        }
        clusters.push(ClusterWinners {
            cluster: c.id.clone(),
            name: c.name.clone(),
            quota: c.winners,
            winners,
        });
        finalists.extend(group.into_iter().map(|s| s.finalist));
    }
    Ok(AwardResult {
        award: award.id.clone(),
        finalists,
        clusters,
    })
}
