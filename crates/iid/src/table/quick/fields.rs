//! The fields a submission or an innovation may have, read as their
//! position in one list, and the set of those seen (a field given twice
//! leaves the quick path).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::bail;

/// The fields of a submission and of an innovation, the most frequent first.
const KNOWN: [&str; 16] = [
    "levels",
    "id",
    "urusan",
    "name",
    "agency",
    "stage",
    "implemented_on",
    "form",
    "digital",
    "initiator",
    "methodology",
    "region",
    "spd",
    "innovations",
    "agencies",
    "design",
];

/// A field of the submission or of an innovation, by its position in
/// [`KNOWN`].
pub(super) struct Field(usize);

impl Field {
    fn name(&self) -> &'static str {
        KNOWN[self.0]
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;
            expecting!("a field name");
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                KNOWN
                    .iter()
                    .position(|k| *k == v)
                    .map(Field)
                    .ok_or_else(bail)
            }
        }
        d.deserialize_identifier(V)
    }
}

/// Fields seen so far, one bit each (a field given twice leaves the
/// quick path).
#[derive(Default)]
pub(super) struct Seen(u32);

impl Seen {
    pub(super) fn first<E: de::Error>(&mut self, f: &Field) -> Result<&'static str, E> {
        if self.0 & (1 << f.0) != 0 {
            return Err(bail());
        }
        self.0 |= 1 << f.0;
        Ok(f.name())
    }
}
