//! Submissions: a region's answers (the SPD map) and its innovations (each
//! with its SID answers), in the interchange format documented in
//! `docs/format.md`.
//!
//! An answer is either a bare level (`3`) or an object (`{"level": 3}`);
//! the object form leaves room for evidence and a verifier's decision.
//! Parsing checks types and shapes; [`crate::prepare`] then checks the
//! submission against a rubric.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

use crate::error::{render_path, InputError};
use crate::model::evidence::{Evidence, Verification};
pub use crate::model::values::{Date, Level, Stage};

/// Largest submission accepted, in bytes (64 MiB).
pub const MAX_SUBMISSION_BYTES: usize = 64 * 1024 * 1024;
/// Largest number of innovations in one submission.
pub const MAX_INNOVATIONS: usize = 10_000;
/// Longest id, name or affair string, in characters.
pub use crate::model::values::MAX_TEXT_CHARS;

/// One region's submission.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Methodology id, e.g. `iid-2026`. May be omitted when a rubric is
    /// given explicitly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub methodology: Option<String>,
    /// Descriptive metadata; not scored.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::json::optional_object"
    )]
    pub region: Option<Region>,
    /// Region (SPD) answers by indicator code.
    #[serde(default, deserialize_with = "answers_no_duplicates")]
    pub spd: BTreeMap<String, Answer>,
    /// Reported innovations.
    #[serde(default, deserialize_with = "crate::model::json::objects")]
    pub innovations: Vec<Innovation>,
    /// The region's agencies (OPD), for the participation view: agencies
    /// listed here that report no innovation are named in the result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<String>,
}

/// Descriptive metadata of the region (pemda). Unknown fields are errors,
/// as everywhere in the format (a misspelt `kode` would otherwise vanish).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Kemendagri region code, e.g. `33.18`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `provinsi`, `kabupaten` or `kota`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Award cluster flags beyond the level, as award definitions name
    /// them (`perbatasan`, `tertinggal`, `papua`). Read by ranking.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<String>,
}

/// One reported innovation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Innovation {
    /// Unique within the submission.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Government affair (urusan): a basic-service code (`pendidikan`,
    /// `kesehatan`, `pupr`, `perumahan`, `trantibumlinmas`, `sosial`), an
    /// official name or alias, or any other snake_case code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urusan: Option<String>,
    /// Regional agency (OPD) that runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Form (bentuk): governance, public service or other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<InnovationForm>,
    /// Whether it is a digital innovation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital: Option<bool>,
    /// Who initiated it (inisiator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<Initiator>,
    /// Stage (tahapan): initiative, trial or implemented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// Date it was first implemented (waktu penerapan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implemented_on: Option<Date>,
    /// Its design document (rancang bangun) as text. Where the rubric's
    /// eligibility sets `design_min_words`, a text of fewer words (tokens
    /// separated by whitespace) leaves the innovation out; no text at all
    /// is a finding only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub design: Option<String>,
    /// Assessment years in which this innovation was entered before, for
    /// the rubric's entry limit (`max_entries`: from 2024 a third entry is
    /// left out). Not part of the interchange format: `history` and `diff`
    /// fill it from the region's other submissions (a Rust caller may set
    /// it). With the `years` feature only.
    #[cfg(feature = "years")]
    #[serde(skip)]
    pub entered_before: Vec<u16>,
    /// Per-innovation (SID) answers by indicator code.
    #[serde(default, deserialize_with = "answers_no_duplicates")]
    pub levels: BTreeMap<String, Answer>,
}

/// Form of an innovation (bentuk inovasi, PP 38/2017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InnovationForm {
    /// Inovasi tata kelola pemerintahan.
    Governance,
    /// Inovasi pelayanan publik.
    PublicService,
    /// Inovasi daerah lainnya.
    Other,
}

/// Who initiated an innovation (inisiator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Initiator {
    /// Kepala daerah.
    HeadOfRegion,
    /// Anggota DPRD.
    Dprd,
    /// Perangkat daerah (OPD).
    Opd,
    /// Aparatur sipil negara.
    Asn,
    /// Masyarakat.
    Public,
}

/// An answer to one indicator: a bare level or an object carrying it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Answer {
    /// `3`
    Level(Level),
    /// `{"level": 3, "note": "..."}`
    Detailed(Box<AnswerDetail>),
}

/// The object form of an answer: a claimed level or a measurement, its
/// evidence (bukti dukung) and a verifier's decision.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerDetail {
    /// The claimed level; may be omitted when a measurement gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// A measured figure for rows with numeric bands (`"12.5"`; a string
    /// keeps it exact, a JSON number is read by its shortest decimal form).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "decimal_string_or_number"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub value: Option<Decimal>,
    /// A category for categorical rows (`"WTP"`, `"A"`, `"Unggul"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The basis of the benefit row (`"a"` to `"f"`), with `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Evidence items.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::model::json::objects"
    )]
    pub evidence: Vec<Evidence>,
    /// The verifier's decision.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::json::optional_object"
    )]
    pub verification: Option<Verification>,
    /// Free-text remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Answer {
    /// The level stated in the answer (0 when only a measurement is given;
    /// [`crate::prepare`] derives that one from the rubric).
    pub fn level(&self) -> Level {
        match self {
            Answer::Level(l) => *l,
            Answer::Detailed(d) => d.level.unwrap_or_default(),
        }
    }

    /// The object form, when given.
    pub fn detail(&self) -> Option<&AnswerDetail> {
        match self {
            Answer::Level(_) => None,
            Answer::Detailed(d) => Some(d),
        }
    }
}

fn decimal_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a decimal number, preferably as a string (\"12.5\")")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            v.trim()
                .parse::<Decimal>()
                .map(Some)
                .map_err(|_| E::custom(format!("\"{v}\" is not a decimal number")))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Decimal::from(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Decimal::from(v)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            if !v.is_finite() {
                return Err(E::custom("not a finite number"));
            }
            self.visit_str(&v.to_string())
        }
    }
    d.deserialize_any(V)
}

impl From<u8> for Answer {
    fn from(v: u8) -> Self {
        Answer::Level(Level(v))
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level (0 to 9) or an object with a \"level\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Answer, E> {
                Level::deserialize(de::value::U64Deserializer::new(v)).map(Answer::Level)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Answer, E> {
                Level::deserialize(de::value::I64Deserializer::new(v)).map(Answer::Level)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Answer, E> {
                Level::deserialize(de::value::F64Deserializer::new(v)).map(Answer::Level)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
                AnswerDetail::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|d| Answer::Detailed(Box::new(d)))
            }
        }
        d.deserialize_any(V)
    }
}

/// An indicator code as a map key: text, or a whole number read as its
/// decimal text (maps of carriers such as Python dicts may hold numbers;
/// JSON keys are always text).
struct Code(String);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an indicator code")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Code, E> {
                Ok(Code(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Deserialize an answer map, rejecting a code given twice (plain JSON
/// parsers keep the last silently).
fn answers_no_duplicates<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Answer>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = BTreeMap<String, Answer>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object mapping indicator codes to levels")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(Code(key)) = map.next_key::<Code>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(format!(
                        "indicator \"{key}\" is given twice"
                    )));
                }
                let value: Answer = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(V)
}

impl Submission {
    /// Parse a submission from JSON bytes (checked to be UTF-8), naming the
    /// JSON path of any bad field.
    pub fn from_slice(bytes: &[u8]) -> Result<Submission, InputError> {
        let text = std::str::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
            offset: e.valid_up_to(),
        })?;
        Submission::from_json(text)
    }

    /// Parse a submission from JSON text, naming the JSON path of any bad field.
    pub fn from_json(text: &str) -> Result<Submission, InputError> {
        if text.len() > MAX_SUBMISSION_BYTES {
            return Err(InputError::TooLarge {
                path: "$".into(),
                actual: text.len(),
                limit: MAX_SUBMISSION_BYTES,
            });
        }
        // An object: serde's derive would also read a list of the fields.
        crate::model::json::read::<crate::model::json::Object<Submission>>(text, "").map(|o| o.0)
    }

    /// Parse a submission from an already-parsed JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Submission, InputError> {
        serde_path_to_error::deserialize(value)
            .map(|o: crate::model::json::Object<Submission>| o.0)
            .map_err(|e| InputError::Json {
                path: render_path(e.path()),
                message: e.inner().to_string(),
            })
    }

    /// The submission as JSON text in the interchange format.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
