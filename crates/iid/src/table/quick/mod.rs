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
//! The parts: this module reads the submission's own fields and
//! assembles the headline row; `fields` names the fields a submission or
//! an innovation may have and tracks those seen; `answers` reads an
//! answer map (codes and bare levels) into a row of levels;
//! `innovations` reads the list of innovations, each checked as the full
//! path checks it, into the counted rows.
//!
//! [`Submission`]: crate::Submission
//! [`check_text`]: crate::scoring::assess::check_text
//! [`resolve_affair`]: crate::scoring::matrix::resolve_affair
//! [`eligibility`]: crate::scoring::assess::eligibility

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::headline::Headline;
use crate::model::builtin;
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Region;
use crate::scoring::matrix::{mandatory_rule, summarize};
use crate::scoring::Mode;

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

mod answers;
mod fields;
mod innovations;
#[cfg(test)]
mod tests;

use answers::Answers;
use fields::{Field, Seen};
use innovations::{Innovations, Rows};

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
                "region" => {
                    region = map
                        .next_value::<Option<crate::model::json::Object<Region>>>()?
                        .map(|o| o.0)
                }
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
