//! What `history` and `diff` share: a year's round (a submission scored
//! under its own methodology, its innovations' earlier entries taken from
//! the region's other submissions), its headline figures, and re-scoring
//! it under another methodology's rules.
//!
//! **Re-scoring** a year's submission under another methodology applies
//! that methodology's scoring rules (weights, parameters, measured bands,
//! evidence rules, divisor, count rule, mandatory rule, bands) to the
//! innovations the year's own methodology counted, with evidence windows
//! read from the submission's own year ([`CompiledRubric::for_round`]):
//! eligibility (the implementation window, stages, the design document,
//! the entry limit) belongs to the round, not to the rules being compared.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::frac::Frac;
use crate::error::InputError;
use crate::model::rubric::{Aggregation, CompiledRubric, RubricStatus};
use crate::model::submission::Submission;
use crate::scoring::assess::{earlier_entries, Assessment, Exclusion, RowRef};
use crate::scoring::{assess, LevelMatrix, Mode, Summary};

/// An innovation the round's methodology left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Excluded {
    pub id: String,
    pub reason: Exclusion,
    /// For `entry_limit`: the earlier assessment years it was entered in
    /// (empty for the other reasons).
    pub earlier_years: Vec<u16>,
}

/// The headline figures of one year: a history row's own columns, one
/// side of a diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct YearFigures {
    /// The methodology's assessment year (absent for a rubric without one).
    pub year: Option<u16>,
    pub methodology: String,
    pub status: RubricStatus,
    /// The official index, rounded half-up to the methodology's decimals.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub index_exact: Decimal,
    pub predicate: String,
    pub predicate_en: Option<String>,
    pub assessable: bool,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub spd_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub sid_average: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub innovation_count_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub sid_score: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub total_score: Decimal,
    /// Innovations counted, n.
    pub innovation_count: u32,
    /// MAX(d, n) (1 for a plain-sum rubric).
    pub divisor: u32,
    pub min_divisor: Option<u32>,
    /// d - n when n < d.
    pub empty_seats: u32,
    /// Basic-service affairs covered (codes, rubric order).
    pub yandas_covered: Vec<String>,
    /// How many the count score requires (absent: no condition).
    pub yandas_required: Option<u32>,
    /// Innovations the methodology left out, in submission order.
    pub excluded: Vec<Excluded>,
}

/// A submission scored in its round: its methodology, the submission with
/// its innovations' earlier entries filled in, the assessment and mode.
pub(crate) struct Round<'r> {
    pub rubric: &'r CompiledRubric,
    pub submission: Submission,
    pub assessment: Assessment,
    pub mode: Mode,
}

/// The submission with each innovation's `entered_before` joined by the
/// years of `others` (earlier than `year`) that report the same id.
pub(crate) fn with_earlier_entries(
    sub: &Submission,
    year: Option<u16>,
    others: &[(Option<u16>, &Submission)],
) -> Submission {
    let mut out = sub.clone();
    let Some(year) = year else {
        return out;
    };
    let mut years: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
    for (y, other) in others {
        let Some(y) = *y else { continue };
        if y >= year {
            continue;
        }
        for inv in &other.innovations {
            years.entry(inv.id.as_str()).or_default().push(y);
        }
    }
    for inv in &mut out.innovations {
        if let Some(ys) = years.get(inv.id.as_str()) {
            for y in ys {
                if !inv.entered_before.contains(y) {
                    inv.entered_before.push(*y);
                }
            }
        }
    }
    out
}

impl<'r> Round<'r> {
    /// Assess `submission` (earlier entries already filled in) under its
    /// own methodology.
    pub fn new(
        rubric: &'r CompiledRubric,
        submission: Submission,
        mode: Mode,
    ) -> Result<Round<'r>, InputError> {
        let assessment = assess(rubric, &submission)?;
        Ok(Round {
            rubric,
            submission,
            assessment,
            mode,
        })
    }

    /// The summary of the round's mode.
    pub fn summary(&self) -> Summary {
        self.assessment.prepared(self.mode).summary(self.rubric)
    }

    /// The exact index (0 when not assessable).
    pub fn exact(&self) -> Option<Frac> {
        let (n, d) = crate::analysis::exact::exact(&self.summary());
        Frac::new(n, d)
    }

    /// The headline figures.
    pub fn figures(&self) -> YearFigures {
        let (r, rb, s) = (self.rubric, self.rubric.rubric(), self.summary());
        let predicate = s.predicate(r).to_string();
        let min_divisor = match rb.aggregation {
            Aggregation::Normalized { min_divisor, .. } => Some(min_divisor),
            Aggregation::Sum => None,
        };
        let earlier =
            |j: usize| earlier_entries(&self.submission.innovations[j].entered_before, rb.year);
        YearFigures {
            year: rb.year,
            methodology: rb.id.clone(),
            status: rb.status,
            index: s.index(r),
            index_exact: s.index_exact(r),
            predicate_en: rb
                .predicates
                .iter()
                .find(|b| b.label == predicate)
                .and_then(|b| b.label_en.clone()),
            predicate,
            assessable: s.assessable(),
            spd_score: s.spd_score(r),
            sid_average: s.innovation_average(r),
            innovation_count_score: s.count_score(r),
            sid_score: s.sid_score(r),
            total_score: s.total_score(r),
            innovation_count: s.innovation_count,
            divisor: s.divisor,
            min_divisor,
            empty_seats: min_divisor.map_or(0, |d| d.saturating_sub(s.innovation_count)),
            yandas_covered: crate::scoring::build::yandas(r, &s).0,
            yandas_required: rb
                .innovation_count
                .as_ref()
                .and_then(|c| c.basic_services_required),
            excluded: self
                .assessment
                .excluded
                .iter()
                .map(|(j, why)| Excluded {
                    id: self.submission.innovations[*j].id.clone(),
                    reason: why.clone(),
                    earlier_years: match why {
                        Exclusion::EntryLimit => earlier(*j),
                        _ => Vec::new(),
                    },
                })
                .collect(),
        }
    }

    /// The round's counted innovations scored under `rules` (see the
    /// module's note on re-scoring). Paths of errors are those of the
    /// round's submission.
    pub fn rescore(&self, rules: &CompiledRubric) -> Result<Rescored, InputError> {
        let counted = &self.assessment.claimed.source;
        let mut sub = self.submission.clone();
        sub.innovations = counted
            .iter()
            .map(|&j| self.submission.innovations[j].clone())
            .collect();
        let rubric = rules.for_round(self.rubric.rubric().year);
        let assessment = assess(&rubric, &sub).map_err(|e| remap(e, counted))?;
        Ok(Rescored {
            rubric,
            submission: sub,
            assessment,
            mode: self.mode,
        })
    }

    /// The round's levels for the decomposition.
    pub fn side(&self) -> Option<Side> {
        side(
            self.rubric,
            &self.assessment,
            self.mode,
            &self.submission,
            self.exact()?,
        )
    }
}

/// A round's counted innovations under another methodology's rules.
pub(crate) struct Rescored {
    /// The methodology's rules for the round's year (no eligibility).
    pub rubric: CompiledRubric,
    pub submission: Submission,
    pub assessment: Assessment,
    pub mode: Mode,
}

impl Rescored {
    pub fn summary(&self) -> Summary {
        self.assessment.prepared(self.mode).summary(&self.rubric)
    }

    pub fn exact(&self) -> Option<Frac> {
        let (n, d) = crate::analysis::exact::exact(&self.summary());
        Frac::new(n, d)
    }

    pub fn side(&self) -> Option<Side> {
        side(
            &self.rubric,
            &self.assessment,
            self.mode,
            &self.submission,
            self.exact()?,
        )
    }
}

/// One year's levels as the decomposition walks them: the mode's levels
/// before the mandatory rule (counted innovations only), each row's
/// innovation id, and the actual exact index.
pub(crate) struct Side {
    pub raw: LevelMatrix,
    pub ids: Vec<String>,
    pub index: Frac,
}

fn side(
    rubric: &CompiledRubric,
    a: &Assessment,
    mode: Mode,
    sub: &Submission,
    index: Frac,
) -> Option<Side> {
    let k = rubric.innovation_len();
    let mut raw = a.claimed.clone();
    raw.blocked = false;
    raw.region.fill(0);
    raw.innovation.fill(0);
    for ans in &a.answers {
        let level = match mode {
            Mode::SelfAssessment => ans.claimed,
            Mode::Verified => ans.counted,
        };
        match ans.row {
            RowRef::Region(i) => *raw.region.get_mut(i)? = level,
            RowRef::Innovation { row, col } => *raw.innovation.get_mut(row * k + col)? = level,
        }
    }
    let ids = raw
        .source
        .iter()
        .map(|&j| sub.innovations.get(j).map(|i| i.id.clone()))
        .collect::<Option<Vec<_>>>()?;
    Some(Side { raw, ids, index })
}

/// An error path of the counted innovations' submission
/// (`innovations[k]...`) as a path of the round's submission.
fn remap(e: InputError, counted: &[usize]) -> InputError {
    e.map_path(|p| {
        let Some(rest) = p.strip_prefix("innovations[") else {
            return p.to_string();
        };
        let Some((num, tail)) = rest.split_once(']') else {
            return p.to_string();
        };
        match num.parse::<usize>().ok().and_then(|k| counted.get(k)) {
            Some(j) => format!("innovations[{j}]{tail}"),
            None => p.to_string(),
        }
    })
}
