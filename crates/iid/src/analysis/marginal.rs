//! Marginal value (nilai marjinal): what each one-step improvement adds
//! to the index, exactly, largest first.
//!
//! The steps are: every region row one level up; every row of every
//! innovation one level up; and one more innovation of a given quality
//! (the template) in each affair that matters: each missing basic-service
//! affair (which may unlock the count score) and any other affair.
//!
//! While n is below the minimum divisor d the average has empty seats
//! (kursi kosong) that score 0: a new innovation fills one, so whatever it
//! scores raises the average. From d on, a new innovation raises the
//! divisor too and helps only if its row score beats the break-even
//! score reported here.
//!
//! Gains are exact differences of the index fractions, rounded once to
//! the rubric's exact decimals; each is what rescoring the changed
//! submission gives, the rubric's mandatory rule included.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::edit::affair_code;
use crate::analysis::exact::{self, cmp_fraction, difference, exact, Tracker};
use crate::analysis::template::{resolve_template, MarginalOptions};
use crate::error::InputError;
use crate::model::rubric::{Aggregation, CompiledRubric};
use crate::model::submission::Submission;
use crate::scoring::{basic_bit, ratio, AffairRef, Summary};

/// What a marginal step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MarginalKind {
    /// One region row one level up.
    RegionStep,
    /// One row of one innovation one level up.
    InnovationStep,
    /// One more innovation like the template.
    NewInnovation,
}

/// One improvement and what it adds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MarginalItem {
    pub kind: MarginalKind,
    /// Indicator code (steps only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Innovation id (innovation steps only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation: Option<String>,
    /// Affair of the new innovation (null: an affair that changes no
    /// basic-service coverage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urusan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<u8>,
    /// Exact index points added.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub gain: Decimal,
    /// Official (rounded) index after the step.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_after: Decimal,
    pub predicate_after: String,
    /// New innovations: whether it fills an empty seat below the divisor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fills_empty_seat: Option<bool>,
    /// New innovations: whether its affair is a missing basic-service one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covers_basic_service: Option<bool>,
}

/// The next predicate band above the current index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NextPredicate {
    pub label: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    /// Index points still missing (rounded figures).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub gap: Decimal,
}

/// The marginal table of a submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Marginal {
    pub methodology: String,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_exact: Decimal,
    pub predicate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_predicate: Option<NextPredicate>,
    pub innovation_count: u32,
    pub divisor: u32,
    pub min_divisor: Option<u32>,
    /// d - n while below the divisor, else 0.
    pub empty_seats: u32,
    /// Row score (sum of weight x level) a new innovation in an affair
    /// that changes no coverage needs for the index not to fall; 0 while
    /// seats are empty.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub break_even_row_score: Decimal,
    /// Row score of the template the new-innovation items price.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub template_row_score: Decimal,
    pub yandas_missing: Vec<String>,
    pub yandas_required: Option<u32>,
    /// Every improvement, largest gain first.
    pub items: Vec<MarginalItem>,
}

/// The marginal table (self-assessment levels).
pub fn marginal(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &MarginalOptions,
) -> Result<Marginal, InputError> {
    let a = crate::scoring::assess::assess(rubric, sub)?;
    let raw = exact::raw_levels(rubric, &a);
    let kr = rubric.innovation_len();
    let n = raw.affairs.len();
    let r = rubric.rubric();
    let dp = r.rounding.exact_decimals;

    let (template, template_affair) = match &options.template {
        Some(t) => {
            let t = resolve_template(rubric, t, "template")?;
            (t.levels, t.affair)
        }
        None => (median_levels(rubric, &raw.innovation, n), AffairRef::None),
    };

    let t = Tracker::new(rubric, raw.clone());
    let s0 = t.summary();
    let e0 = exact(&s0);
    let mut items: Vec<((i128, i128), MarginalItem)> = Vec::new();
    let mut add = |s: Summary, item: MarginalItem| {
        let e = exact(&s);
        let item = MarginalItem {
            gain: difference(e0, e, dp),
            index_after: s.index(rubric),
            predicate_after: s.predicate(rubric).to_string(),
            ..item
        };
        items.push((e, item));
    };
    let blank = MarginalItem {
        kind: MarginalKind::RegionStep,
        indicator: None,
        innovation: None,
        urusan: None,
        from: None,
        to: None,
        gain: Decimal::ZERO,
        index_after: Decimal::ZERO,
        predicate_after: String::new(),
        fills_empty_seat: None,
        covers_basic_service: None,
    };

    for i in 0..rubric.region_len() {
        let l = raw.region[i];
        if l < rubric.region_max_level(i) {
            let row = crate::scoring::assess::RowRef::Region(i);
            add(
                t.summary_with(row, l + 1),
                MarginalItem {
                    indicator: Some(rubric.region_code(i).to_string()),
                    from: Some(l),
                    to: Some(l + 1),
                    ..blank.clone()
                },
            );
        }
    }
    for j in 0..n {
        let id = &sub.innovations[raw.source[j]].id;
        for col in 0..kr {
            let l = raw.innovation[j * kr + col];
            if l < rubric.innovation_max_level(col) {
                let row = crate::scoring::assess::RowRef::Innovation { row: j, col };
                add(
                    t.summary_with(row, l + 1),
                    MarginalItem {
                        kind: MarginalKind::InnovationStep,
                        indicator: Some(rubric.innovation_code(col).to_string()),
                        innovation: Some(id.clone()),
                        from: Some(l),
                        to: Some(l + 1),
                        ..blank.clone()
                    },
                );
            }
        }
    }

    let min_divisor = match r.aggregation {
        Aggregation::Normalized { min_divisor, .. } => Some(min_divisor),
        Aggregation::Sum => None,
    };
    let fills = min_divisor.map(|d| (n as u32) < d);
    let covered = s0.basic_covered;
    let mut missing_codes = Vec::new();
    let mut affairs: Vec<(AffairRef, bool)> = Vec::new();
    for (i, af) in r.affairs.iter().enumerate() {
        if let Some(b) = rubric.basic_bit[i] {
            if covered & (1u64 << b) == 0 {
                missing_codes.push(af.code.clone());
                affairs.push((AffairRef::Known(i), true));
            }
        }
    }
    let other = if basic_bit(rubric, &template_affair) & !covered != 0 {
        AffairRef::None
    } else {
        template_affair
    };
    affairs.push((other, false));
    for (affair, covers) in affairs {
        let mut t2 = t.clone();
        t2.push(&template, affair.clone());
        add(
            t2.summary(),
            MarginalItem {
                kind: MarginalKind::NewInnovation,
                urusan: affair_code(rubric, &affair),
                fills_empty_seat: fills,
                covers_basic_service: Some(covers),
                ..blank.clone()
            },
        );
    }

    items.sort_by(|a, b| cmp_fraction(b.0, a.0).then(a.1.kind.cmp(&b.1.kind)));

    let current = s0.index(rubric);
    let next_predicate = r
        .predicates
        .iter()
        .filter(|b| b.min > current)
        .min_by(|a, b| a.min.cmp(&b.min))
        .map(|b| NextPredicate {
            label: b.label.clone(),
            min: b.min,
            gap: b.min - current,
        });
    let template_units = exact::row_totals(rubric, &template).0;
    Ok(Marginal {
        methodology: rubric.id().to_string(),
        index: current,
        index_exact: s0.index_exact(rubric),
        predicate: s0.predicate(rubric).to_string(),
        next_predicate,
        innovation_count: n as u32,
        divisor: s0.divisor,
        min_divisor,
        empty_seats: min_divisor.map_or(0, |d| d.saturating_sub(n as u32)),
        break_even_row_score: break_even(rubric, &s0, min_divisor),
        template_row_score: ratio(i128::from(template_units), i128::from(rubric.unit()), dp)
            .normalize(),
        yandas_missing: missing_codes,
        yandas_required: r
            .innovation_count
            .as_ref()
            .and_then(|c| c.basic_services_required),
        items: items.into_iter().map(|(_, i)| i).collect(),
    })
}

/// Per row, the lower median level of the innovations (level 1 when
/// there are none): "one more innovation like the region's typical one".
fn median_levels(rubric: &CompiledRubric, matrix: &[u8], n: usize) -> Vec<u8> {
    let kr = rubric.innovation_len();
    (0..kr)
        .map(|col| {
            if n == 0 {
                return 1.min(rubric.innovation_max_level(col));
            }
            let mut v: Vec<u8> = (0..n).map(|j| matrix[j * kr + col]).collect();
            v.sort_unstable();
            v[(n - 1) / 2]
        })
        .collect()
}

/// The row score u at which adding an innovation (coverage unchanged)
/// leaves the index where it is. With D = n >= d the index moves by
/// ((I + u) / (n + 1) - I / n + count step), so u = I / n - (n + 1) x the
/// count step; below the divisor every innovation helps (0).
fn break_even(rubric: &CompiledRubric, s: &Summary, min_divisor: Option<u32>) -> Decimal {
    let n = s.innovation_count;
    let Some(d) = min_divisor else {
        return Decimal::ZERO;
    };
    if n < d || n == 0 {
        return Decimal::ZERO;
    }
    let step = i128::from(crate::scoring::count_units(rubric, n + 1, s.basic_covered))
        - i128::from(s.count_units);
    let n = i128::from(n);
    let num = i128::from(s.innovation_units) - n * (n + 1) * step;
    if num <= 0 {
        return Decimal::ZERO;
    }
    ratio(
        num,
        n * i128::from(rubric.unit()),
        rubric.rubric().rounding.exact_decimals,
    )
    .normalize()
}
