//! Building the result tree of a scored submission: headline figures in
//! both modes, the breakdown by aspect, variable, indicator and innovation,
//! the per-agency view and the findings.

use rust_decimal::Decimal;

use crate::model::rubric::{Aggregation, CompiledRubric};
use crate::model::submission::Submission;
use crate::scoring::assess::{Assessment, Mode};
use crate::scoring::result::*;
use crate::scoring::{AffairRef, LevelMatrix, Summary};
use crate::text::findings::{evidence_findings, score_findings};

/// Build the full result of a prepared submission.
pub fn build(rubric: &CompiledRubric, sub: &Submission, prepared: &LevelMatrix) -> ScoreResult {
    build_inner(rubric, sub, prepared, prepared, None)
}

/// Build the full result of an assessed submission in one mode, with the
/// other mode's headline figures, evidence findings, exclusions and the
/// per-agency view.
pub fn build_assessed(
    rubric: &CompiledRubric,
    sub: &Submission,
    a: &Assessment,
    mode: Mode,
) -> ScoreResult {
    build_inner(rubric, sub, a.prepared(mode), &a.claimed, Some((a, mode)))
}

fn build_inner(
    rubric: &CompiledRubric,
    sub: &Submission,
    prepared: &LevelMatrix,
    claimed: &LevelMatrix,
    ctx: Option<(&Assessment, Mode)>,
) -> ScoreResult {
    let s = prepared.summary(rubric);
    let r = rubric.rubric();
    let k = rubric.innovation_len();
    let n = prepared.innovation_count();
    let over_d = |units: i128| s.units_over_divisor(rubric, units);
    let dec = |units: i64| rubric.units_to_decimal(units);

    // Column sums of innovation rows and answer counts.
    let mut col_units = vec![0i64; k];
    let mut col_answered = vec![0u32; k];
    for row in prepared.innovation.chunks_exact(k.max(1)) {
        for (i, &l) in row.iter().enumerate().take(k) {
            col_units[i] += rubric.innovation[i].weight_units * i64::from(l);
            col_answered[i] += u32::from(l > 0);
        }
    }

    // Aspects and variables.
    let mut aspects: Vec<AspectNode> = Vec::new();
    for a in &r.aspects {
        let mut variables = Vec::new();
        let mut a_units: i128 = 0;
        let mut a_max: i64 = 0;
        for (vi, v) in r.variables.iter().enumerate() {
            if v.aspect != a.code {
                continue;
            }
            let mut indicators = Vec::new();
            let mut v_units: i128 = 0; // in units x divisor
            let mut v_max: i64 = 0;
            for (ri, c) in rubric.region.iter().enumerate() {
                if c.variable != vi {
                    continue;
                }
                let ind = &r.indicators[c.rubric_index];
                let units = c.weight_units * i64::from(prepared.region[ri]);
                let max = c.weight_units * i64::from(c.max_level);
                v_units += i128::from(units) * i128::from(s.divisor);
                v_max += max;
                indicators.push(IndicatorNode {
                    code: ind.code.clone(),
                    name: ind.name.clone(),
                    kind: IndicatorKind::Region,
                    weight: ind.weight,
                    mandatory: ind.mandatory,
                    level: Some(prepared.region[ri]),
                    claimed: Some(claimed.region[ri]),
                    answered: None,
                    score: dec(units),
                    max: Some(dec(max)),
                });
            }
            for (ii, c) in rubric.innovation.iter().enumerate() {
                if c.variable != vi {
                    continue;
                }
                let ind = &r.indicators[c.rubric_index];
                let max = c.weight_units * i64::from(c.max_level);
                v_units += i128::from(col_units[ii]);
                v_max += max;
                indicators.push(IndicatorNode {
                    code: ind.code.clone(),
                    name: ind.name.clone(),
                    kind: IndicatorKind::Innovation,
                    weight: ind.weight,
                    mandatory: ind.mandatory,
                    level: None,
                    claimed: None,
                    answered: Some(col_answered[ii]),
                    score: over_d(i128::from(col_units[ii])),
                    max: Some(dec(max)),
                });
            }
            if let Some(cnt) = &r.innovation_count {
                if cnt.variable == v.code {
                    v_units += i128::from(s.count_units) * i128::from(s.divisor);
                    v_max += rubric.max_count_units;
                    indicators.push(IndicatorNode {
                        code: cnt.code.clone(),
                        name: cnt.name.clone(),
                        kind: IndicatorKind::Count,
                        weight: cnt.points_per_innovation,
                        mandatory: false,
                        level: None,
                        claimed: None,
                        answered: None,
                        score: dec(s.count_units),
                        max: normalized(r).then(|| dec(rubric.max_count_units)),
                    });
                }
            }
            a_units += v_units;
            a_max += v_max;
            variables.push(VariableNode {
                code: v.code.clone(),
                name: v.name.clone(),
                score: over_d(v_units),
                max: normalized(r).then(|| dec(v_max)),
                indicators,
            });
        }
        aspects.push(AspectNode {
            code: a.code.clone(),
            name: a.name.clone(),
            score: over_d(a_units),
            max: normalized(r).then(|| dec(a_max)),
            variables,
        });
    }

    // Innovations.
    let mut innovations = Vec::with_capacity(n);
    for (j, &src) in prepared.source.iter().enumerate().take(n) {
        let inv = &sub.innovations[src];
        let row = &prepared.innovation[j * k..(j + 1) * k];
        let claimed_row = &claimed.innovation[j * k..(j + 1) * k];
        let mut rows = Vec::with_capacity(k);
        let mut total = 0i64;
        for (i, (&l, &c)) in row.iter().zip(claimed_row).enumerate() {
            let units = rubric.innovation[i].weight_units * i64::from(l);
            total += units;
            rows.push(RowNode {
                code: rubric.innovation_code(i).to_string(),
                level: l,
                claimed: c,
                score: dec(units),
            });
        }
        let urusan = match &prepared.affairs[j] {
            AffairRef::None => None,
            AffairRef::Known(i) => Some(r.affairs[*i].code.clone()),
            AffairRef::Other(s) => Some(s.clone()),
        };
        innovations.push(InnovationNode {
            id: inv.id.clone(),
            name: inv.name.clone(),
            urusan,
            agency: inv.agency.clone(),
            basic_service: prepared.basic_mask[j] != 0,
            score: dec(total),
            max: rubric.max_innovation_score(),
            rows,
        });
    }

    let (covered, missing) = yandas(rubric, &s);
    let mut findings = score_findings(rubric, sub, prepared, claimed, &s, &covered, &missing);
    let (mode, modes, excluded) = match ctx {
        Some((a, mode)) => {
            findings.extend(evidence_findings(rubric, sub, a, mode));
            let excluded = a
                .excluded
                .iter()
                .map(|(j, why)| ExcludedInnovation {
                    id: sub.innovations[*j].id.clone(),
                    reason: why.clone(),
                })
                .collect();
            (mode, Some(ModeComparison::of(rubric, a)), excluded)
        }
        None => (Mode::SelfAssessment, None, Vec::new()),
    };
    let (agencies, agencies_without_innovations) = agencies(rubric, sub, prepared, &s);

    let predicate = s.predicate(rubric).to_string();
    let predicate_en = r
        .predicates
        .iter()
        .find(|b| b.label == predicate)
        .and_then(|b| b.label_en.clone());
    let min_divisor = match r.aggregation {
        Aggregation::Normalized { min_divisor, .. } => Some(min_divisor),
        Aggregation::Sum => None,
    };
    ScoreResult {
        methodology: r.id.clone(),
        methodology_name: r.name.clone(),
        region: sub.region.clone(),
        index: s.index(rubric),
        index_exact: s.index_exact(rubric),
        predicate,
        predicate_en,
        assessable: s.assessable(),
        spd_score: s.spd_score(rubric),
        sid_score: s.sid_score(rubric),
        sid_average: s.innovation_average(rubric),
        innovation_count_score: s.count_score(rubric),
        total_score: s.total_score(rubric),
        max_total_score: rubric.max_total_score(),
        divisor: s.divisor,
        min_divisor,
        empty_seats: min_divisor.map_or(0, |d| d.saturating_sub(s.innovation_count)),
        innovation_count: s.innovation_count,
        yandas_covered: covered,
        yandas_missing: missing,
        yandas_required: r
            .innovation_count
            .as_ref()
            .and_then(|c| c.basic_services_required),
        mode,
        modes,
        excluded,
        agencies,
        agencies_without_innovations,
        breakdown: Breakdown {
            aspects,
            innovations,
        },
        findings,
    }
}

/// Per-agency (OPD) participation and points, from the mode's levels.
fn agencies(
    rubric: &CompiledRubric,
    sub: &Submission,
    prepared: &LevelMatrix,
    s: &Summary,
) -> (Vec<AgencyRow>, Vec<String>) {
    use std::collections::BTreeMap;
    let k = rubric.innovation_len();
    let key = |a: &str| a.trim().to_lowercase();
    // agency key -> (display name, reported, counted, row units)
    let mut rows: BTreeMap<String, (String, u32, u32, i64)> = BTreeMap::new();
    for inv in &sub.innovations {
        let name = inv.agency.as_deref().unwrap_or("").trim();
        let e = rows
            .entry(key(name))
            .or_insert_with(|| (name.to_string(), 0, 0, 0));
        e.1 += 1;
    }
    for (j, &src) in prepared.source.iter().enumerate() {
        let name = sub.innovations[src].agency.as_deref().unwrap_or("").trim();
        let units: i64 = prepared.innovation[j * k..(j + 1) * k]
            .iter()
            .zip(&rubric.innovation)
            .map(|(&l, c)| c.weight_units * i64::from(l))
            .sum();
        if let Some(e) = rows.get_mut(&key(name)) {
            e.2 += 1;
            e.3 += units;
        }
    }
    let mut out: Vec<AgencyRow> = rows
        .into_values()
        .map(|(agency, reported, counted, units)| AgencyRow {
            agency,
            innovations: reported,
            counted,
            score: s.units_over_divisor(rubric, i128::from(units)),
            index_points: if s.assessable() {
                s.index_points_of_innovation_units(rubric, i128::from(units))
            } else {
                Decimal::ZERO
            },
        })
        .collect();
    out.sort_by(|a, b| {
        b.index_points
            .cmp(&a.index_points)
            .then(a.agency.cmp(&b.agency))
    });
    let reporting: std::collections::HashSet<String> = sub
        .innovations
        .iter()
        .filter_map(|i| i.agency.as_deref())
        .map(key)
        .collect();
    let silent = sub
        .agencies
        .iter()
        .filter(|a| !reporting.contains(&key(a)))
        .cloned()
        .collect();
    (out, silent)
}

fn normalized(r: &crate::model::rubric::Rubric) -> bool {
    matches!(r.aggregation, Aggregation::Normalized { .. })
}

/// Basic-service affairs covered and missing, as codes in rubric order.
/// The basic-service affairs a summary covers and misses (codes, rubric order).
pub(crate) fn yandas(rubric: &CompiledRubric, s: &Summary) -> (Vec<String>, Vec<String>) {
    let mut covered = Vec::new();
    let mut missing = Vec::new();
    for (i, a) in rubric.rubric().affairs.iter().enumerate() {
        if let Some(bit) = rubric.basic_bit[i] {
            if s.basic_covered & (1u64 << bit) != 0 {
                covered.push(a.code.clone());
            } else {
                missing.push(a.code.clone());
            }
        }
    }
    (covered, missing)
}
