//! The ranking's summary: participation, predicate counts nationally and
//! per cluster (the ministry's table), mean and median index, a
//! histogram, nominees per cluster and side awards.
//!
//! Figures: the mean and the median are of the published indices of the
//! regions that sent a submission (a submitted region that cannot be
//! assessed counts with 0; a roster region without one does not count),
//! rounded once to two decimals, half away from zero; the median of an
//! even count is the mean of the middle two.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::rank::RankedRegion;
use crate::model::award::AwardDefinition;
use crate::model::rubric::CompiledRubric;

/// Counts of regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Participation {
    /// Regions in the ranking (the roster's, when one was given).
    pub regions: u32,
    /// Regions that sent a submission.
    pub submitted: u32,
    /// Submitted regions that can be assessed.
    pub assessable: u32,
    /// Innovations counted over all submissions.
    pub innovations: u32,
}

/// A count of regions in a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClusterCount {
    pub cluster: String,
    pub count: u32,
}

/// One row of the predicate table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PredicateCount {
    pub predicate: String,
    /// Nationally.
    pub count: u32,
    /// Per cluster (a region counts in the cluster it competes in), in
    /// the award definition's order; empty without one.
    pub clusters: Vec<ClusterCount>,
}

/// One bar of the histogram: regions whose published index is at least
/// `from` and below `to` (the last bar includes `to`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Bin {
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub from: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub to: Decimal,
    pub count: u32,
}

/// A cluster's members and nominees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClusterSummary {
    pub cluster: String,
    pub name: String,
    /// Regions competing in it.
    pub regions: u32,
    /// The quota.
    pub quota: u32,
    /// Nominees (more than the quota when regions tie at its edge).
    pub nominees: u32,
}

/// A side award and the regions that earned it, in rank order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SideAwardSummary {
    pub id: String,
    pub name: String,
    pub regions: Vec<String>,
}

/// The ranking's summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RankSummary {
    pub participation: Participation,
    /// One row per predicate, in the methodology's band order.
    pub predicates: Vec<PredicateCount>,
    /// Mean published index of submitted regions (none without any).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub mean_index: Option<Decimal>,
    /// Median published index of submitted regions.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub median_index: Option<Decimal>,
    /// Ten bars of ten index points each.
    pub histogram: Vec<Bin>,
    /// Per cluster, in the award definition's order.
    pub clusters: Vec<ClusterSummary>,
    pub side_awards: Vec<SideAwardSummary>,
    /// Regions that compete in no cluster of the award definition.
    pub unclustered: u32,
}

fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

pub(super) fn summarise(
    regions: &[RankedRegion],
    rubrics: &[&CompiledRubric],
    award: Option<&AwardDefinition>,
) -> RankSummary {
    let submitted: Vec<&RankedRegion> = regions.iter().filter(|r| r.submitted).collect();
    let participation = Participation {
        regions: regions.len() as u32,
        submitted: submitted.len() as u32,
        assessable: submitted.iter().filter(|r| r.assessable).count() as u32,
        innovations: submitted.iter().map(|r| r.innovations).sum(),
    };

    // Predicate labels in band order (the first methodology's, then any
    // other label met).
    let mut labels: Vec<String> = Vec::new();
    for r in rubrics {
        for b in &r.rubric().predicates {
            if !labels.contains(&b.label) {
                labels.push(b.label.clone());
            }
        }
    }
    for r in regions {
        if !labels.contains(&r.predicate) {
            labels.push(r.predicate.clone());
        }
    }
    let cluster_ids: Vec<&str> = award.map_or_else(Vec::new, |a| {
        a.clusters.iter().map(|c| c.id.as_str()).collect()
    });
    let predicates = labels
        .iter()
        .map(|label| {
            let with = || regions.iter().filter(|r| &r.predicate == label);
            PredicateCount {
                predicate: label.clone(),
                count: with().count() as u32,
                clusters: cluster_ids
                    .iter()
                    .map(|c| ClusterCount {
                        cluster: c.to_string(),
                        count: with().filter(|r| r.cluster.as_deref() == Some(c)).count() as u32,
                    })
                    .collect(),
            }
        })
        .collect();

    let mut indices: Vec<Decimal> = submitted.iter().map(|r| r.index).collect();
    indices.sort();
    let n = indices.len();
    let mean_index = (n > 0).then(|| round2(indices.iter().sum::<Decimal>() / Decimal::from(n)));
    let median_index = (n > 0).then(|| {
        if n % 2 == 1 {
            indices[n / 2]
        } else {
            round2((indices[n / 2 - 1] + indices[n / 2]) / Decimal::TWO)
        }
    });
    let ten = Decimal::TEN;
    let histogram = (0..10u32)
        .map(|b| {
            let from = Decimal::from(b) * ten;
            let to = from + ten;
            let count = indices
                .iter()
                .filter(|&&x| x >= from && (x < to || (b == 9 && x <= to)))
                .count() as u32;
            Bin { from, to, count }
        })
        .collect();

    let clusters = award.map_or_else(Vec::new, |a| {
        a.clusters
            .iter()
            .map(|c| {
                let places = regions
                    .iter()
                    .filter_map(|r| r.clusters.iter().find(|p| p.cluster == c.id));
                ClusterSummary {
                    cluster: c.id.clone(),
                    name: c.name.clone(),
                    regions: places.clone().count() as u32,
                    quota: c.nominees,
                    nominees: places.filter(|p| p.nominee).count() as u32,
                }
            })
            .collect()
    });
    let side_awards = award.map_or_else(Vec::new, |a| {
        a.side_awards
            .iter()
            .map(|s| SideAwardSummary {
                id: s.id.clone(),
                name: s.name.clone(),
                regions: regions
                    .iter()
                    .filter(|r| r.side_awards.contains(&s.id))
                    .map(|r| r.code.clone())
                    .collect(),
            })
            .collect()
    });
    let unclustered = if award.is_some() {
        regions.iter().filter(|r| r.cluster.is_none()).count() as u32
    } else {
        0
    };
    RankSummary {
        participation,
        predicates,
        mean_index,
        median_index,
        histogram,
        clusters,
        side_awards,
        unclustered,
    }
}
