//! The list of innovations: each one's levels, id, affair, text fields
//! and dates read and checked as the full path checks them, then counted
//! unless the rubric's eligibility rule leaves it out.

use std::fmt;
use std::hash::BuildHasher;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::answers::Answers;
use super::bail;
use super::fields::{Field, Seen};
use crate::model::rubric::CompiledRubric;
use crate::model::submission::{Initiator, InnovationForm, MAX_INNOVATIONS, MAX_TEXT_CHARS};
use crate::model::values::{word_count, Date, Stage, MAX_DESIGN_CHARS};
use crate::scoring::affair_bit;
use crate::scoring::assess::{check_text, eligibility};
use crate::table::column::HashState as IdHasher;

/// The counted innovations: their levels (row-major), number and the
/// basic-service affairs they cover.
#[derive(Default)]
pub(super) struct Rows {
    pub(super) levels: Vec<u8>,
    pub(super) count: u32,
    pub(super) covered: u64,
}

pub(super) struct Innovations<'r> {
    pub(super) rubric: &'r CompiledRubric,
}

impl<'de> DeserializeSeed<'de> for Innovations<'_> {
    type Value = Rows;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Rows, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Innovations<'_> {
    type Value = Rows;
    expecting!("a list of innovations");

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rows, A::Error> {
        let r = self.rubric;
        let mut rows = Rows::default();
        // Each id's hash, checked for repeats at the end (sorting a few
        // dozen numbers is cheaper than a hash set of them).
        let mut ids: Vec<u64> =
            Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_INNOVATIONS));
        let hasher = IdHasher::default();
        let mut row = vec![0u8; r.innovation_len()];
        let mut j = 0;
        while let Some(inv) = seq.next_element_seed(One {
            rubric: r,
            row: &mut row,
            j,
            hasher: &hasher,
        })? {
            match inv.id {
                Some(h) if j < MAX_INNOVATIONS => ids.push(h),
                _ => return Err(bail()),
            }
            let excluded = r.rubric().eligibility.as_ref().is_some_and(|el| {
                // A submission read from data has no earlier entries.
                eligibility(el, inv.stage, inv.implemented_on, inv.design_words, 0)
                    .0
                    .is_some()
            });
            if !excluded {
                rows.levels.extend_from_slice(&row);
                rows.count += 1;
                rows.covered |= inv.basic;
            }
            j += 1;
        }
        // Equal hashes may be equal ids: the full path decides.
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(bail());
        }
        Ok(rows)
    }
}

/// What the quick path keeps of an innovation besides its levels.
#[derive(Default)]
struct Meta {
    /// A hash of the id, once given.
    id: Option<u64>,
    /// The basic-service bit of its affair.
    basic: u64,
    stage: Option<Stage>,
    implemented_on: Option<Date>,
    /// Words of its design document, when given.
    design_words: Option<usize>,
}

/// One innovation: its levels into `row`, the rest returned.
struct One<'a, 'r> {
    rubric: &'r CompiledRubric,
    row: &'a mut [u8],
    /// Its position in the list.
    j: usize,
    hasher: &'a IdHasher,
}

impl<'de> DeserializeSeed<'de> for One<'_, '_> {
    type Value = Meta;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Meta, D::Error> {
        d.deserialize_map(self)
    }
}

/// What to do with a text field, read without a copy.
enum Use<'a, 'r> {
    /// The id: not empty, within the length limit; its hash kept.
    Id(&'a IdHasher),
    /// A name or agency: within the length limit.
    Limited,
    /// The affair, resolved by the rubric: its basic-service bit kept.
    Affair(&'r CompiledRubric, usize),
}

impl<'de> DeserializeSeed<'de> for Use<'_, '_> {
    type Value = u64;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        // `Option<String>` as serde reads it: null is no value.
        match self {
            Use::Id(_) => d.deserialize_string(self),
            _ => d.deserialize_option(self),
        }
    }
}

impl<'de> Visitor<'de> for Use<'_, '_> {
    type Value = u64;
    expecting!("text");
    fn visit_none<E: de::Error>(self) -> Result<u64, E> {
        Ok(0)
    }
    fn visit_unit<E: de::Error>(self) -> Result<u64, E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        d.deserialize_string(self)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        let fits = v.len() <= MAX_TEXT_CHARS || check_text(String::new, v).is_ok();
        match self {
            Use::Id(h) if fits && !v.trim().is_empty() => Ok(h.hash_one(v)),
            Use::Limited if fits => Ok(0),
            Use::Affair(r, j) => affair_bit(r, Some(v), j).map_err(|_| bail()),
            _ => Err(bail()),
        }
    }
}

impl<'de> Visitor<'de> for One<'_, '_> {
    type Value = Meta;
    expecting!("an innovation");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Meta, A::Error> {
        self.row.fill(0);
        let mut seen = Seen::default();
        let mut m = Meta::default();
        while let Some(field) = map.next_key::<Field>()? {
            match seen.first(&field)? {
                "id" => m.id = Some(map.next_value_seed(Use::Id(self.hasher))?),
                "name" | "agency" => {
                    map.next_value_seed(Use::Limited)?;
                }
                "urusan" => m.basic = map.next_value_seed(Use::Affair(self.rubric, self.j))?,
                "form" => {
                    map.next_value::<Option<InnovationForm>>()?;
                }
                "digital" => {
                    map.next_value::<Option<bool>>()?;
                }
                "initiator" => {
                    map.next_value::<Option<Initiator>>()?;
                }
                "stage" => m.stage = map.next_value()?,
                "implemented_on" => m.implemented_on = map.next_value()?,
                "design" => {
                    let text: Option<String> = map.next_value()?;
                    if let Some(t) = &text {
                        if t.chars().count() > MAX_DESIGN_CHARS {
                            return Err(bail());
                        }
                    }
                    m.design_words = text.as_deref().map(word_count);
                }
                "levels" => map.next_value_seed(Answers {
                    rubric: self.rubric,
                    region: false,
                    out: self.row,
                })?,
                _ => return Err(bail()),
            }
        }
        Ok(m)
    }
}
