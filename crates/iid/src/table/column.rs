//! Columns of the table form: levels and keys (region codes, affairs,
//! methodology ids) as a carrier holds them, and the rules that read them.

use std::borrow::Cow;
use std::fmt;

use crate::model::values::{Level, MAX_LEVEL};

/// A column of levels, one cell per row.
#[derive(Debug, Clone, PartialEq)]
pub enum LevelColumn<'a> {
    /// Small whole numbers (a numpy `uint8` column); 0 is unanswered.
    U8(Cow<'a, [u8]>),
    /// Whole numbers of any width; 0 is unanswered.
    I64(Cow<'a, [i64]>),
    /// Floats, the carrier of numpy and pandas float columns: NaN is
    /// unanswered, a whole value (`3.0`) is that level.
    F64(Cow<'a, [f64]>),
    /// Optional levels: `None` is unanswered.
    Optional(Cow<'a, [Option<u8>]>),
}

impl LevelColumn<'_> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            LevelColumn::U8(v) => v.len(),
            LevelColumn::I64(v) => v.len(),
            LevelColumn::F64(v) => v.len(),
            LevelColumn::Optional(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cells as levels, one byte per row (0: unanswered), by the
    /// number rule of [`Level`]; the first bad cell as `(row, message)`.
    /// A `U8` column within the rule is borrowed, not copied.
    pub fn levels(&self) -> Result<Cow<'_, [u8]>, (usize, String)> {
        fn each<T: Copy>(
            v: &[T],
            f: impl Fn(T) -> Result<Level, String>,
        ) -> Result<Cow<'static, [u8]>, (usize, String)> {
            v.iter()
                .enumerate()
                .map(|(row, &x)| f(x).map(|l| l.0).map_err(|m| (row, m)))
                .collect::<Result<Vec<u8>, _>>()
                .map(Cow::Owned)
        }
        match self {
            // The maximum first: one vectorised pass over the usual column.
            LevelColumn::U8(v) if v.iter().copied().max().unwrap_or(0) <= MAX_LEVEL => {
                Ok(Cow::Borrowed(v))
            }
            LevelColumn::U8(v) => each(v, |x| Level::from_u64(u64::from(x))),
            LevelColumn::I64(v) => each(v, Level::from_i64),
            LevelColumn::F64(v) => each(v, |x| {
                if x.is_nan() {
                    Ok(Level(0))
                } else {
                    Level::from_f64(x)
                }
            }),
            LevelColumn::Optional(v) => each(v, |x| match x {
                None => Ok(Level(0)),
                Some(l) => Level::from_u64(u64::from(l)),
            }),
        }
    }
}

/// One key: a region code, an affair or a methodology id, as text or as a
/// whole number (numeric region codes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key<'a> {
    Text(Cow<'a, str>),
    Int(i64),
}

impl Key<'_> {
    /// The key as text, if it is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Key::Text(s) => Some(s),
            Key::Int(_) => None,
        }
    }
}

impl fmt::Display for Key<'_> {
    /// Text quoted (`'33.18'`), numbers bare (`3318`), so that a code and
    /// its number read apart in messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Text(s) => write!(f, "'{s}'"),
            Key::Int(x) => write!(f, "{x}"),
        }
    }
}

/// A column of keys, one cell per row; a missing cell (`None`, a negative
/// code) is no key.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyColumn<'a> {
    /// One key per row.
    Plain(Vec<Option<Key<'a>>>),
    /// Dictionary encoded (a pandas categorical, an Arrow dictionary):
    /// row j holds `values[codes[j]]`; a negative code is missing.
    Coded {
        codes: Codes<'a>,
        values: Vec<Option<Key<'a>>>,
    },
}

/// The codes of a dictionary-encoded column, in the width its carrier
/// holds them (pandas stores the codes of up to 127 categories as `int8`,
/// of up to 32,767 as `int16`): read in place, never widened first.
#[derive(Debug, Clone, PartialEq)]
pub enum Codes<'a> {
    I8(Cow<'a, [i8]>),
    I16(Cow<'a, [i16]>),
    I32(Cow<'a, [i32]>),
    I64(Cow<'a, [i64]>),
}

impl Codes<'_> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Codes::I8(v) => v.len(),
            Codes::I16(v) => v.len(),
            Codes::I32(v) => v.len(),
            Codes::I64(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each row's `ids[code]` ([`coded_rows`]).
    fn rows(&self, ids: &[u32]) -> Result<Vec<u32>, (usize, String)> {
        match self {
            Codes::I8(v) => coded_rows(v, ids),
            Codes::I16(v) => coded_rows(v, ids),
            Codes::I32(v) => coded_rows(v, ids),
            Codes::I64(v) => coded_rows(v, ids),
        }
    }

    /// The code of a row, if the row exists.
    pub fn get(&self, row: usize) -> Option<i64> {
        match self {
            Codes::I8(v) => v.get(row).map(|&c| i64::from(c)),
            Codes::I16(v) => v.get(row).map(|&c| i64::from(c)),
            Codes::I32(v) => v.get(row).map(|&c| i64::from(c)),
            Codes::I64(v) => v.get(row).copied(),
        }
    }
}

macro_rules! codes_from {
    ($($t:ty => $variant:ident),*) => {$(
        impl From<Vec<$t>> for Codes<'_> {
            fn from(v: Vec<$t>) -> Self {
                Codes::$variant(Cow::Owned(v))
            }
        }
    )*};
}
codes_from!(i8 => I8, i16 => I16, i32 => I32, i64 => I64);

/// Each row's id: `ids[code]`, [`MISSING`] for a negative code; a code
/// past `ids` is an error `(row, message)`. The bound is checked first in
/// one pass in the codes' own width (a fold of `max`, which vectorises;
/// `Iterator::max` over the widened codes did not), so that the lookups
/// then run without a branch: through `ids` shifted by one behind a
/// [`MISSING`] entry, at `max(code, -1) + 1`. For the nation's two coded
/// columns, 32 against 40 us (`perf` of `cargo bench --bench national
/// -- columns_coded`).
fn coded_rows<T: Copy + Ord + Into<i64>>(
    codes: &[T],
    ids: &[u32],
) -> Result<Vec<u32>, (usize, String)> {
    let past = |c: i64| c >= ids.len() as i64;
    let max = |&first: &T| codes.iter().copied().fold(first, Ord::max);
    if codes.first().map(max).is_some_and(|m| past(m.into())) {
        if let Some((row, c)) = codes
            .iter()
            .map(|&c| c.into())
            .enumerate()
            .find(|&(_, c)| past(c))
        {
            return Err((row, format!("category code {c} out of range")));
        }
    }
    let shifted: Vec<u32> = std::iter::once(MISSING)
        .chain(ids.iter().copied())
        .collect();
    let at = |c: T| (c.into().max(-1) + 1) as usize;
    Ok(codes
        .iter()
        .map(|&c| shifted.get(at(c)).copied().unwrap_or(MISSING))
        .collect())
}

/// The map of distinct keys: foldhash (seeded per process, so crafted keys
/// cannot be made to collide; several times faster than SipHash on short
/// keys) with the `fast-hash` feature, else std's.
pub(crate) type KeyMap<K, V> = std::collections::HashMap<K, V, HashState>;

/// The hasher of [`KeyMap`] (and of the quick path's innovation ids).
#[cfg(feature = "fast-hash")]
pub(crate) type HashState = foldhash::fast::RandomState;
#[cfg(not(feature = "fast-hash"))]
pub(crate) type HashState = std::hash::RandomState;

/// `Encoded::rows` value of a missing cell.
pub(crate) const MISSING: u32 = u32::MAX;

/// A key column in dictionary form with distinct keys: each row's index
/// into `keys`, or [`MISSING`].
pub(crate) struct Encoded<'k, 'a> {
    pub rows: Vec<u32>,
    pub keys: Vec<&'k Key<'a>>,
}

impl<'a> KeyColumn<'a> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            KeyColumn::Plain(v) => v.len(),
            KeyColumn::Coded { codes, .. } => codes.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The key of a row, if it has one (a row beyond the column or a code
    /// outside the dictionary has none).
    pub fn get(&self, row: usize) -> Option<Key<'_>> {
        let k = match self {
            KeyColumn::Plain(v) => v.get(row)?.as_ref(),
            KeyColumn::Coded { codes, values } => {
                let c = usize::try_from(codes.get(row)?).ok()?;
                values.get(c)?.as_ref()
            }
        }?;
        Some(match k {
            Key::Text(s) => Key::Text(Cow::Borrowed(s.as_ref())),
            Key::Int(x) => Key::Int(*x),
        })
    }

    /// The column with equal keys merged (each distinct key once); a code
    /// outside the dictionary is an error `(row, message)`.
    pub(crate) fn encode(&self) -> Result<Encoded<'_, 'a>, (usize, String)> {
        let mut keys: Vec<&Key<'a>> = Vec::new();
        let mut index: KeyMap<&Key<'a>, u32> = KeyMap::default();
        match self {
            KeyColumn::Plain(v) => {
                // Rows of one key often come together (innovations listed
                // region by region): a row equal to the one before takes
                // its id without hashing.
                let mut last: Option<(&Key<'a>, u32)> = None;
                let rows = v
                    .iter()
                    .map(|k| match k {
                        None => MISSING,
                        Some(k) => match last {
                            Some((prev, id)) if prev == k => id,
                            _ => {
                                let id = *index.entry(k).or_insert_with(|| {
                                    keys.push(k);
                                    (keys.len() - 1) as u32
                                });
                                last = Some((k, id));
                                id
                            }
                        },
                    })
                    .collect();
                Ok(Encoded { rows, keys })
            }
            KeyColumn::Coded { codes, values } => {
                let ids: Vec<u32> = values
                    .iter()
                    .map(|k| match k {
                        None => MISSING,
                        Some(k) => *index.entry(k).or_insert_with(|| {
                            keys.push(k);
                            (keys.len() - 1) as u32
                        }),
                    })
                    .collect();
                let rows = codes.rows(&ids)?;
                Ok(Encoded { rows, keys })
            }
        }
    }

    /// Each row's `id` of its key, [`MISSING`] for a missing cell: `id`
    /// runs once per distinct key (per dictionary entry of a coded
    /// column, whether a row holds it or not), and a coded column is
    /// mapped in one pass over its codes. A code outside the dictionary is
    /// an error `(row, message)`.
    pub(crate) fn rows_by(
        &self,
        mut id: impl FnMut(&Key<'a>) -> u32,
    ) -> Result<Vec<u32>, (usize, String)> {
        match self {
            KeyColumn::Coded { codes, values } => {
                let ids: Vec<u32> = values
                    .iter()
                    .map(|k| k.as_ref().map_or(MISSING, &mut id))
                    .collect();
                codes.rows(&ids)
            }
            KeyColumn::Plain(_) => {
                let enc = self.encode()?;
                let ids: Vec<u32> = enc.keys.iter().map(|k| id(k)).collect();
                let id_of = |k: u32| ids.get(k as usize).copied().unwrap_or(MISSING);
                Ok(enc.rows.iter().map(|&k| id_of(k)).collect())
            }
        }
    }
}
