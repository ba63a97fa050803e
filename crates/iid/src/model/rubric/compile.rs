//! Validation and compilation: a [`Rubric`] checked field by field and
//! turned into the fixed-point form the scorer uses.

use super::*;
use crate::error::{render_path, RubricError};
use crate::model::submission::MAX_INNOVATIONS;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashMap};

impl CompiledRubric {
    /// Parse, resolve `extends` (an embedded methodology the document
    /// gives only the differences from) and validate a rubric from JSON
    /// text. Trailing content after the document is an error.
    pub fn from_json(text: &str) -> Result<CompiledRubric, RubricError> {
        CompiledRubric::new(parse_rubric(text)?)
    }
}

/// Parse a rubric document and resolve what it extends.
pub(crate) fn parse_rubric(text: &str) -> Result<Rubric, RubricError> {
    if text.len() > MAX_RUBRIC_BYTES {
        return Err(RubricError::Invalid {
            path: "$".into(),
            message: format!("rubric is {} bytes, limit {MAX_RUBRIC_BYTES}", text.len()),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = parse_value(text)?;
    let value = super::extends::resolve_extends(value, 0)?;
    serde_path_to_error::deserialize(value).map_err(|e| RubricError::Json {
        path: render_path(e.path()),
        message: e.inner().to_string(),
    })
}

/// A rubric document as a JSON value; trailing content is an error.
pub(crate) fn parse_value(text: &str) -> Result<serde_json::Value, RubricError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let value: serde_json::Value =
        serde_path_to_error::deserialize(&mut *de).map_err(|e| RubricError::Json {
            path: render_path(e.path()),
            message: e.inner().to_string(),
        })?;
    de.end().map_err(|e| RubricError::Json {
        path: "$".into(),
        message: format!("trailing content after the rubric document: {e}"),
    })?;
    Ok(value)
}

/// Whether `s` is already what [`normalize_affair`] makes of it: words of
/// lowercase ASCII letters and digits joined by single underscores.
/// (A spelling with other characters may be normal too; this says no and
/// the caller normalises it.)
pub fn is_normal_affair(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0] != b'_'
        && b[b.len() - 1] != b'_'
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        && !s.contains("__")
}

/// Normalise an affair spelling for matching: lower case, spaces,
/// hyphens and commas folded to single underscores.
pub fn normalize_affair(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_sep = false;
    for ch in s.trim().chars() {
        if ch.is_alphanumeric() {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_sep = true;
        }
    }
    out
}

/// An indicator resolved for scoring.
#[derive(Debug, Clone)]
pub struct CompiledIndicator {
    /// Index into [`Rubric::indicators`].
    pub rubric_index: usize,
    /// Weight in fixed point (units of 10^-scale).
    pub weight_units: i64,
    /// Number of parameters: the highest level.
    pub max_level: u8,
    /// Index into [`Rubric::variables`].
    pub variable: usize,
    /// Index into [`Rubric::aspects`].
    pub aspect: usize,
    pub mandatory: bool,
}

/// Where an indicator code lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Position in the region (SPD) rows.
    Region(usize),
    /// Position in the per-innovation (SID) rows.
    Innovation(usize),
    /// The innovation-count indicator (computed, never answered).
    Count,
}

/// A validated rubric ready for scoring.
#[derive(Debug, Clone)]
pub struct CompiledRubric {
    pub(super) rubric: Rubric,
    /// Fixed-point scale: weights are held as integers of 10^-scale.
    pub(crate) scale: u32,
    pub(crate) region: Vec<CompiledIndicator>,
    pub(crate) innovation: Vec<CompiledIndicator>,
    pub(crate) codes: HashMap<String, Slot>,
    /// The same codes sorted, for merge lookups against sorted answer maps.
    pub(crate) sorted_codes: Vec<(String, Slot)>,
    pub(crate) affair_lookup: HashMap<String, usize>,
    /// Affair index -> bit in the basic-service mask, for basic ones.
    pub(crate) basic_bit: Vec<Option<u32>>,
    pub(crate) basic_count: u32,
    pub(crate) count_points_units: i64,
    pub(crate) max_region_units: i64,
    pub(crate) max_innovation_units: i64,
    pub(crate) max_count_units: i64,
}

pub(super) fn pow10(n: u32) -> i64 {
    10i64.pow(n)
}

/// Decimal -> integer units of 10^-scale (exact: scale >= the value's scale).
fn to_units(d: Decimal, scale: u32) -> i64 {
    let mut m = d.mantissa();
    let mut s = d.scale();
    while s < scale {
        m *= 10;
        s += 1;
    }
    m as i64
}

fn check_positive(path: String, value: Decimal) -> Result<(), RubricError> {
    if value <= Decimal::ZERO {
        return Err(RubricError::NotPositive {
            path,
            value: value.to_string(),
        });
    }
    if value.normalize().scale() > MAX_WEIGHT_SCALE || value > Decimal::from(1_000_000) {
        return Err(RubricError::Invalid {
            path,
            message: format!(
                "{value} has more than {MAX_WEIGHT_SCALE} decimal places or exceeds 1000000"
            ),
        });
    }
    Ok(())
}

fn unique<'a>(
    items: impl Iterator<Item = &'a str>,
    field: &str,
    seen: &mut BTreeSet<String>,
) -> Result<(), RubricError> {
    for (i, code) in items.enumerate() {
        if code.trim().is_empty() {
            return Err(RubricError::Invalid {
                path: format!("{field}[{i}].code"),
                message: "code must not be empty".into(),
            });
        }
        if !seen.insert(code.to_string()) {
            return Err(RubricError::Duplicate {
                path: format!("{field}[{i}].code"),
                code: code.to_string(),
            });
        }
    }
    Ok(())
}

impl CompiledRubric {
    /// Validate a rubric and resolve it for scoring.
    pub fn new(rubric: Rubric) -> Result<Self, RubricError> {
        if rubric.id.trim().is_empty() {
            return Err(RubricError::Invalid {
                path: "id".into(),
                message: "id must not be empty".into(),
            });
        }
        if rubric.indicators.is_empty() || rubric.indicators.len() > MAX_INDICATORS {
            return Err(RubricError::Invalid {
                path: "indicators".into(),
                message: format!("a rubric needs 1 to {MAX_INDICATORS} indicators"),
            });
        }
        let mut seen = BTreeSet::new();
        unique(
            rubric.aspects.iter().map(|a| a.code.as_str()),
            "aspects",
            &mut seen,
        )?;
        let mut seen = BTreeSet::new();
        unique(
            rubric.variables.iter().map(|v| v.code.as_str()),
            "variables",
            &mut seen,
        )?;
        let mut seen = BTreeSet::new();
        unique(
            rubric.indicators.iter().map(|i| i.code.as_str()),
            "indicators",
            &mut seen,
        )?;
        if let Some(c) = &rubric.innovation_count {
            if seen.contains(&c.code) {
                return Err(RubricError::Duplicate {
                    path: "innovation_count.code".into(),
                    code: c.code.clone(),
                });
            }
        }

        let aspect_of: HashMap<&str, usize> = rubric
            .aspects
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), i))
            .collect();
        let mut variable_aspect = Vec::with_capacity(rubric.variables.len());
        for (i, v) in rubric.variables.iter().enumerate() {
            let a =
                aspect_of
                    .get(v.aspect.as_str())
                    .ok_or_else(|| RubricError::UnknownReference {
                        path: format!("variables[{i}].aspect"),
                        code: v.aspect.clone(),
                    })?;
            variable_aspect.push(*a);
        }
        let variable_of: HashMap<&str, usize> = rubric
            .variables
            .iter()
            .enumerate()
            .map(|(i, v)| (v.code.as_str(), i))
            .collect();

        // Fixed-point scale: the largest number of decimals among weights.
        let mut scale = 0u32;
        for (i, ind) in rubric.indicators.iter().enumerate() {
            check_positive(format!("indicators[{i}].weight"), ind.weight)?;
            scale = scale.max(ind.weight.normalize().scale());
        }
        if let Some(c) = &rubric.innovation_count {
            check_positive(
                "innovation_count.points_per_innovation".into(),
                c.points_per_innovation,
            )?;
            scale = scale.max(c.points_per_innovation.normalize().scale());
        }

        let mut region = Vec::new();
        let mut innovation = Vec::new();
        let mut codes = HashMap::new();
        for (i, ind) in rubric.indicators.iter().enumerate() {
            let variable = *variable_of.get(ind.variable.as_str()).ok_or_else(|| {
                RubricError::UnknownReference {
                    path: format!("indicators[{i}].variable"),
                    code: ind.variable.clone(),
                }
            })?;
            if ind.parameters.is_empty() || ind.parameters.len() > MAX_PARAMETERS {
                return Err(RubricError::Invalid {
                    path: format!("indicators[{i}].parameters"),
                    message: format!("an indicator needs 1 to {MAX_PARAMETERS} parameters"),
                });
            }
            if let Some(m) = &ind.measure {
                m.validate(
                    &format!("indicators[{i}].measure"),
                    ind.parameters.len() as u8,
                )?;
            }
            let rules = std::iter::once((format!("indicators[{i}].evidence"), &ind.evidence))
                .chain(ind.parameters.iter().enumerate().map(|(p, par)| {
                    (
                        format!("indicators[{i}].parameters[{p}].evidence"),
                        &par.evidence,
                    )
                }));
            for (path, rule) in rules {
                if let Some(rule) = rule {
                    if rule.kinds.is_empty() || rule.min_items > 100 {
                        return Err(RubricError::Invalid {
                            path,
                            message:
                                "an evidence rule needs at least one kind and at most 100 items"
                                    .into(),
                        });
                    }
                    if let Some(w) = rule.window {
                        if w.from > w.to {
                            return Err(RubricError::Invalid {
                                path: format!("{path}.window"),
                                message: format!("window from T{:+} is after T{:+}", w.from, w.to),
                            });
                        }
                    }
                }
            }
            let aspect = variable_aspect[variable];
            let ci = CompiledIndicator {
                rubric_index: i,
                weight_units: to_units(ind.weight, scale),
                max_level: ind.parameters.len() as u8,
                variable,
                aspect,
                mandatory: ind.mandatory,
            };
            match rubric.aspects[aspect].scope {
                Scope::Region => {
                    codes.insert(ind.code.clone(), Slot::Region(region.len()));
                    region.push(ci);
                }
                Scope::Innovation => {
                    codes.insert(ind.code.clone(), Slot::Innovation(innovation.len()));
                    innovation.push(ci);
                }
            }
        }

        // Affairs.
        let mut affair_lookup = HashMap::new();
        let mut basic_bit = Vec::with_capacity(rubric.affairs.len());
        let mut basic_count = 0u32;
        for (i, a) in rubric.affairs.iter().enumerate() {
            let code = normalize_affair(&a.code);
            if code.is_empty() || code != a.code {
                return Err(RubricError::Invalid {
                    path: format!("affairs[{i}].code"),
                    message: format!("affair code \"{}\" must be snake_case", a.code),
                });
            }
            for (j, spelling) in std::iter::once(&a.code)
                .chain(std::iter::once(&a.name))
                .chain(a.aliases.iter())
                .enumerate()
            {
                let key = normalize_affair(spelling);
                if let Some(&other) = affair_lookup.get(&key) {
                    if other != i {
                        let path = if j < 2 {
                            format!("affairs[{i}].code")
                        } else {
                            format!("affairs[{i}].aliases[{}]", j - 2)
                        };
                        return Err(RubricError::Duplicate { path, code: key });
                    }
                }
                affair_lookup.insert(key, i);
            }
            if a.basic_service {
                if basic_count >= 64 {
                    return Err(RubricError::Invalid {
                        path: format!("affairs[{i}]"),
                        message: "at most 64 basic-service affairs".into(),
                    });
                }
                basic_bit.push(Some(basic_count));
                basic_count += 1;
            } else {
                basic_bit.push(None);
            }
        }

        let max_units = |rows: &[CompiledIndicator]| -> i64 {
            rows.iter()
                .map(|r| r.weight_units * i64::from(r.max_level))
                .sum()
        };
        let max_region_units = max_units(&region);
        let max_innovation_units = max_units(&innovation);

        let mut count_points_units = 0;
        let mut max_count_units = 0;
        if let Some(c) = &rubric.innovation_count {
            if !variable_of.contains_key(c.variable.as_str()) {
                return Err(RubricError::UnknownReference {
                    path: "innovation_count.variable".into(),
                    code: c.variable.clone(),
                });
            }
            codes.insert(c.code.clone(), Slot::Count);
            count_points_units = to_units(c.points_per_innovation, scale);
            if let Some(req) = c.basic_services_required {
                if req > basic_count {
                    return Err(RubricError::Invalid {
                        path: "innovation_count.basic_services_required".into(),
                        message: format!(
                            "requires {req} basic-service affairs but the rubric flags only {basic_count}"
                        ),
                    });
                }
            }
            match (c.cap, &rubric.aggregation) {
                (Some(cap), _) if cap as usize > MAX_INNOVATIONS => {
                    return Err(RubricError::Invalid {
                        path: "innovation_count.cap".into(),
                        message: format!(
                            "{cap} is more than the {MAX_INNOVATIONS} innovations a submission may report"
                        ),
                    })
                }
                (Some(cap), _) => max_count_units = count_points_units * i64::from(cap),
                (None, Aggregation::Normalized { .. }) => {
                    return Err(RubricError::Invalid {
                        path: "innovation_count.cap".into(),
                        message: "a normalised index needs a cap on the innovation count".into(),
                    })
                }
                (None, Aggregation::Sum) => {}
            }
        }

        let r = &rubric.rounding;
        if r.index_decimals > 6 || r.exact_decimals > 16 || r.exact_decimals < r.index_decimals {
            return Err(RubricError::Invalid {
                path: "rounding".into(),
                message: "index_decimals must be 0..=6 and exact_decimals index_decimals..=16"
                    .into(),
            });
        }

        let mut sorted_codes: Vec<(String, Slot)> =
            codes.iter().map(|(k, v)| (k.clone(), *v)).collect();
        sorted_codes.sort_by(|a, b| a.0.cmp(&b.0));
        let compiled = CompiledRubric {
            sorted_codes,
            scale,
            region,
            innovation,
            codes,
            affair_lookup,
            basic_bit,
            basic_count,
            count_points_units,
            max_region_units,
            max_innovation_units,
            max_count_units,
            rubric,
        };
        compiled.check_aggregation()?;
        compiled.check_bands()?;
        Ok(compiled)
    }
}
