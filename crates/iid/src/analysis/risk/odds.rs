//! The verification-probability model: how likely each answer is to
//! survive verification at its claimed level.
//!
//! Every counted answer (claimed level above 0, in the region or in an
//! eligible innovation) falls in one class by the state of its evidence
//! and of its verification, and each class has a survival probability:
//!
//! | class | the answer | default |
//! |---|---|---|
//! | `accepted` | verification `accepted` at the claimed level (or with no level) | 1 |
//! | `accepted_lower` | verification `accepted` at a level below the claim: the claim survives with this probability, else the accepted level counts | 0 |
//! | `rejected` | verification `rejected` | 0 |
//! | `revise` | verification `revise` (sent back for revision) | 0.3 |
//! | `meets_rule` | pending or not yet verified, evidence meets the rubric's rule | 0.9 |
//! | `no_rule` | pending or not yet verified, the rubric asks no evidence for the row | 0.9 |
//! | `short_of_rule` | pending or not yet verified, evidence given that does not meet the rule | 0.3 |
//! | `no_evidence` | pending or not yet verified, no evidence at all (unproven answers score nothing) | 0 |
//!
//! An answer survives at its claimed level with its probability, else it
//! counts its fallback: the level a verifier already accepted
//! (`accepted_lower`), otherwise 0. Outcomes of different answers are
//! independent.
//!
//! With the defaults set to 1 for `accepted`, `meets_rule` and `no_rule`
//! and 0 for every other class, every answer counts exactly what the
//! verified mode counts ([`crate::model::evidence::counted_level`]), so
//! [`outcome_matrix`] with "survived" = "probability is 1" is the verified
//! level matrix.
//!
//! [`OddsOptions`] overrides a class's probability (`classes`) or one
//! answer's, by its JSON path in the submission (`answers`). Probabilities
//! are decimal strings from `"0"` to `"1"` with at most six decimals; the
//! model holds them as exact integers of millionths.

use crate::model::json::Object;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::InputError;
use crate::model::evidence::{EvidenceProblem, VerificationStatus};
use crate::model::rubric::CompiledRubric;
use crate::model::submission::Submission;
use crate::scoring::assess::{assess, AnswerCheck, Assessment, EvidenceState, RowRef};
use crate::scoring::LevelMatrix;

/// One in millionths: probabilities are integers of 10^-6.
pub const MILLION: u32 = 1_000_000;

/// A probability in [0, 1] with at most six decimals, held as an exact
/// integer of millionths. Written as a decimal string (`"0.9"`); it is
/// serialised with six decimals (`"0.900000"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Probability(u32);

impl Probability {
    /// Probability 0.
    pub const ZERO: Probability = Probability(0);
    /// Probability 1.
    pub const ONE: Probability = Probability(MILLION);

    /// From millionths; `None` above one million.
    pub fn from_millionths(m: u32) -> Option<Probability> {
        (m <= MILLION).then_some(Probability(m))
    }

    /// The probability in millionths (0 to 1,000,000).
    pub fn millionths(self) -> u32 {
        self.0
    }

    /// Parse `"0"`, `"1"`, `"0.9"`, `"0.000001"`, `"1.000"`: a decimal in
    /// [0, 1] with at most six decimals, no sign, no exponent.
    pub fn parse(s: &str) -> Result<Probability, String> {
        let bad = || {
            format!("\"{s}\" is not a probability: a decimal string from \"0\" to \"1\" with at most six decimals")
        };
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        if int.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || (s.contains('.') && frac.is_empty())
        {
            return Err(bad());
        }
        if frac.len() > 6 {
            return Err(format!(
                "\"{s}\" has more than six decimals (probabilities are exact millionths)"
            ));
        }
        let int = int.trim_start_matches('0');
        let whole: u32 = match int {
            "" => 0,
            "1" => 1,
            _ => return Err(bad()),
        };
        let mut f: u32 = 0;
        for b in frac.bytes().chain(std::iter::repeat(b'0')).take(6) {
            f = f * 10 + u32::from(b - b'0');
        }
        let m = whole * MILLION + f;
        Probability::from_millionths(m).ok_or_else(bad)
    }
}

impl fmt::Display for Probability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:06}", self.0 / MILLION, self.0 % MILLION)
    }
}

impl Serialize for Probability {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Probability {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Probability;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a probability as a decimal string (\"0.9\")")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Probability, E> {
                Probability::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Probability, E> {
                Err(E::custom(format!(
                    "give a probability as a decimal string (\"{v}\"), not a JSON number"
                )))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Probability, E> {
                Err(E::custom(format!(
                    "give a probability as a decimal string (\"{v}\"), not a JSON number"
                )))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Probability, E> {
                Err(E::custom(format!(
                    "give a probability as a decimal string (\"{v}\"), not a JSON number"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Probability {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Probability".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$",
            "description": "a probability from \"0\" to \"1\", at most six decimals"
        })
    }
}

/// The class of an answer by the state of its evidence and verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OddsClass {
    /// Accepted at the claimed level.
    Accepted,
    /// Accepted at a level below the claim.
    AcceptedLower,
    /// Rejected.
    Rejected,
    /// Sent back for revision.
    Revise,
    /// Not yet verified; the evidence meets the rubric's rule.
    MeetsRule,
    /// Not yet verified; the row asks no evidence.
    NoRule,
    /// Not yet verified; evidence given that does not meet the rule.
    ShortOfRule,
    /// Not yet verified; no evidence at all.
    NoEvidence,
}

impl OddsClass {
    /// Every class, in a stable order.
    pub const ALL: [OddsClass; 8] = [
        OddsClass::Accepted,
        OddsClass::AcceptedLower,
        OddsClass::Rejected,
        OddsClass::Revise,
        OddsClass::MeetsRule,
        OddsClass::NoRule,
        OddsClass::ShortOfRule,
        OddsClass::NoEvidence,
    ];

    /// The class as written in JSON (`meets_rule`).
    pub fn code(self) -> &'static str {
        match self {
            OddsClass::Accepted => "accepted",
            OddsClass::AcceptedLower => "accepted_lower",
            OddsClass::Rejected => "rejected",
            OddsClass::Revise => "revise",
            OddsClass::MeetsRule => "meets_rule",
            OddsClass::NoRule => "no_rule",
            OddsClass::ShortOfRule => "short_of_rule",
            OddsClass::NoEvidence => "no_evidence",
        }
    }

    /// The documented default probability, in millionths.
    pub fn default_millionths(self) -> u32 {
        match self {
            OddsClass::Accepted => MILLION,
            OddsClass::AcceptedLower | OddsClass::Rejected | OddsClass::NoEvidence => 0,
            OddsClass::Revise | OddsClass::ShortOfRule => 300_000,
            OddsClass::MeetsRule | OddsClass::NoRule => 900_000,
        }
    }

    /// Whether the verified mode counts the claimed level for this class
    /// (what the class's probability is when it collapses to the
    /// verified mode: 1 if so, else 0).
    pub fn verified_counts_claim(self) -> bool {
        matches!(
            self,
            OddsClass::Accepted | OddsClass::MeetsRule | OddsClass::NoRule
        )
    }
}

/// Per-class probabilities; an absent class keeps its default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClassOdds {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Probability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_lower: Option<Probability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Probability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revise: Option<Probability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meets_rule: Option<Probability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_rule: Option<Probability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_of_rule: Option<Probability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_evidence: Option<Probability>,
}

impl ClassOdds {
    /// The probability of a class: the one given, else the default.
    pub fn get(&self, class: OddsClass) -> Probability {
        let given = match class {
            OddsClass::Accepted => self.accepted,
            OddsClass::AcceptedLower => self.accepted_lower,
            OddsClass::Rejected => self.rejected,
            OddsClass::Revise => self.revise,
            OddsClass::MeetsRule => self.meets_rule,
            OddsClass::NoRule => self.no_rule,
            OddsClass::ShortOfRule => self.short_of_rule,
            OddsClass::NoEvidence => self.no_evidence,
        };
        given.unwrap_or(Probability(class.default_millionths()))
    }

    /// Set a class's probability.
    pub fn set(&mut self, class: OddsClass, p: Probability) {
        let slot = match class {
            OddsClass::Accepted => &mut self.accepted,
            OddsClass::AcceptedLower => &mut self.accepted_lower,
            OddsClass::Rejected => &mut self.rejected,
            OddsClass::Revise => &mut self.revise,
            OddsClass::MeetsRule => &mut self.meets_rule,
            OddsClass::NoRule => &mut self.no_rule,
            OddsClass::ShortOfRule => &mut self.short_of_rule,
            OddsClass::NoEvidence => &mut self.no_evidence,
        };
        *slot = Some(p);
    }

    /// The probabilities under which every answer counts what the
    /// verified mode counts: 1 for the classes it counts at the claim,
    /// 0 for the others.
    pub fn verified() -> ClassOdds {
        let mut c = ClassOdds::default();
        for k in OddsClass::ALL {
            c.set(
                k,
                if k.verified_counts_claim() {
                    Probability::ONE
                } else {
                    Probability::ZERO
                },
            );
        }
        c
    }
}

/// The odds document: per-class probabilities and per-answer overrides.
///
/// ```json
/// {"classes": {"meets_rule": "0.8", "short_of_rule": "0.25"},
///  "answers": {"innovations[0].levels.16": "0.5", "spd.12": "1"}}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OddsOptions {
    /// Probability by class (absent classes keep their defaults).
    #[serde(default, deserialize_with = "crate::model::json::object")]
    pub classes: ClassOdds,
    /// Probability of one answer, by its JSON path in the submission
    /// (`spd.12`, `innovations[3].levels.16`); it wins over its class.
    /// A path that is no counted answer is an error.
    #[serde(default)]
    pub answers: BTreeMap<String, Probability>,
}

impl OddsOptions {
    /// Parse an odds document; error paths start with `odds`.
    pub fn from_json(text: &str) -> Result<OddsOptions, InputError> {
        crate::model::json::read::<Object<_>>(text, "odds").map(|o| o.0)
    }
}

/// One counted answer and its chance of surviving verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AnswerOdds {
    /// JSON path of the answer in the submission.
    pub path: String,
    /// Index of the answer in [`Assessment::answers`].
    #[serde(skip)]
    pub answer: usize,
    /// Indicator code.
    pub indicator: String,
    /// Submission index of the innovation, for innovation rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub innovation: Option<usize>,
    /// The claimed level: what the answer counts if it survives.
    pub level: u8,
    /// What it counts if it does not: the level a verifier accepted
    /// below the claim, else 0.
    pub fallback: u8,
    pub class: OddsClass,
    /// Survival probability in exact millionths.
    pub millionths: u32,
    /// Whether `odds.answers` set it.
    pub overridden: bool,
}

impl AnswerOdds {
    /// The survival probability.
    pub fn probability(&self) -> Probability {
        Probability(self.millionths)
    }
}

/// The class of a checked answer.
pub fn class_of(a: &AnswerCheck) -> OddsClass {
    match a.verification {
        Some(VerificationStatus::Accepted) => {
            if a.counted < a.claimed {
                OddsClass::AcceptedLower
            } else {
                OddsClass::Accepted
            }
        }
        Some(VerificationStatus::Rejected) => OddsClass::Rejected,
        Some(VerificationStatus::Revise) => OddsClass::Revise,
        Some(VerificationStatus::Pending) | None => match a.evidence {
            EvidenceState::NotRequired => OddsClass::NoRule,
            EvidenceState::Met => OddsClass::MeetsRule,
            EvidenceState::Problem(EvidenceProblem::Missing) => OddsClass::NoEvidence,
            EvidenceState::Problem(_) => OddsClass::ShortOfRule,
        },
    }
}

/// The odds of every counted answer of an assessed submission, in the
/// order of [`Assessment::answers`] (region rows by code, then each
/// eligible innovation's rows).
///
/// Errors: a path in `options.answers` that is no counted answer (an
/// unanswered row, a row of an innovation the rubric's eligibility leaves
/// out, a misspelt path), at `odds.answers.<path>`.
pub fn odds_of(
    rubric: &CompiledRubric,
    assessment: &Assessment,
    options: &OddsOptions,
) -> Result<Vec<AnswerOdds>, InputError> {
    let r = rubric.rubric();
    let mut out = Vec::with_capacity(assessment.answers.len());
    let mut used = 0usize;
    for (k, a) in assessment.answers.iter().enumerate() {
        let class = class_of(a);
        let (m, overridden) = match options.answers.get(&a.path) {
            Some(p) => {
                used += 1;
                (p.millionths(), true)
            }
            None => (options.classes.get(class).millionths(), false),
        };
        out.push(AnswerOdds {
            path: a.path.clone(),
            answer: k,
            indicator: r
                .indicators
                .get(a.indicator)
                .map_or_else(String::new, |i| i.code.clone()),
            innovation: a.innovation,
            level: a.claimed,
            fallback: if class == OddsClass::AcceptedLower {
                a.counted
            } else {
                0
            },
            class,
            millionths: m,
            overridden,
        });
    }
    if used < options.answers.len() {
        let known: std::collections::HashSet<&str> =
            assessment.answers.iter().map(|a| a.path.as_str()).collect();
        if let Some(p) = options.answers.keys().find(|p| !known.contains(p.as_str())) {
            return Err(InputError::Invalid {
                path: format!("odds.answers.{p}"),
                message: format!(
                    "\"{p}\" is not a counted answer of the submission (an answered row of the \
                     region or of an eligible innovation, written as spd.<code> or \
                     innovations[<index>].levels.<code>)"
                ),
            });
        }
    }
    Ok(out)
}

/// Assess a submission and give the odds of every counted answer
/// ([`odds_of`]). The assessment is returned with them: its claimed and
/// verified matrices, and [`outcome_matrix`] builds the matrix of any
/// outcome.
pub fn answer_odds(
    rubric: &CompiledRubric,
    sub: &Submission,
    options: &OddsOptions,
) -> Result<(Assessment, Vec<AnswerOdds>), InputError> {
    let a = assess(rubric, sub)?;
    let odds = odds_of(rubric, &a, options)?;
    Ok((a, odds))
}

/// The level matrix of one verification outcome: answer `k` of `odds`
/// counts its `level` when `survived(k)`, else its `fallback`; then the
/// rubric's mandatory rule applies, and a matrix with no level above 0 is
/// not assessable, exactly as the verified mode does. Scoring it
/// ([`LevelMatrix::summary`]) gives that outcome's index and predicate.
pub fn outcome_matrix(
    rubric: &CompiledRubric,
    assessment: &Assessment,
    odds: &[AnswerOdds],
    survived: impl Fn(usize) -> bool,
) -> LevelMatrix {
    let base = &assessment.claimed;
    let k = rubric.innovation_len();
    let mut m = LevelMatrix {
        region: vec![0; base.region.len()],
        innovation: vec![0; base.innovation.len()],
        affairs: base.affairs.clone(),
        basic_mask: base.basic_mask.clone(),
        source: base.source.clone(),
        blocked: false,
    };
    for (i, o) in odds.iter().enumerate() {
        let level = if survived(i) { o.level } else { o.fallback };
        let Some(a) = assessment.answers.get(o.answer) else {
            continue;
        };
        let cell = match a.row {
            RowRef::Region(r) => m.region.get_mut(r),
            RowRef::Innovation { row, col } => m.innovation.get_mut(row * k + col),
        };
        if let Some(c) = cell {
            *c = level;
        }
    }
    m.apply_mandatory_rule(rubric);
    if m.all_zero() {
        m.blocked = true;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_parse_exactly() {
        let p = |s| Probability::parse(s).map(|p| p.millionths());
        assert_eq!(p("0"), Ok(0));
        assert_eq!(p("1"), Ok(1_000_000));
        assert_eq!(p("1.000000"), Ok(1_000_000));
        assert_eq!(p("0.9"), Ok(900_000));
        assert_eq!(p("0.000001"), Ok(1));
        assert_eq!(p("00.5"), Ok(500_000));
        for bad in [
            "",
            ".5",
            "1.",
            "1.1",
            "2",
            "-0.1",
            "0.1234567",
            "1e-3",
            " 0.5",
            "0,5",
            "+0.5",
        ] {
            assert!(p(bad).is_err(), "{bad}");
        }
        assert_eq!(Probability(900_000).to_string(), "0.900000");
        assert_eq!(Probability::ONE.to_string(), "1.000000");
    }

    #[test]
    fn options_name_the_bad_field() {
        let e = OddsOptions::from_json(r#"{"classes": {"meets_rule": 0.9}}"#).unwrap_err();
        assert_eq!(e.path(), "odds.classes.meets_rule");
        let e = OddsOptions::from_json(r#"{"classes": {"pending": "0.9"}}"#).unwrap_err();
        assert_eq!(e.path(), "odds.classes.pending");
        let e = OddsOptions::from_json(r#"{"answers": {"spd.1": "1.5"}}"#).unwrap_err();
        assert!(e.path().starts_with("odds.answers"), "{}", e.path());
        let e = OddsOptions::from_json(r#"{"other": 1}"#).unwrap_err();
        assert_eq!(e.path(), "odds.other");
    }
}
