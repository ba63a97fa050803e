//! Plain values of the interchange format, shared by rubrics, submissions
//! and evidence: dates, levels and innovation stages.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Longest free text of the format (names, titles, reasons), in characters.
pub const MAX_TEXT_CHARS: usize = 1_000;
/// Longest design document (`design`) of an innovation, in characters.
pub const MAX_DESIGN_CHARS: usize = 200_000;

/// Words of a text: tokens separated by whitespace (Unicode `White_Space`),
/// as the design-document rule counts them.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parse `YYYY-MM-DD`, checking the calendar (leap years included).
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(format!("\"{s}\" is not a date in the form YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<i32>().unwrap_or(0);
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("\"{s}\": month {month} does not exist")),
        };
        if day < 1 || day > days {
            return Err(format!("\"{s}\" is not a valid calendar date"));
        }
        if year < 1900 {
            return Err(format!(
                "\"{s}\" is before 1900-01-01, the earliest date the format accepts"
            ));
        }
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "format": "date"})
    }
}

/// Stage of an innovation (tahapan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Inisiatif.
    Initiative,
    /// Uji coba.
    Trial,
    /// Penerapan.
    Implemented,
}

/// A chosen parameter: 1..=number of parameters, 0 for unanswered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Level(pub u8);

impl Level {
    /// The highest level the format reads (an indicator has at most 9
    /// parameters).
    pub const MAX: u8 = 9;

    /// The level a number stands for, by the one rule every surface
    /// (JSON, tables, Python, JavaScript) follows: a whole number from 0
    /// to 9; a number whose fraction is zero (`3.0`, `3e0`, `-0.0`) is that
    /// whole number. A fraction, a negative, a non-finite number or one
    /// above 9 is an error that shows the number as given (in its
    /// shortest form: `2.5`, `1e300`).
    pub fn from_number(v: f64) -> Result<Level, String> {
        if !v.is_finite() {
            return Err(format!(
                "level {v:?} is not a number from 0 to {}",
                Level::MAX
            ));
        }
        if v.fract() != 0.0 {
            return Err(format!("level {v:?} is not a whole number"));
        }
        if v < 0.0 {
            return Err(format!(
                "level {v:?} is negative: a level is 0 (unanswered) to the number of parameters"
            ));
        }
        if v > f64::from(Level::MAX) {
            return Err(format!(
                "level {v:?} out of range: a level is 0 (unanswered) to the number of parameters"
            ));
        }
        Ok(Level(v as u8))
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level: a whole number 0 (unanswered) to 9")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Level, E> {
                if v > 9 {
                    return Err(E::custom(format!(
                        "level {v} out of range: a level is 0 (unanswered) to the number of parameters"
                    )));
                }
                Ok(Level(v as u8))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Level, E> {
                if v < 0 {
                    return Err(E::custom(format!(
                        "level {v} is negative: a level is 0 (unanswered) to the number of parameters"
                    )));
                }
                self.visit_u64(v as u64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Level, E> {
                Level::from_number(v).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}
