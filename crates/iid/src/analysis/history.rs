//! A region's history (`iid history FILE...`): one row per assessment
//! year, each submission scored under its own methodology, with the
//! index re-scored under one chosen methodology for a like-for-like line
//! (see [`crate::analysis::years`] on re-scoring).
//!
//! The two-year rule: an innovation id reported in earlier submissions of
//! the history counts those years as earlier entries (with the years its
//! own `entered_before` lists), so where the year's methodology sets
//! `max_entries` a third entry is left out, with a finding naming the
//! earlier years.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::years::{with_earlier_entries, Round, YearFigures};
use crate::error::{Error, InputError};
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;
use crate::scoring::assess::Exclusion;
use crate::scoring::Mode;
use crate::text::findings::{Finding, Severity};

/// Most submissions one history takes (assessment years: the index began
/// in 2018).
pub const MAX_HISTORY_SUBMISSIONS: usize = 16;

/// Why a year could not be re-scored under the chosen methodology (its
/// answers name indicators the methodology does not have, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnderError {
    pub code: String,
    /// Path in the call document (`submissions[0].spd.P1`).
    pub path: String,
    pub message: String,
}

/// One year of a history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HistoryRow {
    /// The year under its own methodology.
    #[serde(flatten)]
    pub figures: YearFigures,
    /// Position of the submission in the call's `submissions`.
    pub input: usize,
    /// The published change from the previous row (absent in the first,
    /// and between a plain points total and a 0-100 index).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub change: Option<Decimal>,
    /// The index of the year's counted innovations under the chosen
    /// methodology's rules (absent when they cannot be read under it).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub index_under: Option<Decimal>,
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub index_under_exact: Option<Decimal>,
    pub predicate_under: Option<String>,
    /// The like-for-like change from the previous row.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub change_under: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub under_error: Option<UnderError>,
}

/// A region's years side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct History {
    /// The methodology of the like-for-like line (`index_under`).
    pub under: String,
    pub under_name: String,
    pub mode: Mode,
    /// One row per submission, by year.
    pub rows: Vec<HistoryRow>,
    /// Innovations the two-year rule left out, one finding each, with the
    /// path of the innovation in the call document.
    pub findings: Vec<Finding>,
}

fn invalid(path: String, message: String) -> Error {
    Error::Input(InputError::Invalid { path, message })
}

/// The history of `rounds` (each submission with the methodology it is
/// scored under), re-scored under `under`. Errors carry the paths of the
/// call document (`submissions[2].innovations[0].levels.17`).
pub fn history(
    rounds: &[(&CompiledRubric, &Submission)],
    under: &CompiledRubric,
    mode: Mode,
) -> Result<History, Error> {
    if rounds.is_empty() {
        return Err(invalid(
            "submissions".into(),
            "expected at least one submission".into(),
        ));
    }
    if rounds.len() > MAX_HISTORY_SUBMISSIONS {
        return Err(Error::Input(InputError::TooLarge {
            path: "submissions".into(),
            actual: rounds.len(),
            limit: MAX_HISTORY_SUBMISSIONS,
        }));
    }
    let mut years = Vec::with_capacity(rounds.len());
    for (i, (r, _)) in rounds.iter().enumerate() {
        let Some(y) = r.rubric().year else {
            return Err(invalid(
                format!("submissions[{i}].methodology"),
                format!(
                    "methodology {} names no year: a history orders submissions by their methodology's year",
                    r.id()
                ),
            ));
        };
        if let Some(k) = years.iter().position(|&(z, _)| z == y) {
            return Err(invalid(
                format!("submissions[{i}]"),
                format!("a second submission for {y} (the first is submissions[{k}])"),
            ));
        }
        years.push((y, i));
    }
    years.sort_unstable();
    let others: Vec<(Option<u16>, &Submission)> =
        rounds.iter().map(|(r, s)| (r.rubric().year, *s)).collect();

    let mut rows: Vec<HistoryRow> = Vec::with_capacity(rounds.len());
    let mut findings = Vec::new();
    for &(year, i) in &years {
        let (rubric, sub) = rounds[i];
        let at = |p: &str| crate::error::join_path(&format!("submissions[{i}]"), p);
        let sub = with_earlier_entries(sub, Some(year), &others);
        let round = Round::new(rubric, sub, mode).map_err(|e| Error::Input(e.map_path(at)))?;
        let figures = round.figures();
        let max = rubric
            .rubric()
            .eligibility
            .as_ref()
            .and_then(|e| e.max_entries);
        for (j, why) in &round.assessment.excluded {
            if *why == Exclusion::EntryLimit {
                let inv = &round.submission.innovations[*j];
                let earlier =
                    crate::scoring::assess::earlier_entries(&inv.entered_before, Some(year));
                let max = max.map_or(0, |m| m.get());
                let (id, en) = crate::text::years::entry_limit(&inv.id, &earlier, max);
                findings.push(Finding::new(
                    "innovation_ineligible",
                    Severity::Warning,
                    at(&format!("innovations[{j}].id")),
                    format!("{year}: {id}"),
                    format!("{year}: {en}"),
                ));
            }
        }
        let (index_under, index_under_exact, predicate_under, under_error) =
            match round.rescore(under) {
                Ok(u) => {
                    let s = u.summary();
                    (
                        Some(s.index(&u.rubric)),
                        Some(s.index_exact(&u.rubric)),
                        Some(s.predicate(&u.rubric).to_string()),
                        None,
                    )
                }
                Err(e) => {
                    let e = e.map_path(at);
                    (
                        None,
                        None,
                        None,
                        Some(UnderError {
                            code: e.code().into(),
                            path: e.path().into(),
                            message: e.to_string(),
                        }),
                    )
                }
            };
        // A points total (plain sum) and a 0-100 index are not subtracted.
        let prev = rows
            .last()
            .filter(|p| p.figures.min_divisor.is_some() == figures.min_divisor.is_some());
        rows.push(HistoryRow {
            change: prev.map(|p| figures.index - p.figures.index),
            change_under: prev
                .and_then(|p| p.index_under)
                .zip(index_under)
                .map(|(a, b)| b - a),
            figures,
            input: i,
            index_under,
            index_under_exact,
            predicate_under,
            under_error,
        });
    }
    Ok(History {
        under: under.id().to_string(),
        under_name: under.rubric().name.clone(),
        mode,
        rows,
        findings,
    })
}
