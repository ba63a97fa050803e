//! Measured values: region rows whose level follows from a figure (growth
//! rates, unemployment, poverty, IPM), a category (audit opinion, SAKIP
//! grade, IKK grade) or, for the benefit row, a basis and its figure.
//!
//! ## The band rule
//!
//! The guideline publishes each level's range, and the published ranges
//! overlap or leave gaps at some edges (5.23 in two bands of row 4;
//! -50.32 / -50.33 in row 3). iid resolves every value by one rule: a value
//! **reaches** level L when it reaches level L's published entry edge —
//! the lower edge (`min`) when higher is better, the upper edge (`max`)
//! when lower is better — and its level is the highest level it reaches
//! (0 when it reaches none). So a value in two published ranges gets the
//! higher level, and a value in a gap keeps the lower one. [`lint`]
//! reports every overlap and gap so the rubric author sees them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::RubricError;

/// Which way a figure improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

/// One level's published range (inclusive; an absent edge is open).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ValueBand {
    pub level: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub min: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub max: Option<Decimal>,
}

/// A category and the level it gives (WTP -> 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Code as answered, matched case-insensitively ("WTP").
    pub code: String,
    pub name: String,
    pub level: u8,
}

/// One basis of the benefit row (a: beneficiaries, b: coverage, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Basis {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default)]
    pub direction: Direction,
    /// Smallest difference between two values (1 for counts of people or
    /// periods); the lint's gap check uses it. Default 0.01.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub step: Option<Decimal>,
    pub bands: Vec<ValueBand>,
}

/// How an indicator's level follows from a measured answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Measure {
    /// A figure (`{"value": "12.5"}`) against published bands.
    Value {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        #[serde(default)]
        direction: Direction,
        /// Smallest difference between two values (default 0.01).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
        step: Option<Decimal>,
        bands: Vec<ValueBand>,
    },
    /// A category (`{"category": "WTP"}`).
    Category { categories: Vec<Category> },
    /// A basis with its figure (`{"basis": "a", "value": "350"}`).
    Basis { bases: Vec<Basis> },
}

/// The level a value reaches under the band rule (see the module docs).
pub fn level_of(value: Decimal, direction: Direction, bands: &[ValueBand]) -> u8 {
    bands
        .iter()
        .filter(|b| match direction {
            Direction::HigherIsBetter => b.min.is_none_or(|m| value >= m),
            Direction::LowerIsBetter => b.max.is_none_or(|m| value <= m),
        })
        .map(|b| b.level)
        .max()
        .unwrap_or(0)
}

/// An overlap or gap between published bands, for the rubric lint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LintNote {
    /// Path in the rubric file.
    pub path: String,
    /// `band_overlap` or `band_gap`.
    pub code: String,
    pub message: String,
}

fn check_bands(
    path: &str,
    direction: Direction,
    bands: &[ValueBand],
    max_level: u8,
) -> Result<(), RubricError> {
    if bands.is_empty() {
        return Err(RubricError::Invalid {
            path: path.into(),
            message: "at least one band is needed".into(),
        });
    }
    let mut levels: Vec<u8> = bands.iter().map(|b| b.level).collect();
    levels.sort_unstable();
    levels.dedup();
    if levels.len() != bands.len() || levels.iter().any(|&l| l == 0 || l > max_level) {
        return Err(RubricError::Invalid {
            path: path.into(),
            message: format!("bands need distinct levels 1..={max_level}"),
        });
    }
    // Entry edges must not fall as the level rises, or a better value
    // could reach a lower level only.
    let mut sorted: Vec<&ValueBand> = bands.iter().collect();
    sorted.sort_by_key(|b| b.level);
    for w in sorted.windows(2) {
        let ok = match direction {
            Direction::HigherIsBetter => match (w[0].min, w[1].min) {
                (Some(a), Some(b)) => a <= b,
                (None, _) => true,
                (Some(_), None) => false,
            },
            Direction::LowerIsBetter => match (w[0].max, w[1].max) {
                (Some(a), Some(b)) => a >= b,
                (None, _) => true,
                (Some(_), None) => false,
            },
        };
        if !ok {
            return Err(RubricError::Invalid {
                path: path.into(),
                message: format!(
                    "band of level {} is entered before level {}",
                    w[1].level, w[0].level
                ),
            });
        }
    }
    Ok(())
}

impl Measure {
    /// Check the measure against an indicator with `max_level` parameters.
    pub(crate) fn validate(&self, path: &str, max_level: u8) -> Result<(), RubricError> {
        match self {
            Measure::Value {
                direction, bands, ..
            } => check_bands(&format!("{path}.bands"), *direction, bands, max_level),
            Measure::Category { categories } => {
                let mut seen = std::collections::BTreeSet::new();
                for (i, c) in categories.iter().enumerate() {
                    if c.level == 0 || c.level > max_level {
                        return Err(RubricError::Invalid {
                            path: format!("{path}.categories[{i}].level"),
                            message: format!("level must be 1..={max_level}"),
                        });
                    }
                    if !seen.insert(c.code.to_lowercase()) {
                        return Err(RubricError::Duplicate {
                            path: format!("{path}.categories[{i}].code"),
                            code: c.code.clone(),
                        });
                    }
                }
                Ok(())
            }
            Measure::Basis { bases } => {
                let mut seen = std::collections::BTreeSet::new();
                for (i, b) in bases.iter().enumerate() {
                    if !seen.insert(b.code.to_lowercase()) {
                        return Err(RubricError::Duplicate {
                            path: format!("{path}.bases[{i}].code"),
                            code: b.code.clone(),
                        });
                    }
                    check_bands(
                        &format!("{path}.bases[{i}].bands"),
                        b.direction,
                        &b.bands,
                        max_level,
                    )?;
                }
                Ok(())
            }
        }
    }

    /// Overlaps and gaps between adjacent published bands (at 0.01).
    pub fn lint(&self, path: &str) -> Vec<LintNote> {
        let mut out = Vec::new();
        match self {
            Measure::Value { bands, step, .. } => {
                lint_bands(&format!("{path}.bands"), bands, *step, &mut out)
            }
            Measure::Basis { bases } => {
                for (i, b) in bases.iter().enumerate() {
                    lint_bands(
                        &format!("{path}.bases[{i}].bands"),
                        &b.bands,
                        b.step,
                        &mut out,
                    )
                }
            }
            Measure::Category { .. } => {}
        }
        out
    }
}

/// Compare adjacent bands along the number line: a band ending at or
/// after the next one's start overlaps it; one ending more than one step
/// (0.01 unless the measure says otherwise) before leaves a gap.
fn lint_bands(path: &str, bands: &[ValueBand], step: Option<Decimal>, out: &mut Vec<LintNote>) {
    let step = step.unwrap_or(Decimal::new(1, 2));
    let mut idx: Vec<usize> = (0..bands.len()).collect();
    idx.sort_by(|&a, &b| match (bands[a].min, bands[b].min) {
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(&y),
    });
    for w in idx.windows(2) {
        let (lo, hi) = (&bands[w[0]], &bands[w[1]]);
        let (Some(end), Some(start)) = (lo.max, hi.min) else {
            if lo.max.is_none() {
                out.push(LintNote {
                    path: format!("{path}[{}]", w[0]),
                    code: "band_overlap".into(),
                    message: format!(
                        "level {} has no upper edge and overlaps level {}",
                        lo.level, hi.level
                    ),
                });
            }
            continue;
        };
        if end >= start {
            out.push(LintNote {
                path: format!("{path}[{}]", w[1]),
                code: "band_overlap".into(),
                message: format!(
                    "level {} ends at {end} and level {} starts at {start}: values {start} to {end} are in both (resolved to the higher level)",
                    lo.level, hi.level
                ),
            });
        } else if end + step < start {
            out.push(LintNote {
                path: format!("{path}[{}]", w[1]),
                code: "band_gap".into(),
                message: format!(
                    "level {} ends at {end} and level {} starts at {start}: values between are in neither (resolved by the entry edge)",
                    lo.level, hi.level
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn band(level: u8, min: Option<&str>, max: Option<&str>) -> ValueBand {
        ValueBand {
            level,
            min: min.map(d),
            max: max.map(d),
        }
    }

    #[test]
    fn published_overlaps_go_to_the_higher_level_and_gaps_to_the_lower() {
        // Row 4 as published: <= 2.04 / 2.05 to 5.23 / >= 5.23.
        let row4 = [
            band(1, None, Some("2.04")),
            band(2, Some("2.05"), Some("5.23")),
            band(3, Some("5.23"), None),
        ];
        let l = |v| level_of(d(v), Direction::HigherIsBetter, &row4);
        assert_eq!(l("2.04"), 1);
        assert_eq!(l("2.045"), 1); // in the gap: not yet 2.05
        assert_eq!(l("2.05"), 2);
        assert_eq!(l("5.22"), 2);
        assert_eq!(l("5.23"), 3); // in both published ranges
        assert_eq!(l("-7"), 1);
        // Row 5b (lower is better): >= 5.91 / 2.34 to 5.92 / <= 2.35.
        let row5b = [
            band(1, Some("5.91"), None),
            band(2, Some("2.34"), Some("5.92")),
            band(3, None, Some("2.35")),
        ];
        let l = |v| level_of(d(v), Direction::LowerIsBetter, &row5b);
        assert_eq!(l("5.92"), 2);
        assert_eq!(l("5.93"), 1);
        assert_eq!(l("2.35"), 3);
        assert_eq!(l("2.36"), 2);
        // A first band with a lower edge: below it, level 0.
        let basis_a = [
            band(1, Some("1"), Some("200")),
            band(2, Some("201"), Some("500")),
            band(3, Some("501"), None),
        ];
        assert_eq!(level_of(d("0"), Direction::HigherIsBetter, &basis_a), 0);
        assert_eq!(level_of(d("200.5"), Direction::HigherIsBetter, &basis_a), 1);
        assert_eq!(level_of(d("501"), Direction::HigherIsBetter, &basis_a), 3);
    }

    #[test]
    fn lint_reports_overlaps_and_gaps() {
        let row4 = Measure::Value {
            unit: None,
            step: None,
            direction: Direction::HigherIsBetter,
            bands: vec![
                band(1, None, Some("2.04")),
                band(2, Some("2.05"), Some("5.23")),
                band(3, Some("5.23"), None),
            ],
        };
        let notes = row4.lint("indicators[4].measure");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].code, "band_overlap");
        let gap = Measure::Value {
            unit: None,
            step: None,
            direction: Direction::HigherIsBetter,
            bands: vec![band(1, None, Some("8.16")), band(2, Some("8.20"), None)],
        };
        assert_eq!(gap.lint("x")[0].code, "band_gap");
    }
}
