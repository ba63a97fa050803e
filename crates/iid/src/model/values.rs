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

/// Highest level any rubric allows (its parameters per indicator).
pub const MAX_LEVEL: u8 = 9;

/// The number rule, one for every carrier (JSON, Python values, table
/// columns): a level is a whole number 0 (unanswered) to [`MAX_LEVEL`]; a
/// number whose fraction is zero (`3.0`, `3e0`, `-0.0`) is that whole
/// number. Negative, fractional, non-finite and larger values are errors
/// whose message shows the number as given, in its shortest form (`2.5`,
/// `1e300`); the caller adds the path. The rubric's own maximum is checked
/// later, as `level_out_of_range`.
impl Level {
    /// The highest level the format reads.
    pub const MAX: u8 = MAX_LEVEL;

    /// A whole number as a level.
    #[inline]
    pub fn from_u64(v: u64) -> Result<Level, String> {
        if v > u64::from(MAX_LEVEL) {
            return Err(format!(
                "level {v} out of range: a level is 0 (unanswered) to the number of parameters"
            ));
        }
        Ok(Level(v as u8))
    }

    /// A signed whole number as a level.
    #[inline]
    pub fn from_i64(v: i64) -> Result<Level, String> {
        if v < 0 {
            return Err(format!(
                "level {v} is negative: a level is 0 (unanswered) to the number of parameters"
            ));
        }
        Level::from_u64(v as u64)
    }

    /// A float as a level: accepted when it holds a whole value.
    pub fn from_f64(v: f64) -> Result<Level, String> {
        if v.is_nan() {
            return Err(
                "level NaN is not a number: leave the indicator out (unanswered) or give a level"
                    .into(),
            );
        }
        if !v.is_finite() {
            return Err(format!("level {v:?} is not a finite number"));
        }
        if v.fract() != 0.0 {
            return Err(format!("level {v:?} is not a whole number"));
        }
        if v < 0.0 {
            return Err(format!(
                "level {v:?} is negative: a level is 0 (unanswered) to the number of parameters"
            ));
        }
        if v > f64::from(MAX_LEVEL) {
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
                Level::from_u64(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Level, E> {
                Level::from_i64(v).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Level, E> {
                Level::from_f64(v).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_number_rule() {
        assert_eq!(Level::from_u64(3), Ok(Level(3)));
        assert_eq!(Level::from_i64(0), Ok(Level(0)));
        assert_eq!(Level::from_f64(3.0), Ok(Level(3)));
        assert_eq!(Level::from_f64(-0.0), Ok(Level(0)));
        for bad in [2.5, -1.0, 10.0, 1e300, f64::INFINITY, f64::NAN] {
            assert!(Level::from_f64(bad).is_err(), "{bad}");
        }
        assert!(Level::from_i64(-1).is_err());
        assert!(Level::from_u64(10).is_err());
        // JSON agrees: 3.0 is 3, 2.5 is not a level.
        assert_eq!(serde_json::from_str::<Level>("3.0").unwrap(), Level(3));
        assert!(serde_json::from_str::<Level>("2.5").is_err());
    }
}
