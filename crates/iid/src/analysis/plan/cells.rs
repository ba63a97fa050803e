//! What a plan may do with each row, in the mode it plans for.
//!
//! In the self mode every row counts its claimed level and a plan may
//! raise it. In the verified mode a row counts what survives verification
//! ([`crate::model::evidence::counted_level`]), and a plan may also
//! complete its evidence:
//!
//! - an answer not yet verified (pending, or no verification) counts its
//!   claim once its evidence meets the rubric's rule: completing the
//!   evidence adds the qualifying items the rule still asks
//!   ([`crate::model::evidence::missing_items`]);
//! - a raised level is a new claim: it counts only with the evidence the
//!   rule asks at that level (a parameter's own rule, else the
//!   indicator's), so raising costs its level steps plus those items;
//! - an answer sent back for revision (`revise`) may be re-submitted: the
//!   items its rule asks and at least one new item, then it awaits
//!   verification again (pending);
//! - a verifier's decision (`accepted`, at the claim or lower, and
//!   `rejected`) stands: the plan leaves those answers alone.
//!
//! New innovations start at the template's levels with no evidence.

use crate::model::evidence::missing_items;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Answer;
use crate::scoring::answer::evidence_rule;
use crate::scoring::assess::{Assessment, Mode, RowRef};
use crate::scoring::LevelMatrix;

use crate::model::evidence::VerificationStatus;

/// What a plan may do with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    Open,
    /// A verifier's decision stands: left alone.
    Decided,
    /// Sent back for revision: re-submitted with at least one item.
    Revise,
}

/// One row of the plan's matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cell {
    pub claimed: u8,
    /// What the plan's mode counts (before the mandatory rule).
    pub counted: u8,
    pub access: Access,
    /// `needed[l]`: evidence items the answer needs to count at level l
    /// (index 0 unused); `None` when no item can meet the rule (a rule
    /// with no accepted kind).
    pub needed: Vec<Option<u32>>,
}

impl Cell {
    fn open(level: u8, max: u8) -> Cell {
        Cell {
            claimed: level,
            counted: level,
            access: Access::Open,
            needed: vec![Some(0); usize::from(max) + 1],
        }
    }
}

/// The cells of a submission's plan matrix, and of a new innovation.
#[derive(Debug, Clone)]
pub(super) struct Cells {
    pub mode: Mode,
    pub region: Vec<Cell>,
    /// Row-major, like [`LevelMatrix::innovation`].
    pub innovation: Vec<Cell>,
    /// Per column: a new innovation's cell at the template's level.
    pub template: Vec<Cell>,
}

impl Cells {
    pub fn get(&self, row: RowRef, kr: usize) -> Option<&Cell> {
        match row {
            RowRef::Region(i) => self.region.get(i),
            RowRef::Innovation { row, col } => self
                .innovation
                .get(row * kr + col)
                .or_else(|| self.template.get(col)),
        }
    }
}

fn needs(
    rubric: &CompiledRubric,
    indicator: usize,
    max: u8,
    items: &[crate::model::evidence::Evidence],
) -> Vec<Option<u32>> {
    let r = rubric.rubric();
    let year = r.year.map(i32::from);
    let Some(ind) = r.indicators.get(indicator) else {
        return vec![Some(0); usize::from(max) + 1];
    };
    (0..=max)
        .map(|l| match evidence_rule(ind, l) {
            _ if l == 0 => Some(0),
            None => Some(0),
            Some(rule) => {
                let window_ok = rule.window.is_none_or(|w| w.from <= w.to);
                (!rule.kinds.is_empty() && window_ok).then(|| missing_items(items, rule, year))
            }
        })
        .collect()
}

/// The cells of `base` (the claimed levels before the mandatory rule) in
/// `mode`, and the matrix the mode counts.
pub(super) fn cells(
    rubric: &CompiledRubric,
    sub: &crate::model::submission::Submission,
    a: &Assessment,
    base: &LevelMatrix,
    template: &[u8],
    mode: Mode,
) -> (Cells, LevelMatrix) {
    let kr = rubric.innovation_len();
    let region_ind = |i: usize| rubric.region[i].rubric_index;
    let inv_ind = |c: usize| rubric.innovation[c].rubric_index;
    let mut cells = Cells {
        mode,
        region: base
            .region
            .iter()
            .enumerate()
            .map(|(i, &l)| Cell::open(l, rubric.region_max_level(i)))
            .collect(),
        innovation: base
            .innovation
            .iter()
            .enumerate()
            .map(|(x, &l)| Cell::open(l, rubric.innovation_max_level(x % kr.max(1))))
            .collect(),
        template: template
            .iter()
            .enumerate()
            .map(|(c, &l)| Cell::open(l, rubric.innovation_max_level(c)))
            .collect(),
    };
    let mut counted = base.clone();
    if mode == Mode::SelfAssessment {
        return (cells, counted);
    }
    // Unanswered rows and the template's: no evidence yet.
    for (i, c) in cells.region.iter_mut().enumerate() {
        c.needed = needs(rubric, region_ind(i), rubric.region_max_level(i), &[]);
    }
    for (x, c) in cells.innovation.iter_mut().enumerate() {
        let col = x % kr.max(1);
        c.needed = needs(rubric, inv_ind(col), rubric.innovation_max_level(col), &[]);
    }
    for (col, c) in cells.template.iter_mut().enumerate() {
        c.needed = needs(rubric, inv_ind(col), rubric.innovation_max_level(col), &[]);
        if c.needed.get(usize::from(c.claimed)) != Some(&Some(0)) {
            c.counted = 0;
        }
    }
    for ans in &a.answers {
        let answer: Option<&Answer> = match (ans.row, ans.innovation) {
            (RowRef::Region(i), _) => sub.spd.get(rubric.region_code(i)),
            (RowRef::Innovation { col, .. }, Some(j)) => sub
                .innovations
                .get(j)
                .and_then(|inv| inv.levels.get(rubric.innovation_code(col))),
            _ => None,
        };
        let items = answer
            .and_then(Answer::detail)
            .map_or(&[][..], |d| d.evidence.as_slice());
        let (cell, max, slot) = match ans.row {
            RowRef::Region(i) => (
                cells.region.get_mut(i),
                rubric.region_max_level(i),
                counted.region.get_mut(i),
            ),
            RowRef::Innovation { row, col } => (
                cells.innovation.get_mut(row * kr + col),
                rubric.innovation_max_level(col),
                counted.innovation.get_mut(row * kr + col),
            ),
        };
        let (Some(cell), Some(slot)) = (cell, slot) else {
            continue;
        };
        cell.needed = needs(rubric, ans.indicator, max, items);
        cell.counted = ans.counted;
        *slot = ans.counted;
        cell.access = match ans.verification {
            Some(VerificationStatus::Accepted) | Some(VerificationStatus::Rejected) => {
                Access::Decided
            }
            Some(VerificationStatus::Revise) => Access::Revise,
            Some(VerificationStatus::Pending) | None => Access::Open,
        };
    }
    (cells, counted)
}
