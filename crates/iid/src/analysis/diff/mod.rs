//! Why the index changed between two years (`iid diff OLD NEW`): the
//! change of the exact index decomposed into parts that sum to it exactly.
//!
//! **Attribution rule.** First the methodology: last year's submission
//! (its counted innovations) scored under this year's rules, minus its own
//! index ([`crate::analysis::years`] says what re-scoring keeps). Then,
//! under this year's rules (`path.rs`): each region answer; each
//! innovation that changed (row by row), dropped out or was added, over
//! this year's divisor and, when the divisor moved, relative to last
//! year's average row score; the divisor and its empty seats; the number
//! of innovations in the count score (with last year's basic-service
//! affairs); the affairs; and, when a year is not assessable, the
//! assessability. Each part is exact; together they are the change,
//! checked. Published parts are rounded to the index's decimals by the
//! largest remainder (`round.rs`) so that they add up to the published
//! change (the difference of the two published indices), level by level:
//! parts to the change, items to their part, rows to their innovation.

mod parts;
pub(crate) mod path;
pub(crate) mod round;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::frac::Frac;
use crate::analysis::years::{with_earlier_entries, Round, YearFigures};
use crate::error::{Error, InputError};
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;
use crate::scoring::{AffairRef, Mode};
use crate::text::diff as text;
use parts::{blank, group, publish, raw_item, single, to_units, Raw, RawItem};

/// What a part of the change is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// Last year's answers under this year's rules, minus last year's index.
    Methodology,
    /// Region (SPD) answers, one item per row.
    RegionAnswers,
    /// Innovations reported both years whose answers changed, one item per
    /// innovation with its rows.
    InnovationsChanged,
    /// Innovations counted last year and not this year.
    InnovationsRemoved,
    /// Innovations counted this year and not last year.
    InnovationsAdded,
    /// The divisor MAX(d, n) moving with the number of innovations.
    Divisor,
    /// The innovation-count score moving with the number of innovations.
    InnovationCount,
    /// The basic-service condition of the count score met or lost.
    BasicServices,
    /// A year that is not assessable (index 0).
    Assessability,
}

/// One item of a part: a region row, an innovation, or an innovation's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DiffItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation: Option<String>,
    /// Levels before and after (region rows, innovation rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<u8>,
    /// Affairs before and after, when an innovation's affair changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urusan_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urusan_to: Option<String>,
    /// Why an innovation dropped out: `not_reported`, or the reason this
    /// year's methodology left it out (`entry_limit`, `stage`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Index points, published (rounded so that items add up to their part).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub points: Decimal,
    /// Index points to the methodology's exact decimals.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub exact: Decimal,
    /// Index points as an exact fraction (`-22/25`).
    pub fraction: String,
    /// An innovation's rows (innovations that changed); absent when it
    /// has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<DiffItem>,
}

/// One part of the change, in the fixed order: what a waterfall draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DiffPart {
    pub kind: PartKind,
    /// Index points, published: the parts add up to `change`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub points: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub exact: Decimal,
    pub fraction: String,
    /// The published index before and after this part (the first part
    /// starts at last year's index, the last ends at this year's).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub end: Decimal,
    /// The figure this part moves, before and after: methodology ids,
    /// divisors, innovation counts, basic-service affairs covered,
    /// assessable (`true`/`false`); absent for parts made of items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub items: Vec<DiffItem>,
    /// What the part is, in Indonesian and English.
    pub message_id: String,
    pub message_en: String,
}

/// Why the index changed between two years.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diff {
    pub old: YearFigures,
    pub new: YearFigures,
    pub mode: Mode,
    /// The attribution rule: `fixed_order` (see `docs/history.md`).
    pub rule: String,
    /// The published change: `new.index - old.index`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub change: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub change_exact: Decimal,
    pub change_fraction: String,
    /// Last year's counted innovations scored under this year's rules.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub old_under_new: Decimal,
    /// In the fixed order; every kind is present, most often at zero.
    pub parts: Vec<DiffPart>,
    /// The change in one sentence, largest parts first.
    pub summary_id: String,
    pub summary_en: String,
}

pub(super) fn overflow() -> Error {
    Error::Input(InputError::Invalid {
        path: "$".into(),
        message: "the figures are too large to decompose exactly".into(),
    })
}

fn prefixed(e: InputError, side: &str) -> Error {
    Error::Input(e.map_path(|p| crate::error::join_path(side, p)))
}

/// Decompose the change from `old` (scored under `old_rubric`) to `new`
/// (under `new_rubric`). When both methodologies have a year, the
/// innovations of the later submission also reported in the earlier one
/// count that year as an earlier entry (the two-year rule). Errors carry
/// the paths of the call document (`old.innovations[2].levels.17`).
pub fn diff(
    old_rubric: &CompiledRubric,
    old: &Submission,
    new_rubric: &CompiledRubric,
    new: &Submission,
    mode: Mode,
) -> Result<Diff, Error> {
    let (oy, ny) = (old_rubric.rubric().year, new_rubric.rubric().year);
    let new_sub = with_earlier_entries(new, ny, &[(oy, old)]);
    let old_sub = with_earlier_entries(old, oy, &[(ny, new)]);
    let old_round = Round::new(old_rubric, old_sub, mode).map_err(|e| prefixed(e, "old"))?;
    let new_round = Round::new(new_rubric, new_sub, mode).map_err(|e| prefixed(e, "new"))?;
    let rescored = old_round
        .rescore(new_rubric)
        .map_err(|e| prefixed(e, "old"))?;
    let (i0, i1, i2) = (
        old_round.exact().ok_or_else(overflow)?,
        rescored.exact().ok_or_else(overflow)?,
        new_round.exact().ok_or_else(overflow)?,
    );
    let old_side = rescored.side().ok_or_else(overflow)?;
    let new_side = new_round.side().ok_or_else(overflow)?;
    let w = path::walk(new_rubric, &old_side, &new_side).ok_or_else(overflow)?;
    let (of, nf) = (old_round.figures(), new_round.figures());
    let r = new_rubric;
    let code = |a: &AffairRef| crate::analysis::edit::affair_code(r, a);

    let mut parts = Vec::new();
    parts.push(Raw {
        kind: PartKind::Methodology,
        exact: i1.checked_sub(i0).ok_or_else(overflow)?,
        from: Some(of.methodology.clone()),
        to: Some(nf.methodology.clone()),
        items: Vec::new(),
        message: text::methodology(&of.methodology, &nf.methodology),
    });
    let region: Vec<RawItem> = w
        .region
        .iter()
        .map(|s| {
            raw_item(
                DiffItem {
                    indicator: Some(r.region_code(s.row).to_string()),
                    from: Some(s.from),
                    to: Some(s.to),
                    ..blank()
                },
                s.part,
            )
        })
        .collect();
    parts.push(group(
        PartKind::RegionAnswers,
        region,
        text::region_answers(w.region.len()),
    )?);
    let mut changed = Vec::new();
    for (ro, rn, steps) in &w.changed {
        let rows: Vec<RawItem> = steps
            .iter()
            .map(|s| {
                raw_item(
                    DiffItem {
                        indicator: Some(r.innovation_code(s.col).to_string()),
                        from: Some(s.from),
                        to: Some(s.to),
                        ..blank()
                    },
                    s.part,
                )
            })
            .collect();
        let (fa, ta) = (
            code(&old_side.raw.affairs[*ro]),
            code(&new_side.raw.affairs[*rn]),
        );
        let moved = fa != ta;
        let exact = Frac::sum(rows.iter().map(|x| &x.exact)).ok_or_else(overflow)?;
        changed.push(RawItem {
            item: DiffItem {
                innovation: Some(old_side.ids[*ro].clone()),
                urusan_from: if moved { fa } else { None },
                urusan_to: if moved { ta } else { None },
                ..blank()
            },
            exact,
            rows,
        });
    }
    let n_changed = changed.len();
    parts.push(group(
        PartKind::InnovationsChanged,
        changed,
        text::innovations_changed(n_changed),
    )?);
    let why = |id: &str| -> String {
        let j = new.innovations.iter().position(|i| i.id == id);
        let excluded = j.and_then(|j| {
            new_round
                .assessment
                .excluded
                .iter()
                .find(|(k, _)| *k == j)
                .map(|(_, why)| why)
        });
        match excluded {
            Some(why) => serde_json::to_value(why)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            None => "not_reported".into(),
        }
    };
    let removed: Vec<RawItem> = w
        .removed
        .iter()
        .map(|(ro, part)| {
            let id = &old_side.ids[*ro];
            raw_item(
                DiffItem {
                    innovation: Some(id.clone()),
                    reason: Some(why(id)),
                    ..blank()
                },
                *part,
            )
        })
        .collect();
    // Empty seats left behind at an unchanged divisor (when it moved, the
    // divisor's part tells of the seats).
    let (d0, d1, e0, e1, dp) = w.divisor;
    let seats = (d0 == d1 && e1 > e0).then_some((nf.innovation_count, d1));
    let ineligible = removed
        .iter()
        .filter(|x| x.item.reason.as_deref() != Some("not_reported"))
        .count();
    parts.push(group(
        PartKind::InnovationsRemoved,
        removed,
        text::innovations_removed(w.removed.len(), ineligible, seats),
    )?);
    let added: Vec<RawItem> = w
        .added
        .iter()
        .map(|(rn, part)| {
            raw_item(
                DiffItem {
                    innovation: Some(new_side.ids[*rn].clone()),
                    ..blank()
                },
                *part,
            )
        })
        .collect();
    parts.push(group(
        PartKind::InnovationsAdded,
        added,
        text::innovations_added(w.added.len()),
    )?);
    parts.push(single(
        PartKind::Divisor,
        dp,
        d0,
        d1,
        text::divisor(d0, d1, e0, e1, nf.min_divisor.unwrap_or(d1)),
    ));
    let (n0, n1, np) = w.count;
    parts.push(single(
        PartKind::InnovationCount,
        np,
        n0,
        n1,
        text::innovation_count(n0, n1),
    ));
    let (c0, c1, bp) = w.basic;
    let req = nf.yandas_required;
    let (c0, c1) = (c0.count_ones(), c1.count_ones());
    parts.push(single(
        PartKind::BasicServices,
        bp,
        c0,
        c1,
        text::basic_services(c0, c1, req),
    ));
    parts.push(Raw {
        kind: PartKind::Assessability,
        exact: w.assessability,
        from: Some(of.assessable.to_string()),
        to: Some(nf.assessable.to_string()),
        items: Vec::new(),
        message: text::assessability(of.assessable, nf.assessable),
    });

    let change = i2.checked_sub(i0).ok_or_else(overflow)?;
    let exact_parts: Vec<Frac> = parts.iter().map(|p| p.exact).collect();
    if Frac::sum(&exact_parts) != Some(change) {
        return Err(Error::Input(InputError::Invalid {
            path: "$".into(),
            message: "the parts of the change do not add up (please report this)".into(),
        }));
    }
    let dp = old_rubric
        .rubric()
        .rounding
        .index_decimals
        .max(r.rubric().rounding.index_decimals);
    let edp = r.rubric().rounding.exact_decimals;
    let published = nf.index - of.index;
    let cents = to_units(published, dp).ok_or_else(overflow)?;
    let rounded = round::apportion(&exact_parts, cents, dp).ok_or_else(overflow)?;
    let mut at = of.index;
    let mut out = Vec::with_capacity(parts.len());
    for (p, units) in parts.into_iter().zip(rounded) {
        let points = Decimal::from_i128_with_scale(units, dp);
        let start = at;
        at += points;
        out.push(DiffPart {
            kind: p.kind,
            points,
            exact: p.exact.to_decimal(edp),
            fraction: p.exact.to_string(),
            start,
            end: at,
            from: p.from,
            to: p.to,
            items: publish(p.items, units, dp, edp)?,
            message_id: p.message.0,
            message_en: p.message.1,
        });
    }
    let listed: Vec<(Decimal, &str, &str)> = out
        .iter()
        .map(|p| (p.points, p.message_id.as_str(), p.message_en.as_str()))
        .collect();
    let (summary_id, summary_en) = text::diff_summary(published, of.index, nf.index, &listed);
    Ok(Diff {
        old_under_new: rescored.summary().index(&rescored.rubric),
        old: of,
        new: nf,
        mode,
        rule: "fixed_order".into(),
        change: published,
        change_exact: change.to_decimal(edp),
        change_fraction: change.to_string(),
        parts: out,
        summary_id,
        summary_en,
    })
}
