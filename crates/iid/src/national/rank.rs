//! The national ranking: every region's rank, rank by the exact index,
//! cluster and rank within it, nominee flag and side awards, with the
//! summary the ministry publishes.
//!
//! Ties: regions with the same published index share a rank (competition
//! ranking: 1, 2, 2, 4) and are listed by exact index, then by code;
//! `rank_exact` ranks by the exact index the same way. A roster region
//! without a submission is Tidak Dapat Dinilai (the not-assessable
//! predicate of the methodology) with index 0 and ranks last.
//!
//! Worst case: O(n log n) for n regions (sorting), O(n) memory beyond the
//! entrants.

use std::cmp::Ordering;
use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::{roster_entrants, Entrant, MAX_ENTRANTS};
use super::summary::{summarise, RankSummary};
use super::RosterEntry;
use crate::error::{Error, InputError};
use crate::model::award::{AwardDefinition, NomineeTies};
use crate::model::builtin;
use crate::model::rubric::CompiledRubric;
use crate::scoring::Mode;

/// Options of a ranking.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RankOptions {
    /// `self` (claimed levels, the default) or `verified`.
    #[serde(default)]
    pub mode: Mode,
    /// Allow submissions under different methodologies in one ranking.
    #[serde(default)]
    pub mixed: bool,
    /// The regions expected to take part: one without a submission is
    /// Tidak Dapat Dinilai; a submission of a region not on it is an
    /// error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster: Option<Vec<RosterEntry>>,
}

/// A region's place in one cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClusterPlace {
    pub cluster: String,
    pub rank: u32,
    pub nominee: bool,
}

/// One region of the ranking. Read back (as `award` does) every field
/// but `code` may be left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct RankedRegion {
    pub code: String,
    pub name: Option<String>,
    pub level: Option<String>,
    /// The cluster it competes in (its exclusive cluster, else the first
    /// it matches); none without an award definition or a match.
    pub cluster: Option<String>,
    /// Its rank within `cluster`.
    pub rank_in_cluster: Option<u32>,
    /// Whether it is a nominee in any cluster it competes in.
    pub nominee: bool,
    /// Every cluster it competes in, with its rank and nominee flag.
    pub clusters: Vec<ClusterPlace>,
    /// Its methodology; none for a roster region without a submission.
    pub methodology: Option<String>,
    /// Whether it sent a submission.
    pub submitted: bool,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_exact: Decimal,
    pub predicate: String,
    pub assessable: bool,
    /// Innovations counted.
    pub innovations: u32,
    /// National rank by the published index (ties share).
    pub rank: u32,
    /// National rank by the exact index (ties share).
    pub rank_exact: u32,
    /// Side awards earned (ids).
    pub side_awards: Vec<String>,
}

/// The answer of a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Ranking {
    /// The methodologies ranked (one unless mixing was allowed).
    pub methodologies: Vec<String>,
    /// The award definition's id, when one was given.
    pub award: Option<String>,
    pub mode: Mode,
    /// Every region, in rank order.
    pub regions: Vec<RankedRegion>,
    pub summary: RankSummary,
}

/// Compare two (published, exact, code) keys: higher first, then code.
fn order(a: &RankedRegion, b: &RankedRegion) -> Ordering {
    b.index
        .cmp(&a.index)
        .then(b.index_exact.cmp(&a.index_exact))
        .then_with(|| a.code.cmp(&b.code))
}

/// Competition ranks of items in order, where `same(i)` says item i ties
/// with item i - 1.
fn competition(n: usize, same: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut ranks = Vec::with_capacity(n);
    for i in 0..n {
        let r = if i > 0 && same(i) {
            ranks[i - 1]
        } else {
            i as u32 + 1
        };
        ranks.push(r);
    }
    ranks
}

fn rubric_of<'r>(
    id: &str,
    rubric: Option<&'r CompiledRubric>,
) -> Result<&'r CompiledRubric, Error> {
    match rubric {
        Some(r) if r.id() == id => Ok(r),
        _ => builtin::get(id).map_err(Error::Rubric),
    }
}

/// Rank entrants (from [`super::input`]) under an optional award
/// definition. `rubric`: the rubric the entrants were scored under, when
/// it is not an embedded one.
pub fn rank(
    entrants: Vec<Entrant>,
    options: &RankOptions,
    award: Option<&AwardDefinition>,
    rubric: Option<&CompiledRubric>,
) -> Result<Ranking, Error> {
    // Duplicate codes, with both places named.
    let mut seen: HashMap<String, String> = HashMap::with_capacity(entrants.len());
    for e in &entrants {
        if let Some(first) = seen.insert(e.code.clone(), e.origin.clone()) {
            return Err(Error::Input(InputError::DuplicateRegion {
                path: format!("{}.region.code", e.origin),
                code: e.code.clone(),
                other: first,
            }));
        }
    }
    // One methodology unless mixing is asked for.
    let mut methodologies: Vec<String> = Vec::new();
    for e in &entrants {
        let Some(h) = &e.headline else { continue };
        if !methodologies.contains(&h.methodology) {
            if let (Some(first), false) = (methodologies.first(), options.mixed) {
                return Err(Error::Input(InputError::MixedMethodologies {
                    path: format!("{}.methodology", e.origin),
                    found: h.methodology.clone(),
                    expected: first.clone(),
                }));
            }
            methodologies.push(h.methodology.clone());
        }
    }
    let entrants = with_roster(entrants, options.roster.as_deref())?;
    let Some(first) = methodologies.first() else {
        return Err(Error::Input(InputError::Invalid {
            path: "$".into(),
            message: "no submission to rank".into(),
        }));
    };
    let main = rubric_of(first, rubric)?;
    let absent = main.not_assessable_band().label.clone();
    let rounding = &main.rubric().rounding;
    let (zero, zero_exact) = (
        Decimal::new(0, rounding.index_decimals),
        Decimal::new(0, rounding.exact_decimals),
    );

    let mut rows: Vec<(RankedRegion, Vec<usize>)> = entrants
        .into_iter()
        .map(|e| {
            let member_of =
                award.map_or_else(Vec::new, |a| a.clusters_of(e.level.as_deref(), &e.flags));
            let row = match e.headline {
                Some(h) => RankedRegion {
                    code: e.code,
                    name: e.name,
                    level: e.level,
                    cluster: None,
                    rank_in_cluster: None,
                    nominee: false,
                    clusters: Vec::new(),
                    methodology: Some(h.methodology),
                    submitted: true,
                    index: h.index,
                    index_exact: h.index_exact,
                    predicate: h.predicate,
                    assessable: h.assessable,
                    innovations: h.innovation_count,
                    rank: 0,
                    rank_exact: 0,
                    side_awards: Vec::new(),
                },
                None => RankedRegion {
                    code: e.code,
                    name: e.name,
                    level: e.level,
                    cluster: None,
                    rank_in_cluster: None,
                    nominee: false,
                    clusters: Vec::new(),
                    methodology: None,
                    submitted: false,
                    index: zero,
                    index_exact: zero_exact,
                    predicate: absent.clone(),
                    assessable: false,
                    innovations: 0,
                    rank: 0,
                    rank_exact: 0,
                    side_awards: Vec::new(),
                },
            };
            (row, member_of)
        })
        .collect();
    rows.sort_by(|a, b| order(&a.0, &b.0));

    let ranks = competition(rows.len(), |i| rows[i].0.index == rows[i - 1].0.index);
    let exact = competition(rows.len(), |i| {
        rows[i].0.index_exact == rows[i - 1].0.index_exact
    });
    for (i, (row, _)) in rows.iter_mut().enumerate() {
        row.rank = ranks[i];
        row.rank_exact = exact[i];
    }

    if let Some(a) = award {
        place_in_clusters(&mut rows, a);
        for (row, _) in rows.iter_mut() {
            if row.submitted && row.assessable {
                row.side_awards = a
                    .side_awards
                    .iter()
                    .filter(|s| s.earned(row.index))
                    .map(|s| s.id.clone())
                    .collect();
            }
        }
    }
    let regions: Vec<RankedRegion> = rows.into_iter().map(|(r, _)| r).collect();
    let mut rubrics = Vec::with_capacity(methodologies.len());
    for id in &methodologies {
        rubrics.push(rubric_of(id, rubric)?);
    }
    let summary = summarise(&regions, &rubrics, award);
    Ok(Ranking {
        methodologies,
        award: award.map(|a| a.id.clone()),
        mode: options.mode,
        regions,
        summary,
    })
}

/// Add the roster's regions without a submission; refuse a submission of
/// a region not on the roster.
fn with_roster(
    mut entrants: Vec<Entrant>,
    roster: Option<&[RosterEntry]>,
) -> Result<Vec<Entrant>, Error> {
    let Some(roster) = roster else {
        return Ok(entrants);
    };
    let listed = roster_entrants(roster)?;
    let mut on_roster: HashMap<&str, &Entrant> = HashMap::with_capacity(listed.len());
    for r in &listed {
        if let Some(first) = on_roster.insert(r.code.as_str(), r) {
            return Err(Error::Input(InputError::DuplicateRegion {
                path: format!("{}.code", r.origin),
                code: r.code.clone(),
                other: first.origin.clone(),
            }));
        }
    }
    for e in entrants.iter_mut() {
        let Some(r) = on_roster.get(e.code.as_str()) else {
            return Err(Error::Input(InputError::Invalid {
                path: format!("{}.region.code", e.origin),
                message: format!("region \"{}\" is not on the roster", e.code),
            }));
        };
        // The roster fills in what the submission leaves out.
        if e.name.is_none() {
            e.name.clone_from(&r.name);
        }
        if e.level.is_none() {
            e.level.clone_from(&r.level);
        }
        if e.flags.is_empty() {
            e.flags.clone_from(&r.flags);
        }
    }
    let sent: std::collections::HashSet<String> = entrants.iter().map(|e| e.code.clone()).collect();
    entrants.extend(listed.into_iter().filter(|r| !sent.contains(&r.code)));
    if entrants.len() > MAX_ENTRANTS {
        return Err(Error::Input(InputError::TooLarge {
            path: "roster".into(),
            actual: entrants.len(),
            limit: MAX_ENTRANTS,
        }));
    }
    Ok(entrants)
}

/// Ranks within each cluster and nominees, rows already in rank order.
fn place_in_clusters(rows: &mut [(RankedRegion, Vec<usize>)], award: &AwardDefinition) {
    for (c, cluster) in award.clusters.iter().enumerate() {
        let members: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].1.contains(&c))
            .collect();
        let published = competition(members.len(), |k| {
            rows[members[k]].0.index == rows[members[k - 1]].0.index
        });
        let exact = competition(members.len(), |k| {
            rows[members[k]].0.index_exact == rows[members[k - 1]].0.index_exact
        });
        for (k, &i) in members.iter().enumerate() {
            let by = match award.nominee_ties {
                NomineeTies::Share => published[k],
                NomineeTies::Exact => exact[k],
            };
            let row = &mut rows[i].0;
            let nominee = row.submitted && row.assessable && by <= cluster.nominees;
            row.clusters.push(ClusterPlace {
                cluster: cluster.id.clone(),
                rank: published[k],
                nominee,
            });
        }
    }
    for (row, member_of) in rows.iter_mut() {
        // Places were pushed in cluster order; list them in the region's
        // order of competing (exclusive first).
        row.clusters.sort_by_key(|p| {
            member_of
                .iter()
                .position(|&c| award.clusters[c].id == p.cluster)
                .unwrap_or(usize::MAX)
        });
        row.nominee = row.clusters.iter().any(|p| p.nominee);
        if let Some(p) = row.clusters.first() {
            row.cluster = Some(p.cluster.clone());
            row.rank_in_cluster = Some(p.rank);
        }
    }
}
