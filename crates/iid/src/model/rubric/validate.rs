//! Validation of a rubric's whole-document rules: the aggregation (divisor,
//! stated maximum) and the predicate bands (they tile 0 to 100 at the
//! index's decimals, no overlap, no gap).

use super::*;
use crate::error::RubricError;
use crate::model::submission::MAX_INNOVATIONS;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

impl CompiledRubric {
    pub(super) fn check_aggregation(&self) -> Result<(), RubricError> {
        if let Aggregation::Normalized {
            min_divisor,
            max_total,
        } = &self.rubric.aggregation
        {
            if *min_divisor == 0 {
                return Err(RubricError::NotPositive {
                    path: "aggregation.min_divisor".into(),
                    value: "0".into(),
                });
            }
            if *min_divisor as usize > MAX_INNOVATIONS {
                return Err(RubricError::Invalid {
                    path: "aggregation.min_divisor".into(),
                    message: format!(
                        "{min_divisor} is more than the {MAX_INNOVATIONS} innovations a submission may report"
                    ),
                });
            }
            if self.innovation.is_empty() {
                return Err(RubricError::Invalid {
                    path: "aspects".into(),
                    message: "a normalised rubric needs per-innovation indicators".into(),
                });
            }
            if let Some(stated) = max_total {
                let computed = self.max_total_score().unwrap_or_default();
                if *stated != computed {
                    return Err(RubricError::Invalid {
                        path: "aggregation.max_total".into(),
                        message: format!(
                            "stated maximum {stated} differs from the weights' maximum {computed}"
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// Bands must tile the index range at the index's resolution: sorted by
    /// `min`, each band's `min` exactly one step (0.01) above the previous
    /// band's `max`. Overlaps and gaps are errors naming both bands.
    pub(super) fn check_bands(&self) -> Result<(), RubricError> {
        let bands = &self.rubric.predicates;
        if bands.is_empty() {
            return Err(RubricError::Invalid {
                path: "predicates".into(),
                message: "at least one predicate band is needed".into(),
            });
        }
        let step = Decimal::new(1, self.rubric.rounding.index_decimals);
        let mut order: Vec<usize> = (0..bands.len()).collect();
        order.sort_by(|&a, &b| bands[a].min.cmp(&bands[b].min));
        let mut labels = BTreeSet::new();
        for (i, b) in bands.iter().enumerate() {
            if !labels.insert(b.label.as_str()) {
                return Err(RubricError::Duplicate {
                    path: format!("predicates[{i}].label"),
                    code: b.label.clone(),
                });
            }
            if b.min.scale() > self.rubric.rounding.index_decimals
                && b.min.normalize().scale() > self.rubric.rounding.index_decimals
            {
                return Err(RubricError::Invalid {
                    path: format!("predicates[{i}].min"),
                    message: "band edge finer than the index's rounding".into(),
                });
            }
            if let Some(max) = b.max {
                if max < b.min {
                    return Err(RubricError::Invalid {
                        path: format!("predicates[{i}].max"),
                        message: format!("max {max} is below min {}", b.min),
                    });
                }
            }
        }
        let first = &bands[order[0]];
        if first.min != Decimal::ZERO {
            return Err(RubricError::BandGap {
                path: format!("predicates[{}].min", order[0]),
                label: "0".into(),
                other: first.label.clone(),
            });
        }
        for w in order.windows(2) {
            let (lo, hi) = (&bands[w[0]], &bands[w[1]]);
            let Some(lo_max) = lo.max else {
                return Err(RubricError::BandOverlap {
                    path: format!("predicates[{}].max", w[0]),
                    label: lo.label.clone(),
                    other: hi.label.clone(),
                });
            };
            let expected = lo_max + step;
            if hi.min < expected {
                return Err(RubricError::BandOverlap {
                    path: format!("predicates[{}].min", w[1]),
                    label: hi.label.clone(),
                    other: lo.label.clone(),
                });
            }
            if hi.min > expected {
                return Err(RubricError::BandGap {
                    path: format!("predicates[{}].min", w[1]),
                    label: lo.label.clone(),
                    other: hi.label.clone(),
                });
            }
        }
        let last_i = *order.last().unwrap_or(&0);
        let last = &bands[last_i];
        match (&self.rubric.aggregation, last.max) {
            (Aggregation::Normalized { .. }, Some(m)) if m == Decimal::from(100) => {}
            (Aggregation::Normalized { .. }, _) => {
                return Err(RubricError::BandGap {
                    path: format!("predicates[{last_i}].max"),
                    label: last.label.clone(),
                    other: "100".into(),
                })
            }
            (Aggregation::Sum, _) => {}
        }
        if !bands.iter().any(|b| b.label == self.rubric.not_assessable) {
            return Err(RubricError::UnknownReference {
                path: "not_assessable".into(),
                code: self.rubric.not_assessable.clone(),
            });
        }
        Ok(())
    }
}
