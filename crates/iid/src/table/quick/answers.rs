//! An answer map (`spd` or an innovation's `levels`) read into a row of
//! levels: each key an indicator code of the map's scope, each value a
//! bare level within the row's maximum, no row answered twice.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::bail;
use crate::model::rubric::{CompiledRubric, Slot};
use crate::model::values::Level;

/// An answer map (`spd` or an innovation's `levels`) into `out`, one level
/// per row of its scope.
pub(super) struct Answers<'a, 'r> {
    pub(super) rubric: &'r CompiledRubric,
    pub(super) region: bool,
    pub(super) out: &'a mut [u8],
}

impl<'de> DeserializeSeed<'de> for Answers<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

/// The slot of an indicator code given as a key (text, or a whole number
/// read as its text). Keys usually come in sorted order (a map written
/// from a sorted one): the code after the last one found is tried first,
/// then a binary search over the rubric's sorted codes.
struct CodeSlot<'a, 'r> {
    rubric: &'r CompiledRubric,
    next: &'a mut usize,
}

impl<'de> DeserializeSeed<'de> for CodeSlot<'_, '_> {
    type Value = Slot;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Slot, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for CodeSlot<'_, '_> {
    type Value = Slot;
    expecting!("an indicator code");
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Slot, E> {
        let codes = &self.rubric.sorted_codes;
        // A few steps forward (a map that skips codes), then a search.
        let same = |c: &str| c.len() == v.len() && c.bytes().eq(v.bytes());
        let mut ahead = codes.iter().enumerate().skip(*self.next).take(4);
        let at = match ahead.find(|(_, (c, _))| same(c)) {
            Some((at, _)) => at,
            None => codes
                .binary_search_by(|(c, _)| c.as_str().cmp(v))
                .map_err(|_| bail())?,
        };
        *self.next = at + 1;
        Ok(codes[at].1)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Slot, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Slot, E> {
        self.visit_str(&v.to_string())
    }
}

/// A bare level, kept.
struct LevelOf;

impl<'de> DeserializeSeed<'de> for LevelOf {
    type Value = u8;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u8, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for LevelOf {
    type Value = u8;
    expecting!("a level");
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u8, E> {
        Level::from_u64(v).map(|l| l.0).map_err(|_| bail())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u8, E> {
        Level::from_i64(v).map(|l| l.0).map_err(|_| bail())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u8, E> {
        Level::from_f64(v).map(|l| l.0).map_err(|_| bail())
    }
}

impl<'de> Visitor<'de> for Answers<'_, '_> {
    type Value = ();
    expecting!("an answer map");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let r = self.rubric;
        // Rows answered, one bit each (a rubric has at most 512 rows).
        let mut given = [0u64; 8];
        let mut next = 0;
        while let Some(slot) = map.next_key_seed(CodeSlot {
            rubric: r,
            next: &mut next,
        })? {
            let level = map.next_value_seed(LevelOf)?;
            let (i, max) = match (slot, self.region) {
                (Slot::Region(i), true) => (i, r.region_max_level(i)),
                (Slot::Innovation(i), false) => (i, r.innovation_max_level(i)),
                _ => return Err(bail()),
            };
            let (word, bit) = (i / 64, 1u64 << (i % 64));
            if level > max || given[word] & bit != 0 {
                return Err(bail());
            }
            given[word] |= bit;
            self.out[i] = level;
        }
        Ok(())
    }
}
