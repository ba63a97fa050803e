//! The quick path of batch scoring: a plain submission read straight into
//! its headline row, without building the [`Submission`] (its answer maps
//! cost about 100 ns an answer to build and as much again to walk).
//!
//! Plain means: self-assessment mode, bare levels, the methodology known
//! before the answers (given, or the submission's `methodology` field read
//! first). The rules are the full path's own, called from here: the
//! number rule of [`crate::Level`], the rubric's slots and maxima,
//! [`check_text`], [`resolve_affair`], [`eligibility`], the mandatory rule
//! and [`summarize`]. Anything else (an answer object, an unknown or
//! repeated field or code, any error at all) gives `None`, and the caller
//! takes the full path (parse, then [`crate::prepare`]), which answers or
//! names the error. The tests check that both paths agree.
//!
//! [`Submission`]: crate::Submission

use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::headline::Headline;
use crate::model::builtin;
use crate::model::rubric::{CompiledRubric, Slot};
use crate::model::submission::{
    Initiator, InnovationForm, Region, MAX_INNOVATIONS, MAX_TEXT_CHARS,
};
use crate::model::values::{word_count, Date, Level, Stage, MAX_DESIGN_CHARS};
use crate::scoring::assess::{check_text, eligibility};
use crate::scoring::matrix::{mandatory_rule, summarize};
use crate::scoring::{affair_bit, Mode};

/// Read a submission from any serde carrier straight into its headline
/// row, against `rubric` or the embedded methodology it names, when it is
/// plain (self mode only); `None` otherwise: take the full path then (for
/// the answer, or to name the error).
pub fn read_headline<'de, D: Deserializer<'de>>(
    d: D,
    rubric: Option<&CompiledRubric>,
    mode: Mode,
) -> Option<Headline> {
    if mode != Mode::SelfAssessment {
        return None;
    }
    d.deserialize_map(SubmissionV { rubric }).ok()
}

/// Leave the quick path.
fn bail<E: de::Error>() -> E {
    E::custom("not a plain submission")
}

macro_rules! expecting {
    ($what:literal) => {
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str($what)
        }
    };
}

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
struct Field(usize);

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
struct Seen(u32);

impl Seen {
    fn first<E: de::Error>(&mut self, f: &Field) -> Result<&'static str, E> {
        if self.0 & (1 << f.0) != 0 {
            return Err(bail());
        }
        self.0 |= 1 << f.0;
        Ok(f.name())
    }
}

struct SubmissionV<'r> {
    rubric: Option<&'r CompiledRubric>,
}

impl<'de> Visitor<'de> for SubmissionV<'_> {
    type Value = Headline;
    expecting!("a submission");

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Headline, A::Error> {
        let mut rubric = self.rubric;
        let mut seen = Seen::default();
        let mut region: Option<Region> = None;
        let mut spd: Vec<u8> = Vec::new();
        let mut rows = Rows::default();
        while let Some(field) = map.next_key::<Field>()? {
            match seen.first(&field)? {
                "methodology" => {
                    let id: Option<String> = map.next_value()?;
                    if self.rubric.is_none() {
                        let id = id.ok_or_else(bail)?;
                        rubric = Some(builtin::get(&id).map_err(|_| bail())?);
                    }
                }
                "region" => region = map.next_value()?,
                "spd" => {
                    let r = rubric.ok_or_else(bail)?;
                    spd = vec![0; r.region_len()];
                    map.next_value_seed(Answers {
                        rubric: r,
                        region: true,
                        out: &mut spd,
                    })?;
                }
                "innovations" => {
                    let r = rubric.ok_or_else(bail)?;
                    rows = map.next_value_seed(Innovations { rubric: r })?;
                }
                "agencies" => {
                    map.next_value::<Vec<String>>()?;
                }
                _ => return Err(bail()),
            }
        }
        let r = rubric.ok_or_else(bail)?;
        spd.resize(r.region_len(), 0);
        let blocked = mandatory_rule(r, &spd, &mut rows.levels);
        let s = summarize(r, &spd, &rows.levels, rows.count, rows.covered, blocked);
        let (code, name) = region.map_or((None, None), |g| (g.code, g.name));
        Ok(Headline::of(r, &s, code, name))
    }
}

/// An answer map (`spd` or an innovation's `levels`) into `out`, one level
/// per row of its scope.
struct Answers<'a, 'r> {
    rubric: &'r CompiledRubric,
    region: bool,
    out: &'a mut [u8],
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

/// The counted innovations: their levels (row-major), number and the
/// basic-service affairs they cover.
#[derive(Default)]
struct Rows {
    levels: Vec<u8>,
    count: u32,
    covered: u64,
}

struct Innovations<'r> {
    rubric: &'r CompiledRubric,
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
        let mut ids = HashSet::new();
        let hasher = RandomState::new();
        let mut row = vec![0u8; r.innovation_len()];
        let mut j = 0;
        while let Some(inv) = seq.next_element_seed(One {
            rubric: r,
            row: &mut row,
            j,
            hasher: &hasher,
        })? {
            // Equal hashes may be equal ids: the full path decides.
            let new_id = inv.id.is_some_and(|h| ids.insert(h));
            if j >= MAX_INNOVATIONS || !new_id {
                return Err(bail());
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
    hasher: &'a RandomState,
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
    Id(&'a RandomState),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::submission::Submission;
    use crate::synthetic::national;

    /// The full path's row, when it has one.
    fn full(text: &str, rubric: Option<&CompiledRubric>) -> Option<Headline> {
        let sub = Submission::from_json(text).ok()?;
        let r = match rubric {
            Some(r) => r,
            None => builtin::of_submission(&sub).ok()?,
        };
        let s = crate::prepare(r, &sub).ok()?.summary(r);
        let g = sub.region.as_ref();
        Some(Headline::of(
            r,
            &s,
            g.and_then(|g| g.code.clone()),
            g.and_then(|g| g.name.clone()),
        ))
    }

    fn quick(text: &str, rubric: Option<&CompiledRubric>) -> Option<Headline> {
        let d = &mut serde_json::Deserializer::from_str(text);
        let h = read_headline(&mut *d, rubric, Mode::SelfAssessment)?;
        d.end().ok().map(|_| h)
    }

    /// Wherever the quick path answers, it answers as the full path does.
    fn agree(text: &str, rubric: Option<&CompiledRubric>) -> bool {
        let q = quick(text, rubric);
        if let Some(h) = &q {
            assert_eq!(Some(h), full(text, rubric).as_ref(), "{text}");
        }
        q.is_some()
    }

    #[test]
    fn plain_submissions_take_the_quick_path_and_agree() {
        let r = builtin::get("iid-2026").unwrap();
        for s in national(r, 30, 700, 5) {
            let text = serde_json::to_string(&s).unwrap();
            assert!(agree(&text, None));
            assert!(agree(&text, Some(builtin::get("iid-2027").unwrap())));
        }
    }

    #[test]
    fn every_shared_vector_agrees() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors");
        let mut quick_ones = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            if v.get("rubric").is_some() || v.get("mode").is_some_and(|m| m != "self") {
                continue;
            }
            let text = match (&v["input"], v.get("input_text")) {
                (serde_json::Value::Null, Some(t)) => t.as_str().unwrap().to_string(),
                // `methodology` first, as a submission is usually written
                // (a map of serde_json sorts its keys).
                (serde_json::Value::Object(m), _) => {
                    let mut fields: Vec<String> = m
                        .iter()
                        .map(|(k, v)| format!("{}: {v}", serde_json::Value::from(k.as_str())))
                        .collect();
                    fields.sort_by_key(|f| !f.starts_with("\"methodology\""));
                    format!("{{{}}}", fields.join(", "))
                }
                (input, _) => input.to_string(),
            };
            quick_ones += usize::from(agree(&text, None));
            if v.get("expected_error").is_some() {
                assert!(quick(&text, None).is_none(), "{}", path.display());
            }
        }
        assert!(quick_ones >= 5);
    }

    #[test]
    fn anything_unusual_leaves_the_quick_path() {
        let base = r#"{"methodology": "iid-2026", "spd": {"1": 3},
            "innovations": [{"id": "a", "urusan": "kesehatan", "levels": {"16": 2}}]}"#;
        assert!(agree(base, None));
        for text in [
            // the methodology after the answers
            r#"{"spd": {"1": 3}, "methodology": "iid-2026"}"#,
            // answer objects, out of range, unknown and misplaced codes
            r#"{"methodology": "iid-2026", "spd": {"1": {"level": 3}}}"#,
            r#"{"methodology": "iid-2026", "spd": {"1": 4}}"#,
            r#"{"methodology": "iid-2026", "spd": {"99": 1}}"#,
            r#"{"methodology": "iid-2026", "spd": {"16": 1}}"#,
            r#"{"methodology": "iid-2026", "spd": {"1": 1, "1": 2}}"#,
            r#"{"methodology": "iid-2026", "spd": {"1": 2.5}}"#,
            // fields: unknown, repeated
            r#"{"methodology": "iid-2026", "inovations": []}"#,
            r#"{"methodology": "iid-2026", "spd": {}, "spd": {}}"#,
            r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "x": 1}]}"#,
            // innovations: ids, affairs, text
            r#"{"methodology": "iid-2026", "innovations": [{"id": "a"}, {"id": "a"}]}"#,
            r#"{"methodology": "iid-2026", "innovations": [{"id": " "}]}"#,
            r#"{"methodology": "iid-2026", "innovations": [{"levels": {}}]}"#,
            r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "urusan": "Bukan!"}]}"#,
            r#"{"methodology": "iid-2026", "innovations": [{"id": "a", "stage": "x"}]}"#,
            r#"{"methodology": "iid-1999"}"#,
            r#"{"spd": {"1": 3}}"#,
            "[]",
        ] {
            assert!(!agree(text, None), "{text}");
        }
        let long = format!(
            r#"{{"methodology": "iid-2026", "innovations": [{{"id": "{}"}}]}}"#,
            "é".repeat(MAX_TEXT_CHARS + 1)
        );
        assert!(!agree(&long, None));
        let fits = format!(
            r#"{{"methodology": "iid-2026", "innovations": [{{"id": "{}"}}]}}"#,
            "é".repeat(MAX_TEXT_CHARS)
        );
        assert!(agree(&fits, None));
        // eligibility: a stage the rubric leaves out is not counted
        let staged = r#"{"methodology": "iid-2026", "innovations": [
            {"id": "a", "stage": "trial", "levels": {"16": 3}},
            {"id": "b", "stage": "implemented", "implemented_on": "2024-01-01", "levels": {"16": 2}}]}"#;
        assert!(agree(staged, None));
    }
}
