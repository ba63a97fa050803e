//! Read access to a compiled rubric: codes, slots, maxima and bands.

use super::compile::pow10;
use super::*;

impl CompiledRubric {
    /// Published band overlaps and gaps of measured rows (warnings: the
    /// band rule in [`crate::model::measure`] resolves them).
    pub fn lint(&self) -> Vec<LintNote> {
        self.rubric
            .indicators
            .iter()
            .enumerate()
            .filter_map(|(i, ind)| {
                ind.measure
                    .as_ref()
                    .map(|m| m.lint(&format!("indicators[{i}].measure")))
            })
            .flatten()
            .collect()
    }

    /// The rubric as written.
    pub fn rubric(&self) -> &Rubric {
        &self.rubric
    }

    /// Identifier, e.g. `iid-2026`.
    pub fn id(&self) -> &str {
        &self.rubric.id
    }

    /// This rubric's scoring rules applied to another year's round: no
    /// eligibility (the round's own methodology decided which innovations
    /// count) and evidence windows read from `year`. What re-scoring a
    /// year's submission under another methodology uses.
    #[cfg(feature = "years")]
    pub fn for_round(&self, year: Option<u16>) -> CompiledRubric {
        let mut r = self.clone();
        r.rubric.eligibility = None;
        r.rubric.year = year;
        r
    }

    /// Where an indicator code lives, if the rubric has it.
    pub fn slot(&self, code: &str) -> Option<Slot> {
        self.codes.get(code).copied()
    }

    /// Resolve the codes of an answer map given in sorted order (as a
    /// `BTreeMap` iterates) by walking the sorted code list once: the
    /// national path avoids hashing every answer's code.
    pub(crate) fn slots_sorted<'k, V: 'k>(
        &self,
        entries: impl Iterator<Item = (&'k String, V)>,
        mut f: impl FnMut(&'k String, V, Option<Slot>) -> Result<(), crate::error::InputError>,
    ) -> Result<(), crate::error::InputError> {
        let mut pos = 0;
        for (key, value) in entries {
            while pos < self.sorted_codes.len() && self.sorted_codes[pos].0.as_str() < key.as_str()
            {
                pos += 1;
            }
            let slot = match self.sorted_codes.get(pos) {
                Some((code, slot)) if code == key => Some(*slot),
                _ => None,
            };
            f(key, value, slot)?;
        }
        Ok(())
    }

    /// Region (SPD) rows in official order.
    pub fn region_indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.region
            .iter()
            .map(|c| &self.rubric.indicators[c.rubric_index])
    }

    /// Per-innovation (SID) rows in official order.
    pub fn innovation_indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.innovation
            .iter()
            .map(|c| &self.rubric.indicators[c.rubric_index])
    }

    /// The aspect of indicator `i` of the file (an index into
    /// [`Rubric::indicators`]), as the compiled rows place it; its `scope`
    /// says whether the row is answered per region or per innovation.
    pub fn indicator_aspect(&self, i: usize) -> Option<&Aspect> {
        self.region
            .iter()
            .chain(&self.innovation)
            .find(|c| c.rubric_index == i)
            .map(|c| &self.rubric.aspects[c.aspect])
    }

    /// Number of region rows.
    pub fn region_len(&self) -> usize {
        self.region.len()
    }

    /// Number of per-innovation rows.
    pub fn innovation_len(&self) -> usize {
        self.innovation.len()
    }

    /// Code of region row `i`.
    pub fn region_code(&self, i: usize) -> &str {
        &self.rubric.indicators[self.region[i].rubric_index].code
    }

    /// Code of innovation row `i`.
    pub fn innovation_code(&self, i: usize) -> &str {
        &self.rubric.indicators[self.innovation[i].rubric_index].code
    }

    /// Highest level of region row `i`.
    pub fn region_max_level(&self, i: usize) -> u8 {
        self.region[i].max_level
    }

    /// Highest level of innovation row `i`.
    pub fn innovation_max_level(&self, i: usize) -> u8 {
        self.innovation[i].max_level
    }

    /// Resolve an affair spelling (code, official name or alias,
    /// case-insensitive) to its index in [`Rubric::affairs`].
    pub fn affair(&self, spelling: &str) -> Option<usize> {
        // A spelling already in normal form (the usual code) needs no
        // copy: normalising is idempotent.
        if let Some(&i) = self.affair_lookup.get(spelling) {
            return Some(i);
        }
        // Nor does a snake_case code the rubric does not list (most
        // affairs are not basic services): it is its own normal form.
        if is_normal_affair(spelling) {
            return None;
        }
        self.affair_lookup.get(&normalize_affair(spelling)).copied()
    }

    /// Number of basic-service affairs the rubric flags.
    pub fn basic_service_count(&self) -> u32 {
        self.basic_count
    }

    pub(crate) fn units_to_decimal(&self, units: i64) -> Decimal {
        crate::scoring::summary::normalized(Decimal::new(units, self.scale))
    }

    /// Maximum SPD score (63 in 2026).
    pub fn max_region_score(&self) -> Decimal {
        self.units_to_decimal(self.max_region_units)
    }

    /// Maximum of the averaged per-innovation rows (111 in 2026).
    pub fn max_innovation_score(&self) -> Decimal {
        self.units_to_decimal(self.max_innovation_units)
    }

    /// Maximum innovation-count score (76 in 2026).
    pub fn max_count_score(&self) -> Decimal {
        self.units_to_decimal(self.max_count_units)
    }

    /// Maximum total (250 in 2026); `None` for a plain-sum rubric, whose
    /// total grows with the number of innovations.
    pub fn max_total_score(&self) -> Option<Decimal> {
        match self.rubric.aggregation {
            Aggregation::Normalized { .. } => Some(self.units_to_decimal(self.max_total_units())),
            Aggregation::Sum => None,
        }
    }

    pub(crate) fn max_total_units(&self) -> i64 {
        self.max_region_units + self.max_innovation_units + self.max_count_units
    }

    pub(crate) fn unit(&self) -> i64 {
        pow10(self.scale)
    }

    /// The band containing a rounded index, if any.
    pub fn predicate_for(&self, rounded_index: Decimal) -> Option<&PredicateBand> {
        self.rubric
            .predicates
            .iter()
            .find(|b| b.min <= rounded_index && b.max.is_none_or(|m| rounded_index <= m))
    }

    /// The band for submissions with no innovations.
    pub fn not_assessable_band(&self) -> &PredicateBand {
        self.rubric
            .predicates
            .iter()
            .find(|b| b.label == self.rubric.not_assessable)
            .unwrap_or(&self.rubric.predicates[0])
    }
}
